//! Every input a fuzzer ever found a problem with (`fuzz/regressions/TARGET/`)
//! goes through the same harness as in its fuzz target
//! (`fuzz/fuzz_targets/shared.rs`), on every `cargo test`: no panic, and a
//! build that succeeds writes a valid PDF with every word placed or reported
//! overset.

// The fuzz targets' harness brings its own copy of `common/pdfcheck.rs`.
#[allow(clippy::duplicate_mod)]
#[path = "../../fuzz/fuzz_targets/shared.rs"]
mod shared;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
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

/// The regressions of `target` that are text.
fn texts(target: &str) -> Vec<String> {
    inputs(target)
        .into_iter()
        .filter_map(|(_, bytes)| String::from_utf8(bytes).ok())
        .collect()
}

#[test]
fn article_regressions() {
    for text in texts("article") {
        shared::build_texts(shared::SPEC, &text);
    }
}

#[test]
fn spec_regressions() {
    for text in texts("spec") {
        shared::build_texts(&text, shared::ARTICLE);
    }
}

#[test]
fn pipeline_regressions() {
    for text in texts("pipeline") {
        let (spec, article) = text.split_once('\0').unwrap_or((shared::SPEC, &text));
        shared::build_texts(spec, article);
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
