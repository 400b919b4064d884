//! `lede bench`: throughput of each analysis on real text (the sample article and the test
//! articles under tests/articles, repeated to about 1 MB), printed as MB/s, then `analyze` on the
//! hostile inputs of tests/hostile.rs at 0.1, 1 and 10 MB (`lede bench --hostile` for those
//! alone). Targets live here, never in timed tests.

use std::process::ExitCode;
use std::time::Instant;

use crate::errors::CliError;
use lede::analysis::{self, Options, Span};

/// Real text for the benchmarks: the gold corpora's texts (../shared/corpora, or $CORPORA), each
/// record once, sentences of one document joined into a paragraph and documents separated by a
/// blank line, repeated to at least `min_bytes`. Without the corpora: the sample article and the
/// test articles under tests/articles. Returns the text and what it is made of.
pub fn corpus(min_bytes: usize) -> (String, &'static str) {
    let parts = corpora_texts();
    let (parts, what) = if parts.is_empty() { (article_texts(), "the test articles") } else { (parts, "the corpora's texts") };
    let mut out = String::new();
    while out.len() < min_bytes {
        for p in &parts {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
    (out, what)
}

/// One text per document of every JSON Lines file in the corpora folder and its `train/`, but
/// the UNER test set, whose sentences are the UD EWT test set's again (a copy of every paragraph
/// would make the text one long run of repeats to diff).
fn corpora_texts() -> Vec<String> {
    let dir = std::env::var("CORPORA").unwrap_or_else(|_| "../shared/corpora".into());
    let mut files = Vec::new();
    for d in [std::path::PathBuf::from(&dir), std::path::Path::new(&dir).join("train")] {
        if let Ok(entries) = std::fs::read_dir(&d) {
            files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| {
                p.extension().is_some_and(|e| e == "jsonl") && !p.ends_with("ner_uner_en_ewt_test.jsonl")
            }));
        }
    }
    files.sort();
    let mut docs: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in files {
        let Ok(data) = std::fs::read_to_string(&f) else { continue };
        for line in data.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let text = v.get("raw_text").or_else(|| v.get("text")).and_then(|t| t.as_str()).unwrap_or("");
            if text.trim().is_empty() || !seen.insert(text.to_string()) {
                continue;
            }
            let doc = v.get("doc_id").or_else(|| v.get("id")).and_then(|t| t.as_str()).unwrap_or("").to_string();
            match docs.last_mut() {
                Some((d, t)) if *d == doc && !doc.is_empty() => {
                    t.push(' ');
                    t.push_str(text);
                }
                _ => docs.push((doc, text.to_string())),
            }
        }
    }
    docs.into_iter().map(|d| d.1).collect()
}

