//! Every fixture's JSON and records validate against the published schemas; broken JSON does not.

mod common;

use kouteihyo::output::{render, Format};
use kouteihyo::records::records;
use kouteihyo::schema::{validate_edition, validate_record};

/// Schema violations, one per line.
fn lines(errs: &[kouteihyo::error::Violation]) -> String {
    errs.iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixtures_validate_against_the_edition_schema() {
    for e in common::editions() {
        let ed = common::convert_dump(&e);
        let v = serde_json::to_value(&ed).unwrap();
        validate_edition(&v).unwrap_or_else(|errs| panic!("{e}: {}", lines(&errs)));
        for r in records(&ed) {
            validate_record(&serde_json::to_value(&r).unwrap())
                .unwrap_or_else(|errs| panic!("{e}: {}", lines(&errs)));
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
            errs.iter()
                .all(|e| e.pointer.starts_with('/') && e.to_string().starts_with("at /")),
            "{what}: errors name a JSON pointer: {errs:?}"
        );
    }
}

/// Walks a schema and returns the JSON pointers of properties without a description.
fn undocumented(node: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match node {
        serde_json::Value::Object(map) => {
            if let Some(props) = map.get("properties").and_then(|p| p.as_object()) {
                for (name, p) in props {
                    let here = format!("{at}/properties/{name}");
                    let described = p
                        .get("description")
                        .and_then(|d| d.as_str())
                        .is_some_and(|d| !d.trim().is_empty());
                    // A bare reference takes the description of what it points to.
                    if !described && p.get("$ref").is_none() {
                        out.push(here.clone());
                    }
                }
            }
            // Conditional subschemas (if/then/oneOf …) constrain fields declared elsewhere.
            for (k, v) in map.iter().filter(|(k, _)| {
                !["if", "then", "else", "allOf", "oneOf", "anyOf", "not"].contains(&k.as_str())
            }) {
                undocumented(v, format!("{at}/{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                undocumented(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Every schema the program ships.
const BUNDLED: [&str; 3] = [
    kouteihyo::schema::EDITION_SCHEMA,
    kouteihyo::schema::RECORD_SCHEMA,
    kouteihyo::schema::DIFF_SCHEMA,
];

#[test]
fn published_schemas_have_an_id_and_describe_every_field() {
    for text in BUNDLED {
        let s: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(s["$id"]
            .as_str()
            .is_some_and(|id| id.ends_with(".schema.json")));
        assert!(s["description"].is_string());
        let mut missing = Vec::new();
        undocumented(&s, String::new(), &mut missing);
        assert!(
            missing.is_empty(),
            "{} lacks descriptions: {missing:?}",
            s["$id"]
        );
        if let Some(defs) = s["$defs"].as_object() {
            for (name, d) in defs {
                assert!(
                    d["description"].is_string(),
                    "$defs/{name} lacks a description"
                );
            }
        }
    }
}

/// Every bundled schema is a valid JSON Schema 2020-12 document (checked against the
/// meta-schema, which the program skips when it compiles them: see `schema::options`), and
/// the check sees a broken one.
#[test]
fn bundled_schemas_are_valid_2020_12_schemas() {
    for text in BUNDLED {
        let s: serde_json::Value = serde_json::from_str(text).unwrap();
        if let Err(e) = jsonschema::meta::validate(&s) {
            panic!("{} is not a valid schema: {e}", s["$id"]);
        }
        let mut broken = s.clone();
        broken["$defs"]
            .as_object_mut()
            .and_then(|defs| defs.values_mut().next())
            .map(|d| d["type"] = serde_json::json!(5))
            .unwrap_or_else(|| broken["type"] = serde_json::json!(5));
        assert!(
            jsonschema::meta::validate(&broken).is_err(),
            "{}: a `type` of 5 passed the meta-schema",
            s["$id"]
        );
    }
}

/// The schema's closed list of warning codes is the `WarningCode` enum, in the same order,
/// and the schema explains each code with the enum's own doc sentence.
#[test]
fn schema_lists_exactly_the_warning_codes() {
    use kouteihyo::model::WarningCode;
    let schema: serde_json::Value =
        serde_json::from_str(kouteihyo::schema::EDITION_SCHEMA).unwrap();
    let code = &schema["$defs"]["warning"]["properties"]["code"];
    let listed: Vec<&str> = code["enum"]
        .as_array()
        .expect("warning code has an enum")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = WarningCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, ours);
    let description = code["description"].as_str().unwrap();
    for c in WarningCode::ALL {
        let meaning = c.meaning().trim_end_matches('.');
        assert!(
            description.contains(&format!("`{c}` ({meaning})")),
            "the schema does not explain `{c}` as: {meaning}"
        );
        // serde writes the same string as as_str.
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
    }
}
