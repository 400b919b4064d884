//! Entities: people, places, organizations and other names from a statistical tagger (an averaged
//! perceptron over word, shape, affix, context and gazetteer features, Viterbi decoding), and
//! dates, times, amounts, e-mail addresses and URLs from rules; then mention groups. Entry point:
//! [`find`], called by `analysis::analyze` with the sentence spans.

pub mod features;
pub mod gazetteer;
pub mod groups;
mod lanes;
pub mod model;
pub mod rules;
pub mod tokenize;

use features::{token_infos, Scratch, TokInfo};
use gazetteer::Gazetteer;
use model::{Model, ScoreCache};
use tokenize::{Token, TokenKind};

use super::report::{Entity, EntityLabel, Span};

fn label_of(tag: usize) -> EntityLabel {
    match (tag - 1) / 2 {
        0 => EntityLabel::Per,
        1 => EntityLabel::Loc,
        2 => EntityLabel::Org,
        _ => EntityLabel::Misc,
    }
}

/// Reusable buffers for tagging many sentences.
#[derive(Default)]
pub struct Tagger {
    tokens: Vec<Token>,
    infos: Vec<TokInfo>,
    tags: Vec<usize>,
    scratch: Scratch,
    cache: ScoreCache,
    /// Token ranges and tags of a sentence's names, and its pattern matches.
    spans: Vec<(usize, usize, usize)>,
    matches: Vec<(usize, usize, EntityLabel)>,
}

impl Tagger {
    /// Room in the memories of word forms for those of `bytes` of text, made at once rather than
    /// by doubling (and copying) as the forms come: news text has about one new form in 30 bytes
    /// (34,000 in 1 MB), rounded up to the power of two that doubling would reach, and no more
    /// than the forms kept before the memory starts over.
    fn reserve_for(&mut self, bytes: usize) {
        let forms = (bytes / 24).next_power_of_two().min((Scratch::LIMIT + 1).next_power_of_two());
        self.scratch.reserve(forms);
        self.cache.reserve(forms);
    }

    /// Names (PER, LOC, ORG, MISC) in one sentence `text[span]`, appended to `out`.
    pub fn names(&mut self, model: &Model, gaz: &Gazetteer, text: &str, span: Span, out: &mut Vec<Entity>) {
        self.tokens.clear();
        tokenize::tokenize_into(text, span, &mut self.tokens);
        self.names_of_tokens(model, gaz, text, out);
    }

