//! A plan's public content as an HTML fragment that needs no script: the static copy an editor
//! pastes inside `<engage-timeline>` (`engagekit timeline html`). A reader sees it until the widget
//! has rendered, and keeps seeing it, with a short note, when the widget cannot start (a
//! Content-Security-Policy without `'wasm-unsafe-eval'`, an old browser). It says what the widget
//! says, in the same words: the title, the stage, what is open, the key dates, the activities (a
//! list, the chart's text) and the checks. Written through [`crate::render`], so every piece of text is escaped in one place;
//! no script, no style, no attributes.

use super::status::{Stage, Status, TimelineCheck};
use super::{ActivityKind, Timeline};
use crate::render::{write, Format, Node};

/// The stage in words with what it means for the public (as the widget's stage line).
fn stage_line(stage: Stage) -> &'static str {
    match stage {
        Stage::Forthcoming => "Plans are being made and people are being engaged",
        Stage::Open => "The consultation is open: have your say",
        Stage::UnderReview => "Responses are being analysed",
        Stage::Decided => "A decision has been made",
        Stage::FeedbackPublished => "We have told people what was decided and why",
    }
}

fn kind_words(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Engagement => "Engagement",
        ActivityKind::Consultation => "Consultation",
        ActivityKind::Survey => "Survey",
        ActivityKind::Event => "Event",
        ActivityKind::Scrutiny => "Scrutiny",
        ActivityKind::Analysis => "Analysis",
        ActivityKind::Decision => "Decision",
        ActivityKind::Feedback => "Feedback",
        ActivityKind::Notification => "Notification",
        ActivityKind::Publication => "Publication",
        ActivityKind::Implementation => "Implementation",
        ActivityKind::Other => "Other",
    }
}

/// What a key date is, in words (`KeyDate::what`).
fn what_words(what: &str) -> String {
    match what {
        "event" => "Event".to_string(),
        "closes" => "Closes".to_string(),
        "opens" => "Opens".to_string(),
        "comments due" => "Scrutiny comments due".to_string(),
        "decision due" => "Decision due (scrutiny)".to_string(),
        "decision" => "Decision".to_string(),
        other => capitalised(other),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// "1 day", "3 working days".
fn plural(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "57 days left", "last day".
fn days_left(n: i64) -> String {
    if n == 0 {
        "last day".to_string()
    } else {
        format!("{} left", plural(n, "day", "days"))
    }
}

/// The plan's public content at `check.today` as an HTML fragment whose first heading is
/// `<h{top}>` (2 to 6; the page has its own `<h1>`).
pub fn public_html(plan: &Timeline, check: &TimelineCheck, top: u8) -> String {
    let today = check.today.long();
    let mut nodes = vec![
        Node::Heading(1, plan.title.clone()),
        Node::Paragraph(format!(
            "Stage on {today}: {}. {}.",
            check.stage.words(),
            stage_line(check.stage)
        )),
        Node::Heading(2, "Open now".to_string()),
    ];
    let open: Vec<String> = check
        .activities
        .iter()
        .filter(|a| a.status == Status::Open)
        .map(|a| {
            let days = a.days_remaining.unwrap_or(0);
            let working = match a.working_days_remaining {
                Some(w) if days > 0 => {
                    format!(" ({} left)", plural(w, "working day", "working days"))
                }
                _ => String::new(),
            };
            format!(
                "{}: {}. Closes {}{working}.",
                capitalised(&days_left(days)),
                a.title,
                a.end.long()
            )
        })
        .collect();
    nodes.push(if open.is_empty() {
        Node::Paragraph(format!("Nothing is open on {today}."))
    } else {
        Node::List(open)
    });
    nodes.push(Node::Heading(2, "Key dates".to_string()));
    let title_of = |id: &str| {
        check
            .activities
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| a.title.clone())
    };
    nodes.push(if check.key_dates.is_empty() {
        Node::Paragraph("No dates to come.".to_string())
    } else {
        Node::List(
            check
                .key_dates
                .iter()
                .map(|k| {
                    format!(
                        "{}: {}: {}",
                        k.date.long(),
                        what_words(k.what),
                        title_of(&k.activity)
                    )
                })
                .collect(),
        )
    });
    nodes.push(Node::Heading(2, "The plan at a glance".to_string()));
    // A list, not a table: a partner's page has no style for a five-column table at 390px.
    nodes.push(Node::List(
        check
            .activities
            .iter()
            .map(|a| {
                let status = match (a.status, a.days_remaining) {
                    (Status::Open, Some(d)) => format!("open: {}", days_left(d)),
                    (Status::Open, None) => "open".to_string(),
                    (Status::Upcoming, _) => "upcoming".to_string(),
                    (Status::Closed, _) => "closed".to_string(),
                };
                let when = if a.start == a.end {
                    format!("on {}", a.start.long())
                } else {
                    format!("{} to {}", a.start.long(), a.end.long())
                };
                format!("{} ({}): {when}, {status}.", a.title, kind_words(a.kind))
            })
            .collect(),
    ));
    nodes.push(Node::Heading(2, "Checks against the rules".to_string()));
    nodes.push(if check.diagnostics.is_empty() {
        Node::Paragraph("No problems found: the plan meets every rule checked (Gunning principles, health scrutiny, notification of the Secretary of State, consultation length, holiday periods, pre-election periods).".to_string())
    } else {
        Node::List(
            check
                .diagnostics
                .iter()
                .map(|d| {
                    let about = d
                        .id(super::ACTIVITY)
                        .map(|id| format!(" ({})", title_of(id)))
                        .unwrap_or_default();
                    format!(
                        "{} {}: {}{about}",
                        capitalised(d.severity.as_str()),
                        d.code,
                        d.message
                    )
                })
                .collect(),
        )
    });
    write(&nodes, Format::Html, top.clamp(2, 6))
}
