//! Human-readable views of a diff: Markdown grouped by sheet and measure, and the view of a
//! diff that the report's HTML templates render as a standalone page.

use super::{Change, Diff, Kind};
use crate::report::templates::{diff_page, ChangeView, DiffPage, DiffSheet, Piece, SheetTitle};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Changes grouped by sheet (None = edition-wide) and, within it, by measure (None = sheet-wide).
type Groups<'a> = Vec<(Option<u32>, Vec<(Option<&'a str>, Vec<&'a Change>)>)>;

fn grouped(d: &Diff) -> Groups<'_> {
    let mut groups: Groups = Vec::new();
    for c in &d.changes {
        let sheet_pos = match groups.iter().position(|(s, _)| *s == c.sheet) {
            Some(p) => p,
            None => {
                groups.push((c.sheet, Vec::new()));
                groups.len() - 1
            }
        };
        let measures = &mut groups[sheet_pos].1;
        let key = c
            .measure_id
            .as_deref()
            .map(|_| c.measure.as_deref().unwrap_or("(untitled)"));
        match measures.iter().position(|(m, _)| *m == key) {
            Some(p) => measures[p].1.push(c),
            None => measures.push((key, vec![c])),
        }
    }
    groups
}

fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Modified => "modified",
        Kind::Structure => "structure",
        Kind::Metadata => "metadata",
    }
}

fn place(c: &Change) -> String {
    let role = c.role.map(|r| r.as_str().to_string());
    match (role, &c.column) {
        (Some(r), Some(col)) if !col.is_empty() => format!("{r} ({col})"),
        (Some(r), _) => r,
        (None, Some(col)) => col.clone(),
        (None, None) => String::new(),
    }
}

fn sheet_title(s: Option<u32>) -> String {
    match s {
        Some(n) => format!("Sheet {n}"),
        None => "Edition".to_string(),
    }
}

fn counts_line(d: &Diff) -> String {
    let c = &d.counts;
    format!(
        "{} changes: {} added, {} removed, {} modified, {} structure, {} metadata",
        d.changes.len(),
        c.added,
        c.removed,
        c.modified,
        c.structure,
        c.metadata
    )
}

fn md_escape(s: &str) -> String {
    s.replace('\n', " ")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('~', "\\~")
}

/// Markdown for people: grouped by sheet and measure, with counts.
pub fn markdown(d: &Diff) -> String {
    let mut out = String::new();
    let when = |s: &super::Side| {
        s.as_of
            .as_deref()
            .map_or(String::new(), |a| format!(" (as of {a})"))
    };
    let _ = writeln!(
        out,
        "# Changes from {}{} to {}{}\n",
        d.old.edition,
        when(&d.old),
        d.new.edition,
        when(&d.new)
    );
    let _ = writeln!(out, "{}.\n", counts_line(d));
    for (sheet, measures) in grouped(d) {
        let n: usize = measures.iter().map(|(_, v)| v.len()).sum();
        let _ = writeln!(out, "## {} ({n})\n", sheet_title(sheet));
        for (measure, changes) in measures {
            if let Some(m) = measure {
                let _ = writeln!(out, "### {} ({})\n", md_escape(m), changes.len());
            }
            for c in changes {
                let what = place(c);
                let text = match (c.kind, &c.before, &c.after) {
                    (Kind::Modified, Some(_), Some(_)) => c
                        .inline
                        .iter()
                        .flatten()
                        .map(|s| match s.op.as_str() {
                            "delete" => format!("~~{}~~", md_escape(&s.text)),
                            "insert" => format!("**{}**", md_escape(&s.text)),
                            _ => md_escape(&s.text),
                        })
                        .collect(),
                    (_, Some(b), Some(a)) => format!("{} → {}", md_escape(b), md_escape(a)),
                    (_, Some(b), None) => md_escape(b),
                    (_, None, Some(a)) => md_escape(a),
                    (_, None, None) => String::new(),
                };
                let _ = writeln!(out, "- **{}** {what}: {text}", kind_word(c.kind));
                for d in &c.detail {
                    let _ = writeln!(out, "  - {}", md_escape(d));
                }
            }
            out.push('\n');
        }
    }
    out
}

/// The two sides of a change as pieces: characters only one side has are marked (deleted on
/// the earlier side, inserted on the later); an added or removed text is wholly marked, a
/// structure or metadata value is shown as it is.
fn sides(c: &Change) -> (Vec<Piece>, Vec<Piece>) {
    match (&c.inline, c.kind) {
        (Some(segs), Kind::Modified) => {
            let (mut before, mut after) = (Vec::new(), Vec::new());
            for s in segs {
                match s.op.as_str() {
                    "delete" => before.push(Piece::Deleted(s.text.clone())),
                    "insert" => after.push(Piece::Inserted(s.text.clone())),
                    _ => {
                        before.push(Piece::Same(s.text.clone()));
                        after.push(Piece::Same(s.text.clone()));
                    }
                }
            }
            (before, after)
        }
        _ => {
            let plain = matches!(c.kind, Kind::Structure | Kind::Metadata);
            let side = |t: &Option<String>, marked: fn(String) -> Piece| {
                t.iter()
                    .map(|t| {
                        if plain {
                            Piece::Same(t.clone())
                        } else {
                            marked(t.clone())
                        }
                    })
                    .collect()
            };
            (
                side(&c.before, Piece::Deleted),
                side(&c.after, Piece::Inserted),
            )
        }
    }
}

/// One change as the HTML pages show it (the diff page and the report's timeline).
pub fn change_view(c: &Change) -> ChangeView {
    let (before, after) = sides(c);
    ChangeView {
        kind: kind_word(c.kind),
        place: place(c),
        before,
        after,
        detail: c.detail.clone(),
    }
}

/// The diff page's view: changes grouped by sheet and measure, each sheet under the title
/// `titles` gives it (its heading and theme), else under its printed heading.
pub fn page_view(d: &Diff, titles: &BTreeMap<u32, SheetTitle>) -> DiffPage {
    let sheets = grouped(d)
        .into_iter()
        .map(|(sheet, measures)| DiffSheet {
            anchor: sheet.map_or_else(|| "edition".to_string(), |n| format!("sheet-{n}")),
            title: sheet.map(|n| {
                titles
                    .get(&n)
                    .cloned()
                    .unwrap_or_else(|| SheetTitle::numbered(n))
            }),
            measures: measures
                .into_iter()
                .map(|(m, changes)| {
                    (
                        m.map(str::to_string),
                        changes.into_iter().map(change_view).collect(),
                    )
                })
                .collect(),
        })
        .collect();
    DiffPage {
        title: format!("Changes from {} to {}", d.old.edition, d.new.edition),
        summary: counts_line(d),
        old: d.old.edition.clone(),
        new: d.new.edition.clone(),
        sheets,
    }
}

/// A standalone page (no external resources): old and new side by side, changes
/// highlighted, each sheet under its printed heading. It is the report's diff template
/// ([`crate::report::templates::diff_page`]); `report::diff_html` adds the editions' theme
/// titles.
pub fn html(d: &Diff) -> String {
    diff_page(&page_view(d, &BTreeMap::new()))
}
