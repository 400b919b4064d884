//! The Report contract on the wire: camelCase JSON shared by the CLI and the JS API, with every
//! span's `start`/`end` in UTF-16 code units (what `String.prototype.slice` counts) and its `text`.
//! This is the only place that knows the JSON shape; the analysis core stays plain Rust.

use serde::{Serialize, Serializer};

use crate::analysis::{self, DiffOp, DuplicateKind, Level, Report};

/// Bumped when a change would break a consumer of the JSON.
pub const REPORT_VERSION: u32 = 1;

/// Converts byte offsets of one text to UTF-16 offsets in O(1) per call.
pub struct Utf16Map<'a> {
    text: &'a str,
    ascii: bool,
    /// For each block of `STEP` bytes, the UTF-16 code units of the characters that start before
    /// it: a char boundary's offset is its block's count plus those of the characters that start
    /// in its block before it (under `STEP` bytes to count, whatever the text).
    blocks: Vec<usize>,
    /// The last offset converted and its UTF-16 offset: offsets asked for in order (a list's
    /// starts and ends) are counted on from it when it lies between their block's start and them.
    last: std::cell::Cell<(usize, usize)>,
}

const STEP: usize = 64;

impl<'a> Utf16Map<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut blocks = Vec::new();
        if !ascii {
            // `utf16_len` counts the characters that start in a stretch of bytes (and one more for
            // each that takes four), so the blocks' counts add up whatever the boundaries.
            blocks.reserve_exact(text.len() / STEP + 1);
            let mut units = 0;
            for block in text.as_bytes().chunks(STEP) {
                blocks.push(units);
                units += utf16_len(block);
            }
            blocks.push(units);
        }
        Utf16Map { text, ascii, blocks, last: std::cell::Cell::new((0, 0)) }
    }

    /// UTF-16 offset of byte offset `byte` (which must be a char boundary).
    pub fn at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let byte = byte.min(self.text.len());
        let k = byte / STEP;
        // From the block's start, or from the last offset if it lies between (a char boundary,
        // and the count of a stretch is the sum of its parts' counts).
        let (mut b0, mut u0) = (k * STEP, self.blocks[k]);
        let (lb, lu) = self.last.get();
        if (b0..=byte).contains(&lb) {
            (b0, u0) = (lb, lu);
        }
        let u = u0 + utf16_len(&self.text.as_bytes()[b0..byte]);
        self.last.set((byte, u));
        u
    }
}

/// UTF-16 code units of whole UTF-8 characters: one per character (a byte that does not
/// continue one), and one more for each four-byte character (a surrogate pair).
fn utf16_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Eight bytes at a time: a continuation byte has its top two bits 10, a four-byte
    // character's first byte its top four 1111 (each byte's bit 7 tests them, the shifts bringing
    // bits 6, 5 and 4 of the same byte there).
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().unwrap_or_default());
        let continuation = x & !(x << 1) & HIGH;
        let four = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        n += 8 - continuation.count_ones() as usize + four.count_ones() as usize;
    }
    n + chunks.remainder().iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum::<usize>()
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Span<'a> {
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "slice_text")]
    pub text: &'a str,
}

#[derive(Serialize, Debug)]
pub struct Paragraph<'a> {
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "slice_text")]
    pub text: &'a str,
    pub kind: &'static str,
}

#[derive(Serialize, Debug)]
pub struct Sentence<'a> {
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "slice_text")]
    pub text: &'a str,
    pub paragraph: usize,
}

#[derive(Serialize, Debug)]
pub struct DiffRun<'a> {
    pub op: &'static str,
    pub text: &'a str,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Duplicate<'a> {
    pub kind: &'static str,
    pub level: &'static str,
    pub similarity: f64,
    pub first: Span<'a>,
    pub repeat: Span<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<Vec<DiffRun<'a>>>,
    /// Facts that differ between the versions (`amount`, `number`, `date`, `time`, `name`).
    pub conflicts: Vec<Conflict<'a>>,
    /// A quotation deliberately repeated once as a pull quote.
    pub pull_quote: bool,
}

