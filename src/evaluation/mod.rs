//! Procurement evaluation panels: the document a panel scores in, checked on load. The scoring
//! rules (SCHEMAS.md rules 1 to 7, ranks, the charter profile) build on this model.

use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

use crate::calendar::Date;
use crate::charter::Charter;
use crate::diagnostic::LabelKind;
use crate::document::{check_range, check_ref, check_unique, Document, DocumentKind};
use crate::error::{Error, ErrorKind, Result};
use crate::find::InOrder;

mod exact;
mod ocds;
mod payments;
mod records;
mod scoresheet;
mod scoring;
mod seal;
mod setup;
mod text;
#[cfg(feature = "xlsx")]
mod workbook;

pub use ocds::ocds_release;
pub use payments::{involvement_payments, MemberPayment, PaymentsSummary};
pub use records::{assessment_summary, decision_record};
pub use scoresheet::{
    may_score, merge_scoresheet_files, merge_scoresheets, scoresheet, sheet, FilledSheet,
    ScoresheetFile, Sheet, SheetRow,
};
#[cfg(feature = "xlsx")]
pub(crate) use scoring::KEY_CRITERIA;
pub use scoring::{
    evaluate, evaluate_with, standstill_ends, BidResult, BidStatus, ConsensusResult,
    CriterionResult, EvaluationResult, ScoreResult, SetAside,
};
pub use seal::{seal, verify, Link, SealedEvaluation, Verification, SEALED_SCHEMA};
pub use setup::{check_setup, read_setup, SetupCheck};
pub use text::{payments_to_text, setup_to_text, to_text};
#[cfg(feature = "xlsx")]
pub use workbook::scoresheet_xlsx;

/// A finding about a bid (`"bid": "B2"`).
pub const BID: LabelKind = LabelKind::id("bid", 0);
/// A finding about a criterion (`"criterion": "Q3"`).
pub const CRITERION: LabelKind = LabelKind::id("criterion", 1);
/// A finding about a panel member (`"evaluator": "E4"`).
pub const EVALUATOR: LabelKind = LabelKind::id("evaluator", 2);

/// This area's rules, in the order its checks run (gathered by [`crate::catalogue`]): the panel,
/// the regime, scoring, ranking, the charter, the records, then payments and seal verification.
pub const RULES: &[&crate::diagnostic::Rule] = &[
    &scoring::SAFEGUARDING_MISSING,
    &scoring::EVALUATOR_NOT_TRAINED,
    &scoring::CONFLICT_MANAGED,
    &scoring::PSR_PROCESS_ASSUMED,
    &scoring::PSR_KEY_CRITERION_MISSING,
    &scoring::SOCIAL_VALUE_BELOW_MINIMUM,
    &scoring::NON_SCORING_ROLE,
    &scoring::CONFLICT_OF_INTEREST,
    &scoring::ROLE_NOT_PERMITTED,
    &scoring::MISSING_RATIONALE,
    &scoring::CONSENSUS_WITHOUT_RATIONALE,
    &scoring::DIVERGENT_SCORES,
    &scoring::INSUFFICIENT_EVALUATORS,
    &scoring::BELOW_MINIMUM_SCORE,
    &scoring::TIE,
    &scoring::CHARTER_STANDARD_UNASSESSED,
    &setup::WEIGHTS_TOTAL,
    &setup::SHORT_OF_EVALUATORS,
    &records::DECISION_RECORD_INCOMPLETE,
    &records::ASSESSMENT_SUMMARY_INCOMPLETE,
    &payments::NO_PAYMENT_RATE,
    &seal::ENTRY_REMOVED,
    &seal::ENTRY_CHANGED,
    &seal::ENTRY_ADDED,
    &seal::ENTRY_REORDERED,
    &seal::CHAIN_BROKEN,
    &seal::SEAL_MISMATCH,
    &seal::RESULT_MISMATCH,
];

