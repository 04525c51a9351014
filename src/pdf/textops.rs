//! Text objects written straight into a content stream: the operators a
//! text run needs (`BT`, `Tf`, `Tz`, `Tc`, `Tm`, `TJ`, a `Span` with its
//! `ActualText`, `ET`), with glyph codes as hex strings. pdf-writer writes a
//! two-byte code below 128 as a literal string with octal escapes (`\000\001`,
//! eight bytes a glyph); hex takes four, and text is most of a page's bytes.
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
    /// but the last followed by the number that moves the next.
    pub fn show(&mut self, pieces: &[(&[u16], f32)]) {
        self.0.push(b'[');
        for (k, (codes, adjust)) in pieces.iter().enumerate() {
            if k > 0 {
                self.0.push(b' ');
            }
            self.0.push(b'<');
            for &code in *codes {
                self.hex_u16(code);
            }
            self.0.push(b'>');
            if k + 1 < pieces.len() {
                self.0.push(b' ');
                self.number(*adjust);
            }
        }
        self.0.extend_from_slice(b"] TJ\n");
    }

    fn hex_u16(&mut self, value: u16) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for shift in [12, 8, 4, 0] {
            self.0.push(HEX[usize::from((value >> shift) & 0xF)]);
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

#[cfg(test)]
mod tests {
    use super::Ops;

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
        ops.show(&[(&[1, 0x2a], -2.34), (&[0xbeef], 0.0)]);
        ops.end_span();
        ops.end_text();
        assert_eq!(
            String::from_utf8(out).expect("ascii"),
            "BT\n/F3 11 Tf\n99.5 Tz\n-0.02574 Tc\n1 0 0 1 70.86614 700 Tm\n\
             /Span <</ActualText <FEFFFB0120AC>>> BDC\n[<0001002A> -2.34 <BEEF>] TJ\nEMC\nET\n"
        );
    }
}
