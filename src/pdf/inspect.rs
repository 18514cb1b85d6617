//! `inspect`: one PDF page's glyph boxes, ruling lines and detected table cells drawn over each other as SVG.

// The SVG's user unit is the PDF point. Page space has y up from the bottom-left corner; SVG
// has y down from the top-left, so every y is flipped with `height - y`. The page occupies
// `0 0 width height` of the viewBox; the legend is a band below it, so it never hides the page.

use std::fmt::Write as _;

use super::content::{read_pages, PageContent, PdfError};
use super::glyph::Glyph;
use super::lines::{assign, cell_lines};
use super::table::{find, Fate, Settings, Table, TableFinding, Tolerances};

/// One page as the PDF reader sees it: its content, the [`TableFinding`] the reader uses
/// (the same function, with the same settings) and which glyphs fall into each cell.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// Number of pages in the PDF.
    pub pages: usize,
    /// The inspected page.
    pub page: PageContent,
    /// The settings the table was found with.
    pub settings: Settings,
    /// What the finder used, discarded and decided.
    pub finding: TableFinding,
    /// For each cell of the finding's table, the indices of the glyphs assigned to it.
    pub assigned: Vec<Vec<usize>>,
}

/// Font families of the drawing: Japanese faces first, so glyph text never falls back to a
/// face without kana and kanji.
const FONTS: &str = "'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif";

/// Reads the PDF and finds the table of page `page` (1-based) with the given settings.
pub fn inspect(bytes: &[u8], page: usize, settings: &Settings) -> Result<Inspection, PdfError> {
    let Some(selection) = super::PageSelection::single(page) else {
        let pages = super::content::open(bytes)?.pages().len();
        return Err(PdfError::PageOutOfRange { page, pages });
    };
    inspect_selected(bytes, settings, Some(&selection))?
        .pop()
        .ok_or(PdfError::NoPages)
}

/// Every page of the PDF, inspected.
pub fn inspect_all(bytes: &[u8], settings: &Settings) -> Result<Vec<Inspection>, PdfError> {
    inspect_selected(bytes, settings, None)
}

/// The selected pages of the PDF (all without a selection), inspected. Every page is read,
/// as `extract` without `--pages` reads them: the text layer is judged over the whole file,
/// so a page is drawn as the whole file's extraction reads it.
pub fn inspect_selected(
    bytes: &[u8],
    settings: &Settings,
    selection: Option<&super::PageSelection>,
) -> Result<Vec<Inspection>, PdfError> {
    let pages = read_pages(bytes)?;
    let n = pages.len();
    let keep = match selection {
        Some(s) => s.indices(n)?,
        None => (0..n).collect(),
    };
    Ok(pages
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, p)| Inspection::of(p, n, settings))
        .collect())
}

/// The SVG of page `page` (1-based) of a PDF; see [`Inspection::svg`].
pub fn page_svg(bytes: &[u8], page: usize, settings: &Settings) -> Result<String, PdfError> {
    Ok(inspect(bytes, page, settings)?.svg(""))
}

/// One SVG document of several inspected pages, stacked top to bottom, each with its legend.
pub fn document_svg(pages: &[Inspection], name: &str) -> String {
    let parts: Vec<(String, f64, f64)> = pages.iter().map(|p| p.svg_body(name)).collect();
    let width = parts.iter().map(|p| p.1).fold(0.0, f64::max);
    let gap = 12.0;
    let height: f64 = parts.iter().map(|p| p.2 + gap).sum();
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}pt\" height=\"{h}pt\" font-family=\"{FONTS}\">",
        w = num(width),
        h = num(height)
    );
    let _ = writeln!(
        s,
        "<title>{} ({} pages)</title>",
        escape_xml(name),
        pages.len()
    );
    let mut y = 0.0;
    for (p, (body, _, h)) in pages.iter().zip(&parts) {
        let _ = writeln!(
            s,
            "<g class=\"page\" id=\"page-{}\" transform=\"translate(0 {})\">",
            p.page.number,
            num(y)
        );
        s.push_str(body);
        s.push_str("</g>\n");
        y += h + gap;
    }
    s.push_str("</svg>\n");
    s
}

