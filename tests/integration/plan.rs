//! Page plans, read back from the PDF's positions: headlines across their
//! planned columns, jump lines that name the right pages, body lines on one
//! baseline grid, balanced last parts, every word across the parts; and the
//! spec errors a plan can have.

use crate::common;

use std::path::Path;

use common::{article_words, find_in_order, mimeo, scratch, stderr, Pdf, TextLine};

/// The tabloid's geometry (layouts/tabloid.toml): 11 × 17 in, margins 14 mm
/// (16 mm at the foot), five columns with 4.5 mm gutters, an 11 pt grid.
const PAGE_H: f32 = 17.0 * 72.0;
const MARGIN: f32 = 14.0 * 72.0 / 25.4;
const GUTTER: f32 = 5.0 * 72.0 / 25.4;
const BASELINE: f32 = 11.0;

fn column_width() -> f32 {
    (11.0 * 72.0 - 2.0 * MARGIN - 4.0 * GUTTER) / 5.0
}

/// Left edge of column `c` (from 1) on a page.
fn column_left(c: usize) -> f32 {
    MARGIN + (c - 1) as f32 * (column_width() + GUTTER)
}

fn build(dir: &Path, layout: &str, inputs: &[&str]) -> Pdf {
    let mut args = vec!["build", "--layout", layout, "-o", "out.pdf"];
    args.extend_from_slice(inputs);
    let out = mimeo(dir, &args);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    Pdf::open(&dir.join("out.pdf"))
}

/// Builds one article with a plan written after a five-column tabloid
/// header; returns the PDF and what the build said.
fn build_planned(dir: &Path, article: &str, plan: &str) -> (Pdf, String) {
    let layout =
        format!("[paper]\nsize = \"Tabloid\"\n[columns]\ncount = 5\nbaseline = \"11pt\"\n{plan}");
    std::fs::write(dir.join("layouts/plan.toml"), layout).expect("write");
    let args = [
        "build",
        "--layout",
        "layouts/plan.toml",
        "-o",
        "out.pdf",
        article,
    ];
    let out = mimeo(dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    (Pdf::open(&dir.join("out.pdf")), stderr(&out))
}

fn example() -> (tempfile::TempDir, Pdf) {
    let dir = scratch();
    let pdf = build(dir.path(), "layouts/tabloid.toml", &["content"]);
    (dir, pdf)
}

/// Body lines: set at the body size.
fn body(lines: &[TextLine]) -> Vec<&TextLine> {
    lines
        .iter()
        .filter(|l| (l.size - 9.0).abs() < 0.01 && l.text.chars().count() > 1)
        .collect()
}

/// The baseline (PDF y, from the foot) of the lowest body line above `above`
/// in each of `columns` on page `page` (from 0); `f32::MAX` for an empty
/// column.
fn column_feet(
    lines: &[TextLine],
    page: usize,
    columns: std::ops::RangeInclusive<usize>,
    above: f32,
) -> Vec<f32> {
    columns
        .map(|c| {
            body(lines)
                .iter()
                .filter(|l| {
                    l.page == page
                        && l.y > above
                        && l.x >= column_left(c) - 1.0
                        && l.x < column_left(c) + 20.0
                })
                .map(|l| l.y)
                .fold(f32::MAX, f32::min)
        })
        .collect()
}

/// The lowest and highest of `ys`.
fn spread(ys: &[f32]) -> (f32, f32) {
    ys.iter()
        .fold((f32::MAX, f32::MIN), |(a, b), &y| (a.min(y), b.max(y)))
}

#[test]
fn the_lead_headline_spans_its_four_columns() {
    let (_dir, pdf) = example();
    let lines = pdf.lines();
    let head: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == 0 && l.size >= 40.0 && l.size < 70.0)
        .collect();
    assert!(head.len() >= 2, "the lead headline has lines: {head:?}");
    let (left, right) = (column_left(1), column_left(4) + column_width());
    let widest = head.iter().map(|l| l.end - l.x).fold(0.0, f32::max);
    for l in &head {
        assert!(
            l.x >= left - 2.0 && l.end <= right + 2.0,
            "{l:?} leaves columns 1–4"
        );
    }
    assert!(
        widest > 3.0 * column_width() + 2.0 * GUTTER,
        "the headline reaches across the columns: {widest}"
    );
}

