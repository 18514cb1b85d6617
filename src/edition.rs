//! The edition output model: the types the edition JSON holds (built by `pipeline`).

use crate::model::{Provenance, SheetQuality, Warning};
use crate::roles::{Phase, Role};
use crate::tables::Tables;
use crate::text::normalize::normalize;
use serde::{Deserialize, Serialize};

/// Version of the JSON layout; bumped on incompatible changes.
pub const SCHEMA_VERSION: &str = "2.0";

fn yes() -> bool {
    true
}

/// A piece of source text: as printed (`raw`) and normalized (`text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// The text exactly as in the source (HTML markup of a text dump removed, spacing, full-width characters and typos kept).
    pub raw: String,
    /// Normalized text for searching and comparing: NFKC applied to full-width ASCII letters, digits and symbols and to half-width katakana, spacing artifacts of the source removed; Japanese punctuation (、。・「」 etc.) and wave dashes (〜) are kept as they are.
    pub text: String,
}

impl Text {
    /// Source text and its normalized form.
    pub fn new(raw: &str) -> Self {
        Text {
            raw: raw.to_string(),
            text: normalize(raw),
        }
    }

    /// Source text that is HTML text: `raw` as printed, `text` with its character references
    /// (`&#8226;`, `&amp;`) decoded before normalization.
    pub fn from_html(raw: &str) -> Self {
        Text {
            raw: raw.to_string(),
            text: normalize(&crate::text::lexicon::decode_char_refs(raw)),
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

/// One item of a cell (a bullet or a paragraph): its text as printed and normalized, and
/// where it was read (`page` and `bbox` from a PDF, `line` from a dump; unknown fields are
/// left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The text exactly as in the source (see [`Text::raw`]).
    pub raw: String,
    /// Normalized text (see [`Text::text`]).
    pub text: String,
    /// Where the item was read; when the front-end knows only the cell's place, the cell's.
    #[serde(flatten)]
    pub source: Provenance,
}

impl Item {
    /// The item of `text`, read at `source`.
    pub fn new(text: Text, source: Provenance) -> Self {
        Item {
            raw: text.raw,
            text: text.text,
            source,
        }
    }
}

/// Which front-end read the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// A tab-separated text dump of the slides.
    TextDump,
    /// A PDF of the slides.
    Pdf,
}

/// Where an edition came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File name (no directories) of the input.
    pub file: String,
    /// Which reader converted the input: `text-dump` for a tab-separated text dump of the slides, `pdf` for a PDF file.
    pub format: SourceFormat,
    /// SHA-256 digest of the input file's bytes, as 64 lowercase hexadecimal digits.
    pub sha256: String,
    /// Size of the input file in bytes.
    pub bytes: u64,
    /// Detected text encoding of a dump (`utf-8`, `utf-8-bom`, `shift_jis`, `utf-16le`, `utf-16be`).
    pub encoding: Option<String>,
    /// Line endings of a dump (`lf`, `crlf`, `cr`, `mixed`, `none`).
    pub line_endings: Option<String>,
}

/// One follow-up edition of a Japanese government roadmap (工程表) as converted by kouteihyo: the source file it came from, the warnings raised while reading it, and every sheet (工程表①, ②, …) with its header columns, its grid of body cells and the measures (施策) view grouped from those cells. Row and column numbers are 0-based indices into a sheet's body grid (the header row is not counted). Wherever source text appears it is given twice: `raw`, exactly as printed, and `text`, normalized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edition {
    /// Version of this JSON layout. It changes only on incompatible changes; this schema describes version 2.0.
    pub schema_version: String,
    /// Identifier of the edition: the year and month (YYYY-MM) of the as-of date when one is printed (e.g. 2025-06), otherwise the stem of the input file name (the name without directories and without its last extension).
    pub edition: String,
    /// The cover text printed before the first sheet, its lines joined with a line feed; null when the source has no cover lines.
    pub title: Option<Text>,
    /// The as-of date stated by the ※…時点 (or ※…現在) footnotes, as YYYY-MM-DD; a month without a day (2025年6月末時点) gives the last day of that month, Japanese era years are converted to Western years. When footnotes give several dates the latest is used (and an `as-of-conflict` warning is raised); null when no footnote gives a date (with an `as-of-missing` warning).
    pub as_of: Option<String>,
    /// False when parts of the source could not be read and the edition was kept anyway
    /// (`extract --partial`); `page-incomplete` warnings say what is missing.
    #[serde(default = "yes")]
    pub complete: bool,
    /// The input file the edition was read from.
    pub source: Source,
    /// Problems the reader worked around while converting this edition, in the order they were found. Warnings never stop the conversion; they say where the output may differ from the printed page.
    pub warnings: Vec<Warning>,
    /// The sheets of the edition in reading order. A sheet number that occurs twice in the source is kept twice (with a `duplicate-sheet` warning).
    pub sheets: Vec<Sheet>,
    /// Typed tables (KPIs, budgets, ministries, dates …) built from the sheets.
    pub enriched: Tables,
}

/// A small boxed marker on the page, such as 再掲.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callout {
    /// The marker text exactly as in the source.
    pub raw: String,
    /// The marker text normalized (same rules as `text` of a text object).
    pub text: String,
    /// Body row of the cell the marker was attached to, if any.
    pub row: Option<usize>,
    /// 0-based column of the cell the marker was attached to; null when it is not attached to a cell. Null exactly when `row` is null.
    pub col: Option<usize>,
}

