//! Text normalization for roadmap cells: display text (`normalize`) and matching keys (`comparison_key`).
//
// Display normalization is NFKC with a few protected characters, followed by
// a whitespace "layout" pass that joins line breaks and removes spurious
// spaces that PDF/Office extraction inserts between Japanese characters.
// Comparison keys additionally fold look-alike characters and drop all
// whitespace, private-use glyphs and a leading bullet marker.

use unicode_normalization::UnicodeNormalization;

use super::fold::{fold_radical, Fold};
use super::lexicon::is_bullet;

/// Upper bound on the number of normalization passes run to reach a fixed point.
///
/// A second pass is only ever needed when removing a space brings a base
/// character next to a combining mark that NFKC then composes (for example a
/// voiced sound mark); in practice one or two passes suffice.
const MAX_PASSES: usize = 8;

/// Normalized display text for one raw source string.
///
/// Applies NFKC (keeping circled numbers, wave dashes/full-width tildes and
/// ellipses as they are), turns every kind of space into a plain space, joins
/// line breaks (with a space only between two pieces of Latin text), collapses
/// and trims spaces, and removes spaces between Japanese characters and
/// between a digit and a following Japanese character.
pub fn normalize(raw: &str) -> String {
    let mut current = layout(&nfkc_protected(raw));
    for _ in 0..MAX_PASSES {
        // Text of stable characters only (most of it) is its own NFKC: nothing to check.
        if current.chars().all(nfkc_stable) {
            break;
        }
        let renormalized = nfkc_protected(&current);
        if renormalized == current {
            break;
        }
        current = layout(&renormalized);
    }
    current
}

/// Comparison key for matching/diffing (never displayed).
///
/// Accepts raw or normalized text: `comparison_key(raw)` always equals
/// `comparison_key(&normalize(raw))`, and the key is idempotent.
pub fn comparison_key(text: &str) -> String {
    let mut key = key_pass(&normalize(text));
    for _ in 0..MAX_PASSES {
        let next = key_pass(&normalize(&key));
        if next == key {
            break;
        }
        key = next;
    }
    key
}

/// True for characters treated as Japanese script for spacing rules (Han,
/// Hiragana, Katakana incl. ー and ・, CJK symbols & punctuation
/// U+3000–U+303F, CJK compatibility ideographs, Kangxi/radicals, full-width
/// forms U+FF00–U+FFEF that remain).
pub fn is_japanese(c: char) -> bool {
    matches!(
        c,
        '\u{2E80}'..='\u{2EFF}'   // CJK Radicals Supplement
        | '\u{2F00}'..='\u{2FDF}' // Kangxi Radicals
        | '\u{3000}'..='\u{303F}' // CJK Symbols and Punctuation
        | '\u{3040}'..='\u{309F}' // Hiragana
        | '\u{30A0}'..='\u{30FF}' // Katakana (incl. ・ and ー)
        | '\u{3190}'..='\u{319F}' // Kanbun
        | '\u{31C0}'..='\u{31EF}' // CJK Strokes
        | '\u{31F0}'..='\u{31FF}' // Katakana Phonetic Extensions
        | '\u{3400}'..='\u{4DBF}' // CJK Unified Ideographs Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{FF00}'..='\u{FFEF}' // Halfwidth and Fullwidth Forms
        | '\u{20000}'..='\u{2FA1F}' // Extensions B–F, Compatibility Supplement
        | '\u{30000}'..='\u{323AF}' // Extensions G–H
    )
}

/// Strip one leading list-bullet marker (• ・ ● ○ ◦ ▪ ■ □ ◆ ◇ ▶ ► ➢ ✓ ✔ and
/// private-use-area U+E000–U+F8FF glyphs; ※ is not a bullet) plus the
/// whitespace around it, only if non-bullet text follows.
///
/// `"• PMDA"` becomes `"PMDA"`, `"・官民"` becomes `"官民"`, while `"・ ・"`
/// and a lone `"●"` are returned unchanged.
pub fn strip_bullet(text: &str) -> &str {
    let trimmed = text.trim_start_matches(is_space_like);
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) if is_bullet(first) => {
            let rest = chars.as_str().trim_start_matches(is_space_like);
            match rest.chars().next() {
                Some(next) if !is_bullet(next) => rest,
                _ => text,
            }
        }
        _ => text,
    }
}

