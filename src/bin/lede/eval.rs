//! `lede eval`: score Lede's analyses against gold data in JSON Lines (the format of the shared
//! corpora). `eval sbd` scores sentence boundaries.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::process::ExitCode;

use crate::errors::CliError;
use lede::analysis::{analyze, Options};

pub fn run(args: &[String]) -> Result<ExitCode, CliError> {
    match args.first().map(String::as_str) {
        Some("sbd") => sbd(&args[1..]),
        Some(other) => Err(CliError::Usage(format!("unknown evaluation `{other}` (known: sbd)"))),
        None => Err(CliError::Usage("`lede eval` needs an evaluation name (sbd) and a FILE.jsonl".into())),
    }
}

struct EvalArgs {
    file: String,
    min_exact: Option<f64>,
    min_f1: Option<f64>,
    show_errors: bool,
}

fn parse(args: &[String]) -> Result<EvalArgs, CliError> {
    let mut file = None;
    let mut min_exact = None;
    let mut min_f1 = None;
    let mut show_errors = false;
    let mut it = args.iter();
    let num = |v: Option<&String>, name: &str| -> Result<f64, CliError> {
        v.and_then(|s| s.parse().ok()).ok_or_else(|| CliError::Usage(format!("{name} needs a number, e.g. {name} 0.9")))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--min-exact" => min_exact = Some(num(it.next(), "--min-exact")?),
            "--min-f1" => min_f1 = Some(num(it.next(), "--min-f1")?),
            "--show-errors" => show_errors = true,
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option `{s}` for `lede eval`"))),
            s => file = Some(s.to_string()),
        }
    }
    let file = file.ok_or_else(|| CliError::Usage("`lede eval` needs a FILE.jsonl".into()))?;
    Ok(EvalArgs { file, min_exact, min_f1, show_errors })
}

/// Positions of sentence ends measured in non-space characters, so that gold sentences whose
/// white space was cleaned up still line up with the text. The last end (the text's end) is dropped.
fn boundaries<'a>(sentences: impl Iterator<Item = &'a str>) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut pos = 0;
    for s in sentences {
        pos += s.chars().filter(|c| !c.is_whitespace()).count();
        out.insert(pos);
    }
    if let Some(&last) = out.iter().next_back() {
        out.remove(&last);
    }
    out
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sbd(args: &[String]) -> Result<ExitCode, CliError> {
    let a = parse(args)?;
    let reader = crate::open(&a.file)?;
    let (mut records, mut exact) = (0usize, 0usize);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| CliError::Read { path: a.file.clone(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| CliError::BadJson {
            path: a.file.clone(),
            line: i + 1,
            column: e.column(),
            message: e.to_string(),
        })?;
        let text = v["text"].as_str().ok_or(CliError::MissingText { path: a.file.clone(), line: i + 1 })?;
        let expected: Vec<&str> = v["expected"].as_array().map(|xs| xs.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
        let report = analyze(text, &Options { duplicates: false, boilerplate: false, entities: false });
        let got: Vec<&str> = report.sentences.iter().map(|s| s.span.slice(text)).collect();
        records += 1;
        let same = got.len() == expected.len() && got.iter().zip(&expected).all(|(g, e)| normalize(g) == normalize(e));
        if same {
            exact += 1;
        } else if a.show_errors {
            println!("--- {} ---\n  expected: {:?}\n  got:      {:?}", v["id"], expected, got);
        }
        let gold = boundaries(expected.iter().copied());
        let pred = boundaries(got.iter().copied());
        tp += gold.intersection(&pred).count();
        fp += pred.difference(&gold).count();
        fn_ += gold.difference(&pred).count();
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let exact_rate = ratio(exact, records);
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    println!(
        "sbd {}: records {records}, exact match {exact}/{records} = {exact_rate:.3}, boundary precision {precision:.3} recall {recall:.3} F1 {f1:.3}",
        a.file
    );
    let mut ok = true;
    if let Some(min) = a.min_exact {
        if exact_rate < min {
            println!("FAIL: exact match {exact_rate:.3} is below the threshold {min}");
            ok = false;
        }
    }
    if let Some(min) = a.min_f1 {
        if f1 < min {
            println!("FAIL: boundary F1 {f1:.3} is below the threshold {min}");
            ok = false;
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
