//! The rules a consultation plan must respect, each declared once with its source, and each
//! checked by its own small function. [`CHECKS`] registers every rule with its function, in the
//! order the checks run; [`findings`] runs them over one [`Context`] of values computed once, so
//! that every check stays linear in the plan (a plan may have thousands of activities over years).
//!
//! Sources, as read for this catalogue (quotations are the sources' own words):
//! - Health scrutiny: the Local Authority (Public Health, Health and Wellbeing Boards and Health
//!   Scrutiny) Regulations 2013 (SI 2013/218), regulation 23, "consultation by responsible
//!   persons" (the heading as SI 2024/16 regulation 2(2) names it). SI 2024/15 regulation 3 calls
//!   the council consultation one "under regulation 23(1)(a) of the 2013 Regulations". The letters
//!   of regulation 23(1) that ask for the two dates could not be read here: those rules cite
//!   regulation 23(1) and are marked unverified.
//! - Notification: SI 2024/15 (notifiable reconfigurations), explanatory note: "Paragraph 2 of
//!   that Schedule [10A to the NHS Act 2006] requires NHS England or an integrated care board to
//!   notify the Secretary of [State] of a notifiable reconfiguration"; regulation 2 makes
//!   notifiable those that oblige a regulation 23 consultation; regulation 3: "A reconfiguration
//!   of NHS services will not be notifiable if, prior to 31st January 2024, a responsible person
//!   has begun a consultation in respect of a proposal for such a reconfiguration under
//!   regulation 23(1)(a) of the 2013 Regulations." SI 2024/16 (the Local Authority (Public Health,
//!   Health and Wellbeing Boards and Health Scrutiny) (Amendment and Saving Provision)
//!   Regulations 2024), regulation 2(2)(b), omits regulation 23(6) to (11): councils no longer
//!   report proposals to the Secretary of State.
//! - Gunning (R v Brent LBC ex p Gunning (1985) 84 LGR 168, approved in R (Moseley) v Haringey
//!   LBC [2014] UKSC 56): "(3) adequate time must be given for consideration and response; and
//!   (4) responses must be conscientiously taken into account in finalising any proposal".
//! - Cabinet Office Consultation Principles 2018: "E. Consultations should last for a
//!   proportionate amount of time"; "Publish responses within 12 weeks of the consultation or
//!   provide an explanation why this is not possible" (principle J). The withdrawn 2008 Code of
//!   Practice on Consultation, criterion 2: "Consultations should normally last for at least 12
//!   weeks".
//! - Lords Secondary Legislation Scrutiny Committee, 17th Report of Session 2013–14, "The
//!   Government's Review of Consultation Principles" (5 November 2013): "We prefer that holiday
//!   periods be avoided altogether but note a suggestion from the Panel that, where it is
//!   unavoidable, an extra two weeks should always be added." Read in a reproduction of the
//!   report, not the report itself: marked unverified.
//! - Pre-election periods: NHS England, Pre-election guidance for NHS organisations (2024): "no
//!   new decisions or announcements of policy or strategy"; on consultations (as summarised by
//!   NHS bodies' lawyers): "No new NHS consultations should be launched during the pre-election
//!   period unless they are considered essential. Ongoing consultations can continue but should
//!   not be promoted. This often means that the consultation period needs to be extended.
//!   Consultation responses and Decision-Making Business Cases will not normally be published
//!   until after the pre-election period has ended." Cabinet Office, Guidance on written
//!   consultations during an election period: "In general, consultations should not be launched
//!   during the election period"; "This effectively means a ban on publicity for those
//!   consultations that are still in process."
//! - Feedback: Working in partnership with people and communities (NHS England, 2022), "statutory
//!   guidance for Integrated Care Boards (ICBs), NHS trusts and foundation trusts", on the public
//!   involvement duties of the NHS Act 2006: s14Z45 (ICBs, since July 2022, when CCGs and their
//!   s14Z2 ended), s13Q (NHS England), s242 (trusts).

use std::borrow::Cow;

use super::{Activity, ActivityKind as K, HolidayPeriod, Recipient, Timeline};
use crate::calendar::{easter_sunday, BankHolidays, Date, Region};
use crate::diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};

/// Cabinet Office Consultation Principles 2018: the response within 12 weeks of the close.
const RESPONSE_DAYS: i64 = 84;

/// Two more weeks for each holiday period a consultation touches: the Government's advisory
/// panel's suggestion, which the Lords committee noted (it prefers holiday periods avoided).
const HOLIDAY_EXTRA_WEEKS: usize = 2;

