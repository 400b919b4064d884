//! What every Report keeps, whatever the text: the checks behind the fuzz targets (`fuzz/`), the
//! property tests (`tests/invariants.rs`) and the hostile-input table (`tests/hostile.rs`). Use
//! `check` on a Report and `check_wire` on its wire form; each returns the first broken rule.
//!
//! The rules: every span lies within the text, on char boundaries, and is not empty; paragraphs,
//! sentences, junk lines and entities come in document order without overlapping; each sentence
//! lies in the paragraph it names; repeats are ordered by where the repeat stands, the first copy
//! before the repeat; every figure is finite; the raw statistics count what the Report lists; the
//! clean text is the paragraphs joined by blank lines when nothing was cut. On the wire, `start`
//! and `end` are the UTF-16 offsets of the byte offsets, `text` the UTF-16 slice between them, and
//! the JSON serializes and parses back.

use crate::analysis::{Report, Span, Stats};
use crate::wire;

/// Is `span` a non-empty slice of `text` on char boundaries? `what` names it in the message.
fn span_ok(text: &str, span: Span, what: &dyn Fn() -> String) -> Result<(), String> {
    if span.start >= span.end || span.end > text.len() {
        return Err(format!("{}: span {:?} empty or out of bounds (text is {} bytes)", what(), span, text.len()));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{}: span {:?} not on char boundaries", what(), span));
    }
    Ok(())
}

/// Spans in document order, none overlapping the one before.
fn ordered(spans: impl Iterator<Item = Span>, what: &str) -> Result<(), String> {
    let mut prev: Option<Span> = None;
    for (i, s) in spans.enumerate() {
        if let Some(p) = prev {
            if s.start < p.end {
                return Err(format!("{what}[{i}] {s:?} overlaps or precedes {what}[{}] {p:?}", i - 1));
            }
        }
        prev = Some(s);
    }
    Ok(())
}

fn finite(x: f64, what: &str) -> Result<(), String> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(format!("{what} is {x}"))
    }
}

/// The statistics of `text` (the input for the raw figures, the clean text for the others).
fn check_stats(stats: &Stats, text: &str, which: &str) -> Result<(), String> {
    let r = &stats.readability;
    for (name, v) in [
        ("fleschReadingEase", r.flesch_reading_ease),
        ("fleschKincaidGrade", r.flesch_kincaid_grade),
        ("gunningFog", r.gunning_fog),
        ("smog", r.smog),
        ("colemanLiau", r.coleman_liau),
        ("automatedReadabilityIndex", r.automated_readability_index),
        ("daleChall", r.dale_chall),
        ("linsearWrite", r.linsear_write),
        ("spache", r.spache),
        ("lix", r.lix),
        ("rix", r.rix),
        ("consensusGrade", r.consensus_grade),
        ("typeTokenRatio", stats.type_token_ratio),
        ("mtld", stats.mtld),
    ] {
        if let Some(v) = v {
            finite(v, &format!("{which}.{name}"))?;
        }
    }
    if let Some((lo, hi)) = r.dale_chall_grade {
        finite(lo, &format!("{which}.daleChallGrade low"))?;
        if hi.is_nan() || hi < lo {
            return Err(format!("{which}.daleChallGrade is ({lo}, {hi})"));
        }
    }
    for (name, v) in [
        ("readingTimeSeconds", stats.reading_time_seconds),
        ("speakingTimeSeconds", stats.speaking_time_seconds),
        ("readingWpm", stats.reading_wpm),
        ("speakingWpm", stats.speaking_wpm),
    ] {
        finite(v, &format!("{which}.{name}"))?;
        if v < 0.0 {
            return Err(format!("{which}.{name} is negative: {v}"));
        }
    }
    if stats.unique_words > stats.words
        || stats.characters_no_spaces > stats.characters
        || stats.letters > stats.characters_no_spaces
        || stats.monosyllables > stats.words
        || stats.polysyllables > stats.words
    {
        return Err(format!("{which}: counts out of order: {stats:?}"));
    }
    if stats.sentence_difficulty.len() != stats.sentences {
        return Err(format!(
            "{which}: {} sentence difficulties for {} sentences",
            stats.sentence_difficulty.len(),
            stats.sentences
        ));
    }
    for (i, d) in stats.sentence_difficulty.iter().enumerate() {
        span_ok(text, d.span, &|| format!("{which}.sentenceDifficulty[{i}]"))?;
        if let Some(g) = d.grade {
            finite(g, &format!("{which}.sentenceDifficulty[{i}].grade"))?;
        }
    }
    ordered(stats.sentence_difficulty.iter().map(|d| d.span), &format!("{which}.sentenceDifficulty"))?;
    for w in &stats.top_words {
        if w.word.is_empty() || w.count == 0 || w.count > stats.words {
            return Err(format!("{which}.topWords: {w:?}"));
        }
    }
    Ok(())
}

