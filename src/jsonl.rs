//! JSON Lines batches: the reader behind `lede analyze --jsonl`, here in the library so that tests
//! and the fuzz target (`fuzz/fuzz_targets/jsonl.rs`) run the very code the CLI runs. Each line
//! `{"id": ..., "text": "..."}` becomes `{"id": ..., "report": {...}}`; a bad line becomes
//! `{"id": ..., "line": N, "error": "..."}` and the next line is read as if nothing happened. Only
//! reading the input or writing the output can stop a batch.

use std::io::{self, BufRead, Write};

use crate::analysis::Options;
use crate::wire;

/// Why one line could not be analyzed.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordError {
    /// Not UTF-8; `offset` is the first bad byte, counted from the start of the input.
    InvalidUtf8 { offset: usize },
    /// Not JSON (`message` is serde_json's, without its own position).
    BadJson { column: usize, message: String },
    /// JSON, but not an object.
    NotObject,
    /// An object without a string `text`.
    MissingText,
}

/// A line that could not be analyzed: its number (from 1), the record's `id` when it was read,
/// and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    pub line: usize,
    pub id: serde_json::Value,
    pub error: RecordError,
}

/// What stopped a batch: the input could not be read, or the output not written.
#[derive(Debug)]
pub enum StreamError {
    Read(io::Error),
    Write(io::Error),
}

/// How a batch went: lines read (blank ones included) and lines that could not be analyzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub lines: usize,
    pub failures: usize,
}

/// serde_json's message without its own "at line L column C" (the caller gives the file's line).
pub fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// One line (`raw`, its line break included or not) starting at byte `line_offset` of the input:
/// `Ok(None)` for a blank line, else the output record.
pub fn record(raw: &[u8], line_offset: usize, options: &Options) -> Result<Option<serde_json::Value>, (serde_json::Value, RecordError)> {
    let null = serde_json::Value::Null;
    let s = std::str::from_utf8(raw)
        .map_err(|e| (null.clone(), RecordError::InvalidUtf8 { offset: line_offset + e.valid_up_to() }))?;
    let s = s.trim_start_matches('\u{feff}').trim_end_matches(['\n', '\r']);
    if s.trim().is_empty() {
        return Ok(None);
    }
    let mut value: serde_json::Value = serde_json::from_str(s)
        .map_err(|e| (null.clone(), RecordError::BadJson { column: e.column(), message: json_message(&e) }))?;
    let Some(obj) = value.as_object_mut() else {
        return Err((null, RecordError::NotObject));
    };
    let id = obj.remove("id").unwrap_or(serde_json::Value::Null);
    let Some(text) = obj.get("text").and_then(|t| t.as_str()) else {
        return Err((id, RecordError::MissingText));
    };
    let report = wire::analyze_json(text, options);
    Ok(Some(serde_json::json!({ "id": id, "report": report })))
}

/// Analyze every line of `input`, writing one output line per non-blank input line to `out` (and
/// flushing it, so a consumer sees each report as soon as it is ready). `on_error` is told of each
/// bad line and returns the message for its output record.
pub fn analyze_stream(
    mut input: impl BufRead,
    mut out: impl Write,
    options: &Options,
    mut on_error: impl FnMut(&LineError) -> String,
) -> Result<Summary, StreamError> {
    let mut buf = Vec::new();
    let mut summary = Summary::default();
    let mut offset = 0usize;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).map_err(StreamError::Read)?;
        if n == 0 {
            break;
        }
        summary.lines += 1;
        let line_offset = offset;
        offset += n;
        let value = match record(&buf, line_offset, options) {
            Ok(None) => continue,
            Ok(Some(v)) => v,
            Err((id, error)) => {
                summary.failures += 1;
                let e = LineError { line: summary.lines, id, error };
                let message = on_error(&e);
                serde_json::json!({ "id": e.id, "line": e.line, "error": message })
            }
        };
        serde_json::to_writer(&mut out, &value).map_err(|e| StreamError::Write(e.into()))?;
        out.write_all(b"\n").map_err(StreamError::Write)?;
        out.flush().map_err(StreamError::Write)?;
    }
    Ok(summary)
}
