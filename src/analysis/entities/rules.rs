//! Rules for the entities that follow patterns rather than names: DATE, TIME, MONEY, PERCENT,
//! QUANTITY, CARDINAL, ORDINAL, EMAIL and URL ("October 22-24", "7:15 a.m. ET", "$2.5 billion",
//! "14.5%", "52 ft.", "three dozen"). They work on the tagger's tokens of one sentence and return
//! token ranges; the names tagger's spans take precedence where the two overlap.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::tokenize::{Token, TokenKind};
use crate::analysis::report::EntityLabel;

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "jan.", "feb", "feb.", "mar.", "apr", "apr.", "jun.", "jul.", "aug", "aug.", "sep", "sep.",
    "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec", "dec.",
];
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon.", "tue.", "tues.", "wed.",
    "thu.", "thur.", "thurs.", "fri.", "sat.", "sun.",
];
const UNITS: &[&str] = &[
    "ft", "ft.", "feet", "foot", "inch", "inches", "in.", "mile", "miles", "mi", "km", "kilometer", "kilometers",
    "kilometre", "kilometres", "meter", "meters", "metre", "metres", "cm", "mm", "yard", "yards", "kg", "kilogram",
    "kilograms", "g", "gram", "grams", "lb", "lb.", "lbs", "lbs.", "pound", "pounds", "ounce", "ounces", "oz", "oz.",
    "ton", "tons", "tonne", "tonnes", "acre", "acres", "hectare", "hectares", "degree", "degrees", "mph", "liter",
    "liters", "litre", "litres", "gallon", "gallons", "barrel", "barrels", "kwh", "mw", "gw", "km/h", "sq", "square",
    "cubic", "calories", "mg", "ml", "knots", "°c", "°f",
];
const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "euro", "euros", "yen", "yuan", "renminbi", "rupee", "rupees", "cent", "cents", "peso",
    "pesos", "franc", "francs", "ruble", "rubles", "rouble", "roubles", "won", "rand", "shekels", "dinars", "riyals",
    "lira", "pence", "bitcoin", "usd", "eur", "gbp", "jpy", "cny", "chf", "sterling",
];
const CURRENCY_SYMBOLS: &[&str] = &["$", "€", "£", "¥", "₹", "₽", "₩", "₪", "₺", "US$", "C$", "A$", "HK$", "NZ$", "R$"];
const SCALES: &[&str] = &["hundred", "thousand", "million", "billion", "trillion", "bn", "mn", "m", "k", "dozen", "hundreds", "thousands", "millions", "billions"];
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen",
    "dozens", "hundreds", "thousands", "millions", "billions", "zero",
];
const ORDINAL_WORDS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth", "thirtieth", "fortieth", "fiftieth", "hundredth", "thousandth", "millionth",
];
const ZONES: &[&str] = &["et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest"];
const YEAR_CUES: &[&str] = &["in", "since", "by", "until", "from", "of", "before", "after", "during", "year", "early", "late", "mid", "through", "till", "around", "circa", "spring", "summer", "fall", "autumn", "winter"];
const RELATIVE: &[&str] = &["today", "yesterday", "tomorrow"];
const PERIODS: &[&str] = &["week", "month", "year", "weekend", "decade", "century", "quarter", "spring", "summer", "fall", "autumn", "winter"];
const PERIODS_PLURAL: &[&str] = &["days", "weeks", "months", "years", "decades", "centuries", "day", "week", "month", "year", "decade"];

/// Which of the word lists above hold a word: one bit per list.
const MONTH: u32 = 1;
const WEEKDAY: u32 = 1 << 1;
const UNIT: u32 = 1 << 2;
const CURRENCY_WORD: u32 = 1 << 3;
const CURRENCY_SYMBOL: u32 = 1 << 4;
const SCALE: u32 = 1 << 5;
const NUMBER_WORD: u32 = 1 << 6;
const ORDINAL_WORD: u32 = 1 << 7;
const ZONE: u32 = 1 << 8;
const YEAR_CUE: u32 = 1 << 9;
const RELATIVE_DAY: u32 = 1 << 10;
const PERIOD: u32 = 1 << 11;
const PERIOD_PLURAL: u32 = 1 << 12;
/// Words that the rules test one by one where a match may begin.
const STARTER: u32 = 1 << 13;
const STARTERS: &[&str] = &["last", "next", "this", "past", "noon", "midnight", "tonight"];

