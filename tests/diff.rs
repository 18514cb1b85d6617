//! Edition diffs: snapshot history of consecutive fixture editions and the rules of matching.

mod common;

use kouteihyo::diff::{diff, history_order, render_diff, Diff, DiffFormat, Kind};
use kouteihyo::edition::Edition;
use kouteihyo::input::convert_bytes;
use kouteihyo::records::records;
use kouteihyo::roles::Role;
use kouteihyo::text::normalize::comparison_key;
use regex::Regex;
use std::process::Command;

/// The fixture editions read by one front-end, ordered by as-of date, and the diff of each
/// consecutive pair (validated, and snapshot as `diff-<front-end>-<old>__<new>`).
fn history(front_end: &str, read: fn(&str) -> Edition) -> Vec<Diff> {
    let eds: Vec<_> = common::editions().iter().map(|e| read(e)).collect();
    let (order, skipped) = history_order(&eds);
    assert!(skipped.is_empty());
    let ids: Vec<&str> = order.iter().map(|&i| eds[i].edition.as_str()).collect();
    assert_eq!(
        ids,
        ["2024-12", "2025-06", "2025-12"],
        "ordered by as-of date"
    );
    let mut diffs = Vec::new();
    for pair in order.windows(2) {
        let (a, b) = (&eds[pair[0]], &eds[pair[1]]);
        let d = diff(a, b);
        render_diff(&d, DiffFormat::Json).expect("diff JSON validates");
        insta::assert_json_snapshot!(format!("diff-{front_end}-{}__{}", a.edition, b.edition), d);
        diffs.push(d);
    }
    diffs
}

/// What a change says, independent of the front-end's raw text: kind, place and the
/// comparison keys of before and after.
fn change_key(c: &kouteihyo::diff::Change) -> String {
    let key = |t: &Option<String>| t.as_deref().map(comparison_key).unwrap_or_default();
    format!(
        "{:?} sheet {:?} {:?} {:?} [{}] {} -> {}",
        c.kind,
        c.sheet,
        c.role,
        c.column,
        key(&c.measure),
        key(&c.before),
        key(&c.after)
    )
}

/// A cell of an edition: sheet, column label and measure (comparison key).
type CellId = (Option<u32>, Option<String>, String);

/// Cells whose items the two front-ends read differently in `edition` (the differences the
/// PDF cross-check reports, e.g. bullets the dump runs together).
fn disputed_cells(edition: &str) -> Vec<CellId> {
    let items = |ed: &Edition| {
        let mut m: std::collections::BTreeMap<CellId, Vec<String>> = Default::default();
        for r in records(ed) {
            m.entry((
                Some(r.sheet),
                Some(r.column_label.clone()),
                comparison_key(&r.measure),
            ))
            .or_default()
            .push(comparison_key(&r.text));
        }
        m
    };
    let (d, p) = (
        items(&common::convert_dump(edition)),
        items(&common::convert_pdf(edition)),
    );
    d.keys()
        .chain(p.keys())
        .filter(|k| d.get(*k) != p.get(*k))
        .cloned()
        .collect()
}

#[test]
fn history_of_the_fixture_editions() {
    let dump = history("dump", common::convert_dump);
    let pdf = history("pdf", common::convert_pdf);
    // Both front-ends report the same changes for every pair, except inside cells that the
    // two read differently in one of the editions (tests/pdf_crosscheck.rs keeps those under
    // 2 % of items; README lists why each differs).
    for (d, p) in dump.iter().zip(&pdf) {
        let mut disputed = disputed_cells(&d.old.edition);
        disputed.extend(disputed_cells(&d.new.edition));
        let outside = |c: &&kouteihyo::diff::Change| {
            let id = (
                c.sheet,
                c.column.clone(),
                c.measure.as_deref().map(comparison_key).unwrap_or_default(),
            );
            !disputed.contains(&id)
        };
        let a: Vec<String> = d.changes.iter().filter(outside).map(change_key).collect();
        let b: Vec<String> = p.changes.iter().filter(outside).map(change_key).collect();
        let only_dump: Vec<&String> = a.iter().filter(|k| !b.contains(k)).collect();
        let only_pdf: Vec<&String> = b.iter().filter(|k| !a.contains(k)).collect();
        for k in &only_dump {
            println!("only from the dump: {k}");
        }
        for k in &only_pdf {
            println!("only from the PDF: {k}");
        }
        println!(
            "{} → {}: {} changes from the dump, {} from the PDF; {} cells read differently set aside",
            d.old.edition,
            d.new.edition,
            d.changes.len(),
            p.changes.len(),
            disputed.len()
        );
        assert!(
            only_dump.is_empty() && only_pdf.is_empty(),
            "{} → {}: the dump and the PDF report different changes (listed above)",
            d.old.edition,
            d.new.edition
        );
        // The set-aside changes are few: the cells come from the cross-check's short list.
        assert!(
            d.changes.len() - a.len() <= disputed.len(),
            "more set-aside changes from the dump than cells read differently"
        );
    }
}

