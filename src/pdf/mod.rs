//! The PDF backend: display list in, PDF bytes out, written with pdf-writer
//! a batch of pages at a time ([`Writer`]; into memory or a file as it is
//! made: `out`), so a long job's pages need not all be held; the pages of
//! a batch are written and deflated side by side, their text runs by hand
//! (`textops`: glyph codes in hex, a line's letter spacing as `Tc`). Fonts are
//! embedded as subsets (subsetter) in CID-keyed form with a
//! ToUnicode map (every glyph carries its text, so ligatures copy as their
//! letters), JPEGs pass through untouched, every page has its boxes (a bleed
//! and crop marks round it if asked: see `sheet`), and the output is
//! byte-for-byte deterministic.

use std::hash::{Hash, Hasher};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::Resources;
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Chunk, Content, Filter, Finish, Name, Rect, Ref, Str, TextStr};

mod imposed;
mod out;
mod paint;
mod sheet;
mod standard;
mod tagged;
mod textops;

pub use out::Out;
pub use sheet::Sheet;

use crate::assets::images::{Image, ImageData};
use crate::diag::{Error, Result};
use crate::display::{Document, FontProgram, Item, Page, TextRun};
use crate::press::Standard;
use paint::{Painter, Palette};

/// Output settings that do not come from the document.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Seconds since 1970 for the creation date (`SOURCE_DATE_EPOCH`); none: no date.
    pub timestamp: Option<i64>,
    /// The sheet round each page: bleed and crop marks.
    pub sheet: Sheet,
    /// The standard the file keeps to and the condition it is printed in.
    pub output: crate::press::Output,
    /// The pages imposed on sheets: the file's pages are the sheet sides
    /// (and the sheet's bleed and marks are left out of the pages).
    pub imposition: Option<crate::impose::Plan>,
    /// Every paint as a grey (a separation's plate).
    pub gray: bool,
    /// Tagged for the screen (PDF/UA): a structure tree of the articles,
    /// bookmarks, the title shown.
    pub tagged: bool,
}

const ID_PLACEHOLDER: &[u8; 32] = b"mimeo-document-identifier-000000";

const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// Hands out object numbers in order.
pub(crate) struct Refs(i32);