const LISTS: [(&[&str], u32); 14] = [
    (STARTERS, STARTER),
    (MONTHS, MONTH),
    (WEEKDAYS, WEEKDAY),
    (UNITS, UNIT),
    (CURRENCY_WORDS, CURRENCY_WORD),
    (CURRENCY_SYMBOLS, CURRENCY_SYMBOL),
    (SCALES, SCALE),
    (NUMBER_WORDS, NUMBER_WORD),
    (ORDINAL_WORDS, ORDINAL_WORD),
    (ZONES, ZONE),
    (YEAR_CUES, YEAR_CUE),
    (RELATIVE, RELATIVE_DAY),
    (PERIODS, PERIOD),
    (PERIODS_PLURAL, PERIOD_PLURAL),
];

/// The longest word of any list, in bytes (longer words are in none).
const LONGEST: usize = 12;

/// ASCII-lower-cased `w` in a stack buffer, or `None` when it is longer than any listed word.
fn fold(w: &str, buf: &mut [u8; LONGEST]) -> Option<usize> {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > LONGEST {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(b.len())
}

/// The list bits of a word (case-insensitive for ASCII letters): one hash lookup, skipped for
/// most words by a filter of the listed words' lengths and first and last bytes.
fn class(w: &str) -> u32 {
    let mut buf = [0u8; LONGEST];
    match fold(w, &mut buf) {
        Some(n) => class_of_lower(&buf[..n]),
        None => 0,
    }
}

type ClassTable = HashMap<Vec<u8>, u32, BuildHasherDefault<Fnv>>;

/// The listed words' bits by word, and the filter of their lengths and first and last bytes.
fn class_table() -> &'static (ClassTable, [u64; 64]) {
    static TABLE: OnceLock<(ClassTable, [u64; 64])> = OnceLock::new();
    TABLE.get_or_init(|| {
        let (mut t, mut filter) = (ClassTable::default(), [0u64; 64]);
        for (list, bit) in LISTS {
            for x in list {
                let x = x.to_ascii_lowercase().into_bytes();
                let b = filter_bit(&x);
                filter[b / 64] |= 1 << (b % 64);
                *t.entry(x).or_insert(0) |= bit;
            }
        }
        (t, filter)
    })
}

/// [`class`] of a word already ASCII-lower-cased.
fn class_of_lower(lower: &[u8]) -> u32 {
    if lower.is_empty() || lower.len() > LONGEST {
        return 0;
    }
    let (table, filter) = class_table();
    let bit = filter_bit(lower);
    if filter[bit / 64] & 1 << (bit % 64) == 0 {
        return 0;
    }
    table.get(lower).copied().unwrap_or(0)
}

/// [`word_class`] of an ASCII word from `lower`, the word with its letters lower-cased and its
/// digits folded to `0` (the tagger's normal form), and what it has: no listed word has a
/// digit, so a word with one is in no list.
pub fn ascii_word_class(lower: &[u8], digit: bool, hyphen: bool) -> u32 {
    let marks = if digit || hyphen { DIGIT_OR_HYPHEN } else { 0 };
    if digit {
        return marks;
    }
    class_of_lower(lower) | marks
}

/// Bit of a lower-cased word in `class`'s filter of 4,096 bits.
fn filter_bit(w: &[u8]) -> usize {
    let (first, last) = (w.first().copied().unwrap_or(0), w.last().copied().unwrap_or(0));
    (w.len() * 977 + first as usize * 31 + last as usize) % 4096
}

/// FNV-1a, a fast hash for the short keys of the word table.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Is `w` in the list with bit `bit`?
fn has(w: &str, bit: u32) -> bool {
    class(w) & bit != 0
}

