//! Quality thresholds: when the reader's self-checks of a sheet ([`SheetQuality`]) say that
//! the sheet may be misread. Shared by the pipeline (one `low-quality` warning per sheet), the
//! CLI (one `LOW QUALITY` line per sheet on stderr, an error with `--strict`) and tests; it
//! reads only the figures, never how a front-end made them.
//!
//! Each threshold is one named constant below, with why it sits where it does. A sheet is
//! below threshold when any one figure is; every figure that is gives one [`Shortfall`].

use crate::edition::Edition;
use crate::model::{SheetQuality, Strategy};
use crate::text::lexicon::circled;
use std::fmt;

/// Least share of the table's glyphs that must land in a cell.
///
/// Every glyph inside the table's bounds belongs to some cell on the slides this crate reads
/// (headers, measures, schedule boxes, KPIs, progress, programs); only a few callout marks
/// (再掲 boxes on a rule) or arrow labels may fall between cells. A table whose rows or
/// columns were misfound loses whole cells, hundreds of glyphs of a sheet's one to three
/// thousand; 2% leaves room for the marks and catches a lost column or row band.
pub const MIN_ASSIGNED_SHARE: f64 = 0.98;

/// Least number of header labels with a known role (phase, KPI, progress, programs).
///
/// The same rule the dump front-end uses to recognise a header row: two phases, or a phase
/// and one other role. Fewer means the row taken as the header is not the header.
pub const MIN_HEADER_LABELS_RECOGNISED: usize = 2;

/// Least share of the header labels with a known role.
///
/// On a roadmap sheet every header cell but the blank measure cell has a role (8 of 9). Under
/// half means the header was cut into spurious columns (a page whose glyph outlines were read
/// as rules gave 59 columns) or a body line was taken for the header.
pub const MIN_HEADER_RECOGNISED_SHARE: f64 = 0.5;

/// Most cells where the table and the tagged structure tree disagree and the reader did not
/// settle which reading is right.
///
/// None: where a tree exists it is the producer's own statement of the table, and a
/// disagreement left open means one of the two readings of that cell is wrong.
pub const MAX_UNSETTLED_DISAGREEMENTS: usize = 0;

/// Least share of the sheet's glyphs whose text looks like the text of a Japanese document.
///
/// A sound text layer scores 1 or very close (a bullet or symbol without a Unicode mapping
/// here and there). A garbled one (kana read as Latin-1 letters through a rebuilt ToUnicode,
/// identity maps on subset codes, no map at all) scores far lower on every sheet; 5% leaves
/// room for scattered unmapped symbols and fails a sheet whose text is junk in more than a
/// few words.
pub const MIN_TEXT_SANITY: f64 = 0.95;

/// One figure of a sheet below its threshold, with the figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Shortfall {
    /// No table was found on the page (strategy `unruled`); the other figures say nothing.
    NoTable,
    /// The share of the table's glyphs assigned to a cell is below [`MIN_ASSIGNED_SHARE`].
    Assigned {
        /// The share, 0–1.
        share: f64,
    },
    /// Too few header labels have a known role ([`MIN_HEADER_LABELS_RECOGNISED`],
    /// [`MIN_HEADER_RECOGNISED_SHARE`]).
    HeaderLabels {
        /// Labels with a known role.
        recognised: usize,
        /// Header labels of the table.
        labels: usize,
    },
    /// Disagreements with the structure tree were left open (more than
    /// [`MAX_UNSETTLED_DISAGREEMENTS`]).
    Unsettled {
        /// Disagreements not settled.
        unsettled: usize,
        /// Cells compared.
        compared: usize,
    },
    /// The text sanity is below [`MIN_TEXT_SANITY`].
    TextSanity {
        /// The share, 0–1.
        share: f64,
    },
}

