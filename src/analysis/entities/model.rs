//! The name tagger's model: a hashed table of per-tag weights (an averaged perceptron trained by
//! `lede train ner`, quantized to one byte per weight) and its decoder (Viterbi with a beam, in
//! `Lanes` of eight tags) with BIO constraints, over caches of what each word form contributes. The
//! shipped weights are src/data/ner_weights.bin (see its header banner), embedded packed
//! (`crate::pack`).

use std::sync::OnceLock;

use super::features::{
    allowed, at, far_hashes, mix, neighbour_reads_cap, next_features, prev_features, shape_context_features,
    shape_marks_tag_hashes, transition_features, unigram_features, unigram_key, word_pair_hashes, word_tag_hash, Sink,
    TokInfo, NTAGS,
};
use super::gazetteer::{IdHashMap, NumberTable};
use super::lanes::{Lanes, LANES};

/// First bytes of a weights file; the banner line follows and ends with `\n`.
pub const MAGIC: &[u8] = b"LEDE-NER1\n";

/// A hashed weight table: row `bucket(feature)` holds one weight per tag.
pub struct Model {
    bits: u32,
    /// One row per bucket.
    rows: Vec<[i8; NTAGS]>,
    /// Scores of the transition features for each (previous tag, tag before it), summed once,
    /// with [`FORBIDDEN`] for each tag that may not follow the previous one (the sums of two
    /// weights fit 16 bits).
    steps: Vec<[i16; NTAGS]>,
    /// Scores of the padding before a sentence as the previous token (by the capital flag of
    /// the first token), then of the padding after it as the next token (three weights each).
    pads: [[i16; NTAGS]; 4],
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