/// Is `w` one of the few words of `list` (short ad hoc lists only; the big ones go by `has`)?
fn is_in(list: &[&str], w: &str) -> bool {
    w.len() <= LONGEST && list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// `class` of each token, looked up once.
    classes: &'a [u32],
}

impl Ctx<'_> {
    /// Is token `i` in the list with bit `bit`? (False past the end.)
    fn has(&self, i: usize, bit: u32) -> bool {
        self.classes.get(i).is_some_and(|&c| c & bit != 0)
    }
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.span.slice(self.text)).unwrap_or("")
    }
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn is_digits(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Number)
    }
    fn plain_int(&self, i: usize) -> Option<u32> {
        let w = self.w(i);
        if self.is_digits(i) && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            w.parse().ok()
        } else {
            None
        }
    }
    fn day(&self, i: usize) -> bool {
        let w = self.w(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        (self.is_digits(i) || (!suffix.is_empty() && is_in(&["st", "nd", "rd", "th"], suffix)))
            && digits.len() <= 2
            && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
    }
    fn year(&self, i: usize) -> bool {
        self.plain_int(i).is_some_and(|y| (1000..=2199).contains(&y) && self.w(i).len() == 4)
    }
    fn month(&self, i: usize) -> bool {
        let w = self.w(i);
        self.has(i, MONTH) && w.chars().next().is_some_and(|c| c.is_uppercase())
    }
    fn dash(&self, i: usize) -> bool {
        matches!(self.w(i), "-" | "\u{2013}" | "\u{2014}" | "to" | "through")
    }
    /// A number: digits ("2.5", "1,000"), number words ("three", "twenty-five", "three dozen"),
    /// optionally with a scale ("2.5 billion"). Returns the end token.
    fn number(&self, i: usize) -> Option<usize> {
        let mut j = i;
        if self.is_digits(i) {
            j = i + 1;
        } else {
            while j < self.toks.len() && self.kind(j) == Some(TokenKind::Word) {
                let w = self.w(j);
                let ok = if w.contains('-') { w.split('-').all(|p| has(p, NUMBER_WORD)) } else { self.has(j, NUMBER_WORD) };
                if !ok || (j > i && w.eq_ignore_ascii_case("one")) {
                    break;
                }
                j += 1;
                if self.w(j).eq_ignore_ascii_case("and") && (self.has(j + 1, NUMBER_WORD) || self.w(j + 1).split('-').all(|p| has(p, NUMBER_WORD))) && !self.w(j + 1).is_empty() {
                    j += 1;
                }
            }
            if j == i {
                return None;
            }
        }
        while j < self.toks.len() && self.has(j, SCALE) && !(j == i) {
            // "m" and "k" only right after digits ("$5m").
            let w = self.w(j);
            if (w == "m" || w == "k" || w == "M" || w == "K") && !(self.is_digits(j - 1)) {
                break;
            }
            j += 1;
        }
        Some(j)
    }
}

/// Pattern entities of one sentence as `(first token, end token, label)`, in order, disjoint.
pub fn find(text: &str, toks: &[Token]) -> Vec<(usize, usize, EntityLabel)> {
    let classes: Vec<u32> = toks.iter().map(|t| word_class(t.span.slice(text))).collect();
    find_classified(text, toks, &classes)
}

/// The list bits of a word (what [`find_classified`] takes for each token), and
/// [`DIGIT_OR_HYPHEN`].
pub fn word_class(w: &str) -> u32 {
    let marks = if w.bytes().any(|b| b.is_ascii_digit() || b == b'-') { DIGIT_OR_HYPHEN } else { 0 };
    class(w) | marks
}

/// Set in a [`word_class`] when the word has an ASCII digit or a hyphen: a word in no list
/// without either begins no pattern.
const DIGIT_OR_HYPHEN: u32 = 1 << 31;

