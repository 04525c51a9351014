//! The whole build on a spec and an article both fuzzed: the input is the
//! spec, a NUL byte, then the article.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (spec, article) = text.split_once('\0').unwrap_or((shared::SPEC, text));
        shared::build_texts(spec, article);
    }
});
