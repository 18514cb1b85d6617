//! The roadmap's recurring marks, each defined once: list bullets, ministry tags 【厚】, Japanese eras, circled sheet numbers, header role labels, callouts and footnote markers.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::fold::{AsciiForms, Fold};

// ---------------------------------------------------------------------------
// Bullets

/// Glyphs that mark a list item when they open a line or an entry: the one bullet set of
/// normalization (strip_bullet, comparison keys), dump list splitting, PDF cell items,
/// program entries and placeholders.
///
/// Private-use glyphs (U+E000..=U+F8FF, symbol-font bullets such as Wingdings' ▪) count as
/// bullets too: see [`is_bullet`].
pub const BULLETS: &[char] = &[
    '•', '・', '･', // half-width katakana middle dot (NFKC turns it into ・)
    '●', '○', '◦', '▪', '■', '□', '◆', '◇', '▶', '►', '➢', '✓', '✔', '·', '‣', '⁃',
];

/// True for a list-bullet marker: one of [`BULLETS`] or a private-use glyph. ※ is not a bullet.
pub fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c) || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Dashes printed alone in a cell that has no entry (`-`, `－`, `―` …; ー too).
pub const PLACEHOLDER_DASHES: &[char] = &['-', '－', 'ー', '―', '–', '—', '‐'];

/// Bullets printed alone (with dashes, see [`PLACEHOLDER_DASHES`]) in a cell that has no entry.
pub const PLACEHOLDER_BULLETS: &[char] = &['・', '•', '●'];

/// Words written in a cell that has no entry.
pub const PLACEHOLDER_WORDS: &[&str] = &["なし", "該当なし", "該当事業なし"];

// ---------------------------------------------------------------------------
// Ministry tags

/// Maximum number of characters inside the brackets of a ministry tag.
pub const TAG_MAX_CHARS: usize = 4;

/// A ministry tag 【X】 found in a text: byte spans into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagSpan {
    /// Start of 【.
    pub start: usize,
    /// End of 】.
    pub end: usize,
}

impl TagSpan {
    /// The text inside the brackets, e.g. "厚".
    pub fn inner<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start + '【'.len_utf8()..self.end - '】'.len_utf8())
            .unwrap_or("")
    }
}

/// The ministry tag starting at byte `i` of `text`: 【, then 1..=[`TAG_MAX_CHARS`] characters
/// that are neither brackets nor whitespace, then 】.
pub fn tag_at(text: &str, i: usize) -> Option<TagSpan> {
    let rest = text.get(i..)?.strip_prefix('【')?;
    for (n, (j, c)) in rest.char_indices().enumerate() {
        if c == '】' {
            return (n > 0).then_some(TagSpan {
                start: i,
                end: i + '【'.len_utf8() + j + c.len_utf8(),
            });
        }
        if c == '【' || c.is_whitespace() || n == TAG_MAX_CHARS {
            return None;
        }
    }
    None
}

/// Every ministry tag of a text, in order and non-overlapping.
pub fn ministry_tags(text: &str) -> impl Iterator<Item = TagSpan> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = text.get(from..)?.find('【') {
            let i = from + k;
            if let Some(t) = tag_at(text, i) {
                from = t.end;
                return Some(t);
            }
            from = i + '【'.len_utf8();
        }
        from = text.len();
        None
    })
}

/// Characters joining several ministries inside one tag (【厚・文】).
pub const TAG_JOINERS: &[char] = &['・', '･', '、', ',', '，', '/', '／'];

/// Single characters inside 【】 that are editorial marks (【再】 re-listed, 【新】 new …),
/// not a ministry.
pub const EDITORIAL_TAG_MARKS: &str = "再新済拡続改例注参案済重要※";

/// Bracket pairs a ministry tag may be written with when it is looked up on its own.
pub const TAG_BRACKETS: &[(char, char)] = &[
    ('【', '】'),
    ('[', ']'),
    ('［', '］'),
    ('〔', '〕'),
    ('〖', '〗'),
];

