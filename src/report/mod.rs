//! `kouteihyo report`: the editions as one self-contained HTML page, for people who read the
//! roadmap rather than query it.
//!
//! The JSON, the tidy tables and the SQLite file serve programs; a reader wants each sheet
//! under its theme, each measure with its schedule drawn over the phase columns, its KPIs,
//! progress (with the ministries' tags), programs and budgets, and what every later edition
//! changed in it. The page holds all of that for any number of editions (ordered as
//! `history` orders them, [`crate::diff::history_order`]), with a timeline per measure keyed
//! by its lineage id ([`crate::diff::lineage`]) whose changes are the diff's own
//! ([`crate::diff::diff_in`], the changed characters highlighted), links to the source PDF's
//! pages (`file.pdf#page=N`, from the provenance of cells and items), the edition warnings and
//! the quality figures ([`crate::quality`]). It is one file with inline CSS and a few lines of
//! inline JS for the filter box, and loads nothing, so it opens offline, from a mail or a
//! USB stick; it reads on a phone (390 px, nothing overflows the page) and prints.
//!
//! The HTML is written with maud templates ([`templates`]), which the diff's HTML page
//! (`diff -f html`, `history -f html`) shares: one layout, one stylesheet, the same sheet
//! headings and change rows.

pub mod templates;

use crate::diff::lineage::Lineage;
use crate::diff::render::{change_view, page_view};
use crate::diff::{diff_in, history_order, Change, Diff};
use crate::edition::{Edition, SourceFormat};
use crate::quality::shortfalls;
use crate::tables::{BudgetRow, KpiRow, ProgramRow, ProgressRow, ScheduleRow};
use crate::text::lexicon::circled;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use templates::{
    ministry_label, ministry_value, report_page, Bar, ChangeView, EditionView, LineView,
    MeasureView, ProgramView, QualityRow, ReportPage, SheetTitle, SheetView, Step, TimelineSheet,
};

/// A report and the editions it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The page.
    pub html: String,
    /// Indices of the editions in the report, in as-of order.
    pub order: Vec<usize>,
    /// Indices of the editions left out: another source of an edition already in it.
    pub skipped: Vec<usize>,
}

/// The report of `editions`; `source_hrefs[i]` is the link from the page to the PDF that
/// edition `i` was read from (see [`source_href`]), `None` where there is none (a dump; a
/// missing entry counts as `None`). Editions are ordered as `history` orders them and one
/// source per edition id is kept.
pub fn report(editions: &[Edition], source_hrefs: &[Option<String>]) -> Report {
    let (order, skipped) = history_order(editions);
    let ordered: Vec<&Edition> = order.iter().map(|&i| &editions[i]).collect();
    let hrefs: Vec<Option<String>> = order
        .iter()
        .map(|&i| {
            let pdf = editions[i].source.format == SourceFormat::Pdf;
            source_hrefs.get(i).cloned().flatten().filter(|_| pdf)
        })
        .collect();
    let html = Builder::new(&ordered).page(&hrefs);
    Report {
        html,
        order,
        skipped,
    }
}

/// The diff page of `d` with the sheets under the titles `old` and `new` print (the later
/// edition's where both have the sheet); [`crate::diff::render::html`] is the same page from
/// the diff alone, the sheets under their headings.
pub fn diff_html(d: &Diff, old: &Edition, new: &Edition) -> String {
    let mut titles = BTreeMap::new();
    for s in old.sheets.iter().chain(&new.sheets) {
        titles.insert(s.number, SheetTitle::of(s));
    }
    templates::diff_page(&page_view(d, &titles))
}

