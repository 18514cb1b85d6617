//! The table finder's one entry point, [`find`]: the steps of [`rules`](super::rules), [`spans`](super::spans) and [`header`](super::header) run in order, with every intermediate result kept in a [`TableFinding`].

use serde::{Deserialize, Serialize};

use super::header::header_table;
use super::rules::{find_tables, glyph_outlines, Rule, Table};
use super::spans::{
    bounds, boxes_on_table, callout_frames, drop_column, merge_spanned, side_label_column,
};
use super::{Settings, TextTolerances, Tolerances};
use crate::model::Strategy;
use crate::pdf::content::{PageContent, Segment};
use crate::pdf::geom::BBox;
use crate::pdf::glyph::Glyph;

/// What became of one segment of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// A rule of the table.
    Rule,
    /// Both ends lie in one glyph's box: part of the glyph's outline (fake bold drawn as
    /// strokes), not a rule.
    GlyphOutline,
    /// Both ends lie in one framed callout box (再掲): that box's side.
    CalloutSide,
    /// Both ends lie in one box drawn over the table (a schedule box or arrow): its side.
    FloatingBoxSide,
    /// A rule, but not of the table found (another grid, a label's frame, a rule elsewhere on
    /// the page).
    OffTable,
}

impl Fate {
    /// The fate as written in the JSON (`glyph-outline`).
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Rule => "rule",
            Fate::GlyphOutline => "glyph-outline",
            Fate::CalloutSide => "callout-side",
            Fate::FloatingBoxSide => "floating-box-side",
            Fate::OffTable => "off-table",
        }
    }

    /// Why a segment that is not a rule of the table was set aside, in English.
    pub fn reason(self) -> &'static str {
        match self {
            Fate::Rule => "a rule of the table",
            Fate::GlyphOutline => "both ends lie in one glyph's box: the glyph's outline",
            Fate::CalloutSide => "both ends lie in one callout box: the box's side",
            Fate::FloatingBoxSide => "both ends lie in one box drawn over the table: its side",
            Fate::OffTable => "not part of the table found",
        }
    }
}

/// One segment of the page and what the finder made of it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SegmentUse {
    /// The segment as drawn.
    pub segment: Segment,
    /// What became of it.
    pub fate: Fate,
}

/// Cells of one row merged into one because a box or arrow drawn over them holds all their text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    /// The box drawn over the cells.
    pub bbox: BBox,
    /// Grid row of the merged cell.
    pub row: usize,
    /// Its first grid column.
    pub col: usize,
    /// Grid columns it spans now.
    pub col_span: usize,
}

/// Everything the finder used, discarded and decided on one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableFinding {
    /// How the table was found.
    pub strategy: Strategy,
    /// Why that strategy, in English.
    pub reason: String,
    /// Every segment of the page, in drawing order, with its fate.
    pub segments: Vec<SegmentUse>,
    /// Framed callout boxes (再掲 …) drawn on the page.
    pub callouts: Vec<BBox>,
    /// Boxes on the table's own bounds: its outer frame.
    pub frames: Vec<BBox>,
    /// Boxes and arrows drawn over the table, none of whose sides is a rule of the grid.
    pub floating: Vec<BBox>,
    /// Cells merged under a floating box.
    pub merges: Vec<Merge>,
    /// Grid columns dropped as side labels (vertical theme text drawn as part of the frame).
    pub side_labels: usize,
    /// The header line the columns came from (header strategy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_line: Option<String>,
    /// The table; `None` when the strategy is [`Strategy::Unruled`].
    pub table: Option<Table>,
}

impl TableFinding {
    /// How many segments met each fate, in the order of [`Fate`].
    pub fn fate_counts(&self) -> Vec<(Fate, usize)> {
        [
            Fate::Rule,
            Fate::GlyphOutline,
            Fate::CalloutSide,
            Fate::FloatingBoxSide,
            Fate::OffTable,
        ]
        .into_iter()
        .map(|f| (f, self.segments.iter().filter(|s| s.fate == f).count()))
        .collect()
    }
}