/// [`find`] with the [`word_class`] of each token given (`classes[i]` for `toks[i]`).
pub fn find_classified(text: &str, toks: &[Token], classes: &[u32]) -> Vec<(usize, usize, EntityLabel)> {
    let mut out = Vec::new();
    find_classified_into(text, toks, classes, &mut out);
    out
}

/// [`find_classified`] into `out` (cleared first).
pub fn find_classified_into(text: &str, toks: &[Token], classes: &[u32], out: &mut Vec<(usize, usize, EntityLabel)>) {
    out.clear();
    if classes.len() != toks.len() {
        *out = find(text, toks);
        return;
    }
    let c = Ctx { text, toks, classes };
    let mut i = 0;
    while i < toks.len() {
        if !may_begin(toks[i].kind, classes[i]) {
            i += 1;
            continue;
        }
        if let Some((end, label)) = match_at(&c, i) {
            let end = end.max(i + 1).min(toks.len());
            out.push((i, end, label));
            i = end;
        } else {
            i += 1;
        }
    }
}

/// The list bits of the words that may begin a pattern (the others, such as "in" before a year
/// or "feet" after a number, only go on one), and [`DIGIT_OR_HYPHEN`].
const BEGINS: u32 =
    MONTH | WEEKDAY | RELATIVE_DAY | STARTER | CURRENCY_SYMBOL | ORDINAL_WORD | NUMBER_WORD | DIGIT_OR_HYPHEN;

/// Whether a token of kind `kind` and [`word_class`] `class` may begin a pattern (what
/// [`match_at`] tests first, without the token's text): a link, a number, or a word or mark in a
/// list that begins some (the currency signs, `$` included, are in one) or with a digit or a
/// hyphen (no word or mark ends with `$`).
#[inline]
fn may_begin(kind: TokenKind, class: u32) -> bool {
    class & BEGINS != 0 || matches!(kind, TokenKind::Url | TokenKind::Email | TokenKind::Number)
}

fn match_at(c: &Ctx, i: usize) -> Option<(usize, EntityLabel)> {
    match c.kind(i)? {
        TokenKind::Url => return Some((i + 1, EntityLabel::Url)),
        TokenKind::Email => return Some((i + 1, EntityLabel::Email)),
        TokenKind::Punct if c.w(i) != "$" && !c.has(i, CURRENCY_SYMBOL) => return None,
        // A word in no list, without digits or hyphens, begins no pattern (the common case).
        TokenKind::Word if c.classes[i] == 0 => return None,
        _ => {}
    }
    let w = c.w(i);
    if let Some(end) = date(c, i) {
        return Some((end, EntityLabel::Date));
    }
    if let Some(end) = time(c, i) {
        return Some((end, EntityLabel::Time));
    }
    // Money: a currency sign and a number, or a number and a currency word.
    if c.has(i, CURRENCY_SYMBOL) || (w.len() <= 4 && w.ends_with('$') && c.is_digits(i + 1)) {
        if let Some(end) = c.number(i + 1) {
            return Some((end, EntityLabel::Money));
        }
        return None;
    }
    let lower_suffix = w.trim_start_matches(|ch: char| ch.is_ascii_digit());
    if c.has(i, ORDINAL_WORD) || (lower_suffix.len() == 2 && lower_suffix.len() < w.len() && is_in(&["st", "nd", "rd", "th"], lower_suffix)) {
        return Some((i + 1, EntityLabel::Ordinal));
    }
    let end = c.number(i)?;
    let next = c.w(end);
    if next == "%" || is_in(&["percent", "pct"], next) {
        return Some((end + 1, EntityLabel::Percent));
    }
    if next.eq_ignore_ascii_case("per") && c.w(end + 1).eq_ignore_ascii_case("cent") {
        return Some((end + 2, EntityLabel::Percent));
    }
    if c.has(end, CURRENCY_WORD) {
        return Some((end + 1, EntityLabel::Money));
    }
    if c.has(end, UNIT) && (c.is_digits(i) || end > i) {
        let mut e = end + 1;
        if is_in(&["square", "sq", "cubic"], next) && c.has(e, UNIT) {
            e += 1;
        }
        return Some((e, EntityLabel::Quantity));
    }
    if c.has(end, PERIOD_PLURAL) && c.w(end + 1).eq_ignore_ascii_case("ago") {
        return Some((end + 2, EntityLabel::Date));
    }
    // A bare number word that is really a pronoun ("one of them") is still a cardinal in the
    // usual annotation; a lone digit string is too.
    if c.kind(i) == Some(TokenKind::Number) || end > i {
        return Some((end, EntityLabel::Cardinal));
    }
    None
}

