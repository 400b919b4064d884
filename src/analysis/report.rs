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
    /// Words of one syllable.
    pub monosyllables: usize,
    /// Words of three syllables or more.
    pub polysyllables: usize,
    /// Gunning's complex words: 3+ syllables, not proper nouns, hyphenated compounds or 3 only by -es/-ed/-ing.
    pub complex_words: usize,
    /// Words of more than 6 letters (LIX, RIX).
    pub long_words: usize,
    /// Words not on the familiar-word list (Dale-Chall, Spache).
    pub difficult_words: usize,
    /// Letters and digits inside words (ARI's characters).
    pub word_characters: usize,
    pub reading_time_seconds: f64,
    pub speaking_time_seconds: f64,
    /// Words per minute behind the two times (see `stats::READING_WPM`).
    pub reading_wpm: f64,
    pub speaking_wpm: f64,
    pub readability: Readability,
    /// Distinct words / words (lower-cased).
    pub type_token_ratio: Option<f64>,
    /// Measure of Textual Lexical Diversity (McCarthy & Jarvis 2010), factor size 0.72.
    pub mtld: Option<f64>,
    /// The most frequent content words (lower-cased, stop words left out), most frequent first.
    pub top_words: Vec<WordCount>,
    /// One entry per sentence, in order.
    pub sentence_difficulty: Vec<SentenceDifficulty>,
    /// Formulas whose conditions the text does not meet.
    pub warnings: Vec<StatsWarning>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
}

/// How hard a sentence is, marked the way Hemingway Editor marks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Difficulty {
    #[default]
    Normal,
    Hard,
    VeryHard,
}

impl Difficulty {
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Normal => "normal",
            Difficulty::Hard => "hard",
            Difficulty::VeryHard => "veryHard",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SentenceDifficulty {
    pub span: Span,
    pub words: usize,
    /// ARI grade of the sentence alone.
    pub grade: Option<f64>,
    pub level: Difficulty,
}

/// A readability figure given outside the conditions it was made for: data, not an error.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsWarning {
    /// The formula concerned (`smog`, `linsearWrite`, `spache`, `all`).
    pub formula: &'static str,
    /// A short machine word: `few-sentences`, `short-sample`, `out-of-range`, `not-english`.
    pub code: &'static str,
    pub message: String,
}

/// Readability formulas (see `analysis::readability`). `None` where the text has no words or sentences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Readability {
    pub flesch_reading_ease: Option<f64>,
    pub flesch_kincaid_grade: Option<f64>,
    pub gunning_fog: Option<f64>,
    pub smog: Option<f64>,
    pub coleman_liau: Option<f64>,
    pub automated_readability_index: Option<f64>,
    pub dale_chall: Option<f64>,
    /// Grade band of the Dale-Chall score, upper bound infinite for 16+.
    pub dale_chall_grade: Option<(f64, f64)>,
    pub linsear_write: Option<f64>,
    pub spache: Option<f64>,
    pub lix: Option<f64>,
    pub rix: Option<f64>,
    pub consensus_grade: Option<f64>,
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
