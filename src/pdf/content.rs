//! Reads the drawn content of PDF pages (glyphs, rule segments, rectangles) with hayro-interpret.

// Everything is reported in *page space*: origin at the bottom-left corner of the visible page
// (the crop box), y pointing up, units in points, and the page's `/Rotate` already applied, so
// a page that is shown upright in a viewer is upright here too.
//
// Rotation: the interpreter is started with `page.initial_transform(false)` from hayro-syntax,
// which moves the crop box to the origin and turns the page by its `/Rotate` (0, 90, 180 or
// 270 degrees clockwise) without flipping y. `width`/`height` are `page.render_dimensions()`,
// which swaps the crop box sides for 90 and 270 degrees. A landscape media box without
// `/Rotate` stays landscape.

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::sync::Arc;

use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::WritingMode;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect as KRect, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use hayro_syntax::object::{Dict, String as PdfString};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::actual_text;
use super::damage;
pub use super::glyph::Glyph;
use super::pages::PageSelection;
use super::text_layer;
use crate::limits::{
    MAX_CONTENT_BYTES_PER_FILE, MAX_CONTENT_BYTES_PER_PAGE, MAX_GLYPHS_PER_FILE,
    MAX_GLYPHS_PER_PAGE, MAX_PATHS_PER_PAGE,
};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::geom::BBox;

/// A straight stroked segment or the centre line of a thin filled rectangle, in page space.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Start x (the smaller x of a horizontal segment).
    pub x0: f64,
    /// Start y (the smaller y of a vertical segment).
    pub y0: f64,
    /// End x.
    pub x1: f64,
    /// End y.
    pub y1: f64,
    /// Line width (stroke width, or the thin side of a filled rectangle).
    pub width: f64,
}

impl Segment {
    /// The segment's box (a line has one side of zero length).
    pub fn bbox(&self) -> BBox {
        BBox::new(self.x0, self.y0, self.x1, self.y1)
    }
}

/// A filled or stroked rectangle that is not thin (cell shading, boxes), in page space.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub y1: f64,
    /// The rectangle was filled.
    pub filled: bool,
    /// The rectangle was stroked.
    pub stroked: bool,
}

impl Rect {
    /// The rectangle's box.
    pub fn bbox(&self) -> BBox {
        BBox::new(self.x0, self.y0, self.x1, self.y1)
    }
}

/// What was drawn on one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageContent {
    /// Page number, 1-based.
    pub number: usize,
    /// Page width after `/Rotate` is applied.
    pub width: f64,
    /// Page height after `/Rotate` is applied.
    pub height: f64,
    /// Glyphs in content-stream order (invisible text included); coincident duplicates left out.
    pub glyphs: Vec<Glyph>,
    /// Horizontal and vertical rule segments.
    pub segments: Vec<Segment>,
    /// Rectangles that are not thin.
    pub rects: Vec<Rect>,
    /// Other closed shapes (arrows, chevrons, pentagons) as their bounding boxes.
    #[serde(default)]
    pub shapes: Vec<Rect>,
    /// Number of images drawn.
    pub images: usize,
    /// Number of glyphs without Unicode.
    pub unmapped: usize,
    /// Glyphs drawn invisible (render mode 3, as the text layer of an OCR'd scan is) or only
    /// as a clip (mode 7). They are read like any other text; poppler does the same.
    #[serde(default)]
    pub invisible: usize,
    /// Annotations with an appearance of their own (form fields, comments, stamps). Their
    /// text is not part of the page content and is not read.
    #[serde(default)]
    pub annotations: usize,
    /// What of the page could not be read, one reason each (`corrupt /FlateDecode data in
    /// the content stream`, `font /F1 is missing`). Empty when the page was read whole.
    #[serde(default)]
    pub lost: Vec<String>,
    /// Boxes of what each marked-content sequence with an MCID draws: the structure tree's
    /// link to the page (see [`super::tagged`]). Empty for untagged pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marked: Vec<MarkedBox>,
}

/// The box of what one marked-content sequence (by its MCID) draws on a page: its glyphs, or
/// its paths (an empty cell's background) when it draws no glyph.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MarkedBox {
    /// The marked-content ID.
    pub mcid: i64,
    /// True for the box of its glyphs, false for that of its paths.
    pub glyphs: bool,
    /// The box in page space.
    pub bbox: BBox,
}

pub use crate::error::PdfError;

