//! Features of the name tagger, shared by tagging and by `lede train ner` so that both see exactly
//! the same thing: hashed word forms, shapes, affixes, context words and gazetteer matches. Each
//! feature is a 64-bit hash; the model maps it to a row of per-tag weights.

use super::gazetteer::{Gazetteer, NumberTable};
use super::tokenize::{is_alphabetic, Token, TokenKind};

/// Tags of the name tagger: `O`, then `B-`/`I-` for each name label.
pub const TAGS: [&str; 9] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];
pub const NTAGS: usize = TAGS.len();

/// May `tag` follow `prev`? An `I-X` only continues a `B-X` or an `I-X`.
pub fn allowed(prev: usize, tag: usize) -> bool {
    tag == 0 || tag % 2 == 1 || prev == tag || prev + 1 == tag
}

/// A strong 64-bit mixer (splitmix64's finalizer).
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a's start and multiplier.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a's hash `h` of some bytes continued by the byte `b`.
#[inline(always)]
pub fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_START, |h, &b| fnv_byte(h, b))
}

/// [`word_hash`] of a word of lower-case ASCII letters only (which normalizing leaves as it is),
/// without the copy.
pub fn lower_ascii_word_hash(word: &str) -> u64 {
    debug_assert!(word.bytes().all(|b| b.is_ascii_lowercase()));
    fnv(word.as_bytes())
}

/// Lower-case `word` into `buf` with digits folded to `0`.
pub fn normalize(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii() {
            let c = c.to_ascii_lowercase();
            buf.push(if c.is_ascii_digit() { '0' } else { c });
        } else if c == '\u{2019}' {
            buf.push('\'');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Hash of a word's normalized form (what the gazetteer and the word features use).
pub fn word_hash(word: &str, buf: &mut String) -> u64 {
    normalize(word, buf);
    fnv(buf.as_bytes())
}

/// The shape of a word: `X` upper, `x` lower, `d` digit, other characters kept, runs cut to two,
/// at most eight symbols ("Putin" -> "Xxx", "U.S." -> "X.X.", "1,000" -> "d,ddd" cut to "d,dd").
fn shape_hash(word: &str) -> u64 {
    shape_hash_of(word.chars().map(|c| {
        if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if is_alphabetic(c) {
            'a'
        } else {
            c
        }
    }))
}

/// The hash of a word's shape from the symbol of each character (see [`shape_hash`]).
#[inline]
fn shape_hash_of(symbols: impl Iterator<Item = char>) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let (mut last, mut run, mut n) = ('\0', 0, 0);
    for s in symbols {
        if s == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = s;
        }
        n += 1;
        if n > 8 {
            break;
        }
        h = (h ^ s as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Per-token facts computed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    pub lower: u64,
    /// Hash of the word as written (case kept).
    pub exact: u64,
    pub shape: u64,
    pub affix: [u64; 5],
    /// Bit 0 capitalized, 1 all capitals, 2 first of the sentence, 3 has a digit, 4 is a word,
    /// 5 after an opening quote, 6 length over 3.
    pub flags: u32,
    /// Gazetteer marks (see `Gazetteer::marks`).
    pub gaz: u16,
    /// Number of the word form in the [`Scratch`] that made this (`u32::MAX` for padding): a
    /// hint for the tagger's caches by word form, which check it against the word.
    pub form: u32,
}

/// Reusable buffers for [`token_infos`], so that tagging allocates nothing per token.
pub struct Scratch {
    buf: String,
    chars: Vec<char>,
    /// Words of the sentence where a gazetteer phrase may begin, with `Gazetteer::first`.
    starts: Vec<(u32, u16)>,
    marks: Vec<u16>,
    /// `rules::word_class` of each token of the sentence.
    classes: Vec<u32>,
    /// Number of each word form seen so far, by its hash and kind.
    seen: NumberTable,
    /// Facts of each word form seen so far, by number.
    facts: Vec<WordFacts>,
}

/// What [`TokInfo`] holds that depends on the word form alone.
#[derive(Clone, Copy)]
struct WordFacts {
    /// Hash of the word as written ([`TokInfo::exact`]).
    exact: u64,
    lower: u64,
    shape: u64,
    affix: [u64; 5],
    flags: u32,
    /// The gazetteer's entry for the word alone (`Gazetteer::first`).
    gaz_first: Option<u16>,
    /// Its list bits for the rules (`rules::word_class`).
    class: u32,
    /// Whether a token after it counts as the first of the sentence (see [`opens`]).
    opens: bool,
}

/// Whether the token after `word` counts as the first of a sentence: a colon, a quote, a dash
/// or an opening parenthesis.
fn opens(word: &[u8]) -> bool {
    matches!(word, b":" | b"\"" | b"\xe2\x80\x9c" | b"-" | b"(")
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            buf: String::new(),
            chars: Vec::new(),
            starts: Vec::new(),
            marks: Vec::new(),
            classes: Vec::new(),
            // An article's distinct word forms, without growing on the way.
            seen: NumberTable::with_capacity(2048),
            facts: Vec::with_capacity(2048),
        }
    }
}

