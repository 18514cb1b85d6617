//! The SQLite dataset of `kouteihyo db`: every edition given, its sheets, measures with their
//! lineage, tidy tables, item records and warnings in one file, added to atomically.
//!
//! Columns of the row tables are those of the published row schemas (`items`: the record
//! schema, the tidy tables: `$defs/<table>_row` of the edition schema), plus `lineage_id`;
//! the README lists the tables and their keys. An edition is added once: an input whose
//! sha256 the file already holds, or a second source of an edition id already present, is
//! skipped. The file is written to a temporary copy in the same folder, in one transaction,
//! and renamed into place; a failure (or a killed process) leaves the old file as it was.

use crate::diff::lineage::{EditionMeasures, Lineage};
use crate::diff::MeasureKey;
use crate::edition::Edition;
use crate::error::{Error, ErrorKind, Result};
use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Version of the database layout, in the `meta` table (`schema_version`).
pub const DB_SCHEMA_VERSION: &str = "1";

/// Environment variable for tests: when set, `db` aborts the process after the transaction
/// is committed to the temporary copy and before it is renamed into place (a killed write).
pub const ABORT_BEFORE_RENAME: &str = "KOUTEIHYO_DB_ABORT_BEFORE_RENAME";

/// The position column a table adds to its row schema's columns: its name and the columns of
/// the rows it counts within (0-based, in table order).
type Counter = Option<(&'static str, &'static [&'static str])>;

const IN_ITEM: &[&str] = &["edition", "sheet", "row", "col", "item"];

/// The row tables, in load order, with their position column and their primary key.
const ROW_TABLES: &[(&str, Counter, &[&str])] = &[
    (
        "measures",
        Some(("measure_index", &["edition", "sheet"])),
        &["edition", "sheet", "measure_id"],
    ),
    ("items", None, &["edition", "sheet", "row", "col", "item"]),
    (
        "schedule",
        None,
        &["edition", "sheet", "row", "col", "item"],
    ),
    ("kpis", None, &["edition", "sheet", "row", "col", "kpi"]),
    (
        "progress",
        None,
        &["edition", "sheet", "row", "col", "item"],
    ),
    (
        "dates",
        Some(("date_index", IN_ITEM)),
        &["edition", "sheet", "row", "col", "item", "date_index"],
    ),
    (
        "programs",
        None,
        &["edition", "sheet", "row", "col", "item", "program_index"],
    ),
    (
        "budgets",
        Some((
            "budget_index",
            &["edition", "sheet", "row", "col", "item", "program_index"],
        )),
        &[
            "edition",
            "sheet",
            "row",
            "col",
            "item",
            "program_index",
            "budget_index",
        ],
    ),
];

/// What `add` did with each edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// The edition was added.
    Added(String),
    /// The file already holds these bytes (by sha256) as this edition.
    Same(String),
    /// The file already holds another source of this edition id (from this file name).
    OtherSource(String, String),
}

fn sql(e: rusqlite::Error) -> Error {
    Error::new(ErrorKind::Database(e.to_string()))
}

/// SQLite type of a column from its row schema (`integer` → INTEGER …).
fn column_type(schema: &Value) -> &'static str {
    let types: Vec<&str> = match &schema["type"] {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ if schema.get("enum").is_some() => vec!["string"],
        _ => vec![],
    };
    if types.contains(&"integer") || types.contains(&"boolean") {
        "INTEGER"
    } else if types.contains(&"number") {
        "REAL"
    } else {
        "TEXT"
    }
}

/// The columns of a row table with their SQLite types.
fn columns(table: &str) -> Vec<(String, &'static str)> {
    let (text, at) = if table == crate::tables::ITEMS {
        (crate::schema::RECORD_SCHEMA, "/properties".to_string())
    } else {
        let def = match table {
            "measures" => "measure_row",
            "schedule" => "schedule_row",
            "kpis" => "kpi_row",
            "progress" => "progress_row",
            "dates" => "date_row",
            "programs" => "program_row",
            _ => "budget_row",
        };
        (
            crate::schema::EDITION_SCHEMA,
            format!("/$defs/{def}/properties"),
        )
    };
    let schema: Value = serde_json::from_str(text).unwrap_or_default();
    let defs = schema.get("$defs").cloned().unwrap_or_default();
    let resolve = |v: &Value| -> Value {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => defs
                .get(r.trim_start_matches("#/$defs/"))
                .cloned()
                .unwrap_or_default(),
            None => v.clone(),
        }
    };
    schema
        .pointer(&at)
        .and_then(Value::as_object)
        .map(|props| {
            props
                .iter()
                .map(|(k, v)| (k.clone(), column_type(&resolve(v))))
                .collect()
        })
        .unwrap_or_default()
}