#[derive(Serialize, Debug)]
pub struct Conflict<'a> {
    pub kind: &'static str,
    pub first: Span<'a>,
    pub repeat: Span<'a>,
}

#[derive(Serialize, Debug)]
pub struct Boilerplate<'a> {
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "slice_text")]
    pub text: &'a str,
    pub reason: &'static str,
}

#[derive(Serialize, Debug)]
pub struct Entity<'a> {
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "slice_text")]
    pub text: &'a str,
    pub label: &'static str,
    pub group: usize,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Readability {
    pub flesch_reading_ease: Option<f64>,
    pub flesch_kincaid_grade: Option<f64>,
    pub gunning_fog: Option<f64>,
    pub smog: Option<f64>,
    pub coleman_liau: Option<f64>,
    pub automated_readability_index: Option<f64>,
    pub dale_chall: Option<f64>,
    /// `[lowest, highest]` US grade of the Dale-Chall score; `highest` is null for "16 and above".
    pub dale_chall_grade: Option<[Option<f64>; 2]>,
    pub linsear_write: Option<f64>,
    pub spache: Option<f64>,
    pub lix: Option<f64>,
    pub rix: Option<f64>,
    pub consensus_grade: Option<f64>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WordCount {
    pub word: String,
    pub count: usize,
}

/// One sentence's difficulty; `start`/`end` are UTF-16 offsets into the text the stats are of
/// (`cleanText` for the clean figures, the input for `raw`).
#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct SentenceDifficulty {
    pub start: usize,
    pub end: usize,
    pub words: usize,
    pub grade: Option<f64>,
    /// `normal`, `hard` or `veryHard`.
    pub level: &'static str,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct StatsWarning {
    pub formula: &'static str,
    pub code: &'static str,
    pub message: String,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Counts<L = Vec<SentenceDifficulty>> {
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub characters: usize,
    pub characters_no_spaces: usize,
    pub letters: usize,
    pub syllables: usize,
    pub unique_words: usize,
    pub monosyllables: usize,
    pub polysyllables: usize,
    pub complex_words: usize,
    pub long_words: usize,
    pub difficult_words: usize,
    pub reading_time_seconds: f64,
    pub speaking_time_seconds: f64,
    pub reading_wpm: f64,
    pub speaking_wpm: f64,
    pub readability: Readability,
    pub type_token_ratio: Option<f64>,
    pub mtld: Option<f64>,
    pub top_words: Vec<WordCount>,
    /// A list of [`SentenceDifficulty`] (written from the Report item by item by [`write_compact`]).
    pub sentence_difficulty: L,
    pub warnings: Vec<StatsWarning>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Stats<L = Vec<SentenceDifficulty>> {
    #[serde(flatten)]
    pub clean: Counts<L>,
    /// The same figures for the text as given, boilerplate and repeats included.
    pub raw: Counts<L>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WireReport<'a> {
    pub version: u32,
    pub paragraphs: Vec<Paragraph<'a>>,
    pub sentences: Vec<Sentence<'a>>,
    pub duplicates: Vec<Duplicate<'a>>,
    pub boilerplate: Vec<Boilerplate<'a>>,
    pub entities: Vec<Entity<'a>>,
    pub stats: Stats,
    pub clean_text: &'a str,
}

/// The wire form of `s`, the statistics of `text` (`map` is `text`'s).
fn counts(s: &analysis::Stats, text: &str, map: &Utf16Map) -> Counts {
    counts_with(s, s.sentence_difficulty.iter().map(|d| difficulty(d, text, map)).collect())
}

/// One sentence's difficulty in `text` (`map` is `text`'s).
fn difficulty(d: &analysis::SentenceDifficulty, text: &str, map: &Utf16Map) -> SentenceDifficulty {
    SentenceDifficulty {
        start: map.at(d.span.start.min(text.len())),
        end: map.at(d.span.end.min(text.len())),
        words: d.words,
        grade: d.grade.map(round3),
        level: d.level.as_str(),
    }
}

/// The wire form of `s` with `sentence_difficulty` as its list of sentence difficulties.
fn counts_with<L>(s: &analysis::Stats, sentence_difficulty: L) -> Counts<L> {
    let r = &s.readability;
    Counts {
        words: s.words,
        sentences: s.sentences,
        paragraphs: s.paragraphs,
        characters: s.characters,
        characters_no_spaces: s.characters_no_spaces,
        letters: s.letters,
        syllables: s.syllables,
        unique_words: s.unique_words,
        monosyllables: s.monosyllables,
        polysyllables: s.polysyllables,
        complex_words: s.complex_words,
        long_words: s.long_words,
        difficult_words: s.difficult_words,
        reading_time_seconds: round3(s.reading_time_seconds),
        speaking_time_seconds: round3(s.speaking_time_seconds),
        reading_wpm: s.reading_wpm,
        speaking_wpm: s.speaking_wpm,
        readability: Readability {
            flesch_reading_ease: r.flesch_reading_ease.map(round3),
            flesch_kincaid_grade: r.flesch_kincaid_grade.map(round3),
            gunning_fog: r.gunning_fog.map(round3),
            smog: r.smog.map(round3),
            coleman_liau: r.coleman_liau.map(round3),
            automated_readability_index: r.automated_readability_index.map(round3),
            dale_chall: r.dale_chall.map(round3),
            dale_chall_grade: r.dale_chall_grade.map(|(lo, hi)| [Some(lo), hi.is_finite().then_some(hi)]),
            linsear_write: r.linsear_write.map(round3),
            spache: r.spache.map(round3),
            lix: r.lix.map(round3),
            rix: r.rix.map(round3),
            consensus_grade: r.consensus_grade.map(round3),
        },
        type_token_ratio: s.type_token_ratio.map(round3),
        mtld: s.mtld.map(round3),
        top_words: s.top_words.iter().map(|w| WordCount { word: w.word.clone(), count: w.count }).collect(),
        sentence_difficulty,
        warnings: s
            .warnings
            .iter()
            .map(|w| StatsWarning { formula: w.formula, code: w.code, message: w.message.clone() })
            .collect(),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Builds each field of the wire form from the Report, on demand.
struct Parts<'a, 'm> {
    text: &'a str,
    report: &'a Report,
    map: &'m Utf16Map<'a>,
}

impl<'a> Parts<'a, '_> {
    fn span(&self, s: analysis::Span) -> Span<'a> {
        Span { start: self.map.at(s.start), end: self.map.at(s.end), text: s.slice(self.text) }
    }

    fn paragraphs(&self) -> Vec<Paragraph<'a>> {
        self.report.paragraphs.iter().map(|p| self.paragraph(p)).collect()
    }

    fn paragraph(&self, p: &analysis::Paragraph) -> Paragraph<'a> {
        let s = self.span(p.span);
        Paragraph { start: s.start, end: s.end, text: s.text, kind: p.kind.as_str() }
    }

    fn sentences(&self) -> Vec<Sentence<'a>> {
        self.report.sentences.iter().map(|x| self.sentence(x)).collect()
    }

    fn sentence(&self, x: &analysis::Sentence) -> Sentence<'a> {
        let s = self.span(x.span);
        Sentence { start: s.start, end: s.end, text: s.text, paragraph: x.paragraph }
    }

    fn duplicates(&self) -> Vec<Duplicate<'a>> {
        self.report
            .duplicates
            .iter()
            .map(|d| Duplicate {
                kind: match d.kind {
                    DuplicateKind::Exact => "exact",
                    DuplicateKind::Near => "near",
                },
                level: match d.level {
                    Level::Paragraph => "paragraph",
                    Level::Sentence => "sentence",
                },
                similarity: round3(d.similarity),
                first: self.span(d.first),
                repeat: self.span(d.repeat),
                conflicts: d
                    .conflicts
                    .iter()
                    .map(|c| Conflict { kind: c.kind, first: self.span(c.first), repeat: self.span(c.repeat) })
                    .collect(),
                pull_quote: d.pull_quote,
                diff: d.diff.as_ref().map(|ops| {
                    ops.iter()
                        .map(|op| match op {
                            DiffOp::Equal(t) => DiffRun { op: "equal", text: t.as_str() },
                            DiffOp::Insert(t) => DiffRun { op: "insert", text: t.as_str() },
                            DiffOp::Delete(t) => DiffRun { op: "delete", text: t.as_str() },
                        })
                        .collect()
                }),
            })
            .collect()
    }

    fn boilerplate(&self) -> Vec<Boilerplate<'a>> {
        self.report
            .boilerplate
            .iter()
            .map(|b| {
                let s = self.span(b.span);
                Boilerplate { start: s.start, end: s.end, text: s.text, reason: b.reason }
            })
            .collect()
    }

    fn entities(&self) -> Vec<Entity<'a>> {
        self.report
            .entities
            .iter()
            .map(|e| {
                let s = self.span(e.span);
                Entity { start: s.start, end: s.end, text: s.text, label: e.label.as_str(), group: e.group }
            })
            .collect()
    }

    fn stats(&self) -> Stats {
        let clean = &self.report.clean_text;
        // The raw statistics are of the analyzed text, whose map is at hand.
        Stats { clean: counts(&self.report.stats, clean, &Utf16Map::new(clean)), raw: counts(&self.report.raw_stats, self.text, self.map) }
    }
}

