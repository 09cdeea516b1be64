//! The planner: a parsed query becomes one tantivy query over every view,
//! with the ranking tiers of [`crate::search`], plus the terms each view
//! asked for, which the snippets highlight. It needs the schema's fields
//! and the analyzers, not an index, so its output is tested by its debug
//! form.

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur as TOccur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

mod adjacency;
mod as_typed;
mod others;
mod plan;
mod prefix;
pub(crate) mod run;
mod tiers;
mod typed_count;
mod views;

pub use plan::Graded;
pub(crate) use plan::{Decided, Frequencies, Plan};

use tiers::{all_words_tier, graded_bonus};
use views::all_syllables;
pub(crate) use views::{has_vietnamese_marks, idf, positions_query, view_positions};

use super::except_langs::{ExceptLangs, LeftOut};
use super::names;
use super::query::{Clause, Node, Occur, ParsedQuery};
use super::synonyms::folded_words;
use super::synonyms::Synonyms;
use super::terms::QueryTerms;
use crate::analysis::{self, refs, Analyzers, View};
use crate::index::schema::Fields;
use crate::model::Lang;
pub use others::OtherForm;
use others::Piece;

/// Weight of the accent-exact view against the folded and stemmed ones.
pub(crate) const EXACT_WEIGHT: f32 = 1.5;
/// Weight of the exact view for a word typed without accents: a tie-break
/// for the passages that write it so too.
pub(crate) const UNACCENTED_EXACT_WEIGHT: f32 = 0.1;
/// Weight of a matching document reference.
pub(crate) const REF_WEIGHT: f32 = 2.0;
/// Added to passages that hold every positive clause.
pub(crate) const ALL_WORDS_BONUS: f32 = 1000.0;
/// Weight of a word found inside a compound against the word alone.
pub(crate) const PART_WEIGHT: f32 = 0.8;
/// Shared among the adjacent word pairs of the query.
pub(crate) const ADJACENCY_BONUS: f32 = 500.0;
/// What the all-words and side-by-side bonuses are worth when words typed
/// with Vietnamese marks are found only with other marks or none (`Đừng`
/// for `đúng`): the rest of each bonus goes to the passages holding them
/// as typed (tone placement aside, `hoà` is `hòa`).
pub(crate) const FOLDED_SHARE: f32 = 0.9;
/// The lowest score of a passage holding every query word: the all-words
/// bonus, all of it earned by folded matches.
pub(crate) const FULL_MATCH_FLOOR: f32 = ALL_WORDS_BONUS * FOLDED_SHARE;
pub(super) fn boxed(q: impl Query) -> Box<dyn Query> {
    Box::new(q)
}

/// A clause's query with how it occurs.
pub(super) type Scored = (TOccur, Box<dyn Query>);
/// A positive clause's query, and whether its word names a reference.
type Positive = (Box<dyn Query>, bool);
/// Each clause's query, the positive ones, their count of words, and the
/// queries as typed of the words graded by their marks.
type ClauseQueries = (Vec<Scored>, Vec<Positive>, usize, Vec<Box<dyn Query>>);

/// The queries of a list of clauses: ranked, and full matches only when
/// those differ.
struct Clauses {
    scored: Box<dyn Query>,
    full: Option<Box<dyn Query>>,
    positive: Vec<Box<dyn Query>>,
}

/// Builds queries against the schema's fields.
pub(crate) struct Planner<'a> {
    pub fields: &'a Fields,
    pub synonyms: &'a Synonyms,
    /// The index's frequencies, when the plan is run (not only read for
    /// its terms).
    pub freqs: Option<&'a dyn Frequencies>,
    /// The other forms searched so far.
    pub others: std::cell::RefCell<Vec<OtherForm>>,
    /// The query's words that make up a Vietnamese name
    /// ([`names::name_words`]): they match in German and Indonesian text
    /// too, typed with their marks or not.
    names: std::cell::RefCell<std::collections::HashSet<String>>,
    /// What the bonuses grade so far.
    pub(super) graded: std::cell::RefCell<Graded>,
    /// The engine's sets of German and Indonesian passages, when kept.
    pub left_out: Option<std::sync::Arc<LeftOut>>,
}

