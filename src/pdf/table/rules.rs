//! Ruled tables: segments snapped and joined into rules, rules that meet grouped into grids, grid slots merged into cells where a separating rule is missing.
//!
//! Coordinates are in PDF page space: origin bottom-left, y grows upward, units are points.
//! Every function tolerates arbitrary input: rules with NaN or infinite coordinates are
//! ignored, and nothing here panics.

use serde::{Deserialize, Serialize};

use rustc_hash::FxHashMap;

use super::Tolerances;
use crate::pdf::content::Segment;
use crate::pdf::geom::{floor_i64, BBox};
use crate::pdf::glyph::Glyph;

/// A horizontal or vertical rule in page space (origin bottom-left, y up, points).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Left end.
    pub x0: f64,
    /// Bottom end.
    pub y0: f64,
    /// Right end.
    pub x1: f64,
    /// Top end.
    pub y1: f64,
}

impl From<&Segment> for Rule {
    fn from(s: &Segment) -> Self {
        Rule {
            x0: s.x0,
            y0: s.y0,
            x1: s.x1,
            y1: s.y1,
        }
    }
}

/// A table found from ruling lines: column edges left→right, row edges top→bottom (page space y decreases downward), and cells with spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// `n_cols + 1` column edges, ascending.
    pub xs: Vec<f64>,
    /// `n_rows + 1` row edges, descending (top first).
    pub ys: Vec<f64>,
    /// Cells in reading order (by top-left slot: row, then column).
    pub cells: Vec<GridCell>,
}

/// One cell of a [`Table`]: its top-left grid slot, its spans and its page-space box
/// (`y0` bottom < `y1` top).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridCell {
    /// Top grid row.
    pub row: usize,
    /// Left grid column.
    pub col: usize,
    /// Grid rows covered.
    pub row_span: usize,
    /// Grid columns covered.
    pub col_span: usize,
    /// Left edge.
    pub x0: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub y1: f64,
}

/// A normalized axis-aligned segment: `pos` is the fixed coordinate (y for a horizontal rule,
/// x for a vertical one) and `a <= b` the extent along the other axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    pos: f64,
    a: f64,
    b: f64,
}

/// Maximum thickness deviation for a rule to count as horizontal or vertical.
const AXIS_EPS: f64 = 0.5;
/// Minimum length of a rule; shorter ones are treated as zero-length and dropped.
const MIN_LEN: f64 = 1e-6;

fn finite4(a: f64, b: f64, c: f64, d: f64) -> bool {
    a.is_finite() && b.is_finite() && c.is_finite() && d.is_finite()
}

/// Normalizes rules and splits them into horizontal and vertical segments.
fn classify(rules: &[Rule]) -> (Vec<Seg>, Vec<Seg>) {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for r in rules {
        if !finite4(r.x0, r.y0, r.x1, r.y1) {
            continue;
        }
        let (x0, x1) = if r.x0 <= r.x1 {
            (r.x0, r.x1)
        } else {
            (r.x1, r.x0)
        };
        let (y0, y1) = if r.y0 <= r.y1 {
            (r.y0, r.y1)
        } else {
            (r.y1, r.y0)
        };
        let dx = x1 - x0;
        let dy = y1 - y0;
        if dy <= AXIS_EPS && dx > MIN_LEN && dx > dy {
            hs.push(Seg {
                pos: (y0 + y1) / 2.0,
                a: x0,
                b: x1,
            });
        } else if dx <= AXIS_EPS && dy > MIN_LEN && dy > dx {
            vs.push(Seg {
                pos: (x0 + x1) / 2.0,
                a: y0,
                b: y1,
            });
        }
    }
    (hs, vs)
}

/// Clusters sorted values: a value joins the current cluster while it lies within `tol` of
/// the cluster's running mean. Returns `(start, end)` index ranges into `sorted`.
fn clusters(sorted: &[f64], tol: f64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut sum = 0.0;
    for (i, &v) in sorted.iter().enumerate() {
        if i > start {
            let mean = sum / (i - start) as f64;
            if (v - mean).abs() > tol {
                out.push((start, i));
                start = i;
                sum = 0.0;
            }
        }
        sum += v;
    }
    if start < sorted.len() {
        out.push((start, sorted.len()));
    }
    out
}

