//! Realigns dump rows whose fields do not line up with the header, by what the fields contain.

use crate::content::{kind_of, ContentKind};
use crate::roles::Role;
use std::collections::HashMap;

/// Where each field of a row went: `Some(col)` or `None` for a dropped empty field.
pub type Mapping = Vec<Option<usize>>;

const DROP: f64 = 0.6;
const SKIP: f64 = 0.6;
const MOVE: f64 = 0.01;
const OFF_HINT: f64 = 1.0;

fn compat(kind: ContentKind, role: Role) -> f64 {
    use ContentKind as K;
    use Role as R;
    match (kind, role) {
        (K::Placeholder, R::Kpi | R::Progress | R::Programs) => 0.0,
        (K::Placeholder, _) => 0.5,
        (K::Progress, R::Progress) => 0.0,
        (K::Progress, R::Programs) => 1.0,
        (K::Progress, R::Kpi) => 1.5,
        (K::Progress, _) => 2.0,
        (K::Programs, R::Programs) => 0.0,
        (K::Programs, R::Progress) => 1.0,
        (K::Programs, R::Kpi) => 1.5,
        (K::Programs, _) => 2.0,
        (K::Kpi, R::Kpi) => 0.0,
        (K::Kpi, R::Measure) => 1.5,
        (K::Kpi, _) => 1.0,
        (K::Other, R::Measure | R::Phase | R::Other) => 0.0,
        (K::Other, R::Kpi) => 0.2,
        (K::Other, _) => 0.5,
    }
}

/// Detects the rows that repeat other rows' schedule one column to the left (a converter
/// dropped their leading empty cell); one hint per row.
///
/// A row's hint is +1 (fields belong one column to the right) when the row's measure-column
/// text and at least one more of its texts equal other rows' texts one column to the right,
/// and none of its texts equals another row's text at its own position; otherwise 0.
/// Only texts of 4 or more characters in measure and phase columns count.
///
/// One pass counts how many rows hold each (column, text); a row's text is "held by another
/// row" at column `j` when that count, less the row itself, is above zero.
pub fn shift_hints(rows: &[Vec<String>], roles: &[Role]) -> Vec<i64> {
    let region = |c: usize| {
        roles
            .get(c)
            .is_some_and(|r| matches!(r, Role::Measure | Role::Phase))
    };
    let Some(measure) = roles.iter().position(|r| *r == Role::Measure) else {
        return vec![0; rows.len()];
    };
    let counted = |j: usize, t: &str| region(j) && t.chars().count() >= 4;
    let mut held: HashMap<(usize, &str), usize> = HashMap::new();
    for row in rows {
        for (j, f) in row.iter().enumerate() {
            let t = f.trim();
            if counted(j, t) {
                *held.entry((j, t)).or_insert(0) += 1;
            }
        }
    }
    let elsewhere = |row: &[String], j: usize, t: &str| {
        let mine = usize::from(row.get(j).is_some_and(|g| g.trim() == t));
        held.get(&(j, t)).is_some_and(|n| *n > mine)
    };
    rows.iter()
        .map(|row| {
            let matches = |s: usize| -> Vec<usize> {
                row.iter()
                    .enumerate()
                    .filter(|(i, f)| {
                        let t = f.trim();
                        let j = i + s;
                        region(*i) && counted(j, t) && elsewhere(row, j, t)
                    })
                    .map(|(i, _)| i)
                    .collect()
            };
            let shifted = matches(1);
            if matches(0).is_empty() && shifted.len() >= 2 && shifted.contains(&measure) {
                1
            } else {
                0
            }
        })
        .collect()
}

