//! An article ready to index, and the metadata an input states about one.

use super::{Date, Lang};

/// Metadata an input states about an article (front matter, manifest, JSONL).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Title.
    pub title: Option<String>,
    /// Language.
    pub lang: Option<Lang>,
    /// Publication date.
    pub date: Option<Date>,
    /// Source URL.
    pub source: Option<String>,
}

impl Meta {
    /// Fills the fields `self` lacks from `other`.
    pub fn or(self, other: Meta) -> Meta {
        Meta {
            title: self.title.or(other.title),
            lang: self.lang.or(other.lang),
            date: self.date.or(other.date),
            source: self.source.or(other.source),
        }
    }

    /// A stable byte form of the metadata, for change hashes: one field a
    /// line, in a fixed order (never a `Debug` rendering, which may change).
    pub fn stable_bytes(&self) -> Vec<u8> {
        let field = |v: Option<String>| v.unwrap_or_default();
        format!(
            "title={}\nlang={}\ndate={}\nsource={}\n",
            field(self.title.clone()),
            field(self.lang.map(|l| l.code().to_string())),
            field(self.date.map(|d| d.to_string())),
            field(self.source.clone()),
        )
        .into_bytes()
    }
}

/// The file types articles are filtered and faceted by (`--type`, the
/// `type` URL parameter), each with its name for people: a format, with
/// mail (`.eml`, `.mbox`) and workbooks (`.xlsx`, `.xls`, `.ods`) each one.
pub const KINDS: [(&str, &str); 12] = [
    ("txt", "Text"),
    ("md", "Markdown"),
    ("jsonl", "JSONL"),
    ("html", "Web page"),
    ("pdf", "PDF"),
    ("docx", "Word"),
    ("odt", "OpenDocument text"),
    ("epub", "E-book"),
    ("rtf", "Rich Text"),
    ("mail", "Mail"),
    ("csv", "CSV"),
    ("sheet", "Spreadsheet"),
];

/// An article ready to index.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// Stable id: the file's canonical path, relative to the working
    /// directory when under it (with `#N` for a part of a big file), or the
    /// JSONL record's id.
    pub id: String,
    /// The file it came from, as given (readable, relative when given so).
    pub path: String,
    /// The canonical path of that file: one file is one source, whatever
    /// spelling of its path was given.
    pub file: String,
    /// The line of its record, for JSONL (where it was read; not indexed,
    /// since records move).
    pub line: Option<usize>,
    /// Its file type, one of [`KINDS`].
    pub kind: &'static str,
    /// Title: stated, or the first heading-like line, or the first sentence.
    pub title: Option<String>,
    /// Language: stated or identified.
    pub lang: Option<Lang>,
    /// Publication date: stated or read from the dateline.
    pub date: Option<Date>,
    /// Source URL.
    pub source: Option<String>,
    /// The passages, in order.
    pub passages: Vec<String>,
    /// The page each passage starts on, 1-based, for paged formats (PDF);
    /// empty for the others.
    pub pages: Vec<u32>,
    /// Whether each passage is an aside: a caption, credit or teaser line,
    /// which ranks below prose. Empty when none is.
    pub asides: Vec<bool>,
    /// Hash of the raw input, to skip unchanged articles when re-indexing.
    pub hash: u64,
}
