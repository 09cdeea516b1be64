//! Graded evidence: the form typed counts most, then a tone variant, then
//! an accent-folded or stemmed form, then a compound's part; words written
//! side by side count more than through a compound. Each test indexes a
//! few passages alike but for the evidence under test.

use serde_json::Value;

use crate::util::*;

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

#[test]
fn words_typed_with_marks_rank_passages_holding_them_as_typed_first() {
    let env = indexed_from(
        r#"{"id":"vi-typed","lang":"vi","text":"Theo báo cáo của sở, phần lớn các hồ sơ năm nay đã được nộp đúng hạn cho cơ quan thuế địa phương."}
{"id":"vi-other","lang":"vi","text":"Đừng hạn chế, đừng hạn chế họ."}
{"id":"vi-tone","lang":"vi","text":"Hai bên đã hoà giải xong, đúng như dự kiến."}
"#,
    );
    // `Đừng hạn` twice in a short passage outscores `đúng hạn` once in a
    // long one by BM25; typed with its marks, `đúng` is the stronger
    // evidence, in both bonuses.
    assert_eq!(
        ranked(&env, "đúng hạn"),
        ["vi-typed", "vi-other", "vi-tone"]
    );
    let scores = score_lines(&env, "đúng hạn");
    assert!(
        scores[0].starts_with("1501.6 = all words 1000 + side by side 500 +"),
        "{scores:?}"
    );
    assert!(
        scores[1].starts_with("1402.1 = all words 950 + side by side 450 +"),
        "{scores:?}"
    );
    // Typed without marks, the two are folded alike: no grading.
    let scores = score_lines(&env, "dung han");
    assert!(
        scores[1].contains("all words 1000 + side by side 500"),
        "{scores:?}"
    );
    // A tone placed the other way (`hoà` for `hòa`) is the word as typed.
    let scores = score_lines(&env, "hòa giải đúng");
    assert!(
        scores[0].contains("all words 1000 + side by side 250"),
        "{scores:?}"
    );
}

#[test]
fn a_compound_typed_as_a_part_is_found_inside_a_longer_compound() {
    let env = indexed_from(
        r#"{"id":"de-inside","lang":"de","text":"Falls diese Befehlszeilenoption angegeben ist, wird nichts angezeigt."}
{"id":"de-apart","lang":"de","text":"Eine Option wird hier angegeben, der Befehl steht in der nächsten Zeile."}
"#,
    );
    // `Befehlszeile` is held inside `Befehlszeilenoption`, next to `Option`.
    assert_eq!(
        ranked(&env, "Option Befehlszeile angegeben"),
        ["de-inside", "de-apart"]
    );
    let v = env.json(&["--index", "idx", "Option Befehlszeile angegeben"]);
    assert_eq!(v["total_hits"], 1, "{v}");
}

#[test]
fn a_passage_holding_the_query_as_one_run_ranks_above_one_holding_its_pairs_apart() {
    let env = indexed_from(
        r#"{"id":"de-pairs","lang":"de","text":"Ein Dateisystem kann wachsen. Oft bleibt das Dateisystem eingehängt, während es wächst."}
{"id":"de-run","lang":"de","text":"Der Kernel meldet, dass ein Dateisystem eingehängt ist."}
{"id":"vi-pairs","lang":"vi","text":"Chọn và hiển thị bảng. Đóng hiển thị cửa sổ khi xong, rồi mở cửa sổ mới."}
{"id":"vi-run","lang":"vi","text":"Nhấn nút và hiển thị cửa sổ cấu hình."}
"#,
    );
    // Written as the passage has it, through compounds, and without
    // accents: each time the run ranks first, all pairs being held by both.
    for (query, first) in [
        ("ein Dateisystem eingehängt", "de-run"),
        ("ein System Datei eingehängt", "de-run"),
        ("va hien thi cua so", "vi-run"),
    ] {
        assert_eq!(ranked(&env, query)[0], first, "{query}");
    }
    let scores = score_lines(&env, "ein System Datei eingehängt");
    assert!(
        scores[0].contains(" = all words 1000 + side by side 400 + in one run 80 + BM25 "),
        "{scores:?}"
    );
    assert!(
        scores[1].contains(" = all words 1000 + side by side 400 + BM25 "),
        "{scores:?}"
    );
    // Typed with marks, the run as typed earns all of the bonus.
    let scores = score_lines(&env, "và hiển thị cửa sổ");
    assert!(scores[0].contains(" + in one run 100 + "), "{scores:?}");
}
