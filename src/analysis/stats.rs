//! Reading statistics of the text covered by some paragraphs and sentences: counts, reading and
//! speaking time, the readability formulas (`readability`), per-sentence difficulty, lexical
//! diversity, the most frequent content words and validity warnings. One pass over the words,
//! with an ASCII fast path and one allocation per distinct word, not per word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::readability as f;
use super::RUN;
use super::report::{Difficulty, Readability, SentenceDifficulty, Span, Stats, StatsWarning, WordCount};
use super::syllables;

#[path = "../data/easy_words.rs"]
mod easy_words;

/// Silent reading speed of adults for non-fiction, words per minute (Brysbaert 2019, "How many
/// words do we read per minute? A review and meta-analysis of reading rate", J. Memory and
/// Language 109, 104047: 238 wpm non-fiction, 260 fiction).
pub const READING_WPM: f64 = 238.0;
/// Reading aloud, words per minute (same source: 183 wpm; radio and podcast speech is 150-160).
pub const SPEAKING_WPM: f64 = 183.0;
/// Hemingway Editor marks a sentence of 14+ words "hard" from grade 10 and "very hard" from grade
/// 14 (its rules as reverse-engineered from its output; the grade is the sentence's ARI).
pub const HARD_GRADE: f64 = 10.0;
pub const VERY_HARD_GRADE: f64 = 14.0;
pub const HARD_MIN_WORDS: usize = 14;
/// How many content words `top_words` lists.
pub const TOP_WORDS: usize = 10;
/// MTLD's type-token ratio at which a factor ends (McCarthy & Jarvis 2010).
const MTLD_FACTOR: f64 = 0.72;
/// MTLD_FACTOR as a fraction: `distinct as f64 / tokens as f64 <= MTLD_FACTOR` exactly when
/// `distinct * 25 <= tokens * 18` (a ratio of integers under 2^40 that is not 18/25 is at least
/// 1/(25 tokens) away from it, far more than the double 0.72 is; tested), a test without a
/// division per word.
const MTLD_FRACTION: (usize, usize) = (18, 25);

/// English function words left out of `top_words`.
const STOP_WORDS: &str = "a about above after again against all also am an and any are as at be because been \
before being below between both but by can could did do does doing down during each even ever few for from \
further had has have having he her here hers herself him himself his how i if in into is it its itself just \
like many may me might more most much must my myself no nor not now of off on once one only or other our ours \
ourselves out over own said same says she should so some still such than that the their theirs them themselves \
then there these they this those though through to too under until up upon us very was we were what when where \
which while who whom whose why will with would yet you your yours yourself yourselves";

/// FxHash (rustc's hasher): fast for short keys, which is all the word table holds.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, poorly mixed: rotate the well
        // mixed high bits down (as rustc-hash 2 does).
        self.0.rotate_left(26)
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The easy words, the stop words and the syllable table's words of up to 16 bytes, packed by
/// `pack16` (the easy and stop words are all ASCII and under 17 bytes: tested), with what each is
/// (`Listed`): one look-up answers all three for a new word.
struct Lists {
    words: FxMap<u128, Listed>,
}

/// What the lists say of a word: the bits EASY and STOP, and TABLE if the low byte is its value in
/// the syllable table.
#[derive(Clone, Copy, Default)]
struct Listed(u16);

impl Listed {
    const EASY: u16 = 0x100;
    const STOP: u16 = 0x200;
    const TABLE: u16 = 0x400;

    fn easy(self) -> bool {
        self.0 & Self::EASY != 0
    }

    fn stop(self) -> bool {
        self.0 & Self::STOP != 0
    }

    /// Its value in the syllable table, if the table has it.
    fn table(self) -> Option<u8> {
        (self.0 & Self::TABLE != 0).then_some(self.0 as u8)
    }
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let mut words: FxMap<u128, Listed> = FxMap::default();
        let mut mark = |w: &[u8], bits: u16| {
            if let Some(k) = pack16(w) {
                words.entry(k).or_default().0 |= bits;
            }
        };
        easy_words::EASY_WORDS.split_whitespace().for_each(|w| mark(w.as_bytes(), Listed::EASY));
        STOP_WORDS.split_whitespace().for_each(|w| mark(w.as_bytes(), Listed::STOP));
        syllables::short_words().for_each(|(w, n)| mark(w, Listed::TABLE | u16::from(n)));
        Lists { words }
    })
}

impl Lists {
    /// What the lists say of the word packed in `key` (nothing for a word of over 16 bytes).
    fn get(&self, key: u128) -> Listed {
        self.words.get(&key).copied().unwrap_or_default()
    }
}

/// Up to 16 bytes as a u128, the first in the low byte, zeros after (no word holds a NUL byte).
fn pack16(b: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..b.len())?.copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

/// The easy words, lower case, separated by spaces (for `syllables::letters_with`'s compounds).
pub(crate) fn easy_words() -> &'static str {
    easy_words::EASY_WORDS
}

/// The low `n` bytes (at most 16) of a u128 set.
fn low_bytes(n: usize) -> u128 {
    u128::MAX.checked_shr(8 * (16 - n as u32)).unwrap_or(0)
}

/// Whether a lower-case word is familiar: on the list, a number, or a regular inflection of a
/// listed word (-s, -es, -ed, -d, -ing, -er, -est, -ly, 's), as Dale and Chall's rules allow.
pub fn is_familiar(word: &str) -> bool {
    let b = word.as_bytes();
    let head = pack16(&b[..b.len().min(16)]).unwrap_or(0);
    familiar(b, head, if b.len() <= 16 { lists().get(head) } else { Listed::default() })
}

/// `is_familiar` of `word`, whose first 16 bytes (or fewer) are packed in `head`: every stem it
/// looks up is a start of the word, so each key is `head` cut short, with no bytes copied; `own` is
/// what the lists say of the word itself.
fn familiar(word: &[u8], head: u128, own: Listed) -> bool {
    let lists = lists();
    let listed = |n: usize| n <= 16 && lists.get(head & low_bytes(n)).easy();
    if own.easy() || word.iter().all(|b| !b.is_ascii_alphabetic()) {
        return true;
    }
    let w = trim_all(trim_all(word, b"'s"), "\u{2019}s".as_bytes());
    // The inflections that can end it (by its last letter), then the stem left by a possessive.
    let suffixes: &[&str] = match w.last() {
        Some(b's') => &["s", "es", ""],
        Some(b'd') => &["ed", "d", ""],
        Some(b'g') => &["ing", ""],
        Some(b'r') => &["er", ""],
        Some(b't') => &["est", ""],
        Some(b'y') => &["ly", ""],
        _ if w.len() == word.len() => return false, // none, and the word itself was looked up
        _ => &[""],
    };
    for suffix in suffixes {
        let Some(stem) = strip_end(w, suffix.as_bytes()).filter(|stem| stem.len() > 1) else { continue };
        if stem.len() == word.len() {
            continue; // the word itself, looked up above
        }
        if listed(stem.len()) {
            return true;
        }
        // The stem with an e added ("making" from "make").
        if (suffix.starts_with('i') || suffix.starts_with('e')) && stem.len() < 16 {
            let with_e = head & low_bytes(stem.len()) | u128::from(b'e') << (8 * stem.len());
            if lists.get(with_e).easy() {
                return true;
            }
        }
    }
    false
}

/// Whether the `len` bytes packed in `head` (at most 16, zeros after) are all lower-case letters
/// and there is one at least: tested on all of them at once.
fn lower_letters(head: u128, len: usize) -> bool {
    let all = low_bytes(len) & Ascii16::HIGH;
    // `Ascii16::bytes_in` reads bytes below 0x80 only.
    len > 0 && head & Ascii16::HIGH == 0 && Ascii16::bytes_in(head, b'a', b'z') & all == all
}

/// `w` without any number of `suffix` at its end (`str::trim_end_matches` on bytes, without a
/// searcher to build).
fn trim_all<'a>(mut w: &'a [u8], suffix: &[u8]) -> &'a [u8] {
    while let Some(rest) = strip_end(w, suffix) {
        w = rest;
    }
    w
}

/// `w` without `suffix` at its end: `strip_suffix` with the few bytes compared here, not by a
/// call to `memcmp`.
fn strip_end<'a>(w: &'a [u8], suffix: &[u8]) -> Option<&'a [u8]> {
    let cut = w.len().checked_sub(suffix.len())?;
    w[cut..].iter().zip(suffix).all(|(a, b)| a == b).then_some(&w[..cut])
}

/// What the word table keeps for each distinct (lower-cased) word: where its letters are in
/// `Lexicon::text` and whether `top_words` may list it (`may_top`).
struct Entry {
    start: u32,
    len: u32,
    top: bool,
}

/// Whether `top_words` may list `word` (lower case, not a stop word): more than two letters and
/// nothing else. `ascii`, for an ASCII word: its letters and digits, and whether it holds a hyphen
/// or a digit (it is all letters when the first is its length and the second false). Worked out
/// once per entry, when it is added.
fn may_top(word: &str, ascii: Option<(u32, bool)>) -> bool {
    match ascii {
        Some((chars, hyphen_or_digit)) => word.len() > 2 && chars as usize == word.len() && !hyphen_or_digit,
        None => word.chars().count() > 2 && word.chars().all(is_alphabetic),
    }
}

