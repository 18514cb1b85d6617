//! The HTML templates (maud) of the report page and the diff page: one layout (`lang="ja"`,
//! inline CSS, no external resources), sheet headings under their theme titles, change rows
//! with the changed characters highlighted, schedule bars over the phase columns.
//!
//! The templates take plain view types built by `report` (from editions and their diffs) and
//! by `diff::render` (from a diff); they import neither, so that the diff can render its page
//! here without an import cycle.

use crate::edition::{Edition, Measure, Sheet};
use crate::enrich::ministries::ministry;
use crate::model::{SheetQuality, Warning};
use crate::tables::{BudgetRow, KpiRow, ProgramRow, ProgressRow, ScheduleRow};
use crate::text::lexicon::circled;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The stylesheet both pages inline.
const STYLE: &str = include_str!("style.css");
/// The few lines of the report's filter box.
const FILTER_JS: &str = include_str!("filter.js");

/// The printed heading of sheet `number` (各施策のスケジュール・工程表①), for pages that know
/// the number only.
pub fn sheet_heading(number: u32) -> String {
    match circled(number) {
        Some(c) => format!("各施策のスケジュール・工程表{c}"),
        None => format!("各施策のスケジュール・工程表({number})"),
    }
}

/// The circled number of a sheet (①), or its digits past ㊿.
pub fn sheet_mark(number: u32) -> String {
    circled(number).map_or_else(|| number.to_string(), String::from)
}

/// A sheet's title as the pages show it: the heading, then its theme and side labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetTitle {
    /// The heading line (各施策のスケジュール・工程表①).
    pub heading: String,
    /// Theme and side labels, in the model's order (the theme first).
    pub labels: Vec<String>,
}

impl SheetTitle {
    /// The title of a sheet of an edition: its heading and labels as the model has them.
    pub fn of(sheet: &Sheet) -> SheetTitle {
        SheetTitle {
            heading: sheet.heading.text.clone(),
            labels: sheet.labels.iter().map(|l| l.text.clone()).collect(),
        }
    }

    /// The title of a sheet known by its number only.
    pub fn numbered(number: u32) -> SheetTitle {
        SheetTitle {
            heading: sheet_heading(number),
            labels: Vec::new(),
        }
    }

    /// One line: the heading and the first label (the theme).
    pub fn short(&self) -> String {
        match self.labels.first() {
            Some(t) => format!("{} {t}", self.heading),
            None => self.heading.clone(),
        }
    }
}

/// A piece of a changed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text both sides have.
    Same(String),
    /// Text only the earlier side has.
    Deleted(String),
    /// Text only the later side has.
    Inserted(String),
}

/// One change as a row: its kind, where it is, both sides as pieces, and its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeView {
    /// `added`, `removed`, `modified`, `structure` or `metadata` (also the CSS class).
    pub kind: &'static str,
    /// The column role and label (`progress (進捗状況※)`), or the metadata field.
    pub place: String,
    /// The earlier side; deleted characters marked.
    pub before: Vec<Piece>,
    /// The later side; inserted characters marked.
    pub after: Vec<Piece>,
    /// What a structure change covers.
    pub detail: Vec<String>,
}

/// The diff page: changes grouped by sheet and measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffPage {
    /// `Changes from 2024-12 to 2025-06`.
    pub title: String,
    /// The counts line.
    pub summary: String,
    /// The earlier edition's id (a column header).
    pub old: String,
    /// The later edition's id.
    pub new: String,
    /// One group per sheet, edition-wide changes first.
    pub sheets: Vec<DiffSheet>,
}

/// The changes of one sheet (or of the whole edition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSheet {
    /// Element id of the group.
    pub anchor: String,
    /// The sheet's title; `None` for edition-wide changes.
    pub title: Option<SheetTitle>,
    /// Changes by measure: the measure's title (`None`: sheet-wide) and its changes.
    pub measures: Vec<(Option<String>, Vec<ChangeView>)>,
}

/// The report page.
pub struct ReportPage<'a> {
    /// The page title (`<title>` and `<h1>`).
    pub title: String,
    /// What the page covers, under the title.
    pub subtitle: String,
    /// The editions, oldest first.
    pub editions: Vec<EditionView<'a>>,
    /// Edition-wide changes (as-of date, title), one step per later edition.
    pub edition_steps: Vec<Step>,
    /// The timeline, sheet by sheet.
    pub timeline: Vec<TimelineSheet>,
    /// The filter's ministries: value (code, or the tag when unknown) and label.
    pub ministries: Vec<(String, String)>,
    /// The filter's sheets: number and label.
    pub sheets: Vec<(u32, String)>,
}

