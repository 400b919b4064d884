//! The editor: a labelled text area. Typing reports every change; pasted or dropped HTML becomes
//! text with its paragraphs kept; a dropped .txt, .md or .html file is read locally, and a dropped
//! or opened .json file is a saved report ("Open report…") that the app restores.

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::html_text::html_to_text;
use super::model::Utf16Cursor;

/// Above this many bytes the text area shows only the beginning of the text, read-only: a browser
/// takes most of a second to lay out a megabyte in a text area, which would freeze the page. The
/// analysis always covers the whole text, and one click makes all of it editable.
pub const LARGE: usize = 200_000;
/// How much of a large text the editor shows.
const PREVIEW: usize = 20_000;

fn preview(text: &str) -> String {
    let mut cut = PREVIEW.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(
        "{}\n\n[…] The editor shows the first {} characters of this {:.1} MB text; the document and the statistics cover all of it.",
        &text[..cut],
        text[..cut].chars().count(),
        text.len() as f64 / 1e6
    )
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: AttrValue,
    /// Typing.
    pub on_edit: Callback<String>,
    /// A paste, a drop or an opened file: analyzed at once.
    pub on_replace: Callback<String>,
    /// A saved report (.json) was opened or dropped: its file name and content.
    pub on_import: Callback<(String, String)>,
}

/// Replace the textarea's selection with `insert` and report the new text.
fn insert_at_selection(area: &HtmlTextAreaElement, insert: &str, on_edit: &Callback<String>) {
    let value = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    let mut cur = Utf16Cursor::new(&value);
    let (s, e) = (cur.byte(start.min(end)), cur.byte(end.max(start)));
    let next = format!("{}{}{}", &value[..s], insert, &value[e..]);
    area.set_value(&next);
    let caret = (value[..s].encode_utf16().count() + insert.encode_utf16().count()) as u32;
    let _ = area.set_selection_range(caret, caret);
    on_edit.emit(next);
}

fn read_file(file: web_sys::File, on_edit: Callback<String>, on_import: Callback<(String, String)>) {
    let shown_name = file.name();
    let name = shown_name.to_ascii_lowercase();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(value) = wasm_bindgen_futures::JsFuture::from(file.text()).await else { return };
        let text = value.as_string().unwrap_or_default();
        if name.ends_with(".json") {
            on_import.emit((shown_name, text));
            return;
        }
        let text = if name.ends_with(".html") || name.ends_with(".htm") { html_to_text(&text) } else { text };
        on_edit.emit(text);
    });
}

#[component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    // A plain-text paste is inserted by the browser; the input event that follows is analyzed at once.
    let pasting = use_mut_ref(|| false);
    let on_input = {
        let on_edit = props.on_edit.clone();
        let on_replace = props.on_replace.clone();
        let pasting = pasting.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if std::mem::take(&mut *pasting.borrow_mut()) || e.input_type() == "insertFromPaste" || e.input_type() == "insertFromDrop" {
                on_replace.emit(area.value());
            } else {
                on_edit.emit(area.value());
            }
        })
    };
    let full_edit = use_state(|| false);
    let large_view = props.text.len() > LARGE && !*full_edit;
    let on_paste = {
        let on_edit = props.on_replace.clone();
        let pasting = pasting.clone();
        let full_edit = full_edit.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else { return };
            let Some(data) = e.clipboard_data() else { return };
            let html = data.get_data("text/html").unwrap_or_default();
            let plain = data.get_data("text/plain").unwrap_or_default();
            if plain.len() > LARGE || large_view {
                // A large paste (or a paste over the preview) replaces the text without laying it out.
                e.prevent_default();
                let text = if html.trim().is_empty() || plain.len() > LARGE { plain } else { html_to_text(&html) };
                full_edit.set(false);
                on_edit.emit(text);
                return;
            }
            if html.trim().is_empty() {
                *pasting.borrow_mut() = true;
                return; // plain text: let the browser paste it
            }
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            insert_at_selection(&area, &html_to_text(&html), &on_edit);
        })
    };
    let on_drop = {
        let on_edit = props.on_replace.clone();
        let on_import = props.on_import.clone();
        Callback::from(move |e: DragEvent| {
            let Some(data) = e.data_transfer() else { return };
            if let Some(file) = data.files().and_then(|f| f.get(0)) {
                e.prevent_default();
                read_file(file, on_edit.clone(), on_import.clone());
                return;
            }
            let html = data.get_data("text/html").unwrap_or_default();
            if !html.trim().is_empty() {
                e.prevent_default();
                let area: HtmlTextAreaElement = e.target_unchecked_into();
                insert_at_selection(&area, &html_to_text(&html), &on_edit);
            }
        })
    };
    let on_file = {
        let on_edit = props.on_replace.clone();
        let on_import = props.on_import.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file, on_edit.clone(), on_import.clone());
            }
            input.set_value("");
        })
    };
    let on_full = {
        let full_edit = full_edit.clone();
        Callback::from(move |_: MouseEvent| full_edit.set(true))
    };
    let shown: AttrValue = if large_view { preview(&props.text).into() } else { props.text.clone() };
    html! {
        <section class="editor" aria-labelledby="editor-title">
            <div class="panel-head">
                <h2 id="editor-title">{ "Text" }</h2>
                <div class="file-buttons">
                    <label class="file-button">
                        { "Open a file" }
                        <input type="file" accept=".txt,.md,.html,.htm,text/plain,text/markdown,text/html" onchange={on_file.clone()} class="visually-hidden" />
                    </label>
                    <label class="file-button">
                        { "Open report…" }
                        <input type="file" id="open-report" accept=".json,application/json" onchange={on_file} class="visually-hidden" />
                    </label>
                </div>
            </div>
            <label for="article-text" class="visually-hidden">{ "Article text" }</label>
            <textarea
                id="article-text"
                spellcheck="false"
                placeholder="Paste an article here, or drop a .txt, .md or .html file (or a saved .json report). Nothing leaves this page."
                value={shown}
                readonly={large_view}
                aria-describedby={large_view.then_some("large-note")}
                oninput={on_input}
                onpaste={on_paste}
                ondrop={on_drop}
            />
            if large_view {
                <p class="note" id="large-note">
                    { "A large text: the editor shows its beginning, read-only. Paste again to replace it, or " }
                    <button type="button" class="link" onclick={on_full}>{ "edit all of it (slow)" }</button>
                </p>
            }
        </section>
    }
}
