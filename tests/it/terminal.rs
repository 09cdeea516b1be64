//! Nothing vsearch prints can act on a terminal: DEL, C1 controls and bidi
//! controls in article text, index paths and arguments are escaped, in the
//! JSON as `\u00XX` so that the parsed data is the same.

use crate::serve::Server;
use crate::util::*;

/// The raw bytes of DEL, CSI (U+009B), ESC and RIGHT-TO-LEFT OVERRIDE.
const RAW: [&[u8]; 4] = [b"\x7f", b"\xc2\x9b", b"\x1b", b"\xe2\x80\xae"];

fn assert_no_raw(what: &str, out: &str) {
    for raw in RAW {
        let found = out.as_bytes().windows(raw.len()).any(|w| w == raw);
        assert!(!found, "{what} holds {raw:?} raw: {out:?}");
    }
}

/// Before, `--json` and the API wrote DEL, C1 and bidi controls raw.
#[test]
fn json_escapes_del_c1_and_bidi_controls() {
    let env = TestEnv::empty();
    let text = "Die Pflegereform\u{7f} alphaword \u{9b}[31m wird \u{202e} beraten.";
    env.write("in/a.txt", format!("{text}\n"));
    let r = env.run(&["index", "--quiet", "--index", "index", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["alphaword", "--json", "--index", "index"]);
    assert_no_raw("--json", &r.stdout);
    assert!(
        r.stdout.contains(
            r#""text":"Die Pflegereform\u007f alphaword \u009b[31m wird \u202e beraten.""#
        ),
        "{}",
        r.stdout
    );
    let parsed: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(parsed["hits"][0]["text"], text);
    let server = Server::start(&env, &[]);
    let reply = server.get("/api/search?q=alphaword%E2%80%AE");
    assert_no_raw("the API", &reply.body);
    assert_eq!(reply.json()["hits"][0]["text"], text);
    assert_eq!(reply.json()["query"], "alphaword\u{202e}");
    let reply = server.get("/api/search?q=a&limit=%C2%9B");
    assert_eq!(reply.status, 400);
    assert_no_raw("an API error", &reply.body);
}

/// Before, `stats`, `check` and the server's banner printed an index path
/// raw, and clap's errors quoted a C1 control or U+202E in an argument raw.
#[test]
fn index_paths_and_arguments_are_escaped_on_the_terminal() {
    let env = TestEnv::new();
    let name = "i\u{202e}dx\u{1b}[31m\u{9b}";
    let shown = r"i\u{202e}dx\x1b[31m\x9b";
    let r = env.run(&["index", "--quiet", "--index", name, "seeds"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["stats", "--index", name]);
    assert_no_raw("stats", &r.stdout);
    assert!(
        r.stdout.contains(&format!("/{shown} (given with --index)")),
        "{}",
        r.stdout
    );
    let r = env.run(&["check", "--index", name]);
    assert_eq!(
        r.stdout,
        format!("{shown}: ok: 12 files verified, 95 passages in 5 articles\n")
    );
    let mut serve = std::process::Command::new("timeout");
    serve.args(["-s", "INT", "2", &bin()]);
    let r = env.run_with(
        serve,
        &["serve", "--index", name, "--listen", "127.0.0.1:0"],
    );
    assert_no_raw("the banner", &r.stdout);
    assert!(
        r.stdout
            .starts_with(&format!("vsearch: serving {shown} at http://127.0.0.1:")),
        "{}",
        r.stdout
    );
    let r = env.run(&["--x\u{202e}\u{9b}", "Krankenhaus"]);
    assert_eq!(r.code, 2);
    assert_no_raw("clap's error", &r.stderr);
    assert!(
        r.stderr
            .starts_with(r"error: unexpected argument '--x\u{202e}\x9b' found"),
        "{}",
        r.stderr
    );
}