fn article_texts() -> Vec<String> {
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
    parts
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

pub fn run(args: &[String]) -> Result<ExitCode, CliError> {
    if args.iter().any(|a| a == "--print-text") {
        // The bench text itself, for the browser and Node benchmarks to run on the same text.
        out!("{}", corpus(1 << 20).0);
        return Ok(ExitCode::SUCCESS);
    }
    if args.iter().any(|a| a == "--hostile") {
        hostile();
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(i) = args.iter().position(|a| a == "--stage") {
        return one_stage(args.get(i + 1).map(String::as_str).unwrap_or(""), args.get(i + 2));
    }
    let (text, what) = corpus(1 << 20);
    outln!("machine: {}", machine());
    outln!(
        "bench text: {:.2} MB of {what}; 0.1 and 1 MB are its first paragraphs, 10 MB is it repeated (later copies are exact repeats)",
        text.len() as f64 / 1e6
    );
    let sizes = [prefix(&text, 100_000), prefix(&text, 1_000_000), repeat_to(&text, 10_000_000)];
    let prepared: Vec<Prepared> = sizes.iter().map(|t| Prepared::new(t)).collect();
    type Stage = fn(&Prepared) -> usize;
    let stages: [(&str, Stage); 8] = [
        ("segmentation (paragraphs, sentences)", |p| {
            analysis::paragraphs::paragraphs(&p.text).iter().map(|q| analysis::sentences::split(&p.text, q.span).len()).sum()
        }),
        ("boilerplate", |p| analysis::boilerplate::detect(&p.text, &p.paragraphs, &p.sentences).len()),
        ("repeats", |p| analysis::duplicates::find(&p.text, &p.paragraphs, &p.sentences, &p.junk).len()),
        ("entities", |p| {
            analysis::clear_caches();
            analysis::entities::find(&p.text, &p.sent_spans).len()
        }),
        ("statistics", |p| {
            analysis::clear_caches();
            analysis::stats::compute(&p.text, &p.para_spans, &p.sent_spans).words
        }),
        ("analyze, one thread", |p| {
            analysis::clear_caches();
            analysis::analyze_on_one_thread(&p.text, &Options::default()).sentences.len()
        }),
        ("analyze, as the CLI runs it (2 threads)", |p| {
            analysis::clear_caches();
            analysis::analyze(&p.text, &Options::default()).sentences.len()
        }),
        ("analyze again, caches warm (editing)", |p| analysis::analyze_on_one_thread(&p.text, &Options::default()).sentences.len()),
    ];
    outln!("{:<40} {:>9} {:>9} {:>9}   (MB/s, best of the runs; text never seen but on the last line)", "stage", "0.1 MB", "1 MB", "10 MB");
    for (name, stage) in stages {
        let figures: Vec<String> = prepared
            .iter()
            .map(|p| format!("{:>9.1}", best_mbs(p.text.len(), if p.text.len() > 5_000_000 { 2 } else { 5 }, || stage(p))))
            .collect();
        outln!("{name:<40} {}", figures.join(" "));
    }
    outln!("targets: analyze >= 25 MB/s natively; equal MB/s at 0.1, 1 and 10 MB means linear time");
    peak_memory(&sizes[2]);
    repeats_stage(&text);
    sbd_stress();
    hostile();
    Ok(ExitCode::SUCCESS)
}

/// The hostile inputs of tests/hostile.rs that have a size, built to `bytes` bytes.
fn hostile_inputs() -> Vec<(&'static str, Box<dyn Fn(usize) -> String>)> {
    fn fill(unit: &str, bytes: usize) -> String {
        unit.repeat(bytes / unit.len() + 1)
    }
    vec![
        ("prose", Box::new(|n| repeat_to(&article_texts().join("\n\n"), n))),
        ("no punctuation", Box::new(|n| fill("lorem ipsum dolor sit amet consectetur adipiscing elit sed do ", n))),
        ("one-word lines", Box::new(|n| fill("Word\n", n))),
        ("one giant word", Box::new(|n| "a".repeat(n))),
        ("only periods", Box::new(|n| ".".repeat(n))),
        ("dots and initials", Box::new(|n| fill("a.b.c. U.S. e.g. 1.2.3 ... J. ", n))),
        ("NULs and controls", Box::new(|n| fill("The\0council\0voted.\x07\x1b[0m Then\x0bit\x0crained.\0\n", n))),
        ("arabic and persian", Box::new(|n| fill("\u{642}\u{627}\u{644} \u{627}\u{644}\u{631}\u{626}\u{64a}\u{633} \u{645}\u{633}\u{639}\u{648}\u{62f} \u{67e}\u{632}\u{634}\u{6a9}\u{6cc}\u{627}\u{646} \u{628}\u{648}\u{62f}\u{200c}\u{647}\u{627}\u{633}\u{62a}. \u{61f}\n\n", n))),
        ("mixed directions", Box::new(|n| fill("The U.N. said \u{202b}\u{5e8}\u{5d0}\u{5e9}\u{202c} and \u{2067}\u{642}\u{627}\u{644}\u{2069} \u{200f}(IDF)\u{200e} 2024. ", n))),
        ("CJK", Box::new(|n| fill("\u{5317}\u{4eac}\u{5e02}\u{653f}\u{5e9c}\u{4eca}\u{5929}\u{5ba3}\u{5e03}\u{4e86}\u{65b0}\u{7684}\u{9884}\u{7b97}\u{3002}\u{5e02}\u{957f}\u{8868}\u{793a}\u{ff01}", n))),
        ("emoji ZWJ", Box::new(|n| fill("\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466} \u{1f44f}\u{1f3fd} \u{1f1fa}\u{1f1f8}. ", n))),
        ("combining marks on one letter", Box::new(|n| format!("Caf e{} went.", "\u{301}".repeat(n / 2)))),
        ("CRLF and lone CR", Box::new(|n| fill("Headline Here\r\n\r\nFirst sentence. Second one!\r\nThird line\rFourth.\r\r", n))),
        ("invisible spaces", Box::new(|n| fill("No\u{a0}break.\u{200b}Zero\u{200b}width\u{feff} soft\u{ad}hy\u{ad}phen. ", n))),
        ("repeated paragraph", Box::new(|n| fill("The same paragraph again and again, with the same words in it, more than a few of them.\n\n", n))),
        ("near repeats", Box::new(|n| {
            let mut s = String::new();
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!("The council approved a ${i}.5 billion budget for the harbor on Tuesday, {i} officials said.\n\n"));
                i += 1;
            }
            s
        })),
    ]
}

