//! Imposed sheets: each finished page written once as a Form XObject (its
//! text still text, so an imposed file copies and searches like the
//! reading-order one) and placed on the sheet sides where the imposition
//! plan says, turned where it says, with its cut and fold marks in the
//! registration colour.

use pdf_writer::{Chunk, Content, Filter, Name, Rect, Ref};

use super::paint::{Palette, REGISTRATION};
use super::{deflate, Refs};
use crate::display::Page;
use crate::impose::Plan;

/// Weight of cut and fold marks.
const MARK_WEIGHT: f32 = 0.25;

/// Writes `pages` (their content streams `contents`, deflated) as forms and
/// the plan's sheet sides as the document's pages under `tree`; the forms
/// share the `resources` dictionary. Returns the sheet
/// pages.
#[allow(clippy::too_many_arguments)]
pub fn write(
    pdf: &mut Chunk,
    refs: &mut Refs,
    plan: &Plan,
    pages: &[Page],
    contents: Vec<Vec<u8>>,
    tree: Ref,
    palette: &Palette,
    resources: Ref,
) -> Vec<Ref> {
    let forms: Vec<Ref> = pages
        .iter()
        .zip(contents)
        .map(|(p, content)| {
            let id = refs.next();
            let mut form = pdf.form_xobject(id, &content);
            form.filter(Filter::FlateDecode);
            form.bbox(Rect::new(0.0, 0.0, p.width, p.height));
            form.pair(Name(b"Resources"), resources);
            id
        })
        .collect();
    let sheet = Rect::new(0.0, 0.0, plan.width, plan.height);
    let mut out = Vec::with_capacity(plan.sides.len());
    for side in &plan.sides {
        let (page_id, content_id) = (refs.next(), refs.next());
        let mut c = Content::new();
        if !side.marks.is_empty() {
            c.save_state();
            c.set_stroke_color_space(Name(REGISTRATION));
            c.set_stroke_color([1.0]);
            c.set_line_width(MARK_WEIGHT);
            for [a, b] in &side.marks {
                c.move_to(a.0, a.1);
                c.line_to(b.0, b.1);
            }
            c.stroke();
            c.restore_state();
        }
        let mut used = Vec::new();
        for slot in &side.slots {
            let Some(p) = slot.page.filter(|&p| p < pages.len()) else {
                continue;
            };
            let (w, h) = (pages[p].width, pages[p].height);
            c.save_state();
            if slot.turned {
                c.transform([-1.0, 0.0, 0.0, -1.0, slot.x + w, slot.y + h]);
            } else {
                c.transform([1.0, 0.0, 0.0, 1.0, slot.x, slot.y]);
            }
            c.x_object(Name(form_name(p).as_bytes()));
            c.restore_state();
            if !used.contains(&p) {
                used.push(p);
            }
        }
        pdf.stream(content_id, &deflate(&c.finish()))
            .filter(Filter::FlateDecode);
        let mut page = pdf.page(page_id);
        page.parent(tree)
            .media_box(sheet)
            .crop_box(sheet)
            .trim_box(sheet)
            .contents(content_id);
        let mut res = page.resources();
        palette.resources(&mut res);
        let mut x = res.x_objects();
        for p in used {
            x.pair(Name(form_name(p).as_bytes()), forms[p]);
        }
        out.push(page_id);
    }
    out
}

/// The resource name of page `p` (from 0) as a form: `/Pg1` for page 1.
pub fn form_name(p: usize) -> String {
    format!("Pg{}", p + 1)
}
