//! Index statistics (`vsearch stats`) and the reference listing
//! (`vsearch refs`), read from fast fields and term dictionaries.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::facets::FacetCollector;
use super::Engine;
use crate::analysis::refs;
use crate::error::Result;
use crate::index::columns::{resolve_in, Columns};
use crate::index::schema::SCHEMA_VERSION;
use crate::model::Date;

/// Articles and passages of one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LangCount {
    /// Articles.
    pub articles: u64,
    /// Passages.
    pub passages: u64,
}

/// What an index holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// Articles in all.
    pub articles: u64,
    /// Passages in all.
    pub passages: u64,
    /// Per language code (`unknown` for undetected).
    pub languages: BTreeMap<String, LangCount>,
    /// Earliest article date.
    pub first_date: Option<String>,
    /// Latest article date.
    pub last_date: Option<String>,
    /// Articles without a date.
    pub undated_articles: u64,
    /// Bytes on disk.
    pub size_bytes: u64,
    /// Segments.
    pub segments: usize,
    /// Articles with a vector for semantic search (0 without
    /// `vsearch index --semantic`, or when the vectors cannot be read).
    pub vectors: usize,
    /// Schema version.
    pub schema_version: u32,
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Per article: its language and the days since the epoch of its date.
type ArticleFacts = HashMap<String, (String, Option<i64>)>;

impl Engine {
    /// What the index holds.
    pub fn stats(&self) -> Result<Stats> {
        crate::error::reading_index(&self.dir, || self.stats_unguarded())
    }

    fn stats_unguarded(&self) -> Result<Stats> {
        let searcher = self.searcher();
        let mut articles: ArticleFacts = HashMap::new();
        let mut languages: BTreeMap<String, LangCount> = BTreeMap::new();
        let mut passages = 0;
        for segment in searcher.segment_readers() {
            let columns = Columns::open(segment).map_err(|e| self.err(e))?;
            passages += count_segment(segment, &columns, &mut articles, &mut languages);
        }
        let mut dates = BTreeSet::new();
        let mut undated = 0;
        for (lang, days) in articles.values() {
            languages.entry(lang.clone()).or_default().articles += 1;
            match days {
                Some(d) => {
                    dates.insert(*d);
                }
                None => undated += 1,
            }
        }
        let date = |d: Option<&i64>| {
            d.and_then(|&d| Date::from_days_since_epoch(d))
                .map(|d| d.to_string())
        };
        Ok(Stats {
            articles: articles.len() as u64,
            passages,
            languages,
            first_date: date(dates.first()),
            last_date: date(dates.last()),
            undated_articles: undated,
            size_bytes: dir_size(&self.dir),
            segments: searcher.segment_readers().len(),
            vectors: self.vectors().ok().flatten().map_or(0, |v| v.len()),
            schema_version: SCHEMA_VERSION,
        })
    }
}

/// Counts one segment's passages per language and notes each article's
/// facts; returns the passages counted.
fn count_segment(
    segment: &tantivy::SegmentReader,
    columns: &Columns,
    articles: &mut ArticleFacts,
    languages: &mut BTreeMap<String, LangCount>,
) -> u64 {
    let mut passages = 0;
    let mut per_lang: HashMap<Option<u64>, u64> = HashMap::new();
    let mut per_article: HashMap<u64, (Option<u64>, Option<i64>)> = HashMap::new();
    for doc in segment.doc_ids_alive() {
        passages += 1;
        let lang = columns.lang_ord(doc);
        *per_lang.entry(lang).or_default() += 1;
        let days = columns.date(doc).map(|d| d.days_since_epoch());
        if let Some(ord) = columns.article_ord(doc) {
            per_article.entry(ord).or_insert((lang, days));
        }
    }
    let lang_names = resolve_in(&columns.lang, per_lang.keys().flatten().copied());
    let lang_name = |ord: Option<u64>| {
        ord.and_then(|o| lang_names.get(&o).cloned())
            .unwrap_or_else(|| "unknown".into())
    };
    for (ord, n) in per_lang {
        languages.entry(lang_name(ord)).or_default().passages += n;
    }
    let names = resolve_in(&columns.article, per_article.keys().copied());
    for (ord, (lang, days)) in per_article {
        if let Some(name) = names.get(&ord) {
            articles
                .entry(name.clone())
                .or_insert((lang_name(lang), days));
        }
    }
    passages
}

