//! Turns one dump field (plain text or `<ul>`/`<li>`/`<p>` fragments) into items.

use crate::text::fold::{AsciiForms, Fold};
use crate::text::lexicon::{char_ref_at, is_bullet, ministry_tags};
use crate::text::normalize::is_japanese;
use regex::Regex;
use std::sync::LazyLock;

/// Items of one field and whether the field was a bulleted list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The item strings, markup removed.
    pub items: Vec<String>,
    /// The field was a `<ul>`/`<li>` list.
    pub list: bool,
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<\s*(/?)\s*(ul|ol|li|p|br|div|span)\b[^<>]*?/?\s*>").expect("html tag regex")
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Bare,
    List,
    Paragraph,
    ListItem,
}

/// Splits a field into items; markup is removed, the text of each item is kept as printed.
pub fn parse_field(field: &str) -> Field {
    let mut items = Vec::new();
    let mut list = false;
    let mut in_list = false;
    let mut ctx = Ctx::Bare;
    let mut buf = String::new();
    let mut pos = 0;
    let flush = |buf: &mut String, ctx: Ctx, items: &mut Vec<String>| {
        match ctx {
            Ctx::List => items.extend(split_bullets(buf)),
            _ => {
                let t = buf.trim();
                if !t.is_empty() {
                    items.push(t.to_string());
                }
            }
        }
        buf.clear();
    };
    for m in TAG.captures_iter(field) {
        let whole = m.get(0).expect("match");
        buf.push_str(&field[pos..whole.start()]);
        pos = whole.end();
        let closing = !m[1].is_empty();
        let name = m[2].to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("ul" | "ol", false) => {
                flush(&mut buf, ctx, &mut items);
                list = true;
                in_list = true;
                ctx = Ctx::List;
            }
            ("ul" | "ol", true) => {
                flush(&mut buf, ctx, &mut items);
                in_list = false;
                ctx = Ctx::Bare;
            }
            ("li", false) => {
                flush(&mut buf, ctx, &mut items);
                list = true;
                ctx = Ctx::ListItem;
            }
            ("li", true) => {
                flush(&mut buf, ctx, &mut items);
                ctx = if in_list { Ctx::List } else { Ctx::Bare };
            }
            ("p", false) => {
                flush(&mut buf, ctx, &mut items);
                ctx = Ctx::Paragraph;
            }
            ("p", true) => {
                flush(&mut buf, ctx, &mut items);
                ctx = if in_list { Ctx::List } else { Ctx::Bare };
            }
            ("br", _) => buf.push('\n'),
            _ => buf.push(' '),
        }
    }
    buf.push_str(&field[pos..]);
    flush(&mut buf, ctx, &mut items);
    Field { items, list }
}

/// Full-width ASCII (Ａ, ２, （) read as the ASCII it stands for; other characters unchanged.
const ASCII_FORMS: Fold = Fold {
    ascii: AsciiForms::All,
    ..Fold::NONE
};

/// Characters that continue a sentence rather than start a bullet.
const PARTICLES: &str = "をにはがでとへものやか";

