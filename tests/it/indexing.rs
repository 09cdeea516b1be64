//! Indexing runs: incremental updates, formats, big files.

use serde_json::Value;

use crate::util::*;

#[test]
fn reindexing_is_incremental() {
    let env = TestEnv::new();
    let r = env.run(&["index", "--quiet", "--verbose"]);
    assert!(
        r.stderr.starts_with(
            "vsearch: indexed 5 articles (5 added, 0 updated, 0 unchanged), 95 passages written"
        ),
        "{}",
        r.stderr
    );
    let r = env.run(&["index", "--quiet", "--verbose"]);
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
    let r = env.run(&["index", "--quiet", "--verbose"]);
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
    let r = env.run(&["index", "--quiet", "--verbose", "--rebuild"]);
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
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
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
    // The date inside its first sentence is what the circular was issued
    // on, not a dateline: the record stays undated.
    assert_eq!(v["hits"][0]["date"], Value::Null);
    let v = env.json(&["Kennung"]);
    assert_eq!(v["hits"][0]["article"], "j\"3");
    // Unchanged records (an escaped id too) are recognised from their id
    // and bytes; an edited one is replaced.
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 4 articles (0 added, 0 updated, 4 unchanged)"),
        "{}",
        r.stderr
    );
    let jsonl = std::fs::read_to_string(env.path("in/b.jsonl")).unwrap();
    std::fs::write(env.path("in/b.jsonl"), jsonl.replace("Kennung", "Nummer")).unwrap();
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
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
    let r = env.run(&["index", "--quiet", "--verbose", "huge.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 34 articles (34 added, 0 updated, 0 unchanged)"),
        "{}",
        r.stderr
    );
    let v = env.json(&["omegaendword"]);
    assert_eq!(v["hits"][0]["article"], "huge.txt#34");
    assert_eq!(v["hits"][0]["path"], "huge.txt");
    let r = env.run(&["index", "--quiet", "--verbose", "huge.txt"]);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 34 articles (0 added, 0 updated, 34 unchanged)"),
        "{}",
        r.stderr
    );
}

// --- issue 11, part B --------------------------------------------------------

