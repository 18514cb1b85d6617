//! The table model that both front-ends fill and every later stage reads: sheets with their
//! header cells, a grid of body cells holding item strings as printed, loose text blocks and
//! warnings. Roles, normalization and enrichment come after it, in `pipeline`.

use serde::{Deserialize, Serialize};

/// Where a cell or an item was read in its source, so that every figure can be found again.
///
/// From a PDF: the 1-based `page` and the `bbox` `[x0, top, x1, bottom]` in PDF points with
/// the origin at the page's top left (pdfplumber's convention: `top < bottom`). From a dump:
/// the 1-based `line` of the row the cell's text is on. Fields a front-end cannot know stay
/// `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// 1-based PDF page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// `[x0, top, x1, bottom]` in PDF points, origin top left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f64; 4]>,
    /// 1-based line of a text dump.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Provenance {
    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self.page.is_none() && self.bbox.is_none() && self.line.is_none()
    }
}

/// How a PDF page's table was found (see `pdf::table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// Cells from ruling lines.
    Ruled,
    /// Columns from a header line, rows from text lines (and boxes below the header).
    Header,
    /// No table was found; the page's text is kept as loose blocks.
    Unruled,
}

impl Strategy {
    /// The strategy as written in the JSON (`ruled`).
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Ruled => "ruled",
            Strategy::Header => "header",
            Strategy::Unruled => "unruled",
        }
    }
}

/// Agreement of a page's table with the tagged structure tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructureAgreement {
    /// Cells of the tree compared with the geometry.
    pub cells_compared: usize,
    /// Cells where the two disagree.
    pub disagreements: usize,
    /// Of those, the ones the reader settled (each with a `structure-settled` warning).
    pub settled: usize,
}

/// Self-checks of one sheet read from a PDF: how sure the reader is of its table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetQuality {
    /// How the table was found.
    pub strategy: Strategy,
    /// Glyphs inside the table's bounds.
    pub table_glyphs: usize,
    /// Of those, the ones assigned to a cell.
    pub assigned_glyphs: usize,
    /// Header cells of the table.
    pub header_labels: usize,
    /// Of those, the ones whose label has a known role (phase, KPI, progress, programs).
    pub header_labels_recognised: usize,
    /// Agreement with the structure tree, for tagged PDFs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<StructureAgreement>,
    /// Share (0–1) of the sheet's glyphs whose text looks like the text of a Japanese
    /// document (no control characters, no U+FFFD, no Latin-1 letters among kana).
    pub text_sanity: f64,
}

impl SheetQuality {
    /// Share (0–1) of the table's glyphs that were assigned to a cell; 1 for an empty table.
    pub fn assigned_share(&self) -> f64 {
        if self.table_glyphs == 0 {
            1.0
        } else {
            self.assigned_glyphs as f64 / self.table_glyphs as f64
        }
    }
}

/// One body cell of a sheet's grid, as read by a front-end (raw item strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawCell {
    /// 0-based body row of the cell's top-left slot.
    pub row: usize,
    /// 0-based grid column of the cell's top-left slot.
    pub col: usize,
    /// How many body rows the cell covers (≥ 1).
    pub row_span: usize,
    /// How many grid columns the cell covers (≥ 1).
    pub col_span: usize,
    /// True when the source marks the cell as a bulleted list.
    pub list: bool,
    /// Item strings exactly as in the source (markup removed, spacing kept).
    pub items: Vec<String>,
    /// Per item: its first glyph is a list marker drawn by the layout, not text (PDF bullets
    /// with a hanging indent). Missing entries are false.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<bool>,
    /// Where the cell was read.
    #[serde(default, skip_serializing_if = "Provenance::is_empty")]
    pub source: Provenance,
    /// Per item: where it was read (empty when the front-end knows only the cell's place).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_sources: Vec<Provenance>,
}

/// One header cell: its raw label and the grid columns it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawHeader {
    /// First grid column the header cell covers.
    pub col: usize,
    /// How many grid columns it covers.
    pub col_span: usize,
    /// The label as printed.
    pub raw: String,
}

/// A free text block outside the grid, with the grid cell it belongs to, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawBlock {
    /// The text as printed (lines joined by `\n`).
    pub raw: String,
    /// (row, col) of the cell a callout was attached to in the source.
    pub anchor: Option<(usize, usize)>,
}

impl RawBlock {
    /// A block not attached to any cell.
    pub fn loose(raw: impl Into<String>) -> Self {
        RawBlock {
            raw: raw.into(),
            anchor: None,
        }
    }
}