/// A document reference and where it is cited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RefCount {
    /// Canonical key, `72-NQ`.
    pub key: String,
    /// The most common written code, `72-NQ/TW`.
    pub display: String,
    /// Articles citing it.
    pub articles: u64,
    /// Passages citing it.
    pub passages: u64,
    /// Languages of those articles.
    pub langs: Vec<String>,
}

/// Key → written form → passages citing it in that form.
type Forms = HashMap<String, HashMap<String, u64>>;

/// Which references a `refs` filter keeps: those it names (`Nghị quyết
/// 72`), or else those whose code contains it (`NQ`, `72`).
struct RefFilter {
    named: HashSet<String>,
    needle: String,
}

impl RefFilter {
    fn new(filter: &str) -> RefFilter {
        RefFilter {
            named: refs::extract(filter).into_iter().map(|r| r.key).collect(),
            needle: filter.trim().to_uppercase(),
        }
    }

    fn keeps(&self, key: &str, display: &str) -> bool {
        if self.named.is_empty() {
            key.contains(&self.needle) || display.contains(&self.needle)
        } else {
            self.named.contains(key)
        }
    }
}

impl Engine {
    /// Lists the references in the index, most cited first; with `filter`,
    /// only those it names (`Nghị quyết 72`) or whose code contains it
    /// (`NQ`, `72`).
    pub fn refs(&self, filter: Option<&str>) -> Result<Vec<RefCount>> {
        crate::error::reading_index(&self.dir, || self.refs_unguarded(filter))
    }

    fn refs_unguarded(&self, filter: Option<&str>) -> Result<Vec<RefCount>> {
        let searcher = self.searcher();
        let filter = filter.map(RefFilter::new);
        // Opened for the first reference kept.
        let mut columns = None;
        let mut out = Vec::new();
        for (key, forms) in self.ref_forms()? {
            let display = forms
                .iter()
                .filter(|(d, _)| **d != key)
                .max_by_key(|(d, n)| (**n, std::cmp::Reverse((*d).clone())))
                .map_or_else(|| key.clone(), |(d, _)| d.clone());
            if filter.as_ref().is_some_and(|f| !f.keeps(&key, &display)) {
                continue;
            }
            let term = Term::from_field_text(self.fields.refs, &key);
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            let columns = match &columns {
                Some(c) => Arc::clone(c),
                None => Arc::clone(columns.insert(self.segment_columns(&searcher)?)),
            };
            let facets = searcher
                .search(&query, &FacetCollector(columns))
                .map_err(|e| self.err(e))?;
            out.push(RefCount {
                articles: facets.lang.values().map(|c| c.articles).sum(),
                passages: facets.lang.values().map(|c| c.passages).sum(),
                langs: facets.lang.keys().cloned().collect(),
                key,
                display,
            });
        }
        out.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then(b.passages.cmp(&a.passages))
                .then(a.key.cmp(&b.key))
        });
        Ok(out)
    }

    /// Every reference key with its written forms, from the term
    /// dictionaries.
    fn ref_forms(&self) -> Result<Forms> {
        let mut forms: Forms = HashMap::new();
        for segment in self.searcher().segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.ref_form)
                .map_err(|e| self.err(e))?;
            let mut stream = inverted.terms().stream().map_err(|e| self.err(e.into()))?;
            while stream.advance() {
                let Ok(form) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let Some((key, display)) = form.split_once('\t') else {
                    continue;
                };
                *forms
                    .entry(key.to_string())
                    .or_default()
                    .entry(display.to_string())
                    .or_default() += u64::from(stream.value().doc_freq);
            }
        }
        Ok(forms)
    }
}
