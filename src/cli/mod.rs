//! The `mimeo` command line, beside the library: its arguments, where a
//! build's files go, the progress shown, and the watch loop.

pub(crate) mod args;
pub(crate) mod output;
pub(crate) mod progress;
pub(crate) mod request;
pub(crate) mod say;
pub(crate) mod watch;

pub(crate) use crate::{layout_of, source_date};
