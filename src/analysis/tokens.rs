//! Words: Unicode word segmentation (UAX #29) keeping only segments with a letter or a digit.
//! Used by the statistics and, later, by duplicates and entities.

use unicode_segmentation::UnicodeSegmentation;

use super::report::Span;

/// Word spans in `text[span]`, in order.
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let region = &text[span.start..span.end];
    region
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(|c| c.is_alphanumeric()))
        .map(|(i, w)| Span::new(span.start + i, span.start + i + w.len()))
        .collect()
}

/// Count the words in `text` without allocating spans.
pub fn count_words(text: &str) -> usize {
    text.split_word_bounds().filter(|w| w.chars().any(|c| c.is_alphanumeric())).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_offsets() {
        let t = "Don't stop: 3.5% of U.S. voters, caf\u{e9} \u{1F600} \u{5317}\u{4EAC}!";
        let got: Vec<&str> = words(t, Span::new(0, t.len())).iter().map(|s| s.slice(t)).collect();
        assert_eq!(got, ["Don't", "stop", "3.5", "of", "U.S", "voters", "caf\u{e9}", "\u{5317}", "\u{4EAC}"]);
        assert_eq!(count_words(t), 9);
    }
}
