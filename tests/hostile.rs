//! Hostile and odd input (issue #10, "Nothing breaks it"): a table of texts built to hurt (empty,
//! huge, no punctuation, one giant word, stacks of combining marks, NULs, every kind of line end
//! and invisible space, right-to-left and mixed scripts, emoji sequences), each analyzed with every
//! option on; each Report must keep `lede::invariants` on its own and on the wire. No timings here
//! (`lede bench` prints MB/s for the same inputs at 0.1, 1 and 10 MB); the 10 MB case runs only in
//! release builds: `CARGO_PROFILE_RELEASE_PANIC=unwind cargo test --release --test hostile -- --include-ignored`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use lede::analysis::{analyze, analyze_on_one_thread, Options, PARALLEL_FROM};
use lede::invariants;

/// Panics anywhere in this process so far. `analyze` finds the entities of a long text on a second
/// thread and goes on without them if that thread panics, so a panic there would not fail a test.
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            default(info);
        }));
    });
}

/// Analyze `text` with every analysis on and check the Report and its wire form, and that nothing
/// panicked on the way. Returns the Report for case-specific checks.
fn check(name: &str, text: &str) -> lede::Report {
    count_panics();
    let panics = PANICS.load(Ordering::SeqCst);
    let report = analyze(text, &Options::default());
    assert_eq!(PANICS.load(Ordering::SeqCst), panics, "{name}: a panic inside analyze");
    if let Err(e) = invariants::check(text, &report) {
        panic!("{name}: {e}");
    }
    if let Err(e) = invariants::check_wire(text, &report) {
        panic!("{name}: wire: {e}");
    }
    report
}

/// `unit` repeated until the text holds at least `bytes` bytes.
fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

const PROSE: &str = "The council voted on Tuesday to approve a $2.5 billion budget for the harbor, Mayor Luis Ortega said. \
Dr. Ruiz of the U.S. Army Corps of Engineers called it \"a good start\" at 10 a.m. in Boston.\n\n\
Work will begin in May 2025 and last 18 months. About 45% of the money comes from the state.\n\n";