    /// Build from raw weights (`2^bits` rows of `NTAGS`; at most 2^30 rows, which feature
    /// hashes rely on: see `features::f`).
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
                let sums = m.sum(&feats);
                let step = std::array::from_fn(|tag| if allowed(prev, tag) { sums[tag] as i16 } else { FORBIDDEN });
                m.steps.push(step);
            }
        }
        m.pads = [m.pad_scores(true, 0), m.pad_scores(true, 1), m.pad_scores(false, 0), m.pad_scores(false, 1)].map(|p| p.map(|x| x as i16));
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

    /// The weights of a feature.
    #[inline(always)]
    fn weights_of(&self, feature: u64) -> &[i8; NTAGS] {
        let row = (feature >> (64 - self.bits)) as usize;
        debug_assert!(row < self.rows.len());
        // SAFETY: the top `bits` bits of a feature are below 2^bits (`bits` is at most 30, so
        // nothing is lost on the way to `usize`), and `rows` holds 2^bits rows (each constructor
        // makes it so, and nothing changes it after).
        unsafe { self.rows.get_unchecked(row) }
    }

    /// The weights of a table row from `row` (kept in the caches; the rows of another model's
    /// table wrap around instead of reading past this one's).
    #[inline(always)]
    fn weights(&self, row: u32) -> &[i8; NTAGS] {
        let row = row as usize & ((1 << self.bits) - 1);
        debug_assert!(row < self.rows.len());
        // SAFETY: `row` is below 2^bits, and `rows` holds 2^bits rows (see `weights_of`).
        unsafe { self.rows.get_unchecked(row) }
    }

    #[inline(always)]
    fn add(&self, feature: u64, scores: &mut [i32; NTAGS]) {
        let w = self.weights_of(feature);
        for k in 0..NTAGS {
            scores[k] += w[k] as i32;
        }
    }

    /// The sum of a few features' weights (a word's own features at most: 16 bits hold it).
    fn sum16(&self, feats: &[u64]) -> [i16; NTAGS] {
        Summed::of(self, |s| feats.iter().for_each(|&h| s.push(h)))
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

    /// The static scores of token `i` (all but the word-with-previous-tag and transition
    /// features), whose `Tok` is the middle one of `w` (the tokens two before it to two after
    /// it, padding past the sentence's ends): the parts that depend on a word form alone (its
    /// own features, its features as a neighbour: summed when its entry was made) and its shape
    /// in context come from the caches, the words two away and the word pairs from the table.
    #[inline(always)]
    fn static_scores(&self, infos: &[TokInfo], i: usize, w: &[Tok], cache: &mut ScoreCache) -> [i16; NTAGS] {
        let [far_before, p1, tok, n1, far_after] = [&w[0], &w[1], &w[2], &w[3], &w[4]];
        let cap = (tok.flags & 1) as usize;
        let shapes = cache.shape_entry([p1.form.shape, tok.form.shape, n1.form.shape], p1.flags, tok.flags, || {
            Summed::of(self, |s| shape_context_features(&at(infos, i, -1), &infos[i], &at(infos, i, 1), s))
        });
        // At most 108 weights in all (59 of the word, 19 of each neighbour, 5 of the shapes,
        // 6 of the words around): 16 bits hold the sum.
        let mut scores = [0i16; NTAGS];
        // Words two away, then the word pairs.
        add8(&mut scores, self.weights(far_before.form.far[0]));
        add8(&mut scores, self.weights(far_after.form.far[1]));
        for h in word_pair_hashes(p1.lower, p1.form.mixed, tok.lower, tok.form.mixed, tok.form.mixed_shape, n1.lower) {
            add8(&mut scores, self.weights_of(h));
        }
        add16(&mut scores, &cache.parts(tok.id)[UNIGRAM]);
        add16(&mut scores, &cache.parts(p1.id)[PREV + cap]);
        add16(&mut scores, &cache.parts(n1.id)[NEXT + cap]);
        debug_assert!((shapes as usize) < cache.shape_sums.len());
        // SAFETY: `shape_entry` returns an index of `shape_sums`: one it pushes, or one it kept
        // in `shapes` or `recent_shapes`, which forget theirs whenever `shape_sums` is cleared.
        add16(&mut scores, unsafe { cache.shape_sums.get_unchecked(shapes as usize) });
        scores
    }

    /// The padding tokens before and after a sentence as `ScoreCache::toks` holds them, and
    /// the two reserved entries of `ScoreCache::words` made to hold the padding's parts as a
    /// neighbour (as the previous word by the capital flag, and as the next word).
    fn pad_toks(&self, cache: &mut ScoreCache) -> [Tok; 2] {
        let edge_shape = [cache.shape_id(mix(self.edges[0].shape)), cache.shape_id(mix(self.edges[1].shape))];
        let words = &mut cache.words;
        words[PAD_BEFORE_ID as usize].parts[PREV] = self.pads[0];
        words[PAD_BEFORE_ID as usize].parts[PREV + 1] = self.pads[1];
        words[PAD_AFTER_ID as usize].parts[NEXT] = self.pads[2];
        words[PAD_AFTER_ID as usize].parts[NEXT + 1] = self.pads[3];
        let pad = |k: usize, id: u32| {
            let e = &self.edges[k];
            Tok {
                id,
                shape_marks: 0,
                flags: e.flags,
                lower: e.lower,
                form: FormFacts {
                    mixed: mix(e.lower),
                    mixed_shape: mix(e.shape),
                    far: [self.edge_far[0], self.edge_far[1]],
                    shape: edge_shape[k],
                    // Never read: the decoder reads the sentence's own tokens.
                    tag_rows: [0; NTAGS],
                },
            }
        };
        [pad(0, PAD_BEFORE_ID), pad(1, PAD_AFTER_ID)]
    }

    /// Tag one sentence; returns one tag index per token: Viterbi over the previous tag (the
    /// tag before that taken from the best path), with a beam. The word-level parts of the
    /// scores come from `cache` when a word was seen before (the sums are exact, so the result
    /// is the same as without it).
    pub fn tag(&self, infos: &[TokInfo], cache: &mut ScoreCache, out: &mut Vec<usize>) {
        out.clear();
        if cache.len() > ScoreCache::LIMIT {
            cache.clear();
        }
        if cache.pads.is_none() {
            let [before, after] = self.pad_toks(cache);
            cache.pads = Some([before, before, after, after]);
            cache.toks.clear();
        }
        // The padding before a sentence stays at the front of `toks` from one sentence to the
        // next (made again with the padding), not copied in each time.
        let mut toks = std::mem::take(&mut cache.toks);
        match &cache.pads {
            Some(pads) if toks.len() < 2 => {
                toks.clear();
                toks.extend_from_slice(&pads[..2]);
            }
            _ => toks.truncate(2),
        }
        toks.reserve(infos.len() + 2);
        for c in infos {
            cache.push_token(self, c, &mut toks);
        }
        if let Some(pads) = &cache.pads {
            toks.extend_from_slice(&pads[2..]);
        }
        let mut back = std::mem::take(&mut cache.back);
        self.decode(infos, &toks, cache, &mut back, out);
        cache.toks = toks;
        cache.back = back;
    }

    /// The Viterbi pass over the tokens of the sentence (`toks`: their rows, marks and static
    /// scores, between two padding tokens on each side), and the way back along the best path:
    /// one tag per token into `out`.
    fn decode(&self, infos: &[TokInfo], toks: &[Tok], cache: &mut ScoreCache, back: &mut Vec<[u8; NTAGS]>, out: &mut Vec<usize>) {
        let n = infos.len();
        // Score lead beyond which a path is dropped: on UNER EWT test, 200 and more give the
        // same tags as no beam at all.
        const BEAM: i16 = 256;
        back.clear();
        back.reserve(n);
        // Path scores less the best one (so they stay small: every comparison, the beam's
        // included, is between scores of the same token), far below the beam for a tag without
        // a path. Before the sentence, the previous tag is `O` (and so is the one before).
        let mut delta = [i16::MIN; NTAGS];
        delta[0] = 0;
        let mut prev_best = [0u8; NTAGS];
        // One bit per tag whose path is within the beam (paths far behind the best cannot
        // catch up in practice: they are dropped).
        let mut live = 1u32;
        for (i, w) in toks.windows(5).enumerate() {
            let stat = self.static_scores(infos, i, w, cache);
            let tok = &w[2];
            let (rows, marks) = (&tok.form.tag_rows, cache.marks(tok.shape_marks));
            let candidate = |p: usize, t: usize| {
                delta[p] + self.weights(rows[p])[t] as i16 + marks[p][t] + self.steps[p * NTAGS + prev_best[p] as usize][t]
            };
            // For each tag, the best previous tag by what depends on it (the path so far, the
            // word with the previous tag, the transition); the token's static scores are the
            // same whatever the previous tag, so they are added after. Sixteen bits hold every
            // sum below: a path within the beam and five weights (the word's, two of its shape
            // and marks, two of the step) or a forbidden step. The first eight tags side by
            // side (`LANES`); the last, `I-MISC`, apart: only `B-MISC` and `I-MISC` may come
            // before it, and a forbidden step never wins over an allowed one (see
            // [`FORBIDDEN`]), so they are the only candidates that can give it a path.
            let mut best = Lanes::splat(i16::MIN);
            let mut best_p = Lanes::splat(0);
            let mut ps = live;
            while ps != 0 {
                let p = ps.trailing_zeros() as usize;
                ps &= ps - 1;
                let word = Lanes::widen(self.weights(rows[p]));
                let k = p * NTAGS + prev_best[p] as usize;
                debug_assert!(k < self.steps.len());
                // SAFETY: `p` is a tag, and so is each back pointer in `prev_best` (`O`, a tag of
                // `live`, or `B_MISC` or `I_MISC`: see below), so `k` is below NTAGS * NTAGS, the
                // number of rows of `steps` (each constructor makes it so).
                let step = unsafe { self.steps.get_unchecked(k) };
                let (marks, step) = (Lanes::load(&marks[p]), Lanes::load(step));
                let v = Lanes::splat(delta[p]).add(word).add(marks).add(step);
                // The tags come in increasing order, so the lanes that `p` wins take the greater
                // of `p` and their tag so far: `p`.
                best_p = best_p.max(v.greater(best).and(Lanes::load(&TAG_LANES[p])));
                best = best.max(v);
            }
            let (mut last, mut last_p) = (i16::MIN, 0u8);
            for p in [B_MISC, I_MISC] {
                if live & 1 << p != 0 {
                    let v = candidate(p, I_MISC);
                    if v > last {
                        (last, last_p) = (v, p as u8);
                    }
                }
            }
            // Then the static scores. A tag that only a forbidden step reaches (or none) stays
            // far behind: its best candidate is below -29,000 (see [`FORBIDDEN`]), a reached
            // tag's lies between -896 and 635, and the static scores (108 weights) are within
            // 13,824 of zero, so it ends over a thousand behind the best, out of the beam. The
            // sums saturate rather than wrap; those of reached tags fit sixteen bits.
            let next = best.saturating_add(Lanes::load(&stat));
            let next_last = last.saturating_add(stat[I_MISC]);
            let top = next.max_lane().max(next_last);
            let lanes = next.saturating_sub(Lanes::splat(top));
            delta[..LANES].copy_from_slice(&lanes.to_array());
            delta[I_MISC] = next_last.saturating_sub(top);
            live = lanes.at_least(-BEAM) | u32::from(delta[I_MISC] >= -BEAM) << I_MISC;
            let mut b = [0u8; NTAGS];
            b[..LANES].copy_from_slice(&best_p.bytes());
            b[I_MISC] = last_p;
            back.push(b);
            prev_best = b;
        }
        let mut t = (0..NTAGS).max_by_key(|&t| (delta[t], std::cmp::Reverse(t))).unwrap_or(0);
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = t;
            t = back[i][t] as usize;
        }
    }
}

