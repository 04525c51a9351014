//! What a print shop gets: a bleed round every page with the boxes that
//! describe it, and crop marks in the registration colour.

mod common;

use common::{mimeo, scratch, stderr, Pdf};
use lopdf::Object;

/// Builds the example content with `paper` lines added to a Letter leaflet.
fn build(paper: &str) -> (tempfile::TempDir, Pdf, String) {
    let dir = scratch();
    let layout = std::fs::read_to_string(dir.path().join("layouts/leaflet-letter.toml"))
        .expect("layout")
        .replace("[paper]\n", &format!("[paper]\n{paper}\n"));
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
            .filter_map(|(_, v)| v.as_array().ok())
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
