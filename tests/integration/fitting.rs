//! Copy fitting: placements that size themselves to their text (`height =
//! "fit"`, the default for a placement another goes below), with what is
//! below moving up; a story that goes on elsewhere leaves the placements
//! below it the room they need.

use crate::common;

use std::path::Path;

use common::{mimeo, scratch, stderr, Pdf};

const BASELINE: f32 = 11.0;

/// A story of `n` paragraphs, each naming `word`, so its lines can be told
/// from another story's.
fn story(headline: &str, word: &str, n: usize) -> String {
    let mut text = format!("+++\nheadline = \"{headline}\"\n+++\n");
    for i in 0..n {
        text.push_str(&format!(
            "The {word} committee met for the {i}th time and agreed that the \
             bulletin would go out on Friday, folded and stapled by hand, \
             with the minutes of the last meeting printed on the back.\n\n"
        ));
    }
    text
}

/// Builds `articles` (name, text) with `plan` after a five-column tabloid
/// header; returns the PDF, the report and what the build said.
fn build(dir: &Path, articles: &[(&str, String)], plan: &str) -> (Pdf, serde_json::Value, String) {
    let layout =
        format!("[paper]\nsize = \"Tabloid\"\n[columns]\ncount = 5\nbaseline = \"11pt\"\n{plan}");
    std::fs::write(dir.join("layouts/fit.toml"), layout).expect("write layout");
    let mut args = vec![
        "build".to_string(),
        "--layout".into(),
        "layouts/fit.toml".into(),
        "-o".into(),
        "out.pdf".into(),
        "--report".into(),
        "r.json".into(),
    ];
    for (name, text) in articles {
        let path = format!("content/{name}.md");
        std::fs::write(dir.join(&path), text).expect("write article");
        args.push(path);
    }
    let out = mimeo(dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", stderr(&out));
    let report = std::fs::read_to_string(dir.join("r.json")).expect("report");
    (
        Pdf::open(&dir.join("out.pdf")),
        serde_json::from_str(&report).expect("json"),
        stderr(&out),
    )
}

/// The report's placements of article `id`: (lines over, lines under).
fn fits(report: &serde_json::Value, id: &str) -> Vec<(u64, u64)> {
    report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["id"] == id)
        .expect("the article")["placements"]
        .as_array()
        .expect("placements")
        .iter()
        .map(|p| {
            (
                p["lines_over"].as_u64().unwrap_or(99),
                p["lines_under"].as_u64().unwrap_or(99),
            )
        })
        .collect()
}

#[test]
fn a_placement_that_fits_its_text_closes_up_and_what_is_below_moves_up() {
    let dir = scratch();
    let plan = r#"
[[pages]]
  [[pages.place]]
  article = "harbour"
  columns = [1, 3]

  [[pages.place]]
  article = "orchard"
  columns = [1, 3]
  below = "harbour"
"#;
    let articles = [
        ("harbour", story("The Harbour Meeting", "harbour", 7)),
        ("orchard", story("The Orchard Meeting", "orchard", 12)),
    ];
    let (pdf, report, said) = build(dir.path(), &articles, plan);
    assert!(!said.contains("did not fit"), "{said}");
    // Balanced, and no deeper than its text: at most a line short per column.
    let harbour = fits(&report, "harbour");
    assert_eq!(harbour[0].0, 0);
    assert!(harbour[0].1 <= 3, "{harbour:?}");
    // The next story's headline starts right under it: a line of white and
    // a rule, not the page's foot.
    let lines = pdf.lines();
    let lowest = lines
        .iter()
        .filter(|l| l.text.contains("harbour"))
        .map(|l| l.y)
        .fold(f32::MAX, f32::min);
    let head = lines
        .iter()
        .find(|l| l.text.contains("Orchard"))
        .expect("the second headline");
    let gap = lowest - head.y;
    assert!(
        gap > 0.0 && gap < 3.0 * BASELINE + head.size * 1.2,
        "{gap}pt from the first story's last line to the second's headline"
    );
}

#[test]
fn a_story_that_goes_on_leaves_the_placement_below_the_room_it_needs() {
    let dir = scratch();
    let plan = r#"
[[pages]]
  [[pages.place]]
  article = "harbour"
  columns = [1, 3]

  [[pages.place]]
  article = "orchard"
  columns = [1, 3]
  below = "harbour"

[[pages]]
  [[pages.place]]
  article = "harbour"
  columns = [1, 3]
"#;
    let articles = [
        ("harbour", story("The Harbour Meeting", "harbour", 60)),
        ("orchard", story("The Orchard Meeting", "orchard", 12)),
    ];
    let (pdf, report, said) = build(dir.path(), &articles, plan);
    assert!(!said.contains("did not fit"), "{said}");
    // The story below holds all its text, with little room to spare.
    let orchard = fits(&report, "orchard");
    assert_eq!(orchard[0].0, 0);
    assert!(orchard[0].1 <= 6, "{orchard:?}");
    // The long story fills the rest of page 1 and goes on to page 2.
    let lines = pdf.lines();
    assert!(lines
        .iter()
        .any(|l| l.page == 0 && l.text == "Continued on page 2"));
    let below = lines
        .iter()
        .find(|l| l.page == 0 && l.text.contains("Orchard"))
        .expect("the second headline");
    let harbour_on_1 = lines
        .iter()
        .filter(|l| l.page == 0 && l.y > below.y && (l.size - 9.0).abs() < 0.01)
        .count();
    assert!(harbour_on_1 > 150, "{harbour_on_1} lines on page 1");
}

