//! App state as a `Reducible`: the text being edited and the Report of the last analysis.

use std::rc::Rc;

use yew::Reducible;

use crate::analysis::{analyze, Options, Report};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// The text in the editor (what the user typed or pasted).
    pub text: String,
    /// The text that `report` describes (may lag `text` while typing).
    pub analyzed: Rc<String>,
    pub report: Rc<Report>,
    /// Time the last analysis took, in milliseconds (shown to the user).
    pub analysis_ms: f64,
}

pub enum Action {
    /// The editor changed; the analysis follows after a pause in typing.
    Edit(String),
    /// Analyze the current text now.
    Analyze,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(text) => Rc::new(AppState { text, ..(*self).clone() }),
            Action::Analyze => {
                if *self.analyzed == self.text && !self.report.paragraphs.is_empty() {
                    return self;
                }
                let start = now_ms();
                let report = analyze(&self.text, &Options::default());
                Rc::new(AppState {
                    text: self.text.clone(),
                    analyzed: Rc::new(self.text.clone()),
                    report: Rc::new(report),
                    analysis_ms: now_ms() - start,
                })
            }
        }
    }
}

impl AppState {
    pub fn with_text(text: String) -> Self {
        let report = analyze(&text, &Options::default());
        AppState { analyzed: Rc::new(text.clone()), text, report: Rc::new(report), analysis_ms: 0.0 }
    }
}
