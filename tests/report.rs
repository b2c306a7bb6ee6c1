//! Report reading, linting and rendering: every finding triggered and just missed, clean text
//! kept clean, the seed report's structure, and Markdown and plain text giving the same tree.

use engagekit::json::from_json;
use engagekit::report::{
    lint, read_blocks, render, to_report, LintResult, RenderFormat, Report, ReportSource,
};
use engagekit::Date;

fn lint_text(text: &str, date: Option<&str>) -> LintResult {
    lint(
        &ReportSource::Text(text.to_string()),
        date.map(|d| Date::parse(d).unwrap()),
    )
}

/// (code, line) of each finding.
fn found(text: &str, date: Option<&str>) -> Vec<(String, Option<u32>)> {
    lint_text(text, date)
        .diagnostics
        .into_iter()
        .map(|d| (d.code.clone(), d.number(engagekit::report::LINE)))
        .collect()
}

fn codes(text: &str) -> Vec<String> {
    found(text, None).into_iter().map(|(c, _)| c).collect()
}

const CLEAN: &str = "Communications and engagement progress report December 2016

1 Patient and public involvement

Our patient reference group met twice. Members reviewed the plan at their October meeting and on 3 November.

1.1 Stroke review

Five events were held in September and October 2016 at venues across Kent. Read the plan at https://www.kentandmedway.nhs.uk/stroke and tell us what you think.

Respondents were aged under 25 (20%), 25 to 64 (45%) and 65 or over (35%).

2 Media and communications

We issued 12 press releases... and answered 40 enquiries. He had had enough. The survey closes on 23 December 2016 and the next event will be held on 12 January 2017.
";

#[test]
fn clean_text_has_no_findings() {
    assert_eq!(found(CLEAN, Some("2016-12-08")), vec![]);
}

#[test]
fn numbering_findings_and_their_boundaries() {
    // 2 then 2.2: a missing sibling (gap). 2 then 2.1 is fine; 2.1 then 3.1 (no heading 3) is fine.
    let base = |headings: &[&str]| {
        headings
            .iter()
            .map(|h| format!("{h}\n\nText about it.\n\n"))
            .collect::<String>()
    };
    assert_eq!(
        codes(&base(&["1 Intro", "2 Media", "2.1 Press", "3.1 Radio"])),
        Vec::<String>::new()
    );
    assert_eq!(
        found(&base(&["1 Intro", "2 Media", "2.2 Press"]), None),
        vec![("numbering-gap".into(), Some(9))]
    );
    assert_eq!(codes(&base(&["1 Intro", "3 Media"])), vec!["numbering-gap"]);
    assert_eq!(
        codes(&base(&["1 Intro", "2 Media", "2 Press"])),
        vec!["numbering-duplicate"]
    );
    assert_eq!(
        codes(&base(&["1 Intro", "2 Media", "1.5 Press"])),
        vec!["numbering-order"]
    );
    // 4.0 counts as 4: a warning, and no gap after 3 or before 4.1.
    assert_eq!(
        codes(&base(&[
            "1 A",
            "2 B",
            "3 C",
            "4.0 Health scrutiny",
            "4.1 Joint committee"
        ])),
        vec!["numbering-zero"]
    );
}

#[test]
fn headings_behind_bullets_and_list_numbers() {
    // "2. 5.1 Stakeholder briefings" is heading 5.1; a numbered sentence is a list item.
    let text = "5 Stakeholders\n\nText.\n\n2. 5.1 Stakeholder briefings\n\nText.\n\n• 5.2 MP letters\n\nText.\n\n1. We held 3 meetings with the council.\n";
    let r = lint_text(text, None);
    let numbers: Vec<_> = r
        .headings
        .iter()
        .map(|h| (h.number.clone(), h.title.clone(), h.line))
        .collect();
    assert_eq!(
        numbers,
        vec![
            (Some("5".into()), "Stakeholders".into(), Some(1)),
            (Some("5.1".into()), "Stakeholder briefings".into(), Some(5)),
            (Some("5.2".into()), "MP letters".into(), Some(9))
        ]
    );
    assert_eq!(
        codes(text),
        vec!["numbering-gap"],
        "a report starting at 5 has lost 1 to 4"
    );
}

