//! JSON Schema validation against the schemas published in `schemas/`: editions, item records,
//! tidy-table rows and diffs, each compiled once.

use crate::error::{Error, ErrorKind, Violation};
use serde_json::Value;
use std::path::Path;
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
pub fn validate_diff(value: &Value) -> Result<(), Vec<Violation>> {
    errors(&DIFF, value)
}

fn errors(v: &jsonschema::Validator, value: &Value) -> Result<(), Vec<Violation>> {
    // `is_valid` stops at the first failure and builds no error values; collecting every
    // error (with its path) is only paid for on a document that fails.
    if v.is_valid(value) {
        return Ok(());
    }
    let errs: Vec<Violation> = v
        .iter_errors(value)
        .map(|e| {
            let at = e.instance_path().to_string();
            Violation {
                pointer: if at.is_empty() { "/".into() } else { at },
                message: e.to_string(),
            }
        })
        .collect();
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// Validates an edition; the errors give the JSON pointer of each problem.
pub fn validate_edition(value: &Value) -> Result<(), Vec<Violation>> {
    errors(&EDITION, value)
}

/// Validates one item record.
pub fn validate_record(value: &Value) -> Result<(), Vec<Violation>> {
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

/// Compiles the validators of an edition (the edition shell and every table row) now, so that a
/// caller can do it on a spare thread while the first input is read: compiling them takes a few
/// milliseconds, a tenth of converting a 13-page PDF. Later callers find them ready (or wait
/// for the one compilation in progress).
pub fn prepare() {
    LazyLock::force(&EDITION);
    LazyLock::force(&TABLES);
}

/// Validates one row of an enrichment table (`measures`, `kpis`, `budgets` …).
pub fn validate_table_row(table: &str, value: &Value) -> Result<(), Vec<Violation>> {
    match TABLES.iter().find(|(t, _)| *t == table) {
        Some((_, v)) => errors(v, value),
        None => Err(vec![Violation {
            pointer: "/".into(),
            message: format!("no schema for table {table}"),
        }]),
    }
}

/// Which published schema a JSON file was checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// An edition written by `extract` (schemas/edition.schema.json).
    Edition,
    /// A diff written by `diff --format json` (schemas/diff.schema.json).
    Diff,
}

/// Validates a JSON file, choosing the schema by its shape: a diff has `changes` and `counts`,
/// anything else is checked as an edition.
pub fn validate_json_file(path: &Path) -> Result<Document, Error> {
    let check = || -> Result<Document, Error> {
        let bytes = std::fs::read(path).map_err(ErrorKind::Read)?;
        let v: Value =
            serde_json::from_slice(&bytes).map_err(|e| ErrorKind::NotJson(e.to_string()))?;
        let (doc, result) = if v.get("changes").is_some() && v.get("counts").is_some() {
            (Document::Diff, validate_diff(&v))
        } else {
            (Document::Edition, validate_edition(&v))
        };
        result.map_err(|violations| ErrorKind::Invalid {
            what: match doc {
                Document::Edition => "the edition".into(),
                Document::Diff => "the diff".into(),
            },
            violations,
        })?;
        Ok(doc)
    };
    check().map_err(|e| e.in_file(path))
}
