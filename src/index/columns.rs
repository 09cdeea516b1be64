//! The fast-field columns of a segment, opened one way for every reader
//! (hits, facets, stats, the indexing run), and string columns read in
//! bulk: looking up one term ordinal at a time decompresses a dictionary
//! block per call; resolving a sorted batch walks the dictionary once.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, SegmentReader};

use super::schema::{ARTICLE, ASIDE, CONTENT, DATE, FILE, HASH, KIND, LANG, PAGE, PASSAGE};
use crate::model::Date;

/// The fast-field columns of one segment. A column no document of the
/// segment has a value in is `None`.
pub(crate) struct Columns {
    pub article: Option<StrColumn>,
    pub file: Option<StrColumn>,
    pub lang: Option<StrColumn>,
    pub kind: Option<StrColumn>,
    pub date: Option<Column<tantivy::DateTime>>,
    pub passage: Option<Column<u64>>,
    pub page: Option<Column<u64>>,
    pub hash: Option<Column<u64>>,
    pub aside: Option<Column<u64>>,
    pub content: Option<Column<u64>>,
    /// Article ids looked up so far, by ordinal: a page of hits asks for
    /// the same few ids several times (the hit, its copies, its related
    /// articles), and each lookup alone decompresses a dictionary block.
    article_ids: Mutex<HashMap<u64, String>>,
}

/// The most article ids [`Columns`] keeps; past it, they are forgotten.
const MAX_KEPT_IDS: usize = 4096;

impl Columns {
    /// Opens the columns of `segment`.
    pub(crate) fn open(segment: &SegmentReader) -> tantivy::Result<Columns> {
        let fast = segment.fast_fields();
        Ok(Columns {
            article: fast.str(ARTICLE)?,
            file: fast.str(FILE)?,
            lang: fast.str(LANG)?,
            kind: fast.str(KIND)?,
            date: fast.date(DATE).ok(),
            passage: fast.u64(PASSAGE).ok(),
            page: fast.u64(PAGE).ok(),
            hash: fast.u64(HASH).ok(),
            aside: fast.u64(ASIDE).ok(),
            content: fast.u64(CONTENT).ok(),
            article_ids: Mutex::default(),
        })
    }

    /// The article id ordinal of `doc`.
    pub(crate) fn article_ord(&self, doc: DocId) -> Option<u64> {
        first_ord(self.article.as_ref()?, doc)
    }

    /// The article id of `doc`.
    pub(crate) fn article(&self, doc: DocId) -> Option<String> {
        self.articles(&[doc]).pop()
    }

    /// The article ids of `docs`, in order (a document without one is
    /// left out). The ids not looked up yet are resolved as one sorted
    /// batch: the copies of an article sort together, so their ids share a
    /// dictionary block, which one lookup each decompressed again.
    pub(crate) fn articles(&self, docs: &[DocId]) -> Vec<String> {
        let Some(column) = self.article.as_ref() else {
            return Vec::new();
        };
        let ords: Vec<u64> = docs.iter().filter_map(|&d| first_ord(column, d)).collect();
        let mut kept = self.article_ids.lock().unwrap_or_else(|e| e.into_inner());
        let missing: Vec<u64> = ords
            .iter()
            .copied()
            .filter(|o| !kept.contains_key(o))
            .collect();
        if !missing.is_empty() {
            if kept.len() + missing.len() > MAX_KEPT_IDS {
                kept.clear();
            }
            kept.extend(resolve(column, missing));
        }
        ords.iter().filter_map(|o| kept.get(o).cloned()).collect()
    }

    /// The language ordinal of `doc`.
    pub(crate) fn lang_ord(&self, doc: DocId) -> Option<u64> {
        first_ord(self.lang.as_ref()?, doc)
    }

    /// The file type ordinal of `doc`.
    pub(crate) fn kind_ord(&self, doc: DocId) -> Option<u64> {
        first_ord(self.kind.as_ref()?, doc)
    }

    /// The language code of `doc`.
    pub(crate) fn lang(&self, doc: DocId) -> Option<String> {
        first_term(self.lang.as_ref()?, doc)
    }

    /// The date of `doc`.
    pub(crate) fn date(&self, doc: DocId) -> Option<Date> {
        self.date
            .as_ref()?
            .first(doc)
            .and_then(super::schema::date_of)
    }

    /// Whether `doc` is an aside: a caption, credit or teaser passage.
    pub(crate) fn is_aside(&self, doc: DocId) -> bool {
        self.aside
            .as_ref()
            .and_then(|c| c.first(doc))
            .is_some_and(|v| v == 1)
    }

    /// The hash of the normalised text of the article whose first passage
    /// is `doc`.
    pub(crate) fn content(&self, doc: DocId) -> Option<u64> {
        self.content.as_ref()?.first(doc)
    }

    /// The passage number of `doc`.
    pub(crate) fn passage(&self, doc: DocId) -> Option<u64> {
        self.passage.as_ref()?.first(doc)
    }

    /// The page `doc`'s passage starts on, for paged formats.
    pub(crate) fn page(&self, doc: DocId) -> Option<u32> {
        self.page
            .as_ref()?
            .first(doc)
            .and_then(|p| u32::try_from(p).ok())
    }

    /// The input hash of `doc`'s article.
    pub(crate) fn hash(&self, doc: DocId) -> Option<u64> {
        self.hash.as_ref()?.first(doc)
    }

    /// The file ordinal of `doc`.
    pub(crate) fn file_ord(&self, doc: DocId) -> Option<u64> {
        first_ord(self.file.as_ref()?, doc)
    }

    /// The ordinal of the file `file` (a canonical path) in this segment.
    pub(crate) fn ord_of_file(&self, file: &str) -> Option<u64> {
        let column = self.file.as_ref()?;
        column.dictionary().term_ord(file.as_bytes()).ok().flatten()
    }
}

/// The first term ordinal of `doc` in a string column.
pub(crate) fn first_ord(column: &StrColumn, doc: DocId) -> Option<u64> {
    column.term_ords(doc).next()
}

/// The term of ordinal `ord`, looked up alone.
pub(crate) fn term(column: &StrColumn, ord: u64) -> Option<String> {
    let mut out = String::new();
    column.ord_to_str(ord, &mut out).ok()?.then_some(out)
}

/// The first term of `doc` in a string column.
pub(crate) fn first_term(column: &StrColumn, doc: DocId) -> Option<String> {
    term(column, first_ord(column, doc)?)
}

/// The terms of `ords` (any order, duplicates allowed), by ordinal.
pub(crate) fn resolve(
    column: &StrColumn,
    ords: impl IntoIterator<Item = u64>,
) -> HashMap<u64, String> {
    let mut sorted: Vec<u64> = ords.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut terms = Vec::with_capacity(sorted.len());
    let found = column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            terms.push(String::from_utf8_lossy(bytes).into_owned());
        });
    if !matches!(found, Ok(true)) || terms.len() != sorted.len() {
        // Fall back to one lookup per ordinal.
        return sorted
            .into_iter()
            .filter_map(|ord| Some((ord, term(column, ord)?)))
            .collect();
    }
    sorted.into_iter().zip(terms).collect()
}

/// The terms of `ords` in an optional column (none when it is absent).
pub(crate) fn resolve_in(
    column: &Option<StrColumn>,
    ords: impl IntoIterator<Item = u64>,
) -> HashMap<u64, String> {
    column
        .as_ref()
        .map(|c| resolve(c, ords))
        .unwrap_or_default()
}
