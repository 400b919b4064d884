//! Boilerplate: the junk that comes along when an article is copied from a web page (share
//! buttons, comment forms, view counters, photo credits, bylines, newsletter prompts, "Advertisement",
//! "Related:" links, copyright lines). Every rule lives in [`RULES`], in one place, with the
//! examples that motivated it as table cases in the tests below; add a rule there, then its cases.
//!
//! The rules look at whole lines only (a paragraph unit, or a sentence that sits alone on its own
//! line) and only at short ones. They are deliberately narrow: a real sentence of the article must
//! never be flagged, so when a line is only probably junk, it is left alone.

use super::report::{Boilerplate, Paragraph, ParagraphKind, Sentence, Span};

/// Lines longer than this are never junk, whatever they contain.
const MAX_WORDS: usize = 40;

/// One line prepared for the rules.
pub struct Line<'a> {
    /// The line as written, trimmed.
    pub raw: &'a str,
    /// Lower case, white space collapsed, decorations (bullets, pipes, arrows, icons) stripped
    /// from both ends, and a trailing colon removed.
    pub norm: String,
    /// The words of `norm` (split on white space).
    pub words: Vec<&'a str>,
}

impl<'a> Line<'a> {
    pub fn new(raw: &'a str) -> Line<'a> {
        let raw = raw.trim();
        // Plain ASCII is split and lower-cased byte by byte: the common case.
        let ascii = plain_ascii(raw);
        // Lines that reach here have at most about 30 words (`classify`): one allocation for them.
        let mut words: Vec<&str> = Vec::with_capacity(32);
        if ascii {
            words.extend(raw.split_ascii_whitespace());
        } else {
            words.extend(raw.split_whitespace());
        }
        let mut joined = String::with_capacity(raw.len());
        if ascii {
            // One pass, one allocation.
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    joined.push(' ');
                }
                joined.push_str(w);
            }
            joined.make_ascii_lowercase();
        } else {
            joined = words.join(" ").to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
        }
        let is_decoration = |c: char| !(c.is_alphanumeric() || "©()$€£\"'\u{201C}".contains(c));
        let kept = joined.trim_matches(is_decoration).trim_end_matches(':').trim();
        let (from, to) = (kept.as_ptr() as usize - joined.as_ptr() as usize, kept.len());
        joined.truncate(from + to);
        joined.drain(..from);
        Line { raw, norm: joined, words }
    }
    fn is(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.norm == *p)
    }
    fn starts(&self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.norm.starts_with(p))
    }
    fn n(&self) -> usize {
        self.words.len()
    }
    /// The lower-case words of `norm` with surrounding punctuation removed (split at `|` and `/`
    /// too), without allocating.
    fn tokens(&self) -> impl Iterator<Item = &str> + Clone {
        self.norm
            .split(|c: char| c.is_whitespace() || c == '|' || c == '/')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
    }
}

/// ASCII text without a vertical tab, which `split_ascii_whitespace` splits into the same words as
/// `split_whitespace` (a vertical tab is white space to the second only).
fn plain_ascii(s: &str) -> bool {
    s.is_ascii() && !s.contains('\u{b}')
}

/// A rule: the reason it reports and the test on one line.
pub struct Rule {
    pub reason: &'static str,
    pub matches: fn(&Line) -> bool,
}

/// The rules, tried in order; the first that matches gives the reason.
pub const RULES: &[Rule] = &[
    Rule { reason: "ad", matches: ad },
    Rule { reason: "share", matches: share },
    Rule { reason: "comment-form", matches: comment_form },
    Rule { reason: "counter", matches: counter },
    Rule { reason: "credit", matches: credit },
    Rule { reason: "byline", matches: byline },
    Rule { reason: "timestamp", matches: timestamp },
    Rule { reason: "newsletter", matches: newsletter },
    Rule { reason: "copyright", matches: copyright },
    Rule { reason: "related", matches: related },
    Rule { reason: "source", matches: source },
    Rule { reason: "navigation", matches: navigation },
    Rule { reason: "tags", matches: tags },
    Rule { reason: "cookie", matches: cookie },
    Rule { reason: "wire-note", matches: wire_note },
    Rule { reason: "gallery", matches: gallery },
    Rule { reason: "notice", matches: notice },
    Rule { reason: "policy", matches: policy },
];

/// "Advertisement", "Story continues below advertisement", "Sponsored content".
fn ad(l: &Line) -> bool {
    l.is(AD)
}

const AD: &[&str] = &[
    "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsored content",
    "paid content", "paid post", "promoted", "promoted content", "adchoices",
    "story continues below advertisement", "article continues below advertisement", "article continues below",
    "story continues below", "continue reading below", "scroll to continue with content",
    "advertisement - scroll to continue", "advertisement – scroll to continue", "content continues below",
];

const SOCIAL: &[&str] = &[
    "facebook", "twitter", "x", "linkedin", "whatsapp", "reddit", "pinterest", "email", "e-mail", "telegram",
    "threads", "bluesky", "mastodon", "print", "copy", "link", "share", "tweet", "messenger", "flipboard", "sms",
    "mail",
];

const SHARE: &[&str] = &[
    "share", "share this", "share this article", "share this story", "share this post", "share article",
    "share story", "email this article", "email this story", "email this", "tweet", "tweet this", "pin it",
    "copy link", "copy link to clipboard", "link copied", "print", "print this article", "print this page",
    "gift this article", "gift article", "save", "save article", "save for later", "save story",
    "reuse this content", "republish this article", "republish this story", "listen to this article",
    "share via email", "share full article", "send by email",
];
const SHARE_ON: &[&str] = &["share on ", "share to ", "share via ", "share with ", "post to "];
const FOLLOW: &[&str] = &["follow us on ", "follow us at ", "like us on ", "follow @"];

/// "Share on Facebook", "Email this article", "Facebook | Twitter | LinkedIn", "Follow us on X".
fn share(l: &Line) -> bool {
    if l.is(SHARE) {
        return true;
    }
    if l.n() <= 5 && l.starts(SHARE_ON) {
        return true;
    }
    if l.n() <= 8 && l.starts(FOLLOW) {
        return true;
    }
    // `all` stops at the first word that is not a network, so most lines leave at once.
    l.tokens().all(|w| SOCIAL.contains(&w)) && (2..=10).contains(&l.tokens().take(11).count())
}

