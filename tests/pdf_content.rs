//! The PDF content reader on the one-sheet variants in fixtures/pdf-variants.

mod common;

use common::{build_pdf, differences};
use kouteihyo::pdf::content::{read_pages, Glyph, PageContent, PdfError};
use std::collections::BTreeMap;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

/// The variants that have a text layer and open without a password.
const TEXT_VARIANTS: [&str; 5] = [
    "libreoffice-truetype",
    "chromium-identity-h",
    "reportlab-cid-unijis",
    "reportlab-cid-vertical",
    "encrypted-empty-user-password",
];

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf-variants")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn one_page(name: &str) -> PageContent {
    let mut pages = read_pages(&fixture(&format!("{name}.pdf")))
        .unwrap_or_else(|e| panic!("{name}: read_pages failed: {e}"));
    assert_eq!(pages.len(), 1, "{name}: page count");
    pages.remove(0)
}

fn text_of(glyphs: &[Glyph]) -> String {
    glyphs.iter().map(|g| g.text.as_str()).collect()
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

#[test]
fn text_variants_read_the_whole_sheet() {
    for name in TEXT_VARIANTS {
        let page = one_page(name);
        assert_eq!(page.number, 1);
        assert_eq!(page.unmapped, 0, "{name}: glyphs without Unicode");
        assert!(
            page.width > page.height,
            "{name}: landscape page stays landscape"
        );
        let text = nfkc_without_space(&text_of(&page.glyphs));
        for needle in ["各施策のスケジュール・工程表", "【厚】", "2024年夏"] {
            assert!(
                text.contains(needle),
                "{name}: {needle} missing from {text}"
            );
        }
    }
}

#[test]
fn text_variants_match_the_pdftotext_oracle() {
    for name in TEXT_VARIANTS {
        let page = one_page(name);
        let oracle = std::fs::read_to_string(fixture_path(&format!("{name}.pdftotext.txt")))
            .unwrap_or_else(|e| panic!("{name}: oracle: {e}"));
        let ours = char_counts(&text_of(&page.glyphs));
        let theirs = char_counts(&oracle);
        let total: usize = theirs.values().sum();
        assert!(total > 500, "{name}: oracle too short");
        let common: usize = theirs
            .iter()
            .map(|(c, n)| (*n).min(ours.get(c).copied().unwrap_or(0)))
            .sum();
        let overlap = common as f64 / total as f64;
        let ours_total: usize = ours.values().sum();
        eprintln!(
            "{name}: {common} of {total} oracle characters ({overlap:.4}); {ours_total} read"
        );
        // Nothing is doubled either (fake bold, fill-and-stroke text).
        assert!(
            common as f64 >= 0.98 * ours_total as f64,
            "{name}: {ours_total} characters read, only {common} in the oracle"
        );
        if overlap < 0.98 {
            let diff = differences(&ours, &theirs);
            panic!("{name}: overlap {overlap:.4} < 0.98; differences:\n{diff}");
        }
    }
}

#[test]
fn table_rules_are_found_whether_stroked_or_filled() {
    for name in TEXT_VARIANTS {
        let page = one_page(name);
        let horizontal = page.segments.iter().filter(|s| s.y0 == s.y1).count();
        let vertical = page.segments.iter().filter(|s| s.x0 == s.x1).count();
        assert!(horizontal >= 10, "{name}: {horizontal} horizontal segments");
        assert!(vertical >= 10, "{name}: {vertical} vertical segments");
        for s in &page.segments {
            assert!(
                s.x0 <= s.x1 && s.y0 <= s.y1,
                "{name}: unordered segment {s:?}"
            );
            assert!(s.width >= 0.0 && s.width <= 2.0, "{name}: odd width {s:?}");
        }
        for r in &page.rects {
            assert!(
                r.x1 - r.x0 > 2.0 && r.y1 - r.y0 > 2.0,
                "{name}: thin rect {r:?}"
            );
            assert!(r.filled || r.stroked);
        }
    }
}

#[test]
fn glyph_boxes_are_on_the_page_and_sane() {
    for name in TEXT_VARIANTS {
        let page = one_page(name);
        for g in &page.glyphs {
            assert!(!g.text.is_empty());
            assert!(g.x0 < g.x1 && g.y0 < g.y1, "{name}: empty box {g:?}");
            assert!(
                g.x0 >= -1.0 && g.x1 <= page.width + 1.0,
                "{name}: off page {g:?}"
            );
            assert!(
                g.y0 >= -1.0 && g.y1 <= page.height + 1.0,
                "{name}: off page {g:?}"
            );
            assert!(g.size > 3.0 && g.size < 40.0, "{name}: size {g:?}");
            assert!(
                (g.y1 - g.y0 - g.size).abs() < 0.01,
                "{name}: box height {g:?}"
            );
            assert!(!g
                .text
                .chars()
                .any(|c| matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)));
        }
    }
}

