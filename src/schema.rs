//! JSON Schema validation of editions and records against the schemas published in `schemas/`.

use serde_json::Value;
use std::sync::LazyLock;

/// The published edition schema (JSON Schema 2020-12).
pub const EDITION_SCHEMA: &str = include_str!("../schemas/edition.schema.json");
/// The published schema of a diff.
pub const DIFF_SCHEMA: &str = include_str!("../schemas/diff.schema.json");
/// The published schema of one JSONL/CSV item record.
pub const RECORD_SCHEMA: &str = include_str!("../schemas/record.schema.json");

fn compile(text: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(text).expect("bundled schema is valid JSON");
    jsonschema::draft202012::new(&schema).expect("bundled schema compiles")
}

static EDITION: LazyLock<jsonschema::Validator> = LazyLock::new(|| compile(EDITION_SCHEMA));
static RECORD: LazyLock<jsonschema::Validator> = LazyLock::new(|| compile(RECORD_SCHEMA));
static DIFF: LazyLock<jsonschema::Validator> = LazyLock::new(|| compile(DIFF_SCHEMA));

/// Validates a diff.
pub fn validate_diff(value: &Value) -> Result<(), Vec<String>> {
    errors(&DIFF, value)
}

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

/// The row schema of one enrichment table (`kpis` → `$defs/kpi_row`), resolved inside the edition schema.
fn table_validator(table: &str) -> Option<jsonschema::Validator> {
    let def = match table {
        "measures" => "measure_row",
        "schedule" => "schedule_row",
        "kpis" => "kpi_row",
        "progress" => "progress_row",
        "dates" => "date_row",
        "programs" => "program_row",
        "budgets" => "budget_row",
        _ => return None,
    };
    let edition: Value = serde_json::from_str(EDITION_SCHEMA).ok()?;
    let schema = serde_json::json!({ "$defs": edition["$defs"], "$ref": format!("#/$defs/{def}") });
    jsonschema::draft202012::new(&schema).ok()
}

static TABLES: LazyLock<Vec<(&'static str, jsonschema::Validator)>> = LazyLock::new(|| {
    crate::tables::TABLES
        .iter()
        .map(|t| {
            (
                *t,
                table_validator(t).expect("bundled schema defines every table row"),
            )
        })
        .collect()
});

/// Validates one row of an enrichment table (`measures`, `kpis`, `budgets` …).
pub fn validate_table_row(table: &str, value: &Value) -> Result<(), Vec<String>> {
    match TABLES.iter().find(|(t, _)| *t == table) {
        Some((_, v)) => errors(v, value),
        None => Err(vec![format!("no schema for table {table}")]),
    }
}
