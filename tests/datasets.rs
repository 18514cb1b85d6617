//! Datasets across editions: the SQLite file of `db` (the README's own queries, answered
//! against an independent reading), lineage through a reworded title, idempotent and atomic
//! writes, and the tidy tables as files that load with one glob per table.

mod common;

use common::{run, stderr};
use regex::Regex;
use rusqlite::Connection;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The tables `extract` writes for every edition, items first.
const TABLES: &[&str] = &[
    "items", "measures", "schedule", "kpis", "progress", "dates", "programs", "budgets",
];

/// Every example query of the README, by the name on its `-- query:` line.
fn readme_queries() -> BTreeMap<String, String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let block = Regex::new(r"(?s)```sql\n-- query: ([a-z-]+)\n(.*?)```").unwrap();
    let q: BTreeMap<String, String> = block
        .captures_iter(&readme)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert!(q.len() >= 4, "the README gives its example queries: {q:?}");
    q
}

/// Runs a query; every value as text ("" for NULL), columns by name.
fn query(conn: &Connection, sql: &str, params: &[(&str, &str)]) -> Vec<BTreeMap<String, String>> {
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}\n{sql}"));
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let params: Vec<(&str, &dyn rusqlite::ToSql)> = params
        .iter()
        .map(|(k, v)| (*k, v as &dyn rusqlite::ToSql))
        .collect();
    let rows = stmt
        .query_map(params.as_slice(), |r| {
            let mut m = BTreeMap::new();
            for (i, n) in names.iter().enumerate() {
                use rusqlite::types::ValueRef;
                let v = match r.get_ref(i)? {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(i) => i.to_string(),
                    ValueRef::Real(f) => f.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(_) => "<blob>".into(),
                };
                m.insert(n.clone(), v);
            }
            Ok(m)
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn db(dir: &Path, inputs: &[PathBuf], file: &str) -> std::process::Output {
    let mut args = vec!["db".to_string()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap().to_string()));
    args.extend(["-o".to_string(), file.to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args, dir)
}

fn dumps() -> Vec<PathBuf> {
    common::editions()
        .iter()
        .map(|e| common::dump_path(e))
        .collect()
}

/// Yen of an amount in 億円 ("9.3" → 930000000), from its digits.
fn oku_to_yen(amount: &str) -> i64 {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    format!("{int}{frac:0<8}").parse().unwrap()
}

/// The budget figures of the hand-checked reading of 2025-06 (`fixtures/gold`): every
/// 令和N年度当初/補正予算X億円 printed in a programs cell, as (sheet, fiscal year, kind, yen).
fn gold_budgets() -> Vec<(u32, i64, String, i64)> {
    let gold = common::gold::gold_json();
    let figure = Regex::new(r"令和(\d+)年度(当初|補正)予算([\d.]+)億円").unwrap();
    let mut out = Vec::new();
    for s in gold["sheets"].as_array().unwrap() {
        let roles = s["column_roles"].as_array().unwrap();
        for c in s["cells"].as_array().unwrap() {
            if roles[c["c"].as_u64().unwrap() as usize] != "programs" {
                continue;
            }
            for it in c["items"].as_array().unwrap() {
                for m in figure.captures_iter(it.as_str().unwrap()) {
                    let kind = if &m[2] == "当初" {
                        "initial"
                    } else {
                        "supplementary"
                    };
                    out.push((
                        s["sheet"].as_u64().unwrap() as u32,
                        2018 + m[1].parse::<i64>().unwrap(),
                        kind.to_string(),
                        oku_to_yen(&m[3]),
                    ));
                }
            }
        }
    }
    out.sort();
    out
}

/// The README's queries on the database of the fixture editions (2025-06 from its dump, and
/// again from its PDF), compared with readings made without the database.
#[test]
fn readme_queries_answer_from_the_fixture_editions() {
    let queries = readme_queries();
    let gold = gold_budgets();
    assert_eq!(
        gold.len(),
        34,
        "the 2025-06 reading prints 34 budget figures"
    );
    let mut pdf_inputs = dumps();
    pdf_inputs.retain(|p| !p.to_string_lossy().contains("2025-06"));
    pdf_inputs.push(common::pdf_path("2025-06"));
    for (source, inputs) in [("dumps", dumps()), ("2025-06 PDF", pdf_inputs)] {
        let dir = tempfile::tempdir().unwrap();
        let o = db(dir.path(), &inputs, "roadmap.sqlite");
        assert!(o.status.success(), "{source}: {}", stderr(&o));
        let conn = Connection::open(dir.path().join("roadmap.sqlite")).unwrap();
        let check = query(&conn, "PRAGMA foreign_key_check", &[]);
        assert!(check.is_empty(), "{source}: foreign keys hold: {check:?}");
        let meta = query(
            &conn,
            "SELECT value FROM meta WHERE key = 'schema_version'",
            &[],
        );
        assert_eq!(meta.len(), 1, "{source}: meta names the layout version");

        // A program's budget across editions: every program, then 2025-06 only.
        let all = query(
            &conn,
            &queries["program-budget-across-editions"],
            &[(":program", "%")],
        );
        let mut ours: Vec<(u32, i64, String, i64)> = all
            .iter()
            .filter(|r| r["edition"] == "2025-06" && r["kind"] != "fund")
            .map(|r| {
                (
                    r["sheet"].parse().unwrap(),
                    r["fiscal_year"].parse().unwrap(),
                    r["kind"].clone(),
                    r["amount_jpy"].parse().unwrap(),
                )
            })
            .collect();
        ours.sort();
        assert_eq!(
            ours, gold,
            "{source}: the 2025-06 budgets are the reading's"
        );
        // One program followed across the three editions, in as-of order.
        let one = query(
            &conn,
            &queries["program-budget-across-editions"],
            &[(":program", "%創薬基盤強化支援事業%")],
        );
        let editions: Vec<&str> = one.iter().map(|r| r["edition"].as_str()).collect();
        let mut sorted = editions.clone();
        sorted.sort();
        assert_eq!(editions, sorted, "{source}: in as-of order");
        assert!(
            one.iter()
                .any(|r| r["edition"] == "2025-06" && r["amount_jpy"] == "930000000"),
            "{source}: {one:?}"
        );
        let lineages: BTreeSet<&str> = one.iter().map(|r| r["lineage_id"].as_str()).collect();
        assert_eq!(
            lineages.len(),
            1,
            "{source}: one measure throughout: {one:?}"
        );

        // KPIs whose target changed: each row really differs, and the KPI of the training
        // program whose target went from 15 to 20 facilities (2024-12 → 2025-06) is among them.
        let changed = query(&conn, &queries["kpi-target-changed"], &[]);
        for r in &changed {
            assert!(
                r["target_before"] != r["target_after"]
                    || r["unit_before"] != r["unit_after"]
                    || r["year_before"] != r["year_after"],
                "{source}: {r:?}"
            );
            assert_eq!(
                query(
                    &conn,
                    "SELECT previous_edition FROM editions WHERE edition = ?1",
                    &[("?1", r["edition_after"].as_str())]
                )[0]["previous_edition"],
                r["edition_before"]
            );
        }
        assert!(
            changed.iter().any(|r| r["edition_after"] == "2025-06"
                && r["indicator"].contains("研修プログラム受講者の勤務施設数")
                && r["target_before"] == "15"
                && r["target_after"] == "20"),
            "{source}: {changed:#?}"
        );

        // Measures added or dropped: the same measures the diff of each pair names as added
        // or removed (a diff made from the inputs, not from the database).
        let rows = query(&conn, &queries["measures-added-or-dropped"], &[]);
        let ours: BTreeSet<(String, String, String)> = rows
            .iter()
            .map(|r| {
                (
                    r["edition"].clone(),
                    r["change"].clone(),
                    r["title"].clone(),
                )
            })
            .collect();
        let mut eds: Vec<_> = inputs
            .iter()
            .map(|p| kouteihyo::input::convert_file(p).unwrap())
            .collect();
        eds.sort_by(|a, b| a.as_of.cmp(&b.as_of));
        let mut theirs = BTreeSet::new();
        for w in eds.windows(2) {
            let d = kouteihyo::diff::diff(&w[0], &w[1]);
            for c in d
                .changes
                .iter()
                .filter(|c| c.role == Some(kouteihyo::roles::Role::Measure))
            {
                let kind = serde_json::to_value(c.kind).unwrap();
                let (change, title) = match kind.as_str() {
                    Some("added") => ("added", c.after.clone()),
                    Some("removed") => ("dropped", c.before.clone()),
                    _ => continue,
                };
                theirs.insert((w[1].edition.clone(), change.to_string(), title.unwrap()));
            }
        }
        assert_eq!(
            ours.iter().map(|t| (&t.0, &t.1)).collect::<BTreeSet<_>>(),
            theirs.iter().map(|t| (&t.0, &t.1)).collect::<BTreeSet<_>>(),
            "{source}: added/dropped per edition as the diff says\nours {ours:#?}\ntheirs {theirs:#?}"
        );
        assert_eq!(
            rows.len(),
            theirs.len(),
            "{source}: {ours:#?} vs {theirs:#?}"
        );

        // No title is reworded between the fixture editions.
        assert!(query(&conn, &queries["measures-reworded"], &[]).is_empty());
    }
}

/// The lineage fixture rewords one measure title of 2025-12: the measure gets a new
/// `measure_id` and keeps its `lineage_id`, in the database, in every table, and in the diff.
#[test]
fn a_reworded_title_keeps_its_lineage() {
    let queries = readme_queries();
    let dir = tempfile::tempdir().unwrap();
    let reworded = common::root().join("fixtures/lineage/2025-12-reworded.txt");
    let inputs = vec![
        common::dump_path("2024-12"),
        common::dump_path("2025-06"),
        reworded.clone(),
    ];
    let o = db(dir.path(), &inputs, "r.sqlite");
    assert!(o.status.success(), "{}", stderr(&o));
    let conn = Connection::open(dir.path().join("r.sqlite")).unwrap();
    let old_title = "国際共同治験・臨床試験の推進";
    let new_title = "国際共同治験・臨床試験の一層の推進";
    let before = query(
        &conn,
        "SELECT measure_id, lineage_id, sheet FROM measures WHERE edition = '2025-06' AND title = ?1",
        &[("?1", old_title)],
    );
    let after = query(
        &conn,
        "SELECT measure_id, lineage_id, sheet FROM measures WHERE edition = '2025-12' AND title = ?1",
        &[("?1", new_title)],
    );
    assert_eq!((before.len(), after.len()), (1, 1), "{before:?} {after:?}");
    let (b, a) = (&before[0], &after[0]);
    assert_ne!(
        b["measure_id"], a["measure_id"],
        "a new title is a new measure_id"
    );
    assert_eq!(
        b["lineage_id"], a["lineage_id"],
        "the lineage survives the rewording"
    );
    // Every row of that measure in every table carries the lineage.
    for t in TABLES.iter().filter(|t| **t != "measures") {
        let rows = query(
            &conn,
            &format!(
                "SELECT DISTINCT lineage_id FROM {t} WHERE edition = '2025-12' AND measure_id = ?1"
            ),
            &[("?1", a["measure_id"].as_str())],
        );
        assert!(
            rows.iter().all(|r| r["lineage_id"] == a["lineage_id"]),
            "{t}: {rows:?}"
        );
    }
    // The lineage table records the title change with both titles and both editions.
    let reworded_rows = query(&conn, &queries["measures-reworded"], &[]);
    assert_eq!(reworded_rows.len(), 1, "{reworded_rows:#?}");
    let r = &reworded_rows[0];
    assert_eq!(
        (
            r["previous_edition"].as_str(),
            r["edition"].as_str(),
            r["previous_title"].as_str(),
            r["title"].as_str(),
            r["lineage_id"].as_str()
        ),
        (
            "2025-06",
            "2025-12",
            old_title,
            new_title,
            b["lineage_id"].as_str()
        )
    );
    // Neither added nor dropped.
    let moved = query(&conn, &queries["measures-added-or-dropped"], &[]);
    assert!(
        !moved
            .iter()
            .any(|m| m["edition"] == "2025-12" && m["lineage_id"] == a["lineage_id"]),
        "{moved:#?}"
    );
    // The diff JSON names both ids of the reworded measure.
    let out = run(
        &[
            "diff",
            common::dump_path("2025-06").to_str().unwrap(),
            reworded.to_str().unwrap(),
            "-f",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    let named: Vec<&Value> = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["measure_id"] == a["measure_id"].as_str())
        .collect();
    assert!(!named.is_empty());
    assert!(named
        .iter()
        .all(|c| c["lineage_id"] == b["lineage_id"].as_str()));
}

/// Adding editions in another order, or again, gives the same database content.
#[test]
fn re_adding_changes_nothing_and_order_does_not_matter() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dumps();
    assert!(db(dir.path(), &inputs, "a.sqlite").status.success());
    let path = dir.path().join("a.sqlite");
    let bytes = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let o = db(dir.path(), &inputs, "a.sqlite");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("same"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "byte for byte");
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    // One edition at a time, newest first: the same rows, the same lineage.
    for p in inputs.iter().rev() {
        let o = db(dir.path(), std::slice::from_ref(p), "b.sqlite");
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let a = Connection::open(&path).unwrap();
    let b = Connection::open(dir.path().join("b.sqlite")).unwrap();
    for t in TABLES
        .iter()
        .chain(&["editions", "sheets", "lineage", "warnings"])
    {
        let sql = format!("SELECT * FROM {t} ORDER BY 1, 2, 3, 4, 5");
        let sql = if *t == "editions" {
            "SELECT * FROM editions ORDER BY edition".to_string()
        } else if *t == "warnings" || *t == "sheets" {
            format!("SELECT * FROM {t} ORDER BY 1, 2")
        } else {
            sql
        };
        assert_eq!(query(&a, &sql, &[]), query(&b, &sql, &[]), "{t}");
    }
}

/// A write killed after its transaction and before the rename, and a batch with a bad
/// input, leave the old file as it was.
#[test]
fn a_killed_write_leaves_the_old_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite");
    assert!(db(dir.path(), &[common::dump_path("2024-12")], "k.sqlite")
        .status
        .success());
    let old = std::fs::read(&path).unwrap();
    let killed = std::process::Command::new(env!("CARGO_BIN_EXE_kouteihyo"))
        .args([
            "db",
            common::dump_path("2025-06").to_str().unwrap(),
            "-o",
            "k.sqlite",
        ])
        .env(kouteihyo::db::ABORT_BEFORE_RENAME, "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!killed.status.success(), "the write was killed");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        old,
        "the old file is untouched"
    );
    let conn = Connection::open(&path).unwrap();
    assert_eq!(
        query(&conn, "PRAGMA integrity_check", &[])[0]["integrity_check"],
        "ok"
    );
    assert_eq!(query(&conn, "SELECT edition FROM editions", &[]).len(), 1);
    drop(conn);

    // A bad input among good ones: an error naming it, and nothing written.
    let bad = dir.path().join("broken.pdf");
    std::fs::write(&bad, b"%PDF-1.7\nnot a pdf at all").unwrap();
    let o = db(dir.path(), &[common::dump_path("2025-06"), bad], "k.sqlite");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.pdf"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).unwrap(), old);

    // The same edition added for real afterwards.
    assert!(db(dir.path(), &[common::dump_path("2025-06")], "k.sqlite")
        .status
        .success());
    let conn = Connection::open(&path).unwrap();
    assert_eq!(query(&conn, "SELECT edition FROM editions", &[]).len(), 2);
}

/// What a CSV value reads as, the way csv loaders infer a column's type.
fn kind_of(v: &str) -> Option<&'static str> {
    if v.is_empty() {
        None
    } else if v == "true" || v == "false" {
        Some("boolean")
    } else if v.parse::<i64>().is_ok() {
        Some("integer")
    } else if v.parse::<f64>().is_ok() {
        Some("number")
    } else {
        Some("text")
    }
}

/// Words PostgreSQL and DuckDB reserve (they cannot name a column unquoted); SQLite is
/// checked by running a query over every column name.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_time",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "natural",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "similar",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
];

