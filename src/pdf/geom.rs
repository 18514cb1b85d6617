//! The geometry vocabulary of the PDF front-end: one box type in page space, and its form with the origin at the top left for provenance.
//!
//! Page space is PDF user space after the page's `/Rotate` and crop box are applied: origin at
//! the bottom left, y grows upward, units are points. Every box of the front-end — a glyph's,
//! a ruled cell's, a callout's frame, a box drawn over the table, a structure element's
//! content — is a [`BBox`] or has one (`bbox()`), so "inside", "centre" and "union" mean the
//! same thing everywhere. Only provenance leaves page space: [`BBox::top_left`] gives
//! pdfplumber's `[x0, top, x1, bottom]`.

use serde::{Deserialize, Serialize};

/// `v.floor() as i64` (saturating; NaN gives 0) without the call to libm's `floor`.
///
/// The baseline x86-64 target has no rounding instruction (SSE4.1), so `f64::floor` is a
/// function call; grids of glyph corners (deduplication, the glyph-outline index) take it
/// several times per glyph, 1.5 % of a conversion's instructions (issue 13). The cast
/// truncates toward zero and saturates; one step down corrects a negative non-integer.
pub fn floor_i64(v: f64) -> i64 {
    let t = v as i64;
    if (t as f64) > v {
        t.saturating_sub(1)
    } else {
        t
    }
}

/// An axis-aligned box in page space: `x0 ≤ x1`, `y0` (bottom) `≤ y1` (top).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    /// Left edge.
    pub x0: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub y1: f64,
}

impl BBox {
    /// The box spanned by two corners in any order.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> BBox {
        BBox {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    /// All four edges are finite.
    pub fn is_finite(&self) -> bool {
        self.x0.is_finite() && self.y0.is_finite() && self.x1.is_finite() && self.y1.is_finite()
    }

    /// The centre point.
    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    /// Width (x1 − x0).
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height (y1 − y0).
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// True when the point lies in the box grown by `margin` on every side.
    pub fn contains(&self, x: f64, y: f64, margin: f64) -> bool {
        self.x0 - margin <= x
            && x <= self.x1 + margin
            && self.y0 - margin <= y
            && y <= self.y1 + margin
    }

    /// The smallest box holding both.
    pub fn union(self, other: BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// The box grown by `m` on every side.
    pub fn grown(self, m: f64) -> BBox {
        BBox {
            x0: self.x0 - m,
            y0: self.y0 - m,
            x1: self.x1 + m,
            y1: self.y1 + m,
        }
    }

    /// True when every edge lies within `tol` of the other box's edge.
    pub fn coincides(&self, other: &BBox, tol: f64) -> bool {
        (self.x0 - other.x0).abs() <= tol
            && (self.x1 - other.x1).abs() <= tol
            && (self.y0 - other.y0).abs() <= tol
            && (self.y1 - other.y1).abs() <= tol
    }

    /// The union of boxes, `None` for none.
    pub fn union_all(boxes: impl IntoIterator<Item = BBox>) -> Option<BBox> {
        boxes.into_iter().reduce(BBox::union)
    }

    /// `[x0, top, x1, bottom]` with the origin at the top left of a page `height` points high
    /// (pdfplumber's convention), rounded to 0.01 pt.
    pub fn top_left(&self, height: f64) -> [f64; 4] {
        let r = |v: f64| (v * 100.0).round() / 100.0;
        [
            r(self.x0),
            r(height - self.y1),
            r(self.x1),
            r(height - self.y0),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn floor_i64_is_floor_as_i64(v in proptest::num::f64::ANY) {
            proptest::prop_assert_eq!(floor_i64(v), v.floor() as i64);
        }

        #[test]
        fn floor_i64_is_floor_as_i64_near_integers(n in -1.0e6f64..1.0e6, d in -1.0e-9f64..1.0e-9) {
            let v = n.round() + d;
            proptest::prop_assert_eq!(floor_i64(v), v.floor() as i64);
        }
    }

    #[test]
    fn floor_i64_at_the_edges() {
        for v in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            -1.0,
            1.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -9.3e18,
            9.3e18,
            i64::MAX as f64,
            i64::MIN as f64,
            -1e-300,
            4503599627370495.5,
            -4503599627370495.5,
        ] {
            assert_eq!(floor_i64(v), v.floor() as i64, "{v}");
        }
    }

    #[test]
    fn top_left_flips_y_and_keeps_top_above_bottom() {
        let b = BBox::new(10.0, 500.0, 40.0, 520.0);
        assert_eq!(b.top_left(595.0), [10.0, 75.0, 40.0, 95.0]);
        let [_, top, _, bottom] = b.top_left(595.0);
        assert!(top < bottom);
    }

    #[test]
    fn corners_in_any_order_give_one_box() {
        assert_eq!(BBox::new(5.0, 9.0, 1.0, 2.0), BBox::new(1.0, 2.0, 5.0, 9.0));
        assert!(BBox::new(0.0, 0.0, 1.0, 1.0).contains(1.5, 0.5, 0.5));
        assert!(!BBox::new(0.0, 0.0, 1.0, 1.0).contains(1.6, 0.5, 0.5));
    }
}
