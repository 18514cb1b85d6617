//! PDF front-end: page content, table grids, cell items, the reader into the shared model, and page inspection.

pub mod actual_text;
pub mod content;
pub mod glyph;
pub mod grid;
pub mod inspect;
pub mod items;
pub mod reader;
pub mod tagged;