/// Form labels that are junk only beside another comment-form line ("Name", "Website").
const FORM_FIELDS: &[&str] =
    &["name", "email", "e-mail", "website", "comment", "your comment", "your name", "url", "message"];

/// "Leave a comment", "Your email address will not be published.", "Name *", "Post Comment".
fn comment_form(l: &Line) -> bool {
    if l.is(COMMENT_FORM) {
        return true;
    }
    if l.n() <= 25 && l.starts(FORM_NOTICES) {
        return true;
    }
    // A form field with a required-marker: "Name *", "Email *".
    l.n() <= 3 && l.raw.ends_with('*') && l.raw.chars().count() <= 25 && {
        let label = l.norm.trim_end_matches(['*', ' ']);
        FORM_FIELDS.contains(&label) || label.split(' ').all(|w| FORM_FIELDS.contains(&w) || w == "your")
    }
}

const COMMENT_FORM: &[&str] = &[
    "leave a comment", "leave a reply", "leave a reply cancel reply", "post comment", "post a comment",
    "submit comment", "cancel reply", "comments", "add a comment", "add comment", "join the conversation",
    "join the discussion", "show comments", "view comments", "load comments", "hide comments", "log in to comment",
    "sign in to comment", "comment", "reply", "write a comment", "you must be logged in to post a comment",
    "comments are closed", "comments are closed for this article", "be the first to comment",
];
const FORM_NOTICES: &[&str] = &[
    "your email address will not be published", "your email will not be published",
    "required fields are marked", "save my name, email, and website in this browser",
    "save my name, email and website in this browser", "this site uses akismet",
];

const COUNTER_STRONG: &[&str] = &[
    "views", "view", "shares", "comments", "likes", "reads", "read", "reading", "reactions", "replies", "claps",
    "plays", "listens",
];
const COUNTER_WEAK: &[&str] = &["min", "mins", "minute", "minutes", "time", "times", "seen", "so", "far", "k", "m"];

/// Is this a count such as `12,408`, `1.2k`, `3M`?
fn is_count(w: &str) -> bool {
    let w = w.trim_end_matches(['k', 'm']);
    !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// "12,408 views", "5 min read", "Reading time: 4 minutes", "Views: 1,204", "38 comments".
fn counter(l: &Line) -> bool {
    // "Sports | 4 min read", "3 min read · 1,204 views": labels of two words at most beside counters.
    let seps = ['|', '\u{B7}', '\u{2022}'];
    let has_sep = if l.raw.is_ascii() { l.raw.as_bytes().contains(&b'|') } else { l.raw.contains(seps) };
    if has_sep {
        let parts: Vec<Line> = l.raw.split(seps).map(Line::new).filter(|p| !p.norm.is_empty()).collect();
        return parts.len() >= 2
            && parts.len() <= 4
            && parts.iter().any(counter_part)
            && parts.iter().all(|p| counter_part(p) || p.n() <= 2 && !p.raw.ends_with('.'));
    }
    counter_part(l)
}

fn counter_part(l: &Line) -> bool {
    // A count starts with a digit: most lines leave here.
    if !l.norm.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // One to five tokens, read once.
    let mut tokens = [""; 5];
    let mut n = 0;
    for w in l.tokens() {
        if n == tokens.len() {
            return false;
        }
        tokens[n] = w;
        n += 1;
    }
    let tokens = &tokens[..n];
    tokens.iter().any(|w| is_count(w))
        && tokens.iter().any(|w| COUNTER_STRONG.contains(w))
        && tokens.iter().all(|w| is_count(w) || COUNTER_STRONG.contains(w) || COUNTER_WEAK.contains(w))
}

/// A short run of capitalized words (names, agencies) with a few connectors: "Daniel Reyes/Coastal
/// Ledger", "Jane Doe for The Ledger", "AP".
fn name_like(words: &[&str], max: usize) -> bool {
    const CONNECTORS: &[&str] = &[
        "and", "of", "the", "for", "via", "de", "van", "von", "da", "del", "la", "le", "y", "&", "/", "|", "-",
        "\u{2014}",
    ];
    !words.is_empty()
        && words.len() <= max
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '"'));
            w.is_empty()
                || CONNECTORS.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(|c| c.is_uppercase())
        })
        && !words.last().is_some_and(|w| w.ends_with(['.', '!', '?']) && !is_initial(w))
}

/// "J." or "Jr." at the end of a name is not a sentence end.
fn is_initial(w: &str) -> bool {
    let core = w.trim_end_matches('.');
    core.chars().count() == 1 || matches!(core, "Jr" | "Sr" | "Inc" | "Ltd" | "Co")
}

const CREDIT_HEADS: &[&str] = &[
    "photo:", "photos:", "photo by", "photos by", "photograph:", "photograph by", "photography:", "image:",
    "images:", "image by", "picture:", "illustration:", "illustration by", "video:", "graphic:", "graphics:",
    "credit:", "photo credit:", "image credit:", "courtesy of", "courtesy:", "photo courtesy of", "file photo:",
    "(photo:", "(photo by", "(ap photo", "(reuters", "(getty",
];
const AGENCIES: &[&str] = &[
    "getty images", "afp via getty images", "shutterstock", "istock", "alamy", "ap photo", "reuters", "epa-efe", "afp",
];

/// "Photo: Daniel Reyes/Coastal Ledger", "(AP Photo/Jane Doe)", "Getty Images", "Courtesy of the family".
fn credit(l: &Line) -> bool {
    // Only the heads with the line's first byte can start it.
    let first = l.norm.as_bytes().first().copied();
    for head in CREDIT_HEADS.iter().filter(|h| h.as_bytes().first().copied() == first) {
        if l.norm.starts_with(head) {
            let rest_len = head.split_whitespace().count();
            let rest = &l.words[rest_len.min(l.n())..];
            if rest.is_empty() {
                return false;
            }
            // "Photo: Residents wade through the water." is a caption, not a credit.
            return name_like(rest, 8);
        }
    }
    // "Getty Images", "Jane Doe/Getty Images", "Reuters/Jane Doe".
    l.n() <= 6
        && name_like(&l.words, 6)
        && AGENCIES
            .iter()
            .any(|a| l.norm == *a || l.norm.ends_with(&format!("/{a}")) || l.norm.starts_with(&format!("{a}/")))
}

