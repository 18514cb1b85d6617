//! PDF front-end: glyphs and ruling lines of each page → the shared table model.

use super::content::{read_pages, Glyph, PageContent, PdfError, Rect};
use super::grid::{
    assign, find_tables, table_from_header, text_lines, GlyphBox, Rule, Table, TextLine, Tolerances,
};
use super::items::{right_edge, split_items, Typesetting};
use crate::loose::Loose;
use crate::model::{
    RawBlock, RawCell, RawDocument, RawHeader, RawSheet, ReadOptions, Warning, WarningCode,
};
use crate::roles::role_of_label;
use crate::text::lexicon::{heading_number, is_footnote, may_start_callout, CALLOUT};
use crate::text::normalize::normalize;

/// The glyphs of a page as boxes for the grid.
pub(crate) fn boxes(glyphs: &[Glyph]) -> Vec<GlyphBox> {
    glyphs
        .iter()
        .map(|g| GlyphBox {
            text: g.text.clone(),
            x0: g.x0,
            y0: g.y0,
            x1: g.x1,
            y1: g.y1,
            size: g.size,
            vertical: g.vertical,
        })
        .collect()
}

/// Boxes of callout words (再掲 …): the glyph runs spelling one, grown by a margin.
fn callout_boxes(glyphs: &[GlyphBox]) -> Vec<BoxXY> {
    let mut out = Vec::new();
    for i in 0..glyphs.len() {
        if !glyphs[i].text.starts_with(may_start_callout) {
            continue;
        }
        for len in 2..=4 {
            let Some(run) = glyphs.get(i..i + len) else {
                break;
            };
            let text: String = run.iter().map(|g| g.text.as_str()).collect();
            let same_line = run
                .windows(2)
                .all(|w| (w[0].y0 - w[1].y0).abs() < 0.5 * w[0].size && w[1].x0 >= w[0].x0);
            if same_line && CALLOUT.is_match(&text) {
                let m = run[0].size;
                let x0 = run.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min) - m;
                let x1 = run.iter().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max) + m;
                let y0 = run.iter().map(|g| g.y0).fold(f64::INFINITY, f64::min) - m;
                let y1 = run.iter().map(|g| g.y1).fold(f64::NEG_INFINITY, f64::max) + m;
                out.push((x0, y0, x1, y1));
            }
        }
    }
    out
}

/// Boxes of callout words that are drawn framed (a rule or rectangle inside the grown box):
/// callout boxes placed over the table, as opposed to the same word typed in a cell's text.
pub(crate) fn callout_frames(page: &PageContent, glyphs: &[GlyphBox]) -> Vec<BoxXY> {
    let within = |b: &BoxXY, x: f64, y: f64| b.0 <= x && x <= b.2 && b.1 <= y && y <= b.3;
    callout_boxes(glyphs)
        .into_iter()
        .filter(|b| {
            page.segments
                .iter()
                .any(|s| within(b, s.x0, s.y0) && within(b, s.x1, s.y1))
                || page
                    .rects
                    .iter()
                    .any(|r| within(b, r.x0, r.y0) && within(b, r.x1, r.y1))
        })
        .collect()
}

/// The table of a page: the ruled one, if it has two rows and two columns (a framed label is
/// not a table); else one whose columns come from the header line, with the spans of the
/// schedule boxes drawn below the header.
pub(crate) fn page_table(
    page: &PageContent,
    glyphs: &[GlyphBox],
    callouts: &[BoxXY],
    tol: &Tolerances,
) -> Option<Table> {
    main_table(page, glyphs, callouts, tol)
        .filter(|t| t.xs.len() > 2 && t.ys.len() > 2)
        .or_else(|| {
            // Boxes and arrows below the header still show an entry's span.
            let mut table = header_table(glyphs, tol)?;
            let head_bottom = *table.ys.get(1)?;
            let (left, right) = (*table.xs.first()?, *table.xs.last()?);
            let boxes: Vec<BoxXY> = page
                .rects
                .iter()
                .chain(&page.shapes)
                .filter(|r| {
                    let (cx, cy) = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
                    left < cx && cx < right && cy < head_bottom
                })
                .map(|r| (r.x0, r.y0, r.x1, r.y1))
                .collect();
            for b in boxes {
                merge_spanned(&mut table, glyphs, b);
            }
            Some(table)
        })
}

