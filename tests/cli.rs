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
            .join(format!("out/{e}.followup-pdf.items.jsonl"))
            .is_file());
        let text =
            std::fs::read_to_string(dir.path().join(format!("out/{e}.followup-txt.items.jsonl")))
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
    let mut csv = csv::Reader::from_path(dir.path().join("out/2025-06.items.csv")).unwrap();
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
            "column_label",
            "period_start",
            "period_end",
            "measure",
            "measure_id",
            "item",
            "page",
            "bbox_x0",
            "bbox_top",
            "bbox_x1",
            "bbox_bottom",
            "line",
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
    let other = common::dump_path("2025-06");
    let two = run(
        &[
            "extract",
            input.to_str().unwrap(),
            other.to_str().unwrap(),
            "-o",
            "-",
        ],
        dir.path(),
    );
    assert_eq!(two.status.code(), Some(2), "stdout takes a single input");
}

/// Folders are walked without following symbolic links: a link to itself or to its parent
/// neither loops nor converts a file twice.
#[cfg(unix)]
#[test]
fn folder_walks_do_not_follow_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("in");
    std::fs::create_dir_all(inputs.join("sub")).unwrap();
    std::fs::copy(common::dump_path("2025-06"), inputs.join("sub/a.txt")).unwrap();
    std::os::unix::fs::symlink(&inputs, inputs.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(d, inputs.join("parent")).unwrap();
    let o = run(&["extract", "in", "-o", "out"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("1 converted, 0 failed"), "{err}");
    let outs = std::fs::read_dir(d.join("out")).unwrap().count();
    assert_eq!(outs, 1, "{err}");
}

/// Inputs with the same bytes are converted once and the summary says so; a file named twice
/// (as itself and inside its folder) is one input.
#[test]
fn identical_inputs_are_converted_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    std::fs::copy(common::dump_path("2025-06"), d.join("in/a.txt")).unwrap();
    std::fs::copy(common::dump_path("2025-06"), d.join("in/b.txt")).unwrap();
    let o = run(&["extract", "in", "in/a.txt", "-o", "out"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("same") && l.contains("b.txt") && l.contains("a.txt")),
        "{err}"
    );
    assert!(
        err.contains("2 converted (1 identical to another input), 0 failed"),
        "{err}"
    );
    let outs: Vec<_> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(outs, ["2025-06.json"], "{err}");
}

/// Failures come after every success in the summary, whatever the input order.
#[test]
fn failures_are_listed_last() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a-empty.txt"), b"").unwrap();
    std::fs::copy(common::dump_path("2025-06"), d.join("b-good.txt")).unwrap();
    let o = run(&["extract", "a-empty.txt", "b-good.txt", "-o", "out"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let ok = err.find("ok      b-good.txt").expect(&err);
    let failed = err.find("FAILED  a-empty.txt").expect(&err);
    assert!(ok < failed, "{err}");
}

/// `-o - | head` ends quietly: no "FAILED … Broken pipe", exit 0.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kouteihyo"))
        .args(["extract", "-o", "-"])
        .arg(common::dump_path("2025-06"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and close the pipe: the first write fails with EPIPE.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("FAILED") && !err.contains("Broken pipe"),
        "{err}"
    );
}

/// A PDF with one damaged content stream fails by default, naming the page and the reason;
/// with `--partial` the rest is written, marked `complete: false`, and the run still exits 1.
#[test]
fn damaged_pages_fail_unless_partial_output_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pdf = std::fs::read(common::pdf_path("2025-06")).unwrap();
    std::fs::write(
        d.join("damaged.pdf"),
        common::damage_first_content_stream(&pdf),
    )
    .unwrap();
    let o = run(&["extract", "damaged.pdf", "-o", "out"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = err.lines().find(|l| l.starts_with("FAILED")).expect(&err);
    assert!(
        line.contains("damaged.pdf") && line.contains("page 1:") && line.contains("--partial"),
        "{line}"
    );
    assert!(!d.join("out/2025-06.json").exists());

    let o = run(&["extract", "--partial", "damaged.pdf", "-o", "out"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("INCOMPLETE"), "{err}");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out/2025-06.json")).expect(&err)).unwrap();
    assert_eq!(v["complete"], false);
    let lost: Vec<&serde_json::Value> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "page-incomplete")
        .collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0]["page"], 1);
    // The other pages' sheets are there.
    assert!(v["sheets"].as_array().unwrap().len() >= 10);
}

