//! Schedule entries drawn as shapes over a fully ruled table: a chevron arrow and a framed,
//! shaded box across phase columns are one cell with that column span
//! (fixtures/pdf-variants/reportlab-arrows.pdf, made by scripts/pdf-fixtures/rl_arrows.py).

mod common;

use kouteihyo::edition::{Cell, Sheet};
use kouteihyo::roles::Role;

fn sheet() -> Sheet {
    let p = common::root().join("fixtures/pdf-variants/reportlab-arrows.pdf");
    let ed = kouteihyo::input::convert_file(&p).unwrap();
    assert_eq!(ed.sheets.len(), 1);
    ed.sheets.into_iter().next().unwrap()
}

fn cell_with<'a>(s: &'a Sheet, text: &str) -> &'a Cell {
    s.cells
        .iter()
        .find(|c| c.items.iter().any(|i| i.text.contains(text)))
        .unwrap_or_else(|| panic!("no cell holds {text}"))
}

fn phases(s: &Sheet, c: &Cell) -> Vec<String> {
    (c.col..c.col + c.col_span)
        .map(|k| s.columns[k].label.text.clone())
        .collect()
}

#[test]
fn an_arrow_across_two_phases_is_one_cell_spanning_them() {
    let s = sheet();
    let c = cell_with(&s, "窓口の運用");
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.items[0].text, "窓口の運用と海外企業への周知");
    assert_eq!((c.row_span, c.col_span), (1, 2));
    assert_eq!(phases(&s, c), ["2025年度", "2026-2028年度"]);
    assert!(
        (c.col..c.col + c.col_span).all(|k| s.role(k) == Role::Phase),
        "the span stays inside the phase columns"
    );
}

#[test]
fn a_framed_box_across_three_phases_neither_splits_rows_nor_text() {
    let s = sheet();
    let c = cell_with(&s, "大規模改修事業");
    assert_eq!(c.items[0].text, "大規模改修事業の実施");
    assert_eq!((c.row_span, c.col_span), (1, 3));
    assert_eq!(phases(&s, c), ["2024年末", "2024年度末", "2025年度"]);
    // The box's frame is not a ruling line: the table keeps its two body rows.
    assert_eq!(s.n_rows, 2);
    assert_eq!(cell_with(&s, "治験DB").row_span, 1);
}

#[test]
fn a_measure_title_broken_over_lines_is_one_item() {
    let s = sheet();
    let c = cell_with(&s, "国際共同治験の");
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.items[0].text, "国際共同治験の相談窓口の整備");
    assert_eq!(c.items[0].raw, "国際共同治験の\n相談窓口の整備");
}
