//! Free text outside the grid (theme and side labels, 再掲 callouts, ※ footnotes), sorted by kind.

use crate::model::RawBlock;
use regex::Regex;
use std::sync::LazyLock;

/// A small boxed marker such as 再掲 (re-listed) or 新規 (new).
pub static CALLOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?(一部)?(再掲|新規|拡充|追加|変更|更新|NEW|New)[)）]?$")
        .expect("callout regex")
});

/// True when a callout word (see [`CALLOUT`]) can start with `c`: a cheap test before the
/// regex, for scanning every glyph of a page.
pub fn may_start_callout(c: char) -> bool {
    matches!(
        c,
        '(' | '（' | '一' | '再' | '新' | '拡' | '追' | '変' | '更' | 'N'
    )
}

/// True for a footnote line (※…, (注)…).
pub fn is_footnote(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('※')
        || t.starts_with("(注")
        || t.starts_with("（注")
        || t.starts_with("注)")
        || t.starts_with("注）")
        || t.starts_with('*')
}

/// Loose lines of a page, sorted into labels, callouts and footnotes.
#[derive(Default)]
pub struct Loose {
    pub labels: Vec<RawBlock>,
    pub callouts: Vec<RawBlock>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callout_word_passes_the_first_character_test() {
        let words = [
            "再掲",
            "(再掲)",
            "（一部再掲）",
            "新規",
            "拡充",
            "追加",
            "変更",
            "更新",
            "NEW",
            "New",
            "一部新規",
        ];
        for w in words {
            assert!(CALLOUT.is_match(w), "{w}");
            assert!(w.starts_with(may_start_callout), "{w}");
        }
        assert!(!"掲載".starts_with(may_start_callout));
    }
}
