//! Imposed sheets read back: sheet size, which page is on which half of
//! each sheet side (every placed page is the reading-order page itself, as
//! a form), backs turned for a long-edge printer, creep, cut marks, and the
//! viewer preferences that make a printer print it right.

use crate::common;

use std::path::Path;

use common::{mimeo, scratch, stderr, Pdf};
use lopdf::{Object, ObjectId};

/// An A5 booklet spec of one column, `extra` added.
fn booklet_spec(extra: &str) -> String {
    format!(
        "[document]\ntitle = \"Booklet\"\n[paper]\nsize = \"A5\"\n[columns]\ncount = 1\n\
         [imposition]\nkind = \"booklet\"\n{extra}\n"
    )
}

/// Builds `articles` with `spec`; returns the reading-order PDF, the
/// imposed one and what mimeo said.
fn build(dir: &Path, spec: &str, articles: &[&str]) -> (Pdf, Pdf, String) {
    std::fs::write(dir.join("layouts/imposed.toml"), spec).expect("write");
    let mut args = vec!["build", "--layout", "layouts/imposed.toml", "-o", "out.pdf"];
    args.extend_from_slice(articles);
    let out = mimeo(dir, &args);
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    let kind = if spec.contains("n-up") {
        "4up"
    } else {
        "booklet"
    };
    let imposed = Pdf::open(&dir.join(format!("out-{kind}.pdf")));
    (Pdf::open(&dir.join("out.pdf")), imposed, said)
}

/// A page placed on a sheet side: which page (from 1), where its corner
/// lands (the `cm` translation) and whether it is turned.
#[derive(Debug)]
struct Placed {
    page: usize,
    x: f32,
    turned: bool,
    form: ObjectId,
}

fn placed(pdf: &Pdf, side: ObjectId) -> Vec<Placed> {
    let content = pdf.doc.get_page_content(side);
    let ops = lopdf::content::Content::decode(&content)
        .expect("content")
        .operations;
    let num = |o: &Object| o.as_float().unwrap_or(0.0);
    let page = pdf.doc.get_dictionary(side).expect("page");
    let res = match page.get(b"Resources").expect("resources") {
        Object::Reference(id) => pdf.doc.get_dictionary(*id).expect("resources"),
        Object::Dictionary(d) => d,
        _ => panic!("resources"),
    };
    let xobjects = res
        .get(b"XObject")
        .and_then(Object::as_dict)
        .expect("forms");
    let mut out = Vec::new();
    let mut cm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    for op in &ops {
        match op.operator.as_str() {
            "cm" => {
                for (v, o) in cm.iter_mut().zip(&op.operands) {
                    *v = num(o);
                }
            }
            "Do" => {
                let name = op.operands[0].as_name().expect("name");
                let n: usize = std::str::from_utf8(&name[2..])
                    .expect("utf8")
                    .parse()
                    .expect("Pg<n>");
                let form = xobjects
                    .get(name)
                    .and_then(Object::as_reference)
                    .expect("form");
                out.push(Placed {
                    page: n,
                    x: cm[4],
                    turned: cm[0] < 0.0,
                    form,
                });
            }
            _ => {}
        }
    }
    out
}

/// The pages on a side as (left, right) as the side reads when held the
/// right way up; 0 for a blank.
fn pair(pdf: &Pdf, side: ObjectId) -> (usize, usize) {
    let sheet = pdf.page_box(side, b"MediaBox").expect("media");
    let (mut left, mut right) = (0, 0);
    for p in placed(pdf, side) {
        let bbox = pdf
            .doc
            .get_object(p.form)
            .and_then(Object::as_stream)
            .and_then(|s| s.dict.get(b"BBox"))
            .and_then(Object::as_array)
            .expect("bbox");
        let w = bbox[2].as_float().expect("width");
        // A turned page's corner is its right edge.
        let centre = if p.turned {
            p.x - w / 2.0
        } else {
            p.x + w / 2.0
        };
        // Held the right way up, a turned side reads mirrored.
        if (centre < sheet[2] / 2.0) != p.turned {
            left = p.page;
        } else {
            right = p.page;
        }
    }
    (left, right)
}

#[test]
fn eight_a5_pages_go_on_a4_in_saddle_stitch_order_backs_turned() {
    let dir = scratch();
    let (plain, imposed, said) = build(
        dir.path(),
        &booklet_spec("").replace("title = \"Booklet\"", "title = \"Booklet\"\nmax_pages = 8"),
        &["content"],
    );
    assert_eq!(plain.page_ids().len(), 8, "{said}");
    let sides = imposed.page_ids();
    assert_eq!(sides.len(), 4);
    for &side in &sides {
        let media = imposed.page_box(side, b"MediaBox").expect("media");
        assert!(
            (media[2] - 841.9).abs() < 0.5 && (media[3] - 595.3).abs() < 0.5,
            "{media:?}"
        );
    }
    let pairs: Vec<(usize, usize)> = sides.iter().map(|&s| pair(&imposed, s)).collect();
    assert_eq!(pairs, [(8, 1), (2, 7), (6, 3), (4, 5)]);
    // Long-edge duplex: every back is turned, no front is.
    for (i, &side) in sides.iter().enumerate() {
        assert!(placed(&imposed, side)
            .iter()
            .all(|p| p.turned == (i % 2 == 1)));
    }
    // Each placed page is the reading-order page itself.
    for &side in &sides {
        for p in placed(&imposed, side) {
            let form = imposed
                .doc
                .get_object(p.form)
                .and_then(Object::as_stream)
                .expect("form");
            let ours = form.decompressed_content().expect("form content");
            let theirs = plain.doc.get_page_content(plain.page_ids()[p.page - 1]);
            assert!(
                ours.trim_ascii() == theirs.trim_ascii(),
                "page {} is not the reading-order page",
                p.page
            );
        }
    }
    // A printer is told to print it at 100 %, turning on the long edge.
    let catalog = imposed.doc.catalog().expect("catalog");
    let prefs = match catalog.get(b"ViewerPreferences").expect("preferences") {
        Object::Reference(id) => imposed.doc.get_dictionary(*id).expect("prefs"),
        Object::Dictionary(d) => d,
        _ => panic!("preferences"),
    };
    let name = |k: &[u8]| prefs.get(k).and_then(Object::as_name).ok();
    assert_eq!(name(b"Duplex"), Some(b"DuplexFlipLongEdge".as_slice()));
    assert_eq!(name(b"PrintScaling"), Some(b"None".as_slice()));
    let bytes = std::fs::read(dir.path().join("out-booklet.pdf")).expect("pdf");
    common::pdfcheck::check(&bytes).expect("a valid PDF");
}

