//! Unit tests of the ruled grid, the header fallback and cell text lines.

use super::header::{table_from_header, table_rows};
use super::rules::prepare;
use super::*;
use crate::pdf::glyph::Glyph;
use crate::pdf::lines::{assign, cell_lines, text_lines};

fn h(y: f64, x0: f64, x1: f64) -> Rule {
    Rule {
        x0,
        y0: y,
        x1,
        y1: y,
    }
}

fn v(x: f64, y0: f64, y1: f64) -> Rule {
    Rule {
        x0: x,
        y0,
        x1: x,
        y1,
    }
}

/// Full grid: horizontal rules at each y spanning xs, vertical rules at each x spanning ys.
fn grid(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
    let (xmin, xmax) = (xs[0], xs[xs.len() - 1]);
    let (ymin, ymax) = (ys[0], ys[ys.len() - 1]);
    let mut out: Vec<Rule> = ys.iter().map(|&y| h(y, xmin, xmax)).collect();
    out.extend(xs.iter().map(|&x| v(x, ymin, ymax)));
    out
}

/// Grid built from per-slot boundary segments so individual pieces can be removed.
fn segmented(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
    let mut out = Vec::new();
    for &y in ys {
        for w in xs.windows(2) {
            out.push(h(y, w[0], w[1]));
        }
    }
    for &x in xs {
        for w in ys.windows(2) {
            out.push(v(x, w[0], w[1]));
        }
    }
    out
}

fn glyph(text: &str, x0: f64, y0: f64, size: f64) -> Glyph {
    Glyph {
        text: text.into(),
        x0,
        y0,
        x1: x0 + size,
        y1: y0 + size,
        size,
        font: std::sync::Arc::from(""),
        vertical: false,
    }
}

fn vglyph(text: &str, x0: f64, y0: f64, size: f64) -> Glyph {
    Glyph {
        vertical: true,
        ..glyph(text, x0, y0, size)
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn close_all(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(p, q)| (p - q).abs() < 1e-6)
}

fn all_single(t: &Table) -> bool {
    t.cells.iter().all(|c| c.row_span == 1 && c.col_span == 1)
}

/// Every slot is covered by exactly one cell.
fn slots_partitioned(t: &Table) -> bool {
    let nr = t.ys.len() - 1;
    let nc = t.xs.len() - 1;
    let mut count = vec![0; nr * nc];
    for c in &t.cells {
        for r in c.row..c.row + c.row_span {
            for k in c.col..c.col + c.col_span {
                count[r * nc + k] += 1;
            }
        }
    }
    count.iter().all(|&n| n == 1)
}

#[test]
fn plain_3x3_grid() {
    let rules = grid(&[0.0, 100.0, 200.0, 300.0], &[0.0, 20.0, 40.0, 60.0]);
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert!(close_all(&t.xs, &[0.0, 100.0, 200.0, 300.0]));
    assert!(close_all(&t.ys, &[60.0, 40.0, 20.0, 0.0]));
    assert_eq!(t.cells.len(), 9);
    assert!(all_single(t));
    assert!(slots_partitioned(t));
    let c = &t.cells[0];
    assert_eq!((c.row, c.col), (0, 0));
    assert!(close(c.x0, 0.0) && close(c.x1, 100.0) && close(c.y1, 60.0) && close(c.y0, 40.0));
    let last = &t.cells[8];
    assert_eq!((last.row, last.col), (2, 2));
}

#[test]
fn missing_vertical_rule_gives_col_span() {
    let xs = [0.0, 100.0, 200.0, 300.0];
    let ys = [0.0, 20.0, 40.0, 60.0];
    // Remove the vertical piece at x=100 in the top row (y 40..60).
    let rules: Vec<Rule> = segmented(&xs, &ys)
        .into_iter()
        .filter(|r| !(r.x0 == 100.0 && r.x1 == 100.0 && r.y0 == 40.0))
        .collect();
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t.cells.len(), 8);
    assert!(slots_partitioned(t));
    let c = &t.cells[0];
    assert_eq!((c.row, c.col, c.row_span, c.col_span), (0, 0, 1, 2));
    assert!(close(c.x0, 0.0) && close(c.x1, 200.0));
}

