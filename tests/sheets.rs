//! Set-up workbooks: each template filled by an independent writer (openpyxl, through
//! tests/data/fill_setup.py) the way a person fills it in Excel, from the examples' documents
//! and the header words the issue gives, then imported: the same document comes back. Bad cells
//! are refused naming the sheet, the cell and the value.
#![cfg(feature = "xlsx")]

use std::io::{Cursor, Read};

use engagekit::error::Location;
use engagekit::sheets::{
    import_evaluation, import_monitoring, import_timeline, template, workbook_of, Template,
};
use engagekit::{Error, ErrorKind};
use serde_json::{json, Map, Value};

mod common;

fn example(name: &str) -> Value {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fill(which: Template, edits: &Value) -> Option<Vec<u8>> {
    common::fill_with_openpyxl("fill_setup.py", &template(which).unwrap(), edits)
}

fn date(v: &Value) -> Value {
    json!({ "date": v })
}

/// `2024-09-20` as a person types it in the UK: `20/09/2024`, text.
fn uk(v: &Value) -> Value {
    let s = v.as_str().unwrap();
    json!(format!("{}/{}/{}", &s[8..10], &s[5..7], &s[..4]))
}

fn joined(v: &Value) -> Value {
    let items: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    json!(items.join("; "))
}

/// A role as a panel chair writes it (SCHEMAS.md's ids, in words).
fn role_words(id: &str) -> &str {
    match id {
        "serviceUser" => "service user",
        "parentRep" => "parent representative",
        "youngPerson" => "young person",
        other => other,
    }
}

/// A column as the test types it: its header words, the document's field, how its value is
/// typed in the cell.
type Typed = (&'static str, &'static str, fn(&Value) -> Value);

/// A row of a sheet from an item of the document: `(header words, field, how it is typed)`.
fn row(item: &Value, columns: &[Typed]) -> Value {
    let mut out = Map::new();
    for (header, field, typed) in columns {
        let mut value = item;
        for part in field.split('.') {
            value = value.get(part).unwrap_or(&Value::Null);
        }
        if !value.is_null() {
            out.insert(header.to_string(), typed(value));
        }
    }
    Value::Object(out)
}

/// A document as the toolkit reads and writes it (numbers as it keeps them).
fn as_read<T: engagekit::Document + serde::Serialize>(v: &Value) -> Value {
    serde_json::to_value(engagekit::json::from_json::<T>(&v.to_string()).unwrap()).unwrap()
}

fn same(v: &Value) -> Value {
    v.clone()
}

fn rows(items: &Value, columns: &[Typed]) -> Value {
    Value::Array(
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| row(i, columns))
            .collect(),
    )
}

/// The evaluation example as a panel chair would type it into the template, by the issue's
/// sheet and header words (and the Panel sheet's conflict columns).
fn evaluation_fill(doc: &Value) -> Value {
    let d = &doc["decision"];
    json!({
        "settings": {
            "title": doc["title"], "stage": doc["stage"], "regime": "psr",
            "psr process": "Competitive Process", "award notice date": date(&doc["awardNoticeDate"]),
            "scale max": doc["scale"]["max"], "scale labels": joined(&doc["scale"]["labels"]),
            "price weight": doc["price"]["weight"], "price method": "lowest",
            "decision by": d["by"], "decision date": uk(&d["date"]),
            "basic selection criteria": d["basicSelectionCriteria"],
            "currency": doc["payments"]["currency"],
        },
        "sheets": {
            "Criteria": rows(&doc["criteria"], &[
                ("id", "id", same), ("title", "title", same), ("weight", "weight", same),
                ("minimum score", "minimumScore", same),
                ("scored by", "scoredBy", |v| {
                    let words: Vec<&str> = v.as_array().unwrap().iter()
                        .map(|r| role_words(r.as_str().unwrap())).collect();
                    json!(words.join("; "))
                }),
                ("charter standards", "charterStandards", joined),
                ("key criterion", "keyCriterion", same),
            ]),
            "Bids": rows(&doc["bids"], &[
                ("id", "id", same), ("bidder", "bidder", same), ("price", "price", same),
                ("address", "address", same), ("identifier", "identifier", same),
            ]),
            "Panel": rows(&doc["panel"], &[
                ("id", "id", same), ("name", "name", same),
                ("role", "role", |v| json!(role_words(v.as_str().unwrap()))),
                ("conflicts", "conflicts", joined),
                ("training completed", "trainingCompleted", date),
                ("under 18", "under18", |v| json!(if v == &json!(true) { "yes" } else { "no" })),
                ("chaperone", "chaperone", same),
                ("conflict decision", "conflictManaged.decision", same),
                ("conflict decided by", "conflictManaged.decidedBy", same),
                ("conflict decision date", "conflictManaged.date", uk),
                ("declines payment", "declinesPayment", |v| json!(if v == &json!(true) { "Yes" } else { "No" })),
            ]),
            "Scores": rows(&doc["scores"], &[
                ("evaluator", "evaluator", same), ("bid", "bid", same),
                ("criterion", "criterion", same), ("score", "score", same),
                ("rationale", "rationale", same),
            ]),
            "Consensus": rows(&doc["consensus"], &[
                ("bid", "bid", same), ("criterion", "criterion", same), ("score", "score", same),
                ("rationale", "rationale", same),
            ]),
            "Payment rates": rows(&doc["payments"]["rates"], &[
                ("role", "role", |v| json!(role_words(v.as_str().unwrap()))),
                ("unit", "unit", |v| json!(unit_words(v.as_str().unwrap()))),
                ("amount", "amount", same),
            ]),
            "Sessions": rows(&doc["sessions"], &[
                ("id", "id", same), ("date", "date", date), ("title", "title", same),
                ("unit", "unit", |v| json!(unit_words(v.as_str().unwrap()))),
                ("length", "length", same),
            ]),
            "Attendance": attendance_rows(doc, false),
        }
    })
}

/// A payment unit as a panel chair writes it.
fn unit_words(id: &str) -> &str {
    match id {
        "halfDay" => "half day",
        other => other,
    }
}

/// The sessions' attendance as rows of the Attendance sheet, a row per member per session, each
/// naming its session: session by session in the document's order, or (`reversed`) the last
/// session's rows first.
fn attendance_rows(doc: &Value, reversed: bool) -> Value {
    let mut sessions: Vec<&Value> = doc["sessions"].as_array().unwrap().iter().collect();
    if reversed {
        sessions.reverse();
    }
    let mut out = Vec::new();
    for session in sessions {
        for a in session["attendance"].as_array().unwrap() {
            let mut row = row(
                a,
                &[("member", "member", same), ("expenses", "expenses", same)],
            );
            row["session"] = session["id"].clone();
            out.push(row);
        }
    }
    Value::Array(out)
}