#[test]
fn heading_reads_left_to_right_on_one_baseline() {
    for name in TEXT_VARIANTS {
        let page = one_page(name);
        let glyphs: Vec<&Glyph> = page
            .glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .collect();
        let want: Vec<String> = "各施策のスケジュール"
            .chars()
            .map(|c| c.to_string())
            .collect();
        let start = glyphs
            .windows(want.len())
            .position(|w| {
                w.iter()
                    .zip(&want)
                    .all(|(g, c)| g.text.nfkc().collect::<String>() == *c)
            })
            .unwrap_or_else(|| panic!("{name}: heading not found as consecutive glyphs"));
        let run = &glyphs[start..start + want.len()];
        for pair in run.windows(2) {
            assert!(
                pair[1].x0 >= pair[0].x1 - 0.5,
                "{name}: overlap {:?} {:?}",
                pair[0],
                pair[1]
            );
            assert!(
                (pair[1].y0 - pair[0].y0).abs() < 0.5,
                "{name}: baseline {:?} {:?}",
                pair[0],
                pair[1]
            );
        }
        // The heading is in the top quarter of the page.
        assert!(
            run[0].y0 > page.height * 0.75,
            "{name}: heading at {:?}",
            run[0]
        );
    }
}

#[test]
fn vertical_label_reads_top_to_bottom() {
    let page = one_page("reportlab-cid-vertical");
    let vertical: Vec<&Glyph> = page.glyphs.iter().filter(|g| g.vertical).collect();
    let want: Vec<char> = "革新的医薬品".chars().collect();
    let start = vertical
        .windows(want.len())
        .position(|w| w.iter().zip(&want).all(|(g, c)| g.text == c.to_string()))
        .unwrap_or_else(|| {
            panic!(
                "革新的医薬品 not found in vertical glyphs: {}",
                text_of(&page.glyphs)
            )
        });
    let run = &vertical[start..start + want.len()];
    for pair in run.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(b.y1 <= a.y0 + 0.5, "not top to bottom: {a:?} {b:?}");
        assert!(
            ((a.x0 + a.x1) - (b.x0 + b.x1)).abs() < 1.0,
            "not one column: {a:?} {b:?}"
        );
    }
    for g in run {
        assert!(
            (g.x1 - g.x0 - g.size).abs() < 0.01,
            "vertical box is one em wide: {g:?}"
        );
    }
    // Horizontal text on the same page is not marked vertical.
    assert!(page.glyphs.iter().any(|g| !g.vertical && g.text == "各"));
}

#[test]
fn vertical_label_sits_inside_the_table() {
    // The pen of vertical text is the centre of the column: the glyph boxes lie between two
    // vertical rules instead of straddling one.
    let page = one_page("reportlab-cid-vertical");
    let g = page
        .glyphs
        .iter()
        .find(|g| g.vertical && g.text == "革")
        .expect("革 is drawn vertically");
    let crossing = page
        .segments
        .iter()
        .filter(|s| s.x0 == s.x1 && s.y0 <= g.y0 && s.y1 >= g.y1)
        .any(|s| s.x0 > g.x0 + 0.5 && s.x0 < g.x1 - 0.5);
    assert!(!crossing, "a vertical rule crosses {g:?}");
}

