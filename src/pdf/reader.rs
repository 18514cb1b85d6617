//! PDF front-end: glyphs and ruling lines of each page → the shared table model.

use super::content::{PageContent, PdfError};
use super::geom::BBox;
use super::glyph::Glyph;
use super::items::{items_at, opens_with_bullet, right_edge, split_items, Typesetting};
use super::lines::{assign, blocks, mark_drawn_bullets, runs, text_lines, TextLine};
use super::table::header::is_header;
use super::table::spans::bounds;
use super::table::TextTolerances;
use super::table::{find, Settings, Table, TableFinding};
use super::tagged::TaggedTable;
use super::text_layer::is_suspect;
use crate::loose::Loose;
use crate::model::{
    Provenance, RawBlock, RawCell, RawDocument, RawHeader, RawSheet, SheetQuality, Strategy,
    StructureAgreement, Warning, WarningCode,
};
use crate::roles::role_of_label;
use crate::text::lexicon::{heading_number, CALLOUT};
use crate::text::normalize::normalize;
use rayon::prelude::*;

/// A page's table with the text lines of each cell and the right edge of its text area.
struct PageTable {
    /// What the finder did; its table is `Some`.
    finding: TableFinding,
    table: Table,
    /// Glyph indices per cell.
    assigned: Vec<Vec<usize>>,
    lines: Vec<Vec<TextLine>>,
    rights: Vec<f64>,
    /// Page number (1-based) and height, for provenance.
    page: usize,
    height: f64,
}

impl PageTable {
    fn new(mut finding: TableFinding, page: &PageContent, text: &TextTolerances) -> Option<Self> {
        let table = finding.table.take()?;
        let glyphs = &page.glyphs;
        let assigned = assign(&table, glyphs);
        let markers: Vec<BBox> = page
            .shapes
            .iter()
            .chain(&page.rects)
            .filter(|r| r.filled)
            .map(|r| r.bbox())
            .collect();
        let lines: Vec<Vec<TextLine>> = assigned
            .iter()
            .map(|ix| {
                let mut l = text_lines(&ix.iter().map(|&i| &glyphs[i]).collect::<Vec<_>>(), text);
                mark_drawn_bullets(&mut l, &markers);
                l
            })
            .collect();
        let rights = table
            .cells
            .iter()
            .zip(&lines)
            .map(|(c, l)| right_edge(l, c.x0, c.x1))
            .collect();
        Some(PageTable {
            finding,
            table,
            assigned,
            lines,
            rights,
            page: page.number,
            height: page.height,
        })
    }

    /// Provenance of a box on this page.
    fn at(&self, b: BBox) -> Provenance {
        Provenance {
            page: u32::try_from(self.page).ok(),
            bbox: Some(b.top_left(self.height)),
            line: None,
        }
    }
}

