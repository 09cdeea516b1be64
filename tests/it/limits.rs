//! Hardening (issue 16): every query is bounded before any work is done,
//! and hostile queries end cleanly, within bounds, under a memory limit.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::util::*;

/// Runs vsearch with `query` under a 4 GB address-space limit and a 60 s
/// deadline (a killed run fails the test): (exit code, stderr).
fn bounded(env: &TestEnv, query: &str) -> (Option<i32>, String) {
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -v 4000000; exec timeout 60 \"$0\" --json -n 3 -- \"$1\"",
        ])
        .arg(bin())
        .arg(query)
        .current_dir(env.path(""))
        .env_remove("VSEARCH_INDEX")
        .output()
        .expect("run vsearch");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Each bound is an error naming it, exit 2, before any search.
#[test]
fn queries_past_a_bound_are_refused_by_name() {
    let env = TestEnv::new().indexed();
    let deep = format!("{}a{}", "(a ".repeat(1882), ")".repeat(1882));
    let ors = vec!["w"; 15_000].join(" OR ");
    let long = "(w) ".repeat(25_000);
    let cases = [
        (
            deep.as_str(),
            "vsearch: query too big: 7529 bytes long, at most 4096\n",
        ),
        (
            &ors[..4090],
            "vsearch: query too big: 818 words and phrases, at most 256\n",
        ),
        (
            long.as_str(),
            "vsearch: query too big: 100000 bytes long, at most 4096\n",
        ),
    ];
    for (query, message) in cases {
        let r = env.run(&["--", query]);
        assert_eq!((r.code, r.stderr.as_str()), (2, message));
    }
    let nested = format!("{}a{}", "(a ".repeat(40), ")".repeat(40));
    let r = env.run(&["--", &nested]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "vsearch: query too big: 33 groups deep, at most 32\n")
    );
    // Just within the bounds, nesting is cheap.
    let nested = format!("{}72{}", "(Nghị quyết ".repeat(32), ")".repeat(32));
    let r = env.run(&["--", &nested]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// Random nested, long and many-term queries all end, within bounds and
/// under a memory limit: with results, or with a bound's error.
#[test]
fn hostile_queries_end_within_bounds() {
    let env = TestEnv::new().indexed();
    let word = prop::sample::select(vec![
        "a", "der", "8.4.", "Nghị", "quyết", "72", "OR", "-y", "+tế",
    ]);
    let tree = word
        .prop_map(str::to_string)
        .prop_recursive(10, 400, 8, |inner| {
            prop::collection::vec(inner, 1..8).prop_map(|v| format!("({})", v.join(" ")))
        });
    let repeated = (1..40usize, 1..3000usize)
        .prop_map(|(depth, n)| format!("{}{}", "(8.4. der ".repeat(depth), "w OR ".repeat(n)));
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop_oneof![tree, repeated], |q| {
            let (code, stderr) = bounded(&env, &q);
            prop_assert!(
                code == Some(0)
                    || code == Some(1)
                    || (code == Some(2) && stderr.starts_with("vsearch: query too big: ")),
                "{code:?} {stderr} for {} bytes",
                q.len()
            );
            Ok(())
        })
        .unwrap();
}

/// Each search has a time budget (default 5 s, --timeout): when it runs
/// out, the search says so, exit 2; the budget is validated like any
/// parameter.
#[test]
fn a_search_stops_when_its_time_budget_runs_out() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["Nghị quyết 72", "--timeout", "0"]);
    assert_eq!(
        (r.code, r.stderr.as_str(), r.stdout.as_str()),
        (
            2,
            "vsearch: the search ran out of its time budget of 0 s; narrow the query or give it more time\n",
            ""
        )
    );
    let r = env.run(&["Nghị quyết 72", "--timeout", "601"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "vsearch: invalid --timeout \"601\": seconds, from 0 to 600\n"
        )
    );
    assert_eq!(env.run(&["Nghị quyết 72", "--timeout", "2.5"]).code, 0);
}

/// The budget is the search's, not the output's. Before, the deadline (the
/// budget and a grace second) ended the process whatever it was doing: a
/// reader that took longer than that over the results (a pager held open,
/// a slow pipe) got exit 2 and half of them.
#[test]
fn a_slow_reader_of_the_results_is_not_cut_off() {
    use std::io::Read;
    let env = TestEnv::empty();
    let paragraph = "Die Pflegereform wird im Landtag beraten, alphaword. ".repeat(6);
    env.write("in/long.txt", vec![paragraph; 400].join("\n\n"));
    let r = env.run(&["index", "--quiet", "--index", "index", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut child = std::process::Command::new(bin())
        .args(["--index", "index", "alphaword", "--json", "--passages"])
        .args(["-n", "400", "--timeout", "0.2"])
        .current_dir(env.path(""))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run vsearch");
    // More than a pipe holds is written before the reader starts reading.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let mut json = String::new();
    let mut stdout = child.stdout.take().expect("stdout");
    stdout.read_to_string(&mut json).expect("read the results");
    let out = child.wait_with_output().expect("wait for vsearch");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!((out.status.code(), stderr.as_ref()), (Some(0), ""));
    assert!(json.len() > 128 << 10, "{} bytes", json.len());
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("whole JSON");
    assert_eq!(parsed["hits"].as_array().map(Vec::len), Some(400));
}
