//! Text objects written straight into a content stream: the operators a
//! text run needs (`BT`, `Tf`, `Tz`, `Tc`, `Tm`, `TJ`, a `Span` with its
//! `ActualText`, `ET`), with glyph codes as literal strings of their two
//! bytes as they are, escaping only what a literal string must (`(`, `)`,
//! `\` and a carriage return). pdf-writer writes a two-byte code below 128
//! with octal escapes (`\000\001`, eight bytes a glyph) and hex takes four;
//! text is most of a page's bytes, and fewer bytes are less to deflate.
//! Numbers are written as pdf-writer writes them.

/// A content stream's bytes being written.
pub struct Ops<'o>(pub &'o mut Vec<u8>);

impl Ops<'_> {
    /// `BT`.
    pub fn begin_text(&mut self) {
        self.0.extend_from_slice(b"BT\n");
    }

    /// `ET`.
    pub fn end_text(&mut self) {
        self.0.extend_from_slice(b"ET\n");
    }

    /// `/F<font> <size> Tf`.
    pub fn font(&mut self, font: usize, size: f32) {
        self.0.extend_from_slice(b"/F");
        self.0
            .extend_from_slice(itoa::Buffer::new().format(font).as_bytes());
        self.0.push(b' ');
        self.number(size);
        self.0.extend_from_slice(b" Tf\n");
    }

    /// `<percent> Tz`.
    pub fn horizontal_scaling(&mut self, percent: f32) {
        self.number(percent);
        self.0.extend_from_slice(b" Tz\n");
    }

    /// `<spacing> Tc`.
    pub fn char_spacing(&mut self, spacing: f32) {
        self.number(spacing);
        self.0.extend_from_slice(b" Tc\n");
    }

    /// `1 0 0 1 <x> <y> Tm`.
    pub fn position(&mut self, x: f32, y: f32) {
        self.0.extend_from_slice(b"1 0 0 1 ");
        self.number(x);
        self.0.push(b' ');
        self.number(y);
        self.0.extend_from_slice(b" Tm\n");
    }

    /// `/Span <</ActualText <FEFF…>>> BDC`: what the glyphs up to the next
    /// [`Self::end_span`] say, in UTF-16.
    pub fn span(&mut self, text: &str) {
        self.0.extend_from_slice(b"/Span <</ActualText <FEFF");
        for unit in text.encode_utf16() {
            self.hex_u16(unit);
        }
        self.0.extend_from_slice(b">>> BDC\n");
    }

    /// `EMC`.
    pub fn end_span(&mut self) {
        self.0.extend_from_slice(b"EMC\n");
    }

    /// `[<codes> n <codes> …] TJ`: `pieces` are runs of glyph codes, each
    /// but the last followed by the number that moves the next, given in
    /// hundredths (written as the number it is a hundredth of).
    pub fn show(&mut self, pieces: &[(&[u16], i32)]) {
        let glyphs: usize = pieces.iter().map(|p| p.0.len()).sum();
        self.0.reserve(glyphs * 2 + pieces.len() * 12 + 8);
        self.0.push(b'[');
        for (k, (codes, adjust)) in pieces.iter().enumerate() {
            if k > 0 {
                self.0.push(b' ');
            }
            self.0.push(b'(');
            for &code in *codes {
                for byte in code.to_be_bytes() {
                    match byte {
                        b'(' | b')' | b'\\' => self.0.extend_from_slice(&[b'\\', byte]),
                        b'\r' => self.0.extend_from_slice(b"\\r"),
                        _ => self.0.push(byte),
                    }
                }
            }
            self.0.push(b')');
            if k + 1 < pieces.len() {
                self.0.push(b' ');
                self.hundredths(*adjust);
            }
        }
        self.0.extend_from_slice(b"] TJ\n");
    }

    fn hex_u16(&mut self, value: u16) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let digit = |shift: u16| HEX[usize::from((value >> shift) & 0xF)];
        self.0
            .extend_from_slice(&[digit(12), digit(8), digit(4), digit(0)]);
    }

    /// `h` hundredths, written as [`Self::number`] writes the `f32`
    /// nearest to h/100 (the fewest digits that read back as it, which for
    /// a number of this size are its own two places at most, with no
    /// trailing zero), without formatting a float.
    pub fn hundredths(&mut self, h: i32) {
        if h.unsigned_abs() > EXACT_HUNDREDTHS {
            self.number(h as f32 / 100.0);
            return;
        }
        if h < 0 {
            self.0.push(b'-');
        }
        let (whole, part) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
        self.0
            .extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
        if part != 0 {
            self.0.push(b'.');
            self.0.push(b'0' + (part / 10) as u8);
            if part % 10 != 0 {
                self.0.push(b'0' + (part % 10) as u8);
            }
        }
    }

    /// A number as pdf-writer writes it: whole numbers without a point,
    /// others in the fewest digits that read back the same.
    fn number(&mut self, value: f32) {
        if value as i32 as f32 == value {
            self.0
                .extend_from_slice(itoa::Buffer::new().format(value as i32).as_bytes());
        } else if value.abs() > 1e-6 && value.abs() < 1e12 {
            self.0
                .extend_from_slice(ryu::Buffer::new().format(value).as_bytes());
        } else {
            // (Not finite, or too small or large for ryu's plain form; the
            // page's numbers are checked before it is written.)
            use std::io::Write;
            let _ = write!(self.0, "{value}");
        }
    }
}

