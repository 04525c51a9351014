//! Property tests: arbitrary text fed to the readers (front matter, layout
//! spec, Markdown) and through the whole pipeline never panics, and every
//! build that succeeds writes a PDF that reads back with finite numbers and
//! everything on its pages.

use crate::common;

use std::path::Path;

use proptest::prelude::*;

/// Strings that look a little like our inputs, so the fuzzing reaches deep.
fn markdownish() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("+++\n".to_string()),
        Just("headline = \"H\"\n".to_string()),
        Just("lang = \"es\"\n".to_string()),
        Just("## ".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("*".to_string()),
        Just("**".to_string()),
        Just("\n\n".to_string()),
        Just("  \n".to_string()),
        Just("[a](b)".to_string()),
        Just("\u{00AD}\u{200B}\u{FB01}".to_string()),
        Just("> > > > > > > > > ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("~~x~~ [^1] ".to_string()),
        Just("pullquote = \"Long long long long long long long long\"\n".to_string()),
        Just("\u{05D0}\u{0627}".to_string()),
        Just("extraordinarily communication ".to_string()),
        "[\\PC]{0,20}",
        "[a-zA-Z ]{0,40}",
    ];
    prop::collection::vec(atoms, 0..30).prop_map(|v| v.concat())
}

fn tomlish() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("[paper]\n".to_string()),
        Just("size = \"A5\"\n".to_string()),
        Just("[margins]\n".to_string()),
        Just("top = \"900mm\"\n".to_string()),
        Just("[columns]\n".to_string()),
        Just("count = 0\n".to_string()),
        Just("count = 99999999999\n".to_string()),
        Just("gutter = \"-1pt\"\n".to_string()),
        Just("baseline = \"0pt\"\n".to_string()),
        Just("[styles.body]\n".to_string()),
        Just("size = \"0pt\"\n".to_string()),
        Just("size = \"400pt\"\n".to_string()),
        Just("[styles.headline]\nsize = \"300pt\"\n".to_string()),
        Just("[styles.quote]\nindent = \"200pt\"\n".to_string()),
        Just("glyph_scaling = [nan, 100, nan]\n".to_string()),
        Just("width = \"1e37in\"\n".to_string()),
        Just("width = \"3in\"\n".to_string()),
        Just("height = \"200in\"\n".to_string()),
        Just("[document]\nmax_pages = 1\n".to_string()),
        "[\\PC]{0,20}",
    ];
    prop::collection::vec(atoms, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn article_reader_never_panics(text in markdownish()) {
        let _ = mimeo::article::parse(Path::new("a.md"), &text);
    }

    #[test]
    fn article_reader_never_panics_on_any_text(text in "\\PC{0,200}") {
        let _ = mimeo::article::parse(Path::new("a.md"), &text);
    }

    #[test]
    fn spec_reader_never_panics(text in tomlish()) {
        let _ = mimeo::spec::parse(Path::new("s.toml"), &text);
    }

    #[test]
    fn length_reader_never_panics(text in "\\PC{0,12}") {
        let _ = mimeo::units::parse_length(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the body, the whole build either succeeds or fails cleanly.
    #[test]
    fn whole_build_never_panics(body in markdownish(), spec in prop_oneof![Just(String::new()), Just("[document]\nmax_pages = 1\n[paper]\nsize = \"A6\"\n".to_string()), tomlish()]) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), &body).unwrap();
        std::fs::write(dir.path().join("s.toml"), &spec).unwrap();
        let req = mimeo::BuildRequest::new(dir.path().join("s.toml"), vec![dir.path().join("a.md")]);
        if let Ok(out) = mimeo::build(&req) {
            prop_assert!(out.pdf.starts_with(b"%PDF-"));
            if let Err(e) = common::pdfcheck::check(&out.pdf) {
                prop_assert!(false, "invalid PDF: {}", e);
            }
            for a in &out.report.articles {
                prop_assert_eq!(a.words_in, a.words_placed + a.words_overset);
            }
        }
    }
}
