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

/// Options for the bundled schemas: JSON Schema 2020-12, and no check of the schema itself
/// against the meta-schema when compiling (building that check was a third of compiling the
/// edition validators, on every run; the test `bundled_schemas_are_valid_2020_12_schemas`
/// makes it once, for every schema shipped).
fn options() -> jsonschema::ValidationOptions<'static> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .without_schema_validation()
}

fn compile(text: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(text).expect("bundled schema is valid JSON");
    options().build(&schema).expect("bundled schema compiles")
}

/// The edition schema parsed once, for the registry and the shell validator.
static PARSED: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(EDITION_SCHEMA).expect("bundled schema is valid JSON"));

/// The edition schema parsed and indexed once, under its `$id`; the edition validator and the
/// row validators of its `$defs` are compiled against it (parsing and indexing it for each of
/// the eight cost more than compiling them).
static REGISTRY: LazyLock<(String, jsonschema::Registry<'static>)> = LazyLock::new(|| {
    let schema = PARSED.clone();
    let id = schema["$id"]
        .as_str()
        .expect("bundled schema has an $id")
        .to_string();
    let registry = jsonschema::Registry::new()
        .add(&id, schema)
        .and_then(|r| r.prepare())
        .expect("bundled schema is indexed");
    (id, registry)
});

/// A validator of `#<pointer>` inside the edition schema ("" for the whole edition).
fn edition_part(pointer: &str) -> Option<jsonschema::Validator> {
    let (id, registry) = &*REGISTRY;
    let schema = serde_json::json!({ "$ref": format!("{id}#{pointer}") });
    options().with_registry(registry).build(&schema).ok()
}

static EDITION: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| edition_part("").expect("bundled schema compiles"));

/// The edition schema with the items of `sheets` and of every tidy table accepting anything:
/// what is left to check of an edition whose sheets and rows are checked one by one against
/// `$defs/sheet` and the row schemas (as [`crate::output`] does while it writes). Compiling it
/// skips the sheet and row schemas, which the whole-edition validator compiled a second time
/// beside their own validators (0.6–1.2 % of a conversion's instructions, issue 13).
static SHELL: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let mut schema = PARSED.clone();
    let pointers = std::iter::once("/properties/sheets/items".to_string()).chain(
        crate::tables::TABLES
            .iter()
            .map(|t| format!("/$defs/tables/properties/{t}/items")),
    );
    for at in pointers {
        *schema
            .pointer_mut(&at)
            .unwrap_or_else(|| panic!("bundled edition schema has {at}")) = Value::Bool(true);
    }
    options().build(&schema).expect("bundled schema compiles")
});

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

/// Validates an edition without the contents of its sheets and table rows: the caller
/// validates each sheet with [`validate_sheet`] and each row with [`validate_table_row`].
pub fn validate_edition_shell(value: &Value) -> Result<(), Vec<Violation>> {
    errors(&SHELL, value)
}

static SHEET: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| edition_part("/$defs/sheet").expect("bundled schema defines a sheet"));

/// Validates one sheet of an edition (`$defs/sheet`); pointers are relative to the sheet.
pub fn validate_sheet(value: &Value) -> Result<(), Vec<Violation>> {
    errors(&SHEET, value)
}

/// Validates one item record.
pub fn validate_record(value: &Value) -> Result<(), Vec<Violation>> {
    errors(&RECORD, value)
}

/// The `$defs` name of a tidy table's row schema (`kpis` → `kpi_row`).
fn row_def(table: &str) -> Option<&'static str> {
    Some(match table {
        "measures" => "measure_row",
        "schedule" => "schedule_row",
        "kpis" => "kpi_row",
        "progress" => "progress_row",
        "dates" => "date_row",
        "programs" => "program_row",
        "budgets" => "budget_row",
        _ => return None,
    })
}

/// The row schema of one enrichment table (`kpis` → `$defs/kpi_row`), resolved inside the edition schema.
fn table_validator(table: &str) -> Option<jsonschema::Validator> {
    edition_part(&format!("/$defs/{}", row_def(table)?))
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
    LazyLock::force(&SHELL);
    LazyLock::force(&SHEET);
    LazyLock::force(&TABLES);
    crate::trace::mark("schemas compiled");
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

/// The documented columns of a table, in file order: the properties of the record schema for
/// `items`, of `$defs/<table>_row` for a tidy table; `None` for an unknown table.
pub fn row_columns(table: &str) -> Option<Vec<String>> {
    let props = |schema: &Value, at: &str| -> Option<Vec<String>> {
        Some(schema.pointer(at)?.as_object()?.keys().cloned().collect())
    };
    if table == crate::tables::ITEMS {
        props(&serde_json::from_str(RECORD_SCHEMA).ok()?, "/properties")
    } else {
        let def = row_def(table)?;
        props(&PARSED, &format!("/$defs/{def}/properties"))
    }
}

/// Validates one row of a table: an item record for `items`, else a tidy-table row.
pub fn validate_row(table: &str, value: &Value) -> Result<(), Vec<Violation>> {
    if table == crate::tables::ITEMS {
        validate_record(value)
    } else {
        validate_table_row(table, value)
    }
}

/// The table a JSONL or CSV file holds, by its name: `<edition>.<table>.<ext>`; `None` when
/// the name names no table.
pub fn table_of_file(path: &Path) -> Option<&'static str> {
    let stem = path.file_stem()?.to_str()?;
    let last = stem.rsplit('.').next()?;
    std::iter::once(crate::tables::ITEMS)
        .chain(crate::tables::TABLES.iter().copied())
        .find(|t| *t == last)
}

