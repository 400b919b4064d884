//! The analysis core: `analyze(text, options) -> Report`. Pure Rust with no web dependencies; it
//! cannot fail, and any text (empty, huge, binary-looking, any script) yields a Report.

pub mod boilerplate;
mod bytes;
pub mod diff;
pub mod duplicates;
pub mod entities;
pub mod paragraphs;
pub mod readability;
pub mod report;
pub mod sentences;
pub mod stats;
pub mod syllables;
#[cfg(not(target_arch = "wasm32"))]
mod tasks;
pub mod tokens;

pub use report::*;

/// What to compute. Every analysis is on by default.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub duplicates: bool,
    pub boilerplate: bool,
    pub entities: bool,
    /// Passages the user marked as real content ("keep"): a junk line or a repeat whose text
    /// (white space folded) is listed here is not flagged and stays in the clean text.
    pub keep: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { duplicates: true, boilerplate: true, entities: true, keep: Vec::new() }
    }
}

/// Forget what the analyses remember about words between calls (the entity tagger's scores, the
/// statistics' syllable counts and list lookups), so that the next call pays for text never seen
/// (for benchmarks; results never depend on these caches).
pub fn clear_caches() {
    entities::clear_caches();
    stats::clear_caches();
}

/// Analyze one article.
pub fn analyze(text: &str, options: &Options) -> Report {
    analyze_with(text, options, true)
}

/// The entities of `text` alone: the Report's `entities`, found from the same sentences without
/// the rest of the analysis (for the JS API's `analyzeAsync`, which finds them on a worker while
/// the rest runs with `entities: false`).
pub fn entities_of(text: &str) -> Vec<Entity> {
    // The sentences of `segment`, without the paragraphs' kinds, which the tagger does not read.
    let mut sentences = Vec::new();
    for p in paragraphs::split(text) {
        sentences::split_into(text, p, &mut sentences);
    }
    entities::find(text, &sentences)
}

/// [`analyze`] without a second thread (what the WebAssembly build always does).
pub fn analyze_on_one_thread(text: &str, options: &Options) -> Report {
    analyze_with(text, options, false)
}

fn analyze_with(text: &str, options: &Options, threads: bool) -> Report {
    // Natively, a long text is worked on by two threads.
    let parallel = threads && text.len() >= PARALLEL_FROM;
    let (paragraphs, sentences) = segment(text, parallel);
    let para_spans: Vec<Span> = paragraphs.iter().map(|p| p.span).collect();
    let sent_spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    #[cfg(not(target_arch = "wasm32"))]
    if parallel {
        let lean = text.len() > LEAN_FROM;
        return analyze_in_two(text, options, paragraphs, sentences, &para_spans, &sent_spans, lean);
    }
    let cleaned = clean_up(text, options, paragraphs, sentences);
    let raw = stats::compute_raw(text, &para_spans, &sent_spans);
    let mut report = finish(text, cleaned, raw, &para_spans, &sent_spans);
    if options.entities {
        report.entities = entities::find(text, &sent_spans);
    }
    report
}

