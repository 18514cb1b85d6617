//! Enrichment on the real edition: budgets, KPIs, ministries, dates and the tidy tables.

mod common;

use kouteihyo::enrich::programs::BudgetKind;
use kouteihyo::output::{render_parts, Format};
use regex::Regex;

/// Yen of "9.3" 億 computed from the digits, independently of the crate.
fn oku_to_yen(amount: &str) -> i64 {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let mut digits = format!("{int}{frac}");
    for _ in 0..(8 - frac.len()) {
        digits.push('0');
    }
    digits.parse().unwrap()
}

#[test]
fn all_budget_figures_of_2025_06_programs() {
    let ed = common::convert_dump("2025-06");
    let figure = Regex::new(r"令和(\d+)年度(当初|補正)予算([\d.]+)億円").unwrap();
    // Every such figure printed in a programs cell, found independently of the parser.
    let mut printed = Vec::new();
    for s in &ed.sheets {
        for c in s
            .cells
            .iter()
            .filter(|c| s.columns[c.col].role == kouteihyo::roles::Role::Programs)
        {
            for it in &c.items {
                for m in figure.captures_iter(&it.raw) {
                    printed.push((
                        s.number,
                        c.row,
                        m[0].to_string(),
                        2018 + m[1].parse::<i32>().unwrap(),
                        m[2].to_string(),
                        oku_to_yen(&m[3]),
                    ));
                }
            }
        }
    }
    assert_eq!(
        printed.len(),
        34,
        "the 2025-06 programs print 34 budget figures"
    );
    let budgets = &ed.enriched.budgets;
    for (sheet, row, raw, year, kind, yen) in &printed {
        let b = budgets
            .iter()
            .find(|b| b.sheet == *sheet && b.row == *row && b.raw.contains(raw.as_str()))
            .unwrap_or_else(|| panic!("sheet {sheet} row {row}: no budget for {raw}"));
        assert_eq!(b.fiscal_year, Some(*year), "{raw}");
        assert_eq!(
            b.kind,
            if kind == "当初" {
                BudgetKind::Initial
            } else {
                BudgetKind::Supplementary
            },
            "{raw}"
        );
        assert_eq!(b.amount_jpy, Some(*yen), "{raw}");
        assert!(
            !b.program_name.is_empty() && !b.ministries.is_empty(),
            "{raw}: program and ministry named"
        );
    }
    let nine = budgets
        .iter()
        .find(|b| b.program_name.contains("創薬基盤強化支援事業"))
        .unwrap();
    assert_eq!(
        (nine.fiscal_year, nine.amount_jpy, nine.ministries.as_str()),
        (Some(2025), Some(930_000_000), "厚")
    );
}