/// Build the wire form of `report` for `text` (the text that was analyzed).
pub fn to_wire<'a>(text: &'a str, report: &'a Report) -> WireReport<'a> {
    let map = Utf16Map::new(text);
    let parts = Parts { text, report, map: &map };
    WireReport {
        version: REPORT_VERSION,
        paragraphs: parts.paragraphs(),
        sentences: parts.sentences(),
        duplicates: parts.duplicates(),
        boilerplate: parts.boilerplate(),
        entities: parts.entities(),
        stats: parts.stats(),
        clean_text: &report.clean_text,
    }
}

/// A list serialized item by item from an iterator, never held whole (serde writes a `Vec` of the
/// same items as the same JSON).
struct Streamed<I>(std::cell::Cell<Option<I>>);

impl<I> Streamed<I> {
    fn new(items: I) -> Self {
        Streamed(std::cell::Cell::new(Some(items)))
    }
}

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Streamed<I> {
    /// Serialized once (a second time, it is empty).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.take().into_iter().flatten())
    }
}

/// The sentence difficulties of `s`, the statistics of `text` (`map` is `text`'s), as a list to write.
fn difficulties<'x>(s: &'x analysis::Stats, text: &'x str, map: &'x Utf16Map) -> Streamed<impl Iterator<Item = SentenceDifficulty> + 'x> {
    Streamed::new(s.sentence_difficulty.iter().map(move |d| difficulty(d, text, map)))
}