/// A filled rectangle with a side at most this long (points) is a rule.
const THIN: f64 = 2.0;
/// Tolerance (points) for a segment to count as horizontal or vertical.
const AXIS_TOL_PT: f64 = 0.5;
/// Tolerance (degrees) for a segment to count as horizontal or vertical.
const AXIS_TOL_DEG: f64 = 0.5;
/// Segments shorter than this (points) have no meaningful direction and are dropped.
const MIN_SEGMENT: f64 = 0.5;
/// Two glyphs with the same text whose box edges are all this close (points) are one glyph.
const DUP_TOL: f64 = 0.5;
/// Glyph box below and above the baseline, as a fraction of the font size.
const DESCENT: f64 = 0.12;
const ASCENT: f64 = 0.88;
/// Glyph space units per em in hayro (glyph transforms map 1000 units to one em).
const UNITS_PER_EM: f64 = 1000.0;

/// Reads every page: glyphs, rule segments, rectangles. Encrypted PDFs with an empty user password are opened.
pub fn read_pages(bytes: &[u8]) -> Result<Vec<PageContent>, PdfError> {
    read_selected_pages(bytes, None)
}

/// As [`read_pages`], only the selected pages (all of them without a selection).
pub fn read_selected_pages(
    bytes: &[u8],
    selection: Option<&PageSelection>,
) -> Result<Vec<PageContent>, PdfError> {
    Ok(pages_of(&open(bytes)?, selection)?.0)
}

/// Opens a PDF (encrypted ones with an empty user password too).
pub fn open(bytes: &[u8]) -> Result<Pdf, PdfError> {
    if !super::is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Invalid => PdfError::Damaged,
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => PdfError::Password,
        LoadPdfError::Decryption(_) => PdfError::Encryption,
    })?;
    if pdf.pages().is_empty() {
        // hayro rebuilds a broken file by scanning for objects; finding no page at all means
        // there is nothing readable left, unless the page tree says it is empty.
        return Err(if page_tree_is_empty(&pdf) {
            PdfError::NoPages
        } else {
            PdfError::Damaged
        });
    }
    Ok(pdf)
}

/// Interprets every page of an open PDF (or the selected ones) once: glyphs, rule segments,
/// boxes, marked content; with the fonts whose text was recovered from the font program
/// (their pages are read a second time), or the error of a text layer that cannot be read.
pub fn pages_of(
    pdf: &Pdf,
    selection: Option<&PageSelection>,
) -> Result<(Vec<PageContent>, Vec<text_layer::Recovered>), PdfError> {
    let pages = pdf.pages();
    let wanted: Vec<usize> = match selection {
        Some(s) => s.indices(pages.len())?,
        None => (0..pages.len()).collect(),
    };
    // One task per worker, each with its own font cache (the cache is not thread-safe, and
    // the pages of a deck share their fonts), takes the next page not yet taken until none
    // is left: pages differ in cost, and contiguous runs of equal length left one worker
    // idle for a fifth of the time while the other finished. Inside a rayon worker (a
    // batch converting files in parallel) the pages are read by one task.
    let workers = if rayon::current_thread_index().is_some() {
        1
    } else {
        rayon::current_num_threads().clamp(1, wanted.len().max(1))
    };
    let settings = InterpreterSettings::default();
    let read_all = |totals: &Totals| -> Vec<PageContent> {
        let next = AtomicUsize::new(0);
        let taken: Vec<Vec<(usize, PageContent)>> = (0..workers)
            .into_par_iter()
            .map(|_| {
                let cache = InterpreterCache::new();
                let mut read = Vec::new();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&index) = wanted.get(k) else {
                        break read;
                    };
                    let page = read_page(pdf, &pages[index], index + 1, &cache, &settings, totals);
                    read.push((k, page));
                }
            })
            .collect();
        // Back in the order asked for.
        let mut all: Vec<(usize, PageContent)> = taken.into_iter().flatten().collect();
        all.sort_unstable_by_key(|(k, _)| *k);
        all.into_iter().map(|(_, page)| page).collect()
    };
    let totals = Totals::default();
    let first = read_all(&totals);
    crate::trace::mark("pages interpreted");
    // The text layer is judged per font over the whole file; where a font's map was wrong
    // and its text could be recovered from the font itself, the pages are read again with
    // that text (see `text_layer`).
    let verdict = text_layer::judge(pdf, totals.text)?;
    let pages_read = match verdict.recovery {
        Some(recovery) if !verdict.recovered.is_empty() => read_all(&Totals {
            text: text_layer::FileFonts::with(Some(recovery)),
            ..Totals::default()
        }),
        _ => first,
    };
    Ok((pages_read, verdict.recovered))
}

/// What all pages of one file have used so far, counted against the per-file bounds.
#[derive(Default)]
struct Totals {
    content: AtomicU64,
    glyphs: AtomicUsize,
    fonts: damage::FontsSeen,
    /// What each font's glyphs map to, for the text-layer check.
    text: text_layer::FileFonts,
}

