//! The whole build on a spec and an article both fuzzed: the input is the
//! spec, a NUL byte, then the article.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (spec, article) = text.split_once('\0').unwrap_or((shared::SPEC, text));
    if let (Some(spec), Some(article)) = (shared::spec(spec), shared::article(article)) {
        shared::build(&spec, &[article]);
    }
});
