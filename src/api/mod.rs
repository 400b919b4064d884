//! The JS API (wasm-bindgen): `analyze(text, options?)` returns the Report as plain JS objects.
//! A thin adapter over `crate::wire`; errors become JS `Error`s with a clear message here only.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::Options;

fn options_from_js(value: &JsValue) -> Result<Options, JsError> {
    let mut options = Options::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() {
        return Err(JsError::new("analyze(text, options): options must be an object such as { entities: false }"));
    }
    for (name, slot) in [
        ("duplicates", &mut options.duplicates),
        ("boilerplate", &mut options.boilerplate),
        ("entities", &mut options.entities),
    ] {
        let v = js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() {
            continue;
        }
        match v.as_bool() {
            Some(b) => *slot = b,
            None => return Err(JsError::new(&format!("analyze(text, options): options.{name} must be true or false"))),
        }
    }
    let keep = js_sys::Reflect::get(value, &JsValue::from_str("keep")).unwrap_or(JsValue::UNDEFINED);
    if !keep.is_undefined() {
        let Some(list) = keep.dyn_ref::<js_sys::Array>() else {
            return Err(JsError::new("analyze(text, options): options.keep must be an array of strings"));
        };
        for (i, item) in list.iter().enumerate() {
            match item.as_string() {
                Some(s) => options.keep.push(s),
                None => return Err(JsError::new(&format!("analyze(text, options): options.keep[{i}] must be a string"))),
            }
        }
    }
    Ok(options)
}

/// Analyze `text` and return its Report (offsets in UTF-16 code units) in five parts, which the
/// package's `analyze` (npm/index.js), what users call, puts together: the Report as JSON with
/// `[]` for the bulky lists, `""` for the clean text and `null` for every other text that is a
/// slice of `text` (`wire::serialize_for_js`); those lists as numbers (`wire::take_columns`: a
/// Uint32Array, a Float64Array of grades and the names they point to); and the clean text. Under
/// Node, building tens of thousands of small objects there from numbers, and slicing their texts
/// from the string it passed, is several times cheaper than writing them as JSON here, decoding it
/// there and parsing it.
#[wasm_bindgen(js_name = analyzeReport)]
pub fn analyze_js(text: JsValue, options: JsValue) -> Result<js_sys::Array, JsError> {
    let Some(text) = text.as_string() else {
        return Err(JsError::new("analyze(text, options): text must be a string"));
    };
    let options = options_from_js(&options)?;
    let report = crate::analysis::analyze(&text, &options);
    let mut wire = crate::wire::to_wire(&text, &report);
    let columns = crate::wire::take_columns(&mut wire);
    wire.clean_text = "";
    let mut json = Vec::with_capacity(64 * 1024);
    crate::wire::serialize_for_js(&wire, &mut serde_json::Serializer::new(&mut json))
        .map_err(|e| JsError::new(&format!("analyze: could not build the report: {e}")))?;
    // serde_json writes UTF-8 only.
    let json = String::from_utf8(json).map_err(|e| JsError::new(&format!("analyze: could not build the report: {e}")))?;
    let parts = js_sys::Array::of5(
        &JsValue::from_str(&json),
        &js_sys::Uint32Array::from(&columns.ints[..]),
        &js_sys::Float64Array::from(&columns.grades[..]),
        &names_of(&columns),
        &JsValue::from_str(&report.clean_text),
    );
    Ok(parts)
}

/// The entities of `text` alone (`analysis::entities_of`), for the package's `analyzeAsync`, which
/// asks a second instance of the module, on a worker, for them while this one analyzes the rest
/// with `entities: false`: the numbers of `wire::entity_columns` (a Uint32Array) and the names they
/// point to.
#[wasm_bindgen(js_name = entityColumns)]
pub fn entity_columns(text: JsValue) -> Result<js_sys::Array, JsError> {
    let Some(text) = text.as_string() else {
        return Err(JsError::new("analyzeAsync(text, options): text must be a string"));
    };
    let columns = crate::wire::entity_columns(&text, crate::analysis::entities_of(&text));
    Ok(js_sys::Array::of2(&js_sys::Uint32Array::from(&columns.ints[..]), &names_of(&columns)))
}

/// The names that `columns.ints` points to, as a JS array of strings.
fn names_of(columns: &crate::wire::Columns) -> js_sys::Array {
    columns.names.iter().map(|&n| JsValue::from_str(n)).collect()
}

/// For the app's web worker: the Report as JSON (UTF-8 bytes, which the worker hands to the page
/// without a copy) twice, in a two-element array: the full Report
/// (for exports) and a lighter copy without the paragraphs' and sentences' `text` and of the repeats'
/// passages (the page slices those from the text it already has) and of the clean text's
/// per-sentence difficulty, which is what the page parses on its main thread.
#[wasm_bindgen(js_name = analyzeForPage)]
pub fn analyze_for_page(text: &str, keep: Vec<String>) -> js_sys::Array {
    let report = crate::analysis::analyze(text, &Options { keep, ..Options::default() });
    let mut wire = crate::wire::to_wire(text, &report);
    let full = serde_json::to_vec(&wire).unwrap_or_default();
    for p in &mut wire.paragraphs {
        p.text = "";
    }
    for s in &mut wire.sentences {
        s.text = "";
    }
    for d in &mut wire.duplicates {
        d.first.text = "";
        d.repeat.text = "";
    }
    // The page tints sentences by the raw figures (offsets into the text it shows); the clean
    // text's per-sentence list is the same size again and only the exports read it.
    wire.stats.clean.sentence_difficulty = Vec::new();
    let view = serde_json::to_vec(&wire).unwrap_or_default();
    js_sys::Array::of2(&js_sys::Uint8Array::from(&full[..]), &js_sys::Uint8Array::from(&view[..]))
}