/// What each occurrence of a word reads of its entry.
struct Hot {
    syllables: u16,
    stem_syllables: u16,
    familiar: bool,
    /// It holds a hyphen or a digit (Gunning counts words, not numbers): the same for every
    /// spelling of the entry, as lower-casing makes neither.
    hyphen: bool,
    /// Letters and digits in it: the same for every spelling of the entry, as lower-casing a
    /// character gives as many letters and digits as it was (tested for every character).
    chars: u32,
}

/// What a word's entry needs from the syllable counter and the word lists: the same for every
/// text, so it is kept between calls (the raw and the clean text of one analysis share most words,
/// and so do the analyses of an article being edited).
#[derive(Clone, Copy)]
struct Facts {
    syllables: u16,
    stem_syllables: u16,
    familiar: bool,
    stop: bool,
}

/// Every word's facts, remembered between the raw and the clean statistics and between analyses.
/// Shared by the threads (the raw statistics may run on another thread than the clean ones);
/// locked once per distinct word of a text. Words of up to 16 bytes are keyed as the lexicon keys
/// them (packed into a u128), longer ones by their bytes.
#[derive(Default)]
struct Memo {
    short: FxMap<u128, Facts>,
    long: FxMap<Box<[u8]>, Facts>,
}

static FACTS: std::sync::Mutex<Option<Memo>> = std::sync::Mutex::new(None);

fn with_facts<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    f(FactsLock::default().memo())
}

/// The lock on `FACTS`, taken when a word's facts are first wanted and kept until dropped: one
/// lock per paragraph with new words (two atomic operations, costly next to the rest), not one per
/// new word.
#[derive(Default)]
struct FactsLock(Option<std::sync::MutexGuard<'static, Option<Memo>>>);

impl FactsLock {
    fn memo(&mut self) -> &mut Memo {
        // A panic elsewhere while the lock was held leaves nothing half-written that matters here.
        let guard = self.0.get_or_insert_with(|| FACTS.lock().unwrap_or_else(|e| e.into_inner()));
        guard.get_or_insert_with(Memo::default)
    }
}

/// Words whose facts are remembered before the memory starts over (a few MB at most).
const FACTS_LIMIT: usize = 100_000;

/// Forget the facts of every word seen (for benchmarks of text seen for the first time).
pub fn clear_caches() {
    with_facts(|memo| *memo = Memo::default());
}

/// The facts of `word`, whose first 16 bytes (or fewer) are packed in `head`.
fn facts(word: &str, head: u128) -> Facts {
    let own = if word.len() <= 16 { lists().get(head) } else { Listed::default() };
    let syllables = match word.len() {
        0..=16 => syllables::count_found(word, own.table(), lower_letters(head, word.len())),
        _ => syllables::count(word),
    };
    let stem_syllables = if syllables >= 3 {
        ["ing", "es", "ed"]
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .map_or(syllables, |stem| syllables::count(stem).min(syllables))
    } else {
        syllables
    };
    Facts {
        syllables: syllables.min(u16::MAX as usize) as u16,
        stem_syllables: stem_syllables.min(u16::MAX as usize) as u16,
        familiar: familiar(word.as_bytes(), head, own),
        stop: own.stop(),
    }
}

/// The facts of `word` (lower case), `packed` into a u128 if it has at most 16 bytes: remembered,
/// or worked out and remembered.
fn word_facts(lock: &mut FactsLock, word: &str, packed: Option<u128>) -> Facts {
    let memo = lock.memo();
    if memo.short.len() + memo.long.len() >= FACTS_LIMIT {
        *memo = Memo::default();
    }
    match packed {
        // One look-up, for a word met before or not.
        Some(k) => *memo.short.entry(k).or_insert_with(|| facts(word, k)),
        None => match memo.long.get(word.as_bytes()) {
            Some(&f) => f,
            None => {
                let f = facts(word, pack16(&word.as_bytes()[..16]).unwrap_or(0));
                memo.long.insert(word.as_bytes().into(), f);
                f
            }
        },
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Word spans (byte offsets) in `text[span]`: runs of letters and digits, joined across an
/// apostrophe or a hyphen followed by a letter or digit ("don't", "singer-songwriter"), across a
/// dot or comma between digits ("3.5", "1,000") and across the dots of "U.S.". Each CJK ideograph
/// or kana is a word of its own.
pub fn words(text: &str, span: Span, mut each: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let (mut i, end) = (span.start, span.end.min(b.len()));
    let char_at = |i: usize| -> (char, usize) {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    };
    let is_word_char = |i: usize| -> bool {
        if i >= end {
            return false;
        }
        if b[i] < 0x80 {
            b[i].is_ascii_alphanumeric()
        } else {
            let (c, _) = char_at(i);
            is_alphanumeric(c) && !is_cjk(c)
        }
    };
    let mut win = Window::NONE;
    while i < end {
        // The next letter, digit or non-ASCII byte, 64 bytes at a time.
        i = find_byte(b, i, end, &mut win, |w| w.alnum | w.high);
        if i >= end {
            break;
        }
        if b[i] >= 0x80 {
            let (c, n) = char_at(i);
            if is_cjk(c) {
                each(i, i + n);
                i += n;
                continue;
            }
            if !is_alphanumeric(c) {
                i += n;
                continue;
            }
        }
        let start = i;
        loop {
            // the run of word characters: ASCII letters and digits eight at a time
            while i < end {
                i = find_byte(b, i, end, &mut win, |w| !w.alnum);
                if i >= end || b[i] < 0x80 {
                    break;
                }
                let (c, n) = char_at(i);
                if !is_alphanumeric(c) || is_cjk(c) {
                    break;
                }
                i += n;
            }
            if i >= end {
                break;
            }
            // a joiner between two word characters?
            let (joiner, n) = if b[i] < 0x80 { (b[i] as char, 1) } else { char_at(i) };
            if !matches!(joiner, '\'' | '\u{2019}' | '-' | '.' | ',') {
                break; // a space, most often: nothing joins across it
            }
            let prev = b[i - 1];
            let next_ok = is_word_char(i + n);
            let join = match joiner {
                '\'' | '\u{2019}' | '-' => next_ok,
                '.' | ',' => next_ok && prev.is_ascii_digit() && b[i + n].is_ascii_digit(),
                _ => false,
            } || (joiner == '.' && next_ok && i - start == 1 || joiner == '.' && next_ok && i >= 2 && b[i - 2] == b'.');
            if !join {
                break;
            }
            i += n;
        }
        // "U.S." keeps its final dot out of the word; the span ends at the last word character.
        each(start, i);
    }
}

/// Which of 64 bytes of text (bit k for the byte at `base + k`) are ASCII letters or digits and
/// which are 0x80 or above, none past the span's end: `words` finds where a word starts and ends
/// in these masks in a few instructions, and reads the text again only every 64 bytes.
#[derive(Clone, Copy)]
struct Window {
    base: usize,
    alnum: u64,
    high: u64,
}

impl Window {
    /// No window: every byte is outside it.
    const NONE: Window = Window { base: usize::MAX, alnum: 0, high: 0 };

    /// The window of the first 64 bytes of `b[base..end]`.
    fn at(b: &[u8], base: usize, end: usize) -> Window {
        let n = end.min(b.len()).saturating_sub(base).min(64);
        let (alnum, high) = match b.get(base..base + 64) {
            Some(bytes) => Self::classify(bytes.try_into().expect("64 bytes")),
            None => {
                let mut buf = [0u8; 64];
                buf[..n].copy_from_slice(&b[base..base + n]);
                Self::classify(&buf)
            }
        };
        let keep = u64::MAX.checked_shr(64 - n as u32).unwrap_or(0);
        Window { base, alnum: alnum & keep, high: high & keep }
    }

    /// The masks (letters and digits, bytes of 0x80 and above) of 64 bytes.
    fn classify(bytes: &[u8; 64]) -> (u64, u64) {
        #[cfg(target_arch = "x86_64")]
        return Self::classify_sse2(bytes);
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        return Self::classify_simd128(bytes);
        #[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
        Self::classify_portable(bytes)
    }

    /// `classify` a byte at a time.
    #[cfg_attr(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128")), allow(dead_code))]
    fn classify_portable(bytes: &[u8; 64]) -> (u64, u64) {
        let (mut alnum, mut high) = (0u64, 0u64);
        for (k, &c) in bytes.iter().enumerate() {
            alnum |= u64::from(c.is_ascii_alphanumeric()) << k;
            high |= u64::from(c >= 0x80) << k;
        }
        (alnum, high)
    }

    /// `classify` 16 bytes at a time in SSE2 registers (part of every x86-64 processor).
    #[cfg(target_arch = "x86_64")]
    fn classify_sse2(bytes: &[u8; 64]) -> (u64, u64) {
        use std::arch::x86_64::*;
        let (mut alnum, mut high) = (0u64, 0u64);
        // SAFETY: SSE2 is part of x86-64; each load is an unaligned one of 16 of the 64 bytes.
        unsafe {
            for k in 0..4 {
                let v = _mm_loadu_si128(bytes.as_ptr().add(16 * k).cast());
                // A byte of 0x80 or above is negative as an i8: below '0', and below 'a' with the
                // 0x20 bit (which takes upper case to lower and no other byte into a..=z) set.
                let letter = bytes_within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
                let a = _mm_or_si128(bytes_within(v, b'0', b'9'), letter);
                alnum |= u64::from(_mm_movemask_epi8(a) as u16) << (16 * k);
                high |= u64::from(_mm_movemask_epi8(v) as u16) << (16 * k);
            }
        }
        (alnum, high)
    }

    /// `classify` 16 bytes at a time in wasm SIMD registers (the npm package is built with
    /// simd128), where the byte-at-a-time loop was the statistics' largest cost.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn classify_simd128(bytes: &[u8; 64]) -> (u64, u64) {
        use core::arch::wasm32::*;
        let (mut alnum, mut high) = (0u64, 0u64);
        for k in 0..4 {
            // SAFETY: an unaligned load (wasm allows any) of 16 of the 64 bytes.
            let v = unsafe { v128_load(bytes.as_ptr().add(16 * k).cast()) };
            // The 0x20 bit takes upper case to lower and no other byte into a..=z.
            let letter = wasm_bytes_within(v128_or(v, u8x16_splat(0x20)), b'a', b'z');
            let a = v128_or(wasm_bytes_within(v, b'0', b'9'), letter);
            alnum |= u64::from(i8x16_bitmask(a)) << (16 * k);
            high |= u64::from(i8x16_bitmask(v)) << (16 * k);
        }
        (alnum, high)
    }
}

/// 0xFF in each byte of `v` from `lo` to `hi` (`lo <= hi`), 0 in the others, as unsigned bytes
/// compare: a subtraction that takes `lo..=hi` to the lowest values, and one compare.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn wasm_bytes_within(v: core::arch::wasm32::v128, lo: u8, hi: u8) -> core::arch::wasm32::v128 {
    use core::arch::wasm32::*;
    u8x16_le(u8x16_sub(v, u8x16_splat(lo)), u8x16_splat(hi - lo))
}

/// 0xFF in each byte of `v` from `lo` to `hi`, 0 in the others, as signed bytes compare: `lo` and
/// `hi` below 0x80, and a byte of 0x80 or above counts as below `lo` (SSE2, part of x86-64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn bytes_within(v: std::arch::x86_64::__m128i, lo: u8, hi: u8) -> std::arch::x86_64::__m128i {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86-64.
    unsafe { _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1))) }
}