/// The database's tables, created when missing.
fn create(conn: &Connection) -> Result<()> {
    let mut ddl = String::from(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS editions (
  edition TEXT PRIMARY KEY, as_of TEXT, title TEXT, complete INTEGER NOT NULL,
  previous_edition TEXT REFERENCES editions (edition),
  source_file TEXT NOT NULL, source_format TEXT NOT NULL, source_sha256 TEXT NOT NULL UNIQUE,
  source_bytes INTEGER NOT NULL, schema_version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sheets (
  edition TEXT NOT NULL REFERENCES editions (edition), sheet INTEGER NOT NULL, page INTEGER,
  heading TEXT NOT NULL, columns INTEGER NOT NULL, body_rows INTEGER NOT NULL,
  PRIMARY KEY (edition, sheet));
CREATE TABLE IF NOT EXISTS warnings (
  edition TEXT NOT NULL REFERENCES editions (edition), warning_index INTEGER NOT NULL,
  code TEXT NOT NULL, sheet INTEGER, row INTEGER, page INTEGER, message TEXT NOT NULL,
  PRIMARY KEY (edition, warning_index));
",
    );
    for &(table, extra, key) in ROW_TABLES {
        let mut cols: Vec<String> = columns(table)
            .into_iter()
            .map(|(c, t)| format!("{c} {t}"))
            .collect();
        if let Some((x, _)) = extra {
            cols.push(format!("{x} INTEGER NOT NULL"));
        }
        cols.push("lineage_id TEXT".into());
        let mut constraints = vec![
            format!("PRIMARY KEY ({})", key.join(", ")),
            "FOREIGN KEY (edition) REFERENCES editions (edition)".to_string(),
        ];
        constraints.push(if table == "measures" {
            "FOREIGN KEY (edition, sheet) REFERENCES sheets (edition, sheet)".into()
        } else {
            "FOREIGN KEY (edition, sheet, measure_id) REFERENCES measures (edition, sheet, measure_id)".into()
        });
        if table == "budgets" {
            constraints.push("FOREIGN KEY (edition, sheet, row, col, item, program_index) REFERENCES programs (edition, sheet, row, col, item, program_index)".into());
        }
        ddl.push_str(&format!(
            "CREATE TABLE IF NOT EXISTS {table} (\n  {},\n  {});\n",
            cols.join(", "),
            constraints.join(",\n  ")
        ));
    }
    ddl.push_str(
        "CREATE TABLE IF NOT EXISTS lineage (
  lineage_id TEXT NOT NULL, edition TEXT NOT NULL, sheet INTEGER NOT NULL,
  measure_id TEXT NOT NULL, title TEXT NOT NULL, previous_edition TEXT,
  previous_measure_id TEXT, previous_title TEXT, title_changed INTEGER NOT NULL,
  PRIMARY KEY (edition, sheet, measure_id),
  FOREIGN KEY (edition, sheet, measure_id) REFERENCES measures (edition, sheet, measure_id),
  FOREIGN KEY (previous_edition, sheet, previous_measure_id) REFERENCES measures (edition, sheet, measure_id));
CREATE INDEX IF NOT EXISTS lineage_by_id ON lineage (lineage_id);
",
    );
    conn.execute_batch(&ddl).map_err(sql)?;
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .ok();
    match version {
        None => {
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)",
                [DB_SCHEMA_VERSION],
            )
            .map_err(sql)?;
        }
        Some(v) if v == DB_SCHEMA_VERSION => {}
        Some(v) => {
            return Err(Error::new(ErrorKind::Database(format!(
                "the file has database layout {v}, this kouteihyo writes {DB_SCHEMA_VERSION}; write a new file"
            ))))
        }
    }
    Ok(())
}

