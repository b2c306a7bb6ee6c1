//! The survey area's rules, each declared once with its source.
//!
//! Sources, as read for this catalogue:
//! - Gunning (R v Brent LBC ex p Gunning (1985) 84 LGR 168, approved in R (Moseley) v Haringey
//!   LBC [2014] UKSC 56): "(4) responses must be conscientiously taken into account in finalising
//!   any proposal" (read in a law firm's summary of the case, as the timeline area's rules cite
//!   it; the judgment itself at BAILII was not read here).
//! - Working in partnership with people and communities (NHS England, 2022), "statutory guidance
//!   for Integrated Care Boards (ICBs), NHS trusts and foundation trusts" on the public
//!   involvement duties of the NHS Act 2006 (s14Z45 for ICBs). Its principle 3, as an ICB
//!   reproduces the ten principles: "Involve people at the start in developing plans and feedback
//!   how their engagement has influenced decision-making and ongoing service improvement,
//!   including when changes cannot be made."; principle 2: "Understand our community's needs,
//!   experience and aspirations for health and care, with a strong focus on underrepresented
//!   communities." The guidance's own page was found, but its text of the principles was not
//!   read here: the rules quote them as reproduced (NHS Somerset ICB's page).
//! - The thresholds (representation 0.8 and 1.25, `minimumCount` 5, every answer coded) are the
//!   toolkit's own (local policy); the suppression default and its source are in
//!   [`crate::suppression`].

use crate::diagnostic::{Area, Rule, Severity, Source, SourceKind};

const MOSELEY_URL: &str = "https://www.bailii.org/uk/cases/UKSC/2014/56.html";
const GUNNING: &str = "R v Brent LBC ex p Gunning (1985) 84 LGR 168, approved in R (Moseley) v Haringey LBC [2014] UKSC 56";
const PARTNERSHIP_URL: &str =
    "https://www.england.nhs.uk/long-read/working-in-partnership-with-people-and-communities-statutory-guidance/";
const PARTNERSHIP: &str = "NHS England, Working in partnership with people and communities: statutory guidance (2022), on the public involvement duties of the National Health Service Act 2006 (s14Z45 for integrated care boards)";
const PARTNERSHIP_CITED: &str =
    "Working in partnership with people and communities (statutory guidance, 2022)";

/// Fewer responses than the survey's own target.
pub(crate) const BELOW_TARGET: Rule = Rule {
    code: "below-target",
    area: Area::Survey,
    severity: Severity::Warning,
    rule: "A survey with fewer responses than its own `target`.",
    source: Source {
        title: "Local policy (the survey's `target`)",
        citation: "",
        url: "",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Say in the report how many responses were hoped for and why fewer came; plan more outreach next time, to the groups flagged under-represented.",
};

/// An answer to a question that its `showIf` hides from that respondent.
pub(crate) const ANSWERED_WHEN_HIDDEN: Rule = Rule {
    code: "answered-when-hidden",
    area: Area::Survey,
    severity: Severity::Warning,
    rule: "A response answers a question that its `showIf` hides from it (paper forms and events cannot hide questions); such answers are counted as given.",
    source: Source {
        title: "engagekit survey checks (the survey's `showIf`)",
        citation: "",
        url: "",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Check the rows named: correct a data-entry slip in the export, or say in the report that these answers were counted although the question did not apply.",
};

/// A group heard from less than its share of the population.
pub(crate) const UNDER_REPRESENTED: Rule = Rule {
    code: "under-represented",
    area: Area::Survey,
    severity: Severity::Info,
    rule: "A group whose share of the respondents, divided by its share of the population, is below the survey's `rules.underRepresented` (0.8 by default): the seldom heard to reach next time. The threshold is local policy; the 2022 statutory guidance's principle 2 asks to understand communities' needs \"with a strong focus on underrepresented communities\" (as reproduced by an ICB; the guidance's own text was not read here).",
    source: Source {
        title: "Local policy (the survey's `rules.underRepresented`, 0.8 by default), with NHS England, Working in partnership with people and communities (2022)",
        citation: "",
        url: PARTNERSHIP_URL,
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Report the gap, weigh the views of the group with care, and plan targeted outreach (community groups, events, easy read and translated versions) before the decision.",
};

/// Free-text answers not (yet) coded.
pub(crate) const UNCODED_ANSWERS: Rule = Rule {
    code: "uncoded-answers",
    area: Area::Survey,
    severity: Severity::Warning,
    rule: "With a coding, a text question some of whose answers are not coded: responses must be conscientiously taken into account (Gunning principle 4), so every answer is read; 100% coverage is the toolkit's own target.",
    source: Source {
        title: GUNNING,
        citation: "Gunning principle 4 (conscientious consideration)",
        url: MOSELEY_URL,
        kind: SourceKind::Law,
        cited_as: "Gunning principle 4 (conscientious consideration)",
    },
    help: "Code the remaining answers (or record why an answer cannot be coded) before the analysis is reported to the decision makers.",
};

/// A change that cannot be made, without the reason.
pub(crate) const REASON_MISSING: Rule = Rule {
    code: "reason-missing",
    area: Area::Survey,
    severity: Severity::Error,
    rule: "A \"You said, we did\" item with status `not-possible` and no `reason`: the guidance asks bodies to feed back how engagement influenced decisions \"including when changes cannot be made\" (principle 3, as reproduced by an ICB; the guidance's own text was not read here).",
    source: Source {
        title: PARTNERSHIP,
        citation: "principle 3 (feed back how engagement influenced decisions, including when changes cannot be made)",
        url: PARTNERSHIP_URL,
        kind: SourceKind::StatutoryGuidance,
        cited_as: PARTNERSHIP_CITED,
    },
    help: "Give the reason the change cannot be made (cost, clinical safety, the law, a decision of another body), in plain words.",
};

/// A planned or started item past its due date.
pub(crate) const OVERDUE: Rule = Rule {
    code: "overdue",
    area: Area::Survey,
    severity: Severity::Warning,
    rule: "A \"You said, we did\" item `planned` or `in-progress` whose `due` date is before today.",
    source: Source {
        title: "Local policy (the item's own `due` date)",
        citation: "",
        url: "",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Update the item: mark it done, give a new due date with the reason for the delay, or say that it is no longer possible and why.",
};

/// A theme many people raised that nothing answers.
pub(crate) const THEME_WITHOUT_OUTCOME: Rule = Rule {
    code: "theme-without-outcome",
    area: Area::Survey,
    severity: Severity::Warning,
    rule: "With a coding, a theme raised by at least `minimumCount` people that no \"You said, we did\" item answers: the guidance asks bodies to feed back how people's views influenced the decision (principle 3, as reproduced by an ICB); showing it is how responses were conscientiously taken into account (Gunning principle 4). The threshold is local policy.",
    source: Source {
        title: PARTNERSHIP,
        citation: "principle 3 (feed back how engagement influenced decisions)",
        url: PARTNERSHIP_URL,
        kind: SourceKind::StatutoryGuidance,
        cited_as: PARTNERSHIP_CITED,
    },
    help: "Add an item for the theme (what was done, what is planned, or why it cannot be done), with `theme` set to its id.",
};

/// The area's rules, in the order its checks run.
pub(crate) const RULES: &[&Rule] = &[
    &BELOW_TARGET,
    &ANSWERED_WHEN_HIDDEN,
    &UNDER_REPRESENTED,
    &UNCODED_ANSWERS,
    &REASON_MISSING,
    &OVERDUE,
    &THEME_WITHOUT_OUTCOME,
];
