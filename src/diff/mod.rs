//! Edition diffs: what changed between two editions, matched by sheet, measure and phase period.

pub mod lineage;
pub mod render;

use crate::edition::{Edition, Item, Measure, Sheet, Text};
use crate::roles::{Phase, Role};
use crate::text::normalize::comparison_key;
use lineage::Lineage;
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use std::collections::BTreeSet;

/// Version of the diff JSON layout.
pub const DIFF_SCHEMA_VERSION: &str = "1.1";

/// How far apart two texts may be and still count as one item modified (0..1 similarity).
pub const MODIFIED_SIMILARITY: f32 = 0.5;
/// Similarity above which a reworded measure title is the same measure.
/// How alike two measure titles must be (0–1, character-level ratio) to pair a reworded measure.
pub const TITLE_SIMILARITY: f32 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
/// What kind of change a [`Change`] is.
pub enum Kind {
    /// An item that is new.
    Added,
    /// An item that is gone.
    Removed,
    /// An item whose text changed.
    Modified,
    /// Columns or sheets appeared, disappeared or were re-laid out.
    Structure,
    /// Title, as-of date, labels, callouts or footnotes changed.
    Metadata,
}

/// One piece of a character-level diff of a modified text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// `equal`, `delete` or `insert`.
    pub op: String,
    /// The characters.
    pub text: String,
}

/// One change between the editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// added, removed or modified for content; structure for the phase layout, columns and sheets; metadata for as_of, title, labels, callouts and footnotes.
    pub kind: Kind,
    /// Sheet number (① = 1); null for edition-wide changes.
    pub sheet: Option<u32>,
    /// Id of the measure the item belongs to in the later edition (the earlier edition's for a removed measure); null outside measures.
    pub measure_id: Option<String>,
    /// Lineage id of that measure: the id it keeps across rewordings ([`lineage`]); null outside measures.
    pub lineage_id: Option<String>,
    /// Title of that measure (the later edition's when both exist); null when untitled or outside measures.
    pub measure: Option<String>,
    /// Column role of the item: measure, phase, kpi, progress, programs, other; null for structure and metadata changes.
    pub role: Option<Role>,
    /// Column label (the canonical phase label for phases) or the metadata field name.
    pub column: Option<String>,
    /// Normalized text in the earlier edition; null when added.
    pub before: Option<String>,
    /// Normalized text in the later edition; null when removed.
    pub after: Option<String>,
    /// Character-level diff of `before` → `after` for modified texts.
    pub inline: Option<Vec<Segment>>,
    /// What a structure change covers, e.g. the entries that went with a dropped phase.
    pub detail: Vec<String>,
}

/// Which edition a side of the diff is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// Edition id (YYYY-MM of its as-of date).
    pub edition: String,
    /// As-of date of the edition, or null.
    pub as_of: Option<String>,
    /// File name of the source the edition was read from.
    pub file: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
/// How many changes of each kind a diff holds.
pub struct Counts {
    /// Items that are new.
    pub added: usize,
    /// Items that are gone.
    pub removed: usize,
    /// Items whose text changed.
    pub modified: usize,
    /// Column or sheet layout changes.
    pub structure: usize,
    /// Title, as-of, label, callout or footnote changes.
    pub metadata: usize,
}

/// The result of comparing two editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    /// Version of this layout.
    pub schema_version: String,
    /// The earlier edition.
    pub old: Side,
    /// The later edition.
    pub new: Side,
    /// Number of changes of each kind.
    pub counts: Counts,
    /// One entry per changed item (bullet or paragraph), in sheet and measure order.
    pub changes: Vec<Change>,
}

fn side(ed: &Edition) -> Side {
    Side {
        edition: ed.edition.clone(),
        as_of: ed.as_of.clone(),
        file: ed.source.file.clone(),
    }
}

/// Similarity of two texts (0..1) by characters.
pub fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_chars(a, b).ratio()
}

/// Character-level diff segments of `a` → `b`.
pub fn inline(a: &str, b: &str) -> Vec<Segment> {
    let diff = TextDiff::from_chars(a, b);
    let mut out: Vec<Segment> = Vec::new();
    for c in diff.iter_all_changes() {
        let op = match c.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Delete => "delete",
            ChangeTag::Insert => "insert",
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(c.value()),
            _ => out.push(Segment {
                op: op.to_string(),
                text: c.value().to_string(),
            }),
        }
    }
    out
}

