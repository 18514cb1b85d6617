//! Helpers shared by the integration tests: fixture paths, conversion, running the binary, hand-written PDFs.
#![allow(dead_code)]

pub mod gold;

use kouteihyo::edition::Edition;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Edition ids of the bundled fixtures, sorted.
pub fn editions() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("fixtures/editions"))
        .expect("fixtures/editions")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

pub fn dump_path(edition: &str) -> PathBuf {
    root()
        .join("fixtures/editions")
        .join(edition)
        .join("followup.txt")
}

pub fn convert_dump(edition: &str) -> Edition {
    let p = dump_path(edition);
    kouteihyo::input::convert_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn pdf_path(edition: &str) -> PathBuf {
    root()
        .join("fixtures/editions")
        .join(edition)
        .join("followup.pdf")
}

pub fn convert_pdf(edition: &str) -> Edition {
    let p = pdf_path(edition);
    kouteihyo::input::convert_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Runs the `kouteihyo` binary with `args` in `cwd`.
pub fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kouteihyo"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("runs")
}

/// The standard error of a run, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A PDF with the given objects (object n is `objects[n - 1]`), a correct xref table and
/// `/Root 1 0 R`.
pub fn build_pdf(objects: &[String]) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = objects.iter().map(|o| o.as_bytes().to_vec()).collect();
    build_pdf_bytes(&objects)
}

/// As [`build_pdf`], with object bodies as bytes (for binary stream data).
pub fn build_pdf_bytes(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The characters where the reader and the oracle differ, one per line.
pub fn differences(ours: &BTreeMap<char, usize>, theirs: &BTreeMap<char, usize>) -> String {
    let keys: BTreeSet<char> = ours.keys().chain(theirs.keys()).copied().collect();
    let mut diff = String::new();
    for c in keys {
        let (a, b) = (
            ours.get(&c).copied().unwrap_or(0),
            theirs.get(&c).copied().unwrap_or(0),
        );
        if a != b {
            diff.push_str(&format!(
                "  {c:?} U+{:04X}: ours {a}, oracle {b}\n",
                c as u32
            ));
        }
    }
    diff
}

/// Flips one byte in the middle of the stream data of the object that the first page's
/// `/Contents N 0 R` names: a damaged content stream with every offset still right.
pub fn damage_first_content_stream(pdf: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/Contents ").expect("a /Contents entry");
    let num: String = text[at + 10..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let obj = text
        .find(&format!("\n{num} 0 obj"))
        .expect("the content stream object");
    let start = obj + text[obj..].find("stream").expect("stream keyword") + "stream".len();
    let start = start
        + if text[start..].starts_with("\r\n") {
            2
        } else {
            1
        };
    let end = obj + text[obj..].find("endstream").expect("endstream");
    let mut out = pdf.to_vec();
    let mid = start + (end - start) / 2;
    out[mid] ^= 0x5A;
    out
}

/// The table model the dump front-end reads from a fixture dump.
pub fn raw_dump(edition: &str) -> kouteihyo::model::RawDocument {
    let bytes = std::fs::read(dump_path(edition)).expect("fixture dump");
    let text = kouteihyo::decode::decode(&bytes).expect("decodes").text;
    kouteihyo::dump::read(&text).expect("reads")
}

/// The edition of a table model, as `pipeline::assemble` makes it for an input `name`.
pub fn assemble(doc: kouteihyo::model::RawDocument, name: &str) -> Edition {
    let source = kouteihyo::edition::Source {
        file: name.to_string(),
        format: kouteihyo::edition::SourceFormat::Pdf,
        sha256: "0".repeat(64),
        bytes: 0,
        encoding: None,
        line_endings: None,
    };
    kouteihyo::pipeline::assemble(doc, source, name)
}

/// A fixture dump's table model dressed as a PDF reading: sheet `i` on page `i + 2`, every
/// cell with a box from its grid slot, the first item of multi-item cells with a box of its
/// own, and the given quality figures per sheet (by position; `None` leaves a sheet without).
pub fn as_pdf_reading(
    mut doc: kouteihyo::model::RawDocument,
    quality: &[Option<kouteihyo::model::SheetQuality>],
) -> kouteihyo::model::RawDocument {
    use kouteihyo::model::Provenance;
    for (i, s) in doc.sheets.iter_mut().enumerate() {
        let page = i as u32 + 2;
        s.page = Some(page);
        s.quality = quality.get(i).cloned().flatten();
        for c in &mut s.cells {
            let (x0, top) = (40.0 + 90.0 * c.col as f64, 80.0 + 45.5 * c.row as f64);
            let bbox = [
                x0,
                top,
                x0 + 90.0 * c.col_span as f64,
                top + 45.5 * c.row_span as f64,
            ];
            c.source = Provenance {
                page: Some(page),
                bbox: Some(bbox),
                line: None,
            };
            c.item_sources = if c.items.len() > 1 {
                vec![Provenance {
                    page: None,
                    bbox: Some([bbox[0] + 2.0, bbox[1] + 2.0, bbox[2] - 2.0, bbox[1] + 12.0]),
                    line: None,
                }]
            } else {
                Vec::new()
            };
        }
    }
    doc
}
