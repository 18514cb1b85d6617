//! Ministry tags such as 【厚】 or 【文】: the lookup table, and the tags of a text with their ministries.
//!
//! The syntax of a tag (brackets, length) is [`crate::text::lexicon`]'s.

use serde::{Deserialize, Serialize};

use crate::text::fold::{AsciiForms, Blanks, Fold};
use crate::text::lexicon::{ministry_tags, strip_tag_brackets};

/// A ministry (or agency) referenced by a short tag printed inside 【】.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ministry {
    /// The tag as printed inside 【】, e.g. "厚".
    pub tag: String,
    /// Short English code, e.g. "MHLW"; `None` for an unknown tag.
    pub code: Option<String>,
    /// English name, e.g. "Ministry of Health, Labour and Welfare".
    pub name_en: Option<String>,
    /// Japanese name, e.g. "厚生労働省".
    pub name_ja: Option<String>,
}

/// One table row: code, English name, Japanese name and every accepted tag spelling.
struct Entry {
    code: &'static str,
    en: &'static str,
    ja: &'static str,
    aliases: &'static [&'static str],
}

const TABLE: &[Entry] = &[
    Entry {
        code: "MHLW",
        en: "Ministry of Health, Labour and Welfare",
        ja: "厚生労働省",
        aliases: &["厚", "厚労", "厚労省", "厚生労働", "厚生労働省"],
    },
    Entry {
        code: "METI",
        en: "Ministry of Economy, Trade and Industry",
        ja: "経済産業省",
        aliases: &["経", "経産", "経産省", "経済産業", "経済産業省"],
    },
    Entry {
        code: "MEXT",
        en: "Ministry of Education, Culture, Sports, Science and Technology",
        ja: "文部科学省",
        aliases: &["文", "文科", "文科省", "文部科学", "文部科学省"],
    },
    Entry {
        code: "HHCP",
        en: "Headquarters for Healthcare Policy",
        ja: "健康・医療戦略推進本部",
        aliases: &["健", "健康・医療戦略推進本部", "健康医療戦略推進本部"],
    },
    Entry {
        code: "CAO",
        en: "Cabinet Office",
        ja: "内閣府",
        aliases: &["内", "内閣府"],
    },
    Entry {
        code: "CAS",
        en: "Cabinet Secretariat",
        ja: "内閣官房",
        aliases: &["内官", "官", "内閣官房"],
    },
    Entry {
        code: "MIC",
        en: "Ministry of Internal Affairs and Communications",
        ja: "総務省",
        aliases: &["総", "総務", "総務省"],
    },
    Entry {
        code: "MOF",
        en: "Ministry of Finance",
        ja: "財務省",
        aliases: &["財", "財務", "財務省"],
    },
    Entry {
        code: "MOFA",
        en: "Ministry of Foreign Affairs",
        ja: "外務省",
        aliases: &["外", "外務", "外務省"],
    },
    Entry {
        code: "MAFF",
        en: "Ministry of Agriculture, Forestry and Fisheries",
        ja: "農林水産省",
        aliases: &["農", "農水", "農水省", "農林水産", "農林水産省"],
    },
    Entry {
        code: "MLIT",
        en: "Ministry of Land, Infrastructure, Transport and Tourism",
        ja: "国土交通省",
        aliases: &["国", "国交", "国交省", "国土交通", "国土交通省"],
    },
    Entry {
        code: "MOE",
        en: "Ministry of the Environment",
        ja: "環境省",
        aliases: &["環", "環境", "環境省"],
    },
    Entry {
        code: "MOD",
        en: "Ministry of Defense",
        ja: "防衛省",
        aliases: &["防", "防衛", "防衛省"],
    },
    Entry {
        code: "MOJ",
        en: "Ministry of Justice",
        ja: "法務省",
        aliases: &["法", "法務", "法務省"],
    },
    Entry {
        code: "DA",
        en: "Digital Agency",
        ja: "デジタル庁",
        aliases: &["デ", "デジ", "デジタル", "デジタル庁"],
    },
    Entry {
        code: "CFA",
        en: "Children and Families Agency",
        ja: "こども家庭庁",
        aliases: &["こ", "こども", "こ家", "こども家庭庁"],
    },
    Entry {
        code: "CAA",
        en: "Consumer Affairs Agency",
        ja: "消費者庁",
        aliases: &["消", "消費者", "消費者庁"],
    },
    Entry {
        code: "FSA",
        en: "Financial Services Agency",
        ja: "金融庁",
        aliases: &["金", "金融", "金融庁"],
    },
    Entry {
        code: "JFTC",
        en: "Japan Fair Trade Commission",
        ja: "公正取引委員会",
        aliases: &["公取", "公取委", "公正取引委員会"],
    },
    Entry {
        code: "PPC",
        en: "Personal Information Protection Commission",
        ja: "個人情報保護委員会",
        aliases: &["個", "個情", "個情委", "個人情報保護委員会"],
    },
    Entry {
        code: "RA",
        en: "Reconstruction Agency",
        ja: "復興庁",
        aliases: &["復", "復興", "復興庁"],
    },
    Entry {
        code: "NPA",
        en: "National Police Agency",
        ja: "警察庁",
        aliases: &["警", "警察", "警察庁"],
    },
    Entry {
        code: "CSTI",
        en: "Council for Science, Technology and Innovation",
        ja: "総合科学技術・イノベーション会議",
        aliases: &["科技", "総合科学技術・イノベーション会議"],
    },
    // Less common agencies, accepted so that they are not reported as unknown.
    Entry {
        code: "IHA",
        en: "Imperial Household Agency",
        ja: "宮内庁",
        aliases: &["宮", "宮内", "宮内庁"],
    },
    Entry {
        code: "ACA",
        en: "Agency for Cultural Affairs",
        ja: "文化庁",
        aliases: &["文化", "文化庁"],
    },
    Entry {
        code: "JSA",
        en: "Japan Sports Agency",
        ja: "スポーツ庁",
        aliases: &["スポ", "スポーツ", "スポーツ庁"],
    },
    Entry {
        code: "JPO",
        en: "Japan Patent Office",
        ja: "特許庁",
        aliases: &["特許", "特許庁"],
    },
    Entry {
        code: "SMEA",
        en: "Small and Medium Enterprise Agency",
        ja: "中小企業庁",
        aliases: &["中小", "中企", "中小企業庁"],
    },
    Entry {
        code: "ANRE",
        en: "Agency for Natural Resources and Energy",
        ja: "資源エネルギー庁",
        aliases: &["資エ", "エネ", "資源エネルギー庁"],
    },
    Entry {
        code: "JTA",
        en: "Japan Tourism Agency",
        ja: "観光庁",
        aliases: &["観光", "観光庁"],
    },
    Entry {
        code: "JMA",
        en: "Japan Meteorological Agency",
        ja: "気象庁",
        aliases: &["気象", "気象庁"],
    },
    Entry {
        code: "NRA",
        en: "Nuclear Regulation Authority",
        ja: "原子力規制委員会",
        aliases: &["規制", "原規", "原子力規制委員会"],
    },
];

