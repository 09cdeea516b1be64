//! The two binaries: `vsearch` leaves the file parsers out and hands its
//! index runs to `vsearch-index`, built beside it, and says what is missing
//! when that cannot be found.

use std::process::Command;

use crate::util::TestEnv;

/// Crates only an index run uses: the parsers of HTML, PDF, Markdown and
/// mail.
const PARSERS: [&str; 5] = [
    "html5ever",
    "pdf_extract",
    "lopdf",
    "pulldown_cmark",
    "mail_parser",
];

/// How many of a binary's defined symbols name `krate`.
fn symbols_of(binary: &str, krate: &str) -> usize {
    let out = Command::new("nm")
        .args(["--defined-only", binary])
        .output()
        .expect("run nm (binutils)");
    assert!(out.status.success(), "nm {binary}");
    (String::from_utf8_lossy(&out.stdout).lines())
        .filter(|l| l.contains(krate))
        .count()
}

#[test]
fn only_vsearch_index_links_the_file_parsers() {
    for krate in PARSERS {
        assert_eq!(
            symbols_of(env!("CARGO_BIN_EXE_vsearch"), krate),
            0,
            "{krate}"
        );
        assert!(
            symbols_of(env!("CARGO_BIN_EXE_vsearch-index"), krate) > 0,
            "{krate}"
        );
    }
}

/// `vsearch` copied alone into the test folder.
fn alone(env: &TestEnv) -> Command {
    let copy = env.path("bin/vsearch");
    std::fs::create_dir_all(env.path("bin")).expect("mkdir");
    std::fs::copy(env!("CARGO_BIN_EXE_vsearch"), &copy).expect("copy vsearch");
    let mut cmd = Command::new(copy);
    cmd.env_remove("VSEARCH_INDEX");
    cmd
}

#[test]
fn a_copy_of_vsearch_indexes_with_the_vsearch_index_built_beside_it() {
    let env = TestEnv::new();
    let r = env.run_with(alone(&env), &["index", "--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("vsearch: indexed 5 articles (5 added"),
        "{}",
        r.stderr
    );
    let r = env.run_with(alone(&env), &["Krankenhaus", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// `vsearch` told to find `vsearch-index` in a folder that has none.
fn without_helper(env: &TestEnv) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vsearch"));
    std::fs::create_dir_all(env.path("empty")).expect("mkdir");
    cmd.env("VSEARCH_EXEC_PATH", env.path("empty"))
        .env_remove("VSEARCH_INDEX");
    cmd
}

fn missing(env: &TestEnv) -> String {
    format!(
        "vsearch: cannot run {} (No such file or directory (os error 2)), which reads the files \
         of an index run: it is built and installed with vsearch (`cargo build --release`, \
         `cargo install --path .`)\n",
        env.path("empty/vsearch-index").display()
    )
}

#[test]
fn without_vsearch_index_an_index_run_names_it() {
    let env = TestEnv::new();
    let r = env.run_with(without_helper(&env), &["index", "--quiet"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert_eq!(r.stderr, missing(&env));
    assert!(!env.path("index").exists());
}

#[test]
fn without_vsearch_index_the_first_search_names_it() {
    let env = TestEnv::new();
    let r = env.run_with(without_helper(&env), &["Krankenhaus"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    let building = "vsearch: no index at index; building it from seeds/\n";
    assert_eq!(r.stderr, format!("{building}{}", missing(&env)));
    assert!(!env.path("index").exists());
}
