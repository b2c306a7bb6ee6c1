//! Findings: what a check found in a valid document. Unlike an [`Error`](crate::Error), a finding
//! does not stop the command; results carry them in `diagnostics`.

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
    /// A finding with no ids attached yet; add them with the builder methods.
    pub fn new(code: &str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity,
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

    /// An `error` finding.
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    /// A `warning` finding.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    /// An `info` finding.
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, message)
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

/// True when any finding is an error (the CLI then exits with status 1).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
