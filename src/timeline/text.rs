//! A plan's status as text a communications officer can paste into an email.

use std::fmt::Write;

use super::status::{Status, TimelineCheck};
use super::Timeline;

/// What is open, days left, the dates ahead and the findings with the rule behind each.
pub fn to_text(plan: &Timeline, check: &TimelineCheck) -> String {
    let mut out = format!(
        "{}\nAs of {}: {}.\n",
        plan.title,
        check.today.long(),
        check.stage.words()
    );
    let open: Vec<_> = check
        .activities
        .iter()
        .filter(|a| a.status == Status::Open)
        .collect();
    if open.is_empty() {
        out.push_str("\nNothing is open today.\n");
    } else {
        out.push_str("\nOpen now:\n");
        for a in open {
            let days = match a.days_remaining {
                Some(0) => "closes today".to_string(),
                Some(1) => "closes tomorrow".to_string(),
                Some(n) => format!("{n} days left"),
                None => String::new(),
            };
            let _ = write!(
                out,
                "- {} ({}): {days}, closes {}",
                a.title,
                a.kind.as_str(),
                a.end.long()
            );
            if let Some(n) = a.responses {
                let _ = write!(out, "; {n} responses so far");
            }
            if let Some(p) = a.projected_responses {
                let _ = write!(out, ", about {p} expected by the close");
            }
            out.push('\n');
        }
    }
    if !check.key_dates.is_empty() {
        out.push_str("\nDates ahead:\n");
        for k in &check.key_dates {
            let title = plan
                .activities
                .iter()
                .find(|a| a.id == k.activity)
                .map_or("", |a| a.title.as_str());
            let _ = writeln!(out, "- {}: {} ({title})", k.date.long(), k.what);
        }
    }
    if check.diagnostics.is_empty() {
        out.push_str("\nNo findings: the plan meets the rules checked.\n");
    } else {
        out.push_str("\nFindings:\n");
        for d in &check.diagnostics {
            let _ = writeln!(
                out,
                "- {} ({}, {}): {}",
                d.code,
                d.severity.as_str(),
                d.id(super::ACTIVITY).unwrap_or("plan"),
                d.message
            );
        }
    }
    out
}
