//! Surveys: the responses read from CSV, the summary's counts and suppression, themes, quotes and
//! "You said, we did", each worked out by hand in the comments. The shared vectors
//! (tests/vectors/survey-*.json, outcomes-*.json) hold the clinic fixture's full summary; this file
//! holds the rest.

use std::path::Path;

use engagekit::json::from_json;
use engagekit::survey::{
    check_outcomes, read_responses, redact, summarise, Coding, Flag, OutcomeOptions, Outcomes,
    QuestionSummary, SummaryOptions, Survey, SurveySummary,
};
use engagekit::{Date, Error};

fn data(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/survey")
            .join(name),
    )
    .unwrap()
}

fn survey(json: &str) -> Survey {
    from_json(json).unwrap()
}

fn summary_of(s: &Survey, csv: &str, options: &SummaryOptions<'_>) -> Result<SurveySummary, Error> {
    summarise(s, &read_responses(s, "resp.csv", csv)?, options)
}

fn question<'a>(summary: &'a [QuestionSummary], id: &str) -> &'a QuestionSummary {
    summary.iter().find(|q| q.id == id).unwrap()
}

/// (count, percent, suppressed) of each option.
fn cells(q: &QuestionSummary) -> Vec<(Option<u32>, Option<f64>, bool)> {
    q.options
        .as_ref()
        .unwrap()
        .iter()
        .map(|o| (o.count, o.percent, o.suppressed))
        .collect()
}

const CHOICE: &str = r#"{"schema": "engagekit/survey@1", "id": "s", "title": "Choices",
  "questions": [
    {"id": "area", "text": "Where do you live?", "type": "single", "options": ["A", "B", "C"]},
    {"id": "choice", "text": "Which option do you prefer?", "type": "single", "options": ["X", "Y"]}]}"#;

/// `n` rows of `area,choice`.
fn rows(groups: &[(&str, &str, usize)]) -> String {
    let mut csv = String::from("area,choice\n");
    for (area, choice, n) in groups {
        for _ in 0..*n {
            csv.push_str(&format!("{area},{choice}\n"));
        }
    }
    csv
}

#[test]
fn the_clinic_fixture_by_hand() {
    let s = survey(&data("clinic.survey.json"));
    let coding: Coding = from_json(&data("clinic.coding.json")).unwrap();
    let options = SummaryOptions {
        by: None,
        coding: Some(&coding),
    };
    let got = summary_of(&s, &data("clinic.responses.csv"), &options).unwrap();
    // Twelve rows; q1: Yes r1-r6 (6), No r7-r11 (5), Not sure r12 (1). 1 is small (under 5), and
    // as the only one hidden it would be 12 - 6 - 5: No's 5, the smallest other, is hidden too.
    assert_eq!(got.responses, Some(12));
    let q1 = question(&got.questions, "q1");
    assert_eq!(
        cells(q1),
        [
            (Some(6), Some(50.0), false),
            (None, None, true),
            (None, None, true)
        ]
    );
    // q3 (multiple): answered by 10 (r5, r12 blank); Car 8 -> 80%; Bus 3 and Walk 4 small; the
    // parts do not add up to those who answered, so no second suppression.
    let q3 = question(&got.questions, "q3");
    assert_eq!(q3.answered, Some(10));
    assert_eq!(cells(q3)[0], (Some(8), Some(80.0), false));
    // The quote of r9, its mobile number removed.
    let text = question(&got.questions, "q4").text.as_ref().unwrap();
    assert_eq!(text.quotes, ["Ring me on [removed] about parking"]);
}