const BYLINE_HEADS: &[&str] = &[
    "by ", "written by ", "words by ", "story by ", "reporting by ", "additional reporting by ", "with reporting by ",
    "compiled by ", "writing by ",
];

/// "By Marta Okonkwo, Staff Reporter", "Reporting by Ann Lee; Editing by Tom Hart".
fn byline(l: &Line) -> bool {
    const ROLES: &[&str] = &[
        "staff", "writer", "reporter", "correspondent", "editor", "contributor", "special", "to", "senior",
        "political", "business", "sports", "science", "health", "reporters", "writers", "and", "the", "in",
    ];
    const NOT_NAMES: &[&str] = &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "then", "now",
        "contrast", "comparison", "law", "far", "all", "noon", "midnight",
    ];
    // Wire services put the credits in brackets: "(Reporting by Ann Lee; Editing by Tom Hart)".
    let bracketed = l.norm.starts_with('(') && l.raw.ends_with(')');
    let norm = if bracketed { &l.norm[1..] } else { &l.norm[..] };
    let Some(head) = BYLINE_HEADS.iter().find(|s| norm.starts_with(**s)) else {
        return false;
    };
    let skip = head.split_whitespace().count();
    let most = if *head == "by " { 16 } else { 24 };
    if l.n() > most || l.n() < skip + 1 {
        return false;
    }
    let rest = &l.words[skip..];
    let first = rest[0].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if NOT_NAMES.contains(&first.as_str()) || !rest[0].chars().next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    // Each `;`-separated part ("Editing by Tom Hart") is a name list with roles.
    rest.iter().all(|w| {
        let bare = w.trim_matches(|c: char| matches!(c, ',' | ';' | '|' | '(' | ')'));
        let lower = bare.to_lowercase();
        bare.is_empty()
            || bare.chars().next().is_some_and(|c| c.is_uppercase())
            || ROLES.contains(&lower.as_str())
            || matches!(
                lower.as_str(),
                "by" | "editing" | "&" | "|" | "\u{2014}" | "-" | "of" | "de" | "van" | "von" | "da" | "for"
                    | "reporting" | "additional" | "writing" | "with"
            )
    }) && !rest.last().is_some_and(|w| w.ends_with(['.', '!', '?']) && !is_initial(w))
}

const MONTHS: &[&str] = &[
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug",
    "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
];
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun",
];
const TIME_WORDS: &[&str] = &[
    "a.m", "p.m", "am", "pm", "et", "edt", "est", "ct", "cdt", "cst", "pt", "pdt", "pst", "mt", "gmt", "utc", "bst",
    "cet", "cest", "on", "at", "updated", "published", "posted", "last", "first", "modified", "ago", "hour", "hours",
    "minute", "minutes", "min", "mins", "day", "days", "today", "yesterday", "and", "m", "p", "a",
];

/// Compared with the line's start as they are: "published" starts "publishedat" too (see `LEADS`).
const TIMESTAMP_HEADS: &[&str] =
    &["published", "updated", "posted", "last updated", "first published", "last modified", "modified"];

/// "Published October 14, 2025, 7:15 a.m. ET", "Updated 3 hours ago", "Posted on 12/03/2024".
fn timestamp(l: &Line) -> bool {
    if l.n() > 16 || !l.starts(TIMESTAMP_HEADS) {
        return false;
    }
    let t: Vec<&str> = l.tokens().collect();
    t.len() >= 2
        && t.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()) || *w == "today" || *w == "yesterday")
        && t.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ',' | '-' | '/'))
                || MONTHS.contains(w)
                || WEEKDAYS.contains(w)
                || TIME_WORDS.contains(w)
                || w.trim_end_matches(['.', ',']).chars().all(|c| c.is_ascii_digit() || c == ':') && !w.is_empty()
                || w.ends_with("am") && w.starts_with(|c: char| c.is_ascii_digit())
                || w.ends_with("pm") && w.starts_with(|c: char| c.is_ascii_digit())
        })
}

const NEWSLETTER: &[&str] = &[
    "subscribe", "subscribe now", "subscribe today", "sign up", "sign up now", "sign me up", "newsletter",
    "newsletters", "enter your email", "enter your email address", "your email address", "email address",
    "your email", "subscribe to our newsletter", "subscribe to our newsletters", "thank you for signing up",
    "thanks for signing up", "already a subscriber? log in", "already a subscriber? sign in",
    "subscribe to continue reading", "get our newsletter", "join our newsletter", "support our journalism",
    "become a member", "unlock this article", "this article is for subscribers only",
];
const NEWSLETTER_SIGN_UP: &[&str] = &["sign up for ", "subscribe to ", "get the ", "get our "];
const NEWSLETTER_TERMS: &[&str] = &[
    "by signing up, you agree", "by signing up you agree", "by subscribing, you agree",
    "by subscribing you agree", "by clicking sign up",
];

/// "Sign up for our morning newsletter", "Enter your email address", "Subscribe".
fn newsletter(l: &Line) -> bool {
    if l.is(NEWSLETTER) {
        return true;
    }
    if l.n() <= 14
        && l.starts(NEWSLETTER_SIGN_UP)
        && (l.norm.contains("newsletter")
            || l.norm.contains("inbox")
            || l.norm.contains("alerts")
            || l.norm.contains("briefing"))
    {
        return true;
    }
    l.n() <= 30 && l.starts(NEWSLETTER_TERMS)
}

const COPYRIGHT: [&str; 2] = ["(c) ", "copyright "];

/// "© 2025 Coastal Ledger Media. All rights reserved.", "Copyright 2024 The Ledger".
fn copyright(l: &Line) -> bool {
    if l.n() > 20 {
        return false;
    }
    let year_like = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).count() >= 4;
    l.norm.starts_with('©')
        || l.norm.starts_with(COPYRIGHT[0]) && year_like(&l.norm)
        || l.norm.starts_with(COPYRIGHT[1]) && (year_like(&l.norm) || l.norm.contains('©'))
        || l.norm.contains("all rights reserved")
}