impl Inspection {
    fn of(page: PageContent, pages: usize, settings: &Settings) -> Inspection {
        let finding = find(&page, &page.glyphs, settings);
        let assigned = finding
            .table
            .as_ref()
            .map(|t| assign(t, &page.glyphs))
            .unwrap_or_default();
        Inspection {
            pages,
            page,
            settings: *settings,
            finding,
            assigned,
        }
    }

    /// The table the reader uses for this page.
    pub fn table(&self) -> Option<&Table> {
        self.finding.table.as_ref()
    }
}

/// The named tolerances with their values and meaning, in the order they are shown.
pub fn tolerance_list(tol: &Tolerances) -> [(&'static str, f64, &'static str); 4] {
    [
        (
            "snap",
            tol.snap,
            "rules whose positions differ by at most this are put on one line",
        ),
        (
            "join",
            tol.join,
            "collinear rules with a gap of at most this are merged",
        ),
        (
            "intersection",
            tol.intersection,
            "a vertical and a horizontal rule meet if they come this close",
        ),
        (
            "min_cell",
            tol.min_cell,
            "rows and columns narrower than this are merged away",
        ),
    ]
}

/// Colours of the drawing (also shown in the legend key).
const RULE: &str = "#d62728";
const SHADE: &str = "#7f7f7f";
const GLYPH_IN: &str = "#1f77b4";
const GLYPH_OUT: &str = "#ff7f0e";
const CELL: [&str; 4] = ["#2ca02c", "#9467bd", "#17becf", "#bcbd22"];
const DISCARDED: &str = "#aaaaaa";
const CALLOUT_BOX: &str = "#e377c2";
const FRAME: &str = "#8c564b";
const FLOATING: &str = "#9467bd";

impl Inspection {
    /// Number of rows and columns of the table's grid (0 × 0 without a table).
    pub fn grid_size(&self) -> (usize, usize) {
        self.table().map_or((0, 0), |t| {
            (t.ys.len().saturating_sub(1), t.xs.len().saturating_sub(1))
        })
    }

    /// Number of table cells.
    pub fn cell_count(&self) -> usize {
        self.table().map_or(0, |t| t.cells.len())
    }

    /// For each glyph, whether it was assigned to a table cell.
    fn in_table(&self) -> Vec<bool> {
        let mut v = vec![false; self.page.glyphs.len()];
        for &i in self.assigned.iter().flatten() {
            if let Some(b) = v.get_mut(i) {
                *b = true;
            }
        }
        v
    }

    /// Summary lines: page and size, tolerances, counts (shown in the legend and on stderr).
    pub fn summary(&self) -> Vec<String> {
        let p = &self.page;
        let (rows, cols) = self.grid_size();
        let outside = self.in_table().iter().filter(|b| !**b).count();
        let tol = tolerance_list(&self.settings.tolerances)
            .iter()
            .map(|(name, v, _)| format!("{name} {} pt", num(*v)))
            .collect::<Vec<_>>()
            .join(", ");
        let fates = self
            .finding
            .fate_counts()
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| format!("{n} {}", f.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let fates = if fates.is_empty() {
            "none".to_string()
        } else {
            fates
        };
        let table = if self.table().is_some() {
            format!("{} cells ({rows} rows × {cols} columns)", self.cell_count())
        } else {
            "no table found (0 cells)".to_string()
        };
        vec![
            format!(
                "page {} of {}, {} × {} pt",
                p.number,
                self.pages,
                num(p.width),
                num(p.height)
            ),
            format!("tolerances: {tol}"),
            format!(
                "strategy: {} ({})",
                self.finding.strategy.as_str(),
                self.finding.reason
            ),
            format!("segments: {}", fates),
            format!(
                "counts: {} glyphs ({outside} outside the table), {} segments, {} rects, {table}",
                p.glyphs.len(),
                p.segments.len(),
                p.rects.len()
            ),
        ]
    }

    /// The page as a standalone SVG document. `name` (the file name, may be empty) is shown
    /// in the legend.
    ///
    /// Layers, bottom to top: page background, non-thin rectangles (shading, faint), table cells
    /// (translucent, `class="cell"`), ruling lines (`class="rule"`), glyph boxes
    /// (`class="glyph"`, hover shows the glyph text; blue inside a cell, orange outside), cell
    /// labels `r{row} c{col}` (plus `×{row_span}x{col_span}` when spanning), and the legend.
    pub fn svg(&self, name: &str) -> String {
        let (body, w, h) = self.svg_body(name);
        let mut s = String::with_capacity(body.len() + 256);
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {th}\" width=\"{w}pt\" height=\"{th}pt\" font-family=\"{FONTS}\">",
            w = num(w),
            th = num(h)
        );
        s.push_str(&body);
        s.push_str("</svg>\n");
        s
    }

