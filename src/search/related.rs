//! "Also in other languages": for an article, its versions and close
//! coverage in the other languages, from the article vectors and the
//! signals beside them.
//!
//! multilingual-e5 puts a Vietnamese article nearer to other Vietnamese
//! articles than to its own Indonesian translation, so only the other
//! languages' articles are compared, each language on its own. Nearness
//! alone is not proof: in a large collection every article has a
//! neighbour of some similarity in each language. So an article is taken
//! as related when it is very close ([`CLOSE`]), or close ([`NEAR`]) and
//! backed by a signal that coverage of one story shares: the same source
//! URL, or a date at most [`DAYS`] days apart.

use tantivy::query::TermSetQuery;
use tantivy::{Searcher, TantivyDocument, Term};

use super::hits::Stored;
use super::Engine;
use crate::error::Result;
use crate::model::Lang;
use crate::semantic::Vectors;

/// A similarity that alone makes two articles related.
const CLOSE: f32 = 0.88;
/// A similarity that, with a shared signal, makes them related.
const NEAR: f32 = 0.80;
/// Dates at most this far apart are one story's.
const DAYS: i32 = 3;
/// Candidates looked at per language, and related articles kept.
const PER_LANG: usize = 3;
const KEPT_PER_LANG: usize = 2;

/// An article on the same story in another language.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    /// Its id.
    pub article: String,
    /// Its language.
    pub lang: Option<Lang>,
    /// Its title.
    pub title: Option<String>,
    /// Why it is taken as related: `similar by meaning 0.91; same
    /// source; dated 1 day apart`.
    pub why: String,
    /// The similarity of the two articles' vectors.
    pub similarity: f32,
}

/// The related articles a search has looked up, by article id: the best
/// lexical hits' are needed for fusion and again for their hits.
pub(super) type Memo = std::collections::HashMap<String, Vec<Related>>;

/// A candidate: its position among the vectors and its similarity.
struct Candidate {
    at: usize,
    similarity: f32,
}

impl Engine {
    /// [`Engine::related_to`], looked up once per search in `memo`.
    pub(super) fn related_in(
        &self,
        searcher: &Searcher,
        id: &str,
        memo: &mut Memo,
    ) -> Result<Vec<Related>> {
        if let Some(found) = memo.get(id) {
            return Ok(found.clone());
        }
        let found = self.related_to(searcher, id)?;
        memo.insert(id.to_string(), found.clone());
        Ok(found)
    }

    /// The articles related to `id` in the other languages, closest first
    /// within each language; empty when the index has no vectors for it
    /// (or they cannot be read: a search says so in its notes).
    pub(super) fn related_to(&self, searcher: &Searcher, id: &str) -> Result<Vec<Related>> {
        let Ok(Some(vectors)) = self.vectors() else {
            return Ok(Vec::new());
        };
        let Some(at) = vectors.position(id) else {
            return Ok(Vec::new());
        };
        let candidates = candidates(vectors, at);
        // The article itself is read too, for its source.
        let terms = (candidates.iter())
            .map(|c| vectors.ids()[c.at].as_str())
            .chain([id])
            .map(|a| Term::from_field_text(self.fields.head, a));
        let mut stored = std::collections::HashMap::new();
        for (addr, article) in self.heads(searcher, &TermSetQuery::new(terms))? {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
            stored.insert(article, Stored::of(&self.fields, &doc));
        }
        let source = stored.get(id).and_then(|h| h.source.as_deref());
        let me = vectors.facts(at);
        let mut out: Vec<Related> = Vec::new();
        for c in candidates {
            let article = &vectors.ids()[c.at];
            let Some(head) = stored.get(article) else {
                continue;
            };
            let facts = vectors.facts(c.at);
            let apart = me.day.zip(facts.day).map(|(a, b)| (a - b).abs());
            let same_source = source.is_some() && head.source.as_deref() == source;
            let signal = same_source || apart.is_some_and(|d| d <= DAYS);
            let kept = out.iter().filter(|r| r.lang == facts.lang).count();
            if kept >= KEPT_PER_LANG || !(c.similarity >= CLOSE || (c.similarity >= NEAR && signal))
            {
                continue;
            }
            out.push(Related {
                article: article.clone(),
                lang: facts.lang,
                title: head.title.clone(),
                why: why(c.similarity, same_source, apart),
                similarity: c.similarity,
            });
        }
        Ok(out)
    }
}

/// `similar by meaning 0.91; same source; dated 1 day apart`.
fn why(similarity: f32, same_source: bool, apart: Option<i32>) -> String {
    let mut why = vec![format!("similar by meaning {similarity:.2}")];
    if same_source {
        why.push("same source".into());
    }
    match apart {
        Some(0) => why.push("same date".into()),
        Some(1) => why.push("dated 1 day apart".into()),
        Some(d) if d <= DAYS => why.push(format!("dated {d} days apart")),
        _ => {}
    }
    why.join("; ")
}

/// The articles closest to the one at `at` in each other language, the
/// languages in a fixed order, each closest first.
fn candidates(vectors: &Vectors, at: usize) -> Vec<Candidate> {
    let sims = vectors.similarities_to(at);
    let mine = vectors.facts(at).lang;
    let mut out = Vec::new();
    for lang in Lang::analysed() {
        if Some(lang) == mine {
            continue;
        }
        let mut best: Vec<Candidate> = Vec::with_capacity(PER_LANG + 1);
        for (i, &similarity) in sims.iter().enumerate() {
            if vectors.facts(i).lang != Some(lang) || similarity < NEAR {
                continue;
            }
            if best.len() < PER_LANG || best.last().is_some_and(|b| similarity > b.similarity) {
                best.push(Candidate { at: i, similarity });
                best.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
                best.truncate(PER_LANG);
            }
        }
        out.extend(best);
    }
    out
}
