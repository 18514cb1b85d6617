//! Provenance and quality figures: every cell, item, record and table row says where in its
//! source it was read (the dump line, or the PDF page and box), and sheets below the quality
//! thresholds are warned about.

mod common;

use kouteihyo::edition::{Edition, Item};
use kouteihyo::model::{Provenance, SheetQuality, Strategy, StructureAgreement, WarningCode};
use kouteihyo::output::{render, render_parts, Format};
use kouteihyo::records::records;
use std::collections::HashMap;

/// The first word of an item's text as printed (raw items keep the dump's character
/// references, so this much is verbatim on the dump line).
fn first_word(raw: &str) -> &str {
    raw.split_whitespace().next().unwrap_or("")
}

#[test]
fn every_dump_cell_and_item_names_the_line_that_holds_its_text() {
    for e in common::editions() {
        let text = std::fs::read_to_string(common::dump_path(&e)).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        let ed = common::convert_dump(&e);
        let mut cells = 0;
        for s in &ed.sheets {
            assert_eq!(s.page, None, "{e}: a dump has no pages");
            assert_eq!(s.quality, None, "{e}: a dump has no quality figures");
            for c in &s.cells {
                let line = c.source.line.unwrap_or_else(|| {
                    panic!("{e} sheet {} r{} c{}: no line", s.number, c.row, c.col)
                });
                assert!(c.source.page.is_none() && c.source.bbox.is_none());
                assert_eq!(
                    c.items[0].source.line,
                    Some(line),
                    "the cell's line is its first item's"
                );
                for it in &c.items {
                    let l = it.source.line.expect("every item has a line");
                    let word = first_word(&it.raw);
                    assert!(
                        lines[l - 1].contains(word),
                        "{e} sheet {} r{} c{}: line {l} {:?} does not hold {word:?}",
                        s.number,
                        c.row,
                        c.col,
                        lines[l - 1]
                    );
                }
                cells += 1;
            }
        }
        assert!(cells > 100, "{e}: {cells} cells");
        // Cells of one row of the grid come from one dump line; rows from different lines.
        let by_line: HashMap<(u32, usize), usize> = ed
            .sheets
            .iter()
            .flat_map(|s| {
                s.cells
                    .iter()
                    .map(move |c| ((s.number, c.row), c.source.line.unwrap()))
            })
            .collect();
        for s in &ed.sheets {
            for c in &s.cells {
                assert_eq!(by_line[&(s.number, c.row)], c.source.line.unwrap());
            }
        }
    }
}

/// The item a table row or record names by (sheet, row, col, item).
fn items_by_place(ed: &Edition) -> HashMap<(u32, usize, usize, usize), &Item> {
    ed.sheets
        .iter()
        .flat_map(|s| {
            s.cells.iter().flat_map(move |c| {
                c.items
                    .iter()
                    .enumerate()
                    .map(move |(k, it)| ((s.number, c.row, c.col, k), it))
            })
        })
        .collect()
}

/// Checks that flat provenance columns equal the item's provenance.
#[allow(clippy::too_many_arguments)]
fn same_place(
    what: &str,
    at: &Provenance,
    page: Option<u32>,
    x0: Option<f64>,
    top: Option<f64>,
    x1: Option<f64>,
    bottom: Option<f64>,
    line: Option<usize>,
) {
    let b = at.bbox;
    assert_eq!(page, at.page, "{what}");
    assert_eq!(
        [x0, top, x1, bottom],
        [
            b.map(|b| b[0]),
            b.map(|b| b[1]),
            b.map(|b| b[2]),
            b.map(|b| b[3])
        ],
        "{what}"
    );
    assert_eq!(line, at.line, "{what}");
}

