//! Exports of what the page shows: the Report as JSON, a Markdown summary, the entities as CSV,
//! saved as files by the browser (nothing is uploaded), and the clean article to the clipboard.
//! The JSON export also carries the text and the kept passages, so `open_saved` can bring the same
//! view back from it (or from a CLI report, whose paragraphs give the text back).

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
    let mut v = &report.stats;
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

/// The JSON export: the wire Report with the analyzed `text` and the user's `keep` choices added.
pub fn saved_json(report_json: &str, text: &str, kept: &[String]) -> String {
    let body = report_json.trim_end().strip_suffix('}').map(str::trim_end).unwrap_or("{");
    let sep = if body.ends_with('{') { "" } else { "," };
    let text = serde_json::to_string(text).unwrap_or_default();
    let keep = serde_json::to_string(kept).unwrap_or_default();
    format!("{body}{sep}\"text\":{text},\"keep\":{keep}}}")
}

/// The text and kept passages of a JSON export (`name` is the file's name, for the messages).
/// Errors say what is wrong and where. Read through `serde_json::Value`, which the page already
/// uses for the statistics, so that this adds little to the wasm.
pub fn open_saved(name: &str, json: &str) -> Result<(String, Vec<String>), String> {
    use serde_json::Value;
    let value: Value =
        serde_json::from_str(json).map_err(|e| format!("Could not open {name}: it is not valid JSON ({e})."))?;
    let not_report = |why: &str| format!("Could not open {name}: it is not a Lede report ({why}).");
    let Value::Object(map) = value else { return Err(not_report("a report is a JSON object")) };
    let keep = match map.get("keep") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, k)| k.as_str().map(str::to_string).ok_or_else(|| not_report(&format!("\"keep\"[{i}] is not a string"))))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(not_report("\"keep\" is not a list")),
    };
    match map.get("text") {
        Some(Value::String(text)) => return Ok((text.clone(), keep)),
        Some(_) => return Err(not_report("\"text\" is not a string")),
        None => {}
    }
    // A report without the page's additions (from the CLI or the JS API): rebuild the text from
    // its paragraphs, with line breaks between them (UTF-16 offsets, as on the wire).
    let Some(Value::Array(paragraphs)) = map.get("paragraphs") else {
        return Err(not_report("it has neither \"text\" nor a \"paragraphs\" list"));
    };
    let mut text = String::new();
    let mut at = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        let (start, end, t) = (p["start"].as_u64(), p["end"].as_u64(), p["text"].as_str());
        let ok = match (start, end, t) {
            (Some(s), Some(e), Some(t)) if s >= at && e == s + t.encode_utf16().count() as u64 => Some((s, e, t)),
            _ => None,
        };
        let Some((s, e, t)) = ok else {
            return Err(not_report(&format!(
                "\"paragraphs\"[{i}] lacks start, end or text, or they do not match, or it overlaps the paragraph before"
            )));
        };
        text.extend(std::iter::repeat('\n').take((s - at) as usize));
        text.push_str(t);
        at = e;
    }
    Ok((text, keep))
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
    use super::{csv_field, open_saved, saved_json};

    #[test]
    fn saved_report_round_trip() {
        let json = saved_json("{\"version\":1,\"paragraphs\":[]}", "A \"quoted\" text.\n\nTwo.", &["Two.".into()]);
        assert_eq!(open_saved("r.json", &json), Ok(("A \"quoted\" text.\n\nTwo.".to_string(), vec!["Two.".to_string()])));
        assert_eq!(saved_json("", "x", &[]), "{\"text\":\"x\",\"keep\":[]}");
    }

    #[test]
    fn report_without_text_is_rebuilt_from_paragraphs() {
        let json = r#"{"paragraphs":[{"start":0,"end":5,"text":"Title","kind":"heading"},{"start":7,"end":10,"text":"Go.","kind":"body"}]}"#;
        assert_eq!(open_saved("r.json", json).unwrap().0, "Title\n\nGo.");
    }

    #[test]
    fn bad_files_say_what_and_where() {
        let err = open_saved("r.json", "{\"text\": \"a\",\n  \"keep\": [1,]}").unwrap_err();
        assert!(err.contains("r.json") && err.contains("line 2"), "{err}");
        let err = open_saved("r.json", "[1, 2]").unwrap_err();
        assert!(err.contains("not a Lede report"), "{err}");
        let err = open_saved("r.json", r#"{"paragraphs":[{"start":0,"end":9,"text":"Title","kind":"body"}]}"#).unwrap_err();
        assert!(err.contains("\"paragraphs\"[0]"), "{err}");
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("Paris"), "Paris");
        assert_eq!(csv_field("Smith, John"), "\"Smith, John\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