/// An evaluation's involvement payments (`engagekit evaluate --payments`).
fn payments_of(v: &Value) -> Value {
    let d: engagekit::evaluation::Evaluation = engagekit::json::from_json(&v.to_string()).unwrap();
    serde_json::to_value(engagekit::evaluation::involvement_payments(&d).unwrap()).unwrap()
}

fn import_eval(bytes: &[u8], charter: Option<&Value>) -> Result<Value, Error> {
    let charter = charter.map(|c| engagekit::json::from_json(&c.to_string()).unwrap());
    import_evaluation("panel.xlsx", bytes, charter.as_ref())
        .map(|d| serde_json::to_value(d).unwrap())
}

#[test]
fn an_evaluation_typed_into_the_template_imports_as_the_json_example() {
    let doc = example("cyp-mental-health.evaluation.json");
    let Some(filled) = fill(Template::Evaluation, &evaluation_fill(&doc)) else {
        return;
    };
    let imported = import_eval(&filled, Some(&doc["charter"])).unwrap();
    // The whole example, its payment policy and sessions with their attendance too (as
    // documents: the example's 16 is 16.0 once read).
    let expected = as_read::<engagekit::evaluation::Evaluation>(&doc);
    assert_eq!(imported, expected);
    assert_eq!(imported["sessions"][1]["attendance"][3]["expenses"], 22.5);
    // And so the same result, and the same involvement payments.
    let result = |v: &Value| {
        let d: engagekit::evaluation::Evaluation =
            engagekit::json::from_json(&v.to_string()).unwrap();
        serde_json::to_value(engagekit::evaluation::evaluate(&d).unwrap()).unwrap()
    };
    assert_eq!(result(&imported), result(&expected));
    let paid = payments_of(&imported);
    assert_eq!(paid, payments_of(&expected));
    // By hand: a young person is paid 40 a half day and 80 a day, a parent representative 75
    // and 150. E1 (young person): training 1 half day 40, scoring 2 half days 80, moderation 1
    // day 80: 200, and 6.80 expenses at each of the three sessions, 20.40. E3 (parent
    // representative): 75 + 150 + 150 = 375, expenses 3 x 14.85 = 44.55. E4 declines payment:
    // nothing but the expenses, 0 + 22.50 + 11.20 = 33.70. E2: 200 and 3 x 9.40 = 28.20.
    let member = |id: &str| {
        let members = paid["members"].as_array().unwrap();
        let m = members.iter().find(|m| m["member"] == id).unwrap();
        (
            m["sessions"].clone(),
            m["involvement"].clone(),
            m["expenses"].clone(),
        )
    };
    assert_eq!(member("E1"), (json!(3), json!(200.0), json!(20.4)));
    assert_eq!(member("E3"), (json!(3), json!(375.0), json!(44.55)));
    assert_eq!(member("E4"), (json!(3), json!(0.0), json!(33.7)));
    assert_eq!(paid["currency"], "GBP");
    assert_eq!(paid["involvement"], json!(775.0));
    assert_eq!(paid["expenses"], json!(126.85));
}

#[test]
fn attendance_rows_in_any_order_join_their_sessions_in_the_order_of_the_rows() {
    // The moderation's rows first (Attendance rows 2 to 9), then the scoring's (10 to 13), then
    // the training's (14 to 21): each session's attendance is its rows, in order.
    let doc = example("cyp-mental-health.evaluation.json");
    let mut spec = evaluation_fill(&doc);
    spec["sheets"]["Attendance"] = attendance_rows(&doc, true);
    let Some(filled) = fill(Template::Evaluation, &spec) else {
        return;
    };
    let imported = import_eval(&filled, Some(&doc["charter"])).unwrap();
    assert_eq!(imported, as_read::<engagekit::evaluation::Evaluation>(&doc));
    // And an error in a row is at that row: Attendance!B11 is the scoring's second row, E2,
    // sessions[1].attendance[1].member.
    spec["cells"] = json!([{"sheet": "Attendance", "cell": "B11", "text": "E22"}]);
    let filled = fill(Template::Evaluation, &spec).unwrap();
    let e = import_eval(&filled, Some(&doc["charter"])).unwrap_err();
    assert_eq!(
        (e.kind(), at(&e)),
        (ErrorKind::DanglingReference, "Attendance!B11".to_string()),
        "{e}"
    );
    assert!(e.message().contains("E22"), "{e}");
    // Sessions with no one's attendance, or no Attendance sheet at all, are sessions no one
    // attended.
    spec["cells"] = json!([]);
    spec["drop"] = json!(["Attendance"]);
    let filled = fill(Template::Evaluation, &spec).unwrap();
    let imported = import_eval(&filled, Some(&doc["charter"])).unwrap();
    assert_eq!(imported["sessions"].as_array().unwrap().len(), 3);
    assert_eq!(imported["sessions"][2]["attendance"], json!([]));
}

/// The error an evaluation workbook with these edits gives.
fn eval_error(edits: Value) -> Option<Error> {
    let doc = example("cyp-mental-health.evaluation.json");
    let mut fill_spec = evaluation_fill(&doc);
    for (key, value) in edits.as_object().unwrap() {
        fill_spec[key] = value.clone();
    }
    let filled = fill(Template::Evaluation, &fill_spec)?;
    Some(import_eval(&filled, Some(&doc["charter"])).unwrap_err())
}

