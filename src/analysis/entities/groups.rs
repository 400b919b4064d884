//! Mention groups: which entity mentions name the same thing. The same name twice, a surname or a
//! given name with the full name ("Pezeshkian" with "Masud Pezeshkian"), and an acronym with its
//! expansion ("EU" with "European Union") share a group number; numbers are dense, in order of the
//! first mention.

use std::collections::hash_map::Entry;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Maps by short strings (only looked up, never iterated, so the hash decides no order).
type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<KeyHash>>;

/// A hash for the maps' short keys that takes eight bytes a step (a byte-at-a-time hash spends a
/// multiply per byte, one after the other).
#[derive(Default)]
struct KeyHash(u64);

const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl KeyHash {
    #[inline]
    fn step(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(K).rotate_left(26);
    }
}

impl Hasher for KeyHash {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.step(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.step(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.step(b as u64 | 0x100);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // Every bit of the state reaches the top bits (a map's tags) and the low bits (its slots).
        let h = self.0.wrapping_mul(K);
        h ^ h >> 29
    }
}

use crate::analysis::report::{Entity, EntityLabel};

fn is_name(l: EntityLabel) -> bool {
    matches!(l, EntityLabel::Per | EntityLabel::Loc | EntityLabel::Org | EntityLabel::Misc)
}

/// Appends the grouping key of a mention to `buf` (lower case, one space between words, a curly
/// apostrophe straight) and returns where it starts, with whether it has a space (more than one
/// word): a leading "the " is not part of it.
fn key_into(text: &str, buf: &mut String) -> (usize, bool) {
    let start = buf.len();
    if let Some(spaces) = plain_spaces(text.as_bytes()) {
        // One space between words already (most names): the text lower-cased, with as many spaces.
        buf.push_str(text);
        buf[start..].make_ascii_lowercase();
        return if buf[start..].starts_with("the ") { (start + 4, spaces > 1) } else { (start, spaces > 0) };
    }
    if text.is_ascii() {
        // Byte by byte: ASCII white space is tab to carriage return and the space.
        let mut gap = false;
        for &b in text.as_bytes() {
            if matches!(b, b'\t'..=b'\r' | b' ') {
                gap = true;
                continue;
            }
            if gap && buf.len() > start {
                buf.push(' ');
            }
            gap = false;
            buf.push(b.to_ascii_lowercase() as char);
        }
    } else {
        key_words_into(text, start, buf);
    }
    let s = if buf[start..].starts_with("the ") { start + 4 } else { start };
    (s, buf.as_bytes()[s..].contains(&b' '))
}

/// The number of spaces of `b` when it is ASCII with no white space but single spaces between
/// other bytes (most names), else `None`: eight bytes at a time, each byte's tests side by side.
fn plain_spaces(b: &[u8]) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // A high bit in `odd` for a byte past ASCII, tab to carriage return or a second space in a
    // row; `before` is the high bit of the byte before a block's first (a space before the text,
    // so that a leading space is a second one).
    let (mut odd, mut spaces, mut before) = (0u64, 0u64, 0x80u64);
    let mut block = |x: u64| {
        // Each byte's low seven bits plus a constant: below 0x80 each, so no sum carries into
        // the next byte. At or above 9 and not above 13, then the bytes that are a space.
        let low = x & !HIGH;
        let control = (low + ONES * (0x80 - 9)) & !(low + ONES * (0x7f - 13));
        let s = x ^ (ONES * 0x20);
        let space = !(((s & !HIGH) + !HIGH) | s) & HIGH;
        odd |= x | control | space & (space << 8 | before);
        spaces += (space >> 7).wrapping_mul(ONES) >> 56;
        before = space >> 56;
    };
    let mut blocks = b.chunks_exact(8);
    for eight in &mut blocks {
        block(u64::from_le_bytes(eight.try_into().unwrap_or_default()));
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        // The last bytes, letters above them (which change nothing).
        block(rest.iter().rev().fold((ONES * b'a' as u64) >> (8 * rest.len()), |w, &c| w << 8 | c as u64));
    }
    (odd & HIGH == 0 && !b.is_empty() && b[b.len() - 1] != b' ').then_some(spaces)
}