/// ASCII letters and digits outside markup written full-width, a few katakana words half-width,
/// and line breaks inside paragraphs: the same edition as far as the reader is concerned.
fn reformat(text: &str) -> String {
    let markup = Regex::new(r"<[^<>]*>").unwrap();
    let mut out = String::new();
    let mut last = 0;
    let widen = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    char::from_u32(c as u32 + 0xFEE0).unwrap()
                } else {
                    c
                }
            })
            .collect()
    };
    for m in markup.find_iter(text) {
        out.push_str(&widen(&text[last..m.start()]));
        out.push_str(m.as_str());
        last = m.end();
    }
    out.push_str(&widen(&text[last..]));
    let out = out
        .replace("データ", "ﾃﾞｰﾀ")
        .replace("センター", "ｾﾝﾀｰ")
        .replace("ワンストップ", "ﾜﾝｽﾄｯﾌﾟ");
    Regex::new(r"<p>([^<\n]*?)、")
        .unwrap()
        .replace_all(&out, "<p>$1、\n")
        .into_owned()
}

#[test]
fn normalization_only_differences_are_not_changes() {
    for e in ["2024-12", "2025-06", "2025-12"] {
        let text = std::fs::read_to_string(common::dump_path(e)).unwrap();
        let variant = reformat(&text);
        assert_ne!(variant, text);
        assert!(
            variant.contains("２０２５") && variant.contains("ﾃﾞｰﾀ") && variant.contains("、\n")
        );
        let a = common::convert_dump(e);
        let b = convert_bytes("variant.txt", variant.as_bytes()).unwrap();
        let d = diff(&a, &b);
        let shown: Vec<String> = d
            .changes
            .iter()
            .map(|c| format!("{:?} {:?} {:?} → {:?}", c.kind, c.column, c.before, c.after))
            .collect();
        assert!(
            d.changes.is_empty(),
            "{e}: width, spacing and line breaks reported as changes:\n{}",
            shown.join("\n")
        );
    }
}

#[test]
fn a_phase_layout_change_is_one_structure_change_per_sheet() {
    let a = common::convert_dump("2025-06");
    let b = common::convert_dump("2025-12");
    let d = diff(&a, &b);
    let layout: Vec<_> = d
        .changes
        .iter()
        .filter(|c| c.kind == Kind::Structure && c.column.as_deref() == Some("phases"))
        .collect();
    assert_eq!(layout.len(), b.sheets.len(), "one layout change per sheet");
    assert!(layout
        .iter()
        .all(|c| c.after.as_deref() == Some("2025年度 | 2026年度 | 2027年度 | 2028年度")));
    assert!(
        layout
            .iter()
            .any(|c| c.detail.iter().any(|x| x.starts_with("2024年夏: "))),
        "dropped entries are listed with it"
    );
    let removed_schedule = d
        .changes
        .iter()
        .filter(|c| c.role == Some(Role::Phase) && c.kind == Kind::Removed)
        .count();
    assert_eq!(
        removed_schedule, 0,
        "entries of dropped phases are not also removed content"
    );
    assert!(
        d.changes
            .iter()
            .any(|c| c.kind == Kind::Added && c.role == Some(Role::Measure)),
        "the new measure"
    );
}

const HEAD: &str = "\t2025年度\t2026年度\tKPI (成果指標)\t進捗状況\t該当事業";

fn edition(rows: &[&str]) -> kouteihyo::edition::Edition {
    let text = format!(
        "各施策のスケジュール・工程表①\n{HEAD}\n{}\n※2025年6月末時点\n",
        rows.join("\n")
    );
    convert_bytes("t.txt", text.as_bytes()).unwrap()
}

#[test]
fn a_reworded_measure_is_modified_and_its_items_follow_it() {
    let a = edition(&[
        "創薬エコシステムの育成支援の推進\t検討\t実施\t件数 10件 (R10)\t会議を開催【厚】\t",
    ]);
    let b = edition(&["創薬エコシステムの育成支援の一層の推進\t検討\t実施\t件数 10件 (R10)\t会議を開催【厚】\t事業【厚】(令和7年度当初予算1.0億円)"]);
    let d = diff(&a, &b);
    let kinds: Vec<(Kind, Option<Role>)> = d.changes.iter().map(|c| (c.kind, c.role)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Modified, Some(Role::Measure)),
            (Kind::Added, Some(Role::Programs))
        ]
    );
    let inserted: String = d.changes[0]
        .inline
        .as_ref()
        .unwrap()
        .iter()
        .filter(|s| s.op == "insert")
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(inserted, "一層の");
}

