//! Read-only bytes shared by every stage that needs them: a file built into
//! the binary, used where it lies, or one read at run time, counted.
//! Cloning never copies the bytes.

use std::sync::Arc;

/// A font program's (or any file's) bytes.
#[derive(Clone)]
pub enum Bytes {
    /// Built into the binary: no copy, no allocation.
    Static(&'static [u8]),
    /// Read from a file, shared (the buffer it was read into: taking it
    /// copies nothing).
    Shared(Arc<Vec<u8>>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Shared(b) => b,
        }
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes::Shared(Arc::new(v))
    }
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bytes({} bytes)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::Bytes;

    #[test]
    fn static_bytes_are_used_in_place() {
        static DATA: [u8; 3] = [1, 2, 3];
        let b = Bytes::Static(&DATA);
        assert_eq!(b.as_ptr(), DATA.as_ptr());
        assert_eq!(b.clone().as_ptr(), DATA.as_ptr());
        let read = vec![4, 5];
        let at = read.as_ptr();
        let owned = Bytes::from(read);
        assert_eq!(&*owned.clone(), &[4, 5]);
        // (Bytes read from a file are taken as they are, not copied.)
        assert_eq!(owned.clone().as_ptr(), at);
    }
}
