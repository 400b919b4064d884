//! The statistics panel: a `<dl>` whose terms are the Report's field names, with the clean figures
//! and the raw ones (boilerplate and repeats included) beside them.

use yew::prelude::*;

use crate::analysis::Stats;

#[derive(Properties, PartialEq)]
pub struct StatsPanelProps {
    pub clean: Stats,
    pub raw: Stats,
    pub analysis_ms: f64,
}

fn duration(seconds: f64) -> String {
    let s = seconds.round() as u64;
    if s < 60 { format!("{s} s") } else { format!("{} min {} s", s / 60, s % 60) }
}

fn score(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}")).unwrap_or_else(|| "n/a".into())
}

#[component(StatsPanel)]
pub fn stats_panel(props: &StatsPanelProps) -> Html {
    let (c, r) = (&props.clean, &props.raw);
    // (field name in the Report, what it means, clean value, raw value)
    let rows: Vec<(&str, &str, String, String)> = vec![
        ("words", "Words", c.words.to_string(), r.words.to_string()),
        ("sentences", "Sentences", c.sentences.to_string(), r.sentences.to_string()),
        ("paragraphs", "Paragraphs", c.paragraphs.to_string(), r.paragraphs.to_string()),
        ("characters", "Characters, spaces included", c.characters.to_string(), r.characters.to_string()),
        ("syllables", "Syllables", c.syllables.to_string(), r.syllables.to_string()),
        ("uniqueWords", "Distinct words, ignoring case", c.unique_words.to_string(), r.unique_words.to_string()),
        ("readingTimeSeconds", "Silent reading at 238 words a minute", duration(c.reading_time_seconds), duration(r.reading_time_seconds)),
        ("speakingTimeSeconds", "Reading aloud at 183 words a minute", duration(c.speaking_time_seconds), duration(r.speaking_time_seconds)),
        ("fleschReadingEase", "Flesch Reading Ease: 0-100, higher is easier", score(c.readability.flesch_reading_ease), score(r.readability.flesch_reading_ease)),
        ("fleschKincaidGrade", "Flesch-Kincaid: US school grade", score(c.readability.flesch_kincaid_grade), score(r.readability.flesch_kincaid_grade)),
    ];
    html! {
        <section class="stats" aria-labelledby="stats-title">
            <h2 id="stats-title">{ "Statistics" }</h2>
            <p class="note">{ format!("Clean text, raw in brackets. Analyzed in {:.0} ms.", props.analysis_ms) }</p>
            <dl>
                { for rows.into_iter().map(|(field, help, clean, raw)| html! {
                    <div class="stat" data-field={field}>
                        <dt title={help}>{ field }</dt>
                        <dd>
                            <span class="value" data-value="clean">{ clean }</span>
                            { " " }
                            <span class="raw" data-value="raw">{ format!("({raw})") }</span>
                            <span class="help">{ help }</span>
                        </dd>
                    </div>
                }) }
            </dl>
        </section>
    }
}
