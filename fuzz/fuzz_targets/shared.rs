//! What every fuzz target shares: the whole pipeline run on a spec and
//! articles already read, with the checks a successful build must pass.
#![allow(dead_code)]

use std::path::Path;

#[path = "../../tests/integration/common/pdfcheck.rs"]
mod pdfcheck;

/// A plain two-column A4 spec for targets that fuzz an article.
pub const SPEC: &str = "[paper]\nsize = \"A4\"\n[columns]\ncount = 2\n[document]\nmax_pages = 6\n";

/// A short article for targets that fuzz a spec.
pub const ARTICLE: &str = "+++\nheadline = \"Night Shift Walks Out\"\ndeck = \"The belts stopped.\"\nkicker = \"Labour\"\npullquote = \"Without us nothing moves.\"\n+++\nThe conveyor belts went quiet a few minutes after midnight, and the \
pickers walked out into the yard.\n\n## Demands\n\n- An end to quotas.\n- Breaks not clocked by a machine.\n\n> Without us nothing moves, said a loader.\n";

/// Builds `articles` with `spec`; a build that succeeds must write a valid
/// PDF with every word placed or reported overset.
pub fn build(spec: &mimeo::spec::Spec, articles: &[mimeo::article::Article]) {
    let Ok(out) = mimeo::build_parsed(spec, articles, &mimeo::files::Allowed::default()) else {
        return;
    };
    if let Err(e) = pdfcheck::check(&out.pdf) {
        panic!("a build succeeded with an invalid PDF: {e}");
    }
    for a in &out.report.articles {
        assert_eq!(
            a.words_in,
            a.words_placed + a.words_overset,
            "words lost in {}",
            a.id
        );
    }
}

/// Reads a spec and an article from text and, if both read, builds them
/// (see [`build`]). A plan names its articles: the article is given the id
/// of the plan's first placement, so that the plan places it.
pub fn build_texts(spec_text: &str, article_text: &str) {
    let (Some(spec), Some(mut article)) = (spec(spec_text), article(article_text)) else {
        return;
    };
    if let Some(p) = spec
        .plan
        .as_ref()
        .and_then(|p| p.pages.first()?.places.first())
    {
        article.id = p.article.clone();
    }
    build(&spec, &[article]);
}

/// Reads a spec from text, as if from `fuzz/s.toml`.
pub fn spec(text: &str) -> Option<mimeo::spec::Spec> {
    mimeo::spec::parse(Path::new("fuzz/s.toml"), text).ok()
}

/// Reads an article from text, as if from `fuzz/a.md`.
pub fn article(text: &str) -> Option<mimeo::article::Article> {
    mimeo::article::parse(Path::new("fuzz/a.md"), text).ok()
}