#[test]
fn percents_round_to_one_decimal_half_away_from_zero() {
    // 1 of 8 = 12.5% exactly; 1 of 3 = 33.33...%; 2 of 3 = 66.66...%; 1 of 16 = 6.25 -> 6.3.
    let s = survey(
        r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t", "minimumCount": 1,
        "questions": [{"id": "q", "text": "Q", "type": "single", "options": ["a", "b"]}]}"#,
    );
    let percents = |a: usize, b: usize| {
        let csv = format!("q\n{}{}", "a\n".repeat(a), "b\n".repeat(b));
        let got = summary_of(&s, &csv, &SummaryOptions::default()).unwrap();
        cells(&got.questions[0])
            .iter()
            .map(|c| c.1.unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(percents(1, 7), [12.5, 87.5]);
    assert_eq!(percents(1, 2), [33.3, 66.7]);
    assert_eq!(percents(1, 15), [6.3, 93.8]); // 93.75 -> 93.8
}

#[test]
fn a_question_answered_by_too_few_shows_no_counts_and_so_do_too_few_responses() {
    // Four responses (under 5): the total is null, and every question shows nothing.
    let s = survey(CHOICE);
    let got = summary_of(&s, &rows(&[("A", "X", 4)]), &SummaryOptions::default()).unwrap();
    assert_eq!(got.responses, None);
    let q = question(&got.questions, "choice");
    assert!(q.suppressed);
    assert_eq!((q.answered, q.skipped), (None, None));
    assert!(cells(q).iter().all(|c| *c == (None, None, true)));
    // Five responses, all A and X: 5 is shown; B and C are 0, which identifies nobody.
    let got = summary_of(&s, &rows(&[("A", "X", 5)]), &SummaryOptions::default()).unwrap();
    assert_eq!(got.responses, Some(5));
    assert_eq!(
        cells(question(&got.questions, "area")),
        [
            (Some(5), Some(100.0), false),
            (Some(0), Some(0.0), false),
            (Some(0), Some(0.0), false)
        ]
    );
}

#[test]
fn minimum_count_one_suppresses_nothing() {
    let s = survey(&CHOICE.replace(
        r#""title": "Choices","#,
        r#""title": "Choices", "minimumCount": 1,"#,
    ));
    let got = summary_of(
        &s,
        &rows(&[("A", "X", 1), ("B", "Y", 2)]),
        &SummaryOptions::default(),
    )
    .unwrap();
    // 1 of 3 = 33.3%, 2 of 3 = 66.7%.
    assert_eq!(
        cells(question(&got.questions, "choice")),
        [(Some(1), Some(33.3), false), (Some(2), Some(66.7), false)]
    );
}

#[test]
fn breakdown_hides_a_cell_that_stands_alone_in_its_column() {
    // A: X 3, Y 7; B: X 8, Y 12; C: X 6, Y 9 (45 responses).
    // Overall: X 17 of 45 = 37.8%, Y 28 = 62.2%; area A 10, B 20, C 15, none hidden.
    // In group A, X's 3 is small and Y's 7 goes with it (the row). Column X then has A hidden
    // alone (17 - 8 - 6 would give it): the smallest other, C's 6, goes; column Y likewise loses
    // C's 9 (12 and 9: 9 is smaller). Row C then has both hidden; B shows 8 (40%) and 12 (60%).
    let s = survey(CHOICE);
    let csv = rows(&[
        ("A", "X", 3),
        ("A", "Y", 7),
        ("B", "X", 8),
        ("B", "Y", 12),
        ("C", "X", 6),
        ("C", "Y", 9),
    ]);
    let got = summary_of(
        &s,
        &csv,
        &SummaryOptions {
            by: Some("area"),
            coding: None,
        },
    )
    .unwrap();
    assert_eq!(
        cells(question(&got.questions, "choice")),
        [(Some(17), Some(37.8), false), (Some(28), Some(62.2), false)]
    );
    let groups = &got.breakdown.as_ref().unwrap().groups;
    let by_group: Vec<_> = groups
        .iter()
        .map(|g| (g.group.as_str(), g.responses, cells(&g.questions[0])))
        .collect();
    let hidden = (None, None, true);
    assert_eq!(
        by_group,
        [
            ("A", Some(10), vec![hidden, hidden]),
            (
                "B",
                Some(20),
                vec![(Some(8), Some(40.0), false), (Some(12), Some(60.0), false)]
            ),
            ("C", Some(15), vec![hidden, hidden]),
        ]
    );
}

#[test]
fn scale_mean_and_agreement_are_withheld_when_they_would_give_hidden_points_away() {
    let s = survey(
        r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t",
        "questions": [{"id": "agree", "text": "Agree?", "type": "scale", "scale": {"min": 1, "max": 5}}]}"#,
    );
    let scale_of = |counts: [usize; 5]| {
        let mut csv = String::from("agree\n");
        for (i, n) in counts.iter().enumerate() {
            csv.push_str(&format!("{}\n", i + 1).repeat(*n));
        }
        let got = summary_of(&s, &csv, &SummaryOptions::default()).unwrap();
        got.questions[0].scale.clone().unwrap()
    };
    // [2, 10, 10, 10, 3] (35): 1s and 5s are small. The top two (4 and 5) hold a hidden point and
    // so do the rest: the agreement would give the 3 away. Median: the 18th answer is a 3 (after
    // 2 ones and 10 twos, the threes run from the 13th to the 22nd).
    let a = scale_of([2, 10, 10, 10, 3]);
    assert_eq!(a.counts, [None, Some(10), Some(10), Some(10), None]);
    assert_eq!((a.mean, a.median, a.agree_percent), (None, Some(3.0), None));
    // [0, 10, 10, 3, 2] (25): both hidden points are in the top two, whose sum 5 is not small,
    // and the rest 20: agreement 5 / 25 = 20%. The mean is still withheld. Median: the 13th is a 3.
    let b = scale_of([0, 10, 10, 3, 2]);
    assert_eq!(b.counts, [Some(0), Some(10), Some(10), None, None]);
    assert_eq!(
        (b.mean, b.median, b.agree_percent),
        (None, Some(3.0), Some(20.0))
    );
    // [5, 5, 5, 5, 6] (26): nothing hidden. Mean (5 + 10 + 15 + 20 + 30) / 26 = 80 / 26 = 3.0769
    // -> 3.08; median: the 13th and 14th are both 3; agreement 11 / 26 = 42.3%.
    let c = scale_of([5, 5, 5, 5, 6]);
    assert_eq!(
        (c.mean, c.median, c.agree_percent),
        (Some(3.08), Some(3.0), Some(42.3))
    );
}

