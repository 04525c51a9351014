//! Paints in the content stream. Solid black (type, rules) is written as
//! 100 % K in DeviceCMYK and overprints (`OP`/`op` true, `OPM` 1), so it
//! never leaves a white gap in what is under it when the plates are out of
//! register; other greys are DeviceGray, CMYK mixes DeviceCMYK, spot inks a
//! Separation with their CMYK stand-in, and the registration colour a
//! Separation `/All` that prints on every plate. The colour spaces and the
//! two graphics states are written once and named in every page.

use pdf_writer::types::OverprintMode;
use pdf_writer::writers::Resources;
use pdf_writer::{Chunk, Content, Finish, Name, Ref};

use crate::colour::{Ink, Paint};

/// Resource names.
const OVERPRINT: &[u8] = b"GSop";
const KNOCKOUT: &[u8] = b"GSko";
/// The registration colour's name in a page's resources.
pub const REGISTRATION: &[u8] = b"CsAll";

/// The shared objects: a Separation per ink and `/All`, and the overprint
/// and knockout graphics states.
pub struct Palette {
    inks: Vec<Ref>,
    all: Ref,
    overprint: Ref,
    knockout: Ref,
}

impl Palette {
    /// Writes the shared objects, taking their numbers from `next`; with
    /// `screen`, an ink that has a screen colour shows in it (a proof),
    /// else in its CMYK stand-in.
    pub fn write(
        pdf: &mut Chunk,
        inks: &[Ink],
        screen: bool,
        mut next: impl FnMut() -> Ref,
    ) -> Palette {
        let palette = Palette {
            inks: inks.iter().map(|_| next()).collect(),
            all: next(),
            overprint: next(),
            knockout: next(),
        };
        for (ink, &id) in inks.iter().zip(&palette.inks) {
            match ink.display.filter(|_| screen) {
                Some(rgb) => separation_rgb(pdf, id, ink.name.as_bytes(), rgb),
                None => separation(pdf, id, ink.name.as_bytes(), ink.cmyk),
            }
        }
        separation(pdf, palette.all, b"All", [1.0; 4]);
        pdf.ext_graphics(palette.overprint)
            .overprint(true)
            .overprint_fill(true)
            .overprint_mode(OverprintMode::IgnoreZeroChannel);
        pdf.ext_graphics(palette.knockout)
            .overprint(false)
            .overprint_fill(false)
            .overprint_mode(OverprintMode::OverrideAllColorants);
        palette
    }

    /// Names the shared objects in a page's resources.
    pub fn resources(&self, res: &mut Resources) {
        let mut spaces = res.color_spaces();
        spaces.pair(Name(REGISTRATION), self.all);
        for (i, &id) in self.inks.iter().enumerate() {
            spaces.pair(Name(ink_name(i).as_bytes()), id);
        }
        spaces.finish();
        let mut states = res.ext_g_states();
        states.pair(Name(OVERPRINT), self.overprint);
        states.pair(Name(KNOCKOUT), self.knockout);
    }
}

/// A Separation colour space for `name`, shown as `cmyk` where the ink is
/// not printed (a proof, a screen).
fn separation(pdf: &mut Chunk, id: Ref, name: &[u8], cmyk: [f32; 4]) {
    let mut sep = pdf
        .indirect(id)
        .start::<pdf_writer::writers::ColorSpace>()
        .separation(Name(name));
    sep.alternate_color_space().device_cmyk();
    sep.tint_exponential()
        .domain([0.0, 1.0])
        .c0([0.0; 4])
        .c1(cmyk)
        .n(1.0);
}

/// A Separation shown in a screen colour where the ink is not printed.
fn separation_rgb(pdf: &mut Chunk, id: Ref, name: &[u8], rgb: [u8; 3]) {
    let mut sep = pdf
        .indirect(id)
        .start::<pdf_writer::writers::ColorSpace>()
        .separation(Name(name));
    sep.alternate_color_space().device_rgb();
    sep.tint_exponential()
        .domain([0.0, 1.0])
        .c0([1.0; 3])
        .c1(rgb.map(|v| f32::from(v) / 255.0))
        .n(1.0);
}

fn ink_name(i: usize) -> String {
    format!("Ink{i}")
}

/// The paints in force in one content stream, so each is set only when it
/// changes. A `gray` painter (a separation's plate) writes every paint as a
/// grey, without overprint.
#[derive(Default)]
pub struct Painter {
    gray: bool,
    fill: Option<Paint>,
    stroke: Option<Paint>,
    overprint: Option<bool>,
}

