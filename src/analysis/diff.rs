//! Word-level diff between two token sequences (any `Eq` items, usually word hashes): the runs of
//! equal, deleted and inserted tokens, and the similarity `2 * equal / (len_a + len_b)` that the
//! duplicate finder compares with its threshold. Common prefix and suffix are trimmed first, so a
//! paragraph with one number changed costs almost nothing; the quadratic middle is bounded by a
//! cell budget and gives `None` beyond it (the caller then treats the pair as different).

use std::ops::Range;

/// What a run of tokens does between version `a` (the first) and version `b` (the repeat).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equal,
    /// Only in `a`.
    Delete,
    /// Only in `b`.
    Insert,
}

/// A maximal run of one operation; `a` and `b` are token index ranges (the empty one for
/// Delete/Insert sits where the run would be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub op: Op,
    pub a: Range<usize>,
    pub b: Range<usize>,
}

/// Largest `middle_a * middle_b` table the diff fills (about 4 MB of `u32`).
pub const MAX_CELLS: usize = 1 << 20;

/// Runs turning `a` into `b`, or `None` when the differing middle is larger than `max_cells`.
pub fn diff<T: Eq>(a: &[T], b: &[T], max_cells: usize) -> Option<Vec<Run>> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let (n, m) = (ma.len(), mb.len());
    if n.saturating_mul(m) > max_cells {
        return None;
    }
    let mut ops: Vec<Op> = Vec::with_capacity(a.len() + b.len());
    ops.extend(std::iter::repeat(Op::Equal).take(prefix));
    if n == 0 || m == 0 {
        ops.extend(std::iter::repeat(Op::Delete).take(n));
        ops.extend(std::iter::repeat(Op::Insert).take(m));
    } else {
        // lcs[i * (m + 1) + j] = length of the longest common subsequence of ma[i..] and mb[j..].
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if ma[i] == mb[j] {
                ops.push(Op::Equal);
                i += 1;
                j += 1;
            } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
                ops.push(Op::Delete);
                i += 1;
            } else {
                ops.push(Op::Insert);
                j += 1;
            }
        }
        ops.extend(std::iter::repeat(Op::Delete).take(n - i));
        ops.extend(std::iter::repeat(Op::Insert).take(m - j));
    }
    ops.extend(std::iter::repeat(Op::Equal).take(suffix));
    Some(group(&ops))
}

/// The number of tokens the two sequences have in common, in order (what [`diff`] marks equal), or
/// `None` under the same budget as [`diff`]. Needs one row of the table instead of all of it, so
/// several candidates can be measured before the runs of the best one are built.
pub fn common<T: Eq>(a: &[T], b: &[T], max_cells: usize) -> Option<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    if ma.len().saturating_mul(mb.len()) > max_cells {
        return None;
    }
    if ma.is_empty() || mb.is_empty() {
        return Some(prefix + suffix);
    }
    // row[j] = longest common subsequence of the part of `ma` seen so far and mb[..j].
    let mut row = vec![0u32; mb.len() + 1];
    for x in ma {
        let mut diag = 0;
        for (j, y) in mb.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    Some(prefix + suffix + row[mb.len()] as usize)
}

/// Merge single-token operations into runs, putting each deletion before the insertion that
/// replaces it.
fn group(ops: &[Op]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let (mut ia, mut ib) = (0, 0);
    let mut k = 0;
    while k < ops.len() {
        if ops[k] == Op::Equal {
            let s = k;
            while k < ops.len() && ops[k] == Op::Equal {
                k += 1;
            }
            let len = k - s;
            runs.push(Run { op: Op::Equal, a: ia..ia + len, b: ib..ib + len });
            ia += len;
            ib += len;
        } else {
            let s = k;
            while k < ops.len() && ops[k] != Op::Equal {
                k += 1;
            }
            let dels = ops[s..k].iter().filter(|&&o| o == Op::Delete).count();
            let ins = k - s - dels;
            if dels > 0 {
                runs.push(Run { op: Op::Delete, a: ia..ia + dels, b: ib..ib });
            }
            if ins > 0 {
                runs.push(Run { op: Op::Insert, a: ia + dels..ia + dels, b: ib..ib + ins });
            }
            ia += dels;
            ib += ins;
        }
    }
    runs
}

/// `2 * equal / (len_a + len_b)`: 1 for identical sequences, 0 for nothing in common.
pub fn similarity(runs: &[Run], len_a: usize, len_b: usize) -> f64 {
    if len_a + len_b == 0 {
        return 1.0;
    }
    let equal: usize = runs.iter().filter(|r| r.op == Op::Equal).map(|r| r.a.len()).sum();
    2.0 * equal as f64 / (len_a + len_b) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs as a compact string: `=the cat` `-sat` `+stood`.
    fn check(a: &str, b: &str, expected: &str) {
        let wa: Vec<&str> = a.split_whitespace().collect();
        let wb: Vec<&str> = b.split_whitespace().collect();
        let runs = diff(&wa, &wb, MAX_CELLS).expect("within budget");
        let got: Vec<String> = runs
            .iter()
            .map(|r| match r.op {
                Op::Equal => format!("={}", wa[r.a.clone()].join(" ")),
                Op::Delete => format!("-{}", wa[r.a.clone()].join(" ")),
                Op::Insert => format!("+{}", wb[r.b.clone()].join(" ")),
            })
            .collect();
        assert_eq!(got.join(" | "), expected, "{a:?} -> {b:?}");
    }

    #[test]
    fn runs() {
        let cases = [
            ("a b c", "a b c", "=a b c"),
            ("", "", ""),
            ("", "x y", "+x y"),
            ("x y", "", "-x y"),
            (
                "move 40,000 gallons a minute", "move 45,000 gallons a minute",
                "=move | -40,000 | +45,000 | =gallons a minute",
            ),
            ("the old wall", "the very old wall", "=the | +very | =old wall"),
            ("the very old wall", "the old wall", "=the | -very | =old wall"),
            ("a b c d", "x y", "-a b c d | +x y"),
            ("one two three four", "one three four five", "=one | -two | =three four | +five"),
        ];
        for (a, b, expected) in cases {
            check(a, b, expected);
        }
    }

    /// `common` counts exactly the tokens `diff` marks equal.
    #[test]
    fn common_matches_the_runs() {
        let cases = [
            ("", ""), ("a", ""), ("a b c", "a b c"), ("a b c d", "x y"), ("one two three four", "one three four five"),
            ("the cat sat on the mat", "the mat sat on the cat"), ("a b a b a b", "b a b a"),
            ("x a b c y", "x c b a y"), ("a a a", "a a"),
        ];
        for (a, b) in cases {
            let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
            let runs = diff(&wa, &wb, MAX_CELLS).unwrap();
            let equal: usize = runs.iter().filter(|r| r.op == Op::Equal).map(|r| r.a.len()).sum();
            assert_eq!(common(&wa, &wb, MAX_CELLS), Some(equal), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn similarity_and_budget() {
        let a: Vec<u32> = (0..10).collect();
        let mut b = a.clone();
        b[5] = 99;
        let runs = diff(&a, &b, MAX_CELLS).unwrap();
        assert!((similarity(&runs, 10, 10) - 0.9).abs() < 1e-9);
        let c: Vec<u32> = (100..200).collect();
        assert_eq!(diff(&a, &c, 100), None);
        assert_eq!(common(&a, &c, 100), None);
        assert!(diff(&a, &c, 1000).is_some());
    }
}
