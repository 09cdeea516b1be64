//! Facet counts of a query's matches per language, month and file type, counted by
//! a tantivy collector over every match (not just the ranked page): passages,
//! and distinct articles.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::columns::{first_ord, resolve_in, Columns};

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

/// The collector.
pub(crate) struct FacetCollector;

type Tally = HashMap<String, (u64, HashSet<String>)>;

/// One segment's share of the counting.
pub(crate) struct FacetSegmentCollector {
    columns: Columns,
    by_lang: HashMap<Option<u64>, (u64, HashSet<u64>)>,
    by_month: HashMap<Option<i64>, (u64, HashSet<u64>)>,
    by_kind: HashMap<Option<u64>, (u64, HashSet<u64>)>,
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        Ok(FacetSegmentCollector {
            columns: Columns::open(segment)?,
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

/// Counts the distinct articles among matches. An article's passages lie in
/// one segment (see [`crate::index::layout`]), so each segment counts its
/// own article ordinals, in a bitset.
pub(crate) struct ArticleCount;

/// One segment's distinct article ordinals.
pub(crate) struct ArticleSegmentCount {
    column: Option<tantivy::columnar::StrColumn>,
    seen: Vec<u64>,
    distinct: usize,
}

impl Collector for ArticleCount {
    type Fruit = usize;
    type Child = ArticleSegmentCount;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<ArticleSegmentCount> {
        let column = crate::index::columns::article_column(segment)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(ArticleSegmentCount {
            column,
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
        let Some(ord) = self.column.as_ref().and_then(|c| first_ord(c, doc)) else {
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