/// The first day of the notification duty (SI 2024/15 regulation 3; Schedule 10A in force).
fn notification_duty_starts() -> Option<Date> {
    Date::from_ymd(2024, 1, 31)
}

const REG_23_URL: &str = "https://www.legislation.gov.uk/uksi/2013/218/regulation/23";
const MOSELEY_URL: &str = "https://www.bailii.org/uk/cases/UKSC/2014/56.html";
const NHSE_PRE_ELECTION_URL: &str =
    "https://www.england.nhs.uk/long-read/pre-election-guidance-for-nhs-organisations-general-election-2024/";
const NHSE_PRE_ELECTION: &str =
    "NHS England, Pre-election guidance for NHS organisations (General Election 2024), with the Cabinet Office's guidance on consultations during an election period";

/// The plan's minimum consultation length (local policy), with Gunning's adequate time as the
/// legal test.
pub(crate) const CONSULTATION_TOO_SHORT: Rule = Rule {
    code: "consultation-too-short",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A consultation shorter than the plan's own minimum, `rules.minimumConsultationWeeks` (12 weeks by default). The 12 weeks are a local-policy norm from the withdrawn 2008 Code of Practice on Consultation, not a legal minimum: the Cabinet Office Consultation Principles 2018 ask for \"a proportionate amount of time\", and the legal test is Gunning principle 3, \"adequate time must be given for consideration and response\".",
    source: Source {
        title: "Local policy (the plan's `rules.minimumConsultationWeeks`, 12 weeks by default); the legal test: R v Brent LBC ex p Gunning (1985) 84 LGR 168, approved in R (Moseley) v Haringey LBC [2014] UKSC 56",
        citation: "Gunning principle 3 (adequate time)",
        url: MOSELEY_URL,
        kind: SourceKind::LocalPolicy,
        cited_as: "Local policy, minimum consultation length",
    },
    help: "Lengthen the consultation to the plan's minimum, or record why a shorter one still gives adequate time for consideration and response (Gunning principle 3) and set `rules.minimumConsultationWeeks` to the length the plan has chosen.",
};

