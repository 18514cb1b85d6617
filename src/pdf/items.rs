//! Items inside a PDF cell: bullets, list markers told from typed glyphs by their hanging indent, paragraphs ended by hard line breaks.
//!
//! A slide cell holds either a list (each item opens with a bullet glyph) or paragraphs. The
//! PDF only shows lines, so item boundaries are read from typography:
//! - a line opening with a bullet glyph, or with a list marker drawn as a small filled shape
//!   (Chromium draws `<li>` discs as paths), starts an item;
//! - a line that ends clearly short of the text area's right edge, where the next line's first
//!   unbreakable unit would have fitted, ends its paragraph (a hard break, not a wrap);
//! - continuation lines of a bullet item hang at the text after the marker; a glyph whose
//!   continuation lines hang that way is a list marker (layout), one whose continuation lines
//!   start under the glyph itself was typed as text.

use super::lines::TextLine;
use super::table::TextTolerances;
use crate::text::lexicon::is_bullet;
use std::collections::HashMap;

/// One item of a cell as printed, with whether it opens with a list marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellItem {
    /// The item's lines joined by line breaks, marker included.
    pub raw: String,
    /// The first glyph is a list marker (layout), not text.
    pub marker: bool,
    /// The cell's lines the item is made of.
    pub lines: std::ops::Range<usize>,
}

/// How a document is typeset, learnt over all its cells: whether each bullet glyph is used
/// as a hanging list marker or typed as text (decides items whose own lines give no
/// evidence), and whether the producer draws the space a line wrapped at.
#[derive(Debug, Clone, Default)]
pub struct Typesetting {
    votes: HashMap<char, (usize, usize)>,
    /// Some line ends in a drawn space: then a wrapped line without one had no space there.
    draws_wrap_spaces: bool,
    /// The ratios lines are compared with (`align`, `wrap_slack`).
    tol: TextTolerances,
}

impl Typesetting {
    /// No evidence yet; lines compared with the ratios of `tol`.
    pub fn with(tol: &TextTolerances) -> Self {
        Typesetting {
            tol: tol.sanitized(),
            ..Typesetting::default()
        }
    }

    /// Records the evidence of one cell's lines.
    pub fn observe(&mut self, lines: &[TextLine], right: f64) {
        self.draws_wrap_spaces |= lines.iter().any(|l| l.trailing_space);
        for w in lines.windows(2) {
            let (line, next) = (&w[0], &w[1]);
            let Some(b) = bullet_of(line) else { continue };
            if next.vertical
                || bullet_of(next).is_some()
                || hard_break(line, next, right, &self.tol)
            {
                continue;
            }
            if let Some(h) = hangs(line, next, &self.tol) {
                let v = self.votes.entry(b).or_default();
                if h {
                    v.0 += 1;
                } else {
                    v.1 += 1;
                }
            }
        }
    }

    fn is_marker(&self, b: char) -> bool {
        self.votes.get(&b).is_some_and(|&(h, f)| h > f)
    }
}

/// The bullet glyph opening a horizontal line, if any.
fn bullet_of(line: &TextLine) -> Option<char> {
    if line.vertical {
        return None;
    }
    let c = line.text.chars().next()?;
    (is_bullet(c) && !only_bullets(line)).then_some(c)
}

/// A line of nothing but bullet glyphs: an empty list entry kept as a placeholder.
fn only_bullets(line: &TextLine) -> bool {
    line.text.chars().all(|c| c.is_whitespace() || is_bullet(c))
}

/// Whether `next`, continuing the bullet line `line`, hangs at the text after the marker
/// (`Some(true)`), starts under the marker (`Some(false)`), or neither.
fn hangs(line: &TextLine, next: &TextLine, tt: &TextTolerances) -> Option<bool> {
    let marker = line.glyphs.first()?;
    let text = line
        .glyphs
        .iter()
        .skip(1)
        .find(|g| !g.0.trim().is_empty())?;
    let tol = tt.align * line.size;
    if text.1 - marker.1 <= tol {
        return None;
    }
    if (next.x0() - text.1).abs() <= tol {
        Some(true)
    } else if (next.x0() - marker.1).abs() <= tol {
        Some(false)
    } else {
        None
    }
}

