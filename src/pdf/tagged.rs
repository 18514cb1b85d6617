//! Tables of the tagged-PDF structure tree (Table/TR/TH/TD with RowSpan/ColSpan): a second opinion on the ruled grid.

// The structure tree is read with hayro-syntax's object API: `/StructTreeRoot` → `/K`
// recursively, names mapped to standard types through `/RoleMap`, spans from the attribute
// objects (`/A`, and `/C` through `/ClassMap`) owned by `/Table`. The tree is copied into an
// owned [`Node`] tree first (with a depth limit, a node budget and a visited set against
// cycles), and the tables are read from that.
//
// Each cell also gets the box of its content on the page, from the marked-content IDs (MCIDs)
// the one interpretation of the page recorded (`PageContent::marked`), so a cell can be placed
// on the ruled grid by where its text is, not only by its position in the tree. This matters because
// Chromium leaves empty cells out of the structure tree (`tests/pdf_tagged.rs` shows it on
// `chromium-identity-h.pdf`), which shifts every later cell of the row in the HTML table
// algorithm. LibreOffice keeps every cell.
//
// Everything is best effort: an untagged, damaged or encrypted-with-password file gives no
// tables, and nothing here panics.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use hayro_syntax::object::{Dict, MaybeRef, Name, Object, ObjectIdentifier};
use hayro_syntax::xref::XRef;
use hayro_syntax::Pdf;
use serde::{Deserialize, Serialize};

use super::content::PageContent;
use super::geom::BBox;
use super::table::Table;

/// One TH or TD of a tagged table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaggedCell {
    /// The cell is a TH.
    pub header: bool,
    /// `/RowSpan` of the cell's Table attributes (1 if absent or not a positive integer).
    pub row_span: usize,
    /// `/ColSpan` of the cell's Table attributes (1 if absent or not a positive integer).
    pub col_span: usize,
    /// Page-space box (origin bottom-left, y up, `/Rotate` applied, as in
    /// [`content`](super::content)) of the cell's marked content on the table's page: its
    /// glyphs, or its paths if it has no glyph (an empty cell's background). `None` when the
    /// cell has no content there.
    pub content: Option<ContentBox>,
    /// The boxes of the cell's parts, in tree order, when the cell holds two or more block
    /// elements (paragraphs `P`, list items `LI`, …), looking through a single wrapper such
    /// as one `L` or `Div`: where the tree ends one paragraph and starts the next. Empty when
    /// the cell has fewer than two parts or mixes parts with loose text (its own marked
    /// content that draws glyphs; borders and backgrounds do not count).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<BBox>,
}

/// Largest span taken from an attribute; larger values are clipped (a guard against absurd input).
const MAX_SPAN: usize = 1000;
/// Most grid slots that spans may cover in one table (beyond it, cells count as 1×1).
const MAX_SLOTS: usize = 4_000_000;
/// Deepest nesting of the structure tree that is read.
const MAX_DEPTH: usize = 200;
/// Most structure nodes (elements and content items) read from one file.
const MAX_NODES: usize = 200_000;
/// Longest chain of `/RoleMap` entries followed.
const MAX_ROLE_CHAIN: usize = 16;
/// The box of a cell's content: the one box type of the front-end.
pub type ContentBox = BBox;

/// A Table element of the structure tree: its rows (TR, also inside THead/TBody/TFoot) in
/// tree order, each with its cells (TH/TD) in tree order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaggedTable {
    /// Page of the table, 1-based (from `/Pg` of the table or of its first descendant that has one).
    pub page: usize,
    /// Rows as the tree lists them; cells covered by a span are not repeated.
    pub rows: Vec<Vec<TaggedCell>>,
}

/// A cell placed on the table grid by the HTML table algorithm (see [`occupancy`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacedCell {
    /// Top grid row, 0-based.
    pub row: usize,
    /// Left grid column, 0-based.
    pub col: usize,
    /// Rows covered (clipped to the table's rows).
    pub row_span: usize,
    /// Columns covered.
    pub col_span: usize,
    /// The cell is a TH.
    pub header: bool,
    /// The cell's content box, as in [`TaggedCell::content`].
    pub content: Option<ContentBox>,
}

