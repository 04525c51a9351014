//! Colours as the press prints them. A [`Paint`] is a tint of black ink, a
//! CMYK mix or a tint of a spot ink; never RGB, which does not say what ink
//! goes on paper. The spec names paints in words (`"black"`, `"gray 15%"`,
//! `"cmyk 0 100 100 0"`, `"red 40%"` for an ink from `[inks]`), the display
//! list carries them, and the PDF writer and the preflight read them.

/// What a mark is printed in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paint {
    /// A tint of black ink: 0 is the paper, 1 solid black.
    Gray(f32),
    /// Cyan, magenta, yellow and black, each 0 … 1.
    Cmyk([f32; 4]),
    /// A tint (0 … 1) of a spot ink, by its index in the document's inks.
    Spot { ink: usize, tint: f32 },
    /// Every ink at once: registration marks, which must print on every
    /// plate.
    Registration,
}

impl Paint {
    /// Solid black ink.
    pub const BLACK: Paint = Paint::Gray(1.0);

    /// Solid black ink and nothing else: the paint of type, which
    /// overprints what is under it.
    pub fn is_black(&self) -> bool {
        match *self {
            Paint::Gray(k) => k >= 1.0,
            Paint::Cmyk([c, m, y, k]) => c <= 0.0 && m <= 0.0 && y <= 0.0 && k >= 1.0,
            Paint::Spot { .. } | Paint::Registration => false,
        }
    }

    /// Total ink, in % (100 for solid black, 400 for every process ink
    /// solid); a spot ink counts its tint.
    pub fn coverage(&self) -> f32 {
        match *self {
            Paint::Gray(k) => k * 100.0,
            Paint::Cmyk(v) => v.iter().sum::<f32>() * 100.0,
            Paint::Spot { tint, .. } => tint * 100.0,
            Paint::Registration => 400.0,
        }
    }

    /// Whether the paint puts ink on the black plate alone.
    pub fn is_gray(&self) -> bool {
        matches!(self, Paint::Gray(_))
            || matches!(self, Paint::Cmyk([c, m, y, _]) if *c <= 0.0 && *m <= 0.0 && *y <= 0.0)
    }

    /// Reads a paint as the spec writes it; `inks` are the spec's spot
    /// inks, by name. The error says what was expected.
    pub fn parse(text: &str, inks: &[Ink]) -> Result<Paint, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let expected = || {
            let mut s = String::from("expected \"black\", \"white\", a grey (\"gray 15%\"), a CMYK mix in % (\"cmyk 0 100 100 0\")");
            if inks.is_empty() {
                s.push_str(" or an ink named in [inks]");
            } else {
                let names: Vec<&str> = inks.iter().map(|i| i.name.as_str()).collect();
                s.push_str(&format!(
                    " or one of the inks, optionally with a tint ({} or \"{} 50%\")",
                    names.join(", "),
                    names[0]
                ));
            }
            format!("{s}, not \"{text}\"")
        };
        let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        match lower.as_slice() {
            ["black"] => Ok(Paint::BLACK),
            ["white"] | ["paper"] => Ok(Paint::Gray(0.0)),
            ["gray" | "grey", t] => Ok(Paint::Gray(percent(t).ok_or_else(expected)?)),
            ["cmyk", c, m, y, k] => {
                let v = [c, m, y, k].map(|s| number(s).filter(|v| (0.0..=100.0).contains(v)));
                match v {
                    [Some(c), Some(m), Some(y), Some(k)] => {
                        Ok(Paint::Cmyk([c / 100.0, m / 100.0, y / 100.0, k / 100.0]))
                    }
                    _ => Err(format!(
                        "each CMYK value is a percentage from 0 to 100 (\"cmyk 0 100 100 0\"), not \"{text}\""
                    )),
                }
            }
            [s] if s.starts_with('#') || s.starts_with("rgb") => Err(format!(
                "\"{text}\" is a screen colour (RGB), which does not say what ink to print; give it in CMYK (\"cmyk 0 90 85 0\"), as a grey, or as an ink named in [inks]"
            )),
            [name, rest @ ..] if rest.len() <= 1 => {
                let ink = inks
                    .iter()
                    .position(|i| i.name.eq_ignore_ascii_case(name))
                    .ok_or_else(|| {
                        let words = ["black", "white", "gray", "cmyk"]
                            .into_iter()
                            .chain(inks.iter().map(|i| i.name.as_str()));
                        match crate::diag::suggest(name, words) {
                            Some(s) => format!("{}; did you mean `{s}`?", expected()),
                            None => expected(),
                        }
                    })?;
                let tint = match rest {
                    [t] => percent(t).ok_or_else(expected)?,
                    _ => 1.0,
                };
                Ok(Paint::Spot { ink, tint })
            }
            _ => Err(expected()),
        }
    }
}

