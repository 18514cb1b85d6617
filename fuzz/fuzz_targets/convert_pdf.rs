//! The whole conversion of a PDF, with a structure-aware mutator: one stream is inflated,
//! mutated by libFuzzer, deflated again and its /Length and the xref offsets fixed
//! (see src/pdf_mutator.rs); now and then a plain byte mutation of the file instead.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

fuzz_target!(|data: &[u8]| {
    // Only bytes the converter takes for a PDF; the rest is convert_dump's.
    if kouteihyo_fuzz::looks_like_pdf(data) {
        kouteihyo_fuzz::convert("fuzz.pdf", data);
    }
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    kouteihyo_fuzz::pdf_mutator::mutate_pdf(data, size, max_size, seed, &mut |buf, size, max| {
        fuzzer_mutate(buf, size, max)
    })
});
