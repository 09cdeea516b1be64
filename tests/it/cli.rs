//! The command line as a researcher meets it (issue 14): counts, one hit
//! per article, reading an article, explanations, which index is used,
//! completions, man page, hints, wrapping, paging and help.

use serde_json::Value;

use crate::util::*;

/// `--passages` lists passages, each saying where to open it, no scores.
#[test]
fn passages_are_listed_flat_on_request() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["Telemedicine", "--passages", "-n", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        " 1. Hà Nội: Hợp tác với các quốc gia có nền y học tiên tiến trên thế giới\n    \
         vi · 2025-05-17 · seeds/002_d453d197814015a7.txt #9\n    \
         …tế thông minh và cảm biến;Y học tái tạo và công nghệ in 3D; [Telemedicine] và chăm sóc \
         sức khỏe từ xa; Công nghệ di truyền và chỉnh sửa gen; Công nghệ nano trong y tế; Công nghệ \
         kỹ thuật y khoa chuyên sâu như phẫu thuật nội soi, cấy ghép tạng,…\n\n\
         1 passage in 1 article holds all the words\n"
    );
    // `articles` stays as an alias of the grouped layout, in JSON too.
    let v = env.json(&["Vietnam", "--per-article", "1", "-n", "3"]);
    let grouped = env.run(&["articles", "--json", "Vietnam", "-n", "3"]);
    let articles: Value = serde_json::from_str(&grouped.stdout).unwrap();
    assert_eq!(articles["hits"], v["hits"]);
    // The top article says "Việt Nam", which `Vietnam` also finds, in 8
    // passages.
    assert_eq!(v["hits"][0]["article_matches"], 8);
}