impl Refs {
    pub(crate) fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Writes the document as PDF.
pub fn write(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>> {
    let mut w = Writer::new(doc, opts, Out::memory());
    match &opts.imposition {
        Some(plan) => w.impose(plan, &doc.pages)?,
        None => w.last_pages(&doc.pages, doc)?,
    }
    w.finish(doc)
}

/// A PDF being written a page at a time, so a long document need never be
/// held whole: [`Writer::pages`] writes pages as they are finished (each
/// content stream deflated, its page's display list no longer needed), and
/// [`Writer::finish`] the fonts (subset to the glyphs the pages used), the
/// photos, the page tree and the catalog. Pages share one resource
/// dictionary, written at the end, naming every font that was used.
pub struct Writer<'o> {
    /// Objects written since the last went out.
    pdf: Chunk,
    out: Out,
    refs: Refs,
    opts: &'o PdfOptions,
    catalog: Ref,
    tree: Ref,
    info: Ref,
    resources: Ref,
    title: String,
    date: Option<standard::Date>,
    intent: Option<standard::Intent<'o>>,
    fonts: Vec<FontUse>,
    font_refs: Vec<Ref>,
    image_refs: Vec<Ref>,
    palette: Palette,
    sheet: Sheet,
    marks: Option<tagged::Marks>,
    page_refs: Vec<Ref>,
    /// The document's pages, as far as known when writing began (a tagged
    /// file's links are numbered after them).
    known_pages: usize,
    inks: usize,
    /// The used fonts' subsets, if packed while the last pages were written
    /// ([`Writer::last_pages`]).
    packed: Option<Vec<Result<Packed>>>,
}

impl<'o> Writer<'o> {
    /// Starts a PDF of `doc` (its fonts, photos and inks; its pages, if it
    /// has them yet, only counted) into `out`.
    pub fn new(doc: &Document, opts: &'o PdfOptions, mut out: Out) -> Writer<'o> {
        let mut refs = Refs(0);
        let catalog = refs.next();
        let tree = refs.next();
        let info = refs.next();
        let mut pdf = Chunk::with_capacity(64 * 1024);
        let x = opts.output.standard;
        out.header(standard::version(x));
        // PDF/X wants dates: the build's, else now.
        let date = opts
            .timestamp
            .or_else(|| (x != Standard::None).then(now))
            .map(standard::Date::from_unix);
        let title = match doc.title.trim() {
            "" if x != Standard::None => "Untitled",
            t => t,
        }
        .to_string();
        let intent = standard::write(&mut pdf, &opts.output, &title, date, || refs.next());
        let fonts: Vec<FontUse> = doc.fonts.iter().map(FontUse::new).collect();
        let font_refs: Vec<Ref> = doc.fonts.iter().map(|_| refs.next()).collect();
        let image_refs: Vec<Ref> = doc.images.iter().map(|_| refs.next()).collect();
        // A plain PDF shows inks in their screen colours (a proof); PDF/X in
        // their CMYK stand-ins.
        let screen = x == Standard::None;
        let palette = Palette::write(&mut pdf, &doc.inks, screen, || refs.next());
        let resources = refs.next();
        let sheet = match opts.imposition {
            Some(_) => Sheet::default(),
            None => opts.sheet,
        };
        Writer {
            pdf,
            out,
            refs,
            opts,
            catalog,
            tree,
            info,
            resources,
            title,
            date,
            intent,
            fonts,
            font_refs,
            image_refs,
            palette,
            sheet,
            marks: opts.tagged.then(tagged::Marks::default),
            page_refs: Vec::with_capacity(doc.pages.len()),
            known_pages: doc.pages.len(),
            inks: doc.inks.len(),
            packed: None,
        }
    }

    /// The pages' content streams (the glyphs they use noted for the
    /// subsets), deflated.
    fn contents(&mut self, pages: &[Page]) -> Result<Vec<Vec<u8>>> {
        let codes = self.codes(pages)?;
        Ok(self.streams(pages, codes))
    }

    /// Checks `pages`, then gives each glyph its code in its font's subset,
    /// page by page in order (the subsets number glyphs as they are first
    /// shown).
    fn codes(&mut self, pages: &[Page]) -> Result<Vec<Vec<Vec<u16>>>> {
        let first = self.page_refs.len();
        for (i, page) in pages.iter().enumerate() {
            check_page(first + i, page, self.inks)?;
        }
        Ok(pages
            .iter()
            .map(|page| page_codes(page, &mut self.fonts))
            .collect())
    }

    /// Each page's content stream with its glyphs' `codes`, written and
    /// deflated side by side.
    fn streams(&mut self, pages: &[Page], codes: Vec<Vec<Vec<u16>>>) -> Vec<Vec<u8>> {
        let (sheet, gray, fonts) = (&self.sheet, self.opts.gray, &self.fonts);
        if let Some(marks) = self.marks.as_mut() {
            // (A tagged page's marks number on from the page before.)
            let contents: Vec<Vec<u8>> = pages
                .iter()
                .zip(&codes)
                .map(|(page, codes)| page_content(page, codes, sheet, gray, fonts, Some(marks)))
                .collect();
            return deflate_all(&contents);
        }
        page_streams(pages, codes, sheet, gray, fonts)
    }

    /// Writes the next pages.
    pub fn pages(&mut self, pages: &[Page]) -> Result<()> {
        // (Subsets made before these pages would miss their glyphs.)
        self.packed = None;
        let contents = self.contents(pages)?;
        self.put(pages, contents);
        Ok(())
    }

    /// Writes the last pages, the fonts' subsets made meanwhile: once the
    /// last pages' glyphs have their codes, the subsets are known whole,
    /// and they are made side by side with those pages' content streams
    /// rather than after them. (The bytes are the same as with
    /// [`Writer::pages`]: only when the work is done changes.)
    pub fn last_pages(&mut self, pages: &[Page], doc: &Document) -> Result<()> {
        if self.marks.is_some() {
            // (A tagged page's marks number on from the page before: its
            // streams are written in order, on this thread.)
            return self.pages(pages);
        }
        let codes = self.codes(pages)?;
        let (sheet, gray, fonts) = (&self.sheet, self.opts.gray, &self.fonts);
        let (packed, contents) = rayon::join(
            || pack_fonts(doc, fonts),
            || page_streams(pages, codes, sheet, gray, fonts),
        );
        self.packed = Some(packed);
        self.put(pages, contents);
        Ok(())
    }

    /// Writes `pages` with their deflated `contents`, and sends them out.
    fn put(&mut self, pages: &[Page], contents: Vec<Vec<u8>>) {
        for (page, content) in pages.iter().zip(contents) {
            self.page(page, &content);
        }
        let done = std::mem::replace(&mut self.pdf, Chunk::with_capacity(64 * 1024));
        self.out.put(&done);
    }

    /// Writes `pages` as forms placed on the sheet sides of `plan`.
    pub fn impose(&mut self, plan: &crate::impose::Plan, pages: &[Page]) -> Result<()> {
        let contents = self.contents(pages)?;
        self.page_refs = imposed::write(
            &mut self.pdf,
            &mut self.refs,
            plan,
            pages,
            contents,
            self.tree,
            &self.palette,
            self.resources,
        );
        Ok(())
    }

    /// One page, its content stream deflated.
    fn page(&mut self, page: &Page, content: &[u8]) {
        let i = self.page_refs.len();
        let (page_id, content_id) = (self.refs.next(), self.refs.next());
        self.page_refs.push(page_id);
        let pdf = &mut self.pdf;
        pdf.stream(content_id, content).filter(Filter::FlateDecode);
        let [media, bleed, trim] = self.sheet.boxes(page.width, page.height);
        let mut p = pdf.page(page_id);
        p.parent(self.tree)
            .media_box(media)
            .crop_box(media)
            .bleed_box(bleed)
            .trim_box(trim)
            .contents(content_id);
        p.pair(Name(b"Resources"), self.resources);
        if self.marks.is_some() {
            tagged::page(&mut p, i);
        }
        // Live links, in the screen edition (PDF/X keeps annotations off
        // the printed page).
        let links: Vec<&Item> = page
            .items
            .iter()
            .filter(|i| matches!(i, Item::Link { .. }))
            .collect();
        let link_refs: Vec<Ref> = if self.opts.tagged {
            links.iter().map(|_| self.refs.next()).collect()
        } else {
            Vec::new()
        };
        if !link_refs.is_empty() {
            p.annotations(link_refs.iter().copied());
        }
        p.finish();
        for (item, &id) in links.iter().zip(&link_refs) {
            if let Item::Link {
                x,
                y,
                width,
                height,
                url,
                tag,
            } = item
            {
                let h = page.height;
                let mut a = pdf.annotation(id);
                a.subtype(pdf_writer::types::AnnotationType::Link)
                    .rect(Rect::new(*x, h - y - height, x + width, h - y))
                    .border(0.0, 0.0, 0.0, None)
                    .contents(TextStr(url));
                if let (Some(m), Some(tag)) = (self.marks.as_mut(), tag) {
                    a.struct_parent(m.link(*tag, id, i, self.known_pages));
                }
                a.action()
                    .action_type(pdf_writer::types::ActionType::Uri)
                    .uri(Str(url.as_bytes()));
            }
        }
    }

    /// Ends the file: the page tree, the fonts the pages used, the photos
    /// (`doc`'s, as converted for the press), the structure tree if tagged,
    /// the catalog and the document's information.
    pub fn finish(mut self, doc: &Document) -> Result<Vec<u8>> {
        let packed = match self.packed.take() {
            Some(packed) => packed,
            None => pack_fonts(doc, &self.fonts),
        };
        let Writer {
            mut pdf,
            mut out,
            mut refs,
            opts,
            catalog,
            tree,
            info,
            resources,
            title,
            date,
            intent,
            fonts,
            font_refs,
            image_refs,
            palette,
            marks,
            page_refs,
            ..
        } = self;
        let x = opts.output.standard;
        pdf.pages(tree)
            .kids(page_refs.iter().copied())
            .count(page_refs.len() as i32);
        write_resources(
            &mut pdf.indirect(resources).start::<Resources>(),
            &palette,
            &fonts,
            &font_refs,
            &image_refs,
        );
        // The fonts, subset and deflated side by side, written in order.
        for ((i, (program, font)), packed) in used_fonts(doc, &fonts).zip(packed) {
            write_font(&mut pdf, &mut refs, font_refs[i], program, font, packed?)?;
        }
        // A photo goes out in a chunk of its own, a JPEG's made at its size
        // (in the document's, it would be copied again each time that
        // grew), after what was written before it.
        for (img, &id) in doc.images.iter().zip(&image_refs) {
            out.put(&std::mem::replace(&mut pdf, Chunk::new()));
            let jpeg = match &img.data {
                ImageData::Jpeg { bytes, .. } => bytes.len(),
                ImageData::Raw { .. } => 0,
            };
            let mut photo = Chunk::with_capacity(jpeg + 512);
            write_image(&mut photo, id, img);
            out.put(&photo);
        }
        let structure = marks
            .as_ref()
            .map(|m| tagged::write(&mut pdf, m, &page_refs, &doc.stories, || refs.next()));
        let ua_metadata = structure.as_ref().map(|_| {
            let id = refs.next();
            pdf.metadata(id, standard::xmp_ua(&title, &doc.lang, date).as_bytes());
            id
        });
        let mut cat = pdf.indirect(catalog).start::<Catalog>();
        cat.pages(tree);
        if let Some(s) = &structure {
            cat.pair(Name(b"StructTreeRoot"), s.root);
            cat.mark_info().marked(true);
            cat.viewer_preferences().display_doc_title(true);
            if let Some(outlines) = s.outlines {
                cat.outlines(outlines);
                cat.page_mode(pdf_writer::types::PageMode::UseOutlines);
            }
        }
        if let Some(id) = ua_metadata {
            cat.metadata(id);
        }
        // /Lang came in PDF 1.4; an X-1a file is 1.3.
        if x != Standard::X1a {
            cat.lang(TextStr(&doc.lang));
        }
        if let Some(intent) = &intent {
            intent.catalog(&mut cat);
        }
        // An imposed file prints at 100 %, both sides, turned the way it was
        // imposed for.
        if let Some(plan) = &opts.imposition {
            let mut prefs = cat.viewer_preferences();
            prefs.pair(
                Name(b"Duplex"),
                Name(match plan.duplex {
                    crate::impose::Duplex::Long => b"DuplexFlipLongEdge",
                    crate::impose::Duplex::Short => b"DuplexFlipShortEdge",
                }),
            );
            prefs.pair(Name(b"PrintScaling"), Name(b"None"));
        }
        cat.finish();
        let mut meta = pdf.indirect(info).start::<DocumentInfo>();
        meta.title(TextStr(&title));
        meta.producer(TextStr(concat!("mimeo ", env!("CARGO_PKG_VERSION"))));
        meta.creator(TextStr("mimeo"));
        if let Some(date) = date {
            let date = date.pdf();
            meta.pair(Name(b"CreationDate"), Str(date.as_bytes()));
            meta.pair(Name(b"ModDate"), Str(date.as_bytes()));
        }
        if let Some(intent) = &intent {
            intent.info(&mut meta);
        }
        meta.finish();
        out.put(&pdf);
        out.finish(catalog, info)
            .map_err(|e| Error::new(format!("cannot write the PDF: {e}")))
    }
}

/// The last guard before bytes are written: every number page `index`
/// (from 0) will carry is finite and it is a size a PDF page may have, so a
/// mistake anywhere upstream becomes an error, never a broken file.
fn check_page(index: usize, p: &Page, inks: usize) -> Result<()> {
    const MAX: f32 = crate::units::MAX_PT;
    let ok = |v: f32| v.is_finite() && v.abs() <= 1e6;
    let unit = |v: f32| (0.0..=1.0).contains(&v);
    let paint_ok = |p: &crate::colour::Paint| match *p {
        crate::colour::Paint::Gray(k) => unit(k),
        crate::colour::Paint::Cmyk(v) => v.into_iter().all(unit),
        crate::colour::Paint::Spot { ink, tint } => ink < inks && unit(tint),
        crate::colour::Paint::Registration => true,
    };
    let bad = |what: &str| {
        Error::new(format!(
            "page {}: {what} is not a number a PDF can hold; this is a bug in mimeo, please report it with the input",
            index + 1
        ))
    };
    {
        if !(p.width.is_finite() && p.height.is_finite())
            || p.width < 1.0
            || p.height < 1.0
            || p.width > MAX
            || p.height > MAX
        {
            return Err(bad("the page size"));
        }
        for item in &p.items {
            let fine = match item {
                Item::Link {
                    x,
                    y,
                    width,
                    height,
                    ..
                } => [*x, *y, *width, *height].into_iter().all(ok),
                Item::Text(r) => {
                    paint_ok(&r.paint)
                        && ok(r.x)
                        && ok(r.y)
                        && ok(r.size)
                        && ok(r.scale)
                        && r.scale > 0.0
                        && r.glyphs.iter().all(|g| ok(g.x) && ok(g.rise))
                }
                Item::Rule {
                    from,
                    to,
                    width,
                    paint,
                } => [from.0, from.1, to.0, to.1, *width].into_iter().all(ok) && paint_ok(paint),
                Item::Fill {
                    x,
                    y,
                    width,
                    height,
                    paint,
                    ..
                } => [*x, *y, *width, *height].into_iter().all(ok) && paint_ok(paint),
                Item::Image {
                    x,
                    y,
                    width,
                    height,
                    clip,
                    ..
                } => [*x, *y, *width, *height]
                    .into_iter()
                    .chain(clip.iter().flatten().copied())
                    .all(ok),
            };
            if !fine {
                return Err(bad("a position or size"));
            }
        }
    }
    Ok(())
}

/// Deflates a stream (zlib format, as FlateDecode reads it) with
/// libdeflate, which compresses a whole buffer at once: content streams and
/// fonts at level 1, photos' pixels at level 4. For the column's streams
/// level 1 takes half the time of level 4 for a file 1 % larger (with glyph
/// codes written as bytes, not hex: `textops`); a photo is written once and
/// kept, so it gets the smaller file. Each thread keeps one compressor a
/// level, rather than asking for fresh memory per stream.
fn deflate(data: &[u8]) -> Vec<u8> {
    deflate_at(data, Level::Fast)
}

/// How hard [`deflate_at`] works.
#[derive(Clone, Copy)]
enum Level {
    /// Level 1: text, drawing and fonts.
    Fast,
    /// Level 4: photos' pixels.
    Small,
}

fn deflate_at(data: &[u8], level: Level) -> Vec<u8> {
    thread_local! {
        static COMPRESSORS: std::cell::RefCell<[Option<libdeflater::Compressor>; 2]> =
            const { std::cell::RefCell::new([None, None]) };
    }
    COMPRESSORS.with(|c| {
        let mut c = c.borrow_mut();
        let (slot, n) = match level {
            Level::Fast => (0, 1),
            Level::Small => (1, 4),
        };
        let c = c[slot].get_or_insert_with(|| {
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(n).unwrap_or_default())
        });
        let mut out = vec![0; c.zlib_compress_bound(data.len())];
        // (The bound always holds what the compressor writes.)
        let n = c.zlib_compress(data, &mut out).unwrap_or(0);
        out.truncate(n);
        out
    })
}

/// Deflates many streams, spread over the machine's cores (compression is
/// most of the PDF stage's time on a long document).
fn deflate_all(streams: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let total: usize = streams.iter().map(Vec::len).sum();
    crate::parallel::map(streams, total < 64 * 1024, |s| deflate(s))
}

/// Whether `text` holds letters written right to left.
fn is_rtl_text(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(crate::text::is_right_to_left)
}

/// Whether `text`, a cluster's, is of several characters written right to
/// left.
fn is_rtl_cluster(text: &str) -> bool {
    text.chars().nth(1).is_some() && is_rtl_text(text)
}

/// What a document uses of one font: its glyphs, renumbered for the subset,
/// and the text each stands for.
struct FontUse {
    data: crate::bytes::Bytes,
    remap: subsetter::GlyphRemapper,
    /// Text per new glyph id (empty: none known).
    text: Vec<String>,
    /// Advance widths per original glyph id, in thousandths of an em; read
    /// when the font is first used, so unused fonts cost nothing.
    widths: Option<Vec<f32>>,
}

impl FontUse {
    fn new(program: &FontProgram) -> FontUse {
        FontUse {
            data: program.data.clone(),
            remap: subsetter::GlyphRemapper::new(),
            text: vec![String::new()],
            widths: None,
        }
    }

