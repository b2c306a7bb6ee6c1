//! The command line as a person uses it: exit statuses, one clear line on stderr, JSON on stdout.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn engagekit(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_engagekit"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The CLI may stop reading early (a usage error): a broken pipe here is fine.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Exit 2 and exactly one line on stderr that contains every `parts`.
fn assert_input_error(out: &Output, parts: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line on stderr, got: {err}");
    assert!(err.starts_with("engagekit: "), "{err}");
    for p in parts {
        assert!(err.contains(p), "{err:?} lacks {p:?}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout after an input error"
    );
}

const TIMELINE: &str = r#"{"schema": "engagekit/timeline@1", "title": "Stroke services review",
  "substantialVariation": true,
  "activities": [{"id": "consult", "kind": "consultation", "title": "Public consultation",
                  "start": "2018-02-02", "end": "2018-04-27"}]}"#;

#[test]
fn validate_prints_a_summary_and_exits_0() {
    let out = engagekit(&["validate", "-"], TIMELINE.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, "<stdin>: a valid timeline document, \"Stroke services review\" (1 activities, 0 preElectionPeriods)\n");
}

#[test]
fn validate_json_is_the_js_result() {
    let out = engagekit(&["validate", "-", "--format", "json"], TIMELINE.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"valid": true, "kind": "timeline", "schema": "engagekit/timeline@1", "title": "Stroke services review",
                           "counts": {"activities": 1, "preElectionPeriods": 0}, "diagnostics": []})
    );
}

#[test]
fn malformed_json_is_exit_2_with_the_line() {
    let out = engagekit(
        &["validate", "-"],
        b"{\"schema\": \"engagekit/timeline@1\",\n \"title\": }",
    );
    assert_input_error(&out, &["<stdin>", "not valid JSON", "line 2"]);
}

#[test]
fn empty_file_is_exit_2() {
    assert_input_error(&engagekit(&["validate", "-"], b""), &["empty"]);
    assert_input_error(&engagekit(&["evaluate", "-"], b"  \n"), &["empty"]);
}

#[test]
fn unknown_field_names_its_path() {
    let doc = TIMELINE.replace("\"venue\"", "\"x\"").replace(
        "\"title\": \"Public consultation\"",
        "\"titel\": \"Public consultation\"",
    );
    assert_input_error(
        &engagekit(&["validate", "-"], doc.as_bytes()),
        &["activities[0].titel", "unknown field `titel`"],
    );
}

#[test]
fn impossible_date_quotes_the_value() {
    let doc = TIMELINE.replace("2018-04-27", "2018-02-30");
    assert_input_error(
        &engagekit(
            &["timeline", "check", "-", "--today", "2018-03-01"],
            doc.as_bytes(),
        ),
        &["activities[0].end", "\"2018-02-30\" is not a date"],
    );
}

#[test]
fn dangling_reference_names_the_id() {
    let doc = r#"{"schema": "engagekit/evaluation@1", "title": "t",
      "scale": {"max": 4, "labels": ["0", "1", "2", "3", "4"]}, "price": {"weight": 40, "method": "lowest"},
      "criteria": [{"id": "Q1", "title": "Quality", "weight": 60}],
      "bids": [{"id": "B1", "bidder": "A", "price": 10}], "panel": [{"id": "E1", "role": "carer", "conflicts": ["B2"]}]}"#;
    assert_input_error(
        &engagekit(&["evaluate", "-"], doc.as_bytes()),
        &["panel[0].conflicts[0]", "there is no bid \"B2\""],
    );
}