/// A [`Sink`] that adds each feature's weights (a few: 16 bits hold the sums).
struct Summed<'a> {
    model: &'a Model,
    scores: [i16; NTAGS],
}

impl Sink for Summed<'_> {
    #[inline(always)]
    fn push(&mut self, feature: u64) {
        add8(&mut self.scores, self.model.weights_of(feature));
    }
}

impl Summed<'_> {
    /// The sums of the features that `features` pushes.
    #[inline(always)]
    fn of(model: &Model, features: impl FnOnce(&mut Summed)) -> [i16; NTAGS] {
        let mut s = Summed { model, scores: [0; NTAGS] };
        features(&mut s);
        s.scores
    }
}

#[inline(always)]
fn add8(scores: &mut [i16; NTAGS], row: &[i8; NTAGS]) {
    for k in 0..NTAGS {
        scores[k] += row[k] as i16;
    }
}

#[inline(always)]
fn add16(scores: &mut [i16; NTAGS], part: &[i16; NTAGS]) {
    for k in 0..NTAGS {
        scores[k] += part[k];
    }
}

/// Each tag in every lane (a load costs less than spreading one).
static TAG_LANES: [[i16; NTAGS]; NTAGS] = {
    let mut t = [[0; NTAGS]; NTAGS];
    let mut p = 0;
    while p < NTAGS {
        t[p] = [p as i16; NTAGS];
        p += 1;
    }
    t
};

