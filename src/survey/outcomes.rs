//! Checking "You said, we did": a change that cannot be made says why, planned work is not
//! overdue, and every theme many people raised has an answer.

use std::collections::HashSet;

use serde::Serialize;

use super::rules::{OVERDUE, REASON_MISSING, THEME_WITHOUT_OUTCOME};
use super::{Coding, OutcomeStatus, Outcomes, Survey, ITEM, THEME};
use crate::calendar::Date;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, ErrorKind, Result};
use crate::suppression::{shows, DEFAULT_MINIMUM_COUNT};

/// What to check the outcomes against: today (the core has no clock) and, for
/// `theme-without-outcome`, the coding (and its survey, for its `minimumCount`).
#[derive(Debug, Clone, Copy)]
pub struct OutcomeOptions<'a> {
    /// The reference date for `overdue`.
    pub today: Date,
    /// The themes coded in the free text.
    pub coding: Option<&'a Coding>,
    /// The survey coded (its `minimumCount`; default 5 without it).
    pub survey: Option<&'a Survey>,
}

/// The result of `outcomes check` (JS `checkOutcomes`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OutcomesCheck {
    /// The page's title.
    pub title: String,
    /// The reference date.
    pub today: Date,
    /// How many items there are of each status.
    pub statuses: StatusCounts,
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// How many items there are of each status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// `planned`.
    pub planned: u32,
    /// `in-progress`.
    pub in_progress: u32,
    /// `done`.
    pub done: u32,
    /// `not-possible`.
    pub not_possible: u32,
}

/// Checks the items: `reason-missing` (error), `overdue` (warning) and, with a coding,
/// `theme-without-outcome` (warning). An item's `theme` that the coding's codebook lacks, or a
/// coding of another survey, is an input error.
pub fn check_outcomes(outcomes: &Outcomes, options: &OutcomeOptions<'_>) -> Result<OutcomesCheck> {
    let mut statuses = StatusCounts::default();
    // Rule by rule, in the catalogue's order; item by item within a rule.
    let mut diagnostics = Vec::new();
    let mut overdue = Vec::new();
    for item in &outcomes.items {
        let slot = match item.status {
            OutcomeStatus::Planned => &mut statuses.planned,
            OutcomeStatus::InProgress => &mut statuses.in_progress,
            OutcomeStatus::Done => &mut statuses.done,
            OutcomeStatus::NotPossible => &mut statuses.not_possible,
        };
        *slot = slot.saturating_add(1);
        let reason = item.reason.as_deref().map(str::trim).unwrap_or_default();
        if item.status == OutcomeStatus::NotPossible && reason.is_empty() {
            diagnostics.push(
                REASON_MISSING
                    .finding(format!(
                        "item \"{}\" is not possible and gives no reason: say why the change cannot be made",
                        item.id
                    ))
                    .label(ITEM, &item.id),
            );
        }
        let open = matches!(
            item.status,
            OutcomeStatus::Planned | OutcomeStatus::InProgress
        );
        if let (true, Some(due)) = (open, item.due) {
            if due < options.today {
                overdue.push(
                    OVERDUE
                        .finding(format!(
                            "item \"{}\" is {} and was due on {due}, {} days before {}",
                            item.id,
                            item.status.as_str(),
                            options.today.days_since(due),
                            options.today
                        ))
                        .label(ITEM, &item.id),
                );
            }
        }
    }
    diagnostics.append(&mut overdue);
    if let Some(coding) = options.coding {
        themes_answered(outcomes, coding, options.survey, &mut diagnostics)?;
    }
    Ok(OutcomesCheck {
        title: outcomes.title.clone(),
        today: options.today,
        statuses,
        diagnostics,
    })
}

/// `theme-without-outcome`: each theme raised by at least `minimumCount` people (distinct
/// responses, over every question) that no item names.
fn themes_answered(
    outcomes: &Outcomes,
    coding: &Coding,
    survey: Option<&Survey>,
    out: &mut Vec<Diagnostic>,
) -> Result<()> {
    if let Some(survey) = survey {
        if coding.survey != survey.id {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "coding.survey",
                format!(
                    "the coding is of survey \"{}\", not of \"{}\"",
                    coding.survey, survey.id
                ),
            ));
        }
    }
    let themes: HashSet<&str> = coding.codebook.iter().map(|t| t.id.as_str()).collect();
    let mut answered = HashSet::new();
    for (i, item) in outcomes.items.iter().enumerate() {
        if let Some(theme) = &item.theme {
            if !themes.contains(theme.as_str()) {
                return Err(Error::new(
                    ErrorKind::DanglingReference,
                    format!("items[{i}].theme"),
                    format!("the coding's codebook has no theme \"{theme}\""),
                ));
            }
            answered.insert(theme.as_str());
        }
    }
    let minimum = survey.map_or(DEFAULT_MINIMUM_COUNT, Survey::minimum_count);
    for theme in &coding.codebook {
        if answered.contains(theme.id.as_str()) {
            continue;
        }
        let people: HashSet<&str> = coding
            .coded
            .iter()
            .filter(|c| c.themes.contains(&theme.id))
            .map(|c| c.response.as_str())
            .collect();
        let n = people.len() as u64;
        if shows(n, minimum) {
            out.push(
                THEME_WITHOUT_OUTCOME
                    .finding(format!(
                        "theme \"{}\" ({}) was raised by {n} people and no item answers it",
                        theme.id, theme.title
                    ))
                    .label(THEME, &theme.id),
            );
        }
    }
    Ok(())
}
