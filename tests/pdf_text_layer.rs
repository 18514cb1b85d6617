//! Text you can trust (issue 12): garbled ToUnicode maps are recovered from the embedded font
//! where it can tell, and fail with a clear error where it cannot; good files see no change.
//!
//! The fixtures (`fixtures/pdf-variants/tounicode-*.pdf`, made by
//! `scripts/pdf-fixtures/text_layer.py`) rewrite the ToUnicode maps of two good variants:
//! `chromium-identity-h.pdf` (a CID TrueType subset that keeps its Unicode cmap) and
//! `libreoffice-truetype.pdf` (simple TrueType subsets whose only cmap maps the PDF's own codes).

mod common;

use kouteihyo::error::{ErrorKind, PdfError};
use kouteihyo::pdf::content::read_pages;
use std::path::PathBuf;

fn variant(name: &str) -> PathBuf {
    common::root().join("fixtures/pdf-variants").join(name)
}

fn glyph_texts(name: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(variant(name)).unwrap();
    read_pages(&bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .into_iter()
        .map(|p| p.glyphs.into_iter().map(|g| g.text.into_string()).collect())
        .collect()
}

fn convert(name: &str) -> kouteihyo::error::Result<kouteihyo::edition::Edition> {
    kouteihyo::input::convert_file(&variant(name))
}

/// The recovered variants read glyph for glyph like the file they were made from, and give
/// the same sheets, with one `text-recovered` warning naming the font, page and source.
#[test]
fn recovered_variants_read_like_the_original() {
    let original = glyph_texts("chromium-identity-h.pdf");
    let original_ed = convert("chromium-identity-h.pdf").unwrap();
    assert!(!original_ed
        .warnings
        .iter()
        .any(|w| w.code.as_str() == "text-recovered"));
    let sheets = serde_json::to_value(&original_ed.sheets).unwrap();
    for (name, sign) in [
        ("tounicode-latin1-kana-cid.pdf", "Latin-1 letters among"),
        (
            "tounicode-identity-cid.pdf",
            "code point of the same number",
        ),
        ("tounicode-missing-cid.pdf", "no Unicode"),
    ] {
        assert_eq!(glyph_texts(name), original, "{name}: glyph texts");
        let ed = convert(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            serde_json::to_value(&ed.sheets).unwrap(),
            sheets,
            "{name}: sheets"
        );
        let recovered: Vec<_> = ed
            .warnings
            .iter()
            .filter(|w| w.code.as_str() == "text-recovered")
            .collect();
        assert_eq!(recovered.len(), 1, "{name}: {:?}", ed.warnings);
        let w = recovered[0];
        assert_eq!(w.page, Some(1));
        for part in ["AAAAAA+IPAexGothic", sign, "TrueType cmap", "1119 glyphs"] {
            assert!(
                w.message.contains(part),
                "{name}: {part:?} in {}",
                w.message
            );
        }
        // No other warning appears: the text is whole again.
        assert_eq!(
            ed.warnings.len(),
            original_ed.warnings.len() + 1,
            "{name}: {:?}",
            ed.warnings
        );
    }
}

/// Where the embedded font cannot tell (LibreOffice's subsets keep only a cmap from the PDF's
/// own codes to glyphs, and no glyph names), the file fails, naming the font, page and sign.
#[test]
fn unrecoverable_variants_fail_naming_the_font() {
    for (name, font, sign, sample) in [
        (
            "tounicode-latin1-kana-subset.pdf",
            "BAAAAA+IPAexGothic",
            "Latin-1 letters among",
            "¹¸å",
        ),
        (
            "tounicode-identity-subset.pdf",
            "IPAexGothic",
            "code point of the same number",
            "",
        ),
        (
            "tounicode-missing-subset.pdf",
            "IPAexGothic",
            "no Unicode",
            "codes 0x01",
        ),
    ] {
        let e = convert(name)
            .err()
            .unwrap_or_else(|| panic!("{name} converted"));
        let ErrorKind::Pdf(PdfError::TextLayerUnreadable {
            font: f,
            page,
            sample: s,
            reason,
        }) = e.kind()
        else {
            panic!("{name}: {e}");
        };
        assert!(f.ends_with(font) && f.contains('+'), "{name}: {f}");
        assert_eq!(*page, 1);
        assert!(reason.contains(sign), "{name}: {reason}");
        assert!(s.starts_with(sample), "{name}: {s}");
        let text = e.to_string();
        assert!(
            text.starts_with(&format!(
                "{}: text layer unreadable: font {f} on page 1 ",
                variant(name).display()
            )) && text.ends_with("OCR or the text dump is needed"),
            "{text}"
        );
        // `read_pages` (and with it `inspect`) fails the same way.
        let bytes = std::fs::read(variant(name)).unwrap();
        assert!(matches!(
            read_pages(&bytes),
            Err(PdfError::TextLayerUnreadable { .. })
        ));
    }
}

/// No false alarm: every other variant and every bundled edition reads without a
/// `text-recovered` warning and without the new error.
#[test]
fn good_files_raise_no_alarm() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::root().join("fixtures/pdf-variants"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "pdf")
                && !p
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("tounicode-")
        })
        .collect();
    files.extend(common::editions().iter().map(|e| common::pdf_path(e)));
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    for p in files {
        match kouteihyo::input::convert_file(&p) {
            Ok(ed) => assert!(
                !ed.warnings
                    .iter()
                    .any(|w| w.code.as_str() == "text-recovered"),
                "{}: {:?}",
                p.display(),
                ed.warnings
            ),
            Err(e) => assert!(
                !matches!(
                    e.kind(),
                    ErrorKind::Pdf(PdfError::TextLayerUnreadable { .. })
                ),
                "{}: {e}",
                p.display()
            ),
        }
    }
}
