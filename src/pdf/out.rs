//! Where a PDF's bytes go as its objects are written: into memory, or into
//! a file (so that a long job's PDF is never held whole). `Out` writes the
//! header, takes pdf-writer chunks of finished objects as they come, noting
//! where each object starts, and ends the file with the cross-reference
//! table and the trailer, whose document ID (and the XMP's) is a hash of
//! the file's bytes, written over its placeholder at the end.

use std::hash::Hasher;
use std::io::{Seek, SeekFrom, Write};

use pdf_writer::{Chunk, Ref};

use super::ID_PLACEHOLDER;

/// Where the bytes go.
enum Sink {
    Memory(std::io::Cursor<Vec<u8>>),
    File(std::io::BufWriter<std::fs::File>),
}

impl Sink {
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Memory(c) => c.write_all(bytes),
            Sink::File(f) => f.write_all(bytes),
        }
    }

    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        match self {
            Sink::Memory(c) => c.seek(to),
            Sink::File(f) => f.seek(to),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Memory(_) => Ok(()),
            Sink::File(f) => f.flush(),
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Sink::Memory(c) => c.into_inner(),
            Sink::File(_) => Vec::new(),
        }
    }
}

/// A PDF's bytes on their way out.
pub struct Out {
    sink: Sink,
    /// Bytes written so far.
    at: u64,
    /// Each object's number and where it starts.
    offsets: Vec<(i32, u64)>,
    hash: std::collections::hash_map::DefaultHasher,
    /// Where the ID placeholder was written.
    ids: Vec<u64>,
    /// The first failure to write, reported at the end.
    failed: Option<std::io::Error>,
}

impl Out {
    /// A PDF kept in memory ([`Out::finish`] returns it).
    pub fn memory() -> Out {
        Out::new(Sink::Memory(std::io::Cursor::new(Vec::with_capacity(
            64 * 1024,
        ))))
    }

    /// A PDF written into `file` as it is made.
    pub fn file(file: std::fs::File) -> Out {
        Out::new(Sink::File(std::io::BufWriter::with_capacity(
            256 * 1024,
            file,
        )))
    }

    fn new(sink: Sink) -> Out {
        Out {
            sink,
            at: 0,
            offsets: Vec::new(),
            hash: std::collections::hash_map::DefaultHasher::new(),
            ids: Vec::new(),
            failed: None,
        }
    }

    /// Writes the header of a PDF of version `major.minor`.
    pub fn header(&mut self, (major, minor): (u8, u8)) {
        let mut head = format!("%PDF-{major}.{minor}\n%").into_bytes();
        // (Four bytes over 127: the file is binary.)
        head.extend_from_slice(b"\x80\x80\x80\x80\n\n");
        self.write(&head);
    }

    /// Writes the objects of `chunk`, noting where each starts.
    pub fn put(&mut self, chunk: &Chunk) {
        let bytes = chunk.as_bytes();
        let mut from = 0;
        for (k, id) in chunk.refs().enumerate() {
            // pdf-writer starts an object with `N 0 obj` and ends it with
            // `endobj` and a blank line.
            let head = format!("{} 0 obj\n", id.get());
            let start = if k == 0 {
                Some(0).filter(|_| bytes.starts_with(head.as_bytes()))
            } else {
                let mut sep = b"\nendobj\n\n".to_vec();
                sep.extend_from_slice(head.as_bytes());
                find(&bytes[from..], &sep).map(|i| from + i + 9)
            };
            match start {
                Some(s) => {
                    self.offsets.push((id.get(), self.at + s as u64));
                    from = s + head.len();
                }
                None => self.fail("an object of the PDF could not be found in what was written"),
            }
        }
        self.write(bytes);
    }

