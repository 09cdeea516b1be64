//! Interrupted runs and concurrent writers: the last commit stays searchable.

use std::process::Command;
use std::time::Duration;

use crate::util::*;

#[test]
fn a_killed_index_run_leaves_the_previous_index_searchable() {
    let env = TestEnv::new().indexed();
    let big = big_corpus(&env, 20_000);
    let mut child = spawn_index(&env, &big);
    std::thread::sleep(Duration::from_millis(900));
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
    assert_eq!(articles_in_index(&env), 20_005);
}

#[test]
fn ctrl_c_stops_cleanly_without_committing() {
    let env = TestEnv::new().indexed();
    let big = big_corpus(&env, 20_000);
    let child = spawn_index(&env, &big);
    std::thread::sleep(Duration::from_millis(900));
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
    let big = big_corpus(&env, 20_000);
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
