//! Every fixture's JSON and records validate against the published schemas; broken JSON does not.

mod common;

use kouteihyo::output::{render, Format};
use kouteihyo::records::records;
use kouteihyo::schema::{validate_edition, validate_record};

#[test]
fn fixtures_validate_against_the_edition_schema() {
    for e in common::editions() {
        let ed = common::convert_dump(&e);
        let v = serde_json::to_value(&ed).unwrap();
        validate_edition(&v).unwrap_or_else(|errs| panic!("{e}: {}", errs.join("\n")));
        for r in records(&ed) {
            validate_record(&serde_json::to_value(&r).unwrap())
                .unwrap_or_else(|errs| panic!("{e}: {}", errs.join("\n")));
        }
        for f in [Format::Json, Format::Jsonl, Format::Csv] {
            assert!(!render(&ed, f).unwrap().is_empty());
        }
    }
}

#[test]
fn schema_rejects_what_it_should() {
    let ed = common::convert_dump("2025-06");
    let good = serde_json::to_value(&ed).unwrap();
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("sheets");
    let mut bad_span = good.clone();
    bad_span["sheets"][0]["cells"][0]["row_span"] = 0.into();
    let mut bad_role = good.clone();
    bad_role["sheets"][0]["columns"][0]["role"] = "schedule".into();
    let mut extra = good.clone();
    extra["sheets"][0]["cells"][0]["colour"] = "red".into();
    for (what, v) in [
        ("no sheets", missing),
        ("row_span 0", bad_span),
        ("unknown role", bad_role),
        ("extra field", extra),
    ] {
        let errs = validate_edition(&v).expect_err(what);
        assert!(
            errs.iter().all(|e| e.starts_with("at /")),
            "{what}: errors name a JSON pointer: {errs:?}"
        );
    }
}
