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
        // the page: only the clip's rectangle shows.
        let (mut clipped, mut saved) = (false, Vec::new());
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => saved.push(clipped),
                "Q" => clipped = saved.pop().unwrap_or(false),
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
            let inside = match (op.operator.as_str(), nums.as_slice()) {
                ("Tm", [_, _, _, _, e, f]) => on_page(*e, *f),
                ("m" | "l", [x, y]) => on_page(*x, *y),
                ("re", [x, y, w, h]) => on_page(*x, *y) && on_page(x + w, y + h),
                ("cm", [a, _, _, d, e, f]) => clipped || (on_page(*e, *f) && on_page(e + a, f + d)),
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
