//! Renders editions as validated JSON, JSONL or CSV, and writes files atomically.

use crate::edition::Edition;
use crate::records::records;
use crate::schema::{validate_edition, validate_record};
use std::io::Write;
use std::path::Path;
use thiserror::Error;

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
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("output does not validate against the schema: {}", .0.join("; "))]
    Invalid(Vec<String>),
    #[error("cannot serialize: {0}")]
    Serialize(String),
}

/// The edition in the given format; JSON and JSONL are validated before they are returned.
pub fn render(ed: &Edition, format: Format) -> Result<Vec<u8>, OutputError> {
    let ser = |e: &dyn std::fmt::Display| OutputError::Serialize(e.to_string());
    match format {
        Format::Json => {
            let value = serde_json::to_value(ed).map_err(|e| ser(&e))?;
            validate_edition(&value).map_err(OutputError::Invalid)?;
            let mut out = serde_json::to_vec_pretty(&value).map_err(|e| ser(&e))?;
            out.push(b'\n');
            Ok(out)
        }
        Format::Jsonl => {
            let mut out = Vec::new();
            for r in records(ed) {
                let value = serde_json::to_value(&r).map_err(|e| ser(&e))?;
                validate_record(&value).map_err(OutputError::Invalid)?;
                serde_json::to_writer(&mut out, &value).map_err(|e| ser(&e))?;
                out.push(b'\n');
            }
            Ok(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for r in records(ed) {
                w.serialize(&r).map_err(|e| ser(&e))?;
            }
            w.into_inner().map_err(|e| ser(&e))
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so a reader never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".kouteihyo-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!dir.path().join("missing").exists());
    }
}