#[test]
fn representation_uses_the_survey_thresholds() {
    // 6 of 20 = 30% against 40%: ratio 0.75, under the default 0.8 but not under 0.7.
    let base = r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t", RULES
        "questions": [{"id": "sex", "text": "Sex", "type": "single", "options": ["F", "M"], "about": "respondent"}],
        "population": {"source": "Census 2021", "groups": {"sex": {"F": 40, "M": 60}}}}"#;
    let csv = format!("sex\n{}{}", "F\n".repeat(6), "M\n".repeat(14));
    let flags = |rules: &str| {
        let s = survey(&base.replace("RULES", rules));
        let got = summary_of(&s, &csv, &SummaryOptions::default()).unwrap();
        got.representation
            .iter()
            .map(|r| (r.ratio, r.flag))
            .collect::<Vec<_>>()
    };
    // M: 70% against 60%: 1.1667 -> 1.17, within the defaults; over 1.1.
    assert_eq!(
        flags(""),
        [(Some(0.75), Some(Flag::Under)), (Some(1.17), None)]
    );
    assert_eq!(
        flags(r#""rules": {"underRepresented": 0.7, "overRepresented": 1.1},"#),
        [(Some(0.75), None), (Some(1.17), Some(Flag::Over))]
    );
}

#[test]
fn responses_errors_name_the_row_the_column_and_the_value() {
    let s = survey(&data("clinic.survey.json"));
    let csv = data("clinic.responses.csv");
    let err = |text: &str| read_responses(&s, "resp.csv", text).unwrap_err();
    // r1 is on line 2: its id again on line 4 (r3's row).
    let e = err(&csv.replace("r3,paper", "r1,paper"));
    assert_eq!(
        (e.code(), e.path()),
        ("duplicate-id", "resp.csv:4:response")
    );
    assert!(
        e.to_string()
            .contains("\"r1\" is used twice (first on line 2)"),
        "{e}"
    );
    let e = err(&csv.replace("r5,event", ",event"));
    assert_eq!(
        (e.code(), e.path()),
        ("missing-field", "resp.csv:6:response")
    );
    // A question without a column.
    let e = err(&csv.replace(",age\n", ",ages\n"));
    assert_eq!((e.code(), e.path()), ("invalid-value", "resp.csv:1:ages"));
    let no_age: String = csv
        .lines()
        .map(|l| l.rsplit_once(',').unwrap().0.to_string() + "\n")
        .collect();
    let e = err(&no_age);
    assert_eq!((e.code(), e.path()), ("missing-field", "resp.csv:1:"));
    assert!(
        e.to_string().contains("no column for question \"age\""),
        "{e}"
    );
    // A row with a field too many.
    let e = err(&csv.replace(
        "r6,online,Yes,,Car,,5,45 and over",
        "r6,online,Yes,,Car,,5,45 and over,x",
    ));
    assert_eq!((e.code(), e.path()), ("invalid-value", "resp.csv:7:"));
    assert!(e.to_string().contains("malformed row"), "{e}");
    // A scale answer that is neither a point nor a label; a multiple choice part that is no option.
    let e = err(&csv.replace("r11,online,No,5,", "r11,online,No,Agree a lot,"));
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "resp.csv:12:How far do you agree?")
    );
    assert!(
        e.to_string()
            .contains("\"Agree a lot\" is not a point of the scale 1 to 5"),
        "{e}"
    );
    let e = err(&csv.replace("Car;Bus;Walk", "Car;Tram"));
    assert_eq!((e.code(), e.path()), ("unknown-value", "resp.csv:8:q3"));
    assert!(
        e.to_string()
            .contains("\"Tram\" is not an option of question \"q3\""),
        "{e}"
    );
    // "inf" reads as a float in Rust, but is not a number of minutes.
    let e = err(&csv.replace(",40,", ",inf,"));
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "resp.csv:8:Travel time (minutes)")
    );
}

