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
        Some("ner") => ner(&args[1..]),
        Some("readability") => readability(&args[1..]),
        Some(other) => Err(CliError::Usage(format!("unknown evaluation `{other}` (known: sbd, ner, readability)"))),
        None => Err(CliError::Usage("`lede eval` needs an evaluation name (sbd, ner) and a FILE.jsonl".into())),
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

/// The non-blank lines of a gold JSON Lines file as (line index from 0, value), with errors that
/// name the file and the line.
fn gold_records<'a>(
    path: &'a str,
    reader: Box<dyn BufRead>,
) -> impl Iterator<Item = Result<(usize, serde_json::Value), CliError>> + 'a {
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let line = match line {
            Ok(l) => l,
            Err(source) => return Some(Err(CliError::Read { path: path.to_string(), source })),
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(serde_json::from_str(&line).map(|v| (i, v)).map_err(|e| CliError::BadJson {
            path: path.to_string(),
            line: i + 1,
            column: e.column(),
            message: lede::jsonl::json_message(&e),
        }))
    })
}

fn sbd(args: &[String]) -> Result<ExitCode, CliError> {
    let a = parse(args)?;
    let reader = crate::open(&a.file)?;
    let (mut records, mut exact) = (0usize, 0usize);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for record in gold_records(&a.file, reader) {
        let (i, v) = record?;
        let text = v["text"].as_str().ok_or(CliError::MissingText { path: a.file.clone(), line: i + 1 })?;
        let expected: Vec<&str> = v["expected"].as_array().map(|xs| xs.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
        let report = analyze(text, &Options { duplicates: false, boilerplate: false, entities: false, keep: Vec::new() });
        let got: Vec<&str> = report.sentences.iter().map(|s| s.span.slice(text)).collect();
        records += 1;
        let same = got.len() == expected.len() && got.iter().zip(&expected).all(|(g, e)| normalize(g) == normalize(e));
        if same {
            exact += 1;
        } else if a.show_errors {
            outln!("--- {} ---\n  expected: {:?}\n  got:      {:?}", v["id"], expected, got);
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
    outln!(
        "sbd {}: records {records}, exact match {exact}/{records} = {exact_rate:.3}, boundary precision {precision:.3} recall {recall:.3} F1 {f1:.3}",
        a.file
    );
    let mut ok = true;
    if let Some(min) = a.min_exact {
        if exact_rate < min {
            outln!("FAIL: exact match {exact_rate:.3} is below the threshold {min}");
            ok = false;
        }
    }
    if let Some(min) = a.min_f1 {
        if f1 < min {
            outln!("FAIL: boundary F1 {f1:.3} is below the threshold {min}");
            ok = false;
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `lede eval ner FILE.jsonl [--labels PER,LOC,ORG] [--min-f1 X] [--show-errors]`: exact-span
/// precision, recall and F1 of entities, overall (micro) and per label. Records carry `raw_text`
/// and `raw_entities` (or `text` and `entities`), offsets in Unicode code points. Only the labels
/// given (by default those found in the gold data) are scored, on both sides.
fn ner(args: &[String]) -> Result<ExitCode, CliError> {
    use std::collections::BTreeMap;
    let mut labels: Option<Vec<String>> = None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(x) = it.next() {
        if x == "--labels" {
            let v = it.next().ok_or_else(|| CliError::Usage("--labels needs a list, e.g. --labels PER,LOC,ORG".into()))?;
            labels = Some(v.split(',').map(|l| l.trim().to_uppercase()).filter(|l| !l.is_empty()).collect());
        } else {
            rest.push(x.clone());
        }
    }
    let a = parse(&rest)?;
    let reader = crate::open(&a.file)?;
    // (record, start, end, label) in code points.
    let mut gold: BTreeSet<(usize, usize, usize, String)> = BTreeSet::new();
    let mut pred: BTreeSet<(usize, usize, usize, String)> = BTreeSet::new();
    let mut texts = Vec::new();
    let options = Options { duplicates: false, boilerplate: false, entities: true, keep: Vec::new() };
    for record in gold_records(&a.file, reader) {
        let (i, v) = record?;
        let (text, ents) = match v["raw_text"].as_str() {
            Some(t) => (t, &v["raw_entities"]),
            None => (v["text"].as_str().ok_or(CliError::MissingText { path: a.file.clone(), line: i + 1 })?, &v["entities"]),
        };
        let r = texts.len();
        for e in ents.as_array().map(Vec::as_slice).unwrap_or(&[]) {
            if let (Some(s), Some(en), Some(l)) = (e["start"].as_u64(), e["end"].as_u64(), e["label"].as_str()) {
                gold.insert((r, s as usize, en as usize, l.to_string()));
            }
        }
        let report = analyze(text, &options);
        let mut cp = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (b, c) in text.char_indices() {
            cp[b] = n;
            n += 1;
            let _ = c;
        }
        cp[text.len()] = n;
        for e in &report.entities {
            pred.insert((r, cp[e.span.start], cp[e.span.end], e.label.as_str().to_string()));
        }
        texts.push((v["id"].clone(), text.to_string()));
    }
    let labels: Vec<String> = labels.unwrap_or_else(|| {
        let set: BTreeSet<String> = gold.iter().map(|g| g.3.clone()).collect();
        set.into_iter().collect()
    });
    gold.retain(|g| labels.contains(&g.3));
    pred.retain(|p| labels.contains(&p.3));
    let mut per: BTreeMap<&str, (usize, usize, usize)> = labels.iter().map(|l| (l.as_str(), (0, 0, 0))).collect();
    for p in &pred {
        let e = per.entry(p.3.as_str()).or_default();
        if gold.contains(p) { e.0 += 1 } else { e.1 += 1 }
    }
    for g in gold.difference(&pred) {
        per.entry(g.3.as_str()).or_default().2 += 1;
    }
    if a.show_errors {
        let mut by_record: BTreeMap<usize, (Vec<String>, Vec<String>)> = BTreeMap::new();
        let span_text = |r: usize, s: usize, e: usize| texts[r].1.chars().skip(s).take(e - s).collect::<String>();
        for p in pred.difference(&gold) {
            by_record.entry(p.0).or_default().1.push(format!("{} {:?}", p.3, span_text(p.0, p.1, p.2)));
        }
        for g in gold.difference(&pred) {
            by_record.entry(g.0).or_default().0.push(format!("{} {:?}", g.3, span_text(g.0, g.1, g.2)));
        }
        for (r, (missed, wrong)) in by_record {
            outln!("--- {} --- {}\n  missed: {:?}\n  wrong:  {:?}", texts[r].0, texts[r].1, missed, wrong);
        }
    }
    let prf = |(tp, fp, fn_): (usize, usize, usize)| {
        let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
        let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    };
    let all = per.values().fold((0, 0, 0), |acc, x| (acc.0 + x.0, acc.1 + x.1, acc.2 + x.2));
    let (p, r, f1) = prf(all);
    outln!(
        "ner {}: records {}, labels {}, gold {}, predicted {}, exact-span precision {p:.3} recall {r:.3} F1 {f1:.3}",
        a.file,
        texts.len(),
        labels.join(","),
        all.0 + all.2,
        all.0 + all.1
    );
    for (l, x) in &per {
        let (p, r, f) = prf(*x);
        outln!("  {l:<9} gold {:>5} predicted {:>5}  precision {p:.3} recall {r:.3} F1 {f:.3}", x.0 + x.2, x.0 + x.1);
    }
    if let Some(min) = a.min_f1 {
        if f1 < min {
            outln!("FAIL: entity F1 {f1:.3} is below the threshold {min}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a JSON Lines file of the corpora into values.
fn jsonl(path: &str) -> Result<Vec<serde_json::Value>, CliError> {
    let mut out = Vec::new();
    for (i, line) in crate::open(path)?.lines().enumerate() {
        let line = line.map_err(|source| CliError::Read { path: path.to_string(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| CliError::BadJson {
            path: path.to_string(),
            line: i + 1,
            column: e.column(),
            message: e.to_string(),
        })?);
    }
    Ok(out)
}

/// `lede eval readability [CORPORA_DIR] [--syllables HELDOUT.tsv] [--min-syllables X]`: the
/// formulas on published counts (readability_formula_refs.jsonl, all must be within 0.01), the
/// grade formulas against textstat's five passages (within 1.0 grade, differences listed), and,
/// given the held-out words written by `scripts/gen_syllables.py --heldout`, syllable accuracy.
fn readability(args: &[String]) -> Result<ExitCode, CliError> {
    use lede::analysis::readability as f;
    let mut dir = "../shared/corpora".to_string();
    let (mut heldout, mut min_syllables) = (None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--syllables" => heldout = it.next().cloned(),
            "--min-syllables" => min_syllables = it.next().and_then(|v| v.parse::<f64>().ok()),
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option `{s}` for `lede eval readability`"))),
            s => dir = s.to_string(),
        }
    }
    let mut ok = true;
    // 1. counts in, score out.
    let refs = jsonl(&format!("{dir}/readability_formula_refs.jsonl"))?;
    let mut good = 0;
    for r in &refs {
        let c = &r["counts"];
        let n = |k: &str| c[k].as_u64().unwrap_or(0) as usize;
        let (w, s) = (n("word"), n("sentence"));
        let got: Option<Vec<f64>> = match r["metric"].as_str().unwrap_or("") {
            "flesch_reading_ease" => f::flesch_reading_ease(w, s, n("syllable")).map(|x| vec![x]),
            "flesch_kincaid_grade" => f::flesch_kincaid_grade(w, s, n("syllable")).map(|x| vec![x]),
            "smog_index" => f::smog(s, n("polysillabicWord")).map(|x| vec![x]),
            "coleman_liau_index" => f::coleman_liau(n("letter"), w, s).map(|x| vec![x]),
            "automated_readability_index" => f::automated_readability_index(n("character"), w, s).map(|x| vec![x]),
            "dale_chall_raw_score" => f::dale_chall(w, s, n("difficultWord")).map(|x| vec![x]),
            "dale_chall_grade_band" => f::dale_chall(w, s, n("difficultWord")).map(|x| {
                let (lo, hi) = f::dale_chall_grade_band(x);
                vec![lo, hi]
            }),
            "gunning_fog" => f::gunning_fog(w, s, n("complexPolysillabicWord")).map(|x| vec![x]),
            "spache" => f::spache(w, s, n("unfamiliarWord")).map(|x| vec![x]),
            _ => None,
        };
        let expected: Vec<f64> = match &r["expected"] {
            serde_json::Value::Array(xs) => {
                xs.iter().map(|x| x.as_f64().unwrap_or(if x.as_str() == Some("Infinity") { f64::INFINITY } else { f64::NAN })).collect()
            }
            x => vec![x.as_f64().unwrap_or(f64::NAN)],
        };
        let same = got.as_ref().is_some_and(|g| {
            g.len() == expected.len() && g.iter().zip(&expected).all(|(a, b)| a == b || (a - b).abs() <= 0.01)
        });
        good += usize::from(same);
        if !same {
            outln!("  {} {}: got {got:?}, expected {expected:?}", r["id"], r["metric"]);
        }
    }
    outln!("readability formula refs: {good}/{} within 0.01", refs.len());
    ok &= good == refs.len();
    // 2. textstat's passages.
    let passages = jsonl(&format!("{dir}/readability_textstat.jsonl"))?;
    let (mut compared, mut within) = (0, 0);
    for p in &passages {
        let text = p["text"].as_str().unwrap_or("");
        let st = analyze(text, &Options { duplicates: false, boilerplate: false, entities: false, keep: Vec::new() }).raw_stats;
        let r = &st.readability;
        let exp = p["expected"].as_object().cloned().unwrap_or_default();
        let find = |prefix: &str| exp.iter().find(|(k, _)| k.starts_with(prefix)).and_then(|(_, v)| v.as_f64());
        let pairs = [
            ("fleschKincaidGrade", r.flesch_kincaid_grade, find("flesch_kincaid_grade")),
            ("gunningFog", r.gunning_fog, find("gunning_fog")),
            ("smog", r.smog, find("smog_index")),
            ("colemanLiau", r.coleman_liau, find("coleman_liau_index")),
            ("automatedReadabilityIndex", r.automated_readability_index, find("automated_readability_index")),
            ("linsearWrite", r.linsear_write, find("linsear_write_formula")),
            ("daleChall", r.dale_chall, find("dale_chall_readability_score_v2")),
            ("spache", r.spache, find("spache_readability")),
            ("consensusGrade", r.consensus_grade, find("text_standard")),
        ];
        let mut line = format!("  {:<20} words {:>3} sentences {:>2} syllables {:>3}:", p["id"].as_str().unwrap_or(""), st.words, st.sentences, st.syllables);
        for (name, got, expected) in pairs {
            let (Some(got), Some(expected)) = (got, expected) else { continue };
            compared += 1;
            let close = (got - expected).abs() <= 1.0;
            within += usize::from(close);
            line.push_str(&format!(" {name} {got:.2}/{expected:.2}{}", if close { "" } else { "(!)" }));
        }
        outln!("{line}");
    }
    outln!("textstat passages: {within}/{compared} grade figures within 1.0 of textstat (Lede/textstat; (!) = documented difference)");
    // 3. syllables on the held-out words.
    if let Some(path) = heldout {
        // Each entry as the dictionary spells it ("alex's"), through the counter the statistics use;
        // and, beside it, its letters alone ("alexs") through the networks and the table.
        let (mut total, mut right, mut right_letters) = (0usize, 0usize, 0usize);
        for line in crate::open(&path)?.lines() {
            let line = line.map_err(|source| CliError::Read { path: path.clone(), source })?;
            let Some((word, counts)) = line.split_once('\t') else { continue };
            let ok = |n: usize| counts.split(',').any(|c| c.parse() == Ok(n));
            total += 1;
            right += usize::from(ok(lede::analysis::syllables::count(word)));
            let letters: Vec<u8> = word.bytes().filter(|&b| b != b'\'').collect();
            right_letters += usize::from(ok(lede::analysis::syllables::count_letters(&letters)));
        }
        let share = |n: usize| if total == 0 { 0.0 } else { n as f64 / total as f64 };
        let rate = share(right);
        outln!(
            "syllables: exact count on {total} held-out CMUdict words as spelled: {right}/{total} = {rate:.4} (their letters alone, apostrophes dropped: {right_letters}/{total} = {:.4})",
            share(right_letters)
        );
        if let Some(min) = min_syllables {
            if rate < min {
                outln!("FAIL: syllable accuracy {rate:.4} is below the threshold {min}");
                ok = false;
            }
        }
    }
    // 4. Throughput of all the statistics (figures only: speed is a benchmark, never a check).
    let (text, what) = crate::bench::corpus(1 << 20);
    let text = crate::bench::prefix(&text, 1_000_000);
    let units = lede::analysis::paragraphs::paragraphs(&text);
    let paragraphs: Vec<lede::analysis::Span> = units.iter().map(|p| p.span).collect();
    let sentences: Vec<lede::analysis::Span> = lede::analysis::sentences_of(&text, &units).iter().map(|s| s.span).collect();
    let stats = |t: &str| lede::analysis::stats::compute(t, &paragraphs, &sentences).words;
    let cold = crate::bench::throughput(&text, 1.0, |t| {
        lede::analysis::clear_caches();
        stats(t)
    });
    let warm = crate::bench::throughput(&text, 1.0, stats);
    outln!(
        "statistics throughput, native, on {:.2} MB of {what}: {cold:.1} MB/s on words never seen, {warm:.1} MB/s on words seen before (a batch, an edit) (target 50)",
        text.len() as f64 / 1e6
    );
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
