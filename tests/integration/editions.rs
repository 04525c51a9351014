//! Language editions: one plan, a PDF per language, each article in the
//! edition's language where it has a version in it (`story.es.md`), with
//! the masthead and jump lines in that language; every word of each placed
//! or reported; a story missing in a language a warning naming it.

use crate::common;

use common::{mimeo, scratch, stderr, Pdf};

#[test]
fn the_example_in_english_and_spanish() {
    let dir = scratch();
    let out = mimeo(
        dir.path(),
        &["build", "--edition", "en,es", "--report", "out/r.json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    let en = Pdf::open(&dir.path().join("out/example-en.pdf"));
    let es = Pdf::open(&dir.path().join("out/example-es.pdf"));
    assert!(!dir.path().join("out/example.pdf").exists());
    let (en_text, es_text) = (en.text(), es.text());
    // The masthead and jump lines in each edition's language.
    let (en_low, es_low) = (en_text.to_lowercase(), es_text.to_lowercase());
    assert!(en_low.contains("written by workers"), "{en_text}");
    assert!(es_low.contains("escrito por trabajadores"), "{es_text}");
    assert!(es_low.contains("noviembre de 2026"));
    assert!(en_text.contains("Continued on page"));
    let squashed = common::squash(&es_text);
    assert!(
        squashed.contains("Continúaenlapágina"),
        "Spanish jump lines"
    );
    // The same plan: each article on the same pages in both.
    let report = |lang: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(dir.path().join(format!("out/r-{lang}.json")))
            .expect("a report per edition");
        serde_json::from_str(&text).expect("JSON")
    };
    let (ren, res) = (report("en"), report("es"));
    let pages = |r: &serde_json::Value| -> Vec<(String, String)> {
        r["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .map(|a| (a["id"].to_string(), a["pages"].to_string()))
            .collect()
    };
    assert_eq!(pages(&ren), pages(&res));
    // Every word placed or reported overset, in each.
    for r in [&ren, &res] {
        for a in r["articles"].as_array().expect("articles") {
            let (placed, over, words) = (
                a["words_placed"].as_u64().unwrap_or(0),
                a["words_overset"].as_u64().unwrap_or(0),
                a["words_in"].as_u64().unwrap_or(0),
            );
            assert_eq!(placed + over, words, "{a}");
            if over > 0 {
                assert!(said.contains("overset") || said.contains("over,"), "{said}");
            }
        }
    }
    // Each edition's articles are its own language's versions: a Spanish
    // version's words are in the Spanish PDF, in order.
    let content = dir.path().join("content");
    for entry in std::fs::read_dir(&content).expect("content").flatten() {
        let path = entry.path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let Some(id) = name.strip_suffix(".es.md") else {
            continue;
        };
        let words = common::article_words(&path);
        let overset = res["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .find(|a| a["id"] == id)
            .and_then(|a| a["words_overset"].as_u64())
            .unwrap_or(0) as usize;
        let placed = &words[..words.len() - overset.min(words.len())];
        if let Err(i) = common::find_in_order(&es_text, placed, common::article_slack(&path)) {
            panic!(
                "{name}: word {i} ({:?}) not where it follows",
                placed.get(i)
            );
        }
    }
}

#[test]
fn a_story_missing_in_one_language_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("content")).expect("mkdir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join("content").join(name), text).expect("write")
    };
    write(
        "a.md",
        "+++\nheadline = \"Strike\"\n+++\nThe night shift walked out.\n",
    );
    write(
        "a.es.md",
        "+++\nheadline = \"Huelga\"\n+++\nEl turno de noche salió.\n",
    );
    write(
        "b.md",
        "+++\nheadline = \"Only here\"\n+++\nA story in English only.\n",
    );
    std::fs::write(
        dir.path().join("mimeo.toml"),
        "[document]\nlang = \"en\"\n[editions]\nlangs = [\"en\", \"es\"]\n",
    )
    .expect("write");
    let out = mimeo(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("[es]")
            && said.contains("warning: article `b`")
            && said.contains("no version in `es`")
            && said.contains("b.md"),
        "{said}"
    );
    assert!(!said.contains("[en] warning"), "{said}");
    let name = dir
        .path()
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let es = Pdf::open(&dir.path().join(format!("out/{name}-es.pdf"))).text();
    let en = Pdf::open(&dir.path().join(format!("out/{name}-en.pdf"))).text();
    assert!(es.contains("Huelga") && es.contains("English only"), "{es}");
    assert!(en.contains("Strike") && !en.contains("Huelga"), "{en}");
    // A build without editions prints each article as written, once.
    std::fs::write(dir.path().join("mimeo.toml"), "[document]\nlang = \"en\"\n").expect("write");
    let out = mimeo(dir.path(), &["build", "-o", "plain.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plain = Pdf::open(&dir.path().join("plain.pdf")).text();
    assert!(
        plain.contains("Strike") && !plain.contains("Huelga"),
        "{plain}"
    );
}

#[test]
fn a_mistyped_edition_is_refused_with_the_code_meant() {
    let dir = scratch();
    let out = mimeo(dir.path(), &["build", "--edition", "en,sp"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`es`"), "{}", stderr(&out));
    assert!(!dir.path().join("out/example-en.pdf").exists());
}
