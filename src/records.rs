//! Tidy item records (one per cell item) for JSONL and CSV outputs.

use crate::edition::{Edition, Sheet};
use crate::measures::MeasureAt;
use crate::roles::Role;
use crate::tables::FlatSource;
use serde::{Deserialize, Serialize};

/// One item of one cell, with everything needed to place it without the rest of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Identifier of the edition the item comes from: YYYY-MM of the as-of date (e.g. 2025-06), otherwise the stem of the input file name; the `edition` of the edition JSON.
    pub edition: String,
    /// Number of the sheet printed in its heading (① = 1).
    pub sheet: u32,
    /// 0-based body row of the cell's top edge.
    pub row: usize,
    /// 0-based column of the cell's left edge.
    pub col: usize,
    /// Number of body rows the cell covers (more than 1 for a merged cell).
    pub row_span: usize,
    /// Number of columns the cell covers (more than 1 for a schedule entry drawn across several phases).
    pub col_span: usize,
    /// What the cell's column holds: `measure` (the measures, 施策), `phase` (a schedule phase), `kpi` (targets, 成果指標), `progress` (progress reports, 進捗状況), `programs` (related programs and budgets, 該当事業), `other` (anything else).
    pub role: Role,
    /// Normalized header label of the cell's column; for a phase column the canonical phase label (e.g. 2024年末 even when the header is printed 2024年未 or 2024年年末); empty for a blank header cell.
    pub column_label: String,
    /// For a schedule cell, the first month of the period it covers, YYYY-MM; the empty string for cells outside phase columns.
    pub period_start: String,
    /// For a schedule cell, the last month of the period it covers, YYYY-MM; the empty string for cells outside phase columns and when the period is open-ended (…以降).
    pub period_end: String,
    /// Normalized text of the measure cell covering the item's row (the measure, 施策, the item belongs to); the empty string on a sheet without a measure column or for rows no measure cell covers.
    pub measure: String,
    /// Stable identifier of the measure the cell belongs to, as `id` in the edition's `measures`: `m-` + 12 hex digits derived from the measure title (the same across editions while the title stays the same), `s-` + 12 hex digits for rows without a measure title (derived from the sheet's labels on a sheet without a measure column), optionally followed by -2, -3, … to keep repeated ids on one sheet unique.
    pub measure_id: String,
    /// 0-based index of the item within its cell.
    pub item: usize,
    /// 1-based page of the PDF the item is on; null for text dumps (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the item on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the item, in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the item, in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the item, in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the item starts on; null for PDFs (empty in CSV).
    pub line: Option<usize>,
    /// True when the source marks the cell as a bulleted list (each item is one bullet); false when the items are paragraphs.
    pub list: bool,
    /// The item's normalized text: NFKC applied to full-width ASCII letters, digits and symbols and to half-width katakana, spacing artifacts removed; Japanese punctuation and wave dashes (〜) kept.
    pub text: String,
    /// The item's text exactly as printed in the source (HTML markup of a text dump removed).
    pub raw: String,
}

/// The column name records use: the canonical phase label for phases, else the normalized label.
pub fn column_name(sheet: &Sheet, col: usize) -> String {
    sheet.columns.get(col).map_or_else(String::new, |c| {
        c.phase
            .as_ref()
            .map_or_else(|| c.label.text.clone(), |p| p.label.clone())
    })
}

/// All item records of an edition, in sheet, row, column, item order.
pub fn records(ed: &Edition) -> Vec<Record> {
    let mut out = Vec::new();
    for sheet in &ed.sheets {
        let measure_at = MeasureAt::new(&sheet.measures);
        for cell in &sheet.cells {
            let role = sheet.role(cell.col);
            let (first, last) = sheet.phases_of(cell);
            let at = measure_at.get(cell.row);
            let measure = at
                .and_then(|m| m.title.as_ref())
                .map(|t| t.text.clone())
                .unwrap_or_default();
            let measure_id = at.map(|m| m.id.clone()).unwrap_or_default();
            for (k, item) in cell.items.iter().enumerate() {
                let at = FlatSource::from(&item.source);
                out.push(Record {
                    edition: ed.edition.clone(),
                    sheet: sheet.number,
                    row: cell.row,
                    col: cell.col,
                    row_span: cell.row_span,
                    col_span: cell.col_span,
                    role,
                    column_label: column_name(sheet, cell.col),
                    period_start: first.map(|p| p.from.clone()).unwrap_or_default(),
                    period_end: last.and_then(|p| p.to.clone()).unwrap_or_default(),
                    measure: measure.clone(),
                    measure_id: measure_id.clone(),
                    item: k,
                    page: at.page,
                    bbox_x0: at.x0,
                    bbox_top: at.top,
                    bbox_x1: at.x1,
                    bbox_bottom: at.bottom,
                    line: at.line,
                    list: cell.list,
                    text: item.text.clone(),
                    raw: item.raw.clone(),
                });
            }
        }
    }
    out
}
