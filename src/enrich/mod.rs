//! Enrichment: typed KPIs, budgets, ministries, dates and re-listed measures as tidy tables.

pub mod dates;
pub mod kpis;
pub mod ministries;
pub mod programs;

use crate::edition::{Cell, Edition, Sheet};
use crate::measures::{MeasureAt, RowCells};
use crate::model::{Warning, WarningCode};
use crate::roles::Role;
use crate::tables::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Where a cell sits: its sheet, measure and position, shared by every row made from it.
struct Place<'a> {
    edition: &'a str,
    sheet: u32,
    cell: &'a Cell,
    measure_id: String,
    measure: String,
}

fn place<'a>(
    ed: &'a Edition,
    sheet: &'a Sheet,
    measure_at: &MeasureAt<'a>,
    cell: &'a Cell,
) -> Place<'a> {
    let measure = measure_at.get(cell.row);
    Place {
        edition: &ed.edition,
        sheet: sheet.number,
        cell,
        measure_id: measure.map(|m| m.id.clone()).unwrap_or_default(),
        measure: measure
            .and_then(|m| m.title.as_ref())
            .map(|t| t.text.clone())
            .unwrap_or_default(),
    }
}

fn tags_of(text: &str, unknown: &mut BTreeSet<String>) -> (String, String) {
    let found = ministries::find_tags(text);
    let mut tags = Vec::new();
    let mut codes = Vec::new();
    for (_, _, m) in found {
        match &m.code {
            Some(c) => codes.push(c.clone()),
            None => {
                unknown.insert(m.tag.clone());
            }
        }
        tags.push(m.tag);
    }
    (tags.join(";"), codes.join(";"))
}

/// Builds every table from an edition; unknown ministry tags come back as warnings.
pub fn tables(ed: &Edition) -> (Tables, Vec<Warning>) {
    // The sheets are read in parallel (each row refers to its own sheet only) and their rows
    // joined in sheet order.
    let parts: Vec<(Tables, BTreeSet<String>)> = ed
        .sheets
        .par_iter()
        .map(|sheet| {
            let mut t = Tables::default();
            let mut unknown = BTreeSet::new();
            let measure_at = MeasureAt::new(&sheet.measures);
            for cell in &sheet.cells {
                let p = place(ed, sheet, &measure_at, cell);
                match sheet.role(cell.col) {
                    Role::Phase => schedule_rows(&p, sheet, &mut t),
                    Role::Kpi => kpi_rows(&p, &mut t),
                    Role::Progress => progress_rows(&p, &mut t, &mut unknown),
                    Role::Programs => program_rows(&p, &mut t, &mut unknown),
                    Role::Measure | Role::Other => {}
                }
            }
            (t, unknown)
        })
        .collect();
    let mut t = Tables::default();
    let mut unknown = BTreeSet::new();
    for (part, tags) in parts {
        t.append(part);
        unknown.extend(tags);
    }
    t.measures = measure_rows(ed, &t);
    let warnings = unknown
        .into_iter()
        .map(|tag| {
            Warning::new(
                WarningCode::UnknownMinistryTag,
                None,
                None,
                format!("ministry tag 【{tag}】 is not in the table; kept as printed"),
            )
        })
        .collect();
    (t, warnings)
}

fn schedule_rows(p: &Place, sheet: &Sheet, t: &mut Tables) {
    let (first, last) = sheet.phases_of(p.cell);
    for (k, it) in p.cell.items.iter().enumerate() {
        let at = FlatSource::from(&it.source);
        t.schedule.push(ScheduleRow {
            edition: p.edition.to_string(),
            sheet: p.sheet,
            row: p.cell.row,
            col: p.cell.col,
            col_span: p.cell.col_span,
            measure_id: p.measure_id.clone(),
            measure: p.measure.clone(),
            item: k,
            page: at.page,
            bbox_x0: at.x0,
            bbox_top: at.top,
            bbox_x1: at.x1,
            bbox_bottom: at.bottom,
            line: at.line,
            phase_start: first.map(|x| x.label.clone()).unwrap_or_default(),
            phase_end: last.map(|x| x.label.clone()).unwrap_or_default(),
            period_start: first.map(|x| x.from.clone()).unwrap_or_default(),
            period_end: last.and_then(|x| x.to.clone()).unwrap_or_default(),
            text: it.text.clone(),
            raw: it.raw.clone(),
        });
    }
}

