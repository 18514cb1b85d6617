//! Bounds on what one input may hold, one named constant each.
//!
//! Each bound is far above real editions, so that a broken or hostile input ends in a clear
//! error that names the bound instead of exhausting memory or time.

/// Items (list entries and paragraphs, counted over all cells) one sheet may hold. The 2025-06
/// edition has about 350 items in 12 sheets; each item costs a few kilobytes while converting.
pub const MAX_ITEMS_PER_SHEET: usize = 100_000;

/// Largest input file read, in bytes. A follow-up edition is a few megabytes as a PDF and a
/// few hundred kilobytes as a dump; past this the file is refused before it is read.
pub const MAX_INPUT_BYTES: u64 = 128 * 1024 * 1024;

/// Most glyphs read from one PDF page. A dense roadmap slide draws about 10,000; past the
/// bound the page counts as not read whole (an error unless partial output is asked for).
pub const MAX_GLYPHS_PER_PAGE: usize = 500_000;

/// Most paths (rules, boxes, shapes, glyph outlines drawn as paths) read from one PDF page.
pub const MAX_PATHS_PER_PAGE: usize = 500_000;

/// Most bytes the content streams of one PDF page may decode to. A slide's content is well
/// under a megabyte; a page past this is not interpreted (a decompression bomb would
/// otherwise be held in memory and interpreted operator by operator).
pub const MAX_CONTENT_BYTES_PER_PAGE: u64 = 32 * 1024 * 1024;

/// Most bytes the content streams of all pages of one PDF may decode to together: the
/// interpreter keeps each page's decoded content while the file is read.
pub const MAX_CONTENT_BYTES_PER_FILE: u64 = 128 * 1024 * 1024;

/// Most bytes one PDF stream may decode to, enforced inside the vendored hayro-syntax
/// (`vendor/hayro-syntax/src/filter/mod.rs`, `MAX_DECODED_STREAM_LEN`); repeated here so
/// that every bound is listed in one place. A test holds the two equal.
pub const MAX_DECODED_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// Highest CID kept from a CIDFont's `/W` and `/W2` ranges, enforced inside the vendored
/// hayro-font (`vendor/hayro-font/src/cid.rs`, `MAX_CID`; CIDs are 16-bit, PDF 32000-1 Annex C).
pub const MAX_CID: u32 = 65535;

/// Most glyphs read from all pages of one PDF together (a 13-page edition draws about
/// 65,000). Each glyph costs about a hundred bytes while the file is read.
pub const MAX_GLYPHS_PER_FILE: usize = 1_000_000;

/// Most tab-separated table rows of one text dump (an edition has about a hundred). The dump
/// reader holds every row's fields while it realigns them, so this is checked before.
pub const MAX_ROWS_PER_FILE: usize = 20_000;

/// Most sheets one input may hold (an edition has about a dozen).
pub const MAX_SHEETS_PER_FILE: usize = 1_000;

/// Most grid columns of one sheet (an edition's sheets have about ten). Every column carries
/// its label and role into the output, so a header of a million tabs would otherwise cost
/// gigabytes.
pub const MAX_COLUMNS_PER_SHEET: usize = 1_000;

/// Most body cells of all sheets of one input together (the 2025-06 edition has 278). A cell
/// costs about five kilobytes from the table model to the written JSON, so this bound keeps a
/// conversion near 200 MiB whatever the input.
pub const MAX_CELLS_PER_FILE: usize = 40_000;

/// Most items (list entries and paragraphs) of all sheets of one input together (the 2025-06
/// edition has 341).
pub const MAX_ITEMS_PER_FILE: usize = 40_000;

/// Checks the table model a front-end produced against the bounds above, before the shared
/// stages multiply its size.
pub fn check(doc: &crate::model::RawDocument) -> Result<(), Exceeded> {
    let over = |what: String, name: &'static str, limit: usize, n: usize| {
        (n > limit).then_some(Exceeded {
            what,
            name,
            limit,
            found: n,
        })
    };
    let sheets = doc.sheets.len();
    if let Some(e) = over(
        "sheets".into(),
        "MAX_SHEETS_PER_FILE",
        MAX_SHEETS_PER_FILE,
        sheets,
    ) {
        return Err(e);
    }
    for s in &doc.sheets {
        if let Some(e) = over(
            format!("columns in sheet {}", s.number),
            "MAX_COLUMNS_PER_SHEET",
            MAX_COLUMNS_PER_SHEET,
            s.n_cols.max(s.header.len()),
        ) {
            return Err(e);
        }
    }
    let cells: usize = doc.sheets.iter().map(|s| s.cells.len()).sum();
    if let Some(e) = over(
        "cells".into(),
        "MAX_CELLS_PER_FILE",
        MAX_CELLS_PER_FILE,
        cells,
    ) {
        return Err(e);
    }
    let items: usize = doc
        .sheets
        .iter()
        .flat_map(|s| &s.cells)
        .map(|c| c.items.len())
        .sum();
    if let Some(e) = over(
        "items".into(),
        "MAX_ITEMS_PER_FILE",
        MAX_ITEMS_PER_FILE,
        items,
    ) {
        return Err(e);
    }
    Ok(())
}

/// A bound an input went past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    /// What was counted (`cells`, `columns in sheet 3`).
    pub what: String,
    /// The bound's constant.
    pub name: &'static str,
    /// Its value.
    pub limit: usize,
    /// How many the input holds.
    pub found: usize,
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the input holds {} {}, more than the limit {} ({})",
            self.found, self.what, self.name, self.limit
        )
    }
}
