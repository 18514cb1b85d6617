//! Renders editions as validated JSON, JSONL or CSV, and writes files atomically.

use crate::edition::Edition;
use crate::error::{ErrorKind, Result, Violation};
use crate::records::records;
use crate::schema::{validate_edition, validate_record, validate_table_row};
use crate::tables::Tables;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Output file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The whole edition, validated against schemas/edition.schema.json.
    Json,
    /// One item record per line (schemas/record.schema.json).
    Jsonl,
    /// One item record per row, UTF-8 with a header row.
    Csv,
}

impl Format {
    /// The file extension of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// One output file: the part of its name before the extension (`""` for the main file,
/// `"kpis"` for `<edition>.kpis.csv`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `""` for the main file, else the table name.
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
fn rows<T: Serialize>(
    rows: &[T],
    format: Format,
    excel: bool,
    what: &str,
    validate: impl Fn(&serde_json::Value) -> Result<(), Vec<Violation>>,
) -> Result<Vec<u8>> {
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
            let mut out = Vec::new();
            for r in rows {
                let value = serde_json::to_value(r).map_err(ser)?;
                validate(&value).map_err(invalid(what))?;
                serde_json::to_writer(&mut out, &value).map_err(ser)?;
                out.push(b'\n');
            }
            Ok(out)
        }
    }
}

/// The edition in the given format: JSON is one validated file; JSONL and CSV are the item
/// records plus one file per enrichment table. `excel` starts CSV files with a BOM.
pub fn render_parts(ed: &Edition, format: Format, excel: bool) -> Result<Vec<Part>> {
    if format == Format::Json {
        return Ok(vec![Part {
            suffix: String::new(),
            bytes: render(ed, format)?,
        }]);
    }
    let t = &ed.enriched;
    let table = |name: &'static str| move |v: &serde_json::Value| validate_table_row(name, v);
    let mut parts = vec![Part {
        suffix: String::new(),
        bytes: rows(
            &records(ed),
            format,
            excel,
            "an item record",
            validate_record,
        )?,
    }];
    let mut add = |name: &str, bytes: Result<Vec<u8>>| -> Result<()> {
        parts.push(Part {
            suffix: name.to_string(),
            bytes: bytes?,
        });
        Ok(())
    };
    add(
        "measures",
        rows(
            &t.measures,
            format,
            excel,
            "a measures row",
            table("measures"),
        ),
    )?;
    add(
        "schedule",
        rows(
            &t.schedule,
            format,
            excel,
            "a schedule row",
            table("schedule"),
        ),
    )?;
    add(
        "kpis",
        rows(&t.kpis, format, excel, "a kpis row", table("kpis")),
    )?;
    add(
        "progress",
        rows(
            &t.progress,
            format,
            excel,
            "a progress row",
            table("progress"),
        ),
    )?;
    add(
        "dates",
        rows(&t.dates, format, excel, "a dates row", table("dates")),
    )?;
    add(
        "programs",
        rows(
            &t.programs,
            format,
            excel,
            "a programs row",
            table("programs"),
        ),
    )?;
    add(
        "budgets",
        rows(&t.budgets, format, excel, "a budgets row", table("budgets")),
    )?;
    Ok(parts)
}

/// Validates the edition's JSON against the edition schema in pieces: the edition with empty
/// tables, then each table row on its own (the schema's tables are plain arrays of rows, so
/// this is the same check). One JSON value of the whole edition took several times the memory
/// of the edition itself, as every table row repeats its place in map keys and strings.
fn validate_json(ed: &Edition) -> Result<()> {
    let Edition {
        schema_version,
        edition,
        title,
        as_of,
        complete,
        source,
        warnings,
        sheets,
        enriched: t,
    } = ed;
    let shell = Edition {
        schema_version: schema_version.clone(),
        edition: edition.clone(),
        title: title.clone(),
        as_of: as_of.clone(),
        complete: *complete,
        source: source.clone(),
        warnings: warnings.clone(),
        sheets: sheets.clone(),
        enriched: Tables::default(),
    };
    let value = serde_json::to_value(&shell).map_err(ser)?;
    drop(shell);
    validate_edition(&value).map_err(invalid("the edition"))?;
    drop(value);
    fn each<T: Serialize>(name: &str, rows: &[T]) -> Result<()> {
        for (i, r) in rows.iter().enumerate() {
            let value = serde_json::to_value(r).map_err(ser)?;
            validate_table_row(name, &value).map_err(|errs| {
                // Pointers relative to the row become pointers into the edition.
                let violations = errs
                    .into_iter()
                    .map(|v| Violation {
                        pointer: format!(
                            "/enriched/{name}/{i}{}",
                            if v.pointer == "/" { "" } else { &v.pointer }
                        ),
                        message: v.message,
                    })
                    .collect();
                invalid("the edition")(violations)
            })?;
        }
        Ok(())
    }
    each("measures", &t.measures)?;
    each("schedule", &t.schedule)?;
    each("kpis", &t.kpis)?;
    each("progress", &t.progress)?;
    each("dates", &t.dates)?;
    each("programs", &t.programs)?;
    each("budgets", &t.budgets)
}

/// Validates the edition against the edition schema (in pieces, see [`validate_json`]) and
/// serializes it as pretty JSON straight into `w`: no JSON value tree of the whole edition and
/// no second copy of its bytes. Nothing is written when validation fails.
pub fn write_json(ed: &Edition, w: impl Write) -> Result<()> {
    validate_json(ed)?;
    let mut w = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, ed).map_err(ser)?;
    w.write_all(b"\n")
        .and_then(|_| w.flush())
        .map_err(ErrorKind::Write)?;
    Ok(())
}

/// The main file of the edition in the given format (JSON validated against the edition schema).
pub fn render(ed: &Edition, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Json => {
            let mut out = Vec::new();
            write_json(ed, &mut out)?;
            Ok(out)
        }
        _ => rows(
            &records(ed),
            format,
            false,
            "an item record",
            validate_record,
        ),
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