#[test]
fn empty_section() {
    assert_eq!(
        found("1 Intro\n\n2 Media\n\nText.\n", None),
        vec![("empty-section".into(), Some(1))]
    );
    // A heading with a subsection under it is not empty.
    assert_eq!(
        codes("1 Intro\n\n1.1 Detail\n\nText.\n"),
        Vec::<String>::new()
    );
    assert_eq!(codes("1 Intro\n\nText.\n\n2 Last\n"), vec!["empty-section"]);
}

#[test]
fn missing_links() {
    let with = |s: &str| codes(&format!("1 Intro\n\n{s}\n"));
    assert_eq!(
        with("Read the plan at and tell us what you think."),
        vec!["missing-link"]
    );
    assert_eq!(
        with("Complete the survey at, and tell us."),
        vec!["missing-link"]
    );
    assert_eq!(
        with("Visit our website, , to find out more."),
        vec!["missing-link"]
    );
    assert_eq!(with("The link is."), vec!["missing-link"]);
    assert_eq!(with("Survey link:"), vec!["missing-link"]);
    assert_eq!(with("The report is available at:"), vec!["missing-link"]);
    // Just missed: an address, a time, a place, and "on" before a noun.
    assert_eq!(
        with("Read the plan at www.kentandmedway.nhs.uk and tell us."),
        Vec::<String>::new()
    );
    assert_eq!(
        with("We met at 10am and on Monday, and at Maidstone."),
        Vec::<String>::new()
    );
    assert_eq!(
        with("The survey link: https://www.example.nhs.uk/s"),
        Vec::<String>::new()
    );
}

#[test]
fn broken_urls() {
    let with = |s: &str| codes(&format!("1 Intro\n\n{s}\n"));
    assert_eq!(
        with("See htt p: //www.nhs.uk for more."),
        vec!["broken-url"]
    );
    assert_eq!(with("See https:// nhs.uk for more."), vec!["broken-url"]);
    assert_eq!(
        with("See www. example.nhs.uk for more."),
        vec!["broken-url"]
    );
    assert_eq!(
        with("See kentandmedway. nhs.uk for more."),
        vec!["broken-url"]
    );
    assert_eq!(
        with("See https://www.nhs.uk for more."),
        Vec::<String>::new()
    );
    assert_eq!(
        with("We met in Kent. Nhs.uk staff came too."),
        Vec::<String>::new()
    );
}

#[test]
fn repeated_words_and_double_punctuation() {
    let with = |s: &str| found(&format!("1 Intro\n\nLine one.\n{s}\n"), None);
    assert_eq!(
        with("We asked the the public."),
        vec![("repeated-word".into(), Some(4))]
    );
    assert_eq!(
        with("We asked The the public."),
        vec![("repeated-word".into(), Some(4))]
    );
    assert_eq!(with("We asked the public, the people."), vec![]);
    assert_eq!(
        with("We asked the public.."),
        vec![("double-punctuation".into(), Some(4))]
    );
    assert_eq!(with("We asked the public..."), vec![]);
    assert_eq!(
        with("Did we ask,, the public??"),
        vec![
            ("double-punctuation".into(), Some(4)),
            ("double-punctuation".into(), Some(4))
        ]
    );
}

#[test]
fn past_dates_after_the_report_date() {
    let with = |s: &str| codes(&format!("1 Intro\n\n{s}\n"));
    let text = "1 Intro\n\nThe event was held on 3 March 2019.\n";
    assert_eq!(
        found(text, Some("2018-12-08")),
        vec![("past-date-after-report".into(), Some(3))]
    );
    // Just missed: the report date itself, the future tense, no report date, a date without a year.
    assert_eq!(
        found(
            "1 Intro\n\nThe event was held on 8 December 2018.\n",
            Some("2018-12-08")
        ),
        vec![]
    );
    assert_eq!(
        found(
            "1 Intro\n\nThe event will be held on 3 March 2019.\n",
            Some("2018-12-08")
        ),
        vec![]
    );
    assert!(with("The event was held on 3 March 2019.").is_empty());
    assert_eq!(
        found(
            "1 Intro\n\nThe event was held on 3 March.\n",
            Some("2018-12-08")
        ),
        vec![]
    );
    assert_eq!(
        found(
            "1 Intro\n\nIt took place on March 3rd, 2019 in Dover.\n",
            Some("2018-12-08")
        ),
        vec![("past-date-after-report".into(), Some(3))]
    );
}