/// `analyze` (as the CLI runs it) on each hostile input at 0.1, 1 and 10 MB: milliseconds per run
/// and MB/s (MB/s that drops from 1 to 10 MB means worse than linear time; 0.1 MB fits in the
/// caches), then the CLI's time and peak memory on 10 MB of prose and on the worst inputs.
fn hostile() {
    outln!("hostile inputs, analyze (all, caches cleared): ms per run (MB/s) at 0.1 / 1 / 10 MB");
    let inputs = hostile_inputs();
    for (name, make) in &inputs {
        let mut cells = Vec::new();
        let mut rates = Vec::new();
        for mb in [0.1, 1.0, 10.0] {
            let text = make((mb * 1e6) as usize);
            let runs = if mb < 1.0 { 5 } else { 1 };
            let mut ms = f64::MAX;
            for _ in 0..runs {
                analysis::clear_caches();
                let start = Instant::now();
                std::hint::black_box(analysis::analyze(&text, &Options::default()).sentences.len());
                ms = ms.min(start.elapsed().as_secs_f64() * 1e3);
            }
            let rate = text.len() as f64 / 1e6 / (ms / 1e3);
            rates.push(rate);
            cells.push(format!("{ms:>8.1} ms ({rate:>6.1})"));
        }
        let verdict = if rates[2] < 0.6 * rates[1] { "  slower per MB from 1 to 10 MB: worse than linear?" } else { "" };
        outln!("  {name:<30} {}{verdict}", cells.join("  "));
    }
    for (name, make) in &inputs {
        if matches!(*name, "prose" | "one-word lines" | "only periods") {
            out!("{name}: ");
            peak_memory(&make(10_000_000));
        }
    }
}

/// A text with its paragraphs, sentences and junk lines found beforehand, for stages that need them.
struct Prepared {
    text: String,
    paragraphs: Vec<analysis::Paragraph>,
    sentences: Vec<analysis::Sentence>,
    para_spans: Vec<Span>,
    sent_spans: Vec<Span>,
    junk: Vec<analysis::Boilerplate>,
}

impl Prepared {
    fn new(text: &str) -> Prepared {
        let paragraphs = analysis::paragraphs::paragraphs(text);
        let sentences = analysis::sentences_of(text, &paragraphs);
        let junk = analysis::boilerplate::detect(text, &paragraphs, &sentences);
        Prepared {
            para_spans: paragraphs.iter().map(|p| p.span).collect(),
            sent_spans: sentences.iter().map(|s| s.span).collect(),
            text: text.to_string(),
            paragraphs,
            sentences,
            junk,
        }
    }
}

