//! End-to-end tests of the `vsearch` binary over the seed articles and
//! inputs built on the fly. One test binary; every test gets its own
//! temporary directory with a copy of `seeds/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

/// A temporary working directory holding a copy of the seeds.
struct TestEnv {
    dir: tempfile::TempDir,
}

/// What a run of the binary printed and returned.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl TestEnv {
    fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        std::fs::create_dir(dir.path().join("seeds")).expect("seeds dir");
        for entry in std::fs::read_dir(seeds).expect("seeds") {
            let entry = entry.expect("entry");
            std::fs::copy(
                entry.path(),
                dir.path().join("seeds").join(entry.file_name()),
            )
            .expect("copy");
        }
        TestEnv { dir }
    }

    /// A directory without seeds.
    fn empty() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, content).expect("write");
        path
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(Command::new(env!("CARGO_BIN_EXE_vsearch")), args)
    }

    /// Runs `cmd` (vsearch, or a wrapper around it) in the test directory.
    fn run_with(&self, mut cmd: Command, args: &[&str]) -> Run {
        let out = cmd
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("VSEARCH_INDEX")
            .env_remove("NO_COLOR")
            .output()
            .expect("run vsearch");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Indexes the seeds quietly and checks that it worked.
    fn indexed(self) -> TestEnv {
        let r = self.run(&["index", "--quiet"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        self
    }

    /// Runs vsearch unable to read files its permissions forbid, even as
    /// root (which CI is): then it runs without the capabilities that let
    /// root read anything.
    fn run_unprivileged(&self, args: &[&str]) -> Run {
        let uid = Command::new("id").arg("-u").output().expect("id -u");
        let cmd = if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
            let mut c = Command::new("setpriv");
            c.args([
                "--bounding-set=-dac_override,-dac_read_search",
                "--inh-caps=-dac_override,-dac_read_search",
                env!("CARGO_BIN_EXE_vsearch"),
            ]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_vsearch"))
        };
        self.run_with(cmd, args)
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
        serde_json::from_str(&r.stdout).expect("JSON output")
    }
}

fn prefixes(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            h["article"]
                .as_str()
                .expect("article")
                .trim_start_matches("seeds/")[..3]
                .to_string()
        })
        .collect()
}

fn langs(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["lang"].as_str().unwrap_or("").to_string())
        .collect()
}

fn highlighted(hit: &Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().expect("snippet");
    hit["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|r| {
            let (a, b) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            snippet[a..b].to_string()
        })
        .collect()
}

// --- the README's first command -----------------------------------------