impl Scratch {
    /// `rules::word_class` of each token of the last sentence [`token_infos`] saw.
    pub fn classes(&self) -> &[u32] {
        &self.classes
    }

    /// Room for `forms` word forms in all.
    pub fn reserve(&mut self, forms: usize) {
        self.seen.reserve(forms);
        self.facts.reserve_exact(forms.saturating_sub(self.facts.len()));
    }

    /// Forget every word form seen, keeping the memory.
    pub fn clear_words(&mut self) {
        self.seen.clear();
        self.facts.clear();
    }

    /// Forget the last sentence's classes.
    pub fn clear_classes(&mut self) {
        self.classes.clear();
    }

    /// Word forms remembered before the memory starts over.
    pub const LIMIT: usize = 50_000;

    /// Whether the next [`token_infos`] starts the memory of word forms over.
    pub fn is_full(&self) -> bool {
        self.seen.len() > Scratch::LIMIT
    }
}

fn word_facts(w: &str, kind: TokenKind, gaz: &Gazetteer, sc: &mut Scratch) -> WordFacts {
    if w.len() <= ASCII_FAST && w.is_ascii() {
        return ascii_word_facts(w, kind, gaz);
    }
    any_word_facts(w, kind, gaz, sc)
}

/// Longest word that [`ascii_word_facts`] takes (a stack buffer's size).
const ASCII_FAST: usize = 64;

/// What [`ascii_word_facts`] needs of each ASCII byte: its normal form (lower case, digits
/// folded to `0`), its shape symbol (`X`, `x`, `d` or itself) and its kind (the bits below).
static ASCII_FACTS: [[u8; 3]; 128] = {
    let mut t = [[0u8; 3]; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = match b {
            b'A'..=b'Z' => [b + 32, b'X', ALPHA],
            b'a'..=b'z' => [b, b'x', ALPHA | LOWER],
            b'0'..=b'9' => [b'0', b'd', DIGIT],
            b'-' => [b, b, HYPHEN],
            _ => [b, b, 0],
        };
        c += 1;
    }
    t
};
const ALPHA: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;
const HYPHEN: u8 = 8;