/// The context every change of one place shares.
#[derive(Clone)]
struct Ctx {
    sheet: Option<u32>,
    measure_id: Option<String>,
    lineage_id: Option<String>,
    measure: Option<String>,
    role: Option<Role>,
    column: Option<String>,
}

impl Ctx {
    fn change(&self, kind: Kind, before: Option<&str>, after: Option<&str>) -> Change {
        let inline = match (kind, before, after) {
            (Kind::Modified, Some(a), Some(b)) => Some(inline(a, b)),
            _ => None,
        };
        Change {
            kind,
            sheet: self.sheet,
            measure_id: self.measure_id.clone(),
            lineage_id: self.lineage_id.clone(),
            measure: self.measure.clone(),
            role: self.role,
            column: self.column.clone(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
            inline,
            detail: Vec::new(),
        }
    }
}

/// Compares item texts: equal comparison keys are the same item; leftovers are paired as
/// modified when similar enough, else added/removed. `ordered` keeps sequence order.
fn compare_items(ctx: &Ctx, old: &[String], new: &[String], ordered: bool, out: &mut Vec<Change>) {
    let ko: Vec<String> = old.iter().map(|t| comparison_key(t)).collect();
    let kn: Vec<String> = new.iter().map(|t| comparison_key(t)).collect();
    let (mut gone, mut came): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    if ordered {
        let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &ko, &kn);
        for op in ops {
            for (tag, o, n) in op
                .iter_changes(&ko, &kn)
                .map(|c| (c.tag(), c.old_index(), c.new_index()))
            {
                match tag {
                    ChangeTag::Delete => gone.extend(o),
                    ChangeTag::Insert => came.extend(n),
                    ChangeTag::Equal => {}
                }
            }
        }
    } else {
        let mut used = vec![false; kn.len()];
        for (i, k) in ko.iter().enumerate() {
            match (0..kn.len()).find(|&j| !used[j] && kn[j] == *k) {
                Some(j) => used[j] = true,
                None => gone.push(i),
            }
        }
        came = (0..kn.len()).filter(|j| !used[*j]).collect();
    }
    // Pair the most similar removed/added texts as modifications.
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for &i in &gone {
        for &j in &came {
            let s = similarity(&ko[i], &kn[j]);
            if s >= MODIFIED_SIMILARITY {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gi, mut cj) = (BTreeSet::new(), BTreeSet::new());
    let mut modified = Vec::new();
    for (_, i, j) in pairs {
        if !gi.contains(&i) && !cj.contains(&j) {
            gi.insert(i);
            cj.insert(j);
            modified.push((i, j));
        }
    }
    modified.sort();
    for (i, j) in modified {
        out.push(ctx.change(Kind::Modified, Some(&old[i]), Some(&new[j])));
    }
    for i in gone.into_iter().filter(|i| !gi.contains(i)) {
        out.push(ctx.change(Kind::Removed, Some(&old[i]), None));
    }
    for j in came.into_iter().filter(|j| !cj.contains(j)) {
        out.push(ctx.change(Kind::Added, None, Some(&new[j])));
    }
}

fn texts(items: &[Text]) -> Vec<String> {
    items.iter().map(|t| t.text.clone()).collect()
}

fn item_texts(items: &[Item]) -> Vec<String> {
    items.iter().map(|t| t.text.clone()).collect()
}

/// Items of a measure in one role, in row/column order.
fn measure_items(sheet: &Sheet, m: &Measure, role: Role) -> Vec<String> {
    sheet
        .cells
        .iter()
        .filter(|c| (m.first_row..=m.last_row).contains(&c.row) && sheet.role(c.col) == role)
        .flat_map(|c| item_texts(&c.items))
        .collect()
}

/// Schedule items of a measure with the period each covers.
fn schedule_items<'a>(sheet: &'a Sheet, m: &Measure) -> Vec<(String, Option<&'a Phase>)> {
    sheet
        .cells
        .iter()
        .filter(|c| (m.first_row..=m.last_row).contains(&c.row) && sheet.role(c.col) == Role::Phase)
        .flat_map(|c| {
            let phase = sheet.columns.get(c.col).and_then(|x| x.phase.as_ref());
            c.items.iter().map(move |t| (t.text.clone(), phase))
        })
        .collect()
}

fn overlaps(a: &Phase, b: &Phase) -> bool {
    let a_to = a.to.as_deref().unwrap_or("9999-12");
    let b_to = b.to.as_deref().unwrap_or("9999-12");
    a.from.as_str() <= b_to && b.from.as_str() <= a_to
}

fn phases(sheet: &Sheet) -> Vec<&Phase> {
    sheet
        .columns
        .iter()
        .filter_map(|c| c.phase.as_ref())
        .collect()
}

/// Phases of `one` that no phase of `other` overlaps: with `one` the old sheet, the phases
/// dropped from the layout; with `one` the new sheet, the phases it adds.
fn unmatched_phases<'a>(one: &'a Sheet, other: &Sheet) -> Vec<&'a Phase> {
    let theirs = phases(other);
    phases(one)
        .into_iter()
        .filter(|p| !theirs.iter().any(|q| overlaps(p, q)))
        .collect()
}