fn at(e: &Error) -> String {
    match e.location() {
        Location::Cell {
            sheet, row, column, ..
        } => format!("{sheet}!{column}{row}"),
        Location::Sheet { row, column, .. } => format!("{row}:{column}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn bad_cells_are_named_by_sheet_and_cell_with_their_value() {
    // Panel row 2 (E1) is the first member: C is `role`. Criteria row 2 is Q1: C is `weight`.
    let cases: Vec<(Value, ErrorKind, &str, &str)> = vec![
        (
            json!({"cells": [{"sheet": "Panel", "cell": "C2", "text": "chef"}]}),
            ErrorKind::UnknownValue,
            "Panel!C2",
            "\"chef\" is not a role",
        ),
        (
            json!({"cells": [{"sheet": "Criteria", "cell": "C2", "text": "sixteen"}]}),
            ErrorKind::WrongType,
            "Criteria!C2",
            "\"sixteen\" is not a number",
        ),
        (
            json!({"cells": [{"sheet": "Criteria", "cell": "C2", "formula": "=10+6"}]}),
            ErrorKind::InvalidValue,
            "Criteria!C2",
            "a formula \"=10+6\"",
        ),
        (
            json!({"merge": [{"sheet": "Bids", "range": "B2:B3"}]}),
            ErrorKind::InvalidValue,
            "Bids!B2",
            "merged cells B2:B3",
        ),
        // The award notice date is the Settings sheet's fifth setting: row 6.
        (
            json!({"cells": [{"sheet": "Settings", "cell": "B6", "text": "2 December 2024"}]}),
            ErrorKind::InvalidDate,
            "Settings!B6",
            "\"2 December 2024\" is not a date",
        ),
        (
            json!({"cells": [{"sheet": "Panel", "cell": "F2", "text": "maybe"}]}),
            ErrorKind::WrongType,
            "Panel!F2",
            "\"maybe\" is not yes or no",
        ),
        (
            json!({"cells": [{"sheet": "Criteria", "cell": "H1", "text": "notes"}]}),
            ErrorKind::UnknownField,
            "Criteria!H1",
            "\"notes\" is not a column",
        ),
        (
            json!({"drop": ["Bids"]}),
            ErrorKind::MissingField,
            "",
            "no sheet \"Bids\"",
        ),
        // The area's own rules, at the cell the field came from: a score a member with a
        // conflict could not give is fine (managed), but a bid that is not there is not.
        (
            json!({"cells": [{"sheet": "Scores", "cell": "B2", "text": "B9"}]}),
            ErrorKind::DanglingReference,
            "Scores!B2",
            "B9",
        ),
        (
            json!({"cells": [{"sheet": "Criteria", "cell": "A3", "text": "Q1"}]}),
            ErrorKind::DuplicateId,
            "Criteria!A3",
            "Q1",
        ),
        // A weight left blank: the column's words, at the blank cell.
        (
            json!({"cells": [{"sheet": "Criteria", "cell": "C2", "value": null}]}),
            ErrorKind::MissingField,
            "Criteria!C2",
            "\"weight\" is blank",
        ),
        // Payments. Attendance rows 2 to 9 are the training's, 10 to 13 the scoring's, 14 to 21
        // the moderation's: a row naming a session the Sessions sheet does not have.
        (
            json!({"cells": [{"sheet": "Attendance", "cell": "A14", "text": "moderashun"}]}),
            ErrorKind::DanglingReference,
            "Attendance!A14",
            "session \"moderashun\" is not in the sheet \"Sessions\" (its ids are \"training\", \"scoring\" and \"moderation\")",
        ),
        (
            json!({"cells": [{"sheet": "Attendance", "cell": "A5", "value": null}]}),
            ErrorKind::MissingField,
            "Attendance!A5",
            "\"session\" is blank",
        ),
        // A unit that is not one (Sessions D is unit; Payment rates B).
        (
            json!({"cells": [{"sheet": "Sessions", "cell": "D3", "text": "fortnight"}]}),
            ErrorKind::UnknownValue,
            "Sessions!D3",
            "unit: \"fortnight\" is not a unit (they are \"hour\", \"half day\" and \"day\")",
        ),
        (
            json!({"cells": [{"sheet": "Payment rates", "cell": "B2", "text": "week"}]}),
            ErrorKind::UnknownValue,
            "Payment rates!B2",
            "\"week\" is not a unit",
        ),
        (
            json!({"cells": [{"sheet": "Payment rates", "cell": "C3", "text": "eighty pounds"}]}),
            ErrorKind::WrongType,
            "Payment rates!C3",
            "amount: \"eighty pounds\" is not a number",
        ),
        // The evaluation's own checks of payments and sessions, at the cell the field came
        // from: Payment rates row 3 is payments.rates[1], Sessions row 3 sessions[1], Attendance
        // row 10 sessions[1].attendance[0].
        (
            json!({"cells": [{"sheet": "Payment rates", "cell": "C3", "value": 2000000}]}),
            ErrorKind::OutOfRange,
            "Payment rates!C3",
            "2000000",
        ),
        (
            json!({"cells": [{"sheet": "Sessions", "cell": "E3", "value": 5000}]}),
            ErrorKind::OutOfRange,
            "Sessions!E3",
            "5000",
        ),
        (
            json!({"cells": [{"sheet": "Attendance", "cell": "B10", "text": "E9"}]}),
            ErrorKind::DanglingReference,
            "Attendance!B10",
            "E9",
        ),
        (
            json!({"cells": [{"sheet": "Attendance", "cell": "C10", "value": -5}]}),
            ErrorKind::OutOfRange,
            "Attendance!C10",
            "-5",
        ),
        // A second row for E1 at the scoring (row 11 was E2's): named, not its expenses lost.
        (
            json!({"cells": [{"sheet": "Attendance", "cell": "B11", "text": "E1"}]}),
            ErrorKind::DuplicateId,
            "Attendance!B11",
            "panel member \"E1\" attends session \"scoring\" twice",
        ),
        (
            json!({"cells": [{"sheet": "Sessions", "cell": "A4", "text": "scoring"}], "drop": ["Attendance"]}),
            ErrorKind::DuplicateId,
            "Sessions!A4",
            "scoring",
        ),
        // A member's attendance with no member: the column's words, at the blank cell.
        (
            json!({"cells": [{"sheet": "Attendance", "cell": "B3", "value": null}]}),
            ErrorKind::MissingField,
            "Attendance!B3",
            "\"member\" is blank",
        ),
        // A currency with no rates: at the currency (Settings row 16, the 15th setting).
        (
            json!({"drop": ["Payment rates"]}),
            ErrorKind::MissingField,
            "Settings!B16",
            "currency: \"GBP\" is given, but the sheet \"Payment rates\" has no rates",
        ),
        // Attendance at sessions no sheet gives.
        (
            json!({"drop": ["Sessions"]}),
            ErrorKind::DanglingReference,
            "Attendance!A2",
            "session \"training\" is not in the sheet \"Sessions\" (it has none)",
        ),
    ];
    for (edits, kind, cell, words) in cases {
        let Some(e) = eval_error(edits.clone()) else {
            return;
        };
        assert_eq!(e.kind(), kind, "{edits}: {e}");
        if !cell.is_empty() {
            assert_eq!(at(&e), cell, "{edits}: {e}");
        }
        assert!(e.message().contains(words), "{edits}: {e}");
        assert!(e.to_string().starts_with("panel.xlsx"), "{e}");
    }
}

#[test]
fn weights_typed_as_percentages_are_read_as_the_per_cents_they_show() {
    // Excel keeps a cell typed "16%" as 0.16, formatted as a percentage, and no reader sees the
    // format. The example's weights: Q1 to Q7 16, 12, 14, 10, 8, 10, 10 (Criteria!C2:C8) and
    // price 20 (Settings!B9, the eighth setting), 100 in all.
    let percent = |sheet: &str, cell: &str, value: f64| json!({"sheet": sheet, "cell": cell, "value": value, "format": "0%"});
    let every: Vec<Value> = [0.16, 0.12, 0.14, 0.10, 0.08, 0.10, 0.10]
        .iter()
        .enumerate()
        .map(|(i, &w)| percent("Criteria", &format!("C{}", i + 2), w))
        .chain([percent("Settings", "B9", 0.2)])
        .collect();
    // Every weight so (fractions adding up to 1), or only Q1's (84.16 in all): either way the
    // first such cell, Q1's, is named with the per cent it shows and what to do (typing 16 into
    // a cell formatted as a percentage gives 0.16 again), and every other such cell is listed.
    let others = "; the same for Criteria!C3 (0.12: 12), Criteria!C4 (0.14: 14), Criteria!C5 (0.1: 10), Criteria!C6 (0.08: 8), Criteria!C7 (0.1: 10), Criteria!C8 (0.1: 10), Settings!B9 (0.2: 20)";
    for (cells, also) in [(every, others), (vec![percent("Criteria", "C2", 0.16)], "")] {
        let Some(e) = eval_error(json!({ "cells": cells })) else {
            return;
        };
        assert_eq!(e.kind(), ErrorKind::InvalidValue, "{e}");
        assert_eq!(at(&e), "Criteria!C2", "{e}");
        assert!(
            e.message()
                .starts_with("weight: 0.16 is 16% kept as a fraction"),
            "{e}"
        );
        let advice = format!("Format the weight cells as Number, then type 16{also}");
        assert!(e.message().ends_with(&advice), "{e}");
    }
    // 100% kept as 1 (a quality-only panel: Q1 100, the others and price 0) is the same mistake.
    let mut only_q1: Vec<Value> = (3..=8)
        .map(|r| json!({"sheet": "Criteria", "cell": format!("C{r}"), "value": 0}))
        .collect();
    only_q1.push(percent("Criteria", "C2", 1.0));
    only_q1.push(json!({"sheet": "Settings", "cell": "B9", "value": 0}));
    let Some(e) = eval_error(json!({ "cells": only_q1 })) else {
        return;
    };
    assert_eq!(at(&e), "Criteria!C2", "{e}");
    assert!(
        e.message()
            .starts_with("weight: 1 is 100% kept as a fraction"),
        "{e}"
    );
    // A negative weight makes the total wrong for another reason: no guess about fractions.
    let negative = json!({ "cells": [
        percent("Criteria", "C2", 0.16),
        {"sheet": "Criteria", "cell": "C3", "value": -12},
    ] });
    let Some(e) = eval_error(negative) else {
        return;
    };
    assert!(!e.message().contains("kept as a fraction"), "{e}");

    let doc = example("cyp-mental-health.evaluation.json");
    let imported = |cells: Value| {
        let mut spec = evaluation_fill(&doc);
        spec["cells"] = cells;
        let filled = fill(Template::Evaluation, &spec)?;
        Some(import_eval(&filled, Some(&doc["charter"])))
    };
    // Typed as text with its sign (a CSV, or a cell formatted as text): 16% is 16.
    let Some(read) = imported(json!([{"sheet": "Criteria", "cell": "C2", "text": "16%"}])) else {
        return;
    };
    assert_eq!(read.unwrap()["criteria"][0]["weight"], json!(16.0));
    // A fraction meant, in a total that is 100 (Q1 0.5 and Q2 27.5 for 16 and 12), stays.
    let Some(read) = imported(json!([
        {"sheet": "Criteria", "cell": "C2", "value": 0.5},
        {"sheet": "Criteria", "cell": "C3", "value": 27.5},
    ])) else {
        return;
    };
    assert_eq!(read.unwrap()["criteria"][0]["weight"], json!(0.5));
}

#[test]
fn a_workbook_says_which_document_it_sets_up() {
    for which in Template::ALL {
        let blank = template(which).unwrap();
        assert_eq!(engagekit::sheets::kind_of("f.xlsx", &blank).unwrap(), which);
    }
    let e = engagekit::sheets::kind_of("e1.xlsx", &scoresheet()).unwrap_err();
    assert!(
        e.message()
            .contains("no sheet \"Criteria\", \"Activities\", \"Results\""),
        "{e}"
    );
}

/// A score sheet: a workbook, but no set-up workbook.
fn scoresheet() -> Vec<u8> {
    let doc = example("cyp-mental-health.evaluation.json");
    let doc = engagekit::json::from_json(&doc.to_string()).unwrap();
    engagekit::evaluation::scoresheet_xlsx(&doc, "E1").unwrap()
}

#[test]
fn what_is_not_a_workbook_is_refused() {
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n".to_vec();
    let e = import_evaluation("panel.xlsx", &pdf, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert!(e.message().contains("not one"), "{e}");
    let blank = template(Template::Evaluation).unwrap();
    let e = import_evaluation("panel.xlsx", &blank[..blank.len() / 2], None).unwrap_err();
    assert!(
        e.message().contains("not a workbook that can be read"),
        "{e}"
    );
    // Blank as it comes: the first thing needed is the title, at its cell.
    let e = import_evaluation("panel.xlsx", &blank, None).unwrap_err();
    assert_eq!(
        (e.kind(), at(&e).as_str()),
        (ErrorKind::MissingField, "Settings!B2"),
        "{e}"
    );
}

#[test]
fn every_template_has_its_sheets_lists_and_messages() {
    let sheets = |which| {
        let bytes = template(which).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let mut all = String::new();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            if part.name().starts_with("xl/worksheets/") {
                part.read_to_string(&mut all).unwrap();
            }
        }
        (text, all)
    };
    let (book, parts) = sheets(Template::Evaluation);
    for name in [
        "About",
        "Settings",
        "Criteria",
        "Bids",
        "Panel",
        "Scores",
        "Consensus",
        "Payment rates",
        "Sessions",
        "Attendance",
        "Lists",
    ] {
        assert!(
            book.contains(&format!("name=\"{name}\"")),
            "{name} in {book}"
        );
    }
    // The Lists sheet is hidden; roles, key criteria and yes/no are drop-downs from it.
    assert!(
        book.contains("name=\"Lists\" sheetId=\"11\" state=\"hidden\""),
        "{book}"
    );
    assert!(parts.contains("type=\"list\""));
    assert!(
        parts.contains("Lists!$"),
        "drop-downs come from the Lists sheet"
    );
    assert!(parts.contains("promptTitle=\"role\""));
    assert!(parts.contains("promptTitle=\"unit\""));
    let (book, _) = sheets(Template::Timeline);
    for name in [
        "Settings",
        "Activities",
        "Pre-election periods",
        "Holiday periods",
    ] {
        assert!(
            book.contains(&format!("name=\"{name}\"")),
            "{name} in {book}"
        );
    }
    let (book, _) = sheets(Template::Monitoring);
    assert!(book.contains("name=\"Results\""));
}

#[test]
fn a_plan_typed_into_the_template_imports_as_the_json_example() {
    let doc = example("kent-medway-stroke.timeline.json");
    let activity: &[Typed] = &[
        ("id", "id", same),
        ("kind", "kind", same),
        ("title", "title", same),
        ("start", "start", date),
        ("end", "end", uk),
        ("venue", "venue", same),
        ("target", "target", same),
        ("comments by", "commentsBy", date),
        ("decision by", "decisionBy", uk),
    ];
    let period: &[Typed] = &[
        ("title", "title", same),
        ("start", "start", date),
        ("end", "end", date),
    ];
    let spec = json!({
        "settings": {
            "title": doc["title"], "substantial variation": "yes", "id": doc["id"],
            "organisations": joined(&doc["organisations"]),
        },
        "sheets": {
            "Activities": rows(&doc["activities"], activity),
            "Pre-election periods": rows(&doc["preElectionPeriods"], period),
        }
    });
    let Some(filled) = fill(Template::Timeline, &spec) else {
        return;
    };
    let imported =
        serde_json::to_value(import_timeline("plan.xlsx", &filled, None, None).unwrap()).unwrap();
    // What the workbook does not hold: responses counted so far.
    let mut expected = doc.clone();
    for a in expected["activities"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("responses");
    }
    assert_eq!(imported, expected);
}

#[test]
fn a_plans_activities_read_from_csv() {
    let csv = "id,kind,title,start,end,comments by,decision by\n\
               s1,scrutiny,Joint HOSC,2026-01-12,2026-01-12,2026-02-02,2026-06-30\n\
               c1,consultation,Public consultation,02/02/2026,2026-04-26,,\n";
    let plan = import_timeline(
        "plan.csv",
        csv.as_bytes(),
        Some("Stroke review"),
        Some(true),
    )
    .unwrap();
    assert_eq!(plan.title, "Stroke review");
    assert!(plan.substantial_variation);
    assert_eq!(plan.activities[1].start.to_string(), "2026-02-02");
    assert_eq!(
        plan.activities[0].decision_by.unwrap().to_string(),
        "2026-06-30"
    );
    // A bad date: the line and the column's header word.
    let bad = "id,kind,title,start,end\nc1,consultation,Consultation,2026-02-30,2026-04-26\n";
    let e = import_timeline("plan.csv", bad.as_bytes(), Some("T"), Some(true)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidDate);
    assert_eq!(e.path(), "plan.csv:2:start");
    assert!(e.message().contains("\"2026-02-30\""), "{e}");
    // An unknown kind, quoted, with the kinds listed.
    let bad = "id,kind,title,start,end\nc1,meeting,Consultation,2026-02-02,2026-04-26\n";
    let e = import_timeline("plan.csv", bad.as_bytes(), Some("T"), Some(true)).unwrap_err();
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::UnknownValue, "plan.csv:2:kind")
    );
    assert!(
        e.message()
            .contains("\"meeting\" is not a kind of activity"),
        "{e}"
    );
    // No title anywhere: named as the missing setting.
    let e = import_timeline("plan.csv", csv.as_bytes(), None, Some(true)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingField, "{e}");
    assert!(e.message().contains("title"), "{e}");
}

