//! Typesetting: every paragraph of every story shaped and broken at its measure
//! ([`measures`]: head across its placement, photo caption across the photo,
//! body at column width), headlines fitted to their allowed lines, jump lines
//! and page furniture. The result, [`Typeset`], is what composition stacks
//! into columns and pages. A story whose placements have columns of more
//! than one width keeps its body paragraphs [`Prepared`], so composition can
//! break them again at the width each placement gives. The body of a long
//! story flowing without a plan may be left to [`Rest`], which sets it a
//! chunk at a time as composition asks.

pub mod measures;

use crate::assets::fonts::{FaceId, FontBook};
use std::collections::HashMap;

use crate::diag::{Error, Result, Warning, Warnings};
use crate::hyphenate::Hyphenator;
use crate::linebreak::{self, Prepared, SetPara};
use crate::model::{Document, Furniture, Para, Role};
use crate::shape::Shaper;
use crate::spec::{Spec, Style};
use measures::Measures;

/// Everything set: the stories, the page furniture and page-number digits.
#[derive(Debug, Clone)]
pub struct Typeset {
    pub stories: Vec<SetStory>,
    pub furniture: Furniture<SetBlock>,
    pub digits: Digits,
}

/// A story with all its text set.
#[derive(Debug, Clone)]
pub struct SetStory {
    pub id: String,
    pub words_in: usize,
    pub head: Vec<SetBlock>,
    pub figure: Option<SetFigure>,
    pub body: Vec<SetBlock>,
    /// The width `body` is set at.
    pub column: f32,
    /// The body's paragraphs ready to be set at another width, if the
    /// story's placements have columns of more than one width (else empty).
    pub prepared: Vec<Prepared>,
    /// Its placements in the page plan, with their jump lines.
    pub parts: Vec<SetPart>,
    /// The next headline size down that its placement lets it try, and the
    /// depth that would save.
    pub smaller_headline: Option<(f32, f32)>,
    /// Starts on a new page (without a page plan).
    pub new_page: bool,
    /// Written right to left: its columns are read from the right.
    pub rtl: bool,
    /// Its body is not set here but a little at a time as composition asks
    /// for it, from [`Rest`] (a long story flowing page after page, which
    /// need never be held set whole); `body` is then empty.
    pub deferred: bool,
}

/// A placement of a story, as [`crate::model::Part`], with its lines set.
#[derive(Debug, Clone)]
pub struct SetPart {
    pub page: usize,
    pub place: usize,
    /// The width of its columns.
    pub column: f32,
    pub jump_to: Option<SetBlock>,
    pub jump_from: Option<SetBlock>,
    pub jump_head: Option<SetBlock>,
    /// The pull quote and the placement's columns it spans (from 0).
    pub pullquote: Option<(SetBlock, usize, usize)>,
}

/// A set paragraph and what composition needs to know of it.
#[derive(Debug, Clone)]
pub struct SetBlock {
    pub role: Role,
    pub style: Style,
    pub para: SetPara,
    /// A line to write on follows the last line (see `model::Para::write_in`).
    pub write_in: bool,
    /// Which paragraph of the build it is (the same for its lines wherever
    /// they are set).
    pub index: u32,
    /// Its links: byte ranges of its text and where each goes.
    pub links: Vec<(std::ops::Range<u32>, String)>,
}

/// A photo with its caption and credit set at column width.
#[derive(Debug, Clone)]
pub struct SetFigure {
    pub image: Option<usize>,
    pub caption: Option<SetBlock>,
    pub credit: Option<SetBlock>,
}

/// Glyphs for page numbers.
#[derive(Debug, Clone)]
pub struct Digits {
    pub face: FaceId,
    pub size: f32,
    /// `(glyph, advance)` for 0–9.
    pub glyphs: Vec<(u16, f32)>,
}

/// A paragraph to set, and where its result goes.
#[derive(Clone, Copy)]
struct Job<'d> {
    para: &'d Para,
    width: f32,
    story: usize,
    /// Keep the paragraph prepared, to be set again at other widths.
    keep: bool,
    /// Which paragraph of the build it is ([`SetBlock::index`]).
    index: u32,
    /// A body paragraph of a deferred story, set later by [`Rest`].
    deferred: bool,
}