/// [`word_facts`] of an ASCII word, byte by byte (the same values as [`any_word_facts`]): its
/// normal form is one byte per byte, and ASCII letters are upper or lower case.
fn ascii_word_facts(w: &str, kind: TokenKind, gaz: &Gazetteer) -> WordFacts {
    let b = w.as_bytes();
    let mut norm = [0u8; ASCII_FAST];
    // One pass for the normal form and its hash, the word's own hash and its letters; the
    // shape's in another (it stops after eight symbols).
    let (mut lower, mut exact, mut alpha, mut kinds) = (FNV_START, FNV_START, 0usize, 0u8);
    for (d, &c) in norm.iter_mut().zip(b) {
        let [n, _, kind] = ASCII_FACTS[c as usize & 127];
        *d = n;
        lower = (lower ^ n as u64).wrapping_mul(FNV_PRIME);
        exact = (exact ^ c as u64).wrapping_mul(FNV_PRIME);
        alpha += usize::from(kind & ALPHA);
        kinds |= kind;
    }
    let (has_lower, digit, hyphen) = (kinds & LOWER != 0, kinds & DIGIT != 0, kinds & HYPHEN != 0);
    let norm = &norm[..b.len()];
    let flags = word_flags(b.first().is_some_and(u8::is_ascii_uppercase), alpha, has_lower, digit, kind, b.len());
    let shape = match kind {
        TokenKind::Url => 11,
        TokenKind::Email => 12,
        _ => ascii_shape_hash(b),
    };
    let affix = affixes_of(norm, |c| c as u64);
    let class = super::rules::ascii_word_class(norm, digit, hyphen);
    WordFacts { exact, lower, shape, affix, flags, gaz_first: gaz.first(lower), class, opens: opens(w.as_bytes()) }
}

/// [`shape_hash`] of an ASCII word, from each byte's symbol in [`ASCII_FACTS`].
fn ascii_shape_hash(b: &[u8]) -> u64 {
    shape_hash_of(b.iter().map(|&c| char::from(ASCII_FACTS[c as usize & 127][1])))
}

/// [`word_facts`] of any word.
fn any_word_facts(w: &str, kind: TokenKind, gaz: &Gazetteer, sc: &mut Scratch) -> WordFacts {
    normalize(w, &mut sc.buf);
    let lower = fnv(sc.buf.as_bytes());
    let n = if sc.buf.is_ascii() { sc.buf.len() } else { sc.buf.chars().count() };
    let affix = affixes(&sc.buf, &mut sc.chars);
    let (mut alpha, mut has_lower, mut digit) = (0usize, false, false);
    for c in w.chars() {
        if is_alphabetic(c) {
            alpha += 1;
            has_lower |= c.is_lowercase();
        }
        digit |= c.is_ascii_digit();
    }
    let flags = word_flags(w.chars().next().is_some_and(char::is_uppercase), alpha, has_lower, digit, kind, n);
    let shape = match kind {
        TokenKind::Url => 11,
        TokenKind::Email => 12,
        _ => shape_hash(w),
    };
    let (exact, class) = (fnv(w.as_bytes()), super::rules::word_class(w));
    WordFacts { exact, lower, shape, affix, flags, gaz_first: gaz.first(lower), class, opens: opens(w.as_bytes()) }
}

/// The flag bits of a word's facts, from what both word paths count: 1 capitalized, 2 all
/// capitals (two letters or more), 8 a digit, 16 a plain word, 64 over three characters.
fn word_flags(capitalized: bool, letters: usize, has_lower: bool, digit: bool, kind: TokenKind, chars: usize) -> u32 {
    u32::from(capitalized)
        | u32::from(letters > 1 && !has_lower) << 1
        | u32::from(digit) << 3
        | u32::from(kind == TokenKind::Word) << 4
        | u32::from(chars > 3) << 6
}