/// The rules every Report of `text` keeps (see the module comment).
pub fn check(text: &str, report: &Report) -> Result<(), String> {
    for (i, p) in report.paragraphs.iter().enumerate() {
        span_ok(text, p.span, &|| format!("paragraphs[{i}]"))?;
    }
    ordered(report.paragraphs.iter().map(|p| p.span), "paragraphs")?;

    let mut last_paragraph = 0;
    for (i, s) in report.sentences.iter().enumerate() {
        span_ok(text, s.span, &|| format!("sentences[{i}]"))?;
        let Some(p) = report.paragraphs.get(s.paragraph) else {
            return Err(format!("sentences[{i}] names paragraph {} of {}", s.paragraph, report.paragraphs.len()));
        };
        if !p.span.contains(&s.span) {
            return Err(format!("sentences[{i}] {:?} lies outside its paragraph {:?}", s.span, p.span));
        }
        if s.paragraph < last_paragraph {
            return Err(format!("sentences[{i}] goes back to paragraph {}", s.paragraph));
        }
        last_paragraph = s.paragraph;
    }
    ordered(report.sentences.iter().map(|s| s.span), "sentences")?;

    for (i, b) in report.boilerplate.iter().enumerate() {
        span_ok(text, b.span, &|| format!("boilerplate[{i}]"))?;
        if b.reason.is_empty() {
            return Err(format!("boilerplate[{i}] has no reason"));
        }
    }
    ordered(report.boilerplate.iter().map(|b| b.span), "boilerplate")?;

    let mut prev_key = (0, 0);
    for (i, d) in report.duplicates.iter().enumerate() {
        span_ok(text, d.first, &|| format!("duplicates[{i}].first"))?;
        span_ok(text, d.repeat, &|| format!("duplicates[{i}].repeat"))?;
        if d.first.end > d.repeat.start {
            return Err(format!("duplicates[{i}]: first {:?} does not end before repeat {:?}", d.first, d.repeat));
        }
        if !(0.0..=1.0).contains(&d.similarity) {
            return Err(format!("duplicates[{i}].similarity is {}", d.similarity));
        }
        let key = (d.repeat.start, d.first.start);
        if key < prev_key {
            return Err(format!("duplicates[{i}] out of order"));
        }
        prev_key = key;
        for (k, c) in d.conflicts.iter().enumerate() {
            span_ok(text, c.first, &|| format!("duplicates[{i}].conflicts[{k}].first"))?;
            span_ok(text, c.repeat, &|| format!("duplicates[{i}].conflicts[{k}].repeat"))?;
            if !d.first.contains(&c.first) || !d.repeat.contains(&c.repeat) {
                return Err(format!("duplicates[{i}].conflicts[{k}] lies outside its passages"));
            }
        }
    }

    let mut next_group = 0;
    for (i, e) in report.entities.iter().enumerate() {
        span_ok(text, e.span, &|| format!("entities[{i}]"))?;
        if e.group > next_group {
            return Err(format!("entities[{i}].group {} skips a number (next new group {next_group})", e.group));
        }
        if e.group == next_group {
            next_group += 1;
        }
    }
    ordered(report.entities.iter().map(|e| e.span), "entities")?;

    check_stats(&report.raw_stats, text, "raw")?;
    check_stats(&report.stats, &report.clean_text, "stats")?;
    if report.raw_stats.paragraphs != report.paragraphs.len() || report.raw_stats.sentences != report.sentences.len() {
        return Err(format!(
            "raw stats count {} paragraphs and {} sentences; the Report lists {} and {}",
            report.raw_stats.paragraphs,
            report.raw_stats.sentences,
            report.paragraphs.len(),
            report.sentences.len()
        ));
    }
    if report.clean_text.len() > text.len() + 2 * report.paragraphs.len() {
        return Err(format!("clean text ({} bytes) longer than the text ({} bytes)", report.clean_text.len(), text.len()));
    }
    if report.boilerplate.is_empty() && report.duplicates.is_empty() {
        let joined: Vec<&str> = report.paragraphs.iter().map(|p| p.span.slice(text)).collect();
        if report.clean_text != joined.join("\n\n") {
            return Err("nothing was cut, yet the clean text is not the paragraphs joined by blank lines".into());
        }
    }
    Ok(())
}

