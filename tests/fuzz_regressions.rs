//! Every file of fixtures/fuzz/TARGET/ (minimized fuzzer findings, and a few seeds) goes
//! through the same call as that cargo-fuzz target (fuzz/src/lib.rs), on stable: it must
//! return, Ok or Err, without a panic and in reasonable time. CI runs this, not the fuzzers.
//! "Without a panic" includes a panic the library catches itself (`error::contain`, the tagged
//! reader's `catch_unwind`): libFuzzer's panic hook aborts on any panic, so under the fuzzer
//! those are crashes too, and a finding of that kind must fail here until it is fixed.

use kouteihyo::output::{render, Format};
use std::cell::Cell;
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

thread_local! {
    /// Panics on this thread since the last [`panics_since`] (caught or not).
    static PANICS: Cell<(usize, String)> = const { Cell::new((0, String::new())) };
}

/// Installs, once, a panic hook that counts every panic of its thread (and keeps the first
/// message), then hands over to the previous hook.
fn count_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|p| {
                let (n, first) = p.take();
                let first = if n == 0 {
                    let at = info
                        .location()
                        .map(|l| format!(" at {l}"))
                        .unwrap_or_default();
                    format!("{}{at}", kouteihyo::error::panic_message(info.payload()))
                } else {
                    first
                };
                p.set((n + 1, first));
            });
            previous(info);
        }));
    });
}

/// The panics counted on this thread since the last call, and the first one's message.
fn panics_since() -> (usize, String) {
    PANICS.with(|p| p.take())
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
    count_panics();
    let mut failures = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        panics_since();
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| run_target(target, &data)));
        let took = start.elapsed();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (caught, first) = panics_since();
        match result {
            Err(p) => {
                let msg = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name}: panicked: {msg}"));
            }
            Ok(()) if caught > 0 => failures.push(format!(
                "{name}: {caught} panic(s) caught inside the library, the first: {first}"
            )),
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

/// A panic caught inside the library does fail a replay (the fuzzer sees it as a crash).
#[test]
fn a_contained_panic_is_counted() {
    count_panics();
    panics_since();
    let r: kouteihyo::error::Result<()> = kouteihyo::error::contain(|| panic!("contained"));
    assert!(r.is_err());
    let (n, first) = panics_since();
    assert_eq!(n, 1);
    assert!(first.starts_with("contained at "), "{first}");
}

/// The `[patch.crates-io]` lines of a Cargo.toml: (crate, path).
fn patches(manifest: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(manifest))
        .unwrap_or_else(|e| panic!("{manifest}: {e}"));
    let mut in_patch = false;
    let mut v = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_patch = line == "[patch.crates-io]";
        } else if in_patch && !line.is_empty() && !line.starts_with('#') {
            let (name, rest) = line.split_once('=').expect("name = { path = \"…\" }");
            let path = rest.split('"').nth(1).expect("a quoted path");
            v.push((name.trim().to_string(), path.to_string()));
        }
    }
    v.sort();
    v
}

/// fuzz/ is a workspace of its own, so the top-level `[patch.crates-io]` does not reach it: it
/// repeats every entry (paths from fuzz/), or the fuzzers run the unpatched registry crates
/// and find the fixed bugs again (they did, in the first minute of the issue 11 campaign).
#[test]
fn the_fuzz_workspace_has_the_vendored_patches() {
    let main = patches("Cargo.toml");
    assert!(!main.is_empty(), "Cargo.toml has no [patch.crates-io]");
    let expected: Vec<(String, String)> = main
        .into_iter()
        .map(|(name, path)| (name, format!("../{path}")))
        .collect();
    assert_eq!(patches("fuzz/Cargo.toml"), expected);
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