#[test]
fn missing_horizontal_rule_gives_row_span() {
    let xs = [0.0, 100.0, 200.0, 300.0];
    let ys = [0.0, 20.0, 40.0, 60.0];
    // Remove the horizontal piece at y=40 in the middle column (x 100..200).
    let rules: Vec<Rule> = segmented(&xs, &ys)
        .into_iter()
        .filter(|r| !(r.y0 == 40.0 && r.y1 == 40.0 && r.x0 == 100.0))
        .collect();
    let tables = find_tables(&rules, &Tolerances::default());
    let t = &tables[0];
    assert_eq!(t.cells.len(), 8);
    assert!(slots_partitioned(t));
    let c = t.cells.iter().find(|c| c.row == 0 && c.col == 1).unwrap();
    assert_eq!((c.row_span, c.col_span), (2, 1));
    assert!(close(c.y1, 60.0) && close(c.y0, 20.0));
}

#[test]
fn misaligned_rules_snap() {
    let mut rules = segmented(&[0.0, 100.0, 200.0, 300.0], &[0.0, 20.0, 40.0, 60.0]);
    for (i, r) in rules.iter_mut().enumerate() {
        let d = if i % 2 == 0 { 1.5 } else { -1.5 };
        if r.y0 == r.y1 {
            r.y0 += d;
            r.y1 += d;
        } else {
            r.x0 += d;
            r.x1 += d;
        }
    }
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t.xs.len(), 4);
    assert_eq!(t.ys.len(), 4);
    assert_eq!(t.cells.len(), 9);
    assert!(all_single(t));
    for (got, want) in t.xs.iter().zip([0.0, 100.0, 200.0, 300.0]) {
        assert!((got - want).abs() <= 1.5);
    }
}

#[test]
fn split_rules_are_joined() {
    let mut rules = Vec::new();
    // Each full rule split into 3 pieces with 2 pt gaps.
    for &y in &[0.0, 30.0, 60.0] {
        rules.push(h(y, 0.0, 99.0));
        rules.push(h(y, 101.0, 199.0));
        rules.push(h(y, 201.0, 300.0));
    }
    for &x in &[0.0, 150.0, 300.0] {
        rules.push(v(x, 0.0, 29.0));
        rules.push(v(x, 31.0, 60.0));
    }
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert!(close_all(&t.xs, &[0.0, 150.0, 300.0]));
    assert!(close_all(&t.ys, &[60.0, 30.0, 0.0]));
    assert_eq!(t.cells.len(), 4);
    assert!(all_single(t));
    // Joining happened: the internal helper merges the pieces.
    let (hs, vs) = prepare(&rules, &Tolerances::default());
    assert_eq!(hs.len(), 3);
    assert_eq!(vs.len(), 3);
}

#[test]
fn two_tables_on_one_page() {
    let mut rules = grid(&[50.0, 150.0, 250.0], &[500.0, 520.0, 540.0]);
    rules.extend(grid(
        &[50.0, 100.0, 150.0, 200.0],
        &[100.0, 120.0, 140.0, 160.0],
    ));
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 2);
    // Top table first.
    assert!(close(tables[0].ys[0], 540.0));
    assert_eq!(tables[0].cells.len(), 4);
    assert!(close(tables[1].ys[0], 160.0));
    assert_eq!(tables[1].cells.len(), 9);
}

#[test]
fn filled_rectangle_centre_lines() {
    // Thin filled rectangles (0.8 pt) given as centre lines, plus a reversed rule.
    let mut rules = vec![
        Rule {
            x0: 0.0,
            y0: 50.4,
            x1: 200.0,
            y1: 50.4,
        },
        Rule {
            x0: 200.0,
            y0: 25.4,
            x1: 0.0,
            y1: 25.4,
        },
        Rule {
            x0: 0.0,
            y0: 0.4,
            x1: 200.0,
            y1: 0.4,
        },
    ];
    for &x in &[0.4, 100.4, 200.4] {
        rules.push(Rule {
            x0: x,
            y0: 50.8,
            x1: x,
            y1: 0.0,
        });
    }
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].cells.len(), 4);
    assert!(close_all(&tables[0].xs, &[0.4, 100.4, 200.4]));
}

