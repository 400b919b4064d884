//! Repeated and reworded passages inside one article, at paragraph and sentence level.
//!
//! * Exact repeats: the same words after normalizing white space, punctuation, quotes and case.
//! * Near repeats: candidates come from MinHash signatures of word bigrams ([`K`] hashes) cut into
//!   LSH bands of [`ROWS`] rows, so the search stays about linear and never compares all pairs;
//!   each candidate is then checked with a word-level diff. Their `similarity` is
//!   `2 * words in common (in order) / words in both`, and a pair is a near repeat when it reaches
//!   [`NEAR_THRESHOLD`] ([`PARAGRAPH_THRESHOLD`] for paragraphs of several sentences). The diff and the facts that conflict between the two versions (numbers,
//!   amounts, dates, names) come with the pair.
//! * A quotation standing alone as its own paragraph that also appears once inside the text is a
//!   pull quote: reported with `pull_quote`, even when it is only part of the longer sentence.
//! * Not repeats: passages shorter than [`MIN_WORDS`] words ("He added."), formulaic sentences
//!   ("She did not respond to a request for comment."), anything flagged as boilerplate, and two
//!   passages that only share a frame around a block of new content (captions of two photos with
//!   one dateline; see `new_content_in_frame`).
//!
//! Paragraph level runs first; sentences of a paragraph that is itself a repeat are not searched
//! again, so each repeated passage is reported once, at the largest level.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::diff::{self, Op, Run};
use super::report::{
    Boilerplate, Conflict, DiffOp, Duplicate, DuplicateKind, Level, Paragraph, ParagraphKind, Sentence, Span,
};

/// Keys here are already well-mixed 64-bit hashes (or small indices): no need to hash them again.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = mix(n as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// How many candidates (those whose signatures agree most) are diffed for one passage.
const MAX_DIFFS: usize = 4;

/// Words for comparison: runs of letters and digits, keeping `.`, `,` and apostrophes between two
/// of them ("2.5", "45,000", "don't"); hyphens and other marks separate words. Faster than full
/// UAX #29 segmentation, and any consistent choice works for finding repeats. `Words::scan_ascii`
/// (ASCII passages) and `Words::scan_mixed` (the others) apply the same rules with the words' ids
/// in the same pass; this is their reference in the tests.
#[cfg(test)]
fn words(text: &str, span: Span, out: &mut Vec<Span>) {
    let region = &text[span.start..span.end];
    let mut start: Option<usize> = None;
    let mut it = region.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let joiner = matches!(c, '.' | ',' | '\'' | '\u{2019}');
            if joiner && it.peek().is_some_and(|&(_, n)| n.is_alphanumeric()) {
                continue;
            }
            out.push(Span::new(span.start + s, span.start + i));
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Span::new(span.start + s, span.end));
    }
}

/// Similarity from which two passages are near repeats. Chosen on the test articles: one changed
/// number in a ten-word sentence gives 0.9, two changed words 0.8, and two distinct sentences of
/// the same template ("Smith, 45, of Portland, was charged with assault.") stay under 0.65.
pub const NEAR_THRESHOLD: f64 = 0.7;
/// The bar for whole paragraphs of several sentences is higher: below it, the paragraphs differ by
/// at least a sentence, and the sentences they share are reported one by one instead.
pub const PARAGRAPH_THRESHOLD: f64 = 0.8;
/// Passages with fewer words are never repeats.
pub const MIN_WORDS: usize = 6;
/// MinHash signature length (32-bit values, so the per-hash loop runs four lanes at a time).
pub const K: usize = 64;
/// Rows per LSH band: two passages become candidates when two consecutive hashes agree
/// (probability `1 - (1 - J^2)^(K/ROWS)`, above 0.98 for a bigram Jaccard of 0.35).
pub const ROWS: usize = 2;
const BANDS: usize = K / ROWS;
/// Only the latest entries of one LSH bucket are compared, bounding the work on degenerate text
/// (a passage pasted a hundred times).
const BUCKET_CAP: usize = 4;
/// A near repeat at least this similar stands for its earlier version and is not indexed itself.
const CLOSE: f64 = 0.9;
/// Candidates whose signatures agree on fewer hashes than this fraction are not diffed.
const MIN_AGREEMENT: f64 = 0.15;

/// Phrases that make a short sentence formulaic; with at most [`FORMULA_REST`] other words, the
/// sentence is never a repeat.
const FORMULAS: &[&str] = &[
    "did not respond to a request for comment", "did not immediately respond to a request for comment",
    "did not return a request for comment", "did not respond to requests for comment", "declined to comment",
    "could not be reached for comment", "contributed to this report", "said in a statement",
    "did not respond to an email", "did not return calls", "declined to be interviewed",
];
const FORMULA_REST: usize = 4;

/// The words of every passage searched, stored once for the whole text: a paragraph scans its
/// words, and its sentences take their share of them. Word spans are kept as two `u32` (texts
/// longer than 4 GiB are not searched for repeats): half the memory of [`Span`]s.
#[derive(Default)]
struct Words {
    spans: Vec<(u32, u32)>,
    ids: Vec<u64>,
}

impl Words {
    fn with_capacity(words: usize) -> Words {
        Words { spans: Vec::with_capacity(words), ids: Vec::with_capacity(words) }
    }

    /// Scan `span` and store its words; their range in the store.
    fn scan(&mut self, text: &str, span: Span) -> std::ops::Range<usize> {
        let at = self.spans.len();
        let region = &text[span.start..span.end];
        if region.is_ascii() {
            self.scan_ascii(region.as_bytes(), span.start);
            return at..self.spans.len();
        }
        self.scan_mixed(region, span.start);
        at..self.spans.len()
    }