    /// The drawing of [`svg`](Self::svg) without the document element: the elements, the
    /// width and the height (page and legend).
    pub fn svg_body(&self, name: &str) -> (String, f64, f64) {
        let p = &self.page;
        let (w, h) = (p.width, p.height);
        let fy = |y: f64| h - y;
        // Text sizes follow the page size so that the drawing reads the same at any scale.
        let base = (w.max(h) / 110.0).clamp(4.0, 24.0);
        let label_size = base * 0.6;
        let line = base * 1.4;
        let summary = self.summary();
        let tol = tolerance_list(&self.settings.tolerances);
        let legend_lines = 1 + summary.len() + tol.len() + 1;
        let legend_h = line * (legend_lines as f64 + 0.8);
        let total_h = h + legend_h;

        let mut s = String::with_capacity(256 + 160 * (p.glyphs.len() + p.segments.len()));
        let _ = writeln!(
            s,
            "<title>{}page {} of {}</title>",
            if name.is_empty() {
                String::new()
            } else {
                format!("{} ", escape_xml(name))
            },
            p.number,
            self.pages
        );
        let _ = writeln!(
            s,
            "<rect id=\"page\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"0.5\"/>",
            num(w),
            num(h)
        );

        // Shading and boxes: faint, under everything else.
        s.push_str("<g id=\"shading\" fill=\"");
        s.push_str(SHADE);
        s.push_str("\" fill-opacity=\"0.12\" stroke=\"none\">\n");
        for (r, class) in p
            .rects
            .iter()
            .map(|r| (r, "shade"))
            .chain(p.shapes.iter().map(|r| (r, "shape")))
        {
            if let Some((x, y, rw, rh)) = svg_box(r.x0, r.y0, r.x1, r.y1, h) {
                let _ = writeln!(
                    s,
                    "<rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{rw}\" height=\"{rh}\"/>"
                );
            }
        }
        s.push_str("</g>\n");

        // Table cells: translucent, neighbours in different colours.
        s.push_str(
            "<g id=\"cells\" fill-opacity=\"0.15\" stroke-opacity=\"0.8\" stroke-width=\"0.6\">\n",
        );
        if let Some(t) = self.table() {
            for (k, c) in t.cells.iter().enumerate() {
                let Some((x, y, cw, ch)) = svg_box(c.x0, c.y0, c.x1, c.y1, h) else {
                    continue;
                };
                let colour = CELL[(c.row % 2) * 2 + c.col % 2];
                let text = self
                    .assigned
                    .get(k)
                    .map(|idx| {
                        let g: Vec<&Glyph> = idx
                            .iter()
                            .filter_map(|&i| self.page.glyphs.get(i))
                            .collect();
                        cell_lines(&g, &self.settings.text).join("\n")
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "<rect class=\"cell\" data-row=\"{}\" data-col=\"{}\" data-row-span=\"{}\" data-col-span=\"{}\" x=\"{x}\" y=\"{y}\" width=\"{cw}\" height=\"{ch}\" fill=\"{colour}\" stroke=\"{colour}\"><title>{}\n{}</title></rect>",
                    c.row,
                    c.col,
                    c.row_span,
                    c.col_span,
                    cell_label(c.row, c.col, c.row_span, c.col_span),
                    escape_xml(&text)
                );
            }
        }
        s.push_str("</g>\n");

        // Segments as the finder used them: rules of the table in red, the ones it set aside
        // dashed in grey, each with its reason on hover.
        s.push_str("<g id=\"rules\" stroke-linecap=\"butt\">\n");
        for u in &self.finding.segments {
            let seg = &u.segment;
            if ![seg.x0, seg.y0, seg.x1, seg.y1]
                .iter()
                .all(|v| v.is_finite())
            {
                continue;
            }
            let sw = if seg.width.is_finite() {
                seg.width.clamp(0.4, 2.0)
            } else {
                0.4
            };
            let (class, colour, dash) = if u.fate == Fate::Rule {
                ("rule", RULE, "")
            } else {
                ("discarded", DISCARDED, " stroke-dasharray=\"1.5 1\"")
            };
            let _ = writeln!(
                s,
                "<line class=\"{class}\" data-fate=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"{}\"{dash}><title>{}</title></line>",
                u.fate.as_str(),
                num(seg.x0),
                num(fy(seg.y0)),
                num(seg.x1),
                num(fy(seg.y1)),
                num(sw),
                escape_xml(u.fate.reason())
            );
        }
        s.push_str("</g>\n");

        // Boxes the finder took for callouts, the outer frame and boxes floating over the table.
        s.push_str(
            "<g id=\"boxes\" fill=\"none\" stroke-width=\"1.2\" stroke-dasharray=\"4 2\">\n",
        );
        let layers = [
            (
                &self.finding.callouts,
                "callout",
                CALLOUT_BOX,
                "framed callout box (再掲): its sides are not rules",
            ),
            (
                &self.finding.frames,
                "frame",
                FRAME,
                "the table's outer frame",
            ),
            (
                &self.finding.floating,
                "floating",
                FLOATING,
                "box drawn over the table: its sides are not rules",
            ),
        ];
        for (boxes, class, colour, meaning) in layers {
            for b in boxes.iter() {
                if let Some((x, y, bw, bh)) = svg_box(b.x0, b.y0, b.x1, b.y1, h) {
                    let _ = writeln!(
                        s,
                        "<rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" stroke=\"{colour}\"><title>{meaning}</title></rect>"
                    );
                }
            }
        }
        s.push_str("</g>\n");

        // Glyph boxes: outline, with the text as a tooltip.
        let inside = self.in_table();
        s.push_str(
            "<g id=\"glyphs\" stroke-width=\"0.3\" fill-opacity=\"0.06\" pointer-events=\"all\">\n",
        );
        for (g, ins) in p.glyphs.iter().zip(&inside) {
            let Some((x, y, gw, gh)) = svg_box(g.x0, g.y0, g.x1, g.y1, h) else {
                continue;
            };
            let colour = if *ins { GLYPH_IN } else { GLYPH_OUT };
            let _ = writeln!(
                s,
                "<rect class=\"glyph\" x=\"{x}\" y=\"{y}\" width=\"{gw}\" height=\"{gh}\" stroke=\"{colour}\" fill=\"{colour}\"><title>{}</title></rect>",
                escape_xml(&g.text)
            );
            // The glyph's text in its box, so the page reads without the PDF beside it; opaque,
            // as the group's faint fill-opacity (meant for the boxes) would otherwise hide it.
            if !g.is_blank() && g.size.is_finite() && g.size > 0.0 {
                let _ = writeln!(
                    s,
                    "<text class=\"glyph-text\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#333333\" fill-opacity=\"1\" pointer-events=\"none\">{}</text>",
                    num(g.x0),
                    num(fy(g.y0) - 0.12 * g.size),
                    num(g.size * 0.9),
                    escape_xml(&g.text)
                );
            }
        }
        s.push_str("</g>\n");

        // Cell labels on top, not catching the mouse.
        let _ = writeln!(
            s,
            "<g id=\"cell-labels\" font-size=\"{}\" fill=\"#000000\" pointer-events=\"none\">",
            num(label_size)
        );
        if let Some(t) = self.table() {
            for c in &t.cells {
                if ![c.x0, c.y1].iter().all(|v| v.is_finite()) {
                    continue;
                }
                let _ = writeln!(
                    s,
                    "<text class=\"cell-label\" x=\"{}\" y=\"{}\">{}</text>",
                    num(c.x0 + label_size * 0.3),
                    num(fy(c.y1) + label_size * 1.05),
                    cell_label(c.row, c.col, c.row_span, c.col_span)
                );
            }
        }
        s.push_str("</g>\n");

        // Legend band below the page.
        let _ = writeln!(
            s,
            "<g id=\"legend\" font-size=\"{}\" fill=\"#000000\">",
            num(base)
        );
        let _ = writeln!(
            s,
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f4f4\"/>",
            num(h),
            num(w),
            num(legend_h)
        );
        let x = base;
        let mut y = h + line;
        let heading = if name.is_empty() {
            "kouteihyo inspect".to_string()
        } else {
            format!("kouteihyo inspect {name}")
        };
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>",
            num(x),
            num(y),
            escape_xml(&heading)
        );
        for l in &summary {
            y += line;
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                num(x),
                num(y),
                escape_xml(l)
            );
        }
        for (tname, v, meaning) in &tol {
            y += line;
            let _ = writeln!(
                s,
                "<text class=\"tolerance\" data-name=\"{tname}\" data-value=\"{}\" x=\"{}\" y=\"{}\">{tname} = {} pt: {}</text>",
                num(*v),
                num(x),
                num(y),
                num(*v),
                escape_xml(meaning)
            );
        }
        y += line;
        let mut kx = x;
        let key: [(&str, &str); 9] = [
            (RULE, "rule of the table"),
            (DISCARDED, "segment set aside (hover: why)"),
            (CALLOUT_BOX, "callout box"),
            (FRAME, "outer frame"),
            (FLOATING, "box over the table"),
            (SHADE, "shading / box / shape (bounding box)"),
            (GLYPH_IN, "glyph in a cell"),
            (GLYPH_OUT, "glyph outside the table"),
            (CELL[0], "cell r{row} c{col} ×{row_span}x{col_span}"),
        ];
        for (colour, label) in key {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" fill-opacity=\"0.5\" stroke=\"{colour}\"/>",
                num(kx),
                num(y - base * 0.8),
                num(base),
                num(base * 0.8)
            );
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                num(kx + base * 1.4),
                num(y),
                escape_xml(label)
            );
            kx += base * (2.5 + 0.55 * label.chars().count() as f64);
        }
        s.push_str("</g>\n");
        (s, w, total_h)
    }
}

