//! `lede train ner`: train the name tagger (an averaged perceptron over the features of
//! `analysis::entities::features`) on JSON Lines gold data and write the quantized weights file
//! that the library embeds. Deterministic: fixed file order, fixed seed, integer arithmetic, so
//! `make model` (scripts/model.sh) rebuilds src/data/ner_weights.bin byte for byte.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use crate::errors::CliError;
use lede::analysis::entities::features::{
    allowed, context_features, dynamic_features, static_features, token_infos, Scratch, NTAGS, TAGS,
};
use lede::analysis::entities::gazetteer::Gazetteer;
use lede::analysis::entities::model::{best, bucket, Model, MAGIC};
use lede::analysis::entities::Tagger;
use lede::analysis::entities::tokenize::tokenize;
use lede::analysis::Span;

const HELP: &str = "\
lede train ner [--bits N] [--epochs N] [--o-penalty N] [--viterbi] [--out FILE] [--eval GOLD.jsonl] DATA.jsonl[:WEIGHT]...

Trains the name tagger on gold data in the shared corpora's format (records with raw_text and
raw_entities, or text and entities; offsets in Unicode code points; a file's updates count
WEIGHT times, 1 by default) and writes the weights file
(default src/data/ner_weights.bin). A file named like *btc* or *re3d* is taken to leave MISC (partly) unannotated.
--viterbi trains on whole sentences decoded by Viterbi (a structured perceptron), the way
the tagger decodes; without it, token by token along the greedy path.
With LEDE_TRAIN_ERRORS set, --eval prints every missed and every false name to stderr.
";

/// One training sentence: static feature buckets per token and gold tags.
struct Example {
    offsets: Vec<u32>,
    feats: Vec<u32>,
    gold: Vec<u8>,
    /// Bit per label (1 PER, 2 LOC, 4 ORG, 8 MISC) that the source does not annotate.
    unannotated: u8,
    /// Size of a perceptron update on this sentence (a source's weight, `FILE:N`).
    weight: i32,
    infos: Vec<lede::analysis::entities::features::TokInfo>,
}

pub fn run(args: &[String]) -> Result<ExitCode, CliError> {
    if args.first().map(String::as_str) == Some("syllables") {
        return crate::train_syllables::run(&args[1..]);
    }
    if args.first().map(String::as_str) != Some("ner") {
        print!("{HELP}");
        return Err(CliError::Usage("`lede train` knows two models: `lede train ner ...`, `lede train syllables ...`".into()));
    }
    let mut bits = 16u32;
    let mut epochs = 8usize;
    let mut o_penalty = 0i8;
    let mut structured = false;
    let mut out_path = "src/data/ner_weights.bin".to_string();
    let mut files = Vec::new();
    let mut eval_files = Vec::new();
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        let mut num = |name: &str| -> Result<usize, CliError> {
            it.next().and_then(|v| v.parse().ok()).ok_or_else(|| CliError::Usage(format!("{name} needs a number")))
        };
        match a.as_str() {
            "--bits" => bits = num("--bits")?.clamp(8, 24) as u32,
            "--epochs" => epochs = num("--epochs")?,
            "--viterbi" => structured = true,
            "--o-penalty" => o_penalty = num("--o-penalty")?.min(127) as i8,
            "--eval" => eval_files.push(it.next().cloned().ok_or_else(|| CliError::Usage("--eval needs a file".into()))?),
            "--out" => out_path = it.next().cloned().ok_or_else(|| CliError::Usage("--out needs a file".into()))?,
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(ExitCode::SUCCESS);
            }
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option `{s}` for `lede train ner`"))),
            s => files.push(s.to_string()),
        }
    }
    if files.is_empty() {
        return Err(CliError::Usage("`lede train ner` needs at least one DATA.jsonl".into()));
    }
    let gaz = Gazetteer::builtin();
    let mut examples = Vec::new();
    for spec in &files {
        let (f, weight) = match spec.rsplit_once(':') {
            Some((f, w)) if w.parse::<i32>().is_ok() => (f, w.parse::<i32>().unwrap_or(1).clamp(1, 100)),
            _ => (spec.as_str(), 1),
        };
        let lower = f.to_lowercase();
        let unannotated = if lower.contains("btc") || lower.contains("re3d") { 8 } else { 0 };
        let first = examples.len();
        let n = load(f, bits, gaz, unannotated, &mut examples)?;
        for ex in &mut examples[first..] {
            ex.weight = weight;
        }
        eprintln!("lede train: {f}: {n} sentences");
    }
    let mut table = train(&examples, bits, epochs, structured);
    // Lower the always-on bias feature's weight for `O`: a recall knob, tuned on dev data.
    let mut bias = Vec::new();
    context_features(&[Default::default()], 0, &mut bias);
    let o = bucket(bias[0], bits) * NTAGS;
    table[o] = table[o].saturating_sub(o_penalty);
    let mut bytes = Vec::with_capacity(table.len() + 200);
    bytes.extend_from_slice(MAGIC);
    let names: Vec<&str> = files.iter().map(|f| f.rsplit('/').next().unwrap_or(f)).collect();
    writeln!(
        bytes,
        "generated by scripts/model.sh (lede train ner --bits {bits} --epochs {epochs} --o-penalty {o_penalty}{} {}), do not edit",
        if structured { " --viterbi" } else { "" },
        names.join(" ")
    )
    .map_err(CliError::Write)?;
    bytes.push(bits as u8);
    bytes.push(NTAGS as u8);
    bytes.extend(table.iter().map(|&w| w as u8));
    std::fs::write(&out_path, &bytes).map_err(CliError::Write)?;
    let model = Model::from_weights(bits, table);
    for f in &eval_files {
        quick_eval(f, &model, gaz)?;
    }
    eprintln!("lede train: wrote {out_path} ({} bytes)", bytes.len());
    Ok(ExitCode::SUCCESS)
}

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

