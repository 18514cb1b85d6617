use kouteihyo::pdf::{content, grid};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let pages = content::read_pages(&bytes).unwrap();
    let tol = grid::Tolerances::default();
    for p in &pages {
        let rules: Vec<grid::Rule> = p
            .segments
            .iter()
            .map(|s| grid::Rule {
                x0: s.x0,
                y0: s.y0,
                x1: s.x1,
                y1: s.y1,
            })
            .collect();
        let tables = grid::find_tables(&rules, &tol);
        let boxes: Vec<grid::GlyphBox> = p
            .glyphs
            .iter()
            .map(|g| grid::GlyphBox {
                text: g.text.clone(),
                x0: g.x0,
                y0: g.y0,
                x1: g.x1,
                y1: g.y1,
                size: g.size,
                vertical: g.vertical,
            })
            .collect();
        println!(
            "page {} {}x{} glyphs {} segs {} rects {} tables {}",
            p.number,
            p.width as i32,
            p.height as i32,
            p.glyphs.len(),
            p.segments.len(),
            p.rects.len(),
            tables.len()
        );
        for t in &tables {
            println!(
                "  table {}x{} cells {}",
                t.xs.len() - 1,
                t.ys.len() - 1,
                t.cells.len()
            );
            let asg = grid::assign(t, &boxes);
            for (c, idx) in t.cells.iter().zip(&asg).take(14) {
                let gl: Vec<&grid::GlyphBox> = idx.iter().map(|&i| &boxes[i]).collect();
                let lines = grid::cell_lines(&gl);
                println!(
                    "    r{} c{} rs{} cs{}: {}",
                    c.row,
                    c.col,
                    c.row_span,
                    c.col_span,
                    lines.join(" / ").chars().take(60).collect::<String>()
                );
            }
        }
        if p.number > 3 {
            break;
        }
    }
}