    fn names_of_tokens(&mut self, model: &Model, gaz: &Gazetteer, text: &str, out: &mut Vec<Entity>) {
        if model.is_empty() || self.tokens.is_empty() {
            return;
        }
        // When the memory of word forms starts over, the forms it numbers anew would find the
        // cache's entries of the old numbers only by chance: those go too.
        if self.scratch.is_full() {
            self.cache.clear_words();
        }
        token_infos(text, &self.tokens, gaz, &mut self.scratch, &mut self.infos);
        model.tag(&self.infos, &mut self.cache, &mut self.tags);
        let toks = &self.tokens;
        // Token ranges and tags of the tagged names, then the news-style corrections.
        let spans = &mut self.spans;
        spans.clear();
        // One tag per token.
        let tags = &self.tags;
        let mut i = 0;
        while i < tags.len() {
            let t = tags[i];
            if t == 0 {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < tags.len() && tags[j] == t + (t % 2) {
                j += 1;
            }
            spans.push((i, j, t - (1 - t % 2)));
            i = j;
        }
        correct(text, toks, &self.infos, spans);
        for &(i, j, t) in spans.iter() {
            let (mut s, mut e) = (i, j);
            // Titles and a leading "the" are not part of a name; neither are edge punctuation marks.
            while e - s > 1 && (is_title(toks[s].span.slice(text)) || toks[s].kind == TokenKind::Punct) {
                s += 1;
            }
            while e - s > 1 && toks[e - 1].kind == TokenKind::Punct {
                e -= 1;
            }
            if toks[s].kind != TokenKind::Punct {
                out.push(Entity { span: Span::new(toks[s].span.start, toks[e - 1].span.end), label: label_of(t), group: 0 });
            }
        }
    }
}

/// `B-` tag of each name label.
const B_PER: usize = 1;
const B_LOC: usize = 3;
const B_ORG: usize = 5;
const B_MISC: usize = 7;

/// Gazetteer marks of a listed organization: one begins here, one goes on here.
const ORG_BEGINS: u16 = 1 << 10;
const ORG_GOES_ON: u16 = 1 << 11;

/// Gazetteer mark of a one-token demonym ("Mexicans"): category 7 begins and nothing continues.
const DEMONYM_MARK: u16 = 1 << 14;

/// Bits of [`word_bits`]: last words that make a name a place ("Kestrel River", "Water
/// Street"), or an organization ("Northwind Partners", "Acme Corp."); corporate suffixes that join
/// the name before them ("Farrell Electric, Inc."); organization words that take an "of" and a
/// name ("University of Southern Maine").
const PLACE_WORD: u8 = 1;
const ORG_WORD: u8 = 2;
const CORPORATE: u8 = 4;
const TAKES_OF: u8 = 8;

/// The bits of a word (ASCII case ignored) in one `match`: a word that two tests read is
/// lower-cased and matched once.
fn word_bits(w: &str) -> u8 {
    let mut buf = [0u8; 12];
    let Some(l) = ascii_lower(w, &mut buf) else { return 0 };
    match l {
        b"river" | b"lake" | b"bay" | b"island" | b"islands" | b"street" | b"st." | b"avenue" | b"ave." | b"road"
        | b"boulevard" | b"blvd." | b"county" | b"valley" | b"canyon" | b"creek" | b"peninsula" | b"strait"
        | b"mountains" | b"mountain" | b"mount" | b"hills" | b"province" | b"harbor" | b"harbour" | b"beach" => PLACE_WORD,
        b"inc" | b"inc." | b"corp" | b"corp." | b"ltd" | b"ltd." | b"llc" | b"plc" | b"co." | b"gmbh" => ORG_WORD | CORPORATE,
        b"l.l.c." => CORPORATE,
        b"university" | b"institute" | b"bank" | b"ministry" | b"department" | b"council" | b"commission"
        | b"committee" | b"association" | b"college" => ORG_WORD | TAKES_OF,
        b"corporation" | b"partners" | b"group" | b"holdings" | b"party" | b"agency" | b"foundation" | b"airlines"
        | b"technologies" | b"pharmaceuticals" | b"company" | b"fc" => ORG_WORD,
        b"corps" | b"academy" | b"office" | b"board" | b"church" | b"federation" | b"union" | b"society" | b"school"
        | b"museum" | b"court" | b"league" | b"house" => TAKES_OF,
        _ => 0,
    }
}

fn takes_of(w: &str) -> bool {
    word_bits(w) & TAKES_OF != 0
}

fn is_corporate_suffix(w: &str) -> bool {
    word_bits(w) & CORPORATE != 0
}

fn ascii_lower<'a>(w: &str, buf: &'a mut [u8; 12]) -> Option<&'a [u8]> {
    let b = w.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..b.len()])
}

