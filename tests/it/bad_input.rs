//! Bad input and unusable indexes: each problem is named, nothing is lost.

use serde_json::Value;

use crate::util::*;

/// Every kind of bad input beside good files: the run goes on, each problem
/// is reported with its file (and line), and the good files are searchable.
#[test]
fn bad_inputs_are_reported_and_good_files_indexed() {
    let env = TestEnv::empty();
    env.write(
        "in/good.txt",
        "Bộ Y tế và các đối tác quốc tế đẩy mạnh hợp tác alphaword trong lĩnh vực y tế số.\n",
    );
    let mut invalid = "Gute Zusammenarbeit zwischen Vietnam und Frankreich im Gesundheitswesen "
        .as_bytes()
        .to_vec();
    invalid.extend_from_slice(b"\xff\xfe seit Jahren betaword.\n");
    env.write("in/invalid_utf8.txt", invalid);
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(
        "Kerja sama kesehatan antara Vietnam dan Prancis gammaword semakin erat.\n".as_bytes(),
    );
    env.write("in/bom.txt", bom);
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Die Krankenhäuser beider Länder arbeiten deltaword eng zusammen.\n".encode_utf16()
    {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    env.write("in/utf16.txt", utf16);
    env.write(
        "in/crlf.txt",
        "Erste Zeile mit epsilonword und Text.\r\nZweite Zeile.\rDritte Zeile.\r\n",
    );
    env.write("in/nfd.txt", "Nghi\u{323} quye\u{302}\u{301}t ve\u{302}\u{300} cha\u{306}m so\u{301}c zetaword cu\u{309}a nha\u{302}n da\u{302}n đươ\u{323}c ban ha\u{300}nh.\n");
    env.write("in/empty.txt", "");
    env.write("in/blank.txt", "  \n\n \t\n");
    env.write("in/images.md", "![a](b.png)\n\n![c](d.jpg)\n");
    env.write("in/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    env.write("in/long.txt", "etaword Zusammenarbeit ".repeat(450_000));
    std::os::unix::fs::symlink("nowhere.txt", env.path("in/broken.txt")).unwrap();
    std::os::unix::fs::symlink("..", env.path("in/loop")).unwrap();
    env.write(
        "in/data.jsonl",
        [
            r#"{"id": "j-ok", "lang": "id", "text": "Perawatan kesehatan masyarakat thetaword terus ditingkatkan."}"#,
            r#"{not json"#,
            r#"{"id": [5], "text": "angka"}"#,
            r#"{"id": "j3"}"#,
            r#"{"id": "dup", "lang": "de", "text": "Erste Fassung iotaword des Artikels."}"#,
            r#"{"id": "dup", "lang": "de", "text": "Zweite Fassung kappaword des Artikels."}"#,
            r#"{"id": "j-lang", "lang": "xx", "date": "soon", "text": "Hợp tác y tế lambdaword giữa hai nước ngày càng sâu rộng."}"#,
        ]
        .join("\n"),
    );
    let secret = env.write(
        "in/secret.txt",
        "Geheimer Text, der nicht gelesen werden kann, weil die Rechte fehlen.",
    );
    std::fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let r = env.run_unprivileged(&["index", "--quiet", "--verbose", "in"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = index_output(&r.stderr);
    assert_eq!(
        out.named,
        [
            "vsearch: skipped: in/broken.txt: broken symbolic link",
            "vsearch: skipped: in/loop: symbolic link loop (to a folder holding the root), not followed",
            "vsearch: skipped: in/binary.txt: binary file",
            "vsearch: skipped: in/blank.txt: no text to index (empty, whitespace or only images)",
            "vsearch: skipped: in/data.jsonl:2: invalid record: key must be a string at line 1 column 2",
            "vsearch: skipped: in/data.jsonl:3: invalid record: \"id\" must be a string or a number",
            "vsearch: skipped: in/data.jsonl:4: invalid record: no text: expected a \"text\", \"content\" or \"body\" field",
            "vsearch: warning: in/data.jsonl:6: duplicate id \"dup\": replaces the article read earlier with this id",
            "vsearch: warning: in/data.jsonl:7: unknown language \"xx\": expected vi, id, de or another ISO 639-1 code (en, fr, …); language detected instead",
            "vsearch: warning: in/data.jsonl:7: invalid date \"soon\": expected YYYY-MM-DD, DD/MM/YYYY or RFC 3339; date looked for in the text",
            "vsearch: skipped: in/empty.txt: no text to index (empty, whitespace or only images)",
            "vsearch: skipped: in/images.md: no text to index (empty, whitespace or only images)",
            "vsearch: warning: in/invalid_utf8.txt: not UTF-8: read as windows-1252 (detected)",
            "vsearch: skipped: in/secret.txt: Permission denied (os error 13)",
        ]
    );
    assert!(
        out.summary
            .starts_with("vsearch: indexed 10 articles (10 added, 0 updated, 0 unchanged), "),
        "{}",
        out.summary
    );
    assert_eq!(
        out.findings,
        [
            "vsearch: skipped 8 files or lines that could not be read: in/binary.txt (binary file); \
             in/blank.txt (no text to index (empty, whitespace or only images)); in/data.jsonl:2 \
             (invalid record: key must be a string at line 1 column 2); and 5 more",
            "vsearch: not followed: 2 links or special files: in/broken.txt (broken symbolic link); \
             in/loop (symbolic link loop (to a folder holding the root), not followed)",
            "vsearch: converted 1 file to Unicode from windows-1252 (1)",
            "vsearch: 3 warnings: in/data.jsonl:6 (duplicate id \"dup\": replaces the article read \
             earlier with this id); in/data.jsonl:7 (unknown language \"xx\": expected vi, id, de or another ISO 639-1 code (en, fr, …); \
             language detected instead); in/data.jsonl:7 (invalid date \"soon\": expected YYYY-MM-DD, \
             DD/MM/YYYY or RFC 3339; date looked for in the text)",
        ]
    );
    let found = [
        ("alphaword", "in/good.txt"),
        ("betaword", "in/invalid_utf8.txt"),
        ("gammaword", "in/bom.txt"),
        ("deltaword", "in/utf16.txt"),
        ("epsilonword", "in/crlf.txt"),
        ("zetaword", "in/nfd.txt"),
        ("etaword", "in/long.txt"),
        ("thetaword", "j-ok"),
        ("kappaword", "dup"),
        ("lambdaword", "j-lang"),
    ];
    for (word, article) in found {
        let v = env.json(&[word]);
        assert_eq!(v["hits"][0]["article"], article, "{word}");
    }
    assert_eq!(
        env.json(&["iotaword"])["total_hits"],
        0,
        "the later duplicate replaced the earlier"
    );
    assert_eq!(
        env.json(&["Krankenhaus"])["hits"][0]["article"],
        "in/utf16.txt"
    );
    assert_eq!(
        env.json(&["nghi quyet"])["hits"][0]["article"],
        "in/nfd.txt"
    );
    let v = env.json(&["etaword", "-n", "1000"]);
    assert!(
        v["total_hits"].as_u64().unwrap() > 5_000,
        "the 10 MB line is cut into passages"
    );
    assert!(v["hits"].as_array().unwrap().iter().all(|h| h["text"]
        .as_str()
        .unwrap()
        .chars()
        .count()
        <= 1000));
}

#[test]
fn an_unsupported_file_named_on_the_command_line() {
    let env = TestEnv::empty();
    env.write("budget.pptx", "PK\x03\x04");
    let r = env.run(&["index", "--quiet", "--verbose", "budget.pptx"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(
            "vsearch: skipped: budget.pptx: unsupported file type: expected .txt, .md, .jsonl, \
             .html, .pdf, .docx, .odt, .epub, .rtf, .eml, .mbox, .csv, .tsv, .xlsx, .xls or .ods \
             (and text without an extension)\n"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn unusable_indexes_name_the_remedy() {
    let env = TestEnv::new().indexed();
    env.write("afile", "x");
    let r = env.run(&["--index", "afile", "x"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "vsearch: afile: is a file, not an index directory; give --index a directory\n"
        )
    );
    let stats: Value = serde_json::from_str(&env.run(&["stats", "--json"]).stdout).unwrap();
    let version = stats["schema_version"].as_u64().unwrap();
    let meta = env.path("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace(
            &format!("\\\"schema_version\\\":{}", version),
            "\\\"schema_version\\\":0",
        ),
    )
    .unwrap();
    let r = env.run(&["x"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, format!("vsearch: index: index has version 0, this vsearch reads version {}; rebuild it with `vsearch index --rebuild`\n", version).as_str())
    );
    let r = env.run(&["index", "--quiet", "--verbose", "--rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.run(&["Telemedicine"]).code, 0);
    let store = std::fs::read_dir(env.path("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    let name = store.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&store)
        .unwrap()
        .set_len(10)
        .unwrap();
    let r = env.run(&["Telemedicine"]);
    assert_eq!(
        (r.code, r.stderr),
        (2, format!("vsearch: index: index file {name} is damaged or incomplete; rebuild it with `vsearch index --rebuild`\n"))
    );
    std::fs::write(&meta, "garbage").unwrap();
    let r = env.run(&["index", "--quiet", "--verbose"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "vsearch: indexing into index: index: meta.json cannot be read; rebuild it with `vsearch index --rebuild`\n")
    );
    assert_eq!(
        env.run(&["index", "--quiet", "--verbose", "--rebuild"])
            .code,
        0
    );
    assert_eq!(env.run(&["Telemedicine"]).code, 0);
}

// --- issue 11, part B --------------------------------------------------------

/// B1: a folder that holds something else is refused, and nothing in it
/// is deleted, whatever way the folder is named and even with --rebuild.
#[test]
fn a_folder_that_is_not_an_index_is_refused_and_left_untouched() {
    let env = TestEnv::new();
    let names = [
        "notes.store",
        "draft.idx",
        "a.term",
        "meta.json",
        "b.fast",
        "c.del",
    ];
    for name in names {
        env.write(&format!("papers/{name}"), format!("my own {name}"));
    }
    let refused = "is not empty and holds no vsearch index; vsearch writes only into a new or empty folder or its own index\n";
    for args in [
        vec!["index", "--quiet", "--verbose", "--index", "papers"],
        vec![
            "index",
            "--quiet",
            "--verbose",
            "--rebuild",
            "--index",
            "papers",
        ],
    ] {
        let r = env.run(&args);
        assert_eq!(
            (r.code, r.stderr.as_str()),
            (
                2,
                format!("vsearch: indexing into papers: papers: {refused}").as_str()
            )
        );
    }
    let r = env.run_with(
        {
            let mut c = std::process::Command::new(bin());
            c.env("VSEARCH_INDEX", "papers");
            c
        },
        &["index", "--quiet", "--verbose", "--rebuild"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = env.run(&["--index", "papers", "Nghị quyết 72"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, format!("vsearch: papers: {refused}").as_str())
    );
    for name in names {
        let kept = std::fs::read_to_string(env.path(&format!("papers/{name}"))).unwrap();
        assert_eq!(kept, format!("my own {name}"));
    }
    // An empty folder is fine, and so is one holding only a .gitkeep.
    env.write("fresh/.gitkeep", "");
    assert_eq!(
        env.run(&["index", "--quiet", "--verbose", "--index", "fresh"])
            .code,
        0
    );
    assert_eq!(
        std::fs::read_to_string(env.path("fresh/.gitkeep")).unwrap(),
        ""
    );
}

/// B1: a rebuild of a damaged index removes only the files tantivy listed
/// as its own, never a file the user put beside them.
#[test]
fn a_rebuild_deletes_only_what_vsearch_wrote() {
    let env = TestEnv::new().indexed();
    env.write("index/notes.store", "my notes");
    std::fs::write(env.path("index/meta.json"), "garbage").unwrap();
    let r = env.run(&["index", "--quiet", "--verbose", "--rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(env.path("index/notes.store")).unwrap(),
        "my notes"
    );
    assert_eq!(articles_in_index(&env), 5);
}

/// B3: one bad byte in a JSONL line costs that line only.
#[test]
fn a_bad_byte_in_jsonl_skips_only_its_line() {
    let env = TestEnv::empty();
    let mut jsonl =
        br#"{"id": "a", "lang": "de", "text": "Die erste Zeile handelt von Zusammenarbeit."}"#
            .to_vec();
    jsonl.extend_from_slice(b"\n{\"id\": \"b\", \"text\": \"kaputt \xff hier\"}\n");
    jsonl.extend_from_slice(
        br#"{"id": "c", "lang": "de", "text": "Die dritte Zeile handelt von Forschung."}"#,
    );
    jsonl.push(b'\n');
    env.write("in.jsonl", jsonl);
    let r = env.run(&["index", "--quiet", "--verbose", "in.jsonl"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "vsearch: skipped: in.jsonl:2: invalid UTF-8 at byte 28 of the line"
    );
    assert!(
        lines[1].starts_with(
            "vsearch: indexed 2 articles (2 added, 0 updated, 0 unchanged), 2 passages written"
        ),
        "{}",
        lines[1]
    );
    assert_eq!(env.json(&["Forschung"])["hits"][0]["article"], "c");
}

/// B10: a run that finds nothing to index says what it skipped, exits 1
/// and creates no index; summaries count in the singular when there is one.
#[test]
fn a_run_with_nothing_to_index_exits_1_and_names_the_files() {
    let env = TestEnv::empty();
    env.write("photos/a.jpg", "jpeg");
    env.write("photos/b.jpg", "jpeg");
    env.write("photos/slides.pptx", "pptx");
    let r = env.run(&["index", "--quiet", "--verbose", "photos"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "vsearch: skipped: photos/a.jpg: not a type vsearch reads",
            "vsearch: skipped: photos/b.jpg: not a type vsearch reads",
            "vsearch: skipped: photos/slides.pptx: not a type vsearch reads",
        ]
    );
    assert!(
        lines[3].starts_with(
            "vsearch: indexed 0 articles (0 added, 0 updated, 0 unchanged), 0 passages written"
        ),
        "{}",
        lines[3]
    );
    assert_eq!(
        lines[4],
        "vsearch: not read: 3 files of types vsearch does not read: .jpg (2), .pptx (1)"
    );
    assert!(
        !env.path("index").exists(),
        "no index is created for nothing"
    );
    let r = env.run(&[
        "index",
        "--quiet",
        "--verbose",
        "--index",
        "X",
        "missingpath",
    ]);
    // A path given that does not exist is a mistake in the command: exit
    // 2, and nothing is indexed.
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "vsearch: indexing into X: missingpath: no such file or directory\n"
        )
    );
    assert!(!env.path("X").exists(), "a missing input creates no index");
    env.write(
        "one/a.txt",
        "Ein einziger Artikel über die Zusammenarbeit im Gesundheitswesen.",
    );
    env.write("one/b.txt", "");
    env.write(
        "one/c.txt",
        b"Ein zweiter Text \xff \xfcber Forschung und Lehre.".as_slice(),
    );
    let r = env.run(&["index", "--quiet", "--verbose", "one"]);
    assert_eq!(r.code, 1);
    let out = index_output(&r.stderr);
    assert!(
        out.summary.starts_with(
            "vsearch: indexed 2 articles (2 added, 0 updated, 0 unchanged), 2 passages written"
        ),
        "{}",
        out.summary
    );
    assert_eq!(
        out.findings,
        [
            "vsearch: skipped 1 file or line that could not be read: one/b.txt (no text to index \
             (empty, whitespace or only images))",
            "vsearch: converted 1 file to Unicode from windows-1252 (1)"
        ]
    );
    let r = env.run(&["index", "--quiet", "--verbose", "one/a.txt"]);
    let summary = index_output(&r.stderr).summary;
    assert!(
        summary.starts_with(
            "vsearch: indexed 1 article (0 added, 0 updated, 1 unchanged), 0 passages written"
        ),
        "{summary}"
    );
}

// --- issue 16 ----------------------------------------------------------------

/// Terminal escapes in text, titles and file names are shown as escapes,
/// on stdout and stderr; the JSON keeps the text exact.
#[test]
fn control_characters_never_reach_the_terminal() {
    let env = TestEnv::empty();
    env.write(
        "in/evil\u{1b}]0;PWNED\u{7}.txt",
        "---\ntitle: \"Titel \u{1b}[2J mit \u{202e}Umkehr\"\nsource: https://x.y/\u{1b}[2J\n---\nDer Text über Zusammenarbeit \u{1b}[31mrot\u{1b}[0m und \u{9b}C1 geht weiter.\n",
    );
    env.write("in/new\nline.txt", "Ein Text \u{0} mit NUL.");
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
    assert_eq!(r.code, 1);
    assert!(
        !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
        "{:?}",
        r.stderr
    );
    assert!(
        r.stderr
            .starts_with("vsearch: skipped: in/new\\nline.txt: binary file\n"),
        "{:?}",
        r.stderr
    );
    let r = env.run(&["Zusammenarbeit", "--color", "never"]);
    assert_eq!(
        r.stdout,
        " 1. Titel \\x1b[2J mit \\u{202e}Umkehr\n    \
         ?? · undated · in/evil\\x1b]0;PWNED\\x07.txt #0\n    \
         https://x.y/\\x1b[2J\n    \
         Der Text über [Zusammenarbeit] \\x1b[31mrot\\x1b[0m und \\x9bC1 geht weiter.\n\n\
         1 passage in 1 article holds all the words\n"
            .replace("??", "de")
    );
    // Reading the article: its title, path and source are escaped too.
    let r = env.run(&["show", "in/evil\u{1b}]0;PWNED\u{7}.txt", "--color", "never"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().take(3).collect::<Vec<_>>(),
        [
            "Titel \\x1b[2J mit \\u{202e}Umkehr",
            "de · undated · in/evil\\x1b]0;PWNED\\x07.txt · 1 passage",
            "https://x.y/\\x1b[2J",
        ]
    );
    assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
    let v = env.json(&["Zusammenarbeit"]);
    assert_eq!(v["hits"][0]["title"], "Titel \u{1b}[2J mit \u{202e}Umkehr");
    assert!(v["hits"][0]["text"]
        .as_str()
        .unwrap()
        .contains("\u{1b}[31mrot"));
}

/// Inputs that are not regular files, loops of links, a BOM on JSONL,
/// zero-width-only text, a NUL after the first 8 KB and file names that
/// are not UTF-8: each handled, none silently.
#[test]
fn odd_inputs_are_named_and_nothing_collides() {
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::empty();
    let fifo = env.path("pipe.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("b.txt", env.path("a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", env.path("b.txt")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(
        br#"{"id": "first", "lang": "de", "text": "Der erste Eintrag handelt von Forschung."}"#,
    );
    env.write("in/bom.jsonl", bom);
    env.write("in/zero.txt", "\u{200B}\u{FEFF}\n\u{200D} \u{2060}");
    let mut late_nul = "Ein langer Text über Kliniken. ".repeat(400).into_bytes();
    late_nul.extend_from_slice(b"\0tail");
    env.write("in/late.txt", late_nul);
    for byte in [0xffu8, 0xfe] {
        let bytes = [b'i', b'n', b'/', byte, b'.', b't', b'x', b't'];
        let name = std::ffi::OsStr::from_bytes(&bytes);
        let text = format!("Datei {byte:x} über Gesundheit und Lehre.");
        std::fs::write(env.path("").join(name), text).unwrap();
    }
    let r = env.run(&[
        "index",
        "--quiet",
        "--verbose",
        "pipe.txt",
        "/dev/null",
        "a.txt",
        "in",
    ]);
    assert_eq!(r.code, 1);
    let lines = index_output(&r.stderr).named;
    assert_eq!(
        lines,
        [
            "vsearch: skipped: pipe.txt: not a regular file",
            "vsearch: skipped: /dev/null: not a regular file",
            "vsearch: skipped: a.txt: symbolic link loop, not followed",
            "vsearch: skipped: in/late.txt: binary file",
            "vsearch: skipped: in/zero.txt: no text to index (empty, whitespace or only images)",
        ]
    );
    assert_eq!(env.json(&["Forschung"])["hits"][0]["article"], "first");
    let v = env.json(&["Gesundheit", "--per-article", "1"]);
    let mut ids: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["in/\\xfe.txt", "in/\\xff.txt"]);
}

/// `vsearch check` verifies checksums, files and invariants, and names
/// each damaged file with the remedy; reads elsewhere name it too.
#[test]
fn check_names_damaged_and_missing_files() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["check"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "index: ok: 12 files verified, 95 passages in 5 articles\n"
        )
    );
    let file = |ext: &str| {
        std::fs::read_dir(env.path("index"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .min()
            .unwrap()
    };
    let fast = file("fast");
    let mut bytes = std::fs::read(&fast).unwrap();
    for b in &mut bytes[..4] {
        *b ^= 0xff;
    }
    std::fs::write(&fast, bytes).unwrap();
    let pos = fast.with_extension("pos");
    std::fs::remove_file(&pos).unwrap();
    let name = |p: &std::path::Path| p.file_name().unwrap().to_string_lossy().into_owned();
    let r = env.run(&["check"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!(
            "vsearch: index: {}: checksum mismatch (damaged)\nvsearch: index: {}: missing\n\
             vsearch: index: the index is damaged; rebuild it with `vsearch index --rebuild`\n",
            name(&fast),
            name(&pos)
        )
    );
    let r = env.run(&["refs"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("vsearch: index: "), "{}", r.stderr);
    assert!(
        r.stderr
            .ends_with("; rebuild it with `vsearch index --rebuild`\n"),
        "{}",
        r.stderr
    );
}

/// Links to the root's ancestors and to the system's folders are not
/// followed, and a deep tree is walked in time linear in its depth (the
/// old walk resolved every path again: 70 s for 2,000 levels).
#[test]
fn links_out_of_the_tree_and_deep_trees() {
    let env = TestEnv::empty();
    env.write("in/a.txt", "Ein Text über Zusammenarbeit und Forschung.");
    std::os::unix::fs::symlink("/", env.path("in/root")).unwrap();
    std::os::unix::fs::symlink("/proc", env.path("in/proc")).unwrap();
    std::os::unix::fs::symlink("/sys/kernel", env.path("in/kernel")).unwrap();
    let deep = "cd in && mkdir tree && cd tree && for i in $(seq 2000); do mkdir d && cd d || exit 1; done \
                && echo 'Ein tiefer Text über Gesundheit.' > deep.txt";
    let made = std::process::Command::new("sh")
        .args(["-c", deep])
        .current_dir(env.path(""))
        .status()
        .unwrap();
    assert!(made.success());
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
    // Folders not followed are findings, not inputs lost.
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "vsearch: skipped: in/kernel: a system folder, not followed",
            "vsearch: skipped: in/proc: a system folder, not followed",
            "vsearch: skipped: in/root: symbolic link loop (to a folder holding the root), not followed",
        ]
    );
    assert!(
        lines[3].starts_with("vsearch: indexed 2 articles (2 added"),
        "{}",
        lines[3]
    );
    assert_eq!(env.json(&["Gesundheit"])["total_hits"], 1);
}

/// Issue 28, A7: without --verbose, a run names no file as it comes and
/// ends with one line per kind of finding, with counts and the first
/// files; a run whose only findings are warnings exits 0.
#[test]
fn a_run_ends_with_one_line_per_kind_and_warnings_alone_exit_0() {
    let env = TestEnv::empty();
    env.write(
        "in/good.txt",
        "Ein guter Text über Zusammenarbeit im Gesundheitswesen.",
    );
    for i in 1..=5 {
        let link = env.path(&format!("in/gone{i}.txt"));
        std::os::unix::fs::symlink(format!("nowhere{i}.txt"), link).unwrap();
    }
    env.write("in/photo.jpg", "jpeg");
    let r = env.run(&["index", "--quiet", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = index_output(&r.stderr);
    assert!(out.named.is_empty(), "{}", r.stderr);
    assert_eq!(
        out.findings,
        [
            "vsearch: not followed: 5 links or special files: in/gone1.txt (broken symbolic link); \
             in/gone2.txt (broken symbolic link); in/gone3.txt (broken symbolic link); and 2 more",
            "vsearch: not read: 1 file of types vsearch does not read: .jpg (1)",
            "vsearch: --verbose names every file",
        ]
    );
    // A file that cannot be read is an input lost: exit 1.
    env.write("in/broken.pdf", "%PDF-1.4 not really");
    let r = env.run(&["index", "--quiet", "in"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = index_output(&r.stderr);
    assert!(out.named.is_empty(), "{}", r.stderr);
    assert!(
        out.findings[0].starts_with(
            "vsearch: skipped 1 file or line that could not be read: in/broken.pdf (damaged PDF"
        ),
        "{:?}",
        out.findings
    );
}
