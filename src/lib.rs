//! mimeo turns Markdown articles and a TOML layout spec into print-ready PDF,
//! composed in columns as a newspaper desk would.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`spec`] and [`article`] read the input files;
//! 2. [`assets`] loads fonts and photos;
//! 3. [`model`] resolves articles against the spec (the document model);
//! 4. [`typeset`] shapes ([`shape`]) and breaks ([`linebreak`]) every paragraph;
//! 5. [`compose`] stacks the lines into columns and pages: the [`display`] list;
//! 6. [`prepress`] converts the photos for the press ([`press`]) and checks
//!    the pages as a print shop would;
//! 7. [`pdf`] writes the display list as PDF, [`render`] draws it as PNG;
//!    [`report`] says where text went.
//!
//! A job that is only printed streams: each page goes to the PDF (on its own
//! thread, with its preflight) as soon as it is composed, and a long story
//! flowing without a plan is set a chunk at a time as the pages need it
//! ([`typeset::Rest`]), so memory does not grow with the pages. Data still
//! flows one way: composition pulls set lines and pushes finished pages.

pub mod article;
pub mod assets;
pub mod bytes;
pub mod colour;
pub mod compose;
pub mod diag;
pub mod display;
pub mod editions;
pub mod files;
pub mod hyphenate;
pub mod impose;
pub mod linebreak;
pub mod model;
pub mod parallel;
pub mod pdf;
pub mod prepress;
pub mod press;
pub mod render;
pub mod report;
pub mod shape;
pub mod spec;
pub mod templates;
pub mod text;
pub mod typeset;
pub mod units;
pub mod watch;

use std::path::{Path, PathBuf};

use assets::fonts::FontBook;
use diag::{Error, Result, Warning, Warnings};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    /// The layout spec.
    pub layout: PathBuf,
    /// Articles and folders of articles, in order.
    pub inputs: Vec<PathBuf>,
    /// Creation date for the PDF (seconds since 1970), if any.
    pub timestamp: Option<i64>,
    /// Folders beyond each file's own from which photos and fonts may be read.
    pub allow_paths: Vec<PathBuf>,
    /// The largest article read, in bytes.
    pub max_article: u64,
    /// Impose the pages so (`--impose`), whatever the spec says.
    pub impose: Option<impose::Kind>,
    /// Also write one greyscale PDF per ink (`--separate`).
    pub separate: bool,
    /// Also draw the pages as PNG at this many dots per inch (`--png`).
    pub preview: Option<f32>,
    /// The screen edition (`--for screen`), whatever the spec says.
    pub screen: bool,
    /// Told the name of each stage as it ends (for a progress display).
    pub stages: Option<Stages>,
    /// The language editions to build (`--edition`), whatever the spec says.
    pub editions: Vec<String>,
    /// A folder where a PDF written a page at a time may be written into a
    /// file as it is made ([`BuildOutput::spooled`]), rather than held in
    /// memory: the folder the PDF goes to, so it can be renamed into place.
    pub spool: Option<PathBuf>,
    /// A folder where the proof that a JPEG is sound (decoding it whole)
    /// is kept by its bytes, so a later build need not decode it again
    /// ([`assets::proofs`]); none: every photo is decoded.
    pub proofs: Option<PathBuf>,
}

/// What is told the end of each stage of a build: `read`, `assets`,
/// `typeset`, `compose`, `prepress`, `pdf`, and `impose`, `separate`,
/// `preview` when asked for.
#[derive(Clone)]
pub struct Stages(pub std::sync::Arc<dyn Fn(&'static str) + Send + Sync>);

impl std::fmt::Debug for Stages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stages")
    }
}

impl BuildRequest {
    /// A request with the default limits and no extra allowed folders.
    pub fn new(layout: impl Into<PathBuf>, inputs: Vec<PathBuf>) -> BuildRequest {
        BuildRequest {
            layout: layout.into(),
            inputs,
            timestamp: None,
            allow_paths: Vec::new(),
            max_article: files::MAX_ARTICLE,
            impose: None,
            separate: false,
            preview: None,
            screen: false,
            stages: None,
            editions: Vec::new(),
            spool: None,
            proofs: None,
        }
    }
}

