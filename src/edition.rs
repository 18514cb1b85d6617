//! The edition output model: the types the edition JSON holds (built by `pipeline`).

use crate::model::Warning;
use crate::normalize::normalize;
use crate::roles::{Phase, Role};
use crate::tables::Tables;
use serde::{Deserialize, Serialize};

/// Version of the JSON layout; bumped on incompatible changes.
pub const SCHEMA_VERSION: &str = "1.0";

/// A piece of source text: as printed (`raw`) and normalized (`text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub raw: String,
    pub text: String,
}

impl Text {
    pub fn new(raw: &str) -> Self {
        Text {
            raw: raw.to_string(),
            text: normalize(raw),
        }
    }

    /// An item whose first glyph is a list marker: `raw` keeps it, `text` does not.
    pub fn item_after_marker(raw: &str) -> Self {
        let mut chars = raw.trim_start().chars();
        chars.next();
        Text {
            raw: raw.to_string(),
            text: normalize(chars.as_str()),
        }
    }
}

/// Which front-end read the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    TextDump,
    Pdf,
}

/// Where an edition came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File name (no directories) of the input.
    pub file: String,
    pub format: SourceFormat,
    pub sha256: String,
    pub bytes: u64,
    /// Detected text encoding of a dump (`utf-8`, `utf-8-bom`, `shift_jis`, `utf-16le`, `utf-16be`).
    pub encoding: Option<String>,
    /// Line endings of a dump (`lf`, `crlf`, `cr`, `mixed`, `none`).
    pub line_endings: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edition {
    pub schema_version: String,
    pub edition: String,
    pub title: Option<Text>,
    pub as_of: Option<String>,
    pub source: Source,
    pub warnings: Vec<Warning>,
    pub sheets: Vec<Sheet>,
    /// Typed tables (KPIs, budgets, ministries, dates …) built from the sheets.
    pub enriched: Tables,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callout {
    pub raw: String,
    pub text: String,
    /// Body row of the cell the marker was attached to, if any.
    pub row: Option<usize>,
    pub col: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub index: usize,
    pub role: Role,
    pub label: Text,
    pub phase: Option<Phase>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub list: bool,
    pub items: Vec<Text>,
}

impl Cell {
    /// The cell's normalized text, items joined by a space.
    pub fn text(&self) -> String {
        self.items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn covers_row(&self, r: usize) -> bool {
        (self.row..self.row + self.row_span).contains(&r)
    }
}

/// Cells of one measure in one column role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub row: usize,
    pub col: usize,
    pub items: Vec<Text>,
}

/// A schedule entry: the phases it covers and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleEntry {
    pub row: usize,
    pub col: usize,
    pub col_span: usize,
    pub from_phase: String,
    pub to_phase: String,
    pub from: String,
    pub to: Option<String>,
    pub items: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub title: Option<Text>,
    pub first_row: usize,
    pub last_row: usize,
    pub schedule: Vec<ScheduleEntry>,
    pub kpis: Vec<Entry>,
    pub progress: Vec<Entry>,
    pub programs: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub number: u32,
    pub heading: Text,
    pub labels: Vec<Text>,
    pub callouts: Vec<Callout>,
    pub footnotes: Vec<Text>,
    pub columns: Vec<Column>,
    pub n_rows: usize,
    pub cells: Vec<Cell>,
    pub measures: Vec<Measure>,
}

impl Sheet {
    /// Role of grid column `col` (`other` outside the grid).
    pub fn role(&self, col: usize) -> Role {
        self.columns.get(col).map_or(Role::Other, |c| c.role)
    }

    /// The phases of a cell's first and last column (schedule entries; None elsewhere).
    pub fn phases_of(&self, cell: &Cell) -> (Option<&Phase>, Option<&Phase>) {
        let phase = |col: usize| self.columns.get(col).and_then(|c| c.phase.as_ref());
        (phase(cell.col), phase(cell.col + cell.col_span - 1))
    }

    /// The measure whose rows include body row `r`.
    pub fn measure_at(&self, r: usize) -> Option<&Measure> {
        self.measures
            .iter()
            .find(|m| (m.first_row..=m.last_row).contains(&r))
    }

    /// The measure cell covering body row `r`, if the sheet has a measure column.
    pub fn measure_cell(&self, r: usize) -> Option<&Cell> {
        let m = self.columns.iter().find(|c| c.role == Role::Measure)?.index;
        self.cells.iter().find(|c| c.col == m && c.covers_row(r))
    }
}