#[test]
fn scanned_page_has_an_image_and_no_text() {
    let page = one_page("no-text-layer");
    assert!(page.glyphs.is_empty());
    assert!(page.images >= 1);
    assert_eq!(page.unmapped, 0);
}

#[test]
fn password_protected_pdf_asks_for_a_password() {
    let r = read_pages(&fixture("encrypted-password.pdf"));
    assert!(matches!(r, Err(PdfError::Password)), "{r:?}");
}

#[test]
fn truncated_pdf_is_damaged() {
    let r = read_pages(&fixture("truncated.pdf"));
    assert!(matches!(r, Err(PdfError::Damaged)), "{r:?}");
}

#[test]
fn non_pdf_input_is_rejected() {
    assert!(matches!(read_pages(b"hello"), Err(PdfError::NotPdf)));
    assert!(matches!(read_pages(b""), Err(PdfError::NotPdf)));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// A PDF header followed by noise is a damaged PDF, never a panic or a document.
    #[test]
    fn a_header_and_noise_is_a_damaged_pdf(noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 20_000)) {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend(noise);
        let r = read_pages(&bytes);
        proptest::prop_assert!(matches!(r, Err(PdfError::Damaged)), "{:?}", r);
    }
}

#[test]
fn cut_or_corrupted_files_never_panic() {
    let original = fixture("reportlab-cid-vertical.pdf");
    for cut in (0..original.len()).step_by(131) {
        let _ = read_pages(&original[..cut]);
    }
    // Overwrite bytes in the middle of the file (objects, content stream) one stretch at a time.
    for start in (200..original.len().saturating_sub(64)).step_by(257) {
        let mut bytes = original.clone();
        for b in &mut bytes[start..start + 64] {
            *b = b'9';
        }
        let _ = read_pages(&bytes);
    }
}

/// The reportlab variant with its `/Rotate 0` replaced by another angle. The replacement has
/// the same byte length (a space is dropped), so the cross-reference offsets stay valid.
fn rotated(angle: &str) -> PageContent {
    let original = fixture("reportlab-cid-unijis.pdf");
    let from = b">> /Rotate 0 /Trans";
    let at = original
        .windows(from.len())
        .position(|w| w == from)
        .expect("the reportlab fixture has /Rotate 0");
    let mut bytes = original.clone();
    let to = format!(">>/Rotate {angle:<3}/Trans");
    bytes[at..at + from.len()].copy_from_slice(to.as_bytes());
    let mut pages = read_pages(&bytes).expect("rotated copy reads");
    assert_eq!(pages.len(), 1);
    pages.remove(0)
}

