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
//! - [`calendar`]: dates, bank holidays and working days.
//!
//! Every document is read from JSON text with [`json::from_json`] (the WebAssembly adapter turns
//! a JavaScript object into its JSON first, so both read it the same way), then checked: a problem in the input is an [`Error`] with a stable
//! [`code`](Error::code) and the [`path`](Error::path) of the culprit. What a check finds in a
//! valid document is a [`Diagnostic`].
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
//! The core never prints, reads files, reads the clock or panics on input: "today" is always an
//! argument.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![warn(missing_docs)]

pub mod calendar;
pub mod charter;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod evaluation;
pub mod json;
pub mod monitoring;
pub mod render;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod timeline;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use calendar::Date;
pub use diagnostic::{Diagnostic, Severity};
pub use document::{AnyDocument, Document, DocumentKind, Validation};
pub use error::{Error, ErrorKind, Result};
