//! The output types of the tidy tables (measures, schedule, KPIs, progress, dates, programs,
//! budgets): one row struct per table, as JSON, JSONL and CSV hold them. `enrich` fills them.

use crate::model::Provenance;
use serde::{Deserialize, Serialize};

/// A [`Provenance`] as the flat scalar columns rows carry (`page`, `bbox_x0`, `bbox_top`,
/// `bbox_x1`, `bbox_bottom`, `line`): CSV cells hold scalars, never arrays.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FlatSource {
    /// 1-based PDF page.
    pub page: Option<u32>,
    /// Left edge, points from the page's left edge.
    pub x0: Option<f64>,
    /// Top edge, points from the page's top edge.
    pub top: Option<f64>,
    /// Right edge, points from the page's left edge.
    pub x1: Option<f64>,
    /// Bottom edge, points from the page's top edge.
    pub bottom: Option<f64>,
    /// 1-based dump line.
    pub line: Option<usize>,
}

impl From<&Provenance> for FlatSource {
    fn from(p: &Provenance) -> Self {
        let b = p.bbox.map(|b| b.map(Some)).unwrap_or([None; 4]);
        FlatSource {
            page: p.page,
            x0: b[0],
            top: b[1],
            x1: b[2],
            bottom: b[3],
            line: p.line,
        }
    }
}

/// One measure (施策) per row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureRow {
    /// Identifier of the edition the row comes from (the root `edition`, e.g. 2025-06); with `sheet`, `row` and `col` it traces the figure back to its source cell.
    pub edition: String,
    /// Number of the sheet the measure stands on (工程表① = 1); where the measure comes from (traceability).
    pub sheet: u32,
    /// Identifier of the measure (see `$defs/measure_id`); the key the other tables join on (their `measure_id`), together with `edition` and `sheet`.
    pub measure_id: String,
    /// The measure's title, normalized; empty string for rows without a measure title (`s-` ids).
    pub title: String,
    /// 0-based first body row of the measure on its sheet (traceability).
    pub first_row: usize,
    /// 0-based last body row of the measure (inclusive; not before `first_row`).
    pub last_row: usize,
    /// 1-based page of the PDF the measure cell (the measure's title) is on; null for text dumps and for measures without a title cell (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the measure cell (the measure's title) on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the measure cell (the measure's title), in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the measure cell (the measure's title), in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the measure cell (the measure's title), in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the measure cell (the measure's title) starts on; null for PDFs and for measures without a title cell (empty in CSV).
    pub line: Option<usize>,
    /// Marked 再掲 (re-listed) on this sheet, or its title also stands on another sheet.
    pub relisted: bool,
    /// Other sheets where a measure with the same id stands, `;`-separated.
    pub also_on_sheets: String,
    /// Number of schedule entries (cells in phase columns) of the measure.
    pub schedule_entries: usize,
    /// Number of rows the measure has in the kpis table.
    pub kpis: usize,
    /// Number of rows the measure has in the progress table.
    pub progress_items: usize,
    /// Number of rows the measure has in the programs table.
    pub programs: usize,
}

