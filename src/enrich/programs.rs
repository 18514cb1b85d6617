//! Program entries of the 該当事業 column: names, ministry tags and budget figures.

use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};

use super::ministries::is_known;
use crate::text::fold::{AsciiForms, Blanks, Fold, Folded};
use crate::text::lexicon::{
    era_bare_letters, era_by_kanji, era_by_letter, era_kanji_pattern, is_bullet, tag_at,
    EDITORIAL_TAG_MARKS, TAG_JOINERS,
};

/// The folds program text is read with: half-width ASCII and katakana, kanji for radicals.
const BUDGET_FOLD: Fold = Fold {
    ascii: AsciiForms::All,
    blanks: Blanks::Ideographic,
    half_kana: true,
    radicals: true,
    ..Fold::NONE
};

/// The kind of a budget line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BudgetKind {
    /// 当初予算 (also 令和N年度予算 / 予算案 without a qualifier).
    Initial,
    /// 補正予算.
    Supplementary,
    /// 基金 / 基金事業.
    Fund,
    /// Anything else: 調整費, 予備費, 交付金, 補助金, 概算要求, 暫定予算, bare amounts.
    Other,
}

/// One budget figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    /// Gregorian start year of the 年度 (令和7年度 → 2025); `None` when no year is printed.
    pub fiscal_year: Option<i32>,
    /// Kind of budget.
    pub kind: BudgetKind,
    /// Amount in integer yen; `None` when no amount is printed.
    pub amount_jpy: Option<i64>,
    /// 内数: the amount is a share of a larger budget line.
    pub part_of: bool,
    /// The exact source slice of this budget, e.g. "令和7年度当初予算9.3億円".
    pub raw: String,
}

/// One program entry of a 該当事業 item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// Program name as printed, trimmed, without bullets and without the tag.
    pub name: String,
    /// Ministry tags in order, e.g. ["厚"].
    pub tags: Vec<String>,
    /// Every budget found in the entry's parentheses, in order.
    pub budgets: Vec<Budget>,
    /// Other parenthesised text after the tag that is not a budget (several joined by "; ").
    pub note: Option<String>,
    /// Exact source slice of this program entry.
    pub raw: String,
}

/// Amount pattern (on width-folded text): number, optional units, 円.
const AMOUNT: &str = r"[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:(?:兆|億|千万|百万|万|千)\s*(?:[0-9][0-9,]*(?:\.[0-9]+)?\s*)?)*円";

/// Fiscal-year pattern (on width-folded text): an era year, a Western year or R7/H30, then 年度.
fn year_pattern() -> String {
    format!(
        r"(?:(?P<era>{eras})\s*(?P<en>元|[0-9]{{1,6}})|(?P<greg>[0-9]{{4}})|\b(?P<abbr>[{letters}])(?P<an>[0-9]{{1,2}}))\s*年度",
        eras = era_kanji_pattern(),
        letters = era_bare_letters()
    )
}

/// The combined budget regex; `None` only if it failed to compile (never expected).
fn budget_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            concat!(
                // A: a fiscal year followed by a budget word.
                r"{y}\s*(?P<qa>当初|(?:第[0-9]{{1,2}}次)?補正|暫定)?\s*(?P<wa>予算案?|概算要求|調整費|予備費)額?",
                r"(?:\s*(?:は|:|計|総額)?\s*(?P<amta>{a}))?",
                // B: 当初予算 / 補正予算 without a year.
                r"|(?P<qb>当初|(?:第[0-9]{{1,2}}次)?補正)予算案?額?(?:\s*(?:は|:)?\s*(?P<amtb>{a}))?",
                // C: funds.
                r"|(?P<fund>基金)(?:事業)?(?:\s*(?:は|:)?\s*(?P<amtc>{a}))?",
                // D: an amount directly attached to another budget word.
                r"|(?P<wd>交付金|補助金|予算|調整費|予備費)額?\s*(?:は|:|として)?\s*(?P<amtd>{a})",
            ),
            y = year_pattern(),
            a = AMOUNT
        );
        Regex::new(&pattern).ok()
    })
    .as_ref()
}

/// A regex matching one amount only.
fn amount_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(AMOUNT).ok()).as_ref()
}

/// Splits one item into program entries (several may be joined by 、 after a parenthesis) and parses each.
/// Returns an empty Vec for placeholders ("-", "・ ・", "") and for text with no ministry tag and no budget.
pub fn parse_programs(item: &str) -> Vec<Program> {
    let mut out = Vec::new();
    let mut cur = Entry::default();
    for tok in tokenize(item) {
        match tok {
            Tok::Html => cur.finish(item, &mut out),
            Tok::Text(s, e) => {
                let text = item.get(s..e).unwrap_or("");
                if cur.in_tail {
                    if text.trim().is_empty() {
                        continue;
                    }
                    cur.finish(item, &mut out);
                }
                if cur.start.is_none() {
                    let skipped = skip_leading(text);
                    if skipped < text.len() {
                        cur.start = Some(s + skipped);
                        cur.name_end = e;
                    }
                } else {
                    cur.name_end = e;
                }
            }
            Tok::Tag(s, e, parts) => {
                if cur.start.is_none() {
                    cur.start = Some(s);
                    cur.name_end = s;
                }
                cur.tags.extend(parts);
                cur.in_tail = true;
                cur.end = e;
            }
            Tok::Paren(s, e, cs, ce) => {
                let content = item.get(cs..ce).unwrap_or("");
                let budgets = paren_budgets(content);
                if cur.start.is_none() {
                    cur.start = Some(s);
                    cur.name_end = s;
                }
                if cur.in_tail {
                    if budgets.is_empty() {
                        let note = content.trim();
                        if !note.is_empty() {
                            cur.notes.push(note.to_string());
                        }
                    } else {
                        cur.budgets.extend(budgets);
                    }
                    cur.end = e;
                } else if budgets.is_empty() {
                    // A parenthesis inside the name, e.g. 健康日本21(第三次)….
                    cur.name_end = e;
                } else {
                    cur.budgets.extend(budgets);
                    cur.in_tail = true;
                    cur.end = e;
                }
            }
        }
    }
    cur.finish(item, &mut out);
    out
}