/// Holiday periods, avoided or made up for with two more weeks each.
pub(crate) const HOLIDAY_OVERLAP: Rule = Rule {
    code: "holiday-overlap",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A consultation or survey open on any day of a holiday period: by default 24 December to 1 January, Good Friday to Easter Monday, and August (England's school summer holiday); `rules.holidayPeriods` replaces the defaults.",
    source: Source {
        title: "House of Lords Secondary Legislation Scrutiny Committee, The Government's Review of Consultation Principles (5 November 2013)",
        citation: "17th Report of Session 2013–14, HL Paper 75",
        url: "https://publications.parliament.uk/pa/ld201314/ldselect/ldsecleg/75/7505.htm",
        kind: SourceKind::Unverified,
        cited_as: "Lords Secondary Legislation Scrutiny Committee (2013), holiday periods",
    },
    help: "Move the consultation or survey out of the holiday period, as the Lords committee prefers; where it cannot be moved, add two more weeks for each holiday period it touches, the suggestion of the Government's advisory panel that the committee noted.",
};

/// Closing on a working day (good practice).
pub(crate) const CLOSES_ON_NON_WORKING_DAY: Rule = Rule {
    code: "closes-on-non-working-day",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A consultation or survey whose last day is a Saturday, a Sunday or an England and Wales bank holiday.",
    source: Source {
        title: "Good practice (this toolkit): close on a day when people can get help to respond; bank holidays as GOV.UK publishes them",
        citation: "",
        url: "https://www.gov.uk/bank-holidays",
        kind: SourceKind::LocalPolicy,
        cited_as: "",
    },
    help: "Close on a working day, so that people can still get help to respond on the last day.",
};

/// Nothing new launched in a pre-election period.
pub(crate) const LAUNCH_IN_PRE_ELECTION_PERIOD: Rule = Rule {
    code: "launch-in-pre-election-period",
    area: Area::Timeline,
    severity: Severity::Error,
    rule: "A consultation, survey or event that starts inside a pre-election period.",
    source: Source {
        title: NHSE_PRE_ELECTION,
        citation:
            "Public consultation: no new consultations are launched in the pre-election period",
        url: NHSE_PRE_ELECTION_URL,
        kind: SourceKind::Guidance,
        cited_as: "NHS England pre-election guidance",
    },
    help: "Launch it after polling day, unless it is essential (then record why).",
};

/// A consultation already open when a pre-election period starts.
pub(crate) const CONSULTATION_IN_PRE_ELECTION_PERIOD: Rule = Rule {
    code: "consultation-in-pre-election-period",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A consultation or survey that is already open when a pre-election period starts (it started before the period and is open on the period's first day): it continues, but is not promoted.",
    source: Source {
        title: NHSE_PRE_ELECTION,
        citation: "Public consultation: ongoing consultations continue but are not promoted, and are often extended",
        url: NHSE_PRE_ELECTION_URL,
        kind: SourceKind::Guidance,
        cited_as: "NHS England pre-election guidance",
    },
    help: "Stop promoting it (no publicity, no events) from the period's first day to polling day, and consider extending it by the period's length so that people keep the time they were given.",
};

/// Results and decisions wait until after polling day.
pub(crate) const PUBLICATION_IN_PRE_ELECTION_PERIOD: Rule = Rule {
    code: "publication-in-pre-election-period",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A publication, decision or feedback on any day of a pre-election period.",
    source: Source {
        title: NHSE_PRE_ELECTION,
        citation: "no new decisions or announcements; consultation responses and decision-making business cases are not published in the period",
        url: NHSE_PRE_ELECTION_URL,
        kind: SourceKind::Guidance,
        cited_as: "NHS England pre-election guidance",
    },
    help: "Publish results, decisions and feedback after polling day.",
};

/// The council is consulted before the public consultation.
pub(crate) const SCRUTINY_MISSING: Rule = Rule {
    code: "scrutiny-missing",
    area: Area::Timeline,
    severity: Severity::Error,
    rule: "A substantial development or variation (`substantialVariation`) with no `scrutiny` activity, the consultation of the local authority, starting before the first consultation starts.",
    source: Source {
        title: "Local Authority (Public Health, Health and Wellbeing Boards and Health Scrutiny) Regulations 2013 (SI 2013/218)",
        citation: "regulation 23(1)(a)",
        url: REG_23_URL,
        kind: SourceKind::Law,
        cited_as: "Health scrutiny regulations 2013, regulation 23(1)(a)",
    },
    help: "Consult the local authority's health overview and scrutiny committee (a joint committee where several councils are affected) before the public consultation starts.",
};

/// The two dates given to the council.
pub(crate) const SCRUTINY_DATES_MISSING: Rule = Rule {
    code: "scrutiny-dates-missing",
    area: Area::Timeline,
    severity: Severity::Error,
    rule: "A `scrutiny` activity without both `commentsBy` (the date by which the council's comments are wanted) and `decisionBy` (the date the decision is intended), which regulation 23(1) asks the body to give the council and publish.",
    source: Source {
        title: "Local Authority (Public Health, Health and Wellbeing Boards and Health Scrutiny) Regulations 2013 (SI 2013/218); the paragraph letters of regulation 23(1) could not be read here",
        citation: "regulation 23(1)",
        url: REG_23_URL,
        kind: SourceKind::Unverified,
        cited_as: "Health scrutiny regulations 2013, regulation 23(1)",
    },
    help: "Give the committee the date by which comments are wanted and the date of the intended decision, and publish both.",
};

/// The two dates hang together, and the decision waits for the comments.
pub(crate) const SCRUTINY_DATES_INCONSISTENT: Rule = Rule {
    code: "scrutiny-dates-inconsistent",
    area: Area::Timeline,
    severity: Severity::Error,
    rule: "A `scrutiny` activity whose `commentsBy` is after its `decisionBy`, or a `decision` that starts before a scrutiny activity's `commentsBy`: the decision is made before the council's comments are due.",
    source: Source {
        title: "Local Authority (Public Health, Health and Wellbeing Boards and Health Scrutiny) Regulations 2013 (SI 2013/218); the paragraph letters of regulation 23(1) could not be read here",
        citation: "regulation 23(1)",
        url: REG_23_URL,
        kind: SourceKind::Unverified,
        cited_as: "Health scrutiny regulations 2013, regulation 23(1)",
    },
    help: "Set the comments date on or before the intended decision date, and decide no earlier than the date by which the committee's comments are due (tell the committee of any change to either date).",
};

/// The Secretary of State is notified of a notifiable reconfiguration.
pub(crate) const SECRETARY_OF_STATE_NOT_NOTIFIED: Rule = Rule {
    code: "secretary-of-state-not-notified",
    area: Area::Timeline,
    severity: Severity::Error,
    rule: "A substantial development or variation whose council consultation (the first `scrutiny` activity) starts on or after 31 January 2024, with no `notification` to the `secretaryOfState` starting on or before the first consultation's start. One begun before 31 January 2024 is not notifiable (SI 2024/15 regulation 3); since that day councils no longer refer proposals to the Secretary of State (SI 2024/16 omits regulation 23(6) to (11)).",
    source: Source {
        title: "National Health Service Act 2006, Schedule 10A (inserted by the Health and Care Act 2022), with SI 2024/15 (notifiable reconfigurations and transitional provision) and SI 2024/16 (health scrutiny amendment and saving provision)",
        citation: "Schedule 10A paragraph 2; SI 2024/15 regulations 2 and 3",
        url: "https://www.legislation.gov.uk/uksi/2024/15/regulation/3/made",
        kind: SourceKind::Law,
        cited_as: "NHS Act 2006 Schedule 10A and SI 2024/15",
    },
    help: "Notify the Secretary of State of the notifiable reconfiguration (NHS Act 2006 Schedule 10A paragraph 2), at the latest when the public consultation starts, and add the notification to the plan with `recipient: \"secretaryOfState\"`.",
};

/// An analysis of responses after each consultation.
pub(crate) const NO_ANALYSIS: Rule = Rule {
    code: "no-analysis",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A consultation with no `analysis` activity ending after it ends.",
    source: Source {
        title: "R v Brent LBC ex p Gunning (1985) 84 LGR 168, approved in R (Moseley) v Haringey LBC [2014] UKSC 56",
        citation: "Gunning principle 4 (conscientious consideration)",
        url: MOSELEY_URL,
        kind: SourceKind::Law,
        cited_as: "Gunning principle 4 (conscientious consideration)",
    },
    help: "Plan an analysis of the responses after the consultation closes, so that they can be conscientiously taken into account.",
};

/// No decision before the analysis ends.
pub(crate) const DECISION_BEFORE_ANALYSIS: Rule = Rule {
    code: "decision-before-analysis",
    area: Area::Timeline,
    severity: Severity::Error,
    rule: "A decision that starts before the last analysis ends (or, with no analysis, before the last consultation ends).",
    source: Source {
        title: "R v Brent LBC ex p Gunning (1985) 84 LGR 168, approved in R (Moseley) v Haringey LBC [2014] UKSC 56",
        citation: "Gunning principle 4 (conscientious consideration)",
        url: MOSELEY_URL,
        kind: SourceKind::Law,
        cited_as: "Gunning principle 4 (conscientious consideration)",
    },
    help: "Decide only once the analysis of responses is finished and has been put before the decision-makers.",
};

/// "You said, we did" after each decision.
pub(crate) const NO_FEEDBACK: Rule = Rule {
    code: "no-feedback",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A decision with no `feedback` activity starting after it: people are told how their views shaped the decision.",
    source: Source {
        title: "NHS England, Working in partnership with people and communities: statutory guidance (2022), on the public involvement duties of the National Health Service Act 2006",
        citation: "s14Z45 (integrated care boards), s13Q (NHS England), s242 (NHS trusts and foundation trusts)",
        url: "https://www.england.nhs.uk/long-read/working-in-partnership-with-people-and-communities-statutory-guidance/",
        kind: SourceKind::StatutoryGuidance,
        cited_as: "Working in partnership with people and communities (statutory guidance, 2022)",
    },
    help: "Plan \"you said, we did\" feedback after the decision: what changed because of people's views, and why any change asked for could not be made.",
};

/// Something published within 12 weeks of the close.
pub(crate) const RESPONSE_LATE: Rule = Rule {
    code: "response-late",
    area: Area::Timeline,
    severity: Severity::Warning,
    rule: "A consultation with no `publication` or `feedback` starting within 12 weeks (84 days) after it closes. The Consultation Principles bind government departments; for NHS bodies they are good practice.",
    source: Source {
        title: "Cabinet Office, Consultation Principles (2018)",
        citation: "principle J: publish responses within 12 weeks of the consultation",
        url: "https://www.gov.uk/government/publications/consultation-principles-guidance",
        kind: SourceKind::Guidance,
        cited_as: "Cabinet Office Consultation Principles 2018",
    },
    help: "Publish the responses, or a report of them, within 12 weeks of the close, or explain why this is not possible.",
};

/// This area's rules, in the order [`CHECKS`] runs them: read off that list, so that the two
/// cannot differ.
pub(crate) const RULES: &[&Rule] = &rules_of(CHECKS);

/// One rule's check: its findings over the plan, in plan order.
type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// Every rule with the function that checks it, in the order they run (the order of [`RULES`]).
const CHECKS: &[(&Rule, Check); 14] = &[
    (&CONSULTATION_TOO_SHORT, consultation_too_short),
    (&HOLIDAY_OVERLAP, holiday_overlap),
    (&CLOSES_ON_NON_WORKING_DAY, closes_on_non_working_day),
    (
        &LAUNCH_IN_PRE_ELECTION_PERIOD,
        launch_in_pre_election_period,
    ),
    (
        &CONSULTATION_IN_PRE_ELECTION_PERIOD,
        consultation_in_pre_election_period,
    ),
    (
        &PUBLICATION_IN_PRE_ELECTION_PERIOD,
        publication_in_pre_election_period,
    ),
    (&SCRUTINY_MISSING, scrutiny_missing),
    (&SCRUTINY_DATES_MISSING, scrutiny_dates_missing),
    (&SCRUTINY_DATES_INCONSISTENT, scrutiny_dates_inconsistent),
    (
        &SECRETARY_OF_STATE_NOT_NOTIFIED,
        secretary_of_state_not_notified,
    ),
    (&NO_ANALYSIS, no_analysis),
    (&DECISION_BEFORE_ANALYSIS, decision_before_analysis),
    (&NO_FEEDBACK, no_feedback),
    (&RESPONSE_LATE, response_late),
];

/// The rules of a list of checks, in its order (at compile time).
const fn rules_of<const N: usize>(checks: &[(&'static Rule, Check); N]) -> [&'static Rule; N] {
    let mut rules = [&CONSULTATION_TOO_SHORT; N];
    let mut i = 0;
    while i < N {
        rules[i] = checks[i].0;
        i += 1;
    }
    rules
}

/// The checks of [`CHECKS`], in its order, without their rules: the list the checks run from, so
/// that running them does not refer to the rules' texts (see [`Rule::finding`]).
const RUN: [Check; CHECKS.len()] = checks_of(CHECKS);

const fn checks_of<const N: usize>(checks: &[(&'static Rule, Check); N]) -> [Check; N] {
    let mut run = [checks[0].1; N];
    let mut i = 0;
    while i < N {
        run[i] = checks[i].1;
        i += 1;
    }
    run
}

/// What the checks share, computed once per plan.
struct Context<'a> {
    plan: &'a Timeline,
    calendar: &'a BankHolidays,
    /// The first consultation to start (the first of those starting on the same day).
    first_consultation: Option<&'a Activity>,
    /// The last consultation to end.
    last_consultation: Option<&'a Activity>,
    /// The first scrutiny activity to start: the council consultation.
    first_scrutiny: Option<&'a Activity>,
    /// The analysis that ends last.
    last_analysis: Option<&'a Activity>,
    /// The latest start of a feedback activity.
    latest_feedback_start: Option<Date>,
    /// The scrutiny activity whose `commentsBy` is latest, with that date.
    latest_comments: Option<(Date, &'a Activity)>,
    /// The earliest start of a notification to the Secretary of State.
    first_secretary_of_state_notification: Option<Date>,
    /// The starts of every feedback and publication, in order.
    responses: Vec<Date>,
    /// The plan's own holiday periods, else the defaults over the days its consultations and
    /// surveys are open (made once, not once an activity).
    holiday_periods: Cow<'a, [HolidayPeriod]>,
}

impl<'a> Context<'a> {
    fn new(plan: &'a Timeline, calendar: &'a BankHolidays) -> Self {
        let mut cx = Context {
            plan,
            calendar,
            first_consultation: None,
            last_consultation: None,
            first_scrutiny: None,
            last_analysis: None,
            latest_feedback_start: None,
            latest_comments: None,
            first_secretary_of_state_notification: None,
            responses: Vec::new(),
            holiday_periods: Cow::Borrowed(&[]),
        };
        let mut open: Option<(Date, Date)> = None;
        // One pass. Ties keep the first in plan order for "first" and the last for "last", as
        // `min_by_key` and `max_by_key` do.
        for a in &plan.activities {
            if matches!(a.kind, K::Consultation | K::Survey) {
                open = Some(open.map_or((a.start, a.end), |(f, t)| (f.min(a.start), t.max(a.end))));
            }
            match a.kind {
                K::Consultation => {
                    if cx.first_consultation.is_none_or(|f| a.start < f.start) {
                        cx.first_consultation = Some(a);
                    }
                    if cx.last_consultation.is_none_or(|l| a.end >= l.end) {
                        cx.last_consultation = Some(a);
                    }
                }
                K::Scrutiny => {
                    if cx.first_scrutiny.is_none_or(|f| a.start < f.start) {
                        cx.first_scrutiny = Some(a);
                    }
                    if let Some(c) = a.comments_by {
                        if cx.latest_comments.is_none_or(|(l, _)| c > l) {
                            cx.latest_comments = Some((c, a));
                        }
                    }
                }
                K::Analysis if cx.last_analysis.is_none_or(|l| a.end >= l.end) => {
                    cx.last_analysis = Some(a);
                }
                K::Feedback => {
                    cx.latest_feedback_start = cx.latest_feedback_start.max(Some(a.start));
                    cx.responses.push(a.start);
                }
                K::Publication => cx.responses.push(a.start),
                K::Notification if a.recipient == Some(Recipient::SecretaryOfState) => {
                    let first = cx.first_secretary_of_state_notification;
                    cx.first_secretary_of_state_notification =
                        Some(first.map_or(a.start, |f| f.min(a.start)));
                }
                _ => {}
            }
        }
        crate::order::sort_by(&mut cx.responses, Ord::cmp);
        cx.holiday_periods = match (plan.holiday_periods(), open) {
            (Some(own), _) => Cow::Borrowed(own),
            (None, Some((from, to))) => Cow::Owned(default_holiday_periods(from, to)),
            (None, None) => Cow::Borrowed(&[]),
        };
        cx
    }

    /// The plan's activities of these kinds, in plan order.
    fn of<'k>(&self, kinds: &'k [K]) -> impl Iterator<Item = &'a Activity> + 'k
    where
        'a: 'k,
    {
        self.plan
            .activities
            .iter()
            .filter(move |a| kinds.contains(&a.kind))
    }
}

/// Every finding of the plan, in the order of the rules, each rule's findings in plan order.
pub fn findings(plan: &Timeline, calendar: &BankHolidays) -> Vec<Diagnostic> {
    let cx = Context::new(plan, calendar);
    let mut out = Vec::new();
    for check in RUN {
        check(&cx, &mut out);
    }
    out
}

fn consultation_too_short(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let weeks = cx.plan.minimum_consultation_weeks();
    let minimum_days = i64::from(weeks) * 7;
    for a in cx.of(&[K::Consultation]) {
        if a.days() < minimum_days {
            out.push(
                CONSULTATION_TOO_SHORT
                    .finding(format!(
                        "consultation \"{}\" runs {} days, {} to {}, shorter than the plan's minimum of {weeks} weeks ({minimum_days} days); this minimum is local policy, not law (the legal test is Gunning principle 3, \"adequate time\"; the Cabinet Office Consultation Principles 2018 ask for \"a proportionate amount of time\")",
                        a.title,
                        a.days(),
                        a.start,
                        a.end,
                    ))
                    .label(super::ACTIVITY, &a.id),
            );
        }
    }
}

/// The default holiday periods that can touch the days `from` to `to`, in order: 24 December to
/// 1 January, Good Friday to Easter Monday, and August, year by year.
fn default_holiday_periods(from: Date, to: Date) -> Vec<HolidayPeriod> {
    let mut periods = Vec::new();
    let christmas = |y: i32| {
        Some(HolidayPeriod {
            title: "Christmas and New Year".to_string(),
            start: Date::from_ymd(y, 12, 24)?,
            end: Date::from_ymd(y + 1, 1, 1)?,
        })
    };
    for y in from.year()..=to.year() {
        periods.extend(christmas(y - 1));
        if let Some(easter) = easter_sunday(y) {
            if let (Some(good_friday), Some(easter_monday)) =
                (easter.add_days(-2), easter.add_days(1))
            {
                periods.push(HolidayPeriod {
                    title: "Easter, Good Friday to Easter Monday".to_string(),
                    start: good_friday,
                    end: easter_monday,
                });
            }
        }
        if let (Some(start), Some(end)) = (Date::from_ymd(y, 8, 1), Date::from_ymd(y, 8, 31)) {
            periods.push(HolidayPeriod {
                title: "August, the school summer holiday".to_string(),
                start,
                end,
            });
        }
    }
    periods.extend(christmas(to.year()));
    periods
}

/// The holiday periods the activity is open in, in order of their start, each with the first
/// day it is open in it.
fn touched<'p>(a: &Activity, periods: &'p [HolidayPeriod]) -> Vec<(&'p HolidayPeriod, Date)> {
    let mut touched: Vec<(&HolidayPeriod, Date)> = periods
        .iter()
        .filter(|p| p.start <= a.end && a.start <= p.end)
        .map(|p| (p, p.start.max(a.start)))
        .collect();
    crate::order::sort_by_key(&mut touched, |t| t.0.start);
    touched
}

fn holiday_overlap(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Consultation, K::Survey]) {
        let periods = touched(a, &cx.holiday_periods);
        if periods.is_empty() {
            continue;
        }
        let list: Vec<String> = periods
            .iter()
            .map(|(p, first)| {
                format!(
                    "{} ({} to {}), from {}",
                    p.title,
                    p.start,
                    p.end,
                    first.long()
                )
            })
            .collect();
        let n = periods.len();
        out.push(
            HOLIDAY_OVERLAP
                .finding(format!(
                    "{} \"{}\" ({} to {}) is open in {}: {}; avoid holiday periods, or add two more weeks for each ({} weeks in all)",
                    a.kind.as_str(),
                    a.title,
                    a.start,
                    a.end,
                    if n == 1 {
                        "a holiday period".to_string()
                    } else {
                        format!("{n} holiday periods")
                    },
                    list.join("; "),
                    n * HOLIDAY_EXTRA_WEEKS
                ))
                .label(super::ACTIVITY, &a.id),
        );
    }
}

fn closes_on_non_working_day(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Consultation, K::Survey]) {
        let why = if a.end.is_weekend() {
            Some("a weekend")
        } else if cx.calendar.is_bank_holiday(Region::EnglandAndWales, a.end) {
            Some("a bank holiday")
        } else {
            None
        };
        if let Some(why) = why {
            out.push(
                CLOSES_ON_NON_WORKING_DAY
                    .finding(format!(
                        "{} \"{}\" closes on {}, {why}: close it on a working day so that people can get help to respond",
                        a.kind.as_str(),
                        a.title,
                        a.end.long()
                    ))
                    .label(super::ACTIVITY, &a.id),
            );
        }
    }
}

