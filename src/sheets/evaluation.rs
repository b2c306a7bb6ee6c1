//! The evaluation's set-up workbook: the panel chair's settings, criteria, bids and panel, and
//! (optionally) the scores and the consensus reached at moderation.

use super::{read_layout, Column, Filled, Kind, Layout, Table, Template, Within};
use crate::charter::Charter;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::evaluation::{
    Evaluation, PaymentUnit, PriceMethod, PsrProcess, Regime, Role, KEY_CRITERIA,
};

fn regimes() -> Vec<(&'static str, &'static str)> {
    Regime::ALL
        .iter()
        .map(|r| (r.as_str(), r.words()))
        .collect()
}

fn processes() -> Vec<(&'static str, &'static str)> {
    PsrProcess::ALL
        .iter()
        .map(|p| (p.as_str(), p.words()))
        .collect()
}

fn price_methods() -> Vec<(&'static str, &'static str)> {
    PriceMethod::ALL
        .iter()
        .map(|p| (p.as_str(), p.words()))
        .collect()
}

fn roles() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.as_str(), r.words())).collect()
}

fn units() -> Vec<(&'static str, &'static str)> {
    PaymentUnit::ALL
        .iter()
        .map(|u| (u.as_str(), u.words()))
        .collect()
}

fn key_criteria() -> Vec<(&'static str, &'static str)> {
    KEY_CRITERIA
        .iter()
        .map(|(k, words)| (k.as_str(), *words))
        .collect()
}

const fn col(header: &'static str, key: &'static str, kind: Kind, help: &'static str) -> Column {
    Column {
        header,
        key,
        kind,
        help,
    }
}

const SETTINGS: &[Column] = &[
    col("title", "title", Kind::Text, "What is being bought, as the panel knows it."),
    col("stage", "stage", Kind::Text, "The stage being scored (\"Invitation to submit final solutions\")."),
    col("regime", "regime", Kind::Choice("a regime", regimes), "Provider Selection Regime or Procurement Act 2023; blank if neither."),
    col("psr process", "psrProcess", Kind::Choice("a PSR process", processes), "Under the Provider Selection Regime: which process (blank: the Competitive Process)."),
    col("award notice date", "awardNoticeDate", Kind::Date, "The day the notice of the award decision is published: the standstill runs from it."),
    col("scale max", "scale.max", Kind::Whole, "The highest score (4 on a 0 to 4 scale)."),
    col("scale labels", "scale.labels", Kind::Texts, "One word per score from 0 up, separated by ; (Unacceptable; Poor; Satisfactory; Good; Excellent)."),
    col("price weight", "price.weight", Kind::Percent, "The price's share of the total, in per cent; with the criteria's weights it makes 100."),
    col("price method", "price.method", Kind::Choice("a price method", price_methods), "How price is scored: lowest price (the lowest gets the full weight)."),
    col("divergence threshold", "rules.divergenceThreshold", Kind::Number, "Scores this far apart (highest minus lowest) need moderation. Blank: 2."),
    col("minimum evaluators", "rules.minimumEvaluators", Kind::Whole, "Fewer scores than this for a bid's criterion, and no consensus, leaves it incomplete. Blank: 2."),
    col("decision by", "decision.by", Kind::Text, "Who made the award decision: the committee, or job titles."),
    col("decision date", "decision.date", Kind::Date, "When the award decision was made."),
    col("basic selection criteria", "decision.basicSelectionCriteria", Kind::Text, "How the bidders were checked against the basic selection criteria (Competitive Process)."),
    col("currency", "payments.currency", Kind::Text, "The currency of the payment rates and expenses, as its three-letter code (GBP). Blank: GBP."),
];

const CRITERIA: &[Column] = &[
    col("id", "id", Kind::Text, "A short id, unique: Q1, Q2 ..."),
    col("title", "title", Kind::Text, "The question as bidders read it."),
    col("weight", "weight", Kind::Percent, "Its share of the total, in per cent."),
    col("minimum score", "minimumScore", Kind::Whole, "A bid scoring below this on the criterion fails. Blank: none."),
    col("scored by", "scoredBy", Kind::Choices("a role", roles), "The roles that score it, separated by ; (young person; clinician). Blank: every scoring role."),
    col("charter standards", "charterStandards", Kind::Texts, "The charter's standards it assesses, by id, separated by ; (PC1; PC4)."),
    col("key criterion", "keyCriterion", Kind::Choice("a key criterion", key_criteria), "The Provider Selection Regime's key criterion it addresses."),
];

