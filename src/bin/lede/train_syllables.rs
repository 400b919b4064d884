//! `lede train syllables`: train the syllable networks of `analysis::syllables::Ensemble` on the
//! dictionary words and counts that scripts/gen_syllables.py writes, quantize them to 8 bits and
//! list the training words they and the table's rules still miss (the exceptions the table
//! keeps). Deterministic: fixed order, a seeded generator, plain f32/f64 arithmetic and an exp of
//! our own (no libm), so the script rebuilds src/data/syllables_model.bin byte for byte.

use std::io::BufRead;
use std::process::ExitCode;

use crate::errors::CliError;
use std::collections::HashMap;

use lede::analysis::syllables::{count_with, groups, letters_with, plural_of_listed, Ensemble, Model, B1_LIMIT, CLASSES, MAX_BAG, SYMBOLS};

const HELP: &str = "\
lede train syllables [--net LEFT,RIGHT,HIDDEN,DROPOUT[,BAG[,WIDTH]]]... [--group N] [--epochs N]
                     [--rate X] [--bag-dropout X] [--out FILE] [--exceptions FILE] [--dev FILE]
                     [--banner TEXT] TRAIN.tsv

TRAIN.tsv: `word<TAB>its syllable counts, comma-separated (one per pronunciation that differs; the
first one is the table's)`, as scripts/gen_syllables.py writes it. Trains one network per --net
(letters read left and right of a vowel group, hidden units, share of those letters hidden at
random while training; buckets of the bag of the word's letter trigrams that every group reads,
a power of two, 0 by default, and the hidden units it reaches, all by default; --bag-dropout:
share of the bag's trigrams hidden at random while training) and writes them as one model whose
networks vote (--out), and the training words that they, with the table's rules
(`analysis::syllables::letters_with`), do not give their first count as `word=syllables` lines
(--exceptions). --dev FILE (`word<TAB>n[,n]`) prints the share of its words
counted right, any of their counts, spelled as the dictionary spells them and counted as
`analysis::syllables::count` counts (with LEDE_TRAIN_ERRORS set, the missed ones).
";

/// xorshift64*: a small generator whose sequence is fixed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [-1, 1).
    fn unit(&mut self) -> f32 {
        ((self.next() >> 40) as f32 / (1u64 << 23) as f32) - 1.0
    }
}

/// e^x from + and * alone (the same bits on every machine): 2^k e^r, |r| <= ln 2 / 2.
fn exp(x: f64) -> f64 {
    let x = x.clamp(-700.0, 700.0);
    let k = (x / std::f64::consts::LN_2).round();
    let r = x - k * std::f64::consts::LN_2;
    let (mut term, mut sum) = (1.0f64, 1.0f64);
    for n in 1..=14 {
        term = term * r / n as f64;
        sum += term;
    }
    sum * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

/// The gradient of one example's loss: its input rows, hidden sums `z`, and the loss's
/// derivatives by the class scores (`go`) and by the hidden sums (`gh`).
struct Grad<'a> {
    rows: &'a [u16],
    z: &'a [f32],
    go: [f32; CLASSES],
    gh: &'a [f32],
}

struct Float {
    hidden: usize,
    w1: Vec<f32>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: Vec<f32>,
}

impl Float {
    /// Subtracts `rate` times the gradient.
    fn step(&mut self, g: &Grad, shape: &Model, rate: f32) {
        let h = self.hidden;
        for c in 0..CLASSES {
            for (w, &z) in self.w2[c * h..(c + 1) * h].iter_mut().zip(g.z) {
                if z > 0.0 {
                    *w -= rate * g.go[c] * z;
                }
            }
            self.b2[c] -= rate * g.go[c];
        }
        for (b, &d) in self.b1.iter_mut().zip(g.gh) {
            *b -= rate * d;
        }
        for &r in g.rows {
            let width = if r as usize >= shape.positions() * SYMBOLS { shape.bag_width } else { h };
            for (w, &d) in self.w1[r as usize * h..][..width].iter_mut().zip(g.gh) {
                *w -= rate * d;
            }
        }
    }

    fn forward(&self, rows: &[u16], z: &mut Vec<f32>) -> [f64; CLASSES] {
        let h = self.hidden;
        z.clear();
        z.extend_from_slice(&self.b1);
        for &r in rows {
            for (acc, &x) in z.iter_mut().zip(&self.w1[r as usize * h..(r as usize + 1) * h]) {
                *acc += x;
            }
        }
        let mut out = [0f64; CLASSES];
        for (c, o) in out.iter_mut().enumerate() {
            let w = &self.w2[c * h..(c + 1) * h];
            *o = f64::from(self.b2[c] + z.iter().zip(w).map(|(&x, &y)| x.max(0.0) * y).sum::<f32>());
        }
        out
    }

