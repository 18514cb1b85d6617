//! Damaged dumps never panic: truncations, shuffled fields and flipped bytes give a reading or an error.

mod common;

use kouteihyo::input::convert_bytes;
use kouteihyo::output::{render, Format};

/// A small deterministic generator (xorshift) so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn convert_and_render(bytes: &[u8]) {
    if let Ok(ed) = convert_bytes("damaged.txt", bytes) {
        render(&ed, Format::Json).expect("whatever is read validates");
        render(&ed, Format::Csv).expect("csv renders");
    }
}

#[test]
fn truncated_dumps() {
    let bytes = std::fs::read(common::dump_path("2025-06")).unwrap();
    for k in 0..120 {
        convert_and_render(&bytes[..bytes.len() * k / 120]);
    }
}

#[test]
fn damaged_lines_and_bytes() {
    let text = std::fs::read_to_string(common::dump_path("2025-12")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..60 {
        // Drop, duplicate and split lines; insert and remove tabs.
        let mut out = String::new();
        for l in &lines {
            match rng.next() % 12 {
                0 => continue,
                1 => {
                    out.push_str(l);
                    out.push('\n');
                    out.push_str(l);
                }
                2 => out.push_str(&l.replacen('\t', "", 1)),
                3 => out.push_str(&l.replacen('\t', "\t\t", 1)),
                4 => out.push_str(&l.replacen('>', "", 1)),
                _ => out.push_str(l),
            }
            out.push('\n');
        }
        convert_and_render(out.as_bytes());
        let mut bytes = out.into_bytes();
        for _ in 0..8 {
            let i = (rng.next() as usize) % bytes.len();
            bytes[i] = rng.next() as u8;
        }
        convert_and_render(&bytes);
    }
}
