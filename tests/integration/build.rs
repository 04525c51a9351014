//! Building the example issue and the leaflets, then reading the PDFs back:
//! page sizes, boxes, embedded fonts, and every word of every article.

use crate::common;

use std::path::Path;

use common::{article_slack, article_words, find_in_order, mimeo, scratch, squash, stderr, Pdf};

/// Runs `mimeo build FLAGS --layout layouts/leaflet-a4.toml -o OUT INPUT`.
fn leaflet(dir: &Path, flags: &[&str], out: &str, input: &str) -> std::process::Output {
    let mut args = vec!["build"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--layout", "layouts/leaflet-a4.toml", "-o", out, input]);
    mimeo(dir, &args)
}

/// Builds `inputs` with `layout` into `out.pdf` plus a report; returns both.
fn build(dir: &Path, layout: &str, inputs: &[&str]) -> (Pdf, serde_json::Value) {
    let mut args = vec![
        "build",
        "--layout",
        layout,
        "-o",
        "out.pdf",
        "--report",
        "report.json",
    ];
    args.extend_from_slice(inputs);
    let out = mimeo(dir, &args);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    let report = std::fs::read_to_string(dir.join("report.json")).expect("report written");
    (
        Pdf::open(&dir.join("out.pdf")),
        serde_json::from_str(&report).expect("report is JSON"),
    )
}

fn assert_pages(pdf: &Pdf, width: f32, height: f32) {
    let pages = pdf.page_ids();
    assert!(!pages.is_empty());
    for p in pages {
        let media = pdf.page_box(p, b"MediaBox").expect("MediaBox");
        assert!(
            (media[2] - width).abs() < 0.5 && (media[3] - height).abs() < 0.5,
            "page is {media:?}"
        );
        let trim = pdf
            .page_box(p, b"TrimBox")
            .expect("every page has a TrimBox");
        assert!(trim[2] <= media[2] + 0.01 && trim[3] <= media[3] + 0.01);
    }
}

fn assert_fonts_embedded(pdf: &Pdf) {
    let fonts = pdf.fonts();
    assert!(!fonts.is_empty());
    for (name, embedded) in &fonts {
        assert!(embedded, "{name} is not embedded");
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "{name} has no subset tag"
        );
    }
}

/// Every article's words are in the PDF, in order, and the report agrees.
fn assert_all_words(dir: &Path, pdf: &Pdf, report: &serde_json::Value, articles: &[&str]) {
    let text = pdf.text();
    for a in articles {
        let words = article_words(&dir.join(a));
        if let Err(i) = find_in_order(&text, &words, article_slack(&dir.join(a))) {
            panic!(
                "{a}: word {i} ({:?}) not found in order in the PDF text",
                words.get(i)
            );
        }
        let id = Path::new(a)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let entry = report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id.as_str())
            .expect("article in report");
        assert_eq!(entry["words_in"].as_u64(), Some(words.len() as u64), "{a}");
        assert_eq!(entry["words_placed"], entry["words_in"], "{a}");
        assert_eq!(entry["words_overset"].as_u64(), Some(0));
    }
}

const EXAMPLE: [&str; 14] = [
    "content/01-warehouse-strike.md",
    "content/02-tenants.md",
    "content/03-get-involved.md",
    "content/04-limpieza.md",
    "content/05-bus-drivers.md",
    "content/06-library.md",
    "content/07-calendar.md",
    "content/08-editorial.md",
    "content/09-letters.md",
    "content/10-repartidores.md",
    "content/11-kitchen.md",
    "content/12-heat-rights.md",
    "content/13-in-arabic.md",
    "content/14-in-hindi.md",
];

#[test]
fn example_issue_is_a_tabloid_with_every_word() {
    let dir = scratch();
    let (pdf, report) = build(dir.path(), "layouts/tabloid.toml", &["content"]);
    assert_pages(&pdf, 792.0, 1224.0);
    assert_fonts_embedded(&pdf);
    assert_all_words(dir.path(), &pdf, &report, &EXAMPLE);
    assert_eq!(report["pages"].as_u64(), Some(pdf.page_ids().len() as u64));
}

