//! Sentence boundaries inside one paragraph: a rule-based scanner over terminal punctuation.
//!
//! Use [`split`] on a paragraph span (from `paragraphs::split`). The scanner looks at each run of
//! terminal marks (`.`, `!`, `?`, `…`, spaced ellipses, with the closing quotes, brackets and
//! emoticons after them) and decides from the word before and a few words after whether the run
//! ends a sentence: it knows titles and other abbreviations, initials, dotted acronyms (`U.S.`
//! mid-sentence and at an end), numbers and list enumerators (`1.)`, `a.`, inline lists), times
//! (`7:15 a.m.`), quotes followed by an attribution (`"Why?" Smith asked`), omission marks
//! (`[...]`), URLs, e-mail addresses and file names, missing spaces (`world.Today`) and hard line
//! breaks. It is linear in the input: every decision looks only a few words back and ahead.

use super::report::Span;

/// Titles and other abbreviations that precede a name or a number: a period after them never
/// ends a sentence (`Mr. Smith`, `Gov. Brown`, `St. Louis`, `Smith vs. Jones`).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "messrs", "mmes", "dr", "drs", "prof", "profs", "gov", "govs", "gen", "sen", "sens",
    "rep", "reps", "col", "capt", "cpt", "lt", "sgt", "maj", "adm", "cmdr", "cdr", "pres", "supt", "det", "insp",
    "rev", "hon", "fr", "pvt", "cpl", "msgr", "atty", "mme", "mlle", "st", "ste", "mt", "ft", "pt", "vs", "v", "cf",
    "viz", "lieut", "brig", "gens", "amb", "sec'y", "comdr", "rt", "esq", "approx", "incl", "excl", "ca", "abt", "mgr",
    "dir", "asst", "nr", "e.g", "i.e", "eg", "ie", "a.k.a", "aka", "resp",
];

/// Abbreviations that may end a sentence: before a capital they end one only when the capital
/// word is a usual sentence starter (`Apple Inc. The company ...` vs. `Apple Inc. Chairman`).
const ENDINGS: &[&str] = &[
    "inc", "corp", "co", "cos", "ltd", "llc", "llp", "plc", "bros", "etc", "al", "ave", "blvd", "jr", "sr", "dept",
    "depts", "univ", "assn", "assoc", "inst", "natl", "intl", "govt", "mfg", "div", "dist", "rd", "hwy", "pkwy", "apt",
    "bldg", "ctr", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "thu", "thur", "thurs", "fri", "calif", "fla", "tenn", "tex", "ariz", "colo", "conn", "mich", "minn", "okla",
    "wis", "wyo", "neb", "nev", "kan", "kans", "ky", "md", "va", "ga", "ala", "vt", "mont", "nebr", "penn", "ida",
    "oreg", "n.h", "n.j", "n.m", "n.y", "n.c", "n.d", "s.c", "s.d", "r.i", "w.va", "d.c", "ph", "oz", "lb", "lbs",
    "kg", "km", "yd", "yds", "sq", "qt", "tbsp", "tsp", "hr", "hrs", "mins", "secs", "mln", "bn", "mos", "yr", "yrs",
    "wk", "wks", "eds", "ibid", "esp", "misc", "contd", "refs", "avg",
];

/// Abbreviations that are also common words (`ill`, `sun`, `mass`): they continue a sentence only
/// before a lower-case word or a number, and before a capital they end it like any word.
const AMBIGUOUS: &[&str] = &[
    "sun", "sat", "wed", "mar", "ill", "mass", "miss", "ore", "wash", "ind", "del", "la", "pa", "mo", "max", "min",
    "sec", "ed", "cont", "ref", "est", "gal", "mi", "ark", "cu", "doz", "trans", "me", "fig", "art", "tab", "ex",
    "cal", "id",
];

/// Abbreviations that precede a number (`No. 5`, `pp. 12`, `Fig. 3`, `pop. 256,000`). Before a
/// capital they are ordinary words (`I said no. He left.`).
const NUMBERED: &[&str] = &[
    "no", "nos", "n°", "nº", "vol", "vols", "p", "pp", "ch", "chap", "fig", "figs", "art", "arts", "sec", "para", "op",
    "pop", "tel", "ext", "ph", "fax", "col", "cols", "ver", "rev", "nr", "num", "pg", "pgs", "ex", "tab", "eq", "eqs",
    "rm", "ste", "box",
];

/// Words that open a sentence often enough that after an abbreviation that may end a sentence
/// (`U.S.`, `etc.`, `Inc.`, an initial) they mark a boundary.
const STARTERS: &[&str] = &[
    "a",
    "an",
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "however",
    "in",
    "on",
    "at",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "since",
    "meanwhile",
    "still",
    "also",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "what",
    "why",
    "how",
    "who",
    "whom",
    "where",
    "which",
    "some",
    "many",
    "most",
    "one",
    "both",
    "each",
    "all",
    "no",
    "not",
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "will",
    "would",
    "should",
    "might",
    "must",
    "has",
    "have",
    "had",
    "for",
    "from",
    "with",
    "by",
    "to",
    "of",
    "about",
    "mr",
    "mrs",
    "ms",
    "dr",
    "please",
    "thanks",
    "thank",
    "yes",
    "let",
    "other",
    "more",
    "such",
    "every",
    "any",
    "several",
    "only",
    "even",
    "because",
    "although",
    "though",
    "despite",
    "during",
    "under",
    "over",
    "among",
    "instead",
    "indeed",
    "later",
    "earlier",
    "last",
    "next",
    "first",
    "finally",
    "again",
    "until",
    "why",
    "whether",
    "according",
    "nor",
    "neither",
    "either",
    "few",
    "much",
    "none",
    "nobody",
    "nothing",
    "everyone",
    "everything",
    "someone",
    "something",
    "after",
    "unlike",
    "like",
    "without",
    "within",
    "through",
    "against",
    "into",
    "hello",
    "hi",
    "ok",
    "okay",
    "well",
];

/// Capitalized words that continue a sentence after a time such as `6 p.m.`.
const AFTER_TIME: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ist",
    "jst",
    "aest",
    "eastern",
    "central",
    "pacific",
    "mountain",
    "local",
    "today",
    "tonight",
    "tomorrow",
    "yesterday",
];

/// Words that open a short introductory phrase ending in a time (`At 5 a.m. Mr. Smith ...`).
const TIME_INTRO: &[&str] = &[
    "at",
    "by",
    "around",
    "about",
    "until",
    "till",
    "before",
    "after",
    "from",
    "since",
    "on",
    "shortly",
    "just",
    "early",
    "late",
    "near",
    "circa",
    "approximately",
];

/// Speech verbs of an attribution after a quotation (`"Why not?" Smith asked.`).
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "told",
    "tells",
    "added",
    "adds",
    "replied",
    "replies",
    "wrote",
    "writes",
    "shouted",
    "shouts",
    "yelled",
    "cried",
    "exclaimed",
    "answered",
    "continued",
    "explained",
    "insisted",
    "noted",
    "recalled",
    "beams",
    "beamed",
    "laughed",
    "laughs",
    "whispered",
    "declared",
    "admitted",
    "argued",
    "warned",
    "sighed",
    "joked",
    "quipped",
    "responded",
    "smiled",
];

