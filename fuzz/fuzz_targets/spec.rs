//! The layout spec reader on any text; a spec it accepts sets an article.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let (Some(spec), Some(article)) = (shared::spec(text), shared::article(shared::ARTICLE)) {
        // Plans name articles by id: call the article what the plan wants.
        let mut article = article;
        if let Some(id) = spec
            .plan
            .as_ref()
            .and_then(|p| p.pages.first())
            .and_then(|p| p.places.first())
            .map(|p| p.article.clone())
        {
            article.id = id;
        }
        shared::build(&spec, &[article]);
    }
});
