//! Rates the provider against the children and young people's charter for a quarter, and lines
//! the bid's charter profile up with four quarters: `cargo run --example monitor_charter`.

use engagekit::evaluation::{evaluate, Evaluation};
use engagekit::journey::charter_journey;
use engagekit::monitoring::{monitor, to_text, Monitoring};

fn main() -> Result<(), engagekit::Error> {
    let quarters = [
        include_str!("cyp-mental-health.monitoring.json"),
        include_str!("cyp-mental-health.monitoring-2025-26-q2.json"),
        include_str!("cyp-mental-health.monitoring-2025-26-q3.json"),
        include_str!("cyp-mental-health.monitoring-2025-26-q4.json"),
    ];
    let mut periods = Vec::new();
    for text in quarters {
        let doc: Monitoring = engagekit::json::from_json(text)?;
        let result = monitor(&doc, None)?;
        if periods.is_empty() {
            print!("{}", to_text(&doc, &result));
        }
        periods.push(result);
    }
    let evaluation: Evaluation =
        engagekit::json::from_json(include_str!("cyp-mental-health.evaluation.json"))?;
    let journey = charter_journey(&evaluate(&evaluation)?, &periods, None)?;
    println!(
        "\n{} ({}): at bid, then {}",
        journey.bidder,
        journey.bid,
        journey.periods.join(", ")
    );
    for s in &journey.standards {
        let ratings: Vec<&str> = s.ratings.iter().map(|r| r.as_str()).collect();
        println!(
            "{:<4} {:>7} {}",
            s.standard,
            s.at_bid.map_or("-".into(), |v| format!("{v:.2}%")),
            ratings.join(" ")
        );
    }
    Ok(())
}
