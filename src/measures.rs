//! The measures view: each measure (施策) with its schedule, KPIs, progress and programs.

use crate::edition::{Cell, Entry, Measure, ScheduleEntry, Sheet, Text};
use crate::roles::Role;
use crate::text::normalize::comparison_key;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// Stable id from a title: the same comparison key gives the same id in every edition.
pub fn stable_id(prefix: &str, title_key: &str) -> String {
    let digest = Sha256::digest(title_key.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

/// Finds the measure whose rows include a body row, as [`Sheet::measure_at`] does: by binary
/// search when the measures are in row order (first and last rows never going back, as
/// [`build_measures`] makes them), else by the same scan.
pub struct MeasureAt<'a> {
    measures: &'a [Measure],
    in_order: bool,
}

impl<'a> MeasureAt<'a> {
    /// An index over a sheet's measures.
    pub fn new(measures: &'a [Measure]) -> Self {
        let in_order = measures
            .windows(2)
            .all(|w| w[0].first_row <= w[1].first_row && w[0].last_row <= w[1].last_row);
        MeasureAt { measures, in_order }
    }

    /// The first measure whose rows include body row `r`.
    pub fn get(&self, r: usize) -> Option<&'a Measure> {
        if !self.in_order {
            return self
                .measures
                .iter()
                .find(|m| (m.first_row..=m.last_row).contains(&r));
        }
        // Measures from `lo` on end at or below `r`; the first of them that starts at or
        // above it holds it, and if `lo` does not, no later one (starting later) does.
        let lo = self.measures.partition_point(|m| m.last_row < r);
        self.measures.get(lo).filter(|m| m.first_row <= r)
    }
}

/// A sheet's cells by first row: the cells starting in a row range, in sheet order, found by
/// binary search when the cells are in row order (as both front-ends make them), else by a scan.
pub struct RowCells<'a> {
    cells: &'a [Cell],
    in_order: bool,
}

impl<'a> RowCells<'a> {
    /// An index over a sheet's cells.
    pub fn new(cells: &'a [Cell]) -> Self {
        let in_order = cells.windows(2).all(|w| w[0].row <= w[1].row);
        RowCells { cells, in_order }
    }

    /// Cells whose first row is in `first..=last`, in sheet order.
    pub fn within(&self, first: usize, last: usize) -> Box<dyn Iterator<Item = &'a Cell> + 'a> {
        let rows = first..=last;
        if !self.in_order {
            return Box::new(self.cells.iter().filter(move |c| rows.contains(&c.row)));
        }
        let lo = self.cells.partition_point(|c| c.row < first);
        let hi = self.cells.partition_point(|c| c.row <= last).max(lo);
        Box::new(self.cells[lo..hi].iter())
    }
}

/// Ids handed out so far on one sheet. A repeated base id gets the first free suffix
/// `-2`, `-3`, … (`base`, `base-2`, `base-3` for three equal titles).
#[derive(Default)]
struct UniqueIds {
    used: HashSet<String>,
    /// Per base id: the suffix to try first next time (all lower ones are taken).
    next: HashMap<String, usize>,
}

impl UniqueIds {
    fn claim(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        let id = loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if !self.used.contains(&id) {
                break id;
            }
        };
        self.used.insert(id.clone());
        id
    }
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
    let mut ids = UniqueIds::default();
    let by_row = RowCells::new(&sheet.cells);
    spans
        .into_iter()
        .map(|(first_row, last_row, title, key)| {
            let id = ids.claim(stable_id(if title.is_some() { "m" } else { "s" }, &key));
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
            for c in by_row.within(first_row, last_row) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_get_the_first_free_suffix() {
        let mut ids = UniqueIds::default();
        let got: Vec<String> = ["m-a", "m-a", "m-b", "m-a", "m-a-2", "m-b", "m-a-2", "m-a"]
            .into_iter()
            .map(|b| ids.claim(b.to_string()))
            .collect();
        assert_eq!(
            got,
            ["m-a", "m-a-2", "m-b", "m-a-3", "m-a-2-2", "m-b-2", "m-a-2-3", "m-a-4"]
        );
    }

    #[test]
    fn a_suffix_taken_as_a_base_is_skipped() {
        let mut ids = UniqueIds::default();
        let got: Vec<String> = ["s-x-2", "s-x", "s-x", "s-x-3", "s-x"]
            .into_iter()
            .map(|b| ids.claim(b.to_string()))
            .collect();
        assert_eq!(got, ["s-x-2", "s-x", "s-x-3", "s-x-3-2", "s-x-4"]);
    }

    fn measure(first_row: usize, last_row: usize) -> Measure {
        Measure {
            id: format!("m-{first_row}-{last_row}"),
            title: None,
            first_row,
            last_row,
            schedule: Vec::new(),
            kpis: Vec::new(),
            progress: Vec::new(),
            programs: Vec::new(),
        }
    }

    fn cell(row: usize, col: usize) -> Cell {
        Cell {
            row,
            col,
            row_span: 1,
            col_span: 1,
            list: false,
            items: Vec::new(),
            source: Default::default(),
        }
    }

    proptest::proptest! {
        #[test]
        fn measure_lookup_matches_the_scan(
            spans in proptest::collection::vec((0usize..12, 0usize..4), 0..8),
            sorted in proptest::bool::ANY,
        ) {
            let mut spans: Vec<(usize, usize)> = spans.into_iter().map(|(a, n)| (a, a + n)).collect();
            if sorted {
                spans.sort_unstable();
            }
            let measures: Vec<Measure> = spans.iter().map(|&(a, b)| measure(a, b)).collect();
            let at = MeasureAt::new(&measures);
            for r in 0..18 {
                let want = measures.iter().find(|m| (m.first_row..=m.last_row).contains(&r));
                proptest::prop_assert_eq!(at.get(r).map(|m| &m.id), want.map(|m| &m.id));
            }
        }

        #[test]
        fn row_ranges_match_the_scan(
            rows in proptest::collection::vec(0usize..10, 0..12),
            sorted in proptest::bool::ANY,
        ) {
            let mut rows = rows;
            if sorted {
                rows.sort_unstable();
            }
            let cells: Vec<Cell> = rows.iter().enumerate().map(|(k, &r)| cell(r, k)).collect();
            let by_row = RowCells::new(&cells);
            for first in 0..11 {
                for last in 0..11 {
                    let want: Vec<usize> = cells
                        .iter()
                        .filter(|c| (first..=last).contains(&c.row))
                        .map(|c| c.col)
                        .collect();
                    let got: Vec<usize> = by_row.within(first, last).map(|c| c.col).collect();
                    proptest::prop_assert_eq!(got, want);
                }
            }
        }
    }
}