#[test]
fn deep_nesting_is_exit_2_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_input_error(
        &engagekit(&["validate", "-"], deep.as_bytes()),
        &["JSON object"],
    );
    let inside = format!(
        r#"{{"schema": "engagekit/report@1", "title": "t", "sections": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_input_error(
        &engagekit(
            &["report", "render", "-", "--to", "html"],
            inside.as_bytes(),
        ),
        &["sections[0]"],
    );
    let unknown = format!(
        r#"{{"schema": "engagekit/report@1", "x": {}{}}}"#,
        "{\"a\":".repeat(100_000) + "1",
        "}".repeat(100_000)
    );
    assert_input_error(
        &engagekit(&["validate", "-"], unknown.as_bytes()),
        &["unknown field `x`"],
    );
}

#[test]
fn not_utf8_is_exit_2() {
    assert_input_error(
        &engagekit(&["validate", "-"], b"{\"schema\": \"\xff\"}"),
        &["not UTF-8"],
    );
}

#[test]
fn missing_file_is_exit_2() {
    assert_input_error(
        &engagekit(&["validate", "no-such-file.json"], b""),
        &["no-such-file.json", "cannot read"],
    );
}

#[test]
fn bad_today_is_exit_2() {
    assert_input_error(
        &engagekit(
            &["timeline", "check", "-", "--today", "2018-13-01"],
            TIMELINE.as_bytes(),
        ),
        &["--today", "\"2018-13-01\""],
    );
}

#[test]
fn report_lint_names_file_and_line_and_exits_1() {
    let out = engagekit(
        &["report", "lint", "-", "--report-date", "2016-12-08"],
        b"1 Introduction\n\nRead the plan at and tell us what you think.\nThe the survey closed.\n",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            "<stdin>:3: error missing-link: an address is missing after \"at\": \"Read the plan at and tell us what you…\"",
            "<stdin>:4: warning repeated-word: \"The\" is repeated: \"The the survey closed.\""
        ]
    );
    // ...but a broken JSON report is an input error first.
    let out = engagekit(&["report", "render", "-", "--to", "html"], b"{}");
    assert_input_error(&out, &["\"schema\" tag"]);
    let out = engagekit(
        &["report", "lint", "-", "--report-date", "8 December 2016"],
        b"1 Intro\n\nText.\n",
    );
    assert_input_error(
        &out,
        &["--report-date", "\"8 December 2016\" is not a date"],
    );
}

#[test]
fn report_render_writes_html() {
    let out = engagekit(
        &["report", "render", "-", "--to", "html"],
        b"# Progress report\n\n1 Introduction\n\nWe met <people>.\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<p>We met &lt;people&gt;.</p>"), "{html}");
}

