//! Lineage of measures across editions: a `lineage_id` that a measure keeps when its title is
//! reworded, assigned in as-of order by the diff's own matcher ([`super::pair_measures`]).
//!
//! A measure's `measure_id` is a hash of its title, so rewording the title gives a new id.
//! Editions are taken oldest first; on each sheet number the measures of an edition are
//! paired with those of the latest earlier edition that has that sheet, exactly as the diff
//! pairs them (same id, then same title, then the most similar title). A paired measure
//! inherits the lineage of its predecessor; any other measure starts a lineage whose id is
//! its own `measure_id` in the edition it first appears in. Should that id already name
//! another lineage on the sheet (a measure reworded into a title an earlier line had), the new
//! line's id is `<measure_id>@<edition>`, so a lineage id never names two lines.

use super::{pair_measures, MeasureKey};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One measure of one edition with its lineage: the lineage table's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineageRow {
    /// Id of the line of measures this one belongs to (see the module documentation).
    pub lineage_id: String,
    /// The edition of the measure.
    pub edition: String,
    /// Its sheet number.
    pub sheet: u32,
    /// Its per-edition id (a hash of its title).
    pub measure_id: String,
    /// Its normalized title; empty for a measure without a title.
    pub title: String,
    /// The edition of its predecessor in the line; `None` for the first of a line.
    pub previous_edition: Option<String>,
    /// The predecessor's `measure_id`.
    pub previous_measure_id: Option<String>,
    /// The predecessor's title.
    pub previous_title: Option<String>,
    /// The title differs from the predecessor's (by comparison key: a rewording, not a
    /// difference of width or spacing).
    pub title_changed: bool,
}

/// The measures of one edition, sheet by sheet, as the lineage reads them.
pub struct EditionMeasures<'a, M> {
    /// The edition id.
    pub edition: &'a str,
    /// Each sheet's number and measures, in sheet order.
    pub sheets: Vec<(u32, &'a [M])>,
}

/// The lineage of every measure of the editions, which must come oldest first
/// ([`super::history_order`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lineage {
    /// One row per (edition, sheet, measure), in edition, sheet and measure order.
    pub rows: Vec<LineageRow>,
    index: BTreeMap<(String, u32, String), usize>,
}

impl Lineage {
    /// Builds the lineage of `editions`, oldest first.
    pub fn build<M: MeasureKey>(editions: &[EditionMeasures<'_, M>]) -> Lineage {
        let mut out = Lineage::default();
        // Per sheet number: the latest edition's measures with their row indices, and the
        // lineage ids taken on that sheet.
        let mut last: BTreeMap<u32, (&[M], Vec<usize>)> = BTreeMap::new();
        let mut taken: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
        for ed in editions {
            for &(sheet, measures) in &ed.sheets {
                let mut built: Vec<Option<LineageRow>> = vec![None; measures.len()];
                let prev = last.get(&sheet);
                let pairs = match prev {
                    Some((old, _)) => pair_measures(old, measures),
                    None => (0..measures.len()).map(|j| (None, Some(j))).collect(),
                };
                // Paired measures first, so a new line never takes the id of a continuing one.
                let mut order: Vec<(Option<usize>, usize)> = pairs
                    .iter()
                    .filter_map(|&(a, b)| b.map(|b| (a, b)))
                    .collect();
                order.sort_by_key(|&(a, b)| (a.is_none(), b));
                for (a, j) in order {
                    let m = &measures[j];
                    let title = m.measure_title().unwrap_or_default().to_string();
                    let row = match a.zip(prev) {
                        Some((i, (old, old_rows))) => {
                            let p = &out.rows[old_rows[i]];
                            let o = &old[i];
                            let key =
                                |t: Option<&str>| t.map(crate::text::normalize::comparison_key);
                            LineageRow {
                                lineage_id: p.lineage_id.clone(),
                                edition: ed.edition.to_string(),
                                sheet,
                                measure_id: m.measure_id().to_string(),
                                previous_edition: Some(p.edition.clone()),
                                previous_measure_id: Some(p.measure_id.clone()),
                                previous_title: Some(p.title.clone()),
                                title_changed: key(o.measure_title()) != key(m.measure_title()),
                                title,
                            }
                        }
                        None => {
                            let ids = taken.entry(sheet).or_default();
                            let mut id = m.measure_id().to_string();
                            if ids.contains(&id) {
                                id = format!("{}@{}", m.measure_id(), ed.edition);
                            }
                            ids.insert(id.clone());
                            LineageRow {
                                lineage_id: id,
                                edition: ed.edition.to_string(),
                                sheet,
                                measure_id: m.measure_id().to_string(),
                                title,
                                previous_edition: None,
                                previous_measure_id: None,
                                previous_title: None,
                                title_changed: false,
                            }
                        }
                    };
                    built[j] = Some(row);
                }
                let mut rows_here = Vec::with_capacity(measures.len());
                for row in built.into_iter().flatten() {
                    rows_here.push(out.rows.len());
                    out.rows.push(row);
                }
                last.insert(sheet, (measures, rows_here));
            }
        }
        out.index = out
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.edition.clone(), r.sheet, r.measure_id.clone()), i))
            .collect();
        out
    }

    /// The lineage of editions, oldest first.
    pub fn of_editions(editions: &[&crate::edition::Edition]) -> Lineage {
        let measures: Vec<EditionMeasures<'_, crate::edition::Measure>> = editions
            .iter()
            .map(|e| EditionMeasures {
                edition: &e.edition,
                sheets: e
                    .sheets
                    .iter()
                    .map(|s| (s.number, s.measures.as_slice()))
                    .collect(),
            })
            .collect();
        Lineage::build(&measures)
    }

    /// The lineage id of a measure of an edition's sheet.
    pub fn id(&self, edition: &str, sheet: u32, measure_id: &str) -> Option<&str> {
        self.index
            .get(&(edition.to_string(), sheet, measure_id.to_string()))
            .map(|&i| self.rows[i].lineage_id.as_str())
    }
}
