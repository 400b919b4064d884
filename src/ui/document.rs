//! The analyzed document with switchable layers: sentences, entity marks (labelled, displaCy
//! style), repeats outlined and linked to their first occurrence, junk dimmed and struck through
//! with its reason, hard and very hard sentences tinted. Large documents render in chunks.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::model::{Report, Utf16Cursor};
use super::state::Layer;

/// Paragraphs rendered at first, and added by each "show more".
const CHUNK: usize = 200;

#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    pub text: Rc<String>,
    pub report: Rc<Report>,
    pub layers: BTreeSet<Layer>,
    pub selected: Option<(String, usize)>,
    pub on_select: Callback<Option<(String, usize)>>,
    pub busy: bool,
}

/// Where each repeat and first occurrence sits, keyed by UTF-16 (start, end).
struct Marks {
    /// repeat span -> (duplicate index, data-kind)
    repeats: HashMap<(usize, usize), (usize, &'static str)>,
    /// first-occurrence span -> duplicate index (for the anchor)
    firsts: HashMap<(usize, usize), usize>,
    /// boilerplate spans, sorted by start: (start, end, reason)
    junk: Vec<(usize, usize, String)>,
    /// sentence start -> difficulty level
    difficulty: HashMap<usize, String>,
}

fn marks(report: &Report) -> Marks {
    let mut repeats = HashMap::new();
    let mut firsts = HashMap::new();
    for (i, d) in report.duplicates.iter().enumerate() {
        let (kind, _) = d.kind_and_name();
        repeats.entry((d.repeat.start, d.repeat.end)).or_insert((i, kind));
        firsts.entry((d.first.start, d.first.end)).or_insert(i);
    }
    let mut junk: Vec<(usize, usize, String)> = report.boilerplate.iter().map(|b| (b.start, b.end, b.reason.clone())).collect();
    junk.sort();
    let difficulty = report
        .difficulty()
        .iter()
        .filter(|d| d.level != "normal")
        .map(|d| (d.start, d.level.clone()))
        .collect();
    Marks { repeats, firsts, junk, difficulty }
}

/// The junk span covering `[start, end)`, if any.
fn junk_at(junk: &[(usize, usize, String)], start: usize, end: usize) -> Option<&str> {
    let i = junk.partition_point(|j| j.1 <= start);
    junk.get(i).filter(|j| j.0 < end && start < j.1).map(|j| j.2.as_str())
}

#[component(Document)]
pub fn document(props: &DocumentProps) -> Html {
    let shown = use_state(|| CHUNK);
    {
        let shown = shown.clone();
        use_effect_with(props.report.clone(), move |_| {
            shown.set(CHUNK);
        });
    }
    let marks = use_memo(props.report.clone(), |r| Rc::new(marks(r)));

    let on_click = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
            let Some(mark) = target.closest("mark[data-group]").ok().flatten() else { return };
            let label = mark.get_attribute("data-label").unwrap_or_default();
            let group = mark.get_attribute("data-group").and_then(|g| g.parse().ok());
            if let Some(group) = group {
                on_select.emit(Some((label, group)));
            }
        })
    };

    let layer_classes: Vec<String> = Layer::ALL
        .iter()
        .filter(|l| props.layers.contains(l))
        .map(|l| format!("show-{}", l.name()))
        .collect();
    let header = html! {
        <div class="panel-head">
            <h2 id="doc-title">{ "Document" }</h2>
            if props.busy {
                <span class="busy" role="status"><span class="spinner" aria-hidden="true"></span>{ "Analyzing…" }</span>
            }
        </div>
    };
    let report = &props.report;
    if report.paragraphs.is_empty() {
        return html! {
            <section class="document" aria-labelledby="doc-title" aria-busy={props.busy.to_string()}>
                { header }
                <p class="empty">{ "Paste or type an article to see its paragraphs and sentences." }</p>
            </section>
        };
    }

    let rendered = {
        let key = (props.text.clone(), props.report.clone(), *shown);
        let marks = marks.clone();
        use_memo(key, move |(text, report, shown)| render_paragraphs(text, report, &marks, *shown))
    };
    // Highlight the chosen mention group without re-rendering the document.
    {
        let key = (props.selected.clone(), props.report.clone(), *shown);
        use_effect_with(key, |(selected, _, _)| {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
            if let Ok(old) = doc.query_selector_all(".doc-body mark.selected") {
                for i in 0..old.length() {
                    if let Some(el) = old.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                        let _ = el.class_list().remove_1("selected");
                    }
                }
            }
            if let Some((label, group)) = selected {
                let sel = format!(".doc-body mark[data-label=\"{label}\"][data-group=\"{group}\"]");
                if let Ok(marks) = doc.query_selector_all(&sel) {
                    for i in 0..marks.length() {
                        if let Some(el) = marks.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                            let _ = el.class_list().add_1("selected");
                        }
                    }
                }
            }
        });
    }
    let limit = (*shown).min(report.paragraphs.len());
    let remaining = report.paragraphs.len() - limit;
    let more = (remaining > 0).then(|| {
        let shown = shown.clone();
        let on_more = Callback::from(move |_: MouseEvent| shown.set(*shown + CHUNK));
        html! { <button type="button" class="more" onclick={on_more}>{ format!("Show {} more paragraphs", remaining.min(CHUNK)) }</button> }
    });
    html! {
        <section class="document" aria-labelledby="doc-title" aria-busy={props.busy.to_string()} data-report={props.report.id.to_string()}>
            { header }
            <div class={classes!("doc-body", layer_classes)} onclick={on_click}>{ (*rendered).clone() }{ for more }</div>
        </section>
    }
}