fn load(path: &str, bits: u32, gaz: &Gazetteer, unannotated: u8, out: &mut Vec<Example>) -> Result<usize, CliError> {
    let reader = crate::open(path)?;
    let mut n = 0;
    let mut scratch = Scratch::default();
    let mut infos = Vec::new();
    let mut feats = Vec::new();
    for (li, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| CliError::Read { path: path.to_string(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| CliError::BadJson {
            path: path.to_string(),
            line: li + 1,
            column: e.column(),
            message: e.to_string(),
        })?;
        let (text, ents) = match v["raw_text"].as_str() {
            Some(t) => (t, &v["raw_entities"]),
            None => (v["text"].as_str().ok_or(CliError::MissingText { path: path.to_string(), line: li + 1 })?, &v["entities"]),
        };
        let offs = byte_offsets(text);
        let toks = tokenize(text, Span::new(0, text.len()));
        if toks.is_empty() {
            continue;
        }
        let mut gold = vec![0u8; toks.len()];
        for e in ents.as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let label = match e["label"].as_str() {
                Some("PER") => 1,
                Some("LOC") => 3,
                Some("ORG") => 5,
                Some("MISC") => 7,
                _ => continue,
            };
            let (Some(s), Some(en)) = (e["start"].as_u64(), e["end"].as_u64()) else { continue };
            let (s, en) = (offs[(s as usize).min(offs.len() - 1)], offs[(en as usize).min(offs.len() - 1)]);
            let mut first = true;
            for (k, t) in toks.iter().enumerate() {
                if t.span.start < en && s < t.span.end && gold[k] == 0 {
                    gold[k] = if first { label } else { label + 1 };
                    first = false;
                }
            }
        }
        token_infos(text, &toks, gaz, &mut scratch, &mut infos);
        let mut offsets = vec![0u32];
        let mut fl = Vec::new();
        for i in 0..toks.len() {
            feats.clear();
            static_features(&infos, i, &mut feats);
            fl.extend(feats.iter().map(|&h| bucket(h, bits) as u32));
            offsets.push(fl.len() as u32);
        }
        out.push(Example { offsets, feats: fl, gold, unannotated, weight: 1, infos: infos.clone() });
        n += 1;
    }
    Ok(n)
}