/// The rest of [`analyze_with`] on two threads (the same result). The raw statistics, the cleaning
/// of the article and the entities of [`ENTITY_PARTS`] runs of the sentences are tasks that two
/// threads take in turn; the task that tags the last run of sentences groups the entities (each run
/// brings its mentions' grouping keys), and the clean text's statistics are worked out at the end by
/// the first thread to find no task left, so that neither thread waits long for the other whatever
/// the text is made of. `lean` (a huge text): the cleaning, then the statistics and the clean
/// statistics, are one task, so that their working memory is never taken at once.
#[cfg(not(target_arch = "wasm32"))]
fn analyze_in_two(
    text: &str,
    options: &Options,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    para_spans: &[Span],
    sent_spans: &[Span],
    lean: bool,
) -> Report {
    use std::sync::OnceLock;
    use tasks::{Later, Meet, Parts, Task};
    let (report, names) = (OnceLock::new(), OnceLock::new());
    let (cleaned_and_raw, parts) = (Meet::new(), Parts::new(ENTITY_PARTS));
    let finish_with = |(cleaned, raw)| {
        let _ = report.set(finish(text, cleaned, raw, para_spans, sent_spans));
    };
    // The clean statistics wait for the end, where they take the time that one thread would
    // otherwise wait while the other groups the entities.
    let to_finish = Later::new();
    let (cleaned_and_raw, to_finish) = (&cleaned_and_raw, &to_finish);
    let mut work: Vec<Task<'_>> = if !lean {
        // The largest tasks first (on prose, the statistics and the cleaning).
        vec![
            Box::new(move || cleaned_and_raw.second(stats::compute_raw(text, para_spans, sent_spans)).map_or((), |b| to_finish.put(b))),
            Box::new(move || cleaned_and_raw.first(clean_up(text, options, paragraphs, sentences)).map_or((), |b| to_finish.put(b))),
        ]
    } else {
        // A huge text: the cleaning's working memory (the repeats' above all) is let go before
        // the statistics take theirs, while the other thread tags the entities.
        vec![Box::new(move || {
            let cleaned = clean_up(text, options, paragraphs, sentences);
            finish_with((cleaned, stats::compute_raw(text, para_spans, sent_spans)));
        })]
    };
    if options.entities {
        // Runs of sentences of about the same number of bytes.
        let cut = |k: usize| sent_spans.partition_point(|s| s.start < text.len() / ENTITY_PARTS * k);
        for k in 0..ENTITY_PARTS {
            let run = &sent_spans[cut(k)..if k + 1 == ENTITY_PARTS { sent_spans.len() } else { cut(k + 1) }];
            let (parts, names) = (&parts, &names);
            work.push(Box::new(move || {
                // Each run's grouping keys too, so that what the last run does alone is short (but
                // for a huge text, whose peak memory they would raise).
                use entities::groups::Keys;
                let found = entities::find_ungrouped(text, run);
                let keys = if lean { Keys::default() } else { Keys::of(text, &found) };
                if let Some(runs) = parts.put(k, (found, keys)) {
                    let (found, keys): (Vec<_>, Vec<_>) = runs.into_iter().unzip();
                    let mut all: Vec<Entity> = found.into_iter().flatten().collect();
                    let keys = if lean { Keys::of(text, &all) } else { Keys::join(keys) };
                    entities::groups::assign_keyed(text, &mut all, &keys);
                    let _ = names.set(all);
                }
            }));
        }
    }
    tasks::on_two_threads(work, &|| to_finish.take().map_or((), finish_with));
    let Some(mut report) = report.into_inner() else { unreachable!("on_two_threads runs every task") };
    report.entities = names.into_inner().unwrap_or_default();
    report
}

/// Runs of sentences whose entities are tasks of their own on two threads (a few more than two, so
/// that the thread that finishes its other work first takes more of them).
#[cfg(not(target_arch = "wasm32"))]
const ENTITY_PARTS: usize = 8;

/// The sentences of each of `paragraphs`, in order, each with its paragraph's index.
pub fn sentences_of(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let (mut out, mut spans) = (Vec::new(), Vec::new());
    for (k, run) in paragraphs.chunks(RUN).enumerate() {
        sentences_of_run(text, (k * RUN, run), &mut spans, &mut out);
    }
    out
}

/// `sentences_of` for the paragraphs of `run`, the first of them the text's `first`-th. Out of
/// line for V8 (see [`RUN`]).
#[inline(never)]
fn sentences_of_run(text: &str, (first, run): (usize, &[Paragraph]), spans: &mut Vec<Span>, out: &mut Vec<Sentence>) {
    for (index, p) in (first..).zip(run) {
        sentences::split_into(text, p.span, spans);
        out.extend(spans.drain(..).map(|span| Sentence { span, paragraph: index }));
    }
}

/// Paragraphs worked on per call where a loop over all of them would be one call: under V8 (the
/// npm package) a wasm function first runs unoptimized and its optimized code is only taken at
/// its next call, so such a loop would run the whole of a first analysis unoptimized, a call per
/// run of paragraphs only its first runs (and costs nothing to speak of natively).
pub(crate) const RUN: usize = 128;