fn launch_in_pre_election_period(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Consultation, K::Survey, K::Event]) {
        if let Some(p) = cx
            .plan
            .pre_election_periods
            .iter()
            .find(|p| p.start <= a.start && a.start <= p.end)
        {
            out.push(
                LAUNCH_IN_PRE_ELECTION_PERIOD
                    .finding(format!(
                        "{} \"{}\" starts on {}, inside the pre-election period \"{}\" ({} to {}); no new consultation is launched before polling day",
                        a.kind.as_str(),
                        a.title,
                        a.start,
                        p.title,
                        p.start,
                        p.end
                    ))
                    .label(super::ACTIVITY, &a.id),
            );
        }
    }
}

fn consultation_in_pre_election_period(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Consultation, K::Survey]) {
        for p in &cx.plan.pre_election_periods {
            if a.start < p.start && p.start <= a.end {
                let days = p.end.days_since(p.start) + 1;
                out.push(
                    CONSULTATION_IN_PRE_ELECTION_PERIOD
                        .finding(format!(
                            "{} \"{}\" ({} to {}) is open when the pre-election period \"{}\" starts on {} (to {}, {days} days): ongoing consultations continue but are not promoted; stop promoting it and consider extending it by {days} days",
                            a.kind.as_str(),
                            a.title,
                            a.start,
                            a.end,
                            p.title,
                            p.start,
                            p.end
                        ))
                        .label(super::ACTIVITY, &a.id),
                );
            }
        }
    }
}

