//! Searching: a [`Request`] (validated once, for every front end) is parsed
//! ([`query`]), merged with its filters ([`filters`]), planned into one
//! tantivy query over every view ([`planner`]), run, and comes back as
//! ranked [`Hit`]s ([`hits`]) with snippets ([`snippet`]) and, when asked,
//! facet counts ([`facets`]). [`stats`] reads what an index holds.
//!
//! Ranking, highest first:
//! 1. passages holding every positive clause (a document reference such as
//!    `Nghị quyết 72` also counts as held when the passage cites the same
//!    document in any language) get a bonus of 1000;
//! 2. each pair of query words standing side by side in the passage adds a
//!    share of a bonus of 500, so `y tế` beats `y ... tế`;
//! 3. BM25 over the views: accent-exact matches weigh 1.5, folded and
//!    stemmed ones 1, a matching reference 2. The exact view is only asked
//!    for words typed with accents: `hòa` prefers `hòa` to `hoa`, while
//!    `hoa` takes both alike. Vietnamese (and undetected) passages are
//!    indexed in the exact and folded views, German and Indonesian ones in
//!    their stemmed view, which folds diacritics too (see
//!    [`View::indexed_for`](crate::analysis::View::indexed_for)).

mod across;
mod article;
mod aside;
mod batch;
mod budget;
mod cache;
mod countries;
mod defined;
mod except_langs;
mod explain;
mod facets;
mod filters;
mod found;
mod fusion;
mod hits;
mod lexer;
mod names;
mod page;
mod planner;
mod query;
mod reading;
mod related;
mod request;
mod scoring;
mod semantic;
mod snippet;
mod stats;
mod synonyms;
mod terms;
mod typed;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Count as TantivyCount, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, IndexReader, ReloadPolicy, Searcher};

pub use article::{ArticleMeta, ArticleView, Passage};
pub use aside::ASIDE_WEIGHT;
pub use batch::{batch_queries, MAX_BATCH};
pub use explain::{Explanation, Form, WordMatch};
pub use facets::{Count as FacetCount, Facets};
pub use hits::Hit;
pub use planner::Graded;
pub use planner::OtherForm;
pub use query::limits::{MAX_DEPTH, MAX_QUERY_BYTES, MAX_WORDS};
pub use reading::{ArticleParams, RefsParams, REFS_LIMIT};
pub use related::Related;
pub use request::{Params, Request, UnknownDate, MAX_LIMIT, MAX_TIMEOUT_SECS};
pub use scoring::ScoreTree;
pub use semantic::Mode;
pub use snippet::Snippet;
pub use stats::{LangCount, RefCount, Stats};
use synonyms::Synonyms;
pub use typed::TypedGrade;

use crate::analysis::Analyzers;
use crate::error::{Error, Result};
use crate::index::columns::Columns;
use crate::index::schema::Fields;
use budget::Budget;
use facets::{ArticleCount, FacetCollector, FullCounts};
use filters::Filters;
use planner::Planner;

/// The result of a search.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// The query as given.
    pub query: String,
    /// Passages holding all the query's words (as the ranking defines
    /// them: a cited reference holds the words naming it) and none of the
    /// excluded ones.
    pub total_hits: usize,
    /// Articles among those passages.
    pub total_articles: usize,
    /// Of the passages holding all the words, those holding each as typed
    /// (as a quoted phrase would have it; the others hold a related form:
    /// other accents, a stem, a compound's part). `None` when not counted:
    /// for a query of groups or alternatives, one naming a document or all
    /// quoted, or when counting them would read more than 1,000 German and
    /// Indonesian passages (which are indexed by stem).
    pub typed_hits: Option<usize>,
    /// Passages holding only some of the words; they rank below.
    pub partial_hits: usize,
    /// Articles among those closest by meaning that hold none of the
    /// words (they are not in the counts above).
    pub related_hits: usize,
    /// How the hits were ranked.
    pub mode: Mode,
    /// The hits passed over before the first (`offset` of the request):
    /// the first hit is the `offset + 1`th.
    pub offset: usize,
    /// The ranked hits.
    pub hits: Vec<Hit>,
    /// Facet counts of the full matches, when asked for.
    pub facets: Option<Facets>,
    /// Repairs made to the query, filters that exclude each other, and the
    /// other forms searched.
    pub notes: Vec<String>,
    /// The other forms the query's words were searched in (abbreviations,
    /// synonyms, Vietnamese names joined or split).
    pub others: Vec<OtherForm>,
    /// The words and pairs typed with Vietnamese marks that rank higher
    /// where a passage holds them as typed.
    pub graded: Graded,
    /// Why each hit matched and how it ranked, in the hits' order, when
    /// the request asked ([`Request::explain`]).
    pub explanations: Option<Vec<Explanation>>,
}