const BIDS: &[Column] = &[
    col("id", "id", Kind::Text, "A short id, unique: B1, B2 ..."),
    col("bidder", "bidder", Kind::Text, "The bidder's name."),
    col(
        "price",
        "price",
        Kind::Number,
        "The bid's price, in pounds (more than 0).",
    ),
    col(
        "address",
        "address",
        Kind::Text,
        "Registered office or principal place of business.",
    ),
    col(
        "identifier",
        "identifier",
        Kind::Text,
        "Companies House or NHS organisation code.",
    ),
];

const PANEL: &[Column] = &[
    col(
        "id",
        "id",
        Kind::Text,
        "A short id, unique: E1, E2 ... Score sheets and records name evaluators by it.",
    ),
    col(
        "name",
        "name",
        Kind::Text,
        "The member's name (kept out of published records).",
    ),
    col(
        "role",
        "role",
        Kind::Choice("a role", roles),
        "The member's role on the panel.",
    ),
    col(
        "conflicts",
        "conflicts",
        Kind::Texts,
        "Bids the member has a conflict of interest in, by id, separated by ;.",
    ),
    col(
        "training completed",
        "trainingCompleted",
        Kind::Date,
        "The day the member completed the evaluator training.",
    ),
    col(
        "under 18",
        "under18",
        Kind::YesNo,
        "yes if the member is under 18.",
    ),
    col(
        "chaperone",
        "chaperone",
        Kind::Text,
        "For a member under 18: who supports them at panel sessions.",
    ),
    col(
        "conflict decision",
        "conflictManaged.decision",
        Kind::Text,
        "Where a conflict is managed rather than the member stood down: the recorded decision (the member then scores the other bids).",
    ),
    col(
        "conflict decided by",
        "conflictManaged.decidedBy",
        Kind::Text,
        "Who made that decision (the Conflicts of Interest Guardian).",
    ),
    col(
        "conflict decision date",
        "conflictManaged.date",
        Kind::Date,
        "When it was decided.",
    ),
    col(
        "declines payment",
        "declinesPayment",
        Kind::YesNo,
        "yes if the member declines the involvement payment.",
    ),
];

const SCORES: &[Column] = &[
    col(
        "evaluator",
        "evaluator",
        Kind::Text,
        "The evaluator's id (Panel sheet).",
    ),
    col("bid", "bid", Kind::Text, "The bid's id (Bids sheet)."),
    col("bidder", "", Kind::Ignored, ""),
    col(
        "criterion",
        "criterion",
        Kind::Text,
        "The criterion's id (Criteria sheet).",
    ),
    col("criterion title", "", Kind::Ignored, ""),
    col("scale", "", Kind::Ignored, ""),
    col(
        "score",
        "score",
        Kind::Whole,
        "A whole number from 0 to the scale's maximum.",
    ),
    col(
        "rationale",
        "rationale",
        Kind::Text,
        "Why: what in the bid earned the score.",
    ),
];

const CONSENSUS: &[Column] = &[
    col("bid", "bid", Kind::Text, "The bid's id."),
    col("criterion", "criterion", Kind::Text, "The criterion's id."),
    col(
        "score",
        "score",
        Kind::Whole,
        "The score agreed at moderation.",
    ),
    col(
        "rationale",
        "rationale",
        Kind::Text,
        "Why the panel agreed it.",
    ),
];

const PAYMENT_RATES: &[Column] = &[
    col(
        "role",
        "role",
        Kind::Choice("a role", roles),
        "The role paid at this rate (young person, parent representative ...). A role with no rate is not paid (staff are paid by their employer).",
    ),
    col(
        "unit",
        "unit",
        Kind::Choice("a unit", units),
        "What the rate is per: hour, half day or day.",
    ),
    col(
        "amount",
        "amount",
        Kind::Number,
        "What the role is paid per unit, in the currency of the Settings sheet (0 to 1,000,000).",
    ),
];

