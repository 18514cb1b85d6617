//! Intermediate table model that both front-ends fill: raw text only, no interpretation.

use serde::{Deserialize, Serialize};

/// One body cell of a sheet's grid, as read by a front-end (raw item strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    /// True when the source marks the cell as a bulleted list.
    pub list: bool,
    /// Item strings exactly as in the source (markup removed, spacing kept).
    pub items: Vec<String>,
    /// Per item: its first glyph is a list marker drawn by the layout, not text (PDF bullets
    /// with a hanging indent). Missing entries are false.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<bool>,
}

/// One header cell: its raw label and the grid columns it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawHeader {
    pub col: usize,
    pub col_span: usize,
    pub raw: String,
}

/// A free text block outside the grid, with the grid cell it belongs to, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawBlock {
    pub raw: String,
    /// (row, col) of the cell a callout was attached to in the source.
    pub anchor: Option<(usize, usize)>,
}

impl RawBlock {
    pub fn loose(raw: impl Into<String>) -> Self {
        RawBlock {
            raw: raw.into(),
            anchor: None,
        }
    }
}

/// A problem a front-end worked around; kept in the output, never silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    pub message: String,
}

impl Warning {
    pub fn new(
        code: &str,
        sheet: Option<u32>,
        row: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Warning {
            code: code.to_string(),
            sheet,
            row,
            message: message.into(),
        }
    }
}

/// One slide/page: heading, loose text and the table grid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawSheet {
    /// The circled number of the heading (① = 1).
    pub number: u32,
    pub heading: String,
    pub labels: Vec<RawBlock>,
    pub callouts: Vec<RawBlock>,
    pub footnotes: Vec<RawBlock>,
    pub header: Vec<RawHeader>,
    pub n_cols: usize,
    pub n_rows: usize,
    pub cells: Vec<RawCell>,
}

/// What a front-end read from one input file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    /// Cover lines before the first sheet, in reading order.
    pub cover: Vec<String>,
    pub sheets: Vec<RawSheet>,
    pub warnings: Vec<Warning>,
}
