//! Words: Unicode word segmentation (UAX #29) keeping only segments with a letter or a digit.
//! Used by the statistics and, later, by duplicates and entities.
//!
//! Most text is ASCII, so the text is cut into pieces at places where UAX #29 always breaks and
//! where the segments on either side do not depend on each other: after an ASCII character that
//! no word rule joins (a space, a newline, most punctuation) when an ASCII character follows. An
//! ASCII piece goes through `ascii_words`, which applies the rules of UAX #29 that ASCII text can
//! meet; a piece with other characters goes through `unicode-segmentation`. Both give the same
//! words (tested on random strings below).

use unicode_segmentation::UnicodeSegmentation;

use super::report::Span;

/// How UAX #29 classes an ASCII byte (its Word_Break property).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter: A-Z, a-z.
    Letter,
    /// Numeric: 0-9.
    Digit,
    /// ExtendNumLet: `_`.
    Underscore,
    /// MidLetter `:`; joins letters only.
    MidLetter,
    /// MidNumLet `.` and Single_Quote `'`; join letters, and digits.
    MidNumLet,
    /// MidNum `,` and `;`; join digits only.
    MidNum,
    /// CR: never split after it (CR LF stays together).
    Cr,
    /// Everything else (spaces, newlines, other punctuation): no word rule joins it.
    Other,
}

const fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Underscore,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b'\r' => Class::Cr,
        _ => Class::Other,
    }
}

/// Word spans (relative to `s`) of an ASCII string, exactly as UAX #29 and the filter give them.
fn ascii_words(s: &[u8], base: usize, out: &mut impl FnMut(usize, usize)) {
    let n = s.len();
    let mut i = 0;
    while i < n {
        let c = class(s[i]);
        if !matches!(c, Class::Letter | Class::Digit | Class::Underscore) {
            i += 1;
            continue;
        }
        let start = i;
        let mut alnum = false;
        loop {
            // WB5, WB8-10, WB13a-b: letters, digits and `_` join each other.
            while i < n && matches!(class(s[i]), Class::Letter | Class::Digit | Class::Underscore) {
                alnum |= s[i] != b'_';
                i += 1;
            }
            if i + 1 >= n {
                break;
            }
            // WB6-7: letter (MidLetter | MidNumLetQ) letter; WB11-12: digit (MidNum | MidNumLetQ) digit.
            let (prev, mid, next) = (class(s[i - 1]), class(s[i]), class(s[i + 1]));
            let join = match (prev, next) {
                (Class::Letter, Class::Letter) => matches!(mid, Class::MidLetter | Class::MidNumLet),
                (Class::Digit, Class::Digit) => matches!(mid, Class::MidNum | Class::MidNumLet),
                _ => false,
            };
            if !join {
                break;
            }
            i += 1;
        }
        if alnum {
            out(base + start, base + i);
        }
    }
}

/// Whether UAX #29 always breaks between `b[p - 1]` and `b[p]` with no rule looking across.
fn is_cut(b: &[u8], p: usize) -> bool {
    b[p] < 0x80 && b[p - 1] < 0x80 && class(b[p - 1]) == Class::Other
}

/// Calls `out(start, end)` for each word of `text[span]`, in order.
fn each_word(text: &str, span: Span, mut out: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let (start, end) = (span.start.min(b.len()), span.end.min(b.len()));
    let mut at = start;
    while at < end {
        // The ASCII stretch from `at`; it ends at the last cut before the next non-ASCII byte.
        let Some(off) = b[at..end].iter().position(|&c| c >= 0x80) else {
            ascii_words(&b[at..end], at, &mut out);
            return;
        };
        let other = at + off;
        let mut cut = other;
        while cut > at && !is_cut(b, cut) {
            cut -= 1;
        }
        if cut > at {
            ascii_words(&b[at..cut], at, &mut out);
        }
        // The piece with the non-ASCII characters, up to the next cut after them.
        let mut next = other + 1;
        while next < end && !is_cut(b, next) {
            next += 1;
        }
        let piece = text.get(cut..next).unwrap_or_default(); // spans off char boundaries: no words
        for (i, w) in piece.split_word_bound_indices() {
            if w.chars().any(|c| c.is_alphanumeric()) {
                out(cut + i, cut + i + w.len());
            }
        }
        at = next;
    }
}

