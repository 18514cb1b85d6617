//! PDF front-end building blocks (not wired into `extract` yet): page content and table grids.

pub mod content;
pub mod grid;
pub mod reader;
pub mod tagged;