/// Reads the grid: the first row that reads like a header gives the logical columns (grid
/// columns inside one header cell are one column); rows above it are labels of the sheet.
fn read_table(
    page: &PageTable,
    votes: &Typesetting,
    tree: Option<&TaggedTable>,
    sheet: &mut RawSheet,
) -> Vec<String> {
    let mut settled = Vec::new();
    let table = &page.table;
    let text_of =
        |k: usize| -> Vec<String> { page.lines[k].iter().map(|l| l.text.clone()).collect() };
    let n_rows = table.ys.len().saturating_sub(1);
    let row_labels = |r: usize| -> Vec<(usize, usize, String)> {
        let mut v: Vec<(usize, usize, String)> = table
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.row == r)
            .map(|(k, c)| (c.col, c.col_span, text_of(k).join("\n")))
            .collect();
        v.sort_by_key(|h| h.0);
        v
    };
    let head_row = (0..n_rows)
        .find(|&r| is_header(&row_labels(r).into_iter().map(|h| h.2).collect::<Vec<_>>()))
        .unwrap_or(0);
    let header = row_labels(head_row);
    let n_grid = table.xs.len().saturating_sub(1);
    let logical: Vec<usize> = (0..n_grid)
        .map(|g| {
            header
                .iter()
                .position(|h| h.0 <= g && g < h.0 + h.1)
                .unwrap_or(0)
        })
        .collect();
    sheet.header = header
        .iter()
        .enumerate()
        .map(|(i, h)| RawHeader {
            col: i,
            col_span: 1,
            raw: h.2.clone(),
        })
        .collect();
    sheet.n_cols = header.len();
    sheet.n_rows = n_rows.saturating_sub(head_row + 1);
    // A measure cell holds one title: its line breaks are layout, not paragraphs. Which
    // columns hold measures, from their header labels.
    let titles: Vec<bool> = header_roles(&sheet.header)
        .into_iter()
        .map(|r| r == crate::roles::Role::Measure)
        .collect();
    for (k, c) in table.cells.iter().enumerate() {
        let mut lines = page.lines[k].clone();
        // A 再掲 box drawn over a cell: a callout anchored to the cell, not its text.
        if c.row > head_row {
            let at = (
                c.row - head_row - 1,
                logical.get(c.col).copied().unwrap_or(0),
            );
            lines.retain(|l| {
                let (cx, cy) = ((l.x0() + l.x1()) / 2.0, l.top - l.size / 2.0);
                let framed = page
                    .finding
                    .callouts
                    .iter()
                    .any(|b| b.contains(cx, cy, 0.0));
                let callout = framed && CALLOUT.is_match(l.text.trim());
                if callout {
                    sheet.callouts.push(RawBlock {
                        raw: l.text.trim().to_string(),
                        anchor: Some(at),
                    });
                }
                !callout
            });
        }
        if c.row < head_row {
            if !lines.is_empty() {
                let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
                sheet
                    .labels
                    .push(crate::model::RawBlock::loose(text.join("\n")));
            }
            continue;
        }
        if c.row == head_row {
            continue;
        }
        let col = logical.get(c.col).copied().unwrap_or(0);
        let title = titles.get(col).copied().unwrap_or(false);
        let (list, mut items) = split_items(&lines, page.rights[k], !title, votes);
        if items.is_empty() {
            continue;
        }
        // Paragraph breaks the typography cannot show (a line that ends at the cell's edge
        // and ends its paragraph all the same) are read from the structure tree.
        if let Some(ranges) = tree
            .filter(|_| !title)
            .and_then(|t| tree_paragraphs(t, c, &lines))
        {
            let typeset: Vec<_> = items.iter().map(|i| i.lines.clone()).collect();
            if ranges != typeset {
                settled.push(format!(
                    "row {} column {}: the structure tree has {} paragraphs in this cell where the typography shows {}; the tree's breaks are kept",
                    c.row - head_row,
                    logical.get(c.col).copied().unwrap_or(0) + 1,
                    ranges.len(),
                    typeset.len()
                ));
                items = items_at(&lines, &ranges, page.rights[k], votes);
            }
        }
        let first = logical.get(c.col).copied().unwrap_or(0);
        let last = logical
            .get(c.col + c.col_span - 1)
            .copied()
            .unwrap_or(first);
        sheet.cells.push(RawCell {
            row: c.row - head_row - 1,
            col: first,
            row_span: c.row_span,
            col_span: last - first + 1,
            list,
            markers: items.iter().map(|i| i.marker).collect(),
            source: page.at(BBox::new(c.x0, c.y0, c.x1, c.y1)),
            item_sources: items
                .iter()
                .map(|i| {
                    let b = BBox::union_all(lines[i.lines.clone()].iter().map(TextLine::bbox));
                    b.map_or_else(Provenance::default, |b| page.at(b))
                })
                .collect(),
            items: items.into_iter().map(|i| i.raw).collect(),
        });
    }
    sheet.cells.sort_by_key(|c| (c.row, c.col));
    settled
}