#[test]
fn rotated_pages_are_reported_upright() {
    let upright = one_page("reportlab-cid-unijis");
    for angle in ["0", "90", "180", "270"] {
        let page = rotated(angle);
        let quarter = angle == "90" || angle == "270";
        let (w, h) = if quarter {
            (upright.height, upright.width)
        } else {
            (upright.width, upright.height)
        };
        assert!(
            (page.width - w).abs() < 0.01 && (page.height - h).abs() < 0.01,
            "{angle}: {}x{}",
            page.width,
            page.height
        );
        assert_eq!(page.glyphs.len(), upright.glyphs.len(), "{angle}");
        for g in &page.glyphs {
            assert!(
                g.x0 >= -1.0
                    && g.x1 <= page.width + 1.0
                    && g.y0 >= -1.0
                    && g.y1 <= page.height + 1.0,
                "{angle}: {g:?}"
            );
        }
        // The first two heading glyphs: the text direction turns clockwise with the page.
        let heading: Vec<&Glyph> = page
            .glyphs
            .iter()
            .filter(|g| g.text == "各" || g.text == "施")
            .take(2)
            .collect();
        let (a, b) = (heading[0], heading[1]);
        let (dx, dy) = (
            (b.x0 + b.x1 - a.x0 - a.x1) / 2.0,
            (b.y0 + b.y1 - a.y0 - a.y1) / 2.0,
        );
        let ok = match angle {
            "0" => dx > 0.0 && dy.abs() < 0.5,
            "90" => dy < 0.0 && dx.abs() < 0.5,
            "180" => dx < 0.0 && dy.abs() < 0.5,
            _ => dy > 0.0 && dx.abs() < 0.5,
        };
        assert!(ok, "{angle}: heading direction ({dx:.2}, {dy:.2})");
        for s in &page.segments {
            assert!(
                s.x0 >= -1.0
                    && s.x1 <= page.width + 1.0
                    && s.y0 >= -1.0
                    && s.y1 <= page.height + 1.0,
                "{angle}: {s:?}"
            );
        }
        assert_eq!(page.segments.len(), upright.segments.len(), "{angle}");
    }
}

/// Builds a one-page PDF around `content` (Helvetica as /F1), with a correct xref table.
fn tiny_pdf(content: &str, rotate: i32) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 400] /Rotate {rotate} \
             /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ];
    build_pdf(&objects)
}

#[test]
fn drawing_operators_in_a_hand_made_pdf() {
    let content = "\
BT /F1 20 Tf 100 300 Td (AB) Tj ET
BT /F1 20 Tf 100.3 300 Td (AB) Tj ET
BT /F1 20 Tf 2 Tr 100 250 Td (CD) Tj ET
BT /F1 20 Tf 3 Tr 100 200 Td (hidden) Tj ET
BT /F1 10 Tf 0 Tr 0 1 -1 0 50 100 Tm (E) Tj ET
1 w 10 10 m 300 10 l 300 100 l S
0.5 w 20 20 m 100 60 l S
2 0 0 2 0 0 cm 0.25 w 10 150 m 20 150 l 25 150 30 155 30 160 c S
0 0 0 rg 60 20 100 0.4 re f
200 20 50 30 re B
";
    let pages = read_pages(&tiny_pdf(content, 0)).expect("hand-made PDF reads");
    let page = &pages[0];
    assert_eq!((page.width, page.height), (600.0, 400.0));
    let text = text_of(&page.glyphs);
    // Fake bold (drawn twice 0.3 pt apart) and fill-and-stroke text are kept once; render
    // mode 3 (invisible, as an OCR text layer) is read as text and counted.
    assert_eq!(text, "ABCDhiddenE", "{:#?}", page.glyphs);
    assert_eq!(page.invisible, 6);
    let a = &page.glyphs[0];
    assert!(
        (a.x0 - 100.0).abs() < 1e-6 && (a.y0 - (300.0 - 0.12 * 20.0)).abs() < 1e-6,
        "{a:?}"
    );
    assert!(
        (a.x1 - (100.0 + 0.667 * 20.0)).abs() < 1e-3,
        "Helvetica A advance: {a:?}"
    );
    assert!((a.size - 20.0).abs() < 1e-9);
    // Text turned 90 degrees counter-clockwise by Tm: the box is turned with it (the advance
    // runs up from the baseline point (50, 100), the ascent to the left).
    let e = page.glyphs.last().unwrap();
    assert_eq!(e.text, "E");
    assert!((e.size - 10.0).abs() < 1e-9, "{e:?}");
    assert!(
        (e.x0 - 41.2).abs() < 1e-6 && (e.x1 - 51.2).abs() < 1e-6,
        "{e:?}"
    );
    assert!(
        (e.y0 - 100.0).abs() < 1e-6 && (e.y1 - 106.67).abs() < 1e-6,
        "{e:?}"
    );
    let has = |x0: f64, y0: f64, x1: f64, y1: f64, w: f64| {
        page.segments.iter().any(|s| {
            (s.x0 - x0).abs() < 1e-6
                && (s.y0 - y0).abs() < 1e-6
                && (s.x1 - x1).abs() < 1e-6
                && (s.y1 - y1).abs() < 1e-6
                && (s.width - w).abs() < 1e-6
        })
    };
    // Polyline: two segments; the diagonal line is dropped.
    assert!(
        has(10.0, 10.0, 300.0, 10.0, 1.0) && has(300.0, 10.0, 300.0, 100.0, 1.0),
        "{:#?}",
        page.segments
    );
    // Scaled by cm: the straight part of the curved path, in page space with the scaled width.
    assert!(has(20.0, 300.0, 40.0, 300.0, 0.5), "{:#?}", page.segments);
    // Thin filled rectangle: its centre line (inside the cm scale, so 0.8 pt thick).
    assert!(has(120.0, 40.4, 320.0, 40.4, 0.8), "{:#?}", page.segments);
    // Fill-and-stroke rectangle: one rect, both flags, and its four edges.
    let rects: Vec<_> = page
        .rects
        .iter()
        .filter(|r| r.filled && r.stroked)
        .collect();
    assert_eq!(rects.len(), 1, "{:#?}", page.rects);
    let r = rects[0];
    assert_eq!((r.x0, r.y0, r.x1, r.y1), (400.0, 40.0, 500.0, 100.0));
    assert!(
        has(400.0, 40.0, 500.0, 40.0, 0.5) && has(400.0, 40.0, 400.0, 100.0, 0.5),
        "{:#?}",
        page.segments
    );
    assert_eq!(page.segments.len(), 8, "{:#?}", page.segments);
}

