//! Tables without ruling lines: columns from the x-extents of a header line and the gutters below it, rows from text lines.

use super::rules::{dedupe_edges, GridCell, Table};
use super::{TextTolerances, Tolerances};
use crate::pdf::glyph::Glyph;
use crate::pdf::lines::{runs, text_lines, vbox, vertical_columns, TextLine, VBox};
use crate::roles::{role_of_label, Role};
use crate::text::lexicon::is_footnote;
use crate::text::normalize::normalize;

/// Cells without ruling lines: column edges from the header's glyph x-extents (fallback for pages without rules);
/// `header` = glyphs of the header row; `body` = the other glyphs below it. Returns one Table with one row per text line cluster.
///
/// Row 0 is the header row itself; rows 1.. are the body line clusters (top to bottom).
/// Header glyphs are grouped into labels where their x-extents overlap or lie within
/// `max(join, label_join × size)` of each other. Column boundaries sit in the vertical gutters
/// (at least that wide) that no header or body glyph crosses, and midway between two labels
/// that no gutter separates; the outer edges enclose all header and body glyphs. Body glyphs
/// whose centre is not below the header's bottom are ignored. Returns `None` when the header has no usable glyph.
pub fn table_from_header(
    header: &[Glyph],
    body: &[Glyph],
    tol: &Tolerances,
    text: &TextTolerances,
) -> Option<Table> {
    let tol = tol.sanitized();
    let head: Vec<&Glyph> = header.iter().filter(|g| g.is_finite()).collect();
    if head.is_empty() {
        return None;
    }
    let head_lo = head
        .iter()
        .map(|g| g.bounds().1)
        .fold(f64::INFINITY, f64::min);
    let head_hi = head
        .iter()
        .map(|g| g.bounds().3)
        .fold(f64::NEG_INFINITY, f64::max);
    let bod: Vec<&Glyph> = body
        .iter()
        .filter(|g| g.is_finite())
        .filter(|g| {
            let (_, y0, _, y1) = g.bounds();
            (y0 + y1) / 2.0 < head_lo
        })
        .collect();

    // Header labels: x-intervals of glyph groups.
    let labels = x_groups(&head, tol.join, text.label_join);
    // Column edges: the middle of each vertical gutter between the groups of all header and
    // body glyphs (a text column keeps its padding on both sides), then, where two header
    // labels still share a column (text spanning the gutter between them), midway between them.
    let all: Vec<&Glyph> = head.iter().chain(bod.iter()).copied().collect();
    let blocks = x_groups(&all, tol.join, text.label_join);
    let (left, right) = (blocks.first()?.0, blocks.last()?.1);
    let gutters: Vec<f64> = blocks.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0).collect();
    let mut xs_raw = vec![left];
    xs_raw.extend(gutters.iter().copied());
    for w in labels.windows(2) {
        if !gutters.iter().any(|&g| w[0].1 <= g && g <= w[1].0) {
            xs_raw.push((w[0].1 + w[1].0) / 2.0);
        }
    }
    xs_raw.push(right);
    xs_raw.sort_by(f64::total_cmp);
    let xs = dedupe_edges(xs_raw, tol.min_cell);
    if xs.len() < 2 {
        return None;
    }

    // Body line clusters, top to bottom: (lo, hi) vertical extents.
    let lines = table_rows(line_clusters(&bod));
    let mut bands: Vec<(f64, f64)> = vec![(head_lo, head_hi)];
    bands.extend(lines);
    let mut ys_raw = vec![bands[0].1];
    for w in bands.windows(2) {
        let (upper, lower) = (w[0], w[1]);
        let edge = if lower.1 <= upper.0 {
            (upper.0 + lower.1) / 2.0
        } else {
            // Overlapping bands: split between their centres.
            ((upper.0 + upper.1) / 2.0 + (lower.0 + lower.1) / 2.0) / 2.0
        };
        ys_raw.push(edge);
    }
    ys_raw.push(bands.iter().map(|b| b.0).fold(f64::INFINITY, f64::min));
    let mut ys = dedupe_edges(ys_raw, tol.min_cell);
    ys.reverse();
    if ys.len() < 2 {
        return None;
    }
    let n_rows = ys.len() - 1;
    let n_cols = xs.len() - 1;
    let mut cells = Vec::with_capacity(n_rows * n_cols);
    for r in 0..n_rows {
        for c in 0..n_cols {
            cells.push(GridCell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                x0: xs[c],
                x1: xs[c + 1],
                y1: ys[r],
                y0: ys[r + 1],
            });
        }
    }
    Some(Table { xs, ys, cells })
}

/// Layout items for line clustering: horizontal glyphs individually, vertical glyphs merged
/// into stacks (columns) so one vertical label counts as one item. Returns `(lo, hi, size)`.
fn layout_items(glyphs: &[&Glyph]) -> Vec<(f64, f64, f64)> {
    let mut items = Vec::new();
    let mut verts: Vec<VBox> = Vec::new();
    for g in glyphs {
        if g.vertical {
            verts.push(vbox(g));
        } else {
            let (_, y0, _, y1) = g.bounds();
            items.push((y0, y1, g.usable_size()));
        }
    }
    for col in vertical_columns(&verts) {
        let size = col.iter().map(|&i| verts[i].4).fold(0.0, f64::max);
        // Split a column (already top to bottom) where consecutive glyphs are more than one
        // size apart.
        let mut cur: Option<(f64, f64)> = None;
        for &i in &col {
            let v = verts[i];
            match cur {
                Some((clo, chi)) if v.3 >= clo - v.4 => cur = Some((clo.min(v.1), chi)),
                Some(c) => {
                    items.push((c.0, c.1, size));
                    cur = Some((v.1, v.3));
                }
                None => cur = Some((v.1, v.3)),
            }
        }
        if let Some(c) = cur {
            items.push((c.0, c.1, size));
        }
    }
    items
}

