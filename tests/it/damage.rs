//! A damaged index: searches say so and point to `vsearch check` instead of
//! panicking, and the server, which runs long, refuses to serve one.

use crate::util::*;

/// The segment files of the index in `env`, largest first.
fn segment_files(env: &TestEnv) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(env.path("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let ext = p.extension().map(|e| e.to_string_lossy().into_owned());
            matches!(
                ext.as_deref(),
                Some("fast" | "term" | "store" | "idx" | "pos")
            )
        })
        .collect();
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).unwrap().len()));
    files
}

/// Flips one byte of `file`.
fn flip(file: &std::path::Path, at: usize) {
    let mut bytes = std::fs::read(file).unwrap();
    bytes[at] ^= 0xff;
    std::fs::write(file, bytes).unwrap();
}

/// Byte flips through every segment file: none makes a search panic
/// (before, tantivy's assertions ended some with exit 101 and a panic
/// message), and those that make reading fail say the index is damaged.
#[test]
fn a_damaged_index_is_named_not_a_panic() {
    let env = TestEnv::new().indexed();
    let pristine: Vec<(std::path::PathBuf, Vec<u8>)> = segment_files(&env)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let mut damaged = 0;
    for (file, bytes) in &pristine {
        for step in 0..12 {
            let at = bytes.len() * step / 12;
            flip(file, at);
            for query in ["Krankenhaus", "hợp tác", "kesehatan"] {
                let r = env.run(&[query, "--json"]);
                let name = file.file_name().unwrap().to_string_lossy();
                assert!(
                    [0, 1, 2].contains(&r.code) && !r.stderr.contains("panicked"),
                    "{name} byte {at}, {query}: exit {}: {}",
                    r.code,
                    r.stderr
                );
                if r.code == 2 {
                    assert!(
                        r.stderr.starts_with("vsearch: index: "),
                        "{name} byte {at}: {}",
                        r.stderr
                    );
                }
                if r.stderr == "vsearch: index: the index is damaged: run `vsearch check`\n" {
                    damaged += 1;
                }
            }
            std::fs::write(file, bytes).unwrap();
        }
    }
    assert!(damaged > 0, "no flip was caught as damage");
}

/// `vsearch serve` verifies every checksum before it serves: a flipped byte
/// in the stored text, which searches may read only later, is named at
/// once. Before, the server started and served from the damaged file.
#[test]
fn the_server_refuses_a_damaged_index() {
    let env = TestEnv::new().indexed();
    let store = segment_files(&env)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    flip(&store, 100);
    let mut cmd = std::process::Command::new("timeout");
    cmd.args(["20", &bin()]);
    let r = env.run_with(cmd, &["serve", "--listen", "127.0.0.1:0"]);
    let name = store.file_name().unwrap().to_string_lossy();
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            format!(
                "vsearch: index: index file {name}: checksum mismatch (damaged); \
                 rebuild it with `vsearch index --rebuild`\n"
            )
            .as_str()
        )
    );
}

/// Under a tight memory limit the index cannot be mapped: that is said as
/// out of memory, never as damage with advice to rebuild (as before). The
/// limits step through the band where the mapping fails.
#[test]
fn a_refused_mapping_is_out_of_memory() {
    let env = TestEnv::empty();
    // 8 MB of words that do not repeat: an index of about 24 MB.
    let mut state = 12345u64;
    let mut text = String::new();
    while text.len() < 8 << 20 {
        for _ in 0..12 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let word: String = (0..6)
                .map(|i| (b'a' + ((state >> (8 * i)) % 26) as u8) as char)
                .collect();
            text.push_str(&word);
            text.push(' ');
        }
        text.push_str("Krankenhaus.\n\n");
    }
    env.write("in/big.txt", text);
    let r = env.run(&["index", "--quiet", "--index", "index", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut refused = 0;
    for mib in (20..=100).step_by(5) {
        let mut cmd = std::process::Command::new("timeout");
        cmd.args(["20", "prlimit", &format!("--as={}", mib << 20), &bin()]);
        cmd.env("RUST_BACKTRACE", "0");
        let r = env.run_with(cmd, &["--index", "index", "Krankenhaus", "-n", "1"]);
        assert!(!r.stderr.contains("damaged"), "{mib} MiB: {}", r.stderr);
        if r.stderr
            == "vsearch: index: out of memory while reading the index (this is not damage): \
                free some memory or raise the memory limit, and try again\n"
        {
            refused += 1;
        }
    }
    assert!(refused > 0, "no limit refused the mapping");
}
