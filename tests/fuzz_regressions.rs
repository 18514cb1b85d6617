//! Every file of fixtures/fuzz/TARGET/ (minimized fuzzer findings, and a few seeds) goes
//! through the same call as that cargo-fuzz target (fuzz/src/lib.rs), on stable: it must
//! return, Ok or Err, without a panic and in reasonable time. CI runs this, not the fuzzers.

use kouteihyo::output::{render, Format};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz")
}

/// A finding that was a timeout must now be fast; this is far above any fixture's time.
const LIMIT: Duration = Duration::from_secs(60);

fn looks_like_pdf(data: &[u8]) -> bool {
    kouteihyo::pdf::is_pdf(data)
}

/// `convert_pdf` and `convert_dump`: bytes → edition → JSON that validates.
fn convert(name: &str, data: &[u8]) {
    if let Ok(ed) = kouteihyo::input::convert_bytes(name, data) {
        if let Err(e) = render(&ed, Format::Json) {
            panic!("an edition read from {name} does not validate: {e}");
        }
    }
}

/// `fragments`: the field parser and the bullet splitter give trimmed, non-empty items.
fn fragments(data: &[u8]) {
    let Ok(field) = std::str::from_utf8(data) else {
        return;
    };
    let f = kouteihyo::dump::fragments::parse_field(field);
    for item in &f.items {
        assert!(!item.is_empty() && item.trim() == item, "item {item:?}");
    }
    for piece in kouteihyo::dump::fragments::split_bullets(field) {
        assert!(
            !piece.is_empty() && piece.trim() == piece,
            "piece {piece:?}"
        );
    }
}

/// `decode`: whatever decodes has its line endings normalised.
fn decode(data: &[u8]) {
    if let Ok(d) = kouteihyo::decode::decode(data) {
        assert!(
            !d.text.contains('\r'),
            "line endings left after normalisation"
        );
    }
}

fn run_target(target: &str, data: &[u8]) {
    match target {
        "convert_pdf" if looks_like_pdf(data) => convert("fuzz.pdf", data),
        "convert_dump" if !looks_like_pdf(data) => convert("fuzz.txt", data),
        "convert_pdf" | "convert_dump" => {}
        "fragments" => fragments(data),
        "decode" => decode(data),
        other => panic!("fixtures/fuzz/{other}/: no such fuzz target"),
    }
}

fn files(target: &str) -> Vec<PathBuf> {
    let dir = root().join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    v.sort();
    v
}

/// Replays every file of one target's folder; lists every failure, not just the first.
fn replay(target: &str) {
    let files = files(target);
    assert!(
        files.iter().any(|p| p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("seed-"))),
        "fixtures/fuzz/{target}/ keeps at least one seed- file, so this test always runs something"
    );
    let mut failures = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| run_target(target, &data)));
        let took = start.elapsed();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match result {
            Err(p) => {
                let msg = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name}: panicked: {msg}"));
            }
            Ok(()) if took > LIMIT => failures.push(format!("{name}: took {took:?}")),
            Ok(()) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures/fuzz/{target}/:\n{}",
        failures.join("\n")
    );
}

#[test]
fn convert_pdf_findings() {
    replay("convert_pdf");
}

#[test]
fn convert_dump_findings() {
    replay("convert_dump");
}

#[test]
fn fragments_findings() {
    replay("fragments");
}

#[test]
fn decode_findings() {
    replay("decode");
}

/// Every folder of fixtures/fuzz/ is a target replayed above (a typo would be skipped silently).
#[test]
fn every_folder_is_a_target() {
    let known = ["convert_pdf", "convert_dump", "fragments", "decode"];
    for e in std::fs::read_dir(root()).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                known.contains(&name.as_str()),
                "fixtures/fuzz/{name}/ is no target"
            );
        }
    }
}

/// The seeds do reach the code they are for: the minimal PDF and the tiny dump convert or
/// fail with a reason of their front-end, the seed list field gives items.
#[test]
fn seeds_reach_their_front_ends() {
    let root = root();
    for name in ["seed-minimal-page.pdf", "seed-xref-stream-predictor.pdf"] {
        let data = std::fs::read(root.join("convert_pdf").join(name)).unwrap();
        assert!(looks_like_pdf(&data));
        if let Err(e) = kouteihyo::input::convert_bytes(name, &data) {
            assert!(
                matches!(e.kind(), kouteihyo::error::ErrorKind::Pdf(_)),
                "{name}: {e}"
            );
        }
    }
    let data = std::fs::read(root.join("convert_dump/seed-tiny-sheet.txt")).unwrap();
    let ed = kouteihyo::input::convert_bytes("seed.txt", &data).expect("the tiny sheet reads");
    assert_eq!(ed.sheets.len(), 1);
    let field = std::fs::read_to_string(root.join("fragments/seed-list.txt")).unwrap();
    let f = kouteihyo::dump::fragments::parse_field(&field);
    assert!(f.list && f.items.len() >= 2, "{f:?}");
    let data = std::fs::read(root.join("decode/seed-shift-jis-crlf.txt")).unwrap();
    let d = kouteihyo::decode::decode(&data).expect("Shift_JIS decodes");
    assert!(d.text.starts_with("各施策"), "{:?}", d.text);
}
