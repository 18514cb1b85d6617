//! Boxes on a page's table and what they span: callout frames (再掲), the table's outer frame, boxes and arrows drawn across phase columns, and side-label columns.

use super::rules::Table;
use super::TextTolerances;
use crate::pdf::content::PageContent;
use crate::pdf::geom::BBox;
use crate::pdf::glyph::Glyph;
use crate::pdf::lines::assign;
use crate::text::lexicon::{may_start_callout, CALLOUT};

/// Boxes of callout words (再掲 …): the glyph runs spelling one, grown by a margin of
/// `callout_margin` font sizes.
pub fn callout_words(glyphs: &[Glyph], text: &TextTolerances) -> Vec<BBox> {
    let mut out = Vec::new();
    // The text of the run, grown by one glyph per length (one buffer for the page).
    let mut word = String::new();
    for i in 0..glyphs.len() {
        if !glyphs[i].text.starts_with(may_start_callout) {
            continue;
        }
        word.clear();
        word.push_str(&glyphs[i].text);
        for len in 2..=4 {
            let Some(run) = glyphs.get(i..i + len) else {
                break;
            };
            word.push_str(&run[len - 1].text);
            let same_line = run.windows(2).all(|w| {
                (w[0].y0 - w[1].y0).abs() < text.same_line * w[0].size && w[1].x0 >= w[0].x0
            });
            if same_line && CALLOUT.is_match(&word) {
                if let Some(b) = BBox::union_all(run.iter().map(Glyph::bbox)) {
                    out.push(b.grown(text.callout_margin * run[0].size));
                }
            }
        }
    }
    out
}

/// Boxes of callout words that are drawn framed (a segment or rectangle lies inside the grown
/// box): callout boxes placed over the table, as opposed to the same word typed in a cell.
pub fn callout_frames(page: &PageContent, glyphs: &[Glyph], text: &TextTolerances) -> Vec<BBox> {
    callout_words(glyphs, text)
        .into_iter()
        .filter(|b| {
            page.segments
                .iter()
                .any(|s| b.contains(s.x0, s.y0, 0.0) && b.contains(s.x1, s.y1, 0.0))
                || page
                    .rects
                    .iter()
                    .any(|r| b.contains(r.x0, r.y0, 0.0) && b.contains(r.x1, r.y1, 0.0))
        })
        .collect()
}

/// The table's bounds.
pub fn bounds(table: &Table) -> Option<BBox> {
    Some(BBox::new(
        *table.xs.first()?,
        *table.ys.last()?,
        *table.xs.last()?,
        *table.ys.first()?,
    ))
}

/// Boxes drawn on the table, split in two: its outer frames (a box on the table's own bounds:
/// some producers stroke one rectangle around the grid) and floating boxes (rectangles and
/// closed shapes inside the table none of whose sides lies on a rule of the grid, that is a
/// segment along the side that reaches beyond the box: a schedule box or arrow drawn over
/// the table, not a cell or its shading).
pub fn boxes_on_table(page: &PageContent, table: &Table, snap: f64) -> (Vec<BBox>, Vec<BBox>) {
    let Some(b) = bounds(table) else {
        return (Vec::new(), Vec::new());
    };
    let t = snap;
    let on_column_rule = |x: f64, r: &BBox| {
        page.segments.iter().any(|s| {
            (s.x0 - x).abs() <= t
                && (s.x1 - x).abs() <= t
                && (s.y0.min(s.y1) < r.y0 - t || s.y0.max(s.y1) > r.y1 + t)
        })
    };
    let on_row_rule = |y: f64, r: &BBox| {
        page.segments.iter().any(|s| {
            (s.y0 - y).abs() <= t
                && (s.y1 - y).abs() <= t
                && (s.x0.min(s.x1) < r.x0 - t || s.x0.max(s.x1) > r.x1 + t)
        })
    };
    let (mut frames, mut floating) = (Vec::new(), Vec::new());
    for r in page.rects.iter().chain(&page.shapes).map(|r| r.bbox()) {
        if r.coincides(&b, t) {
            frames.push(r);
            continue;
        }
        let inside = r.x0 >= b.x0 - t && r.x1 <= b.x1 + t && r.y0 >= b.y0 - t && r.y1 <= b.y1 + t;
        let free = !on_column_rule(r.x0, &r)
            && !on_column_rule(r.x1, &r)
            && !on_row_rule(r.y0, &r)
            && !on_row_rule(r.y1, &r);
        if inside && free {
            floating.push(r);
        }
    }
    (frames, floating)
}

/// Merges the cells of one row that box `b` covers (at least half of each cell's width) into
/// one, when the box spans two or more of them and every glyph in them lies on the box.
/// Returns the merged cell's (row, first column, columns spanned), or `None` if nothing
/// was merged.
pub fn merge_spanned(
    table: &mut Table,
    glyphs: &[Glyph],
    b: BBox,
) -> Option<(usize, usize, usize)> {
    let (_, cy) = b.centre();
    let mut covered: Vec<usize> = table
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.y0 <= cy && cy <= c.y1)
        .filter(|(_, c)| {
            let overlap = c.x1.min(b.x1) - c.x0.max(b.x0);
            overlap >= 0.5 * (c.x1 - c.x0)
        })
        .map(|(k, _)| k)
        .collect();
    covered.sort_by_key(|&k| table.cells[k].col);
    if covered.len() < 2 {
        return None;
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
        return None;
    }
    let assigned = assign(table, glyphs);
    let mut any = false;
    for &k in &covered {
        for &i in &assigned[k] {
            let (x, y) = glyphs[i].centre();
            if !b.contains(x, y, 0.0) {
                return None;
            }
            any = true;
        }
    }
    if !any {
        return None;
    }
    let last = &table.cells[*covered.last()?];
    let (span, x1) = (last.col + last.col_span - first.col, last.x1);
    let (row, col) = (first.row, first.col);
    let keep = covered[0];
    table.cells[keep].col_span = span;
    table.cells[keep].x1 = x1;
    let mut k = 0;
    table.cells.retain(|_| {
        k += 1;
        !covered[1..].contains(&(k - 1))
    });
    Some((row, col, span))
}

/// The first or last grid column when all text in its one-column cells is set vertically: a
/// side label (theme) drawn as part of the frame, not a column of the table. Its text is read
/// with the loose text outside the table.
pub fn side_label_column(table: &Table, glyphs: &[Glyph]) -> Option<usize> {
    let n_cols = table.xs.len().saturating_sub(1);
    // A side label needs vertical text: a page without any is answered without assigning
    // its glyphs to cells.
    let shown = |g: &&Glyph| !g.is_blank();
    if n_cols < 3 || !glyphs.iter().filter(shown).any(|g| g.vertical) {
        return None;
    }
    let assigned = assign(table, glyphs);
    [0, n_cols - 1].into_iter().find(|&col| {
        let texts: Vec<&Glyph> = table
            .cells
            .iter()
            .zip(&assigned)
            .filter(|(c, _)| c.col == col && c.col_span == 1)
            .flat_map(|(_, ix)| ix.iter().map(|&i| &glyphs[i]))
            .filter(shown)
            .collect();
        !texts.is_empty() && texts.iter().all(|g| g.vertical)
    })
}

/// Removes grid column `col`: its one-column cells go, wider cells lose one column.
pub fn drop_column(table: &mut Table, col: usize) {
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