/// Every fixture edition (dump and PDF) as CSV: one glob per table takes exactly that
/// table's files, with one header, and each column has one type across every file and
/// every table it stands in.
#[test]
fn csv_tables_load_with_one_glob_each() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        &[
            "extract",
            common::root().join("fixtures/editions").to_str().unwrap(),
            common::root().join("fixtures/lineage").to_str().unwrap(),
            "-o",
            "out",
            "-f",
            "csv",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let files: Vec<PathBuf> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let inputs = 2 * common::editions().len() + 1;
    assert_eq!(files.len(), inputs * TABLES.len(), "{files:?}");
    // The type of each column name, over all tables.
    let mut types: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let snake = Regex::new("^[a-z][a-z0-9_]*$").unwrap();
    for table in TABLES {
        // The glob `*.<table>.csv`.
        let suffix = format!(".{table}.csv");
        let matched: Vec<&PathBuf> = files
            .iter()
            .filter(|p| p.file_name().unwrap().to_str().unwrap().ends_with(&suffix))
            .collect();
        assert_eq!(matched.len(), inputs, "{table}: one file per input");
        let mut header: Option<csv::StringRecord> = None;
        for f in matched {
            let mut r = csv::Reader::from_path(f).unwrap();
            let h = r.headers().unwrap().clone();
            match &header {
                None => header = Some(h.clone()),
                Some(first) => assert_eq!(first, &h, "{}: the same header", f.display()),
            }
            assert_eq!(
                h.iter().collect::<Vec<_>>(),
                kouteihyo::output::header_of(table),
                "{table}: the documented columns"
            );
            for rec in r.records() {
                let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                assert_eq!(rec.len(), h.len());
                for (name, v) in h.iter().zip(rec.iter()) {
                    if let Some(k) = kind_of(v) {
                        types.entry(name.to_string()).or_default().insert(k);
                    }
                }
            }
        }
        for name in header.unwrap().iter() {
            assert!(snake.is_match(name), "{table}.{name} is snake_case");
            assert!(
                !RESERVED.contains(&name),
                "{table}.{name} is an SQL keyword"
            );
        }
        // SQLite takes every name unquoted, in a table and in a query.
        let names = kouteihyo::output::header_of(table);
        let conn = Connection::open_in_memory().unwrap();
        let cols = names.join(", ");
        conn.execute_batch(&format!(
            "CREATE TABLE t ({cols}); SELECT {cols} FROM t WHERE {} IS NULL ORDER BY {cols};",
            names[0]
        ))
        .unwrap_or_else(|e| panic!("{table}: {e}"));
    }
    for (name, kinds) in &types {
        // Integers are numbers too: a column of coordinates may have whole values only.
        let mut kinds = kinds.clone();
        if kinds.contains("number") {
            kinds.remove("integer");
        }
        assert_eq!(kinds.len(), 1, "column {name} has one type: {kinds:?}");
    }
    for (name, kind) in [("program_index", "integer"), ("program_name", "text")] {
        assert_eq!(types[name], BTreeSet::from([kind]), "{name}");
    }
    // Edition ids stay text that no spreadsheet takes for a date: quoted nowhere, but named
    // in a column that every file has.
    assert!(types["edition"].contains("text"));
}

