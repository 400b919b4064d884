//! The entities panel: mentions grouped by label and by mention group, with counts; choosing a
//! group highlights all its mentions in the document.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::model::Report;

#[derive(Properties, PartialEq)]
pub struct EntitiesPanelProps {
    pub report: Rc<Report>,
    /// The report has no entities yet: they are being found (just after the page loads).
    #[prop_or_default]
    pub pending: bool,
    pub selected: Option<(String, usize)>,
    pub on_select: Callback<Option<(String, usize)>>,
}

const LABELS: &[(&str, &str)] = &[
    ("PER", "People"), ("ORG", "Organizations"), ("LOC", "Places"), ("MISC", "Other names"),
    ("DATE", "Dates"), ("TIME", "Times"), ("MONEY", "Amounts of money"), ("PERCENT", "Percentages"),
    ("QUANTITY", "Quantities"), ("CARDINAL", "Numbers"), ("ORDINAL", "Ordinals"), ("EMAIL", "E-mail addresses"),
    ("URL", "Web addresses"),
];

/// Mention groups listed per label, most mentioned first.
const PER_LABEL: usize = 40;

#[component(EntitiesPanel)]
pub fn entities_panel(props: &EntitiesPanelProps) -> Html {
    // label -> group -> (longest mention, count)
    let mut by_label: BTreeMap<&str, BTreeMap<usize, (String, usize)>> = BTreeMap::new();
    for e in &props.report.entities {
        let slot = by_label.entry(e.label.as_str()).or_default().entry(e.group).or_insert((String::new(), 0));
        if e.text.chars().count() > slot.0.chars().count() {
            slot.0 = e.text.clone();
        }
        slot.1 += 1;
    }
    let sections = LABELS.iter().filter_map(|(label, title)| {
        let groups = by_label.get(label)?;
        let mut items: Vec<(&usize, &(String, usize))> = groups.iter().collect();
        items.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then_with(|| a.1 .0.cmp(&b.1 .0)));
        let total: usize = items.iter().map(|(_, (_, n))| n).sum();
        let hidden = items.len().saturating_sub(PER_LABEL);
        items.truncate(PER_LABEL);
        Some(html! {
            <div class="ent-group">
                <h3><span class={classes!("ent-chip", format!("ent-{label}"))}>{ *label }</span>{ format!(" {title} ({total})") }</h3>
                <ul>
                    { for items.into_iter().map(|(group, (name, count))| {
                        let key = (label.to_string(), *group);
                        let pressed = props.selected.as_ref() == Some(&key);
                        let on_select = props.on_select.clone();
                        let onclick = Callback::from(move |_: MouseEvent| on_select.emit(Some(key.clone())));
                        html! {
                            <li>
                                <button type="button" class="ent-item" aria-pressed={pressed.to_string()} {onclick}
                                    data-label={label.to_string()} data-group={group.to_string()}>
                                    { name.clone() }<span class="count">{ format!("×{count}") }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                if hidden > 0 {
                    <p class="note">{ format!("and {hidden} more (the exports list them all)") }</p>
                }
            </div>
        })
    });
    let n = props.report.entities.len();
    html! {
        <section class="entities" aria-labelledby="entities-title">
            <h2 id="entities-title">{ format!("Entities ({n})") }</h2>
            if props.pending {
                <p class="empty">{ "Finding names, dates and amounts…" }</p>
            } else if n == 0 {
                <p class="empty">{ "No names, dates or amounts found." }</p>
            } else {
                <p class="note">{ "Choose a name to highlight all its mentions." }</p>
                { for sections }
            }
        </section>
    }
}
