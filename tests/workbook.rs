//! Score sheets as Excel workbooks (the `xlsx` feature): what an evaluator opens in Excel, read back
//! with calamine and looked into with zip; filled by an independent writer (openpyxl, through
//! tests/data/fill_scoresheet.py: `pip install openpyxl`, which scripts/setup.sh installs; the
//! tests that need it say so and pass when python3 or openpyxl is missing, except under
//! `make test`, which sets ENGAGEKIT_REQUIRE_OPENPYXL and so fails them); bad workbooks refused
//! with the sheet, cell and value.
#![cfg(feature = "xlsx")]

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use engagekit::evaluation::{
    merge_scoresheet_files, merge_scoresheets, scoresheet_xlsx, Evaluation, FilledSheet,
    ScoresheetFile,
};
use engagekit::ErrorKind;
use serde_json::Value;

mod common;

const EXAMPLE: &str = include_str!("../examples/cyp-mental-health.evaluation.json");

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn load(v: &Value) -> Evaluation {
    engagekit::json::from_json(&v.to_string()).unwrap()
}

/// The example without E4's scores: E4's sheet is blank.
fn without_e4() -> Value {
    let mut v = example();
    v["scores"]
        .as_array_mut()
        .unwrap()
        .retain(|s| s["evaluator"] != "E4");
    v
}

/// E4 is a parent representative with a conflict on B2; Q2, Q3 and Q6 admit parent
/// representatives: bids B1, B3, B4 by criteria Q2, Q3, Q6, bid by bid.
const E4_ROWS: [(&str, &str); 9] = [
    ("B1", "Q2"),
    ("B1", "Q3"),
    ("B1", "Q6"),
    ("B3", "Q2"),
    ("B3", "Q3"),
    ("B3", "Q6"),
    ("B4", "Q2"),
    ("B4", "Q3"),
    ("B4", "Q6"),
];

fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not a string cell: {other:?}"),
    }
}

#[test]
fn the_workbook_has_the_csv_sheets_columns_and_rows() {
    let mut v = without_e4();
    // A rationale that would be a formula, were it not written as a string cell.
    v["scores"].as_array_mut().unwrap().push(serde_json::json!(
        {"evaluator": "E4", "bid": "B1", "criterion": "Q2", "score": 3, "rationale": "=1+1"}
    ));
    let xlsx = scoresheet_xlsx(&load(&v), "E4").unwrap();
    assert!(xlsx.starts_with(b"PK\x03\x04"));
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Scores"]);
    let range = book.worksheet_range("Scores").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "evaluator",
            "bid",
            "bidder",
            "criterion",
            "criterion title",
            "scale",
            "score",
            "rationale"
        ]
    );
    assert_eq!(rows.len(), 1 + 9);
    for (row, (bid, criterion)) in rows[1..].iter().zip(E4_ROWS) {
        assert_eq!(text(&row[0]), "E4");
        assert_eq!(text(&row[1]), bid);
        assert_eq!(text(&row[3]), criterion);
        assert_eq!(
            text(&row[5]),
            "0 Unacceptable\n1 Poor\n2 Satisfactory\n3 Good\n4 Excellent"
        );
    }
    assert_eq!(text(&rows[1][2]), "Weald and Coast NHS Foundation Trust");
    assert_eq!(
        text(&rows[1][4]),
        "Access, waiting times and reducing health inequalities"
    );
    // The one score the document has: a number, with its rationale as text; the rest blank.
    assert_eq!(rows[1][6], Data::Float(3.0));
    assert_eq!(rows[1][7], Data::String("=1+1".into()));
    assert_eq!(rows[2][6], Data::Empty);
    let formulas = book.worksheet_formula("Scores").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));

    let xml = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(!xml.contains("<f>"), "no formula anywhere: {xml}");
    assert!(xml.contains("<sheetProtection"), "{xml}");
    assert!(!xml.contains("password"), "{xml}");
    assert!(
        xml.contains("<pane ") && xml.contains("ySplit=\"1\""),
        "{xml}"
    );
    let validation = &xml[xml.find("<dataValidation ").expect("a data validation")..];
    let validation = &validation[..validation.find("</dataValidation>").unwrap()];
    assert!(validation.contains("type=\"whole\""), "{validation}");
    assert!(validation.contains("sqref=\"G2:G10\""), "{validation}");
    assert!(
        validation.contains("<formula1>0</formula1>"),
        "{validation}"
    );
    assert!(
        validation.contains("<formula2>4</formula2>"),
        "{validation}"
    );
    assert!(
        validation.contains("4 Excellent"),
        "the input message lists the descriptors"
    );
    // Unlocked and wrapped: the rationale's format.
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("<protection locked=\"0\"/>"), "{styles}");
    assert!(styles.contains("wrapText=\"1\""), "{styles}");
}

/// `python3 tests/data/fill_scoresheet.py IN OUT EDITS`, or None when python3 or openpyxl is
/// missing (the test then says so and passes).
fn fill(xlsx: &[u8], edits: Value) -> Option<Vec<u8>> {
    common::fill_with_openpyxl("fill_scoresheet.py", xlsx, &edits)
}