const RELATED: &[&str] = &[
    "related", "related stories", "related articles", "related content", "related coverage", "related links",
    "read more", "read next", "more stories", "more news", "recommended", "recommended for you",
    "recommended stories", "you may also like", "you might also like", "most popular", "most read", "trending",
    "trending now", "more on this story", "top stories", "editor's picks", "what to read next",
];
const RELATED_FROM: &[&str] = &[
    "more from ", "also on ", "more stories from ", "more galleries from ", "more photos from ",
    "more videos from ",
];
const RELATED_HEADS: &[&str] = &[
    "related:", "read more:", "read also:", "also read:", "see also:", "more:", "recommended:", "read next:",
    "up next:", "related story:", "related article:", "related coverage:", "related reading:",
    "further reading:", "more coverage:", "don't miss:", "must read:", "read:",
];

/// "Related: How three coastal towns paid for their sea walls", "Read more: ...", "More from ...".
fn related(l: &Line) -> bool {
    if l.is(RELATED) {
        return true;
    }
    if l.n() <= 8
        && !l.raw.ends_with(['.', '!', '?', ','])
        && l.starts(RELATED_FROM)
    {
        return true;
    }
    l.n() <= 25
        && l.starts(RELATED_HEADS)
}

const SOURCE: &[&str] = &[
    "source:", "sources:", "source -", "source \u{2014}", "via:",
];
const REPUBLISHED: &[&str] = &[
    "this article was originally published", "this story was originally published",
    "this article originally appeared", "this story originally appeared", "this article first appeared",
    "this story first appeared", "this article was first published", "this story was first published",
    "originally published by ", "this article is republished", "this story is republished",
];

/// "Source: Reuters", "Sources: AP, AFP, local media", and republication notices: "This article was
/// originally published by The Ledger Project, a nonprofit newsroom ...".
fn source(l: &Line) -> bool {
    l.n() <= 10 && l.starts(SOURCE)
        || l.n() <= 40
            && l.starts(REPUBLISHED)
}

const NAVIGATION: &[&str] = &[
    "skip to content", "skip to main content", "skip to navigation", "menu", "main menu", "open menu",
    "close menu", "back to top", "top", "next article", "previous article", "next story", "previous story",
    "search", "close", "home", "log in", "sign in", "login", "go to homepage", "toggle navigation",
];

/// "Skip to main content", "Home > News > Local", "Back to top".
fn navigation(l: &Line) -> bool {
    if l.is(NAVIGATION) {
        return true;
    }
    // Breadcrumbs: "Home > News > Local", "News › World".
    let seps = if l.raw.is_ascii() {
        l.raw.bytes().filter(|&b| b == b'>').count()
    } else {
        l.raw.matches(['>', '\u{203A}', '\u{BB}']).count()
    };
    seps >= 1
        && l.n() <= 12
        && l.raw.split(['>', '\u{203A}', '\u{BB}']).all(|part| {
            let part = part.trim();
            !part.is_empty() && part.split_whitespace().count() <= 3 && !part.ends_with(['.', '!', '?'])
        })
        && (seps >= 2 || l.norm.starts_with("home"))
}

const TAGS: &[&str] = &[
    "tags:", "tags ", "topics:", "filed under:", "categories:", "category:", "keywords:", "more about:",
];

/// "Tags: flood, Maine, city council", "Filed under: Politics".
fn tags(l: &Line) -> bool {
    l.n() <= 25
        && l.starts(TAGS)
        && !l.raw.ends_with('.')
        && (l.raw.contains(':') || l.n() <= 8)
}

const COOKIE_NOTICES: &[&str] = &["we use cookies", "this site uses cookies", "this website uses cookies"];
const COOKIE: &[&str] = &[
    "accept all cookies", "accept cookies", "accept all", "reject all", "manage preferences", "cookie settings",
    "cookie policy", "privacy policy", "terms of use", "terms of service", "privacy policy | terms of use",
];

/// "We use cookies to improve your experience. Accept all", "Manage preferences".
fn cookie(l: &Line) -> bool {
    l.is(COOKIE) || l.n() <= 40
        && l.norm.contains("cookies")
        && l.starts(COOKIE_NOTICES)
}

/// Wire-service update notes in brackets: "(Adds union comment in paragraphs 6-8, updates share
/// prices)", "(Recasts with details)".
fn wire_note(l: &Line) -> bool {
    const VERBS: &[&str] = &[
        "adds", "updates", "recasts", "corrects", "rewrites", "refiles", "changes", "removes", "fixes", "writes",
        "repeats", "moves", "deletes", "inserts", "clarifies", "amends", "edits", "replaces", "combines", "advances",
    ];
    l.n() <= 20
        && l.raw.starts_with('(')
        && l.raw.ends_with(')')
        && !l.raw[1..l.raw.len() - 1].contains(['(', ')'])
        // A bracketed sentence of the story ends with its own full stop.
        && !l.raw.ends_with(".)")
        && l.norm[1..].split(' ').next().is_some_and(|w| VERBS.contains(&w.trim_end_matches(',')))
}

const GALLERY: &[&str] = &[
    "enlarge this image", "enlarge image", "hide caption", "toggle caption", "show caption", "view gallery",
    "open gallery", "launch gallery", "close gallery", "view slideshow", "start slideshow", "expand image",
    "next image", "previous image", "next photo", "previous photo", "view all photos", "see all photos",
    "fullscreen", "full screen", "exit fullscreen",
];

/// Photo gallery controls: "Photo 3 of 12", "4 / 12", "Enlarge this image", "Hide caption".
fn gallery(l: &Line) -> bool {
    if l.is(GALLERY) {
        return true;
    }
    // A position in the gallery, with at most a word naming what is counted.
    if l.n() > 4 || !l.norm.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let t: Vec<&str> = l.tokens().take(5).collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    let head = |w: &str| matches!(w, "photo" | "photos" | "image" | "images" | "picture" | "pictures" | "slide");
    match t.as_slice() {
        [h, a, "of", b] => head(h) && number(a) && number(b),
        [a, "of", b] => number(a) && number(b) && !l.raw.ends_with('.'),
        [a, b] => number(a) && number(b) && l.raw.contains('/') && l.raw.len() <= 12,
        _ => false,
    }
}

