//! Every line stays inside its region. A story is continued through open,
//! ruled and tinted placements (whose columns are narrower by the box's
//! inset), past its photo and round its pull quote, on the page geometry of
//! every layout in `layouts/`; the lines are read back from the PDF and
//! measured against the placements the spec resolves to.

use crate::common;

use std::path::Path;

use common::{article_words, find_in_order, mimeo, scratch, stderr, Pdf, TextLine};
use mimeo::spec::plan::Place;
use mimeo::spec::Spec;

/// A story of `paragraphs` paragraphs, with a photo, caption and pull quote.
fn long_story(paragraphs: usize) -> String {
    let mut text = String::from(
        "+++\nheadline = \"The Yard Where Nobody Clocks Off\"\n\
         image = \"picket-line.jpg\"\ncaption = \"Night shift at the gate.\"\n\
         pullquote = \"We asked for a chair and a clock that works.\"\n+++\n",
    );
    let sentences = [
        "The night crew at the freight yard starts at ten and, on paper, stops at six.",
        "Most weeks the last container is not signed off until after seven, unpaid.",
        "A checker who has worked the cranes for eleven years kept a notebook of every late finish.",
        "Management answered the petition with a laminated poster about teamwork.",
        "Nobody in the canteen believes the poster, and somebody has drawn a clock on it.",
        "The union branch will meet on Sunday in the hall behind the launderette.",
    ];
    for i in 0..paragraphs {
        let mut p = String::new();
        for k in 0..3 + i % 3 {
            p.push_str(sentences[(i + k) % sentences.len()]);
            p.push(' ');
        }
        text.push_str(p.trim_end());
        text.push_str("\n\n");
    }
    text
}

/// A plan that threads the story through every kind of region on `n`
/// columns: open with its photo, in a ruled box, in a tint, open again,
/// and on to a page of its own round its pull quote.
fn plan(n: usize, lines: f32) -> String {
    let quote = n.min(2);
    // The depths below, or less on a small page (of `lines` lines).
    let h = |fixed: f32, share: f32| fixed.min((lines * share).floor());
    let (a, b, c, d) = (h(24.0, 0.45), h(16.0, 0.3), h(20.0, 0.4), h(14.0, 0.28));
    format!(
        r#"
[[pages]]
  [[pages.place]]
  article = "long"
  columns = [1, {n}]
  height = "{a} lines"
  photo_columns = 1

  [[pages.place]]
  article = "long"
  columns = [1, {n}]
  below = "long"
  height = "{b} lines"
  box = "rule"

[[pages]]
  [[pages.place]]
  article = "long"
  columns = [1, {n}]
  height = "{c} lines"
  box = "tint"

  [[pages.place]]
  article = "long"
  columns = [1, {n}]
  below = "long"
  height = "{d} lines"

[[pages]]
  [[pages.place]]
  article = "long"
  columns = [1, {n}]
  pullquote = {quote}
"#
    )
}

/// Where a placement's text may go: inside its box's inset, each column.
struct Region {
    page: usize,
    top: f32,
    bottom: f32,
    columns: Vec<(f32, f32)>,
    boxed: bool,
}

impl Region {
    fn of(spec: &Spec, page: usize, place: &Place) -> Region {
        let inset = place.inset();
        let left = spec.column_left(page, place.first) + inset;
        let column = spec.place_column(place);
        Region {
            page,
            top: place.top + inset,
            bottom: place.bottom - inset,
            columns: (0..place.columns())
                .map(|c| {
                    let x = left + c as f32 * (column + spec.gutter);
                    (x, x + column)
                })
                .collect(),
            boxed: place.frame.is_some(),
        }
    }

    fn left(&self) -> f32 {
        self.columns[0].0
    }

    fn right(&self) -> f32 {
        self.columns[self.columns.len() - 1].1
    }
}

/// How far a line may hang past its edge: hanging punctuation and hyphens
/// (at least this, or a quarter of an em of its type).
const HANG: f32 = 2.5;

fn hang(line: &TextLine) -> f32 {
    HANG.max(0.25 * line.size)
}

