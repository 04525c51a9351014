//! What a print shop gets: a bleed round every page with the boxes that
//! describe it, and crop marks in the registration colour.

use crate::common;

use common::{mimeo, scratch, stderr, Pdf};
use lopdf::Object;

/// Builds the example content with `paper` lines added to a Letter leaflet.
fn build(paper: &str) -> (tempfile::TempDir, Pdf, String) {
    build_with(paper, "")
}

/// … and `tables` added at the end of its spec.
fn build_with(paper: &str, tables: &str) -> (tempfile::TempDir, Pdf, String) {
    let dir = scratch();
    let mut layout = std::fs::read_to_string(dir.path().join("layouts/leaflet-letter.toml"))
        .expect("layout")
        .replace("[paper]\n", &format!("[paper]\n{paper}\n"));
    layout.push_str(tables);
    std::fs::write(dir.path().join("layouts/print.toml"), layout).expect("write");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/print.toml",
            "-o",
            "out.pdf",
            "content",
        ],
    );
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    let pdf = Pdf::open(&dir.path().join("out.pdf"));
    (dir, pdf, said)
}

#[test]
fn a_bleed_puts_the_trim_inside_the_bleed_inside_the_sheet() {
    let (dir, pdf, _) = build("bleed = \"3mm\"\nmarks = \"crop\"");
    let bleed = 3.0 * 72.0 / 25.4;
    for page in pdf.page_ids() {
        let b = |key: &[u8]| pdf.page_box(page, key).expect("a box");
        let (media, bleed_box, trim) = (b(b"MediaBox"), b(b"BleedBox"), b(b"TrimBox"));
        // The trim is the paper: Letter.
        assert!((trim[2] - trim[0] - 612.0).abs() < 0.01, "{trim:?}");
        assert!((trim[3] - trim[1] - 792.0).abs() < 0.01, "{trim:?}");
        for i in 0..2 {
            assert!(
                (trim[i] - bleed_box[i] - bleed).abs() < 0.01,
                "{bleed_box:?}"
            );
            assert!(
                (bleed_box[i + 2] - trim[i + 2] - bleed).abs() < 0.01,
                "{bleed_box:?}"
            );
            assert!(media[i] <= bleed_box[i] && media[i + 2] >= bleed_box[i + 2]);
        }
        // The marks' colour prints on every plate: a Separation named All.
        let page_dict = pdf.doc.get_dictionary(page).expect("page");
        let res = page_dict
            .get(b"Resources")
            .and_then(|r| match r {
                Object::Reference(id) => pdf.doc.get_dictionary(*id),
                Object::Dictionary(d) => Ok(d),
                _ => Err(lopdf::Error::DictKey("Resources".into())),
            })
            .expect("resources");
        let spaces = res
            .get(b"ColorSpace")
            .and_then(Object::as_dict)
            .expect("color spaces");
        let all = spaces
            .iter()
            .filter_map(|(_, v)| match v {
                Object::Reference(id) => pdf.doc.get_object(*id).ok()?.as_array().ok(),
                v => v.as_array().ok(),
            })
            .any(|a| {
                a.first().and_then(|o| o.as_name().ok()) == Some(b"Separation".as_slice())
                    && a.get(1).and_then(|o| o.as_name().ok()) == Some(b"All".as_slice())
            });
        assert!(all, "no registration colour");
    }
    // The text sits inside the trim, moved onto the sheet with it.
    let trim = pdf.page_box(pdf.page_ids()[0], b"TrimBox").expect("trim");
    assert!(pdf.text().contains("picket"));
    let bytes = std::fs::read(dir.path().join("out.pdf")).expect("pdf");
    common::pdfcheck::check(&bytes).expect("a valid PDF");
    assert!(trim[0] > bleed);
}

#[test]
fn without_a_bleed_every_box_is_the_page() {
    let (_, pdf, _) = build("");
    for page in pdf.page_ids() {
        let media = pdf.page_box(page, b"MediaBox");
        for key in [b"BleedBox".as_slice(), b"TrimBox", b"CropBox"] {
            assert_eq!(pdf.page_box(page, key), media);
        }
    }
}