const NOTICES: &[&str] = &[
    "please turn on javascript", "please enable javascript", "you need to enable javascript",
    "javascript is disabled", "javascript is required", "your browser does not support",
    "this content is not available in your", "this video is not available in your",
];
const NOTICE: &[&str] = &[
    "show key events only", "pinned post", "load more", "load more updates", "show more",
];

/// Notices of the page itself: "Please turn on JavaScript to see live updates automatically.".
fn notice(l: &Line) -> bool {
    l.n() <= 20
        && l.starts(NOTICES)
        // Not "Key events" alone: it heads a live blog's summary of real points (10_storm_live).
        || l.is(NOTICE)
}

const POLICY_HEADS: &[&str] = &[
    "our standards:", "editorial standards:",
];
const POLICY: &[&str] = &[
    "our standards", "editorial standards", "corrections policy", "ethics policy", "editorial guidelines",
];

/// Links to the publisher's policies: "Our Standards: The Meridian Wire Trust Principles.".
fn policy(l: &Line) -> bool {
    l.n() <= 12 && l.starts(POLICY_HEADS)
        || l.is(POLICY)
}

/// Every list of phrases a rule compares a line with, whole (`Line::is`) or at its start
/// (`Line::starts`), and of words some rule needs a line to start with: the first word of any of
/// them is a line's way in past `may_match`. A rule that compares the start of a line with a new
/// list adds it here (the debug check in `classify` fails on its examples otherwise).
const LEADS: &[&[&str]] = &[
    AD, SHARE, SHARE_ON, FOLLOW, SOCIAL, COMMENT_FORM, FORM_NOTICES, CREDIT_HEADS, AGENCIES, BYLINE_HEADS,
    NEWSLETTER, NEWSLETTER_SIGN_UP, NEWSLETTER_TERMS, &COPYRIGHT, RELATED, RELATED_FROM, RELATED_HEADS, SOURCE,
    REPUBLISHED, NAVIGATION, TAGS, COOKIE, COOKIE_NOTICES, GALLERY, NOTICES, NOTICE, POLICY_HEADS, POLICY,
];

/// Lists compared with a line's start whose phrases can end inside its first word: "published"
/// starts "publishedat" too (`starts` does not stop at a word's end).
const OPEN_LEADS: &[&[&str]] = &[TIMESTAMP_HEADS];

/// The leading letters of each phrase in `LEADS` and `OPEN_LEADS` ("related" for "related:", "e"
/// for "e-mail"), lower case, sorted; and apart, those of `OPEN_LEADS` phrases that are letters only,
/// which a longer first word can start. Each is packed: its (at most 16) letters zero-padded into a
/// `u128`, so that comparing two is comparing two numbers (letters are never zero); a stem comes with
/// the mask of its bytes.
struct Leads {
    words: Vec<u128>,
    stems: Vec<(u128, u128)>,
}

/// Up to 16 bytes, zero-padded, as a number (the first byte lowest).
fn packed(word: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    buf[..word.len().min(16)].copy_from_slice(&word[..word.len().min(16)]);
    u128::from_le_bytes(buf)
}

fn leads() -> &'static Leads {
    static LEADS_OF: std::sync::OnceLock<Leads> = std::sync::OnceLock::new();
    LEADS_OF.get_or_init(|| {
        let mut words = Vec::new();
        let mut stems = Vec::new();
        let lists = LEADS.iter().map(|l| (l, false)).chain(OPEN_LEADS.iter().map(|l| (l, true)));
        for (phrase, open) in lists.flat_map(|(list, open)| list.iter().map(move |p| (p, open))) {
            let p = phrase.trim_start_matches(|c: char| !c.is_ascii_alphanumeric()).as_bytes();
            let n = p.iter().take_while(|b| b.is_ascii_lowercase()).count();
            if n == 0 {
                continue;
            }
            // A first word is looked up only when it has at most 16 letters.
            if n <= 16 {
                words.push(packed(&p[..n]));
                if open && n == p.len() {
                    stems.push((packed(&p[..n]), packed(&[0xFF; 16][..n])));
                }
            }
        }
        words.sort_unstable();
        words.dedup();
        Leads { words, stems }
    })
}

/// Could any rule flag `line`? A test on its bytes that allocates nothing, run before the rules: a
/// line gets past it when its first word is one a rule's phrase starts with (`LEADS`), or when it
/// has what some other rule looks for: `|` or `>` (separators, breadcrumbs), a leading `(` (wire
/// notes), a final `*` (form fields), a bullet, `›`, `»` or `©`, a digit in five words or fewer
/// (counters, gallery positions), `/` in six words or fewer (agency credits), or "reserved"
/// (copyright). Most sentences of an article have none of these and leave here.
fn may_match(line: &str) -> bool {
    let line = line.trim();
    let b = line.as_bytes();
    if b.first() == Some(&b'(') || b.last() == Some(&b'*') {
        return true;
    }
    let seen = b.iter().fold(0u8, |seen, &c| seen | BYTE_MARKS[c as usize]);
    if seen & MARK_SEPARATOR != 0 {
        return true;
    }
    if seen & MARK_WIDE != 0 && line.contains(['\u{B7}', '\u{2022}', '\u{203A}', '\u{BB}', '\u{A9}']) {
        return true;
    }
    // The first word's leading letters: a phrase's first word, or one a timestamp's head starts.
    let Some(start) = line.find(|c: char| c.is_alphanumeric()) else {
        return false;
    };
    let run = b[start..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    // A letter outside ASCII at the start or end of the run may lower-case to an ASCII one.
    if b[start] >= 0x80 || b.get(start + run).is_some_and(|&c| c >= 0x80) {
        return true;
    }
    if run > 0 {
        let mut lower = [0u8; 16];
        for (l, c) in lower.iter_mut().zip(&b[start..start + run]) {
            *l = c.to_ascii_lowercase();
        }
        let word = u128::from_le_bytes(lower);
        let leads = leads();
        // A stem starts the word when the word's bytes under its mask are the stem's.
        let open = || leads.stems.iter().any(|&(stem, mask)| word & mask == stem);
        if run <= 16 && leads.words.binary_search(&word).is_ok() || open() {
            return true;
        }
    }
    // Words split at ASCII white space, so never more than `Line::new` finds; counted up to a few.
    let words = || line.split_ascii_whitespace();
    seen & MARK_DIGIT != 0 && words().filter(|w| w.bytes().any(|c| c.is_ascii_alphanumeric())).nth(5).is_none()
        || seen & MARK_SLASH != 0 && words().nth(6).is_none()
        || seen & MARK_V != 0 && has_reserved(line)
}

/// Does `line` contain "reserved" in any case? Found at its `v`s, looked for eight bytes at a time.
fn has_reserved(line: &str) -> bool {
    let b = line.as_bytes();
    let at_v = |i: usize| i >= 5 && b.get(i - 5..i + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"reserved"));
    // Setting bit 5 makes `V` a `v` (and no other byte one).
    let mut from = 0;
    while let Some(i) = super::bytes::next_of(b, from, b"v", 0x20) {
        if at_v(i) {
            return true;
        }
        from = i + 1;
    }
    false
}