#[test]
fn a_header_that_is_the_text_of_two_questions_is_ambiguous() {
    let s = survey(
        r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t",
        "questions": [{"id": "a", "text": "Why?", "type": "text"}, {"id": "b", "text": "Why?", "type": "text"}]}"#,
    );
    let e = read_responses(&s, "resp.csv", "Why?,b\nx,y\n").unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid-value", "resp.csv:1:Why?"));
    // By id, both are found.
    assert_eq!(
        read_responses(&s, "resp.csv", "a,b\nx,y\n").unwrap().len(),
        1
    );
}

#[test]
fn survey_documents_are_checked() {
    let bad = |json: &str| from_json::<Survey>(json).unwrap_err();
    let e = bad(r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t",
        "questions": [{"id": "m", "text": "M", "type": "multiple", "options": ["a;b", "c"]}]}"#);
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "questions[0].options[0]")
    );
    let e = bad(
        r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t", "columns": {"nope": "Nope"},
        "questions": [{"id": "q", "text": "Q", "type": "text"}]}"#,
    );
    assert_eq!((e.code(), e.path()), ("dangling-reference", "columns.nope"));
    let e = bad(r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t",
        "questions": [{"id": "q", "text": "Q", "type": "text", "options": ["a"]}]}"#);
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "questions[0].options")
    );
    let e = bad(r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t",
        "questions": [{"id": "q", "text": "Q", "type": "scale", "scale": {"min": 1, "max": 5, "labels": ["a", "b"]}}]}"#);
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "questions[0].scale.labels")
    );
    let e = bad(
        r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t", "rules": {"underRepresented": 1.5},
        "questions": [{"id": "q", "text": "Q", "type": "text"}]}"#,
    );
    assert_eq!(
        (e.code(), e.path()),
        ("out-of-range", "rules.underRepresented")
    );
    let e = bad(r#"{"schema": "engagekit/survey@1", "id": "s", "title": "t",
        "questions": [{"id": "q", "text": "Q", "type": "text", "showIf": {"question": "q", "anyOf": ["x"]}}]}"#);
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "questions[0].showIf.question")
    );
}