/// True if the catalog's page tree is readable and counts no page.
fn page_tree_is_empty(pdf: &Pdf) -> bool {
    let xref = pdf.xref();
    xref.get::<Dict<'_>>(xref.root_id())
        .and_then(|catalog| catalog.get::<Dict<'_>>(b"Pages".as_slice()))
        .and_then(|pages| pages.get::<i32>(b"Count".as_slice()))
        == Some(0)
}

/// Interprets one page (numbered from 1) into its content.
fn read_page<'a>(
    pdf: &'a Pdf,
    page: &hayro_syntax::page::Page<'a>,
    number: usize,
    cache: &InterpreterCache<'a>,
    settings: &InterpreterSettings,
    totals: &Totals,
) -> PageContent {
    let (width, height) = page.render_dimensions();
    let (width, height) = (f64::from(width), f64::from(height));
    let initial = Affine::new(page.initial_transform(false).as_coeffs());
    let mut ctx = Context::new(
        initial,
        KRect::new(0.0, 0.0, width, height),
        cache,
        pdf.xref(),
        settings.clone(),
    );
    let mut collector = Collector {
        text: totals.text.page(),
        ..Collector::default()
    };
    // The page is looked at before it is interpreted: a page past a content bound is not
    // interpreted at all.
    let mut check = damage::of_page(page, &totals.fonts);
    if let Some(content) = check.content.take() {
        // The check inflated the content already: the interpreter need not do it again.
        page.provide_page_stream(content);
    }
    let mut lost = check.lost;
    let total = totals
        .content
        .fetch_add(check.content_bytes, Ordering::Relaxed)
        + check.content_bytes;
    if check.content_bytes > MAX_CONTENT_BYTES_PER_PAGE {
        lost.push(format!(
            "its content decodes to more than {MAX_CONTENT_BYTES_PER_PAGE} bytes (the limit MAX_CONTENT_BYTES_PER_PAGE); it is not read"
        ));
    } else if total > MAX_CONTENT_BYTES_PER_FILE {
        lost.push(format!(
            "the content of the pages up to this one decodes to more than {MAX_CONTENT_BYTES_PER_FILE} bytes (the limit MAX_CONTENT_BYTES_PER_FILE); it is not read"
        ));
    } else if totals.glyphs.load(Ordering::Relaxed) > MAX_GLYPHS_PER_FILE {
        lost.push(format!(
            "the pages before it draw more than {MAX_GLYPHS_PER_FILE} glyphs (the limit MAX_GLYPHS_PER_FILE); it is not read"
        ));
    } else {
        // A panic in the interpreter is caught by the caller's `error::contain`, which names
        // the crate it came from.
        interpret_page(page, &mut ctx, &mut collector);
    }
    lost.extend(collector.over_bounds());
    totals
        .text
        .merge(number, std::mem::take(&mut collector.text));
    totals
        .glyphs
        .fetch_add(collector.glyphs.len(), Ordering::Relaxed);
    PageContent {
        number,
        width,
        height,
        segments: collector.segments,
        glyphs: dedup_glyphs(collector.glyphs),
        rects: collector.rects,
        shapes: collector.shapes,
        images: collector.images,
        unmapped: collector.unmapped,
        invisible: collector.invisible,
        annotations: damage::annotations(page),
        lost,
        marked: collector
            .mcid_boxes
            .into_iter()
            .map(|((mcid, glyphs), bbox)| MarkedBox { mcid, glyphs, bbox })
            .collect(),
    }
}

/// The device that receives the interpreter's drawing calls and keeps what we need.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
    rects: Vec<Rect>,
    shapes: Vec<Rect>,
    images: usize,
    unmapped: usize,
    invisible: usize,
    /// Glyphs and paths the interpreter drew, counted against the page bounds.
    glyphs_drawn: usize,
    paths_drawn: usize,
    /// Open marked-content sequences: the ActualText of each (if any) and the number of
    /// glyphs collected when it began.
    marked: Vec<Option<(String, usize)>>,
    /// The MCIDs of the open marked-content sequences (`None` for one without an MCID).
    mcids: Vec<Option<i64>>,
    /// Boxes drawn per (MCID, glyphs or paths), in MCID order.
    mcid_boxes: std::collections::BTreeMap<(i64, bool), BBox>,
    /// The font names seen on the page, each once: the glyphs share them.
    font_names: Vec<Arc<str>>,
    /// The Unicode of the glyphs per font (recorded for the text-layer check, recovered text
    /// in the second pass).
    text: text_layer::PageFonts,
}

impl Collector {
    /// Adds a box to the innermost open MCID, if any.
    fn mark(&mut self, glyphs: bool, b: BBox) {
        let Some(mcid) = self.mcids.iter().rev().find_map(|m| *m) else {
            return;
        };
        if !b.is_finite() {
            return;
        }
        self.mcid_boxes
            .entry((mcid, glyphs))
            .and_modify(|old| *old = old.union(b))
            .or_insert(b);
    }

