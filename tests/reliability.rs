//! Every reproducer of `fixtures/reliability/` (copied from the issue's `shared/reliability/`,
//! whose README says what each did before) ends as it should: a PDF that is no roadmap edition
//! fails with the right error class and message, a damaged one names the page and the reason,
//! a dump converts or fails clearly. A new file in the folder must be added to the table.

use kouteihyo::error::{DumpError, ErrorKind, PdfError};
use kouteihyo::input::convert_file;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/reliability")
}

/// What a reproducer must end in.
enum Expect {
    /// An error of this class whose reason contains the fragment.
    Fails(fn(&ErrorKind) -> bool, &'static str),
    /// A converted edition with this many sheets.
    Converts(usize),
}

fn no_sheets(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::Pdf(PdfError::NoSheets))
}
fn incomplete(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::Pdf(PdfError::Incomplete(_)))
}
fn empty(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::Pdf(PdfError::EmptyPages { .. }))
}
fn damaged(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::Pdf(PdfError::Damaged))
}
fn exceeded(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::Exceeded(_))
}
fn too_many_items(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::Dump(DumpError::TooManyItems { .. }))
}

const NO_ROADMAP: &str = "no roadmap sheet found (no page heading 各施策のスケジュール・工程表…)";

fn table() -> Vec<(&'static str, Expect)> {
    use Expect::*;
    vec![
        // Crashes in dependencies (fixed in vendor/): each file now opens or fails cleanly.
        ("predictor-columns0-xrefstream.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("predictor-columns0-objstm.pdf", Fails(damaged, "the PDF is damaged")),
        ("fuzz-panic-uncaught-lzw752.pdf", Fails(damaged, "the PDF is damaged")),
        (
            "predictor-columns0-content.pdf",
            Fails(
                incomplete,
                "page 1: the content stream cannot be decoded (its /FlateDecode data or its /DecodeParms is invalid",
            ),
        ),
        (
            "fuzz-panic-caught-lzw752.pdf",
            Fails(incomplete, "page 1: the content stream cannot be decoded"),
        ),
        ("cid-w-range-4294967295.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("cid-w-range-100000000.pdf", Fails(no_sheets, NO_ROADMAP)),
        // A mutant of an edition PDF: the huge /W range is clamped and its one sheet reads.
        ("fuzz-oom-cid-w.pdf", Converts(1)),
        (
            "decompression-bomb-1gib.pdf",
            Fails(incomplete, "page 1: the content stream cannot be decoded"),
        ),
        ("dump-items-400000-p.txt", Fails(too_many_items, "limit MAX_ITEMS_PER_SHEET")),
        // Super-linear paths: each is read in linear time (reliability_linear.rs has the
        // details); inputs past a bound of `limits` then fail naming it.
        ("leading-blank-glyphs-150k.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("fuzz-timeout-text-lines.pdf", Converts(12)),
        ("dump-identical-rows-4000.txt", Converts(1)),
        ("fuzz-slow-measures.txt", Converts(13)),
        (
            "dump-distinct-rows-16000.txt",
            Fails(exceeded, "80000 cells, more than the limit MAX_CELLS_PER_FILE"),
        ),
        ("fuzz-timeout-shift-hint.txt", Converts(10)),
        (
            "dump-header-150000-columns.txt",
            Fails(exceeded, "columns in sheet 1, more than the limit MAX_COLUMNS_PER_SHEET"),
        ),
        (
            "fuzz-slow-header-columns.txt",
            Fails(exceeded, "limit MAX_COLUMNS_PER_SHEET"),
        ),
        (
            "fuzz-slow-sheet-from.txt",
            Fails(exceeded, "limit MAX_COLUMNS_PER_SHEET"),
        ),
        // Wrong diagnoses: text drawn invisible or as a clip is read (it is not "OCR needed"),
        // header-less PDFs reach the PDF reader, an empty page is called empty.
        ("not-a-roadmap-hello.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("invisible-text-tr3.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("pdfjs-issue4684.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("clip-text-tr7.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("pdfjs-text_clip_cff_cid.pdf", Fails(no_sheets, NO_ROADMAP)),
        (
            "pdfjs-issue16021.pdf",
            Fails(empty, "the PDF's 1 page is empty: no text and no images"),
        ),
        (
            "empty-page-no-images.pdf",
            Fails(empty, "the PDF's 1 page is empty: no text and no images"),
        ),
        ("no-pdf-header.pdf", Fails(no_sheets, NO_ROADMAP)),
        ("pdfjs-bug1606566.pdf", Fails(no_sheets, NO_ROADMAP)),
        // Only the embedded files are encrypted: the pages open without a password.
        ("pdfjs-auth-event-ef-open.pdf", Fails(no_sheets, NO_ROADMAP)),
    ]
}

#[test]
fn every_reproducer_ends_as_it_should() {
    let mut wrong = Vec::new();
    for (name, expect) in table() {
        let path = dir().join(name);
        let got = convert_file(&path);
        let ok = match (&expect, &got) {
            (Expect::Fails(class, fragment), Err(e)) => {
                class(e.kind())
                    && e.reason().to_string().contains(fragment)
                    && e.file() == Some(path.as_path())
            }
            (Expect::Converts(n), Ok(ed)) => ed.sheets.len() == *n && ed.complete,
            _ => false,
        };
        if !ok {
            let got = match &got {
                Ok(ed) => format!("an edition of {} sheets", ed.sheets.len()),
                Err(e) => format!("{e} ({:?})", e.kind()),
            };
            wrong.push(format!("{name}: got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_table_lists_every_reproducer() {
    let listed: std::collections::BTreeSet<&str> = table().iter().map(|(n, _)| *n).collect();
    let mut missing = Vec::new();
    for e in std::fs::read_dir(dir()).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name != "README.md" && !listed.contains(name.as_str()) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "not in the table: {missing:?}");
}

/// Render mode 3 (invisible) and 7 (clip) text is the text layer: it is read, and counted.
#[test]
fn invisible_and_clip_text_is_read() {
    for name in [
        "invisible-text-tr3.pdf",
        "pdfjs-issue4684.pdf",
        "clip-text-tr7.pdf",
        "pdfjs-text_clip_cff_cid.pdf",
    ] {
        let bytes = std::fs::read(dir().join(name)).unwrap();
        let pages = kouteihyo::pdf::content::read_pages(&bytes).unwrap();
        let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
        let invisible: usize = pages.iter().map(|p| p.invisible).sum();
        assert!(
            glyphs > 0 && invisible > 0,
            "{name}: {glyphs} glyphs, {invisible} invisible"
        );
    }
}

/// The bounds enforced inside the vendored crates are the ones `limits.rs` lists.
#[test]
fn vendored_bounds_match_limits() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let constant = |file: &str, name: &str| -> String {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains(&format!("const {name}:")))
            .unwrap_or_else(|| panic!("{file} defines no {name}"));
        line.split('=')
            .nth(1)
            .unwrap()
            .trim()
            .trim_end_matches(';')
            .to_string()
    };
    let eval = |expr: &str| -> u64 {
        expr.split('*')
            .map(|f| f.trim().replace('_', "").parse::<u64>().unwrap())
            .product()
    };
    assert_eq!(
        eval(&constant(
            "vendor/hayro-syntax/src/filter/mod.rs",
            "MAX_DECODED_STREAM_LEN"
        )),
        kouteihyo::limits::MAX_DECODED_STREAM_BYTES as u64
    );
    assert_eq!(
        eval(&constant("vendor/hayro-font/src/cid.rs", "MAX_CID")),
        u64::from(kouteihyo::limits::MAX_CID)
    );
}