/// The words of [`key_into`] for any text.
fn key_words_into(text: &str, start: usize, buf: &mut String) {
    for w in text.split_whitespace() {
        if buf.len() > start {
            buf.push(' ');
        }
        for c in w.chars() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else if c == '\u{2019}' {
                buf.push('\'');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
}

/// Appends the initials of a multi-word key to `buf`, small words left out ("european union" ->
/// "eu"); false (and `buf` as it was) when there are fewer than two words or two initials.
fn initials_into(key: &str, buf: &mut String) -> bool {
    let start = buf.len();
    let mut words = 0;
    for w in key.split([' ', '-']).filter(|w| !w.is_empty()) {
        words += 1;
        if !["of", "the", "and", "for", "&", "de", "du", "la", "on", "in"].contains(&w) {
            buf.extend(w.chars().next());
        }
    }
    if words < 2 || buf[start..].chars().count() < 2 {
        buf.truncate(start);
        return false;
    }
    true
}

/// Mentions listed under string keys, each list in document order: one vector for all the
/// lists (filled by a counting sort), not one per key.
struct Lists<'a> {
    ids: HashMap<&'a str, u32>,
    pairs: Vec<(u32, u32)>,
    start: Vec<u32>,
    flat: Vec<u32>,
}

impl<'a> Lists<'a> {
    fn new() -> Lists<'a> {
        Lists { ids: HashMap::default(), pairs: Vec::new(), start: Vec::new(), flat: Vec::new() }
    }

    /// List mention `j` under `key` (in increasing `j`).
    fn push(&mut self, key: &'a str, j: usize) {
        let n = self.ids.len() as u32;
        let id = *self.ids.entry(key).or_insert(n);
        self.pairs.push((id, j as u32));
    }

    /// Lay the lists out one after the other, once every mention is pushed.
    fn finish(&mut self) {
        self.start = vec![0; self.ids.len() + 1];
        for &(id, _) in &self.pairs {
            self.start[id as usize + 1] += 1;
        }
        for k in 1..self.start.len() {
            self.start[k] += self.start[k - 1];
        }
        let mut at = self.start.clone();
        self.flat = vec![0; self.pairs.len()];
        for &(id, j) in &self.pairs {
            self.flat[at[id as usize] as usize] = j;
            at[id as usize] += 1;
        }
    }

    /// The mentions listed under `key`, in document order.
    fn get(&self, key: &str) -> Option<&[u32]> {
        let &id = self.ids.get(key)?;
        Some(&self.flat[self.start[id as usize] as usize..self.start[id as usize + 1] as usize])
    }
}

/// The nearest earlier mention of `list` before `i`, else the nearest later one.
fn nearest(list: &[u32], i: usize) -> Option<usize> {
    let pos = list.partition_point(|&j| (j as usize) < i);
    if pos > 0 { Some(list[pos - 1] as usize) } else { list.get(pos).map(|&j| j as usize) }
}

/// A mention that is an acronym ("EU", "E.U."), lower-cased into `buf` without its periods.
fn acronym_into(raw: &str, buf: &mut String) -> bool {
    buf.clear();
    let mut n = 0;
    for c in raw.chars().filter(|&c| c != '.') {
        n += 1;
        if n > 8 || !c.is_uppercase() {
            return false;
        }
        buf.push(c);
    }
    if n < 2 {
        return false;
    }
    if buf.is_ascii() {
        buf.make_ascii_lowercase();
    } else {
        *buf = buf.to_lowercase();
    }
    true
}

/// The grouping keys of a run of mentions ([`key_into`]) and whether each has more than one word:
/// worked out apart from the grouping, so that a long text's runs of mentions can have theirs
/// worked out on more than one thread.
#[derive(Default)]
pub struct Keys {
    /// Every key, one after the other.
    buf: String,
    /// Where each mention's key starts and ends in `buf`, and whether it has a space.
    at: Vec<(usize, usize, bool)>,
}