/// The table of a page without ruling lines: columns from the x-extents of the first line
/// that reads like a header, one row per line of text below it. Footnote and page-number
/// lines at the bottom of the page stay outside.
fn header_table(glyphs: &[GlyphBox], tol: &Tolerances) -> Option<Table> {
    let horizontal: Vec<&GlyphBox> = glyphs.iter().filter(|g| !g.vertical).collect();
    let lines = text_lines(&horizontal);
    let head = lines.iter().position(|l| {
        let labels: Vec<String> = runs(std::slice::from_ref(l))
            .into_iter()
            .map(|r| r.text)
            .collect();
        labels.len() >= 2 && is_header(&labels)
    })?;
    let band = |l: &TextLine, g: &GlyphBox| {
        let cy = (g.y0 + g.y1) / 2.0;
        l.top - 1.2 * l.size < cy && cy <= l.top + 0.2 * l.size
    };
    let in_head = |g: &GlyphBox| !g.vertical && band(&lines[head], g);
    // Trailing single-run lines that are footnotes or page numbers end the table.
    let mut end = lines.len();
    while end > head + 1 {
        let l = &lines[end - 1];
        let single = runs(std::slice::from_ref(l)).len() == 1;
        let t = l.text.trim();
        if single && (is_footnote(t) || (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))) {
            end -= 1;
        } else {
            break;
        }
    }
    let bottom = lines.get(end).map(|l| l.top);
    let header: Vec<GlyphBox> = glyphs.iter().filter(|g| in_head(g)).cloned().collect();
    let body: Vec<GlyphBox> = glyphs
        .iter()
        .filter(|g| !in_head(g))
        .filter(|g| bottom.is_none_or(|b| (g.y0 + g.y1) / 2.0 > b))
        .cloned()
        .collect();
    table_from_header(&header, &body, tol)
}

/// A box `(x0, y0, x1, y1)` in page space.
type BoxXY = (f64, f64, f64, f64);

/// The table of a page: the one with the most cells. The frames of callout boxes and of
/// boxes drawn over the table (schedule boxes whose sides are not on column rules) are not
/// ruling lines; a box or arrow drawn across several columns, holding the only text of the
/// cells it covers, makes them one cell.
fn main_table(
    page: &PageContent,
    glyphs: &[GlyphBox],
    callouts: &[BoxXY],
    tol: &Tolerances,
) -> Option<Table> {
    let mut table = ruled_table(page, callouts, tol)?;
    let floating = floating_boxes(page, &table, tol);
    if !floating.is_empty() {
        let mut frames = callouts.to_vec();
        frames.extend(floating.iter().copied());
        table = ruled_table(page, &frames, tol)?;
    }
    for b in floating_boxes(page, &table, tol) {
        merge_spanned(&mut table, glyphs, b);
    }
    while let Some(col) = side_label_column(&table, glyphs) {
        drop_column(&mut table, col);
    }
    (table.xs.len() > 1).then_some(table)
}

/// The first or last grid column when all text in its one-column cells is set vertically: a
/// side label (theme) drawn as part of the frame, not a column of the table. Its text is read
/// with the loose text outside the table.
fn side_label_column(table: &Table, glyphs: &[GlyphBox]) -> Option<usize> {
    let n_cols = table.xs.len().saturating_sub(1);
    if n_cols < 3 {
        return None;
    }
    let assigned = assign(table, glyphs);
    [0, n_cols - 1].into_iter().find(|&col| {
        let texts: Vec<&GlyphBox> = table
            .cells
            .iter()
            .zip(&assigned)
            .filter(|(c, _)| c.col == col && c.col_span == 1)
            .flat_map(|(_, ix)| ix.iter().map(|&i| &glyphs[i]))
            .filter(|g| !g.text.trim().is_empty())
            .collect();
        !texts.is_empty() && texts.iter().all(|g| g.vertical)
    })
}

