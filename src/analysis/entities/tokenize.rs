//! The entity tagger's tokenizer: splits a sentence into words, numbers, URLs, e-mail addresses
//! and single punctuation marks, with byte spans. Unlike `analysis::tokens` (UAX #29 words for the
//! statistics) it keeps punctuation, splits the possessive `'s` off a name ("Putin's"), keeps
//! "U.S.", "Inc." and "AT&T" whole, and never splits a URL. White space is the only thing skipped.

use crate::analysis::report::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits or inner `.-'&` ("O'Brien", "Al-Zaman", "U.S.").
    Word,
    /// Digits, possibly with inner `.,:` ("1,000", "3.5", "7:15").
    Number,
    Url,
    Email,
    /// One character that is neither a letter, a digit nor white space.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Abbreviations that keep their final period ("Mr.", "Inc."), lower case: a `match` (by length,
/// then compared as integers) rather than a scan of a list.
fn is_abbreviation_lower(w: &[u8]) -> bool {
    matches!(
        w,
        b"mr" | b"mrs" | b"ms" | b"dr" | b"jr" | b"sr" | b"st" | b"inc" | b"corp" | b"co" | b"ltd" | b"gov" | b"sen"
            | b"rep" | b"gen" | b"col" | b"lt" | b"sgt" | b"capt" | b"prof" | b"rev" | b"mt" | b"ft" | b"jan" | b"feb"
            | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct" | b"nov" | b"dec" | b"no" | b"vs"
            | b"etc" | b"cmdr" | b"adm" | b"maj" | b"pres" | b"supt" | b"bros" | b"dept" | b"univ" | b"assn" | b"ave"
            | b"blvd" | b"rd" | b"approx" | b"est" | b"mph" | b"oz" | b"lb" | b"lbs" | b"in" | b"yr" | b"yrs" | b"hr"
            | b"hrs" | b"min" | b"sec"
    )
}

/// Is `c` part of a word? Letters, digits and marks are; ASCII punctuation, general punctuation,
/// arrows, symbols and emoji are not.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Dashes, curly quotes, bullets and the ellipsis (U+2010 to U+2027, none a letter or a
    // digit): the most common characters past ASCII in news text, without the tables' lookup.
    if ('\u{2010}'..='\u{2027}').contains(&c) {
        return false;
    }
    if is_alphabetic(c) || c.is_numeric() {
        return true;
    }
    let u = c as u32;
    !(c.is_whitespace()
        || (0x00A0..=0x00BF).contains(&u)
        || u == 0x00D7
        || u == 0x00F7
        || (0x2000..=0x2BFF).contains(&u)
        || (0x3000..=0x303F).contains(&u)
        || (0xFE30..=0xFE6F).contains(&u)
        || (0xFF00..=0xFF0F).contains(&u)
        || (0xFF1A..=0xFF20).contains(&u)
        || (0xFFF0..=0xFFFF).contains(&u)
        || u >= 0x1F000
        || c.is_control())
}

/// `c.is_alphabetic()`, with the letters of the scripts past ASCII most common in news text
/// (Latin-1, Greek, Cyrillic, Hebrew, Arabic) found by their ranges, without the tables' lookup
/// (some 300 instructions a character).
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    matches!(c as u32, 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF | 0x391..=0x3A1 | 0x3A3..=0x3C9 | 0x400..=0x45F | 0x5D0..=0x5EA | 0x621..=0x64A)
        || c.is_alphabetic()
}

/// Tokens of `text[span]`, in order, with spans into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    tokenize_into(text, span, &mut out);
    out
}

/// Like [`tokenize`], appending to `out`.
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    tokenize_with::<true>(text, span, out)
}

/// [`tokenize_into`], with most chunks (`FAST`) by [`plain_chunk`] or all of them by the general
/// path (which the tests compare it with).
fn tokenize_with<const FAST: bool>(text: &str, span: Span, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let end = span.end.min(text.len());
    let mut i = span.start;
    while i < end {
        // ASCII (most text) by its byte class, anything else as a decoded character.
        let b = bytes[i];
        if b < 0x80 {
            if CLASS[b as usize] & SPACE != 0 {
                i += 1;
                continue;
            }
        } else {
            let c = char_at(text, i);
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
        }
        if FAST && b < 0x80 {
            if let Some(e) = plain_chunk(text, bytes, i, end, out) {
                i = e;
                continue;
            }
        }
        // The white-space-delimited chunk that starts here, and whether it has a character
        // that links have.
        let mut chunk_end = i;
        let mut classes = 0;
        loop {
            for &b in &bytes[chunk_end..end] {
                let class = if b < 0x80 { CLASS[b as usize] } else { OTHER };
                if class & (SPACE | OTHER) != 0 {
                    break;
                }
                classes |= class;
                chunk_end += 1;
            }
            if chunk_end < end && bytes[chunk_end] >= 0x80 {
                let d = char_at(text, chunk_end);
                if !d.is_whitespace() {
                    chunk_end += d.len_utf8();
                    continue;
                }
            }
            break;
        }
        if classes & LINKISH != 0 {
            if let Some((s, e, kind)) = link_in(text, i, chunk_end) {
                split_plain(text, bytes, i, s, out);
                out.push(Token { span: Span::new(s, e), kind });
                i = e;
                continue;
            }
        }
        split_plain(text, bytes, i, chunk_end, out);
        i = chunk_end;
    }
}

