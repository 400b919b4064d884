//! The repeats panel: each repeated or reworded pair with its similarity, the word diff on demand,
//! the facts that conflict between the two versions, and a button to remove the repeat.

use std::rc::Rc;

use yew::prelude::*;

use super::model::{Report, Utf16Cursor};

#[derive(Properties, PartialEq)]
pub struct RepeatsPanelProps {
    pub report: Rc<Report>,
    /// The analyzed text (the Report's passages are sliced from it).
    pub text: Rc<String>,
    /// Remove these UTF-16 spans from the analyzed text.
    pub on_remove: Callback<Vec<(usize, usize)>>,
    /// Keep a repeat: it is meant to be there.
    pub on_keep: Callback<String>,
}

/// Pairs listed before "show all".
const FIRST: usize = 50;

#[component(RepeatsPanel)]
pub fn repeats_panel(props: &RepeatsPanelProps) -> Html {
    let all = use_state(|| false);
    let dups = &props.report.duplicates;
    let limit = if *all { dups.len() } else { FIRST.min(dups.len()) };
    let mut cur = Utf16Cursor::new(props.text.as_str());
    let items = dups.iter().enumerate().take(limit).map(|(i, d)| {
        let passage = cur.slice(d.repeat.start, d.repeat.end).to_string();
        let (kind, what) = d.kind_and_name();
        let on_remove = {
            let cb = props.on_remove.clone();
            let span = (d.repeat.start, d.repeat.end);
            Callback::from(move |_: MouseEvent| cb.emit(vec![span]))
        };
        let on_keep = {
            let cb = props.on_keep.clone();
            let passage = passage.clone();
            Callback::from(move |_: MouseEvent| cb.emit(passage.clone()))
        };
        let diff = d.diff.as_ref().map(|runs| {
            html! {
                <details class="diff">
                    <summary>{ "Show the word diff" }</summary>
                    <p class="diff-body">
                        { for runs.iter().map(|r| match r.op.as_str() {
                            "insert" => html! { <ins>{ r.text.clone() }</ins> },
                            "delete" => html! { <del>{ r.text.clone() }</del> },
                            _ => html! { <span>{ r.text.clone() }</span> },
                        }).flat_map(|h| [h, html! { " " }]) }
                    </p>
                </details>
            }
        });
        let conflicts = (!d.conflicts.is_empty()).then(|| html! {
            <ul class="conflicts">
                { for d.conflicts.iter().map(|c| html! {
                    <li data-conflict={c.kind.clone()}>{ format!("{}: ", c.kind) }<del>{ c.first.text.clone() }</del>{ " first, then " }<ins>{ c.repeat.text.clone() }</ins></li>
                }) }
            </ul>
        });
        html! {
            <li class="dup" data-kind={kind}>
                <div class="dup-head">
                    <a href={format!("#dup-{i}")}>{ format!("{what} of a {}", d.level) }</a>
                    <span class="sim">{ format!("similarity {:.0}%", d.similarity * 100.0) }</span>
                </div>
                <blockquote>{ passage }</blockquote>
                { for conflicts }
                { for diff }
                <div class="item-actions">
                    <button type="button" onclick={on_keep}>{ "Keep it" }</button>
                    <button type="button" onclick={on_remove}>{ "Remove the repeat" }</button>
                </div>
            </li>
        }
    });
    html! {
        <section class="repeats" aria-labelledby="repeats-title">
            <h2 id="repeats-title">{ format!("Repeats ({})", dups.len()) }</h2>
            if dups.is_empty() {
                <p class="empty">{ "No repeated or reworded passages." }</p>
            } else {
                <ul class="dups">{ for items }</ul>
                if limit < dups.len() {
                    <button type="button" class="more" onclick={{ let all = all.clone(); Callback::from(move |_: MouseEvent| all.set(true)) }}>
                        { format!("Show all {} repeats", dups.len()) }
                    </button>
                }
            }
        </section>
    }
}