/// Removes grid column `col`: its one-column cells go, wider cells lose one column.
fn drop_column(table: &mut Table, col: usize) {
    table.cells.retain(|c| !(c.col == col && c.col_span == 1));
    for c in &mut table.cells {
        if c.col <= col && col < c.col + c.col_span {
            if col == c.col {
                c.x0 = table.xs[col + 1];
            }
            if col == c.col + c.col_span - 1 {
                c.x1 = table.xs[col];
            }
            c.col_span -= 1;
        } else if c.col > col {
            c.col -= 1;
        }
    }
    table.xs.remove(col);
}

/// The largest table of the page's rules, leaving out segments that lie on `frames`: a
/// segment both of whose ends lie in the *same* frame is that frame's side. A rule whose ends
/// lie in two different frames (a row rule between two 再掲 boxes sitting on it) is a rule.
fn ruled_table(page: &PageContent, frames: &[BoxXY], tol: &Tolerances) -> Option<Table> {
    let m = 1.0;
    let within =
        |b: &BoxXY, x: f64, y: f64| b.0 - m <= x && x <= b.2 + m && b.1 - m <= y && y <= b.3 + m;
    let rules: Vec<Rule> = page
        .segments
        .iter()
        .filter(|s| {
            !frames
                .iter()
                .any(|b| within(b, s.x0, s.y0) && within(b, s.x1, s.y1))
        })
        .map(Rule::from)
        .collect();
    find_tables(&rules, tol)
        .into_iter()
        .max_by_key(|t| t.cells.len())
}

/// Rectangles and closed shapes inside the table none of whose sides lies on a rule of the
/// grid (a rule along the side that reaches beyond the box): drawn over the table, like a
/// schedule box or arrow, not a cell or its shading.
fn floating_boxes(page: &PageContent, table: &Table, tol: &Tolerances) -> Vec<BoxXY> {
    let (Some(&left), Some(&right)) = (table.xs.first(), table.xs.last()) else {
        return Vec::new();
    };
    let (Some(&top), Some(&bottom)) = (table.ys.first(), table.ys.last()) else {
        return Vec::new();
    };
    // A rule at a side of the box: a segment along that side that reaches beyond the box.
    let t = tol.snap;
    let on_column_rule = |x: f64, r: &Rect| {
        page.segments.iter().any(|s| {
            (s.x0 - x).abs() <= t
                && (s.x1 - x).abs() <= t
                && (s.y0.min(s.y1) < r.y0 - t || s.y0.max(s.y1) > r.y1 + t)
        })
    };
    let on_row_rule = |y: f64, r: &Rect| {
        page.segments.iter().any(|s| {
            (s.y0 - y).abs() <= t
                && (s.y1 - y).abs() <= t
                && (s.x0.min(s.x1) < r.x0 - t || s.x0.max(s.x1) > r.x1 + t)
        })
    };
    // A box on the table's own bounds is its outer frame (some producers stroke one rectangle
    // around the grid), not a box floating over it.
    let frame = |r: &Rect| {
        (r.x0 - left).abs() <= t
            && (r.x1 - right).abs() <= t
            && (r.y0 - bottom).abs() <= t
            && (r.y1 - top).abs() <= t
    };
    page.rects
        .iter()
        .chain(&page.shapes)
        .filter(|r| !frame(r))
        .filter(|r| r.x0 >= left - t && r.x1 <= right + t)
        .filter(|r| r.y0 >= bottom - t && r.y1 <= top + t)
        .filter(|r| !on_column_rule(r.x0, r) && !on_column_rule(r.x1, r))
        .filter(|r| !on_row_rule(r.y0, r) && !on_row_rule(r.y1, r))
        .map(|r| (r.x0, r.y0, r.x1, r.y1))
        .collect()
}

