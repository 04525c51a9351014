//! Lengths as users write them (`12mm`, `0.5in`, `9pt`, `1.2cm`), resolved to
//! PostScript points, the one unit used everywhere after input.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// Points per unit.
const UNITS: [(&str, f32); 4] = [
    ("pt", 1.0),
    ("mm", 72.0 / 25.4),
    ("cm", 72.0 / 2.54),
    ("in", 72.0),
];

/// A length in points, read from a string with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Length(pub f32);

impl Length {
    /// The length in points.
    pub fn pt(self) -> f32 {
        self.0
    }
}

/// The longest length: 200in, the largest page a PDF may have.
pub const MAX_PT: f32 = 14_400.0;

/// The message shown for a length that cannot be read.
pub const EXPECTED: &str = "expected a length with a unit: `12mm`, `1.5cm`, `0.5in` or `9pt`";

/// Parses `"12mm"` and friends into points.
pub fn parse_length(s: &str) -> Result<f32, String> {
    let t = s.trim();
    for (unit, factor) in UNITS {
        if let Some(num) = t.strip_suffix(unit) {
            let v: f32 = num
                .trim()
                .parse()
                .map_err(|_| format!("`{s}` is not a length: {EXPECTED}"))?;
            if !v.is_finite() || v < 0.0 {
                return Err(format!("`{s}`: a length must be zero or positive"));
            }
            let pt = v * factor;
            if !pt.is_finite() || pt > MAX_PT {
                return Err(format!(
                    "`{s}` is too long: lengths go up to 200in (5080mm, 14400pt), the largest PDF page"
                ));
            }
            return Ok(pt);
        }
    }
    if t.parse::<f32>().is_ok_and(|v| v == 0.0) {
        return Ok(0.0);
    }
    // A number with a mistyped unit ("4.5 mn", "12px"): say which was meant.
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(t.len());
    let (num, unit) = (t[..split].trim(), t[split..].trim());
    let meant = match unit.to_ascii_lowercase().as_str() {
        "px" | "pts" | "p" | "points" => Some("pt"),
        "mms" | "millimetres" | "millimeters" => Some("mm"),
        "cms" => Some("cm"),
        "inch" | "inches" | "\"" => Some("in"),
        u if !num.is_empty() && num.parse::<f32>().is_ok() => {
            crate::diag::suggest(u, UNITS.iter().map(|(n, _)| *n))
        }
        _ => None,
    };
    match meant {
        Some(m) if !num.is_empty() => Err(format!(
            "`{s}` has no valid unit: {EXPECTED}; did you mean `{num}{m}`?"
        )),
        _ => Err(format!("`{s}` has no valid unit: {EXPECTED}")),
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Length;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Length, E> {
                parse_length(s).map(Length).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Length, E> {
                if v == 0 {
                    Ok(Length(0.0))
                } else {
                    Err(E::custom(format!("`{v}` has no unit: {EXPECTED}")))
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Length, E> {
                if v == 0.0 {
                    Ok(Length(0.0))
                } else {
                    Err(E::custom(format!("`{v}` has no unit: {EXPECTED}")))
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod typos {
    #[test]
    fn a_mistyped_unit_says_which_was_meant() {
        for (typed, meant) in [
            ("4.5 mn", "4.5mm"),
            ("12px", "12pt"),
            ("3 inches", "3in"),
            ("2cn", "2cm"),
        ] {
            let e = super::parse_length(typed).unwrap_err();
            assert!(
                e.contains(&format!("did you mean `{meant}`")),
                "{typed}: {e}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_to_points() {
        assert_eq!(parse_length("72pt"), Ok(72.0));
        assert_eq!(parse_length("1in"), Ok(72.0));
        assert!((parse_length("25.4mm").unwrap() - 72.0).abs() < 1e-3);
        assert!((parse_length("2.54 cm").unwrap() - 72.0).abs() < 1e-3);
        assert_eq!(parse_length("0"), Ok(0.0));
    }

    #[test]
    fn bad_units_are_refused() {
        assert!(parse_length("12").is_err());
        assert!(parse_length("12px").is_err());
        assert!(parse_length("-3mm").is_err());
        assert!(parse_length("mm").is_err());
        assert!(parse_length("1e37in").is_err());
        assert!(parse_length("nanpt").is_err());
        assert!(parse_length("infmm").is_err());
        assert!(parse_length("201in").is_err());
        assert!(parse_length("200in").is_ok());
    }
}