/// Every record and every table row read from one item carries that item's place.
fn rows_carry_the_place_of_their_item(ed: &Edition) {
    let at = items_by_place(ed);
    let recs = records(ed);
    assert!(!recs.is_empty());
    for r in &recs {
        let it = at[&(r.sheet, r.row, r.col, r.item)];
        same_place(
            "record",
            &it.source,
            r.page,
            r.bbox_x0,
            r.bbox_top,
            r.bbox_x1,
            r.bbox_bottom,
            r.line,
        );
    }
    let t = &ed.enriched;
    macro_rules! check {
        ($rows:expr, $name:literal) => {
            assert!(!$rows.is_empty(), $name);
            for r in &$rows {
                let it = at[&(r.sheet, r.row, r.col, r.item)];
                same_place(
                    $name,
                    &it.source,
                    r.page,
                    r.bbox_x0,
                    r.bbox_top,
                    r.bbox_x1,
                    r.bbox_bottom,
                    r.line,
                );
            }
        };
    }
    check!(t.schedule, "schedule");
    check!(t.kpis, "kpis");
    check!(t.progress, "progress");
    check!(t.dates, "dates");
    check!(t.programs, "programs");
    check!(t.budgets, "budgets");
    // A measures row has the place of its title cell; untitled measures have none.
    for m in &t.measures {
        let s = ed.sheets.iter().find(|s| s.number == m.sheet).unwrap();
        match s.measure_cell(m.first_row).filter(|_| !m.title.is_empty()) {
            Some(c) => same_place(
                "measures",
                &c.source,
                m.page,
                m.bbox_x0,
                m.bbox_top,
                m.bbox_x1,
                m.bbox_bottom,
                m.line,
            ),
            None => assert_eq!((m.page, m.bbox_x0, m.line), (None, None, None)),
        }
    }
}

#[test]
fn records_and_tables_carry_the_line_of_their_item() {
    for e in common::editions() {
        rows_carry_the_place_of_their_item(&common::convert_dump(&e));
    }
}

/// The header and the rows of a CSV file.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

const COLUMNS: [&str; 6] = [
    "page",
    "bbox_x0",
    "bbox_top",
    "bbox_x1",
    "bbox_bottom",
    "line",
];

#[test]
fn csv_files_have_flat_provenance_columns() {
    let ed = common::convert_dump("2025-06");
    let text = std::fs::read_to_string(common::dump_path("2025-06")).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    for part in render_parts(&ed, Format::Csv, false).unwrap() {
        let (header, rows) = csv_rows(&part.bytes);
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("{:?} has no column {name}: {header:?}", part.suffix))
        };
        let line = col("line");
        for c in COLUMNS {
            col(c);
        }
        let raw = header.iter().position(|h| h == "raw" || h == "title");
        for r in &rows {
            // A dump: no page and no box, and the line (when the row has one) holds the text.
            for c in &COLUMNS[..5] {
                assert_eq!(r[col(c)], "", "{:?}: {c} of a dump row", part.suffix);
            }
            if r[line].is_empty() {
                continue;
            }
            let l: usize = r[line].parse().unwrap();
            if part.suffix.is_empty() || part.suffix == "schedule" || part.suffix == "progress" {
                let raw = &r[raw.unwrap()];
                assert!(
                    lines[l - 1].contains(first_word(raw)),
                    "{:?}: line {l}, {raw:?}",
                    part.suffix
                );
            }
        }
    }
}

/// Figures of a sheet read well.
fn good() -> SheetQuality {
    SheetQuality {
        strategy: Strategy::Ruled,
        table_glyphs: 1500,
        assigned_glyphs: 1500,
        header_labels: 9,
        header_labels_recognised: 8,
        structure: Some(StructureAgreement {
            cells_compared: 40,
            disagreements: 2,
            settled: 2,
        }),
        text_sanity: 1.0,
    }
}