#[inline]
fn piece<I: Iterator<Item = u64>>(tag: u64, chars: I) -> u64 {
    let mut h = fnv(&[tag as u8]);
    for c in chars {
        h = (h ^ c).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Affix hashes of a normalized word: last 2, 3, first 2, 3 characters, last 4. Bytes stand for
/// the characters of an ASCII word (no copy); other words are decoded into `chars` first.
fn affixes(norm: &str, chars: &mut Vec<char>) -> [u64; 5] {
    if norm.is_ascii() {
        return affixes_of(norm.as_bytes(), |b| b as u64);
    }
    chars.clear();
    chars.extend(norm.chars());
    affixes_of(chars, |c| c as u64)
}

fn affixes_of<T: Copy>(w: &[T], value: impl Fn(T) -> u64) -> [u64; 5] {
    let n = w.len();
    let p = |a: usize, e: usize, tag: u64| piece(tag, w[a..e].iter().map(|&x| value(x)));
    let mut affix = [0u64; 5];
    if n > 2 {
        affix = [p(n - 2, n, 1), p(n - 3, n, 2), p(0, 2, 3), p(0, 3, 4), 0];
    }
    if n > 4 {
        affix[4] = p(n - 4, n, 5);
    }
    affix
}

/// The key of a word form (the token's bytes `text[start..end]` and its kind) in
/// `Scratch::seen`: a word of up to seven bytes packed with its length and kind as they are (no
/// two such forms share a key, and most words are that short) and spread by a cheap one-to-one
/// mixer (the table reads a key's low bits), a longer one hashed.
#[inline]
fn form_key(text: &[u8], start: usize, end: usize, kind: TokenKind) -> u64 {
    let len = end - start;
    if len > 7 {
        return mix(fnv(&text[start..end]) ^ kind as u64);
    }
    // Eight bytes at once where the text has them, the word's own kept.
    let bytes = match text.get(start..start + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()) & ((1u64 << (8 * len)) - 1),
        None => text[start..end].iter().rev().fold(0, |w, &b| w << 8 | b as u64),
    };
    let h = (bytes | (len as u64) << 56 | (kind as u64) << 59).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 32)
}

/// Token facts for one sentence.
pub fn token_infos(text: &str, tokens: &[Token], gaz: &Gazetteer, sc: &mut Scratch, out: &mut Vec<TokInfo>) {
    out.clear();
    sc.starts.clear();
    sc.classes.clear();
    if sc.is_full() {
        sc.clear_words();
    }
    let bytes = text.as_bytes();
    let (mut only_punct_before, mut after_opening) = (true, false);
    for t in tokens {
        let key = form_key(bytes, t.span.start, t.span.end, t.kind);
        // The form's number (one probe finds it, or the slot a new one takes).
        let form = match sc.seen.find(key) {
            Ok(f) => f,
            Err(slot) => {
                let f = word_facts(t.span.slice(text), t.kind, gaz, sc);
                let form = sc.facts.len() as u32;
                sc.facts.push(f);
                sc.seen.insert_free(slot, key, form);
                form
            }
        };
        let facts = &sc.facts[form as usize];
        let mut flags = facts.flags;
        // First of the sentence: only punctuation before, or after a colon, quote, dash or
        // opening parenthesis.
        if only_punct_before || after_opening {
            flags |= 4;
        }
        only_punct_before &= t.kind == TokenKind::Punct;
        after_opening = facts.opens;
        if let (Some(f), TokenKind::Word) = (facts.gaz_first, t.kind) {
            sc.starts.push((out.len() as u32, f));
        }
        sc.classes.push(facts.class);
        out.push(TokInfo { lower: facts.lower, exact: facts.exact, shape: facts.shape, affix: facts.affix, flags, gaz: 0, form });
    }
    if !sc.starts.is_empty() {
        sc.marks.clear();
        sc.marks.resize(out.len(), 0);
        gaz.marks_from(&sc.starts, |i| out[i].lower, |i| out[i].flags & 16 != 0, &mut sc.marks);
        for (o, &m) in out.iter_mut().zip(&sc.marks) {
            o.gaz = m;
        }
    }
}

/// The hash of feature `template` with `value`: [`mix`] without its last step (`x ^ x >> 31`),
/// which changes none of the top 33 bits, and a feature is only ever read by its top bits (its
/// table row: a table has at most 2^30 rows), so every feature has the row it had with the full
/// `mix`, three instructions sooner.
#[inline]
fn f(template: u64, value: u64) -> u64 {
    let mut x = (value ^ template.wrapping_mul(0x2545_f491_4f6c_dd1d)).wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb)
}

const PAD_BEFORE: TokInfo = TokInfo { lower: 1, exact: 1, shape: 1, affix: [1; 5], flags: 1 << 10, gaz: 0, form: u32::MAX };
const PAD_AFTER: TokInfo = TokInfo { lower: 2, exact: 2, shape: 2, affix: [2; 5], flags: 1 << 11, gaz: 0, form: u32::MAX };

