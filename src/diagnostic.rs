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

/// One finding: a stable code, a severity, a message for people, and the ids it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Diagnostic {
    /// Stable kebab-case code (`divergent-scores`, `numbering-gap`).
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// What was found, in words, quoting the culprit.
    pub message: String,
    /// The bid concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bid: Option<String>,
    /// The criterion concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The evaluator concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<String>,
    /// The timeline activity concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// The charter standard concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// The charter measure concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// The 1-based line in the input text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The report section concerned (its number, or its title when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` with this message as it is, no ids attached yet (add them with the
    /// builder methods). [`Rule::finding`] heads the message with the rule's source.
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code.to_string(),
            severity: rule.severity,
            message: message.into(),
            bid: None,
            criterion: None,
            evaluator: None,
            activity: None,
            standard: None,
            measure: None,
            line: None,
            section: None,
        }
    }

    /// Concerns this bid.
    pub fn bid(mut self, id: &str) -> Self {
        self.bid = Some(id.to_string());
        self
    }

    /// Concerns this criterion.
    pub fn criterion(mut self, id: &str) -> Self {
        self.criterion = Some(id.to_string());
        self
    }

    /// Concerns this evaluator.
    pub fn evaluator(mut self, id: &str) -> Self {
        self.evaluator = Some(id.to_string());
        self
    }

    /// Concerns this activity.
    pub fn activity(mut self, id: &str) -> Self {
        self.activity = Some(id.to_string());
        self
    }

    /// Concerns this charter standard.
    pub fn standard(mut self, id: &str) -> Self {
        self.standard = Some(id.to_string());
        self
    }

    /// Concerns this charter measure.
    pub fn measure(mut self, id: &str) -> Self {
        self.measure = Some(id.to_string());
        self
    }

    /// At this 1-based line of the input.
    pub fn line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }

    /// In this report section.
    pub fn section(mut self, section: &str) -> Self {
        self.section = Some(section.to_string());
        self
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
}

impl Area {
    /// `timeline`, `evaluation`, `charter`, `monitoring` or `report`.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Timeline => "timeline",
            Area::Evaluation => "evaluation",
            Area::Charter => "charter",
            Area::Monitoring => "monitoring",
            Area::Report => "report",
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
    pub fn finding(&'static self, message: impl Into<String>) -> Diagnostic {
        let message = message.into();
        let message = if self.source.cited_as.is_empty() {
            message
        } else {
            format!("{}: {message}", self.source.cited_as)
        };
        Diagnostic::new(self, message)
    }
}

/// True when any finding is an error (the CLI then exits with status 1).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
