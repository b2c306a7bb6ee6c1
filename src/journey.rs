//! The charter's journey: a provider's charter profile when it bid, beside its ratings against
//! the same standards in each period of the contract, so that a board can see whether the
//! promises of the bid were kept. Above both areas it joins: evaluation and monitoring.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::evaluation::{BidStatus, EvaluationResult};
use crate::monitoring::{MonitoringResult, Rating, Trend};

/// The result of [`charter_journey`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CharterJourney {
    /// The bid followed (the appointed provider's).
    pub bid: String,
    /// Who bid.
    pub bidder: String,
    /// The periods, in the order given.
    pub periods: Vec<String>,
    /// Per standard: the bid's charter score and the rating of each period.
    pub standards: Vec<JourneyStandard>,
}

/// One standard's journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct JourneyStandard {
    /// The standard.
    pub standard: String,
    /// The bid's charter profile score (percentage of the scale), null where no criterion
    /// assessed the standard.
    pub at_bid: Option<f64>,
    /// The rating in each period (same order as `periods`): `no-data` where a period does not
    /// rate the standard.
    pub ratings: Vec<Rating>,
    /// The trend each period reported, where it had one.
    pub trends: Vec<Option<Trend>>,
}

/// Lines up a bid's charter profile with the monitoring results of later periods, per standard.
/// Without `bid`, the bid ranked first is followed.
pub fn charter_journey(
    evaluation: &EvaluationResult,
    periods: &[MonitoringResult],
    bid: Option<&str>,
) -> Result<CharterJourney> {
    let chosen = match bid {
        Some(id) => evaluation.bids.iter().find(|b| b.id == id).ok_or_else(|| {
            Error::option(
                "bid",
                format!("there is no bid \"{id}\" in the evaluation result"),
            )
        })?,
        None => evaluation
            .bids
            .iter()
            .find(|b| b.status == BidStatus::Ranked && b.rank == Some(1))
            .ok_or_else(|| {
                Error::option("bid", "no bid is ranked first: name the bid to follow")
            })?,
    };
    // Standards in the order the monitoring gives them, then any only the bid was scored on.
    let mut order: Vec<String> = Vec::new();
    for s in periods.iter().flat_map(|p| &p.standards) {
        if !order.contains(&s.id) {
            order.push(s.id.clone());
        }
    }
    for s in chosen.charter.keys() {
        if !order.contains(s) {
            order.push(s.clone());
        }
    }
    let standards = order
        .into_iter()
        .map(|id| {
            let rated = |p: &MonitoringResult| {
                p.standards
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| (s.rating, s.trend))
            };
            JourneyStandard {
                at_bid: chosen.charter.get(&id).copied().flatten(),
                ratings: periods
                    .iter()
                    .map(|p| rated(p).map_or(Rating::NoData, |r| r.0))
                    .collect(),
                trends: periods.iter().map(|p| rated(p).and_then(|r| r.1)).collect(),
                standard: id,
            }
        })
        .collect();
    Ok(CharterJourney {
        bid: chosen.id.clone(),
        bidder: chosen.bidder.clone(),
        periods: periods.iter().map(|p| p.period.clone()).collect(),
        standards,
    })
}
