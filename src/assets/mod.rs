//! Files a document needs besides its text: font faces and photos, read and
//! checked once, before layout, so that later stages cannot fail on them;
//! and the [`proofs`] of photos checked by an earlier build.

pub mod fonts;
pub mod images;
pub mod profile;
pub mod proofs;