/// Standard structure types of PDF 1.7 and 2.0; role mapping stops at these.
const STANDARD: &[&str] = &[
    "Document",
    "DocumentFragment",
    "Part",
    "Art",
    "Sect",
    "Div",
    "Aside",
    "BlockQuote",
    "Caption",
    "TOC",
    "TOCI",
    "Index",
    "NonStruct",
    "Private",
    "P",
    "H",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "Title",
    "FENote",
    "Sub",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "THead",
    "TBody",
    "TFoot",
    "Span",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Link",
    "Annot",
    "Em",
    "Strong",
    "Ruby",
    "RB",
    "RT",
    "RP",
    "Warichu",
    "WT",
    "WP",
    "Figure",
    "Formula",
    "Form",
    "Artifact",
];

/// Places the cells of a tagged table on a grid with the HTML table algorithm: each row's
/// cells go left to right into the first free slots, and a row span keeps its slots occupied
/// in the rows below, pushing later cells of those rows to the right. Row spans are clipped to
/// the table's last row (and spans of absurd size to a memory budget). Cells come out in tree
/// order.
pub fn occupancy(table: &TaggedTable) -> Vec<PlacedCell> {
    let n_rows = table.rows.len();
    // taken[r] = occupied columns of row r.
    let mut taken: Vec<HashSet<usize>> = vec![HashSet::new(); n_rows];
    let mut out = Vec::new();
    let mut slots_left = MAX_SLOTS;
    for (r, row) in table.rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while taken[r].contains(&col) {
                col += 1;
            }
            let row_span = cell.row_span.clamp(1, MAX_SPAN).min(n_rows - r);
            let col_span = cell.col_span.clamp(1, MAX_SPAN);
            // Absurd spans in a large tree would take a lot of memory: past the slot budget,
            // every cell is one slot.
            let (row_span, col_span) = if row_span * col_span <= slots_left {
                (row_span, col_span)
            } else {
                (1, 1)
            };
            slots_left = slots_left.saturating_sub(row_span * col_span);
            for slots in taken.iter_mut().skip(r).take(row_span) {
                slots.extend(col..col + col_span);
            }
            out.push(PlacedCell {
                row: r,
                col,
                row_span,
                col_span,
                header: cell.header,
                content: cell.content,
            });
            col += col_span;
        }
    }
    out
}

/// Number of grid columns of placed cells: the rightmost covered column + 1.
fn column_count(placed: &[PlacedCell]) -> usize {
    placed.iter().map(|p| p.col + p.col_span).max().unwrap_or(0)
}

/// The structure tree of a file copied out of it (empty for an untagged file), to be matched
/// with the pages' marked content by [`tables_in`]. Reading it needs no page content, so it
/// is read while the pages are interpreted.
#[derive(Debug, Default)]
pub struct StructTree {
    top: Vec<Kid>,
}

/// True if the file has a structure tree (a `/StructTreeRoot` in its catalog): reading it is
/// worth a thread of its own.
pub fn is_tagged(pdf: &Pdf) -> bool {
    let xref = pdf.xref();
    xref.get::<Dict<'_>>(xref.root_id())
        .is_some_and(|catalog| catalog.contains_key(b"StructTreeRoot".as_slice()))
}

/// Reads the structure tree of `pdf`; empty when there is none or it cannot be read.
pub fn read_tree(pdf: &Pdf) -> StructTree {
    catch_unwind(AssertUnwindSafe(|| copy_tree(pdf))).unwrap_or_default()
}

/// The tables of the structure tree of `pdf`, their cells placed by the marked content that
/// `pages` recorded when they were interpreted.
pub fn tables_of(pdf: &Pdf, pages: &[PageContent]) -> Vec<TaggedTable> {
    tables_in(&read_tree(pdf), pages)
}

