//! Property tests of the Report's invariants (`lede::invariants`) over generated articles: prose,
//! junk lines, exact and reworded repeats, right-to-left and CJK text, emoji sequences, combining
//! marks, control characters, CR and CRLF line ends, invisible spaces. No panic; every span in
//! bounds, on char boundaries, ordered, its text its slice; UTF-16 offsets on the wire that match
//! the byte offsets; and the same text gives the same Report, with the word caches warm or cold.

use lede::analysis::{self, Options};
use lede::invariants;
use proptest::prelude::*;

/// Pieces of text: words and punctuation of many scripts, and the odd characters in between.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // Prose and the sentence splitter's favourite traps.
        4 => prop::sample::select(vec![
            "The council voted on Tuesday. ", "Mayor Luis Ortega said ", "Dr. Ruiz ", "the U.S. Army ",
            "approved a $2.5 billion budget", "at 10:30 a.m. ", "on Jan. 5, 2024 ", "45% ", "1,200 homes ",
            "\"We will rebuild,\" she said. ", "\u{201c}Quote.\u{201d} ", "(approx.) ", "e.g. ", "J. R. R. ",
            "Vladimir Putin ", "the European Union (EU) ", "in Paris", "press@example.org ",
            "https://example.com/a.b?c=1 ", "Wait!! ", "Who?! ", "... ", "\u{2026} ", ". ", "? ", "! ", ", ",
            "; ", ": ", "- ", "\u{2014} ", "I ", "he ", "No. 5 ", "3.14 ", "1st ", "21st ", "word ",
        ]).prop_map(str::to_string),
        // Junk lines of scraped pages.
        1 => prop::sample::select(vec![
            "Share on Facebook\n", "Tweet\n", "Email\n", "Print\n", "12 comments\n", "Leave a comment\n",
            "Photo: AP / John Smith\n", "Subscribe to our newsletter\n", "Advertisement\n", "Read more:\n",
            "(c) 2024 The Gazette. All rights reserved.\n", "By Jane Okafor, Staff Writer\n", "Loading...\n",
        ]).prop_map(str::to_string),
        // Other scripts: Arabic, Persian (with ZWNJ), Hebrew, bidi controls, CJK, Korean, Cyrillic, Greek, Devanagari.
        2 => prop::sample::select(vec![
            "\u{642}\u{627}\u{644} \u{627}\u{644}\u{631}\u{626}\u{64a}\u{633}. ", "\u{61f} ",
            "\u{645}\u{633}\u{639}\u{648}\u{62f} \u{67e}\u{632}\u{634}\u{6a9}\u{6cc}\u{627}\u{646} \u{628}\u{648}\u{62f}\u{200c}\u{647}\u{627} ",
            "\u{6f1}\u{6f4}\u{6f0}\u{6f3} ", "\u{5e8}\u{5b8}\u{5d0}\u{5e9}\u{5c1} \u{5d4}\u{5de}\u{5de}\u{5e9}\u{5dc}\u{5d4}. ",
            "\u{202b}", "\u{202c}", "\u{200f}", "\u{200e}", "\u{2067}", "\u{2069}", "\u{202e}",
            "\u{5317}\u{4eac}\u{5e02}\u{653f}\u{5e9c}\u{3002}", "\u{6771}\u{4eac}\u{90fd}\u{ff01}", "\u{ff0c}",
            "\u{d55c}\u{ad6d} \u{c11c}\u{c6b8}. ", "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}. ",
            "\u{391}\u{3b8}\u{3ae}\u{3bd}\u{3b1}; ", "\u{928}\u{92e}\u{938}\u{94d}\u{924}\u{947}\u{964} ",
        ]).prop_map(str::to_string),
        // Emoji and sequences.
        1 => prop::sample::select(vec![
            "\u{1f600}", "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}", "\u{1f44f}\u{1f3fd}",
            "\u{1f1fa}\u{1f1f8}", "\u{2764}\u{fe0f}\u{200d}\u{1f525}", "\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}", "#\u{fe0f}\u{20e3}",
        ]).prop_map(str::to_string),
        // Combining marks, alone or stacked.
        1 => (prop::sample::select(vec!["e", "a", ".", " ", "\n", "\u{5d0}", "\u{1f600}", ""]),
              prop::sample::select(vec!["\u{301}", "\u{308}", "\u{323}", "\u{5b8}", "\u{64e}", "\u{20e3}", "\u{fe0f}"]),
              0usize..40)
            .prop_map(|(base, mark, n)| format!("{base}{}", mark.repeat(n))),
        // Line ends and spaces of every kind.
        2 => prop::sample::select(vec![
            "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r", "\n\r", "\u{2028}", "\u{2029}", "\u{85}", "\t",
            " ", "  ", "\u{a0}", "\u{202f}", "\u{3000}", "\u{200b}", "\u{feff}", "\u{ad}", "\u{200d}", "\u{2060}",
        ]).prop_map(str::to_string),
        // Control characters and specials.
        1 => prop::sample::select(vec![
            "\0", "\u{7}", "\u{8}", "\u{b}", "\u{c}", "\u{1b}[31m", "\u{7f}", "\u{9f}", "\u{fffd}", "\u{fffe}",
            "\u{ffff}", "\u{e000}", "\u{10ffff}", "\u{e0041}",
        ]).prop_map(str::to_string),
        // Anything at all.
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

