//! Helpers shared by the tests that read the crate's own source (`mod common;`).

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
#[allow(dead_code)]
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A workbook filled by an independent writer: `script` (under tests/data/, using openpyxl) run
/// on `xlsx` with `edits` as its JSON argument. None, with a SKIPPED line, when python3 or
/// openpyxl is missing, except under `make test` (scripts/test.sh installs openpyxl and sets
/// ENGAGEKIT_REQUIRE_OPENPYXL), where that fails the test.
#[allow(dead_code)]
pub fn fill_with_openpyxl(script: &str, xlsx: &[u8], edits: &serde_json::Value) -> Option<Vec<u8>> {
    use std::hash::{Hash, Hasher};
    let mut hash = std::collections::hash_map::DefaultHasher::new();
    edits.to_string().hash(&mut hash);
    std::thread::current().id().hash(&mut hash);
    let id = format!("{}-{:x}", std::process::id(), hash.finish());
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let (input, output) = (
        dir.join(format!("in-{id}.xlsx")),
        dir.join(format!("out-{id}.xlsx")),
    );
    std::fs::write(&input, xlsx).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(script);
    let run = std::process::Command::new("python3")
        .arg(&script)
        .arg(&input)
        .arg(&output)
        .arg(edits.to_string())
        .output();
    let required = std::env::var_os("ENGAGEKIT_REQUIRE_OPENPYXL").is_some();
    let out = match run {
        Ok(out) => out,
        Err(e) => {
            assert!(!required, "python3 cannot run ({e})");
            eprintln!("SKIPPED: python3 cannot run ({e}); install it and `pip install openpyxl`");
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'openpyxl'") {
        assert!(
            !required,
            "openpyxl is missing: scripts/setup.sh installs it"
        );
        eprintln!("SKIPPED: openpyxl is missing: `pip install openpyxl`");
        return None;
    }
    assert!(out.status.success(), "{}: {stderr}", script.display());
    let bytes = std::fs::read(&output).unwrap();
    let _ = std::fs::remove_file(input);
    let _ = std::fs::remove_file(output);
    Some(bytes)
}