/// Word spans in `text[span]`, in order.
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let mut spans = Vec::with_capacity((span.end.saturating_sub(span.start)) / 6);
    each_word(text, span, |s, e| spans.push(Span::new(s, e)));
    spans
}

/// Count the words in `text` without allocating spans.
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    each_word(text, Span::new(0, text.len()), |_, _| n += 1);
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words as `unicode-segmentation` alone gives them.
    fn reference(t: &str) -> Vec<Span> {
        t.split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(|c| c.is_alphanumeric()))
            .map(|(i, w)| Span::new(i, i + w.len()))
            .collect()
    }

    #[test]
    fn words_and_offsets() {
        let t = "Don't stop: 3.5% of U.S. voters, caf\u{e9} \u{1F600} \u{5317}\u{4EAC}!";
        let got: Vec<&str> = words(t, Span::new(0, t.len())).iter().map(|s| s.slice(t)).collect();
        assert_eq!(got, ["Don't", "stop", "3.5", "of", "U.S", "voters", "caf\u{e9}", "\u{5317}", "\u{4EAC}"]);
        assert_eq!(count_words(t), 9);
    }

    #[test]
    fn same_as_unicode_segmentation_on_cases() {
        for t in [
            "",
            "a",
            "_",
            "__a__",
            "a:b 1:2 a.1 1.a 1,2 a,b 1;2 a;b a'b 1'2 a..b 1,,2",
            "x.y.z. 3.14.15",
            "e\u{301}t\u{e9} a\u{301}b",
            "\r\n\ra\r\nb",
            "don\u{2019}t \u{201c}quoted\u{201d} \u{2014}dash\u{2014}",
            "a\u{200d}\u{1F600} b",
            "\u{30a2}\u{30a2}_a",
            "1\u{2019}2 a\u{2019}b",
            " \u{301}a",
            "a.\u{301}b",
        ] {
            assert_eq!(words(t, Span::new(0, t.len())), reference(t), "{t:?}");
        }
    }

    proptest! {
        #[test]
        fn ascii_path_is_uax29(t in "[ -~\t\r\n]{0,60}") {
            prop_assert_eq!(words(&t, Span::new(0, t.len())), reference(&t));
        }

        #[test]
        fn ascii_path_is_uax29_on_word_like_ascii(t in "[aZ09_:.',; \r\n-]{0,40}") {
            prop_assert_eq!(words(&t, Span::new(0, t.len())), reference(&t));
        }

        #[test]
        fn mixed_text_is_uax29(t in "[a1_:.',; \r\n\u{e9}\u{301}\u{200d}\u{2019}\u{2014}\u{a0}\u{30a2}\u{5317}\u{1F600}\u{1F1E6}]{0,40}") {
            prop_assert_eq!(words(&t, Span::new(0, t.len())), reference(&t));
        }

        #[test]
        fn sub_spans_are_uax29(t in "[ -~\u{e9}\u{2019}]{0,40}", a in 0usize..40, b in 0usize..40) {
            let (mut a, mut b) = (a.min(t.len()), b.min(t.len()));
            if a > b { std::mem::swap(&mut a, &mut b); }
            while !t.is_char_boundary(a) { a -= 1; }
            while !t.is_char_boundary(b) { b -= 1; }
            let want: Vec<Span> = reference(&t[a..b]).into_iter().map(|s| Span::new(s.start + a, s.end + a)).collect();
            prop_assert_eq!(words(&t, Span::new(a, b)), want);
        }
    }
}
