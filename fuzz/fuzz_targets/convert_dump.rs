//! The whole conversion of a text dump: decode, sheets, grid, fragments, assembly, validated JSON.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Bytes with `%PDF-` in the first KiB go to the PDF front-end: that is convert_pdf's job.
    if !kouteihyo_fuzz::looks_like_pdf(data) {
        kouteihyo_fuzz::convert("fuzz.txt", data);
    }
});
