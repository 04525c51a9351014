//! The integration tests, one module a subject, built as one test binary:
//! each builds real documents with the `mimeo` binary or the library and
//! reads the PDFs back. One binary links once instead of twenty times, and
//! its tests share both cores instead of waiting binary by binary.
//! `cargo test --test integration MODULE::` runs one subject.

mod common;

mod build;
mod editions;
mod errors;
mod fitting;
mod fuzz_regressions;
mod hostile;
mod impose;
mod pdfx;
mod plan;
mod preview;
mod print;
mod proofs;
mod reference;
mod regions;
mod robustness;
mod screen;
mod scripts;
mod separate;
mod templates;
mod typos;
mod watch;
