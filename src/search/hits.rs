//! Hit assembly: a ranked document becomes a [`Hit`] with its article's
//! metadata (read through [`crate::index::layout`]) and a snippet, and the
//! per-article cap thins a ranking.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, DocId, Searcher, TantivyDocument};

use super::facets::SegmentColumns;
use super::snippet::{highlight_ranges, snippet, Snippet, SNIPPET_CHARS};
use super::terms::QueryTerms;
use super::typed::{self, Stemmed, Typed, TypedGrade};
use super::Adjusted;
use super::Engine;
use crate::analysis::{Analyzers, View};
use crate::error::{Error, Result};
use crate::index::columns::Columns;
use crate::index::layout::first_passage;
use crate::model::Lang;

/// One ranked passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Its article's id, file, title, source, language and date.
    pub meta: super::ArticleMeta,
    /// Passage number, from 0.
    pub passage: u64,
    /// The page the passage starts on, 1-based, for paged formats (PDF).
    pub page: Option<u32>,
    /// Relevance score.
    pub score: f32,
    /// The whole passage.
    pub text: String,
    /// The best part of the passage, with highlights.
    pub snippet: Snippet,
    /// How many passages of the article match, when results are grouped by
    /// article (`per_article`).
    pub article_matches: Option<usize>,
    /// The cosine of the article's vector with the query's, in a semantic
    /// or hybrid search.
    pub similarity: Option<f32>,
    /// Found by meaning alone: the passage holds none of the query's words
    /// as the lexical ranking needs them.
    pub by_meaning: bool,
    /// The article's versions and close coverage in the other languages,
    /// when the index has vectors.
    pub related: Vec<super::Related>,
    /// Whether the passage is an aside (a caption, credit or teaser line),
    /// which ranks below prose.
    pub aside: bool,
    /// The ids of other articles with the same text (one article filed
    /// twice), shown as this one hit when results are grouped by article;
    /// sorted, at most 20.
    pub also_filed_as: Vec<String>,
    /// Whether the passage ranks for its article, which holds the query's
    /// words across its passages though the passage does not hold them
    /// all; it earns 150 for that, below any passage holding them all.
    pub across: bool,
    /// Whether the passage holds every word the query needs for a full
    /// match (or its article does, across its passages): front ends draw
    /// the line between these and the passages holding only some here.
    pub all_words: bool,
    /// For a German or Indonesian passage holding every query word: how
    /// many of the words graded by the form typed it holds as typed, which
    /// its all-words bonus is graded by (see [`TypedGrade`]).
    pub typed: Option<TypedGrade>,
    /// tantivy's account of the lexical score, when the request asked to
    /// explain ([`Request::explain`](super::Request::explain)).
    pub scoring: Option<super::scoring::ScoreTree>,
}

/// The most copies of an article a hit names.
pub(crate) const MAX_COPIES: usize = 20;

/// An article's stored metadata, from its first passage.
#[derive(Default)]
pub(super) struct Stored {
    pub path: String,
    pub title: Option<String>,
    pub source: Option<String>,
}

impl Stored {
    /// The metadata on `head`, an article's first passage.
    pub(super) fn of(fields: &crate::index::schema::Fields, head: &TantivyDocument) -> Stored {
        Stored {
            path: text_of(head, fields.path).unwrap_or_default(),
            title: text_of(head, fields.title),
            source: text_of(head, fields.source),
        }
    }
}

pub(super) fn text_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// What groups the passages of one article and of its copies: the hash of
/// the article's text, or its id in an index without one.
#[derive(Hash, PartialEq, Eq)]
enum Copies {
    Text(u64),
    Id(String),
}

fn copies_key(columns: &Columns, doc: tantivy::DocId) -> Copies {
    let content = first_passage(columns, doc).and_then(|first| columns.content(first));
    match content {
        Some(hash) => Copies::Text(hash),
        None => Copies::Id(columns.article(doc).unwrap_or_default()),
    }
}