/// Margin (points) within which a segment's end counts as lying in a box.
const END_MARGIN: f64 = 1.0;

/// Marks, among the segments still unmarked, those whose two ends lie in the *same* box of
/// `boxes`: that box's sides. A segment whose ends lie in two different boxes (a row rule
/// between two 再掲 boxes sitting on it) stays a rule.
fn mark_sides(segments: &[Segment], fates: &mut [Option<Fate>], boxes: &[BBox], fate: Fate) {
    for (s, f) in segments.iter().zip(fates.iter_mut()) {
        if f.is_none()
            && boxes
                .iter()
                .any(|b| b.contains(s.x0, s.y0, END_MARGIN) && b.contains(s.x1, s.y1, END_MARGIN))
        {
            *f = Some(fate);
        }
    }
}

/// The largest table (most cells) of the segments not yet set aside.
fn largest(segments: &[Segment], fates: &[Option<Fate>], tol: &Tolerances) -> Option<Table> {
    let rules: Vec<Rule> = segments
        .iter()
        .zip(fates)
        .filter(|(_, f)| f.is_none())
        .map(|(s, _)| Rule::from(s))
        .collect();
    find_tables(&rules, tol)
        .into_iter()
        .max_by_key(|t| t.cells.len())
}

/// Merges, for each box in turn, the cells of one row it spans and holds all the text of
/// (see [`merge_spanned`]); the merges made.
fn merge_under(table: &mut Table, glyphs: &[Glyph], boxes: &[BBox]) -> Vec<Merge> {
    boxes
        .iter()
        .filter_map(|b| {
            let (row, col, col_span) = merge_spanned(table, glyphs, *b)?;
            Some(Merge {
                bbox: *b,
                row,
                col,
                col_span,
            })
        })
        .collect()
}

/// A ruled table worth the name: two rows and two columns (a framed label is not a table).
fn is_grid(t: &Table) -> bool {
    t.xs.len() > 2 && t.ys.len() > 2
}

/// The ruled reading of a page: the largest grid once glyph outlines and callout sides are
/// set aside; boxes floating over it set aside in turn, and the cells under them merged;
/// side-label columns dropped.
struct Ruled {
    table: Table,
    frames: Vec<BBox>,
    floating: Vec<BBox>,
    merges: Vec<Merge>,
    side_labels: usize,
}

fn ruled(
    page: &PageContent,
    glyphs: &[Glyph],
    fates: &mut [Option<Fate>],
    tol: &Tolerances,
) -> Option<Ruled> {
    let mut table = largest(&page.segments, fates, tol)?;
    let (_, floating) = boxes_on_table(page, &table, tol.snap);
    if !floating.is_empty() {
        mark_sides(&page.segments, fates, &floating, Fate::FloatingBoxSide);
        table = largest(&page.segments, fates, tol)?;
    }
    let (frames, floating) = boxes_on_table(page, &table, tol.snap);
    let merges = merge_under(&mut table, glyphs, &floating);
    let mut side_labels = 0;
    while let Some(col) = side_label_column(&table, glyphs) {
        drop_column(&mut table, col);
        side_labels += 1;
    }
    (table.xs.len() > 1).then_some(Ruled {
        table,
        frames,
        floating,
        merges,
        side_labels,
    })
}

/// The header reading of a page: columns from the header line; boxes and arrows below the
/// header still show an entry's span.
fn by_header(
    page: &PageContent,
    glyphs: &[Glyph],
    tol: &Tolerances,
    text: &TextTolerances,
) -> Option<(Table, String, Vec<BBox>, Vec<Merge>)> {
    let (mut table, line) = header_table(glyphs, tol, text)?;
    let head_bottom = *table.ys.get(1)?;
    let (left, right) = (*table.xs.first()?, *table.xs.last()?);
    let boxes: Vec<BBox> = page
        .rects
        .iter()
        .chain(&page.shapes)
        .map(|r| r.bbox())
        .filter(|b| {
            let (cx, cy) = b.centre();
            left < cx && cx < right && cy < head_bottom
        })
        .collect();
    let merges = merge_under(&mut table, glyphs, &boxes);
    Some((table, line, boxes, merges))
}

