//! The article reader on any text; what it reads goes through the pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let (Some(spec), Some(article)) = (shared::spec(shared::SPEC), shared::article(text)) {
        shared::build(&spec, &[article]);
    }
});
