//! The module graph runs one way (STYLE.md, "One-way imports"): a module never uses one that uses
//! it back, and shared checks sit in a leaf. Every file of src/ is read, each reference it makes
//! to another top-level module is collected (`crate::x` in `use` statements and in code, and a
//! `super::` that climbs to the crate root), and a cycle in the graph of top-level modules fails
//! with the cycle and the file and line of each of its edges. Comments, doc comments (doc links
//! such as [`crate::catalogue`] included) and string literals are not references. `lib.rs` and
//! `bin/` are the root, above every module; submodules of one area using each other are that
//! area's own business.
//!
//! `cargo test --test modules -- --nocapture the_module_graph` prints the graph, bottom-up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;
use common::rust_files;

/// Where a reference is: the file (from the crate's directory) and its 1-based line.
type Site = (String, usize);

/// Each top-level module, what it uses and where.
type Graph = BTreeMap<String, BTreeMap<String, Vec<Site>>>;

/// How many cycles are listed at most (the graph is small: this only bounds a pathological one).
const MAX_CYCLES: usize = 200;

/// The text with every comment and the inside of every string and character literal blanked
/// (newlines kept, so that lines still count), leaving code only.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest in Rust.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && !after_ident {
            // A raw string (r"..", r#".."#, br".."), or an identifier starting with r.
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let closes =
                |k: usize| chars[k] == '"' && (1..=hashes).all(|h| chars.get(k + h) == Some(&'#'));
            out.push_str(&" ".repeat(j + 1 - i));
            i = j + 1;
            while i < chars.len() && !closes(i) {
                out.push(blank(chars[i]));
                i += 1;
            }
            let end = (i + 1 + hashes).min(chars.len());
            out.push_str(&" ".repeat(end - i));
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\'', '\u{feff}'); otherwise a lifetime ('a).
            let mut j = if next == Some('\\') { i + 3 } else { i + 2 };
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            let end = (j + 1).min(chars.len());
            out.push_str(&" ".repeat(end - i));
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A token of code: an identifier or keyword, `::`, or one punctuation character.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Colons,
    Punct(char),
}

