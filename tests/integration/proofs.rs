//! Photos proven sound by one build and not decoded again by the next
//! (`MIMEO_CACHE_DIR`): the PDF is the same either way, a proof is taken
//! only for the very bytes it was made of, and a damaged photo gets none.

use std::path::{Path, PathBuf};

use crate::common;

/// Builds the example in `dir` with proofs kept in `cache` (none when
/// empty): the PDF's bytes and the report's JSON, or the failure.
fn build(dir: &Path, cache: &str) -> Result<(Vec<u8>, serde_json::Value), String> {
    let out = common::mimeo_with(
        dir,
        &["build", "-q", "-o", "out.pdf", "--report", "report.json"],
        &[
            ("MIMEO_CACHE_DIR", cache),
            ("SOURCE_DATE_EPOCH", "1700000000"),
        ],
    );
    if !out.status.success() {
        return Err(common::stderr(&out));
    }
    let pdf = std::fs::read(dir.join("out.pdf")).expect("pdf");
    let report = std::fs::read_to_string(dir.join("report.json")).expect("report");
    Ok((pdf, serde_json::from_str(&report).expect("report is JSON")))
}

/// Each placed photo's file and most ink, as the report gives them.
fn photo_inks(report: &serde_json::Value) -> Vec<(String, f64)> {
    let pages = report["preflight"].as_array().expect("preflight");
    let mut inks: Vec<(String, f64)> = pages
        .iter()
        .flat_map(|p| p["photos"].as_array().expect("photos").iter())
        .map(|p| {
            (
                p["file"].as_str().expect("file").to_string(),
                p["max_ink"].as_f64().expect("ink"),
            )
        })
        .collect();
    inks.sort_by(|a, b| a.0.cmp(&b.0));
    inks
}

/// The proofs in `cache`, by name.
fn proofs(cache: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = match std::fs::read_dir(cache.join("photos")) {
        Ok(dir) => dir.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    };
    found.sort();
    found
}

/// The name of the proof of the photo `bytes`: their SHA-256, in hex.
fn proof_name(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_photo_proven_once_is_taken_on_its_proof_and_the_pdf_is_the_same() {
    let dir = common::scratch();
    let cache = dir.path().join("cache");
    let cache_arg = cache.to_str().expect("path");
    let (plain, plain_report) = build(dir.path(), "").expect("a build without proofs");
    assert!(proofs(&cache).is_empty(), "no proof kept when told none");
    let inks = photo_inks(&plain_report);
    assert!(inks.len() >= 2, "the example places photos: {inks:?}");

    // The first build decodes and proves each JPEG; the second takes the
    // proofs; both write the PDF of a build without them.
    let (first, _) = build(dir.path(), cache_arg).expect("first build");
    let kept = proofs(&cache);
    let jpegs: Vec<PathBuf> = std::fs::read_dir(dir.path().join("content"))
        .expect("content")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    assert_eq!(kept.len(), jpegs.len(), "one proof a photo: {kept:?}");
    for jpeg in &jpegs {
        let name = proof_name(&std::fs::read(jpeg).expect("photo"));
        assert!(
            kept.iter().any(|k| k.ends_with(&name)),
            "{} has its proof",
            jpeg.display()
        );
    }
    let (second, second_report) = build(dir.path(), cache_arg).expect("second build");
    assert!(
        first == plain && second == plain,
        "the same PDF, proven or not"
    );
    assert_eq!(photo_inks(&second_report), inks);

    // The second build read the proof rather than the pixels: a proof
    // that says otherwise is what the report shows.
    let lead = &jpegs[0];
    let entry = cache
        .join("photos")
        .join(proof_name(&std::fs::read(lead).expect("photo")));
    let text = std::fs::read_to_string(&entry).expect("proof");
    let ink_line = text.lines().find(|l| l.starts_with("ink ")).expect("ink");
    std::fs::write(&entry, text.replace(ink_line, "ink 12.5")).expect("write");
    let (_, told) = build(dir.path(), cache_arg).expect("build on the altered proof");
    let name = lead.file_name().expect("name").to_str().expect("utf-8");
    let ink = photo_inks(&told)
        .into_iter()
        .find(|(f, _)| f.ends_with(name))
        .map(|(_, ink)| ink);
    assert_eq!(ink, Some(12.5), "the proof was taken");

    // A photo whose bytes change is decoded again, and proven anew.
    // (A comment after its start: the same pixels in other bytes.)
    let mut bytes = std::fs::read(lead).expect("photo");
    bytes.splice(2..2, [0xFF, 0xFE, 0x00, 0x06, b'm', b'i', b'm', b'e']);
    std::fs::write(lead, &bytes).expect("write");
    let (_, again) = build(dir.path(), cache_arg).expect("build with the photo changed");
    assert_eq!(photo_inks(&again), inks, "decoded again, not the old proof");
    assert!(cache.join("photos").join(proof_name(&bytes)).is_file());
}

#[test]
fn a_damaged_photo_is_refused_and_gets_no_proof() {
    let dir = common::scratch();
    let cache = dir.path().join("cache");
    let photo = dir.path().join("content/picket-line.jpg");
    let bytes = std::fs::read(&photo).expect("photo");
    // Cut off in the middle of its pixels: its header is whole.
    let cut = &bytes[..bytes.len() * 2 / 3];
    std::fs::write(&photo, cut).expect("write");
    let failed = build(dir.path(), cache.to_str().expect("path"))
        .expect_err("a damaged JPEG fails the build");
    assert!(failed.contains("picket-line.jpg"), "{failed}");
    assert!(
        !cache.join("photos").join(proof_name(cut)).exists(),
        "no proof of the damaged bytes"
    );
    // Nor does a second build take the damaged photo.
    assert!(build(dir.path(), cache.to_str().expect("path")).is_err());
}

#[test]
fn a_cache_folder_that_cannot_be_written_costs_only_time() {
    let dir = common::scratch();
    let (plain, _) = build(dir.path(), "").expect("a build without proofs");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"a file").expect("write");
    let (pdf, _) = build(dir.path(), file.to_str().expect("path")).expect("build");
    assert!(pdf == plain, "the same PDF");
    assert_eq!(std::fs::read(&file).expect("file"), b"a file", "left alone");
}
