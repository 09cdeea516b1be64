//! The renderers on results built by hand, their output compared as
//! strings: what a hit, its explanation and the counts look like in text
//! and JSON, independent of any index.

use crate::model::{Date, Lang};
use crate::search::{Explanation, Form, Graded, Hit, Mode, Results, ScoreTree, Snippet, WordMatch};

fn hit() -> Hit {
    let text = "Nghị quyết 72 về y tế.".to_string();
    Hit {
        meta: crate::search::ArticleMeta {
            id: "a.txt".into(),
            path: "a.txt".into(),
            title: Some("Y tế".into()),
            source: None,
            lang: Some(Lang::VI),
            date: Date::new(2025, 11, 1),
        },
        passage: 2,
        page: None,
        score: 12.5,
        snippet: Snippet {
            text: text.clone(),
            highlights: vec![(0, 6)],
        },
        text,
        article_matches: None,
        similarity: None,
        by_meaning: false,
        related: Vec::new(),
        aside: false,
        also_filed_as: Vec::new(),
        across: false,
        all_words: true,
        typed: None,
        scoring: None,
    }
}

fn results(explained: bool) -> Results {
    let explanation = Explanation {
        words: vec![WordMatch {
            word: "nghị".into(),
            found: vec![("Nghị".into(), Form::Exact)],
        }],
        adjacent: Vec::new(),
        all_words: 0.0,
        typed: None,
        adjacency: 0.0,
        run: 0.0,
        across: 0.0,
        bm25: 12.5,
        aside: false,
        others: Vec::new(),
        scoring: Some(ScoreTree {
            value: 12.5,
            what: "TermQuery, product of...".into(),
            parts: vec![ScoreTree {
                value: 2.2,
                what: "(K1+1)".into(),
                parts: Vec::new(),
            }],
        }),
    };
    Results {
        query: "nghị".into(),
        total_hits: 1,
        total_articles: 1,
        typed_hits: None,
        partial_hits: 0,
        related_hits: 0,
        mode: Mode::Lexical,
        offset: 0,
        hits: vec![hit()],
        facets: None,
        notes: Vec::new(),
        others: Vec::new(),
        graded: Graded::default(),
        explanations: explained.then(|| vec![explanation]),
    }
}

fn text_of(results: &Results) -> String {
    let mut out = Vec::new();
    let layout = super::text::Layout {
        color: false,
        width: None,
    };
    super::text::results(&mut out, results, layout).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_hit_in_text() {
    assert_eq!(
        text_of(&results(false)),
        " 1. Y tế\n    vi · 2025-11-01 · a.txt #2\n    [Nghị] quyết 72 về y tế.\n\n\
         1 passage in 1 article holds all the words\n"
    );
}

#[test]
fn an_explained_hit_in_text_ends_with_tantivy_s_account_to_the_term() {
    let text = text_of(&results(true));
    assert!(
        text.contains(
            "    matched: nghị: Nghị (exact)\n    score: 12.5 = all words 0 + side by side 0 + BM25 12.5\n    \
             tantivy's account of the words' score:\n      12.50 TermQuery, product of...\n\n"
        ),
        "{text}"
    );
}

#[test]
fn a_hit_in_json() {
    let mut out = Vec::new();
    super::json::results(&mut out, &results(true)).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let hit = &v["hits"][0];
    assert_eq!(
        (&hit["article"], &hit["lang"], &hit["date"], &hit["passage"]),
        (
            &"a.txt".into(),
            &"vi".into(),
            &"2025-11-01".into(),
            &2.into()
        )
    );
    assert_eq!(hit["highlights"], serde_json::json!([[0, 6]]));
    let tantivy = &hit["explanation"]["tantivy"];
    assert_eq!(tantivy["parts"][0]["what"], "(K1+1)");
    assert_eq!(
        hit["explanation"]["matched"][0]["found"][0]["form"],
        "exact"
    );
    let mut plain = Vec::new();
    super::json::results(&mut plain, &results(false)).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert!(v["hits"][0].get("explanation").is_none());
}
