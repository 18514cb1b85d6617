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
