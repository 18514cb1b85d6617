//! The gold score: how many items of the hand-checked reading of 2025-06
//! (`fixtures/gold/2025-06.json`) an edition places in the right sheet, column and measure.
//! Shared by `tests/gold.rs` and `tests/pdf_chains.rs`.

use kouteihyo::edition::Edition;
use kouteihyo::roles::{parse_phase, role_of_label, Role};
use kouteihyo::text::normalize::normalize;
use serde_json::Value;
use std::collections::HashMap;

/// The result of [`gold_score`].
#[derive(Debug, Clone)]
pub struct Score {
    /// Gold items.
    pub total: usize,
    /// Gold items placed right.
    pub found: usize,
    /// `sheet S rR cC (column): text` of each gold item not placed right.
    pub misses: Vec<String>,
    /// Items of the edition that no gold item took, sorted.
    pub extras: Vec<String>,
}

impl Score {
    /// Share of gold items placed right.
    pub fn share(&self) -> f64 {
        self.found as f64 / self.total as f64
    }

    /// Prints the totals, then one `MISS` line per miss and one `EXTRA` line per left-over item.
    pub fn print(&self) {
        println!(
            "gold items: {}, placed right: {} ({:.2}%)",
            self.total,
            self.found,
            self.share() * 100.0
        );
        for m in &self.misses {
            println!("MISS  {m}");
        }
        for l in &self.extras {
            println!("EXTRA {l}");
        }
    }
}

/// The gold reading of 2025-06.
pub fn gold_json() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(super::root().join("fixtures/gold/2025-06.json")).unwrap(),
    )
    .unwrap()
}

/// (sheet, column key, measure text, item text)
type Key = (u64, String, String, String);

fn col_key(role: Role, label: &str) -> String {
    match parse_phase(label) {
        Some(p) if role == Role::Phase => format!("phase:{}", p.label),
        _ => role.as_str().to_string(),
    }
}

fn joined(items: &Value, key: TextKey) -> String {
    let joined = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| normalize(i.as_str().unwrap()))
        .collect::<Vec<_>>()
        .join(" ");
    key(&joined)
}

/// Items of our reading, as a multiset.
fn ours(ed: &Edition, tk: TextKey) -> HashMap<Key, usize> {
    let mut m = HashMap::new();
    for r in kouteihyo::records::records(ed) {
        let sheet = ed.sheets.iter().find(|s| s.number == r.sheet).unwrap();
        let col = &sheet.columns[r.col];
        let key = col_key(col.role, &col.label.text);
        *m.entry((r.sheet as u64, key, tk(&r.measure), tk(&r.text)))
            .or_insert(0) += 1;
    }
    m
}

struct GoldSheet<'a> {
    sheet: u64,
    cols: Vec<String>,
    cells: &'a [Value],
    amb: &'a [Value],
    measure_col: Option<i64>,
    key: TextKey,
}

impl GoldSheet<'_> {
    fn alternatives(&self, r: i64, c: i64) -> Vec<&Value> {
        self.amb
            .iter()
            .filter(|a| {
                a["r"].as_i64() == Some(r)
                    && a["c"].as_i64() == Some(c)
                    && a["kind"].as_str() != Some("extent")
            })
            .flat_map(|a| a["alternatives"].as_array().unwrap())
            .collect()
    }

    /// Acceptable measure texts for body row `r`.
    fn measures(&self, r: i64) -> Vec<String> {
        let Some(mc) = self.measure_col else {
            return vec![String::new()];
        };
        let Some(cell) = self.cells.iter().find(|c| {
            let (cr, rs) = (c["r"].as_i64().unwrap(), c["rs"].as_i64().unwrap());
            c["c"].as_i64() == Some(mc) && cr <= r && r < cr + rs
        }) else {
            return vec![String::new()];
        };
        let cr = cell["r"].as_i64().unwrap();
        let mut out = vec![joined(&cell["items"], self.key)];
        for alt in self.alternatives(cr, mc) {
            if let Some(rs) = alt["rs"].as_i64() {
                if r >= cr + rs {
                    out.push(String::new());
                }
            }
            if let Some(split) = alt["split"].as_array() {
                if let Some(first) = split.iter().find(|s| s["c"].as_i64() == Some(mc)) {
                    out.push(joined(&first["items"], self.key));
                }
            }
        }
        out
    }
}