/// The first byte of `b` from `i` (below `end`) whose bit `hits` sets in the window that holds it
/// (`win`, moved on when `i` leaves it), or `end` if none comes before: no branch per byte, which
/// the processor would guess wrong at the end of every word.
fn find_byte(b: &[u8], mut i: usize, end: usize, win: &mut Window, hits: impl Fn(&Window) -> u64) -> usize {
    while i < end {
        if !(win.base..win.base.saturating_add(64)).contains(&i) {
            *win = Window::at(b, i, end);
        }
        let m = hits(win) >> (i - win.base);
        if m != 0 {
            return end.min(i + m.trailing_zeros() as usize);
        }
        i = win.base + 64;
    }
    end
}

/// `char::is_alphanumeric`, with the General Punctuation block (curly quotes, dashes, spaces: the
/// non-ASCII characters of most English text, none of them a letter or a digit, tested) and the
/// runs of letters of `LETTERS` answered without the Unicode tables (a search of some hundred
/// instructions).
fn is_alphanumeric(c: char) -> bool {
    among_letters(c) || !('\u{2000}'..='\u{206F}').contains(&c) && if c.is_ascii() { c.is_ascii_alphanumeric() } else { classes(c).0 }
}

/// `char::is_alphabetic`, the same way.
pub(crate) fn is_alphabetic(c: char) -> bool {
    among_letters(c) || !('\u{2000}'..='\u{206F}').contains(&c) && if c.is_ascii() { c.is_ascii_alphabetic() } else { classes(c).1 }
}

/// `char::is_alphanumeric` and `char::is_alphabetic` of a character beyond ASCII, remembered:
/// a search of the Unicode tables takes some hundreds of instructions, and a text that quotes
/// another script or uses symbols (currency, emoji) repeats the same few characters. 1024 slots,
/// a character's picked by its low bits, each holding the character and both answers (0: none).
/// Shared by the threads: a slot is read and written whole and holds the tables' own answers,
/// so what a thread finds there never changes a result (tested for every character).
fn classes(c: char) -> (bool, bool) {
    use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
    static SLOTS: [AtomicU32; 1024] = [const { AtomicU32::new(0) }; 1024];
    debug_assert!(!c.is_ascii()); // so no slot's 0 reads as a character's
    let slot = &SLOTS[c as usize % SLOTS.len()];
    let held = slot.load(Relaxed);
    if held >> 2 == c as u32 {
        return (held & 2 != 0, held & 1 != 0);
    }
    let alphabetic = c.is_alphabetic();
    // As `char::is_alphanumeric` has it.
    let alphanumeric = alphabetic || c.is_numeric();
    slot.store((c as u32) << 2 | u32::from(alphanumeric) << 1 | u32::from(alphabetic), Relaxed);
    (alphanumeric, alphabetic)
}

/// Runs of letters (all alphabetic, tested) of the Latin, Greek, Cyrillic, Armenian, Hebrew and
/// Arabic blocks: the letters of other scripts that English text quotes most.
const LETTERS: [(char, char); 12] = [
    ('\u{C0}', '\u{D6}'),
    ('\u{D8}', '\u{F6}'),
    ('\u{F8}', '\u{2C1}'),
    ('\u{38E}', '\u{3A1}'),
    ('\u{3A3}', '\u{3F5}'),
    ('\u{3F7}', '\u{481}'),
    ('\u{48A}', '\u{52F}'),
    ('\u{531}', '\u{556}'),
    ('\u{560}', '\u{588}'),
    ('\u{5D0}', '\u{5EA}'),
    ('\u{620}', '\u{657}'),
    ('\u{66E}', '\u{6D3}'),
];

/// Whether `c` is in one of the runs of `LETTERS`.
fn among_letters(c: char) -> bool {
    ('\u{C0}'..='\u{6D3}').contains(&c) && LETTERS.iter().any(|&(a, b)| (a..=b).contains(&c))
}

/// Statistics of the text covered by `paragraphs` and `sentences` (byte spans into `text`).
pub fn compute(text: &str, paragraphs: &[Span], sentences: &[Span]) -> Stats {
    compute_raw(text, paragraphs, sentences).0
}

/// What the statistics of a text keep for working out those of a text made of some of its
/// paragraphs (`compute_clean`): its word table, and each paragraph's character counts and words.
pub struct Scanned {
    lexicon: Lexicon,
    paragraphs: Vec<ParagraphScan>,
    tokens: Vec<Token>,
}

/// [`compute`], keeping what `compute_clean` reuses.
pub fn compute_raw(text: &str, paragraphs: &[Span], sentences: &[Span]) -> (Stats, Scanned) {
    let mut lexicon = Lexicon::default();
    let tally = Tally::new(paragraphs.len(), sentences);
    let scans = Vec::with_capacity(paragraphs.len());
    let covered: usize = paragraphs.iter().map(|p| p.end.saturating_sub(p.start)).sum();
    let tokens = Vec::with_capacity(covered.min(text.len()) / 5 + 1);
    // Room for the distinct words of news text (about one per 40 bytes of 1 MB, fewer per byte in
    // longer texts) from the start, not tables grown and rehashed five or six times; the cap
    // keeps a long text's tables at what they would grow to.
    let distinct = (covered / 40).min(28_000);
    lexicon.reserve(distinct);
    with_facts(|memo| {
        if memo.short.is_empty() {
            memo.short.reserve(distinct);
        }
    });
    let mut read = (Scanned { lexicon, paragraphs: scans, tokens }, tally);
    for run in paragraphs.chunks(RUN) {
        read = scan_run(text, run, read);
    }
    let (scanned, tally) = read;
    // MTLD reads the words' order from the tokens.
    (tally.finish(&scanned.lexicon, &scanned.tokens, |t| t.entry()), scanned)
}

/// `compute_raw`'s reading of the paragraphs of `run`, after those `read` holds. Out of line for
/// V8 (see [`RUN`]); what it fills is taken and given back by value, so that its counts stay in
/// registers (not stored at every word in case a bound check panics, as they would be behind `&mut`).
#[inline(never)]
fn scan_run<'s>(text: &str, run: &[Span], read: (Scanned, Tally<'s>)) -> (Scanned, Tally<'s>) {
    let (Scanned { mut lexicon, paragraphs: mut scans, mut tokens }, mut tally) = read;
    for p in run {
        let first = tokens.len();
        let chars = scan(text, *p, &mut lexicon, &mut tally, |t| tokens.push(t));
        scans.push(ParagraphScan { chars, tokens: first as u32..tokens.len() as u32 });
    }
    (Scanned { lexicon, paragraphs: scans, tokens }, tally)
}

