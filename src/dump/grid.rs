//! Builds one sheet's grid from its dump lines: header, aligned rows, items and merged cells.

use super::align::{align, moved, shift_hints};
use super::fragments::parse_field;
use super::page::PageLines;
use crate::loose::Loose;
use crate::model::{Provenance, RawBlock, RawCell, RawHeader, RawSheet, Warning, WarningCode};
use crate::roles::{role_of_label, Role};
use crate::text::lexicon::{CALLOUT, TRAILING_RELISTED};
use crate::text::normalize::normalize;
use regex::Regex;
use std::sync::LazyLock;

fn split_tabs(line: &str) -> Vec<String> {
    line.split('\t').map(str::to_string).collect()
}

fn header_roles(cells: &[String]) -> Vec<Role> {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| role_of_label(&normalize(c), i == 0))
        .collect()
}

fn looks_like_header(cells: &[String]) -> bool {
    let roles = header_roles(cells);
    let phases = roles.iter().filter(|r| **r == Role::Phase).count();
    let others = roles
        .iter()
        .filter(|r| matches!(r, Role::Kpi | Role::Progress | Role::Programs))
        .count();
    phases >= 2 || (phases >= 1 && others >= 1)
}

/// Markup elements whose text may run over a line break inside one field.
static OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<\s*(p|li)\b[^<>]*>").expect("open regex"));
static CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<\s*/\s*(p|li)\s*>").expect("close regex"));

/// Joins a line with the lines after it while a `<p>`/`<li>` it opened is still open (a
/// converter wrote a line break inside a cell); the break is kept in the field text. Each
/// joined line comes with the 1-based dump line it starts on (`lines[0]` is `first_line`).
fn join_open_markup(lines: &[String], first_line: usize) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut open = 0i64;
    for (i, line) in lines.iter().enumerate() {
        match out.last_mut() {
            Some((last, _)) if open > 0 => {
                last.push('\n');
                last.push_str(line);
            }
            _ => out.push((line.clone(), first_line + i)),
        }
        open += OPEN.find_iter(line).count() as i64 - CLOSE.find_iter(line).count() as i64;
        // A row never runs on for long: a stray tag must not swallow the page.
        if open < 0
            || out
                .last()
                .is_some_and(|(l, _)| l.matches('\n').count() >= 20)
        {
            open = 0;
        }
        open = open.min(8);
    }
    out
}

/// The dump line each field of a row starts on: the row's line plus the line breaks of the
/// fields before it.
fn field_lines(fields: &[String], row_line: usize) -> Vec<usize> {
    let mut line = row_line;
    fields
        .iter()
        .map(|f| {
            let here = line;
            line += f.matches('\n').count();
            here
        })
        .collect()
}

pub fn build(page: PageLines, warnings: &mut Vec<Warning>) -> RawSheet {
    let number = page.number;
    let mut loose = Loose::default();
    let mut header: Option<Vec<String>> = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row_lines: Vec<usize> = Vec::new();
    for (line, at) in &join_open_markup(&page.lines, page.first_line) {
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
                loose.line(
                    &cells
                        .iter()
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            continue;
        }
        loose.end_block();
        rows.push(cells);
        row_lines.push(*at);
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
            warnings.push(Warning::new(
                WarningCode::HeaderNotFound,
                Some(number),
                None,
                "no header row recognised; table lines kept as labels",
            ));
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
WarningCode::HeaderMissingLeadingBlank,
                Some(number),
                None,
                format!("the header has {} cells and most rows {}; a blank measure header cell was added in front", head.len() - 1, head.len()),
            ));
        }
    }
    let roles = header_roles(&head);
    let n_cols = head.len();
    sheet.header = head
        .iter()
        .enumerate()
        .map(|(i, raw)| RawHeader {
            col: i,
            col_span: 1,
            raw: raw.trim().to_string(),
        })
        .collect();
    sheet.n_cols = n_cols;

    let grid = place_rows(&rows, &row_lines, &roles, number, warnings);
    sheet.n_rows = grid.len();
    let filled: Vec<Vec<Option<Filled>>> = grid
        .iter()
        .enumerate()
        .map(|(r, line)| {
            line.iter()
                .enumerate()
                .map(|(c, fields)| cell_items(fields, (r, c), &mut sheet.callouts))
                .collect()
        })
        .collect();
    sheet.cells = merge_down(filled, &roles);
    sheet
}

