//! Separations for a risograph read back: one greyscale file per ink with
//! nothing but grey in it, registration crosses at the same place on every
//! plate and on the composite (in the registration colour), the composite
//! showing the inks in their screen colours, and a riso's limits found.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{mimeo, scratch, stderr, Pdf};
use lopdf::Object;

fn build(dir: &Path, spec: &str, articles: &[&str]) -> (std::process::Output, String) {
    std::fs::write(dir.join("layouts/riso.toml"), spec).expect("write");
    let mut args = vec!["build", "--layout", "layouts/riso.toml", "-o", "riso.pdf"];
    args.extend_from_slice(articles);
    let out = mimeo(dir, &args);
    let said = stderr(&out);
    (out, said)
}

/// Operators and operands of every page, decoded.
fn operations(pdf: &Pdf) -> Vec<Vec<lopdf::content::Operation>> {
    pdf.page_ids()
        .into_iter()
        .map(|p| {
            lopdf::content::Content::decode(&pdf.doc.get_page_content(p))
                .expect("content")
                .operations
        })
        .collect()
}

/// The registration crosses' strokes on each page: (x0, y0, x1, y1),
/// rounded to a hundredth of a point.
fn crosses(pdf: &Pdf) -> Vec<BTreeSet<[i64; 4]>> {
    let num = |o: &Object| o.as_float().unwrap_or(0.0);
    let r = |v: f32| (v * 100.0).round() as i64;
    operations(pdf)
        .into_iter()
        .map(|ops| {
            let mut set = BTreeSet::new();
            let mut width = 0.0;
            let mut from = (0.0, 0.0);
            for op in ops {
                match op.operator.as_str() {
                    "w" => width = num(&op.operands[0]),
                    "m" => from = (num(&op.operands[0]), num(&op.operands[1])),
                    "l" if (width - 0.3).abs() < 1e-3 => {
                        let to = (num(&op.operands[0]), num(&op.operands[1]));
                        let len = ((to.0 - from.0).powi(2) + (to.1 - from.1).powi(2)).sqrt();
                        if (len - 10.0).abs() < 0.01 {
                            set.insert([r(from.0), r(from.1), r(to.0), r(to.1)]);
                        }
                    }
                    _ => {}
                }
            }
            set
        })
        .collect()
}

#[test]
fn each_ink_gets_a_grey_plate_with_the_crosses_where_the_composite_has_them() {
    let dir = scratch();
    let spec = std::fs::read_to_string(dir.path().join("layouts/riso-two-colour.toml"))
        .expect("riso layout");
    let (out, said) = build(
        dir.path(),
        &spec,
        &[
            "content/03-get-involved.md",
            "content/01-warehouse-strike.md",
        ],
    );
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("warning"), "{said}");
    let composite = Pdf::open(&dir.path().join("riso.pdf"));
    let plates: Vec<Pdf> = ["black", "red"]
        .iter()
        .map(|ink| Pdf::open(&dir.path().join(format!("riso-{ink}.pdf"))))
        .collect();
    // Nothing but grey on a plate: no colour operators, grey photos.
    for plate in &plates {
        assert_eq!(plate.page_ids().len(), composite.page_ids().len());
        for ops in operations(plate) {
            for op in ops {
                assert!(
                    !["k", "K", "rg", "RG", "cs", "CS", "sc", "SC", "scn", "SCN"]
                        .contains(&op.operator.as_str()),
                    "`{}` on a plate",
                    op.operator
                );
            }
        }
        for obj in plate.doc.objects.values() {
            if let Ok(s) = obj.as_stream() {
                if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
                    let cs = s.dict.get(b"ColorSpace").and_then(Object::as_name).ok();
                    assert_eq!(cs, Some(b"DeviceGray".as_slice()));
                }
            }
        }
    }
    // The crosses are at the same place on every plate and the composite,
    // two to a page, where the composite draws them in the registration colour.
    let on_composite = crosses(&composite);
    assert!(
        on_composite.iter().all(|c| c.len() == 4),
        "{on_composite:?}"
    );
    for plate in &plates {
        assert_eq!(crosses(plate), on_composite);
    }
    let composite_ops = operations(&composite);
    assert!(composite_ops[0].iter().any(|o| o.operator == "CS"
        && o.operands.first().and_then(|n| n.as_name().ok()) == Some(b"CsAll".as_slice())));
    // The headline is red: on the red plate. The body is black type, which
    // overprints: on the black plate and not on the red (where the red
    // headline is knocked out of the black plate, it is there in white).
    let words = |pdf: &Pdf| pdf.text();
    assert!(words(&plates[1]).contains("Get Involved"));
    assert!(words(&plates[0]).contains("picket"));
    assert!(!words(&plates[1]).contains("picket"));
    // Each plate says which it is, at the foot of every page.
    assert!(words(&plates[1]).contains("red plate"));
    assert!(!words(&plates[1]).contains("black plate"));
    assert!(words(&plates[0]).contains("black plate"));
    // The composite shows red in its screen colour.
    let red = composite.separation("red").expect("a Separation for red");
    assert_eq!(red[2].as_name().ok(), Some(b"DeviceRGB".as_slice()));
    for plate in ["riso-black.pdf", "riso-red.pdf", "riso.pdf"] {
        let bytes = std::fs::read(dir.path().join(plate)).expect("pdf");
        common::pdfcheck::check(&bytes).expect("a valid PDF");
    }
}

