//! The printed sheet around a page: its boxes (TrimBox the finished page,
//! BleedBox the trim and its bleed, MediaBox the whole sheet) and, if asked,
//! crop marks outside the bleed (and registration targets) in the
//! registration colour, which prints on every plate. Without bleed or marks
//! every box is the page itself.

use pdf_writer::{Content, Name, Rect};

use super::paint::REGISTRATION;

/// How each page sits on its sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sheet {
    /// Printed past the trim on every side, in points.
    pub bleed: f32,
    /// Crop marks at the corners.
    pub marks: bool,
    /// Registration targets at the middle of each side.
    pub registration: bool,
}

/// Crop marks stand off the trim at least this far (3 mm), and never inside
/// the bleed.
const MARK_GAP: f32 = 3.0 * 72.0 / 25.4;
/// Crop marks are this long (5 mm) …
const MARK_LENGTH: f32 = 5.0 * 72.0 / 25.4;
/// … and this thick.
const MARK_WEIGHT: f32 = 0.25;

impl Sheet {
    /// How far the trim stands in from the sheet's edge.
    pub fn pad(&self) -> f32 {
        if self.marks {
            self.gap() + MARK_LENGTH + MARK_WEIGHT
        } else {
            self.bleed
        }
    }

    fn gap(&self) -> f32 {
        self.bleed.max(MARK_GAP)
    }

    /// MediaBox, BleedBox and TrimBox of a page `width` × `height`.
    pub fn boxes(&self, width: f32, height: f32) -> [Rect; 3] {
        let pad = self.pad();
        let trim = Rect::new(pad, pad, pad + width, pad + height);
        let b = self.bleed;
        let bleed = Rect::new(trim.x1 - b, trim.y1 - b, trim.x2 + b, trim.y2 + b);
        let media = Rect::new(0.0, 0.0, width + 2.0 * pad, height + 2.0 * pad);
        [media, bleed, trim]
    }

    /// Starts a page's content: the crop marks, then the move to the trim's
    /// corner that the page's own content is drawn from.
    pub fn begin(&self, c: &mut Content, width: f32, height: f32) {
        let pad = self.pad();
        if self.marks {
            let (x0, y0, x1, y1) = (pad, pad, pad + width, pad + height);
            let (near, far) = (self.gap(), self.gap() + MARK_LENGTH);
            c.save_state();
            c.set_stroke_color_space(Name(REGISTRATION));
            c.set_stroke_color([1.0]);
            c.set_line_width(MARK_WEIGHT);
            for (x, dx) in [(x0, -1.0), (x1, 1.0)] {
                for (y, dy) in [(y0, -1.0), (y1, 1.0)] {
                    // One mark along each edge, in line with the trim.
                    c.move_to(x + dx * near, y);
                    c.line_to(x + dx * far, y);
                    c.move_to(x, y + dy * near);
                    c.line_to(x, y + dy * far);
                }
            }
            c.stroke();
            if self.registration {
                let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                let mid = (near + far) / 2.0;
                for (x, y) in [
                    (mx, y0 - mid),
                    (mx, y1 + mid),
                    (x0 - mid, my),
                    (x1 + mid, my),
                ] {
                    target(c, x, y);
                }
            }
            c.restore_state();
        }
        if pad > 0.0 {
            c.transform([1.0, 0.0, 0.0, 1.0, pad, pad]);
        }
    }
}

/// A registration target: a circle with a cross through it, 4 mm across,
/// stroked in the colour in force.
fn target(c: &mut Content, x: f32, y: f32) {
    const R: f32 = 2.0 * 72.0 / 25.4;
    // Four Bézier quarters (k: the control distance for a circle).
    let k = R * 0.552_284_8;
    c.move_to(x + R, y);
    c.cubic_to(x + R, y + k, x + k, y + R, x, y + R);
    c.cubic_to(x - k, y + R, x - R, y + k, x - R, y);
    c.cubic_to(x - R, y - k, x - k, y - R, x, y - R);
    c.cubic_to(x + k, y - R, x + R, y - k, x + R, y);
    c.close_path();
    // The cross stays between the bleed and the sheet's edge.
    let arm = R * 1.25;
    c.move_to(x - arm, y);
    c.line_to(x + arm, y);
    c.move_to(x, y - arm);
    c.line_to(x, y + arm);
    c.stroke();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bleed_box_is_the_trim_and_its_bleed_inside_the_sheet() {
        let s = Sheet {
            bleed: 8.5,
            marks: true,
            registration: false,
        };
        let [media, bleed, trim] = s.boxes(595.0, 842.0);
        assert!((trim.x2 - trim.x1 - 595.0).abs() < 1e-3);
        assert!((trim.x1 - bleed.x1 - 8.5).abs() < 1e-3);
        assert!(media.x1 <= bleed.x1 && media.y2 >= bleed.y2);
        // Marks stand outside the bleed, on the sheet.
        assert!(s.gap() >= 8.5 && s.pad() > s.gap() + MARK_LENGTH - 0.01);
        let none = Sheet::default().boxes(595.0, 842.0);
        assert!(none.iter().all(|r| *r == Rect::new(0.0, 0.0, 595.0, 842.0)));
    }
}
