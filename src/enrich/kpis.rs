//! Parses the text of a KPI (成果指標) cell into indicators with baseline and target figures.
//!
//! The parser folds full-width characters internally (digits, Latin letters,
//! parentheses, `%`, arrows, range marks) while every `raw` field keeps an exact
//! slice of the original input. It never panics: unknown shapes end up as a
//! [`Kpi`] with an `unparsed` reason.

use serde::{Deserialize, Serialize};

use crate::text::fold::{AsciiForms, Blanks, Fold, Folded};
use crate::text::lexicon::{era_by_letter, ERAS};

/// A figure with its unit and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The number (80 for "80%", 1200000 for "120万件"); None for a target without a number.
    pub value: Option<f64>,
    /// The unit printed after the number (件, 人, %, か国 ...); None for a bare number.
    pub unit: Option<String>,
    /// 以上 / 以下 / 未満 / 超 / 累積 / 平均 / 年間 / 年平均 / 目標設定, concatenated when several are printed.
    pub qualifier: Option<String>,
    /// Gregorian start year of the fiscal-year period the figure refers to.
    pub fiscal_year_first: Option<i32>,
    /// Gregorian end year of the fiscal-year period (same as first for one year).
    pub fiscal_year_last: Option<i32>,
    /// Exact source slice of the figure with its period.
    pub raw: String,
}

/// One KPI found in a cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    /// The text naming what is measured, trimmed and folded to half-width.
    pub indicator: String,
    /// The current/starting value (the earlier period, or the left side of an arrow).
    pub baseline: Option<Figure>,
    /// The goal (the later period, or the right side of an arrow).
    pub target: Option<Figure>,
    /// Leftover text such as "※..." or "(再掲)".
    pub note: Option<String>,
    /// Exact source slice of this KPI.
    pub raw: String,
    /// None when baseline or target was found; otherwise the reason.
    pub unparsed: Option<String>,
}

/// Splits a KPI cell into its KPIs and parses each; every non-blank input gives at least one Kpi (possibly unparsed with a reason).
pub fn parse_kpis(text: &str) -> Vec<Kpi> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let src = Source::new(text);
    let toks = tokenize(&src, 0, src.len(), 0);
    let mut out = Parser::new(&src, &toks).run();
    if out.is_empty() {
        out.push(Kpi {
            indicator: clean_text(&KPI_FOLD.string(text)),
            baseline: None,
            target: None,
            note: None,
            raw: text.trim().to_string(),
            unparsed: Some("no KPI text found".to_string()),
        });
    }
    out
}

// ---------------------------------------------------------------------------
// Folding

/// The folds KPI text is read with: half-width digits, letters and figure marks, one dash,
/// the full-width tilde for every range mark, → for every arrow, kanji for radicals.
const KPI_FOLD: Fold = Fold {
    ascii: AsciiForms::AlnumMarks,
    blanks: Blanks::Ideographic,
    dashes: true,
    tildes: Some('～'),
    arrows: true,
    half_kana: false,
    radicals: true,
};

/// The input as folded characters with byte offsets back into the original.
struct Source<'a> {
    text: &'a str,
    chars: Vec<char>,
    offs: Vec<usize>,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Self {
        let mut chars = Vec::new();
        let mut offs = Vec::new();
        for (c, start, _) in Folded::new(text, KPI_FOLD).char_spans() {
            chars.push(c);
            offs.push(start);
        }
        offs.push(text.len());
        Source { text, chars, offs }
    }
    fn len(&self) -> usize {
        self.chars.len()
    }
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }
    /// Exact original slice for the char range [s, e).
    fn raw(&self, s: usize, e: usize) -> &'a str {
        let n = self.len();
        let (s, e) = (s.min(n), e.min(n));
        if s >= e {
            return "";
        }
        self.text.get(self.offs[s]..self.offs[e]).unwrap_or("")
    }
    /// Folded string for the char range [s, e).
    fn folded(&self, s: usize, e: usize) -> String {
        let n = self.len();
        let (s, e) = (s.min(n), e.min(n));
        if s >= e {
            return String::new();
        }
        self.chars[s..e].iter().collect()
    }
    fn starts_with(&self, i: usize, pat: &str) -> bool {
        (i..).zip(pat.chars()).all(|(k, p)| self.at(k) == Some(p))
    }
}

// ---------------------------------------------------------------------------
// Fiscal years

