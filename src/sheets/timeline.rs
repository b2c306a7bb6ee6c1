//! The consultation plan's workbook: the plan's settings, its activities, and the pre-election
//! and holiday periods it must avoid. A CSV file of the activities alone reads too.

use serde_json::Value as Json;

use super::{read_layout, Column, Kind, Layout, Table, Template};
use crate::error::Result;
use crate::timeline::{ActivityKind, Recipient, Timeline};

fn kinds() -> Vec<(&'static str, &'static str)> {
    ActivityKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.as_str()))
        .collect()
}

fn recipients() -> Vec<(&'static str, &'static str)> {
    Recipient::ALL
        .iter()
        .map(|r| (r.as_str(), r.words()))
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
    col("title", "title", Kind::Text, "The plan's title, as the public will read it."),
    col("substantial variation", "substantialVariation", Kind::YesNo, "yes if the change is a substantial development or variation of the health service (the council's scrutiny committee must be consulted)."),
    col("minimum consultation weeks", "rules.minimumConsultationWeeks", Kind::Whole, "The shortest public consultation the plan allows, in weeks. Blank: 12."),
    col("id", "id", Kind::Text, "A short id for the plan (optional)."),
    col("organisations", "organisations", Kind::Texts, "The organisations leading it, separated by ;."),
];

const ACTIVITIES: &[Column] = &[
    col("id", "id", Kind::Text, "A short id, unique: a1, a2 ..."),
    col(
        "kind",
        "kind",
        Kind::Choice("a kind of activity", kinds),
        "What it is: consultation, scrutiny, analysis, decision, notification ...",
    ),
    col(
        "title",
        "title",
        Kind::Text,
        "The activity as the public will read it.",
    ),
    col("start", "start", Kind::Date, "Its first day."),
    col(
        "end",
        "end",
        Kind::Date,
        "Its last day (the same as the start for a one-day event).",
    ),
    col("venue", "venue", Kind::Text, "Where, for an event."),
    col(
        "target",
        "target",
        Kind::Whole,
        "How many responses or people it aims for.",
    ),
    col(
        "comments by",
        "commentsBy",
        Kind::Date,
        "For scrutiny: the day the committee's comments are due.",
    ),
    col(
        "decision by",
        "decisionBy",
        Kind::Date,
        "For scrutiny: the day the proposed decision will be made, as given to the committee.",
    ),
    col(
        "recipient",
        "recipient",
        Kind::Choice("a recipient", recipients),
        "For a notification only: who is notified.",
    ),
];

const PERIOD: &[Column] = &[
    col(
        "title",
        "title",
        Kind::Text,
        "The period's name (\"Local elections, May 2026\").",
    ),
    col("start", "start", Kind::Date, "Its first day."),
    col("end", "end", Kind::Date, "Its last day."),
];

pub(super) const LAYOUT: Layout = Layout {
    title: "engagekit: a consultation plan",
    schema: "engagekit/timeline@1",
    settings: SETTINGS,
    tables: &[
        Table {
            sheet: "Activities",
            key: "activities",
            columns: ACTIVITIES,
            required: true,
            together: &[],
            within: None,
            about: "One activity per row, in any order.",
        },
        Table {
            sheet: "Pre-election periods",
            key: "preElectionPeriods",
            columns: PERIOD,
            required: false,
            together: &[],
            within: None,
            about: "Optional: pre-election periods the consultation should avoid.",
        },
        Table {
            sheet: "Holiday periods",
            key: "rules.holidayPeriods",
            columns: PERIOD,
            required: false,
            together: &[],
            within: None,
            about: "Optional: holiday periods to avoid, in place of the toolkit's (Christmas and New Year, Easter, the summer holidays).",
        },
    ],
};

/// A filled plan workbook (`engagekit template timeline`), or a CSV file of the activities with
/// the `Activities` sheet's header, read into the timeline document, checked as every timeline
/// is. A CSV file has no settings: `title` and `substantial_variation` give them (a workbook's
/// own `Settings` come first; these fill what it leaves blank).
pub fn import_timeline(
    file: &str,
    bytes: &[u8],
    title: Option<&str>,
    substantial_variation: Option<bool>,
) -> Result<Timeline> {
    let mut filled = read_layout(Template::Timeline, file, bytes, Vec::new())?;
    if let Some(title) = title {
        filled
            .doc
            .entry("title")
            .or_insert_with(|| Json::String(title.to_string()));
    }
    if let Some(yes) = substantial_variation {
        filled
            .doc
            .entry("substantialVariation")
            .or_insert(Json::Bool(yes));
    }
    filled.read::<Timeline>()
}