/// A paragraph: a few pieces.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..12).prop_map(|p| p.concat())
}

/// An article: paragraphs joined by line breaks of one kind or another, some repeated later,
/// exactly or with a number changed (a near repeat), or as a sentence inside another paragraph.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(paragraph(), 0..12),
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..3), 0..5),
        prop::sample::select(vec!["\n\n", "\r\n\r\n", "\r\r", "\n", "\n \n"]),
    )
        .prop_map(|(mut paras, repeats, sep)| {
            if !paras.is_empty() {
                for (i, how) in repeats {
                    let p = paras[i.index(paras.len())].clone();
                    paras.push(match how {
                        0 => p,
                        1 => p.replacen('2', "3", 1).replacen("Tuesday", "Monday", 1),
                        _ => format!("Before it. {p} After it."),
                    });
                }
            }
            paras.join(sep)
        })
}

/// `n` cases, or `PROPTEST_CASES` when set (a long run: `CARGO_PROFILE_RELEASE_PANIC=unwind
/// PROPTEST_CASES=10000 cargo test --release --test invariants`).
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(n);
    ProptestConfig::with_cases(n)
}

fn all_on() -> Options {
    Options::default()
}

fn holds(text: &str, options: &Options) -> Result<analysis::Report, TestCaseError> {
    let report = analysis::analyze(text, options);
    if let Err(e) = invariants::check(text, &report) {
        return Err(TestCaseError::fail(format!("{e}\ntext: {text:?}")));
    }
    if let Err(e) = invariants::check_wire(text, &report) {
        return Err(TestCaseError::fail(format!("wire: {e}\ntext: {text:?}")));
    }
    Ok(report)
}

proptest! {
    #![proptest_config(cases(200))]

    #[test]
    fn reports_keep_the_invariants(text in article()) {
        holds(&text, &all_on())?;
    }

    #[test]
    fn any_options_keep_the_invariants(
        text in article(),
        duplicates: bool, boilerplate: bool, entities: bool, keep_first: bool,
    ) {
        let keep = if keep_first { text.lines().take(1).map(str::to_string).collect() } else { Vec::new() };
        holds(&text, &Options { duplicates, boilerplate, entities, keep })?;
    }

    #[test]
    fn any_string_keeps_the_invariants(text in any::<String>()) {
        holds(&text, &all_on())?;
    }

    #[test]
    fn lossy_bytes_keep_the_invariants(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        holds(&text, &all_on())?;
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// The same text gives the same Report: again at once (the word caches of the entity tagger and
    /// the statistics warm), after the caches are emptied, after another text went through in
    /// between, and on one thread as on two.
    #[test]
    fn analysis_is_deterministic(text in article(), other in article()) {
        let first = holds(&text, &all_on())?;
        prop_assert!(analysis::analyze(&text, &all_on()) == first, "second run differs");
        analysis::clear_caches();
        prop_assert!(analysis::analyze(&text, &all_on()) == first, "run with empty caches differs");
        analysis::analyze(&other, &all_on());
        prop_assert!(analysis::analyze(&text, &all_on()) == first, "run after another text differs");
        prop_assert!(analysis::analyze_on_one_thread(&text, &all_on()) == first, "one thread differs");
        let json = |r: &analysis::Report| serde_json::to_string(&lede::wire::to_wire(&text, r)).unwrap();
        prop_assert_eq!(json(&analysis::analyze(&text, &all_on())), json(&first));
    }
}
