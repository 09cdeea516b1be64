//! vsearch: full-text search for Vietnamese, Indonesian and German articles.
//!
//! Data flows one way, each module using only those before it:
//!
//! ```text
//! model ← analysis ← ingest, index ← pipeline, search ← render ← cli, serve
//! ```
//!
//! The API is small: build or update an index with [`index`] (reporting to
//! an [`Observer`]), open it as an [`Engine`], and [`Engine::search`] it with
//! a [`Request`], validated from a front end's strings by [`Params`].
//! [`render`] prints [`Results`], [`Stats`] and references as text or as the
//! JSON contract every front end shares.
//!
//! ```no_run
//! use std::path::Path;
//! use vsearch::{Engine, Request};
//!
//! let engine = Engine::open(Path::new("index"))?;
//! let results = engine.search(&Request::new("Nghị quyết 72"))?;
//! for hit in &results.hits {
//!     println!("{} #{}: {}", hit.meta.path, hit.passage, hit.snippet.text);
//! }
//! # Ok::<(), vsearch::Error>(())
//! ```

#![warn(missing_docs)]

mod analysis;
mod error;
mod index;
mod ingest;
mod model;
mod pipeline;
pub mod render;
mod search;
pub mod semantic;

pub use error::{panic_is_caught, Error, Remedy, Result};
pub use index::{check, verify, CheckReport};
pub use ingest::{child_main as extract_child, Kind, Problem, CHILD_ARG};
pub use model::{quoted, Date, Lang, UnknownLang, KINDS};
pub use pipeline::{
    embed, index, EmbedReport, Findings, IndexOptions, IndexReport, Observer, Silent, Timings,
};
pub use search::{
    batch_queries, ArticleMeta, ArticleParams, ArticleView, Engine, Explanation, FacetCount,
    Facets, Form, Hit, LangCount, Mode, OtherForm, Params, Passage, RefCount, RefsParams, Related,
    Request, Results, ScoreTree, Snippet, Stats, TypedGrade, UnknownDate, WordMatch, ASIDE_WEIGHT,
    MAX_BATCH, MAX_DEPTH, MAX_LIMIT, MAX_QUERY_BYTES, MAX_TIMEOUT_SECS, MAX_WORDS, REFS_LIMIT,
};

/// The key the index files an input file under: its canonical path (links
/// and `..` resolved), bytes that are not UTF-8 written `\xNN`; `None` when
/// the path does not exist. [`Engine::article_of_file`] finds its article.
pub fn file_key(path: &std::path::Path) -> Option<String> {
    path.canonicalize().ok().map(|p| ingest::lossless_path(&p))
}

/// Whether `dir` holds a vsearch index to search: `false` for a missing,
/// empty or never-committed folder, an error for a folder holding something
/// else. A damaged index exists; opening it says what is wrong.
pub fn index_exists(dir: &std::path::Path) -> Result<bool> {
    match index::state(dir)? {
        index::State::Committed | index::State::Damaged(_) => Ok(true),
        index::State::Missing | index::State::Empty | index::State::Uncommitted => Ok(false),
        index::State::Foreign => Err(Error::NotAnIndex(dir.to_path_buf())),
    }
}

/// Internals the benchmarks measure; not part of the API.
#[doc(hidden)]
pub mod bench {
    pub use crate::analysis::refs::extract as references;
    pub use crate::analysis::{tokens, Analyzers, View};
    pub use crate::ingest::{extract_chars, extract_chars_isolated, passages_of, ExtractError};
    pub use crate::pipeline::process_cpu;
    pub use crate::search::bench::{highlight_ranges, snippet, QueryTerms};
}
