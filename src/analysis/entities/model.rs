//! The name tagger's model: a hashed table of per-tag weights (an averaged perceptron trained by
//! `lede train ner`, quantized to one byte per weight) and its greedy left-to-right decoder with
//! BIO constraints. The shipped weights are src/data/ner_weights.bin (see its header banner).

use std::sync::OnceLock;

use super::features::{
    allowed, at, mix, neighbour_key, next_features, prev_features, shape_context_features, shape_context_key,
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
}

impl Model {
    /// A model that tags nothing (used when the weights file is missing or damaged).
    pub fn empty() -> Model {
        Model { bits: 1, weights: vec![0; 2 * NTAGS] }
    }

    /// Build from raw weights (`2^bits` rows of `NTAGS`).
    pub fn from_weights(bits: u32, weights: Vec<i8>) -> Model {
        if bits == 0 || bits > 30 || weights.len() != (1usize << bits) * NTAGS {
            return Model::empty();
        }
        Model { bits, weights }
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

    /// Tag one sentence greedily; returns one tag index per token. The word-level parts of the
    /// scores come from `cache` when a word was seen before (the sums are exact, so the result is
    /// the same as without it).
    pub fn tag(&self, infos: &[TokInfo], cache: &mut ScoreCache, feats: &mut Vec<u64>, out: &mut Vec<usize>) {
        out.clear();
        if cache.len() > ScoreCache::LIMIT {
            *cache = ScoreCache::default();
        }
        let (mut prev, mut prev2) = (0usize, 0usize);
        for i in 0..infos.len() {
            let (p1, c, n1) = (at(infos, i, -1), infos[i], at(infos, i, 1));
            let ukey = unigram_key(&c);
            let mut cached = |map: &mut IdHashMap<[i32; NTAGS]>, key: u64, fill: &dyn Fn(&mut Vec<u64>)| {
                *map.entry(key).or_insert_with(|| {
                    feats.clear();
                    fill(feats);
                    self.sum(feats)
                })
            };
            let parts = [
                cached(&mut cache.unigram, ukey, &|v| unigram_features(&c, v)),
                cached(&mut cache.prev, neighbour_key(&p1, c.flags), &|v| prev_features(&p1, c.flags, v)),
                cached(&mut cache.next, neighbour_key(&n1, c.flags), &|v| next_features(&n1, c.flags, v)),
                cached(&mut cache.shapes, shape_context_key(&p1, &c, &n1), &|v| shape_context_features(&p1, &c, &n1, v)),
                cached(&mut cache.word_tag, mix(ukey ^ prev as u64), &|v| word_tag_features(&c, prev, v)),
            ];
            let mut scores = [0i32; NTAGS];
            for part in &parts {
                for k in 0..NTAGS {
                    scores[k] += part[k];
                }
            }
            feats.clear();
            word_context_features(infos, i, feats);
            transition_features(prev, prev2, feats);
            for &h in feats.iter() {
                self.add(h, &mut scores);
            }
            let tag = best(&scores, prev);
            out.push(tag);
            prev2 = prev;
            prev = tag;
        }
    }
}

/// Score parts of words already seen in a document, keyed by everything their features read.
pub struct ScoreCache {
    unigram: IdHashMap<[i32; NTAGS]>,
    prev: IdHashMap<[i32; NTAGS]>,
    next: IdHashMap<[i32; NTAGS]>,
    shapes: IdHashMap<[i32; NTAGS]>,
    word_tag: IdHashMap<[i32; NTAGS]>,
}

impl Default for ScoreCache {
    fn default() -> ScoreCache {
        let map = || IdHashMap::with_capacity_and_hasher(1024, Default::default());
        ScoreCache { unigram: map(), prev: map(), next: map(), shapes: map(), word_tag: map() }
    }
}

impl ScoreCache {
    /// Entries kept before the cache starts over (bounds memory on huge inputs).
    const LIMIT: usize = 300_000;

    fn len(&self) -> usize {
        self.unigram.len() + self.prev.len() + self.next.len() + self.shapes.len() + self.word_tag.len()
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
