//! Facet counts of a query's matches per language, month and file type, counted by
//! a tantivy collector over every match (not just the ranked page): passages,
//! and distinct articles.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::{Collector, Count as TantivyCount, SegmentCollector};
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::Engine;
use crate::error::Result;
use crate::index::columns::{resolve_in, Columns};

/// Passages and articles for one facet value.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    /// Matching passages.
    pub passages: u64,
    /// Distinct articles among them.
    pub articles: u64,
}

/// Counts per language and per `YYYY-MM` (`unknown` for undated articles).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    /// Per language code.
    pub lang: BTreeMap<String, Count>,
    /// Per month.
    pub month: BTreeMap<String, Count>,
    /// Per file type ([`crate::model::KINDS`]); `type` in JSON.
    #[serde(rename = "type")]
    pub kind: BTreeMap<String, Count>,
}

/// The collector, over each segment's columns (the engine's, opened once
/// per segment: see [`SegmentColumns`]).
pub(crate) struct FacetCollector(pub SegmentColumns);

/// The columns of each segment of a searcher, by segment ordinal.
pub(crate) type SegmentColumns = Arc<Vec<Arc<Columns>>>;

/// The columns of segment `ord`, or an error naming it.
fn columns_of(columns: &SegmentColumns, ord: SegmentOrdinal) -> tantivy::Result<Arc<Columns>> {
    columns.get(ord as usize).cloned().ok_or_else(|| {
        tantivy::TantivyError::InternalError(format!("no columns for segment {ord}"))
    })
}

type Tally = HashMap<String, (u64, HashSet<String>)>;