impl Painter {
    /// A painter for a page; `gray` for a separation's plate.
    pub fn new(gray: bool) -> Painter {
        Painter {
            gray,
            ..Painter::default()
        }
    }

    /// Paints what follows filled in `paint`.
    pub fn fill(&mut self, c: &mut Content, paint: Paint) {
        if !self.gray {
            self.overprint(c, paint.is_black());
        }
        if self.fill == Some(paint) {
            return;
        }
        self.fill = Some(paint);
        match self.normal(paint) {
            Paint::Gray(k) if self.gray => {
                c.set_fill_gray(round(1.0 - k));
            }
            Paint::Registration => {
                c.set_fill_color_space(Name(REGISTRATION));
                c.set_fill_color([1.0]);
            }
            Paint::Gray(_) if paint.is_black() => {
                c.set_fill_cmyk(0.0, 0.0, 0.0, 1.0);
            }
            Paint::Gray(k) => {
                c.set_fill_gray(round(1.0 - k));
            }
            Paint::Cmyk([cy, m, y, k]) => {
                c.set_fill_cmyk(round(cy), round(m), round(y), round(k));
            }
            Paint::Spot { ink, tint } => {
                c.set_fill_color_space(Name(ink_name(ink).as_bytes()));
                c.set_fill_color([round(tint)]);
            }
        }
    }

    /// Strokes what follows in `paint`.
    pub fn stroke(&mut self, c: &mut Content, paint: Paint) {
        if !self.gray {
            self.overprint(c, paint.is_black());
        }
        if self.stroke == Some(paint) {
            return;
        }
        self.stroke = Some(paint);
        match self.normal(paint) {
            Paint::Gray(k) if self.gray => {
                c.set_stroke_gray(round(1.0 - k));
            }
            Paint::Registration => {
                c.set_stroke_color_space(Name(REGISTRATION));
                c.set_stroke_color([1.0]);
            }
            Paint::Gray(_) if paint.is_black() => {
                c.set_stroke_cmyk(0.0, 0.0, 0.0, 1.0);
            }
            Paint::Gray(k) => {
                c.set_stroke_gray(round(1.0 - k));
            }
            Paint::Cmyk([cy, m, y, k]) => {
                c.set_stroke_cmyk(round(cy), round(m), round(y), round(k));
            }
            Paint::Spot { ink, tint } => {
                c.set_stroke_color_space(Name(ink_name(ink).as_bytes()));
                c.set_stroke_color([round(tint)]);
            }
        }
    }

    /// Solid black as grey, whichever way it was written; on a plate,
    /// every paint as the grey of its ink (registration is solid).
    fn normal(&self, paint: Paint) -> Paint {
        match paint {
            p if p.is_black() => Paint::BLACK,
            Paint::Registration if self.gray => Paint::BLACK,
            Paint::Cmyk(v) if self.gray => Paint::Gray(v[3].max(v[0].max(v[1]).max(v[2]))),
            Paint::Spot { tint, .. } if self.gray => Paint::Gray(tint),
            p => p,
        }
    }

    fn overprint(&mut self, c: &mut Content, on: bool) {
        if self.overprint != Some(on) {
            self.overprint = Some(on);
            c.set_parameters(Name(if on { OVERPRINT } else { KNOCKOUT }));
        }
    }
}

/// A colour value to four places (what a press can tell apart, and no
/// `0.39999998` for 60 % ink).
fn round(v: f32) -> f32 {
    (v * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(f: impl Fn(&mut Painter, &mut Content)) -> String {
        let mut c = Content::new();
        let mut p = Painter::default();
        f(&mut p, &mut c);
        String::from_utf8_lossy(&c.finish().into_vec()).into_owned()
    }

    #[test]
    fn black_overprints_in_k_and_other_paints_knock_out() {
        let s = ops(|p, c| {
            p.fill(c, Paint::BLACK);
            p.fill(c, Paint::BLACK);
            p.fill(c, Paint::Gray(0.12));
            p.stroke(c, Paint::Cmyk([0.0, 1.0, 1.0, 0.0]));
            p.fill(c, Paint::Spot { ink: 0, tint: 0.5 });
        });
        assert_eq!(
            s.lines().collect::<Vec<_>>(),
            [
                "/GSop gs",
                "0 0 0 1 k",
                "/GSko gs",
                "0.88 g",
                "0 1 1 0 K",
                "/Ink0 cs",
                "0.5 scn"
            ]
        );
    }
}