#[test]
fn ten_pages_are_padded_to_twelve_with_a_warning_and_creep_moves_inner_sheets() {
    let dir = scratch();
    let spec = booklet_spec("creep = \"0.3mm\"\nduplex = \"short\"")
        .replace("title = \"Booklet\"", "title = \"Booklet\"\nmax_pages = 10");
    let (plain, imposed, said) = build(dir.path(), &spec, &["content"]);
    assert_eq!(plain.page_ids().len(), 10, "{said}");
    assert!(said.contains("2 blank pages"), "{said}");
    let sides = imposed.page_ids();
    assert_eq!(sides.len(), 6);
    let pairs: Vec<(usize, usize)> = sides.iter().map(|&s| pair(&imposed, s)).collect();
    // The back cover stays last; pages 11 and 12 are blank (0 here).
    assert_eq!(pairs[0], (10, 1));
    assert_eq!(pairs[1], (2, 0));
    assert_eq!(pairs[2], (0, 3));
    // Short-edge duplex: nothing turned.
    assert!(sides
        .iter()
        .all(|&s| placed(&imposed, s).iter().all(|p| !p.turned)));
    // The innermost sheet's right page sits 0.6 mm nearer the spine than
    // the outermost's (two sheets in, 0.3 mm each).
    let right = |side| {
        placed(&imposed, side)
            .iter()
            .map(|p| p.x)
            .fold(f32::MIN, f32::max)
    };
    let shift = right(sides[0]) - right(sides[4]);
    assert!((shift - 0.6 * 72.0 / 25.4).abs() < 0.1, "{shift}");
}

#[test]
fn four_a6_flyers_share_a4_with_cut_marks_and_their_text() {
    let dir = scratch();
    let spec = "[document]\ntitle = \"Flyer\"\n[paper]\nsize = \"A6\"\n[margins]\ntop = \"8mm\"\n\
                bottom = \"8mm\"\ninside = \"8mm\"\noutside = \"8mm\"\n[imposition]\n\
                kind = \"n-up\"\ncopies = 4\n";
    let (plain, imposed, _) = build(dir.path(), spec, &["content/03-get-involved.md"]);
    let sides = imposed.page_ids();
    assert_eq!(sides.len(), plain.page_ids().len());
    for (i, &side) in sides.iter().enumerate() {
        let media = imposed.page_box(side, b"MediaBox").expect("media");
        assert!((media[2] - 595.3).abs() < 0.5 && (media[3] - 841.9).abs() < 0.5);
        let copies = placed(&imposed, side);
        assert_eq!(copies.len(), 4);
        assert!(copies.iter().all(|p| p.page == i + 1));
        // The copies are text: the form names its fonts and shows glyphs.
        let form = imposed
            .doc
            .get_object(copies[0].form)
            .and_then(Object::as_stream)
            .expect("form");
        let text =
            String::from_utf8_lossy(&form.decompressed_content().expect("content")).into_owned();
        assert!(text.contains("BT") && text.contains("TJ"));
        // Cut marks: short strokes in the registration colour where the
        // cuts between the copies meet the sheet's edges.
        let ops = lopdf::content::Content::decode(&imposed.doc.get_page_content(side))
            .expect("content")
            .operations;
        assert!(ops.iter().any(|o| o.operator == "CS"
            && o.operands.first().and_then(|n| n.as_name().ok()) == Some(b"CsAll".as_slice())));
        let strokes = ops.iter().filter(|o| o.operator == "l").count();
        assert_eq!(strokes, 4);
    }
    let bytes = std::fs::read(dir.path().join("out-4up.pdf")).expect("pdf");
    common::pdfcheck::check(&bytes).expect("a valid PDF");
}

#[test]
fn a_booklet_that_does_not_fit_its_sheet_is_an_error_at_its_line() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("layouts/big.toml"),
        "[paper]\nsize = \"A4\"\n[imposition]\nkind = \"booklet\"\nsheet = \"A4\"\n",
    )
    .expect("write");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/big.toml",
            "-o",
            "out.pdf",
            "content",
        ],
    );
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("big.toml:4") && said.contains("sheet"),
        "{said}"
    );
    // --impose on the command line needs no [imposition] table.
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/leaflet-a4.toml",
            "--impose",
            "booklet",
            "-o",
            "leaflet.pdf",
            "content",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let booklet = Pdf::open(&dir.path().join("leaflet-booklet.pdf"));
    // A4 pages: on A3.
    let media = booklet
        .page_box(booklet.page_ids()[0], b"MediaBox")
        .expect("media");
    assert!(
        (media[2] - 1190.6).abs() < 1.0 && (media[3] - 841.9).abs() < 1.0,
        "{media:?}"
    );
}
