//! The `kouteihyo` binary: batches with bad inputs, stdout output, validation and exit codes.

mod common;

use common::{run, stderr};

#[test]
fn a_batch_goes_on_past_bad_inputs_and_reports_each() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(common::dump_path("2025-06"), d.join("good.txt")).unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("junk.txt"),
        (0..2048u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(d.join("nosheet.txt"), "ただのテキスト\nです\n").unwrap();
    std::fs::write(d.join("badenc.txt"), [0x82, 0xA0, 0x80, 0xFF, 0xFE, 0x41]).unwrap();
    std::fs::write(d.join("fake.pdf"), b"%PDF-1.7\n%%EOF\n").unwrap();
    let o = run(
        &[
            "extract",
            "good.txt",
            "empty.txt",
            "junk.txt",
            "nosheet.txt",
            "badenc.txt",
            "fake.pdf",
            "missing.txt",
            "-o",
            "out",
        ],
        d,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        d.join("out/2025-06.json").is_file(),
        "the good input was converted: {err}"
    );
    for (file, reason) in [
        ("empty.txt", "empty"),
        ("junk.txt", "binary"),
        ("nosheet.txt", "no sheet"),
        ("badenc.txt", "not valid UTF-8"),
        ("fake.pdf", "PDF"),
        ("missing.txt", "cannot read"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no line for {file} in:\n{err}"));
        assert!(
            line.starts_with("FAILED") && line.contains(reason),
            "{file}: {line}"
        );
    }
    assert!(err.contains("1 converted, 6 failed"), "{err}");
    let left: Vec<_> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        left.len(),
        1,
        "only finished outputs, no temporary files: {left:?}"
    );
}

#[test]
fn folders_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let editions = common::root().join("fixtures/editions");
    let o = run(
        &[
            "extract",
            editions.to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "jsonl",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for e in common::editions() {
        // Each edition folder holds a dump and a PDF: both are converted, named after their file.
        assert!(dir
            .path()
            .join(format!("out/{e}.followup-pdf.jsonl"))
            .is_file());
        let text = std::fs::read_to_string(dir.path().join(format!("out/{e}.followup-txt.jsonl")))
            .unwrap();
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["edition"], e.as_str());
        assert!(text.lines().count() > 200);
    }
    let o = run(
        &[
            "extract",
            common::dump_path("2025-06").to_str().unwrap(),
            "-o",
            "out",
            "-f",
            "csv",
        ],
        dir.path(),
    );
    assert!(o.status.success());
    let mut csv = csv::Reader::from_path(dir.path().join("out/2025-06.csv")).unwrap();
    let headers: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "edition",
            "sheet",
            "row",
            "col",
            "row_span",
            "col_span",
            "role",
            "column",
            "period_from",
            "period_to",
            "measure",
            "measure_id",
            "item",
            "list",
            "text",
            "raw"
        ]
    );
    assert!(csv.records().count() > 300);
}

#[test]
fn stdout_output_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::dump_path("2024-12");
    let o = run(&["extract", input.to_str().unwrap(), "-o", "-"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["edition"], "2024-12");
    std::fs::write(dir.path().join("e.json"), &o.stdout).unwrap();
    let o = run(&["validate", "e.json"], dir.path());
    assert!(o.status.success());
    let mut broken = v.clone();
    broken["sheets"][0]["cells"][0]["col_span"] = 0.into();
    std::fs::write(dir.path().join("broken.json"), broken.to_string()).unwrap();
    let o = run(&["validate", "broken.json"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out.contains("INVALID") && out.contains("/sheets/0/cells/0/col_span"),
        "{out}"
    );
    let two = run(
        &[
            "extract",
            input.to_str().unwrap(),
            input.to_str().unwrap(),
            "-o",
            "-",
        ],
        dir.path(),
    );
    assert_eq!(two.status.code(), Some(2), "stdout takes a single input");
}
