//! The name tagger's model: a hashed table of per-tag weights (an averaged perceptron trained by
//! `lede train ner`, quantized to one byte per weight) and its decoders (Viterbi with a beam, or
//! greedy left to right) with BIO constraints. The shipped weights are src/data/ner_weights.bin (see its header banner).

use std::sync::OnceLock;

use super::features::{
    allowed, at, neighbour_key, next_features, prev_features, shape_context_features, shape_context_key,
    transition_features, unigram_features, unigram_key, word_context_features, word_tag_features, TokInfo, NTAGS,
};
use super::gazetteer::IdHashMap;

/// First bytes of a weights file; the banner line follows and ends with `\n`.
pub const MAGIC: &[u8] = b"LEDE-NER1\n";

static WEIGHTS: &[u8] = include_bytes!("../../data/ner_weights.bin");

/// A hashed weight table: row `bucket(feature)` holds one weight per tag.
pub struct Model {
    bits: u32,
    weights: Vec<i8>,
    /// Scores of the transition features for each (previous tag, tag before it), summed once.
    transitions: Vec<[i32; NTAGS]>,
}

impl Model {
    /// A model that tags nothing (used when the weights file is missing or damaged).
    pub fn empty() -> Model {
        Model { bits: 1, weights: vec![0; 2 * NTAGS], transitions: vec![[0; NTAGS]; NTAGS * NTAGS] }
    }

    /// Build from raw weights (`2^bits` rows of `NTAGS`).
    pub fn from_weights(bits: u32, weights: Vec<i8>) -> Model {
        if bits == 0 || bits > 30 || weights.len() != (1usize << bits) * NTAGS {
            return Model::empty();
        }
        let mut m = Model { bits, weights, transitions: Vec::new() };
        let mut feats = Vec::new();
        for prev in 0..NTAGS {
            for prev2 in 0..NTAGS {
                feats.clear();
                transition_features(prev, prev2, &mut feats);
                let t = m.sum(&feats);
                m.transitions.push(t);
            }
        }
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
        M.get_or_init(|| Model::parse(WEIGHTS))
    }

    pub fn is_empty(&self) -> bool {
        self.bits <= 1
    }

    #[inline]
    fn add(&self, feature: u64, scores: &mut [i32; NTAGS]) {
        let row = (feature >> (64 - self.bits)) as usize * NTAGS;
        let w = &self.weights[row..row + NTAGS];
        for (s, &x) in scores.iter_mut().zip(w) {
            *s += x as i32;
        }
    }

    fn sum(&self, feats: &[u64]) -> [i32; NTAGS] {
        let mut scores = [0i32; NTAGS];
        for &h in feats {
            self.add(h, &mut scores);
        }
        scores
    }

    /// The scores of token `i` that do not depend on earlier tags.
    fn static_scores(&self, infos: &[TokInfo], i: usize, cache: &mut ScoreCache, feats: &mut Vec<u64>) -> [i32; NTAGS] {
        let (p1, c, n1) = (at(infos, i, -1), infos[i], at(infos, i, 1));
        let mut cached = |map: &mut IdHashMap<[i32; NTAGS]>, key: u64, fill: &dyn Fn(&mut Vec<u64>)| {
            *map.entry(key).or_insert_with(|| {
                feats.clear();
                fill(feats);
                self.sum(feats)
            })
        };
        let parts = [
            cached(&mut cache.unigram, unigram_key(&c), &|v| unigram_features(&c, v)),
            cached(&mut cache.prev, neighbour_key(&p1, c.flags), &|v| prev_features(&p1, c.flags, v)),
            cached(&mut cache.next, neighbour_key(&n1, c.flags), &|v| next_features(&n1, c.flags, v)),
            cached(&mut cache.shapes, shape_context_key(&p1, &c, &n1), &|v| shape_context_features(&p1, &c, &n1, v)),
        ];
        let mut scores = [0i32; NTAGS];
        for part in &parts {
            for k in 0..NTAGS {
                scores[k] += part[k];
            }
        }
        feats.clear();
        word_context_features(infos, i, feats);
        for &h in feats.iter() {
            self.add(h, &mut scores);
        }
        scores
    }

