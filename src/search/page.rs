//! The page of hits: the ranking fused with the semantic view when asked,
//! each ranked passage made a [`Hit`], marked as a full
//! match or not, and counted with its article's other matching passages.

use std::collections::{HashMap, HashSet};

use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

use super::facets::ArticleMatches;
use super::filters::Filters;
use super::query::ParsedQuery;
use super::{fusion, related, terms, Adjusted, Budget, Engine, Hit, Request, Results};
use crate::analysis::Analyzers;
use crate::error::Result;

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
        use tantivy::query::EnableScoring;
        use tantivy::{DocSet, TERMINATED};
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

    /// Sets each hit's count of its article's matching passages, counted
    /// in one pass over the matches.
    pub(super) fn count_article_matches(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        ranked: &[(f32, DocAddress)],
        hits: &mut [Hit],
    ) -> Result<()> {
        let mut wanted: HashMap<u32, HashSet<u64>> = HashMap::new();
        let mut keys = Vec::with_capacity(ranked.len());
        for (_, addr) in ranked {
            let ord = self
                .columns(searcher, addr.segment_ord)?
                .article_ord(addr.doc_id);
            if let Some(ord) = ord {
                wanted.entry(addr.segment_ord).or_default().insert(ord);
            }
            keys.push(ord.map(|ord| (addr.segment_ord, ord)));
        }
        let counts = searcher
            .search(query, &ArticleMatches { wanted })
            .map_err(|e| self.err(e))?;
        for (hit, key) in hits.iter_mut().zip(keys) {
            hit.article_matches = Some(key.and_then(|k| counts.get(&k).copied()).unwrap_or(0));
        }
        Ok(())
    }
}