/// Characters that keep their exact form through NFKC.
fn is_protected(c: char) -> bool {
    matches!(
        c,
        '\u{2460}'..='\u{24FF}'   // enclosed alphanumerics: ① ⑴ ⒜ Ⓐ ...
        | '\u{3251}'..='\u{325F}' // circled numbers 21–35
        | '\u{32B1}'..='\u{32BF}' // circled numbers 36–50
        | '\u{2776}'..='\u{2793}' // dingbat negative/sans-serif circled digits
        | '\u{FF5E}'              // ～ FULLWIDTH TILDE
        | '\u{301C}'              // 〜 WAVE DASH
        | '\u{2026}'              // … HORIZONTAL ELLIPSIS
        | '\u{2025}'              // ‥ TWO DOT LEADER
    )
}

/// NFKC applied to each run of unprotected characters; protected characters
/// are copied verbatim.
fn nfkc_protected(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if is_protected(c) {
            push_nfkc(&mut out, &s[start..i]);
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    push_nfkc(&mut out, &s[start..]);
    // CJK radicals that NFKC leaves alone stand for ordinary kanji in extracted text (some PDF
    // producers map kanji to them in ToUnicode): fold them as NFKC folds Kangxi radicals.
    if out.chars().any(|c| ('\u{2E80}'..='\u{2EFF}').contains(&c)) {
        out = out.chars().map(fold_radical).collect();
    }
    out
}

/// Characters that NFKC keeps as they are and that nothing before them combines with (NFKC
/// quick check "yes" and canonical combining class 0; see the test): most of a roadmap's text
/// (ASCII, kanji, kana, 、。「」『』【】).
fn nfkc_stable(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'
        | '\u{3001}'..='\u{3002}'
        | '\u{300C}'..='\u{300F}'
        | '\u{3010}'..='\u{3011}')
}

/// Appends NFKC of `run`. Normalization can be applied separately to the pieces of a text
/// split before each character that is stable and starts no composition with what precedes
/// it (UAX #15 §9, "stable code points"); a stable character followed by another (or by
/// nothing) is its own piece and is copied, so only the pieces around the others — full-width
/// digits and letters, half-width kana, combining marks, and the stable character just before
/// them, which a mark may compose with — go through the normalizer.
fn push_nfkc(out: &mut String, run: &str) {
    let mut pending = 0;
    let mut chars = run.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !nfkc_stable(c) {
            continue;
        }
        if pending < i {
            out.extend(run[pending..i].nfkc());
        }
        pending = i;
        if chars.peek().is_none_or(|&(_, next)| nfkc_stable(next)) {
            out.push(c);
            pending = i + c.len_utf8();
        }
    }
    out.extend(run[pending..].nfkc());
}

/// Line-break characters: LF, CR, VT (used as a soft break by Office), FF,
/// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Any whitespace, including line breaks and the invisible zero-width space,
/// word joiner and byte-order mark.
fn is_space_like(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// ASCII letters, digits and punctuation: "Latin text" for line-break joins.
fn is_latin(c: char) -> bool {
    c.is_ascii_graphic()
}

fn is_private_use(c: char) -> bool {
    matches!(
        c,
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}'
    )
}

/// Whether a single space between `left` and `right` (with `before` being the
/// character preceding `left`) is dropped.
fn space_removable(before: Option<char>, left: char, right: char) -> bool {
    (is_japanese(left) && is_japanese(right))
        // A bracket next to Japanese text: full-width in print, a line break on the slide.
        || (is_japanese(left) && "([".contains(right))
        || (")]".contains(left) && is_japanese(right))
        || (left.is_ascii_digit() && is_japanese(right))
        || (left == '-' && before.is_some_and(|b| b.is_ascii_digit()) && right.is_ascii_digit())
}

/// Kind of whitespace run seen between two visible characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    Space,
    Break,
}

