//! The file-level module graph of `src/`, read from its `use crate::…`, `crate::…` and
//! `super::…` paths: no import cycles, neither front-end imports the other, and the shared
//! stages import neither front-end (only the dispatching files do).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Files that may call both front-ends.
const DISPATCH: &[&str] = &["input", "main", "lib", "batch", "pipeline"];
/// The front-ends, as top-level module names.
const FRONT_ENDS: &[&str] = &["pdf", "dump"];

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Module path of a file: `src/pdf/mod.rs` → `["pdf"]`, `src/lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code before the first `#[cfg(test)]`, without `//` comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap().trim().to_string()];
    };
    let prefix = &tree[..open];
    let close = tree.rfind('}').filter(|&c| c > open).unwrap_or(tree.len());
    let inner = &tree[open + 1..close];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// Every crate path a file names, absolute (`super::` and `self::` resolved).
fn paths(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut raw = Vec::new();
    // `use` declarations start a line (after `pub`, `pub(crate)` …) and end at `;`.
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let t = line.trim_start();
        let t = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .or_else(|| t.strip_prefix("pub "))
            .unwrap_or(t);
        if let Some(rest) = t.strip_prefix("use ") {
            let start = offset + (line.len() - rest.len());
            let tail = &code[start..];
            let end = tail.find(';').unwrap_or(tail.len());
            raw.extend(expand(&tail[..end]));
        }
        offset += line.len();
    }
    for (i, _) in code.match_indices("crate::") {
        let tail = &code[i..];
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(tail.len());
        raw.push(tail[..end].to_string());
    }
    for (i, _) in code.match_indices("super::") {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c == ':') {
            continue;
        }
        let tail = &code[i..];
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(tail.len());
        raw.push(tail[..end].to_string());
    }
    let here: Vec<String> = module.to_vec();
    raw.into_iter()
        .filter_map(|p| {
            let segs: Vec<&str> = p.split("::").filter(|s| !s.is_empty()).collect();
            let (mut base, rest): (Vec<String>, &[&str]) = match *segs.first()? {
                "crate" => (Vec::new(), &segs[1..]),
                "super" => {
                    // `super` of module `a::b` is `a`, whether `b` is `b.rs` or `b/mod.rs`.
                    let k = segs.iter().take_while(|s| **s == "super").count();
                    (here[..here.len().saturating_sub(k)].to_vec(), &segs[k..])
                }
                "self" => (here.clone(), &segs[1..]),
                _ => return None,
            };
            base.extend(rest.iter().map(|s| s.to_string()));
            Some(base)
        })
        .collect()
}

struct Graph {
    files: BTreeMap<Vec<String>, String>,
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn graph() -> Graph {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    rs_files(&src, &mut all);
    let mut files = BTreeMap::new();
    let mut texts = Vec::new();
    for f in &all {
        let m = module_of(&src, f);
        let name = f.strip_prefix(&src).unwrap().display().to_string();
        texts.push((m.clone(), code(&std::fs::read_to_string(f).unwrap())));
        files.insert(m, name);
    }
    let resolve = |p: &[String]| -> Option<Vec<String>> {
        (1..=p.len())
            .rev()
            .map(|k| p[..k].to_vec())
            .find(|k| files.contains_key(k))
    };
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (m, text) in &texts {
        let e = edges.entry(m.clone()).or_default();
        for p in paths(m, text) {
            if let Some(target) = resolve(&p) {
                // A module naming its own children (`pub mod x;` is not a path) or itself is no edge.
                if &target != m && !target.starts_with(m) {
                    e.insert(target);
                }
            }
        }
    }
    Graph { files, edges }
}

/// Strongly connected components with more than one file (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct St<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on: BTreeSet<&'a Vec<String>>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut St<'a>, v: &'a Vec<String>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        for w in s.g.edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(s.g.files[w].clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = St {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.files.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn front_end(m: &[String]) -> Option<&str> {
    m.first()
        .map(String::as_str)
        .filter(|f| FRONT_ENDS.contains(f))
}

#[test]
fn the_module_graph_has_no_cycles() {
    let g = graph();
    assert!(g.files.len() > 20, "found {} files", g.files.len());
    assert!(
        g.edges.values().map(BTreeSet::len).sum::<usize>() > 40,
        "the parser found too few imports to be trusted"
    );
    let c = cycles(&g);
    assert!(c.is_empty(), "import cycles: {c:?}");
}

#[test]
fn front_ends_and_shared_stages_do_not_cross() {
    let g = graph();
    let mut crossings = Vec::new();
    for (from, tos) in &g.edges {
        for to in tos {
            let (a, b) = (front_end(from), front_end(to));
            let bad = match (a, b) {
                (Some(x), Some(y)) => x != y,
                (None, Some(_)) => !DISPATCH.contains(&from.join("::").as_str()),
                _ => false,
            };
            if bad {
                crossings.push(format!("{} -> {}", g.files[from], g.files[to]));
            }
        }
    }
    assert!(crossings.is_empty(), "seam crossings: {crossings:?}");
}

#[test]
fn the_parser_sees_known_imports() {
    // Guards the test itself: a parser that finds nothing would pass the checks above.
    let g = graph();
    let edge = |a: &[&str], b: &[&str]| {
        let a: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        let b: Vec<String> = b.iter().map(|s| s.to_string()).collect();
        g.edges.get(&a).is_some_and(|e| e.contains(&b))
    };
    assert!(edge(&["pipeline"], &["measures"]));
    assert!(
        edge(&["pdf", "content"], &["pdf", "glyph"]),
        "super:: paths"
    );
    assert!(
        edge(&["pipeline"], &["pdf", "reader"]),
        "inline crate:: paths"
    );
}
