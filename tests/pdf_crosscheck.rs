//! The PDF and the dump of one edition give the same items: where the PDF front-end stands.

mod common;

use kouteihyo::records::records;
use kouteihyo::text::normalize::comparison_key;
use std::collections::HashMap;

/// Share of the dump's items that the PDF reading has in the same sheet, column and measure
/// with the same text (compared by comparison key).
fn agreement(edition: &str) -> f64 {
    let dump = common::convert_dump(edition);
    let pdf = kouteihyo::input::convert_file(
        &common::root().join(format!("fixtures/editions/{edition}/followup.pdf")),
    )
    .unwrap();
    assert_eq!(pdf.source.format, kouteihyo::edition::SourceFormat::Pdf);
    assert_eq!(
        pdf.as_of, dump.as_of,
        "{edition}: as-of read from the PDF footnote"
    );
    assert_eq!(pdf.sheets.len(), dump.sheets.len(), "{edition}: sheets");
    let key = |r: &kouteihyo::records::Record| {
        (
            r.sheet,
            r.column_label.clone(),
            comparison_key(&r.measure),
            comparison_key(&r.text),
        )
    };
    let mut have: HashMap<_, usize> = HashMap::new();
    for r in records(&pdf) {
        *have.entry(key(&r)).or_default() += 1;
    }
    let all = records(&dump);
    let mut same = 0;
    let mut missing = Vec::new();
    for r in &all {
        match have.get_mut(&key(r)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                same += 1;
            }
            _ => missing.push(format!(
                "sheet {} {} [{}]: {}",
                r.sheet,
                r.column_label,
                r.measure.chars().take(20).collect::<String>(),
                r.text.chars().take(50).collect::<String>()
            )),
        }
    }
    let share = same as f64 / all.len() as f64;
    println!(
        "{edition}: {same} of {} dump items found in the PDF reading ({:.1}%)",
        all.len(),
        share * 100.0
    );
    for m in missing.iter().take(40) {
        println!("  not in PDF: {m}");
    }
    share
}

/// Issue 3: the PDF and the dump agree on at least 98 % of items.
const FLOOR: f64 = 0.982;

#[test]
fn pdf_and_dump_agree_on_most_items() {
    for e in common::editions() {
        let share = agreement(&e);
        assert!(
            share >= FLOOR,
            "{e}: only {:.1}% of items agree",
            share * 100.0
        );
    }
}