    /// Counts one path; false once the page is past [`MAX_PATHS_PER_PAGE`].
    fn count_path(&mut self) -> bool {
        self.paths_drawn += 1;
        self.paths_drawn <= MAX_PATHS_PER_PAGE
    }

    /// What of the page was left out for going past a bound.
    fn over_bounds(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.glyphs_drawn > MAX_GLYPHS_PER_PAGE {
            v.push(format!(
                "it draws {} glyphs, more than the limit MAX_GLYPHS_PER_PAGE ({MAX_GLYPHS_PER_PAGE}); the first are kept",
                self.glyphs_drawn
            ));
        }
        if self.paths_drawn > MAX_PATHS_PER_PAGE {
            v.push(format!(
                "it draws {} paths, more than the limit MAX_PATHS_PER_PAGE ({MAX_PATHS_PER_PAGE}); the first are kept",
                self.paths_drawn
            ));
        }
        v
    }

    /// Handles one path in user space with its transform to page space.
    fn add_path(&mut self, path: &BezPath, transform: Affine, mode: &DrawMode) {
        let (fill, stroke_width) = match mode {
            DrawMode::Fill(_) => (true, None),
            DrawMode::Stroke(s) => (false, Some(f64::from(s.line_width))),
            DrawMode::FillAndStroke(_, s) => (true, Some(f64::from(s.line_width))),
            DrawMode::Invisible => return,
        };
        if self.mcids.iter().any(Option::is_some) {
            let r = (transform * path.clone()).bounding_box();
            self.mark(false, BBox::new(r.x0, r.y0, r.x1, r.y1));
        }
        // Line widths are in user space; scale them by the transform's mean scale factor.
        let scale = transform.determinant().abs().sqrt();
        for sub in subpaths(path, transform) {
            if fill {
                self.add_filled(&sub);
            }
            if let Some(w) = stroke_width {
                self.add_stroked(&sub, w * scale);
            }
        }
    }

    /// A filled subpath: an axis-aligned rectangle becomes a rule (thin) or a `Rect`.
    fn add_filled(&mut self, sub: &Subpath) {
        let Some(r) = axis_rect(&sub.points) else {
            self.push_shape(sub, true, false);
            return;
        };
        let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
        if w <= THIN && h <= THIN {
            // A dot or a tiny square: no direction, not a rule.
            return;
        }
        if h <= THIN {
            let y = (r.y0 + r.y1) / 2.0;
            self.push_segment(r.x0, y, r.x1, y, h);
        } else if w <= THIN {
            let x = (r.x0 + r.x1) / 2.0;
            self.push_segment(x, r.y0, x, r.y1, w);
        } else {
            self.push_rect(r, true, false);
        }
    }

    /// A stroked subpath: every straight edge becomes a segment; a rectangle also a `Rect`.
    fn add_stroked(&mut self, sub: &Subpath, width: f64) {
        for (i, edge) in sub.points.windows(2).enumerate() {
            if let [a, b] = edge {
                if !sub.curve_after.contains(&i) {
                    self.push_segment(a.x, a.y, b.x, b.y, width);
                }
            }
        }
        if sub.closed && sub.points.len() > 2 {
            if let (Some(first), Some(last)) = (sub.points.first(), sub.points.last()) {
                self.push_segment(last.x, last.y, first.x, first.y, width);
            }
        }
        if sub.closed || sub.points.len() == 5 {
            match axis_rect(&sub.points) {
                Some(r) if r.x1 - r.x0 > THIN && r.y1 - r.y0 > THIN => {
                    self.push_rect(r, false, true)
                }
                Some(_) => {}
                None if sub.closed => self.push_shape(sub, false, true),
                None => {}
            }
        }
    }