/// A share as a percentage for a message, rounded down so that a figure below its threshold
/// never prints as the threshold (0.979 → `97.9%`, not `98%`).
fn percent(share: f64) -> String {
    let tenths = (share * 1000.0 + 1e-9).floor() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shortfall::NoTable => write!(f, "no table found (strategy unruled)"),
            Shortfall::Assigned { share } => write!(
                f,
                "assigned {} of table glyphs < {}",
                percent(*share),
                percent(MIN_ASSIGNED_SHARE)
            ),
            Shortfall::HeaderLabels { recognised, labels } => {
                if *recognised < MIN_HEADER_LABELS_RECOGNISED {
                    write!(
                        f,
                        "{recognised} of {labels} header labels recognised < {MIN_HEADER_LABELS_RECOGNISED}"
                    )
                } else {
                    write!(
                        f,
                        "{recognised} of {labels} header labels recognised < {}",
                        percent(MIN_HEADER_RECOGNISED_SHARE)
                    )
                }
            }
            Shortfall::Unsettled {
                unsettled,
                compared,
            } => write!(
                f,
                "{unsettled} of {compared} cells disagree with the structure tree, unsettled > {MAX_UNSETTLED_DISAGREEMENTS}"
            ),
            Shortfall::TextSanity { share } => write!(
                f,
                "text sanity {} < {}",
                percent(*share),
                percent(MIN_TEXT_SANITY)
            ),
        }
    }
}

/// Whether `figure` is below `least`; a figure that is not a number (NaN) is.
fn below(figure: f64, least: f64) -> bool {
    use std::cmp::Ordering::{Equal, Greater};
    !matches!(figure.partial_cmp(&least), Some(Greater | Equal))
}

/// Every figure of `q` below its threshold, in the order of the constants; empty when the
/// sheet passes. A figure that is not a number (NaN) counts as below.
pub fn shortfalls(q: &SheetQuality) -> Vec<Shortfall> {
    if q.strategy == Strategy::Unruled {
        return vec![Shortfall::NoTable];
    }
    let mut out = Vec::new();
    let share = q.assigned_share();
    if below(share, MIN_ASSIGNED_SHARE) {
        out.push(Shortfall::Assigned { share });
    }
    let (recognised, labels) = (q.header_labels_recognised, q.header_labels);
    if recognised < MIN_HEADER_LABELS_RECOGNISED
        || (recognised as f64) < MIN_HEADER_RECOGNISED_SHARE * labels as f64
    {
        out.push(Shortfall::HeaderLabels { recognised, labels });
    }
    if let Some(s) = q.structure {
        let unsettled = s.disagreements.saturating_sub(s.settled);
        if unsettled > MAX_UNSETTLED_DISAGREEMENTS {
            out.push(Shortfall::Unsettled {
                unsettled,
                compared: s.cells_compared,
            });
        }
    }
    if below(q.text_sanity, MIN_TEXT_SANITY) {
        out.push(Shortfall::TextSanity {
            share: q.text_sanity,
        });
    }
    out
}

/// A sheet below threshold: which sheet, on which page, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LowSheet {
    /// The sheet number (① = 1).
    pub sheet: u32,
    /// The 1-based PDF page, when known.
    pub page: Option<u32>,
    /// The figures below their thresholds (never empty).
    pub shortfalls: Vec<Shortfall>,
}

impl LowSheet {
    /// The reasons, `; `-separated (`assigned 91% of table glyphs < 98%; text sanity …`).
    pub fn reasons(&self) -> String {
        self.shortfalls
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The sheet as printed in messages: `sheet ⑦`, or `sheet 51` past the circled numbers.
pub fn sheet_name(number: u32) -> String {
    match circled(number) {
        Some(c) => format!("sheet {c}"),
        None => format!("sheet {number}"),
    }
}

/// `sheet ⑦ (page 9): assigned 91% of table glyphs < 98%`.
impl fmt::Display for LowSheet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", sheet_name(self.sheet))?;
        if let Some(p) = self.page {
            write!(f, " (page {p})")?;
        }
        write!(f, ": {}", self.reasons())
    }
}

/// The sheet below threshold, if it is: `None` for a sheet without quality figures (dumps)
/// and for a sheet that passes.
pub fn check(sheet: u32, page: Option<u32>, q: Option<&SheetQuality>) -> Option<LowSheet> {
    let shortfalls = shortfalls(q?);
    (!shortfalls.is_empty()).then_some(LowSheet {
        sheet,
        page,
        shortfalls,
    })
}

