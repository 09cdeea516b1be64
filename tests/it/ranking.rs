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
        scores[0].contains("all words 1000 + side by side 440"),
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

#[test]
fn german_and_indonesian_words_held_as_typed_rank_above_their_stems() {
    let env = indexed_from(
        r#"{"id":"de-typed","lang":"de","text":"Im Bericht der Kommission, deren Mitglieder aus allen Ländern des Verbunds kommen, stehen die Zahlen des vergangenen Jahres."}
{"id":"de-stem","lang":"de","text":"Der Bericht der Kommission."}
{"id":"id-typed","lang":"id","text":"Atur tampilan jendela utama sesuai keinginan Anda sebelum menyimpan dokumen yang sedang dibuka di penyunting."}
{"id":"id-stem","lang":"id","text":"Menampilkan jendela utama."}
"#,
    );
    // `deren` and `der` share a stem, `tampilan` and `menampilkan` a root:
    // the short passages win on BM25 alone, the words as typed win here.
    assert_eq!(ranked(&env, "deren Kommission"), ["de-typed", "de-stem"]);
    assert_eq!(ranked(&env, "tampilan jendela"), ["id-typed", "id-stem"]);
    let scores = score_lines(&env, "tampilan jendela");
    assert!(
        scores[0].contains(" = all words 1000 + side by side 500 + BM25 "),
        "{scores:?}"
    );
    assert!(
        scores[1].contains(" = all words 950 (1 of 2 as typed) + side by side 500 + BM25 "),
        "{scores:?}"
    );
    // A word typed without its ending is held as another form, not typed.
    let scores = score_lines(&env, "Kommissionen Bericht");
    assert!(
        scores[0].contains("all words 950 (1 of 2 as typed)"),
        "{scores:?}"
    );
}

#[test]
fn a_german_compound_the_query_typed_apart_counts_as_typed() {
    let env = indexed_from(
        r#"{"id":"de-compound","lang":"de","text":"Falls diese Befehlszeilenoption angegeben ist, wird nichts weiter angezeigt als die Meldung selbst."}
{"id":"de-ending","lang":"de","text":"Die Befehlszeilen und Optionen sind angegeben."}
{"id":"de-part","lang":"de","text":"Die Optionsliste ist angegeben."}
"#,
    );
    let scores = score_lines(&env, "Option Befehlszeile angegeben");
    // The compound is the two words typed apart; `Optionen` and
    // `Befehlszeilen` hold them with an ending only.
    assert_eq!(
        ranked(&env, "Option Befehlszeile angegeben")[0],
        "de-compound"
    );
    assert!(scores[0].contains("all words 1000 +"), "{scores:?}");
    assert!(
        scores[1].contains("all words 933 (1 of 3 as typed)"),
        "{scores:?}"
    );
    // A word inside a compound the query does not make up is a part.
    let scores = score_lines(&env, "Option angegeben");
    let order = ranked(&env, "Option angegeben");
    let part = order.iter().position(|a| a == "de-part").expect("de-part");
    assert!(
        scores[part].contains("all words 950 (1 of 2 as typed)"),
        "{scores:?}"
    );
}

#[test]
fn pairs_of_common_words_earn_a_small_share_of_the_side_by_side_bonus() {
    let filler: String = (0..6)
        .map(|i| format!("{{\"id\":\"vi-filler-{i}\",\"lang\":\"vi\",\"text\":\"Báo cáo của sở số {i}.\"}}\n"))
        .collect();
    let env = indexed_from(&format!(
        r#"{{"id":"vi-content","lang":"vi","text":"Quyết định này được ban hành sau phiên họp của hội đồng và tòa đã công bố."}}
{{"id":"vi-function","lang":"vi","text":"Việc xác định của tòa về quyết tâm cải cách đã rõ."}}
{filler}"#
    ));
    // `định của` and `của tòa` hold the most common word, `của`: the
    // passage holding `quyết định` side by side ranks first.
    assert_eq!(
        ranked(&env, "quyết định của tòa")[..2],
        ["vi-content", "vi-function"]
    );
    let scores = score_lines(&env, "quyết định của tòa");
    let share = |line: &str| -> f32 {
        let after = line.split("side by side ").nth(1).expect("side by side");
        after
            .split(' ')
            .next()
            .expect("share")
            .parse()
            .expect("number")
    };
    assert!(share(&scores[0]) > 2.0 * share(&scores[1]), "{scores:?}");
}
