//! Searching: a parsed query becomes a tantivy query over every view, runs
//! with the filters, and comes back as ranked [`Hit`]s with snippets.
//!
//! Ranking, highest first:
//! 1. passages holding every positive clause (a document reference such as
//!    `Nghị quyết 72` also counts as held when the passage cites the same
//!    document in any language) get [`ALL_WORDS_BONUS`];
//! 2. each pair of query words standing side by side in the passage adds a
//!    share of [`ADJACENCY_BONUS`], so `y tế` beats `y ... tế`;
//! 3. BM25 over the views: accent-exact matches weigh [`EXACT_WEIGHT`],
//!    folded and stemmed ones 1, a matching reference [`REF_WEIGHT`]. The
//!    exact view is only asked for words typed with accents: `hòa` prefers
//!    `hòa` to `hoa`, while `hoa` takes both alike. Vietnamese (and
//!    undetected) passages are indexed in the exact and folded views, German
//!    and Indonesian ones in their stemmed view, which folds diacritics too
//!    (see [`Lang::indexed_views`]).

use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, ExistsQuery, Occur as TOccur, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, IndexReader, ReloadPolicy, Searcher, SegmentReader, TantivyDocument, Term,
};

use crate::analysis::{self, View};
use crate::columns;
use crate::error::{Error, Result};
use crate::facets::{FacetCollector, Facets};
use crate::highlight::{highlight_ranges, snippet, Analyzers, QueryTerms, Snippet};
use crate::index::{self, Fields};
use crate::ingest::Date;
use crate::lang::Lang;
use crate::query::{self, Clause, Node, Occur, ParsedQuery};
use crate::refs;

/// Weight of the accent-exact view against the folded and stemmed ones.
pub const EXACT_WEIGHT: f32 = 1.5;
/// Weight of a matching document reference.
pub const REF_WEIGHT: f32 = 2.0;
/// Added to passages that hold every positive clause.
pub const ALL_WORDS_BONUS: f32 = 1000.0;
/// Shared among the adjacent word pairs of the query.
pub const ADJACENCY_BONUS: f32 = 500.0;
/// Snippets are cut to about this many chars.
pub const SNIPPET_CHARS: usize = 240;

/// What to do with articles without a date when a date filter is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnknownDate {
    /// Keep them out: a date filter asks for dated articles.
    #[default]
    Exclude,
    /// Let them through.
    Include,
}

/// A search request.
#[derive(Clone, Debug)]
pub struct Request {
    /// The query string.
    pub query: String,
    /// Hits to return.
    pub limit: usize,
    /// Only these languages (empty: all).
    pub langs: Vec<Lang>,
    /// Only articles dated on or after.
    pub from: Option<Date>,
    /// Only articles dated on or before.
    pub to: Option<Date>,
    /// Undated articles under a date filter.
    pub unknown_date: UnknownDate,
    /// At most this many passages per article.
    pub per_article: Option<usize>,
    /// Count facets of all matches.
    pub facets: bool,
    /// Cut snippets and find highlights (else each hit's snippet is empty).
    pub snippets: bool,
}

impl Request {
    /// A request for `query` with default settings.
    pub fn new(query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            limit: 10,
            langs: Vec::new(),
            from: None,
            to: None,
            unknown_date: UnknownDate::Exclude,
            per_article: None,
            facets: false,
            snippets: true,
        }
    }
}

/// One ranked passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Article id.
    pub article: String,
    /// Where the article came from.
    pub path: String,
    /// Article title.
    pub title: Option<String>,
    /// Article language.
    pub lang: Option<Lang>,
    /// Article date.
    pub date: Option<Date>,
    /// Passage number, from 0.
    pub passage: u64,
    /// Relevance score.
    pub score: f32,
    /// The whole passage.
    pub text: String,
    /// The best part of the passage, with highlights.
    pub snippet: Snippet,
}

/// The result of a search.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// The query as given.
    pub query: String,
    /// Passages matching, before the limit.
    pub total_hits: usize,
    /// The ranked hits.
    pub hits: Vec<Hit>,
    /// Facet counts, when asked for.
    pub facets: Option<Facets>,
    /// Repairs made to the query.
    pub notes: Vec<String>,
}

