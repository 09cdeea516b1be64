//! A quoted phrase means the words as typed: in Vietnamese passages (and
//! those of other languages) the accent-exact view answers it, but German
//! and Indonesian passages are indexed by stem only. There [`AsTyped`]
//! takes the passages the stemmed phrase finds and keeps those whose
//! stored text holds the words as typed, one after another (case,
//! Unicode form and tone placement aside, accents not): `"Rat"` is not
//! `Rate`, `"pemerintah"` not `perintah`. Only the stemmed phrase's
//! passages are read, each once, from the segment's document store.

use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Explanation, Occur as TOccur, Query, Scorer,
    TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::store::StoreReader;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyDocument, Term, TERMINATED};

use super::{boxed, has_vietnamese_marks, positions_query, view_positions, Planner, EXACT_WEIGHT};
use crate::analysis::{analyse_word, is_plain, next_word, Analyzers, View};
use crate::search::terms::QueryTerms;

impl Planner<'_> {
    /// A quoted phrase, as typed: in the exact view, and in German and
    /// Indonesian passages, those of the stemmed phrase that hold it so
    /// ([`AsTyped`]). A phrase with Vietnamese marks is Vietnamese only.
    pub(super) fn phrase_query(
        &self,
        text: &str,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let mut alts = Vec::new();
        if views.contains(&View::Exact) {
            let field = self.fields.exact;
            let positions = view_positions(View::Exact, text, analyzers, terms);
            let word = |t: &str| -> Box<dyn Query> {
                let term = Term::from_field_text(field, t);
                boxed(TermQuery::new(term, IndexRecordOption::WithFreqs))
            };
            if let Some(q) = positions_query(field, &positions, &word) {
                alts.push((TOccur::Should, boxed(BoostQuery::new(q, EXACT_WEIGHT))));
            }
        }
        for &view in View::all() {
            let Some(lang) = view.own_lang() else {
                continue;
            };
            if !views.contains(&view) || has_vietnamese_marks(text) {
                continue;
            }
            let field = self.fields.norm;
            let positions = view_positions(view, text, analyzers, terms);
            let word = |t: &str| -> Box<dyn Query> {
                let term = Term::from_field_text(field, t);
                boxed(TermQuery::new(term, IndexRecordOption::WithFreqs))
            };
            let Some(q) = positions_query(field, &positions, &word) else {
                continue;
            };
            let in_lang = Term::from_field_text(self.fields.lang, lang.code());
            let in_lang = boxed(TermQuery::new(in_lang, IndexRecordOption::Basic));
            let candidates = boxed(BooleanQuery::new(vec![
                (TOccur::Must, q),
                (TOccur::Must, in_lang),
            ]));
            let words = exact_words(text);
            let typed = AsTyped {
                candidates,
                words,
                text: self.fields.text,
            };
            alts.push((TOccur::Should, boxed(typed)));
        }
        (!alts.is_empty()).then(|| boxed(BooleanQuery::new(alts)))
    }
}

/// Blocks of the document store a scorer keeps decompressed.
const CACHED_BLOCKS: usize = 16;

/// The passages of `candidates` whose `text` holds `words` (in the exact
/// view's form) one after another.
#[derive(Debug)]
pub(super) struct AsTyped {
    pub candidates: Box<dyn Query>,
    pub words: Vec<String>,
    pub text: Field,
}

impl Clone for AsTyped {
    fn clone(&self) -> AsTyped {
        AsTyped {
            candidates: self.candidates.box_clone(),
            words: self.words.clone(),
            text: self.text,
        }
    }
}

impl Query for AsTyped {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AsTypedWeight {
            inner: self.candidates.weight(scoring)?,
            words: self.words.clone(),
            text: self.text,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.candidates.query_terms(visitor);
    }
}

struct AsTypedWeight {
    inner: Box<dyn Weight>,
    words: Vec<String>,
    text: Field,
}

impl Weight for AsTypedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorer = AsTypedScorer {
            inner: self.inner.scorer(reader, boost)?,
            store: reader.get_store_reader(CACHED_BLOCKS)?,
            words: self.words.clone(),
            text: self.text,
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

struct AsTypedScorer {
    inner: Box<dyn Scorer>,
    store: StoreReader,
    words: Vec<String>,
    text: Field,
}

impl AsTypedScorer {
    /// Moves on to the first candidate from here that holds the words.
    fn settle(&mut self) -> DocId {
        loop {
            let doc = self.inner.doc();
            if doc == TERMINATED || self.holds(doc) {
                return doc;
            }
            self.inner.advance();
        }
    }

    fn holds(&self, doc: DocId) -> bool {
        let Ok(stored) = self.store.get::<TantivyDocument>(doc) else {
            return false;
        };
        let text = stored.get_first(self.text).and_then(|v| v.as_str());
        text.is_some_and(|t| holds_words(t, &self.words))
    }
}

impl DocSet for AsTypedScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target);
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for AsTypedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

/// The words of `phrase` in the exact view's form.
pub(super) fn exact_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = 0;
    while let Some((from, to)) = next_word(phrase, cursor) {
        cursor = to;
        if let Some(terms) = analyse_word(View::Exact, &phrase[from..to]) {
            out.extend(terms.first().map(|t| t.to_string()));
        }
    }
    out
}

/// Whether `text` holds `words` (exact view's forms) one after another.
pub(super) fn holds_words(text: &str, words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    let mut matched = 0;
    let mut cursor = 0;
    while let Some((from, to)) = next_word(text, cursor) {
        cursor = to;
        let word = &text[from..to];
        // A plain word is its exact form lowercased: no need to analyse it.
        let plain = is_plain(word);
        let is = |typed: &str, analysed: &mut Option<Box<str>>| {
            if plain {
                return word.eq_ignore_ascii_case(typed);
            }
            let term = analysed.get_or_insert_with(|| {
                analyse_word(View::Exact, word)
                    .and_then(|t| t.first().cloned())
                    .unwrap_or_default()
            });
            **term == *typed
        };
        let mut analysed = None;
        matched = if is(&words[matched], &mut analysed) {
            matched + 1
        } else {
            usize::from(is(&words[0], &mut analysed))
        };
        if matched == words.len() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_as_typed_one_after_another() {
        let rat = exact_words("Rat");
        assert!(holds_words("Der Rat der Stadt tagt.", &rat));
        assert!(!holds_words("Die Rate steigt, der Stadtrat tagt.", &rat));
        let words = exact_words("der RAT");
        assert!(holds_words("Heute tagt der Rat.", &words));
        assert!(!holds_words(
            "Rat der Stadt, der Bürgermeister auch.",
            &words
        ));
        // A false start does not hide the phrase after it.
        assert!(holds_words("der der Rat", &words));
        assert!(!holds_words("perintah itu", &exact_words("pemerintah")));
        // Accents count, tone placement and Unicode form do not.
        assert!(!holds_words("bạn và ban", &exact_words("bán")));
        assert!(holds_words("hoà bình", &exact_words("hòa")));
    }
}
