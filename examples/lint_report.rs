//! Lints a pasted report and renders it as HTML: `cargo run --example lint_report`.

use engagekit::report::{lint, render, RenderFormat, ReportSource};
use engagekit::Date;

const PASTED: &str = "Communications and engagement progress report December 2016

1 Patient and public involvement

Read the plan at and tell us what you think. The the survey closed on 5 December 2016.

3 Media and communications

We issued 12 press releases.
";

fn main() -> Result<(), engagekit::Error> {
    let source = ReportSource::Text(PASTED.to_string());
    for d in lint(&source, Date::from_ymd(2016, 12, 8)).diagnostics {
        println!(
            "line {}: {d}",
            d.number(engagekit::report::LINE).unwrap_or(0)
        );
    }
    println!("\n{}", render(&source, RenderFormat::Html)?);
    Ok(())
}