const SESSIONS: &[Column] = &[
    col(
        "id",
        "id",
        Kind::Text,
        "A short id, unique: training, scoring ... The Attendance sheet names sessions by it.",
    ),
    col("date", "date", Kind::Date, "The day of the session."),
    col(
        "title",
        "title",
        Kind::Text,
        "What it was (training, scoring, moderation).",
    ),
    col(
        "unit",
        "unit",
        Kind::Choice("a unit", units),
        "What it is paid in: hour, half day or day (the Payment rates sheet's rates per that unit).",
    ),
    col(
        "length",
        "length",
        Kind::Number,
        "How many units it lasted (2 for two half days), 0 to 1,000. Blank: 1.",
    ),
];

const ATTENDANCE: &[Column] = &[
    col(
        "session",
        "session",
        Kind::Text,
        "The session's id (Sessions sheet).",
    ),
    col(
        "member",
        "member",
        Kind::Text,
        "The panel member's id (Panel sheet).",
    ),
    col(
        "expenses",
        "expenses",
        Kind::Number,
        "Travel and other expenses the member claims for the session, paid apart from the involvement payment (0 to 1,000,000). Blank: none.",
    ),
];

const fn table(
    sheet: &'static str,
    key: &'static str,
    columns: &'static [Column],
    required: bool,
    about: &'static str,
) -> Table {
    Table {
        sheet,
        key,
        columns,
        required,
        together: &[],
        about,
        within: None,
    }
}

pub(super) const LAYOUT: Layout = Layout {
    title: "engagekit: an evaluation panel",
    schema: "engagekit/evaluation@1",
    settings: SETTINGS,
    tables: &[
        table(
            "Criteria",
            "criteria",
            CRITERIA,
            true,
            "One quality criterion per row; the weights and the price weight make 100.",
        ),
        table("Bids", "bids", BIDS, true, "One bid per row."),
        table("Panel", "panel", PANEL, true, "One panel member per row."),
        table(
            "Scores",
            "scores",
            SCORES,
            false,
            "Optional: scores as the score sheets give them (rows can be pasted from them).",
        ),
        table(
            "Consensus",
            "consensus",
            CONSENSUS,
            false,
            "Optional: scores agreed at moderation, one per bid and criterion.",
        ),
        table(
            "Payment rates",
            "payments.rates",
            PAYMENT_RATES,
            false,
            "Optional: the involvement payment policy, one rate per role and unit (engagekit evaluate --payments).",
        ),
        table(
            "Sessions",
            "sessions",
            SESSIONS,
            false,
            "Optional: the panel's sessions (training, scoring, moderation), one per row.",
        ),
        Table {
            sheet: "Attendance",
            key: "attendance",
            columns: ATTENDANCE,
            required: false,
            together: &[],
            about: "Optional: who attended each session, one row per member per session.",
            within: Some(Within {
                parent: "sessions",
                sheet: "Sessions",
                id: "id",
                by: "session",
            }),
        },
    ],
};

/// A filled evaluation workbook (`engagekit template evaluation`, filled in Excel) read into the
/// evaluation document, checked as every evaluation is; `charter`, when given, is the charter the
/// criteria's `charter standards` name. An error names the sheet and cell (`Panel!C4`) and
/// quotes the value.
pub fn import_evaluation(
    file: &str,
    bytes: &[u8],
    charter: Option<&Charter>,
) -> Result<Evaluation> {
    let mut extra = Vec::new();
    if let Some(charter) = charter {
        let json = serde_json::to_value(charter).map_err(|e| {
            Error::new(
                ErrorKind::InvalidValue,
                "charter",
                format!("the charter cannot be added: {e}"),
            )
        })?;
        extra.push(("charter", json));
    }
    if !crate::workbook::is_workbook(bytes) {
        return Err(Error::at(
            ErrorKind::InvalidValue,
            crate::error::Location::cell(file, "", None),
            "an evaluation is set up in a workbook (engagekit template evaluation): this file is not one".to_string(),
        ));
    }
    let filled = read_layout(Template::Evaluation, file, bytes, extra)?;
    percentages_kept_as_fractions(&filled)?;
    currency_without_rates(&filled)?;
    filled.read::<Evaluation>()
}

