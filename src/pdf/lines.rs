//! Text lines of the PDF front-end: glyphs grouped into lines (horizontal) and columns (vertical writing), and glyphs assigned to the cells of a table.

use crate::pdf::geom::BBox;
use crate::pdf::glyph::Glyph;
use crate::pdf::table::{Table, TextTolerances};
use compact_str::CompactString;

/// A vertical glyph's box and size: `(x0, y0, x1, y1, size)`.
pub(crate) type VBox = (f64, f64, f64, f64, f64);

pub(crate) fn vbox(g: &Glyph) -> VBox {
    let (x0, y0, x1, y1) = g.bounds();
    (x0, y0, x1, y1, g.usable_size())
}

/// Groups vertical glyph boxes into columns by x-centre (within 0.5 × size). Returns indices
/// into `verts`: columns right to left, each column's glyphs top to bottom.
pub(crate) fn vertical_columns(verts: &[VBox]) -> Vec<Vec<usize>> {
    let cx = |i: usize| (verts[i].0 + verts[i].2) / 2.0;
    let mut order: Vec<usize> = (0..verts.len()).collect();
    order.sort_by(|&p, &q| cx(q).total_cmp(&cx(p)));
    let mut cols: Vec<(f64, Vec<usize>)> = Vec::new();
    for i in order {
        let x = cx(i);
        if let Some((ccx, members)) = cols.last_mut() {
            if (*ccx - x).abs() <= 0.5 * verts[i].4 {
                members.push(i);
                let n = members.len() as f64;
                *ccx += (x - *ccx) / n;
                continue;
            }
        }
        cols.push((x, vec![i]));
    }
    cols.into_iter()
        .map(|(_, mut m)| {
            m.sort_by(|&p, &q| verts[q].3.total_cmp(&verts[p].3));
            m
        })
        .collect()
}

/// Assigns each glyph to the cell containing its centre; returns per cell the glyph indices.
///
/// The result has one entry per `table.cells` element (same order). Glyphs whose centre lies
/// outside the table, or with non-finite coordinates, are not assigned.
pub fn assign(table: &Table, glyphs: &[Glyph]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); table.cells.len()];
    let n_cols = table.xs.len().saturating_sub(1);
    let n_rows = table.ys.len().saturating_sub(1);
    if n_cols == 0 || n_rows == 0 {
        return out;
    }
    // Slot -> cell index.
    let mut slot = vec![usize::MAX; n_rows * n_cols];
    for (k, cell) in table.cells.iter().enumerate() {
        let r_end = cell.row.saturating_add(cell.row_span).min(n_rows);
        let c_end = cell.col.saturating_add(cell.col_span).min(n_cols);
        for r in cell.row..r_end {
            for c in cell.col..c_end {
                slot[r * n_cols + c] = k;
            }
        }
    }
    // The first column whose span holds the centre (a centre on a shared edge goes left, a
    // row's to the one above). With the edges in order — as a grid has them — that column is
    // found by bisection, the same as the scan below finds it.
    let xs_sorted = table.xs.windows(2).all(|w| w[0] <= w[1]);
    let ys_sorted = table.ys.windows(2).all(|w| w[0] >= w[1]);
    let column_of = |cx: f64| {
        if xs_sorted {
            let c = table.xs[1..].partition_point(|&x| x < cx);
            (c < n_cols && table.xs[c] <= cx).then_some(c)
        } else {
            (0..n_cols).find(|&c| cx >= table.xs[c] && cx <= table.xs[c + 1])
        }
    };
    let row_of = |cy: f64| {
        if ys_sorted {
            let r = table.ys[1..].partition_point(|&y| y > cy);
            (r < n_rows && table.ys[r] >= cy).then_some(r)
        } else {
            (0..n_rows).find(|&r| cy <= table.ys[r] && cy >= table.ys[r + 1])
        }
    };
    for (i, g) in glyphs.iter().enumerate() {
        if !g.is_finite() {
            continue;
        }
        let (x0, y0, x1, y1) = g.bounds();
        let cx = (x0 + x1) / 2.0;
        let cy = (y0 + y1) / 2.0;
        if !cx.is_finite() || !cy.is_finite() {
            continue;
        }
        let col = column_of(cx);
        let row = row_of(cy);
        if let (Some(r), Some(c)) = (row, col) {
            let k = slot[r * n_cols + c];
            if let Some(list) = out.get_mut(k) {
                list.push(i);
            }
        }
    }
    out
}

/// Whether a space should separate two glyph texts placed with a visible gap: only between
/// ASCII (Latin) text, never next to CJK or existing whitespace.
fn wants_space(prev: &str, next: &str) -> bool {
    match (prev.chars().last(), next.chars().next()) {
        (Some(a), Some(b)) => a.is_ascii_graphic() && b.is_ascii_graphic(),
        _ => false,
    }
}

