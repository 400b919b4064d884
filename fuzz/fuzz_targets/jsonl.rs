//! Fuzz target: any bytes as a JSON Lines batch through `lede::jsonl::analyze_stream`, the reader
//! behind `lede analyze --jsonl`. It must not panic, must write exactly one JSON line per non-blank
//! input line (a report or an error naming that line), and must count its failures right.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lede::analysis::Options;
use lede::jsonl;

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let summary = jsonl::analyze_stream(data, &mut out, &Options::default(), |e| {
        errors.push(e.line);
        format!("line {}: {:?}", e.line, e.error)
    })
    .expect("reading a byte slice and writing a Vec cannot fail");

    // The input's lines as the reader sees them: split after each '\n'.
    let lines: Vec<&[u8]> = data.split_inclusive(|&b| b == b'\n').collect();
    assert_eq!(summary.lines, lines.len());
    let blank = |l: &[u8]| match std::str::from_utf8(l) {
        Ok(s) => s.trim_start_matches('\u{feff}').trim().is_empty(),
        Err(_) => false,
    };
    let expected: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| !blank(l)).map(|(i, _)| i + 1).collect();

    let out = String::from_utf8(out).expect("the output is UTF-8");
    let records: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).expect("each output line is JSON")).collect();
    assert_eq!(records.len(), expected.len(), "one output line per non-blank input line");
    let mut failed = Vec::new();
    for (r, &line) in records.iter().zip(&expected) {
        assert!(r.get("id").is_some());
        if let Some(report) = r.get("report") {
            assert!(report["cleanText"].is_string() && report["sentences"].is_array());
        } else {
            assert_eq!(r["line"].as_u64(), Some(line as u64));
            assert!(r["error"].is_string());
            failed.push(line);
        }
    }
    assert_eq!(failed, errors);
    assert_eq!(summary.failures, errors.len());
});
