//! Text-dump front-end: tab-separated rows with HTML fragments → the shared table model.

pub mod align;
pub mod fragments;
mod grid;
pub mod page;

use crate::limits::{MAX_ITEMS_PER_SHEET, MAX_ROWS_PER_FILE};
use crate::model::RawDocument;

pub use crate::error::DumpError;

/// Reads a decoded dump (LF line endings) into the shared model.
pub fn read(text: &str) -> Result<RawDocument, DumpError> {
    let pages = page::split(text);
    if pages.sheets.is_empty() {
        return Err(DumpError::NoSheets);
    }
    // Rows are counted before any is built: building holds every row's fields at once.
    let rows: usize = pages
        .sheets
        .iter()
        .map(|p| p.lines.iter().filter(|l| l.contains('\t')).count())
        .sum();
    if rows > MAX_ROWS_PER_FILE {
        return Err(DumpError::Exceeded(crate::limits::Exceeded {
            what: "table rows".into(),
            name: "MAX_ROWS_PER_FILE",
            limit: MAX_ROWS_PER_FILE,
            found: rows,
        }));
    }
    let mut doc = RawDocument {
        cover: pages.cover,
        html_text: true,
        ..Default::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    for p in pages.sheets {
        if !seen.insert(p.number) {
            doc.warnings.push(crate::model::Warning::new(
                crate::model::WarningCode::DuplicateSheet,
                Some(p.number),
                None,
                format!(
                    "sheet {} appears more than once; both are kept in reading order",
                    p.number
                ),
            ));
        }
        let sheet = grid::build(p, &mut doc.warnings);
        let items: usize = sheet.cells.iter().map(|c| c.items.len()).sum();
        if items > MAX_ITEMS_PER_SHEET {
            return Err(DumpError::TooManyItems {
                sheet: sheet.number,
                limit: MAX_ITEMS_PER_SHEET,
            });
        }
        doc.sheets.push(sheet);
    }
    if doc.sheets.iter().all(|s| s.header.is_empty()) {
        return Err(DumpError::NoTables);
    }
    Ok(doc)
}
