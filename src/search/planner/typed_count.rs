//! How many of the passages holding all the words hold every word as
//! typed (as a quoted phrase would have it): the count line's `48 as
//! typed, 5,963 in a related form`. Vietnamese passages (and those of
//! other languages) answer it from the accent-exact view; German and
//! Indonesian passages, indexed by stem only, are read from the document
//! store, at most [`MOST_READ`] of them: past that the count is not
//! given rather than guessed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::store::StoreReader;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term};

use super::as_typed::{exact_words, holds_words};
use super::{boxed, positions_query, view_positions, Planner};
use crate::analysis::{refs, Analyzers, View};
use crate::error::Result;
use crate::search::query::{Node, Occur as QOccur, ParsedQuery};
use crate::search::terms::QueryTerms;
use crate::search::Engine;

/// German and Indonesian passages a count reads at most (about 5 µs each);
/// a count that would read more is not given.
pub(crate) const MOST_READ: usize = 1_000;

/// What a count of the words as typed needs.
pub(crate) struct TypedCount {
    /// Every word as typed in the accent-exact view, all required.
    exact: Option<Box<dyn Query>>,
    /// Each word's forms in the exact view, for the passages read.
    words: Vec<Vec<String>>,
}

impl Planner<'_> {
    /// The count of `parsed`'s words as typed; `None` for a query of
    /// groups or alternatives, one naming a document (`refs`), or one all
    /// quoted (its full matches are all as typed).
    pub(super) fn typed_count(
        &self,
        parsed: &ParsedQuery,
        refs: &[refs::Reference],
        analyzers: &mut Analyzers,
    ) -> Option<TypedCount> {
        if !refs.is_empty() {
            return None;
        }
        let mut words = Vec::new();
        let mut unquoted = false;
        for clause in &parsed.clauses {
            match (&clause.occur, &clause.node) {
                (QOccur::MustNot, _) => {}
                (_, Node::Word(w)) => {
                    unquoted = true;
                    words.push(w.as_str());
                }
                (_, Node::Phrase(w)) => words.push(w.as_str()),
                _ => return None,
            }
        }
        if !unquoted || words.is_empty() {
            return None;
        }
        let field = self.fields.exact;
        let term = |t: &str| -> Box<dyn Query> {
            let term = Term::from_field_text(field, t);
            boxed(TermQuery::new(term, IndexRecordOption::WithFreqs))
        };
        let mut ignored = QueryTerms::default();
        let exact: Option<Vec<(Occur, Box<dyn Query>)>> = (words.iter())
            .map(|w| {
                let positions = view_positions(View::Exact, w, analyzers, &mut ignored);
                positions_query(field, &positions, &term).map(|q| (Occur::Must, q))
            })
            .collect();
        Some(TypedCount {
            exact: exact.map(|all| boxed(BooleanQuery::new(all))),
            words: words.iter().map(|w| exact_words(w)).collect(),
        })
    }
}

impl Engine {
    /// The passages of `all` (the full matches) holding every word as
    /// typed; `None` when that would read more than [`MOST_READ`] German
    /// and Indonesian passages.
    pub(crate) fn count_typed(
        &self,
        searcher: &Searcher,
        all: &dyn Query,
        count: &TypedCount,
    ) -> Result<Option<usize>> {
        let both = |q: Box<dyn Query>| {
            BooleanQuery::new(vec![(Occur::Must, all.box_clone()), (Occur::Must, q)])
        };
        let exact = match &count.exact {
            Some(q) => searcher.search(&both(q.box_clone()), &Count),
            None => Ok(0),
        }
        .map_err(|e| self.err(e))?;
        let stemmed: Vec<(Occur, Box<dyn Query>)> = View::own_langs()
            .map(|l| {
                let term = Term::from_field_text(self.fields.lang, l.code());
                (
                    Occur::Should,
                    boxed(TermQuery::new(term, IndexRecordOption::Basic)),
                )
            })
            .collect();
        let stemmed = both(boxed(BooleanQuery::new(stemmed)));
        // Counted first, which reads nothing: too many are not read at all.
        let to_read = searcher.search(&stemmed, &Count).map_err(|e| self.err(e))?;
        if to_read > MOST_READ {
            return Ok(None);
        }
        let reader = HoldsTyped {
            words: count.words.clone(),
            text: self.fields.text,
            left: Arc::new(AtomicUsize::new(MOST_READ)),
        };
        let read = searcher
            .search(&stemmed, &reader)
            .map_err(|e| self.err(e))?;
        Ok(read.map(|n| n + exact))
    }
}

/// Counts the passages whose stored text holds every one of `words` (each
/// a phrase), reading at most what `left` allows; `None` past it.
struct HoldsTyped {
    words: Vec<Vec<String>>,
    text: Field,
    left: Arc<AtomicUsize>,
}

impl Collector for HoldsTyped {
    type Fruit = Option<usize>;
    type Child = SegmentHolds;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHolds> {
        Ok(SegmentHolds {
            store: reader.get_store_reader(CACHED_BLOCKS)?,
            words: self.words.clone(),
            text: self.text,
            left: Arc::clone(&self.left),
            held: Some(0),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Option<usize>>) -> tantivy::Result<Option<usize>> {
        Ok(fruits.into_iter().sum())
    }
}

/// Blocks of the document store a segment's reader keeps decompressed:
/// the passages come in order, so a block is decompressed once.
const CACHED_BLOCKS: usize = 4;

struct SegmentHolds {
    store: StoreReader,
    words: Vec<Vec<String>>,
    text: Field,
    left: Arc<AtomicUsize>,
    /// Passages holding the words so far; `None` once out of reads.
    held: Option<usize>,
}

impl SegmentCollector for SegmentHolds {
    type Fruit = Option<usize>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(held) = self.held else {
            return;
        };
        let took = self
            .left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
        if took.is_err() {
            self.held = None;
            return;
        }
        let Ok(stored) = self.store.get::<TantivyDocument>(doc) else {
            return;
        };
        let text = stored
            .get_first(self.text)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        if self.words.iter().all(|w| holds_words(text, w)) {
            self.held = Some(held + 1);
        }
    }

    fn harvest(self) -> Option<usize> {
        self.held
    }
}
