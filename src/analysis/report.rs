//! The Report: plain Rust types that every analysis fills in. Offsets are byte offsets into the
//! analyzed text; the JSON shape (camelCase, UTF-16 offsets) is produced in `crate::wire`.

/// A byte range `[start, end)` of the analyzed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// What a paragraph is, judged from its shape and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParagraphKind {
    Heading,
    Body,
    Caption,
    Quote,
    List,
    Boilerplate,
}

impl ParagraphKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Heading => "heading",
            ParagraphKind::Body => "body",
            ParagraphKind::Caption => "caption",
            ParagraphKind::Quote => "quote",
            ParagraphKind::List => "list",
            ParagraphKind::Boilerplate => "boilerplate",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Report::paragraphs`.
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    Exact,
    Near,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Paragraph,
    Sentence,
}

/// One run of a word-level diff between two versions of a passage.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffOp {
    Equal(String),
    Insert(String),
    Delete(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub kind: DuplicateKind,
    pub level: Level,
    pub similarity: f64,
    pub first: Span,
    pub repeat: Span,
    pub diff: Option<Vec<DiffOp>>,
    /// Facts that differ between the two versions of a near repeat.
    pub conflicts: Vec<Conflict>,
    /// A quotation the article deliberately repeats once as a pull quote.
    pub pull_quote: bool,
}

/// A fact that differs between two versions of a passage: "$2.5 billion" against "$2.6 billion".
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// `amount`, `number`, `date`, `time` or `name`.
    pub kind: &'static str,
    pub first: Span,
    pub repeat: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Boilerplate {
    pub span: Span,
    /// A short machine word: `share`, `comment-form`, `counter`, `credit`, ...
    pub reason: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityLabel {
    Per,
    Loc,
    Org,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Cardinal,
    Ordinal,
    Email,
    Url,
}

impl EntityLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Loc => "LOC",
            EntityLabel::Org => "ORG",
            EntityLabel::Misc => "MISC",
            EntityLabel::Date => "DATE",
            EntityLabel::Time => "TIME",
            EntityLabel::Money => "MONEY",
            EntityLabel::Percent => "PERCENT",
            EntityLabel::Quantity => "QUANTITY",
            EntityLabel::Cardinal => "CARDINAL",
            EntityLabel::Ordinal => "ORDINAL",
            EntityLabel::Email => "EMAIL",
            EntityLabel::Url => "URL",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub span: Span,
    pub label: EntityLabel,
    /// Mentions of one thing share a group number.
    pub group: usize,
}

/// Counts and derived figures for one text (raw or clean).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub characters: usize,
    pub characters_no_spaces: usize,
    pub letters: usize,
    pub syllables: usize,
    pub unique_words: usize,
    pub reading_time_seconds: f64,
    pub speaking_time_seconds: f64,
    pub readability: Readability,
}

/// Readability formulas. `None` where the text has no words or sentences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Readability {
    pub flesch_reading_ease: Option<f64>,
    pub flesch_kincaid_grade: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub duplicates: Vec<Duplicate>,
    pub boilerplate: Vec<Boilerplate>,
    pub entities: Vec<Entity>,
    /// Statistics of the clean text (boilerplate and repeats left out).
    pub stats: Stats,
    /// Statistics of the text as given.
    pub raw_stats: Stats,
    /// The article with boilerplate and later repeats removed, paragraph breaks kept.
    pub clean_text: String,
}
