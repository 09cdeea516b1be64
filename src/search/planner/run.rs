//! The run bonus: a run of [`MIN_RUN`] or more query words earns a share
//! of [`RUN_BONUS`] where a passage holds all of it one word after another,
//! as the query has it. The side-by-side bonus rewards each pair wherever
//! it stands; a passage that holds the pairs of `ein Dateisystem
//! eingehängt` in three places is not the one that says it. A run is
//! graded as a pair is: as typed, with other Vietnamese marks
//! ([`FOLDED_SHARE`]), or through German compounds ([`PART_WEIGHT`]: `ein
//! System Datei eingehängt` in `ein Dateisystem eingehängt`).

use tantivy::query::{BooleanQuery, Occur as TOccur, PhraseQuery, Query};
use tantivy::Term;

use super::{boxed, has_vietnamese_marks, Planner};
#[cfg(doc)]
use super::{FOLDED_SHARE, PART_WEIGHT};
use crate::analysis::{self, Analyzers, View};
use crate::search::query::ParsedQuery;
use crate::search::terms::QueryTerms;

/// Shared among the runs of the query: more than the BM25 of a passage,
/// less than one pair's share of the side-by-side bonus, so it orders the
/// passages holding every pair.
pub(crate) const RUN_BONUS: f32 = 100.0;
/// The fewest words a run has: two words are a pair, already rewarded.
pub(crate) const MIN_RUN: usize = 3;
/// The longest run read through compounds: its readings (each choice of
/// neighbours that form one compound) number 12 at six words.
const MAX_COMPOUND_RUN: usize = 6;

/// The runs of `parsed` the bonus rewards.
pub(super) fn runs(parsed: &ParsedQuery) -> Vec<Vec<&str>> {
    let mut runs = parsed.runs();
    runs.retain(|r| r.len() >= MIN_RUN);
    runs
}

/// One word's analysis in a `view` that splits compounds: its term, and
/// its terms as a compound's part (the term marked as a part, or a
/// compound's own parts). `None` when `w` is not one word.
pub(crate) fn compound_word(
    view: View,
    w: &str,
    analyzers: &mut Analyzers,
) -> Option<(String, Vec<String>)> {
    let tokens = analysis::tokens(analyzers.get(view), w);
    let (first, rest) = tokens.split_first()?;
    if rest.iter().any(|t| t.position != first.position) {
        return None;
    }
    let parts = if rest.is_empty() {
        vec![format!("{}{}", first.text, analysis::PART_MARK)]
    } else {
        rest.iter().map(|t| t.text.clone()).collect()
    };
    Some((first.text.clone(), parts))
}

/// The ways a run of German `words` reads through compounds: each choice
/// of neighbouring pairs that stand as one compound's parts (in either
/// order, `Auftrag Druck` in `Druckauftrag`), a word in at most one, as
/// the terms of a phrase with their offsets. None for a run longer than
/// [`MAX_COMPOUND_RUN`]; the run written apart is not one of them.
pub(crate) fn compound_readings(words: &[(String, Vec<String>)]) -> Vec<Vec<(usize, String)>> {
    if words.len() > MAX_COMPOUND_RUN {
        return Vec::new();
    }
    let pairs = words.len().saturating_sub(1);
    let joinable = |i: usize| words[i].0 != words[i + 1].0;
    (1u32..1 << pairs)
        .filter(|m| m & (m >> 1) == 0 && (0..pairs).all(|i| m & (1 << i) == 0 || joinable(i)))
        .map(|m| reading(words, m))
        .collect()
}

/// The phrase of `words` with the pairs in the bit set `joins` as one
/// compound's parts.
fn reading(words: &[(String, Vec<String>)], joins: u32) -> Vec<(usize, String)> {
    let joined = |pair: usize| pair + 1 < words.len() && joins & (1 << pair) != 0;
    let mut at = 0;
    let mut out = Vec::new();
    for (i, (word, parts)) in words.iter().enumerate() {
        let with_previous = i > 0 && joined(i - 1);
        if i > 0 && !with_previous {
            at += 1;
        }
        if with_previous || joined(i) {
            out.extend(parts.iter().map(|p| (at, p.clone())));
        } else {
            out.push((at, word.clone()));
        }
    }
    out
}

impl Planner<'_> {
    /// A query for each run of the query, worth its share of
    /// [`RUN_BONUS`].
    pub(super) fn run_bonus(
        &self,
        parsed: &ParsedQuery,
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Vec<Box<dyn Query>> {
        let runs = runs(parsed);
        if runs.is_empty() {
            return Vec::new();
        }
        let share = RUN_BONUS / runs.len() as f32;
        let mut out = Vec::new();
        for run in &runs {
            let text = run.join(" ");
            let typed = self.words_as_typed(run, views, analyzers);
            if typed.is_some() {
                self.graded.borrow_mut().runs.push(text.clone());
            }
            let apart = self.text_query(&text, views, analyzers, &mut QueryTerms::default());
            let joined = self.compound_run(run, views, analyzers);
            out.extend(Self::graded_together(typed, apart, joined, share));
        }
        out
    }

    /// The run's readings through German compounds, any matching; `None`
    /// when German is not searched or a word is not one German word.
    fn compound_run(
        &self,
        run: &[&str],
        views: &[View],
        analyzers: &mut Analyzers,
    ) -> Option<Box<dyn Query>> {
        let view = View::compounding(views)?;
        if run.iter().any(|w| has_vietnamese_marks(w)) {
            return None;
        }
        let words: Vec<(String, Vec<String>)> = run
            .iter()
            .map(|w| compound_word(view, w, analyzers))
            .collect::<Option<_>>()?;
        let term = |t: &str| Term::from_field_text(self.fields.norm, t);
        let readings: Vec<(TOccur, Box<dyn Query>)> = compound_readings(&words)
            .into_iter()
            .map(|r| {
                let terms = r.iter().map(|(at, t)| (*at, term(t))).collect();
                (TOccur::Should, boxed(PhraseQuery::new_with_offset(terms)))
            })
            .collect();
        (!readings.is_empty()).then(|| boxed(BooleanQuery::new(readings)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> (String, Vec<String>) {
        (w.to_string(), vec![format!("{w}{}", analysis::PART_MARK)])
    }

    fn part(w: &str) -> String {
        format!("{w}{}", analysis::PART_MARK)
    }

    #[test]
    fn a_run_reads_each_choice_of_neighbours_as_one_compound() {
        let words = [word("ein"), word("system"), word("datei")];
        let readings = compound_readings(&words);
        let at = |r: &[(usize, String)]| r.iter().map(|(a, t)| format!("{a}:{t}")).collect();
        let shown: Vec<Vec<String>> = readings.iter().map(|r| at(r)).collect();
        assert_eq!(
            shown,
            vec![
                vec![
                    "0:".to_string() + &part("ein"),
                    "0:".to_string() + &part("system"),
                    "1:datei".into()
                ],
                vec![
                    "0:ein".to_string(),
                    "1:".to_string() + &part("system"),
                    "1:".to_string() + &part("datei")
                ],
            ]
        );
    }

    #[test]
    fn the_same_word_twice_is_not_one_compound_and_long_runs_are_not_read() {
        assert!(compound_readings(&[word("a"), word("a"), word("a")]).is_empty());
        let long: Vec<_> = (0..7).map(|i| word(&format!("w{i}"))).collect();
        assert!(compound_readings(&long).is_empty());
        let six: Vec<_> = (0..6).map(|i| word(&format!("w{i}"))).collect();
        assert_eq!(compound_readings(&six).len(), 12);
    }
}