    /// A closed polygon that is not an axis-aligned rectangle (an arrow, a chevron): its
    /// bounding box, if it is not thin. A fill-and-stroke shape is kept once.
    fn push_shape(&mut self, sub: &Subpath, filled: bool, stroked: bool) {
        if sub.points.len() < 3 {
            return;
        }
        let (x0, x1, y0, y1) = bounds(&sub.points);
        if !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite())
            || x1 - x0 <= THIN
            || y1 - y0 <= THIN
        {
            return;
        }
        push_box(
            &mut self.shapes,
            KRect::new(x0, y0, x1, y1),
            filled,
            stroked,
        );
    }

    /// Keeps a segment if it is horizontal or vertical, snapped to the axis and ordered.
    fn push_segment(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, width: f64) {
        if let Some(seg) = axis_segment(x0, y0, x1, y1, width) {
            self.segments.push(seg);
        }
    }

    /// Adds a rectangle, merging a stroke into the fill of the same rectangle just drawn
    /// (a fill-and-stroke path arrives as two calls).
    fn push_rect(&mut self, r: KRect, filled: bool, stroked: bool) {
        push_box(&mut self.rects, r, filled, stroked);
    }

    /// Turns one positioned glyph into a [`Glyph`], or `None` if its position is not finite.
    fn make_glyph(
        &mut self,
        glyph: &HayroGlyph<'_>,
        full: Affine,
        vertical: bool,
        font: &Arc<str>,
    ) -> Option<Glyph> {
        let [a, b, c, d, e, f] = full.as_coeffs();
        // Length of the glyph-space y axis in page units per glyph unit.
        let unit = (c * c + d * d).sqrt();
        let size = unit * UNITS_PER_EM;
        if !size.is_finite() || size <= 0.0 {
            return None;
        }
        // The x axis of hayro's glyph transform may be stretched to fit a substituted font to
        // the PDF's widths; use its direction only, with the length of the y axis. Horizontal
        // scaling (Tz) is therefore not reflected in the box width.
        let x_len = (a * a + b * b).sqrt();
        let (ux, uy) = if x_len > 0.0 && x_len.is_finite() {
            (a / x_len, b / x_len)
        } else {
            (1.0, 0.0)
        };
        let boxed = Affine::new([ux * unit, uy * unit, c, d, e, f]);
        // Box in glyph space (1000 units per em). For vertical text hayro has already moved the
        // origin by the default vertical origin (half an em left, 0.88 em down from the pen), so
        // [0, 1000] x [-120, 880] is one em wide centred on the pen and one em below it.
        let advance = if vertical {
            UNITS_PER_EM
        } else {
            glyph_advance(glyph)
        };
        let corners = [
            Point::new(0.0, -DESCENT * UNITS_PER_EM),
            Point::new(advance, -DESCENT * UNITS_PER_EM),
            Point::new(advance, ASCENT * UNITS_PER_EM),
            Point::new(0.0, ASCENT * UNITS_PER_EM),
        ]
        .map(|p| boxed * p);
        let (x0, x1, y0, y1) = bounds(&corners);
        if ![x0, x1, y0, y1].iter().all(|v| v.is_finite()) {
            return None;
        }
        let text = self.text.unicode(glyph).map(strip_variation_selectors);
        let text = match text {
            Some(t) if !t.is_empty() => t,
            _ => {
                self.unmapped += 1;
                CompactString::const_new("\u{FFFD}")
            }
        };
        Some(Glyph {
            text,
            x0,
            y0,
            x1,
            y1,
            size,
            font: Arc::clone(font),
            vertical,
        })
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if self.count_path() {
            self.add_path(path, props.transform, draw_mode);
        }
    }

    fn draw_rect(&mut self, rect: &KRect, props: DrawProps<'a>, draw_mode: &DrawMode) {
        let mut path = BezPath::new();
        path.move_to((rect.x0, rect.y0));
        path.line_to((rect.x1, rect.y0));
        path.line_to((rect.x1, rect.y1));
        path.line_to((rect.x0, rect.y1));
        path.close_path();
        if self.count_path() {
            self.add_path(&path, props.transform, draw_mode);
        }
    }

    fn push_clip_path(&mut self, _clip_path: &ClipPath) {}

    fn push_clip_rect(&mut self, _rect: &KRect) {}

    fn push_transparency_group(
        &mut self,
        _opacity: f32,
        _mask: Option<SoftMask<'a>>,
        _blend_mode: BlendMode,
    ) {
    }

    fn draw_glyph_run(
        &mut self,
        run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        // Render mode 3 (invisible) and 7 (clip only) both arrive as `Invisible`: not seen on
        // the page, but text all the same (an OCR'd scan's text layer is mode 3). It is read
        // and counted, so the reader can say so.
        if matches!(draw_mode, DrawMode::Invisible) {
            self.invisible += run.glyphs().len();
        }
        self.glyphs_drawn += run.glyphs().len();
        if self.glyphs_drawn > MAX_GLYPHS_PER_PAGE {
            return;
        }
        // Fill-and-stroke text arrives twice; the duplicates are removed by `dedup_glyphs`.
        let vertical = matches!(run.writing_mode(), WritingMode::Vertical);
        // A run is shown with one font, so its name is looked up once.
        let name = self.text.start_run(run.glyphs().first().map(|g| &**g));
        let font = match self.font_names.iter().find(|f| ***f == *name) {
            Some(f) => Arc::clone(f),
            None => {
                let f: Arc<str> = Arc::from(name);
                self.font_names.push(Arc::clone(&f));
                f
            }
        };
        for positioned in run.glyphs() {
            let full = props.transform * positioned.transform();
            if let Some(g) = self.make_glyph(positioned, full, vertical, &font) {
                if !matches!(draw_mode, DrawMode::Invisible) {
                    self.mark(true, g.bbox());
                }
                self.glyphs.push(g);
            }
        }
    }

    fn draw_image(&mut self, _image: Image<'a, '_>, _props: ImageDrawProps<'a>) {
        self.images += 1;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}

    fn begin_marked_content(&mut self, _tag: &[u8], properties: Option<&Dict<'_>>) {
        let actual = properties
            .and_then(|d| d.get::<PdfString<'_>>(b"ActualText".as_slice()))
            .map(|s| actual_text::decode_text_string(s.as_bytes()));
        self.marked.push(actual.map(|t| (t, self.glyphs.len())));
        self.mcids
            .push(properties.and_then(|d| d.get::<i64>(b"MCID".as_slice())));
    }

    fn end_marked_content(&mut self) {
        self.mcids.pop();
        if let Some(Some((text, start))) = self.marked.pop() {
            let repaired = actual_text::apply(&mut self.glyphs, start, &text);
            self.unmapped = self.unmapped.saturating_sub(repaired);
        }
    }
}