#[test]
fn leaflets_on_a4_and_letter() {
    for (layout, w, h) in [
        ("layouts/leaflet-a4.toml", 595.28, 841.89),
        ("layouts/leaflet-letter.toml", 612.0, 792.0),
    ] {
        let dir = scratch();
        let (pdf, report) = build(dir.path(), layout, &["content"]);
        assert_pages(&pdf, w, h);
        assert_fonts_embedded(&pdf);
        assert_all_words(dir.path(), &pdf, &report, &EXAMPLE);
        // Without a page plan, pull quotes stand in the flow.
        let quote = "“They timed our breaks to the second and then told us to drink more water.”";
        assert!(squash(&pdf.text()).contains(&squash(quote)), "{layout}");
    }
}

#[test]
fn the_readme_default_builds_out_example_pdf() {
    let dir = scratch();
    let out = mimeo(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("out/example.pdf").is_file());
}

#[test]
fn ligatures_copy_as_their_letters() {
    let dir = scratch();
    let (pdf, _) = build(
        dir.path(),
        "layouts/leaflet-a4.toml",
        &["content/01-warehouse-strike.md"],
    );
    let text = pdf.text();
    // "office"-style ligatures in the source must come back as plain letters.
    assert!(text.contains("first"), "fi ligature lost its text");
    assert!(!text.contains('\u{FFFD}'), "a glyph has no text");
    assert!(
        !text.contains('\u{FB01}'),
        "the ligature glyph's own code point leaked"
    );
}

#[test]
fn output_is_deterministic_and_dated_only_on_request() {
    let dir = scratch();
    let (first, _) = build(dir.path(), "layouts/leaflet-a4.toml", &["content"]);
    let a = std::fs::read(dir.path().join("out.pdf")).unwrap();
    build(dir.path(), "layouts/leaflet-a4.toml", &["content"]);
    let b = std::fs::read(dir.path().join("out.pdf")).unwrap();
    assert_eq!(a, b, "two builds differ");
    let info = first
        .doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .unwrap();
    let info = first.doc.get_dictionary(info).unwrap();
    assert!(!info.has(b"CreationDate"));
    assert!(info.has(b"Title"));
    let root = first
        .doc
        .trailer
        .get(b"Root")
        .and_then(|i| i.as_reference())
        .unwrap();
    assert_eq!(
        first
            .doc
            .get_dictionary(root)
            .unwrap()
            .get(b"Lang")
            .unwrap()
            .as_str()
            .unwrap(),
        b"en"
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mimeo"))
        .env("MIMEO_CACHE_DIR", "")
        .args([
            "build",
            "--layout",
            "layouts/leaflet-a4.toml",
            "-o",
            "dated.pdf",
            "content",
        ])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    let dated = Pdf::open(&dir.path().join("dated.pdf"));
    let info = dated
        .doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .unwrap();
    let date = dated
        .doc
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    assert_eq!(date, b"D:20231114221320+00'00'");
}

#[test]
fn text_that_does_not_fit_is_reported_by_article() {
    let dir = scratch();
    let long: String = (0..60).map(|i| format!("Paragraph {i} of a story far too long for one page, told at length so that it runs on and on.\n\n")).collect();
    std::fs::write(
        dir.path().join("long.md"),
        format!("+++\nheadline = \"Too long\"\n+++\n{long}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("one-page.toml"),
        "[paper]\nsize = \"A6\"\n[document]\nmax_pages = 1\n",
    )
    .unwrap();
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "one-page.toml",
            "-o",
            "out.pdf",
            "--report",
            "r.json",
            "long.md",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("`long`") && err.contains("did not fit"),
        "{err}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let a = &report["articles"][0];
    let (inn, placed, over) = (
        a["words_in"].as_u64().unwrap(),
        a["words_placed"].as_u64().unwrap(),
        a["words_overset"].as_u64().unwrap(),
    );
    assert!(over > 0 && placed > 0);
    assert_eq!(inn, placed + over);
    assert!(!a["warnings"].as_array().unwrap().is_empty());
    // The words placed are all on the page.
    let words = article_words(&dir.path().join("long.md"));
    let pdf = Pdf::open(&dir.path().join("out.pdf"));
    find_in_order(&pdf.text(), &words[..placed as usize], 60).expect("placed words are in the PDF");
    // --strict makes overset an error and leaves the PDF alone.
    let before = std::fs::read(dir.path().join("out.pdf")).unwrap();
    let strict = mimeo(
        dir.path(),
        &[
            "build",
            "--strict",
            "--layout",
            "one-page.toml",
            "-o",
            "out.pdf",
            "long.md",
        ],
    );
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.path().join("out.pdf")).unwrap(), before);
}