/// The hostile texts, with a name each. `scale` is the size in bytes of the big ones.
fn cases(scale: usize) -> Vec<(String, String)> {
    let mut v: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("one space", " ".into()),
        ("whitespace only", " \t\n\r\n\u{a0}\u{3000}\u{2028}\u{2029}\u{85}\u{b}\u{c}\n\n   ".repeat(50)),
        ("blank lines only", "\n".repeat(10_000)),
        ("prose", fill(PROSE, scale)),
        ("no punctuation", fill("lorem ipsum dolor sit amet consectetur adipiscing elit sed do ", scale)),
        ("one word lines", "Word\n".repeat(scale / 5 / 10 + 1)),
        ("one giant word", "a".repeat(scale / 10)),
        ("one giant mixed word", fill("Ab\u{e9}1\u{5317}", scale / 10)),
        ("only periods", ".".repeat(scale / 10)),
        ("only question marks and quotes", fill("?!\"'\u{201c}\u{201d}", scale / 10)),
        ("dots and initials", fill("a.b.c. U.S. e.g. 1.2.3 ... J. ", scale / 10)),
        ("NUL bytes", "\0".repeat(10_000)),
        ("NULs in prose", fill("The\0council\0voted. \0Then\0it\0rained.\0\n", scale / 10)),
        ("control characters", (0u8..32).chain([127]).map(|b| b as char).collect::<String>().repeat(300)),
        ("C1 controls and specials", fill("x\u{80}\u{85}\u{9f}\u{fffd}\u{fffe}\u{ffff}\u{feff} y. ", scale / 10)),
        ("arabic", fill("\u{642}\u{627}\u{644} \u{627}\u{644}\u{631}\u{626}\u{64a}\u{633} \u{625}\u{646} \u{627}\u{644}\u{627}\u{642}\u{62a}\u{635}\u{627}\u{62f} \u{64a}\u{646}\u{645}\u{648}. \u{648}\u{623}\u{636}\u{627}\u{641} \u{61f}\n\n", scale / 10)),
        ("persian with ZWNJ and Persian digits", fill("\u{645}\u{633}\u{639}\u{648}\u{62f} \u{67e}\u{632}\u{634}\u{6a9}\u{6cc}\u{627}\u{646} \u{6af}\u{641}\u{62a} \u{6f1}\u{6f4}\u{6f0}\u{6f3} \u{633}\u{627}\u{644} \u{633}\u{62e}\u{62a}\u{6cc} \u{628}\u{648}\u{62f}\u{200c}\u{647}\u{627}\u{633}\u{62a}. ", scale / 10)),
        ("hebrew with points", fill("\u{5e8}\u{5b8}\u{5d0}\u{5e9}\u{5c1} \u{5d4}\u{5b7}\u{5de}\u{5bc}\u{5b6}\u{5de}\u{5b0}\u{5e9}\u{5c1}\u{5b8}\u{5dc}\u{5b8}\u{5d4} \u{5d0}\u{5b8}\u{5de}\u{5b7}\u{5e8}. ", scale / 10)),
        ("mixed directions and bidi controls", fill("The U.N. said \u{202b}\u{5e8}\u{5d0}\u{5e9}\u{202c} and \u{2067}\u{642}\u{627}\u{644}\u{2069} \u{200f}(IDF)\u{200e} 2024. \u{202e}desrever\u{202c} text. ", scale / 10)),
        ("CJK", fill("\u{5317}\u{4eac}\u{5e02}\u{653f}\u{5e9c}\u{4eca}\u{5929}\u{5ba3}\u{5e03}\u{4e86}\u{65b0}\u{7684}\u{9884}\u{7b97}\u{3002}\u{5e02}\u{957f}\u{8868}\u{793a}\u{ff0c}\u{8fd9}\u{662f}\u{91cd}\u{8981}\u{7684}\u{4e00}\u{6b65}\u{ff01}", scale / 10)),
        ("CJK without punctuation", fill("\u{6771}\u{4eac}\u{90fd}\u{306f}\u{6628}\u{65e5}\u{65b0}\u{3057}\u{3044}\u{8a08}\u{753b}", scale / 10)),
        ("emoji ZWJ sequences", fill("\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466} \u{1f3f3}\u{fe0f}\u{200d}\u{1f308} \u{1f44f}\u{1f3fd} \u{1f1fa}\u{1f1f8} \u{2764}\u{fe0f}\u{200d}\u{1f525}. ", scale / 10)),
        ("one long ZWJ chain", "\u{1f469}\u{200d}".repeat(20_000)),
        ("10,000 combining marks on one letter", format!("Caf e{} went. Next sentence.", "\u{301}".repeat(10_000))),
        ("combining marks alone", "\u{301}\u{308}\u{323}".repeat(10_000)),
        ("combining marks on spaces and dots", fill(" \u{301}.\u{301} \u{308}?\u{300}\n\u{323}", scale / 10)),
        ("CRLF line ends", fill("Headline Here\r\n\r\nFirst sentence. Second one!\r\nThird line\r\n\r\n", scale / 10)),
        ("lone CR line ends", fill("Headline Here\r\rFirst sentence. Second one!\rThird line\r\r", scale / 10)),
        ("mixed line ends", fill("One.\r\nTwo.\rThree.\nFour.\n\r\n\rFive.\u{2028}Six.\u{2029}Seven.\u{85}Eight.\r", scale / 10)),
        ("no-break spaces", fill("No\u{a0}break\u{a0}space\u{a0}here.\u{a0}And\u{202f}narrow\u{202f}ones.\u{a0}", scale / 10)),
        ("zero-width spaces", fill("Zero\u{200b}width\u{200b}space.\u{200b}Joiner\u{200d}and\u{200c}non\u{2060}joiner\u{feff}. ", scale / 10)),
        ("soft hyphens", fill("Soft\u{ad}hy\u{ad}phen\u{ad}at\u{ad}ed words. \u{ad}\u{ad}\u{ad} Lead\u{ad}ing. ", scale / 10)),
        ("lossy replacement characters", String::from_utf8_lossy(&b"caf\xe9 \xff\xfe bytes. \xc3( \xed\xa0\x80 \xf0\x9f\x98 end.\n".repeat(2_000)).into_owned()),
        ("deep repeated paragraphs", fill("The same paragraph again and again, with the same words in it, more than a few of them.\n\n", scale / 10)),
        ("repeated sentences in one paragraph", fill("The water main burst near the old library at dawn. ", scale / 10)),
        ("near repeats with changed numbers", (0..2_000).map(|i| format!("The council approved a ${i}.5 billion budget for the harbor on Tuesday, {i} officials said.\n\n")).collect()),
        ("junk lines", fill("Share\nTweet\nEmail\nPrint\n\n12 comments\n\nPhoto: AP / John Smith\n\nSubscribe to our newsletter\n\nAdvertisement\n\n", scale / 10)),
        ("long line of entities", fill("Vladimir Putin met Masud Pezeshkian and the European Union (EU) in Paris on Jan. 5, 2024 at 10:30 a.m. for $3.5bn; ", scale / 10)),
        ("urls and emails", fill("https://example.com/a/b.c?x=1&y=2#f press@example.org www.x.org/a.b.c ", scale / 10)),
        ("digits only", "1234567890".repeat(scale / 100)),
        ("long list", fill("- item one\n* item two\n1. item three\n\u{2022} item four\n", scale / 10)),
        ("quotes never closed", fill("\u{201c}He said \"and then \u{2018}she ", scale / 10)),
        ("brackets never closed", "(".repeat(50_000) + &"[".repeat(50_000)),
        ("surrogate-pair heavy", "\u{1d400}\u{10000}\u{10ffff}".repeat(10_000)),
        ("private use and unassigned", "\u{e000}\u{f8ff}\u{f0000}\u{e0001}\u{e0041}".repeat(5_000)),
        ("tabs between words", fill("Tab\tseparated\twords\there.\t", scale / 10)),
        ("very long sentence", fill("and the council said that ", scale / 10) + "."),
        ("headline-like lines", fill("A HEADLINE IN CAPITALS\nA Title Case Line\n", scale / 10)),
    ];
    // Ten thousand paragraphs of one word each and of one letter each.
    v.push(("one word paragraphs", "Word\n\n".repeat(scale / 6 / 10 + 1)));
    v.push(("one letter paragraphs", "a\n\n".repeat(scale / 3 / 10 + 1)));
    v.into_iter().map(|(n, t)| (n.to_string(), t)).collect()
}

