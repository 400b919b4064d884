//! The name tagger's model: a hashed table of per-tag weights (an averaged perceptron trained by
//! `lede train ner`, quantized to one byte per weight) and its decoder (Viterbi with a beam) with
//! BIO constraints, over caches of what each word form contributes. The shipped weights are
//! src/data/ner_weights.bin (see its header banner), embedded packed (`crate::pack`).

use std::sync::OnceLock;

use super::features::{
    allowed, at, far_hashes, mix, next_features, prev_features, shape_context_features, transition_features, unigram_features, unigram_key, word_pair_hashes, word_tag_hashes, TokInfo, NTAGS,
};
use super::gazetteer::IdHashMap;

/// First bytes of a weights file; the banner line follows and ends with `\n`.
pub const MAGIC: &[u8] = b"LEDE-NER1\n";

/// A hashed weight table: row `bucket(feature)` holds one weight per tag.
pub struct Model {
    bits: u32,
    /// One row per bucket.
    rows: Vec<[i8; NTAGS]>,
    /// Scores of the transition features for each (previous tag, tag before it), summed once,
    /// with [`FORBIDDEN`] for each tag that may not follow the previous one.
    steps: Vec<[i32; NTAGS]>,
    /// Scores of the padding before a sentence as the previous token (by the capital flag of
    /// the first token), then of the padding after it as the next token.
    pads: [[i32; NTAGS]; 4],
    /// The padding tokens before and after a sentence.
    edges: [TokInfo; 2],
    /// Table rows of the padding as the word two before a token, and two after.
    edge_far: [u32; 2],
}

impl Model {
    /// A model that tags nothing (used when the weights file is missing or damaged).
    pub fn empty() -> Model {
        Model {
            bits: 1,
            rows: vec![[0; NTAGS]; 2],
            steps: vec![[0; NTAGS]; NTAGS * NTAGS],
            pads: [[0; NTAGS]; 4],
            edges: [at(&[], 0, -1), at(&[], 0, 0)],
            edge_far: [0; 2],
        }
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
        let mut m = Model { bits, rows, steps: Vec::new(), ..Model::empty() };
        let mut feats = Vec::new();
        for prev in 0..NTAGS {
            for prev2 in 0..NTAGS {
                feats.clear();
                transition_features(prev, prev2, &mut feats);
                let mut t = m.sum(&feats);
                for (tag, x) in t.iter_mut().enumerate() {
                    if !allowed(prev, tag) {
                        *x = FORBIDDEN;
                    }
                }
                m.steps.push(t);
            }
        }
        m.pads = [m.pad_scores(true, 0), m.pad_scores(true, 1), m.pad_scores(false, 0), m.pad_scores(false, 1)];
        m.edge_far = [m.row(far_hashes(m.edges[0].lower)[0]), m.row(far_hashes(m.edges[1].lower)[1])];
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

    /// The table row of a feature.
    #[inline(always)]
    fn row(&self, feature: u64) -> u32 {
        (feature >> (64 - self.bits)) as u32
    }

    #[inline(always)]
    fn add_row(&self, row: u32, scores: &mut [i32; NTAGS]) {
        let w = &self.rows[row as usize];
        for k in 0..NTAGS {
            scores[k] += w[k] as i32;
        }
    }

    #[inline(always)]
    fn add(&self, feature: u64, scores: &mut [i32; NTAGS]) {
        self.add_row(self.row(feature), scores)
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
            prev_features(&self.edges[0], cap, &mut feats);
        } else {
            next_features(&self.edges[1], cap, &mut feats);
        }
        self.sum(&feats)
    }