    /// `words` and `word_id` in one pass over any text `region` that starts at `offset`: ASCII bytes
    /// as in `scan_ascii`, other characters decoded (the same spans and ids: `word_id` hashes an
    /// ASCII character of a word with other characters as the byte `scan_ascii` hashes).
    fn scan_mixed(&mut self, region: &str, offset: usize) {
        let b = region.as_bytes();
        let n = b.len();
        let char_at = |i: usize| region[i..].chars().next().unwrap_or(' ');
        // The length of the letter or digit at `i`, or 0.
        let alnum_len = |i: usize| match b.get(i) {
            Some(&c) if c < 0x80 => ALNUM[c as usize] as usize,
            Some(_) => {
                let c = char_at(i);
                if c.is_alphanumeric() { c.len_utf8() } else { 0 }
            }
            None => 0,
        };
        let mut i = 0;
        loop {
            while i < n && alnum_len(i) == 0 {
                i += if b[i] < 0x80 { 1 } else { char_at(i).len_utf8() };
            }
            if i == n {
                return;
            }
            let start = i;
            let mut h = FNV_OFFSET;
            loop {
                loop {
                    match b.get(i) {
                        Some(&c) if c < 0x80 && ALNUM[c as usize] => {
                            h = (h ^ (c | 0x20) as u64).wrapping_mul(FNV_PRIME);
                            i += 1;
                        }
                        Some(&c) if c >= 0x80 && char_at(i).is_alphanumeric() => {
                            let c = char_at(i);
                            h = hash_char(h, c);
                            i += c.len_utf8();
                        }
                        _ => break,
                    }
                }
                // A joiner between two letters or digits stays in the word ("2.5", "don’t").
                let joiner = match b.get(i) {
                    Some(b'.' | b',' | b'\'') => 1,
                    Some(0xE2) if region[i..].starts_with('\u{2019}') => 3,
                    _ => 0,
                };
                if joiner > 0 && alnum_len(i + joiner) > 0 {
                    h = hash_char(h, char_at(i));
                    i += joiner;
                    continue;
                }
                break;
            }
            self.ids.push(mix(h));
            self.spans.push(((offset + start) as u32, (offset + i) as u32));
        }
    }

    /// `words` and `word_id` in one pass over ASCII text `b` that starts at `offset`: the same spans
    /// and ids. Within a word (letters, digits and the joiners `.`, `,`, `'`), setting bit 5 is
    /// `to_ascii_lowercase`.
    fn scan_ascii(&mut self, b: &[u8], offset: usize) {
        let n = b.len();
        let mut i = 0;
        loop {
            while i < n && !ALNUM[b[i] as usize] {
                i += 1;
            }
            if i == n {
                return;
            }
            let start = i;
            let mut h = FNV_OFFSET;
            loop {
                while i < n && ALNUM[b[i] as usize] {
                    h = (h ^ (b[i] | 0x20) as u64).wrapping_mul(FNV_PRIME);
                    i += 1;
                }
                // A joiner between two letters or digits stays in the word ("2.5", "don't").
                if i + 1 < n && matches!(b[i], b'.' | b',' | b'\'') && ALNUM[b[i + 1] as usize] {
                    h = (h ^ b[i] as u64).wrapping_mul(FNV_PRIME);
                    i += 1;
                    continue;
                }
                break;
            }
            self.ids.push(mix(h));
            self.spans.push(((offset + start) as u32, (offset + i) as u32));
        }
    }

    /// The words of `span` inside the already scanned `outer` range, or `None` when a word of
    /// `outer` straddles an end of `span` (the sentence must then be scanned on its own).
    fn within(&self, outer: std::ops::Range<usize>, span: Span) -> Option<std::ops::Range<usize>> {
        let ws = &self.spans[outer.clone()];
        let (start, end) = (span.start as u32, span.end as u32);
        let lo = ws.partition_point(|w| w.1 <= start);
        let hi = ws.partition_point(|w| w.0 < end);
        if ws.get(lo).is_some_and(|w| w.0 < start) || (hi > lo && ws[hi - 1].1 > end) {
            return None;
        }
        Some(outer.start + lo..outer.start + hi.max(lo))
    }
}

/// One passage searched for repeats.
struct Unit {
    span: Span,
    /// The paragraph it is (or lies in).
    para: usize,
    /// A whole paragraph that is a quotation: a candidate pull quote.
    quote: bool,
    /// Sentences in it (1 for a sentence). A one-sentence paragraph is compared with a longer one
    /// only at sentence level, where the match is exact or closer.
    sentences: usize,
    /// Its words in the [`Words`] store.
    range: std::ops::Range<usize>,
}

impl Unit {
    fn words(&self, w: &Words) -> Vec<Span> {
        w.spans[self.range.clone()].iter().map(|&(s, e)| Span::new(s as usize, e as usize)).collect()
    }
    fn ids<'a>(&self, w: &'a Words) -> &'a [u64] {
        &w.ids[self.range.clone()]
    }
    fn len(&self) -> usize {
        self.range.len()
    }
}

/// A repeat found among units (indices into the unit list).
struct Found {
    first: usize,
    repeat: usize,
    exact: bool,
    similarity: f64,
    runs: Option<Vec<Run>>,
}

fn mix(mut x: u64) -> u64 {
    // splitmix64's finalizer.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// `u8::is_ascii_alphanumeric` as a table: one load instead of two range tests per byte.
const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// FNV-1a's start and multiplier, for [`word_id`] and `Words::scan_ascii`.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// One character of a word into its FNV-1a hash, as `word_id` takes it.
fn hash_char(mut h: u64, c: char) -> u64 {
    let c = match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        c => c,
    };
    for l in c.to_lowercase() {
        h = (h ^ l as u64).wrapping_mul(FNV_PRIME);
    }
    h
}