    /// 8-bit weights, one scale per hidden unit on the first layer (folded into the second).
    fn quantize(&self, shape: &Model) -> Model {
        let h = self.hidden;
        let rows = self.w1.len() / h;
        let mut scale = vec![0f32; h];
        for (j, s) in scale.iter_mut().enumerate() {
            let m = (0..rows).map(|r| self.w1[r * h + j].abs()).fold(1e-6f32, f32::max);
            *s = 127.0 / m;
        }
        let q = |x: f32| x.round().clamp(-127.0, 127.0) as i16;
        let w1 = (0..rows * h).map(|i| q(self.w1[i] * scale[i % h])).collect();
        let limit = f32::from(B1_LIMIT);
        let b1 = (0..h).map(|j| (self.b1[j] * scale[j]).round().clamp(-limit, limit) as i16).collect();
        let eff: Vec<f32> = (0..CLASSES * h).map(|i| self.w2[i] / scale[i % h]).collect();
        let s2 = 127.0 / eff.iter().map(|x| x.abs()).fold(1e-9f32, f32::max);
        let w2 = eff.iter().map(|&x| q(x * s2)).collect();
        let b2 = self.b2.iter().map(|&b| (b * s2).round() as i32).collect();
        Model::new(shape.left, shape.group, shape.right, h, (shape.bag, shape.bag_width), w1, b1, w2, b2)
    }
}

fn read_lines(path: &str) -> Result<Vec<String>, CliError> {
    let reader = crate::open(path)?;
    reader.lines().collect::<Result<_, _>>().map_err(|source| CliError::Read { path: path.to_string(), source })
}

/// Share of `dev`'s words (`word<TAB>n[,n]`, spelled as the dictionary spells them) that `count`
/// (of words of letters) gets right, with `analysis::syllables::count`'s rules for the rest.
fn dev_accuracy(dev: &[(String, Vec<usize>)], count: impl Fn(&[u8]) -> usize) -> f64 {
    let right = dev.iter().filter(|(w, ok)| ok.contains(&count_with(w, &count))).count();
    right as f64 / dev.len().max(1) as f64
}

/// The count of `w` by the table: its own, or its stem's for the plural of a word of the table
/// (`plural_of_listed`), as the shipped table's look-up finds them.
fn listed_in(table: &HashMap<Vec<u8>, usize>, w: &[u8]) -> Option<usize> {
    table.get(w).copied().or_else(|| plural_of_listed(w, &|s: &[u8]| table.get(s).copied()))
}

/// The table: the training words that the networks, with the table's own rules
/// (`letters_with`), do not give their first count (the first pronunciation's, though the networks
/// learn any: "didn't" 2, not 1). Those the networks miss, less those that the rules get right
/// without them, then more until every training word is counted right.
fn exceptions(words: &[(String, Vec<usize>)], networks: &impl Fn(&[u8]) -> usize) -> HashMap<Vec<u8>, usize> {
    let mut table: HashMap<Vec<u8>, usize> =
        words.iter().filter(|(w, n)| networks(w.as_bytes()) != n[0]).map(|(w, n)| (w.as_bytes().to_vec(), n[0])).collect();
    let wrong = |table: &HashMap<Vec<u8>, usize>, w: &[u8], n: usize| letters_with(w, &|w: &[u8]| listed_in(table, w), networks) != n;
    // Entries the rules make up for, each checked with all the others in place.
    let mut spare = Vec::new();
    for (w, n) in words {
        if let Some(k) = table.remove(w.as_bytes()) {
            if !wrong(&table, w.as_bytes(), n[0]) {
                spare.push(w.as_bytes());
            }
            table.insert(w.as_bytes().to_vec(), k);
        }
    }
    for w in spare {
        table.remove(w);
    }
    loop {
        let add: Vec<(Vec<u8>, usize)> =
            words.iter().filter(|(w, n)| wrong(&table, w.as_bytes(), n[0])).map(|(w, n)| (w.as_bytes().to_vec(), n[0])).collect();
        if add.is_empty() {
            return table;
        }
        table.extend(add);
    }
}

/// One network's settings (`--net LEFT,RIGHT,HIDDEN,DROPOUT[,BAG[,WIDTH]]`).
struct Net {
    shape: Model,
    dropout: f64,
    bag_dropout: f64,
}