/// The link from a report written to `report` to the source file at `source`: a relative
/// path when both are on one root (`../fixtures/editions/2025-06/followup.pdf`), else a
/// `file://` URL, percent-encoded either way so that it stays one URL whatever the names
/// hold. The report appends `#page=N`.
pub fn source_href(report: &Path, source: &Path) -> String {
    let abs = |p: &Path| -> PathBuf {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let dir = report
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (from, to) = (abs(dir), abs(source));
    let parts = |p: &Path| -> Vec<String> {
        p.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let (f, t) = (parts(&from), parts(&to));
    if f.first() != t.first() {
        let segs: Vec<String> = t.iter().skip(1).map(|s| percent_encode(s)).collect();
        return format!("file:///{}", segs.join("/"));
    }
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut segs: Vec<String> = vec!["..".to_string(); f.len() - common];
    segs.extend(t[common..].iter().map(|s| percent_encode(s)));
    segs.join("/")
}

/// A path segment percent-encoded: every byte but the URL's unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An element id from parts: ASCII letters, digits and `-` stay, anything else is `_` and
/// its code point in hex, so that different parts never give one id.
fn anchor(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('-');
        }
        for c in p.chars() {
            if c.is_ascii_alphanumeric() || c == '-' {
                out.push(c);
            } else {
                out.push_str(&format!("_{:x}_", c as u32));
            }
        }
    }
    out
}

/// Element ids handed out once each: a repeated id gets `-2`, `-3` ….
#[derive(Default)]
struct Anchors(HashSet<String>);