/// A story's body is deferred from this many characters, when pages are
/// composed as they come and the story flows without a plan.
const DEFER_FROM_CHARS: usize = 48_000;

/// About this many characters of a deferred body are set at a time.
const CHUNK_CHARS: usize = 24_000;

/// The body paragraphs of deferred stories ([`SetStory::deferred`]), set a
/// chunk at a time when composition asks, with the shapers and
/// hyphenators (and their caches) that set the rest of the document.
pub struct Rest<'t> {
    spec: &'t Spec,
    doc: &'t Document,
    pool: Pool<'t>,
    threads: usize,
    /// Per story: its next body paragraph to set, the build index of its
    /// first, and its column width (none: not deferred).
    stories: Vec<Option<(usize, u32, f32)>>,
}

impl Rest<'_> {
    /// Whether story `i` has body paragraphs still to set.
    pub fn pending(&self, story: usize) -> bool {
        match (self.stories.get(story), self.doc.stories.get(story)) {
            (Some(Some((next, _, _))), Some(s)) => *next < s.body.len(),
            _ => false,
        }
    }

    /// The next paragraphs of story `i`'s body, about `CHUNK_CHARS` of
    /// them (none when all are set), set on as many threads as pay.
    pub fn next(&mut self, story: usize, warnings: &mut Warnings) -> Vec<SetBlock> {
        let (Some(Some((next, first, width))), Some(s)) =
            (self.stories.get_mut(story), self.doc.stories.get(story))
        else {
            return Vec::new();
        };
        let mut chars = 0;
        let mut jobs = Vec::new();
        for (k, para) in s.body.iter().enumerate().skip(*next) {
            if chars >= CHUNK_CHARS {
                break;
            }
            chars += para.chars();
            jobs.push(Job {
                para,
                width: *width,
                story,
                keep: false,
                index: *first + k as u32,
                deferred: false,
            });
        }
        *next += jobs.len();
        let threads = if chars >= PARALLEL_FROM_CHARS {
            self.threads
        } else {
            1
        };
        let set = match self.pool.set(self.spec, self.doc, &jobs, threads) {
            Ok(set) => set,
            // (Its words are then counted overset, starting where it stops.)
            Err(e) => {
                warnings.push(Some(&s.id), e.message);
                Vec::new()
            }
        };
        let mut blocks = Vec::with_capacity(set.len());
        for (block, _, said) in set {
            for w in said {
                warnings.push(w.article.as_deref(), w.message);
            }
            blocks.push(block);
        }
        blocks
    }
}