/// One edition of the report.
pub struct EditionView<'a> {
    /// The edition.
    pub edition: &'a Edition,
    /// Element id of its section.
    pub anchor: String,
    /// Element id of its warnings and quality figures.
    pub checks_anchor: String,
    /// Link to its source PDF (without `#page=`); `None` for a dump.
    pub source_href: Option<String>,
    /// Its sheets.
    pub sheets: Vec<SheetView<'a>>,
    /// Quality figures of its sheets (PDF sheets only).
    pub quality: Vec<QualityRow<'a>>,
}

/// A sheet's quality figures and what falls short of the thresholds.
pub struct QualityRow<'a> {
    /// The sheet.
    pub sheet: &'a Sheet,
    /// Element id of the sheet's section.
    pub sheet_anchor: String,
    /// Its figures.
    pub figures: &'a SheetQuality,
    /// Each figure below its threshold, as text; empty when the sheet passes.
    pub shortfalls: Vec<String>,
}

/// One sheet of an edition.
pub struct SheetView<'a> {
    /// The sheet.
    pub sheet: &'a Sheet,
    /// Element id of its section.
    pub anchor: String,
    /// Its heading and theme.
    pub title: SheetTitle,
    /// The labels of its phase columns, left to right.
    pub phases: Vec<String>,
    /// Its measures.
    pub measures: Vec<MeasureView<'a>>,
}

/// One measure of a sheet, with the rows of the tidy tables that belong to it.
pub struct MeasureView<'a> {
    /// The measure.
    pub measure: &'a Measure,
    /// Element id of its block.
    pub anchor: String,
    /// Element id of its line in the timeline.
    pub timeline: Option<String>,
    /// Filter values of the ministries its progress items and programs name.
    pub ministries: Vec<String>,
    /// PDF page of its title cell.
    pub page: Option<u32>,
    /// Its schedule entries as bars over the phase columns.
    pub bars: Vec<Bar<'a>>,
    /// Its KPIs.
    pub kpis: Vec<&'a KpiRow>,
    /// Its progress items.
    pub progress: Vec<&'a ProgressRow>,
    /// Its programs with their budget figures.
    pub programs: Vec<ProgramView<'a>>,
}

/// A schedule item as a bar from phase column `first` to `last` (0-based, inclusive).
pub struct Bar<'a> {
    /// First phase column covered.
    pub first: usize,
    /// Last phase column covered.
    pub last: usize,
    /// The schedule row.
    pub row: &'a ScheduleRow,
}

/// A program and its budget figures.
pub struct ProgramView<'a> {
    /// The program row.
    pub program: &'a ProgramRow,
    /// Its budget rows.
    pub budgets: Vec<&'a BudgetRow>,
}

/// The timeline of one sheet number: sheet-wide changes and one line per measure lineage.
pub struct TimelineSheet {
    /// Element id of the group.
    pub anchor: String,
    /// The sheet number.
    pub number: u32,
    /// Its title, as the latest edition prints it.
    pub title: SheetTitle,
    /// Sheet-wide changes (phases, columns, labels, callouts, footnotes).
    pub steps: Vec<Step>,
    /// The measures, by lineage.
    pub lines: Vec<LineView>,
}

/// One measure across editions (one `lineage_id` on one sheet).
pub struct LineView {
    /// Element id of the line.
    pub anchor: String,
    /// The lineage id.
    pub lineage_id: String,
    /// Its latest title.
    pub title: String,
    /// Filter values of the ministries it names in any edition.
    pub ministries: Vec<String>,
    /// What happened in each edition, from the first it is in.
    pub steps: Vec<Step>,
}

/// What one edition changed.
pub struct Step {
    /// The edition id.
    pub edition: String,
    /// `listed`, `new`, `no change`, `3 changes`, `not listed`.
    pub status: String,
    /// The element id of the measure in that edition.
    pub link: Option<String>,
    /// The changes from the edition before.
    pub changes: Vec<ChangeView>,
}

/// The filter value of a ministry tag: its code, or the tag itself when unknown.
pub fn ministry_value(tag: &str) -> String {
    let m = ministry(tag);
    m.code.unwrap_or(m.tag)
}