/// The tables of a structure tree, their cells placed by the marked content that `pages`
/// recorded when they were interpreted.
pub fn tables_in(tree: &StructTree, pages: &[PageContent]) -> Vec<TaggedTable> {
    catch_unwind(AssertUnwindSafe(|| place_tables(tree, pages))).unwrap_or_default()
}

fn copy_tree(pdf: &Pdf) -> StructTree {
    let xref = pdf.xref();
    let Some(catalog) = xref.get::<Dict<'_>>(xref.root_id()) else {
        return StructTree::default();
    };
    let Some(root) = catalog.get::<Dict<'_>>(b"StructTreeRoot") else {
        return StructTree::default();
    };
    let pages = pdf.pages();
    let page_numbers: HashMap<ObjectIdentifier, usize> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.raw().obj_id()?, i + 1)))
        .collect();
    let mut reader = TreeReader {
        xref,
        role_map: root.get::<Dict<'_>>(b"RoleMap"),
        class_map: root.get::<Dict<'_>>(b"ClassMap"),
        page_numbers,
        visited: HashSet::new(),
        budget: MAX_NODES,
    };
    // In a file of one page, an element without `/Pg` is on it.
    let default_page = (pages.len() == 1).then_some(1);
    let mut top = Vec::new();
    if let Some(k) = root.get_raw::<Object<'_>>(b"K") {
        reader.kids(k, default_page, 0, &mut top);
    }
    StructTree { top }
}

fn place_tables(tree: &StructTree, contents: &[PageContent]) -> Vec<TaggedTable> {
    let mut found = Vec::new();
    for kid in &tree.top {
        if let Kid::Elem(node) = kid {
            collect_tables(node, 0, &mut found);
        }
    }
    found
        .into_iter()
        .filter_map(|node| {
            let page = first_page(node, 0)?;
            let content = contents.iter().find(|p| p.number == page)?;
            Some(table_of(node, page, content))
        })
        .collect()
}

/// A structure element copied out of the file.
#[derive(Debug, Default)]
struct Node {
    /// Standard structure type after role mapping (or the name itself if it maps to none).
    kind: String,
    /// Page of the element's content: its own `/Pg`, else the inherited one.
    page: Option<usize>,
    /// `/RowSpan`, `/ColSpan` of the Table attributes.
    row_span: Option<i64>,
    col_span: Option<i64>,
    kids: Vec<Kid>,
}

/// A kid of a structure element.
#[derive(Debug)]
enum Kid {
    Elem(Node),
    /// A marked-content sequence of a page's content stream: (page, MCID).
    Mcid(usize, i64),
}

/// Copies the structure tree out of the file.
struct TreeReader<'a> {
    xref: &'a XRef,
    role_map: Option<Dict<'a>>,
    class_map: Option<Dict<'a>>,
    page_numbers: HashMap<ObjectIdentifier, usize>,
    /// Indirect objects already read (a structure tree is a tree; a second visit is a cycle
    /// or a shared node, both skipped).
    visited: HashSet<ObjectIdentifier>,
    /// Nodes that may still be read.
    budget: usize,
}

