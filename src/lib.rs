//! vsearch: full-text search for Vietnamese, Indonesian and German articles.
//!
//! The pipeline: [`ingest`] reads articles and cuts them into passages,
//! [`analysis`] turns text into terms for several views, [`index`] stores
//! passages in a tantivy index, [`search`] runs queries and returns [`search::Hit`]s,
//! and [`render`] prints them. The binary in `main.rs` only parses arguments.

pub mod analysis;
pub mod lang;

pub use lang::Lang;
pub mod error;
pub mod ingest;

pub use error::{Error, Result};
pub mod columns;
pub mod facets;
pub mod highlight;
pub mod index;
pub mod query;
pub mod refs;
pub mod render;
pub mod search;
pub mod stats;