/// The phases a layout change drops and adds. Their entries are reported with the structure
/// change, not one by one, in both directions, so that a diff and its reverse agree.
#[derive(Default, Clone, Copy)]
struct Relayout<'a, 'b> {
    dropped: &'b [&'a Phase],
    added: &'b [&'a Phase],
}

/// What the measure matcher looks at: a measure's id and its title (normalized text).
pub trait MeasureKey {
    /// The per-edition measure id (`m-…`, `s-…`).
    fn measure_id(&self) -> &str;
    /// The normalized title; `None` for a measure without a title.
    fn measure_title(&self) -> Option<&str>;
}

impl MeasureKey for Measure {
    fn measure_id(&self) -> &str {
        &self.id
    }
    fn measure_title(&self) -> Option<&str> {
        self.title.as_ref().map(|t| t.text.as_str())
    }
}

/// Pairs the measures of one sheet in two editions: same id, then same title (comparison
/// key), then the most similar title (at least [`TITLE_SIMILARITY`]). Returns index pairs into
/// `old` and `new`: both for a pair, one side for a measure only one edition has, old
/// measures first in their order, then the new ones left over. The diff and the lineage of
/// measures ([`lineage`]) both pair measures with it.
pub fn pair_measures<M: MeasureKey>(old: &[M], new: &[M]) -> Vec<(Option<usize>, Option<usize>)> {
    let key = |m: &M| m.measure_title().map(comparison_key);
    let new_keys: Vec<Option<String>> = new.iter().map(key).collect();
    let mut used = vec![false; new.len()];
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut unmatched = Vec::new();
    for (i, m) in old.iter().enumerate() {
        let km = key(m);
        let found = new
            .iter()
            .enumerate()
            .position(|(j, n)| !used[j] && n.measure_id() == m.measure_id())
            .or_else(|| {
                (0..new.len()).position(|j| !used[j] && new_keys[j].is_some() && new_keys[j] == km)
            });
        match found {
            Some(j) => {
                used[j] = true;
                pairs.push((Some(i), Some(j)));
            }
            None => unmatched.push((i, km)),
        }
    }
    for (i, km) in unmatched {
        let m = &old[i];
        let best = new
            .iter()
            .enumerate()
            .filter(|(j, n)| {
                !used[*j] && n.measure_title().is_some() == m.measure_title().is_some()
            })
            .map(|(j, _)| {
                (
                    j,
                    km.as_ref()
                        .zip(new_keys[j].as_ref())
                        .map_or(1.0, |(a, b)| similarity(a, b)),
                )
            })
            .filter(|(_, s)| *s >= TITLE_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((j, _)) => {
                used[j] = true;
                pairs.push((Some(i), Some(j)));
            }
            None => pairs.push((Some(i), None)),
        }
    }
    for (j, u) in used.iter().enumerate() {
        if !u {
            pairs.push((None, Some(j)));
        }
    }
    pairs
}

/// [`pair_measures`] of two sheets, as measures.
fn match_measures<'a>(
    old: &'a Sheet,
    new: &'a Sheet,
) -> Vec<(Option<&'a Measure>, Option<&'a Measure>)> {
    pair_measures(&old.measures, &new.measures)
        .into_iter()
        .map(|(a, b)| (a.map(|i| &old.measures[i]), b.map(|j| &new.measures[j])))
        .collect()
}

