//! Asides weigh less: a caption, credit or teaser passage (marked at
//! ingestion, see `crate::ingest`'s `aside`) repeats a few of its article's
//! words in a line far shorter than the prose, and BM25's length norm alone
//! would rank it first (`Ảnh: TTXVN/Vietnam+` above an article about Việt
//! Nam). [`Demoted`] wraps the ranked query and scales an aside's score by
//! [`ASIDE_WEIGHT`] within its tier: a full match stays a full match (above
//! [`FULL_MATCH_FLOOR`], so counts and fusion do not change) but keeps only
//! that share of what it earned above the floor; a partial match keeps
//! that share of its score.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

use tantivy::columnar::Column;

use super::planner::FULL_MATCH_FLOOR;
use crate::index::schema::ASIDE;

/// The share of its score an aside keeps: a quarter, so that a caption
/// holding a word twice as densely as a paragraph still ranks below it.
pub const ASIDE_WEIGHT: f32 = 0.25;

/// The score of an aside that would score `score` as prose.
pub(crate) fn demote(score: Score) -> Score {
    if score >= FULL_MATCH_FLOOR {
        FULL_MATCH_FLOOR + (score - FULL_MATCH_FLOOR) * ASIDE_WEIGHT
    } else {
        score * ASIDE_WEIGHT
    }
}

/// What an aside scoring `score` would have scored as prose.
pub(crate) fn undo(score: Score) -> Score {
    if score >= FULL_MATCH_FLOOR {
        FULL_MATCH_FLOOR + (score - FULL_MATCH_FLOOR) / ASIDE_WEIGHT
    } else {
        score / ASIDE_WEIGHT
    }
}

/// A query whose asides score less (see [`demote`]).
#[derive(Debug)]
pub(super) struct Demoted(pub Box<dyn Query>);

impl Clone for Demoted {
    fn clone(&self) -> Demoted {
        Demoted(self.0.box_clone())
    }
}

impl Query for Demoted {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DemotedWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct DemotedWeight(Box<dyn Weight>);

impl Weight for DemotedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.0.scorer(reader, boost)?;
        // A segment without asides scores as the query does.
        match asides(reader) {
            Some(asides) => Ok(Box::new(DemotedScorer { inner, asides })),
            None => Ok(inner),
        }
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.0.explain(reader, doc)?;
        if !asides(reader).is_some_and(|a| is_aside(&a, doc)) {
            return Ok(inner);
        }
        let mut e = Explanation::new("an aside (caption or credit line)", demote(inner.value()));
        e.add_detail(inner);
        Ok(e)
    }

    fn for_each_pruning(
        &self,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut scorer = self.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            let score = scorer.score();
            if score > threshold {
                threshold = callback(doc, score);
            }
            doc = scorer.advance();
        }
        Ok(())
    }
}

/// The aside marks of a segment; `None` when it has no asides.
fn asides(reader: &SegmentReader) -> Option<Column<u64>> {
    reader.fast_fields().column_opt(ASIDE).ok().flatten()
}

fn is_aside(asides: &Column<u64>, doc: DocId) -> bool {
    asides.first(doc) == Some(1)
}

struct DemotedScorer {
    inner: Box<dyn Scorer>,
    asides: Column<u64>,
}

impl DocSet for DemotedScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for DemotedScorer {
    fn score(&mut self) -> Score {
        let score = self.inner.score();
        if is_aside(&self.asides, self.inner.doc()) {
            demote(score)
        } else {
            score
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aside_keeps_its_tier_and_a_quarter_of_its_score_in_it() {
        assert_eq!(demote(1500.0), 1050.0);
        assert_eq!(demote(FULL_MATCH_FLOOR), FULL_MATCH_FLOOR);
        assert_eq!(demote(8.0), 2.0);
        for s in [0.5, 8.0, 899.0, 900.0, 1000.0, 1512.5] {
            assert!((undo(demote(s)) - s).abs() < 1e-3, "{s}");
        }
    }
}