/// Splits the text of a `<ul>` whose bullets the converter ran together.
///
/// Boundaries: before a bullet glyph; after a ministry tag (with the budget
/// parentheses that follow it) or before it when the list puts tags first;
/// in lists without any tag (schedule lists), at a space between two
/// Japanese phrases.
pub fn split_bullets(text: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    // Bullet glyphs start items.
    for (i, c) in text.char_indices() {
        let after_space = text[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        // A bullet the converter wrote as a character reference (`&#8226;`) counts too.
        let bullet =
            is_bullet(c) || (c == '&' && char_ref_at(text, i).is_some_and(|(r, _)| is_bullet(r)));
        if bullet && after_space && i > 0 {
            cuts.push(i);
        }
    }
    let tags: Vec<_> = ministry_tags(text).collect();
    let tag_first = text.trim_start().starts_with('【');
    if tag_first {
        for m in &tags {
            if m.start > 0 && text[..m.start].ends_with(char::is_whitespace) {
                cuts.push(m.start);
            }
        }
    } else if !tags.is_empty() {
        for m in &tags {
            let end = skip_parens(text, m.end);
            let rest = &text[end..];
            let trimmed = rest.trim_start();
            let spaced = rest.len() != trimmed.len();
            if spaced
                && trimmed
                    .chars()
                    .next()
                    .is_some_and(|c| !"、。,，)）".contains(c))
            {
                cuts.push(end);
            }
        }
    } else {
        // A list without ministry tags: schedule steps separated by spaces.
        let chars: Vec<(usize, char)> = text
            .char_indices()
            .map(|(i, c)| (i, ASCII_FORMS.char(c)))
            .collect();
        for k in 1..chars.len() {
            if !chars[k].1.is_whitespace() || chars[k - 1].1.is_whitespace() {
                continue;
            }
            let left = chars[k - 1].1;
            let Some(&(ri, right)) = chars[k..].iter().find(|(_, c)| !c.is_whitespace()) else {
                continue;
            };
            let left_ok =
                (is_japanese(left) && !"、，,・:：".contains(left) && !PARTICLES.contains(left))
                    || ")）〕」".contains(left);
            let right_ok =
                (is_japanese(right) && !PARTICLES.contains(right) && !"、。)）".contains(right))
                    || right.is_ascii_alphanumeric()
                    || "「※".contains(right);
            let latin_run = left.is_ascii_alphanumeric();
            if left_ok && right_ok && !latin_run && ri > 0 {
                cuts.push(ri);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts.into_iter().chain(std::iter::once(text.len())) {
        let piece = text[start..c].trim();
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
        start = c;
    }
    out
}

/// Index after any parenthesised groups (nested, ASCII or full-width) that follow `from`.
fn skip_parens(text: &str, from: usize) -> usize {
    let mut end = from;
    loop {
        let rest = &text[end..];
        let lead = rest.len() - rest.trim_start().len();
        let mut depth = 0i32;
        let mut close = None;
        for (i, c) in rest[lead..].char_indices() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(end + lead + i + c.len_utf8());
                        break;
                    }
                }
                _ if depth == 0 => break,
                _ => {}
            }
        }
        match close {
            Some(c) => end = c,
            None => return end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(f: &str) -> Vec<String> {
        parse_field(f).items
    }

    #[test]
    fn plain_field_is_one_item_with_its_spaces() {
        let f = parse_field("令和8年度 薬価制度改革 の議論");
        assert_eq!(f.items, vec!["令和8年度 薬価制度改革 の議論"]);
        assert!(!f.list);
    }

    #[test]
    fn paragraphs_are_items() {
        assert_eq!(
            items("<p>予算要求・予算編成</p> <p>（電子カルテDB、情報連携基盤の構築に向けた調査設計事業の仕様書作成）</p>"),
            vec!["予算要求・予算編成", "（電子カルテDB、情報連携基盤の構築に向けた調査設計事業の仕様書作成）"]
        );
    }

    #[test]
    fn run_together_progress_bullets_split_after_tags() {
        let f = parse_field("<ul style=\"list-style-type: none\"> 令和3年度補正予算、令和4年度補正予算で措置した基金事業を執行中【経】 医療系ベンチャー・アカデミアと、製薬企業、VC等とのマッチングを促進する場として、ジャパン・ヘルスケアベンチャー・サミット (JHVS) を平成29年から毎年開催【厚】 基金事業を中心として取り組んでいるところ【文】 ");
        assert!(f.list);
        assert_eq!(f.items.len(), 3, "{:?}", f.items);
        assert!(f.items[1].contains("(JHVS) を平成29年"));
        assert!(f.items[2].ends_with("【文】"));
    }

    #[test]
    fn program_entries_keep_their_budget_parentheses() {
        assert_eq!(
            items("<ul style=\"list-style-type: none\"> 創薬ベンチャーエコシステム強化事業【経】 (基金事業) 創薬基盤強化支援事業【厚】 (令和7年度当初予算9.3億円) 橋渡し研究プログラム【文】 (基金事業)"),
            vec!["創薬ベンチャーエコシステム強化事業【経】 (基金事業)", "創薬基盤強化支援事業【厚】 (令和7年度当初予算9.3億円)", "橋渡し研究プログラム【文】 (基金事業)"]
        );
        assert_eq!(
            items("<ul> 医薬品安定供給支援補助金【厚】(後発医薬品産業構造改革支援事業)(令和6年度補正予算70億円(令和7年度)) 次の事業【厚】"),
            vec!["医薬品安定供給支援補助金【厚】(後発医薬品産業構造改革支援事業)(令和6年度補正予算70億円(令和7年度))", "次の事業【厚】"]
        );
    }

    #[test]
    fn a_comma_after_the_budget_continues_the_item() {
        assert_eq!(
            items("<ul> スマート・ライフ・プロジェクト 推進事業【厚】(令和7年度当初予算1.84億円)、健康増進総合支援システム事業【厚】(令和7年度当初予算0.1億円)"),
            vec!["スマート・ライフ・プロジェクト 推進事業【厚】(令和7年度当初予算1.84億円)、健康増進総合支援システム事業【厚】(令和7年度当初予算0.1億円)"]
        );
    }

    #[test]
    fn bullet_glyphs_start_items() {
        assert_eq!(
            items("<ul style=\"list-style-type: none\"> •PMDAの組織・人員体制の確立 •スタートアップ等に対する相談の実施"),
            vec!["•PMDAの組織・人員体制の確立", "•スタートアップ等に対する相談の実施"]
        );
    }

    #[test]
    fn untagged_schedule_lists_split_between_phrases() {
        assert_eq!(
            items("<ul> 予算要求・予算編成 (臨床研究総合促進事業) 研修プログラムの実施 キャリアトラックの在り方の検討 "),
            vec!["予算要求・予算編成 (臨床研究総合促進事業)", "研修プログラムの実施", "キャリアトラックの在り方の検討"]
        );
        assert_eq!(
            items("<ul> Single IRB原則化と周知 Single IRBの実施状況に関する数値目標の設定 "),
            vec![
                "Single IRB原則化と周知",
                "Single IRBの実施状況に関する数値目標の設定"
            ]
        );
        assert_eq!(
            items("<ul> ※1ペアリング: 連続的支援に向け支援される運用 マッチング: 次の補助等事業へと支援される運用"),
            vec!["※1ペアリング: 連続的支援に向け支援される運用", "マッチング: 次の補助等事業へと支援される運用"]
        );
    }

    #[test]
    fn lead_text_and_several_lists() {
        assert_eq!(
            items("保険外併用療養費制度 <ul style=\"list-style-type: none\"> 審議が開始。今後、先進医療会議で議論【厚】 民間保険 <ul style=\"list-style-type: none\"> 対話を随時進めて行く【厚】 "),
            vec!["保険外併用療養費制度", "審議が開始。今後、先進医療会議で議論【厚】", "民間保険", "対話を随時進めて行く【厚】"]
        );
    }

    #[test]
    fn tags_first_lists_split_before_tags() {
        assert_eq!(
            items("<ul> 【厚】審議を開始 【経】事業を実施"),
            vec!["【厚】審議を開始", "【経】事業を実施"]
        );
    }

    #[test]
    fn li_elements_are_items() {
        let f = parse_field("<ul><li>一つ目</li><li>二つ目【厚】</li></ul>");
        assert_eq!(f.items, vec!["一つ目", "二つ目【厚】"]);
        assert!(f.list);
    }
}
