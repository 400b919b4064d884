//! The statistics panel: a `<dl>` whose terms are the Report's field names, each figure of the
//! clean text with the raw one beside it, and every readability formula with a one-line
//! explanation and the counts it is computed from.

use serde_json::Value;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatsPanelProps {
    /// The Report; its `stats` JSON holds the clean figures, with `raw` inside.
    pub report: std::rc::Rc<super::model::Report>,
    pub analysis_ms: f64,
}

/// (field, what it is)
const COUNTS: &[(&str, &str)] = &[
    ("words", "Words"),
    ("sentences", "Sentences"),
    ("paragraphs", "Paragraphs"),
    ("characters", "Characters, spaces included"),
    ("charactersNoSpaces", "Characters without spaces"),
    ("letters", "Letters"),
    ("syllables", "Syllables"),
    ("monosyllables", "Words of one syllable"),
    ("polysyllables", "Words of three syllables or more"),
    ("complexWords", "Gunning's complex words (3+ syllables, not names or simple suffixes)"),
    ("longWords", "Words of more than six letters"),
    ("difficultWords", "Words not on the familiar-word list"),
    ("uniqueWords", "Distinct words, ignoring case"),
    ("typeTokenRatio", "Distinct words divided by words"),
    ("mtld", "Lexical diversity (MTLD): higher means more varied wording"),
];

/// (field in `readability`, name, explanation, inputs)
const FORMULAS: &[(&str, &str, &str, &[&str])] = &[
    ("fleschReadingEase", "Flesch Reading Ease", "0 to 100, higher is easier; 60-70 is plain English", &["words", "sentences", "syllables"]),
    ("fleschKincaidGrade", "Flesch-Kincaid grade", "US school grade from sentence length and syllables per word", &["words", "sentences", "syllables"]),
    ("gunningFog", "Gunning Fog", "Years of schooling to read it at first sight", &["words", "sentences", "complexWords"]),
    ("smog", "SMOG", "Grade from polysyllables per 30 sentences", &["sentences", "polysyllables"]),
    ("colemanLiau", "Coleman-Liau", "Grade from letters and sentences per 100 words", &["letters", "words", "sentences"]),
    ("automatedReadabilityIndex", "ARI", "Grade from characters per word and words per sentence", &["words", "sentences"]),
    ("daleChall", "Dale-Chall (new)", "Score from unfamiliar words; 4.9 or less is easy for grade 4", &["words", "sentences", "difficultWords"]),
    ("linsearWrite", "Linsear Write", "Grade from easy and hard words in a sample", &["words", "sentences", "polysyllables"]),
    ("spache", "Spache", "Grade for early readers from unfamiliar words", &["words", "sentences", "difficultWords"]),
    ("lix", "LIX", "Words per sentence plus share of long words; 40 is average prose", &["words", "sentences", "longWords"]),
    ("rix", "RIX", "Long words per sentence", &["sentences", "longWords"]),
    ("consensusGrade", "Consensus grade", "The middle of the grade-level formulas", &[]),
];

/// A figure as the page shows it: whole numbers as such, others to two decimals, ranges with a dash.
pub(super) fn num(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => {
            let f = n.as_f64().unwrap_or(0.0);
            if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f:.2}") }
        }
        Some(Value::Array(xs)) => xs.iter().map(|x| num(Some(x))).collect::<Vec<_>>().join("–"),
        _ => "n/a".into(),
    }
}

fn duration(v: Option<&Value>) -> String {
    let s = v.and_then(Value::as_f64).unwrap_or(0.0).round() as u64;
    if s < 60 { format!("{s} s") } else { format!("{} min {} s", s / 60, s % 60) }
}

fn row(field: &str, help: &str, clean: String, raw: String) -> Html {
    html! {
        <div class="stat" data-field={field.to_string()}>
            <dt>{ field }</dt>
            <dd>
                <span class="value" data-value="clean">{ clean }</span>
                { " " }
                <span class="raw" data-value="raw" title="Raw text, junk and repeats included">{ format!("(raw {raw})") }</span>
                <span class="help">{ help }</span>
            </dd>
        </div>
    }
}

#[component(StatsPanel)]
pub fn stats_panel(props: &StatsPanelProps) -> Html {
    let s = &props.report.stats;
    let null = Value::Null;
    let raw = s.get("raw").unwrap_or(&null);
    let counts = COUNTS.iter().map(|(f, help)| row(f, help, num(s.get(*f)), num(raw.get(*f))));
    let reading_wpm = s.get("readingWpm").and_then(Value::as_f64).unwrap_or(238.0);
    let speaking_wpm = s.get("speakingWpm").and_then(Value::as_f64).unwrap_or(183.0);
    let times = [
        ("readingTimeSeconds", format!("Silent reading at {reading_wpm:.0} words a minute (Brysbaert 2019)")),
        ("speakingTimeSeconds", format!("Reading aloud at {speaking_wpm:.0} words a minute (Brysbaert 2019)")),
    ];
    let times = times.iter().map(|(f, help)| row(f, help, duration(s.get(*f)), duration(raw.get(*f))));
    let read = s.get("readability").unwrap_or(&null);
    let raw_read = raw.get("readability").unwrap_or(&null);
    let formulas = FORMULAS.iter().map(|(f, name, help, inputs)| {
        let inputs_text = if inputs.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = inputs.iter().map(|i| format!("{i} {}", num(s.get(*i)))).collect();
            format!(" From: {}.", parts.join(", "))
        };
        row(f, &format!("{name}: {help}.{inputs_text}"), num(read.get(*f)), num(raw_read.get(*f)))
    });
    let warnings: Vec<Html> = s
        .get("warnings")
        .and_then(Value::as_array)
        .map(|ws| {
            ws.iter()
                .map(|w| {
                    let formula = w.get("formula").and_then(Value::as_str).unwrap_or("");
                    let msg = w.get("message").and_then(Value::as_str).unwrap_or("");
                    html! { <li data-formula={formula.to_string()}><strong>{ formula }</strong>{ ": " }{ msg }</li> }
                })
                .collect()
        })
        .unwrap_or_default();
    let top: Vec<Html> = s
        .get("topWords")
        .and_then(Value::as_array)
        .map(|ws| {
            ws.iter()
                .take(12)
                .map(|w| {
                    let word = w.get("word").and_then(Value::as_str).unwrap_or("");
                    html! { <li>{ word }<span class="count">{ num(w.get("count")) }</span></li> }
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <section class="stats" aria-labelledby="stats-title">
            <h2 id="stats-title">{ "Statistics" }</h2>
            <p class="note">{ format!("Figures of the clean text (junk and repeats left out), raw text in brackets. Analyzed in {:.0} ms.", props.analysis_ms) }</p>
            <dl>
                { for counts }
                { for times }
            </dl>
            <h3>{ "Readability" }</h3>
            <dl class="formulas">{ for formulas }</dl>
            if !warnings.is_empty() {
                <h3>{ "Warnings" }</h3>
                <ul class="warnings">{ for warnings }</ul>
            }
            if !top.is_empty() {
                <h3>{ "Most frequent words" }</h3>
                <ul class="top-words">{ for top }</ul>
            }
        </section>
    }
}
