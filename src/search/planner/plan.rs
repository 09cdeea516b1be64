//! What a plan is: the queries the planner built, what it searched
//! besides the words typed, and what its bonuses grade; and the index
//! frequencies it weighs words by.

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::Term;

use super::super::terms::QueryTerms;
use super::others::OtherForm;
use super::typed_count::TypedCount;

/// A planned query and the terms to highlight.
pub(crate) struct Plan {
    /// The ranked query: every passage holding any positive word.
    pub query: Box<dyn Query>,
    /// The full matches: passages holding all the positive words (as the
    /// all-words tier defines it) and none of the excluded ones; `None`
    /// when they are all the ranked query matches (one word, say).
    pub full: Option<Box<dyn Query>>,
    /// What each positive top-level clause matches, when there is an
    /// all-words tier: an article holding them all across its passages
    /// ranks above the passages holding some (see [`super::across`]).
    pub clauses: Vec<Box<dyn Query>>,
    pub terms: QueryTerms,
    /// The other forms searched, for the notes and explanations.
    pub others: Vec<OtherForm>,
    /// What the bonuses grade by the form typed, for the explanations.
    pub graded: Graded,
    /// The query's words and phrases that make up a Vietnamese name: they
    /// match without their marks, so they are not graded by them.
    pub names: std::collections::HashSet<String>,
    /// How the passages holding every word as typed are counted; `None`
    /// when they are not (see [`TypedCount`]).
    pub typed: Option<TypedCount>,
    /// What it decided about the query, which the explanations tell.
    pub decided: Decided,
}

/// What the planner read the query as, for the explanations: the words
/// searched, the pairs and runs the bonuses reward, the documents named.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Decided {
    /// The positive words and phrases, in order.
    pub words: Vec<String>,
    /// The adjacent pairs the side-by-side bonus rewards, in order (the
    /// order of [`Graded::pair_shares`]).
    pub pairs: Vec<(String, String)>,
    /// The runs the run bonus rewards, each its words.
    pub runs: Vec<Vec<String>>,
    /// The keys of the documents the query names (`72-NQ`).
    pub named: Vec<String>,
}

/// The words and adjacent pairs typed with Vietnamese marks whose share of
/// the all-words and side-by-side bonuses goes to passages holding them as
/// typed (see [`FOLDED_SHARE`](super::FOLDED_SHARE)).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graded {
    /// Words and phrases, as typed.
    pub words: Vec<String>,
    /// Adjacent pairs, as typed.
    pub pairs: Vec<(String, String)>,
    /// Runs of three words or more, as typed, joined by a space.
    pub runs: Vec<String>,
    /// Each adjacent pair's share of the side-by-side bonus, in the
    /// query's order: by the idf of the pair's commoner word, so that
    /// `sự đồng ý của` spends little of it on `ý của`.
    pub pair_shares: Vec<f32>,
}

/// Document frequencies of the index a plan is for.
pub(crate) trait Frequencies {
    /// Documents holding `term`.
    fn doc_freq(&self, term: &Term) -> u64;
    /// Documents in all.
    fn num_docs(&self) -> u64;
    /// The other forms the indexed texts define for `text` in `field`
    /// ([`crate::search::defined`]), with the passages defining each.
    fn defined(&self, _field: Field, _text: &str) -> Vec<(String, u64)> {
        Vec::new()
    }
}

impl Frequencies for tantivy::Searcher {
    fn doc_freq(&self, term: &Term) -> u64 {
        tantivy::Searcher::doc_freq(self, term).unwrap_or(0)
    }

    fn num_docs(&self) -> u64 {
        tantivy::Searcher::num_docs(self)
    }

    fn defined(&self, field: Field, text: &str) -> Vec<(String, u64)> {
        crate::search::defined::defined_forms(self, field, text)
    }
}
