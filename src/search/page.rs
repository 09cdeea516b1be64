//! The page of hits: the ranking fused with the semantic view when asked,
//! each ranked passage made a [`Hit`], marked as a full
//! match or not, and counted with its article's other matching passages.

use tantivy::fastfield::AliveBitSet;
use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocId, DocSet, Searcher, TERMINATED};

use super::filters::Filters;
use super::query::ParsedQuery;
use super::{fusion, related, terms, Adjusted, Budget, Engine, Hit, Request, Results};
use crate::analysis::Analyzers;
use crate::error::Result;
use crate::index::columns::Columns;
use crate::index::layout::first_passage;

/// What a ranked search's page is made with (see [`Engine::page`]).
pub(super) struct Page<'a> {
    pub(super) parsed: &'a ParsedQuery,
    pub(super) plan_terms: &'a terms::QueryTerms,
    pub(super) filters: &'a Filters,
    pub(super) request: &'a Request,
    /// The ranked query and the full matches' (`None`: all are full).
    pub(super) query: &'a dyn Query,
    pub(super) full: Option<&'a dyn Query>,
    pub(super) adjusted: &'a Adjusted,
    pub(super) budget: &'a Budget,
}

impl Engine {
    /// The page of hits of a search ranked: fused with the semantic view
    /// when asked, read, marked full or partial, with each article's
    /// matches counted when asked.
    pub(super) fn page(
        &self,
        searcher: &Searcher,
        ranked: Vec<(f32, DocAddress)>,
        page: Page<'_>,
        (results, analyzers): (&mut Results, &mut Analyzers),
    ) -> Result<()> {
        let (request, budget) = (page.request, page.budget);
        let text = page.parsed.positive_text().join(" ");
        let mut memo = related::Memo::new();
        let ranked = self.fused(
            searcher,
            ranked,
            &text,
            page.filters,
            request,
            (results, &mut memo),
        )?;
        budget.check()?;
        let terms = request.snippets.then_some(page.plan_terms);
        results.hits = self.hits(
            searcher,
            &ranked,
            (terms, request.per_article.is_some(), page.adjusted),
            budget,
            (analyzers, &mut memo),
        )?;
        let ranked: Vec<(f32, DocAddress)> = ranked.iter().map(|f| (f.score, f.addr)).collect();
        if request.explain {
            super::explain::score_hits(page.query, searcher, &ranked, &mut results.hits);
        }
        if let Some(full) = page.full {
            self.mark_full(searcher, full, &ranked, &mut results.hits)?;
        }
        if request.per_article.is_some() {
            self.count_article_matches(searcher, page.query, &ranked, &mut results.hits)?;
            budget.check()?;
        }
        Ok(())
    }

    /// The hits of a fused ranking, each with its article's versions in
    /// other languages when the index has vectors, and, when `grouped` by
    /// article, the copies of its article it stands for.
    pub(super) fn hits(
        &self,
        searcher: &Searcher,
        ranked: &[fusion::Fused],
        (terms, grouped, adjusted): (Option<&terms::QueryTerms>, bool, &Adjusted),
        budget: &Budget,
        (analyzers, memo): (&mut Analyzers, &mut related::Memo),
    ) -> Result<Vec<Hit>> {
        let mut copies = Vec::new();
        for f in ranked.iter().filter(|_| grouped) {
            budget.check()?;
            copies.push(self.copy_docs(searcher, f.addr)?);
        }
        // Every id the page names, in one batch per segment.
        let docs = ranked.iter().map(|f| f.addr);
        self.article_ids(searcher, docs.chain(copies.iter().flatten().copied()))?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (i, f) in ranked.iter().enumerate() {
            budget.check()?;
            let mut hit = self.hit(searcher, (f.score, f.addr), terms, analyzers)?;
            (hit.similarity, hit.by_meaning) = (f.similarity, f.by_meaning);
            hit.all_words = !f.by_meaning;
            hit.across = adjusted.raised.contains(&f.addr);
            hit.typed = adjusted.typed.get(&f.addr).copied();
            hit.related = self.related_in(searcher, &hit.meta.id, memo)?;
            if let Some(copies) = copies.get(i) {
                hit.also_filed_as = self.copies_of(searcher, &hit.meta.id, copies)?;
            }
            hits.push(hit);
        }
        Ok(hits)
    }