/// Removes one pair of surrounding [`TAG_BRACKETS`] (or a lone one at either end) when present.
pub fn strip_tag_brackets(s: &str) -> &str {
    for &(open, close) in TAG_BRACKETS {
        if let Some(rest) = s.strip_prefix(open) {
            return rest.strip_suffix(close).unwrap_or(rest);
        }
        if let Some(rest) = s.strip_suffix(close) {
            return rest;
        }
    }
    s
}

// ---------------------------------------------------------------------------
// Eras

/// A Japanese era (gengō) of the modern calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Era {
    /// 明治 (M), 1868–1912.
    Meiji,
    /// 大正 (T), 1912–1926.
    Taisho,
    /// 昭和 (S), 1926–1989.
    Showa,
    /// 平成 (H), 1989–2019.
    Heisei,
    /// 令和 (R), since 2019.
    Reiwa,
}

/// One row of the era table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EraName {
    /// The era.
    pub era: Era,
    /// Its kanji name, e.g. "令和".
    pub kanji: &'static str,
    /// Its Latin letter, e.g. 'R'.
    pub letter: char,
    /// Gregorian year of era year 0 (令和 2018: 令和1 = 2019).
    pub offset: i32,
    /// The letter alone names a year without 年 (R7, H30); S/T/M need 年 (S60年).
    pub bare_letter: bool,
    /// First Gregorian year whose December 31 falls in the era.
    pub first_year: i32,
    /// First Gregorian year whose April 1 (fiscal year start) falls in the era.
    pub first_fiscal_year: i32,
}

/// The eras, newest first.
///
/// Era starts: 明治 1868 (by convention the whole year), 大正 1912-07-30, 昭和 1926-12-25,
/// 平成 1989-01-08, 令和 2019-05-01.
pub const ERAS: [EraName; 5] = [
    EraName {
        era: Era::Reiwa,
        kanji: "令和",
        letter: 'R',
        offset: 2018,
        bare_letter: true,
        first_year: 2019,
        first_fiscal_year: 2020,
    },
    EraName {
        era: Era::Heisei,
        kanji: "平成",
        letter: 'H',
        offset: 1988,
        bare_letter: true,
        first_year: 1989,
        first_fiscal_year: 1989,
    },
    EraName {
        era: Era::Showa,
        kanji: "昭和",
        letter: 'S',
        offset: 1925,
        bare_letter: false,
        first_year: 1926,
        first_fiscal_year: 1927,
    },
    EraName {
        era: Era::Taisho,
        kanji: "大正",
        letter: 'T',
        offset: 1911,
        bare_letter: false,
        first_year: 1912,
        first_fiscal_year: 1913,
    },
    EraName {
        era: Era::Meiji,
        kanji: "明治",
        letter: 'M',
        offset: 1867,
        bare_letter: false,
        first_year: 1868,
        first_fiscal_year: 1868,
    },
];

impl Era {
    /// The era's row of [`ERAS`].
    pub fn name(self) -> &'static EraName {
        ERAS.iter().find(|e| e.era == self).unwrap_or(&ERAS[0])
    }
}

/// The era whose kanji name starts `s`.
pub fn era_at(s: &str) -> Option<&'static EraName> {
    ERAS.iter().find(|e| s.starts_with(e.kanji))
}

/// The era whose kanji name is exactly `s`.
pub fn era_by_kanji(s: &str) -> Option<&'static EraName> {
    ERAS.iter().find(|e| e.kanji == s)
}

/// The era whose letter is `c` (ASCII only).
pub fn era_by_letter(c: char) -> Option<&'static EraName> {
    ERAS.iter().find(|e| e.letter == c)
}

/// Regex alternation of every era's kanji name: `令和|平成|昭和|大正|明治`.
pub fn era_kanji_pattern() -> String {
    ERAS.iter().map(|e| e.kanji).collect::<Vec<_>>().join("|")
}

/// Regex class body of the letters that name a year alone ([`EraName::bare_letter`]): `RH`.
pub fn era_bare_letters() -> String {
    ERAS.iter()
        .filter(|e| e.bare_letter)
        .map(|e| e.letter)
        .collect()
}

