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

const THEME_KEY: &str = "lede.theme.v1";

/// The theme the user chose ("light", "dark" or "system").
pub fn load_theme() -> Option<String> {
    storage()?.get_item(THEME_KEY).ok().flatten()
}

pub fn save_theme(name: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(THEME_KEY, name);
    }
}