#[test]
fn a_character_no_font_has_is_a_warning_naming_it() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("emoji.md"),
        "Solidarity \u{1F44A} forever.\n",
    )
    .unwrap();
    let out = leaflet(dir.path(), &[], "out.pdf", "emoji.md");
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("U+1F44A") && err.contains("`emoji`"), "{err}");
    let strict = leaflet(dir.path(), &["--strict"], "s.pdf", "emoji.md");
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn the_example_photos_print_on_the_black_plate_alone() {
    // The example's photos are grey pictures stored as RGB JPEGs: they are
    // written as grey, so no colour separation gets any of them.
    let dir = scratch();
    let (pdf, _) = build(dir.path(), "layouts/tabloid.toml", &["content"]);
    let spaces: Vec<Vec<u8>> = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Image".as_slice())
        })
        .map(|s| {
            s.dict
                .get(b"ColorSpace")
                .and_then(|c| c.as_name())
                .map(<[u8]>::to_vec)
                .unwrap_or_default()
        })
        .collect();
    assert!(spaces.len() >= 3, "{} photos", spaces.len());
    assert!(spaces.iter().all(|c| c == b"DeviceGray"), "{spaces:?}");
}

#[test]
fn png_photos_are_placed() {
    let dir = scratch();
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 40, 30);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&vec![128; 40 * 30 * 3]).unwrap();
    }
    std::fs::write(dir.path().join("p.png"), png).unwrap();
    std::fs::write(
        dir.path().join("photo.md"),
        "+++\nimage = \"p.png\"\ncaption = \"A grey square\"\n+++\nText under a photo.\n",
    )
    .unwrap();
    let (pdf, _) = build(dir.path(), "layouts/leaflet-a4.toml", &["photo.md"]);
    let images = pdf
        .doc
        .objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Image".as_slice())
            })
        })
        .count();
    assert_eq!(images, 1);
    assert!(pdf.text().contains("A grey square"));
    // 40 px across a column is far too coarse for print: say so.
    let out = leaflet(dir.path(), &[], "p.pdf", "photo.md");
    assert!(stderr(&out).contains("ppi"), "{}", stderr(&out));
}

#[test]
fn every_front_matter_key_is_printed() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("all.md"),
        "+++\nkicker = \"Kicker\"\nheadline = \"Headline\"\ndeck = \"The deck\"\nbyline = \"By Someone\"\ndateline = \"May 1\"\nlang = \"es\"\nimage = \"content/picket-line.jpg\"\ncaption = \"The caption\"\ncredit = \"The credit\"\n+++\nCuerpo del artículo.\n",
    )
    .unwrap();
    let (pdf, _) = build(dir.path(), "layouts/leaflet-a4.toml", &["all.md"]);
    let text = pdf.text();
    for s in [
        "KICKER",
        "Headline",
        "The deck",
        "BY SOMEONE",
        "May 1—Cuerpo",
        "The caption",
        "THE CREDIT",
    ] {
        assert!(text.contains(s), "{s:?} missing from {text}");
    }
}

#[test]
fn a_caption_without_a_photo_is_still_printed() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("c.md"),
        "+++\ncaption = \"Caption with no photo\"\ncredit = \"Credit line\"\n+++\nBody text.\n",
    )
    .unwrap();
    let (pdf, _) = build(dir.path(), "layouts/leaflet-a4.toml", &["c.md"]);
    let text = pdf.text();
    assert!(
        text.contains("Caption with no photo") && text.contains("CREDIT LINE"),
        "{text}"
    );
}

