//! Exports of what the page shows: the Report as JSON, a Markdown summary, the entities as CSV,
//! saved as files by the browser (nothing is uploaded), and the clean article to the clipboard.
//! The JSON export also carries the text and the kept passages (`wire::saved_json`), so
//! `wire::open_saved` can bring the same view back from it.

use wasm_bindgen::JsCast;

use super::model::Report;

/// A CSV field, quoted when it needs to be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The entities as CSV: one row per mention, offsets in UTF-16 code units.
pub fn entities_csv(report: &Report) -> String {
    let mut out = String::from("label,text,start,end,group\n");
    for e in &report.entities {
        out.push_str(&format!("{},{},{},{},{}\n", e.label, csv_field(&e.text), e.start, e.end, e.group));
    }
    out
}

fn stat(report: &Report, path: &[&str]) -> String {
    let mut v: &serde_json::Value = &report.stats;
    for p in path {
        v = &v[*p];
    }
    super::stats_panel::num(Some(v))
}

/// A Markdown summary: statistics, entities, repeats, junk, and the clean article.
pub fn markdown(report: &Report) -> String {
    let mut md = String::from("# Lede report\n\n## Statistics (clean text; raw in brackets)\n\n| figure | clean | raw |\n| --- | --- | --- |\n");
    for f in ["words", "sentences", "paragraphs", "characters", "syllables", "uniqueWords", "readingTimeSeconds", "speakingTimeSeconds"] {
        md.push_str(&format!("| {f} | {} | {} |\n", stat(report, &[f]), stat(report, &["raw", f])));
    }
    for f in ["fleschReadingEase", "fleschKincaidGrade", "gunningFog", "smog", "colemanLiau", "automatedReadabilityIndex", "daleChall", "linsearWrite", "spache", "lix", "rix", "consensusGrade"] {
        md.push_str(&format!("| {f} | {} | {} |\n", stat(report, &["readability", f]), stat(report, &["raw", "readability", f])));
    }
    md.push_str(&format!("\n## Entities ({})\n\n", report.entities.len()));
    for e in &report.entities {
        md.push_str(&format!("- {} `{}`\n", e.text, e.label));
    }
    md.push_str(&format!("\n## Repeats ({})\n\n", report.duplicates.len()));
    for d in &report.duplicates {
        md.push_str(&format!("- {} {} repeat, similarity {:.2}: \"{}\"\n", d.kind, d.level, d.similarity, d.repeat.text));
        for c in &d.conflicts {
            md.push_str(&format!("  - {}: {} then {}\n", c.kind, c.first.text, c.repeat.text));
        }
    }
    md.push_str(&format!("\n## Junk ({})\n\n", report.boilerplate.len()));
    for b in &report.boilerplate {
        md.push_str(&format!("- `{}` {}\n", b.reason, b.text));
    }
    md.push_str("\n## Clean article\n\n");
    md.push_str(&report.clean_text);
    md.push('\n');
    md
}

/// Offer `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&content.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "could not make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "could not make the file")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| "no anchor")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("visually-hidden");
    let body = document.body().ok_or("no body")?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copy text to the clipboard (the browser may ask the user first).
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("Paris"), "Paris");
        assert_eq!(csv_field("Smith, John"), "\"Smith, John\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