/// An open index, ready to search.
pub struct Engine {
    dir: PathBuf,
    reader: IndexReader,
    fields: Fields,
    /// The columns hits read, per segment, opened on first use.
    columns: Mutex<HashMap<SegmentId, Arc<Columns>>>,
    /// The built-in country names and the user's synonyms.
    synonyms: Synonyms,
    /// The embedding model to use instead of the one found.
    model: Option<PathBuf>,
    /// The semantic view, loaded by the first search that needs it.
    slots: semantic::Slots,
    /// Recent results, when kept ([`Engine::keep_results`]).
    cache: Option<cache::Cache>,
    /// The German and Indonesian passages of each segment, read once.
    left_out: Arc<except_langs::LeftOut>,
}

/// What a search ranks by: the ranked query, the full matches (`None`
/// when they are all its matches) and the positive clauses (see
/// [`across`]).
type Ranking<'a> = (&'a dyn Query, Option<&'a dyn Query>, &'a [Box<dyn Query>]);

/// The ranked page, the count of every match, the full matches counted,
/// and what was adjusted after the query scored.
type Ranked = (Vec<(f32, DocAddress)>, usize, FullCounts, Adjusted);

/// What the ranking changed after the query scored: the passages raised
/// for their article (see [`across`]), and the grades of the passages
/// graded by the words they hold as typed (see [`typed`]).
#[derive(Default)]
pub(super) struct Adjusted {
    raised: HashSet<DocAddress>,
    typed: HashMap<DocAddress, typed::TypedGrade>,
}

impl Engine {
    /// Opens the index in `dir`, as it was last committed, with the
    /// built-in country names and `dir/synonyms.txt` when it exists.
    pub fn open(dir: &Path) -> Result<Engine> {
        Engine::open_with(dir, ReloadPolicy::Manual)
    }

    /// Opens the index in `dir` and follows it: a commit by another process
    /// (`vsearch index` while a server runs) is seen by the searches
    /// started about half a second later.
    pub fn open_live(dir: &Path) -> Result<Engine> {
        Engine::open_with(dir, ReloadPolicy::OnCommitWithDelay)
    }

    fn open_with(dir: &Path, policy: ReloadPolicy) -> Result<Engine> {
        crate::error::reading_index(dir, || Engine::open_unguarded(dir, policy))
    }