fn title(m: Option<&Measure>) -> Option<String> {
    m.and_then(|m| m.title.as_ref()).map(|t| t.text.clone())
}

const CONTENT_ROLES: [(Role, bool); 3] = [
    (Role::Kpi, true),
    (Role::Progress, false),
    (Role::Programs, false),
];

fn column_label(sheet: &Sheet, role: Role) -> Option<String> {
    sheet
        .columns
        .iter()
        .find(|c| c.role == role)
        .map(|c| c.label.text.clone())
}

/// The lineage of the two editions being compared and their ids.
struct Lines<'a> {
    lineage: &'a Lineage,
    old: &'a str,
    new: &'a str,
}

impl Lines<'_> {
    /// The lineage id of a pair of measures on sheet `sheet`.
    fn id(&self, sheet: u32, om: Option<&Measure>, nm: Option<&Measure>) -> Option<String> {
        om.and_then(|m| self.lineage.id(self.old, sheet, &m.id))
            .or_else(|| nm.and_then(|m| self.lineage.id(self.new, sheet, &m.id)))
            .map(str::to_string)
    }
}

fn compare_measure(
    lines: &Lines<'_>,
    os: &Sheet,
    ns: &Sheet,
    om: Option<&Measure>,
    nm: Option<&Measure>,
    relayout: Relayout<'_, '_>,
    out: &mut Vec<Change>,
) {
    let any = nm.or(om).expect("one side exists");
    let base = Ctx {
        sheet: Some(ns.number),
        measure_id: Some(any.id.clone()),
        lineage_id: lines.id(os.number, om, nm).or_else(|| Some(any.id.clone())),
        measure: title(nm).or_else(|| title(om)),
        role: None,
        column: None,
    };
    // The title itself.
    if let (Some(a), Some(b)) = (title(om), title(nm)) {
        if comparison_key(&a) != comparison_key(&b) {
            let ctx = Ctx {
                role: Some(Role::Measure),
                column: column_label(ns, Role::Measure),
                ..base.clone()
            };
            out.push(ctx.change(Kind::Modified, Some(&a), Some(&b)));
        }
    } else if om.is_none() || nm.is_none() {
        if let Some(t) = title(om).or_else(|| title(nm)) {
            let ctx = Ctx {
                role: Some(Role::Measure),
                column: column_label(ns, Role::Measure),
                ..base.clone()
            };
            let kind = if om.is_none() {
                Kind::Added
            } else {
                Kind::Removed
            };
            let (b, a) = if om.is_none() {
                (None, Some(t.as_str()))
            } else {
                (Some(t.as_str()), None)
            };
            out.push(ctx.change(kind, b, a));
        }
    }
    // Schedule: items keep their identity across phase re-layouts; entries of dropped and
    // added phases are reported with the structure change instead.
    let old_sched: Vec<(String, Option<&Phase>)> =
        om.map(|m| schedule_items(os, m)).unwrap_or_default();
    let new_sched: Vec<(String, Option<&Phase>)> =
        nm.map(|m| schedule_items(ns, m)).unwrap_or_default();
    let kept = |sched: &[(String, Option<&Phase>)], gone: &[&Phase]| -> Vec<String> {
        sched
            .iter()
            .filter(|(_, p)| !p.is_some_and(|p| gone.contains(&p)))
            .map(|(t, _)| t.clone())
            .collect()
    };
    let kept_old = kept(&old_sched, relayout.dropped);
    let new_texts = kept(&new_sched, relayout.added);
    let ctx = Ctx {
        role: Some(Role::Phase),
        column: None,
        ..base.clone()
    };
    let mut sched = Vec::new();
    compare_items(&ctx, &kept_old, &new_texts, false, &mut sched);
    // Label each schedule change with the phase it stands in.
    for mut c in sched {
        let find = |list: &[(String, Option<&Phase>)], t: &Option<String>| {
            t.as_ref()
                .and_then(|t| list.iter().find(|(x, _)| x == t))
                .and_then(|(_, p)| p.map(|p| p.label.clone()))
        };
        c.column = find(&new_sched, &c.after).or_else(|| find(&old_sched, &c.before));
        out.push(c);
    }
    for (role, ordered) in CONTENT_ROLES {
        let a = om.map(|m| measure_items(os, m, role)).unwrap_or_default();
        let b = nm.map(|m| measure_items(ns, m, role)).unwrap_or_default();
        let ctx = Ctx {
            role: Some(role),
            column: column_label(ns, role).or_else(|| column_label(os, role)),
            ..base.clone()
        };
        compare_items(&ctx, &a, &b, ordered, out);
    }
}