/// The number in "make it N lines" in `said`.
fn made_lines(said: &str) -> usize {
    let at = said.find("make it ").expect("a height to set") + "make it ".len();
    said[at..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of lines")
}

/// A one-placement plan for `harbour` of `height`.
fn one_place(height: &str) -> String {
    format!(
        "\n[[pages]]\n  [[pages.place]]\n  article = \"harbour\"\n  columns = [1, 3]\n  height = \"{height}\"\n"
    )
}

#[test]
fn an_overset_placement_gets_a_height_that_clears_it_in_one_rebuild() {
    let dir = scratch();
    let articles = [("harbour", story("The Harbour Meeting", "harbour", 14))];
    let (_, report, said) = build(dir.path(), &articles, &one_place("20 lines"));
    // Page, columns and the spec's line (the `article =` line of the place).
    assert!(
        said.contains("page 1, columns 1–3 (layouts/fit.toml:9): "),
        "{said}"
    );
    assert!(said.contains(" lines over, from “"), "{said}");
    assert!(said.contains("cut about "), "{said}");
    // The story's overset is said once, by the placement.
    assert!(!said.contains("did not fit"), "{said}");
    let place = &report["articles"][0]["placements"][0];
    assert_eq!(place["spec"], "layouts/fit.toml:9");
    assert!(place["lines_over"].as_u64().unwrap_or(0) > 0);
    let n = made_lines(&said);
    assert!(n > 20, "{n}");
    let (_, _, said) = build(dir.path(), &articles, &one_place(&format!("{n} lines")));
    assert!(!said.contains("warning"), "at {n} lines: {said}");
}

#[test]
fn an_underset_placement_gets_a_height_that_clears_it_in_one_rebuild() {
    let dir = scratch();
    let articles = [("harbour", story("The Harbour Meeting", "harbour", 8))];
    let (_, _, said) = build(dir.path(), &articles, &one_place("60 lines"));
    assert!(
        said.contains("page 1, columns 1–3 (layouts/fit.toml:9): ")
            && said.contains(" lines empty under “harbour”"),
        "{said}"
    );
    let n = made_lines(&said);
    assert!(n < 60, "{n}");
    let (_, _, said) = build(dir.path(), &articles, &one_place(&format!("{n} lines")));
    assert!(!said.contains("warning"), "at {n} lines: {said}");
}

#[test]
fn strict_fails_on_an_overset_placement() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("content/harbour.md"),
        story("The Harbour Meeting", "harbour", 14),
    )
    .expect("write");
    let layout = format!(
        "[paper]\nsize = \"Tabloid\"\n[columns]\ncount = 5\n{}",
        one_place("20 lines")
    );
    std::fs::write(dir.path().join("layouts/fit.toml"), layout).expect("write");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--strict",
            "--layout",
            "layouts/fit.toml",
            "-o",
            "out.pdf",
            "content/harbour.md",
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("lines over"), "{}", stderr(&out));
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn the_rule_between_placements_stops_where_their_stories_stop() {
    let dir = scratch();
    let plan = r#"
[rules]
stories = "0.5pt"

[[pages]]
  [[pages.place]]
  article = "harbour"
  columns = [1, 2]

  [[pages.place]]
  article = "orchard"
  columns = [3, 5]
"#;
    let articles = [
        ("harbour", story("The Harbour Meeting", "harbour", 6)),
        ("orchard", story("The Orchard Meeting", "orchard", 9)),
    ];
    let (pdf, _, _) = build(dir.path(), &articles, plan);
    let lines = pdf.lines();
    // The lowest line of text on the page (PDF y grows upwards).
    let lowest = lines
        .iter()
        .filter(|l| (l.size - 9.0).abs() < 0.01)
        .map(|l| l.y)
        .fold(f32::MAX, f32::min);
    let vertical: Vec<_> = pdf
        .rules()
        .into_iter()
        .filter(|r| (r.from.0 - r.to.0).abs() < 0.01 && (r.from.1 - r.to.1).abs() > 50.0)
        .filter(|r| (r.width - 0.5).abs() < 0.01)
        .collect();
    assert!(!vertical.is_empty(), "no rule between the placements");
    for r in vertical {
        let foot = r.from.1.min(r.to.1);
        assert!(
            (foot - lowest).abs() < 2.0 * BASELINE,
            "the rule ends at {foot}, the text at {lowest}"
        );
    }
}