/// Closing punctuation and marks that may not start a line.
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '）'
            | '］'
            | '｝'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '〙'
            | '〗'
            | '、'
            | '。'
            | '，'
            | '．'
            | ','
            | '.'
            | ':'
            | ';'
            | '：'
            | '；'
            | '!'
            | '?'
            | '！'
            | '？'
            | 'ー'
            | '・'
            | '々'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '%'
            | '％'
            | '”'
            | '’'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
    )
}

/// Opening brackets that may not end a line.
fn no_break_after(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '（'
            | '［'
            | '｛'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '〘'
            | '〖'
            | '“'
            | '‘'
    )
}

/// Characters of CJK text, between which a line may break (ideographs, kana, CJK
/// punctuation, full-width forms other than letters and digits, half-width katakana).
fn cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FFF}'
        | '\u{3000}'..='\u{30FF}'
        | '\u{3100}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF9F}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Characters of a Latin word, number or symbol run, which wraps as a whole (letters,
/// digits, arrows and other symbols that line breaking treats as alphabetic).
fn wordish(c: char) -> bool {
    !c.is_whitespace() && !cjk(c) && !no_break_after(c) && !no_break_before(c)
}

/// Width of a line's first unbreakable unit: the glyphs up to its first line-break
/// opportunity (a CJK character alone, a Latin word, brackets with what they hold on to).
fn first_unit_width(line: &TextLine) -> f64 {
    let g = &line.glyphs;
    let Some(first) = g.first() else { return 0.0 };
    let mut end = first.2;
    for w in g.windows(2) {
        let (a, b) = (w[0].0.chars().last(), w[1].0.chars().next());
        let (Some(a), Some(b)) = (a, b) else { break };
        // A run of Latin text (brackets and signs included) wraps only at spaces.
        let latin = |c: char| c.is_ascii_graphic() || wordish(c);
        let joined = no_break_after(a) || no_break_before(b) || (latin(a) && latin(b));
        if !joined || b.is_whitespace() {
            break;
        }
        end = w[1].2;
    }
    end - first.1
}

/// True when `line` ends its paragraph: it stops short of the right edge `right` by more than
/// `next`'s first unit would have needed. A line ending in a drawn space wrapped at that
/// space; one ending in a comma or opening bracket, or followed by closing punctuation or a
/// particle with a comma, continues.
fn hard_break(line: &TextLine, next: &TextLine, right: f64, tt: &TextTolerances) -> bool {
    if line.vertical || next.vertical {
        return false;
    }
    if line.trailing_space || !may_end(&line.text) || !may_start(&next.text) {
        return false;
    }
    let room = right - line.x1();
    room > first_unit_width(next) + tt.wrap_slack * line.size.max(next.size)
}

/// A paragraph may end with this text: not after a comma or an opening bracket.
fn may_end(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| !no_break_after(c) && !matches!(c, '、' | '，' | ','))
}

/// A paragraph may start with this text: not with closing punctuation, nor with a lone
/// particle and a comma (や、 と、 は、 …), which only continue a sentence.
fn may_start(text: &str) -> bool {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), _) if no_break_before(c) => false,
        (Some(c), Some('、' | '，')) if ('\u{3041}'..='\u{3096}').contains(&c) => false,
        (Some(_), _) => true,
        (None, _) => false,
    }
}

/// True when `line` opens with the middle dot ・ of running text (製薬企業・VC) carried over
/// by a wrap, not with a bullet: it hangs at the text of the bullet item it continues
/// (`first` is the item's first line), or it follows a paragraph line that filled the text
/// area. ・ is the one bullet glyph that Japanese text also uses as punctuation.
fn middle_dot_wrap(
    first: &TextLine,
    prev: &TextLine,
    line: &TextLine,
    right: f64,
    tt: &TextTolerances,
) -> bool {
    if !line.text.starts_with('・') || line.vertical || prev.vertical {
        return false;
    }
    match bullet_of(first) {
        Some(_) => hangs(first, line, tt) == Some(true),
        None => {
            let room = right - prev.x1();
            room <= first_unit_width(line) + tt.wrap_slack * prev.size.max(line.size)
        }
    }
}