#[test]
fn single_line_is_no_table() {
    assert!(find_tables(&[h(100.0, 0.0, 500.0)], &Tolerances::default()).is_empty());
    assert!(find_tables(&[], &Tolerances::default()).is_empty());
    // A cross (1 h + 1 v) is no table either.
    let cross = [h(50.0, 0.0, 100.0), v(50.0, 0.0, 100.0)];
    assert!(find_tables(&cross, &Tolerances::default()).is_empty());
    // Diagonal and zero-length rules are dropped.
    let junk = [
        Rule {
            x0: 0.0,
            y0: 0.0,
            x1: 100.0,
            y1: 100.0,
        },
        Rule {
            x0: 5.0,
            y0: 5.0,
            x1: 5.0,
            y1: 5.0,
        },
    ];
    assert!(find_tables(&junk, &Tolerances::default()).is_empty());
}

#[test]
fn nan_coordinates_ignored() {
    let mut rules = grid(&[0.0, 100.0, 200.0], &[0.0, 20.0, 40.0]);
    rules.push(Rule {
        x0: f64::NAN,
        y0: 10.0,
        x1: 50.0,
        y1: 10.0,
    });
    rules.push(Rule {
        x0: 150.0,
        y0: f64::INFINITY,
        x1: 150.0,
        y1: 0.0,
    });
    rules.push(Rule {
        x0: f64::NEG_INFINITY,
        y0: 30.0,
        x1: f64::INFINITY,
        y1: 30.0,
    });
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].cells.len(), 4);
    // Nonsense tolerances fall back to defaults instead of panicking.
    let bad = Tolerances {
        snap: f64::NAN,
        join: -1.0,
        intersection: f64::INFINITY,
        min_cell: f64::NAN,
    };
    assert_eq!(find_tables(&rules, &bad).len(), 1);
    // All-NaN input.
    let nan = [Rule {
        x0: f64::NAN,
        y0: f64::NAN,
        x1: f64::NAN,
        y1: f64::NAN,
    }; 4];
    assert!(find_tables(&nan, &Tolerances::default()).is_empty());
}

#[test]
fn missing_outer_border_still_a_table() {
    // No left border: horizontal rules start at x=0 but the first vertical is at x=100.
    let rules = vec![
        h(0.0, 0.0, 300.0),
        h(20.0, 0.0, 300.0),
        h(40.0, 0.0, 300.0),
        v(100.0, 0.0, 40.0),
        v(200.0, 0.0, 40.0),
        v(300.0, 0.0, 40.0),
    ];
    let tables = find_tables(&rules, &Tolerances::default());
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert!(close_all(&t.xs, &[0.0, 100.0, 200.0, 300.0]));
    assert_eq!(t.cells.len(), 6);
    assert!(all_single(t));
    // No top border: verticals reach y=60 above the top horizontal rule at 40.
    let rules = vec![
        h(0.0, 0.0, 200.0),
        h(20.0, 0.0, 200.0),
        h(40.0, 0.0, 200.0),
        v(0.0, 0.0, 60.0),
        v(100.0, 0.0, 60.0),
        v(200.0, 0.0, 60.0),
    ];
    let t = &find_tables(&rules, &Tolerances::default())[0];
    assert!(close_all(&t.ys, &[60.0, 40.0, 20.0, 0.0]));
    assert_eq!(t.cells.len(), 6);
}

#[test]
fn non_rectangular_merge_falls_back_to_rows() {
    let xs = [0.0, 100.0, 200.0];
    let ys = [0.0, 20.0, 40.0];
    // L-shape: remove the vertical between top slots and the horizontal under the top-left slot.
    let rules: Vec<Rule> = segmented(&xs, &ys)
        .into_iter()
        .filter(|r| !(r.x0 == 100.0 && r.x1 == 100.0 && r.y0 == 20.0))
        .filter(|r| !(r.y0 == 20.0 && r.y1 == 20.0 && r.x0 == 0.0))
        .collect();
    let t = &find_tables(&rules, &Tolerances::default())[0];
    assert!(slots_partitioned(t));
    assert_eq!(t.cells.len(), 3);
    let top = &t.cells[0];
    assert_eq!((top.row, top.col, top.row_span, top.col_span), (0, 0, 1, 2));
}