fn file(name: &str, bytes: Vec<u8>) -> ScoresheetFile {
    ScoresheetFile {
        name: name.into(),
        bytes,
    }
}

#[test]
fn a_workbook_filled_by_openpyxl_merges_as_the_same_csv_does() {
    let doc = load(&without_e4());
    let blank = scoresheet_xlsx(&doc, "E4").unwrap();
    // E4's scores: a 4 with a line break and a comma in its rationale, a text "=1+1", a 0.
    let typed: [(u32, &str); 9] = [
        (3, "Clear plan, with a check-in\nevery month."),
        (2, "=1+1"),
        (0, "None."),
        (4, "Young people shaped it."),
        (3, "Good."),
        (1, "Vague."),
        (2, "Some."),
        (2, "Some, again."),
        (3, "Local jobs."),
    ];
    let mut edits = Vec::new();
    let mut csv = String::from("evaluator,bid,criterion,score,rationale\r\n");
    for (i, ((bid, criterion), (score, rationale))) in E4_ROWS.iter().zip(typed).enumerate() {
        let row = i + 2;
        edits.push(serde_json::json!({"cell": format!("G{row}"), "number": score}));
        edits.push(serde_json::json!({"cell": format!("H{row}"), "text": rationale}));
        let quoted = format!("\"{}\"", rationale.replace('"', "\"\""));
        let guarded = if rationale.starts_with('=') {
            format!("'{rationale}")
        } else {
            quoted
        };
        csv.push_str(&format!("E4,{bid},{criterion},{score},{guarded}\r\n"));
    }
    let Some(filled) = fill(&blank, Value::Array(edits)) else {
        return;
    };
    let from_xlsx = merge_scoresheet_files(&doc, &[file("e4.xlsx", filled)]).unwrap();
    let from_csv = merge_scoresheets(
        &doc,
        &[FilledSheet {
            name: "e4.csv".into(),
            text: csv.clone(),
        }],
    )
    .unwrap();
    assert_eq!(from_xlsx, from_csv);
    // And as the user checks it: E4's nine scores, as typed.
    let e4: Vec<(String, String, u32, String)> = from_xlsx
        .scores
        .iter()
        .filter(|s| s.evaluator == "E4")
        .map(|s| {
            (
                s.bid.to_string(),
                s.criterion.to_string(),
                s.score,
                s.rationale.as_deref().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, u32, String)> = E4_ROWS
        .iter()
        .zip(typed)
        .map(|((b, c), (s, r))| (b.to_string(), c.to_string(), s, r.to_string()))
        .collect();
    assert_eq!(e4, expected);
    // CSV given as bytes is told apart from a workbook by content.
    let as_bytes = merge_scoresheet_files(&doc, &[file("e4.csv", csv.into_bytes())]).unwrap();
    assert_eq!(as_bytes, from_csv);
}

fn merge_error(name: &str, bytes: Vec<u8>) -> engagekit::Error {
    let doc = load(&without_e4());
    merge_scoresheet_files(&doc, &[file(name, bytes)]).unwrap_err()
}

#[test]
fn what_is_not_a_workbook_is_refused() {
    let e = merge_error("e4.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec());
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.path(), "e4.xlsx:1:");
    assert!(e.message().contains("neither a workbook"), "{e}");
    assert!(e.message().contains("%PDF-1.4"), "{e}");

    let whole = scoresheet_xlsx(&load(&without_e4()), "E4").unwrap();
    let e = merge_error("e4.xlsx", whole[..whole.len() / 2].to_vec());
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.path(), "e4.xlsx");
    assert!(
        e.message().contains("not a workbook that can be read"),
        "{e}"
    );

    let e = merge_error("e4.xlsx", b"PK\x03\x04".to_vec());
    assert_eq!(e.kind(), ErrorKind::InvalidValue, "{e}");

    // A zip bomb: 65 MiB of zeros that deflate to some 64 KiB.
    let mut bomb = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    bomb.start_file("xl/worksheets/sheet1.xml", options)
        .unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..65 {
        std::io::Write::write_all(&mut bomb, &zeros).unwrap();
    }
    let bomb = bomb.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20);
    let e = merge_error("bomb.xlsx", bomb);
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert!(e.message().contains("zip bomb"), "{e}");
}