/// Sets every story of the document. Paragraphs are independent once shaped,
/// so a long document is set on several threads, each with its own shaping
/// and hyphenation caches; results and warnings keep the document's order.
/// With `defer` (pages composed as they come), the body of a long story
/// that flows without a plan is left to [`Rest`], which sets it as
/// composition asks.
pub fn typeset<'t>(
    spec: &'t Spec,
    doc: &'t Document,
    book: &'t FontBook,
    memo: Option<&Memo>,
    warnings: &mut Warnings,
    defer: bool,
) -> Result<(Typeset, Rest<'t>)> {
    let measures: Vec<Measures> = doc
        .stories
        .iter()
        .map(|s| measures::measures(spec, s))
        .collect();
    // Headlines with sizes to try are set at each; the largest that fits wins.
    let variants: Vec<Vec<Para>> = doc
        .stories
        .iter()
        .zip(&measures)
        .map(|(s, m)| headline_variants(s, m))
        .collect();
    let heads: Vec<Vec<Para>> = doc
        .stories
        .iter()
        .zip(&measures)
        .map(|(s, m)| scaled_head(spec, s, m))
        .collect();
    let deferred: Vec<bool> = doc
        .stories
        .iter()
        .zip(&measures)
        .map(|(s, m)| {
            defer
                && memo.is_none()
                && spec.plan.is_none()
                && !m.varies()
                && s.body.iter().map(Para::chars).sum::<usize>() >= DEFER_FROM_CHARS
        })
        .collect();
    let mut jobs = Vec::new();
    for (i, s) in doc.stories.iter().enumerate() {
        let job = |para, width| Job {
            para,
            width,
            story: i,
            keep: false,
            index: 0,
            deferred: false,
        };
        let m = &measures[i];
        jobs.extend(heads[i].iter().map(|p| job(p, m.head)));
        jobs.extend(variants[i].iter().map(|p| job(p, m.head)));
        if let Some(f) = &s.figure {
            jobs.extend(f.caption.iter().chain(&f.credit).map(|p| job(p, m.figure)));
        }
        let keep = m.varies();
        let deferred = deferred[i];
        jobs.extend(s.body.iter().map(|p| Job {
            keep,
            deferred,
            ..job(p, m.column)
        }));
        for (part, pm) in s.parts.iter().zip(&m.parts) {
            jobs.extend(part.jump_to.iter().map(|p| job(p, pm.column)));
            jobs.extend(part.jump_from.iter().map(|p| job(p, pm.column)));
            jobs.extend(part.jump_head.iter().map(|p| job(p, pm.width)));
            jobs.extend(part.pullquote.iter().map(|q| job(&q.para, pm.pullquote)));
        }
    }
    let full = spec.text_width();
    let f = &doc.furniture;
    jobs.extend(
        f.masthead
            .iter()
            .chain(&f.running)
            .chain(&f.slug)
            .chain(&f.plates)
            .chain(&f.scissors)
            .map(|p| Job {
                para: p,
                width: full,
                story: usize::MAX,
                keep: false,
                index: 0,
                deferred: false,
            }),
    );
    // Each paragraph's index in the build, whenever it is set.
    let mut rest = vec![None; doc.stories.len()];
    for (k, j) in jobs.iter_mut().enumerate() {
        j.index = k as u32;
        if j.deferred && rest[j.story].is_none() {
            rest[j.story] = Some((0, j.index, j.width));
        }
    }
    jobs.retain(|j| !j.deferred);
    for s in &doc.stories {
        // (Right-to-left scripts, Chinese, Japanese, Korean and the scripts
        // of South-East Asia are not hyphenated: nothing to say.)
        if crate::hyphenate::language(&s.lang).is_none()
            && !crate::text::is_rtl_language(&s.lang)
            && !crate::text::never_hyphenated(&s.lang)
            && s.body.iter().any(|p| p.style.hyphenate)
        {
            warnings.push(Some(&s.id), format!("no hyphenation patterns for language `{}`; the text is set without hyphenation", s.lang));
        }
    }
    let chars: usize = jobs.iter().map(|j| j.para.chars()).sum();
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let threads = cores.min(chars / PARALLEL_FROM_CHARS + 1);
    // A face the shaper cannot read fails here, once, not on every thread.
    let pool = Pool::new(spec, book)?;
    let mut set = match memo {
        Some(memo) => memo.set(spec, doc, &pool, &jobs, threads)?,
        None => pool.set(spec, doc, &jobs, threads)?,
    };
    // Warnings in the document's order, each set block's own.
    for (_, _, said) in &mut set {
        for w in said.drain(..) {
            warnings.push(w.article.as_deref(), w.message);
        }
    }
    let mut set = set.into_iter().map(|(b, p, _)| (b, p));
    let mut stories = Vec::with_capacity(doc.stories.len());
    for (i, s) in doc.stories.iter().enumerate() {
        let m = &measures[i];
        let mut prepared = Vec::new();
        let mut take = |n: usize| {
            set.by_ref()
                .take(n)
                .map(|(b, p)| {
                    prepared.extend(p);
                    b
                })
                .collect::<Vec<_>>()
        };
        let mut head = take(s.head.len());
        let tried = take(variants[i].len());
        let smaller_headline = fit_headline(&mut head, tried, s, m, warnings);
        let figure = s.figure.as_ref().map(|f| {
            let mut parts =
                take(usize::from(f.caption.is_some()) + usize::from(f.credit.is_some()))
                    .into_iter();
            SetFigure {
                image: f.image,
                caption: f.caption.as_ref().and_then(|_| parts.next()),
                credit: f.credit.as_ref().and_then(|_| parts.next()),
            }
        });
        let body = match deferred[i] {
            true => Vec::new(),
            false => take(s.body.len()),
        };
        let parts = s
            .parts
            .iter()
            .zip(&m.parts)
            .map(|(p, pm)| {
                let mut one = |b: bool| if b { take(1).pop() } else { None };
                SetPart {
                    page: p.page,
                    place: p.place,
                    column: pm.column,
                    jump_to: one(p.jump_to.is_some()),
                    jump_from: one(p.jump_from.is_some()),
                    jump_head: one(p.jump_head.is_some()),
                    pullquote: p
                        .pullquote
                        .as_ref()
                        .and_then(|q| Some((take(1).pop()?, q.first, q.last))),
                }
            })
            .collect();
        stories.push(SetStory {
            id: s.id.clone(),
            words_in: s.words_in,
            head,
            figure,
            body,
            column: m.column,
            prepared,
            smaller_headline,
            parts,
            new_page: s.new_page,
            rtl: crate::text::is_rtl_language(&s.lang),
            deferred: deferred[i],
        });
    }
    let furniture = Furniture {
        masthead: set.by_ref().take(f.masthead.len()).map(|s| s.0).collect(),
        running: set.by_ref().take(f.running.len()).map(|s| s.0).collect(),
        slug: set.by_ref().take(f.slug.len()).map(|s| s.0).collect(),
        plates: set.by_ref().take(f.plates.len()).map(|s| s.0).collect(),
        scissors: set.map(|s| s.0).collect(),
    };
    let shaper = Shaper::new(book)?;
    let folio = &spec.styles.folio;
    let face = book.face(&folio.family, folio.bold, folio.italic);
    let glyphs = ('0'..='9')
        .map(|c| {
            shaper
                .char_advance(face, c, folio.size)
                .unwrap_or((0, folio.size * 0.5))
        })
        .collect();
    let set = Typeset {
        stories,
        furniture,
        digits: Digits {
            face,
            size: folio.size,
            glyphs,
        },
    };
    let rest = Rest {
        spec,
        doc,
        pool,
        threads: cores,
        stories: rest,
    };
    Ok((set, rest))
}

