//! The junk panel: each boilerplate line with its reason, a button to remove it, and one to
//! remove all of it at once (every removal can be undone).

use std::rc::Rc;

use yew::prelude::*;

use super::model::Report;

#[derive(Properties, PartialEq)]
pub struct JunkPanelProps {
    pub report: Rc<Report>,
    pub on_remove: Callback<Vec<(usize, usize)>>,
    /// Keep a flagged line: it is real content.
    pub on_keep: Callback<String>,
}

/// Lines listed before "show all".
const FIRST: usize = 100;

#[component(JunkPanel)]
pub fn junk_panel(props: &JunkPanelProps) -> Html {
    let show_all = use_state(|| false);
    let junk = &props.report.boilerplate;
    let limit = if *show_all { junk.len() } else { FIRST.min(junk.len()) };
    let all: Vec<(usize, usize)> = junk.iter().map(|b| (b.start, b.end)).collect();
    let on_remove_all = {
        let cb = props.on_remove.clone();
        Callback::from(move |_: MouseEvent| cb.emit(all.clone()))
    };
    html! {
        <section class="junk" aria-labelledby="junk-title">
            <div class="panel-head">
                <h2 id="junk-title">{ format!("Junk ({})", junk.len()) }</h2>
                if !junk.is_empty() {
                    <button type="button" onclick={on_remove_all}>{ "Remove all junk" }</button>
                }
            </div>
            if junk.is_empty() {
                <p class="empty">{ "No share buttons, counters, credits or other junk found." }</p>
            } else {
                <ul class="junk-list">
                    { for junk.iter().take(limit).map(|b| {
                        let cb = props.on_remove.clone();
                        let span = (b.start, b.end);
                        let onclick = Callback::from(move |_: MouseEvent| cb.emit(vec![span]));
                        let keep = props.on_keep.clone();
                        let passage = b.text.clone();
                        let on_keep = Callback::from(move |_: MouseEvent| keep.emit(passage.clone()));
                        html! {
                            <li data-kind="boilerplate" data-reason={b.reason.clone()}>
                                <span class="reason">{ b.reason.clone() }</span>
                                <span class="junk-text">{ b.text.clone() }</span>
                                <span class="item-actions">
                                    <button type="button" onclick={on_keep} aria-label={format!("Keep: {}", b.text)}>{ "Keep" }</button>
                                    <button type="button" {onclick} aria-label={format!("Remove: {}", b.text)}>{ "Remove" }</button>
                                </span>
                            </li>
                        }
                    }) }
                </ul>
                if limit < junk.len() {
                    <button type="button" class="more" onclick={{ let s = show_all.clone(); Callback::from(move |_: MouseEvent| s.set(true)) }}>
                        { format!("Show all {} lines", junk.len()) }
                    </button>
                }
            }
        </section>
    }
}