#[test]
fn jump_lines_name_the_page_that_carries_the_story_on() {
    let (_dir, pdf) = example();
    let lines = pdf.lines();
    let mut jumps = 0;
    for l in &lines {
        let Some(n) = l.text.strip_prefix("Continued on page ") else {
            continue;
        };
        let to: usize = n.trim().parse().expect("a page number");
        let from = format!("Continued from page {}", l.page + 1);
        assert!(
            lines
                .iter()
                .any(|m| m.page + 1 == to && m.text.trim() == from),
            "page {} says {:?} but page {to} has no {from:?}",
            l.page + 1,
            l.text
        );
        jumps += 1;
    }
    assert_eq!(jumps, 2, "the lead and the second story both jump");
}

#[test]
fn body_lines_of_every_column_share_the_baseline_grid() {
    let (_dir, pdf) = example();
    let lines = pdf.lines();
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(0) + 1;
    assert_eq!(pages, 4);
    for page in 0..pages {
        let on: Vec<&TextLine> = body(&lines)
            .into_iter()
            .filter(|l| l.page == page)
            .collect();
        assert!(on.len() > 20, "page {} has body text", page + 1);
        let phase = |l: &TextLine| (PAGE_H - l.y - MARGIN).rem_euclid(BASELINE);
        let first = phase(on[0]);
        for l in &on {
            let d = (phase(l) - first).abs();
            assert!(
                d.min(BASELINE - d) < 0.1,
                "page {}: {:?} is {d:.2}pt off the grid",
                page + 1,
                l.text
            );
        }
    }
}

#[test]
fn the_last_part_of_a_story_ends_in_balanced_columns() {
    // The lead continues on page 2 in columns 1–3 (round a pull quote) and
    // ends there.
    let (_dir, pdf) = example();
    // Above the story placed below it.
    let lowest = column_feet(&pdf.lines(), 1, 1..=3, PAGE_H / 3.0);
    let (lo, hi) = spread(&lowest);
    assert!(lo < f32::MAX, "columns 1–3 of page 2 have text: {lowest:?}");
    assert!(
        hi - lo <= BASELINE + 0.1,
        "columns end within a line of each other: {lowest:?}"
    );
}

/// A story continued twice, from a plan written here: every word arrives,
/// through two jumps, on the pages the jump lines name.
#[test]
fn a_story_continued_twice_loses_no_word() {
    let dir = scratch();
    let mut text = String::from("+++\nheadline = \"A Long Report From the Hearing\"\n+++\n");
    for i in 0..60 {
        text.push_str(&format!(
            "Paragraph {i} of the report. The hearing went on through the \
             afternoon while witnesses described the conditions in the yard, \
             the hours they worked and what they were paid for them.\n\n"
        ));
    }
    std::fs::write(dir.path().join("content/long.md"), text).expect("write");
    let layout = r#"
[paper]
size = "Tabloid"
[margins]
top = "14mm"
bottom = "16mm"
inside = "14mm"
outside = "14mm"
[columns]
count = 5
gutter = "4.5mm"
baseline = "11pt"
[[pages]]
  [[pages.place]]
  article = "long"
  columns = [1, 2]
  height = "40 lines"
  [[pages.place]]
  article = "bus-drivers"
  columns = [3, 5]
[[pages]]
  [[pages.place]]
  article = "long"
  columns = [1, 1]
  height = "30 lines"
[[pages]]
  [[pages.place]]
  article = "long"
  columns = [2, 4]
"#;
    std::fs::write(dir.path().join("layouts/twice.toml"), layout).expect("write");
    let pdf = build(
        dir.path(),
        "layouts/twice.toml",
        &["content/long.md", "content/05-bus-drivers.md"],
    );
    let text = pdf.text();
    let words = article_words(&dir.path().join("content/long.md"));
    if let Err(i) = find_in_order(&text, &words, 60) {
        panic!("word {i} ({:?}) not found in order", words.get(i));
    }
    let lines = pdf.lines();
    // The last part, columns 2–4 of page 3, ends level within a line.
    let ends = column_feet(&lines, 2, 2..=4, 0.0);
    let (lo, hi) = spread(&ends);
    assert!(lo < f32::MAX && hi - lo <= BASELINE + 0.1, "{ends:?}");
    for (page, to) in [(1, 2), (2, 3)] {
        assert!(
            lines
                .iter()
                .any(|l| l.page + 1 == page && l.text == format!("Continued on page {to}")),
            "page {page} jumps to {to}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.page + 1 == to && l.text == format!("Continued from page {page}")),
            "page {to} continues from {page}"
        );
    }
}

