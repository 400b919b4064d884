//! App state as a `Reducible` with an `Action` enum: the text being edited, the last Report, the
//! visible layers, the undo history of removals, the highlighted mention group and the theme.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

use super::analyzer::{FullJson, WORKER_THRESHOLD};
use super::model::{Report, Utf16Cursor};

/// The switchable layers of the document view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Sentences,
    Entities,
    Repeats,
    Boilerplate,
    Difficulty,
}

impl Layer {
    pub const ALL: [Layer; 5] = [Layer::Sentences, Layer::Entities, Layer::Repeats, Layer::Boilerplate, Layer::Difficulty];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Sentences => "sentences",
            Layer::Entities => "entities",
            Layer::Repeats => "repeats",
            Layer::Boilerplate => "boilerplate",
            Layer::Difficulty => "difficulty",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Layer::Sentences => "Sentences",
            Layer::Entities => "Entities",
            Layer::Repeats => "Repeats",
            Layer::Boilerplate => "Junk",
            Layer::Difficulty => "Hard sentences",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    pub fn from_name(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The text in the editor (what the user typed or pasted).
    pub text: String,
    /// Bumped on every edit, so that a late result for an older text is ignored.
    pub generation: u64,
    /// The text that `report` describes (may lag `text` while typing or while the worker runs).
    pub analyzed: Rc<String>,
    pub report: Rc<Report>,
    /// The Report as JSON (for the export).
    pub json: Rc<FullJson>,
    pub analysis_ms: f64,
    /// The worker is analyzing a large text.
    pub busy: bool,
    pub error: Option<String>,
    /// The error is a failed analysis, which "Try again" repeats.
    pub can_retry: bool,
    pub layers: BTreeSet<Layer>,
    /// Texts before each removal, most recent last.
    pub history: Vec<String>,
    /// The mention group whose mentions are highlighted: (label, group).
    pub selected: Option<(String, usize)>,
    pub theme: Theme,
    /// A short message for the live region ("Copied the clean article").
    pub notice: Option<String>,
    /// Passages the user marked as real content: never flagged as junk or repeats.
    pub kept: Vec<String>,
    /// The last edit was a paste, a drop or an action: analyze at once instead of after a pause.
    pub immediate: bool,
    /// `report` has everything but the entities, which follow (the first analysis after load).
    pub entities_pending: bool,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            text: String::new(),
            generation: 0,
            analyzed: Rc::new(String::new()),
            report: Rc::new(Report::default()),
            json: Rc::default(),
            analysis_ms: 0.0,
            busy: false,
            error: None,
            can_retry: false,
            layers: Layer::ALL.into_iter().collect(),
            history: Vec::new(),
            selected: None,
            theme: Theme::System,
            notice: None,
            immediate: true,
            kept: Vec::new(),
            entities_pending: false,
        }
    }
}

pub enum Action {
    /// The editor changed by typing (analyzed after a pause).
    Edit(String),
    /// The text was replaced at once: a paste, a drop, a file, the sample (analyzed right away).
    Replace(String),
    /// An analysis finished for the text of `generation` (`text: None` means the current text,
    /// as for a worker's reply, which is accepted only while the text is unchanged). `partial`:
    /// everything but the entities, which a second `Analyzed` brings.
    Analyzed { generation: u64, text: Option<Rc<String>>, json: Rc<FullJson>, report: Rc<Report>, ms: f64, partial: bool },
    /// The analysis failed (the worker could not start, for instance).
    Failed { generation: u64, message: String },
    /// The worker failed on the text of `generation`: a small text is analyzed again on the
    /// page's own thread, a large one is a failure.
    WorkerFailed { generation: u64, message: String },
    Busy(bool),
    /// Analyze the current text again (after a failure).
    Retry,
    /// Open a saved report: its text and kept passages replace the current ones (undoable).
    Restore { text: String, kept: Vec<String>, notice: String },
    /// Show an error that is not an analysis failure (a file that could not be opened).
    Error(String),
    ToggleLayer(Layer),
    /// Remove these UTF-16 spans of the analyzed text (a repeat, a junk line); undoable.
    Remove(Vec<(usize, usize)>),
    /// Keep a passage that was flagged (junk or repeat): analyze again without flagging it.
    Keep(String),
    /// Forget every kept passage.
    ClearKept,
    /// Replace the text with the clean article; undoable.
    ApplyClean,
    Undo,
    Select(Option<(String, usize)>),
    SetTheme(Theme),
    Notice(Option<String>),
}