/// A procurement panel's scoring (`engagekit/evaluation@1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evaluation {
    /// `engagekit/evaluation@1`.
    pub schema: String,
    /// The procurement ("Children and young people's mental health services: final tenders").
    pub title: String,
    /// The stage (selection questionnaire, ISOS, ISFS, ...), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// The procurement regime, where one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<Regime>,
    /// Under the PSR, the process followed (absent: the Competitive Process, with the finding
    /// `psr-process-assumed`). Only with `regime: "psr"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub psr_process: Option<PsrProcess>,
    /// The day the notice that starts the standstill is published: under the PSR the notice of
    /// intention to award (regulation 12(2)), under the Procurement Act 2023 the contract award
    /// notice (s51).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_notice_date: Option<Date>,
    /// Who made the award decision, and when: a committee or job titles, not the scoring panel
    /// (PSR regulation 24(d)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The scoring scale, 0 to `max`.
    pub scale: Scale,
    /// How price is scored.
    pub price: PriceRule,
    /// The quality criteria.
    pub criteria: Vec<Criterion>,
    /// The bids.
    pub bids: Vec<Bid>,
    /// The evaluation panel.
    pub panel: Vec<PanelMember>,
    /// Every individual score.
    #[serde(default)]
    pub scores: Vec<Score>,
    /// Scores agreed at moderation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consensus: Vec<Consensus>,
    /// Moderation rules (defaults: divergence threshold 2, minimum evaluators 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Rules>,
    /// The patient charter the criteria link to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charter: Option<Charter>,
    /// Involvement payment rates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payments: Option<PaymentPolicy>,
    /// Panel sessions and who attended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
}

/// The procurement regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Regime {
    /// The Provider Selection Regime (NHS health care services, since 2024).
    Psr,
    /// The Procurement Act 2023 (other public contracts, since February 2025).
    #[serde(rename = "pa2023")]
    Pa2023,
}

impl Regime {
    /// Every regime.
    pub const ALL: [Regime; 2] = [Regime::Psr, Regime::Pa2023];

    /// The name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::Psr => "psr",
            Regime::Pa2023 => "pa2023",
        }
    }

    /// As a form's drop-down shows it.
    pub fn words(self) -> &'static str {
        match self {
            Regime::Psr => "Provider Selection Regime",
            Regime::Pa2023 => "Procurement Act 2023",
        }
    }
}

/// The processes of the Provider Selection Regime (regulations 7 to 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum PsrProcess {
    /// Direct Award Process A (regulation 7): no standstill.
    DirectAwardA,
    /// Direct Award Process B (regulation 8): no standstill.
    DirectAwardB,
    /// Direct Award Process C (regulation 9).
    DirectAwardC,
    /// The Most Suitable Provider Process (regulation 10).
    MostSuitableProvider,
    /// The Competitive Process (regulation 11).
    Competitive,
}

impl PsrProcess {
    /// Every process, in the regulations' order.
    pub const ALL: [PsrProcess; 5] = [
        PsrProcess::DirectAwardA,
        PsrProcess::DirectAwardB,
        PsrProcess::DirectAwardC,
        PsrProcess::MostSuitableProvider,
        PsrProcess::Competitive,
    ];

    /// The camelCase name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            PsrProcess::DirectAwardA => "directAwardA",
            PsrProcess::DirectAwardB => "directAwardB",
            PsrProcess::DirectAwardC => "directAwardC",
            PsrProcess::MostSuitableProvider => "mostSuitableProvider",
            PsrProcess::Competitive => "competitive",
        }
    }

    /// As the regulations name it ("the Competitive Process (regulation 11)").
    pub fn words(self) -> &'static str {
        match self {
            PsrProcess::DirectAwardA => "Direct Award Process A (regulation 7)",
            PsrProcess::DirectAwardB => "Direct Award Process B (regulation 8)",
            PsrProcess::DirectAwardC => "Direct Award Process C (regulation 9)",
            PsrProcess::MostSuitableProvider => {
                "the Most Suitable Provider Process (regulation 10)"
            }
            PsrProcess::Competitive => "the Competitive Process (regulation 11)",
        }
    }

    /// Regulation 12(1): a standstill period applies to Direct Award Process C, the Most
    /// Suitable Provider Process and the Competitive Process only; regulation 24(e) and (f): the
    /// record of those processes describes how the key criteria were taken into account.
    pub fn has_standstill(self) -> bool {
        !matches!(self, PsrProcess::DirectAwardA | PsrProcess::DirectAwardB)
    }
}

/// Who made the award decision, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    /// A committee or the job titles of those who decided ("ICB Contracts Committee").
    pub by: String,
    /// The day of the decision.
    pub date: Date,
    /// How the basic selection criteria (PSR regulation 19) were assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_selection_criteria: Option<String>,
}

/// A recorded decision that manages a panel member's conflict of interest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConflictManaged {
    /// What was decided: what the member may still do (not empty).
    pub decision: String,
    /// Who decided (a committee, a job title).
    pub decided_by: String,
    /// When.
    pub date: Date,
}