    /// The static scores of every token (all but the word-with-previous-tag and transition
    /// features) into `cache.stats`: the parts that depend on a word form alone (its own
    /// features, its features as a neighbour, its shape in context) come from the caches, the
    /// words two away and the word pairs from the table.
    fn static_scores(&self, infos: &[TokInfo], cache: &mut ScoreCache, feats: &mut Vec<u64>) {
        let n = infos.len();
        let edge_shape = [cache.shape_id(mix(self.edges[0].shape)), cache.shape_id(mix(self.edges[1].shape))];
        let mut stats = std::mem::take(&mut cache.stats);
        stats.clear();
        let toks = std::mem::take(&mut cache.toks);
        for i in 0..n {
            let (c, tok) = (&infos[i], &toks[i]);
            let cap = (c.flags & 1) as usize;
            let mut scores = [0i32; NTAGS];
            // Words two away, then the word pairs.
            self.add_row(if i >= 2 { toks[i - 2].far[0] } else { self.edge_far[0] }, &mut scores);
            self.add_row(if i + 2 < n { toks[i + 2].far[1] } else { self.edge_far[1] }, &mut scores);
            let (p1, p1_mixed) = if i > 0 { (infos[i - 1].lower, toks[i - 1].mixed) } else { (self.edges[0].lower, mix(self.edges[0].lower)) };
            let n1 = if i + 1 < n { infos[i + 1].lower } else { self.edges[1].lower };
            for h in word_pair_hashes(p1, p1_mixed, c.lower, tok.mixed, tok.mixed_shape, n1) {
                self.add(h, &mut scores);
            }
            let unigram = cache.part(tok.id, Part::Unigram, || {
                feats.clear();
                unigram_features(c, feats);
                self.sum(feats)
            });
            let prev = if i == 0 {
                self.pads[cap]
            } else {
                cache.part(toks[i - 1].id, Part::Prev(cap), || {
                    feats.clear();
                    prev_features(&infos[i - 1], c.flags, feats);
                    self.sum(feats)
                })
            };
            let next = if i + 1 == n {
                self.pads[2 + cap]
            } else {
                cache.part(toks[i + 1].id, Part::Next(cap), || {
                    feats.clear();
                    next_features(&infos[i + 1], c.flags, feats);
                    self.sum(feats)
                })
            };
            let p1_shape = if i > 0 { toks[i - 1].shape } else { edge_shape[0] };
            let n1_shape = if i + 1 < n { toks[i + 1].shape } else { edge_shape[1] };
            let p1_flags = if i > 0 { infos[i - 1].flags } else { self.edges[0].flags };
            let shapes = cache.shape_scores([p1_shape, tok.shape, n1_shape], p1_flags, c.flags, || {
                feats.clear();
                shape_context_features(&at(infos, i, -1), c, &at(infos, i, 1), feats);
                self.sum(feats)
            });
            for k in 0..NTAGS {
                scores[k] += unigram[k] + prev[k] + next[k] + shapes[k];
            }
            stats.push(scores);
        }
        cache.toks = toks;
        cache.stats = stats;
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

    /// Tag one sentence; returns one tag index per token: Viterbi over the previous tag (the
    /// tag before that taken from the best path), with a beam. The word-level parts of the
    /// scores come from `cache` when a word was seen before (the sums are exact, so the result
    /// is the same as without it).
    pub fn tag(&self, infos: &[TokInfo], cache: &mut ScoreCache, feats: &mut Vec<u64>, out: &mut Vec<usize>) {
        out.clear();
        if cache.len() > ScoreCache::LIMIT {
            *cache = ScoreCache::default();
        }
        let n = infos.len();
        let mut toks = std::mem::take(&mut cache.toks);
        toks.clear();
        toks.extend(infos.iter().map(|c| cache.token(self, c)));
        cache.toks = toks;
        self.static_scores(infos, cache, feats);
        const NONE: i32 = i32::MIN / 4;
        // Score lead beyond which a path is dropped: on UNER EWT test, 200 and more give the
        // same tags as no beam at all.
        let beam: i32 = 256;
        let mut back = std::mem::take(&mut cache.back);
        back.clear();
        back.resize(n, [0u8; NTAGS]);
        // Path scores less the best one (so they stay small: every comparison, the beam's
        // included, is between scores of the same token). Before the sentence, the previous
        // tag is `O` (and so is the one before).
        let mut delta = [NONE; NTAGS];
        delta[0] = 0;
        let mut prev_best = [0u8; NTAGS];
        let stats = std::mem::take(&mut cache.stats);
        for i in 0..n {
            let id = cache.toks[i].id;
            // For each tag, the best previous tag by what depends on it (the path so far, the
            // word with the previous tag, the transition); the token's static scores are the
            // same whatever the previous tag, so they are added after.
            let mut best = [NONE; NTAGS];
            let mut best_p = [0u8; NTAGS];
            for p in 0..NTAGS {
                let base = delta[p];
                // Paths far behind the best cannot catch up in practice: skip them (a beam).
                if base < -beam {
                    continue;
                }
                let wt = self.word_tag_scores(&infos[i], id, p, cache);
                // A forbidden step scores far below any allowed one, so it never wins where an
                // allowed one exists; a tag reached by none is dropped by the beam next.
                let st = &self.steps[p * NTAGS + prev_best[p] as usize];
                for t in 0..NTAGS {
                    let v = base + wt[t] + st[t];
                    let better = v > best[t];
                    best[t] = if better { v } else { best[t] };
                    best_p[t] = if better { p as u8 } else { best_p[t] };
                }
            }
            let mut next = [0i32; NTAGS];
            for t in 0..NTAGS {
                next[t] = best[t] + stats[i][t];
            }
            back[i] = best_p;
            prev_best = best_p;
            // `O` may follow any tag, so the best path is an allowed one.
            let top = next.iter().copied().max().unwrap_or(0);
            for t in 0..NTAGS {
                delta[t] = next[t] - top;
            }
        }
        let mut t = (0..NTAGS).max_by_key(|&t| (delta[t], std::cmp::Reverse(t))).unwrap_or(0);
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = t;
            t = back[i][t] as usize;
        }
        cache.back = back;
        cache.stats = stats;
    }
}