/// The story's kicker, headline and deck, the deck at its placement's size.
fn scaled_head(spec: &Spec, story: &crate::model::Story, m: &Measures) -> Vec<Para> {
    let mut head = story.head.clone();
    for p in head.iter_mut().filter(|p| p.role == Role::Deck) {
        let size = (p.style.size * m.deck_scale)
            .max(spec.styles.body.size + 1.0)
            .min(p.style.size);
        p.style.leading *= size / p.style.size;
        p.style.size = size;
    }
    head
}

/// The headline of `story` at each size its placement lets it try.
fn headline_variants(story: &crate::model::Story, m: &Measures) -> Vec<Para> {
    let Some(h) = story.head.iter().find(|p| p.role == Role::Headline) else {
        return Vec::new();
    };
    m.headline_sizes
        .iter()
        .map(|&size| {
            let mut p = h.clone();
            p.style.leading *= size / p.style.size;
            p.style.size = size;
            p
        })
        .collect()
}

/// Puts the largest headline that fits its lines in place of the default
/// one, or the smallest with a warning; returns the next size down and the
/// depth it would save, if smaller.
fn fit_headline(
    head: &mut [SetBlock],
    tried: Vec<SetBlock>,
    story: &crate::model::Story,
    m: &Measures,
    warnings: &mut Warnings,
) -> Option<(f32, f32)> {
    let slot = head.iter_mut().find(|b| b.role == Role::Headline)?;
    let max = m.headline_lines;
    let n = tried.len();
    let depth = |b: &SetBlock| b.para.lines.len() as f32 * b.style.leading;
    let mut tried = tried.into_iter().peekable();
    for k in 0..n {
        let Some(b) = tried.next() else { break };
        let lines = b.para.lines.len();
        if lines <= max || k + 1 == n {
            // What the next size down would save, for the desk.
            let smaller = tried
                .peek()
                .map(|s| (s.style.size, depth(&b) - depth(s)))
                .filter(|&(_, saved)| saved > 0.0);
            if lines > max {
                warnings.push(
                    Some(&story.id),
                    format!(
                        "the headline takes {lines} lines even at {:.0}pt; the plan allows {max}",
                        b.style.size
                    ),
                );
            }
            *slot = b;
            return smaller;
        }
    }
    None
}

