//! Scores the dump reading of 2025-06 against the hand-checked gold reading.

mod common;

use common::gold::{gold_json, gold_score};
use kouteihyo::edition::Edition;

#[test]
fn dump_2025_06_places_99_percent_of_gold_items() {
    let share = score(&common::convert_dump("2025-06"));
    assert!(
        share >= 0.99,
        "only {:.2}% of gold items placed right; misses above",
        share * 100.0
    );
}

#[test]
fn pdf_2025_06_placement_against_gold() {
    let p = common::root().join("fixtures/editions/2025-06/followup.pdf");
    let ed = kouteihyo::input::convert_file(&p).unwrap();
    let share = score(&ed);
    assert!(
        share >= PDF_FLOOR,
        "only {:.2}% of gold items placed right from the PDF; misses above",
        share * 100.0
    );
}

/// Issue 3 asks for 99 %; issue 12 raised the floor to what is measured. The untagged PDF
/// reading stands at 98.8 %: the one cell it misses (sheet 7,
/// 2024年度末) holds five one-line paragraphs whose breaks fall exactly where wraps would
/// (README, "PDF and dump: the differences left").
const PDF_FLOOR: f64 = 0.988;

/// Share of gold items found in the same sheet, column and measure with the same normalized text
/// (the misses and left-over items are printed).
fn score(ed: &Edition) -> f64 {
    let s = gold_score(ed);
    s.print();
    s.share()
}

/// Gold cells whose (row span, column span) the edition matches (alternatives count): (agree, total).
fn span_agreement(ed: &Edition) -> (usize, usize) {
    let gold = gold_json();
    let (mut total, mut agree) = (0, 0);
    for gs in gold["sheets"].as_array().unwrap() {
        let sheet = ed
            .sheets
            .iter()
            .find(|s| s.number as u64 == gs["sheet"].as_u64().unwrap())
            .unwrap();
        for c in gs["cells"].as_array().unwrap() {
            let (r, col) = (
                c["r"].as_u64().unwrap() as usize,
                c["c"].as_u64().unwrap() as usize,
            );
            let want = (
                c["rs"].as_u64().unwrap() as usize,
                c["cs"].as_u64().unwrap() as usize,
            );
            let mut accepted = vec![want];
            for a in gs["ambiguous"].as_array().unwrap() {
                if a["r"].as_u64() == Some(r as u64) && a["c"].as_u64() == Some(col as u64) {
                    for alt in a["alternatives"].as_array().unwrap() {
                        let rs = alt["rs"].as_u64().map_or(want.0, |x| x as usize);
                        let cs = alt["cs"].as_u64().map_or(want.1, |x| x as usize);
                        accepted.push((rs, cs));
                    }
                }
            }
            total += 1;
            match sheet.cells.iter().find(|x| x.row == r && x.col == col) {
                Some(x) if accepted.contains(&(x.row_span, x.col_span)) => agree += 1,
                Some(x) => println!(
                    "sheet {} r{r} c{col}: spans {:?}, gold {:?}",
                    sheet.number,
                    (x.row_span, x.col_span),
                    accepted
                ),
                None => println!("sheet {} r{r} c{col}: no cell", sheet.number),
            }
        }
    }
    println!("spans agree for {agree} of {total} gold cells");
    (agree, total)
}

#[test]
fn dump_2025_06_spans_agree_with_gold() {
    let (agree, total) = span_agreement(&common::convert_dump("2025-06"));
    assert!(
        agree * 100 >= total * 99,
        "spans agree for only {agree} of {total}"
    );
}

#[test]
fn pdf_2025_06_spans_agree_with_gold() {
    let p = common::root().join("fixtures/editions/2025-06/followup.pdf");
    let (agree, total) = span_agreement(&kouteihyo::input::convert_file(&p).unwrap());
    assert!(
        agree * 100 >= total * 99,
        "spans agree for only {agree} of {total}"
    );
}