/// A scoring scale of whole numbers from 0 to `max`, with a descriptor per point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scale {
    /// The highest score (most often 4; 5 and 10 are also used).
    pub max: u32,
    /// `max + 1` descriptors, from 0 up ("Unacceptable", "Poor", ...).
    pub labels: Vec<String>,
}

/// How price is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceRule {
    /// Percentage points; with the quality weights it makes 100.
    pub weight: f64,
    /// The price scoring method.
    pub method: PriceMethod,
}

/// Price scoring methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum PriceMethod {
    /// price weight x lowest price / this bid's price.
    Lowest,
}

impl PriceMethod {
    /// Every method.
    pub const ALL: [PriceMethod; 1] = [PriceMethod::Lowest];

    /// The name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            PriceMethod::Lowest => "lowest",
        }
    }

    /// As a form's drop-down shows it.
    pub fn words(self) -> &'static str {
        match self {
            PriceMethod::Lowest => "lowest price",
        }
    }
}

/// A choice in an evaluation's set-up: its name in documents and its words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// As documents name it (`youngPerson`).
    pub id: &'static str,
    /// As people read it ("young person").
    pub words: &'static str,
}

/// The words of an evaluation's set-up, for a form's drop-downs: regimes, PSR processes, price
/// methods, key criteria, and the roles (those that score first).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EvaluationVocabulary {
    /// Every regime.
    pub regimes: Vec<Choice>,
    /// Every PSR process, in the regulations' order.
    pub psr_processes: Vec<Choice>,
    /// Every price method.
    pub price_methods: Vec<Choice>,
    /// The PSR's five key criteria, as the regulations word them.
    pub key_criteria: Vec<Choice>,
    /// Every role.
    pub roles: Vec<Choice>,
    /// The roles that score (a criterion's `scoredBy` names only these).
    pub scoring_roles: Vec<Choice>,
}

/// The evaluation's vocabulary ([`EvaluationVocabulary`]).
pub fn vocabulary() -> EvaluationVocabulary {
    let choices = |it: &mut dyn Iterator<Item = (&'static str, &'static str)>| {
        it.map(|(id, words)| Choice { id, words }).collect()
    };
    EvaluationVocabulary {
        regimes: choices(&mut Regime::ALL.iter().map(|r| (r.as_str(), r.words()))),
        psr_processes: choices(&mut PsrProcess::ALL.iter().map(|p| (p.as_str(), p.words()))),
        price_methods: choices(&mut PriceMethod::ALL.iter().map(|p| (p.as_str(), p.words()))),
        key_criteria: choices(&mut scoring::KEY_CRITERIA.iter().map(|(k, w)| (k.as_str(), *w))),
        roles: choices(&mut Role::ALL.iter().map(|r| (r.as_str(), r.words()))),
        scoring_roles: choices(
            &mut Role::ALL
                .iter()
                .filter(|r| r.scores())
                .map(|r| (r.as_str(), r.words())),
        ),
    }
}

/// Panel roles. Service users, carers, parent representatives, young people, clinicians,
/// commissioners and finance score; procurement and the chair never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// A service user.
    ServiceUser,
    /// A carer.
    Carer,
    /// A parent representative.
    ParentRep,
    /// A young person.
    YoungPerson,
    /// A clinician.
    Clinician,
    /// A commissioner.
    Commissioner,
    /// Finance.
    Finance,
    /// Procurement (advises, never scores).
    Procurement,
    /// The chair (facilitates, never scores).
    Chair,
}

impl Role {
    /// Every role, the scoring ones first.
    pub const ALL: [Role; 9] = [
        Role::ServiceUser,
        Role::Carer,
        Role::ParentRep,
        Role::YoungPerson,
        Role::Clinician,
        Role::Commissioner,
        Role::Finance,
        Role::Procurement,
        Role::Chair,
    ];

    /// Whether this role scores at all.
    pub fn scores(self) -> bool {
        !matches!(self, Role::Procurement | Role::Chair)
    }

    /// The camelCase name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ServiceUser => "serviceUser",
            Role::Carer => "carer",
            Role::ParentRep => "parentRep",
            Role::YoungPerson => "youngPerson",
            Role::Clinician => "clinician",
            Role::Commissioner => "commissioner",
            Role::Finance => "finance",
            Role::Procurement => "procurement",
            Role::Chair => "chair",
        }
    }

    /// The role in words, as a panel member reads it ("young person", "parent representative").
    pub fn words(self) -> &'static str {
        match self {
            Role::ServiceUser => "service user",
            Role::Carer => "carer",
            Role::ParentRep => "parent representative",
            Role::YoungPerson => "young person",
            Role::Clinician => "clinician",
            Role::Commissioner => "commissioner",
            Role::Finance => "finance",
            Role::Procurement => "procurement",
            Role::Chair => "chair",
        }
    }
}

