//! PDF/X-1a:2001 and PDF/X-4, checked item by item on the file read back
//! (header, boxes, output intent, info keys, XMP, colour spaces, no
//! transparency, fonts embedded), photos converted into the job's colour,
//! and the preflight's findings with their page and article.

use crate::common;

use std::path::Path;

use common::{mimeo, scratch, stderr, Pdf};
use lopdf::{Dictionary, Object};

/// Ghostscript's CMYK profile, read at test time where it is installed
/// (it is AGPL, so none ships with mimeo).
const GS_CMYK: &str = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

/// Builds `content` with the example tabloid, its `[output]` replaced by
/// `extra`, in `dir`.
fn build(dir: &Path, extra: &str, args: &[&str]) -> std::process::Output {
    let tabloid =
        std::fs::read_to_string(dir.join("layouts/tabloid.toml")).expect("tabloid layout");
    let mut layout = without_output(&tabloid);
    layout.push_str(extra);
    std::fs::write(dir.join("layouts/press.toml"), layout).expect("write");
    let mut all = vec![
        "build",
        "--layout",
        "layouts/press.toml",
        "-o",
        "out.pdf",
        "--report",
        "report.json",
    ];
    all.extend_from_slice(args);
    all.push("content");
    mimeo(dir, &all)
}

/// A spec without its `[output]` table (up to the next blank line).
fn without_output(spec: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in spec.lines() {
        if line.trim() == "[output]" {
            skipping = true;
        } else if skipping && line.trim().is_empty() {
            skipping = false;
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn name(o: &Object) -> Option<&[u8]> {
    o.as_name().ok()
}

fn resolve<'a>(pdf: &'a Pdf, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => pdf.doc.get_object(*id).unwrap_or(o),
        o => o,
    }
}

fn string(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .ok()
        .and_then(|o| o.as_str().ok())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

/// Everything PDF/X asks of every file, whichever part.
fn common_requirements(pdf: &Pdf, bytes: &[u8]) {
    // Info: title, dates, trapping.
    let info_id = pdf
        .doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("an Info dictionary");
    let info = pdf.doc.get_dictionary(info_id).expect("info");
    assert!(info.get(b"Title").is_ok(), "no Title");
    for key in [b"CreationDate".as_slice(), b"ModDate"] {
        assert!(string(info, key).starts_with("D:20"), "no {key:?}");
    }
    assert_eq!(
        info.get(b"Trapped").ok().and_then(name),
        Some(b"False".as_slice())
    );
    assert!(pdf.doc.trailer.get(b"ID").is_ok(), "no file ID");
    assert!(pdf.doc.trailer.get(b"Encrypt").is_err());
    // One GTS_PDFX output intent.
    let catalog = pdf.doc.catalog().expect("catalog");
    let intents = catalog
        .get(b"OutputIntents")
        .map(|o| resolve(pdf, o))
        .and_then(Object::as_array)
        .expect("OutputIntents");
    let pdfx: Vec<&Dictionary> = intents
        .iter()
        .filter_map(|o| resolve(pdf, o).as_dict().ok())
        .filter(|d| d.get(b"S").ok().and_then(name) == Some(b"GTS_PDFX".as_slice()))
        .collect();
    assert_eq!(pdfx.len(), 1, "one GTS_PDFX intent");
    assert!(!string(pdfx[0], b"OutputConditionIdentifier").is_empty());
    // Every page: a TrimBox inside the BleedBox inside the MediaBox.
    for page in pdf.page_ids() {
        let b = |k: &[u8]| pdf.page_box(page, k).expect("box");
        let (media, bleed, trim) = (b(b"MediaBox"), b(b"BleedBox"), b(b"TrimBox"));
        for i in 0..2 {
            assert!(media[i] <= bleed[i] + 0.01 && bleed[i] <= trim[i] + 0.01);
            assert!(media[i + 2] >= bleed[i + 2] - 0.01 && bleed[i + 2] >= trim[i + 2] - 0.01);
        }
    }
    // No transparency, no RGB, Lab or (outside the intent) ICC colour.
    for obj in pdf.doc.objects.values() {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        assert!(dict.get(b"SMask").is_err() && dict.get(b"Group").is_err());
        for key in [b"CA".as_slice(), b"ca"] {
            if let Ok(v) = dict.get(key).and_then(Object::as_float) {
                assert!(v >= 1.0, "transparency");
            }
        }
        if let Ok(bm) = dict.get(b"BM").and_then(Object::as_name) {
            assert!(bm == b"Normal" || bm == b"Compatible");
        }
        if dict.get(b"Subtype").ok().and_then(name) == Some(b"Image".as_slice()) {
            let cs = dict.get(b"ColorSpace").ok().and_then(name);
            assert!(
                matches!(cs, Some(b"DeviceGray" | b"DeviceCMYK")),
                "an image in {:?}",
                cs.map(String::from_utf8_lossy)
            );
        }
    }
    let text = String::from_utf8_lossy(bytes);
    for bad in [
        "/DeviceRGB",
        "/CalRGB",
        "/Lab",
        "/SMask",
        "/JBIG2Decode",
        "/JPXDecode",
    ] {
        assert!(!text.contains(bad), "{bad} in the file");
    }
    // Every font embedded.
    for (font, embedded) in pdf.fonts() {
        assert!(embedded, "{font} is not embedded");
    }
}

#[test]
fn an_x1a_file_keeps_every_rule_of_pdf_x1a() {
    let dir = scratch();
    let out = build(
        dir.path(),
        "\n[output]\nstandard = \"x1a\"\ncolour = \"gray\"\n",
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path().join("out.pdf")).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-1.3\n"), "header");
    let pdf = Pdf::open(&dir.path().join("out.pdf"));
    common_requirements(&pdf, &bytes);
    let info_id = pdf
        .doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("info");
    let info = pdf.doc.get_dictionary(info_id).expect("info");
    assert_eq!(string(info, b"GTS_PDFXVersion"), "PDF/X-1:2001");
    assert_eq!(string(info, b"GTS_PDFXConformance"), "PDF/X-1a:2001");
    // The condition is named, as registered: newsprint by default.
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/OutputConditionIdentifier (IFRA26)"),
        "condition"
    );
    assert!(
        text.contains("/RegistryName (http://www.color.org)"),
        "registry"
    );
    // Nothing newer than PDF 1.3: no /Lang, no object or xref streams.
    for newer in ["/Lang", "/ObjStm", "/XRef"] {
        assert!(!text.contains(newer), "{newer} in a PDF 1.3 file");
    }
    common::pdfcheck::check(&bytes).expect("a valid PDF");
    // The report says what the preflight measured on each page.
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).expect("report"))
            .expect("json");
    let pages = report["preflight"].as_array().expect("preflight");
    assert_eq!(pages.len(), pdf.page_ids().len());
    for p in pages {
        assert!(p["max_ink"].as_f64().expect("ink") <= 240.0, "{p}");
        assert_eq!(p["colours"], serde_json::json!(["gray"]), "{p}");
    }
    assert!(pages
        .iter()
        .flat_map(|p| p["photos"].as_array().into_iter().flatten())
        .all(|ph| ph["colour"] == "gray"));
}

