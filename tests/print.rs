//! What a print shop gets: a bleed round every page with the boxes that
//! describe it, and crop marks in the registration colour.

mod common;

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

#[test]
fn a_bleed_past_reason_is_an_error_at_its_line() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("layouts/big.toml"),
        "[paper]\nsize = \"A4\"\nbleed = \"30mm\"\n",
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
    let ink = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_array().ok())
        .find(|a| a.get(1).and_then(|n| n.as_name().ok()) == Some(b"red".as_slice()))
        .expect("a Separation for red");
    assert_eq!(ink[0].as_name().ok(), Some(b"Separation".as_slice()));
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
    let dir = scratch();
    std::fs::write(
        dir.path().join("layouts/rgb.toml"),
        "[paper]\nsize = \"A4\"\n\n[styles.body]\ncolour = \"#ff0000\"\n",
    )
    .expect("write");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/rgb.toml",
            "-o",
            "out.pdf",
            "content",
        ],
    );
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("rgb.toml:5") && said.contains("CMYK"),
        "{said}"
    );
    assert!(!dir.path().join("out.pdf").exists());
}
