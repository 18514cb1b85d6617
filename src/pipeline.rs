//! The conversion flow: front-end → table model → column roles → measures → enrichment →
//! [`Edition`]. The only place that knows both front-ends besides the CLI's dispatching files.

use crate::decode::{decode, LineEndings};
use crate::edition::{
    Callout, Cell, Column, Edition, Item, Sheet, Source, SourceFormat, Text, SCHEMA_VERSION,
};
use crate::enrich::tables;
use crate::error::Result;
use crate::measures::build_measures;
use crate::model::{
    Provenance, RawBlock, RawCell, RawDocument, RawHeader, RawSheet, Warning, WarningCode,
};
use crate::roles::{parse_phase, role_of_label, Role};
use crate::tables::Tables;
use crate::text::normalize::normalize;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// How the front-end's strings become [`Text`]: HTML text has character references.
fn text_of(html: bool) -> fn(&str) -> Text {
    if html {
        Text::from_html
    } else {
        Text::new
    }
}

fn texts(blocks: &[RawBlock], html: bool) -> Vec<Text> {
    blocks.iter().map(|b| text_of(html)(&b.raw)).collect()
}

/// For each of `n_cols` columns, the first header cell (in header order) that spans it.
/// Each column is handed out once, so the work is linear in headers and columns.
fn header_of_columns(header: &[RawHeader], n_cols: usize) -> Vec<Option<&RawHeader>> {
    let mut of: Vec<Option<&RawHeader>> = vec![None; n_cols];
    let mut free: std::collections::BTreeSet<usize> = (0..n_cols).collect();
    for h in header {
        let end = h.col.saturating_add(h.col_span).min(n_cols);
        let taken: Vec<usize> = free.range(h.col..end.max(h.col)).copied().collect();
        for c in taken {
            free.remove(&c);
            of[c] = Some(h);
        }
    }
    of
}

/// Where item `k` of a cell was read: what the front-end knows of the item, the rest from the
/// cell (an item without a place of its own is where its cell is).
fn item_source(cell: &RawCell, k: usize) -> Provenance {
    let own = cell.item_sources.get(k).copied().unwrap_or_default();
    Provenance {
        page: own.page.or(cell.source.page),
        bbox: own.bbox.or(cell.source.bbox),
        line: own.line.or(cell.source.line),
    }
}

fn sheet_from(raw: RawSheet, html: bool) -> Sheet {
    let text = text_of(html);
    let header_of = header_of_columns(&raw.header, raw.n_cols);
    let columns: Vec<Column> = (0..raw.n_cols)
        .map(|i| {
            let label = header_of[i].map_or("", |h| h.raw.as_str());
            let label = text(label);
            let role = role_of_label(&label.text, i == 0);
            let phase = if role == Role::Phase {
                parse_phase(&label.text)
            } else {
                None
            };
            Column {
                index: i,
                role,
                label,
                phase,
            }
        })
        .collect();
    let cells: Vec<Cell> = raw
        .cells
        .iter()
        .map(|c| Cell {
            row: c.row,
            col: c.col,
            row_span: c.row_span,
            col_span: c.col_span,
            list: c.list,
            items: c
                .items
                .iter()
                .enumerate()
                .map(|(k, i)| {
                    let t = match c.markers.get(k) {
                        Some(true) => Text::item_after_marker(i),
                        _ => text(i),
                    };
                    Item::new(t, item_source(c, k))
                })
                .collect(),
            source: c.source,
        })
        .collect();
    let mut sheet = Sheet {
        number: raw.number,
        page: raw.page,
        heading: text(&raw.heading),
        labels: texts(&raw.labels, html),
        callouts: raw
            .callouts
            .iter()
            .map(|b| {
                let t = text(&b.raw);
                Callout {
                    raw: t.raw,
                    text: t.text,
                    row: b.anchor.map(|a| a.0),
                    col: b.anchor.map(|a| a.1),
                }
            })
            .collect(),
        footnotes: texts(&raw.footnotes, html),
        columns,
        n_rows: raw.n_rows,
        cells,
        measures: Vec::new(),
        quality: raw.quality,
    };
    sheet.measures = build_measures(&sheet);
    sheet
}

