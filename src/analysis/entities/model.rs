//! The name tagger's model: a hashed table of per-tag weights (an averaged perceptron trained by
//! `lede train ner`, quantized to one byte per weight) and its decoders (Viterbi with a beam, or
//! greedy left to right) with BIO constraints. The shipped weights are src/data/ner_weights.bin (see its header banner),
//! embedded packed (`crate::pack`).

use std::sync::OnceLock;

use super::features::{
    allowed, at, next_features, prev_features, shape_context_features, shape_context_key,
    transition_features, unigram_features, unigram_key, word_context_hashes, word_tag_hashes, TokInfo, NTAGS,
};
use super::gazetteer::IdHashMap;

/// First bytes of a weights file; the banner line follows and ends with `\n`.
pub const MAGIC: &[u8] = b"LEDE-NER1\n";

/// A hashed weight table: row `bucket(feature)` holds one weight per tag.
pub struct Model {
    bits: u32,
    /// One row per bucket.
    rows: Vec<[i8; NTAGS]>,
    /// Scores of the transition features for each (previous tag, tag before it), summed once.
    transitions: Vec<[i32; NTAGS]>,
    /// Scores of the padding before a sentence as the previous token (by the capital flag of
    /// the first token), then of the padding after it as the next token.
    pads: [[i32; NTAGS]; 4],
}

impl Model {
    /// A model that tags nothing (used when the weights file is missing or damaged).
    pub fn empty() -> Model {
        Model { bits: 1, rows: vec![[0; NTAGS]; 2], transitions: vec![[0; NTAGS]; NTAGS * NTAGS], pads: [[0; NTAGS]; 4] }
    }

    /// Build from raw weights (`2^bits` rows of `NTAGS`).
    pub fn from_weights(bits: u32, weights: Vec<i8>) -> Model {
        if bits == 0 || bits > 30 || weights.len() != (1usize << bits) * NTAGS {
            return Model::empty();
        }
        let rows = weights
            .chunks_exact(NTAGS)
            .map(|w| {
                let mut r = [0i8; NTAGS];
                r.copy_from_slice(w);
                r
            })
            .collect();
        let mut m = Model { bits, rows, transitions: Vec::new(), pads: [[0; NTAGS]; 4] };
        let mut feats = Vec::new();
        for prev in 0..NTAGS {
            for prev2 in 0..NTAGS {
                feats.clear();
                transition_features(prev, prev2, &mut feats);
                let t = m.sum(&feats);
                m.transitions.push(t);
            }
        }
        m.pads = [m.pad_scores(true, 0), m.pad_scores(true, 1), m.pad_scores(false, 0), m.pad_scores(false, 1)];
        m
    }

    /// Parse a weights file: `MAGIC`, a banner line, one byte `bits`, one byte `NTAGS`, then
    /// the table. Anything else yields the empty model.
    pub fn parse(data: &[u8]) -> Model {
        let Some(rest) = data.strip_prefix(MAGIC) else { return Model::empty() };
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else { return Model::empty() };
        let rest = &rest[nl + 1..];
        if rest.len() < 2 || rest[1] as usize != NTAGS {
            return Model::empty();
        }
        let bits = rest[0] as u32;
        let table: Vec<i8> = rest[2..].iter().map(|&b| b as i8).collect();
        Model::from_weights(bits, table)
    }