/// The five key criteria of the Provider Selection Regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum KeyCriterion {
    /// Quality and innovation.
    QualityInnovation,
    /// Value.
    Value,
    /// Integration, collaboration and service sustainability.
    IntegrationCollaborationSustainability,
    /// Improving access, reducing health inequalities and facilitating choice.
    AccessInequalitiesChoice,
    /// Social value.
    SocialValue,
}

impl KeyCriterion {
    /// The camelCase name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyCriterion::QualityInnovation => "qualityInnovation",
            KeyCriterion::Value => "value",
            KeyCriterion::IntegrationCollaborationSustainability => {
                "integrationCollaborationSustainability"
            }
            KeyCriterion::AccessInequalitiesChoice => "accessInequalitiesChoice",
            KeyCriterion::SocialValue => "socialValue",
        }
    }
}

/// A quality criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    /// Stable id (`Q1`).
    pub id: String,
    /// The question or criterion as bidders saw it.
    pub title: String,
    /// Percentage points.
    pub weight: f64,
    /// A final score below this fails the bid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_score: Option<u32>,
    /// Which roles score it (none: every scoring role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scored_by: Option<Vec<Role>>,
    /// The charter standards it assesses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charter_standards: Vec<String>,
    /// The PSR key criterion it addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_criterion: Option<KeyCriterion>,
}

/// A bid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bid {
    /// Stable id (`B1`).
    pub id: String,
    /// Who bid.
    pub bidder: String,
    /// The price, greater than 0.
    pub price: f64,
    /// The address of the bidder's registered office or principal place of business.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The bidder's unique identifier (Procurement Regulations 2024 regulation 31(2)(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
}

/// A member of the evaluation panel. Personal details are never published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PanelMember {
    /// Stable id (`E1`).
    pub id: String,
    /// Name (kept inside the panel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Role on the panel.
    pub role: Role,
    /// Bids this member has a conflict of interest in. Without `conflictManaged`, every score
    /// of a member with any conflict is set aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// The recorded decision managing the conflict: then only the conflicted bids' scores are
    /// set aside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_managed: Option<ConflictManaged>,
    /// When the member completed evaluator training.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_completed: Option<Date>,
    /// Under 18: safeguarding applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under18: Option<bool>,
    /// The named chaperone of an under-18 member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chaperone: Option<String>,
    /// The member declines an involvement payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declines_payment: Option<bool>,
}

/// One evaluator's score of one bid on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Score {
    /// The panel member.
    pub evaluator: String,
    /// The bid.
    pub bid: String,
    /// The criterion.
    pub criterion: String,
    /// A whole number from 0 to the scale's max.
    pub score: u32,
    /// Why.
    // Shared, not copied, by the result's score (`ScoreResult::rationale`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "shared_text"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub rationale: Option<Arc<str>>,
}

/// Reads an optional text straight into a shared allocation: serde's own `Arc<str>` reads a
/// `String` first and then copies it, two allocations for each of 150,000 rationales. Wrong
/// types get serde's own message ("invalid type: integer `3`, expected a string"). Kept for
/// `make bench` (node `evaluate` at 150,000 scores, held at 3x `JSON.parse`).
fn shared_text<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Arc<str>>, D::Error> {
    struct Text;
    impl<'de> serde::de::Visitor<'de> for Text {
        type Value = Option<Arc<str>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
            Ok(Some(Arc::from(v)))
        }
        fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            d.deserialize_str(Text)
        }
    }
    d.deserialize_option(Text)
}

/// A score agreed at moderation, with its rationale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Consensus {
    /// The bid.
    pub bid: String,
    /// The criterion.
    pub criterion: String,
    /// A whole number from 0 to the scale's max.
    pub score: u32,
    /// Why the panel agreed it: the record a court reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

/// Moderation rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rules {
    /// A spread (highest minus lowest) of at least this needs moderation. Default 2.
    #[serde(default = "default_two_f64")]
    pub divergence_threshold: f64,
    /// Fewer scores than this, and no consensus, leaves the criterion incomplete. Default 2.
    #[serde(default = "default_two_u32")]
    pub minimum_evaluators: u32,
}