#[test]
fn progress_bullets_compare_as_sets_and_kpis_as_sequences() {
    let a =
        edition(&["施策\t検討\t\t件数 10件 (R10)\t<ul> 一つ目を実施【厚】 二つ目を実施【経】\t"]);
    let b =
        edition(&["施策\t検討\t\t件数 12件 (R10)\t<ul> 二つ目を実施【経】 一つ目を実施【厚】\t"]);
    let d = diff(&a, &b);
    assert_eq!(
        d.changes.len(),
        1,
        "reordered bullets are no change: {:?}",
        d.changes
    );
    assert_eq!(
        (d.changes[0].kind, d.changes[0].role),
        (Kind::Modified, Some(Role::Kpi))
    );
    assert_eq!(d.changes[0].before.as_deref(), Some("件数 10件(R10)"));
}

#[test]
fn views_render_and_the_cli_exit_codes_follow_diff() {
    let dir = tempfile::tempdir().unwrap();
    let a = common::dump_path("2024-12");
    let b = common::dump_path("2025-06");
    let d = diff(
        &common::convert_dump("2024-12"),
        &common::convert_dump("2025-06"),
    );
    let html = render_diff(&d, DiffFormat::Html).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<ins>") && html.contains("<del>")
    );
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
        "standalone page"
    );
    let md = render_diff(&d, DiffFormat::Markdown).unwrap();
    assert!(md.contains("## Sheet 2") && md.contains("### ファースト・イン・ヒューマン"));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kouteihyo"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    assert_eq!(run(&["diff", a, a]).status.code(), Some(0), "no changes");
    let o = run(&["diff", a, b, "--format", "json", "-o", "changes.json"]);
    assert_eq!(o.status.code(), Some(1), "changes");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("changes.json")).unwrap()).unwrap();
    assert!(v["changes"].as_array().unwrap().len() > 10);
    assert!(
        run(&["validate", "changes.json"]).status.success(),
        "validate knows the diff schema"
    );
    // An edition JSON written by extract is an input too.
    assert!(run(&["extract", b, "-o", "out", "-q"]).status.success());
    assert_eq!(
        run(&["diff", "out/2025-06.json", b]).status.code(),
        Some(0),
        "JSON and dump of one edition agree"
    );
    assert_eq!(
        run(&["diff", "missing.txt", b]).status.code(),
        Some(2),
        "error"
    );
    let h = run(&[
        "history",
        common::root().join("fixtures/editions").to_str().unwrap(),
        "-o",
        "hist",
        "-f",
        "markdown",
    ]);
    // The exit codes of diff: the fixture editions differ, so 1.
    assert_eq!(
        h.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&h.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("hist"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["2024-12__2025-06.md", "2025-06__2025-12.md"]);
}

/// A diff and its reverse agree: the same changes, added and removed swapped, and a phase
/// that appears groups its entries under the structure change as one that disappears does.
#[test]
fn diff_is_symmetric() {
    let eds: Vec<_> = common::editions()
        .iter()
        .map(|e| common::convert_dump(e))
        .collect();
    for a in &eds {
        for b in &eds {
            let (ab, ba) = (diff(a, b), diff(b, a));
            let what = format!("{} → {}", a.edition, b.edition);
            assert_eq!(ab.changes.len(), ba.changes.len(), "{what}");
            assert_eq!(ab.counts.added, ba.counts.removed, "{what}");
            assert_eq!(ab.counts.modified, ba.counts.modified, "{what}");
            assert_eq!(ab.counts.structure, ba.counts.structure, "{what}");
            let details = |d: &kouteihyo::diff::Diff| -> Vec<(Option<u32>, Vec<String>)> {
                let mut v: Vec<_> = d
                    .changes
                    .iter()
                    .filter(|c| c.column.as_deref() == Some("phases"))
                    .map(|c| {
                        let mut d = c.detail.clone();
                        d.sort();
                        (c.sheet, d)
                    })
                    .collect();
                v.sort();
                v
            };
            assert_eq!(details(&ab), details(&ba), "{what}");
        }
    }
    // The fixture's layout change has entries on both sides of it.
    let (a, b) = (&eds[1], &eds[2]);
    let d = diff(a, b);
    assert!(
        d.changes
            .iter()
            .any(|c| c.column.as_deref() == Some("phases") && !c.detail.is_empty()),
        "{} → {}",
        a.edition,
        b.edition
    );
}