/// A JSON scalar as an SQLite value (booleans as 0/1); the empty `measure_id` of a row
/// outside every measure becomes NULL, so the foreign key to `measures` holds.
fn to_sql(column: &str, v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .or_else(|| n.as_f64().map(Sql::Real))
            .unwrap_or(Sql::Null),
        Value::String(s) if s.is_empty() && column == "measure_id" => Sql::Null,
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn insert_rows<T: serde::Serialize>(
    conn: &Connection,
    table: &str,
    extra: Counter,
    rows: &[T],
) -> Result<()> {
    let cols: Vec<String> = columns(table).into_iter().map(|(c, _)| c).collect();
    let mut names = cols.clone();
    names.extend(extra.map(|(x, _)| x.to_string()));
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let mut stmt = conn
        .prepare(&format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        ))
        .map_err(sql)?;
    // The position column counts the rows of the same group.
    let mut seen: BTreeMap<String, i64> = BTreeMap::new();
    for r in rows {
        let v = serde_json::to_value(r).map_err(|e| ErrorKind::Serialize(e.to_string()))?;
        let mut values: Vec<Sql> = cols.iter().map(|c| to_sql(c, &v[c.as_str()])).collect();
        if let Some((_, within)) = extra {
            let prefix: Vec<String> = within.iter().map(|k| v[*k].to_string()).collect();
            let n = seen.entry(prefix.join("\u{1f}")).or_default();
            values.push(Sql::Integer(*n));
            *n += 1;
        }
        stmt.execute(rusqlite::params_from_iter(values))
            .map_err(|e| sql(e).with_context(format!("adding a {table} row")))?;
    }
    Ok(())
}

fn insert_edition(conn: &Connection, ed: &Edition) -> Result<()> {
    conn.execute(
        "INSERT INTO editions (edition, as_of, title, complete, source_file, source_format, source_sha256, source_bytes, schema_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            ed.edition,
            ed.as_of,
            ed.title.as_ref().map(|t| t.text.clone()),
            ed.complete,
            ed.source.file,
            serde_json::to_value(ed.source.format)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string)),
            ed.source.sha256,
            ed.source.bytes as i64,
            ed.schema_version,
        ],
    )
    .map_err(sql)?;
    for s in &ed.sheets {
        let body_rows = s
            .cells
            .iter()
            .map(|c| c.row + c.row_span)
            .max()
            .unwrap_or(0);
        conn.execute(
            "INSERT INTO sheets (edition, sheet, page, heading, columns, body_rows) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![ed.edition, s.number, s.page, s.heading.text, s.columns.len() as i64, body_rows as i64],
        )
        .map_err(sql)?;
    }
    for (i, w) in ed.warnings.iter().enumerate() {
        let code = serde_json::to_value(w.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        conn.execute(
            "INSERT INTO warnings (edition, warning_index, code, sheet, row, page, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![ed.edition, i as i64, code, w.sheet, w.row.map(|r| r as i64), w.page, w.message],
        )
        .map_err(sql)?;
    }
    let t = &ed.enriched;
    let records = crate::records::records(ed);
    for &(table, extra, _) in ROW_TABLES {
        match table {
            "measures" => insert_rows(conn, table, extra, &t.measures)?,
            "items" => insert_rows(conn, table, extra, &records)?,
            "schedule" => insert_rows(conn, table, extra, &t.schedule)?,
            "kpis" => insert_rows(conn, table, extra, &t.kpis)?,
            "progress" => insert_rows(conn, table, extra, &t.progress)?,
            "dates" => insert_rows(conn, table, extra, &t.dates)?,
            "programs" => insert_rows(conn, table, extra, &t.programs)?,
            _ => insert_rows(conn, table, extra, &t.budgets)?,
        }
    }
    Ok(())
}

/// One measure as the lineage reads it back from the file.
struct Stored {
    id: String,
    title: Option<String>,
}

