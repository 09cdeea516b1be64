//! The web page's work beyond one search, over real HTTP: its CSV
//! download and the batch page give what `--csv` and `vsearch batch`
//! print; the divider between full and partial matches; facets that stay
//! listed with counts once one is chosen; an error page that keeps the
//! query.

use crate::serve::Server;
use crate::util::TestEnv;

/// POSTs a form to the server: the status, content type and body.
fn post_form(server: &Server, path: &str, pairs: &[(&str, &str)]) -> (u16, String, String) {
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        form.append_pair(k, v);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(&format!("{}{path}", server.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .send(form.finish())
        .expect("POST");
    let status = response.status().as_u16();
    let kind = (response.headers().get("content-type"))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (status, kind, body)
}

#[test]
fn the_page_downloads_its_search_as_the_cli_writes_it() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let page = server.get("/?q=Nghi+quyet+72");
    assert!(
        page.body.contains(
            "<a class=\"download\" href=\"/search.csv?q=Nghi+quyet+72&amp;limit=1000\" download=\"vsearch.csv\">Download CSV</a>"
        ),
        "{}",
        page.body
    );
    let csv = server.get("/search.csv?q=Nghi+quyet+72&limit=1000");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    let cli = env.run(&["Nghi quyet 72", "--csv", "-n", "1000"]);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert_eq!(csv.body, cli.stdout);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "query,total_articles,total_hits,rank,article,title,lang,date,passage,page,snippet,source"
    );
    assert!(
        lines[1].starts_with("Nghi quyet 72,3,9,1,seeds/000_ad85081284aaedf5.txt,"),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 1 + 5, "one row per article: {}", csv.body);
}

#[test]
fn a_batch_posted_from_the_page_comes_back_as_the_cli_writes_it() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let form = server.get("/batch");
    assert!(
        form.body
            .contains("<textarea id=\"queries\" name=\"queries\""),
        "{}",
        form.body
    );
    let list = "Nghị quyết 72\nzzqqxx\n=1+1\n";
    let (status, kind, body) = post_form(
        &server,
        "/batch",
        &[("queries", list), ("lang", "vi,id"), ("limit", "2")],
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(kind, "text/csv; charset=utf-8");
    env.write("names.txt", list);
    let cli = env.run(&["batch", "names.txt", "--lang", "vi,id", "-n", "2"]);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert_eq!(body, cli.stdout);
    assert_eq!(cli.stderr, "vsearch: 3 queries, 1 with hits, 4 rows\n");
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 5, "{body}");
    assert!(lines[1].starts_with("Nghị quyết 72,2,"), "{body}");
    assert!(lines[2].starts_with("Nghị quyết 72,2,"), "{body}");
    assert_eq!(lines[3], "zzqqxx,0,0,,,,,,,,,");
    // A formula is written inert.
    assert_eq!(lines[4], "'=1+1,0,0,,,,,,,,,");
    let (status, _, body) = post_form(&server, "/batch", &[("queries", " \n ")]);
    assert_eq!(status, 400);
    assert!(body.contains("no queries: one per line"), "{body}");
}

#[test]
fn hits_holding_some_words_come_after_a_divider() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let body = server.get("/?q=Nghi+quyet+72").body;
    let divider = "<p class=\"divider\" lang=\"en\">These hold some of the words:</p>";
    let (full, some) = body.split_once(divider).expect(&body);
    assert_eq!(full.matches("<article class=\"hit\"").count(), 3, "{full}");
    assert_eq!(some.matches("<article class=\"hit\"").count(), 2, "{some}");
    assert!(some.contains("<ol class=\"some\" start=\"4\">"), "{some}");
    let json = env.json(&["Nghi quyet 72"]);
    let all: Vec<bool> = (json["hits"].as_array().expect("hits").iter())
        .map(|h| h["all_words"].as_bool().expect("all_words"))
        .collect();
    assert_eq!(all, [true, true, true, false, false]);
}

#[test]
fn a_chosen_language_leaves_the_others_listed_with_their_counts() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let body = server.get("/?q=Nghi+quyet+72&lang=de").body;
    assert!(body.contains("<li class=\"on\" title=\"4 passages in 1 article\"><a href=\"/?q=Nghi+quyet+72\">German</a>"), "{body}");
    assert!(
        body.contains(
            "<a href=\"/?q=Nghi+quyet+72&amp;lang=de&amp;lang=vi\">Vietnamese</a> <span class=\"count\">"
        ),
        "{body}"
    );
    // Two languages chosen: both marked, the hits of both.
    let both = server.get("/?q=Nghi+quyet+72&lang=de&lang=vi").body;
    assert_eq!(both.matches("<li class=\"on\"").count(), 2, "{both}");
    assert!(
        both.contains("<article class=\"hit\" lang=\"vi\""),
        "{both}"
    );
    assert!(
        both.contains("<article class=\"hit\" lang=\"de\""),
        "{both}"
    );
}

#[test]
fn an_error_page_keeps_the_query_to_correct() {
    let env = TestEnv::new().indexed();
    let server = Server::start(&env, &[]);
    let page = server.get("/?q=y+t%E1%BA%BF&from=2025-13");
    assert_eq!(page.status, 400);
    assert!(
        page.body.contains("name=\"q\" value=\"y tế\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("invalid from &quot;2025-13&quot;: YYYY, YYYY-MM or YYYY-MM-DD"),
        "{}",
        page.body
    );
}

#[test]
fn file_types_are_a_facet_and_a_filter() {
    let env = TestEnv::empty();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for name in ["de-bericht.pdf", "de-krankenhaus.htm", "de-pflege.odt"] {
        let bytes = std::fs::read(fixtures.join(name)).expect("fixture");
        env.write(&format!("docs/{name}"), bytes);
    }
    env.write(
        "docs/notiz.txt",
        "Das Krankenhaus in Köln bekommt eine neue Station für Kinder.\n",
    );
    let r = env.run(&["index", "--quiet", "--index", "index", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = env.json(&["Krankenhaus", "--facets", "--index", "index"]);
    assert_eq!(
        json["facets"]["type"],
        serde_json::json!({
            "html": {"passages": 1, "articles": 1},
            "pdf": {"passages": 1, "articles": 1},
            "txt": {"passages": 1, "articles": 1},
        })
    );
    let pdf = env.json(&["Krankenhaus", "--type", "pdf", "--index", "index"]);
    assert_eq!(pdf["hits"][0]["article"], "docs/de-bericht.pdf");
    assert_eq!(pdf["total_articles"], 1);
    let r = env.run(&["Krankenhaus", "--type", "xls", "--index", "index"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "vsearch: invalid --type \"xls\": txt, md, jsonl, html, pdf, docx, odt, epub, rtf, mail, csv or sheet\n"
    );
    let server = Server::start(&env, &[]);
    let page = server.get("/?q=Krankenhaus&type=pdf").body;
    assert!(page.contains("<h2>File type</h2>"), "{page}");
    assert!(
        page.contains(
            "<li class=\"on\" title=\"1 passage in 1 article\"><a href=\"/?q=Krankenhaus\">PDF</a>"
        ),
        "{page}"
    );
    // The other types stay listed, to add.
    assert!(
        page.contains("<a href=\"/?q=Krankenhaus&amp;type=pdf&amp;type=html\">Web page</a> <span class=\"count\">1</span>"),
        "{page}"
    );
    assert_eq!(page.matches("<article class=\"hit\"").count(), 1, "{page}");
}