/// Maps a row's fields onto the columns at the least cost (content fit, moves, drops).
pub fn align(fields: &[String], roles: &[Role], hint: i64) -> Mapping {
    let n = fields.len();
    let m = roles.len();
    let kinds: Vec<Option<ContentKind>> = fields
        .iter()
        .map(|f| {
            if f.trim().is_empty() {
                None
            } else {
                Some(kind_of(f))
            }
        })
        .collect();
    let hinted = |i: usize| {
        hint != 0
            && roles
                .get(i)
                .is_some_and(|r| matches!(r, Role::Measure | Role::Phase))
    };
    let cost_map = |i: usize, j: usize| -> f64 {
        match kinds[i] {
            None => 0.0,
            Some(k) => {
                let mut c = compat(k, roles[j]) + MOVE * (i as f64 - j as f64).abs();
                if hinted(i) && j as i64 != i as i64 + hint {
                    c += OFF_HINT;
                }
                c
            }
        }
    };
    // dp[i][j]: least cost of placing the first i fields in the first j columns.
    let inf = f64::INFINITY;
    let mut dp = vec![vec![inf; m + 1]; n + 1];
    let mut back = vec![vec![0u8; m + 1]; n + 1];
    dp[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = dp[i][j];
            if here == inf {
                continue;
            }
            if i < n && j < m {
                let c = here + cost_map(i, j);
                if c < dp[i + 1][j + 1] - 1e-9 {
                    dp[i + 1][j + 1] = c;
                    back[i + 1][j + 1] = 1;
                }
            }
            if i < n && kinds[i].is_none() {
                let c = here + DROP;
                if c < dp[i + 1][j] - 1e-9 {
                    dp[i + 1][j] = c;
                    back[i + 1][j] = 2;
                }
            }
            if j < m {
                let c = here + SKIP;
                if c < dp[i][j + 1] - 1e-9 {
                    dp[i][j + 1] = c;
                    back[i][j + 1] = 3;
                }
            }
        }
    }
    if dp[n][m] == inf {
        // More filled fields than columns: keep the straight reading, extra fields to the last column.
        return (0..n).map(|i| Some(i.min(m.saturating_sub(1)))).collect();
    }
    let mut mapping = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match back[i][j] {
            1 => {
                mapping[i - 1] = Some(j - 1);
                i -= 1;
                j -= 1;
            }
            2 => i -= 1,
            _ => j -= 1,
        }
    }
    mapping
}