    fn is_used(&self) -> bool {
        self.widths.is_some()
    }

    /// The subset's id for `gid`, remembering the text it shows: the first
    /// glyph of a cluster shows the cluster's `text`, a later one none; but
    /// a glyph that is the font's own for one of the cluster's characters
    /// (a vowel sign, a consonant beside it) shows that character, so a
    /// reader that knows only ToUnicode reads the letters, if not always in
    /// their order.
    fn glyph(&mut self, gid: u16, text: &str, first: bool) -> u16 {
        if self.widths.is_none() {
            self.widths = Some(advance_widths(&self.data));
        }
        let new = self.remap.remap(gid);
        let slot = usize::from(new);
        if slot >= self.text.len() {
            self.text.resize(slot + 1, String::new());
        }
        if self.text[slot].is_empty() && !text.is_empty() {
            use unicode_normalization::UnicodeNormalization;
            let mut chars = text.chars();
            let single = chars.next().is_some() && chars.next().is_none();
            // (A letter the font draws as its parts, alef and the hamza
            // under it, is matched part by part.)
            let own = match single && first {
                true => None,
                false => ttf_parser::Face::parse(&self.data, 0)
                    .ok()
                    .and_then(|face| {
                        text.nfd()
                            .find(|&c| face.glyph_index(c).is_some_and(|g| g.0 == gid))
                    }),
            };
            match own {
                Some(c) => self.text[slot] = c.to_string(),
                // Readers put a right-to-left line in logical order by
                // reversing its characters, a glyph's several with them:
                // a letter with its vowel mark, or a ligature, is written
                // last character first so that it reads right (poppler read
                // معًا as مًعا).
                None if first && is_rtl_cluster(text) => {
                    self.text[slot] = text.chars().rev().collect();
                }
                None if first => self.text[slot] = text.to_owned(),
                None => {}
            }
        }
        new
    }