/// `paragraphs::paragraphs` and `sentences_of`; with `in_two` (natively), the paragraphs after the
/// middle byte are classified and split into sentences on a second thread.
fn segment(text: &str, in_two: bool) -> (Vec<Paragraph>, Vec<Sentence>) {
    let spans = paragraphs::split(text);
    let segment = |spans: &[Span]| {
        let paragraphs: Vec<Paragraph> =
            spans.iter().map(|&span| Paragraph { span, kind: paragraphs::classify(span.slice(text)) }).collect();
        let sentences = sentences_of(text, &paragraphs);
        (paragraphs, sentences)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let (paragraphs, mut sentences) = if in_two {
        let half = spans.partition_point(|p| p.start < text.len() / 2);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| segment(&spans[half..]));
            let (mut paragraphs, mut sentences) = segment(&spans[..half]);
            let (more_paragraphs, more_sentences) = later.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            paragraphs.extend(more_paragraphs);
            sentences.extend(more_sentences.into_iter().map(|s| Sentence { paragraph: s.paragraph + half, ..s }));
            (paragraphs, sentences)
        })
    } else {
        segment(&spans)
    };
    #[cfg(target_arch = "wasm32")]
    let (paragraphs, mut sentences) = {
        let _ = in_two;
        segment(&spans)
    };
    // Part of the Report: no room kept for sentences that never come.
    sentences.shrink_to_fit();
    (paragraphs, sentences)
}

/// Texts from this size (bytes) are analyzed on two threads where there are threads.
pub const PARALLEL_FROM: usize = 64 * 1024;
/// Above this size, one thread cleans the text and then works out its statistics while the other
/// tags the entities: the cleaning's and the statistics' working memory at once would exceed what
/// a batch user expects (the CLI stays under ten times its input).
pub const LEAN_FROM: usize = 4 * 1024 * 1024;

/// What cleaning an article finds: its paragraphs (junk ones marked as such), the junk, the
/// repeats, and the clean text with its paragraph and sentence spans and, for each clean paragraph
/// that is a whole paragraph of the text, that paragraph's index.
struct Cleaned {
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    boilerplate: Vec<Boilerplate>,
    duplicates: Vec<Duplicate>,
    text: String,
    paras: Vec<Span>,
    sents: Vec<Span>,
    source: Vec<Option<usize>>,
}

/// Find the junk and the repeats (but those the user asked to keep) and cut them out.
fn clean_up(text: &str, options: &Options, mut paragraphs: Vec<Paragraph>, sentences: Vec<Sentence>) -> Cleaned {
    let kept = |span: Span| !options.keep.is_empty() && options.keep.iter().any(|k| same_words(k, span.slice(text)));
    let mut boilerplate =
        if options.boilerplate { boilerplate::detect(text, &paragraphs, &sentences) } else { Vec::new() };
    boilerplate.retain(|b| !kept(b.span));
    // Junk spans come in document order, so they are sorted for `covered`.
    let mut removed: Vec<Span> = boilerplate.iter().map(|b| b.span).collect();
    if !removed.is_empty() {
        let junk = Removed::new(&removed);
        for p in paragraphs.iter_mut() {
            if junk.covers(text, p.span) {
                p.kind = ParagraphKind::Boilerplate;
            }
        }
    }
    let mut duplicates =
        if options.duplicates { duplicates::find(text, &paragraphs, &sentences, &boilerplate) } else { Vec::new() };
    duplicates.retain(|d| !kept(d.repeat));
    removed.extend(duplicates.iter().map(|d| duplicates::dropped(d, &paragraphs)));
    let (clean_text, paras, sents, source) = clean_article(text, &paragraphs, &sentences, removed);
    Cleaned { paragraphs, sentences, boilerplate, duplicates, text: clean_text, paras, sents, source }
}