const B_MISC: usize = 7;
const I_MISC: usize = 8;

/// Score of a step to a tag that may not follow the previous one (`I-X` after anything but
/// `B-X` or `I-X`): a candidate through it scores between -30,000 - 256 - 128 - 256 (beam,
/// word, shape and marks) and -30,000 + 127 + 254, one through an allowed step at least
/// -256 - 128 - 256 - 256 (beam, word, shape and marks, step).
const FORBIDDEN: i16 = -30_000;

/// The parts of a [`WordScores`]: the word's own features, its features as the previous word of
/// a token (by that token's capital flag: two slots), as the next word (two slots).
const UNIGRAM: usize = 0;
const PREV: usize = 1;
const NEXT: usize = 3;
const PARTS: usize = 5;

/// Everything the tagger sums about one word form (keyed by [`unigram_key`]), all summed when
/// the entry is made. Each part sums at most 59 one-byte weights (a word's own features with all
/// 16 gazetteer marks; a neighbour's have at most 19), so 16 bits hold it.
#[derive(Clone, Copy)]
struct WordScores {
    parts: [[i16; NTAGS]; PARTS],
}

const NO_SCORES: WordScores = WordScores { parts: [[0; NTAGS]; PARTS] };

/// The entries of `ScoreCache::words` reserved for the padding before and after a sentence
/// (only their parts as a neighbour are read: see `Model::pad_toks`).
const PAD_BEFORE_ID: u32 = 0;
const PAD_AFTER_ID: u32 = 1;