#[test]
fn a_pdf_reading_puts_page_and_box_into_json_records_and_tables() {
    let doc = common::as_pdf_reading(common::raw_dump("2025-06"), &[Some(good())]);
    let raw_cells: Vec<_> = doc.sheets.iter().flat_map(|s| s.cells.clone()).collect();
    let ed = common::assemble(doc, "deck.pdf");
    // The edition JSON validates (render checks it against the schema) and holds the boxes.
    let json: serde_json::Value =
        serde_json::from_slice(&render(&ed, Format::Json).unwrap()).unwrap();
    let sheet = &json["sheets"][0];
    assert_eq!(sheet["page"], 2);
    assert_eq!(sheet["quality"]["strategy"], "ruled");
    assert_eq!(sheet["quality"]["structure"]["settled"], 2);
    assert!(
        json["sheets"][1].get("quality").is_none(),
        "no figures, no field"
    );
    let cell = &sheet["cells"][0];
    assert_eq!(cell["page"], 2);
    assert_eq!(cell["bbox"].as_array().unwrap().len(), 4);
    assert!(cell.get("line").is_none(), "unknown fields are left out");
    // Items: their own box where the reader has one, else the cell's; the page from the cell.
    let cells: Vec<_> = ed.sheets.iter().flat_map(|s| s.cells.iter()).collect();
    assert_eq!(cells.len(), raw_cells.len());
    let mut own = 0;
    for (c, r) in cells.iter().zip(&raw_cells) {
        assert_eq!(c.source, r.source);
        for (k, it) in c.items.iter().enumerate() {
            assert_eq!(it.source.page, r.source.page);
            match r.item_sources.get(k) {
                Some(s) => {
                    own += 1;
                    assert_eq!(it.source.bbox, s.bbox);
                    let (b, cb) = (it.source.bbox.unwrap(), c.source.bbox.unwrap());
                    assert!(b[0] >= cb[0] && b[2] <= cb[2] && b[1] >= cb[1] && b[3] <= cb[3]);
                }
                None => assert_eq!(it.source.bbox, r.source.bbox),
            }
        }
    }
    assert!(own > 10, "{own} items with a box of their own");
    rows_carry_the_place_of_their_item(&ed);
    // JSONL records validate with the boxes; CSV has them as four numbers.
    for part in render_parts(&ed, Format::Jsonl, false).unwrap() {
        assert!(!part.bytes.is_empty());
    }
    let parts = render_parts(&ed, Format::Csv, false).unwrap();
    let (header, rows) = csv_rows(&parts[0].bytes);
    let x0 = header.iter().position(|h| h == "bbox_x0").unwrap();
    let bottom = header.iter().position(|h| h == "bbox_bottom").unwrap();
    let page = header.iter().position(|h| h == "page").unwrap();
    for r in &rows {
        let (a, b): (f64, f64) = (r[x0].parse().unwrap(), r[bottom].parse().unwrap());
        assert!(a >= 40.0 && b > 80.0, "{r:?}");
        assert!(r[page].parse::<u32>().unwrap() >= 2);
    }
}

#[test]
fn sheets_below_the_quality_thresholds_get_one_warning_each() {
    let low = SheetQuality {
        assigned_glyphs: 1365, // 91% of 1500
        ..good()
    };
    let garbled = SheetQuality {
        text_sanity: 0.41,
        structure: Some(StructureAgreement {
            cells_compared: 40,
            disagreements: 3,
            settled: 1,
        }),
        ..good()
    };
    let doc = common::as_pdf_reading(
        common::raw_dump("2025-06"),
        &[Some(good()), Some(low), None, Some(garbled)],
    );
    let numbers: Vec<u32> = doc.sheets.iter().map(|s| s.number).collect();
    let ed = common::assemble(doc, "deck.pdf");
    let warned: Vec<_> = ed
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::LowQuality)
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert_eq!(warned[0].sheet, Some(numbers[1]));
    assert_eq!(warned[0].page, Some(3));
    assert!(
        warned[0]
            .message
            .contains("assigned 91% of table glyphs < 98%"),
        "{}",
        warned[0].message
    );
    assert_eq!(warned[1].sheet, Some(numbers[3]));
    assert_eq!(warned[1].page, Some(5));
    assert!(
        warned[1].message.contains("2 of 40 cells disagree"),
        "{}",
        warned[1].message
    );
    assert!(
        warned[1].message.contains("text sanity 41% < 95%"),
        "{}",
        warned[1].message
    );
    // The same sheets from the edition's own figures, as the CLI prints them.
    let lows = kouteihyo::quality::low_sheets(&ed);
    assert_eq!(
        lows.iter().map(|l| (l.sheet, l.page)).collect::<Vec<_>>(),
        [(numbers[1], Some(3)), (numbers[3], Some(5))]
    );
    assert_eq!(
        lows[0].to_string(),
        "sheet ② (page 3): assigned 91% of table glyphs < 98%"
    );
    // The edition with its figures and warnings validates.
    render(&ed, Format::Json).unwrap();
}

