//! The evaluation result as a table a panel chair can read aloud.

use std::fmt::Write;

use super::scoring::{fmt2, BidStatus, EvaluationResult};
use super::Evaluation;

fn opt2(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), fmt2)
}

/// Bids in rank order with each criterion's final score, totals to 2 decimals, findings below.
pub fn to_text(doc: &Evaluation, result: &EvaluationResult) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", doc.title);
    if let Some(stage) = &doc.stage {
        let _ = writeln!(out, "{stage}");
    }
    let _ = writeln!(out);
    let mut header = format!("{:<5} {:<28} {:<10}", "Rank", "Bid", "Status");
    for c in &doc.criteria {
        let _ = write!(header, " {:>7}", c.id);
    }
    let _ = write!(header, " {:>8} {:>8} {:>8}", "Quality", "Price", "Total");
    let _ = writeln!(out, "{header}");
    for bid in &result.bids {
        let status = match bid.status {
            BidStatus::Ranked => "ranked",
            BidStatus::Failed => "FAILED",
            BidStatus::Incomplete => "incomplete",
        };
        let name: String = format!("{} {}", bid.id, bid.bidder)
            .chars()
            .take(28)
            .collect();
        let rank = bid.rank.map_or_else(|| "-".to_string(), |r| r.to_string());
        let mut line = format!("{rank:<5} {name:<28} {status:<10}");
        for c in &bid.criteria {
            let _ = write!(line, " {:>7}", opt2(c.final_score));
        }
        let _ = write!(
            line,
            " {:>8} {:>8} {:>8}",
            opt2(bid.quality),
            opt2(bid.price_score),
            opt2(bid.total)
        );
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\nCriteria: final score (consensus, else the mean of the scores kept), on a scale of 0 to {}.", doc.scale.max);
    if let Some(end) = result.standstill_ends {
        let _ = writeln!(out, "Standstill ends: {end}");
    }
    if result.diagnostics.is_empty() {
        let _ = writeln!(out, "No findings.");
    } else {
        let _ = writeln!(out, "\nFindings:");
        for d in &result.diagnostics {
            let _ = writeln!(out, "  {d}");
        }
    }
    out
}

/// A panel's set-up check ([`super::check_setup`]) for people: the weights, who scores, the
/// findings.
pub fn setup_to_text(check: &super::SetupCheck) -> String {
    let w = &check.weights;
    let mut out = format!("{}\n\n", check.title);
    let _ = writeln!(
        out,
        "Weights: criteria {} + price {} = {}",
        w.criteria, w.price, w.total
    );
    let _ = writeln!(
        out,
        "Score sheets: {}",
        if check.scorers.is_empty() {
            "none (no member of a role that scores)".to_string()
        } else {
            check.scorers.join(", ")
        }
    );
    if check.diagnostics.is_empty() {
        let _ = writeln!(out, "No findings.");
    } else {
        let _ = writeln!(out, "\nFindings:");
        for d in &check.diagnostics {
            let _ = writeln!(out, "  {d}");
        }
    }
    out
}

/// The involvement payments summary as a table for the finance team.
pub fn payments_to_text(summary: &super::PaymentsSummary) -> String {
    let mut out = format!("Involvement payments ({})\n\n", summary.currency);
    // One layout for the header, each member and the total, so that the columns line up.
    let mut row = |cells: [&str; 6]| {
        let [member, role, sessions, involvement, expenses, total] = cells;
        let _ = writeln!(
            out,
            "{member:<12} {role:<21} {sessions:>8} {involvement:>12} {expenses:>10} {total:>10}"
        );
    };
    row([
        "Member",
        "Role",
        "Sessions",
        "Involvement",
        "Expenses",
        "Total",
    ]);
    for m in &summary.members {
        let involvement = if m.declines_payment {
            "declined".to_string()
        } else {
            fmt2(m.involvement)
        };
        row([
            &m.member,
            m.role.words(),
            &m.sessions.to_string(),
            &involvement,
            &fmt2(m.expenses),
            &fmt2(m.total),
        ]);
    }
    row([
        "Total",
        "",
        "",
        &fmt2(summary.involvement),
        &fmt2(summary.expenses),
        &fmt2(summary.total),
    ]);
    for d in &summary.diagnostics {
        let _ = writeln!(out, "  {d}");
    }
    out
}