#[test]
fn a_providers_return_imports_as_the_json_example() {
    let doc = example("cyp-mental-health.monitoring.json");
    let result: &[Typed] = &[
        ("standard", "standard", same),
        ("measure", "measure", same),
        ("value", "value", same),
    ];
    let words = [
        "strongly disagree",
        "disagree",
        "not sure",
        "agree",
        "strongly agree",
    ];
    let results: Vec<Value> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut out = row(r, result);
            if let Some(counts) = r["counts"].as_array() {
                for (w, n) in words.iter().zip(counts) {
                    out[*w] = n.clone();
                }
            }
            out
        })
        .collect();
    let Some(filled) = fill(
        Template::Monitoring,
        &json!({"sheets": {"Results": results}}),
    ) else {
        return;
    };
    let charter = engagekit::json::from_json(&doc["charter"].to_string()).unwrap();
    let period = doc["period"].as_str().unwrap();
    let imported =
        serde_json::to_value(import_monitoring("return.xlsx", &filled, &charter, period).unwrap())
            .unwrap();
    // As documents (the charter's 90 is 90.0 once read): the return's results, the charter given
    // and the period.
    let typed = as_read::<engagekit::monitoring::Monitoring>(&doc);
    assert_eq!(imported["results"], typed["results"]);
    assert_eq!(imported["charter"], typed["charter"]);
    assert_eq!(imported["period"], typed["period"]);
    // A feedback row with one count left blank: named, not read as 0.
    let mut short = results.clone();
    let feedback = short.iter().position(|r| r.get("agree").is_some()).unwrap();
    short[feedback]
        .as_object_mut()
        .unwrap()
        .insert("not sure".into(), Value::Null);
    let Some(filled) = fill(Template::Monitoring, &json!({"sheets": {"Results": short}})) else {
        return;
    };
    let e = import_monitoring("return.xlsx", &filled, &charter, period).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingField);
    assert_eq!(at(&e), format!("Results!F{}", feedback + 2), "{e}");
    // A measure the charter does not declare: the area's own error, at its cell.
    let mut unknown = results.clone();
    unknown[0]["measure"] = json!("no-such-measure");
    let Some(filled) = fill(
        Template::Monitoring,
        &json!({"sheets": {"Results": unknown}}),
    ) else {
        return;
    };
    let e = import_monitoring("return.xlsx", &filled, &charter, period).unwrap_err();
    assert!(at(&e).starts_with("Results!"), "{e}");
    assert!(e.to_string().contains("no-such-measure"), "{e}");
}

