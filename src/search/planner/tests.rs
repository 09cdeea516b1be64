//! The planner's output, read in its debug form, and its properties on
//! any input.

use super::*;
use crate::search::query::parse;

fn plan(query: &str, langs: &[Lang]) -> String {
    let (_, fields) = Fields::schema();
    let synonyms = Synonyms::default();
    let planner = Planner::new(&fields, &synonyms);
    let parsed = parse(query).unwrap();
    let plan = planner.plan(&parsed, langs, &mut Analyzers::default());
    format!("{:?}", plan.map(|p| p.query))
}

#[test]
fn one_word_asks_the_views_its_languages_are_indexed_in() {
    // German: the stemmed view in the shared field (11) only, the word
    // alone and, weighing 0.8, as a compound's part.
    assert_eq!(
        plan("Quallen", &[Lang::DE]),
        "Some(BooleanQuery { subqueries: [(Must, BooleanQuery { subqueries: [(Should, \
         BooleanQuery { subqueries: [(Should, Boost(query=BooleanQuery { subqueries: \
         [(Should, Boost(query=TermQuery(Term(field=11, type=Str, \"quall\")), boost=1)), \
         (Should, Boost(query=TermQuery(Term(field=11, type=Str, \"quall|\")), boost=0.8))], \
         minimum_number_should_match: 1 }, boost=1))], minimum_number_should_match: 1 })], \
         minimum_number_should_match: 1 })], minimum_number_should_match: 0 })"
    );
    // Typed with accents: the exact view (10) weighs 1.5, the folded one 1.
    assert_eq!(
        plan("hòa", &[Lang::VI]),
        "Some(BooleanQuery { subqueries: [(Must, BooleanQuery { subqueries: [(Should, \
         BooleanQuery { subqueries: [(Should, Boost(query=TermQuery(Term(field=10, type=Str, \
         \"hòa\")), boost=1.5)), (Should, Boost(query=TermQuery(Term(field=11, type=Str, \
         \"hoa\")), boost=1))], minimum_number_should_match: 1 })], \
         minimum_number_should_match: 1 })], minimum_number_should_match: 0 })"
    );
}

#[test]
fn an_excluded_word_alone_excludes_from_everything() {
    assert_eq!(
        plan("-Quallen", &[Lang::DE]),
        "Some(BooleanQuery { subqueries: [(Must, BooleanQuery { subqueries: [(MustNot, \
         BooleanQuery { subqueries: [(Should, Boost(query=BooleanQuery { subqueries: \
         [(Should, Boost(query=TermQuery(Term(field=11, type=Str, \"quall\")), boost=1)), \
         (Should, Boost(query=TermQuery(Term(field=11, type=Str, \"quall|\")), boost=0.8))], \
         minimum_number_should_match: 1 }, boost=1))], minimum_number_should_match: 1 }), \
         (Must, AllQuery)], minimum_number_should_match: 0 })], minimum_number_should_match: 0 })"
    );
}

#[test]
fn two_words_add_the_all_words_tier_and_their_adjacency() {
    let debug = plan("Quallen Zusammenarbeit", &[Lang::DE]);
    assert_eq!(debug.matches("Const(score=1000,").count(), 1, "{debug}");
    // The pair written side by side, or through a compound (its parts
    // at one position, or a part next to the other word) for less.
    assert_eq!(debug.matches("DisjunctionMaxQuery").count(), 1, "{debug}");
    assert_eq!(debug.matches("Const(score=500,").count(), 1, "{debug}");
    assert_eq!(debug.matches("Const(score=400,").count(), 1, "{debug}");
    assert_eq!(debug.matches("PhraseQuery").count(), 5, "{debug}");
    let same_position = "(0, Term(field=11, type=Str, \"quall|\")), \
                         (0, Term(field=11, type=Str, \"zusammenarbeit|\"))";
    assert!(debug.contains(same_position), "{debug}");
    // Vietnamese has no compounds.
    let debug = plan("y tế", &[Lang::VI]);
    assert_eq!(debug.matches("PhraseQuery").count(), 2, "{debug}");
    assert_eq!(plan("", &[]), "None");
}

mod properties {
    use super::*;
    use crate::search::query::parse;
    use proptest::prelude::*;

    fn word() -> impl Strategy<Value = String> {
        let words = vec!["a", "der", "8.4.", "Nghị", "quyết", "72", "y", "tế"];
        let ops = vec!["", "+", "-", "\""];
        (prop::sample::select(words), prop::sample::select(ops))
            .prop_map(|(w, op)| format!("{op}{w}"))
    }

    /// Nested groups, chains nesting to the depth bound, long OR chains and
    /// many words, as hostile queries are made.
    fn hostile() -> impl Strategy<Value = String> {
        let tree = word().prop_recursive(8, 200, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..5)
                    .prop_map(|v| format!("({})", v.join(" "))),
                prop::collection::vec(inner, 2..5).prop_map(|v| v.join(" OR ")),
            ]
        });
        let chain = (word(), word(), 1..=32usize).prop_map(|(a, b, depth)| {
            format!("{}{b}{}", format!("({a} ").repeat(depth), ")".repeat(depth))
        });
        prop_oneof![tree, chain]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever its shape, a query within the bounds plans into a
        /// query whose size is linear in its words: nesting never
        /// multiplies it.
        #[test]
        fn planning_is_linear_in_the_query(q in hostile()) {
            let Ok(parsed) = parse(&q) else { return Ok(()) };
            let words = q.split_whitespace().count() + 1;
            let (_, fields) = Fields::schema();
            let synonyms = Synonyms::built_in();
            let planner = Planner::new(&fields, &synonyms);
            let plan = planner.plan(&parsed, &[], &mut Analyzers::default());
            let size = format!("{:?}", plan.map(|p| (p.query, p.full))).len();
            prop_assert!(size <= 6_000 * words, "{size} for {words} words: {q}");
        }
    }
}