#[test]
fn measure_layout_sets_one_justified_column() {
    let dir = scratch();
    let (pdf, report) = build(
        dir.path(),
        "layouts/measure.toml",
        &["content/01-warehouse-strike.md", "content/04-limpieza.md"],
    );
    let pages = pdf.page_ids();
    let media = pdf.page_box(pages[0], b"MediaBox").unwrap();
    assert!((media[2] - 214.4).abs() < 0.01, "{media:?}");
    let text = pdf.text();
    assert!(
        !text.contains("Warehouse Workers Shut"),
        "no headline in the measuring column"
    );
    assert_all_words(
        dir.path(),
        &pdf,
        &report,
        &["content/01-warehouse-strike.md", "content/04-limpieza.md"],
    );
    // Glyph scaling shows as Tz, within 96–104 %.
    let mut scales = Vec::new();
    for p in pages {
        let content = pdf.doc.get_and_decode_page_content(p).unwrap();
        for op in content.operations.iter().filter(|o| o.operator == "Tz") {
            let v = op.operands[0]
                .as_float()
                .ok()
                .or_else(|| op.operands[0].as_i64().ok().map(|i| i as f32))
                .unwrap();
            scales.push(v);
        }
    }
    assert!(
        scales.iter().any(|&v| (v - 100.0).abs() > 0.1),
        "no line uses glyph scaling"
    );
    assert!(
        scales.iter().all(|&v| (95.99..=104.01).contains(&v)),
        "{scales:?}"
    );
}

#[test]
fn no_column_ends_on_a_hyphen() {
    for layout in ["layouts/tabloid.toml", "layouts/leaflet-a4.toml"] {
        let dir = scratch();
        let (pdf, _) = build(dir.path(), layout, &["content"]);
        // The lowest body line of each column (grouped by where lines start).
        let mut bottoms: std::collections::BTreeMap<(usize, i32), (f32, String)> =
            Default::default();
        let lines: Vec<_> = pdf
            .lines()
            .into_iter()
            .filter(|l| l.text.chars().count() > 3)
            .collect();
        for l in &lines {
            // A line's column: the leftmost line start within an indent of it.
            let edge = lines
                .iter()
                .filter(|m| m.page == l.page && m.x <= l.x + 0.01 && m.x >= l.x - 15.0)
                .map(|m| m.x)
                .fold(l.x, f32::min);
            let key = (l.page, edge.round() as i32);
            let e = bottoms.entry(key).or_insert((f32::MAX, String::new()));
            if l.y < e.0 {
                *e = (l.y, l.text.clone());
            }
        }
        assert!(bottoms.len() > 2);
        for ((page, _), (_, text)) in bottoms {
            let word = text.split_whitespace().last().unwrap_or("");
            // An inserted hyphen ends a word fragment; hard hyphens ("thirty-") are allowed.
            assert!(
                !(word.ends_with('-')
                    && word.chars().rev().nth(1).is_some_and(char::is_lowercase)
                    && !word[..word.len() - 1].contains('-')),
                "{layout} page {page}: a column ends on {text:?}"
            );
        }
    }
}

#[test]
fn a_byte_order_mark_does_not_hide_the_front_matter() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("bom.md"),
        "\u{FEFF}+++\nheadline = \"Headline after a BOM\"\n+++\nBody text.\n",
    )
    .unwrap();
    let (pdf, report) = build(dir.path(), "layouts/leaflet-a4.toml", &["bom.md"]);
    let text = pdf.text();
    assert!(
        text.contains("Headline after a BOM") && !text.contains("+++"),
        "{text}"
    );
    assert_eq!(report["articles"][0]["words_in"].as_u64(), Some(2));
}

#[test]
fn a_language_without_patterns_is_warned_about() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("xx.md"),
        "+++\nlang = \"yo\"\n+++\nSome text in Yoruba, which has no patterns.\n",
    )
    .unwrap();
    let out = leaflet(dir.path(), &[], "x.pdf", "xx.md");
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("no hyphenation patterns for language `yo`"),
        "{}",
        stderr(&out)
    );
    // A country's code for a language is an error saying which was meant.
    std::fs::write(
        dir.path().join("sp.md"),
        "+++\nlang = \"sp\"\n+++\nTexto en castellano.\n",
    )
    .unwrap();
    let out = leaflet(dir.path(), &[], "s.pdf", "sp.md");
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains("sp.md:2") && said.contains("`es`"), "{said}");
}

#[test]
fn a_word_wider_than_its_column_is_a_warning() {
    let dir = scratch();
    let long = "x".repeat(120);
    std::fs::write(
        dir.path().join("long.md"),
        format!("Sign here: {long} today.\n"),
    )
    .unwrap();
    let out = leaflet(dir.path(), &[], "out.pdf", "long.md");
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("`long`") && err.contains("sticks out") && err.contains("xxxxxxxx"),
        "{err}"
    );
}

