//! The dump's HTML fragment parser (`<ul>`/`<li>`/`<p>` fields) and its bullet splitter.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(field) = std::str::from_utf8(data) {
        kouteihyo_fuzz::fragments(field);
    }
});