/// One segment's share of the counting.
pub(crate) struct FacetSegmentCollector {
    columns: Arc<Columns>,
    by_lang: HashMap<Option<u64>, (u64, HashSet<u64>)>,
    by_month: HashMap<Option<i64>, (u64, HashSet<u64>)>,
    by_kind: HashMap<Option<u64>, (u64, HashSet<u64>)>,
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        Ok(FacetSegmentCollector {
            columns: columns_of(&self.0, ord)?,
            by_lang: HashMap::new(),
            by_month: HashMap::new(),
            by_kind: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(Tally, Tally, Tally)>) -> tantivy::Result<Facets> {
        let mut lang: HashMap<String, (u64, HashSet<String>)> = HashMap::new();
        let mut month: HashMap<String, (u64, HashSet<String>)> = HashMap::new();
        let mut kind: HashMap<String, (u64, HashSet<String>)> = HashMap::new();
        for (l, m, k) in fruits {
            for (target, part) in [(&mut lang, l), (&mut month, m), (&mut kind, k)] {
                for (key, (passages, articles)) in part {
                    let slot = target.entry(key).or_default();
                    slot.0 += passages;
                    slot.1.extend(articles);
                }
            }
        }
        let finish = |m: HashMap<String, (u64, HashSet<String>)>| {
            m.into_iter()
                .map(|(k, (passages, articles))| {
                    (
                        k,
                        Count {
                            passages,
                            articles: articles.len() as u64,
                        },
                    )
                })
                .collect()
        };
        Ok(Facets {
            lang: finish(lang),
            month: finish(month),
            kind: finish(kind),
        })
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = (Tally, Tally, Tally);

    fn collect(&mut self, doc: DocId, _: Score) {
        let c = &self.columns;
        let article = c.article_ord(doc).unwrap_or(u64::MAX);
        let lang = c.lang_ord(doc);
        let month = c
            .date(doc)
            .map(|d| i64::from(d.year()) * 12 + i64::from(d.month()) - 1);
        let l = self.by_lang.entry(lang).or_default();
        l.0 += 1;
        l.1.insert(article);
        let m = self.by_month.entry(month).or_default();
        m.0 += 1;
        m.1.insert(article);
        let k = self.by_kind.entry(c.kind_ord(doc)).or_default();
        k.0 += 1;
        k.1.insert(article);
    }

    fn harvest(self) -> (Tally, Tally, Tally) {
        let article_ords = self
            .by_lang
            .values()
            .flat_map(|(_, set)| set.iter().copied());
        let article_names = resolve_in(&self.columns.article, article_ords);
        let lang_names = resolve_in(&self.columns.lang, self.by_lang.keys().flatten().copied());
        let articles = |set: HashSet<u64>| {
            set.into_iter()
                .map(|o| article_names.get(&o).cloned().unwrap_or_default())
                .collect::<HashSet<_>>()
        };
        let kind_names = resolve_in(&self.columns.kind, self.by_kind.keys().flatten().copied());
        let by_name = |tally: HashMap<Option<u64>, (u64, HashSet<u64>)>,
                       names: &HashMap<u64, String>| {
            let mut out = Tally::new();
            for (ord, (n, set)) in tally {
                let key = ord
                    .and_then(|o| names.get(&o).cloned())
                    .unwrap_or_else(|| "unknown".into());
                let slot: &mut (u64, HashSet<String>) = out.entry(key).or_default();
                slot.0 += n;
                slot.1.extend(articles(set));
            }
            out
        };
        let lang = by_name(self.by_lang, &lang_names);
        let kind = by_name(self.by_kind, &kind_names);
        let mut month = Tally::new();
        for (m, (n, set)) in self.by_month {
            let key = m.map_or_else(
                || "unknown".into(),
                |m| format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
            );
            month.insert(key, (n, articles(set)));
        }
        (lang, month, kind)
    }
}

/// What a search counts: the full matches, their articles and facets.
pub(super) struct FullCounts {
    pub passages: usize,
    pub articles: usize,
    pub facets: Option<Facets>,
}

impl Engine {
    /// Counts the full matches, their articles, and their facets if asked.
    pub(super) fn count_full(
        &self,
        searcher: &Searcher,
        full: &dyn Query,
        facets: bool,
    ) -> Result<FullCounts> {
        let columns = self.segment_columns(searcher)?;
        let facets = facets.then(|| FacetCollector(Arc::clone(&columns)));
        let collectors = (TantivyCount, ArticleCount(columns), facets);
        let (passages, articles, facets) = searcher
            .search(full, &collectors)
            .map_err(|e| self.err(e))?;
        Ok(FullCounts {
            passages,
            articles,
            facets,
        })
    }
}

/// Counts the distinct articles among matches. An article's passages lie in
/// one segment (see [`crate::index::layout`]), so each segment counts its
/// own article ordinals, in a bitset, reading the article column of the
/// segment's columns (as [`FacetCollector`]).
pub(crate) struct ArticleCount(pub SegmentColumns);

/// One segment's distinct article ordinals.
pub(crate) struct ArticleSegmentCount {
    columns: Arc<Columns>,
    seen: Vec<u64>,
    distinct: usize,
}

impl Collector for ArticleCount {
    type Fruit = usize;
    type Child = ArticleSegmentCount;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<ArticleSegmentCount> {
        let columns = columns_of(&self.0, ord)?;
        let terms = columns.article.as_ref().map_or(0, |c| c.num_terms());
        Ok(ArticleSegmentCount {
            columns,
            seen: vec![0; terms.div_ceil(64)],
            distinct: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, counts: Vec<usize>) -> tantivy::Result<usize> {
        Ok(counts.into_iter().sum())
    }
}

impl SegmentCollector for ArticleSegmentCount {
    type Fruit = usize;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(ord) = self.columns.article_ord(doc) else {
            return;
        };
        let (word, bit) = ((ord / 64) as usize, 1u64 << (ord % 64));
        if let Some(slot) = self.seen.get_mut(word) {
            if *slot & bit == 0 {
                *slot |= bit;
                self.distinct += 1;
            }
        }
    }

    fn harvest(self) -> usize {
        self.distinct
    }
}
