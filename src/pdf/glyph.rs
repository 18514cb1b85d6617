//! The glyph type of the PDF front-end: one drawn character with its Unicode text and box.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::geom::BBox;

/// A glyph with its Unicode text and box in page space: origin bottom-left, y up, points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// Unicode of the glyph (a ligature may be one char such as U+FB01 or several, as the
    /// font maps it), variation selectors removed.
    /// Never empty: a glyph without Unicode is U+FFFD (and counted in `PageContent::unmapped`).
    /// Held inline up to 24 bytes, as nearly every glyph's text is: a page has tens of
    /// thousands of glyphs, and a heap string each (cloned into its text line) was an
    /// allocation and a free per glyph and copy.
    pub text: CompactString,
    /// Left edge of the box.
    pub x0: f64,
    /// Bottom edge of the box.
    pub y0: f64,
    /// Right edge of the box.
    pub x1: f64,
    /// Top edge of the box.
    pub y1: f64,
    /// Font size in points (user space).
    pub size: f64,
    /// PostScript name of the font, or "" if unknown; one shared string per font of a page
    /// (a page has tens of thousands of glyphs and a handful of fonts).
    pub font: Arc<str>,
    /// Writing mode V (vertical text).
    pub vertical: bool,
}

impl Glyph {
    /// All four edges are finite (a glyph with a NaN or infinite edge is ignored by every
    /// geometric step).
    pub fn is_finite(&self) -> bool {
        self.x0.is_finite() && self.y0.is_finite() && self.x1.is_finite() && self.y1.is_finite()
    }

    /// The box as `(x0, y0, x1, y1)` with `x0 ≤ x1` and `y0 ≤ y1`.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        (
            self.x0.min(self.x1),
            self.y0.min(self.y1),
            self.x0.max(self.x1),
            self.y0.max(self.y1),
        )
    }

    /// The text is whitespace only (a space glyph shows nothing): `text.trim().is_empty()`,
    /// deciding at the first character, as most glyphs are one visible character.
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }

    /// The box.
    pub fn bbox(&self) -> BBox {
        BBox::new(self.x0, self.y0, self.x1, self.y1)
    }

    /// The centre of the box.
    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    /// Usable font size: `size` if finite and positive, else the larger box side, else 1.
    pub fn usable_size(&self) -> f64 {
        if self.size.is_finite() && self.size > 0.0 {
            return self.size;
        }
        let (x0, y0, x1, y1) = self.bounds();
        let s = (x1 - x0).max(y1 - y0);
        if s.is_finite() && s > 0.0 {
            s
        } else {
            1.0
        }
    }
}

#[cfg(test)]
impl Glyph {
    /// A horizontal 10 pt glyph in a 10 × 10 box at `(x0, y0)`, for unit tests.
    pub(crate) fn square(text: &str, x0: f64, y0: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            y0,
            x1: x0 + 10.0,
            y1: y0 + 10.0,
            size: 10.0,
            font: Arc::from(""),
            vertical: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn blank_is_trimmed_empty(text in "[ \u{3000}\u{a0}\u{200b}\t\na工]{0,4}|\\PC{0,3}") {
            let g = Glyph { text: text.as_str().into(), ..Glyph::square("x", 0.0, 0.0) };
            proptest::prop_assert_eq!(g.is_blank(), text.trim().is_empty());
        }
    }
}