/// Names that end in an exclamation mark (`Yahoo! Mail`).
const BANG_NAMES: &[&str] = &["yahoo", "jeopardy", "e"];

/// Domain endings: `Example.Com` is a host name, not two sentences.
const DOMAIN_ENDINGS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "io", "uk", "co", "de", "fr", "info", "biz", "us", "ca", "au", "tv",
];

/// Emoticons that can close a sentence (`Great place! :)`).
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ":D", ":-D", ";)", ";-)", ":P", ":-P", ":p", ":-p", ":o", ":O", ":/", ":-/", ":|", "=)",
    "=(", "^^", "^_^", ":')", "<3", ":]", ":[",
];

/// One bit per word list, for [`in_list`].
const TITLES_BIT: u16 = 1;
const ENDINGS_BIT: u16 = 1 << 1;
const AMBIGUOUS_BIT: u16 = 1 << 2;
const NUMBERED_BIT: u16 = 1 << 3;
const STARTERS_BIT: u16 = 1 << 4;
const AFTER_TIME_BIT: u16 = 1 << 5;
const TIME_INTRO_BIT: u16 = 1 << 6;
const SPEECH_VERBS_BIT: u16 = 1 << 7;
const BANG_NAMES_BIT: u16 = 1 << 8;
const DOMAIN_ENDINGS_BIT: u16 = 1 << 9;
const CLOSINGS_BIT: u16 = 1 << 10;
const NOT_NAMES_BIT: u16 = 1 << 11;
const AFTER_SALUTATION_BIT: u16 = 1 << 12;

/// Every listed word (lower-case) with the bits of the lists it belongs to, built once: an
/// open-addressed table of words packed as [`Slot`]s, so that a look-up hashes two machine words
/// instead of a string.
struct Lexicon {
    slots: Vec<Slot>,
}

/// A word of at most 16 bytes, ASCII letters lower-cased, zero-padded into two machine words, with
/// its length (0 marks an empty slot) and, in the table, the bits of its lists.
#[derive(Clone, Copy, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    len: u16,
    bits: u16,
}

/// Slots of the lexicon's table (a power of two, about twice its words).
const LEXICON_SLOTS: usize = 1024;

impl Slot {
    fn of(word: &[u8]) -> Option<Slot> {
        if word.is_empty() || word.len() > 16 {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..word.len()].copy_from_slice(word);
        let half = |b: &[u8]| ascii_lower(u64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
        Some(Slot { lo: half(&buf[..8]), hi: half(&buf[8..]), len: word.len() as u16, bits: 0 })
    }
    fn same_word(&self, other: &Slot) -> bool {
        self.lo == other.lo && self.hi == other.hi && self.len == other.len
    }
    fn home(&self) -> usize {
        let h = (self.lo ^ self.hi.rotate_left(31) ^ self.len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - LEXICON_SLOTS.trailing_zeros())) as usize
    }
}

/// `to_ascii_lowercase` on each of the eight bytes of `x` (other bytes are left as they are).
fn ascii_lower(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (0x7F * ONES);
    // A high bit in each byte from `A` up, and in each byte past `Z` (no carry leaves a byte).
    let from_a = low7 + (0x80 - b'A' as u64) * ONES;
    let past_z = low7 + (0x80 - b'Z' as u64 - 1) * ONES;
    let upper = from_a & !past_z & !x & (0x80 * ONES);
    x | (upper >> 2)
}

/// Each word list with its bit in the lexicon.
const LISTS: [(&[&str], u16); 13] = [
    (TITLES, TITLES_BIT),
    (ENDINGS, ENDINGS_BIT),
    (AMBIGUOUS, AMBIGUOUS_BIT),
    (NUMBERED, NUMBERED_BIT),
    (STARTERS, STARTERS_BIT),
    (AFTER_TIME, AFTER_TIME_BIT),
    (TIME_INTRO, TIME_INTRO_BIT),
    (SPEECH_VERBS, SPEECH_VERBS_BIT),
    (BANG_NAMES, BANG_NAMES_BIT),
    (DOMAIN_ENDINGS, DOMAIN_ENDINGS_BIT),
    (CLOSINGS, CLOSINGS_BIT),
    (NOT_NAMES, NOT_NAMES_BIT),
    (AFTER_SALUTATION, AFTER_SALUTATION_BIT),
];

fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut slots = vec![Slot::default(); LEXICON_SLOTS];
        for (words, bit) in LISTS {
            // A word longer than 16 bytes could never be looked up.
            for word in words.iter().filter_map(|w| Slot::of(w.as_bytes())) {
                let mut at = word.home();
                while slots[at].len != 0 && !slots[at].same_word(&word) {
                    at = (at + 1) % LEXICON_SLOTS;
                }
                slots[at] = Slot { bits: slots[at].bits | bit, ..word };
            }
        }
        Lexicon { slots }
    })
}

/// The bits of the lists that hold `word` (any case). Constant time: ASCII letters are lower-cased
/// eight at a time and the word is looked up once.
fn lists_of(word: &str) -> u16 {
    let Some(word) = Slot::of(word.as_bytes()) else {
        return 0;
    };
    let slots = &lexicon().slots;
    let mut at = word.home();
    loop {
        let slot = &slots[at];
        if slot.same_word(&word) {
            return slot.bits;
        }
        if slot.len == 0 {
            return 0;
        }
        at = (at + 1) % LEXICON_SLOTS;
    }
}

/// Is `word` (any case) in the list whose bit is `bit`?
fn in_list(bit: u16, word: &str) -> bool {
    lists_of(word) & bit != 0
}

fn contains_ci(list: &[&str], word: &str) -> bool {
    !word.is_empty() && word.len() <= 12 && list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{BB}' | '\u{203A}' | '\u{300D}' | '\u{300F}'
    )
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{BB}' | '\u{203A}' | '\u{201C}' | '\u{2018}' | '\u{AB}'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{AB}'
            | '\u{2039}'
            | '\u{BF}'
            | '\u{A1}'
            | '\u{300C}'
            | '\u{300E}'
            | '*'
            | '_'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{2026}'
            | '\u{203C}'
            | '\u{2047}'
            | '\u{2048}'
            | '\u{2049}'
            | '\u{3002}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{FF0E}'
            | '\u{061F}'
            | '\u{06D4}'
            | '\u{0964}'
    )
}

/// Full-width sentence marks of Chinese and Japanese text, which no space follows.
fn is_wide_terminal(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{FF0E}')
}

/// Length of a footnote reference `[12]` at the start of `s`.
fn footnote_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
    (digits >= 1 && digits <= 3 && b.get(1 + digits) == Some(&b']')).then_some(digits + 2)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '&' | '\u{2019}' | '\u{B0}' | '\u{BA}')
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{2022}'
            | '\u{2043}'
            | '\u{25AA}'
            | '\u{25CF}'
            | '\u{25E6}'
            | '\u{00B7}'
            | '\u{2023}'
            | '\u{2219}'
            | '\u{25A0}'
            | '\u{25BA}'
            | '\u{27A2}'
    )
}

