//! The evaluation as an Open Contracting Data Standard (OCDS 1.1) release: the award criteria
//! with their weights and minimum scores (the award criteria breakdown extension), the bids
//! (the bids extension) with their status, and the award to the bid ranked first.

use serde_json::{json, Value};

use super::scoring::{BidStatus, EvaluationResult};
use super::Evaluation;
use crate::Date;

/// OCDS extensions the release uses.
const EXTENSIONS: [&str; 3] = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteriaBreakdown_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
];

/// A slug of letters, digits and hyphens, for the OCID.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

/// The OCDS release of an evaluation at `date`. Its OCID prefix, `ocds-engagekit`, is a
/// placeholder: a publisher replaces it with the prefix registered for it.
pub fn ocds_release(doc: &Evaluation, result: &EvaluationResult, date: Date) -> Value {
    let ocid = format!("ocds-engagekit-{}", slug(&doc.title));
    let mut criteria: Vec<Value> = doc
        .criteria
        .iter()
        .map(|c| {
            let mut numbers = vec![json!({"number": c.weight, "weight": "percentageExact"})];
            if let Some(min) = c.minimum_score {
                numbers.push(json!({"number": min, "threshold": "minimumScore"}));
            }
            json!({"type": "quality", "name": c.title, "description": format!("{}: scored 0 to {} ({})", c.id, doc.scale.max, doc.scale.labels.join(", ")), "numbers": numbers})
        })
        .collect();
    criteria.push(json!({"type": "price", "name": "Price", "description": "Lowest price scores the full weight; others in proportion (lowest price / price)", "numbers": [{"number": doc.price.weight, "weight": "percentageExact"}]}));
    let details: Vec<Value> = result
        .bids
        .iter()
        .filter_map(|b| {
            let price = doc.bids.iter().find(|x| x.id == b.id)?.price;
            let status = match b.status {
                BidStatus::Ranked => "valid",
                BidStatus::Failed => "disqualified",
                BidStatus::Incomplete => "pending",
            };
            Some(json!({"id": b.id, "status": status, "tenderers": [{"name": b.bidder}], "value": {"amount": price, "currency": "GBP"}}))
        })
        .collect();
    let awards: Vec<Value> = result
        .bids
        .iter()
        .filter(|b| b.rank == Some(1))
        .filter_map(|b| {
            let price = doc.bids.iter().find(|x| x.id == b.id)?.price;
            Some(json!({"id": format!("award-{}", b.id), "status": "pending", "suppliers": [{"name": b.bidder}], "value": {"amount": price, "currency": "GBP"}, "relatedBid": b.id}))
        })
        .collect();
    json!({
        "ocid": ocid,
        "id": format!("{ocid}-evaluation-{date}"),
        "date": format!("{date}T00:00:00Z"),
        "tag": ["award"],
        "initiationType": "tender",
        "language": "en",
        "tender": {
            "id": slug(&doc.title),
            "title": doc.title,
            "awardCriteria": "ratedCriteria",
            "lots": [{"id": "1", "awardCriteria": {"criteria": criteria}}]
        },
        "bids": {"details": details},
        "awards": awards,
        "extensions": EXTENSIONS
    })
}