/// The filter label of a ministry tag: `厚生労働省 (MHLW)`, or the tag.
pub fn ministry_label(tag: &str) -> String {
    let m = ministry(tag);
    match (m.name_ja, m.code) {
        (Some(ja), Some(code)) => format!("{ja} ({code})"),
        _ => m.tag,
    }
}

/// The page around `body`: `lang="ja"`, viewport, the inline stylesheet.
fn layout(title: &str, body: Markup, script: Option<&str>) -> String {
    html! {
        (DOCTYPE)
        html lang="ja" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="kouteihyo";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                @if let Some(js) = script {
                    script { (PreEscaped(js)) }
                }
            }
        }
    }
    .into_string()
}

/// A sheet's heading with its theme and side labels under it.
fn sheet_title(level: u8, t: &SheetTitle, extra: Markup) -> Markup {
    let inner = html! {
        span.heading.main[t.labels.is_empty()] { (t.heading) }
        @for (i, l) in t.labels.iter().enumerate() {
            span class=(if i == 0 { "theme" } else { "label" }) { (l) }
        }
        (extra)
    };
    match level {
        2 => html! { h2.sheet-title { (inner) } },
        3 => html! { h3.sheet-title { (inner) } },
        _ => html! { h4.sheet-title { (inner) } },
    }
}

fn pieces(p: &[Piece]) -> Markup {
    html! {
        @for x in p {
            @match x {
                Piece::Same(t) => (t),
                Piece::Deleted(t) => del { (t) },
                Piece::Inserted(t) => ins { (t) },
            }
        }
    }
}

fn detail(c: &ChangeView) -> Markup {
    html! {
        @if !c.detail.is_empty() {
            ul.detail { @for d in &c.detail { li { (d) } } }
        }
    }
}

/// A table of changes, old and new side by side.
fn change_table(old: &str, new: &str, changes: &[ChangeView]) -> Markup {
    html! {
        div.scroll {
            table.changes {
                thead { tr { th { "change" } th { "where" } th { (old) } th { (new) } } }
                tbody {
                    @for c in changes {
                        tr {
                            td class={ "kind " (c.kind) } { (c.kind) }
                            td { (c.place) }
                            td { (pieces(&c.before)) (detail(c)) }
                            td { (pieces(&c.after)) }
                        }
                    }
                }
            }
        }
    }
}

/// The diff page: a contents list, then the changes of each sheet under its title.
pub fn diff_page(p: &DiffPage) -> String {
    let body = html! {
        header.page {
            h1 { (p.title) }
            p.summary { (p.summary) }
        }
        main {
            nav id="contents" aria-label="contents" {
                h2 { "Contents" }
                ul {
                    @for s in &p.sheets {
                        li {
                            a href={ "#" (s.anchor) } {
                                @match &s.title {
                                    Some(t) => (t.short()),
                                    None => "Edition",
                                }
                            }
                        }
                    }
                }
            }
            @for s in &p.sheets {
                section.sheet id=(s.anchor) {
                    @match &s.title {
                        Some(t) => (sheet_title(2, t, html! {})),
                        None => h2 { "Edition" },
                    }
                    @for (measure, changes) in &s.measures {
                        @if let Some(m) = measure {
                            h3.measure-title { (m) }
                        }
                        (change_table(&p.old, &p.new, changes))
                    }
                }
            }
        }
    };
    layout(&p.title, body, None)
}

/// A link to a PDF page (`file.pdf#page=2`), or the dump line as text.
fn source_link(href: Option<&str>, page: Option<u32>, line: Option<usize>) -> Markup {
    html! {
        @match (href, page, line) {
            (Some(h), Some(n), _) => {
                " " a.src href={ (h) "#page=" (n) } title="source page" { "p." (n) }
            }
            (_, _, Some(l)) => { " " span.src title="line of the text dump" { "line " (l) } }
            _ => {}
        }
    }
}

/// Ministry tags as printed, each titled with its code.
fn tags(printed: &str) -> Markup {
    html! {
        @for t in printed.split(';').filter(|t| !t.is_empty()) {
            " " span.tag title=(ministry_label(t)) { (t) }
        }
    }
}