/// The token at offset `k` from `i`, or a padding token past either end.
#[inline]
pub fn at(infos: &[TokInfo], i: usize, k: isize) -> TokInfo {
    let j = i as isize + k;
    if j < 0 {
        PAD_BEFORE
    } else if j as usize >= infos.len() {
        PAD_AFTER
    } else {
        infos[j as usize]
    }
}

/// The features of token `i` that do not depend on earlier tags, appended to `out`: the four
/// groups below (the tagger caches the first three per word).
pub fn static_features(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let (p1, c, n1) = (at(infos, i, -1), at(infos, i, 0), at(infos, i, 1));
    unigram_features(&c, out);
    prev_features(&p1, c.flags, out);
    next_features(&n1, c.flags, out);
    context_features(infos, i, out);
}

/// Where features go: a buffer, or (in the tagger) straight into a sum of their weights.
pub trait Sink {
    fn push(&mut self, feature: u64);
}

impl Sink for Vec<u64> {
    #[inline(always)]
    fn push(&mut self, feature: u64) {
        Vec::push(self, feature)
    }
}

/// Features of the token itself (word, shape, affixes, flags, gazetteer marks).
#[inline]
pub fn unigram_features(c: &TokInfo, out: &mut impl Sink) {
    out.push(f(2, c.lower));
    out.push(f(7, c.shape));
    for (k, &a) in c.affix.iter().enumerate() {
        if a != 0 {
            out.push(f(10 + k as u64, a));
        }
    }
    out.push(f(20, c.flags as u64));
    out.push(f(22, mix(c.lower) ^ (c.flags as u64 & 5)));
    out.push(f(25, c.exact));
    let cap = (c.flags & 1) as u64;
    for b in set_bits(c.gaz) {
        out.push(f(30, b));
        out.push(f(31, b << 1 | cap));
        out.push(f(32, mix(b) ^ c.shape));
    }
    if c.gaz == 0 && c.flags & 1 != 0 {
        out.push(f(35, (c.flags & 4) as u64));
    }
}

/// Key of everything [`unigram_features`] reads.
pub fn unigram_key(c: &TokInfo) -> u64 {
    mix(c.exact ^ mix(c.shape ^ mix(c.flags as u64 | (c.gaz as u64) << 32)))
}

/// Features of a neighbouring token `n` (its lower-cased word, shape, exact word and gazetteer
/// bits, each with the current token's capital flag for the gazetteer), under the feature ids
/// `ids` of its side.
#[inline(always)]
fn neighbour_features(n: &TokInfo, flags: u32, ids: [u64; 4], out: &mut impl Sink) {
    let cap = (flags & 1) as u64;
    out.push(f(ids[0], n.lower));
    out.push(f(ids[1], n.shape));
    out.push(f(ids[2], n.exact));
    for b in set_bits(n.gaz) {
        out.push(f(ids[3], b << 1 | cap));
    }
}

/// The set bits of `x`, lowest first (most words have none).
#[inline]
fn set_bits(mut x: u16) -> impl Iterator<Item = u64> {
    std::iter::from_fn(move || {
        (x != 0).then(|| {
            let b = x.trailing_zeros() as u64;
            x &= x - 1;
            b
        })
    })
}

/// Whether [`prev_features`] and [`next_features`] of `n` depend on the current token's capital
/// flag: only its gazetteer marks take it, so a word without any has the same features either way.
pub fn neighbour_reads_cap(n: &TokInfo) -> bool {
    n.gaz != 0
}

/// Features of the previous token `p1`, with the current token's capital flag.
#[inline]
pub fn prev_features(p1: &TokInfo, flags: u32, out: &mut impl Sink) {
    neighbour_features(p1, flags, [3, 8, 26, 33], out);
}

/// Features of the next token `n1`, with the current token's capital flag.
#[inline]
pub fn next_features(n1: &TokInfo, flags: u32, out: &mut impl Sink) {
    neighbour_features(n1, flags, [4, 9, 27, 34], out);
}

/// Key of everything [`prev_features`] or [`next_features`] reads.
pub fn neighbour_key(n: &TokInfo, flags: u32) -> u64 {
    mix(n.exact ^ mix(n.shape ^ mix((n.gaz as u64) << 1 | (flags & 1) as u64)))
}