/// Where the ruled grid and the structure tree disagree on a cell, the tree settles it, within
/// the grid's own rules (it never invents an edge):
///
/// - a ruled cell spanning several grid slots that holds the content of two or more tree
///   cells lying in different slots is split along the grid edges between them (a rule the
///   geometry lost or dropped: a 再掲 box on it, a rule drawn per cell with a gap);
/// - a tree cell whose content covers two or more ruled cells of one row, holding all of
///   their text, merges them (an entry spanning phases drawn without a box).
///
/// Returns one message per decision.
fn settle_spans(table: &mut Table, tree: &TaggedTable, glyphs: &[Glyph]) -> Vec<String> {
    let mut out = Vec::new();
    let contents: Vec<BBox> = tree
        .rows
        .iter()
        .flatten()
        .filter_map(|c| c.content)
        .collect();
    let n_cols = table.xs.len().saturating_sub(1);
    let n_rows = table.ys.len().saturating_sub(1);
    let slot_of = |x: f64, y: f64| {
        let c = (0..n_cols).find(|&c| table.xs[c] <= x && x <= table.xs[c + 1])?;
        let r = (0..n_rows).find(|&r| table.ys[r + 1] <= y && y <= table.ys[r])?;
        Some((r, c))
    };
    // Splits first.
    let mut splits: Vec<(usize, Vec<BBox>)> = Vec::new();
    for (k, cell) in table.cells.iter().enumerate() {
        if cell.row_span * cell.col_span < 2 {
            continue;
        }
        let here = BBox::new(cell.x0, cell.y0, cell.x1, cell.y1);
        let inside: Vec<BBox> = contents
            .iter()
            .copied()
            .filter(|b| {
                let (x, y) = b.centre();
                here.contains(x, y, 0.0)
            })
            .collect();
        let mut slots: Vec<(usize, usize)> = inside
            .iter()
            .filter_map(|b| {
                let (x, y) = b.centre();
                slot_of(x, y)
            })
            .collect();
        slots.sort_unstable();
        slots.dedup();
        if inside.len() >= 2 && slots.len() == inside.len() {
            splits.push((k, inside));
        }
    }
    for (k, inside) in splits.into_iter().rev() {
        let cell = table.cells.remove(k);
        out.push(format!(
            "cell r{} c{}: the ruling lines give one cell of {}x{} slots, the structure tree {} cells; it is split along the grid as the tree has it",
            cell.row + 1,
            cell.col + 1,
            cell.row_span,
            cell.col_span,
            inside.len()
        ));
        for r in cell.row..cell.row + cell.row_span {
            for c in cell.col..cell.col + cell.col_span {
                table.cells.push(crate::pdf::table::GridCell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    x0: table.xs[c],
                    x1: table.xs[c + 1],
                    y1: table.ys[r],
                    y0: table.ys[r + 1],
                });
            }
        }
    }
    // Then merges.
    for tc in tree.rows.iter().flatten() {
        let Some(b) = tc.content else { continue };
        if tc.col_span < 2 {
            continue;
        }
        if let Some((row, col, span)) = crate::pdf::table::spans::merge_spanned(table, glyphs, b) {
            out.push(format!(
                "cells r{} c{}–c{}: the structure tree spans them with one cell; merged",
                row + 1,
                col + 1,
                col + span
            ));
        }
    }
    table.cells.sort_by_key(|c| (c.row, c.col));
    out
}

