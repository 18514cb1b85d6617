//! The structure tree of tagged PDFs as a second opinion on the ruled table grid.

mod common;

use common::build_pdf;
use kouteihyo::pdf::content::{read_pages, PageContent};
use kouteihyo::pdf::document::structure as tables;
use kouteihyo::pdf::table::{find_tables, GridCell, Rule, Table, Tolerances};
use kouteihyo::pdf::tagged::{disagreements, occupancy, ContentBox, PlacedCell, TaggedTable};
use kouteihyo::text::normalize::comparison_key;
use std::path::PathBuf;

fn fixture(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn variant(name: &str) -> Vec<u8> {
    fixture(&format!("fixtures/pdf-variants/{name}.pdf"))
}

/// The ruled table with the most cells on the page.
fn ruled_table(page: &PageContent) -> Table {
    let rules: Vec<Rule> = page.segments.iter().map(Rule::from).collect();
    find_tables(&rules, &Tolerances::default())
        .into_iter()
        .max_by_key(|t| t.cells.len())
        .expect("a ruled table")
}

/// The one tagged table and the ruled table of a one-page variant, with the page.
fn both(name: &str) -> (TaggedTable, Table, PageContent) {
    let bytes = variant(name);
    let mut tagged = tables(&bytes);
    assert_eq!(tagged.len(), 1, "{name}: tagged tables");
    let tagged = tagged.remove(0);
    assert_eq!(tagged.page, 1, "{name}: page of the table");
    let page = read_pages(&bytes).unwrap().remove(0);
    let ruled = ruled_table(&page);
    (tagged, ruled, page)
}

/// Comparison key of the glyphs whose centre lies in a cell's content box.
fn text_in(page: &PageContent, b: &ContentBox) -> String {
    let text: String = page
        .glyphs
        .iter()
        .filter(|g| {
            let (x, y) = ((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0);
            b.x0 - 2.0 <= x && x <= b.x1 + 2.0 && b.y0 - 2.0 <= y && y <= b.y1 + 2.0
        })
        .map(|g| g.text.as_str())
        .collect();
    comparison_key(&text)
}

/// The placed cell whose content contains `needle`.
fn cell_with<'a>(placed: &'a [PlacedCell], page: &PageContent, needle: &str) -> &'a PlacedCell {
    let key = comparison_key(needle);
    let hits: Vec<&PlacedCell> = placed
        .iter()
        .filter(|p| p.content.is_some_and(|b| text_in(page, &b).contains(&key)))
        .collect();
    assert_eq!(hits.len(), 1, "cells holding {needle}");
    hits[0]
}

/// The ruled cell holding the centre of a placed cell's content.
fn ruled_cell_of<'a>(ruled: &'a Table, p: &PlacedCell) -> &'a GridCell {
    let (x, y) = p.content.expect("content box").centre();
    ruled
        .cells
        .iter()
        .find(|g| g.x0 <= x && x <= g.x1 && g.y0 <= y && y <= g.y1)
        .expect("content inside the ruled table")
}

/// (row, col, row span, col span) of the ruled cells.
fn ruled_slots(t: &Table) -> Vec<(usize, usize, usize, usize)> {
    let mut v: Vec<_> = t
        .cells
        .iter()
        .map(|c| (c.row, c.col, c.row_span, c.col_span))
        .collect();
    v.sort();
    v
}

