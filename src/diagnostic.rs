//! Findings: what a check found in a valid document, and the rules they come from. Unlike an
//! [`Error`](crate::Error), a finding does not stop the command; results carry them in
//! `diagnostics`. Every finding is made from a [`Rule`], declared once with its source in its
//! area's list; [`crate::catalogue`] gathers the lists.

use serde::{Deserialize, Serialize};

/// How serious a finding is. Any `error` makes the CLI exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks a rule: the result cannot be relied on until it is dealt with.
    Error,
    /// Needs a person's attention (moderation, a date to move).
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A kind of thing a finding concerns, declared by the area whose documents have it (the
/// evaluation's `bid`, the timeline's `activity`, the report's `line`): its key in the finding's
/// JSON, its place among those keys, and whether its value is a number (a line) or an id.
/// [`crate::catalogue::LABEL_KINDS`] lists every area's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LabelKind {
    order: u8,
    key: &'static str,
    numeric: bool,
}

impl LabelKind {
    /// An id of something in a document, under `key`, written `order`th among the labels.
    pub const fn id(key: &'static str, order: u8) -> Self {
        LabelKind {
            order,
            key,
            numeric: false,
        }
    }

    /// A number (a 1-based line), under `key`, written `order`th among the labels.
    pub const fn number(key: &'static str, order: u8) -> Self {
        LabelKind {
            order,
            key,
            numeric: true,
        }
    }

    /// Its key in a finding's JSON (`bid`, `line`).
    pub fn key(self) -> &'static str {
        self.key
    }

    /// Whether its value is a number rather than an id.
    pub fn is_numeric(self) -> bool {
        self.numeric
    }
}

/// What a label holds: an id, or a number (a line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelValue {
    /// An id (`B2`, `consultation`) or a section number.
    Id(String),
    /// A 1-based line.
    Number(u32),
}

/// One thing a finding concerns: `{kind, value}` (written as `"bid": "B2"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// What it is.
    pub kind: LabelKind,
    /// Which one.
    pub value: LabelValue,
}

/// One finding: a stable code from the rule catalogue, a severity, a message for people, and the
/// things it concerns (its labels), written as SCHEMAS.md says: `{code, severity, message}` and
/// one key per label (`bid`, `criterion`, `evaluator`, `activity`, `standard`, `measure`, `line`,
/// `section`), in that order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code (`divergent-scores`, `numbering-gap`).
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// What was found, in words, quoting the culprit.
    pub message: String,
    /// What it concerns, one per kind, in the kinds' order.
    labels: Vec<Label>,
}

impl Diagnostic {
    /// A finding of `rule` with this message as it is, nothing labelled yet (add labels with
    /// [`Diagnostic::label`]). [`Rule::finding`] heads the message with the rule's source.
    #[inline(always)]
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Diagnostic::made(rule.code, rule.severity, "", message.into())
    }

    /// A finding with this code and severity, its message headed by `cited_as` unless empty.
    fn made(code: &str, severity: Severity, cited_as: &str, message: String) -> Self {
        let message = if cited_as.is_empty() {
            message
        } else {
            format!("{cited_as}: {message}")
        };
        Diagnostic {
            code: code.to_string(),
            severity,
            message,
            labels: Vec::new(),
        }
    }

    /// A finding as read back from JSON, whose code was a rule's when it was written.
    pub(crate) fn read(code: String, severity: Severity, message: String) -> Self {
        Diagnostic {
            code,
            severity,
            message,
            labels: Vec::new(),
        }
    }

    /// Concerns the item `id` of this kind (`.label(BID, "B2")`); a second label of one kind
    /// replaces the first.
    pub fn label(self, kind: LabelKind, id: &str) -> Self {
        self.with(Label {
            kind,
            value: LabelValue::Id(id.to_string()),
        })
    }

    /// At this number of this kind (`.at(LINE, 12)`).
    pub fn at(self, kind: LabelKind, number: u32) -> Self {
        self.with(Label {
            kind,
            value: LabelValue::Number(number),
        })
    }

    /// With this label, kept in the kinds' order.
    pub fn with(mut self, label: Label) -> Self {
        match self.labels.binary_search_by(|l| l.kind.cmp(&label.kind)) {
            Ok(i) => self.labels[i] = label,
            Err(i) => self.labels.insert(i, label),
        }
        self
    }

    /// Everything it concerns, in the kinds' order.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The id of the item of this kind it concerns (`d.id(BID) == Some("B2")`).
    pub fn id(&self, kind: LabelKind) -> Option<&str> {
        self.labels.iter().find_map(|l| match &l.value {
            LabelValue::Id(id) if l.kind == kind => Some(id.as_str()),
            _ => None,
        })
    }

    /// The number of this kind it is at (`d.number(LINE) == Some(12)`).
    pub fn number(&self, kind: LabelKind) -> Option<u32> {
        self.labels.iter().find_map(|l| match l.value {
            LabelValue::Number(n) if l.kind == kind => Some(n),
            _ => None,
        })
    }
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(3 + self.labels.len()))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("severity", &self.severity)?;
        map.serialize_entry("message", &self.message)?;
        for label in &self.labels {
            match &label.value {
                LabelValue::Id(id) => map.serialize_entry(label.kind.key, id)?,
                LabelValue::Number(n) => map.serialize_entry(label.kind.key, n)?,
            }
        }
        map.end()
    }
}