/// A saturated colour photo: every hue across, dark to light down.
fn colour_photo() -> Vec<u8> {
    let (w, h) = (240u16, 160u16);
    let mut px = Vec::with_capacity(usize::from(w) * usize::from(h) * 3);
    for y in 0..h {
        for x in 0..w {
            let hue = f32::from(x) / f32::from(w) * 6.0;
            let v = 1.0 - 0.7 * f32::from(y) / f32::from(h);
            let f = |n: f32| {
                let k = (n + hue) % 6.0;
                v * (1.0 - (k.min(4.0 - k).clamp(0.0, 1.0)))
            };
            px.extend([f(5.0), f(3.0), f(1.0)].map(|c| (c * 255.0) as u8));
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&px, w, h, jpeg_encoder::ColorType::Rgb)
        .expect("jpeg");
    out
}

/// Puts a colour photo on the example's first article.
fn with_colour_photo(dir: &Path) {
    std::fs::write(dir.join("content/colour.jpg"), colour_photo()).expect("photo");
    let lead = dir.join("content/01-warehouse-strike.md");
    let text = std::fs::read_to_string(&lead).expect("article");
    std::fs::write(&lead, text.replace("picket-line.jpg", "colour.jpg")).expect("write");
}

#[test]
fn an_x4_file_embeds_the_profile_and_converts_colour_within_the_ink_limit() {
    let Ok(icc) = std::fs::read(GS_CMYK) else {
        eprintln!("skipped: no {GS_CMYK} (install ghostscript)");
        return;
    };
    let dir = scratch();
    std::fs::write(dir.path().join("layouts/printer.icc"), &icc).expect("profile");
    with_colour_photo(dir.path());
    let out = build(
        dir.path(),
        "\n[output]\nstandard = \"x4\"\nprofile = \"printer.icc\"\nmax_ink = 240\n",
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path().join("out.pdf")).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-1.6\n"), "header");
    let pdf = Pdf::open(&dir.path().join("out.pdf"));
    common_requirements(&pdf, &bytes);
    // The XMP says PDF/X-4 and agrees with the info dictionary.
    let catalog = pdf.doc.catalog().expect("catalog");
    let meta = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| pdf.doc.get_object(id))
        .and_then(Object::as_stream)
        .expect("XMP metadata");
    let xmp = String::from_utf8_lossy(&meta.content);
    assert!(xmp.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
    assert!(xmp.contains("<pdf:Trapped>False</pdf:Trapped>"));
    assert!(
        xmp.contains("xmpMM:DocumentID") && !xmp.contains("000000"),
        "document id"
    );
    // The intent embeds the printer's profile, four components.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/DestOutputProfile"));
    let profile = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .find(|s| s.dict.get(b"N").and_then(Object::as_i64).ok() == Some(4))
        .expect("an ICC stream");
    assert_eq!(
        profile.decompressed_content().expect("profile").len(),
        icc.len()
    );
    // The colour photo is CMYK, within the limit (as mimeo wrote it; .ci/run
    // measures it again rendered by Ghostscript).
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).expect("report"))
            .expect("json");
    let photo = report["preflight"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["photos"].as_array().into_iter().flatten())
        .find(|ph| {
            ph["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("colour.jpg"))
        })
        .expect("the colour photo")
        .clone();
    assert_eq!(photo["colour"], "cmyk");
    let ink = photo["max_ink"].as_f64().expect("ink");
    assert!(ink > 150.0 && ink <= 240.0, "{ink}");
}

