//! The analysis core: `analyze(text, options) -> Report`. Pure Rust with no web dependencies; it
//! cannot fail, and any text (empty, huge, binary-looking, any script) yields a Report.

pub mod paragraphs;
pub mod report;
pub mod sentences;
pub mod stats;
pub mod syllables;
pub mod tokens;

pub use report::*;

/// What to compute. Every analysis is on by default.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub duplicates: bool,
    pub boilerplate: bool,
    pub entities: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { duplicates: true, boilerplate: true, entities: true }
    }
}

/// Analyze one article.
pub fn analyze(text: &str, _options: &Options) -> Report {
    let paragraphs = paragraphs::paragraphs(text);
    let mut sentences = Vec::new();
    for (index, p) in paragraphs.iter().enumerate() {
        for span in sentences::split(text, p.span) {
            sentences.push(Sentence { span, paragraph: index });
        }
    }
    let para_spans: Vec<Span> = paragraphs.iter().map(|p| p.span).collect();
    let sent_spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    let raw_stats = stats::compute(text, &para_spans, &sent_spans);

    // Nothing is removed yet: the clean text is the paragraphs joined by blank lines.
    let clean_text = para_spans.iter().map(|p| p.slice(text)).collect::<Vec<_>>().join("\n\n");
    Report {
        paragraphs,
        sentences,
        duplicates: Vec::new(),
        boilerplate: Vec::new(),
        entities: Vec::new(),
        stats: raw_stats.clone(),
        raw_stats,
        clean_text,
    }
}