/// The item boundaries the structure tree gives a ruled cell: the cell's lines grouped by the
/// part (paragraph, list item) of the one tree cell whose content lies in the ruled cell,
/// with a new item at every line that opens with a bullet as well. `None` when no single tree
/// cell lies there, it has fewer than two parts, or its parts do not follow the lines in
/// order (then the tree does not settle anything).
fn tree_paragraphs(
    tree: &TaggedTable,
    cell: &crate::pdf::table::GridCell,
    lines: &[TextLine],
) -> Option<Vec<std::ops::Range<usize>>> {
    let here = BBox::new(cell.x0, cell.y0, cell.x1, cell.y1);
    let mut inside = tree.rows.iter().flatten().filter(|t| {
        t.content.is_some_and(|b| {
            let (x, y) = b.centre();
            here.contains(x, y, 0.0)
        })
    });
    let (one, None) = (inside.next()?, inside.next()) else {
        return None;
    };
    if one.parts.len() < 2 || lines.len() < 2 {
        return None;
    }
    let mut part_of = Vec::with_capacity(lines.len());
    let mut last = None;
    for l in lines {
        let (x, y) = l.bbox().centre();
        let p = one
            .parts
            .iter()
            .position(|b| b.contains(x, y, 1.0))
            .or(last)?;
        if last.is_some_and(|q| p < q) {
            return None;
        }
        part_of.push(p);
        last = Some(p);
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 1..lines.len() {
        if part_of[i] != part_of[i - 1] || opens_with_bullet(&lines[i]) {
            ranges.push(start..i);
            start = i;
        }
    }
    ranges.push(start..lines.len());
    (ranges.len() >= 2).then_some(ranges)
}

/// The largest table of the structure tree on page `page`.
fn tree_of(tagged: &[TaggedTable], page: usize) -> Option<&TaggedTable> {
    tagged
        .iter()
        .filter(|tt| tt.page == page)
        .max_by_key(|tt| tt.rows.iter().map(Vec::len).sum::<usize>())
}

/// A tagged PDF's structure tree as a second opinion on each page's table: where the tree's
/// largest table on the page disagrees with the ruling lines, a `structure-disagrees`
/// warning. Returns the agreement figures per sheet index.
fn second_opinion(
    tagged: &[TaggedTable],
    tables: &[(usize, PageTable)],
    doc: &mut RawDocument,
) -> std::collections::HashMap<usize, StructureAgreement> {
    let mut out = std::collections::HashMap::new();
    if tagged.is_empty() {
        return out;
    }
    for (i, t) in tables {
        let Some(tree) = tree_of(tagged, t.page) else {
            continue;
        };
        let sheet = doc.sheets[*i].number;
        let found = super::tagged::disagreements(tree, &t.table);
        out.insert(
            *i,
            StructureAgreement {
                cells_compared: tree.rows.iter().map(Vec::len).sum(),
                disagreements: found.len(),
                settled: 0,
            },
        );
        for m in found {
            doc.warnings.push(
                Warning::new(
                    WarningCode::StructureDisagrees,
                    Some(sheet),
                    None,
                    format!(
                        "page {}: {m} (the table is read from the ruling lines)",
                        t.page
                    ),
                )
                .on_page(t.page),
            );
        }
    }
    out
}

/// Reads a PDF into the shared model: one sheet per page with a heading.
pub fn read(bytes: &[u8]) -> Result<RawDocument, PdfError> {
    read_with(bytes, false, &Settings::default(), None)
}

/// Why a PDF without any text on its pages has none, from what the pages do hold.
fn no_text(pages: &[PageContent]) -> PdfError {
    let images: usize = pages.iter().map(|p| p.images).sum();
    let annotations: usize = pages.iter().map(|p| p.annotations).sum();
    if images > 0 {
        PdfError::NoTextLayer {
            pages: pages.len(),
            images,
        }
    } else if annotations > 0 {
        PdfError::TextOnlyInAnnotations { annotations }
    } else {
        PdfError::EmptyPages { pages: pages.len() }
    }
}

/// As [`read`], with options: `partial` keeps what could be read of damaged pages;
/// `settings` are the finder's tolerances (those `inspect` draws with); `pages` selects the
/// pages read (all without it).
pub fn read_with(
    bytes: &[u8],
    partial: bool,
    settings: &Settings,
    pages: Option<&super::PageSelection>,
) -> Result<RawDocument, PdfError> {
    let super::document::Document {
        pages,
        structure,
        recovered,
    } = super::document::read_selected(bytes, pages)?;
    let lost: Vec<(usize, String)> = pages
        .iter()
        .flat_map(|p| p.lost.iter().map(|r| (p.number, r.clone())))
        .collect();
    if !lost.is_empty() && !partial {
        return Err(PdfError::Incomplete(lost));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(no_text(&pages));
    }
    let text = settings.text.sanitized();
    let mut doc = RawDocument::default();
    doc.warnings.extend(recovered.iter().map(|r| r.warning()));
    // Each page is surveyed on its own, the pages in parallel: what is left to do in order
    // is cheap (which sheet loose text belongs to, the typesetting votes).
    let surveys: Vec<Option<Survey>> = pages
        .par_iter()
        .map(|page| survey(page, &structure, settings, &text))
        .collect();
    crate::trace::mark("pages surveyed");
    let mut votes = Typesetting::with(&text);
    let mut tables: Vec<(usize, PageTable)> = Vec::new();
    let mut strategies: Vec<(usize, Strategy)> = Vec::new();
    // Cells the structure tree re-drew on a page: (page, what was done).
    let mut span_decisions: Vec<(usize, String)> = Vec::new();
    for (page, survey) in pages.iter().zip(surveys) {
        page_warnings(page, &mut doc);
        let Some(survey) = survey else { continue };
        span_decisions.extend(survey.settled.into_iter().map(|m| (page.number, m)));
        if let Some(t) = &survey.table {
            for (lines, right) in t.lines.iter().zip(&t.rights) {
                votes.observe(lines, *right);
            }
        }
        match survey.text {
            PageText::Sheet(sheet) => {
                strategies.push((doc.sheets.len(), survey.strategy));
                if let Some(t) = survey.table {
                    tables.push((doc.sheets.len(), t));
                }
                doc.sheets.push(*sheet);
            }
            // A page without a heading: the cover, or loose text of the sheet before.
            PageText::Loose(blocks) => match doc.sheets.last_mut() {
                Some(s) => s
                    .labels
                    .extend(blocks.into_iter().map(|b| RawBlock::loose(b.join("\n")))),
                None => doc.cover.extend(blocks.into_iter().flatten()),
            },
        }
    }
    // Tables last: whether a bullet glyph is a list marker is decided over the whole document.
    let mut of_sheet: Vec<Option<&PageTable>> = vec![None; doc.sheets.len()];
    for (i, t) in &tables {
        of_sheet[*i] = Some(t);
    }
    // Each table fills its own sheet, the tables in parallel.
    let mut decided: Vec<Option<Vec<String>>> = doc
        .sheets
        .par_iter_mut()
        .zip(of_sheet)
        .map(|(sheet, t)| t.map(|t| read_table(t, &votes, tree_of(&structure, t.page), sheet)))
        .collect();
    let mut settled: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, t) in &tables {
        let decisions = decided[*i].take().unwrap_or_default();
        let sheet = doc.sheets[*i].number;
        settled.insert(*i, decisions.len());
        for m in decisions {
            doc.warnings.push(
                Warning::new(
                    WarningCode::StructureSettled,
                    Some(sheet),
                    None,
                    format!("page {}: {m}", t.page),
                )
                .on_page(t.page),
            );
        }
    }
    if doc.sheets.is_empty() {
        return Err(PdfError::NoSheets);
    }
    for (page, m) in span_decisions {
        let at = tables.iter().find(|(_, t)| t.page == page).map(|(i, _)| *i);
        if let Some(i) = at {
            *settled.entry(i).or_default() += 1;
        }
        doc.warnings.push(
            Warning::new(
                WarningCode::StructureSettled,
                at.map(|i| doc.sheets[i].number),
                None,
                format!("page {page}: {m}"),
            )
            .on_page(page),
        );
    }
    crate::trace::mark("tables read");
    let mut agreement = second_opinion(&structure, &tables, &mut doc);
    for (i, n) in settled {
        if let Some(a) = agreement.get_mut(&i) {
            a.settled += n;
        }
    }
    // The self-checks of each sheet, the sheets in parallel.
    let checked: Vec<(usize, SheetQuality)> = strategies
        .par_iter()
        .filter_map(|&(i, strategy)| {
            // By number, not position: with a page selection the pages read are not all pages.
            let number = doc.sheets[i].page.map(|p| p as usize);
            let page = pages
                .iter()
                .find(|p| Some(p.number) == number)
                .or(pages.first())?;
            let t = tables.iter().find(|(k, _)| *k == i).map(|(_, t)| t);
            let q = quality(
                strategy,
                page,
                t,
                &doc.sheets[i],
                agreement.get(&i).copied(),
            );
            Some((i, q))
        })
        .collect();
    for (i, q) in checked {
        doc.sheets[i].quality = Some(q);
    }
    Ok(doc)
}

