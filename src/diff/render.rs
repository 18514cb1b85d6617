//! Human-readable views of a diff: Markdown grouped by sheet and measure, and a standalone HTML page.

use super::{Change, Diff, Kind};
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

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The two sides of a change as HTML, changed characters highlighted.
fn sides(c: &Change) -> (String, String) {
    match (&c.inline, c.kind) {
        (Some(segs), Kind::Modified) => {
            let mut before = String::new();
            let mut after = String::new();
            for s in segs {
                match s.op.as_str() {
                    "delete" => before.push_str(&format!("<del>{}</del>", esc(&s.text))),
                    "insert" => after.push_str(&format!("<ins>{}</ins>", esc(&s.text))),
                    _ => {
                        before.push_str(&esc(&s.text));
                        after.push_str(&esc(&s.text));
                    }
                }
            }
            (before, after)
        }
        _ => {
            let b = c
                .before
                .as_deref()
                .map(|t| format!("<del>{}</del>", esc(t)))
                .unwrap_or_default();
            let a = c
                .after
                .as_deref()
                .map(|t| format!("<ins>{}</ins>", esc(t)))
                .unwrap_or_default();
            let (b, a) = if matches!(c.kind, Kind::Structure | Kind::Metadata) {
                (
                    c.before.as_deref().map(esc).unwrap_or_default(),
                    c.after.as_deref().map(esc).unwrap_or_default(),
                )
            } else {
                (b, a)
            };
            (b, a)
        }
    }
}

const STYLE: &str = "body{font-family:system-ui,'Hiragino Sans','Noto Sans CJK JP',sans-serif;margin:2rem;line-height:1.5}\
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}td.kind{white-space:nowrap;font-weight:600}td.added{color:#1a7f37}td.removed{color:#cf222e}td.modified{color:#9a6700}\
del{background:#ffebe9;text-decoration:line-through}ins{background:#dafbe1;text-decoration:none}ul.detail{margin:.2rem 0 0 1rem;font-size:.9em}";

/// A standalone page (no external resources): old and new side by side, changes highlighted.
pub fn html(d: &Diff) -> String {
    let mut out = String::new();
    let title = format!("Changes from {} to {}", d.old.edition, d.new.edition);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}</p>\n",
        esc(&title),
        esc(&title),
        esc(&counts_line(d))
    );
    for (sheet, measures) in grouped(d) {
        let _ = writeln!(out, "<h2>{}</h2>", esc(&sheet_title(sheet)));
        for (measure, changes) in measures {
            if let Some(m) = measure {
                let _ = writeln!(out, "<h3>{}</h3>", esc(m));
            }
            let _ = writeln!(
                out,
                "<table>\n<tr><th>change</th><th>where</th><th>{}</th><th>{}</th></tr>",
                esc(&d.old.edition),
                esc(&d.new.edition)
            );
            for c in changes {
                let (before, after) = sides(c);
                let detail = if c.detail.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<ul class=\"detail\">{}</ul>",
                        c.detail
                            .iter()
                            .map(|x| format!("<li>{}</li>", esc(x)))
                            .collect::<String>()
                    )
                };
                let k = kind_word(c.kind);
                let _ = writeln!(
                    out,
                    "<tr><td class=\"kind {k}\">{k}</td><td>{}</td><td>{before}{detail}</td><td>{after}</td></tr>",
                    esc(&place(c))
                );
            }
            out.push_str("</table>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