/// Classes of ASCII bytes, one bit each: white space (what `char::is_whitespace` says of
/// ASCII), letters and digits, digits, and the characters without which a chunk holds no link
/// (`/`, `@`, `.`; see `link_in`).
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const DIGIT: u8 = 4;
const LINKISH: u8 = 8;
/// Not a class of ASCII: a byte of a longer character.
const OTHER: u8 = 16;

static CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b'\t'..=b'\r' | b' ') {
            SPACE
        } else if c.is_ascii_digit() {
            ALNUM | DIGIT
        } else if c.is_ascii_alphabetic() {
            ALNUM
        } else if matches!(c, b'/' | b'@' | b'.') {
            LINKISH
        } else {
            0
        };
        b += 1;
    }
    t
};

/// [`CLASS`] of every byte: [`OTHER`] for the bytes of longer characters.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = CLASS[b];
        b += 1;
    }
    t
};

#[inline]
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        // ASCII (most text) without decoding.
        Some(&b) if b < 0x80 => b as char,
        _ => text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' '),
    }
}

/// A URL or e-mail address inside the chunk `text[start..end]`: its span, trailing punctuation
/// and leading brackets left out.
fn link_in(text: &str, start: usize, end: usize) -> Option<(usize, usize, TokenKind)> {
    let chunk = &text[start..end];
    if !chunk.contains(['/', '@', '.']) {
        return None;
    }
    let lead = chunk.find(|c: char| c.is_alphanumeric()).unwrap_or(chunk.len());
    let body = &chunk[lead..];
    let lower_prefix = |p: &str| body.len() >= p.len() && body.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let kind = if lower_prefix("http://") || lower_prefix("https://") || lower_prefix("www.") {
        TokenKind::Url
    } else if let Some(at) = body.find('@') {
        let (user, domain) = (&body[..at], &body[at + 1..]);
        let ok_user = !user.is_empty() && user.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c));
        let dot = domain.find('.');
        let ok_domain = dot.is_some_and(|d| d > 0)
            && domain.trim_end_matches(|c: char| !c.is_alphanumeric()).rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_alphabetic()));
        if ok_user && ok_domain {
            TokenKind::Email
        } else {
            return None;
        }
    } else {
        return None;
    };
    let mut e = body.len();
    while e > 0 {
        let c = body[..e].chars().next_back().unwrap_or(' ');
        let strip = matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '\u{201D}' | '\u{2019}' | '>')
            || (c == ')' && body[..e].matches('(').count() < body[..e].matches(')').count())
            || (c == ']' && !body[..e].contains('['));
        if !strip {
            break;
        }
        e -= c.len_utf8();
    }
    if e == 0 {
        return None;
    }
    Some((start + lead, start + lead + e, kind))
}