/// A word's identity: case and quote style do not matter.
fn word_id(w: &str) -> u64 {
    let mut h = FNV_OFFSET;
    if w.is_ascii() {
        for b in w.bytes() {
            h = (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(FNV_PRIME);
        }
        return mix(h);
    }
    for c in w.chars() {
        h = hash_char(h, c);
    }
    mix(h)
}

/// Is the short unit `u` one of the [`FORMULAS`] with a few words around it? Only a unit with the
/// last word of some formula is searched for the phrases.
fn formulaic(text: &str, words: &Words, u: &Unit) -> bool {
    if u.len() > 14 {
        return false;
    }
    static LAST: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let last = LAST.get_or_init(|| FORMULAS.iter().filter_map(|f| f.rsplit(' ').next()).map(word_id).collect());
    if !u.ids(words).iter().any(|id| last.contains(id)) {
        return false;
    }
    let lower = u.span.slice(text).to_lowercase();
    FORMULAS.iter().any(|f| lower.contains(f) && u.len() <= f.split(' ').count() + FORMULA_REST)
}

/// The MinHash signature of the word pairs of `ids`. Each pair is hashed once; the [`K`]
/// permutations are derived from that hash by an xor and a multiplication with per-slot odd
/// constants, a loop the compiler runs on vector lanes (on x86-64 with AVX2 where the processor
/// has it: the same figures, eight lanes of 32 bits with a multiply and a minimum of their own).
/// Out of line in wasm, where it would be inlined into `pairs`' loop over all passages: V8 takes a
/// function's optimized code only at its next call, so the first analysis would compute every
/// signature in unoptimized code. (Natively it calls `signature_avx2`, out of line anyway.)
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn signature(ids: &[u64], sig: &mut [u32; K]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2 (checked just above), all that `signature_avx2` needs.
        return unsafe { signature_avx2(ids, sig) };
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return signature_simd128(ids, sig);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    signature_lanes(ids, sig)
}

/// `signature_lanes` in wasm SIMD, slots outside and pairs inside: the pairs' hashes of a chunk
/// first, then each group of 16 slots runs over them with its constants and minima held in
/// registers. (The compiler's loop, pairs outside, keeps all 64 minima and builds the 128
/// constants for every pair: V8 has 16 vector registers and makes a `v128.const` in several
/// instructions.) A minimum does not depend on the order its values come in: the same figures.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn signature_simd128(ids: &[u64], sig: &mut [u32; K]) {
    use core::arch::wasm32::*;
    const CHUNK: usize = 64;
    let mut mins = [u32x4_splat(u32::MAX); K / 4];
    let mut xs = [0u32; CHUNK];
    let pairs = ids.len().saturating_sub(1).max(ids.len().min(1));
    let mut done = 0;
    while done < pairs {
        let n = (pairs - done).min(CHUNK);
        for (j, x) in xs[..n].iter_mut().enumerate() {
            let s = match ids.len() {
                1 => ids[0],
                _ => mix(ids[done + j] ^ ids[done + j + 1].rotate_left(17)),
            };
            *x = (s >> 32) as u32 ^ s as u32;
        }
        for (g, m) in mins.chunks_exact_mut(4).enumerate() {
            let slot = |k: usize, table: &[u32; K]| {
                let at = 16 * g + 4 * k;
                u32x4(table[at], table[at + 1], table[at + 2], table[at + 3])
            };
            let seeds = [slot(0, &SEEDS), slot(1, &SEEDS), slot(2, &SEEDS), slot(3, &SEEDS)];
            let muls = [slot(0, &MULS), slot(1, &MULS), slot(2, &MULS), slot(3, &MULS)];
            let mut acc = [m[0], m[1], m[2], m[3]];
            for &x in &xs[..n] {
                let x = u32x4_splat(x);
                for k in 0..4 {
                    let v = i32x4_mul(v128_xor(x, seeds[k]), muls[k]);
                    acc[k] = u32x4_min(acc[k], v128_xor(v, u32x4_shr(v, 15)));
                }
            }
            m.copy_from_slice(&acc);
        }
        done += n;
    }
    for (k, m) in mins.iter().enumerate() {
        sig[4 * k..4 * k + 4].copy_from_slice(&[
            u32x4_extract_lane::<0>(*m),
            u32x4_extract_lane::<1>(*m),
            u32x4_extract_lane::<2>(*m),
            u32x4_extract_lane::<3>(*m),
        ]);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn signature_avx2(ids: &[u64], sig: &mut [u32; K]) {
    signature_lanes(ids, sig)
}

#[cfg_attr(all(target_arch = "wasm32", target_feature = "simd128"), allow(dead_code))]
#[inline(always)]
fn signature_lanes(ids: &[u64], sig: &mut [u32; K]) {
    *sig = [u32::MAX; K];
    let mut hash = |s: u64| {
        let x = (s >> 32) as u32 ^ s as u32;
        for k in 0..K {
            let v = (x ^ SEEDS[k]).wrapping_mul(MULS[k]);
            sig[k] = sig[k].min(v ^ (v >> 15));
        }
    };
    if ids.len() < 2 {
        ids.iter().for_each(|&id| hash(id));
    } else {
        ids.windows(2).for_each(|w| hash(mix(w[0] ^ w[1].rotate_left(17))));
    }
}

/// Per-slot constants of the derived permutations: `SEEDS` xored in, `MULS` (odd) multiplied.
const SEEDS: [u32; K] = slot_constants(0x9e37_79b9_7f4a_7c15, false);
const MULS: [u32; K] = slot_constants(0xd1b5_4a32_d192_ed03, true);

const fn slot_constants(seed: u64, odd: bool) -> [u32; K] {
    let mut s = [0u32; K];
    let mut x: u64 = seed;
    let mut i = 0;
    while i < K {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        s[i] = ((z ^ (z >> 31)) >> 32) as u32 | odd as u32;
        i += 1;
    }
    s
}

/// Signatures computed so far, shared by both levels: a one-sentence paragraph and its sentence
/// have the same words and get one signature.
/// Signatures keep the low 16 bits of each minimum (b-bit MinHash): two different minima agree by
/// chance once in 65,536 slots, which moves no estimate that matters, and the store is half the size.
#[derive(Default)]
struct Signatures {
    sigs: Vec<[u16; K]>,
    /// Word range (start << 32 | end, mixed: the map takes a key as its hash, and its top bits,
    /// which the map compares first, would otherwise be 0 for every range) to index in `sigs`.
    of_range: FastMap<u64, u32>,
}

impl Signatures {
    fn get(&mut self, words: &Words, range: &std::ops::Range<usize>) -> usize {
        let key = mix((range.start as u64) << 32 | range.end as u64);
        if let Some(&at) = self.of_range.get(&key) {
            return at as usize;
        }
        let mut sig = [0u32; K];
        signature(&words.ids[range.clone()], &mut sig);
        self.sigs.push(sig.map(|v| v as u16));
        self.of_range.insert(key, (self.sigs.len() - 1) as u32);
        self.sigs.len() - 1
    }
}

/// Is the shorter side a pull quote wholly contained, in order, in the other?
fn contained_quote(units: &[Unit], a: usize, b: usize, runs: &[Run]) -> bool {
    if !quote_pair(units, a, b) {
        return false;
    }
    let (q, q_is_a) = if units[a].quote && !units[b].quote {
        (a, true)
    } else if units[b].quote && !units[a].quote {
        (b, false)
    } else {
        return false;
    };
    let equal: usize = runs.iter().filter(|r| r.op == Op::Equal).map(|r| r.a.len()).sum();
    // Every word of the quote is matched, and the matched words form one run.
    let quote_side_changes = runs.iter().any(|r| if q_is_a { r.op == Op::Delete } else { r.op == Op::Insert });
    equal == units[q].len() && !quote_side_changes && runs.iter().filter(|r| r.op == Op::Equal).count() == 1
}

/// Two passages that share a frame but say different things: "Children ride the carousel at the
/// festival on Saturday, Sept. 20, 2025." and "Families tour the orchard at the festival on
/// Saturday, Sept. 20, 2025." (gallery captions with one dateline). Their changes form one block of
/// at least three words on each side, a fifth of the shorter passage or more, with at most one
/// unchanged word for every three changed inside it. A reworded repeat changes a word or a fact
/// here and there instead. Such pairs stay under a similarity of 0.8.
fn new_content_in_frame(runs: &[Run], la: usize, lb: usize) -> bool {
    let changed = |r: &Run| r.op != Op::Equal;
    let (Some(first), Some(last)) = (runs.iter().position(changed), runs.iter().rposition(changed)) else {
        return false;
    };
    let sum = |op: Op| runs.iter().filter(|r| r.op == op).map(|r| r.a.len().max(r.b.len())).sum::<usize>();
    let least = sum(Op::Delete).min(sum(Op::Insert));
    let inside: usize = runs[first..=last].iter().filter(|r| r.op == Op::Equal).map(|r| r.a.len()).sum();
    least >= 3 && least * 5 >= la.min(lb) && inside * 3 <= least
}

/// Exactly one of the two is a whole-paragraph quotation (a pull quote may then be contained in
/// the other at any similarity).
fn quote_pair(units: &[Unit], a: usize, b: usize) -> bool {
    units[a].quote != units[b].quote
}

/// Exact then near repeats among `units` (each one a candidate: long enough, not formulaic), each
/// later unit paired with at most one earlier one.
fn pairs(words: &Words, sigs: &mut Signatures, units: &[Unit], threshold: f64) -> Vec<Found> {
    let mut found = Vec::new();
    let mut first_of: FastMap<u64, usize> = FastMap::default();
    let mut reps: Vec<usize> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let ids = u.ids(words);
        // The ids are hashes already: a multiply-add per id (a short dependency chain), then one
        // mix for the map, which uses the key as its hash.
        let key = mix(ids.iter().fold(0x51_7cc1_b727_220a_u64, |h, &id| h.wrapping_mul(0x100_0000_01b3).wrapping_add(id)));
        match first_of.get(&key) {
            Some(&f) if units[f].ids(words) == ids => {
                found.push(Found { first: f, repeat: i, exact: true, similarity: 1.0, runs: None })
            }
            _ => {
                first_of.entry(key).or_insert(i);
                reps.push(i);
            }
        }
    }
    // LSH buckets, as chains: for each band, `prev[r * BANDS + band]` is the latest earlier passage
    // (a rank in `reps`) with the same band key. A passage that
    // is not indexed (a close repeat) is unlinked the first time a walk meets it. Far smaller
    // than a hash map of buckets (4 bytes per passage and band), and no hashing per probe.
    let n = reps.len();
    let mut sig_at: Vec<u32> = vec![u32::MAX; units.len()];
    sigs.sigs.reserve_exact(n);
    for &i in &reps {
        sig_at[i] = sigs.get(words, &units[i].range) as u32;
    }
    let mut prev: Vec<u32> = vec![u32::MAX; n * BANDS];
    // One band at a time: an open-addressing table of (band value, latest rank) of twice the passages.
    let slots = (2 * n).next_power_of_two().max(2);
    let mut latest: Vec<(u32, u32)> = vec![(0, u32::MAX); slots];
    // Each passage's band values, band by band: each signature read once, in order, and each
    // band's values then read in order too (a band at a time over the signatures would read two
    // of each signature's 128 bytes per pass).
    let mut bands = vec![0u32; n * BANDS];
    for (r, &i) in reps.iter().enumerate() {
        let sig = &sigs.sigs[sig_at[i] as usize];
        for b in 0..BANDS {
            bands[b * n + r] = (sig[b * ROWS] as u32) << 16 | sig[b * ROWS + 1] as u32;
        }
    }
    for (b, values) in bands.chunks_exact(n.max(1)).enumerate().take(BANDS) {
        link_band(b, values, &mut latest, &mut prev);
    }
    drop(bands);
    drop(latest);
    let mut indexed = vec![false; n];
    let mut seen: Vec<u32> = vec![u32::MAX; units.len()];
    let mut ranked: Vec<(usize, usize)> = Vec::new();
    for (r, &i) in reps.iter().enumerate() {
        let chains = Chains { reps: &reps, indexed: &indexed, sigs: &sigs.sigs, sig_at: &sig_at };
        chains.candidates(r, i, units, &mut prev, &mut seen, &mut ranked);
        let best = best_of(i, &ranked, units, words, threshold);
        // A close repeat is not indexed, as an exact one is not: later copies find the earlier
        // version. Keeps the buckets small when a text repeats itself many times.
        let close = best.as_ref().is_some_and(|(sim, _, _)| *sim >= CLOSE);
        if let Some((similarity, first, runs)) = best {
            let runs = runs.or_else(|| diff::diff(units[first].ids(words), units[i].ids(words), diff::MAX_CELLS));
            found.push(Found { first, repeat: i, exact: false, similarity, runs });
        }
        indexed[r] = !close;
    }
    found
}

// The steps of `pairs` below are functions of their own, called once per band or per passage,
// and kept out of line: a WebAssembly engine that first runs a function unoptimized (V8's
// Liftoff) switches to the optimized code only at the next call, never inside a running loop.
// Under Node, on 2.81 MB never seen, `pairs` and its steps took 81-93 ms of the first run,
// against 97 ms with the steps inlined (a small gain, near the noise).

// A band's value is its two 16-bit hashes.
const _: () = assert!(ROWS == 2);

/// Band `b` of the LSH chains: `prev[r * BANDS + b]` gets the latest earlier rank with the same
/// band value (the band's two hashes) as rank `r` (`values[r]`); `latest` is the
/// open-addressing table of (band value, latest rank), its size a power of two, placed by the top
/// bits of the value times an odd constant (Fibonacci hashing: one multiply, and it spreads the
/// values well although, as minima of hashes, they lean towards small numbers). The table keeps
/// the value itself: eight bytes a slot.
#[inline(never)]
fn link_band(b: usize, values: &[u32], latest: &mut [(u32, u32)], prev: &mut [u32]) {
    let slots = latest.len();
    debug_assert!(slots.is_power_of_two() && slots >= 2);
    let shift = 64 - slots.trailing_zeros();
    latest.fill((0, u32::MAX));
    for (r, &value) in values.iter().enumerate() {
        let mut h = ((value as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
        loop {
            let slot = &mut latest[h];
            if slot.1 == u32::MAX {
                *slot = (value, r as u32);
                break;
            }
            if slot.0 == value {
                prev[r * BANDS + b] = slot.1;
                slot.1 = r as u32;
                break;
            }
            h = (h + 1) & (slots - 1);
        }
    }
}

/// What the walk along the LSH chains reads: the passages searched for near repeats (`reps`,
/// by rank), whether each is indexed, and their signatures.
struct Chains<'a> {
    reps: &'a [usize],
    indexed: &'a [bool],
    sigs: &'a [[u16; K]],
    sig_at: &'a [u32],
}

impl Chains<'_> {
    /// The earlier passages that share a band with passage `i` (rank `r`) and whose signatures
    /// agree enough, into `ranked` as (agreeing hashes, unit): the latest indexed entries of each
    /// band's chain. A passage that is not indexed (a close repeat) is unlinked the first time a
    /// walk meets it.
    #[inline(never)]
    fn candidates(
        &self,
        r: usize,
        i: usize,
        units: &[Unit],
        prev: &mut [u32],
        seen: &mut [u32],
        ranked: &mut Vec<(usize, usize)>,
    ) {
        ranked.clear();
        // Most passages share no band with an earlier one: their links are all empty, which one
        // pass over them (an AND of 32 words, vectorized) tells.
        let links = &prev[r * BANDS..(r + 1) * BANDS];
        if links.iter().fold(u32::MAX, |all, &p| all & p) == u32::MAX {
            return;
        }
        let sig = &self.sigs[self.sig_at[i] as usize];
        // The latest indexed passages of each band's chain, newest first (`u32::MAX` fills the rest).
        let mut earlier = [[u32::MAX; BUCKET_CAP]; BANDS];
        for (b, bucket) in earlier.iter_mut().enumerate() {
            let mut link = r * BANDS + b;
            let mut taken = 0;
            while taken < BUCKET_CAP {
                let p = prev[link];
                if p == u32::MAX {
                    break;
                }
                if self.indexed[p as usize] {
                    bucket[taken] = self.reps[p as usize] as u32;
                    taken += 1;
                    link = p as usize * BANDS + b;
                } else {
                    prev[link] = prev[p as usize * BANDS + b];
                }
            }
        }
        for bucket in &earlier {
            for &c in bucket {
                if c == u32::MAX {
                    break;
                }
                let c = c as usize;
                if seen[c] == i as u32 {
                    continue;
                }
                seen[c] = i as u32;
                if (units[c].sentences == 1) != (units[i].sentences == 1) {
                    continue;
                }
                let other = &self.sigs[self.sig_at[c] as usize];
                // (A sum of 0s and 1s, which the compiler turns into vector compares.)
                let agree: u32 = sig.iter().zip(other.iter()).map(|(x, y)| (x == y) as u32).sum();
                let agree = agree as usize;
                if (agree as f64) >= MIN_AGREEMENT * K as f64 {
                    ranked.push((agree, c));
                }
            }
        }
        // The most similar signatures first, then the earliest passage.
        ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    }
}

/// The candidate (from `ranked`, best first) that passage `i` repeats, if any: its similarity,
/// its unit and, when they were needed to decide, the runs of their word diff. The words in
/// common are counted first; the runs are built for the best candidate only.
#[inline(never)]
fn best_of(
    i: usize,
    ranked: &[(usize, usize)],
    units: &[Unit],
    words: &Words,
    threshold: f64,
) -> Option<(f64, usize, Option<Vec<Run>>)> {
    let mut best: Option<(f64, usize, Option<Vec<Run>>)> = None;
    for &(_, c) in ranked.iter().take(MAX_DIFFS) {
        let (a, b) = (units[c].ids(words), units[i].ids(words));
        let bar = if units[c].sentences == 1 && units[i].sentences == 1 { NEAR_THRESHOLD } else { threshold };
        let quotes = quote_pair(units, c, i);
        // The similarity cannot exceed what the lengths allow.
        let bound = 2.0 * a.len().min(b.len()) as f64 / (a.len() + b.len()).max(1) as f64;
        if !quotes && (bound < bar || best.as_ref().is_some_and(|(s, _, _)| bound <= *s)) {
            continue;
        }
        let Some(equal) = diff::common(a, b, diff::MAX_CELLS) else {
            continue;
        };
        let sim = 2.0 * equal as f64 / (a.len() + b.len()).max(1) as f64;
        if best.as_ref().is_some_and(|(s, _, _)| sim <= *s) {
            continue;
        }
        if sim >= bar {
            // Only a low similarity leaves room for a block of new content.
            if sim <= 0.81 {
                let runs = diff::diff(a, b, diff::MAX_CELLS).unwrap_or_default();
                if !new_content_in_frame(&runs, a.len(), b.len()) {
                    best = Some((sim, c, Some(runs)));
                }
            } else {
                best = Some((sim, c, None));
            }
        } else if quotes {
            let runs = diff::diff(a, b, diff::MAX_CELLS).unwrap_or_default();
            if contained_quote(units, c, i, &runs) {
                best = Some((sim, c, Some(runs)));
            }
        }
    }
    best
}

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];
const MAGNITUDES: &[&str] = &[
    "million", "billion", "trillion", "thousand", "hundred", "percent", "per", "cent", "dollars", "euros", "pounds",
    "yen", "bn", "mn", "m", "k",
];