/// What one page holds, found without looking at the other pages.
struct Survey {
    strategy: Strategy,
    /// Cells the structure tree re-drew on the page (what was done).
    settled: Vec<String>,
    table: Option<PageTable>,
    text: PageText,
}

/// The text of a page outside its table.
enum PageText {
    /// The page's heading starts a sheet: its labels, callouts and footnotes.
    Sheet(Box<RawSheet>),
    /// No heading: the page's text blocks (the cover, or more of the sheet before).
    Loose(Vec<Vec<String>>),
}

/// Finds a page's table and reads the text around it; `None` for a page without glyphs.
fn survey(
    page: &PageContent,
    structure: &[TaggedTable],
    settings: &Settings,
    text: &TextTolerances,
) -> Option<Survey> {
    if page.glyphs.is_empty() {
        return None;
    }
    let glyphs = &page.glyphs;
    let mut finding = find(page, glyphs, settings);
    let strategy = finding.strategy;
    let mut settled = Vec::new();
    if let (Some(t), Some(tree)) = (finding.table.as_mut(), tree_of(structure, page.number)) {
        settled = settle_spans(t, tree, glyphs);
    }
    let table = PageTable::new(finding, page, text);
    let mut inside = vec![false; glyphs.len()];
    if let Some(t) = &table {
        for i in t.assigned.iter().flatten() {
            inside[*i] = true;
        }
    }
    let outside: Vec<&Glyph> = glyphs
        .iter()
        .zip(&inside)
        .filter(|(_, i)| !**i)
        .map(|(g, _)| g)
        .collect();
    let blocks = blocks(runs(&text_lines(&outside, text), text), text);
    let heading = blocks
        .iter()
        .position(|b| b.len() == 1 && heading_number(&normalize(&b[0])).is_some());
    let Some(h) = heading else {
        return Some(Survey {
            strategy,
            settled,
            table,
            text: PageText::Loose(blocks),
        });
    };
    let mut sheet = RawSheet {
        number: heading_number(&normalize(&blocks[h][0])).unwrap_or(0),
        heading: blocks[h][0].clone(),
        page: u32::try_from(page.number).ok(),
        ..Default::default()
    };
    let mut loose = Loose::default();
    for (i, b) in blocks.iter().enumerate() {
        if i != h {
            for l in b {
                loose.line(l);
            }
            loose.end_block();
        }
    }
    sheet.labels = loose.labels;
    sheet.callouts = loose.callouts;
    sheet.footnotes = loose.footnotes;
    Some(Survey {
        strategy,
        settled,
        table,
        text: PageText::Sheet(Box::new(sheet)),
    })
}

