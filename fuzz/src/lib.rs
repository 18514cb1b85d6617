//! Shared pieces of the fuzz targets: the library calls each target makes (kept here, in one
//! place, so a change of the crate's public paths is one edit) and the structure-aware PDF
//! mutator. `tests/fuzz_regressions.rs` in the main crate makes the same calls on stable.

pub mod pdf_mutator;

use kouteihyo::output::{render, Format};

/// The whole conversion, as the `extract` command does it: bytes → edition → validated JSON.
/// An error is a fine answer; a panic, or JSON that fails its own schema, is a finding.
pub fn convert(name: &str, data: &[u8]) {
    if let Ok(ed) = kouteihyo::input::convert_bytes(name, data) {
        if let Err(e) = render(&ed, Format::Json) {
            panic!("an edition read from {name} does not validate: {e}");
        }
    }
}

/// Whether `convert_bytes` takes these bytes for a PDF (the crate's own rule).
pub fn looks_like_pdf(data: &[u8]) -> bool {
    kouteihyo::pdf::is_pdf(data)
}

/// The dump's HTML fragment parser on one field, and the bullet splitter on its text.
pub fn fragments(field: &str) {
    let f = kouteihyo::dump::fragments::parse_field(field);
    for item in &f.items {
        assert!(
            !item.is_empty() && item.trim() == item,
            "item {item:?} of {field:?}"
        );
    }
    for piece in kouteihyo::dump::fragments::split_bullets(field) {
        assert!(
            !piece.is_empty() && piece.trim() == piece,
            "piece {piece:?} of {field:?}"
        );
    }
}

/// The decoder: encoding and line-ending detection.
pub fn decode(data: &[u8]) {
    if let Ok(d) = kouteihyo::decode::decode(data) {
        assert!(
            !d.text.contains('\r'),
            "line endings left after normalisation"
        );
    }
}