/// An open index, ready to search.
pub struct Engine {
    dir: PathBuf,
    reader: IndexReader,
    fields: Fields,
    /// The columns hits read, per segment, opened on first use: opening a
    /// column reads its block index, which costs more than all the lookups
    /// of a page of hits.
    columns: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
}

/// The fast-field columns of one segment that hits read.
struct SegmentColumns {
    article: Option<StrColumn>,
    lang: Option<StrColumn>,
    date: Option<Column<tantivy::DateTime>>,
    passage: Column<u64>,
}

impl SegmentColumns {
    fn open(segment: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let fast = segment.fast_fields();
        Ok(SegmentColumns {
            article: fast.str("article")?,
            lang: fast.str("lang")?,
            date: fast.date("date").ok(),
            passage: fast.u64("passage")?,
        })
    }
}

fn boxed(q: impl Query) -> Box<dyn Query> {
    Box::new(q)
}

/// A query built from a [`ParsedQuery`], and the terms to highlight.
struct Built {
    query: Box<dyn Query>,
    terms: QueryTerms,
}

impl Engine {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<Engine> {
        let (index, fields) = index::open(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::damaged(dir, &e))?;
        Ok(Engine {
            dir: dir.to_path_buf(),
            reader,
            fields,
            columns: Mutex::default(),
        })
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher over the last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The hit columns of a segment of `searcher`.
    fn columns(&self, searcher: &Searcher, segment: u32) -> Result<Arc<SegmentColumns>> {
        let reader = searcher.segment_reader(segment);
        let mut cache = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(columns) = cache.get(&reader.segment_id()) {
            return Ok(Arc::clone(columns));
        }
        let columns = Arc::new(SegmentColumns::open(reader).map_err(|e| self.err(e))?);
        // Forget the segments a reload or merge retired.
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        cache.retain(|id, _| live.contains(id));
        cache.insert(reader.segment_id(), Arc::clone(&columns));
        Ok(columns)
    }

    /// A failure reading the index: damaged or changed underneath us.
    fn err(&self, e: tantivy::TantivyError) -> Error {
        Error::damaged(&self.dir, &e)
    }

    /// Runs a search.
    pub fn search(&self, request: &Request) -> Result<Results> {
        let parsed = query::parse(&request.query)?;
        let mut langs = request.langs.clone();
        for l in &parsed.langs {
            if !langs.contains(l) {
                langs.push(*l);
            }
        }
        let (mut from, mut to) = (request.from, request.to);
        if let Some((a, b)) = parsed.dates {
            from = Some(from.map_or(a, |f| f.max(a)));
            to = Some(to.map_or(b, |t| t.min(b)));
        }
        let mut analyzers = Analyzers::default();
        let mut clauses: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        let terms = match self.build(&parsed, &langs, &mut analyzers) {
            Some(b) => {
                clauses.push((TOccur::Must, b.query));
                b.terms
            }
            None => {
                return Ok(Results {
                    query: request.query.clone(),
                    total_hits: 0,
                    hits: Vec::new(),
                    facets: request.facets.then(Facets::default),
                    notes: parsed.notes,
                })
            }
        };
        if !langs.is_empty() {
            let alts = langs
                .iter()
                .map(|l| {
                    let t = Term::from_field_text(self.fields.lang, l.code());
                    (
                        TOccur::Should,
                        boxed(TermQuery::new(t, IndexRecordOption::Basic)),
                    )
                })
                .collect();
            clauses.push((TOccur::Must, boxed(BooleanQuery::new(alts))));
        }
        if from.is_some() || to.is_some() {
            let bound = |d: Option<Date>, inclusive: fn(Term) -> Bound<Term>| {
                d.map_or(Bound::Unbounded, |d| {
                    inclusive(Term::from_field_date(self.fields.date, d.to_datetime()))
                })
            };
            let range = boxed(RangeQuery::new(
                bound(from, Bound::Included),
                bound(to, Bound::Included),
            ));
            let filter = match request.unknown_date {
                UnknownDate::Exclude => range,
                UnknownDate::Include => {
                    let undated = BooleanQuery::new(vec![
                        (TOccur::Must, boxed(AllQuery)),
                        (
                            TOccur::MustNot,
                            boxed(ExistsQuery::new("date".into(), false)),
                        ),
                    ]);
                    boxed(BooleanQuery::new(vec![
                        (TOccur::Should, range),
                        (TOccur::Should, boxed(undated)),
                    ]))
                }
            };
            clauses.push((TOccur::Must, boxed(ConstScoreQuery::new(filter, 0.0))));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.searcher();
        let limit = request.limit.max(1);
        // One pass collects the page, the count and (when asked) the facets.
        let first_page = match request.per_article {
            None => limit,
            Some(_) => limit * 4 + 16,
        };
        let top = TopDocs::with_limit(first_page).order_by_score();
        let (top, total_hits, facets) = if request.facets {
            let (top, n, f) = searcher
                .search(&query, &(top, Count, FacetCollector))
                .map_err(|e| self.err(e))?;
            (top, n, Some(f))
        } else {
            let (top, n) = searcher
                .search(&query, &(top, Count))
                .map_err(|e| self.err(e))?;
            (top, n, None)
        };
        let ranked = match request.per_article {
            None => top,
            Some(cap) => self.per_article(&searcher, &query, top, limit, cap, total_hits)?,
        };
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, addr) in ranked {
            let terms = request.snippets.then_some(&terms);
            hits.push(self.hit(&searcher, addr, score, terms, &mut analyzers)?);
        }
        Ok(Results {
            query: request.query.clone(),
            total_hits,
            hits,
            facets,
            notes: parsed.notes,
        })
    }

