//! Syllable counts for English words from spelling rules: vowel groups, silent final e, and a few
//! common endings. A first version; a dictionary-backed table replaces it for known words.

/// Syllables in one word (at least 1 for any word with a letter; digits count as 0 here).
pub fn count(word: &str) -> usize {
    let lower: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    if lower.is_empty() {
        return 0;
    }
    if !lower.iter().all(|c| c.is_ascii_lowercase()) {
        // Non-English script: count vowel-like groups is meaningless; one per word.
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut prev_vowel = false;
    for (i, &c) in lower.iter().enumerate() {
        let v = is_vowel(c) && !(c == 'y' && i == 0);
        if v && !prev_vowel {
            groups += 1;
        }
        prev_vowel = v;
    }
    let n = lower.len();
    let ends = |s: &str| lower.iter().rev().take(s.len()).rev().copied().eq(s.chars());
    // Silent final e ("make"), but not "-le" after a consonant ("table") or "the".
    if n > 2 && lower[n - 1] == 'e' && !is_vowel(lower[n - 2]) && groups > 1 && !(ends("le") && !is_vowel(lower[n - 3])) {
        groups -= 1;
    }
    // "-ed" is silent unless after t or d ("jumped" vs "wanted").
    if n > 3 && ends("ed") && !matches!(lower[n - 3], 't' | 'd') && !is_vowel(lower[n - 3]) && groups > 1 {
        groups -= 1;
    }
    // "-es" is silent after most consonants ("makes") but not after sibilants ("boxes").
    if n > 3 && ends("es") && !matches!(lower[n - 3], 's' | 'x' | 'z' | 'c' | 'g' | 'h') && !is_vowel(lower[n - 3]) && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn common_words() {
        let cases = [
            ("the", 1), ("cat", 1), ("make", 1), ("table", 2), ("jumped", 1), ("wanted", 2),
            ("boxes", 2), ("makes", 1), ("reading", 2), ("analysis", 4), ("beautiful", 3),
            ("yes", 1), ("city", 2), ("", 0), ("42", 0),
        ];
        for (w, n) in cases {
            assert_eq!(count(w), n, "{w}");
        }
    }
}
