//! The layout spec reader on any text; a spec it accepts sets an article.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        shared::build_texts(text, shared::ARTICLE);
    }
});
