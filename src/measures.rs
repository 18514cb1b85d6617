//! The measures view: each measure (施策) with its schedule, KPIs, progress and programs.

use crate::edition::{Cell, Entry, Measure, ScheduleEntry, Sheet, Text};
use crate::roles::Role;
use crate::text::normalize::comparison_key;
use sha2::{Digest, Sha256};

/// Stable id from a title: the same comparison key gives the same id in every edition.
pub fn stable_id(prefix: &str, title_key: &str) -> String {
    let digest = Sha256::digest(title_key.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

fn entry(c: &Cell) -> Entry {
    Entry {
        row: c.row,
        col: c.col,
        items: c.items.clone(),
    }
}

/// Groups a sheet's cells by the measure covering their first row.
pub fn build_measures(sheet: &Sheet) -> Vec<Measure> {
    let measure_col = sheet
        .columns
        .iter()
        .find(|c| c.role == Role::Measure)
        .map(|c| c.index);
    // Row ranges and titles of the measures.
    let mut spans: Vec<(usize, usize, Option<Text>, String)> = Vec::new();
    match measure_col {
        Some(m) => {
            let mut heads: Vec<&Cell> = sheet.cells.iter().filter(|c| c.col == m).collect();
            heads.sort_by_key(|c| c.row);
            let first = heads.first().map_or(sheet.n_rows, |c| c.row);
            if first > 0 && sheet.cells.iter().any(|c| c.row < first) {
                spans.push((
                    0,
                    first - 1,
                    None,
                    format!("sheet{}-untitled", sheet.number),
                ));
            }
            for (k, h) in heads.iter().enumerate() {
                let end = heads
                    .get(k + 1)
                    .map_or(sheet.n_rows, |n| n.row)
                    .max(h.row + 1);
                let raw = h
                    .items
                    .iter()
                    .map(|i| i.raw.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                // The text is the cell's text (items joined by a space), as item records show it.
                let title = Text {
                    raw,
                    text: h.text(),
                };
                let key = comparison_key(&title.text);
                spans.push((h.row, end - 1, Some(title), key));
            }
        }
        None => {
            let labels: String = sheet
                .labels
                .iter()
                .map(|l| comparison_key(&l.text))
                .collect::<Vec<_>>()
                .join("|");
            spans.push((
                0,
                sheet.n_rows.saturating_sub(1),
                None,
                format!("labels:{labels}"),
            ));
        }
    }
    let mut ids: Vec<String> = Vec::new();
    spans
        .into_iter()
        .map(|(first_row, last_row, title, key)| {
            let mut id = stable_id(if title.is_some() { "m" } else { "s" }, &key);
            let base = id.clone();
            let mut n = 2;
            while ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            ids.push(id.clone());
            let mine = |c: &&Cell| (first_row..=last_row).contains(&c.row);
            let mut m = Measure {
                id,
                title,
                first_row,
                last_row,
                schedule: Vec::new(),
                kpis: Vec::new(),
                progress: Vec::new(),
                programs: Vec::new(),
            };
            for c in sheet.cells.iter().filter(mine) {
                match sheet.role(c.col) {
                    Role::Phase => {
                        let (Some(p0), Some(p1)) = sheet.phases_of(c) else {
                            continue;
                        };
                        let (p0, p1) = (p0.clone(), p1.clone());
                        m.schedule.push(ScheduleEntry {
                            row: c.row,
                            col: c.col,
                            col_span: c.col_span,
                            from_phase: p0.label,
                            to_phase: p1.label,
                            from: p0.from,
                            to: p1.to,
                            items: c.items.clone(),
                        });
                    }
                    Role::Kpi => m.kpis.push(entry(c)),
                    Role::Progress => m.progress.push(entry(c)),
                    Role::Programs => m.programs.push(entry(c)),
                    Role::Measure | Role::Other => {}
                }
            }
            m
        })
        .collect()
}