/// Budget figures anywhere in a text, in order: `令和N年度{当初,補正}予算X億円`, `令和N年度予算`, `基金事業`, `基金`, amounts with 億円/百万円/万円/千円/円, 内数.
/// Amounts NOT attached to a budget word (予算/基金/交付金/補助金) are not budgets: "当該施策に対し12.0億円の配分を実施" gives nothing.
pub fn find_budgets(text: &str) -> Vec<Budget> {
    let Some(re) = budget_re() else {
        return Vec::new();
    };
    let source = Folded::new(text, BUDGET_FOLD);
    let folded = source.as_str();
    let matches: Vec<Captures> = re.captures_iter(folded).collect();
    let mut out = Vec::with_capacity(matches.len());
    for (i, caps) in matches.iter().enumerate() {
        let Some(whole) = caps.get(0) else { continue };
        let next_start = matches
            .get(i + 1)
            .and_then(|c| c.get(0))
            .map_or(folded.len(), |m| m.start());
        let mut end = whole.end();
        let mut part_of = false;
        // 内数 belongs to this budget when it follows before the next separator.
        let tail = folded.get(end..next_start).unwrap_or("");
        let clause_len = tail
            .find(['、', ',', ';', '；', '・', '(', ')', '。', '\n', '\t'])
            .unwrap_or(tail.len());
        let clause = tail.get(..clause_len).unwrap_or("");
        if clause.contains("内数") {
            part_of = true;
            let trimmed = clause.trim_start();
            let lead = clause.len() - trimmed.len();
            for suffix in ["の内数", "内数"] {
                if trimmed.starts_with(suffix) {
                    end += lead + suffix.len();
                    break;
                }
            }
        }
        let (kind, amount) = classify(caps);
        let raw = match (source.source_start(whole.start()), source.source_start(end)) {
            (Some(a), Some(b)) => text.get(a..b).unwrap_or("").to_string(),
            _ => String::new(),
        };
        out.push(Budget {
            fiscal_year: fiscal_year(caps),
            kind,
            amount_jpy: amount.and_then(parse_amount),
            part_of,
            raw,
        });
    }
    out
}

/// Parses an amount like "9.3億円", "1.17億円", "3,000万円", "1兆2,000億円" into integer yen (exact decimal arithmetic, no f64 rounding errors: parse digits as integers).
pub fn amount_jpy(text: &str) -> Option<i64> {
    let re = amount_re()?;
    let folded = BUDGET_FOLD.string(text);
    let m = re.find(&folded)?;
    parse_amount(m.as_str())
}

/// Kind and amount text of one budget match.
fn classify<'t>(caps: &Captures<'t>) -> (BudgetKind, Option<&'t str>) {
    let qualifier_kind = |q: &str| {
        if q.contains("補正") {
            BudgetKind::Supplementary
        } else if q == "当初" {
            BudgetKind::Initial
        } else {
            BudgetKind::Other
        }
    };
    if let Some(word) = caps.name("wa") {
        let kind = match caps.name("qa") {
            Some(q) => qualifier_kind(q.as_str()),
            None if word.as_str().starts_with("予算") => BudgetKind::Initial,
            None => BudgetKind::Other,
        };
        (kind, caps.name("amta").map(|m| m.as_str()))
    } else if let Some(q) = caps.name("qb") {
        (
            qualifier_kind(q.as_str()),
            caps.name("amtb").map(|m| m.as_str()),
        )
    } else if caps.name("fund").is_some() {
        (BudgetKind::Fund, caps.name("amtc").map(|m| m.as_str()))
    } else {
        (BudgetKind::Other, caps.name("amtd").map(|m| m.as_str()))
    }
}

/// Gregorian start year of the 年度 captured by [`year_pattern`], if any.
fn fiscal_year(caps: &Captures) -> Option<i32> {
    if let (Some(era), Some(n)) = (caps.name("era"), caps.name("en")) {
        let n: i32 = if n.as_str() == "元" {
            1
        } else {
            n.as_str().parse().ok()?
        };
        return era_by_kanji(era.as_str())?.offset.checked_add(n);
    }
    if let Some(g) = caps.name("greg") {
        return g.as_str().parse().ok();
    }
    if let (Some(abbr), Some(n)) = (caps.name("abbr"), caps.name("an")) {
        let n: i32 = n.as_str().parse().ok()?;
        let letter = abbr.as_str().chars().next()?;
        return era_by_letter(letter)?.offset.checked_add(n);
    }
    None
}

