//! The output types of the tidy tables (measures, schedule, KPIs, progress, dates, programs,
//! budgets): one row struct per table, as JSON, JSONL and CSV hold them. `enrich` fills them.

use serde::{Deserialize, Serialize};

/// One measure (施策) per row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureRow {
    pub edition: String,
    pub sheet: u32,
    pub measure_id: String,
    pub title: String,
    pub first_row: usize,
    pub last_row: usize,
    /// Marked 再掲 (re-listed) on this sheet, or its title also stands on another sheet.
    pub relisted: bool,
    /// Other sheets where a measure with the same id stands, `;`-separated.
    pub also_on_sheets: String,
    pub schedule_entries: usize,
    pub kpis: usize,
    pub progress_items: usize,
    pub programs: usize,
}

/// One schedule entry item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub edition: String,
    pub sheet: u32,
    pub row: usize,
    pub col: usize,
    pub col_span: usize,
    pub measure_id: String,
    pub measure: String,
    pub item: usize,
    pub from_phase: String,
    pub to_phase: String,
    pub period_from: String,
    pub period_to: String,
    pub text: String,
    pub raw: String,
}

/// One KPI (a cell may hold several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiRow {
    pub edition: String,
    pub sheet: u32,
    pub row: usize,
    pub col: usize,
    pub measure_id: String,
    pub measure: String,
    pub item: usize,
    pub kpi: usize,
    pub indicator: String,
    pub baseline_value: Option<f64>,
    pub baseline_unit: Option<String>,
    pub baseline_qualifier: Option<String>,
    pub baseline_fiscal_year: Option<i32>,
    pub baseline_fiscal_year_last: Option<i32>,
    pub target_value: Option<f64>,
    pub target_unit: Option<String>,
    pub target_qualifier: Option<String>,
    pub target_fiscal_year: Option<i32>,
    pub target_fiscal_year_last: Option<i32>,
    /// The target's unit, else the baseline's.
    pub unit: Option<String>,
    pub note: Option<String>,
    /// Why nothing could be read, when neither baseline nor target was found.
    pub unparsed: Option<String>,
    pub raw: String,
}

/// One progress bullet with its ministries and dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressRow {
    pub edition: String,
    pub sheet: u32,
    pub row: usize,
    pub col: usize,
    pub measure_id: String,
    pub measure: String,
    pub item: usize,
    /// Ministry tags as printed (厚, 経 …), `;`-separated.
    pub ministries: String,
    /// Their codes (MHLW, METI …), `;`-separated; unknown tags are left out.
    pub ministry_codes: String,
    /// First day of every date mentioned, ISO, `;`-separated (details in the dates table).
    pub dates: String,
    pub text: String,
    pub raw: String,
}

/// One date or period mentioned in a progress item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRow {
    pub edition: String,
    pub sheet: u32,
    pub row: usize,
    pub col: usize,
    pub measure_id: String,
    pub item: usize,
    pub precision: crate::enrich::dates::Precision,
    pub from: String,
    pub to: String,
    pub raw: String,
}

/// One program (該当事業).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramRow {
    pub edition: String,
    pub sheet: u32,
    pub row: usize,
    pub col: usize,
    pub measure_id: String,
    pub measure: String,
    pub item: usize,
    pub program: usize,
    pub name: String,
    pub ministries: String,
    pub ministry_codes: String,
    pub note: Option<String>,
    pub budgets: usize,
    pub raw: String,
}

/// One budget figure of a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub edition: String,
    pub sheet: u32,
    pub row: usize,
    pub col: usize,
    pub measure_id: String,
    pub measure: String,
    pub item: usize,
    pub program: String,
    pub ministry: String,
    /// Gregorian start year of the 年度 (令和7年度 → 2025).
    pub fiscal_year: Option<i32>,
    pub kind: crate::enrich::programs::BudgetKind,
    /// Integer yen (9.3億円 → 930000000).
    pub amount_jpy: Option<i64>,
    /// The figure is a share (内数) of a larger budget line.
    pub part_of: bool,
    pub raw: String,
}

/// The tidy tables of an edition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tables {
    pub measures: Vec<MeasureRow>,
    pub schedule: Vec<ScheduleRow>,
    pub kpis: Vec<KpiRow>,
    pub progress: Vec<ProgressRow>,
    pub dates: Vec<DateRow>,
    pub programs: Vec<ProgramRow>,
    pub budgets: Vec<BudgetRow>,
}

/// Names of the tables, in output order (`<edition>.<name>.csv`).
pub const TABLES: &[&str] = &[
    "measures", "schedule", "kpis", "progress", "dates", "programs", "budgets",
];