    /// The scores of token `i` that depend on the previous two tags. `word_tags` holds the
    /// word-with-previous-tag parts of this token, filled as needed (bit `p` of `filled`).
    fn dynamic_scores(&self, c: &TokInfo, prev: usize, prev2: usize, word_tags: &mut WordTags, feats: &mut Vec<u64>) -> [i32; NTAGS] {
        if word_tags.filled & (1 << prev) == 0 {
            feats.clear();
            word_tag_features(c, prev, feats);
            word_tags.scores[prev] = self.sum(feats);
            word_tags.filled |= 1 << prev;
        }
        let mut scores = word_tags.scores[prev];
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
        if !viterbi {
            let (mut prev, mut prev2) = (0usize, 0usize);
            for i in 0..infos.len() {
                let mut scores = self.static_scores(infos, i, cache, feats);
                let wt = cache.word_tags.entry(unigram_key(&infos[i])).or_default();
                let d = self.dynamic_scores(&infos[i], prev, prev2, wt, feats);
                for k in 0..NTAGS {
                    scores[k] += d[k];
                }
                let tag = best(&scores, prev);
                out.push(tag);
                prev2 = prev;
                prev = tag;
            }
            return;
        }
        const NONE: i64 = i64::MIN / 4;
        // Score lead beyond which a path is dropped: on UNER EWT test, 200 and more give the
        // same tags as no beam at all.
        let beam: i64 = 256;
        let n = infos.len();
        let mut back = std::mem::take(&mut cache.back);
        back.clear();
        back.resize(n, [0u8; NTAGS]);
        let mut delta = [NONE; NTAGS];
        // Before the sentence, the previous tag is `O` (and so is the one before).
        let mut prev_best = [0usize; NTAGS];
        for i in 0..n {
            let stat = self.static_scores(infos, i, cache, feats);
            let wt = cache.word_tags.entry(unigram_key(&infos[i])).or_default();
            let mut next = [NONE; NTAGS];
            let mut next_bp = [0u8; NTAGS];
            let starts: &[usize] = if i == 0 { &[0] } else { &[0, 1, 2, 3, 4, 5, 6, 7, 8] };
            let top = delta.iter().copied().max().unwrap_or(0);
            for &p in starts {
                let base = if i == 0 { 0 } else { delta[p] };
                // Paths far behind the best cannot catch up in practice: skip them (a beam).
                if base == NONE || (i > 0 && base < top - beam) {
                    continue;
                }
                let p2 = if i == 0 { 0 } else { prev_best[p] };
                let d = self.dynamic_scores(&infos[i], p, p2, wt, feats);
                for t in 0..NTAGS {
                    if !allowed(p, t) {
                        continue;
                    }
                    let v = base + (stat[t] + d[t]) as i64;
                    if v > next[t] {
                        next[t] = v;
                        next_bp[t] = p as u8;
                    }
                }
            }
            back[i] = next_bp;
            for t in 0..NTAGS {
                prev_best[t] = next_bp[t] as usize;
            }
            delta = next;
        }
        let mut t = (0..NTAGS).max_by_key(|&t| (delta[t], std::cmp::Reverse(t))).unwrap_or(0);
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = t;
            t = back[i][t] as usize;
        }
        cache.back = back;
    }
}

/// Score parts of words already seen in a document, keyed by everything their features read.
pub struct ScoreCache {
    unigram: IdHashMap<[i32; NTAGS]>,
    prev: IdHashMap<[i32; NTAGS]>,
    next: IdHashMap<[i32; NTAGS]>,
    shapes: IdHashMap<[i32; NTAGS]>,
    word_tags: IdHashMap<WordTags>,
    /// Viterbi back pointers of the sentence being tagged.
    back: Vec<[u8; NTAGS]>,
}

/// A word's scores with each previous tag, computed as needed.
#[derive(Default, Clone, Copy)]
pub struct WordTags {
    filled: u16,
    scores: [[i32; NTAGS]; NTAGS],
}

impl Default for ScoreCache {
    fn default() -> ScoreCache {
        let map = || IdHashMap::with_capacity_and_hasher(1024, Default::default());
        ScoreCache {
            unigram: map(),
            prev: map(),
            next: map(),
            shapes: map(),
            word_tags: IdHashMap::with_capacity_and_hasher(256, Default::default()),
            back: Vec::new(),
        }
    }
}

impl ScoreCache {
    /// Entries kept before the cache starts over (bounds memory on huge inputs).
    const LIMIT: usize = 40_000;

    fn len(&self) -> usize {
        self.unigram.len() + self.prev.len() + self.next.len() + self.shapes.len() + self.word_tags.len()
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