/// Gregorian year of an era year (令和1 = 2019, 平成1 = 1989, 昭和1 = 1926, 大正1 = 1912, 明治1 = 1868). None for year 0.
pub fn era_to_gregorian(era: Era, year: u32) -> Option<i32> {
    if year == 0 {
        return None;
    }
    let y = i32::try_from(year).ok()?;
    era.name().offset.checked_add(y)
}

/// The era name for a Gregorian year and its era year, using the era in force on April 1 of that year for fiscal years when `fiscal` is true (FY2019 = 平成31年度), else on December 31 (2019 = 令和元年).
pub fn gregorian_to_era(year: i32, fiscal: bool) -> Option<(Era, u32)> {
    ERAS.iter()
        .find(|e| {
            year >= if fiscal {
                e.first_fiscal_year
            } else {
                e.first_year
            }
        })
        .and_then(|e| u32::try_from(year - e.offset).ok().map(|n| (e.era, n)))
}

/// Kanji / letter of an era: 令和/R, 平成/H, 昭和/S, 大正/T, 明治/M (letters in either case and width).
pub fn era_from_str(s: &str) -> Option<Era> {
    const LETTER: Fold = Fold {
        ascii: AsciiForms::AlnumParens,
        ..Fold::NONE
    };
    let t = s.trim();
    ERAS.iter()
        .find(|e| {
            t == e.kanji
                || (t.chars().count() == 1
                    && t.chars().next().map(|c| LETTER.char(c)) == Some(e.letter))
                || (t.len() == 1 && t.eq_ignore_ascii_case(&e.letter.to_string()))
        })
        .map(|e| e.era)
}

// ---------------------------------------------------------------------------
// Circled sheet numbers

/// Regex class of the circled numbers a sheet heading ends with: ①..⑳, ㉑..㉟, ㊱..㊿.
pub const CIRCLED_NUMBER_CLASS: &str = "[①-⑳㉑-㉟㊱-㊿]";

/// The value of a circled number ① = 1 .. ⑳ = 20, ㉑ = 21 .. ㊿ = 50.
pub fn circled_number(c: char) -> Option<u32> {
    let cp = c as u32;
    match cp {
        0x2460..=0x2473 => Some(cp - 0x2460 + 1),
        0x3251..=0x325F => Some(cp - 0x3251 + 21),
        0x32B1..=0x32BF => Some(cp - 0x32B1 + 36),
        _ => None,
    }
}

/// The circled number of `n` (1 = ① .. 50 = ㊿); the inverse of [`circled_number`].
pub fn circled(n: u32) -> Option<char> {
    let cp = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return None,
    };
    char::from_u32(cp)
}

/// The number printed after a sheet heading: one circled number, or (full-width) digits
/// with optional parentheses. None for 0 or no number.
pub fn sheet_number(mark: &str) -> Option<u32> {
    let mut chars = mark.chars();
    let c = chars.next()?;
    let n = match circled_number(c) {
        Some(n) if chars.next().is_none() => n,
        _ => {
            const DIGITS: Fold = Fold {
                ascii: AsciiForms::AlnumParens,
                ..Fold::NONE
            };
            let digits: String = mark
                .chars()
                .map(|d| DIGITS.char(d))
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse().ok()?
        }
    };
    (n > 0).then_some(n)
}

/// A sheet heading line (各施策のスケジュール・工程表①, 工程表(13)): the sheet number.
pub fn heading_number(line: &str) -> Option<u32> {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\s*(各施策の\s*スケジュール\s*[・･]\s*工程表|工程表)\s*({CIRCLED_NUMBER_CLASS}|[(（]?[0-9０-９]{{1,2}}[)）]?)\s*$"
        ))
        .expect("heading regex")
    });
    let c = HEADING.captures(line)?;
    sheet_number(&c[2])
}

// ---------------------------------------------------------------------------
// Header role labels

/// What a grid header label names (besides schedule phases, which are dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderLabel {
    /// KPI / 成果指標 / 目標.
    Kpi,
    /// 進捗状況 / 実績.
    Progress,
    /// 該当事業 / 予算.
    Programs,
    /// 施策 / 項目 / 取組.
    Measure,
}

