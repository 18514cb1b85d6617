//! Column roles from header labels, and schedule phases with their periods.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

use crate::text::lexicon::{
    era_bare_letters, era_from_str, era_kanji_pattern, era_to_gregorian, header_label, HeaderLabel,
};

/// What a grid column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The measure (施策) column.
    Measure,
    /// A schedule phase (2024年夏, 2025年度 …).
    Phase,
    /// KPIs (成果指標).
    Kpi,
    /// Progress (進捗状況).
    Progress,
    /// Programs and budgets (該当事業).
    Programs,
    /// Anything else.
    Other,
}

impl Role {
    /// The role as written in the JSON (`measure`, `phase` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Measure => "measure",
            Role::Phase => "phase",
            Role::Kpi => "kpi",
            Role::Progress => "progress",
            Role::Programs => "programs",
            Role::Other => "other",
        }
    }

    /// Columns whose empty cells below a filled one are read as a merged cell.
    pub fn merges_down(self) -> bool {
        matches!(
            self,
            Role::Measure | Role::Kpi | Role::Progress | Role::Programs
        )
    }
}

/// A schedule phase: canonical label and its period as year-months (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Phase {
    /// Canonical label, typos and spacing fixed (`2024年年末` → `2024年末`).
    pub label: String,
    /// First month, `YYYY-MM`.
    pub from: String,
    /// Last month, `YYYY-MM`; null for an open end (`2029年度以降`).
    pub to: Option<String>,
}

/// Role of a header label; `first` tells whether the column is the grid's first one.
pub fn role_of_label(normalized: &str, first: bool) -> Role {
    let l: String = normalized.chars().filter(|c| !c.is_whitespace()).collect();
    if parse_phase(&l).is_some() {
        return Role::Phase;
    }
    match header_label(&l) {
        Some(HeaderLabel::Kpi) => Role::Kpi,
        Some(HeaderLabel::Progress) => Role::Progress,
        Some(HeaderLabel::Programs) => Role::Programs,
        Some(HeaderLabel::Measure) => Role::Measure,
        None if l.is_empty() && first => Role::Measure,
        None => Role::Other,
    }
}

fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// Rewrites Japanese era years (令和7年, 平成30年, R7年, 令和元年) as Western years, in
/// NFKC-normalized text (ASCII digits; a regex of ASCII digit classes compiles in a fifth of
/// the time of one with Unicode `\d`).
pub fn eras_to_western(s: &str) -> String {
    static ERA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"({}|[{}])(元|[0-9]{{1,2}})(年)",
            era_kanji_pattern(),
            era_bare_letters()
        ))
        .expect("era regex")
    });
    ERA.replace_all(s, |c: &regex::Captures| {
        let n: u32 = if &c[2] == "元" {
            1
        } else {
            c[2].parse().unwrap_or(0)
        };
        match era_from_str(&c[1]).and_then(|e| era_to_gregorian(e, n)) {
            Some(y) => format!("{y}{}", &c[3]),
            None => c[0].to_string(),
        }
    })
    .into_owned()
}

