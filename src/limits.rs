//! Bounds on what one input may hold, one named constant each.
//!
//! Each bound is far above real editions, so that a broken or hostile input ends in a clear
//! error that names the bound instead of exhausting memory or time.

/// Items (list entries and paragraphs, counted over all cells) one sheet may hold. The 2025-06
/// edition has about 350 items in 12 sheets; each item costs a few kilobytes while converting.
pub const MAX_ITEMS_PER_SHEET: usize = 100_000;