/// Right edge of a cell's text area: the cell's right side less the padding its text keeps
/// on the left (at most two font sizes), never left of a line's end.
pub fn right_edge(lines: &[TextLine], cell_x0: f64, cell_x1: f64) -> f64 {
    let horiz = lines.iter().filter(|l| !l.vertical);
    let size = horiz.clone().map(|l| l.size).fold(0.0, f64::max);
    let left = horiz.clone().map(|l| l.x0()).fold(f64::INFINITY, f64::min);
    let widest = horiz.map(|l| l.x1()).fold(f64::NEG_INFINITY, f64::max);
    if !left.is_finite() {
        return cell_x1;
    }
    let pad = (left - cell_x0).clamp(0.0, 2.0 * size);
    (cell_x1 - pad).max(widest)
}

/// One item from its lines: raw text, and whether its bullet glyph is a list marker (its own
/// continuation lines decide; without any, the document's votes for that glyph).
///
/// Lines join with a line break, except a wrap where the producer is known to draw the space
/// it wrapped at: there was no space in the text, so the lines join directly.
fn item(
    all: &[TextLine],
    at: std::ops::Range<usize>,
    right: f64,
    typeset: &Typesetting,
) -> CellItem {
    let lines = &all[at.clone()];
    let mut raw = lines[0].text.clone();
    for w in lines.windows(2) {
        let wrapped = !w[0].trailing_space && !hard_break(&w[0], &w[1], right, &typeset.tol);
        if !(typeset.draws_wrap_spaces && wrapped) {
            raw.push('\n');
        }
        raw.push_str(&w[1].text);
    }
    let marker = match bullet_of(&lines[0]) {
        None => false,
        Some(b) => lines
            .get(1)
            .and_then(|next| hangs(&lines[0], next, &typeset.tol))
            .unwrap_or_else(|| typeset.is_marker(b)),
    };
    CellItem {
        raw,
        marker,
        lines: at,
    }
}

/// Splits a cell's lines into items; returns whether the cell is a bulleted list and its items.
///
/// A line continues the current item unless it opens with a bullet or (with `paragraphs`)
/// the line before it ended with a hard break; a line hanging at a bullet item's text always
/// continues it.
pub fn split_items(
    lines: &[TextLine],
    right: f64,
    paragraphs: bool,
    votes: &Typesetting,
) -> (bool, Vec<CellItem>) {
    let mut out = Vec::new();
    let mut list = false;
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        let bullet = bullet_of(line).filter(|_| {
            i == 0 || !middle_dot_wrap(&lines[start], &lines[i - 1], line, right, &votes.tol)
        });
        let drawn = line.drawn_marker && i > 0;
        list |= bullet.is_some() || line.drawn_marker;
        if i == 0 {
            continue;
        }
        let hanging = bullet_of(&lines[start]).is_some()
            && hangs(&lines[start], line, &votes.tol) == Some(true);
        let placeholder = only_bullets(line) && only_bullets(&lines[i - 1]);
        let continues = placeholder
            || bullet.is_none()
                && !drawn
                && (hanging || !paragraphs || !hard_break(&lines[i - 1], line, right, &votes.tol));
        if !continues {
            out.push(item(lines, start..i, right, votes));
            start = i;
        }
    }
    if !lines.is_empty() {
        out.push(item(lines, start..lines.len(), right, votes));
    }
    (list, out)
}

/// The items of a cell whose boundaries are known (the structure tree's paragraphs): one item
/// per range of lines, each built as [`split_items`] builds its items.
pub fn items_at(
    lines: &[TextLine],
    ranges: &[std::ops::Range<usize>],
    right: f64,
    votes: &Typesetting,
) -> Vec<CellItem> {
    ranges
        .iter()
        .filter(|r| r.start < r.end && r.end <= lines.len())
        .map(|r| item(lines, r.clone(), right, votes))
        .collect()
}