/// A page past the glyph or path bound is not read whole: its `lost` says which bound, and
/// the glyphs kept stop at the bound (memory stays bounded).
#[test]
fn pages_past_the_glyph_and_path_bounds_say_so() {
    use kouteihyo::limits::{MAX_GLYPHS_PER_PAGE, MAX_PATHS_PER_PAGE};
    let text = "a".repeat(MAX_GLYPHS_PER_PAGE + 10);
    let content = format!("BT /F1 1 Tf 10 10 Td ({text}) Tj ET");
    let pages = read_pages(&tiny_pdf(&content, 0)).unwrap();
    assert!(pages[0].glyphs.len() <= MAX_GLYPHS_PER_PAGE);
    assert_eq!(pages[0].lost.len(), 1, "{:?}", pages[0].lost);
    assert!(pages[0].lost[0].contains("MAX_GLYPHS_PER_PAGE"));

    let content = "0 0 m 1 1 l S\n".repeat(MAX_PATHS_PER_PAGE + 10);
    let pages = read_pages(&tiny_pdf(&content, 0)).unwrap();
    assert!(pages[0]
        .lost
        .iter()
        .any(|l| l.contains("MAX_PATHS_PER_PAGE")));
    // Under the bounds nothing is lost.
    let pages = read_pages(&tiny_pdf("BT /F1 10 Tf 10 10 Td (ok) Tj ET", 0)).unwrap();
    assert!(pages[0].lost.is_empty(), "{:?}", pages[0].lost);
}