fn publication_in_pre_election_period(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Publication, K::Decision, K::Feedback]) {
        if let Some(p) = cx
            .plan
            .pre_election_periods
            .iter()
            .find(|p| p.start <= a.end && a.start <= p.end)
        {
            let when = if a.start == a.end {
                format!("on {}", a.start)
            } else {
                format!("from {} to {}", a.start, a.end)
            };
            out.push(
                PUBLICATION_IN_PRE_ELECTION_PERIOD
                    .finding(format!(
                        "{} \"{}\" {when} falls in the pre-election period \"{}\" ({} to {}); results and decisions wait until after polling day",
                        a.kind.as_str(),
                        a.title,
                        p.title,
                        p.start,
                        p.end
                    ))
                    .label(super::ACTIVITY, &a.id),
            );
        }
    }
}

fn scrutiny_missing(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.plan.substantial_variation {
        return;
    }
    if let Some(first) = cx.first_consultation {
        if cx.first_scrutiny.is_none_or(|s| s.start >= first.start) {
            out.push(
                SCRUTINY_MISSING
                    .finding(format!(
                        "the change is a substantial variation, but no scrutiny committee activity starts before the consultation \"{}\" on {}",
                        first.title, first.start
                    ))
                    .label(super::ACTIVITY, &first.id),
            );
        }
    }
}