    fn open_unguarded(dir: &Path, policy: ReloadPolicy) -> Result<Engine> {
        let (index, fields) = crate::index::open(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(policy)
            .try_into()
            .map_err(|e| Error::damaged(dir, &e))?;
        Ok(Engine {
            dir: dir.to_path_buf(),
            reader,
            fields,
            columns: Mutex::default(),
            synonyms: Synonyms::load(dir, None)?,
            model: None,
            slots: semantic::Slots::default(),
            cache: None,
            left_out: Arc::default(),
        })
    }

    /// Uses the embedding model file at `path` for semantic searches,
    /// instead of the one found (see [`crate::semantic::find_model`]).
    pub fn set_model(&mut self, path: &Path) {
        self.model = Some(path.to_path_buf());
        self.slots = semantic::Slots::default();
        self.cache.iter().for_each(cache::Cache::clear);
    }

    /// Keeps the results of recent searches, up to about `bytes` of them,
    /// and answers the same search again from them until the index
    /// changes: for a front end that runs long, such as the server. A
    /// request that asks to explain its ranking is always searched. Such an
    /// engine also reads each segment's German and Indonesian passages
    /// whole, once, for every later search to leave out.
    pub fn keep_results(&mut self, bytes: usize) {
        self.cache = (bytes > 0).then(|| cache::Cache::new(bytes));
        self.left_out = Arc::new(except_langs::LeftOut::read_whole());
    }

    /// Whether the index has article vectors for semantic searches.
    pub fn has_vectors(&self) -> bool {
        self.dir.join(crate::semantic::VECTORS_FILE).exists()
    }

    /// Adds the synonyms of `file` (Solr's format: `a, b, c` or `a => b`) to
    /// those every search applies.
    pub fn add_synonyms(&mut self, file: &Path) -> Result<()> {
        self.cache.iter().for_each(cache::Cache::clear);
        self.synonyms.add_file(file)
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A searcher over the last commit.
    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// A failure reading the index: damaged or changed underneath us.
    fn err(&self, e: tantivy::TantivyError) -> Error {
        Error::damaged(&self.dir, &e)
    }

    /// `query` narrowed by the filters.
    fn filtered(&self, query: Box<dyn Query>, filters: &Filters) -> BooleanQuery {
        let mut clauses = vec![(Occur::Must, query)];
        clauses.extend(
            filters
                .queries(&self.fields)
                .into_iter()
                .map(|q| (Occur::Must, q)),
        );
        BooleanQuery::new(clauses)
    }

    /// Runs a search, within `request.timeout` when given: the budget is
    /// checked between the search's phases and while hits are assembled.
    pub fn search(&self, request: &Request) -> Result<Results> {
        let searcher = self.searcher();
        let search = || self.search_unguarded(request, &searcher);
        let kept = self.cache.as_ref().zip(cache::Cache::key(request));
        let Some((cache, key)) = kept else {
            return crate::error::reading_index(&self.dir, search);
        };
        let generation = searcher.generation().generation_id();
        if let Some(results) = cache.get(generation, &key) {
            return Ok(results);
        }
        let results = crate::error::reading_index(&self.dir, search)?;
        cache.put(generation, key, &results);
        Ok(results)
    }

    fn search_unguarded(&self, request: &Request, searcher: &Searcher) -> Result<Results> {
        request.check()?;
        let budget = Budget::start(request.timeout);
        let parsed = query::parse(&request.query)?;
        let filters = Filters::merge(request, &parsed);
        let mut results = Results {
            query: request.query.clone(),
            total_hits: 0,
            total_articles: 0,
            typed_hits: None,
            partial_hits: 0,
            related_hits: 0,
            mode: Mode::Lexical,
            offset: request.offset,
            hits: Vec::new(),
            facets: request.facets.then(Facets::default),
            notes: parsed.notes.clone(),
            others: Vec::new(),
            graded: Graded::default(),
            explanations: None,
        };
        results.mode = self.mode(request, &mut results.notes)?;
        if let Some(why) = filters.contradiction() {
            results.notes.push(why.to_string());
            return Ok(results);
        }
        let mut analyzers = Analyzers::default();
        let mut planner = Planner::new(&self.fields, &self.synonyms);
        planner.freqs = Some(searcher);
        planner.left_out = Some(Arc::clone(&self.left_out));
        let Some(plan) = planner.plan(&parsed, filters.langs(), &mut analyzers) else {
            return Ok(results);
        };
        budget.check()?;
        for other in &plan.others {
            let note = format!(
                "{} also searched as {} ({})",
                other.typed, other.form, other.why
            );
            if !results.notes.contains(&note) {
                results.notes.push(note);
            }
        }
        results.others = plan.others;
        results.graded = plan.graded;
        let query = budget.bound(aside::Demoted(Box::new(
            self.filtered(plan.query, &filters),
        )));
        let full_query = plan.full.map(|f| budget.bound(self.filtered(f, &filters)));
        let as_typed = plan.typed;
        let typed = typed::Typed::of(&parsed, &results.graded.words, &plan.names);
        let mut whole = request.clone();
        if results.mode != Mode::Lexical {
            // The page is cut after fusion.
            (whole.offset, whole.limit) = (0, request.offset + request.limit);
        }
        let (ranked, any, full, adjusted) = self.rank(
            searcher,
            (query.as_ref(), full_query.as_deref(), &plan.clauses),
            &whole,
            &typed,
        )?;
        budget.check()?;
        // The count of the words as typed reads the document store and
        // nothing the page needs: it runs on a second core beside the page
        // (for `kerja sama`, half of a search's instructions).
        let all = full_query.as_deref().unwrap_or(query.as_ref());
        let counting = as_typed.filter(|_| full.passages > 0);
        let page = page::Page {
            parsed: &parsed,
            plan_terms: &plan.terms,
            filters: &filters,
            request,
            query: query.as_ref(),
            full: full_query.as_deref(),
            adjusted: &adjusted,
            budget: &budget,
        };
        std::thread::scope(|scope| -> Result<()> {
            // No thread to be had (a limit on memory or threads): the
            // count runs after the page instead.
            let beside = (counting.as_ref()).and_then(|typed| {
                // Its own thread catches its own panics, as the search's.
                let count = || {
                    let read = || self.count_typed(searcher, all, typed);
                    crate::error::reading_index(&self.dir, read)
                };
                std::thread::Builder::new().spawn_scoped(scope, count).ok()
            });
            self.page(searcher, ranked, page, (&mut results, &mut analyzers))?;
            results.typed_hits = match (beside, &counting) {
                (Some(count), _) => count
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e))?,
                (None, Some(typed)) => self.count_typed(searcher, all, typed)?,
                (None, None) => None,
            };
            budget.check()
        })?;
        results.total_hits = full.passages;
        results.total_articles = full.articles;
        results.partial_hits = any - full.passages;
        results.facets = full.facets;
        if request.explain {
            results.explanations = Some(explain::explain_hits(&plan.decided, &results));
        }
        Ok(results)
    }

