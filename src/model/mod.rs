//! The plain types every layer uses: [`Date`], [`Lang`], [`Article`] and
//! the [`Meta`] an input states about one. Nothing here knows tantivy.

mod article;
mod date;
mod iso639;
mod lang;
mod quoted;

pub use article::{Article, Meta, KINDS};
pub use date::Date;
pub(crate) use lang::registry;
pub use lang::{Lang, UnknownLang};
pub use quoted::quoted;