/// One schedule entry item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRow {
    /// Identifier of the edition the row comes from (the root `edition`, e.g. 2025-06); with `sheet`, `row` and `col` it traces the figure back to its source cell.
    pub edition: String,
    /// Number of the sheet the figure comes from (工程表① = 1); with `row` and `col` it locates the source cell in that sheet's `cells` (traceability).
    pub sheet: u32,
    /// 0-based body row of the source cell's top edge (the cell's `row` in `sheets[].cells`); where the figure comes from (traceability).
    pub row: usize,
    /// 0-based column of the source cell's left edge (the cell's `col` in `sheets[].cells`); where the figure comes from (traceability).
    pub col: usize,
    /// Number of phase columns the entry covers (more than 1 for an entry drawn across several phases).
    pub col_span: usize,
    /// Identifier of the measure (施策) the source cell belongs to (see `$defs/measure_id`); joins this table to the measures table together with `edition` and `sheet`. Empty string when the cell lies above the first measure of its sheet.
    pub measure_id: String,
    /// Title (normalized text) of the measure the source cell belongs to; empty string when that measure has no title or the cell belongs to none.
    pub measure: String,
    /// 0-based index of the item (bullet or paragraph) within the source cell's `items` that the row was read from.
    pub item: usize,
    /// 1-based page of the PDF the source item (the cell item the row was read from) is on; null for text dumps (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the source item (the cell item the row was read from) on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the source item (the cell item the row was read from), in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the source item (the cell item the row was read from) starts on; null for PDFs (empty in CSV).
    pub line: Option<usize>,
    /// Canonical label of the first phase the entry covers (e.g. 2025年度); empty string when that column has no phase.
    pub phase_start: String,
    /// Canonical label of the last phase the entry covers; the same as `phase_start` for a single-phase entry; empty string when that column has no phase.
    pub phase_end: String,
    /// First month of the period covered, YYYY-MM (the start of `phase_start`; 2025年度 → 2025-04); empty string when unknown.
    pub period_start: String,
    /// Last month of the period covered, YYYY-MM (the end of `phase_end`; 2025年度 → 2026-03); empty string for an open end (2029年度以降) or when unknown.
    pub period_end: String,
    /// The item's text, normalized (see `$defs/text`).
    pub text: String,
    /// The item's text exactly as printed in the source (spacing, full-width characters and typos kept).
    pub raw: String,
}

/// One KPI (a cell may hold several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiRow {
    /// Identifier of the edition the row comes from (the root `edition`, e.g. 2025-06); with `sheet`, `row` and `col` it traces the figure back to its source cell.
    pub edition: String,
    /// Number of the sheet the figure comes from (工程表① = 1); with `row` and `col` it locates the source cell in that sheet's `cells` (traceability).
    pub sheet: u32,
    /// 0-based body row of the source cell's top edge (the cell's `row` in `sheets[].cells`); where the figure comes from (traceability).
    pub row: usize,
    /// 0-based column of the source cell's left edge (the cell's `col` in `sheets[].cells`); where the figure comes from (traceability).
    pub col: usize,
    /// Identifier of the measure (施策) the source cell belongs to (see `$defs/measure_id`); joins this table to the measures table together with `edition` and `sheet`. Empty string when the cell lies above the first measure of its sheet.
    pub measure_id: String,
    /// Title (normalized text) of the measure the source cell belongs to; empty string when that measure has no title or the cell belongs to none.
    pub measure: String,
    /// 0-based index of the item (bullet or paragraph) within the source cell's `items` that the row was read from.
    pub item: usize,
    /// 1-based page of the PDF the source item (the cell item the row was read from) is on; null for text dumps (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the source item (the cell item the row was read from) on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the source item (the cell item the row was read from), in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the source item (the cell item the row was read from) starts on; null for PDFs (empty in CSV).
    pub line: Option<usize>,
    /// 0-based index of the KPI within the source cell, counted across all its items.
    pub kpi: usize,
    /// What is measured (the indicator, 指標), as printed before the baseline and target figures.
    pub indicator: String,
    /// Baseline figure (現状値) as a number, e.g. 45.2 for 45.2%; null when no figure could be read.
    pub baseline_value: Option<f64>,
    /// Unit of the baseline figure as printed (%, 件, 人, 億円 …); null when none.
    pub baseline_unit: Option<String>,
    /// Qualifier printed with the baseline figure (such as 約 "about", 以上 "or more", 以下 "or less"); null when none.
    pub baseline_qualifier: Option<String>,
    /// Gregorian start year of the fiscal year (年度) the baseline refers to, e.g. (R5) → 2023; the first year of a range; null when no year is printed.
    pub baseline_fiscal_year: Option<i32>,
    /// Gregorian start year of the last fiscal year when the baseline refers to a range of years (R3～R5 → 2023); null for a single year or none.
    pub baseline_fiscal_year_last: Option<i32>,
    /// Target figure (目標値) as a number; null when no figure could be read (e.g. a qualitative target).
    pub target_value: Option<f64>,
    /// Unit of the target figure as printed; null when none.
    pub target_unit: Option<String>,
    /// Qualifier printed with the target figure (such as 約, 以上, 以下, 程度); null when none.
    pub target_qualifier: Option<String>,
    /// Gregorian start year of the fiscal year (年度) by which the target is to be met, e.g. (R10) → 2028; the first year of a range; null when no year is printed.
    pub target_fiscal_year: Option<i32>,
    /// Gregorian start year of the last fiscal year when the target refers to a range of years; null for a single year or none.
    pub target_fiscal_year_last: Option<i32>,
    /// The target's unit, else the baseline's.
    pub unit: Option<String>,
    /// Remark printed with the KPI that is not part of the figures (e.g. a ※ note or a parenthesis); null when none.
    pub note: Option<String>,
    /// Why nothing could be read, when neither baseline nor target was found.
    pub unparsed: Option<String>,
    /// The KPI's text exactly as printed in the source (spacing, full-width characters and typos kept).
    pub raw: String,
}

