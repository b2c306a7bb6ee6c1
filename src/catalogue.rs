//! The rule catalogue: every rule any area applies, gathered from the areas' own lists. A rule is
//! declared once, in its area, with its source ([`Rule`]); this module only collects the lists
//! and writes them out for people (`engagekit rules`, JS `rules()`, docs/rules.md, which is
//! generated from [`to_markdown`] and checked by the tests).
//!
//! Nothing in the core imports this module: it sits on top of the areas, so imports run one way.

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::diagnostic::{
    Area, Diagnostic, Label, LabelKind, LabelValue, Rule, Severity, SourceKind,
};

/// Every rule, area by area (timeline, evaluation, charter, monitoring, report, survey), each area's in
/// the order its checks run.
pub fn rules() -> Vec<&'static Rule> {
    let mut all = Vec::new();
    for list in [
        crate::timeline::RULES,
        crate::evaluation::RULES,
        crate::charter::RULES,
        crate::monitoring::RULES,
        crate::report::RULES,
        crate::survey::RULES,
    ] {
        all.extend(list.iter().copied());
    }
    all
}

/// The rule with this code: a finding's source and what to do, beside its message.
///
/// ```
/// let rule = engagekit::catalogue::rule("consultation-too-short").unwrap();
/// assert_eq!(rule.source.kind, engagekit::SourceKind::LocalPolicy);
/// assert!(engagekit::catalogue::rule("no-such-code").is_none());
/// ```
pub fn rule(code: &str) -> Option<&'static Rule> {
    rules().into_iter().find(|r| r.code == code)
}

/// Every kind of label a finding can have, in the order they are written: the keys SCHEMAS.md
/// gives a finding, each declared by its area.
pub const LABEL_KINDS: &[LabelKind] = &[
    crate::evaluation::BID,
    crate::evaluation::CRITERION,
    crate::evaluation::EVALUATOR,
    crate::timeline::ACTIVITY,
    crate::charter::STANDARD,
    crate::monitoring::MEASURE,
    crate::report::LINE,
    crate::report::SECTION,
    crate::survey::QUESTION,
    crate::survey::OPTION,
    crate::survey::THEME,
    crate::survey::ITEM,
];

/// Every key a finding's JSON may have: its own three, then [`LABEL_KINDS`]' (a test keeps the
/// two lists the same; serde's error for an unknown key needs them as one static list).
const FINDING_KEYS: &[&str] = &[
    "code",
    "severity",
    "message",
    "bid",
    "criterion",
    "evaluator",
    "activity",
    "standard",
    "measure",
    "line",
    "section",
    "question",
    "option",
    "theme",
    "item",
];

/// A finding read back from JSON (a sealed record's result, results given to `charterJourney`):
/// `code`, `severity`, `message` and the keys of [`LABEL_KINDS`]; any other key is an
/// `unknown-field` error, as for every document. Here, above the areas, because only here are
/// all their kinds known.
impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Finding;
        impl<'de> Visitor<'de> for Finding {
            type Value = Diagnostic;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a finding {code, severity, message, ...}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Diagnostic, A::Error> {
                let (mut code, mut severity, mut message) = (None, None, None);
                let mut labels = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "code" => code = Some(map.next_value::<String>()?),
                        "severity" => severity = Some(map.next_value::<Severity>()?),
                        "message" => message = Some(map.next_value::<String>()?),
                        other => {
                            let kind = LABEL_KINDS
                                .iter()
                                .copied()
                                .find(|k| k.key() == other)
                                .ok_or_else(|| de::Error::unknown_field(other, FINDING_KEYS))?;
                            let value = if kind.is_numeric() {
                                LabelValue::Number(map.next_value()?)
                            } else {
                                LabelValue::Id(map.next_value()?)
                            };
                            labels.push(Label { kind, value });
                        }
                    }
                }
                let mut d = Diagnostic::read(
                    code.ok_or_else(|| de::Error::missing_field("code"))?,
                    severity.ok_or_else(|| de::Error::missing_field("severity"))?,
                    message.ok_or_else(|| de::Error::missing_field("message"))?,
                );
                for label in labels {
                    d = d.with(label);
                }
                Ok(d)
            }
        }
        deserializer.deserialize_map(Finding)
    }
}

