//! The app's view of a Report: read from the wire JSON (the same contract the CLI and the JS API
//! give), so that a Report made on the main thread and one made in the web worker look the same.
//! Offsets are UTF-16 code units; `Utf16Cursor` turns them into byte offsets of the Rust string.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize, Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct DiffRun {
    pub op: String,
    pub text: String,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Conflict {
    pub kind: String,
    pub first: Span,
    pub repeat: Span,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Duplicate {
    pub kind: String,
    pub level: String,
    pub similarity: f64,
    pub first: Span,
    pub repeat: Span,
    #[serde(default)]
    pub diff: Option<Vec<DiffRun>>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub pull_quote: bool,
}

impl Duplicate {
    /// The `data-kind` of the repeat's marks (`repeat`, `near-repeat`, `pull-quote`) and how the
    /// page names it.
    pub fn kind_and_name(&self) -> (&'static str, &'static str) {
        if self.pull_quote {
            ("pull-quote", "Pull quote")
        } else if self.kind == "exact" {
            ("repeat", "Exact repeat")
        } else {
            ("near-repeat", "Reworded repeat")
        }
    }
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Boilerplate {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub reason: String,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: String,
    pub group: usize,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct SentenceDifficulty {
    pub start: usize,
    pub end: usize,
    pub level: String,
    #[serde(default)]
    pub grade: Option<f64>,
}

#[derive(Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// A number of this analysis, unique in the page: two Reports are equal when their ids are,
    /// so that comparing props never walks a large Report.
    #[serde(skip)]
    pub id: u64,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub duplicates: Vec<Duplicate>,
    pub boilerplate: Vec<Boilerplate>,
    pub entities: Vec<Entity>,
    /// The statistics as the Report gives them, read by field name in the panel.
    pub stats: Stats,
    pub clean_text: String,
}

impl PartialEq for Report {
    fn eq(&self, other: &Report) -> bool {
        self.id == other.id
    }
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

impl Report {
    /// Read a Report from its JSON; a malformed one gives an empty Report and the reason.
    pub fn from_json(json: &str) -> Result<Report, String> {
        Report::from_json_bytes(json.as_bytes())
    }

    /// The same from the JSON's UTF-8 bytes (as the worker sends them).
    pub fn from_json_bytes(json: &[u8]) -> Result<Report, String> {
        let mut report: Report = serde_json::from_slice(json).map_err(|e| format!("could not read the report: {e}"))?;
        report.id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        Ok(report)
    }

    /// Per-sentence difficulty levels ("normal", "hard", "veryHard") of the text as given (the one
    /// the document shows: the raw figures, whose offsets are the document's; the clean figures'
    /// are offsets into the clean text), in sentence order.
    pub fn difficulty(&self) -> &[SentenceDifficulty] {
        &self.stats.difficulty
    }
}

/// The Report's `stats`: JSON values that the panel reads by name, except the raw text's
/// per-sentence difficulty, read straight into its own list. As generic JSON that list would be a
/// map per sentence: the larger part of reading a long article's Report on the page's thread.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    values: Value,
    /// `raw.sentenceDifficulty`, which `values` then lacks.
    difficulty: Vec<SentenceDifficulty>,
}

impl std::ops::Deref for Stats {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.values
    }
}

impl<'de> Deserialize<'de> for Stats {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stats, D::Error> {
        d.deserialize_map(StatsVisitor { raw: false })
    }
}

/// Reads the stats object (`raw: false`) or its `raw` member (`raw: true`).
struct StatsVisitor {
    raw: bool,
}

impl<'de> Visitor<'de> for StatsVisitor {
    type Value = Stats;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the statistics object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Stats, A::Error> {
        let (mut values, mut difficulty) = (Map::new(), Vec::new());
        while let Some(key) = map.next_key::<String>()? {
            if self.raw && key == "sentenceDifficulty" {
                difficulty = map.next_value()?;
            } else if !self.raw && key == "raw" {
                let raw = map.next_value::<RawStats>()?.0;
                difficulty = raw.difficulty;
                values.insert(key, raw.values);
            } else {
                values.insert(key, map.next_value()?);
            }
        }
        Ok(Stats { values: Value::Object(values), difficulty })
    }
}

struct RawStats(Stats);

impl<'de> Deserialize<'de> for RawStats {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawStats, D::Error> {
        d.deserialize_map(StatsVisitor { raw: true }).map(RawStats)
    }
}

/// Moves through a text in increasing UTF-16 offsets and returns byte offsets. Going backwards
/// restarts from the beginning, so any order works, and document order is linear overall.
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor { text, byte: 0, unit: 0 }
    }

    /// Byte offset of UTF-16 offset `unit` (clamped to the text, and to a char boundary).
    pub fn byte(&mut self, unit: usize) -> usize {
        if unit < self.unit {
            self.byte = 0;
            self.unit = 0;
        }
        let mut chars = self.text[self.byte..].chars();
        while self.unit < unit {
            match chars.next() {
                Some(c) => {
                    self.unit += c.len_utf16();
                    self.byte += c.len_utf8();
                }
                None => break,
            }
        }
        self.byte
    }

    /// The text between two UTF-16 offsets.
    pub fn slice(&mut self, start: usize, end: usize) -> &'a str {
        let s = self.byte(start);
        let e = self.byte(end.max(start));
        &self.text[s..e]
    }
}