/// Snaps segment positions: positions within `tol` of each other become their mean.
fn snap(segs: &mut [Seg], tol: f64) {
    segs.sort_by(|p, q| p.pos.total_cmp(&q.pos));
    let positions: Vec<f64> = segs.iter().map(|s| s.pos).collect();
    for (s, e) in clusters(&positions, tol) {
        let mean = positions[s..e].iter().sum::<f64>() / (e - s) as f64;
        for seg in &mut segs[s..e] {
            seg.pos = mean;
        }
    }
}

/// Merges collinear segments (same snapped position) that overlap or have a gap ≤ `tol`.
fn join(mut segs: Vec<Seg>, tol: f64) -> Vec<Seg> {
    segs.sort_by(|p, q| p.pos.total_cmp(&q.pos).then(p.a.total_cmp(&q.a)));
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs {
        if let Some(cur) = out.last_mut() {
            if (cur.pos - s.pos).abs() <= 1e-9 && s.a <= cur.b + tol {
                if s.b > cur.b {
                    cur.b = s.b;
                }
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Snapped and joined horizontal and vertical segments.
pub(crate) fn prepare(rules: &[Rule], tol: &Tolerances) -> (Vec<Seg>, Vec<Seg>) {
    let (mut hs, mut vs) = classify(rules);
    snap(&mut hs, tol.snap);
    snap(&mut vs, tol.snap);
    (join(hs, tol.join), join(vs, tol.join))
}

/// Union-find with path halving.
struct Dsu {
    parent: Vec<usize>,
}

impl Dsu {
    fn new(n: usize) -> Self {
        Dsu {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let ra = self.find(a);
        let rb = self.find(b);
        if ra != rb {
            self.parent[ra] = rb;
        }
    }
}

/// Whether a horizontal and a vertical segment meet within `tol`.
fn meets(h: &Seg, v: &Seg, tol: f64) -> bool {
    v.pos >= h.a - tol && v.pos <= h.b + tol && h.pos >= v.a - tol && h.pos <= v.b + tol
}

/// Sorted ascending values merged where neighbours are closer than `min_gap` (cluster mean).
pub(crate) fn dedupe_edges(mut vals: Vec<f64>, min_gap: f64) -> Vec<f64> {
    vals.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    let mut group: Vec<f64> = Vec::new();
    for v in vals {
        if let Some(&last) = group.last() {
            if v - last >= min_gap {
                out.push(group.iter().sum::<f64>() / group.len() as f64);
                group.clear();
            }
        }
        group.push(v);
    }
    if !group.is_empty() {
        out.push(group.iter().sum::<f64>() / group.len() as f64);
    }
    out
}

/// Index of the edge nearest to `v` (edges non-empty).
fn nearest(edges: &[f64], v: f64) -> usize {
    let mut best = 0;
    let mut best_d = f64::INFINITY;
    for (i, &e) in edges.iter().enumerate() {
        let d = (e - v).abs();
        if d < best_d {
            best_d = d;
            best = i;
        }
    }
    best
}

/// Length of the union of `intervals` clipped to `[lo, hi]`.
fn covered(intervals: &[(f64, f64)], lo: f64, hi: f64) -> f64 {
    let mut clipped: Vec<(f64, f64)> = intervals
        .iter()
        .map(|&(a, b)| (a.max(lo), b.min(hi)))
        .filter(|&(a, b)| b > a)
        .collect();
    clipped.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut total = 0.0;
    let mut cur: Option<(f64, f64)> = None;
    for (a, b) in clipped {
        match cur {
            Some((ca, cb)) if a <= cb => cur = Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                total += cb - ca;
                cur = Some((a, b));
            }
            None => cur = Some((a, b)),
        }
    }
    if let Some((ca, cb)) = cur {
        total += cb - ca;
    }
    total
}

/// The extreme rule end on one side, if at least two rules end near it (within `snap`).
/// `ends` are the rule ends on that side; `low` selects the minimum side.
fn extreme_end(ends: &[f64], low: bool, snap: f64) -> Option<f64> {
    let ext = if low {
        ends.iter().copied().fold(f64::INFINITY, f64::min)
    } else {
        ends.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    };
    if !ext.is_finite() {
        return None;
    }
    let near = ends.iter().filter(|&&e| (e - ext).abs() <= snap).count();
    (near >= 2).then_some(ext)
}

/// Finds tables: snaps and merges rules, builds the grid from the edges that intersect, and
/// merges grid slots into one cell where the separating rule between them is absent.
///
/// Tables are returned top to bottom (by top edge), then left to right.
pub fn find_tables(rules: &[Rule], tol: &Tolerances) -> Vec<Table> {
    let tol = tol.sanitized();
    let (hs, vs) = prepare(rules, &tol);
    let nh = hs.len();
    let mut dsu = Dsu::new(nh + vs.len());
    let mut touched = vec![false; nh + vs.len()];
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if meets(h, v, tol.intersection) {
                dsu.union(i, nh + j);
                touched[i] = true;
                touched[nh + j] = true;
            }
        }
    }
    // Group rules by component root, keeping first-seen order for determinism.
    let mut roots: Vec<usize> = Vec::new();
    let mut groups: Vec<(Vec<Seg>, Vec<Seg>)> = Vec::new();
    for k in 0..nh + vs.len() {
        if !touched[k] {
            continue;
        }
        let r = dsu.find(k);
        let gi = match roots.iter().position(|&x| x == r) {
            Some(p) => p,
            None => {
                roots.push(r);
                groups.push((Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if k < nh {
            groups[gi].0.push(hs[k]);
        } else {
            groups[gi].1.push(vs[k - nh]);
        }
    }
    let mut tables: Vec<Table> = groups
        .iter()
        .filter_map(|(h, v)| table_from_component(h, v, &tol))
        .collect();
    tables.sort_by(|p, q| {
        let pt = p.ys.first().copied().unwrap_or(0.0);
        let qt = q.ys.first().copied().unwrap_or(0.0);
        let px = p.xs.first().copied().unwrap_or(0.0);
        let qx = q.xs.first().copied().unwrap_or(0.0);
        qt.total_cmp(&pt).then(px.total_cmp(&qx))
    });
    tables
}

fn distinct_count(vals: impl Iterator<Item = f64>) -> usize {
    let mut v: Vec<f64> = vals.collect();
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() <= 1e-9);
    v.len()
}

/// Builds one table from the rules of one connected component.
fn table_from_component(hs: &[Seg], vs: &[Seg], tol: &Tolerances) -> Option<Table> {
    if distinct_count(hs.iter().map(|s| s.pos)) < 2 || distinct_count(vs.iter().map(|s| s.pos)) < 2
    {
        return None;
    }
    let min_x = vs.iter().map(|s| s.pos).fold(f64::INFINITY, f64::min);
    let max_x = vs.iter().map(|s| s.pos).fold(f64::NEG_INFINITY, f64::max);
    let min_y = hs.iter().map(|s| s.pos).fold(f64::INFINITY, f64::min);
    let max_y = hs.iter().map(|s| s.pos).fold(f64::NEG_INFINITY, f64::max);

    // Column edges from vertical rules, plus the extreme horizontal rule ends when an outer
    // vertical border is missing.
    let mut xs_raw: Vec<f64> = vs.iter().map(|s| s.pos).collect();
    let h_starts: Vec<f64> = hs.iter().map(|s| s.a).collect();
    let h_ends: Vec<f64> = hs.iter().map(|s| s.b).collect();
    if let Some(e) = extreme_end(&h_starts, true, tol.snap) {
        if e < min_x - tol.min_cell {
            xs_raw.push(e);
        }
    }
    if let Some(e) = extreme_end(&h_ends, false, tol.snap) {
        if e > max_x + tol.min_cell {
            xs_raw.push(e);
        }
    }
    let mut ys_raw: Vec<f64> = hs.iter().map(|s| s.pos).collect();
    let v_starts: Vec<f64> = vs.iter().map(|s| s.a).collect();
    let v_ends: Vec<f64> = vs.iter().map(|s| s.b).collect();
    if let Some(e) = extreme_end(&v_starts, true, tol.snap) {
        if e < min_y - tol.min_cell {
            ys_raw.push(e);
        }
    }
    if let Some(e) = extreme_end(&v_ends, false, tol.snap) {
        if e > max_y + tol.min_cell {
            ys_raw.push(e);
        }
    }
    let xs = dedupe_edges(xs_raw, tol.min_cell);
    let mut ys = dedupe_edges(ys_raw, tol.min_cell);
    ys.reverse();
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let n_cols = xs.len() - 1;
    let n_rows = ys.len() - 1;

    // Rule extents attached to their nearest edge.
    let mut v_at: Vec<Vec<(f64, f64)>> = vec![Vec::new(); xs.len()];
    for s in vs {
        v_at[nearest(&xs, s.pos)].push((s.a, s.b));
    }
    let mut h_at: Vec<Vec<(f64, f64)>> = vec![Vec::new(); ys.len()];
    for s in hs {
        h_at[nearest(&ys, s.pos)].push((s.a, s.b));
    }

    // open_right[r][c]: slot (r,c) and (r,c+1) are joined (no rule covers ≥ 50% of the boundary).
    let mut open_right = vec![vec![false; n_cols]; n_rows];
    let mut open_down = vec![vec![false; n_cols]; n_rows];
    for r in 0..n_rows {
        let (lo, hi) = (ys[r + 1], ys[r]);
        for c in 0..n_cols.saturating_sub(1) {
            let cov = covered(&v_at[c + 1], lo, hi);
            open_right[r][c] = cov < 0.5 * (hi - lo);
        }
    }
    for r in 0..n_rows.saturating_sub(1) {
        for c in 0..n_cols {
            let (lo, hi) = (xs[c], xs[c + 1]);
            let cov = covered(&h_at[r + 1], lo, hi);
            open_down[r][c] = cov < 0.5 * (hi - lo);
        }
    }

    let cells = build_cells(&xs, &ys, &open_right, &open_down);
    Some(Table { xs, ys, cells })
}

/// Flood-fills slots through open boundaries and turns each group into cells.
fn build_cells(
    xs: &[f64],
    ys: &[f64],
    open_right: &[Vec<bool>],
    open_down: &[Vec<bool>],
) -> Vec<GridCell> {
    let n_rows = ys.len().saturating_sub(1);
    let n_cols = xs.len().saturating_sub(1);
    let mut comp = vec![vec![usize::MAX; n_cols]; n_rows];
    let mut cells = Vec::new();
    let mut next_id = 0;
    let make = |row: usize, col: usize, rs: usize, cs: usize| GridCell {
        row,
        col,
        row_span: rs,
        col_span: cs,
        x0: xs[col],
        x1: xs[col + cs],
        y1: ys[row],
        y0: ys[row + rs],
    };
    for r0 in 0..n_rows {
        for c0 in 0..n_cols {
            if comp[r0][c0] != usize::MAX {
                continue;
            }
            let id = next_id;
            next_id += 1;
            let mut members = vec![(r0, c0)];
            comp[r0][c0] = id;
            let mut stack = vec![(r0, c0)];
            while let Some((r, c)) = stack.pop() {
                let mut push = |rr: usize, cc: usize, comp: &mut Vec<Vec<usize>>| {
                    if comp[rr][cc] == usize::MAX {
                        comp[rr][cc] = id;
                        members.push((rr, cc));
                        stack.push((rr, cc));
                    }
                };
                if c + 1 < n_cols && open_right[r][c] {
                    push(r, c + 1, &mut comp);
                }
                if c > 0 && open_right[r][c - 1] {
                    push(r, c - 1, &mut comp);
                }
                if r + 1 < n_rows && open_down[r][c] {
                    push(r + 1, c, &mut comp);
                }
                if r > 0 && open_down[r - 1][c] {
                    push(r - 1, c, &mut comp);
                }
            }
            let rmin = members.iter().map(|m| m.0).min().unwrap_or(r0);
            let rmax = members.iter().map(|m| m.0).max().unwrap_or(r0);
            let cmin = members.iter().map(|m| m.1).min().unwrap_or(c0);
            let cmax = members.iter().map(|m| m.1).max().unwrap_or(c0);
            let area = (rmax - rmin + 1) * (cmax - cmin + 1);
            if area == members.len() {
                cells.push(make(rmin, cmin, rmax - rmin + 1, cmax - cmin + 1));
            } else {
                // Not rectangular: split into horizontal runs per row.
                for r in rmin..=rmax {
                    let mut c = cmin;
                    while c <= cmax {
                        if comp[r][c] != id {
                            c += 1;
                            continue;
                        }
                        let start = c;
                        while c < cmax && comp[r][c + 1] == id && open_right[r][c] {
                            c += 1;
                        }
                        cells.push(make(r, start, 1, c - start + 1));
                        c += 1;
                    }
                }
            }
        }
    }
    cells.sort_by(|p, q| p.row.cmp(&q.row).then(p.col.cmp(&q.col)));
    cells
}

/// Side of the square buckets glyph boxes are indexed by, in points.
const BUCKET: f64 = 16.0;

/// For each segment: true when it is part of a glyph's outline, that is both of its ends lie
/// in the box of one glyph (grown by `slack` font sizes: outlines overshoot the nominal box).
///
/// Some print chains (cairo's fake bold) stroke glyph outlines as paths: thousands of short
/// horizontal and vertical strokes inside the text, which would otherwise be read as ruling
/// lines and split the table into dozens of columns. A ruling line is never that short and
/// that close to one glyph.
pub fn glyph_outlines(segments: &[Segment], glyphs: &[Glyph], slack: f64) -> Vec<bool> {
    let mut out = vec![false; segments.len()];
    if segments.is_empty() || glyphs.is_empty() {
        return out;
    }
    let key = |x: f64, y: f64| (floor_i64(x / BUCKET), floor_i64(y / BUCKET));
    // The boxes worth indexing: finite, and no larger than a few buckets.
    let boxes: Vec<Option<BBox>> = glyphs
        .iter()
        .map(|g| {
            let b = g.bbox().grown(slack * g.size);
            let (k0, k1) = (key(b.x0, b.y0), key(b.x1, b.y1));
            (b.is_finite() && (k1.0 - k0.0) <= 8 && (k1.1 - k0.1) <= 8).then_some(b)
        })
        .collect();
    // A segment inside a box is no longer than the largest box is wide (or high): on most
    // pages every segment is a ruling line, longer than that, and no box is indexed at all.
    let (w, h) = boxes.iter().flatten().fold((0.0f64, 0.0f64), |(w, h), b| {
        (w.max(b.width()), h.max(b.height()))
    });
    let short: Vec<usize> = (0..segments.len())
        .filter(|&i| {
            let s = &segments[i];
            (s.x1 - s.x0).abs() <= w && (s.y1 - s.y0).abs() <= h
        })
        .collect();
    let inside = |s: &Segment, b: &BBox| b.contains(s.x0, s.y0, 0.0) && b.contains(s.x1, s.y1, 0.0);
    // A few short segments (bullets, check boxes) are compared with every box; the thousands
    // a fake-bold chain strokes go through a grid of the boxes.
    if short.len() <= 64 {
        for i in short {
            out[i] = boxes.iter().flatten().any(|b| inside(&segments[i], b));
        }
        return out;
    }
    let mut index: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
    for (i, b) in boxes.iter().enumerate() {
        let Some(b) = b else { continue };
        let (k0, k1) = (key(b.x0, b.y0), key(b.x1, b.y1));
        for kx in k0.0..=k1.0 {
            for ky in k0.1..=k1.1 {
                index.entry((kx, ky)).or_default().push(i);
            }
        }
    }
    for i in short {
        let s = &segments[i];
        if let Some(candidates) = index.get(&key(s.x0, s.y0)) {
            out[i] = candidates
                .iter()
                .filter_map(|&k| boxes[k].as_ref())
                .any(|b| inside(s, b));
        }
    }
    out
}