/// Merges the cells of one row that box `b` covers (at least half of each cell's width) into
/// one, when the box spans two or more of them and every glyph in them lies on the box.
fn merge_spanned(table: &mut Table, glyphs: &[GlyphBox], b: BoxXY) {
    let cy = (b.1 + b.3) / 2.0;
    let mut covered: Vec<usize> = table
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.y0 <= cy && cy <= c.y1)
        .filter(|(_, c)| {
            let overlap = c.x1.min(b.2) - c.x0.max(b.0);
            overlap >= 0.5 * (c.x1 - c.x0)
        })
        .map(|(k, _)| k)
        .collect();
    covered.sort_by_key(|&k| table.cells[k].col);
    if covered.len() < 2 {
        return;
    }
    let first = &table.cells[covered[0]];
    let same_rows = covered
        .iter()
        .all(|&k| table.cells[k].row == first.row && table.cells[k].row_span == first.row_span);
    let contiguous = covered.windows(2).all(|w| {
        let (p, q) = (&table.cells[w[0]], &table.cells[w[1]]);
        p.col + p.col_span == q.col
    });
    if !same_rows || !contiguous {
        return;
    }
    let assigned = assign(table, glyphs);
    let on_box = |g: &GlyphBox| {
        let (x, y) = ((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0);
        b.0 <= x && x <= b.2 && b.1 <= y && y <= b.3
    };
    let mut any = false;
    for &k in &covered {
        for &i in &assigned[k] {
            if !on_box(&glyphs[i]) {
                return;
            }
            any = true;
        }
    }
    if !any {
        return;
    }
    let last = &table.cells[*covered.last().unwrap_or(&covered[0])];
    let (span, x1) = (last.col + last.col_span - first.col, last.x1);
    let keep = covered[0];
    table.cells[keep].col_span = span;
    table.cells[keep].x1 = x1;
    let drop: Vec<usize> = covered[1..].to_vec();
    let mut k = 0;
    table.cells.retain(|_| {
        k += 1;
        !drop.contains(&(k - 1))
    });
}

/// A page's table with the text lines of each cell and the right edge of its text area.
struct PageTable {
    table: Table,
    /// Glyph indices per cell.
    assigned: Vec<Vec<usize>>,
    lines: Vec<Vec<TextLine>>,
    rights: Vec<f64>,
    /// Framed callout boxes drawn over the table.
    frames: Vec<BoxXY>,
}

impl PageTable {
    fn new(table: Table, glyphs: &[GlyphBox], frames: Vec<BoxXY>) -> Self {
        let assigned = assign(&table, glyphs);
        let lines: Vec<Vec<TextLine>> = assigned
            .iter()
            .map(|ix| text_lines(&ix.iter().map(|&i| &glyphs[i]).collect::<Vec<_>>()))
            .collect();
        let rights = table
            .cells
            .iter()
            .zip(&lines)
            .map(|(c, l)| right_edge(l, c.x0, c.x1))
            .collect();
        PageTable {
            table,
            assigned,
            lines,
            rights,
            frames,
        }
    }
}

/// True when a row of labels reads like the table header (two phases, or a phase and a KPI,
/// progress or programs label).
fn is_header(labels: &[String]) -> bool {
    use crate::roles::Role;
    let roles: Vec<Role> = labels
        .iter()
        .map(|l| role_of_label(&normalize(l), false))
        .collect();
    let phases = roles.iter().filter(|r| **r == Role::Phase).count();
    phases >= 2
        || (phases >= 1
            && roles
                .iter()
                .any(|r| matches!(r, Role::Kpi | Role::Progress | Role::Programs)))
}

