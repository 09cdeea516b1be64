//! How a word becomes each view's query: its tokens in a view, grouped by
//! position (a compound's parts share the whole word's), the query for
//! them (a term, a compound, a phrase), and what the planner asks of the
//! words typed (Vietnamese marks, syllables), with BM25's idf.

use tantivy::query::{BoostQuery, DisjunctionMaxQuery, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::Term;

use super::super::names;
use super::super::synonyms::folded_words;
use super::super::terms::QueryTerms;
use super::{boxed, PART_WEIGHT};
use crate::analysis::{self, Analyzers, View};

/// Whether `text` carries a mark only Vietnamese writes among the three
/// languages: `đ`, a horn, a breve, a circumflex, or a grave, hook, tilde
/// or dot-below tone (the acute alone is also French and Indonesian
/// `é`, and German has no marks but the umlaut).
pub(crate) fn has_vietnamese_marks(text: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    text.nfd().any(|c| {
        matches!(
            c,
            'đ' | 'Đ'
                | '\u{31b}'
                | '\u{306}'
                | '\u{302}'
                | '\u{300}'
                | '\u{309}'
                | '\u{303}'
                | '\u{323}'
        )
    })
}

/// Whether every word of `text` is a Vietnamese syllable.
pub(super) fn all_syllables(text: &str, analyzers: &mut Analyzers) -> bool {
    let words = folded_words(text, analyzers);
    !words.is_empty() && words.iter().all(|w| names::is_syllable(w))
}

/// The query for one view's analysis of a word or phrase: one term, a
/// compound (the whole word, or its parts written apart, side by side:
/// `Gesundheits Abkommen`; never one part alone, nor the parts scattered,
/// so `Frankreich` does not find `Frank` and `erfolgreich`), or a phrase.
/// `word` asks for one word's term.
pub(crate) fn positions_query(
    field: Field,
    positions: &[Vec<String>],
    word: &dyn Fn(&str) -> Box<dyn Query>,
) -> Option<Box<dyn Query>> {
    let term = |t: &str| Term::from_field_text(field, analysis::unmarked(t));
    Some(match positions {
        [] => return None,
        [only] if only.len() > 2 => {
            let apart = PhraseQuery::new(only[1..].iter().map(|p| term(p)).collect());
            // Its parts inside a longer compound (`Befehlszeile` in
            // `Befehlszeilenoption`): at one position, as parts.
            let inside = PhraseQuery::new_with_offset(
                (only[1..].iter())
                    .map(|p| (0, Term::from_field_text(field, p)))
                    .collect(),
            );
            // One way of holding the word counts: the compound itself
            // holds its parts too.
            boxed(DisjunctionMaxQuery::new(vec![
                word(&only[0]),
                boxed(BoostQuery::new(boxed(apart), 0.5)),
                boxed(BoostQuery::new(boxed(inside), PART_WEIGHT)),
            ]))
        }
        [only] => word(&only[0]),
        many => boxed(PhraseQuery::new(many.iter().map(|p| term(&p[0])).collect())),
    })
}

/// The inverse document frequency BM25 gives a term found in `df` of `n`
/// documents.
pub(crate) fn idf(df: u64, n: u64) -> f32 {
    (1.0 + (n as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// The tokens of `text` in `view`, grouped by position (a compound's
/// parts share the whole word's position); each is recorded in `terms`.
pub(crate) fn view_positions(
    view: View,
    text: &str,
    analyzers: &mut Analyzers,
    terms: &mut QueryTerms,
) -> Vec<Vec<String>> {
    let mut positions: Vec<Vec<String>> = Vec::new();
    let mut last = None;
    for token in analysis::tokens(analyzers.get(view), text) {
        match positions.last_mut() {
            // A compound's part: not marked in passages, where it would
            // mark other compounds holding it (`reich` in `erfolgreich`).
            Some(p) if last == Some(token.position) => p.push(token.text),
            _ => {
                last = Some(token.position);
                positions.push(vec![token.text]);
            }
        }
    }
    // A phrase marks its words only where they stand together.
    match positions.as_slice() {
        [] => {}
        [one] => terms.add(view, &one[0]),
        many => terms.add_phrase(view, many.iter().map(|p| p[0].clone()).collect()),
    }
    positions
}