    fn width(&self, gid: u16) -> f32 {
        self.widths
            .as_ref()
            .and_then(|w| w.get(usize::from(gid)))
            .copied()
            .unwrap_or(0.0)
    }
}

/// Every glyph's advance in thousandths of an em, as the layout measured it.
fn advance_widths(data: &[u8]) -> Vec<f32> {
    let Ok(face) = ttf_parser::Face::parse(data, 0) else {
        return Vec::new();
    };
    let upem = f32::from(face.units_per_em());
    (0..face.number_of_glyphs())
        .map(|g| {
            crate::shape::pdf_width(
                face.glyph_hor_advance(ttf_parser::GlyphId(g))
                    .map_or(0, i32::from),
                upem,
            )
        })
        .collect()
}

/// The resource name of font `i` and image `i`.
fn font_name(i: usize) -> String {
    format!("F{i}")
}

fn image_name(i: usize) -> String {
    format!("Im{i}")
}

/// Names the fonts, photos, colours and graphics states the pages (and the
/// pages placed as forms) use: one dictionary they all share.
fn write_resources(
    res: &mut Resources,
    palette: &Palette,
    fonts: &[FontUse],
    font_refs: &[Ref],
    image_refs: &[Ref],
) {
    palette.resources(res);
    let mut fdict = res.fonts();
    for (i, (f, &r)) in fonts.iter().zip(font_refs).enumerate() {
        if f.is_used() {
            fdict.pair(Name(font_name(i).as_bytes()), r);
        }
    }
    fdict.finish();
    if !image_refs.is_empty() {
        let mut x = res.x_objects();
        for (i, &r) in image_refs.iter().enumerate() {
            x.pair(Name(image_name(i).as_bytes()), r);
        }
    }
}

/// The subset codes of the glyphs of each text run of `page`, in order;
/// the fonts note the glyphs and the text each first shows.
fn page_codes(page: &Page, fonts: &mut [FontUse]) -> Vec<Vec<u16>> {
    let runs = page.items.iter().filter_map(|i| match i {
        Item::Text(run) => Some(run),
        _ => None,
    });
    runs.map(|run| {
        let Some(font) = fonts.get_mut(run.font) else {
            return Vec::new();
        };
        // Its ToUnicode text is the text it showed first, fixed from then on.
        let mut cluster = "";
        run.glyphs
            .iter()
            .map(|g| {
                let first = !g.text.is_empty();
                if first {
                    cluster = run.text_of(g);
                }
                font.glyph(g.gid, cluster, first)
            })
            .collect()
    })
    .collect()
}

/// A page's content stream, in PDF's bottom-up coordinates, its text runs
/// shown with `codes` (from [`page_codes`]).
fn page_content(
    p: &Page,
    codes: &[Vec<u16>],
    sheet: &Sheet,
    gray: bool,
    fonts: &[FontUse],
    mut marks: Option<&mut tagged::Marks>,
) -> Vec<u8> {
    let mut c = Content::new();
    sheet.begin(&mut c, p.width, p.height);
    let h = p.height;
    let mut painter = Painter::new(gray);
    if let Some(m) = marks.as_deref_mut() {
        m.start_page();
    }
    // Text runs are written here by hand ([`textops`]); the rest with
    // pdf-writer's `Content`, whose bytes go in between.
    let mut out = Vec::with_capacity(16 * 1024);
    let flush = |c: &mut Content, out: &mut Vec<u8>| {
        let done = std::mem::replace(c, Content::with_capacity(256)).finish();
        if !done.is_empty() {
            out.extend_from_slice(&done);
            out.push(b'\n');
        }
    };
    let mut codes = codes.iter();
    for item in p.items.iter().filter(|i| !matches!(i, Item::Link { .. })) {
        // Tagged: the item as an element's content, or an artifact.
        if let Some(m) = marks.as_deref_mut() {
            let (tag, top) = match item {
                Item::Text(run) => (run.tag, h - run.y + run.size),
                Item::Image { tag, y, .. } => (*tag, h - y),
                Item::Rule { .. } | Item::Fill { .. } | Item::Link { .. } => (None, 0.0),
            };
            m.open(&mut c, tag, top);
        }
        match item {
            Item::Text(run) => {
                painter.fill(&mut c, run.paint);
                flush(&mut c, &mut out);
                let run_codes = codes.next().map_or(&[][..], Vec::as_slice);
                text(&mut out, run, run_codes, h, fonts);
            }
            _ => draw_item(&mut c, item, h, &mut painter),
        }
        if marks.is_some() {
            tagged::Marks::close(&mut c);
        }
    }
    flush(&mut c, &mut out);
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    out
}

/// One item of the display list but text (see [`text`]), in the page's
/// content stream.
fn draw_item(c: &mut Content, item: &Item, h: f32, painter: &mut Painter) {
    {
        match item {
            Item::Link { .. } | Item::Text(_) => {}
            Item::Rule {
                from,
                to,
                width,
                paint,
            } => {
                painter.stroke(c, *paint);
                c.set_line_width(*width);
                c.move_to(from.0, h - from.1);
                c.line_to(to.0, h - to.1);
                c.stroke();
            }
            Item::Fill {
                x,
                y,
                width,
                height,
                paint,
                ..
            } => {
                painter.fill(c, *paint);
                c.rect(*x, h - y - height, *width, *height);
                c.fill_nonzero();
            }
            Item::Image {
                index,
                x,
                y,
                width,
                height,
                clip,
                ..
            } => {
                c.save_state();
                if let Some([cx, cy, cw, ch]) = clip {
                    c.rect(*cx, h - cy - ch, *cw, *ch);
                    c.clip_nonzero();
                    c.end_path();
                }
                c.transform([*width, 0.0, 0.0, *height, *x, h - y - height]);
                c.x_object(Name(image_name(*index).as_bytes()));
                c.restore_state();
            }
        }
    }
}

/// One text matrix per run, then one TJ array: after each glyph the viewer
/// advances by the font's `/W` width and the run's letter spacing (`Tc`),
/// so a number follows a glyph only where the layout put the next glyph
/// elsewhere (kerning, justified spaces).
fn text(out: &mut Vec<u8>, run: &TextRun, codes: &[u16], h: f32, fonts: &[FontUse]) {
    let Some(font) = fonts.get(run.font) else {
        return;
    };
    if codes.len() != run.glyphs.len() {
        return;
    }
    let actual = actual_texts(run, codes, font);
    let mut ops = textops::Ops(out);
    ops.begin_text();
    ops.font(run.font, run.size);
    let scaled = (run.scale - 1.0).abs() > 1e-4;
    if scaled {
        ops.horizontal_scaling(run.scale * 100.0);
    }
    // Where each glyph's successor stands against the font's width, and
    // the letter spacing most of them share, set once for the run (Tc) so
    // that only kerning and word spaces need numbers of their own.
    let offsets = offsets(run, font);
    let hundredths = hundredths(&offsets);
    let tracking = tracking(&hundredths);
    if tracking != 0 {
        // (A TJ number n moves the next glyph n/1000 em left; Tc moves it
        // right by Tc, in unscaled text space: the same step is −n·size/1000.)
        ops.char_spacing(-(tracking as f32) / 100.0 * run.size / 1000.0);
    }
    // Words a reader would misread from their glyphs are shown inside a span
    // that says their text; the rest in plain stretches between them.
    let n = run.glyphs.len();
    let mut from = 0;
    while from < n {
        let (to, said) = match actual.iter().find(|a| a.0 == from) {
            Some((_, b, said)) => (*b, Some(said)),
            None => {
                let next = actual.iter().map(|a| a.0).filter(|&a| a > from).min();
                (next.unwrap_or(n), None)
            }
        };
        if let Some(said) = said {
            ops.span(said);
        }
        // A change of rise (a raised mark) starts a new positioned piece.
        let mut i = from;
        while i < to {
            let rise = run.glyphs[i].rise;
            let end = run.glyphs[i..to]
                .iter()
                .position(|g| g.rise != rise)
                .map_or(to, |k| i + k);
            ops.position(run.x + run.glyphs[i].x, h - run.y + rise);
            show(&mut ops, codes, (&offsets, &hundredths), tracking, i..end);
            i = end;
        }
        if said.is_some() {
            ops.end_span();
        }
        from = to;
    }
    if scaled {
        ops.horizontal_scaling(100.0);
    }
    if tracking != 0 {
        ops.char_spacing(0.0);
    }
    ops.end_text();
}

/// For each glyph of `run` but the last, how far the next one stands left
/// of where the font's width would put it, in thousandths of an em, as a
/// TJ number counts (Tz scales both the glyph widths and TJ numbers).
fn offsets(run: &TextRun, font: &FontUse) -> Vec<f32> {
    run.glyphs
        .windows(2)
        .map(|w| font.width(w[0].gid) - (w[1].x - w[0].x) * 1000.0 / (run.size * run.scale))
        .collect()
}

/// `offsets` in whole hundredths, as they are written.
fn hundredths(offsets: &[f32]) -> Vec<i32> {
    offsets.iter().map(|&o| textops::round(o * 100.0)).collect()
}

/// The offset (in hundredths of a thousandth of an em, as written) more
/// than half the glyphs share (`offsets` in hundredths): a justified
/// line's letter spacing, or 0.
fn tracking(offsets: &[i32]) -> i32 {
    // (Boyer and Moore's vote finds the only value that can be a majority.)
    let (mut candidate, mut votes) = (0, 0usize);
    for &h in offsets {
        if votes == 0 {
            candidate = h;
        }
        votes = if h == candidate { votes + 1 } else { votes - 1 };
    }
    let count = offsets.iter().filter(|&&h| h == candidate).count();
    match count * 2 > offsets.len() {
        true => candidate,
        false => 0,
    }
}

/// The words of `run` (`start..end` glyph indices, with their text) a reader
/// would not read right from the glyphs alone: those with a cluster whose
/// glyphs' ToUnicode texts, in the order drawn, are not its text (a vowel
/// sign drawn before its consonant, a glyph that first stood for other
/// letters, a later glyph of a cluster, which has no text of its own and
/// breaks the word for a reader). Latin text has none but for ligatures
/// first met in another word.
fn actual_texts(run: &TextRun, codes: &[u16], font: &FontUse) -> Vec<(usize, usize, String)> {
    let n = run.glyphs.len();
    let mut out = Vec::new();
    // The word being read: where it starts, whether a reader would misread
    // it, and its clusters (glyphs, text, whether a reader would misread it).
    let mut word: Option<(usize, bool)> = None;
    let mut clusters: Vec<(std::ops::Range<usize>, &str, bool)> = Vec::new();
    let tounicode = |code: u16| font.text.get(usize::from(code)).map_or("", String::as_str);
    let mut i = 0;
    while i <= n {
        let mut j = i + 1;
        while j < n && run.glyphs[j].text.is_empty() {
            j += 1;
        }
        let j = j.min(n);
        let text = run.glyphs.get(i).map_or("", |g| run.text_of(g));
        // How far this glyph stands from where the one before it ends, in
        // ems (poppler reads a space from 0.1 em apart, a new word where
        // glyphs overlap by 0.2 em): a gap of a space or more (a list's
        // marker and its text) parts words as a space would.
        let step_of = |k: usize| {
            let (a, b) = (&run.glyphs[k - 1], &run.glyphs[k]);
            let width = font.width(a.gid) * run.size * run.scale / 1000.0;
            ((b.x - a.x - width) / run.size, (b.rise - a.rise).abs())
        };
        let gap = if i == 0 || i >= n { 0.0 } else { step_of(i).0 };
        let space = text.chars().all(char::is_whitespace);
        if i == n || space || gap > 0.25 {
            if let Some((from, bad)) = word.take() {
                if clusters.iter().any(|c| is_rtl_text(c.1)) {
                    // Readers read a right-to-left word's glyphs from right
                    // to left themselves (poppler reverses a span's text
                    // too): each cluster that needs it gets its own span,
                    // whose text is one letter.
                    for (glyphs, text, odd) in clusters.drain(..) {
                        if odd {
                            // (Written last character first, as ToUnicode
                            // is for such a cluster: readers reverse it.)
                            let said = match is_rtl_cluster(text) {
                                true => text.chars().rev().collect(),
                                false => text.to_string(),
                            };
                            out.push((glyphs.start, glyphs.end, said));
                        }
                    }
                } else if bad {
                    let text: String = clusters.iter().map(|c| c.1).collect();
                    out.push((from, i, text));
                }
            }
            clusters.clear();
            if i == n {
                break;
            }
            if space {
                i = j;
                continue;
            }
        }
        // Between glyphs of one word: a step a reader takes for a space or a
        // new word, or a glyph raised or lowered (a mark the shaper moved),
        // which to a reader is on another line.
        let jolts = |k: usize| {
            let (gap, rise) = step_of(k);
            rise > 0.01 || !(-0.15..=0.06).contains(&gap)
        };
        let inside = word.is_some_and(|w| w.0 < i);
        let odd = if j == i + 1 && tounicode(codes[i]) == text {
            // One glyph that says its own text: the common case.
            inside && !is_rtl_text(text) && jolts(i)
        } else {
            // What the glyphs' own texts say; a glyph with none (the later
            // glyph of a cluster) breaks a left-to-right word for a reader,
            // so there it counts as wrong. (Readers take a right-to-left
            // word's glyphs from right to left, the cluster's text with its
            // first glyph, and merge its marks.)
            let rtl = is_rtl_text(text);
            let mut got = String::new();
            let mut read = |code: u16| match tounicode(code) {
                "" if !rtl => got.push('\u{fffd}'),
                t => got.push_str(t),
            };
            codes[i..j].iter().for_each(|&c| read(c));
            if rtl {
                got = got.chars().rev().collect();
            }
            // A mark drawn as a glyph of its own with no width (a Thai tone
            // mark) is one poppler may set on a line of its own.
            let mark = (i + 1..j).any(|k| font.width(run.glyphs[k].gid) == 0.0);
            let differs = got != text && {
                use unicode_normalization::UnicodeNormalization;
                got.nfc().ne(text.nfc())
            };
            differs || (!rtl && (mark || (inside && jolts(i)) || (i + 1..j).any(jolts)))
        };
        clusters.push((i..j, text, odd));
        match &mut word {
            Some((_, bad)) => *bad |= odd,
            None => word = Some((i, odd)),
        }
        i = j;
    }
    out
}

/// Shows glyphs `range` of a run in one TJ, with a number after each glyph
/// whose successor stands elsewhere than its width and the run's
/// `tracking` put it.
fn show(
    ops: &mut textops::Ops,
    codes: &[u16],
    (offsets, hundredths): (&[f32], &[i32]),
    tracking: i32,
    range: std::ops::Range<usize>,
) {
    let end = range.end;
    let mut pieces: Vec<(&[u16], i32)> = Vec::new();
    let mut from = range.start;
    for k in range {
        if k + 1 >= end {
            break;
        }
        // (An offset that rounds to the tracking is within 0.005 of it.)
        if hundredths[k] == tracking {
            continue;
        }
        let o = offsets[k] - tracking as f32 / 100.0;
        if o.abs() >= 0.01 {
            pieces.push((&codes[from..=k], textops::round(o * 100.0)));
            from = k + 1;
        }
    }
    pieces.push((&codes[from..end], 0));
    ops.show(&pieces);
}

/// A font as a Type 0 font over a CID font with its subset program, widths
/// and ToUnicode map.
/// A font's subset program (its CFF table alone, if it has one) and its
/// ToUnicode map, deflated: the work of embedding a font, done for every
/// font at once on the machine's cores.
struct Packed {
    program: Vec<u8>,
    cff: bool,
    cmap: Vec<u8>,
}

/// Each of `pages`' content streams (their glyphs' `codes` from
/// [`page_codes`]), written and deflated side by side.
fn page_streams(
    pages: &[Page],
    codes: Vec<Vec<Vec<u16>>>,
    sheet: &Sheet,
    gray: bool,
    fonts: &[FontUse],
) -> Vec<Vec<u8>> {
    let work: Vec<(&Page, Vec<Vec<u16>>)> = pages.iter().zip(codes).collect();
    crate::parallel::map(&work, false, |(page, codes)| {
        deflate(&page_content(page, codes, sheet, gray, fonts, None))
    })
}

/// The fonts the pages used, with their index among `doc`'s, in order:
/// the fonts [`pack_fonts`] subsets, and `finish` writes with those
/// subsets.
fn used_fonts<'a>(
    doc: &'a Document,
    fonts: &'a [FontUse],
) -> impl Iterator<Item = (usize, (&'a FontProgram, &'a FontUse))> {
    doc.fonts
        .iter()
        .zip(fonts)
        .enumerate()
        .filter(|(_, (_, used))| used.is_used())
}

