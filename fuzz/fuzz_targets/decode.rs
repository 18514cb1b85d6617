//! The decoder: bytes → text with its encoding and line endings.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kouteihyo_fuzz::decode(data));
