//! Entities: people, places, organizations and other names from a statistical tagger (an averaged
//! perceptron over word, shape, affix, context and gazetteer features, greedy BIO decoding), and
//! dates, times, amounts, e-mail addresses and URLs from rules; then mention groups. Entry point:
//! [`find`], called by `analysis::analyze` with the sentence spans.

pub mod features;
pub mod gazetteer;
pub mod groups;
pub mod model;
pub mod rules;
pub mod tokenize;

use features::{token_infos, TokInfo};
use gazetteer::Gazetteer;
use model::Model;
use tokenize::{Token, TokenKind};

use super::report::{Entity, EntityLabel, Span};

/// Titles that open a mention but are not part of the name ("President Vladimir Putin").
const TITLES: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "president", "sen", "sen.", "senator",
    "rep", "rep.", "gov", "gov.", "governor", "minister", "chancellor", "king", "queen", "prince", "princess", "pope",
    "general", "gen", "gen.", "judge", "justice", "mayor", "sir", "dame", "lord", "lady", "chairman", "ceo", "secretary",
    "premier", "sheikh", "ayatollah", "pastor", "rev", "rev.", "father", "saint", "coach", "officer", "captain", "capt.",
    "lt.", "col.", "sgt.", "sergeant", "commissioner", "ambassador", "emperor", "professor", "detective", "inspector",
];

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
    feats: Vec<u64>,
    tags: Vec<usize>,
    buf: String,
}

impl Tagger {
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
        token_infos(text, &self.tokens, gaz, &mut self.buf, &mut self.infos);
        model.tag(&self.infos, &mut self.feats, &mut self.tags);
        let toks = &self.tokens;
        let mut i = 0;
        while i < toks.len() {
            let t = self.tags[i];
            if t == 0 {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && self.tags[j] == t + (t % 2) {
                j += 1;
            }
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
            i = j;
        }
    }
}

fn is_title(w: &str) -> bool {
    w.len() <= 14 && TITLES.iter().any(|t| t.eq_ignore_ascii_case(w))
}

/// All entities of `text`, tagged sentence by sentence, sorted, disjoint, with groups.
pub fn find(text: &str, sentences: &[Span]) -> Vec<Entity> {
    let model = Model::builtin();
    let gaz = Gazetteer::builtin();
    let mut tagger = Tagger::default();
    let mut out = Vec::new();
    let mut names = Vec::new();
    for &s in sentences {
        if s.end > text.len() || s.start > s.end || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            continue;
        }
        tagger.tokens.clear();
        tokenize::tokenize_into(text, s, &mut tagger.tokens);
        names.clear();
        tagger.names_of_tokens(model, gaz, text, &mut names);
        let toks = &tagger.tokens;
        let mut pattern: Vec<Entity> = rules::find(text, toks)
            .into_iter()
            .map(|(a, b, label)| Entity { span: Span::new(toks[a].span.start, toks[b - 1].span.end), label, group: 0 })
            .collect();
        // Links beat names; names beat the other patterns.
        names.retain(|n| !pattern.iter().any(|p| matches!(p.label, EntityLabel::Url | EntityLabel::Email) && p.span.overlaps(&n.span)));
        pattern.retain(|p| matches!(p.label, EntityLabel::Url | EntityLabel::Email) || !names.iter().any(|n| n.span.overlaps(&p.span)));
        let start = out.len();
        out.append(&mut names);
        out.append(&mut pattern);
        out[start..].sort_by_key(|e| (e.span.start, e.span.end));
    }
    groups::assign(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