fn parse_net(v: &str, group: usize) -> Option<Net> {
    let f: Vec<&str> = v.split(',').collect();
    let (l, r, h, d, bag, width) = match f[..] {
        [l, r, h, d] => (l, r, h, d, "0", "0"),
        [l, r, h, d, bag] => (l, r, h, d, bag, h),
        [l, r, h, d, bag, width] => (l, r, h, d, bag, width),
        _ => return None,
    };
    let hidden = h.parse::<usize>().ok().filter(|h| h % 8 == 0)?.clamp(8, 1024); // a multiple of 8
    let width = width.parse::<usize>().ok().filter(|w| w % 8 == 0 && *w <= hidden && *w <= 248)?;
    let shape = Model::new(
        l.parse::<usize>().ok()?.min(12),
        group,
        r.parse::<usize>().ok()?.min(12),
        hidden,
        (bag.parse::<usize>().ok().filter(|&b| b == 0 || b.is_power_of_two())?.min(MAX_BAG), width),
        vec![],
        vec![],
        vec![],
        vec![],
    );
    Some(Net { shape, dropout: d.parse().ok()?, bag_dropout: 0.0 })
}

pub fn run(args: &[String]) -> Result<ExitCode, CliError> {
    let (mut epochs, mut rate, mut group, mut bag_dropout) = (12usize, 0.03f32, 4usize, 0f64);
    let mut net_specs = Vec::new();
    let (mut out_path, mut exceptions_path, mut dev_path, mut banner) = (None, None, None, String::new());
    let mut input = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| CliError::Usage(format!("{name} needs a value")));
        let num = |v: String, name: &str| v.parse::<usize>().map_err(|_| CliError::Usage(format!("{name} needs a number")));
        match a.as_str() {
            "--net" => net_specs.push(value(a)?),
            "--group" => group = num(value(a)?, a)?.clamp(1, 8),
            "--epochs" => epochs = num(value(a)?, a)?,
            "--rate" => rate = value(a)?.parse().map_err(|_| CliError::Usage("--rate needs a number".into()))?,
            "--bag-dropout" => bag_dropout = value(a)?.parse().map_err(|_| CliError::Usage("--bag-dropout needs a number".into()))?,
            "--out" => out_path = Some(value(a)?),
            "--exceptions" => exceptions_path = Some(value(a)?),
            "--dev" => dev_path = Some(value(a)?),
            "--banner" => banner = value(a)?,
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(ExitCode::SUCCESS);
            }
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option `{s}` for `lede train syllables`"))),
            s => input = Some(s.to_string()),
        }
    }
    let Some(input) = input else {
        print!("{HELP}");
        return Err(CliError::Usage("`lede train syllables` needs TRAIN.tsv".into()));
    };
    if net_specs.is_empty() {
        net_specs.push("4,5,64,0".to_string());
    }
    let nets = net_specs
        .iter()
        .map(|v| parse_net(v, group).map(|n| Net { bag_dropout, ..n }).ok_or_else(|| CliError::Usage(format!("--net {v}: expected LEFT,RIGHT,HIDDEN,DROPOUT"))))
        .collect::<Result<Vec<_>, _>>()?;
    // Words with their dictionary counts.
    let mut words: Vec<(String, Vec<usize>)> = Vec::new();
    for line in read_lines(&input)? {
        let Some((w, n)) = line.split_once('\t') else { continue };
        let Ok(n) = n.split(',').map(str::parse).collect::<Result<Vec<usize>, _>>() else { continue };
        if !n.is_empty() {
            words.push((w.to_string(), n));
        }
    }
    let dev: Vec<(String, Vec<usize>)> = match &dev_path {
        Some(p) => read_lines(p)?
            .iter()
            .filter_map(|l| l.split_once('\t'))
            .map(|(w, ok)| (w.to_string(), ok.split(',').filter_map(|x| x.parse().ok()).collect()))
            .collect(),
        None => Vec::new(),
    };
    let mut models = Vec::new();
    for (n, net) in nets.iter().enumerate() {
        let model = train(net, &words, epochs, rate, 0x9E37_79B9_7F4A_7C15 ^ n as u64, &dev);
        if !dev.is_empty() {
            let one = Ensemble(vec![model]);
            eprintln!("network {n}: dev words right {:.4}", dev_accuracy(&dev, |w| one.count(w)));
            models.push(one.0.into_iter().next().expect("one network"));
        } else {
            models.push(model);
        }
    }
    let ensemble = Ensemble(models);
    let networks = |w: &[u8]| ensemble.count(w);
    let table = exceptions(&words, &networks);
    let listed = |w: &[u8]| listed_in(&table, w);
    let counted = |w: &[u8]| letters_with(w, &listed, &networks);
    if !dev.is_empty() {
        eprintln!("all networks: dev words right {:.4}", dev_accuracy(&dev, networks));
        eprintln!("with the table and its rules: dev words right {:.4}", dev_accuracy(&dev, counted));
    }
    if std::env::var_os("LEDE_TRAIN_ERRORS").is_some() {
        for (w, ok) in &dev {
            let n = count_with(w, &counted);
            if !ok.contains(&n) {
                eprintln!("missed\t{w}\t{n}\t{ok:?}");
            }
        }
    }
    if let Some(path) = &out_path {
        std::fs::write(path, ensemble.to_bytes(&banner)).map_err(CliError::Write)?;
    }
    let mut missed: Vec<String> = table.iter().map(|(w, n)| format!("{}={n}\n", String::from_utf8_lossy(w))).collect();
    missed.sort();
    if let Some(path) = &exceptions_path {
        std::fs::write(path, missed.concat()).map_err(CliError::Write)?;
    }
    eprintln!("lede train syllables: {} of {} training words missed", missed.len(), words.len());
    Ok(ExitCode::SUCCESS)
}