/// Appends a box unless it is not finite; the stroke of a box just filled (or the fill of one
/// just stroked) marks that box instead of adding another.
fn push_box(boxes: &mut Vec<Rect>, r: KRect, filled: bool, stroked: bool) {
    if !(r.x0.is_finite() && r.y0.is_finite() && r.x1.is_finite() && r.y1.is_finite()) {
        return;
    }
    if let Some(last) = boxes.last_mut() {
        let same = (last.x0 - r.x0).abs() <= DUP_TOL
            && (last.y0 - r.y0).abs() <= DUP_TOL
            && (last.x1 - r.x1).abs() <= DUP_TOL
            && (last.y1 - r.y1).abs() <= DUP_TOL;
        if same && ((filled && !last.filled) || (stroked && !last.stroked)) {
            last.filled |= filled;
            last.stroked |= stroked;
            return;
        }
    }
    boxes.push(Rect {
        x0: r.x0,
        y0: r.y0,
        x1: r.x1,
        y1: r.y1,
        filled,
        stroked,
    });
}

/// A subpath in page space: its points, whether it was closed, and the indices of points
/// followed by a curve (no straight edge to the next point).
#[derive(Debug, Default)]
struct Subpath {
    points: Vec<Point>,
    closed: bool,
    curve_after: Vec<usize>,
}

/// Splits a path into subpaths of page-space points. Curves are not flattened: the curve's
/// end point is kept, but there is no edge to it, and a subpath with a curve is never closed.
fn subpaths(path: &BezPath, transform: Affine) -> Vec<Subpath> {
    let mut out = Vec::new();
    let mut cur = Subpath::default();
    for el in path.elements() {
        match *el {
            PathEl::MoveTo(p) => {
                if cur.points.len() > 1 {
                    out.push(std::mem::take(&mut cur));
                }
                cur = Subpath::default();
                cur.points.push(transform * p);
            }
            PathEl::LineTo(p) => cur.points.push(transform * p),
            PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                if !cur.points.is_empty() {
                    cur.curve_after.push(cur.points.len() - 1);
                }
                cur.points.push(transform * p);
            }
            PathEl::ClosePath => {
                cur.closed = cur.curve_after.is_empty();
                // Drawing continues from the start point after a close.
                let start = cur.points.first().copied();
                if cur.points.len() > 1 {
                    out.push(std::mem::take(&mut cur));
                }
                cur = Subpath::default();
                cur.points.extend(start);
            }
        }
    }
    if cur.points.len() > 1 {
        out.push(cur);
    }
    out
}

/// If the points (4 corners, or 5 with the first repeated) form an axis-aligned rectangle,
/// returns it (normalised so that x0 <= x1 and y0 <= y1).
fn axis_rect(points: &[Point]) -> Option<KRect> {
    let corners = match points {
        [a, b, c, d] => [*a, *b, *c, *d],
        [a, b, c, d, e] if near(a.x, e.x) && near(a.y, e.y) => [*a, *b, *c, *d],
        _ => return None,
    };
    let mut last_vertical = None;
    for i in 0..4 {
        let (p, q) = (corners[i], corners[(i + 1) % 4]);
        let vertical = near(p.x, q.x) && !near(p.y, q.y);
        let horizontal = near(p.y, q.y) && !near(p.x, q.x);
        if vertical == horizontal || last_vertical == Some(vertical) {
            return None;
        }
        last_vertical = Some(vertical);
    }
    let (x0, x1, y0, y1) = bounds(&corners);
    [x0, x1, y0, y1]
        .iter()
        .all(|v| v.is_finite())
        .then(|| KRect::new(x0, y0, x1, y1))
}