/// `warning divergent-scores: scores of bid B2 on Q3 range from 1 to 4: moderation needed`:
/// a finding as one line for people.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )
    }
}

/// Which area of the toolkit a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// Consultation plans (`timeline check`).
    Timeline,
    /// Procurement panels (`evaluate`, `verify`, payments).
    Evaluation,
    /// Patient charters (`charter check`).
    Charter,
    /// The provider measured against the charter (`charter monitor`).
    Monitoring,
    /// Governing-body reports (`report lint`).
    Report,
    /// Survey responses and "You said, we did" (`survey summarise`, `outcomes check`).
    Survey,
}

impl Area {
    /// `timeline`, `evaluation`, `charter`, `monitoring`, `report` or `survey`.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Timeline => "timeline",
            Area::Evaluation => "evaluation",
            Area::Charter => "charter",
            Area::Monitoring => "monitoring",
            Area::Report => "report",
            Area::Survey => "survey",
        }
    }
}

/// What kind of authority a rule's source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// An Act, a statutory instrument or a court's judgment: it binds.
    Law,
    /// Guidance a statute requires bodies to have regard to.
    StatutoryGuidance,
    /// Government or NHS England guidance without statutory force.
    Guidance,
    /// A choice of this toolkit or of the organisation (its own defaults, good practice).
    LocalPolicy,
    /// A source that could not be checked against its primary text: treat with care.
    Unverified,
}

impl SourceKind {
    /// `law`, `statutory-guidance`, `guidance`, `local-policy` or `unverified`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Law => "law",
            SourceKind::StatutoryGuidance => "statutory-guidance",
            SourceKind::Guidance => "guidance",
            SourceKind::LocalPolicy => "local-policy",
            SourceKind::Unverified => "unverified",
        }
    }
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The instrument, judgment or document ("Health Care Services (Provider Selection Regime)
    /// Regulations 2023").
    pub title: &'static str,
    /// The section, regulation or paragraph ("regulation 12(3)"); empty when the whole applies.
    pub citation: &'static str,
    /// Where to read it (legislation.gov.uk, GOV.UK, NHS England).
    pub url: &'static str,
    /// Law, statutory guidance, guidance, local policy or unverified.
    pub kind: SourceKind,
    /// How a person quotes it at the head of a finding's message ("PSR regulation 12(3)");
    /// empty for the toolkit's own checks of text, whose messages need no authority.
    pub cited_as: &'static str,
}

/// One rule of the catalogue: the single place where a finding's code, severity, source and
/// help are declared. A finding can only be made from its rule ([`Rule::finding`]), so its code
/// and severity cannot drift from what the catalogue (`engagekit rules`, docs/rules.md) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// The finding's stable kebab-case code.
    pub code: &'static str,
    /// The area whose checks emit it.
    pub area: Area,
    /// How serious its findings are.
    pub severity: Severity,
    /// The rule in one sentence.
    pub rule: &'static str,
    /// Where it comes from.
    pub source: Source,
    /// What the user should do about a finding.
    pub help: &'static str,
}

impl Rule {
    /// A finding of this rule. The message says what was found, quoting the culprit; when the
    /// rule has an authority, the message is headed by it as a person would quote it
    /// ("PSR regulation 12(3): ..."), so that it can be pasted into an email as it is.
    // Always inlined, with `Diagnostic::new`: what a finding takes of its rule (code, severity,
    // how its source is cited) is then read at compile time from the rule's constant, and a
    // module that makes findings without listing the catalogue carries none of the rules' texts
    // (the timeline page's module: 3.8 KB gzipped, BENCHMARKS.md).
    // The rule's fields are passed by value: a reference into it (as `format!` takes its
    // arguments) would keep the whole rule, with its texts.
    #[inline(always)]
    pub fn finding(&'static self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::made(
            self.code,
            self.severity,
            self.source.cited_as,
            message.into(),
        )
    }
}

/// True when any finding is an error (the CLI then exits with status 1).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