/// Compiles the regexes a conversion uses, by calling once each function that owns one, so
/// that a spare thread does it while the first file is read. Compiled on first use instead,
/// each was built by the worker that needed it first while the other worker waited for it
/// (a millisecond or two of a 13-page PDF). Only speed depends on it: a regex it misses is
/// compiled on first use as before.
pub fn warm_up() {
    let _ = crate::text::lexicon::CALLOUT.is_match("再掲");
    let _ = crate::text::lexicon::heading_number("工程表①");
    // The range, fiscal-year and calendar patterns are tried before the month one.
    let _ = parse_phase("令和7年6月");
    let _ = as_of_date("2025年6月末時点");
    let _ = crate::enrich::programs::parse_programs("事業(令和7年度当初予算1億円)");
    let _ = crate::enrich::programs::amount_jpy("1億円");
}

/// The as-of date stated by `※…時点` footnotes (2025年6月末時点 → 2025-06-30).
pub fn as_of_date(footnote: &str) -> Option<String> {
    use regex::Regex;
    use std::sync::LazyLock;
    static AS_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([0-9]{4})年([0-9]{1,2})月(末|([0-9]{1,2})日)?(時点|現在)")
            .expect("as-of regex")
    });
    let t = crate::roles::eras_to_western(&normalize(footnote).replace(' ', ""));
    let c = AS_OF.captures(&t)?;
    let y: i32 = c[1].parse().ok()?;
    let m: u32 = c[2].parse().ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let last = match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let d: u32 = match c.get(4) {
        Some(d) => d.as_str().parse().ok().filter(|d| (1..=last).contains(d))?,
        None => last,
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Builds the edition from what a front-end read. `fallback` names the edition when no as-of date is printed.
pub fn assemble(doc: RawDocument, source: Source, fallback: &str) -> Edition {
    let mut warnings = doc.warnings;
    let title = (!doc.cover.is_empty()).then(|| text_of(doc.html_text)(&doc.cover.join("\n")));
    let mut dates: Vec<String> = doc
        .sheets
        .iter()
        .flat_map(|s| s.footnotes.iter())
        .filter_map(|f| as_of_date(&f.raw))
        .collect();
    dates.sort();
    dates.dedup();
    if dates.len() > 1 {
        warnings.push(Warning::new(
            WarningCode::AsOfConflict,
            None,
            None,
            format!(
                "footnotes give several as-of dates ({}); the latest is used",
                dates.join(", ")
            ),
        ));
    }
    let as_of = dates.last().cloned();
    if as_of.is_none() {
        warnings.push(Warning::new(
            WarningCode::AsOfMissing,
            None,
            None,
            "no ※…時点 footnote gives an as-of date",
        ));
    }
    let edition = as_of
        .as_ref()
        .map_or_else(|| fallback.to_string(), |d| d[..7].to_string());
    // One `low-quality` warning per sheet whose self-checks fall below their thresholds.
    for s in &doc.sheets {
        if let Some(low) = crate::quality::check(s.number, s.page, s.quality.as_ref()) {
            let mut w = Warning::new(
                WarningCode::LowQuality,
                Some(s.number),
                None,
                format!(
                    "{} may be misread: the reader's self-checks are below their thresholds ({})",
                    crate::quality::sheet_name(s.number),
                    low.reasons()
                ),
            );
            w.page = low.page;
            warnings.push(w);
        }
    }
    let html = doc.html_text;
    // Each sheet is built on its own, the sheets in parallel.
    let sheets = doc
        .sheets
        .into_par_iter()
        .map(|s| sheet_from(s, html))
        .collect();
    let mut ed = Edition {
        schema_version: SCHEMA_VERSION.to_string(),
        edition,
        title,
        as_of,
        complete: doc.lost_pages.is_empty(),
        source,
        warnings,
        sheets,
        enriched: Tables::default(),
    };
    crate::trace::mark("sheets assembled");
    let (enriched, more) = tables(&ed);
    crate::trace::mark("tables enriched");
    ed.enriched = enriched;
    ed.warnings.extend(more);
    ed
}

/// The front-ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    /// PDF slides: glyphs and ruling lines.
    Pdf,
    /// A tab-separated text dump.
    Dump,
}

impl FrontEnd {
    /// The front-end that reads `bytes`: PDF if they look like one (see [`crate::pdf::is_pdf`]),
    /// else the text dump, whose decoder refuses other binary formats by name.
    pub fn of(bytes: &[u8]) -> FrontEnd {
        if crate::pdf::is_pdf(bytes) {
            FrontEnd::Pdf
        } else {
            FrontEnd::Dump
        }
    }
}

