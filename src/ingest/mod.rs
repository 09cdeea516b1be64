//! Ingestion: files in, [`Article`](crate::model::Article)s out, plus a
//! [`Problem`] for everything that could not be used. Knows nothing of the
//! index.
//!
//! The walk ([`walk`]) lists the input files; each is read by the source of
//! its format ([`sources`]: plain text and Markdown, JSONL); the text is
//! decoded ([`decode`]), cleaned of page furniture ([`clean`]), cut into
//! passages ([`passages`], with captions and credits apart: [`aside`]) and given the metadata its input does not state
//! ([`article`], [`dateline`]). A directory's `articles.toml`
//! ([`manifest`]) states metadata its files do not.

mod article;
mod aside;
mod clean;
mod dateline;
mod decode;
mod manifest;
mod passages;
mod problem;
mod sources;
mod vnfonts;
mod walk;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

pub use problem::{Kind, Problem};
pub use sources::{child_main, extract_chars, extract_chars_isolated, ExtractError, CHILD_ARG};

pub(crate) use sources::csv_reader;
pub(crate) use sources::lossless as lossless_path;
pub(crate) use walk::by_type;

/// The passages vsearch cuts `text` into (cleaned, as for a plain-text
/// file), for the benchmarks' bare-tantivy floor.
pub fn passages_of(text: &str) -> Vec<String> {
    passages::passages(&passages::paragraphs(&clean::clean(text).lines))
}

use crate::model::Article;
use sources::{lossless, Input};
use sources::{Context, Pool, Source};

/// What the ingestion yields, in input order.
#[derive(Debug)]
pub(crate) enum Item {
    /// An article.
    Article(Box<Article>),
    /// An article whose input hash is the one already indexed: not rebuilt.
    Unchanged {
        /// Its id.
        id: String,
        /// Its input hash.
        hash: u64,
    },
    /// A problem with a file or line.
    Problem(Problem),
}

/// A streaming reader of articles from files and directories.
pub(crate) struct Articles {
    inputs: VecDeque<Input>,
    /// Parsed formats (HTML, PDF, DOCX, ODT), parsed on worker threads
    /// while the streamed formats are read, and yielded after them.
    documents: Pool,
    problems: VecDeque<Problem>,
    current: Option<(String, Box<dyn Source>)>,
    ctx: Context,
    /// Total bytes of the input files, for progress.
    pub total_bytes: u64,
    /// Files in walked directories of types vsearch does not read.
    pub unsupported: Vec<PathBuf>,
    roots: Vec<PathBuf>,
    listed: HashSet<String>,
    complete: HashSet<String>,
}

impl Articles {
    /// Lists the input files under `paths` (files, or directories walked
    /// recursively, leaving out `exclude`); problems found while listing
    /// come out first. The untrusted binary formats are parsed in child
    /// processes of the program `child` (`vsearch-index`) when given.
    pub(crate) fn new(
        paths: &[PathBuf],
        exclude: Option<&Path>,
        child: Option<PathBuf>,
    ) -> Articles {
        let listing = walk::list(paths, exclude);
        let listed = listing.inputs.iter().map(|i| lossless(&i.file)).collect();
        let total_bytes = listing.inputs.iter().map(|i| i.size).sum();
        let mut inputs = VecDeque::new();
        let mut documents = Vec::new();
        for input in listing.inputs {
            match input.format.extractor() {
                Some(extract) => documents.push((input, extract)),
                None => inputs.push_back(input),
            }
        }
        Articles {
            total_bytes,
            inputs,
            documents: Pool::new(documents, child),
            problems: listing.problems.into(),
            current: None,
            ctx: Context::default(),
            unsupported: listing.unsupported,
            roots: listing.roots,
            listed,
            complete: HashSet::new(),
        }
    }

    /// Articles whose id and input hash are in `known` come out as
    /// [`Item::Unchanged`] without being cleaned and cut again.
    pub(crate) fn skip_unchanged(mut self, known: HashMap<String, u64>) -> Articles {
        self.ctx.known = known;
        self
    }

    /// The hash indexed before for `id`, if any.
    pub(crate) fn indexed_hash(&self, id: &str) -> Option<u64> {
        self.ctx.known.get(id).copied()
    }

    /// Bytes of input consumed so far.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.ctx.read_bytes
    }

    /// Whether an indexed article from `file` that this run did not yield is
    /// gone: its file lies under a root given and was either not found any
    /// more or read whole. A file that could not be read keeps its articles.
    pub(crate) fn is_gone(&self, file: &str) -> bool {
        let path = Path::new(file);
        self.roots.iter().any(|r| path.starts_with(r))
            && (!self.listed.contains(file) || self.complete.contains(file))
    }
}

impl Articles {
    /// The next item; `None` when every input is read, or soon after
    /// `cancel` is set (a wait for a parser looks at it).
    pub(crate) fn next_unless(&mut self, cancel: &AtomicBool) -> Option<Item> {
        if let Some(p) = self.problems.pop_front() {
            return Some(Item::Problem(p));
        }
        loop {
            if let Some((file, source)) = &mut self.current {
                if let Some(item) = source.next_item(&mut self.ctx) {
                    return Some(item);
                }
                if source.complete() {
                    self.complete.insert(std::mem::take(file));
                }
                self.current = None;
            }
            self.documents.fill(&mut self.ctx);
            let Some(input) = self.inputs.pop_front() else {
                let (file, source) = self.documents.next(&mut self.ctx, cancel)?;
                self.current = Some((file, Box::new(source)));
                continue;
            };
            let file = lossless(&input.file);
            self.current = sources::open(&input).map(|source| (file, source));
        }
    }
}

#[cfg(test)]
mod properties {
    use super::article::{build_article, Origin};
    use super::*;
    use crate::model::Meta;
    use proptest::prelude::*;

    proptest! {
        /// Text → passages never panics, and passages are trimmed, non-empty
        /// and bounded.
        #[test]
        fn any_text_becomes_sane_passages(text in "(\\PC|\n|\r|!\\[x\\]\\(y\\)|Sumber: http://a.b| date 2025-01-01){0,400}") {
            let decoded = decode::normalize(text.clone());
            let origin = Origin { id: "p".into(), path: "p".into(), file: "/p".into(), line: None, kind: "txt" };
            if let Some(article) = build_article(origin, &decoded, Meta::default(), 1).article {
                prop_assert!(!article.passages.is_empty());
                for p in &article.passages {
                    prop_assert!(!p.trim().is_empty());
                    prop_assert!(p.chars().count() <= passages::HARD_LIMIT_CHARS + passages::MIN_PASSAGE_CHARS + 1);
                }
            }
        }

        /// Any bytes decode or are called binary; nothing panics.
        #[test]
        fn any_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Ok(d) = decode::decode(&bytes) {
                prop_assert!(!d.text.contains('\r'));
            }
        }
    }
}