/// One text line of a cell: its text and where its glyphs sit.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The line's text (a space between Latin words set apart by a visible gap), without
    /// leading spaces; one trailing space when the line ends in drawn spaces.
    pub text: String,
    /// The glyphs left to right: text, left edge, right edge.
    pub glyphs: Vec<(CompactString, f64, f64)>,
    /// Top of the line's highest glyph.
    pub top: f64,
    /// Bottom of the line's lowest glyph.
    pub bottom: f64,
    /// Largest font size on the line.
    pub size: f64,
    /// A column of vertical text (read top to bottom) rather than a horizontal line.
    pub vertical: bool,
    /// The line ends in a drawn space glyph (it wrapped at a space).
    pub trailing_space: bool,
    /// A list marker drawn as a shape (a disc or square, not a glyph) sits just left of the
    /// line's first glyph: the line opens a list item. Set by [`mark_drawn_bullets`].
    pub drawn_marker: bool,
}

impl TextLine {
    /// The line's box.
    pub fn bbox(&self) -> BBox {
        BBox::new(self.x0(), self.bottom, self.x1(), self.top)
    }

    /// Left edge of the first glyph.
    pub fn x0(&self) -> f64 {
        self.glyphs.first().map_or(0.0, |g| g.1)
    }

    /// Right edge of the last glyph.
    pub fn x1(&self) -> f64 {
        self.glyphs
            .iter()
            .map(|g| g.2)
            .fold(f64::NEG_INFINITY, f64::max)
    }
}

