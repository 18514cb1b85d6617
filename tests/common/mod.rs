//! Helpers shared by the integration tests: fixture paths and conversion.
#![allow(dead_code)]

use kouteihyo::edition::Edition;
use std::path::PathBuf;

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
