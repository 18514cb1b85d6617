//! Snapshot of each bundled edition's JSON, from the dump and from the PDF (reviewed on change with `cargo insta review`).

mod common;

#[test]
fn edition_json_snapshots() {
    for e in common::editions() {
        let ed = common::convert_dump(&e);
        let value = serde_json::to_value(&ed).unwrap();
        insta::assert_json_snapshot!(format!("dump-{e}"), value);
    }
}

#[test]
fn pdf_edition_json_snapshots() {
    for e in common::editions() {
        let ed = common::convert_pdf(&e);
        let value = serde_json::to_value(&ed).unwrap();
        insta::assert_json_snapshot!(format!("pdf-{e}"), value);
    }
}