/// The first paragraphs of `text` up to about `n` bytes.
pub fn prefix(text: &str, n: usize) -> String {
    match text[..n.min(text.len())].rfind("\n\n") {
        Some(i) => text[..i].to_string(),
        None => text.to_string(),
    }
}

fn repeat_to(text: &str, n: usize) -> String {
    let mut out = String::with_capacity(n + text.len());
    while out.len() < n {
        out.push_str(text);
        out.push_str("\n\n");
    }
    out
}

/// MB/s of the fastest of `runs` runs of `f` over `bytes` bytes.
fn best_mbs(bytes: usize, runs: usize, mut f: impl FnMut() -> usize) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        std::hint::black_box(f());
        best = best.min(start.elapsed().as_secs_f64());
    }
    bytes as f64 / best / 1e6
}

/// The processor, cores and memory of this machine (Linux), for the record.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu.lines().find_map(|l| l.strip_prefix("model name")).map(|l| l.trim_start_matches([' ', '\t', ':'])).unwrap_or("unknown processor");
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kb: f64 = mem.lines().find_map(|l| l.strip_prefix("MemTotal:")).and_then(|l| l.trim().trim_end_matches(" kB").parse().ok()).unwrap_or(0.0);
    format!("{model}, {cores} cores, {:.0} GiB; lede {} release build", kb / 1048576.0, env!("CARGO_PKG_VERSION"))
}

/// Peak memory of `lede analyze` (this binary) on `text`, written to a temporary file.
fn peak_memory(text: &str) {
    let path = std::env::temp_dir().join(format!("lede-bench-{}.txt", std::process::id()));
    if std::fs::write(&path, text).is_err() {
        outln!("CLI peak memory: could not write a temporary file");
        return;
    }
    let exe = std::env::current_exe().unwrap_or_else(|_| "lede".into());
    let start = Instant::now();
    let out = std::process::Command::new(exe)
        .args(["analyze", "--compact"])
        .arg(&path)
        .env("LEDE_PEAK_MEMORY", "1")
        .stdout(std::process::Stdio::null())
        .output();
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&path);
    let stderr = out.map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).unwrap_or_default();
    let kb: Option<f64> = stderr
        .lines()
        .find_map(|l| l.strip_prefix("lede: peak memory "))
        .and_then(|v| v.trim_end_matches(" kB").trim().parse().ok());
    let mb = text.len() as f64 / 1e6;
    match kb {
        Some(kb) => outln!(
            "CLI `lede analyze` on {mb:.1} MB (JSON written to /dev/null): {secs:.1} s, peak memory {:.0} MB = {:.1}x the input (target <= 10x)",
            kb * 1024.0 / 1e6,
            kb * 1024.0 / text.len() as f64
        ),
        None => outln!("CLI `lede analyze` on {mb:.1} MB: {secs:.1} s, peak memory unknown (needs Linux /proc)"),
    }
}

/// Paragraphs+sentences on texts built to be hard (no punctuation at all, 100,000 short lines,
/// dotted tokens), at 1x and 4x size: equal MB/s at both sizes means linear time.
fn sbd_stress() {
    let split = |t: &str| -> usize {
        analysis::paragraphs::split(t).iter().map(|p| analysis::sentences::split(t, *p).len()).sum()
    };
    let no_punct = |n: usize| "lorem ipsum dolor sit amet consectetur ".repeat(n / 39 + 1);
    let short_lines = |n: usize| "Short line\n".repeat(n / 10);
    let dotted = |n: usize| "a.b.c. U.S. e.g. 1.2.3 ... J. ".repeat(n / 30 + 1);
    let cases: [(&str, &dyn Fn(usize) -> String); 3] =
        [("no punctuation", &no_punct), ("short lines", &short_lines), ("dots and initials", &dotted)];
    for (name, make) in cases {
        let small = make(1_000_000);
        let large = make(4_000_000);
        let a = throughput(&small, 0.5, split);
        let b = throughput(&large, 0.5, split);
        outln!("sbd {name:<20} 1 MB {a:>7.1} MB/s   4 MB {b:>7.1} MB/s");
    }
}

