//! kouteihyo patch (upstream src/bcmap/embedded.rs:8-20): the CMap bundle is decompressed once,
//! here at build time, instead of on first use in every process. Upstream decompressed the
//! whole 250 KB brotli bundle (all 65 CMaps) the first time any predefined CMap was needed,
//! ~20 ms of a 13-page CID deck's 60 ms; the binary now holds the raw bundle, and the OS pages
//! in only the CMaps a file uses.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=assets/cmaps.brotli");
    let compressed = std::fs::read("assets/cmaps.brotli").expect("assets/cmaps.brotli");
    let mut raw = Vec::new();
    brotli::BrotliDecompress(&mut compressed.as_slice(), &mut raw)
        .expect("the bundled CMaps decompress");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("cmaps.bin");
    std::fs::write(out, raw).expect("write the decompressed CMaps");
}