    /// Passages ranked past the page so that a run of equal scores at its
    /// end is ordered by the typed words too.
    const TIE_MARGIN: usize = 16;
    /// Passages ranked past the page when words are graded by the form
    /// typed (see [`typed::grade`]): one ranked below the page may hold
    /// them as typed.
    const GRADE_MARGIN: usize = 48;

    /// How deep the first pass ranks: the first page (deeper when at most
    /// `per_article` of an article may show), the passages collected to
    /// order a tie at its end, and the depth ranked for [`hits::Deeper`].
    fn depths(request: &Request, typed: &typed::Typed) -> (usize, usize, usize) {
        let wanted = request.offset + request.limit;
        let first_page = match request.per_article {
            _ if request.limit == 0 => 0,
            None => wanted,
            Some(_) => wanted * 4 + 16,
        };
        // A few more, so that a tie at the page's end can be ordered too.
        let collected = first_page
            + if !typed.graded.is_empty() {
                Self::GRADE_MARGIN
            } else if !typed.words.is_empty() {
                Self::TIE_MARGIN
            } else {
                0
            };
        // The count makes the first pass score every match: ranking deeper
        // costs little there, and spares `per_article` searching again.
        let deep = match request.per_article {
            Some(_) => collected.max(first_page * hits::Deeper::DEPTH),
            None => collected,
        };
        (first_page, collected, deep)
    }

    /// The ranked page (the `limit` passages after the top `offset`, at
    /// most `per_article` of each article when asked; equal scores with the
    /// `typed` words as written first, see [`typed`]), the count of every match, and the full
    /// matches counted: in the same pass when every match is one (`full`
    /// is `None`), else in a second, conjunctive pass over `full`.
    fn rank(
        &self,
        searcher: &Searcher,
        (query, full, clauses): Ranking<'_>,
        request: &Request,
        typed: &typed::Typed,
    ) -> Result<Ranked> {
        let counting = full.is_none();
        let columns = counting
            .then(|| self.segment_columns(searcher))
            .transpose()?;
        let extra = (
            columns.clone().map(ArticleCount),
            columns.filter(|_| request.facets).map(FacetCollector),
        );
        let wanted = request.offset + request.limit;
        let (first_page, collected, deep) = Self::depths(request, typed);
        let top = (first_page > 0).then(|| TopDocs::with_limit(deep).order_by_score());
        let (top, any, (articles, facets)) = searcher
            .search(query, &(top, TantivyCount, extra))
            .map_err(|e| self.err(e))?;
        let ranked = top.unwrap_or_default();
        let mut top = ranked[..collected.min(ranked.len())].to_vec();
        let deeper = hits::Deeper::of(ranked, deep);
        let counts = match full {
            Some(full) => self.count_full(searcher, full, request.facets)?,
            None => FullCounts {
                passages: any,
                articles: articles.unwrap_or(0),
                facets,
            },
        };
        let mut adjusted = Adjusted::default();
        self.across(searcher, &mut top, clauses, &mut adjusted.raised)?;
        self.typed_order(searcher, &mut top, first_page, typed, &mut adjusted)?;
        top.truncate(first_page);
        let mut ranked = match request.per_article {
            Some(cap) if first_page > 0 => {
                let ranking = (query, clauses, &mut adjusted);
                let found = (top, deeper, any);
                self.per_article(searcher, ranking, found, (wanted, cap), typed)?
            }
            _ => top,
        };
        ranked.drain(..request.offset.min(ranked.len()));
        Ok((ranked, any, counts, adjusted))
    }
}

/// Internals the benchmarks measure.
#[doc(hidden)]
pub mod bench {
    pub use super::snippet::{highlight_ranges, snippet};
    pub use super::terms::QueryTerms;
}

#[cfg(test)]
mod tests;