#[test]
fn chromium_tree_has_the_table_with_its_spans() {
    let (tagged, ruled, page) = both("chromium-identity-h");
    // Header + three body rows. Chromium leaves the empty cells out of the tree: 9 + 6 + 2 + 6
    // cells where the HTML has 9 + 9 + 5 + 8.
    let lens: Vec<usize> = tagged.rows.iter().map(Vec::len).collect();
    assert_eq!(lens, [9, 6, 2, 6]);
    assert!(tagged.rows[0].iter().all(|c| c.header));
    assert!(tagged.rows[1..].iter().flatten().all(|c| !c.header));
    // Chromium writes RowSpan and ColSpan on every cell, 1 included.
    let spans: Vec<Vec<(usize, usize)>> = tagged
        .rows
        .iter()
        .map(|r| r.iter().map(|c| (c.row_span, c.col_span)).collect())
        .collect();
    assert_eq!(spans[0], vec![(1, 1); 9]);
    assert_eq!(spans[1], [(2, 1), (1, 1), (1, 1), (1, 1), (2, 1), (2, 1)]);
    assert_eq!(spans[2], [(1, 1), (1, 1)]);
    assert_eq!(spans[3], [(1, 1), (1, 1), (1, 1), (1, 2), (1, 1), (1, 1)]);
    // Every cell has content on the page (the empty header cell: its grey background).
    assert!(tagged.rows.iter().flatten().all(|c| c.content.is_some()));

    // The cells the fixture README names, found by their text.
    let placed = occupancy(&tagged);
    let measure = cell_with(
        &placed,
        &page,
        "官民協議会による外資系企業・外国資金の呼び込み",
    );
    let kpi = cell_with(&placed, &page, "国内イノベーション促進拠点");
    let progress = cell_with(&placed, &page, "創薬力向上のための官民協議会");
    let wide = cell_with(&placed, &page, "マッチングイベントの定期的開催");
    for (p, span, slot) in [
        (measure, (2, 1), (1, 0)),
        (kpi, (2, 1), (1, 6)),
        (progress, (2, 1), (1, 7)),
        (wide, (1, 2), (3, 4)),
    ] {
        assert_eq!((p.row_span, p.col_span), span);
        let g = ruled_cell_of(&ruled, p);
        assert_eq!((g.row, g.col), slot, "ruled slot of {p:?}");
        assert_eq!((g.row_span, g.col_span), span, "ruled spans of {p:?}");
    }
    // With the empty cells missing, the HTML table algorithm puts the KPI and the 2025年度
    // entry one column too far left: only the content boxes place them right.
    assert_eq!((kpi.row, kpi.col), (1, 4));
    assert_eq!((wide.row, wide.col), (3, 3));
    // The 該当事業 cell of the first measure is empty: no tree cell is in it.
    let programs = ruled
        .cells
        .iter()
        .position(|g| (g.row, g.col) == (1, 8))
        .unwrap();
    assert!(placed
        .iter()
        .all(|p| !std::ptr::eq(ruled_cell_of(&ruled, p), &ruled.cells[programs])));
}

#[test]
fn chromium_tree_agrees_with_the_ruling_lines() {
    let (tagged, ruled, _) = both("chromium-identity-h");
    assert_eq!(ruled.xs.len() - 1, 9);
    assert_eq!(ruled.ys.len() - 1, 4);
    assert_eq!(disagreements(&tagged, &ruled), Vec::<String>::new());
}

#[test]
fn libreoffice_tree_is_complete_and_agrees() {
    let (tagged, ruled, _) = both("libreoffice-tagged");
    // LibreOffice keeps the empty cells, writes RowSpan/ColSpan only where they are not 1,
    // and maps its own types through /RoleMap.
    let lens: Vec<usize> = tagged.rows.iter().map(Vec::len).collect();
    assert_eq!(lens, [9, 9, 5, 8]);
    assert!(tagged.rows[0].iter().all(|c| c.header));
    // The occupancy grid alone (no content boxes needed) is the ruled grid.
    let mut slots: Vec<_> = occupancy(&tagged)
        .iter()
        .map(|p| (p.row, p.col, p.row_span, p.col_span))
        .collect();
    slots.sort();
    assert_eq!(slots, ruled_slots(&ruled));
    assert!(slots.contains(&(1, 0, 2, 1)), "measure spans two rows");
    assert!(slots.contains(&(1, 6, 2, 1)) && slots.contains(&(1, 7, 2, 1)));
    assert!(
        slots.contains(&(1, 8, 2, 1)),
        "empty 該当事業 spans two rows"
    );
    assert!(
        slots.contains(&(3, 4, 1, 2)),
        "2025年度 entry spans two phases"
    );
    assert_eq!(disagreements(&tagged, &ruled), Vec::<String>::new());
}

#[test]
fn altered_tables_disagree() {
    let (tagged, ruled, _) = both("chromium-identity-h");

    // The tree says the measure spans one row; the ruling lines say two.
    let mut t = tagged.clone();
    t.rows[1][0].row_span = 1;
    assert_eq!(
        disagreements(&t, &ruled),
        ["cell r2 c1: structure tree spans 1x1, ruling lines 2x1"]
    );

    // The tree says the 2025年度 entry is one phase wide.
    let mut t = tagged.clone();
    t.rows[3][3].col_span = 1;
    assert_eq!(
        disagreements(&t, &ruled),
        ["cell r4 c5: structure tree spans 1x1, ruling lines 1x2"]
    );

    // The ruling lines merge two cells of the last row.
    let mut g = ruled.clone();
    let k = g
        .cells
        .iter()
        .position(|c| (c.row, c.col) == (3, 1))
        .unwrap();
    let right = g.cells.remove(k + 1);
    g.cells[k].col_span = 2;
    g.cells[k].x1 = right.x1;
    assert_eq!(
        disagreements(&tagged, &g),
        ["cell r4 c2: ruling lines give one cell, structure tree 2 cells"]
    );

    // The ruling lines lose the last row: said once, no cell listed.
    let mut g = ruled.clone();
    g.ys.pop();
    g.cells.retain(|c| c.row < 3);
    assert_eq!(
        disagreements(&tagged, &g),
        ["structure tree has 4 rows, ruling lines give 3"]
    );

    // The ruling lines split the first column in two.
    let mut g = ruled.clone();
    let mid = (g.xs[0] + g.xs[1]) / 2.0;
    g.xs.insert(1, mid);
    for c in &mut g.cells {
        if c.col > 0 {
            c.col += 1;
        }
    }
    assert_eq!(
        disagreements(&tagged, &g),
        ["structure tree has 9 columns, ruling lines give 10"]
    );

    // The ruled table is somewhere else on the page.
    let mut g = ruled.clone();
    for c in &mut g.cells {
        c.y0 -= 1000.0;
        c.y1 -= 1000.0;
    }
    assert_eq!(
        disagreements(&tagged, &g),
        ["23 cells of the structure tree lie outside the ruled table"]
    );
}

