//! The editor: a labelled text area that reports every change to its parent.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: AttrValue,
    pub on_edit: Callback<String>,
    pub on_sample: Callback<()>,
    pub on_clear: Callback<()>,
}

#[component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <section class="editor" aria-labelledby="editor-title">
            <div class="panel-head">
                <h2 id="editor-title">{ "Text" }</h2>
                <div class="actions">
                    <button type="button" onclick={on_sample}>{ "Load sample" }</button>
                    <button type="button" onclick={on_clear}>{ "Clear" }</button>
                </div>
            </div>
            <label for="article-text" class="visually-hidden">{ "Article text" }</label>
            <textarea
                id="article-text"
                spellcheck="false"
                placeholder="Paste an article here. Nothing leaves this page."
                value={props.text.clone()}
                oninput={on_input}
            />
        </section>
    }
}
