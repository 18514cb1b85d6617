//! Inputs that once took super-linear time or unbounded memory (fixtures/reliability/): each
//! converts to its known shape or fails with a clear error. Times and peak memory are measured
//! by scripts/stress.sh, not here.

use kouteihyo::edition::Edition;
use kouteihyo::input::convert_file;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/reliability")
        .join(name)
}

/// (sheets, measures, items, warnings) of an edition.
fn shape(ed: &Edition) -> (usize, usize, usize, usize) {
    let measures = ed.sheets.iter().map(|s| s.measures.len()).sum();
    let items = ed
        .sheets
        .iter()
        .flat_map(|s| &s.cells)
        .map(|c| c.items.len())
        .sum();
    (ed.sheets.len(), measures, items, ed.warnings.len())
}

fn converts(name: &str) -> Edition {
    convert_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn leading_blank_glyphs_are_read_in_one_pass() {
    // One text line of 150,000 blank glyphs and one ideograph; read (quickly), no roadmap sheet.
    let bytes = std::fs::read(fixture("leading-blank-glyphs-150k.pdf")).unwrap();
    let pages = kouteihyo::pdf::content::read_pages(&bytes).unwrap();
    assert_eq!(pages.len(), 1);
    assert!(pages[0].glyphs.len() > 100_000);
    let err = convert_file(&fixture("leading-blank-glyphs-150k.pdf")).unwrap_err();
    assert!(matches!(
        err.kind(),
        kouteihyo::error::ErrorKind::Pdf(kouteihyo::error::PdfError::NoSheets)
    ));
}

#[test]
fn a_mutated_edition_pdf_with_long_text_lines_converts() {
    let ed = converts("fuzz-timeout-text-lines.pdf");
    // A mutant of the 2025-06 PDF: it reads like the edition itself (26 measures, 340 items
    // there). It read as 33 measures and 404 items until a rule between two boxes was kept
    // and the table's outer frame stopped counting as a floating box.
    assert_eq!(shape(&ed), (12, 26, 339, 0));
}

#[test]
fn identical_rows_get_ids_with_suffixes() {
    let ed = converts("dump-identical-rows-4000.txt");
    assert_eq!(shape(&ed), (1, 4000, 20000, 0));
    let ms = &ed.sheets[0].measures;
    let base = &ms[0].id;
    assert_eq!(ms[1].id, format!("{base}-2"));
    assert_eq!(ms[3999].id, format!("{base}-4000"));
    let mut ids: Vec<&str> = ms.iter().map(|m| m.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4000, "ids are unique");
}

#[test]
fn a_mutated_dump_with_many_equal_titles_converts() {
    let ed = converts("fuzz-slow-measures.txt");
    assert_eq!(shape(&ed), (13, 2029, 10246, 6));
}

/// The table model the dump front-end reads, before the shared bounds are checked.
fn raw_doc(name: &str) -> kouteihyo::model::RawDocument {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let text = kouteihyo::decode::decode(&bytes).unwrap().text;
    kouteihyo::dump::read(&text).unwrap()
}

/// The input goes past a bound of `limits` (named in the message) after the front-end.
fn exceeds(name: &str, bound: &str) {
    let err = convert_file(&fixture(name)).expect_err("over a bound");
    assert!(
        matches!(err.kind(), kouteihyo::error::ErrorKind::Exceeded(e) if e.name == bound),
        "{name}: {err}"
    );
}

#[test]
fn many_distinct_rows_are_aligned() {
    // The front-end realigns all 16,000 rows (this was quadratic); the 80,000 cells are then
    // past MAX_CELLS_PER_FILE, whose conversion would take about 400 MB.
    let doc = raw_doc("dump-distinct-rows-16000.txt");
    assert_eq!(doc.sheets.len(), 1);
    assert_eq!(doc.sheets[0].n_rows, 16000);
    assert_eq!(doc.sheets[0].cells.len(), 80000);
    exceeds("dump-distinct-rows-16000.txt", "MAX_CELLS_PER_FILE");
}

#[test]
fn a_mutated_dump_with_many_shifted_rows_converts() {
    let ed = converts("fuzz-timeout-shift-hint.txt");
    assert_eq!(shape(&ed), (10, 5220, 36579, 5203));
    let realigned = ed
        .warnings
        .iter()
        .filter(|w| w.code == "row-realigned")
        .count();
    assert!(realigned > 0, "some rows were realigned");
}

#[test]
fn a_header_of_150000_columns_is_read_then_refused() {
    let doc = raw_doc("dump-header-150000-columns.txt");
    assert!(doc.sheets[0].n_cols > 150_000);
    exceeds("dump-header-150000-columns.txt", "MAX_COLUMNS_PER_SHEET");
}

#[test]
fn mutated_dumps_with_wide_headers_are_refused() {
    for name in ["fuzz-slow-header-columns.txt", "fuzz-slow-sheet-from.txt"] {
        let doc = raw_doc(name);
        assert!(doc.sheets.iter().any(|s| s.n_cols > 100_000), "{name}");
        exceeds(name, "MAX_COLUMNS_PER_SHEET");
    }
}

#[test]
fn a_sheet_of_400000_items_is_refused_by_the_bound() {
    let err = convert_file(&fixture("dump-items-400000-p.txt")).expect_err("over the bound");
    assert_eq!(
        err.reason().to_string(),
        format!(
            "sheet 1 holds more than {} items (limit MAX_ITEMS_PER_SHEET)",
            kouteihyo::limits::MAX_ITEMS_PER_SHEET
        )
    );
}

/// A dump with more table rows than MAX_ROWS_PER_FILE is refused before its rows are built
/// (building holds them all at once: 10 MB of rows took 600 MB).
#[test]
fn a_dump_past_the_row_bound_is_refused_before_it_is_built() {
    let rows = kouteihyo::limits::MAX_ROWS_PER_FILE + 1;
    let mut text = String::from("各施策のスケジュール・工程表①\n\t2024年夏\tKPI\n");
    for r in 0..rows {
        text.push_str(&format!("施策{r}\t検討{r}\t件数\n"));
    }
    let err = kouteihyo::input::convert_bytes("rows.txt", text.as_bytes()).unwrap_err();
    assert_eq!(
        err.reason().to_string(),
        format!(
            "the input holds {} table rows, more than the limit MAX_ROWS_PER_FILE ({})",
            rows + 1,
            kouteihyo::limits::MAX_ROWS_PER_FILE
        )
    );
}
