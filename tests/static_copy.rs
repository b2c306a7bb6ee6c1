//! The static copies (issue 17): a timeline's and a charter dashboard's public content as an HTML
//! fragment that needs no script, pasted inside the widget's element. What a reader of the
//! examples should see, worked out by hand; every piece of text escaped; nothing a strict
//! Content-Security-Policy refuses; and the copies pasted in the demo pages are the current
//! output, so they cannot drift from what the core writes.

use std::process::Command;

use engagekit::json::from_json;
use engagekit::monitoring::{dashboard_html, monitor, Monitoring};
use engagekit::timeline::{check, public_html, Timeline};
use engagekit::Date;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn stroke(today: &str) -> String {
    let plan: Timeline = from_json(&example("kent-medway-stroke.timeline.json")).unwrap();
    public_html(&plan, &check(&plan, d(today)), 2)
}

/// No script, no style element, no attribute at all (so no style="" and no event handler):
/// nothing a strict Content-Security-Policy refuses.
fn assert_inert(html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap()];
        assert!(!tag.contains('='), "<{tag}> has an attribute");
        assert!(
            !tag.starts_with("script") && !tag.starts_with("style"),
            "<{tag}>"
        );
    }
}

#[test]
fn the_timeline_copy_says_what_is_open_on_the_day() {
    let html = stroke("2018-03-01");
    assert!(html.starts_with("<h2>Kent and Medway stroke services review</h2>\n"));
    assert!(html.contains(
        "<p>Stage on Thursday 1 March 2018: open. The consultation is open: have your say.</p>"
    ));
    // 1 March to 27 April 2018: 30 days to 31 March, then 27 = 57. Working days after 1 March:
    // 21 weekdays in March less Good Friday (30th), 20 in April to the 27th less Easter Monday
    // (2nd): 20 + 19 = 39.
    assert!(html.contains("<li>57 days left: Public consultation on hyper acute stroke services in Kent and Medway. Closes Friday 27 April 2018 (39 working days left).</li>"));
    // The next key date: the Medway listening event on Thursday 8 March 2018.
    assert!(html
        .contains("<li>Thursday 8 March 2018: Event: Consultation listening event: Medway</li>"));
    // All 22 activities are listed (the chart's text), a one-day event "on" its day.
    assert!(html.contains("<li>Consultation listening event: Medway (Event): on Thursday 8 March 2018, upcoming.</li>"));
    let activities = html
        .split("<h3>The plan at a glance</h3>\n<ul>\n")
        .nth(1)
        .unwrap();
    let activities = activities.split("</ul>").next().unwrap();
    assert_eq!(activities.matches("<li>").count(), 22);
    // The checks: Easter 2018 and the local elections' pre-election period (26 March to 3 May).
    assert!(html.contains("<h3>Checks against the rules</h3>"));
    assert!(html.contains("<li>Warning holiday-overlap: "));
    assert!(html.contains("consider extending it by 39 days"));
    // Quotation marks in the messages are escaped.
    assert!(html.contains("consultation &quot;Public consultation"));
    assert_inert(&html);
}

#[test]
fn the_timeline_copy_before_anything_opens_and_after_everything() {
    let plan: Timeline = from_json(&example("medway-community-services.timeline.json")).unwrap();
    // 22 November 2016: the consultation starts in September 2017; outreach runs to 2 December.
    let html = public_html(&plan, &check(&plan, d("2016-11-22")), 3);
    assert!(html.starts_with("<h3>"), "{html}");
    assert!(html.contains("Stage on Tuesday 22 November 2016: forthcoming."));
    assert!(html.contains("<li>10 days left: "));
    // Long after the last date: nothing open and nothing to come.
    let later = public_html(&plan, &check(&plan, d("2030-01-01")), 2);
    assert!(later.contains("<p>Nothing is open on Tuesday 1 January 2030.</p>"));
    assert!(later.contains("<p>No dates to come.</p>"));
}

#[test]
fn the_timeline_copy_escapes_every_text() {
    let text = example("kent-medway-stroke.timeline.json").replacen(
        "\"title\": \"Kent and Medway stroke services review\"",
        "\"title\": \"<script>alert(1)</script> & <img src=x onerror=alert(2)>\"",
        1,
    );
    let plan: Timeline = from_json(&text).unwrap();
    let html = public_html(&plan, &check(&plan, d("2018-03-01")), 2);
    assert!(html.starts_with(
        "<h2>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;</h2>"
    ));
    assert!(!html.contains("<script") && !html.contains("<img"));
}