/// What the tagger keeps about a word form (by `TokInfo::form`): the values its features take
/// from it alone, and its [`WordScores`] entries.
#[derive(Clone, Copy)]
struct Form {
    /// [`form_check`] of the word it is about (a form number is a hint: it is checked against
    /// the token).
    check: u64,
    /// What each of its tokens takes from it.
    facts: FormFacts,
    /// Entries by the first-of-sentence flag (a form has at least one: the slots of numbers not
    /// seen yet have none).
    entries: [FormEntry; 2],
}

/// The entries of a word form for tokens with some flags and gazetteer marks.
#[derive(Clone, Copy)]
struct FormEntry {
    /// The flags (`TokInfo::flags`, all below 2^16) and marks of the tokens it is for.
    flags: u16,
    gaz: u16,
    /// Its [`WordScores`] entry (`u32::MAX`: none yet) and shape-and-marks entry.
    id: u32,
    shape_marks: u32,
}

const NO_ENTRY: FormEntry = FormEntry { flags: 0, gaz: 0, id: u32::MAX, shape_marks: 0 };

const NO_FORM: Form = Form { check: 0, facts: NO_FACTS, entries: [NO_ENTRY; 2] };

/// The values a word form's features take from it alone, as its tokens carry them (one block,
/// copied whole).
#[derive(Clone, Copy)]
struct FormFacts {
    /// `mix` of its lower-case hash, and of its shape.
    mixed: u64,
    mixed_shape: u64,
    /// Table rows of the word as the word two before a token and two after ([`far_hashes`]).
    far: [u32; 2],
    /// Number of its shape.
    shape: u32,
    /// Table rows of the word with each previous tag ([`word_tag_hash`]).
    tag_rows: [u32; NTAGS],
}

const NO_FACTS: FormFacts = FormFacts { mixed: 0, mixed_shape: 0, far: [0; 2], shape: 0, tag_rows: [0; NTAGS] };

impl Form {
    /// Whether this is the form of token `c` (a slot without entries is no form at all).
    #[inline(always)]
    fn is_of(&self, c: &TokInfo) -> bool {
        self.check == form_check(c) && (self.entries[0].id != u32::MAX || self.entries[1].id != u32::MAX)
    }

    /// What the static scores need of token `c` of this form, with its entries `e`.
    #[inline(always)]
    fn tok(&self, c: &TokInfo, e: FormEntry) -> Tok {
        Tok { id: e.id, shape_marks: e.shape_marks, flags: c.flags, lower: c.lower, form: self.facts }
    }
}

/// What tells word forms apart: the hash of the word as written and its shape (which also
/// depends on the token's kind); the lower-case hash follows from the word.
#[inline(always)]
fn form_check(c: &TokInfo) -> u64 {
    c.exact ^ c.shape.rotate_left(32)
}

/// What the static scores need of one token, found once per sentence.
#[derive(Clone, Copy)]
struct Tok {
    /// Its [`WordScores`] entry.
    id: u32,
    /// Its entry in `ScoreCache::shape_marks`.
    shape_marks: u32,
    /// Its flags (`TokInfo::flags`) and lower-case hash.
    flags: u32,
    lower: u64,
    /// Its form's values (the shape's number for the shape-context key).
    form: FormFacts,
}

/// Score parts of words already seen in a document, keyed by everything their features read.
pub struct ScoreCache {
    index: IdHashMap<u32>,
    words: Vec<WordScores>,
    /// Shape-context entries by the shapes (numbers) and flags around a token, and their sums
    /// (at most five weights).
    shapes: NumberTable,
    /// The last entry of `shapes` found in each of its slots (by a multiplicative hash of the
    /// packed key), with that key (`u32::MAX`: none): most tokens find theirs here, without the
    /// table. An array: a slot number (the hash's top bits) needs no bounds check.
    recent_shapes: Box<[(u64, u32); 1 << RECENT_BITS]>,
    shape_sums: Vec<[i16; NTAGS]>,
    /// Number of each shape seen, by its `mix`.
    shape_ids: NumberTable,
    /// The sums of [`shape_marks_tag_hashes`] with each previous tag, by shape and gazetteer
    /// marks (entries keyed by the shape's number and the marks).
    shape_marks_index: IdHashMap<u32>,
    /// The entries of `shape_marks` without marks, by shape number (`u32::MAX`: none yet).
    plain_shape_marks: Vec<u32>,
    shape_marks: Vec<[[i16; NTAGS]; NTAGS]>,
    /// By `TokInfo::form`.
    forms: Vec<Form>,
    /// Each token of the sentence being tagged.
    toks: Vec<Tok>,
    /// Viterbi back pointers of the sentence being tagged.
    back: Vec<[u8; NTAGS]>,
    /// The padding tokens of every sentence (`Model::pad_toks`), twice before and twice after,
    /// made once: they hold shape numbers, so they go when the shapes do (and `toks` with them).
    pads: Option<[Tok; 4]>,
}