/// Write the wire form of `report` as compact JSON, the same bytes as serializing [`to_wire`], but
/// one field at a time, the long lists (paragraphs, sentences, sentence difficulties) item by
/// item: only a short field's wire form is in memory at once (a 10 MB text's whole wire form
/// would take several times the text, and its lists alone several times the Report on a text
/// of one-word lines).
pub fn write_compact<W: std::io::Write>(mut out: W, text: &str, report: &Report) -> serde_json::Result<()> {
    let map = Utf16Map::new(text);
    let parts = Parts { text, report, map: &map };
    let io = serde_json::Error::io;
    write!(out, "{{\"version\":{REPORT_VERSION},\"paragraphs\":").map_err(io)?;
    serde_json::to_writer(&mut out, &Streamed::new(report.paragraphs.iter().map(|p| parts.paragraph(p))))?;
    out.write_all(b",\"sentences\":").map_err(io)?;
    serde_json::to_writer(&mut out, &Streamed::new(report.sentences.iter().map(|x| parts.sentence(x))))?;
    out.write_all(b",\"duplicates\":").map_err(io)?;
    serde_json::to_writer(&mut out, &parts.duplicates())?;
    out.write_all(b",\"boilerplate\":").map_err(io)?;
    serde_json::to_writer(&mut out, &parts.boilerplate())?;
    out.write_all(b",\"entities\":").map_err(io)?;
    serde_json::to_writer(&mut out, &parts.entities())?;
    out.write_all(b",\"stats\":").map_err(io)?;
    let clean = &report.clean_text;
    let clean_map = Utf16Map::new(clean);
    let stats = Stats {
        clean: counts_with(&report.stats, difficulties(&report.stats, clean, &clean_map)),
        raw: counts_with(&report.raw_stats, difficulties(&report.raw_stats, text, &map)),
    };
    serde_json::to_writer(&mut out, &stats)?;
    out.write_all(b",\"cleanText\":").map_err(io)?;
    serde_json::to_writer(&mut out, &report.clean_text)?;
    out.write_all(b"}").map_err(io)
}