#[test]
fn bad_cells_name_the_sheet_cell_and_value() {
    let blank = scoresheet_xlsx(&load(&without_e4()), "E4").unwrap();
    let Some(renamed) = fill(&blank, serde_json::json!([{"rename": "Sheet1"}])) else {
        return;
    };
    let e = merge_error("e4.xlsx", renamed);
    assert_eq!(e.kind(), ErrorKind::MissingField);
    assert_eq!(e.path(), "e4.xlsx");
    assert!(e.message().contains("no sheet \"Scores\""), "{e}");
    assert!(e.message().contains("\"Sheet1\""), "{e}");

    let four = fill(&blank, serde_json::json!([{"cell": "G2", "text": "four"}])).unwrap();
    let e = merge_error("e4.xlsx", four);
    assert_eq!(e.kind(), ErrorKind::OutOfRange);
    assert_eq!(e.path(), "e4.xlsx:Scores!G2");
    assert_eq!(
        e.location(),
        &engagekit::error::Location::Cell {
            file: "e4.xlsx".into(),
            sheet: "Scores".into(),
            row: 2,
            column: "G".into()
        }
    );
    assert!(e.message().contains("\"four\""), "{e}");
    assert_eq!(
        e.to_string(),
        "e4.xlsx:Scores!G2: score \"four\" is not a whole number from 0 to 4"
    );

    let seven = fill(&blank, serde_json::json!([{"cell": "G4", "number": 7}])).unwrap();
    let e = merge_error("e4.xlsx", seven);
    assert_eq!(e.kind(), ErrorKind::OutOfRange);
    assert_eq!(e.path(), "e4.xlsx:Scores!G4");
    assert!(e.message().contains("\"7\""), "{e}");

    let half = fill(&blank, serde_json::json!([{"cell": "G3", "number": 2.5}])).unwrap();
    let e = merge_error("e4.xlsx", half);
    assert_eq!(e.path(), "e4.xlsx:Scores!G3");
    assert!(e.message().contains("\"2.5\""), "{e}");

    let formula = fill(
        &blank,
        serde_json::json!([{"cell": "G3", "formula": "=2+2"}]),
    )
    .unwrap();
    let e = merge_error("e4.xlsx", formula);
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.path(), "e4.xlsx:Scores!G3");
    assert!(e.message().contains("=2+2"), "{e}");

    let unknown = fill(
        &blank,
        serde_json::json!([{"cell": "B5", "text": "B9"}, {"cell": "G5", "number": 1}]),
    )
    .unwrap();
    let e = merge_error("e4.xlsx", unknown);
    assert_eq!(e.kind(), ErrorKind::DanglingReference);
    assert_eq!(e.path(), "e4.xlsx:Scores!B5");
    assert!(e.message().contains("\"B9\""), "{e}");

    // A cell at XFD1048576 would make the sheet a rectangle of 17 billion cells.
    let far = fill(
        &blank,
        serde_json::json!([{"cell": "XFD1048576", "text": "far"}]),
    )
    .unwrap();
    let e = merge_error("e4.xlsx", far);
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(e.path(), "e4.xlsx:Scores!XFD1048576");

    let no_score = fill(&blank, serde_json::json!([{"cell": "G1", "text": "mark"}])).unwrap();
    let e = merge_error("e4.xlsx", no_score);
    assert_eq!(e.kind(), ErrorKind::MissingField);
    assert_eq!(e.path(), "e4.xlsx:Scores");
}

fn engagekit(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_engagekit"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_writes_a_workbook_and_merges_it_back() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/cyp-mental-health.evaluation.json"
    );
    let e4 = dir.join(format!("cli-e4-{}.xlsx", std::process::id()));
    let e4 = e4.to_str().unwrap();
    let out = engagekit(&[
        "scoresheet",
        example,
        "--evaluator",
        "E4",
        "--to",
        "xlsx",
        "--output",
        e4,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(e4).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));

    // Standard output redirected (here a pipe): the workbook is written there.
    let piped = engagekit(&["scoresheet", example, "--evaluator", "E4", "--to", "xlsx"]);
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.starts_with(b"PK\x03\x04"));

    // The sheet carries E4's scores from the document: merged back, the scores are unchanged.
    let plain = engagekit(&["evaluate", example, "--format", "json"]);
    let merged = engagekit(&["evaluate", example, "--scores", e4, "--format", "json"]);
    assert_eq!(
        merged.status.code(),
        plain.status.code(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let plain: Value = serde_json::from_slice(&plain.stdout).unwrap();
    let merged: Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert_eq!(merged["bids"], plain["bids"]);

    let pdf = dir.join(format!("cli-pdf-{}.xlsx", std::process::id()));
    std::fs::write(&pdf, b"%PDF-1.4\n\xe2\xe3").unwrap();
    let out = engagekit(&["evaluate", example, "--scores", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("neither a workbook") && err.contains("%PDF-1.4"),
        "{err}"
    );
    let _ = std::fs::remove_file(e4);
    let _ = std::fs::remove_file(pdf);
}

/// A workbook `make fuzz` made (tests/data/fuzz-shared-string.xlsx): a cell names a shared string
/// the workbook does not have. calamine 0.30.1 panicked reading it (an index out of bounds, which
/// aborts the command line and traps in WebAssembly); now it is refused, or read, never a panic.
#[test]
fn a_cell_naming_a_missing_shared_string_is_no_panic() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fuzz-shared-string.xlsx"
    ))
    .unwrap();
    let doc = load(&example());
    let _ = merge_scoresheet_files(&doc, &[file("fuzz.xlsx", bytes.clone())]);
    let _ = engagekit::sheets::import_evaluation("fuzz.xlsx", &bytes, None);
    let _ = engagekit::sheets::import_timeline("fuzz.xlsx", &bytes, Some("T"), Some(true));
    let _ = engagekit::sheets::kind_of("fuzz.xlsx", &bytes);
}