const MARK_SEPARATOR: u8 = 1;
const MARK_DIGIT: u8 = 2;
const MARK_SLASH: u8 = 4;
const MARK_WIDE: u8 = 8;
const MARK_V: u8 = 16;

/// What `may_match` notes of each byte: `|` and `>` (separators, breadcrumbs), digits, `/`, the
/// bytes of characters outside ASCII, and `v` (of "reserved").
const BYTE_MARKS: [u8; 256] = {
    let mut marks = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        marks[c] = match c as u8 {
            b'|' | b'>' => MARK_SEPARATOR,
            b'0'..=b'9' => MARK_DIGIT,
            b'/' => MARK_SLASH,
            b'v' | b'V' => MARK_V,
            0x80.. => MARK_WIDE,
            _ => 0,
        };
        c += 1;
    }
    marks
};

/// The reason `line` is junk, or `None`.
pub fn classify(line: &str) -> Option<&'static str> {
    // Most article paragraphs are longer than any rule allows.
    if line.len() > 600 {
        return None;
    }
    if !may_match(line) {
        // The gate must never turn away a line a rule would flag.
        debug_assert_eq!(rules(line), None, "may_match turned away {line:?}");
        return None;
    }
    rules(line)
}

/// The first rule that flags `line`, if any.
fn rules(line: &str) -> Option<&'static str> {
    // Skip long lines before any allocation. Only the cookie rule looks at more than 30 words.
    let more_than_30_words = if plain_ascii(line) {
        line.split_ascii_whitespace().nth(30).is_some()
    } else {
        line.split_whitespace().nth(30).is_some()
    };
    if line.len() > 600 || more_than_30_words && !line.contains("ookie") {
        return None;
    }
    let l = Line::new(line);
    if l.norm.is_empty() || l.n() > MAX_WORDS {
        return None;
    }
    RULES.iter().find(|r| (r.matches)(&l)).map(|r| r.reason)
}

/// Is all the non-space text of `span` inside the `junk` spans (sorted by start)?
pub fn covered(text: &str, span: Span, junk: &[Span]) -> bool {
    let mut pos = span.start;
    // Sorted by start; spans nest at most a few deep, so a few steps back find any that reach in.
    let first = junk.partition_point(|j| j.start < span.start).saturating_sub(8);
    for j in &junk[first..] {
        if j.start >= span.end {
            break;
        }
        if j.end <= pos {
            continue;
        }
        if j.start > pos && !text[pos..j.start].trim().is_empty() {
            return false;
        }
        pos = pos.max(j.end);
    }
    pos >= span.end || text[pos..span.end].trim().is_empty()
}

/// Does `span` cover whole lines of `text` (only white space between it and the line breaks)?
fn alone_on_lines(text: &str, span: Span) -> bool {
    // Only white space may stand between the span and a line break (or the text's ends).
    let before = text[..span.start].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    let after = text[span.end..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
    (before.is_empty() || before.ends_with('\n')) && (after.is_empty() || after.starts_with('\n'))
}

/// Candidate line `unit` of `detect`, or each of its lines where it has several and all are junk.
fn push_unit(text: &str, (span, reason): (Span, Option<&'static str>), units: &mut Vec<(Span, Option<&'static str>)>) {
    let slice = span.slice(text);
    if reason.is_none() && slice.contains('\n') {
        let mut lines = Vec::new();
        let mut at = span.start;
        for line in slice.split('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let lead = line.len() - line.trim_start().len();
                lines.push((Span::new(at + lead, at + lead + trimmed.len()), classify(trimmed)));
            }
            at += line.len() + 1;
            if lines.last().is_some_and(|l| l.1.is_none()) {
                break;
            }
        }
        if lines.len() >= 2 && lines.iter().all(|(_, r)| r.is_some()) {
            units.extend(lines);
            return;
        }
    }
    units.push((span, reason));
}

