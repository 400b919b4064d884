//! Paragraph units: blank lines separate blocks, and inside a block each line stands alone unless
//! the block is hard-wrapped prose (or a line plainly continues on the next). A block of short lines
//! such as a caption, a counter and a repeated caption becomes several units, not one sentence.

use super::report::{Paragraph, ParagraphKind, Span};

/// One line of the text, without its line break and without surrounding white space.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
    blank: bool,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let end = memchr_newline(text, start).unwrap_or(bytes.len());
        let (s, e) = trim_range(text, start, end);
        out.push(Line {
            span: Span::new(s, e),
            blank: s >= e,
        });
        if end >= bytes.len() {
            break;
        }
        start = end + 1;
    }
    out
}

/// The next line break at or after byte `from`, eight bytes at a time.
fn memchr_newline(text: &str, from: usize) -> Option<usize> {
    super::bytes::next_of(text.as_bytes(), from, b"\n", 0)
}

/// Trim Unicode white space from both ends of `text[start..end]`.
fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let s = start + lead;
    let trail = text[s..end].len() - text[s..end].trim_end().len();
    (s, end - trail)
}

/// Does this line end a sentence (or a clause that a new line would not continue)?
fn ends_terminally(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']', '\u{BB}']);
    matches!(trimmed.chars().last(), Some('.' | '!' | '?' | ':' | ';' | '\u{2026}')) || trimmed.is_empty()
}

/// Does this line end with a sentence's final mark (`.`, `!`, `?`, `…`, maybe inside quotes)?
fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']', '\u{BB}']);
    matches!(trimmed.chars().last(), Some('.' | '!' | '?' | '\u{2026}'))
}

fn starts_lowercase(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_lowercase())
}

/// A bullet or an enumerator at the start of a line: `- `, `* `, `• `, `1. `, `2) `, `a) `, `(iv) `.
pub(crate) fn list_marker_len(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    for bullet in [
        "- ",
        "* ",
        "+ ",
        "\u{2022} ",
        "\u{00B7} ",
        "\u{2013} ",
        "\u{2014} ",
        "\u{25AA} ",
        "\u{25CF} ",
    ] {
        if line.starts_with(bullet) {
            return Some(bullet.len());
        }
    }
    // (a) / (1) / (iv)
    if b.first() == Some(&b'(') {
        let close = line[1..].find(')')? + 1;
        let inner = &line[1..close];
        if !inner.is_empty()
            && inner.len() <= 4
            && inner.bytes().all(|c| c.is_ascii_alphanumeric())
            && b.get(close + 1) == Some(&b' ')
        {
            return Some(close + 2);
        }
        return None;
    }
    // 1. / 12) / a) / B.
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (mark_len, is_letter) = if digits > 0 && digits <= 3 {
        (digits, false)
    } else if b.first().is_some_and(|c| c.is_ascii_alphabetic()) && !b.get(1).is_some_and(|c| c.is_ascii_alphabetic()) {
        (1, true)
    } else {
        return None;
    };
    let punct = *b.get(mark_len)?;
    let ok = if is_letter {
        punct == b')'
    } else {
        punct == b'.' || punct == b')'
    };
    if ok && b.get(mark_len + 1) == Some(&b' ') {
        Some(mark_len + 2)
    } else {
        None
    }
}

/// Is the block hard-wrapped prose, one paragraph broken across lines of similar length?
fn is_wrapped_block(text: &str, block: &[Line]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let lens: Vec<usize> = block.iter().map(|l| l.span.slice(text).chars().count()).collect();
    let max = *lens.iter().max().unwrap_or(&0);
    if max < 45 {
        return false;
    }
    let body = &block[..block.len() - 1];
    let long_enough = body.iter().zip(&lens).all(|(_, &len)| len * 100 >= max * 60);
    let open_ends = body.iter().filter(|l| !ends_terminally(l.span.slice(text))).count();
    let no_lists = block.iter().all(|l| list_marker_len(l.span.slice(text)).is_none());
    long_enough && no_lists && open_ends * 2 > body.len()
}

