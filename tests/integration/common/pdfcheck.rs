//! What any PDF mimeo writes must be, read back with lopdf: it parses; every
//! number in every page's content is finite; and everything drawn (text
//! positions, rule ends, rectangles, images) lies inside the page's
//! MediaBox. Shared by the integration tests and the fuzz targets.

use lopdf::content::Content;
use lopdf::{Document, Object};

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// Checks `bytes`; says what is wrong, on which page.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("does not parse: {e}"))?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("no pages".into());
    }
    for (n, id) in pages {
        let dict = doc
            .get_dictionary(id)
            .map_err(|e| format!("page {n}: {e}"))?;
        let media: Vec<f32> = dict
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .map_err(|e| format!("page {n}: no MediaBox ({e})"))?
            .iter()
            .filter_map(number)
            .collect();
        let [x0, y0, x1, y1] = media[..] else {
            return Err(format!("page {n}: MediaBox {media:?}"));
        };
        if !media.iter().all(|v| v.is_finite()) || x1 <= x0 || y1 <= y0 {
            return Err(format!("page {n}: MediaBox {media:?}"));
        }
        let on_page =
            |x: f32, y: f32| x >= x0 - 0.5 && x <= x1 + 0.5 && y >= y0 - 0.5 && y <= y1 + 0.5;
        let data = doc.get_page_content(id);
        let content = Content::decode(&data).map_err(|e| format!("page {n}: content: {e}"))?;
        // Inside a clip (a cropped photo), what is drawn may reach past
        // the page: only the clip's rectangle shows. A translation (the page
        // moved onto its sheet, past its bleed and marks) moves what follows.
        let (mut clipped, mut shift, mut saved) = (false, (0.0f32, 0.0f32), Vec::new());
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => saved.push((clipped, shift)),
                "Q" => (clipped, shift) = saved.pop().unwrap_or((false, (0.0, 0.0))),
                "W" | "W*" => clipped = true,
                _ => {}
            }
            let mut nums = Vec::new();
            for o in &op.operands {
                match o {
                    Object::Array(a) => nums.extend(a.iter().filter_map(number)),
                    o => nums.extend(number(o)),
                }
            }
            if let Some(v) = nums.iter().find(|v| !v.is_finite()) {
                return Err(format!("page {n}: `{}` with {v}", op.operator));
            }
            let at = |x: f32, y: f32| on_page(x + shift.0, y + shift.1);
            let inside = match (op.operator.as_str(), nums.as_slice()) {
                ("Tm", [_, _, _, _, e, f]) => at(*e, *f),
                ("m" | "l", [x, y]) => at(*x, *y),
                ("re", [x, y, w, h]) => at(*x, *y) && at(x + w, y + h),
                ("cm", [a, b, c, d, e, f]) if *a == 1.0 && *d == 1.0 && *b == 0.0 && *c == 0.0 => {
                    let ok = clipped || at(*e, *f);
                    shift = (shift.0 + e, shift.1 + f);
                    ok
                }
                ("cm", [a, _, _, d, e, f]) => clipped || (at(*e, *f) && at(e + a, f + d)),
                _ => true,
            };
            if !inside {
                return Err(format!(
                    "page {n}: `{} {nums:?}` is outside the MediaBox {media:?}",
                    op.operator
                ));
            }
        }
    }
    Ok(())
}