/// The word that ends at byte `end` (exclusive): letters, digits, dots, hyphens, apostrophes.
/// At most 64 bytes back, so a pathological word costs a constant.
fn word_before(text: &str, end: usize) -> &str {
    let (b, floor) = (text.as_bytes(), end.saturating_sub(64));
    // ASCII bytes by a table; from a character outside ASCII on, character by character.
    let mut start = end;
    while start > floor && ASCII_WORD[b[start - 1] as usize] {
        start -= 1;
    }
    if start > floor && b[start - 1] >= 0x80 {
        for (i, c) in text[..start].char_indices().rev() {
            if !is_word_char(c) || end - i > 64 {
                break;
            }
            start = i;
        }
    }
    &text[start..end]
}

/// The ASCII bytes of [`is_word_char`] (none from 0x80 up).
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric() || matches!(c as u8, b'.' | b'-' | b'\'' | b'&');
        c += 1;
    }
    t
};

/// The whitespace-delimited token around byte `at` (for URL and e-mail tests), at most 256
/// bytes each way.
fn token_around(text: &str, at: usize) -> &str {
    let mut start = at;
    for (i, c) in text[..at].char_indices().rev() {
        if c.is_whitespace() || at - i > 256 {
            break;
        }
        start = i;
    }
    let mut end = at;
    for (i, c) in text[at..].char_indices() {
        if c.is_whitespace() || i > 256 {
            break;
        }
        end = at + i + c.len_utf8();
    }
    &text[start..end]
}

/// The next word from byte `start` of `text` (which must end at the paragraph's end), after
/// opening quotes and brackets; without its final period.
fn word_after(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let opening = rest.bytes().take_while(|&c| matches!(c, b'"' | b'\'' | b'(' | b'[' | b'{' | b'*' | b'_')).count();
    let rest = match rest.as_bytes().get(opening) {
        // Opening marks outside ASCII (curly quotes) are decoded.
        Some(&c) if c >= 0x80 => rest[opening..].trim_start_matches(is_opening),
        _ => &rest[opening..],
    };
    // ASCII bytes by a table; from a character outside ASCII on, character by character.
    let b = rest.as_bytes();
    let mut end = 0;
    while end <= 64 && end < b.len() && ASCII_WORD_AFTER[b[end] as usize] {
        end += 1;
    }
    if end <= 64 && end < b.len() && b[end] >= 0x80 {
        end = rest[end..]
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.' || c == '\u{2019}') || end + i > 64
            })
            .map(|(i, _)| end + i)
            .unwrap_or(rest.len());
    }
    rest[..end].trim_end_matches('.')
}

/// The ASCII bytes that [`word_after`] takes into a word: letters, digits, `'`, `-`, `.`.
const ASCII_WORD_AFTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric() || matches!(c as u8, b'.' | b'-' | b'\'');
        c += 1;
    }
    t
};

/// The `n` words after byte `start`, lower-cased letters only, for attribution tests.
fn words_after(text: &str, start: usize, n: usize) -> impl Iterator<Item = &str> {
    text[start..]
        .split_whitespace()
        .take(n)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn is_number(word: &str) -> bool {
    let w = word.trim_start_matches(['-', '+', '$']);
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '/' | '-' | ':'))
}

fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// `U.S`, `e.g`, `a.m`, `Ph.D`, `U.S.A`: letters in short groups joined by dots.
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
}

/// Is `s` nothing but a list enumerator (`1.`, `2.)`, `a)`, `• 9.`, `(iv)`), the opening of a
/// list item that its period must not close?
fn is_marker_only(s: &str) -> bool {
    if s.len() > 24 {
        return false;
    }
    let t = s
        .trim()
        .trim_start_matches(|c: char| is_bullet(c) || c == '-' || c == '*' || c.is_whitespace());
    let t = t.strip_prefix('(').unwrap_or(t);
    let core = t.trim_end_matches(['.', ')']);
    if core.is_empty() || core.len() == t.len() {
        return false;
    }
    let digits = core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit());
    let letter = core.len() == 1 && core.bytes().all(|b| b.is_ascii_alphabetic());
    let roman = core.len() <= 4 && core.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    digits || letter || roman
}

/// An inline enumerator token (`1.`, `2.)`, `3)`, `a.`, `b)`): its kind (0 numbers, 1 letters)
/// and value.
fn enumerator(token: &str) -> Option<(u8, u32)> {
    let core = token
        .strip_suffix(".)")
        .or_else(|| token.strip_suffix('.'))
        .or_else(|| token.strip_suffix(')'))?;
    if !core.is_empty() && core.len() <= 2 && core.bytes().all(|b| b.is_ascii_digit()) {
        return core.parse().ok().map(|v| (0, v));
    }
    let b = core.as_bytes();
    if b.len() == 1 && b[0].is_ascii_lowercase() {
        return Some((1, (b[0] - b'a' + 1) as u32));
    }
    None
}

/// Byte offsets (relative to `region`) where an inline list item begins: enumerators that form a
/// run 1, 2, 3 (or a, b, c) in one paragraph, each followed by a capitalized word, as in
/// `1.) The first item 2.) The second item`.
fn inline_list_starts(region: &str) -> Vec<usize> {
    // (start of the item incl. a bullet, kind, value, bulleted, item starts with a capital)
    let mut marks: Vec<(usize, u8, u32, bool, bool)> = Vec::new();
    let bytes = region.as_bytes();
    let mut i = 0;
    let mut prev_bullet: Option<usize> = None;
    while i < bytes.len() {
        // Start of a whitespace-delimited token.
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let tok_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let tok = &region[tok_start..i];
        if tok.chars().all(is_bullet) {
            prev_bullet = Some(tok_start);
            continue;
        }
        let first = tok.as_bytes()[0];
        let quick = first.is_ascii_digit() || first.is_ascii_lowercase() || first >= 0x80;
        if quick && tok.len() <= 8 {
            let stripped = tok.trim_start_matches(is_bullet);
            let attached_bullet = stripped.len() < tok.len();
            if let Some((kind, value)) = enumerator(stripped) {
                let next = region[i..].trim_start().chars().next();
                if next.is_some_and(char::is_alphabetic) {
                    let start = prev_bullet.unwrap_or(tok_start);
                    let bulleted = attached_bullet || prev_bullet.is_some();
                    marks.push((start, kind, value, bulleted, next.is_some_and(char::is_uppercase)));
                }
            }
        }
        prev_bullet = None;
    }
    let mut out = Vec::new();
    if marks.len() < 2 {
        return out;
    }
    let mut k = 0;
    while k < marks.len() {
        let mut end = k + 1;
        while end < marks.len() && marks[end].1 == marks[k].1 && marks[end].2 == marks[end - 1].2 + 1 {
            end += 1;
        }
        let (start, _, value, bulleted, _) = marks[k];
        let opens = start == 0 || bulleted || value == 1;
        // Two items with capitals (`1) The first 2) The second`), or three of any case.
        let capitals = marks[k..end].iter().all(|m| m.4);
        if (end - k >= 3 || end - k >= 2 && capitals) && opens {
            out.extend(marks[k..end].iter().map(|m| m.0));
        }
        k = end;
    }
    out
}

/// What kind of terminal run the scanner found.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// One period.
    Period,
    /// Several periods, spaced periods or `…`.
    Ellipsis,
    /// Runs with `!` or `?`.
    Exclaim,
    /// An emoticon standing where punctuation would be.
    Emoticon,
}