/// One progress bullet with its ministries and dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressRow {
    /// Identifier of the edition the row comes from (the root `edition`, e.g. 2025-06); with `sheet`, `row` and `col` it traces the figure back to its source cell.
    pub edition: String,
    /// Number of the sheet the figure comes from (工程表① = 1); with `row` and `col` it locates the source cell in that sheet's `cells` (traceability).
    pub sheet: u32,
    /// 0-based body row of the source cell's top edge (the cell's `row` in `sheets[].cells`); where the figure comes from (traceability).
    pub row: usize,
    /// 0-based column of the source cell's left edge (the cell's `col` in `sheets[].cells`); where the figure comes from (traceability).
    pub col: usize,
    /// Identifier of the measure (施策) the source cell belongs to (see `$defs/measure_id`); joins this table to the measures table together with `edition` and `sheet`. Empty string when the cell lies above the first measure of its sheet.
    pub measure_id: String,
    /// Title (normalized text) of the measure the source cell belongs to; empty string when that measure has no title or the cell belongs to none.
    pub measure: String,
    /// 0-based index of the item (bullet or paragraph) within the source cell's `items` that the row was read from.
    pub item: usize,
    /// 1-based page of the PDF the source item (the cell item the row was read from) is on; null for text dumps (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the source item (the cell item the row was read from) on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the source item (the cell item the row was read from), in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the source item (the cell item the row was read from) starts on; null for PDFs (empty in CSV).
    pub line: Option<usize>,
    /// Ministry tags as printed (厚, 経 …), `;`-separated.
    pub ministries: String,
    /// Their codes (MHLW, METI …), `;`-separated; unknown tags are left out.
    pub ministry_codes: String,
    /// First day of every date mentioned, ISO, `;`-separated (details in the dates table).
    pub dates: String,
    /// The item's text, normalized (see `$defs/text`).
    pub text: String,
    /// The item's text exactly as printed in the source (spacing, full-width characters and typos kept).
    pub raw: String,
}

/// One date or period mentioned in a progress item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRow {
    /// Identifier of the edition the row comes from (the root `edition`, e.g. 2025-06); with `sheet`, `row` and `col` it traces the figure back to its source cell.
    pub edition: String,
    /// Number of the sheet the figure comes from (工程表① = 1); with `row` and `col` it locates the source cell in that sheet's `cells` (traceability).
    pub sheet: u32,
    /// 0-based body row of the source cell's top edge (the cell's `row` in `sheets[].cells`); where the figure comes from (traceability).
    pub row: usize,
    /// 0-based column of the source cell's left edge (the cell's `col` in `sheets[].cells`); where the figure comes from (traceability).
    pub col: usize,
    /// Identifier of the measure (施策) the source cell belongs to (see `$defs/measure_id`); joins this table to the measures table together with `edition` and `sheet`. Empty string when the cell lies above the first measure of its sheet.
    pub measure_id: String,
    /// 0-based index of the item (bullet or paragraph) within the source cell's `items` that the row was read from.
    pub item: usize,
    /// 1-based page of the PDF the source item (the cell item the row was read from) is on; null for text dumps (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the source item (the cell item the row was read from) on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the source item (the cell item the row was read from), in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the source item (the cell item the row was read from) starts on; null for PDFs (empty in CSV).
    pub line: Option<usize>,
    /// How precise the printed date is: `day` (year, month and day), `month` (a year and month), `year` (a calendar year), `fiscal_year` (a fiscal year 年度, April to March), `fiscal_year_end` (the end of a fiscal year, 年度末), `season` (a part of a year such as 夏, 秋 or 年末). `date_start` and `date_end` span the whole of it.
    pub precision: crate::enrich::dates::Precision,
    /// First day of the date or period, YYYY-MM-DD (a month gives its first day, a fiscal year 1 April).
    pub date_start: String,
    /// Last day of the date or period, YYYY-MM-DD, inclusive (a month gives its last day, a fiscal year 31 March of the next year); equal to `date_start` for a single day.
    pub date_end: String,
    /// The date expression (e.g. 令和7年3月) exactly as printed in the source (spacing, full-width characters and typos kept).
    pub raw: String,
}