fn at_line(line: usize, violations: Vec<Violation>) -> Vec<Violation> {
    violations
        .into_iter()
        .map(|v| Violation {
            pointer: format!("line {line}: {}", v.pointer),
            message: v.message,
        })
        .collect()
}

/// Validates a JSONL file line by line against its row schema. The table comes from a line's
/// `table` field (a stream of `extract -o - -f jsonl`), else from the file name.
fn validate_jsonl(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let named = table_of_file(path);
    let text = std::str::from_utf8(bytes).map_err(|e| ErrorKind::NotJson(e.to_string()))?;
    let mut violations = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let n = i + 1;
        let mut v: Value =
            serde_json::from_str(line).map_err(|e| ErrorKind::NotJson(format!("line {n}: {e}")))?;
        let tagged = v
            .as_object_mut()
            .and_then(|o| o.remove("table"))
            .and_then(|t| t.as_str().map(str::to_string));
        let table = match tagged.as_deref().or(named) {
            Some(t) => t,
            None => {
                return Err(Error::new(ErrorKind::Usage(format!(
                    "line {n} names no table: give the file a table name (<edition>.<table>.jsonl) or a `table` field on each line"
                ))))
            }
        };
        if let Err(errs) = validate_row(table, &v) {
            violations.extend(at_line(n, errs));
        }
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Invalid {
            what: "the JSON lines".into(),
            violations,
        }))
    }
}

/// Checks a CSV file's header against the documented columns of the table its name names.
fn validate_csv(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let table = table_of_file(path).ok_or_else(|| {
        ErrorKind::Usage(
            "the file name names no table: CSV files are <edition>.<table>.csv (items, measures, schedule, kpis, progress, dates, programs, budgets)".into(),
        )
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .map_err(|e| ErrorKind::NotJson(format!("not CSV: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let documented = row_columns(table).unwrap_or_default();
    if header == documented {
        return Ok(());
    }
    let mut violations = Vec::new();
    for c in documented.iter().filter(|c| !header.contains(c)) {
        violations.push(Violation {
            pointer: "header".into(),
            message: format!("column `{c}` of the {table} table is missing"),
        });
    }
    for c in header.iter().filter(|c| !documented.contains(c)) {
        violations.push(Violation {
            pointer: "header".into(),
            message: format!("column `{c}` is not a column of the {table} table"),
        });
    }
    if violations.is_empty() {
        violations.push(Violation {
            pointer: "header".into(),
            message: format!("columns out of order: expected {}", documented.join(",")),
        });
    }
    Err(Error::new(ErrorKind::Invalid {
        what: format!("the {table} CSV header"),
        violations,
    }))
}

/// Which published schema a JSON file was checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// An edition written by `extract` (schemas/edition.schema.json).
    Edition,
    /// A diff written by `diff --format json` (schemas/diff.schema.json).
    Diff,
    /// JSON lines of tables, each checked against its row schema.
    Jsonl,
    /// A CSV table, its header checked against the table's documented columns.
    Csv,
}

/// A check of a file's bytes (JSON lines or CSV).
type Checker = fn(&Path, &[u8]) -> Result<(), Error>;

/// Validates an output file by its extension: `.jsonl` line by line, `.csv` by its header,
/// anything else as a JSON edition or diff ([`validate_json_file`]).
pub fn validate_file(path: &Path) -> Result<Document, Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let (doc, check): (Document, Checker) = match ext.as_deref() {
        Some("jsonl") => (Document::Jsonl, validate_jsonl),
        Some("csv") => (Document::Csv, validate_csv),
        _ => return validate_json_file(path),
    };
    std::fs::read(path)
        .map_err(|e| Error::new(ErrorKind::Read(e)))
        .and_then(|bytes| check(path, &bytes))
        .map(|()| doc)
        .map_err(|e| e.in_file(path))
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
                Document::Diff => "the diff".into(),
                _ => "the edition".into(),
            },
            violations,
        })?;
        Ok(doc)
    };
    check().map_err(|e| e.in_file(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_checks_all_the_whole_edition_check_does_outside_sheets_and_rows() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/editions/2025-06/followup.txt");
        let ed = crate::input::convert_file(&path).unwrap();
        let good = serde_json::to_value(&ed).unwrap();
        assert!(validate_edition(&good).is_ok());
        assert!(validate_edition_shell(&good).is_ok());
        let changed = |change: &dyn Fn(&mut Value)| {
            let mut v = good.clone();
            change(&mut v);
            (
                validate_edition(&v).is_ok(),
                validate_edition_shell(&v).is_ok(),
            )
        };
        // Outside the sheets and the rows both refuse.
        assert_eq!(changed(&|v| v["complete"] = "yes".into()), (false, false));
        assert_eq!(
            changed(&|v| v["source"]["sha256"] = 1.into()),
            (false, false)
        );
        assert_eq!(changed(&|v| v["sheets"] = 1.into()), (false, false));
        assert_eq!(
            changed(&|v| {
                v["enriched"].as_object_mut().unwrap().remove("kpis");
            }),
            (false, false)
        );
        assert_eq!(
            changed(&|v| v["enriched"]["budgets"] = "none".into()),
            (false, false)
        );
        // Inside a sheet or a row only the whole check looks (the shell's callers check each).
        assert_eq!(
            changed(&|v| v["sheets"][0]["measures"][0]["id"] = "bad".into()),
            (false, true)
        );
        assert_eq!(
            changed(&|v| v["enriched"]["kpis"][0]["measure_id"] = "bad".into()),
            (false, true)
        );
    }
}