/// The subsets of the fonts the pages used (`fonts`, beside `doc`'s
/// programs), in order, made side by side.
fn pack_fonts(doc: &Document, fonts: &[FontUse]) -> Vec<Result<Packed>> {
    let used: Vec<(&FontProgram, &FontUse)> = used_fonts(doc, fonts).map(|(_, f)| f).collect();
    // (A small job's glyphs, under 64, are subset on this thread: starting
    // the pool's threads would cost about what it saves. The 4,400-word
    // column's 150 glyphs in three fonts take a millisecond.)
    let glyphs: usize = used.iter().map(|(_, font)| font.text.len()).sum();
    crate::parallel::map(&used, glyphs < 64, |(program, font)| {
        pack_font(program, font)
    })
}

/// Subsets and deflates the font `program` as the pages `used` it.
fn pack_font(program: &FontProgram, used: &FontUse) -> Result<Packed> {
    let fail = |what: &str| Error::new(format!("font {}: {what}", program.name));
    let subset = subsetter::subset(&program.data, 0, &used.remap)
        .map_err(|e| fail(&format!("could not be subset ({e})")))?;
    let cff = ttf_parser::RawFace::parse(&subset, 0)
        .ok()
        .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")))
        .map(deflate);
    let mut map = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (new, text) in used.text.iter().enumerate() {
        if !text.is_empty() {
            map.pair_with_multiple(new as u16, text.chars());
        }
    }
    Ok(Packed {
        cff: cff.is_some(),
        program: cff.unwrap_or_else(|| deflate(&subset)),
        cmap: deflate(&map.finish()),
    })
}