#[test]
fn the_dashboard_copy_gives_ratings_in_words_and_never_a_suppressed_count() {
    let doc: Monitoring = from_json(&example("cyp-mental-health.monitoring.json")).unwrap();
    let result = monitor(&doc, Some(d("2025-07-01"))).unwrap();
    let html = dashboard_html(&doc, &result, 2);
    assert!(html.contains(": 2025-26 Q1</h2>"));
    assert!(html.contains(
        "compared with 2024-25 Q4. Feedback results from fewer than 5 responses are not shown"
    ));
    // PC1: 86.4% seen within 4 weeks against 90, within the tolerance: amber, and better.
    assert!(html.contains(
        "<h3>PC1: Access</h3>\n<p>Amber: close to the target</p>\n<p>Better than last period</p>"
    ));
    assert!(html.contains("<li>% seen within 4 weeks of referral: 86.40; target 90.00 or more; rating amber; better than last period.</li>"));
    // PC3: 28 of 42 young people agreed they had a say: 66.67%, red.
    assert!(html.contains("66.67% agree (42 answered); target 80.00% or more; rating red"));
    // PC7: the parents' question was answered by fewer than 5: no value, no count.
    let pc7 = html.split("<h3>PC7: ").nth(1).unwrap();
    assert!(
        pc7.starts_with("Families</h3>\n<p>Not shown: fewer than 5 responses</p>"),
        "{pc7}"
    );
    assert!(!pc7.contains("answered"), "{pc7}");
    assert_inert(&html);
}

/// The lines of `html` inside `<TAG id="ID" ...>` ... `</TAG>`, trimmed.
fn pasted(page: &str, tag: &str, id: Option<&str>) -> String {
    let page =
        std::fs::read_to_string(format!("{}/www/{page}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let open = match id {
        Some(id) => format!("<{tag} id=\"{id}\""),
        None => format!("<{tag} "),
    };
    let start = page.find(&open).unwrap();
    let body = &page[start..];
    let body = &body[body.find(">\n").unwrap() + 2..body.find(&format!("</{tag}>")).unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_engagekit"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_copies_pasted_in_the_demo_pages_are_what_the_cli_writes() {
    let timeline = |level: &str| {
        cli(&[
            "timeline",
            "html",
            "examples/kent-medway-stroke.timeline.json",
            "--today",
            "2018-03-01",
            "--heading-level",
            level,
        ])
    };
    assert_eq!(
        pasted("strict-csp.html", "engage-timeline", Some("csp-timeline")),
        timeline("3")
    );
    assert_eq!(
        pasted("timeline-only.html", "engage-timeline", None),
        timeline("2")
    );
    let dashboard = cli(&[
        "charter",
        "html",
        "examples/cyp-mental-health.monitoring.json",
        "--today",
        "2025-07-01",
        "--heading-level",
        "3",
    ]);
    assert_eq!(
        pasted(
            "strict-csp.html",
            "engage-charter-dashboard",
            Some("csp-dashboard")
        ),
        dashboard
    );
}

#[test]
fn the_cli_refuses_a_heading_level_outside_2_to_6() {
    let out = Command::new(env!("CARGO_BIN_EXE_engagekit"))
        .args([
            "timeline",
            "html",
            "examples/kent-medway-stroke.timeline.json",
            "--heading-level",
            "1",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// The summary the results page (www/results.html) publishes is the one `survey summarise`
/// writes from the worked example, never one written by hand.
#[test]
fn the_results_page_summary_is_what_the_cli_writes() {
    let command = [
        "survey",
        "summarise",
        "examples/swale-minor-injuries.survey.json",
        "examples/swale-minor-injuries.responses.csv",
        "--coding",
        "examples/swale-minor-injuries.coding.json",
    ];
    let file = "www/examples/swale-minor-injuries.summary.json";
    let published =
        std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(
        published == cli(&command),
        "{file} is not what the CLI writes from the example: refresh it with\n  cargo run --bin engagekit -- {} > {file}",
        command.join(" ")
    );
    // And it reads back as a summary of that survey (what the widget's readSurveySummary does).
    let survey = from_json(&example("swale-minor-injuries.survey.json")).unwrap();
    let summary = engagekit::survey::read_summary(&published, Some(&survey)).unwrap();
    assert_eq!(summary.responses, Some(48));
}
