//! Reading statistics from the paragraphs and sentences of a text: counts, reading and speaking
//! time, and the readability formulas. Each formula is a small pure function of counts.

use std::collections::HashSet;

use super::report::{Readability, Span, Stats};
use super::{syllables, tokens};

/// Silent reading speed for non-fiction, words per minute (Brysbaert 2019, "How many words do we
/// read per minute? A review and meta-analysis of reading rate", J. Memory and Language 109).
pub const READING_WPM: f64 = 238.0;
/// Reading aloud, words per minute (same source).
pub const SPEAKING_WPM: f64 = 183.0;

/// Flesch Reading Ease (Flesch 1948): 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words).
pub fn flesch_reading_ease(words: usize, sentences: usize, syllables: usize) -> Option<f64> {
    if words == 0 || sentences == 0 {
        return None;
    }
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    Some(206.835 - 1.015 * (w / s) - 84.6 * (y / w))
}

/// Flesch-Kincaid grade level (Kincaid et al. 1975): 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59.
pub fn flesch_kincaid_grade(words: usize, sentences: usize, syllables: usize) -> Option<f64> {
    if words == 0 || sentences == 0 {
        return None;
    }
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    Some(0.39 * (w / s) + 11.8 * (y / w) - 15.59)
}

/// Statistics of the text covered by `paragraphs` and `sentences` (spans into `text`).
pub fn compute(text: &str, paragraphs: &[Span], sentences: &[Span]) -> Stats {
    let mut st = Stats { paragraphs: paragraphs.len(), sentences: sentences.len(), ..Stats::default() };
    let mut seen: HashSet<String> = HashSet::new();
    for p in paragraphs {
        let slice = p.slice(text);
        for c in slice.chars() {
            st.characters += 1;
            if !c.is_whitespace() {
                st.characters_no_spaces += 1;
            }
            if c.is_alphabetic() {
                st.letters += 1;
            }
        }
        for w in tokens::words(text, *p) {
            let word = w.slice(text);
            st.words += 1;
            st.syllables += syllables::count(word);
            if !seen.contains(word) {
                seen.insert(word.to_lowercase());
            }
        }
    }
    st.unique_words = seen.len();
    st.reading_time_seconds = st.words as f64 / READING_WPM * 60.0;
    st.speaking_time_seconds = st.words as f64 / SPEAKING_WPM * 60.0;
    st.readability = Readability {
        flesch_reading_ease: flesch_reading_ease(st.words, st.sentences, st.syllables),
        flesch_kincaid_grade: flesch_kincaid_grade(st.words, st.sentences, st.syllables),
    };
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_match_references() {
        // "The cat sat on the mat.": 1 sentence, 6 words, 6 syllables.
        let fre = flesch_reading_ease(6, 1, 6).unwrap();
        assert!((fre - 116.145).abs() < 1e-9, "{fre}");
        assert_eq!(flesch_reading_ease(0, 0, 0), None);
    }

    #[test]
    fn counts() {
        let t = "The cat sat on the mat. The dog did too.";
        let st = compute(t, &[Span::new(0, t.len())], &[Span::new(0, 23), Span::new(24, t.len())]);
        assert_eq!((st.words, st.sentences, st.paragraphs, st.unique_words), (10, 2, 1, 8));
        assert_eq!(st.characters, t.chars().count());
        assert_eq!(st.letters, 29);
    }
}