/// One side of a period: years plus qualifier / leftover text found in it.
#[derive(Debug, Clone, PartialEq)]
struct PeriodSide {
    first: i32,
    last: i32,
    qualifier: Option<String>,
    extra: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Period {
    a: PeriodSide,
    b: Option<PeriodSide>,
}

/// Finds fiscal-year tokens in [s, e): returns (gregorian year, start, end).
fn scan_years(src: &Source, s: usize, e: usize) -> Vec<(i32, usize, usize)> {
    let mut out = Vec::new();
    let mut i = s;
    while i < e {
        let c = src.chars[i];
        let prev_alpha = i > 0 && src.chars[i - 1].is_ascii_alphabetic();
        let prev_digit =
            i > 0 && (src.chars[i - 1].is_ascii_digit() || matches!(src.chars[i - 1], ',' | '.'));
        let mut era: Option<(i32, usize)> = None;
        if let Some(e) = era_by_letter(c).filter(|e| e.bare_letter && !prev_alpha) {
            era = Some((e.offset, i + 1));
        } else if let Some(e) = ERAS.iter().find(|e| src.starts_with(i, e.kanji)) {
            era = Some((e.offset, i + e.kanji.chars().count()));
        }
        if let Some((base, k)) = era {
            if k < e && src.chars[k] == '元' {
                let end = skip_year_suffix(src, k + 1, e);
                out.push((base + 1, i, end));
                i = end;
                continue;
            }
            let (num, k2) = read_digits(src, k, e);
            if let Some(n) = num {
                if (1..=99).contains(&n) {
                    let end = skip_year_suffix(src, k2, e);
                    out.push((base + n, i, end));
                    i = end;
                    continue;
                }
            }
        }
        if c.is_ascii_digit() && !prev_digit && !prev_alpha {
            let (num, k2) = read_digits(src, i, e);
            let next_num = k2 < e && (src.chars[k2].is_ascii_digit() || src.chars[k2] == '.');
            if let Some(n) = num {
                if k2 - i == 4 && (1900..=2199).contains(&n) && !next_num {
                    let end = skip_year_suffix(src, k2, e);
                    out.push((n, i, end));
                    i = end;
                    continue;
                }
            }
            i = k2.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

fn read_digits(src: &Source, s: usize, e: usize) -> (Option<i32>, usize) {
    let mut k = s;
    let mut v: i64 = 0;
    while k < e && src.chars[k].is_ascii_digit() {
        v = (v * 10 + i64::from(src.chars[k] as u8 - b'0')).min(1_000_000_000);
        k += 1;
    }
    if k == s {
        (None, s)
    } else {
        (i32::try_from(v).ok(), k)
    }
}

fn skip_year_suffix(src: &Source, k: usize, e: usize) -> usize {
    for suf in ["年度", "年"] {
        let l = suf.chars().count();
        if k + l <= e && src.starts_with(k, suf) {
            return k + l;
        }
    }
    k
}

const PERIOD_QUALIFIERS: [&str; 4] = ["目標設定", "年平均", "平均", "累積"];

/// Parses the content of a parenthesised group as a period; None when it holds no year.
fn parse_period(src: &Source, s: usize, e: usize) -> Option<Period> {
    let mut arrow = None;
    let mut k = s;
    while k < e {
        if src.chars[k] == '→' {
            arrow = Some((k, k + 1));
            break;
        }
        if src.chars[k] == '-' && src.at(k + 1) == Some('>') && k + 1 < e {
            arrow = Some((k, k + 2));
            break;
        }
        k += 1;
    }
    match arrow {
        Some((a0, a1)) => {
            let left = parse_side(src, s, a0)?;
            let right = parse_side(src, a1, e);
            Some(Period { a: left, b: right })
        }
        None => Some(Period {
            a: parse_side(src, s, e)?,
            b: None,
        }),
    }
}

fn parse_side(src: &Source, s: usize, e: usize) -> Option<PeriodSide> {
    let years = scan_years(src, s, e);
    let first = years.first()?;
    let last = years.last()?;
    // Text that is not a year token.
    let mut rest = String::new();
    let mut k = s;
    for &(_, ys, ye) in &years {
        rest.push_str(&src.folded(k, ys));
        rest.push(' ');
        k = ye;
    }
    rest.push_str(&src.folded(k, e));
    let mut quals = Vec::new();
    for q in PERIOD_QUALIFIERS {
        if rest.contains(q) {
            rest = rest.replace(q, " ");
            if !(q == "平均" && quals.contains(&"年平均")) {
                quals.push(q);
            }
        }
    }
    for junk in [
        "までに",
        "まで",
        "から",
        "以降",
        "～",
        "-",
        "・",
        "、",
        ",",
        ":",
    ] {
        rest = rest.replace(junk, " ");
    }
    let extra = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(PeriodSide {
        first: first.0.min(last.0),
        last: first.0.max(last.0),
        qualifier: if quals.is_empty() {
            None
        } else {
            Some(quals.concat())
        },
        extra: if extra.is_empty() { None } else { Some(extra) },
    })
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq)]
struct FigTok {
    value: f64,
    unit: Option<String>,
    pre_q: Option<String>,
    post_q: Option<String>,
    s: usize,
    e: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Ws,
    Arrow,
    LArrow,
    Slash,
    Text,
    Num(FigTok),
    Period(Period),
    /// A parenthesised figure with its own inner period, e.g. "(29.8%(H30))".
    ParenFig(FigTok, Option<Period>, usize, usize),
    ParenText,
}

#[derive(Debug, Clone, PartialEq)]
struct Tok {
    kind: Kind,
    s: usize,
    e: usize,
}

const UNITS: [&str; 40] = [
    "都道府県",
    "都府県",
    "道府県",
    "市町村",
    "医療機関",
    "か国",
    "ヶ国",
    "カ国",
    "ケ国",
    "か月",
    "ヶ月",
    "カ月",
    "ケ月",
    "施設",
    "拠点",
    "品目",
    "試験",
    "成分",
    "機関",
    "病院",
    "企業",
    "団体",
    "大学",
    "件数",
    "億円",
    "万円",
    "社",
    "件",
    "人",
    "名",
    "編",
    "%",
    "品",
    "回",
    "例",
    "日",
    "年",
    "倍",
    "校",
    "円",
];
const POST_QUALIFIERS: [&str; 5] = ["以上", "以下", "未満", "以内", "超"];
const PRE_QUALIFIERS: [&str; 2] = ["年平均", "年間"];

/// Reads a number with unit and qualifier starting at `i` (a digit).
fn read_number(src: &Source, i: usize, e: usize) -> (f64, Option<String>, Option<String>, usize) {
    let mut k = i;
    let mut digits = String::new();
    while k < e {
        let c = src.chars[k];
        if c.is_ascii_digit() {
            digits.push(c);
            k += 1;
        } else if c == ','
            && k + 3 < e + 1
            && (1..=3).all(|d| src.at(k + d).is_some_and(|x| x.is_ascii_digit()) && k + d < e)
            && !src.at(k + 4).is_some_and(|x| x.is_ascii_digit())
        {
            k += 1;
        } else if c == '.'
            && !digits.contains('.')
            && src.at(k + 1).is_some_and(|x| x.is_ascii_digit())
            && k + 1 < e
        {
            digits.push('.');
            k += 1;
        } else {
            break;
        }
    }
    let mut value: f64 = digits.parse().unwrap_or(0.0);
    let mult = match src.at(k) {
        Some('万') if k < e => Some(10_000.0),
        Some('億') if k < e && !src.starts_with(k, "億円") => Some(100_000_000.0),
        Some('千') if k < e => Some(1_000.0),
        _ => None,
    };
    if let Some(m) = mult {
        value *= m;
        k += 1;
    }
    let mut unit = None;
    for u in UNITS {
        let l = u.chars().count();
        if k + l <= e && src.starts_with(k, u) {
            unit = Some(u.to_string());
            k += l;
            break;
        }
    }
    let mut post = None;
    for q in POST_QUALIFIERS {
        let l = q.chars().count();
        if k + l <= e && src.starts_with(k, q) {
            post = Some(q.to_string());
            k += l;
            break;
        }
    }
    (value, unit, post, k)
}

/// Finds the matching ')' for '(' at `i`, within [i, e).
fn matching_paren(src: &Source, i: usize, e: usize) -> Option<usize> {
    let mut depth = 0usize;
    for k in i..e {
        match src.chars[k] {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

fn tokenize(src: &Source, lo: usize, hi: usize, depth: usize) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut text_start: Option<usize> = None;
    let flush = |toks: &mut Vec<Tok>, ts: &mut Option<usize>, end: usize| {
        if let Some(s) = ts.take() {
            if s < end {
                toks.push(Tok {
                    kind: Kind::Text,
                    s,
                    e: end,
                });
            }
        }
    };
    let push_ws = |toks: &mut Vec<Tok>, s: usize, e: usize| {
        if let Some(last) = toks.last_mut() {
            if last.kind == Kind::Ws && last.e == s {
                last.e = e;
                return;
            }
        }
        toks.push(Tok {
            kind: Kind::Ws,
            s,
            e,
        });
    };
    let mut i = lo;
    while i < hi {
        let c = src.chars[i];
        // HTML tags count as whitespace.
        if c == '<'
            && src
                .at(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/')
        {
            if let Some(j) = (i + 1..hi.min(i + 300)).find(|&j| src.chars[j] == '>') {
                flush(&mut toks, &mut text_start, i);
                push_ws(&mut toks, i, j + 1);
                i = j + 1;
                continue;
            }
        }
        if c.is_whitespace() {
            flush(&mut toks, &mut text_start, i);
            push_ws(&mut toks, i, i + 1);
            i += 1;
            continue;
        }
        if c == '→' || (c == '-' && src.at(i + 1) == Some('>') && i + 1 < hi) {
            flush(&mut toks, &mut text_start, i);
            let e = if c == '→' { i + 1 } else { i + 2 };
            toks.push(Tok {
                kind: Kind::Arrow,
                s: i,
                e,
            });
            i = e;
            continue;
        }
        if c == '←' {
            flush(&mut toks, &mut text_start, i);
            toks.push(Tok {
                kind: Kind::LArrow,
                s: i,
                e: i + 1,
            });
            i += 1;
            continue;
        }
        if c == '/' {
            flush(&mut toks, &mut text_start, i);
            toks.push(Tok {
                kind: Kind::Slash,
                s: i,
                e: i + 1,
            });
            i += 1;
            continue;
        }
        if c == '(' {
            if let Some(j) = matching_paren(src, i, hi) {
                flush(&mut toks, &mut text_start, i);
                let (cs, ce) = (i + 1, j);
                let nested = (cs..ce).any(|k| src.chars[k] == '(');
                let kind = if nested && depth < 4 {
                    let inner = tokenize(src, cs, ce, depth + 1);
                    let fig = inner.iter().find_map(|t| match &t.kind {
                        Kind::Num(f) => Some(f.clone()),
                        _ => None,
                    });
                    let per = inner.iter().find_map(|t| match &t.kind {
                        Kind::Period(p) => Some(p.clone()),
                        _ => None,
                    });
                    match fig {
                        Some(f) => Kind::ParenFig(f, per, cs, ce),
                        None => Kind::ParenText,
                    }
                } else if nested {
                    Kind::ParenText
                } else {
                    match parse_period(src, cs, ce) {
                        Some(p) => Kind::Period(p),
                        None => Kind::ParenText,
                    }
                };
                toks.push(Tok {
                    kind,
                    s: i,
                    e: j + 1,
                });
                i = j + 1;
                continue;
            }
        }
        let prev = if i > lo { src.at(i - 1) } else { None };
        let word_digit =
            prev.is_some_and(|p| p.is_ascii_alphabetic() || p == '※' || p.is_ascii_digit());
        if c.is_ascii_digit() && !word_digit {
            // A prefix qualifier (年間 / 年平均) directly before the number belongs to the figure.
            let mut fs = i;
            let mut pre_q = None;
            if let Some(ts) = text_start {
                for q in PRE_QUALIFIERS {
                    let l = q.chars().count();
                    if i >= ts + l && src.starts_with(i - l, q) {
                        fs = i - l;
                        pre_q = Some(q.to_string());
                        break;
                    }
                }
            }
            flush(&mut toks, &mut text_start, fs);
            let (value, unit, post_q, e) = read_number(src, i, hi);
            let e = e.max(i + 1);
            toks.push(Tok {
                kind: Kind::Num(FigTok {
                    value,
                    unit,
                    pre_q,
                    post_q,
                    s: fs,
                    e,
                }),
                s: fs,
                e,
            });
            i = e;
            continue;
        }
        if text_start.is_none() {
            text_start = Some(i);
        }
        i += 1;
    }
    flush(&mut toks, &mut text_start, hi);
    toks
}

// ---------------------------------------------------------------------------
// Assembling KPIs

#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Plain,
    Left,
    Right,
    /// Explicit baseline (parenthesised current value, or text after ←).
    Base,
}

#[derive(Debug, Clone)]
struct Entry {
    fig: Figure,
    side: Side,
    /// Char index where the figure starts in the source.
    s: usize,
}

struct Builder {
    start: usize,
    last_end: usize,
    ind_end: Option<usize>,
    entries: Vec<Entry>,
    /// Figure tokens waiting for their period: (entry index, figure start).
    pending: Vec<usize>,
    arrow_pending: bool,
    complete: bool,
    notes: Vec<String>,
    candidate: Option<FigTok>,
    last_text: Option<String>,
    has_content: bool,
}

impl Builder {
    fn new(start: usize) -> Self {
        Builder {
            start,
            last_end: start,
            ind_end: None,
            entries: Vec::new(),
            pending: Vec::new(),
            arrow_pending: false,
            complete: false,
            notes: Vec::new(),
            candidate: None,
            last_text: None,
            has_content: false,
        }
    }
}

struct Parser<'s, 'a> {
    src: &'s Source<'a>,
    toks: &'s [Tok],
    out: Vec<Kpi>,
}

fn join_q(parts: &[Option<&str>]) -> Option<String> {
    let mut s = String::new();
    for p in parts.iter().flatten() {
        if !s.contains(p) {
            s.push_str(p);
        }
    }
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

fn make_figure(
    src: &Source,
    f: Option<&FigTok>,
    side: Option<&PeriodSide>,
    raw_s: usize,
    raw_e: usize,
) -> Figure {
    Figure {
        value: f.map(|f| f.value),
        unit: f.and_then(|f| f.unit.clone()),
        qualifier: join_q(&[
            f.and_then(|f| f.pre_q.as_deref()),
            f.and_then(|f| f.post_q.as_deref()),
            side.and_then(|p| p.qualifier.as_deref()),
        ]),
        fiscal_year_first: side.map(|p| p.first),
        fiscal_year_last: side.map(|p| p.last),
        raw: src.raw(raw_s, raw_e).trim().to_string(),
    }
}

/// Strips HTML tags and trims whitespace and leading connective punctuation.
fn clean_text(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_tag {
            if c == '>' {
                in_tag = false;
                out.push(' ');
            }
            continue;
        }
        if c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
            && chars[i..].contains(&'>')
        {
            in_tag = true;
            continue;
        }
        out.push(c);
    }
    let mut t = out.trim();
    loop {
        let before = t;
        t = t.trim_start_matches(['、', ',', '・', '/', ' ', '。']);
        if let Some(r) = t.strip_prefix("や、") {
            t = r;
        }
        t = t.trim();
        if t == before {
            break;
        }
    }
    t.to_string()
}

/// True when text can open a new KPI: not a footnote, not a continuation
/// starting with a particle ("等の着実な増加", "が 未達成").
fn is_indicator_like(s: &str) -> bool {
    const CONT: [&str; 12] = [
        "※", "等", "など", "の", "が", "を", "に", "は", "で", "と", "へ", "も",
    ];
    !CONT.iter().any(|c| s.starts_with(c)) && s.chars().any(|c| c.is_alphabetic())
}

impl<'s, 'a> Parser<'s, 'a> {
    fn new(src: &'s Source<'a>, toks: &'s [Tok]) -> Self {
        Parser {
            src,
            toks,
            out: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<Kpi> {
        let mut b = Builder::new(0);
        let mut after_ws = false;
        let mut idx = 0;
        while idx < self.toks.len() {
            let tok = &self.toks[idx];
            idx += 1;
            if tok.kind == Kind::Ws {
                after_ws = true;
                if !b.has_content {
                    b.start = tok.e;
                    b.last_end = tok.e;
                }
                continue;
            }
            let adjacent_next_text = self
                .toks
                .get(idx)
                .is_some_and(|n| n.kind == Kind::Text && n.s == tok.e);
            match &tok.kind {
                Kind::Ws => {}
                Kind::Slash => {
                    self.finish(std::mem::replace(&mut b, Builder::new(tok.e)));
                    after_ws = false;
                    continue;
                }
                Kind::LArrow => {
                    // Everything up to the next '/' describes the baseline.
                    let seg_end_idx = self.toks[idx..]
                        .iter()
                        .position(|t| t.kind == Kind::Slash)
                        .map_or(self.toks.len(), |p| idx + p);
                    let seg_end = self.toks.get(seg_end_idx).map_or(self.src.len(), |t| t.s);
                    let (rs, re) = (tok.e, seg_end);
                    let fig =
                        self.toks[idx..seg_end_idx]
                            .iter()
                            .rev()
                            .find_map(|t| match &t.kind {
                                Kind::Num(f) => Some(f.clone()),
                                _ => None,
                            });
                    let side = parse_side(self.src, rs, re);
                    if b.ind_end.is_none() {
                        b.ind_end = Some(tok.s);
                    }
                    if fig.is_some() || side.is_some() {
                        let figure = make_figure(self.src, fig.as_ref(), side.as_ref(), rs, re);
                        b.entries.push(Entry {
                            fig: figure,
                            side: Side::Base,
                            s: rs,
                        });
                    } else {
                        b.notes.push(self.src.folded(tok.s, re));
                    }
                    b.last_end = self.toks[idx..seg_end_idx]
                        .iter()
                        .rev()
                        .find(|t| t.kind != Kind::Ws)
                        .map_or(tok.e, |t| t.e);
                    b.has_content = true;
                    idx = seg_end_idx;
                    continue;
                }
                Kind::Text => {
                    let text = self.src.folded(tok.s, tok.e);
                    if b.complete && b.pending.is_empty() && after_ws && is_indicator_like(&text) {
                        self.finish(std::mem::replace(&mut b, Builder::new(tok.s)));
                    } else if text.starts_with('※') && (b.complete || b.ind_end.is_some()) {
                        if b.ind_end.is_none() {
                            b.ind_end = Some(tok.s);
                        }
                        b.notes.push(text.clone());
                    } else if b.ind_end.is_some() {
                        b.notes.push(text.clone());
                    }
                    b.last_text = Some(text);
                }
                Kind::Num(f) => {
                    if adjacent_next_text && b.ind_end.is_none() {
                        // A number inside the indicator wording, e.g. "86品目のうち".
                        if f.pre_q.is_some() || f.post_q.is_some() {
                            b.candidate = Some(f.clone());
                        }
                        b.last_text = Some(self.src.folded(tok.s, tok.e));
                    } else {
                        if b.ind_end.is_none() {
                            b.ind_end = Some(tok.s);
                        }
                        let side = if b.arrow_pending && !b.pending.is_empty() {
                            if let Some(&l) = b.pending.last() {
                                b.entries[l].side = Side::Left;
                            }
                            Side::Right
                        } else {
                            Side::Plain
                        };
                        b.arrow_pending = false;
                        let fig = make_figure(self.src, Some(f), None, tok.s, tok.e);
                        b.entries.push(Entry {
                            fig,
                            side,
                            s: tok.s,
                        });
                        b.pending.push(b.entries.len() - 1);
                        b.complete = false;
                        b.last_text = None;
                    }
                }
                Kind::Arrow => {
                    if !b.pending.is_empty() {
                        b.arrow_pending = true;
                    } else if b.ind_end.is_some() {
                        b.notes.push("→".to_string());
                    }
                }
                Kind::Period(p) => {
                    let after_now = b.ind_end.is_none()
                        && b.last_text
                            .as_deref()
                            .is_some_and(|t| t.ends_with("現在") || t.ends_with("時点"));
                    if after_now {
                        // "現在 (R5) ..." dates the wording, it is not a figure.
                    } else if !b.pending.is_empty() {
                        self.assign_period(&mut b, p, tok.e);
                        b.complete = true;
                    } else {
                        // A period without a figure: a dated goal such as "運用開始 (R10～)".
                        if b.ind_end.is_none() {
                            b.ind_end = Some(tok.s);
                        }
                        let side = p.b.as_ref().unwrap_or(&p.a);
                        let cand = b.candidate.take();
                        let raw_s = cand.as_ref().map_or(tok.s, |c| c.s);
                        let fig = make_figure(self.src, cand.as_ref(), Some(side), raw_s, tok.e);
                        if let Some(x) = &side.extra {
                            b.notes.push(x.clone());
                        }
                        b.entries.push(Entry {
                            fig,
                            side: Side::Plain,
                            s: raw_s,
                        });
                        b.complete = true;
                    }
                    b.last_text = None;
                }
                Kind::ParenFig(f, p, cs, ce) => {
                    let side = p.as_ref().map(|p| p.b.as_ref().unwrap_or(&p.a).clone());
                    let fig = make_figure(self.src, Some(f), side.as_ref(), *cs, *ce);
                    if let Some(x) = side.and_then(|s| s.extra) {
                        b.notes.push(x);
                    }
                    b.entries.push(Entry {
                        fig,
                        side: Side::Base,
                        s: *cs,
                    });
                    b.complete = true;
                    b.last_text = None;
                }
                Kind::ParenText => {
                    if b.ind_end.is_some() {
                        b.notes.push(self.src.folded(tok.s, tok.e));
                    }
                    b.last_text = None;
                }
            }
            b.has_content = true;
            b.last_end = tok.e;
            after_ws = false;
        }
        self.finish(b);
        self.out
    }

    fn assign_period(&self, b: &mut Builder, p: &Period, pend: usize) {
        let pending = std::mem::take(&mut b.pending);
        b.arrow_pending = false;
        let n = pending.len();
        let give = |entry: usize, side: &PeriodSide, b: &mut Builder| {
            if let Some(e) = b.entries.get_mut(entry) {
                e.fig.fiscal_year_first = Some(side.first);
                e.fig.fiscal_year_last = Some(side.last);
                let q = join_q(&[e.fig.qualifier.as_deref(), side.qualifier.as_deref()]);
                e.fig.qualifier = q;
            }
            if let Some(x) = &side.extra {
                b.notes.push(x.clone());
            }
        };
        match (&p.b, n) {
            (Some(right), k) if k >= 2 => {
                give(pending[k - 2], &p.a, b);
                give(pending[k - 1], right, b);
            }
            (Some(right), _) => {
                if let Some(&l) = pending.last() {
                    give(l, right, b);
                }
            }
            (None, _) => {
                if let Some(&l) = pending.last() {
                    give(l, &p.a, b);
                }
            }
        }
        // The figure that received the closing period gets it in its raw slice.
        if let Some(&l) = pending.last() {
            if let Some(e) = b.entries.get_mut(l) {
                e.fig.raw = self.src.raw(e.s, pend).trim().to_string();
            }
        }
    }

    fn finish(&mut self, b: Builder) {
        if !b.has_content {
            return;
        }
        let end = b.last_end.max(b.start);
        let raw = self.src.raw(b.start, end).trim().to_string();
        if raw.is_empty() {
            return;
        }
        let ind_end = b.ind_end.unwrap_or(end).clamp(b.start, end);
        let indicator = clean_text(&self.src.folded(b.start, ind_end));
        let entries = b.entries;
        // An arrow pair wins; otherwise the later dated figure is the target.
        let (mut baseline, mut target) = (None, None);
        if let Some(ri) = entries.iter().rposition(|e| e.side == Side::Right) {
            target = Some(entries[ri].fig.clone());
            if let Some(li) = entries[..ri].iter().rposition(|e| e.side == Side::Left) {
                baseline = Some(entries[li].fig.clone());
            }
        }
        if target.is_none() {
            let base_idx = entries.iter().position(|e| e.side == Side::Base);
            let plain: Vec<&Entry> = entries.iter().filter(|e| e.side != Side::Base).collect();
            let key = |e: &Entry| {
                (
                    e.fig.fiscal_year_last.unwrap_or(i32::MIN),
                    e.fig.fiscal_year_first.unwrap_or(i32::MIN),
                )
            };
            if plain.len() >= 2 {
                let mut ti = 0;
                let mut bi = 0;
                for (i, e) in plain.iter().enumerate() {
                    if key(e) > key(plain[ti]) {
                        ti = i;
                    }
                    if key(e) < key(plain[bi]) {
                        bi = i;
                    }
                }
                if ti == bi {
                    ti = 0;
                    bi = 1;
                }
                target = Some(plain[ti].fig.clone());
                baseline = Some(plain[bi].fig.clone());
            } else if let Some(e) = plain.first() {
                target = Some(e.fig.clone());
            }
            if baseline.is_none() {
                if let Some(bi) = base_idx {
                    baseline = Some(entries[bi].fig.clone());
                }
            }
        }
        let note = {
            let n = b
                .notes
                .iter()
                .map(|s| clean_text(s))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if n.is_empty() {
                None
            } else {
                Some(n)
            }
        };
        let unparsed = if baseline.is_none() && target.is_none() {
            Some("no figure with a period or arrow".to_string())
        } else {
            None
        };
        self.out.push(Kpi {
            indicator,
            baseline,
            target,
            note,
            raw,
            unparsed,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(text: &str) -> Kpi {
        let v = parse_kpis(text);
        assert_eq!(v.len(), 1, "{v:#?}");
        v.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    /// Asserts value, unit and fiscal years of a figure.
    fn check(f: &Option<Figure>, value: Option<f64>, unit: Option<&str>, first: i32, last: i32) {
        let f = f.as_ref().expect("figure present");
        assert_eq!(f.value, value, "{f:?}");
        assert_eq!(f.unit.as_deref(), unit, "{f:?}");
        assert_eq!(f.fiscal_year_first, Some(first), "{f:?}");
        assert_eq!(f.fiscal_year_last, Some(last), "{f:?}");
    }

    #[test]
    fn three_kpis_in_one_cell() {
        let v = parse_kpis(CORPUS[0]);
        assert_eq!(v.len(), 3, "{v:#?}");
        assert_eq!(
            v[0].indicator,
            "国内イノベーション促進拠点又は国内イノベーション促進プログラムを有する外資系製薬企業の数"
        );
        check(&v[0].target, Some(14.0), None, 2028, 2028);
        check(&v[0].baseline, Some(7.0), None, 2023, 2023);
        assert_eq!(
            v[0].target.as_ref().map(|f| f.raw.as_str()),
            Some("14 (R10)")
        );
        assert_eq!(
            v[0].note.as_deref(),
            Some("※現在政府において把握している数")
        );
        assert_eq!(v[1].indicator, "創薬ベンチャー採択件数");
        check(&v[1].baseline, Some(11.0), Some("件"), 2023, 2023);
        check(&v[1].target, Some(70.0), Some("件"), 2028, 2028);
        assert_eq!(v[1].raw, "創薬ベンチャー採択件数 11件 → 70件 (R5→R10)");
        assert_eq!(
            v[2].indicator,
            "左記事業によって、起業や導出など企業活動に移行した数"
        );
        check(&v[2].target, Some(8.0), None, 2025, 2028);
        assert!(v[2].baseline.is_none());
        assert!(v.iter().all(|k| k.unparsed.is_none()));
    }

    #[test]
    fn target_then_baseline() {
        let k = one("整備した施設における国内FIH試験実施件数 10件 (R10) 0件 (R5)");
        assert_eq!(k.indicator, "整備した施設における国内FIH試験実施件数");
        check(&k.target, Some(10.0), Some("件"), 2028, 2028);
        check(&k.baseline, Some(0.0), Some("件"), 2023, 2023);
        assert_eq!(k.target.map(|f| f.raw), Some("10件 (R10)".to_string()));
    }

    #[test]
    fn arrow_between_figures() {
        let k = one("デュアルユース設備を有する拠点 0拠点→16拠点 (R5→R10)");
        assert_eq!(k.indicator, "デュアルユース設備を有する拠点");
        check(&k.baseline, Some(0.0), Some("拠点"), 2023, 2023);
        check(&k.target, Some(16.0), Some("拠点"), 2028, 2028);
        assert_eq!(k.baseline.map(|f| f.raw), Some("0拠点".to_string()));
    }

    #[test]
    fn showa_years_like_other_eras() {
        let k = one("健診受診率 30% (昭和60年度) 80% (令和10年度)");
        check(&k.baseline, Some(30.0), Some("%"), 1985, 1985);
        check(&k.target, Some(80.0), Some("%"), 2028, 2028);
        let k = one("登録件数 5件→20件 (昭和63年→平成元年)");
        check(&k.baseline, Some(5.0), Some("件"), 1988, 1988);
        check(&k.target, Some(20.0), Some("件"), 1989, 1989);
    }

    #[test]
    fn era_ranges() {
        let k = one("バイオ製造人材研修の累積受講者数 750名 (R6-R10) 303名 (H30-R5)");
        assert_eq!(k.indicator, "バイオ製造人材研修の累積受講者数");
        check(&k.target, Some(750.0), Some("名"), 2024, 2028);
        check(&k.baseline, Some(303.0), Some("名"), 2018, 2023);
    }

    #[test]
    fn gregorian_ranges_with_arrow_and_average() {
        let k = one(
            "シーズ導出件数及び連続的支援数 203件→250件 (2021-2023年度平均→ 2026～2028年度平均)",
        );
        assert_eq!(k.indicator, "シーズ導出件数及び連続的支援数");
        check(&k.baseline, Some(203.0), Some("件"), 2021, 2023);
        check(&k.target, Some(250.0), Some("件"), 2026, 2028);
        assert_eq!(
            k.baseline.and_then(|f| f.qualifier).as_deref(),
            Some("平均")
        );
        assert_eq!(k.target.and_then(|f| f.qualifier).as_deref(), Some("平均"));
    }

    #[test]
    fn html_paragraph_is_ignored() {
        let k = one("<p>シーズ導出件数及び連続的支援数 203件→250件 (2021-2023年度平均→ 2026～2028年度平均)</p>");
        assert_eq!(k.indicator, "シーズ導出件数及び連続的支援数");
        check(&k.target, Some(250.0), Some("件"), 2026, 2028);
    }

    #[test]
    fn cumulative_periods() {
        let k =
            one("希少疾病用医薬品の指定件数 200件 (2024-2028年度累積) 151件 (2018-2022年度累積)");
        assert_eq!(k.indicator, "希少疾病用医薬品の指定件数");
        check(&k.target, Some(200.0), Some("件"), 2024, 2028);
        check(&k.baseline, Some(151.0), Some("件"), 2018, 2022);
        assert_eq!(k.target.and_then(|f| f.qualifier).as_deref(), Some("累積"));
    }

    #[test]
    fn slash_separates_kpis_and_percent() {
        let v = parse_kpis(
            "後発品数量シェア 全都道府県で 80%以上 (R10) 11都府県が 未達成 (R5)/ 後発品金額シェア 65%以上 (R11) 56.7% (R5)",
        );
        assert_eq!(v.len(), 2, "{v:#?}");
        assert!(v[0].indicator.starts_with("後発品数量シェア"));
        check(&v[0].target, Some(80.0), Some("%"), 2028, 2028);
        assert_eq!(
            v[0].target.as_ref().and_then(|f| f.qualifier.as_deref()),
            Some("以上")
        );
        check(&v[0].baseline, Some(11.0), Some("都府県"), 2023, 2023);
        assert_eq!(v[1].indicator, "後発品金額シェア");
        check(&v[1].target, Some(65.0), Some("%"), 2029, 2029);
        check(&v[1].baseline, Some(56.7), Some("%"), 2023, 2023);
    }

    #[test]
    fn no_spaces_between_figures() {
        let k = one("バイオシミラーに80%以上置き換わった成分数60%(R11)25%(R5)");
        assert_eq!(k.indicator, "バイオシミラーに80%以上置き換わった成分数");
        check(&k.target, Some(60.0), Some("%"), 2029, 2029);
        check(&k.baseline, Some(25.0), Some("%"), 2023, 2023);
    }

    #[test]
    fn dated_goal_with_reprint_note() {
        let k = one("現在 (R5) ドラッグ・ロスを生じている医薬品86品目のうち必要な医薬品の開発着手 (R8)(再掲)");
        assert_eq!(
            k.indicator,
            "現在 (R5) ドラッグ・ロスを生じている医薬品86品目のうち必要な医薬品の開発着手"
        );
        check(&k.target, None, None, 2026, 2026);
        assert!(k.baseline.is_none());
        assert_eq!(k.note.as_deref(), Some("(再掲)"));
        assert!(k.unparsed.is_none());
    }

    #[test]
    fn sentence_without_period_is_unparsed() {
        let k = one("令和5年末時点で海外2か国以上でスイッチ OTC化されている医薬品を原則、令和8年末までにOTC化");
        assert!(k.target.is_none() && k.baseline.is_none());
        assert!(k.unparsed.is_some());
        assert_eq!(k.indicator, "令和5年末時点で海外2か国以上でスイッチ OTC化されている医薬品を原則、令和8年末までにOTC化");
    }

    #[test]
    fn yearly_qualifiers() {
        let k = one("ワンストップ窓口への国際共同治験の相談件数年間15件 (R10)");
        assert_eq!(k.indicator, "ワンストップ窓口への国際共同治験の相談件数");
        check(&k.target, Some(15.0), Some("件"), 2028, 2028);
        assert_eq!(k.target.and_then(|f| f.qualifier).as_deref(), Some("年間"));

        let k = one("年平均3件以上の革新的な創薬シーズの創出 (R10) ←H30からR5の6年間で12件");
        assert_eq!(k.indicator, "年平均3件以上の革新的な創薬シーズの創出");
        check(&k.target, Some(3.0), Some("件"), 2028, 2028);
        assert_eq!(
            k.target.and_then(|f| f.qualifier).as_deref(),
            Some("年平均以上")
        );
        check(&k.baseline, Some(12.0), Some("件"), 2018, 2023);
    }

    #[test]
    fn goal_setting_and_open_start() {
        let k = one("Single IRB運用実績 (R7までに目標設定)");
        assert_eq!(k.indicator, "Single IRB運用実績");
        check(&k.target, None, None, 2025, 2025);
        assert_eq!(
            k.target.and_then(|f| f.qualifier).as_deref(),
            Some("目標設定")
        );

        let k = one("<p>各公的DBの仮名化情報を解析できる情報連携基盤の運用開始 (R10～)</p>");
        assert_eq!(
            k.indicator,
            "各公的DBの仮名化情報を解析できる情報連携基盤の運用開始"
        );
        check(&k.target, None, None, 2028, 2028);
    }

    #[test]
    fn era_tokens() {
        let k = one("指標 1件 (令和10年度) 2件 (2024年度)");
        check(&k.target, Some(1.0), Some("件"), 2028, 2028);
        check(&k.baseline, Some(2.0), Some("件"), 2024, 2024);
        let k = one("指標 5件 (2026～2028年度)");
        check(&k.target, Some(5.0), Some("件"), 2026, 2028);
        let k = one("指標 5件 (H30)");
        check(&k.target, Some(5.0), Some("件"), 2018, 2018);
    }

    #[test]
    fn parenthesised_current_values() {
        let v = parse_kpis(CORPUS[14]);
        assert_eq!(v.len(), 2, "{v:#?}");
        check(&v[0].baseline, Some(29.8), Some("%"), 2018, 2018);
        check(&v[1].baseline, Some(1139.0), Some("編"), 2019, 2021);
    }

    #[test]
    fn multiplier_and_month_units() {
        let k = one("JRCTのアクセス数 120万件 (R10) 60万件 (R5)");
        check(&k.target, Some(1_200_000.0), Some("件"), 2028, 2028);
        let k = one("新医薬品の総審査期間 (中央値) 12か月 (R10)");
        assert_eq!(k.indicator, "新医薬品の総審査期間 (中央値)");
        check(&k.target, Some(12.0), Some("か月"), 2028, 2028);
    }

    #[test]
    fn empty_input() {
        assert!(parse_kpis("").is_empty());
        assert!(parse_kpis("  \t\n　").is_empty());
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            "(",
            ")",
            "((((",
            "→",
            "←",
            "/",
            "//",
            "(R)",
            "(R999999999999)",
            "1,",
            "1.",
            ",,,",
            "R",
            "H",
            "令和",
            "令和元",
            "99999999999999999999999件 (R10)",
            "<",
            "<p",
            "<p>",
            "</p",
            "※",
            "(R5→)",
            "(→R5)",
            "->",
            "-",
            "1→",
            "→1",
            "年間",
            "年平均1",
            "１０件 （Ｒ１０",
            "(2024-",
            "2024年度",
            "\u{0}\u{FFFF}𝌆",
            "a(b(c(d(e(f(g)))))))",
            "0拠点→16拠点 (R5→R10)→→(R1)",
        ];
        for s in samples {
            let v = parse_kpis(s);
            if !s.trim().is_empty() {
                assert!(!v.is_empty(), "{s:?}");
            }
        }
        // Every prefix (on char boundaries) of every corpus string.
        for s in CORPUS {
            for (i, _) in s.char_indices() {
                let _ = parse_kpis(&s[..i]);
                let _ = parse_kpis(&s[i..]);
            }
        }
    }

    const FRAGS: [&str; 24] = [
        "指標",
        "10",
        "件",
        "(",
        ")",
        "R5",
        "R10",
        "H30",
        "→",
        "←",
        "/",
        " ",
        "※",
        "以上",
        "年間",
        "%",
        "2024",
        "-",
        "～",
        "年度",
        "<p>",
        "，",
        "（",
        "令和元",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn random_fragments_never_panic(
            parts in proptest::collection::vec(proptest::sample::select(FRAGS.to_vec()), 1..=12)
        ) {
            let s = parts.concat();
            let v = parse_kpis(&s);
            // Every non-blank input gives at least one KPI.
            prop_assert!(!v.is_empty() || s.trim().is_empty(), "{:?}", s);
            for k in v {
                prop_assert!(k.baseline.is_some() || k.target.is_some() || k.unparsed.is_some());
            }
        }
    }

    /// Maps ASCII digits, letters and symbols to full width.
    fn to_full_width(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' | 'A'..='Z' | 'a'..='z' | '(' | ')' | '%' | '/' | ',' | '.' => {
                    char::from_u32(c as u32 - 0x20 + 0xFF00).unwrap_or(c)
                }
                '~' => '～',
                ' ' => '\u{3000}',
                _ => c,
            })
            .collect()
    }

    fn normalised(mut v: Vec<Kpi>) -> Vec<Kpi> {
        for k in &mut v {
            k.raw = KPI_FOLD.string(&k.raw);
            for f in [&mut k.baseline, &mut k.target].into_iter().flatten() {
                f.raw = KPI_FOLD.string(&f.raw);
            }
        }
        v
    }

    #[test]
    fn full_width_equals_half_width() {
        assert_eq!(
            normalised(parse_kpis(
                "整備した施設における国内ＦＩＨ試験実施件数 １０件 （Ｒ１０） ０件 （Ｒ５）"
            )),
            normalised(parse_kpis(
                "整備した施設における国内FIH試験実施件数 10件 (R10) 0件 (R5)"
            ))
        );
        for s in CORPUS {
            let half = normalised(parse_kpis(s));
            let full = normalised(parse_kpis(&to_full_width(s)));
            assert_eq!(half, full, "{s}");
        }
    }

    #[test]
    fn every_corpus_cell_parses() {
        let mut unparsed = Vec::new();
        for s in CORPUS {
            let v = parse_kpis(s);
            assert!(!v.is_empty(), "{s}");
            for k in &v {
                assert!(
                    k.baseline.is_some() || k.target.is_some() || k.unparsed.is_some(),
                    "{k:?}"
                );
                assert!(!k.raw.is_empty());
                assert!(s.contains(&k.raw), "raw not a slice: {k:?}");
                for f in [&k.baseline, &k.target].into_iter().flatten() {
                    assert!(s.contains(&f.raw), "figure raw not a slice: {f:?}");
                }
                if k.unparsed.is_some() {
                    unparsed.push(k.raw.clone());
                }
            }
        }
        println!("unparsed: {unparsed:#?}");
        assert_eq!(unparsed.len(), 1, "{unparsed:#?}");
    }

    /// Every distinct KPI cell found in the three corpus dumps.
    const CORPUS: [&str; 28] = [
        "国内イノベーション促進拠点又は国内イノベーション促進プログラムを有する外資系製薬企業の数 14 (R10) 7 (R5) ※現在政府において把握している数 創薬ベンチャー採択件数 11件 → 70件 (R5→R10) 左記事業によって、起業や導出など企業活動に移行した数 8 (R7～R10)",
        "整備した施設における国内ＦＩＨ試験実施件数 １０件 （R10） ０件 （R5）",
        "研修プログラム受講者の勤務施設数 15施設 (R10) 0施設 (R5)",
        "過去3年度平均以上の支援シース数 1365件 (R3~R5平均)",
        "臨床研究中核病院における治験数 360件 (R10) 278件 (R5)",
        "年間研修プログラム修了証発行者数 1100人 (R10) 932人 (R5)",
        "ワンストップ窓口への国際共同治験の相談件数年間15件 (R10)",
        "Single IRB運用実績 (R7までに目標設定)",
        "臨床研究中核病院におけるDCTを活用した治験の実施件数 15試験 (R10) 5試験 (R5)",
        "JRCTのアクセス数 120万件 (R10) 60万件 (R5)",
        "デュアルユース設備を有する拠点 0拠点→16拠点 (R5→R10)",
        "バイオ製造人材研修の累積受講者数 750名 (R6-R10) 303名 (H30-R5)",
        "年平均3件以上の革新的な創薬シーズの創出 (R10) ←H30からR5の6年間で12件",
        "創薬に携わる人材 ※1(1,225名(R5))の更なる増加 ※1薬学部・薬系大学院修了者のうち、創薬関連の仕事・研究等に就く者",
        "大学病院の医師等の職務活動時間に占める研究時間の割合 (29.8%(H30)) や、Top10%論文数 (1,139編(臨床医学・R元～R3平均)) 等の着実な増加",
        "<p>シーズ導出件数及び連続的支援数 203件→250件 (2021-2023年度平均→ 2026～2028年度平均)</p>",
        "<p>電子カルテ情報共有サービスで共有する臨床情報の二次利用開始、各公的DBの仮名化情報を解析できる情報連携基盤の運用開始 (R10～)</p>",
        "現在 (R5) ドラッグ・ロスを生じている医薬品86品目のうち必要な医薬品の開発着手 (R8)",
        "小児用医薬品の開発計画の策定件数 50件 (2024-2028年度累積)",
        "希少疾病用医薬品の指定件数 200件 (2024-2028年度累積) 151件 (2018-2022年度累積)",
        "現在 (R5) ドラッグ・ロスを生じている医薬品86品目のうち必要な医薬品の開発着手 (R8)(再掲)",
        "現在 (R5) ドラッグ・ロスを 生じている医薬品 86品目のうち必要 な医薬品の開発 着手 (R8)",
        "後発品数量シェア 全都道府県で 80%以上 (R10) 11都府県が 未達成 (R5)/ 後発品金額シェア 65%以上 (R11) 56.7% (R5)",
        "令和5年末時点で海外2か国以上でスイッチ OTC化されている医薬品を原則、令和8年末までにOTC化",
        "バイオシミラーに80%以上置き換わった成分数60%(R11)25%(R5)",
        "整備した施設における国内FIH試験実施件数 10件 (R10) 0件 (R5)",
        "研修プログラム受講者の勤務施設数 20施設 (R10) 0施設 (R5)",
        "新医薬品の総審査期間 (中央値) 12か月 (R10)",
    ];
}