#[test]
fn an_edition_json_keeps_its_provenance_and_figures_when_loaded_again() {
    let doc = common::as_pdf_reading(common::raw_dump("2024-12"), &[Some(good())]);
    let ed = common::assemble(doc, "deck.pdf");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.json");
    std::fs::write(&path, render(&ed, Format::Json).unwrap()).unwrap();
    let back = kouteihyo::input::load_edition(&path).unwrap();
    assert_eq!(back.sheets, ed.sheets);
    let dump = common::convert_dump("2024-12");
    std::fs::write(&path, render(&dump, Format::Json).unwrap()).unwrap();
    assert_eq!(
        kouteihyo::input::load_edition(&path).unwrap().sheets,
        dump.sheets
    );
}

/// From a PDF, every cell and item names its page and box: each item's box lies in its cell's
/// box on the sheet's page, and the glyphs drawn in the item's box are the item's own text.
#[test]
fn every_pdf_cell_and_item_names_its_page_and_the_box_holding_its_glyphs() {
    let path = common::root().join("fixtures/editions/2025-06/followup.pdf");
    let ed = kouteihyo::input::convert_file(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let pages = kouteihyo::pdf::content::read_pages(&bytes).unwrap();
    let mut items = 0;
    for sheet in &ed.sheets {
        let page = sheet.page.expect("a PDF sheet names its page") as usize;
        let content = &pages[page - 1];
        for cell in &sheet.cells {
            assert_eq!(cell.source.page, Some(page as u32));
            let [cx0, ctop, cx1, cbottom] = cell.source.bbox.expect("cell box");
            assert!(cx0 < cx1 && ctop < cbottom, "{:?}", cell.source.bbox);
            assert!(cx1 <= content.width + 0.01 && cbottom <= content.height + 0.01);
            for item in &cell.items {
                items += 1;
                assert_eq!(item.source.page, Some(page as u32));
                let [x0, top, x1, bottom] = item.source.bbox.expect("item box");
                assert!(
                    x0 >= cx0 - 1.0
                        && x1 <= cx1 + 1.0
                        && top >= ctop - 1.0
                        && bottom <= cbottom + 1.0,
                    "item box {:?} outside its cell {:?}: {}",
                    item.source.bbox,
                    cell.source.bbox,
                    item.raw
                );
                // The glyphs whose centre lies in the item's box (page space has y up).
                let inside: String = content
                    .glyphs
                    .iter()
                    .filter(|g| {
                        let (x, y) = ((g.x0 + g.x1) / 2.0, content.height - (g.y0 + g.y1) / 2.0);
                        x0 <= x && x <= x1 && top <= y && y <= bottom
                    })
                    .map(|g| g.text.as_str())
                    .collect();
                for c in item.raw.chars().filter(|c| !c.is_whitespace()).take(5) {
                    assert!(
                        inside.contains(c),
                        "sheet {} item {:?}: {c} is not drawn in its box",
                        sheet.number,
                        item.raw
                    );
                }
            }
        }
    }
    assert!(items > 300, "{items} items");
}
