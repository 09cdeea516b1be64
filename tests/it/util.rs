//! The test environment: a temporary directory with a copy of the seeds, a
//! way to run the binary in it, and helpers that read its JSON.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// A temporary working directory holding a copy of the seeds.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The binary under test: this build's, or `VSEARCH_TEST_BIN` (to show
/// that a regression test fails on an older build).
pub fn bin() -> String {
    std::env::var("VSEARCH_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_vsearch").into())
}

impl TestEnv {
    pub fn new() -> TestEnv {
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
    pub fn empty() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, content).expect("write");
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(bin());
        cmd.env_remove("VSEARCH_INDEX");
        self.run_with(cmd, args)
    }

    /// Runs vsearch in the subfolder `rel`.
    pub fn run_in(&self, rel: &str, args: &[&str]) -> Run {
        let mut cmd = Command::new(bin());
        cmd.env_remove("VSEARCH_INDEX");
        cmd.current_dir(self.path(rel));
        self.run_with(cmd, args)
    }

    /// Runs `cmd` (vsearch, or a wrapper around it) in the test directory
    /// unless it names another, without the user's data folder, pager,
    /// width or colour settings unless it sets them.
    pub fn run_with(&self, mut cmd: Command, args: &[&str]) -> Run {
        let set: Vec<std::ffi::OsString> = cmd.get_envs().map(|(k, _)| k.to_owned()).collect();
        for var in ["COLUMNS", "PAGER", "NO_COLOR"] {
            if !set.iter().any(|k| k == var) {
                cmd.env_remove(var);
            }
        }
        if cmd.get_current_dir().is_none() {
            cmd.current_dir(self.dir.path());
        }
        let out = cmd
            .args(args)
            .env("XDG_DATA_HOME", self.dir.path().join(".xdg"))
            .env("HOME", self.dir.path())
            .output()
            .expect("run vsearch");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Indexes the seeds quietly and checks that it worked.
    pub fn indexed(self) -> TestEnv {
        let r = self.run(&["index", "--quiet"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        self
    }

    /// Runs vsearch unable to read files its permissions forbid, even as
    /// root (which CI is): then it runs without the capabilities that let
    /// root read anything.
    pub fn run_unprivileged(&self, args: &[&str]) -> Run {
        let mut cmd = unprivileged();
        cmd.env_remove("VSEARCH_INDEX");
        self.run_with(cmd, args)
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
        serde_json::from_str(&r.stdout).expect("JSON output")
    }
}

/// The binary, run without the capabilities that let root read and write
/// anything (CI runs as root).
pub fn unprivileged() -> Command {
    let uid = Command::new("id").arg("-u").output().expect("id -u");
    if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        let mut c = Command::new("setpriv");
        c.args([
            "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search",
            &bin(),
        ]);
        c
    } else {
        Command::new(bin())
    }
}

pub fn prefixes(v: &Value) -> Vec<String> {
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

pub fn langs(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["lang"].as_str().unwrap_or("").to_string())
        .collect()
}

pub fn highlighted(hit: &Value) -> Vec<String> {
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

/// A JSONL corpus big enough that indexing it takes seconds.
pub fn big_corpus(env: &TestEnv, articles: usize) -> PathBuf {
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

pub fn articles_in_index(env: &TestEnv) -> u64 {
    let r = env.run(&["stats", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    v["articles"].as_u64().unwrap()
}

pub fn spawn_index(env: &TestEnv, path: &Path) -> std::process::Child {
    Command::new(bin())
        .args(["index", "--quiet"])
        .arg(path)
        .current_dir(env.path(""))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn vsearch index")
}

/// A folder with `jsonl` indexed into `idx`.
pub fn indexed_from(jsonl: &str) -> TestEnv {
    let env = TestEnv::empty();
    env.write("news.jsonl", jsonl);
    let r = env.run(&["index", "--quiet", "--index", "idx", "news.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    env
}

/// An indexing run's standard error, split into the lines naming a file as
/// it came (`--verbose`), the summary line, and the findings after it, one
/// line per kind.
pub struct IndexOutput<'a> {
    pub named: Vec<&'a str>,
    pub summary: &'a str,
    pub findings: Vec<&'a str>,
}

pub fn index_output(stderr: &str) -> IndexOutput<'_> {
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("vsearch: indexed "))
        .unwrap_or_else(|| panic!("no summary in {stderr}"));
    IndexOutput {
        named: lines[..at].to_vec(),
        summary: lines[at],
        findings: lines[at + 1..].to_vec(),
    }
}
