//! The glyph type of the PDF front-end: one drawn character with its Unicode text and box.

use serde::{Deserialize, Serialize};

/// A glyph with its Unicode text and box in page space: origin bottom-left, y up, points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// Unicode of the glyph (a ligature may be one char such as U+FB01 or several, as the
    /// font maps it), variation selectors removed.
    /// Never empty: a glyph without Unicode is U+FFFD (and counted in `PageContent::unmapped`).
    pub text: String,
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
    /// PostScript name of the font, or "" if unknown.
    pub font: String,
    /// Writing mode V (vertical text).
    pub vertical: bool,
}

#[cfg(test)]
impl Glyph {
    /// A horizontal 10 pt glyph in a 10 × 10 box at `(x0, y0)`, for unit tests.
    pub(crate) fn square(text: &str, x0: f64, y0: f64) -> Glyph {
        Glyph {
            text: text.to_string(),
            x0,
            y0,
            x1: x0 + 10.0,
            y1: y0 + 10.0,
            size: 10.0,
            font: String::new(),
            vertical: false,
        }
    }
}
