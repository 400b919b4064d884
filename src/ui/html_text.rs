//! Pasted or dropped HTML as plain text with its paragraphs kept: block elements become blank
//! lines, `<br>` a line break, scripts, styles and other non-content elements are dropped.
//! The HTML is parsed by the browser's inert `DOMParser` (nothing runs, nothing loads), but only
//! after `bare_tags` has taken out every attribute, comment, script and style: even an inert
//! document checks the page's Content Security Policy as it parses, so `onclick`, `style` or
//! `<base href>` in a pasted page would otherwise fill the console with violation reports.

use wasm_bindgen::JsCast;

const BLOCKS: &[&str] = &[
    "P", "DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "ASIDE", "NAV", "MAIN", "H1", "H2", "H3", "H4", "H5",
    "H6", "LI", "UL", "OL", "BLOCKQUOTE", "PRE", "FIGURE", "FIGCAPTION", "TABLE", "TR", "DL", "DT", "DD", "HR",
    "ADDRESS", "FORM", "FIELDSET",
];
const SKIP: &[&str] = &["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "SVG", "CANVAS", "HEAD", "TITLE", "META", "LINK"];

fn walk(node: &web_sys::Node, out: &mut String) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            web_sys::Node::TEXT_NODE => {
                let t = child.text_content().unwrap_or_default();
                // Collapse white space as a browser would.
                let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
                for c in t.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            out.push(' ');
                            last_space = true;
                        }
                    } else {
                        out.push(c);
                        last_space = false;
                    }
                }
            }
            web_sys::Node::ELEMENT_NODE => {
                let el: &web_sys::Element = child.unchecked_ref();
                let tag = el.tag_name().to_ascii_uppercase();
                if SKIP.contains(&tag.as_str()) {
                    continue;
                }
                if tag == "BR" {
                    trim_end_spaces(out);
                    out.push('\n');
                    continue;
                }
                let block = BLOCKS.contains(&tag.as_str());
                if block {
                    paragraph_break(out);
                    if tag == "LI" {
                        out.push_str("- ");
                    }
                }
                walk(&child, out);
                if block {
                    paragraph_break(out);
                }
            }
            _ => {}
        }
    }
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

fn paragraph_break(out: &mut String) {
    trim_end_spaces(out);
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    if out.ends_with('\n') {
        out.push('\n');
    } else {
        out.push_str("\n\n");
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Text for HTML: `&` and `<` escaped (all that text content needs).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Elements dropped with their content (the tokenizer reads their content as raw text).
const DROPPED: &[&str] = &["script", "style", "title", "iframe", "noembed", "noframes"];
/// Elements whose content is raw text that the page shows: kept, escaped.
const RAW_TEXT: &[&str] = &["textarea", "xmp"];

/// `html` with the same text and element structure, but no attributes, comments, doctype,
/// processing instructions, scripts, styles or `<base>`/`<meta>`/`<link>`. Tags are found the way
/// the HTML tokenizer finds them (quoted attribute values may hold `>`), and whatever is not a tag
/// is copied as it is, so the browser's parse of the result has the original's text.
fn bare_tags(html: &str) -> String {
    let b = html.as_bytes();
    let lower = html.to_ascii_lowercase(); // same byte offsets
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    let mut text_from = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        let end_tag = next == b'/' && b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic);
        if !(next.is_ascii_alphabetic() || end_tag || next == b'!' || next == b'?' || next == b'/') {
            i = lt + 1; // a lone `<` is text
            continue;
        }
        out.push_str(&html[text_from..lt]);
        if next == b'!' && b[lt..].starts_with(b"<!--") {
            // A comment, to `-->` (`<!-->` and `<!--->` are empty ones).
            let body = lt + 4;
            let close = if b[body..].starts_with(b">") {
                Some(body + 1)
            } else if b[body..].starts_with(b"->") {
                Some(body + 2)
            } else {
                html[body..].find("-->").map(|p| body + p + 3)
            };
            i = close.unwrap_or(b.len());
            text_from = i;
            continue;
        }
        if !(next.is_ascii_alphabetic() || end_tag) {
            // `<!doctype>`, `<![CDATA[...]>`, `<?...>`, `</ ...>`: bogus comments, to the next `>`.
            i = b[lt..].iter().position(|&c| c == b'>').map_or(b.len(), |p| lt + p + 1);
            text_from = i;
            continue;
        }
        let name_at = if end_tag { lt + 2 } else { lt + 1 };
        let mut j = name_at;
        while j < b.len() && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = html[name_at..j].to_ascii_lowercase();
        // Skip the attributes: names, then `=` and a quoted or unquoted value.
        let mut closed = false;
        while j < b.len() {
            match b[j] {
                b'>' => {
                    closed = true;
                    j += 1;
                    break;
                }
                c if is_space(c) || c == b'/' => j += 1,
                _ => {
                    j += 1; // the first character of a name may be anything, even `=`
                    while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                        j += 1;
                    }
                    while j < b.len() && is_space(b[j]) {
                        j += 1;
                    }
                    if j < b.len() && b[j] == b'=' {
                        j += 1;
                        while j < b.len() && is_space(b[j]) {
                            j += 1;
                        }
                        match b.get(j) {
                            Some(&q @ (b'"' | b'\'')) => {
                                j = b[j + 1..].iter().position(|&c| c == q).map_or(b.len(), |p| j + 1 + p + 1);
                            }
                            _ => {
                                while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                                    j += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        i = j;
        text_from = i;
        if !closed {
            break; // a tag cut off by the end of the input is dropped, as the browser does
        }
        if end_tag {
            if !DROPPED.contains(&name.as_str()) {
                out.push_str("</");
                out.push_str(&name);
                out.push('>');
            }
            continue;
        }
        if name == "plaintext" {
            // Everything after it is text.
            out.push_str(&escape(&html[i..]));
            return out;
        }
        let dropped = DROPPED.contains(&name.as_str());
        if dropped || RAW_TEXT.contains(&name.as_str()) {
            // Raw text up to `</name` followed by a space, `/` or `>`.
            let needle = format!("</{name}");
            let mut from = i;
            let end = loop {
                match lower[from..].find(&needle) {
                    Some(p) => {
                        let after = from + p + needle.len();
                        if b.get(after).is_none_or(|&c| is_space(c) || c == b'/' || c == b'>') {
                            break from + p;
                        }
                        from = after;
                    }
                    None => break b.len(),
                }
            };
            if !dropped {
                out.push('<');
                out.push_str(&name);
                out.push('>');
                out.push_str(&escape(&html[i..end]));
            }
            i = end;
            text_from = i;
            continue;
        }
        if matches!(name.as_str(), "base" | "meta" | "link") {
            continue;
        }
        out.push('<');
        out.push_str(&name);
        out.push('>');
    }
    out.push_str(&html[text_from.min(html.len())..]);
    out
}

/// The text of an HTML document or fragment, paragraphs separated by blank lines.
pub fn html_to_text(html: &str) -> String {
    let Ok(parser) = web_sys::DomParser::new() else { return String::new() };
    let Ok(doc) = parser.parse_from_string(&bare_tags(html), web_sys::SupportedType::TextHtml) else { return String::new() };
    let mut out = String::new();
    if let Some(body) = doc.body() {
        walk(&body, &mut out);
    }
    out.trim().to_string()
}
