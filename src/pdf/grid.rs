//! Table geometry for PDF pages: ruling lines to grids with merged cells, header-based column fallback, and cell text lines.
//!
//! Coordinates are in PDF page space: origin bottom-left, y grows upward, units are points.
//! Every public function tolerates arbitrary input: rules or glyphs with NaN or infinite
//! coordinates are ignored, and nothing here panics.

use serde::{Deserialize, Serialize};

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

impl From<&super::content::Segment> for Rule {
    fn from(s: &super::content::Segment) -> Self {
        Rule {
            x0: s.x0,
            y0: s.y0,
            x1: s.x1,
            y1: s.y1,
        }
    }
}

/// A glyph box with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlyphBox {
    /// The glyph's Unicode text.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub y1: f64,
    /// Font size in points.
    pub size: f64,
    /// Drawn in vertical writing mode.
    pub vertical: bool,
}

/// Named tolerances (points) used by the table finder.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tolerances {
    /// Rules whose positions differ by at most `snap` are put on one line.
    pub snap: f64,
    /// Collinear rules with a gap of at most `join` are merged.
    pub join: f64,
    /// A vertical and a horizontal rule meet if they come within this distance.
    pub intersection: f64,
    /// Rows/columns narrower than this are merged away.
    pub min_cell: f64,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            snap: 3.0,
            join: 3.0,
            intersection: 3.0,
            min_cell: 4.0,
        }
    }
}

