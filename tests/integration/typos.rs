//! Ten typos an editor makes in a layout spec or an article, each an error
//! at its line with a suggestion that fixes it: applying the suggestion
//! makes the build pass.

use crate::common;

use common::{mimeo, scratch, stderr};

/// The suggestion in mimeo's message: what follows "did you mean `".
fn suggestion(said: &str) -> Option<String> {
    let at = said.find("did you mean `")? + "did you mean `".len();
    let rest = &said[at..];
    Some(rest[..rest.find('`')?].to_string())
}

#[test]
fn each_typo_gets_a_suggestion_that_fixes_it() {
    // (what is written right, the typo, the mistyped word, the file)
    let cases = [
        (
            "gutter = \"5mm\"",
            "guter = \"5mm\"",
            "guter",
            "layouts/tabloid.toml",
        ),
        (
            "article = \"bus-drivers\"",
            "article = \"bus-driver\"",
            "bus-driver",
            "layouts/tabloid.toml",
        ),
        (
            "size = \"Tabloid\"",
            "size = \"Tabliod\"",
            "Tabliod",
            "layouts/tabloid.toml",
        ),
        (
            "[styles.deck]",
            "[styles.dek]",
            "dek",
            "layouts/tabloid.toml",
        ),
        (
            "gutter = \"5mm\"",
            "gutter = \"5mn\"",
            "5mn",
            "layouts/tabloid.toml",
        ),
        (
            "lang = \"en\"",
            "lang = \"sp\"",
            "sp",
            "layouts/tabloid.toml",
        ),
        (
            "box = \"tint\"",
            "box = \"tnt\"",
            "tnt",
            "layouts/tabloid.toml",
        ),
        (
            "columns = \"0.3pt\"",
            "colums = \"0.3pt\"",
            "colums",
            "layouts/tabloid.toml",
        ),
        (
            "headline_lines = 3",
            "headline_line = 3",
            "headline_line",
            "layouts/tabloid.toml",
        ),
        (
            "headline = ",
            "hedline = ",
            "hedline",
            "content/02-tenants.md",
        ),
    ];
    for (right, typo, wrong, file) in cases {
        let dir = scratch();
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(right), "{file} has no {right}");
        std::fs::write(&path, text.replacen(right, typo, 1)).expect("write");
        let out = mimeo(dir.path(), &["build", "-o", "out.pdf"]);
        assert!(!out.status.success(), "{typo} built");
        let said = stderr(&out);
        let name = file.rsplit('/').next().unwrap_or(file);
        assert!(
            said.contains(&format!("{name}:")),
            "{typo}: no line: {said}"
        );
        let meant = suggestion(&said).unwrap_or_else(|| panic!("{typo}: no suggestion: {said}"));
        // Put the suggestion where the typo was: the build passes.
        let fixed_line = typo.replacen(wrong, &meant, 1);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, text.replacen(typo, &fixed_line, 1)).expect("write");
        let out = mimeo(dir.path(), &["build", "-o", "out.pdf"]);
        assert!(
            out.status.success(),
            "{typo} → {fixed_line}: {}",
            stderr(&out)
        );
    }
}