/// A workbook's parts, but for the time it was written (docProps/core.xml): the same workbook
/// written a second later is the same.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut content = Vec::new();
        part.read_to_end(&mut content).unwrap();
        if part.name() != "docProps/core.xml" {
            out.push((part.name().to_string(), content));
        }
    }
    out
}

#[test]
fn the_cli_writes_templates_and_imports_them() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sheets-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_engagekit");
    let out = std::process::Command::new(bin)
        .args(["template", "evaluation", "--output"])
        .arg(dir.join("panel.xlsx"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let blank = std::fs::read(dir.join("panel.xlsx")).unwrap();
    assert_eq!(
        parts(&blank),
        parts(&template(Template::Evaluation).unwrap())
    );
    let out = std::process::Command::new(bin)
        .args(["import", "evaluation"])
        .arg(dir.join("panel.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("panel.xlsx:Settings!B2: \"title\" is blank"),
        "{stderr}"
    );
    // A filled one: the document on standard output, which `validate` reads.
    let doc = example("cyp-mental-health.evaluation.json");
    let Some(filled) = fill(Template::Evaluation, &evaluation_fill(&doc)) else {
        return;
    };
    std::fs::write(dir.join("filled.xlsx"), filled).unwrap();
    std::fs::write(dir.join("charter.json"), doc["charter"].to_string()).unwrap();
    let out = std::process::Command::new(bin)
        .args(["import", "evaluation"])
        .arg(dir.join("filled.xlsx"))
        .arg("--charter")
        .arg(dir.join("charter.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let imported: Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = as_read::<engagekit::evaluation::Evaluation>(&doc);
    assert_eq!(imported["criteria"], expected["criteria"]);
}

#[test]
fn csv_lines_are_counted_as_people_count_them_whatever_the_line_ends() {
    // A title over two lines (a quoted line break) on line 2; the bad date on line 4.
    let rows = [
        "id,kind,title,start,end",
        "e1,event,\"Drop-in,\nGillingham\",2026-02-10,2026-02-10",
        "c1,consultation,Consultation,2026-02-30,2026-04-26",
    ];
    for end in ["\n", "\r\n"] {
        let csv = rows.join(end) + end;
        let e = import_timeline("plan.csv", csv.as_bytes(), Some("T"), Some(true)).unwrap_err();
        assert_eq!(e.path(), "plan.csv:4:start", "line ends {end:?}: {e}");
    }
    // A score sheet, the same: line 3 holds the bad score, with LF or CRLF.
    let doc = example("cyp-mental-health.evaluation.json");
    let doc: engagekit::evaluation::Evaluation =
        engagekit::json::from_json(&doc.to_string()).unwrap();
    for end in ["\n", "\r\n"] {
        let sheet = [
            "evaluator,bid,criterion,score,rationale",
            "E1,B1,Q2,3,Fine",
            "E1,B1,Q3,nine,Too high",
        ]
        .join(end);
        let filled = [engagekit::evaluation::FilledSheet {
            name: "e1.csv".into(),
            text: sheet,
        }];
        let e = engagekit::evaluation::merge_scoresheets(&doc, &filled).unwrap_err();
        assert_eq!(e.path(), "e1.csv:3:score", "line ends {end:?}: {e}");
    }
}

// ---- a document as its filled workbook (sheets::workbook_of), and back ----------------------

/// The example without the fields the workbook has no column for.
fn without(mut doc: Value, fields: &[&str]) -> Value {
    for field in fields {
        doc.as_object_mut().unwrap().remove(*field);
    }
    doc
}

/// A timeline example without its responses counted so far (the workbook has no column for them).
fn plan_example(name: &str) -> Value {
    let mut doc = example(name);
    for a in doc["activities"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("responses");
    }
    doc
}

fn import_plan(bytes: &[u8]) -> Value {
    serde_json::to_value(import_timeline("plan.xlsx", bytes, None, None).unwrap()).unwrap()
}

fn import_return(bytes: &[u8], doc: &Value) -> Value {
    let charter = engagekit::json::from_json(&doc["charter"].to_string()).unwrap();
    let period = doc["period"].as_str().unwrap();
    serde_json::to_value(import_monitoring("return.xlsx", bytes, &charter, period).unwrap())
        .unwrap()
}

#[test]
fn every_example_comes_back_from_its_filled_workbook() {
    for name in [
        "kent-medway-stroke.timeline.json",
        "medway-community-services.timeline.json",
    ] {
        let doc = plan_example(name);
        let bytes = workbook_of(Template::Timeline, &doc).unwrap();
        assert_eq!(
            import_plan(&bytes),
            as_read::<engagekit::timeline::Timeline>(&doc),
            "{name}"
        );
    }
    // The evaluation whole, its payment policy and sessions too; the charter is given to the
    // import. The involvement payments are the JSON's.
    let doc = example("cyp-mental-health.evaluation.json");
    let bytes = workbook_of(Template::Evaluation, &doc).unwrap();
    let back = import_eval(&bytes, Some(&doc["charter"])).unwrap();
    assert_eq!(back, as_read::<engagekit::evaluation::Evaluation>(&doc));
    assert_eq!(payments_of(&back), payments_of(&doc));
    // Without its charter too: the criteria's charter standards are then not checked.
    let bare = without(doc, &["charter"]);
    let bytes = workbook_of(Template::Evaluation, &bare).unwrap();
    assert_eq!(
        import_eval(&bytes, None).unwrap(),
        as_read::<engagekit::evaluation::Evaluation>(&bare)
    );
    // Each quarter's return without its threshold and the period before; the charter and the
    // period are given to the import.
    for name in [
        "cyp-mental-health.monitoring.json",
        "cyp-mental-health.monitoring-2025-26-q2.json",
        "cyp-mental-health.monitoring-2025-26-q3.json",
        "cyp-mental-health.monitoring-2025-26-q4.json",
    ] {
        let doc = without(example(name), &["minimumCount", "previous"]);
        let bytes = workbook_of(Template::Monitoring, &doc).unwrap();
        assert_eq!(
            import_return(&bytes, &doc),
            as_read::<engagekit::monitoring::Monitoring>(&doc),
            "{name}"
        );
    }
}

#[test]
fn a_plans_own_holiday_periods_and_rules_come_back() {
    let mut doc = plan_example("kent-medway-stroke.timeline.json");
    doc["rules"] = json!({
        "minimumConsultationWeeks": 10,
        "holidayPeriods": [
            {"title": "Christmas and New Year", "start": "2017-12-22", "end": "2018-01-02"},
            {"title": "Easter", "start": "2018-03-30", "end": "2018-04-02"},
        ],
    });
    // A notification's recipient is its words in the workbook, its name in the document.
    doc["activities"].as_array_mut().unwrap().push(json!({
        "id": "notify", "kind": "notification", "title": "Notification of the reconfiguration",
        "start": "2019-02-15", "end": "2019-02-15", "recipient": "secretaryOfState",
    }));
    let bytes = workbook_of(Template::Timeline, &doc).unwrap();
    assert_eq!(
        import_plan(&bytes),
        as_read::<engagekit::timeline::Timeline>(&doc)
    );
}

/// The error `workbook_of` gives.
fn not_written(which: Template, doc: &Value) -> Error {
    workbook_of(which, doc).unwrap_err()
}

#[test]
fn what_the_workbook_cannot_carry_is_an_error_naming_the_field() {
    // The evaluation's payment policy with no rates: an empty Payment rates sheet gives none.
    let mut full = example("cyp-mental-health.evaluation.json");
    full["payments"] = json!({"rates": []});
    let e = not_written(Template::Evaluation, &full);
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::InvalidValue, "payments.rates"),
        "{e}"
    );
    assert!(e.message().contains("would be read back"), "{e}");
    // A plan's responses counted so far: the first activity with them (survey-2016, the 7th).
    let e = not_written(
        Template::Timeline,
        &example("kent-medway-stroke.timeline.json"),
    );
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::InvalidValue, "activities[6].responses"),
        "{e}"
    );
    // A return's threshold and the period before.
    let q2 = example("cyp-mental-health.monitoring-2025-26-q2.json");
    let e = not_written(Template::Monitoring, &q2);
    assert_eq!(e.path(), "minimumCount", "{e}");
    let e = not_written(Template::Monitoring, &without(q2, &["minimumCount"]));
    assert_eq!(e.path(), "previous", "{e}");
    // Values with a column that would read back otherwise.
    let plan = plan_example("kent-medway-stroke.timeline.json");
    type Edit = fn(&mut Value);
    let cases: [(Edit, &str); 3] = [
        // An empty list of holiday periods checks none; an empty sheet gives the defaults.
        (
            |d| d["rules"] = json!({"holidayPeriods": []}),
            "rules.holidayPeriods",
        ),
        // A blank cell reads as no venue.
        (
            |d| d["activities"][1]["venue"] = json!(""),
            "activities[1].venue",
        ),
        // A `;` in an item splits it in two.
        (
            |d| d["organisations"][0] = json!("NHS Ashford; Canterbury"),
            "organisations",
        ),
    ];
    for (edit, path) in cases {
        let mut doc = plan.clone();
        edit(&mut doc);
        let e = not_written(Template::Timeline, &doc);
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidValue, path), "{e}");
        assert!(e.message().contains("would be read back"), "{e}");
    }
    // Spaces around a text are no loss: the import trims them, as from a person's typing.
    let mut doc = plan.clone();
    doc["title"] = json!("  Stroke review ");
    let bytes = workbook_of(Template::Timeline, &doc).unwrap();
    assert_eq!(import_plan(&bytes)["title"], "Stroke review");
    // A document that is not valid is refused as every document is, at its path.
    let mut doc = plan;
    doc["activities"][0]["start"] = json!("2015-02-30");
    let e = not_written(Template::Timeline, &doc);
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::InvalidDate, "activities[0].start"),
        "{e}"
    );
    let e = not_written(Template::Evaluation, &doc);
    assert_eq!(e.kind(), ErrorKind::WrongSchema, "{e}");
}

