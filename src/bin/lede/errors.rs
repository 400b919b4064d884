//! The CLI's errors: each says what was wrong, where (file, line, byte offset), and what to do.

use std::fmt;

#[derive(Debug)]
pub enum CliError {
    /// The command line itself is wrong.
    Usage(String),
    /// A file could not be opened or read.
    Read { path: String, source: std::io::Error },
    /// The input is not UTF-8; `offset` is the first bad byte.
    InvalidUtf8 { path: String, line: Option<usize>, offset: usize },
    /// A JSON Lines record could not be parsed.
    BadJson { path: String, line: usize, column: usize, message: String },
    /// A JSON Lines record has no string `text` field.
    MissingText { path: String, line: usize },
    /// Writing the output failed (for example a closed pipe).
    Write(std::io::Error),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(msg) => write!(f, "{msg}\nRun `lede --help` for the commands and options."),
            CliError::Read { path, source } => write!(f, "{path}: cannot read the file: {source}"),
            CliError::InvalidUtf8 { path, line: Some(line), offset } => write!(
                f,
                "{path}:{line}: the line is not valid UTF-8 (first bad byte at byte offset {offset} of the file); save the file as UTF-8"
            ),
            CliError::InvalidUtf8 { path, line: None, offset } => write!(
                f,
                "{path}: the text is not valid UTF-8 (first bad byte at byte offset {offset}); save the file as UTF-8"
            ),
            CliError::BadJson { path, line, column, message } => write!(
                f,
                "{path}:{line}:{column}: not a JSON object: {message}; each line must look like {{\"id\": 1, \"text\": \"...\"}}"
            ),
            CliError::MissingText { path, line } => write!(
                f,
                "{path}:{line}: the record has no \"text\" string; each line must look like {{\"id\": 1, \"text\": \"...\"}}"
            ),
            CliError::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for CliError {}

impl CliError {
    /// A bad line of the JSON Lines batch `path`.
    pub fn record(path: &str, e: &lede::jsonl::LineError) -> CliError {
        use lede::jsonl::RecordError;
        let (path, line) = (path.to_string(), e.line);
        match &e.error {
            RecordError::InvalidUtf8 { offset } => CliError::InvalidUtf8 { path, line: Some(line), offset: *offset },
            RecordError::BadJson { column, message } => {
                CliError::BadJson { path, line, column: *column, message: message.clone() }
            }
            RecordError::NotObject => {
                CliError::BadJson { path, line, column: 1, message: "the line is JSON but not an object".into() }
            }
            RecordError::MissingText => CliError::MissingText { path, line },
        }
    }
}