#[test]
fn percentages_that_do_not_add_up() {
    let with = |s: &str| codes(&format!("1 Intro\n\n{s}\n"));
    assert_eq!(
        with("Of respondents, 41% were women, 35% men and 30% did not say."),
        vec!["percentages-not-100"]
    );
    assert_eq!(with("Of respondents, forty-one per cent were women, 35 per cent men and 30 percent did not say."), vec!["percentages-not-100"]);
    // 101% is within 3 x 0.5 = 1.5 of 100 (rounding); two percentages are no breakdown; a trend
    // is not one.
    assert!(with("Of respondents, 41% were women, 35% men and 25% did not say.").is_empty());
    assert!(with("Of respondents, 41% were women and 35% men.").is_empty());
    assert!(with("Satisfaction rose from 60% to 70%, and 80% would recommend us.").is_empty());
}

#[test]
fn percentages_may_be_as_far_from_100_as_their_rounding_allows() {
    let with = |s: &str| codes(&format!("1 Intro\n\n{s}\n"));
    // Five whole percentages may each be up to 0.5 off: 5 x 0.5 = 2.5. 21 + 21 + 20 + 20 + 20 =
    // 102 is 2 away: no finding.
    assert!(
        with("Respondents were aged under 18 (21%), 18 to 34 (21%), 35 to 54 (20%), 55 to 74 (20%) and 75 or over (20%).")
            .is_empty()
    );
    // Three whole percentages: 3 x 0.5 = 1.5. 34 + 34 + 34 = 102 is 2 away: a finding.
    assert_eq!(
        with("Of respondents, 34% were women, 34% men and 34% did not say."),
        vec!["percentages-not-100"]
    );
    // Four to one decimal place: 4 x 0.05 = 0.2. 25.1 + 25.1 + 25.1 + 25.0 = 100.3 is 0.3 away:
    // a finding; 25.1 + 25.1 + 25.0 + 25.0 = 100.2 is 0.2 away: none.
    assert_eq!(
        with("Of respondents, 25.1% were under 18, 25.1% 18 to 34, 25.1% 35 to 64 and 25.0% 65 or over."),
        vec!["percentages-not-100"]
    );
    assert!(with(
        "Of respondents, 25.1% were under 18, 25.1% 18 to 34, 25.0% 35 to 64 and 25.0% 65 or over."
    )
    .is_empty());
    // A number in words after the others is counted with them: 30 + 35 + 41 = 106.
    let lint = lint_text(
        "1 Intro\n\nOf respondents, 30% did not say, 35% were men and forty-one per cent women.\n",
        None,
    );
    assert_eq!(lint.diagnostics.len(), 1, "{:?}", lint.diagnostics);
    assert!(
        lint.diagnostics[0]
            .message
            .contains("add up to 106, not 100"),
        "{}",
        lint.diagnostics[0].message
    );
}