/// The document's workbook, its sheets as openpyxl reads them (tests/data/read_workbook.py);
/// None without openpyxl.
fn read_back(which: Template, doc: &Value) -> Option<Value> {
    let bytes = workbook_of(which, doc).unwrap();
    let json = common::fill_with_openpyxl("read_workbook.py", &bytes, &json!({}))?;
    Some(serde_json::from_slice(&json).unwrap())
}

/// Each cell's value as openpyxl reads it, and whether it is a date cell.
fn cells_are(book: &Value, expected: &[(&str, &str, (Value, bool))]) {
    for (sheet, cell, value) in expected {
        assert_eq!(&shown(book, sheet, cell), value, "{sheet}!{cell}");
    }
}

/// A text cell's expected value; [`day`], a date cell's.
fn text(v: &str) -> (Value, bool) {
    (json!(v), false)
}

fn day(v: &str) -> (Value, bool) {
    (json!(v), true)
}

/// A cell as openpyxl reads it: its value, and whether it is a date cell.
fn shown(book: &Value, sheet: &str, cell: &str) -> (Value, bool) {
    let c = &book[sheet]["cells"][cell];
    (c["value"].clone(), c["date"] == json!(true))
}

#[test]
fn a_plans_workbook_shows_a_person_what_the_plan_says() {
    // Written from kent-medway-stroke.timeline.json (its responses aside).
    let plan = plan_example("kent-medway-stroke.timeline.json");
    let Some(book) = read_back(Template::Timeline, &plan) else {
        return;
    };
    let first = "Engagement on the case for change with stroke clinicians, patients and the public";
    cells_are(
        &book,
        &[
            // Settings: title, substantial variation, minimum consultation weeks, id.
            (
                "Settings",
                "B2",
                text("Kent and Medway stroke services review"),
            ),
            ("Settings", "B3", text("yes")),
            ("Settings", "B4", (Value::Null, false)),
            ("Settings", "B5", text("kent-medway-stroke")),
            // Activities: id, kind, title, start, end, venue, target, comments by, decision by.
            ("Activities", "A2", text("case-for-change")),
            ("Activities", "B2", text("engagement")),
            ("Activities", "C2", text(first)),
            ("Activities", "D2", day("2015-11-02")),
            ("Activities", "E2", day("2016-08-31")),
            (
                "Activities",
                "F3",
                text("Ashford Gateway Plus, Church Road, Ashford"),
            ),
            ("Activities", "G3", (json!(40), false)),
            // The first scrutiny (jhosc-2016, row 9): comments by and decision by.
            ("Activities", "H9", day("2017-01-31")),
            ("Activities", "I9", day("2019-02-14")),
            ("Pre-election periods", "B2", day("2018-03-26")),
            ("About", "A1", text("engagekit: a consultation plan")),
        ],
    );
    let organisations = shown(&book, "Settings", "B6").0;
    let organisations = organisations.as_str().unwrap();
    assert!(organisations.starts_with("NHS Ashford CCG; NHS Canterbury and Coastal CCG; "));
    assert_eq!(book["Activities"]["cells"]["D2"]["format"], "dd/mm/yyyy");
    // The template's drop-downs and input messages are there, and its hidden Lists sheet.
    let kinds = book["Activities"]["validations"].as_array().unwrap();
    let kind = |v: &&Value| v["range"] == "B2:B501" && v["type"] == "list" && v["title"] == "kind";
    assert!(kinds.iter().any(|v| kind(&v)), "{kinds:?}");
    assert_eq!(book["Lists"]["state"], "hidden");
}