fn take(ours: &mut HashMap<Key, usize>, k: &Key) -> bool {
    match ours.get_mut(k) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

/// Tries to find all `items` in column `col` under one of the `measures`; takes them if all are there.
fn take_all(
    ours: &mut HashMap<Key, usize>,
    sheet: u64,
    col: &str,
    measures: &[String],
    items: &[String],
) -> bool {
    for m in measures {
        let keys: Vec<Key> = items
            .iter()
            .map(|i| (sheet, col.to_string(), m.clone(), i.clone()))
            .collect();
        let mut trial = ours.clone();
        if keys.iter().all(|k| take(&mut trial, k)) {
            *ours = trial;
            return true;
        }
    }
    false
}

/// Maps a normalized item or measure text to what is compared.
type TextKey = fn(&str) -> String;

/// Scores `ed` against the gold reading of 2025-06: the gold items found in the same sheet,
/// column and measure with the same normalized text (listed alternatives count).
pub fn gold_score(ed: &Edition) -> Score {
    score_by(ed, |t| t.to_string())
}

/// As [`gold_score`], but texts are compared without their whitespace and with U+FF5E ～ read
/// as U+301C 〜: a miss here is a miss of placement or of item breaks, not of spacing at line
/// wraps or of the wave-dash confusion.
pub fn gold_score_ignoring_spaces(ed: &Edition) -> Score {
    score_by(ed, |t| {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '\u{FF5E}' { '\u{301C}' } else { c })
            .collect()
    })
}

fn score_by(ed: &Edition, tk: TextKey) -> Score {
    let gold = gold_json();
    let mut mine = ours(ed, tk);
    let (mut total, mut found) = (0usize, 0usize);
    let mut misses = Vec::new();
    for gs in gold["sheets"].as_array().unwrap() {
        let roles: Vec<&str> = gs["column_roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        let cols: Vec<String> = gs["header"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let label = normalize(h["text"].as_str().unwrap());
                let i = h["c"].as_u64().unwrap() as usize;
                col_key(role_of_label(&label, i == 0), &label)
            })
            .collect();
        let g = GoldSheet {
            sheet: gs["sheet"].as_u64().unwrap(),
            cols,
            cells: gs["cells"].as_array().unwrap(),
            amb: gs["ambiguous"].as_array().unwrap(),
            measure_col: roles.iter().position(|r| *r == "measure").map(|p| p as i64),
            key: tk,
        };
        for cell in g.cells {
            let (r, c) = (cell["r"].as_i64().unwrap(), cell["c"].as_i64().unwrap());
            let items: Vec<String> = cell["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| tk(&normalize(i.as_str().unwrap())))
                .collect();
            total += items.len();
            let col = &g.cols[c as usize];
            let measures = g.measures(r);
            // The gold reading, item by item.
            let mut missing = Vec::new();
            for it in &items {
                if measures
                    .iter()
                    .any(|m| take(&mut mine, &(g.sheet, col.clone(), m.clone(), it.clone())))
                {
                    found += 1;
                } else {
                    missing.push(it.clone());
                }
            }
            if missing.is_empty() {
                continue;
            }
            // Listed alternatives: another column, another row's measure, another item split.
            let alts = g.alternatives(r, c);
            let ok = alts.iter().any(|a| {
                let acol = a["c"]
                    .as_i64()
                    .map_or(col.clone(), |x| g.cols[x as usize].clone());
                let ameasures = a["r"].as_i64().map_or(measures.clone(), |x| g.measures(x));
                let aitems: Vec<String> = a["items"].as_array().map_or(missing.clone(), |v| {
                    v.iter()
                        .map(|i| tk(&normalize(i.as_str().unwrap())))
                        .collect()
                });
                (a.get("c").is_some() || a.get("r").is_some() || a.get("items").is_some())
                    && take_all(&mut mine, g.sheet, &acol, &ameasures, &aitems)
            });
            if ok {
                found += missing.len();
            } else {
                for it in missing {
                    misses.push(format!(
                        "sheet {} r{} c{} ({}): {}",
                        g.sheet,
                        r,
                        c,
                        col,
                        it.chars().take(60).collect::<String>()
                    ));
                }
            }
        }
    }
    let leftovers: Vec<String> = mine
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|((s, c, _, t), n)| {
            format!(
                "sheet {s} {c} ×{n}: {}",
                t.chars().take(60).collect::<String>()
            )
        })
        .collect();
    let mut extras = leftovers;
    extras.sort();
    Score {
        total,
        found,
        misses,
        extras,
    }
}