impl Default for ScoreCache {
    fn default() -> ScoreCache {
        ScoreCache {
            index: IdHashMap::with_capacity_and_hasher(2048, Default::default()),
            words: vec![NO_SCORES; 2],
            shapes: NumberTable::with_capacity(256),
            recent_shapes: Box::new([(0, u32::MAX); 1 << RECENT_BITS]),
            shape_sums: Vec::with_capacity(256),
            shape_ids: NumberTable::with_capacity(256),
            shape_marks_index: IdHashMap::with_capacity_and_hasher(256, Default::default()),
            plain_shape_marks: Vec::new(),
            shape_marks: Vec::with_capacity(256),
            forms: Vec::with_capacity(2048),
            toks: Vec::new(),
            back: Vec::new(),
            pads: None,
        }
    }
}

/// Bits of a shape number in a shape-context key (three numbers, a token's flags and three
/// flags of the previous one make 64 bits); the cache starts over long before there are more
/// shapes.
const SHAPE_BITS: u32 = 17;

/// Slots of `ScoreCache::recent_shapes`: 2^12 (64 KB).
const RECENT_BITS: u32 = 12;

impl ScoreCache {
    /// Entries kept before the cache starts over (bounds memory on huge inputs; the 1 MB bench
    /// text needs about 60,000). The word entries and forms start over sooner, with the memory
    /// of word forms (`Tagger` clears them together): about 55,000 entries of 90 bytes and
    /// 50,000 forms of 96 at most.
    const LIMIT: usize = 100_000;

    fn len(&self) -> usize {
        self.words.len() + self.shapes.len() + self.shape_ids.len() + self.shape_marks.len()
    }

    /// Forget everything, keeping the memory.
    pub fn clear(&mut self) {
        self.clear_words();
        self.shapes.clear();
        self.recent_shapes.fill((0, u32::MAX));
        self.shape_sums.clear();
        self.shape_ids.clear();
        self.shape_marks_index.clear();
        self.plain_shape_marks.clear();
        self.shape_marks.clear();
        self.pads = None;
        self.toks.clear();
    }

    /// Room for `forms` word forms and as many word entries in all.
    pub fn reserve(&mut self, forms: usize) {
        self.forms.reserve_exact(forms.saturating_sub(self.forms.len()));
        self.words.reserve_exact((forms + 2).saturating_sub(self.words.len()));
    }

    /// Forget every word form and word entry (not the shapes), keeping the memory: for when the
    /// memory of word forms (`Scratch`) starts over and numbers its forms anew.
    pub fn clear_words(&mut self) {
        self.index.clear();
        self.words.truncate(2);
        self.forms.clear();
    }

