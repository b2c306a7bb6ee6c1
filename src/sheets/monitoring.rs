//! A provider's return for one period: each measure's result against the charter, a KPI's value
//! or a feedback measure's five counts.

use serde_json::Value as Json;

use super::{read_layout, Column, Kind, Layout, Table, Template};
use crate::charter::Charter;
use crate::error::{Error, ErrorKind, Result};
use crate::monitoring::Monitoring;

const fn col(header: &'static str, key: &'static str, kind: Kind, help: &'static str) -> Column {
    Column {
        header,
        key,
        kind,
        help,
    }
}

const RESULTS: &[Column] = &[
    col(
        "standard",
        "standard",
        Kind::Text,
        "The charter standard's id (PC1).",
    ),
    col(
        "measure",
        "measure",
        Kind::Text,
        "The measure's id, as the charter gives it.",
    ),
    col(
        "value",
        "value",
        Kind::Number,
        "For a KPI: the value observed in the period.",
    ),
    col(
        "strongly disagree",
        "counts[0]",
        Kind::Whole,
        "For a feedback measure: how many answered strongly disagree.",
    ),
    col(
        "disagree",
        "counts[1]",
        Kind::Whole,
        "How many answered disagree.",
    ),
    col(
        "not sure",
        "counts[2]",
        Kind::Whole,
        "How many answered not sure.",
    ),
    col(
        "agree",
        "counts[3]",
        Kind::Whole,
        "How many answered agree.",
    ),
    col(
        "strongly agree",
        "counts[4]",
        Kind::Whole,
        "How many answered strongly agree.",
    ),
];

pub(super) const LAYOUT: Layout = Layout {
    title: "engagekit: a provider's return against the charter",
    schema: "engagekit/monitoring@1",
    settings: &[],
    tables: &[Table {
        sheet: "Results",
        key: "results",
        columns: RESULTS,
        required: true,
        together: &[
            "counts[0]",
            "counts[1]",
            "counts[2]",
            "counts[3]",
            "counts[4]",
        ],
        about: "One measure per row: a KPI's value, or a feedback measure's five counts.",
        within: None,
    }],
};

/// A filled return (`engagekit template monitoring`) read into the monitoring document of
/// `period` against `charter`, checked as every monitoring document is: a result names a
/// measure the charter declares under its standard, a feedback measure has all five counts.
pub fn import_monitoring(
    file: &str,
    bytes: &[u8],
    charter: &Charter,
    period: &str,
) -> Result<Monitoring> {
    let charter = serde_json::to_value(charter).map_err(|e| {
        Error::new(
            ErrorKind::InvalidValue,
            "charter",
            format!("the charter cannot be added: {e}"),
        )
    })?;
    let extra = vec![
        ("charter", charter),
        ("period", Json::String(period.to_string())),
    ];
    read_layout(Template::Monitoring, file, bytes, extra)?.read::<Monitoring>()
}
