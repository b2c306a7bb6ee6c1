//! The charter dashboard's public content as an HTML fragment that needs no script: the static
//! copy an editor pastes inside `<engage-charter-dashboard>` (`engagekit charter html`), shown
//! until the widget has rendered and, with a short note, when it cannot start. The same words as
//! the widget: each standard's rating in words (never by colour alone), its trend, its statement
//! and its measures; a suppressed result says only that too few people answered, never a number.
//! Written through [`crate::render`], so every piece of text is escaped in one place.

use super::{Monitoring, MonitoringResult, Rating, Trend};
use crate::charter::MeasureKind;
use crate::render::{fixed2, write, Format, Node};

fn rating_word(rating: Rating) -> &'static str {
    match rating {
        Rating::Green => "Green",
        Rating::Amber => "Amber",
        Rating::Red => "Red",
        Rating::Suppressed => "Not shown",
        Rating::NoData => "No data",
    }
}

fn rating_says(rating: Rating) -> &'static str {
    match rating {
        Rating::Green => "meets the standard",
        Rating::Amber => "close to the target",
        Rating::Red => "below the target",
        Rating::Suppressed => "",
        Rating::NoData => "no results this period",
    }
}

fn trend_words(trend: Trend) -> &'static str {
    match trend {
        Trend::Better => "Better than last period",
        Trend::Worse => "Worse than last period",
        Trend::Same => "The same as last period",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The dashboard of one period as an HTML fragment whose first heading is `<h{top}>` (2 to 6).
pub fn dashboard_html(doc: &Monitoring, result: &MonitoringResult, top: u8) -> String {
    let minimum = result.minimum_count as usize;
    let fewer = format!("fewer than {}", plural(minimum, "response", "responses"));
    let compared = doc
        .previous
        .as_ref()
        .map(|p| format!(", compared with {}", p.period))
        .unwrap_or_default();
    let mut nodes = vec![
        Node::Heading(1, format!("{}: {}", doc.charter.title, result.period)),
        Node::Paragraph(format!(
            "How the provider met each standard of the charter in {}{compared}. Feedback results from {fewer} are not shown, to protect the people who answered.",
            result.period
        )),
    ];
    let tally: Vec<String> = [
        Rating::Green,
        Rating::Amber,
        Rating::Red,
        Rating::Suppressed,
        Rating::NoData,
    ]
    .into_iter()
    .filter_map(|r| {
        let n = result.standards.iter().filter(|s| s.rating == r).count();
        (n > 0).then(|| format!("{}: {}", rating_word(r), plural(n, "standard", "standards")))
    })
    .collect();
    if !tally.is_empty() {
        nodes.push(Node::List(tally));
    }
    let rating_line = |rating: Rating| {
        if rating == Rating::Suppressed {
            format!("Not shown: {fewer}")
        } else {
            format!("{}: {}", rating_word(rating), rating_says(rating))
        }
    };
    for s in &result.standards {
        let standard = doc.charter.standards.iter().find(|x| x.id == s.id);
        let theme = standard.map(|x| capitalised(&x.theme)).unwrap_or_default();
        nodes.push(Node::Heading(2, format!("{}: {theme}", s.id)));
        nodes.push(Node::Paragraph(rating_line(s.rating)));
        if let Some(t) = s.trend {
            nodes.push(Node::Paragraph(trend_words(t).to_string()));
        }
        if let Some(x) = standard {
            nodes.push(Node::Paragraph(x.statement.clone()));
        }
        let measures = s
            .measures
            .iter()
            .map(|m| {
                let def = standard.and_then(|x| x.measures.iter().find(|d| d.id == m.measure));
                let name = def
                    .and_then(|d| d.description.clone().or_else(|| d.question.clone()))
                    .unwrap_or_else(|| m.measure.clone());
                if m.rating == Rating::Suppressed {
                    return format!("{name}: not shown: {fewer}.");
                }
                let value = match (m.value, m.n) {
                    (None, _) => "no data".to_string(),
                    (Some(v), Some(n)) if m.kind == MeasureKind::Feedback => {
                        format!("{}% agree ({n} answered)", fixed2(v))
                    }
                    (Some(v), _) => fixed2(v),
                };
                let target = def
                    .map(|d| {
                        format!(
                            "; target {}{}{}",
                            fixed2(d.target),
                            if m.kind == MeasureKind::Feedback {
                                "%"
                            } else {
                                ""
                            },
                            if d.higher_is_better() {
                                " or more"
                            } else {
                                " or lower"
                            }
                        )
                    })
                    .unwrap_or_default();
                let trend = m
                    .trend
                    .map(|t| format!("; {}", trend_words(t).to_lowercase()))
                    .unwrap_or_default();
                format!(
                    "{name}: {value}{target}; rating {}{trend}.",
                    rating_word(m.rating).to_lowercase()
                )
            })
            .collect();
        nodes.push(Node::List(measures));
    }
    write(&nodes, Format::Html, top.clamp(2, 6))
}