impl Keys {
    /// The keys of `entities` (their text in `text`).
    pub fn of(text: &str, entities: &[Entity]) -> Keys {
        let mut buf = String::with_capacity(entities.iter().map(|e| e.span.len() + 1).sum());
        let mut at = Vec::with_capacity(entities.len());
        for e in entities {
            let (s, spaced) = key_into(e.span.slice(text), &mut buf);
            at.push((s, buf.len(), spaced));
        }
        Keys { buf, at }
    }

    /// The keys of consecutive runs of mentions, as one run.
    pub fn join(runs: Vec<Keys>) -> Keys {
        let mut all = Keys::default();
        all.buf.reserve(runs.iter().map(|r| r.buf.len()).sum());
        all.at.reserve(runs.iter().map(|r| r.at.len()).sum());
        for run in runs {
            let shift = all.buf.len();
            all.buf.push_str(&run.buf);
            all.at.extend(run.at.iter().map(|&(s, e, spaced)| (s + shift, e + shift, spaced)));
        }
        all
    }

    fn len(&self) -> usize {
        self.at.len()
    }
}

/// Set `group` on every entity of `entities` (document order) from their text in `text`.
pub fn assign(text: &str, entities: &mut [Entity]) {
    assign_keyed(text, entities, &Keys::of(text, entities));
}

