//! Pasted or dropped HTML as plain text with its paragraphs kept: block elements become blank
//! lines, `<br>` a line break, scripts, styles and other non-content elements are dropped.
//! The HTML is parsed by the browser's inert `DOMParser` (nothing runs, nothing loads), but only
//! after `html::bare_tags` has taken out every attribute, comment, script and style: even an inert
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

/// The text of an HTML document or fragment, paragraphs separated by blank lines.
pub fn html_to_text(html: &str) -> String {
    let Ok(parser) = web_sys::DomParser::new() else { return String::new() };
    let Ok(doc) = parser.parse_from_string(&crate::html::bare_tags(html), web_sys::SupportedType::TextHtml) else { return String::new() };
    let mut out = String::new();
    if let Some(body) = doc.body() {
        walk(&body, &mut out);
    }
    out.trim().to_string()
}
