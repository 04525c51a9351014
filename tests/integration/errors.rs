//! Bad input: every case exits 1 with a message naming the file (and line),
//! never panics, and leaves an existing good PDF exactly as it was.

use crate::common;

use common::{mimeo, scratch, stderr};

const GOOD_PDF: &[u8] = b"%PDF-1.7 a good PDF from an earlier build";

/// Writes `files`, runs `mimeo build --layout LAYOUT -o out.pdf INPUT`, and
/// checks the failure; `expect` are strings the message must contain.
fn fails(files: &[(&str, &[u8])], layout: &str, input: &str, expect: &[&str]) {
    let dir = scratch();
    for (name, body) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    std::fs::write(dir.path().join("out.pdf"), GOOD_PDF).unwrap();
    let out = mimeo(
        dir.path(),
        &["build", "--layout", layout, "-o", "out.pdf", input],
    );
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit 1, got {:?}: {err}",
        out.status
    );
    assert!(!err.contains("panicked"), "panic: {err}");
    for e in expect {
        assert!(err.contains(e), "message lacks {e:?}:\n{err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("out.pdf")).unwrap(),
        GOOD_PDF,
        "the old PDF was touched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

const A4: &str = "layouts/leaflet-a4.toml";
const ARTICLE: &[u8] = b"+++\nheadline = \"Fine\"\n+++\nA fine body.\n";

#[test]
fn broken_toml_in_the_spec() {
    fails(
        &[("bad.toml", b"[paper]\nsize = \"A4\n"), ("a.md", ARTICLE)],
        "bad.toml",
        "a.md",
        &["bad.toml:2:"],
    );
}

#[test]
fn unknown_key_in_the_spec_lists_valid_keys() {
    fails(
        &[
            ("bad.toml", b"[columns]\ncount = 2\ngap = \"4mm\"\n"),
            ("a.md", ARTICLE),
        ],
        "bad.toml",
        "a.md",
        &["bad.toml:3:", "gutter"],
    );
}

#[test]
fn wrong_type_in_the_spec() {
    fails(
        &[
            ("bad.toml", b"[columns]\ncount = \"two\"\n"),
            ("a.md", ARTICLE),
        ],
        "bad.toml",
        "a.md",
        &["bad.toml:2:"],
    );
}

#[test]
fn bad_unit_in_the_spec() {
    fails(
        &[
            ("bad.toml", b"[margins]\n\ntop = \"2 furlongs\"\n"),
            ("a.md", ARTICLE),
        ],
        "bad.toml",
        "a.md",
        &["bad.toml:3:", "mm"],
    );
}

#[test]
fn margins_larger_than_the_page() {
    fails(
        &[
            (
                "bad.toml",
                b"[paper]\nsize = \"A5\"\n[margins]\ninside = \"80mm\"\noutside = \"80mm\"\n",
            ),
            ("a.md", ARTICLE),
        ],
        "bad.toml",
        "a.md",
        &["bad.toml:3:", "margins"],
    );
}

#[test]
fn broken_toml_in_front_matter() {
    fails(
        &[(
            "a.md",
            b"+++\nheadline = \"Fine\"\ndeck = unquoted words\n+++\nBody.\n",
        )],
        A4,
        "a.md",
        &["a.md:3:"],
    );
}

#[test]
fn unknown_front_matter_key() {
    fails(
        &[(
            "a.md",
            b"+++\nheadline = \"Fine\"\nauthor = \"Me\"\n+++\nBody.\n",
        )],
        A4,
        "a.md",
        &["a.md:3:", "byline"],
    );
}

#[test]
fn missing_article() {
    fails(&[], A4, "nowhere.md", &["nowhere.md", "no such file"]);
}

#[test]
fn missing_layout() {
    fails(
        &[("a.md", ARTICLE)],
        "nowhere.toml",
        "a.md",
        &["nowhere.toml", "no such file"],
    );
}

#[test]
fn article_not_utf8() {
    fails(
        &[("a.md", b"Caf\xe9 au lait.\n")],
        A4,
        "a.md",
        &["a.md:1:4", "UTF-8"],
    );
}

#[test]
fn font_file_that_is_not_a_font() {
    let spec = b"[fonts.Mine]\nregular = \"mine.ttf\"\n[styles.body]\nfont = \"Mine\"\n";
    fails(
        &[
            ("bad.toml", spec),
            ("mine.ttf", b"not a font at all"),
            ("a.md", ARTICLE),
        ],
        "bad.toml",
        "a.md",
        &["bad.toml:2:", "mine.ttf"],
    );
}

#[test]
fn missing_font_file() {
    let spec = b"[fonts.Mine]\nregular = \"gone.ttf\"\n";
    fails(
        &[("bad.toml", spec), ("a.md", ARTICLE)],
        "bad.toml",
        "a.md",
        &["bad.toml:2:", "gone.ttf"],
    );
}

#[test]
fn image_that_is_not_an_image() {
    fails(
        &[
            ("photo.jpg", b"GIF89a not really"),
            (
                "a.md",
                b"+++\nheadline = \"H\"\nimage = \"photo.jpg\"\n+++\nBody.\n",
            ),
        ],
        A4,
        "a.md",
        &["a.md:3:", "JPEG or PNG"],
    );
}

#[test]
fn missing_image() {
    fails(
        &[("a.md", b"+++\n\nimage = \"gone.png\"\n+++\nBody.\n")],
        A4,
        "a.md",
        &["a.md:3:", "gone.png"],
    );
}

#[test]
fn empty_article() {
    fails(
        &[("a.md", b"+++\nheadline = \"Only a headline\"\n+++\n\n")],
        A4,
        "a.md",
        &["a.md", "no body text"],
    );
}

#[test]
fn body_element_mimeo_cannot_print() {
    fails(
        &[("a.md", b"Fine.\n\n```\ncode\n```\n")],
        A4,
        "a.md",
        &["a.md:3:", "code block"],
    );
}

#[test]
fn empty_folder() {
    let dir = scratch();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = mimeo(
        dir.path(),
        &["build", "--layout", A4, "-o", "out.pdf", "empty"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty"));
}

#[test]
fn bad_command_line_exits_1_and_help_exits_0() {
    let dir = scratch();
    assert_eq!(
        mimeo(dir.path(), &["build", "--no-such-flag"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        mimeo(dir.path(), &["build", "--help"]).status.code(),
        Some(0)
    );
    assert_eq!(mimeo(dir.path(), &["--version"]).status.code(), Some(0));
}

#[test]
fn yaml_front_matter() {
    fails(
        &[("a.md", b"---\ntitle: Hugo style\n---\nBody.\n")],
        A4,
        "a.md",
        &["a.md:1:1", "+++"],
    );
}
