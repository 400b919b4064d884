//! `lede bench`: throughput of each analysis on real text (the sample article and the test
//! articles under tests/articles, repeated to about 1 MB), printed as MB/s. Targets live here,
//! never in timed tests.

use std::process::ExitCode;
use std::time::Instant;

use crate::errors::CliError;
use lede::analysis::{self, Options, Span};

/// Real text for the benchmarks: every article we have, repeated to at least `min_bytes`.
pub fn corpus(min_bytes: usize) -> String {
    let mut parts: Vec<String> = vec![lede::SAMPLE_ARTICLE.to_string()];
    if let Ok(dir) = std::fs::read_dir("tests/articles") {
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    parts.push(t);
                }
            }
        }
    }
    let mut out = String::new();
    while out.len() < min_bytes {
        for p in &parts {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
    out
}

/// Run `f` on `text` until at least `min_secs` have passed; return MB/s.
pub fn throughput(text: &str, min_secs: f64, mut f: impl FnMut(&str) -> usize) -> f64 {
    let mut runs = 0u32;
    let mut sink = 0usize;
    let start = Instant::now();
    while runs < 3 || start.elapsed().as_secs_f64() < min_secs {
        sink = sink.wrapping_add(f(text));
        runs += 1;
    }
    std::hint::black_box(sink);
    text.len() as f64 * runs as f64 / start.elapsed().as_secs_f64() / 1e6
}

pub fn run(_args: &[String]) -> Result<ExitCode, CliError> {
    let text = corpus(1 << 20);
    println!("bench text: {:.2} MB of articles", text.len() as f64 / 1e6);
    let whole = Span::new(0, text.len());
    let stages: Vec<(&str, Box<dyn Fn(&str) -> usize>)> = vec![
        ("paragraphs", Box::new(|t: &str| analysis::paragraphs::split(t).len())),
        (
            "paragraphs+sentences",
            Box::new(|t: &str| {
                analysis::paragraphs::split(t).iter().map(|p| analysis::sentences::split(t, *p).len()).sum()
            }),
        ),
        ("tokens", Box::new(move |t: &str| analysis::tokens::words(t, whole).len())),
        ("analyze (all)", Box::new(|t: &str| analysis::analyze(t, &Options::default()).sentences.len())),
    ];
    for (name, f) in &stages {
        let mbs = throughput(&text, 1.0, |t| f(t));
        println!("{name:<24} {mbs:>9.1} MB/s");
    }
    Ok(ExitCode::SUCCESS)
}
