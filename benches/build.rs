//! Whole builds, from files to PDF bytes: the example issue, and a leaflet of
//! generated text long enough for about 100 pages.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};

/// The allocator the binary uses (`src/main.rs`), so that the benchmarks
/// measure what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Deterministic prose-like text: `words` words in paragraphs of 40–120.
fn prose(words: usize) -> String {
    const VOCAB: [&str; 24] = [
        "workers",
        "the",
        "strike",
        "organized",
        "committee",
        "and",
        "of",
        "warehouse",
        "international",
        "solidarity",
        "to",
        "a",
        "meeting",
        "neighbourhood",
        "against",
        "conditions",
        "together",
        "collective",
        "responsibility",
        "in",
        "management",
        "for",
        "extraordinary",
        "demands",
    ];
    let mut seed = 0x2545_f491_u32;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as usize
    };
    let mut out = String::new();
    let mut in_para = 0;
    let mut para_len = 60;
    for i in 0..words {
        let w = VOCAB[next() % VOCAB.len()];
        if in_para == 0 {
            let mut c = w.chars();
            out.extend(c.next().map(|f| f.to_ascii_uppercase()));
            out.push_str(c.as_str());
        } else {
            out.push_str(w);
        }
        in_para += 1;
        if in_para >= para_len || i + 1 == words {
            out.push_str(".\n\n");
            in_para = 0;
            para_len = 40 + next() % 80;
        } else {
            out.push(if next() % 11 == 0 { ',' } else { ' ' });
            if out.ends_with(',') {
                out.push(' ');
            }
        }
    }
    out
}

fn request(layout: &Path, input: PathBuf) -> mimeo::BuildRequest {
    mimeo::BuildRequest::new(layout, vec![input])
}

fn benches(c: &mut Criterion) {
    let example = request(&root().join("layouts/tabloid.toml"), root().join("content"));
    c.bench_function("example issue (tabloid, 12 articles)", |b| {
        b.iter(|| mimeo::build(&example).expect("builds"))
    });

    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("long.md");
    std::fs::write(
        &article,
        format!(
            "+++\nheadline = \"A long leaflet\"\n+++\n{}",
            prose(100_000)
        ),
    )
    .expect("write");
    let long = request(&root().join("layouts/leaflet-a4.toml"), article);
    let pages = mimeo::build(&long).expect("builds").report.pages;
    let mut group = c.benchmark_group("long leaflet");
    group.sample_size(10);
    group.bench_function(format!("100k words, {pages} A4 pages"), |b| {
        b.iter(|| mimeo::build(&long).expect("builds"))
    });
    group.finish();
}

/// Breaking (and setting) 5,000 words in the measuring column, shaping done beforehand.
fn breaking(c: &mut Criterion) {
    use mimeo::assets::fonts::FontBook;
    let spec = mimeo::spec::load(&root().join("layouts/measure.toml")).expect("spec");
    let book = FontBook::load(&spec.families, &Default::default()).expect("fonts");
    let mut shaper = mimeo::shape::Shaper::new(&book).expect("shaper");
    let article = mimeo::article::parse(Path::new("bench.md"), &prose(5_000)).expect("article");
    let doc = mimeo::model::build(&spec, &[article]).expect("model");
    let mut warnings = mimeo::diag::Warnings::default();
    let paras: Vec<_> = doc.stories[0]
        .body
        .iter()
        .map(|p| (p, shaper.shape(p, "bench", &mut warnings)))
        .collect();
    let width = spec.column_width();
    c.bench_function("break and set 5,000 words (134.4pt column)", |b| {
        b.iter(|| {
            let mut hyph = mimeo::hyphenate::Hyphenator::default();
            paras
                .iter()
                .map(|(p, shaped)| {
                    mimeo::linebreak::set(p, shaped, width, &shaper, &mut hyph)
                        .lines
                        .len()
                })
                .sum::<usize>()
        })
    });
}

/// Whole builds of the measuring column, 4,400 and 44,000 words.
fn long_column(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("measuring column");
    group.sample_size(10);
    for words in [4_400, 44_000] {
        let article = dir.path().join(format!("col{words}.md"));
        std::fs::write(&article, prose(words)).expect("write");
        let req = request(&root().join("layouts/measure.toml"), article);
        group.bench_function(format!("{words} words"), |b| {
            b.iter(|| mimeo::build(&req).expect("builds"))
        });
    }
    group.finish();
}

/// One paragraph of 2,000 and of 20,000 words: breaking must stay linear.
fn long_paragraph(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("one paragraph");
    group.sample_size(10);
    for words in [2_000, 20_000] {
        let article = dir.path().join(format!("para{words}.md"));
        let text = prose(words).replace("\n\n", " ");
        std::fs::write(&article, text).expect("write");
        let req = request(&root().join("layouts/measure.toml"), article);
        group.bench_function(format!("{words} words"), |b| {
            b.iter(|| mimeo::build(&req).expect("builds"))
        });
    }
    group.finish();
}

criterion_group!(build, benches, breaking, long_column, long_paragraph);
criterion_main!(build);
