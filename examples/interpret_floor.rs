//! The floor under `kouteihyo extract` that is not the project's own: opens a PDF with
//! hayro and interprets every page — one task per core, each with its own font cache, taking
//! the next page not yet taken, as the PDF front-end does — with a device that only asks each glyph for its Unicode text and
//! position (the least a text extractor needs), then exits without writing anything.
//! `scripts/bench.py` times it beside kouteihyo and pdftotext.
//!
//! Usage: cargo run --release --example interpret_floor -- FILE.pdf

use hayro_interpret::font::GlyphRun;
use hayro_interpret::kurbo::{Affine, BezPath, Rect};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use hayro_syntax::Pdf;
use rayon::prelude::*;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Counts glyphs and the bytes of their text, so that the work cannot be optimized away.
#[derive(Default)]
struct Texts {
    glyphs: usize,
    bytes: usize,
    x: f64,
}

impl<'a> Device<'a> for Texts {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let at = props.transform * g.transform();
            self.x += at.translation().x;
            self.glyphs += 1;
            self.bytes += g.as_unicode().map_or(0, |u| format!("{u:?}").len());
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

fn main() {
    let path = std::env::args_os()
        .nth(1)
        .expect("usage: interpret_floor FILE.pdf");
    let bytes = std::fs::read(&path).expect("readable file");
    let pdf = Pdf::new(bytes).expect("a PDF hayro opens");
    let pages = pdf.pages();
    let workers = rayon::current_num_threads().clamp(1, pages.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let settings = InterpreterSettings::default();
    let glyphs: usize = (0..workers)
        .into_par_iter()
        .map(|_| {
            let cache = InterpreterCache::new();
            let mut device = Texts::default();
            while let Some(page) =
                pages.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
            {
                let (w, h) = page.render_dimensions();
                let initial = Affine::new(page.initial_transform(false).as_coeffs());
                let mut ctx = Context::new(
                    initial,
                    Rect::new(0.0, 0.0, f64::from(w), f64::from(h)),
                    &cache,
                    pdf.xref(),
                    settings.clone(),
                );
                interpret_page(page, &mut ctx, &mut device);
            }
            device.glyphs + usize::from(device.bytes == 0 && device.x == 0.0)
        })
        .sum();
    if glyphs == 0 {
        std::process::exit(1);
    }
}
