//! Involvement payments: what each panel member is owed for the sessions they attended, from the
//! document's own policy (rates are never hard-coded), with expenses kept apart and nothing paid
//! to a member who declines payment.

use serde::Serialize;

use super::{Evaluation, Role};
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};

/// Rates come from the document's own policy, never from the toolkit.
pub(crate) const NO_PAYMENT_RATE: Rule = Rule {
    code: "no-payment-rate",
    area: Area::Evaluation,
    severity: Severity::Warning,
    rule:
        "A role with involvement payment rates has a rate for each unit its sessions are paid in.",
    source: Source {
        title: "The evaluation's own involvement payment policy (`payments.rates`)",
        citation: "",
        url: "",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Add the missing rate to `payments.rates`, or change the session's unit.",
};
use crate::error::{Error, ErrorKind, Result};

/// The payments summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PaymentsSummary {
    /// ISO 4217 currency of every amount (GBP unless the policy says otherwise).
    pub currency: String,
    /// One line per panel member who attended a session, in panel order.
    pub members: Vec<MemberPayment>,
    /// Involvement payments in all.
    pub involvement: f64,
    /// Expenses in all.
    pub expenses: f64,
    /// Both together.
    pub total: f64,
    /// Rates missing from the policy.
    pub diagnostics: Vec<Diagnostic>,
}

/// What one member is owed. Members are named by id only: personal details stay in the panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MemberPayment {
    /// The panel member.
    pub member: String,
    /// Their role.
    pub role: Role,
    /// Sessions attended.
    pub sessions: u32,
    /// Involvement payment (0 when declined).
    pub involvement: f64,
    /// Expenses, paid whether or not the involvement payment is declined.
    pub expenses: f64,
    /// Both together.
    pub total: f64,
    /// The member declines an involvement payment.
    pub declines_payment: bool,
}

/// Money is added up in whole pence, so that totals are exact. Amounts are at most a million
/// pounds (checked on load); sums are i128, so no count of sessions or members can overflow them.
fn pence(amount: f64) -> i128 {
    (amount * 100.0).round() as i128
}

fn pounds(pence: i128) -> f64 {
    pence as f64 / 100.0
}

/// The involvement payments summary of an evaluation with a `payments` policy and `sessions`.
pub fn involvement_payments(doc: &Evaluation) -> Result<PaymentsSummary> {
    let policy = doc.payments.as_ref().ok_or_else(|| {
        Error::new(
            ErrorKind::MissingField,
            "payments",
            "the document has no \"payments\" policy: rates by role and unit are needed",
        )
    })?;
    let mut diagnostics = Vec::new();
    let mut members = Vec::new();
    for m in &doc.panel {
        let declines = m.declines_payment == Some(true);
        let (mut sessions, mut involvement, mut expenses) = (0u32, 0i128, 0i128);
        for session in &doc.sessions {
            let Some(attended) = session.attendance.iter().find(|a| a.member == m.id) else {
                continue;
            };
            sessions = sessions.saturating_add(1);
            expenses += attended.expenses.map_or(0, pence);
            let rate = policy
                .rates
                .iter()
                .find(|r| r.role == m.role && r.unit == session.unit);
            match rate {
                Some(r) if !declines => involvement += (pence(r.amount) as f64 * session.length.unwrap_or(1.0)).round() as i128,
                Some(_) => {}
                // A role with no rates at all is staff, paid by their employer; a role with rates
                // in other units is a gap in the policy.
                None if policy.rates.iter().any(|r| r.role == m.role) && !declines => diagnostics.push(
                    NO_PAYMENT_RATE.finding(
                        format!("the policy has no rate per {} for the {} role, so {} is paid nothing for session {}", session.unit.words(), m.role.words(), m.id, session.id),
                    )
                    .label(super::EVALUATOR, &m.id),
                ),
                None => {}
            }
        }
        if sessions > 0 {
            members.push(MemberPayment {
                member: m.id.clone(),
                role: m.role,
                sessions,
                involvement: pounds(involvement),
                expenses: pounds(expenses),
                total: pounds(involvement + expenses),
                declines_payment: declines,
            });
        }
    }
    let involvement: i128 = members.iter().map(|m| pence(m.involvement)).sum();
    let expenses: i128 = members.iter().map(|m| pence(m.expenses)).sum();
    Ok(PaymentsSummary {
        currency: policy.currency.clone().unwrap_or_else(|| "GBP".to_string()),
        members,
        involvement: pounds(involvement),
        expenses: pounds(expenses),
        total: pounds(involvement + expenses),
        diagnostics,
    })
}