/// The tokens of the chunk at `start` (up to white space or `end`) when it is ASCII punctuation,
/// at most one run of letters and digits, and punctuation again (most chunks: "word", "word,",
/// "(1990)."), pushed in one pass, with the chunk's end; `None` (nothing pushed) for any other
/// chunk, and for the few such chunks that [`link_in`] or [`split_plain`] read further: a run
/// that may begin a link ("www", "http", "https") or a possessive "'s". The tokens are those of
/// the general path: no link in such a chunk, no connector that joins (punctuation alone
/// follows the run), each punctuation mark a token.
#[inline]
fn plain_chunk(text: &str, bytes: &[u8], start: usize, end: usize, out: &mut Vec<Token>) -> Option<usize> {
    // The bytes up to `end` only: each loop's test is then its bounds check too.
    let bytes = bytes.get(..end)?;
    let end = bytes.len();
    let class = |i: usize| BYTE_CLASS[bytes[i] as usize];
    let mut i = start;
    while i < end && class(i) & (SPACE | ALNUM | OTHER) == 0 {
        i += 1;
    }
    let run_start = i;
    let mut all = DIGIT;
    while i < end {
        let c = class(i);
        if c & ALNUM == 0 {
            break;
        }
        all &= c;
        i += 1;
    }
    let run_end = i;
    while i < end {
        let c = class(i);
        if c & SPACE != 0 {
            break;
        }
        if c & (ALNUM | OTHER) != 0 {
            return None;
        }
        i += 1;
    }
    let chunk_end = i;
    let run = &bytes[run_start..run_end];
    if matches!(run.len(), 3..=5)
        && matches!(run[0] | 0x20, b'w' | b'h')
        && (run.eq_ignore_ascii_case(b"www") || run.eq_ignore_ascii_case(b"http") || run.eq_ignore_ascii_case(b"https"))
    {
        return None;
    }
    if run.len() == 1 && run[0] | 0x20 == b's' && run_start > start && bytes[run_start - 1] == b'\'' {
        return None;
    }
    let punct = |k: usize| Token { span: Span::new(k, k + 1), kind: TokenKind::Punct };
    // Pushed one by one: most chunks have no marks, and an empty loop costs less than an
    // empty `extend`.
    for k in start..run_start {
        out.push(punct(k));
    }
    let mut e = run_end;
    if !run.is_empty() {
        // `keeps_period` of a word without periods: a single capital or an abbreviation.
        let keeps = |w: &[u8]| (w.len() == 1 && w[0].is_ascii_uppercase()) || is_abbreviation(&text[run_start..run_end]);
        if e < chunk_end && bytes[e] == b'.' && keeps(run) {
            e += 1;
        }
        let kind = if all & DIGIT != 0 { TokenKind::Number } else { TokenKind::Word };
        out.push(Token { span: Span::new(run_start, e), kind });
    }
    for k in e..chunk_end {
        out.push(punct(k));
    }
    Some(chunk_end)
}

/// Split a chunk without white space into words, numbers and punctuation.
fn split_plain(text: &str, bytes: &[u8], start: usize, end: usize, out: &mut Vec<Token>) {
    let mut i = start;
    while i < end {
        // ASCII by its byte class, anything else as a decoded character.
        let b = bytes[i];
        let (c, is_word) = if b < 0x80 {
            (b as char, CLASS[b as usize] & ALNUM != 0)
        } else {
            let c = char_at(text, i);
            (c, is_word_char(c))
        };
        if !is_word {
            let after = i + c.len_utf8();
            if (c == '\'' || c == '\u{2019}')
                && after < end
                && matches!(bytes[after], b's' | b'S')
                && (after + 1 >= end || !is_word_char(char_at(text, after + 1)))
            {
                // The possessive "'s", split off a name.
                out.push(Token { span: Span::new(i, after + 1), kind: TokenKind::Word });
                i = after + 1;
            } else {
                out.push(Token { span: Span::new(i, after), kind: TokenKind::Punct });
                i = after;
            }
            continue;
        }
        let s = i;
        let mut digits_only = true;
        loop {
            // Consume a run of word characters: ASCII ones by their class, others decoded.
            loop {
                let rest = &bytes[i..end];
                let run = rest.iter().position(|&b| b >= 0x80 || CLASS[b as usize] & ALNUM == 0).unwrap_or(rest.len());
                digits_only = digits_only && rest[..run].iter().all(u8::is_ascii_digit);
                i += run;
                if i < end && bytes[i] >= 0x80 {
                    let d = char_at(text, i);
                    if is_word_char(d) {
                        digits_only = false;
                        i += d.len_utf8();
                        continue;
                    }
                }
                break;
            }
            if i >= end {
                break;
            }
            // An inner connector followed by a word character continues the token.
            let d = char_at(text, i);
            let next = i + d.len_utf8();
            if next >= end || !is_word_char(char_at(text, next)) {
                break;
            }
            let joins = match d {
                '-' | '&' | '.' | '\u{2011}' => true,
                ',' | ':' => digits_only && char_at(text, next).is_ascii_digit() && char_at(text, i - 1).is_ascii_digit(),
                '/' => digits_only && char_at(text, next).is_ascii_digit(),
                '\'' | '\u{2019}' => {
                    // "Putin's" splits; "O'Brien" and "don't" do not.
                    let rest_end = {
                        let mut k = next;
                        while k < end && is_word_char(char_at(text, k)) {
                            k += char_at(text, k).len_utf8();
                        }
                        k
                    };
                    !text[next..rest_end].eq_ignore_ascii_case("s")
                }
                _ => false,
            };
            if !joins {
                break;
            }
            if d != '.' && d != ',' && d != ':' && d != '/' {
                digits_only = false;
            }
            i = next;
        }
        // A final period stays on initialisms ("U.S.") and known abbreviations ("Inc.").
        if i < end && bytes[i] == b'.' && keeps_period(&text[s..i]) {
            i += 1;
        }
        let kind = if digits_only { TokenKind::Number } else { TokenKind::Word };
        out.push(Token { span: Span::new(s, i), kind });
    }
}