/// Is the word at `s` one of `list` (lower case), ignoring case, without allocating?
fn one_of(text: &str, s: Span, list: &[&str]) -> bool {
    let w = s.slice(text);
    list.iter().any(|m| m.eq_ignore_ascii_case(w))
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Widen a changed run of words to the whole fact: a currency sign before it, a month beside a
/// day, a magnitude ("billion") or a percent sign after it.
fn widen(text: &str, words: &[Span], run: std::ops::Range<usize>) -> Span {
    let (mut s, mut e) = (run.start, run.end);
    if s > 0 && one_of(text, words[s - 1], MONTHS) {
        s -= 1;
    }
    while e < words.len() && e < run.end + 2 && one_of(text, words[e], MAGNITUDES) {
        e += 1;
    }
    if e < words.len() && e == run.end && one_of(text, words[e], MONTHS) {
        e += 1;
    }
    let mut start = words[s].start;
    let mut end = words[e - 1].end;
    let before = &text[..start];
    if let Some(c) = before.chars().next_back() {
        if matches!(c, '$' | '€' | '£' | '¥' | '₹') {
            start -= c.len_utf8();
        }
    }
    if text[end..].starts_with('%') {
        end += 1;
    }
    Span::new(start, end)
}

/// The kind of fact a replaced run changes, or `None` for an ordinary word change.
fn fact_kind(
    text: &str,
    wa: &[Span],
    ra: &std::ops::Range<usize>,
    wb: &[Span],
    rb: &std::ops::Range<usize>,
) -> Option<&'static str> {
    // The changed words of each side and the words around them (one more on each side), read in
    // place without copies.
    let word = |w: &Span| w.slice(text);
    let around = |words: &'_ [Span], r: &std::ops::Range<usize>| {
        let (lo, hi) = (r.start.saturating_sub(1), (r.end + 1).min(words.len()));
        (lo, hi)
    };
    let (ia, ib) = (&wa[ra.clone()], &wb[rb.clone()]);
    let ((la, ha), (lb, hb)) = (around(wa, ra), around(wb, rb));
    let (xa, xb) = (&wa[la..ha], &wb[lb..hb]);
    let is_month = |w: &Span| one_of(text, *w, MONTHS);
    let digits = ia.iter().chain(ib).any(|w| word(w).bytes().any(|c| c.is_ascii_digit()));
    let datey = |inner: &[Span], around: &[Span]| {
        inner.iter().any(|w| is_year(word(w)) || is_month(w)) || around.iter().any(is_month)
    };
    let money = |words: &[Span], r: &std::ops::Range<usize>, around: &[Span]| {
        let before = text[..words[r.start].start].chars().next_back();
        let after = text[words[r.end - 1].end..].chars().next();
        matches!(before, Some('$' | '€' | '£' | '¥' | '₹'))
            || after == Some('%')
            || around.iter().any(|w| {
                one_of(text, *w, &["million", "billion", "trillion", "percent", "dollars", "euros", "pounds"])
            })
    };
    if digits {
        if money(wa, ra, xa) || money(wb, rb, xb) {
            return Some("amount");
        }
        if datey(ia, xa) || datey(ib, xb) {
            return Some("date");
        }
        let timey = |around: &[Span]| around.iter().any(|w| one_of(text, *w, &["a.m", "p.m", "am", "pm", "gmt", "utc"]));
        if timey(xa) || timey(xb) {
            return Some("time");
        }
        return Some("number");
    }
    if ia.iter().chain(ib).any(is_month) {
        return Some("date");
    }
    let capitalized = |ws: &[Span], r: &std::ops::Range<usize>| {
        r.start > 0 && ws.iter().all(|w| word(w).chars().next().is_some_and(char::is_uppercase))
    };
    if capitalized(ia, ra) && capitalized(ib, rb) {
        return Some("name");
    }
    None
}

