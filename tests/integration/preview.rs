//! The PNG preview against Ghostscript's rendering of the PDF, page by page
//! of the example issue at 72 dpi: at least 99 % of pixels agree.
//!
//! Two references, both Ghostscript's: its rendering at 288 dpi reduced to
//! 72 (each pixel the mean of 4 × 4), where a pixel agrees if no channel
//! differs by more than 64 of 255; and its rendering at 72 dpi itself,
//! where Ghostscript moves each glyph to whole pixels (its glyph cache), so
//! a pixel agrees if one within a pixel of it does. Skipped, with a word,
//! where Ghostscript is not installed (`.ci/run` installs it).

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{mimeo, scratch, stderr};

/// An RGB image.
struct Rgb {
    width: usize,
    height: usize,
    pixels: Vec<[u8; 3]>,
}

impl Rgb {
    fn at(&self, x: usize, y: usize) -> [u8; 3] {
        self.pixels[y * self.width + x]
    }

    /// Each pixel the mean of `n` × `n`.
    fn reduce(&self, n: usize) -> Rgb {
        let (w, h) = (self.width / n, self.height / n);
        let mut pixels = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                let mut sum = [0u32; 3];
                for dy in 0..n {
                    for dx in 0..n {
                        let p = self.at(x * n + dx, y * n + dy);
                        for c in 0..3 {
                            sum[c] += u32::from(p[c]);
                        }
                    }
                }
                let area = (n * n) as u32;
                pixels.push(sum.map(|s| ((s + area / 2) / area) as u8));
            }
        }
        Rgb {
            width: w,
            height: h,
            pixels,
        }
    }
}

fn read_png(path: &Path) -> Rgb {
    let (width, height, pixels) = common::png_rgb(&std::fs::read(path).expect("preview PNG"));
    Rgb {
        width: width as usize,
        height: height as usize,
        pixels,
    }
}

/// Ghostscript's rendering of every page (its trim) at `dpi`.
fn ghostscript(pdf: &Path, dpi: u32, dir: &Path) -> Option<Vec<Rgb>> {
    let pattern = dir.join(format!("gs{dpi}-%d.ppm"));
    let ok = Command::new("gs")
        .args([
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=ppmraw",
            "-dTextAlphaBits=4",
            "-dGraphicsAlphaBits=4",
            "-dUseTrimBox",
            &format!("-r{dpi}"),
        ])
        .arg(format!("-sOutputFile={}", pattern.display()))
        .arg(pdf)
        .status()
        .ok()?
        .success();
    assert!(ok, "Ghostscript renders the PDF");
    let mut pages = Vec::new();
    for n in 1.. {
        let Ok(bytes) = std::fs::read(dir.join(format!("gs{dpi}-{n}.ppm"))) else {
            break;
        };
        pages.push(read_ppm(&bytes));
    }
    Some(pages)
}

/// A binary PPM (P6, 8 bits).
fn read_ppm(bytes: &[u8]) -> Rgb {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i] == b'#' {
            while bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let width: usize = fields[1].parse().expect("width");
    let height: usize = fields[2].parse().expect("height");
    let pixels = bytes[i + 1..]
        .chunks_exact(3)
        .take(width * height)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    Rgb {
        width,
        height,
        pixels,
    }
}

fn close(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

/// The share of `ours`' pixels that agree with `theirs`: the same pixel,
/// or (with `near`) one within a pixel of it.
fn agreement(ours: &Rgb, theirs: &Rgb, near: bool) -> f64 {
    let (w, h) = (ours.width.min(theirs.width), ours.height.min(theirs.height));
    let mut agree = 0usize;
    for y in 0..h {
        for x in 0..w {
            let p = ours.at(x, y);
            let ok = if near {
                (y.saturating_sub(1)..=(y + 1).min(h - 1)).any(|yy| {
                    (x.saturating_sub(1)..=(x + 1).min(w - 1))
                        .any(|xx| close(p, theirs.at(xx, yy), TOLERANCE))
                })
            } else {
                close(p, theirs.at(x, y), TOLERANCE)
            };
            agree += usize::from(ok);
        }
    }
    agree as f64 / (ours.width * ours.height) as f64
}

/// A quarter of the range: the difference anti-aliasing makes at an edge.
const TOLERANCE: u8 = 64;

#[test]
fn the_preview_agrees_with_ghostscript_on_every_example_page() {
    if Command::new("gs").arg("--version").output().is_err() {
        eprintln!("skipped: Ghostscript (gs) is not installed");
        return;
    }
    let dir = scratch();
    let out = mimeo(dir.path(), &["build", "--png", "preview"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("out/example.pdf");
    let fine = ghostscript(&pdf, 288, dir.path()).expect("gs");
    let direct = ghostscript(&pdf, 72, dir.path()).expect("gs");
    assert!(!fine.is_empty());
    assert_eq!(fine.len(), direct.len());
    for (i, (fine, direct)) in fine.iter().zip(&direct).enumerate() {
        let ours = read_png(&dir.path().join(format!("preview/example-{}.png", i + 1)));
        assert_eq!(
            (ours.width, ours.height),
            (direct.width, direct.height),
            "page {}: the trim at 72 dpi",
            i + 1
        );
        let reduced = fine.reduce(4);
        let a = agreement(&ours, &reduced, false);
        let b = agreement(&ours, direct, true);
        eprintln!(
            "page {}: {:.2} % of pixels agree with gs at 288 dpi reduced, {:.2} % with gs at 72 dpi within a pixel",
            i + 1,
            a * 100.0,
            b * 100.0
        );
        assert!(a >= 0.99, "page {}: {:.2} %", i + 1, a * 100.0);
        assert!(b >= 0.99, "page {}: {:.2} %", i + 1, b * 100.0);
    }
}