impl<'a> Planner<'a> {
    pub(crate) fn new(fields: &'a Fields, synonyms: &'a Synonyms) -> Planner<'a> {
        Planner {
            fields,
            synonyms,
            freqs: None,
            others: Default::default(),
            names: Default::default(),
            graded: Default::default(),
            left_out: None,
        }
    }

    /// The views a query searches: every view, or those the languages of
    /// the filter are indexed in.
    fn views(langs: &[Lang]) -> Vec<View> {
        if langs.is_empty() {
            return View::all().to_vec();
        }
        View::all()
            .iter()
            .copied()
            .filter(|v| {
                langs
                    .iter()
                    .any(|&l| View::indexed_for(Some(l)).contains(v))
            })
            .collect()
    }

    /// The query for one word or phrase: its analysis in every view, any view
    /// matching. Several tokens in a view must stand together as a phrase.
    /// Views sharing a field ask once for the terms they agree on.
    pub(super) fn text_query(
        &self,
        text: &str,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let mut alts: Vec<Scored> = Vec::new();
        // Per field, the words asked for and where in `alts`: views that
        // agree on the words ask once, with the compound parts if one has
        // them (`Frankreich` is not counted twice, once whole and once in
        // parts).
        let mut asked: Vec<(Field, Vec<String>, usize, usize)> = Vec::new();
        let vietnamese = has_vietnamese_marks(text);
        for &view in views {
            let Some((field, positions, q)) =
                self.view_query(view, text, vietnamese, views, analyzers, terms)
            else {
                continue;
            };
            let heads: Vec<String> = positions.iter().map(|p| p[0].clone()).collect();
            let tokens = positions.iter().map(Vec::len).sum();
            match asked
                .iter_mut()
                .find(|(f, h, ..)| *f == field && *h == heads)
            {
                Some((.., at, had)) if tokens > *had => {
                    alts[*at] = q;
                    *had = tokens;
                }
                Some(_) => {}
                None => {
                    asked.push((field, heads, alts.len(), tokens));
                    alts.push(q);
                }
            }
        }
        (!alts.is_empty()).then(|| boxed(BooleanQuery::new(alts)))
    }

    /// The query of `text` in one `view` (among the `views` searched),
    /// weighted, with its field and analysis; `None` when the view does
    /// not take it. `vietnamese`: whether `text` has marks only
    /// Vietnamese writes.
    fn view_query(
        &self,
        view: View,
        text: &str,
        vietnamese: bool,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<(Field, Vec<Vec<String>>, Scored)> {
        // Typed without accents, a word asks the exact view only to break
        // ties between Vietnamese spellings: `ngay` ranks `ngay` above
        // `ngày` when the rest is equal. Other words would only favour the
        // passages that have an exact view.
        if view == View::Exact && text.is_ascii() && !all_syllables(text, analyzers) {
            return None;
        }
        // Marks only Vietnamese writes stay in Vietnamese: `Đức` is not the
        // German `Duc`.
        if vietnamese && !matches!(view, View::Exact | View::Folded) {
            return None;
        }
        let field = self.fields.view(view);
        let positions = view_positions(view, text, analyzers, terms);
        // Only the passages of a language that splits compounds hold parts.
        let parts = field == self.fields.norm && View::compounding(views).is_some() && !vietnamese;
        let word = |t: &str| self.word_term_query(field, t, parts);
        let mut q = positions_query(field, &positions, &word)?;
        let others_searched = views.iter().any(|v| v.own_lang().is_some());
        if vietnamese && view == View::Folded && others_searched && !self.is_name(text) {
            q = self.not_german_or_indonesian(q);
        }
        let weight = match view {
            View::Exact if text.is_ascii() => UNACCENTED_EXACT_WEIGHT,
            View::Exact => EXACT_WEIGHT,
            _ => 1.0,
        };
        Some((
            field,
            positions,
            (TOccur::Should, boxed(BoostQuery::new(q, weight))),
        ))
    }

    /// The query for one word's term in `field`; where compounds hold
    /// parts (`parts`), also the term as a part, so the word written alone
    /// ranks above it inside a compound (`Gesundheit` above
    /// `Gesundheitswesen`). With the index's frequencies, both terms weigh
    /// by the idf of all their occurrences, as one term would, and the part
    /// [`PART_WEIGHT`] of that: a word rare as a part does not outweigh it
    /// written alone.
    fn word_term_query(&self, field: Field, word: &str, parts: bool) -> Box<dyn Query> {
        let plain = Term::from_field_text(field, word);
        let query = |t: Term| boxed(TermQuery::new(t, IndexRecordOption::WithFreqs));
        if !parts {
            return query(plain);
        }
        let part = Term::from_field_text(field, &format!("{word}{}", analysis::PART_MARK));
        let (plain_weight, part_weight) = match self.freqs {
            None => (1.0, PART_WEIGHT),
            Some(freqs) => {
                let n = freqs.num_docs();
                let (a, b) = (freqs.doc_freq(&plain), freqs.doc_freq(&part));
                let all = idf(a + b, n);
                let scale = |df: u64| if df == 0 { 1.0 } else { all / idf(df, n) };
                (scale(a), PART_WEIGHT * scale(b))
            }
        };
        boxed(BooleanQuery::new(vec![
            (
                TOccur::Should,
                boxed(BoostQuery::new(query(plain), plain_weight)),
            ),
            (
                TOccur::Should,
                boxed(BoostQuery::new(query(part), part_weight)),
            ),
        ]))
    }

    /// Whether `text` (a word, a phrase, or a pair of adjacent words) is a
    /// Vietnamese name of the query, or words of one.
    fn is_name(&self, text: &str) -> bool {
        let names = self.names.borrow();
        names.contains(text) || text.split_whitespace().all(|w| names.contains(w))
    }

    /// `q` in passages that are not German or Indonesian, which share the
    /// folded view's field.
    fn not_german_or_indonesian(&self, q: Box<dyn Query>) -> Box<dyn Query> {
        let codes: Vec<&str> = View::own_langs().map(|l| l.code()).collect();
        let kept = self.left_out.clone();
        boxed(ExceptLangs::new(q, self.fields.lang, &codes, kept))
    }

    fn node_query(
        &self,
        node: &Node,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        match node {
            Node::Word(t) => self.word_query(t, views, analyzers, terms),
            Node::Phrase(t) => self.phrase_query(t, views, analyzers, terms),
            Node::Prefix(p) => self.prefix_query(p, views, terms),
            Node::Group(clauses) => self
                .clauses_query(clauses, views, analyzers, terms, None)
                .map(|c| c.scored),
            Node::Or(nodes) => {
                let alts: Vec<_> = nodes
                    .iter()
                    .filter_map(|n| self.node_query(n, views, analyzers, terms))
                    .map(|q| (TOccur::Should, q))
                    .collect();
                (!alts.is_empty()).then(|| boxed(BooleanQuery::new(alts)))
            }
        }
    }

    /// Clauses with the all-words tier; `refs` adds references as a way of
    /// holding the words that name them.
    fn clauses_query(
        &self,
        clauses: &[Clause],
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
        refs: Option<&[refs::Reference]>,
    ) -> Option<Clauses> {
        let (mut scored, positive, words, exact) =
            self.clause_queries(clauses, views, analyzers, terms);
        let ref_queries = self.ref_queries(refs.unwrap_or_default());
        for q in &ref_queries {
            scored.push((
                TOccur::Should,
                boxed(BoostQuery::new(q.box_clone(), REF_WEIGHT)),
            ));
        }
        if positive.is_empty() {
            if scored.is_empty() {
                return None;
            }
            scored.push((TOccur::Must, boxed(AllQuery)));
            return Some(Clauses {
                scored: boxed(BooleanQuery::new(scored)),
                full: None,
                positive: Vec::new(),
            });
        }
        // The all-words tier ranks the top-level clauses only: inside a
        // group it would copy each clause once more per level, and nested
        // groups would cost time and memory exponential in their depth.
        let top = refs.is_some();
        // A run of words that stands as one clause (`Tran Van Thuan`, with
        // its joined form) counts as its words: its matches hold them all.
        if !(top && (words >= 2 || !ref_queries.is_empty())) {
            // One positive clause: what the query matches is what holds it.
            return Some(Clauses {
                scored: boxed(BooleanQuery::new(scored)),
                full: None,
                positive: Vec::new(),
            });
        }
        let tier = all_words_tier(&positive, &ref_queries);
        // Citing the reference the words name holds them as typed too.
        let exact = exact
            .into_iter()
            .map(|q| {
                let mut any = vec![(TOccur::Should, q)];
                any.extend(ref_queries.iter().map(|r| (TOccur::Should, r.box_clone())));
                boxed(BooleanQuery::new(any))
            })
            .collect();
        scored.push((TOccur::Should, graded_bonus(&tier, exact)));
        let excluded = scored
            .iter()
            .filter(|(o, _)| *o == TOccur::MustNot)
            .map(|(_, q)| (TOccur::MustNot, q.box_clone()));
        let mut full = vec![(TOccur::Must, tier)];
        full.extend(excluded);
        Some(Clauses {
            scored: boxed(BooleanQuery::new(scored)),
            full: Some(boxed(BooleanQuery::new(full))),
            positive: positive.into_iter().map(|(q, _)| q).collect(),
        })
    }

    /// Each clause's query with its occurrence, and the positive ones with
    /// whether their word names a reference. Excluded words are not
    /// highlighted, so their terms are not recorded.
    fn clause_queries(
        &self,
        clauses: &[Clause],
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> ClauseQueries {
        let mut scored: Vec<Scored> = Vec::new();
        let mut positive: Vec<Positive> = Vec::new();
        let mut exact: Vec<Box<dyn Query>> = Vec::new();
        let mut words = 0;
        let mut ignored = QueryTerms::default();
        for piece in self.pieces(clauses, analyzers) {
            let occur = match &piece {
                Piece::One(c) => c.occur,
                Piece::Run { occur, .. } => *occur,
            };
            let sink = if occur == Occur::MustNot {
                &mut ignored
            } else {
                &mut *terms
            };
            let marked = match &piece {
                Piece::One(Clause {
                    node: Node::Word(t) | Node::Phrase(t),
                    ..
                }) if occur != Occur::MustNot => self.as_typed(t, views, analyzers).inspect(|_| {
                    self.graded.borrow_mut().words.push(t.clone());
                }),
                _ => None,
            };
            let (q, names_ref, count) = match piece {
                Piece::One(c) => (
                    self.node_query(&c.node, views, analyzers, sink),
                    matches!(&c.node, Node::Word(w) if refs::is_reference_word(w)),
                    1,
                ),
                Piece::Run { words, others, .. } => (
                    self.run_query(&words, others, views, analyzers, sink),
                    false,
                    words.len(),
                ),
            };
            let Some(q) = q else {
                continue;
            };
            let occur = match occur {
                Occur::Should => TOccur::Should,
                Occur::Must => TOccur::Must,
                Occur::MustNot => TOccur::MustNot,
            };
            if occur != TOccur::MustNot {
                positive.push((q.box_clone(), names_ref));
                words += count;
                exact.extend(marked);
            }
            scored.push((occur, q));
        }
        (scored, positive, words, exact)
    }

    /// The query of `text` as typed, in the exact view alone, when it is
    /// a word or phrase typed with Vietnamese marks and not a name (a name
    /// is as much itself in German and Indonesian text, which is written
    /// without them).
    pub(super) fn as_typed(
        &self,
        text: &str,
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Option<Box<dyn Query>> {
        if !views.contains(&View::Exact) || !has_vietnamese_marks(text) || self.is_name(text) {
            return None;
        }
        self.text_query(text, &[View::Exact], analyzers, &mut QueryTerms::default())
    }

    /// A term query on the references field for each reference.
    fn ref_queries(&self, refs: &[refs::Reference]) -> Vec<Box<dyn Query>> {
        refs.iter()
            .map(|r| {
                let term = Term::from_field_text(self.fields.refs, &r.key);
                boxed(TermQuery::new(term, IndexRecordOption::WithFreqs))
            })
            .collect()
    }

    /// The query for `parsed` over the views `langs` are indexed in, and
    /// the terms to highlight; `None` when nothing in it can match.
    pub(crate) fn plan(
        &self,
        parsed: &ParsedQuery,
        langs: &[Lang],
        analyzers: &mut Analyzers,
    ) -> Option<Plan> {
        let views = Planner::views(langs);
        let mut terms = QueryTerms::default();
        let positive = parsed.positive_text();
        let refs = refs::extract(&positive.join(" "));
        let mut fold = |w: &str| folded_words(w, analyzers);
        *self.names.borrow_mut() = names::name_words(&positive, &mut fold);
        let main =
            self.clauses_query(&parsed.clauses, &views, analyzers, &mut terms, Some(&refs))?;
        let typed = self.typed_count(parsed, &refs, analyzers);
        let mut scored = vec![(TOccur::Must, main.scored)];
        let together = self.adjacency(parsed, &views, analyzers).into_iter();
        for q in together.chain(self.run_bonus(parsed, &views, analyzers)) {
            scored.push((TOccur::Should, q));
        }
        Some(Plan {
            query: boxed(BooleanQuery::new(scored)),
            full: main.full,
            clauses: main.positive,
            terms,
            others: self.others.take(),
            graded: self.graded.take(),
            names: self.names.take(),
            typed,
            decided: Decided {
                words: positive.iter().map(|w| w.to_string()).collect(),
                pairs: (parsed.adjacent_pairs().into_iter())
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
                runs: (run::runs(parsed).into_iter())
                    .map(|r| r.into_iter().map(str::to_string).collect())
                    .collect(),
                named: refs.into_iter().map(|r| r.key).collect(),
            },
        })
    }
}

#[cfg(test)]
mod tests;
