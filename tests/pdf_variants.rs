//! Every font set-up of fixtures/pdf-variants through the whole PDF → edition conversion.
//!
//! Each variant is the same one-sheet slide (各施策のスケジュール・工程表①, see
//! fixtures/pdf-variants/README.md and scripts/pdf-fixtures/sheet.py) written by another
//! producer, so every variant must give the same reading: the heading, the header columns and
//! their roles, the texts in their columns, the loose text, and every character of the
//! `pdftotext -layout` oracle. One test per variant and check (`<variant>::<check>`), so that a
//! reader bug shows as the few checks it breaks.
//!
//! The bad files: a password-protected PDF and a truncated one give clear errors; a PDF with a
//! broken cross-reference table is repaired and reads like the intact file; an image-only page
//! among text pages is a warning naming the page.

use kouteihyo::edition::{Cell, Edition, Item, Sheet};
use kouteihyo::error::ErrorKind;
use kouteihyo::input::convert_file;
use kouteihyo::output::{render, Format};
use kouteihyo::pdf::content::PdfError;
use kouteihyo::roles::Role;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf-variants")
        .join(name)
}

/// The edition of `<name>.pdf`, converted once per test run.
fn edition(name: &str) -> &'static Edition {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, &'static Edition>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(name.to_string()).or_insert_with(|| {
        let path = fixture_path(&format!("{name}.pdf"));
        let ed = convert_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Box::leak(Box::new(ed))
    })
}

/// The one sheet of a variant.
fn sheet(name: &str) -> &'static Sheet {
    let ed = edition(name);
    assert_eq!(
        ed.sheets.len(),
        1,
        "{name}: one sheet expected; title (cover) read as {:?}",
        ed.title.as_ref().map(|t| &t.raw)
    );
    &ed.sheets[0]
}

/// Index of the only column with `role`.
fn column(name: &str, s: &Sheet, role: Role) -> usize {
    let cols: Vec<usize> = s
        .columns
        .iter()
        .filter(|c| c.role == role)
        .map(|c| c.index)
        .collect();
    assert_eq!(
        cols.len(),
        1,
        "{name}: one {} column expected in {:?}",
        role.as_str(),
        labels(s)
    );
    cols[0]
}

fn labels(s: &Sheet) -> Vec<(&'static str, String)> {
    s.columns
        .iter()
        .map(|c| (c.role.as_str(), c.label.text.clone()))
        .collect()
}

fn cells_in(s: &Sheet, col: usize) -> Vec<&Cell> {
    s.cells.iter().filter(|c| c.col == col).collect()
}

fn items_in(s: &Sheet, col: usize) -> Vec<&Item> {
    cells_in(s, col)
        .into_iter()
        .flat_map(|c| &c.items)
        .collect()
}

/// The cell of column `col` whose items, joined, contain `needle` (normalized text).
fn cell_with<'a>(name: &str, s: &'a Sheet, col: usize, needle: &str) -> &'a Cell {
    s.cells
        .iter()
        .find(|c| c.col == col && joined(c).contains(needle))
        .unwrap_or_else(|| {
            let elsewhere: Vec<(usize, usize)> = s
                .cells
                .iter()
                .filter(|c| joined(c).contains(needle))
                .map(|c| (c.row, c.col))
                .collect();
            panic!(
                "{name}: {needle} not in column {col} ({:?}); found at (row, col) {elsewhere:?}; column holds {:?}",
                s.columns.get(col).map(|c| &c.label.text),
                items_in(s, col).iter().map(|t| &t.text).collect::<Vec<_>>()
            )
        })
}