/// Builds the example content with `spec` as `layouts/NAME`; it must fail.
/// Returns what mimeo said.
fn refused(name: &str, spec: &str) -> String {
    let dir = scratch();
    std::fs::write(dir.path().join("layouts").join(name), spec).expect("write");
    let layout = format!("layouts/{name}");
    let out = mimeo(
        dir.path(),
        &["build", "--layout", &layout, "-o", "out.pdf", "content"],
    );
    assert!(!out.status.success(), "{name} built");
    assert!(!dir.path().join("out.pdf").exists());
    stderr(&out)
}

#[test]
fn a_bleed_past_reason_is_an_error_at_its_line() {
    let said = refused("big.toml", "[paper]\nsize = \"A4\"\nbleed = \"30mm\"\n");
    assert!(
        said.contains("big.toml:3") && said.contains("bleed"),
        "{said}"
    );
}

#[test]
fn colours_are_the_specs_and_black_type_overprints() {
    let (_, pdf, _) = build_with(
        "",
        "\n[inks.red]\ncmyk = [0, 90, 85, 0]\n[styles.byline]\ncolour = \"red 80%\"\n\
         [styles.caption]\ncolor = \"cmyk 100 0 0 0\"\n[colours]\nrules = \"gray 60%\"\n",
    );
    let content: String = pdf
        .page_ids()
        .into_iter()
        .map(|page| String::from_utf8_lossy(&pdf.doc.get_page_content(page)).into_owned())
        .collect();
    // The byline in the spot ink, the caption in cyan, a rule in grey.
    assert!(content.contains("/Ink0 cs\n0.8 scn"), "no byline in red");
    assert!(content.contains("1 0 0 0 k"), "no caption in cyan");
    assert!(content.contains("0.4 G"), "no grey rule");
    // Black type is 100 % K under the overprinting state, never grey.
    let black = content.find("0 0 0 1 k").expect("black type");
    let op = content[..black].rfind("/GSop gs").expect("overprint");
    assert!(content[op..black].find("/GSko gs").is_none());
    assert!(!content.contains(" 0 g\n"), "black as DeviceGray");
    // The ink is a Separation called red, with its CMYK stand-in.
    let ink = pdf.separation("red").expect("a Separation for red");
    assert_eq!(ink[2].as_name().ok(), Some(b"DeviceCMYK".as_slice()));
    let state = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"op").and_then(Object::as_bool).ok() == Some(true))
        .expect("an overprinting graphics state");
    assert_eq!(state.get(b"OPM").and_then(Object::as_i64).ok(), Some(1));
}

#[test]
fn a_screen_colour_is_an_error_at_its_line() {
    let said = refused(
        "rgb.toml",
        "[paper]\nsize = \"A4\"\n\n[styles.body]\ncolour = \"#ff0000\"\n",
    );
    assert!(
        said.contains("rgb.toml:5") && said.contains("CMYK"),
        "{said}"
    );
}

/// The clipping rectangles drawn on `page` (in PDF coordinates, x0 y0 x1 y1).
fn clips(pdf: &Pdf, page: lopdf::ObjectId) -> Vec<[f32; 4]> {
    let content = pdf.doc.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content)
        .expect("content")
        .operations;
    let num = |o: &Object| o.as_float().unwrap_or(0.0);
    let mut shift = (0.0, 0.0);
    let mut out = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        // The page is moved onto its sheet once, at the start.
        if op.operator == "cm" && out.is_empty() && op.operands.len() == 6 {
            shift = (num(&op.operands[4]), num(&op.operands[5]));
        }
        if op.operator == "re" && ops.get(i + 1).is_some_and(|n| n.operator == "W") {
            let v: Vec<f32> = op.operands.iter().map(num).collect();
            let (x, y) = (v[0] + shift.0, v[1] + shift.1);
            out.push([x, y, x + v[2], y + v[3]]);
        }
    }
    out
}