#[test]
fn near_duplicate_edges_merged() {
    // A vertical rule 3.5 pt from another (beyond a 1 pt snap) collapses via min_cell.
    let mut rules = grid(&[0.0, 100.0, 200.0], &[0.0, 20.0, 40.0]);
    rules.push(v(103.5, 0.0, 40.0));
    let tol = Tolerances {
        snap: 1.0,
        ..Tolerances::default()
    };
    let t = &find_tables(&rules, &tol)[0];
    assert_eq!(t.xs.len(), 3);
    assert_eq!(t.cells.len(), 4);
}

#[test]
fn assign_glyphs_to_cells() {
    let xs = [0.0, 100.0, 200.0, 300.0];
    let ys = [0.0, 20.0, 40.0, 60.0];
    let rules: Vec<Rule> = segmented(&xs, &ys)
        .into_iter()
        .filter(|r| !(r.x0 == 100.0 && r.x1 == 100.0 && r.y0 == 40.0))
        .collect();
    let t = &find_tables(&rules, &Tolerances::default())[0];
    let glyphs = vec![
        glyph("A", 10.0, 45.0, 10.0),  // merged top cell, left half
        glyph("B", 150.0, 45.0, 10.0), // merged top cell, right half
        glyph("C", 250.0, 45.0, 10.0), // row 0 col 2
        glyph("D", 110.0, 5.0, 10.0),  // row 2 col 1
        glyph("E", 500.0, 5.0, 10.0),  // outside
        Glyph {
            x0: f64::NAN,
            ..glyph("F", 10.0, 5.0, 10.0)
        },
    ];
    let a = assign(t, &glyphs);
    assert_eq!(a.len(), t.cells.len());
    let idx = |r: usize, c: usize| {
        t.cells
            .iter()
            .position(|x| x.row == r && x.col == c)
            .unwrap()
    };
    assert_eq!(a[idx(0, 0)], vec![0, 1]);
    assert_eq!(a[idx(0, 2)], vec![2]);
    assert_eq!(a[idx(2, 1)], vec![3]);
    let total: usize = a.iter().map(|v| v.len()).sum();
    assert_eq!(total, 4);
}

#[test]
fn cell_lines_horizontal_order() {
    let gs = [
        glyph("d", 20.0, 10.0, 10.0),
        glyph("b", 10.0, 30.5, 10.0),
        glyph("c", 10.0, 10.0, 10.0),
        glyph("a", 0.0, 30.0, 10.0),
        Glyph {
            y0: f64::NAN,
            ..glyph("x", 0.0, 0.0, 10.0)
        },
    ];
    let refs: Vec<&Glyph> = gs.iter().collect();
    assert_eq!(
        cell_lines(&refs, &TextTolerances::DEFAULT),
        vec!["ab".to_string(), "cd".to_string()]
    );
    // Latin words with a visible gap get a space; CJK does not.
    let gs = [
        glyph("AB", 0.0, 0.0, 10.0),
        glyph("CD", 25.0, 0.0, 10.0),
        glyph("創", 0.0, 20.0, 10.0),
        glyph("薬", 15.0, 20.0, 10.0),
    ];
    let refs: Vec<&Glyph> = gs.iter().collect();
    assert_eq!(
        cell_lines(&refs, &TextTolerances::DEFAULT),
        vec!["創薬".to_string(), "AB CD".to_string()]
    );
    assert!(cell_lines(&[], &TextTolerances::DEFAULT).is_empty());
}

#[test]
fn cell_lines_vertical_reading() {
    // Two vertical columns: right column read first, each top to bottom.
    let gs = [
        vglyph("く", 0.0, 80.0, 10.0),
        vglyph("か", 20.0, 70.0, 10.0),
        vglyph("あ", 20.0, 90.0, 10.0),
        vglyph("き", 0.0, 90.0, 10.0),
        vglyph("い", 20.0, 80.0, 10.0),
    ];
    let refs: Vec<&Glyph> = gs.iter().collect();
    assert_eq!(
        cell_lines(&refs, &TextTolerances::DEFAULT),
        vec!["あいか".to_string(), "きく".to_string()]
    );
}