    /// The shipped model, parsed once.
    pub fn builtin() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::parse(&crate::pack::ner_weights()))
    }

    pub fn is_empty(&self) -> bool {
        self.bits <= 1
    }

    #[inline(always)]
    fn add(&self, feature: u64, scores: &mut [i32; NTAGS]) {
        let w = &self.rows[(feature >> (64 - self.bits)) as usize];
        for k in 0..NTAGS {
            scores[k] += w[k] as i32;
        }
    }

    fn sum(&self, feats: &[u64]) -> [i32; NTAGS] {
        let mut scores = [0i32; NTAGS];
        for &h in feats {
            self.add(h, &mut scores);
        }
        scores
    }

    /// Scores of the prev/next features of a padding token past the start or the end of a
    /// sentence, by the current token's capital flag.
    fn pad_scores(&self, before: bool, cap: u32) -> [i32; NTAGS] {
        let mut feats = Vec::new();
        if before {
            prev_features(&at(&[], 0, -1), cap, &mut feats);
        } else {
            next_features(&at(&[], 0, 0), cap, &mut feats);
        }
        self.sum(&feats)
    }

    /// The scores of token `i` that do not depend on earlier tags, but for the word-context
    /// part ([`Model::context_scores`]). `ids[k]` is the cache entry
    /// of token `k`: the word's own features and its features as a neighbour are summed once
    /// per word form.
    fn static_scores(&self, infos: &[TokInfo], ids: &[u32], i: usize, cache: &mut ScoreCache, feats: &mut Vec<u64>) -> [i32; NTAGS] {
        let c = infos[i];
        let cap = (c.flags & 1) as usize;
        let mut scores = cache.part(ids[i], Part::Unigram, || {
            feats.clear();
            unigram_features(&c, feats);
            self.sum(feats)
        });
        let prev = if i == 0 {
            self.pads[cap]
        } else {
            let p1 = infos[i - 1];
            cache.part(ids[i - 1], Part::Prev(cap), || {
                feats.clear();
                prev_features(&p1, c.flags, feats);
                self.sum(feats)
            })
        };
        let next = if i + 1 == infos.len() {
            self.pads[2 + cap]
        } else {
            let n1 = infos[i + 1];
            cache.part(ids[i + 1], Part::Next(cap), || {
                feats.clear();
                next_features(&n1, c.flags, feats);
                self.sum(feats)
            })
        };
        let (p1, n1) = (at(infos, i, -1), at(infos, i, 1));
        let shapes = *cache.shapes.entry(shape_context_key(&p1, &c, &n1)).or_insert_with(|| {
            feats.clear();
            shape_context_features(&p1, &c, &n1, feats);
            self.sum(feats)
        });
        for k in 0..NTAGS {
            scores[k] += prev[k] + next[k] + shapes[k];
        }
        scores
    }

    /// The word-context part of every token's static scores (words two away, word pairs),
    /// into `out`: the table rows of the whole sentence are found first, then summed in one
    /// tight loop, so that many rows load at once.
    fn context_scores(&self, infos: &[TokInfo], rows: &mut Vec<[u32; 6]>, out: &mut Vec<[i32; NTAGS]>) {
        rows.clear();
        rows.extend((0..infos.len()).map(|i| word_context_hashes(infos, i).map(|h| (h >> (64 - self.bits)) as u32)));
        out.clear();
        out.extend(rows.iter().map(|r| {
            let mut scores = [0i32; NTAGS];
            for &row in r {
                let w = &self.rows[row as usize];
                for k in 0..NTAGS {
                    scores[k] += w[k] as i32;
                }
            }
            scores
        }));
    }

    /// The word-with-previous-tag part of token `c` (cache entry `id`).
    #[inline]
    fn word_tag_scores(&self, c: &TokInfo, id: u32, prev: usize, cache: &mut ScoreCache) -> [i32; NTAGS] {
        cache.part(id, Part::Tag(prev), || {
            let mut s = [0i32; NTAGS];
            for h in word_tag_hashes(c, prev) {
                self.add(h, &mut s);
            }
            s
        })
    }

    /// The scores of token `i` (cache entry `id`) that depend on the previous two tags.
    #[inline]
    fn dynamic_scores(&self, c: &TokInfo, id: u32, prev: usize, prev2: usize, cache: &mut ScoreCache, feats: &mut Vec<u64>) -> [i32; NTAGS] {
        let _ = feats;
        let mut scores = self.word_tag_scores(c, id, prev, cache);
        let t = &self.transitions[prev * NTAGS + prev2];
        for k in 0..NTAGS {
            scores[k] += t[k];
        }
        scores
    }

    /// Tag one sentence; returns one tag index per token. The word-level parts of the scores
    /// come from `cache` when a word was seen before (the sums are exact, so the result is the
    /// same as without it). Greedy left to right, or Viterbi over the previous tag (the tag
    /// before that taken from the best path) when `viterbi` is set.
    pub fn tag(&self, infos: &[TokInfo], cache: &mut ScoreCache, feats: &mut Vec<u64>, out: &mut Vec<usize>) {
        self.tag_with(infos, cache, feats, out, true)
    }

    pub fn tag_with(&self, infos: &[TokInfo], cache: &mut ScoreCache, feats: &mut Vec<u64>, out: &mut Vec<usize>, viterbi: bool) {
        out.clear();
        if cache.len() > ScoreCache::LIMIT {
            *cache = ScoreCache::default();
        }
        let mut ids = std::mem::take(&mut cache.ids);
        ids.clear();
        ids.extend(infos.iter().map(|c| cache.entry_of(unigram_key(c))));
        if !viterbi {
            let (mut prev, mut prev2) = (0usize, 0usize);
            for i in 0..infos.len() {
                let mut scores = self.static_scores(infos, &ids, i, cache, feats);
                for h in word_context_hashes(infos, i) {
                    self.add(h, &mut scores);
                }
                let d = self.dynamic_scores(&infos[i], ids[i], prev, prev2, cache, feats);
                for k in 0..NTAGS {
                    scores[k] += d[k];
                }
                let tag = best(&scores, prev);
                out.push(tag);
                prev2 = prev;
                prev = tag;
            }
            cache.ids = ids;
            return;
        }
        const NONE: i32 = i32::MIN / 4;
        // Score lead beyond which a path is dropped: on UNER EWT test, 200 and more give the
        // same tags as no beam at all.
        let beam: i32 = 256;
        let n = infos.len();
        let mut back = std::mem::take(&mut cache.back);
        back.clear();
        back.resize(n, [0u8; NTAGS]);
        // Path scores less the best one (so they stay small: every comparison, the beam's
        // included, is between scores of the same token).
        let mut delta = [NONE; NTAGS];
        // Before the sentence, the previous tag is `O` (and so is the one before).
        let mut prev_best = [0usize; NTAGS];
        // The static scores of all tokens first: their table rows load independently.
        let mut stats = std::mem::take(&mut cache.stats);
        let mut rows = std::mem::take(&mut cache.rows);
        self.context_scores(infos, &mut rows, &mut stats);
        for i in 0..n {
            let s = self.static_scores(infos, &ids, i, cache, feats);
            for k in 0..NTAGS {
                stats[i][k] += s[k];
            }
        }
        cache.rows = rows;
        for i in 0..n {
            let stat = stats[i];
            let mut next = [NONE; NTAGS];
            let mut next_bp = [0u8; NTAGS];
            let starts: &[usize] = if i == 0 { &[0] } else { &[0, 1, 2, 3, 4, 5, 6, 7, 8] };
            for &p in starts {
                let base = if i == 0 { 0 } else { delta[p] };
                // Paths far behind the best cannot catch up in practice: skip them (a beam).
                if base < -beam {
                    continue;
                }
                let p2 = if i == 0 { 0 } else { prev_best[p] };
                // The dynamic scores (word with previous tag, transitions), as in `dynamic_scores`.
                let wt = self.word_tag_scores(&infos[i], ids[i], p, cache);
                let tr = &self.transitions[p * NTAGS + p2];
                let ok = &ALLOWED[p];
                let mut add = [0i32; NTAGS];
                for t in 0..NTAGS {
                    add[t] = stat[t] + (wt[t] + tr[t]);
                }
                for t in 0..NTAGS {
                    let v = if ok[t] { base + add[t] } else { NONE };
                    let better = v > next[t];
                    next[t] = if better { v } else { next[t] };
                    next_bp[t] = if better { p as u8 } else { next_bp[t] };
                }
            }
            back[i] = next_bp;
            for t in 0..NTAGS {
                prev_best[t] = next_bp[t] as usize;
            }
            // `O` may follow any tag, so next[0] holds a path and the best is not NONE.
            let top = next.iter().copied().max().unwrap_or(0);
            for t in 0..NTAGS {
                delta[t] = if next[t] == NONE { NONE } else { next[t] - top };
            }
        }
        let mut t = (0..NTAGS).max_by_key(|&t| (delta[t], std::cmp::Reverse(t))).unwrap_or(0);
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = t;
            t = back[i][t] as usize;
        }
        cache.back = back;
        cache.ids = ids;
        cache.stats = stats;
    }
}

