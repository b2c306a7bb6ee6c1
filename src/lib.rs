//! # engagekit
//!
//! The domain rules of NHS communications and engagement, implemented once, exactly, for Rust
//! programs, for WebAssembly (partner websites' widgets) and for the command line:
//!
//! - [`charter`]: patient charters, co-produced standards and their measures;
//! - [`evaluation`]: service-user evaluation panels scoring providers' bids;
//! - [`monitoring`]: the appointed provider measured against the charter;
//! - [`timeline`]: consultation plans checked against the law;
//! - [`report`]: numbered governing-body reports;
//! - [`survey`]: survey responses summarised with small numbers suppressed, themes in the free
//!   text, and "You said, we did";
//! - [`calendar`]: dates, bank holidays and working days;
//! - [`suppression`]: the small-number rule the survey and monitoring areas share;
//! - `sheets` (the `xlsx` feature): set-up workbooks, blank templates to fill in Excel and filled
//!   ones read back into the evaluation, timeline and monitoring documents.
//!
//! Every document is read from JSON text with [`json::from_json`], or [`any::from_json`] when it
//! may be any of the five (the WebAssembly adapter turns a JavaScript object into its JSON first,
//! so both read it the same way), then checked: a
//! problem in the input is an [`Error`] with a stable [`code`](Error::code) and the
//! [`path`](Error::path) of the culprit. What a check finds in a valid document is a
//! [`Diagnostic`]. The core never prints, reads files, reads the clock or panics on input:
//! "today" is always an argument.
//!
//! ## Reading a document
//!
//! ```
//! use engagekit::{json, timeline::Timeline};
//!
//! let err = json::from_json::<Timeline>(r#"{
//!   "schema": "engagekit/timeline@1", "title": "Stroke services review",
//!   "substantialVariation": true,
//!   "activities": [{"id": "c1", "kind": "consultation", "title": "Public consultation",
//!                   "start": "2017-02-30", "end": "2017-05-01"}]
//! }"#).unwrap_err();
//! assert_eq!(err.code(), "invalid-date");
//! assert_eq!(err.path(), "activities[0].start");
//! assert!(err.to_string().contains("\"2017-02-30\" is not a date"));
//! ```
//!
//! ## Scoring an evaluation panel
//!
//! ```
//! use engagekit::evaluation::{evaluate, BidStatus, Evaluation};
//!
//! let doc: Evaluation = engagekit::json::from_json(r#"{
//!   "schema": "engagekit/evaluation@1", "title": "Wheelchair service",
//!   "scale": {"max": 4, "labels": ["Unacceptable", "Poor", "Satisfactory", "Good", "Excellent"]},
//!   "price": {"weight": 40, "method": "lowest"},
//!   "criteria": [{"id": "Q1", "title": "Patient experience", "weight": 60}],
//!   "bids": [{"id": "A", "bidder": "Alpha", "price": 100}, {"id": "B", "bidder": "Beta", "price": 80}],
//!   "panel": [{"id": "E1", "role": "serviceUser"}, {"id": "E2", "role": "clinician"}],
//!   "scores": [
//!     {"evaluator": "E1", "bid": "A", "criterion": "Q1", "score": 3, "rationale": "Clear."},
//!     {"evaluator": "E2", "bid": "A", "criterion": "Q1", "score": 4, "rationale": "Strong."},
//!     {"evaluator": "E1", "bid": "B", "criterion": "Q1", "score": 2, "rationale": "Thin."},
//!     {"evaluator": "E2", "bid": "B", "criterion": "Q1", "score": 2, "rationale": "Thin."}
//!   ]
//! }"#)?;
//! let result = evaluate(&doc)?;
//! // A: 3.5 / 4 x 60 = 52.5, price 40 x 80 / 100 = 32, total 84.5. B: 30 + 40 = 70.
//! assert_eq!((result.bids[0].id.as_str(), result.bids[0].total), ("A", Some(84.5)));
//! assert_eq!(result.bids[1].status, BidStatus::Ranked);
//! # Ok::<(), engagekit::Error>(())
//! ```
//!
//! ## Checking a consultation plan
//!
//! ```
//! use engagekit::timeline::{check, Stage, Timeline};
//! use engagekit::Date;
//!
//! let plan: Timeline = engagekit::json::from_json(r#"{
//!   "schema": "engagekit/timeline@1", "title": "Stroke services review", "substantialVariation": true,
//!   "activities": [{"id": "c1", "kind": "consultation", "title": "Consultation",
//!                   "start": "2018-02-02", "end": "2018-04-27"}]
//! }"#)?;
//! let status = check(&plan, Date::parse("2018-03-01").unwrap());
//! assert_eq!(status.stage, Stage::Open);
//! assert_eq!(status.activities[0].days_remaining, Some(57));
//! // No scrutiny before the consultation of a substantial variation: an error finding.
//! assert!(status.diagnostics.iter().any(|d| d.code == "scrutiny-missing"));
//! # Ok::<(), engagekit::Error>(())
//! ```
//!
//! ## Linting and rendering a report
//!
//! ```
//! use engagekit::report::{lint, render, RenderFormat, ReportSource, LINE};
//!
//! let source = ReportSource::Text("1 Introduction\n\nRead the plan at and tell us.\n".into());
//! let found = lint(&source, None);
//! let first = &found.diagnostics[0];
//! assert_eq!((first.code.as_str(), first.number(LINE)), ("missing-link", Some(3)));
//! let html = render(&source, RenderFormat::Html)?;
//! assert!(html.contains("<span class=\"engage-section-number\">1</span> Introduction"));
//! # Ok::<(), engagekit::Error>(())
//! ```
//!
//! ## Monitoring the provider against the charter
//!
//! ```
//! use engagekit::monitoring::{monitor, Monitoring, Rating};
//!
//! let doc: Monitoring = engagekit::json::from_json(r#"{
//!   "schema": "engagekit/monitoring@1", "period": "2025-26 Q1",
//!   "charter": {"schema": "engagekit/charter@1", "id": "cyp", "title": "Our charter", "standards": [
//!     {"id": "PC1", "theme": "access", "statement": "You will be seen quickly.", "measures": [
//!       {"id": "F1", "kind": "feedback", "question": "I was seen quickly.", "target": 80, "tolerance": 10}]}]},
//!   "results": [{"standard": "PC1", "measure": "F1", "counts": [0, 1, 1, 4, 4]}]
//! }"#)?;
//! let result = monitor(&doc, None)?;
//! // 8 of 10 answered 4 or 5: 80%, at the target.
//! assert_eq!(result.standards[0].rating, Rating::Green);
//! # Ok::<(), engagekit::Error>(())
//! ```
//!
//! ## Working days
//!
//! ```
//! use engagekit::calendar::{BankHolidays, Region};
//! use engagekit::Date;
//!
//! let calendar = BankHolidays::builtin();
//! let (from, to) = (Date::parse("2016-12-23").unwrap(), Date::parse("2017-01-03").unwrap());
//! // 28, 29 and 30 December and 3 January: 26 and 27 December and 2 January are bank holidays.
//! assert_eq!(calendar.working_days_between(Region::EnglandAndWales, from, to), 4);
//! ```
//!
//! Runnable programs for each area are in `examples/` (`cargo run --example evaluate_panel`).

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![warn(missing_docs)]