impl Engine {
    /// The first passages of the articles with the same text as `addr`'s
    /// (its own included): the documents holding its text's hash.
    pub(super) fn copy_docs(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Result<Vec<DocAddress>> {
        let columns = self.columns(searcher, addr.segment_ord)?;
        let Some(hash) = first_passage(&columns, addr.doc_id).and_then(|f| columns.content(f))
        else {
            return Ok(Vec::new());
        };
        let term = tantivy::Term::from_field_u64(self.fields.content, hash);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let found = searcher
            .search(&query, &tantivy::collector::DocSetCollector)
            .map_err(|e| self.err(e))?;
        Ok(found.into_iter().collect())
    }

    /// The article ids of `docs`, in order, looked up as one batch per
    /// segment (see [`Columns::articles`]); a page asks for all of its ids
    /// first, so later lookups find them kept.
    pub(super) fn article_ids(
        &self,
        searcher: &Searcher,
        docs: impl IntoIterator<Item = DocAddress>,
    ) -> Result<Vec<String>> {
        let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
        for a in docs {
            by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
        }
        let mut ids = Vec::new();
        for (segment, docs) in by_segment {
            ids.extend(self.columns(searcher, segment)?.articles(&docs));
        }
        Ok(ids)
    }

    /// The ids of the articles other than `own` among `copies` (see
    /// [`Engine::copy_docs`]): sorted, at most [`MAX_COPIES`].
    pub(super) fn copies_of(
        &self,
        searcher: &Searcher,
        own: &str,
        copies: &[DocAddress],
    ) -> Result<Vec<String>> {
        let mut ids = self.article_ids(searcher, copies.iter().copied())?;
        ids.retain(|id| id != own);
        ids.sort();
        ids.dedup();
        ids.truncate(MAX_COPIES);
        Ok(ids)
    }

    /// The hit columns of a segment of `searcher`, opened once per segment:
    /// opening a column reads its block index, which costs more than all
    /// the lookups of a page of hits.
    pub(super) fn columns(&self, searcher: &Searcher, segment: u32) -> Result<Arc<Columns>> {
        let reader = searcher.segment_reader(segment);
        let mut cache = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(columns) = cache.get(&reader.segment_id()) {
            return Ok(Arc::clone(columns));
        }
        let columns = Arc::new(Columns::open(reader).map_err(|e| self.err(e))?);
        // Forget the segments a reload or merge retired.
        let live: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        cache.retain(|id, _| live.contains(id));
        cache.insert(reader.segment_id(), Arc::clone(&columns));
        Ok(columns)
    }

    /// The hit columns of every segment of `searcher`, by segment ordinal,
    /// for the collectors that read them ([`super::facets`]).
    pub(super) fn segment_columns(&self, searcher: &Searcher) -> Result<SegmentColumns> {
        let segments = searcher.segment_readers().len() as u32;
        let columns = (0..segments).map(|s| self.columns(searcher, s));
        Ok(Arc::new(columns.collect::<Result<_>>()?))
    }

    /// The top `limit` documents with at most `cap` from one article (the
    /// copies of one article filed twice count as one), starting from the
    /// `top` already collected and going deeper when it runs out: into
    /// `deeper`, then by searching again, until all `total` matches are
    /// read.
    pub(super) fn per_article(
        &self,
        searcher: &Searcher,
        (query, clauses, adjusted): (&dyn Query, &[Box<dyn Query>], &mut Adjusted),
        (mut top, deeper, total): (Vec<(f32, DocAddress)>, Deeper, usize),
        (limit, cap): (usize, usize),
        typed: &Typed,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let cap = cap.max(1);
        loop {
            let mut per: HashMap<Copies, usize> = HashMap::new();
            let mut out = Vec::new();
            for (score, addr) in &top {
                let columns = self.columns(searcher, addr.segment_ord)?;
                let n = per.entry(copies_key(&columns, addr.doc_id)).or_default();
                if *n < cap {
                    *n += 1;
                    out.push((*score, *addr));
                    if out.len() == limit {
                        return Ok(out);
                    }
                }
            }
            if top.len() >= total {
                return Ok(out);
            }
            let depth = top.len() * 4;
            top = match deeper.top(depth) {
                Some(top) => top,
                None => searcher
                    .search(query, &TopDocs::with_limit(depth).order_by_score())
                    .map_err(|e| self.err(e))?,
            };
            *adjusted = Adjusted::default();
            self.across(searcher, &mut top, clauses, &mut adjusted.raised)?;
            self.typed_order(searcher, &mut top, usize::MAX, typed, adjusted)?;
        }
    }

    /// Grades the full matches among the first [`typed::MAX_GRADED`]
    /// passages of `top` by the words they hold as typed, then orders the
    /// runs of equal scores that start within `page` by them (see
    /// [`super::typed`]).
    pub(super) fn typed_order(
        &self,
        searcher: &Searcher,
        top: &mut [(f32, DocAddress)],
        page: usize,
        typed: &Typed,
        adjusted: &mut Adjusted,
    ) -> Result<()> {
        if typed.words.is_empty() {
            return Ok(());
        }
        let lang = |addr: DocAddress| -> Option<Lang> {
            let columns = self.columns(searcher, addr.segment_ord).ok()?;
            columns.lang(addr.doc_id)?.parse().ok()
        };
        // The passages of a language with a stemmed view of its own.
        let own = |addr| lang(addr).filter(|&l| View::own_langs().any(|o| o == l));
        let stemmed = |addr| own(addr).is_some();
        let text = |addr| -> Result<String> {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
            Ok(text_of(&doc, self.fields.text).unwrap_or_default())
        };
        let read = |addr: DocAddress| -> Result<Option<Stemmed>> {
            let Some(links) = own(addr).map(Lang::compound_links) else {
                return Ok(None);
            };
            let aside = self
                .columns(searcher, addr.segment_ord)?
                .is_aside(addr.doc_id);
            let text = text(addr)?;
            Ok(Some(Stemmed { text, aside, links }))
        };
        typed::grade(top, page, &typed.graded, read, &mut adjusted.typed)?;
        typed::typed_first(top, page, stemmed, |addr| {
            Ok(typed::typed_in(&text(addr)?, &typed.words))
        })
    }

    /// The hit of a ranked document; `terms` highlight its snippet.
    pub(super) fn hit(
        &self,
        searcher: &Searcher,
        (score, addr): (f32, DocAddress),
        terms: Option<&QueryTerms>,
        analyzers: &mut Analyzers,
    ) -> Result<Hit> {
        let c = self.columns(searcher, addr.segment_ord)?;
        let doc = addr.doc_id;
        let article = c.article(doc).unwrap_or_default();
        let lang = c.lang(doc).and_then(|l| l.parse().ok());
        let passage = c.passage(doc).unwrap_or(0);
        let stored = |doc| -> Result<TantivyDocument> {
            searcher
                .doc(DocAddress::new(addr.segment_ord, doc))
                .map_err(|e| self.err(e))
        };
        let text = text_of(&stored(doc)?, self.fields.text).unwrap_or_default();
        let head = first_passage(&c, doc).ok_or_else(|| Error::BadIndex {
            path: self.dir.clone(),
            message: format!(
                "passage {passage} of article {article:?} does not follow its \
                 article's first passage"
            ),
        })?;
        let head = Stored::of(&self.fields, &stored(head)?);
        let snippet = match terms {
            Some(terms) => snippet(
                &text,
                &highlight_ranges(&text, lang, terms, analyzers),
                SNIPPET_CHARS,
            ),
            None => Snippet::default(),
        };
        Ok(Hit {
            meta: super::ArticleMeta {
                id: article,
                path: head.path,
                title: head.title,
                source: head.source,
                lang,
                date: c.date(doc),
            },
            article_matches: None,
            passage,
            page: c.page(doc),
            score,
            snippet,
            text,
            similarity: None,
            by_meaning: false,
            related: Vec::new(),
            aside: c.is_aside(doc),
            also_filed_as: Vec::new(),
            across: false,
            all_words: true,
            typed: None,
            scoring: None,
        })
    }
}

/// The first pass's ranking, kept deeper than its page for
/// [`Engine::per_article`]: the first pass scores every match (it counts
/// them), so ranking deeper there costs only the ranking, where searching
/// again to go deeper scores the matches anew.
pub(super) struct Deeper {
    ranked: Vec<(f32, DocAddress)>,
    /// Whether `ranked` holds every match.
    complete: bool,
}

impl Deeper {
    /// How many times the first page's depth the first pass ranks: the
    /// two deeper rankings `per_article` asks for before it searches.
    pub(super) const DEPTH: usize = 16;

