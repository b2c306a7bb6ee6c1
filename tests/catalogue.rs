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