/// Words of header labels, by what they name; earlier rows win ("KPI (成果指標)" is a KPI
/// label, "事業の進捗" a progress label).
pub const HEADER_LABELS: &[(HeaderLabel, &[&str])] = &[
    (HeaderLabel::Kpi, &["KPI", "成果指標", "目標"]),
    (HeaderLabel::Progress, &["進捗", "実績"]),
    (HeaderLabel::Programs, &["事業", "予算"]),
    (HeaderLabel::Measure, &["施策", "項目", "取組", "取り組み"]),
];

/// What a header label (whitespace already removed) names, by the first row of
/// [`HEADER_LABELS`] with a word in it.
pub fn header_label(label: &str) -> Option<HeaderLabel> {
    HEADER_LABELS
        .iter()
        .find(|(_, words)| words.iter().any(|w| label.contains(w)))
        .map(|(kind, _)| *kind)
}

// ---------------------------------------------------------------------------
// Callouts and footnotes

/// Words of the small boxed callouts: 再掲 (re-listed), 新規 (new), 拡充 (expanded) …
pub const CALLOUT_WORDS: &[&str] = &["再掲", "新規", "拡充", "追加", "変更", "更新", "NEW", "New"];

/// A whole callout: one of [`CALLOUT_WORDS`], optionally after 一部 (partly) and in parentheses.
pub static CALLOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[(（]?(一部)?({})[)）]?$",
        CALLOUT_WORDS.join("|")
    ))
    .expect("callout regex")
});

/// A field that ends in a 再掲 marker after its text (`…施策 (再掲)`): the dump's converter put
/// the slide's 再掲 box into the cell it sat on. Group 1 is the text, group 2 the marker. Only
/// 再掲 is taken this way; the other [`CALLOUT_WORDS`] end ordinary sentences too.
pub static TRAILING_RELISTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)^(.*\S)\s+([(（]?再掲[)）]?)\s*$").expect("trailing callout regex")
});

/// The characters a callout can start with: an opening parenthesis, 一 (of 一部) and the
/// first character of each of [`CALLOUT_WORDS`], gathered once (the test runs on every glyph
/// of a page, and decoding each word's first character there was 1 % of a conversion).
static CALLOUT_STARTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut starts = vec!['(', '（', '一'];
    starts.extend(CALLOUT_WORDS.iter().filter_map(|w| w.chars().next()));
    starts.sort_unstable();
    starts.dedup();
    starts
});

/// True when a callout (see [`CALLOUT`]) can start with `c`: a cheap test before the
/// regex, for scanning every glyph of a page.
pub fn may_start_callout(c: char) -> bool {
    CALLOUT_STARTS.contains(&c)
}

/// True for a footnote line (※…, (注)…, *…).
pub fn is_footnote(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('※')
        || t.starts_with("(注")
        || t.starts_with("（注")
        || t.starts_with("注)")
        || t.starts_with("注）")
        || t.starts_with('*')
}

/// The HTML character reference starting at byte `i` of `s` (`&#8226;`, `&#x2022;`, `&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`): the character and the reference's length.
/// Text dumps carry them where the converter's encoding (CP932) has no character for a glyph.
pub fn char_ref_at(s: &str, i: usize) -> Option<(char, usize)> {
    let rest = s.get(i..)?.strip_prefix('&')?;
    // The `;` within a few bytes (a byte search: the text after it may be multi-byte).
    let end = rest.bytes().take(12).position(|b| b == b';')?;
    let body = &rest[..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok()?,
            None if !num.is_empty()
                && num.len() <= 7
                && num.bytes().all(|b| b.is_ascii_digit()) =>
            {
                num.parse().ok()?
            }
            _ => return None,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            _ => return None,
        }
    };
    Some((c, end + 2))
}