/// The boilerplate of a text split into `paragraphs` and `sentences`, in document order. A whole
/// paragraph unit is flagged when it matches a rule; inside a longer paragraph, only a sentence
/// that stands alone on its line can be. Short form labels ("Website") count only next to another
/// comment-form line.
pub fn detect(text: &str, paragraphs: &[Paragraph], sentences: &[Sentence]) -> Vec<Boilerplate> {
    // Candidate lines: every paragraph; the sentences of multi-sentence paragraphs on their own
    // line. A unit of several lines that are each junk ("Image: ...\nMore from ..." read as wrapped
    // prose): each line is flagged on its own. (One list, room made for a unit per sentence: a text
    // of short lines is not copied from list to list.)
    let mut units: Vec<(Span, Option<&'static str>)> = Vec::with_capacity(sentences.len().max(paragraphs.len()));
    let mut si = 0;
    for (pi, p) in paragraphs.iter().enumerate() {
        while si < sentences.len() && sentences[si].paragraph < pi {
            si += 1;
        }
        let own = si;
        while si < sentences.len() && sentences[si].paragraph == pi {
            si += 1;
        }
        let (own, whole) = (&sentences[own..si], classify(p.span.slice(text)));
        if whole.is_some() || own.len() <= 1 {
            push_unit(text, (p.span, whole), &mut units);
        } else {
            for s in own {
                let reason = if alone_on_lines(text, s.span) { classify(s.span.slice(text)) } else { None };
                push_unit(text, (s.span, reason), &mut units);
            }
        }
    }
    // Form labels beside a comment form, spreading both ways until nothing changes.
    let is_field = |s: Span| {
        let l = Line::new(s.slice(text));
        let label = l.norm.trim_end_matches(['*', ' ', ':']);
        l.n() <= 3 && FORM_FIELDS.contains(&label)
    };
    loop {
        let mut changed = false;
        for i in 0..units.len() {
            if units[i].1.is_some() {
                continue;
            }
            let near_form = (i > 0 && units[i - 1].1 == Some("comment-form"))
                || units.get(i + 1).is_some_and(|u| u.1 == Some("comment-form"));
            if near_form && is_field(units[i].0) {
                units[i].1 = Some("comment-form");
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Links listed under a bare "Most popular" / "Related stories" heading: short headline or list
    // lines without a final period, up to the first line that is not one.
    let mut i = 0;
    while i < units.len() {
        let bare_heading = units[i].1 == Some("related") && {
            let l = Line::new(units[i].0.slice(text));
            !l.raw.contains(':') && l.n() <= 5
        };
        i += 1;
        if !bare_heading {
            continue;
        }
        let mut taken = 0;
        while i < units.len() && units[i].1.is_none() && taken < 10 {
            let span = units[i].0;
            let at = paragraphs.partition_point(|p| p.span.start < span.start);
            let link_like = paragraphs
                .get(at)
                .filter(|p| p.span == span)
                .is_some_and(|p| matches!(p.kind, ParagraphKind::List | ParagraphKind::Heading))
                && {
                    let raw = span.slice(text).trim();
                    raw.split_whitespace().count() <= 15 && !raw.ends_with(['.', '!', '?', '"', '\u{201D}'])
                };
            if !link_like {
                break;
            }
            units[i].1 = Some("related");
            taken += 1;
            i += 1;
        }
    }
    // Collected in place, the junk would keep the room of every candidate line (one per sentence).
    let mut junk: Vec<Boilerplate> =
        units.into_iter().filter_map(|(span, reason)| reason.map(|reason| Boilerplate { span, reason })).collect();
    junk.shrink_to_fit();
    junk
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-byte search for "reserved" finds it wherever a case-blind search does.
    #[test]
    fn reserved_found_as_by_a_plain_search() {
        use proptest::prelude::*;
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000))
            .run(&"(reser|RESER|ved|VeD|v|V|x|\u{e9}| ){0,12}", |line| {
                prop_assert_eq!(has_reserved(&line), line.to_ascii_lowercase().contains("reserved"));
                Ok(())
            })
            .unwrap();
    }

    fn check(input: &str, expected: Option<&str>) {
        assert_eq!(classify(input), expected, "line: {input:?}");
    }

    #[test]
    fn lines_split_at_any_white_space() {
        // A vertical tab or a no-break space separates words as a space does, on either path.
        for line in ["Share\u{b}on  FACEBOOK", "Share\u{a0}on\tFacebook", "Share on Facebook"] {
            let l = Line::new(line);
            assert_eq!((l.n(), l.norm.as_str()), (3, "share on facebook"), "{line:?}");
        }
    }

    /// Each rule with the lines that motivated it (the sample article and the test articles).
    #[test]
    fn rules_flag_their_examples() {
        let cases: &[(&str, &[&str])] = &[
            (
                "ad",
                &[
                    "Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Sponsored content",
                    "- Advertisement -",
                ],
            ),
            (
                "share",
                &[
                    "Share on Facebook", "Share on X", "Email this article", "Facebook Twitter LinkedIn Email",
                    "Share this article", "Copy link", "Follow us on Instagram", "Facebook | X | WhatsApp",
                ],
            ),
            (
                "comment-form",
                &[
                    "Leave a comment",
                    "Your email address will not be published. Required fields are marked *",
                    "Name *",
                    "Email *",
                    "Post Comment",
                    "Leave a Reply Cancel reply",
                    "Comments are closed.",
                ],
            ),
            (
                "counter",
                &[
                    "12,408 views", "5 min read", "Reading time: 4 minutes", "Views: 1,204", "38 comments",
                    "1.2K shares",
                ],
            ),
            (
                "credit",
                &[
                    "Photo: Daniel Reyes/Coastal Ledger", "(AP Photo/Jane Doe)",
                    "Photograph by Lena Ortiz for The Ledger", "Getty Images",
                    "Image: Courtesy of Harlan County Schools", "Carlos Mena/AFP via Getty Images",
                ],
            ),
            (
                "byline",
                &[
                    "By Marta Okonkwo, Staff Reporter", "By Ana Lee and Tom Hart",
                    "Reporting by Priya Nair; Editing by Owen Blake", "BY JAMES T. OKAFOR",
                ],
            ),
            (
                "timestamp",
                &[
                    "Published October 14, 2025, 7:15 a.m. ET", "Updated 3 hours ago", "Posted on 12/03/2024",
                    "Last updated: Mon 4 March 2024 09.15 GMT",
                ],
            ),
            (
                "newsletter",
                &[
                    "Sign up for our morning newsletter",
                    "Enter your email address",
                    "Subscribe",
                    "Get the latest headlines delivered to your inbox",
                    "By signing up, you agree to our Terms of Use and Privacy Policy.",
                ],
            ),
            (
                "copyright",
                &[
                    "\u{A9} 2025 Coastal Ledger Media. All rights reserved.", "Copyright 2024 The Valley Courier",
                    "(c) 2023 Northfield Press",
                ],
            ),
            (
                "related",
                &[
                    "Related: How three coastal towns paid for their sea walls",
                    "Read more: Council delays vote on bus lanes", "RELATED STORIES", "More from the Ledger",
                ],
            ),
            ("source", &["Source: Reuters", "Sources: AP, AFP, local media"]),
            (
                "navigation",
                &["Skip to main content", "Home > News > Local", "News \u{203A} World \u{203A} Europe", "Back to top"],
            ),
            ("tags", &["Tags: flood, Maine, city council", "Filed under: Politics, Elections"]),
            ("cookie", &["We use cookies to improve your experience on our site.", "Accept all cookies"]),
            // 21_wire_copper_strike, 22_live_flood_blog, 23_harvest_gallery, 25_republished_investigation.
            (
                "wire-note",
                &["(Adds union comment in paragraphs 6-8, updates share prices)", "(Recasts with details)", "(Corrects spelling of name in paragraph 3)"],
            ),
            ("gallery", &["Photo 1 of 8", "Image 12 of 30", "3 of 12", "4 / 12", "Enlarge this image", "Hide caption"]),
            ("notice", &["Please turn on JavaScript to see live updates automatically.", "Show key events only"]),
            ("policy", &["Our Standards: The Meridian Wire Trust Principles."]),
            ("share", &["Republish this article"]),
            ("related", &["More galleries from the Sentinel"]),
            (
                "byline",
                &["(Reporting by Tomás Aguirre and Lucía Benavides; Additional reporting by Ben Okoro in Toronto; Editing by Kim Ashworth)"],
            ),
            (
                "source",
                &["This article was originally published by The Ledger Project, a nonprofit newsroom that covers criminal justice."],
            ),
        ];
        for (reason, lines) in cases {
            for line in *lines {
                check(line, Some(reason));
            }
        }
    }

    /// The gate in front of the rules: ordinary sentences leave at once; a line with what some rule
    /// looks for, wherever it is and in whatever case, goes on to the rules (which the debug check
    /// in `classify` compares on every line the tests and fuzzing see).
    #[test]
    fn gate_turns_away_plain_sentences_only() {
        for line in [
            "The council voted on Tuesday to approve the plan for the new sea wall.",
            "Residents said the water rose faster than anyone had expected that night.",
            "Officials expect repairs to cost more than the town has set aside this year.",
        ] {
            assert!(!may_match(line), "{line:?}");
        }
        for line in [
            "\u{2022} SHARE this", "  \"Photo: Jane Doe", "Publishedat 4 p.m.", "Copyright, ALL RIGHTS RESERVED",
            "Jane Doe/Reuters", "12 views", "Home > News", "(Adds quote)", "Name *", "\u{A9} The Ledger",
            "Mo\u{212A}e news", "\u{212A}eep reading",
        ] {
            assert!(may_match(line), "{line:?}");
        }
    }

    /// Lines made of the rules' own words, marks and digits, in any case and spacing: the gate must
    /// pass every one a rule flags (`classify` would fail its debug check otherwise).
    #[test]
    fn gate_passes_whatever_a_rule_flags() {
        use proptest::prelude::*;
        let words: Vec<&str> = LEADS
            .iter()
            .chain(OPEN_LEADS)
            .flat_map(|l| l.iter())
            .flat_map(|p| p.split(' '))
            .chain(["Jane", "Doe", "2024", "1,204", "|", "/", ">", "*", "(", ")", "\u{A9}", "\u{2022}", "Reserved"])
            .collect();
        let line = proptest::collection::vec((0..words.len(), 0..4usize, any::<bool>()), 1..8).prop_map(move |parts| {
            let mut line = String::new();
            for (w, gap, upper) in parts {
                let w = if upper { words[w].to_uppercase() } else { words[w].to_string() };
                line.push_str(&w);
                line.push_str(["", " ", "  ", "\u{a0}"][gap]);
            }
            line
        });
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(4000))
            .run(&line, |line| {
                let flagged = rules(&line);
                prop_assert!(flagged.is_none() || may_match(&line), "{line:?} is {flagged:?}");
                Ok(())
            })
            .unwrap();
    }

    /// Real lines of articles that look a little like junk and must stay.
    #[test]
    fn real_sentences_stay() {
        let cases = [
            "By the end of the day, the council had voted to approve the plan.",
            "By Tuesday the river had dropped two feet.",
            "Published in 1998, the book sold two million copies.",
            "Updated figures from the state show a sharp rise in claims.",
            "Photo: Residents wade through water on Main Street.",
            "Source of the leak remains unknown, officials said.",
            "The video has drawn 2 million views since Friday, according to the company.",
            "Subscribers will pay $4 more a month starting in June.",
            "Share prices fell 3% on Monday.",
            "Comments from the public will be accepted until May 1.",
            "Workers inspect the old sea wall at Pier 9 in Lisbon, Maine, on Monday.",
            "Related costs could reach $40 million, the report found.",
            "Home prices rose 6% last year.",
            "Read the full report on the county website.",
            "Advertising revenue fell by a third in the last quarter.",
            "Name the date and we will be there, she said.",
            "Not everyone is convinced.",
            "He added.",
            "Harbor city approves $2.5 billion flood barrier after decade of delays",
            "4 minutes",
            "Copyright law was not designed for this, she said.",
            "We use the river every day.",
            "Tags on the crates showed they had come from a port in Chile.",
            // 24_junklike_sentences and the new rules' near misses.
            "Share prices fell 5%.",
            "Comments from residents were mixed.",
            "Subscribers to the company's loyalty card will see new prices on Monday, a spokesman said.",
            "Print editions of the weekly flyer will end in June.",
            "By noon, the shares had recovered some of the loss.",
            "Updated figures will be published on May 2.",
            "Save for a small rise in online sales, every division reported lower margins.",
            "3 of 12 counties reported late.",
            "(The figures were revised later.)",
            "(Adds up to $4 million a year, the audit found.)",
            "Key events of the week included two storms.",
            "Key events",
            "Originally published in 1961, the novel is back in print.",
            "Correction: An earlier version of this article misstated the year the contract was signed.",
            "Editor's note: The Ledger Project asked the sheriff's office for call records in March.",
            "(($1 = 924.70 Chilean pesos))",
            "2.05pm BST",
            "",
            "   ",
            "\u{0}\u{1}",
        ];
        for line in cases {
            check(line, None);
        }
    }

    #[test]
    fn form_labels_need_a_form_beside_them() {
        let text = "Leave a comment\nName\nEmail\nWebsite\nPost Comment";
        let paras = super::super::paragraphs::paragraphs(text);
        let sents: Vec<Sentence> =
            paras.iter().enumerate().map(|(i, p)| Sentence { span: p.span, paragraph: i }).collect();
        let got: Vec<&str> = detect(text, &paras, &sents).iter().map(|b| b.span.slice(text)).collect();
        assert_eq!(got, ["Leave a comment", "Name", "Email", "Website", "Post Comment"]);
        let alone = "Website";
        let paras = super::super::paragraphs::paragraphs(alone);
        let sents = [Sentence { span: paras[0].span, paragraph: 0 }];
        assert!(detect(alone, &paras, &sents).is_empty());
    }
}