fn date(c: &Ctx, i: usize) -> Option<usize> {
    let w = c.w(i);
    // ISO dates and numeric dates: 2022-02-24, 10/22/2024.
    if w.len() >= 8 && w.len() <= 10 && w.as_bytes()[0].is_ascii_digit() {
        let parts: Vec<&str> = w.split(['-', '/']).collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            return Some(i + 1);
        }
    }
    if c.month(i) {
        let ambiguous = is_in(&["may", "march"], w) || !w.chars().skip(1).all(|ch| ch.is_lowercase() || ch == '.');
        let mut j = i + 1;
        let w1 = c.w(j);
        let day_range = w1.split_once('-').is_some_and(|(a, b)| {
            let d = |x: &str| x.len() <= 2 && x.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
            d(a) && d(b)
        });
        if c.day(j) || day_range {
            j += 1;
            if c.dash(j) && c.day(j + 1) {
                j += 2;
            }
            if c.w(j) == "," && c.year(j + 1) {
                j += 2;
            } else if c.year(j) {
                j += 1;
            }
            return Some(j);
        }
        if c.year(j) {
            return Some(j + 1);
        }
        let before = if i > 0 { c.w(i - 1) } else { "" };
        if !ambiguous || is_in(&["in", "since", "until", "last", "next", "early", "late", "mid", "this", "of"], before) {
            return Some(j);
        }
        return None;
    }
    let of = usize::from(c.w(i + 1) == "of");
    if c.day(i) && c.month(i + 1 + of) {
        let mut j = i + 2 + of;
        if c.year(j) {
            j += 1;
        }
        return Some(j);
    }
    if c.has(i, WEEKDAY) && w.chars().next().is_some_and(|ch| ch.is_uppercase()) {
        return Some(i + 1);
    }
    if c.has(i, RELATIVE_DAY) {
        return Some(i + 1);
    }
    if is_in(&["last", "next", "this", "past"], w) && c.has(i + 1, PERIOD) {
        return Some(i + 2);
    }
    // Decades: 1990s, the '90s.
    if w.len() == 5 && w.ends_with('s') && w[..4].bytes().all(|b| b.is_ascii_digit()) {
        return Some(i + 1);
    }
    if c.year(i) {
        let after = c.w(i + 1);
        let cue = (i > 0 && c.has(i - 1, YEAR_CUE)) || c.month(i.wrapping_sub(1)) || after == "'s";
        if cue && !c.has(i + 1, UNIT) && !c.has(i + 1, CURRENCY_WORD) && after != "%" {
            let mut j = i + 1;
            if c.dash(j) && c.year(j + 1) {
                j += 2;
            }
            return Some(j);
        }
    }
    None
}