/// The statistics of a text made of paragraphs of the `scanned` one, in order, some of them whole
/// and some cut: `source[i]` is the scanned paragraph that clean paragraph `i` repeats byte for
/// byte with its sentences (its words are not read again), `None` for a paragraph to read. The
/// same figures as `compute(text, paragraphs, sentences)` (tested), at a fraction of the cost.
/// What it no longer needs (the scan, the paragraphs and `source`) is let go before the sentences'
/// figures are made: the peak of a text of many short sentences.
pub fn compute_clean(scanned: Scanned, text: &str, paragraphs: Vec<Span>, sentences: &[Span], source: Vec<Option<usize>>) -> Stats {
    let Scanned { lexicon, paragraphs: scans, tokens } = scanned;
    let tally = Tally::new(paragraphs.len(), sentences);
    // The lexicon entry of each word, in order (for MTLD).
    let ids: Vec<u32> = Vec::with_capacity(tokens.len());
    let mut read = (lexicon, tally, ids);
    for (k, run) in paragraphs.chunks(RUN).enumerate() {
        let source = source.get(k * RUN..).unwrap_or_default();
        read = clean_run(text, run, source, (&scans, &tokens), read);
    }
    let (lexicon, tally, ids) = read;
    drop((scans, tokens, paragraphs, source));
    tally.finish(&lexicon, &ids, |&id| id as usize)
}

/// `compute_clean`'s paragraphs of `run` (`source` from the run's first on), after those `read`
/// holds. Out of line for V8 (see [`RUN`]), taking and giving back by value as `scan_run` does.
#[inline(never)]
fn clean_run<'s>(
    text: &str,
    run: &[Span],
    source: &[Option<usize>],
    (scans, tokens): (&[ParagraphScan], &[Token]),
    read: (Lexicon, Tally<'s>, Vec<u32>),
) -> (Lexicon, Tally<'s>, Vec<u32>) {
    let (mut lexicon, mut tally, mut ids) = read;
    for (i, p) in run.iter().enumerate() {
        match source.get(i).copied().flatten().and_then(|k| scans.get(k)) {
            Some(scan) => {
                tally.chars(scan.chars);
                let start = p.start.min(text.len());
                for t in &tokens[scan.tokens.start as usize..scan.tokens.end as usize] {
                    tally.token(&lexicon, start + t.at as usize, *t);
                    ids.push(t.entry() as u32);
                }
            }
            None => {
                scan(text, *p, &mut lexicon, &mut tally, |t| ids.push(t.entry() as u32));
            }
        }
    }
    (lexicon, tally, ids)
}

/// The character counts of one paragraph and where its words are in `Scanned::tokens`.
struct ParagraphScan {
    chars: CharCounts,
    tokens: std::ops::Range<u32>,
}

#[derive(Clone, Copy, Default)]
struct CharCounts {
    characters: usize,
    no_spaces: usize,
    letters: usize,
    latin_letters: usize,
}

impl CharCounts {
    /// The counts of a paragraph: of an ASCII one by bytes (white space as `u8::is_ascii_whitespace`
    /// has it); of another, its stretches of ASCII by bytes too (white space as
    /// `char::is_whitespace` has it, which takes U+000B in) and the other characters one by one.
    fn of(slice: &str) -> CharCounts {
        let mut c = CharCounts::default();
        if slice.is_ascii() {
            c.add_ascii(slice.as_bytes(), u8::is_ascii_whitespace);
            return c;
        }
        let mut rest = slice;
        while !rest.is_empty() {
            let ascii = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
            c.add_ascii(&rest.as_bytes()[..ascii], |b| b.is_ascii_whitespace() || *b == 0x0B);
            rest = &rest[ascii..];
            if let Some(ch) = rest.chars().next() {
                c.add(ch);
                rest = &rest[ch.len_utf8()..];
            }
        }
        c
    }

    /// The characters of `bytes` (ASCII), `space` saying which are white space.
    fn add_ascii(&mut self, bytes: &[u8], space: fn(&u8) -> bool) {
        self.characters += bytes.len();
        // Counted in bytes, 255 bytes at a time: a loop the compiler runs on vector lanes.
        for chunk in bytes.chunks(255) {
            let (no_spaces, letters) =
                chunk.iter().fold((0u8, 0u8), |(n, l), c| (n + u8::from(!space(c)), l + u8::from(c.is_ascii_alphabetic())));
            self.no_spaces += usize::from(no_spaces);
            self.letters += usize::from(letters);
            self.latin_letters += usize::from(letters);
        }
    }

    /// One character.
    fn add(&mut self, ch: char) {
        self.characters += 1;
        self.no_spaces += usize::from(!ch.is_whitespace());
        if is_alphabetic(ch) {
            self.letters += 1;
            self.latin_letters += usize::from((ch as u32) < 0x250);
        }
    }
}

/// One word of a paragraph as the statistics read it (8 bytes: a text keeps one per word; its
/// letters and digits are its entry's).
#[derive(Clone, Copy)]
struct Token {
    /// Byte offset from the paragraph's start.
    at: u32,
    /// The word's entry in the `Lexicon`, and [`Token::CAPITALIZED`] if it starts with a capital
    /// (a text would need over 4 GB to have 2^31 distinct words).
    id: u32,
}

impl Token {
    const CAPITALIZED: u32 = 1 << 31;

    fn new(at: usize, id: u32, capitalized: bool) -> Token {
        Token { at: at as u32, id: id | if capitalized { Token::CAPITALIZED } else { 0 } }
    }

    fn entry(self) -> usize {
        (self.id & !Token::CAPITALIZED) as usize
    }

    fn capitalized(self) -> bool {
        self.id & Token::CAPITALIZED != 0
    }
}

/// The distinct (lower-cased) words met, with their facts. Words of up to 16 bytes (nearly all)
/// are keyed by their bytes packed into a u128 (no word holds a NUL byte, so the zero padding is
/// unambiguous): no pointer to follow per lookup.
#[derive(Default)]
struct Lexicon {
    short: FxMap<u128, u32>,
    long: FxMap<Vec<u8>, u32>,
    entries: Vec<Entry>,
    /// What each word needs of its entry, kept small and apart from the rest for the cache.
    hot: Vec<Hot>,
    /// The entries' words, one after the other.
    text: String,
    /// The lower-cased word being added.
    key: String,
    recent: Recent,
}

/// The last word met (its key in `Lexicon::short`, and its entry) in each of 2048 slots picked by
/// the key: most words of a text are some hundred frequent ones, found here, in 64 KB that stay
/// in the processor's near caches, rather than in the word table (about a cache miss a word, 1 MB
/// for 1 MB of text). A slot's key of 0 is no word's.
struct Recent(Box<[(u128, u32)]>);

impl Recent {
    const BITS: u32 = 11;

    fn slot(key: u128) -> usize {
        let x = (key as u64) ^ (key >> 64) as u64;
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::BITS)) as usize
    }
}

impl Default for Recent {
    fn default() -> Recent {
        Recent(vec![(0, 0); 1 << Self::BITS].into_boxed_slice())
    }
}

impl Lexicon {
    /// Room for `distinct` words (and eight bytes each).
    fn reserve(&mut self, distinct: usize) {
        self.short.reserve(distinct);
        self.entries.reserve(distinct);
        self.hot.reserve(distinct);
        self.text.reserve(8 * distinct);
    }

    fn word(&self, e: &Entry) -> &str {
        &self.text[e.start as usize..(e.start + e.len) as usize]
    }

    /// The word `text[ws..we]` as a token at `at`: its entry (added if new, with its facts
    /// through `lock`) and what is counted of it. (The word's bytes, not a `str`, until it is
    /// new: no check of where its characters start.)
    #[inline(always)]
    fn token(&mut self, text: &str, (ws, we): (usize, usize), at: usize, lock: &mut FactsLock) -> Token {
        let rest = &text.as_bytes()[ws..];
        let b = &rest[..we - ws];
        let ascii16 = if b.len() <= 16 { Ascii16::read(b, rest) } else { None };
        if let Some(a) = &ascii16 {
            // Nearly every word: its bytes in one register, lower-cased and counted there, and
            // met before (lately, most often).
            let slot = &mut self.recent.0[Recent::slot(a.lower)];
            let id = match *slot {
                (key, id) if key == a.lower => Some(id),
                _ => self.short.get(&a.lower).copied(),
            };
            if let Some(id) = id {
                *slot = (a.lower, id);
                return Token::new(at, id, b[0].is_ascii_uppercase());
            }
        }
        self.new_token(&text[ws..we], ascii16, at, lock)
    }

