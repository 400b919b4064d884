//! Pasted HTML made harmless to parse: `bare_tags` keeps the text and the element structure of an
//! HTML document or fragment and takes out every attribute, comment, script and style. The page's
//! HTML paste (`ui::html_text`) parses the result in an inert `DOMParser` document, where an
//! `onclick`, a `style` attribute or a `<base href>` would still be checked against the page's
//! Content Security Policy and reported as violations. Pure string work, so it is tested natively.

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
pub fn bare_tags(html: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::bare_tags;

    #[test]
    fn tags_lose_their_attributes_and_text_stays() {
        let cases = [
            ("<p onclick=\"x()\" title='a>b'>Hi &amp; bye</p>", "<p>Hi &amp; bye</p>"),
            ("<IMG SRC=x OnErRoR=1>after", "<img>after"),
            ("<a href=\"x\" title=\"><img src=x onerror=1>\">q</a>", "<a>q</a>"),
            ("a < b and <3 and Ünïcödé <b>ok</b>", "a < b and <3 and Ünïcödé <b>ok</b>"),
            ("<br/>line<hr / >", "<br>line<hr>"),
            ("<img src=x onerror=1 <", ""),
            ("<scr<script>ipt>x</scr</script>ipt>", "<scr<script>ipt>x</scr<>ipt>"),
        ];
        for (html, want) in cases {
            assert_eq!(bare_tags(html), want, "{html}");
        }
    }

    #[test]
    fn scripts_styles_comments_and_head_elements_go() {
        let cases = [
            ("<script>if(a<b){x()}</script><p>Hello</p>", "<p>Hello</p>"),
            ("<STYLE>p{}</style >x", "x"),
            ("<script>'</scriptx>'</script>y", "y"),
            ("<!-- <img onerror=1> -->text<!-->after<!--->end", "textafterend"),
            ("<!doctype html><?xml x?><![CDATA[x]]>t", "t"),
            ("<base href=//evil.example><meta http-equiv=refresh><link rel=stylesheet>t", "t"),
            ("<svg><style><img src=x onerror=1></style></svg>tail", "<svg></svg>tail"),
            ("<script>never closed", ""),
        ];
        for (html, want) in cases {
            assert_eq!(bare_tags(html), want, "{html}");
        }
    }

    #[test]
    fn raw_text_that_is_shown_is_escaped() {
        assert_eq!(bare_tags("<textarea><img src=x onerror=1></textarea>"), "<textarea>&lt;img src=x onerror=1></textarea>");
        assert_eq!(bare_tags("<xmp>&amp; <b></xmp>"), "<xmp>&amp;amp; &lt;b></xmp>");
        assert_eq!(bare_tags("a<plaintext><b>x</b>"), "a&lt;b>x&lt;/b>");
    }
}