#[test]
fn what_would_not_conform_is_an_error_saying_what_to_do() {
    let dir = scratch();
    with_colour_photo(dir.path());
    // A colour photo under X-1a with no profile to convert it.
    let out = build(dir.path(), "\n[output]\nstandard = \"x1a\"\n", &[]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("page 1") && said.contains("warehouse-strike") && said.contains("RGB"),
        "{said}"
    );
    assert!(said.contains("colour = \"gray\""), "{said}");
    assert!(!dir.path().join("out.pdf").exists());
    // X-4 needs the printer's profile.
    let out = build(dir.path(), "\n[output]\nstandard = \"x4\"\n", &[]);
    let said = stderr(&out);
    assert!(!out.status.success() && said.contains("profile"), "{said}");
    assert!(said.contains("press.toml:"), "{said}");
    // A condition that is not registered.
    let out = build(dir.path(), "\n[output]\ncondition = \"FOGRA99\"\n", &[]);
    let said = stderr(&out);
    assert!(!out.status.success() && said.contains("FOGRA39"), "{said}");
}

#[test]
fn the_preflight_finds_a_soft_photo_and_a_rich_black_box_and_strict_fails() {
    let dir = scratch();
    // A 72 ppi photo: the lead's, shrunk to a fifth of its pixels.
    let small: Vec<u8> = {
        let (w, h) = (64u16, 40u16);
        let px: Vec<u8> = (0..usize::from(w) * usize::from(h))
            .map(|i| (i % 251) as u8)
            .collect();
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(&px, w, h, jpeg_encoder::ColorType::Luma)
            .expect("jpeg");
        out
    };
    std::fs::write(dir.path().join("content/picket-line.jpg"), small).expect("photo");
    // A rich black box of 300 % round the editorial.
    let layout = std::fs::read_to_string(dir.path().join("layouts/tabloid.toml")).expect("layout");
    let boxed = layout.replacen(
        "below = \"letters\"\n  box = \"tint\"",
        "below = \"letters\"\n  box = \"tint\"\n  tint = \"cmyk 60 50 90 100\"",
        1,
    );
    assert_ne!(boxed, layout, "the tabloid's editorial is in a tint");
    std::fs::write(dir.path().join("layouts/tabloid.toml"), boxed).expect("write");
    let out = build(dir.path(), "\n[output]\nmax_ink = 240\n", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    let soft = said
        .lines()
        .find(|l| l.contains("ppi"))
        .unwrap_or_else(|| panic!("no ppi finding: {said}"));
    assert!(
        soft.contains("warehouse-strike") && soft.contains("page 1"),
        "{soft}"
    );
    let ink = said
        .lines()
        .find(|l| l.contains("300%"))
        .unwrap_or_else(|| panic!("no ink finding: {said}"));
    assert!(ink.contains("editorial") && ink.contains("page "), "{ink}");
    // --strict refuses the file.
    std::fs::remove_file(dir.path().join("out.pdf")).expect("rm");
    let out = build(dir.path(), "\n[output]\nmax_ink = 240\n", &["--strict"]);
    assert!(!out.status.success());
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn the_printers_profile_is_an_input_no_output_may_replace() {
    let Ok(icc) = std::fs::read(GS_CMYK) else {
        eprintln!("skipped: no {GS_CMYK} (install ghostscript)");
        return;
    };
    let dir = scratch();
    let profile = dir.path().join("layouts/printer.icc");
    std::fs::write(&profile, &icc).expect("profile");
    let tabloid =
        std::fs::read_to_string(dir.path().join("layouts/tabloid.toml")).expect("tabloid layout");
    let mut layout = without_output(&tabloid);
    layout.push_str("\n[output]\nprofile = \"printer.icc\"\n");
    std::fs::write(dir.path().join("layouts/press.toml"), layout).expect("write");
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--layout",
            "layouts/press.toml",
            "-o",
            "layouts/printer.icc",
            "--force",
            "content",
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("input"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&profile).expect("profile"), icc);
}