/// Remove spans (UTF-16 offsets into `text`) and tidy the blank lines they leave.
pub fn remove_spans(text: &str, spans: &[(usize, usize)]) -> String {
    let mut cursor = Utf16Cursor::new(text);
    let mut ranges: Vec<(usize, usize)> = spans.iter().map(|&(s, e)| (cursor.byte(s), cursor.byte(e))).collect();
    ranges.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in ranges {
        if s < at {
            at = at.max(e);
            continue;
        }
        out.push_str(&text[at..s]);
        at = e;
    }
    out.push_str(&text[at..]);
    // Collapse the empty lines and trailing spaces left behind.
    let mut tidy = String::with_capacity(out.len());
    let mut blank_run = 0;
    for line in out.split('\n') {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
            tidy.push('\n');
        } else {
            blank_run = 0;
            tidy.push_str(line.trim_end());
            tidy.push('\n');
        }
    }
    tidy.trim().to_string()
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => {
                next.text = text;
                next.generation += 1;
                next.immediate = false;
            }
            Action::Replace(text) => {
                next.text = text;
                next.generation += 1;
                next.immediate = true;
            }
            Action::Analyzed { generation, text, json, report, ms, partial } => {
                if generation != self.generation {
                    return self;
                }
                next.entities_pending = partial;
                next.analyzed = text.unwrap_or_else(|| Rc::new(self.text.clone()));
                next.json = json;
                next.report = report;
                next.analysis_ms = ms;
                next.busy = false;
                next.error = None;
                next.can_retry = false;
            }
            Action::Failed { generation, message } => {
                if generation != self.generation {
                    return self;
                }
                next.busy = false;
                next.error = Some(format!(
                    "Lede could not analyze this text: {message}. Your text is safe: it stays in the editor and in the saved draft. The document shows the last text analyzed."
                ));
                next.can_retry = true;
            }
            Action::WorkerFailed { generation, message } => {
                if generation != self.generation {
                    return self;
                }
                if self.text.len() > WORKER_THRESHOLD {
                    return self.reduce(Action::Failed { generation, message });
                }
                next.generation += 1;
                next.immediate = true;
            }
            Action::Busy(b) => next.busy = b,
            Action::Retry => {
                next.generation += 1;
                next.immediate = true;
                next.error = None;
                next.can_retry = false;
            }
            Action::Restore { text, kept, notice } => {
                next.history.push(self.text.clone());
                next.text = text;
                next.kept = kept;
                next.generation += 1;
                next.immediate = true;
                next.error = None;
                next.can_retry = false;
                next.notice = Some(notice);
            }
            Action::Error(message) => {
                next.error = Some(message);
                next.can_retry = false;
            }
            Action::ToggleLayer(layer) => {
                if !next.layers.remove(&layer) {
                    next.layers.insert(layer);
                }
            }
            Action::Remove(spans) => {
                next.history.push(self.analyzed.as_str().to_string());
                next.text = remove_spans(&self.analyzed, &spans);
                next.generation += 1;
                next.notice = Some("Removed. Undo brings it back.".into());
                next.immediate = true;
            }
            Action::Keep(passage) => {
                if !next.kept.contains(&passage) {
                    next.kept.push(passage);
                }
                next.generation += 1;
                next.immediate = true;
                next.notice = Some("Kept: it is no longer flagged and stays in the clean article.".into());
            }
            Action::ClearKept => {
                next.kept.clear();
                next.generation += 1;
                next.immediate = true;
            }
            Action::ApplyClean => {
                next.history.push(self.text.clone());
                next.text = self.report.clean_text.clone();
                next.generation += 1;
                next.notice = Some("Replaced the text with the clean article. Undo brings the original back.".into());
                next.immediate = true;
            }
            Action::Undo => {
                if let Some(prev) = next.history.pop() {
                    next.text = prev;
                    next.generation += 1;
                    next.notice = Some("Undone.".into());
                    next.immediate = true;
                }
            }
            Action::Select(sel) => {
                next.selected = if self.selected == sel { None } else { sel };
            }
            Action::SetTheme(t) => next.theme = t,
            Action::Notice(n) => next.notice = n,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::remove_spans;

    #[test]
    fn removal_tidies_blank_lines() {
        let t = "Title\n\nShare on X\n\nBody text here.\n\nBody text here.";
        let share = (7, 17);
        let second = (t.encode_utf16().count() - 15, t.encode_utf16().count());
        assert_eq!(remove_spans(t, &[share, second]), "Title\n\nBody text here.");
    }
}
