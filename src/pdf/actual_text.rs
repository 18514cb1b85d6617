//! Marked-content `/ActualText` (PDF 32000 §14.9.4): the producer's own reading of the glyphs it wraps.
//!
//! Chromium's PDF writer, for example, maps some ideographs to Kangxi radicals in its
//! ToUnicode CMap (工 → ⼯ U+2F2F) and repairs that with `/Span <</ActualText (工)>> BDC … EMC`.
//! The ActualText is what the author wrote, so it replaces the glyphs' own Unicode, raw
//! text included.

use super::glyph::Glyph;

/// Decodes a PDF text string: UTF-16BE or UTF-8 with their byte-order marks, otherwise
/// PDFDocEncoding (read as Latin-1, which it equals outside 0x80–0xA0).
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
        return char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Replaces the Unicode of `glyphs` (the glyphs drawn inside one ActualText span) by `text`.
///
/// When the span's glyph count is a multiple of its character count (one glyph per
/// character, possibly drawn twice for fake bold), each glyph takes its character in turn.
/// Otherwise the first glyph takes the whole text over the union of the boxes and the
/// others are removed. Returns how many U+FFFD (unmapped) glyphs the span replaced.
pub fn apply(glyphs: &mut Vec<Glyph>, start: usize, text: &str) -> usize {
    if start >= glyphs.len() {
        return 0;
    }
    let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    let span = &mut glyphs[start..];
    let repaired = span.iter().filter(|g| g.text == "\u{FFFD}").count();
    if chars.is_empty() {
        return 0;
    }
    if span.len() % chars.len() == 0 {
        for (i, g) in span.iter_mut().enumerate() {
            g.text = std::iter::once(chars[i % chars.len()]).collect();
        }
        return repaired;
    }
    let (x0, y0, x1, y1) = span.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), g| (a.min(g.x0), b.min(g.y0), c.max(g.x1), d.max(g.y1)),
    );
    let mut first = span[0].clone();
    first.text = chars.into_iter().collect();
    (first.x0, first.y0, first.x1, first.y1) = (x0, y0, x1, y1);
    glyphs.truncate(start);
    glyphs.push(first);
    repaired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f64) -> Glyph {
        Glyph::square(text, x0, 0.0)
    }

    #[test]
    fn text_strings_in_each_encoding() {
        assert_eq!(decode_text_string(&[0xFE, 0xFF, 0x5D, 0xE5]), "工");
        assert_eq!(decode_text_string("\u{feff}民".as_bytes()), "民");
        assert_eq!(decode_text_string(b"fi"), "fi");
        // A truncated UTF-16 unit does not panic.
        assert_eq!(decode_text_string(&[0xFE, 0xFF, 0x5D]).chars().count(), 1);
    }

    #[test]
    fn one_glyph_per_character_takes_its_character() {
        let mut gs = vec![glyph("a", 0.0), glyph("⼯", 10.0), glyph("\u{FFFD}", 20.0)];
        assert_eq!(apply(&mut gs, 1, "工程"), 1);
        let texts: Vec<_> = gs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["a", "工", "程"]);
    }

    #[test]
    fn fake_bold_twice_drawn_glyphs_each_take_their_character() {
        let mut gs = vec![glyph("⽇", 0.0), glyph("⽇", 0.0)];
        apply(&mut gs, 0, "日");
        assert!(gs.iter().all(|g| g.text == "日"));
    }

    #[test]
    fn a_ligature_glyph_takes_the_whole_text_over_all_boxes() {
        let mut gs = vec![glyph("x", 0.0), glyph("y", 10.0), glyph("z", 20.0)];
        apply(&mut gs, 0, "ab");
        assert_eq!(gs.len(), 1);
        assert_eq!((gs[0].text.as_str(), gs[0].x0, gs[0].x1), ("ab", 0.0, 30.0));
    }

    #[test]
    fn empty_actual_text_or_no_glyphs_changes_nothing() {
        let mut gs = vec![glyph("x", 0.0)];
        assert_eq!(apply(&mut gs, 0, ""), 0);
        assert_eq!(apply(&mut gs, 1, "y"), 0);
        assert_eq!(gs[0].text, "x");
    }
}