/// Sentence spans of `text[span]`, trimmed of surrounding white space, covering every non-space
/// character of the span, in order and without overlap. An invalid span yields no sentences.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(text, span, &mut out);
    out
}

/// [`split`], the sentences appended to `out` (so that one list serves many paragraphs).
pub fn split_into(text: &str, span: Span, out: &mut Vec<Span>) {
    if span.start >= span.end
        || span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return;
    }
    let region = &text[span.start..span.end];
    let base = span.start;
    let list_starts = if enumerator_hint(region) {
        inline_list_starts(region)
    } else {
        Vec::new()
    };
    let mut next_list = 0;
    let mut sent_start = 0usize;
    let bytes = region.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        // Inline list items open a sentence.
        while next_list < list_starts.len() && list_starts[next_list] < i {
            next_list += 1;
        }
        if next_list < list_starts.len() && list_starts[next_list] == i {
            next_list += 1;
            if !region[sent_start..i].trim().is_empty() {
                push_trimmed(text, base + sent_start, base + i, out);
                sent_start = i;
            }
        }
        let b = bytes[i];
        // Fast path: only a few bytes can start a candidate. Skip to the next one, stopping at the
        // next inline list item (past `i`, after the loop above) for the check at the top.
        let class = CLASS[b as usize];
        if class == 0 {
            let stop = list_starts.get(next_list).map_or(bytes.len(), |&s| s.min(bytes.len()));
            let rest = bytes.get(i + 1..stop).unwrap_or_default();
            i += 1 + rest.iter().position(|&c| CLASS[c as usize] != 0).unwrap_or(rest.len());
            continue;
        }
        // Boundaries without punctuation: after a URL or e-mail address, around a timestamp,
        // after a salutation (`Vince,`) or a closing (`Thanks,`).
        let soft = if class & SOFT != 0 || b == b'.' {
            soft_boundary(region, sent_start, i)
        } else {
            Soft::None
        };
        // Every outcome must move the scanner forward.
        let soft = match soft {
            Soft::Skip(to) | Soft::Cut(_, to) | Soft::CutTwice(_, _, to) if to <= i => Soft::None,
            other => other,
        };
        match soft {
            Soft::None => {}
            Soft::Skip(to) => {
                i = to;
                continue;
            }
            Soft::Cut(at, to) => {
                push_trimmed(text, base + sent_start, base + at, out);
                sent_start = at;
                i = to;
                continue;
            }
            Soft::CutTwice(first, second, to) => {
                if !region[sent_start..first].trim().is_empty() {
                    push_trimmed(text, base + sent_start, base + first, out);
                    sent_start = first;
                }
                if let Some(second) = second {
                    push_trimmed(text, base + sent_start, base + second, out);
                    sent_start = second;
                }
                i = to;
                continue;
            }
        }
        if class & TERMINAL == 0 {
            if class & EMOTICON != 0 {
                if let Some(len) = emoticon_at(region, i) {
                    let end = i + len;
                    if decide(region, sent_start, i, end, Mark::Emoticon, false) {
                        let end = absorb_emoticons(region, end);
                        push_trimmed(text, base + sent_start, base + end, out);
                        sent_start = end;
                    }
                    i = end;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        let c = region[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        if c == '\n' {
            if is_hard_line_break(region, i) {
                push_trimmed(text, base + sent_start, base + i, out);
                sent_start = i;
            }
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += clen;
            continue;
        }
        // A run of terminal marks, then closing quotes and brackets.
        let run_start = i;
        let mut j = i;
        let mut dots = 0;
        let mut others = 0;
        let mut ellipsis_char = false;
        while let Some(d) = region[j..].chars().next() {
            if !is_terminal(d) {
                break;
            }
            match d {
                '.' | '\u{FF0E}' => dots += 1,
                '\u{2026}' => ellipsis_char = true,
                _ => others += 1,
            }
            j += d.len_utf8();
        }
        let marks_end = j;
        let mut closers = false;
        let mut quoted = false;
        loop {
            match region[j..].chars().next() {
                Some(d) if is_closing(d) => {
                    closers = true;
                    quoted |= is_quote(d);
                    j += d.len_utf8();
                }
                // Footnote references after the mark: `a martyr.[1] The emperor`.
                Some('[') => match footnote_len(&region[j..]) {
                    Some(len) => j += len,
                    None => break,
                },
                _ => break,
            }
        }
        let mut mark = if others > 0 {
            Mark::Exclaim
        } else if dots >= 2 || ellipsis_char {
            Mark::Ellipsis
        } else {
            Mark::Period
        };
        // Spaced ellipsis `. . .` and repeated marks `? ?` after this run.
        let mut end = j;
        if mark == Mark::Period || mark == Mark::Ellipsis || mark == Mark::Exclaim {
            let (spaced_end, count, closed) = spaced_marks(region, end, mark);
            if count > 0 {
                let attached = run_start > 0 && !region[..run_start].ends_with(char::is_whitespace);
                let next = word_after(region, skip_ws(region, spaced_end));
                let next_capital = first_char(next).is_some_and(char::is_uppercase) && next != "I";
                if mark == Mark::Period && attached && count >= 3 && next_capital && !closers {
                    // `compounds. . . . The practice`: the word's own period ends the sentence and
                    // the ellipsis opens the next one.
                    if decide(region, sent_start, run_start, end, Mark::Period, false) {
                        push_trimmed(text, base + sent_start, base + end, out);
                        sent_start = end;
                    }
                    i = spaced_end;
                    continue;
                }
                if mark == Mark::Period && count >= 1 {
                    mark = Mark::Ellipsis;
                }
                end = spaced_end;
                closers |= closed;
                quoted |= closed;
            }
        }
        let after_ws = skip_ws(region, end);
        // CJK full stops need no space after them: `北京。上海。`.
        if after_ws == end
            && end < region.len()
            && mark != Mark::Emoticon
            && region[run_start..marks_end].chars().all(is_wide_terminal)
        {
            push_trimmed(text, base + sent_start, base + end, out);
            sent_start = end;
            i = end;
            continue;
        }
        if after_ws == end && end < region.len() {
            // No space after the run: `world.Today`, but not `J.Aron`, `3.5`, `example.com`.
            if mark != Mark::Emoticon
                && !closers
                && marks_end - run_start == 1
                && missing_space_boundary(region, run_start)
            {
                push_trimmed(text, base + sent_start, base + marks_end, out);
                sent_start = marks_end;
            }
            i = end.max(i + clen);
            continue;
        }
        if decide(region, sent_start, run_start, end, mark, quoted || closers) {
            let end = absorb_emoticons(region, end);
            push_trimmed(text, base + sent_start, base + end, out);
            sent_start = end;
            i = end;
        } else {
            i = end;
        }
    }
    push_trimmed(text, base + sent_start, base + region.len(), out);
}

/// Byte classes for the scanner's fast path: bytes that may end a sentence (terminal marks, line
/// breaks, any non-ASCII lead byte), bytes that may start an emoticon, and bytes where a
/// boundary without punctuation may start (URLs, e-mail addresses, timestamps, salutations).
const TERMINAL: u8 = 1;
const EMOTICON: u8 = 2;
const SOFT: u8 = 4;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'.' as usize] = TERMINAL;
    t[b'!' as usize] = TERMINAL;
    t[b'?' as usize] = TERMINAL;
    t[b'\n' as usize] = TERMINAL;
    let mut k = 0x80;
    while k < 256 {
        t[k] = TERMINAL;
        k += 1;
    }
    t[b':' as usize] = EMOTICON | SOFT;
    t[b';' as usize] = EMOTICON;
    t[b'=' as usize] = EMOTICON;
    t[b'^' as usize] = EMOTICON;
    t[b'<' as usize] = EMOTICON;
    t[b',' as usize] = SOFT;
    t[b'/' as usize] = SOFT;
    t[b'@' as usize] = SOFT;
    t
};