/// Below this many characters a document is set on one thread: starting a
/// second one and warming its caches would cost more than it saves.
const PARALLEL_FROM_CHARS: usize = 12_000;

/// Above this many bytes of a language's body text, its patterns are not
/// made ahead ([`warm`]): the trie's half millisecond is lost in such a
/// build's time, and making it ahead raised the peak memory of a 24 MB
/// article from 132 to 163 MB (the pages the reading had freed stayed
/// resident while the model was made: with the allocator's purge delay cut
/// from a second to 10 ms, the peak fell to 130 MB).
const WARM_UP_TO: usize = 1 << 20;

/// Starts making the hyphenation patterns ready on the pool, for each
/// language with enough hyphenated body text to be set on several threads
/// (which look up enough words to need them made), up to 1 MB of it
/// (beyond, the trie's half millisecond is lost in the build's time):
/// `articles` are each an article's language (or the spec's) and its
/// body's length in bytes. While this thread goes on reading the fonts and
/// making the document model, the pool's other core, idle until the
/// typesetting starts, loads the dictionary and builds its trie. (For the
/// 4,400-word column, some 4 million instructions taken off the
/// typesetting.)
pub fn warm<'a>(spec: &Spec, articles: impl Iterator<Item = (&'a str, usize)>) {
    if !spec.styles.body.hyphenate {
        return;
    }
    let mut chars: Vec<(&str, usize)> = Vec::new();
    for (lang, n) in articles {
        match chars.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, c)) => *c += n,
            None => chars.push((lang, n)),
        }
    }
    for (lang, n) in chars {
        if (PARALLEL_FROM_CHARS..=WARM_UP_TO).contains(&n)
            && crate::hyphenate::language(lang).is_some()
        {
            let lang = lang.to_string();
            rayon::spawn(move || crate::hyphenate::prepare(&lang));
        }
    }
}

/// A paragraph set: its block, its prepared form if kept, and what
/// setting it warned of.
type Set = (SetBlock, Option<Prepared>, Vec<Warning>);

/// The shapers and hyphenators a build sets paragraphs with, one per
/// thread at work, kept (with their caches) from one call to the next.
struct Pool<'b> {
    book: &'b FontBook,
    idle: std::sync::Mutex<Vec<Setter<'b>>>,
}

/// A setter lent from the pool, given back when dropped.
struct Lent<'p, 'b> {
    setter: Option<Setter<'b>>,
    pool: &'p Pool<'b>,
}

impl Drop for Lent<'_, '_> {
    fn drop(&mut self) {
        if let (Some(s), Ok(mut idle)) = (self.setter.take(), self.pool.idle.lock()) {
            idle.push(s);
        }
    }
}

