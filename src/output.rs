//! Renders editions as validated JSON, JSONL, CSV or xlsx, and writes files atomically.

use crate::edition::Edition;
use crate::error::{ErrorKind, Result, Violation};
use crate::records::records;
use crate::schema::{validate_edition_shell, validate_row, validate_sheet, validate_table_row};
use crate::tables::Tables;
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Output file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The whole edition, validated against schemas/edition.schema.json.
    Json,
    /// One file per table: the item records (schemas/record.schema.json) and each tidy table,
    /// one validated row per line.
    Jsonl,
    /// One file per table, UTF-8 with a header row.
    Csv,
    /// One workbook per edition, one worksheet per table, typed cells.
    Xlsx,
}

impl Format {
    /// The file extension of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

pub use crate::tables::ITEMS;

/// One output file: the part of its name before the extension (`""` for the main file,
/// `"kpis"` for `<edition>.kpis.csv`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `""` for a file holding the whole edition (JSON, xlsx), else the table name.
    pub suffix: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// Byte order mark that makes Excel open UTF-8 CSV correctly.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn ser(e: impl std::fmt::Display) -> ErrorKind {
    ErrorKind::Serialize(e.to_string())
}

fn invalid(what: &str) -> impl Fn(Vec<Violation>) -> ErrorKind + '_ {
    move |violations| ErrorKind::Invalid {
        what: what.to_string(),
        violations,
    }
}

/// Rows as JSON lines (each validated) or CSV with a header row.
fn rows<T: Serialize>(rows: &[T], format: Format, excel: bool, table: &str) -> Result<Vec<u8>> {
    match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(true)
                .from_writer(if excel { BOM.to_vec() } else { Vec::new() });
            for r in rows {
                w.serialize(r).map_err(ser)?;
            }
            Ok(w.into_inner().map_err(ser)?)
        }
        _ => {
            let what = format!("a {table} row");
            let mut out = Vec::new();
            for r in rows {
                let value = serde_json::to_value(r).map_err(ser)?;
                validate_row(table, &value).map_err(invalid(&what))?;
                serde_json::to_writer(&mut out, &value).map_err(ser)?;
                out.push(b'\n');
            }
            Ok(out)
        }
    }
}

/// Calls `f` with the name and the rows of every table of the edition, the item records first.
fn each_table(
    ed: &Edition,
    f: &mut dyn FnMut(&'static str, &dyn RowsOf) -> Result<()>,
) -> Result<()> {
    let t = &ed.enriched;
    f(ITEMS, &records(ed))?;
    f("measures", &t.measures)?;
    f("schedule", &t.schedule)?;
    f("kpis", &t.kpis)?;
    f("progress", &t.progress)?;
    f("dates", &t.dates)?;
    f("programs", &t.programs)?;
    f("budgets", &t.budgets)
}

/// The rows of one table, whatever their type.
trait RowsOf {
    fn render(&self, format: Format, excel: bool, table: &str) -> Result<Vec<u8>>;
    fn values(&self, table: &str) -> Result<Vec<serde_json::Value>>;
}

impl<T: Serialize> RowsOf for Vec<T> {
    fn render(&self, format: Format, excel: bool, table: &str) -> Result<Vec<u8>> {
        rows(self, format, excel, table)
    }
    fn values(&self, table: &str) -> Result<Vec<serde_json::Value>> {
        let what = format!("a {table} row");
        self.iter()
            .map(|r| {
                let v = serde_json::to_value(r).map_err(ser)?;
                validate_row(table, &v).map_err(invalid(&what))?;
                Ok(v)
            })
            .collect()
    }
}

/// The edition in the given format: JSON is one validated file, xlsx one workbook; JSONL and
/// CSV are one file per table (the item records, `items`, and each tidy table). `excel` starts
/// CSV files with a BOM.
pub fn render_parts(ed: &Edition, format: Format, excel: bool) -> Result<Vec<Part>> {
    if matches!(format, Format::Json | Format::Xlsx) {
        return Ok(vec![Part {
            suffix: String::new(),
            bytes: render(ed, format)?,
        }]);
    }
    let mut parts = Vec::new();
    each_table(ed, &mut |name, rows| {
        parts.push(Part {
            suffix: name.to_string(),
            bytes: rows.render(format, excel, name)?,
        });
        Ok(())
    })?;
    Ok(parts)
}

/// JSONL parts as one stream: every line of every table, each with a leading `table` field
/// naming its table (`{"table":"kpis","edition":…}`).
pub fn jsonl_stream(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        let table = if p.suffix.is_empty() {
            ITEMS
        } else {
            &p.suffix
        };
        for line in p.bytes.split(|&b| b == b'\n').filter(|l| l.len() > 1) {
            out.extend_from_slice(b"{\"table\":");
            out.extend_from_slice(serde_json::Value::from(table).to_string().as_bytes());
            // Every row is a non-empty object: `{"edition":…}` goes on after its brace.
            out.push(b',');
            out.extend_from_slice(&line[1..]);
            out.push(b'\n');
        }
    }
    out
}

