//! PDF/X: what a file must carry to be PDF/X-1a:2001 or PDF/X-4 beyond what
//! every mimeo PDF has (embedded fonts, boxes on every page, no
//! transparency, no RGB once the prepress stage has converted the photos):
//! the header version, the output intent naming the printing condition or
//! embedding the printer's profile, the info keys (`GTS_PDFXVersion`,
//! `Trapped`, dates, a title) and, for X-4, XMP metadata that agrees with
//! them.

use pdf_writer::types::{OutputIntentSubtype, TrappingStatus};
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Chunk, Finish, Name, Ref, Str, TextStr};

use crate::press::{Output, Standard, REGISTRY};

/// What the writer needs to know of the standard once the shared objects
/// are written.
pub struct Intent<'o> {
    output: &'o Output,
    /// The embedded printer's profile.
    profile: Option<Ref>,
    /// The XMP metadata stream.
    metadata: Option<Ref>,
}

/// The file's version: 1.3 for X-1a, 1.6 for X-4, else 1.7.
pub fn version(standard: Standard) -> (u8, u8) {
    match standard {
        Standard::X1a => (1, 3),
        Standard::X4 => (1, 6),
        Standard::None => (1, 7),
    }
}

/// Writes the profile and (for X-4) the XMP metadata; `None` for a plain PDF.
pub fn write<'o>(
    pdf: &mut Chunk,
    output: &'o Output,
    title: &str,
    date: Option<Date>,
    mut next: impl FnMut() -> Ref,
) -> Option<Intent<'o>> {
    if output.standard == Standard::None {
        return None;
    }
    let profile = output.profile.as_ref().map(|p| {
        let id = next();
        let data = super::deflate(&p.data);
        let mut icc = pdf.icc_profile(id, &data);
        icc.n(i32::from(p.components));
        icc.alternate().device_cmyk();
        icc.filter(pdf_writer::Filter::FlateDecode);
        id
    });
    let metadata = (output.standard == Standard::X4).then(|| {
        let id = next();
        let xmp = xmp(title, date);
        pdf.metadata(id, xmp.as_bytes());
        id
    });
    Some(Intent {
        output,
        profile,
        metadata,
    })
}

impl Intent<'_> {
    /// The output intent (and metadata) in the catalog.
    pub fn catalog(&self, cat: &mut Catalog) {
        let out = self.output;
        let mut intents = cat.output_intents();
        let mut intent = intents.push();
        intent.subtype(OutputIntentSubtype::PDFX);
        match (out.condition, &out.profile) {
            (Some(c), _) => {
                intent
                    .output_condition_identifier(TextStr(c.id))
                    .registry_name(TextStr(REGISTRY))
                    .output_condition(TextStr(c.description))
                    .info(TextStr(c.description));
            }
            (None, Some(p)) => {
                intent
                    .output_condition_identifier(TextStr("Custom"))
                    .output_condition(TextStr(&p.name))
                    .info(TextStr(&p.name));
            }
            (None, None) => {}
        }
        if let Some(p) = self.profile {
            intent.dest_output_profile(p);
        }
        intent.finish();
        intents.finish();
        if let Some(m) = self.metadata {
            cat.metadata(m);
        }
    }

    /// The info keys PDF/X asks for (the dates are written by the caller).
    pub fn info(&self, info: &mut DocumentInfo) {
        let (version, conformance) = match self.output.standard {
            Standard::X1a => ("PDF/X-1:2001", Some("PDF/X-1a:2001")),
            _ => ("PDF/X-4", None),
        };
        info.pair(Name(b"GTS_PDFXVersion"), Str(version.as_bytes()));
        if let Some(c) = conformance {
            info.pair(Name(b"GTS_PDFXConformance"), Str(c.as_bytes()));
        }
        info.trapped(TrappingStatus::NotTrapped);
    }
}

/// A moment in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Date {
    /// From seconds since 1970.
    pub fn from_unix(ts: i64) -> Date {
        let days = ts.div_euclid(86_400);
        let secs = ts.rem_euclid(86_400);
        // Civil-from-days (H. Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: yoe + era * 400 + i64::from(m <= 2),
            month: m as u8,
            day: d as u8,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    /// `D:YYYYMMDDHHmmSS+00'00'`, as the info dictionary writes it (with
    /// the offset from UTC spelt out, as PDF/X checkers want it).
    pub fn pdf(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    fn xmp(&self) -> xmp_writer::DateTime {
        xmp_writer::DateTime {
            year: self.year.clamp(0, 9999) as u16,
            month: Some(self.month),
            day: Some(self.day),
            hour: Some(self.hour),
            minute: Some(self.minute),
            second: Some(self.second),
            timezone: Some(xmp_writer::Timezone::Utc),
        }
    }
}

/// The XMP packet of a PDF/X-4 file: the same title, dates, producer and
/// trapping as the info dictionary, the document's identifiers (stamped
/// with the file's ID later) and `pdfxid:GTS_PDFXVersion`.
fn xmp(title: &str, date: Option<Date>) -> String {
    let mut x = xmp_writer::XmpWriter::new();
    x.title([(None, title)]);
    x.format("application/pdf");
    x.creator_tool("mimeo");
    x.producer(concat!("mimeo ", env!("CARGO_PKG_VERSION")));
    x.trapped(false);
    if let Some(d) = date {
        x.create_date(d.xmp());
        x.modify_date(d.xmp());
        x.metadata_date(d.xmp());
    }
    let id = format!(
        "uuid:{}",
        std::str::from_utf8(super::ID_PLACEHOLDER).unwrap_or("")
    );
    x.document_id(&id);
    x.instance_id(&id);
    x.version_id("1");
    x.rendition_class(xmp_writer::RenditionClass::Default);
    x.pdfx_version("PDF/X-4");
    x.finish(None)
}

/// The XMP packet of the screen edition: title, language, producer and
/// dates, and `pdfuaid:part` 1, which says it is tagged for PDF/UA.
pub fn xmp_ua(title: &str, lang: &str, date: Option<Date>) -> String {
    let mut x = xmp_writer::XmpWriter::new();
    x.title([(None, title)]);
    if !lang.is_empty() {
        x.language([xmp_writer::LangId(lang)]);
    }
    x.format("application/pdf");
    x.creator_tool("mimeo");
    x.producer(concat!("mimeo ", env!("CARGO_PKG_VERSION")));
    if let Some(d) = date {
        x.create_date(d.xmp());
        x.modify_date(d.xmp());
        x.metadata_date(d.xmp());
    }
    x.pdfua_part(1);
    x.finish(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_in_pdf_form() {
        assert_eq!(Date::from_unix(0).pdf(), "D:19700101000000+00'00'");
        assert_eq!(
            Date::from_unix(1_700_000_000).pdf(),
            "D:20231114221320+00'00'"
        );
    }

    #[test]
    fn the_xmp_says_pdf_x4_and_agrees_with_the_info() {
        let x = xmp("No. 1", Some(Date::from_unix(0)));
        for needle in [
            "GTS_PDFXVersion>PDF/X-4<",
            "No. 1",
            "1970-01-01T00:00:00Z",
            "<pdf:Trapped>False</pdf:Trapped>",
            "xmpMM:VersionID",
            "xmpMM:RenditionClass",
        ] {
            assert!(x.contains(needle), "{needle} in {x}");
        }
    }
}
