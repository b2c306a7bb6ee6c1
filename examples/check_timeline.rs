//! Checks the Kent and Medway stroke review plan on 1 March 2018 and writes its calendar:
//! `cargo run --example check_timeline`.

use engagekit::timeline::{check, to_ics, to_text, Timeline};
use engagekit::Date;

fn main() -> Result<(), engagekit::Error> {
    let plan: Timeline =
        engagekit::json::from_json(include_str!("kent-medway-stroke.timeline.json"))?;
    let today = Date::from_ymd(2018, 3, 1)
        .ok_or_else(|| engagekit::Error::option("today", "no such day"))?;
    let status = check(&plan, today);
    print!("{}", to_text(&plan, &status));
    let ics = to_ics(&plan, "20180301T090000Z")?;
    println!(
        "\nThe calendar has {} events.",
        ics.matches("BEGIN:VEVENT").count()
    );
    Ok(())
}
