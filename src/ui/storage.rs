//! The draft in the browser's local storage, so that a reload or a crash never loses the text.

const KEY: &str = "lede.draft.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft, if there is one.
pub fn load_draft() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// Save the draft; a full or disabled storage is ignored (the text stays on the page).
pub fn save_draft(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, text);
    }
}