/// Exact-span PER/LOC/ORG F1 of the names tagger alone on `path` (each record one sentence), for
/// choosing training settings without rebuilding the library.
fn quick_eval(path: &str, model: &Model, gaz: &Gazetteer) -> Result<(), CliError> {
    let reader = crate::open(path)?;
    let mut tagger = Tagger::default();
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    let mut found = Vec::new();
    for line in reader.lines() {
        let line = line.map_err(|source| CliError::Read { path: path.to_string(), source })?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let (Some(text), Some(ents)) = (v["raw_text"].as_str(), v["raw_entities"].as_array()) else { continue };
        let offs = byte_offsets(text);
        let gold: Vec<(usize, usize, String)> = ents
            .iter()
            .filter_map(|e| {
                let (s, en) = (e["start"].as_u64()? as usize, e["end"].as_u64()? as usize);
                Some((*offs.get(s)?, *offs.get(en)?, e["label"].as_str()?.to_string()))
            })
            .filter(|g| ["PER", "LOC", "ORG"].contains(&g.2.as_str()))
            .collect();
        found.clear();
        tagger.names(model, gaz, text, Span::new(0, text.len()), &mut found);
        let pred: Vec<(usize, usize, String)> = found
            .iter()
            .filter(|e| e.label.as_str() != "MISC")
            .map(|e| (e.span.start, e.span.end, e.label.as_str().to_string()))
            .collect();
        if std::env::var_os("LEDE_TRAIN_ERRORS").is_some() {
            for g in gold.iter().filter(|g| !pred.contains(g)) {
                eprintln!("MISS {} {:?} | {}", g.2, &text[g.0..g.1], text);
            }
            for p in pred.iter().filter(|p| !gold.contains(p)) {
                eprintln!("FALSE {} {:?} | {}", p.2, &text[p.0..p.1], text);
            }
        }
        tp += pred.iter().filter(|p| gold.contains(p)).count();
        np += pred.len();
        ng += gold.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    eprintln!("lede train: {path}: PER/LOC/ORG names alone: precision {p:.3} recall {r:.3} F1 {f:.3}");
    Ok(())
}

/// Averaged perceptron with lazy averaging; returns the quantized averaged table.
fn train(examples: &[Example], bits: u32, epochs: usize, structured: bool) -> Vec<i8> {
    let size = (1usize << bits) * NTAGS;
    let mut w = vec![0i32; size];
    let mut total = vec![0i64; size];
    let mut stamp = vec![0u32; size];
    let mut t: u32 = 0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut dynf = Vec::new();
    for epoch in 0..epochs {
        // Fisher-Yates with a fixed xorshift seed.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut errors, mut tokens) = (0usize, 0usize);
        for &ix in &order {
            let ex = &examples[ix];
            if structured {
                let (e, n) = structured_step(ex, bits, &mut w, &mut total, &mut stamp, &mut t);
                errors += e;
                tokens += n;
                continue;
            }
            let (mut prev, mut prev2) = (0usize, 0usize);
            for i in 0..ex.gold.len() {
                t += 1;
                let stat = &ex.feats[ex.offsets[i] as usize..ex.offsets[i + 1] as usize];
                dynf.clear();
                dynamic_features(&ex.infos, i, prev, prev2, &mut dynf);
                let mut rows: Vec<usize> = stat.iter().map(|&b| b as usize * NTAGS).collect();
                rows.extend(dynf.iter().map(|&h| bucket(h, bits) * NTAGS));
                let mut scores = [0i32; NTAGS];
                for &r in &rows {
                    for (s, x) in scores.iter_mut().zip(&w[r..r + NTAGS]) {
                        *s += *x;
                    }
                }
                let pred = best(&scores, prev);
                let mut gold = ex.gold[i] as usize;
                if !allowed(prev, gold) {
                    // A gold I- after a wrong prediction: learn the B- instead.
                    gold = if gold % 2 == 0 { gold - 1 } else { gold };
                }
                let skip = gold == 0 && pred != 0 && ex.unannotated & (1 << ((pred - 1) / 2)) != 0;
                tokens += 1;
                if pred != gold && !skip {
                    errors += 1;
                    for &r in &rows {
                        for (tag, delta) in [(gold, ex.weight), (pred, -ex.weight)] {
                            let k = r + tag;
                            total[k] += (t - stamp[k]) as i64 * w[k] as i64;
                            stamp[k] = t;
                            w[k] += delta;
                        }
                    }
                }
                prev2 = prev;
                prev = if skip { pred } else { pred };
            }
        }
        eprintln!("lede train: epoch {} of {epochs}: {errors} errors in {tokens} tokens", epoch + 1);
    }
    for k in 0..size {
        total[k] += (t - stamp[k]) as i64 * w[k] as i64;
    }
    // Quantize: the 99.999th percentile of |weight| maps to 127; larger values are clipped.
    let mut mags: Vec<i64> = total.iter().filter(|&&x| x != 0).map(|x| x.abs()).collect();
    mags.sort_unstable();
    let p = mags.get(mags.len() * 99999 / 100000).copied().unwrap_or(1).max(1) as i128;
    let _ = TAGS;
    total
        .iter()
        .map(|&x| {
            let q = (x as i128 * 127 * 2 + p * x.signum() as i128) / (2 * p);
            q.clamp(-127, 127) as i8
        })
        .collect()
}

/// Rows (first index of a bucket's weights) of the dynamic features of token `i` after `prev`,
/// `prev2`.
fn dyn_rows(ex: &Example, i: usize, prev: usize, prev2: usize, bits: u32, buf: &mut Vec<u64>, out: &mut Vec<usize>) {
    buf.clear();
    dynamic_features(&ex.infos, i, prev, prev2, buf);
    out.clear();
    out.extend(buf.iter().map(|&h| bucket(h, bits) * NTAGS));
}

/// One structured-perceptron step on a sentence: Viterbi under the current weights (the tag
/// before the previous one taken from the best path, as the tagger does), then `+weight` on the
/// gold path's features and `-weight` on the predicted path's where they differ. Tags of labels
/// the source leaves unannotated count as right where the gold says `O`. Returns (wrong tokens,
/// tokens).
fn structured_step(ex: &Example, bits: u32, w: &mut [i32], total: &mut [i64], stamp: &mut [u32], t: &mut u32) -> (usize, usize) {
    const NONE: i64 = i64::MIN / 4;
    let n = ex.gold.len();
    let mut buf = Vec::new();
    let mut rows = Vec::new();
    let mut back = vec![[0u8; NTAGS]; n];
    let mut delta = [NONE; NTAGS];
    let mut prev_best = [0usize; NTAGS];
    for i in 0..n {
        let mut stat = [0i64; NTAGS];
        for &b in &ex.feats[ex.offsets[i] as usize..ex.offsets[i + 1] as usize] {
            let r = b as usize * NTAGS;
            for (s, x) in stat.iter_mut().zip(&w[r..r + NTAGS]) {
                *s += *x as i64;
            }
        }
        let mut next = [NONE; NTAGS];
        let mut bp = [0u8; NTAGS];
        for p in 0..NTAGS {
            let base = if i == 0 {
                if p != 0 {
                    continue;
                }
                0
            } else {
                delta[p]
            };
            if base == NONE {
                continue;
            }
            let p2 = if i == 0 { 0 } else { prev_best[p] };
            dyn_rows(ex, i, p, p2, bits, &mut buf, &mut rows);
            let mut d = [0i64; NTAGS];
            for &r in &rows {
                for (s, x) in d.iter_mut().zip(&w[r..r + NTAGS]) {
                    *s += *x as i64;
                }
            }
            for tag in 0..NTAGS {
                if allowed(p, tag) && base + stat[tag] + d[tag] > next[tag] {
                    next[tag] = base + stat[tag] + d[tag];
                    bp[tag] = p as u8;
                }
            }
        }
        back[i] = bp;
        for k in 0..NTAGS {
            prev_best[k] = bp[k] as usize;
        }
        delta = next;
    }
    let mut pred = vec![0usize; n];
    let mut tag = (0..NTAGS).max_by_key(|&k| (delta[k], std::cmp::Reverse(k))).unwrap_or(0);
    for i in (0..n).rev() {
        pred[i] = tag;
        tag = back[i][tag] as usize;
    }
    let mut gold: Vec<usize> = ex.gold.iter().map(|&g| g as usize).collect();
    for i in 0..n {
        if gold[i] == 0 && pred[i] != 0 && ex.unannotated & (1 << ((pred[i] - 1) / 2)) != 0 {
            gold[i] = pred[i];
        }
    }
    // A repaired gold path must still be a valid BIO path.
    for i in 0..n {
        let prev = if i == 0 { 0 } else { gold[i - 1] };
        if !allowed(prev, gold[i]) {
            gold[i] -= 1;
        }
    }
    let wrong = (0..n).filter(|&i| gold[i] != pred[i]).count();
    *t += 1;
    if wrong == 0 {
        return (0, n);
    }
    let mut update = |r: usize, tag: usize, delta: i32, w: &mut [i32]| {
        let k = r + tag;
        total[k] += (*t - stamp[k]) as i64 * w[k] as i64;
        stamp[k] = *t;
        w[k] += delta;
    };
    let at = |path: &[usize], i: usize| if i == 0 { (0, 0) } else { (path[i - 1], if i == 1 { 0 } else { path[i - 2] }) };
    for i in 0..n {
        let (gp, gp2) = at(&gold, i);
        let (pp, pp2) = at(&pred, i);
        if gold[i] == pred[i] && gp == pp && gp2 == pp2 {
            continue;
        }
        if gold[i] != pred[i] {
            for &b in &ex.feats[ex.offsets[i] as usize..ex.offsets[i + 1] as usize] {
                update(b as usize * NTAGS, gold[i], ex.weight, w);
                update(b as usize * NTAGS, pred[i], -ex.weight, w);
            }
        }
        dyn_rows(ex, i, gp, gp2, bits, &mut buf, &mut rows);
        for &r in &rows {
            update(r, gold[i], ex.weight, w);
        }
        dyn_rows(ex, i, pp, pp2, bits, &mut buf, &mut rows);
        for &r in &rows {
            update(r, pred[i], -ex.weight, w);
        }
    }
    (wrong, n)
}