impl Anchors {
    fn take(&mut self, parts: &[&str]) -> String {
        let base = anchor(parts);
        let mut id = base.clone();
        let mut n = 1;
        while !self.0.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// The rows of an edition's tidy tables by (sheet, measure id).
struct Rows<'a> {
    schedule: HashMap<(u32, &'a str), Vec<&'a ScheduleRow>>,
    kpis: HashMap<(u32, &'a str), Vec<&'a KpiRow>>,
    progress: HashMap<(u32, &'a str), Vec<&'a ProgressRow>>,
    programs: HashMap<(u32, &'a str), Vec<&'a ProgramRow>>,
    budgets: HashMap<(u32, usize, usize, usize, usize), Vec<&'a BudgetRow>>,
    pages: HashMap<(u32, &'a str), Option<u32>>,
}

fn by_measure<'a, R>(
    rows: &'a [R],
    key: impl Fn(&'a R) -> (u32, &'a str),
) -> HashMap<(u32, &'a str), Vec<&'a R>> {
    let mut out: HashMap<(u32, &'a str), Vec<&'a R>> = HashMap::new();
    for r in rows {
        out.entry(key(r)).or_default().push(r);
    }
    out
}

impl<'a> Rows<'a> {
    fn of(ed: &'a Edition) -> Rows<'a> {
        let t = &ed.enriched;
        let mut budgets: HashMap<_, Vec<&BudgetRow>> = HashMap::new();
        for b in &t.budgets {
            budgets
                .entry((b.sheet, b.row, b.col, b.item, b.program_index))
                .or_default()
                .push(b);
        }
        Rows {
            schedule: by_measure(&t.schedule, |r| (r.sheet, r.measure_id.as_str())),
            kpis: by_measure(&t.kpis, |r| (r.sheet, r.measure_id.as_str())),
            progress: by_measure(&t.progress, |r| (r.sheet, r.measure_id.as_str())),
            programs: by_measure(&t.programs, |r| (r.sheet, r.measure_id.as_str())),
            budgets,
            pages: t
                .measures
                .iter()
                .map(|m| ((m.sheet, m.measure_id.as_str()), m.page))
                .collect(),
        }
    }

    /// Filter values of the ministries a measure's progress items and programs name.
    fn ministries(&self, key: (u32, &'a str)) -> BTreeSet<String> {
        let progress = self.progress.get(&key).into_iter().flatten();
        let programs = self.programs.get(&key).into_iter().flatten();
        progress
            .map(|p| p.ministries.as_str())
            .chain(programs.map(|p| p.ministries.as_str()))
            .flat_map(|m| m.split(';'))
            .filter(|t| !t.is_empty())
            .map(ministry_value)
            .collect()
    }
}

/// The key of a measure's line in the timeline: sheet number and lineage id.
type LineKey = (u32, String);

struct Builder<'a> {
    eds: &'a [&'a Edition],
    lineage: Lineage,
    /// `diffs[k]` is the diff from edition `k` to edition `k + 1`.
    diffs: Vec<Diff>,
    rows: Vec<Rows<'a>>,
    anchors: Anchors,
    /// Per edition: the ids of its section and of its warnings and quality figures.
    edition_anchors: Vec<(String, String)>,
    /// Per sheet number: the id of its group in the timeline.
    timeline_anchors: BTreeMap<u32, String>,
}

impl<'a> Builder<'a> {
    fn new(eds: &'a [&'a Edition]) -> Builder<'a> {
        // Lineage ids across all the editions, as `history` takes them.
        let lineage = Lineage::of_editions(eds);
        let diffs = eds
            .windows(2)
            .map(|w| diff_in(w[0], w[1], &lineage))
            .collect();
        Builder {
            eds,
            lineage,
            diffs,
            rows: eds.iter().map(|e| Rows::of(e)).collect(),
            anchors: Anchors::default(),
            edition_anchors: Vec::new(),
            timeline_anchors: BTreeMap::new(),
        }
    }

    fn line_of(&self, k: usize, sheet: u32, measure_id: &str) -> LineKey {
        let id = self
            .lineage
            .id(&self.eds[k].edition, sheet, measure_id)
            .unwrap_or(measure_id);
        (sheet, id.to_string())
    }

    fn page(mut self, hrefs: &[Option<String>]) -> String {
        let eds = self.eds;
        // Element ids: editions, sheets and measures first, then the timeline's lines.
        for fixed in [
            "contents",
            "filter",
            "shown",
            "timeline",
            "timeline-edition",
        ] {
            self.anchors.take(&[fixed]);
        }
        let mut measure_anchors: HashMap<(usize, u32, String), String> = HashMap::new();
        let mut sheet_anchors: Vec<Vec<String>> = Vec::new();
        for (k, ed) in eds.iter().enumerate() {
            let e = self.anchors.take(&["e", &ed.edition]);
            let checks = self.anchors.take(&[&e, "checks"]);
            self.edition_anchors.push((e.clone(), checks));
            let mut here = Vec::new();
            for (i, s) in ed.sheets.iter().enumerate() {
                here.push(self.anchors.take(&[&e, &format!("s{}", s.number)]));
                for m in &s.measures {
                    let a = self.anchors.take(&[&here[i], &m.id]);
                    measure_anchors
                        .entry((k, s.number, m.id.clone()))
                        .or_insert(a);
                }
            }
            sheet_anchors.push(here);
        }
        let line_anchors: HashMap<LineKey, String> = {
            let mut out = HashMap::new();
            let numbers: BTreeSet<u32> = self.lineage.rows.iter().map(|r| r.sheet).collect();
            for n in numbers {
                let a = self.anchors.take(&["timeline", &format!("s{n}")]);
                self.timeline_anchors.insert(n, a);
            }
            for r in &self.lineage.rows {
                if let Entry::Vacant(v) = out.entry((r.sheet, r.lineage_id.clone())) {
                    v.insert(
                        self.anchors
                            .take(&["t", &format!("s{}", r.sheet), &r.lineage_id]),
                    );
                }
            }
            out
        };
        let editions = eds
            .iter()
            .enumerate()
            .map(|(k, ed)| {
                self.edition(
                    k,
                    ed,
                    hrefs.get(k).cloned().flatten(),
                    &sheet_anchors[k],
                    &measure_anchors,
                    &line_anchors,
                )
            })
            .collect::<Vec<_>>();
        let (edition_steps, timeline) = self.timeline(&measure_anchors, &line_anchors);
        let mut ministries: BTreeMap<String, String> = BTreeMap::new();
        for ed in eds {
            let t = &ed.enriched;
            let tags = t
                .progress
                .iter()
                .map(|p| p.ministries.as_str())
                .chain(t.programs.iter().map(|p| p.ministries.as_str()));
            for tag in tags.flat_map(|m| m.split(';')).filter(|t| !t.is_empty()) {
                ministries
                    .entry(ministry_value(tag))
                    .or_insert_with(|| ministry_label(tag));
            }
        }
        let mut sheets: BTreeMap<u32, String> = BTreeMap::new();
        for ed in eds {
            for s in &ed.sheets {
                let mark = circled(s.number).map_or_else(|| s.number.to_string(), String::from);
                let theme = s
                    .labels
                    .first()
                    .map(|l| l.text.as_str())
                    .unwrap_or_default();
                sheets.insert(s.number, format!("{mark} {theme}").trim_end().to_string());
            }
        }
        let ids: Vec<&str> = eds.iter().map(|e| e.edition.as_str()).collect();
        let title = match ids.as_slice() {
            [] => "kouteihyo report".to_string(),
            [one] => format!("工程表 {one}"),
            [first, .., last] => format!("工程表 {first} – {last}"),
        };
        let cover = eds
            .last()
            .and_then(|e| e.title.as_ref())
            .map(|t| format!("{} · ", t.text))
            .unwrap_or_default();
        let subtitle = format!(
            "{cover}{} edition{}: {}; written by kouteihyo {}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            ids.join(", "),
            env!("CARGO_PKG_VERSION")
        );
        let page = ReportPage {
            title,
            subtitle,
            editions,
            edition_steps,
            timeline,
            ministries: ministries.into_iter().collect(),
            sheets: sheets.into_iter().collect(),
        };
        report_page(&page)
    }

    fn edition(
        &self,
        k: usize,
        ed: &'a Edition,
        source_href: Option<String>,
        sheet_anchors: &[String],
        measure_anchors: &HashMap<(usize, u32, String), String>,
        line_anchors: &HashMap<LineKey, String>,
    ) -> EditionView<'a> {
        let rows = &self.rows[k];
        let mut sheets = Vec::new();
        let mut quality = Vec::new();
        for (i, s) in ed.sheets.iter().enumerate() {
            if let Some(q) = &s.quality {
                quality.push(QualityRow {
                    sheet: s,
                    sheet_anchor: sheet_anchors[i].clone(),
                    figures: q,
                    shortfalls: shortfalls(q).iter().map(ToString::to_string).collect(),
                });
            }
            // The sheet's phase columns, left to right: label as printed, canonical phase
            // label and grid column.
            let phase_cols: Vec<(&str, &str, usize)> = s
                .columns
                .iter()
                .filter_map(|c| {
                    c.phase
                        .as_ref()
                        .map(|p| (c.label.text.as_str(), p.label.as_str(), c.index))
                })
                .collect();
            let measures = s
                .measures
                .iter()
                .map(|m| {
                    let key = (s.number, m.id.as_str());
                    let bars = rows
                        .schedule
                        .get(&key)
                        .into_iter()
                        .flatten()
                        .map(|r| bar(&phase_cols, r))
                        .collect();
                    let programs = rows
                        .programs
                        .get(&key)
                        .into_iter()
                        .flatten()
                        .map(|p| ProgramView {
                            program: p,
                            budgets: rows
                                .budgets
                                .get(&(p.sheet, p.row, p.col, p.item, p.program_index))
                                .cloned()
                                .unwrap_or_default(),
                        })
                        .collect();
                    MeasureView {
                        measure: m,
                        anchor: measure_anchors[&(k, s.number, m.id.clone())].clone(),
                        timeline: line_anchors.get(&self.line_of(k, s.number, &m.id)).cloned(),
                        ministries: rows.ministries(key).into_iter().collect(),
                        page: rows.pages.get(&key).copied().flatten(),
                        bars,
                        kpis: rows.kpis.get(&key).cloned().unwrap_or_default(),
                        progress: rows.progress.get(&key).cloned().unwrap_or_default(),
                        programs,
                    }
                })
                .collect();
            sheets.push(SheetView {
                sheet: s,
                anchor: sheet_anchors[i].clone(),
                title: SheetTitle::of(s),
                phases: phase_cols.iter().map(|p| p.0.to_string()).collect(),
                measures,
            });
        }
        EditionView {
            edition: ed,
            anchor: self.edition_anchors[k].0.clone(),
            checks_anchor: self.edition_anchors[k].1.clone(),
            source_href,
            sheets,
            quality,
        }
    }

    /// Edition-wide steps, and per sheet number its sheet-wide steps and its lines.
    fn timeline(
        &self,
        measure_anchors: &HashMap<(usize, u32, String), String>,
        line_anchors: &HashMap<LineKey, String>,
    ) -> (Vec<Step>, Vec<TimelineSheet>) {
        let eds = self.eds;
        let index: HashMap<&str, usize> = eds
            .iter()
            .enumerate()
            .map(|(k, e)| (e.edition.as_str(), k))
            .collect();
        // Lines in order of first appearance, per sheet; each with its measure per edition.
        let mut lines: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        let mut present: HashMap<LineKey, BTreeMap<usize, (String, String)>> = HashMap::new();
        for r in &self.lineage.rows {
            let Some(&k) = index.get(r.edition.as_str()) else {
                continue;
            };
            let key = (r.sheet, r.lineage_id.clone());
            let seen = present.entry(key).or_default();
            if seen.is_empty() {
                lines.entry(r.sheet).or_default().push(r.lineage_id.clone());
            }
            seen.entry(k)
                .or_insert_with(|| (r.measure_id.clone(), r.title.clone()));
        }
        // The changes of each step, by line; sheet-wide and edition-wide ones apart.
        let mut by_line: HashMap<(usize, LineKey), Vec<&Change>> = HashMap::new();
        let mut by_sheet: HashMap<(usize, u32), Vec<&Change>> = HashMap::new();
        let mut edition_wide: BTreeMap<usize, Vec<&Change>> = BTreeMap::new();
        for (i, d) in self.diffs.iter().enumerate() {
            let k = i + 1;
            for c in &d.changes {
                match (c.sheet, &c.lineage_id) {
                    (Some(n), Some(l)) if present.contains_key(&(n, l.clone())) => {
                        by_line.entry((k, (n, l.clone()))).or_default().push(c)
                    }
                    (Some(n), _) => by_sheet.entry((k, n)).or_default().push(c),
                    (None, _) => edition_wide.entry(k).or_default().push(c),
                }
            }
        }
        let views = |cs: Option<&Vec<&Change>>| -> Vec<ChangeView> {
            cs.into_iter().flatten().map(|c| change_view(c)).collect()
        };
        let edition_steps = edition_wide
            .iter()
            .map(|(&k, cs)| Step {
                edition: eds[k].edition.clone(),
                status: changes_status(cs.len()),
                link: Some(self.edition_anchors[k].0.clone()),
                changes: views(Some(cs)),
            })
            .collect();
        let mut out = Vec::new();
        for (&n, ids) in &lines {
            let title = eds
                .iter()
                .rev()
                .find_map(|e| e.sheets.iter().find(|s| s.number == n))
                .map(SheetTitle::of)
                .unwrap_or_else(|| SheetTitle::numbered(n));
            let steps = (1..eds.len())
                .filter_map(|k| {
                    let cs = by_sheet.get(&(k, n))?;
                    Some(Step {
                        edition: eds[k].edition.clone(),
                        status: changes_status(cs.len()),
                        link: None,
                        changes: views(Some(cs)),
                    })
                })
                .collect();
            let lines = ids
                .iter()
                .map(|id| {
                    let key = (n, id.clone());
                    let here = &present[&key];
                    let mut steps = Vec::new();
                    let mut ministries = BTreeSet::new();
                    let mut was_here = false;
                    for (k, ed) in eds.iter().enumerate() {
                        let changes = views(by_line.get(&(k, key.clone())));
                        match here.get(&k) {
                            Some((mid, _)) => {
                                ministries.extend(self.rows[k].ministries((n, mid.as_str())));
                                let status = if !was_here && steps.is_empty() {
                                    if k == 0 {
                                        "listed".to_string()
                                    } else {
                                        "new".to_string()
                                    }
                                } else if !was_here {
                                    "listed again".to_string()
                                } else {
                                    changes_status(changes.len())
                                };
                                steps.push(Step {
                                    edition: ed.edition.clone(),
                                    status,
                                    link: measure_anchors.get(&(k, n, mid.clone())).cloned(),
                                    changes,
                                });
                                was_here = true;
                            }
                            None if was_here => {
                                steps.push(Step {
                                    edition: ed.edition.clone(),
                                    status: "not listed".to_string(),
                                    link: None,
                                    changes,
                                });
                                was_here = false;
                            }
                            None => {}
                        }
                    }
                    let title = here
                        .values()
                        .next_back()
                        .map(|(_, t)| t.clone())
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| format!("(untitled measure {id})"));
                    LineView {
                        anchor: line_anchors[&key].clone(),
                        lineage_id: id.clone(),
                        title,
                        ministries: ministries.into_iter().collect(),
                        steps,
                    }
                })
                .collect();
            out.push(TimelineSheet {
                anchor: self
                    .timeline_anchors
                    .get(&n)
                    .cloned()
                    .unwrap_or_else(|| anchor(&["timeline", &format!("s{n}")])),
                number: n,
                title,
                steps,
                lines,
            });
        }
        (edition_steps, out)
    }
}

fn changes_status(n: usize) -> String {
    match n {
        0 => "no change".to_string(),
        1 => "1 change".to_string(),
        n => format!("{n} changes"),
    }
}

/// A schedule row as a bar over the phase columns `phase_start` … `phase_end` (matched by
/// canonical label; by grid column where a label is not found).
fn bar<'a>(phase_cols: &[(&str, &str, usize)], r: &'a ScheduleRow) -> Bar<'a> {
    let by_col = |col: usize| phase_cols.iter().position(|p| p.2 == col);
    let first = phase_cols
        .iter()
        .position(|p| p.1 == r.phase_start)
        .or_else(|| by_col(r.col))
        .unwrap_or(0);
    let last = phase_cols
        .iter()
        .skip(first)
        .position(|p| p.1 == r.phase_end)
        .map(|i| i + first)
        .or_else(|| by_col(r.col + r.col_span.max(1) - 1))
        .unwrap_or(first)
        .max(first);
    Bar {
        first,
        last: last.min(phase_cols.len().saturating_sub(1)).max(first),
        row: r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_ascii_and_distinct() {
        assert_eq!(anchor(&["e", "2025-06"]), "e-2025-06");
        assert_ne!(anchor(&["a b"]), anchor(&["a_b"]));
        assert!(anchor(&["m-1@2025-06", "工程表"]).is_ascii());
        let mut a = Anchors::default();
        assert_eq!(a.take(&["x"]), "x");
        assert_eq!(a.take(&["x"]), "x-2");
    }

    #[test]
    fn source_links_are_relative_and_encoded() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("in put/資料.pdf");
        std::fs::create_dir_all(src.parent().unwrap()).unwrap();
        std::fs::write(&src, b"%PDF-").unwrap();
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        let href = source_href(&dir.path().join("out/report.html"), &src);
        assert_eq!(href, "../in%20put/%E8%B3%87%E6%96%99.pdf");
        let here = source_href(&dir.path().join("report.html"), &src);
        assert_eq!(here, "in%20put/%E8%B3%87%E6%96%99.pdf");
    }
}