/// A finished build.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The PDF, unless it was written into a file as it was made
    /// (`spooled`).
    pub pdf: Vec<u8>,
    /// The file the PDF was written into (with [`BuildRequest::spool`]):
    /// rename it into place with [`files::Spooled::persist`], or drop it.
    pub spooled: Option<std::sync::Arc<files::Spooled>>,
    pub report: report::Report,
    pub warnings: Vec<Warning>,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Every file the build read (layout, articles, photos, fonts): outputs
    /// must not be written over them.
    pub sources: Vec<PathBuf>,
    /// The pages imposed on sheets, if asked: the word the file's name ends
    /// in (`booklet`, `4up`) and the PDF.
    pub imposed: Option<(String, Vec<u8>)>,
    /// With separations: each ink's name and its greyscale PDF.
    pub plates: Vec<(String, Vec<u8>)>,
    /// With a preview: each page as a PNG file's bytes.
    pub previews: Vec<Vec<u8>>,
}

/// What one build keeps for the next (`mimeo watch`): work that depends
/// only on bytes that have not changed.
#[derive(Default)]
pub struct Cache {
    photos: assets::images::Decoded,
    /// Paragraphs set, kept only by [`Cache::keeping`] (a one-off build
    /// would only pay to copy them).
    paragraphs: Option<typeset::Memo>,
}

impl Cache {
    /// A cache that also keeps every paragraph set, by its text, style and
    /// width, for builds that follow one another (`mimeo watch`).
    pub fn keeping() -> Cache {
        Cache {
            paragraphs: Some(typeset::Memo::default()),
            ..Cache::default()
        }
    }

    /// Lets go of what the last build did not use.
    fn sweep(&self) {
        self.photos.sweep();
        if let Some(p) = &self.paragraphs {
            p.sweep();
        }
    }
}

/// Runs the whole pipeline.
pub fn build(req: &BuildRequest) -> Result<BuildOutput> {
    build_cached(req, &Cache::default())
}

/// Runs the whole pipeline, taking from `cache` what an earlier build did
/// with the same bytes, and leaving there what the next may use.
pub fn build_cached(req: &BuildRequest, cache: &Cache) -> Result<BuildOutput> {
    let out = build_with(req, cache);
    // (A failed build may not have come to the photos: keep them.)
    if out.is_ok() {
        cache.sweep();
    }
    out
}

/// A spec and articles read, ready to build.
struct Read {
    spec: spec::Spec,
    paths: Vec<PathBuf>,
    articles: Vec<article::Article>,
    allowed: files::Allowed,
    clock: Clock,
}

/// Reads the layout spec and the articles, with the request's overrides;
/// with `langs`, also the articles in folders named for them.
fn read(req: &BuildRequest, langs: Option<&[String]>) -> Result<Read> {
    let mut clock = Clock {
        last: Some(std::time::Instant::now()),
        laps: Vec::new(),
        told: req.stages.clone(),
    };
    let mut spec = spec::load(&req.layout)?;
    if req.screen {
        if req.separate {
            return Err(Error::new(
                "--separate makes plates for printing; the screen edition (--for screen) has none",
            )
            .with_help(
                "build the print edition with --separate, and the screen edition without it",
            ));
        }
        spec.output = spec.output.for_screen();
    }
    if req.separate {
        // Separated for a risograph: every photo in grey, for its drum.
        spec.output.separate = true;
        spec.output.colour = press::ImageColour::Gray;
    }
    let langs = langs.map_or_else(|| editions_of(req, &spec), <[String]>::to_vec);
    let mut inputs = req.inputs.clone();
    inputs.extend(editions::language_folders(&req.inputs, &langs));
    let paths = article_paths(&inputs)?;
    let articles = paths
        .iter()
        .map(|p| article::load(p, req.max_article))
        .collect::<Result<Vec<_>>>()?;
    clock.lap("read");
    let mut allowed = files::Allowed(spec.allow_paths.clone());
    allowed.0.extend(req.allow_paths.iter().cloned());
    Ok(Read {
        spec,
        paths,
        articles,
        allowed,
        clock,
    })
}