/// Facts that differ between the two versions: each deletion directly replaced by an insertion.
fn conflicts(text: &str, a: &[Span], b: &[Span], runs: &[Run]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for w in runs.windows(2) {
        if w[0].op == Op::Delete && w[1].op == Op::Insert {
            if let Some(kind) = fact_kind(text, a, &w[0].a, b, &w[1].b) {
                out.push(Conflict {
                    kind,
                    first: widen(text, a, w[0].a.clone()),
                    repeat: widen(text, b, w[1].b.clone()),
                });
            }
        }
    }
    out
}

fn runs_to_ops(text: &str, a: &[Span], b: &[Span], runs: &[Run]) -> Vec<DiffOp> {
    let cover = |words: &[Span], r: &std::ops::Range<usize>| {
        Span::new(words[r.start].start, words[r.end - 1].end).slice(text).to_string()
    };
    runs.iter()
        .map(|r| match r.op {
            Op::Equal => DiffOp::Equal(cover(b, &r.b)),
            Op::Delete => DiffOp::Delete(cover(a, &r.a)),
            Op::Insert => DiffOp::Insert(cover(b, &r.b)),
        })
        .collect()
}

/// Does `span` overlap any of the sorted, disjoint `junk` spans?
fn overlaps(junk: &[Span], span: Span) -> bool {
    let i = junk.partition_point(|j| j.end <= span.start);
    junk.get(i).is_some_and(|j| j.overlaps(&span))
}