fn compare_metadata(ctx: &Ctx, field: &str, old: &[Text], new: &[Text], out: &mut Vec<Change>) {
    let ctx = Ctx {
        column: Some(field.to_string()),
        ..ctx.clone()
    };
    let mut tmp = Vec::new();
    compare_items(&ctx, &texts(old), &texts(new), false, &mut tmp);
    for mut c in tmp {
        c.kind = Kind::Metadata;
        out.push(c);
    }
}

fn compare_sheet(lines: &Lines<'_>, os: &Sheet, ns: &Sheet, out: &mut Vec<Change>) {
    let ctx = Ctx {
        sheet: Some(ns.number),
        measure_id: None,
        lineage_id: None,
        measure: None,
        role: None,
        column: None,
    };
    // Phase layout: reported once; entries of dropped and of added phases listed with it.
    let old_labels: Vec<String> = phases(os).iter().map(|p| p.label.clone()).collect();
    let new_labels: Vec<String> = phases(ns).iter().map(|p| p.label.clone()).collect();
    let dropped = unmatched_phases(os, ns);
    let added = unmatched_phases(ns, os);
    if old_labels != new_labels {
        let mut c = ctx.change(
            Kind::Structure,
            Some(&old_labels.join(" | ")),
            Some(&new_labels.join(" | ")),
        );
        c.column = Some("phases".into());
        for (sheet, list) in [(os, &dropped), (ns, &added)] {
            for p in list.iter() {
                for m in &sheet.measures {
                    for (t, ph) in schedule_items(sheet, m) {
                        if ph == Some(*p) {
                            c.detail.push(format!("{}: {}", p.label, t));
                        }
                    }
                }
            }
        }
        out.push(c);
    }
    let roles = |s: &Sheet| {
        s.columns
            .iter()
            .filter(|c| c.role != Role::Phase)
            .map(|c| c.role.as_str().to_string())
            .collect::<Vec<_>>()
    };
    if roles(os) != roles(ns) {
        let mut c = ctx.change(
            Kind::Structure,
            Some(&roles(os).join(" | ")),
            Some(&roles(ns).join(" | ")),
        );
        c.column = Some("columns".into());
        out.push(c);
    }
    compare_metadata(&ctx, "labels", &os.labels, &ns.labels, out);
    let callouts = |s: &Sheet| {
        s.callouts
            .iter()
            .map(|c| Text {
                raw: c.raw.clone(),
                text: c.text.clone(),
            })
            .collect::<Vec<_>>()
    };
    compare_metadata(&ctx, "callouts", &callouts(os), &callouts(ns), out);
    compare_metadata(&ctx, "footnotes", &os.footnotes, &ns.footnotes, out);
    for (om, nm) in match_measures(os, ns) {
        let relayout = Relayout {
            dropped: &dropped,
            added: &added,
        };
        compare_measure(lines, os, ns, om, nm, relayout, out);
    }
}

/// Every change from `old` to `new`. Differences of normalization only (width, spacing,
/// line breaks) are not changes: texts are compared by their comparison keys. Lineage ids are
/// those of the two editions alone; [`diff_in`] takes them from a longer history.
pub fn diff(old: &Edition, new: &Edition) -> Diff {
    diff_in(old, new, &Lineage::of_editions(&[old, new]))
}

