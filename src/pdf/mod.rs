//! PDF front-end: what a PDF is ([`is_pdf`]), page content and what of it could not be read,
//! the table finder, cell text lines and items, the reader into the shared model, and page
//! inspection.
//!
//! Flow of one file: [`document`] parses it once and [`content`] interprets every page once (glyphs, segments, boxes, marked
//! content) → [`table::find`] finds each page's table and keeps its steps in a
//! [`table::TableFinding`] → [`lines`] and [`items`] read the text of each cell →
//! [`reader`] fills the shared model, settling with the [`tagged`] structure tree what
//! geometry cannot. [`inspect`] draws the same findings.

pub mod actual_text;
pub mod content;
pub mod damage;
pub mod document;
pub mod geom;
pub mod glyph;
pub mod inspect;
pub mod items;
pub mod lines;
pub mod pages;
pub mod reader;
pub mod table;
pub mod tagged;
pub mod text_layer;

pub use pages::PageSelection;
pub use table::{Settings, TextTolerances, Tolerances};

/// How far into the file the `%PDF-` header may start (readers accept leading junk).
pub const HEADER_WINDOW: usize = 1024;

/// Whether `bytes` are a PDF: `%PDF-` within the first [`HEADER_WINDOW`] bytes, or, for a file
/// whose header is missing, a numbered object (`1 0 obj`) there and an `endobj` after it. Such
/// files are repaired by scanning for objects, as poppler and pdf.js do; no text dump holds
/// that pattern.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return true;
    }
    let Some(at) = first_object(head) else {
        return false;
    };
    bytes[at..].windows(6).any(|w| w == b"endobj")
}

/// Offset just past the first `N G obj` in `head`, if any.
fn first_object(head: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(k) = head[i..].windows(3).position(|w| w == b"obj") {
        let end = i + k;
        // Backwards: whitespace, digits (generation), whitespace, digits (number).
        let mut j = end;
        let ws = |j: &mut usize| {
            let s = *j;
            while *j > 0 && head[*j - 1].is_ascii_whitespace() {
                *j -= 1;
            }
            *j < s
        };
        let digits = |j: &mut usize| {
            let s = *j;
            while *j > 0 && head[*j - 1].is_ascii_digit() {
                *j -= 1;
            }
            *j < s
        };
        let starts_token = |j: usize| j == 0 || !head[j - 1].is_ascii_alphanumeric();
        if ws(&mut j) && digits(&mut j) && ws(&mut j) && digits(&mut j) && starts_token(j) {
            return Some(end + 3);
        }
        i = end + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::is_pdf;

    #[test]
    fn a_pdf_is_told_by_its_header_or_its_objects() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(is_pdf(b"junk\n%PDF-1.4"));
        assert!(!is_pdf(b""));
        let mut late = vec![b' '; 2000];
        late.extend_from_slice(b"%PDF-1.7");
        assert!(!is_pdf(&late));
        assert!(is_pdf(
            b"%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        ));
        assert!(!is_pdf(b"1 0 obj but no end"));
        assert!(!is_pdf(
            "各施策のスケジュール・工程表①\n\t2024年 0 obj\tKPI\n".as_bytes()
        ));
        assert!(!is_pdf(b"x1 0 obj endobj"));
    }
}
