//! The results of recent searches, for a front end that runs long and sees
//! the same searches again (the server: a page reloaded, a link shared, a
//! query many readers type), as Solr's query result cache does.
//!
//! A search is found again only on the same index generation: a commit
//! seen by the reader empties the cache, so a cached page is never older
//! than the index it is served from. The cache is bounded by an estimate of
//! its results' bytes, least recently used first out. Requests asking to
//! explain their ranking are not kept (their score trees are large and
//! they are asked once), nor are failures (a timeout may pass next time).

use std::sync::Mutex;

use lru::LruCache;

use super::{Hit, Request, Results};

/// Recent results, by request, for one index generation.
pub(crate) struct Cache {
    /// The most bytes the kept results may take (as [`weight`] counts).
    budget: usize,
    kept: Mutex<Kept>,
}

struct Kept {
    generation: u64,
    bytes: usize,
    lru: LruCache<String, (Results, usize)>,
}

impl Kept {
    /// Forgets every result.
    fn empty(&mut self) {
        self.lru.clear();
        self.bytes = 0;
    }
}

impl Cache {
    /// A cache of at most `budget` bytes of results.
    pub(crate) fn new(budget: usize) -> Cache {
        Cache {
            budget,
            kept: Mutex::new(Kept {
                generation: 0,
                bytes: 0,
                lru: LruCache::unbounded(),
            }),
        }
    }

    /// The key of `request`, `None` when it is not to be kept: every field
    /// that shapes its results, and not its time budget.
    pub(crate) fn key(request: &Request) -> Option<String> {
        let r = request;
        (!r.explain).then(|| {
            let what = (
                &r.query, r.limit, r.offset, &r.langs, &r.kinds, r.from, r.to,
            );
            let how = (r.unknown_date, r.per_article, r.facets, r.snippets, r.mode);
            format!("{what:?}{how:?}")
        })
    }

    /// The results kept for `key` on index `generation`.
    pub(crate) fn get(&self, generation: u64, key: &str) -> Option<Results> {
        let mut kept = self.kept.lock().ok()?;
        if kept.generation != generation {
            return None;
        }
        kept.lru.get(key).map(|(results, _)| results.clone())
    }

    /// Keeps `results` for `key` on index `generation`, dropping the least
    /// recently used past the budget; a generation other than the kept
    /// one's empties the cache first.
    pub(crate) fn put(&self, generation: u64, key: String, results: &Results) {
        let bytes = weight(&key, results);
        if bytes > self.budget / 8 {
            return;
        }
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        if kept.generation != generation {
            kept.empty();
            kept.generation = generation;
        }
        if let Some((_, old)) = kept.lru.put(key, (results.clone(), bytes)) {
            kept.bytes -= old;
        }
        kept.bytes += bytes;
        while kept.bytes > self.budget {
            match kept.lru.pop_lru() {
                Some((_, (_, dropped))) => kept.bytes -= dropped,
                None => break,
            }
        }
    }

    /// The results kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.kept.lock().map_or(0, |kept| kept.lru.len())
    }

    /// Forgets every kept result (the synonyms or the model changed).
    pub(crate) fn clear(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.empty();
        }
    }
}

/// About the bytes `results` take in memory, kept under `key`.
fn weight(key: &str, results: &Results) -> usize {
    let strings = |v: &[String]| v.iter().map(|s| s.len() + 24).sum::<usize>();
    let facets = results
        .facets
        .as_ref()
        .map_or(0, |f| (f.lang.len() + f.month.len() + f.kind.len()) * 64);
    let others = results.others.iter();
    let graded = &results.graded;
    512 + 2 * key.len()
        + results.query.len()
        + strings(&results.notes)
        + others
            .map(|o| o.typed.len() + o.form.len() + o.why.len() + 72)
            .sum::<usize>()
        + strings(&graded.words)
        + strings(&graded.runs)
        + graded
            .pairs
            .iter()
            .map(|(a, b)| a.len() + b.len() + 48)
            .sum::<usize>()
        + facets
        + results.hits.iter().map(hit_weight).sum::<usize>()
}

/// About the bytes a hit takes.
fn hit_weight(hit: &Hit) -> usize {
    let m = &hit.meta;
    let optional = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    let related = hit.related.iter();
    std::mem::size_of::<Hit>()
        + m.id.len()
        + m.path.len()
        + optional(&m.title)
        + optional(&m.source)
        + hit.text.len()
        + hit.snippet.text.len()
        + hit.snippet.highlights.len() * 16
        + related
            .map(|r| 96 + r.article.len() + optional(&r.title) + r.why.len())
            .sum::<usize>()
        + hit
            .also_filed_as
            .iter()
            .map(|s| s.len() + 24)
            .sum::<usize>()
}