impl Tolerances {
    /// Copy with every non-finite or negative value replaced by its default.
    fn sanitized(&self) -> Tolerances {
        let d = Tolerances::default();
        let fix = |v: f64, dv: f64| if v.is_finite() && v >= 0.0 { v } else { dv };
        Tolerances {
            snap: fix(self.snap, d.snap),
            join: fix(self.join, d.join),
            intersection: fix(self.intersection, d.intersection),
            min_cell: fix(self.min_cell, d.min_cell),
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
struct Seg {
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
fn prepare(rules: &[Rule], tol: &Tolerances) -> (Vec<Seg>, Vec<Seg>) {
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
fn dedupe_edges(mut vals: Vec<f64>, min_gap: f64) -> Vec<f64> {
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

fn glyph_ok(g: &GlyphBox) -> bool {
    finite4(g.x0, g.y0, g.x1, g.y1)
}

/// Normalized box `(x0, y0, x1, y1)` of a glyph with finite coordinates.
fn gbox(g: &GlyphBox) -> (f64, f64, f64, f64) {
    (
        g.x0.min(g.x1),
        g.y0.min(g.y1),
        g.x0.max(g.x1),
        g.y0.max(g.y1),
    )
}

/// Usable font size: `size` if finite and positive, else the larger box side, else 1.
fn gsize(g: &GlyphBox) -> f64 {
    if g.size.is_finite() && g.size > 0.0 {
        return g.size;
    }
    let (x0, y0, x1, y1) = gbox(g);
    let s = (x1 - x0).max(y1 - y0);
    if s.is_finite() && s > 0.0 {
        s
    } else {
        1.0
    }
}

/// Cells without ruling lines: column edges from the header's glyph x-extents (fallback for pages without rules);
/// `header` = glyphs of the header row; `body` = the other glyphs below it. Returns one Table with one row per text line cluster.
///
/// Row 0 is the header row itself; rows 1.. are the body line clusters (top to bottom).
/// Header glyphs are grouped into labels where their x-extents overlap or lie within
/// `max(join, 0.6 × size)` of each other. Column boundaries sit in the vertical gutters
/// (at least that wide) that no header or body glyph crosses, and midway between two labels
/// that no gutter separates; the outer edges enclose all header and body glyphs. Body glyphs
/// whose centre is not below the header's bottom are ignored. Returns `None` when the header has no usable glyph.
pub fn table_from_header(
    header: &[GlyphBox],
    body: &[GlyphBox],
    tol: &Tolerances,
) -> Option<Table> {
    let tol = tol.sanitized();
    let head: Vec<&GlyphBox> = header.iter().filter(|g| glyph_ok(g)).collect();
    if head.is_empty() {
        return None;
    }
    let head_lo = head.iter().map(|g| gbox(g).1).fold(f64::INFINITY, f64::min);
    let head_hi = head
        .iter()
        .map(|g| gbox(g).3)
        .fold(f64::NEG_INFINITY, f64::max);
    let bod: Vec<&GlyphBox> = body
        .iter()
        .filter(|g| glyph_ok(g))
        .filter(|g| {
            let (_, y0, _, y1) = gbox(g);
            (y0 + y1) / 2.0 < head_lo
        })
        .collect();

    // Header labels: x-intervals of glyph groups.
    let labels = x_groups(&head, tol.join);
    // Column edges: the middle of each vertical gutter between the groups of all header and
    // body glyphs (a text column keeps its padding on both sides), then, where two header
    // labels still share a column (text spanning the gutter between them), midway between them.
    let all: Vec<&GlyphBox> = head.iter().chain(bod.iter()).copied().collect();
    let blocks = x_groups(&all, tol.join);
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

/// A vertical glyph's box and size: `(x0, y0, x1, y1, size)`.
type VBox = (f64, f64, f64, f64, f64);

fn vbox(g: &GlyphBox) -> VBox {
    let (x0, y0, x1, y1) = gbox(g);
    (x0, y0, x1, y1, gsize(g))
}

/// Layout items for line clustering: horizontal glyphs individually, vertical glyphs merged
/// into stacks (columns) so one vertical label counts as one item. Returns `(lo, hi, size)`.
fn layout_items(glyphs: &[&GlyphBox]) -> Vec<(f64, f64, f64)> {
    let mut items = Vec::new();
    let mut verts: Vec<VBox> = Vec::new();
    for g in glyphs {
        if g.vertical {
            verts.push(vbox(g));
        } else {
            let (_, y0, _, y1) = gbox(g);
            items.push((y0, y1, gsize(g)));
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

/// Groups vertical glyph boxes into columns by x-centre (within 0.5 × size). Returns indices
/// into `verts`: columns right to left, each column's glyphs top to bottom.
fn vertical_columns(verts: &[VBox]) -> Vec<Vec<usize>> {
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

/// X-intervals of glyph boxes, merged where they overlap or lie within `max(join, 0.6 × size)`
/// of each other; left to right. Never empty for a non-empty `glyphs`.
fn x_groups(glyphs: &[&GlyphBox], join: f64) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64, f64)> = glyphs
        .iter()
        .map(|g| {
            let (x0, _, x1, _) = gbox(g);
            (x0, x1, gsize(g))
        })
        .collect();
    spans.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut groups: Vec<(f64, f64)> = Vec::new();
    for (x0, x1, size) in spans {
        match groups.last_mut() {
            Some(last) if x0 <= last.1 + join.max(0.6 * size) => last.1 = last.1.max(x1),
            _ => groups.push((x0, x1)),
        }
    }
    groups
}

/// Groups text lines (top to bottom) into table rows: a row ends where the gap to the next
/// line is clearly wider than the usual line pitch (cell padding and a rule between rows).
/// Evenly spaced lines stay one row each.
fn table_rows(lines: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
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
fn line_clusters(glyphs: &[&GlyphBox]) -> Vec<(f64, f64)> {
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

/// Assigns each glyph to the cell containing its centre; returns per cell the glyph indices.
///
/// The result has one entry per `table.cells` element (same order). Glyphs whose centre lies
/// outside the table, or with non-finite coordinates, are not assigned.
pub fn assign(table: &Table, glyphs: &[GlyphBox]) -> Vec<Vec<usize>> {
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
    for (i, g) in glyphs.iter().enumerate() {
        if !glyph_ok(g) {
            continue;
        }
        let (x0, y0, x1, y1) = gbox(g);
        let cx = (x0 + x1) / 2.0;
        let cy = (y0 + y1) / 2.0;
        if !cx.is_finite() || !cy.is_finite() {
            continue;
        }
        let col = (0..n_cols).find(|&c| cx >= table.xs[c] && cx <= table.xs[c + 1]);
        let row = (0..n_rows).find(|&r| cy <= table.ys[r] && cy >= table.ys[r + 1]);
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
    pub glyphs: Vec<(String, f64, f64)>,
    /// Top of the line's highest glyph.
    pub top: f64,
    /// Largest font size on the line.
    pub size: f64,
    /// A column of vertical text (read top to bottom) rather than a horizontal line.
    pub vertical: bool,
    /// The line ends in a drawn space glyph (it wrapped at a space).
    pub trailing_space: bool,
}

impl TextLine {
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

/// Text lines inside one cell: glyphs sorted into lines (horizontal: by baseline within 0.5×size, then x; vertical glyphs: columns right-to-left, top-to-bottom), each line's text joined; returns lines top to bottom.
///
/// Horizontal glyphs with a gap wider than 0.3 × size between ASCII characters get a space.
/// Vertical columns form one block, read right to left, placed among the horizontal lines by
/// the block's top. Empty lines are dropped; glyphs with non-finite coordinates are ignored.
pub fn cell_lines(glyphs: &[&GlyphBox]) -> Vec<String> {
    text_lines(glyphs).into_iter().map(|l| l.text).collect()
}

/// The lines of [`cell_lines`] with their geometry.
pub fn text_lines(glyphs: &[&GlyphBox]) -> Vec<TextLine> {
    let ok: Vec<&GlyphBox> = glyphs.iter().copied().filter(|g| glyph_ok(g)).collect();
    let mut horiz: Vec<&GlyphBox> = ok.iter().copied().filter(|g| !g.vertical).collect();
    let vert: Vec<&GlyphBox> = ok.iter().copied().filter(|g| g.vertical).collect();

    horiz.sort_by(|p, q| gbox(q).1.total_cmp(&gbox(p).1));
    let mut groups: Vec<(f64, f64, Vec<&GlyphBox>)> = Vec::new(); // (baseline, size, glyphs)
    for g in horiz {
        let base = gbox(g).1;
        let size = gsize(g);
        let found = groups
            .iter_mut()
            .rev()
            .find(|(b, s, _)| (base - *b).abs() <= 0.5 * size.max(*s));
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
        members.sort_by(|p, q| gbox(p).0.total_cmp(&gbox(q).0));
        let top = members
            .iter()
            .map(|g| gbox(g).3)
            .fold(f64::NEG_INFINITY, f64::max);
        let mut text = String::new();
        let mut placed = Vec::with_capacity(members.len());
        let mut prev_x1: Option<f64> = None;
        for g in &members {
            let (x0, _, x1, _) = gbox(g);
            if let Some(px) = prev_x1 {
                if x0 - px > 0.3 * gsize(g) && wants_space(&text, &g.text) {
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
                size,
                vertical: false,
                trailing_space: false,
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
                size: col.iter().map(|&i| boxes[i].4).fold(0.0, f64::max),
                vertical: true,
                trailing_space: false,
            })
            .collect();
        entries.push((top, columns));
    }

    entries.sort_by(|p, q| q.0.total_cmp(&p.0));
    entries
        .into_iter()
        .flat_map(|(_, t)| t)
        .filter_map(|mut l| {
            let trimmed = l.text.trim();
            if trimmed.is_empty() {
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
            l.text = if l.trailing_space {
                format!("{trimmed} ")
            } else {
                trimmed.to_string()
            };
            Some(l)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    /// Full grid: horizontal rules at each y spanning xs, vertical rules at each x spanning ys.
    fn grid(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
        let (xmin, xmax) = (xs[0], xs[xs.len() - 1]);
        let (ymin, ymax) = (ys[0], ys[ys.len() - 1]);
        let mut out: Vec<Rule> = ys.iter().map(|&y| h(y, xmin, xmax)).collect();
        out.extend(xs.iter().map(|&x| v(x, ymin, ymax)));
        out
    }

    /// Grid built from per-slot boundary segments so individual pieces can be removed.
    fn segmented(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
        let mut out = Vec::new();
        for &y in ys {
            for w in xs.windows(2) {
                out.push(h(y, w[0], w[1]));
            }
        }
        for &x in xs {
            for w in ys.windows(2) {
                out.push(v(x, w[0], w[1]));
            }
        }
        out
    }

    fn glyph(text: &str, x0: f64, y0: f64, size: f64) -> GlyphBox {
        GlyphBox {
            text: text.to_string(),
            x0,
            y0,
            x1: x0 + size,
            y1: y0 + size,
            size,
            vertical: false,
        }
    }

    fn vglyph(text: &str, x0: f64, y0: f64, size: f64) -> GlyphBox {
        GlyphBox {
            vertical: true,
            ..glyph(text, x0, y0, size)
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    fn close_all(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(p, q)| (p - q).abs() < 1e-6)
    }

    fn all_single(t: &Table) -> bool {
        t.cells.iter().all(|c| c.row_span == 1 && c.col_span == 1)
    }

    /// Every slot is covered by exactly one cell.
    fn slots_partitioned(t: &Table) -> bool {
        let nr = t.ys.len() - 1;
        let nc = t.xs.len() - 1;
        let mut count = vec![0; nr * nc];
        for c in &t.cells {
            for r in c.row..c.row + c.row_span {
                for k in c.col..c.col + c.col_span {
                    count[r * nc + k] += 1;
                }
            }
        }
        count.iter().all(|&n| n == 1)
    }

    #[test]
    fn plain_3x3_grid() {
        let rules = grid(&[0.0, 100.0, 200.0, 300.0], &[0.0, 20.0, 40.0, 60.0]);
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert!(close_all(&t.xs, &[0.0, 100.0, 200.0, 300.0]));
        assert!(close_all(&t.ys, &[60.0, 40.0, 20.0, 0.0]));
        assert_eq!(t.cells.len(), 9);
        assert!(all_single(t));
        assert!(slots_partitioned(t));
        let c = &t.cells[0];
        assert_eq!((c.row, c.col), (0, 0));
        assert!(close(c.x0, 0.0) && close(c.x1, 100.0) && close(c.y1, 60.0) && close(c.y0, 40.0));
        let last = &t.cells[8];
        assert_eq!((last.row, last.col), (2, 2));
    }

    #[test]
    fn missing_vertical_rule_gives_col_span() {
        let xs = [0.0, 100.0, 200.0, 300.0];
        let ys = [0.0, 20.0, 40.0, 60.0];
        // Remove the vertical piece at x=100 in the top row (y 40..60).
        let rules: Vec<Rule> = segmented(&xs, &ys)
            .into_iter()
            .filter(|r| !(r.x0 == 100.0 && r.x1 == 100.0 && r.y0 == 40.0))
            .collect();
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.cells.len(), 8);
        assert!(slots_partitioned(t));
        let c = &t.cells[0];
        assert_eq!((c.row, c.col, c.row_span, c.col_span), (0, 0, 1, 2));
        assert!(close(c.x0, 0.0) && close(c.x1, 200.0));
    }

    #[test]
    fn missing_horizontal_rule_gives_row_span() {
        let xs = [0.0, 100.0, 200.0, 300.0];
        let ys = [0.0, 20.0, 40.0, 60.0];
        // Remove the horizontal piece at y=40 in the middle column (x 100..200).
        let rules: Vec<Rule> = segmented(&xs, &ys)
            .into_iter()
            .filter(|r| !(r.y0 == 40.0 && r.y1 == 40.0 && r.x0 == 100.0))
            .collect();
        let tables = find_tables(&rules, &Tolerances::default());
        let t = &tables[0];
        assert_eq!(t.cells.len(), 8);
        assert!(slots_partitioned(t));
        let c = t.cells.iter().find(|c| c.row == 0 && c.col == 1).unwrap();
        assert_eq!((c.row_span, c.col_span), (2, 1));
        assert!(close(c.y1, 60.0) && close(c.y0, 20.0));
    }

    #[test]
    fn misaligned_rules_snap() {
        let mut rules = segmented(&[0.0, 100.0, 200.0, 300.0], &[0.0, 20.0, 40.0, 60.0]);
        for (i, r) in rules.iter_mut().enumerate() {
            let d = if i % 2 == 0 { 1.5 } else { -1.5 };
            if r.y0 == r.y1 {
                r.y0 += d;
                r.y1 += d;
            } else {
                r.x0 += d;
                r.x1 += d;
            }
        }
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.xs.len(), 4);
        assert_eq!(t.ys.len(), 4);
        assert_eq!(t.cells.len(), 9);
        assert!(all_single(t));
        for (got, want) in t.xs.iter().zip([0.0, 100.0, 200.0, 300.0]) {
            assert!((got - want).abs() <= 1.5);
        }
    }

    #[test]
    fn split_rules_are_joined() {
        let mut rules = Vec::new();
        // Each full rule split into 3 pieces with 2 pt gaps.
        for &y in &[0.0, 30.0, 60.0] {
            rules.push(h(y, 0.0, 99.0));
            rules.push(h(y, 101.0, 199.0));
            rules.push(h(y, 201.0, 300.0));
        }
        for &x in &[0.0, 150.0, 300.0] {
            rules.push(v(x, 0.0, 29.0));
            rules.push(v(x, 31.0, 60.0));
        }
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert!(close_all(&t.xs, &[0.0, 150.0, 300.0]));
        assert!(close_all(&t.ys, &[60.0, 30.0, 0.0]));
        assert_eq!(t.cells.len(), 4);
        assert!(all_single(t));
        // Joining happened: the internal helper merges the pieces.
        let (hs, vs) = prepare(&rules, &Tolerances::default());
        assert_eq!(hs.len(), 3);
        assert_eq!(vs.len(), 3);
    }

    #[test]
    fn two_tables_on_one_page() {
        let mut rules = grid(&[50.0, 150.0, 250.0], &[500.0, 520.0, 540.0]);
        rules.extend(grid(
            &[50.0, 100.0, 150.0, 200.0],
            &[100.0, 120.0, 140.0, 160.0],
        ));
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 2);
        // Top table first.
        assert!(close(tables[0].ys[0], 540.0));
        assert_eq!(tables[0].cells.len(), 4);
        assert!(close(tables[1].ys[0], 160.0));
        assert_eq!(tables[1].cells.len(), 9);
    }

    #[test]
    fn filled_rectangle_centre_lines() {
        // Thin filled rectangles (0.8 pt) given as centre lines, plus a reversed rule.
        let mut rules = vec![
            Rule {
                x0: 0.0,
                y0: 50.4,
                x1: 200.0,
                y1: 50.4,
            },
            Rule {
                x0: 200.0,
                y0: 25.4,
                x1: 0.0,
                y1: 25.4,
            },
            Rule {
                x0: 0.0,
                y0: 0.4,
                x1: 200.0,
                y1: 0.4,
            },
        ];
        for &x in &[0.4, 100.4, 200.4] {
            rules.push(Rule {
                x0: x,
                y0: 50.8,
                x1: x,
                y1: 0.0,
            });
        }
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].cells.len(), 4);
        assert!(close_all(&tables[0].xs, &[0.4, 100.4, 200.4]));
    }

    #[test]
    fn single_line_is_no_table() {
        assert!(find_tables(&[h(100.0, 0.0, 500.0)], &Tolerances::default()).is_empty());
        assert!(find_tables(&[], &Tolerances::default()).is_empty());
        // A cross (1 h + 1 v) is no table either.
        let cross = [h(50.0, 0.0, 100.0), v(50.0, 0.0, 100.0)];
        assert!(find_tables(&cross, &Tolerances::default()).is_empty());
        // Diagonal and zero-length rules are dropped.
        let junk = [
            Rule {
                x0: 0.0,
                y0: 0.0,
                x1: 100.0,
                y1: 100.0,
            },
            Rule {
                x0: 5.0,
                y0: 5.0,
                x1: 5.0,
                y1: 5.0,
            },
        ];
        assert!(find_tables(&junk, &Tolerances::default()).is_empty());
    }

    #[test]
    fn nan_coordinates_ignored() {
        let mut rules = grid(&[0.0, 100.0, 200.0], &[0.0, 20.0, 40.0]);
        rules.push(Rule {
            x0: f64::NAN,
            y0: 10.0,
            x1: 50.0,
            y1: 10.0,
        });
        rules.push(Rule {
            x0: 150.0,
            y0: f64::INFINITY,
            x1: 150.0,
            y1: 0.0,
        });
        rules.push(Rule {
            x0: f64::NEG_INFINITY,
            y0: 30.0,
            x1: f64::INFINITY,
            y1: 30.0,
        });
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].cells.len(), 4);
        // Nonsense tolerances fall back to defaults instead of panicking.
        let bad = Tolerances {
            snap: f64::NAN,
            join: -1.0,
            intersection: f64::INFINITY,
            min_cell: f64::NAN,
        };
        assert_eq!(find_tables(&rules, &bad).len(), 1);
        // All-NaN input.
        let nan = [Rule {
            x0: f64::NAN,
            y0: f64::NAN,
            x1: f64::NAN,
            y1: f64::NAN,
        }; 4];
        assert!(find_tables(&nan, &Tolerances::default()).is_empty());
    }

    #[test]
    fn missing_outer_border_still_a_table() {
        // No left border: horizontal rules start at x=0 but the first vertical is at x=100.
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 0.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let tables = find_tables(&rules, &Tolerances::default());
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert!(close_all(&t.xs, &[0.0, 100.0, 200.0, 300.0]));
        assert_eq!(t.cells.len(), 6);
        assert!(all_single(t));
        // No top border: verticals reach y=60 above the top horizontal rule at 40.
        let rules = vec![
            h(0.0, 0.0, 200.0),
            h(20.0, 0.0, 200.0),
            h(40.0, 0.0, 200.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            v(200.0, 0.0, 60.0),
        ];
        let t = &find_tables(&rules, &Tolerances::default())[0];
        assert!(close_all(&t.ys, &[60.0, 40.0, 20.0, 0.0]));
        assert_eq!(t.cells.len(), 6);
    }

    #[test]
    fn non_rectangular_merge_falls_back_to_rows() {
        let xs = [0.0, 100.0, 200.0];
        let ys = [0.0, 20.0, 40.0];
        // L-shape: remove the vertical between top slots and the horizontal under the top-left slot.
        let rules: Vec<Rule> = segmented(&xs, &ys)
            .into_iter()
            .filter(|r| !(r.x0 == 100.0 && r.x1 == 100.0 && r.y0 == 20.0))
            .filter(|r| !(r.y0 == 20.0 && r.y1 == 20.0 && r.x0 == 0.0))
            .collect();
        let t = &find_tables(&rules, &Tolerances::default())[0];
        assert!(slots_partitioned(t));
        assert_eq!(t.cells.len(), 3);
        let top = &t.cells[0];
        assert_eq!((top.row, top.col, top.row_span, top.col_span), (0, 0, 1, 2));
    }

    #[test]
    fn near_duplicate_edges_merged() {
        // A vertical rule 3.5 pt from another (beyond a 1 pt snap) collapses via min_cell.
        let mut rules = grid(&[0.0, 100.0, 200.0], &[0.0, 20.0, 40.0]);
        rules.push(v(103.5, 0.0, 40.0));
        let tol = Tolerances {
            snap: 1.0,
            ..Tolerances::default()
        };
        let t = &find_tables(&rules, &tol)[0];
        assert_eq!(t.xs.len(), 3);
        assert_eq!(t.cells.len(), 4);
    }

    #[test]
    fn assign_glyphs_to_cells() {
        let xs = [0.0, 100.0, 200.0, 300.0];
        let ys = [0.0, 20.0, 40.0, 60.0];
        let rules: Vec<Rule> = segmented(&xs, &ys)
            .into_iter()
            .filter(|r| !(r.x0 == 100.0 && r.x1 == 100.0 && r.y0 == 40.0))
            .collect();
        let t = &find_tables(&rules, &Tolerances::default())[0];
        let glyphs = vec![
            glyph("A", 10.0, 45.0, 10.0),  // merged top cell, left half
            glyph("B", 150.0, 45.0, 10.0), // merged top cell, right half
            glyph("C", 250.0, 45.0, 10.0), // row 0 col 2
            glyph("D", 110.0, 5.0, 10.0),  // row 2 col 1
            glyph("E", 500.0, 5.0, 10.0),  // outside
            GlyphBox {
                x0: f64::NAN,
                ..glyph("F", 10.0, 5.0, 10.0)
            },
        ];
        let a = assign(t, &glyphs);
        assert_eq!(a.len(), t.cells.len());
        let idx = |r: usize, c: usize| {
            t.cells
                .iter()
                .position(|x| x.row == r && x.col == c)
                .unwrap()
        };
        assert_eq!(a[idx(0, 0)], vec![0, 1]);
        assert_eq!(a[idx(0, 2)], vec![2]);
        assert_eq!(a[idx(2, 1)], vec![3]);
        let total: usize = a.iter().map(|v| v.len()).sum();
        assert_eq!(total, 4);
    }

    #[test]
    fn cell_lines_horizontal_order() {
        let gs = [
            glyph("d", 20.0, 10.0, 10.0),
            glyph("b", 10.0, 30.5, 10.0),
            glyph("c", 10.0, 10.0, 10.0),
            glyph("a", 0.0, 30.0, 10.0),
            GlyphBox {
                y0: f64::NAN,
                ..glyph("x", 0.0, 0.0, 10.0)
            },
        ];
        let refs: Vec<&GlyphBox> = gs.iter().collect();
        assert_eq!(cell_lines(&refs), vec!["ab".to_string(), "cd".to_string()]);
        // Latin words with a visible gap get a space; CJK does not.
        let gs = [
            glyph("AB", 0.0, 0.0, 10.0),
            glyph("CD", 25.0, 0.0, 10.0),
            glyph("創", 0.0, 20.0, 10.0),
            glyph("薬", 15.0, 20.0, 10.0),
        ];
        let refs: Vec<&GlyphBox> = gs.iter().collect();
        assert_eq!(
            cell_lines(&refs),
            vec!["創薬".to_string(), "AB CD".to_string()]
        );
        assert!(cell_lines(&[]).is_empty());
    }

    #[test]
    fn cell_lines_vertical_reading() {
        // Two vertical columns: right column read first, each top to bottom.
        let gs = [
            vglyph("く", 0.0, 80.0, 10.0),
            vglyph("か", 20.0, 70.0, 10.0),
            vglyph("あ", 20.0, 90.0, 10.0),
            vglyph("き", 0.0, 90.0, 10.0),
            vglyph("い", 20.0, 80.0, 10.0),
        ];
        let refs: Vec<&GlyphBox> = gs.iter().collect();
        assert_eq!(
            cell_lines(&refs),
            vec!["あいか".to_string(), "きく".to_string()]
        );
    }

    #[test]
    fn lines_group_into_rows_at_wide_gaps() {
        // Two rows of three and two lines (pitch 9), 15 apart.
        let lines = vec![
            (91.0, 100.0),
            (82.0, 91.0),
            (73.0, 82.0),
            (49.0, 58.0),
            (40.0, 49.0),
        ];
        assert_eq!(table_rows(lines), [(73.0, 100.0), (40.0, 58.0)]);
        // Evenly spaced lines: one row each.
        let even = vec![(91.0, 100.0), (82.0, 91.0), (73.0, 82.0)];
        assert_eq!(table_rows(even.clone()), even);
    }

    #[test]
    fn header_columns_and_body_rows() {
        let labels = ["施策", "担当", "2024", "2025", "KPI"];
        let mut header = Vec::new();
        for (i, l) in labels.iter().enumerate() {
            let x = 50.0 + 100.0 * i as f64;
            for (k, ch) in l.chars().enumerate() {
                header.push(glyph(&ch.to_string(), x + 10.0 * k as f64, 700.0, 10.0));
            }
        }
        let mut body = Vec::new();
        // Three body lines at y=680, 660, 640; each has a word under every column.
        for (line, y) in [680.0, 660.0, 640.3].iter().enumerate() {
            for col in 0..5 {
                let x = 50.0 + 100.0 * col as f64;
                body.push(glyph(&format!("r{line}c{col}"), x, *y, 10.0));
            }
        }
        body.push(GlyphBox {
            x1: f64::INFINITY,
            ..glyph("z", 0.0, 600.0, 10.0)
        });
        let t = table_from_header(&header, &body, &Tolerances::default()).unwrap();
        assert_eq!(t.xs.len(), 6);
        assert_eq!(t.ys.len(), 5, "header row + 3 body rows");
        assert_eq!(t.cells.len(), 20);
        assert!(close(t.xs[0], 50.0));
        assert!(close(t.xs[1], (70.0 + 150.0) / 2.0));
        assert!(close(t.ys[0], 710.0));
        assert!(t.ys.windows(2).all(|w| w[0] > w[1]));
        let a = assign(&t, &body);
        for (line, _) in [680.0, 660.0, 640.0].iter().enumerate() {
            for col in 0..5 {
                let k = t
                    .cells
                    .iter()
                    .position(|c| c.row == line + 1 && c.col == col)
                    .unwrap();
                assert_eq!(a[k], vec![line * 5 + col]);
            }
        }
        let ha = assign(&t, &header);
        let k0 = t
            .cells
            .iter()
            .position(|c| c.row == 0 && c.col == 0)
            .unwrap();
        assert_eq!(ha[k0], vec![0, 1]);
        assert!(table_from_header(&[], &body, &Tolerances::default()).is_none());
        // Header only: a single row.
        let t = table_from_header(&header, &[], &Tolerances::default()).unwrap();
        assert_eq!(t.ys.len(), 2);
    }

    /// A coordinate: mostly on a 5 pt lattice (so rules meet and repeat), sometimes NaN,
    /// infinite or negative zero.
    fn coord() -> impl proptest::strategy::Strategy<Value = f64> {
        use proptest::prelude::*;
        prop_oneof![
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(-0.0),
            97 => (0u32..60).prop_map(|v| f64::from(v) * 5.0),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(50))]

        #[test]
        fn pseudo_random_input_never_panics(
            triples in proptest::collection::vec((coord(), coord(), coord()), 40),
            boxes in proptest::collection::vec((coord(), coord(), coord()), 20),
        ) {
            let rules: Vec<Rule> = triples
                .iter()
                .enumerate()
                .map(|(k, &(a, b, c))| if k % 2 == 0 { h(a, b, c) } else { v(a, b, c) })
                .collect();
            let tol = Tolerances::default();
            for t in find_tables(&rules, &tol) {
                proptest::prop_assert!(slots_partitioned(&t));
                proptest::prop_assert!(t.xs.windows(2).all(|w| w[0] < w[1]));
                proptest::prop_assert!(t.ys.windows(2).all(|w| w[0] > w[1]));
            }
            let glyphs: Vec<GlyphBox> = boxes.iter().map(|&(a, b, c)| glyph("g", a, b, c)).collect();
            let refs: Vec<&GlyphBox> = glyphs.iter().collect();
            let _ = cell_lines(&refs);
            if let Some(t) = table_from_header(&glyphs[..5], &glyphs[5..], &tol) {
                let _ = assign(&t, &glyphs);
            }
        }
    }

    #[test]
    fn defaults_and_clone() {
        let c = GridCell {
            row: 1,
            col: 2,
            row_span: 1,
            col_span: 1,
            x0: 0.0,
            y0: 0.0,
            x1: 1.0,
            y1: 1.0,
        };
        let t = Table {
            xs: vec![0.0, 1.0],
            ys: vec![1.0, 0.0],
            cells: vec![c],
        };
        let d = Tolerances::default();
        assert_eq!(
            (d.snap, d.join, d.intersection, d.min_cell),
            (3.0, 3.0, 3.0, 4.0)
        );
        assert_eq!(t.clone(), t);
    }

    #[test]
    fn leading_blank_glyphs_are_dropped_and_trailing_ones_kept_as_one_space() {
        let mut gs: Vec<GlyphBox> = (0..5)
            .map(|i| glyph("\u{3000}", f64::from(i) * 10.0, 100.0, 10.0))
            .collect();
        gs.push(glyph("施", 50.0, 100.0, 10.0));
        gs.push(glyph("策", 60.0, 100.0, 10.0));
        gs.push(glyph(" ", 70.0, 100.0, 10.0));
        gs.push(glyph(" ", 80.0, 100.0, 10.0));
        let refs: Vec<&GlyphBox> = gs.iter().collect();
        let lines = text_lines(&refs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "施策 ");
        assert!(lines[0].trailing_space);
        let texts: Vec<&str> = lines[0].glyphs.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, ["施", "策"]);
        assert!(close(lines[0].x0(), 50.0));
    }
}