/// A figure: value, unit and qualifier, then the fiscal year(s).
fn figure(
    value: Option<f64>,
    unit: Option<&str>,
    qualifier: Option<&str>,
    year: Option<i32>,
    last: Option<i32>,
) -> String {
    let mut s = match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
        None => String::new(),
    };
    s.push_str(unit.unwrap_or_default());
    s.push_str(qualifier.unwrap_or_default());
    match (year, last) {
        (Some(a), Some(b)) if b != a => s.push_str(&format!(" (FY{a}–{b})")),
        (Some(a), _) => s.push_str(&format!(" (FY{a})")),
        _ => {}
    }
    s
}

/// Integer yen with thousands separators (930,000,000円).
fn yen(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 {
        out.insert(0, '-');
    }
    out + "円"
}

fn schedule(phases: &[String], bars: &[Bar<'_>], href: Option<&str>) -> Markup {
    let n = phases.len().max(1);
    html! {
        div.scroll {
            div.schedule style={ "--phases:" (n) } aria-label="schedule" {
                @for (i, p) in phases.iter().enumerate() {
                    div.phase style={ "grid-column:" (i + 1) } { (p) }
                }
                @for b in bars {
                    @let label = |i: usize| phases.get(i).map_or("", String::as_str);
                    @let span = if b.last == b.first {
                        label(b.first).to_string()
                    } else {
                        format!("{}–{}", label(b.first), label(b.last))
                    };
                    div.bar data-phases=(span)
                        style={ "grid-column:" (b.first + 1) "/" (b.last + 2) ";--a:" (b.first) ";--b:" (b.last + 1) } {
                        (b.row.text)
                        (source_link(href, b.row.page, b.row.line))
                    }
                }
            }
        }
    }
}

fn kpis(rows: &[&KpiRow], href: Option<&str>) -> Markup {
    html! {
        div.scroll {
            table.kpis {
                thead { tr { th { "KPI" } th { "baseline" } th { "target" } th { "unit, note" } } }
                tbody {
                    @for k in rows {
                        tr {
                            td {
                                (k.indicator)
                                (source_link(href, k.page, k.line))
                            }
                            @if let Some(why) = &k.unparsed {
                                td colspan="3" title=(why) { (k.raw) }
                            } @else {
                                td { (figure(k.baseline_value, k.baseline_unit.as_deref(), k.baseline_qualifier.as_deref(), k.baseline_fiscal_year, k.baseline_fiscal_year_last)) }
                                td { (figure(k.target_value, k.target_unit.as_deref(), k.target_qualifier.as_deref(), k.target_fiscal_year, k.target_fiscal_year_last)) }
                                td { (k.unit.as_deref().unwrap_or_default()) " " (k.note.as_deref().unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn measure(ed: &EditionView<'_>, sheet: &SheetView<'_>, m: &MeasureView<'_>) -> Markup {
    let href = ed.source_href.as_deref();
    let title = match &m.measure.title {
        Some(t) => t.text.clone(),
        None => format!(
            "(rows {}–{} of a sheet without a measure column)",
            m.measure.first_row + 1,
            m.measure.last_row + 1
        ),
    };
    html! {
        article.measure id=(m.anchor) data-sheet=(sheet.sheet.number)
            data-ministries=(m.ministries.join(" ")) {
            h4.measure-title {
                (title)
                (source_link(href, m.page, None))
            }
            p.meta {
                code { (m.measure.id) }
                @if let Some(t) = &m.timeline {
                    " · " a href={ "#" (t) } { "timeline" }
                }
            }
            @if !m.bars.is_empty() {
                @if sheet.phases.is_empty() {
                    ul.items { @for b in &m.bars { li { (b.row.text) (source_link(href, b.row.page, b.row.line)) } } }
                } @else {
                    (schedule(&sheet.phases, &m.bars, href))
                }
            }
            @if !m.kpis.is_empty() {
                h5 { "KPI" }
                (kpis(&m.kpis, href))
            }
            @if !m.progress.is_empty() {
                h5 { "Progress" }
                ul.items.progress {
                    @for p in &m.progress {
                        li { (p.text) (tags(&p.ministries)) (source_link(href, p.page, p.line)) }
                    }
                }
            }
            @if !m.programs.is_empty() {
                h5 { "Programs and budgets" }
                ul.items.programs {
                    @for p in &m.programs {
                        li {
                            (p.program.program_name)
                            (tags(&p.program.ministries))
                            @if let Some(n) = &p.program.note { " " span.note { (n) } }
                            (source_link(href, p.program.page, p.program.line))
                            @if !p.budgets.is_empty() {
                                ul.budgets {
                                    @for b in &p.budgets {
                                        li {
                                            (b.raw)
                                            @if let Some(a) = b.amount_jpy { " = " (yen(a)) }
                                            span.kind {
                                                " ("
                                                @if let Some(y) = b.fiscal_year { "FY" (y) ", " }
                                                (serde_json::to_value(b.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())
                                                @if b.part_of { ", part of a larger line (内数)" }
                                                ")"
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn warnings(ws: &[Warning], href: Option<&str>) -> Markup {
    html! {
        @if ws.is_empty() {
            p { "No warnings." }
        } @else {
            div.scroll {
                table.warnings {
                    thead { tr { th { "code" } th { "sheet" } th { "row" } th { "message" } } }
                    tbody {
                        @for w in ws {
                            tr {
                                td { code { (w.code.as_str()) } }
                                td { @if let Some(s) = w.sheet { (sheet_mark(s)) } (source_link(href, w.page, None)) }
                                td { @if let Some(r) = w.row { (r) } }
                                td { (w.message) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn quality(rows: &[QualityRow<'_>]) -> Markup {
    html! {
        div.scroll {
            table.quality {
                thead { tr {
                    th { "sheet" } th { "strategy" } th { "glyphs assigned" } th { "header labels recognised" }
                    th { "structure tree (compared / disagree / settled)" } th { "text sanity" } th { "verdict" }
                } }
                tbody {
                    @for q in rows {
                        @let f = q.figures;
                        tr.low[!q.shortfalls.is_empty()] {
                            td { a href={ "#" (q.sheet_anchor) } { (sheet_mark(q.sheet.number)) } }
                            td { (f.strategy.as_str()) }
                            td { (f.assigned_glyphs) " / " (f.table_glyphs) " (" (format!("{:.1}", f.assigned_share() * 100.0)) " %)" }
                            td { (f.header_labels_recognised) " / " (f.header_labels) }
                            td { @match f.structure {
                                Some(s) => { (s.cells_compared) " / " (s.disagreements) " / " (s.settled) }
                                None => "—",
                            } }
                            td { (format!("{:.3}", f.text_sanity)) }
                            td { @if q.shortfalls.is_empty() { "ok" } @else { "LOW QUALITY: " (q.shortfalls.join("; ")) } }
                        }
                    }
                }
            }
        }
    }
}

fn edition(e: &EditionView<'_>) -> Markup {
    let ed = e.edition;
    let href = e.source_href.as_deref();
    let n_measures: usize = e.sheets.iter().map(|s| s.measures.len()).sum();
    let low: Vec<&QualityRow<'_>> = e
        .quality
        .iter()
        .filter(|q| !q.shortfalls.is_empty())
        .collect();
    html! {
        section.edition id=(e.anchor) {
            h2 {
                (ed.edition)
                @if let Some(a) = &ed.as_of { span.asof { " as of " (a) } }
            }
            @if let Some(t) = &ed.title { p.cover { (t.text) } }
            p.meta {
                "Source: "
                @match href {
                    Some(h) => a href=(h) { (ed.source.file) },
                    None => code { (ed.source.file) },
                }
                " (" (serde_json::to_value(ed.source.format).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())
                ", sha256 " code { (ed.source.sha256.get(..12).unwrap_or(&ed.source.sha256)) } "…) · "
                (e.sheets.len()) " sheets, " (n_measures) " measures"
                @if !ed.complete { " · " strong { "incomplete: parts of the source could not be read" } }
            }
            p.checks-summary {
                @match ed.warnings.len() { 0 => { "No warnings" } 1 => { "1 warning" } n => { (n) " warnings" } }
                "; "
                @if e.quality.is_empty() {
                    "no quality figures (a text dump is read as written)"
                } @else if low.is_empty() {
                    "every sheet passes the quality thresholds"
                } @else {
                    strong { "below the quality thresholds: " }
                    @for (i, q) in low.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href={ "#" (q.sheet_anchor) } { (sheet_mark(q.sheet.number)) }
                    }
                }
                " (" a href={ "#" (e.checks_anchor) } { "details" } ")."
            }
            @for s in &e.sheets {
                section.sheet id=(s.anchor) data-sheet=(s.sheet.number) {
                    (sheet_title(3, &s.title, source_link(href, s.sheet.page, None)))
                    @if s.measures.is_empty() { p { "No measures on this sheet." } }
                    @for m in &s.measures {
                        (measure(e, s, m))
                    }
                }
            }
            section.checks id=(e.checks_anchor) {
                h3 { "Warnings and quality figures of " (ed.edition) }
                (warnings(&ed.warnings, href))
                @if !e.quality.is_empty() {
                    (quality(&e.quality))
                }
            }
        }
    }
}

fn steps(steps: &[Step]) -> Markup {
    html! {
        ol.steps {
            @for s in steps {
                li {
                    strong { (s.edition) }
                    " " span.status { (s.status) }
                    @if let Some(l) = &s.link { " · " a href={ "#" (l) } { "in this edition" } }
                    @if !s.changes.is_empty() {
                        ul.changes {
                            @for c in &s.changes {
                                li {
                                    span class={ "kind " (c.kind) } { (c.kind) } " "
                                    span.place { (c.place) } ": "
                                    @if c.kind == "modified" || c.kind == "structure" || c.kind == "metadata" {
                                        span.before { (pieces(&c.before)) } " → " span.after { (pieces(&c.after)) }
                                    } @else {
                                        (pieces(&c.before)) (pieces(&c.after))
                                    }
                                    (detail(c))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn contents(p: &ReportPage<'_>) -> Markup {
    html! {
        nav id="contents" aria-label="contents" {
            h2 { "Contents" }
            ul {
                @for e in &p.editions {
                    li {
                        a href={ "#" (e.anchor) } { (e.edition.edition) }
                        " · " a href={ "#" (e.checks_anchor) } { "warnings and quality" }
                        span.marks {
                            @for s in &e.sheets {
                                " " a href={ "#" (s.anchor) } title=(s.title.short()) { (sheet_mark(s.sheet.number)) }
                            }
                        }
                    }
                }
                li {
                    a href="#timeline" { "Across editions" }
                    span.marks {
                        @for t in &p.timeline {
                            " " a href={ "#" (t.anchor) } title=(t.title.short()) { (sheet_mark(t.number)) }
                        }
                    }
                }
            }
        }
    }
}

fn filter(p: &ReportPage<'_>) -> Markup {
    html! {
        form id="filter" role="search" {
            label {
                "Ministry"
                select name="ministry" {
                    option value="" { "all" }
                    @for (v, l) in &p.ministries { option value=(v) { (l) } }
                }
            }
            label {
                "Sheet"
                select name="sheet" {
                    option value="" { "all" }
                    @for (n, l) in &p.sheets { option value=(n) { (l) } }
                }
            }
            label.text {
                "Text"
                input type="search" name="q" placeholder="施策・KPI・事業…";
            }
            output id="shown" aria-live="polite" {}
        }
    }
}

/// The report page: contents, filter box, each edition's sheets and measures, then the
/// timeline of every measure across the editions.
pub fn report_page(p: &ReportPage<'_>) -> String {
    let body = html! {
        header.page {
            h1 { (p.title) }
            p.summary { (p.subtitle) }
        }
        main {
            (contents(p))
            (filter(p))
            @for e in &p.editions { (edition(e)) }
            section id="timeline" {
                h2 { "Across editions" }
                p { "What each edition changed, measure by measure (a measure keeps its lineage id when its title is reworded). Deleted text is struck through, inserted text highlighted." }
                @if !p.edition_steps.is_empty() {
                    section id="timeline-edition" {
                        h3 { "The edition as a whole" }
                        (steps(&p.edition_steps))
                    }
                }
                @for t in &p.timeline {
                    section.sheet id=(t.anchor) data-sheet=(t.number) {
                        (sheet_title(3, &t.title, html! {}))
                        @if !t.steps.is_empty() {
                            div.sheet-changes {
                                h4 { "The sheet" }
                                (steps(&t.steps))
                            }
                        }
                        @for l in &t.lines {
                            article.measure.line id=(l.anchor) data-sheet=(t.number)
                                data-ministries=(l.ministries.join(" ")) {
                                h4.measure-title { (l.title) }
                                p.meta { "lineage " code { (l.lineage_id) } }
                                (steps(&l.steps))
                            }
                        }
                    }
                }
            }
        }
    };
    layout(&p.title, body, Some(FILTER_JS))
}