/// Does `word`, followed by a period, keep it: an initialism ("U.S"), a single capital ("J"),
/// a known abbreviation ("Inc") or "a.m"/"p.m"?
fn keeps_period(word: &str) -> bool {
    let initialism = word.len() >= 3 && word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
    let single = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    let am_pm = word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m");
    initialism || single || am_pm || is_abbreviation(word)
}

/// Is `word` one of the abbreviations of [`is_abbreviation_lower`] (ASCII case ignored)?
fn is_abbreviation(word: &str) -> bool {
    let mut buf = [0u8; 6];
    let b = word.as_bytes();
    if b.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    is_abbreviation_lower(&buf[..b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = tokenize(input, Span::new(0, input.len())).iter().map(|t| t.span.slice(input)).collect();
        assert_eq!(got, expected, "tokens of {input:?}");
    }

    #[test]
    fn plain_chunks_have_the_general_paths_tokens() {
        let mut text = String::from(crate::SAMPLE_ARTICLE);
        text.push_str(
            " 's 'S x's ('s) www. WWW.x http:// https://a.b www http. (www) a@b. a@b.c, x@. \"Inc.\" Inc., U.S., \
             J. Smith, 7:15 a.m., 1,000. 3.5% (1990). --- ... '' \u{0}\u{7f} x-, x-y. 'tis don't. AT&T, \
             co. CO. No. no.) abc123, 123abc. 22nd. e.g., i.e. \t\x0b\x0c (a) [b] {c} <d> a/ /a a/b 3/4 \
             caf\u{e9}, \u{e9}t\u{e9}. x\u{2019}s x\u{a0}y word",
        );
        for span in [Span::new(0, text.len()), Span::new(3, text.len() - 2), Span::new(0, text.len() - 1)] {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            tokenize_with::<true>(&text, span, &mut fast);
            tokenize_with::<false>(&text, span, &mut general);
            assert_eq!(fast, general);
        }
        for line in text.lines() {
            let span = Span::new(0, line.len());
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            tokenize_with::<true>(line, span, &mut fast);
            tokenize_with::<false>(line, span, &mut general);
            assert_eq!(fast, general, "{line:?}");
        }
    }

    #[test]
    fn letters_by_range_are_letters() {
        for c in (0..0x800).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn general_punctuation_is_not_part_of_words() {
        // The fast path of `is_word_char` agrees with its general rule.
        for c in '\u{2010}'..='\u{2027}' {
            assert!(!c.is_alphanumeric() && !c.is_whitespace() && !is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("President Vladimir Putin's plan.", &["President", "Vladimir", "Putin", "'s", "plan", "."]),
            ("the U.S. and AT&T, Inc. said", &["the", "U.S.", "and", "AT&T", ",", "Inc.", "said"]),
            ("O'Brien don't Al-Zaman", &["O'Brien", "don't", "Al-Zaman"]),
            ("$2.5 billion, 1,000 at 7:15 a.m. ET", &["$", "2.5", "billion", ",", "1,000", "at", "7:15", "a.m.", "ET"]),
            ("14.5% (see https://ex.com/a_b?x=1).", &["14.5", "%", "(", "see", "https://ex.com/a_b?x=1", ")", "."]),
            ("Mail jane.doe@example.org, now!", &["Mail", "jane.doe@example.org", ",", "now", "!"]),
            ("caf\u{e9} \u{5317}\u{4eac}\u{1F600}!", &["caf\u{e9}", "\u{5317}\u{4eac}", "\u{1F600}", "!"]),
            ("end of sentence. Next", &["end", "of", "sentence", ".", "Next"]),
            ("\u{0}\u{7}x--y", &["\u{0}", "\u{7}", "x", "-", "-", "y"]),
            // White space: ASCII (vertical tab and form feed too) and not (no-break, ideographic).
            ("a\u{b}b\u{c}c\u{a0}d\u{3000}e\u{1f}f", &["a", "b", "c", "d", "e", "\u{1f}", "f"]),
            ("Putin\u{2019}s na\u{ef}ve co\u{301}te", &["Putin", "\u{2019}s", "na\u{ef}ve", "co\u{301}te"]),
            // A link begins the chunk (after brackets) or is not one.
            ("\u{5317}\u{4eac}:www.ex.com/a. (www.ex.com/a). 3/4 1,5 1,000.5 22nd", &[
                "\u{5317}\u{4eac}", ":", "www.ex.com", "/", "a", ".", "(", "www.ex.com/a", ")", ".", "3/4", "1,5", "1,000.5", "22nd",
            ]),
            ("Approx. J. Smith, Ph.D. (Dept. of x.y.)", &["Approx.", "J.", "Smith", ",", "Ph.D", ".", "(", "Dept.", "of", "x.y.", ")"]),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }
}