#[test]
fn check_builds_but_writes_no_pdf_and_strict_fails_on_warnings() {
    let dir = scratch();
    let layout = std::fs::read_to_string(dir.path().join("layouts/leaflet-a4.toml")).unwrap();
    std::fs::write(
        dir.path().join("layouts/one.toml"),
        layout.replace("[document]\n", "[document]\nmax_pages = 1\n"),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--layout", "layouts/one.toml"];
        args.extend_from_slice(extra);
        args.push("content");
        mimeo(dir.path(), &args)
    };
    let out = run(&[]);
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("warning:") && said.contains("checked: 1 page"),
        "{said}"
    );
    assert!(!dir.path().join("out").exists(), "check wrote files");
    let out = run(&["--strict", "--report", "r.json"]);
    assert!(!out.status.success());
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["pages"].as_u64(), Some(1));
    // An error is an error, as with build.
    let out = mimeo(
        dir.path(),
        &["check", "--layout", "layouts/none.toml", "content"],
    );
    assert!(!out.status.success());
}

#[test]
fn a_folder_with_mimeo_toml_builds_without_flags_and_one_without_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = mimeo(dir.path(), &["build"]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("mimeo.toml") && said.contains("--layout"),
        "{said}"
    );
    let root = common::root();
    std::fs::copy(
        root.join("layouts/leaflet-a4.toml"),
        dir.path().join("mimeo.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::copy(
        root.join("content/03-get-involved.md"),
        dir.path().join("content/get-involved.md"),
    )
    .unwrap();
    let out = mimeo(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Named after the folder whose mimeo.toml it is.
    let name = dir.path().file_name().unwrap().to_string_lossy();
    assert!(dir.path().join(format!("out/{name}.pdf")).is_file());
}

#[test]
fn quiet_says_nothing_but_warnings() {
    let dir = scratch();
    let out = mimeo(dir.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "nothing said");
    assert!(dir.path().join("out/example.pdf").is_file());
    // Warnings still come: a character no font has.
    std::fs::write(dir.path().join("odd.md"), "A mark \u{E000} no font has.\n").unwrap();
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "-q",
            "--layout",
            "layouts/leaflet-a4.toml",
            "-o",
            "odd.pdf",
            "odd.md",
        ],
    );
    let said = stderr(&out);
    assert!(said.contains("warning"), "{said}");
    assert!(!said.contains("wrote"), "{said}");
}

#[test]
fn a_warning_names_the_file_and_line_it_is_about() {
    let dir = scratch();
    // A character no font has, on the article's third line of text.
    std::fs::write(
        dir.path().join("odd.md"),
        "+++\nheadline = \"Odd\"\n+++\nFirst line.\n\nA mark \u{E000} here.\n",
    )
    .unwrap();
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/leaflet-a4.toml",
            "-o",
            "odd.pdf",
            "odd.md",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("odd.md:6:8: warning: article `odd`"),
        "{said}"
    );
    // Rendered like an error: the line itself, and where on it.
    assert!(said.contains("6 │ A mark"), "{said}");
    // Text that does not fit points at the placement in the spec.
    let spec = std::fs::read_to_string(dir.path().join("layouts/tabloid.toml")).unwrap();
    let short = spec.replace("height = \"64 lines\"", "height = \"30 lines\"");
    std::fs::write(dir.path().join("layouts/short.toml"), short).unwrap();
    let out = mimeo(
        dir.path(),
        &["build", "--layout", "layouts/short.toml", "-o", "s.pdf"],
    );
    let said = stderr(&out);
    assert!(
        said.contains("layouts/short.toml:")
            && said.contains(": warning: article `01-warehouse-strike`"),
        "{said}"
    );
    assert!(said.contains("article = \"warehouse-strike\""), "{said}");
}