/// Score of a step to a tag that may not follow the previous one (`I-X` after anything but
/// `B-X` or `I-X`): far below any allowed step's, far above `i32::MIN` (no overflow).
const FORBIDDEN: i32 = -(1 << 28);

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

/// What the tagger keeps about a word form (by `TokInfo::form`): the values its features take
/// from it alone, and its [`WordScores`] entries.
#[derive(Clone, Copy)]
struct Form {
    /// The word it is about (a form number is a hint: it is checked against the token).
    exact: u64,
    lower: u64,
    shape: u64,
    /// What each token of the word needs (but its entry).
    tok: Tok,
    /// Entries by the first-of-sentence flag: the flags and gazetteer marks of the tokens they
    /// are for, and the entry (`u32::MAX`: none yet).
    entries: [(u32, u16, u32); 2],
}

/// What the static scores need of one token, found once per sentence.
#[derive(Clone, Copy, Default)]
struct Tok {
    /// Its [`WordScores`] entry.
    id: u32,
    /// Number of its shape (for the shape-context key).
    shape: u32,
    /// Table rows of the word as the word two before a token and two after ([`far_hashes`]).
    far: [u32; 2],
    /// `mix` of its lower-case hash, and of its shape.
    mixed: u64,
    mixed_shape: u64,
}

/// Score parts of words already seen in a document, keyed by everything their features read.
pub struct ScoreCache {
    index: IdHashMap<u32>,
    words: Vec<WordScores>,
    /// Shape-context scores by the shapes (numbers) and flags around a token.
    shapes: IdHashMap<[i32; NTAGS]>,
    /// Number of each shape seen, by its `mix`.
    shape_ids: IdHashMap<u32>,
    /// By `TokInfo::form`.
    forms: Vec<Option<Form>>,
    /// Each token of the sentence being tagged.
    toks: Vec<Tok>,
    /// Static scores of each token of the sentence being tagged.
    stats: Vec<[i32; NTAGS]>,
    /// Viterbi back pointers of the sentence being tagged.
    back: Vec<[u8; NTAGS]>,
}

impl Default for ScoreCache {
    fn default() -> ScoreCache {
        ScoreCache {
            index: IdHashMap::with_capacity_and_hasher(2048, Default::default()),
            words: Vec::with_capacity(2048),
            shapes: IdHashMap::with_capacity_and_hasher(256, Default::default()),
            shape_ids: IdHashMap::with_capacity_and_hasher(256, Default::default()),
            forms: Vec::with_capacity(2048),
            toks: Vec::new(),
            stats: Vec::new(),
            back: Vec::new(),
        }
    }
}

