//! A whole article read back from the index: its metadata and every
//! passage in order, with a query's matches marked when one is given.

use tantivy::collector::DocSetCollector;
use tantivy::DocAddress;

use super::filters::Filters;
use super::hits::{text_of, Stored};
use super::planner::Planner;
use super::snippet::highlight_ranges;
use super::terms::QueryTerms;
use super::{query, Engine, Request};
use crate::analysis::Analyzers;
use crate::error::Result;
use crate::index::layout::ArticleQuery;
use crate::model::{Date, Lang};

/// One passage of an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Its number, from 0.
    pub number: u64,
    /// The page it starts on, 1-based, for paged formats (PDF).
    pub page: Option<u32>,
    /// Its text.
    pub text: String,
    /// Byte ranges of `text` the query matches.
    pub highlights: Vec<(usize, usize)>,
}

/// What every front end shows of an article beside its text: one struct
/// for a hit and for a whole article, one JSON shape for both.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleMeta {
    /// Its id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// Its title.
    pub title: Option<String>,
    /// Its source URL, when known.
    pub source: Option<String>,
    /// Its language.
    pub lang: Option<Lang>,
    /// Its date.
    pub date: Option<Date>,
}

/// A whole article.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleView {
    /// Its id, file, title, source, language and date.
    pub meta: ArticleMeta,
    /// Its passages, in order.
    pub passages: Vec<Passage>,
    /// Its versions and close coverage in the other languages, when the
    /// index has vectors.
    pub related: Vec<super::Related>,
}

impl Engine {
    /// The article with id `id`, or `None` when the index holds none; with
    /// `query`, its matches are marked in every passage.
    pub fn article(&self, id: &str, query: Option<&str>) -> Result<Option<ArticleView>> {
        crate::error::reading_index(&self.dir, || self.article_unguarded(id, query))
    }

    /// The id of the (first) article read from `file`, a file's key (see
    /// [`crate::file_key`]): the index keeps each file's canonical path,
    /// so a front end can find a file's article from a path given from any
    /// folder. Nothing is opened: the key is looked up in the index.
    pub fn article_of_file(&self, file: &str) -> Result<Option<String>> {
        let searcher = self.searcher();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let columns = self.columns(&searcher, segment as u32)?;
            let Some(ord) = columns.ord_of_file(file) else {
                continue;
            };
            let first = (0..reader.max_doc())
                .find(|&doc| columns.file_ord(doc) == Some(ord) && columns.passage(doc) == Some(0));
            if let Some(doc) = first {
                return Ok(columns.article(doc));
            }
        }
        Ok(None)
    }

    fn article_unguarded(&self, id: &str, query: Option<&str>) -> Result<Option<ArticleView>> {
        let searcher = self.searcher();
        let id = id.to_string();
        let docs = searcher
            .search(&ArticleQuery::new(&self.fields, &id), &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let mut found: Vec<(u64, DocAddress)> = Vec::with_capacity(docs.len());
        for addr in docs {
            let columns = self.columns(&searcher, addr.segment_ord)?;
            found.push((columns.passage(addr.doc_id).unwrap_or(0), addr));
        }
        found.sort_unstable();
        let Some(&(_, first)) = found.first() else {
            return Ok(None);
        };
        let columns = self.columns(&searcher, first.segment_ord)?;
        let lang = columns.lang(first.doc_id).and_then(|l| l.parse().ok());
        let mut analyzers = Analyzers::default();
        let terms = query
            .map(|q| self.query_terms(q, &mut analyzers))
            .transpose()?
            .flatten();
        let mut passages = Vec::with_capacity(found.len());
        let mut head = None;
        for (number, addr) in found {
            let page = self.columns(&searcher, addr.segment_ord)?.page(addr.doc_id);
            let doc = searcher.doc(addr).map_err(|e| self.err(e))?;
            // The first passage, read here once, holds the metadata.
            head.get_or_insert_with(|| Stored::of(&self.fields, &doc));
            let text = text_of(&doc, self.fields.text).unwrap_or_default();
            let highlights = terms
                .as_ref()
                .map(|t| highlight_ranges(&text, lang, t, &mut analyzers))
                .unwrap_or_default();
            passages.push(Passage {
                number,
                page,
                text,
                highlights,
            });
        }
        let head = head.unwrap_or_default();
        Ok(Some(ArticleView {
            related: self.related_to(&searcher, &id)?,
            meta: ArticleMeta {
                id,
                path: head.path,
                title: head.title,
                source: head.source,
                lang,
                date: columns.date(first.doc_id),
            },
            passages,
        }))
    }

    /// The terms `query` asks each view for, to mark in passages.
    fn query_terms(&self, query: &str, analyzers: &mut Analyzers) -> Result<Option<QueryTerms>> {
        let parsed = query::parse(query)?;
        let filters = Filters::merge(&Request::new(query), &parsed);
        let searcher = self.searcher();
        let mut planner = Planner::new(&self.fields, &self.synonyms);
        planner.freqs = Some(&searcher);
        Ok(planner
            .plan(&parsed, filters.langs(), analyzers)
            .map(|p| p.terms))
    }
}