/// The PDF of a job written a page at a time, while it is composed (and a
/// long story set a chunk at a time as the pages need it), is byte for byte
/// the one written whole (as it is when the pages are also drawn as PNG),
/// with the same warnings: for a long flowing article with crossheads, the
/// same cut short by a page limit (overset, its first word left over
/// named), and the example's planned pages.
#[test]
fn pages_written_as_composed_are_the_pages_written_whole() {
    let dir = scratch();
    let spec = "[document]\ntitle = \"Streamed\"\n[paper]\nsize = \"A5\"\n[columns]\ncount = 2\n";
    std::fs::write(dir.path().join("s.toml"), spec).expect("spec");
    let short = spec.replace("[paper]", "max_pages = 2\n[paper]");
    std::fs::write(dir.path().join("short.toml"), short).expect("spec");
    let mut text = String::from("+++\nheadline = \"A long report\"\n+++\n");
    for i in 0..400 {
        text.push_str(&format!(
            "Paragraph {i}: the assembly heard from the night shift, who asked \
             for the rota to be posted a fortnight ahead and for the canteen \
             to stay open until the last bus.\n\n"
        ));
        if i % 40 == 39 {
            text.push_str("## A crosshead\n\n");
        }
    }
    std::fs::write(dir.path().join("a.md"), text).expect("article");
    let root = common::root();
    let jobs = [
        (dir.path().join("s.toml"), vec![dir.path().join("a.md")]),
        (dir.path().join("short.toml"), vec![dir.path().join("a.md")]),
        (
            root.join("layouts/tabloid.toml"),
            vec![root.join("content")],
        ),
    ];
    for (layout, inputs) in jobs {
        let mut req = mimeo::BuildRequest::new(&layout, inputs);
        req.timestamp = Some(1_700_000_000);
        let streamed = mimeo::build(&req).expect("streamed build");
        req.preview = Some(10.0);
        let whole = mimeo::build(&req).expect("whole build");
        assert!(whole.previews.len() >= 2, "{}", layout.display());
        assert_eq!(whole.previews.len(), whole.report.pages);
        assert!(
            streamed.pdf == whole.pdf,
            "{}: the streamed PDF differs from the whole one",
            layout.display()
        );
        assert_eq!(streamed.report.pages, whole.report.pages);
        let said = |out: &mimeo::BuildOutput| {
            let mut said: Vec<String> = out.warnings.iter().map(|w| w.message.clone()).collect();
            said.sort();
            said
        };
        assert_eq!(said(&streamed), said(&whole));
        if layout.ends_with("short.toml") {
            assert_eq!(whole.report.pages, 2);
            let overset = said(&streamed)
                .into_iter()
                .find(|w| w.contains("overset"))
                .expect("the cut article is overset");
            assert!(overset.contains("starting at “"), "{overset}");
            assert!(!overset.contains("starting at “”"), "{overset}");
        }
    }
}

/// A long job's PDF is written into its folder as it is made, under a
/// temporary name, and renamed into place: nothing else is left there. A
/// build then refused (`--strict`, with a warning) leaves the PDF before it
/// as it was, and no temporary file.
#[test]
fn a_pdf_written_as_it_is_made_leaves_nothing_else_behind() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("s.toml"),
        "[paper]\nsize = \"A5\"\n[columns]\ncount = 2\n",
    )
    .expect("spec");
    let mut text = String::from("+++\nheadline = \"Minutes\"\n+++\n");
    for i in 0..400 {
        text.push_str(&format!(
            "Item {i}: the branch agreed to print the bulletin on Fridays and to \
             ask the hall for a second room on meeting nights.\n\n"
        ));
    }
    std::fs::write(dir.path().join("a.md"), &text).expect("article");
    let out = mimeo(
        dir.path(),
        &["build", "--layout", "s.toml", "-o", "out/a.pdf", "a.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
            .expect("out/")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(listed(), ["a.pdf"]);
    let pdf = Pdf::open(&dir.path().join("out/a.pdf"));
    assert!(pdf.page_ids().len() > 5);
    assert!(squash(&pdf.text()).contains(&squash("Item 399: the branch agreed")));
    let before = std::fs::read(dir.path().join("out/a.pdf")).expect("pdf");
    // A word too long for the column: a warning.
    text.push_str(&format!("{}\n", "x".repeat(120)));
    std::fs::write(dir.path().join("a.md"), &text).expect("article");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--strict",
            "--layout",
            "s.toml",
            "-o",
            "out/a.pdf",
            "a.md",
        ],
    );
    assert!(!out.status.success());
    assert_eq!(listed(), ["a.pdf"]);
    assert_eq!(
        std::fs::read(dir.path().join("out/a.pdf")).expect("pdf"),
        before
    );
}