#[test]
fn a_page_left_empty_under_a_placement_that_fits_its_text_is_said() {
    let dir = scratch();
    let articles = [("harbour", story("The Harbour Meeting", "harbour", 8))];
    let (_, _, said) = build(dir.path(), &articles, &one_place("fit"));
    assert!(
        said.contains("page 1, columns 1–3 (layouts/fit.toml:9): ")
            && said.contains("empty under “harbour” at the foot of the page"),
        "{said}"
    );
}

/// The first image's drawn width and height on page 1, and whether a clip
/// is set before it.
fn first_image(pdf: &Pdf) -> (f32, f32, bool) {
    let page = pdf.page_ids()[0];
    let content = pdf.doc.get_and_decode_page_content(page).expect("content");
    let mut clipped = false;
    for op in &content.operations {
        let num = |i: usize| {
            op.operands
                .get(i)
                .and_then(|o| {
                    o.as_float()
                        .ok()
                        .or_else(|| o.as_i64().ok().map(|v| v as f32))
                })
                .unwrap_or(0.0)
        };
        match op.operator.as_str() {
            "W" => clipped = true,
            "cm" if num(0) > 50.0 => return (num(0), num(3), clipped),
            _ => {}
        }
    }
    panic!("no image on page 1");
}

#[test]
fn a_photo_crop_keeps_the_photo_across_its_columns_and_cuts_its_depth() {
    let dir = scratch();
    let text = format!(
        "+++\nheadline = \"The Gate at Night\"\nimage = \"picket-line.jpg\"\n+++\n{}",
        story("x", "gate", 10).split("+++\n").nth(2).unwrap_or("")
    );
    let articles = [("gate", text)];
    let place = |crop: &str| {
        format!(
            "\n[[pages]]\n  [[pages.place]]\n  article = \"gate\"\n  columns = [1, 3]\n  photo_height = \"30mm\"\n{crop}"
        )
    };
    let (shrunk, _, _) = build(dir.path(), &articles, &place(""));
    let (w0, h0, clip0) = first_image(&shrunk);
    let (cropped, _, _) = build(dir.path(), &articles, &place("  photo_crop = \"center\"\n"));
    let (w1, h1, clip1) = first_image(&cropped);
    let depth = 30.0 * 72.0 / 25.4;
    // Without a crop: narrower, as deep as allowed, no clip.
    assert!(!clip0 && (h0 - depth).abs() < 0.5, "{w0}×{h0}");
    // With one: as wide as three columns, deeper than shown, clipped.
    assert!(clip1 && w1 > w0 + 50.0 && h1 > depth + 1.0, "{w1}×{h1}");
    common::pdfcheck::check(&std::fs::read(dir.path().join("out.pdf")).expect("pdf"))
        .expect("a valid PDF");
}

#[test]
fn white_beside_a_deeper_story_is_counted_as_the_shorter_ones() {
    let dir = scratch();
    let plan = r#"
[[pages]]
  [[pages.place]]
  article = "harbour"
  columns = [1, 3]
  height = "60 lines"

  [[pages.place]]
  article = "orchard"
  columns = [4, 5]

  [[pages.place]]
  article = "meadow"
  columns = [1, 5]
  below = "harbour"
"#;
    let articles = [
        ("harbour", story("The Harbour Meeting", "harbour", 30)),
        ("orchard", story("The Orchard Meeting", "orchard", 4)),
        ("meadow", story("The Meadow Meeting", "meadow", 40)),
    ];
    let (_, report, said) = build(dir.path(), &articles, plan);
    // The short story beside the lead fits its text, but the story below
    // starts under the lead: the white between is the short story's.
    assert!(
        said.contains("page 1, columns 4–5 (layouts/fit.toml:14): ")
            && said.contains("empty under “orchard”"),
        "{said}"
    );
    assert!(fits(&report, "orchard")[0].1 > 6);
}

#[test]
fn an_overset_first_placement_hears_what_a_smaller_headline_saves() {
    let dir = scratch();
    let headline =
        "The Harbour Committee Meets Again and Agrees to Print the Bulletin Every Friday";
    let articles = [("harbour", story(headline, "harbour", 14))];
    let plan = "\n[[pages]]\n  [[pages.place]]\n  article = \"harbour\"\n  columns = [1, 3]\n  \
                height = \"30 lines\"\n  headline = [\"30pt\", \"18pt\"]\n";
    let (_, _, said) = build(dir.path(), &articles, plan);
    assert!(said.contains(" lines over, from “"), "{said}");
    assert!(said.contains("or headline = \"18pt\" saves "), "{said}");
}