/// [`diff`] with the lineage ids of `lineage`, which must hold both editions (as built from
/// the whole history by `history`).
pub fn diff_in(old: &Edition, new: &Edition, lineage: &Lineage) -> Diff {
    let lines = Lines {
        lineage,
        old: &old.edition,
        new: &new.edition,
    };
    let mut changes = Vec::new();
    let ctx = Ctx {
        sheet: None,
        measure_id: None,
        lineage_id: None,
        measure: None,
        role: None,
        column: None,
    };
    if old.as_of != new.as_of {
        let mut c = ctx.change(Kind::Metadata, old.as_of.as_deref(), new.as_of.as_deref());
        c.column = Some("as_of".into());
        changes.push(c);
    }
    let title = |e: &Edition| e.title.iter().cloned().collect::<Vec<_>>();
    compare_metadata(&ctx, "title", &title(old), &title(new), &mut changes);
    let numbers: BTreeSet<u32> = old
        .sheets
        .iter()
        .chain(&new.sheets)
        .map(|s| s.number)
        .collect();
    for n in numbers {
        let os = old.sheets.iter().find(|s| s.number == n);
        let ns = new.sheets.iter().find(|s| s.number == n);
        match (os, ns) {
            (Some(a), Some(b)) => compare_sheet(&lines, a, b, &mut changes),
            (a, b) => {
                let present = b.or(a).expect("one side");
                let mut c = Ctx {
                    sheet: Some(n),
                    ..ctx.clone()
                }
                .change(
                    Kind::Structure,
                    a.map(|s| s.heading.text.as_str()),
                    b.map(|s| s.heading.text.as_str()),
                );
                c.column = Some("sheet".into());
                changes.push(c);
                let empty = Sheet {
                    measures: Vec::new(),
                    cells: Vec::new(),
                    ..present.clone()
                };
                let (x, y) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
                for (om, nm) in match_measures(x, y) {
                    compare_measure(&lines, x, y, om, nm, Relayout::default(), &mut changes);
                }
            }
        }
    }
    let mut counts = Counts::default();
    for c in &changes {
        match c.kind {
            Kind::Added => counts.added += 1,
            Kind::Removed => counts.removed += 1,
            Kind::Modified => counts.modified += 1,
            Kind::Structure => counts.structure += 1,
            Kind::Metadata => counts.metadata += 1,
        }
    }
    Diff {
        schema_version: DIFF_SCHEMA_VERSION.into(),
        old: side(old),
        new: side(new),
        counts,
        changes,
    }
}

/// Output format of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Validated against schemas/diff.schema.json.
    Json,
    /// Grouped by sheet and measure, with counts.
    Markdown,
    /// A standalone page, old and new side by side.
    Html,
}

impl DiffFormat {
    /// The file extension of this format (`md`, `json`, `html`).
    pub fn extension(self) -> &'static str {
        match self {
            DiffFormat::Json => "json",
            DiffFormat::Markdown => "md",
            DiffFormat::Html => "html",
        }
    }
}

/// The diff in the given format; JSON is validated before it is returned.
pub fn render_diff(d: &Diff, format: DiffFormat) -> crate::error::Result<String> {
    use crate::error::ErrorKind;
    match format {
        DiffFormat::Json => {
            let v = serde_json::to_value(d).map_err(|e| ErrorKind::Serialize(e.to_string()))?;
            crate::schema::validate_diff(&v).map_err(|violations| ErrorKind::Invalid {
                what: "the diff".into(),
                violations,
            })?;
            serde_json::to_string_pretty(&v)
                .map(|s| s + "\n")
                .map_err(|e| ErrorKind::Serialize(e.to_string()).into())
        }
        DiffFormat::Markdown => Ok(render::markdown(d)),
        DiffFormat::Html => Ok(render::html(d)),
    }
}

/// Orders editions by as-of date (then id) and keeps one per edition id (a dump before a PDF); returns the kept
/// indices in order and the skipped ones (a second source of an edition already present).
pub fn history_order(eds: &[Edition]) -> (Vec<usize>, Vec<usize>) {
    let mut idx: Vec<usize> = (0..eds.len()).collect();
    // Of two sources of one edition the text dump is kept: its text is the publisher's own,
    // while the PDF's item boundaries are read from the layout.
    let rank = |e: &Edition| match e.source.format {
        crate::edition::SourceFormat::TextDump => 0,
        crate::edition::SourceFormat::Pdf => 1,
    };
    idx.sort_by(|&a, &b| {
        let ka = (
            &eds[a].as_of,
            &eds[a].edition,
            rank(&eds[a]),
            &eds[a].source.file,
        );
        let kb = (
            &eds[b].as_of,
            &eds[b].edition,
            rank(&eds[b]),
            &eds[b].source.file,
        );
        ka.cmp(&kb)
    });
    let (mut kept, mut skipped): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for i in idx {
        if kept.iter().any(|&k| eds[k].edition == eds[i].edition) {
            skipped.push(i);
        } else {
            kept.push(i);
        }
    }
    (kept, skipped)
}