/// The items of one grid position, whether it was a list, and the dump line of each item.
struct Filled {
    list: bool,
    items: Vec<String>,
    lines: Vec<usize>,
}

/// A field placed at a grid position, with the dump line it starts on.
type Placed = (String, usize);

/// Aligns every row to the columns; each grid position gets the fields placed there, each
/// with the dump line it starts on (`row_lines` holds each row's first line).
fn place_rows(
    rows: &[Vec<String>],
    row_lines: &[usize],
    roles: &[Role],
    number: u32,
    warnings: &mut Vec<Warning>,
) -> Vec<Vec<Vec<Placed>>> {
    let n_cols = roles.len();
    let mut grid = Vec::new();
    let hints = shift_hints(rows, roles);
    for (r, ((fields, &hint), &row_line)) in rows.iter().zip(&hints).zip(row_lines).enumerate() {
        let mapping = align(fields, roles, hint);
        let mut line = vec![Vec::new(); n_cols];
        let at = field_lines(fields, row_line);
        for ((f, m), &l) in fields.iter().zip(&mapping).zip(&at) {
            if let (Some(c), false) = (m, f.trim().is_empty()) {
                line[*c].push((f.clone(), l));
            }
        }
        if moved(fields, &mapping) {
            let moves: Vec<String> = fields
                .iter()
                .zip(&mapping)
                .enumerate()
                .filter(|(i, (f, m))| !f.trim().is_empty() && **m != Some(*i))
                .map(|(i, (_, m))| {
                    format!(
                        "field {i} → column {}",
                        m.map_or("?".into(), |c| c.to_string())
                    )
                })
                .collect();
            let why = if hint != 0 {
                "its schedule repeats another row's one column to the left".to_string()
            } else {
                format!(
                    "{} fields for {} columns; placed by content",
                    fields.len(),
                    n_cols
                )
            };
            let msg = format!("row {r} realigned ({why}): {}", moves.join(", "));
            warnings.push(Warning::new(
                WarningCode::RowRealigned,
                Some(number),
                Some(r),
                msg,
            ));
        }
        if line.iter().any(|c| c.len() > 1) {
            let msg = format!(
                "row {r} has more filled fields than columns; extra fields joined into one cell"
            );
            warnings.push(Warning::new(
                WarningCode::FieldsMerged,
                Some(number),
                Some(r),
                msg,
            ));
        }
        grid.push(line);
    }
    grid
}

/// Items of the fields at one grid position; a 再掲 marker becomes a callout anchored there.
fn cell_items(
    fields: &[Placed],
    at: (usize, usize),
    callouts: &mut Vec<RawBlock>,
) -> Option<Filled> {
    let mut cell = Filled {
        list: false,
        items: Vec::new(),
        lines: Vec::new(),
    };
    for (f, line) in fields {
        let lead = &f[..f.len() - f.trim_start().len()];
        let line = line + lead.matches('\n').count();
        let f = f.trim();
        let body = if CALLOUT.is_match(f) {
            callouts.push(RawBlock {
                raw: f.to_string(),
                anchor: Some(at),
            });
            continue;
        } else if let Some(cap) = TRAILING_RELISTED.captures(f).filter(|_| !f.contains('<')) {
            callouts.push(RawBlock {
                raw: cap[2].to_string(),
                anchor: Some(at),
            });
            cap[1].to_string()
        } else {
            f.to_string()
        };
        let parsed = parse_field(&body);
        cell.list |= parsed.list;
        cell.lines.extend(item_lines(&body, &parsed.items, line));
        cell.items.extend(parsed.items);
    }
    (!cell.items.is_empty()).then_some(cell)
}

/// The dump line of each item of a field that starts on line `first`. A field on one line
/// gives every item that line; in a field with line breaks each item is looked up, in order,
/// by its text up to the first space (markup is removed from items, and a removed tag leaves
/// a space, so that much is verbatim in the field); an item not found gets the line where
/// the previous one was found.
fn item_lines(field: &str, items: &[String], first: usize) -> Vec<usize> {
    if !field.contains('\n') {
        return vec![first; items.len()];
    }
    let mut cursor = 0;
    items
        .iter()
        .map(|item| {
            let key = item
                .trim_start()
                .split(char::is_whitespace)
                .next()
                .unwrap_or("");
            if let Some(found) = (!key.is_empty())
                .then(|| field[cursor..].find(key))
                .flatten()
            {
                cursor += found;
                let line = first + field[..cursor].matches('\n').count();
                cursor += key.len();
                line
            } else {
                first + field[..cursor].matches('\n').count()
            }
        })
        .collect()
}