    /// `token` for a word not met before or not of up to 16 ASCII bytes, `ascii16` if it is.
    #[inline(never)]
    fn new_token(&mut self, w: &str, ascii16: Option<Ascii16>, at: usize, lock: &mut FactsLock) -> Token {
        let key = &mut self.key;
        key.clear();
        let mut chars = 0;
        let mut hyphen = false; // or a digit: Gunning counts words, not numbers
        let mut packed = 0u128;
        let ascii = ascii16.is_some() || w.is_ascii();
        // The lower-cased word of up to 16 ASCII bytes: `Ascii16::lower`'s bytes, not a copy in
        // `key` lower-cased byte by byte.
        let lower16: [u8; 16];
        let word: &str = if let Some(a) = ascii16 {
            packed = a.lower;
            (chars, hyphen) = a.counts();
            lower16 = a.lower.to_le_bytes();
            let bytes = &lower16[..w.len()];
            debug_assert!(bytes.is_ascii() && bytes.eq_ignore_ascii_case(w.as_bytes()));
            // SAFETY: the bytes of an ASCII word lower-cased (`Ascii16::read` gives none for a
            // word with another byte), so ASCII, which is UTF-8.
            unsafe { std::str::from_utf8_unchecked(bytes) }
        } else if ascii {
            // Longer than 16 bytes: keyed by its bytes alone.
            key.push_str(w);
            key.make_ascii_lowercase();
            for &c in w.as_bytes() {
                chars += u32::from(c.is_ascii_alphanumeric());
                hyphen |= c == b'-' || c.is_ascii_digit();
            }
            key
        } else {
            for c in w.chars() {
                key.extend(c.to_lowercase());
                chars += u32::from(is_alphanumeric(c));
                hyphen |= c == '-' || c.is_ascii_digit();
            }
            packed = pack16(key.as_bytes()).unwrap_or(0); // a key of over 16 bytes is not packed
            key
        };
        let (entries, hot, text) = (&mut self.entries, &mut self.hot, &mut self.text);
        let short = word.len() <= 16;
        let mut add = || {
            let f = word_facts(lock, word, short.then_some(packed));
            hot.push(Hot { syllables: f.syllables, stem_syllables: f.stem_syllables, familiar: f.familiar, hyphen, chars });
            let top = !f.stop && may_top(word, ascii.then_some((chars, hyphen)));
            entries.push(Entry { start: text.len() as u32, len: word.len() as u32, top });
            text.push_str(word);
            entries.len() as u32 - 1
        };
        let id = if short {
            *self.short.entry(packed).or_insert_with(add)
        } else if let Some(&id) = self.long.get(word.as_bytes()) {
            id
        } else {
            let id = add();
            self.long.insert(word.as_bytes().to_vec(), id);
            id
        };
        let capitalized = match w.as_bytes()[0] {
            b if b < 0x80 => b.is_ascii_uppercase(),
            _ => w.chars().next().is_some_and(char::is_uppercase),
        };
        Token::new(at, id, capitalized)
    }
}

/// A word of up to 16 ASCII bytes read as one u128 (first byte lowest, zeros after),
/// lower-cased: the lexicon's key, worked out on all its bytes at once. What else the word table
/// needs of it (`counts`) is worked out for a new word only.
struct Ascii16 {
    lower: u128,
}

impl Ascii16 {
    const ONES: u128 = u128::MAX / 255;
    const HIGH: u128 = Self::ONES * 0x80;

    /// `word` (at most 16 bytes), whose text goes on as `rest` (`rest` starts with `word`); `None`
    /// if a byte of it is not ASCII.
    fn read(word: &[u8], rest: &[u8]) -> Option<Ascii16> {
        // One load from the text (the bytes after the word are masked off), but at its end.
        let bytes = match rest.first_chunk::<16>() {
            Some(chunk) => *chunk,
            None => {
                let mut buf = [0u8; 16];
                buf[..word.len()].copy_from_slice(word);
                buf
            }
        };
        #[cfg(target_arch = "x86_64")]
        return Self::classify_sse2(bytes, word.len());
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        return Self::classify_simd128(bytes, word.len());
        #[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
        Self::classify(bytes, word.len())
    }

    /// Its letters and digits, and whether it holds a hyphen or a digit: read in the lower-cased
    /// bytes, as lower-casing makes no byte a letter or a digit that was not one, and leaves
    /// digits and hyphens as they were.
    fn counts(&self) -> (u32, bool) {
        let digit = Self::bytes_in(self.lower, b'0', b'9');
        let letter = Self::bytes_in(self.lower, b'a', b'z');
        ((digit | letter).count_ones(), (digit | Self::bytes_in(self.lower, b'-', b'-')) != 0)
    }

    /// What `read` works out, of the first `len` of `bytes`, in one u128.
    #[cfg_attr(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128")), allow(dead_code))]
    fn classify(bytes: [u8; 16], len: usize) -> Option<Ascii16> {
        let x = u128::from_le_bytes(bytes) & low_bytes(len);
        if x & Self::HIGH != 0 {
            return None;
        }
        Some(Ascii16 { lower: x | (Self::bytes_in(x, b'A', b'Z') >> 2) })
    }

    /// `classify` in an SSE2 register (part of every x86-64 processor): a compare per range of
    /// bytes instead of two 128-bit additions.
    #[cfg(target_arch = "x86_64")]
    fn classify_sse2(bytes: [u8; 16], len: usize) -> Option<Ascii16> {
        use std::arch::x86_64::*;
        const INDEX: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
        // SAFETY: SSE2 is part of x86-64, the loads and the store are unaligned ones of 16-byte
        // arrays.
        unsafe {
            let (x, index) = (_mm_loadu_si128(bytes.as_ptr().cast()), _mm_loadu_si128(INDEX.as_ptr().cast()));
            // The word's bytes (index below len), zeros after.
            let x = _mm_and_si128(x, _mm_cmpgt_epi8(_mm_set1_epi8(len as i8), index));
            if _mm_movemask_epi8(x) != 0 {
                return None;
            }
            // All bytes are below 0x80 now: signed compares order them as unsigned ones would.
            let lower = _mm_or_si128(x, _mm_and_si128(bytes_within(x, b'A', b'Z'), _mm_set1_epi8(0x20)));
            let mut out = [0u8; 16];
            _mm_storeu_si128(out.as_mut_ptr().cast(), lower);
            Some(Ascii16 { lower: u128::from_le_bytes(out) })
        }
    }

    /// `classify` in a wasm SIMD register: a compare per range of bytes, not the u128 additions
    /// (four 64-bit additions and carries each in wasm).
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn classify_simd128(bytes: [u8; 16], len: usize) -> Option<Ascii16> {
        use core::arch::wasm32::*;
        const INDEX: v128 = u8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        debug_assert!(len <= 16);
        // SAFETY: an unaligned load (wasm allows any) of a 16-byte array.
        let x = unsafe { v128_load(bytes.as_ptr().cast()) };
        // The word's bytes (index below len), zeros after.
        let x = v128_and(x, u8x16_lt(INDEX, u8x16_splat(len as u8)));
        if i8x16_bitmask(x) != 0 {
            return None;
        }
        let lower = v128_or(x, v128_and(wasm_bytes_within(x, b'A', b'Z'), u8x16_splat(0x20)));
        Some(Ascii16 { lower: u128::from(u64x2_extract_lane::<0>(lower)) | u128::from(u64x2_extract_lane::<1>(lower)) << 64 })
    }

    /// 0x80 in each byte of `x` (all below 0x80) that lies in `lo..=hi`, 0 in the others: a byte
    /// plus 0x80 - lo reaches 0x80 when it is at least `lo`, plus 0x7F - hi when it is above `hi`,
    /// and no sum carries into the next byte.
    fn bytes_in(x: u128, lo: u8, hi: u8) -> u128 {
        let at_least = x + Self::ONES * u128::from(0x80 - lo);
        let above = x + Self::ONES * u128::from(0x7F - hi);
        at_least & !above & Self::HIGH
    }
}

/// Reads the paragraph `text[p]`: its characters and words into `tally` (each word also to
/// `each`, with its offset from the paragraph's start).
fn scan(text: &str, p: Span, lexicon: &mut Lexicon, tally: &mut Tally, mut each: impl FnMut(Token)) -> CharCounts {
    let (start, end) = (p.start.min(text.len()), p.end.min(text.len()));
    let Some(slice) = text.get(start..end) else { return CharCounts::default() };
    let c = CharCounts::of(slice);
    tally.chars(c);
    let mut lock = FactsLock::default(); // taken at the paragraph's first new word, if any
    words(text, Span::new(start, end), #[inline(always)] |ws, we| {
        let t = lexicon.token(text, (ws, we), ws - start, &mut lock);
        tally.token(lexicon, ws, t);
        each(t);
    });
    c
}

/// The running counts of one text, word by word.
struct Tally<'s> {
    st: Stats,
    sentences: &'s [Span],
    /// Occurrences of each lexicon entry in this text.
    counts: Vec<u32>,
    sent: usize, // index of the sentence the current word is in
    /// Where that sentence starts and ends (`usize::MAX` past the last one): read per word
    /// without a bound check.
    sent_span: (usize, usize),
    sent_words: Vec<(usize, usize)>, // words, word characters
    first_in_sentence: bool,
    linsear: (usize, usize, usize, usize), // easy, hard, sentences, last sentence counted
    latin_letters: usize,
}