#[test]
fn untagged_pdfs_have_no_tables() {
    for name in [
        "libreoffice-truetype",
        "reportlab-cid-unijis",
        "no-text-layer",
        "encrypted-empty-user-password",
        "encrypted-password",
        "truncated",
    ] {
        assert!(tables(&variant(name)).is_empty(), "{name}");
    }
    let corpus = fixture("fixtures/editions/2025-06/followup.pdf");
    assert!(tables(&corpus).is_empty());
}

#[test]
fn garbage_gives_no_tables() {
    assert!(tables(b"").is_empty());
    assert!(tables(b"%PDF-").is_empty());
    assert!(tables(b"%PDF-1.7\n1 0 obj << /Type /Catalog /StructTreeRoot 1 0 R >>").is_empty());
    let noise: Vec<u8> = (0u32..50_000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(tables(&noise).is_empty());
    let mut with_header = b"%PDF-1.4\n".to_vec();
    with_header.extend_from_slice(&noise);
    assert!(tables(&with_header).is_empty());
    // Every prefix of a tagged file: no panic.
    let bytes = variant("chromium-identity-h");
    for cut in (0..bytes.len()).step_by(997) {
        let _ = tables(&bytes[..cut]);
    }
}

// ----------------------------------------------------------------- hand-written PDFs

fn stream(content: &str) -> String {
    format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// Objects 1–4: catalog (struct tree root = object 5), pages, one 600×400 page, and its
/// content: four filled 100×50 boxes marked with MCIDs 0–3, at (100,300) (200,300) (100,250)
/// (200,250).
fn page_objects(root_extra: &str) -> Vec<String> {
    let content = "/P <</MCID 0>> BDC 100 300 100 50 re f EMC \
                   /P <</MCID 1>> BDC 200 300 100 50 re f EMC \
                   /Span <</MCID 2>> BDC 100 250 100 50 re f EMC \
                   /Span <</MCID 3>> BDC 200 250 100 50 re f EMC";
    vec![
        format!("<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 5 0 R {root_extra} >>"),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 400] /Contents 4 0 R >>".to_string(),
        stream(content),
    ]
}

fn grid_2x2() -> Table {
    let cell = |row, col| GridCell {
        row,
        col,
        row_span: 1,
        col_span: 1,
        x0: 100.0 + 100.0 * col as f64,
        y0: 300.0 - 50.0 * row as f64,
        x1: 200.0 + 100.0 * col as f64,
        y1: 350.0 - 50.0 * row as f64,
    };
    Table {
        xs: vec![100.0, 200.0, 300.0],
        ys: vec![350.0, 300.0, 250.0],
        cells: vec![cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1)],
    }
}

