//! The `lede` command line end to end: reports on files and stdin, JSON Lines batches, UTF-16
//! offsets, and every error path (missing file, invalid UTF-8, malformed lines, missing text).

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn lede(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lede");
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            input.write_all(bytes).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("valid JSON")
}

/// Slice a string by UTF-16 code units, as JavaScript does.
fn js_slice(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

#[test]
fn analyze_stdin_follows_the_contract() {
    let out = lede(&["analyze", "-"], Some(b"The council met. It voted 7-2.\n\nA new paragraph."));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = json(&out.stdout);
    for field in ["paragraphs", "sentences", "duplicates", "boilerplate", "entities"] {
        assert!(r[field].is_array(), "{field} missing");
    }
    assert!(r["stats"].is_object() && r["cleanText"].is_string() && r["version"].is_number());
    assert_eq!(r["paragraphs"].as_array().unwrap().len(), 2);
    assert_eq!(r["sentences"].as_array().unwrap().len(), 3);
    assert_eq!(r["sentences"][1]["text"], "It voted 7-2.");
    assert_eq!(r["sentences"][2]["paragraph"], 1);
    assert_eq!(r["stats"]["sentences"], 3);
    assert!(r["stats"]["raw"]["words"].as_u64().unwrap() >= 9);
}

#[test]
fn offsets_are_utf16_on_emoji_cjk_and_persian() {
    let text = "Emoji 😀 here. 北京欢迎你。\n\nسلام دنیا. Fin 🎉!";
    let out = lede(&["analyze", "-"], Some(text.as_bytes()));
    let r = json(&out.stdout);
    let mut spans = Vec::new();
    for field in ["paragraphs", "sentences"] {
        for s in r[field].as_array().unwrap() {
            spans.push(s.clone());
        }
    }
    assert!(spans.len() >= 4);
    for s in spans {
        let got = js_slice(text, s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert_eq!(got, s["text"].as_str().unwrap());
    }
}

#[test]
fn analyze_a_file_and_the_sample() {
    let path = temp_file("article.txt", lede::SAMPLE_ARTICLE.as_bytes());
    let out = lede(&["analyze", "--compact", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let r = json(&out.stdout);
    assert!(r["stats"]["words"].as_u64().unwrap() > 300);
    assert!(r["sentences"].as_array().unwrap().len() > 20);
}

#[test]
fn missing_file_names_the_file() {
    let out = lede(&["analyze", "/no/such/file.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/file.txt") && err.contains("cannot read"), "{err}");
}

#[test]
fn invalid_utf8_gives_the_byte_offset() {
    let out = lede(&["analyze", "-"], Some(b"Good text \xff\xfe bad"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("byte offset 10") && err.contains("UTF-8"), "{err}");
}

#[test]
fn usage_errors_exit_2_and_help_explains() {
    assert_eq!(lede(&["analyze"], None).status.code(), Some(2));
    assert_eq!(lede(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(lede(&["analyze", "--bogus", "x"], None).status.code(), Some(2));
    let help = lede(&["--help"], None);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("--jsonl") && text.contains("UTF-16") && text.contains("EXIT CODES"));
}

#[test]
fn jsonl_streams_and_survives_bad_lines() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"a\", \"text\": \"First record. Two sentences.\"}\n");
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"broken\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": 3, \"body\": \"no text field\"}\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"bad \xff byte\"}\n");
    input.extend_from_slice(b"[1, 2]\n");
    input.extend_from_slice(b"{\"id\": {\"k\": 5}, \"text\": \"Last one.\"}");
    let path = temp_file("batch.jsonl", &input);
    let out = lede(&["analyze", "--jsonl", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 6, "one output line per non-blank input line");
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["report"]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains(":2:"));
    assert_eq!(lines[2]["id"], 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("no \"text\""));
    assert!(lines[3]["error"].as_str().unwrap().contains("UTF-8"));
    assert!(lines[4]["error"].as_str().unwrap().contains("not an object"));
    assert_eq!(lines[5]["id"], serde_json::json!({"k": 5}));
    assert!(lines[5]["report"].is_object());
    let err = String::from_utf8_lossy(&out.stderr);
    let p = path.to_str().unwrap();
    assert!(err.contains(&format!("{p}:2:")), "{err}");
    assert!(err.contains(&format!("{p}:4:")), "{err}");
    assert!(err.contains(&format!("{p}:5:")), "{err}");
    // Byte offset of the bad byte in line 5: lengths of the lines before it plus its column.
    let line5_start = input.windows(9).position(|w| w == b"{\"id\": 4,").unwrap();
    assert!(err.contains(&format!("byte offset {}", line5_start + 23)), "{err}");
    assert!(err.contains("could not be analyzed"));
}

#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    // `lede analyze --jsonl big.jsonl | head -1`: the reader goes away early.
    let mut input = Vec::new();
    for i in 0..2000 {
        input.extend_from_slice(format!("{{\"id\": {i}, \"text\": \"Record {i}. It has two sentences.\"}}\n").as_bytes());
    }
    let path = temp_file("many.jsonl", &input);
    for args in [vec!["--help"], vec!["analyze", "--jsonl", path.to_str().unwrap()]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