#[test]
fn redaction_of_quotes() {
    assert_eq!(
        redact("Email sam@example.co.uk, or phone +44 7700 900123, or write to CT9 4AN."),
        "Email [removed], or phone [removed], or write to [removed]."
    );
    // Words, dates, times and prices stay.
    let plain = "On 5 December 2016 at 10:30 the bus cost £4.50 and took 45 minutes.";
    assert_eq!(redact(plain), plain);
}

#[test]
fn a_coding_of_another_survey_or_question_is_an_input_error() {
    let s = survey(&data("clinic.survey.json"));
    let csv = data("clinic.responses.csv");
    let with = |coding: &str| {
        let coding: Coding = from_json(coding).unwrap();
        summary_of(
            &s,
            &csv,
            &SummaryOptions {
                by: None,
                coding: Some(&coding),
            },
        )
        .unwrap_err()
    };
    let e = with(&data("clinic.coding.json").replace("\"clinic\"", "\"other\""));
    assert_eq!((e.code(), e.path()), ("invalid-value", "coding.survey"));
    let e = with(&data("clinic.coding.json").replace(
        "\"question\": \"q4\", \"themes\": [\"access\"]}",
        "\"question\": \"q1\", \"themes\": [\"access\"]}",
    ));
    assert_eq!(
        (e.code(), e.path()),
        ("invalid-value", "coding.coded[0].question")
    );
    // r1 did not answer q4.
    let e = with(&data("clinic.coding.json").replace("\"r3\"", "\"r1\""));
    assert_eq!((e.code(), e.path()), ("invalid-value", "coding.coded[0]"));
}

#[test]
fn outcomes_without_a_coding_and_on_the_due_date() {
    let doc: Outcomes = from_json(
        r#"{"schema": "engagekit/outcomes@1", "title": "You said, we did", "items": [
          {"id": "a", "youSaid": "x", "weDid": "y", "status": "planned", "due": "2018-06-15"},
          {"id": "b", "youSaid": "x", "weDid": "y", "status": "done", "due": "2018-01-01"},
          {"id": "c", "youSaid": "x", "weDid": "y", "status": "not-possible", "reason": "  "}]}"#,
    )
    .unwrap();
    let check = |today: &str| {
        let options = OutcomeOptions {
            today: Date::parse(today).unwrap(),
            coding: None,
            survey: None,
        };
        check_outcomes(&doc, &options)
            .unwrap()
            .diagnostics
            .iter()
            .map(|d| d.code.clone())
            .collect::<Vec<_>>()
    };
    // Due on the 15th is not overdue on the 15th; a done item is never overdue; a blank reason is
    // no reason.
    assert_eq!(check("2018-06-15"), ["reason-missing"]);
    assert_eq!(check("2018-06-16"), ["reason-missing", "overdue"]);
    let e = from_json::<Outcomes>(
        r#"{"schema": "engagekit/outcomes@1", "title": "t", "items": [
          {"id": "a", "youSaid": "x", "weDid": "y", "status": "maybe"}]}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("unknown-value", "items[0].status"));
}