impl<'s> Tally<'s> {
    fn new(paragraphs: usize, sentences: &'s [Span]) -> Tally<'s> {
        Tally {
            st: Stats { paragraphs, sentences: sentences.len(), ..Stats::default() },
            sentences,
            counts: Vec::new(),
            sent: 0,
            sent_span: Self::span_of(sentences, 0),
            sent_words: vec![(0, 0); sentences.len()],
            first_in_sentence: true,
            linsear: (0, 0, 0, usize::MAX),
            latin_letters: 0,
        }
    }

    /// The start and end of sentence `i`, `usize::MAX` for both past the last one.
    fn span_of(sentences: &[Span], i: usize) -> (usize, usize) {
        sentences.get(i).map_or((usize::MAX, usize::MAX), |s| (s.start, s.end))
    }

    fn chars(&mut self, c: CharCounts) {
        self.st.characters += c.characters;
        self.st.characters_no_spaces += c.no_spaces;
        self.st.letters += c.letters;
        self.latin_letters += c.latin_letters;
    }

    /// One word, starting at `ws` in the text. (What depends on its entry alone, its syllables,
    /// `finish` sums over the entries from their counts.)
    #[inline(always)]
    fn token(&mut self, lexicon: &Lexicon, ws: usize, t: Token) {
        while ws >= self.sent_span.1 {
            self.sent += 1;
            self.sent_span = Self::span_of(self.sentences, self.sent);
            self.first_in_sentence = true;
        }
        let id = t.entry();
        if id >= self.counts.len() {
            self.counts.resize(lexicon.entries.len().max(id + 1), 0);
        }
        self.counts[id] += 1;
        let e = &lexicon.hot[id];
        let (chars, syllables) = (e.chars as usize, usize::from(e.syllables));
        let proper = t.capitalized() && !self.first_in_sentence;
        let st = &mut self.st;
        st.words += 1;
        st.word_characters += chars;
        st.complex_words += usize::from(syllables >= 3 && !e.hyphen && !proper && e.stem_syllables >= 3);
        st.long_words += usize::from(chars > 6);
        st.difficult_words += usize::from(!e.familiar && !proper);
        if st.words <= 100 {
            let (easy, hard, sents, last) = &mut self.linsear;
            if syllables >= 3 {
                *hard += 1;
            } else {
                *easy += 1;
            }
            if self.sent != *last {
                *sents += 1;
                *last = self.sent;
            }
        }
        if self.sent_span.0 <= ws {
            if let Some(s) = self.sent_words.get_mut(self.sent) {
                s.0 += 1;
                s.1 += chars;
            }
        }
        self.first_in_sentence = false;
    }

    /// The statistics, `order` holding the text's words in order (each one's lexicon entry by
    /// `entry`).
    fn finish<T>(self, lexicon: &Lexicon, order: &[T], entry: impl Fn(&T) -> usize) -> Stats {
        let Tally { mut st, sentences, counts, sent_words, linsear, latin_letters, .. } = self;
        let (linsear_easy, linsear_hard, linsear_sentences, _) = linsear;
        st.unique_words = counts.iter().filter(|&&c| c > 0).count();
        for (&c, e) in counts.iter().zip(&lexicon.hot) {
            let (c, syllables) = (c as usize, usize::from(e.syllables));
            st.syllables += c * syllables;
            st.monosyllables += c * usize::from(syllables == 1);
            st.polysyllables += c * usize::from(syllables >= 3);
        }
        st.reading_wpm = READING_WPM;
        st.speaking_wpm = SPEAKING_WPM;
        st.reading_time_seconds = st.words as f64 / READING_WPM * 60.0;
        st.speaking_time_seconds = st.words as f64 / SPEAKING_WPM * 60.0;
        st.type_token_ratio = (st.words > 0).then(|| st.unique_words as f64 / st.words as f64);
        st.mtld = mtld(order, entry, lexicon.entries.len());
        let candidates = || lexicon.entries.iter().zip(&counts).filter(|(e, &c)| c > 0 && e.top);
        // The TOP_WORDS-th highest count among them (0 if there are fewer): no word of a lower
        // count can be among the first TOP_WORDS, so only those of at least it are gathered (some
        // dozens, not every word of the text, each compared by its letters).
        let mut highest = [0u32; TOP_WORDS]; // descending
        for (_, &c) in candidates() {
            if c > highest[TOP_WORDS - 1] {
                let at = highest.iter().position(|&h| c > h).unwrap_or(TOP_WORDS - 1);
                highest.copy_within(at..TOP_WORDS - 1, at + 1);
                highest[at] = c;
            }
        }
        let least = highest[TOP_WORDS - 1];
        let mut top: Vec<(&str, u32)> = candidates().filter(|&(_, &c)| c >= least).map(|(e, &c)| (lexicon.word(e), c)).collect();
        // The TOP_WORDS first in (count descending, word) order: selected, then only they sorted.
        let order = |a: &(&str, u32), b: &(&str, u32)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
        if top.len() > TOP_WORDS {
            top.select_nth_unstable_by(TOP_WORDS, order);
            top.truncate(TOP_WORDS);
        }
        top.sort_by(order);
        st.top_words = top.iter().map(|&(w, c)| WordCount { word: w.to_string(), count: c as usize }).collect();
        st.sentence_difficulty = sentences
            .iter()
            .zip(&sent_words)
            .map(|(span, &(words, chars))| {
                let grade = f::automated_readability_index(chars, words, 1);
                let level = match grade {
                    Some(g) if words >= HARD_MIN_WORDS && g >= VERY_HARD_GRADE => Difficulty::VeryHard,
                    Some(g) if words >= HARD_MIN_WORDS && g >= HARD_GRADE => Difficulty::Hard,
                    _ => Difficulty::Normal,
                };
                SentenceDifficulty { span: *span, words, grade, level }
            })
            .collect();
        let (w, s) = (st.words, st.sentences);
        let mut r = Readability {
            flesch_reading_ease: f::flesch_reading_ease(w, s, st.syllables),
            flesch_kincaid_grade: f::flesch_kincaid_grade(w, s, st.syllables),
            gunning_fog: f::gunning_fog(w, s, st.complex_words),
            smog: f::smog(s, st.polysyllables).filter(|_| w > 0),
            coleman_liau: f::coleman_liau(st.letters, w, s),
            automated_readability_index: f::automated_readability_index(st.word_characters, w, s),
            dale_chall: f::dale_chall(w, s, st.difficult_words),
            dale_chall_grade: None,
            linsear_write: f::linsear_write(linsear_easy, linsear_hard, linsear_sentences.min(s.max(1))).filter(|_| s > 0),
            spache: f::spache(w, s, st.difficult_words),
            lix: f::lix(w, s, st.long_words),
            rix: f::rix(st.long_words, s).filter(|_| w > 0),
            consensus_grade: None,
        };
        r.dale_chall_grade = r.dale_chall.map(f::dale_chall_grade_band);
        r.consensus_grade = f::consensus_grade(&[
            r.flesch_kincaid_grade,
            r.gunning_fog,
            r.smog,
            r.coleman_liau,
            r.automated_readability_index,
            r.linsear_write,
            r.dale_chall_grade.map(|g| g.0),
        ]);
        st.warnings = warnings(&st, &r, latin_letters);
        st.readability = r;
        st
    }
}

/// Conditions the formulas were made for that this text does not meet.
fn warnings(st: &Stats, r: &Readability, latin_letters: usize) -> Vec<StatsWarning> {
    let mut out = Vec::new();
    let mut warn = |formula, code, message: String| out.push(StatsWarning { formula, code, message });
    if st.words == 0 {
        return out;
    }
    if st.letters > 0 && latin_letters * 2 < st.letters {
        warn("all", "not-english", "the formulas are made for English; most letters here are of another script".into());
    }
    if st.words < 100 {
        warn("all", "short-sample", format!("{} words: the formulas are calibrated on samples of 100 words or more", st.words));
    }
    if st.sentences < 30 {
        warn("smog", "few-sentences", format!("{} sentences: SMOG is defined on a sample of 30 sentences", st.sentences));
    }
    if st.words < 100 {
        warn("linsearWrite", "short-sample", "Linsear Write reads a sample of 100 words".into());
    }
    if r.spache.is_some_and(|g| g > 4.0) {
        warn("spache", "out-of-range", "Spache is meant for texts up to grade 3 (4th grade and above: see Dale-Chall)".into());
    }
    out
}

/// MTLD (McCarthy & Jarvis 2010, "MTLD, vocd-D, and HD-D", Behavior Research Methods 42): the mean
/// length of runs of words whose type-token ratio stays above 0.72, averaged over a forward and
/// a backward pass, the last partial run counting in proportion.
fn mtld<T>(order: &[T], entry: impl Fn(&T) -> usize, types: usize) -> Option<f64> {
    if order.is_empty() {
        return None;
    }
    let mut seen = vec![0u32; types];
    let mut run_id = 0;
    // Each pass a call per run of words (as the paragraphs are read, see `RUN`).
    let mut forward = Pass::start(&mut run_id);
    for words in order.chunks(RUN * 32) {
        forward.read(words.iter().map(&entry), &mut seen, &mut run_id);
    }
    let mut backward = Pass::start(&mut run_id);
    for words in order.rchunks(RUN * 32) {
        backward.read(words.iter().rev().map(&entry), &mut seen, &mut run_id);
    }
    Some((forward.length(order.len()) + backward.length(order.len())) / 2.0)
}

/// Where an MTLD pass stands: its whole factors, and the words and distinct words (those marked
/// `run_id` in `seen`) of the factor under way.
#[derive(Clone, Copy, Default)]
struct Pass {
    whole: usize,
    tokens: usize,
    distinct: usize,
}

impl Pass {
    fn start(run_id: &mut u32) -> Pass {
        *run_id += 1;
        Pass::default()
    }

