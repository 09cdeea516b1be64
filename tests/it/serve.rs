//! `vsearch serve` over real HTTP on a free loopback port: the API against
//! the command line's JSON, the errors, escaping, path tricks, the pages,
//! the reload after an index run, and a clean stop.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{bin, TestEnv};

/// A running `vsearch serve` on a port the system picked.
pub struct Server {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`, without the final slash.
    pub url: String,
}

impl Server {
    /// Serves `env`'s `index` folder (building it from the seeds when
    /// missing), with `extra` arguments, and waits until it listens.
    pub fn start(env: &TestEnv, extra: &[&str]) -> Server {
        Server::start_with(Command::new(bin()), env, extra)
    }

    /// The same, run by `program` (the binary, or a wrapper around it).
    pub fn start_with(mut program: Command, env: &TestEnv, extra: &[&str]) -> Server {
        let mut child = program
            .args(["serve", "--index", "index"])
            .args(if extra.is_empty() {
                &["--listen", "127.0.0.1:0"][..]
            } else {
                extra
            })
            .current_dir(env.path(""))
            .env("HOME", env.path(""))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn vsearch serve");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut line).expect("read");
        let Some(at) = line.find("http://") else {
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            panic!(
                "no URL in {line:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let url = line[at..].split_whitespace().next().expect("url");
        Server {
            child: Some(child),
            url: url.trim_end_matches('/').to_string(),
        }
    }

    /// GET `path`: the status, the headers asked for and the body.
    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[])
    }

    /// A request with `method` and extra headers.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .build()
            .into();
        let url = format!("{}{path}", self.url);
        let mut req = ureq::http::Request::builder().method(method).uri(&url);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let mut response = agent
            .run(req.body(()).expect("request"))
            .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let (content_type, csp) = (header("content-type"), header("content-security-policy"));
        let body = response.body_mut().read_to_string().unwrap_or_default();
        Reply {
            status,
            content_type,
            csp,
            body,
        }
    }

    /// Stops the server with SIGTERM: its exit code and stderr.
    pub fn stop(self) -> (i32, String) {
        self.signal("TERM")
    }

    /// Sends `signal` (`TERM`, `INT`) and waits: the exit code and stderr.
    pub fn signal(mut self, signal: &str) -> (i32, String) {
        let child = self.child.take().expect("running");
        let pid = child.id().to_string();
        Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill");
        let out = child.wait_with_output().expect("wait");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// An HTTP response.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub csp: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn the_api_answers_what_the_cli_prints() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let cases: [(&str, &[&str]); 5] = [
        ("q=Nghị quyết 72", &[]),
        (
            "q=y tế&lang=vi,id&limit=3&offset=2",
            &["--lang", "vi,id", "-n", "3", "--offset", "2"],
        ),
        (
            "q=Krankenhaus OR Gesundheit&per_article=1&facets=true",
            &["--per-article", "1", "--facets"],
        ),
        (
            "q=Pháp&from=2025-06&to=2025-11",
            &["--from", "2025-06", "--to", "2025-11"],
        ),
        ("q=zzzxqv", &[]),
    ];
    for (query, flags) in cases {
        let url: Vec<String> = query
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').expect("pair");
                format!("{k}={}", encode(v))
            })
            .collect();
        let q = query.split('&').next().unwrap().trim_start_matches("q=");
        let mut args = vec!["search", "--json", q];
        args.extend_from_slice(flags);
        let cli = env.run(&args);
        assert!(cli.code <= 1, "{}", cli.stderr);
        // The second answer comes from the server's kept results.
        for round in 0..2 {
            let reply = server.get(&format!("/api/search?{}", url.join("&")));
            assert_eq!(reply.status, 200, "{query}: {}", reply.body);
            assert_eq!(reply.content_type, "application/json");
            assert_eq!(reply.body, cli.stdout, "{query}, round {round}");
        }
    }
    let first = server.get("/api/search?q=Nghi+quyet+72").json();
    assert_eq!(
        first["hits"][0]["article"],
        "seeds/000_ad85081284aaedf5.txt"
    );
}

#[test]
fn bad_requests_get_4xx_naming_the_parameter() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let long = "a ".repeat(3000);
    let cases = [
        ("/api/search?q=x&lang=xx", 400, r#"{"error":"invalid lang \"xx\": vi, id, de or another ISO 639-1 code (en, fr, …)"}"#.to_string()),
        ("/api/search?q=x&limit=10001", 400, r#"{"error":"invalid limit \"10001\": a whole number from 0 to 10000"}"#.into()),
        ("/api/search?q=x&offset=-1", 400, r#"{"error":"invalid offset \"-1\": a whole number from 0 to 10000"}"#.into()),
        ("/api/search?q=x&from=2025-13", 400, r#"{"error":"invalid from \"2025-13\": YYYY, YYYY-MM or YYYY-MM-DD"}"#.into()),
        ("/api/search?q=x&facets=maybe", 400, r#"{"error":"invalid facets \"maybe\": true or false"}"#.into()),
        ("/api/search?q=x&lmit=3", 400, r#"{"error":"invalid parameter \"lmit\": one of q, lang, type, from, to, unknown_date, limit, offset, per_article, passages, facets, explain, mode"}"#.into()),
        ("/api/search?q=x&mode=fuzzy", 400, r#"{"error":"invalid mode \"fuzzy\": lexical, semantic or hybrid"}"#.into()),
        (&*format!("/api/search?q={}", encode(&long)), 400, r#"{"error":"query too big: 5999 bytes long, at most 4096"}"#.into()),
        ("/api/article?id=nope", 404, r#"{"error":"no article \"nope\" in the index"}"#.into()),
        ("/api/article", 400, r#"{"error":"missing parameter \"id\""}"#.into()),
        ("/api/refs?limit=x", 400, r#"{"error":"invalid limit \"x\": a whole number from 0 to 10000"}"#.into()),
        ("/api/nothing", 404, r#"{"error":"no page /api/nothing"}"#.into()),
    ];
    for (path, status, body) in cases {
        let reply = server.get(path);
        let shown: String = path.chars().take(60).collect();
        // Every API body, errors too, is one line of JSON.
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (status, format!("{body}\n").as_str()),
            "{shown}"
        );
        assert_eq!(reply.content_type, "application/json", "{shown}");
    }
    // Pages say the same in HTML, with the same status.
    let page = server.get("/?q=x&lang=xx");
    assert_eq!(page.status, 400);
    assert!(
        page.body
            .contains("<p class=\"error\">invalid lang &quot;xx&quot;: vi, id, de or another ISO 639-1 code (en, fr, …)</p>"),
        "{}",
        page.body
    );
    assert_eq!(server.get("/article?id=nope").status, 404);
    // Only GET (and HEAD) is served; nothing can write.
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(
            server.request(method, "/api/search?q=x", &[]).status,
            405,
            "{method}"
        );
    }
    assert_eq!(server.request("HEAD", "/", &[]).status, 200);
    // A page elsewhere that points its host name at 127.0.0.1 is refused.
    let rebound = server.request("GET", "/api/stats", &[("Host", "evil.example:80")]);
    assert_eq!(rebound.status, 421);
    assert_eq!(
        server
            .request("GET", "/api/stats", &[("Host", "localhost")])
            .status,
        200
    );
}

#[test]
fn hostile_article_text_is_shown_as_text() {
    let env = TestEnv::empty();
    env.write(
        "hostile/evil.txt",
        "---\ntitle: \"<script>alert('title')</script> Quallen\"\nsource: \"javascript:alert(1)\"\n---\n\
         Die <img src=x onerror=alert(1)> Quallen und <b>fette</b> Seesterne &amp; Co.\n",
    );
    let r = env.run(&["index", "--quiet", "--index", "index", "hostile"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let server = Server::start(&env, &[]);
    let search = server.get("/?q=Quallen");
    let article = server.get("/article?id=hostile%2Fevil.txt&q=Quallen");
    for page in [&search, &article] {
        assert_eq!(page.status, 200);
        assert!(
            page.content_type.starts_with("text/html"),
            "{}",
            page.content_type
        );
        assert!(page.csp.contains("script-src 'self'"), "{}", page.csp);
        assert!(page.csp.starts_with("default-src 'none'"), "{}", page.csp);
        for raw in [
            "<script>alert",
            "<img src=x",
            "<b>fette",
            "href=\"javascript:",
        ] {
            assert!(!page.body.contains(raw), "{raw} in {}", page.body);
        }
        assert!(page
            .body
            .contains("&lt;script&gt;alert('title')&lt;/script&gt; Quallen"));
        assert!(page.body.contains("javascript:alert(1)</span>"));
    }
    assert!(search.body.contains(
        "Die &lt;img src=x onerror=alert(1)&gt; <mark>Quallen</mark> und &lt;b&gt;fette&lt;/b&gt; Seesterne &amp;amp; Co."
    ), "{}", search.body);
}

#[test]
fn ids_are_never_opened_as_paths() {
    let env = TestEnv::new().indexed();
    env.write("secret.txt", "Geheimnis: Passwort des Ministeriums.\n");
    let server = Server::start(&env, &[]);
    let secret = env.path("secret.txt");
    let tricks = [
        "/api/article?id=..%2F..%2F..%2Fetc%2Fpasswd".to_string(),
        "/api/article?id=%2e%2e%2f%2e%2e%2fetc%2fpasswd".to_string(),
        "/api/article?id=seeds%2F..%2Fsecret.txt".to_string(),
        "/api/article?id=secret.txt".to_string(),
        format!("/api/article?id={}", encode(&secret.display().to_string())),
        "/article?id=..%2F..%2Fetc%2Fpasswd".to_string(),
        "/static/..%2F..%2FCargo.toml".to_string(),
        "/static/../../etc/passwd".to_string(),
        "/..%2f..%2fetc%2fpasswd".to_string(),
    ];
    for path in &tricks {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
        for leak in ["root:", "Geheimnis", "Passwort", "[package]"] {
            assert!(!reply.body.contains(leak), "{path} read {leak}");
        }
    }
    let seed = server
        .get("/api/article?id=seeds%2F004_2f36633df2a44784.txt")
        .json();
    assert_eq!(seed["lang"], "de");
    assert_eq!(seed["passages"][0]["passage"], 0);
}

#[test]
fn the_search_page_shows_marked_hits_and_facet_links() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let page = server.get("/?q=Nghi+quyet+72");
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(
        body.contains("<title>Nghi quyet 72 · vsearch</title>"),
        "{body}"
    );
    assert!(body.contains("<p class=\"summary\">9 passages in 3 articles hold all the words; 8 more hold some <a class=\"download\""), "{body}");
    // Hits grouped by article, the first on the resolution's passage.
    assert_eq!(body.matches("<article class=\"hit\"").count(), 5, "{body}");
    assert!(
        body.contains(
            "<a href=\"/article?id=seeds%2F000_ad85081284aaedf5.txt&amp;q=Nghi+quyet+72#p2\">"
        ),
        "{body}"
    );
    assert!(
        body.contains("<mark>Nghị</mark> <mark>quyết</mark> <mark>72</mark>"),
        "{body}"
    );
    // Facets are links that add their filter; an active one removes it.
    assert!(
        body.contains(
            "<a href=\"/?q=Nghi+quyet+72&amp;lang=de\">German</a> <span class=\"count\">1</span>"
        ),
        "{body}"
    );
    let german = server.get("/?q=Nghi+quyet+72&lang=de");
    assert_eq!(
        german
            .body
            .matches("<article class=\"hit\" lang=\"de\"")
            .count(),
        1
    );
    assert_eq!(german.body.matches("<article class=\"hit\"").count(), 1);
    assert!(german.body.contains("<li class=\"on\" title=\"4 passages in 1 article\"><a href=\"/?q=Nghi+quyet+72\">German</a>"), "{}", german.body);
}

#[test]
fn the_article_page_anchors_every_passage_and_marks_the_query() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let article = server.get("/article?id=seeds%2F004_2f36633df2a44784.txt&q=72-NQ%2FTW");
    assert_eq!(article.status, 200);
    assert!(article
        .body
        .contains("<article class=\"reading\" lang=\"de\">"));
    assert!(article
        .body
        .contains("<section class=\"passage\" id=\"p0\">"));
    assert!(
        article.body.contains(
            "Resolution Nr. <mark>72</mark>-<mark>NQ</mark>/<mark>TW</mark> des Politbüros"
        ),
        "{}",
        article.body
    );
}

#[test]
fn references_stats_and_pages_of_hits() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let refs = server.get("/refs");
    assert!(
        refs.body
            .contains("<a href=\"/?q=72-NQ%2FTW\">72-NQ/TW</a>"),
        "{}",
        refs.body
    );
    let stats = server.get("/stats");
    assert!(
        stats.body.contains("<dt>Articles</dt><dd>5 articles</dd>"),
        "{}",
        stats.body
    );
    assert_eq!(server.get("/api/stats").json()["articles"], 5);
    assert_eq!(
        server.get("/api/refs?q=72").json()[0]["display"],
        "72-NQ/TW"
    );
    // Pages of hits: the second page starts at 2 and links back.
    let second = server.get("/?q=y+t%E1%BA%BF&limit=2&offset=2");
    assert!(
        second.body.contains("<ol class=\"all\" start=\"3\">"),
        "{}",
        second.body
    );
    assert!(
        second
            .body
            .contains("rel=\"prev\" href=\"/?q=y+t%E1%BA%BF&amp;limit=2\""),
        "{}",
        second.body
    );
    let repaired = server.get("/?q=%22y+t%E1%BA%BF");
    assert!(repaired.body.contains(
        "<ul class=\"notes\"><li>unclosed quote: the phrase runs to the end of the query</li></ul>"
    ));
    let none = server.get("/?q=zzzxqv&lang=de");
    assert!(none.body.contains("No passage holds these words."));
    assert!(none
        .body
        .contains("<a href=\"/?q=zzzxqv\">Search without the filters</a>"));
}

#[test]
fn a_commit_while_serving_is_seen_without_a_restart() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let before = server.get("/api/search?q=Quallenschwarm").json();
    assert_eq!(before["total_hits"], 0);
    env.write("more/neu.txt", "Ein Quallenschwarm vor der Küste.\n");
    let r = env.run(&["index", "--quiet", "--index", "index", "seeds", "more"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let start = Instant::now();
    loop {
        let after = server.get("/api/search?q=Quallenschwarm").json();
        if after["total_hits"] == 1 {
            assert_eq!(after["hits"][0]["article"], "more/neu.txt");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no reload: {after}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn sigterm_stops_the_server_cleanly_and_other_hosts_get_a_warning() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    assert_eq!(server.get("/").status, 200);
    let (code, stderr) = server.stop();
    assert_eq!((code, stderr.as_str()), (0, "vsearch: server stopped\n"));
    let server = Server::start(&env, &[]);
    let (code, stderr) = server.signal("INT");
    assert_eq!((code, stderr.as_str()), (0, "vsearch: server stopped\n"));
    let open = Server::start(&env, &["--listen", "0.0.0.0:0"]);
    let (code, stderr) = open.stop();
    assert_eq!(code, 0);
    assert!(
        stderr.starts_with("vsearch: warning: listening on 0.0.0.0:"),
        "{stderr}"
    );
    assert!(stderr.contains("which other machines can reach; the server has no authentication"));
}

#[test]
fn eight_concurrent_clients_are_all_served() {
    let env = TestEnv::new().indexed();
    // Without kept results, so that every request searches.
    let server = Server::start(&env, &["--cache-mb", "0"]);
    let queries = ["Nghi+quyet+72", "y+t%E1%BA%BF", "Krankenhaus", "perawatan"];
    let expected: Vec<String> = queries
        .iter()
        .map(|q| server.get(&format!("/api/search?q={q}")).body)
        .collect();
    std::thread::scope(|scope| {
        for client in 0..8 {
            let (server, expected) = (&server, &expected);
            scope.spawn(move || {
                for round in 0..25 {
                    let i = (client + round) % queries.len();
                    let reply = server.get(&format!("/api/search?q={}", queries[i]));
                    assert_eq!(reply.status, 200);
                    assert_eq!(reply.body, expected[i]);
                    let page = server.get(&format!("/?q={}", queries[i]));
                    assert_eq!(page.status, 200);
                }
            });
        }
    });
}