/// `-o -`: JSON lines carry every table, each line naming its table; CSV and xlsx are
/// refused with a reason instead of dropping tables.
#[test]
fn stdout_streams_every_table_or_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::dump_path("2025-06");
    let o = run(
        &["extract", input.to_str().unwrap(), "-o", "-", "-f", "jsonl"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        *per.entry(v["table"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    // As many lines per table as the files of `-o out` hold rows.
    let o2 = run(
        &[
            "extract",
            input.to_str().unwrap(),
            "-o",
            "out",
            "-f",
            "jsonl",
        ],
        dir.path(),
    );
    assert!(o2.status.success());
    for t in TABLES {
        let text =
            std::fs::read_to_string(dir.path().join(format!("out/2025-06.{t}.jsonl"))).unwrap();
        assert_eq!(
            per.get(*t).copied().unwrap_or(0),
            text.lines().count(),
            "{t}"
        );
        assert!(per[*t] > 0, "{t}");
    }
    for f in ["csv", "xlsx"] {
        let o = run(
            &["extract", input.to_str().unwrap(), "-o", "-", "-f", f],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2), "{f}");
        assert!(o.stdout.is_empty(), "{f}: nothing on standard output");
        assert!(stderr(&o).contains("`-o -`"), "{f}: {}", stderr(&o));
    }
}

/// `--format xlsx`: one workbook, a worksheet per table with a frozen header row; numbers
/// are numbers, dates are dates, edition ids are text.
#[test]
fn xlsx_workbook_has_typed_cells_and_frozen_headers() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let input = common::dump_path("2025-06");
    let o = run(
        &[
            "extract",
            input.to_str().unwrap(),
            "-o",
            "out",
            "-f",
            "xlsx",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let file = std::fs::File::open(dir.path().join("out/2025-06.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    let styles = read("xl/styles.xml");
    let shared = read("xl/sharedStrings.xml");
    let doc = roxmltree::Document::parse(&workbook).unwrap();
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(names, TABLES);
    let strings: Vec<String> = roxmltree::Document::parse(&shared)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("si"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect()
        })
        .collect();
    // Cell styles (index → number format id) and the custom formats.
    let st = roxmltree::Document::parse(&styles).unwrap();
    let formats: BTreeMap<String, String> = st
        .descendants()
        .filter(|n| n.has_tag_name("numFmt"))
        .map(|n| {
            (
                n.attribute("numFmtId").unwrap().to_string(),
                n.attribute("formatCode").unwrap().to_string(),
            )
        })
        .collect();
    let xfs: Vec<String> = st
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .map(|n| n.attribute("numFmtId").unwrap_or("0").to_string())
        .collect();
    for (i, table) in TABLES.iter().enumerate() {
        let xml = read(&format!("xl/worksheets/sheet{}.xml", i + 1));
        let sheet = roxmltree::Document::parse(&xml).unwrap();
        let pane = sheet.descendants().find(|n| n.has_tag_name("pane"));
        assert_eq!(
            pane.and_then(|p| p.attribute("state")),
            Some("frozen"),
            "{table}: frozen header"
        );
        let rows: Vec<roxmltree::Node> = sheet
            .descendants()
            .filter(|n| n.has_tag_name("row"))
            .collect();
        let header: Vec<String> = rows[0]
            .children()
            .filter(|c| c.has_tag_name("c"))
            .map(|c| {
                strings[c
                    .descendants()
                    .find_map(|v| v.has_tag_name("v").then(|| v.text().unwrap()))
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()]
                .clone()
            })
            .collect();
        assert_eq!(header, kouteihyo::output::header_of(table), "{table}");
        let col = |name: &str| header.iter().position(|h| h == name);
        let body = &rows[1];
        let edition = cell(body, col("edition").unwrap()).unwrap();
        assert_eq!(
            edition.attribute("t"),
            Some("s"),
            "{table}: edition id as text"
        );
        let sheet_no = cell(body, col("sheet").unwrap()).unwrap();
        assert_eq!(
            sheet_no.attribute("t"),
            None,
            "{table}: sheet number as number"
        );
        if *table == "budgets" {
            let yen = rows[1..]
                .iter()
                .filter_map(|r| cell(r, col("amount_jpy").unwrap()))
                .find(|c| c.attribute("t").is_none())
                .expect("a number");
            let v: f64 = yen
                .descendants()
                .find_map(|v| v.has_tag_name("v").then(|| v.text().unwrap()))
                .unwrap()
                .parse()
                .unwrap();
            assert!(v >= 1_000_000.0, "yen, not 億: {v}");
        }
        if *table == "dates" {
            let d = cell(body, col("date_start").unwrap()).unwrap();
            assert_eq!(d.attribute("t"), None, "a date is a serial number");
            let xf: usize = d.attribute("s").unwrap().parse().unwrap();
            assert_eq!(
                formats.get(&xfs[xf]).map(String::as_str),
                Some("yyyy-mm-dd")
            );
        }
    }
}

/// The cell of `row` in 0-based column `c` (by its A1 reference).
fn cell<'a, 'i>(row: &roxmltree::Node<'a, 'i>, c: usize) -> Option<roxmltree::Node<'a, 'i>> {
    let mut letters = String::new();
    let mut n = c + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    let r = format!("{letters}{}", row.attribute("r")?);
    row.children()
        .find(|n| n.attribute("r") == Some(r.as_str()))
}

/// `validate` checks JSON lines against their row schemas and CSV headers against the
/// documented columns, and names what is wrong.
#[test]
fn validate_takes_jsonl_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::dump_path("2024-12");
    for f in ["jsonl", "csv"] {
        let o = run(
            &["extract", input.to_str().unwrap(), "-o", "out", "-f", f],
            dir.path(),
        );
        assert!(o.status.success());
    }
    let mut all: Vec<String> = Vec::new();
    for f in ["jsonl", "csv"] {
        for t in TABLES {
            all.push(format!("out/2024-12.{t}.{f}"));
        }
    }
    let args: Vec<&str> = std::iter::once("validate")
        .chain(all.iter().map(String::as_str))
        .collect();
    let o = run(&args, dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    // A line with a number where the schema wants text, and a CSV without its `raw` column.
    let lines = std::fs::read_to_string(dir.path().join("out/2024-12.budgets.jsonl")).unwrap();
    let bad = lines.replacen("\"edition\":\"2024-12\"", "\"edition\":2024", 1);
    std::fs::write(dir.path().join("bad.budgets.jsonl"), bad).unwrap();
    let csv = std::fs::read_to_string(dir.path().join("out/2024-12.budgets.csv")).unwrap();
    std::fs::write(
        dir.path().join("bad.budgets.csv"),
        csv.replacen(",raw\n", ",text\n", 1),
    )
    .unwrap();
    for f in ["bad.budgets.jsonl", "bad.budgets.csv"] {
        let o = run(&["validate", f], dir.path());
        assert_eq!(o.status.code(), Some(1), "{f}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("INVALID") && out.contains(f), "{f}: {out}");
    }
}