/// The outcome of [`soft_boundary`] at one position.
enum Soft {
    /// Nothing special here.
    None,
    /// Skip to this offset (inside a URL, whose dots and marks are not sentence ends).
    Skip(usize),
    /// End the sentence at the first offset and continue scanning at the second.
    Cut(usize, usize),
    /// A timestamp: a sentence ends before it (first) and maybe after it (second); continue at
    /// the third offset.
    CutTwice(usize, Option<usize>, usize),
}

/// Closings of a letter, before the writer's name (`Thanks, Martin`).
const CLOSINGS: &[&str] = &[
    "thanks",
    "best",
    "regards",
    "best regards",
    "kind regards",
    "warm regards",
    "cheers",
    "sincerely",
    "best wishes",
    "thank you",
    "many thanks",
    "yours",
    "yours truly",
    "love",
];

/// Capitalized words that often follow a comma or colon at the start of a paragraph without
/// starting a new sentence (`However, I ...`), so they are never read as a salutation.
const NOT_NAMES: &[&str] = &[
    "okay",
    "ok",
    "yes",
    "no",
    "also",
    "however",
    "well",
    "so",
    "now",
    "then",
    "still",
    "meanwhile",
    "again",
    "besides",
    "first",
    "second",
    "third",
    "finally",
    "instead",
    "today",
    "yesterday",
    "tomorrow",
    "otherwise",
    "anyway",
    "oh",
    "sure",
    "indeed",
    "thus",
    "hence",
    "therefore",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "overall",
    "please",
    "earlier",
    "later",
    "here",
    "there",
    "email",
    "e-mail",
    "subject",
    "note",
    "update",
    "ps",
    "sir",
    "madam",
    "friends",
    "folks",
    "guys",
    "everyone",
    "all",
    "hmm",
    "wow",
    "but",
    "and",
    "what",
    "why",
    "how",
    "who",
    "when",
    "where",
    "if",
    "because",
    "although",
    "though",
];

/// Capitalized words that open the body of a message after a salutation (`Vince, We are ...`).
const AFTER_SALUTATION: &[&str] = &[
    "i",
    "we",
    "there",
    "here",
    "a",
    "please",
    "attached",
    "as",
    "are",
    "can",
    "could",
    "would",
    "thanks",
    "thank",
    "this",
    "the",
    "your",
    "just",
    "hope",
    "sorry",
    "fyi",
    "following",
    "per",
    "do",
    "did",
    "is",
    "have",
    "let",
    "it",
    "my",
    "our",
    "you",
    "good",
    "hi",
    "hello",
    "welcome",
    "congratulations",
    "further",
    "regarding",
    "re",
    "in",
    "on",
    "at",
    "i'm",
    "i've",
    "we're",
];

fn is_url_start(s: &str) -> bool {
    let b = s.as_bytes();
    let prefix = |p: &[u8]| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    prefix(b"http://") || prefix(b"https://") || prefix(b"www.") || prefix(b"ftp://")
}

/// End of the whitespace-delimited token containing `at`.
fn token_end(region: &str, at: usize) -> usize {
    whitespace_from(region, at)
}

/// The offset of the first white-space character of `s` at or after byte `from` (a character
/// boundary), or `s.len()`: ASCII bytes are tested as they are, other characters decoded.
fn whitespace_from(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if matches!(c, b' ' | b'\t'..=b'\r') {
                return i;
            }
            i += 1;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                return i;
            }
            i += ch.len_utf8();
        }
    }
    b.len()
}

/// Start of the whitespace-delimited token containing `at` (at most 256 bytes back).
fn token_start(region: &str, at: usize) -> usize {
    let (b, floor) = (region.as_bytes(), at.saturating_sub(256));
    let mut start = at;
    while start > floor {
        let c = b[start - 1];
        if c < 0x80 {
            if matches!(c, b' ' | b'\t'..=b'\r') {
                break;
            }
            start -= 1;
        } else {
            // A character outside ASCII: decoded whole, and kept only if it starts within reach.
            let Some((i, ch)) = region[..start].char_indices().next_back() else { break };
            if ch.is_whitespace() || i < floor {
                break;
            }
            start = i;
        }
    }
    start
}

/// Boundaries that need no punctuation, checked at byte `i` (one of `, / @ : .`).
fn soft_boundary(region: &str, sent_start: usize, i: usize) -> Soft {
    let b = region.as_bytes()[i];
    match b {
        b':' if region[i..].starts_with("://") => link_end(region, i),
        // `www.` is noticed at its period, so that `w` stays off the scanner's fast path.
        b'.' if i >= 3
            && region.as_bytes()[i - 3..i].eq_ignore_ascii_case(b"www")
            && (i == 3
                || region.as_bytes()[i - 4].is_ascii_whitespace()
                || matches!(region.as_bytes()[i - 4], b'(' | b'<')) =>
        {
            link_end(region, i - 3)
        }
        b'@' => {
            let end = token_end(region, i);
            let tok = &region[i..end];
            if tok.len() > 3
                && tok[1..].contains('.')
                && region[token_start(region, i)..i]
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
            {
                link_end(region, i)
            } else {
                Soft::None
            }
        }
        b'/' => timestamp(region, sent_start, i),
        b',' | b':' => salutation(region, sent_start, i),
        _ => Soft::None,
    }
}

/// At a URL or e-mail address: skip its inner dots, and end the sentence after it when a capital
/// or another URL follows (`... StoryID=16473 http://...`, `hackneys.net/ The latest spot`).
fn link_end(region: &str, i: usize) -> Soft {
    let end = token_end(region, i);
    let core_end = region[..end]
        .trim_end_matches(|c: char| is_terminal(c) || is_closing(c) || matches!(c, ',' | ';' | ':' | '>'))
        .len()
        .max(i + 1);
    if core_end < end {
        // Trailing punctuation is judged by the usual rules.
        return Soft::Skip(core_end);
    }
    let next_at = skip_ws(region, end);
    if next_at >= region.len() || region[end..next_at].contains('\n') {
        return Soft::Skip(end);
    }
    let rest = &region[next_at..];
    let next_upper = rest.chars().next().is_some_and(char::is_uppercase);
    if next_upper || is_url_start(rest) {
        Soft::Cut(end, end)
    } else {
        Soft::Skip(end)
    }
}