/// Split `text` into paragraph spans (kind `Body` for now; see [`classify`]).
pub fn split(text: &str) -> Vec<Span> {
    let all = lines(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        if all[i].blank {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < all.len() && !all[j].blank {
            j += 1;
        }
        let block = &all[i..j];
        if is_wrapped_block(text, block) {
            out.push(Span::new(block[0].span.start, block[block.len() - 1].span.end));
        } else {
            let mut start = block[0].span;
            let mut end = block[0].span;
            for pair in block.windows(2) {
                let (cur, next) = (pair[0].span.slice(text), pair[1].span.slice(text));
                // A lower-case line continues a line that has not ended, when the line is long
                // (wrapped prose) or the continuation closes the sentence (`It was a cold` /
                // `night in the city.`); a column of short unpunctuated items stays apart.
                let continues = !ends_terminally(cur)
                    && starts_lowercase(next)
                    && list_marker_len(next).is_none()
                    && (cur.chars().count() >= 20 || ends_sentence(next));
                if continues {
                    end = pair[1].span;
                } else {
                    out.push(Span::new(start.start, end.end));
                    start = pair[1].span;
                    end = pair[1].span;
                }
            }
            out.push(Span::new(start.start, end.end));
        }
        i = j;
    }
    out
}

const CAPTION_STARTS: &[&str] = &[
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "picture:",
    "pictured:",
    "caption:",
    "above:",
    "top:",
    "file photo",
    "video:",
    "photos:",
    "images:",
    "photograph by",
    "credit:",
    "illustration:",
    "graphic:",
    "file image",
    "watch:",
];

/// Credits inside a short paragraph that mark it as a caption (`... on Saturday. (AP Photo/...)`).
/// Lower-case ASCII, at most 16 of them (`has_credit` finds each at its anchor: its first '(' or
/// '/', else its first letter).
const CAPTION_CREDITS: &[&str] = &[
    "(ap photo",
    "(photo",
    "(image",
    "getty images",
    "photo credit",
    "/ reuters",
    "reuters/",
    "(afp",
    "/afp",
    "/ap)",
    "photograph:",
    "photo:",
    "(pictured",
    "(file photo",
];

/// Decide what kind of paragraph a unit is from its shape.
pub fn classify(text: &str) -> ParagraphKind {
    let t = text.trim();
    if t.is_empty() {
        return ParagraphKind::Body;
    }
    if list_marker_len(t).is_some() {
        return ParagraphKind::List;
    }
    if t.starts_with("> ") || t.starts_with('>') && t.len() > 1 {
        return ParagraphKind::Quote;
    }
    if starts_like_caption(t) || t.len() < 400 && has_credit(t) {
        return ParagraphKind::Caption;
    }
    let first = t.chars().next().unwrap_or(' ');
    let last = t.chars().last().unwrap_or(' ');
    let opens_quote = matches!(first, '"' | '\u{201C}' | '\u{AB}');
    let closes_quote = matches!(last, '"' | '\u{201D}' | '\u{BB}');
    // A quotation standing alone (a pull quote); `"...," she said. "..."` is body text.
    let nested = || {
        let inner = t.get(first.len_utf8()..t.len() - last.len_utf8()).unwrap_or("");
        inner.contains(['"', '\u{201C}', '\u{201D}', '\u{AB}', '\u{BB}'])
    };
    if opens_quote && closes_quote && !t.contains('\n') && !nested() {
        return ParagraphKind::Quote;
    }
    let no_terminal = !matches!(last, '.' | '!' | '?' | ',' | ';' | ':' | '\u{2026}' | '"' | '\u{201D}');
    if no_terminal
        && (first.is_uppercase() || first.is_ascii_digit())
        && !t.contains('\n')
        && !more_words_than(t, 14)
    {
        return ParagraphKind::Heading;
    }
    ParagraphKind::Body
}

/// Whether `t` has more than `n` words (split at white space, as `split_whitespace` does). ASCII
/// text is read eight bytes at a time, other characters decoded.
fn more_words_than(t: &str, n: usize) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = t.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if x & HIGH != 0 {
            break;
        }
        // A high bit on each white-space byte (a space, or 9 to 13): with every byte under 0x80,
        // no sum below carries into the next byte.
        let y = x ^ (ONES * b' ' as u64);
        let spaces = !((y + ONES * 0x7F) | y) & HIGH;
        let controls = (x + ONES * (0x80 - 9)) & !(x + ONES * (0x80 - 14)) & HIGH;
        let space = spaces | controls;
        // A word starts at each other byte that follows white space (or no word).
        let before = (space << 8) | if in_word { 0 } else { 0x80 };
        let starts = !space & before & HIGH;
        words += (((starts >> 7).wrapping_mul(ONES)) >> 56) as usize;
        if words > n {
            return true;
        }
        in_word = space >> 63 == 0;
        i += 8;
    }
    while i < b.len() {
        let (space, len) = if b[i] < 0x80 {
            (matches!(b[i], b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = t[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = !space;
        i += len;
    }
    false
}

/// Whether `t` starts (in lower case) with one of [`CAPTION_STARTS`]. ASCII text, nearly all, is
/// compared as it is; other text is lower-cased first (its first 16 characters: the starts are
/// shorter).
fn starts_like_caption(t: &str) -> bool {
    match t.as_bytes().get(..t.len().min(16)) {
        Some(head) if head.is_ascii() => {
            // Only the starts with the text's first letter are compared.
            let first = head.first().map(u8::to_ascii_lowercase);
            CAPTION_STARTS.iter().filter(|p| p.as_bytes().first() == first.as_ref()).any(|p| {
                t.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
            })
        }
        _ => {
            let lower_start = t.chars().take(16).collect::<String>().to_lowercase();
            CAPTION_STARTS.iter().any(|p| lower_start.starts_with(p))
        }
    }
}

/// Whether `t` (under 400 bytes) holds, in lower case, one of [`CAPTION_CREDITS`]. The text is
/// read once: where a byte is a credit's anchor (its first '(' or '/', else its first letter),
/// that credit is compared there, in any case. Text with other characters needs no lower-cased
/// copy: the credits are ASCII, and the only characters outside ASCII that lower-case to ASCII are
/// the Kelvin sign (to `k`, in no credit) and `İ` (to `i` and a combining dot, so an `i` that
/// could only end a match, and no credit ends with one).
fn has_credit(t: &str) -> bool {
    let b = t.as_bytes();
    let credit_at = |q: usize| {
        let mut credits = CREDITS_AT[b[q] as usize];
        while credits != 0 {
            let i = credits.trailing_zeros() as usize;
            let (c, off) = (CAPTION_CREDITS[i].as_bytes(), CREDIT_ANCHORS[i]);
            // The byte after the anchor first (most `p`s are not followed by an `h`), then the rest.
            let next_fits = || c.get(off + 1).is_none_or(|&n| b.get(q + 1).is_some_and(|m| m.to_ascii_lowercase() == n));
            if q >= off && next_fits() && b.get(q - off..q - off + c.len()).is_some_and(|w| w.eq_ignore_ascii_case(c)) {
                return true;
            }
            credits &= credits - 1;
        }
        false
    };
    // From one byte that may be an anchor to the next, found eight bytes at a time: with bit 5 set,
    // every anchor byte is one of `ANCHORS_FOLDED` (see the test); the others have no credit.
    let mut q = 0;
    while let Some(at) = super::bytes::next_of(b, q, &ANCHORS_FOLDED, 0x20) {
        if credit_at(at) {
            return true;
        }
        q = at + 1;
    }
    false
}

/// The credits' anchor bytes with bit 5 set (`G` and `g` both give `g`).
const ANCHORS_FOLDED: [u8; 4] = [b'(', b'/', b'g', b'p'];

/// Where each credit's anchor is: its first '(' or '/', else its start (see `has_credit`).
const CREDIT_ANCHORS: [usize; CAPTION_CREDITS.len()] = {
    let mut anchors = [0; CAPTION_CREDITS.len()];
    let mut i = 0;
    while i < anchors.len() {
        let c = CAPTION_CREDITS[i].as_bytes();
        let mut k = 0;
        while k < c.len() && c[k] != b'(' && c[k] != b'/' {
            k += 1;
        }
        anchors[i] = if k < c.len() { k } else { 0 };
        i += 1;
    }
    anchors
};

/// Per byte, the credits (bit `i` for `CAPTION_CREDITS[i]`) whose anchor it is, in either case.
const CREDITS_AT: [u16; 256] = {
    let mut at = [0u16; 256];
    let mut i = 0;
    while i < CAPTION_CREDITS.len() {
        let anchor = CAPTION_CREDITS[i].as_bytes()[CREDIT_ANCHORS[i]];
        at[anchor as usize] |= 1 << i;
        at[anchor.to_ascii_uppercase() as usize] |= 1 << i;
        i += 1;
    }
    at
};

/// Paragraphs of `text` with their kinds.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    split(text)
        .into_iter()
        .map(|span| Paragraph {
            span,
            kind: classify(span.slice(text)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_lists_are_as_the_searches_expect() {
        for c in CAPTION_CREDITS {
            assert!(c.contains(['(', '/']) || c.contains("photo") || c.contains("getty images"), "{c}");
        }
        // `starts_like_caption` compares ASCII starts as they are, and reads 16 characters of others.
        assert!(CAPTION_STARTS.iter().all(|p| p.len() <= 16 && p.is_ascii() && p.to_lowercase() == *p));
        assert!(CAPTION_CREDITS.iter().all(|c| c.is_ascii() && c.to_lowercase() == *c));
        // `has_credit` stops at these bytes only.
        assert!(CAPTION_CREDITS.len() <= 16);
        for (c, off) in CAPTION_CREDITS.iter().zip(CREDIT_ANCHORS) {
            assert_eq!(off, c.find(['(', '/']).unwrap_or(0), "{c}");
        }
    }

    /// Text made of the credits' own pieces, in any case, beside characters outside ASCII (some
    /// that change length or turn ASCII when lower-cased): `has_credit` finds what a search of the
    /// lower-cased text finds.
    #[test]
    fn credits_found_as_in_lower_case_text() {
        use proptest::prelude::*;
        let pieces = [
            "(", "/", " ", "ap", "AP", "photo", "PHOTO", "Photo", "graph", ":", "getty", "IMAGES", "images", "reuters",
            "afp", ")", "credit", "pictured", "file", "\u{130}", "\u{212a}", "\u{e9}", "\u{201C}", "\u{3a3}", "i",
        ];
        let text = proptest::collection::vec(0..pieces.len(), 0..12)
            .prop_map(move |at| at.into_iter().map(|i| pieces[i]).collect::<String>());
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000))
            .run(&text, |t| {
                let lower = t.to_lowercase();
                prop_assert_eq!(has_credit(&t), CAPTION_CREDITS.iter().any(|c| lower.contains(c)), "{:?}", t);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn words_counted_as_split_whitespace_counts_them() {
        use proptest::prelude::*;
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(2000))
            .run(&("[a \\t\\n\u{b}\u{c}\r\u{a0}\u{85}\u{2003}\u{3000}\u{e9}x\u{1c}]{0,40}", 0usize..20), |(t, n)| {
                prop_assert_eq!(more_words_than(&t, n), t.split_whitespace().nth(n).is_some());
                Ok(())
            })
            .unwrap();
        // Mostly ASCII, read eight bytes at a time, with every byte near the white-space ones.
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(2000))
            .run(&("[a \\t\\n\u{8}\u{b}\u{c}\r\u{e}\u{1f}!\u{7f}\u{0}]{0,70}\u{a0}?[ a]{0,9}", 0usize..30), |(t, n)| {
                prop_assert_eq!(more_words_than(&t, n), t.split_whitespace().nth(n).is_some());
                Ok(())
            })
            .unwrap();
    }

    /// Credits are found as in the lower-cased text, wherever they stand in the eight-byte blocks.
    #[test]
    fn credits_found_as_in_lower_case() {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("(AP Photo"), Just("Getty Images"), Just("/ REUTERS"), Just("reuters/"), Just("photo:"), Just("Photo credit"),
            Just("(afp"), Just("/AP)"), Just("(pictured"), Just("(file photo"), Just("p"), Just("g"), Just("("), Just("/"),
            Just("ph"), Just("\u{8}"), Just("\u{f}"), Just("x"), Just(" "), Just("\u{e9}"), Just("phot"),
        ];
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000))
            .run(&proptest::collection::vec(piece, 0..16), |pieces| {
                let t = pieces.concat();
                let lower = t.to_lowercase();
                prop_assert_eq!(has_credit(&t), CAPTION_CREDITS.iter().any(|c| lower.contains(c)));
                Ok(())
            })
            .unwrap();
    }

    /// The eight-byte search finds the line break a byte-by-byte search finds, wherever it starts.
    #[test]
    fn newline_search_is_bytewise() {
        use proptest::prelude::*;
        let text = proptest::collection::vec(prop_oneof![Just('\n'), Just('a'), Just('\u{b}'), Just('\u{e9}'), Just('\u{2028}')], 0..40);
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000))
            .run(&(text, 0usize..45), |(chars, from)| {
                let t: String = chars.into_iter().collect();
                let from = from.min(t.len());
                prop_assert_eq!(memchr_newline(&t, from), t.as_bytes()[from..].iter().position(|&c| c == b'\n').map(|k| from + k));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn every_credit_anchor_folds_to_a_listed_byte() {
        for c in 0..=255u8 {
            if CREDITS_AT[c as usize] != 0 {
                assert!(ANCHORS_FOLDED.contains(&(c | 0x20)), "{c}");
            }
        }
    }

    #[test]
    fn captions_found_as_when_lower_cased_first() {
        let cases = [
            "PHOTO: The harbor at dawn.",
            "Photo by Ana Ruiz",
            "Photograph: a storm",
            "The mayor speaks. (AP Photo/John Doe)",
            "The mayor speaks. GETTY IMAGES",
            "The mayor speaks. (Photo \u{e9}t\u{e9})",
            "\u{c9}t\u{e9} PHOTO: x",
            "PHOTO\u{212a}: x",
            "A paragraph with a slash / and (brackets) but no credit.",
            "photo",
            "(photo",
            "Photo",
            "Getty Images",
            "GeTTY IMAGES and more",
            "REUTERS/ x",
            "x/reuters/",
            "(x) / Reuters and (AFP",
            "(File Photo)",
            "A caption with a slash/AP) at its end",
            "",
            "\u{201C}Quoted,\u{201D} she said. (AP Photo/Jane Doe)",
            "\u{c9}t\u{e9} (\u{130}MAGE: x)",
            "(p\u{130}ctured) and GETTY \u{130}MAGES",
            "(\u{130}mage",
            "photo cred\u{130}t",
            "(afp \u{212a}",
            "\u{2014} Reuters/Jane Doe",
        ];
        for t in cases {
            let lower = t.to_lowercase();
            let lower_start = t.chars().take(16).collect::<String>().to_lowercase();
            let expected = CAPTION_STARTS.iter().any(|p| lower_start.starts_with(p))
                || t.len() < 400 && CAPTION_CREDITS.iter().any(|c| lower.contains(c));
            assert_eq!(starts_like_caption(t) || t.len() < 400 && has_credit(t), expected, "{t}");
        }
    }

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = split(input).iter().map(|s| s.slice(input)).collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn blank_lines_separate() {
        check("One.\n\nTwo.\r\n\r\n  Three.  ", &["One.", "Two.", "Three."]);
        check("", &[]);
        check("\n\n  \n", &[]);
    }

    #[test]
    fn short_lines_stand_alone() {
        check(
            "Crowds gathered in the square on Sunday.\n1,204 views\nPhoto: A. Rivera\nCrowds gathered in the square on Sunday.",
            &[
                "Crowds gathered in the square on Sunday.",
                "1,204 views",
                "Photo: A. Rivera",
                "Crowds gathered in the square on Sunday.",
            ],
        );
    }

    #[test]
    fn wrapped_prose_joins() {
        check(
            "The council met on Tuesday to discuss the budget, which has\nbeen delayed twice this year because of a dispute over\nfunding for the new library.",
            &["The council met on Tuesday to discuss the budget, which has\nbeen delayed twice this year because of a dispute over\nfunding for the new library."],
        );
    }

    #[test]
    fn lowercase_continuation_joins() {
        check(
            "The mayor said the plan would\nbe ready by May.",
            &["The mayor said the plan would\nbe ready by May."],
        );
    }

    #[test]
    fn lists_stay_separate() {
        check(
            "- one item here\n- another item\n1. first\n2) second",
            &["- one item here", "- another item", "1. first", "2) second"],
        );
    }

    #[test]
    fn kinds() {
        let cases = [
            ("Storm floods the old town", ParagraphKind::Heading),
            ("The storm flooded the old town on Monday.", ParagraphKind::Body),
            ("- a bullet", ParagraphKind::List),
            ("3. a numbered item", ParagraphKind::List),
            ("> a quoted block", ParagraphKind::Quote),
            ("\u{201C}We will rebuild.\u{201D}", ParagraphKind::Quote),
            ("Photo: Residents wade through water.", ParagraphKind::Caption),
        ];
        for (input, kind) in cases {
            assert_eq!(classify(input), kind, "{input}");
        }
    }
}