#[test]
fn every_line_of_a_story_threaded_through_boxes_stays_in_its_region() {
    let mut layouts: Vec<_> = std::fs::read_dir(common::root().join("layouts"))
        .expect("layouts")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    layouts.sort();
    assert!(layouts.len() >= 3);
    for layout in layouts {
        check_layout(&layout);
    }
}

fn check_layout(layout: &Path) {
    let name = layout.file_stem().unwrap_or_default().to_string_lossy();
    let dir = scratch();
    let text = std::fs::read_to_string(layout).expect("layout");
    // The layout's page and styles, with the test's plan in place of its own.
    // (Separations add each plate's name to every page: not this test's
    // business.)
    let head = text.split("\n[[pages]]").next().unwrap_or("");
    let head = &head.replace("separate = true", "separate = false");
    let base = mimeo::spec::parse(layout, head).expect("layout parses");
    let n = base.columns;
    let depth = base.page_height - base.margin_top - base.margin_bottom;
    let lines = depth / base.baseline - 3.0;
    let spec_text = format!("{head}\n{}", plan(n, lines));
    let spec_path = dir.path().join("layouts/regions.toml");
    std::fs::write(&spec_path, &spec_text).expect("write spec");
    let story = dir.path().join("content/long.md");
    // Enough to fill the placements, not more (a small page holds less).
    let paragraphs = ((4 + 6 * n) as f32 * (lines / 50.0).min(1.0)).max(4.0) as usize;
    std::fs::write(&story, long_story(paragraphs)).expect("write story");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/regions.toml",
            "-o",
            "out.pdf",
            "content/long.md",
        ],
    );
    let said = stderr(&out);
    assert!(out.status.success(), "{name}: {said}");
    assert!(!said.contains("did not fit"), "{name}: {said}");
    assert!(!said.contains("left out"), "{name}: {said}");
    let spec = mimeo::spec::load(&spec_path).expect("spec");
    let plan = spec.plan.as_ref().expect("a plan");
    let regions: Vec<Region> = plan
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.places.iter().map(move |place| (i, place)))
        .map(|(i, place)| Region::of(&spec, i, place))
        .collect();
    let pdf = Pdf::open(&dir.path().join("out.pdf"));
    let body = spec.styles.body.size;
    let mut in_boxes = 0;
    for line in pdf.lines() {
        let top = spec.page_height - line.y;
        let page_top = plan.pages[line.page].top;
        if top < page_top || top > spec.page_height - spec.margin_bottom {
            // The running head, the masthead, a page number.
            continue;
        }
        let Some(region) = regions.iter().find(|r| {
            r.page == line.page
                && top > r.top - 1.0
                && top < r.bottom + 1.0
                && line.x > r.left() - 8.0
                && line.x < r.right()
        }) else {
            let here: Vec<_> = regions
                .iter()
                .filter(|r| r.page == line.page)
                .map(|r| (r.top, r.bottom, r.left(), r.right()))
                .collect();
            panic!("{name}: a line in no placement ({top:.1} from the top; placements {here:?}): {line:?}");
        };
        assert!(
            line.x >= region.left() - hang(&line) && line.end <= region.right() + hang(&line),
            "{name}: a line runs past its placement ({:.1}–{:.1}): {line:?}",
            region.left(),
            region.right()
        );
        if is_body(&line, body) {
            let inside = region
                .columns
                .iter()
                .any(|&(a, b)| line.x >= a - hang(&line) && line.end <= b + hang(&line));
            assert!(
                inside,
                "{name}: a body line runs past its column {:?}: {line:?}",
                region.columns
            );
            in_boxes += usize::from(region.boxed);
        }
    }
    // The boxes' narrower columns were really set in.
    assert!(in_boxes > 10, "{name}: {in_boxes} body lines in boxes");
    let words = article_words(&story);
    if let Err(i) = find_in_order(&pdf.text(), &words, 80) {
        panic!("{name}: word {i} ({:?}) not found in order", words.get(i));
    }
}

fn is_body(line: &TextLine, size: f32) -> bool {
    (line.size - size).abs() < 0.01 && line.text.chars().count() > 1
}