#[test]
fn no_input_makes_the_reader_or_the_summary_panic() {
    // Odd shapes of CSV: empty, header only, quotes left open, blank lines, a BOM.
    let s = survey(CHOICE);
    for text in [
        "",
        "\u{feff}area,choice\n",
        "area,choice",
        "area,choice\n\"A,X\n",
        "area,choice\n\n\nA,X\n",
    ] {
        if let Ok(r) = read_responses(&s, "resp.csv", text) {
            let got = summarise(
                &s,
                &r,
                &SummaryOptions {
                    by: Some("area"),
                    coding: None,
                },
            )
            .unwrap();
            assert!(got.responses.is_none());
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any rows under the clinic's header, built from its own vocabulary and CSV's punctuation:
    /// reading and summarising (by q1, with the coding) give a result or an input error, never a
    /// panic.
    #[test]
    fn any_rows_read_or_fail_cleanly(rows in proptest::collection::vec(
        "(r[0-9]|online|Yes|No|Not sure|Car|Bus|Walk|5|3|-1|1e9|NaN|Strongly agree|45 and over|Under 45|;|,|\"| |\n){0,12}",
        0..20,
    )) {
        let s = survey(&data("clinic.survey.json"));
        let coding: Coding = from_json(&data("clinic.coding.json")).unwrap();
        let header = data("clinic.responses.csv").lines().next().unwrap().to_string();
        let text = format!("{header}\n{}", rows.join("\n"));
        if let Ok(r) = read_responses(&s, "resp.csv", &text) {
            let _ = summarise(&s, &r, &SummaryOptions { by: Some("q1"), coding: Some(&coding) });
            let got = summarise(&s, &r, &SummaryOptions { by: Some("age"), coding: None }).unwrap();
            proptest::prop_assert_eq!(got.questions.len(), 6);
        }
    }
}

#[test]
fn the_summary_for_people_shows_nothing_the_summary_hides() {
    use engagekit::render::Format;
    use engagekit::survey::summary_to;
    let s = survey(
        &data("clinic.survey.json").replace("Evening clinic proposal", "Evening <clinic> proposal"),
    );
    let got = summary_of(
        &s,
        &data("clinic.responses.csv"),
        &SummaryOptions::default(),
    )
    .unwrap();
    let html = summary_to(&s, &got, Format::Html, 3);
    // Yes 6 of 12 = 50%; No (5, hidden as the second) and Not sure (1) are "not shown".
    assert!(
        html.starts_with("<h3>Evening &lt;clinic&gt; proposal</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><th scope=\"row\">Yes</th><td>6</td><td>50.0%</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><th scope=\"row\">No</th><td>not shown</td><td>not shown</td></tr>"),
        "{html}"
    );
    // The minutes: mean 20, median 19, from 5 to 40.
    assert!(
        html.contains("<li>Average: 20</li>") && html.contains("<li>From 5 to 40</li>"),
        "{html}"
    );
    // The age groups, both hidden: their ratios are not shown, their flags are.
    assert!(html.contains("<tr><th scope=\"row\">Under 45</th><td>not shown</td><td>50.0%</td><td>not shown</td><td>less than its share</td></tr>"), "{html}");
    // Huge and negative number answers do not overflow the writing of them.
    let csv = data("clinic.responses.csv")
        .replace(",40,", ",-1e300,")
        .replace(",10,", ",1e300,");
    let huge = summary_of(&s, &csv, &SummaryOptions::default()).unwrap();
    assert!(summary_to(&s, &huge, Format::Html, 2).contains("<li>From -"));
    let markdown = summary_to(&s, &got, Format::Markdown, 2);
    assert!(markdown.contains("| Yes | 6 | 50.0% |"), "{markdown}");
}

#[test]
fn lines_are_the_same_with_crlf_and_lf_line_ends() {
    // r3 is on line 4 whatever ends the lines (Excel writes CRLF); a quoted answer spanning two
    // lines moves the rows after it down by one.
    let s = survey(&data("clinic.survey.json"));
    let lf = data("clinic.responses.csv").replace("r3,paper,Yes,", "r3,paper,Maybe,");
    let crlf = lf.replace('\n', "\r\n");
    for text in [&lf, &crlf] {
        let e = read_responses(&s, "resp.csv", text).unwrap_err();
        assert_eq!(e.path(), "resp.csv:4:q1", "{e}");
    }
    let spanning = data("clinic.responses.csv")
        .replace("Too far for me", "\"Too far\nfor me\"")
        .replace("r5,event,Yes,3", "r5,event,Maybe,3");
    for text in [spanning.clone(), spanning.replace('\n', "\r\n")] {
        let e = read_responses(&s, "resp.csv", &text).unwrap_err();
        // r5 was on line 6; the answer of r3 now takes two lines.
        assert_eq!(e.path(), "resp.csv:7:q1", "{e}");
    }
}

/// A summary read back (JS `readSurveySummary`) is the summary written, field for field, with
/// and without a breakdown; a key it does not write, or a summary of another survey, is an error
/// naming its path.
#[test]
fn a_summary_reads_back_as_written() {
    use engagekit::survey::read_summary;
    let s = survey(&data("clinic.survey.json"));
    let coding: Coding = from_json(&data("clinic.coding.json")).unwrap();
    for by in [None, Some("age")] {
        let options = SummaryOptions {
            by,
            coding: Some(&coding),
        };
        let written = summary_of(&s, &data("clinic.responses.csv"), &options).unwrap();
        let text = engagekit::json::to_json(&written);
        assert_eq!(read_summary(&text, Some(&s)).unwrap(), written);
        assert_eq!(
            engagekit::json::to_json(&read_summary(&text, None).unwrap()),
            text
        );
    }
    // Without a coding a text question has no `coded`; with one, `coded` may be null: both kept.
    let plain = summary_of(
        &s,
        &data("clinic.responses.csv"),
        &SummaryOptions::default(),
    )
    .unwrap();
    let text = engagekit::json::to_json(&plain);
    assert_eq!(read_summary(&text, None).unwrap(), plain);

    let unknown = text.replacen("\"minimumCount\"", "\"minimumCounts\"", 1);
    let err = read_summary(&unknown, None).unwrap_err();
    assert_eq!((err.code(), err.path()), ("unknown-field", "minimumCounts"));
    let count = text.replacen("\"answered\": 12", "\"answered\": \"12\"", 1);
    let err = read_summary(&count, None).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("wrong-type", "questions[0].answered")
    );

    let other = survey(&data("clinic.survey.json").replacen("\"clinic\"", "\"other\"", 1));
    let err = read_summary(&text, Some(&other)).unwrap_err();
    assert_eq!((err.code(), err.path()), ("invalid-value", "survey"));
    assert!(
        err.to_string()
            .contains("of survey \"clinic\", not of \"other\""),
        "{err}"
    );
    let renamed = text.replacen("\"id\": \"q2\"", "\"id\": \"q9\"", 1);
    let err = read_summary(&renamed, Some(&s)).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("dangling-reference", "questions[1].id")
    );
}