/// B6: only a dateline dates an article, within 1900 to a year ahead;
/// anything else is reported and left out, and no date wraps around.
#[test]
fn only_a_plausible_dateline_dates_an_article() {
    let env = TestEnv::empty();
    env.write(
        "d/old.txt",
        "Phú Xuân, ngày 2/3/1657 – Quân Trịnh và quân Nguyễn giao chiến lớn ở bờ sông Gianh.",
    );
    env.write(
        "d/event.txt",
        "Die Zusammenarbeit der beiden Länder begann lange vor dem Vertrag, der am 3. Oktober 1990 in Berlin unterzeichnet wurde.\n\nSeitdem wächst sie stetig.",
    );
    env.write(
        "d/dateline.txt",
        "Berlin, 12. März 2025 – Der Bundestag hat die Förderung der Forschung beschlossen.",
    );
    env.write(
        "d/stated.md",
        "---\ndate: 1850-01-01\n---\nEin Artikel über die Kliniken der Stadt und ihre Geschichte.",
    );
    let r = env.run(&["index", "--quiet", "--verbose", "d"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warnings: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("vsearch: warning:"))
        .collect();
    let last = (2026..=2100)
        .find(|y| warnings[0].contains(&format!("to {y}-12-31")))
        .expect("the window's end");
    assert_eq!(
        warnings,
        [
            format!("vsearch: warning: d/old.txt: dateline date 1657-03-02 is outside 1900-01-01 to {last}-12-31; the article is left undated"),
            format!("vsearch: warning: d/stated.md: stated date 1850-01-01 is outside 1900-01-01 to {last}-12-31; the article is left undated"),
        ]
    );
    let date = |word: &str| env.json(&[word])["hits"][0]["date"].clone();
    assert_eq!(date("Gianh"), Value::Null);
    assert_eq!(date("Vertrag"), Value::Null);
    assert_eq!(date("Bundestag"), "2025-03-12");
    assert_eq!(date("Kliniken"), Value::Null);
    let r = env.run(&["stats"]);
    assert!(
        r.stdout.contains("dates:     2025-03-12 to 2025-03-12\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("undated:   3 articles\n"), "{}", r.stdout);
    // Open filter ends reach far back without wrapping.
    assert_eq!(env.json(&["Bundestag date:..2025-12"])["total_hits"], 1);
    assert_eq!(env.json(&["Bundestag", "--from", "1000"])["total_hits"], 1);
}

/// B7: articles whose files are gone from a re-indexed folder are removed,
/// and so are records gone from a JSONL file; the summary counts them.
#[test]
fn deleted_and_renamed_files_leave_the_index() {
    let env = TestEnv::new().indexed();
    std::fs::remove_file(env.path("seeds/004_2f36633df2a44784.txt")).unwrap();
    std::fs::rename(
        env.path("seeds/001_722784beb402a23f.txt"),
        env.path("seeds/renamed.txt"),
    )
    .unwrap();
    let r = env.run(&["index", "--quiet", "--verbose"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("vsearch: indexed 4 articles (1 added, 0 updated, 3 unchanged)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("; removed 2 articles whose files are gone"),
        "{}",
        r.stderr
    );
    assert_eq!(articles_in_index(&env), 4);
    assert_eq!(env.json(&["Telemedizin"])["total_hits"], 0);
    assert_eq!(
        prefixes(&env.json(&["Resolusi", "--per-article", "1"])),
        ["ren"]
    );
    // A record taken out of a JSONL file goes too; its neighbours stay.
    env.write("j/a.jsonl", "{\"id\": \"r1\", \"text\": \"Erster Eintrag über Forschung.\"}\n{\"id\": \"r2\", \"text\": \"Zweiter Eintrag über Lehre.\"}\n");
    assert_eq!(env.run(&["index", "--quiet", "--verbose", "j"]).code, 0);
    env.write(
        "j/a.jsonl",
        "{\"id\": \"r1\", \"text\": \"Erster Eintrag über Forschung.\"}\n",
    );
    let r = env.run(&["index", "--quiet", "--verbose", "j"]);
    assert!(
        r.stderr.contains("(0 added, 0 updated, 1 unchanged)")
            && r.stderr.contains("removed 1 article whose file is gone"),
        "{}",
        r.stderr
    );
    assert_eq!(env.json(&["Lehre"])["total_hits"], 0);
    assert_eq!(env.json(&["Forschung"])["hits"][0]["article"], "r1");
    // Indexing one folder leaves the articles of another alone.
    assert_eq!(articles_in_index(&env), 5);
}

/// B8: one file is one article, whatever spelling of its path is given.
#[test]
fn one_file_is_one_article_however_its_path_is_spelled() {
    let env = TestEnv::new().indexed();
    let absolute = env.path("seeds").canonicalize().unwrap();
    std::os::unix::fs::symlink(&absolute, env.path("link")).unwrap();
    for spelling in [
        absolute.to_str().unwrap(),
        "./seeds",
        "link",
        "seeds/../seeds",
    ] {
        let r = env.run(&["index", "--quiet", "--verbose", spelling]);
        assert!(
            r.stderr
                .starts_with("vsearch: indexed 5 articles (0 added, 0 updated, 5 unchanged)"),
            "{spelling}: {}",
            r.stderr
        );
    }
    assert_eq!(articles_in_index(&env), 5);
    let v = env.json(&["Nghị quyết 72"]);
    assert_eq!(v["hits"][0]["article"], "seeds/000_ad85081284aaedf5.txt");
    assert_eq!(v["hits"][0]["path"], "seeds/000_ad85081284aaedf5.txt");
    // From another working directory the same files keep one article each.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(bin())
        .args(["index", "--quiet", "--verbose", "--index"])
        .arg(env.path("index"))
        .arg(&absolute)
        .current_dir(elsewhere.path())
        .env_remove("VSEARCH_INDEX")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(articles_in_index(&env), 5);
}

/// B9: inserting a record at the top of a JSONL file re-indexes that
/// record only.
#[test]
fn an_inserted_record_reindexes_only_itself() {
    let env = TestEnv::empty();
    let records: Vec<String> = (0..5)
        .map(|i| format!("{{\"id\": \"r{i}\", \"lang\": \"de\", \"text\": \"Bericht Nummer {i} über die Zusammenarbeit.\"}}"))
        .collect();
    env.write("a.jsonl", records.join("\n"));
    assert_eq!(
        env.run(&["index", "--quiet", "--verbose", "a.jsonl"]).code,
        0
    );
    let new =
        "{\"id\": \"new\", \"lang\": \"de\", \"text\": \"Ein neuer Bericht über Forschung.\"}";
    env.write("a.jsonl", format!("{new}\n{}", records.join("\n")));
    let r = env.run(&["index", "--quiet", "--verbose", "a.jsonl"]);
    assert!(
        r.stderr.starts_with(
            "vsearch: indexed 6 articles (1 added, 0 updated, 5 unchanged), 1 passage written"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn timings_name_every_stage_after_the_summary() {
    let env = TestEnv::new();
    let r = env.run(&["index", "--quiet", "--verbose", "--timings"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(
        lines[0].starts_with("vsearch: indexed 5 articles"),
        "{}",
        r.stderr
    );
    let stages: Vec<&str> = lines[1..]
        .iter()
        .map(|l| {
            let label = l.split("  ").next().unwrap_or_default();
            label.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        })
        .collect();
    assert_eq!(
        stages,
        [
            "stage",
            "read: files to passages",
            "documents: passages to index documents",
            "hand-over: waiting for the indexers",
            "commit: last segments, merges",
            "reading thread, CPU",
            "indexing threads, CPU",
            "whole run, wall",
            "whole run, CPU",
            "cores busy on average: ",
        ]
    );
    // Every stage row ends in its seconds and the input's MB/s, or `-`.
    for line in &lines[2..lines.len() - 1] {
        let cols: Vec<&str> = line.split_whitespace().rev().take(2).collect();
        assert!(cols[1].parse::<f64>().is_ok(), "{line}");
        assert!(cols[0] == "-" || cols[0].parse::<f64>().is_ok(), "{line}");
    }
    // Without the flag, the summary stands alone.
    let r = env.run(&["index", "--quiet", "--verbose"]);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
}