/// Trains one network by SGD (the learning rate falling linearly to 0) and quantizes it. The loss
/// is a word's: minus the log of the chance that its groups' classes add up to one of its counts
/// (`posteriors`), so each group learns from what the word's count says of it, given what the
/// network makes of the other groups; no one tells it which group a syllable belongs to.
fn train(net: &Net, words: &[(String, Vec<usize>)], epochs: usize, rate: f32, seed: u64, dev: &[(String, Vec<usize>)]) -> Model {
    let shape = &net.shape;
    // Each group's input rows, by word (`spans`, with the word's counts); words of no group left out.
    let mut examples: Vec<Vec<u16>> = Vec::new();
    let mut spans: Vec<(usize, usize, &[usize])> = Vec::new();
    let mut rows = vec![0u16; shape.positions()];
    for (w, counts) in words {
        let gs = groups(w.as_bytes());
        let p = [b"^", w.as_bytes(), b"$"].concat();
        let first = examples.len();
        for (index, &(i, j)) in gs.iter().enumerate() {
            rows.truncate(shape.positions());
            shape.inputs(&p, i + 1, j + 1, index, gs.len(), &mut rows);
            shape.bag_inputs(&p, &mut rows);
            examples.push(rows.clone());
        }
        if !gs.is_empty() {
            spans.push((first, examples.len(), counts));
        }
    }
    eprintln!(
        "lede train syllables: {} vowel groups, network {},{},{},{},{}",
        examples.len(),
        shape.left,
        shape.right,
        shape.hidden,
        net.dropout,
        shape.bag
    );
    let h = shape.hidden;
    let nrows = shape.positions() * SYMBOLS + shape.bag;
    let mut rng = Rng(seed);
    let mut m = Float {
        hidden: h,
        // The bag's rows start at 0 (the letters decide at first).
        w1: (0..nrows * h).map(|i| if i < shape.positions() * SYMBOLS * h { rng.unit() * 0.5 } else { 0.0 }).collect(),
        b1: vec![0.0; h],
        w2: (0..CLASSES * h).map(|_| rng.unit() / (h as f32).sqrt()).collect(),
        b2: vec![0.0; CLASSES],
    };
    let (dropout, bag_dropout) = (net.dropout, net.bag_dropout);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    let mut gh = vec![0f32; h];
    // Per group of the word at hand: its input rows with some hidden, hidden sums, probabilities.
    let mut noisy: Vec<Vec<u16>> = Vec::new();
    let mut zs: Vec<Vec<f32>> = Vec::new();
    let mut ps: Vec<[f64; CLASSES]> = Vec::new();
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let lr = rate * (1.0 - epoch as f32 / epochs as f32);
        let mut right = 0usize;
        for &e in &order {
            let (first, end, counts) = spans[e];
            let n = end - first;
            noisy.resize_with(n, Vec::new);
            zs.resize_with(n, Vec::new);
            ps.clear();
            for g in 0..n {
                // Letters around the group hidden at random (read as "none"): the network learns to
                // answer from part of the context too, as a back-off model would.
                let rows = &mut noisy[g];
                rows.clear();
                for &r in &examples[first + g] {
                    let pos = r as usize / SYMBOLS;
                    if pos >= shape.positions() {
                        // The bag's trigrams hidden at random too (dropped): the network learns how
                        // words of a kind behave rather than each training word.
                        if bag_dropout == 0.0 || ((rng.next() >> 11) as f64 / (1u64 << 53) as f64) >= bag_dropout {
                            rows.push(r);
                        }
                        continue;
                    }
                    let hide = dropout > 0.0
                        && (pos < shape.left || (pos >= shape.left + shape.group && pos < shape.left + shape.group + shape.right))
                        && ((rng.next() >> 11) as f64 / (1u64 << 53) as f64) < dropout;
                    rows.push(if hide { (pos * SYMBOLS + SYMBOLS - 1) as u16 } else { r });
                }
                let out = m.forward(rows, &mut zs[g]);
                let top = (0..CLASSES).fold(0, |b, c| if out[c] > out[b] { c } else { b });
                let mut p = out.map(|o| exp(o - out[top]));
                let sum: f64 = p.iter().sum();
                p.iter_mut().for_each(|x| *x /= sum);
                ps.push(p);
            }
            let top: usize = ps.iter().map(|p| (0..CLASSES).fold(0, |b, c| if p[c] > p[b] { c } else { b })).sum();
            right += usize::from(counts.contains(&top));
            // A count the groups cannot make (more than CLASSES - 1 a group) teaches nothing.
            let Some(targets) = posteriors(&ps, counts) else { continue };
            for (g, target) in targets.iter().enumerate() {
                let (z, p) = (&zs[g], ps[g]);
                let mut go = [0f32; CLASSES];
                gh.iter_mut().for_each(|g| *g = 0.0);
                for c in 0..CLASSES {
                    go[c] = (p[c] - target[c]) as f32;
                    let w = &m.w2[c * h..(c + 1) * h];
                    for j in 0..h {
                        if z[j] > 0.0 {
                            gh[j] += go[c] * w[j];
                        }
                    }
                }
                m.step(&Grad { rows: &noisy[g], z, go, gh: &gh }, shape, lr);
            }
        }
        let line = format!("epoch {epoch}: training words right {:.4}", right as f64 / spans.len() as f64);
        if dev.is_empty() {
            eprintln!("{line}");
        } else {
            let q = Ensemble(vec![m.quantize(shape)]);
            eprintln!("{line}, dev words right {:.4}", dev_accuracy(dev, |w| q.count(w)));
        }
    }
    m.quantize(shape)
}

