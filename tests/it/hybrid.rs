//! The semantic view end to end, with the real model: `vsearch index
//! --semantic`, `--mode`, the fused ranking, "also in" and the API. The
//! seeds tell one story three times (000 vi, 001 id, 004 de); 002 and 003
//! are other Vietnamese stories. Without the model these tests say so and
//! pass, unless `VSEARCH_REQUIRE_MODEL=1`.

use std::process::Command;

use serde_json::Value;

use crate::semantic::model;
use crate::serve::Server;
use crate::util::{bin, Run, TestEnv};

const VI: &str = "seeds/000_ad85081284aaedf5.txt";
const ID: &str = "seeds/001_722784beb402a23f.txt";
const DE: &str = "seeds/004_2f36633df2a44784.txt";

/// The seeds indexed with vectors, and a runner that names the model.
struct Semantic {
    env: TestEnv,
    model: String,
}

impl Semantic {
    fn new() -> Option<Semantic> {
        model()?;
        let model = vsearch::semantic::find_model()?.display().to_string();
        let s = Semantic {
            env: TestEnv::new(),
            model,
        };
        let r = s.run(&["index", "--semantic"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        Some(s)
    }

    /// vsearch with `VSEARCH_MODEL` set (the tests' HOME hides the user's
    /// Python setup).
    fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(bin());
        cmd.env_remove("VSEARCH_INDEX")
            .env("VSEARCH_MODEL", &self.model);
        self.env.run_with(cmd, args)
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["articles", "--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert!(r.code == 0, "exit {}: {}", r.code, r.stderr);
        serde_json::from_str(&r.stdout).expect("JSON")
    }
}

/// `(article, found_by)` of every hit.
fn found(v: &Value) -> Vec<(String, String)> {
    (v["hits"].as_array().unwrap().iter())
        .map(|h| {
            let id = h["article"].as_str().unwrap().to_string();
            (id, h["found_by"].as_str().unwrap().to_string())
        })
        .collect()
}

fn related(v: &Value) -> Vec<String> {
    (v.as_array().unwrap().iter())
        .map(|r| r["article"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn index_semantic_embeds_new_and_changed_articles_only() {
    let Some(s) = Semantic::new() else { return };
    assert!(s.env.path("index/vectors.e5").is_file());
    let stats = s.run(&["stats"]);
    assert!(
        stats
            .stdout
            .contains("\nvectors:   5 articles (semantic and hybrid search)\n"),
        "{}",
        stats.stdout
    );
    // Vectors once made are kept up to date by every run, --semantic or not.
    let again = s.run(&["index"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("embedded 0 articles in")
            && again.stderr.contains("; 5 articles already had vectors"),
        "{}",
        again.stderr
    );
    s.env.write(
        "seeds/002_d453d197814015a7.txt",
        "Ein ganz neuer Text über Krankenhäuser.",
    );
    std::fs::remove_file(s.env.path("seeds/003_d60a3bd8c1bbe9f0.txt")).unwrap();
    let changed = s.run(&["index"]);
    assert!(
        changed.stderr.contains("embedded 1 article in")
            && changed.stderr.contains(
                "; 3 articles already had vectors; dropped the vectors of 1 article gone"
            ),
        "{}",
        changed.stderr
    );
}

#[test]
fn a_query_finds_the_story_in_the_other_languages_and_says_how() {
    let Some(s) = Semantic::new() else { return };
    let v = s.json(&["kecerdasan buatan"]);
    assert_eq!(v["mode"], "hybrid");
    let hits = found(&v);
    // The Indonesian article holds the words and stays first; the German
    // and Vietnamese versions come by meaning.
    assert_eq!(hits[0], (ID.to_string(), "words".to_string()));
    for version in [VI, DE] {
        assert!(
            hits.contains(&(version.to_string(), "meaning".to_string())),
            "{hits:?}"
        );
    }
    assert_eq!(v["total_hits"], 2, "the count stays the lexical one");
    assert_eq!(v["related_hits"].as_u64(), Some(hits.len() as u64 - 1));
    assert_eq!(related(&v["hits"][0]["related"]), [VI, DE]);
    let why = v["hits"][0]["related"][1]["why"].as_str().unwrap();
    assert!(
        why.starts_with("similar by meaning 0.") && why.ends_with("; same source; same date"),
        "{why}"
    );
    // The other Vietnamese stories are not taken as versions of this one.
    let vi = &v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["article"] == VI)
        .unwrap()["related"];
    assert_eq!(related(vi), [ID, DE]);
    let text = s.run(&["kecerdasan buatan", "--explain", "--color", "never"]);
    assert!(
        text.stdout.contains("found by: semantic, similarity 0."),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("\n    also in: vi seeds/000_ad85081284aaedf5.txt “"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("more articles related by meaning"),
        "{}",
        text.stdout
    );
}

#[test]
fn modes_filters_and_their_errors() {
    let Some(s) = Semantic::new() else { return };
    let lexical = s.json(&["kecerdasan buatan", "--mode", "lexical"]);
    assert_eq!(lexical["mode"], "lexical");
    assert!(found(&lexical).iter().all(|(_, by)| by == "words"));
    let semantic = s.json(&["Gesundheitsminister", "--mode", "semantic"]);
    assert_eq!(semantic["mode"], "semantic");
    assert_eq!(found(&semantic).len(), 5, "every article, by meaning");
    let german = s.json(&["kecerdasan buatan", "--lang", "de"]);
    assert_eq!(found(&german), [(DE.to_string(), "meaning".to_string())]);
    let bad = s.run(&["x", "--mode", "fuzzy"]);
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr,
        "vsearch: invalid --mode \"fuzzy\": lexical, semantic or hybrid\n"
    );
    // An index without vectors: the default is lexical, asking for more is
    // an error that says what to do.
    let plain = TestEnv::new().indexed();
    let r = plain.run(&["x", "--mode", "hybrid"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.ends_with("index: the index has no article vectors for a semantic search; make them with `vsearch index --semantic`\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn show_and_the_api_list_the_versions_in_other_languages() {
    let Some(s) = Semantic::new() else { return };
    let r = s.run(&["show", DE, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(related(&v["related"]), [VI, ID]);
    assert_eq!(v["related"][1]["lang"], "id");
    let mut serve = Command::new(bin());
    serve
        .env("VSEARCH_MODEL", &s.model)
        .current_dir(s.env.path(""));
    let server = Server::start_with(serve, &s.env, &[]);
    let reply = server.get("/api/search?q=Gesundheitsminister&mode=semantic&limit=2");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(v["mode"], "semantic");
    assert_eq!(found(&v).len(), 2);
    let page = server.get(&format!("/article?id={}", DE.replace('/', "%2F")));
    assert!(
        page.body
            .contains("href=\"/article?id=seeds%2F000_ad85081284aaedf5.txt\""),
        "the reading view links the other versions"
    );
}

/// SIGTERM while embedding: exit 130, what was embedded is kept, and the
/// next run embeds only the rest.
#[test]
fn an_interrupted_semantic_run_keeps_its_work() {
    let Some(s) = Semantic::new() else { return };
    let big = crate::util::big_corpus(&s.env, 120);
    let lexical = s.run(&["index", "--quiet"]);
    assert_eq!(lexical.code, 0, "{}", lexical.stderr);
    let child = Command::new(bin())
        .args(["index", "--quiet", "--semantic"])
        .arg(&big)
        .arg("seeds")
        .env("VSEARCH_MODEL", &s.model)
        .current_dir(s.env.path(""))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // 125 articles take about ten seconds; stop it after two.
    std::thread::sleep(std::time::Duration::from_secs(2));
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    let kept: usize = (stderr.split("embedding interrupted: ").nth(1))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        stderr.contains(&format!("embedding interrupted: {kept} of 120 articles embedded are kept; run `vsearch index --semantic` again to go on")),
        "{stderr}"
    );
    assert!(kept > 0 && kept < 120, "{kept}");
    let again = s.run(&["index", "--semantic", big.to_str().unwrap(), "seeds"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let want = format!("embedded {} articles in", 120 - kept);
    assert!(again.stderr.contains(&want), "{want}: {}", again.stderr);
    assert!(
        again
            .stderr
            .contains(&format!("; {} articles already had vectors", kept + 5)),
        "{}",
        again.stderr
    );
}