/// `"15%"` as 0.15, if it is a percentage from 0 to 100.
fn percent(s: &str) -> Option<f32> {
    number(s.strip_suffix('%')?)
        .filter(|v| (0.0..=100.0).contains(v))
        .map(|v| v / 100.0)
}

fn number(s: &str) -> Option<f32> {
    s.parse::<f32>().ok().filter(|v| v.is_finite())
}

/// A spot ink: its name (as the printer's plate will be called), the
/// process mix that stands in for it on a press proof, and the colour it
/// shows on screen, if given (a risograph ink's).
#[derive(Debug, Clone, PartialEq)]
pub struct Ink {
    pub name: String,
    pub cmyk: [f32; 4],
    pub display: Option<[u8; 3]>,
}

/// `"#e0322d"` as red, green and blue.
pub fn hex(s: &str) -> Option<[u8; 3]> {
    let h = s.trim().strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// A screen colour's plain CMYK look-alike (no profile: for a proof only).
pub fn rgb_to_cmyk([r, g, b]: [u8; 3]) -> [f32; 4] {
    let [r, g, b] = [r, g, b].map(|v| f32::from(v) / 255.0);
    let k = 1.0 - r.max(g).max(b);
    if k >= 1.0 {
        return [0.0, 0.0, 0.0, 1.0];
    }
    let [c, m, y] = [r, g, b].map(|v| (1.0 - v - k) / (1.0 - k));
    [c, m, y, k]
}

/// What a layout paints its furniture in, beyond its text styles' colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colours {
    /// Rules between columns and stories, in the masthead and running heads,
    /// and round a boxed placement.
    pub rules: Paint,
    /// The rules over and under a pull quote.
    pub pullquote: Paint,
    /// Behind a placement with `box = "tint"`.
    pub tint: Paint,
}

impl Default for Colours {
    fn default() -> Self {
        Colours {
            rules: Paint::BLACK,
            pullquote: Paint::BLACK,
            tint: Paint::Gray(0.12),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_are_read_as_written() {
        let inks = vec![Ink {
            name: "red".into(),
            cmyk: [0.0, 0.9, 0.85, 0.0],
            display: None,
        }];
        let p = |s: &str| Paint::parse(s, &inks);
        assert_eq!(p("black"), Ok(Paint::BLACK));
        assert_eq!(p("Gray 15%"), Ok(Paint::Gray(0.15)));
        assert_eq!(p("cmyk 0 100 100 0"), Ok(Paint::Cmyk([0.0, 1.0, 1.0, 0.0])));
        assert_eq!(p("red"), Ok(Paint::Spot { ink: 0, tint: 1.0 }));
        assert_eq!(p("red 40%"), Ok(Paint::Spot { ink: 0, tint: 0.4 }));
        for bad in [
            "#ff0000",
            "gray 150%",
            "gray",
            "cmyk 0 0 0",
            "blue",
            "cmyk 0 0 0 x",
        ] {
            let e = p(bad).unwrap_err();
            assert!(e.contains(bad), "{e}");
        }
        assert!(p("#ff0000").unwrap_err().contains("CMYK"));
        assert!(p("blue").unwrap_err().contains("red"));
        assert!(p("blak").unwrap_err().contains("did you mean `black`"));
    }

    #[test]
    fn screen_colours_have_a_cmyk_look_alike() {
        assert_eq!(hex("#e0322d"), Some([0xe0, 0x32, 0x2d]));
        assert_eq!(hex("e0322d"), None);
        assert_eq!(rgb_to_cmyk([0, 0, 0]), [0.0, 0.0, 0.0, 1.0]);
        let red = rgb_to_cmyk([255, 0, 0]);
        assert!(red[0] < 0.01 && red[1] > 0.99 && red[2] > 0.99 && red[3] < 0.01);
    }

    #[test]
    fn black_is_only_solid_black_ink() {
        assert!(Paint::BLACK.is_black());
        assert!(Paint::Cmyk([0.0, 0.0, 0.0, 1.0]).is_black());
        assert!(!Paint::Cmyk([0.6, 0.4, 0.4, 1.0]).is_black());
        assert!(!Paint::Gray(0.9).is_black());
        assert!((Paint::Cmyk([0.6, 0.4, 0.4, 1.0]).coverage() - 240.0).abs() < 1e-3);
    }
}