/// A PDF whose text layer is junk that the embedded font cannot correct fails: exit 1, and
/// the `FAILED` line names the file, the font and the sign.
#[test]
fn an_unreadable_text_layer_fails_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        common::root().join("fixtures/pdf-variants/tounicode-latin1-kana-subset.pdf"),
        d.join("redistilled.pdf"),
    )
    .unwrap();
    let o = run(&["extract", "redistilled.pdf", "-o", "out"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = err.lines().find(|l| l.starts_with("FAILED")).expect(&err);
    assert!(
        line.contains("redistilled.pdf")
            && line.contains("text layer unreadable: font BAAAAA+IPAexGothic on page 1")
            && line.contains("Latin-1")
            && line.contains("OCR or the text dump is needed"),
        "{line}"
    );
    assert!(!d.join("out").join("2025-06.json").exists());
}

#[test]
fn strict_passes_a_clean_dump_and_reports_no_low_quality() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(common::dump_path("2025-06"), d.join("good.txt")).unwrap();
    let o = run(&["extract", "good.txt", "--strict", "-o", "out"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(d.join("out/2025-06.json").is_file(), "{err}");
    assert!(!err.contains("LOW QUALITY"), "{err}");
    let o = run(&["diff", "--strict", "good.txt", "good.txt"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// An edition JSON of the 2025-06 dump read as a PDF whose sheet ② placed 91% of its table's
/// glyphs and whose sheet ④ has a garbled text layer (written by the library, as `extract`
/// writes a PDF's edition).
fn low_quality_edition(path: &std::path::Path) {
    use kouteihyo::model::{SheetQuality, Strategy};
    let good = SheetQuality {
        strategy: Strategy::Ruled,
        table_glyphs: 1500,
        assigned_glyphs: 1500,
        header_labels: 9,
        header_labels_recognised: 8,
        structure: None,
        text_sanity: 1.0,
    };
    let q = [
        Some(good.clone()),
        Some(SheetQuality {
            assigned_glyphs: 1365,
            ..good.clone()
        }),
        Some(good.clone()),
        Some(SheetQuality {
            text_sanity: 0.4,
            ..good
        }),
    ];
    let doc = common::as_pdf_reading(common::raw_dump("2025-06"), &q);
    let ed = common::assemble(doc, "deck.pdf");
    let json = kouteihyo::output::render(&ed, kouteihyo::output::Format::Json).unwrap();
    std::fs::write(path, json).unwrap();
}

#[test]
fn low_quality_sheets_get_one_line_each_and_strict_fails_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    low_quality_edition(&d.join("low.json"));
    std::fs::copy(common::dump_path("2025-06"), d.join("good.txt")).unwrap();
    std::fs::copy(common::dump_path("2024-12"), d.join("old.txt")).unwrap();
    // Without --strict: one line per low sheet, the command does its work.
    let o = run(&["diff", "low.json", "good.txt"], d);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "the same edition, no changes: {err}"
    );
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("LOW QUALITY"))
        .collect();
    assert_eq!(
        lines,
        [
            "LOW QUALITY low.json sheet ② (page 3): assigned 91% of table glyphs < 98%",
            "LOW QUALITY low.json sheet ④ (page 5): text sanity 40% < 95%",
        ],
        "{err}"
    );
    // With --strict: the file fails with the reason, exit 2.
    let o = run(&["diff", "--strict", "low.json", "good.txt"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error line: {err}"));
    assert!(
        line.contains("low.json")
            && line.contains("2 sheets are below the quality thresholds (--strict)")
            && line.contains("sheet ② (page 3): assigned 91% of table glyphs < 98%"),
        "{line}"
    );
    assert_eq!(err.matches("LOW QUALITY").count(), 2, "{err}");
    // history --strict leaves the low edition out and diffs the others; it still fails.
    let o = run(
        &[
            "history", "--strict", "low.json", "good.txt", "old.txt", "-o", "h",
        ],
        d,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(d.join("h/2024-12__2025-06.md").is_file(), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("error:") && l.contains("low.json") && l.contains("--strict")),
        "{err}"
    );
}

/// A PDF sheet without a table (its quality figures say so) prints one `LOW QUALITY` line and
/// converts; with `--strict` it fails, naming the file, and the run exits 1.
#[test]
fn strict_fails_a_pdf_sheet_below_the_quality_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        common::root().join("fixtures/pdf-variants/handmade-unijis-utf16.pdf"),
        d.join("lines.pdf"),
    )
    .unwrap();
    let o = run(&["extract", "lines.pdf", "-o", "out", "-q"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let low: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("LOW QUALITY"))
        .collect();
    assert_eq!(low.len(), 1, "{err}");
    assert!(
        low[0].contains("lines.pdf") && low[0].contains("(page 1)") && low[0].contains("unruled"),
        "{err}"
    );
    let o = run(&["extract", "lines.pdf", "--strict", "-o", "strict"], d);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("FAILED") && l.contains("lines.pdf")),
        "{err}"
    );
    assert!(std::fs::read_dir(d.join("strict")).map_or(true, |mut r| r.next().is_none()));
}

/// `-` reads the input from standard input; the edition is named by its as-of date as usual.
#[test]
fn a_dash_input_reads_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kouteihyo"))
        .args(["extract", "-", "-o", "out"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pdf = std::fs::read(common::pdf_path("2025-06")).unwrap();
    child.stdin.take().unwrap().write_all(&pdf).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let from_stdin: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/2025-06.json")).unwrap())
            .unwrap();
    let from_file = kouteihyo::input::convert_file(&common::pdf_path("2025-06")).unwrap();
    assert_eq!(from_stdin["source"]["file"], "stdin");
    assert_eq!(
        from_stdin["sheets"],
        serde_json::to_value(&from_file.sheets).unwrap(),
        "the same reading as from the file"
    );
}

/// `--pages` reads only the selected PDF pages, refuses pages the file lacks, and refuses a
/// text dump rather than reading it whole.
#[test]
fn pages_selects_pdf_pages() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = common::pdf_path("2025-06");
    let o = run(
        &[
            "extract",
            pdf.to_str().unwrap(),
            "--pages",
            "3-4,13",
            "-o",
            "-",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let pages: Vec<u64> = ed["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["page"].as_u64().unwrap())
        .collect();
    assert_eq!(pages, [3, 4, 13]);
    let whole = kouteihyo::input::convert_file(&pdf).unwrap();
    for s in ed["sheets"].as_array().unwrap() {
        let same = whole
            .sheets
            .iter()
            .find(|w| Some(s["page"].as_u64().unwrap() as u32) == w.page)
            .unwrap();
        assert_eq!(s["cells"], serde_json::to_value(&same.cells).unwrap());
    }
    let o = run(
        &[
            "extract",
            pdf.to_str().unwrap(),
            "--pages",
            "14",
            "-o",
            "out",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("page 14 does not exist"),
        "{}",
        stderr(&o)
    );
    let dump = common::dump_path("2025-06");
    let o = run(
        &[
            "extract",
            dump.to_str().unwrap(),
            "--pages",
            "2",
            "-o",
            "out",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("text dump"), "{}", stderr(&o));
    assert!(!dir.path().join("out/2025-06.json").exists());
}

/// `-o`: a folder takes files under their standard names in every command; a command that
/// writes one file also takes its name; extract refuses a file.
#[test]
fn dash_o_names_a_folder_or_the_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (common::dump_path("2024-12"), common::dump_path("2025-06"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    std::fs::create_dir(dir.path().join("here")).unwrap();
    let o = run(&["diff", a, b, "-f", "json", "-o", "here"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(dir.path().join("here/2024-12__2025-06.json").is_file());
    let o = run(&["diff", a, b, "-o", "new/"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(dir.path().join("new/2024-12__2025-06.md").is_file());
    let o = run(&["diff", a, b, "-o", "d.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(dir.path().join("d.md").is_file());
    let o = run(&["db", a, "-o", "here"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("here/roadmap.sqlite").is_file());
    let o = run(&["extract", a, "-o", "d.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("names a folder"), "{}", stderr(&o));
}

/// `-v` lists each warning under its file; without it only their count is shown.
#[test]
fn verbose_lists_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::dump_path("2025-06");
    let ed = kouteihyo::input::convert_file(&input).unwrap();
    assert!(!ed.warnings.is_empty());
    let o = run(
        &["extract", input.to_str().unwrap(), "-o", "out"],
        dir.path(),
    );
    assert!(!stderr(&o).contains("warning:"));
    assert!(stderr(&o).contains(&format!("({} warnings)", ed.warnings.len())));
    let o = run(
        &["extract", input.to_str().unwrap(), "-o", "out", "-v"],
        dir.path(),
    );
    let err = stderr(&o);
    for w in &ed.warnings {
        assert!(err.contains(&format!("warning: {w}")), "{w}\n{err}");
        assert!(err.contains(w.code.as_str()));
    }
}

/// Every command's help names PDF first, gives an example and its exit codes, and every
/// argument has a description.
#[test]
fn every_help_has_examples_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [
        "extract", "diff", "history", "db", "validate", "inspect", "report",
    ] {
        // The short help: each argument on one line with its description.
        let o = run(&[cmd, "-h"], dir.path());
        let help = String::from_utf8(o.stdout).unwrap();
        assert!(help.contains("Examples:\n  kouteihyo "), "{cmd}:\n{help}");
        assert!(help.contains("Exit codes"), "{cmd}:\n{help}");
        // Each argument is followed by its description (clap prints a bare name otherwise).
        let args = help.split("Arguments:\n").nth(1).unwrap_or("");
        for line in args.lines().take_while(|l| !l.is_empty()) {
            let line = line.trim();
            if line.starts_with('<') && !line.contains("  ") {
                panic!("{cmd}: an argument without a description: {line}");
            }
        }
        if cmd != "validate" {
            let about = help.split("Usage:").next().unwrap();
            assert!(about.contains("PDF"), "{cmd}: {about}");
            if about.contains("dump") {
                assert!(
                    about.find("PDF") < about.find("dump"),
                    "{cmd}: PDF first: {about}"
                );
            }
        }
    }
    let top = String::from_utf8(run(&["--help"], dir.path()).stdout).unwrap();
    assert!(
        top.contains("Examples:") && top.contains("Exit codes"),
        "{top}"
    );
}
