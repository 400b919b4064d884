//! Sentence boundaries inside one paragraph: a rule-based scanner over terminal punctuation that
//! knows abbreviations, initials, dotted acronyms, numbers, ellipses and closing quotes. Linear in
//! the input; it looks only a few words back and ahead of each candidate.

use super::report::Span;

/// Abbreviations that are followed by a period and usually do not end a sentence.
/// Lower-case, without the final period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gov", "gen", "sen", "rep",
    "col", "capt", "cpt", "lt", "sgt", "maj", "adm", "cmdr", "pres", "supt", "det", "insp", "rev", "hon",
    "fr", "pvt", "cpl", "messrs", "mme", "mlle", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept",
    "univ", "assn", "ave", "blvd", "rd", "hwy", "apt", "bldg", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "no", "nos", "vol", "vols", "ch", "chap", "fig", "figs", "pp", "ed", "eds",
    "est", "approx", "vs", "etc", "al", "cf", "viz", "ca", "op", "cit", "ibid", "esp", "dist", "div",
    "tel", "ext", "min", "max", "mins", "hrs", "hr", "sec", "secs", "oz", "lb", "lbs", "kg", "km",
    "mi", "yd", "yds", "sq", "cu", "pt", "qt", "gal", "tbsp", "tsp", "dozen", "doz", "mln", "bn",
    "ref", "art", "sec", "para", "rs", "sgd", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    "ph.d", "b.a", "m.a", "b.sc", "m.sc", "d.c", "n.y", "l.a", "calif", "fla", "ill", "mass", "mich",
    "penn", "tenn", "tex", "va", "wash", "wis", "conn", "ariz", "colo", "ala", "ark", "del", "ga", "ind",
    "kan", "ky", "la", "md", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "wyo",
];

/// Abbreviations that often do end a sentence when a capitalized word follows
/// (`etc.`, `a.m.`, `U.S.`): a following capital is read as a new sentence only after these.
const ENDING_ABBREVIATIONS: &[&str] = &["etc", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c", "inc", "ltd", "co", "corp", "jr", "sr", "al", "bros", "llc", "plc"];

/// Abbreviations that are almost always followed by a number (`No. 5`, `Vol. 3`, `pp. 12`).
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "vol", "vols", "pp", "ch", "chap", "fig", "figs", "art", "sec", "para", "p", "op"];

/// Words that start a sentence often enough that after `U.S.` or `etc.` they mark a boundary.
const SENTENCE_STARTERS: &[&str] = &[
    "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
    "there", "his", "her", "their", "its", "our", "my", "but", "and", "so", "yet", "however", "in",
    "on", "at", "after", "before", "when", "while", "if", "as", "since", "meanwhile", "still", "also",
    "then", "now", "today", "yesterday", "what", "why", "how", "who", "where", "some", "many", "most",
    "one", "both", "each", "all", "no", "not", "is", "are", "was", "were", "do", "does", "did",
];

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{BB}' | '\u{203A}')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '\u{201C}' | '\u{2018}' | '\u{AB}' | '\u{2039}' | '\u{BF}' | '\u{A1}')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}' | '\u{203C}' | '\u{2047}' | '\u{2048}' | '\u{2049}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{061F}' | '\u{06D4}')
}

/// The word that ends at byte `end` (exclusive), letters, digits, dots, hyphens and apostrophes.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\'' || c == '&'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &text[start..end]
}

/// The next word starting at `start`, after skipping opening quotes and brackets.
fn word_after(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let rest = rest.trim_start_matches(is_opening);
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches('.')
}