fn write_font(
    pdf: &mut Chunk,
    refs: &mut Refs,
    id: Ref,
    program: &FontProgram,
    used: &FontUse,
    packed: Packed,
) -> Result<()> {
    let fail = |what: &str| Error::new(format!("font {}: {what}", program.name));
    let face = ttf_parser::Face::parse(&program.data, 0)
        .map_err(|_| fail("could not be read for embedding"))?;
    let cff = packed.cff.then_some(());

    let base = format!(
        "{}+{}",
        subset_tag(program, used),
        postscript_name(&face, program)
    );
    let (cid, descriptor, file, cmap) = (refs.next(), refs.next(), refs.next(), refs.next());

    pdf.type0_font(id)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);

    let widths: Vec<f32> = used.remap.remapped_gids().map(|g| used.width(g)).collect();
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(if cff.is_some() {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(base.as_bytes()))
        .system_info(IDENTITY)
        .font_descriptor(descriptor)
        .default_width(0.0);
    if cff.is_none() {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid_font.widths().consecutive(0, widths);
    cid_font.finish();

    let upem = f32::from(face.units_per_em());
    let to_pdf = |v: i16| f32::from(v) * 1000.0 / upem;
    let bbox = face.global_bounding_box();
    let italic = face.is_italic();
    let mut flags = FontFlags::NON_SYMBOLIC;
    if italic {
        flags |= FontFlags::ITALIC;
    }
    if face.is_monospaced() {
        flags |= FontFlags::FIXED_PITCH;
    }
    let weight = f32::from(face.weight().to_number());
    let mut d = pdf.font_descriptor(descriptor);
    d.name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            to_pdf(bbox.x_min),
            to_pdf(bbox.y_min),
            to_pdf(bbox.x_max),
            to_pdf(bbox.y_max),
        ))
        .italic_angle(face.italic_angle())
        .ascent(to_pdf(face.ascender()))
        .descent(to_pdf(face.descender()))
        .cap_height(to_pdf(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(10.0 + 0.244 * (weight - 50.0));
    if cff.is_some() {
        d.font_file3(file);
    } else {
        d.font_file2(file);
    }
    d.finish();

    let mut stream = pdf.stream(file, &packed.program);
    stream.filter(Filter::FlateDecode);
    if packed.cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();
    pdf.stream(cmap, &packed.cmap).filter(Filter::FlateDecode);
    Ok(())
}

/// Six capital letters derived from the font and the glyphs in its subset,
/// so that different subsets of one font get different tags.
fn subset_tag(program: &FontProgram, used: &FontUse) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    program.name.hash(&mut h);
    for g in used.remap.remapped_gids() {
        g.hash(&mut h);
    }
    let mut n = Hasher::finish(&h);
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (n % 26) as u8);
            n /= 26;
            c
        })
        .collect()
}