/// Lower-case words that begin some names ("de Gaulle", "van Gogh", "bin Salman").
fn is_particle(w: &str) -> bool {
    matches!(w, "de" | "da" | "di" | "del" | "della" | "van" | "von" | "der" | "la" | "le" | "bin" | "ibn" | "al" | "el" | "ben" | "dos" | "du")
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn has_upper(w: &str) -> bool {
    w.chars().any(char::is_uppercase)
}

/// News-style corrections of the tagger's names (token ranges with their `B-` tag), in place:
/// lower-case words at the edges of a name go ("capital Delhi" -> "Delhi"); a place or
/// organization word that follows a name joins it ("Kestrel" + "River"); a corporate suffix
/// joins the name before it ("Farrell Electric, Inc."); the last word decides place or
/// organization; a lone nationality ("Mexicans") is MISC, not a place; in a sentence with
/// capitals, a name written without any goes.
fn correct(text: &str, toks: &[Token], infos: &[TokInfo], spans: &mut Vec<(usize, usize, usize)>) {
    // Without names there is nothing to correct (nor any need of the casing).
    if spans.is_empty() {
        return;
    }
    let w = |k: usize| toks[k].span.slice(text);
    // In a sentence written with capitals, a name without any ("city council") is a mistake.
    let cased = infos.iter().any(|i| i.flags & 4 == 0 && i.flags & 1 != 0);
    let mut k = 0;
    while k < spans.len() {
        let (mut s, mut e, mut t) = spans[k];
        let mut org_listed = false;
        if (s..e).any(|x| has_upper(w(x))) {
            while s < e && toks[s].kind == TokenKind::Word && !has_upper(w(s)) && !w(s).contains('-') && !is_particle(w(s)) {
                s += 1;
            }
            while e > s && toks[e - 1].kind == TokenKind::Word && !has_upper(w(e - 1)) && !is_corporate_suffix(w(e - 1)) {
                e -= 1;
            }
        }
        // Absorb a following place/organization word or corporate suffix, tagged or not.
        let next_free = |x: usize, spans: &[(usize, usize, usize)]| -> bool {
            spans.get(k + 1).map_or(true, |n| n.0 > x || (n.0 == x && n.1 == x + 1))
        };
        if e < toks.len() && capitalized(w(e)) && word_bits(w(e)) & (PLACE_WORD | ORG_WORD) != 0 && next_free(e, spans) {
            e += 1;
        } else if e + 1 < toks.len() && w(e) == "," && is_corporate_suffix(w(e + 1)) && next_free(e + 1, spans) {
            e += 2;
        }
        if spans.get(k + 1).is_some_and(|n| n.0 < e) {
            spans.remove(k + 1);
        }
        // "University" + "of" + "Southern Maine": an organization head, "of", and a name are one.
        if let Some(&(ns, ne, _)) = spans.get(k + 1) {
            let gap = ns.checked_sub(e).unwrap_or(usize::MAX);
            let of_the = (gap == 1 && w(e) == "of") || (gap == 2 && w(e) == "of" && w(e + 1) == "the");
            if e > s && of_the && capitalized(w(e - 1)) && takes_of(w(e - 1)) {
                e = ne;
                t = B_ORG;
                org_listed = true;
                spans.remove(k + 1);
            }
        }
        // Two names that one listed organization covers are one ("European" + "Central Bank").
        if let Some(&(ns, ne, _)) = spans.get(k + 1) {
            let listed = |a: usize, b: usize| {
                infos[a].gaz & ORG_BEGINS != 0
                    && (a + 1..b).all(|x| infos[x].gaz & ORG_GOES_ON != 0)
                    && infos.get(b).is_none_or(|i| i.gaz & ORG_GOES_ON == 0)
            };
            if ns == e && e > s && listed(s, ne) {
                e = ne;
                t = B_ORG;
                org_listed = true;
                spans.remove(k + 1);
            }
        }
        // A listed organization that begins before the name and ends with it ("European"
        // untagged before "Central Bank").
        let floor = if k > 0 { spans[k - 1].1 } else { 0 };
        if e > s && infos[s].gaz & ORG_GOES_ON != 0 && infos.get(e).is_none_or(|i| i.gaz & ORG_GOES_ON == 0) {
            let mut b = s;
            while b > floor && infos[b].gaz & ORG_BEGINS == 0 && infos[b].gaz & ORG_GOES_ON != 0 {
                b -= 1;
            }
            if b < s && infos[b].gaz & ORG_BEGINS != 0 && (b..s).all(|x| capitalized(w(x)) || is_particle(w(x)) || w(x) == "of") {
                s = b;
                t = B_ORG;
                org_listed = true;
            }
        }
        if cased && !(s..e).any(|x| has_upper(w(x))) {
            e = s;
        }
        if e > s {
            let (last, bits) = (w(e - 1), word_bits(w(e - 1)));
            if org_listed || (s..e.saturating_sub(1)).any(|x| w(x + 1) == "of" && capitalized(w(x)) && takes_of(w(x))) {
                // A listed organization, or "University of ...": an organization.
                t = B_ORG;
            } else if capitalized(last) && bits & PLACE_WORD != 0 && t != B_MISC {
                t = B_LOC;
            } else if (capitalized(last) || bits & CORPORATE != 0) && bits & ORG_WORD != 0 && e - s > 1 {
                t = B_ORG;
            }
            if e - s == 1 && infos[s].gaz & DEMONYM_MARK != 0 && t == B_LOC {
                t = B_MISC;
            }
            let _ = B_PER;
            spans[k] = (s, e, t);
            k += 1;
        } else {
            spans.remove(k);
        }
    }
}

/// Titles that open a mention but are not part of the name ("President Vladimir Putin"), ASCII
/// case ignored: a `match` rather than a scan of a list.
fn is_title(w: &str) -> bool {
    let mut buf = [0u8; 12];
    let Some(l) = ascii_lower(w, &mut buf) else { return false };
    matches!(
        l,
        b"mr" | b"mr." | b"mrs" | b"mrs." | b"ms" | b"ms." | b"dr" | b"dr." | b"prof" | b"prof." | b"president" | b"sen"
            | b"sen." | b"senator" | b"rep" | b"rep." | b"gov" | b"gov." | b"governor" | b"minister" | b"chancellor"
            | b"king" | b"queen" | b"prince" | b"princess" | b"pope" | b"general" | b"gen" | b"gen." | b"judge"
            | b"justice" | b"mayor" | b"sir" | b"dame" | b"lord" | b"lady" | b"chairman" | b"ceo" | b"secretary"
            | b"premier" | b"sheikh" | b"ayatollah" | b"pastor" | b"rev" | b"rev." | b"father" | b"saint" | b"coach"
            | b"officer" | b"captain" | b"capt." | b"lt." | b"col." | b"sgt." | b"sergeant" | b"commissioner"
            | b"ambassador" | b"emperor" | b"professor" | b"detective" | b"inspector"
    )
}

/// Taggers not in use. The shipped model never changes, so what a tagger caches about words stays
/// true from one call to the next (re-analysis on every keystroke finds it warm). They are kept
/// here rather than per thread: the second thread of a long text's analysis is a new one each
/// time, and with a tagger of its own it would make, fill and drop a new memory of word forms for
/// every text (and a batch's second thread would never find a word it met in the last one).
static TAGGERS: std::sync::Mutex<Vec<Tagger>> = std::sync::Mutex::new(Vec::new());

/// Runs `f` with a tagger that no other thread is using: one of [`TAGGERS`], or a new one, put
/// there afterwards (one per thread that tags at once: two natively).
fn with_tagger<R>(f: impl FnOnce(&mut Tagger) -> R) -> R {
    let taggers = || TAGGERS.lock().unwrap_or_else(|e| e.into_inner());
    let mut tagger = taggers().pop().unwrap_or_default();
    let out = f(&mut tagger);
    taggers().push(tagger);
    out
}

/// Forget every word the taggers have cached (keeping the memory, as a new article in a running
/// app finds it), so the next [`find`] pays the full cost of words it has not seen (for `lede
/// bench`; the results never depend on the caches).
pub fn clear_caches() {
    for tagger in TAGGERS.lock().unwrap_or_else(|e| e.into_inner()).iter_mut() {
        tagger.cache.clear();
        tagger.scratch.clear_words();
    }
}

/// All entities of `text`, tagged sentence by sentence, sorted, disjoint, with groups.
pub fn find(text: &str, sentences: &[Span]) -> Vec<Entity> {
    let mut out = find_ungrouped(text, sentences);
    groups::assign(text, &mut out);
    out
}

/// [`find`] without the groups: the entities of consecutive runs of sentences, joined in order and
/// then grouped by [`groups::assign`], are those of [`find`] on all of them (so that a long text's
/// sentences can be tagged on more than one thread).
pub fn find_ungrouped(text: &str, sentences: &[Span]) -> Vec<Entity> {
    with_tagger(|tagger| find_with(tagger, text, sentences))
}

fn find_with(tagger: &mut Tagger, text: &str, sentences: &[Span]) -> Vec<Entity> {
    let model = Model::builtin();
    let gaz = Gazetteer::builtin();
    // Room for the forms of the run's words, or of half the text when the run is a part of it:
    // the runs of a long text are shared by two threads, and each thread meets about half of its
    // words in the runs it takes (room for its first run only was outgrown, and copied, by the next).
    let run = sentences.iter().fold(0, |n: usize, s| n.saturating_add(s.end.min(text.len()).saturating_sub(s.start)));
    tagger.reserve_for(run.max(text.len() / 2));
    // Room for an entity in 40 bytes (news text has about one in 60), made at once rather than
    // by doubling (and copying) as they come.
    let mut out = Vec::with_capacity(run / 40);
    let (mut names, mut pattern) = (Vec::new(), Vec::new());
    for s in sentences.iter().flat_map(|&s| pieces(text, s)) {
        if s.end > text.len() || s.start > s.end || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            continue;
        }
        tagger.tokens.clear();
        tokenize::tokenize_into(text, s, &mut tagger.tokens);
        names.clear();
        tagger.scratch.clear_classes();
        tagger.names_of_tokens(model, gaz, text, &mut names);
        let toks = &tagger.tokens;
        // The tagger looked up each word's list bits with its other facts (or, if it did not
        // run, `find_classified` looks them up).
        rules::find_classified_into(text, toks, tagger.scratch.classes(), &mut tagger.matches);
        pattern.clear();
        pattern.extend(
            tagger.matches.iter().map(|&(a, b, label)| Entity { span: Span::new(toks[a].span.start, toks[b - 1].span.end), label, group: 0 }),
        );
        // Links beat names; names beat the other patterns.
        names.retain(|n| !pattern.iter().any(|p| matches!(p.label, EntityLabel::Url | EntityLabel::Email) && p.span.overlaps(&n.span)));
        pattern.retain(|p| matches!(p.label, EntityLabel::Url | EntityLabel::Email) || !names.iter().any(|n| n.span.overlaps(&p.span)));
        // Each kind comes in order (its matches are disjoint, found left to right): only both
        // need sorting together.
        if pattern.is_empty() {
            out.append(&mut names);
        } else if names.is_empty() {
            out.append(&mut pattern);
        } else {
            let start = out.len();
            out.append(&mut names);
            out.append(&mut pattern);
            out[start..].sort_by_key(|e| (e.span.start, e.span.end));
        }
    }
    // The entities of a run of a long text wait for the other runs: without the spare room.
    out.shrink_to_fit();
    out
}