/// The Report but its entities, from the cleaned article and the raw text's statistics.
fn finish(text: &str, cleaned: Cleaned, (raw_stats, scanned): (Stats, stats::Scanned), para_spans: &[Span], sent_spans: &[Span]) -> Report {
    let Cleaned { paragraphs, sentences, boilerplate, duplicates, text: clean_text, paras, sents, source } = cleaned;
    // An article with nothing to clean comes out as it went in: its figures are the raw ones. The
    // clean text's whole paragraphs are the raw text's: their words are not read again.
    let stats = if clean_text == text && paras.as_slice() == para_spans && sents.as_slice() == sent_spans {
        raw_stats.clone()
    } else {
        // Checked wherever debug assertions are on (the tests, the property tests, the fuzz
        // targets): the figures are those of reading the clean text afresh.
        #[cfg(debug_assertions)]
        let afresh = stats::compute(&clean_text, &paras, &sents);
        let stats = stats::compute_clean(scanned, &clean_text, paras, &sents, source);
        #[cfg(debug_assertions)]
        assert_eq!(stats, afresh, "clean statistics");
        stats
    };
    Report { paragraphs, sentences, duplicates, boilerplate, entities: Vec::new(), stats, raw_stats, clean_text }
}

/// Spans cut from the article, sorted by start, with the furthest end among the first k of them for
/// each k: most paragraphs and sentences are reached by none of them, which one search tells
/// without walking the spans around them (as `boilerplate::covered` does).
struct Removed<'a> {
    spans: &'a [Span],
    reach: Vec<usize>,
}

impl<'a> Removed<'a> {
    fn new(spans: &'a [Span]) -> Self {
        let reach = spans.iter().scan(0, |far, s| {
            *far = s.end.max(*far);
            Some(*far)
        });
        Removed { spans, reach: reach.collect() }
    }

    /// [`boilerplate::covered`]: is all the non-space text of `span` inside the spans?
    fn covers(&self, text: &str, span: Span) -> bool {
        let before_end = self.spans.partition_point(|j| j.start < span.end);
        if before_end == 0 || self.reach[before_end - 1] <= span.start {
            // No span reaches into it: covered only if it is white space.
            return span.slice(text).trim().is_empty();
        }
        boilerplate::covered(text, span, self.spans)
    }
}

/// Do two passages have the same words (white space folded)?
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The article without the `removed` spans (whole paragraphs or sentences), paragraphs joined by a
/// blank line, with the paragraph and sentence spans of the result (offsets into the clean text)
/// and, for each clean paragraph that is a whole paragraph of `text`, that paragraph's index.
type Clean = (String, Vec<Span>, Vec<Span>, Vec<Option<usize>>);
fn clean_article(text: &str, paragraphs: &[Paragraph], sentences: &[Sentence], mut removed: Vec<Span>) -> Clean {
    removed.sort_unstable();
    let removed = Removed::new(&removed);
    let gone = |s: Span| removed.covers(text, s);
    let (mut out, mut paras, mut sents) =
        (String::with_capacity(text.len()), Vec::with_capacity(paragraphs.len()), Vec::with_capacity(sentences.len()));
    let mut source = Vec::with_capacity(paragraphs.len());
    let mut si = 0;
    for (k, run) in paragraphs.chunks(RUN).enumerate() {
        let into = (&mut out, &mut paras, &mut sents, &mut source);
        si = clean_article_run(text, (k * RUN, run), (sentences, si), &gone, into);
    }
    // Room was made for the whole text; most articles lose little, a text of repeats much.
    out.shrink_to_fit();
    (out, paras, sents, source)
}