/// The font's PostScript name, or its family name without spaces.
fn postscript_name(face: &ttf_parser::Face, program: &FontProgram) -> String {
    let from_table = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string());
    let name = from_table.unwrap_or_else(|| program.name.clone());
    name.chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .collect()
}

fn write_image(pdf: &mut Chunk, id: Ref, img: &Image) {
    let space = |n: u8| -> Name<'static> {
        Name(match n {
            1 => b"DeviceGray",
            4 => b"DeviceCMYK",
            _ => b"DeviceRGB",
        })
    };
    match &img.data {
        ImageData::Jpeg {
            bytes,
            components,
            adobe_inverted,
        } => {
            let mut x = pdf.image_xobject(id, bytes);
            x.width(img.width as i32)
                .height(img.height as i32)
                .bits_per_component(8)
                .pair(Name(b"ColorSpace"), space(*components));
            x.filter(Filter::DctDecode);
            if *adobe_inverted {
                x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
            }
        }
        ImageData::Raw { components, pixels } => {
            let data = deflate_at(pixels, Level::Small);
            let mut x = pdf.image_xobject(id, &data);
            x.width(img.width as i32)
                .height(img.height as i32)
                .bits_per_component(8)
                .pair(Name(b"ColorSpace"), space(*components));
            x.filter(Filter::FlateDecode);
        }
    }
}

