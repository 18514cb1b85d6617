//! Reads one input (a PDF, a text dump, or an edition JSON written by `extract`) into an
//! [`Edition`]: the bytes choose the front-end, [`crate::pipeline`] does the rest.

use crate::edition::Edition;
use crate::error::{contain, Error, ErrorKind, Result};
use crate::limits::MAX_INPUT_BYTES;
use crate::pipeline;
use crate::pipeline::ReadOptions;
use std::path::Path;

/// Loads an edition from a dump, a PDF or an edition JSON file written by `extract`.
pub fn load_edition(path: &Path) -> Result<Edition> {
    load(path).map_err(|e| e.in_file(path))
}

fn load(path: &Path) -> Result<Edition> {
    let bytes = read_bounded(path)?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if !is_json {
        let name = input_name(path);
        return contain(|| pipeline::convert(name, &bytes, &ReadOptions::default()));
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
    convert_bytes_with(name, bytes, &ReadOptions::default())
}

/// As [`convert_bytes`], with reading options. A panic inside the conversion (a bug here or
/// in a dependency) is caught and becomes [`ErrorKind::Internal`] naming the crate.
pub fn convert_bytes_with(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Edition> {
    check_size(bytes.len() as u64)
        .and_then(|_| contain(|| pipeline::convert(name, bytes, opts)))
        .map_err(|e| e.in_file(name))
}

/// Refuses inputs past [`MAX_INPUT_BYTES`].
fn check_size(bytes: u64) -> Result<()> {
    if bytes > MAX_INPUT_BYTES {
        return Err(Error::new(ErrorKind::TooLarge {
            bytes,
            limit: MAX_INPUT_BYTES,
        }));
    }
    Ok(())
}

/// The path that names standard input (`kouteihyo extract -`).
pub const STDIN: &str = "-";

/// Whether `path` names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// The name an input goes by in errors and as the fallback edition id: its file name, or
/// `stdin`.
fn input_name(path: &Path) -> &str {
    if is_stdin(path) {
        return "stdin";
    }
    path.file_name().and_then(|n| n.to_str()).unwrap_or("input")
}

/// Reads a file after checking its size against [`MAX_INPUT_BYTES`]; `-` reads standard
/// input, up to the same bound.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    if is_stdin(path) {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(ErrorKind::Read)?;
        check_size(bytes.len() as u64)?;
        return Ok(bytes);
    }
    let len = std::fs::metadata(path).map_err(ErrorKind::Read)?.len();
    check_size(len)?;
    Ok(std::fs::read(path).map_err(ErrorKind::Read)?)
}

/// The bytes of an input file (`-`: standard input), bounded by [`MAX_INPUT_BYTES`]; errors
/// name the file.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    read_bounded(path).map_err(|e| e.in_file(path))
}

/// Reads and converts one file.
pub fn convert_file(path: &Path) -> Result<Edition> {
    convert_file_with(path, &ReadOptions::default())
}

/// As [`convert_file`], with reading options.
pub fn convert_file_with(path: &Path, opts: &ReadOptions) -> Result<Edition> {
    let bytes = read_bounded(path).map_err(|e| e.in_file(path))?;
    crate::trace::mark("input read");
    let name = input_name(path);
    contain(|| pipeline::convert(name, &bytes, opts)).map_err(|e| e.in_file(path))
}
