//! Nothing is dropped or doubled: every printed character of a dump ends up exactly once in the output.

mod common;

use kouteihyo::decode::decode;
use kouteihyo::edition::Edition;
use regex::Regex;
use std::collections::BTreeMap;

fn count(text: &str, into: &mut BTreeMap<char, i64>, sign: i64) {
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *into.entry(c).or_insert(0) += sign;
    }
}

/// Every raw string of the output that stands for source text (the measures view repeats cells, so it is left out).
fn output_raw(ed: &Edition) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    if let Some(t) = &ed.title {
        v.push(&t.raw);
    }
    for s in &ed.sheets {
        v.push(&s.heading.raw);
        v.extend(s.labels.iter().map(|l| l.raw.as_str()));
        v.extend(s.callouts.iter().map(|l| l.raw.as_str()));
        v.extend(s.footnotes.iter().map(|l| l.raw.as_str()));
        v.extend(s.columns.iter().map(|c| c.label.raw.as_str()));
        for c in &s.cells {
            v.extend(c.items.iter().map(|i| i.raw.as_str()));
        }
    }
    v
}

fn assert_every_character_kept(name: &str, input: &str, ed: &Edition) {
    let markup = Regex::new(r"</?[A-Za-z][^<>]*>").unwrap();
    let mut balance = BTreeMap::new();
    count(&markup.replace_all(input, " "), &mut balance, 1);
    for raw in output_raw(ed) {
        count(raw, &mut balance, -1);
    }
    let off: Vec<String> = balance
        .iter()
        .filter(|(_, n)| **n != 0)
        .map(|(c, n)| format!("{c:?}: {n:+}"))
        .collect();
    assert!(
        off.is_empty(),
        "{name}: characters lost (+) or doubled (-): {}",
        off.join(", ")
    );
}

#[test]
fn every_fixture_keeps_every_character() {
    for e in common::editions() {
        let bytes = std::fs::read(common::dump_path(&e)).unwrap();
        let text = decode(&bytes).unwrap().text;
        let ed = common::convert_dump(&e);
        assert!(
            ed.sheets.len() >= 10,
            "{e}: only {} sheets",
            ed.sheets.len()
        );
        assert_every_character_kept(&e, &text, &ed);
    }
}

#[test]
fn other_encodings_and_line_endings_read_the_same() {
    let e = "2025-06";
    let text = decode(&std::fs::read(common::dump_path(e)).unwrap())
        .unwrap()
        .text;
    let base = common::convert_dump(e);
    let crlf = text.replace('\n', "\r\n");
    // Shift_JIS has no U+2022 bullet; compare that variant with the UTF-8 reading of the same text.
    let sjis_text = crlf.replace('•', "・");
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(&sjis_text);
    assert!(
        !bad,
        "the fixture is representable in Shift_JIS once • is replaced"
    );
    let sjis_base = kouteihyo::input::convert_bytes("followup.txt", sjis_text.as_bytes()).unwrap();
    let sjis_ed = kouteihyo::input::convert_bytes("followup.txt", &sjis).unwrap();
    assert_eq!(sjis_ed.source.encoding.as_deref(), Some("shift_jis"));
    assert_eq!(sjis_ed.source.line_endings.as_deref(), Some("crlf"));
    assert_eq!(
        sjis_ed.sheets, sjis_base.sheets,
        "Shift_JIS reads like UTF-8"
    );
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(crlf.as_bytes());
    for (label, bytes, encoding, endings) in [
        ("utf-16le", utf16le, "utf-16le", "lf"),
        ("utf-8 bom crlf", bom, "utf-8-bom", "crlf"),
    ] {
        let ed = kouteihyo::input::convert_bytes("followup.txt", &bytes).unwrap();
        assert_eq!(ed.source.encoding.as_deref(), Some(encoding), "{label}");
        assert_eq!(ed.source.line_endings.as_deref(), Some(endings), "{label}");
        assert_eq!(
            ed.sheets, base.sheets,
            "{label}: sheets differ from the UTF-8 reading"
        );
        assert_eq!(ed.title, base.title, "{label}");
        assert_eq!(ed.as_of, base.as_of, "{label}");
    }
}
