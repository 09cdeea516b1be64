//! Graded evidence: the form typed counts most, then a tone variant, then
//! an accent-folded or stemmed form, then a compound's part; words written
//! side by side count more than through a compound. Each test indexes a
//! few passages alike but for the evidence under test.

use serde_json::Value;

use crate::util::*;

/// A folder with `jsonl` indexed into `idx`.
fn indexed_from(jsonl: &str) -> TestEnv {
    let env = TestEnv::empty();
    env.write("news.jsonl", jsonl);
    let r = env.run(&["index", "--quiet", "--index", "idx", "news.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    env
}

/// The articles of a search's passages, best first.
fn ranked(env: &TestEnv, query: &str) -> Vec<String> {
    let v = env.json(&["--index", "idx", "--passages", query]);
    articles(&v)
}

fn articles(v: &Value) -> Vec<String> {
    let hits = v["hits"].as_array().expect("hits");
    hits.iter()
        .map(|h| h["article"].as_str().expect("article").to_string())
        .collect()
}

/// The `score:` lines of `--explain`, in rank order.
fn score_lines(env: &TestEnv, query: &str) -> Vec<String> {
    let r = env.run(&["--index", "idx", "--passages", "--explain", query]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("score: ").map(str::to_string))
        .collect()
}

#[test]
fn compound_parts_typed_apart_stand_together_below_words_side_by_side() {
    let env = indexed_from(
        r#"{"id":"de-apart","lang":"de","text":"Der Auftrag kam gestern, der Druck folgt morgen früh."}
{"id":"de-joined","lang":"de","text":"Der Drucker meldet den Druckauftrag sofort."}
{"id":"de-typed","lang":"de","text":"Auf diese Weise funktionieren die neuen Werkzeuge."}
{"id":"de-part","lang":"de","text":"Die neuen Werkzeuge können teilweise funktionieren."}
"#,
    );
    // Both parts of one compound, typed in either order.
    assert_eq!(ranked(&env, "Auftrag Druck"), ["de-joined", "de-apart"]);
    assert_eq!(ranked(&env, "Druck Auftrag"), ["de-joined", "de-apart"]);
    // A part next to the other word stands with it, worth less than the
    // words as written side by side.
    assert_eq!(ranked(&env, "Weise funktionieren"), ["de-typed", "de-part"]);
    let scores = score_lines(&env, "Weise funktionieren");
    assert_eq!(scores.len(), 2, "{scores:?}");
    assert!(scores[0].contains("side by side 500"), "{scores:?}");
    assert!(scores[1].contains("side by side 400"), "{scores:?}");
    let scores = score_lines(&env, "Auftrag Druck");
    assert!(scores[0].contains("side by side 400"), "{scores:?}");
    assert!(scores[1].contains("side by side 0"), "{scores:?}");
}