/// Boilerplate and repeats alone (paragraphs and sentences split beforehand), in ms per run on the
/// bench text (each article repeated: exact repeats) and on a copy where every paragraph carries
/// its own number (no exact repeats, every copy a near repeat to diff). Target: 1 MB under 100 ms.
fn repeats_stage(text: &str) {
    let reworded: String = text
        .split("\n\n")
        .enumerate()
        .map(|(i, p)| match p.split_once(' ') {
            Some((head, rest)) => format!("{head} {i} {rest}"),
            None => p.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    for (name, t) in [("bench text", text), ("every copy reworded", reworded.as_str())] {
        let paragraphs = analysis::paragraphs::paragraphs(t);
        let sentences = analysis::sentences_of(t, &paragraphs);
        let mut found = (0, 0);
        let mbs = throughput(t, 1.0, |t| {
            let junk = analysis::boilerplate::detect(t, &paragraphs, &sentences);
            let dups = analysis::duplicates::find(t, &paragraphs, &sentences, &junk);
            found = (junk.len(), dups.len());
            junk.len() + dups.len()
        });
        outln!(
            "boilerplate+repeats ({name}): {:.1} MB in {:.1} ms ({:.1} ms per MB, target 100), {} junk lines, {} repeats",
            t.len() as f64 / 1e6,
            t.len() as f64 / 1e6 / mbs * 1e3,
            1e3 / mbs,
            found.0,
            found.1
        );
    }
}


/// `lede bench --stage NAME [FILE]`: one stage, run for five seconds on FILE (or the bench text),
/// for a profiler to watch.
fn one_stage(name: &str, file: Option<&String>) -> Result<ExitCode, CliError> {
    let text = match file {
        Some(f) => std::fs::read_to_string(f).map_err(|e| CliError::Read { path: f.clone(), source: e })?,
        None => corpus(1 << 20).0,
    };
    let p = Prepared::new(&text);
    let f: Box<dyn Fn(&str) -> usize> = match name {
        // Text never seen: the word caches emptied before each run.
        "analyze" => Box::new(|t: &str| {
            analysis::clear_caches();
            analysis::analyze(t, &Options::default()).sentences.len()
        }),
        // The same text again, as while editing: the caches kept.
        "analyze-warm" => Box::new(|t: &str| analysis::analyze(t, &Options::default()).sentences.len()),
        "sentences" => Box::new(|t: &str| p.paragraphs.iter().map(|q| analysis::sentences::split(t, q.span).len()).sum()),
        "stats" => Box::new(|t: &str| {
            analysis::clear_caches();
            analysis::stats::compute(t, &p.para_spans, &p.sent_spans).words
        }),
        // Every word's facts already remembered, as in a batch of articles or while editing.
        "stats-warm" => Box::new(|t: &str| analysis::stats::compute(t, &p.para_spans, &p.sent_spans).words),
        "boilerplate" => Box::new(|t: &str| analysis::boilerplate::detect(t, &p.paragraphs, &p.sentences).len()),
        "repeats" => Box::new(|t: &str| analysis::duplicates::find(t, &p.paragraphs, &p.sentences, &p.junk).len()),
        "entities" => Box::new(|t: &str| {
            analysis::clear_caches();
            analysis::entities::find(t, &p.sent_spans).len()
        }),
        _ => {
            return Err(CliError::Usage(format!(
                "unknown stage '{name}' (analyze, analyze-warm, sentences, stats, stats-warm, boilerplate, repeats, entities)"
            )))
        }
    };
    // LEDE_STAGE_SECS=0 runs it three times only (for callgrind).
    let secs = std::env::var("LEDE_STAGE_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let mbs = throughput(&text, secs, |t| f(t));
    outln!("{name}: {mbs:.1} MB/s on {:.2} MB", text.len() as f64 / 1e6);
    Ok(ExitCode::SUCCESS)
}