impl<'a> TreeReader<'a> {
    /// Resolves an entry, refusing indirect objects already seen.
    fn resolve(&mut self, m: MaybeRef<Object<'a>>) -> Option<Object<'a>> {
        match m {
            MaybeRef::Ref(r) => {
                let id: ObjectIdentifier = r.into();
                if !self.visited.insert(id) {
                    return None;
                }
                self.xref.get::<Object<'a>>(id)
            }
            MaybeRef::NotRef(o) => Some(o),
        }
    }

    /// The page of a `/Pg` entry.
    fn page_of(&self, dict: &Dict<'a>) -> Option<usize> {
        let r = dict.get_ref(b"Pg")?;
        self.page_numbers.get(&r.into()).copied()
    }

    /// Reads a `/K` value (a kid or an array of kids) into `out`.
    fn kids(
        &mut self,
        k: MaybeRef<Object<'a>>,
        page: Option<usize>,
        depth: usize,
        out: &mut Vec<Kid>,
    ) {
        if depth > MAX_DEPTH || self.budget == 0 {
            return;
        }
        let Some(obj) = self.resolve(k) else {
            return;
        };
        match obj {
            Object::Array(items) => {
                for item in items.raw_iter() {
                    if self.budget == 0 {
                        break;
                    }
                    self.kids(item, page, depth + 1, out);
                }
            }
            Object::Number(n) => {
                self.budget -= 1;
                if let Some(p) = page {
                    out.push(Kid::Mcid(p, n.as_i64()));
                }
            }
            Object::Dict(dict) => {
                self.budget -= 1;
                let kind = dict.get::<Name<'_>>(b"Type");
                match kind.as_deref() {
                    Some(b"MCR") => {
                        // A marked-content sequence in a form XObject (`/Stm`) has MCIDs of
                        // that stream, not of the page: it cannot be placed here.
                        if dict.contains_key(b"Stm") {
                            return;
                        }
                        let page = self.page_of(&dict).or(page);
                        if let (Some(p), Some(mcid)) = (page, dict.get::<i64>(b"MCID")) {
                            out.push(Kid::Mcid(p, mcid));
                        }
                    }
                    Some(b"OBJR") => {}
                    _ => {
                        if dict.contains_key(b"S") {
                            let node = self.element(&dict, page, depth);
                            out.push(Kid::Elem(node));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Reads one structure element and its kids.
    fn element(&mut self, dict: &Dict<'a>, page: Option<usize>, depth: usize) -> Node {
        let page = self.page_of(dict).or(page);
        let kind = dict
            .get::<Name<'_>>(b"S")
            .map(|n| self.standard_type(&n))
            .unwrap_or_default();
        let (row_span, col_span) = if kind == "TH" || kind == "TD" {
            self.spans(dict)
        } else {
            (None, None)
        };
        let mut node = Node {
            kind,
            page,
            row_span,
            col_span,
            kids: Vec::new(),
        };
        if let Some(k) = dict.get_raw::<Object<'_>>(b"K") {
            self.kids(k, page, depth + 1, &mut node.kids);
        }
        node
    }

    /// Maps a structure type through the role map until a standard type is reached.
    fn standard_type(&self, name: &Name<'_>) -> String {
        let mut current: Vec<u8> = name.as_ref().to_vec();
        let mut seen: HashSet<Vec<u8>> = HashSet::new();
        for _ in 0..MAX_ROLE_CHAIN {
            let s = String::from_utf8_lossy(&current).into_owned();
            if STANDARD.contains(&s.as_str()) || !seen.insert(current.clone()) {
                return s;
            }
            let Some(next) = self
                .role_map
                .as_ref()
                .and_then(|m| m.get::<Name<'_>>(&current))
            else {
                return s;
            };
            current = next.as_ref().to_vec();
        }
        String::from_utf8_lossy(&current).into_owned()
    }

    /// `/RowSpan` and `/ColSpan` of an element: its attribute objects (`/A`) first, then its
    /// classes (`/C` through `/ClassMap`). Within each, the attribute object with the highest
    /// revision number wins, a later one on a tie.
    fn spans(&self, dict: &Dict<'a>) -> (Option<i64>, Option<i64>) {
        let mut attrs = attribute_dicts(dict.get::<Object<'_>>(b"A"));
        if let Some(class_map) = &self.class_map {
            let mut names = Vec::new();
            match dict.get::<Object<'_>>(b"C") {
                Some(Object::Name(n)) => names.push(n),
                Some(Object::Array(a)) => names.extend(a.iter::<Name<'_>>()),
                _ => {}
            }
            // Class attributes rank below the element's own: give them revision -1.
            for n in names {
                for (_, d) in attribute_dicts(class_map.get::<Object<'_>>(&n)) {
                    attrs.push((-1, d));
                }
            }
        }
        let pick = |key: &[u8]| -> Option<i64> {
            attrs
                .iter()
                .filter(|(_, d)| d.get::<Name<'_>>(b"O").as_deref() == Some(b"Table".as_slice()))
                .filter_map(|(rev, d)| Some((*rev, d.get::<f64>(key)?)))
                .fold(None, |best: Option<(i64, f64)>, cur| match best {
                    Some(b) if b.0 > cur.0 => Some(b),
                    _ => Some(cur),
                })
                .map(|(_, v)| if v.is_finite() { v as i64 } else { 1 })
        };
        (pick(b"RowSpan"), pick(b"ColSpan"))
    }
}

/// The attribute dictionaries of an `/A` (or `/ClassMap` entry) value with their revision
/// numbers: a dictionary, a stream, or an array of them, each optionally followed by an integer.
fn attribute_dicts<'a>(value: Option<Object<'a>>) -> Vec<(i64, Dict<'a>)> {
    fn as_dict<'a>(o: Object<'a>) -> Option<Dict<'a>> {
        match o {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(s.dict().clone()),
            _ => None,
        }
    }
    let mut out: Vec<(i64, Dict<'a>)> = Vec::new();
    match value {
        Some(Object::Array(a)) => {
            let items: Vec<Object<'a>> = a.iter::<Object<'a>>().collect();
            for item in items {
                match item {
                    Object::Number(n) => {
                        if let Some(last) = out.last_mut() {
                            last.0 = n.as_i64();
                        }
                    }
                    other => {
                        if let Some(d) = as_dict(other) {
                            out.push((0, d));
                        }
                    }
                }
            }
        }
        Some(other) => {
            if let Some(d) = as_dict(other) {
                out.push((0, d));
            }
        }
        None => {}
    }
    out
}

/// Table elements of a subtree, outer before inner.
fn collect_tables<'n>(node: &'n Node, depth: usize, out: &mut Vec<&'n Node>) {
    if depth > MAX_DEPTH {
        return;
    }
    if node.kind == "Table" {
        out.push(node);
    }
    for kid in &node.kids {
        if let Kid::Elem(n) = kid {
            collect_tables(n, depth + 1, out);
        }
    }
}

/// The page of a table: its own, else the first one found among its descendants.
fn first_page(node: &Node, depth: usize) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    node.page.or_else(|| {
        node.kids.iter().find_map(|k| match k {
            Kid::Elem(n) => first_page(n, depth + 1),
            Kid::Mcid(p, _) => Some(*p),
        })
    })
}

/// Builds a [`TaggedTable`] from a Table node: TR anywhere below it (through THead, TBody,
/// TFoot or any wrapper) except inside a nested Table, and TH/TD in the same way below each TR.
fn table_of(node: &Node, page: usize, boxes: &PageContent) -> TaggedTable {
    let mut trs = Vec::new();
    find_kind(node, &["TR"], 0, &mut trs);
    let rows = trs
        .into_iter()
        .map(|tr| {
            let mut cells = Vec::new();
            find_kind(tr, &["TH", "TD"], 0, &mut cells);
            cells
                .into_iter()
                .map(|c| {
                    let span = |v: Option<i64>| {
                        v.filter(|&v| v >= 1)
                            .map_or(1, |v| usize::try_from(v).unwrap_or(MAX_SPAN).min(MAX_SPAN))
                    };
                    TaggedCell {
                        header: c.kind == "TH",
                        row_span: span(c.row_span),
                        col_span: span(c.col_span),
                        content: content_box(c, page, boxes),
                        parts: parts(c, page, boxes),
                    }
                })
                .collect()
        })
        .collect();
    TaggedTable { page, rows }
}

/// Descendants of `node` of one of `kinds`, not looking inside them or inside nested tables.
fn find_kind<'n>(node: &'n Node, kinds: &[&str], depth: usize, out: &mut Vec<&'n Node>) {
    if depth > MAX_DEPTH {
        return;
    }
    for kid in &node.kids {
        let Kid::Elem(n) = kid else { continue };
        if kinds.contains(&n.kind.as_str()) {
            out.push(n);
        } else if n.kind != "Table" {
            find_kind(n, kinds, depth + 1, out);
        }
    }
}

/// The MCIDs on `page` of a subtree.
fn mcids(node: &Node, page: usize, depth: usize, out: &mut Vec<i64>) {
    if depth > MAX_DEPTH {
        return;
    }
    for kid in &node.kids {
        match kid {
            Kid::Mcid(p, m) if *p == page => out.push(*m),
            Kid::Mcid(..) => {}
            Kid::Elem(n) => mcids(n, page, depth + 1, out),
        }
    }
}

/// The union of the boxes the MCIDs `ids` drew on the page: of their glyphs, or of their
/// paths.
fn drawn(content: &PageContent, ids: &[i64], glyphs: bool) -> Option<BBox> {
    BBox::union_all(ids.iter().filter_map(|m| {
        content
            .marked
            .iter()
            .find(|b| b.mcid == *m && b.glyphs == glyphs)
            .map(|b| b.bbox)
    }))
}

/// Box of a subtree's content: the union of its MCIDs' glyph boxes, or of their path boxes if
/// none has glyphs.
fn content_box(cell: &Node, page: usize, content: &PageContent) -> Option<ContentBox> {
    let mut ids = Vec::new();
    mcids(cell, page, 0, &mut ids);
    drawn(content, &ids, true).or_else(|| drawn(content, &ids, false))
}

/// The glyph boxes of a cell's parts (see [`TaggedCell::parts`]).
fn parts(cell: &Node, page: usize, content: &PageContent) -> Vec<BBox> {
    let mut node = cell;
    for _ in 0..MAX_DEPTH {
        let elems: Vec<&Node> = node
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Elem(n) => Some(n),
                Kid::Mcid(..) => None,
            })
            .collect();
        // Marked content of the cell itself that draws text mixes loose text with the parts;
        // content that draws only paths (its borders, its background) does not.
        let loose = node.kids.iter().any(|k| match k {
            Kid::Mcid(p, m) => {
                *p == page && content.marked.iter().any(|b| b.mcid == *m && b.glyphs)
            }
            Kid::Elem(_) => false,
        });
        match elems.as_slice() {
            [one] if !loose => node = one,
            many if many.len() >= 2 && !loose => {
                let boxes: Vec<BBox> = many
                    .iter()
                    .filter_map(|n| {
                        let mut ids = Vec::new();
                        mcids(n, page, 0, &mut ids);
                        drawn(content, &ids, true)
                    })
                    .collect();
                return if boxes.len() >= 2 { boxes } else { Vec::new() };
            }
            _ => return Vec::new(),
        }
    }
    Vec::new()
}

/// `n` and the noun, plural unless `n` is 1.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Where a tagged table and a ruled grid disagree, in English, one message per finding.
/// Rows and columns in the messages count from 1, on the ruled grid.
///
/// - Row and column counts are compared first. If either differs (the structure tree may have
///   one logical column where the ruling lines split it in two), only the counts are reported.
/// - Otherwise each tree cell is placed on the ruled grid by the centre of its content box (so
///   cells the tree leaves out, such as Chromium's empty cells, do not shift the rest), and
///   its spans are compared with the ruled cell there: `cell r2 c1: structure tree spans 1x2,
///   ruling lines 1x1` (rows × columns). A ruled cell holding the content of two tree cells,
///   and tree cells whose content lies outside the ruled table, are reported too.
/// - A tree cell without content is compared at its occupancy-grid slot, but only if the tree
///   covers the whole grid (otherwise its slot is not reliable and it is skipped).
pub fn disagreements(tagged: &TaggedTable, geometry: &Table) -> Vec<String> {
    let placed = occupancy(tagged);
    let (tree_rows, tree_cols) = (tagged.rows.len(), column_count(&placed));
    let ruled_rows = geometry.ys.len().saturating_sub(1);
    let ruled_cols = geometry.xs.len().saturating_sub(1);
    let mut out = Vec::new();
    if tree_rows != ruled_rows {
        out.push(format!(
            "structure tree has {}, ruling lines give {ruled_rows}",
            counted(tree_rows, "row")
        ));
    }
    if tree_cols != ruled_cols {
        out.push(format!(
            "structure tree has {}, ruling lines give {ruled_cols}",
            counted(tree_cols, "column")
        ));
    }
    if !out.is_empty() {
        return out;
    }

    let covered: usize = placed.iter().map(|p| p.row_span * p.col_span).sum();
    let complete = covered == tree_rows * tree_cols;
    // Ruled cell index → the placed tree cells found in it.
    let mut found: BTreeMap<usize, Vec<&PlacedCell>> = BTreeMap::new();
    let mut outside = 0;
    for p in &placed {
        let at = match p.content {
            Some(b) => {
                let (x, y) = b.centre();
                let hit = geometry
                    .cells
                    .iter()
                    .position(|g| g.x0 <= x && x <= g.x1 && g.y0 <= y && y <= g.y1);
                if hit.is_none() {
                    outside += 1;
                }
                hit
            }
            None if complete => geometry.cells.iter().position(|g| {
                g.row <= p.row
                    && p.row < g.row + g.row_span.max(1)
                    && g.col <= p.col
                    && p.col < g.col + g.col_span.max(1)
            }),
            None => None,
        };
        if let Some(k) = at {
            found.entry(k).or_default().push(p);
        }
    }
    for (k, tree_cells) in &found {
        let g = &geometry.cells[*k];
        if tree_cells.len() > 1 {
            out.push(format!(
                "cell r{} c{}: ruling lines give one cell, structure tree {} cells",
                g.row + 1,
                g.col + 1,
                tree_cells.len()
            ));
            continue;
        }
        let p = tree_cells[0];
        if (p.row_span, p.col_span) != (g.row_span, g.col_span) {
            out.push(format!(
                "cell r{} c{}: structure tree spans {}x{}, ruling lines {}x{}",
                g.row + 1,
                g.col + 1,
                p.row_span,
                p.col_span,
                g.row_span,
                g.col_span
            ));
        }
    }
    match outside {
        0 => {}
        1 => out.push("1 cell of the structure tree lies outside the ruled table".to_string()),
        n => out.push(format!(
            "{n} cells of the structure tree lie outside the ruled table"
        )),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row_span: usize, col_span: usize) -> TaggedCell {
        TaggedCell {
            header: false,
            row_span,
            col_span,
            content: None,
            parts: Vec::new(),
        }
    }

    fn slots(t: &TaggedTable) -> Vec<(usize, usize, usize, usize)> {
        occupancy(t)
            .iter()
            .map(|p| (p.row, p.col, p.row_span, p.col_span))
            .collect()
    }

    #[test]
    fn row_spans_push_later_cells_right() {
        // | A (2 rows) | B | C (2 rows, 2 cols) |
        // |            | D |                    | E |
        let t = TaggedTable {
            page: 1,
            rows: vec![
                vec![cell(2, 1), cell(1, 1), cell(2, 2)],
                vec![cell(1, 1), cell(1, 1)],
            ],
        };
        assert_eq!(
            slots(&t),
            [
                (0, 0, 2, 1),
                (0, 1, 1, 1),
                (0, 2, 2, 2),
                (1, 1, 1, 1),
                (1, 4, 1, 1)
            ]
        );
        assert_eq!(column_count(&occupancy(&t)), 5);
    }

    #[test]
    fn spans_are_clipped_and_at_least_one() {
        let t = TaggedTable {
            page: 1,
            rows: vec![vec![cell(7, 0), cell(0, 1)], vec![]],
        };
        assert_eq!(slots(&t), [(0, 0, 2, 1), (0, 1, 1, 1)]);
    }

    #[test]
    fn counts_are_reported_once() {
        let t = TaggedTable {
            page: 1,
            rows: vec![vec![cell(1, 1), cell(1, 1)]],
        };
        let g = Table {
            xs: vec![0.0, 10.0, 20.0, 30.0],
            ys: vec![20.0, 10.0, 0.0],
            cells: Vec::new(),
        };
        assert_eq!(
            disagreements(&t, &g),
            [
                "structure tree has 1 row, ruling lines give 2",
                "structure tree has 2 columns, ruling lines give 3"
            ]
        );
    }
}