/// Parses a phase label (already NFKC-normalized) into a phase; None if it is no phase.
pub fn parse_phase(label: &str) -> Option<Phase> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{4})年?度?[-~〜～]([0-9]{4})年度$").expect("range regex")
    });
    static FY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{4})年度(末|上期|上半期|下期|下半期|以降|中)?$").expect("fy regex")
    });
    static CAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{4})年(年末|末|未|夏|春|秋|冬|以降|中)?$").expect("cal regex")
    });
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{4})年([0-9]{1,2})月(末|中|頃)?$").expect("month regex")
    });
    let l: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    // Every pattern starts with four ASCII digits, and era years become digits only from
    // digits or 元: a label with neither (施策, KPI, 進捗状況) is no phase.
    if !l.bytes().any(|b| b.is_ascii_digit()) && !l.contains('元') {
        return None;
    }
    let l = eras_to_western(&l);
    if let Some(c) = RANGE.captures(&l) {
        let (a, b): (i32, i32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if b < a {
            return None;
        }
        return Some(Phase {
            label: format!("{a}-{b}年度"),
            from: ym(a, 4),
            to: Some(ym(b + 1, 3)),
        });
    }
    if let Some(c) = FY.captures(&l) {
        let y: i32 = c[1].parse().ok()?;
        let suffix = c.get(2).map_or("", |m| m.as_str());
        let (from, to) = match suffix {
            "末" => (ym(y + 1, 3), Some(ym(y + 1, 3))),
            "上期" | "上半期" => (ym(y, 4), Some(ym(y, 9))),
            "下期" | "下半期" => (ym(y, 10), Some(ym(y + 1, 3))),
            "以降" => (ym(y, 4), None),
            _ => (ym(y, 4), Some(ym(y + 1, 3))),
        };
        return Some(Phase {
            label: format!("{y}年度{suffix}"),
            from,
            to,
        });
    }
    if let Some(c) = CAL.captures(&l) {
        let y: i32 = c[1].parse().ok()?;
        let suffix = c.get(2).map_or("", |m| m.as_str());
        let (canon, from, to) = match suffix {
            // 年年末 and 年未 are printed typos of 年末.
            "年末" | "末" | "未" => ("末", ym(y, 12), Some(ym(y, 12))),
            "夏" => ("夏", ym(y, 6), Some(ym(y, 8))),
            "春" => ("春", ym(y, 3), Some(ym(y, 5))),
            "秋" => ("秋", ym(y, 9), Some(ym(y, 11))),
            "冬" => ("冬", ym(y, 12), Some(ym(y + 1, 2))),
            "以降" => ("以降", ym(y, 1), None),
            _ => (suffix, ym(y, 1), Some(ym(y, 12))),
        };
        return Some(Phase {
            label: format!("{y}年{canon}"),
            from,
            to,
        });
    }
    if let Some(c) = MONTH.captures(&l) {
        let y: i32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let suffix = c.get(3).map_or("", |m| m.as_str());
        return Some(Phase {
            label: format!("{y}年{m}月{suffix}"),
            from: ym(y, m),
            to: Some(ym(y, m)),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(l: &str) -> (String, String, Option<String>) {
        let ph = parse_phase(l).unwrap_or_else(|| panic!("no phase in {l}"));
        (ph.label, ph.from, ph.to)
    }

    #[test]
    fn phases_of_the_2025_06_header() {
        assert_eq!(
            p("2024年夏"),
            ("2024年夏".into(), "2024-06".into(), Some("2024-08".into()))
        );
        assert_eq!(
            p("2024年末"),
            ("2024年末".into(), "2024-12".into(), Some("2024-12".into()))
        );
        assert_eq!(
            p("2024年度末"),
            (
                "2024年度末".into(),
                "2025-03".into(),
                Some("2025-03".into())
            )
        );
        assert_eq!(
            p("2025年度"),
            ("2025年度".into(), "2025-04".into(), Some("2026-03".into()))
        );
        assert_eq!(
            p("2026-2028年度"),
            (
                "2026-2028年度".into(),
                "2026-04".into(),
                Some("2029-03".into())
            )
        );
    }

    #[test]
    fn printed_variants_of_phase_labels() {
        assert_eq!(p("2024 年夏").0, "2024年夏");
        assert_eq!(p("2024年年末").0, "2024年末");
        assert_eq!(p("2024年未").0, "2024年末");
        assert_eq!(p("2026- 2028年度").0, "2026-2028年度");
        assert_eq!(p("2026～2028年度").1, "2026-04");
        assert_eq!(
            p("令和7年度"),
            ("2025年度".into(), "2025-04".into(), Some("2026-03".into()))
        );
        assert_eq!(p("2029年度以降").2, None);
        // An era's first year has no digit at all.
        assert_eq!(
            p("令和元年度"),
            ("2019年度".into(), "2019-04".into(), Some("2020-03".into()))
        );
        assert_eq!(
            p("2025年6月"),
            ("2025年6月".into(), "2025-06".into(), Some("2025-06".into()))
        );
    }

    #[test]
    fn labels_that_are_not_phases() {
        for l in [
            "KPI (成果指標)",
            "進捗状況※",
            "該当事業",
            "",
            "2024",
            "2028-2026年度",
            "2025年13月",
        ] {
            assert!(parse_phase(l).is_none(), "{l}");
        }
    }

    #[test]
    fn roles_by_what_labels_say() {
        assert_eq!(role_of_label("", true), Role::Measure);
        assert_eq!(role_of_label("", false), Role::Other);
        assert_eq!(role_of_label("2024年夏", true), Role::Phase);
        assert_eq!(role_of_label("KPI (成果指標)", false), Role::Kpi);
        assert_eq!(role_of_label("進捗状況※2", false), Role::Progress);
        assert_eq!(role_of_label("該当事業", false), Role::Programs);
        assert_eq!(role_of_label("施策", false), Role::Measure);
        assert_eq!(role_of_label("備考", false), Role::Other);
    }
}