/// Cells with spans. Row spans: an empty measure/KPI/progress/programs field under a filled
/// one is covered by it, within the same measure (measures span to the next measure); on a
/// sheet without a measure column the first column groups the rows below it the same way.
/// Column span: measure cells take in the next column when it is a phase column left empty on
/// the whole sheet (the dump's way of writing a measure box that covers it).
fn merge_down(mut filled: Vec<Vec<Option<Filled>>>, roles: &[Role]) -> Vec<RawCell> {
    let n_rows = filled.len();
    let measure_col = roles.iter().position(|r| *r == Role::Measure);
    let lead_col = measure_col.or(Some(0).filter(|_| roles.first() == Some(&Role::Phase)));
    let widen = measure_col.is_some_and(|m| {
        roles.get(m + 1) == Some(&Role::Phase) && filled.iter().all(|row| row[m + 1].is_none())
    });
    let mut group = 0;
    let group_of: Vec<usize> = (0..n_rows)
        .map(|r| {
            if measure_col.is_some_and(|m| r > 0 && filled[r][m].is_some()) {
                group += 1;
            }
            group
        })
        .collect();
    let mut cells = Vec::new();
    for (c, role) in roles.iter().enumerate() {
        let lead = Some(c) == lead_col;
        for r in 0..n_rows {
            let Some(cell) = filled[r][c].take() else {
                continue;
            };
            let mut span = 1;
            while (role.merges_down() || lead)
                && r + span < n_rows
                && filled[r + span][c].is_none()
                && (measure_col.is_none() || lead || group_of[r + span] == group_of[r])
            {
                span += 1;
            }
            let col_span = if widen && Some(c) == measure_col {
                2
            } else {
                1
            };
            cells.push(RawCell {
                row: r,
                col: c,
                row_span: span,
                col_span,
                list: cell.list,
                items: cell.items,
                source: Provenance {
                    line: cell.lines.first().copied(),
                    ..Default::default()
                },
                item_sources: cell
                    .lines
                    .iter()
                    .map(|&l| Provenance {
                        line: Some(l),
                        ..Default::default()
                    })
                    .collect(),
                markers: Vec::new(),
            });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dump line of every item equals the line that holds the start of its text.
    fn assert_lines_hold_items(text: &str) -> Vec<RawCell> {
        let all: Vec<&str> = text.split('\n').collect();
        let doc = crate::dump::read(text).expect("reads");
        let cells: Vec<RawCell> = doc.sheets.into_iter().flat_map(|s| s.cells).collect();
        for c in &cells {
            assert_eq!(c.item_sources.len(), c.items.len(), "{c:?}");
            assert_eq!(c.source.line, c.item_sources[0].line, "{c:?}");
            for (item, at) in c.items.iter().zip(&c.item_sources) {
                let line = at.line.expect("every dump item has a line");
                let first = item.split_whitespace().next().unwrap();
                assert!(
                    all[line - 1].contains(first),
                    "line {line} {:?} does not hold {item:?}",
                    all[line - 1]
                );
            }
        }
        cells
    }

    #[test]
    fn a_cell_spread_over_lines_has_the_line_of_each_item() {
        let text = "表題\n各施策のスケジュール・工程表①\n\t2024年夏\t2024年末\tKPI\n施策A\t<p>検討開始</p>\n<p>中間まとめ</p>\t実施\t件数\n施策B\t調査\t<ul><li>公表</li>\n<li>周知</li></ul>\t割合\n";
        let cells = assert_lines_hold_items(text);
        let line_of = |needle: &str| {
            cells
                .iter()
                .flat_map(|c| c.items.iter().zip(&c.item_sources))
                .find(|(i, _)| i.contains(needle))
                .and_then(|(_, s)| s.line)
        };
        assert_eq!(line_of("施策A"), Some(4));
        assert_eq!(line_of("中間まとめ"), Some(5));
        // A field after a line break inside an earlier field starts on the later line.
        assert_eq!(line_of("実施"), Some(5));
        assert_eq!(line_of("周知"), Some(7));
        assert_eq!(line_of("割合"), Some(7));
    }
}
