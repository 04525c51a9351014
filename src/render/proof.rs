//! A soft proof: what a paint looks like printed, in sRGB. Each process
//! ink filters the paper's light by its colour at full strength in
//! proportion to its tint, and inks over each other multiply: solid black
//! is the dark grey of black ink on white paper, not the screen's black,
//! as Ghostscript and Acrobat show a CMYK file. A spot ink shows its
//! `display` colour, else its CMYK mix.

use crate::colour::{Ink, Paint};

/// Cyan, magenta, yellow and black ink at full strength on white paper, in
/// sRGB (as Ghostscript shows them through its default CMYK profile).
const PRIMARIES: [[f32; 3]; 4] = [
    [0.0, 174.0, 239.0],
    [236.0, 0.0, 140.0],
    [255.0, 242.0, 0.0],
    [35.0, 31.0, 32.0],
];

/// The document's inks, ready to show.
pub struct Proof {
    spots: Vec<[u8; 3]>,
}

impl Proof {
    pub fn new(inks: &[Ink]) -> Proof {
        Proof {
            spots: inks
                .iter()
                .map(|i| i.display.unwrap_or_else(|| cmyk(i.cmyk)))
                .collect(),
        }
    }

    /// The colour `paint` prints.
    pub fn rgb(&self, paint: Paint) -> [u8; 3] {
        match paint {
            Paint::Gray(k) => cmyk([0.0, 0.0, 0.0, k]),
            Paint::Cmyk(inks) => cmyk(inks),
            Paint::Spot { ink, tint } => {
                let solid = self.spots.get(ink).copied().unwrap_or([0, 0, 0]);
                let t = tint.clamp(0.0, 1.0);
                solid.map(|c| (255.0 - t * (255.0 - f32::from(c))).round() as u8)
            }
            Paint::Registration => cmyk([0.0, 0.0, 0.0, 1.0]),
        }
    }

    /// A CMYK pixel (0 none … 255 solid ink) as it prints.
    pub fn cmyk_pixel(&self, p: [u8; 4]) -> [u8; 3] {
        cmyk(p.map(|v| f32::from(v) / 255.0))
    }
}

/// Four inks (0 … 1) over white paper.
fn cmyk(inks: [f32; 4]) -> [u8; 3] {
    let mut light = [1.0f32; 3];
    for (t, primary) in inks.iter().zip(PRIMARIES) {
        let t = t.clamp(0.0, 1.0);
        for (l, p) in light.iter_mut().zip(primary) {
            *l *= 1.0 - t * (1.0 - p / 255.0);
        }
    }
    light.map(|l| (l * 255.0).round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_ink_is_inks_black_and_paper_is_white() {
        let p = Proof::new(&[]);
        assert_eq!(p.rgb(Paint::BLACK), [35, 31, 32]);
        assert_eq!(p.rgb(Paint::Gray(0.0)), [255, 255, 255]);
        let half = p.rgb(Paint::Gray(0.5));
        assert!((140..150).contains(&half[0]), "{half:?}");
    }

    #[test]
    fn a_spot_ink_shows_its_display_colour_tinted() {
        let red = Ink {
            name: "red".into(),
            cmyk: [0.0, 0.9, 0.85, 0.0],
            display: Some([224, 50, 45]),
        };
        let p = Proof::new(&[red]);
        assert_eq!(p.rgb(Paint::Spot { ink: 0, tint: 1.0 }), [224, 50, 45]);
        let light = p.rgb(Paint::Spot { ink: 0, tint: 0.5 });
        assert_eq!(light[0], 240);
    }
}
