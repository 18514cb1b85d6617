//! JSON Schema validation of editions and records against the schemas published in `schemas/`.

use serde_json::Value;
use std::sync::LazyLock;

/// The published edition schema (JSON Schema 2020-12).
pub const EDITION_SCHEMA: &str = include_str!("../schemas/edition.schema.json");
/// The published schema of one JSONL/CSV item record.
pub const RECORD_SCHEMA: &str = include_str!("../schemas/record.schema.json");

fn compile(text: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(text).expect("bundled schema is valid JSON");
    jsonschema::draft202012::new(&schema).expect("bundled schema compiles")
}

static EDITION: LazyLock<jsonschema::Validator> = LazyLock::new(|| compile(EDITION_SCHEMA));
static RECORD: LazyLock<jsonschema::Validator> = LazyLock::new(|| compile(RECORD_SCHEMA));

fn errors(v: &jsonschema::Validator, value: &Value) -> Result<(), Vec<String>> {
    let errs: Vec<String> = v
        .iter_errors(value)
        .map(|e| {
            let at = e.instance_path().to_string();
            format!("at {}: {}", if at.is_empty() { "/" } else { &at }, e)
        })
        .collect();
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// Validates an edition; the errors give the JSON pointer of each problem.
pub fn validate_edition(value: &Value) -> Result<(), Vec<String>> {
    errors(&EDITION, value)
}

/// Validates one item record.
pub fn validate_record(value: &Value) -> Result<(), Vec<String>> {
    errors(&RECORD, value)
}