/// One program (該当事業).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramRow {
    /// Identifier of the edition the row comes from (the root `edition`, e.g. 2025-06); with `sheet`, `row` and `col` it traces the figure back to its source cell.
    pub edition: String,
    /// Number of the sheet the figure comes from (工程表① = 1); with `row` and `col` it locates the source cell in that sheet's `cells` (traceability).
    pub sheet: u32,
    /// 0-based body row of the source cell's top edge (the cell's `row` in `sheets[].cells`); where the figure comes from (traceability).
    pub row: usize,
    /// 0-based column of the source cell's left edge (the cell's `col` in `sheets[].cells`); where the figure comes from (traceability).
    pub col: usize,
    /// Identifier of the measure (施策) the source cell belongs to (see `$defs/measure_id`); joins this table to the measures table together with `edition` and `sheet`. Empty string when the cell lies above the first measure of its sheet.
    pub measure_id: String,
    /// Title (normalized text) of the measure the source cell belongs to; empty string when that measure has no title or the cell belongs to none.
    pub measure: String,
    /// 0-based index of the item (bullet or paragraph) within the source cell's `items` that the row was read from.
    pub item: usize,
    /// 1-based page of the PDF the source item (the cell item the row was read from) is on; null for text dumps (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the source item (the cell item the row was read from) on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the source item (the cell item the row was read from), in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the source item (the cell item the row was read from) starts on; null for PDFs (empty in CSV).
    pub line: Option<usize>,
    /// 0-based index of the program within its item; with `edition`, `sheet`, `row`, `col` and `item` it is the key the budgets table joins on.
    pub program_index: usize,
    /// Name of the program (事業) as printed, without its ministry tags and budget figures.
    pub program_name: String,
    /// Ministry tags as printed in 【…】 (厚, 経 …), `;`-separated in printed order; empty string when none.
    pub ministries: String,
    /// Codes of those ministries (MHLW, METI …), `;`-separated; tags not in kouteihyo's ministry table are left out (and raise an `unknown-ministry-tag` warning). Empty string when none is known.
    pub ministry_codes: String,
    /// Remark printed with the program that is neither its name nor a budget figure; null when none.
    pub note: Option<String>,
    /// Number of budget figures of the program (its rows in the budgets table).
    pub budgets: usize,
    /// The program's text exactly as printed in the source (spacing, full-width characters and typos kept).
    pub raw: String,
}