/// The kind of a [`Warning`]: a closed list, each published in the edition schema with the
/// same wording as its doc line here (a test holds the two together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    /// A blank measure header cell was added in front of a header that started with a phase.
    HeaderMissingLeadingBlank,
    /// A row's fields were moved to other columns.
    RowRealigned,
    /// A row had more filled fields than columns; the extra fields were joined into one cell.
    FieldsMerged,
    /// No header row was recognised; the table lines are kept as labels.
    HeaderNotFound,
    /// A sheet number occurs more than once; both sheets are kept in reading order.
    DuplicateSheet,
    /// No ※…時点 footnote gives an as-of date.
    AsOfMissing,
    /// Footnotes give several as-of dates; the latest is used.
    AsOfConflict,
    /// A 【】 ministry tag is not in the ministry table; it is kept as printed, without a code.
    UnknownMinistryTag,
    /// A PDF page has no text layer (only images); its content needs OCR.
    ImageOnlyPage,
    /// Glyphs on a PDF page have no Unicode mapping; they are kept as U+FFFD.
    UnmappedGlyphs,
    /// The tagged structure tree of a PDF page reads a table cell differently from the ruling lines.
    StructureDisagrees,
    /// Text on a PDF page is drawn invisible (render mode 3, as an OCR text layer is) or only as a clip (mode 7); it is read as text.
    InvisibleText,
    /// A PDF page holds neither text nor images.
    EmptyPage,
    /// Part of a PDF page could not be read (a content stream that does not decode, a missing object); what could be read is kept and the edition is marked incomplete.
    PageIncomplete,
    /// The ruled grid of a PDF page and its tagged structure tree disagreed; the reader chose one reading (the message says which and why).
    StructureSettled,
    /// The reader's self-checks of a PDF sheet fell below their thresholds; the sheet may be misread.
    LowQuality,
    /// A PDF font's Unicode map was wrong or missing; its text was recovered from the embedded font (TrueType cmap, glyph names or Adobe-Japan1 CIDs).
    TextRecovered,
}

impl WarningCode {
    /// Every code, in the order the schema lists them.
    pub const ALL: &'static [WarningCode] = &[
        WarningCode::HeaderMissingLeadingBlank,
        WarningCode::RowRealigned,
        WarningCode::FieldsMerged,
        WarningCode::HeaderNotFound,
        WarningCode::DuplicateSheet,
        WarningCode::AsOfMissing,
        WarningCode::AsOfConflict,
        WarningCode::UnknownMinistryTag,
        WarningCode::ImageOnlyPage,
        WarningCode::UnmappedGlyphs,
        WarningCode::StructureDisagrees,
        WarningCode::InvisibleText,
        WarningCode::EmptyPage,
        WarningCode::PageIncomplete,
        WarningCode::StructureSettled,
        WarningCode::LowQuality,
        WarningCode::TextRecovered,
    ];

    /// The code as written in the JSON (`row-realigned`).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::HeaderMissingLeadingBlank => "header-missing-leading-blank",
            WarningCode::RowRealigned => "row-realigned",
            WarningCode::FieldsMerged => "fields-merged",
            WarningCode::HeaderNotFound => "header-not-found",
            WarningCode::DuplicateSheet => "duplicate-sheet",
            WarningCode::AsOfMissing => "as-of-missing",
            WarningCode::AsOfConflict => "as-of-conflict",
            WarningCode::UnknownMinistryTag => "unknown-ministry-tag",
            WarningCode::ImageOnlyPage => "image-only-page",
            WarningCode::UnmappedGlyphs => "unmapped-glyphs",
            WarningCode::StructureDisagrees => "structure-disagrees",
            WarningCode::InvisibleText => "invisible-text",
            WarningCode::EmptyPage => "empty-page",
            WarningCode::PageIncomplete => "page-incomplete",
            WarningCode::StructureSettled => "structure-settled",
            WarningCode::LowQuality => "low-quality",
            WarningCode::TextRecovered => "text-recovered",
        }
    }

    /// One sentence on what the code means (the schema's description of it).
    pub fn meaning(self) -> &'static str {
        match self {
            WarningCode::HeaderMissingLeadingBlank => "A blank measure header cell was added in front of a header that started with a phase.",
            WarningCode::RowRealigned => "A row's fields were moved to other columns.",
            WarningCode::FieldsMerged => "A row had more filled fields than columns; the extra fields were joined into one cell.",
            WarningCode::HeaderNotFound => "No header row was recognised; the table lines are kept as labels.",
            WarningCode::DuplicateSheet => "A sheet number occurs more than once; both sheets are kept in reading order.",
            WarningCode::AsOfMissing => "No ※…時点 footnote gives an as-of date.",
            WarningCode::AsOfConflict => "Footnotes give several as-of dates; the latest is used.",
            WarningCode::UnknownMinistryTag => "A 【】 ministry tag is not in the ministry table; it is kept as printed, without a code.",
            WarningCode::ImageOnlyPage => "A PDF page has no text layer (only images); its content needs OCR.",
            WarningCode::UnmappedGlyphs => "Glyphs on a PDF page have no Unicode mapping; they are kept as U+FFFD.",
            WarningCode::StructureDisagrees => "The tagged structure tree of a PDF page reads a table cell differently from the ruling lines.",
            WarningCode::InvisibleText => "Text on a PDF page is drawn invisible (render mode 3, as an OCR text layer is) or only as a clip (mode 7); it is read as text.",
            WarningCode::EmptyPage => "A PDF page holds neither text nor images.",
            WarningCode::PageIncomplete => "Part of a PDF page could not be read (a content stream that does not decode, a missing object); what could be read is kept and the edition is marked incomplete.",
            WarningCode::StructureSettled => "The ruled grid of a PDF page and its tagged structure tree disagreed; the reader chose one reading (the message says which and why).",
            WarningCode::LowQuality => "The reader's self-checks of a PDF sheet fell below their thresholds; the sheet may be misread.",
            WarningCode::TextRecovered => "A PDF font's Unicode map was wrong or missing; its text was recovered from the embedded font (TrueType cmap, glyph names or Adobe-Japan1 CIDs).",
        }
    }
}

