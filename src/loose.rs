//! Free text outside the grid (theme and side labels, 再掲 callouts, ※ footnotes), sorted by kind.

use crate::model::RawBlock;
use crate::text::lexicon::{is_footnote, CALLOUT};

/// Loose lines of a page, sorted into labels, callouts and footnotes.
#[derive(Default)]
pub struct Loose {
    /// Blocks of text that are neither callouts nor footnotes (titles, side labels).
    pub labels: Vec<RawBlock>,
    /// Whole-line callouts (再掲, 新規 …).
    pub callouts: Vec<RawBlock>,
    /// ※ footnotes.
    pub footnotes: Vec<RawBlock>,
    pending: Vec<String>,
}

impl Loose {
    /// Closes the current block of label lines.
    pub fn end_block(&mut self) {
        if !self.pending.is_empty() {
            self.labels.push(RawBlock::loose(self.pending.join("\n")));
            self.pending.clear();
        }
    }

    /// Takes one line; a blank line ends a label block.
    pub fn line(&mut self, line: &str) {
        let t = line.trim();
        if t.is_empty() {
            self.end_block();
        } else if CALLOUT.is_match(t) {
            self.end_block();
            self.callouts.push(RawBlock::loose(t));
        } else if is_footnote(t) {
            self.end_block();
            self.footnotes.push(RawBlock::loose(t));
        } else {
            self.pending.push(t.to_string());
        }
    }
}
