//! Why a file of a parsed format could not be read, by kind: the message
//! names what is wrong in the file's own terms, the kind says what it
//! means (the file is damaged, holds no text, is locked, or the parser
//! itself failed on it).

use serde::{Deserialize, Serialize};

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ExtractError {
    /// The file is damaged, or not of the format its name says.
    #[error("{0}")]
    Damaged(String),
    /// The file is sound but holds no text vsearch can read.
    #[error("{0}")]
    NoText(String),
    /// The file needs a password.
    #[error("encrypted {0}: it needs a password, which vsearch does not ask for")]
    Encrypted(String),
    /// The parser failed on the file: it panicked, crashed, or ran out of
    /// time or memory.
    #[error("{0}")]
    Parser(String),
}

/// A damaged file, `why` in the file's terms.
pub(crate) fn damaged(why: impl Into<String>) -> ExtractError {
    ExtractError::Damaged(why.into())
}

/// A file without text, `why` in the file's terms.
pub(crate) fn no_text(why: impl Into<String>) -> ExtractError {
    ExtractError::NoText(why.into())
}

/// A failure of the parser itself.
pub(crate) fn parser(why: impl Into<String>) -> ExtractError {
    ExtractError::Parser(why.into())
}
