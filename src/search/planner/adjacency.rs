//! The side-by-side bonus: each pair of adjacent query words earns a share
//! of [`ADJACENCY_BONUS`] where a passage holds them together: written
//! side by side (all of it as typed, [`FOLDED_SHARE`] of it with other
//! Vietnamese marks), or through a German compound ([`PART_WEIGHT`] of it).

use tantivy::query::{
    BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur as TOccur, PhraseQuery, Query,
};
use tantivy::Term;

use super::run::compound_word;
use super::{
    boxed, has_vietnamese_marks, idf, Planner, ADJACENCY_BONUS, FOLDED_SHARE, PART_WEIGHT,
};
use crate::analysis::{tokens, Analyzers, View};
use crate::search::query::ParsedQuery;
use crate::search::terms::QueryTerms;

impl Planner<'_> {
    /// Phrase queries for each pair of adjacent top-level words, each worth a
    /// share of [`ADJACENCY_BONUS`].
    pub(super) fn adjacency(
        &self,
        parsed: &ParsedQuery,
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Vec<Box<dyn Query>> {
        let pairs: Vec<String> = parsed
            .adjacent_pairs()
            .into_iter()
            .map(|(a, b)| format!("{a} {b}"))
            .collect();
        if pairs.is_empty() {
            return Vec::new();
        }
        let shares = self.pair_shares(&parsed.adjacent_pairs(), views, analyzers);
        self.graded.borrow_mut().pair_shares = shares.clone();
        let mut scratch = QueryTerms::default();
        let mut out = Vec::new();
        let pairs = parsed.adjacent_pairs().into_iter().zip(&pairs);
        for (((a, b), pair), &share) in pairs.zip(&shares) {
            let apart = self.text_query(pair, views, analyzers, &mut scratch);
            let joined = self.compound_pair(a, b, views, analyzers);
            let typed = self.words_as_typed(&[a, b], views, analyzers);
            if typed.is_some() {
                let pair = (a.to_string(), b.to_string());
                self.graded.borrow_mut().pairs.push(pair);
            }
            out.extend(Self::graded_together(typed, apart, joined, share));
        }
        out
    }

    /// Each pair's share of [`ADJACENCY_BONUS`], by the idf of its commoner
    /// word: a pair of common words (`ý của`, `der die`) says less of
    /// which passage is meant than one of rarer words. Equal shares without
    /// the index's frequencies.
    fn pair_shares(
        &self,
        pairs: &[(&str, &str)],
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Vec<f32> {
        let equal = vec![ADJACENCY_BONUS / pairs.len() as f32; pairs.len()];
        let Some(freqs) = self.freqs else {
            return equal;
        };
        let n = freqs.num_docs();
        let mut idf_of = |word: &str| -> f32 {
            let df = (views.iter())
                .flat_map(|&v| {
                    let field = self.fields.view(v);
                    let tokens = tokens(analyzers.get(v), word);
                    (tokens.into_iter().filter(|t| t.position == 0))
                        .map(move |t| Term::from_field_text(field, &t.text))
                })
                .map(|t| freqs.doc_freq(&t))
                .max()
                .unwrap_or(0);
            idf(df, n)
        };
        let weights: Vec<f32> = pairs
            .iter()
            .map(|&(a, b)| idf_of(a).min(idf_of(b)))
            .collect();
        let sum: f32 = weights.iter().sum();
        if sum <= 0.0 {
            return equal;
        }
        weights.iter().map(|w| ADJACENCY_BONUS * w / sum).collect()
    }

    /// Words standing together as typed, in the exact view: when all are
    /// written as a Vietnamese passage would write them (with marks, or a
    /// number) and one at least has Vietnamese marks.
    pub(super) fn words_as_typed(
        &self,
        words: &[&str],
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Option<Box<dyn Query>> {
        let exact_form = |w: &str| has_vietnamese_marks(w) || !w.chars().any(char::is_alphabetic);
        if !words.iter().all(|w| exact_form(w)) {
            return None;
        }
        self.as_typed(&words.join(" "), views, analyzers)
    }

    /// Words standing together, worth `share`: all of it as typed (when
    /// `typed` is asked), [`FOLDED_SHARE`] of it written apart with other
    /// marks, and what a part is worth against the word through a
    /// compound: less than the words written side by side.
    pub(super) fn graded_together(
        typed: Option<Box<dyn Query>>,
        apart: Option<Box<dyn Query>>,
        joined: Option<Box<dyn Query>>,
        share: f32,
    ) -> Option<Box<dyn Query>> {
        let apart_share = if typed.is_some() {
            share * FOLDED_SHARE
        } else {
            share
        };
        let mut q: Vec<Box<dyn Query>> = Vec::new();
        q.extend(typed.map(|q| boxed(ConstScoreQuery::new(q, share))));
        q.extend(apart.map(|q| boxed(ConstScoreQuery::new(q, apart_share))));
        q.extend(joined.map(|q| boxed(ConstScoreQuery::new(q, share * PART_WEIGHT))));
        match q.len() {
            0 => None,
            1 => q.pop(),
            _ => Some(boxed(DisjunctionMaxQuery::new(q))),
        }
    }

    /// Two adjacent query words standing together through a German
    /// compound: as two parts of one compound, in either order (`Auftrag
    /// Druck` in `Druckauftrag`), or one of them a compound's part next to
    /// the other (`Datei zeigt` in `Dateiverwaltung zeigt`). A word that is
    /// itself a compound stands as its parts (`Option Befehlszeile` in
    /// `Befehlszeilenoption`). `None` when German is not searched or either
    /// word is not one German word.
    fn compound_pair(
        &self,
        a: &str,
        b: &str,
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Option<Box<dyn Query>> {
        let view = View::compounding(views)?;
        if has_vietnamese_marks(a) || has_vietnamese_marks(b) {
            return None;
        }
        let (wa, pa) = self.word_and_parts(view, a, analyzers)?;
        let (wb, pb) = self.word_and_parts(view, b, analyzers)?;
        if wa == wb {
            return None;
        }
        let phrase = |x: &[Term], at: usize, y: &[Term]| {
            let mut terms: Vec<(usize, Term)> = x.iter().map(|t| (0, t.clone())).collect();
            terms.extend(y.iter().map(|t| (at, t.clone())));
            (TOccur::Should, boxed(PhraseQuery::new_with_offset(terms)))
        };
        Some(boxed(BooleanQuery::new(vec![
            phrase(&pa, 0, &pb),
            phrase(&pa, 1, std::slice::from_ref(&wb)),
            phrase(std::slice::from_ref(&wa), 1, &pb),
            phrase(&pa, 1, &pb),
        ])))
    }

    /// One word's term in the shared field in `view`, and its terms as a
    /// compound's part (see [`compound_word`]).
    fn word_and_parts(
        &self,
        view: View,
        w: &str,
        analyzers: &mut Analyzers,
    ) -> Option<(Term, Vec<Term>)> {
        let term = |t: &str| Term::from_field_text(self.fields.norm, t);
        let (word, parts) = compound_word(view, w, analyzers)?;
        Some((term(&word), parts.iter().map(|p| term(p)).collect()))
    }
}