impl<'b> Pool<'b> {
    /// A pool with one setter ready (so a face that cannot be read fails
    /// here).
    fn new(spec: &Spec, book: &'b FontBook) -> Result<Pool<'b>> {
        Ok(Pool {
            book,
            idle: std::sync::Mutex::new(vec![Setter::new(spec, book)?]),
        })
    }

    /// An idle setter, or a new one.
    fn lend(&self, spec: &Spec) -> Lent<'_, 'b> {
        let idle = self.idle.lock().ok().and_then(|mut i| i.pop());
        // (The faces were read when the pool was made: a new setter's
        // shaper cannot fail where the first did not; if it did, the
        // paragraphs given it say so.)
        let setter = idle.or_else(|| Setter::new(spec, self.book).ok());
        Lent { setter, pool: self }
    }

    /// Sets `jobs` in order, on up to `threads` threads.
    fn set(&self, spec: &Spec, doc: &Document, jobs: &[Job], threads: usize) -> Result<Vec<Set>> {
        let on = |lent: &mut Lent, chunk: &[Job]| match lent.setter.as_mut() {
            Some(setter) => Ok(set_jobs(setter, doc, chunk)),
            None => Err(Error::new(
                "a paragraph could not be set: the fonts could not be read for shaping again",
            )),
        };
        if threads <= 1 || jobs.len() < 2 {
            return on(&mut self.lend(spec), jobs);
        }
        // Runs of paragraphs handed to whichever thread is free: small
        // enough that neither waits long for the other at the end.
        let run = (jobs.len() / (threads * 16)).clamp(1, 64);
        let results = crate::parallel::queue(
            jobs,
            run,
            threads,
            || self.lend(spec),
            |lent, _, chunk| on(lent, chunk),
        );
        let mut out = Vec::with_capacity(jobs.len());
        for r in results {
            out.extend(r?);
        }
        Ok(out)
    }
}

/// What a thread sets paragraphs with: its shaper and hyphenator, and the
/// caches they keep.
struct Setter<'b> {
    shaper: Shaper<'b>,
    hyph: Hyphenator,
}

impl<'b> Setter<'b> {
    fn new(spec: &Spec, book: &'b FontBook) -> Result<Setter<'b>> {
        Ok(Setter {
            shaper: Shaper::new(book)?,
            hyph: Hyphenator::new(&spec.hyphenation),
        })
    }
}

/// Sets `jobs` in order on this thread.
fn set_jobs(setter: &mut Setter, doc: &Document, jobs: &[Job]) -> Vec<Set> {
    let Setter { shaper, hyph } = setter;
    jobs.iter()
        .map(|j| {
            let id = doc.stories.get(j.story).map_or("", |s| s.id.as_str());
            let mut warnings = Warnings::default();
            let warnings = &mut warnings;
            let shaped = shaper.shape(j.para, id, warnings);
            let prepared = linebreak::prepare(j.para, shaped, shaper, hyph);
            let para = prepared.set(j.width);
            // Headlines are set at sizes to try; the fitting picks among them.
            if j.para.role != Role::Headline {
                warn_overfull(&para, j.width, id, warnings);
            }
            let block = SetBlock {
                role: j.para.role,
                style: j.para.style.clone(),
                para,
                write_in: j.para.write_in,
                index: j.index,
                links: j
                    .para
                    .links()
                    .into_iter()
                    .map(|(r, url)| (r.start as u32..r.end as u32, url))
                    .collect(),
            };
            (
                block,
                j.keep.then_some(prepared),
                std::mem::take(&mut warnings.0),
            )
        })
        .collect()
}

/// Paragraphs already set, by what they are and the width they were set
/// at, so a build again (`mimeo watch`) sets only what changed; dropped
/// when a build no longer uses them.
#[derive(Default)]
pub struct Memo(std::sync::Mutex<HashMap<u64, (Set, bool)>>);

impl Memo {
    /// Sets `jobs`, taking the paragraphs set before from the memo.
    fn set(
        &self,
        spec: &Spec,
        doc: &Document,
        pool: &Pool,
        jobs: &[Job],
        threads: usize,
    ) -> Result<Vec<Set>> {
        let fonts = pool.book.fingerprint();
        let rules = format!("{:?}", spec.hyphenation);
        let keys: Vec<u64> = jobs.iter().map(|j| key(j, doc, fonts, &rules)).collect();
        let mut known: Vec<Option<Set>> = {
            let mut memo = self
                .0
                .lock()
                .map_err(|_| Error::new("the paragraph memo broke"))?;
            keys.iter()
                .map(|k| {
                    memo.get_mut(k).map(|(set, used)| {
                        *used = true;
                        set.clone()
                    })
                })
                .collect()
        };
        let missing: Vec<Job> = jobs
            .iter()
            .zip(&known)
            .filter(|(_, k)| k.is_none())
            .map(|(j, _)| *j)
            .collect();
        let mut fresh = pool.set(spec, doc, &missing, threads)?.into_iter();
        let mut memo = self
            .0
            .lock()
            .map_err(|_| Error::new("the paragraph memo broke"))?;
        let mut out = Vec::with_capacity(jobs.len());
        for (i, (slot, &k)) in known.iter_mut().zip(&keys).enumerate() {
            let mut set = match slot.take() {
                Some(set) => set,
                None => {
                    let set = fresh
                        .next()
                        .ok_or_else(|| Error::new("a paragraph was not set"))?;
                    memo.insert(k, (set.clone(), true));
                    set
                }
            };
            set.0.index = i as u32;
            out.push(set);
        }
        Ok(out)
    }