/// A code equals the string it is written as in the JSON (`code == "row-realigned"`).
impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem a front-end or a stage worked around; kept in the output, never silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What kind of problem it is.
    pub code: WarningCode,
    /// The sheet it is on, if it concerns one sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<u32>,
    /// The 0-based body row of that sheet, if it concerns one row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The 1-based page of the PDF it was found on (PDF inputs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// What happened and what was done about it, in English.
    pub message: String,
}

/// One line for people: `code (sheet 3, row 2, page 4): message`.
impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.code)?;
        let at: Vec<String> = [
            self.sheet.map(|s| format!("sheet {s}")),
            self.row.map(|r| format!("row {r}")),
            self.page.map(|p| format!("page {p}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !at.is_empty() {
            write!(f, " ({})", at.join(", "))?;
        }
        write!(f, ": {}", self.message)
    }
}

impl Warning {
    /// A warning of `code` on a sheet and row, if any.
    pub fn new(
        code: WarningCode,
        sheet: Option<u32>,
        row: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Warning {
            code,
            sheet,
            row,
            page: None,
            message: message.into(),
        }
    }

    /// The same warning, found on PDF page `page` (1-based).
    pub fn on_page(mut self, page: usize) -> Self {
        self.page = u32::try_from(page).ok();
        self
    }
}

/// One slide/page: heading, loose text and the table grid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawSheet {
    /// The circled number of the heading (① = 1).
    pub number: u32,
    /// The heading line as printed (各施策のスケジュール・工程表①).
    pub heading: String,
    /// Text blocks above or beside the table (theme titles, side labels).
    pub labels: Vec<RawBlock>,
    /// Boxed markers such as 再掲, with the cell they sit on.
    pub callouts: Vec<RawBlock>,
    /// ※ footnotes below the table.
    pub footnotes: Vec<RawBlock>,
    /// The header row's cells.
    pub header: Vec<RawHeader>,
    /// Grid columns.
    pub n_cols: usize,
    /// Body rows.
    pub n_rows: usize,
    /// The body cells; slots no cell covers are empty.
    pub cells: Vec<RawCell>,
    /// The 1-based PDF page the sheet is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Self-checks of the reading (PDF sheets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<SheetQuality>,
}

/// What a front-end read from one input file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawDocument {
    /// Cover lines before the first sheet, in reading order.
    pub cover: Vec<String>,
    /// The sheets in reading order.
    pub sheets: Vec<RawSheet>,
    /// What the front-end worked around.
    pub warnings: Vec<Warning>,
    /// Pages (1-based) that were read only in part, with `ReadOptions::partial` (see `pipeline`); empty when
    /// everything was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lost_pages: Vec<usize>,
    /// The strings are HTML text (a dump's fields): character references such as `&#8226;`
    /// or `&amp;` stand for the characters they name. `raw` keeps them; `text` has the
    /// characters.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub html_text: bool,
}
