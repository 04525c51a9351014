//! The screen edition's structure (tagged PDF, PDF/UA): every tagged run of
//! text and every photo is marked content with an MCID, everything else an
//! artifact; the structure tree is the document, an `Art` per article in the
//! order the pages first show them, and in each its headline (`H1`),
//! crossheads (`H2`), paragraphs (`P`), photo (`Figure`, its caption as the
//! alternative text) and caption, each paragraph one element however many
//! columns and pages its lines fall in; a bookmark per article opens at its
//! headline.

use std::collections::HashMap;

use pdf_writer::types::{StructRole, TabOrder};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Chunk, Content, Finish, Name, Ref, TextStr};

use crate::display::{StoryInfo, Tag, TagKind};

/// What the content streams marked, page by page.
#[derive(Default)]
pub struct Marks {
    /// For each page, each MCID's tag.
    pages: Vec<Vec<Tag>>,
    /// Where each article's headline first is: page and its top (PDF
    /// coordinates, from the foot).
    heads: HashMap<u32, (usize, f32)>,
    /// Each article's first mark: page and its top, for one without a headline.
    firsts: HashMap<u32, (usize, f32)>,
    /// Link annotations: the paragraph, the annotation, its page, and its
    /// key in the parent tree.
    links: Vec<LinkMark>,
}

/// A link annotation: the paragraph it is in, the annotation, its page and
/// its key in the parent tree.
type LinkMark = (Tag, Ref, usize, i32);

impl Marks {
    /// A new page's marks begin.
    pub fn start_page(&mut self) {
        self.pages.push(Vec::new());
    }

    /// Opens the marked content of an item: a structure element's content
    /// for `tag` (whose top, from the page's foot, is `top`), else an
    /// artifact. Close it with [`Marks::close`].
    pub fn open(&mut self, c: &mut Content, tag: Option<Tag>, top: f32) {
        let page = self.pages.len().saturating_sub(1);
        let Some(tag) = tag else {
            c.begin_marked_content(Name(b"Artifact"));
            return;
        };
        let Some(marks) = self.pages.last_mut() else {
            c.begin_marked_content(Name(b"Artifact"));
            return;
        };
        let mcid = marks.len() as i32;
        marks.push(tag);
        c.begin_marked_content_with_properties(Name(role_name(tag.kind)))
            .properties()
            .pair(Name(b"MCID"), mcid);
        self.firsts.entry(tag.story).or_insert((page, top));
        if tag.kind == TagKind::Heading {
            self.heads.entry(tag.story).or_insert((page, top));
        }
    }

    pub fn close(c: &mut Content) {
        c.end_marked_content();
    }

    /// A link annotation in paragraph `tag` on page `page`, to become a
    /// `Link` element in it; returns the annotation's `StructParent` key
    /// (after the `pages` pages' keys).
    pub fn link(&mut self, tag: Tag, annotation: Ref, page: usize, pages: usize) -> i32 {
        let key = (pages + self.links.len()) as i32;
        self.links.push((tag, annotation, page, key));
        key
    }
}

fn role(kind: TagKind) -> StructRole {
    match kind {
        TagKind::Heading => StructRole::H1,
        TagKind::Subheading => StructRole::H2,
        TagKind::Paragraph => StructRole::P,
        TagKind::Caption => StructRole::Caption,
        TagKind::Figure => StructRole::Figure,
    }
}

fn role_name(kind: TagKind) -> &'static [u8] {
    match kind {
        TagKind::Heading => b"H1",
        TagKind::Subheading => b"H2",
        TagKind::Paragraph => b"P",
        TagKind::Caption => b"Caption",
        TagKind::Figure => b"Figure",
    }
}

/// One structure element and its marked content, `(page, mcid)`, in order.
struct Element {
    tag: Tag,
    content: Vec<(usize, i32)>,
}

/// What the catalog points to.
pub struct Written {
    pub root: Ref,
    pub outlines: Option<Ref>,
}