    /// The ranking `ranked`, asked for `depth` documents.
    pub(super) fn of(ranked: Vec<(f32, DocAddress)>, depth: usize) -> Deeper {
        Deeper {
            complete: ranked.len() < depth,
            ranked,
        }
    }

    /// The top `depth` documents, when this ranking holds them.
    fn top(&self, depth: usize) -> Option<Vec<(f32, DocAddress)>> {
        if self.ranked.len() >= depth {
            Some(self.ranked[..depth].to_vec())
        } else {
            self.complete.then(|| self.ranked.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(n: u32) -> Vec<(f32, DocAddress)> {
        (0..n)
            .map(|d| (100.0 - d as f32, DocAddress::new(0, d)))
            .collect()
    }

    #[test]
    fn a_deeper_ranking_gives_its_prefix_or_all_it_holds_when_complete() {
        let deeper = Deeper::of(ranked(40), 64);
        assert_eq!(deeper.top(16), Some(ranked(16)));
        // Fewer than asked for: every match is in it.
        assert_eq!(deeper.top(160), Some(ranked(40)));
        let cut = Deeper::of(ranked(64), 64);
        assert_eq!(cut.top(64), Some(ranked(64)));
        // Asked past a ranking that was cut: search again.
        assert_eq!(cut.top(65), None);
    }
}