#[test]
fn an_allocation_inside_a_sentence_is_not_a_program_budget() {
    let ed = common::convert_dump("2025-06");
    assert!(ed.sheets.iter().any(|s| s.cells.iter().any(|c| c
        .items
        .iter()
        .any(|i| i.raw.contains("当該施策に対し12.0億円")))));
    assert!(
        ed.enriched
            .budgets
            .iter()
            .all(|b| !b.raw.contains("12.0億円")),
        "{:?}",
        ed.enriched
            .budgets
            .iter()
            .filter(|b| b.raw.contains("12.0"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn every_kpi_parses_or_says_why() {
    for e in common::editions() {
        let ed = common::convert_dump(&e);
        assert!(
            ed.enriched.kpis.len() >= 20,
            "{e}: {} KPIs",
            ed.enriched.kpis.len()
        );
        for k in &ed.enriched.kpis {
            let parsed = k.target_value.is_some()
                || k.baseline_value.is_some()
                || k.target_fiscal_year.is_some();
            assert!(
                parsed || k.unparsed.as_ref().is_some_and(|r| !r.is_empty()),
                "{e}: KPI without a value or a reason: {}",
                k.raw
            );
        }
    }
    let ed = common::convert_dump("2025-06");
    let fih = ed
        .enriched
        .kpis
        .iter()
        .find(|k| k.indicator.contains("国内FIH試験実施件数"))
        .unwrap();
    assert_eq!(
        (
            fih.target_value,
            fih.target_fiscal_year,
            fih.baseline_value,
            fih.baseline_fiscal_year
        ),
        (Some(10.0), Some(2028), Some(0.0), Some(2023))
    );
    assert_eq!(fih.unit.as_deref(), Some("件"));
}

#[test]
fn progress_items_carry_ministries_and_dates() {
    let ed = common::convert_dump("2025-06");
    let p = &ed.enriched.progress;
    assert!(p
        .iter()
        .filter(|r| r.raw.contains("【厚】"))
        .all(|r| r.ministry_codes.split(';').any(|c| c == "MHLW")));
    let council = p
        .iter()
        .find(|r| r.raw.starts_with("令和7年6月26日に第1回"))
        .unwrap();
    assert!(
        council.dates.split(';').any(|d| d == "2025-06-26"),
        "{}",
        council.dates
    );
    assert!(ed
        .enriched
        .dates
        .iter()
        .any(|d| d.raw == "令和7年6月26日" && d.date_start == "2025-06-26"));
    assert!(
        !ed.warnings.iter().any(|w| w.code == "unknown-ministry-tag"),
        "all tags of the edition are known"
    );
}

#[test]
fn relisted_measures_are_flagged_and_linked() {
    let ed = common::convert_dump("2025-06");
    let m = &ed.enriched.measures;
    let relisted: Vec<(u32, &str)> = m
        .iter()
        .filter(|r| r.relisted)
        .map(|r| (r.sheet, r.title.as_str()))
        .collect();
    // ④: a 再掲 marker on the FIH schedule entry; ⑩: a (再掲) KPI.
    assert!(
        relisted
            .iter()
            .any(|(s, t)| *s == 4 && t.starts_with("CDMOに対する支援・連携強化")),
        "{relisted:?}"
    );
    assert!(
        relisted
            .iter()
            .any(|(s, t)| *s == 10 && t.starts_with("新規モダリティの実用化推進")),
        "{relisted:?}"
    );
    assert!(m.iter().filter(|r| !r.relisted).count() > 20);
    // The same measure on two sheets is linked both ways.
    let head = "\t2024年夏\t2024年末\tKPI (成果指標)\t進捗状況\t該当事業";
    let text = format!("各施策のスケジュール・工程表①\n{head}\n共通の施策\t検討\t\t\t\t\n各施策のスケジュール・工程表②\n{head}\n共通の施策\t検討\t\t\t\t\n別の施策\t実施\t\t\t\t\n※2025年6月末時点\n");
    let ed = kouteihyo::input::convert_bytes("t.txt", text.as_bytes()).unwrap();
    let rows: Vec<(u32, &str, bool, &str)> = ed
        .enriched
        .measures
        .iter()
        .map(|r| {
            (
                r.sheet,
                r.title.as_str(),
                r.relisted,
                r.also_on_sheets.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "共通の施策", true, "2"),
            (2, "共通の施策", true, "1"),
            (2, "別の施策", false, "")
        ]
    );
}

#[test]
fn csv_tables_have_their_columns_and_an_optional_bom() {
    let ed = common::convert_dump("2025-06");
    let parts = render_parts(&ed, Format::Csv, true).unwrap();
    let names: Vec<&str> = parts.iter().map(|p| p.suffix.as_str()).collect();
    assert_eq!(
        names,
        ["items", "measures", "schedule", "kpis", "progress", "dates", "programs", "budgets"]
    );
    for p in &parts {
        assert!(p.bytes.starts_with(b"\xEF\xBB\xBF"), "--excel adds a BOM");
    }
    let header = |suffix: &str| -> Vec<String> {
        let p = parts.iter().find(|p| p.suffix == suffix).unwrap();
        csv::Reader::from_reader(&p.bytes[3..])
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect()
    };
    for col in [
        "edition",
        "sheet",
        "measure",
        "program_index",
        "program_name",
        "ministries",
        "fiscal_year",
        "kind",
        "amount_jpy",
        "raw",
    ] {
        assert!(
            header("budgets").iter().any(|h| h == col),
            "budgets lacks {col}"
        );
    }
    for col in [
        "indicator",
        "baseline_value",
        "baseline_fiscal_year",
        "target_value",
        "target_fiscal_year",
        "unit",
        "raw",
    ] {
        assert!(header("kpis").iter().any(|h| h == col), "kpis lacks {col}");
    }
    let plain = render_parts(&ed, Format::Jsonl, false).unwrap();
    assert_eq!(plain.len(), 8);
    assert!(!plain[0].bytes.starts_with(b"\xEF\xBB\xBF"));
}