/// The folds tag spellings are looked up with: half-width ASCII and katakana, kanji for radicals.
const TAG_FOLD: Fold = Fold {
    ascii: AsciiForms::All,
    blanks: Blanks::Ideographic,
    half_kana: true,
    radicals: true,
    ..Fold::NONE
};

/// Looks up a tag (the text inside 【】, with or without the brackets; full-width/half-width tolerant).
pub fn ministry(tag: &str) -> Ministry {
    let printed = strip_tag_brackets(tag.trim()).trim().to_string();
    match lookup(&printed) {
        Some(e) => Ministry {
            tag: printed,
            code: Some(e.code.to_string()),
            name_en: Some(e.en.to_string()),
            name_ja: Some(e.ja.to_string()),
        },
        None => Ministry {
            tag: printed,
            code: None,
            name_en: None,
            name_ja: None,
        },
    }
}

/// All ministry tags 【X】 in a text, in order (X = 1..4 chars, no spaces; see
/// [`crate::text::lexicon::tag_at`]), with byte spans.
///
/// Each span covers the whole tag including both brackets, so `&text[s..e]` is e.g. "【厚】".
/// Unknown tags are reported too (with `code == None`); use [`is_known`] to filter them.
pub fn find_tags(text: &str) -> Vec<(usize, usize, Ministry)> {
    ministry_tags(text)
        .map(|t| (t.start, t.end, ministry(t.inner(text))))
        .collect()
}

/// True when the tag (with or without brackets) is in the ministry table.
pub fn is_known(tag: &str) -> bool {
    lookup(strip_tag_brackets(tag.trim()).trim()).is_some()
}