#[test]
fn a_panels_workbook_shows_roles_and_yes_or_no_in_words() {
    // Written from cyp-mental-health.evaluation.json.
    let panel = example("cyp-mental-health.evaluation.json");
    let Some(book) = read_back(Template::Evaluation, &panel) else {
        return;
    };
    let labels = "Unacceptable; Poor; Satisfactory; Good; Excellent";
    cells_are(
        &book,
        &[
            // Panel: id, name, role, conflicts, training completed, under 18, chaperone,
            // conflict decision, conflict decided by, conflict decision date, declines payment.
            ("Panel", "A2", text("E1")),
            ("Panel", "C2", text("young person")),
            ("Panel", "E2", day("2024-09-17")),
            ("Panel", "F2", text("yes")),
            ("Panel", "G2", text("Rachel Dunn, participation worker")),
            ("Panel", "F3", text("no")),
            ("Panel", "C4", text("parent representative")),
            ("Panel", "D5", text("B2")),
            ("Panel", "I5", text("ICB Conflicts of Interest Guardian")),
            ("Panel", "J5", day("2024-09-20")),
            ("Panel", "K5", text("yes")),
            ("Panel", "C6", text("clinician")),
            // Criteria: id, title, weight, minimum score, scored by, charter standards, key
            // criterion; Bids: id, bidder, price.
            ("Criteria", "C2", (json!(16), false)),
            (
                "Criteria",
                "E3",
                text("young person; parent representative; commissioner"),
            ),
            ("Criteria", "F4", text("PC2; PC3; PC7")),
            ("Bids", "C5", (json!(21987500), false)),
            // Settings: title, stage, regime, psr process, award notice date, scale max, labels.
            ("Settings", "B4", text("Provider Selection Regime")),
            (
                "Settings",
                "B5",
                text("the Competitive Process (regulation 11)"),
            ),
            ("Settings", "B6", day("2024-12-02")),
            ("Settings", "B8", text(labels)),
            // Consensus: the one score agreed at moderation.
            ("Consensus", "A2", text("B3")),
            ("Consensus", "C2", (json!(3), false)),
            // The payments: the currency (the 15th setting), the rates (role, unit, amount),
            // the sessions (id, date, title, unit, length) and a row per member per session
            // (session, member, expenses): the training's 8 rows, then the scoring's 4.
            ("Settings", "B16", text("GBP")),
            ("Payment rates", "A2", text("young person")),
            ("Payment rates", "B2", text("half day")),
            ("Payment rates", "C2", (json!(40), false)),
            ("Payment rates", "A4", text("parent representative")),
            ("Payment rates", "C5", (json!(150), false)),
            ("Sessions", "A2", text("training")),
            ("Sessions", "B2", day("2024-09-17")),
            ("Sessions", "D3", text("half day")),
            ("Sessions", "E3", (json!(2), false)),
            ("Sessions", "D4", text("day")),
            ("Attendance", "A2", text("training")),
            ("Attendance", "B2", text("E1")),
            ("Attendance", "C2", (json!(6.8), false)),
            ("Attendance", "C5", (Value::Null, false)),
            ("Attendance", "A10", text("scoring")),
            ("Attendance", "B13", text("E4")),
            ("Attendance", "C13", (json!(22.5), false)),
            ("Attendance", "A14", text("moderation")),
        ],
    );
}