/// The editions asked for: `--edition`, else the spec's `[editions]`.
fn editions_of(req: &BuildRequest, spec: &spec::Spec) -> Vec<String> {
    if req.editions.is_empty() {
        spec.editions.clone()
    } else {
        req.editions.clone()
    }
}

fn build_with(req: &BuildRequest, cache: &Cache) -> Result<BuildOutput> {
    let mut r = read(req, Some(&[]))?;
    let chosen = editions::choose(&r.articles, &[], None, &r.spec.lang);
    r.forget_text();
    build_one(req, &r, &r.spec, chosen, r.clock.clone(), cache)
}

impl Read {
    /// Lets go of the articles' text here once they are chosen: the build
    /// then holds the only copy, which it lets go of once the document
    /// model is made of it.
    fn forget_text(&mut self) {
        for a in &mut self.articles {
            a.blocks = std::sync::Arc::from(Vec::new());
        }
    }
}

/// One edition of a build: its language (none for a build without
/// editions) and what it made.
#[derive(Debug, Clone)]
pub struct Edition {
    pub lang: Option<String>,
    pub out: BuildOutput,
}

/// Builds every edition the request or the spec names (`[editions]`,
/// `--edition`), side by side, each from the same plan with its articles in
/// its language, copyfitted and reported on its own; with none, the one
/// build [`build`] makes.
pub fn build_editions(req: &BuildRequest, cache: &Cache) -> Result<Vec<Edition>> {
    let r = read(req, None)?;
    let langs = editions_of(req, &r.spec);
    if langs.is_empty() {
        let mut r = r;
        let chosen = editions::choose(&r.articles, &[], None, &r.spec.lang);
        r.forget_text();
        let out = build_one(req, &r, &r.spec, chosen, r.clock.clone(), cache)?;
        cache.sweep();
        return Ok(vec![Edition { lang: None, out }]);
    }
    let built: Vec<Result<Edition>> = std::thread::scope(|scope| {
        let jobs: Vec<_> = langs
            .iter()
            .map(|lang| {
                let r = &r;
                let langs = &langs;
                scope.spawn(move || {
                    let spec = r.spec.for_edition(lang);
                    let chosen = editions::choose(&r.articles, langs, Some(lang), &r.spec.lang);
                    let out = build_one(req, r, &spec, chosen, r.clock.clone(), cache)?;
                    Ok(Edition {
                        lang: Some(lang.clone()),
                        out,
                    })
                })
            })
            .collect();
        jobs.into_iter()
            .map(|j| {
                j.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let built = built.into_iter().collect::<Result<Vec<_>>>()?;
    cache.sweep();
    Ok(built)
}

/// Builds the chosen articles with `spec`; the sources are every file read.
fn build_one(
    req: &BuildRequest,
    r: &Read,
    spec: &spec::Spec,
    chosen: editions::Chosen,
    clock: Clock,
    cache: &Cache,
) -> Result<BuildOutput> {
    let extras = Extras {
        timestamp: req.timestamp,
        impose: req.impose,
        preview: req.preview,
        spool: req.spool.clone(),
        proofs: req.proofs.clone().map(assets::proofs::Proofs::new),
        notes: chosen
            .missing
            .iter()
            .map(|(id, printed)| {
                (
                    id.clone(),
                    format!(
                        "no version in `{}` (name one `{id}.{}.md`); this edition prints it in `{printed}`",
                        spec.lang, spec.lang
                    ),
                )
            })
            .collect(),
    };
    let named: Vec<(String, PathBuf)> = chosen
        .articles
        .iter()
        .map(|a| (a.id.clone(), a.path.clone()))
        .collect();
    let mut out = run(spec, chosen.articles, &r.allowed, extras, clock, cache)?;
    locate(&mut out.warnings, &req.layout, &named);
    let mut sources = vec![req.layout.clone()];
    sources.extend(r.paths.iter().cloned());
    sources.extend(
        r.articles
            .iter()
            .filter_map(|a| Some(a.meta.image.as_ref()?.0.clone())),
    );
    // The printer's profile is an input too.
    sources.extend(spec.profile_file.iter().map(|(p, _)| p.clone()));
    sources.extend(spec.families.iter().flat_map(|f| {
        [&f.regular, &f.italic, &f.bold, &f.bold_italic]
            .into_iter()
            .filter_map(|s| match s {
                spec::FaceSource::File(p, _) => Some(p.clone()),
                spec::FaceSource::Builtin(_) => None,
            })
    }));
    out.sources = sources;
    Ok(out)
}

/// Gives each warning the place in its file it is about: the layout spec's
/// line a placement is written on (`(layout.toml:80)` in the message), or
/// in the article, the words it quotes (“…”) or the character it names;
/// else, for an article's warning, the article's file.
fn locate(warnings: &mut [Warning], layout: &Path, articles: &[(String, PathBuf)]) {
    let mut texts: std::collections::HashMap<PathBuf, Option<std::sync::Arc<str>>> =
        std::collections::HashMap::new();
    let mut text = |p: &Path| {
        texts
            .entry(p.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(p).ok().map(std::sync::Arc::from))
            .clone()
    };
    let at = |file: &Path, text: std::sync::Arc<str>, range: std::ops::Range<usize>| diag::Origin {
        file: file.to_path_buf(),
        text,
        range,
    };
    let spec_name = layout.display().to_string();
    for w in warnings.iter_mut().filter(|w| w.at.is_none()) {
        // The spec's line, as the desk writes it: `(layouts/x.toml:80)`.
        let marker = format!("({spec_name}:");
        if let Some(i) = w.message.find(&marker) {
            let digits: String = w.message[i + marker.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let (Ok(line), Some(t)) = (digits.parse::<usize>(), text(layout)) {
                let start: usize = t.split_inclusive('\n').take(line - 1).map(str::len).sum();
                let end = t[start..].find('\n').map_or(t.len(), |n| start + n);
                w.at = Some(at(layout, t.clone(), start..end));
                continue;
            }
        }
        let Some(a) = w
            .article
            .as_deref()
            .and_then(|id| articles.iter().find(|a| a.0 == id))
        else {
            continue;
        };
        let Some(t) = text(&a.1) else { continue };
        // The words quoted, or the character named.
        let quoted = w.message.split_once('“').and_then(|(_, rest)| {
            let q = rest.split('”').next()?;
            Some(q.trim_end_matches('…').trim().to_string())
        });
        // (`'x' (U+0078)`: the code, as the character may be escaped.)
        let named = w
            .message
            .split_once("(U+")
            .and_then(|(_, rest)| u32::from_str_radix(rest.split(')').next()?, 16).ok())
            .and_then(char::from_u32)
            .map(String::from);
        let found = quoted
            .into_iter()
            .chain(named)
            .filter(|q| !q.is_empty())
            .find_map(|q| t.find(&q).map(|i| i..i + q.len()));
        w.at = Some(at(&a.1, t.clone(), found.unwrap_or(0..0)));
    }
}

/// Runs the pipeline on a spec and articles already read (as the fuzzers
/// do); photos and fonts are read from `allowed` folders besides their own.
/// The output's `sources` is empty: the caller knows what it read.
pub fn build_parsed(
    spec: &spec::Spec,
    articles: &[article::Article],
    allowed: &files::Allowed,
) -> Result<BuildOutput> {
    let clock = Clock {
        last: Some(std::time::Instant::now()),
        laps: Vec::new(),
        told: None,
    };
    run(
        spec,
        articles.to_vec(),
        allowed,
        Extras::default(),
        clock,
        &Cache::default(),
    )
}

/// Runs the pipeline on `articles`, letting go of their text once the
/// document model is made of it.
fn run(
    spec: &spec::Spec,
    articles: Vec<article::Article>,
    allowed: &files::Allowed,
    extras: Extras,
    mut clock: Clock,
    cache: &Cache,
) -> Result<BuildOutput> {
    let Extras {
        timestamp,
        impose,
        preview,
        notes,
        spool,
        proofs,
    } = extras;
    check_unique_ids(&articles)?;
    typeset::warm(
        spec,
        articles.iter().map(|a| {
            let lang = a.meta.lang.as_deref().unwrap_or(&spec.lang);
            let body = a.blocks.iter().flat_map(|b| &b.spans).map(|s| s.text.len());
            (lang, body.sum())
        }),
    );
    // Load the fonts and photos they need, from where they may be read.
    let mut book = FontBook::load(&spec.families, allowed)?;
    let photos: Vec<(String, (PathBuf, diag::Origin))> = articles
        .iter()
        .filter_map(|a| Some((a.id.clone(), a.meta.image.clone()?)))
        .collect();
    let named: Vec<_> = photos.iter().map(|(id, p)| (id.as_str(), p)).collect();
    let mut output = spec.output.clone();
    if let (Some((path, origin)), false) = (&spec.profile_file, output.screen) {
        output.profile = Some(assets::profile::load(path, origin, allowed)?);
    }
    clock.lap("assets");
    // Resolve articles against the spec.
    let mut doc = model::build(spec, &articles)?;
    drop(articles);
    model::apply_plan(spec, &mut doc)?;
    // Characters no built-in or named face has (Chinese, Japanese, Korean)
    // are looked for in the fonts installed on this machine.
    book.add_system_faces(&doc.rare_chars());
    // Shape and break every paragraph and compose the pages, while the
    // photos are converted for the press (they are only read meanwhile).
    let mut warnings = Warnings::default();
    for (id, note) in &notes {
        warnings.push(Some(id), note.clone());
    }
    // The photos are decoded (to prove them sound) while the text is set,
    // which needs none of them.
    let memo = cache.paragraphs.as_ref();
    // A job that is only printed is written a page at a time, as the pages
    // are composed (and a long story flowing without a plan is set as they
    // are), so that its memory does not grow with its pages; one that is
    // also imposed, separated, drawn or made for the screen needs them all.
    let whole = output.screen
        || output.separate
        || preview.is_some()
        || impose.unwrap_or(spec.imposition.kind) != impose::Kind::None;
    let (images, set) = parallel::beside(
        named.is_empty(),
        || load_images(&named, allowed, &cache.photos, proofs.as_ref()),
        || typeset::typeset(spec, &doc, &book, memo, &mut warnings, !whole),
    );
    let ((set, mut rest), images) = (set?, images?);
    clock.lap("typeset");
    // Write the PDF.
    let fonts = book
        .faces
        .iter()
        .map(|f| display::FontProgram {
            name: f.name.clone(),
            data: f.data.clone(),
        })
        .collect();
    let stories = doc
        .stories
        .iter()
        .map(|s| {
            let headline = s.head.iter().find(|p| p.role == model::Role::Headline);
            display::StoryInfo {
                title: headline.map_or_else(|| s.id.clone(), model::Para::text),
                lang: s.lang.clone(),
                alt: s
                    .figure
                    .as_ref()
                    .and_then(|f| f.caption.as_ref())
                    .map(model::Para::text)
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut display = display::Document {
        title: doc.title.clone(),
        lang: doc.lang.clone(),
        fonts,
        images: Vec::new(),
        inks: spec.inks.clone(),
        pages: Vec::new(),
        stories,
    };
    // The screen edition is the trimmed page: no bleed, no marks.
    let sheet = match output.screen {
        true => pdf::Sheet::default(),
        false => pdf::Sheet {
            bleed: spec.bleed,
            marks: spec.marks,
            registration: spec.registration,
        },
    };
    let opts = pdf::PdfOptions {
        timestamp,
        sheet,
        output: output.clone(),
        imposition: None,
        gray: false,
        tagged: output.screen,
    };
    let mut spooled = None;
    let (composition, pdf, checks) = if whole {
        let (converted, composition) = parallel::beside(
            images.is_empty(),
            || prepress::convert(&images, &output),
            || {
                lay_out(
                    spec,
                    set,
                    &mut rest,
                    &images,
                    &mut warnings,
                    &mut clock,
                    None,
                )
            },
        );
        let (mut composition, converted) = (composition?, converted?);
        display.images = images;
        display.pages = std::mem::take(&mut composition.pages);
        if output.separate {
            let margin = spec.margin_inside.min(spec.margin_outside);
            prepress::separate::add_crosses(&mut display, margin);
        }
        let checks = prepress::prepare(&mut display, converted, &output, &mut warnings)?;
        clock.lap("prepress");
        let pdf = pdf::write(&display, &opts)?;
        clock.lap("pdf");
        (composition, pdf, checks)
    } else {
        display.images.clone_from(&images);
        // Into a file as it is made, if the caller says where.
        let out = match &spool {
            Some(dir) => {
                let (file, open) = files::Spooled::create(dir)?;
                spooled = Some(std::sync::Arc::new(file));
                pdf::Out::file(open)
            }
            None => pdf::Out::memory(),
        };
        let (pages, finished) = std::sync::mpsc::sync_channel::<display::Page>(PAGES_IN_FLIGHT);
        // (If the press has stopped, it says why when joined.)
        let sink = Box::new(move |page| drop(pages.send(page)));
        // (The press takes pages as they come: it always has its thread.)
        let (pressed, composition) = parallel::beside(
            false,
            || press(&mut display, finished, &output, &opts, out),
            || {
                lay_out(
                    spec,
                    set,
                    &mut rest,
                    &images,
                    &mut warnings,
                    &mut clock,
                    Some(sink),
                )
            },
        );
        let (mut composition, (pdf, checks, said)) = (composition?, pressed?);
        for w in said.0 {
            warnings.push(w.article.as_deref(), w.message);
        }
        // (The pages went to the PDF as they were composed.)
        clock.lap("pdf");
        display.pages = std::mem::take(&mut composition.pages);
        (composition, pdf, checks)
    };
    let pages = display.pages.len();
    let imposed = match output.screen {
        true => None,
        false => imposed(spec, impose, &display, timestamp, &mut warnings)?,
    };
    if imposed.is_some() {
        clock.lap("impose");
    }
    let mut plates = Vec::new();
    if output.separate {
        for plate in prepress::separate::plates(&display, output.photos_ink, output.halftone) {
            let bytes = pdf::write(
                &plate.doc,
                &pdf::PdfOptions {
                    timestamp,
                    sheet,
                    gray: true,
                    ..pdf::PdfOptions::default()
                },
            )?;
            plates.push((plate.ink, bytes));
        }
        clock.lap("separate");
    }
    let previews = match preview {
        Some(dpi) => {
            let drawn = render::png(&display, dpi)?;
            clock.lap("preview");
            drawn
        }
        None => Vec::new(),
    };
    let report = report::report(
        pages,
        &composition.placements,
        &composition.fits,
        &warnings.0,
        checks,
    );
    Ok(BuildOutput {
        pdf,
        spooled,
        report,
        warnings: warnings.0,
        timings: clock.laps,
        sources: Vec::new(),
        imposed,
        plates,
        previews,
    })
}

/// The pages imposed on sheets as the spec (or `impose`, overriding it)
/// asks: a plain PDF for an office printer or a copy shop, whatever
/// standard the reading-order file keeps to.
fn imposed(
    spec: &spec::Spec,
    impose: Option<impose::Kind>,
    display: &display::Document,
    timestamp: Option<i64>,
    warnings: &mut Warnings,
) -> Result<Option<(String, Vec<u8>)>> {
    let mut settings = spec.imposition.clone();
    settings.bound_right = spec.rtl;
    if let Some(kind) = impose.filter(|&k| k != settings.kind) {
        settings.kind = kind;
        settings.sheet = spec::default_sheet(kind, spec.page_width, spec.page_height);
    }
    if settings.kind == impose::Kind::None {
        return Ok(None);
    }
    let plan = impose::plan(
        &settings,
        display.pages.len(),
        spec.page_width,
        spec.page_height,
    )
    .map_err(|e| Error::in_file(&spec.file, e))?;
    if plan.blanks > 0 {
        warnings.push(
            None,
            format!(
                "the booklet has {} pages, not a multiple of 4: {} blank page{} go before the back cover; add or cut pages to fill them",
                display.pages.len(),
                plan.blanks,
                if plan.blanks == 1 { "" } else { "s" }
            ),
        );
    }
    let bytes = pdf::write(
        display,
        &pdf::PdfOptions {
            timestamp,
            imposition: Some(plan),
            ..pdf::PdfOptions::default()
        },
    )?;
    Ok(Some((settings.kind.suffix(settings.copies), bytes)))
}

/// What a build request asks beyond the spec.
#[derive(Debug, Clone, Default)]
struct Extras {
    timestamp: Option<i64>,
    impose: Option<impose::Kind>,
    preview: Option<f32>,
    /// Warnings the build starts with (article, message).
    notes: Vec<(String, String)>,
    /// Where a PDF written as it is made goes ([`BuildRequest::spool`]).
    spool: Option<PathBuf>,
    /// Photos proven sound by earlier builds ([`BuildRequest::proofs`]).
    proofs: Option<assets::proofs::Proofs>,
}

/// Pages composed but not yet written that composition may run ahead by.
const PAGES_IN_FLIGHT: usize = 64;

/// Composes the pages of the typeset document, handing each to `sink` as
/// it is finished if there is one.
fn lay_out(
    spec: &spec::Spec,
    set: typeset::Typeset,
    rest: &mut typeset::Rest,
    images: &[assets::images::Image],
    warnings: &mut Warnings,
    clock: &mut Clock,
    sink: Option<Box<dyn FnMut(display::Page) + '_>>,
) -> Result<compose::Composition> {
    let composition = compose::compose(spec, &set, images, warnings, sink, rest);
    // The set lines are in the pages now: free them before the PDF is written.
    drop(set);
    clock.lap("compose");
    Ok(composition)
}

/// The press, on its own thread while the pages are composed: converts the
/// photos for the press, then checks and writes each page as it comes
/// (letting it go) into `out`, and ends the PDF when the pages stop.
/// Returns the PDF (if in memory), each page's checks and what the checks
/// found.
fn press(
    doc: &mut display::Document,
    pages: std::sync::mpsc::Receiver<display::Page>,
    output: &press::Output,
    opts: &pdf::PdfOptions,
    out: pdf::Out,
) -> Result<(Vec<u8>, Vec<prepress::PageCheck>, Warnings)> {
    let converted = prepress::convert(&doc.images, output)?;
    let inked = prepress::apply(doc, converted);
    let mut writer = pdf::Writer::new(doc, opts, out);
    let mut checks = Vec::new();
    let mut warnings = Warnings::default();
    // The pages that have come while the last were written go together,
    // their streams deflated side by side; the last of them (the composer
    // done, nothing more to come) with the fonts' subsets made meanwhile.
    let mut batch = Vec::with_capacity(PAGES_IN_FLIGHT);
    while let Ok(page) = pages.recv() {
        batch.push(page);
        let mut last = false;
        while batch.len() <= PAGES_IN_FLIGHT {
            match pages.try_recv() {
                Ok(page) => batch.push(page),
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    last = true;
                    break;
                }
            }
        }
        for page in &batch {
            let n = checks.len() + 1;
            checks.push(prepress::check_page(
                n,
                page,
                doc,
                &inked,
                output,
                &mut warnings,
            )?);
        }
        match last {
            true => writer.last_pages(&batch, doc)?,
            false => writer.pages(&batch)?,
        }
        batch.clear();
    }
    Ok((writer.finish(doc)?, checks, warnings))
}

/// Loads the articles' photos (each is decoded whole to prove it sound,
/// unless `proofs` has a proof of it), spread over the machine's cores.
fn load_images(
    named: &[(&str, &(PathBuf, diag::Origin))],
    allowed: &files::Allowed,
    decoded: &assets::images::Decoded,
    proofs: Option<&assets::proofs::Proofs>,
) -> Result<Vec<assets::images::Image>> {
    let load = |(id, (path, origin)): &(&str, &(PathBuf, diag::Origin))| {
        let mut img = assets::images::load_cached(path, origin, allowed, decoded, proofs)?;
        img.article = (*id).to_string();
        Ok(img)
    };
    parallel::map(named, false, load).into_iter().collect()
}

/// Times the stages of a build.
#[derive(Default, Clone)]
struct Clock {
    last: Option<std::time::Instant>,
    laps: Vec<(&'static str, std::time::Duration)>,
    told: Option<Stages>,
}

impl Clock {
    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        let since = self.last.map_or(std::time::Duration::ZERO, |t| now - t);
        self.laps.push((stage, since));
        self.last = Some(now);
        if let Some(told) = &self.told {
            (told.0)(stage);
        }
    }
}

/// Kinds of file that are surely not articles (given by mistake as INPUT).
const NOT_ARTICLES: [&str; 9] = [
    "toml", "pdf", "jpg", "jpeg", "png", "ttf", "otf", "json", "zip",
];

/// The article files named by `inputs`: files as given, folders as their
/// `.md` files sorted by name.
pub fn article_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|e| Error::in_file(input, format!("cannot read folder: {e}")))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md"))
                })
                .collect();
            if files.is_empty() {
                return Err(Error::in_file(
                    input,
                    "the folder holds no articles; expected `.md` files",
                ));
            }
            files.sort();
            out.extend(files);
        } else if input.is_file() {
            let kind = input
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if let Some(k) = kind.filter(|k| NOT_ARTICLES.contains(&k.as_str())) {
                return Err(Error::in_file(
                    input,
                    format!("a .{k} file is not an article; expected Markdown (.md)"),
                )
                .with_help(
                    "give the layout with --layout, and photos in the article's front matter",
                ));
            }
            out.push(input.clone());
        } else if input.exists() {
            return Err(Error::in_file(
                input,
                "not a regular file (a device, pipe or socket); expected an article (.md) or a folder of articles",
            ));
        } else {
            return Err(Error::in_file(
                input,
                "no such file or folder; expected an article (.md) or a folder of articles",
            ));
        }
    }
    if out.is_empty() {
        return Err(Error::new(
            "no articles given; expected article files or folders",
        ));
    }
    Ok(out)
}

/// Two articles with one id (the same file name in two folders) would be
/// indistinguishable in the plan and the report: an error naming both.
fn check_unique_ids(articles: &[article::Article]) -> Result<()> {
    let mut seen: std::collections::HashMap<&str, &Path> = std::collections::HashMap::new();
    for a in articles {
        if let Some(first) = seen.insert(&a.id, &a.path) {
            if files::same_file(first, &a.path) {
                return Err(Error::in_file(
                    &a.path,
                    "the article is given twice; name each article once",
                ));
            }
            return Err(Error::in_file(
                &a.path,
                format!(
                    "two articles are called `{}`: {} and {}; an article is known by its file name",
                    a.id,
                    first.display(),
                    a.path.display()
                ),
            )
            .with_help("rename one of the files"));
        }
    }
    Ok(())
}