#[test]
fn the_same_text_or_figure_twice() {
    let text = "1 Intro\n\nWe held two public meetings in Medway about community services in November.\n\n2 Media\n\nWe held two public meetings in Medway about community services in November.\n";
    assert_eq!(found(text, None), vec![("duplicate-text".into(), Some(7))]);
    // In the same section, repetition is a matter of style, not a finding.
    let text = "1 Intro\n\nWe held two public meetings in Medway about community services in November. We held two public meetings in Medway about community services in November.\n";
    assert!(codes(text).is_empty());
    let doc = |second: f64| {
        let json = format!(
            r#"{{"schema": "engagekit/report@1", "title": "t", "sections": [
            {{"number": "1", "title": "A", "blocks": [{{"figure": {{"label": "survey responses", "value": 1676, "asOf": "2016-11-30"}}}}]}},
            {{"number": "2", "title": "B", "blocks": [{{"figure": {{"label": "Survey responses", "value": {second}, "asOf": "2016-11-30"}}}}]}}]}}"#
        );
        let report: Report = from_json(&json).unwrap();
        lint(&ReportSource::Document(report), None)
            .diagnostics
            .into_iter()
            .map(|d| {
                (
                    d.code.clone(),
                    d.id(engagekit::report::SECTION).map(String::from),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        doc(1600.0),
        vec![("figure-inconsistent".to_string(), Some("2".to_string()))]
    );
    assert_eq!(
        doc(1676.0),
        vec![("duplicate-text".to_string(), Some("2".to_string()))]
    );
}

#[test]
fn the_seed_report_is_read_into_its_sections() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/stp-one-year-on-2017.txt"
    ))
    .unwrap();
    let report = to_report(&read_blocks(&text));
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    // The published update has unnumbered headings, each a short line standing alone.
    assert_eq!(
        titles,
        vec![
            "A leadership event",
            "A briefing with local MPs",
            "Collaborating with third sector colleagues",
            "Having your say on the new Medway Model",
            "Two reports published with the publics views about the future health and social care plans in Kent and Medway",
            "Patient and Public Advisory Group",
        ]
    );
    let briefing = &report.sections[1];
    // A paragraph, the lead-in, the eight key areas (a list), the lead-in, the three asks (a list), a paragraph.
    let kinds: Vec<String> = briefing
        .blocks
        .iter()
        .map(|b| match b {
            engagekit::report::Block::Paragraph(_) => "p".to_string(),
            engagekit::report::Block::List(items) => format!("list{}", items.len()),
            _ => "other".to_string(),
        })
        .collect();
    assert_eq!(kinds, vec!["p", "p", "list8", "p", "list3", "p"]);
    // The seed is clean by the rules of SCHEMAS.md (its lost "here" link is not one of them).
    assert_eq!(found(&text, Some("2017-12-01")), vec![]);
}

#[test]
fn markdown_and_plain_text_give_the_same_tree() {
    let doc: Report = from_json(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/kent-medway-progress.report.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let source = ReportSource::Document(doc.clone());
    let md = render(&source, RenderFormat::Markdown).unwrap();
    let text = render(&source, RenderFormat::Text).unwrap();
    let from_md = to_report(&read_blocks(&md));
    let from_text = to_report(&read_blocks(&text));
    assert_eq!(from_md, doc, "Markdown round trip");
    assert_eq!(from_text, doc, "plain text round trip");
    // And rendering what was read gives the same text again.
    assert_eq!(
        render(&ReportSource::Text(md.clone()), RenderFormat::Markdown).unwrap(),
        md
    );
}

#[test]
fn html_is_escaped_accessible_and_numbered() {
    let json = r#"{"schema": "engagekit/report@1", "title": "<script>alert(1)</script>", "organisation": "A & B",
      "sections": [{"title": "Intro <b>", "blocks": [{"paragraph": "x <img src=x onerror=alert(1)>"}, {"list": ["<i>a</i>"]},
        {"link": {"text": "bad", "href": "javascript:alert(1)"}}, {"link": {"text": "good", "href": "https://www.nhs.uk/?a=1&b=\"2\""}},
        {"figure": {"label": "responses <x>", "value": 1676, "unit": "people", "asOf": "2016-11-30"}}],
        "sections": [{"title": "Sub", "blocks": [{"paragraph": "y"}]}]}]}"#;
    let report: Report = from_json(json).unwrap();
    let html = render(&ReportSource::Document(report), RenderFormat::Html).unwrap();
    assert!(
        !html.contains("<script")
            && !html.contains("<img")
            && !html.contains("<i>")
            && !html.contains("javascript:"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"engage-report-title\">&lt;script&gt;alert(1)&lt;/script&gt;</h2>"),
        "{html}"
    );
    assert!(html.contains("<h3 id=\"section-1-heading\"><span class=\"engage-section-number\">1</span> Intro &lt;b&gt;</h3>"), "{html}");
    assert!(html.contains("<h4 id=\"section-1-1-heading\"><span class=\"engage-section-number\">1.1</span> Sub</h4>"), "{html}");
    assert!(
        html.contains("<a href=\"#section-1-1\">1.1 Sub</a>"),
        "contents links to the section: {html}"
    );
    assert!(
        html.contains("<p>bad</p>"),
        "an unsafe link is shown as text only"
    );
    assert!(
        html.contains("<a href=\"https://www.nhs.uk/?a=1&amp;b=&quot;2&quot;\">good</a>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<dd>1,676 people <span class=\"engage-figure-date\">(as of 30 November 2016)</span></dd>"
        ),
        "{html}"
    );
    assert!(html.contains("<caption>Figures in this report</caption>"));
    assert!(!html.contains("style=") && !html.contains("<h1"));
}