/// The warnings of what a page is or lacks: parts lost, invisible text, no text, glyphs
/// without Unicode.
fn page_warnings(page: &PageContent, doc: &mut RawDocument) {
    let mut warn = |code: WarningCode, message: String| {
        doc.warnings
            .push(Warning::new(code, None, None, message).on_page(page.number));
    };
    if !page.lost.is_empty() {
        doc.lost_pages.push(page.number);
        warn(
            WarningCode::PageIncomplete,
            format!(
                "page {}: {}; what could be read is kept",
                page.number,
                page.lost.join("; ")
            ),
        );
    }
    if page.invisible > 0 {
        warn(
            WarningCode::InvisibleText,
            format!(
                "page {}: {} glyphs are drawn invisible (render mode 3, as an OCR text layer is) or only as a clip (mode 7); they are read as text",
                page.number, page.invisible
            ),
        );
    }
    if page.glyphs.is_empty() {
        if page.images > 0 {
            warn(
                WarningCode::ImageOnlyPage,
                format!(
                    "page {} has no text layer ({} image{}); OCR needed",
                    page.number,
                    page.images,
                    if page.images == 1 { "" } else { "s" }
                ),
            );
        } else {
            warn(
                WarningCode::EmptyPage,
                format!("page {} holds neither text nor images", page.number),
            );
        }
        return;
    }
    if page.unmapped > 0 {
        warn(
            WarningCode::UnmappedGlyphs,
            format!(
                "page {}: {} glyphs without Unicode",
                page.number, page.unmapped
            ),
        );
    }
}

