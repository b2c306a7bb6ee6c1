//! Scores the worked procurement example and prints the ranking, the moderation still needed and
//! the assessment summary of the runner-up: `cargo run --example evaluate_panel`.

use engagekit::evaluation::{assessment_summary, evaluate, Evaluation};
use engagekit::render::Format;

fn main() -> Result<(), engagekit::Error> {
    let doc: Evaluation =
        engagekit::json::from_json(include_str!("cyp-mental-health.evaluation.json"))?;
    let result = evaluate(&doc)?;
    for bid in &result.bids {
        let rank = bid.rank.map_or("-".to_string(), |r| r.to_string());
        let total = bid.total.map_or("-".to_string(), |t| format!("{t:.2}"));
        println!(
            "{rank:>2}  {:<50} {:?}  total {total}",
            bid.bidder, bid.status
        );
    }
    for d in &result.diagnostics {
        println!("{d}");
    }
    if let Some(second) = result.bids.iter().find(|b| b.rank == Some(2)) {
        println!(
            "\n{}",
            assessment_summary(&doc, &result, &second.id, Format::Markdown)?
        );
    }
    Ok(())
}
