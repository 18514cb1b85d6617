//! Japanese era dates, Western dates and fiscal years (年度, April..March) found in roadmap text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::fold::{AsciiForms, Blanks, Fold, Folded};
use crate::text::lexicon::{era_at, era_by_letter, ERAS};
pub use crate::text::lexicon::{era_from_str, era_to_gregorian, gregorian_to_era, Era};

/// How precise a date mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A day (2025年6月30日).
    Day,
    /// A month (2025年6月, 6月末).
    Month,
    /// A calendar year (2025年).
    Year,
    /// A fiscal year, April to March (令和7年度).
    FiscalYear,
    /// The end of a fiscal year (2025年度末).
    FiscalYearEnd,
    /// A season (2025年夏).
    Season,
}

/// One date or period mentioned in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Exact slice of the input.
    pub raw: String,
    /// Byte offset of `raw` in the input.
    pub start: usize,
    /// Byte offset just past `raw` in the input.
    pub end: usize,
    /// How precise the mention is.
    pub precision: Precision,
    /// First day, ISO "YYYY-MM-DD".
    pub from: String,
    /// Last day, ISO "YYYY-MM-DD".
    pub to: String,
}

/// Inclusive span of fiscal years by Gregorian start year, e.g. R6-R10 → (2024, 2028); a single FY has first == last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FyRange {
    /// Gregorian start year of the first fiscal year.
    pub first: i32,
    /// Gregorian start year of the last fiscal year.
    pub last: i32,
}

/// Every date/period in a free text (progress bullets), in order, non-overlapping (longest match wins).
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let folded = fold(text);
    select(scan(folded.as_str()))
        .into_iter()
        .filter_map(|c| {
            let (start, end) = folded.source_span(c.start, c.end)?;
            let raw = text.get(start..end)?.to_string();
            Some(DateMention {
                raw,
                start,
                end,
                precision: c.precision,
                from: iso(c.from),
                to: iso(c.to),
            })
        })
        .collect()
}

/// A fiscal-year token as KPIs write it: "R10", "(R10)", "H30", "令和10年度", "2024年度", "2024-2028年度", "R6-R10", "R7～R10", "2026～2028年度", "R10～" (open end: last = first). None if the text is not such a token (surrounding spaces/parentheses allowed; a trailing 累積/平均/までに/末 allowed and ignored).
pub fn parse_fy(token: &str) -> Option<FyRange> {
    let folded = fold(token);
    let mut t: &str = folded.as_str();
    // Peel surrounding whitespace, parentheses, trailing qualifiers and open-ended separators.
    loop {
        let before = t.len();
        t = t.trim_matches(|c: char| c.is_whitespace());
        if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
            t = inner;
        }
        for suffix in ["累積", "平均", "までに", "まで", "末", "~", "-"] {
            if let Some(x) = t.strip_suffix(suffix) {
                t = x;
            }
        }
        if t.len() == before {
            break;
        }
    }
    if t.is_empty() {
        return None;
    }
    let c = cand_at(t, 0)?;
    if c.end != t.len() {
        return None;
    }
    c.fy.map(|(first, last)| FyRange { first, last })
}

/// FY start year of an era/Western 年度 expression like 令和7年度 → 2025, R7年度 → 2025, 令和元年度 → 2019, 2025年度 → 2025.
pub fn fiscal_year_of(text: &str) -> Option<i32> {
    let folded = fold(text);
    select(scan(folded.as_str()))
        .into_iter()
        .find(|c| c.explicit_nendo)
        .and_then(|c| c.fy.map(|(first, _)| first))
}

// ---------------------------------------------------------------------------
// Folding: full-width → ASCII, spaces inside date expressions removed, with a
// byte map back to the original string.

/// The folds dates are read with.
const DATE_FOLD: Fold = Fold {
    ascii: AsciiForms::AlnumParens,
    blanks: Blanks::All,
    dashes: true,
    tildes: Some('~'),
    radicals: true,
    ..Fold::NONE
};

/// The text folded for the scanner, spaces inside date expressions removed.
fn fold(text: &str) -> Folded {
    Folded::new(text, DATE_FOLD).drop_spaces(inside_date)
}