/// `survey summarise --to report`: the Swale example's summary as section 1 of a report, whose
/// figures and lint see the summary's numbers (worked by hand from the CSV: 48 responses; agree,
/// the top two points, 12 + 8 = 20 of the 46 who answered = 43.5%).
#[test]
fn the_summary_as_a_report_section() {
    use engagekit::report::{figures_of, lint, render, RenderFormat, ReportSource};
    let example = |name: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(name),
        )
        .unwrap()
    };
    let s = survey(&example("swale-minor-injuries.survey.json"));
    let responses =
        read_responses(&s, "r.csv", &example("swale-minor-injuries.responses.csv")).unwrap();
    let summary = summarise(&s, &responses, &SummaryOptions::default()).unwrap();
    let report = engagekit::survey_report::summary_report(&s, &summary);
    let figures: Vec<(String, f64)> = figures_of(&report)
        .into_iter()
        .map(|f| (f.label, f.value))
        .collect();
    assert_eq!(
        figures,
        [
            ("survey responses".to_string(), 48.0),
            ("agree (the top two answers)".to_string(), 43.5)
        ]
    );
    let source = ReportSource::Document(report);
    let found = lint(&source, None);
    assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
    let text = render(&source, RenderFormat::Markdown).unwrap();
    // Pasted as text (Markdown), it still reads as the same sections, with nothing to fix: no
    // line of a list (a scale point, "Strongly disagree (1)") reads as a numbered heading.
    let pasted = lint(&ReportSource::Text(text.clone()), None);
    assert!(pasted.diagnostics.is_empty(), "{:?}", pasted.diagnostics);
    assert!(
        text.contains("- Strongly disagree (1): 12 people"),
        "{text}"
    );
    // Section 1, a subsection per question (8) and one for who answered: 1.1 to 1.9.
    assert!(text.contains("1 What people told us"), "{text}");
    assert!(text.contains("1.9 Who answered"), "{text}");
    // used: No (16) is hidden beside Not sure (2); Faversham flagged though hidden.
    assert!(text.contains("Yes: 30 people (62.5%)"), "{text}");
    assert!(text.contains("No: not shown"), "{text}");
    assert!(text.contains("Faversham: not shown of those who answered, against 25.0% of the population, under-represented"), "{text}");
}