/// Text lines inside one cell: glyphs sorted into lines (horizontal: by baseline within `same_line` × size, then x; vertical glyphs: columns right-to-left, top-to-bottom), each line's text joined; returns lines top to bottom.
///
/// Horizontal glyphs with a gap wider than `word_space` × size between ASCII characters get a space.
/// Vertical columns form one block, read right to left, placed among the horizontal lines by
/// the block's top. Empty lines are dropped; glyphs with non-finite coordinates are ignored.
pub fn cell_lines(glyphs: &[&Glyph], text: &TextTolerances) -> Vec<String> {
    text_lines(glyphs, text)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// The lines of [`cell_lines`] with their geometry.
pub fn text_lines(glyphs: &[&Glyph], tt: &TextTolerances) -> Vec<TextLine> {
    let ok: Vec<&Glyph> = glyphs.iter().copied().filter(|g| g.is_finite()).collect();
    let mut horiz: Vec<&Glyph> = ok.iter().copied().filter(|g| !g.vertical).collect();
    let vert: Vec<&Glyph> = ok.iter().copied().filter(|g| g.vertical).collect();

    horiz.sort_by(|p, q| q.bounds().1.total_cmp(&p.bounds().1));
    let mut groups: Vec<(f64, f64, Vec<&Glyph>)> = Vec::new(); // (baseline, size, glyphs)
    for g in horiz {
        let base = g.bounds().1;
        let size = g.usable_size();
        let found = groups
            .iter_mut()
            .rev()
            .find(|(b, s, _)| (base - *b).abs() <= tt.same_line * size.max(*s));
        match found {
            Some((_, s, members)) => {
                *s = s.max(size);
                members.push(g);
            }
            None => groups.push((base, size, vec![g])),
        }
    }
    let mut entries: Vec<(f64, Vec<TextLine>)> = Vec::new();
    for (_, size, mut members) in groups {
        members.sort_by(|p, q| p.bounds().0.total_cmp(&q.bounds().0));
        let top = members
            .iter()
            .map(|g| g.bounds().3)
            .fold(f64::NEG_INFINITY, f64::max);
        let bottom = members
            .iter()
            .map(|g| g.bounds().1)
            .fold(f64::INFINITY, f64::min);
        // Room for every glyph's text and a space between each two (grown once, not doubled).
        let room = members.iter().map(|g| g.text.len() + 1).sum();
        let mut text = String::with_capacity(room);
        let mut placed = Vec::with_capacity(members.len());
        let mut prev_x1: Option<f64> = None;
        for g in &members {
            let (x0, _, x1, _) = g.bounds();
            if let Some(px) = prev_x1 {
                if x0 - px > tt.word_space * g.usable_size() && wants_space(&text, &g.text) {
                    text.push(' ');
                }
            }
            text.push_str(&g.text);
            placed.push((g.text.clone(), x0, x1));
            prev_x1 = Some(prev_x1.map_or(x1, |p: f64| p.max(x1)));
        }
        entries.push((
            top,
            vec![TextLine {
                text,
                glyphs: placed,
                top,
                bottom,
                size,
                vertical: false,
                trailing_space: false,
                drawn_marker: false,
            }],
        ));
    }

    // Vertical block: columns right to left, each read top to bottom.
    if !vert.is_empty() {
        let boxes: Vec<VBox> = vert.iter().map(|g| vbox(g)).collect();
        let top = boxes.iter().map(|b| b.3).fold(f64::NEG_INFINITY, f64::max);
        let columns: Vec<TextLine> = vertical_columns(&boxes)
            .into_iter()
            .map(|col| TextLine {
                text: col.iter().map(|&i| vert[i].text.as_str()).collect(),
                glyphs: col
                    .iter()
                    .map(|&i| (vert[i].text.clone(), boxes[i].0, boxes[i].2))
                    .collect(),
                top,
                bottom: col
                    .iter()
                    .map(|&i| boxes[i].1)
                    .fold(f64::INFINITY, f64::min),
                size: col.iter().map(|&i| boxes[i].4).fold(0.0, f64::max),
                vertical: true,
                trailing_space: false,
                drawn_marker: false,
            })
            .collect();
        entries.push((top, columns));
    }

    entries.sort_by(|p, q| q.0.total_cmp(&p.0));
    entries
        .into_iter()
        .flat_map(|(_, t)| t)
        .filter_map(|mut l| {
            // The text without its leading and trailing whitespace is `text[start..end]`.
            let start = l.text.len() - l.text.trim_start().len();
            let end = l.text.trim_end().len();
            if start >= end {
                return None;
            }
            let lead = l
                .glyphs
                .iter()
                .take_while(|g| g.0.trim().is_empty())
                .count();
            l.glyphs.drain(..lead);
            while l.glyphs.last().is_some_and(|g| g.0.trim().is_empty()) {
                l.glyphs.pop();
                l.trailing_space = true;
            }
            // A space drawn at the end of a line is text (the line wrapped at it): keep one.
            // Trimmed in place: most lines have nothing to trim, and keep their one buffer.
            l.text.truncate(end);
            l.text.drain(..start);
            if l.trailing_space {
                l.text.push(' ');
            }
            Some(l)
        })
        .collect()
}

/// A piece of one text line set apart from the rest of the line by a wide gap: text boxes
/// side by side on a slide share baselines but not runs.
#[derive(Debug, Clone)]
pub struct Run {
    /// The run's text.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top of the line.
    pub top: f64,
    /// Font size of the line.
    pub size: f64,
}

/// Splits lines into runs at gaps wider than `run_gap` font sizes.
pub fn runs(lines: &[TextLine], text: &TextTolerances) -> Vec<Run> {
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
                Some(r) if *x0 - r.x1 <= text.run_gap * l.size => {
                    let latin_gap = *x0 - r.x1 > text.word_space * l.size
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
                        text: t.to_string(),
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
/// (within `block_drop` line heights), overlaps it horizontally and has about the same font
/// size (within `block_size`) — the lines of one label box, or characters stacked one per
/// line. Blocks in reading order.
pub fn blocks(mut runs: Vec<Run>, text: &TextTolerances) -> Vec<Vec<String>> {
    runs.sort_by(|a, b| b.top.total_cmp(&a.top).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        let home = out.iter_mut().rev().find(|b| {
            let last = &b[b.len() - 1];
            let size = last.size.max(r.size);
            let drop = last.top - r.top;
            drop > 0.0
                && drop <= text.block_drop * size
                && r.x0 < last.x1
                && r.x1 > last.x0
                && (last.size / r.size - 1.0).abs() <= text.block_size
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

/// Marks the lines that open with a list marker drawn as a shape: a small filled box about as
/// wide as high (at most `0.6` of the line's font size each way), vertically inside the
/// line's band, its right edge within two font sizes left of the line's first glyph.
/// `shapes` are the page's boxes that are not rules.
pub fn mark_drawn_bullets(lines: &mut [TextLine], shapes: &[BBox]) {
    for l in lines.iter_mut().filter(|l| !l.vertical) {
        let size = l.size;
        let x0 = l.x0();
        l.drawn_marker = shapes.iter().any(|b| {
            let (w, h) = (b.width(), b.height());
            let (_, cy) = b.centre();
            w > 0.0
                && h > 0.0
                && w <= 0.6 * size
                && h <= 0.6 * size
                && (w / h - 1.0).abs() <= 0.5
                && l.bottom <= cy
                && cy <= l.top
                && b.x1 <= x0 + 0.1 * size
                && b.x1 >= x0 - 2.0 * size
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_filled_disc_left_of_a_line_is_its_list_marker() {
        let g = |c: &str, x: f64| Glyph {
            x0: x,
            x1: x + 10.0,
            ..Glyph::square(c, x, 100.0)
        };
        let glyphs = [g("予", 20.0), g("算", 30.0), g("事", 20.0)];
        let mut lines = text_lines(&[&glyphs[0], &glyphs[1]], &TextTolerances::DEFAULT);
        // A 3 pt disc centred on the line, 5 pt left of its first glyph.
        let disc = BBox::new(12.0, 103.5, 15.0, 106.5);
        mark_drawn_bullets(&mut lines, &[disc]);
        assert!(lines[0].drawn_marker);
        // A wide box, or one far away, is no marker.
        for b in [
            BBox::new(0.0, 103.0, 15.0, 106.0),
            BBox::new(-40.0, 103.5, -37.0, 106.5),
        ] {
            mark_drawn_bullets(&mut lines, &[b]);
            assert!(!lines[0].drawn_marker, "{b:?}");
        }
    }
}
