//! Fuzz target: any bytes (valid UTF-8 as they are, anything else through a lossy decode) go through
//! `analyze` with every analysis on, then through the wire form (UTF-16 offsets, JSON); the Report
//! must keep `lede::invariants`, and the same text must give the same Report again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lede::analysis::{self, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut options = Options::default();
    // One input in four also marks its first line as "keep" (the user's override).
    if data.first().is_some_and(|b| b % 4 == 0) {
        if let Some(line) = text.lines().next() {
            options.keep.push(line.to_string());
        }
    }
    let report = analysis::analyze(&text, &options);
    if let Err(e) = lede::invariants::check(&text, &report) {
        panic!("invariant broken: {e}\ntext: {text:?}");
    }
    if let Err(e) = lede::invariants::check_wire(&text, &report) {
        panic!("wire invariant broken: {e}\ntext: {text:?}");
    }
    // Determinism (on one input in four, to keep the fuzzer fast): a second run with the word
    // caches (entity tagger, statistics) warm from the first, and now and then one with them emptied.
    match data.len() % 16 {
        0 | 4 | 8 => {
            let again = analysis::analyze(&text, &options);
            assert!(again == report, "a second run gave another Report\ntext: {text:?}");
        }
        12 => {
            analysis::clear_caches();
            let cold = analysis::analyze(&text, &options);
            assert!(cold == report, "a run with empty caches gave another Report\ntext: {text:?}");
        }
        _ => {}
    }
});