/// Bits of a shape number in a shape-context key (three numbers, a token's flags and three
/// flags of the previous one make 64 bits); the cache starts over long before there are more
/// shapes.
const SHAPE_BITS: u32 = 17;

impl ScoreCache {
    /// Entries kept before the cache starts over (bounds memory on huge inputs: about 10 MB).
    const LIMIT: usize = 40_000;

    fn len(&self) -> usize {
        self.words.len() + self.shapes.len() + self.shape_ids.len()
    }

    /// Forget every word, keeping the memory.
    pub fn clear(&mut self) {
        self.index.clear();
        self.words.clear();
        self.shapes.clear();
        self.shape_ids.clear();
        self.forms.clear();
    }

    /// The entry of the word form with this key, made empty if new.
    fn entry_of(&mut self, key: u64) -> u32 {
        let words = &mut self.words;
        *self.index.entry(key).or_insert_with(|| {
            words.push(WordScores { filled: 0, parts: [[0; NTAGS]; 5 + NTAGS] });
            (words.len() - 1) as u32
        })
    }

    /// The number of a shape, by its `mix`.
    fn shape_id(&mut self, mixed_shape: u64) -> u32 {
        let n = self.shape_ids.len() as u32;
        *self.shape_ids.entry(mixed_shape).or_insert(n)
    }

    /// What the static scores need of token `c`: from its form when the form is known, else
    /// found (and kept for the form).
    #[inline]
    fn token(&mut self, model: &Model, c: &TokInfo) -> Tok {
        let f = c.form as usize;
        let known = self.forms.get(f).copied().flatten().filter(|k| k.exact == c.exact && k.lower == c.lower && k.shape == c.shape);
        let mut form = match known {
            Some(k) => k,
            None => {
                let [before, after] = far_hashes(c.lower);
                let mixed_shape = mix(c.shape);
                let tok = Tok { id: 0, shape: self.shape_id(mixed_shape), far: [model.row(before), model.row(after)], mixed: mix(c.lower), mixed_shape };
                Form { exact: c.exact, lower: c.lower, shape: c.shape, tok, entries: [(0, 0, u32::MAX); 2] }
            }
        };
        let slot = (c.flags >> 2 & 1) as usize;
        let (flags, gaz, id) = form.entries[slot];
        form.tok.id = if id != u32::MAX && flags == c.flags && gaz == c.gaz {
            id
        } else {
            let id = self.entry_of(unigram_key(c));
            form.entries[slot] = (c.flags, c.gaz, id);
            id
        };
        // Form numbers are dense from 0 (`Scratch`); a far one is not kept.
        if f < self.forms.len() {
            self.forms[f] = Some(form);
        } else if f < self.forms.len() + 4096 {
            self.forms.resize(f + 1, None);
            self.forms[f] = Some(form);
        }
        form.tok
    }

