//! Other forms of what the user typed: the abbreviations the indexed texts
//! define, the user's synonyms files, CLDR's country names, and Vietnamese
//! names joined or split. Each form
//! finds the others, the typed form ranks first, and the notes say what
//! else was searched.

use serde_json::Value;

use crate::util::*;

/// Two passages that define abbreviations.
const GLOSSARY: &str = r#"{"id":"vi-viettat","lang":"vi","text":"Chữ viết tắt: Ủy ban nhân dân (UBND), Thành phố Hồ Chí Minh (TP.HCM)."}
{"id":"id-singkatan","lang":"id","text":"Daftar singkatan: Kementerian Kesehatan (Kemenkes)."}
"#;

/// Pairs of passages alike but for the form of one name, and a passage
/// with neither.
const CORPUS: &str = r#"{"id":"vi-ubnd","lang":"vi","text":"UBND tỉnh Nghệ An họp về kế hoạch phòng dịch mùa mưa."}
{"id":"vi-uyban","lang":"vi","text":"Ủy ban nhân dân tỉnh Nghệ An họp về kế hoạch phòng dịch mùa mưa."}
{"id":"vi-hoinghi","lang":"vi","text":"Hội nghị tỉnh Nghệ An bàn về kế hoạch phòng dịch mùa mưa."}
{"id":"id-kemenkes","lang":"id","text":"Kemenkes meminta rumah sakit menyiapkan ruang isolasi."}
{"id":"id-kementerian","lang":"id","text":"Kementerian Kesehatan meminta rumah sakit menyiapkan ruang isolasi."}
{"id":"id-dinas","lang":"id","text":"Dinas meminta rumah sakit menyiapkan ruang isolasi."}
{"id":"vi-tphcm","lang":"vi","text":"TP.HCM mở rộng mạng lưới trạm y tế cơ sở."}
{"id":"vi-thanhpho","lang":"vi","text":"Thành phố Hồ Chí Minh mở rộng mạng lưới trạm y tế cơ sở."}
{"id":"de-vietnam","lang":"de","text":"Vietnam baut die Zusammenarbeit mit Frankreich im Gesundheitswesen aus."}
{"id":"id-vietnam","lang":"id","text":"Vietnam memperluas kerja sama kesehatan dengan Prancis."}
{"id":"vi-vietnam","lang":"vi","text":"Việt Nam mở rộng hợp tác y tế với Pháp trong giai đoạn mới."}
{"id":"vi-credit","lang":"vi","text":"Bệnh viện mở rộng khoa cấp cứu trong giai đoạn mới. Ảnh: TTXVN/Vietnam+"}
{"id":"de-hanoi","lang":"de","text":"In Hanoi eröffnet ein neues Krankenhaus für Kinder."}
{"id":"vi-hanoi","lang":"vi","text":"Hà Nội khai trương bệnh viện nhi mới."}
{"id":"de-duc","lang":"de","text":"Der Maler Duc stellt seine Bilder in Berlin aus."}
{"id":"vi-duc","lang":"vi","text":"Ông Nguyễn Minh Đức phát biểu tại hội thảo."}
"#;

fn indexed() -> TestEnv {
    indexed_from(CORPUS)
}

/// The corpus after the glossary.
fn defined() -> TestEnv {
    indexed_from(&format!("{GLOSSARY}{CORPUS}"))
}

/// The articles of a search's passages, best first.
fn ranked(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--index", "idx", "--passages"];
    all.extend_from_slice(args);
    articles(&env.json(&all))
}

fn articles(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["article"].as_str().expect("article").to_string())
        .collect()
}

#[test]
fn abbreviations_the_texts_define_find_their_long_forms_and_the_typed_form_ranks_first() {
    let env = defined();
    // The articles defining them hold both forms, and rank first.
    assert_eq!(
        ranked(&env, &["UBND"]),
        ["vi-viettat", "vi-ubnd", "vi-uyban"]
    );
    for typed in ["Ủy ban nhân dân", "uy ban nhan dan"] {
        assert_eq!(
            ranked(&env, &[typed]),
            ["vi-viettat", "vi-uyban", "vi-ubnd"],
            "{typed}"
        );
    }
    assert_eq!(
        ranked(&env, &["Kemenkes"]),
        ["id-singkatan", "id-kemenkes", "id-kementerian"]
    );
    assert_eq!(
        ranked(&env, &["Kementerian Kesehatan"]),
        ["id-singkatan", "id-kementerian", "id-kemenkes"]
    );
    // Every spelling of the short form finds it as written.
    for typed in ["TP.HCM", "TPHCM", "TP HCM", "tp.hcm"] {
        assert_eq!(
            ranked(&env, &[typed]),
            ["vi-viettat", "vi-tphcm", "vi-thanhpho"],
            "{typed}"
        );
    }
    assert_eq!(
        ranked(&env, &["Thành phố Hồ Chí Minh"]),
        ["vi-viettat", "vi-thanhpho", "vi-tphcm"]
    );
}