/// [`allowed`] as a table: `ALLOWED[prev][tag]`.
const ALLOWED: [[bool; NTAGS]; NTAGS] = {
    let mut a = [[false; NTAGS]; NTAGS];
    let mut p = 0;
    while p < NTAGS {
        let mut t = 0;
        while t < NTAGS {
            a[p][t] = t == 0 || t % 2 == 1 || p == t || p + 1 == t;
            t += 1;
        }
        p += 1;
    }
    a
};

/// One summed part of a word's scores.
#[derive(Clone, Copy)]
enum Part {
    /// The word's own features.
    Unigram,
    /// Its features as the previous word of a token with this capital flag.
    Prev(usize),
    /// Its features as the next word of a token with this capital flag.
    Next(usize),
    /// Its features with this previous tag.
    Tag(usize),
}

/// Everything the tagger sums about one word form (keyed by [`unigram_key`]), filled as needed.
#[derive(Clone, Copy)]
struct WordScores {
    /// Bit of each part below that is filled: 0 unigram, 1-2 prev, 3-4 next, 5.. tag.
    filled: u32,
    /// Sums of at most 64 one-byte weights each: they fit 16 bits (so an entry is 256 bytes).
    parts: [[i16; NTAGS]; 5 + NTAGS],
}

/// Score parts of words already seen in a document, keyed by everything their features read.
pub struct ScoreCache {
    index: IdHashMap<u32>,
    words: Vec<WordScores>,
    shapes: IdHashMap<[i32; NTAGS]>,
    /// Cache entry of each token of the sentence being tagged.
    ids: Vec<u32>,
    /// Static scores of each token of the sentence being tagged.
    stats: Vec<[i32; NTAGS]>,
    /// Table rows of the word-context features of each token of the sentence.
    rows: Vec<[u32; 6]>,
    /// Viterbi back pointers of the sentence being tagged.
    back: Vec<[u8; NTAGS]>,
}

