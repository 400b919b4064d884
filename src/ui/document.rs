//! The analyzed document: paragraphs in order, each with its sentences as separate marks, so the
//! reader sees where Lede split the text.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::Report;

#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    pub text: Rc<String>,
    pub report: Rc<Report>,
}

#[component(Document)]
pub fn document(props: &DocumentProps) -> Html {
    let text = props.text.as_str();
    let report = &props.report;
    if report.paragraphs.is_empty() {
        return html! {
            <section class="document" aria-labelledby="doc-title">
                <h2 id="doc-title">{ "Document" }</h2>
                <p class="empty">{ "Paste or type an article to see its paragraphs and sentences." }</p>
            </section>
        };
    }
    // Sentences are in document order; walk them alongside the paragraphs.
    let mut next_sentence = 0;
    let paragraphs = report.paragraphs.iter().enumerate().map(|(pi, p)| {
        let mut parts: Vec<Html> = Vec::new();
        let mut cursor = p.span.start;
        while next_sentence < report.sentences.len() && report.sentences[next_sentence].paragraph == pi {
            let s = &report.sentences[next_sentence];
            if s.span.start > cursor {
                parts.push(html! { { &text[cursor..s.span.start] } });
            }
            parts.push(html! {
                <span class="sentence" data-sentence={next_sentence.to_string()}>{ s.span.slice(text) }</span>
            });
            cursor = s.span.end;
            next_sentence += 1;
        }
        if cursor < p.span.end {
            parts.push(html! { { &text[cursor..p.span.end] } });
        }
        let kind = p.kind.as_str();
        html! {
            <div class={classes!("para", format!("kind-{kind}"))} data-paragraph-kind={kind}>
                <span class="kind-tag" aria-hidden="true">{ kind }</span>
                <p>{ for parts }</p>
            </div>
        }
    });
    html! {
        <section class="document" aria-labelledby="doc-title">
            <h2 id="doc-title">{ "Document" }</h2>
            <div class="doc-body">{ for paragraphs }</div>
        </section>
    }
}