    /// The next words of the pass (lexicon entries).
    #[inline(never)]
    fn read(&mut self, ids: impl Iterator<Item = usize>, seen: &mut [u32], run_id: &mut u32) {
        // In locals, not stored at every word (as a bound check's panic would otherwise need).
        let Pass { mut whole, mut tokens, mut distinct } = *self;
        let mut run = *run_id;
        for id in ids {
            tokens += 1;
            if seen[id] != run {
                seen[id] = run;
                distinct += 1;
                // A new word raises the ratio: no factor ends.
                continue;
            }
            if distinct * MTLD_FRACTION.1 <= tokens * MTLD_FRACTION.0 {
                whole += 1;
                tokens = 0;
                distinct = 0;
                run += 1;
            }
        }
        (*self, *run_id) = (Pass { whole, tokens, distinct }, run);
    }

    /// The mean length of a factor of a pass over `len` words.
    fn length(&self, len: usize) -> f64 {
        let mut factors = self.whole as f64;
        if self.tokens > 0 {
            let ttr = self.distinct as f64 / self.tokens as f64;
            factors += (1.0 - ttr) / (1.0 - MTLD_FACTOR);
        }
        if factors == 0.0 {
            len as f64
        } else {
            len as f64 / factors
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(t: &str) -> Vec<&str> {
        let mut out = Vec::new();
        words(t, Span::new(0, t.len()), |s, e| out.push(&t[s..e]));
        out
    }

    #[test]
    fn word_spans() {
        let cases: &[(&str, &[&str])] = &[
            ("Don't stop: 3.5% of U.S. voters", &["Don't", "stop", "3.5", "of", "U.S", "voters"]),
            ("a singer-songwriter, 1,000 fans - end.", &["a", "singer-songwriter", "1,000", "fans", "end"]),
            ("caf\u{e9} \u{1F600} \u{5317}\u{4EAC}! didn\u{2019}t", &["caf\u{e9}", "\u{5317}", "\u{4EAC}", "didn\u{2019}t"]),
            ("", &[]),
            ("-- '' \u{0}\u{7}", &[]),
        ];
        for (t, expected) in cases {
            assert_eq!(&spans_of(t), expected, "{t}");
        }
    }

    fn check(text: &str, sentences: &[&str], expected: &[(&str, f64)]) {
        let mut spans = Vec::new();
        let mut from = 0;
        for s in sentences {
            let at = text[from..].find(s).expect("sentence in text") + from;
            spans.push(Span::new(at, at + s.len()));
            from = at + s.len();
        }
        let st = compute(text, &[Span::new(0, text.len())], &spans);
        for &(name, value) in expected {
            let got = match name {
                "words" => st.words as f64,
                "syllables" => st.syllables as f64,
                "letters" => st.letters as f64,
                "unique" => st.unique_words as f64,
                "mono" => st.monosyllables as f64,
                "poly" => st.polysyllables as f64,
                "complex" => st.complex_words as f64,
                "long" => st.long_words as f64,
                "difficult" => st.difficult_words as f64,
                "fre" => st.readability.flesch_reading_ease.unwrap_or(f64::NAN),
                "mtld" => st.mtld.unwrap_or(f64::NAN),
                "warnings" => st.warnings.len() as f64,
                "hard" => st.sentence_difficulty.iter().filter(|d| d.level != Difficulty::Normal).count() as f64,
                other => panic!("unknown figure {other}"),
            };
            assert!((got - value).abs() < 1e-3, "{name}: got {got}, expected {value} for {text:?}");
        }
    }

    #[test]
    fn counts() {
        check(
            "The cat sat on the mat. The dog did too.",
            &["The cat sat on the mat.", "The dog did too."],
            &[("words", 10.0), ("unique", 8.0), ("letters", 29.0), ("syllables", 10.0), ("mono", 10.0), ("fre", 116.145 - 1.015 * 5.0 + 1.015 * 6.0)],
        );
        check(
            "Anna considered the extraordinary, unbelievable situation. Anna relaxing.",
            &["Anna considered the extraordinary, unbelievable situation.", "Anna relaxing."],
            // "considered" is complex ("consider" has 3 already), "relaxing" is not ("relax" has 2).
            &[("words", 8.0), ("poly", 5.0), ("complex", 4.0), ("long", 5.0)],
        );
        check("", &[], &[("words", 0.0), ("warnings", 0.0)]);
        check("\u{5317}\u{4EAC}\u{5E02}", &["\u{5317}\u{4EAC}\u{5E02}"], &[("words", 3.0), ("warnings", 4.0)]);
    }

    #[test]
    fn hard_sentences() {
        let long = "Notwithstanding considerable institutional resistance, the administration implemented comprehensive organizational restructuring initiatives throughout international subsidiaries immediately.";
        check(long, &[long], &[("hard", 1.0)]);
        check("I saw a dog. It ran.", &["I saw a dog.", "It ran."], &[("hard", 0.0)]);
    }

    #[test]
    fn mtld_fraction_as_the_division() {
        assert_eq!(MTLD_FRACTION.0 as f64 / MTLD_FRACTION.1 as f64, MTLD_FACTOR);
        for tokens in 1..3000usize {
            for distinct in 0..=tokens {
                let divided = distinct as f64 / tokens as f64 <= MTLD_FACTOR;
                assert_eq!(divided, distinct * MTLD_FRACTION.1 <= tokens * MTLD_FRACTION.0, "{distinct}/{tokens}");
            }
        }
    }

    #[test]
    fn lexical_diversity() {
        // All distinct: no factor ends, MTLD is the length of the text.
        check("one two three", &["one two three"], &[("mtld", 3.0)]);
        // "a a a a": TTR drops to 0.5 after two words: factor, then again.
        check("the the the the", &["the the the the"], &[("mtld", 2.0)]);
    }

    /// Why Lede's figures differ from textstat's on its reference passages (`lede eval readability`
    /// lists them, marked (!)): each case is one cause, shown on a text of its own.
    #[test]
    fn documented_differences_from_textstat() {
        // Gunning Fog: Gunning's complex words leave out -es/-ed/-ing as third syllable, proper
        // nouns, hyphenated words and numbers; textstat counts the 3+ syllable words that are not
        // on its Dale-Chall list, so "sunglasses" is complex there and "family" is not.
        check("Cool dogs wear da sunglasses.", &["Cool dogs wear da sunglasses."], &[("complex", 0.0), ("poly", 1.0)]);
        check("My family has 500 cats.", &["My family has 500 cats."], &[("complex", 1.0)]);
        // ARI: characters are letters and digits (Smith & Senter); textstat also counts punctuation.
        let st = compute("Yes: \"no!\"", &[Span::new(0, 11)], &[Span::new(0, 11)]);
        assert_eq!(st.word_characters, 5);
        // Dale-Chall and Spache: Lede's familiar list is generated from word frequencies (the 1948
        // list is not freely licensed), regular inflections of familiar words are familiar (Dale &
        // Chall's own rule) and so are names inside a sentence; textstat counts "puzzles" and "Anna".
        check("We played with Anna in the houses.", &["We played with Anna in the houses."], &[("difficult", 0.0)]);
        // Consensus grade: the median of the grade formulas, not textstat's most frequent rounded grade.
        assert_eq!(f::consensus_grade(&[Some(2.0), Some(3.0), Some(9.0)]), Some(3.0));
    }

    /// A word's letters and digits are kept with its lower-cased entry: every character must
    /// lower-case to as many of them as it counts for itself.
    #[test]
    fn lower_casing_keeps_letters_and_digits() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let own = usize::from(is_alphanumeric(c));
            assert_eq!(c.to_lowercase().filter(|&l| is_alphanumeric(l)).count(), own, "{c:?}");
        }
        // And so two spellings of one entry count the same, whichever comes first.
        for (text, each) in [("D\u{130}Y\u{212a}A d\u{130}y\u{212a}a", 5), ("d\u{130}y\u{212a}a D\u{130}Y\u{212a}A", 5), ("\u{212a}elvin Kelvin", 6)] {
            let spans = [Span::new(0, text.len())];
            let st = compute(text, &spans, &spans);
            assert_eq!((st.words, st.word_characters), (2, 2 * each), "{text:?}");
        }
    }

