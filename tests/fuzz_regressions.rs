//! Every input a fuzzer ever found a problem with (`fuzz/regressions/TARGET/`)
//! goes through the same reader and checks as in its fuzz target, on every
//! `cargo test`: no panic, and a build that succeeds writes a valid PDF with
//! every word placed or reported overset.

mod common;

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = common::root().join("fuzz/regressions").join(target);
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A build of `spec` and `article` texts, checked as the fuzzers check it.
fn build(name: &str, spec: &str, article: &str) {
    let Ok(spec) = mimeo::spec::parse(Path::new("fuzz/s.toml"), spec) else {
        return;
    };
    let Ok(mut article) = mimeo::article::parse(Path::new("fuzz/a.md"), article) else {
        return;
    };
    // A plan names its articles: call this one what the plan wants.
    if let Some(p) = spec
        .plan
        .as_ref()
        .and_then(|p| p.pages.first()?.places.first())
    {
        article.id = p.article.clone();
    }
    let Ok(out) = mimeo::build_parsed(&spec, &[article], &Default::default()) else {
        return;
    };
    if let Err(e) = common::pdfcheck::check(&out.pdf) {
        panic!("{name}: invalid PDF: {e}");
    }
    for a in &out.report.articles {
        assert_eq!(a.words_in, a.words_placed + a.words_overset, "{name}");
    }
}

/// The fuzz targets' fixed article and spec (fuzz/fuzz_targets/shared.rs).
const ARTICLE: &str = "+++\nheadline = \"Night Shift Walks Out\"\ndeck = \"The belts stopped.\"\nkicker = \"Labour\"\npullquote = \"Without us nothing moves.\"\n+++\nThe conveyor belts went quiet a few minutes after midnight, and the \
pickers walked out into the yard.\n\n## Demands\n\n- An end to quotas.\n- Breaks not clocked by a machine.\n\n> Without us nothing moves, said a loader.\n";
const SPEC: &str = "[paper]\nsize = \"A4\"\n[columns]\ncount = 2\n[document]\nmax_pages = 6\n";

#[test]
fn article_regressions() {
    for (name, bytes) in inputs("article") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            build(&name, SPEC, text);
        }
    }
}

#[test]
fn spec_regressions() {
    for (name, bytes) in inputs("spec") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            build(&name, text, ARTICLE);
        }
    }
}

#[test]
fn pipeline_regressions() {
    for (name, bytes) in inputs("pipeline") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let (spec, article) = text.split_once('\0').unwrap_or((SPEC, text));
            build(&name, spec, article);
        }
    }
}

#[test]
fn image_regressions() {
    for (name, bytes) in inputs("image") {
        if let Ok(img) = mimeo::assets::images::decode(&bytes) {
            assert!(img.width > 0 && img.height > 0, "{name}");
        }
    }
}