    /// The top `limit` documents with at most `cap` from one article, starting
    /// from the `top` already collected and fetching deeper when it runs out.
    fn per_article(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        mut top: Vec<(f32, DocAddress)>,
        limit: usize,
        cap: usize,
        total: usize,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let cap = cap.max(1);
        loop {
            let mut per: HashMap<String, usize> = HashMap::new();
            let mut out = Vec::new();
            for (score, addr) in &top {
                let article = self.article_of(searcher, *addr)?;
                let n = per.entry(article).or_default();
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
            top = searcher
                .search(query, &TopDocs::with_limit(top.len() * 4).order_by_score())
                .map_err(|e| self.err(e))?;
        }
    }

    /// The article id of a passage, from its fast field.
    fn article_of(&self, searcher: &Searcher, addr: DocAddress) -> Result<String> {
        let c = self.columns(searcher, addr.segment_ord)?;
        Ok(c.article
            .as_ref()
            .and_then(|a| columns::first_term(a, addr.doc_id))
            .unwrap_or_default())
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        terms: Option<&QueryTerms>,
        analyzers: &mut Analyzers,
    ) -> Result<Hit> {
        let c = self.columns(searcher, addr.segment_ord)?;
        let doc = addr.doc_id;
        let article = c
            .article
            .as_ref()
            .and_then(|a| columns::first_term(a, doc))
            .unwrap_or_default();
        let lang = c
            .lang
            .as_ref()
            .and_then(|l| columns::first_term(l, doc))
            .and_then(|l| l.parse().ok());
        let date = c
            .date
            .as_ref()
            .and_then(|c| c.first(doc))
            .and_then(Date::from_datetime);
        let passages = &c.passage;
        let articles = &c.article;
        let passage = passages.first(doc).unwrap_or(0);
        let stored = |doc| -> Result<TantivyDocument> {
            searcher
                .doc(DocAddress::new(addr.segment_ord, doc))
                .map_err(|e| self.err(e))
        };
        let text_of = |doc: &TantivyDocument, field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let text = text_of(&stored(doc)?, self.fields.text).unwrap_or_default();
        // The article's first passage, `passage` documents back (see
        // `crate::index`), holds its metadata.
        let head = doc
            .checked_sub(u32::try_from(passage).unwrap_or(u32::MAX))
            .filter(|&first| {
                passages.first(first) == Some(0)
                    && articles.as_ref().and_then(|c| columns::first_ord(c, first))
                        == articles.as_ref().and_then(|c| columns::first_ord(c, doc))
            })
            .ok_or_else(|| Error::BadIndex {
                path: self.dir.clone(),
                message: format!(
                    "passage {passage} of article {article:?} does not follow its \
                     article's first passage"
                ),
            })?;
        let head = stored(head)?;
        let snippet = match terms {
            Some(terms) => snippet(
                &text,
                &highlight_ranges(&text, lang, terms, analyzers),
                SNIPPET_CHARS,
            ),
            None => Snippet {
                text: String::new(),
                highlights: Vec::new(),
            },
        };
        Ok(Hit {
            article,
            path: text_of(&head, self.fields.path).unwrap_or_default(),
            title: text_of(&head, self.fields.title),
            lang,
            date,
            passage,
            score,
            snippet,
            text,
        })
    }

    /// The views a query searches: every view, or those the languages of
    /// the filter are indexed in.
    fn views(langs: &[Lang]) -> Vec<View> {
        if langs.is_empty() {
            return View::ALL.to_vec();
        }
        View::ALL
            .into_iter()
            .filter(|v| {
                langs
                    .iter()
                    .any(|&l| Lang::indexed_views(Some(l)).contains(v))
            })
            .collect()
    }

    /// The query for one word or phrase: its analysis in every view, any view
    /// matching. Several tokens in a view must stand together as a phrase.
    /// Views sharing a field ask once for the terms they agree on.
    fn text_query(
        &self,
        text: &str,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let mut alts: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        let mut asked: Vec<(Field, Vec<Vec<String>>)> = Vec::new();
        for &view in views {
            // Typed without accents, a word says nothing the folded view
            // does not; the exact view only rewards accents the user typed.
            if view == View::Exact && text.is_ascii() {
                continue;
            }
            let field = self.fields.view(view);
            let mut positions: Vec<Vec<String>> = Vec::new();
            let mut last = None;
            for token in analysis::tokens(analyzers.get(view), text) {
                terms.add(view, &token.text);
                if last == Some(token.position) {
                    if let Some(p) = positions.last_mut() {
                        p.push(token.text);
                    }
                } else {
                    positions.push(vec![token.text]);
                    last = Some(token.position);
                }
            }
            if asked.iter().any(|(f, p)| *f == field && *p == positions) {
                continue;
            }
            let term = |t: &str| Term::from_field_text(field, t);
            let q: Box<dyn Query> = match positions.as_slice() {
                [] => continue,
                [only] => {
                    let whole = boxed(TermQuery::new(term(&only[0]), IndexRecordOption::WithFreqs));
                    if only.len() > 1 {
                        // A compound: the whole word, or all of its parts.
                        let parts = only[1..]
                            .iter()
                            .map(|p| {
                                (
                                    TOccur::Must,
                                    boxed(TermQuery::new(term(p), IndexRecordOption::WithFreqs)),
                                )
                            })
                            .collect();
                        boxed(BooleanQuery::new(vec![
                            (TOccur::Should, whole),
                            (
                                TOccur::Should,
                                boxed(BoostQuery::new(boxed(BooleanQuery::new(parts)), 0.5)),
                            ),
                        ]))
                    } else {
                        whole
                    }
                }
                many => boxed(PhraseQuery::new(many.iter().map(|p| term(&p[0])).collect())),
            };
            asked.push((field, positions));
            let weight = if view == View::Exact {
                EXACT_WEIGHT
            } else {
                1.0
            };
            alts.push((TOccur::Should, boxed(BoostQuery::new(q, weight))));
        }
        (!alts.is_empty()).then(|| boxed(BooleanQuery::new(alts)))
    }

    fn node_query(
        &self,
        node: &Node,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        match node {
            Node::Word(t) | Node::Phrase(t) => self.text_query(t, views, analyzers, terms),
            Node::Group(clauses) => self.clauses_query(clauses, views, analyzers, terms, None),
            Node::Or(nodes) => {
                let alts: Vec<_> = nodes
                    .iter()
                    .filter_map(|n| self.node_query(n, views, analyzers, terms))
                    .map(|q| (TOccur::Should, q))
                    .collect();
                (!alts.is_empty()).then(|| boxed(BooleanQuery::new(alts)))
            }
        }
    }

    /// Clauses with the all-words tier; `refs` adds references as a way of
    /// holding the words that name them.
    fn clauses_query(
        &self,
        clauses: &[Clause],
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
        refs: Option<&[refs::Reference]>,
    ) -> Option<Box<dyn Query>> {
        let mut scored: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        let mut positive: Vec<(Box<dyn Query>, bool)> = Vec::new();
        let mut ignored = QueryTerms::default();
        for c in clauses {
            let sink = if c.occur == Occur::MustNot {
                &mut ignored
            } else {
                &mut *terms
            };
            let Some(q) = self.node_query(&c.node, views, analyzers, sink) else {
                continue;
            };
            let names_ref = matches!(&c.node, Node::Word(w) if refs::is_reference_word(w));
            match c.occur {
                Occur::Should => {
                    positive.push((q.box_clone(), names_ref));
                    scored.push((TOccur::Should, q));
                }
                Occur::Must => {
                    positive.push((q.box_clone(), names_ref));
                    scored.push((TOccur::Must, q));
                }
                Occur::MustNot => scored.push((TOccur::MustNot, q)),
            }
        }
        let ref_queries: Vec<Box<dyn Query>> = refs
            .unwrap_or_default()
            .iter()
            .map(|r| {
                boxed(TermQuery::new(
                    Term::from_field_text(self.fields.refs, &r.key),
                    IndexRecordOption::WithFreqs,
                ))
            })
            .collect();
        for q in &ref_queries {
            scored.push((
                TOccur::Should,
                boxed(BoostQuery::new(q.box_clone(), REF_WEIGHT)),
            ));
        }
        if positive.is_empty() {
            if scored.is_empty() {
                return None;
            }
            scored.push((TOccur::Must, boxed(AllQuery)));
            return Some(boxed(BooleanQuery::new(scored)));
        }
        if positive.len() >= 2 || !ref_queries.is_empty() {
            let all = BooleanQuery::new(
                positive
                    .iter()
                    .map(|(q, _)| (TOccur::Must, q.box_clone()))
                    .collect(),
            );
            let mut tiers = vec![(TOccur::Should, boxed(all))];
            for r in &ref_queries {
                let mut via_ref = vec![(TOccur::Must, r.box_clone())];
                via_ref.extend(
                    positive
                        .iter()
                        .filter(|(_, names_ref)| !names_ref)
                        .map(|(q, _)| (TOccur::Must, q.box_clone())),
                );
                tiers.push((TOccur::Should, boxed(BooleanQuery::new(via_ref))));
            }
            let tier = boxed(BooleanQuery::new(tiers));
            scored.push((
                TOccur::Should,
                boxed(ConstScoreQuery::new(tier, ALL_WORDS_BONUS)),
            ));
        }
        Some(boxed(BooleanQuery::new(scored)))
    }

    /// Phrase queries for each pair of adjacent top-level words, each worth a
    /// share of [`ADJACENCY_BONUS`].
    fn adjacency(
        &self,
        parsed: &ParsedQuery,
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Vec<Box<dyn Query>> {
        let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
        for c in &parsed.clauses {
            match (&c.occur, &c.node) {
                (Occur::Should | Occur::Must, Node::Word(w)) => {
                    runs.last_mut().map(|r| r.push(w.as_str())).unwrap_or(())
                }
                _ => runs.push(Vec::new()),
            }
        }
        let pairs: Vec<String> = runs
            .iter()
            .flat_map(|run| run.windows(2).map(|w| format!("{} {}", w[0], w[1])))
            .collect();
        if pairs.is_empty() {
            return Vec::new();
        }
        let share = ADJACENCY_BONUS / pairs.len() as f32;
        let mut scratch = QueryTerms::default();
        pairs
            .iter()
            .filter_map(|pair| self.text_query(pair, views, analyzers, &mut scratch))
            .map(|q| boxed(ConstScoreQuery::new(q, share)))
            .collect()
    }

    fn build(
        &self,
        parsed: &ParsedQuery,
        langs: &[Lang],
        analyzers: &mut Analyzers,
    ) -> Option<Built> {
        let views = Engine::views(langs);
        let mut terms = QueryTerms::default();
        let refs = refs::extract(&parsed.positive_text().join(" "));
        let main =
            self.clauses_query(&parsed.clauses, &views, analyzers, &mut terms, Some(&refs))?;
        let mut scored = vec![(TOccur::Must, main)];
        for q in self.adjacency(parsed, &views, analyzers) {
            scored.push((TOccur::Should, q));
        }
        Some(Built {
            query: boxed(BooleanQuery::new(scored)),
            terms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{documents, index_paths, IndexOptions, Silent, SCHEMA_VERSION};
    use crate::ingest::Article;
    use std::sync::atomic::AtomicBool;

    fn article(id: &str, passages: &[&str]) -> Article {
        Article {
            id: id.into(),
            path: format!("{id}.txt"),
            title: Some(format!("Title of {id}")),
            lang: Some(Lang::De),
            date: None,
            source: None,
            passages: passages.iter().map(|p| p.to_string()).collect(),
            hash: 1,
        }
    }

    /// Writes `docs` in one commit, one `add_document` each.
    fn write(dir: &Path, docs: Vec<TantivyDocument>) {
        let (index, _) = index::open(dir).expect("open");
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 32 << 20).unwrap();
        for d in docs {
            writer.add_document(d).unwrap();
        }
        let mut commit = writer.prepare_commit().unwrap();
        commit.set_payload(&format!("{{\"schema_version\":{SCHEMA_VERSION}}}"));
        commit.commit().unwrap();
    }

    #[test]
    fn a_hit_reads_its_article_from_the_first_passage() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("index");
        let empty = tmp.path().join("empty.jsonl");
        std::fs::write(&empty, "").unwrap();
        let no_cancel = AtomicBool::new(false);
        index_paths(
            &dir,
            &[empty],
            &IndexOptions::default(),
            &mut Silent,
            &no_cancel,
        )
        .unwrap();
        let fields = Fields::schema().1;
        let a = article("a", &["Erster Absatz.", "Zweiter Absatz über Quallen."]);
        let b = article("b", &["Anderer Text.", "Noch ein Absatz über Seesterne."]);
        write(&dir, documents(&fields, &a));
        let hits = Engine::open(&dir)
            .unwrap()
            .search(&Request::new("Quallen"))
            .unwrap()
            .hits;
        assert_eq!(
            (
                hits[0].article.as_str(),
                hits[0].passage,
                hits[0].title.as_deref(),
                hits[0].path.as_str()
            ),
            ("a", 1, Some("Title of a"), "a.txt")
        );
        // Passages not written as one batch, the first one missing: the
        // search says so instead of showing another article's title.
        let stray = documents(&fields, &b).pop().unwrap();
        write(&dir, vec![stray]);
        let err = Engine::open(&dir)
            .unwrap()
            .search(&Request::new("Seesterne"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: passage 1 of article \"b\" does not follow its article's first passage; \
                 rebuild it with `vsearch index --rebuild`",
                dir.display()
            )
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::index::{index_paths, IndexOptions, Silent};
    use proptest::prelude::*;
    use std::sync::atomic::AtomicBool;
    use std::sync::OnceLock;

    /// One index of the seeds, shared by every case.
    fn engine() -> &'static Engine {
        static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
        &ENGINE
            .get_or_init(|| {
                let dir = tempfile::tempdir().expect("temp dir");
                let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
                let index = dir.path().join("index");
                index_paths(
                    &index,
                    &[seeds],
                    &IndexOptions::default(),
                    &mut Silent,
                    &AtomicBool::new(false),
                )
                .expect("index the seeds");
                let engine = Engine::open(&index).expect("open");
                (dir, engine)
            })
            .1
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any query string gives results or a clean error, and every
        /// highlight is a char-boundary range inside its snippet.
        #[test]
        fn any_query_runs(q in "(\\PC|[\"()+\\-:]|OR |lang:vi |date:2025 |nghị |quyết |72-NQ/TW |Krankenhaus |rawat ){0,12}") {
            match engine().search(&Request::new(q.clone())) {
                Ok(results) => {
                    prop_assert!(results.hits.len() <= 10);
                    for hit in &results.hits {
                        for &(a, b) in &hit.snippet.highlights {
                            prop_assert!(a < b && b <= hit.snippet.text.len());
                            prop_assert!(hit.snippet.text.is_char_boundary(a) && hit.snippet.text.is_char_boundary(b));
                        }
                    }
                }
                Err(e) => prop_assert!(matches!(e, Error::InvalidValue { .. }), "{e}"),
            }
        }
    }
}