/// Every sheet of an edition below threshold, in reading order (from the sheets' `quality`).
pub fn low_sheets(ed: &Edition) -> Vec<LowSheet> {
    ed.sheets
        .iter()
        .filter_map(|s| check(s.number, s.page, s.quality.as_ref()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StructureAgreement;

    /// The figures of a sheet read well: ruled, every glyph placed, 8 of 9 labels known.
    fn good() -> SheetQuality {
        SheetQuality {
            strategy: Strategy::Ruled,
            table_glyphs: 1840,
            assigned_glyphs: 1840,
            header_labels: 9,
            header_labels_recognised: 8,
            structure: Some(StructureAgreement {
                cells_compared: 41,
                disagreements: 1,
                settled: 1,
            }),
            text_sanity: 1.0,
        }
    }

    #[test]
    fn a_sheet_read_well_passes() {
        assert_eq!(shortfalls(&good()), []);
        assert_eq!(check(3, Some(4), Some(&good())), None);
        assert_eq!(check(3, None, None), None, "dump sheets have no figures");
    }

    #[test]
    fn each_figure_below_its_threshold_is_one_reason() {
        let q = SheetQuality {
            assigned_glyphs: 1674, // 91% of 1840
            ..good()
        };
        assert_eq!(
            shortfalls(&q)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["assigned 90.9% of table glyphs < 98%"]
        );
        // The header cut into 59 columns, 5 of them phases.
        let q = SheetQuality {
            header_labels: 59,
            header_labels_recognised: 5,
            ..good()
        };
        assert_eq!(
            shortfalls(&q),
            [Shortfall::HeaderLabels {
                recognised: 5,
                labels: 59
            }]
        );
        assert_eq!(
            shortfalls(&q)[0].to_string(),
            "5 of 59 header labels recognised < 50%"
        );
        let q = SheetQuality {
            header_labels: 1,
            header_labels_recognised: 1,
            ..good()
        };
        assert_eq!(
            shortfalls(&q)[0].to_string(),
            "1 of 1 header labels recognised < 2"
        );
        let q = SheetQuality {
            structure: Some(StructureAgreement {
                cells_compared: 41,
                disagreements: 3,
                settled: 1,
            }),
            ..good()
        };
        assert_eq!(
            shortfalls(&q)[0].to_string(),
            "2 of 41 cells disagree with the structure tree, unsettled > 0"
        );
        let q = SheetQuality {
            text_sanity: 0.62,
            ..good()
        };
        assert_eq!(shortfalls(&q)[0].to_string(), "text sanity 62% < 95%");
    }

    #[test]
    fn thresholds_are_inclusive_and_nan_fails() {
        let at = SheetQuality {
            table_glyphs: 100,
            assigned_glyphs: 98,
            header_labels: 4,
            header_labels_recognised: 2,
            text_sanity: MIN_TEXT_SANITY,
            ..good()
        };
        assert_eq!(shortfalls(&at), [], "a figure at its threshold passes");
        let nan = SheetQuality {
            text_sanity: f64::NAN,
            ..good()
        };
        assert!(matches!(
            shortfalls(&nan)[..],
            [Shortfall::TextSanity { .. }]
        ));
        // Just under prints under, not rounded up to the threshold.
        let under = SheetQuality {
            table_glyphs: 1000,
            assigned_glyphs: 979,
            ..good()
        };
        assert_eq!(
            shortfalls(&under)[0].to_string(),
            "assigned 97.9% of table glyphs < 98%"
        );
    }

    #[test]
    fn an_unruled_page_says_only_that_no_table_was_found() {
        let q = SheetQuality {
            strategy: Strategy::Unruled,
            table_glyphs: 0,
            assigned_glyphs: 0,
            header_labels: 0,
            header_labels_recognised: 0,
            structure: None,
            text_sanity: 1.0,
        };
        let low = check(7, Some(9), Some(&q)).unwrap();
        assert_eq!(
            low.to_string(),
            "sheet ⑦ (page 9): no table found (strategy unruled)"
        );
    }

    #[test]
    fn several_reasons_in_one_line() {
        let q = SheetQuality {
            assigned_glyphs: 1674,
            text_sanity: 0.5,
            ..good()
        };
        let low = check(12, Some(13), Some(&q)).unwrap();
        assert_eq!(
            low.to_string(),
            "sheet ⑫ (page 13): assigned 90.9% of table glyphs < 98%; text sanity 50% < 95%"
        );
        assert_eq!(sheet_name(51), "sheet 51");
    }
}