/// Writes the structure tree, its parent tree and the bookmarks.
pub fn write(
    pdf: &mut Chunk,
    marks: &Marks,
    page_refs: &[Ref],
    stories: &[StoryInfo],
    mut next: impl FnMut() -> Ref,
) -> Written {
    // Elements in the order their content first appears.
    let mut elements: Vec<Element> = Vec::new();
    let mut index: HashMap<Tag, usize> = HashMap::new();
    for (page, tags) in marks.pages.iter().enumerate() {
        for (mcid, tag) in tags.iter().enumerate() {
            let i = *index.entry(*tag).or_insert_with(|| {
                elements.push(Element {
                    tag: *tag,
                    content: Vec::new(),
                });
                elements.len() - 1
            });
            elements[i].content.push((page, mcid as i32));
        }
    }
    // Articles in the order the pages first show them.
    let mut order: Vec<u32> = Vec::new();
    for e in &elements {
        if !order.contains(&e.tag.story) {
            order.push(e.tag.story);
        }
    }
    let root = next();
    let document = next();
    let arts: Vec<Ref> = order.iter().map(|_| next()).collect();
    let art_of = |story: u32| {
        order
            .iter()
            .position(|&s| s == story)
            .map_or(document, |i| arts[i])
    };
    let refs: Vec<Ref> = elements.iter().map(|_| next()).collect();
    let arrays: Vec<Ref> = marks.pages.iter().map(|_| next()).collect();
    // A Link element for each link annotation, in its paragraph's element
    // (or its article, if the paragraph has no content of its own here).
    // (the Link element, its parent, the link)
    let links: Vec<(Ref, Ref, &LinkMark)> = marks
        .links
        .iter()
        .map(|l| {
            let parent = index
                .get(&l.0)
                .map_or_else(|| art_of(l.0.story), |&i| refs[i]);
            (next(), parent, l)
        })
        .collect();

    let mut tree = pdf.indirect(root).start::<StructTreeRoot>();
    tree.child(document);
    {
        let mut parents = tree.parent_tree();
        let mut nums = parents.nums();
        for (i, &r) in arrays.iter().enumerate() {
            nums.insert(i as i32, r);
        }
        for (link, _, l) in &links {
            nums.insert(l.3, *link);
        }
    }
    tree.parent_tree_next_key((marks.pages.len() + links.len()) as i32);
    tree.finish();
    // Each page's MCIDs to the elements they belong to.
    for (tags, &array) in marks.pages.iter().zip(&arrays) {
        pdf.indirect(array)
            .array()
            .items(tags.iter().map(|t| refs[index[t]]));
    }
    let mut doc = pdf.struct_element(document);
    doc.kind(StructRole::Document).parent(root);
    doc.children().items(arts.iter().copied());
    doc.finish();
    for (&story, &art) in order.iter().zip(&arts) {
        let info = stories.get(story as usize);
        let mut a = pdf.struct_element(art);
        a.kind(StructRole::Art).parent(document);
        if let Some(info) = info {
            a.title(TextStr(&info.title));
            if !info.lang.is_empty() {
                a.lang(TextStr(&info.lang));
            }
        }
        a.children().items(
            elements
                .iter()
                .zip(&refs)
                .filter(|(e, _)| e.tag.story == story)
                .map(|(_, &r)| r),
        );
        a.finish();
    }
    for (e, &id) in elements.iter().zip(&refs) {
        let mut el = pdf.struct_element(id);
        el.kind(role(e.tag.kind)).parent(art_of(e.tag.story));
        if let Some(&(page, _)) = e.content.first() {
            el.page(page_refs[page]);
        }
        if e.tag.kind == TagKind::Figure {
            let info = stories.get(e.tag.story as usize);
            let alt = match info {
                Some(i) if !i.alt.trim().is_empty() => i.alt.clone(),
                Some(i) => format!("A photo for “{}”", i.title),
                None => "A photo".into(),
            };
            el.alt(TextStr(&alt));
        }
        let mut kids = el.children();
        for &(page, mcid) in &e.content {
            kids.marked_content_ref()
                .marked_content_id(mcid)
                .page(page_refs[page]);
        }
        for (link, _, _) in links.iter().filter(|(_, parent, _)| *parent == id) {
            kids.struct_element(*link);
        }
        kids.finish();
        el.finish();
    }
    for (link, parent, &(_, annotation, page, _)) in &links {
        let mut el = pdf.struct_element(*link);
        el.kind(StructRole::Link)
            .parent(*parent)
            .page(page_refs[page]);
        el.children()
            .object_ref()
            .object(annotation)
            .page(page_refs[page]);
        el.finish();
    }
    let outlines = bookmarks(pdf, marks, page_refs, stories, &order, &mut next);
    Written { root, outlines }
}

/// A bookmark per article, in the order the pages show them, opening the
/// page at its headline.
fn bookmarks(
    pdf: &mut Chunk,
    marks: &Marks,
    page_refs: &[Ref],
    stories: &[StoryInfo],
    order: &[u32],
    next: &mut impl FnMut() -> Ref,
) -> Option<Ref> {
    let at: Vec<(u32, (usize, f32))> = order
        .iter()
        .filter_map(|&s| Some((s, *marks.heads.get(&s).or(marks.firsts.get(&s))?)))
        .collect();
    if at.is_empty() {
        return None;
    }
    let outline = next();
    let items: Vec<Ref> = at.iter().map(|_| next()).collect();
    let mut o = pdf.outline(outline);
    o.first(items[0]).last(items[items.len() - 1]);
    o.count(items.len() as i32);
    o.finish();
    for (k, (&(story, (page, top)), &id)) in at.iter().zip(&items).enumerate() {
        let title = stories.get(story as usize).map_or("", |s| s.title.as_str());
        let mut item = pdf.outline_item(id);
        item.title(TextStr(title)).parent(outline);
        if k > 0 {
            item.prev(items[k - 1]);
        }
        if let Some(&n) = items.get(k + 1) {
            item.next(n);
        }
        item.dest().page(page_refs[page]).xyz(0.0, top, None);
        item.finish();
    }
    Some(outline)
}

/// Page `i`'s entry in the parent tree, and its tab order.
pub fn page(p: &mut pdf_writer::writers::Page, i: usize) {
    p.struct_parents(i as i32);
    p.tab_order(TabOrder::StructureOrder);
}