fn kpi_rows(p: &Place, t: &mut Tables) {
    let mut n = 0;
    for (k, it) in p.cell.items.iter().enumerate() {
        let at = FlatSource::from(&it.source);
        for kpi in kpis::parse_kpis(&it.raw) {
            let b = kpi.baseline.as_ref();
            let g = kpi.target.as_ref();
            t.kpis.push(KpiRow {
                edition: p.edition.to_string(),
                sheet: p.sheet,
                row: p.cell.row,
                col: p.cell.col,
                measure_id: p.measure_id.clone(),
                measure: p.measure.clone(),
                item: k,
                page: at.page,
                bbox_x0: at.x0,
                bbox_top: at.top,
                bbox_x1: at.x1,
                bbox_bottom: at.bottom,
                line: at.line,
                kpi: n,
                indicator: kpi.indicator.clone(),
                baseline_value: b.and_then(|f| f.value),
                baseline_unit: b.and_then(|f| f.unit.clone()),
                baseline_qualifier: b.and_then(|f| f.qualifier.clone()),
                baseline_fiscal_year: b.and_then(|f| f.fiscal_year_first),
                baseline_fiscal_year_last: b.and_then(|f| f.fiscal_year_last),
                target_value: g.and_then(|f| f.value),
                target_unit: g.and_then(|f| f.unit.clone()),
                target_qualifier: g.and_then(|f| f.qualifier.clone()),
                target_fiscal_year: g.and_then(|f| f.fiscal_year_first),
                target_fiscal_year_last: g.and_then(|f| f.fiscal_year_last),
                unit: g
                    .and_then(|f| f.unit.clone())
                    .or_else(|| b.and_then(|f| f.unit.clone())),
                note: kpi.note.clone(),
                unparsed: kpi.unparsed.clone(),
                raw: kpi.raw.clone(),
            });
            n += 1;
        }
    }
}