#[test]
fn timeline_check_exits_1_on_an_error_finding() {
    // A substantial variation with no scrutiny before the consultation: scrutiny-missing (error).
    // The consultation (2 February to 27 April 2018) runs over Easter (Good Friday 30 March to
    // Easter Monday 2 April 2018): holiday-overlap (warning).
    let out = engagekit(
        &[
            "timeline",
            "check",
            "-",
            "--today",
            "2018-03-01",
            "--format",
            "json",
        ],
        TIMELINE.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stage"], "open");
    assert_eq!(v["activities"][0]["daysRemaining"], 57);
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec![
            "holiday-overlap",
            "scrutiny-missing",
            "no-analysis",
            "response-late"
        ]
    );
    // Text for an email: what is open and the rule behind each finding.
    let out = engagekit(
        &["timeline", "check", "-", "--today", "2018-03-01"],
        TIMELINE.as_bytes(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("As of Thursday 1 March 2018: open."),
        "{text}"
    );
    assert!(
        text.contains(
            "- Public consultation (consultation): 57 days left, closes Friday 27 April 2018"
        ),
        "{text}"
    );
    assert!(text.contains("Gunning principle 4"), "{text}");
}

#[test]
fn timeline_ics_writes_a_calendar() {
    let out = engagekit(&["timeline", "ics", "-"], TIMELINE.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ics = String::from_utf8(out.stdout).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20180202\r\nDTEND;VALUE=DATE:20180428\r\n"),
        "{ics}"
    );
}

#[test]
fn a_govuk_file_adds_bank_holidays() {
    // Declare Fri 27 Apr 2018, the consultation's last day, a bank holiday: it now closes on one.
    let dir = std::env::temp_dir().join(format!("engagekit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bank-holidays.json");
    std::fs::write(&file, r#"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Made-up day", "date": "2018-04-27", "notes": "", "bunting": true}]}}"#).unwrap();
    let out = engagekit(
        &[
            "timeline",
            "check",
            "-",
            "--today",
            "2018-03-01",
            "--format",
            "json",
            "--bank-holidays",
            file.to_str().unwrap(),
        ],
        TIMELINE.as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "closes-on-non-working-day"),
        "{v}"
    );
    std::fs::write(&file, r#"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "x", "date": "2018-02-30", "notes": "", "bunting": true}]}}"#).unwrap();
    let out = engagekit(
        &[
            "timeline",
            "check",
            "-",
            "--bank-holidays",
            file.to_str().unwrap(),
        ],
        TIMELINE.as_bytes(),
    );
    assert_input_error(
        &out,
        &[
            "bank-holidays.json",
            "england-and-wales.events[0].date",
            "\"2018-02-30\"",
        ],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `engagekit evaluate big.json | head`: when the reader stops early, the command stops quietly
/// (exit 0, nothing on stderr), as other command-line tools do, not with a panic.
#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    // 1,000 evaluators scoring one bid on one criterion: about 100 KB of JSON out, more than a
    // pipe holds, so the command is still writing when the reader has gone.
    let panel: Vec<String> = (0..1000)
        .map(|e| format!(r#"{{"id": "E{e}", "role": "serviceUser"}}"#))
        .collect();
    let scores: Vec<String> = (0..1000)
        .map(|e| format!(r#"{{"evaluator": "E{e}", "bid": "B1", "criterion": "Q1", "score": {}, "rationale": "Reasons."}}"#, e % 5))
        .collect();
    let doc = format!(
        r#"{{"schema": "engagekit/evaluation@1", "title": "Big panel", "scale": {{"max": 4, "labels": ["0", "1", "2", "3", "4"]}},
        "price": {{"weight": 30, "method": "lowest"}}, "criteria": [{{"id": "Q1", "title": "Quality", "weight": 70}}],
        "bids": [{{"id": "B1", "bidder": "Anchor", "price": 100}}], "panel": [{}], "scores": [{}]}}"#,
        panel.join(","),
        scores.join(",")
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_engagekit"))
        .args(["evaluate", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes before reading anything
    let mut input = child.stdin.take().unwrap();
    input.write_all(doc.as_bytes()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn rules_lists_the_catalogue_for_people_and_programs() {
    let out = engagekit(&["rules", "--area", "timeline", "--format", "json"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert!(rules.iter().all(|r| r["area"] == "timeline"));
    // The 12 weeks are the plan's own policy, not a legal minimum (issue 15).
    let short = rules
        .iter()
        .find(|r| r["code"] == "consultation-too-short")
        .expect("consultation-too-short is a timeline rule");
    assert_eq!(short["severity"], "warning");
    assert_eq!(short["source"]["kind"], "local-policy");

    let out = engagekit(&["rules"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("consultation-too-short (warning, timeline)\n"),
        "{text}"
    );
    assert!(text.contains("  What to do: "), "{text}");

    // docs/rules.md is exactly what `rules --markdown` writes.
    let out = engagekit(&["rules", "--markdown"], b"");
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    assert!(
        String::from_utf8(out.stdout).unwrap() == docs,
        "docs/rules.md is stale"
    );
}

/// `charter aggregate` with its default minimum (5): the charter's example question answered by
/// 3 people shows `counts: null` and `suppressed: true`, and nothing of its 3 answers.
#[test]
fn charter_aggregate_suppresses_a_measure_answered_by_three() {
    let charter = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/aggregate-feedback-suppressed.json"
    );
    let vector: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(charter).unwrap()).unwrap();
    let dir = std::env::temp_dir().join(format!("engagekit-cli-aggregate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let charter_file = dir.join("charter.json");
    std::fs::write(&charter_file, vector["input"].to_string()).unwrap();
    let out = engagekit(
        &["charter", "aggregate", charter_file.to_str().unwrap(), "-"],
        vector["options"].to_string().as_bytes(),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, vector["expect"]);
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn survey_summarise_prints_the_summary_and_names_a_bad_cell() {
    let (survey, csv) = (
        example("swale-minor-injuries.survey.json"),
        example("swale-minor-injuries.responses.csv"),
    );
    let coding = example("swale-minor-injuries.coding.json");
    let out = engagekit(
        &[
            "survey",
            "summarise",
            &survey,
            &csv,
            "--coding",
            &coding,
            "--by",
            "area",
        ],
        b"",
    );
    // Warnings and information only: exit 0.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["responses"], 48);
    assert_eq!(v["breakdown"]["by"], "area");
    // Responses on standard input, one answer not an option: line 3 is the second response.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let second = lines[2]
        .replacen(",Yes,", ",Yess,", 1)
        .replacen(",No,", ",Yess,", 1)
        .replacen(",Not sure,", ",Yess,", 1);
    lines[2] = &second;
    let bad = lines.join("\n");
    assert_input_error(
        &engagekit(&["survey", "summarise", &survey, "-"], bad.as_bytes()),
        &[
            "<stdin>:3:used",
            "\"Yess\" is not an option of question \"used\"",
        ],
    );
    assert_input_error(
        &engagekit(
            &["survey", "summarise", &survey, &csv, "--by", "travel"],
            b"",
        ),
        &["--by", "not a single-choice question"],
    );
}

#[test]
fn outcomes_check_exits_1_on_a_missing_reason() {
    let file = example("swale-minor-injuries.outcomes.json");
    let out = engagekit(&["outcomes", "check", &file, "--today", "2018-07-01"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning overdue: item \"YSWD4\""), "{text}");
    let doc = std::fs::read_to_string(&file).unwrap().replace(
        "\"reason\": \"The county council",
        "\"decision\": \"The county council",
    );
    let out = engagekit(
        &[
            "outcomes",
            "check",
            "-",
            "--today",
            "2018-07-01",
            "--format",
            "json",
        ],
        doc.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "reason-missing");
    assert_eq!(v["diagnostics"][0]["item"], "YSWD2");
    let out = engagekit(
        &["validate", &example("swale-minor-injuries.survey.json")],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn evaluate_setup_checks_a_panel_before_anyone_scores() {
    // The shared vector's panel: weights 40 + 22.5 + 12.5 + price 30 = 105, a finding rather than
    // the input error that scoring gives; the findings are the ones the set-up page lists.
    let vector: serde_json::Value =
        serde_json::from_str(include_str!("vectors/check-setup.json")).unwrap();
    let doc = vector["input"].to_string();
    let out = engagekit(&["evaluate", "--setup", "-"], doc.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "errors found: exit 1; {text}");
    assert!(
        text.contains("Weights: criteria 75 + price 30 = 105"),
        "{text}"
    );
    // E3's unmanaged conflict takes them out of every bid: no sheet; P1 (procurement) never scores.
    assert!(text.contains("Score sheets: E1, E2, E4\n"), "{text}");
    for code in [
        "error weights-total",
        "error safeguarding-missing",
        "error conflict-of-interest",
        "warning evaluator-not-trained",
        "warning short-of-evaluators",
    ] {
        assert!(text.contains(code), "{code} missing: {text}");
    }
    // Scored, the same document is refused at `criteria`.
    let scored = engagekit(&["evaluate", "-"], doc.as_bytes());
    assert_input_error(
        &scored,
        &[
            "criteria",
            "the quality weights and the price weight total 105, not 100",
        ],
    );
}
