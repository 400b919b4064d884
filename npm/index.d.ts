// Type declarations for lede-analyzer: init(), analyze() and the Report they return.
// Offsets (`start`, `end`) count UTF-16 code units, as String.prototype.slice does:
// `text.slice(span.start, span.end) === span.text` for every span of the analyzed text.

/** What to compute. Every analysis is on by default. */
export interface AnalyzeOptions {
  /** Exact and near repeats of paragraphs and sentences. */
  duplicates?: boolean;
  /** Share buttons, comment forms, counters, credits, bylines and other junk. */
  boilerplate?: boolean;
  /** People, places, organizations, dates, amounts, e-mails and URLs. */
  entities?: boolean;
  /**
   * Passages the user marked as real content: a junk line or a repeat whose text (white space folded)
   * is listed here is not flagged and stays in `cleanText`.
   */
  keep?: string[];
}

/** A stretch of the analyzed text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export type ParagraphKind = 'heading' | 'body' | 'caption' | 'quote' | 'list' | 'boilerplate';

export interface Paragraph extends Span {
  kind: ParagraphKind;
}

export interface Sentence extends Span {
  /** Index into `Report.paragraphs`. */
  paragraph: number;
}

export interface DiffRun {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A fact that differs between two versions of a repeated passage. */
export interface Conflict {
  kind: 'amount' | 'number' | 'date' | 'time' | 'name' | (string & {});
  first: Span;
  repeat: Span;
}

export interface Duplicate {
  kind: 'exact' | 'near';
  level: 'paragraph' | 'sentence';
  /** 1 for an exact repeat, below 1 for a reworded one. */
  similarity: number;
  first: Span;
  repeat: Span;
  /** Word-level differences from `first` to `repeat` (near repeats only). */
  diff?: DiffRun[];
  conflicts: Conflict[];
  /** A quotation deliberately repeated once as a pull quote. */
  pullQuote: boolean;
}

export type BoilerplateReason =
  | 'share' | 'comment-form' | 'counter' | 'credit' | 'byline' | 'timestamp' | 'newsletter'
  | 'copyright' | 'related' | 'ad' | 'source' | (string & {});

export interface Boilerplate extends Span {
  /** A short machine word saying why the span is junk. */
  reason: BoilerplateReason;
}

export type EntityLabel =
  | 'PER' | 'LOC' | 'ORG' | 'MISC' | 'DATE' | 'TIME' | 'MONEY' | 'PERCENT' | 'QUANTITY'
  | 'CARDINAL' | 'ORDINAL' | 'EMAIL' | 'URL';

export interface Entity extends Span {
  label: EntityLabel;
  /** Mentions of one thing share a group ("Putin" and "Vladimir Putin"). */
  group: number;
}

export interface Readability {
  fleschReadingEase: number | null;
  fleschKincaidGrade: number | null;
  gunningFog: number | null;
  smog: number | null;
  colemanLiau: number | null;
  automatedReadabilityIndex: number | null;
  daleChall: number | null;
  /** `[lowest, highest]` US grade; `highest` is null for "16 and above". */
  daleChallGrade: [number | null, number | null] | null;
  linsearWrite: number | null;
  spache: number | null;
  lix: number | null;
  rix: number | null;
  consensusGrade: number | null;
}

export interface WordCount {
  word: string;
  count: number;
}

/** One sentence's difficulty; offsets are into the text the figures are of. */
export interface SentenceDifficulty {
  start: number;
  end: number;
  words: number;
  grade: number | null;
  level: 'normal' | 'hard' | 'veryHard';
}

export interface StatsWarning {
  formula: string;
  code: string;
  message: string;
}

export interface Counts {
  words: number;
  sentences: number;
  paragraphs: number;
  characters: number;
  charactersNoSpaces: number;
  letters: number;
  syllables: number;
  uniqueWords: number;
  monosyllables: number;
  polysyllables: number;
  complexWords: number;
  longWords: number;
  difficultWords: number;
  readingTimeSeconds: number;
  speakingTimeSeconds: number;
  readingWpm: number;
  speakingWpm: number;
  readability: Readability;
  typeTokenRatio: number | null;
  mtld: number | null;
  topWords: WordCount[];
  /** Offsets into `Report.cleanText` (into the analyzed text for `stats.raw`). */
  sentenceDifficulty: SentenceDifficulty[];
  warnings: StatsWarning[];
}

/** Figures of the clean text (boilerplate and repeats left out), with the raw figures beside them. */
export interface Stats extends Counts {
  /** The same figures for the text as given. */
  raw: Counts;
}

export interface Report {
  /** Bumped when a change would break a consumer. */
  version: number;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  duplicates: Duplicate[];
  boilerplate: Boilerplate[];
  entities: Entity[];
  stats: Stats;
  /** The text with boilerplate and later repeats removed, paragraph breaks kept. */
  cleanText: string;
}

/** Anything wasm-bindgen accepts as the module: a URL, a Response, bytes or a compiled module. */
export type InitInput =
  | string | URL | Request | Response | BufferSource | WebAssembly.Module
  | Promise<Response | BufferSource | WebAssembly.Module>;

/**
 * Loads the WebAssembly module; await it once before `analyze`. Without an argument it fetches
 * `lede_bg.wasm` next to the module (browsers) or reads it from disk (Node).
 */
export default function init(source?: InitInput | { module_or_path: InitInput }): Promise<void>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;

/**
 * Analyzes `text`. Never fails on odd text; throws an `Error` when `text` is not a string,
 * when `options` is not an object of booleans, or before `init()` has finished.
 */
export function analyze(text: string, options?: AnalyzeOptions): Report;

/**
 * Resolves to the same Report as `analyze`. A text of 64 K characters or more has its entities
 * found on a worker (a Node worker thread or a module Web Worker) while the calling thread
 * analyzes the rest; a shorter one is analyzed on the calling thread.
 */
export function analyzeAsync(text: string, options?: AnalyzeOptions): Promise<Report>;