/// Reads the grid: the first row that reads like a header gives the logical columns (grid
/// columns inside one header cell are one column); rows above it are labels of the sheet.
fn read_table(page: &PageTable, votes: &Typesetting, sheet: &mut RawSheet) {
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
                    .frames
                    .iter()
                    .any(|b| b.0 <= cx && cx <= b.2 && b.1 <= cy && cy <= b.3);
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
        // A measure cell holds one title: its line breaks are layout, not paragraphs.
        let col = logical.get(c.col).copied().unwrap_or(0);
        let title = sheet.header.get(col).is_some_and(|h| {
            role_of_label(&normalize(&h.raw), col == 0) == crate::roles::Role::Measure
        });
        let (list, items) = split_items(&lines, page.rights[k], !title, votes);
        if items.is_empty() {
            continue;
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
            items: items.into_iter().map(|i| i.raw).collect(),
            source: Default::default(),
            item_sources: Vec::new(),
        });
    }
    sheet.cells.sort_by_key(|c| (c.row, c.col));
}

/// A piece of one text line set apart from the rest of the line by a wide gap: text boxes
/// side by side on a slide share baselines but not runs.
#[derive(Debug, Clone)]
struct Run {
    text: String,
    x0: f64,
    x1: f64,
    top: f64,
    size: f64,
}

/// Gap (share of the font size) that separates two runs on one line.
const RUN_GAP: f64 = 1.5;

/// Splits lines into runs at wide gaps.
fn runs(lines: &[TextLine]) -> Vec<Run> {
    let mut out = Vec::new();
    for l in lines {
        if l.vertical {
            out.push(Run {
                text: l.text.trim().to_string(),
                x0: l.x0(),
                x1: l.x1(),
                top: l.top,
                size: l.size,
            });
            continue;
        }
        let mut cur: Option<Run> = None;
        for (t, x0, x1) in &l.glyphs {
            match cur.as_mut() {
                Some(r) if *x0 - r.x1 <= RUN_GAP * l.size => {
                    let latin_gap = *x0 - r.x1 > 0.3 * l.size
                        && r.text.chars().last().is_some_and(|c| c.is_ascii_graphic())
                        && t.chars().next().is_some_and(|c| c.is_ascii_graphic());
                    if latin_gap {
                        r.text.push(' ');
                    }
                    r.text.push_str(t);
                    r.x1 = r.x1.max(*x1);
                }
                _ => {
                    out.extend(cur.take());
                    cur = Some(Run {
                        text: t.clone(),
                        x0: *x0,
                        x1: *x1,
                        top: l.top,
                        size: l.size,
                    });
                }
            }
        }
        out.extend(cur);
    }
    out.retain(|r| !r.text.trim().is_empty());
    for r in &mut out {
        r.text = r.text.trim().to_string();
    }
    out
}

/// Groups runs into text blocks: a run joins the block whose last run sits right above it
/// (within 1.7 line heights), overlaps it horizontally and has about the same font size —
/// the lines of one label box, or characters stacked one per line. Blocks in reading order.
fn blocks(mut runs: Vec<Run>) -> Vec<Vec<String>> {
    runs.sort_by(|a, b| b.top.total_cmp(&a.top).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        let home = out.iter_mut().rev().find(|b| {
            let last = &b[b.len() - 1];
            let size = last.size.max(r.size);
            let drop = last.top - r.top;
            drop > 0.0
                && drop <= 1.7 * size
                && r.x0 < last.x1
                && r.x1 > last.x0
                && (last.size / r.size - 1.0).abs() <= 0.25
        });
        match home {
            Some(b) => b.push(r),
            None => out.push(vec![r]),
        }
    }
    out.sort_by(|a, b| {
        b[0].top
            .total_cmp(&a[0].top)
            .then(a[0].x0.total_cmp(&b[0].x0))
    });
    out.into_iter()
        .map(|b| b.into_iter().map(|r| r.text).collect())
        .collect()
}