/// Label of a cell: `r{row} c{col}`, plus `×{row_span}x{col_span}` when it spans.
pub fn cell_label(row: usize, col: usize, row_span: usize, col_span: usize) -> String {
    if row_span > 1 || col_span > 1 {
        format!("r{row} c{col} ×{row_span}x{col_span}")
    } else {
        format!("r{row} c{col}")
    }
}

/// A page-space box as SVG `(x, y, width, height)` strings, or `None` if not finite.
fn svg_box(
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    height: f64,
) -> Option<(String, String, String, String)> {
    if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let (l, r) = (x0.min(x1), x0.max(x1));
    let (b, t) = (y0.min(y1), y0.max(y1));
    Some((num(l), num(height - t), num(r - l), num(t - b)))
}

/// A number with at most two decimals and no trailing zeros (`0` for non-finite values).
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_string(),
        _ => s.to_string(),
    }
}

/// Escapes text for XML character data and attribute values; drops characters XML 1.0 does
/// not allow (control characters other than tab, newline and carriage return).
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::content::{Rect, Segment};
    use crate::pdf::table::{GridCell, SegmentUse};

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(
            escape_xml(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape_xml("工程表 R&D"), "工程表 R&amp;D");
        assert_eq!(escape_xml("a\u{0}b\u{1F}c\td\u{FFFF}"), "abc\td");
        assert_eq!(escape_xml("&amp;"), "&amp;amp;");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(841.889), "841.89");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn labels_show_spans_only_when_spanning() {
        assert_eq!(cell_label(0, 0, 1, 1), "r0 c0");
        assert_eq!(cell_label(3, 2, 2, 1), "r3 c2 ×2x1");
        assert_eq!(cell_label(1, 4, 1, 3), "r1 c4 ×1x3");
    }

    fn glyph(text: &str, x0: f64, y0: f64) -> Glyph {
        Glyph::square(text, x0, y0)
    }

    /// A hand-made page: glyph texts with XML specials and a control character, a non-finite
    /// segment, and a 2-cell table, one cell spanning two columns.
    #[test]
    fn svg_is_well_formed_and_flips_y() {
        let page = PageContent {
            number: 1,
            width: 200.0,
            height: 100.0,
            glyphs: vec![glyph("<&\">", 10.0, 70.0), glyph("a\u{1}", 150.0, 5.0)],
            shapes: Vec::new(),
            segments: vec![
                Segment {
                    x0: 0.0,
                    y0: 90.0,
                    x1: 200.0,
                    y1: 90.0,
                    width: 0.5,
                },
                Segment {
                    x0: f64::NAN,
                    y0: 0.0,
                    x1: 1.0,
                    y1: 0.0,
                    width: 1.0,
                },
            ],
            rects: vec![Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 50.0,
                y1: 20.0,
                filled: true,
                stroked: false,
            }],
            images: 0,
            unmapped: 0,
            invisible: 0,
            annotations: 0,
            lost: Vec::new(),
            marked: Vec::new(),
        };
        let cell = |row, col, col_span, x0, x1| GridCell {
            row,
            col,
            row_span: 1,
            col_span,
            x0,
            y0: 50.0,
            x1,
            y1: 90.0,
        };
        let segments = page
            .segments
            .iter()
            .map(|s| SegmentUse {
                segment: *s,
                fate: Fate::Rule,
            })
            .collect();
        let ins = Inspection {
            pages: 3,
            page,
            settings: Settings::default(),
            finding: TableFinding {
                strategy: crate::model::Strategy::Ruled,
                reason: "a test".to_string(),
                segments,
                callouts: Vec::new(),
                frames: Vec::new(),
                floating: Vec::new(),
                merges: Vec::new(),
                side_labels: 0,
                header_line: None,
                table: Some(Table {
                    xs: vec![0.0, 100.0, 150.0, 200.0],
                    ys: vec![90.0, 50.0],
                    cells: vec![cell(0, 0, 1, 0.0, 100.0), cell(0, 1, 2, 100.0, 200.0)],
                }),
            },
            assigned: vec![vec![], vec![]],
        };
        let svg = ins.svg("a&b.pdf");
        assert!(svg.contains("a&amp;b.pdf"), "file name escaped");
        assert!(svg.contains("<title>&lt;&amp;&quot;&gt;</title>"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(svg.contains(">r0 c0</text>"));
        assert!(svg.contains(">r0 c1 ×1x2</text>"));
        // The rule at y = 90 is drawn at 100 - 90 = 10; the glyph at y 70..80 starts at 20.
        assert!(svg.contains("y1=\"10\" x2=\"200\" y2=\"10\""), "{svg}");
        assert!(svg.contains("<rect class=\"glyph\" x=\"10\" y=\"20\" width=\"10\" height=\"10\""));
        assert_eq!(
            svg.matches("class=\"rule\"").count(),
            1,
            "NaN segment left out"
        );
        assert_eq!(svg.matches("class=\"shade\"").count(), 1);
        assert!(svg.contains("viewBox=\"0 0 200 "));
        assert!(svg.contains("page 1 of 3, 200 × 100 pt"));
        assert!(svg.contains(
            "2 glyphs (2 outside the table), 2 segments, 1 rects, 2 cells (1 rows × 3 columns)"
        ));
    }
}
