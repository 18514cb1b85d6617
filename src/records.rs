//! Tidy item records (one per cell item) for JSONL and CSV outputs.

use crate::edition::{Edition, Sheet};
use crate::measures::MeasureAt;
use crate::roles::Role;
use serde::{Deserialize, Serialize};

/// One item of one cell, with everything needed to place it without the rest of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub edition: String,
    pub sheet: u32,
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub role: Role,
    pub column: String,
    pub period_from: String,
    pub period_to: String,
    pub measure: String,
    pub measure_id: String,
    pub item: usize,
    pub list: bool,
    pub text: String,
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
                out.push(Record {
                    edition: ed.edition.clone(),
                    sheet: sheet.number,
                    row: cell.row,
                    col: cell.col,
                    row_span: cell.row_span,
                    col_span: cell.col_span,
                    role,
                    column: column_name(sheet, cell.col),
                    period_from: first.map(|p| p.from.clone()).unwrap_or_default(),
                    period_to: last.and_then(|p| p.to.clone()).unwrap_or_default(),
                    measure: measure.clone(),
                    measure_id: measure_id.clone(),
                    item: k,
                    list: cell.list,
                    text: item.text.clone(),
                    raw: item.raw.clone(),
                });
            }
        }
    }
    out
}