/// What each area's part of docs/rules.md says before its table: the choices that hold for
/// every rule of the area.
fn notes(area: Area) -> (&'static str, &'static str) {
    match area {
        Area::Timeline => (
            "Consultation plans (`timeline check`)",
            "Dates are inclusive. Working days are England and Wales working days: weekdays that \
             are not bank holidays. The built-in calendar computes 2010 to 2035 from the rules \
             (Easter by the Gregorian computus, substitute days) with the one-off days \
             (2011-04-29, 2012-06-04/05, 2020-05-08, 2022-06-02/03, 2022-09-19, 2023-05-08 and \
             the days they replaced); a GOV.UK `bank-holidays.json` can add or override years \
             (`--bank-holidays FILE`, JS option `bankHolidays`).",
        ),
        Area::Evaluation => (
            "Procurement panels (`evaluate`, `verify`)",
            "Arithmetic is exact: every final, weighted score, price score and total is a \
             fraction of whole numbers (weights have at most 3 decimal places, prices are in \
             pence), turned into a number only when written out. The final score of a criterion \
             is the consensus where there is one, else the mean of the scores kept; weighted = \
             final / scale max x weight; price score by the lowest-price method = price weight x \
             lowest price / bid price, the lowest taken over bids neither failed nor incomplete; \
             ties go to the higher quality score (SCHEMAS.md).",
        ),
        Area::Charter => (
            "Patient charters (`charter check`)",
            "A statement for younger readers must be readable by the youngest service user the \
             charter serves: the feedback form is used by 7 to 17 year olds.",
        ),
        Area::Monitoring => (
            "The provider against the charter (`charter monitor`, `charter aggregate`)",
            "A feedback measure's value is the percentage of answers that are 4 or 5 on the 1 to \
             5 scale. Green at or better than the target, amber within the tolerance, red beyond \
             (mirrored for a lower-is-better KPI); a standard takes its worst measure's rating. A \
             measure answered by fewer people than `minimumCount` (default 5) is suppressed: \
             neither its value nor its count appears anywhere, and comments on it are withheld. \
             Small numbers identify people.",
        ),
        Area::Survey => (
            "Surveys and \"You said, we did\" (`survey summarise`, `outcomes check`)",
            "Percents are of those who answered the question, to one decimal place (halves away \
             from zero, computed in whole tenths); means, medians and ratios to two. Small \
             numbers are suppressed (local policy, default `minimumCount` 5, after NHS Digital's \
             disclosure control practice): a count from 1 to `minimumCount - 1` is null; where \
             exactly one count of a single-choice or scale question is hidden, the smallest \
             other non-zero one is hidden too; a question, or a breakdown group, answered by \
             fewer than `minimumCount` shows no counts at all; across a breakdown's groups no \
             hidden cell stands alone in its column. A scale's mean is withheld when any point \
             is hidden. Quotes are published only with e-mail addresses, UK phone numbers and \
             postcodes removed.",
        ),
        Area::Report => (
            "Reports (`report lint`)",
            "Each check looks for the defect's own shape, to keep false alarms away: a board \
             report is checked every month, and a false alarm costs trust.",
        ),
    }
}

/// Markdown cells hold no `|` and no line break.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// docs/rules.md: the catalogue for people, area by area, each rule with its source and kind.
pub fn to_markdown() -> String {
    let mut out = String::from(
        "# The rules engagekit applies, and where they come from\n\n\
         <!-- Generated from the rule catalogue (src/catalogue.rs and each area's RULES) by \
         `engagekit rules --markdown`; `make test` fails when this file is stale. -->\n\n\
         Every finding is made from one rule below, and its message names the rule's source the \
         way a person would quote it, so that a reader can check it here and at the source. \
         Each source says what kind of authority it is:\n\n\
         - **law**: an Act, a statutory instrument or a court's judgment;\n\
         - **statutory guidance**: guidance a statute requires bodies to have regard to;\n\
         - **guidance**: government or NHS England guidance without statutory force;\n\
         - **local policy**: a default of this toolkit or a choice of the organisation, which \
         the document can change where it says so;\n\
         - **unverified**: a source that could not be checked against its primary text here.\n\n\
         The same list is `engagekit rules --format json` and JS `rules()`.\n",
    );
    let all = rules();
    for area in [
        Area::Timeline,
        Area::Evaluation,
        Area::Charter,
        Area::Monitoring,
        Area::Report,
        Area::Survey,
    ] {
        let (title, note) = notes(area);
        out.push_str(&format!("\n## {title}\n\n{note}\n\n"));
        out.push_str(
            "| finding | severity | rule | source | what to do |\n|---|---|---|---|---|\n",
        );
        for r in all.iter().filter(|r| r.area == area) {
            let s = &r.source;
            let named = if s.citation.is_empty() {
                s.title.to_string()
            } else {
                format!("{}, {}", s.title, s.citation)
            };
            let linked = if s.url.is_empty() {
                cell(&named)
            } else {
                format!("[{}]({})", cell(&named), s.url)
            };
            let kind = match s.kind {
                SourceKind::Law => "law",
                SourceKind::StatutoryGuidance => "statutory guidance",
                SourceKind::Guidance => "guidance",
                SourceKind::LocalPolicy => "local policy",
                SourceKind::Unverified => "**unverified**",
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {linked} ({kind}) | {} |\n",
                r.code,
                r.severity.as_str(),
                cell(r.rule),
                cell(r.help)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{FINDING_KEYS, LABEL_KINDS};

    #[test]
    fn the_finding_keys_are_the_label_kinds() {
        let labels: Vec<&str> = LABEL_KINDS.iter().map(|k| k.key()).collect();
        assert_eq!(&FINDING_KEYS[..3], ["code", "severity", "message"]);
        assert_eq!(&FINDING_KEYS[3..], labels.as_slice());
    }
}