/// True when a horizontal line opens with a bullet glyph (an item always starts there).
pub fn opens_with_bullet(line: &TextLine) -> bool {
    bullet_of(line).is_some() || line.drawn_marker
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of full-width glyphs (and half-width ASCII) from `x`, font size 10.
    fn line(text: &str, x: f64) -> TextLine {
        let mut glyphs = Vec::new();
        let mut at = x;
        for c in text.chars() {
            let w = if c.is_ascii() { 5.0 } else { 10.0 };
            glyphs.push((c.to_string().into(), at, at + w));
            at += w;
        }
        TextLine {
            text: text.to_string(),
            glyphs,
            top: 0.0,
            bottom: -10.0,
            size: 10.0,
            drawn_marker: false,
            vertical: false,
            trailing_space: false,
        }
    }

    fn raws(items: &[CellItem]) -> Vec<&str> {
        items.iter().map(|i| i.raw.as_str()).collect()
    }

    #[test]
    fn hanging_bullets_are_markers_and_flush_ones_are_text() {
        let t = Typesetting::default();
        // Continuation hangs at the text after the marker (x = 10).
        let hanging = [
            line("・令和七年度より開始し", 0.0),
            line("実施中【厚】", 10.0),
        ];
        let (list, items) = split_items(&hanging, 100.0, true, &t);
        assert!(list);
        assert_eq!(raws(&items), ["・令和七年度より開始し\n実施中【厚】"]);
        assert!(items[0].marker);
        // Continuation starts under the bullet: typed as text.
        let flush = [line("•英語資料の受け入れ試行", 0.0), line("を実施", 0.0)];
        let (_, items) = split_items(&flush, 100.0, true, &t);
        assert_eq!(items.len(), 1);
        assert!(!items[0].marker);
    }

    #[test]
    fn single_line_items_follow_the_documents_votes() {
        let mut t = Typesetting::default();
        let (_, items) = split_items(&[line("・短い項目", 0.0)], 100.0, true, &t);
        assert!(!items[0].marker, "no evidence: kept as text");
        t.observe(
            &[line("・令和七年度より開始し", 0.0), line("実施中", 10.0)],
            100.0,
        );
        let (_, items) = split_items(&[line("・短い項目", 0.0)], 100.0, true, &t);
        assert!(items[0].marker);
        let (_, items) = split_items(&[line("•短い項目", 0.0)], 100.0, true, &t);
        assert!(!items[0].marker, "votes are per glyph");
    }

    #[test]
    fn short_lines_end_paragraphs_wrapped_lines_do_not() {
        let t = Typesetting::default();
        // Right edge 100: "第三期健康医療戦略" wraps (the next character would not fit),
        // "戦略" ends its paragraph (the next line's first character would have fitted).
        let lines = [
            line("第三期健康医療戦略計", 0.0),
            line("画案", 0.0),
            line("中長期目標", 0.0),
        ];
        let (list, items) = split_items(&lines, 100.0, true, &t);
        assert!(!list);
        assert_eq!(raws(&items), ["第三期健康医療戦略計\n画案", "中長期目標"]);
    }

    #[test]
    fn a_latin_word_that_did_not_fit_is_a_wrap() {
        let t = Typesetting::default();
        // 80 of 100 used; "AMEDX" (25 wide) would not fit in the 20 left.
        let lines = [line("研究開発推進計", 0.0), line("AMEDX目標", 0.0)];
        let (_, items) = split_items(&lines, 100.0, true, &t);
        assert_eq!(items.len(), 1);
        // A lone CJK character (10 wide) would have fitted: a hard break.
        let lines = [line("研究開発推進計", 0.0), line("目標AMEDX", 0.0)];
        let (_, items) = split_items(&lines, 100.0, true, &t);
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn units_keep_brackets_arrows_and_numbers_together() {
        assert_eq!(first_unit_width(&line("→16拠点", 0.0)), 20.0);
        assert_eq!(first_unit_width(&line("(R11)25%(R5)", 0.0)), 60.0);
        assert_eq!(first_unit_width(&line("【厚】です", 0.0)), 30.0);
        assert_eq!(first_unit_width(&line("や、論文", 0.0)), 20.0);
    }

    #[test]
    fn sentences_do_not_start_with_particles_or_end_with_commas() {
        let t = Typesetting::default();
        let lines = [line("研究時間の割合", 0.0), line("や、論文数の増加", 0.0)];
        assert_eq!(split_items(&lines, 100.0, true, &t).1.len(), 1);
        let lines = [line("研究時間の割合、", 0.0), line("論文数の増加", 0.0)];
        assert_eq!(split_items(&lines, 100.0, true, &t).1.len(), 1);
        let mut spaced = line("創薬人材", 0.0);
        spaced.trailing_space = true;
        let lines = [spaced, line("増加", 0.0)];
        assert_eq!(split_items(&lines, 100.0, true, &t).1.len(), 1);
    }

    #[test]
    fn wraps_join_without_a_break_when_the_producer_draws_wrap_spaces() {
        let mut t = Typesetting::default();
        let lines = [line("成分数60%", 0.0), line("(R11)25%(R5)", 0.0)];
        assert_eq!(
            split_items(&lines, 50.0, true, &t).1[0].raw,
            "成分数60%\n(R11)25%(R5)"
        );
        let mut spaced = line("人材", 0.0);
        spaced.trailing_space = true;
        t.observe(&[spaced], 100.0);
        assert_eq!(
            split_items(&lines, 50.0, true, &t).1[0].raw,
            "成分数60%(R11)25%(R5)"
        );
    }

    #[test]
    fn without_paragraphs_only_bullets_split() {
        let t = Typesetting::default();
        let lines = [line("国際共同治験の", 0.0), line("相談窓口の整備", 0.0)];
        assert_eq!(split_items(&lines, 100.0, true, &t).1.len(), 2);
        assert_eq!(split_items(&lines, 100.0, false, &t).1.len(), 1);
    }

    #[test]
    fn a_middle_dot_carried_over_by_a_wrap_is_not_a_bullet() {
        // A full paragraph line, then ・ of running text: one item.
        let lines = [
            line("国内外のアカデミア・スタートアップと製薬企業", 0.0),
            line("・VCのマッチング", 0.0),
        ];
        let right = lines[0].x1();
        let (list, items) = split_items(&lines, right, true, &Typesetting::default());
        assert_eq!(
            (list, raws(&items)),
            (
                false,
                vec!["国内外のアカデミア・スタートアップと製薬企業\n・VCのマッチング"]
            )
        );
        // After a short line, ・ opens a bullet.
        let (list, items) = split_items(&lines, right + 50.0, true, &Typesetting::default());
        assert!(list);
        assert_eq!(items.len(), 2);
        // Inside a hanging list: ・ under the item's text continues it, ・ under the marker opens the next.
        let lines = [
            line("・官民協議会の開催と製薬企業", 0.0),
            line("・VCとの連携", 10.0),
            line("・次の項目", 0.0),
        ];
        let (_, items) = split_items(&lines, lines[0].x1(), true, &Typesetting::default());
        assert_eq!(
            raws(&items),
            ["・官民協議会の開催と製薬企業\n・VCとの連携", "・次の項目"]
        );
    }

    #[test]
    fn bullet_only_lines_are_one_placeholder() {
        let t = Typesetting::default();
        let (_, items) = split_items(&[line("・", 0.0), line("・", 0.0)], 100.0, true, &t);
        assert_eq!(raws(&items), ["・\n・"]);
        assert!(!items[0].marker);
    }

    #[test]
    fn right_edge_mirrors_the_left_padding() {
        let lines = [line("第三期", 4.0), line("計画", 4.0)];
        assert_eq!(right_edge(&lines, 0.0, 100.0), 96.0);
        assert_eq!(right_edge(&[], 0.0, 100.0), 100.0);
    }
}