impl Default for ScoreCache {
    fn default() -> ScoreCache {
        ScoreCache {
            index: IdHashMap::with_capacity_and_hasher(2048, Default::default()),
            words: Vec::with_capacity(2048),
            shapes: IdHashMap::with_capacity_and_hasher(256, Default::default()),
            ids: Vec::new(),
            stats: Vec::new(),
            rows: Vec::new(),
            back: Vec::new(),
        }
    }
}

impl ScoreCache {
    /// Entries kept before the cache starts over (bounds memory on huge inputs: about 10 MB).
    const LIMIT: usize = 40_000;

    fn len(&self) -> usize {
        self.words.len() + self.shapes.len()
    }

    /// Forget every word, keeping the memory.
    pub fn clear(&mut self) {
        self.index.clear();
        self.words.clear();
        self.shapes.clear();
    }

    /// The entry of the word form with this key, made empty if new.
    fn entry_of(&mut self, key: u64) -> u32 {
        let words = &mut self.words;
        *self.index.entry(key).or_insert_with(|| {
            words.push(WordScores { filled: 0, parts: [[0; NTAGS]; 5 + NTAGS] });
            (words.len() - 1) as u32
        })
    }

    /// One part of entry `id`, summed by `fill` the first time.
    #[inline]
    fn part(&mut self, id: u32, part: Part, fill: impl FnOnce() -> [i32; NTAGS]) -> [i32; NTAGS] {
        let k = match part {
            Part::Unigram => 0,
            Part::Prev(cap) => 1 + cap,
            Part::Next(cap) => 3 + cap,
            Part::Tag(prev) => 5 + prev,
        };
        let w = &mut self.words[id as usize];
        if w.filled & (1 << k) == 0 {
            let sums = fill();
            // A sum that did not fit (never, for the feature counts above) is left uncached.
            if sums.iter().any(|&x| i16::try_from(x).is_err()) {
                return sums;
            }
            w.parts[k] = sums.map(|x| x as i16);
            w.filled |= 1 << k;
        }
        w.parts[k].map(i32::from)
    }
}

/// The best tag allowed after `prev` (ties go to the lower index, `O` first).
pub fn best(scores: &[i32; NTAGS], prev: usize) -> usize {
    let mut best = 0;
    for t in 1..NTAGS {
        if allowed(prev, t) && scores[t] > scores[best] {
            best = t;
        }
    }
    best
}

/// Bucket of a feature in a table of `2^bits` rows (what training uses too).
pub fn bucket(feature: u64, bits: u32) -> usize {
    (feature >> (64 - bits)) as usize
}
