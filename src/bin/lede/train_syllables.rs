//! `lede train syllables`: train the syllable network of `analysis::syllables::Model` on the
//! aligned dictionary words that scripts/gen_syllables.py writes, quantize it to 8 bits and list
//! the training words it still misses (the exceptions the table keeps). Deterministic: fixed order,
//! a seeded generator, plain f32/f64 arithmetic and an exp of our own (no libm), so the script
//! rebuilds src/data/syllables_model.bin byte for byte.

use std::io::BufRead;
use std::process::ExitCode;

use crate::errors::CliError;
use lede::analysis::syllables::{groups, Ensemble, Model, B1_LIMIT, CLASSES, MAX_BAG, SYMBOLS};

const HELP: &str = "\
lede train syllables [--net LEFT,RIGHT,HIDDEN,DROPOUT[,BAG[,WIDTH]]]... [--group N] [--epochs N]
                     [--rate X] [--bag-dropout X] [--out FILE] [--exceptions FILE] [--dev FILE]
                     [--banner TEXT] TRAIN.tsv

TRAIN.tsv: `word<TAB>syllables of each vowel group, comma-separated (or -)<TAB>word's syllables
(comma-separated when its pronunciations differ; the first one is the table's)`, as
scripts/gen_syllables.py writes it. Trains one network per --net (letters read left and right
of a vowel group, hidden units, share of those letters hidden at random while training; buckets
of the bag of the word's letter trigrams that every group reads, a power of two, 0 by default,
and the hidden units it reaches, all by default; --bag-dropout: share of the bag's trigrams
hidden at random while training) and writes
them as one model whose networks add up their logits (--out), and the training words it
misses as `word=syllables` lines (--exceptions). --dev FILE (`word<TAB>n[,n]`) prints the share of
its words counted right (with LEDE_TRAIN_ERRORS set, the missed ones).
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

#[derive(Clone)]
struct Float {
    hidden: usize,
    w1: Vec<f32>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: Vec<f32>,
}

impl Float {
    /// A network of the same shape with every weight 0.
    fn zeros(&self) -> Float {
        let zero = |v: &[f32]| vec![0.0; v.len()];
        Float { hidden: self.hidden, w1: zero(&self.w1), b1: zero(&self.b1), w2: zero(&self.w2), b2: zero(&self.b2) }
    }

    /// Subtracts `rate` times the gradient. Weight averaging calls it on a sum with `rate` the
    /// learning rate times the steps taken so far: if the weights were `w0` then changed by
    /// `d1..dn`, their average after each step is `w0 + sum (n - k + 1) dk / n`, which is
    /// `wn - sum (k - 1) dk / n`.
    fn step(&mut self, g: &Grad, shape: &Model, rate: f32) {
        let h = self.hidden;
        for c in 0..CLASSES {
            let w = &mut self.w2[c * h..(c + 1) * h];
            for j in 0..h {
                if g.z[j] > 0.0 {
                    w[j] -= rate * g.go[c] * g.z[j];
                }
            }
            self.b2[c] -= rate * g.go[c];
        }
        for j in 0..h {
            self.b1[j] -= rate * g.gh[j];
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
        Model::new(shape.left, shape.group, shape.right, h, (shape.bag, shape.bag_width), w1, b1, w2, b2, s2)
    }
}

fn read_lines(path: &str) -> Result<Vec<String>, CliError> {
    let reader = crate::open(path)?;
    reader.lines().collect::<Result<_, _>>().map_err(|source| CliError::Read { path: path.to_string(), source })
}

/// Share of `dev`'s words (`word<TAB>n[,n]`) that `count` gets right.
fn dev_accuracy(dev: &[(String, Vec<usize>)], count: impl Fn(&[u8]) -> usize) -> f64 {
    let right = dev.iter().filter(|(w, ok)| ok.contains(&count(w.as_bytes()))).count();
    right as f64 / dev.len().max(1) as f64
}

/// One network's settings (`--net LEFT,RIGHT,HIDDEN,DROPOUT[,BAG[,WIDTH]]`).
struct Net {
    shape: Model,
    dropout: f64,
    bag_dropout: f64,
    /// Last epochs whose weights are averaged (0: none, the last weights).
    average: usize,
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
        1.0,
    );
    Some(Net { shape, dropout: d.parse().ok()?, bag_dropout: 0.0, average: 0 })
}

