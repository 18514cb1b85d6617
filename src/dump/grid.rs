//! Builds one sheet's grid from its dump lines: header, aligned rows, items and merged cells.

use super::align::{align, moved, shift_hint};
use super::fragments::parse_field;
use super::page::PageLines;
use crate::model::{RawBlock, RawCell, RawHeader, RawSheet, Warning};
use crate::normalize::normalize;
use crate::roles::{role_of_label, Role};
use regex::Regex;
use std::sync::LazyLock;

static CALLOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?(一部)?(再掲|新規|拡充|追加|変更|更新|NEW|New)[)）]?$").expect("callout regex")
});
static TRAILING_CALLOUT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^(.*\S)\s+([(（]?再掲[)）]?)\s*$").expect("trailing callout regex"));

fn is_footnote(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('※') || t.starts_with("(注") || t.starts_with("（注") || t.starts_with("注)") || t.starts_with("注）") || t.starts_with('*')
}

fn split_tabs(line: &str) -> Vec<String> {
    line.split('\t').map(str::to_string).collect()
}

fn header_roles(cells: &[String]) -> Vec<Role> {
    cells.iter().enumerate().map(|(i, c)| role_of_label(&normalize(c), i == 0)).collect()
}

fn looks_like_header(cells: &[String]) -> bool {
    let roles = header_roles(cells);
    let phases = roles.iter().filter(|r| **r == Role::Phase).count();
    let others = roles.iter().filter(|r| matches!(r, Role::Kpi | Role::Progress | Role::Programs)).count();
    phases >= 2 || (phases >= 1 && others >= 1)
}

/// Loose lines of a page, sorted into labels, callouts and footnotes.
#[derive(Default)]
struct Loose {
    labels: Vec<RawBlock>,
    callouts: Vec<RawBlock>,
    footnotes: Vec<RawBlock>,
    pending: Vec<String>,
}

impl Loose {
    fn end_block(&mut self) {
        if !self.pending.is_empty() {
            self.labels.push(RawBlock::loose(self.pending.join("\n")));
            self.pending.clear();
        }
    }

    fn line(&mut self, line: &str) {
        let t = line.trim();
        if t.is_empty() {
            self.end_block();
        } else if CALLOUT.is_match(t) {
            self.end_block();
            self.callouts.push(RawBlock::loose(t));
        } else if is_footnote(t) {
            self.end_block();
            self.footnotes.push(RawBlock::loose(t));
        } else {
            self.pending.push(t.to_string());
        }
    }
}