/// X-intervals of glyph boxes, merged where they overlap or lie within `max(join, label_join × size)`
/// of each other; left to right. Never empty for a non-empty `glyphs`.
fn x_groups(glyphs: &[&Glyph], join: f64, share: f64) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64, f64)> = glyphs
        .iter()
        .map(|g| {
            let (x0, _, x1, _) = g.bounds();
            (x0, x1, g.usable_size())
        })
        .collect();
    spans.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut groups: Vec<(f64, f64)> = Vec::new();
    for (x0, x1, size) in spans {
        match groups.last_mut() {
            Some(last) if x0 <= last.1 + join.max(share * size) => last.1 = last.1.max(x1),
            _ => groups.push((x0, x1)),
        }
    }
    groups
}

/// Groups text lines (top to bottom) into table rows: a row ends where the gap to the next
/// line is clearly wider than the usual line pitch (cell padding and a rule between rows).
/// Evenly spaced lines stay one row each.
pub(crate) fn table_rows(lines: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let pitches: Vec<f64> = lines.windows(2).map(|w| w[0].1 - w[1].1).collect();
    let mut sorted: Vec<f64> = pitches.iter().copied().filter(|p| *p > 0.0).collect();
    sorted.sort_by(f64::total_cmp);
    let (Some(&pitch), Some(&widest)) = (sorted.get(sorted.len() / 4), sorted.last()) else {
        return lines;
    };
    // Evenly spaced lines show no row structure: one row per line.
    if widest <= ROW_GAP * pitch {
        return lines;
    }
    let mut rows: Vec<(f64, f64)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match rows.last_mut() {
            Some(row) if pitches[i - 1] <= ROW_GAP * pitch => row.0 = row.0.min(line.0),
            _ => rows.push(*line),
        }
    }
    rows
}

/// A gap between two lines wider than this many line pitches starts a new table row.
const ROW_GAP: f64 = 1.3;

/// Clusters body glyphs into text lines; returns `(lo, hi)` extents top to bottom.
/// An item joins the current line when its bottom (baseline proxy) lies within 0.5 × size of
/// the line's first bottom, or when the two vertical ranges overlap by at least half of the
/// smaller one.
fn line_clusters(glyphs: &[&Glyph]) -> Vec<(f64, f64)> {
    let mut items = layout_items(glyphs);
    items.sort_by(|p, q| q.1.total_cmp(&p.1).then(q.0.total_cmp(&p.0)));
    // (base, lo, hi, size)
    let mut lines: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (lo, hi, size) in items {
        let mut joined = false;
        for line in lines.iter_mut().rev().take(2) {
            let s = size.max(line.3);
            let overlap = hi.min(line.2) - lo.max(line.1);
            let smaller = (hi - lo).min(line.2 - line.1);
            if (lo - line.0).abs() <= 0.5 * s || (smaller > 0.0 && overlap >= 0.5 * smaller) {
                line.1 = line.1.min(lo);
                line.2 = line.2.max(hi);
                line.3 = s;
                joined = true;
                break;
            }
        }
        if !joined {
            lines.push((lo, lo, hi, size));
        }
    }
    lines.sort_by(|p, q| q.2.total_cmp(&p.2));
    lines.into_iter().map(|l| (l.1, l.2)).collect()
}

/// The table of a page without ruling lines: columns from the x-extents of the first line
/// that reads like a header, one row per line of text below it. Footnote and page-number
/// lines at the bottom of the page stay outside. Returns the table and the header line.
pub fn header_table(
    glyphs: &[Glyph],
    tol: &Tolerances,
    text: &TextTolerances,
) -> Option<(Table, String)> {
    let horizontal: Vec<&Glyph> = glyphs.iter().filter(|g| !g.vertical).collect();
    let lines = text_lines(&horizontal, text);
    let head = lines.iter().position(|l| {
        let labels: Vec<String> = runs(std::slice::from_ref(l), text)
            .into_iter()
            .map(|r| r.text)
            .collect();
        labels.len() >= 2 && is_header(&labels)
    })?;
    let band = |l: &TextLine, g: &Glyph| {
        let cy = (g.y0 + g.y1) / 2.0;
        l.top - 1.2 * l.size < cy && cy <= l.top + 0.2 * l.size
    };
    let in_head = |g: &Glyph| !g.vertical && band(&lines[head], g);
    // Trailing single-run lines that are footnotes or page numbers end the table.
    let mut end = lines.len();
    while end > head + 1 {
        let l = &lines[end - 1];
        let single = runs(std::slice::from_ref(l), text).len() == 1;
        let t = l.text.trim();
        if single && (is_footnote(t) || (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))) {
            end -= 1;
        } else {
            break;
        }
    }
    let bottom = lines.get(end).map(|l| l.top);
    let header: Vec<Glyph> = glyphs.iter().filter(|g| in_head(g)).cloned().collect();
    let body: Vec<Glyph> = glyphs
        .iter()
        .filter(|g| !in_head(g))
        .filter(|g| bottom.is_none_or(|b| (g.y0 + g.y1) / 2.0 > b))
        .cloned()
        .collect();
    let label = lines[head].text.trim().to_string();
    table_from_header(&header, &body, tol, text).map(|t| (t, label))
}

/// True when a row of labels reads like the table header (two phases, or a phase and a KPI,
/// progress or programs label).
pub fn is_header(labels: &[String]) -> bool {
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
