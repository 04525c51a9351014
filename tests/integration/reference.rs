//! Reference images: small PNG previews of test documents, kept in
//! `tests/ref/`, so a change to the layout is seen, not only counted. A page
//! matches its reference when 99.5 % of its pixels are within 32 of 255 on
//! every channel. On a mismatch the new page is written to
//! `target/ref-new/` to look at; to take the new pages as the references:
//!
//!     MIMEO_ACCEPT=1 cargo test --test integration reference::

use crate::common;

use std::path::{Path, PathBuf};

use common::{mimeo, stderr};

const TOLERANCE: u8 = 32;
const AGREE: f64 = 0.995;

fn pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let (w, h, rgb) = common::png_rgb(png_bytes);
    (w, h, rgb.into_iter().flatten().collect())
}

/// Compares each page in `made` with `tests/ref/NAME-N.png`.
fn check(name: &str, made: &[PathBuf]) {
    let root = common::root();
    let accept = std::env::var_os("MIMEO_ACCEPT").is_some();
    let mut failed = Vec::new();
    for (i, page) in made.iter().enumerate() {
        let file = format!("{name}-{}.png", i + 1);
        let reference = root.join("tests/ref").join(&file);
        let new = std::fs::read(page).expect("preview page");
        if accept {
            std::fs::create_dir_all(reference.parent().expect("folder")).expect("mkdir");
            std::fs::write(&reference, &new).expect("write reference");
            continue;
        }
        let Ok(old) = std::fs::read(&reference) else {
            failed.push(format!("{file}: no reference (run with MIMEO_ACCEPT=1)"));
            continue;
        };
        let (ow, oh, a) = pixels(&old);
        let (nw, nh, b) = pixels(&new);
        let share = if (ow, oh) == (nw, nh) {
            let agree = a
                .chunks_exact(3)
                .zip(b.chunks_exact(3))
                .filter(|(p, q)| p.iter().zip(*q).all(|(x, y)| x.abs_diff(*y) <= TOLERANCE))
                .count();
            agree as f64 / (ow * oh) as f64
        } else {
            0.0
        };
        if share < AGREE {
            let out = root.join("target/ref-new");
            std::fs::create_dir_all(&out).expect("mkdir");
            std::fs::write(out.join(&file), &new).expect("write");
            failed.push(format!(
                "{file}: {:.2} % of pixels as in the reference ({ow}×{oh} then, {nw}×{nh} now); the new page is target/ref-new/{file}",
                share * 100.0
            ));
        }
    }
    if accept {
        eprintln!("accepted {} page(s) of {name}", made.len());
    }
    assert!(
        failed.is_empty(),
        "{} (if the change is meant, MIMEO_ACCEPT=1 cargo test --test integration reference::)",
        failed.join("\n")
    );
}

/// Builds `template` from `mimeo new` with a preview at `dpi`; its pages.
fn template_pages(template: &str, dpi: &str) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = mimeo(dir.path(), &["new", template, "t"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let folder = dir.path().join("t");
    let out = mimeo(
        &folder,
        &["build", "-o", "t.pdf", "--png", "png", "--dpi", dpi],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = pages_in(&folder.join("png"), "t");
    (dir, pages)
}

fn pages_in(dir: &Path, stem: &str) -> Vec<PathBuf> {
    (1..)
        .map(|n| dir.join(format!("{stem}-{n}.png")))
        .take_while(|p| p.is_file())
        .collect()
}

#[test]
fn the_leaflet_looks_as_it_did() {
    let (_dir, pages) = template_pages("leaflet", "30");
    assert_eq!(pages.len(), 2);
    check("leaflet", &pages);
}

#[test]
fn the_booklet_looks_as_it_did() {
    let (_dir, pages) = template_pages("booklet", "30");
    check("booklet", &pages);
}

#[test]
fn the_example_issue_looks_as_it_did() {
    let dir = common::scratch();
    let out = mimeo(dir.path(), &["build", "--png", "png", "--dpi", "20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = pages_in(&dir.path().join("png"), "example");
    assert_eq!(pages.len(), 4);
    check("example", &pages);
}