#[test]
fn an_abbreviation_no_text_defines_is_searched_as_typed() {
    let env = indexed_from(&format!("{GLOSSARY}{CORPUS}").replace("Ủy ban nhân dân (UBND), ", ""));
    assert_eq!(ranked(&env, &["UBND"]), ["vi-ubnd"]);
    assert!(env.json(&["--index", "idx", "UBND"])["notes"].is_null());
}

#[test]
fn a_definition_leaves_with_the_article_that_gave_it() {
    let env = defined();
    assert_eq!(ranked(&env, &["Kemenkes"]).len(), 3);
    env.write(
        "news.jsonl",
        format!("{GLOSSARY}{CORPUS}").replace(GLOSSARY.lines().nth(1).expect("two lines"), ""),
    );
    let r = env.run(&["index", "--quiet", "--index", "idx", "news.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(ranked(&env, &["Kemenkes"]), ["id-kemenkes"]);
}

#[test]
fn the_notes_and_the_explanation_name_the_other_forms() {
    let env = defined();
    let v = env.json(&["--index", "idx", "UBND"]);
    assert_eq!(
        v["notes"],
        serde_json::json!(["UBND also searched as Ủy ban nhân dân (defined in 1 passage)"])
    );
    let v = env.json(&["--index", "idx", "TPHCM"]);
    assert_eq!(
        v["notes"],
        serde_json::json!([
            "TPHCM also searched as TP.HCM (defined in 1 passage)",
            "TPHCM also searched as Thành phố Hồ Chí Minh (defined in 1 passage)"
        ])
    );
    let r = env.run(&["--index", "idx", "UBND", "--explain", "--color", "never"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "    matched: UBND: Ủy ban nhân dân (other form)\n    \
             other forms: Ủy ban nhân dân for UBND (defined in 1 passage)\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("    matched: UBND: UBND (exact)\n    score: "),
        "{}",
        r.stdout
    );
}

#[test]
fn joined_vietnamese_names_find_their_syllables_and_back() {
    let env = indexed();
    // The typed form first; the photo credit "Vietnam+" ranks below the
    // article about Việt Nam.
    assert_eq!(
        ranked(&env, &["Vietnam"]),
        ["id-vietnam", "vi-vietnam", "de-vietnam", "vi-credit"]
    );
    assert_eq!(
        ranked(&env, &["Việt Nam"]),
        ["vi-vietnam", "id-vietnam", "de-vietnam", "vi-credit"]
    );
    assert_eq!(ranked(&env, &["Hanoi"]), ["de-hanoi", "vi-hanoi"]);
    assert_eq!(ranked(&env, &["hanoi"]), ["de-hanoi", "vi-hanoi"]);
    assert_eq!(ranked(&env, &["Hà Nội"]), ["vi-hanoi", "de-hanoi"]);
    assert_eq!(ranked(&env, &["Ha Noi"]), ["vi-hanoi", "de-hanoi"]);
    let v = env.json(&["--index", "idx", "Hanoi"]);
    assert_eq!(
        v["notes"],
        serde_json::json!(["Hanoi also searched as ha noi (a Vietnamese name in syllables)"])
    );
    // Indonesian words, roots or affixed, capitalised or not, are not
    // joined syllables (before: `Menteri` as `men te ri`, `buatan` as
    // `bua tan`).
    for word in ["Menteri", "buatan", "Kesehatan"] {
        let v = env.json(&["--index", "idx", word]);
        assert!(v["notes"].is_null(), "{word}: {}", v["notes"]);
    }
    // A one-letter syllable is not joined: `Bộ Y` (of `Bộ Y tế`) is not
    // `boy`; `Hà Nội` still is `hanoi`.
    let v = env.json(&["--index", "idx", "Thứ trưởng Bộ Y tế"]);
    assert!(v["notes"].is_null(), "{}", v["notes"]);
    let v = env.json(&["--index", "idx", "Hà Nội"]);
    assert_eq!(
        v["notes"],
        serde_json::json!(["Hà Nội also searched as hanoi (a Vietnamese name joined)"])
    );
}

#[test]
fn the_index_folders_synonyms_and_a_given_file_apply_without_reindexing() {
    let env = indexed();
    assert_eq!(ranked(&env, &["Dinas"]), ["id-dinas"]);
    env.write("idx/synonyms.txt", "# ours\nDinas, Hội nghị\n");
    assert_eq!(ranked(&env, &["Dinas"]), ["id-dinas", "vi-hoinghi"]);
    assert_eq!(ranked(&env, &["hội nghị"]), ["vi-hoinghi", "id-dinas"]);
    // One way: the left finds the right, not the reverse.
    env.write("mine.txt", "isolasi => mùa mưa\n");
    let with = ["--synonyms", "mine.txt"];
    let found = ranked(&env, &[&with[..], &["isolasi"]].concat());
    let (typed, other) = found.split_at(3.min(found.len()));
    let sorted = |s: &[String]| {
        let mut s = s.to_vec();
        s.sort();
        s
    };
    assert_eq!(sorted(typed), ["id-dinas", "id-kemenkes", "id-kementerian"]);
    assert_eq!(sorted(other), ["vi-hoinghi", "vi-ubnd", "vi-uyban"]);
    assert_eq!(
        ranked(&env, &[&with[..], &["\"mùa mưa\""]].concat()).len(),
        3
    );
    let v = env.json(&["--index", "idx", "--synonyms", "mine.txt", "isolasi"]);
    let notes = v["notes"].as_array().expect("notes");
    let note = notes[0].as_str().expect("note");
    assert!(
        note.starts_with("isolasi also searched as mùa mưa (") && note.ends_with("mine.txt)"),
        "{note}"
    );
}

#[test]
fn a_bad_synonyms_line_is_named_with_its_file_and_line() {
    let env = indexed();
    env.write("bad.txt", "# fine\nUBND, Ủy ban\nonly one form\n");
    let r = env.run(&["--index", "idx", "--synonyms", "bad.txt", "UBND"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "vsearch: bad.txt:3: \"only one form\" names one form; give two or more, separated by \
         commas, or \"a => b\"\n"
    );
    let missing = env.run(&["--index", "idx", "--synonyms", "nope.txt", "UBND"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.starts_with("vsearch: nope.txt: "),
        "{}",
        missing.stderr
    );
}

#[test]
fn country_names_from_cldr_cross_the_languages_below_the_typed_spelling() {
    let env = indexed();
    // The typed spelling first, then the others, in any order.
    for (typed, first) in [
        ("Pháp", "vi-vietnam"),
        ("Frankreich", "de-vietnam"),
        ("Prancis", "id-vietnam"),
    ] {
        let mut found = ranked(&env, &[typed]);
        assert_eq!(found[0], first, "{typed}");
        found.sort();
        assert_eq!(found, ["de-vietnam", "id-vietnam", "vi-vietnam"], "{typed}");
    }
    // Lower case, `pháp` is a word (law), not the country.
    assert_eq!(ranked(&env, &["pháp"]), ["vi-vietnam"]);
    let v = env.json(&["--index", "idx", "Đức"]);
    assert_eq!(
        v["notes"],
        serde_json::json!([
            "Đức also searched as Deutschland (CLDR country names)",
            "Đức also searched as Jerman (CLDR country names)",
            "Đức also searched as Germany (CLDR country names)"
        ])
    );
}

#[test]
fn vietnamese_marks_stay_in_vietnamese() {
    let env = indexed();
    // Typed without marks, the word is any language's.
    let mut plain = ranked(&env, &["duc"]);
    plain.sort();
    assert_eq!(plain, ["de-duc", "vi-duc"]);
    // With them, only Vietnamese passages hold it (the German country's
    // names are other forms of the capitalised word).
    assert_eq!(ranked(&env, &["đức"]), ["vi-duc"]);
    assert_eq!(ranked(&env, &["Minh Đức"]), ["vi-duc"]);
}

/// The marks a search puts in its top hit's snippet.
fn marks(env: &TestEnv, query: &str) -> Vec<String> {
    let v = env.json(&["--index", "idx", "--passages", query]);
    highlighted(&v["hits"][0])
}

#[test]
fn phrases_mark_only_where_their_words_stand_together() {
    let env = indexed_from(
        r#"{"id":"de-ziel","lang":"de","text":"Die Gesundheit der Bevölkerung ist ein Ziel der Regierung und der Länder."}
{"id":"de-reich","lang":"de","text":"Frankreich war erfolgreich, und die Handbuchseite nennt Makros und Menüs."}
"#,
    );
    assert_eq!(
        marks(&env, "\"Gesundheit der Bevölkerung\""),
        ["Gesundheit", "der", "Bevölkerung"]
    );
    // Words alone mark wherever they stand.
    assert_eq!(
        marks(&env, "Regierung der"),
        ["der", "der", "Regierung", "der"]
    );
    // A compound does not mark another that holds one of its parts.
    assert_eq!(marks(&env, "Frankreich"), ["Frankreich"]);
    // Gaps the issue named: -s plurals after a vowel, the left-branching
    // split (handbuch|seite, so Seite finds it and Buchseite does not).
    assert_eq!(marks(&env, "Makro"), ["Makros"]);
    assert_eq!(marks(&env, "Menü"), ["Menüs"]);
    assert_eq!(marks(&env, "Handbuch"), ["Handbuchseite"]);
    assert_eq!(ranked(&env, &["Buchseite"]), Vec::<String>::new());
}

#[test]
fn the_spelling_typed_breaks_ties_with_and_without_accents() {
    let env = indexed_from(
        r#"{"id":"vi-ngay-a","lang":"vi","text":"Hội đồng họp ngày thứ hai để bàn kế hoạch."}
{"id":"vi-ngay","lang":"vi","text":"Hội đồng họp ngay thứ hai để bàn kế hoạch."}
{"id":"vi-du","lang":"vi","text":"Dự án được thông qua trong kỳ họp."}
{"id":"vi-du-a","lang":"vi","text":"Dữ án được thông qua trong kỳ họp."}
"#,
    );
    assert_eq!(ranked(&env, &["ngay"]), ["vi-ngay", "vi-ngay-a"]);
    assert_eq!(ranked(&env, &["ngày"]), ["vi-ngay-a", "vi-ngay"]);
    assert_eq!(ranked(&env, &["dự"]), ["vi-du", "vi-du-a"]);
    assert_eq!(ranked(&env, &["dữ"]), ["vi-du-a", "vi-du"]);
    assert_eq!(ranked(&env, &["ngay thu hai"])[0], "vi-ngay");
}

#[test]
fn a_word_is_searched_in_at_most_sixteen_other_forms() {
    let env = indexed();
    let forms: Vec<String> = (0..40).map(|i| format!("form{i}")).collect();
    env.write("many.txt", format!("Dinas, {}\n", forms.join(", ")));
    let v = env.json(&["--index", "idx", "--synonyms", "many.txt", "Dinas"]);
    let notes: Vec<&str> = v["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().expect("note"))
        .collect();
    assert_eq!(notes.len(), 16, "{notes:?}");
    assert!(
        notes[15].starts_with("Dinas also searched as form15 ("),
        "{}",
        notes[15]
    );
}

#[test]
fn a_word_written_alone_ranks_above_it_inside_compounds() {
    let env = indexed_from(
        r#"{"id":"de-compounds","lang":"de","text":"Das Gesundheitswesen der Kinder hat für die Regierung Vorrang."}
{"id":"de-plain","lang":"de","text":"Die Gesundheit der Kinder hat für die Regierung Vorrang."}
{"id":"de-dienst","lang":"de","text":"Der Diensteverwalter prüft die Einträge jeden Morgen."}
{"id":"de-verwalter","lang":"de","text":"Der Verwalter prüft die Einträge jeden Morgen."}
"#,
    );
    assert_eq!(ranked(&env, &["Gesundheit"]), ["de-plain", "de-compounds"]);
    assert_eq!(ranked(&env, &["Verwalter"]), ["de-verwalter", "de-dienst"]);
    // A compound is never found through one of its parts.
    assert_eq!(ranked(&env, &["Diensteverwalter"]), ["de-dienst"]);
    // Parts still mark the compound they are in.
    assert_eq!(marks(&env, "Verwalter"), ["Verwalter"]);
    let v = env.json(&["--index", "idx", "--passages", "Verwalter"]);
    assert_eq!(highlighted(&v["hits"][1]), ["Diensteverwalter"]);
}

#[test]
fn stemmed_forms_rank_below_the_form_typed_when_scores_tie() {
    // Alike but for one word, which stems the same in both passages.
    let env = indexed_from(
        r#"{"id":"de-der","lang":"de","text":"Die Kommission der Stadt legt den Bericht vor."}
{"id":"de-deren","lang":"de","text":"Die Kommission deren Stadt legt den Bericht vor."}
{"id":"id-menampilkan","lang":"id","text":"Menteri menjelaskan cara menampilkan data baru."}
{"id":"id-tampilan","lang":"id","text":"Menteri menjelaskan cara tampilan data baru."}
"#,
    );
    let by_article = |q: &str| articles(&env.json(&["--index", "idx", q]));
    for (query, first, second) in [
        ("deren", "de-deren", "de-der"),
        ("der Kommission", "de-der", "de-deren"),
        ("tampilan", "id-tampilan", "id-menampilkan"),
        ("menampilkan data", "id-menampilkan", "id-tampilan"),
    ] {
        assert_eq!(ranked(&env, &[query]), [first, second], "{query}");
        assert_eq!(by_article(query), [first, second], "{query}");
    }
    // Both passages still match, with the same score.
    let v = env.json(&["--index", "idx", "--passages", "deren"]);
    assert_eq!(v["hits"][0]["score"], v["hits"][1]["score"]);
}