#[test]
fn first_search_builds_the_index_and_ranks_the_resolution_first() {
    let env = TestEnv::new();
    let r = env.run(&["Nghị quyết 72", "--color", "never"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("vsearch: no index at index; building it from seeds/\n"),
        "{}",
        r.stderr
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with(" 1. "), "{}", lines[0]);
    assert!(
        lines[0].ends_with("  vi  2025-11-01  Ngày 1-11, Hội nghị Y học Pháp - Việt lần thứ hai khai mạc tại Trường Đại học Y Hà Nội, với sự tham…"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "    seeds/000_ad85081284aaedf5.txt #2");
    assert!(
        lines[2].contains("Ông cho biết [Nghị] [quyết] [72] của Bộ Chính trị"),
        "{}",
        lines[2]
    );
    assert!(
        r.stdout.ends_with("\n10 of 17 matching passages\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn colour_on_request() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["Telemedicine", "--color", "always"]);
    assert!(
        r.stdout.contains("\x1b[1;31mTelemedicine\x1b[0m"),
        "{}",
        r.stdout
    );
    let r = env.run(&["Telemedicine"]);
    assert!(!r.stdout.contains('\x1b'), "piped output is plain");
}

// --- JSON and ranking ------------------------------------------------------

#[test]
fn json_has_the_documented_shape() {
    let env = TestEnv::new().indexed();
    let v = env.json(&["Nghị quyết 72"]);
    assert_eq!(v["query"], "Nghị quyết 72");
    assert_eq!(v["total_hits"], 17);
    let hit = &v["hits"][0];
    assert_eq!(hit["article"], "seeds/000_ad85081284aaedf5.txt");
    assert_eq!(hit["path"], "seeds/000_ad85081284aaedf5.txt");
    assert_eq!(hit["lang"], "vi");
    assert_eq!(hit["date"], "2025-11-01");
    assert_eq!(hit["passage"], 2);
    assert!(hit["score"].as_f64().unwrap() > 1000.0);
    assert!(hit["text"]
        .as_str()
        .unwrap()
        .contains("Nghị quyết 72 của Bộ Chính trị"));

    assert!(highlighted(hit).ends_with(&[
        "Nghị".to_string(),
        "quyết".to_string(),
        "72".to_string()
    ]));
}

#[test]
fn resolution_72_is_found_in_every_language() {
    let env = TestEnv::new().indexed();
    let v = env.json(&["Nghị quyết 72"]);
    let top5 = &prefixes(&v)[..5];
    assert_eq!(top5[0], "000");
    for p in ["001", "004"] {
        assert!(top5.contains(&p.to_string()), "{top5:?}");
    }
    let v = env.json(&["72-NQ/TW"]);
    let l = langs(&v);
    for lang in ["vi", "id", "de"] {
        assert!(l.contains(&lang.to_string()), "{l:?}");
    }
}

#[test]
fn diacritic_free_nfd_and_new_tone_queries_find_the_same_passage() {
    let env = TestEnv::new().indexed();
    let top = |q: &str| {
        let v = env.json(&[q]);
        (
            v["hits"][0]["article"].clone(),
            v["hits"][0]["passage"].clone(),
        )
    };
    let nfc = top("Nghị quyết 72");
    assert_eq!(top("nghi quyet 72"), nfc);
    assert_eq!(top("Nghi\u{323} quye\u{302}\u{301}t 72"), nfc);
    let v = env.json(&["hiện đại hoá"]);
    assert!(
        highlighted(&v["hits"][0]).contains(&"hóa".to_string()),
        "{:?}",
        v["hits"][0]
    );
}

#[test]
fn one_prompt_for_three_languages() {
    let env = TestEnv::new().indexed();
    assert_eq!(langs(&env.json(&["Krankenhaus"]))[0], "de");
    let v = env.json(&["merawat"]);
    assert_eq!(langs(&v)[0], "id");
    assert!(highlighted(&v["hits"][0])
        .iter()
        .any(|w| w == "perawatan" || w == "merawat"));
    assert_eq!(langs(&env.json(&["sức khoẻ"]))[0], "vi");
    let v = env.json(&["Abkommen"]);
    assert!(v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| highlighted(h).contains(&"Gesundheitskooperationsabkommens".to_string())));
}

#[test]
fn adjacent_syllables_rank_first() {
    let env = TestEnv::new().indexed();
    let v = env.json(&["chuyển đổi số"]);
    assert!(v["hits"][0]["text"]
        .as_str()
        .unwrap()
        .contains("chuyển đổi số"));
    assert_eq!(prefixes(&v)[0], "003");
}

// --- filters and facets ------------------------------------------------------

#[test]
fn language_filter_accepts_several() {
    let env = TestEnv::new().indexed();
    let v = env.json(&["Vietnam", "--lang", "de,id", "-n", "100"]);
    let l = langs(&v);
    assert!(!l.is_empty());
    assert!(l.iter().all(|x| x == "de" || x == "id"), "{l:?}");
    assert!(l.contains(&"de".to_string()) && l.contains(&"id".to_string()));
    let v = env.json(&["Vietnam lang:de", "-n", "100"]);
    assert!(langs(&v).iter().all(|x| x == "de"));
}

#[test]
fn month_filter_is_the_whole_month() {
    let env = TestEnv::new().indexed();
    let v = env.json(&[
        "Vietnam", "--from", "2025-10", "--to", "2025-10", "-n", "100",
    ]);
    let mut p = prefixes(&v);
    p.sort();
    p.dedup();
    assert_eq!(p, ["001", "004"]);
    let v = env.json(&["hợp tác date:2025-05..2025-06", "-n", "100"]);
    let mut p = prefixes(&v);
    p.sort();
    p.dedup();
    assert_eq!(p, ["002", "003"]);
}

#[test]
fn facet_counts_match_the_hit_list() {
    let env = TestEnv::new().indexed();
    let v = env.json(&["hợp tác", "--facets", "-n", "1000"]);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len() as u64, v["total_hits"].as_u64().unwrap());
    let facets = &v["facets"];
    let mut total = 0;
    for (lang, count) in facets["lang"].as_object().unwrap() {
        let n = hits.iter().filter(|h| h["lang"] == lang.as_str()).count() as u64;
        assert_eq!(count["passages"].as_u64().unwrap(), n, "{lang}");
        let mut arts: Vec<&str> = hits
            .iter()
            .filter(|h| h["lang"] == lang.as_str())
            .map(|h| h["article"].as_str().unwrap())
            .collect();
        arts.sort();
        arts.dedup();
        assert_eq!(
            count["articles"].as_u64().unwrap(),
            arts.len() as u64,
            "{lang}"
        );
        total += n;
    }
    assert_eq!(total, hits.len() as u64);
    for (month, count) in facets["month"].as_object().unwrap() {
        let n = hits
            .iter()
            .filter(|h| h["date"].as_str().unwrap_or("").starts_with(month.as_str()))
            .count() as u64;
        assert_eq!(count["passages"].as_u64().unwrap(), n, "{month}");
    }
}

#[test]
fn facets_in_human_output() {
    let env = TestEnv::new().indexed();
    let r = env.run(&[
        "Vietnam", "--from", "2025-10", "--to", "2025-10", "--facets", "-n", "1",
    ]);
    assert!(r.stdout.ends_with(
        "1 of 42 matching passages\n\nby language:\n  de: 21 passages in 1 article\n  id: 21 passages in 1 article\nby month:\n  2025-10: 42 passages in 2 articles\n"
    ), "{}", r.stdout);
}

#[test]
fn per_article_limit_and_articles_command() {
    let env = TestEnv::new().indexed();
    let v = env.json(&["Vietnam", "--per-article", "1"]);
    let p = prefixes(&v);
    let mut d = p.clone();
    d.sort();
    d.dedup();
    assert_eq!(p.len(), d.len(), "{p:?}");
    let r = env.run(&["articles", "hợp tác OR kerja OR Zusammenarbeit", "--json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut p = prefixes(&v);
    p.sort();
    assert_eq!(p, ["000", "001", "002", "003", "004"]);
}

// --- query syntax --------------------------------------------------------------

#[test]
fn exclusion_requirement_phrase_and_or() {
    let env = TestEnv::new().indexed();
    let v = env.json(&["--", "Vietnam -Prancis"]);
    for h in v["hits"].as_array().unwrap() {
        assert!(!h["text"].as_str().unwrap().contains("Prancis"));
    }
    let v = env.json(&["hợp tác +Telemedicine"]);
    assert_eq!(prefixes(&v), ["002"]);
    let v = env.json(&["\"trí tuệ nhân tạo\""]);
    for h in v["hits"].as_array().unwrap() {
        assert!(h["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("trí tuệ nhân tạo"));
    }
    let v = env.json(&["Telemedicine OR Krankenhausnetzwerke"]);
    let mut p = prefixes(&v);
    p.sort();
    assert_eq!(p, ["002", "004"]);
}

#[test]
fn odd_queries_never_fail() {
    let env = TestEnv::new().indexed();
    let long = "hợp tác ".repeat(1300);
    for q in [
        "!!!",
        "\"y tế",
        "((Vietnam",
        "Vietnam)",
        "OR",
        "+",
        "foo:bar",
        "\u{202e}Vietnam",
        "🙂 y tế",
        "a\u{7}b",
        long.as_str(),
    ] {
        let r = env.run(&["search", "--json", "--", q]);
        assert!(r.code == 0 || r.code == 1, "{q:?}: {} {}", r.code, r.stderr);
        let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
        assert!(v["hits"].is_array());
    }
    let v = env.json(&["\"y tế"]);
    assert_eq!(
        v["notes"][0],
        "unclosed quote: the phrase runs to the end of the query"
    );
}

// --- exit codes and messages ----------------------------------------------------

#[test]
fn no_hits_exits_1() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["xyzzyq"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "0 of 0 matching passages\n");
}

#[test]
fn bad_options_exit_2_with_one_line() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["x", "--lang", "fr"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "vsearch: invalid --lang \"fr\": vi, id or de\n")
    );
    let r = env.run(&["x", "--from", "2025-13"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "vsearch: invalid --from \"2025-13\": YYYY, YYYY-MM or YYYY-MM-DD\n"
        )
    );
    let r = env.run(&["x lang:fr"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "vsearch: invalid lang: value \"fr\": vi, id or de\n")
    );
}

#[test]
fn missing_index_without_seeds() {
    let env = TestEnv::empty();
    let r = env.run(&["x"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "vsearch: no index at index and no seeds/ to build one from: run `vsearch index PATH`\n"
    );
    let r = env.run(&["stats"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "vsearch: no index at index: run `vsearch index` first\n")
    );
}

// --- indexing --------------------------------------------------------------------

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
fn stats_and_refs() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["stats"]);
    let head: Vec<&str> = r.stdout.lines().take(8).collect();
    assert_eq!(
        head,
        [
            "articles:  5",
            "passages:  95",
            "  de: 1 article, 25 passages",
            "  id: 1 article, 25 passages",
            "  vi: 3 articles, 45 passages",
            "dates:     2025-05-17 to 2025-11-01",
            "undated:   0 articles",
            r.stdout.lines().nth(7).unwrap(),
        ]
    );
    let version = vsearch::index::SCHEMA_VERSION;
    assert!(r
        .stdout
        .ends_with(&format!("schema:    version {version}\n")));
    let r = env.run(&["refs"]);
    assert_eq!(
        r.stdout.lines().next(),
        Some("72-NQ/TW           3 articles    9 passages  de,id,vi")
    );
    let r = env.run(&["refs", "--json", "Nghị quyết 72"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["key"], "72-NQ");
    assert_eq!(v[0]["articles"], 3);
    assert_eq!(v[0]["langs"], serde_json::json!(["de", "id", "vi"]));
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
    assert_eq!(v["hits"][0]["path"], "in/b.jsonl:1");
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

#[test]
fn tone_exact_matches_rank_above_folded_ones() {
    let env = TestEnv::empty();
    env.write(
        "t/a.txt",
        "Những bông hoa đẹp nở rộ khắp thành phố vào mùa xuân năm nay, người dân rất vui.",
    );
    env.write(
        "t/b.txt",
        "Hai nước ký kết hiệp định hoà bình và hợp tác lâu dài vì lợi ích của nhân dân.",
    );
    assert_eq!(env.run(&["index", "--quiet", "t"]).code, 0);
    let v = env.json(&["hòa"]);
    assert_eq!(v["hits"][0]["article"], "t/b.txt");
    assert_eq!(highlighted(&v["hits"][0]), ["hoà"]);
    let v = env.json(&["hoa"]);
    assert_eq!(v["total_hits"], 2);
}

// --- bad input, interruption, concurrency -----------------------------------------

/// Every kind of bad input beside good files: the run goes on, each problem
/// is reported with its file (and line), and the good files are searchable.
#[test]
fn bad_inputs_are_reported_and_good_files_indexed() {
    let env = TestEnv::empty();
    env.write(
        "in/good.txt",
        "Bộ Y tế và các đối tác quốc tế đẩy mạnh hợp tác alphaword trong lĩnh vực y tế số.\n",
    );
    let mut invalid = "Gute Zusammenarbeit zwischen Vietnam und Frankreich im Gesundheitswesen "
        .as_bytes()
        .to_vec();
    invalid.extend_from_slice(b"\xff\xfe seit Jahren betaword.\n");
    env.write("in/invalid_utf8.txt", invalid);
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(
        "Kerja sama kesehatan antara Vietnam dan Prancis gammaword semakin erat.\n".as_bytes(),
    );
    env.write("in/bom.txt", bom);
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Die Krankenhäuser beider Länder arbeiten deltaword eng zusammen.\n".encode_utf16()
    {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    env.write("in/utf16.txt", utf16);
    env.write(
        "in/crlf.txt",
        "Erste Zeile mit epsilonword und Text.\r\nZweite Zeile.\rDritte Zeile.\r\n",
    );
    env.write("in/nfd.txt", "Nghi\u{323} quye\u{302}\u{301}t ve\u{302}\u{300} cha\u{306}m so\u{301}c zetaword cu\u{309}a nha\u{302}n da\u{302}n đươ\u{323}c ban ha\u{300}nh.\n");
    env.write("in/empty.txt", "");
    env.write("in/blank.txt", "  \n\n \t\n");
    env.write("in/images.md", "![a](b.png)\n\n![c](d.jpg)\n");
    env.write("in/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    env.write("in/long.txt", "etaword Zusammenarbeit ".repeat(450_000));
    std::os::unix::fs::symlink("nowhere.txt", env.path("in/broken.txt")).unwrap();
    std::os::unix::fs::symlink("..", env.path("in/loop")).unwrap();
    env.write(
        "in/data.jsonl",
        [
            r#"{"id": "j-ok", "lang": "id", "text": "Perawatan kesehatan masyarakat thetaword terus ditingkatkan."}"#,
            r#"{not json"#,
            r#"{"id": 5, "text": "angka"}"#,
            r#"{"id": "j3"}"#,
            r#"{"id": "dup", "lang": "de", "text": "Erste Fassung iotaword des Artikels."}"#,
            r#"{"id": "dup", "lang": "de", "text": "Zweite Fassung kappaword des Artikels."}"#,
            r#"{"id": "j-lang", "lang": "fr", "date": "soon", "text": "Hợp tác y tế lambdaword giữa hai nước ngày càng sâu rộng."}"#,
        ]
        .join("\n"),
    );
    let secret = env.write(
        "in/secret.txt",
        "Geheimer Text, der nicht gelesen werden kann, weil die Rechte fehlen.",
    );
    std::fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let r = env.run_unprivileged(&["index", "--quiet", "in", "missing.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[..lines.len() - 1],
        [
            "vsearch: skipped: in/broken.txt: broken symbolic link",
            "vsearch: skipped: in/loop/in: directory already walked (symbolic link loop or second link), not followed",
            "vsearch: skipped: missing.txt: no such file or directory",
            "vsearch: skipped: in/binary.txt: binary file",
            "vsearch: skipped: in/blank.txt: no text to index (empty, whitespace or only images)",
            "vsearch: skipped: in/data.jsonl:2: invalid record: key must be a string at line 1 column 2",
            "vsearch: skipped: in/data.jsonl:3: invalid record: invalid type: integer `5`, expected a string at line 1 column 8",
            "vsearch: skipped: in/data.jsonl:4: invalid record: missing field `text` at line 1 column 12",
            "vsearch: warning: in/data.jsonl:6: duplicate id \"dup\": replaces the article read earlier with this id",
            "vsearch: warning: in/data.jsonl:7: unknown language \"fr\": expected vi, id or de; language detected instead",
            "vsearch: warning: in/data.jsonl:7: invalid date \"soon\": expected YYYY-MM-DD; date looked for in the text",
            "vsearch: skipped: in/empty.txt: no text to index (empty, whitespace or only images)",
            "vsearch: skipped: in/images.md: no text to index (empty, whitespace or only images)",
            "vsearch: warning: in/invalid_utf8.txt: invalid UTF-8 at byte 72; bad bytes replaced with U+FFFD",
            "vsearch: skipped: in/secret.txt: Permission denied (os error 13)",
        ]
    );
    let summary = lines[lines.len() - 1];
    assert!(
        summary.starts_with("vsearch: indexed 10 articles (10 added, 0 updated, 0 unchanged), "),
        "{summary}"
    );
    assert!(
        summary.ends_with("; skipped 11 files or lines: see above; 4 warnings"),
        "{summary}"
    );
    let found = [
        ("alphaword", "in/good.txt"),
        ("betaword", "in/invalid_utf8.txt"),
        ("gammaword", "in/bom.txt"),
        ("deltaword", "in/utf16.txt"),
        ("epsilonword", "in/crlf.txt"),
        ("zetaword", "in/nfd.txt"),
        ("etaword", "in/long.txt"),
        ("thetaword", "j-ok"),
        ("kappaword", "dup"),
        ("lambdaword", "j-lang"),
    ];
    for (word, article) in found {
        let v = env.json(&[word]);
        assert_eq!(v["hits"][0]["article"], article, "{word}");
    }
    assert_eq!(
        env.json(&["iotaword"])["total_hits"],
        0,
        "the later duplicate replaced the earlier"
    );
    assert_eq!(
        env.json(&["Krankenhaus"])["hits"][0]["article"],
        "in/utf16.txt"
    );
    assert_eq!(
        env.json(&["nghi quyet"])["hits"][0]["article"],
        "in/nfd.txt"
    );
    let v = env.json(&["etaword", "-n", "1000"]);
    assert!(
        v["total_hits"].as_u64().unwrap() > 5_000,
        "the 10 MB line is cut into passages"
    );
    assert!(v["hits"].as_array().unwrap().iter().all(|h| h["text"]
        .as_str()
        .unwrap()
        .chars()
        .count()
        <= 1000));
}

#[test]
fn an_unsupported_file_named_on_the_command_line() {
    let env = TestEnv::empty();
    env.write("notes.pdf", "%PDF-1.4");
    let r = env.run(&["index", "--quiet", "notes.pdf"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(
            "vsearch: skipped: notes.pdf: unsupported file type: expected .txt, .md or .jsonl\n"
        ),
        "{}",
        r.stderr
    );
}

/// A JSONL corpus big enough that indexing it takes seconds.
fn big_corpus(env: &TestEnv, articles: usize) -> PathBuf {
    let words = [
        "Zusammenarbeit",
        "Gesundheit",
        "Krankenhaus",
        "Forschung",
        "Ausbildung",
        "kerja",
        "sama",
        "kesehatan",
        "masyarakat",
        "perawatan",
        "hợp",
        "tác",
        "y",
        "tế",
        "bệnh",
        "viện",
        "đào",
        "tạo",
    ];
    let mut out = String::new();
    let mut state = 7u64;
    for i in 0..articles {
        let mut text = String::new();
        for w in 0..600 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(words[(state >> 33) as usize % words.len()]);
            text.push_str(if w % 12 == 11 { ". " } else { " " });
        }
        out.push_str(&format!(
            "{{\"id\": \"big{i}\", \"lang\": \"de\", \"text\": \"{text}\"}}\n"
        ));
    }
    env.write("big.jsonl", out)
}

fn articles_in_index(env: &TestEnv) -> u64 {
    let r = env.run(&["stats", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    v["articles"].as_u64().unwrap()
}

fn spawn_index(env: &TestEnv, path: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_vsearch"))
        .args(["index", "--quiet"])
        .arg(path)
        .current_dir(env.path(""))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn vsearch index")
}

#[test]
fn a_killed_index_run_leaves_the_previous_index_searchable() {
    let env = TestEnv::new().indexed();
    let big = big_corpus(&env, 12_000);
    let mut child = spawn_index(&env, &big);
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    assert_eq!(
        articles_in_index(&env),
        5,
        "nothing of the killed run was committed"
    );
    let v = env.json(&["Nghị quyết 72"]);
    assert_eq!(v["hits"][0]["article"], "seeds/000_ad85081284aaedf5.txt");
    let r = env.run(&["index", "--quiet", "big.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(articles_in_index(&env), 12_005);
}

#[test]
fn ctrl_c_stops_cleanly_without_committing() {
    let env = TestEnv::new().indexed();
    let big = big_corpus(&env, 12_000);
    let child = spawn_index(&env, &big);
    std::thread::sleep(Duration::from_millis(1500));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "vsearch: indexing into index: indexing interrupted: nothing was committed, the previous index is unchanged\n"
    );
    assert_eq!(articles_in_index(&env), 5);
}

#[test]
fn a_second_writer_is_turned_away_and_searches_go_on() {
    let env = TestEnv::new().indexed();
    let big = big_corpus(&env, 12_000);
    let mut child = spawn_index(&env, &big);
    std::thread::sleep(Duration::from_millis(800));
    let r = env.run(&["index", "--quiet"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "vsearch: indexing into index: index: the index is being written by another process; try again when it has finished\n"
    );
    let v = env.json(&["Nghị quyết 72"]);
    assert_eq!(v["hits"][0]["article"], "seeds/000_ad85081284aaedf5.txt");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn unusable_indexes_name_the_remedy() {
    let env = TestEnv::new().indexed();
    env.write("afile", "x");
    let r = env.run(&["--index", "afile", "x"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "vsearch: afile: is a file, not an index directory; give --index a directory\n"
        )
    );
    let meta = env.path("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace(
            &format!("\\\"schema_version\\\":{}", vsearch::index::SCHEMA_VERSION),
            "\\\"schema_version\\\":0",
        ),
    )
    .unwrap();
    let r = env.run(&["x"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, format!("vsearch: index: index has version 0, this vsearch reads version {}; rebuild it with `vsearch index --rebuild`\n", vsearch::index::SCHEMA_VERSION).as_str())
    );
    let r = env.run(&["index", "--quiet", "--rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.run(&["Telemedicine"]).code, 0);
    let store = std::fs::read_dir(env.path("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    let name = store.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&store)
        .unwrap()
        .set_len(10)
        .unwrap();
    let r = env.run(&["Telemedicine"]);
    assert_eq!(
        (r.code, r.stderr),
        (2, format!("vsearch: index: index file {name} is damaged or incomplete; rebuild it with `vsearch index --rebuild`\n"))
    );
    std::fs::write(&meta, "garbage").unwrap();
    let r = env.run(&["index", "--quiet"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "vsearch: indexing into index: index: index file meta.json is damaged or incomplete; rebuild it with `vsearch index --rebuild`\n")
    );
    assert_eq!(env.run(&["index", "--quiet", "--rebuild"]).code, 0);
    assert_eq!(env.run(&["Telemedicine"]).code, 0);
}

#[test]
fn undated_articles_and_date_filters() {
    let env = TestEnv::new();
    env.write(
        "seeds/undated.txt",
        "Hợp tác y tế giữa Việt Nam và Pháp được mở rộng sang đào tạo bác sĩ nội trú omegaword.\n",
    );
    assert_eq!(env.run(&["index", "--quiet"]).code, 0);
    let v = env.json(&["omegaword"]);
    assert_eq!(v["hits"][0]["date"], Value::Null);
    assert_eq!(
        env.json(&["omegaword", "--from", "2025-10"])["total_hits"],
        0
    );
    let v = env.json(&[
        "omegaword",
        "--from",
        "2025-10",
        "--unknown-date",
        "include",
    ]);
    assert_eq!(v["hits"][0]["article"], "seeds/undated.txt");
    let v = env.json(&["hợp tác", "--facets", "-n", "1"]);
    assert_eq!(v["facets"]["month"]["unknown"]["articles"], 1);
    let r = env.run(&["stats"]);
    assert!(r.stdout.contains("undated:   1 article\n"), "{}", r.stdout);
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
