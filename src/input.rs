//! Reads one input file into an edition, choosing the front-end by content; errors name the reason.

use crate::decode::{decode, DecodeError};
use crate::dump::{self, DumpError};
use crate::edition::{Edition, Source, SourceFormat};
use crate::pipeline::assemble;
use sha2::{Digest, Sha256};
use std::path::Path;
use thiserror::Error;

/// Why one input could not be converted.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Decode(#[from] DecodeError),
    #[error("{0}")]
    Dump(#[from] DumpError),
    #[error("{0}")]
    Pdf(#[from] crate::pdf::content::PdfError),
    #[error("not an edition JSON file: {0}")]
    NotEdition(String),
}

/// Loads an edition from a dump, a PDF or an edition JSON file written by `extract`.
pub fn load_edition(path: &Path) -> Result<Edition, InputError> {
    let bytes = std::fs::read(path)?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if !is_json {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("input");
        return convert_bytes(name, &bytes);
    }
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| InputError::NotEdition(e.to_string()))?;
    crate::schema::validate_edition(&value)
        .map_err(|errs| InputError::NotEdition(errs.join("; ")))?;
    serde_json::from_value(value).map_err(|e| InputError::NotEdition(e.to_string()))
}

/// Converts the bytes of an input named `name` (used in errors and as the fallback edition id).
pub fn convert_bytes(name: &str, bytes: &[u8]) -> Result<Edition, InputError> {
    if bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        let doc = crate::pdf::reader::read(bytes)?;
        let source = Source {
            file: name.to_string(),
            format: SourceFormat::Pdf,
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
            encoding: None,
            line_endings: None,
        };
        let stem = Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(name);
        return Ok(assemble(doc, source, stem));
    }
    let decoded = decode(bytes)?;
    let doc = dump::read(&decoded.text)?;
    let source = Source {
        file: name.to_string(),
        format: SourceFormat::TextDump,
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        encoding: Some(decoded.encoding.label().to_string()),
        line_endings: Some(line_endings_label(decoded.line_endings).to_string()),
    };
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    Ok(assemble(doc, source, stem))
}

/// Reads and converts one file.
pub fn convert_file(path: &Path) -> Result<Edition, InputError> {
    let bytes = std::fs::read(path)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("input");
    convert_bytes(name, &bytes)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn line_endings_label(l: crate::decode::LineEndings) -> &'static str {
    use crate::decode::LineEndings::*;
    match l {
        Lf => "lf",
        Crlf => "crlf",
        Cr => "cr",
        Mixed => "mixed",
        None => "none",
    }
}