#[test]
fn role_map_groups_attributes_and_marked_content_references() {
    let mut objs = page_objects("");
    objs.extend([
        // 5: root with a role map (a chain for the header cell) and a class map.
        "<< /Type /StructTreeRoot /K 6 0 R \
            /RoleMap << /Tabelle /Table /Zeile /TR /Kopf /Kopf2 /Kopf2 /TH /Zelle /TD >> \
            /ClassMap << /breit << /O /Table /ColSpan 2 >> >> >>"
            .to_string(),
        // 6: document → a custom table with THead and TBody.
        "<< /Type /StructElem /S /Document /P 5 0 R /K [7 0 R] >>".to_string(),
        "<< /Type /StructElem /S /Tabelle /P 6 0 R /Pg 3 0 R /K [8 0 R 9 0 R] >>".to_string(),
        // 8: THead with a row of two header cells.
        "<< /Type /StructElem /S /THead /K << /Type /StructElem /S /Zeile /K [10 0 R 11 0 R] >> >>"
            .to_string(),
        // 9: TBody with a row of one cell spanning two columns through its class.
        "<< /Type /StructElem /S /TBody /K [<< /Type /StructElem /S /Zeile /K 12 0 R >>] >>"
            .to_string(),
        // 10: header cell; its MCID through an MCR dict. Row span from the newest revision;
        // a Layout attribute with ColSpan is not a table attribute.
        "<< /Type /StructElem /S /Kopf /R 1 /K << /Type /MCR /MCID 0 /Pg 3 0 R >> \
            /A [<< /O /Table /RowSpan 2 >> 0 << /O /Table /RowSpan 1 >> 1 << /O /Layout /ColSpan 5 >>] >>"
            .to_string(),
        // 11: header cell with an integer MCID.
        "<< /Type /StructElem /S /TH /K 1 >>".to_string(),
        // 12: body cell, ColSpan 2 from its class, content in MCIDs 2 and 3.
        "<< /Type /StructElem /S /Zelle /C /breit /K [2 3] >>".to_string(),
    ]);
    let bytes = build_pdf(&objs);
    let t = tables(&bytes);
    assert_eq!(t.len(), 1);
    let t = &t[0];
    assert_eq!(t.page, 1);
    let cells: Vec<Vec<(bool, usize, usize)>> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| (c.header, c.row_span, c.col_span))
                .collect()
        })
        .collect();
    assert_eq!(
        cells,
        [vec![(true, 1, 1), (true, 1, 1)], vec![(false, 1, 2)]]
    );
    let b = t.rows[1][0].content.expect("content of MCIDs 2 and 3");
    assert_eq!((b.x0, b.y0, b.x1, b.y1), (100.0, 250.0, 300.0, 300.0));
    let b = t.rows[0][0].content.expect("content of the MCR");
    assert_eq!((b.x0, b.y0, b.x1, b.y1), (100.0, 300.0, 200.0, 350.0));

    // Against a 2×2 grid: the wide body cell's content lies across two ruled cells; its
    // centre is on the rule between them and is counted in the first.
    let d = disagreements(t, &grid_2x2());
    assert_eq!(
        d,
        ["cell r2 c1: structure tree spans 1x2, ruling lines 1x1"]
    );
}

#[test]
fn cycles_and_deep_trees_end() {
    // 6 is a table whose row lists the table itself and itself again; 8's kids are 8.
    let mut objs = page_objects("");
    objs.extend([
        "<< /Type /StructTreeRoot /K [6 0 R 6 0 R 8 0 R] >>".to_string(),
        "<< /Type /StructElem /S /Table /Pg 3 0 R /K [7 0 R] >>".to_string(),
        "<< /Type /StructElem /S /TR /K [6 0 R 7 0 R << /S /TD /K 0 >>] >>".to_string(),
        "<< /Type /StructElem /S /Div /K [8 0 R 8 0 R] >>".to_string(),
    ]);
    let t = tables(&build_pdf(&objs));
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].rows.len(), 1);
    assert_eq!(t[0].rows[0].len(), 1);

    // A chain of nested elements with a table at the bottom: found under 50 levels; under
    // 5,000 the reading stops at the depth limit, without a stack overflow.
    let chain = |n: usize| {
        let mut objs = page_objects("");
        objs.push("<< /Type /StructTreeRoot /K 6 0 R >>".to_string());
        for i in 0..n {
            objs.push(format!("<< /Type /StructElem /S /Div /K {} 0 R >>", 7 + i));
        }
        objs.push(
            "<< /Type /StructElem /S /Table /Pg 3 0 R /K << /S /TR /K << /S /TD >> >> >>".into(),
        );
        tables(&build_pdf(&objs))
    };
    assert_eq!(chain(50).len(), 1);
    assert!(chain(5000).is_empty());
}

#[test]
fn complete_tree_without_content_is_compared_by_slot() {
    // No MCIDs at all: the cells are placed by the occupancy grid.
    let mut objs = page_objects("");
    objs.extend([
        "<< /Type /StructTreeRoot /K 6 0 R >>".to_string(),
        "<< /Type /StructElem /S /Table /Pg 3 0 R /K [7 0 R 8 0 R] >>".to_string(),
        "<< /S /TR /K [<< /S /TD /A << /O /Table /RowSpan 2 >> >> << /S /TD >>] >>".to_string(),
        "<< /S /TR /K [<< /S /TD >>] >>".to_string(),
    ]);
    let t = tables(&build_pdf(&objs));
    assert_eq!(t.len(), 1);
    let slots: Vec<_> = occupancy(&t[0])
        .iter()
        .map(|p| (p.row, p.col, p.row_span, p.col_span))
        .collect();
    assert_eq!(slots, [(0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1)]);
    assert_eq!(
        disagreements(&t[0], &grid_2x2()),
        ["cell r1 c1: structure tree spans 2x1, ruling lines 1x1"]
    );
}
