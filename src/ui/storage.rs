//! The draft in the browser's local storage, so that a reload or a crash never loses the text, and
//! the passages the user kept (as a JSON list of strings).

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

const KEPT_KEY: &str = "lede.kept.v1";

/// The passages the user marked as real content, saved with the draft.
pub fn load_kept() -> Vec<String> {
    // Read as a `Value` (which the page already parses) rather than a `Vec<String>`: less wasm.
    let json = storage().and_then(|s| s.get_item(KEPT_KEY).ok().flatten()).unwrap_or_default();
    match serde_json::from_str(&json) {
        Ok(serde_json::Value::Array(items)) => items.into_iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

pub fn save_kept(kept: &[String]) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEPT_KEY, &serde_json::to_string(kept).unwrap_or_default());
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