    /// Ends the file: the cross-reference table, the trailer naming the
    /// catalog `root` and the document information `info`, and the ID.
    /// Returns the PDF if it was kept in memory (else nothing: it is in
    /// its file).
    pub fn finish(mut self, root: Ref, info: Ref) -> std::io::Result<Vec<u8>> {
        let xref = self.at;
        let mut offsets = std::mem::take(&mut self.offsets);
        offsets.sort_unstable();
        if offsets.windows(2).any(|w| w[0].0 == w[1].0) {
            self.fail("an object of the PDF was written twice");
        }
        let size = 1 + offsets.last().map_or(0, |o| o.0);
        let mut table = format!("xref\n0 {size}\n");
        // Numbers not used are free, each pointing to the next free one
        // (the last back to 0).
        let mut used = offsets.iter().peekable();
        for n in 0..size {
            match used.peek() {
                Some(&&(id, at)) if id == n => {
                    table.push_str(&format!("{at:010} 00000 n\r\n"));
                    used.next();
                }
                _ => {
                    let next = (n + 1..size)
                        .find(|m| offsets.binary_search_by_key(m, |o| o.0).is_err())
                        .unwrap_or(0);
                    let gen = if n == 0 { 65535 } else { 0 };
                    table.push_str(&format!("{next:010} {gen:05} f\r\n"));
                }
            }
        }
        let id = std::str::from_utf8(ID_PLACEHOLDER).unwrap_or_default();
        table.push_str(&format!(
            "trailer\n<<\n  /Size {size}\n  /Root {} 0 R\n  /Info {} 0 R\n  /ID [({id}) ({id})]\n>>\nstartxref\n{xref}\n%%EOF",
            root.get(),
            info.get()
        ));
        self.write(table.as_bytes());
        // The ID: a hash of the bytes as written, placeholders and all.
        let a = self.hash.finish();
        self.hash.write_u64(a.rotate_left(17));
        let hex = format!("{a:016x}{:016x}", self.hash.finish());
        for at in std::mem::take(&mut self.ids) {
            if let Err(e) = self
                .sink
                .seek(SeekFrom::Start(at))
                .and_then(|_| self.sink.write_all(hex.as_bytes()))
            {
                self.failed.get_or_insert(e);
            }
        }
        if let Err(e) = self.sink.flush() {
            self.failed.get_or_insert(e);
        }
        if let Some(e) = self.failed {
            return Err(e);
        }
        Ok(self.sink.into_bytes())
    }

    /// Writes `bytes`, noting where the ID placeholder stands in them.
    fn write(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while let Some(k) = find(&bytes[i..], ID_PLACEHOLDER) {
            self.ids.push(self.at + (i + k) as u64);
            i += k + ID_PLACEHOLDER.len();
        }
        self.hash.write(bytes);
        self.at += bytes.len() as u64;
        if self.failed.is_none() {
            if let Err(e) = self.sink.write_all(bytes) {
                self.failed = Some(e);
            }
        }
    }

    fn fail(&mut self, what: &str) {
        self.failed
            .get_or_insert_with(|| std::io::Error::other(what.to_string()));
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while let Some(k) = hay[i..=hay.len() - needle.len()]
        .iter()
        .position(|&b| b == first)
    {
        let at = i + k;
        if &hay[at..at + needle.len()] == needle {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `objects` small objects, written in chunks of three.
    fn pdf(objects: i32, mut out: Out) -> Vec<u8> {
        out.header((1, 7));
        let mut chunk = Chunk::new();
        for n in 4..4 + objects {
            // (Stream data that looks like the next object's start.)
            chunk.stream(Ref::new(n), format!("endobj {} 0 obj", n + 1).as_bytes());
            if n % 3 == 0 {
                out.put(&std::mem::replace(&mut chunk, Chunk::new()));
            }
        }
        out.put(&chunk);
        let mut last = Chunk::new();
        last.indirect(Ref::new(1))
            .start::<pdf_writer::writers::Catalog>()
            .pages(Ref::new(2));
        last.indirect(Ref::new(2))
            .start::<pdf_writer::writers::Pages>()
            .count(0);
        last.indirect(Ref::new(3))
            .start::<pdf_writer::writers::DocumentInfo>()
            .title(pdf_writer::TextStr("t"));
        out.put(&last);
        out.finish(Ref::new(1), Ref::new(3)).expect("written")
    }

    #[test]
    fn objects_written_in_chunks_are_found_by_the_table() {
        let bytes = pdf(10, Out::memory());
        let doc = lopdf::Document::load_mem(&bytes).expect("reads back");
        for n in 4..14u32 {
            let obj = doc
                .get_object((n, 0))
                .expect("each object where the table says");
            let data = obj.as_stream().expect("a stream").content.clone();
            assert_eq!(data, format!("endobj {} 0 obj", n + 1).into_bytes());
        }
        assert!(String::from_utf8_lossy(&bytes).ends_with("%%EOF"));
    }

    #[test]
    fn a_file_gets_the_bytes_memory_gets() {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("out.pdf");
        let file = std::fs::File::create(&path).expect("file");
        assert!(pdf(7, Out::file(file)).is_empty());
        assert_eq!(
            std::fs::read(&path).expect("written"),
            pdf(7, Out::memory())
        );
    }
}