/// One grid column: its header label and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// 0-based index of the column in the grid (equal to its position in `columns`).
    pub index: usize,
    /// What the column holds, read from its header label: `measure` (the measures, 施策; also a blank first header cell), `phase` (a schedule phase such as 2024年夏 or 2025年度), `kpi` (targets, KPI/成果指標/目標), `progress` (progress reports, 進捗/実績), `programs` (related programs and budgets, 事業/予算), `other` (anything else).
    pub role: Role,
    /// The header label of the column (empty for a blank header cell).
    pub label: Text,
    /// The schedule phase the header label names; an object exactly when `role` is `phase`, null otherwise.
    pub phase: Option<Phase>,
}

/// One filled body cell of the grid; it covers rows row … row+row_span-1 and columns col … col+col_span-1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// 0-based body row of the cell's top edge.
    pub row: usize,
    /// 0-based column of the cell's left edge.
    pub col: usize,
    /// Number of body rows the cell covers (more than 1 for a merged cell).
    pub row_span: usize,
    /// Number of columns the cell covers (more than 1 for a schedule entry drawn across several phases).
    pub col_span: usize,
    /// True when the source marks the cell as a bulleted list (then each item is one bullet); false when its items are paragraphs.
    pub list: bool,
    /// The items of the cell in printed order: one per bullet when `list` is true, otherwise one per paragraph. Never empty.
    pub items: Vec<Item>,
    /// Where the cell was read: `page` and `bbox` from a PDF, `line` from a dump (unknown fields are left out).
    #[serde(flatten)]
    pub source: Provenance,
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

    /// Whether the cell spans body row `r`.
    pub fn covers_row(&self, r: usize) -> bool {
        (self.row..self.row + self.row_span).contains(&r)
    }
}

/// Cells of one measure in one column role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// 0-based body row of the cell (its top edge); the matching cell is in the sheet's `cells`.
    pub row: usize,
    /// 0-based column of the cell.
    pub col: usize,
    /// The items of the cell, as in the sheet's `cells`. Never empty.
    pub items: Vec<Item>,
}

/// A schedule entry: the phases it covers and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleEntry {
    /// 0-based body row of the cell (its top edge).
    pub row: usize,
    /// 0-based column of the first phase column the cell covers.
    pub col: usize,
    /// Number of phase columns the cell covers (more than 1 for an entry drawn across several phases).
    pub col_span: usize,
    /// Canonical label of the first phase covered (the `label` of that column's phase).
    pub from_phase: String,
    /// Canonical label of the last phase covered; equal to `from_phase` when the entry covers one phase.
    pub to_phase: String,
    /// First month of the period the entry covers, YYYY-MM (start of the first phase).
    pub from: String,
    /// Last month of the period the entry covers, YYYY-MM (end of the last phase); null when the last phase is open-ended (…以降).
    pub to: Option<String>,
    /// The items of the cell, as in the sheet's `cells`. Never empty.
    pub items: Vec<Item>,
}

/// One measure (施策) of a sheet: the body rows from its measure cell down to the row before the next measure cell, with the cells of those rows sorted by column role. A cell belongs to the measure covering its top row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// Stable identifier: `m-` + 12 hex digits derived from the measure title (the same while the title stays the same, across editions), `s-` + 12 hex digits for rows without a measure title (derived from the sheet's labels on a sheet without a measure column); a -2, -3, … suffix makes repeated ids on one sheet unique.
    pub id: String,
    /// The measure cell's text (its items joined with line feeds, then normalized); null on a sheet without a measure column and for body rows above the first measure cell.
    pub title: Option<Text>,
    /// 0-based first body row of the measure.
    pub first_row: usize,
    /// 0-based last body row of the measure (inclusive; not before `first_row`).
    pub last_row: usize,
    /// The measure's cells in phase columns, in the order of the sheet's `cells`, each with the period it covers.
    pub schedule: Vec<ScheduleEntry>,
    /// The measure's cells in KPI columns (targets, 成果指標).
    pub kpis: Vec<Entry>,
    /// The measure's cells in progress columns (進捗状況).
    pub progress: Vec<Entry>,
    /// The measure's cells in programs columns (該当事業: related programs and budgets).
    pub programs: Vec<Entry>,
}

/// One sheet (slide or page) of the roadmap: its heading, the free text around the table, the header columns, the grid of body cells, and the measures grouped from them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet number printed in the heading: a circled numeral (① = 1, ⑫ = 12, ㉑ = 21) or digits.
    pub number: u32,
    /// The 1-based PDF page the sheet is on (PDF inputs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The sheet heading line, e.g. 各施策のスケジュール・工程表①.
    pub heading: Text,
    /// Other free text blocks of the sheet (theme, pillar, side labels, and table lines read before a header was found), in reading order.
    pub labels: Vec<Text>,
    /// Small boxed markers of the page (such as 再掲 'listed again'), in reading order, with the cell they were attached to when the source tells.
    pub callouts: Vec<Callout>,
    /// Footnotes of the sheet (lines starting with ※), in reading order; the as-of date of the edition is taken from them.
    pub footnotes: Vec<Text>,
    /// The grid columns from left to right, one per column index (column i is at position i); empty when no header row was found.
    pub columns: Vec<Column>,
    /// Number of body rows of the grid (the header row excluded).
    pub n_rows: usize,
    /// The filled body cells, ordered by row then column. A position covered by no cell is blank. An empty cell below a filled one in a measure, KPI, progress or programs column is read as part of a merged cell (row_span > 1).
    pub cells: Vec<Cell>,
    /// The measures (施策) view: the sheet's body rows grouped by the measure cell covering them, each with its schedule, KPIs, progress reports and programs.
    pub measures: Vec<Measure>,
    /// The reader's self-checks of the sheet (PDF inputs): how the table was found and how
    /// sure the reader is of it; see [`crate::quality`] for the thresholds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<SheetQuality>,
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