/// `vsearch show ID [QUERY]` prints the whole article, matches marked.
#[test]
fn show_prints_a_whole_article() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["show", "seeds/004_2f36633df2a44784.txt", "Resolution 72"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "Dies ist die Auftaktveranstaltung im Rahmen der französisch-vietnamesischen Gesundheitskonferenz…",
            "de · 2025-10-31 · seeds/004_2f36633df2a44784.txt · 25 passages",
            "https://nhandan.vn/thuc-day-hop-tac-y-te-viet-nam-phap-trong-giai-doan-moi-post919604.html",
            "",
            "#0",
        ]
    );
    assert!(r.stdout.contains("\n#2\nDie Diskussion fand im Kontext der energischen Umsetzung der [Resolution] Nr. [72]-NQ/TW des Politbüros"), "{}", r.stdout);
    assert!(r.stdout.contains("\n#24\n"), "every passage, in order");
    let r = env.run(&["show", "seeds/004_2f36633df2a44784.txt", "--json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["lang"], "de");
    assert_eq!(v["source"], "https://nhandan.vn/thuc-day-hop-tac-y-te-viet-nam-phap-trong-giai-doan-moi-post919604.html");
    let passages = v["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 25);
    assert!(passages.iter().enumerate().all(|(i, p)| p["passage"] == i));
    let r = env.run(&["show", "nope"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "vsearch: no article \"nope\" in index; search results give each hit's id\n"
        )
    );
}

/// `--explain` says which words matched in which form, which stood side
/// by side, and what the score is made of.
#[test]
fn explain_says_why_a_hit_matched() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["Nghị quyết 72", "--explain", "--passages", "-n", "2"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[3..6],
        [
            "    matched: Nghị: nghị (exact), 72-NQ (reference); quyết: quyết (exact), 72-NQ (reference); 72: 72 (exact), 72-NQ (reference)",
            "    side by side: Nghị quyết; quyết 72",
            "    score: 1614.7 = all words 1000 + side by side 500 + in one run 100 + BM25 14.7",
        ]
    );
    // tantivy's own account follows, its total the score.
    assert_eq!(
        lines[6..8],
        [
            "    tantivy's account of the words' score:",
            "      1614.75 BooleanClause. sum of ...",
        ]
    );
    let second = lines.iter().position(|l| l.starts_with(" 2. ")).unwrap();
    assert_eq!(
        lines[second + 4..second + 6],
        [
            "    matched: Nghị: 72-NQ/TW (reference); quyết: 72-NQ/TW (reference); 72: 72 (exact), 72-NQ/TW (reference)",
            "    score: 1004.7 = all words 1000 + side by side 0 + BM25 4.7",
        ]
    );
    let r = env.run(&["Krankenhaus Zusammenarbeit", "--explain", "-n", "1"]);
    assert!(
        r.stdout.contains("    matched: Krankenhaus: Krankenhäusern (stemmed); Zusammenarbeit: Zusammenarbeit (exact)\n"),
        "{}",
        r.stdout
    );
    let r = env.run(&[
        "Abkommen hòa",
        "--explain",
        "--passages",
        "-n",
        "1",
        "--lang",
        "de",
    ]);
    assert!(r.stdout.contains("(compound part)"), "{}", r.stdout);
    // Typed decomposed (NFD), the words are still as typed, not folded.
    let nfd = "Nghi\u{323} quye\u{302}\u{301}t 72";
    let r = env.run(&[nfd, "--explain", "--passages", "-n", "1"]);
    assert!(
        r.stdout
            .contains("    matched: Nghị: nghị (exact), 72-NQ (reference); quyết: quyết (exact)"),
        "{}",
        r.stdout
    );
}

/// The index is found from any folder: --index, VSEARCH_INDEX, ./index
/// beside seeds/, else the user data folder; stats says which and why.
#[test]
fn the_index_is_found_from_any_folder() {
    let env = TestEnv::new().indexed();
    env.write("sub/.keep", "");
    let data = env.path(".xdg/vsearch/index");
    // In a folder without seeds/, `index` needs a PATH ...
    let r = env.run_in("sub", &["index"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "vsearch: nothing to index: give the files or folders to index, as in `vsearch index ~/articles` (without PATH, vsearch indexes seeds/, and there is none here)\n")
    );
    // ... and given one, it indexes into the user data folder.
    let r = env.run_in("sub", &["index", "--quiet", "../seeds"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run_in("sub", &["stats"]);
    assert!(
        r.stdout.starts_with(&format!(
            "index:     {} (the user data folder (no seeds/ or index here))\narticles:  5\n",
            data.display()
        )),
        "{}",
        r.stdout
    );
    assert_eq!(env.run_in("sub", &["Telemedicine"]).code, 0);
    let r = env.run_in("sub", &["stats", "--index", "../index"]);
    assert!(r.stdout.starts_with("index:     "), "{}", r.stdout);
    assert!(
        r.stdout
            .lines()
            .next()
            .unwrap()
            .ends_with("/sub/../index (given with --index)"),
        "{}",
        r.stdout
    );
    let mut cmd = std::process::Command::new(bin());
    cmd.env("VSEARCH_INDEX", env.path("index"));
    let r = env.run_with(cmd, &["stats"]);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        format!(
            "index:     {} (from VSEARCH_INDEX)",
            env.path("index").display()
        )
    );
}

/// Completions and a man page, generated from the clap definitions.
#[test]
fn completions_and_man_page() {
    let env = TestEnv::empty();
    for (shell, marker) in [
        ("bash", "complete -F _vsearch"),
        ("zsh", "#compdef vsearch"),
        ("fish", "complete -c vsearch"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = env.run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}");
        assert!(r.stdout.contains("--per-article"), "{shell}");
    }
    let r = env.run(&["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &r.stdout[..80]
    );
    assert!(r.stdout.contains(".TH vsearch 1"), "{}", r.stdout);
    assert!(r.stdout.contains("vsearch\\-show"), "{}", r.stdout);
}

/// A mistyped subcommand gets a hint and is still searched; options after
/// `--` are noted as searched words.
#[test]
fn mistyped_commands_and_options_after_the_separator_are_noted() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["stat"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "vsearch: note: did you mean `vsearch stats`? searching for \"stat\"\n"
        )
    );
    let r = env.run(&["indx", "seeds"]);
    assert!(
        r.stderr
            .starts_with("vsearch: note: did you mean `vsearch index`? searching for \"indx\"\n"),
        "{}",
        r.stderr
    );
    let r = env.run(&["--", "-Prancis Vietnam", "-n", "1"]);
    assert_eq!(
        r.stderr,
        "vsearch: note: -n after `--` searched as words, not options; put options before `--`\n"
    );
}

/// Output wraps at word boundaries to the width (the terminal's, or
/// COLUMNS), whatever the script.
#[test]
fn output_wraps_at_word_boundaries() {
    let env = TestEnv::new().indexed();
    let mut cmd = std::process::Command::new(bin());
    cmd.env("COLUMNS", "50");
    let r = env.run_with(cmd, &["Telemedicine", "-n", "1"]);
    assert_eq!(
        r.stdout,
        " 1. Hà Nội: Hợp tác với các quốc gia có nền y học\n    \
         tiên tiến trên thế giới\n    \
         vi · 2025-05-17 ·\n    \
         seeds/002_d453d197814015a7.txt #9\n    \
         …tế thông minh và cảm biến;Y học tái tạo và\n    \
         công nghệ in 3D; [Telemedicine] và chăm sóc\n    \
         sức khỏe từ xa; Công nghệ di truyền và chỉnh\n    \
         sửa gen; Công nghệ nano trong y tế; Công nghệ\n    \
         kỹ thuật y khoa chuyên sâu như phẫu thuật nội\n    \
         soi, cấy ghép tạng,…\n\n\
         1 passage in 1 article holds all the words\n"
    );
}

/// On a terminal, long output goes through $PAGER; --no-pager writes it
/// straight out. A real pseudo-terminal, from util-linux's `script`.
#[test]
fn long_output_on_a_terminal_is_paged() {
    let env = TestEnv::new().indexed();
    let run = |extra: &str| {
        let command = format!("{} Vietnam --passages -n 20 {extra}", bin());
        let out = std::process::Command::new("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .current_dir(env.path(""))
            .env("PAGER", "sed 's/^/paged: /'")
            .env("COLUMNS", "200")
            .env("LINES", "24")
            .env_remove("VSEARCH_INDEX")
            .output()
            .expect("script (util-linux)");
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
    };
    let paged = run("");
    let note = "note: Vietnam also searched as Việt Nam (CLDR country names)";
    assert!(paged.starts_with("paged: "), "{paged}");
    assert!(
        paged.contains(&format!("{note}\u{1b}[0m\npaged:  1. ")),
        "{paged}"
    );
    assert!(
        paged.contains(
            "\npaged: 50 passages in 5 articles hold all the words (37 as typed, 13 in a related form)\n"
        ),
        "{paged}"
    );
    let straight = run("--no-pager");
    assert!(
        straight.contains(&format!("{note}\u{1b}[0m\n 1. ")),
        "{straight}"
    );
    assert!(!straight.contains("paged:"), "{straight}");
}

/// The top-level help shows the search options and examples.
#[test]
fn top_level_help_shows_search_options_and_examples() {
    let env = TestEnv::empty();
    let r = env.run(&["--help"]);
    assert_eq!(r.code, 0);
    for needle in [
        "Search options (vsearch QUERY [OPTIONS], see `vsearch search --help`):",
        "  -n, --limit <N>           Hits to show, 0 to 10000",
        "      --passages            List passages, not one hit per article",
        "Examples:\n  vsearch \"Nghị quyết 72\"",
        "  show         Print a whole article, with a query's matches marked",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }
}

/// Issue 28, B11: one contract. JSON lists what the text lists (articles)
/// and carries the explanation; page 2 numbers on from page 1; a file's
/// path finds its article from any folder; man pages for every
/// subcommand; `--listen` takes a host name.
#[test]
fn one_contract_for_text_json_pages_paths_and_addresses() {
    let env = TestEnv::new().indexed();
    let text = env.run(&["Nghị quyết 72", "--color", "never"]);
    let v = env.json(&["Nghị quyết 72"]);
    let numbered =
        |l: &&str| l.len() > 3 && l[..2].trim().parse::<u32>().is_ok() && &l[2..4] == ". ";
    let listed = text.stdout.lines().filter(numbered).count();
    assert_eq!(
        v["hits"].as_array().unwrap().len(),
        listed,
        "{}",
        text.stdout
    );
    // --explain reaches the JSON.
    let v = env.json(&["Nghị quyết 72", "--explain", "-n", "1"]);
    let score = &v["hits"][0]["explanation"]["score"];
    assert_eq!(score["all_words"], 1000.0, "{v}");
    assert_eq!(
        v["hits"][0]["explanation"]["matched"][0]["word"], "Nghị",
        "{v}"
    );
    // tantivy's account, down to each term's BM25 and its constants.
    let tantivy = &v["hits"][0]["explanation"]["tantivy"];
    let total = tantivy["value"].as_f64().unwrap();
    assert!(
        (total - v["hits"][0]["score"].as_f64().unwrap()).abs() < 0.01,
        "{v}"
    );
    assert!(
        v.to_string()
            .contains("\"what\":\"idf, computed as log(1 + (N - n + 0.5) / (n + 0.5))\""),
        "{v}"
    );
    // Without --explain, no explanation is made.
    let plain = env.json(&["Nghị quyết 72", "-n", "1"]);
    assert!(plain["hits"][0].get("explanation").is_none(), "{plain}");
    // The second page goes on numbering from the first.
    let r = env.run(&[
        "Nghị quyết 72",
        "-n",
        "2",
        "--offset",
        "2",
        "--color",
        "never",
    ]);
    assert!(r.stdout.starts_with(" 3. "), "{}", r.stdout);
    assert_eq!(
        env.json(&["Nghị quyết 72", "-n", "2", "--offset", "2"])["offset"],
        2
    );
    // An absolute path names the article indexed as seeds/….
    let absolute = env.path("seeds/000_ad85081284aaedf5.txt");
    let r = env.run(&["show", absolute.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(a["article"], "seeds/000_ad85081284aaedf5.txt");
    // A man page per subcommand, in a folder made for them.
    let r = env.run(&["man", "--dir", "share/man/man1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for page in [
        "vsearch.1",
        "vsearch-index.1",
        "vsearch-search.1",
        "vsearch-serve.1",
    ] {
        assert!(env.path("share/man/man1").join(page).is_file(), "{page}");
    }
}

#[test]
fn listen_takes_a_host_name() {
    let env = TestEnv::new().indexed();
    let server = crate::serve::Server::start(&env, &["--listen", "localhost:0"]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let reply = server.get("/api/stats");
    assert_eq!(reply.status, 200);
}