/// Seconds since 1970, now.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spacing_most_glyphs_share_is_the_runs_tracking() {
        // A justified line: letter spacing, one kerned pair, word spaces.
        let line = hundredths(&[2.34, 2.341, 10.97, 2.339, -30.0, 2.34]);
        assert_eq!(tracking(&line), 234);
        // No spacing most glyphs share: none set for the run.
        assert_eq!(tracking(&hundredths(&[1.0, 2.0, 3.0, 1.0])), 0);
        assert_eq!(tracking(&[]), 0);
        assert_eq!(tracking(&hundredths(&[0.0, 0.0, -12.5])), 0);
    }

    #[test]
    fn a_non_finite_number_is_an_error_not_a_pdf() {
        let page = |x: f32| Page {
            width: 100.0,
            height: 100.0,
            items: vec![Item::Rule {
                from: (x, 0.0),
                to: (10.0, 10.0),
                width: 1.0,
                paint: crate::colour::Paint::BLACK,
            }],
        };
        let doc = |x: f32| Document {
            pages: vec![page(x)],
            ..Document::default()
        };
        assert!(write(&doc(5.0), &PdfOptions::default()).is_ok());
        for bad in [f32::NAN, f32::INFINITY, 1e30] {
            assert!(write(&doc(bad), &PdfOptions::default()).is_err(), "{bad}");
        }
        let huge = Document {
            pages: vec![Page {
                width: f32::INFINITY,
                ..page(1.0)
            }],
            ..Document::default()
        };
        assert!(write(&huge, &PdfOptions::default()).is_err());
    }

    /// A page of one line of `text` in the built-in serif.
    fn text_page(text: &str) -> Page {
        let face = ttf_parser::Face::parse(crate::assets::fonts::SERIF, 0).expect("serif");
        let glyphs = text
            .char_indices()
            .map(|(i, c)| crate::display::Glyph {
                gid: face.glyph_index(c).map_or(0, |g| g.0),
                x: i as f32 * 6.0,
                rise: 0.0,
                text: i as u32..(i + c.len_utf8()) as u32,
            })
            .collect();
        Page {
            width: 200.0,
            height: 100.0,
            items: vec![Item::Text(TextRun {
                font: 0,
                size: 10.0,
                x: 10.0,
                y: 50.0,
                scale: 1.0,
                paint: crate::colour::Paint::BLACK,
                glyphs,
                text: text.to_string(),
                tag: None,
            })],
        }
    }

    #[test]
    fn fonts_subset_beside_the_last_pages_are_the_fonts_subset_after_them() {
        let doc = Document {
            fonts: vec![FontProgram {
                name: "serif".into(),
                data: crate::bytes::Bytes::Static(crate::assets::fonts::SERIF),
            }],
            pages: vec![text_page("abc"), text_page("xyz QJK")],
            ..Document::default()
        };
        let opts = PdfOptions::default();
        let written = |last: bool, again: bool| {
            let mut w = Writer::new(&doc, &opts, Out::memory());
            w.pages(&doc.pages[..1]).expect("page");
            match last {
                // (The glyphs of the last page only are in the subsets
                // made beside it: made before it, they would be missing.)
                true => w.last_pages(&doc.pages[1..], &doc).expect("last"),
                false => w.pages(&doc.pages[1..]).expect("pages"),
            }
            if again {
                // Pages after the "last" ones: the subsets are made again.
                w.pages(&doc.pages[..1]).expect("again");
            }
            w.finish(&doc).expect("pdf")
        };
        assert_eq!(written(true, false), written(false, false));
        assert_eq!(written(true, true), written(false, true));
        assert_eq!(written(false, false), write(&doc, &opts).expect("pdf"));
    }

    #[test]
    fn the_id_is_stamped_from_the_content() {
        let doc = |w: f32| Document {
            pages: vec![Page {
                width: w,
                height: 100.0,
                items: Vec::new(),
            }],
            ..Document::default()
        };
        let a = write(&doc(100.0), &PdfOptions::default()).expect("pdf");
        let id = |pdf: &[u8]| {
            let text = String::from_utf8_lossy(pdf).into_owned();
            let at = text.find("/ID [(").expect("an ID") + 6;
            text[at..at + 32].to_string()
        };
        assert_eq!(a, write(&doc(100.0), &PdfOptions::default()).expect("pdf"));
        let b = write(&doc(120.0), &PdfOptions::default()).expect("pdf");
        assert_ne!(id(&a), id(&b));
        assert!(!String::from_utf8_lossy(&a).contains("mimeo-document-identifier"));
        assert!(id(&a).bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
