//! The rule catalogue: one entry per code, each with a source, every code the checks can emit
//! declared in it, and docs/rules.md generated from it.

use std::collections::BTreeSet;
use std::path::Path;

use engagekit::catalogue;
use engagekit::SourceKind;

mod common;
use common::rust_files;

/// The codes of every `Rule { code: "..." ... }` written in src/, found by reading the source:
/// a rule declared but left out of its area's list would be emitted and never documented.
fn declared_codes() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut codes = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("a source file");
        for (i, _) in text.match_indices("Rule {") {
            let rest = &text[i..];
            let Some(at) = rest.find("code: \"") else {
                continue;
            };
            // Only a literal's own first field: the struct declaration has `code: &'static str`.
            if rest[..at].contains('}') || rest[..at].contains(';') {
                continue;
            }
            let start = at + "code: \"".len();
            let end = rest[start..].find('"').expect("a closing quote") + start;
            codes.insert(rest[start..end].to_string());
        }
    }
    codes
}

#[test]
fn every_declared_rule_is_in_the_catalogue_once() {
    let listed: Vec<&str> = catalogue::rules().iter().map(|r| r.code).collect();
    let unique: BTreeSet<String> = listed.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "a code is listed twice: {listed:?}"
    );
    assert_eq!(
        unique,
        declared_codes(),
        "declared in src/ but not in an area's RULES, or the other way"
    );
}

#[test]
fn every_rule_says_what_it_is_where_it_comes_from_and_what_to_do() {
    for r in catalogue::rules() {
        assert!(
            r.code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}: codes are kebab-case",
            r.code
        );
        assert!(
            r.rule.ends_with('.') && r.rule.len() > 20,
            "{}: the rule as a sentence",
            r.code
        );
        assert!(
            r.help.ends_with('.') && r.help.len() > 10,
            "{}: help as a sentence",
            r.code
        );
        assert!(!r.source.title.is_empty(), "{}: a source title", r.code);
        if matches!(
            r.source.kind,
            SourceKind::Law | SourceKind::StatutoryGuidance | SourceKind::Guidance
        ) {
            assert!(
                r.source.url.starts_with("https://"),
                "{}: a law or guidance has its address",
                r.code
            );
            assert!(
                !r.source.cited_as.is_empty(),
                "{}: messages name an authority",
                r.code
            );
        }
        if r.source.kind == SourceKind::Law {
            assert!(
                !r.source.citation.is_empty(),
                "{}: law is cited by section or regulation",
                r.code
            );
        }
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let fresh = catalogue::to_markdown();
    if std::env::var_os("ENGAGEKIT_WRITE_DOCS").is_some() {
        std::fs::write(&path, &fresh).expect("docs/rules.md is writable");
    }
    let on_disk = std::fs::read_to_string(&path).expect("docs/rules.md");
    assert!(
        on_disk == fresh,
        "docs/rules.md is stale: run `ENGAGEKIT_WRITE_DOCS=1 cargo test --test catalogue` (or `engagekit rules --markdown > docs/rules.md`)"
    );
}

/// The things a finding can concern are SCHEMAS.md's keys, each declared by its area, written in
/// SCHEMAS.md's order whatever order a check adds them in, and read back the same.
#[test]
fn finding_labels_are_schemas_keys_in_order() {
    use engagekit::catalogue::LABEL_KINDS;
    use engagekit::{charter, evaluation, report, timeline, Diagnostic};
    let keys: Vec<&str> = LABEL_KINDS.iter().map(|k| k.key()).collect();
    assert_eq!(
        keys,
        [
            "bid",
            "criterion",
            "evaluator",
            "activity",
            "standard",
            "measure",
            "line",
            "section",
            "question",
            "option",
            "theme",
            "item"
        ]
    );
    assert!(
        LABEL_KINDS.windows(2).all(|w| w[0] < w[1]),
        "each kind has its own place"
    );
    let rule = engagekit::catalogue::rule("divergent-scores").unwrap();
    // Added evaluator first, then bid, then criterion; a second bid replaces the first.
    let d = Diagnostic::new(rule, "spread")
        .label(evaluation::EVALUATOR, "E1")
        .label(evaluation::BID, "B9")
        .label(evaluation::CRITERION, "Q2")
        .label(evaluation::BID, "B1");
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(
        text,
        r#"{"code":"divergent-scores","severity":"warning","message":"spread","bid":"B1","criterion":"Q2","evaluator":"E1"}"#
    );
    assert_eq!(serde_json::from_str::<Diagnostic>(&text).unwrap(), d);
    assert_eq!(
        (d.id(evaluation::BID), d.id(timeline::ACTIVITY)),
        (Some("B1"), None)
    );
    let at = Diagnostic::new(rule, "x")
        .label(report::SECTION, "2.1")
        .at(report::LINE, 12)
        .label(charter::STANDARD, "PC1");
    assert_eq!(
        serde_json::to_string(&at).unwrap(),
        r#"{"code":"divergent-scores","severity":"warning","message":"x","standard":"PC1","line":12,"section":"2.1"}"#
    );
    assert_eq!(at.number(report::LINE), Some(12));
    let err = serde_json::from_str::<Diagnostic>(
        r#"{"code":"x","severity":"info","message":"m","bidd":"B1"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("unknown field `bidd`"), "{err}");
    assert!(serde_json::from_str::<Diagnostic>(r#"{"code":"x","severity":"info"}"#).is_err());
}
