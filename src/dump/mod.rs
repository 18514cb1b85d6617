//! Text-dump front-end: tab-separated rows with HTML fragments → the shared table model.

pub mod align;
pub mod fragments;
mod grid;
pub mod page;

use crate::limits::MAX_ITEMS_PER_SHEET;
use crate::model::RawDocument;
use thiserror::Error;

/// Why a dump could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DumpError {
    #[error("no sheet found: no line starts a sheet (各施策のスケジュール・工程表① …)")]
    NoSheets,
    #[error("no table found: no sheet has a tab-separated header row")]
    NoTables,
    #[error("sheet {sheet} holds more than {limit} items (limit MAX_ITEMS_PER_SHEET)")]
    TooManyItems { sheet: u32, limit: usize },
}

/// Reads a decoded dump (LF line endings) into the shared model.
pub fn read(text: &str) -> Result<RawDocument, DumpError> {
    let pages = page::split(text);
    if pages.sheets.is_empty() {
        return Err(DumpError::NoSheets);
    }
    let mut doc = RawDocument {
        cover: pages.cover,
        ..Default::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    for p in pages.sheets {
        if !seen.insert(p.number) {
            doc.warnings.push(crate::model::Warning::new(
                "duplicate-sheet",
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