#[test]
fn lines_group_into_rows_at_wide_gaps() {
    // Two rows of three and two lines (pitch 9), 15 apart.
    let lines = vec![
        (91.0, 100.0),
        (82.0, 91.0),
        (73.0, 82.0),
        (49.0, 58.0),
        (40.0, 49.0),
    ];
    assert_eq!(table_rows(lines), [(73.0, 100.0), (40.0, 58.0)]);
    // Evenly spaced lines: one row each.
    let even = vec![(91.0, 100.0), (82.0, 91.0), (73.0, 82.0)];
    assert_eq!(table_rows(even.clone()), even);
}

#[test]
fn header_columns_and_body_rows() {
    let labels = ["施策", "担当", "2024", "2025", "KPI"];
    let mut header = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        let x = 50.0 + 100.0 * i as f64;
        for (k, ch) in l.chars().enumerate() {
            header.push(glyph(&ch.to_string(), x + 10.0 * k as f64, 700.0, 10.0));
        }
    }
    let mut body = Vec::new();
    // Three body lines at y=680, 660, 640; each has a word under every column.
    for (line, y) in [680.0, 660.0, 640.3].iter().enumerate() {
        for col in 0..5 {
            let x = 50.0 + 100.0 * col as f64;
            body.push(glyph(&format!("r{line}c{col}"), x, *y, 10.0));
        }
    }
    body.push(Glyph {
        x1: f64::INFINITY,
        ..glyph("z", 0.0, 600.0, 10.0)
    });
    let t = table_from_header(
        &header,
        &body,
        &Tolerances::default(),
        &TextTolerances::DEFAULT,
    )
    .unwrap();
    assert_eq!(t.xs.len(), 6);
    assert_eq!(t.ys.len(), 5, "header row + 3 body rows");
    assert_eq!(t.cells.len(), 20);
    assert!(close(t.xs[0], 50.0));
    assert!(close(t.xs[1], (70.0 + 150.0) / 2.0));
    assert!(close(t.ys[0], 710.0));
    assert!(t.ys.windows(2).all(|w| w[0] > w[1]));
    let a = assign(&t, &body);
    for (line, _) in [680.0, 660.0, 640.0].iter().enumerate() {
        for col in 0..5 {
            let k = t
                .cells
                .iter()
                .position(|c| c.row == line + 1 && c.col == col)
                .unwrap();
            assert_eq!(a[k], vec![line * 5 + col]);
        }
    }
    let ha = assign(&t, &header);
    let k0 = t
        .cells
        .iter()
        .position(|c| c.row == 0 && c.col == 0)
        .unwrap();
    assert_eq!(ha[k0], vec![0, 1]);
    assert!(
        table_from_header(&[], &body, &Tolerances::default(), &TextTolerances::DEFAULT).is_none()
    );
    // Header only: a single row.
    let t = table_from_header(
        &header,
        &[],
        &Tolerances::default(),
        &TextTolerances::DEFAULT,
    )
    .unwrap();
    assert_eq!(t.ys.len(), 2);
}

/// A coordinate: mostly on a 5 pt lattice (so rules meet and repeat), sometimes NaN,
/// infinite or negative zero.
fn coord() -> impl proptest::strategy::Strategy<Value = f64> {
    use proptest::prelude::*;
    prop_oneof![
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(-0.0),
        97 => (0u32..60).prop_map(|v| f64::from(v) * 5.0),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(50))]

    #[test]
    fn pseudo_random_input_never_panics(
        triples in proptest::collection::vec((coord(), coord(), coord()), 40),
        boxes in proptest::collection::vec((coord(), coord(), coord()), 20),
    ) {
        let rules: Vec<Rule> = triples
            .iter()
            .enumerate()
            .map(|(k, &(a, b, c))| if k % 2 == 0 { h(a, b, c) } else { v(a, b, c) })
            .collect();
        let tol = Tolerances::default();
        for t in find_tables(&rules, &tol) {
            proptest::prop_assert!(slots_partitioned(&t));
            proptest::prop_assert!(t.xs.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert!(t.ys.windows(2).all(|w| w[0] > w[1]));
        }
        let glyphs: Vec<Glyph> = boxes.iter().map(|&(a, b, c)| glyph("g", a, b, c)).collect();
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let _ = cell_lines(&refs, &TextTolerances::DEFAULT);
        if let Some(t) = table_from_header(&glyphs[..5], &glyphs[5..], &tol, &TextTolerances::DEFAULT) {
            let _ = assign(&t, &glyphs);
        }
    }
}