    /// Marks the hits that are not full matches (the passage not matching
    /// `full`, nor its article holding the words across its passages):
    /// one scorer per segment, seeking the hits' documents in order.
    pub(super) fn mark_full(
        &self,
        searcher: &Searcher,
        full: &dyn Query,
        ranked: &[(f32, DocAddress)],
        hits: &mut [Hit],
    ) -> Result<()> {
        let weight = full
            .weight(EnableScoring::disabled_from_searcher(searcher))
            .map_err(|e| self.err(e))?;
        let mut order: Vec<usize> = (0..hits.len().min(ranked.len())).collect();
        order.sort_by_key(|&i| (ranked[i].1.segment_ord, ranked[i].1.doc_id));
        let mut scorer = None;
        let mut segment = None;
        for i in order {
            let addr = ranked[i].1;
            if segment != Some(addr.segment_ord) {
                let reader = searcher.segment_reader(addr.segment_ord);
                scorer = Some(weight.scorer(reader, 1.0).map_err(|e| self.err(e))?);
                segment = Some(addr.segment_ord);
            }
            let Some(s) = scorer.as_mut() else { continue };
            let at = if s.doc() < addr.doc_id && s.doc() != TERMINATED {
                s.seek(addr.doc_id)
            } else {
                s.doc()
            };
            hits[i].all_words = hits[i].across || at == addr.doc_id;
        }
        Ok(())
    }

    /// Sets each hit's count of its article's matching passages: one
    /// scorer per segment, seeking each article's first passage in order
    /// and counting the matches among its passages, so that the matches
    /// of other articles (for common words, most of the index) are never
    /// read.
    pub(super) fn count_article_matches(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        ranked: &[(f32, DocAddress)],
        hits: &mut [Hit],
    ) -> Result<()> {
        let weight = query
            .weight(EnableScoring::disabled_from_searcher(searcher))
            .map_err(|e| self.err(e))?;
        // Each hit's article, by its segment and first passage.
        let mut articles = Vec::with_capacity(ranked.len());
        for (i, (_, addr)) in ranked.iter().enumerate().take(hits.len()) {
            let columns = self.columns(searcher, addr.segment_ord)?;
            let first = first_passage(&columns, addr.doc_id).unwrap_or(addr.doc_id);
            articles.push((addr.segment_ord, first, i));
        }
        articles.sort_unstable();
        let mut scorer: Option<(u32, Box<dyn Scorer>)> = None;
        let mut last: Option<(u32, DocId, usize)> = None;
        for (segment, first, i) in articles {
            if let Some((_, _, n)) = last.filter(|&(s, f, _)| (s, f) == (segment, first)) {
                hits[i].article_matches = Some(n);
                continue;
            }
            let reader = searcher.segment_reader(segment);
            if scorer.as_ref().is_none_or(|(s, _)| *s != segment) {
                let s = weight.scorer(reader, 1.0).map_err(|e| self.err(e))?;
                scorer = Some((segment, s));
            }
            let Some((_, s)) = scorer.as_mut() else {
                continue;
            };
            let columns = self.columns(searcher, segment)?;
            let n = matches_in_article(s.as_mut(), &columns, reader.alive_bitset(), first);
            hits[i].article_matches = Some(n);
            last = Some((segment, first, n));
        }
        Ok(())
    }
}

/// The passages of the article whose first passage is `first` that
/// `scorer` matches and are not deleted; `scorer` is left at the first
/// match past them. An article's passages are documents in a row.
fn matches_in_article(
    scorer: &mut dyn Scorer,
    columns: &Columns,
    alive: Option<&AliveBitSet>,
    first: DocId,
) -> usize {
    let (ord, start) = (columns.article_ord(first), columns.passage(first));
    let in_article = |doc: DocId| {
        columns.article_ord(doc) == ord
            && columns.passage(doc) == start.map(|p| p + u64::from(doc - first))
    };
    let mut doc = if scorer.doc() < first {
        scorer.seek(first)
    } else {
        scorer.doc()
    };
    let mut n = 0;
    while doc != TERMINATED && in_article(doc) {
        n += usize::from(alive.is_none_or(|a| a.is_alive(doc)));
        doc = scorer.advance();
    }
    n
}