/// Minimum and maximum x and y of some points: (x0, x1, y0, y1).
fn bounds(points: &[Point]) -> (f64, f64, f64, f64) {
    let x0 = points.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let x1 = points.iter().map(|p| p.x).fold(f64::NEG_INFINITY, f64::max);
    let y0 = points.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let y1 = points.iter().map(|p| p.y).fold(f64::NEG_INFINITY, f64::max);
    (x0, x1, y0, y1)
}

/// Coordinates closer than this (points) are equal for the rectangle test.
fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01
}

/// A horizontal or vertical segment snapped onto its axis, or `None` for a slanted, too short
/// or non-finite one. Horizontal segments run left to right, vertical ones bottom to top.
fn axis_segment(x0: f64, y0: f64, x1: f64, y1: f64, width: f64) -> Option<Segment> {
    if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let width = if width.is_finite() && width >= 0.0 {
        width
    } else {
        0.0
    };
    let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
    if dx.hypot(dy) < MIN_SEGMENT {
        return None;
    }
    let tan = AXIS_TOL_DEG.to_radians().tan();
    if dy <= AXIS_TOL_PT.max(dx * tan) && dx > dy {
        let y = (y0 + y1) / 2.0;
        Some(Segment {
            x0: x0.min(x1),
            y0: y,
            x1: x0.max(x1),
            y1: y,
            width,
        })
    } else if dx <= AXIS_TOL_PT.max(dy * tan) && dy > dx {
        let x = (x0 + x1) / 2.0;
        Some(Segment {
            x0: x,
            y0: y0.min(y1),
            x1: x,
            y1: y0.max(y1),
            width,
        })
    } else {
        None
    }
}

/// The glyph's advance in glyph units (1000 per em), or one em if it is unknown or not positive.
fn glyph_advance(glyph: &HayroGlyph<'_>) -> f64 {
    let advance = match glyph {
        HayroGlyph::Outline(o) => o.advance_width(),
        HayroGlyph::Type3(t) => t.advance_width(),
    };
    match advance.map(f64::from) {
        Some(a) if a.is_finite() && a > 0.0 && a < 100.0 * UNITS_PER_EM => a,
        _ => UNITS_PER_EM,
    }
}

/// Removes variation selectors (U+FE00–FE0F and U+E0100–E01EF); the string is kept as it is
/// (no new allocation) when it has none, as nearly every glyph's text has not.
fn strip_variation_selectors(s: CompactString) -> CompactString {
    let selector = |c: &char| matches!(*c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF);
    if s.chars().any(|c| selector(&c)) {
        s.chars().filter(|c| !selector(c)).collect()
    } else {
        s
    }
}

/// Removes glyphs that repeat an earlier glyph with the same text and a box within
/// [`DUP_TOL`] on every edge (fake bold, fill-and-stroke text). Keeps the first one.
fn dedup_glyphs(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    // Kept glyphs bucketed by a 1-point grid cell of the box's lower-left corner: each cell
    // holds the index of its last kept glyph, and `chain[i]` the one kept before `i` in the
    // same cell. One hash entry per cell and no Vec per cell: a page has tens of thousands of
    // glyphs, and this runs on every one (with FxHash: the keys are our own coordinates, not
    // input an attacker picks to collide, and SipHash cost a tenth of a conversion).
    const END: usize = usize::MAX;
    let mut heads: FxHashMap<(i64, i64), usize> =
        FxHashMap::with_capacity_and_hasher(glyphs.len(), Default::default());
    let mut chain: Vec<usize> = Vec::with_capacity(glyphs.len());
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    // Coordinates are finite (checked when glyphs are made); `as` saturates for huge values.
    let cell = super::geom::floor_i64;
    for g in glyphs {
        let (cx, cy) = (cell(g.x0), cell(g.y0));
        // A glyph it repeats has its corner within DUP_TOL of this one's, so in the cells
        // that the corner moved by ±DUP_TOL falls in: mostly the corner's own cell alone.
        let xs = cell(g.x0 - DUP_TOL)..=cell(g.x0 + DUP_TOL);
        let ys = cell(g.y0 - DUP_TOL)..=cell(g.y0 + DUP_TOL);
        let duplicate = xs.into_iter().any(|gx| {
            ys.clone().any(|gy| {
                let mut i = heads.get(&(gx, gy)).copied().unwrap_or(END);
                while i != END {
                    if coincident(&kept[i], &g) {
                        return true;
                    }
                    i = chain[i];
                }
                false
            })
        });
        if !duplicate {
            let at = kept.len();
            chain.push(heads.insert((cx, cy), at).unwrap_or(END));
            kept.push(g);
        }
    }
    kept
}