/// One budget figure of a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    /// Identifier of the edition the row comes from (the root `edition`, e.g. 2025-06); with `sheet`, `row` and `col` it traces the figure back to its source cell.
    pub edition: String,
    /// Number of the sheet the figure comes from (工程表① = 1); with `row` and `col` it locates the source cell in that sheet's `cells` (traceability).
    pub sheet: u32,
    /// 0-based body row of the source cell's top edge (the cell's `row` in `sheets[].cells`); where the figure comes from (traceability).
    pub row: usize,
    /// 0-based column of the source cell's left edge (the cell's `col` in `sheets[].cells`); where the figure comes from (traceability).
    pub col: usize,
    /// Identifier of the measure (施策) the source cell belongs to (see `$defs/measure_id`); joins this table to the measures table together with `edition` and `sheet`. Empty string when the cell lies above the first measure of its sheet.
    pub measure_id: String,
    /// Title (normalized text) of the measure the source cell belongs to; empty string when that measure has no title or the cell belongs to none.
    pub measure: String,
    /// 0-based index of the item (bullet or paragraph) within the source cell's `items` that the row was read from.
    pub item: usize,
    /// 1-based page of the PDF the source item (the cell item the row was read from) is on; null for text dumps (empty in CSV).
    pub page: Option<u32>,
    /// Left edge of the box of the source item (the cell item the row was read from) on its page, in PDF points from the page's left edge (the x0 of the bbox `[x0, top, x1, bottom]`, origin top left, pdfplumber's convention); null when not known (text dumps).
    pub bbox_x0: Option<f64>,
    /// Top edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge (origin top left, so bbox_top ≤ bbox_bottom); null when not known.
    pub bbox_top: Option<f64>,
    /// Right edge of the box of the source item (the cell item the row was read from), in PDF points from the page's left edge; null when not known.
    pub bbox_x1: Option<f64>,
    /// Bottom edge of the box of the source item (the cell item the row was read from), in PDF points from the page's top edge; null when not known.
    pub bbox_bottom: Option<f64>,
    /// 1-based line of the text dump the source item (the cell item the row was read from) starts on; null for PDFs (empty in CSV).
    pub line: Option<usize>,
    /// 0-based index of the program within its item (its `program_index` in the programs table; with `edition`, `sheet`, `row`, `col` and `item` it names the program).
    pub program_index: usize,
    /// Name of the program the figure belongs to (its `program_name` in the programs table).
    pub program_name: String,
    /// Ministry tags of that program as printed (厚, 経 …), `;`-separated; empty string when none.
    pub ministries: String,
    /// Gregorian start year of the 年度 (令和7年度 → 2025).
    pub fiscal_year: Option<i32>,
    /// initial (当初), supplementary (補正), fund (基金) or other.
    pub kind: crate::enrich::programs::BudgetKind,
    /// Integer yen (9.3億円 → 930000000).
    pub amount_jpy: Option<i64>,
    /// The figure is a share (内数) of a larger budget line.
    pub part_of: bool,
    /// The budget figure's text exactly as printed in the source (spacing, full-width characters and typos kept).
    pub raw: String,
}

/// The tidy tables of an edition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tables {
    /// One row per measure (施策) of every sheet, in sheet order, with counts of its rows in the other tables.
    pub measures: Vec<MeasureRow>,
    /// One row per item of every schedule entry (cells in phase columns), with the period the entry covers.
    pub schedule: Vec<ScheduleRow>,
    /// One row per KPI (成果指標) read from KPI cells, with baseline and target split into value, unit and fiscal year; a cell or item may hold several KPIs.
    pub kpis: Vec<KpiRow>,
    /// One row per progress item (進捗状況 bullet), with the ministries and dates it mentions.
    pub progress: Vec<ProgressRow>,
    /// One row per date or period mentioned in a progress item, as a day range with its precision.
    pub dates: Vec<DateRow>,
    /// One row per program (該当事業) read from programs cells, with its ministries and the number of budget figures.
    pub programs: Vec<ProgramRow>,
    /// One row per budget figure of a program (e.g. 令和7年度当初予算 9.3億円), in integer yen.
    pub budgets: Vec<BudgetRow>,
}

impl Tables {
    /// Moves the rows of `other` to the end of these tables, table by table.
    pub fn append(&mut self, mut other: Tables) {
        self.measures.append(&mut other.measures);
        self.schedule.append(&mut other.schedule);
        self.kpis.append(&mut other.kpis);
        self.progress.append(&mut other.progress);
        self.dates.append(&mut other.dates);
        self.programs.append(&mut other.programs);
        self.budgets.append(&mut other.budgets);
    }
}

/// Name of the table of item records (one row per cell item, `crate::records`), written
/// beside the tidy tables: `<edition>.items.csv` next to `<edition>.kpis.csv`.
pub const ITEMS: &str = "items";

/// Names of the tidy tables, in output order (`<edition>.<name>.csv`).
pub const TABLES: &[&str] = &[
    "measures", "schedule", "kpis", "progress", "dates", "programs", "budgets",
];
