//! The toolbar: layer switches, the actions (copy the clean article, exports, clear, undo, sample)
//! and the theme toggle.

use std::collections::BTreeSet;

use yew::prelude::*;

use super::state::{Layer, Theme};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub layers: BTreeSet<Layer>,
    pub theme: Theme,
    pub can_undo: bool,
    pub on_toggle: Callback<Layer>,
    pub on_theme: Callback<Theme>,
    /// One of: copy-clean, apply-clean, export-json, export-md, export-csv, clear, undo, sample.
    pub on_action: Callback<&'static str>,
}

#[component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let action = |name: &'static str, label: &'static str, disabled: bool| {
        let cb = props.on_action.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(name));
        html! { <button type="button" data-action={name} {onclick} {disabled}>{ label }</button> }
    };
    let theme = props.theme;
    let on_theme = {
        let cb = props.on_theme.clone();
        Callback::from(move |_: MouseEvent| cb.emit(theme.next()))
    };
    let theme_label = match theme {
        Theme::System => "Theme: system",
        Theme::Dark => "Theme: dark",
        Theme::Light => "Theme: light",
    };
    html! {
        <div class="toolbar">
            <fieldset class="layers">
                <legend>{ "Show" }</legend>
                { for Layer::ALL.iter().map(|&layer| {
                    let cb = props.on_toggle.clone();
                    let onchange = Callback::from(move |_: Event| cb.emit(layer));
                    let id = format!("layer-{}", layer.name());
                    html! {
                        <label for={id.clone()} class={classes!("layer-switch", format!("switch-{}", layer.name()))}>
                            <input type="checkbox" id={id} checked={props.layers.contains(&layer)} {onchange} />
                            { layer.label() }
                        </label>
                    }
                }) }
            </fieldset>
            <div class="actions" role="group" aria-label="Actions">
                { action("copy-clean", "Copy clean article", false) }
                { action("apply-clean", "Clean the text", false) }
                { action("export-json", "Export JSON", false) }
                { action("export-md", "Export Markdown", false) }
                { action("export-csv", "Entities CSV", false) }
                { action("undo", "Undo", !props.can_undo) }
                { action("sample", "Load sample", false) }
                { action("clear", "Clear", false) }
                <button type="button" class="theme" onclick={on_theme} aria-label={format!("{theme_label} (change)")}>{ theme_label }</button>
            </div>
        </div>
    }
}
