//! The screen edition (`--for screen`): a tagged PDF whose structure tree
//! has one `Art` per article in the order the pages show them, each with its
//! language and headline, its paragraphs and its photo's alternative text;
//! a bookmark per article; photos no sharper than 150 ppi; and text that
//! poppler's `pdftotext -raw` reads article by article.

use crate::common;

use common::{mimeo, scratch, stderr, Pdf};
use lopdf::{Dictionary, Object};

fn dict<'a>(pdf: &'a Pdf, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(r) => pdf
            .doc
            .get_object(*r)
            .and_then(Object::as_dict)
            .expect("a dictionary"),
        Object::Dictionary(d) => d,
        _ => panic!("not a dictionary: {o:?}"),
    }
}

fn kids<'a>(pdf: &'a Pdf, d: &'a Dictionary) -> Vec<&'a Dictionary> {
    match d.get(b"K") {
        Ok(Object::Array(a)) => a
            .iter()
            .filter(|o| matches!(o, Object::Reference(_)))
            .map(|o| dict(pdf, o))
            .filter(|d| d.has(b"S"))
            .collect(),
        Ok(o @ Object::Reference(_)) => vec![dict(pdf, o)],
        _ => Vec::new(),
    }
}

fn name(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

fn text(d: &Dictionary, key: &[u8]) -> String {
    match d.get(key) {
        Ok(Object::String(bytes, _)) => {
            if bytes.starts_with(&[0xFE, 0xFF]) {
                let units: Vec<u16> = bytes[2..]
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
        _ => String::new(),
    }
}

#[test]
fn the_screen_edition_is_tagged_article_by_article() {
    let dir = scratch();
    let out = mimeo(dir.path(), &["build", "--for", "screen"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("out/example-screen.pdf");
    let pdf = Pdf::open(&path);
    let catalog = pdf.doc.catalog().expect("catalog");
    let mark = dict(&pdf, catalog.get(b"MarkInfo").expect("MarkInfo"));
    assert_eq!(
        mark.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert!(catalog.has(b"Outlines"), "bookmarks");
    assert!(catalog.has(b"Metadata"), "XMP with pdfuaid");
    let root = dict(
        &pdf,
        catalog.get(b"StructTreeRoot").expect("a structure tree"),
    );
    let document = kids(&pdf, root);
    assert_eq!(document.len(), 1);
    assert_eq!(name(document[0], b"S"), "Document");
    let arts = kids(&pdf, document[0]);
    // One Art per article, titled with its headline, in the language it is in.
    let articles = common::articles_in(&dir.path().join("content")).len();
    assert_eq!(arts.len(), articles);
    assert!(arts.iter().all(|a| name(a, b"S") == "Art"));
    let titles: Vec<String> = arts.iter().map(|a| text(a, b"T")).collect();
    assert!(
        titles.iter().any(|t| t.contains("Night Shift")),
        "{titles:?}"
    );
    let langs: Vec<String> = arts.iter().map(|a| text(a, b"Lang")).collect();
    assert!(langs.iter().any(|l| l == "es") && langs.iter().any(|l| l == "en"));
    // In the order the pages show them: the lead first, as the plan has it.
    assert!(titles[0].contains("Night Shift"), "{titles:?}");
    // Each with its headline, paragraphs, and photos described.
    for a in &arts {
        let roles: Vec<String> = kids(&pdf, a).iter().map(|k| name(k, b"S")).collect();
        assert!(roles.iter().any(|r| r == "P"), "{roles:?}");
        for fig in kids(&pdf, a).iter().filter(|k| name(k, b"S") == "Figure") {
            assert!(!text(fig, b"Alt").trim().is_empty(), "a photo without Alt");
        }
    }
    let headed = arts
        .iter()
        .filter(|a| kids(&pdf, a).iter().any(|k| name(k, b"S") == "H1"))
        .count();
    assert!(headed >= articles - 1, "{headed} of {articles} have an H1");
    // The screen's photos are no larger than 150 ppi needs: a lighter file
    // than the print edition's.
    let print = mimeo(dir.path(), &["build"]);
    assert!(print.status.success(), "{}", stderr(&print));
    let size = |p: &str| std::fs::metadata(dir.path().join(p)).expect("pdf").len();
    let (screen, print) = (size("out/example-screen.pdf"), size("out/example.pdf"));
    assert!(screen * 10 < print * 7, "{screen} bytes against {print}");
    // The print edition stays untagged, as it was.
    let print = Pdf::open(&dir.path().join("out/example.pdf"));
    assert!(!print.doc.catalog().expect("catalog").has(b"StructTreeRoot"));
}

/// In the order of the content (`pdftotext -raw`), every article's words
/// follow one another. (In its default mode poppler orders text by its own
/// reading of the page's geometry and ignores the structure tree: there, a
/// column that starts beside a photo, above the columns under it, comes
/// first.)
#[test]
fn pdftotext_raw_reads_each_article_in_order() {
    let dir = scratch();
    let out = mimeo(dir.path(), &["build", "--for", "screen"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("out/example-screen.pdf");
    let Some(text) = common::pdftotext(&pdf, &["-raw"]) else {
        return;
    };
    let mut lost = Vec::new();
    for path in common::articles_in(&dir.path().join("content")) {
        let words = common::article_words(&path);
        // (In its raw mode poppler gives a right-to-left line's words from
        // the left, as drawn: the Arabic brief is read in order by the
        // tests of scripts.rs and build.rs instead.)
        if words
            .iter()
            .any(|w| w.chars().any(mimeo::text::is_right_to_left))
        {
            continue;
        }
        if let Err(i) = common::find_in_order(&text, &words, common::article_slack(&path)) {
            lost.push(format!(
                "{}: word {i} of {} ({:?}) not where it follows",
                path.display(),
                words.len(),
                words.get(i)
            ));
        }
    }
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

#[test]
fn links_are_live_in_the_screen_edition_only() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("linked.md"),
        "+++\nheadline = \"Read more\"\n+++\nThe full report is on [the union's site](https://example.org/report) for anyone.\n",
    )
    .expect("write");
    let build = |args: &[&str]| {
        let mut all = vec!["build", "--layout", "layouts/leaflet-a4.toml"];
        all.extend_from_slice(args);
        all.push("linked.md");
        let out = mimeo(dir.path(), &all);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    build(&["--for", "screen", "-o", "screen.pdf"]);
    build(&["-o", "print.pdf"]);
    let annotations = |name: &str| -> Vec<(String, [f32; 4])> {
        let pdf = Pdf::open(&dir.path().join(name));
        let mut out = Vec::new();
        for page in pdf.page_ids() {
            for a in pdf.doc.get_page_annotations(page).unwrap_or_default() {
                let uri = a
                    .get(b"A")
                    .ok()
                    .map(|o| dict(&pdf, o))
                    .and_then(|d| d.get(b"URI").ok())
                    .and_then(|u| u.as_str().ok())
                    .map(|u| String::from_utf8_lossy(u).into_owned())
                    .unwrap_or_default();
                let rect: Vec<f32> = a
                    .get(b"Rect")
                    .and_then(Object::as_array)
                    .map(|r| r.iter().filter_map(|n| n.as_float().ok()).collect())
                    .unwrap_or_default();
                if rect.len() == 4 {
                    out.push((uri, [rect[0], rect[1], rect[2], rect[3]]));
                }
            }
        }
        out
    };
    let live = annotations("screen.pdf");
    assert_eq!(live.len(), 1, "{live:?}");
    assert_eq!(live[0].0, "https://example.org/report");
    // Over the link's words: wider than a word, on the first line.
    let [x0, y0, x1, y1] = live[0].1;
    assert!(x1 - x0 > 40.0 && y1 > y0, "{live:?}");
    let line = Pdf::open(&dir.path().join("screen.pdf"))
        .lines()
        .into_iter()
        .find(|l| l.text.contains("union"))
        .expect("the linked line");
    assert!(line.y > y0 && line.y < y1, "{line:?} {live:?}");
    assert!(
        annotations("print.pdf").is_empty(),
        "no annotations in print"
    );
    // Tagged: the annotation belongs to a Link element inside a paragraph.
    let pdf = Pdf::open(&dir.path().join("screen.pdf"));
    let link = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| name(d, b"S") == "Link")
        .expect("a Link structure element");
    assert_eq!(name(dict(&pdf, link.get(b"P").expect("parent")), b"S"), "P");
    let k = link.get(b"K").expect("its content");
    let objr = match k {
        Object::Array(a) => dict(&pdf, &a[0]),
        other => dict(&pdf, other),
    };
    assert_eq!(name(objr, b"Type"), "OBJR");
    let page = pdf.page_ids()[0];
    let annotation = &pdf.doc.get_page_annotations(page).expect("annotations")[0];
    assert!(annotation.has(b"StructParent"));
}