/// A currency typed in the `Settings` sheet with no rates in the `Payment rates` sheet (or no
/// such sheet): the policy needs its rates, and the error is at the currency's cell, which the
/// person typed, rather than at a sheet that may not be there.
fn currency_without_rates(filled: &Filled) -> Result<()> {
    let Some(payments) = filled.doc.get("payments") else {
        return Ok(());
    };
    let (Some(currency), None) = (payments.get("currency"), payments.get("rates")) else {
        return Ok(());
    };
    let Some((location, words)) = filled.cells.get("payments.currency") else {
        return Ok(());
    };
    Err(Error::at(
        ErrorKind::MissingField,
        location.clone(),
        format!(
            "{words}: \"{}\" is given, but the sheet \"Payment rates\" has no rates: add the rates paid, or leave the currency blank",
            currency.as_str().unwrap_or_default()
        ),
    ))
}

/// Excel keeps a cell typed `40%` as 0.4, and no reader of the workbook sees the cell's format:
/// where the weights do not make 100 but would if each weight from 0 to 1 were the per cent it
/// shows (0.4 as 40, 1 as 100), the first such cell is named, with the others and what to do,
/// instead of a total no one typed ("total 40.6, not 100"). Typing 40 again into a cell
/// formatted as a percentage gives 0.4 again (Excel's automatic percent entry), so the words say
/// to change the format first. A fraction in a total that is right is a fraction meant (weights
/// have 3 decimal places); with a negative weight the total is wrong for another reason.
fn percentages_kept_as_fractions(filled: &Filled) -> Result<()> {
    let number = |value: Option<&serde_json::Value>| value.and_then(serde_json::Value::as_f64);
    let criteria = filled.doc.get("criteria").and_then(|c| c.as_array());
    let mut weights: Vec<(String, f64)> = criteria
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, c)| Some((format!("criteria[{i}].weight"), number(c.get("weight"))?)))
        .collect();
    if let Some(price) = number(filled.doc.get("price").and_then(|p| p.get("weight"))) {
        weights.push(("price.weight".to_string(), price));
    }
    let fraction = |w: f64| w > 0.0 && w <= 1.0;
    // Each weight as it shows, to the 3 decimal places of a weight (0.4 * 100 is not 40 in f64).
    let shown = |w: f64| {
        let w = if fraction(w) { w * 100.0 } else { w };
        (w * 1000.0).round() / 1000.0
    };
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    let as_shown: f64 = weights.iter().map(|&(_, w)| shown(w)).sum();
    let near = |x: f64| (x - 100.0).abs() < 1e-6;
    if near(total) || !near(as_shown) || weights.iter().any(|(_, w)| *w < 0.0) {
        return Ok(());
    }
    // The cells holding fractions: the first named by the error, the others listed in it
    // (`Criteria!C3 (0.12: 12)`).
    let cells: Vec<(&Location, &str, f64, f64)> = weights
        .iter()
        .filter(|(_, w)| fraction(*w))
        .filter_map(|(path, w)| {
            let (at, words) = filled.cells.get(path.as_str())?;
            Some((at, *words, *w, shown(*w)))
        })
        .collect();
    let Some(&(first, words, w, per_cent)) = cells.first() else {
        return Ok(());
    };
    const LISTED: usize = 8;
    let mut others: Vec<String> = cells[1..]
        .iter()
        .take(LISTED)
        .map(|(at, _, w, per_cent)| {
            format!("{} ({w}: {per_cent})", at.sheet_cell().unwrap_or_default())
        })
        .collect();
    if cells.len() > LISTED + 1 {
        others.push(format!("and {} more", cells.len() - 1 - LISTED));
    }
    let also = if others.is_empty() {
        String::new()
    } else {
        format!("; the same for {}", others.join(", "))
    };
    Err(Error::at(
        ErrorKind::InvalidValue,
        first.clone(),
        format!(
            "{words}: {w} is {per_cent}% kept as a fraction (the weights make 100 only as per \
             cents: the cell is probably formatted as a percentage). Format the weight cells as \
             Number, then type {per_cent}{also}"
        ),
    ))
}