/// The link from a repeated `unit` ("sentence" or "paragraph") to the first occurrence of duplicate `i`.
fn repeat_link(i: usize, kind: &str, unit: &str) -> Html {
    let what = match kind {
        "near-repeat" => "reworded repeat",
        "pull-quote" => "pull quote",
        _ => "repeat",
    };
    html! {
        <a class="dup-link" href={format!("#dup-{i}")} title={format!("This {unit} is a {what}: go to the first occurrence")}>
            { format!("↑ {what}") }
        </a>
    }
}

/// The first `shown` paragraphs with their sentences, entity marks, repeats and junk.
fn render_paragraphs(text: &Rc<String>, report: &Rc<Report>, marks: &Marks, shown: usize) -> Html {
    let text = text.as_str();
    let mut cur = Utf16Cursor::new(text);
    let entities = &report.entities;
    let mut next_entity = 0;
    let mut next_sentence = 0;
    let limit = shown.min(report.paragraphs.len());
    let mut out: Vec<Html> = Vec::with_capacity(limit);
    for (pi, p) in report.paragraphs.iter().enumerate().take(limit) {
        let para_junk = if p.kind == "boilerplate" {
            junk_at(&marks.junk, p.start, p.end).or(Some("boilerplate"))
        } else {
            None
        };
        let mut parts: Vec<Html> = Vec::new();
        let mut at = p.start;
        while next_sentence < report.sentences.len() && report.sentences[next_sentence].paragraph <= pi {
            let s = &report.sentences[next_sentence];
            next_sentence += 1;
            if s.paragraph < pi {
                continue;
            }
            if s.start > at {
                parts.push(html! { { cur.slice(at, s.start).to_string() } });
            }
            // Entities inside this sentence.
            while next_entity < entities.len() && entities[next_entity].end <= s.start {
                next_entity += 1;
            }
            let mut inner: Vec<Html> = Vec::new();
            let mut at_s = s.start;
            while next_entity < entities.len() && entities[next_entity].start < s.end {
                let e = &entities[next_entity];
                next_entity += 1;
                if e.start < at_s || e.end > s.end {
                    continue;
                }
                if e.start > at_s {
                    inner.push(html! { { cur.slice(at_s, e.start).to_string() } });
                }
                inner.push(html! {
                    <mark class={classes!("ent", format!("ent-{}", e.label))}
                        data-label={e.label.clone()} data-group={e.group.to_string()}>
                        { cur.slice(e.start, e.end).to_string() }
                    </mark>
                });
                at_s = e.end;
            }
            if at_s < s.end {
                inner.push(html! { { cur.slice(at_s, s.end).to_string() } });
            }
            let level = marks.difficulty.get(&s.start).map(|l| if l == "veryHard" { "very-hard" } else { "hard" });
            let repeat = marks.repeats.get(&(s.start, s.end)).filter(|_| para_junk.is_none());
            let junk = if para_junk.is_none() { junk_at(&marks.junk, s.start, s.end) } else { None };
            let first_anchor = marks.firsts.get(&(s.start, s.end)).map(|i| format!("dup-{i}"));
            let (kind, reason) = match (junk, repeat) {
                (Some(reason), _) => (Some("boilerplate"), Some(reason.to_string())),
                (None, Some((_, kind))) => (Some(*kind), None),
                _ => (None, None),
            };
            let link = repeat.filter(|_| junk.is_none()).map(|&(i, kind)| repeat_link(i, kind, "sentence"));
            parts.push(html! {
                <span id={first_anchor} class={classes!("sentence", level)} data-kind={kind} data-reason={reason.clone()}
                    title={reason.map(|r| format!("Junk: {r}"))} tabindex={junk.map(|_| "0")}>
                    { for inner }
                    { for link }
                </span>
            });
            at = s.end;
        }
        if at < p.end {
            parts.push(html! { { cur.slice(at, p.end).to_string() } });
        }
        let prepeat = marks.repeats.get(&(p.start, p.end)).filter(|_| para_junk.is_none());
        let pfirst = marks.firsts.get(&(p.start, p.end)).map(|i| format!("dup-{i}"));
        let pkind = match (para_junk, prepeat) {
            (Some(_), _) => Some("boilerplate"),
            (None, Some((_, kind))) => Some(*kind),
            _ => None,
        };
        let plink = prepeat.map(|&(i, kind)| repeat_link(i, kind, "paragraph"));
        let kind = p.kind.as_str();
        out.push(html! {
            <div id={pfirst} class={classes!("para", format!("kind-{kind}"))} data-paragraph-kind={kind.to_string()}
                data-kind={pkind} data-reason={para_junk.map(str::to_string)}
                title={para_junk.map(|r| format!("Junk: {r}"))} tabindex={para_junk.map(|_| "0")}>
                <span class="kind-tag" aria-hidden="true">{ para_junk.unwrap_or(kind).to_string() }</span>
                <p>{ for parts }{ for plink }</p>
            </div>
        });
    }
    out.into_iter().collect::<Html>()
}