/// Whether a space run between the kept folded text `out` and the folded character `next` is inside a date expression.
fn inside_date(out: &str, next: char) -> bool {
    let Some(prev) = out.chars().next_back() else {
        return false;
    };
    (prev.is_ascii_digit() && matches!(next, '年' | '月' | '日' | '度'))
        || (prev == '年' && next == '度')
        || (matches!(prev, '年' | '月') && next.is_ascii_digit())
        || (ERAS.iter().any(|e| out.ends_with(e.kanji)) && (next.is_ascii_digit() || next == '元'))
}

// ---------------------------------------------------------------------------
// Calendar helpers.

type Ymd = (i32, u32, u32);

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------
// Scanner over the folded text.

#[derive(Debug, Clone, Copy)]
struct Cand {
    start: usize,
    end: usize,
    precision: Precision,
    from: Ymd,
    to: Ymd,
    /// Fiscal years covered (first, last) when this is a fiscal-year mention.
    fy: Option<(i32, i32)>,
    /// The mention spelled 年度 explicitly (not a bare R/H token).
    explicit_nendo: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Kanji(Era),
    Letter(Era),
    Western,
}

#[derive(Debug, Clone, Copy)]
struct YearTok {
    year: i32,
    /// End of the token: after 年 when `nen`, else after the number.
    end: usize,
    nen: bool,
    kind: Kind,
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

fn next_char(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

fn starts(s: &str, i: usize, pat: &str) -> bool {
    s.get(i..).is_some_and(|r| r.starts_with(pat))
}

/// 1..=max ASCII digits at `i`, not followed by a further digit.
fn digits_at(s: &str, i: usize, max: usize) -> Option<(u32, usize)> {
    let b = s.as_bytes();
    let n = b
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 0 || n > max {
        return None;
    }
    let v = s.get(i..i + n)?.parse().ok()?;
    Some((v, i + n))
}

/// Era year number: 元 or one/two digits, never 0.
fn era_num(s: &str, i: usize) -> Option<(u32, usize)> {
    if starts(s, i, "元") {
        return Some((1, i + '元'.len_utf8()));
    }
    digits_at(s, i, 2).filter(|(n, _)| *n > 0)
}

fn with_nen(s: &str, j: usize) -> (bool, usize) {
    if starts(s, j, "年") {
        (true, j + '年'.len_utf8())
    } else {
        (false, j)
    }
}

fn year_tok(s: &str, i: usize) -> Option<YearTok> {
    if let Some(e) = s.get(i..).and_then(era_at) {
        let (n, j) = era_num(s, i + e.kanji.len())?;
        let (nen, end) = with_nen(s, j);
        return Some(YearTok {
            year: e.offset + n as i32,
            end,
            nen,
            kind: Kind::Kanji(e.era),
        });
    }
    let c = next_char(s, i)?;
    if let Some(e) = era_by_letter(c) {
        let (era, off) = (e.era, e.offset);
        if prev_char(s, i).is_some_and(|p| p.is_ascii_alphanumeric() || p == '&' || p == '_') {
            return None;
        }
        let (n, j) = era_num(s, i + 1)?;
        if next_char(s, j).is_some_and(|p| p.is_ascii_alphabetic() || p == '&' || p == '_') {
            return None;
        }
        let (nen, end) = with_nen(s, j);
        if !nen && !e.bare_letter {
            return None;
        }
        return Some(YearTok {
            year: off + n as i32,
            end,
            nen,
            kind: Kind::Letter(era),
        });
    }
    if c.is_ascii_digit() {
        if prev_char(s, i).is_some_and(|p| p.is_ascii_digit()) {
            return None;
        }
        let (y, j) = digits_at(s, i, 4)?;
        if j - i != 4 || !(1868..=2199).contains(&y) {
            return None;
        }
        let (nen, end) = with_nen(s, j);
        return Some(YearTok {
            year: y as i32,
            end,
            nen,
            kind: Kind::Western,
        });
    }
    None
}

/// A range separator (with optional spaces around it); returns the position after it.
fn sep_at(s: &str, i: usize) -> Option<usize> {
    let skip = |mut j: usize| {
        while starts(s, j, " ") {
            j += 1;
        }
        j
    };
    let j = skip(i);
    if starts(s, j, "-") || starts(s, j, "~") {
        Some(skip(j + 1))
    } else {
        None
    }
}

fn fy_cand(start: usize, end: usize, first: i32, last: i32, explicit: bool) -> Cand {
    Cand {
        start,
        end,
        precision: Precision::FiscalYear,
        from: (first, 4, 1),
        to: (last + 1, 3, 31),
        fy: Some((first, last)),
        explicit_nendo: explicit,
    }
}

/// `A sep B` fiscal-year range; `k` is the position right after A (and its 年度 if any).
fn range_tail(s: &str, start: usize, a: &YearTok, a_nendo: bool, k: usize) -> Option<Cand> {
    let j = sep_at(s, k)?;
    let (b_year, b_end, b_nen, b_kind) = match year_tok(s, j) {
        Some(b) => (b.year, b.end, b.nen, b.kind),
        None => {
            // "令和7～10年度": second year in the era of the first.
            let era = match a.kind {
                Kind::Kanji(e) | Kind::Letter(e) => e,
                Kind::Western => return None,
            };
            let (n, e) = era_num(s, j)?;
            let (nen, e) = with_nen(s, e);
            if !nen {
                return None;
            }
            (era.name().offset + n as i32, e, true, Kind::Kanji(era))
        }
    };
    let mut end = b_end;
    let explicit = if b_nen {
        if !starts(s, end, "度") {
            return None;
        }
        end += '度'.len_utf8();
        if starts(s, end, "末") {
            end += '末'.len_utf8();
        }
        true
    } else {
        // A bare B token is only fiscal when it is an R/H letter and A is not a bare Western year.
        if !matches!(b_kind, Kind::Letter(_)) || (a.kind == Kind::Western && !a_nendo) {
            return None;
        }
        a_nendo
    };
    if b_year < a.year || b_year - a.year > 100 {
        return None;
    }
    Some(fy_cand(start, end, a.year, b_year, explicit))
}

/// The longest date expression starting at byte `i` of the folded text.
fn cand_at(s: &str, i: usize) -> Option<Cand> {
    let a = year_tok(s, i)?;
    let y = a.year;
    if !a.nen {
        if let Some(r) = range_tail(s, i, &a, false, a.end) {
            return Some(r);
        }
        return match a.kind {
            Kind::Letter(_) => Some(fy_cand(i, a.end, y, y, false)),
            _ => None,
        };
    }
    let j = a.end;
    let mk = |end: usize, precision: Precision, from: Ymd, to: Ymd| Cand {
        start: i,
        end,
        precision,
        from,
        to,
        fy: None,
        explicit_nendo: false,
    };
    if starts(s, j, "度") {
        let k = j + '度'.len_utf8();
        if let Some(r) = range_tail(s, i, &a, true, k) {
            return Some(r);
        }
        if starts(s, k, "末") {
            let mut c = mk(
                k + '末'.len_utf8(),
                Precision::FiscalYearEnd,
                (y + 1, 3, 31),
                (y + 1, 3, 31),
            );
            c.fy = Some((y, y));
            c.explicit_nendo = true;
            return Some(c);
        }
        return Some(fy_cand(i, k, y, y, true));
    }
    if let Some((m, k)) = digits_at(s, j, 2) {
        if (1..=12).contains(&m) && starts(s, k, "月") {
            let k2 = k + '月'.len_utf8();
            if let Some((d, k3)) = digits_at(s, k2, 2) {
                if d >= 1 && d <= days_in_month(y, m) && starts(s, k3, "日") {
                    return Some(mk(
                        k3 + '日'.len_utf8(),
                        Precision::Day,
                        (y, m, d),
                        (y, m, d),
                    ));
                }
            }
            return Some(mk(
                k2,
                Precision::Month,
                (y, m, 1),
                (y, m, days_in_month(y, m)),
            ));
        }
    }
    // "2024年年末" is the same as "2024年末".
    if starts(s, j, "年末") {
        return Some(mk(j + 6, Precision::Month, (y, 12, 1), (y, 12, 31)));
    }
    match next_char(s, j) {
        Some('末') => Some(mk(j + 3, Precision::Month, (y, 12, 1), (y, 12, 31))),
        Some('春') => Some(mk(j + 3, Precision::Season, (y, 3, 1), (y, 5, 31))),
        Some('夏') => Some(mk(j + 3, Precision::Season, (y, 6, 1), (y, 8, 31))),
        Some('秋') => Some(mk(j + 3, Precision::Season, (y, 9, 1), (y, 11, 30))),
        Some('冬') => Some(mk(
            j + 3,
            Precision::Season,
            (y, 12, 1),
            (y + 1, 2, days_in_month(y + 1, 2)),
        )),
        Some('版' | '代' | '間') => None,
        _ => Some(mk(j, Precision::Year, (y, 1, 1), (y, 12, 31))),
    }
}

fn scan(s: &str) -> Vec<Cand> {
    s.char_indices()
        .filter_map(|(i, _)| cand_at(s, i))
        .collect()
}

/// Longest candidates first, dropping any that overlap an accepted one; result in text order.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: BTreeMap<usize, Cand> = BTreeMap::new();
    for c in cands {
        let overlaps = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, t)| t.end > c.start);
        if !overlaps {
            taken.insert(c.start, c);
        }
    }
    taken.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(text: &str) -> DateMention {
        let v = find_dates(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    fn check(text: &str, raw: &str, p: Precision, from: &str, to: &str) {
        let m = one(text);
        assert_eq!(
            (m.raw.as_str(), m.precision, m.from.as_str(), m.to.as_str()),
            (raw, p, from, to),
            "{text}"
        );
        assert_eq!(&text[m.start..m.end], m.raw);
    }

    #[test]
    fn era_conversion() {
        assert_eq!(era_to_gregorian(Era::Reiwa, 1), Some(2019));
        assert_eq!(era_to_gregorian(Era::Heisei, 1), Some(1989));
        assert_eq!(era_to_gregorian(Era::Showa, 1), Some(1926));
        assert_eq!(era_to_gregorian(Era::Taisho, 1), Some(1912));
        assert_eq!(era_to_gregorian(Era::Meiji, 1), Some(1868));
        assert_eq!(era_to_gregorian(Era::Reiwa, 0), None);
        assert_eq!(era_to_gregorian(Era::Reiwa, u32::MAX), None);
        assert_eq!(gregorian_to_era(2019, true), Some((Era::Heisei, 31)));
        assert_eq!(gregorian_to_era(2019, false), Some((Era::Reiwa, 1)));
        assert_eq!(gregorian_to_era(2025, true), Some((Era::Reiwa, 7)));
        assert_eq!(gregorian_to_era(1989, false), Some((Era::Heisei, 1)));
        assert_eq!(gregorian_to_era(1926, true), Some((Era::Taisho, 15)));
        assert_eq!(gregorian_to_era(1800, false), None);
        assert_eq!(era_from_str("令和"), Some(Era::Reiwa));
        assert_eq!(era_from_str("H"), Some(Era::Heisei));
        assert_eq!(era_from_str("Ｓ"), Some(Era::Showa));
        assert_eq!(era_from_str("大正"), Some(Era::Taisho));
        assert_eq!(era_from_str("M"), Some(Era::Meiji));
        assert_eq!(era_from_str("X"), None);
        assert_eq!(era_from_str(""), None);
    }

    #[test]
    fn days_and_months() {
        use Precision::*;
        check(
            "令和7年6月26日",
            "令和7年6月26日",
            Day,
            "2025-06-26",
            "2025-06-26",
        );
        check(
            "R7年6月26日",
            "R7年6月26日",
            Day,
            "2025-06-26",
            "2025-06-26",
        );
        check(
            "2025年6月26日",
            "2025年6月26日",
            Day,
            "2025-06-26",
            "2025-06-26",
        );
        check(
            "令和7年2月30日",
            "令和7年2月",
            Month,
            "2025-02-01",
            "2025-02-28",
        );
        check(
            "令和7年2月",
            "令和7年2月",
            Month,
            "2025-02-01",
            "2025-02-28",
        );
        check(
            "令和6年2月",
            "令和6年2月",
            Month,
            "2024-02-01",
            "2024-02-29",
        );
        check(
            "平成31年4月",
            "平成31年4月",
            Month,
            "2019-04-01",
            "2019-04-30",
        );
        check(
            "令和元年5月1日",
            "令和元年5月1日",
            Day,
            "2019-05-01",
            "2019-05-01",
        );
        check("平成32年", "平成32年", Year, "2020-01-01", "2020-12-31");
        assert!(find_dates("令和0年").is_empty());
        assert!(find_dates("R0").is_empty());
    }

    #[test]
    fn fiscal_years() {
        use Precision::*;
        check(
            "令和6年度",
            "令和6年度",
            FiscalYear,
            "2024-04-01",
            "2025-03-31",
        );
        check("R6年度", "R6年度", FiscalYear, "2024-04-01", "2025-03-31");
        check(
            "2024年度",
            "2024年度",
            FiscalYear,
            "2024-04-01",
            "2025-03-31",
        );
        check(
            "令和元年度",
            "令和元年度",
            FiscalYear,
            "2019-04-01",
            "2020-03-31",
        );
        check(
            "令和10年度末",
            "令和10年度末",
            FiscalYearEnd,
            "2029-03-31",
            "2029-03-31",
        );
        check(
            "2024年度末",
            "2024年度末",
            FiscalYearEnd,
            "2025-03-31",
            "2025-03-31",
        );
        check("令和8年末", "令和8年末", Month, "2026-12-01", "2026-12-31");
        check("2024年末", "2024年末", Month, "2024-12-01", "2024-12-31");
        check(
            "2024年年末",
            "2024年年末",
            Month,
            "2024-12-01",
            "2024-12-31",
        );
        check("2024年夏", "2024年夏", Season, "2024-06-01", "2024-08-31");
        check("2024年春", "2024年春", Season, "2024-03-01", "2024-05-31");
        check("2024年秋", "2024年秋", Season, "2024-09-01", "2024-11-30");
        check("2023年冬", "2023年冬", Season, "2023-12-01", "2024-02-29");
        check("令和5年", "令和5年", Year, "2023-01-01", "2023-12-31");
        check("2024年に", "2024年", Year, "2024-01-01", "2024-12-31");
    }

    #[test]
    fn ranges() {
        use Precision::*;
        check(
            "2024-2028年度",
            "2024-2028年度",
            FiscalYear,
            "2024-04-01",
            "2029-03-31",
        );
        check("R6-R10", "R6-R10", FiscalYear, "2024-04-01", "2029-03-31");
        check(
            "2026～2028年度",
            "2026～2028年度",
            FiscalYear,
            "2026-04-01",
            "2029-03-31",
        );
        check(
            "令和7年度～令和10年度",
            "令和7年度～令和10年度",
            FiscalYear,
            "2025-04-01",
            "2029-03-31",
        );
        check(
            "令和7～10年度",
            "令和7～10年度",
            FiscalYear,
            "2025-04-01",
            "2029-03-31",
        );
        check(
            "(R元～R3平均)",
            "R元～R3",
            FiscalYear,
            "2019-04-01",
            "2022-03-31",
        );
        check(
            "(R7～R10)",
            "R7～R10",
            FiscalYear,
            "2025-04-01",
            "2029-03-31",
        );
        check("(H30-R5)", "H30-R5", FiscalYear, "2018-04-01", "2024-03-31");
        let v = find_dates("(R5→R10)");
        assert_eq!(
            v.iter().map(|m| m.raw.as_str()).collect::<Vec<_>>(),
            ["R5", "R10"]
        );
        assert!(v.iter().all(|m| m.precision == FiscalYear));
        assert_eq!(v[1].from, "2028-04-01");
        let v = find_dates("(2021-2023年度平均→2026～2028年度平均)");
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].from.as_str(), v[0].to.as_str()),
            ("2021-04-01", "2024-03-31")
        );
        assert_eq!(
            (v[1].from.as_str(), v[1].to.as_str()),
            ("2026-04-01", "2029-03-31")
        );
        // A range going backwards is two mentions.
        assert_eq!(find_dates("R10-R5").len(), 2);
    }

    #[test]
    fn non_dates() {
        for t in [
            "FIH",
            "IRB",
            "R&D",
            "FIH試験 IRB運用 R&D",
            "2024 BIO International Convention",
            "2025年版",
            "同年9月以降",
            "1990年代",
            "H2O",
            "R123",
            "12024年",
        ] {
            assert!(find_dates(t).is_empty(), "{t}: {:?}", find_dates(t));
        }
        // A bare Western range without 年度 is nothing.
        assert!(find_dates("2024-2028").is_empty());
        // S/T/M bare letters are not eras.
        assert!(find_dates("S5 T10 M3").is_empty());
    }

    #[test]
    fn raw_folding() {
        let t = "実績（２０２５年度） と 2024 年度";
        let v = find_dates(t);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].raw, "２０２５年度");
        assert_eq!(v[0].from, "2025-04-01");
        assert_eq!(v[1].raw, "2024 年度");
        assert_eq!(&t[v[1].start..v[1].end], "2024 年度");
        let m = one("令和　７年　６月２６日");
        assert_eq!(m.raw, "令和　７年　６月２６日");
        assert_eq!(m.precision, Precision::Day);
        assert_eq!(m.from, "2025-06-26");
        let m = one("（Ｒ７～Ｒ１０）");
        assert_eq!(m.raw, "Ｒ７～Ｒ１０");
        assert_eq!(m.to, "2029-03-31");
    }

    #[test]
    fn corpus_strings() {
        use Precision::*;
        let t = "令和7年6月26日に第1回「創薬力向上のための官民協議会」を開催し、…同年9月以降は…予定【厚】";
        let v = find_dates(t);
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].raw.as_str(), v[0].precision, v[0].from.as_str()),
            ("令和7年6月26日", Day, "2025-06-26")
        );
        let v = find_dates("令和3年度補正予算、令和4年度補正予算で措置した基金事業を執行中【経】");
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].raw.as_str(), v[0].from.as_str()),
            ("令和3年度", "2021-04-01")
        );
        assert_eq!(
            (v[1].raw.as_str(), v[1].to.as_str()),
            ("令和4年度", "2023-03-31")
        );
        check(
            "…を令和6年8月から実施【経】",
            "令和6年8月",
            Month,
            "2024-08-01",
            "2024-08-31",
        );
        check(
            "関連通知発出 (令和5年12月25日)",
            "令和5年12月25日",
            Day,
            "2023-12-25",
            "2023-12-25",
        );
        check(
            "英語での承認申請資料提出を試行的に実施(令和6年9月6日事務連絡発出)【厚】",
            "令和6年9月6日",
            Day,
            "2024-09-06",
            "2024-09-06",
        );
        check(
            "令和10年度末までに多様なワクチンを国内生産できる体制構築を進める【経】",
            "令和10年度末",
            FiscalYearEnd,
            "2029-03-31",
            "2029-03-31",
        );
        check(
            "希少疾病用医薬品の指定件数: 86件 (2024年度)",
            "2024年度",
            FiscalYear,
            "2024-04-01",
            "2025-03-31",
        );
        check(
            "R7年6月26日に第1回",
            "R7年6月26日",
            Day,
            "2025-06-26",
            "2025-06-26",
        );
        check(
            "IRB運用実績 (R7までに目標設定)",
            "R7",
            FiscalYear,
            "2025-04-01",
            "2026-03-31",
        );
    }

    #[test]
    fn parse_fy_tokens() {
        let r = |a, b| Some(FyRange { first: a, last: b });
        assert_eq!(parse_fy("R10"), r(2028, 2028));
        assert_eq!(parse_fy("(R10)"), r(2028, 2028));
        assert_eq!(parse_fy(" （R10） "), r(2028, 2028));
        assert_eq!(parse_fy("H30"), r(2018, 2018));
        assert_eq!(parse_fy("R6-R10"), r(2024, 2028));
        assert_eq!(parse_fy("R7～R10"), r(2025, 2028));
        assert_eq!(parse_fy("2024-2028年度累積"), r(2024, 2028));
        assert_eq!(parse_fy("2021-2023年度平均"), r(2021, 2023));
        assert_eq!(parse_fy("2026～2028年度平均"), r(2026, 2028));
        assert_eq!(parse_fy("R10～"), r(2028, 2028));
        assert_eq!(parse_fy("R7までに"), r(2025, 2025));
        assert_eq!(parse_fy("令和10年度"), r(2028, 2028));
        assert_eq!(parse_fy("令和10年度末"), r(2028, 2028));
        assert_eq!(parse_fy("2024年度"), r(2024, 2024));
        assert_eq!(parse_fy("R元"), r(2019, 2019));
        assert_eq!(parse_fy("foo"), None);
        assert_eq!(parse_fy(""), None);
        assert_eq!(parse_fy("()"), None);
        assert_eq!(parse_fy("2024年"), None);
        assert_eq!(parse_fy("R10 目標"), None);
        assert_eq!(parse_fy("R7年6月26日"), None);
    }

    #[test]
    fn fiscal_year_of_examples() {
        assert_eq!(fiscal_year_of("令和7年度"), Some(2025));
        assert_eq!(fiscal_year_of("R7年度"), Some(2025));
        assert_eq!(fiscal_year_of("令和元年度"), Some(2019));
        assert_eq!(fiscal_year_of("2025年度"), Some(2025));
        assert_eq!(fiscal_year_of("２０２５ 年度の計画"), Some(2025));
        assert_eq!(fiscal_year_of("令和7年6月"), None);
        assert_eq!(fiscal_year_of("R7"), None);
        assert_eq!(fiscal_year_of(""), None);
    }

    #[test]
    fn serde_names() {
        let m = one("令和10年度末");
        let j = serde_json::to_string(&m).unwrap();
        assert!(j.contains("\"precision\":\"fiscal_year_end\""), "{j}");
        assert_eq!(serde_json::to_string(&Era::Reiwa).unwrap(), "\"reiwa\"");
        let back: DateMention = serde_json::from_str(&j).unwrap();
        assert_eq!(back, m);
    }

    // Property checks: exhaustive loops, and a proptest strategy over date-like pieces.

    #[test]
    fn prop_era_round_trip() {
        let spans = [
            (Era::Meiji, 45),
            (Era::Taisho, 15),
            (Era::Showa, 64),
            (Era::Heisei, 31),
            (Era::Reiwa, 60),
        ];
        for (era, max) in spans {
            for n in 1..=max {
                let g = era_to_gregorian(era, n).unwrap();
                for fiscal in [false, true] {
                    let (e2, n2) = gregorian_to_era(g, fiscal).unwrap();
                    assert_eq!(
                        era_to_gregorian(e2, n2),
                        Some(g),
                        "{era:?}{n} fiscal={fiscal}"
                    );
                }
            }
        }
    }

    #[test]
    fn prop_reiwa_months_and_fiscal_years() {
        for n in 1..=60 {
            let y = 2018 + n;
            for m in 1..=12 {
                let v = find_dates(&format!("令和{n}年{m}月"));
                assert_eq!(v.len(), 1);
                assert_eq!(v[0].from, format!("{y:04}-{m:02}-01"));
                assert_eq!(v[0].precision, Precision::Month);
                if n == 1 {
                    let g = find_dates(&format!("令和元年{m}月"));
                    assert_eq!(
                        (g[0].from.as_str(), g[0].to.as_str()),
                        (v[0].from.as_str(), v[0].to.as_str())
                    );
                }
            }
            let t = format!("令和{n}年度");
            assert_eq!(fiscal_year_of(&t), Some(y));
            let m = one(&t);
            assert_eq!(m.precision, Precision::FiscalYear);
            assert_eq!(m.from, format!("{y}-04-01"));
            assert_eq!(m.to, format!("{}-03-31", y + 1));
        }
        assert_eq!(find_dates("令和元年")[0].to, find_dates("令和1年")[0].to);
    }

    /// Up to 11 pieces of date-like text, joined.
    fn datey_text() -> impl Strategy<Value = String> {
        let pieces = vec![
            "令和", "平成", "昭和", "元", "年", "度", "月", "日", "末", "夏", "冬", "版", "R", "H",
            "S", "Ｒ", "２", "０", "1", "2", "0", "9", "-", "～", "〜", "~", "→", "(", "（", "）",
            " ", "　", "A", "&", "é", "🎌", "\u{0}", "度末", "2024", "１２", "31",
        ];
        proptest::collection::vec(proptest::sample::select(pieces), 0..12).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn prop_fuzz_no_panic_and_spans(s in datey_text()) {
            let v = find_dates(&s);
            let mut last = 0;
            for m in &v {
                prop_assert_eq!(&s[m.start..m.end], m.raw.as_str());
                prop_assert!(m.start >= last && m.from <= m.to, "{}: {:?}", s, v);
                last = m.end;
            }
            let _ = parse_fy(&s);
            let _ = fiscal_year_of(&s);
        }
    }
}
