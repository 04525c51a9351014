//! The article reader on any text; what it reads goes through the pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        shared::build_texts(shared::SPEC, text);
    }
});