#[test]
fn json_text_is_read_as_a_report_document() {
    let source = ReportSource::from_text(
        "{\"schema\": \"engagekit/report@1\", \"title\": \"T\", \"sections\": []}",
    )
    .unwrap();
    assert!(matches!(source, ReportSource::Document(_)));
    let source = ReportSource::from_text("# Title\n\n1 Intro\n\nText.\n").unwrap();
    assert!(matches!(source, ReportSource::Text(_)));
}

#[test]
fn building_a_report_from_the_template() {
    let mut r = Report::progress_template(
        "Communications and engagement progress report December 2016",
        Some("NHS Medway CCG"),
        Some(Date::parse("2016-12-08").unwrap()),
    );
    let numbered: Vec<(Option<&str>, &str)> = r
        .sections
        .iter()
        .map(|s| (s.number.as_deref(), s.title.as_str()))
        .collect();
    assert_eq!(
        numbered[0],
        (Some("1"), "Patient and stakeholder engagement")
    );
    assert_eq!(numbered[5], (Some("6"), "You said, we did"));
    // Every section of a fresh template is empty, and lint says so.
    assert_eq!(
        lint(&ReportSource::Document(r.clone()), None)
            .diagnostics
            .iter()
            .filter(|d| d.code == "empty-section")
            .count(),
        6
    );
    // Add 1.1 and 1.2, move "Digital" (4) to be 3.1, remove "Public affairs" (now 4), renumber.
    r.add_section(Some("1"), None, "Patient reference group")
        .unwrap();
    r.add_section(Some("1"), Some(1), "Stroke review engagement")
        .unwrap();
    r.move_section("4", Some("3"), None).unwrap();
    r.remove_section("4").unwrap();
    r.renumber();
    let outline: Vec<String> = {
        fn walk(s: &[engagekit::report::Section], out: &mut Vec<String>) {
            for x in s {
                out.push(format!(
                    "{} {}",
                    x.number.as_deref().unwrap_or("-"),
                    x.title
                ));
                walk(&x.sections, out);
            }
        }
        let mut out = Vec::new();
        walk(&r.sections, &mut out);
        out
    };
    assert_eq!(
        outline,
        vec![
            "1 Patient and stakeholder engagement",
            "1.1 Stroke review engagement",
            "1.2 Patient reference group",
            "2 Consultations and service change",
            "3 Media and communications",
            "3.1 Digital",
            "4 You said, we did",
        ]
    );
    // Bad positions are errors naming the option, and a failed move loses nothing.
    assert_eq!(r.remove_section("9").unwrap_err().path(), "at");
    assert_eq!(
        r.add_section(Some("2.7"), None, "x").unwrap_err().path(),
        "parent"
    );
    let before = r.clone();
    assert_eq!(
        r.move_section("1", Some("1.1"), None).unwrap_err().path(),
        "parent"
    );
    assert_eq!(
        r.move_section("1", None, Some(9)).unwrap_err().path(),
        "index"
    );
    assert_eq!(r, before);
}
