//! A word's beginning typed with a trailing `*` (`Deb*`, `Krankenh*`,
//! `nghị*`): every word of the index starting so, through tantivy's
//! automaton over the term dictionary, in the accent-exact view as typed
//! and, unless typed with Vietnamese marks, in the shared field
//! accent-folded. German and Indonesian passages are indexed by stem
//! there: a prefix matches the stem (`Krankenh*` finds `Krankenhäuser`,
//! stem `krankenhaus`; `perin*` finds `pemerintah`, root `perintah`). A prefix of
//! one letter would expand to most of the dictionary: the query parser
//! searches it as a word instead.

use tantivy::query::{BooleanQuery, BoostQuery, Occur as TOccur, Query, RegexQuery};
use tantivy::schema::Field;

use super::{boxed, Planner, EXACT_WEIGHT};
use crate::analysis::{analyse_word, View};
use crate::search::terms::QueryTerms;

use crate::search::query::limits::MIN_PREFIX_CHARS;

impl Planner<'_> {
    /// The query of the words starting with `prefix` in `views`.
    pub(super) fn prefix_query(
        &self,
        prefix: &str,
        views: &[View],
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let mut alts = Vec::new();
        // Typed with marks (but the umlauts German writes), a prefix means
        // them.
        let marked = marked(prefix);
        let asked = [
            (View::Exact, self.fields.exact, EXACT_WEIGHT),
            (View::Folded, self.fields.norm, 1.0),
        ];
        for (view, field, weight) in asked {
            if view == View::Exact && !views.contains(&View::Exact)
                || view == View::Folded && marked
            {
                continue;
            }
            let Some(start) = analysed(view, prefix) else {
                continue;
            };
            if start.chars().count() < MIN_PREFIX_CHARS {
                continue;
            }
            let Some(q) = prefix_regex(field, &start) else {
                continue;
            };
            terms.add_prefix(view, &start);
            alts.push((TOccur::Should, boxed(BoostQuery::new(q, weight))));
        }
        (!alts.is_empty()).then(|| boxed(BooleanQuery::new(alts)))
    }
}

/// Whether `text` carries a mark other than the umlaut: `đ`, or any
/// combining mark but the diaeresis (`bá`, `nghị`, `café`; not `Krankenhä`).
fn marked(text: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    text.nfd().any(|c| {
        matches!(c, 'đ' | 'Đ')
            || (unicode_normalization::char::is_combining_mark(c) && c != '\u{308}')
    })
}

/// The beginning `prefix` takes in `view`.
fn analysed(view: View, prefix: &str) -> Option<String> {
    analyse_word(view, prefix)?.first().map(|t| t.to_string())
}

/// The words of `field` starting with `start` (escaped: a pattern of
/// literals).
fn prefix_regex(field: Field, start: &str) -> Option<Box<dyn Query>> {
    let pattern = format!("{}.*", regex::escape(start));
    let query = RegexQuery::from_pattern(&pattern, field).ok()?;
    Some(boxed(query))
}