/// `s` with every HTML character reference (see [`char_ref_at`]) replaced by its character.
pub fn decode_char_refs(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match char_ref_at(s, i) {
            Some((c, len)) => {
                out.push(c);
                i += len;
            }
            None => {
                let c = s[i..].chars().next().expect("in bounds");
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            decode_char_refs("&#8226;項目&#x2022;B &amp; C&lt;D&gt;"),
            "•項目•B & C<D>"
        );
        assert_eq!(char_ref_at("x&#12354;y", 1), Some(('あ', 8)));
        // Multi-byte text right after a reference.
        assert_eq!(decode_char_refs("&#x2022;毎年開催"), "•毎年開催");
        // Not references: left as they are.
        assert_eq!(
            decode_char_refs("AT&T 1&2; &#; &#xZZ; &bogus; &#0;"),
            "AT&T 1&2; &#; &#xZZ; &bogus; &#0;"
        );
        assert_eq!(decode_char_refs("&#1114112;"), "&#1114112;");
    }

    #[test]
    fn bullet_subsets_are_bullets() {
        for c in "•・･●○◦▪■□◆◇▶►➢✓✔·‣⁃".chars() {
            assert!(is_bullet(c), "{c}");
        }
        assert!(is_bullet('\u{F0A7}'));
        assert!(!is_bullet('※') && !is_bullet('①') && !is_bullet('-'));
    }

    #[test]
    fn tags_are_short_bracketed_words() {
        let text = "調査を実施【厚】 会議【経・文】【長すぎるタグ】【厚 労】【】【【内官】【厚";
        let found: Vec<&str> = ministry_tags(text).map(|t| &text[t.start..t.end]).collect();
        assert_eq!(found, ["【厚】", "【経・文】", "【内官】"]);
        let t = tag_at(text, text.find('【').unwrap()).unwrap();
        assert_eq!(t.inner(text), "厚");
        assert_eq!(tag_at(text, 0), None);
        assert_eq!(ministry_tags("【こども】【公取委】").count(), 2);
        assert_eq!(ministry_tags("").count(), 0);
        assert_eq!(strip_tag_brackets("［経］"), "経");
        assert_eq!(strip_tag_brackets("厚】"), "厚");
    }

    #[test]
    fn era_table() {
        assert_eq!(era_to_gregorian(Era::Reiwa, 1), Some(2019));
        assert_eq!(era_to_gregorian(Era::Showa, 64), Some(1989));
        assert_eq!(era_to_gregorian(Era::Meiji, 0), None);
        assert_eq!(gregorian_to_era(2019, true), Some((Era::Heisei, 31)));
        assert_eq!(gregorian_to_era(2019, false), Some((Era::Reiwa, 1)));
        assert_eq!(gregorian_to_era(1926, true), Some((Era::Taisho, 15)));
        assert_eq!(gregorian_to_era(1800, false), None);
        assert_eq!(era_from_str("Ｓ"), Some(Era::Showa));
        assert_eq!(era_from_str("h"), Some(Era::Heisei));
        assert_eq!(era_from_str("昭和"), Some(Era::Showa));
        assert_eq!(era_kanji_pattern(), "令和|平成|昭和|大正|明治");
        assert_eq!(era_bare_letters(), "RH");
        assert_eq!(era_at("昭和60年").map(|e| e.offset), Some(1925));
    }

    #[test]
    fn circled_and_plain_sheet_numbers() {
        assert_eq!(sheet_number("①"), Some(1));
        assert_eq!(sheet_number("⑳"), Some(20));
        assert_eq!(sheet_number("㉑"), Some(21));
        assert_eq!(sheet_number("㊿"), Some(50));
        assert_eq!(sheet_number("（１３）"), Some(13));
        assert_eq!(sheet_number("0"), None);
        assert_eq!(circled_number('⑴'), None);
        for n in 0..=60 {
            assert_eq!(
                circled(n).and_then(circled_number),
                (1..=50).contains(&n).then_some(n)
            );
        }
        assert_eq!(heading_number("各施策のスケジュール・工程表①"), Some(1));
        assert_eq!(heading_number("工程表のフォローアップ"), None);
    }

    #[test]
    fn header_labels() {
        assert_eq!(header_label("KPI(成果指標)"), Some(HeaderLabel::Kpi));
        assert_eq!(header_label("進捗状況※2"), Some(HeaderLabel::Progress));
        assert_eq!(header_label("該当事業"), Some(HeaderLabel::Programs));
        assert_eq!(header_label("施策"), Some(HeaderLabel::Measure));
        assert_eq!(header_label("備考"), None);
    }

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
        assert!(!CALLOUT.is_match("再掲載"));
    }
}