#[test]
fn defaults_and_clone() {
    let c = GridCell {
        row: 1,
        col: 2,
        row_span: 1,
        col_span: 1,
        x0: 0.0,
        y0: 0.0,
        x1: 1.0,
        y1: 1.0,
    };
    let t = Table {
        xs: vec![0.0, 1.0],
        ys: vec![1.0, 0.0],
        cells: vec![c],
    };
    let d = Tolerances::default();
    assert_eq!(
        (d.snap, d.join, d.intersection, d.min_cell),
        (3.0, 3.0, 3.0, 4.0)
    );
    assert_eq!(t.clone(), t);
}

#[test]
fn leading_blank_glyphs_are_dropped_and_trailing_ones_kept_as_one_space() {
    let mut gs: Vec<Glyph> = (0..5)
        .map(|i| glyph("\u{3000}", f64::from(i) * 10.0, 100.0, 10.0))
        .collect();
    gs.push(glyph("施", 50.0, 100.0, 10.0));
    gs.push(glyph("策", 60.0, 100.0, 10.0));
    gs.push(glyph(" ", 70.0, 100.0, 10.0));
    gs.push(glyph(" ", 80.0, 100.0, 10.0));
    let refs: Vec<&Glyph> = gs.iter().collect();
    let lines = text_lines(&refs, &TextTolerances::DEFAULT);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].text, "施策 ");
    assert!(lines[0].trailing_space);
    let texts: Vec<&str> = lines[0].glyphs.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(texts, ["施", "策"]);
    assert!(close(lines[0].x0(), 50.0));
}

/// `assign` as it was before it bisected the edges: the first column and row whose span holds
/// the glyph's centre, by a scan.
fn assign_by_scan(table: &Table, glyphs: &[Glyph]) -> Vec<Vec<usize>> {
    let (n_cols, n_rows) = (table.xs.len() - 1, table.ys.len() - 1);
    let mut out = vec![Vec::new(); table.cells.len()];
    for (i, g) in glyphs.iter().enumerate() {
        let (x0, y0, x1, y1) = g.bounds();
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        if !g.is_finite() || !cx.is_finite() || !cy.is_finite() {
            continue;
        }
        let col = (0..n_cols).find(|&c| cx >= table.xs[c] && cx <= table.xs[c + 1]);
        let row = (0..n_rows).find(|&r| cy <= table.ys[r] && cy >= table.ys[r + 1]);
        if let (Some(r), Some(c)) = (row, col) {
            let k = table.cells.iter().position(|cell| {
                (cell.row..cell.row + cell.row_span).contains(&r)
                    && (cell.col..cell.col + cell.col_span).contains(&c)
            });
            if let Some(k) = k {
                out[k].push(i);
            }
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Glyph centres anywhere, on edges included (a centre on a shared edge goes to the
    /// column on its left and the row above): bisection finds the cell the scan found.
    #[test]
    fn assign_bisects_as_the_scan_finds(
        cols in proptest::collection::btree_set(0u32..40, 2..8),
        rows in proptest::collection::btree_set(0u32..40, 2..8),
        centres in proptest::collection::vec((0u32..90, 0u32..90), 1..40),
    ) {
        let xs: Vec<f64> = cols.iter().map(|&c| f64::from(c) * 10.0).collect();
        let ys: Vec<f64> = rows.iter().map(|&r| f64::from(r) * 10.0).collect();
        let tables = find_tables(&segmented(&xs, &ys), &Tolerances::default());
        let Some(t) = tables.first() else { return Ok(()) };
        // 2 pt glyphs centred on a 5 pt lattice, half of them on the grid's own edges.
        let glyphs: Vec<Glyph> = centres
            .iter()
            .map(|&(x, y)| glyph("g", f64::from(x) * 5.0 - 1.0, f64::from(y) * 5.0 - 1.0, 2.0))
            .collect();
        proptest::prop_assert_eq!(assign(t, &glyphs), assign_by_scan(t, &glyphs));
    }
}
