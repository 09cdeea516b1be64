//! A search's time budget: checked between the search's phases, and inside
//! tantivy's matching, where [`Budget::bound`] wraps the query so that its
//! scorers stop matching once the budget is spent. The search then ends
//! with [`Error::Timeout`] instead of running on.

use std::time::{Duration, Instant};

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

use crate::error::{Error, Result};

/// A search's time budget: its start and length, or none.
pub(super) struct Budget(Option<(Instant, Duration)>);

impl Budget {
    pub(super) fn start(timeout: Option<Duration>) -> Budget {
        Budget(timeout.map(|t| (Instant::now(), t)))
    }

    /// An error once the budget is spent.
    pub(super) fn check(&self) -> Result<()> {
        match self.0 {
            Some((start, budget)) if start.elapsed() >= budget => Err(Error::Timeout(budget)),
            _ => Ok(()),
        }
    }

    /// `query`, matching nothing more once the budget is spent; unchanged
    /// when there is no budget.
    pub(super) fn bound<Q: Query>(&self, query: Q) -> Box<dyn Query> {
        match self.0 {
            Some((start, budget)) => Box::new(Bounded {
                inner: Box::new(query),
                deadline: start + budget,
            }),
            None => Box::new(query),
        }
    }
}

/// A query whose scorers end at a deadline.
#[derive(Debug)]
struct Bounded {
    inner: Box<dyn Query>,
    deadline: Instant,
}

impl Clone for Bounded {
    fn clone(&self) -> Bounded {
        Bounded {
            inner: self.inner.box_clone(),
            deadline: self.deadline,
        }
    }
}

impl Query for Bounded {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(BoundedWeight {
            inner: self.inner.weight(scoring)?,
            deadline: self.deadline,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct BoundedWeight {
    inner: Box<dyn Weight>,
    deadline: Instant,
}

impl Weight for BoundedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(BoundedScorer {
            inner: self.inner.scorer(reader, boost)?,
            deadline: self.deadline,
            countdown: CHECK_EVERY,
            late: Instant::now() >= self.deadline,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    /// Through the bounded scorer, so that the deadline ends it; the
    /// queries vsearch plans are nested, never the plain term union
    /// tantivy's own pruning (block-max WAND) is for.
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

/// Documents matched between two looks at the clock.
const CHECK_EVERY: u32 = 4096;

struct BoundedScorer {
    inner: Box<dyn Scorer>,
    deadline: Instant,
    countdown: u32,
    /// Set at the deadline: the scorer is at its end from then on.
    late: bool,
}

impl BoundedScorer {
    /// `doc`, or [`TERMINATED`] once the deadline has passed.
    fn unless_late(&mut self, doc: DocId) -> DocId {
        self.countdown -= 1;
        if self.countdown == 0 {
            self.countdown = CHECK_EVERY;
            self.late = Instant::now() >= self.deadline;
        }
        self.doc_or_end(doc)
    }

    fn doc_or_end(&self, doc: DocId) -> DocId {
        if self.late {
            TERMINATED
        } else {
            doc
        }
    }
}

impl DocSet for BoundedScorer {
    fn advance(&mut self) -> DocId {
        if self.late {
            return TERMINATED;
        }
        let doc = self.inner.advance();
        self.unless_late(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.late {
            return TERMINATED;
        }
        let doc = self.inner.seek(target);
        self.unless_late(doc)
    }

    fn doc(&self) -> DocId {
        self.doc_or_end(self.inner.doc())
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for BoundedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, STORED, TEXT};
    use tantivy::{doc, Index};

    /// An index of `n` documents, in one segment.
    fn index(n: usize) -> Index {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT | STORED);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15 << 20).expect("writer");
        for i in 0..n {
            writer
                .add_document(doc!(text => format!("doc {i}")))
                .expect("add");
        }
        writer.commit().expect("commit");
        index
    }

    #[test]
    fn a_spent_budget_stops_matching_inside_tantivy() {
        let searcher = index(3 * CHECK_EVERY as usize)
            .reader()
            .expect("reader")
            .searcher();
        let spent = Budget::start(Some(Duration::ZERO));
        let query = spent.bound(AllQuery);
        assert_eq!(searcher.search(&query, &Count).expect("count"), 0);
        let top = TopDocs::with_limit(5).order_by_score();
        assert!(searcher.search(&query, &top).expect("top").is_empty());
        assert!(matches!(spent.check(), Err(Error::Timeout(d)) if d == Duration::ZERO));
    }

    #[test]
    fn a_budget_left_matches_everything() {
        let n = 3 * CHECK_EVERY as usize + 7;
        let searcher = index(n).reader().expect("reader").searcher();
        let ample = Budget::start(Some(Duration::from_secs(600)));
        assert_eq!(
            searcher
                .search(&ample.bound(AllQuery), &Count)
                .expect("count"),
            n
        );
        let none = Budget::start(None);
        assert_eq!(
            searcher
                .search(&none.bound(AllQuery), &Count)
                .expect("count"),
            n
        );
        assert!(ample.check().is_ok());
    }

    #[test]
    fn a_deadline_passing_midway_ends_the_match_within_a_few_thousand_documents() {
        let n = 4 * CHECK_EVERY as usize;
        let searcher = index(n).reader().expect("reader").searcher();
        let query = Bounded {
            inner: Box::new(AllQuery),
            deadline: Instant::now() + Duration::from_millis(50),
        };
        let weight = query
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .expect("weight");
        let mut scorer = weight
            .scorer(searcher.segment_reader(0), 1.0)
            .expect("scorer");
        let mut matched = 0;
        while scorer.doc() != TERMINATED {
            matched += 1;
            if matched == 10 {
                std::thread::sleep(Duration::from_millis(60));
            }
            scorer.advance();
        }
        assert!(
            (10..=10 + CHECK_EVERY as usize).contains(&matched),
            "matched {matched} of {n}"
        );
    }
}