fn scrutiny_dates_missing(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Scrutiny]) {
        let missing = match (a.comments_by, a.decision_by) {
            (Some(_), Some(_)) => continue,
            (None, Some(_)) => "the date by which comments are wanted (`commentsBy`)",
            (Some(_), None) => "the date of the intended decision (`decisionBy`)",
            (None, None) => "the date by which comments are wanted (`commentsBy`) or the date of the intended decision (`decisionBy`)",
        };
        out.push(
            SCRUTINY_DATES_MISSING
                .finding(format!(
                    "\"{}\" does not give {missing}; the committee is given both dates, and both are published",
                    a.title
                ))
                .label(super::ACTIVITY, &a.id),
        );
    }
}

fn scrutiny_dates_inconsistent(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Scrutiny]) {
        if let (Some(comments), Some(decision)) = (a.comments_by, a.decision_by) {
            if comments > decision {
                out.push(
                    SCRUTINY_DATES_INCONSISTENT
                        .finding(format!(
                            "\"{}\" asks for comments by {comments}, after the date of the intended decision, {decision}",
                            a.title
                        ))
                        .label(super::ACTIVITY, &a.id),
                );
            }
        }
    }
    if let Some((comments, s)) = cx.latest_comments {
        for d in cx.of(&[K::Decision]).filter(|d| d.start < comments) {
            out.push(
                SCRUTINY_DATES_INCONSISTENT
                    .finding(format!(
                        "decision \"{}\" starts on {}, before the committee's comments on \"{}\" are due on {comments}",
                        d.title, d.start, s.title
                    ))
                    .label(super::ACTIVITY, &d.id),
            );
        }
    }
}