/// The tokens of code (from [`code_only`]), each with its 1-based line.
fn tokens(code: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Token::Word(chars[start..i].iter().collect()), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push((Token::Colons, line));
            i += 2;
        } else {
            out.push((Token::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// The first segments a path names from `at` (the token after `crate::`): `x` for `x::y`, and
/// `a`, `b` for `{a::c, b}`.
fn first_segments(tokens: &[(Token, usize)], at: usize) -> Vec<String> {
    match tokens.get(at) {
        Some((Token::Word(w), _)) => vec![w.clone()],
        Some((Token::Punct('{'), _)) => {
            let mut names = Vec::new();
            let mut depth = 0;
            let mut item_start = true;
            for (token, _) in &tokens[at..] {
                match token {
                    Token::Punct('{') => {
                        depth += 1;
                        item_start = depth == 1;
                    }
                    Token::Punct('}') => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Token::Punct(',') if depth == 1 => item_start = true,
                    Token::Word(w) if depth == 1 && item_start => {
                        names.push(w.clone());
                        item_start = false;
                    }
                    _ => {}
                }
            }
            names
        }
        _ => Vec::new(),
    }
}

/// The names of the crate root this code refers to, with their lines: `crate::x`, and
/// `super::x` where the `super`s climb from a module `depth` deep (1 for src/json.rs and
/// src/charter/mod.rs, 2 for src/charter/journey.rs; inline `mod x { .. }` blocks add one).
fn root_references(code: &str, depth: usize) -> Vec<(String, usize)> {
    let tokens = tokens(code);
    let mut found = Vec::new();
    // The brace depths at which inline modules were opened.
    let mut inline_mods: Vec<usize> = Vec::new();
    let mut braces = 0;
    for k in 0..tokens.len() {
        let (token, line) = &tokens[k];
        let word = |i: usize| match tokens.get(i) {
            Some((Token::Word(w), _)) => Some(w.as_str()),
            _ => None,
        };
        let colons = |i: usize| matches!(tokens.get(i), Some((Token::Colons, _)));
        // A path's first segment: not after `::`, nor `$crate` in a macro.
        let starts_path = k == 0 || !matches!(tokens[k - 1].0, Token::Colons | Token::Punct('$'));
        match token {
            Token::Punct('{') => {
                braces += 1;
                if k >= 2 && word(k - 2) == Some("mod") && word(k - 1).is_some() {
                    inline_mods.push(braces);
                }
            }
            Token::Punct('}') => {
                if inline_mods.last() == Some(&braces) {
                    inline_mods.pop();
                }
                braces -= 1;
            }
            Token::Word(w) if w == "crate" && starts_path && colons(k + 1) => {
                for name in first_segments(&tokens, k + 2) {
                    found.push((name, *line));
                }
            }
            Token::Word(w) if w == "super" && starts_path => {
                let mut climbs = 0;
                let mut at = k;
                while word(at) == Some("super") && colons(at + 1) {
                    climbs += 1;
                    at += 2;
                }
                if climbs > 0 && climbs == depth + inline_mods.len() {
                    for name in first_segments(&tokens, at) {
                        found.push((name, *line));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The crate's modules as lib.rs declares them (in its order), and what each name lib.rs
/// re-exports (`pub use calendar::Date`) comes from.
fn root(lib: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let tokens = tokens(&code_only(lib));
    let word = |i: usize| match tokens.get(i) {
        Some((Token::Word(w), _)) => Some(w.clone()),
        _ => None,
    };
    let mut modules = Vec::new();
    let mut exports = BTreeMap::new();
    for k in 0..tokens.len() {
        if word(k).as_deref() == Some("mod")
            && tokens.get(k + 2).map(|t| &t.0) == Some(&Token::Punct(';'))
        {
            modules.extend(word(k + 1));
        }
        if word(k).as_deref() == Some("use") {
            let Some(module) = word(k + 1) else { continue };
            if tokens.get(k + 2).map(|t| &t.0) != Some(&Token::Colons) {
                continue;
            }
            // Every name up to the `;`: the last word of each item (`x as y` exports y).
            let mut i = k + 3;
            let mut last = None;
            while let Some((token, _)) = tokens.get(i) {
                match token {
                    Token::Word(w) => last = Some(w.clone()),
                    Token::Punct(',' | '}' | ';') => {
                        if let Some(name) = last.take() {
                            exports.insert(name, module.clone());
                        }
                        if *token == Token::Punct(';') {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
    }
    (modules, exports)
}

/// The graph of the crate's top-level modules, in lib.rs's order, read from the source.
/// Fails on a reference it cannot place.
fn module_graph() -> (Vec<String>, Graph) {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = crate_dir.join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let (modules, exports) = root(&lib);
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();
    let mut unplaced = Vec::new();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    for file in files {
        let relative = file.strip_prefix(&src).expect("a file under src/");
        let parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts == ["lib.rs"] || parts[0] == "bin" {
            continue; // the root, above every module
        }
        let module = parts[0].trim_end_matches(".rs").to_string();
        let shown = format!("src/{}", parts.join("/"));
        assert!(
            modules.contains(&module),
            "{shown} belongs to no module that src/lib.rs declares"
        );
        // src/x.rs and src/x/mod.rs are 1 deep, src/x/y.rs 2.
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod.rs"));
        let text = std::fs::read_to_string(&file).expect("a source file");
        for (name, line) in root_references(&code_only(&text), depth) {
            let used = if modules.contains(&name) {
                name.clone()
            } else if let Some(m) = exports.get(&name) {
                m.clone()
            } else {
                unplaced.push(format!("{shown}:{line}: crate::{name}"));
                continue;
            };
            if used != module {
                graph
                    .entry(module.clone())
                    .or_default()
                    .entry(used)
                    .or_default()
                    .push((shown.clone(), line));
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "references to names that are neither a module nor a re-export of src/lib.rs:\n{}",
        unplaced.join("\n")
    );
    (modules, graph)
}

/// Every elementary cycle of a directed graph, each once, starting from its smallest node
/// (at most [`MAX_CYCLES`]).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn walk(
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) {
        let start = path[0].clone();
        let last = path[path.len() - 1].clone();
        for next in edges.get(&last).into_iter().flatten() {
            if out.len() >= MAX_CYCLES {
                return;
            }
            if *next == start {
                out.push(path.clone());
            } else if *next > start && !path.contains(next) {
                path.push(next.clone());
                walk(edges, path, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    for start in edges.keys() {
        walk(edges, &mut vec![start.clone()], &mut out);
    }
    out
}

fn edges(graph: &Graph) -> BTreeMap<String, BTreeSet<String>> {
    graph
        .iter()
        .map(|(m, uses)| (m.clone(), uses.keys().cloned().collect()))
        .collect()
}

/// The graph as a list, one module a line in lib.rs's order: `calendar -> error, json, order`.
fn listing(modules: &[String], graph: &Graph) -> String {
    modules
        .iter()
        .map(|m| {
            let uses: Vec<&str> = graph[m].keys().map(String::as_str).collect();
            if uses.is_empty() {
                format!("{m} -> (nothing)")
            } else {
                format!("{m} -> {}", uses.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cycles, one a line, then each edge they take, once, with where it is made (a few sites an
/// edge): the edges to cut.
fn describe(found: &[Vec<String>], graph: &Graph) -> String {
    let mut out = String::new();
    let mut taken = BTreeSet::new();
    for cycle in found {
        out.push_str(&format!("{} -> {}\n", cycle.join(" -> "), cycle[0]));
        for (i, from) in cycle.iter().enumerate() {
            taken.insert((from.clone(), cycle[(i + 1) % cycle.len()].clone()));
        }
    }
    out.push_str("\nTheir edges:\n");
    for (from, to) in taken {
        let sites = &graph[&from][&to];
        let shown: Vec<String> = sites
            .iter()
            .take(4)
            .map(|(file, line)| format!("{file}:{line}"))
            .collect();
        let more = if sites.len() > 4 {
            format!(" and {} more", sites.len() - 4)
        } else {
            String::new()
        };
        out.push_str(&format!("    {from} -> {to}: {}{more}\n", shown.join(", ")));
    }
    out
}

#[test]
fn no_module_uses_one_that_uses_it_back() {
    let (modules, graph) = module_graph();
    let found = cycles(&edges(&graph));
    assert!(
        found.is_empty(),
        "{} import cycles between top-level modules:\n\n{}\nThe module graph (module -> what it uses):\n{}",
        found.len(),
        describe(&found, &graph),
        listing(&modules, &graph)
    );
}

/// lib.rs reads bottom-up: each module is declared after every module it uses.
#[test]
fn lib_rs_declares_the_modules_bottom_up() {
    let (modules, graph) = module_graph();
    let mut late = Vec::new();
    for (i, m) in modules.iter().enumerate() {
        for used in graph[m].keys() {
            if modules.iter().position(|x| x == used) > Some(i) {
                let (file, line) = &graph[m][used][0];
                late.push(format!(
                    "{m} uses {used}, declared after it ({file}:{line})"
                ));
            }
        }
    }
    assert!(
        late.is_empty(),
        "src/lib.rs must declare leaves first:\n{}\n\nThe module graph:\n{}",
        late.join("\n"),
        listing(&modules, &graph)
    );
}

/// Prints the module graph, bottom-up, for the architecture's notes:
/// `cargo test --test modules -- --nocapture the_module_graph`.
#[test]
fn the_module_graph() {
    let (modules, graph) = module_graph();
    println!("{}", listing(&modules, &graph));
}

#[test]
fn cycle_finder_on_a_hand_made_graph() {
    let graph = |pairs: &[(&str, &str)]| {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in pairs {
            edges
                .entry(from.to_string())
                .or_default()
                .insert(to.to_string());
            edges.entry(to.to_string()).or_default();
        }
        edges
    };
    let names = |found: Vec<Vec<String>>| -> Vec<String> {
        found.into_iter().map(|c| c.join(" -> ")).collect()
    };
    // A chain and a diamond have none.
    assert!(cycles(&graph(&[("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])).is_empty());
    // Two cycles sharing an edge, each once, from its smallest node; the tail d is no part.
    assert_eq!(
        names(cycles(&graph(&[
            ("calendar", "json"),
            ("json", "document"),
            ("document", "timeline"),
            ("timeline", "calendar"),
            ("document", "calendar"),
            ("timeline", "d"),
        ]))),
        [
            "calendar -> json -> document",
            "calendar -> json -> document -> timeline",
        ]
    );
    // Two modules using each other.
    assert_eq!(names(cycles(&graph(&[("x", "y"), ("y", "x")]))), ["x -> y"]);
}

#[test]
fn only_code_refers_to_modules() {
    let text = r##"//! Gathered by [`crate::catalogue`].
use crate::{calendar::Date, error::{Error, Result}};
/// See [`crate::json::from_json`] and /* crate::render */ too.
fn f<'a>(x: &'a str) -> crate::Result<()> {
    let s = "crate::report \" crate::charter";
    let r = r#"crate::timeline "quoted" crate::timeline"#;
    let c = '"'; let q = '\''; // crate::monitoring
    /* nested /* crate::find */ crate::order */
    crate::order::sort_by(&mut v, Ord::cmp);
    macro_rules! m { () => { $crate::wasm } }
    Ok(())
}
mod tests {
    use super::super::find;
    use super::f;
}
"##;
    let found: Vec<(String, usize)> = root_references(&code_only(text), 1);
    let expected = [
        ("calendar", 2),
        ("error", 2),
        ("Result", 4),
        ("order", 9),
        ("find", 14),
    ];
    assert_eq!(
        found,
        expected.map(|(n, l)| (n.to_string(), l)).to_vec(),
        "references in comments, doc links and string literals are not imports"
    );
    // From src/x/y.rs, super::super climbs to the root.
    assert_eq!(
        root_references("use super::super::journey::f; use super::g;", 2),
        [("journey".to_string(), 1)]
    );
}