/// UTF-16 offset of every byte offset that is a char boundary (`u32::MAX` elsewhere), computed
/// apart from `wire::Utf16Map` so that each checks the other.
fn utf16_offsets(text: &str) -> Vec<u32> {
    let mut at = vec![u32::MAX; text.len() + 1];
    let mut u = 0u32;
    for (i, c) in text.char_indices() {
        at[i] = u;
        u += c.len_utf16() as u32;
    }
    at[text.len()] = u;
    at
}

/// The wire form of `report` keeps the contract: UTF-16 offsets that match the byte offsets,
/// `text` equal to the UTF-16 slice, JSON that serializes and parses back.
pub fn check_wire(text: &str, report: &Report) -> Result<(), String> {
    assert!(text.len() < u32::MAX as usize, "check_wire handles texts under 4 GB");
    let w = wire::to_wire(text, report);
    let at = utf16_offsets(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    let same = |what: &str, bytes: Span, start: usize, end: usize, t: &str| -> Result<(), String> {
        if at[bytes.start] as usize != start || at[bytes.end] as usize != end {
            return Err(format!(
                "{what}: bytes {bytes:?} should be UTF-16 {}..{}, the wire says {start}..{end}",
                at[bytes.start], at[bytes.end]
            ));
        }
        match String::from_utf16(&units[start..end]) {
            Ok(s) if s == t => Ok(()),
            _ => Err(format!("{what}: text {t:?} is not the UTF-16 slice {start}..{end}")),
        }
    };
    if w.paragraphs.len() != report.paragraphs.len()
        || w.sentences.len() != report.sentences.len()
        || w.boilerplate.len() != report.boilerplate.len()
        || w.entities.len() != report.entities.len()
        || w.duplicates.len() != report.duplicates.len()
    {
        return Err("the wire form does not list what the Report lists".into());
    }
    for (i, (p, x)) in report.paragraphs.iter().zip(&w.paragraphs).enumerate() {
        same(&format!("paragraphs[{i}]"), p.span, x.start, x.end, &x.text)?;
    }
    for (i, (s, x)) in report.sentences.iter().zip(&w.sentences).enumerate() {
        same(&format!("sentences[{i}]"), s.span, x.start, x.end, &x.text)?;
    }
    for (i, (b, x)) in report.boilerplate.iter().zip(&w.boilerplate).enumerate() {
        same(&format!("boilerplate[{i}]"), b.span, x.start, x.end, &x.text)?;
    }
    for (i, (e, x)) in report.entities.iter().zip(&w.entities).enumerate() {
        same(&format!("entities[{i}]"), e.span, x.start, x.end, &x.text)?;
    }
    for (i, (d, x)) in report.duplicates.iter().zip(&w.duplicates).enumerate() {
        same(&format!("duplicates[{i}].first"), d.first, x.first.start, x.first.end, &x.first.text)?;
        same(&format!("duplicates[{i}].repeat"), d.repeat, x.repeat.start, x.repeat.end, &x.repeat.text)?;
        for (k, (c, y)) in d.conflicts.iter().zip(&x.conflicts).enumerate() {
            same(&format!("duplicates[{i}].conflicts[{k}].first"), c.first, y.first.start, y.first.end, &y.first.text)?;
            same(&format!("duplicates[{i}].conflicts[{k}].repeat"), c.repeat, y.repeat.start, y.repeat.end, &y.repeat.text)?;
        }
    }
    // Sentence difficulties count UTF-16 units of the text their figures are of.
    let raw = &w.stats.raw.sentence_difficulty;
    for (i, (d, x)) in report.raw_stats.sentence_difficulty.iter().zip(raw).enumerate() {
        if at[d.span.start] as usize != x.start || at[d.span.end] as usize != x.end {
            return Err(format!("raw.sentenceDifficulty[{i}]: bytes {:?} are not UTF-16 {}..{}", d.span, x.start, x.end));
        }
    }
    let clean_at = utf16_offsets(&report.clean_text);
    let clean = &w.stats.clean.sentence_difficulty;
    for (i, (d, x)) in report.stats.sentence_difficulty.iter().zip(clean).enumerate() {
        if clean_at[d.span.start] as usize != x.start || clean_at[d.span.end] as usize != x.end {
            return Err(format!("sentenceDifficulty[{i}]: bytes {:?} are not UTF-16 {}..{}", d.span, x.start, x.end));
        }
    }
    let json = serde_json::to_string(&w).map_err(|e| format!("the wire Report does not serialize: {e}"))?;
    let back: serde_json::Value = serde_json::from_str(&json).map_err(|e| format!("the wire JSON does not parse back: {e}"))?;
    if back["cleanText"].as_str() != Some(report.clean_text.as_str()) || back["version"] != wire::REPORT_VERSION {
        return Err("the wire JSON lost the clean text or the version".into());
    }
    Ok(())
}