/// True when some filled field left its own position.
pub fn moved(fields: &[String], mapping: &Mapping) -> bool {
    fields
        .iter()
        .zip(mapping)
        .enumerate()
        .any(|(i, (f, m))| !f.trim().is_empty() && *m != Some(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Role::*;

    const NINE: [Role; 9] = [
        Measure, Phase, Phase, Phase, Phase, Phase, Kpi, Progress, Programs,
    ];

    /// The rule of [`shift_hints`] for one row as first written (each row compared with
    /// every other row); kept to check the counting version against.
    fn shift_hint(row: &[String], others: &[&[String]], roles: &[Role]) -> i64 {
        let region = |c: usize| {
            roles
                .get(c)
                .is_some_and(|r| matches!(r, Role::Measure | Role::Phase))
        };
        let matches = |s: usize| -> Vec<usize> {
            row.iter()
                .enumerate()
                .filter(|(i, f)| {
                    let t = f.trim();
                    let j = i + s;
                    t.chars().count() >= 4
                        && region(*i)
                        && region(j)
                        && others
                            .iter()
                            .any(|o| o.get(j).is_some_and(|g| g.trim() == t))
                })
                .map(|(i, _)| i)
                .collect()
        };
        let Some(measure) = roles.iter().position(|r| *r == Role::Measure) else {
            return 0;
        };
        let shifted = matches(1);
        if matches(0).is_empty() && shifted.len() >= 2 && shifted.contains(&measure) {
            1
        } else {
            0
        }
    }

    fn row(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_straight_row_stays() {
        let r = row(&[
            "施策",
            "検討",
            "",
            "",
            "実施",
            "",
            "件数 10件 (R10)",
            "実施【厚】",
            "事業【厚】(令和7年度当初予算1億円)",
        ]);
        assert_eq!(align(&r, &NINE, 0), (0..9).map(Some).collect::<Vec<_>>());
    }

    #[test]
    fn an_extra_empty_field_before_the_kpi_is_dropped() {
        // Ten fields under nine columns: the 2026-2028 column was written as two empty fields.
        let r = row(&[
            "施策",
            "検討",
            "予算要求・予算編成",
            "",
            "実施",
            "",
            "",
            "品目のうち必要な医薬品の開発着手 (R8)",
            "準備を実施【厚】",
            "支援事業【厚】(令和7年度当初予算0.56億円)",
        ]);
        let m = align(&r, &NINE, 0);
        assert_eq!(&m[7..], &[Some(6), Some(7), Some(8)]);
        assert!(moved(&r, &m));
    }

    #[test]
    fn progress_in_the_programs_field_moves_left() {
        let r = row(&[
            "施策",
            "検討",
            "",
            "運用",
            "",
            "",
            "",
            "",
            "関連通知発出 (令和5年12月25日)【厚】",
            "・ ・",
        ]);
        let m = align(&r, &NINE, 0);
        assert_eq!(&m[8..], &[Some(7), Some(8)]);
    }

    #[test]
    fn a_short_row_fills_blank_columns_by_content() {
        let r = row(&[
            "検討",
            "",
            "",
            "実施",
            "",
            "件数 10件 (R10)",
            "実施【厚】",
            "事業【厚】(令和7年度当初予算1億円)",
        ]);
        let m = align(&r, &NINE, 0);
        assert_eq!(&m[5..], &[Some(6), Some(7), Some(8)]);
    }

    #[test]
    fn a_shifted_copy_of_another_row_is_put_back() {
        let first = row(&[
            "支援・連携強化",
            "支援強化の検討",
            "製造人材の確保",
            "",
            "GMP対応状況の確認",
            "拠点の稼働",
            "0拠点→16拠点 (R5→R10)",
            "着手【経】",
            "整備事業【経】(基金事業)",
        ]);
        let shifted = row(&[
            "支援強化の検討",
            "製造人材の確保",
            "",
            "GMP対応状況の確認",
            "拠点の稼働",
            "",
            "0拠点→16拠点 (R5→R10)",
            "着手【経】",
            "整備事業【経】(基金事業)",
        ]);
        let hint = shift_hint(&shifted, &[&first], &NINE);
        assert_eq!(hint, 1);
        assert_eq!(
            shift_hints(&[first.clone(), shifted.clone()], &NINE),
            [0, 1]
        );
        let m = align(&shifted, &NINE, hint);
        assert_eq!(&m[..5], &[Some(1), Some(2), Some(3), Some(4), Some(5)]);
        assert_eq!(m[5], None);
        assert_eq!(&m[6..], &[Some(6), Some(7), Some(8)]);
        assert_eq!(
            shift_hint(&first, &[&shifted], &NINE),
            0,
            "the unshifted row has no hint: {:?}",
            first
        );
    }

    /// Texts that collide often: long and short, blank, and padded copies of each other.
    const TEXTS: [&str; 8] = [
        "",
        " ",
        "施策A",
        "施策Aの検討",
        " 施策Aの検討",
        "製造人材の確保",
        "abcd",
        "abc",
    ];

    fn arb_roles() -> impl Strategy<Value = Vec<Role>> {
        prop::collection::vec(
            prop::sample::select(vec![Measure, Phase, Kpi, Progress, Programs, Other]),
            0..7,
        )
    }

    fn arb_rows() -> impl Strategy<Value = Vec<Vec<String>>> {
        let field = prop::sample::select(TEXTS.to_vec()).prop_map(str::to_string);
        prop::collection::vec(prop::collection::vec(field, 0..8), 0..8)
    }

    proptest::proptest! {
        #[test]
        fn counting_hints_match_the_row_by_row_rule(rows in arb_rows(), roles in arb_roles()) {
            let want: Vec<i64> = rows
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let others: Vec<&[String]> = rows
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| *k != r)
                        .map(|(_, o)| o.as_slice())
                        .collect();
                    shift_hint(row, &others, &roles)
                })
                .collect();
            proptest::prop_assert_eq!(shift_hints(&rows, &roles), want);
        }

        #[test]
        fn counting_hints_match_on_shifted_copies(n in 1usize..6, cut in 0usize..6) {
            // Rows that are the same schedule, some with their first field cut off.
            let full = row(&["施策Aの検討", "製造人材の確保", "施策Aの検討", "", "abcd", "", "x", "y", "z"]);
            let rows: Vec<Vec<String>> = (0..n)
                .map(|k| if k < cut { full[1..].to_vec() } else { full.clone() })
                .collect();
            let want: Vec<i64> = (0..n)
                .map(|r| {
                    let others: Vec<&[String]> =
                        (0..n).filter(|k| *k != r).map(|k| rows[k].as_slice()).collect();
                    shift_hint(&rows[r], &others, &NINE)
                })
                .collect();
            proptest::prop_assert_eq!(shift_hints(&rows, &NINE), want);
        }
    }
}