/// The remaining static features: the bias, two tokens away, and conjunctions.
pub fn context_features(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let (p1, c, n1) = (at(infos, i, -1), at(infos, i, 0), at(infos, i, 1));
    shape_context_features(&p1, &c, &n1, out);
    word_context_features(infos, i, out);
}

/// The bias and the shapes and flags around the token (few distinct values: the tagger caches
/// their sum).
pub fn shape_context_features(p1: &TokInfo, c: &TokInfo, n1: &TokInfo, out: &mut impl Sink) {
    out.push(f(1, 0));
    out.push(f(17, mix(p1.shape) ^ c.shape));
    out.push(f(18, mix(c.shape) ^ n1.shape));
    out.push(f(19, mix(mix(p1.shape) ^ c.shape) ^ n1.shape));
    out.push(f(21, (c.flags as u64) << 8 | (p1.flags as u64 & 0x7)));
}

/// Words two tokens away and word pairs.
pub fn word_context_features(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    out.extend_from_slice(&word_context_hashes(infos, i));
}

/// The features of [`word_context_features`], in the same order, without a buffer.
#[inline]
pub fn word_context_hashes(infos: &[TokInfo], i: usize) -> [u64; 6] {
    let lower = |k: isize| at(infos, i, k).lower;
    let c = &infos[i];
    let (p1, n1) = (lower(-1), lower(1));
    let [with_prev, with_next, shape_prev, shape_next] = word_pair_hashes(p1, mix(p1), c.lower, mix(c.lower), mix(c.shape), n1);
    [far_hashes(lower(-2))[0], far_hashes(lower(2))[1], with_prev, with_next, shape_prev, shape_next]
}

/// The features of a word as the word two before a token and as the word two after it (the
/// first two of [`word_context_hashes`]), by its lower-case hash: the same for every token, so
/// the tagger keeps them per word form.
#[inline]
pub fn far_hashes(lower: u64) -> [u64; 2] {
    [f(5, lower), f(6, lower)]
}

/// The word-pair features of [`word_context_hashes`] (its last four) of a token with lower-case
/// hash `lower` between words with `p1_lower` and `n1_lower`, given the [`mix`] of the previous
/// word's and the token's lower-case hashes and of the token's shape (the tagger keeps those per
/// word form).
#[inline]
pub fn word_pair_hashes(p1_lower: u64, p1_mixed: u64, lower: u64, mixed: u64, mixed_shape: u64, n1_lower: u64) -> [u64; 4] {
    [f(15, p1_mixed ^ lower), f(16, mixed ^ n1_lower), f(23, mixed_shape ^ p1_lower), f(24, mixed_shape ^ n1_lower)]
}

/// The features of token `i` that depend on the two previous tags, appended to `out`.
pub fn dynamic_features(infos: &[TokInfo], i: usize, prev: usize, prev2: usize, out: &mut Vec<u64>) {
    transition_features(prev, prev2, out);
    word_tag_features(&infos[i], prev, out);
}

/// The previous two tags alone.
pub fn transition_features(prev: usize, prev2: usize, out: &mut Vec<u64>) {
    let p = prev as u64;
    out.push(f(40, p));
    out.push(f(41, p << 8 | prev2 as u64));
}

/// The token with the previous tag (the tagger keeps the word's table rows per word form, and
/// the sums of the shape's and the gazetteer marks' per shape and marks).
pub fn word_tag_features(c: &TokInfo, prev: usize, out: &mut Vec<u64>) {
    out.extend_from_slice(&word_tag_hashes(c, prev));
}

/// The features of [`word_tag_features`], in the same order, without a buffer.
#[inline]
pub fn word_tag_hashes(c: &TokInfo, prev: usize) -> [u64; 3] {
    let [shape, marks] = shape_marks_tag_hashes(mix(c.shape), c.gaz, prev);
    [word_tag_hash(mix(c.lower), prev), shape, marks]
}