/// Units accepted in amounts, longest spelling first.
const UNITS: &[(&str, i128)] = &[
    ("兆", 1_000_000_000_000),
    ("億", 100_000_000),
    ("千万", 10_000_000),
    ("百万", 1_000_000),
    ("万", 10_000),
    ("千", 1_000),
    ("円", 1),
];

/// Parses a width-folded amount such as "1兆2,000億円" (must end in 円) into yen.
fn parse_amount(s: &str) -> Option<i64> {
    let mut rest = s.trim();
    let mut total: i128 = 0;
    let mut seen_number = false;
    loop {
        rest = rest.trim_start();
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(rest.len());
        let number = rest.get(..num_len)?;
        rest = rest.get(num_len..)?.trim_start();
        let &(unit_text, unit) = UNITS.iter().find(|(u, _)| rest.starts_with(u))?;
        rest = rest.get(unit_text.len()..)?;
        if number.is_empty() {
            // Only the final 円 may follow a unit without a number ("9.3億円").
            if unit_text == "円" && seen_number {
                return i64::try_from(total).ok();
            }
            return None;
        }
        total = total.checked_add(scaled(number, unit)?)?;
        seen_number = true;
        if unit_text == "円" {
            return i64::try_from(total).ok();
        }
        if rest.trim().is_empty() {
            return None;
        }
    }
}

/// `number × unit` for a decimal number with optional thousands separators, rounded to whole yen.
fn scaled(number: &str, unit: i128) -> Option<i128> {
    let digits: String = number.chars().filter(|&c| c != ',').collect();
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits.as_str(), ""),
    };
    if int.is_empty() || frac.contains('.') || int.len() + frac.len() > 36 {
        return None;
    }
    let mut mantissa: i128 = 0;
    for c in int.chars().chain(frac.chars()) {
        let d = i128::from(c.to_digit(10)?);
        mantissa = mantissa.checked_mul(10)?.checked_add(d)?;
    }
    let den = 10i128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    let numerator = mantissa.checked_mul(unit)?;
    numerator.checked_add(den / 2).map(|n| n / den)
}

/// Budgets of one parenthesis content: [`find_budgets`], or a bare amount ("(9.3億円)").
fn paren_budgets(content: &str) -> Vec<Budget> {
    let found = find_budgets(content);
    if !found.is_empty() {
        return found;
    }
    let trimmed = content.trim();
    let folded = BUDGET_FOLD.string(trimmed);
    let mut core = folded.trim();
    let mut part_of = false;
    for suffix in ["の内数", "内数"] {
        if let Some(c) = core.strip_suffix(suffix) {
            core = c.trim_end();
            part_of = true;
            break;
        }
    }
    let core = core.strip_prefix('約').unwrap_or(core).trim_start();
    let whole = amount_re()
        .and_then(|re| re.find(core))
        .filter(|m| m.start() == 0 && m.end() == core.len());
    match whole.and_then(|m| parse_amount(m.as_str())) {
        Some(amount) => vec![Budget {
            fiscal_year: None,
            kind: BudgetKind::Other,
            amount_jpy: Some(amount),
            part_of,
            raw: trimmed.to_string(),
        }],
        None => Vec::new(),
    }
}

/// A token of an item: byte spans into the item.
enum Tok {
    /// Plain text.
    Text(usize, usize),
    /// A ministry tag 【X】 (span incl. brackets) and the tags it names.
    Tag(usize, usize, Vec<String>),
    /// A balanced parenthesis: outer span, then content span.
    Paren(usize, usize, usize, usize),
    /// An HTML tag such as `<ul …>` or `</p>`: a hard entry boundary.
    Html,
}

/// Splits an item into text, tags, top-level parentheses and HTML tags.
fn tokenize(item: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut text_start: Option<usize> = None;
    let mut i = 0;
    while i < item.len() {
        let Some(c) = item.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let special = match c {
            '<' => html_end(item, i).map(|e| (e, Tok::Html)),
            '【' => program_tag_at(item, i).map(|(e, parts)| (e, Tok::Tag(i, e, parts))),
            '(' | '（' => {
                let (e, cs, ce) = paren_at(item, i);
                Some((e, Tok::Paren(i, e, cs, ce)))
            }
            _ => None,
        };
        match special {
            Some((end, tok)) => {
                if let Some(s) = text_start.take() {
                    toks.push(Tok::Text(s, i));
                }
                toks.push(tok);
                i = end.max(i + c.len_utf8());
            }
            None => {
                text_start.get_or_insert(i);
                i += c.len_utf8();
            }
        }
    }
    if let Some(s) = text_start {
        toks.push(Tok::Text(s, item.len()));
    }
    toks
}

/// End (exclusive) of an HTML tag starting at `i`, if it is one.
fn html_end(item: &str, i: usize) -> Option<usize> {
    let rest = item.get(i + 1..)?;
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    let close = rest.find(['>', '<'])?;
    if rest.get(close..)?.starts_with('>') {
        Some(i + 1 + close + 1)
    } else {
        None
    }
}