/// True for a glyph text without a suspect character (see [`is_suspect`]).
fn sane(text: &str) -> bool {
    !text.chars().any(is_suspect)
}

/// The role of each header column of a sheet, from its label.
fn header_roles(header: &[crate::model::RawHeader]) -> Vec<crate::roles::Role> {
    header
        .iter()
        .enumerate()
        .map(|(col, h)| role_of_label(&normalize(&h.raw), col == 0))
        .collect()
}

/// The self-checks of one sheet (see [`SheetQuality`]).
fn quality(
    strategy: Strategy,
    page: &PageContent,
    table: Option<&PageTable>,
    sheet: &RawSheet,
    structure: Option<StructureAgreement>,
) -> SheetQuality {
    let visible = |g: &&Glyph| !g.is_blank();
    let (table_glyphs, assigned_glyphs) = match table.and_then(|t| bounds(&t.table).map(|b| (t, b)))
    {
        Some((t, b)) => {
            let inside = page
                .glyphs
                .iter()
                .filter(visible)
                .filter(|g| {
                    let (x, y) = g.centre();
                    b.contains(x, y, 0.0)
                })
                .count();
            let assigned = t
                .assigned
                .iter()
                .flatten()
                .filter(|&&i| visible(&&page.glyphs[i]))
                .count();
            (inside, assigned.min(inside))
        }
        None => (0, 0),
    };
    let recognised = sheet
        .header
        .iter()
        .zip(header_roles(&sheet.header))
        .filter(|(h, role)| *role != crate::roles::Role::Other && !h.raw.trim().is_empty())
        .count();
    let shown: Vec<&Glyph> = page.glyphs.iter().filter(visible).collect();
    let text_sanity = if shown.is_empty() {
        1.0
    } else {
        shown.iter().filter(|g| sane(&g.text)).count() as f64 / shown.len() as f64
    };
    SheetQuality {
        strategy,
        table_glyphs,
        assigned_glyphs,
        header_labels: sheet.header.len(),
        header_labels_recognised: recognised,
        structure,
        text_sanity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::table::GridCell;
    use crate::pdf::tagged::TaggedCell;

    /// One full-width line of `n` 10 pt glyphs at height `y` from x = 0.
    fn line(text: &str, y: f64) -> TextLine {
        let glyphs: Vec<(compact_str::CompactString, f64, f64)> = text
            .chars()
            .enumerate()
            .map(|(i, c)| (c.to_string().into(), 10.0 * i as f64, 10.0 * (i + 1) as f64))
            .collect();
        TextLine {
            text: text.to_string(),
            glyphs,
            top: y + 10.0,
            bottom: y,
            size: 10.0,
            vertical: false,
            trailing_space: false,
            drawn_marker: false,
        }
    }

    fn tree(parts: Vec<BBox>) -> TaggedTable {
        TaggedTable {
            page: 1,
            rows: vec![vec![TaggedCell {
                header: false,
                row_span: 1,
                col_span: 1,
                content: BBox::union_all(parts.iter().copied()),
                parts,
            }]],
        }
    }

    const CELL: GridCell = GridCell {
        row: 1,
        col: 2,
        row_span: 1,
        col_span: 1,
        x0: -5.0,
        y0: -5.0,
        x1: 105.0,
        y1: 105.0,
    };

    #[test]
    fn the_tree_splits_a_cell_where_its_paragraphs_end() {
        // Five lines; the tree has three paragraphs: lines 0–1, 2, 3–4.
        let lines: Vec<TextLine> = (0..5)
            .map(|i| line("あいう", 80.0 - 20.0 * i as f64))
            .collect();
        let boxes =
            |a: usize, b: usize| BBox::union_all(lines[a..=b].iter().map(TextLine::bbox)).unwrap();
        let t = tree(vec![boxes(0, 1), boxes(2, 2), boxes(3, 4)]);
        assert_eq!(
            tree_paragraphs(&t, &CELL, &lines),
            Some(vec![0..2, 2..3, 3..5])
        );
    }

    #[test]
    fn a_tree_that_does_not_follow_the_lines_settles_nothing() {
        let lines: Vec<TextLine> = (0..3)
            .map(|i| line("あいう", 80.0 - 20.0 * i as f64))
            .collect();
        // Parts in the reverse order of the lines.
        let t = tree(vec![
            lines[2].bbox(),
            lines[0].bbox().union(lines[1].bbox()),
        ]);
        assert_eq!(tree_paragraphs(&t, &CELL, &lines), None);
        // One part: nothing to settle.
        let t = tree(vec![lines[0].bbox()]);
        assert_eq!(tree_paragraphs(&t, &CELL, &lines), None);
        // No tree cell inside the ruled cell.
        let far = GridCell {
            x0: 500.0,
            x1: 600.0,
            ..CELL
        };
        let t = tree(vec![lines[0].bbox(), lines[1].bbox()]);
        assert_eq!(tree_paragraphs(&t, &far, &lines), None);
    }

    /// A one-row grid of three 100 pt columns, the first two merged into one cell.
    fn merged_grid() -> Table {
        let cell = |col, col_span, x0, x1| GridCell {
            row: 0,
            col,
            row_span: 1,
            col_span,
            x0,
            y0: 0.0,
            x1,
            y1: 100.0,
        };
        Table {
            xs: vec![0.0, 100.0, 200.0, 300.0],
            ys: vec![100.0, 0.0],
            cells: vec![cell(0, 2, 0.0, 200.0), cell(2, 1, 200.0, 300.0)],
        }
    }

    fn tree_cell(content: BBox, col_span: usize) -> TaggedCell {
        TaggedCell {
            header: false,
            row_span: 1,
            col_span,
            content: Some(content),
            parts: Vec::new(),
        }
    }

    #[test]
    fn the_tree_splits_a_ruled_cell_that_holds_two_of_its_cells() {
        let mut t = merged_grid();
        let tree = TaggedTable {
            page: 1,
            rows: vec![vec![
                tree_cell(BBox::new(10.0, 40.0, 60.0, 60.0), 1),
                tree_cell(BBox::new(110.0, 40.0, 160.0, 60.0), 1),
            ]],
        };
        let done = settle_spans(&mut t, &tree, &[]);
        assert_eq!(done.len(), 1, "{done:?}");
        let spans: Vec<(usize, usize)> = t.cells.iter().map(|c| (c.col, c.col_span)).collect();
        assert_eq!(spans, [(0, 1), (1, 1), (2, 1)]);
    }

    #[test]
    fn the_tree_merges_ruled_cells_its_one_cell_spans() {
        // Three separate cells; one tree cell spanning the last two holds the only text there.
        let mut t = merged_grid();
        t.cells[0].col_span = 1;
        t.cells[0].x1 = 100.0;
        t.cells.insert(
            1,
            GridCell {
                col: 1,
                x0: 100.0,
                x1: 200.0,
                ..t.cells[0].clone()
            },
        );
        let glyphs = [
            Glyph::square("予", 140.0, 45.0),
            Glyph::square("算", 210.0, 45.0),
        ];
        let tree = TaggedTable {
            page: 1,
            rows: vec![vec![tree_cell(BBox::new(120.0, 40.0, 290.0, 60.0), 2)]],
        };
        let done = settle_spans(&mut t, &tree, &glyphs);
        assert_eq!(done.len(), 1, "{done:?}");
        let spans: Vec<(usize, usize)> = t.cells.iter().map(|c| (c.col, c.col_span)).collect();
        assert_eq!(spans, [(0, 1), (1, 2)]);
        // Agreeing readings settle nothing.
        assert!(settle_spans(&mut t, &tree, &glyphs).is_empty());
    }

    #[test]
    fn glyph_text_sanity() {
        assert!(sane("各施策の工程表【厚】"));
        assert!(sane("R10 × 2"));
        assert!(!sane("¹Á¸õ"));
        assert!(!sane("\u{FFFD}"));
        assert!(!sane("a\u{1}"));
    }
}