pub fn run(args: &[String]) -> Result<ExitCode, CliError> {
    let (mut epochs, mut rate, mut group, mut bag_dropout, mut average) = (12usize, 0.03f32, 4usize, 0f64, 0usize);
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
            "--average" => average = num(value(a)?, a)?,
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
        .map(|v| parse_net(v, group).map(|n| Net { bag_dropout, average, ..n }).ok_or_else(|| CliError::Usage(format!("--net {v}: expected LEFT,RIGHT,HIDDEN,DROPOUT"))))
        .collect::<Result<Vec<_>, _>>()?;
    // Words with their dictionary count; aligned words with each vowel group's syllables.
    let mut words: Vec<(String, Vec<usize>)> = Vec::new();
    let mut aligned: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for line in read_lines(&input)? {
        let mut f = line.split('\t');
        let (Some(w), Some(al), Some(n)) = (f.next(), f.next(), f.next()) else { continue };
        let Ok(n) = n.split(',').map(str::parse).collect::<Result<Vec<usize>, _>>() else { continue };
        if n.is_empty() {
            continue;
        }
        words.push((w.to_string(), n));
        let al: Vec<u8> = al.split(',').filter_map(|x| x.parse().ok()).collect();
        if al.len() == groups(w.as_bytes()).len() && !al.is_empty() {
            aligned.push((w.as_bytes().to_vec(), al));
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
        let model = train(net, &aligned, epochs, rate, 0x9E37_79B9_7F4A_7C15 ^ n as u64, &dev);
        if !dev.is_empty() {
            let one = Ensemble(vec![model]);
            eprintln!("network {n}: dev words right {:.4}", dev_accuracy(&dev, |w| one.count(w)));
            models.push(one.0.into_iter().next().expect("one network"));
        } else {
            models.push(model);
        }
    }
    let ensemble = Ensemble(models);
    if !dev.is_empty() {
        eprintln!("all networks: dev words right {:.4}", dev_accuracy(&dev, |w| ensemble.count(w)));
    }
    if std::env::var_os("LEDE_TRAIN_ERRORS").is_some() {
        for (w, ok) in &dev {
            let n = ensemble.count(w.as_bytes());
            if !ok.contains(&n) {
                eprintln!("missed\t{w}\t{n}\t{ok:?}");
            }
        }
    }
    if let Some(path) = &out_path {
        std::fs::write(path, ensemble.to_bytes(&banner)).map_err(CliError::Write)?;
    }
    let mut missed: Vec<String> = Vec::new();
    for (w, n) in &words {
        if !n.contains(&ensemble.count(w.as_bytes())) {
            missed.push(format!("{w}={}\n", n[0]));
        }
    }
    missed.sort();
    if let Some(path) = &exceptions_path {
        std::fs::write(path, missed.concat()).map_err(CliError::Write)?;
    }
    eprintln!("lede train syllables: {} of {} training words missed", missed.len(), words.len());
    Ok(ExitCode::SUCCESS)
}

/// Trains one network by SGD on cross-entropy (the learning rate falling linearly to 0) and
/// quantizes it.
fn train(net: &Net, aligned: &[(Vec<u8>, Vec<u8>)], epochs: usize, rate: f32, seed: u64, dev: &[(String, Vec<usize>)]) -> Model {
    let shape = &net.shape;
    let mut examples: Vec<(Vec<u16>, u8)> = Vec::new();
    let mut rows = vec![0u16; shape.positions()];
    for (w, al) in aligned {
        let gs = groups(w);
        let p = [b"^", &w[..], b"$"].concat();
        for (index, (&(i, j), &c)) in gs.iter().zip(al).enumerate() {
            rows.truncate(shape.positions());
            shape.inputs(&p, i + 1, j + 1, index, gs.len(), &mut rows);
            shape.bag_inputs(&p, &mut rows);
            examples.push((rows.clone(), c.min(CLASSES as u8 - 1)));
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
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let (mut z, mut gh, mut noisy) = (Vec::new(), vec![0f32; h], Vec::new());
    // From this epoch on, the weights after each step are averaged (`average`: sums and steps).
    let average_from = epochs - net.average.min(epochs);
    let mut average: Option<(Float, usize)> = None;
    for epoch in 0..epochs {
        if epoch == average_from && epoch < epochs {
            average = Some((m.zeros(), 0));
        }
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let lr = rate * (1.0 - epoch as f32 / epochs as f32);
        let mut right = 0usize;
        for &e in &order {
            let gold = examples[e].1 as usize;
            // Letters around the group hidden at random (read as "none"): the network learns to
            // answer from part of the context too, as a back-off model would.
            noisy.clear();
            for &r in &examples[e].0 {
                let pos = r as usize / SYMBOLS;
                if pos >= shape.positions() {
                    // The bag's trigrams hidden at random too (dropped): the network learns how
                    // words of a kind behave rather than each training word.
                    if bag_dropout == 0.0 || ((rng.next() >> 11) as f64 / (1u64 << 53) as f64) >= bag_dropout {
                        noisy.push(r);
                    }
                    continue;
                }
                let hide = dropout > 0.0
                    && (pos < shape.left || (pos >= shape.left + shape.group && pos < shape.left + shape.group + shape.right))
                    && ((rng.next() >> 11) as f64 / (1u64 << 53) as f64) < dropout;
                noisy.push(if hide { (pos * SYMBOLS + SYMBOLS - 1) as u16 } else { r });
            }
            let rows = &noisy;
            let out = m.forward(rows, &mut z);
            let top = (0..CLASSES).fold(0, |b, c| if out[c] > out[b] { c } else { b });
            right += usize::from(top == gold);
            let mut p = out.map(|o| exp(o - out[top]));
            let sum: f64 = p.iter().sum();
            p.iter_mut().for_each(|x| *x /= sum);
            let mut go = [0f32; CLASSES];
            gh.iter_mut().for_each(|g| *g = 0.0);
            for c in 0..CLASSES {
                go[c] = (p[c] - f64::from(u8::from(c == gold))) as f32;
                let w = &m.w2[c * h..(c + 1) * h];
                for j in 0..h {
                    if z[j] > 0.0 {
                        gh[j] += go[c] * w[j];
                    }
                }
            }
            let grad = Grad { rows, z: &z, go, gh: &gh };
            m.step(&grad, shape, lr);
            if let Some((sum, steps)) = &mut average {
                // The running weights' average is `m - sum / steps` (see `Float::step`).
                sum.step(&grad, shape, lr * *steps as f32);
                *steps += 1;
            }
        }
        let line = format!("epoch {epoch}: training groups right {:.4}", right as f64 / examples.len() as f64);
        if dev.is_empty() {
            eprintln!("{line}");
        } else {
            let q = Ensemble(vec![averaged(&m, &average).quantize(shape)]);
            eprintln!("{line}, dev words right {:.4}", dev_accuracy(dev, |w| q.count(w)));
        }
    }
    averaged(&m, &average).quantize(shape)
}

/// The average of the weights after each step since averaging began: the weights `m` less
/// `sum / steps` (see `Float::step`); `m` itself before then.
fn averaged(m: &Float, average: &Option<(Float, usize)>) -> Float {
    let Some((sum, steps)) = average.as_ref().filter(|(_, steps)| *steps > 0) else { return m.clone() };
    let k = 1.0 / *steps as f32;
    let mix = |a: &[f32], s: &[f32]| a.iter().zip(s).map(|(&a, &s)| a - s * k).collect();
    Float { hidden: m.hidden, w1: mix(&m.w1, &sum.w1), b1: mix(&m.b1, &sum.b1), w2: mix(&m.w2, &sum.w2), b2: mix(&m.b2, &sum.b2) }
}
