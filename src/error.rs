//! The library's error type: every variant names the file, line, option or
//! index at fault, so the binary can print it as one line.

use std::fmt;
use std::path::{Path, PathBuf};

/// Errors of vsearch's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    // The cause is in the message and not a `source`, so an error chain
    // prints it once.
    #[error("{path}: {error}")]
    Io {
        /// The path at fault.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
    /// The sidecar manifest is malformed.
    #[error("{path}: invalid manifest: {message}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A synonyms file with a line that cannot be read.
    #[error("{path}:{line}: {message}")]
    Synonyms {
        /// The synonyms file.
        path: PathBuf,
        /// The line at fault, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A search parameter or query filter whose value cannot be used.
    #[error("invalid {what} {}: {expected}", crate::model::quoted(.value))]
    InvalidValue {
        /// What the value is (`--from`, `lang:` value, ...).
        what: String,
        /// The value given.
        value: String,
        /// What was expected.
        expected: std::borrow::Cow<'static, str>,
    },
    /// A request parameter whose value cannot be used, by its name in
    /// [`crate::Params`] (`lang`, `per_article`); a front end may name it
    /// its own way (the CLI says `--per-article`).
    #[error("invalid {param} {}: {expected}", crate::model::quoted(.value))]
    InvalidParam {
        /// The parameter.
        param: &'static str,
        /// The value given.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A request without a parameter it needs.
    #[error("missing parameter {}", crate::model::quoted(.0))]
    MissingParam(&'static str),
    /// A query past one of the bounds of [`crate::MAX_QUERY_BYTES`],
    /// [`crate::MAX_DEPTH`] or [`crate::MAX_WORDS`].
    #[error("query too big: {found} {what}, at most {limit}")]
    QueryLimit {
        /// What is counted.
        what: &'static str,
        /// How many the query has.
        found: usize,
        /// The bound.
        limit: usize,
    },
    /// A search that ran out of its time budget.
    #[error("the search ran out of its time budget of {} s; narrow the query or give it more time", .0.as_secs_f64())]
    Timeout(std::time::Duration),
    /// No index where one was expected.
    #[error("no index at {0}")]
    NoIndex(PathBuf),
    /// An input named to index that does not exist (not even as a link).
    #[error("{0}: no such file or directory")]
    NoSuchInput(PathBuf),
    /// A folder that holds something other than a vsearch index.
    #[error("{0}: is not empty and holds no vsearch index; vsearch writes only into a new or empty folder or its own index")]
    NotAnIndex(PathBuf),
    /// Another process holds the index's writer lock.
    #[error("{0}: the index is being written by another process; try again when it has finished")]
    Locked(PathBuf),
    /// The index folder cannot be written: a read-only mount, another
    /// user's index.
    #[error(
        "{0}: the index cannot be written here (read-only, or not yours); it can still be searched"
    )]
    ReadOnly(PathBuf),
    /// `--index` names a regular file.
    #[error("{0}: is a file, not an index directory; give --index a directory")]
    NotADirectory(PathBuf),
    /// The index exists but cannot be used.
    #[error("{path}: {message}")]
    BadIndex {
        /// The index directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Reading the index failed inside tantivy, which asserts rather than
    /// errs on some damaged files.
    #[error("{0}: the index is damaged")]
    Damaged(PathBuf),
    /// The index could not be mapped or read for want of memory.
    #[error("{0}: out of memory while reading the index (this is not damage): free some memory or raise the memory limit, and try again")]
    OutOfMemory(PathBuf),
    /// Indexing was interrupted before its commit; the previous index is intact.
    #[error("indexing interrupted: nothing was committed, the previous index is unchanged")]
    Interrupted,
    /// Embedding was interrupted; what was embedded before is kept.
    #[error("embedding interrupted: {done} of {total} articles embedded are kept")]
    EmbeddingInterrupted {
        /// Articles embedded and saved.
        done: usize,
        /// Articles that were to be embedded.
        total: usize,
    },
    /// The semantic view cannot be used: no model, or its vectors are bad.
    #[error(transparent)]
    Semantic(#[from] crate::semantic::SemanticError),
    /// The semantic view cannot be loaded, and why.
    #[error("the semantic view is off: {why}")]
    SemanticOff {
        /// Why.
        why: String,
        /// What to do about it.
        remedy: Option<Remedy>,
    },
    /// A semantic search of an index without vectors.
    #[error("{0}: the index has no article vectors for a semantic search")]
    NoVectors(PathBuf),
    /// An error inside tantivy.
    #[error("{context}: {error}")]
    Tantivy {
        /// What vsearch was doing.
        context: String,
        /// The underlying error.
        error: tantivy::TantivyError,
    },
}

/// What a user can do about an error. The library says it in its own
/// words ([`fmt::Display`]); a front end may say it in its own (the CLI
/// names its commands).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    /// Build an index first.
    Index,
    /// Rebuild the index.
    Rebuild,
    /// Check the whole index for damage.
    Check,
    /// Make the article vectors.
    Embed,
    /// Go on making the article vectors where it stopped.
    EmbedAgain,
    /// Make the article vectors again.
    Remake,
    /// Install the embedding model, or name its file.
    Model,
}

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Remedy::Index => "build an index first",
            Remedy::Rebuild => "rebuild the index",
            Remedy::Check => "check the whole index",
            Remedy::Embed => "make the article vectors",
            Remedy::EmbedAgain => "make the article vectors again to go on",
            Remedy::Remake => "make the article vectors again",
            Remedy::Model => "install the embedding model",
        })
    }
}

