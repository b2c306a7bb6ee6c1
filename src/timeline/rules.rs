//! The rules a consultation plan must respect, each with its source, as findings. The message of
//! each finding says which rule it is, so that it can be pasted into an email as it is.

use super::{Activity, ActivityKind as K, Timeline};
use crate::calendar::{BankHolidays, Region};
use crate::diagnostic::Diagnostic;

/// Cabinet Office Consultation Principles (2018): the government response within 12 weeks of
/// the close.
const RESPONSE_DAYS: i64 = 84;

fn of<'a>(plan: &'a Timeline, kinds: &'a [K]) -> impl Iterator<Item = &'a Activity> + 'a {
    plan.activities
        .iter()
        .filter(move |a| kinds.contains(&a.kind))
}

/// Every finding of the plan, in the order of the rules, each rule's findings in plan order.
pub fn findings(plan: &Timeline, calendar: &BankHolidays) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Computed once, so that every rule is linear in the plan (a plan may have thousands of
    // activities over years).
    let last_analysis = of(plan, &[K::Analysis]).max_by_key(|a| a.end);
    let latest_analysis_end = last_analysis.map(|a| a.end);
    let latest_feedback_start = of(plan, &[K::Feedback]).map(|a| a.start).max();
    let mut responses: Vec<crate::Date> = of(plan, &[K::Feedback, K::Publication])
        .map(|a| a.start)
        .collect();
    crate::order::sort_by(&mut responses, Ord::cmp);
    let minimum_days = i64::from(plan.minimum_consultation_weeks()) * 7;

    for a in of(plan, &[K::Consultation]) {
        if a.days() < minimum_days {
            out.push(
                Diagnostic::warning(
                    "consultation-too-short",
                    format!(
                        "Gunning principle 3 (adequate time): consultation \"{}\" runs {} days, {} to {}, shorter than {} weeks ({minimum_days} days)",
                        a.title,
                        a.days(),
                        a.start,
                        a.end,
                        plan.minimum_consultation_weeks()
                    ),
                )
                .activity(&a.id),
            );
        }
    }
    for a in of(plan, &[K::Consultation, K::Survey]) {
        if let Some(day) = christmas_day_open(a) {
            out.push(
                Diagnostic::warning(
                    "holiday-overlap",
                    format!(
                        "Adequate time over holidays (Lords Secondary Legislation Scrutiny Committee): {} \"{}\" is open over Christmas and New Year ({day}); allow extra time",
                        a.kind.as_str(),
                        a.title
                    ),
                )
                .activity(&a.id),
            );
        }
    }
    for a in of(plan, &[K::Consultation, K::Survey]) {
        let why = if a.end.is_weekend() {
            Some("a weekend")
        } else if calendar.is_bank_holiday(Region::EnglandAndWales, a.end) {
            Some("a bank holiday")
        } else {
            None
        };
        if let Some(why) = why {
            out.push(
                Diagnostic::warning(
                    "closes-on-non-working-day",
                    format!("{} \"{}\" closes on {}, {why}: close it on a working day so that people can get help to respond", a.kind.as_str(), a.title, a.end.long()),
                )
                .activity(&a.id),
            );
        }
    }
    for a in of(plan, &[K::Consultation, K::Survey, K::Event]) {
        if let Some(p) = plan
            .pre_election_periods
            .iter()
            .find(|p| p.start <= a.start && a.start <= p.end)
        {
            out.push(
                Diagnostic::error(
                    "launch-in-pre-election-period",
                    format!(
                        "Pre-election period guidance: {} \"{}\" starts on {}, inside the pre-election period \"{}\" ({} to {}); nothing new is launched before polling day",
                        a.kind.as_str(),
                        a.title,
                        a.start,
                        p.title,
                        p.start,
                        p.end
                    ),
                )
                .activity(&a.id),
            );
        }
    }
    for a in of(plan, &[K::Publication, K::Decision, K::Feedback]) {
        if let Some(p) = plan
            .pre_election_periods
            .iter()
            .find(|p| p.start <= a.start && a.start <= p.end)
        {
            out.push(
                Diagnostic::warning(
                    "publication-in-pre-election-period",
                    format!(
                        "Pre-election period guidance: {} \"{}\" on {} falls in the pre-election period \"{}\" ({} to {}); results and decisions wait until after polling day",
                        a.kind.as_str(),
                        a.title,
                        a.start,
                        p.title,
                        p.start,
                        p.end
                    ),
                )
                .activity(&a.id),
            );
        }
    }
    if plan.substantial_variation {
        if let Some(first) = of(plan, &[K::Consultation]).min_by_key(|a| a.start) {
            if !of(plan, &[K::Scrutiny]).any(|s| s.start < first.start) {
                out.push(
                    Diagnostic::error(
                        "scrutiny-missing",
                        format!(
                            "Health scrutiny (Local Authority (Public Health, Health and Wellbeing Boards and Health Scrutiny) Regulations 2013, regulation 23): the change is a substantial variation, but no scrutiny committee activity starts before the consultation \"{}\" on {}",
                            first.title, first.start
                        ),
                    )
                    .activity(&first.id),
                );
            }
        }
    }
    for a in of(plan, &[K::Scrutiny]) {
        if a.comments_by.is_none() || a.decision_by.is_none() {
            out.push(
                Diagnostic::error(
                    "scrutiny-dates-missing",
                    format!(
                        "Health scrutiny regulations 2013, regulation 23(1)(b) and (c): \"{}\" must give the date by which comments are wanted and the date of the intended decision, and publish both",
                        a.title
                    ),
                )
                .activity(&a.id),
            );
        }
    }
    for a in of(plan, &[K::Consultation]) {
        if latest_analysis_end.is_none_or(|end| end <= a.end) {
            out.push(
                Diagnostic::warning(
                    "no-analysis",
                    format!("Gunning principle 4 (conscientious consideration): no analysis of responses ends after consultation \"{}\" closes on {}", a.title, a.end),
                )
                .activity(&a.id),
            );
        }
    }
    let reference = last_analysis.or_else(|| of(plan, &[K::Consultation]).max_by_key(|a| a.end));
    if let Some(r) = reference {
        for d in of(plan, &[K::Decision]).filter(|d| d.start < r.end) {
            out.push(
                Diagnostic::error(
                    "decision-before-analysis",
                    format!(
                        "Gunning principle 4 (conscientious consideration): decision \"{}\" starts on {}, before {} \"{}\" ends on {}",
                        d.title,
                        d.start,
                        r.kind.as_str(),
                        r.title,
                        r.end
                    ),
                )
                .activity(&d.id),
            );
        }
    }
    for d in of(plan, &[K::Decision]) {
        if latest_feedback_start.is_none_or(|start| start <= d.end) {
            out.push(
                Diagnostic::warning(
                    "no-feedback",
                    format!("Duty to involve (NHS Act 2006 s14Z45): no \"you said, we did\" feedback starts after decision \"{}\" on {}", d.title, d.end),
                )
                .activity(&d.id),
            );
        }
    }
    for a in of(plan, &[K::Consultation]) {
        let due = a.end.add_days(RESPONSE_DAYS).unwrap_or(a.end);
        // The first feedback or publication after the close, found by binary search.
        let next = responses.get(responses.partition_point(|&s| s <= a.end));
        if next.is_none_or(|&s| s > due) {
            out.push(
                Diagnostic::warning(
                    "response-late",
                    format!(
                        "Cabinet Office Consultation Principles: nothing is published or fed back within 12 weeks of consultation \"{}\" closing on {} (by {due})",
                        a.title, a.end
                    ),
                )
                .activity(&a.id),
            );
        }
    }
    out
}

/// The first day from 24 December to 1 January on which the activity is open.
fn christmas_day_open(a: &Activity) -> Option<crate::Date> {
    (a.start.year() - 1..=a.end.year()).find_map(|y| {
        let first = crate::Date::from_ymd(y, 12, 24)?.max(a.start);
        let last = crate::Date::from_ymd(y + 1, 1, 1)?.min(a.end);
        (first <= last).then_some(first)
    })
}