/// The distribution of a word's count: the sum of its groups' classes, each group's drawn from
/// its `ps`.
fn count_distribution(ps: &[[f64; CLASSES]]) -> Vec<f64> {
    let mut dist = vec![1.0];
    for p in ps {
        let mut next = vec![0.0; dist.len() + CLASSES - 1];
        for (k, &d) in dist.iter().enumerate() {
            for (c, &q) in p.iter().enumerate() {
                next[k + c] += d * q;
            }
        }
        dist = next;
    }
    dist
}

/// Each group's class probabilities given that the word's count is one of `counts` (None if that
/// has no chance): `ps[g][c]` times the chance that the other groups make up the rest, over the
/// chance of the counts. They are the targets of the word's loss: its derivative by a group's
/// class scores is that group's `ps` less them.
fn posteriors(ps: &[[f64; CLASSES]], counts: &[usize]) -> Option<Vec<[f64; CLASSES]>> {
    let n = ps.len();
    // before[g]: the count distribution of groups 0..g; after[g]: of groups g..n.
    let before: Vec<Vec<f64>> = (0..=n).map(|g| count_distribution(&ps[..g])).collect();
    let after: Vec<Vec<f64>> = (0..=n).map(|g| count_distribution(&ps[g..])).collect();
    let total: f64 = counts.iter().filter_map(|&k| before[n].get(k)).sum();
    if total < 1e-12 {
        return None;
    }
    let mut out = vec![[0f64; CLASSES]; n];
    for (g, q) in out.iter_mut().enumerate() {
        for (c, x) in q.iter_mut().enumerate() {
            let mut s = 0.0;
            for &k in counts {
                for (a, &pa) in before[g].iter().enumerate() {
                    if let Some(&pb) = (a + c <= k).then(|| after[g + 1].get(k - a - c)).flatten() {
                        s += pa * pb;
                    }
                }
            }
            *x = ps[g][c] * s / total;
        }
    }
    Some(out)
}

