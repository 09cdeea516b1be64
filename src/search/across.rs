//! Articles that hold the query's words across their passages: a report
//! that names `Trịnh Xuân Thanh` in one paragraph and `tham nhũng` in the
//! next is about both, though no passage holds both. Its best passage
//! earns [`ACROSS_BONUS`], staying below every passage that holds all the
//! words itself ([`FULL_MATCH_FLOOR`]): one passage saying it all is the
//! stronger evidence. Only the articles of the collected passages are
//! looked at, with one forward pass per clause and segment.

use std::collections::{BTreeMap, HashSet};

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Searcher};

use super::planner::FULL_MATCH_FLOOR;
use super::Engine;
use crate::error::Result;
use crate::index::columns::Columns;
use crate::index::layout::first_passage;

/// Added to the best passages of an article holding every positive clause
/// across its passages but none in one: below one passage holding them all,
/// and below one more adjacent pair of a four-word query (500 / 3): at 300,
/// long chapters holding common words somewhere outranked the passage a
/// four-word query was typed from.
pub(crate) const ACROSS_BONUS: f32 = 150.0;

/// The most passages of one article looked through.
const MAX_PASSAGES: u32 = 100_000;

/// One past the last passage of the article whose first passage is `first`.
fn article_end(columns: &Columns, first: DocId, max_doc: DocId) -> DocId {
    let ord = columns.article_ord(first);
    let mut end = first + 1;
    while end < max_doc
        && end - first < MAX_PASSAGES
        && columns.passage(end) == Some(u64::from(end - first))
        && columns.article_ord(end) == ord
    {
        end += 1;
    }
    end
}

impl Engine {
    /// Raises the passages of `top` that lack some of the `clauses` when
    /// their article holds them all across its passages, and orders `top`
    /// again (a stable sort: equal scores keep their order). The raised
    /// passages are added to `raised`.
    pub(super) fn across(
        &self,
        searcher: &Searcher,
        top: &mut [(f32, DocAddress)],
        clauses: &[Box<dyn Query>],
        raised: &mut HashSet<DocAddress>,
    ) -> Result<()> {
        if clauses.len() < 2 {
            return Ok(());
        }
        // Per segment, per article (by its first passage, in order): its
        // end and the passages of `top` in it.
        let mut articles: BTreeMap<u32, BTreeMap<DocId, (DocId, Vec<usize>)>> = BTreeMap::new();
        for (i, (score, addr)) in top.iter().enumerate() {
            if *score >= FULL_MATCH_FLOOR {
                continue;
            }
            let columns = self.columns(searcher, addr.segment_ord)?;
            let Some(first) = first_passage(&columns, addr.doc_id) else {
                continue;
            };
            let max_doc = searcher.segment_reader(addr.segment_ord).max_doc();
            let segment = articles.entry(addr.segment_ord).or_default();
            let article = segment
                .entry(first)
                .or_insert_with(|| (article_end(&columns, first, max_doc), Vec::new()));
            article.1.push(i);
        }
        if articles.is_empty() {
            return Ok(());
        }
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        let weights: Vec<_> = clauses
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<_>>()
            .map_err(|e| self.err(e))?;
        for (segment, in_segment) in articles {
            let reader = searcher.segment_reader(segment);
            let mut scorers: Vec<_> = weights
                .iter()
                .map(|w| w.scorer(reader, 1.0))
                .collect::<tantivy::Result<_>>()
                .map_err(|e| self.err(e))?;
            for (first, (end, passages)) in in_segment {
                let holds = |s: &mut Box<dyn tantivy::query::Scorer>| {
                    let doc = if s.doc() < first {
                        s.seek(first)
                    } else {
                        s.doc()
                    };
                    doc < end
                };
                if scorers.iter_mut().all(holds) {
                    for i in passages {
                        top[i].0 = (top[i].0 + ACROSS_BONUS).min(FULL_MATCH_FLOOR.next_down());
                        raised.insert(top[i].1);
                    }
                }
            }
        }
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(())
    }
}