/// A page whose content stream does not decode whole, uses a filter no reader knows, or
/// names a missing font says so in `lost`; the interpreter alone would just draw less.
#[test]
fn damaged_pages_say_what_is_lost() {
    use std::io::Write;
    let text = b"BT /F1 12 Tf 10 10 Td (some text on the page) Tj ET\n".repeat(20);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&text).unwrap();
    let good = z.finish().unwrap();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x5A;
    let page = |contents: &[u8], filter: &str, font: &str| -> Vec<u8> {
        let mut stream =
            format!("<< /Length {} {filter} >>\nstream\n", contents.len()).into_bytes();
        stream.extend_from_slice(contents);
        stream.extend_from_slice(b"\nendstream");
        common::build_pdf_bytes(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 400] \
                 /Resources << /Font << /F1 {font} >> >> /Contents 4 0 R >>"
            )
            .into_bytes(),
            stream,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ])
    };
    let lost = |pdf: Vec<u8>| read_pages(&pdf).unwrap().remove(0).lost;
    assert_eq!(
        lost(page(&good, "/Filter /FlateDecode", "5 0 R")),
        Vec::<String>::new()
    );
    let l = lost(page(&flipped, "/Filter /FlateDecode", "5 0 R"));
    assert!(l.iter().any(|r| r.contains("corrupt")), "{l:?}");
    let l = lost(page(&good, "/Filter /BogusDecode", "5 0 R"));
    assert_eq!(
        l,
        ["the content stream uses the unsupported filter /BogusDecode"]
    );
    let l = lost(page(&good, "/Filter /FlateDecode", "9 0 R"));
    assert_eq!(l, ["font /F1 is missing"]);
    // Under an ASCII85 layer the corrupt zlib data is found too (the interpreter's own
    // inflater would return what it could read).
    let l = lost(page(
        &ascii85(&good),
        "/Filter [/ASCII85Decode /FlateDecode]",
        "5 0 R",
    ));
    assert_eq!(l, Vec::<String>::new());
    let l = lost(page(
        &ascii85(&flipped),
        "/Filter [/ASCII85Decode /FlateDecode]",
        "5 0 R",
    ));
    assert_eq!(l, ["the content stream holds corrupt zlib data"]);
}

/// ASCII85 as PDF writes it (PDF 32000-1 §7.4.3), for the test above.
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(4) {
        let mut b = [0u8; 4];
        b[..chunk.len()].copy_from_slice(chunk);
        let mut v = u32::from_be_bytes(b);
        if chunk.len() == 4 && v == 0 {
            out.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = (v % 85) as u8 + b'!';
            v /= 85;
        }
        out.extend_from_slice(&digits[..chunk.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}

/// The content the damage check hands to the interpreter (so that it is not inflated twice)
/// is byte for byte what the interpreter decodes itself: plain zlib and raw deflate, a
/// filter chain, a `/Contents` array with an uncompressed and a missing stream. Where the
/// interpreter would read a stream leniently (corrupt zlib) or skip a filter it does not
/// know, nothing is handed over and the interpreter decodes the page as before.
#[test]
fn content_handed_to_the_interpreter_is_what_it_decodes() {
    use hayro_syntax::Pdf;
    use std::io::Write;
    let text = b"BT /F1 12 Tf 10 10 Td (some text on the page) Tj ET\n".repeat(20);
    let zlib = {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).unwrap();
        z.finish().unwrap()
    };
    let raw_deflate = {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"BT /F1 9 Tf 5 5 Td (deflate) Tj ET").unwrap();
        z.finish().unwrap()
    };
    let mut corrupt = zlib.clone();
    let mid = corrupt.len() / 2;
    corrupt[mid] ^= 0x5A;
    let stream = |data: &[u8], filter: &str| -> Vec<u8> {
        let mut s = format!("<< /Length {} {filter} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    };
    let pdf = |contents: &str, streams: Vec<Vec<u8>>| -> Vec<u8> {
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 400] \
                 /Resources << /Font << /F1 5 0 R >> >> /Contents {contents} >>"
            )
            .into_bytes(),
            streams[0].clone(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ];
        objects.extend(streams.into_iter().skip(1));
        common::build_pdf_bytes(&objects)
    };
    // What the check hands over, and what hayro decodes on a page it was not handed to.
    let both = |bytes: Vec<u8>| -> (Option<Vec<u8>>, Option<Vec<u8>>) {
        let checked = Pdf::new(bytes.clone()).unwrap();
        let check = kouteihyo::pdf::damage::of_page(&checked.pages()[0], &Default::default());
        let own = Pdf::new(bytes).unwrap();
        let decoded = own.pages()[0].page_stream().map(<[u8]>::to_vec);
        (check.content, decoded)
    };
    for bytes in [
        pdf("4 0 R", vec![stream(&zlib, "/Filter /FlateDecode")]),
        pdf("4 0 R", vec![stream(&raw_deflate, "/Filter /Fl")]),
        pdf(
            "4 0 R",
            vec![stream(
                &ascii85(&zlib),
                "/Filter [/ASCII85Decode /FlateDecode]",
            )],
        ),
        pdf(
            "[4 0 R 6 0 R 9 0 R 7 0 R]",
            vec![
                stream(&zlib, "/Filter /FlateDecode"),
                stream(b"BT /F1 8 Tf 1 1 Td (plain) Tj ET", ""),
                stream(&raw_deflate, "/Filter /FlateDecode"),
            ],
        ),
    ] {
        let (handed, decoded) = both(bytes);
        assert!(handed.is_some(), "nothing handed over");
        assert_eq!(handed, decoded);
    }
    for bytes in [
        pdf("4 0 R", vec![stream(&corrupt, "/Filter /FlateDecode")]),
        pdf("4 0 R", vec![stream(&zlib, "/Filter /BogusDecode")]),
        pdf(
            "[6 0 R 4 0 R]",
            vec![
                stream(&corrupt, "/Filter /FlateDecode"),
                stream(&zlib, "/Filter /FlateDecode"),
            ],
        ),
    ] {
        let (handed, decoded) = both(bytes);
        assert_eq!(handed, None);
        assert!(decoded.is_some(), "hayro reads the page leniently");
    }
}