fn default_two_f64() -> f64 {
    2.0
}
fn default_two_u32() -> u32 {
    2
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            divergence_threshold: 2.0,
            minimum_evaluators: 2,
        }
    }
}

/// Involvement payment policy: rates by role and unit, never hard-coded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentPolicy {
    /// ISO 4217 currency code; default GBP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The rates.
    pub rates: Vec<PaymentRate>,
}

/// The units an involvement payment is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum PaymentUnit {
    /// Per hour.
    Hour,
    /// Per half day.
    HalfDay,
    /// Per day.
    Day,
}

impl PaymentUnit {
    /// Every unit, shortest first.
    pub const ALL: [PaymentUnit; 3] = [PaymentUnit::Hour, PaymentUnit::HalfDay, PaymentUnit::Day];

    /// The camelCase name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentUnit::Hour => "hour",
            PaymentUnit::HalfDay => "halfDay",
            PaymentUnit::Day => "day",
        }
    }

    /// As a person reads it ("half day").
    pub fn words(self) -> &'static str {
        match self {
            PaymentUnit::Hour => "hour",
            PaymentUnit::HalfDay => "half day",
            PaymentUnit::Day => "day",
        }
    }
}

/// One rate: what a role is paid per unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentRate {
    /// The role.
    pub role: Role,
    /// The unit.
    pub unit: PaymentUnit,
    /// Amount per unit, in pounds: 0 to 1,000,000.
    pub amount: f64,
}

/// A panel session (training, scoring, moderation) and who attended it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Session {
    /// Stable id.
    pub id: String,
    /// The day.
    pub date: Date,
    /// What it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The unit it is paid in.
    pub unit: PaymentUnit,
    /// How many units it lasted (hours, half days, days): 0 to 1,000. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<f64>,
    /// Who attended.
    pub attendance: Vec<Attendance>,
}

/// One member's attendance at a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attendance {
    /// The panel member.
    pub member: String,
    /// Travel and other expenses claimed, paid apart from involvement payments: 0 to 1,000,000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expenses: Option<f64>,
}

impl Evaluation {
    /// The moderation rules in force.
    pub fn rules(&self) -> Rules {
        self.rules.clone().unwrap_or_default()
    }
}

/// Weights are percentage points to at most 3 decimal places and prices are in pounds and pence,
/// so that every score can be computed exactly.
fn check_places(path: String, what: &str, value: f64, places: u32) -> Result<()> {
    if exact::Exact::decimal(value, places).is_none() {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            path,
            format!("{what} {value} has more than {places} decimal places"),
        ));
    }
    Ok(())
}

/// The largest payment rate or expenses claim, in pounds: far above any real one, and small enough
/// that sums in pence stay exact (found by fuzzing: 1e300 overflowed the pence total).
const MAX_MONEY: f64 = 1_000_000.0;
/// The most units (hours, half days, days) one session can count.
const MAX_SESSION_UNITS: f64 = 1_000.0;

/// Which (evaluator, bid, criterion) triples have a score. A bit per possible triple while that
/// is at most 8 bytes a score (a whole panel scoring every bid: one bit a score), else a hash
/// set: hashing every score's triple was about a tenth of `evaluate` in WebAssembly. Kept for
/// `make bench` (node `evaluate` at 150,000 scores, held at 3x `JSON.parse`).
enum Seen {
    Bits { bits: Vec<u64>, sizes: [usize; 3] },
    Set(HashSet<[usize; 3]>),
}

impl Seen {
    fn new(sizes: [usize; 3], scores: usize) -> Seen {
        let triples = sizes[0]
            .checked_mul(sizes[1])
            .and_then(|n| n.checked_mul(sizes[2]));
        match triples {
            Some(n) if n <= scores.saturating_add(1024).saturating_mul(64) => Seen::Bits {
                bits: vec![0; n.div_ceil(64)],
                sizes,
            },
            _ => Seen::Set(HashSet::with_capacity(scores)),
        }
    }

    /// Records a triple of positions (each below its size); false if it was there already.
    fn insert(&mut self, at: [usize; 3]) -> bool {
        match self {
            Seen::Bits { bits, sizes } => {
                let i = (at[0] * sizes[1] + at[1]) * sizes[2] + at[2];
                let (word, bit) = (i / 64, 1u64 << (i % 64));
                let new = bits[word] & bit == 0;
                bits[word] |= bit;
                new
            }
            Seen::Set(set) => set.insert(at),
        }
    }
}

fn check_score(path: String, score: u32, max: u32) -> Result<()> {
    if score > max {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            path,
            format!("score {score} is outside the scale 0 to {max}"),
        ));
    }
    Ok(())
}

