//! The PDF content reader on hand-written PDFs, one per font/encoding set-up of real Japanese
//! PDFs: predefined CMaps (90ms-RKSJ-H, UniJIS-UTF16-H), Identity-H/V over non-embedded
//! Adobe-Japan1 CID fonts without ToUnicode, and a simple font with a /Differences encoding.
//!
//! The files are made by scripts/pdf-fixtures/handmade.py (see fixtures/pdf-variants/README.md);
//! next to each is its `pdftotext -layout` oracle. Per file: no glyph without Unicode, the same
//! characters as the oracle (NFKC, whitespace ignored), and some lines read in full.

mod common;

use common::differences;

use kouteihyo::pdf::content::{read_pages, Glyph, PageContent};
use std::collections::BTreeMap;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

fn fixture_path(name: &str) -> PathBuf {
    common::root().join("fixtures/pdf-variants").join(name)
}

fn one_page(name: &str) -> PageContent {
    let path = fixture_path(&format!("{name}.pdf"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut pages = read_pages(&bytes).unwrap_or_else(|e| panic!("{name}: read_pages: {e}"));
    assert_eq!(pages.len(), 1, "{name}: page count");
    pages.remove(0)
}

fn oracle(name: &str) -> String {
    let path = fixture_path(&format!("{name}.pdftotext.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn nfkc_without_space(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn char_counts(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in nfkc_without_space(s).chars() {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// The glyphs as lines: grouped by baseline (the bottom of the box, 1 pt apart), top line
/// first, each line left to right. Vertical glyphs are left out.
fn lines(glyphs: &[Glyph]) -> Vec<String> {
    let mut horizontal: Vec<&Glyph> = glyphs.iter().filter(|g| !g.vertical).collect();
    horizontal.sort_by(|a, b| b.y0.total_cmp(&a.y0).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<(f64, Vec<&Glyph>)> = Vec::new();
    for g in horizontal {
        match out.last_mut() {
            Some((y, line)) if (*y - g.y0).abs() <= 1.0 => line.push(g),
            _ => out.push((g.y0, vec![g])),
        }
    }
    out.into_iter()
        .map(|(_, mut line)| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line.iter().map(|g| g.text.as_str()).collect()
        })
        .collect()
}

/// The checks of one file: no unmapped glyph, the oracle's characters, and each of `expected`
/// (compared after NFKC, whitespace ignored) inside one line.
fn check(name: &str, expected: &[&str]) -> PageContent {
    let page = one_page(name);
    let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
    assert!(
        page.width > page.height,
        "{name}: landscape page stays landscape"
    );
    assert_eq!(
        page.unmapped, 0,
        "{name}: glyphs without Unicode; text read: {text}"
    );
    let ours = char_counts(&text);
    let theirs = char_counts(&oracle(name));
    assert!(
        theirs.values().sum::<usize>() > 50,
        "{name}: oracle too short"
    );
    assert!(
        ours == theirs,
        "{name}: characters differ from the pdftotext oracle (NFKC, no whitespace):\n{}text read: {text}",
        differences(&ours, &theirs)
    );
    let lines: Vec<String> = lines(&page.glyphs)
        .iter()
        .map(|l| nfkc_without_space(l))
        .collect();
    for needle in expected {
        let want = nfkc_without_space(needle);
        assert!(
            lines.iter().any(|l| l.contains(&want)),
            "{name}: no line holds {needle}; lines: {lines:#?}"
        );
    }
    page
}

/// Each of `needles` (whitespace ignored, no normalization) inside one line as drawn: full-
/// and half-width forms and circled digits are kept apart, as the PDF shows them.
fn raw_lines_hold(name: &str, page: &PageContent, needles: &[&str]) {
    let without_space = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let lines: Vec<String> = lines(&page.glyphs)
        .iter()
        .map(|l| without_space(l))
        .collect();
    for needle in needles {
        assert!(
            lines.iter().any(|l| l.contains(&without_space(needle))),
            "{name}: no line holds {needle} as drawn; lines: {lines:#?}"
        );
    }
}

#[test]
fn rksj_90ms() {
    let page = check(
        "handmade-90ms-rksj",
        &[
            "各施策のスケジュール・工程表①",
            "2024年夏",
            "KPI (成果指標)",
            "・官民協議会の継続的な開催【厚】",
            "令和6年度補正予算7.9億円",
            "・アカデミアとのマッチング推進【文】",
            "ＫＰＩ（成果指標）",
            "※2025年6月末時点",
        ],
    );
    raw_lines_hold(
        "handmade-90ms-rksj",
        &page,
        &[
            "工程表①",
            "・ｱｶﾃﾞﾐｱとのﾏｯﾁﾝｸﾞ推進【文】",
            "ＫＰＩ（成果指標）",
            "KPI (成果指標)",
        ],
    );
    // Single-byte codes (ASCII, half-width katakana) are half as wide as double-byte ones.
    let width = |t: &str| {
        let g = page
            .glyphs
            .iter()
            .find(|g| g.text == t)
            .unwrap_or_else(|| panic!("no glyph {t}"));
        g.x1 - g.x0
    };
    assert!(
        width("2") < 0.75 * width("年"),
        "2: {}, 年: {}",
        width("2"),
        width("年")
    );
    assert!(
        width("ｱ") < 0.75 * width("年"),
        "ｱ: {}, 年: {}",
        width("ｱ"),
        width("年")
    );
}

#[test]
fn unijis_utf16() {
    let page = check(
        "handmade-unijis-utf16",
        &[
            "各施策のスケジュール・工程表①",
            "2024年度末",
            "令和6年度補正予算7.9億円",
            "ＫＰＩ（成果指標） ｶﾀｶﾅ",
            "※2025年6月末時点",
            // U+20B9F, outside the BMP (a surrogate pair in UTF-16, CID 13803).
            "𠮟咤激励の「𠮟」はU+20B9F",
        ],
    );
    raw_lines_hold(
        "handmade-unijis-utf16",
        &page,
        &[
            "工程表①",
            "ＫＰＩ（成果指標）ｶﾀｶﾅ",
            "KPI（成果指標）",
            "「𠮟」",
        ],
    );
}

#[test]
fn identity_h_without_tounicode() {
    let page = check(
        "handmade-identity-h-no-tounicode",
        &[
            "各施策のスケジュール・工程表①",
            "2024年度末 KPI（成果指標）",
            "・官民協議会の継続的な開催【厚】",
            "令和6年度補正予算7.9億円",
            "ＫＰＩ（成果指標） ｶﾀｶﾅ",
            "※2025年6月末時点",
        ],
    );
    raw_lines_hold(
        "handmade-identity-h-no-tounicode",
        &page,
        &[
            "工程表①",
            "ＫＰＩ（成果指標）ｶﾀｶﾅ",
            "2024年度末KPI（成果指標）",
        ],
    );
}

#[test]
fn simple_font_with_differences() {
    let page = check(
        "handmade-simple-differences",
        &[
            "Roadmap follow-up: final flow",
            "• Efficient workflow – FY2024–2026",
            "“Progress” as of end of June 2025",
            "• Budget: 7.9 oku yen (supplementary)",
            "KPI: 12 meetings, 4 field reports",
        ],
    );
    // Code 42 is '*' in WinAnsiEncoding; /Differences makes it a bullet.
    assert!(
        !page.glyphs.iter().any(|g| g.text.contains('*')),
        "{:?}",
        page.glyphs.iter().map(|g| &g.text).collect::<Vec<_>>()
    );
}

#[test]
fn identity_v_side_label() {
    let page = check(
        "handmade-identity-v",
        &[
            "各施策のスケジュール・工程表①",
            "・官民協議会の継続的な開催【厚】",
            "令和6年度補正予算7.9億円",
        ],
    );
    let label = "革新的医薬品の価値に応じた評価";
    let mut vertical: Vec<&Glyph> = page.glyphs.iter().filter(|g| g.vertical).collect();
    assert_eq!(
        vertical.len(),
        label.chars().count(),
        "vertical glyphs: {:?}",
        vertical.iter().map(|g| &g.text).collect::<Vec<_>>()
    );
    // Read top to bottom, in one column.
    vertical.sort_by(|a, b| b.y1.total_cmp(&a.y1));
    let read: String = vertical.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(read, label);
    let (first, last) = (vertical[0], vertical[vertical.len() - 1]);
    assert!(
        (first.x0 - last.x0).abs() < 1.0 && first.y0 - last.y0 > 150.0,
        "first {first:?}, last {last:?}"
    );
    assert!(page.glyphs.iter().filter(|g| !g.vertical).count() > 50);
}

/// The 90ms-RKSJ page is a small sheet without any rule: the heading, a header line spread
/// across the page, two rows and a note. It becomes one sheet with the header's columns.
#[test]
fn rksj_90ms_converts_to_a_sheet() {
    let path = fixture_path("handmade-90ms-rksj.pdf");
    let ed =
        kouteihyo::input::convert_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(ed.sheets.len(), 1, "{:#?}", ed.sheets);
    let s = &ed.sheets[0];
    assert_eq!(s.heading.text, "各施策のスケジュール・工程表①");
    let labels: Vec<String> = s
        .columns
        .iter()
        .map(|c| nfkc_without_space(&c.label.text))
        .collect();
    for want in [
        "2024年夏",
        "2024年末",
        "2025年度",
        "KPI(成果指標)",
        "進捗状況",
        "該当事業",
    ] {
        assert!(labels.iter().any(|l| l == want), "{want} in {labels:?}");
    }
    let texts: Vec<String> = s
        .cells
        .iter()
        .map(|c| c.items.iter().map(|i| i.text.as_str()).collect::<String>())
        .collect();
    for want in [
        "令和6年度補正予算7.9億円",
        "創薬基盤強化支援事業",
        "執行中【経】",
    ] {
        assert!(
            texts.iter().any(|t| nfkc_without_space(t).contains(want)),
            "{want} in {texts:?}"
        );
    }
}
