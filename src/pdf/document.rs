//! One PDF read in one pass: the file parsed once, each page interpreted once, and the structure tree's tables placed by the marked content that pass recorded.

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::content::{open, pages_of, PageContent, PdfError};
use super::pages::PageSelection;
use super::tagged::{is_tagged, read_tree, tables_in, StructTree, TaggedTable};
use super::text_layer::Recovered;

/// A PDF's pages and its structure tree's tables.
#[derive(Debug, Clone)]
pub struct Document {
    /// The pages, in order.
    pub pages: Vec<PageContent>,
    /// The tables of the tagged structure tree (empty for an untagged file).
    pub structure: Vec<TaggedTable>,
    /// Fonts whose text was recovered from the font program (a `text-recovered` warning each).
    pub recovered: Vec<Recovered>,
}

/// Reads the pages and the structure tree's tables from one parse of the file.
pub fn read(bytes: &[u8]) -> Result<Document, PdfError> {
    read_selected(bytes, None)
}

/// As [`read`], with only the selected pages interpreted (the structure tree is still read
/// whole; its tables are matched to the pages read).
pub fn read_selected(
    bytes: &[u8],
    selection: Option<&PageSelection>,
) -> Result<Document, PdfError> {
    let pdf = open(bytes)?;
    // The structure tree is copied out on a thread of its own while the pages are
    // interpreted (it needs none of their content; a browser's tagged deck spends a tenth of
    // its time there).
    let (pages, tree) = std::thread::scope(|scope| {
        let tree = is_tagged(&pdf).then(|| scope.spawn(|| read_tree(&pdf)));
        let pages = pages_of(&pdf, selection);
        let tree: StructTree = tree.and_then(|t| t.join().ok()).unwrap_or_default();
        (pages, tree)
    });
    let (pages, recovered) = pages?;
    let structure = tables_in(&tree, &pages);
    crate::trace::mark("structure tree read");
    Ok(Document {
        pages,
        structure,
        recovered,
    })
}

/// The tables of the structure tree, in tree order (a table nested in a cell comes after the
/// table that holds it). Empty for an untagged, unreadable or password-protected PDF. A table
/// whose page cannot be told (no `/Pg` anywhere in it, in a file of several pages) is left out.
pub fn structure(bytes: &[u8]) -> Vec<TaggedTable> {
    if !super::is_pdf(bytes) {
        return Vec::new();
    }
    catch_unwind(AssertUnwindSafe(|| read(bytes)))
        .ok()
        .and_then(Result::ok)
        .map(|d| d.structure)
        .unwrap_or_default()
}
