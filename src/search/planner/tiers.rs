//! The ranking tiers a plan adds on top of the words' scores: the
//! all-words tier (every positive clause, or a reference standing for the
//! words that name it) and its bonus, graded by the form typed.

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur as TOccur, Query};

use super::{boxed, Scored, ALL_WORDS_BONUS, FULL_MATCH_FLOOR};
use crate::search::found::Found;

/// Passages holding every positive clause, or citing a reference that
/// stands for the words naming it: the all-words tier, and the full matches
/// the counts report. Its matches are found once per segment and kept for
/// every pass of the search ([`Found`]).
pub(super) fn all_words_tier(
    positive: &[(Box<dyn Query>, bool)],
    ref_queries: &[Box<dyn Query>],
) -> Box<dyn Query> {
    let all = BooleanQuery::new(
        positive
            .iter()
            .map(|(q, _)| (TOccur::Must, q.box_clone()))
            .collect(),
    );
    let mut tiers = vec![(TOccur::Should, boxed(all))];
    for r in ref_queries {
        let mut via_ref = vec![(TOccur::Must, r.box_clone())];
        via_ref.extend(
            positive
                .iter()
                .filter(|(_, names_ref)| !names_ref)
                .map(|(q, _)| (TOccur::Must, q.box_clone())),
        );
        tiers.push((TOccur::Should, boxed(BooleanQuery::new(via_ref))));
    }
    boxed(Found::new(boxed(BooleanQuery::new(tiers))))
}

/// The all-words bonus for the passages of `tier`: all of it, or, when
/// words were typed with Vietnamese marks (`exact`: each one's query as
/// typed), [`FOLDED_SHARE`] of it and the rest shared among those words,
/// each earning its share where the passage holds it as typed.
pub(super) fn graded_bonus(tier: &dyn Query, exact: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if exact.is_empty() {
        return boxed(ConstScoreQuery::new(tier.box_clone(), ALL_WORDS_BONUS));
    }
    let floor = ConstScoreQuery::new(tier.box_clone(), FULL_MATCH_FLOOR);
    let share = (ALL_WORDS_BONUS - FULL_MATCH_FLOOR) / exact.len() as f32;
    let mut clauses: Vec<Scored> = vec![(TOccur::Must, boxed(floor))];
    for q in exact {
        clauses.push((TOccur::Should, boxed(ConstScoreQuery::new(q, share))));
    }
    boxed(BooleanQuery::new(clauses))
}