fn report(text: &str, words: &Words, units: &[Unit], found: Vec<Found>, level: Level, out: &mut Vec<Duplicate>) {
    let mut class_size: FastMap<usize, usize> = FastMap::default();
    for f in &found {
        *class_size.entry(f.first).or_insert(1) += 1;
    }
    for f in found {
        let (a, b) = (&units[f.first], &units[f.repeat]);
        let pull_quote = (a.quote != b.quote) && class_size[&f.first] == 2;
        let (wa, wb) = (a.words(words), b.words(words));
        let (wa, wb) = (wa.as_slice(), wb.as_slice());
        let (diff, conflicts) = match &f.runs {
            Some(runs) => {
                (Some(runs_to_ops(text, wa, wb, runs)), if pull_quote { Vec::new() } else { conflicts(text, wa, wb, runs) })
            }
            None => (None, Vec::new()),
        };
        out.push(Duplicate {
            kind: if f.exact { DuplicateKind::Exact } else { DuplicateKind::Near },
            level,
            similarity: f.similarity,
            first: a.span,
            repeat: b.span,
            diff,
            conflicts,
            pull_quote,
        });
    }
}

/// Repeats among `paragraphs` and `sentences` of `text`, leaving out everything in `junk`;
/// ordered by where the repeat stands.
pub fn find(text: &str, paragraphs: &[Paragraph], sentences: &[Sentence], junk: &[Boilerplate]) -> Vec<Duplicate> {
    if text.len() > u32::MAX as usize {
        return Vec::new();
    }
    let mut junk_spans: Vec<Span> = junk.iter().map(|b| b.span).collect();
    junk_spans.sort();
    let mut out = Vec::new();
    let mut per_para = vec![0usize; paragraphs.len()];
    for s in sentences {
        if let Some(c) = per_para.get_mut(s.paragraph) {
            *c += 1;
        }
    }

    // Room for the words of prose (about one per six bytes) from the start: the store is not
    // copied over and over as it grows.
    let mut words = Words::with_capacity(text.len() / 6 + 16);
    let mut sigs = Signatures::default();
    // Where each searched paragraph's words sit in the store.
    // (As u32, a word per byte at most: the text is under 4 GiB, checked above. Twelve bytes a
    // paragraph, not 24: a text of one-word lines has a paragraph every few bytes.)
    let mut para_words: Vec<Option<std::ops::Range<u32>>> = vec![None; paragraphs.len()];
    // Only the passages that can be repeats are kept as units (`pairs` never looks at the
    // others): a text of short lines does not hold a unit per line, twice.
    let eligible = |words: &Words, u: &Unit| u.len() >= MIN_WORDS && !formulaic(text, words, u);
    let mut para_units: Vec<Unit> = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.iter().enumerate() {
        if p.kind == ParagraphKind::Boilerplate || overlaps(&junk_spans, p.span) {
            continue;
        }
        let range = words.scan(text, p.span);
        para_words[i] = Some(range.start as u32..range.end as u32);
        let unit = Unit { span: p.span, para: i, quote: p.kind == ParagraphKind::Quote, sentences: per_para[i], range };
        if eligible(&words, &unit) {
            para_units.push(unit);
        }
    }
    let found = pairs(&words, &mut sigs, &para_units, PARAGRAPH_THRESHOLD);
    // Paragraphs already reported as repeats (both sides of a pull quote stay searchable).
    let mut repeated = vec![false; paragraphs.len()];
    for f in &found {
        repeated[para_units[f.repeat].para] = true;
    }
    report(text, &words, &para_units, found, Level::Paragraph, &mut out);

    let mut sent_units: Vec<Unit> = Vec::with_capacity(sentences.len());
    for s in sentences {
        if repeated.get(s.paragraph).copied().unwrap_or(false) || overlaps(&junk_spans, s.span) {
            continue;
        }
        let Some(p) = paragraphs.get(s.paragraph).filter(|p| p.kind != ParagraphKind::Boilerplate) else {
            continue;
        };
        // The sentence's share of its paragraph's words, or its own scan when a word straddles its ends.
        let outer = para_words[s.paragraph].clone().map(|r| r.start as usize..r.end as usize);
        let shared = outer.and_then(|outer| words.within(outer, s.span));
        let range = shared.unwrap_or_else(|| words.scan(text, s.span));
        let quote = p.kind == ParagraphKind::Quote && s.span == p.span;
        let unit = Unit { span: s.span, para: s.paragraph, quote, sentences: 1, range };
        if eligible(&words, &unit) {
            sent_units.push(unit);
        }
    }
    let found = pairs(&words, &mut sigs, &sent_units, NEAR_THRESHOLD);
    // A single-sentence paragraph repeated as a paragraph is already reported at that level.
    let found: Vec<Found> = found
        .into_iter()
        .filter(|f| {
            let (a, b) = (&sent_units[f.first], &sent_units[f.repeat]);
            !(a.span == paragraphs[a.para].span && b.span == paragraphs[b.para].span && repeated[b.para])
        })
        .collect();
    report(text, &words, &sent_units, found, Level::Sentence, &mut out);
    out.sort_by_key(|d| (d.repeat.start, d.first.start));
    out.shrink_to_fit();
    out
}