/// A build on one thread (`RAYON_NUM_THREADS=1`: paragraphs set and pages
/// deflated one after another) writes the bytes a build on every core
/// writes: a long flowing article (set a chunk at a time) and the example.
#[test]
fn one_thread_writes_the_bytes_every_core_writes() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("s.toml"),
        "[paper]\nsize = \"A4\"\n[columns]\ncount = 3\n",
    )
    .expect("spec");
    let mut text = String::from("+++\nheadline = \"Report\"\n+++\n");
    for i in 0..500 {
        text.push_str(&format!(
            "Point {i}: the stewards reported on the overtime ban, the new \
             rota and the canteen, and the meeting thanked them.\n\n"
        ));
    }
    std::fs::write(dir.path().join("a.md"), &text).expect("article");
    let root = common::root();
    let layout = root.join("layouts/tabloid.toml");
    let content = root.join("content");
    let jobs: [Vec<&str>; 2] = [
        vec!["--layout", "s.toml", "a.md"],
        vec![
            "--layout",
            layout.to_str().expect("path"),
            content.to_str().expect("path"),
        ],
    ];
    for job in jobs {
        let built = |threads: &str| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_mimeo"))
                .env("MIMEO_CACHE_DIR", "")
                .arg("build")
                .args(&job)
                .args(["-o", "out.pdf"])
                .current_dir(dir.path())
                .env("SOURCE_DATE_EPOCH", "1700000000")
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .expect("the mimeo binary runs");
            assert!(out.status.success(), "{}", stderr(&out));
            std::fs::read(dir.path().join("out.pdf")).expect("pdf")
        };
        let one = built("1");
        assert!(one == built("2"), "{job:?}: one thread and two differ");
    }
}

/// A justified line's letter spacing is written once for the line (`Tc`):
/// read back as a viewer places the glyphs, every full line that ends in a
/// letter still ends at the column's right edge (a letter may hang past it
/// by a little, as protrusion sets it).
#[test]
fn letter_spaced_lines_still_end_at_the_column_edge() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("s.toml"),
        "[paper]\nsize = \"A4\"\n[margins]\ninside = \"25mm\"\noutside = \"25mm\"\n\
         [columns]\ncount = 1\n[styles.body]\nsize = \"11pt\"\n",
    )
    .expect("spec");
    let mut text = String::from("+++\nheadline = \"Minutes\"\n+++\n");
    for i in 0..12 {
        text.push_str(&format!(
            "Item {i}. The branch heard the stewards' report on the rota, agreed \
             to write to every member about the ballot before the holidays, and \
             asked the treasurer for figures on the hardship fund, the printing \
             bill and the hire of the hall for the autumn meetings.\n\n"
        ));
    }
    std::fs::write(dir.path().join("a.md"), &text).expect("article");
    let out = mimeo(
        dir.path(),
        &["build", "--layout", "s.toml", "-o", "out.pdf", "a.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = Pdf::open(&dir.path().join("out.pdf"));
    // Some line is letter-spaced, or this tests nothing.
    let spaced = pdf.page_ids().iter().any(|&page| {
        let content = pdf.doc.get_and_decode_page_content(page).expect("content");
        content.operations.iter().any(|op| {
            op.operator == "Tc"
                && op
                    .operands
                    .first()
                    .and_then(|o| o.as_float().ok())
                    .is_some_and(|v| v != 0.0)
        })
    });
    assert!(spaced, "no line is letter-spaced");
    let right = 595.276 - 25.0 * 72.0 / 25.4;
    let full: Vec<_> = pdf
        .lines()
        .into_iter()
        .filter(|l| (l.size - 11.0).abs() < 0.1 && l.end > right - 15.0)
        .filter(|l| {
            l.text
                .trim_end()
                .chars()
                .last()
                .is_some_and(char::is_alphabetic)
        })
        .collect();
    assert!(full.len() >= 10, "{full:?}");
    for l in &full {
        assert!(
            l.end > right - 0.05 && l.end < right + 0.6,
            "a full line ends at {} against the edge at {right}: {l:?}",
            l.end
        );
    }
}