fn coincident(a: &Glyph, b: &Glyph) -> bool {
    a.text == b.text
        && (a.x0 - b.x0).abs() <= DUP_TOL
        && (a.y0 - b.y0).abs() <= DUP_TOL
        && (a.x1 - b.x1).abs() <= DUP_TOL
        && (a.y1 - b.y1).abs() <= DUP_TOL
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::kurbo::Shape;

    fn glyph(text: &str, x0: f64, y0: f64) -> Glyph {
        Glyph::square(text, x0, y0)
    }

    #[test]
    fn fake_bold_duplicates_are_removed() {
        let glyphs = vec![
            glyph("工", 100.0, 200.0),
            glyph("工", 100.3, 200.2),
            glyph("程", 110.0, 200.0),
            glyph("程", 110.0, 200.0),
            glyph("工", 120.0, 200.0),
        ];
        let kept = dedup_glyphs(glyphs);
        let texts: Vec<&str> = kept.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["工", "程", "工"]);
        assert_eq!(kept[0].x0, 100.0);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// The bucketed dedup keeps exactly what comparing each glyph with every kept one
        /// keeps: corners on a 0.1 pt lattice around cell borders, one or two texts.
        #[test]
        fn dedup_keeps_what_a_pairwise_scan_keeps(
            corners in proptest::collection::vec((0u8..2, -25i32..25, -25i32..25), 0..60),
        ) {
            let glyphs: Vec<Glyph> = corners
                .iter()
                .map(|&(t, x, y)| glyph(["a", "b"][t as usize], f64::from(x) / 10.0, f64::from(y) / 10.0))
                .collect();
            let mut scan: Vec<Glyph> = Vec::new();
            for g in &glyphs {
                if !scan.iter().any(|k| coincident(k, g)) {
                    scan.push(g.clone());
                }
            }
            let kept = dedup_glyphs(glyphs);
            proptest::prop_assert_eq!(kept, scan);
        }
    }

    #[test]
    fn dedup_handles_grid_cell_borders() {
        // 0.99 and 1.01 fall into different 1-point cells but are 0.02 apart.
        let kept = dedup_glyphs(vec![glyph("a", 0.99, -0.01), glyph("a", 1.01, 0.01)]);
        assert_eq!(kept.len(), 1);
        let kept = dedup_glyphs(vec![glyph("a", 0.0, 0.0), glyph("b", 0.0, 0.0)]);
        assert_eq!(kept.len(), 2);
        let kept = dedup_glyphs(vec![glyph("a", 0.0, 0.0), glyph("a", 0.6, 0.0)]);
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn segments_are_snapped_or_dropped() {
        let s = axis_segment(10.0, 5.0, 0.0, 5.2, 1.0);
        assert_eq!(
            s,
            Some(Segment {
                x0: 0.0,
                y0: 5.1,
                x1: 10.0,
                y1: 5.1,
                width: 1.0
            })
        );
        let s = axis_segment(3.0, 100.0, 3.0, 0.0, 0.5);
        assert_eq!(
            s,
            Some(Segment {
                x0: 3.0,
                y0: 0.0,
                x1: 3.0,
                y1: 100.0,
                width: 0.5
            })
        );
        assert_eq!(axis_segment(0.0, 0.0, 10.0, 10.0, 1.0), None);
        assert_eq!(axis_segment(0.0, 0.0, 0.1, 0.0, 1.0), None);
        assert_eq!(axis_segment(f64::NAN, 0.0, 10.0, 0.0, 1.0), None);
    }

    #[test]
    fn thin_filled_rectangle_is_a_rule_and_wide_one_a_rect() {
        let mut c = Collector::default();
        let fill = DrawMode::Fill(hayro_interpret::FillRule::NonZero);
        let mut thin = BezPath::new();
        thin.move_to((10.0, 20.0));
        thin.line_to((110.0, 20.0));
        thin.line_to((110.0, 20.7));
        thin.line_to((10.0, 20.7));
        thin.close_path();
        c.add_path(&thin, Affine::IDENTITY, &fill);
        let wide = KRect::new(0.0, 0.0, 50.0, 30.0).to_path(0.1);
        c.add_path(&wide, Affine::IDENTITY, &fill);
        assert_eq!(c.segments.len(), 1);
        let s = c.segments[0];
        assert!((s.y0 - 20.35).abs() < 1e-9 && (s.width - 0.7).abs() < 1e-9);
        assert_eq!(c.rects.len(), 1);
        assert!(c.rects[0].filled && !c.rects[0].stroked);
    }

    #[test]
    fn variation_selectors_are_stripped() {
        assert_eq!(strip_variation_selectors("捗\u{E0100}".into()), "捗");
        assert_eq!(strip_variation_selectors("葛\u{FE00}城".into()), "葛城");
        assert_eq!(strip_variation_selectors("工程表".into()), "工程表");
    }
}