/// Whitespace pass: collapse, trim, join line breaks and drop spurious spaces.
///
/// Decisions look at the output built so far, so the pass is idempotent:
/// a space it keeps sees exactly the same neighbours when run again.
fn layout(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = Gap::None;
    for c in s.chars() {
        if is_line_break(c) {
            // A space written before the break is kept as a space.
            if gap == Gap::None {
                gap = Gap::Break;
            }
            continue;
        }
        if is_space_like(c) {
            if gap == Gap::None {
                gap = Gap::Space;
            }
            continue;
        }
        if gap != Gap::None {
            let mut tail = out.chars().rev();
            if let Some(left) = tail.next() {
                let before = tail.next();
                let wants_space = match gap {
                    Gap::Break => is_latin(left) && is_latin(c),
                    _ => true,
                };
                if wants_space && !space_removable(before, left, c) {
                    out.push(' ');
                }
            }
            gap = Gap::None;
        }
        out.push(c);
    }
    out
}

/// The folds of comparison keys (on NFKC text): one tilde, one dash, kanji for radicals.
const KEY_FOLD: Fold = Fold {
    dashes: true,
    tildes: Some('~'),
    radicals: true,
    ..Fold::NONE
};

/// Per-character folding for comparison keys; `None` drops the character.
fn fold_key_char(c: char) -> Option<char> {
    if is_space_like(c) || is_private_use(c) {
        return None;
    }
    Some(KEY_FOLD.char(c))
}