#[test]
fn a_riso_finds_the_leading_edge_and_a_solid_area() {
    let dir = scratch();
    let spec = "[document]\ntitle = \"Riso\"\n[paper]\nsize = \"A4\"\n[margins]\ntop = \"3mm\"\n\
                [columns]\ncount = 2\n[inks.red]\ndisplay = \"#e0322d\"\n[output]\nseparate = true\n\
                printer = \"riso-a4\"\n[[pages]]\n  [[pages.place]]\n  article = \"get-involved\"\n\
                  box = \"tint\"\n  tint = \"red\"\n";
    let (out, said) = build(dir.path(), spec, &["content/03-get-involved.md"]);
    assert!(out.status.success(), "{said}");
    let lead = said
        .lines()
        .find(|l| l.contains("leading (top) edge"))
        .unwrap_or_else(|| panic!("no leading edge finding: {said}"));
    assert!(
        lead.contains("page 1") && lead.contains("riso-a4"),
        "{lead}"
    );
    let area = said
        .lines()
        .find(|l| l.contains("85%"))
        .unwrap_or_else(|| panic!("no large area finding: {said}"));
    assert!(
        area.contains("get-involved") && area.contains("100%"),
        "{area}"
    );
}

#[test]
fn plate_names_too_big_for_the_foot_margin_are_left_out_and_said() {
    // (Found by the spec fuzzer: with a 1pt foot margin the plates' names
    // were drawn below the page.)
    let dir = scratch();
    let spec = |bottom: &str| {
        format!(
            "[paper]\nsize = \"A4\"\n[margins]\nbottom = \"{bottom}\"\n[inks.red]\n\
             display = \"#e0322d\"\n[output]\nseparate = true\n"
        )
    };
    let names = |dir: &Path| {
        let pdf = Pdf::open(&dir.join("riso.pdf"));
        pdf.lines()
            .iter()
            .filter(|l| l.text.contains("plate"))
            .map(|l| l.y)
            .collect::<Vec<f32>>()
    };
    let (out, said) = build(dir.path(), &spec("1pt"), &["content/03-get-involved.md"]);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("plates' names do not fit in the 1pt foot margin")
            && said.contains("bottom to 9pt or more"),
        "{said}"
    );
    assert!(names(dir.path()).is_empty(), "{said}");
    let (out, said) = build(dir.path(), &spec("9pt"), &["content/03-get-involved.md"]);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("plates' names"), "{said}");
    let ys = names(dir.path());
    assert!(!ys.is_empty() && ys.iter().all(|&y| y > 0.0), "{ys:?}");
}