thread_local! {
    /// Set while [`serialize_for_js`] runs.
    static SLICES_AS_NULL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A span's `text`, which is always the analyzed text from `start` to `end`: the text itself, or
/// `null` while [`serialize_for_js`] runs.
fn slice_text<S: Serializer>(text: &&str, s: S) -> Result<S::Ok, S::Error> {
    if SLICES_AS_NULL.with(|on| on.get()) {
        s.serialize_none()
    } else {
        s.serialize_str(text)
    }
}

/// Serialize `wire` with `null` for the `text` of every paragraph, sentence, junk line, entity and
/// repeated or conflicting passage: the JS API's wrapper (npm/index.js) puts back each as a slice
/// of the string it was given (`text.slice(start, end)`), which costs a JS engine next to nothing,
/// where a copy decoded from the WebAssembly memory costs a call and a decode for each of tens of
/// thousands of strings. The diff runs and the clean text are serialized as they are.
pub fn serialize_for_js<S: Serializer>(wire: &WireReport, s: S) -> Result<S::Ok, S::Error> {
    SLICES_AS_NULL.with(|on| on.set(true));
    let out = wire.serialize(s);
    SLICES_AS_NULL.with(|on| on.set(false));
    out
}

/// The bulky lists of a wire Report as numbers, for the JS API's wrapper (npm/index.js), which
/// builds their objects back (taking each `text` as a slice of the string it passed): for tens of
/// thousands of small objects that is several times cheaper, under Node, than writing them as JSON
/// here, decoding that to a JS string and parsing it there. See [`take_columns`].
#[derive(Debug, Default, PartialEq)]
pub struct Columns {
    /// For each list in the order paragraphs, sentences, junk lines, entities, then the clean and
    /// the raw statistics' sentence difficulties: its length, then each item's numbers in the
    /// order of its fields (offsets, indexes and counts; a name as its index in `names`), the
    /// text and the grade left out. (A wasm32 `usize` is a `u32`.)
    pub ints: Vec<u32>,
    /// The sentence difficulties' grades, clean then raw, NaN for none (`null`).
    pub grades: Vec<f64>,
    /// The names (paragraph kinds, junk reasons, entity labels, difficulty levels) that `ints`
    /// points to.
    pub names: Vec<&'static str>,
}

impl Columns {
    fn int(&mut self, v: usize) {
        self.ints.push(u32::try_from(v).unwrap_or(u32::MAX));
    }

    /// A list: its length, then what `each` writes of every item (the wrapper's `Columns`,
    /// npm/index.js, reads it back).
    fn list<T>(&mut self, items: Vec<T>, mut each: impl FnMut(&mut Self, T)) {
        self.int(items.len());
        for item in items {
            each(self, item);
        }
    }

    fn entities(&mut self, entities: Vec<Entity>) {
        self.list(entities, |c, e| {
            c.int(e.start);
            c.int(e.end);
            c.name(e.label);
            c.int(e.group);
        });
    }

    fn name(&mut self, name: &'static str) {
        // The names are the analysis's string constants: found by address first (no bytes
        // compared, for hundreds of thousands of items), by value where a constant has two copies.
        let same_place = |&n: &&str| std::ptr::eq(n.as_ptr(), name.as_ptr()) && n.len() == name.len();
        let i = match self.names.iter().position(same_place).or_else(|| self.names.iter().position(|&n| n == name)) {
            Some(i) => i,
            None => {
                self.names.push(name);
                self.names.len() - 1
            }
        };
        self.int(i);
    }
}

/// The entities of `text` (its Report's, `analysis::entities_of`) as [`Columns`] holding that one
/// list, as [`take_columns`] writes it.
pub fn entity_columns(text: &str, entities: Vec<analysis::Entity>) -> Columns {
    let map = Utf16Map::new(text);
    let report = Report { entities, ..Report::default() };
    let mut c = Columns::default();
    c.entities(Parts { text, report: &report, map: &map }.entities());
    c
}

/// Move the bulky lists of `wire` (paragraphs, sentences, junk lines, entities and both
/// sentence-difficulty lists) into [`Columns`], leaving them empty, so that `wire` serializes
/// with `[]` in their place (the wrapper puts them back where they were: key order is kept).
pub fn take_columns(wire: &mut WireReport) -> Columns {
    use std::mem::take;
    let mut c = Columns::default();
    c.list(take(&mut wire.paragraphs), |c, p| {
        c.int(p.start);
        c.int(p.end);
        c.name(p.kind);
    });
    c.list(take(&mut wire.sentences), |c, s| {
        c.int(s.start);
        c.int(s.end);
        c.int(s.paragraph);
    });
    c.list(take(&mut wire.boilerplate), |c, b| {
        c.int(b.start);
        c.int(b.end);
        c.name(b.reason);
    });
    c.entities(take(&mut wire.entities));
    for counts in [&mut wire.stats.clean, &mut wire.stats.raw] {
        c.list(take(&mut counts.sentence_difficulty), |c, d| {
            c.int(d.start);
            c.int(d.end);
            c.int(d.words);
            c.grades.push(d.grade.unwrap_or(f64::NAN));
            c.name(d.level);
        });
    }
    c
}

/// Analyze `text` and return the Report as a JSON value.
pub fn analyze_json(text: &str, options: &analysis::Options) -> serde_json::Value {
    let report = analysis::analyze(text, options);
    serde_json::to_value(to_wire(text, &report)).unwrap_or(serde_json::Value::Null)
}

/// The page's JSON export: the wire Report (as JSON) with the analyzed `text` and the user's `keep`
/// choices (passages marked as real content) added as two more top-level fields.
pub fn saved_json(report_json: &str, text: &str, kept: &[String]) -> String {
    let body = report_json.trim_end().strip_suffix('}').map(str::trim_end).unwrap_or("{");
    let sep = if body.ends_with('{') { "" } else { "," };
    let text = serde_json::to_string(text).unwrap_or_default();
    let keep = serde_json::to_string(kept).unwrap_or_default();
    format!("{body}{sep}\"text\":{text},\"keep\":{keep}}}")
}

/// The text and kept passages of a JSON export (`name` is the file's name, for the messages),
/// for the page's "Open report…"; a Report without `text` (from the CLI or the JS API) has its text
/// rebuilt from its paragraphs. Errors say what is wrong and where. Read through
/// `serde_json::Value`, which the page already uses for the statistics, so that this adds little
/// to the wasm.
pub fn open_saved(name: &str, json: &str) -> Result<(String, Vec<String>), String> {
    use serde_json::Value;
    let value: Value =
        serde_json::from_str(json).map_err(|e| format!("Could not open {name}: it is not valid JSON ({e})."))?;
    let not_report = |why: &str| format!("Could not open {name}: it is not a Lede report ({why}).");
    let Value::Object(map) = value else { return Err(not_report("a report is a JSON object")) };
    let keep = match map.get("keep") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, k)| k.as_str().map(str::to_string).ok_or_else(|| not_report(&format!("\"keep\"[{i}] is not a string"))))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(not_report("\"keep\" is not a list")),
    };
    match map.get("text") {
        Some(Value::String(text)) => return Ok((text.clone(), keep)),
        Some(_) => return Err(not_report("\"text\" is not a string")),
        None => {}
    }
    // A report without the page's additions (from the CLI or the JS API): rebuild the text from
    // its paragraphs, with line breaks between them (UTF-16 offsets, as on the wire).
    let Some(Value::Array(paragraphs)) = map.get("paragraphs") else {
        return Err(not_report("it has neither \"text\" nor a \"paragraphs\" list"));
    };
    let mut text = String::new();
    let mut at = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        let (start, end, t) = (p["start"].as_u64(), p["end"].as_u64(), p["text"].as_str());
        let ok = match (start, end, t) {
            (Some(s), Some(e), Some(t)) if s >= at && e == s + t.encode_utf16().count() as u64 => Some((s, e, t)),
            _ => None,
        };
        let Some((s, e, t)) = ok else {
            return Err(not_report(&format!(
                "\"paragraphs\"[{i}] lacks start, end or text, or they do not match, or it overlaps the paragraph before"
            )));
        };
        text.extend(std::iter::repeat('\n').take((s - at) as usize));
        text.push_str(t);
        at = e;
    }
    Ok((text, keep))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_field_by_field_is_the_same_json() {
        let texts = [
            crate::SAMPLE_ARTICLE.to_string(),
            String::new(),
            "Caf\u{e9} \u{1F600} in Paris. \"Quoted\" \u{5317}\u{4eac}.\n\nCaf\u{e9} \u{1F600} in Paris.".to_string(),
        ];
        for text in texts {
            let report = analysis::analyze(&text, &analysis::Options::default());
            let whole = serde_json::to_string(&to_wire(&text, &report)).unwrap();
            let mut parts = Vec::new();
            write_compact(&mut parts, &text, &report).unwrap();
            assert_eq!(String::from_utf8(parts).unwrap(), whole);
        }
    }

    /// The columns hold every bulky list's numbers, and the entities found alone are the same list.
    #[test]
    fn columns_hold_the_lists() {
        let text = format!("{}\n\nCaf\u{e9} \u{1F600} in Paris with Ana Ruiz.\n\nShare on Facebook", crate::SAMPLE_ARTICLE);
        let report = analysis::analyze(&text, &analysis::Options::default());
        let mut wire = to_wire(&text, &report);
        let (n_para, n_ent) = (wire.paragraphs.len(), wire.entities.len());
        let first_entity = (wire.entities[0].start, wire.entities[0].end, wire.entities[0].label, wire.entities[0].group);
        let c = take_columns(&mut wire);
        assert!(wire.paragraphs.is_empty() && wire.entities.is_empty() && wire.stats.raw.sentence_difficulty.is_empty());
        assert_eq!(c.ints[0] as usize, n_para);
        let alone = entity_columns(&text, analysis::entities_of(&text));
        assert_eq!(alone.ints[0] as usize, n_ent);
        let got = (alone.ints[1] as usize, alone.ints[2] as usize, alone.names[alone.ints[3] as usize], alone.ints[4] as usize);
        assert_eq!(got, first_entity);
        // The entities' part of the whole columns, names read through each one's own table.
        let named = |c: &Columns, ints: &[u32]| -> Vec<String> {
            ints.chunks(4).map(|e| format!("{} {} {} {}", e[0], e[1], c.names[e[2] as usize], e[3])).collect()
        };
        let start = 1 + 3 * n_para;
        let start = start + 1 + 3 * c.ints[start] as usize;
        let start = start + 1 + 3 * c.ints[start] as usize;
        assert_eq!(c.ints[start] as usize, n_ent);
        assert_eq!(named(&c, &c.ints[start + 1..start + 1 + 4 * n_ent]), named(&alone, &alone.ints[1..]));
    }

    #[test]
    fn utf16_lengths_eight_bytes_at_a_time() {
        let text: String = (0..3000u32).map(|i| ['a', '\u{e9}', '\u{5317}', '\u{1F600}', ' ', '\u{7ff}', '\u{ffff}', '\u{10ffff}'][(i * i % 11 % 8) as usize]).collect();
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)).step_by(13) {
            for end in (start..text.len().min(start + 90)).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(utf16_len(&text.as_bytes()[start..end]), text[start..end].encode_utf16().count(), "{start}..{end}");
            }
        }
    }

    #[test]
    fn utf16_offsets() {
        let t = "a\u{1F600}b\u{5317}c\u{0641}";
        let m = Utf16Map::new(t);
        let offsets: Vec<usize> = t.char_indices().map(|(i, _)| m.at(i)).collect();
        assert_eq!(offsets, [0, 1, 3, 4, 5, 6]);
        assert_eq!(m.at(t.len()), 7);
        let long: String = "\u{1F600}x".repeat(500);
        let m = Utf16Map::new(&long);
        assert_eq!(m.at(long.len()), 1500);
        assert_eq!(m.at(5 * 300), 3 * 300);
        // Every boundary of a mixed text, against counting from the start.
        let mixed: String = (0..700).map(|i| ["a", "\u{e9}", "\u{5317}", "\u{1F600}", " "][i * 7 % 5]).collect();
        let m = Utf16Map::new(&mixed);
        for (i, _) in mixed.char_indices().chain([(mixed.len(), ' ')]) {
            assert_eq!(m.at(i), mixed[..i].encode_utf16().count(), "at byte {i}");
        }
        // And in any order (each answer counted on from the last one when it lies behind).
        let bounds: Vec<usize> = mixed.char_indices().map(|(i, _)| i).collect();
        for (n, &i) in bounds.iter().rev().chain(bounds.iter().step_by(7)).chain(bounds.iter().rev().step_by(3)).enumerate() {
            let j = bounds[n * 31 % bounds.len()];
            assert_eq!((m.at(i), m.at(j)), (mixed[..i].encode_utf16().count(), mixed[..j].encode_utf16().count()), "at bytes {i}, {j}");
        }
    }

    #[test]
    fn saved_report_round_trip() {
        let json = saved_json("{\"version\":1,\"paragraphs\":[]}", "A \"quoted\" text.\n\nTwo.", &["Two.".into()]);
        assert_eq!(open_saved("r.json", &json), Ok(("A \"quoted\" text.\n\nTwo.".to_string(), vec!["Two.".to_string()])));
        assert_eq!(saved_json("", "x", &[]), "{\"text\":\"x\",\"keep\":[]}");
    }

    #[test]
    fn report_without_text_is_rebuilt_from_its_paragraphs() {
        let text = "Title\n\nGo 😀 on.\n\nShare on X";
        let report = crate::analysis::analyze(text, &Default::default());
        let json = serde_json::to_string(&to_wire(text, &report)).unwrap();
        assert_eq!(open_saved("r.json", &json).unwrap().0, text);
    }

    #[test]
    fn bad_saved_reports_say_what_and_where() {
        let cases = [
            ("{\"text\": \"a\",\n  \"keep\": [1,]}", "r.json: it is not valid JSON (trailing comma at line 2 column"),
            ("", "r.json: it is not valid JSON (EOF while parsing a value at line 1 column 0)"),
            ("[1, 2]", "r.json: it is not a Lede report (a report is a JSON object)"),
            ("{\"text\": 5}", "\"text\" is not a string"),
            ("{\"text\": \"a\", \"keep\": [\"b\", 7]}", "\"keep\"[1] is not a string"),
            ("{\"title\": \"x\"}", "neither \"text\" nor a \"paragraphs\" list"),
            (r#"{"paragraphs":[{"start":0,"end":9,"text":"Title","kind":"body"}]}"#, "\"paragraphs\"[0] lacks start, end or text"),
        ];
        for (json, want) in cases {
            let err = open_saved("r.json", json).unwrap_err();
            assert!(err.contains(want), "{json:?}: {err}");
        }
    }
}
