//! Index statistics (`vsearch stats`) and the reference listing
//! (`vsearch refs`), read from fast fields and term dictionaries.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::columns;
use crate::error::{Error, Result};
use crate::facets::FacetCollector;
use crate::index::SCHEMA_VERSION;
use crate::ingest::Date;
use crate::refs;
use crate::search::Engine;

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

/// Collects the statistics of the index in `dir`.
pub fn stats(engine: &Engine, dir: &Path) -> Result<Stats> {
    let searcher = engine.searcher();
    let mut articles: HashMap<String, (String, Option<i64>)> = HashMap::new();
    let mut languages: BTreeMap<String, LangCount> = BTreeMap::new();
    let mut passages = 0;
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let err = |e| Error::tantivy(format!("{}: reading fast fields", dir.display()), e);
        let (Some(article_col), lang_col) = (
            fast.str("article").map_err(err)?,
            fast.str("lang").map_err(err)?,
        ) else {
            continue;
        };
        let date_col = fast.date("date").ok();
        let mut per_lang: HashMap<Option<u64>, u64> = HashMap::new();
        let mut per_article: HashMap<u64, (Option<u64>, Option<i64>)> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            passages += 1;
            let lang = lang_col.as_ref().and_then(|c| columns::first_ord(c, doc));
            *per_lang.entry(lang).or_default() += 1;
            let days = date_col
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|d| d.into_timestamp_secs().div_euclid(86_400));
            if let Some(ord) = columns::first_ord(&article_col, doc) {
                per_article.entry(ord).or_insert((lang, days));
            }
        }
        let lang_names = lang_col
            .as_ref()
            .map(|c| columns::resolve(c, per_lang.keys().flatten().copied()))
            .unwrap_or_default();
        let lang_name = |ord: Option<u64>| {
            ord.and_then(|o| lang_names.get(&o).cloned())
                .unwrap_or_else(|| "unknown".into())
        };
        for (ord, n) in per_lang {
            languages.entry(lang_name(ord)).or_default().passages += n;
        }
        let names = columns::resolve(&article_col, per_article.keys().copied());
        for (ord, (lang, days)) in per_article {
            if let Some(name) = names.get(&ord) {
                articles
                    .entry(name.clone())
                    .or_insert((lang_name(lang), days));
            }
        }
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
        size_bytes: dir_size(dir),
        segments: searcher.segment_readers().len(),
        schema_version: SCHEMA_VERSION,
    })
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

/// Lists the references in the index, most cited first; with `filter`, only
/// those it names (`Nghị quyết 72`) or whose code contains it (`NQ`, `72`).
pub fn list_refs(engine: &Engine, filter: Option<&str>) -> Result<Vec<RefCount>> {
    let searcher = engine.searcher();
    let fields = engine.fields();
    let err = |e| Error::tantivy("reading references", e);
    let mut displays: HashMap<String, HashMap<String, u64>> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.ref_form).map_err(err)?;
        let mut stream = inverted.terms().stream().map_err(|e| err(e.into()))?;
        while stream.advance() {
            let Ok(form) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let Some((key, display)) = form.split_once('\t') else {
                continue;
            };
            *displays
                .entry(key.to_string())
                .or_default()
                .entry(display.to_string())
                .or_default() += u64::from(stream.value().doc_freq);
        }
    }
    let named: HashSet<String> = filter
        .map(|f| refs::extract(f).into_iter().map(|r| r.key).collect())
        .unwrap_or_default();
    let needle = filter.map(|f| f.trim().to_uppercase());
    let mut out = Vec::new();
    for (key, forms) in displays {
        let display = forms
            .iter()
            .filter(|(d, _)| **d != key)
            .max_by_key(|(d, n)| (**n, std::cmp::Reverse((*d).clone())))
            .map_or_else(|| key.clone(), |(d, _)| d.clone());
        if let Some(needle) = &needle {
            let wanted = if named.is_empty() {
                key.contains(needle.as_str()) || display.contains(needle.as_str())
            } else {
                named.contains(&key)
            };
            if !wanted {
                continue;
            }
        }
        let query = TermQuery::new(
            Term::from_field_text(fields.refs, &key),
            IndexRecordOption::Basic,
        );
        let facets = searcher.search(&query, &FacetCollector).map_err(err)?;
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
