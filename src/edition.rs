//! The edition output model (what JSON holds) and its assembly from the shared table model.

use crate::enrich::{tables, Tables};
use crate::measures::build_measures;
use crate::model::{RawBlock, RawDocument, RawSheet, Warning};
use crate::roles::{parse_phase, role_of_label, Phase, Role};
use crate::text::normalize::normalize;
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

fn texts(blocks: &[RawBlock]) -> Vec<Text> {
    blocks.iter().map(|b| Text::new(&b.raw)).collect()
}

fn sheet_from(raw: RawSheet) -> Sheet {
    let columns: Vec<Column> = (0..raw.n_cols)
        .map(|i| {
            let label = raw
                .header
                .iter()
                .find(|h| h.col <= i && i < h.col + h.col_span)
                .map_or("", |h| h.raw.as_str());
            let label = Text::new(label);
            let role = role_of_label(&label.text, i == 0);
            let phase = if role == Role::Phase {
                parse_phase(&label.text)
            } else {
                None
            };
            Column {
                index: i,
                role,
                label,
                phase,
            }
        })
        .collect();
    let cells: Vec<Cell> = raw
        .cells
        .iter()
        .map(|c| Cell {
            row: c.row,
            col: c.col,
            row_span: c.row_span,
            col_span: c.col_span,
            list: c.list,
            items: c
                .items
                .iter()
                .enumerate()
                .map(|(k, i)| match c.markers.get(k) {
                    Some(true) => Text::item_after_marker(i),
                    _ => Text::new(i),
                })
                .collect(),
        })
        .collect();
    let mut sheet = Sheet {
        number: raw.number,
        heading: Text::new(&raw.heading),
        labels: texts(&raw.labels),
        callouts: raw
            .callouts
            .iter()
            .map(|b| {
                let t = Text::new(&b.raw);
                Callout {
                    raw: t.raw,
                    text: t.text,
                    row: b.anchor.map(|a| a.0),
                    col: b.anchor.map(|a| a.1),
                }
            })
            .collect(),
        footnotes: texts(&raw.footnotes),
        columns,
        n_rows: raw.n_rows,
        cells,
        measures: Vec::new(),
    };
    sheet.measures = build_measures(&sheet);
    sheet
}

/// The as-of date stated by `※…時点` footnotes (2025年6月末時点 → 2025-06-30).
pub fn as_of_date(footnote: &str) -> Option<String> {
    use regex::Regex;
    use std::sync::LazyLock;
    static AS_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{4})年(\d{1,2})月(末|(\d{1,2})日)?(時点|現在)").expect("as-of regex")
    });
    let t = crate::roles::eras_to_western(&normalize(footnote).replace(' ', ""));
    let c = AS_OF.captures(&t)?;
    let y: i32 = c[1].parse().ok()?;
    let m: u32 = c[2].parse().ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let last = match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let d: u32 = match c.get(4) {
        Some(d) => d.as_str().parse().ok().filter(|d| (1..=last).contains(d))?,
        None => last,
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Builds the edition from what a front-end read. `fallback` names the edition when no as-of date is printed.
pub fn assemble(doc: RawDocument, source: Source, fallback: &str) -> Edition {
    let mut warnings = doc.warnings;
    let title = (!doc.cover.is_empty()).then(|| Text::new(&doc.cover.join("\n")));
    let mut dates: Vec<String> = doc
        .sheets
        .iter()
        .flat_map(|s| s.footnotes.iter())
        .filter_map(|f| as_of_date(&f.raw))
        .collect();
    dates.sort();
    dates.dedup();
    if dates.len() > 1 {
        warnings.push(Warning::new(
            "as-of-conflict",
            None,
            None,
            format!(
                "footnotes give several as-of dates ({}); the latest is used",
                dates.join(", ")
            ),
        ));
    }
    let as_of = dates.last().cloned();
    if as_of.is_none() {
        warnings.push(Warning::new(
            "as-of-missing",
            None,
            None,
            "no ※…時点 footnote gives an as-of date",
        ));
    }
    let edition = as_of
        .as_ref()
        .map_or_else(|| fallback.to_string(), |d| d[..7].to_string());
    let sheets = doc.sheets.into_iter().map(sheet_from).collect();
    let mut ed = Edition {
        schema_version: SCHEMA_VERSION.to_string(),
        edition,
        title,
        as_of,
        source,
        warnings,
        sheets,
        enriched: Tables::default(),
    };
    let (enriched, more) = tables(&ed);
    ed.enriched = enriched;
    ed.warnings.extend(more);
    ed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_from_footnotes() {
        assert_eq!(
            as_of_date("※2025年6月末時点").as_deref(),
            Some("2025-06-30")
        );
        assert_eq!(
            as_of_date("※2 2025年6月末時点").as_deref(),
            Some("2025-06-30")
        );
        assert_eq!(
            as_of_date("※２０２４年１２月末時点").as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(
            as_of_date("※令和7年2月末時点").as_deref(),
            Some("2025-02-28")
        );
        assert_eq!(
            as_of_date("※2024年2月末時点").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            as_of_date("※令和6年11月1日時点").as_deref(),
            Some("2024-11-01")
        );
        assert_eq!(as_of_date("※適宜、最新情報に基づき更新"), None);
        assert_eq!(as_of_date("※2025年2月30日時点"), None);
    }
}