impl Document for Evaluation {
    const KIND: DocumentKind = DocumentKind::Evaluation;

    fn check(&self) -> Result<()> {
        self.check_parts(true)
    }
}

/// The weights of an evaluation as they stand: the quality criteria's, the price's and their
/// total, each to the 3 decimal places weights have.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WeightTotal {
    /// The quality criteria's weights added up.
    pub criteria: f64,
    /// The price weight.
    pub price: f64,
    /// Both: 100 when the evaluation can be scored.
    pub total: f64,
}

impl WeightTotal {
    /// What is wrong with the total, when it is not 100 (the words of the input error at
    /// `criteria` and of the set-up's `weights-total` finding).
    pub fn problem(&self) -> Option<String> {
        // Weights have at most 3 decimal places (checked first): rounded to them, the total is
        // exact, and a tolerance below 0.001 absorbs only the sum's binary representation.
        ((self.total - 100.0).abs() > 1e-9).then(|| {
            format!(
                "the quality weights and the price weight total {}, not 100",
                self.total
            )
        })
    }
}

/// `x` rounded to 3 decimal places (a weight, or a sum of them); never -0 (the sum of no weights
/// is -0.0 in Rust, which JSON would show as "-0.0").
fn three_places(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0 + 0.0
}

impl Evaluation {
    /// The weights as they stand (see [`WeightTotal`]).
    pub fn weight_total(&self) -> WeightTotal {
        let criteria: f64 = self.criteria.iter().map(|c| c.weight).sum();
        WeightTotal {
            criteria: three_places(criteria),
            price: three_places(self.price.weight),
            total: three_places(criteria + self.price.weight),
        }
    }

    /// Every check of [`Document::check`] but the weights' total (the set-up check reports that
    /// as a finding: [`check_setup`]).
    pub(crate) fn check_but_total(&self) -> Result<()> {
        self.check_parts(false)
    }

    fn check_parts(&self, total: bool) -> Result<()> {
        DocumentKind::Evaluation.expect(Some(&self.schema))?;
        self.check_regime()?;
        self.check_scale_and_price()?;
        let criteria = self.check_criteria(total)?;
        let bids = self.check_bids()?;
        let panel = self.check_panel(&bids)?;
        self.check_scores(&panel, &bids, &criteria)?;
        self.check_consensus(&bids, &criteria)?;
        self.check_rules_and_payments()?;
        self.check_sessions(&panel)
    }
}

/// The checks of [`Evaluation::check`], one part of the document each, in the order they run
/// (the first error found is the one reported).
impl Evaluation {
    /// A PSR process is given only under the PSR.
    fn check_regime(&self) -> Result<()> {
        if let (Some(process), regime) = (self.psr_process, self.regime) {
            if regime != Some(Regime::Psr) {
                let regime = match regime {
                    Some(Regime::Pa2023) => "\"pa2023\"",
                    _ => "not given",
                };
                return Err(Error::new(
                ErrorKind::InvalidValue,
                "psrProcess",
                format!(
                    "psrProcess \"{}\" is a process of the Provider Selection Regime, but the regime is {regime} (it needs \"regime\": \"psr\")",
                    process.as_str()
                ),
            ));
            }
        }
        Ok(())
    }

