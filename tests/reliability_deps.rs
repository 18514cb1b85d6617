//! Issue 11 reproducers whose root cause was in a PDF dependency, fixed by the vendored patches in
//! vendor/ (see vendor/README.md): a predictor with /Columns 0 divided by zero in hayro-syntax, a
//! `/W [first last w]` range expanded every CID into a map in hayro-font, and FlateDecode had no
//! bound on the decoded size. None of these files is a roadmap edition; each must end without a
//! panic, within the test, in bounded memory.

use kouteihyo::input::convert_bytes;
use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/reliability")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

// The outcome of every reproducer (error class and message) is asserted in
// tests/reliability.rs; here: the binary's exit codes and the bomb's memory.

fn run_extract(name: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kouteihyo"))
        .args(["extract"])
        .arg(fixture(name))
        .args(["-o", "-", "--format", "json"])
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run kouteihyo");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_no_panic(name: &str, code: Option<i32>, stderr: &str) {
    assert_ne!(
        code,
        Some(101),
        "{name}: exit 101 (a panic); stderr:\n{stderr}"
    );
    assert!(
        code.is_some(),
        "{name}: killed by a signal; stderr:\n{stderr}"
    );
    for text in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(
            !stderr.contains(text),
            "{name}: {text:?} in stderr:\n{stderr}"
        );
    }
}

#[test]
fn binary_on_the_predictor_reproducers_exits_1_naming_the_file() {
    for name in [
        "predictor-columns0-xrefstream.pdf",
        "predictor-columns0-objstm.pdf",
        "fuzz-panic-uncaught-lzw752.pdf",
        "predictor-columns0-content.pdf",
        "fuzz-panic-caught-lzw752.pdf",
    ] {
        let (code, stderr) = run_extract(name);
        assert_no_panic(name, code, stderr.as_str());
        assert_eq!(code, Some(1), "{name}: exit {code:?}\n{stderr}");
        assert!(
            stderr.contains(name),
            "{name} not named in stderr:\n{stderr}"
        );
    }
}

// Decompression bomb: fixtures/reliability/decompression-bomb-1gib.pdf (written by
// scripts/reliability/decompression_bomb.py) has a content stream that inflates to 1 GiB.
// hayro-syntax now stops at MAX_DECODED_STREAM_LEN (64 MiB) per stream.

/// Peak resident memory of this process in KiB (Linux: VmHWM in /proc/self/status).
#[cfg(target_os = "linux")]
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Run in a child process of its own (see below) so that no other test shares its peak memory.
#[cfg(target_os = "linux")]
#[test]
fn decompression_bomb_child() {
    if std::env::var_os("KOUTEIHYO_BOMB_CHILD").is_none() {
        return;
    }
    let name = "decompression-bomb-1gib.pdf";
    let bytes = read(name);
    let before = peak_rss_kib();
    let result = convert_bytes(name, &bytes).map(|ed| ed.sheets.len());
    println!(
        "BOMB before={before} peak={} result={result:?}",
        peak_rss_kib()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn decompression_bomb_stays_well_under_256_mib() {
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "decompression_bomb_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("KOUTEIHYO_BOMB_CHILD", "1")
        .output()
        .expect("run the child test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed: {stdout}\n{stderr}");
    // The harness prints "test decompression_bomb_child ... " before the line, on the same line.
    let line = stdout
        .lines()
        .find_map(|l| l.find("BOMB ").map(|at| &l[at..]))
        .unwrap_or_else(|| panic!("no BOMB line in the child's output:\n{stdout}\n{stderr}"));
    let peak: u64 = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("peak="))
        .and_then(|v| v.parse().ok())
        .expect("peak=");
    // 1 GiB would be decoded without the bound; with it the stream stops at 64 MiB.
    assert!(
        peak < 160 * 1024,
        "peak RSS {} MiB while reading the bomb ({line})",
        peak / 1024
    );
    // The only content stream fails to decode, so nothing of the page is read: an error, or (for
    // a reader that reports it differently) an edition without sheets.
    assert!(
        line.contains("result=Err") || line.contains("result=Ok(0)"),
        "{line}"
    );
}