fn contains_ci(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Is the period at `dot` part of an abbreviation, initial, acronym or number rather than a
/// sentence end? `next` is the following word (may be empty at the end of the text).
fn period_continues(text: &str, dot: usize, next: &str) -> bool {
    let before = word_before(text, dot);
    let next_first = next.chars().next();
    let next_upper = next_first.is_some_and(|c| c.is_uppercase());
    let next_digit = next_first.is_some_and(|c| c.is_ascii_digit());
    let next_lower = next_first.is_some_and(|c| c.is_lowercase());
    if before.is_empty() {
        return false;
    }
    let bare = before.trim_start_matches(['.', '-', '\'']);
    // A lower-case continuation almost never starts a sentence.
    if next_lower {
        return true;
    }
    if contains_ci(NUMBER_ABBREVIATIONS, bare) && next_digit {
        return true;
    }
    let letters: Vec<char> = bare.chars().collect();
    // A single capital letter: an initial (J. R. R. Tolkien) unless a sentence starter follows.
    if letters.len() == 1 && letters[0].is_uppercase() {
        return !(contains_ci(SENTENCE_STARTERS, next) && next.len() > 1);
    }
    // Dotted acronyms and dotted abbreviations: U.S., e.g., a.m., Ph.D.
    let dotted = bare.contains('.') && bare.split('.').all(|p| p.chars().count() <= 3 && !p.is_empty());
    if contains_ci(ABBREVIATIONS, bare) || dotted {
        let ending = contains_ci(ENDING_ABBREVIATIONS, bare) || dotted;
        if ending && next_upper && contains_ci(SENTENCE_STARTERS, next) {
            return false;
        }
        if ending && next.is_empty() {
            return false;
        }
        return next_upper || next_digit || next.is_empty() && !ending;
    }
    false
}

/// Sentence spans of `text[span]`, trimmed of surrounding white space, covering every non-space
/// character of the span.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let region = &text[span.start..span.end];
    let mut sent_start = span.start;
    let mut iter = region.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let abs = span.start + i;
        let newline_break = c == '\n' && is_hard_line_break(region, i);
        if !is_terminal(c) && !newline_break {
            continue;
        }
        // Extend over the run of terminal marks and closing quotes or brackets.
        let mut end = abs + c.len_utf8();
        let mut only_dots = c == '.';
        let mut marks = 1;
        while let Some(&(j, d)) = iter.peek() {
            if is_terminal(d) && !newline_break {
                only_dots &= d == '.';
                marks += 1;
                end = span.start + j + d.len_utf8();
                iter.next();
            } else if is_closing(d) && !newline_break {
                end = span.start + j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if newline_break {
            end = abs;
        }
        // A boundary needs white space (or the end) after it.
        let after = &text[end..span.end];
        let ws = after.len() - after.trim_start().len();
        if !newline_break && ws == 0 && !after.is_empty() {
            continue;
        }
        let next = word_after(text, end + ws);
        if !newline_break && c == '.' && marks == 1 && period_continues(text, abs, next) {
            continue;
        }
        if !newline_break && only_dots && marks >= 2 || c == '\u{2026}' {
            // Ellipsis: a boundary only before a capital letter.
            let next_upper = next.chars().next().is_some_and(|c| c.is_uppercase());
            if !next_upper || next == "I" {
                continue;
            }
        }
        if !newline_break && (c == '!' || c == '?') {
            // "Yahoo!" inside a sentence, or "?" inside a quotation, before a lower-case word.
            if next.chars().next().is_some_and(|c| c.is_lowercase()) {
                continue;
            }
        }
        push_trimmed(text, sent_start, end, &mut out);
        sent_start = end;
    }
    push_trimmed(text, sent_start, span.end, &mut out);
    out
}

/// A line break inside a paragraph ends a sentence when the line before it looks complete on its
/// own and the next starts a new unit (a capital or a list marker). Wrapped prose keeps going.
fn is_hard_line_break(region: &str, nl: usize) -> bool {
    let before = region[..nl].trim_end();
    let after = region[nl + 1..].trim_start();
    let last = before.chars().last();
    let first = after.chars().next();
    match (last, first) {
        (Some(l), Some(f)) => {
            let line_start = before.rfind('\n').map(|p| p + 1).unwrap_or(0);
            let line_len = before[line_start..].chars().count();
            !l.is_alphanumeric() && !matches!(l, ',' | ';' | '-' | '(' ) && f.is_uppercase() && line_len < 45
        }
        _ => false,
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = split(input, Span::new(0, input.len())).iter().map(|s| s.slice(input)).collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn basic() {
        check("Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]);
        check("What is your name? My name is Jonas.", &["What is your name?", "My name is Jonas."]);
        check("There it is! I found it.", &["There it is!", "I found it."]);
        check("No final punctuation", &["No final punctuation"]);
        check("", &[]);
    }

    #[test]
    fn abbreviations() {
        check("My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]);
        check("Please turn to p. 55.", &["Please turn to p. 55."]);
        check("Were Jane and co. at the party?", &["Were Jane and co. at the party?"]);
        check("They closed the deal with Pitt, Briggs & Co. at noon.", &["They closed the deal with Pitt, Briggs & Co. at noon."]);
        check("Let's ask Jane and co. They should know.", &["Let's ask Jane and co.", "They should know."]);
        check("Mr. Smith met Dr. Jones on Main St. in June.", &["Mr. Smith met Dr. Jones on Main St. in June."]);
        check("See No. 5 on the list.", &["See No. 5 on the list."]);
    }

    #[test]
    fn acronyms() {
        check("I live in the U.S. and work there.", &["I live in the U.S. and work there."]);
        check("She moved to the U.S. The move was hard.", &["She moved to the U.S.", "The move was hard."]);
        check("J. R. R. Tolkien wrote it.", &["J. R. R. Tolkien wrote it."]);
    }

    #[test]
    fn numbers_and_quotes() {
        check("The price rose 2.5 percent. It fell later.", &["The price rose 2.5 percent.", "It fell later."]);
        check("She said, \u{201C}We won.\u{201D} Then she left.", &["She said, \u{201C}We won.\u{201D}", "Then she left."]);
        check("\u{201C}Are you sure?\u{201D} he asked.", &["\u{201C}Are you sure?\u{201D} he asked."]);
        check("The meeting starts at 7:15 a.m. on Friday.", &["The meeting starts at 7:15 a.m. on Friday."]);
    }

    #[test]
    fn ellipses() {
        check("I wasn't sure... and then it happened.", &["I wasn't sure... and then it happened."]);
        check("I never meant that.... She left the store.", &["I never meant that....", "She left the store."]);
    }
}