/// The largest count of hundredths [`Ops::hundredths`] writes itself: an
/// f32 tells every hundredth apart up to 2^16, and a test checks that
/// each up to this one reads as the float formatter writes it.
const EXACT_HUNDREDTHS: u32 = 4_000_000;

/// `x` rounded half away from zero, as `x.round() as i32`, without the
/// call into the maths library that `round` is on plain x86-64 (a page
/// rounds a few numbers for every glyph).
pub fn round(x: f32) -> i32 {
    // (Within ±2^22, truncating and the difference to it are exact.)
    if x.is_nan() || x.abs() >= 4_194_304.0 {
        return x.round() as i32;
    }
    let whole = x as i32;
    let rest = x - whole as f32;
    if rest >= 0.5 {
        whole + 1
    } else if rest <= -0.5 {
        whole - 1
    } else {
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::{round, Ops, EXACT_HUNDREDTHS};

    #[test]
    fn hundredths_read_as_the_float_formatter_writes_them() {
        let as_number = |h: i32| {
            let mut out = Vec::new();
            Ops(&mut out).number(h as f32 / 100.0);
            out
        };
        let as_hundredths = |h: i32| {
            let mut out = Vec::new();
            Ops(&mut out).hundredths(h);
            out
        };
        let limit = EXACT_HUNDREDTHS as i32;
        for h in (-limit..=limit).step_by(7).chain(-1000..=1000) {
            assert_eq!(as_hundredths(h), as_number(h), "{h}");
        }
        assert_eq!(as_hundredths(-234), b"-2.34");
        assert_eq!(as_hundredths(150), b"1.5");
        assert_eq!(as_hundredths(-5), b"-0.05");
        assert_eq!(as_hundredths(i32::MIN), as_number(i32::MIN));
    }

    #[test]
    fn rounding_is_the_standard_librarys() {
        let mut x = -5_000_000.0f32;
        while x < 5_000_000.0 {
            for d in [0.0, 0.25, 0.5, 0.49999997, 0.50000006, 0.75] {
                for v in [x + d, -(x + d)] {
                    assert_eq!(round(v), v.round() as i32, "{v}");
                }
            }
            x += 997.3;
        }
        for v in [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            0.5,
            -0.5,
            1.5,
            -2.5,
            1e-9,
        ] {
            assert_eq!(round(v), v.round() as i32, "{v}");
        }
    }

    #[test]
    fn a_text_object_reads_as_pdf_operators() {
        let mut out = Vec::new();
        let mut ops = Ops(&mut out);
        ops.begin_text();
        ops.font(3, 11.0);
        ops.horizontal_scaling(99.5);
        ops.char_spacing(-0.02574);
        ops.position(70.86614, 700.0);
        ops.span("ﬁ€");
        ops.show(&[(&[1, 0x2a], -234), (&[0x0041], 0)]);
        ops.end_span();
        ops.end_text();
        assert_eq!(
            String::from_utf8(out).expect("ascii"),
            "BT\n/F3 11 Tf\n99.5 Tz\n-0.02574 Tc\n1 0 0 1 70.86614 700 Tm\n\
             /Span <</ActualText <FEFFFB0120AC>>> BDC\n[(\u{0}\u{1}\u{0}*) -2.34 (\u{0}A)] TJ\nEMC\nET\n"
        );
    }

    #[test]
    fn glyph_codes_read_back_as_written() {
        // Every byte a code can hold, the four a literal string escapes
        // among them, in a string a PDF reader parses back.
        let codes: Vec<u16> = (0..=255u16)
            .map(|b| b << 8 | (255 - b))
            .chain([0x2829, 0x5c0d, 0x0a0d, 0xbeef])
            .collect();
        let mut out = Vec::new();
        Ops(&mut out).show(&[(&codes, 0)]);
        let ops = lopdf::content::Content::decode(&out).expect("a content stream");
        let [op] = ops.operations.as_slice() else {
            panic!("one operator: {:?}", ops.operations)
        };
        let Some(lopdf::Object::Array(items)) = op.operands.first() else {
            panic!("an array")
        };
        let Some(lopdf::Object::String(bytes, _)) = items.first() else {
            panic!("a string")
        };
        let read: Vec<u16> = bytes
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(read, codes);
    }
}