/// Columns written as Excel dates (YYYY-MM-DD texts); every other text stays text.
const DATE_COLUMNS: &[&str] = &["date_start", "date_end"];

/// One workbook of every table of the edition: a worksheet per table with a frozen header
/// row; numbers as numbers, booleans as booleans, [`DATE_COLUMNS`] as dates, every other
/// value (edition ids, codes, periods such as 2025-04) as text.
fn workbook(ed: &Edition) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{ExcelDateTime, Format as Cell, Workbook};
    let x = |e: rust_xlsxwriter::XlsxError| ErrorKind::Serialize(format!("xlsx: {e}"));
    let mut wb = Workbook::new();
    let bold = Cell::new().set_bold();
    let date = Cell::new().set_num_format("yyyy-mm-dd");
    each_table(ed, &mut |name, rows| {
        let values = rows.values(name)?;
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(x)?;
        ws.set_freeze_panes(1, 0).map_err(x)?;
        let header = header_of(name);
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(x)?;
        }
        for (r, v) in values.iter().enumerate() {
            let r = u32::try_from(r + 1)
                .map_err(|_| ErrorKind::Serialize(format!("xlsx: too many {name} rows")))?;
            for (c, h) in header.iter().enumerate() {
                let c = c as u16;
                match &v[h.as_str()] {
                    serde_json::Value::Null => {}
                    serde_json::Value::Bool(b) => {
                        ws.write_boolean(r, c, *b).map_err(x)?;
                    }
                    serde_json::Value::Number(n) => {
                        ws.write_number(r, c, n.as_f64().unwrap_or(f64::NAN))
                            .map_err(x)?;
                    }
                    serde_json::Value::String(s) if DATE_COLUMNS.contains(&h.as_str()) => {
                        match ExcelDateTime::parse_from_str(s) {
                            Ok(d) => ws.write_datetime_with_format(r, c, &d, &date).map_err(x)?,
                            Err(_) => ws.write_string(r, c, s).map_err(x)?,
                        };
                    }
                    serde_json::Value::String(s) => {
                        ws.write_string(r, c, s).map_err(x)?;
                    }
                    other => {
                        ws.write_string(r, c, other.to_string()).map_err(x)?;
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(wb.save_to_buffer().map_err(x)?)
}

/// The documented columns of a table (`items` or a tidy table), in file order: the
/// properties of its row schema.
pub fn header_of(table: &str) -> Vec<String> {
    crate::schema::row_columns(table).unwrap_or_default()
}

/// Validates the edition's JSON against the edition schema in pieces: the edition with empty
/// tables, then each table row on its own (the schema's tables are plain arrays of rows, so
/// this is the same check). One JSON value of the whole edition took several times the memory
/// of the edition itself, as every table row repeats its place in map keys and strings.
fn validate_json(ed: &Edition) -> Result<()> {
    /// The edition without its sheets and tables, borrowed: serializes as the edition would
    /// with none (the schema requires every field, so a field left out here fails validation).
    #[derive(Serialize)]
    struct Shell<'a> {
        schema_version: &'a str,
        edition: &'a str,
        title: &'a Option<crate::edition::Text>,
        as_of: &'a Option<String>,
        complete: bool,
        source: &'a crate::edition::Source,
        warnings: &'a [crate::model::Warning],
        sheets: &'a [crate::edition::Sheet],
        enriched: Tables,
    }
    let shell = || -> Result<Vec<Violation>> {
        let value = serde_json::to_value(Shell {
            schema_version: &ed.schema_version,
            edition: &ed.edition,
            title: &ed.title,
            as_of: &ed.as_of,
            complete: ed.complete,
            source: &ed.source,
            warnings: &ed.warnings,
            sheets: &[],
            enriched: Tables::default(),
        })
        .map_err(ser)?;
        Ok(validate_edition_shell(&value).err().unwrap_or_default())
    };
    // Each sheet against `$defs/sheet` (what `sheets` holds), the sheets in parallel.
    let sheets = || -> Result<Vec<Violation>> {
        let found: Vec<Result<Vec<Violation>>> = ed
            .sheets
            .par_iter()
            .enumerate()
            .map(|(i, sheet)| {
                let value = serde_json::to_value(sheet).map_err(ser)?;
                Ok(within(&format!("/sheets/{i}"), validate_sheet(&value)))
            })
            .collect();
        Ok(found.into_iter().collect::<Result<Vec<_>>>()?.concat())
    };
    let (head, body) = rayon::join(shell, sheets);
    let violations = [head?, body?].concat();
    if !violations.is_empty() {
        return Err(invalid("the edition")(violations).into());
    }
    crate::trace::mark("edition sheets validated");
    validate_rows(&ed.enriched)
}

/// The violations of a part of the edition at `at`, their pointers made pointers into the
/// edition.
fn within(at: &str, part: std::result::Result<(), Vec<Violation>>) -> Vec<Violation> {
    part.err()
        .unwrap_or_default()
        .into_iter()
        .map(|v| Violation {
            pointer: format!("{at}{}", if v.pointer == "/" { "" } else { &v.pointer }),
            message: v.message,
        })
        .collect()
}

/// Validates every row of the tidy tables, the tables in parallel; the first invalid row (in
/// table order) is the error.
fn validate_rows(t: &Tables) -> Result<()> {
    fn each<T: Serialize + Sync>(name: &str, rows: &[T]) -> Result<()> {
        for (i, r) in rows.iter().enumerate() {
            let value = serde_json::to_value(r).map_err(ser)?;
            let violations = within(
                &format!("/enriched/{name}/{i}"),
                validate_table_row(name, &value),
            );
            if !violations.is_empty() {
                return Err(invalid("the edition")(violations).into());
            }
        }
        Ok(())
    }
    let tables: [&(dyn Fn() -> Result<()> + Sync); 7] = [
        &|| each("measures", &t.measures),
        &|| each("schedule", &t.schedule),
        &|| each("kpis", &t.kpis),
        &|| each("progress", &t.progress),
        &|| each("dates", &t.dates),
        &|| each("programs", &t.programs),
        &|| each("budgets", &t.budgets),
    ];
    let results: Vec<Result<()>> = tables.par_iter().map(|check| check()).collect();
    results.into_iter().collect()
}

/// Validates the edition against the edition schema (in pieces: the edition without its
/// tables, then each table row) while it is serialized as pretty JSON straight into `w`, on
/// two threads: no JSON value tree of the whole edition and no second copy of its bytes.
/// When validation fails `w` may have received part of the edition: the caller writes to
/// a staged file or a buffer and drops it on an error (as [`stage_in`] does).
pub fn write_json(ed: &Edition, w: impl Write + Send) -> Result<()> {
    let (valid, written) = rayon::join(
        || validate_json(ed),
        || {
            // Large writes: an edition is about a megabyte, written in a few system calls.
            let mut w = std::io::BufWriter::with_capacity(1 << 18, w);
            serde_json::to_writer_pretty(&mut w, ed).map_err(ser)?;
            w.write_all(b"\n")
                .and_then(|_| w.flush())
                .map_err(ErrorKind::Write)?;
            Ok(())
        },
    );
    valid.and(written)
}

/// The main file of the edition in the given format (JSON validated against the edition schema;
/// for JSONL and CSV the item records).
pub fn render(ed: &Edition, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Json => {
            let mut out = Vec::new();
            write_json(ed, &mut out)?;
            Ok(out)
        }
        Format::Xlsx => workbook(ed),
        _ => rows(&records(ed), format, false, ITEMS),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so a reader never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, bytes).map_err(without_temporary_name)
}

/// The error without the temporary file's name, which tempfile puts into its messages: the
/// user asked for `path`, and a `.kouteihyo-x8Yq.tmp` in the message only confuses.
fn without_temporary_name(e: std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(e.kind(), e.kind().to_string()),
    }
}

fn write_through_temporary(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staged = stage_in(dir, |f| f.write_all(bytes))?;
    staged.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A file written whole (by `write`, then flushed to disk) under a temporary name in `dir`;
/// [`tempfile::TempPath::persist`] renames it to its final name in one step, and dropping it
/// removes it. The file is closed: a batch can stage thousands of outputs before it names them.
pub fn stage_in(
    dir: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<tempfile::TempPath> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kouteihyo-").suffix(".tmp");
    // Outputs are ordinary files (rw-r--r-- less the umask), not private temporaries.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    Ok(tmp.into_temp_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The violations of an edition `write_json` refuses (and that it wrote nothing valid).
    fn refused(ed: &Edition) -> Vec<String> {
        let mut out = Vec::new();
        match write_json(ed, &mut out) {
            Err(e) => match e.kind() {
                ErrorKind::Invalid { violations, .. } => {
                    violations.iter().map(|v| v.pointer.clone()).collect()
                }
                other => panic!("not a validation error: {other:?}"),
            },
            Ok(()) => Vec::new(),
        }
    }

    #[test]
    fn write_json_refuses_an_invalid_head_sheet_or_row_naming_where() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/editions/2025-06/followup.txt");
        let good = crate::input::convert_file(&path).unwrap();
        assert!(refused(&good).is_empty());
        let mut ed = good.clone();
        ed.as_of = Some("2025-13-01".into());
        assert_eq!(refused(&ed), ["/as_of"]);
        // Two sheets wrong at once: both are named, in sheet order, with the head.
        let mut ed = good.clone();
        ed.as_of = Some("not a date".into());
        ed.sheets[2].measures[0].id = "m-XYZ".into();
        ed.sheets[1].measures[0].id = "bad".into();
        assert_eq!(
            refused(&ed),
            [
                "/as_of",
                "/sheets/1/measures/0/id",
                "/sheets/2/measures/0/id"
            ]
        );
        // A table row is checked once the sheets are valid; the first bad row is named.
        let mut ed = good.clone();
        ed.enriched.kpis[3].measure_id = "bad".into();
        ed.enriched.kpis[5].measure_id = "bad".into();
        assert_eq!(refused(&ed), ["/enriched/kpis/3/measure_id"]);
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        write_atomic(&path, b"first version, longer than the second").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o644,
                0o644,
                "readable by others like any output file"
            );
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["e.json"]);
    }

    #[test]
    fn atomic_write_into_a_missing_folder_fails_without_creating_anything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/e.json");
        let e = write_atomic(&path, b"x").unwrap_err();
        assert!(!dir.path().join("missing").exists());
        // The message does not name the temporary file.
        assert!(!e.to_string().contains(".kouteihyo-"), "{e}");
        assert!(!e.to_string().contains(".tmp"), "{e}");
    }
}
