//! Sentence and paragraph splitting: tables of cases written for Lede (one `check` helper per
//! analysis), and property tests over generated text (order, no overlap, containment, coverage
//! of every non-space character, and `text` equal to the UTF-16 slice in the wire Report).

use lede::analysis::{self, paragraphs, sentences, ParagraphKind, Span};
use proptest::prelude::*;

/// Split `input` into paragraphs, then sentences, and compare the sentence texts.
fn check(input: &str, expected: &[&str]) {
    let got: Vec<&str> = paragraphs::split(input)
        .into_iter()
        .flat_map(|p| sentences::split(input, p))
        .map(|s| s.slice(input))
        .collect();
    assert_eq!(got, expected, "input: {input:?}");
}

/// Paragraph texts and kinds.
fn check_paragraphs(input: &str, expected: &[(&str, ParagraphKind)]) {
    let got: Vec<(&str, ParagraphKind)> = paragraphs::paragraphs(input)
        .into_iter()
        .map(|p| (p.span.slice(input), p.kind))
        .collect();
    assert_eq!(got, expected, "input: {input:?}");
}

#[test]
fn plain_sentences() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("   \n\t ", &[]),
        (
            "The river rose. Farmers moved their cattle.",
            &["The river rose.", "Farmers moved their cattle."],
        ),
        (
            "Is the bridge safe? Nobody knows yet!",
            &["Is the bridge safe?", "Nobody knows yet!"],
        ),
        ("Wait!! Who called?! Me.", &["Wait!!", "Who called?!", "Me."]),
        ("A line without a final mark", &["A line without a final mark"]),
        ("Ends with a period.", &["Ends with a period."]),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn abbreviations_and_titles() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Mr. Okafor and Mrs. Lind met Dr. Ruiz.",
            &["Mr. Okafor and Mrs. Lind met Dr. Ruiz."],
        ),
        (
            "Gov. Alvarez spoke after Sen. Brandt. Then it rained.",
            &["Gov. Alvarez spoke after Sen. Brandt.", "Then it rained."],
        ),
        (
            "They walked down Elm St. in silence.",
            &["They walked down Elm St. in silence."],
        ),
        (
            "Acme Corp. hired 40 people. The plant reopens soon.",
            &["Acme Corp. hired 40 people.", "The plant reopens soon."],
        ),
        (
            "Shares of Borealis Inc. The company said nothing.",
            &["Shares of Borealis Inc.", "The company said nothing."],
        ),
        (
            "The vote is on Jan. 14 in Room No. 3.",
            &["The vote is on Jan. 14 in Room No. 3."],
        ),
        (
            "Bring pens, paper, etc. to the exam.",
            &["Bring pens, paper, etc. to the exam."],
        ),
        (
            "Bring pens, paper, etc. The exam is long.",
            &["Bring pens, paper, etc.", "The exam is long."],
        ),
        (
            "Use a solvent, e.g. Acetone works.",
            &["Use a solvent, e.g. Acetone works."],
        ),
        ("The case Roe v. Wade was cited.", &["The case Roe v. Wade was cited."]),
        ("He said no. Then he left.", &["He said no.", "Then he left."]),
        (
            "Martin Luther King Jr. He led the march.",
            &["Martin Luther King Jr.", "He led the march."],
        ),
        (
            "See Fig. 2 and pp. 10-12 for details.",
            &["See Fig. 2 and pp. 10-12 for details."],
        ),
        (
            "The town (pop. 4,200) voted. It was close.",
            &["The town (pop. 4,200) voted.", "It was close."],
        ),
        (
            "SALEM, Ore. \u{2014} The dam held. Crews stayed.",
            &["SALEM, Ore. \u{2014} The dam held.", "Crews stayed."],
        ),
        ("AUSTIN, Texas -- Rain fell.", &["AUSTIN, Texas -- Rain fell."]),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn acronyms_and_initials() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Exports to the U.S. rose sharply.",
            &["Exports to the U.S. rose sharply."],
        ),
        (
            "She studied in the U.K. Her thesis won a prize.",
            &["She studied in the U.K.", "Her thesis won a prize."],
        ),
        ("The U.S. Navy sent a ship.", &["The U.S. Navy sent a ship."]),
        (
            "C. S. Lewis and J. K. Rowling sold well.",
            &["C. S. Lewis and J. K. Rowling sold well."],
        ),
        (
            "They needed a plan B. It failed too.",
            &["They needed a plan B.", "It failed too."],
        ),
        (
            "She earned a Ph.D. in chemistry.",
            &["She earned a Ph.D. in chemistry."],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn numbers_times_and_links() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Inflation hit 3.7 percent. Rates rose.",
            &["Inflation hit 3.7 percent.", "Rates rose."],
        ),
        (
            "Version 2.4.1 fixed it. Update now.",
            &["Version 2.4.1 fixed it.", "Update now."],
        ),
        (
            "The ferry leaves at 6:45 a.m. from the pier.",
            &["The ferry leaves at 6:45 a.m. from the pier."],
        ),
        (
            "The polls close at 8 p.m. Tuesday.",
            &["The polls close at 8 p.m. Tuesday."],
        ),
        (
            "The shop shut at 9 p.m. Nobody came back.",
            &["The shop shut at 9 p.m.", "Nobody came back."],
        ),
        ("By 7 a.m. Ms. Ode was gone.", &["By 7 a.m. Ms. Ode was gone."]),
        (
            "It cost $12.50. That was cheap.",
            &["It cost $12.50.", "That was cheap."],
        ),
        (
            "Write to desk@news.example.org. We answer fast.",
            &["Write to desk@news.example.org.", "We answer fast."],
        ),
        (
            "Read https://example.org/a/b.html?x=1. Then decide.",
            &["Read https://example.org/a/b.html?x=1.", "Then decide."],
        ),
        (
            "Open report_final.pdf and notes.txt first.",
            &["Open report_final.pdf and notes.txt first."],
        ),
        (
            "More at www.example.net Details follow below",
            &["More at www.example.net", "Details follow below"],
        ),
        (
            "It rained all day.The roads flooded.",
            &["It rained all day.", "The roads flooded."],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn quotes_and_brackets() {
    let cases: &[(&str, &[&str])] = &[
        (
            "\u{201C}We are ready.\u{201D} The crowd cheered.",
            &["\u{201C}We are ready.\u{201D}", "The crowd cheered."],
        ),
        ("\"Is it over?\" she asked.", &["\"Is it over?\" she asked."]),
        (
            "\u{201C}Run!\u{201D} Okoye shouted.",
            &["\u{201C}Run!\u{201D} Okoye shouted."],
        ),
        ("He wrote, 'It works.' and left.", &["He wrote, 'It works.' and left."]),
        (
            "The law (passed in May.) is new. It applies now.",
            &["The law (passed in May.) is new.", "It applies now."],
        ),
        (
            "She paused (for effect.) Then she spoke.",
            &["She paused (for effect.)", "Then she spoke."],
        ),
        (
            "\"The plan [...] failed,\" he said.",
            &["\"The plan [...] failed,\" he said."],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn ellipses() {
    let cases: &[(&str, &[&str])] = &[
        ("I thought... maybe not.", &["I thought... maybe not."]),
        ("It ended\u{2026} Nobody moved.", &["It ended\u{2026}", "Nobody moved."]),
        ("The record . . . was broken.", &["The record . . . was broken."]),
        (
            "And then . . . . Silence returned.",
            &["And then . . . .", "Silence returned."],
        ),
        ("We waited... I gave up.", &["We waited... I gave up."]),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn lists() {
    let cases: &[(&str, &[&str])] = &[
        ("1. Mix the flour\n2. Add water", &["1. Mix the flour", "2. Add water"]),
        (
            "1) Pack bags 2) Lock doors 3) Leave",
            &["1) Pack bags", "2) Lock doors", "3) Leave"],
        ),
        ("a. Red apples b. Green pears", &["a. Red apples", "b. Green pears"]),
        (
            "\u{2022} 4. Fourth step \u{2022} 5. Fifth step",
            &["\u{2022} 4. Fourth step", "\u{2022} 5. Fifth step"],
        ),
        ("- Bread\n- Milk\n- Eggs", &["- Bread", "- Milk", "- Eggs"]),
        (
            "He ranked 1. Then he ranked 3. Odd.",
            &["He ranked 1.", "Then he ranked 3.", "Odd."],
        ),
        (
            "Pick one: a) tea b) coffee c) juice",
            &["Pick one:", "a) tea", "b) coffee", "c) juice"],
        ),
        ("He got a) and b) right.", &["He got a) and b) right."]),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn lines_and_blocks() {
    let cases: &[(&str, &[&str])] = &[
        // A headline without final punctuation, then the story.
        (
            "Dam Holds After Storm\n\nThe dam held overnight.",
            &["Dam Holds After Storm", "The dam held overnight."],
        ),
        // A caption line and a counter line inside one block.
        (
            "Volunteers fill sandbags on Friday.\n2,311 views\nPhoto: R. Mendes",
            &["Volunteers fill sandbags on Friday.", "2,311 views", "Photo: R. Mendes"],
        ),
        // A sentence broken by a stray line break keeps going.
        (
            "The water reached the\nsecond floor by noon.",
            &["The water reached the\nsecond floor by noon."],
        ),
        // A column of short items stays apart.
        ("weather\nsports\nlocal news", &["weather", "sports", "local news"]),
        ("Windows\r\n\r\nDoors", &["Windows", "Doors"]),
        // Salutations and closings in a pasted e-mail.
        (
            "Maria, We moved the meeting to noon.",
            &["Maria,", "We moved the meeting to noon."],
        ),
        ("See you there. Thanks, Paolo", &["See you there.", "Thanks,", "Paolo"]),
        ("However, The results differ.", &["However, The results differ."]),
        (
            "Great food :) The staff were kind.",
            &["Great food :)", "The staff were kind."],
        ),
        (
            "It was founded in 1850.[3] It grew.",
            &["It was founded in 1850.[3]", "It grew."],
        ),
        (
            "\u{5317}\u{4EAC}\u{3002}\u{4E0A}\u{6D77}\u{3002}",
            &["\u{5317}\u{4EAC}\u{3002}", "\u{4E0A}\u{6D77}\u{3002}"],
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn paragraph_kinds() {
    check_paragraphs(
        "River Town Floods Again\n\nWater rose overnight in the old quarter.\n\nPhoto: A resident carries a dog.\n\n- sandbags\n\n> We will rebuild.",
        &[
            ("River Town Floods Again", ParagraphKind::Heading),
            ("Water rose overnight in the old quarter.", ParagraphKind::Body),
            ("Photo: A resident carries a dog.", ParagraphKind::Caption),
            ("- sandbags", ParagraphKind::List),
            ("> We will rebuild.", ParagraphKind::Quote),
        ],
    );
}

#[test]
fn more_paragraph_kinds() {
    let cases = [
        ("\u{201C}We will not leave.\u{201D}", ParagraphKind::Quote),
        ("\"We stay,\" she said. \"We rebuild.\"", ParagraphKind::Body),
        (
            "Crews clear debris on Main Street. (AP Photo/J. Doe)",
            ParagraphKind::Caption,
        ),
        ("Credit: City archives", ParagraphKind::Caption),
        ("(a) the first condition", ParagraphKind::List),
        ("\u{2022} Schools closed", ParagraphKind::List),
    ];
    for (input, kind) in cases {
        check_paragraphs(input, &[(input, kind)]);
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let long_word = "x".repeat(100_000);
    let many_dots = ". ".repeat(50_000);
    let lines = "a\n".repeat(50_000);
    let inputs = [
        "\u{0}\u{1}\u{7f}. \u{202E}abc.",
        "\u{1F600}. \u{1F600}! \u{5317}\u{4EAC}\u{3002}\u{4E0A}\u{6D77}\u{3002}",
        "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}\u{061F} \u{0646}\u{0639}\u{0645}.",
        "....!!!???\u{2026}\u{2026}",
        "1.) 2.) 3.) a. b. c.",
        "@@@ :// www. http:// 1/2/3 4:5 PM",
        "\r\r\n\n\r",
        &long_word,
        &many_dots,
        &lines,
    ];
    for input in inputs {
        let report = analysis::analyze(input, &no_extras());
        for s in &report.sentences {
            assert!(s.span.slice(input).trim() == s.span.slice(input));
        }
    }
}

fn no_extras() -> analysis::Options {
    analysis::Options {
        duplicates: false,
        boilerplate: false,
        entities: false,
        ..Default::default()
    }
}

/// Pieces that exercise the splitter: words, abbreviations, numbers, marks, quotes, breaks,
/// other scripts and control characters.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "word",
        "The",
        "city",
        "Mr.",
        "U.S.",
        "e.g.",
        "J.",
        "3.5",
        "1.",
        "a)",
        "No.",
        "etc.",
        "a.m.",
        ".",
        "!",
        "?",
        "...",
        "\u{2026}",
        ". . .",
        ",",
        ":",
        ";",
        "\"",
        "\u{201C}",
        "\u{201D}",
        "'",
        "(",
        ")",
        "[",
        "]",
        ":)",
        "http://x.org/a.b",
        "me@x.org",
        "06/02/2001 10:53 AM",
        "Thanks,",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u{A0}",
        "\u{3000}",
        "\u{5317}\u{3002}",
        "\u{1F600}",
        "\u{0}",
        "\u{7}",
        "\u{200B}",
        "\u{2022}",
        "-",
        "I",
        "he",
        "Smith",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn sentences_are_ordered_contained_and_cover_the_text(parts in prop::collection::vec(piece(), 0..60)) {
        let text: String = parts.concat();
        let report = analysis::analyze(&text, &no_extras());
        let mut prev_end = 0;
        for s in &report.sentences {
            prop_assert!(s.span.start < s.span.end, "empty sentence {:?}", s.span);
            prop_assert!(s.span.start >= prev_end, "overlap or disorder at {:?}", s.span);
            prev_end = s.span.end;
            let p = &report.paragraphs[s.paragraph];
            prop_assert!(p.span.contains(&s.span), "sentence {:?} outside paragraph {:?}", s.span, p.span);
        }
        // Every non-space character of every paragraph lies in one of its sentences.
        for (index, p) in report.paragraphs.iter().enumerate() {
            let spans: Vec<Span> = report.sentences.iter().filter(|s| s.paragraph == index).map(|s| s.span).collect();
            for (i, c) in p.span.slice(&text).char_indices() {
                if !c.is_whitespace() {
                    let at = p.span.start + i;
                    prop_assert!(spans.iter().any(|s| s.start <= at && at < s.end), "char {c:?} at {at} not covered");
                }
            }
        }
        // The wire Report's `text` is the UTF-16 slice at its offsets.
        let wire = lede::wire::to_wire(&text, &report);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for s in &wire.sentences {
            prop_assert_eq!(String::from_utf16_lossy(&utf16[s.start..s.end]), s.text);
        }
        for p in &wire.paragraphs {
            prop_assert_eq!(String::from_utf16_lossy(&utf16[p.start..p.end]), p.text);
        }
    }

    #[test]
    fn sentence_split_of_any_span_stays_inside(text in "[a-zA-Z .!?\u{201C}\u{201D}\n\u{e9}]{0,80}", a in 0usize..90, b in 0usize..90) {
        let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        let span = Span::new(start, end);
        for s in sentences::split(&text, span) {
            prop_assert!(span.contains(&s));
            prop_assert!(!s.slice(&text).trim().is_empty());
        }
    }
}