/// A tagged PDF's structure tree as a second opinion on each page's table: where the tree's
/// largest table on the page disagrees with the ruling lines, a `structure-disagrees` warning.
fn second_opinion(bytes: &[u8], tables: &[(usize, usize, PageTable)], doc: &mut RawDocument) {
    let tagged = super::tagged::tables(bytes);
    for (i, page, t) in tables {
        let tree = tagged
            .iter()
            .filter(|tt| tt.page == *page)
            .max_by_key(|tt| tt.rows.iter().map(Vec::len).sum::<usize>());
        let Some(tree) = tree else { continue };
        let sheet = doc.sheets[*i].number;
        for m in super::tagged::disagreements(tree, &t.table) {
            doc.warnings.push(
                Warning::new(
                    WarningCode::StructureDisagrees,
                    Some(sheet),
                    None,
                    format!("page {page}: {m} (the table is read from the ruling lines)"),
                )
                .on_page(*page),
            );
        }
    }
}

/// Reads a PDF into the shared model: one sheet per page with a heading.
pub fn read(bytes: &[u8]) -> Result<RawDocument, PdfError> {
    read_with(bytes, &ReadOptions::default())
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

/// As [`read`], with options: `partial` keeps what could be read of damaged pages.
pub fn read_with(bytes: &[u8], opts: &ReadOptions) -> Result<RawDocument, PdfError> {
    let pages = read_pages(bytes)?;
    let lost: Vec<(usize, String)> = pages
        .iter()
        .flat_map(|p| p.lost.iter().map(|r| (p.number, r.clone())))
        .collect();
    if !lost.is_empty() && !opts.partial {
        return Err(PdfError::Incomplete(lost));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(no_text(&pages));
    }
    let tol = Tolerances::default();
    let mut doc = RawDocument::default();
    let mut votes = Typesetting::default();
    let mut tables: Vec<(usize, usize, PageTable)> = Vec::new();
    for page in &pages {
        if !page.lost.is_empty() {
            doc.lost_pages.push(page.number);
            doc.warnings.push(
                Warning::new(
                    WarningCode::PageIncomplete,
                    None,
                    None,
                    format!(
                        "page {}: {}; what could be read is kept",
                        page.number,
                        page.lost.join("; ")
                    ),
                )
                .on_page(page.number),
            );
        }
        if page.invisible > 0 {
            doc.warnings.push(
                Warning::new(
                    WarningCode::InvisibleText,
                    None,
                    None,
                    format!(
                        "page {}: {} glyphs are drawn invisible (render mode 3, as an OCR text layer is) or only as a clip (mode 7); they are read as text",
                        page.number, page.invisible
                    ),
                )
                .on_page(page.number),
            );
        }
        if page.glyphs.is_empty() {
            let (code, message) = if page.images > 0 {
                (
                    WarningCode::ImageOnlyPage,
                    format!(
                        "page {} has no text layer ({} image{}); OCR needed",
                        page.number,
                        page.images,
                        if page.images == 1 { "" } else { "s" }
                    ),
                )
            } else {
                (
                    WarningCode::EmptyPage,
                    format!("page {} holds neither text nor images", page.number),
                )
            };
            doc.warnings
                .push(Warning::new(code, None, None, message).on_page(page.number));
            continue;
        }
        if page.unmapped > 0 {
            doc.warnings.push(
                Warning::new(
                    WarningCode::UnmappedGlyphs,
                    None,
                    None,
                    format!(
                        "page {}: {} glyphs without Unicode",
                        page.number, page.unmapped
                    ),
                )
                .on_page(page.number),
            );
        }
        let glyphs = boxes(&page.glyphs);
        let callouts = callout_frames(page, &glyphs);
        let table = page_table(page, &glyphs, &callouts, &tol)
            .map(|t| PageTable::new(t, &glyphs, callouts));
        if let Some(t) = &table {
            for (lines, right) in t.lines.iter().zip(&t.rights) {
                votes.observe(lines, *right);
            }
        }
        let inside: Vec<bool> = match &table {
            Some(t) => {
                let mut v = vec![false; glyphs.len()];
                for i in t.assigned.iter().flatten() {
                    v[*i] = true;
                }
                v
            }
            None => vec![false; glyphs.len()],
        };
        let outside: Vec<&GlyphBox> = glyphs
            .iter()
            .zip(&inside)
            .filter(|(_, i)| !**i)
            .map(|(g, _)| g)
            .collect();
        let blocks = blocks(runs(&text_lines(&outside)));
        let heading = blocks
            .iter()
            .position(|b| b.len() == 1 && heading_number(&normalize(&b[0])).is_some());
        let Some(h) = heading else {
            // A page without a heading: the cover, or loose text of the sheet before.
            match doc.sheets.last_mut() {
                Some(s) => s.labels.extend(
                    blocks
                        .into_iter()
                        .map(|b| crate::model::RawBlock::loose(b.join("\n"))),
                ),
                None => doc.cover.extend(blocks.into_iter().flatten()),
            }
            continue;
        };
        let mut sheet = RawSheet {
            number: heading_number(&normalize(&blocks[h][0])).unwrap_or(0),
            heading: blocks[h][0].clone(),
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
        if let Some(t) = table {
            tables.push((doc.sheets.len(), page.number, t));
        }
        doc.sheets.push(sheet);
    }
    // Tables last: whether a bullet glyph is a list marker is decided over the whole document.
    for (i, _, t) in &tables {
        read_table(t, &votes, &mut doc.sheets[*i]);
    }
    if doc.sheets.is_empty() {
        return Err(PdfError::NoSheets);
    }
    second_opinion(bytes, &tables, &mut doc);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::content::Segment;

    fn seg(x0: f64, y0: f64, x1: f64, y1: f64) -> Segment {
        Segment {
            x0,
            y0,
            x1,
            y1,
            width: 0.5,
        }
    }

    fn page(segments: Vec<Segment>) -> PageContent {
        PageContent {
            number: 1,
            width: 400.0,
            height: 300.0,
            glyphs: Vec::new(),
            segments,
            rects: Vec::new(),
            shapes: Vec::new(),
            images: 0,
            unmapped: 0,
            invisible: 0,
            annotations: 0,
            lost: Vec::new(),
        }
    }

    /// A 2 × 2 grid from (0, 0) to (200, 200) whose middle row rule is y = 100.
    fn grid() -> Vec<Segment> {
        let mut s = Vec::new();
        for y in [0.0, 100.0, 200.0] {
            s.push(seg(0.0, y, 200.0, y));
        }
        for x in [0.0, 100.0, 200.0] {
            s.push(seg(x, 0.0, x, 200.0));
        }
        s
    }

    #[test]
    fn a_box_on_the_table_bounds_is_its_frame_not_a_floating_box() {
        let mut p = page(grid());
        let rect = |x0, y0, x1, y1| Rect {
            x0,
            y0,
            x1,
            y1,
            filled: false,
            stroked: true,
        };
        p.rects = vec![
            rect(0.0, 0.0, 200.0, 200.0),
            rect(20.0, 120.0, 180.0, 180.0),
        ];
        let t = ruled_table(&p, &[], &Tolerances::default()).unwrap();
        let floating = floating_boxes(&p, &t, &Tolerances::default());
        // The outer frame is not floating; the box inside the top row (no side on a rule) is.
        assert_eq!(floating, [(20.0, 120.0, 180.0, 180.0)]);
    }

    #[test]
    fn a_rule_between_two_callout_boxes_is_kept() {
        // Two 再掲 boxes sit on the middle rule, one at each end: the rule's ends lie in two
        // different frames, so it is a rule of the table, not a side of either box.
        let frames = [(-5.0, 95.0, 30.0, 110.0), (170.0, 95.0, 205.0, 110.0)];
        let t = ruled_table(&page(grid()), &frames, &Tolerances::default()).unwrap();
        assert_eq!(t.ys.len(), 3, "two rows: {:?}", t.ys);
        // A segment with both ends in one frame is that frame's side and is left out.
        let frames = [(-5.0, 95.0, 205.0, 110.0)];
        let t = ruled_table(&page(grid()), &frames, &Tolerances::default()).unwrap();
        assert_eq!(t.ys.len(), 2, "one row: {:?}", t.ys);
    }
}