/// Writes `plan` after a five-column tabloid header and builds the example
/// content with it; returns the error text.
fn plan_error(plan: &str) -> String {
    let dir = scratch();
    let layout =
        format!("[paper]\nsize = \"Tabloid\"\n[columns]\ncount = 5\nbaseline = \"11pt\"\n{plan}");
    std::fs::write(dir.path().join("layouts/bad.toml"), layout).expect("write");
    std::fs::write(dir.path().join("out.pdf"), b"good old pdf").expect("write");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/bad.toml",
            "-o",
            "out.pdf",
            "content",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "fails: {}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("out.pdf")).expect("read"),
        b"good old pdf",
        "the old PDF is kept"
    );
    stderr(&out)
}

#[test]
fn an_unknown_article_is_an_error_at_its_line() {
    let e = plan_error("[[pages]]\n  [[pages.place]]\n  article = \"nowhere\"\n");
    assert!(e.contains("bad.toml:8:"), "{e}");
    assert!(
        e.contains("no article `nowhere`") && e.contains("warehouse-strike"),
        "{e}"
    );
}

#[test]
fn overlapping_placements_are_an_error() {
    let e = plan_error(
        "[[pages]]\n  [[pages.place]]\n  article = \"tenants\"\n  columns = [1, 3]\n\
         [[pages.place]]\n  article = \"library\"\n  columns = [3, 5]\n",
    );
    assert!(
        e.contains("bad.toml:11:") && e.contains("overlaps `tenants`"),
        "{e}"
    );
}

#[test]
fn placements_off_the_page_are_errors() {
    let e =
        plan_error("[[pages]]\n  [[pages.place]]\n  article = \"tenants\"\n  columns = [4, 6]\n");
    assert!(
        e.contains("bad.toml:9:") && e.contains("between 1 and 5"),
        "{e}"
    );
    let e = plan_error(
        "[[pages]]\n  [[pages.place]]\n  article = \"tenants\"\n  height = \"400 lines\"\n",
    );
    assert!(
        e.contains("bad.toml:9:") && e.contains("runs off the page"),
        "{e}"
    );
}

#[test]
fn a_plan_placement_report_tells_lines_over_and_under() {
    let dir = scratch();
    let out = mimeo(
        dir.path(),
        &["build", "-o", "out.pdf", "--report", "r.json", "content"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).expect("read"))
            .expect("json");
    let lead = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["id"] == "01-warehouse-strike")
        .expect("the lead");
    let parts = lead["placements"].as_array().expect("placements");
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["page"], 1);
    assert_eq!(parts[0]["columns"], serde_json::json!([1, 4]));
    assert_eq!(parts[1]["page"], 2);
    for p in parts {
        assert_eq!(p["lines_over"], 0);
        assert!(p["lines_under"].is_u64());
    }
}

#[test]
fn a_pull_quote_spans_its_columns_with_text_round_it() {
    let (_dir, pdf) = example();
    let lines = pdf.lines();
    // Page 2: the lead's continuation, columns 1–3, quote across 2–3.
    let quote: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == 1 && l.size > 12.0 && l.size < 20.0)
        .filter(|l| (l.x - column_left(2)).abs() < 1.0 && l.y > PAGE_H / 3.0)
        .collect();
    assert!(
        quote
            .first()
            .is_some_and(|l| l.text.starts_with("“They timed")),
        "{quote:?}"
    );
    let right = column_left(3) + column_width();
    assert!(quote.iter().all(|l| l.end <= right + 0.5), "{quote:?}");
    assert!(
        quote.iter().any(|l| l.end > column_left(3)),
        "spans two columns"
    );
    let (low, high) = spread(&quote.iter().map(|l| l.y).collect::<Vec<_>>());
    for c in 2..=3 {
        let ys: Vec<f32> = body(&lines)
            .iter()
            .filter(|l| l.page == 1 && (l.x - column_left(c)).abs() < 12.0)
            .filter(|l| l.y > PAGE_H / 3.0) // the lead, not the story below it
            .map(|l| l.y)
            .collect();
        assert!(ys.iter().any(|&y| y > high), "column {c}: text above");
        assert!(ys.iter().any(|&y| y < low), "column {c}: text below");
        // Nothing under the quote: a body line's cap height clears its
        // rules (two points above the first line, more below the last).
        assert!(
            ys.iter().all(|&y| y > high + 20.0 || y < low - 15.0),
            "column {c}: {ys:?} inside {low}..{high}"
        );
    }
}