/// [`assign`] with the keys of `entities` worked out already ([`Keys::of`] on them, or
/// [`Keys::join`] of those of consecutive runs of them). Keys of other mentions (not one per
/// mention) leave every mention in a group of its own.
pub fn assign_keyed(text: &str, entities: &mut [Entity], keys: &Keys) {
    if keys.len() != entities.len() {
        debug_assert!(false, "keys of other mentions");
        for (g, e) in entities.iter_mut().enumerate() {
            e.group = g;
        }
        return;
    }
    let key = |i: usize| &keys.buf[keys.at[i].0..keys.at[i].1];
    let spaced = |i: usize| keys.at[i].2;
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
    // Room for a key in two mentions (news text repeats its names and numbers: room for every
    // mention would be mostly empty), made at once rather than by doubling and moving the keys.
    let mut first_by_key: HashMap<(&str, bool), usize> = HashMap::with_capacity_and_hasher(entities.len() / 2, Default::default());
    for (i, e) in entities.iter().enumerate() {
        let k = (key(i), is_name(e.label));
        let label_key = if is_name(e.label) { None } else { Some(e.label) };
        // One hash and probe of the key, whether it is found or goes in.
        match first_by_key.entry(k) {
            Entry::Occupied(first) if label_key.is_none() || entities[*first.get()].label == e.label => {
                join(&mut parent, i, *first.get())
            }
            Entry::Occupied(mut first) => {
                first.insert(i);
            }
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    // Multi-word names by their initials and by their first and last words (person names).
    let multi = |j: usize| is_name(entities[j].label) && spaced(j);
    let mut ibuf = String::new();
    let mut iranges = Vec::new();
    for j in (0..entities.len()).filter(|&j| multi(j)) {
        let s = ibuf.len();
        if initials_into(key(j), &mut ibuf) {
            iranges.push((j, s, ibuf.len()));
        }
    }
    let mut by_initials = Lists::new();
    for &(j, s, e) in &iranges {
        by_initials.push(&ibuf[s..e], j);
    }
    by_initials.finish();
    let mut by_part = Lists::new();
    for j in (0..entities.len()).filter(|&j| multi(j) && entities[j].label == EntityLabel::Per) {
        let k = key(j);
        if let (Some(first), Some(last)) = (k.split(' ').next(), k.rsplit(' ').next()) {
            by_part.push(last, j);
            if first != last {
                by_part.push(first, j);
            }
        }
    }
    by_part.finish();
    let mut acronym = String::new();
    for i in 0..entities.len() {
        let e = &entities[i];
        if !is_name(e.label) || spaced(i) || key(i).is_empty() {
            continue;
        }
        let hit = if acronym_into(e.span.slice(text), &mut acronym) {
            by_initials.get(&acronym).and_then(|l| nearest(l, i))
        } else if e.label == EntityLabel::Per {
            by_part.get(key(i)).and_then(|l| nearest(l, i))
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
    fn keys_of_runs_joined_are_the_keys_of_all() {
        let text = "The  White House said E.U. officials met Conan O\u{2019}Brien in the Bank of England.";
        let span = |m: &str| {
            let s = text.find(m).unwrap();
            Entity { span: Span::new(s, s + m.len()), label: EntityLabel::Org, group: 0 }
        };
        let all: Vec<Entity> = ["The  White House", "E.U.", "Conan O\u{2019}Brien", "Bank of England"].iter().map(|m| span(m)).collect();
        let whole = Keys::of(text, &all);
        for cut in 0..=all.len() {
            let joined = Keys::join(vec![Keys::of(text, &all[..cut]), Keys::of(text, &all[cut..])]);
            assert_eq!((&joined.buf, &joined.at), (&whole.buf, &whole.at), "cut at {cut}");
        }
        assert_eq!(whole.at.iter().map(|&(s, e, spaced)| (&whole.buf[s..e], spaced)).collect::<Vec<_>>(), [
            ("white house", true),
            ("e.u.", false),
            ("conan o'brien", true),
            ("bank of england", true)
        ]);
    }

    #[test]
    fn plain_keys_are_those_of_the_byte_by_byte_path() {
        // Every byte value (and a curly apostrophe) at every offset of the eight-byte blocks,
        // between letters, spaces and other white space.
        let mut texts = vec![String::new(), " ".into(), "a".into(), "the ".into(), "the x".into(), "The  X".into()];
        for b in (0..128u8).map(char::from).chain(['\u{2019}']) {
            for at in 0..11 {
                for around in ["ab cd efg hi jk", "a b c d e f g h", "abcdefghijklm", "x"] {
                    let mut t: String = around.chars().take(at).collect();
                    t.push(b);
                    t.extend(around.chars().skip(at));
                    texts.push(t);
                }
            }
        }
        for t in &texts {
            let (mut fast, mut slow) = (String::from("x"), String::from("x"));
            let got = key_into(t, &mut fast);
            // The byte-by-byte path, with whether the key has a space.
            if t.is_ascii() {
                for w in t.split(|c: char| matches!(c, '\t'..='\r' | ' ')).filter(|w| !w.is_empty()) {
                    if slow.len() > 1 {
                        slow.push(' ');
                    }
                    slow.push_str(&w.to_ascii_lowercase());
                }
            } else {
                key_words_into(t, 1, &mut slow);
            }
            let s = if slow[1..].starts_with("the ") { 5 } else { 1 };
            assert_eq!((&fast, got), (&slow, (s, slow[s..].contains(' '))), "{t:?}");
        }
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
            // Keys: case, white space, a leading "the" and curly apostrophes do not count.
            (&[("the  White\nHouse", Org), ("WHITE HOUSE", Org), ("The", Misc), ("the", Misc)], &[0, 0, 1, 1]),
            (&[("Conan O\u{2019}Brien", Per), ("O'Brien", Per), ("o\u{2019}brien", Per)], &[0, 0, 0]),
            // Acronyms: two to eight capitals, periods left out; small words have no initial.
            (&[("Bank of England", Org), ("BoE", Org), ("BE", Org), ("B.E.", Org)], &[0, 1, 0, 0]),
            (&[("Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota", Org), ("ABGDEZETI", Org)], &[0, 1]),
            (&[("\u{3a3}\u{3b9}\u{3b3}\u{3bc}\u{3b1} \u{3a9}", Org), ("\u{3a3}\u{3a9}", Org)], &[0, 0]),
        ];
        for (mentions, expected) in cases {
            check(mentions, expected);
        }
    }
}