    #[test]
    fn sixteen_bytes_at_once_as_byte_by_byte() {
        let text = "Don't 3-year-old U.S. 1,000 e-Mail ZZ Az aZ @[`{ 0123456789abcdef ABCDEFGHIJKLMNOP x\u{e9}y end";
        let mut found = Vec::new();
        words(text, Span::new(0, text.len()), |s, e| found.push((s, e)));
        // And every piece of every length from every place, the text's end included.
        let pieces = (0..text.len()).flat_map(|s| (s + 1..=(s + 16).min(text.len())).map(move |e| (s, e)));
        for (s, e) in found.into_iter().chain(pieces) {
            let w = &text.as_bytes()[s..e];
            let a = Ascii16::read(w, &text.as_bytes()[s..]);
            // And the portable form, which x86-64 does not run.
            let mut bytes = [0xFFu8; 16]; // bytes past the word, to mask off
            bytes[..w.len()].copy_from_slice(w);
            for a in [a, Ascii16::classify(bytes, w.len())] {
                assert_eq!(a.is_some(), w.is_ascii(), "{w:?}");
                let Some(a) = a else { continue };
                let mut lower = [0u8; 16];
                lower[..w.len()].copy_from_slice(&w.to_ascii_lowercase());
                assert_eq!(a.lower, u128::from_le_bytes(lower), "{w:?}");
                let (alphanumeric, hyphen_or_digit) = a.counts();
                assert_eq!(alphanumeric as usize, w.iter().filter(|c| c.is_ascii_alphanumeric()).count(), "{w:?}");
                assert_eq!(hyphen_or_digit, w.iter().any(|&c| c == b'-' || c.is_ascii_digit()), "{w:?}");
            }
        }
    }

    #[test]
    fn character_counts_by_stretches_as_char_by_char() {
        for text in ["Don't\u{b}stop\t3.5%", "caf\u{e9}\u{b} \u{2019}x\u{a0}y \u{5317}\u{4EAC}\n\u{3b1}\u{1F600}", "", "\u{e9}", "a \u{b}\u{c}\r\n\u{e9}"] {
            let c = CharCounts::of(text);
            let ascii = text.is_ascii();
            let space = |ch: char| if ascii { ch.is_ascii_whitespace() } else { ch.is_whitespace() };
            let letters = text.chars().filter(|&ch| is_alphabetic(ch)).count();
            assert_eq!(c.characters, text.chars().count(), "{text:?}");
            assert_eq!(c.no_spaces, text.chars().filter(|&ch| !space(ch)).count(), "{text:?}");
            assert_eq!((c.letters, c.latin_letters), (letters, text.chars().filter(|&ch| is_alphabetic(ch) && (ch as u32) < 0x250).count()), "{text:?}");
        }
    }

    #[test]
    fn remembered_classes_as_the_tables() {
        // Every character twice: the second answer comes from its slot, where another character
        // of the same low bits may have been in between.
        for _ in 0..2 {
            for c in (0..=0x10FFFF).filter_map(char::from_u32) {
                assert_eq!((is_alphanumeric(c), is_alphabetic(c)), (c.is_alphanumeric(), c.is_alphabetic()), "{c:?}");
            }
        }
    }

    #[test]
    fn no_letter_or_digit_among_general_punctuation() {
        // And every character up to U+0800, which holds the runs of `LETTERS`.
        for c in ('\u{2000}'..='\u{206F}').chain('\u{0}'..'\u{800}').chain(['\u{5317}', '\u{2070}', '\u{2071}']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn sixty_four_bytes_at_once_as_byte_by_byte() {
        let line = "Don't 3-year-old U.S. 1,000 e-Mail ZZ Az aZ @[`{/:09 \u{e9}t\u{e9} \u{2019}x ABCDEFGHIJKLMNOPQRSTUVWXYZ end\u{7f}\u{0}";
        let text = line.repeat(3);
        let text = text.as_bytes();
        let alnum = |c: u8| c.is_ascii_alphanumeric();
        for i in 0..text.len() {
            for end in i..=text.len() {
                let first = |stop: &dyn Fn(u8) -> bool| (i..end).find(|&k| stop(text[k])).unwrap_or(end);
                // From no window, and from one that holds `i` (made at a start before it).
                for start in [None, Some(i.saturating_sub(5))] {
                    let window = || start.map_or(Window::NONE, |s| Window::at(text, s, end));
                    assert_eq!(find_byte(text, i, end, &mut window(), |w| !w.alnum), first(&|c| !alnum(c)), "{i} {end}");
                    assert_eq!(find_byte(text, i, end, &mut window(), |w| w.alnum | w.high), first(&|c| alnum(c) || c >= 0x80), "{i} {end}");
                }
            }
            // And the portable masks, which x86-64 does not use.
            if let Some(bytes) = text.get(i..i + 64) {
                let bytes: &[u8; 64] = bytes.try_into().expect("64 bytes");
                assert_eq!(Window::classify(bytes), Window::classify_portable(bytes), "{i}");
            }
        }
    }

    #[test]
    fn may_top_as_letters_checked_one_by_one() {
        for w in ["cat", "ca", "c4t", "e-mail", "don't", "caf\u{e9}", "\u{5317}\u{4eac}\u{5e02}", "x\u{e9}", "u.s", "abcdefghijklmnopqrstuvwxyz", "1,000"] {
            let ascii = w.is_ascii().then(|| {
                (w.bytes().filter(u8::is_ascii_alphanumeric).count() as u32, w.bytes().any(|b| b == b'-' || b.is_ascii_digit()))
            });
            let expected = match w.is_ascii() {
                true => w.len() > 2 && w.bytes().all(|b| b.is_ascii_alphabetic()),
                false => w.chars().count() > 2 && w.chars().all(is_alphabetic),
            };
            assert_eq!(may_top(w, ascii), expected, "{w}");
        }
    }

    #[test]
    fn top_words_as_by_a_full_sort() {
        // Words of many counts, ties among them, fewer and more of them than TOP_WORDS, and stop
        // words more frequent than any.
        for kinds in [3usize, 10, 11, 60] {
            let mut words = Vec::new();
            for i in 0..kinds {
                let w: String = ['q', 'u', 'a', 'x'].iter().chain([(b'a' + (i % 26) as u8) as char, (b'a' + (i / 26) as u8) as char].iter()).collect();
                words.extend(std::iter::repeat_n(w, (i * 7) % 13 + 1));
            }
            words.extend(std::iter::repeat_n("the".to_string(), 40));
            let text = words.join(" ");
            let spans = [Span::new(0, text.len())];
            let st = compute(&text, &spans, &spans);
            let mut expected: Vec<(String, usize)> = Vec::new();
            for w in words.iter().filter(|w| w.as_str() != "the") {
                match expected.iter_mut().find(|(e, _)| e == w) {
                    Some((_, n)) => *n += 1,
                    None => expected.push((w.clone(), 1)),
                }
            }
            expected.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            expected.truncate(TOP_WORDS);
            let got: Vec<(String, usize)> = st.top_words.iter().map(|t| (t.word.clone(), t.count)).collect();
            assert_eq!(got, expected, "{kinds} kinds");
        }
    }

    #[test]
    fn lower_letters_at_once_as_byte_by_byte() {
        for w in ["", "a", "z", "cat", "Cat", "c4t", "e-mail", "don't", "caf\u{e9}", "abcdefghijklmnop", "abcdefghijklmnoP", "`{@[", "x\u{7f}"] {
            let b = w.as_bytes();
            let expected = !b.is_empty() && b.iter().all(u8::is_ascii_lowercase);
            assert_eq!(lower_letters(pack16(b).expect("16 bytes at most"), b.len()), expected, "{w:?}");
        }
        for c in 0..=0xFFu8 {
            for at in [0, 7, 15] {
                let mut b = *b"abcdefghijklmnop";
                b[at] = c;
                let expected = b.iter().all(u8::is_ascii_lowercase);
                assert_eq!(lower_letters(u128::from_le_bytes(b), 16), expected, "{c} at {at}");
            }
        }
    }

    #[test]
    fn familiar_words() {
        for (w, familiar) in [("house", true), ("houses", true), ("played", true), ("42", true), ("quixotic", false)] {
            assert_eq!(is_familiar(w), familiar, "{w}");
        }
        // `lists` packs every easy word and stop word into 16 bytes.
        assert!(easy_words::EASY_WORDS.split_whitespace().chain(STOP_WORDS.split_whitespace()).all(|w| w.is_ascii() && w.len() <= 16));
        assert!(!is_familiar("x") && is_familiar("responsibility") && !is_familiar("responsibilities"));
        assert!(is_familiar("hoped") && is_familiar("making"));
        assert!(is_familiar("house's") && is_familiar("house\u{2019}s") && is_familiar("house's's"));
        for w in ["", "'s", "s's", "'s'", "x's\u{2019}s's", "x\u{2019}s's", "\u{2019}s\u{2019}s"] {
            let trimmed = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
            assert_eq!(trim_all(trim_all(w.as_bytes(), b"'s"), "\u{2019}s".as_bytes()), trimmed.as_bytes(), "{w}");
        }
    }
}