fn joined(c: &Cell) -> String {
    c.items.iter().map(|i| i.text.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// Checks, one function each, run per variant by `variant_tests!` below.

/// One sheet ①, its heading, and the header columns with their roles and phase periods; the
/// edition validates against the schema.
fn sheet_and_columns(name: &str) {
    render(edition(name), Format::Json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let s = sheet(name);
    assert_eq!(s.number, 1, "{name}");
    assert_eq!(s.heading.text, "各施策のスケジュール・工程表①", "{name}");
    assert_eq!(s.n_rows, 3, "{name}: body rows");
    assert_eq!(
        s.columns.first().map(|c| c.role),
        Some(Role::Measure),
        "{name}: the first column is the measure column: {:?}",
        labels(s)
    );
    let phases: Vec<&str> = s
        .columns
        .iter()
        .filter(|c| c.role == Role::Phase)
        .map(|c| c.phase.as_ref().map_or("?", |p| p.label.as_str()))
        .collect();
    assert_eq!(
        phases,
        [
            "2024年夏",
            "2024年末",
            "2024年度末",
            "2025年度",
            "2026-2028年度"
        ],
        "{name}: {:?}",
        labels(s)
    );
    let period = |label: &str| {
        s.columns
            .iter()
            .filter_map(|c| c.phase.as_ref())
            .find(|p| p.label == label)
            .map(|p| (p.from.clone(), p.to.clone().unwrap_or_default()))
    };
    assert_eq!(
        period("2024年夏"),
        Some(("2024-06".into(), "2024-08".into()))
    );
    assert_eq!(
        period("2026-2028年度"),
        Some(("2026-04".into(), "2029-03".into()))
    );
    for (role, label) in [
        (Role::Kpi, "KPI (成果指標)"),
        (Role::Progress, "進捗状況※"),
        (Role::Programs, "該当事業"),
    ] {
        let c = column(name, s, role);
        assert_eq!(s.columns[c].label.text, label, "{name}");
    }
    assert_eq!(s.columns.len(), 9, "{name}: {:?}", labels(s));
}

/// Index of the phase column labelled `label`.
fn phase(name: &str, s: &Sheet, label: &str) -> usize {
    s.columns
        .iter()
        .find(|c| c.phase.as_ref().is_some_and(|p| p.label == label))
        .unwrap_or_else(|| panic!("{name}: no {label} column: {:?}", labels(s)))
        .index
}

/// Texts of the slide in the columns of their roles (normalized text), the progress bullets
/// and the programs as whole items, the tinted entry over two phases. Pages without ruling
/// lines must meet this too: it asks nothing of rows.
fn texts_in_their_columns_without_rules(name: &str) {
    let s = sheet(name);
    let measure = column(name, s, Role::Measure);
    cell_with(name, s, measure, "外資系企業・外国資金の呼び込み");
    cell_with(
        name,
        s,
        measure,
        "国内外のアカデミア・スタートアップと製薬企業・VCのマッチングの推進",
    );
    cell_with(
        name,
        s,
        phase(name, s, "2024年夏"),
        "創薬エコシステムサミット開催",
    );
    cell_with(name, s, phase(name, s, "2024年末"), "予算要求・予算編成");
    // The tinted entry spans 2025年度 and 2026-2028年度 (its box shows it without rules).
    let c = cell_with(
        name,
        s,
        phase(name, s, "2025年度"),
        "マッチングイベントの定期的開催",
    );
    assert_eq!(c.col_span, 2, "{name}: 2025年度 entry spans two phases");
    assert!(
        items_in(s, phase(name, s, "2024年度末")).is_empty(),
        "{name}: 2024年度末 is empty on this slide"
    );
    let kpi = column(name, s, Role::Kpi);
    cell_with(name, s, kpi, "創薬ベンチャー採択件数");
    cell_with(name, s, kpi, "外資系製薬企業の数");

    // Progress: four bullets, each ending in its ministry tag.
    let progress = column(name, s, Role::Progress);
    let items: Vec<&str> = items_in(s, progress)
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(items.len(), 4, "{name}: progress bullets {items:#?}");
    for (start, end) in [
        ("・令和7年6月26日に第1回", "実施していく予定【厚】"),
        ("・", "基金事業を執行中【経】"),
        ("・", "毎年開催【厚】"),
        ("・", "取り組んでいるところ【文】"),
    ] {
        assert!(
            items
                .iter()
                .any(|t| t.starts_with(start) && t.ends_with(end)),
            "{name}: no progress bullet {start}…{end}: {items:#?}"
        );
    }

    // Programs: the three programs of the second measure, as printed.
    let programs = column(name, s, Role::Programs);
    let items: Vec<&str> = items_in(s, programs)
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(
        items,
        [
            "・創薬ベンチャーエコシステム強化事業【経】(基金事業)",
            "・創薬基盤強化支援事業【厚】(令和7年度当初予算9.3億円)",
            "・橋渡し研究プログラム【文】(基金事業)",
        ],
        "{name}"
    );
}

/// Texts of the slide in the columns they belong to, and the cells' spans as ruled.
fn texts_in_their_columns(name: &str) {
    texts_in_their_columns_without_rules(name);
    let s = sheet(name);

    // Measure column: the first measure covers two rows, and so do its KPI and progress.
    let measure = column(name, s, Role::Measure);
    let a = cell_with(name, s, measure, "外資系企業・外国資金の呼び込み");
    assert_eq!((a.row, a.row_span), (0, 2), "{name}: first measure");
    let b = cell_with(
        name,
        s,
        measure,
        "国内外のアカデミア・スタートアップと製薬企業・VCのマッチングの推進",
    );
    assert_eq!((b.row, b.row_span), (2, 1), "{name}: second measure");

    // Schedule entries in their rows; the tinted entry spans 2025年度 and 2026-2028年度.
    let c = cell_with(
        name,
        s,
        phase(name, s, "2024年夏"),
        "創薬エコシステムサミット開催",
    );
    assert_eq!(c.row, 0, "{name}");
    let c = cell_with(name, s, phase(name, s, "2024年末"), "予算要求・予算編成");
    assert_eq!(c.row, 1, "{name}");
    let c = cell_with(
        name,
        s,
        phase(name, s, "2025年度"),
        "マッチングイベントの定期的開催",
    );
    assert_eq!(c.row, 2, "{name}");

    // KPI: one cell over the first measure's two rows.
    let kpi = column(name, s, Role::Kpi);
    let k = cell_with(name, s, kpi, "創薬ベンチャー採択件数");
    assert_eq!((k.row, k.row_span), (0, 2), "{name}: KPI cell");
    assert!(joined(k).contains("外資系製薬企業の数"), "{name}: {k:?}");
    assert_eq!(cells_in(s, kpi).len(), 1, "{name}");

    // Progress: the first bullet is one item in a cell over two rows.
    let progress = column(name, s, Role::Progress);
    let first = cell_with(name, s, progress, "令和7年6月26日に第1回");
    assert_eq!((first.row, first.row_span), (0, 2), "{name}");
    assert_eq!(first.items.len(), 1, "{name}: {:?}", first.items);

    // Programs: one list cell in the second measure's row.
    let programs = column(name, s, Role::Programs);
    assert!(cells_in(s, programs).iter().all(|c| c.row == 2 && c.list));
}

/// Each measure title is one item: a wrapped line that starts with the middle dot of a word
/// (製薬企業・VC) is not a new bullet.
fn measure_titles_are_single_items(name: &str) {
    let s = sheet(name);
    let measure = column(name, s, Role::Measure);
    for c in cells_in(s, measure) {
        assert_eq!(
            c.items.len(),
            1,
            "{name}: measure cell at row {} split into {:?}",
            c.row,
            c.items.iter().map(|t| &t.text).collect::<Vec<_>>()
        );
    }
}

/// The measures view: two measures with their schedule, KPI, progress and programs.
fn measures_view(name: &str) {
    let s = sheet(name);
    let m = &s.measures;
    assert_eq!(m.len(), 2, "{name}: {m:#?}");
    let title = |i: usize| m[i].title.as_ref().map_or("", |t| t.text.as_str());
    assert!(
        title(0).ends_with("外資系企業・外国資金の呼び込み"),
        "{name}"
    );
    assert!(title(1).ends_with("(官民協議会とも連携)"), "{name}");
    assert_eq!((m[0].first_row, m[0].last_row), (0, 1), "{name}");
    assert_eq!((m[1].first_row, m[1].last_row), (2, 2), "{name}");
    let counts = |i: usize| {
        (
            m[i].schedule.len(),
            m[i].kpis.len(),
            m[i].progress.len(),
            m[i].programs.len(),
        )
    };
    assert_eq!(counts(0), (5, 1, 1, 0), "{name}: first measure");
    assert_eq!(counts(1), (3, 0, 1, 1), "{name}: second measure");
    let long = m[1]
        .schedule
        .iter()
        .find(|e| e.col_span == 2)
        .unwrap_or_else(|| panic!("{name}: no two-phase entry: {:#?}", m[1].schedule));
    assert_eq!(
        (long.from_phase.as_str(), long.to_phase.as_str()),
        ("2025年度", "2026-2028年度")
    );
    assert_eq!(
        (long.from.as_str(), long.to.as_deref()),
        ("2025-04", Some("2029-03"))
    );
}

/// Text outside the table: the theme label, the 再掲 callout, the footnote and the as-of
/// date it gives.
fn loose_text(name: &str) {
    let ed = edition(name);
    let s = sheet(name);
    assert!(
        s.labels.iter().any(|l| l
            .text
            .ends_with("海外の実用化ノウハウを有する人材や資金の積極的な呼び込み・活用等")),
        "{name}: theme label: {:?}",
        s.labels
    );
    assert!(
        s.callouts.iter().any(|c| c.text == "再掲"),
        "{name}: {:?}",
        s.callouts
    );
    assert!(
        s.footnotes.iter().any(|f| f.text == "※2025年6月末時点"),
        "{name}: footnotes {:?}",
        s.footnotes
    );
    assert_eq!(ed.as_of.as_deref(), Some("2025-06-30"), "{name}");
    assert_eq!(ed.edition, "2025-06", "{name}");
    assert!(ed.title.is_none(), "{name}: no cover: {:?}", ed.title);
}

/// Every glyph has Unicode.
fn no_unmapped_glyphs(name: &str) {
    let ed = edition(name);
    assert!(
        !ed.warnings.iter().any(|w| w.code == "unmapped-glyphs"),
        "{name}: {:?}",
        ed.warnings
    );
}

/// A clean slide gives no warning at all.
fn no_warnings(name: &str) {
    let ed = edition(name);
    let codes: Vec<&str> = ed.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.is_empty(), "{name}: {:?}", ed.warnings);
}

/// No Kangxi radical or CJK-radical-supplement look-alike (⼯ for 工, ⺠ for 民) anywhere in
/// the edition, raw text included: the slide has ordinary kanji.
fn no_radical_lookalikes(name: &str) {
    let json = String::from_utf8(render(edition(name), Format::Json).unwrap()).unwrap();
    let mut found: BTreeMap<char, usize> = BTreeMap::new();
    for c in json.chars() {
        if ('\u{2E80}'..='\u{2FDF}').contains(&c) {
            *found.entry(c).or_default() += 1;
        }
    }
    assert!(
        found.is_empty(),
        "{name}: radicals in the output: {found:?}"
    );
}

/// NFKC, without whitespace, as a multiset.
fn char_counts(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.nfkc().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// The source text of the edition, each piece once: the cover, and per sheet the heading,
/// labels, callouts, footnotes, header labels and cell items (the measures view and the tidy
/// tables repeat these and are left out).
fn edition_raw_text(ed: &Edition) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(t) = &ed.title {
        parts.push(&t.raw);
    }
    for s in &ed.sheets {
        parts.push(&s.heading.raw);
        parts.extend(s.labels.iter().map(|t| t.raw.as_str()));
        parts.extend(s.callouts.iter().map(|t| t.raw.as_str()));
        parts.extend(s.footnotes.iter().map(|t| t.raw.as_str()));
        parts.extend(s.columns.iter().map(|c| c.label.raw.as_str()));
        for c in &s.cells {
            parts.extend(c.items.iter().map(|t| t.raw.as_str()));
        }
    }
    parts.join("\n")
}

/// Character balance against the pdftotext oracle: every non-space character of the oracle
/// (as a multiset, after NFKC) is in the edition's text, and the edition has nothing more
/// (nothing doubled, nothing invented). No tolerance.
fn characters_match_the_oracle(name: &str) {
    let oracle = std::fs::read_to_string(fixture_path(&format!("{name}.pdftotext.txt")))
        .unwrap_or_else(|e| panic!("{name}: oracle: {e}"));
    let theirs = char_counts(&oracle);
    let ours = char_counts(&edition_raw_text(edition(name)));
    let total: usize = theirs.values().sum();
    assert!(total > 1000, "{name}: oracle too short");
    let mut missing = String::new();
    let mut extra = String::new();
    let keys: BTreeSet<char> = theirs.keys().chain(ours.keys()).copied().collect();
    for c in keys {
        let (a, b) = (
            ours.get(&c).copied().unwrap_or(0),
            theirs.get(&c).copied().unwrap_or(0),
        );
        if a < b {
            missing.push_str(&format!(" {c}×{}", b - a));
        }
        if a > b {
            extra.push_str(&format!(" {c}(U+{:04X})×{}", c as u32, a - b));
        }
    }
    if !missing.is_empty() || !extra.is_empty() {
        eprintln!("{name}: missing from the edition:{missing}\n{name}: not in the oracle:{extra}");
    }
    assert!(
        missing.is_empty(),
        "{name}: oracle characters missing:{missing}"
    );
    assert!(
        extra.is_empty(),
        "{name}: characters not in the oracle:{extra}"
    );
}

/// The vertical side label is one label, its glyphs joined (not one label per glyph).
fn side_label_is_one_label(name: &str) {
    const LABEL: &str = "革新的医薬品の価値に応じた評価";
    let s = sheet(name);
    assert!(
        s.labels.iter().any(|l| l.text == LABEL),
        "{name}: labels {:?}",
        s.labels.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
    assert!(
        !s.labels.iter().any(|l| l.text.chars().count() == 1),
        "{name}: one-glyph labels {:?}",
        s.labels
    );
    assert!(
        !s.cells.iter().any(|c| joined(c).contains(LABEL)),
        "{name}: the side label is not table text"
    );
}

/// One test module per variant: `variant_tests!(module, "file")` runs every check of a
/// ruled slide; a list names the checks explicitly.
macro_rules! variant_tests {
    ($module:ident, $file:literal) => {
        variant_tests!(
            $module,
            $file,
            [
                sheet_and_columns,
                texts_in_their_columns,
                measure_titles_are_single_items,
                measures_view,
                loose_text,
                no_unmapped_glyphs,
                no_warnings,
                no_radical_lookalikes,
                characters_match_the_oracle,
            ]
        );
    };
    ($module:ident, $file:literal, [$($(#[$attr:meta])* $check:ident),* $(,)?]) => {
        mod $module {
            $(
                #[test]
                $(#[$attr])*
                fn $check() {
                    super::$check($file)
                }
            )*
        }
    };
}

variant_tests!(libreoffice_truetype, "libreoffice-truetype");

variant_tests!(
    encrypted_empty_user_password,
    "encrypted-empty-user-password"
);

variant_tests!(chromium_identity_h, "chromium-identity-h");

variant_tests!(reportlab_cid_unijis, "reportlab-cid-unijis");

variant_tests!(
    reportlab_cid_vertical,
    "reportlab-cid-vertical",
    [
        sheet_and_columns,
        texts_in_their_columns,
        measure_titles_are_single_items,
        measures_view,
        loose_text,
        no_unmapped_glyphs,
        no_warnings,
        no_radical_lookalikes,
        characters_match_the_oracle,
        side_label_is_one_label,
    ]
);

variant_tests!(
    reportlab_no_rules,
    "reportlab-no-rules",
    [
        // Not `texts_in_their_columns` nor `measures_view`: they check rows and row spans,
        // which a page without rules does not show.
        sheet_and_columns,
        texts_in_their_columns_without_rules,
        measure_titles_are_single_items,
        loose_text,
        no_unmapped_glyphs,
        no_warnings,
        no_radical_lookalikes,
        characters_match_the_oracle,
    ]
);

// ---------------------------------------------------------------------------------------------
// Bad files.

#[test]
fn password_protected_pdf_is_an_error_asking_for_the_password() {
    let r = convert_file(&fixture_path("encrypted-password.pdf"));
    assert!(
        matches!(
            r.as_ref().map_err(|e| e.kind()),
            Err(ErrorKind::Pdf(PdfError::Password))
        ),
        "{r:?}"
    );
    let message = r.unwrap_err().to_string();
    assert!(message.contains("password"), "{message}");
}

#[test]
fn truncated_pdf_is_a_clear_error() {
    let r = convert_file(&fixture_path("truncated.pdf"));
    assert!(
        matches!(
            r.as_ref().map_err(|e| e.kind()),
            Err(ErrorKind::Pdf(PdfError::Damaged))
        ),
        "{r:?}"
    );
    let message = r.unwrap_err().to_string();
    assert!(
        message.contains("damaged") && message.contains("truncated"),
        "{message}"
    );
}

/// Runs `kouteihyo extract` on fixture files into a fresh folder; returns the folder, the exit
/// code and stderr.
fn extract(files: &[&str]) -> (tempfile::TempDir, Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_kouteihyo"))
        .arg("extract")
        .args(files.iter().map(|f| fixture_path(f)))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("kouteihyo runs");
    (
        dir,
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn read_json(path: &Path) -> serde_json::Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn bad_pdfs_in_a_batch_are_named_with_their_reason() {
    let (_dir, code, err) = extract(&["encrypted-password.pdf", "truncated.pdf"]);
    assert_eq!(code, Some(1), "{err}");
    for (file, reason) in [
        ("encrypted-password.pdf", "password"),
        ("truncated.pdf", "damaged"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no line for {file}: {err}"));
        assert!(
            line.starts_with("FAILED") && line.contains(reason),
            "{line}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
}

/// The file with every cross-reference offset moved on (objects intact) is repaired by
/// hayro-syntax's reconstruction and reads exactly like the intact file.
#[test]
fn broken_xref_is_repaired_and_reads_like_the_intact_file() {
    let (dir, code, err) = extract(&["broken-xref.pdf"]);
    assert_eq!(code, Some(0), "{err}");
    let mut broken = read_json(&dir.path().join("out/2025-06.json"));
    let (dir, code, err) = extract(&["libreoffice-truetype.pdf"]);
    assert_eq!(code, Some(0), "{err}");
    let mut intact = read_json(&dir.path().join("out/2025-06.json"));
    assert_eq!(broken["source"]["file"], "broken-xref.pdf");
    assert_eq!(broken["source"]["bytes"], intact["source"]["bytes"]);
    broken.as_object_mut().unwrap().remove("source");
    intact.as_object_mut().unwrap().remove("source");
    assert!(
        broken == intact,
        "broken-xref.pdf reads differently from libreoffice-truetype.pdf"
    );
    assert!(!broken["sheets"][0]["cells"].as_array().unwrap().is_empty());
}

/// Page 1 is the text slide, page 2 the scan of it: a warning names page 2, and the sheet of
/// page 1 is read as from the one-page file.
#[test]
fn image_only_page_among_text_pages_is_a_warning() {
    let (dir, code, err) = extract(&["image-only-page.pdf"]);
    assert_eq!(code, Some(0), "{err}");
    let mut mixed = read_json(&dir.path().join("out/2025-06.json"));
    let warnings = mixed["warnings"].as_array().unwrap().clone();
    let image: Vec<&serde_json::Value> = warnings
        .iter()
        .filter(|w| w["code"] == "image-only-page")
        .collect();
    assert_eq!(image.len(), 1, "{warnings:#?}");
    let message = image[0]["message"].as_str().unwrap();
    assert!(message.contains("page 2"), "{message}");
    assert!(!message.contains("page 1"), "{message}");
    assert_eq!(mixed["sheets"].as_array().unwrap().len(), 1);
    assert_eq!(mixed["sheets"][0]["number"], 1);
    let programs = &mixed["enriched"]["programs"];
    assert!(
        programs.as_array().is_some_and(|p| p
            .iter()
            .any(|r| r["program_name"] == "創薬基盤強化支援事業")),
        "{programs:#}"
    );

    // Apart from that warning and the source, the same edition as the text page alone.
    let (dir, _, _) = extract(&["libreoffice-truetype.pdf"]);
    let mut single = read_json(&dir.path().join("out/2025-06.json"));
    mixed["warnings"]
        .as_array_mut()
        .unwrap()
        .retain(|w| w["code"] != "image-only-page");
    mixed.as_object_mut().unwrap().remove("source");
    single.as_object_mut().unwrap().remove("source");
    assert!(
        mixed == single,
        "the text page reads differently next to a scanned page"
    );
}

/// The scan alone is an error (OCR needed), not an empty edition.
#[test]
fn scan_alone_is_an_error() {
    let r = convert_file(&fixture_path("no-text-layer.pdf"));
    assert!(
        matches!(
            r.as_ref().map_err(|e| e.kind()),
            Err(ErrorKind::Pdf(PdfError::NoTextLayer { .. }))
        ),
        "{r:?}"
    );
    assert!(r.unwrap_err().to_string().contains("OCR"));
}

// ---------------------------------------------------------------------------------------------
// Print chains.

/// Pages 9 and 12 (sheets ⑧ and ⑪) of the 2025-06 deck re-drawn by cairo (`pdftocairo -pdf`),
/// which strokes the outlines of fake-bold glyphs as paths: about 1,700 short segments a page
/// instead of 30. They are glyph outlines, not rules: both sheets read exactly as they do from
/// the LibreOffice deck itself, column for column and item for item.
#[test]
fn a_cairo_reprint_with_glyph_outlines_reads_like_the_original() {
    let cairo = convert_file(&fixture_path("cairo-fake-bold-deck.pdf")).unwrap();
    let p =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/editions/2025-06/followup.pdf");
    let original = convert_file(&p).unwrap();
    let items = |s: &Sheet| -> Vec<(usize, usize, String)> {
        let mut v: Vec<_> = s
            .cells
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c.row, c.col, i.text.clone())))
            .collect();
        v.sort();
        v
    };
    assert_eq!(cairo.sheets.len(), 2);
    for s in &cairo.sheets {
        let o = original
            .sheets
            .iter()
            .find(|o| o.number == s.number)
            .unwrap_or_else(|| panic!("sheet {} is in the original", s.number));
        let roles = |s: &Sheet| s.columns.iter().map(|c| c.role).collect::<Vec<_>>();
        assert_eq!(roles(s), roles(o), "sheet {}: columns", s.number);
        assert_eq!(items(s), items(o), "sheet {}: items", s.number);
    }
}