fn progress_rows(p: &Place, t: &mut Tables, unknown: &mut BTreeSet<String>) {
    for (k, it) in p.cell.items.iter().enumerate() {
        let at = FlatSource::from(&it.source);
        let (tags, codes) = tags_of(&it.raw, unknown);
        let mentions = dates::find_dates(&it.raw);
        t.progress.push(ProgressRow {
            edition: p.edition.to_string(),
            sheet: p.sheet,
            row: p.cell.row,
            col: p.cell.col,
            measure_id: p.measure_id.clone(),
            measure: p.measure.clone(),
            item: k,
            page: at.page,
            bbox_x0: at.x0,
            bbox_top: at.top,
            bbox_x1: at.x1,
            bbox_bottom: at.bottom,
            line: at.line,
            ministries: tags,
            ministry_codes: codes,
            dates: mentions
                .iter()
                .map(|d| d.from.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            text: it.text.clone(),
            raw: it.raw.clone(),
        });
        for d in mentions {
            t.dates.push(DateRow {
                edition: p.edition.to_string(),
                sheet: p.sheet,
                row: p.cell.row,
                col: p.cell.col,
                measure_id: p.measure_id.clone(),
                item: k,
                page: at.page,
                bbox_x0: at.x0,
                bbox_top: at.top,
                bbox_x1: at.x1,
                bbox_bottom: at.bottom,
                line: at.line,
                precision: d.precision,
                date_start: d.from,
                date_end: d.to,
                raw: d.raw,
            });
        }
    }
}

fn program_rows(p: &Place, t: &mut Tables, unknown: &mut BTreeSet<String>) {
    for (k, it) in p.cell.items.iter().enumerate() {
        let at = FlatSource::from(&it.source);
        for (n, prog) in programs::parse_programs(&it.raw).into_iter().enumerate() {
            let (tags, codes) = tags_of(&prog.raw, unknown);
            for b in &prog.budgets {
                t.budgets.push(BudgetRow {
                    edition: p.edition.to_string(),
                    sheet: p.sheet,
                    row: p.cell.row,
                    col: p.cell.col,
                    measure_id: p.measure_id.clone(),
                    measure: p.measure.clone(),
                    item: k,
                    page: at.page,
                    bbox_x0: at.x0,
                    bbox_top: at.top,
                    bbox_x1: at.x1,
                    bbox_bottom: at.bottom,
                    line: at.line,
                    program_index: n,
                    program_name: prog.name.clone(),
                    ministries: tags.clone(),
                    fiscal_year: b.fiscal_year,
                    kind: b.kind,
                    amount_jpy: b.amount_jpy,
                    part_of: b.part_of,
                    raw: b.raw.clone(),
                });
            }
            t.programs.push(ProgramRow {
                edition: p.edition.to_string(),
                sheet: p.sheet,
                row: p.cell.row,
                col: p.cell.col,
                measure_id: p.measure_id.clone(),
                measure: p.measure.clone(),
                item: k,
                page: at.page,
                bbox_x0: at.x0,
                bbox_top: at.top,
                bbox_x1: at.x1,
                bbox_bottom: at.bottom,
                line: at.line,
                program_index: n,
                program_name: prog.name.clone(),
                ministries: tags,
                ministry_codes: codes,
                note: prog.note.clone(),
                budgets: prog.budgets.len(),
                raw: prog.raw.clone(),
            });
        }
    }
}

/// True when the text carries a 再掲 (re-listed) marker.
fn says_relisted(text: &str) -> bool {
    text.contains("再掲")
}

/// The id without the `-2`, `-3` suffix that tells apart equal titles on one sheet.
fn base_id(id: &str) -> &str {
    match id.match_indices('-').nth(1) {
        Some((i, _)) => &id[..i],
        None => id,
    }
}

fn measure_rows(ed: &Edition, t: &Tables) -> Vec<MeasureRow> {
    // Sheets on which each titled measure stands.
    let mut sheets_of: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
    for s in &ed.sheets {
        for m in s.measures.iter().filter(|m| m.title.is_some()) {
            sheets_of
                .entry(base_id(&m.id))
                .or_default()
                .insert(s.number);
        }
    }
    let tally = |keys: Vec<(u32, &String)>| {
        let mut c: BTreeMap<(u32, String), usize> = BTreeMap::new();
        for (s, id) in keys {
            *c.entry((s, id.clone())).or_default() += 1;
        }
        c
    };
    let sched = tally(
        t.schedule
            .iter()
            .filter(|r| r.item == 0)
            .map(|r| (r.sheet, &r.measure_id))
            .collect(),
    );
    let kpis = tally(t.kpis.iter().map(|r| (r.sheet, &r.measure_id)).collect());
    let prog = tally(
        t.progress
            .iter()
            .map(|r| (r.sheet, &r.measure_id))
            .collect(),
    );
    let progs = tally(
        t.programs
            .iter()
            .map(|r| (r.sheet, &r.measure_id))
            .collect(),
    );
    let mut out = Vec::new();
    for s in &ed.sheets {
        let by_row = RowCells::new(&s.cells);
        let mut callout_rows: Vec<usize> = s.callouts.iter().filter_map(|c| c.row).collect();
        callout_rows.sort_unstable();
        for m in &s.measures {
            let others: Vec<String> = match m.title {
                Some(_) => sheets_of[base_id(&m.id)]
                    .iter()
                    .filter(|n| **n != s.number)
                    .map(u32::to_string)
                    .collect(),
                None => Vec::new(),
            };
            let callout_at = callout_rows.partition_point(|r| *r < m.first_row);
            let marked = callout_rows
                .get(callout_at)
                .is_some_and(|r| *r <= m.last_row)
                || by_row.within(m.first_row, m.last_row).any(|c| {
                    matches!(
                        s.columns.get(c.col).map(|x| x.role),
                        Some(Role::Measure | Role::Kpi)
                    ) && c.items.iter().any(|i| says_relisted(&i.text))
                });
            let key = (s.number, m.id.clone());
            // The measure cell: the first-row cell of the measure column (none for `s-` ids).
            let title_cell = m.title.as_ref().and_then(|_| s.measure_cell(m.first_row));
            let at = title_cell.map_or_else(FlatSource::default, |c| FlatSource::from(&c.source));
            out.push(MeasureRow {
                edition: ed.edition.clone(),
                sheet: s.number,
                measure_id: m.id.clone(),
                title: m.title.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                first_row: m.first_row,
                last_row: m.last_row,
                page: at.page,
                bbox_x0: at.x0,
                bbox_top: at.top,
                bbox_x1: at.x1,
                bbox_bottom: at.bottom,
                line: at.line,
                relisted: marked || !others.is_empty(),
                also_on_sheets: others.join(";"),
                schedule_entries: sched.get(&key).copied().unwrap_or(0),
                kpis: kpis.get(&key).copied().unwrap_or(0),
                progress_items: prog.get(&key).copied().unwrap_or(0),
                programs: progs.get(&key).copied().unwrap_or(0),
            });
        }
    }
    out
}