#[test]
fn a_pull_quote_the_article_lacks_is_an_error_at_its_line() {
    let e = plan_error(
        "[[pages]]\n  [[pages.place]]\n  article = \"bus-drivers\"\n  columns = [1, 3]\n  pullquote = 2\n",
    );
    assert!(
        e.contains("bad.toml:10:") && e.contains("has no pull quote"),
        "{e}"
    );
    let e = plan_error(
        "[[pages]]\n  [[pages.place]]\n  article = \"library\"\n  columns = [1, 3]\n  pullquote = [3, 4]\n",
    );
    assert!(
        e.contains("bad.toml:10:") && e.contains("within the placement's, 1–3"),
        "{e}"
    );
}

#[test]
fn column_rules_stand_in_the_gutters_and_stop_short_of_a_pull_quote() {
    let (_dir, pdf) = example();
    let rules = pdf.rules();
    let hairlines = |page: usize, c: usize| -> Vec<common::Rule> {
        let x = column_left(c) - GUTTER / 2.0;
        rules
            .iter()
            .filter(|r| r.page == page && (r.width - 0.3).abs() < 0.01)
            .filter(|r| (r.from.0 - x).abs() < 0.1 && (r.to.0 - x).abs() < 0.1)
            .copied()
            .collect()
    };
    // Page 1: the lead's gutters (columns 1–4) each have one.
    for c in 2..=4 {
        assert!(!hairlines(0, c).is_empty(), "gutter before column {c}");
    }
    // Page 2: the quote crosses the gutter between columns 2 and 3 of the
    // lead's continuation; the rule is broken round it.
    let quote_y: Vec<f32> = pdf
        .lines()
        .iter()
        .filter(|l| l.page == 1 && l.size > 12.0 && l.size < 20.0 && l.y > PAGE_H / 3.0)
        .filter(|l| (l.x - column_left(2)).abs() < 1.0)
        .map(|l| l.y)
        .collect();
    let (low, high) = spread(&quote_y);
    let pieces: Vec<common::Rule> = hairlines(1, 3)
        .into_iter()
        .filter(|r| r.from.1.min(r.to.1) > PAGE_H / 3.0)
        .collect();
    assert_eq!(pieces.len(), 2, "{pieces:?}");
    for r in &pieces {
        let (y0, y1) = (r.from.1.min(r.to.1), r.from.1.max(r.to.1));
        assert!(
            y1 < low - 5.0 || y0 > high + 5.0,
            "{r:?} crosses {low}..{high}"
        );
    }
}

#[test]
fn no_jump_lines_on_the_same_page_and_none_over_an_empty_continuation() {
    let dir = scratch();
    let plan = r#"
[[pages]]
  [[pages.place]]
  article = "bus-drivers"
  columns = [1, 2]
  height = "12 lines"
  [[pages.place]]
  article = "bus-drivers"
  columns = [1, 2]
  below = "bus-drivers"
  height = "30 lines"
[[pages]]
  [[pages.place]]
  article = "bus-drivers"
  columns = [3, 5]
"#;
    let (pdf, said) = build_planned(dir.path(), "content/05-bus-drivers.md", plan);
    assert!(
        said.contains(
            "page 2, columns 3–5 (layouts/plan.toml:19): the story ends before this placement"
        ),
        "{said}"
    );
    let text = pdf.text();
    assert!(!text.contains("Continued"), "{text}");
    let words = article_words(&dir.path().join("content/05-bus-drivers.md"));
    assert!(find_in_order(&text, &words, 60).is_ok());
}

#[test]
fn a_pull_quote_without_room_is_left_out_with_a_warning() {
    let dir = scratch();
    let plan = r#"
[[pages]]
  [[pages.place]]
  article = "kitchen"
  columns = [1, 3]
  height = "9 lines"
  pullquote = 1
  [[pages.place]]
  article = "kitchen"
  columns = [1, 3]
  below = "kitchen"
"#;
    let (pdf, said) = build_planned(dir.path(), "content/11-kitchen.md", plan);
    assert!(said.contains("no room for the pull quote"), "{said}");
    assert!(pdf.lines().iter().all(|l| l.size < 12.0 || l.size > 20.0));
}