impl Error {
    /// What the user can do about this error, if anything.
    pub fn remedy(&self) -> Option<Remedy> {
        match self {
            Error::NoIndex(_) => Some(Remedy::Index),
            Error::BadIndex { .. } => Some(Remedy::Rebuild),
            Error::Damaged(_) => Some(Remedy::Check),
            Error::EmbeddingInterrupted { .. } => Some(Remedy::EmbedAgain),
            Error::NoVectors(_) => Some(Remedy::Embed),
            Error::SemanticOff { remedy, .. } => *remedy,
            Error::Semantic(e) => Some(semantic_remedy(e)),
            _ => None,
        }
    }
}

/// What the user can do about an error of the semantic view.
pub(crate) fn semantic_remedy(e: &crate::semantic::SemanticError) -> Remedy {
    use crate::semantic::SemanticError;
    match e {
        SemanticError::BadModel { .. } => Remedy::Model,
        SemanticError::BadVectors { .. } => Remedy::Remake,
    }
}

/// Whether `e` is the system refusing memory (an mmap under a memory
/// limit), which says nothing of the index.
fn out_of_memory(e: &tantivy::TantivyError) -> bool {
    use tantivy::directory::error::OpenReadError;
    use tantivy::TantivyError;
    let io = match e {
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => io_error.as_ref(),
        TantivyError::IoError(io) => io.as_ref(),
        _ => return false,
    };
    io.kind() == std::io::ErrorKind::OutOfMemory
}

/// The name of the threads that parse files; the binary keeps their
/// panics quiet, since the file is reported by name instead.
pub(crate) const EXTRACT_THREAD: &str = "vsearch-extract";

std::thread_local! {
    /// Whether this thread is in [`reading_index`].
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread happens where vsearch catches it and
/// says what it means in its own words: in a file parser (the file is
/// named as skipped) or in a read of a damaged index ([`Error::Damaged`]).
/// A binary's panic hook can stay quiet then.
pub fn panic_is_caught() -> bool {
    CATCHING.get() || std::thread::current().name() == Some(EXTRACT_THREAD)
}

/// Runs `read`, a read of the index in `dir`: a panic in it becomes
/// [`Error::Damaged`].
pub(crate) fn reading_index<T>(dir: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    let outer = CATCHING.replace(true);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    CATCHING.set(outer);
    outcome.unwrap_or_else(|_| Err(Error::Damaged(dir.to_path_buf())))
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    /// An index that cannot be read: damaged, truncated or half-replaced.
    /// Names the file at fault when tantivy says which.
    pub fn damaged(dir: &Path, e: &tantivy::TantivyError) -> Error {
        if out_of_memory(e) {
            return Error::OutOfMemory(dir.to_path_buf());
        }
        let text = e.to_string();
        let file = ["filepath: \"", "in file `\""]
            .iter()
            .find_map(|marker| text.split(marker).nth(1))
            .and_then(|rest| rest.split('"').next())
            .map(str::to_string);
        let message = match file {
            Some(f) => format!("index file {f} is damaged or incomplete"),
            None => {
                let first = text.lines().next().unwrap_or_default();
                let short: String = first.chars().take(160).collect();
                format!("cannot read the index ({short})")
            }
        };
        Error::BadIndex {
            path: dir.to_path_buf(),
            message,
        }
    }

    /// Wraps a tantivy error with what vsearch was doing.
    pub fn tantivy(context: impl Into<String>, error: tantivy::TantivyError) -> Error {
        Error::Tantivy {
            context: context.into(),
            error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_mapping_is_out_of_memory_not_damage() {
        let dir = Path::new("idx");
        let io = |code| tantivy::directory::error::OpenReadError::IoError {
            io_error: std::sync::Arc::new(std::io::Error::from_raw_os_error(code)),
            filepath: dir.join("a.term"),
        };
        let refused = tantivy::TantivyError::OpenReadError(io(12));
        assert!(matches!(
            Error::damaged(dir, &refused),
            Error::OutOfMemory(_)
        ));
        let unreadable = tantivy::TantivyError::OpenReadError(io(5));
        let e = Error::damaged(dir, &unreadable);
        assert_eq!(
            (e.to_string(), e.remedy()),
            (
                "idx: index file idx/a.term is damaged or incomplete".to_string(),
                Some(Remedy::Rebuild)
            )
        );
    }
}
