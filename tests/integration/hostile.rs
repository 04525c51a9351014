//! Hostile and careless input: outputs that name inputs, paths that wander
//! off, damaged photos, absurd numbers, text that would land off the page.
//! Each case fails with a message naming the file (and line), never touches
//! an input, and never leaves a temporary file; or, where it builds, the PDF
//! is valid and every word is on the page or reported as overset.

use crate::common;

use std::path::Path;

use common::{mimeo, scratch, stderr};

const A4: &str = "layouts/leaflet-a4.toml";

/// Writes `files` into `dir`.
fn write(dir: &Path, files: &[(&str, &[u8])]) {
    for (name, body) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
}

/// Every file under `dir` with its bytes, to show nothing changed.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let kind = std::fs::symlink_metadata(&p).unwrap().file_type();
            if kind.is_dir() {
                stack.push(p);
            } else if kind.is_file() {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Runs `mimeo ARGS` in `dir`, expects exit 1 with each of `expect` in the
/// message, and that no file in `dir` changed.
fn refused(dir: &Path, args: &[&str], expect: &[&str]) -> String {
    let before = snapshot(dir);
    let out = mimeo(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    for e in expect {
        assert!(err.contains(e), "message lacks {e:?}:\n{err}");
    }
    assert!(before == snapshot(dir), "a file changed or appeared: {err}");
    err
}

#[test]
fn the_pdf_is_never_written_over_an_input() {
    let dir = scratch();
    let d = dir.path();
    refused(
        d,
        &["build", "-l", A4, "-o", "content/02-tenants.md", "content"],
        &["content/02-tenants.md", "input"],
    );
    refused(
        d,
        &["build", "-l", A4, "-o", A4, "content"],
        &["leaflet-a4.toml", "input"],
    );
    refused(
        d,
        &[
            "build",
            "-l",
            A4,
            "-o",
            "content/picket-line.jpg",
            "content",
        ],
        &["picket-line.jpg"],
    );
    // By another name: a hard link to an article.
    std::fs::hard_link(d.join("content/02-tenants.md"), d.join("link.pdf")).unwrap();
    refused(
        d,
        &["build", "-l", A4, "-o", "link.pdf", "content"],
        &["link.pdf", "input"],
    );
}

#[test]
fn the_report_is_never_written_over_an_input_or_the_pdf() {
    let dir = scratch();
    let d = dir.path();
    refused(
        d,
        &["build", "-l", A4, "-o", "x.pdf", "--report", A4, "content"],
        &["--report", "input"],
    );
    refused(
        d,
        &[
            "build", "-l", A4, "-o", "x.pdf", "--report", "x.pdf", "content",
        ],
        &["--report", "same file"],
    );
}

#[test]
fn a_file_that_is_not_a_pdf_is_replaced_only_with_force() {
    let dir = scratch();
    let d = dir.path();
    write(d, &[("notes.txt", b"my notes")]);
    refused(
        d,
        &["build", "-l", A4, "-o", "notes.txt", "content"],
        &["notes.txt", "not a PDF", "--force"],
    );
    let out = mimeo(
        d,
        &["build", "-l", A4, "-o", "notes.txt", "--force", "content"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(d.join("notes.txt"))
        .unwrap()
        .starts_with(b"%PDF-"));
}

#[test]
fn no_report_when_the_build_fails() {
    let dir = scratch();
    let d = dir.path();
    // A build with warnings under --strict fails: neither file is written.
    write(
        d,
        &[(
            "short.toml",
            b"[document]\nmax_pages = 1\n[paper]\nsize = \"A6\"\n",
        )],
    );
    refused(
        d,
        &[
            "build",
            "-l",
            "short.toml",
            "-o",
            "out.pdf",
            "--report",
            "out.json",
            "--strict",
            "content",
        ],
        &["--strict"],
    );
}

#[test]
fn photos_outside_the_articles_folder_need_permission() {
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        &[(
            "story/a.md",
            b"+++\nimage = \"../content/picket-line.jpg\"\n+++\nText of the story.\n",
        )],
    );
    refused(
        d,
        &["build", "-l", A4, "-o", "out.pdf", "story/a.md"],
        &["story/a.md:2:", "outside", "allow_paths"],
    );
    let out = mimeo(
        d,
        &[
            "build",
            "-l",
            A4,
            "-o",
            "out.pdf",
            "--allow-path",
            "content",
            "story/a.md",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The same permission from the spec, relative to the spec's folder.
    let spec = std::fs::read_to_string(d.join(A4)).unwrap();
    let spec = spec.replacen(
        "[document]",
        "[document]\nallow_paths = [\"../content\"]",
        1,
    );
    write(d, &[("layouts/allowed.toml", spec.as_bytes())]);
    let out = mimeo(
        d,
        &[
            "build",
            "-l",
            "layouts/allowed.toml",
            "-o",
            "out2.pdf",
            "story/a.md",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_not_read() {
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        &[(
            "a.md",
            b"+++\nimage = \"zero.jpg\"\n+++\nText of the story.\n",
        )],
    );
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.jpg")).unwrap();
    // The link leads out of the folder; allowed, it is still no file.
    refused(
        d,
        &["build", "-l", A4, "-o", "out.pdf", "a.md"],
        &["a.md:2:", "outside"],
    );
    refused(
        d,
        &[
            "build",
            "-l",
            A4,
            "-o",
            "out.pdf",
            "--allow-path",
            "/dev",
            "a.md",
        ],
        &["a.md:2:", "not a regular file"],
    );
    // A FIFO would block a reader forever.
    let fifo = d.join("fifo.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        refused(
            d,
            &["build", "-l", A4, "-o", "out.pdf", "fifo.md"],
            &["fifo.md", "not a regular file"],
        );
    }
}

#[test]
fn a_truncated_jpeg_is_refused() {
    let dir = scratch();
    let d = dir.path();
    let jpeg = std::fs::read(d.join("content/picket-line.jpg")).unwrap();
    write(
        d,
        &[
            ("t/cut.jpg", &jpeg[..700]),
            ("t/half.jpg", &jpeg[..jpeg.len() / 2]),
            ("t/a.md", b"+++\nimage = \"cut.jpg\"\n+++\nText.\n"),
            ("t/b.md", b"+++\nimage = \"half.jpg\"\n+++\nText.\n"),
        ],
    );
    for a in ["t/a.md", "t/b.md"] {
        refused(
            d,
            &["build", "-l", A4, "-o", "out.pdf", a],
            &[&format!("{a}:2:"), "JPEG"],
        );
    }
}

#[test]
fn a_decompression_bomb_is_refused_before_decoding() {
    // A PNG that says it is 40000 × 40000 (1.6 gigapixels): its header is
    // all a reader needs to refuse it, so the pixels can stay out of the test.
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        c.extend_from_slice(&crc.sum().to_be_bytes());
        c
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&40_000u32.to_be_bytes());
    ihdr.extend_from_slice(&40_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        &[
            ("bomb.png", &png),
            ("a.md", b"+++\nimage = \"bomb.png\"\n+++\nText.\n"),
        ],
    );
    refused(
        d,
        &["build", "-l", A4, "-o", "out.pdf", "a.md"],
        &["a.md:2:", "40000 × 40000", "megapixels"],
    );
}

#[test]
fn two_articles_with_one_name_are_an_error() {
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        &[
            ("one/story.md", b"Text one.\n"),
            ("two/story.md", b"Text two.\n"),
        ],
    );
    refused(
        d,
        &["build", "-l", A4, "-o", "out.pdf", "one", "two"],
        &["story", "one/story.md", "two/story.md"],
    );
}

#[test]
fn an_article_over_the_size_cap_is_refused_with_the_way_to_raise_it() {
    let dir = scratch();
    let d = dir.path();
    let para = "Words of a story that goes on and on. ".repeat(30) + "\n\n";
    write(d, &[("big.md", para.repeat(400).as_bytes())]);
    refused(
        d,
        &[
            "build",
            "-l",
            A4,
            "-o",
            "out.pdf",
            "--max-article-size",
            "100KB",
            "big.md",
        ],
        &["big.md", "100 KB", "article-size"],
    );
}

#[test]
fn absurd_numbers_in_the_spec_are_errors_at_their_line() {
    let cases: &[(&str, &str)] = &[
        (
            "[styles.body]\nglyph_scaling = [nan, 100, nan]\n",
            "s.toml:2:",
        ),
        (
            "[styles.body]\nword_spacing = [80, 100, inf]\n",
            "s.toml:2:",
        ),
        (
            "[styles.body]\nemergency_letter_spacing = nan\n",
            "s.toml:2:",
        ),
        ("[paper]\nwidth = \"1e37in\"\n", "200in"),
        ("[paper]\nheight = \"infmm\"\n", "s.toml:2:"),
        ("[styles.body]\nsize = \"0pt\"\n", "s.toml:2:"),
        ("[styles.headline]\nsize = \"1000pt\"\n", "s.toml:2:"),
        ("[styles.body]\nleading = \"0pt\"\n", "s.toml:2:"),
        ("[columns]\nbaseline = \"0pt\"\n", "s.toml:2:"),
        ("[styles.quote]\nindent = \"1e6pt\"\n", "s.toml:2:"),
        (
            "[[pages]]\n[[pages.place]]\narticle = \"a\"\nheight = \"nan lines\"\n",
            "s.toml:4:",
        ),
    ];
    let dir = scratch();
    let d = dir.path();
    write(d, &[("a.md", b"Text of the story.\n")]);
    for (spec, expect) in cases {
        write(d, &[("s.toml", spec.as_bytes())]);
        let err = refused(d, &["build", "-l", "s.toml", "-o", "out.pdf", "a.md"], &[]);
        assert!(
            err.contains(expect),
            "{spec:?}: message lacks {expect:?}:\n{err}"
        );
    }
}

#[test]
fn markdown_we_cannot_print_is_refused_at_its_line() {
    let cases: &[(&str, &str)] = &[
        ("Fine.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "a.md:3:"),
        ("Fine.\n\nA claim.[^1]\n\n[^1]: The source.\n", "a.md:3:"),
        ("Fine.\n\nSome ~~struck~~ words.\n", "a.md:3:"),
        ("Fine.\n\n- [x] done\n", "a.md:3:"),
    ];
    let dir = scratch();
    let d = dir.path();
    for (md, expect) in cases {
        write(d, &[("a.md", md.as_bytes())]);
        let err = refused(d, &["build", "-l", A4, "-o", "out.pdf", "a.md"], &[]);
        assert!(
            err.contains(expect),
            "{md:?}: message lacks {expect:?}:\n{err}"
        );
    }
    let deep = format!("Fine.\n\n{}Too deep.\n", "> ".repeat(1000));
    write(d, &[("a.md", deep.as_bytes())]);
    refused(
        d,
        &["build", "-l", A4, "-o", "out.pdf", "a.md"],
        &["a.md:3:", "nested"],
    );
}

/// Every line of text in the PDF at `path` lies on its page (MediaBox), and
/// inside the text area given by `margin` (points) on every side but the
/// foot, where the folio sits.
fn assert_on_page(path: &Path, margin: f32) {
    if let Err(e) = common::pdfcheck::check(&std::fs::read(path).unwrap()) {
        panic!("{}: {e}", path.display());
    }
    let pdf = common::Pdf::open(path);
    let pages = pdf.page_ids();
    let media = pdf.page_box(pages[0], b"MediaBox").expect("MediaBox");
    for l in pdf.lines() {
        assert!(
            l.x >= media[0] + margin - 6.0
                && l.end <= media[2] - margin + 6.0
                && l.y >= media[1]
                && l.y + l.size * 0.8 <= media[3] - margin + 6.0,
            "off the page or its text area: {l:?} on {media:?}"
        );
    }
}

/// The report's figures for the one article of a build.
fn words(report: &Path) -> (u64, u64, Vec<String>) {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(report).unwrap()).unwrap();
    let a = &json["articles"][0];
    let warnings = a["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect();
    (
        a["words_placed"].as_u64().unwrap(),
        a["words_overset"].as_u64().unwrap(),
        warnings,
    )
}

#[test]
fn text_that_would_land_off_the_page_is_left_out_and_reported() {
    let dir = scratch();
    let d = dir.path();
    let body = "Body text of the story goes on here. ".repeat(40) + "\n\n";
    let quote = "word ".repeat(3000);
    let cases: Vec<(String, &str, &str, bool)> = vec![
        // A pull quote far longer than a page.
        (
            format!(
                "+++\npullquote = \"{}\"\n+++\n{}",
                quote.trim(),
                body.repeat(4)
            ),
            "",
            "pull quote",
            false,
        ),
        // A quote indented past the column, nested: its words are overset.
        (
            format!("Start.\n\n> > > {}", "Deep quoted words. ".repeat(20)),
            "[styles.quote]\nindent = \"200pt\"\n",
            "outside the text area",
            true,
        ),
        // A headline at the largest size, wider than the page.
        (
            "+++\nheadline = \"Extraordinarily Unbreakable\"\n+++\nBody.\n".to_string(),
            "[styles.headline]\nsize = \"400pt\"\n",
            "head",
            false,
        ),
    ];
    for (k, (md, spec, expect, overset)) in cases.iter().enumerate() {
        write(
            d,
            &[
                ("a.md", md.as_bytes()),
                ("s.toml", format!("[margins]\ntop = \"36pt\"\nbottom = \"36pt\"\ninside = \"36pt\"\noutside = \"36pt\"\n{spec}").as_bytes()),
            ],
        );
        let (pdf, json) = (format!("out{k}.pdf"), format!("out{k}.json"));
        let out = mimeo(
            d,
            &[
                "build", "-l", "s.toml", "-o", &pdf, "--report", &json, "a.md",
            ],
        );
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains(expect),
            "case {k}: warning lacks {expect:?}: {err}"
        );
        assert_on_page(&d.join(&pdf), 36.0);
        let (placed, over, warnings) = words(&d.join(&json));
        assert!(warnings.iter().any(|w| w.contains(expect)), "{warnings:?}");
        assert_eq!(
            over > 0,
            *overset,
            "case {k}: placed {placed}, overset {over}"
        );
        // --strict refuses it.
        refused(
            d,
            &[
                "build",
                "-l",
                "s.toml",
                "-o",
                "strict.pdf",
                "--strict",
                "a.md",
            ],
            &["--strict"],
        );
    }
}

#[test]
fn the_pdf_checker_catches_what_it_should() {
    // A page with a rule running off it, and one with a number that is not.
    let page = |content: &[u8]| {
        let mut pdf = pdf_writer::Pdf::new();
        let (cat, tree, page, body) = (
            pdf_writer::Ref::new(1),
            pdf_writer::Ref::new(2),
            pdf_writer::Ref::new(3),
            pdf_writer::Ref::new(4),
        );
        pdf.catalog(cat).pages(tree);
        pdf.pages(tree).kids([page]).count(1);
        pdf.page(page)
            .parent(tree)
            .media_box(pdf_writer::Rect::new(0.0, 0.0, 100.0, 100.0))
            .contents(body);
        pdf.stream(body, content);
        pdf.finish()
    };
    assert!(common::pdfcheck::check(&page(b"10 10 m 90 90 l S")).is_ok());
    assert!(common::pdfcheck::check(&page(b"10 10 m 9000 90 l S")).is_err());
    assert!(common::pdfcheck::check(&page(b"BT 1 0 0 1 10 -500 Tm ET")).is_err());
    assert!(common::pdfcheck::check(b"%PDF-1.7 not really").is_err());
}

#[test]
fn inputs_of_the_wrong_kind_are_named() {
    let dir = scratch();
    let d = dir.path();
    refused(
        d,
        &["build", "-l", A4, "-o", "out.pdf", A4],
        &["leaflet-a4.toml", "not an article"],
    );
    refused(
        d,
        &["build", "-l", "layouts", "-o", "out.pdf", "content"],
        &["layouts", "folder"],
    );
}