/// A ministry tag 【X】 at `i`: its end and the tags it names.
fn program_tag_at(item: &str, i: usize) -> Option<(usize, Vec<String>)> {
    let tag = tag_at(item, i)?;
    Some((tag.end, tag_parts(tag.inner(item))?))
}

/// The tags named by the text inside 【】: a known tag, several known tags joined by ・,
/// or a single unknown character that does not look like an editorial mark (【再】, 【新】).
fn tag_parts(inner: &str) -> Option<Vec<String>> {
    if is_known(inner) {
        return Some(vec![inner.to_string()]);
    }
    let parts: Vec<&str> = inner.split(TAG_JOINERS).filter(|p| !p.is_empty()).collect();
    if parts.len() >= 2 && parts.iter().all(|p| is_known(p)) {
        return Some(parts.into_iter().map(str::to_string).collect());
    }
    let mut chars = inner.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_ascii() && !EDITORIAL_TAG_MARKS.contains(c) && !c.is_numeric() => {
            Some(vec![inner.to_string()])
        }
        _ => None,
    }
}

/// A parenthesis at `i`: (outer end, content start, content end). Nested parentheses are
/// balanced; an unclosed one runs to the end of the item.
fn paren_at(item: &str, i: usize) -> (usize, usize, usize) {
    let open_len = item
        .get(i..)
        .and_then(|r| r.chars().next())
        .map_or(1, char::len_utf8);
    let content_start = i + open_len;
    let mut depth = 0usize;
    for (j, c) in item.get(content_start..).unwrap_or("").char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                if depth == 0 {
                    let close = content_start + j;
                    return (close + c.len_utf8(), content_start, close);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    (item.len(), content_start, item.len())
}

/// Byte length of leading whitespace, bullets and entry separators.
fn skip_leading(text: &str) -> usize {
    /// Separators between entries, skipped like bullets.
    const SEPARATORS: &str = "、，,;；";
    let mut rest = text;
    loop {
        let t = rest.trim_start();
        let mut chars = t.chars();
        match chars.next() {
            Some(c) if is_bullet(c) || SEPARATORS.contains(c) => rest = chars.as_str(),
            Some('-' | '－' | '‐') if chars.as_str().starts_with(char::is_whitespace) => {
                rest = chars.as_str()
            }
            _ => {
                rest = t;
                break;
            }
        }
    }
    text.len() - rest.len()
}

/// The program entry being assembled.
#[derive(Default)]
struct Entry {
    /// Start of the entry (after bullets); `None` while nothing was seen.
    start: Option<usize>,
    /// End of the name part.
    name_end: usize,
    /// End of the tag/budget tail.
    end: usize,
    tags: Vec<String>,
    budgets: Vec<Budget>,
    notes: Vec<String>,
    /// True once a tag or a budget parenthesis ended the name.
    in_tail: bool,
}

impl Entry {
    /// Emits the entry (if it has a tag or a budget) and resets the state.
    fn finish(&mut self, item: &str, out: &mut Vec<Program>) {
        let entry = std::mem::take(self);
        let Some(start) = entry.start else { return };
        if entry.tags.is_empty() && entry.budgets.is_empty() {
            return;
        }
        let end = entry.end.max(entry.name_end);
        let name = item.get(start..entry.name_end.max(start)).unwrap_or("");
        let name = name.get(skip_leading(name)..).unwrap_or("").trim_end();
        out.push(Program {
            name: name.to_string(),
            tags: entry.tags,
            budgets: entry.budgets,
            note: if entry.notes.is_empty() {
                None
            } else {
                Some(entry.notes.join("; "))
            },
            raw: item.get(start..end).unwrap_or("").trim_end().to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BudgetKind::{Fund, Initial, Other, Supplementary};

    /// The 該当事業 cells of the 2025-06 edition that hold 令和N年度{当初,補正}予算X億円 figures
    /// (copied verbatim; the comment is the line in /work/shared/corpus/text/2025-06.txt).
    const ITEMS_2025_06: &[&str] = &[
        // line 14
        "<ul style=\"list-style-type: none\"> 創薬ベンチャーエコシステム強化事業【経】 (基金事業) 創薬基盤強化支援事業【厚】 (令和7年度当初予算9.3億円) 橋渡し研究プログラム【文】 (基金事業)",
        // line 16
        "・ 創薬エコシステム発展支援事業【厚】 (令和6年度補正予算30億円)",
        // line 31
        "<ul style=\"list-style-type: none\"> 新規モダリティ対応ヒト初回投与試験体制整備等事業【厚】(令和6年度補正予算7.9億円)",
        // line 32
        "<ul style=\"list-style-type: none\"> 臨床研究総合促進事業【厚】(令和7年度当初予算3.7億円)",
        // line 33
        "<ul style=\"list-style-type: none\"> 橋渡し研究プログラム【文】(令和7年度当初予算54億円)",
        // line 35
        "<ul style=\"list-style-type: none\"> 国際共同治験ワンストップ相談窓口事業【厚】(令和6年度補正予算2.7億円)",
        // line 46
        "<ul style=\"list-style-type: none\"> 臨床研究総合促進事業【厚】(令和7年度当初予算3.7億円)",
        // line 47
        "<ul style=\"list-style-type: none\"> 国際共同治験ワンストップ相談窓口事業【厚】(令和6年度補正予算2.7億円)",
        // line 49
        "<ul style=\"list-style-type: none\"> 医療技術実用化総合促進事業【厚】(令和7年度当初予算27億円)",
        // line 50
        "<ul style=\"list-style-type: none\"> 臨床研究データベース大規模改修事業【厚】(令和6年度補正予算4.7億円)",
        // line 65
        "<ul style=\"list-style-type: none\"> ワクチン生産体制強化のためのバイオ医薬品製造拠点等整備事業【経】(基金事業) 再生・細胞医療・遺伝子治療実現加速化プログラム【文】(令和6年度補正予算21.4億円)",
        // line 66
        "<ul style=\"list-style-type: none\"> 新規モダリティ対応ヒト初回投与試験体制整備等事業【厚】(令和6年度補正予算7.9億円)",
        // line 67
        "<ul style=\"list-style-type: none\"> 次世代バイオ医薬品等創出に向けた人材育成支援事業【厚】(令和7年度当初予算1.4億円)",
        // line 83
        "<ul style=\"list-style-type: none\"> 理化学研究所運営費交付金【文】(令和7年度当初予算10.8億円)",
        // line 88
        "<ul style=\"list-style-type: none\"> 薬学教育における創薬研究人材養成のための調査研究【文】(令和7年度当初予算0.2億円)",
        // line 102
        "<ul style=\"list-style-type: none\"> 大学病院改革ガイドライン【文】 医学系研究支援プログラム【文】(令和6年度補正予算134億円)",
        // line 105
        "<ul style=\"list-style-type: none\"> 医学系研究支援プログラム【文】(令和6年度補正予算134億円) 高度医療人材養成拠点形成事業【文】(令和7年度当初予算21億円) 医学系研究支援プログラム【文】(令和6年度補正予算134億円) 先導的学改革推進委託事業(大学病院の組織形態の在り方に関する調査研究)【文】(令和7年度当初予算0.8億円の内数)",
        // line 143
        "<p>電子カルテ情報等分析関連サービス構築事業【厚】(令和6年度補正予算6.2億円)</p>",
        // line 158
        "<ul style=\"list-style-type: none\"> PMDA小児・希少疾病用医薬品等薬事相談センター事業【厚】 (令和6年度当初予算1.17億円、令和7年度当初予算1.22億円) ",
        // line 159
        "<ul style=\"list-style-type: none\"> PMDA小児・希少疾病用医薬品等薬事相談センター事業【厚】 (令和6年度当初予算1.17億円、令和7年度当初予算1.22億円) ",
        // line 161
        "<ul style=\"list-style-type: none\"> 未承認薬等迅速解消促進調査事業【厚】 (令和6年度補正予算0.57億円) ",
        // line 170
        "<ul style=\"list-style-type: none\"> • 創薬力強化のための早期薬事相談・支援事業【厚】(令和7年度当初予算0.56億円)",
        // line 171
        "<ul style=\"list-style-type: none\"> • 創薬力強化のための早期薬事相談・支援事業【厚】(令和7年度当初予算0.56億円)",
        // line 172
        "<ul style=\"list-style-type: none\"> • 医薬品国内開発伴走事業【厚】(令和6年度当初予算0.66億円、令和7年度当初予算1.0億円)",
        // line 188
        "<ul style=\"list-style-type: none\"> 医薬品安定供給支援補助金【厚】(後発医薬品産業構造改革支援事業)(令和6年度補正予算70億円(令和7年度へ全額繰越))、後発医薬品製造基盤整備基金【厚】",
        // line 199
        "<ul style=\"list-style-type: none\"> 医療用から要指導・一般用への転用に 関する評価検討会議【厚】 スマート・ライフ・プロジェクト 推進事業【厚】(令和7年度当初予算1.84億円)、健康増進総合支援システム事業【厚】(令和7年度当初予算0.16億円)、健康日本21(第三次)アクションプラン支援システム事業【厚】(令和7年度当初予算1.49億円)",
    ];

    /// Expected (item index, name, tag, fiscal year, kind, amount) for every figure, in order.
    const FIGURES_2025_06: &[(usize, &str, &str, i32, BudgetKind, i64)] = &[
        (0, "創薬基盤強化支援事業", "厚", 2025, Initial, 930_000_000),
        (
            1,
            "創薬エコシステム発展支援事業",
            "厚",
            2024,
            Supplementary,
            3_000_000_000,
        ),
        (
            2,
            "新規モダリティ対応ヒト初回投与試験体制整備等事業",
            "厚",
            2024,
            Supplementary,
            790_000_000,
        ),
        (3, "臨床研究総合促進事業", "厚", 2025, Initial, 370_000_000),
        (
            4,
            "橋渡し研究プログラム",
            "文",
            2025,
            Initial,
            5_400_000_000,
        ),
        (
            5,
            "国際共同治験ワンストップ相談窓口事業",
            "厚",
            2024,
            Supplementary,
            270_000_000,
        ),
        (6, "臨床研究総合促進事業", "厚", 2025, Initial, 370_000_000),
        (
            7,
            "国際共同治験ワンストップ相談窓口事業",
            "厚",
            2024,
            Supplementary,
            270_000_000,
        ),
        (
            8,
            "医療技術実用化総合促進事業",
            "厚",
            2025,
            Initial,
            2_700_000_000,
        ),
        (
            9,
            "臨床研究データベース大規模改修事業",
            "厚",
            2024,
            Supplementary,
            470_000_000,
        ),
        (
            10,
            "再生・細胞医療・遺伝子治療実現加速化プログラム",
            "文",
            2024,
            Supplementary,
            2_140_000_000,
        ),
        (
            11,
            "新規モダリティ対応ヒト初回投与試験体制整備等事業",
            "厚",
            2024,
            Supplementary,
            790_000_000,
        ),
        (
            12,
            "次世代バイオ医薬品等創出に向けた人材育成支援事業",
            "厚",
            2025,
            Initial,
            140_000_000,
        ),
        (
            13,
            "理化学研究所運営費交付金",
            "文",
            2025,
            Initial,
            1_080_000_000,
        ),
        (
            14,
            "薬学教育における創薬研究人材養成のための調査研究",
            "文",
            2025,
            Initial,
            20_000_000,
        ),
        (
            15,
            "医学系研究支援プログラム",
            "文",
            2024,
            Supplementary,
            13_400_000_000,
        ),
        (
            16,
            "医学系研究支援プログラム",
            "文",
            2024,
            Supplementary,
            13_400_000_000,
        ),
        (
            16,
            "高度医療人材養成拠点形成事業",
            "文",
            2025,
            Initial,
            2_100_000_000,
        ),
        (
            16,
            "医学系研究支援プログラム",
            "文",
            2024,
            Supplementary,
            13_400_000_000,
        ),
        (
            16,
            "先導的学改革推進委託事業(大学病院の組織形態の在り方に関する調査研究)",
            "文",
            2025,
            Initial,
            80_000_000,
        ),
        (
            17,
            "電子カルテ情報等分析関連サービス構築事業",
            "厚",
            2024,
            Supplementary,
            620_000_000,
        ),
        (
            18,
            "PMDA小児・希少疾病用医薬品等薬事相談センター事業",
            "厚",
            2024,
            Initial,
            117_000_000,
        ),
        (
            18,
            "PMDA小児・希少疾病用医薬品等薬事相談センター事業",
            "厚",
            2025,
            Initial,
            122_000_000,
        ),
        (
            19,
            "PMDA小児・希少疾病用医薬品等薬事相談センター事業",
            "厚",
            2024,
            Initial,
            117_000_000,
        ),
        (
            19,
            "PMDA小児・希少疾病用医薬品等薬事相談センター事業",
            "厚",
            2025,
            Initial,
            122_000_000,
        ),
        (
            20,
            "未承認薬等迅速解消促進調査事業",
            "厚",
            2024,
            Supplementary,
            57_000_000,
        ),
        (
            21,
            "創薬力強化のための早期薬事相談・支援事業",
            "厚",
            2025,
            Initial,
            56_000_000,
        ),
        (
            22,
            "創薬力強化のための早期薬事相談・支援事業",
            "厚",
            2025,
            Initial,
            56_000_000,
        ),
        (
            23,
            "医薬品国内開発伴走事業",
            "厚",
            2024,
            Initial,
            66_000_000,
        ),
        (
            23,
            "医薬品国内開発伴走事業",
            "厚",
            2025,
            Initial,
            100_000_000,
        ),
        (
            24,
            "医薬品安定供給支援補助金",
            "厚",
            2024,
            Supplementary,
            7_000_000_000,
        ),
        (
            25,
            "スマート・ライフ・プロジェクト 推進事業",
            "厚",
            2025,
            Initial,
            184_000_000,
        ),
        (
            25,
            "健康増進総合支援システム事業",
            "厚",
            2025,
            Initial,
            16_000_000,
        ),
        (
            25,
            "健康日本21(第三次)アクションプラン支援システム事業",
            "厚",
            2025,
            Initial,
            149_000_000,
        ),
    ];

    /// Flattens the dated initial/supplementary budgets with amounts of one item.
    fn figures(item: &str) -> Vec<(String, String, i32, BudgetKind, i64)> {
        let mut out = Vec::new();
        for p in parse_programs(item) {
            for b in &p.budgets {
                if let (Some(fy), Some(amount), Initial | Supplementary) =
                    (b.fiscal_year, b.amount_jpy, b.kind)
                {
                    out.push((p.name.clone(), p.tags.join(","), fy, b.kind, amount));
                }
            }
        }
        out
    }

    #[test]
    fn all_34_figures_of_2025_06() {
        assert_eq!(FIGURES_2025_06.len(), 34);
        let mut expected = FIGURES_2025_06.iter().peekable();
        let mut total = 0;
        for (idx, item) in ITEMS_2025_06.iter().enumerate() {
            for got in figures(item) {
                let &(i, name, tag, fy, kind, amount) =
                    expected.next().expect("more figures than expected");
                assert_eq!(i, idx, "item index for {got:?}");
                assert_eq!(got, (name.to_string(), tag.to_string(), fy, kind, amount));
                total += 1;
            }
        }
        assert!(expected.peek().is_none(), "missing figures");
        assert_eq!(total, 34);
    }

    #[test]
    fn first_item_three_programs() {
        let p = parse_programs(ITEMS_2025_06[0]);
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "創薬ベンチャーエコシステム強化事業",
                "創薬基盤強化支援事業",
                "橋渡し研究プログラム"
            ]
        );
        assert_eq!(p[0].tags, ["経"]);
        let fund = Budget {
            fiscal_year: None,
            kind: Fund,
            amount_jpy: None,
            part_of: false,
            raw: "基金事業".into(),
        };
        assert_eq!(p[0].budgets.as_slice(), std::slice::from_ref(&fund));
        assert_eq!(p[2].budgets, [fund]);
        assert_eq!(
            p[1].raw,
            "創薬基盤強化支援事業【厚】 (令和7年度当初予算9.3億円)"
        );
        assert_eq!(p[1].budgets[0].raw, "令和7年度当初予算9.3億円");
        assert_eq!(p[1].note, None);
    }

    #[test]
    fn nested_parentheses_and_note() {
        let p = parse_programs(ITEMS_2025_06[24]);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "医薬品安定供給支援補助金");
        assert_eq!(p[0].note.as_deref(), Some("後発医薬品産業構造改革支援事業"));
        assert_eq!(p[0].budgets.len(), 1);
        assert_eq!(p[0].budgets[0].raw, "令和6年度補正予算70億円");
        assert_eq!(p[1].name, "後発医薬品製造基盤整備基金");
        assert_eq!(p[1].tags, ["厚"]);
        assert!(p[1].budgets.is_empty());
    }

    #[test]
    fn several_programs_joined() {
        let p = parse_programs(ITEMS_2025_06[25]);
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "医療用から要指導・一般用への転用に 関する評価検討会議",
                "スマート・ライフ・プロジェクト 推進事業",
                "健康増進総合支援システム事業",
                "健康日本21(第三次)アクションプラン支援システム事業",
            ]
        );
        let p = parse_programs("大学病院改革ガイドライン【文】");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "大学病院改革ガイドライン");
        assert!(p[0].budgets.is_empty());
    }

    #[test]
    fn part_of() {
        let p = parse_programs(ITEMS_2025_06[16]);
        assert_eq!(p.len(), 4);
        let last = &p[3].budgets[0];
        assert!(last.part_of);
        assert_eq!(last.raw, "令和7年度当初予算0.8億円の内数");
        assert!(!p[0].budgets[0].part_of);
        let b = find_budgets("令和7年度当初予算の内数");
        assert_eq!(b.len(), 1);
        assert!(b[0].part_of);
        assert_eq!(b[0].amount_jpy, None);
        // A bare amount in the budget parenthesis of a program.
        let p = parse_programs("ある事業【厚】(9.3億円の内数)");
        assert_eq!(p[0].budgets[0].kind, Other);
        assert_eq!(p[0].budgets[0].amount_jpy, Some(930_000_000));
        assert!(p[0].budgets[0].part_of);
    }

    #[test]
    fn placeholders() {
        for item in [
            "-",
            "・ ・",
            "",
            " ",
            "<ul style=\"list-style-type: none\"> -",
            "<p></p>",
            "該当事業",
        ] {
            assert!(parse_programs(item).is_empty(), "{item:?}");
        }
    }

    #[test]
    fn unattached_amounts_are_not_budgets() {
        assert!(find_budgets("当該施策に対し12.0億円の配分を実施").is_empty());
        assert!(
            find_budgets("令和7年度春の調整費において、当該施策に対し12.0億円の配分を実施")
                .is_empty()
        );
        // Attached to a budget word, it counts.
        let b = find_budgets("運営費交付金12.0億円");
        assert_eq!(b.len(), 1);
        assert_eq!((b[0].kind, b[0].amount_jpy), (Other, Some(1_200_000_000)));
    }

    #[test]
    fn sentence_budgets() {
        let b = find_budgets("令和3年度補正予算、令和4年度補正予算で措置した基金事業を執行中");
        let got: Vec<(Option<i32>, BudgetKind, Option<i64>)> = b
            .iter()
            .map(|b| (b.fiscal_year, b.kind, b.amount_jpy))
            .collect();
        assert_eq!(
            got,
            [
                (Some(2021), Supplementary, None),
                (Some(2022), Supplementary, None),
                (None, Fund, None)
            ]
        );
        assert_eq!(b[1].raw, "令和4年度補正予算");
    }

    #[test]
    fn eras_and_years() {
        let fy = |s: &str| find_budgets(s).first().and_then(|b| b.fiscal_year);
        assert_eq!(fy("令和元年度予算"), Some(2019));
        assert_eq!(fy("平成30年度当初予算"), Some(2018));
        assert_eq!(fy("2025年度予算"), Some(2025));
        assert_eq!(fy("R7年度補正予算"), Some(2025));
        assert_eq!(find_budgets("令和7年度予算")[0].kind, Initial);
        assert_eq!(
            find_budgets("令和7年度予算案9.3億円")[0].amount_jpy,
            Some(930_000_000)
        );
        assert_eq!(find_budgets("令和7年度予備費5億円")[0].kind, Other);
        // An absurd year does not panic.
        assert_eq!(fy("令和999999年度予算"), Some(1_002_017));
    }

    #[test]
    fn full_width_input() {
        let item = "創薬基盤強化支援事業【厚】（令和７年度当初予算９．３億円）";
        let p = parse_programs(item);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "創薬基盤強化支援事業");
        let b = &p[0].budgets[0];
        assert_eq!(
            (b.fiscal_year, b.kind, b.amount_jpy),
            (Some(2025), Initial, Some(930_000_000))
        );
        assert_eq!(b.raw, "令和７年度当初予算９．３億円");
        let p = parse_programs("ＰＭＤＡ事業【厚】　（令和６年度当初予算１．１７億円、令和７年度当初予算１．２２億円）");
        let amounts: Vec<Option<i64>> = p[0].budgets.iter().map(|b| b.amount_jpy).collect();
        assert_eq!(amounts, [Some(117_000_000), Some(122_000_000)]);
        assert_eq!(amount_jpy("３，０００万円"), Some(30_000_000));
    }

    #[test]
    fn bullets_and_budgets_separated_by_middle_dot() {
        let p = parse_programs(
            "• 医薬品国内開発伴走事業【厚】(令和6年度当初予算0.66億円・令和7年度当初予算1.0億円)",
        );
        assert_eq!(p[0].name, "医薬品国内開発伴走事業");
        assert_eq!(p[0].budgets.len(), 2);
        assert_eq!(
            p[0].raw,
            "医薬品国内開発伴走事業【厚】(令和6年度当初予算0.66億円・令和7年度当初予算1.0億円)"
        );
        // A budget before the tag, and a joint tag.
        let p = parse_programs("・ 審査体制強化事業(令和7年度補正予算0.8億円)【厚・文】");
        assert_eq!(p[0].name, "審査体制強化事業");
        assert_eq!(p[0].tags, ["厚", "文"]);
        assert_eq!(p[0].budgets[0].amount_jpy, Some(80_000_000));
        // Text without tag and without budget is not a program.
        assert!(parse_programs("保険外併用療養費制度").is_empty());
    }

    #[test]
    fn amounts() {
        assert_eq!(amount_jpy("9.3億円"), Some(930_000_000));
        assert_eq!(amount_jpy("0.56億円"), Some(56_000_000));
        assert_eq!(amount_jpy("1.17億円"), Some(117_000_000));
        assert_eq!(amount_jpy("134億円"), Some(13_400_000_000));
        assert_eq!(amount_jpy("500百万円"), Some(500_000_000));
        assert_eq!(amount_jpy("3,000万円"), Some(30_000_000));
        assert_eq!(amount_jpy("1兆2,000億円"), Some(1_200_000_000_000));
        assert_eq!(amount_jpy("0.2億円"), Some(20_000_000));
        assert_eq!(amount_jpy("1.22億円"), Some(122_000_000));
        assert_eq!(amount_jpy("10.8億円"), Some(1_080_000_000));
        assert_eq!(amount_jpy("21.4億円"), Some(2_140_000_000));
        assert_eq!(amount_jpy("0.056億円"), Some(5_600_000));
        assert_eq!(amount_jpy("1万5000円"), Some(15_000));
        assert_eq!(amount_jpy("250千円"), Some(250_000));
        assert_eq!(amount_jpy("約9.3億円"), Some(930_000_000));
        assert_eq!(amount_jpy("abc"), None);
        assert_eq!(amount_jpy(""), None);
        assert_eq!(amount_jpy("9.3億"), None);
        assert_eq!(amount_jpy("99999999999999999999999999兆円"), None);
        assert_eq!(
            amount_jpy("999999999999999999999999999999999999999999999999億円"),
            None
        );
        assert_eq!(amount_jpy("9223372.036854775808兆円"), None);
        assert_eq!(amount_jpy("9223372036854775807円"), Some(i64::MAX));
    }

    #[test]
    fn serde_names() {
        let kinds = [Initial, Supplementary, Fund, Other];
        let names: Vec<String> = kinds
            .iter()
            .map(|k| format!("{k:?}").to_lowercase())
            .collect();
        assert_eq!(names, ["initial", "supplementary", "fund", "other"]);
    }

    #[test]
    fn no_panic_on_odd_input() {
        let odd = [
            "【",
            "】",
            "(",
            ")",
            "（",
            "）",
            "<",
            "<ul",
            "</",
            "<>",
            "【厚",
            "事業【厚】(",
            "事業【厚】(令和7年度当初予算9.3億円",
            "((((",
            "))))",
            "【】【】",
            "ﾃﾞｼﾞﾀﾙ【ﾃﾞ】",
            "予算,,,円",
            "令和元年度",
            "基金基金基金",
            "内数",
            "、、、",
            "•",
            "- ",
            "事業【謎謎謎謎謎】(1.2.3億円)",
            "0.0000000000000000000000000000000000000001億円",
        ];
        for s in odd {
            let _ = parse_programs(s);
            let _ = find_budgets(s);
            let _ = amount_jpy(s);
        }
        // Unterminated budget parenthesis still yields the budget.
        let p = parse_programs("事業【厚】(令和7年度当初予算9.3億円");
        assert_eq!(p[0].budgets[0].amount_jpy, Some(930_000_000));
    }
}
