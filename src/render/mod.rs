//! Printing: [`text`] for a terminal, [`json`] for programs. Searching
//! never prints; everything here writes to an `impl Write` and is tested by
//! rendering into a `Vec<u8>`.

pub mod json;
pub mod report;
pub mod text;
pub mod timings;
