//! Indexing runs: incremental updates, formats, big files.

use serde_json::Value;

use crate::util::*;

#[test]
fn reindexing_is_incremental() {
    let env = TestEnv::new();
    let r = env.run(&["index", "--quiet"]);
    assert!(
        r.stderr.starts_with(
            "vsearch: indexed 5 articles (5 added, 0 updated, 0 unchanged), 95 passages written"
        ),
        "{}",
        r.stderr
    );
    let r = env.run(&["index", "--quiet"]);
    assert!(
        r.stderr.starts_with(
            "vsearch: indexed 5 articles (0 added, 0 updated, 5 unchanged), 0 passages written"
        ),
        "{}",
        r.stderr
    );
    let path = env.path("seeds/002_d453d197814015a7.txt");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n\nMột đoạn mới về hợp tác xyzzyq trong lĩnh vực y tế của thành phố Hà Nội được bổ sung sau.\n");
    std::fs::write(&path, text).unwrap();
    let r = env.run(&["index", "--quiet"]);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 5 articles (0 added, 1 updated, 4 unchanged)"),
        "{}",
        r.stderr
    );
    let v = env.json(&["xyzzyq"]);
    assert_eq!(prefixes(&v), ["002"]);
    // The new last passage went into a new segment with the rest of its
    // article, whose first passage holds the title and path.
    let hit = &v["hits"][0];
    assert_eq!(hit["passage"], 15);
    assert_eq!(hit["path"], "seeds/002_d453d197814015a7.txt");
    assert_eq!(
        hit["title"],
        "Hà Nội: Hợp tác với các quốc gia có nền y học tiên tiến trên thế giới"
    );
    let r = env.run(&["stats", "--json"]);
    let s: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s["articles"], 5);
    let r = env.run(&["index", "--quiet", "--rebuild"]);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 5 articles (5 added, 0 updated, 0 unchanged)"),
        "{}",
        r.stderr
    );
}

#[test]
fn formats_front_matter_and_jsonl() {
    let env = TestEnv::empty();
    env.write(
        "in/a.md",
        "---\ntitle: Krankenhäuser in Hanoi\ndate: 2024-03-02\nlang: de\n---\n# Überschrift\n\nDie Krankenhäuser der Stadt Hanoi arbeiten enger mit französischen Partnern zusammen als je zuvor.\n",
    );
    env.write(
        "in/b.jsonl",
        concat!(
            "{\"id\": \"j1\", \"lang\": \"id\", \"title\": null, \"date\": \"2025-01-02\", \"text\": \"Pemerintah merawat rumah sakit daerah dengan dana baru untuk perawatan pasien.\", \"extra\": 1}\n",
            "{\"id\": \"j2\", \"lang\": null, \"date\": null, \"text\": \"Bộ Y tế ban hành Thông tư số 05/2025/TT-BYT ngày 3 tháng 2 năm 2025 về khám chữa bệnh từ xa.\"}\n",
            "{\"id\": \"j\\\"3\", \"text\": \"Ein Artikel, dessen Kennung ein Anführungszeichen enthält.\"}\n",
        ),
    );
    let r = env.run(&["index", "--quiet", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = env.json(&["Krankenhaus"]);
    assert_eq!(v["hits"][0]["title"], "Krankenhäuser in Hanoi");
    assert_eq!(v["hits"][0]["date"], "2024-03-02");
    assert_eq!(v["hits"][0]["article"], "in/a.md");
    let v = env.json(&["rawat"]);
    assert_eq!(v["hits"][0]["article"], "j1");
    // A record's path is its file: where in the file it sits changes
    // when records are inserted, and is no part of the article.
    assert_eq!(v["hits"][0]["path"], "in/b.jsonl");
    let v = env.json(&["thong tu 5"]);
    assert_eq!(v["hits"][0]["article"], "j2");
    assert_eq!(v["hits"][0]["lang"], "vi");
    assert_eq!(v["hits"][0]["date"], "2025-02-03");
    let v = env.json(&["Kennung"]);
    assert_eq!(v["hits"][0]["article"], "j\"3");
    // Unchanged records (an escaped id too) are recognised from their id
    // and bytes; an edited one is replaced.
    let r = env.run(&["index", "--quiet", "in"]);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 4 articles (0 added, 0 updated, 4 unchanged)"),
        "{}",
        r.stderr
    );
    let jsonl = std::fs::read_to_string(env.path("in/b.jsonl")).unwrap();
    std::fs::write(env.path("in/b.jsonl"), jsonl.replace("Kennung", "Nummer")).unwrap();
    let r = env.run(&["index", "--quiet", "in"]);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 4 articles (0 added, 1 updated, 3 unchanged)"),
        "{}",
        r.stderr
    );
    assert_eq!(env.json(&["Nummer"])["hits"][0]["article"], "j\"3");
}

/// A text file over 64 MiB is read and indexed in parts (`path#N`), so memory
/// stays bounded; the README gives the peak memory measured for 200 MB.
#[test]
fn a_huge_text_file_is_indexed_in_parts() {
    let env = TestEnv::empty();
    let paragraph =
        "Die Zusammenarbeit im Gesundheitswesen zwischen Vietnam und Frankreich wird vertieft, \
                     mit gemeinsamer Forschung, Ausbildung und dem Austausch von Fachkräften.\n\n";
    let mut text = String::with_capacity(70 << 20);
    while text.len() < (66 << 20) {
        text.push_str(paragraph);
    }
    text.push_str("Am Ende steht ein einzigartiges Schlusswort omegaendword für diese Datei.\n");
    env.write("huge.txt", text);
    let r = env.run(&["index", "--quiet", "huge.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 9 articles (9 added, 0 updated, 0 unchanged)"),
        "{}",
        r.stderr
    );
    let v = env.json(&["omegaendword"]);
    assert_eq!(v["hits"][0]["article"], "huge.txt#9");
    assert_eq!(v["hits"][0]["path"], "huge.txt");
    let r = env.run(&["index", "--quiet", "huge.txt"]);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 9 articles (0 added, 0 updated, 9 unchanged)"),
        "{}",
        r.stderr
    );
}
