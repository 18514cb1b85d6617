//! Damaged dumps never panic: truncations, shuffled fields and flipped bytes give a reading or an error.

mod common;

use kouteihyo::input::convert_bytes;
use kouteihyo::output::{render, Format};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

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

/// What happens to one line of a damaged dump.
#[derive(Debug, Clone, Copy)]
enum LineDamage {
    Keep,
    Drop,
    Duplicate,
    RemoveTab,
    DoubleTab,
    RemoveAngle,
}

/// Mostly kept lines, the others dropped, duplicated or with a tab or `>` changed.
fn line_damage() -> impl Strategy<Value = LineDamage> {
    prop_oneof![
        7 => Just(LineDamage::Keep),
        1 => Just(LineDamage::Drop),
        1 => Just(LineDamage::Duplicate),
        1 => Just(LineDamage::RemoveTab),
        1 => Just(LineDamage::DoubleTab),
        1 => Just(LineDamage::RemoveAngle),
    ]
}

#[test]
fn damaged_lines_and_bytes() {
    let text = std::fs::read_to_string(common::dump_path("2025-12")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let damage = (
        proptest::collection::vec(line_damage(), lines.len()),
        proptest::collection::vec((any::<Index>(), any::<u8>()), 8),
    );
    let config = Config {
        cases: 60,
        max_shrink_iters: 64,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    runner
        .run(&damage, |(per_line, flips)| {
            let mut out = String::new();
            for (l, d) in lines.iter().zip(&per_line) {
                match d {
                    LineDamage::Drop => continue,
                    LineDamage::Duplicate => {
                        out.push_str(l);
                        out.push('\n');
                        out.push_str(l);
                    }
                    LineDamage::RemoveTab => out.push_str(&l.replacen('\t', "", 1)),
                    LineDamage::DoubleTab => out.push_str(&l.replacen('\t', "\t\t", 1)),
                    LineDamage::RemoveAngle => out.push_str(&l.replacen('>', "", 1)),
                    LineDamage::Keep => out.push_str(l),
                }
                out.push('\n');
            }
            convert_and_render(out.as_bytes());
            let mut bytes = out.into_bytes();
            if !bytes.is_empty() {
                for (i, b) in &flips {
                    let i = i.index(bytes.len());
                    bytes[i] = *b;
                }
            }
            convert_and_render(&bytes);
            Ok(())
        })
        .unwrap();
}