/// The embedded fonts and ToUnicode maps the damage check inflated are handed to the
/// document, and what the interpreter then gets for them is what it decodes itself.
#[test]
fn font_streams_handed_to_the_interpreter_are_what_it_decodes() {
    use hayro_syntax::object::{Array, Dict, Stream};
    use hayro_syntax::Pdf;
    for name in ["libreoffice-truetype.pdf", "chromium-identity-h.pdf"] {
        let bytes = fixture(name);
        let checked = Pdf::new(bytes.clone()).unwrap();
        let own = Pdf::new(bytes).unwrap();
        let seen = Default::default();
        let mut handed = 0;
        for (page, fresh) in checked.pages().iter().zip(own.pages().iter()) {
            kouteihyo::pdf::damage::of_page(page, &seen);
            let fonts = &page.resources().fonts;
            for font_name in fonts.keys() {
                let font = fonts.get::<Dict<'_>>(font_name.as_ref()).unwrap();
                let descendant = font
                    .get::<Array<'_>>(b"DescendantFonts".as_slice())
                    .and_then(|a| a.iter::<Dict<'_>>().next())
                    .unwrap_or_else(|| font.clone());
                let descriptor = descendant.get::<Dict<'_>>(b"FontDescriptor".as_slice());
                let mut streams: Vec<Stream<'_>> = font
                    .get::<Stream<'_>>(b"ToUnicode".as_slice())
                    .into_iter()
                    .collect();
                for key in ["FontFile", "FontFile2", "FontFile3"] {
                    streams.extend(
                        descriptor
                            .as_ref()
                            .and_then(|d| d.get::<Stream<'_>>(key.as_bytes())),
                    );
                }
                for s in streams {
                    let id = s.dict().obj_id().unwrap();
                    // Already handed in: a second hand-over is refused.
                    if !page.xref().provide_decoded(id, Vec::new().into()) {
                        handed += 1;
                    }
                    let theirs = fresh.xref().get::<Stream<'_>>(id).unwrap();
                    assert_eq!(
                        s.decoded_data().unwrap(),
                        theirs.decoded_data().unwrap(),
                        "{name}: stream {id:?}"
                    );
                }
            }
        }
        assert!(handed > 0, "{name}: no font stream was handed over");
    }
}