/// A timestamp `06/02/2001 10:53 AM` standing between a name and a message: a sentence ends before
/// it (unless a lower-case word such as `on` leads into it) and after it before a capital.
fn timestamp(region: &str, sent_start: usize, slash: usize) -> Soft {
    // The token before the slash is one or two digits.
    let b = region.as_bytes();
    let head = b[..slash].iter().rev().take(3).take_while(|c| c.is_ascii_digit()).count();
    let start = slash - head;
    if head == 0 || head > 2 || start > 0 && !region[..start].ends_with(char::is_whitespace) {
        return Soft::None;
    }
    let mut k = slash + 1;
    let digits = |k: &mut usize, min: usize, max: usize| -> bool {
        let s = *k;
        while *k < b.len() && b[*k].is_ascii_digit() && *k - s < max {
            *k += 1;
        }
        *k - s >= min
    };
    if !digits(&mut k, 1, 2) || b.get(k) != Some(&b'/') {
        return Soft::None;
    }
    k += 1;
    if !digits(&mut k, 2, 4) || b.get(k) != Some(&b' ') {
        return Soft::None;
    }
    k += 1;
    if !digits(&mut k, 1, 2) || b.get(k) != Some(&b':') {
        return Soft::None;
    }
    k += 1;
    if !digits(&mut k, 2, 2) {
        return Soft::None;
    }
    if b.get(k) == Some(&b':') {
        k += 1;
        if !digits(&mut k, 2, 2) {
            return Soft::None;
        }
    }
    if b.get(k) == Some(&b' ') {
        k += 1;
    }
    let meridiem = region
        .get(k..k + 2)
        .is_some_and(|m| m.eq_ignore_ascii_case("am") || m.eq_ignore_ascii_case("pm"));
    if !meridiem {
        return Soft::None;
    }
    let end = k + 2;
    if end < region.len() && !b[end].is_ascii_whitespace() {
        return Soft::None;
    }
    let before_word = region[sent_start..start].split_whitespace().next_back().unwrap_or("");
    let lead_in = before_word.chars().all(|c| c.is_lowercase()) && !before_word.is_empty();
    let first = if lead_in { sent_start } else { start };
    let next = skip_ws(region, end);
    let second = (next < region.len() && region[next..].chars().next().is_some_and(char::is_uppercase)).then_some(end);
    Soft::CutTwice(first, second, end)
}

/// `Vince, We are ...`, `Hi David: Thought ...` at the start of a paragraph, and `Thanks, Martin`
/// after a message: the salutation or closing is a sentence of its own.
fn salutation(region: &str, sent_start: usize, i: usize) -> Soft {
    if i - sent_start > 40 {
        return Soft::None;
    }
    let so_far = region[sent_start..i].trim();
    if so_far.is_empty() || so_far.len() > 24 {
        return Soft::None;
    }
    let next_at = skip_ws(region, i + 1);
    if next_at == i + 1 || next_at >= region.len() {
        return Soft::None;
    }
    let next = word_after(region, next_at);
    if !first_char(next).is_some_and(char::is_uppercase) {
        return Soft::None;
    }
    let comma = region.as_bytes()[i] == b',';
    if comma && in_list(CLOSINGS_BIT, so_far) && !in_list(STARTERS_BIT, next) {
        return Soft::Cut(i + 1, i + 1);
    }
    if sent_start != 0 {
        return Soft::None;
    }
    let words: Vec<&str> = so_far.split_whitespace().collect();
    let greeting = words.len() >= 2 && words.len() <= 3 && contains_ci(&["hi", "hello", "dear", "hey"], words[0]);
    let name = |w: &str| {
        first_char(w).is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
            && !in_list(NOT_NAMES_BIT, w)
            && !w.to_ascii_lowercase().ends_with("ly")
    };
    let ok = if greeting {
        words[1..].iter().all(|w| name(w))
    } else {
        words.len() == 1 && name(words[0]) && in_list(AFTER_SALUTATION_BIT, next)
    };
    if ok {
        Soft::Cut(i + 1, i + 1)
    } else {
        Soft::None
    }
}

/// Are there two tokens that look like enumerators (`1.`, `b)`, `10.)`)? A cheap pass over the
/// periods and brackets that spares prose the token pass of [`inline_list_starts`].
fn enumerator_hint(region: &str) -> bool {
    let b = region.as_bytes();
    let mut found = 0;
    let mut from = 1;
    while let Some(p) = next_dot_or_paren(b, from) {
        from = p + 1;
        let mut k = p;
        while k > 0 && p - k < 3 && (b[k - 1].is_ascii_digit() || b[k - 1].is_ascii_lowercase() || b[k - 1] == b'.') {
            k -= 1;
        }
        let open = k == 0 || b[k - 1].is_ascii_whitespace() || b[k - 1] >= 0x80;
        if k < p && open && b.get(p + 1).is_none_or(|n| n.is_ascii_whitespace() || *n == b')') {
            found += 1;
            if found >= 2 {
                return true;
            }
        }
    }
    false
}

/// The first `.` or `)` of `b` at or after `from`, eight bytes at a time where there is none.
fn next_dot_or_paren(b: &[u8], from: usize) -> Option<usize> {
    super::bytes::next_of(b, from, b".)", 0)
}

fn skip_ws(region: &str, from: usize) -> usize {
    // ASCII white space byte by byte; from a character outside ASCII on, `trim_start`.
    let b = region.as_bytes();
    let mut i = from;
    while i < b.len() && matches!(b[i], b' ' | b'\t'..=b'\r') {
        i += 1;
    }
    if i < b.len() && b[i] >= 0x80 {
        let rest = &region[i..];
        i += rest.len() - rest.trim_start().len();
    }
    i
}

/// After a run ending at `from`, spaced tokens made of the same marks: `. . .` after a period,
/// `? ?` or `!` after an exclamation. Returns the end, the number of tokens, and whether they
/// carried a closing quote.
fn spaced_marks(region: &str, from: usize, mark: Mark) -> (usize, usize, bool) {
    let mut end = from;
    let mut count = 0;
    let mut closed = false;
    loop {
        let rest = &region[end..];
        let ws = rest.len() - rest.trim_start_matches([' ', '\t', '\u{A0}']).len();
        if ws == 0 {
            break;
        }
        let tok_start = end + ws;
        let tok_len = region[tok_start..]
            .find(char::is_whitespace)
            .unwrap_or(region.len() - tok_start);
        let tok = &region[tok_start..tok_start + tok_len];
        let core = tok.trim_end_matches(is_closing);
        let ok = match mark {
            Mark::Period | Mark::Ellipsis => core == ".",
            _ => !core.is_empty() && core.chars().all(|c| matches!(c, '!' | '?')),
        };
        if !ok || tok_len > 8 {
            break;
        }
        closed |= core.len() < tok.len();
        count += 1;
        end = tok_start + tok_len;
    }
    (end, count, closed)
}

/// Can an emoticon start with this byte? Every one of [`EMOTICONS`] starts with one of these.
fn starts_emoticon(b: Option<&u8>) -> bool {
    matches!(b, Some(b':' | b';' | b'=' | b'^' | b'<'))
}

/// The length of an emoticon token at `at`, if one stands there between spaces.
fn emoticon_at(region: &str, at: usize) -> Option<usize> {
    let rest = &region[at..];
    if !starts_emoticon(rest.as_bytes().first()) {
        return None;
    }
    if at > 0 && !region[..at].ends_with(char::is_whitespace) {
        return None;
    }
    let len = whitespace_from(rest, 0);
    let tok = &rest[..len];
    EMOTICONS.contains(&tok).then_some(len)
}

