//! A plan at a reference date: each activity's status and days left, the plan's lifecycle stage,
//! the key dates ahead, and the findings of the rules.

use serde::Serialize;

use super::{ActivityKind as K, Timeline};
use crate::calendar::{BankHolidays, Date, Region};
use crate::diagnostic::Diagnostic;

/// The result of [`check`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TimelineCheck {
    /// The reference date.
    pub today: Date,
    /// Where the plan stands.
    pub stage: Stage,
    /// Dates ahead (from today), in order.
    pub key_dates: Vec<KeyDate>,
    /// Every activity, in plan order.
    pub activities: Vec<ActivityStatus>,
    /// What the rules found.
    pub diagnostics: Vec<Diagnostic>,
}

/// The plan's lifecycle stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// No consultation has opened yet.
    Forthcoming,
    /// A consultation is open.
    Open,
    /// A consultation has closed and no decision is made yet.
    UnderReview,
    /// The decision is made.
    Decided,
    /// "You said, we did" feedback is out.
    FeedbackPublished,
}

impl Stage {
    /// In words, for people.
    pub fn words(self) -> &'static str {
        match self {
            Stage::Forthcoming => "forthcoming",
            Stage::Open => "open",
            Stage::UnderReview => "under review",
            Stage::Decided => "decided",
            Stage::FeedbackPublished => "feedback published",
        }
    }
}

/// A date ahead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KeyDate {
    /// The day.
    pub date: Date,
    /// What happens: `opens`, `closes`, `event`, `comments due`, `decision`, `decision due`.
    pub what: &'static str,
    /// The activity.
    pub activity: String,
}

/// Whether an activity is ahead, running or over at the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Starts after today.
    Upcoming,
    /// Runs today (dates inclusive).
    Open,
    /// Ended before today.
    Closed,
}

/// An activity at the reference date. Fields that do not apply are null.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ActivityStatus {
    /// The activity.
    pub id: String,
    /// Its kind.
    pub kind: super::ActivityKind,
    /// Its title.
    pub title: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Upcoming, open or closed.
    pub status: Status,
    /// While open: end minus today in days (0 on the last day).
    pub days_remaining: Option<i64>,
    /// While open: working days (England and Wales) after today up to and including the end.
    pub working_days_remaining: Option<u32>,
    /// The latest count of responses up to today, where counts are given.
    pub responses: Option<u32>,
    /// The target, where one is given.
    pub target: Option<u32>,
    /// Surveys with responses, while open: latest count x (end - start + 1) / (latest date -
    /// start + 1), rounded.
    pub projected_responses: Option<u64>,
}

/// Rounded to the nearest whole number, halves away from zero: `num / den` with `den > 0`.
fn round_div(num: u64, den: u64) -> u64 {
    (2 * num + den) / (2 * den)
}

/// Checks a plan with the built-in bank holidays.
pub fn check(plan: &Timeline, today: Date) -> TimelineCheck {
    check_with(plan, today, &BankHolidays::builtin())
}

/// Checks a plan at `today` with a calendar of bank holidays (a GOV.UK file merged in, say).
pub fn check_with(plan: &Timeline, today: Date, calendar: &BankHolidays) -> TimelineCheck {
    let activities = plan
        .activities
        .iter()
        .map(|a| {
            let status = if today < a.start {
                Status::Upcoming
            } else if today > a.end {
                Status::Closed
            } else {
                Status::Open
            };
            let open = status == Status::Open;
            let latest = a
                .responses
                .iter()
                .filter(|r| r.date <= today)
                .max_by_key(|r| r.date);
            let projected = match (a.kind, latest) {
                (K::Survey, Some(r)) if open => {
                    let elapsed = r.date.days_since(a.start) + 1;
                    u64::try_from(elapsed)
                        .ok()
                        .filter(|&e| e > 0)
                        .map(|e| round_div(u64::from(r.count) * a.days().unsigned_abs(), e))
                }
                _ => None,
            };
            ActivityStatus {
                id: a.id.clone(),
                kind: a.kind,
                title: a.title.clone(),
                start: a.start,
                end: a.end,
                status,
                days_remaining: open.then(|| a.end.days_since(today)),
                working_days_remaining: open
                    .then(|| calendar.working_days_between(Region::EnglandAndWales, today, a.end)),
                responses: latest.map(|r| r.count),
                target: a.target,
                projected_responses: projected,
            }
        })
        .collect();
    TimelineCheck {
        today,
        stage: stage(plan, today),
        key_dates: key_dates(plan, today),
        activities,
        diagnostics: super::findings(plan, calendar),
    }
}

fn stage(plan: &Timeline, today: Date) -> Stage {
    let any = |kind: K, f: &dyn Fn(&super::Activity) -> bool| {
        plan.activities.iter().any(|a| a.kind == kind && f(a))
    };
    if any(K::Feedback, &|a| a.start <= today) {
        Stage::FeedbackPublished
    } else if any(K::Decision, &|a| a.start <= today) {
        Stage::Decided
    } else if any(K::Consultation, &|a| a.is_open_on(today)) {
        Stage::Open
    } else if any(K::Consultation, &|a| a.end < today) {
        Stage::UnderReview
    } else {
        Stage::Forthcoming
    }
}

fn key_dates(plan: &Timeline, today: Date) -> Vec<KeyDate> {
    let mut dates = Vec::new();
    for a in &plan.activities {
        let mut add = |date: Option<Date>, what: &'static str| {
            if let Some(date) = date.filter(|d| *d >= today) {
                dates.push(KeyDate {
                    date,
                    what,
                    activity: a.id.clone(),
                });
            }
        };
        match a.kind {
            K::Consultation | K::Survey => {
                add(Some(a.start), "opens");
                add(Some(a.end), "closes");
            }
            K::Event => add(Some(a.start), "event"),
            K::Decision => add(Some(a.start), "decision"),
            K::Scrutiny => {
                add(a.comments_by, "comments due");
                add(a.decision_by, "decision due");
            }
            _ => {}
        }
    }
    // Stable: the same day keeps plan order.
    crate::order::sort_by_key(&mut dates, |d| d.date);
    dates
}
