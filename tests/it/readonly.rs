//! An index that cannot be written (a read-only mount, another user's
//! index) can still be searched, read, checked and served.

use crate::serve::Server;
use crate::util::*;

/// Makes every file of `dir` and `dir` itself read-only, or writable again.
fn read_only(dir: &std::path::Path, on: bool) {
    let mode = if on { "a-w" } else { "u+w" };
    let done = std::process::Command::new("chmod")
        .args(["-R", mode])
        .arg(dir)
        .status()
        .unwrap();
    assert!(done.success());
}

/// Before, every command said "cannot read the index (Failed to acquire
/// Lockfile …); rebuild it", since tantivy's readers open the meta lock
/// file for writing.
#[test]
fn a_read_only_index_is_searched_read_checked_and_served() {
    let env = TestEnv::new().indexed();
    let id = env.json(&["Krankenhaus"])["hits"][0]["article"]
        .as_str()
        .unwrap()
        .to_string();
    read_only(&env.path("index"), true);
    let run = |args: &[&str]| env.run_with(unprivileged(), args);
    let r = run(&["Krankenhaus", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["hits"][0]["article"], id.as_str());
    let r = run(&["show", &id]);
    assert!(
        r.code == 0 && r.stdout.contains("Krankenhaus"),
        "{}",
        r.stderr
    );
    let r = run(&["stats"]);
    assert!(
        r.code == 0 && r.stdout.contains("articles:  5"),
        "{}",
        r.stderr
    );
    let r = run(&["check"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "index: ok: 12 files verified, 95 passages in 5 articles\n"
        ),
        "{}",
        r.stderr
    );
    let r = run(&["refs"]);
    assert!(r.code == 0 && r.stdout.contains("72-NQ/TW"), "{}", r.stderr);
    let r = run(&["index", "seeds"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "vsearch: indexing into index: index: the index cannot be written here \
             (read-only, or not yours); it can still be searched\n"
        )
    );
    let server = Server::start_with(unprivileged(), &env, &[]);
    let reply = server.get("/api/search?q=Krankenhaus");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["hits"][0]["article"], id.as_str());
    drop(server);
    read_only(&env.path("index"), false);
}