/// How the front-ends read an input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// Keep what could be read of pages that cannot be read whole, with a warning per page,
    /// instead of failing (the edition is then marked `complete: false`).
    pub partial: bool,
    /// How the PDF front-end finds tables (`inspect` draws with the same).
    pub pdf: crate::pdf::Settings,
    /// The PDF pages to read (all without it). A text dump has no pages: selecting pages
    /// of one is an error, not a silent full read.
    pub pages: Option<crate::pdf::PageSelection>,
}

/// Runs the front-end on `bytes`: the table model and where it came from.
fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<(RawDocument, Source)> {
    let mut source = Source {
        file: name.to_string(),
        format: SourceFormat::Pdf,
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        encoding: None,
        line_endings: None,
    };
    let doc = match FrontEnd::of(bytes) {
        FrontEnd::Pdf => {
            crate::pdf::reader::read_with(bytes, opts.partial, &opts.pdf, opts.pages.as_ref())?
        }
        FrontEnd::Dump if opts.pages.is_some() => {
            return Err(crate::error::Error::new(crate::error::ErrorKind::Usage(
                "--pages selects pages of a PDF; this input is a text dump, which has none".into(),
            )))
        }
        FrontEnd::Dump => {
            let decoded = decode(bytes)?;
            source.format = SourceFormat::TextDump;
            source.encoding = Some(decoded.encoding.label().to_string());
            source.line_endings = Some(line_endings_label(decoded.line_endings).to_string());
            crate::dump::read(&decoded.text)?
        }
    };
    Ok((doc, source))
}

fn line_endings_label(l: LineEndings) -> &'static str {
    match l {
        LineEndings::Lf => "lf",
        LineEndings::Crlf => "crlf",
        LineEndings::Cr => "cr",
        LineEndings::Mixed => "mixed",
        LineEndings::None => "none",
    }
}

/// The whole conversion of the bytes of an input named `name` (its stem names the edition
/// when no as-of date is printed): front-end, then [`assemble`].
pub fn convert(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Edition> {
    let (doc, source) = read(name, bytes, opts)?;
    crate::trace::mark("front-end done");
    crate::limits::check(&doc).map_err(crate::error::ErrorKind::Exceeded)?;
    let stem = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    Ok(assemble(doc, source, stem))
}

/// The SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_takes_the_first_header_that_spans_it() {
        let h = |col: usize, col_span: usize, raw: &str| RawHeader {
            col,
            col_span,
            raw: raw.to_string(),
        };
        let header = [
            h(1, 2, "a"),
            h(2, 3, "b"),
            h(0, 1, "c"),
            h(9, usize::MAX, "d"),
            h(6, 0, "e"),
            h(3, 1, "f"),
        ];
        let n_cols = 8;
        let got: Vec<Option<&str>> = header_of_columns(&header, n_cols)
            .iter()
            .map(|h| h.map(|h| h.raw.as_str()))
            .collect();
        let linear: Vec<Option<&str>> = (0..n_cols)
            .map(|i| {
                header
                    .iter()
                    .find(|h| h.col <= i && i - h.col < h.col_span)
                    .map(|h| h.raw.as_str())
            })
            .collect();
        assert_eq!(got, linear);
        assert_eq!(
            got,
            [
                Some("c"),
                Some("a"),
                Some("a"),
                Some("b"),
                Some("b"),
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn as_of_from_footnotes() {
        assert_eq!(
            as_of_date("※2025年6月末時点").as_deref(),
            Some("2025-06-30")
        );
        assert_eq!(
            as_of_date("※2 2025年6月末時点").as_deref(),
            Some("2025-06-30")
        );
        assert_eq!(
            as_of_date("※２０２４年１２月末時点").as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(
            as_of_date("※令和7年2月末時点").as_deref(),
            Some("2025-02-28")
        );
        assert_eq!(
            as_of_date("※2024年2月末時点").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            as_of_date("※令和6年11月1日時点").as_deref(),
            Some("2024-11-01")
        );
        assert_eq!(as_of_date("※適宜、最新情報に基づき更新"), None);
        assert_eq!(as_of_date("※2025年2月30日時点"), None);
    }
}