/// Finds the table of one page. `glyphs` are the page's glyphs (as in `page.glyphs`).
///
/// The strategy is *ruled* when the page's rules, with glyph outlines and the sides of
/// callout and floating boxes set aside, form a grid of at least two rows and two columns;
/// else *header* when a text line reads like the table header (two phases, or a phase and
/// a KPI, progress or programs label); else *unruled* (no table: the text is kept as loose
/// blocks).
pub fn find(page: &PageContent, glyphs: &[Glyph], settings: &Settings) -> TableFinding {
    let tol = settings.tolerances.sanitized();
    let text = settings.text.sanitized();
    let segments = &page.segments;
    let mut fates: Vec<Option<Fate>> = glyph_outlines(segments, glyphs, text.outline_slack)
        .into_iter()
        .map(|o| o.then_some(Fate::GlyphOutline))
        .collect();
    let callouts = callout_frames(page, glyphs, &text);
    mark_sides(segments, &mut fates, &callouts, Fate::CalloutSide);
    let outlines = fates
        .iter()
        .filter(|f| **f == Some(Fate::GlyphOutline))
        .count();

    let ruled = ruled(page, glyphs, &mut fates, &tol);
    let largest_grid = ruled
        .as_ref()
        .map(|r| (r.table.ys.len() - 1, r.table.xs.len() - 1));
    let finish = |fates: Vec<Option<Fate>>, table: Option<&Table>| -> Vec<SegmentUse> {
        let b = table.and_then(bounds).map(|b| b.grown(tol.snap));
        segments
            .iter()
            .zip(fates)
            .map(|(s, f)| SegmentUse {
                segment: *s,
                fate: f.unwrap_or_else(|| match b {
                    Some(b) if b.contains(s.x0, s.y0, 0.0) && b.contains(s.x1, s.y1, 0.0) => {
                        Fate::Rule
                    }
                    _ => Fate::OffTable,
                }),
            })
            .collect()
    };
    let outline_note = if outlines > 0 {
        format!("; {outlines} segments inside glyph boxes are glyph outlines, not rules")
    } else {
        String::new()
    };
    if let Some(r) = ruled.filter(|r| is_grid(&r.table)) {
        let (rows, cols) = (r.table.ys.len() - 1, r.table.xs.len() - 1);
        let reason = format!(
            "the rules form a grid of {rows} rows and {cols} columns{}{}{outline_note}",
            if r.frames.is_empty() {
                String::new()
            } else {
                "; the box on its bounds is its outer frame".to_string()
            },
            if r.floating.is_empty() {
                String::new()
            } else {
                format!("; {} boxes drawn over it are not rules", r.floating.len())
            },
        );
        return TableFinding {
            strategy: Strategy::Ruled,
            reason,
            segments: finish(fates, Some(&r.table)),
            callouts,
            frames: r.frames,
            floating: r.floating,
            merges: r.merges,
            side_labels: r.side_labels,
            header_line: None,
            table: Some(r.table),
        };
    }
    let no_grid = match largest_grid {
        Some((rows, cols)) => {
            format!(
                "the largest ruled grid has {rows} rows and {cols} columns, too few for a table"
            )
        }
        None => "the page's rules form no grid".to_string(),
    };
    if let Some((table, line, boxes, merges)) = by_header(page, glyphs, &tol, &text) {
        let reason = format!(
            "{no_grid}{outline_note}; the columns come from the header line 「{line}」 and the rows from text lines"
        );
        return TableFinding {
            strategy: Strategy::Header,
            reason,
            segments: finish(fates, None),
            callouts,
            frames: Vec::new(),
            floating: boxes,
            merges,
            side_labels: 0,
            header_line: Some(line),
            table: Some(table),
        };
    }
    TableFinding {
        strategy: Strategy::Unruled,
        reason: format!("{no_grid}{outline_note}, and no text line reads like a header"),
        segments: finish(fates, None),
        callouts,
        frames: Vec::new(),
        floating: Vec::new(),
        merges: Vec::new(),
        side_labels: 0,
        header_line: None,
        table: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::content::Rect;

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
            marked: Vec::new(),
        }
    }

    /// A 2 × 2 grid from (0, 0) to (200, 200) whose middle rules are x = 100 and y = 100.
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

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0,
            y0,
            x1,
            y1,
            filled: false,
            stroked: true,
        }
    }

    #[test]
    fn a_box_on_the_table_bounds_is_its_frame_not_a_floating_box() {
        let mut p = page(grid());
        p.rects = vec![
            rect(0.0, 0.0, 200.0, 200.0),
            rect(20.0, 120.0, 180.0, 180.0),
        ];
        let f = find(&p, &[], &Settings::default());
        assert_eq!(f.strategy, Strategy::Ruled, "{}", f.reason);
        // The outer frame is a frame; the box inside the top row (no side on a rule) floats.
        assert_eq!(f.frames, [BBox::new(0.0, 0.0, 200.0, 200.0)]);
        assert_eq!(f.floating, [BBox::new(20.0, 120.0, 180.0, 180.0)]);
        let t = f.table.unwrap();
        assert_eq!((t.xs.len(), t.ys.len()), (3, 3), "the grid stays 2 × 2");
        assert!(f.segments.iter().all(|s| s.fate == Fate::Rule));
    }

    #[test]
    fn a_rule_between_two_callout_boxes_is_kept_and_a_callout_side_is_not() {
        // Two 再掲 boxes sit on the middle row rule, one at each end: the rule's ends lie in
        // two different boxes, so it is a rule of the table, not a side of either box.
        let segments = grid();
        let mut fates = vec![None; segments.len()];
        let two = [
            BBox::new(-5.0, 95.0, 30.0, 110.0),
            BBox::new(170.0, 95.0, 205.0, 110.0),
        ];
        mark_sides(&segments, &mut fates, &two, Fate::CalloutSide);
        assert!(fates.iter().all(Option::is_none));
        let t = largest(&segments, &fates, &Tolerances::default()).unwrap();
        assert_eq!(t.ys.len(), 3, "two rows: {:?}", t.ys);
        // A segment with both ends in one box is that box's side and is set aside.
        let one = [BBox::new(-5.0, 95.0, 205.0, 110.0)];
        mark_sides(&segments, &mut fates, &one, Fate::CalloutSide);
        assert_eq!(fates[1], Some(Fate::CalloutSide));
        let t = largest(&segments, &fates, &Tolerances::default()).unwrap();
        assert_eq!(t.ys.len(), 2, "one row: {:?}", t.ys);
    }

    #[test]
    fn segments_inside_one_glyph_are_its_outline_and_the_strategy_says_why() {
        let mut segs = grid();
        // Strokes of a fake-bold glyph at (50, 150): short and inside its box.
        segs.push(seg(51.0, 152.0, 58.0, 152.0));
        segs.push(seg(52.0, 151.0, 52.0, 158.0));
        let p = page(segs);
        let glyphs = [Glyph::square("工", 50.0, 150.0)];
        let f = find(&p, &glyphs, &Settings::default());
        let outlines = f
            .segments
            .iter()
            .filter(|s| s.fate == Fate::GlyphOutline)
            .count();
        assert_eq!(outlines, 2);
        assert!(f.reason.contains("glyph outlines"), "{}", f.reason);
        assert_eq!(f.table.unwrap().xs.len(), 3);
    }

    #[test]
    fn without_rules_or_header_the_page_is_unruled() {
        let p = page(Vec::new());
        let glyphs = [Glyph::square("あ", 10.0, 10.0)];
        let f = find(&p, &glyphs, &Settings::default());
        assert_eq!(f.strategy, Strategy::Unruled);
        assert!(f.table.is_none());
        assert!(f.reason.contains("no grid"), "{}", f.reason);
    }
}