    /// The entry of the word form of token `c`, summed if new. A form seen for the first time
    /// has no entry yet (its word is new), so it skips the index: only the entries of forms seen
    /// before in other flags or marks are kept there, for the form to find them again when the
    /// flags or marks come back ("New" alone, then in "New York", then alone again).
    fn entry_of(&mut self, model: &Model, c: &TokInfo, form_known: bool) -> u32 {
        let key = form_known.then(|| unigram_key(c));
        if let Some(&id) = key.and_then(|k| self.index.get(&k)) {
            return id;
        }
        let unigram = Summed::of(model, |o| unigram_features(c, o));
        // A word's parts as a neighbour read the current token's capital flag only through the
        // word's gazetteer marks.
        let (prev, next) = if neighbour_reads_cap(c) {
            (
                [Summed::of(model, |o| prev_features(c, 0, o)), Summed::of(model, |o| prev_features(c, 1, o))],
                [Summed::of(model, |o| next_features(c, 0, o)), Summed::of(model, |o| next_features(c, 1, o))],
            )
        } else {
            let (p, n) = (Summed::of(model, |o| prev_features(c, 0, o)), Summed::of(model, |o| next_features(c, 0, o)));
            ([p; 2], [n; 2])
        };
        let id = self.words.len() as u32;
        self.words.push(WordScores { parts: [unigram, prev[0], prev[1], next[0], next[1]] });
        if let Some(k) = key {
            self.index.insert(k, id);
        }
        id
    }

    /// The parts of word entry `id`: that of a token's form or of the padding.
    #[inline(always)]
    fn parts(&self, id: u32) -> &[[i16; NTAGS]; PARTS] {
        debug_assert!((id as usize) < self.words.len());
        // SAFETY: a token's entry is an index that `entry_of` pushed, kept in the forms, or one
        // of the two reserved for the padding; `words` only shrinks in `clear_words`, which
        // forgets the forms too and keeps the reserved two, and `Model::tag` finds every token's
        // entry after any clearing.
        unsafe { &self.words.get_unchecked(id as usize).parts }
    }

    /// The shape-and-marks sums of entry `e` (a token's, from its form).
    #[inline(always)]
    fn marks(&self, e: u32) -> &[[i16; NTAGS]; NTAGS] {
        debug_assert!((e as usize) < self.shape_marks.len());
        // SAFETY: a token's entry is an index that `shape_marks_entry` pushed or kept in
        // `shape_marks_index` or `plain_shape_marks`; `shape_marks` is only cleared in `clear`,
        // with those and the forms, and `Model::tag` finds every token's entry after any clearing.
        unsafe { self.shape_marks.get_unchecked(e as usize) }
    }

    /// The number of a shape, by its `mix`.
    fn shape_id(&mut self, mixed_shape: u64) -> u32 {
        let next = self.shape_ids.len() as u32;
        self.shape_ids.get_or_insert(mixed_shape, next).0
    }

    /// What the scores need of token `c` pushed on `toks`: from its form when the form is known.
    #[inline]
    fn push_token(&mut self, model: &Model, c: &TokInfo, toks: &mut Vec<Tok>) {
        if let Some(form) = self.forms.get(c.form as usize) {
            let e = form.entries[(c.flags >> 2 & 1) as usize];
            if form.check == form_check(c) && e.id != u32::MAX && e.flags as u32 == c.flags && e.gaz == c.gaz {
                toks.push(form.tok(c, e));
                return;
            }
        }
        self.push_new_token(model, c, toks);
    }

    /// [`ScoreCache::push_token`] the first time: the form's values, or its entries for these flags
    /// and marks, are found and kept. Not inlined: about one token in six comes here, and the
    /// per-token loop is tighter without it.
    #[inline(never)]
    fn push_new_token(&mut self, model: &Model, c: &TokInfo, toks: &mut Vec<Tok>) {
        let f = c.form as usize;
        let (mut form, known) = match self.forms.get(f) {
            Some(k) if k.is_of(c) => (*k, true),
            _ => {
                let [before, after] = far_hashes(c.lower);
                let (mixed, mixed_shape) = (mix(c.lower), mix(c.shape));
                let facts = FormFacts {
                    mixed,
                    mixed_shape,
                    far: [model.row(before), model.row(after)],
                    shape: self.shape_id(mixed_shape),
                    tag_rows: std::array::from_fn(|p| model.row(word_tag_hash(mixed, p))),
                };
                let form = Form { check: form_check(c), facts, entries: [NO_ENTRY; 2] };
                (form, false)
            }
        };
        let id = self.entry_of(model, c, known);
        let shape_marks = self.shape_marks_entry(model, form.facts.shape, form.facts.mixed_shape, c.gaz);
        let e = FormEntry { flags: c.flags as u16, gaz: c.gaz, id, shape_marks };
        form.entries[(c.flags >> 2 & 1) as usize] = e;
        // Form numbers are dense from 0 (`Scratch`): most new ones come next; a far one is not
        // kept.
        if f == self.forms.len() {
            self.forms.push(form);
        } else if f < self.forms.len() + 4096 {
            if f > self.forms.len() {
                self.forms.resize(f + 1, NO_FORM);
            }
            self.forms[f] = form;
        }
        toks.push(form.tok(c, e));
    }