/// `clean_article` for the paragraphs of `run`, the first of them the text's `first`-th, whose
/// sentences start at `sentences[si]`; where the next run's start. Out of line for V8 (see [`RUN`]).
#[inline(never)]
fn clean_article_run(
    text: &str,
    (first, run): (usize, &[Paragraph]),
    (sentences, mut si): (&[Sentence], usize),
    gone: &impl Fn(Span) -> bool,
    (out, paras, sents, source): (&mut String, &mut Vec<Span>, &mut Vec<Span>, &mut Vec<Option<usize>>),
) -> usize {
    for (pi, p) in (first..).zip(run) {
        let start_si = si;
        while si < sentences.len() && sentences[si].paragraph == pi {
            si += 1;
        }
        if gone(p.span) {
            continue;
        }
        let own = &sentences[start_si..si];
        let kept: Vec<Span> = own.iter().map(|s| s.span).filter(|s| !gone(*s)).collect();
        if kept.is_empty() && !own.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let para_start = out.len();
        if kept.len() == own.len() {
            // Nothing cut: the paragraph as written.
            source.push(Some(pi));
            out.push_str(p.span.slice(text));
            sents.extend(kept.iter().map(|s| Span::new(s.start - p.span.start + para_start, s.end - p.span.start + para_start)));
        } else {
            source.push(None);
            for (k, s) in kept.iter().enumerate() {
                if k > 0 {
                    let between = &text[kept[k - 1].end..s.start];
                    out.push_str(if between.contains('\n') { "\n" } else { " " });
                }
                let at = out.len();
                out.push_str(s.slice(text));
                sents.push(Span::new(at, out.len()));
            }
        }
        paras.push(Span::new(para_start, out.len()));
    }
    si
}

#[cfg(test)]
mod keep_tests {
    use super::*;

    #[test]
    fn removed_covers_as_boilerplate_covered_does() {
        let text = "Share this.  A real sentence here. \n\n Junk line one\nJunk two  \n\nMore text and more.  ";
        let junk = [Span::new(0, 11), Span::new(38, 52), Span::new(40, 45), Span::new(53, 61), Span::new(80, 84)];
        let removed = Removed::new(&junk);
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let span = Span::new(a, b);
                assert_eq!(removed.covers(text, span), boilerplate::covered(text, span, &junk), "{a}..{b}");
            }
        }
    }

    #[test]
    fn kept_passages_are_not_flagged_and_stay_clean() {
        let text = "Share on Facebook\n\nThe council met on Tuesday and approved the new budget for the harbor.\n\nThe council met on Tuesday and approved the new budget for the harbor.";
        let flagged = analyze(text, &Options::default());
        assert!(flagged.boilerplate.iter().any(|b| b.span.slice(text) == "Share on Facebook"));
        assert_eq!(flagged.duplicates.len(), 1);
        let keep = vec!["Share  on Facebook".to_string(), "The council met on Tuesday and approved the new budget for the harbor.".to_string()];
        let kept = analyze(text, &Options { keep, ..Options::default() });
        assert!(kept.boilerplate.is_empty());
        assert!(kept.duplicates.is_empty());
        assert!(kept.clean_text.starts_with("Share on Facebook"));
        assert_eq!(kept.stats.paragraphs, 3);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Both ways of sharing the work between two threads give the Report of one thread (the lean
    /// one only runs above 4 MB, too big for the tests' unoptimized builds), and the entities found
    /// alone are the Report's.
    #[test]
    fn two_threads_lean_or_not_give_the_report_of_one() {
        let para = "The council met in Springfield on Monday, March 3, 2025, and voted 7-2 to spend $4.5 million on roads. ";
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(&para.repeat(1 + i % 3));
            text.push_str(if i % 7 == 0 { "\n\nShare on Facebook\n\n" } else { "\n\n" });
            text.push_str(&format!("Mayor Ana Ruiz {i} said the work at Elm Street would start in {} weeks.\n\n", i % 9));
        }
        let options = Options::default();
        let one = analyze_on_one_thread(&text, &options);
        assert!(entities_of(&text) == one.entities, "entities alone");
        assert!(!one.duplicates.is_empty() && !one.boilerplate.is_empty() && !one.entities.is_empty());
        for lean in [false, true] {
            let (paragraphs, sentences) = segment(&text, true);
            let para_spans: Vec<Span> = paragraphs.iter().map(|p| p.span).collect();
            let sent_spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
            let two = analyze_in_two(&text, &options, paragraphs, sentences, &para_spans, &sent_spans, lean);
            assert!(two == one, "lean: {lean}");
        }
    }
}