#[test]
fn a_photo_runs_off_the_page_to_the_bleed_and_nothing_else_does() {
    let dir = scratch();
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/tabloid-bleed.toml",
            "-o",
            "out.pdf",
            "content",
        ],
    );
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    // Nothing is reported past the trim: what runs off was meant to.
    assert!(!said.contains("past the trim"), "{said}");
    let pdf = Pdf::open(&dir.path().join("out.pdf"));
    let pages = pdf.page_ids();
    let bleed_box = |p| pdf.page_box(p, b"BleedBox").expect("bleed box");
    let trim_box = |p| pdf.page_box(p, b"TrimBox").expect("trim box");
    // Page 1: the lead photo reaches the bleed on the right (outside), and
    // stays inside the trim at the top.
    let (b1, t1) = (bleed_box(pages[0]), trim_box(pages[0]));
    let c1 = clips(&pdf, pages[0]);
    assert!(
        c1.iter()
            .any(|c| (c[2] - b1[2]).abs() < 0.1 && c[3] < t1[3]),
        "no photo to the right bleed on page 1: {c1:?} in {b1:?}"
    );
    // Registration targets at the middle of each side: four circles of four
    // curves each, drawn before the page is moved onto its sheet.
    let ops = lopdf::content::Content::decode(&pdf.doc.get_page_content(pages[0]))
        .expect("content")
        .operations;
    let first_cm = ops.iter().position(|o| o.operator == "cm").expect("cm");
    let curves = ops[..first_cm].iter().filter(|o| o.operator == "c").count();
    assert_eq!(curves, 16, "registration targets");
    // Page 3 (right-hand): the library photo runs off the top and outside.
    let b3 = bleed_box(pages[2]);
    let c3 = clips(&pdf, pages[2]);
    assert!(
        c3.iter()
            .any(|c| (c[2] - b3[2]).abs() < 0.1 && (c[3] - b3[3]).abs() < 0.1),
        "no photo to the top right bleed on page 3: {c3:?} in {b3:?}"
    );
    // No line of text leaves the trim (lines are read in the page's own
    // coordinates, from the trim's corner).
    for line in pdf.lines() {
        let t = trim_box(pages[line.page]);
        let (w, h) = (t[2] - t[0], t[3] - t[1]);
        // But the slug line, under the page between the crop marks: the
        // title, the date and the page number.
        if line.y < 0.0 {
            assert!(line.text.starts_with("The Common Ground"), "{line:?}");
            let number = (line.page + 1).to_string();
            assert!(line.text.trim_end().ends_with(&number), "{line:?}");
            assert!(line.y < -8.5, "{line:?} in the bleed");
            continue;
        }
        assert!(
            line.x >= -0.5 && line.end <= w + 0.5 && line.y >= 0.0 && line.y <= h,
            "{line:?} outside the {w}×{h} trim"
        );
    }
    let bytes = std::fs::read(dir.path().join("out.pdf")).expect("pdf");
    common::pdfcheck::check(&bytes).expect("a valid PDF");
}

#[test]
fn a_bleed_that_cannot_be_is_an_error_at_its_line() {
    let dir = scratch();
    let tabloid =
        std::fs::read_to_string(dir.path().join("layouts/tabloid-bleed.toml")).expect("layout");
    let cases = [
        // No bleed round the page to run into.
        (tabloid.replace("bleed = \"3mm\"\n", ""), "bleed = \"3mm\""),
        // The top of the front page is the masthead's.
        (
            tabloid.replace("bleed = [\"outside\"]", "bleed = [\"top\"]"),
            "masthead",
        ),
        // A photo sits at its placement's top: it cannot run off the bottom.
        (
            tabloid.replace("bleed = [\"outside\"]", "bleed = [\"bottom\"]"),
            "bottom",
        ),
        // Column 2 is not at the page's left edge.
        (
            tabloid.replace("bleed = [\"outside\"]", "bleed = [\"inside\"]"),
            "left edge",
        ),
        (
            tabloid.replace("bleed = [\"outside\"]", "bleed = [\"up\"]"),
            "`up`",
        ),
    ];
    for (spec, expected) in cases {
        assert_ne!(spec, tabloid);
        std::fs::write(dir.path().join("layouts/bad.toml"), spec).expect("write");
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
        assert!(!out.status.success(), "{expected}");
        let said = stderr(&out);
        assert!(
            said.contains("bad.toml:") && said.contains(expected),
            "{expected}: {said}"
        );
    }
}