impl MeasureKey for Stored {
    fn measure_id(&self) -> &str {
        &self.id
    }
    fn measure_title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

/// Recomputes what depends on every edition of the file: the editions' order
/// (`previous_edition`), the lineage table and the `lineage_id` of every row.
fn relink(conn: &Connection) -> Result<()> {
    let order: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT edition FROM editions ORDER BY as_of IS NOT NULL, as_of, edition")
            .map_err(sql)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(sql)?;
        rows.collect::<std::result::Result<_, _>>().map_err(sql)?
    };
    conn.execute("UPDATE editions SET previous_edition = NULL", [])
        .map_err(sql)?;
    for w in order.windows(2) {
        conn.execute(
            "UPDATE editions SET previous_edition = ?1 WHERE edition = ?2",
            params![w[0], w[1]],
        )
        .map_err(sql)?;
    }
    let mut per: Vec<BTreeMap<u32, Vec<Stored>>> = Vec::new();
    {
        let mut stmt = conn
            .prepare("SELECT sheet, measure_id, title FROM measures WHERE edition = ?1 ORDER BY sheet, measure_index")
            .map_err(sql)?;
        for e in &order {
            let mut sheets: BTreeMap<u32, Vec<Stored>> = BTreeMap::new();
            let rows = stmt
                .query_map([e], |r| {
                    Ok((
                        r.get::<_, u32>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })
                .map_err(sql)?;
            for row in rows {
                let (sheet, id, title) = row.map_err(sql)?;
                sheets.entry(sheet).or_default().push(Stored {
                    id,
                    title: (!title.is_empty()).then_some(title),
                });
            }
            per.push(sheets);
        }
    }
    let input: Vec<EditionMeasures<'_, Stored>> = order
        .iter()
        .zip(&per)
        .map(|(e, sheets)| EditionMeasures {
            edition: e,
            sheets: sheets.iter().map(|(n, m)| (*n, m.as_slice())).collect(),
        })
        .collect();
    let lineage = Lineage::build(&input);
    conn.execute("DELETE FROM lineage", []).map_err(sql)?;
    {
        let mut ins = conn
            .prepare(
                "INSERT INTO lineage (lineage_id, edition, sheet, measure_id, title, previous_edition, previous_measure_id, previous_title, title_changed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(sql)?;
        for r in &lineage.rows {
            ins.execute(params![
                r.lineage_id,
                r.edition,
                r.sheet,
                r.measure_id,
                r.title,
                r.previous_edition,
                r.previous_measure_id,
                r.previous_title,
                r.title_changed
            ])
            .map_err(sql)?;
        }
    }
    conn.execute(
        "UPDATE measures SET lineage_id = (SELECT l.lineage_id FROM lineage l WHERE l.edition = measures.edition AND l.sheet = measures.sheet AND l.measure_id = measures.measure_id)",
        [],
    )
    .map_err(sql)?;
    for &(table, _, _) in ROW_TABLES.iter().filter(|t| t.0 != "measures") {
        conn.execute(
            &format!("UPDATE {table} SET lineage_id = (SELECT m.lineage_id FROM measures m WHERE m.edition = {table}.edition AND m.sheet = {table}.sheet AND m.measure_id = {table}.measure_id)"),
            [],
        )
        .map_err(sql)?;
    }
    Ok(())
}

/// Adds `editions` to the database at `path` (created when missing) and returns what was done
/// with each. Nothing is written when every edition is already there.
pub fn add(path: &Path, editions: &[Edition]) -> Result<Vec<Added>> {
    add_inner(path, editions).map_err(|e| e.in_file(path))
}

fn add_inner(path: &Path, editions: &[Edition]) -> Result<Vec<Added>> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let write = |e: std::io::Error| Error::new(ErrorKind::Write(e));
    let tmp = tempfile::Builder::new()
        .prefix(".kouteihyo-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(write)?;
    if path.exists() {
        std::fs::copy(path, tmp.path()).map_err(|e| Error::new(ErrorKind::Read(e)))?;
    }
    let mut conn = Connection::open(tmp.path()).map_err(sql)?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE;")
        .map_err(sql)?;
    let tx = conn.transaction().map_err(sql)?;
    create(&tx)?;
    let mut done = Vec::new();
    for ed in editions {
        let by_sha: Option<String> = tx
            .query_row(
                "SELECT edition FROM editions WHERE source_sha256 = ?1",
                [&ed.source.sha256],
                |r| r.get(0),
            )
            .ok();
        let by_id: Option<String> = tx
            .query_row(
                "SELECT source_file FROM editions WHERE edition = ?1",
                [&ed.edition],
                |r| r.get(0),
            )
            .ok();
        done.push(match (by_sha, by_id) {
            (Some(e), _) => Added::Same(e),
            (None, Some(file)) => Added::OtherSource(ed.edition.clone(), file),
            (None, None) => {
                insert_edition(&tx, ed).map_err(|e| e.with_context(ed.source.file.clone()))?;
                Added::Added(ed.edition.clone())
            }
        });
    }
    if !done.iter().any(|d| matches!(d, Added::Added(_))) {
        // Nothing new: the file stays as it was, byte for byte.
        return Ok(done);
    }
    relink(&tx)?;
    tx.commit().map_err(sql)?;
    conn.close().map_err(|(_, e)| sql(e))?;
    tmp.as_file().sync_all().map_err(write)?;
    if std::env::var_os(ABORT_BEFORE_RENAME).is_some() {
        std::process::abort();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(write)?;
    }
    tmp.persist(path).map_err(|e| write(e.error))?;
    Ok(done)
}
