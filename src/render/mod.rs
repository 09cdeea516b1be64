//! Printing: [`text`] for a terminal, [`json`] for programs, [`csv`] for
//! spreadsheets. Searching
//! never prints; everything here writes to an `impl Write` and is tested by
//! rendering into a `Vec<u8>`.

pub mod csv;
pub mod json;
pub mod report;
pub mod text;
pub mod timings;

#[cfg(test)]
mod tests;