/// The span a reader would drop from a pair: the standalone copy of a pull quote, otherwise the
/// later version.
pub fn dropped(d: &Duplicate, paragraphs: &[Paragraph]) -> Span {
    if d.pull_quote {
        let whole = |s: Span| paragraphs.iter().any(|p| p.span == s && p.kind == ParagraphKind::Quote);
        if whole(d.first) && !whole(d.repeat) {
            return d.first;
        }
    }
    d.repeat
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};

    /// `Words::scan` (`scan_ascii` on ASCII text, `scan_mixed` on the rest) gives the spans and ids
    /// of `words` and `word_id`.
    #[test]
    fn scans_are_the_general_words() {
        use proptest::prelude::*;
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000))
            .run(&"[aZ09.,' \n-]{0,40}|[aZ09.,' \n\u{2019}\u{2018}\u{2bc}\u{e9}\u{c9}\u{df}\u{130}\u{3a3}\u{416}\u{a0}\u{2014}\u{4e2d}-]{0,40}", |t| {
                let mut w = Words::default();
                let range = w.scan(&t, Span::new(0, t.len()));
                let mut spans = Vec::new();
                words(&t, Span::new(0, t.len()), &mut spans);
                let ids: Vec<u64> = spans.iter().map(|s| word_id(s.slice(&t))).collect();
                let spans: Vec<(u32, u32)> = spans.iter().map(|s| (s.start as u32, s.end as u32)).collect();
                prop_assert_eq!(&w.spans[range.clone()], &spans[..]);
                prop_assert_eq!(&w.ids[range], &ids[..]);
                Ok(())
            })
            .unwrap();
    }

    /// Each repeat as `kind level: repeat text`, with ` [pull quote]` and ` {kind first->repeat}` for conflicts.
    fn check(input: &str, expected: &[&str]) {
        let r = analyze(input, &Options::default());
        let got: Vec<String> = r
            .duplicates
            .iter()
            .map(|d| {
                let kind = if d.kind == DuplicateKind::Exact { "exact" } else { "near" };
                let level = if d.level == Level::Paragraph { "paragraph" } else { "sentence" };
                let mut s = format!("{kind} {level}: {}", d.repeat.slice(input));
                if d.pull_quote {
                    s.push_str(" [pull quote]");
                }
                for c in &d.conflicts {
                    s.push_str(&format!(" {{{} {}->{}}}", c.kind, c.first.slice(input), c.repeat.slice(input)));
                }
                s
            })
            .collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn repeats() {
        let cases: &[(&str, &[&str])] = &[
            // An exact paragraph pasted twice, case and quotes aside.
            (
                "The bridge will close for repairs on Monday morning.\n\nTraffic will move to Elm Street.\n\nThe Bridge will close for repairs on Monday morning!",
                &["exact paragraph: The Bridge will close for repairs on Monday morning!"],
            ),
            // A sentence standing again as its own paragraph.
            (
                "Crews worked through the night. The water main burst near the old library at dawn. Nobody was hurt.\n\nThe water main burst near the old library at dawn.",
                &["exact sentence: The water main burst near the old library at dawn."],
            ),
            // A reworded sentence with an amount changed.
            (
                "The state will lend the city $2.5 billion over ten years. Repairs start soon.\n\nOfficials were pleased. The state will lend the city $2.6 billion over ten years.",
                &["near sentence: The state will lend the city $2.6 billion over ten years. {amount $2.5 billion->$2.6 billion}"],
            ),
            // A date and a name changed.
            (
                "The hearing is set for October 3 before Judge Alma Ruiz in the county court.\n\nThe hearing is set for October 13 before Judge Alma Ortiz in the county court.",
                &["near paragraph: The hearing is set for October 13 before Judge Alma Ortiz in the county court. {date October 3->October 13} {name Ruiz->Ortiz}"],
            ),
            // Formulaic and short sentences are natural repetition.
            (
                "He added. The mayor spoke first.\n\nHe added.\n\nCastellano did not respond to a request for comment.\n\nWhitaker did not respond to a request for comment.",
                &[],
            ),
            // A pull quote: the quotation alone, and inside the paragraph.
            (
                "\u{201C}We will rebuild every house on this street, one by one,\u{201D} Mayor Castellano said on Friday. The crowd cheered.\n\n\u{201C}We will rebuild every house on this street, one by one.\u{201D}",
                &["near sentence: \u{201C}We will rebuild every house on this street, one by one.\u{201D} [pull quote]"],
            ),
            // Distinct sentences of the same template are not repeats.
            (
                "Daniel Ortiz, 45, of Portland, was charged with assault.\n\nMaria Chen, 32, of Salem, was charged with theft.",
                &[],
            ),
            // Captions of two photos sharing a dateline (23_harvest_gallery): a frame, not a repeat.
            (
                "Children ride the carousel at the Millbrook Harvest Festival on Saturday, Sept. 20, 2025.\n\nFamilies tour the orchard at the Millbrook Harvest Festival on Saturday, Sept. 20, 2025.",
                &[],
            ),
            // Three words changed in a long sentence is still a reworded repeat.
            (
                "The county will repave Route 9 between the bridge and the school before the end of the summer, officials said.\n\nThe county will repave Route 9 between the old mill and the school before the end of the summer, officials said.",
                &["near paragraph: The county will repave Route 9 between the old mill and the school before the end of the summer, officials said."],
            ),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }
}
