//! `kouteihyo inspect`: the SVG of one PDF page (glyph boxes, ruling lines, table cells,
//! legend), parsed with a real XML parser, and the errors for bad files and pages.

mod common;

use common::{run, stderr};
use kouteihyo::pdf::content::{read_pages, PageContent};
use kouteihyo::pdf::inspect::inspect;
use kouteihyo::pdf::{Settings, Tolerances};
use std::path::{Path, PathBuf};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

fn pdf_path() -> PathBuf {
    common::root().join("fixtures/editions/2025-06/followup.pdf")
}

fn page(number: usize) -> PageContent {
    let bytes = std::fs::read(pdf_path()).unwrap();
    read_pages(&bytes).unwrap().swap_remove(number - 1)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01
}

fn attr_f64(n: roxmltree::Node, name: &str) -> f64 {
    n.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", n.tag_name().name()))
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Elements `<tag class="class">` anywhere in the document, in document order.
fn elements<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    tag: &str,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((SVG_NS, tag)) && n.attribute("class") == Some(class))
        .collect()
}

/// The text of the `<title>` child of an element.
fn title(n: roxmltree::Node) -> String {
    n.children()
        .find(|c| c.has_tag_name((SVG_NS, "title")))
        .and_then(|t| t.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn page_svg_draws_every_glyph_rule_and_cell_of_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.svg");
    let pdf = pdf_path();
    let o = run(
        &[
            "inspect",
            pdf.to_str().unwrap(),
            "--page",
            "2",
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let page = page(2);

    // Root and page size: the viewBox is in points, the page at its origin, the legend below.
    let root = doc.root_element();
    assert!(root.has_tag_name((SVG_NS, "svg")), "root is <svg>");
    let vb: Vec<f64> = root
        .attribute("viewBox")
        .expect("viewBox")
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(vb.len(), 4);
    assert!(close(vb[0], 0.0) && close(vb[1], 0.0), "{vb:?}");
    assert!(close(vb[2], page.width), "{vb:?} vs {}", page.width);
    assert!(vb[3] > page.height, "room for the legend below the page");
    let bg = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("page"))
        .expect("page background");
    assert!(close(attr_f64(bg, "width"), page.width));
    assert!(close(attr_f64(bg, "height"), page.height));

    // One glyph box per glyph the reader sees, in content order, the text as tooltip, y flipped.
    let glyphs = elements(&doc, "rect", "glyph");
    assert!(page.glyphs.len() > 100, "page 2 has text");
    assert_eq!(glyphs.len(), page.glyphs.len());
    for (n, g) in glyphs.iter().zip(&page.glyphs) {
        assert_eq!(title(*n), g.text);
        assert!(close(attr_f64(*n, "x"), g.x0), "x of {}", g.text);
        assert!(
            close(attr_f64(*n, "y"), page.height - g.y1),
            "y of {}",
            g.text
        );
        assert!(close(attr_f64(*n, "height"), g.y1 - g.y0));
    }

    // One line per segment, in drawing order: the table's rules and, set apart, the segments
    // the finder discarded, each with its fate and reason as the reader's own finding has them.
    let finding = inspect(&std::fs::read(&pdf).unwrap(), 2, &Settings::default())
        .unwrap()
        .finding;
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((SVG_NS, "line")))
        .filter(|n| matches!(n.attribute("class"), Some("rule") | Some("discarded")))
        .collect();
    assert!(!page.segments.is_empty());
    assert_eq!(lines.len(), page.segments.len());
    assert_eq!(finding.segments.len(), page.segments.len());
    for ((n, s), u) in lines.iter().zip(&page.segments).zip(&finding.segments) {
        assert!(close(attr_f64(*n, "x1"), s.x0) && close(attr_f64(*n, "x2"), s.x1));
        assert!(close(attr_f64(*n, "y1"), page.height - s.y0));
        let kept = u.fate == kouteihyo::pdf::table::Fate::Rule;
        assert_eq!(n.attribute("class") == Some("rule"), kept);
        assert_eq!(title(*n), u.fate.reason());
    }
    assert!(
        !elements(&doc, "line", "rule").is_empty(),
        "page 2 is a ruled table"
    );
    // The legend names the strategy and why.
    let legend: String = doc
        .descendants()
        .filter(|n| n.has_tag_name((SVG_NS, "text")))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(legend.contains("strategy: ruled"), "{legend}");

    // One translucent rect and one label per cell of the table the reader uses.
    let bytes = std::fs::read(&pdf).unwrap();
    let ins = inspect(&bytes, 2, &Settings::default()).unwrap();
    let table = ins.table().expect("page 2 has a ruled table");
    assert!(table.cells.len() >= 20, "{} cells", table.cells.len());
    let cells = elements(&doc, "rect", "cell");
    assert_eq!(cells.len(), table.cells.len());
    let labels: Vec<String> = elements(&doc, "text", "cell-label")
        .iter()
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    assert_eq!(labels.len(), table.cells.len());
    assert!(labels.iter().any(|l| l == "r0 c0"), "{labels:?}");
    let mut spanning = 0;
    for ((n, c), label) in cells.iter().zip(&table.cells).zip(&labels) {
        let mut want = format!("r{} c{}", c.row, c.col);
        if c.row_span > 1 || c.col_span > 1 {
            want.push_str(&format!(" ×{}x{}", c.row_span, c.col_span));
            spanning += 1;
        }
        assert_eq!(label, &want);
        assert!(title(*n).starts_with(&want));
        assert!(close(attr_f64(*n, "x"), c.x0));
        assert!(close(attr_f64(*n, "y"), page.height - c.y1));
        assert!(close(attr_f64(*n, "width"), c.x1 - c.x0));
    }
    assert!(spanning > 0, "page 2 has merged cells: {labels:?}");
    // Every slot of the grid is covered by exactly one cell.
    let slots: usize = table.cells.iter().map(|c| c.row_span * c.col_span).sum();
    assert_eq!(slots, (table.xs.len() - 1) * (table.ys.len() - 1));

    // The legend names the tolerances with their values, and the counts.
    let legend = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("legend"))
        .expect("legend");
    let legend_text: String = legend
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    for name in ["snap", "join", "intersection", "min_cell"] {
        assert!(legend_text.contains(&format!("{name} = ")), "{legend_text}");
    }
    assert!(legend_text.contains("snap = 3 pt"), "{legend_text}");
    assert!(legend_text.contains(&format!("{} glyphs", page.glyphs.len())));
    assert!(legend_text.contains(&format!("{} segments", page.segments.len())));
    assert!(legend_text.contains(&format!("{} cells", table.cells.len())));
    // And so does standard error.
    assert!(
        err.contains("snap 3 pt") && err.contains("min_cell 4 pt"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{} cells", table.cells.len())),
        "{err}"
    );
    // The glyph text is legible: its fill opacity (its own, or else the one it inherits from
    // the nearest group that sets it) is full, and it is drawn in a face with kana and kanji.
    let texts = elements(&doc, "text", "glyph-text");
    assert!(texts.len() > 100);
    for t in &texts {
        let opacity: f64 = t
            .ancestors()
            .find_map(|a| a.attribute("fill-opacity"))
            .map_or(1.0, |v| v.parse::<f64>().unwrap());
        assert!(opacity >= 0.99, "{:?} drawn at opacity {opacity}", t.text());
    }
    assert!(root.attribute("font-family").unwrap().contains("CJK JP"));
}

#[test]
fn tolerance_options_change_the_table_and_are_shown() {
    let pdf = pdf_path();
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        &[
            "inspect",
            pdf.to_str().unwrap(),
            "-p",
            "2",
            "--min-cell",
            "60",
            "--snap",
            "2.5",
            "-o",
            "-",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let tol = Settings {
        tolerances: Tolerances {
            min_cell: 60.0,
            snap: 2.5,
            ..Tolerances::default()
        },
        ..Settings::default()
    };
    let bytes = std::fs::read(&pdf).unwrap();
    let wide = inspect(&bytes, 2, &tol).unwrap();
    let default = inspect(&bytes, 2, &Settings::default()).unwrap();
    assert!(
        wide.cell_count() < default.cell_count(),
        "a larger min_cell merges narrow rows and columns"
    );
    assert_eq!(elements(&doc, "rect", "cell").len(), wide.cell_count());
    let value = |name: &str| {
        elements(&doc, "text", "tolerance")
            .into_iter()
            .find(|n| n.attribute("data-name") == Some(name))
            .and_then(|n| n.attribute("data-value"))
            .map(str::to_string)
    };
    assert_eq!(value("min_cell").as_deref(), Some("60"));
    assert_eq!(value("snap").as_deref(), Some("2.5"));
    assert_eq!(value("join").as_deref(), Some("3"));

    // A negative tolerance is refused.
    let o = run(
        &["inspect", pdf.to_str().unwrap(), "--snap=-1", "-o", "-"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a tolerance"), "{}", stderr(&o));
}

#[test]
fn dash_writes_the_svg_to_stdout_and_quiet_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = pdf_path();
    let o = run(
        &[
            "inspect",
            pdf.to_str().unwrap(),
            "--page",
            "1",
            "-o",
            "-",
            "-q",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(doc.root_element().has_tag_name((SVG_NS, "svg")));
    assert_eq!(elements(&doc, "rect", "glyph").len(), page(1).glyphs.len());
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "no file written"
    );
}

#[test]
fn a_page_out_of_range_names_the_file_and_the_page_count() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = pdf_path();
    let n = read_pages(&std::fs::read(&pdf).unwrap()).unwrap().len();
    let page = (n + 1).to_string();
    let out = dir.path().join("p.svg");
    let o = run(
        &[
            "inspect",
            pdf.to_str().unwrap(),
            "--page",
            &page,
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("followup.pdf"), "{err}");
    assert!(err.contains(&format!("has {n} pages")), "{err}");
    assert!(err.contains(&format!("page {page} ")), "{err}");
    assert!(!out.exists());
    // Page 0 is refused before the file is read.
    let o = run(
        &[
            "inspect",
            pdf.to_str().unwrap(),
            "--page",
            "0",
            "-o",
            "p.svg",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("numbered from 1"), "{}", stderr(&o));
}

#[test]
fn files_that_cannot_be_inspected_give_exit_code_2_and_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let txt = common::dump_path("2025-06");
    let locked = common::root().join("fixtures/pdf-variants/encrypted-password.pdf");
    for (file, reason) in [
        (txt.as_path(), "not a PDF"),
        (locked.as_path(), "password"),
        (Path::new("missing.pdf"), "cannot read"),
    ] {
        let o = run(
            &["inspect", file.to_str().unwrap(), "-o", "p.svg"],
            dir.path(),
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name) && err.contains(reason), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!dir.path().join("p.svg").exists());
    }
    // An output folder that does not exist.
    let pdf = pdf_path();
    let o = run(
        &["inspect", pdf.to_str().unwrap(), "-o", "no/such/dir/p.svg"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/dir"), "{}", stderr(&o));
}

#[test]
fn without_page_every_page_goes_into_one_svg() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.svg");
    let pdf = pdf_path();
    let o = run(
        &[
            "inspect",
            pdf.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let bytes = std::fs::read(&pdf).unwrap();
    let n = read_pages(&bytes).unwrap().len();
    let pages: Vec<_> = elements(&doc, "g", "page");
    assert_eq!(pages.len(), n, "one group per page");
    // Each page's glyph boxes are drawn in its group, with the glyph's text in the box.
    for (i, g) in pages.iter().enumerate() {
        assert_eq!(g.attribute("id"), Some(format!("page-{}", i + 1).as_str()));
        let glyphs = g
            .descendants()
            .filter(|c| c.attribute("class") == Some("glyph"))
            .count();
        assert_eq!(glyphs, page(i + 1).glyphs.len(), "page {}", i + 1);
    }
    assert!(!elements(&doc, "text", "glyph-text").is_empty());
}
