//! A query whose matches are found once per segment and kept for the
//! other passes of the same search. The all-words tier (see the planner)
//! is matched by the ranked query, counted by the full-match count, by the
//! count of the words as typed, and sought again by the page: each pass
//! built tantivy's intersection of its words' views anew, and building it
//! aligns the words' postings, which for common words that no passage holds
//! together (`hợp tác y tế`) walks them all. Its score is never read: the
//! tier is a constant bonus, or a count.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Each segment's matches, in order.
type Kept = Arc<Mutex<HashMap<SegmentId, Arc<[DocId]>>>>;

/// `query`'s matches, found once per segment; clones share what they found.
pub(crate) struct Found {
    query: Box<dyn Query>,
    kept: Kept,
}

impl Found {
    pub(crate) fn new(query: Box<dyn Query>) -> Found {
        Found {
            query,
            kept: Kept::default(),
        }
    }
}

impl Clone for Found {
    fn clone(&self) -> Found {
        Found {
            query: self.query.box_clone(),
            kept: Arc::clone(&self.kept),
        }
    }
}

/// As the query it wraps: the planner's tests read the plan's debug form.
impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.query.fmt(f)
    }
}

impl Query for Found {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let schema = scoring.schema();
        Ok(Box::new(FoundWeight {
            inner: self
                .query
                .weight(EnableScoring::disabled_from_schema(schema))?,
            kept: Arc::clone(&self.kept),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.query.query_terms(visitor);
    }
}

struct FoundWeight {
    inner: Box<dyn Weight>,
    kept: Kept,
}

impl FoundWeight {
    /// The matches in `reader`: kept, or found now and kept.
    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<Arc<[DocId]>> {
        let id = reader.segment_id();
        if let Some(docs) = self.kept.lock().ok().and_then(|k| k.get(&id).cloned()) {
            return Ok(docs);
        }
        let mut docs = Vec::new();
        self.inner
            .for_each_no_score(reader, &mut |found| docs.extend_from_slice(found))?;
        let docs: Arc<[DocId]> = docs.into();
        if let Ok(mut kept) = self.kept.lock() {
            kept.insert(id, Arc::clone(&docs));
        }
        Ok(docs)
    }
}

impl Weight for FoundWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(KeptScorer {
            docs: self.matches(reader)?,
            at: 0,
            score: boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.matches(reader)?.binary_search(&doc).is_err() {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new("Found", 1.0))
    }
}

/// A segment's kept matches, each scoring the scorer's boost.
struct KeptScorer {
    docs: Arc<[DocId]>,
    at: usize,
    score: Score,
}

impl DocSet for KeptScorer {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        // The target is at or past the current match.
        let rest = &self.docs[self.at..];
        self.at += rest.partition_point(|&d| d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at) as u32
    }
}

impl Scorer for KeptScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kept_matches_advance_and_seek_in_order() {
        let docs: Arc<[DocId]> = vec![2, 5, 9, 40].into();
        let mut scorer = KeptScorer {
            docs,
            at: 0,
            score: 3.0,
        };
        assert_eq!(scorer.doc(), 2);
        assert_eq!(scorer.score(), 3.0);
        assert_eq!(scorer.seek(2), 2);
        assert_eq!(scorer.seek(6), 9);
        assert_eq!(scorer.size_hint(), 2);
        assert_eq!(scorer.advance(), 40);
        assert_eq!(scorer.seek(41), TERMINATED);
        assert_eq!(scorer.advance(), TERMINATED);
        assert_eq!(scorer.size_hint(), 0);
    }
}