pub fn build(page: PageLines, warnings: &mut Vec<Warning>) -> RawSheet {
    let number = page.number;
    let mut loose = Loose::default();
    let mut header: Option<Vec<String>> = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in &page.lines {
        if !line.contains('\t') {
            loose.line(line);
            continue;
        }
        let cells = split_tabs(line);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if header.is_none() {
            if looks_like_header(&cells) {
                loose.end_block();
                header = Some(cells);
            } else {
                loose.line(&cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" "));
            }
            continue;
        }
        loose.end_block();
        rows.push(cells);
    }
    loose.end_block();
    let mut sheet = RawSheet {
        number,
        heading: page.heading,
        labels: std::mem::take(&mut loose.labels),
        callouts: std::mem::take(&mut loose.callouts),
        footnotes: std::mem::take(&mut loose.footnotes),
        ..Default::default()
    };
    let Some(mut head) = header else {
        if !rows.is_empty() || page.lines.iter().any(|l| l.contains('\t')) {
            warnings.push(Warning::new("header-not-found", Some(number), None, "no header row recognised; table lines kept as labels"));
        }
        return sheet;
    };
    while head.len() > 1 && head.last().is_some_and(|c| c.trim().is_empty()) {
        head.pop();
    }
    // A header that starts with a phase while the rows have one more field lost its blank measure cell.
    let first_is_phase = header_roles(&head).first() == Some(&Role::Phase);
    if first_is_phase && !rows.is_empty() {
        let wider = rows.iter().filter(|r| r.len() == head.len() + 1).count();
        if wider * 2 > rows.len() {
            head.insert(0, String::new());
            warnings.push(Warning::new(
                "header-missing-leading-blank",
                Some(number),
                None,
                format!("the header has {} cells and most rows {}; a blank measure header cell was added in front", head.len() - 1, head.len()),
            ));
        }
    }
    let roles = header_roles(&head);
    let n_cols = head.len();
    sheet.header = head.iter().enumerate().map(|(i, raw)| RawHeader { col: i, col_span: 1, raw: raw.trim().to_string() }).collect();
    sheet.n_cols = n_cols;

    // Place every row's fields in the grid.
    let mut grid: Vec<Vec<Vec<String>>> = Vec::new();
    for (r, fields) in rows.iter().enumerate() {
        let others: Vec<&[String]> = rows.iter().enumerate().filter(|(k, _)| *k != r).map(|(_, o)| o.as_slice()).collect();
        let hint = shift_hint(fields, &others, &roles);
        let mapping = align(fields, &roles, hint);
        let mut line = vec![Vec::new(); n_cols];
        for (f, m) in fields.iter().zip(&mapping) {
            if let Some(c) = m {
                if !f.trim().is_empty() {
                    line[*c].push(f.clone());
                }
            }
        }
        if moved(fields, &mapping) {
            let moves: Vec<String> = fields
                .iter()
                .zip(&mapping)
                .enumerate()
                .filter(|(i, (f, m))| !f.trim().is_empty() && **m != Some(*i))
                .map(|(i, (_, m))| format!("field {i} → column {}", m.map_or("?".into(), |c| c.to_string())))
                .collect();
            let why = if hint != 0 {
                "its schedule repeats another row's one column to the left".to_string()
            } else {
                format!("{} fields for {} columns; placed by content", fields.len(), n_cols)
            };
            warnings.push(Warning::new("row-realigned", Some(number), Some(r), format!("row {r} realigned ({why}): {}", moves.join(", "))));
        }
        if line.iter().any(|c| c.len() > 1) {
            warnings.push(Warning::new("fields-merged", Some(number), Some(r), format!("row {r} has more filled fields than columns; extra fields joined into one cell")));
        }
        grid.push(line);
    }
    sheet.n_rows = grid.len();

    // Items of each filled field; a trailing 再掲 marker becomes a callout anchored to its cell.
    let mut filled: Vec<Vec<Option<(bool, Vec<String>)>>> = vec![vec![None; n_cols]; grid.len()];
    for (r, line) in grid.iter().enumerate() {
        for (c, fields) in line.iter().enumerate() {
            let mut items = Vec::new();
            let mut list = false;
            for f in fields {
                let f = f.trim();
                let body = if CALLOUT.is_match(f) {
                    sheet.callouts.push(RawBlock { raw: f.to_string(), anchor: Some((r, c)) });
                    continue;
                } else if let Some(cap) = TRAILING_CALLOUT.captures(f).filter(|_| !f.contains('<')) {
                    sheet.callouts.push(RawBlock { raw: cap[2].to_string(), anchor: Some((r, c)) });
                    cap[1].to_string()
                } else {
                    f.to_string()
                };
                let parsed = parse_field(&body);
                list |= parsed.list;
                items.extend(parsed.items);
            }
            if !items.is_empty() {
                filled[r][c] = Some((list, items));
            }
        }
    }

    // Merged cells: an empty field under a filled one, within the same measure.
    let measure_col = roles.iter().position(|r| *r == Role::Measure);
    let group_of: Vec<usize> = {
        let mut g = 0;
        (0..grid.len())
            .map(|r| {
                if let Some(m) = measure_col {
                    if r > 0 && filled[r][m].is_some() {
                        g += 1;
                    }
                }
                g
            })
            .collect()
    };
    for c in 0..n_cols {
        for r in 0..grid.len() {
            let Some((list, items)) = filled[r][c].take() else { continue };
            let mut span = 1;
            if roles[c].merges_down() {
                while r + span < grid.len()
                    && filled[r + span][c].is_none()
                    && (measure_col.is_none() || Some(c) == measure_col || group_of[r + span] == group_of[r])
                {
                    span += 1;
                }
            }
            sheet.cells.push(RawCell { row: r, col: c, row_span: span, col_span: 1, list, items });
        }
    }
    sheet.cells.sort_by_key(|c| (c.row, c.col));
    sheet
}