/// Longest stretch tagged at once: a longer "sentence" (a run-on without punctuation, a line of
/// ten million dots) is tagged in pieces cut at white space, so that the tagger's working memory
/// stays bounded whatever the input.
const MAX_PIECE: usize = 16 * 1024;

/// `span` cut into pieces of at most about [`MAX_PIECE`] bytes, at white space where there is some.
fn pieces(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let mut rest = span;
    std::iter::from_fn(move || {
        if rest.start >= rest.end || rest.end > text.len() {
            return None;
        }
        if rest.end - rest.start <= MAX_PIECE {
            let piece = rest;
            rest = Span::new(rest.end, rest.end);
            return Some(piece);
        }
        let mut cut = rest.start + MAX_PIECE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text.as_bytes()[rest.start..cut];
        if let Some(ws) = window.iter().rposition(|b| b.is_ascii_whitespace()).filter(|&i| i > 0) {
            cut = rest.start + ws;
        }
        let piece = Span::new(rest.start, cut);
        rest = Span::new(cut, rest.end);
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_sentence_is_tagged_in_pieces() {
        let text = format!("{}Barack Obama visited Paris.", "word ".repeat(10_000));
        let got = find(&text, &[Span::new(0, text.len())]);
        assert!(got.iter().any(|e| e.span.slice(&text) == "Barack Obama"));
        let cut: Vec<Span> = pieces(&text, Span::new(0, text.len())).collect();
        assert!(cut.len() > 1 && cut.iter().all(|p| p.len() <= MAX_PIECE));
        assert_eq!(cut.first().map(|p| p.start), Some(0));
        assert_eq!(cut.last().map(|p| p.end), Some(text.len()));
        assert!(cut.windows(2).all(|w| w[0].end == w[1].start));
        let dots = ".".repeat(100_000);
        assert!(pieces(&dots, Span::new(0, dots.len())).all(|p| p.len() <= MAX_PIECE));
    }

    fn check(input: &str, expected: &[(&str, &str)]) {
        let got = find(input, &[Span::new(0, input.len())]);
        let got: Vec<(&str, &str)> = got.iter().map(|e| (e.span.slice(input), e.label.as_str())).collect();
        assert_eq!(got, expected, "entities of {input:?}");
    }

    #[test]
    fn never_panics_and_keeps_order() {
        for input in ["", " ", "\u{0}\u{1}\u{7f}", "$", "%%%", "\u{1F600}\u{200d}\u{1F600}", "a\u{301}b", "'s 's", "U.S.", "-"] {
            let got = find(input, &[Span::new(0, input.len())]);
            for w in got.windows(2) {
                assert!(w[0].span.end <= w[1].span.start);
            }
        }
        // Spans that are not valid are skipped, not a panic.
        assert!(find("abc", &[Span::new(2, 9), Span::new(3, 1)]).is_empty());
    }

    /// Names only (PER, LOC, ORG, MISC) of `input`.
    fn check_names(input: &str, expected: &[(&str, &str)]) {
        let got = find(input, &[Span::new(0, input.len())]);
        let got: Vec<(&str, &str)> = got
            .iter()
            .filter(|e| matches!(e.label, EntityLabel::Per | EntityLabel::Loc | EntityLabel::Org | EntityLabel::Misc))
            .map(|e| (e.span.slice(input), e.label.as_str()))
            .collect();
        assert_eq!(got, expected, "names of {input:?}");
    }

    /// News-style sentences written for these tests (issue 5, round 2).
    #[test]
    fn news_names() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "President Vladimir Putin met Chancellor Olaf Scholz in Berlin on Tuesday.",
                &[("Vladimir Putin", "PER"), ("Olaf Scholz", "PER"), ("Berlin", "LOC")],
            ),
            (
                "The barrier, designed by the engineering firm Northwind Partners, spans the Kestrel River.",
                &[("Northwind Partners", "ORG"), ("Kestrel River", "LOC")],
            ),
            (
                "Dr. Samuel Whitfield, a hydrologist at the University of Southern Maine, disagreed.",
                &[("Samuel Whitfield", "PER"), ("University of Southern Maine", "ORG")],
            ),
            (
                "The city council voted 7-2 on Tuesday, Mayor Helen Castellano said.",
                &[("Helen Castellano", "PER")],
            ),
            (
                "Shares of Toyota Motor Corp. rose 3% in Tokyo after the Bank of Japan held rates steady.",
                &[("Toyota Motor Corp.", "ORG"), ("Tokyo", "LOC"), ("Bank of Japan", "ORG")],
            ),
            (
                "Apple and Microsoft were fined by the European Commission, officials in Brussels said.",
                &[("Apple", "ORG"), ("Microsoft", "ORG"), ("European Commission", "ORG"), ("Brussels", "LOC")],
            ),
            (
                "\"We will rebuild,\" said Maria Gonzalez, who owns a bakery on Main Street in Houston, Texas.",
                &[("Maria Gonzalez", "PER"), ("Main Street", "LOC"), ("Houston", "LOC"), ("Texas", "LOC")],
            ),
            (
                "Secretary of State Antony Blinken met President Volodymyr Zelensky in Kyiv on Friday.",
                &[("Antony Blinken", "PER"), ("Volodymyr Zelensky", "PER"), ("Kyiv", "LOC")],
            ),
            (
                "Shares of Farrell Electric, Inc. fell after the European Central Bank raised rates.",
                &[("Farrell Electric, Inc.", "ORG"), ("European Central Bank", "ORG")],
            ),
        ];
        for (input, expected) in cases {
            check_names(input, expected);
        }
    }

    #[test]
    fn patterns_in_context() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("It costs $5 and 7%.", &[("$5", "MONEY"), ("7%", "PERCENT")]),
            ("See www.example.com now", &[("www.example.com", "URL")]),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }
}
