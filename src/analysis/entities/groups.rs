//! Mention groups: which entity mentions name the same thing. The same name twice, a surname or a
//! given name with the full name ("Pezeshkian" with "Masud Pezeshkian"), and an acronym with its
//! expansion ("EU" with "European Union") share a group number; numbers are dense, in order of the
//! first mention.

use std::collections::HashMap as StdHashMap;
use std::hash::BuildHasherDefault;

use super::rules::Fnv;

/// Maps by short strings, hashed with FNV-1a (only looked up, never iterated).
type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<Fnv>>;

use crate::analysis::report::{Entity, EntityLabel};

fn is_name(l: EntityLabel) -> bool {
    matches!(l, EntityLabel::Per | EntityLabel::Loc | EntityLabel::Org | EntityLabel::Misc)
}

fn key(text: &str) -> String {
    let mut k = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !k.is_empty() {
            k.push(' ');
        }
        for c in w.chars() {
            if c == '\u{2019}' {
                k.push('\'');
            } else {
                k.extend(c.to_lowercase());
            }
        }
    }
    k.strip_prefix("the ").map(str::to_string).unwrap_or(k)
}

/// Initials of a multi-word name, small words left out ("European Union" -> "eu").
fn initials(key: &str) -> Option<String> {
    let words: Vec<&str> = key.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return None;
    }
    let skip = ["of", "the", "and", "for", "&", "de", "du", "la", "on", "in"];
    let s: String = words.iter().filter(|w| !skip.contains(w)).filter_map(|w| w.chars().next()).collect();
    (s.chars().count() >= 2).then_some(s)
}

/// Set `group` on every entity of `entities` (document order) from their text in `text`.
pub fn assign(text: &str, entities: &mut [Entity]) {
    let keys: Vec<String> = entities.iter().map(|e| key(e.span.slice(text))).collect();
    // Union-find over mentions.
    let mut parent: Vec<usize> = (0..entities.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let join = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(p, a), root(p, b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            p[hi] = lo;
        }
    };
    let mut first_by_key: HashMap<(&str, bool), usize> = HashMap::default();
    for (i, e) in entities.iter().enumerate() {
        let k = (keys[i].as_str(), is_name(e.label));
        let label_key = if is_name(e.label) { None } else { Some(e.label) };
        match first_by_key.get(&k) {
            Some(&j) if label_key.is_none() || entities[j].label == e.label => join(&mut parent, i, j),
            _ => {
                first_by_key.insert(k, i);
            }
        }
    }
    // Multi-word names by their initials and by their first and last words (person names).
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_part: HashMap<&str, Vec<usize>> = HashMap::default();
    for (j, e) in entities.iter().enumerate() {
        if !is_name(e.label) || !keys[j].contains(' ') {
            continue;
        }
        if let Some(s) = initials(&keys[j]) {
            by_initials.entry(s).or_default().push(j);
        }
        if e.label == EntityLabel::Per {
            let k = keys[j].as_str();
            if let (Some(first), Some(last)) = (k.split(' ').next(), k.rsplit(' ').next()) {
                by_part.entry(last).or_default().push(j);
                if first != last {
                    by_part.entry(first).or_default().push(j);
                }
            }
        }
    }
    // The nearest earlier full name, else the nearest later one.
    let nearest = |list: &Vec<usize>, i: usize| -> Option<usize> {
        let pos = list.partition_point(|&j| j < i);
        if pos > 0 { Some(list[pos - 1]) } else { list.get(pos).copied() }
    };
    for i in 0..entities.len() {
        let e = &entities[i];
        if !is_name(e.label) || keys[i].contains(' ') || keys[i].is_empty() {
            continue;
        }
        let raw = e.span.slice(text);
        let acronym: String = raw.chars().filter(|c| *c != '.').collect();
        let n = acronym.chars().count();
        let is_acronym = (2..=8).contains(&n) && acronym.chars().all(|c| c.is_uppercase());
        let hit = if is_acronym {
            by_initials.get(&acronym.to_lowercase()).and_then(|l| nearest(l, i))
        } else if e.label == EntityLabel::Per {
            by_part.get(keys[i].as_str()).and_then(|l| nearest(l, i))
        } else {
            None
        };
        if let Some(j) = hit {
            join(&mut parent, i, j);
        }
    }
    finish(entities, &mut parent);
}

fn finish(entities: &mut [Entity], parent: &mut [usize]) {
    let mut ids = vec![usize::MAX; entities.len()];
    let mut next = 0;
    for i in 0..entities.len() {
        let mut r = i;
        while parent[r] != r {
            r = parent[r];
        }
        if ids[r] == usize::MAX {
            ids[r] = next;
            next += 1;
        }
        entities[i].group = ids[r];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::report::Span;

    /// `mentions` are (text, label) in document order; `expected` their group numbers.
    fn check(mentions: &[(&str, EntityLabel)], expected: &[usize]) {
        let mut text = String::new();
        let mut ents = Vec::new();
        for (m, l) in mentions {
            let s = text.len();
            text.push_str(m);
            ents.push(Entity { span: Span::new(s, text.len()), label: *l, group: 99 });
            text.push_str(" ... ");
        }
        assign(&text, &mut ents);
        let got: Vec<usize> = ents.iter().map(|e| e.group).collect();
        assert_eq!(got, expected, "groups of {mentions:?}");
    }

    #[test]
    fn groups() {
        use EntityLabel::*;
        let cases: &[(&[(&str, EntityLabel)], &[usize])] = &[
            (&[], &[]),
            (&[("Masud Pezeshkian", Per), ("Tehran", Loc), ("Pezeshkian", Per)], &[0, 1, 0]),
            (&[("EU", Org), ("European Union", Org), ("E.U.", Org)], &[0, 0, 0]),
            (&[("Putin", Per), ("Vladimir Putin", Per), ("Putin", Per)], &[0, 0, 0]),
            (&[("two", Cardinal), ("two", Cardinal), ("Two", Cardinal)], &[0, 0, 0]),
            (&[("Paris", Loc), ("Paris", Per)], &[0, 0]),
            (&[("John Smith", Per), ("Mary Smith", Per), ("Smith", Per)], &[0, 1, 1]),
        ];
        for (mentions, expected) in cases {
            check(mentions, expected);
        }
    }
}