/// The first feature of [`word_tag_hashes`]: the word (the [`mix`] of its lower-case hash) with
/// the previous tag.
#[inline]
pub fn word_tag_hash(mixed_lower: u64, prev: usize) -> u64 {
    f(42, mixed_lower ^ prev as u64)
}

/// The other two features of [`word_tag_hashes`]: the shape (its [`mix`]) and the gazetteer
/// marks with the previous tag (few distinct values: the tagger keeps their sums).
#[inline]
pub fn shape_marks_tag_hashes(mixed_shape: u64, gaz: u16, prev: usize) -> [u64; 2] {
    let p = prev as u64;
    [f(43, mixed_shape ^ p), f(44, mix(gaz as u64) ^ p)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::tokenize::tokenize;
    use crate::analysis::report::Span;

    /// Everything `word_facts` says of `w`, comparable.
    fn facts(f: WordFacts) -> (u64, u64, u64, [u64; 5], u32, Option<u16>, u32, bool) {
        (f.exact, f.lower, f.shape, f.affix, f.flags, f.gaz_first, f.class, f.opens)
    }

    #[test]
    fn features_pick_the_rows_of_the_full_mix() {
        // The full `mix` of the template and value, as features were hashed before.
        let full = |t: u64, v: u64| mix(v ^ t.wrapping_mul(0x2545_f491_4f6c_dd1d));
        for k in 0..20_000u64 {
            let (t, v) = (k % 50, mix(k).rotate_left((k % 64) as u32));
            for bits in 1..=31 {
                assert_eq!(f(t, v) >> (64 - bits), full(t, v) >> (64 - bits), "{t} {v} {bits}");
            }
        }
    }

    #[test]
    fn form_keys_tell_forms_apart() {
        // Short and long words, one byte apart, the same bytes as another kind, at the text's end.
        let text = "a ab abc a\u{e9} abcdefg abcdefgh abcdefghi 1 12 . , 's s ab abcdefg abcdefgh 7 a\u{e9}";
        let toks = tokenize(text, Span::new(0, text.len()));
        let b = text.as_bytes();
        let mut by_key = std::collections::HashMap::new();
        for t in &toks {
            let form = (t.span.slice(text), t.kind);
            assert_eq!(*by_key.entry(form_key(b, t.span.start, t.span.end, t.kind)).or_insert(form), form);
        }
        let forms: std::collections::HashSet<_> = toks.iter().map(|t| (t.span.slice(text), t.kind as u8)).collect();
        assert_eq!((by_key.len(), forms.len()), (14, 14));
        let short = |bytes: &[u8], kind| form_key(bytes, 0, bytes.len(), kind);
        assert_ne!(short(b"ab", TokenKind::Word), short(b"ab", TokenKind::Number));
        assert_ne!(short(b"ab\0", TokenKind::Word), short(b"ab", TokenKind::Word));
        assert_eq!(short(b"ab", TokenKind::Word), form_key(b"ab cdefgh", 0, 2, TokenKind::Word));
    }

    #[test]
    fn ascii_words_have_the_facts_of_any_word() {
        let gaz = Gazetteer::builtin();
        let mut sc = Scratch::default();
        let text = format!(
            "{} U.S. AT&T O'Brien don't 1,000 3.5 7:15 a.m. 22nd MIT iPhone X9 co-op ab abc abcd \
             abcde Inc. $ % \u{0} ' 's 'S -- ((( aaaa AAAA aAaA 1a2b3c4d5e6f {} https://ex.com/x a@b.org",
            crate::SAMPLE_ARTICLE,
            "x".repeat(ASCII_FAST + 1)
        );
        let mut n = 0;
        for t in tokenize(&text, Span::new(0, text.len())) {
            let w = t.span.slice(&text);
            if w.is_ascii() && w.len() <= ASCII_FAST {
                n += 1;
                assert_eq!(facts(ascii_word_facts(w, t.kind, gaz)), facts(any_word_facts(w, t.kind, gaz, &mut sc)), "{w:?}");
            }
        }
        assert!(n > 400);
    }
}