/// Extend a sentence end over emoticons that follow it (`bacon! :)`).
fn absorb_emoticons(region: &str, mut end: usize) -> usize {
    loop {
        let at = skip_ws(region, end);
        // Most sentences are followed by a word, which no emoticon starts with.
        if at == end || !starts_emoticon(region.as_bytes().get(at)) || region[end..at].contains('\n') {
            return end;
        }
        match emoticon_at(region, at) {
            Some(len) => end = at + len,
            None => return end,
        }
    }
}

/// A sentence end with no space after it: `world.Today`, `1,000.That`. The mark at `dot` is
/// followed by a capital and a lower-case letter, preceded by a lower-case word of two letters
/// or more (or a number), and the token is not a URL, an e-mail address or a host name.
fn missing_space_boundary(region: &str, dot: usize) -> bool {
    let mut after = region[dot + 1..].chars();
    let (Some(a), Some(b)) = (after.next(), after.next()) else {
        return false;
    };
    if !(a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    let before = word_before(region, dot);
    let letters = before.chars().filter(|c| c.is_alphabetic()).count();
    let last = before.chars().last();
    let wordy = letters >= 2 && last.is_some_and(|c| c.is_lowercase()) && !before.contains('.');
    let numeric = is_number(before) && last.is_some_and(|c| c.is_ascii_digit());
    if !(wordy || numeric) {
        return false;
    }
    let token = token_around(region, dot);
    if token.contains("://")
        || token.contains('@')
        || token.contains('/')
        || token.contains('=')
        || token.to_ascii_lowercase().contains("www.")
    {
        return false;
    }
    let next_word: String = region[dot + 1..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .take(8)
        .collect();
    !in_list(DOMAIN_ENDINGS_BIT, &next_word)
}

/// Does the run `region[run_start..end]` (followed by white space or the end) end the sentence
/// that began at `sent_start`?
fn decide(region: &str, sent_start: usize, run_start: usize, end: usize, mark: Mark, closed: bool) -> bool {
    let after = skip_ws(region, end);
    if after >= region.len() {
        return true;
    }
    let so_far = &region[sent_start..run_start];
    let next = word_after(region, after);
    let next_first = first_char(next);
    let next_upper = next_first.is_some_and(char::is_uppercase);
    let next_lower = next_first.is_some_and(char::is_lowercase);
    let next_digit = next_first.is_some_and(|c| c.is_ascii_digit());
    // `1.) The first item`: the period of a list enumerator opens the item.
    if mark != Mark::Emoticon && is_marker_only(&region[sent_start..end]) {
        return false;
    }
    // `"Why not?" Smith asked.` and `"Great," he said.`: an attribution continues the quote.
    if closed && (next_lower || next_upper && is_attribution(region, after)) {
        return false;
    }
    match mark {
        Mark::Emoticon => next_upper,
        Mark::Ellipsis => {
            // `[...]` marks an omission inside a sentence.
            let before = region[..run_start].trim_end_matches([' ', '.']);
            let tail = region[run_start..end].trim_start_matches(|c: char| is_terminal(c) || c == ' ');
            if before.ends_with(['[', '(']) && tail.starts_with([']', ')']) {
                return false;
            }
            next_upper && next != "I"
                || !next_lower && !next_digit && next_first.is_none() && !region[after..].starts_with(['(', '['])
        }
        Mark::Exclaim => {
            if next_lower {
                // `Yahoo! in the accounting department`.
                let before = word_before(so_far, so_far.len());
                let single = region[run_start..end].trim_end_matches(is_closing).chars().count() == 1;
                if single && in_list(BANG_NAMES_BIT, before) {
                    return false;
                }
                // An interjection inside a sentence: `when suddenly, thump! thump! down she came`.
                let clause = so_far.rsplit([',', ';', '!', '?', '\u{2014}']).next().unwrap_or(so_far);
                return clause.split_whitespace().count() > 1;
            }
            if next_upper
                && in_list(BANG_NAMES_BIT, word_before(so_far, so_far.len()))
                && region[run_start..end].len() == 1
            {
                return false;
            }
            true
        }
        Mark::Period => period_ends(region, so_far, run_start, next, after),
    }
}

/// `"Wonderful!" Winston beams.`: capitalized words then a speech verb, within three words.
fn is_attribution(region: &str, after: usize) -> bool {
    for w in words_after(region, after, 4) {
        if in_list(SPEECH_VERBS_BIT, w) {
            return true;
        }
        if !first_char(w).is_some_and(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Does a single period at `dot` end the sentence? `so_far` is the sentence before the period,
/// `next` the following word (opening quotes skipped), starting at `after`.
fn period_ends(region: &str, so_far: &str, dot: usize, next: &str, after: usize) -> bool {
    let next_first = first_char(next);
    let next_upper = next_first.is_some_and(char::is_uppercase);
    let next_lower = next_first.is_some_and(char::is_lowercase);
    let next_digit = next_first.is_some_and(|c| c.is_ascii_digit());
    // A period after a space (`demonstrates .`) ends the sentence.
    if dot == 0 || region[..dot].ends_with(char::is_whitespace) {
        return true;
    }
    let before = word_before(so_far, so_far.len());
    let bare = before.trim_start_matches(['.', '-', '\'', '&']);
    if bare.is_empty() {
        return !next_lower;
    }
    let starter = || in_list(STARTERS_BIT, next);
    // Times: `7:15 a.m. on Friday`, `at 6 P.M. Mr. Smith then went`, `At 5 a.m. Mr. Smith went`.
    if bare.eq_ignore_ascii_case("a.m") || bare.eq_ignore_ascii_case("p.m") {
        if !next_upper {
            return false;
        }
        if in_list(AFTER_TIME_BIT, next) {
            return false;
        }
        let words: Vec<&str> = so_far.split_whitespace().collect();
        let intro = words.len() <= 4 && words.first().is_some_and(|w| in_list(TIME_INTRO_BIT, w));
        return !intro;
    }
    // The lists that hold the word before the period, looked up once.
    let lists = lists_of(bare);
    if lists & TITLES_BIT != 0 {
        return false;
    }
    if lists & NUMBERED_BIT != 0 && (next_digit || next_lower || next.starts_with('#')) {
        return false;
    }
    if lists & NUMBERED_BIT != 0 && is_roman(next) && !bare.eq_ignore_ascii_case("no") {
        return false;
    }
    // A dash after an abbreviation continues a dateline (`CEDAR FALLS, Calif. — A fire`).
    let rest = &region[after..];
    let dash_next = rest.starts_with(['\u{2014}', '\u{2013}']) || rest.starts_with("- ") || rest.starts_with("--");
    if lists & AMBIGUOUS_BIT != 0 {
        return !(next_lower || next_digit || dash_next);
    }
    let mut chars = bare.chars();
    let initial = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    let dotted = is_dotted(bare);
    if initial || dotted || lists & ENDINGS_BIT != 0 {
        if next_lower || next_digit {
            return false;
        }
        if dash_next {
            return false;
        }
        if next_upper {
            // An initial before a starter (`you and I. Did`), an acronym at the end (`the U.S. How`).
            return starter() && (next.chars().count() > 1 || !initial);
        }
        return true;
    }
    if is_number(bare) {
        // `bought 1,000. That` ends; `Step 1. the` does not decide much either way.
        return !next_lower;
    }
    // An ordinary word. A lower-case word after it still starts a new sentence in informal text
    // (`sounds good. see you`); the abbreviation lists above cover the usual exceptions.
    true
}

/// A line break inside a paragraph ends a sentence when the line before it looks complete on its
/// own and the next starts a new unit (a capital or a list marker). Wrapped prose keeps going.
fn is_hard_line_break(region: &str, nl: usize) -> bool {
    let before = region[..nl].trim_end_matches([' ', '\t', '\r']);
    let after = region[nl + 1..].trim_start_matches([' ', '\t', '\r']);
    let last = before.chars().last();
    let first = after.chars().next();
    match (last, first) {
        (Some(l), Some(f)) => {
            // The line's length last: most lines before a break end with a letter.
            let short = || {
                let line_start = before.rfind('\n').map(|p| p + 1).unwrap_or(0);
                before[line_start..].chars().count() < 45
            };
            !l.is_alphanumeric() && !matches!(l, ',' | ';' | '-' | '(') && f.is_uppercase() && short()
        }
        _ => false,
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let slice = &text[start..end];
    // Most sentences start after a space and end on a mark: only the start is trimmed.
    let lead = skip_ws(slice, 0);
    let trail = match slice.as_bytes().last() {
        Some(&b) if b < 0x80 && !b.is_ascii_whitespace() && b != 0x0B => 0,
        _ => slice.len() - slice.trim_end().len(),
    };
    if lead + trail < slice.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-byte search finds what a byte-by-byte search finds, wherever it starts.
    #[test]
    fn dot_or_paren_search_is_bytewise() {
        use proptest::prelude::*;
        let bytes = proptest::collection::vec(prop_oneof![Just(b'.'), Just(b')'), Just(b'a'), Just(0u8), Just(1u8), Just(0xE2u8), any::<u8>()], 0..40);
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000))
            .run(&(bytes, 0usize..45), |(b, from)| {
                let naive = (from..b.len()).find(|&i| b[i] == b'.' || b[i] == b')');
                prop_assert_eq!(next_dot_or_paren(&b, from), naive);
                Ok(())
            })
            .unwrap();
    }

    /// The scans that read ASCII bytes by tables find what reading character by character finds,
    /// at every character boundary of texts mixing ASCII, white space and word characters outside
    /// ASCII, and runs longer than their reach.
    #[test]
    fn byte_scans_match_character_scans() {
        use proptest::prelude::*;
        fn by_chars_word_before(text: &str, end: usize) -> &str {
            let mut start = end;
            for (i, c) in text[..end].char_indices().rev() {
                if !is_word_char(c) || end - i > 64 {
                    break;
                }
                start = i;
            }
            &text[start..end]
        }
        fn by_chars_word_after(text: &str, start: usize) -> &str {
            let rest = text[start..].trim_start_matches(is_opening);
            let end = rest
                .char_indices()
                .find(|&(i, c)| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.' || c == '\u{2019}') || i > 64)
                .map(|(i, _)| i)
                .unwrap_or(rest.len());
            rest[..end].trim_end_matches('.')
        }
        fn by_chars_token_start(region: &str, at: usize) -> usize {
            let mut start = at;
            for (i, c) in region[..at].char_indices().rev() {
                if c.is_whitespace() || at - i > 256 {
                    break;
                }
                start = i;
            }
            start
        }
        let piece = prop_oneof![
            Just("a".to_string()),
            Just("Z9".to_string()),
            Just(" ".to_string()),
            Just("\u{b}\t\n".to_string()),
            Just("\u{a0}".to_string()),
            Just("\u{2003}".to_string()),
            Just("é".to_string()),
            Just("\u{2019}".to_string()),
            Just("\u{201C}\"(".to_string()),
            Just(".-'&".to_string()),
            Just("°".to_string()),
            Just("x".repeat(70)),
            Just("é".repeat(40)),
            Just("w".repeat(300)),
        ];
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(500))
            .run(&proptest::collection::vec(piece, 0..12), |pieces| {
                let text = pieces.concat();
                for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    prop_assert_eq!(word_before(&text, at), by_chars_word_before(&text, at));
                    prop_assert_eq!(word_after(&text, at), by_chars_word_after(&text, at));
                    prop_assert_eq!(token_start(&text, at), by_chars_token_start(&text, at));
                    let rest = &text[at..];
                    prop_assert_eq!(token_end(&text, at), at + rest.find(char::is_whitespace).unwrap_or(rest.len()));
                    prop_assert_eq!(skip_ws(&text, at), at + rest.len() - rest.trim_start().len());
                }
                Ok(())
            })
            .unwrap();
    }

    /// The lexicon's table gives, for any word, the lists that hold it in lower case (compared
    /// word by word), in any case of its ASCII letters.
    #[test]
    fn lexicon_finds_what_the_lists_hold() {
        let naive = |word: &str| {
            let lower = word.to_ascii_lowercase();
            let fits = !word.is_empty() && word.len() <= 16;
            LISTS.iter().filter(|(l, _)| fits && l.contains(&lower.as_str())).fold(0, |bits, (_, b)| bits | b)
        };
        let mut words: Vec<String> = Vec::new();
        for (list, _) in LISTS {
            for w in list {
                words.extend([w.to_string(), w.to_ascii_uppercase(), format!("{w}s"), format!("{w}\0"), w[1..].to_string()]);
            }
        }
        words.extend(["", "Mr\u{e9}", "\u{c9}ric", "sixteen-letters!", "seventeen-letters", "@[`{"].map(String::from));
        for w in &words {
            assert_eq!(lists_of(w), naive(w), "{w:?}");
        }
        use proptest::prelude::*;
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000))
            .run(&"[a-zA-Z@\\[`{.'\u{e9}\u{c9}-]{0,18}", |w| {
                prop_assert_eq!(lists_of(&w), naive(&w));
                Ok(())
            })
            .unwrap();
    }

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = split(input, Span::new(0, input.len()))
            .iter()
            .map(|s| s.slice(input))
            .collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn basic() {
        check("Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]);
        check("No final punctuation", &["No final punctuation"]);
        check("", &[]);
    }

    #[test]
    fn invalid_spans_yield_nothing() {
        assert!(split("abc", Span::new(2, 9)).is_empty());
        assert!(split("é", Span::new(1, 2)).is_empty());
        assert!(split("abc", Span::new(2, 1)).is_empty());
    }

    #[test]
    fn helpers() {
        assert!(is_marker_only("1."));
        assert!(is_marker_only("• 9."));
        assert!(is_marker_only("2.)"));
        assert!(!is_marker_only("The end."));
        assert_eq!(inline_list_starts("1) One thing 2) Two things"), vec![0, 13]);
        assert!(inline_list_starts("He was 1. Then 3. Then").is_empty());
        assert!(EMOTICONS.iter().all(|e| starts_emoticon(e.as_bytes().first())));
    }
}
