//! Readability formulas: each a small pure function of counts, documented with its reference.
//! `None` where a formula is undefined (no words or no sentences). The counts are made by
//! `stats::compute`; the formulas never look at text, so they can be checked against published
//! worked examples with counts in, score out.

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Flesch Reading Ease (Flesch 1948, "A new readability yardstick", J. Applied Psychology 32):
/// 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words). 0-100, higher is easier.
pub fn flesch_reading_ease(words: usize, sentences: usize, syllables: usize) -> Option<f64> {
    Some(206.835 - 1.015 * ratio(words, sentences)? - 84.6 * ratio(syllables, words)?)
}

/// Flesch-Kincaid grade (Kincaid, Fishburne, Rogers, Chissom 1975, Navy report RBR 8-75):
/// 0.39 (words / sentences) + 11.8 (syllables / words) - 15.59.
pub fn flesch_kincaid_grade(words: usize, sentences: usize, syllables: usize) -> Option<f64> {
    Some(0.39 * ratio(words, sentences)? + 11.8 * ratio(syllables, words)? - 15.59)
}

/// Gunning Fog index (Gunning 1952, "The Technique of Clear Writing"):
/// 0.4 (words / sentences + 100 complex / words); complex words have 3+ syllables, not counting
/// proper nouns, hyphenated compounds, and -es/-ed/-ing making the third syllable.
pub fn gunning_fog(words: usize, sentences: usize, complex_words: usize) -> Option<f64> {
    Some(0.4 * (ratio(words, sentences)? + 100.0 * ratio(complex_words, words)?))
}

/// SMOG grade (McLaughlin 1969, "SMOG grading: a new readability formula", J. Reading 12):
/// 1.043 sqrt(polysyllables x 30 / sentences) + 3.1291. Valid from 30 sentences on.
pub fn smog(sentences: usize, polysyllables: usize) -> Option<f64> {
    Some(1.043 * (polysyllables as f64 * 30.0 / sentences.max(1) as f64).sqrt() + 3.1291).filter(|_| sentences > 0)
}

/// Coleman-Liau index (Coleman & Liau 1975, J. Applied Psychology 60): 0.0588 L - 0.296 S - 15.8,
/// L letters and S sentences per 100 words.
pub fn coleman_liau(letters: usize, words: usize, sentences: usize) -> Option<f64> {
    Some(0.0588 * 100.0 * ratio(letters, words)? - 0.296 * 100.0 * ratio(sentences, words)? - 15.8)
}

/// Automated Readability Index (Smith & Senter 1967, AMRL-TR-66-220; Kincaid et al. 1975):
/// 4.71 (characters / words) + 0.5 (words / sentences) - 21.43; characters are letters and digits.
pub fn automated_readability_index(characters: usize, words: usize, sentences: usize) -> Option<f64> {
    Some(4.71 * ratio(characters, words)? + 0.5 * ratio(words, sentences)? - 21.43)
}

/// New Dale-Chall raw score (Dale & Chall 1948, "A formula for predicting readability", as
/// adjusted by Powers, Sumner, Kearl 1958): 0.1579 (% difficult words) + 0.0496 (words /
/// sentences), plus 3.6365 when more than 5% of the words are difficult (not on the familiar list).
pub fn dale_chall(words: usize, sentences: usize, difficult_words: usize) -> Option<f64> {
    let pct = 100.0 * ratio(difficult_words, words)?;
    Some(0.1579 * pct + 0.0496 * ratio(words, sentences)? + if pct > 5.0 { 3.6365 } else { 0.0 })
}

/// The grade band of a Dale-Chall score (Chall & Dale 1995 table): 4.9 and below is grade 4 and
/// below, 5.0-5.9 grades 5-6, 6.0-6.9 grades 7-8, 7.0-7.9 grades 9-10, 8.0-8.9 grades 11-12,
/// 9.0-9.9 grades 13-15 (college), 10 and above grade 16 and above (upper bound infinite).
pub fn dale_chall_grade_band(score: f64) -> (f64, f64) {
    match score {
        s if s < 5.0 => (0.0, 4.0),
        s if s < 6.0 => (5.0, 6.0),
        s if s < 7.0 => (7.0, 8.0),
        s if s < 8.0 => (9.0, 10.0),
        s if s < 9.0 => (11.0, 12.0),
        s if s < 10.0 => (13.0, 15.0),
        _ => (16.0, f64::INFINITY),
    }
}

