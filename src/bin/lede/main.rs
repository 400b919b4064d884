//! `lede`, the native command line: analyze files and JSON Lines batches into Reports, and evaluate
//! the analyses against gold data. Run `lede --help` for the commands.

/// Print to standard output, ignoring a closed pipe (`lede --help | head -1`) instead of panicking.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}
/// `out!` with a line break.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod bench;
mod errors;
mod eval;
mod memory;
mod train;
mod train_syllables;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::ExitCode;

use errors::CliError;
use lede::analysis::{self, Options};
use lede::{jsonl, wire};

const HELP: &str = "\
lede: analyze news articles (paragraphs, sentences, repeats, boilerplate, entities, statistics)

USAGE:
    lede analyze [--pretty|--compact] FILE     Print one Report as JSON for the text in FILE
    lede analyze --jsonl FILE                  Analyze a JSON Lines batch, one Report per line
    lede eval sbd FILE.jsonl                   Score the sentence splitter on gold data
    lede eval ner FILE.jsonl                   Score the entity tagger (exact-span P/R/F1 per label)
    lede train ner DATA.jsonl...               Train the entity tagger (scripts/model.sh runs it)
    lede train syllables TRAIN.tsv             Train the syllable network (scripts/gen_syllables.py runs it)
    lede bench [--hostile]                     Print the throughput of each analysis (MB/s); --hostile: odd inputs only
    lede --help                                This text

FILE may be `-` to read standard input.

analyze FILE
    Reads the whole file as UTF-8 text and prints its Report (pretty-printed by default when the
    output is a terminal or --pretty is given; --compact prints one line). Offsets in the Report
    (`start`, `end`) count UTF-16 code units, as JavaScript's String.prototype.slice does.

analyze --jsonl FILE
    Reads one JSON object per line: {\"id\": <any JSON value>, \"text\": \"...\"}. For each line it
    writes {\"id\": ..., \"report\": {...}} on one line of standard output, as soon as the line is
    read (constant memory per record). Blank lines are skipped. A bad line (invalid UTF-8, invalid
    JSON, no \"text\" string) is reported on standard error with its line number and byte offset,
    and as {\"id\": ..., \"line\": N, \"error\": \"...\"} on standard output; the other lines are still
    analyzed, and the exit code is 1 at the end.

eval sbd FILE.jsonl
    Reads records {\"text\": \"...\", \"expected\": [\"sentence\", ...]} and prints the exact-match rate
    (records whose sentences all match) and the boundary precision, recall and F1 (sentence ends,
    the text's end not counted). Options: --min-exact X and --min-f1 X fail (exit 1) below X;
    --show-errors prints each record that does not match.

EXIT CODES:
    0 success, 1 some input was bad (the rest was still processed), 2 wrong usage
";

fn main() -> ExitCode {
    memory::at_start();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = run(&args);
    if std::env::var_os("LEDE_PEAK_MEMORY").is_some() {
        // For `lede bench`: the process's peak resident memory (Linux), after all its work.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let peak = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(str::trim).unwrap_or("unknown");
        eprintln!("lede: peak memory {peak}");
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lede: {e}");
            match e {
                CliError::Usage(_) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, CliError> {
    let Some(cmd) = args.first() else {
        out!("{HELP}");
        return Err(CliError::Usage("no command given".into()));
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            out!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        "-V" | "--version" => {
            outln!("lede {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        "analyze" => analyze_cmd(&args[1..]),
        "eval" => eval::run(&args[1..]),
        "bench" => bench::run(&args[1..]),
        "train" => train::run(&args[1..]),
        other => Err(CliError::Usage(format!("unknown command `{other}`"))),
    }
}

fn analyze_cmd(args: &[String]) -> Result<ExitCode, CliError> {
    let mut jsonl = false;
    let mut pretty = None;
    let mut file = None;
    for a in args {
        match a.as_str() {
            "--jsonl" => jsonl = true,
            "--pretty" => pretty = Some(true),
            "--compact" => pretty = Some(false),
            "-h" | "--help" => {
                out!("{HELP}");
                return Ok(ExitCode::SUCCESS);
            }
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option `{s}` for `lede analyze`"))),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err(CliError::Usage("`lede analyze` takes one FILE (use --jsonl for batches)".into()));
                }
            }
        }
    }
    let Some(path) = file else {
        return Err(CliError::Usage("`lede analyze` needs a FILE (or `-` for standard input)".into()));
    };
    let reader = open(&path)?;
    if jsonl {
        analyze_jsonl(&path, reader)
    } else {
        let pretty = pretty.unwrap_or_else(|| std::io::IsTerminal::is_terminal(&io::stdout()));
        analyze_one(&path, reader, pretty)
    }
}

pub(crate) fn open(path: &str) -> Result<Box<dyn BufRead>, CliError> {
    if path == "-" {
        return Ok(Box::new(BufReader::new(io::stdin())));
    }
    let f = File::open(path).map_err(|source| CliError::Read { path: path.to_string(), source })?;
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(CliError::Read {
            path: path.to_string(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "it is a directory, not a file"),
        });
    }
    Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
}

fn display_path(path: &str) -> String {
    if path == "-" { "<stdin>".to_string() } else { path.to_string() }
}

fn analyze_one(path: &str, mut reader: Box<dyn BufRead>, pretty: bool) -> Result<ExitCode, CliError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| CliError::Read { path: display_path(path), source })?;
    bytes.shrink_to_fit();
    let text = String::from_utf8(bytes).map_err(|e| CliError::InvalidUtf8 {
        path: display_path(path),
        line: None,
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.len() > analysis::LEAN_FROM {
        memory::give_back();
    }
    // Written straight from the Report's wire form (no JSON tree in memory: a 10 MB text's tree
    // would take several times the text).
    let report = analysis::analyze(&text, &Options::default());
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    // Compact output is written one field at a time; the indented form (for a terminal) whole.
    let res = if pretty {
        serde_json::to_writer_pretty(&mut out, &wire::to_wire(&text, &report))
    } else {
        wire::write_compact(&mut out, &text, &report)
    };
    res.map_err(|e| CliError::Write(e.into()))?;
    writeln!(out).map_err(CliError::Write)?;
    Ok(ExitCode::SUCCESS)
}

fn analyze_jsonl(path: &str, reader: Box<dyn BufRead>) -> Result<ExitCode, CliError> {
    let shown = display_path(path);
    let stdout = io::stdout();
    let out = io::BufWriter::new(stdout.lock());
    let summary = jsonl::analyze_stream(reader, out, &Options::default(), |e| {
        let e = CliError::record(&shown, e);
        eprintln!("lede: {e}");
        e.to_string()
    })
    .map_err(|e| match e {
        jsonl::StreamError::Read(source) => CliError::Read { path: shown.clone(), source },
        jsonl::StreamError::Write(e) => CliError::Write(e),
    })?;
    if summary.failures > 0 {
        eprintln!("lede: {} of {} lines of {shown} could not be analyzed (see above)", summary.failures, summary.lines);
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}
