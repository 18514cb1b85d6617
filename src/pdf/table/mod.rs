//! The table finder of the PDF front-end: one pipeline of pure functions from a page's segments, boxes and glyphs to a [`TableFinding`] that keeps every intermediate result.
//!
//! Modelled on pdfplumber's `table.py`: each step is a function of the previous step's
//! output, and the finding keeps what every step used and what it discarded, with the
//! reason, so that `inspect` can draw it and tests can assert on it.
//!
//! 1. [`rules`]: segments → those that are glyph outlines or sides of callout boxes and boxes
//!    drawn over the table are set aside → snapped and joined rules → grids → cells.
//! 2. [`spans`]: boxes on the table (callout frames, the outer frame, boxes and arrows drawn
//!    across phases), merged cells under a spanning box, side-label columns.
//! 3. [`header`]: where no ruled grid of two rows and two columns exists, columns from the
//!    header line and the gutters below it, rows from text lines.
//! 4. [`finder`]: runs the steps, chooses the strategy and says why.
//!
//! Tolerances are in points ([`Tolerances`], for rules) or in shares of the font size
//! ([`TextTolerances`], for text). `extract` and `inspect` read a page with the same values.

pub mod finder;
pub mod header;
pub mod rules;
pub mod spans;

pub use finder::{find, Fate, Merge, SegmentUse, TableFinding};
pub use rules::{find_tables, GridCell, Rule, Table};

use serde::{Deserialize, Serialize};

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
    pub(crate) fn sanitized(&self) -> Tolerances {
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

/// Named ratios of text handling, each a share of the font size of the glyphs compared.
///
/// They are shares, not points, because the decks set text from 6 to 20 pt: a gap that
/// separates two text boxes on a 7 pt slide is a word space on a 20 pt one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TextTolerances {
    /// Glyphs whose baselines differ by at most this share are on one line.
    pub same_line: f64,
    /// A gap wider than this between two Latin glyphs is a word space.
    pub word_space: f64,
    /// A gap wider than this separates two runs of one line (text boxes side by side).
    pub run_gap: f64,
    /// A run joins the text block above it when it starts at most this many line heights
    /// lower.
    pub block_drop: f64,
    /// … and when the two font sizes differ by at most this share.
    pub block_size: f64,
    /// Header glyphs closer than this are one label.
    pub label_join: f64,
    /// A segment end this far outside a glyph's box still belongs to the glyph's outline
    /// (outlines overshoot the nominal box).
    pub outline_slack: f64,
    /// Margin around a callout word (再掲) within which a frame is that callout's box.
    pub callout_margin: f64,
    /// Line starts and ends this close count as aligned (hanging indents, the text edge).
    pub align: f64,
    /// A line that left more room than the next line's first unit needs, plus this slack
    /// (line-breaking rules push a character or two over), ended its paragraph.
    pub wrap_slack: f64,
}

impl TextTolerances {
    /// The values the reader is tuned with (see the README's "How a table is found").
    pub const DEFAULT: TextTolerances = TextTolerances {
        same_line: 0.5,
        word_space: 0.3,
        run_gap: 1.5,
        block_drop: 1.7,
        block_size: 0.25,
        label_join: 0.6,
        outline_slack: 0.15,
        callout_margin: 1.0,
        align: 0.35,
        wrap_slack: 0.6,
    };

    /// Copy with every non-finite or negative value replaced by its default.
    pub(crate) fn sanitized(&self) -> TextTolerances {
        let d = TextTolerances::DEFAULT;
        let fix = |v: f64, dv: f64| if v.is_finite() && v >= 0.0 { v } else { dv };
        TextTolerances {
            same_line: fix(self.same_line, d.same_line),
            word_space: fix(self.word_space, d.word_space),
            run_gap: fix(self.run_gap, d.run_gap),
            block_drop: fix(self.block_drop, d.block_drop),
            block_size: fix(self.block_size, d.block_size),
            label_join: fix(self.label_join, d.label_join),
            outline_slack: fix(self.outline_slack, d.outline_slack),
            callout_margin: fix(self.callout_margin, d.callout_margin),
            align: fix(self.align, d.align),
            wrap_slack: fix(self.wrap_slack, d.wrap_slack),
        }
    }
}

impl Default for TextTolerances {
    fn default() -> Self {
        TextTolerances::DEFAULT
    }
}

/// Everything that tunes how the PDF front-end reads a page; `extract` and `inspect` take
/// the same.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Tolerances of rules, in points.
    pub tolerances: Tolerances,
    /// Ratios of text handling, in shares of the font size.
    pub text: TextTolerances,
}

#[cfg(test)]
mod tests;