/// Every hostile text at a size a debug build analyzes in a few seconds in all.
#[test]
fn hostile_inputs_keep_the_invariants() {
    let cases = cases(100_000);
    assert!(cases.len() >= 45);
    for (name, text) in &cases {
        let report = check(name, text);
        // Long texts are worked on by two threads (segmentation in halves, then the cleaning, the
        // statistics and the entities of each half of the sentences as tasks): the same Report
        // as on one thread.
        if text.len() >= PARALLEL_FROM {
            assert!(analyze_on_one_thread(text, &Options::default()) == report, "{name}: the Report differs between threads");
        }
    }
}

/// The big ones: 1 MB without punctuation and 100,000 one-word lines at their real size; one giant
/// word and a run of periods at 1 MB in release builds, a quarter of that in debug builds (a period
/// is a token of its own, and the entity tagger is slow unoptimized); 10 MB of prose below.
#[test]
fn big_hostile_inputs_keep_the_invariants() {
    let mb = 1 << 20;
    let giant = if cfg!(debug_assertions) { mb / 4 } else { mb };
    let big: Vec<(&str, String)> = vec![
        ("1 MB without punctuation", fill("lorem ipsum dolor sit amet consectetur adipiscing elit sed do ", mb)),
        ("100,000 one-word lines", "Word\n".repeat(100_000)),
        ("one giant word", "a".repeat(giant)),
        ("a giant run of periods", ".".repeat(giant)),
    ];
    for (name, text) in &big {
        check(name, text);
    }
}

/// Ten megabytes of prose: too slow for a debug build, so a release run (see the top of the file).
#[test]
#[cfg_attr(debug_assertions, ignore = "10 MB: run in release mode (see the top of tests/hostile.rs)")]
fn ten_megabytes_of_prose() {
    let text = fill(PROSE, 10 << 20);
    let report = check("10 MB of prose", &text);
    assert!(report.paragraphs.len() > 50_000);
}

/// Specific promises about some odd texts.
#[test]
fn odd_texts_give_sensible_reports() {
    // Nothing but white space: no paragraph, sentence or word.
    for text in ["", " ", "\n\n\n", "\r\n\r\n", "\u{a0}\u{3000}\u{2028}", "\t \u{85}"] {
        let r = check("blank", text);
        assert!(r.paragraphs.is_empty() && r.sentences.is_empty(), "{text:?}: {:?}", r.paragraphs);
        assert_eq!(r.raw_stats.words, 0, "{text:?}");
    }
    // Combining marks stay with their letter: no span cuts a mark off its base.
    let text = format!("Caf e{} went. Next sentence.", "\u{301}".repeat(10_000));
    let r = check("combining", &text);
    for s in &r.sentences {
        assert!(!s.span.slice(&text).starts_with('\u{301}'), "a sentence starts with a bare combining mark");
    }
    // CRLF and lone CR separate paragraphs as LF does.
    let lf = check("lf", "First paragraph here.\n\nSecond paragraph here.");
    let crlf = check("crlf", "First paragraph here.\r\n\r\nSecond paragraph here.");
    assert_eq!(lf.paragraphs.len(), crlf.paragraphs.len());
    // Exact repeats of a long paragraph: every copy after the first is found.
    let para = "The same paragraph again and again, with the same words in it, more than a few of them.\n\n";
    let r = check("repeats", &para.repeat(50));
    assert_eq!(r.duplicates.len(), 49);
}
