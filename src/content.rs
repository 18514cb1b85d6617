//! Recognises what a piece of cell text is (progress, program, KPI …) from its wording.

use crate::text::lexicon::{is_bullet, ministry_tags, PLACEHOLDER_DASHES, PLACEHOLDER_WORDS};
use regex::Regex;
use std::sync::LazyLock;

static BUDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(予算|基金|交付金|補助金)[^。]{0,12}?\d+(\.\d+)?\s*(億|百万|千|万)?円|基金事業|当初予算|補正予算")
        .expect("budget regex")
});

static KPI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((R|H|令和|平成)?\s*\d{1,4}[^)]{0,20}\)|（(R|H|令和|平成)?\s*\d|→|\d+\s*(件|人|名|%|％|拠点|品目|施設|試験)|累積|平均")
        .expect("kpi regex")
});

static NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(事業|プログラム|交付金|基金|補助金|会議|制度|ガイドライン|調査研究|センター|計画|方針)\s*$")
        .expect("name regex")
});

/// What a cell's text reads like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// Nothing but bullet glyphs or dashes (`・ ・`, `-`): an empty entry.
    Placeholder,
    /// Bullets ending in a ministry tag: a progress report.
    Progress,
    /// Program names with a tag and a budget (`…事業【厚】(令和7年度当初予算9.3億円)`).
    Programs,
    /// Targets such as `(R10)`, `→`, `件`, `%`.
    Kpi,
    /// Plain text: a measure or a schedule entry.
    Other,
}

/// True for text made only of bullet glyphs, dashes and spaces.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && (t
            .chars()
            .all(|c| c.is_whitespace() || is_bullet(c) || PLACEHOLDER_DASHES.contains(&c))
            || PLACEHOLDER_WORDS.contains(&t))
}

/// Classifies a cell's text (markup already removed or not; tags are ignored).
pub fn kind_of(text: &str) -> ContentKind {
    let t = text.trim();
    if is_placeholder(t) {
        return ContentKind::Placeholder;
    }
    let tags: Vec<_> = ministry_tags(t).collect();
    if !tags.is_empty() {
        // Each tagged entry is a program when it reads as a name or carries a budget.
        let mut programs = 0usize;
        let mut start = 0usize;
        for m in &tags {
            let before = &t[start..m.start];
            let after: String = t[m.end..].chars().take(24).collect();
            let name_like = NAME_END.is_match(before) && before.chars().count() < 70;
            let budget_after =
                after.trim_start().starts_with(['(', '（']) && BUDGET.is_match(&after);
            if name_like || budget_after {
                programs += 1;
            }
            start = m.end;
        }
        return if programs * 2 > tags.len() {
            ContentKind::Programs
        } else {
            ContentKind::Progress
        };
    }
    if BUDGET.is_match(t) && (t.contains("事業") || t.contains("予算")) && t.chars().count() < 80
    {
        return ContentKind::Programs;
    }
    if KPI.is_match(t) {
        return ContentKind::Kpi;
    }
    ContentKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_ends_in_a_ministry_tag() {
        assert_eq!(
            kind_of("令和3年度補正予算、令和4年度補正予算で措置した基金事業を執行中【経】 医療系ベンチャー…を平成29年から毎年開催【厚】"),
            ContentKind::Progress
        );
    }

    #[test]
    fn programs_name_a_project_and_budget() {
        assert_eq!(
            kind_of("創薬ベンチャーエコシステム強化事業【経】 (基金事業) 創薬基盤強化支援事業【厚】 (令和7年度当初予算9.3億円)"),
            ContentKind::Programs
        );
        assert_eq!(
            kind_of("• 創薬力強化のための早期薬事相談・支援事業【厚】(令和7年度当初予算0.56億円)"),
            ContentKind::Programs
        );
        assert_eq!(
            kind_of("医療上の必要性の高い未承認薬・適応外薬検討会議【厚】"),
            ContentKind::Programs
        );
    }

    #[test]
    fn kpis_hold_targets() {
        assert_eq!(
            kind_of("整備した施設における国内FIH試験実施件数 10件 (R10) 0件 (R5)"),
            ContentKind::Kpi
        );
        assert_eq!(
            kind_of("デュアルユース設備を有する拠点 0拠点→16拠点 (R5→R10)"),
            ContentKind::Kpi
        );
    }

    #[test]
    fn placeholders_and_plain_text() {
        assert_eq!(kind_of("・ ・"), ContentKind::Placeholder);
        assert_eq!(kind_of("-"), ContentKind::Placeholder);
        assert_eq!(kind_of("予算要求・予算編成"), ContentKind::Other);
        assert_eq!(
            kind_of("官民協議会による外資系企業・外国資金の呼び込み"),
            ContentKind::Other
        );
    }
}