/// Linsear Write (O'Hayre 1966, "Gobbledygook Has Gotta Go", US Bureau of Land Management), on a
/// sample of about 100 words: r = (easy + 3 hard) / sentences, with hard words of 3+ syllables;
/// the grade is r / 2 when r > 20, else (r - 2) / 2.
pub fn linsear_write(easy_words: usize, hard_words: usize, sentences: usize) -> Option<f64> {
    let r = ratio(easy_words + 3 * hard_words, sentences)?;
    Some(if r > 20.0 { r / 2.0 } else { (r - 2.0) / 2.0 })
}

/// Revised Spache formula (Spache 1953, "A new readability formula for primary-grade reading
/// materials", Elementary School J. 53; revised 1974): 0.121 (words / sentences) + 0.082
/// (% unfamiliar words) + 0.659. Meant for texts up to grade 3.
pub fn spache(words: usize, sentences: usize, unfamiliar_words: usize) -> Option<f64> {
    Some(0.121 * ratio(words, sentences)? + 0.082 * 100.0 * ratio(unfamiliar_words, words)? + 0.659)
}

/// LIX (Björnsson 1968, "Läsbarhet"): words / sentences + 100 long words / words, long words
/// having more than 6 letters. Below 30 very easy, above 60 very hard.
pub fn lix(words: usize, sentences: usize, long_words: usize) -> Option<f64> {
    Some(ratio(words, sentences)? + 100.0 * ratio(long_words, words)?)
}

/// RIX (Anderson 1983, "Lix and Rix: variations on a little-known readability index", J. Reading
/// 26): long words (more than 6 letters) per sentence.
pub fn rix(long_words: usize, sentences: usize) -> Option<f64> {
    ratio(long_words, sentences)
}

/// Consensus grade: the median of the grade-level formulas given (Flesch-Kincaid, Gunning Fog,
/// SMOG, Coleman-Liau, ARI, Linsear Write, the lower bound of the Dale-Chall band). The median,
/// unlike textstat's most-frequent rounded grade, does not jump between two distant grades.
pub fn consensus_grade(grades: &[Option<f64>]) -> Option<f64> {
    let mut g: Vec<f64> = grades.iter().flatten().copied().filter(|x| x.is_finite()).collect();
    if g.is_empty() {
        return None;
    }
    g.sort_by(f64::total_cmp);
    let n = g.len();
    Some(if n % 2 == 1 { g[n / 2] } else { (g[n / 2 - 1] + g[n / 2]) / 2.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(got: Option<f64>, expected: f64) {
        let got = got.expect("a value");
        assert!((got - expected).abs() < 1e-6, "got {got}, expected {expected}");
    }

    #[test]
    fn worked_examples() {
        // "The cat sat on the mat.": 1 sentence, 6 words, 6 syllables (Flesch).
        check(flesch_reading_ease(6, 1, 6), 116.145);
        check(flesch_kincaid_grade(13, 1, 26), 13.08);
        check(gunning_fog(13, 1, 0), 5.2);
        check(smog(1, 0), 3.1291);
        check(coleman_liau(639, 119, 5), 14.530420168);
        check(automated_readability_index(623, 151, 6), 10.585982340);
        check(dale_chall(30, 2, 0), 0.744);
        check(dale_chall(30, 2, 6), 7.5385);
        check(linsear_write(90, 10, 5), 12.0);
        check(linsear_write(20, 0, 2), 4.0);
        check(spache(30, 2, 6), 4.114);
        check(lix(100, 5, 30), 50.0);
        check(rix(30, 5), 6.0);
        check(consensus_grade(&[Some(3.0), None, Some(9.0), Some(5.0)]), 5.0);
    }

    #[test]
    fn undefined_without_words_or_sentences() {
        assert_eq!(flesch_reading_ease(0, 0, 0), None);
        assert_eq!(smog(0, 3), None);
        assert_eq!(rix(3, 0), None);
        assert_eq!(consensus_grade(&[None]), None);
        assert_eq!(dale_chall_grade_band(7.5), (9.0, 10.0));
        assert_eq!(dale_chall_grade_band(12.0).1, f64::INFINITY);
    }
}