/// Finds the table entry for a tag spelling (width-folded), or by its English code.
fn lookup(tag: &str) -> Option<&'static Entry> {
    let folded = TAG_FOLD.string(tag);
    let key: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    if key.is_empty() {
        return None;
    }
    // Both middle-dot spellings are accepted in long names.
    let key = key.replace('･', "・");
    TABLE
        .iter()
        .find(|e| e.aliases.contains(&key.as_str()))
        .or_else(|| TABLE.iter().find(|e| e.code.eq_ignore_ascii_case(&key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_entry() {
        let expected: &[(&str, &str, &str, &str)] = &[
            (
                "厚",
                "MHLW",
                "Ministry of Health, Labour and Welfare",
                "厚生労働省",
            ),
            (
                "経",
                "METI",
                "Ministry of Economy, Trade and Industry",
                "経済産業省",
            ),
            (
                "文",
                "MEXT",
                "Ministry of Education, Culture, Sports, Science and Technology",
                "文部科学省",
            ),
            (
                "健",
                "HHCP",
                "Headquarters for Healthcare Policy",
                "健康・医療戦略推進本部",
            ),
            ("内", "CAO", "Cabinet Office", "内閣府"),
            ("内官", "CAS", "Cabinet Secretariat", "内閣官房"),
            ("官", "CAS", "Cabinet Secretariat", "内閣官房"),
            (
                "総",
                "MIC",
                "Ministry of Internal Affairs and Communications",
                "総務省",
            ),
            ("財", "MOF", "Ministry of Finance", "財務省"),
            ("外", "MOFA", "Ministry of Foreign Affairs", "外務省"),
            (
                "農",
                "MAFF",
                "Ministry of Agriculture, Forestry and Fisheries",
                "農林水産省",
            ),
            (
                "国",
                "MLIT",
                "Ministry of Land, Infrastructure, Transport and Tourism",
                "国土交通省",
            ),
            ("環", "MOE", "Ministry of the Environment", "環境省"),
            ("防", "MOD", "Ministry of Defense", "防衛省"),
            ("法", "MOJ", "Ministry of Justice", "法務省"),
            ("デ", "DA", "Digital Agency", "デジタル庁"),
            ("デジ", "DA", "Digital Agency", "デジタル庁"),
            ("こ", "CFA", "Children and Families Agency", "こども家庭庁"),
            (
                "こども",
                "CFA",
                "Children and Families Agency",
                "こども家庭庁",
            ),
            ("消", "CAA", "Consumer Affairs Agency", "消費者庁"),
            ("金", "FSA", "Financial Services Agency", "金融庁"),
            (
                "公取",
                "JFTC",
                "Japan Fair Trade Commission",
                "公正取引委員会",
            ),
            (
                "個",
                "PPC",
                "Personal Information Protection Commission",
                "個人情報保護委員会",
            ),
            ("復", "RA", "Reconstruction Agency", "復興庁"),
            ("警", "NPA", "National Police Agency", "警察庁"),
            (
                "科技",
                "CSTI",
                "Council for Science, Technology and Innovation",
                "総合科学技術・イノベーション会議",
            ),
        ];
        for &(tag, code, en, ja) in expected {
            let m = ministry(tag);
            assert_eq!(m.tag, tag);
            assert_eq!(m.code.as_deref(), Some(code), "{tag}");
            assert_eq!(m.name_en.as_deref(), Some(en), "{tag}");
            assert_eq!(m.name_ja.as_deref(), Some(ja), "{tag}");
            assert!(is_known(tag), "{tag}");
            // With brackets too.
            let bracketed = format!("【{tag}】");
            assert_eq!(ministry(&bracketed).code.as_deref(), Some(code));
            assert_eq!(ministry(&bracketed).tag, tag);
            assert!(is_known(&bracketed));
        }
    }

    #[test]
    fn unknown_tag() {
        let m = ministry("謎");
        assert_eq!(m.tag, "謎");
        assert_eq!(m.code, None);
        assert_eq!(m.name_en, None);
        assert_eq!(m.name_ja, None);
        assert!(!is_known("謎"));
        assert!(!is_known(""));
        assert!(!is_known("【】"));
        assert_eq!(ministry("").code, None);
    }

    #[test]
    fn find_two_tags() {
        let text = "調査を実施【厚】 会議を開催【経】";
        let tags = find_tags(text);
        assert_eq!(tags.len(), 2);
        assert_eq!(&text[tags[0].0..tags[0].1], "【厚】");
        assert_eq!(tags[0].2.code.as_deref(), Some("MHLW"));
        assert_eq!(&text[tags[1].0..tags[1].1], "【経】");
        assert_eq!(tags[1].2.code.as_deref(), Some("METI"));
    }

    #[test]
    fn find_tags_limits() {
        // Too long, containing spaces, unclosed or empty brackets are not tags.
        assert!(find_tags("【長すぎるタグ】").is_empty());
        assert!(find_tags("【厚 労】").is_empty());
        assert!(find_tags("【厚").is_empty());
        assert!(find_tags("【】").is_empty());
        assert!(find_tags("").is_empty());
        // Unknown tags are reported with no code; nested brackets recover.
        let t = find_tags("【【内官】と【謎】");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].2.code.as_deref(), Some("CAS"));
        assert_eq!(t[1].2.tag, "謎");
        assert_eq!(t[1].2.code, None);
        // Four characters is the maximum.
        assert_eq!(find_tags("【こども】【公取委】").len(), 2);
    }

    #[test]
    fn width_tolerance() {
        // Half-width katakana with a voiced mark.
        assert_eq!(ministry("ﾃﾞ").code.as_deref(), Some("DA"));
        assert_eq!(ministry("ﾃﾞｼﾞ").code.as_deref(), Some("DA"));
        assert_eq!(ministry("ﾃﾞ").tag, "ﾃﾞ");
        // Full-width latin code and half-width brackets.
        assert_eq!(ministry("ＭＨＬＷ").code.as_deref(), Some("MHLW"));
        assert_eq!(ministry("mext").code.as_deref(), Some("MEXT"));
        assert_eq!(ministry("[厚]").code.as_deref(), Some("MHLW"));
        assert_eq!(ministry("［経］").code.as_deref(), Some("METI"));
        assert_eq!(ministry("　【文】 ").code.as_deref(), Some("MEXT"));
        // Half-width middle dot in a long name.
        assert_eq!(
            ministry("健康･医療戦略推進本部").code.as_deref(),
            Some("HHCP")
        );
        let t = find_tags("事業【ﾃﾞｼﾞ】");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].2.code.as_deref(), Some("DA"));
    }
}