    /// Lets go of the paragraphs the last build did not use.
    pub fn sweep(&self) {
        if let Ok(mut m) = self.0.lock() {
            m.retain(|_, (_, used)| std::mem::take(used));
        }
    }
}

/// What a paragraph's setting depends on: the paragraph itself (text,
/// style, language, indents), its width, whether it is kept prepared, its
/// article (named in warnings), the fonts and the hyphenation rules.
fn key(j: &Job, doc: &Document, fonts: u64, rules: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{:?}", j.para).hash(&mut h);
    j.width.to_bits().hash(&mut h);
    j.keep.hash(&mut h);
    doc.stories.get(j.story).map(|s| &s.id).hash(&mut h);
    fonts.hash(&mut h);
    rules.hash(&mut h);
    h.finish()
}

/// Warns of a line wider than its measure (a word too long to break), which
/// sticks out of its column.
pub fn warn_overfull(para: &SetPara, width: f32, id: &str, warnings: &mut Warnings) {
    let Some(line) = para.lines.iter().find(|l| l.overfull) else {
        return;
    };
    let text: String = line
        .glyphs
        .iter()
        .filter(|g| g.literal.is_none())
        .map(|g| g.range())
        .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
        .and_then(|r| para.text.get(r))
        .unwrap_or("")
        .chars()
        .take(60)
        .collect();
    warnings.push(
        (!id.is_empty()).then_some(id),
        format!(
            "a line is wider than its {width:.0}pt column and sticks out: “{}”; \
             a word this long needs a space or a hyphen to break at",
            text.trim()
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn setting_on_threads_gives_what_one_thread_gives() {
        let spec = crate::spec::resolve(
            Path::new("s.toml"),
            "".into(),
            toml::from_str("").expect("empty spec"),
        )
        .expect("default spec");
        let mut text = String::from("+++\nheadline = \"Long\"\n+++\n");
        for i in 0..40 {
            text.push_str(&format!(
                "Paragraph {i}: the committee met again on Thursday and \
                 agreed, after a long and unhurried discussion, to print \
                 another thousand copies of the bulletin.\n\n"
            ));
        }
        let article = crate::article::parse(Path::new("a.md"), &text).expect("article");
        let doc = crate::model::build(&spec, &[article]).unwrap();
        let book = FontBook::load(&spec.families, &Default::default()).expect("fonts");
        let column = spec.column_width();
        let jobs: Vec<Job> = doc.stories[0]
            .body
            .iter()
            .enumerate()
            .map(|(index, para)| Job {
                para,
                width: column,
                story: 0,
                keep: false,
                index: index as u32,
                deferred: false,
            })
            .collect();
        let pool = Pool::new(&spec, &book).expect("setter");
        let lines = |threads| {
            pool.set(&spec, &doc, &jobs, threads)
                .expect("set")
                .iter()
                .map(|b| format!("{} {:?}", b.0.index, b.0.para))
                .collect::<Vec<_>>()
        };
        let one = lines(1);
        assert_eq!(one.len(), 40);
        // The same lines, and each paragraph its own index, however split.
        assert_eq!(one, lines(3));
        assert!(one
            .iter()
            .enumerate()
            .all(|(i, l)| l.starts_with(&format!("{i} "))));
    }
}