    /// The shape-context scores of a token with flags `flags` whose shape, the previous
    /// token's and the next token's have the numbers `shapes` (previous, own, next), after a
    /// token with flags `p1_flags`: what `shape_context_features` reads. Summed by `fill` the
    /// first time.
    #[inline]
    fn shape_scores(&mut self, shapes: [u32; 3], p1_flags: u32, flags: u32, fill: impl FnOnce() -> [i32; NTAGS]) -> [i32; NTAGS] {
        if shapes.iter().any(|&s| s >= 1 << SHAPE_BITS) || flags >= 1 << 10 {
            return fill();
        }
        let packed = shapes[0] as u64
            | (shapes[1] as u64) << SHAPE_BITS
            | (shapes[2] as u64) << (2 * SHAPE_BITS)
            | ((p1_flags & 7) as u64) << (3 * SHAPE_BITS)
            | (flags as u64) << (3 * SHAPE_BITS + 3);
        let key = mix(packed);
        if let Some(s) = self.shapes.get(&key) {
            return *s;
        }
        let s = fill();
        self.shapes.insert(key, s);
        s
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::features::{dynamic_features, static_features, token_infos, Scratch};
    use crate::analysis::entities::gazetteer::Gazetteer;
    use crate::analysis::entities::tokenize::tokenize;
    use crate::analysis::report::Span;

    /// The decoder of [`Model::tag`] with every score summed from the features' weights, token
    /// by token: no caches, no precomputed parts.
    fn plain_tags(m: &Model, infos: &[TokInfo]) -> Vec<usize> {
        const NONE: i64 = i64::MIN / 4;
        let n = infos.len();
        let mut feats = Vec::new();
        let mut delta = [NONE; NTAGS];
        delta[0] = 0;
        let mut prev_best = [0usize; NTAGS];
        let mut back = vec![[0usize; NTAGS]; n];
        for i in 0..n {
            feats.clear();
            static_features(infos, i, &mut feats);
            let stat = m.sum(&feats);
            let mut next = [NONE; NTAGS];
            for p in (0..NTAGS).filter(|&p| delta[p] >= -256) {
                feats.clear();
                dynamic_features(infos, i, p, prev_best[p], &mut feats);
                let dynamic = m.sum(&feats);
                for t in (0..NTAGS).filter(|&t| allowed(p, t)) {
                    let v = delta[p] + (stat[t] + dynamic[t]) as i64;
                    if v > next[t] {
                        next[t] = v;
                        back[i][t] = p;
                    }
                }
            }
            prev_best = back[i];
            let top = next.iter().copied().max().unwrap_or(0);
            delta = next.map(|x| if x == NONE { NONE } else { x - top });
        }
        let mut t = (0..NTAGS).max_by_key(|&t| (delta[t], std::cmp::Reverse(t))).unwrap_or(0);
        let mut out = vec![0; n];
        for i in (0..n).rev() {
            out[i] = t;
            t = back[i][t];
        }
        out
    }

    /// Lines of the sample article and of a few more news sentences, each in three casings.
    fn sentences() -> Vec<String> {
        let more = [
            "President Vladimir Putin met Chancellor Olaf Scholz in Berlin on Tuesday.",
            "Shares of Toyota Motor Corp. rose 3% in Tokyo after the Bank of Japan held rates steady.",
            "\"We will rebuild,\" said Maria Gonzalez of the European Central Bank in New York.",
            "U.S. officials met the E.U.'s envoy, Jean-Luc O'Brien, at https://example.com today.",
        ];
        let lines = crate::SAMPLE_ARTICLE.lines().chain(more).filter(|l| !l.trim().is_empty());
        lines.flat_map(|l| [l.to_string(), l.to_uppercase(), l.to_lowercase()]).collect()
    }

    #[test]
    fn cached_tags_are_the_plain_sums_tags() {
        let (m, gaz) = (Model::builtin(), Gazetteer::builtin());
        assert!(!m.is_empty());
        let (mut scratch, mut cache) = (Scratch::default(), ScoreCache::default());
        let (mut infos, mut feats, mut got) = (Vec::new(), Vec::new(), Vec::new());
        // Twice: the second time every word is in the caches.
        let mut names = 0;
        for text in sentences().iter().chain(&sentences()) {
            let toks = tokenize(text, Span::new(0, text.len()));
            token_infos(text, &toks, gaz, &mut scratch, &mut infos);
            m.tag(&infos, &mut cache, &mut feats, &mut got);
            assert_eq!(got, plain_tags(m, &infos), "tags of {text:?}");
            names += got.iter().filter(|&&t| t != 0).count();
        }
        assert!(names > 50, "{names} name tags");
    }

    #[test]
    fn form_numbers_are_only_hints() {
        // Two memories of word forms number different words alike; one score cache serves both.
        let (m, gaz) = (Model::builtin(), Gazetteer::builtin());
        let (mut a, mut b, mut cache) = (Scratch::default(), Scratch::default(), ScoreCache::default());
        let (mut infos, mut feats, mut got) = (Vec::new(), Vec::new(), Vec::new());
        let all = sentences();
        for (k, text) in all.iter().enumerate() {
            let toks = tokenize(text, Span::new(0, text.len()));
            let scratch = if k % 2 == 0 { &mut a } else { &mut b };
            token_infos(text, &toks, gaz, scratch, &mut infos);
            m.tag(&infos, &mut cache, &mut feats, &mut got);
            assert_eq!(got, plain_tags(m, &infos), "tags of {text:?}");
        }
    }
}