#[test]
fn a_returns_workbook_shows_each_measures_value_or_counts() {
    // The KPIs' values, and the feedback measure's five counts beside its measure.
    let q2 = example("cyp-mental-health.monitoring-2025-26-q2.json");
    let Some(book) = read_back(
        Template::Monitoring,
        &without(q2, &["minimumCount", "previous"]),
    ) else {
        return;
    };
    let counted: Vec<(Value, bool)> = [1, 2, 4, 20, 25].map(|n| (json!(n), false)).into();
    assert_eq!(shown(&book, "Results", "B2"), text("seen-within-4-weeks"));
    assert_eq!(shown(&book, "Results", "C2"), (json!(88.9), false));
    assert_eq!(shown(&book, "Results", "B4"), text("explained-clearly"));
    let row4: Vec<(Value, bool)> = ["D4", "E4", "F4", "G4", "H4"]
        .iter()
        .map(|cell| shown(&book, "Results", cell))
        .collect();
    assert_eq!(row4, counted);
}

#[test]
fn the_cli_writes_a_documents_filled_workbook() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sheets-cli-from");
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_engagekit");
    // `engagekit template timeline --from NAME.json --output NAME.xlsx`.
    let written = |name: &str, doc: &Value| {
        std::fs::write(dir.join(format!("{name}.json")), doc.to_string()).unwrap();
        let out = std::process::Command::new(bin)
            .args(["template", "timeline", "--from"])
            .arg(dir.join(format!("{name}.json")))
            .arg("--output")
            .arg(dir.join(format!("{name}.xlsx")))
            .output()
            .unwrap();
        (out, dir.join(format!("{name}.xlsx")))
    };
    let doc = plan_example("medway-community-services.timeline.json");
    let (out, xlsx) = written("plan", &doc);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let expected = as_read::<engagekit::timeline::Timeline>(&doc);
    assert_eq!(import_plan(&std::fs::read(&xlsx).unwrap()), expected);
    // `import` reads it back into the same document.
    let out = std::process::Command::new(bin)
        .args(["import", "timeline"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        expected
    );
    // What the workbook cannot carry: exit 2, the file and the field named, nothing written.
    let (out, xlsx) = written(
        "counted",
        &example("medway-community-services.timeline.json"),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let said = "counted.json: activities[1].responses: the set-up workbook has no place";
    assert!(stderr.contains(said), "{stderr}");
    assert!(!xlsx.exists());
}