/// One key pass over already-normalized text.
fn key_pass(normalized: &str) -> String {
    let folded: String = normalized.chars().filter_map(fold_key_char).collect();
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if is_bullet(first) && !is_bullet(second) => {
            folded[first.len_utf8()..].to_string()
        }
        _ => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(s: &str) -> String {
        normalize(s)
    }

    fn k(s: &str) -> String {
        comparison_key(s)
    }

    const SAMPLES: &[&str] = &[
        "２０２４年夏",
        "2024 年夏",
        "2026- 2028年度",
        "令和8年度 薬価制度改革 の議論",
        "（令和７年度当初予算９．３億円）",
        "ｶﾞｲﾄﾞﾗｲﾝ",
        "R7～R10",
        "各施策のスケジュール・工程表①",
        "、。「」【】〔〕・",
        "国民に最新の\n医薬品",
        "Drug\nLoss",
        "０拠点→１６拠点 （Ｒ５→Ｒ１０）",
        "創薬ベンチャー採択件数 11件 → 70件 (R5→R10)",
        "予算要求・予算編成 (臨床研究総合促進事業)",
        "第 I 相試験",
        "  • PMDA\r\n の 相談 \u{3000}体制 ",
        "・ ・",
        "\u{E000}PMDA",
        "⻑期 〜 ⺟子",
        "カ゛イド",
        "2026-\n2028年度",
        "",
        " \n\t ",
    ];

    // ---- rule 1: NFKC with protected characters ----

    #[test]
    fn fullwidth_digits_become_ascii() {
        assert_eq!(n("２０２４年夏"), "2024年夏");
    }

    #[test]
    fn fullwidth_brackets_and_punctuation_become_ascii() {
        assert_eq!(
            n("（令和７年度当初予算９．３億円）"),
            "(令和7年度当初予算9.3億円)"
        );
        assert_eq!(n("期間：令和６年度"), "期間:令和6年度");
        assert_eq!(n("ＰＭＤＡ"), "PMDA");
    }

    #[test]
    fn halfwidth_katakana_composes_to_fullwidth() {
        assert_eq!(n("ｶﾞｲﾄﾞﾗｲﾝ"), "ガイドライン");
        assert_eq!(n("ﾊﾟﾌﾞﾘｯｸｺﾒﾝﾄ"), "パブリックコメント");
    }

    #[test]
    fn halfwidth_katakana_next_to_protected_char() {
        assert_eq!(n("ｶﾞ～ｷﾞ"), "ガ～ギ");
    }

    #[test]
    fn circled_numbers_are_protected() {
        assert_eq!(
            n("各施策のスケジュール・工程表①"),
            "各施策のスケジュール・工程表①"
        );
        for s in ["①②⑳", "⑴⒜Ⓐⓐ", "㉑㉟", "㊱㊿", "❶➓"] {
            assert_eq!(n(s), s);
        }
    }

    #[test]
    fn tildes_and_ellipses_are_protected() {
        assert_eq!(n("R7～R10"), "R7～R10");
        assert_eq!(n("R7〜R10"), "R7〜R10");
        assert_eq!(n("R7~R10"), "R7~R10");
        assert_eq!(n("等…"), "等…");
        assert_eq!(n("等‥"), "等‥");
    }

    #[test]
    fn japanese_punctuation_is_unchanged() {
        assert_eq!(n("、。「」【】〔〕・"), "、。「」【】〔〕・");
        assert_eq!(n("【厚】「医薬品」"), "【厚】「医薬品」");
        assert_eq!(n("※詳細は別紙"), "※詳細は別紙");
        assert_eq!(n("ー"), "ー");
    }

    #[test]
    fn kangxi_radicals_become_kanji() {
        // U+2F08 KANGXI RADICAL MAN, U+2F49 KANGXI RADICAL MOON
        assert_eq!(n("\u{2F08}\u{2F49}"), "人月");
    }

    #[test]
    fn ideographic_space_and_nbsp_become_spaces() {
        assert_eq!(n("PMDA\u{3000}Single\u{00A0}IRB"), "PMDA Single IRB");
        assert_eq!(n("A\u{2003}B"), "A B");
    }

    #[test]
    fn typos_and_other_text_are_kept() {
        assert_eq!(n("医薬品の安定共給"), "医薬品の安定共給");
    }

    // ---- rules 2 and 3: spaces ----

    #[test]
    fn spaces_collapse_and_trim() {
        assert_eq!(n("  Single \t  IRB  "), "Single IRB");
        assert_eq!(n("\u{3000}\u{3000}PMDA\u{3000}"), "PMDA");
        assert_eq!(n(""), "");
        assert_eq!(n(" \t\u{3000}\n "), "");
    }

    #[test]
    fn zero_width_spaces_and_bom_are_spaces() {
        assert_eq!(n("\u{FEFF}PMDA"), "PMDA");
        assert_eq!(n("医薬\u{200B}品"), "医薬品");
    }

    #[test]
    fn space_between_japanese_is_removed() {
        assert_eq!(
            n("令和8年度 薬価制度改革 の議論"),
            "令和8年度薬価制度改革の議論"
        );
        assert_eq!(n("11都府県が 未達成"), "11都府県が未達成");
        assert_eq!(n("医薬品　の　供給"), "医薬品の供給");
    }

    #[test]
    fn space_between_digit_and_japanese_is_removed() {
        assert_eq!(n("2024 年夏"), "2024年夏");
        assert_eq!(n("2025 年度"), "2025年度");
        assert_eq!(n("２０２５　年度"), "2025年度");
    }

    #[test]
    fn space_in_digit_dash_digit_is_removed() {
        assert_eq!(n("2026- 2028年度"), "2026-2028年度");
        assert_eq!(n("2026－ 2028年度"), "2026-2028年度");
    }

    #[test]
    fn spaces_between_brackets_and_japanese_are_removed() {
        assert_eq!(
            n("予算要求・予算編成 (臨床研究総合促進事業)"),
            "予算要求・予算編成(臨床研究総合促進事業)"
        );
        assert_eq!(
            n("サミット (JHVS) を平成29年から"),
            "サミット(JHVS)を平成29年から"
        );
        assert_eq!(
            n("予算要求・予算編成\n(橋渡し)"),
            n("予算要求・予算編成 (橋渡し)")
        );
    }

    #[test]
    fn other_spaces_are_kept() {
        assert_eq!(n("14 (R10) 7 (R5)"), "14 (R10) 7 (R5)");
        assert_eq!(
            n("創薬ベンチャー採択件数 11件 → 70件 (R5→R10)"),
            "創薬ベンチャー採択件数 11件 → 70件(R5→R10)"
        );
        assert_eq!(n("第 I 相試験"), "第 I 相試験");
        assert_eq!(n("Single IRB"), "Single IRB");
        assert_eq!(n("2026 - 2028年度"), "2026 - 2028年度");
        assert_eq!(n("A- 2028"), "A- 2028");
        assert_eq!(n("PMDA の"), "PMDA の");
    }

    // ---- rule 4: line breaks ----

    #[test]
    fn line_break_between_japanese_joins_without_space() {
        assert_eq!(n("国民に最新の\n医薬品"), "国民に最新の医薬品");
        assert_eq!(n("国民に最新の\r\n医薬品"), "国民に最新の医薬品");
        assert_eq!(n("国民に最新の\r医薬品"), "国民に最新の医薬品");
        assert_eq!(n("国民に最新の\u{2028}医薬品"), "国民に最新の医薬品");
        assert_eq!(n("国民に最新の \n  医薬品"), "国民に最新の医薬品");
        assert_eq!(n("国民に最新の\n\n医薬品"), "国民に最新の医薬品");
    }

    #[test]
    fn line_break_between_mixed_scripts_joins_without_space() {
        assert_eq!(n("PMDA\nの"), "PMDAの");
        assert_eq!(n("相談\nPMDA"), "相談PMDA");
        assert_eq!(
            n("予算編成\n(臨床研究総合促進事業)"),
            "予算編成(臨床研究総合促進事業)"
        );
    }

    #[test]
    fn line_break_between_latin_joins_with_space() {
        assert_eq!(n("Drug\nLoss"), "Drug Loss");
        assert_eq!(n("Drug \r\n Loss"), "Drug Loss");
        assert_eq!(n("Drug\u{0B}Lag"), "Drug Lag");
        assert_eq!(n("(R5\n→R10)"), "(R5→R10)");
        assert_eq!(n("R5,\nR6"), "R5, R6");
    }

    #[test]
    fn line_break_join_respects_space_rules() {
        assert_eq!(n("2026-\n2028年度"), "2026-2028年度");
    }

    #[test]
    fn radicals_from_pdf_text_read_as_kanji() {
        // Chromium's ToUnicode gives ⼯ (Kangxi) for 工 and ⺠ (radical supplement) for 民.
        assert_eq!(n("⼯程表・官⺠協議会"), "工程表・官民協議会");
    }

    #[test]
    fn a_space_written_before_a_line_break_is_kept() {
        // A PDF line that wrapped at a space ends with it: the space was text.
        assert_eq!(n("平均→ \n2026年度"), "平均→ 2026年度");
        assert_eq!(n("平均→\n2026年度"), "平均→2026年度");
        assert_eq!(n("研究 \n開発"), "研究開発");
    }

    #[test]
    fn leading_and_trailing_line_breaks_are_trimmed() {
        assert_eq!(n("\n\r\nPMDA\n"), "PMDA");
    }

    // ---- idempotence ----

    #[test]
    fn normalize_is_idempotent() {
        for s in SAMPLES {
            let once = n(s);
            assert_eq!(n(&once), once, "input {s:?}");
        }
    }

    #[test]
    fn spacing_voiced_mark_reaches_fixed_point() {
        // U+309B decomposes to a space plus a combining mark; removing the space
        // lets NFKC compose on the next pass.
        let once = n("カ゛イド");
        assert_eq!(once, "ガイド");
        assert_eq!(n(&once), once);
    }

    // ---- comparison_key ----

    #[test]
    fn key_ignores_width_and_spacing() {
        assert_eq!(
            k("０拠点→１６拠点 （Ｒ５→Ｒ１０）"),
            k("0拠点→16拠点(R5→R10)")
        );
        assert_eq!(k("0拠点→16拠点(R5→R10)"), "0拠点→16拠点(R5→R10)");
    }

    #[test]
    fn key_removes_all_whitespace() {
        assert_eq!(k("Single IRB"), "SingleIRB");
        assert_eq!(k("Drug\nLoss"), k("Drug Loss"));
        assert_eq!(k("第 I 相試験"), k("第I相試験"));
        assert_eq!(
            k("予算要求・予算編成\n(臨床研究)"),
            k("予算要求・予算編成 (臨床研究)")
        );
    }

    #[test]
    fn key_folds_tildes() {
        assert_eq!(k("R7～R10"), "R7~R10");
        assert_eq!(k("R7〜R10"), "R7~R10");
        assert_eq!(k("R7∼R10"), "R7~R10");
        assert_eq!(k("R7~R10"), "R7~R10");
    }

    #[test]
    fn key_folds_dashes_but_not_prolonged_sound_mark() {
        for dash in [
            '\u{2212}', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}',
            '\u{FE63}', '\u{2043}', '\u{FF0D}', '-',
        ] {
            assert_eq!(k(&format!("2026{dash}2028")), "2026-2028", "dash {dash:?}");
        }
        assert_eq!(k("データベース"), "データベース");
    }

    #[test]
    fn key_folds_radicals_supplement() {
        assert_eq!(k("⻑期"), k("長期"));
        assert_eq!(k("⻑期"), "長期");
        assert_eq!(k("⺟子"), "母子");
        assert_eq!(k("⻝品"), "食品");
        assert_eq!(k("⻟品"), "食品");
        assert_eq!(k("⻄日本"), "西日本");
        assert_eq!(k("⻘"), "青");
    }

    #[test]
    fn key_folds_kangxi_radicals() {
        assert_eq!(k("\u{2F08}"), "人");
        assert_eq!(k("\u{2F00}"), "一");
        assert_eq!(k("\u{2FD5}"), "龠");
    }

    #[test]
    fn key_removes_private_use_characters() {
        assert_eq!(k("\u{E000}PMDA"), k("PMDA"));
        assert_eq!(k("PM\u{F8FF}DA\u{F0000}\u{10FFFD}"), "PMDA");
    }

    #[test]
    fn key_removes_leading_bullet() {
        assert_eq!(k("• PMDA"), "PMDA");
        assert_eq!(k("・官民"), "官民");
        assert_eq!(k("・ 官民"), "官民");
        assert_eq!(k("■ 工程表"), "工程表");
        assert_eq!(k("※注記"), "※注記");
        assert_eq!(k("・ ・"), "・・");
        assert_eq!(k("官民・連携"), "官民・連携");
    }

    #[test]
    fn key_matches_key_of_normalized_text() {
        for s in SAMPLES {
            assert_eq!(k(s), k(&n(s)), "input {s:?}");
        }
    }

    #[test]
    fn key_is_idempotent() {
        let extra = ["e \u{301}", "・・官民", "\u{E000} • PMDA", "カ ゛"];
        for s in SAMPLES.iter().chain(extra.iter()) {
            let once = k(s);
            assert_eq!(k(&once), once, "input {s:?}");
        }
    }

    // ---- is_japanese ----

    #[test]
    fn japanese_classification() {
        for c in [
            '漢', 'あ', 'ア', 'ー', '・', '、', '。', '「', '」', '\u{3000}', '々', '〜', '～',
            '豈', '⻑', '⼈', '𠮷', 'ｱ',
        ] {
            assert!(is_japanese(c), "{c:?} should be Japanese");
        }
        for c in ['A', '1', '(', ' ', '→', '①', '~', '-', 'é', '※'] {
            assert!(!is_japanese(c), "{c:?} should not be Japanese");
        }
    }

    // ---- strip_bullet ----

    #[test]
    fn strip_bullet_removes_one_marker() {
        assert_eq!(strip_bullet("• PMDA"), "PMDA");
        assert_eq!(strip_bullet("・官民"), "官民");
        assert_eq!(strip_bullet("● 治験"), "治験");
        assert_eq!(strip_bullet("○ 治験"), "治験");
        assert_eq!(strip_bullet("◦ 治験"), "治験");
        assert_eq!(strip_bullet("▪治験"), "治験");
        assert_eq!(strip_bullet("■\u{3000}治験"), "治験");
        assert_eq!(strip_bullet("□ 治験"), "治験");
        assert_eq!(strip_bullet("◆治験"), "治験");
        assert_eq!(strip_bullet("◇治験"), "治験");
        assert_eq!(strip_bullet("▶ 治験"), "治験");
        assert_eq!(strip_bullet("► 治験"), "治験");
        assert_eq!(strip_bullet("➢ 治験"), "治験");
        assert_eq!(strip_bullet("✓ 治験"), "治験");
        assert_eq!(strip_bullet("✔ 治験"), "治験");
        assert_eq!(strip_bullet("\u{F0A7} 治験"), "治験");
        assert_eq!(strip_bullet("  • PMDA"), "PMDA");
    }

    #[test]
    fn strip_bullet_keeps_text_without_following_text() {
        assert_eq!(strip_bullet("・ ・"), "・ ・");
        assert_eq!(strip_bullet("・・・等"), "・・・等");
        assert_eq!(strip_bullet("●"), "●");
        assert_eq!(strip_bullet("● "), "● ");
        assert_eq!(strip_bullet(""), "");
    }

    #[test]
    fn strip_bullet_ignores_non_bullets() {
        assert_eq!(strip_bullet("※注記"), "※注記");
        assert_eq!(strip_bullet("PMDA・官民"), "PMDA・官民");
        assert_eq!(strip_bullet("①治験"), "①治験");
    }

    #[test]
    fn strip_bullet_removes_only_one_marker() {
        assert_eq!(strip_bullet("• • PMDA"), "• • PMDA");
        assert_eq!(strip_bullet("• ・PMDA"), "• ・PMDA");
    }

    /// Strings of up to 12 characters over an alphabet of tricky characters.
    fn tricky_string() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = "年度令和ガｶﾞﾞ゛゙ ・•　\n\r\t\u{2028}\u{A0}\u{200B}-－–~～〜…①㉑２A9e\u{301}(（)→※\u{E000}⻑\u{2F08}ー"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..12)
            .prop_map(|cs| cs.into_iter().collect())
    }

    /// The characters copied without the normalizer are what it would keep, and nothing
    /// before them composes with them.
    #[test]
    fn nfkc_stable_characters_are_stable() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfkc_quick, IsNormalized};
        let stable: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| nfkc_stable(c))
            .collect();
        assert!(stable.len() > 20_000);
        for c in stable {
            assert_eq!(
                c.to_string().nfkc().collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
        }
    }

    /// Composition across the pieces: a stable kana or letter before a combining mark, a
    /// half-width kana and its voiced mark, full-width digits between kanji.
    #[test]
    fn piecewise_nfkc_is_nfkc() {
        for s in [
            "か\u{3099}き",
            "カ\u{309A}ー",
            "e\u{301}x",
            "ｶﾞｷﾞ漢",
            "令和６年度（２０２４）",
            "A\u{30A}\u{301}B",
            "\u{1100}\u{1161}\u{11A8}字",
            "字\u{3099}",
            "",
        ] {
            let mut out = String::new();
            push_nfkc(&mut out, s);
            assert_eq!(out, s.nfkc().collect::<String>(), "{s:?}");
        }
    }

    fn nfkc_string() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> =
            "かカがｶﾞﾟ\u{3099}\u{309A}゛漢字aeA \u{301}\u{30A}\u{327}１Ａ（）、。「」ー・\u{1100}\u{1161}\u{11A8}ﬁ①㌔\u{2F08}"
                .chars()
                .collect();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..16)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn piecewise_nfkc_matches_the_normalizer(s in nfkc_string()) {
            let mut out = String::new();
            push_nfkc(&mut out, &s);
            prop_assert_eq!(out, s.nfkc().collect::<String>());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn invariants_hold_on_generated_strings(s in tricky_string()) {
            let once = n(&s);
            prop_assert_eq!(n(&once), once.clone(), "normalize idempotence");
            let key = k(&s);
            prop_assert_eq!(k(&once), key.clone(), "key of normalized text");
            prop_assert_eq!(k(&key), key.clone(), "key idempotence");
            prop_assert_eq!(once.trim(), once.as_str(), "trimmed output");
            prop_assert!(!once.contains("  "), "collapsed spaces");
        }
    }
}