fn secretary_of_state_not_notified(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.plan.substantial_variation {
        return;
    }
    let (Some(scrutiny), Some(duty)) = (cx.first_scrutiny, notification_duty_starts()) else {
        return;
    };
    // SI 2024/15 regulation 3: a council consultation begun before 31 January 2024 is not
    // notifiable.
    if scrutiny.start < duty {
        return;
    }
    let by = cx.first_consultation.map(|c| (c.start, c));
    let notified = match (cx.first_secretary_of_state_notification, by) {
        (Some(n), Some((start, _))) => n <= start,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if notified {
        return;
    }
    let deadline = match by {
        Some((start, c)) => format!(
            "on or before the consultation \"{}\" starts on {start}",
            c.title
        ),
        None => "in the plan".to_string(),
    };
    out.push(
        SECRETARY_OF_STATE_NOT_NOTIFIED
            .finding(format!(
                "the council consultation \"{}\" begins on {}, on or after 31 January 2024, so the reconfiguration is notifiable, but no notification to the Secretary of State starts {deadline}",
                scrutiny.title, scrutiny.start
            ))
            .label(super::ACTIVITY, &scrutiny.id),
    );
}

fn no_analysis(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let latest_analysis_end = cx.last_analysis.map(|a| a.end);
    for a in cx.of(&[K::Consultation]) {
        if latest_analysis_end.is_none_or(|end| end <= a.end) {
            out.push(
                NO_ANALYSIS
                    .finding(format!(
                        "no analysis of responses ends after consultation \"{}\" closes on {}",
                        a.title, a.end
                    ))
                    .label(super::ACTIVITY, &a.id),
            );
        }
    }
}

fn decision_before_analysis(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(r) = cx.last_analysis.or(cx.last_consultation) else {
        return;
    };
    for d in cx.of(&[K::Decision]).filter(|d| d.start < r.end) {
        out.push(
            DECISION_BEFORE_ANALYSIS
                .finding(format!(
                    "decision \"{}\" starts on {}, before {} \"{}\" ends on {}",
                    d.title,
                    d.start,
                    r.kind.as_str(),
                    r.title,
                    r.end
                ))
                .label(super::ACTIVITY, &d.id),
        );
    }
}

fn no_feedback(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for d in cx.of(&[K::Decision]) {
        if cx.latest_feedback_start.is_none_or(|start| start <= d.end) {
            out.push(
                NO_FEEDBACK
                    .finding(format!(
                        "no \"you said, we did\" feedback starts after decision \"{}\" on {}, to tell people how their views shaped it",
                        d.title, d.end
                    ))
                    .label(super::ACTIVITY, &d.id),
            );
        }
    }
}

fn response_late(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for a in cx.of(&[K::Consultation]) {
        let due = a.end.add_days(RESPONSE_DAYS).unwrap_or(a.end);
        // The first feedback or publication after the close, found by binary search.
        let next = cx
            .responses
            .get(cx.responses.partition_point(|&s| s <= a.end));
        if next.is_none_or(|&s| s > due) {
            out.push(
                RESPONSE_LATE
                    .finding(format!(
                        "nothing is published or fed back within 12 weeks of consultation \"{}\" closing on {} (by {due})",
                        a.title, a.end
                    ))
                    .label(super::ACTIVITY, &a.id),
            );
        }
    }
}