    /// The scale has a label per point; the price weight is a percentage with 3 places at most.
    fn check_scale_and_price(&self) -> Result<()> {
        let max = self.scale.max;
        if max == 0 {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                "scale.max",
                "scale max 0 is out of range (it must be at least 1)",
            ));
        }
        if self.scale.labels.len() != max as usize + 1 {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "scale.labels",
                format!(
                    "a scale from 0 to {max} needs {} labels, one per point, but {} are given",
                    max + 1,
                    self.scale.labels.len()
                ),
            ));
        }
        check_range(
            "price.weight".into(),
            "price weight",
            self.price.weight,
            0.0,
            100.0,
        )?;
        check_places("price.weight".into(), "price weight", self.price.weight, 3)?;

        Ok(())
    }

    /// The embedded charter, then each criterion (unique id, weight, minimum score, roles,
    /// charter standards), then (when `total`) the weights' total of 100; gives the criteria's ids.
    fn check_criteria(&self, total: bool) -> Result<HashSet<&str>> {
        let max = self.scale.max;
        let charter_standards: HashSet<&str> = match &self.charter {
            Some(c) => {
                c.check().map_err(|e| e.under("charter"))?;
                c.standards.iter().map(|s| s.id.as_str()).collect()
            }
            None => HashSet::new(),
        };
        let criteria = check_unique(
            "criterion",
            self.criteria
                .iter()
                .enumerate()
                .map(|(i, c)| (move || format!("criteria[{i}].id"), c.id.as_str())),
        )?;
        for (i, c) in self.criteria.iter().enumerate() {
            check_range(
                format!("criteria[{i}].weight"),
                "weight",
                c.weight,
                0.0,
                100.0,
            )?;
            check_places(format!("criteria[{i}].weight"), "weight", c.weight, 3)?;
            if let Some(min) = c.minimum_score {
                if min > max {
                    return Err(Error::new(
                        ErrorKind::OutOfRange,
                        format!("criteria[{i}].minimumScore"),
                        format!("minimum score {min} is outside the scale 0 to {max}"),
                    ));
                }
            }
            if let Some(roles) = &c.scored_by {
                for (j, r) in roles.iter().enumerate() {
                    if !r.scores() {
                        return Err(Error::new(
                            ErrorKind::InvalidValue,
                            format!("criteria[{i}].scoredBy[{j}]"),
                            format!("\"{}\" is a role that never scores", r.as_str()),
                        ));
                    }
                }
            }
            if self.charter.is_some() {
                for (j, s) in c.charter_standards.iter().enumerate() {
                    check_ref(
                        &charter_standards,
                        "charter standard",
                        format!("criteria[{i}].charterStandards[{j}]"),
                        s,
                    )?;
                }
            }
        }
        if let Some(problem) = self.weight_total().problem().filter(|_| total) {
            return Err(Error::new(ErrorKind::InvalidValue, "criteria", problem));
        }

        Ok(criteria)
    }

    /// Unique bid ids and prices above 0 in pence; gives the bids' ids.
    fn check_bids(&self) -> Result<HashSet<&str>> {
        let bids = check_unique(
            "bid",
            self.bids
                .iter()
                .enumerate()
                .map(|(i, b)| (move || format!("bids[{i}].id"), b.id.as_str())),
        )?;
        for (i, b) in self.bids.iter().enumerate() {
            if !(b.price.is_finite() && b.price > 0.0) {
                return Err(Error::new(
                    ErrorKind::OutOfRange,
                    format!("bids[{i}].price"),
                    format!(
                        "price {} is out of range (it must be greater than 0)",
                        b.price
                    ),
                ));
            }
            check_places(format!("bids[{i}].price"), "price", b.price, 2)?;
        }
        Ok(bids)
    }

    /// Unique member ids, conflicts naming bids, managed conflicts with their decision; gives
    /// the members' ids.
    fn check_panel(&self, bids: &HashSet<&str>) -> Result<HashSet<&str>> {
        let panel = check_unique(
            "panel member",
            self.panel
                .iter()
                .enumerate()
                .map(|(i, m)| (move || format!("panel[{i}].id"), m.id.as_str())),
        )?;
        for (i, m) in self.panel.iter().enumerate() {
            for (j, b) in m.conflicts.iter().enumerate() {
                check_ref(bids, "bid", format!("panel[{i}].conflicts[{j}]"), b)?;
            }
            if let Some(managed) = &m.conflict_managed {
                if managed.decision.trim().is_empty() {
                    return Err(Error::new(
                    ErrorKind::InvalidValue,
                    format!("panel[{i}].conflictManaged.decision"),
                    format!(
                        "decision \"{}\" is empty: a managed conflict needs the decision that manages it",
                        managed.decision
                    ),
                ));
                }
            }
        }

        Ok(panel)
    }

    /// Each score refers to a member, a bid and a criterion, is on the scale, and is the only one
    /// of its member on that bid and criterion.
    fn check_scores(
        &self,
        panel: &HashSet<&str>,
        bids: &HashSet<&str>,
        criteria: &HashSet<&str>,
    ) -> Result<()> {
        let max = self.scale.max;
        // Per score, paths are written only on error, and the duplicate check keys on positions,
        // not on three strings: at 150,000 scores, formatting four paths a score and hashing string
        // triples took a fifth of reading the document.
        let mut member_at = InOrder::new(self.panel.iter().map(|m| m.id.as_str()));
        let mut bid_at = InOrder::new(self.bids.iter().map(|b| b.id.as_str()));
        let mut criterion_at = InOrder::new(self.criteria.iter().map(|c| c.id.as_str()));
        let mut seen = Seen::new(
            [self.panel.len(), self.bids.len(), self.criteria.len()],
            self.scores.len(),
        );
        for (i, s) in self.scores.iter().enumerate() {
            let (Some(e), Some(b), Some(c)) = (
                member_at.find(&s.evaluator),
                bid_at.find(&s.bid),
                criterion_at.find(&s.criterion),
            ) else {
                // One of the three dangles: the checks below name it, in this order.
                check_ref(
                    panel,
                    "panel member",
                    format!("scores[{i}].evaluator"),
                    &s.evaluator,
                )?;
                check_ref(bids, "bid", format!("scores[{i}].bid"), &s.bid)?;
                check_ref(
                    criteria,
                    "criterion",
                    format!("scores[{i}].criterion"),
                    &s.criterion,
                )?;
                continue;
            };
            if s.score > max {
                check_score(format!("scores[{i}].score"), s.score, max)?;
            }
            if !seen.insert([e, b, c]) {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    format!("scores[{i}]"),
                    format!(
                        "evaluator \"{}\" scores bid \"{}\" on criterion \"{}\" twice",
                        s.evaluator, s.bid, s.criterion
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Each consensus refers to a bid and a criterion, is on the scale, and is the only one there.
    fn check_consensus(&self, bids: &HashSet<&str>, criteria: &HashSet<&str>) -> Result<()> {
        let max = self.scale.max;
        let mut seen = HashSet::new();
        for (i, c) in self.consensus.iter().enumerate() {
            // As for scores, paths are written only on error.
            if !(bids.contains(c.bid.as_str())
                && criteria.contains(c.criterion.as_str())
                && c.score <= max)
            {
                check_ref(bids, "bid", format!("consensus[{i}].bid"), &c.bid)?;
                check_ref(
                    criteria,
                    "criterion",
                    format!("consensus[{i}].criterion"),
                    &c.criterion,
                )?;
                check_score(format!("consensus[{i}].score"), c.score, max)?;
            }
            if !seen.insert((c.bid.as_str(), c.criterion.as_str())) {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    format!("consensus[{i}]"),
                    format!(
                        "bid \"{}\" has two consensus scores on criterion \"{}\"",
                        c.bid, c.criterion
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The panel's own rules and payment rates, where given, are in range.
    fn check_rules_and_payments(&self) -> Result<()> {
        if let Some(rules) = &self.rules {
            check_range(
                "rules.divergenceThreshold".into(),
                "divergence threshold",
                rules.divergence_threshold,
                0.0,
                f64::INFINITY,
            )?;
            if rules.minimum_evaluators == 0 {
                return Err(Error::new(
                    ErrorKind::OutOfRange,
                    "rules.minimumEvaluators",
                    "minimum evaluators 0 is out of range (it must be at least 1)",
                ));
            }
        }
        if let Some(p) = &self.payments {
            for (i, r) in p.rates.iter().enumerate() {
                check_range(
                    format!("payments.rates[{i}].amount"),
                    "amount",
                    r.amount,
                    0.0,
                    MAX_MONEY,
                )?;
            }
        }
        Ok(())
    }

    /// Unique session ids, lengths and expenses in range, attendance by panel members.
    fn check_sessions(&self, panel: &HashSet<&str>) -> Result<()> {
        check_unique(
            "session",
            self.sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (move || format!("sessions[{i}].id"), s.id.as_str())),
        )?;
        for (i, s) in self.sessions.iter().enumerate() {
            if let Some(len) = s.length {
                check_range(
                    format!("sessions[{i}].length"),
                    "length",
                    len,
                    0.0,
                    MAX_SESSION_UNITS,
                )?;
            }
            // A member is paid once per session: a second entry would be ignored, its expenses
            // lost without a word.
            let mut attended = HashSet::new();
            for (j, a) in s.attendance.iter().enumerate() {
                let path = || format!("sessions[{i}].attendance[{j}].member");
                check_ref(panel, "panel member", path(), &a.member)?;
                if !attended.insert(a.member.as_str()) {
                    return Err(Error::new(
                        ErrorKind::DuplicateId,
                        path(),
                        format!(
                            "panel member \"{}\" attends session \"{}\" twice: give one entry per member, with their expenses added up",
                            a.member, s.id
                        ),
                    ));
                }
                if let Some(x) = a.expenses {
                    check_range(
                        format!("sessions[{i}].attendance[{j}].expenses"),
                        "expenses",
                        x,
                        0.0,
                        MAX_MONEY,
                    )?;
                }
            }
        }
        Ok(())
    }
}