// Bottom-up: a module uses only modules listed above it (tests/modules.rs checks it).
// Leaves: errors, findings and the crate's one sort and one id index.
pub mod diagnostic;
pub mod error;
mod find;
// CSV records' line numbers, as people count them (CRLF or LF).
mod lines;
mod order;
// Sentences of plain text (the report's lint, the charter's readability).
mod sentences;
// Small-number suppression: the default threshold and which cells of a table to hide.
pub mod suppression;
// The JSON reader's serde_json wrapper, which makes errors data.
mod de;
// What every document shares (its kind, the trait, the shared checks), and the JSON reader.
pub mod document;
pub mod json;
// Dates, bank holidays and working days (GOV.UK's file read as JSON); writing HTML, Markdown and
// text.
pub mod calendar;
pub mod render;
// Workbooks read safely (size, zip bombs, formulas, merged cells), for score sheets and set-up
// workbooks.
#[cfg(feature = "xlsx")]
mod workbook;
// The areas, each using only the modules above; evaluation and monitoring measure against the
// charter.
pub mod charter;
pub mod evaluation;
pub mod monitoring;
pub mod report;
pub mod survey;
pub mod timeline;
// Above the areas, joining them: any of the five documents, the rule catalogue, the charter
// journey (evaluation and monitoring), a survey's summary as a report section, the JSON Schemas,
// the set-up workbooks.
pub mod any;
pub mod catalogue;
pub mod journey;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "xlsx")]
pub mod sheets;
pub mod survey_report;
// The JavaScript adapter, above everything.
#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "js-survey"))]
mod wasm_survey;
#[cfg(all(target_arch = "wasm32", feature = "js-workbook"))]
mod wasm_workbook;

pub use any::{AnyDocument, Validation};
pub use calendar::Date;
pub use diagnostic::{Area, Diagnostic, Rule, Severity, Source, SourceKind};
pub use document::{Document, DocumentKind};
pub use error::{Error, ErrorKind, Result};