    /// The entry of a shape (its number and `mix`) with gazetteer marks `gaz` in `shape_marks`,
    /// summed the first time.
    fn shape_marks_entry(&mut self, model: &Model, shape: u32, mixed_shape: u64, gaz: u16) -> u32 {
        // Most words have no marks: theirs are found by the shape's number alone.
        if gaz == 0 {
            if let Some(&e) = self.plain_shape_marks.get(shape as usize).filter(|&&e| e != u32::MAX) {
                return e;
            }
        }
        let key = mix((shape as u64) << 16 | gaz as u64);
        if let Some(&e) = self.shape_marks_index.get(&key) {
            return e;
        }
        let sums = std::array::from_fn(|p| model.sum16(&shape_marks_tag_hashes(mixed_shape, gaz, p)));
        let e = self.shape_marks.len() as u32;
        self.shape_marks.push(sums);
        self.shape_marks_index.insert(key, e);
        if gaz == 0 {
            let s = shape as usize;
            if s >= self.plain_shape_marks.len() {
                self.plain_shape_marks.resize(s + 1, u32::MAX);
            }
            self.plain_shape_marks[s] = e;
        }
        e
    }

    /// The shape-context entry of a token with flags `flags` whose shape, the previous token's
    /// and the next token's have the numbers `shapes` (previous, own, next), after a token with
    /// flags `p1_flags`: what `shape_context_features` reads. Summed by `fill` the first time.
    #[inline]
    fn shape_entry(&mut self, shapes: [u32; 3], p1_flags: u32, flags: u32, fill: impl FnOnce() -> [i16; NTAGS]) -> u32 {
        // Everything the entry depends on, packed into 64 bits (one value per entry), then
        // mixed for the table; the recent ones are found by the packed value itself.
        let packed = ((shapes[0] | shapes[1] | shapes[2]) < 1 << SHAPE_BITS && flags < 1 << 10).then(|| {
            shapes[0] as u64
                | (shapes[1] as u64) << SHAPE_BITS
                | (shapes[2] as u64) << (2 * SHAPE_BITS)
                | ((p1_flags & 7) as u64) << (3 * SHAPE_BITS)
                | (flags as u64) << (3 * SHAPE_BITS + 3)
        });
        let slot = packed.map_or(0, |p| (p.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - RECENT_BITS)) as usize);
        if let Some(p) = packed {
            let (rp, re) = self.recent_shapes[slot];
            if rp == p && re != u32::MAX {
                return re;
            }
            if let Some(e) = self.shapes.get(mix(p)) {
                self.recent_shapes[slot] = (p, e);
                return e;
            }
        }
        let e = self.shape_sums.len() as u32;
        self.shape_sums.push(fill());
        if let Some(p) = packed {
            self.shapes.insert(mix(p), e);
            self.recent_shapes[slot] = (p, e);
        }
        e
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
        let (mut infos, mut got) = (Vec::new(), Vec::new());
        // Twice: the second time every word is in the caches.
        let mut names = 0;
        for text in sentences().iter().chain(&sentences()) {
            let toks = tokenize(text, Span::new(0, text.len()));
            token_infos(text, &toks, gaz, &mut scratch, &mut infos);
            m.tag(&infos, &mut cache, &mut got);
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
        let (mut infos, mut got) = (Vec::new(), Vec::new());
        let all = sentences();
        for (k, text) in all.iter().enumerate() {
            let toks = tokenize(text, Span::new(0, text.len()));
            let scratch = if k % 2 == 0 { &mut a } else { &mut b };
            token_infos(text, &toks, gaz, scratch, &mut infos);
            m.tag(&infos, &mut cache, &mut got);
            assert_eq!(got, plain_tags(m, &infos), "tags of {text:?}");
        }
    }
}