fn time(c: &Ctx, i: usize) -> Option<usize> {
    let w = c.w(i);
    let clock = c.is_digits(i)
        && w.len() <= 5
        && w.split_once(':').is_some_and(|(h, m)| h.len() <= 2 && m.len() == 2 && h.parse::<u32>().is_ok_and(|h| h < 24));
    let hour = c.plain_int(i).is_some_and(|h| (1..=12).contains(&h));
    let ampm = |j: usize| is_in(&["a.m.", "p.m.", "am", "pm", "a.m", "p.m"], c.w(j));
    let mut j;
    if clock {
        j = i + 1;
        if ampm(j) {
            j += 1;
        }
    } else if hour && ampm(i + 1) {
        j = i + 2;
    } else if is_in(&["noon", "midnight", "tonight"], w) {
        return Some(i + 1);
    } else {
        return None;
    }
    if c.has(j, ZONE) && c.w(j).chars().all(|ch| ch.is_uppercase()) {
        j += 1;
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::tokenize::tokenize;
    use crate::analysis::report::Span;

    #[test]
    fn no_listed_word_has_a_digit() {
        // `ascii_word_class` relies on it.
        assert!(LISTS.iter().all(|(list, _)| list.iter().all(|w| !w.bytes().any(|b| b.is_ascii_digit()))));
    }

    #[test]
    fn tokens_that_may_not_begin_a_pattern_begin_none() {
        let text = format!(
            "{} $5, US$ 3 \u{20ac}7 $ - -- 1-2 twenty-one a.m. 7:15 22nd x@y.org www.z.com in 1998, since May, by \
             2020 the year 5 ft. 3 feet 7 dollars 2 million at 5 pm ET last week two years ago this spring the \
             1990s 7 percent 3 per cent noon Monday today first third 12th 2022-02-24 10/22/2024 of October 3",
            crate::SAMPLE_ARTICLE
        );
        for text in [text.clone(), text.to_uppercase(), text.to_lowercase()] {
            let toks = tokenize(&text, Span::new(0, text.len()));
            let classes: Vec<u32> = toks.iter().map(|t| word_class(t.span.slice(&text))).collect();
            let c = Ctx { text: &text, toks: &toks, classes: &classes };
            let mut skipped = 0;
            for (i, t) in toks.iter().enumerate() {
                if !may_begin(t.kind, classes[i]) {
                    skipped += 1;
                    assert_eq!(match_at(&c, i), None, "{:?}", t.span.slice(&text));
                }
            }
            assert!(skipped > 100);
            let mut all = Vec::new();
            find_classified_into(&text, &toks, &classes, &mut all);
            assert!(all.len() > 20);
        }
    }

    fn check(input: &str, expected: &[(&str, &str)]) {
        let toks = tokenize(input, Span::new(0, input.len()));
        let got: Vec<(&str, &str)> = find(input, &toks)
            .into_iter()
            .map(|(s, e, l)| (&input[toks[s].span.start..toks[e - 1].span.end], l.as_str()))
            .collect();
        assert_eq!(got, expected, "entities of {input:?}");
    }

    #[test]
    fn patterns() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("The summit runs October 22-24 in Kazan.", &[("October 22-24", "DATE")]),
            ("It began in February 2022.", &[("February 2022", "DATE")]),
            ("on Oct. 7, 2023 at 7:15 a.m. ET", &[("Oct. 7, 2023", "DATE"), ("7:15 a.m. ET", "TIME")]),
            ("a $2.5 billion deal", &[("$2.5 billion", "MONEY")]),
            ("up 14.5% or 3 per cent", &[("14.5%", "PERCENT"), ("3 per cent", "PERCENT")]),
            ("a 52 ft. boat", &[("52 ft.", "QUANTITY")]),
            ("three dozen eggs", &[("three dozen", "CARDINAL")]),
            ("the third time, 1,000 people", &[("third", "ORDINAL"), ("1,000", "CARDINAL")]),
            ("She may go; in May we did.", &[("May", "DATE")]),
            ("since 1998 and on Monday", &[("1998", "DATE"), ("Monday", "DATE")]),
            ("mail a@b.org or https://x.org/y", &[("a@b.org", "EMAIL"), ("https://x.org/y", "URL")]),
            ("two years ago, 50 euros", &[("two years ago", "DATE"), ("50 euros", "MONEY")]),
            ("at 5 pm", &[("5 pm", "TIME")]),
            ("the 22nd of May", &[("22nd of May", "DATE")]),
            // Words in no list begin a pattern only with a digit or a hyphen.
            ("twenty-five people and a well-known 2022-02-24 report", &[("twenty-five", "CARDINAL"), ("2022-02-24", "DATE")]),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }
}
