//! Reads one input (a PDF, a text dump, or an edition JSON written by `extract`) into an
//! [`Edition`]: the bytes choose the front-end, [`crate::pipeline`] does the rest.

use crate::decode::decode;
use crate::dump;
use crate::edition::{Edition, Source, SourceFormat};
use crate::error::{Error, ErrorKind, Result};
use crate::pipeline::assemble;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Loads an edition from a dump, a PDF or an edition JSON file written by `extract`.
pub fn load_edition(path: &Path) -> Result<Edition> {
    load(path).map_err(|e| e.in_file(path))
}

fn load(path: &Path) -> Result<Edition> {
    let bytes = std::fs::read(path).map_err(ErrorKind::Read)?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if !is_json {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("input");
        return convert_bytes(name, &bytes);
    }
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| ErrorKind::NotEdition(e.to_string()))?;
    crate::schema::validate_edition(&value).map_err(|violations| ErrorKind::Invalid {
        what: "the edition".into(),
        violations,
    })?;
    serde_json::from_value(value).map_err(|e| Error::new(ErrorKind::NotEdition(e.to_string())))
}

/// Converts the bytes of an input named `name` (used in errors and as the fallback edition id).
pub fn convert_bytes(name: &str, bytes: &[u8]) -> Result<Edition> {
    convert(name, bytes).map_err(|e| e.in_file(name))
}

fn convert(name: &str, bytes: &[u8]) -> Result<Edition> {
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
pub fn convert_file(path: &Path) -> Result<Edition> {
    let bytes = std::fs::read(path).map_err(|e| Error::new(ErrorKind::Read(e)).in_file(path))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("input");
    convert(name, &bytes).map_err(|e| e.in_file(path))
}

/// The SHA-256 of `bytes` as lowercase hex.
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
