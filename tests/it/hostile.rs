//! Hostile files and hostile conditions: each costs only itself, is named
//! with the reason, and leaves the good files indexed and the user's files
//! untouched.

use crate::util::*;

/// A PDF of the given objects (numbered from 1, object 1 the catalog),
/// with a correct cross-reference table.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object: its dictionary entries, then the data.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A one-page PDF whose page draws the Form XObject `/Fx`, which draws
/// itself.
pub fn xobject_loop_pdf() -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
          /Resources << /XObject << /Fx 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("", b"/Fx Do"),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] \
             /Resources << /XObject << /Fx 5 0 R >> >>",
            b"/Fx Do",
        ),
    ])
}

/// A zlib stream that inflates to `mib` MiB of zeros: one 16 MiB block
/// compressed with a full flush (so it refers to nothing before it),
/// repeated, then an empty final block and the Adler-32 of the whole.
fn zeros_zlib(mib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let block = vec![0u8; 16 << 20];
    let mut compress = Compress::new(Compression::best(), false);
    let mut chunk = Vec::with_capacity(64 << 10);
    compress
        .compress_vec(&block, &mut chunk, FlushCompress::Full)
        .expect("deflate");
    let mut out = vec![0x78, 0x01];
    for _ in 0..mib / 16 {
        out.extend_from_slice(&chunk);
    }
    out.extend_from_slice(&[0x03, 0x00]);
    let len = (mib as u64) << 20;
    let adler = ((len % 65521) << 16) | 1;
    out.extend_from_slice(&(adler as u32).to_be_bytes());
    out
}

/// A one-page PDF whose content stream inflates to `mib` MiB.
pub fn flate_bomb_pdf(mib: usize) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &zeros_zlib(mib)),
    ])
}

/// The 784-byte kind of PDF whose Form XObject draws itself, and a PDF
/// that inflates to 3 GiB: before, the first overflowed the parsing
/// thread's stack and aborted the whole run, the second took gigabytes.
/// Now each is parsed in a child process bounded in memory, and each is
/// named with its reason while the good files are indexed.
#[test]
fn a_pdf_that_draws_itself_or_inflates_to_gigabytes_costs_only_itself() {
    let env = TestEnv::empty();
    env.write("in/loop.pdf", xobject_loop_pdf());
    let bomb = flate_bomb_pdf(3 << 10);
    assert!(bomb.len() < 4 << 20, "{} bytes", bomb.len());
    env.write("in/bomb.pdf", &bomb);
    env.write(
        "in/good.txt",
        "Bộ Y tế và các đối tác quốc tế đẩy mạnh hợp tác alphaword trong lĩnh vực y tế số.\n",
    );
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/de-bericht.pdf");
    std::fs::copy(fixture, env.path("in/good.pdf")).unwrap();
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let memory = (1u64 << 30) + 4 * bomb.len() as u64;
    let out = index_output(&r.stderr);
    let (mut lines, summary) = (out.named, out.summary);
    lines.sort();
    assert_eq!(
        lines,
        [
            format!(
                "vsearch: skipped: in/bomb.pdf: reading it needed more than {} MiB of memory; skipped",
                memory >> 20
            ),
            "vsearch: skipped: in/loop.pdf: nested too deeply to read (the parser ran out of stack); skipped"
                .to_string(),
        ]
    );
    assert!(
        summary.starts_with("vsearch: indexed 2 articles (2 added"),
        "{summary}"
    );
    assert_eq!(
        env.json(&["alphaword"])["hits"][0]["article"],
        "in/good.txt"
    );
    assert_eq!(
        env.json(&["Krankenhausfinanzierung"])["hits"][0]["article"],
        "in/good.pdf"
    );
}

/// Three first runs into one new folder, started together, ten times:
/// one wins and commits whole; each loser exits 2 saying the folder is
/// being written, and touches nothing. Before, a loser removed the
/// winner's new segment files in about a third of trials.
#[test]
fn concurrent_first_runs_into_a_new_folder_leave_one_whole_index() {
    let env = TestEnv::empty();
    let files: Vec<_> = (0..3)
        .map(|i| {
            let text: String = (0..3_000)
                .map(|n| format!("Absatz {n} über Krankenhäuser und runword{i} im Land.\n\n"))
                .collect();
            env.write(&format!("in{i}.txt"), text)
        })
        .collect();
    for trial in 0..10 {
        let dir = format!("new{trial}");
        let children: Vec<_> = files
            .iter()
            .map(|file| {
                std::process::Command::new(bin())
                    .args(["index", "--quiet", "--verbose", "--index", &dir])
                    .arg(file)
                    .current_dir(env.path(""))
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outcomes: Vec<(i32, String)> = children
            .into_iter()
            .map(|c| {
                let out = c.wait_with_output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr).into_owned();
                (out.status.code().unwrap_or(-1), err)
            })
            .collect();
        let won: Vec<usize> = (0..3).filter(|&i| outcomes[i].0 == 0).collect();
        assert!(!won.is_empty(), "trial {trial}: {outcomes:?}");
        for (code, err) in outcomes.iter().filter(|o| o.0 != 0) {
            assert_eq!(
                (*code, err.as_str()),
                (2, format!("vsearch: indexing into {dir}: {dir}: the index is being written by another process; try again when it has finished\n").as_str()),
                "trial {trial}"
            );
        }
        let check = env.run(&["check", "--index", &dir]);
        assert_eq!(check.code, 0, "trial {trial}: {}", check.stderr);
        for i in 0..3 {
            let r = env.run(&["--index", &dir, &format!("runword{i}"), "-n", "0"]);
            let expected = if won.contains(&i) {
                "1,500 passages in 1 article hold all the words\n"
            } else {
                "0 passages in 0 articles hold all the words\n"
            };
            assert_eq!(r.stdout, expected, "trial {trial}, file {i}: {}", r.stderr);
        }
    }
}

/// A folder without vsearch's marker whose `meta.json` has no segments (a
/// user's file, or another tantivy application's empty index) is not
/// vsearch's: indexing into it, with or without --rebuild, is refused and
/// deletes nothing. Before, it was called damaged, and the rebuild it
/// advised deleted the files its `.managed.json` listed.
#[test]
fn a_foreign_empty_index_is_refused_and_kept() {
    let env = TestEnv::new();
    let files = [
        ("other/meta.json", r#"{"segments": [], "opstamp": 0}"#),
        ("other/.managed.json", r#"["notes.txt", "meta.json"]"#),
        ("other/notes.txt", "Meine Notizen."),
    ];
    for (name, content) in files {
        env.write(name, content);
    }
    let refused = "vsearch: indexing into other: other: is not empty and holds no vsearch index; \
                   vsearch writes only into a new or empty folder or its own index\n";
    for args in [
        vec!["index", "--quiet", "--verbose", "--index", "other", "seeds"],
        vec![
            "index",
            "--quiet",
            "--verbose",
            "--rebuild",
            "--index",
            "other",
            "seeds",
        ],
    ] {
        let r = env.run(&args);
        assert_eq!((r.code, r.stderr.as_str()), (2, refused), "{args:?}");
    }
    let r = env.run(&["--index", "other", "Nghị quyết 72"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    for (name, content) in files {
        assert_eq!(std::fs::read_to_string(env.path(name)).unwrap(), content);
    }
    let mut names: Vec<String> = std::fs::read_dir(env.path("other"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".managed.json", "meta.json", "notes.txt"]);
}

/// `vsearch serve` at a limit of 256 file descriptors, faced with 300
/// connections that send nothing and one that sends half a request:
/// before, it became unreachable and ignored SIGTERM for ever. Now each
/// such connection is closed after the header timeout (10 s), a real
/// request is answered once a slot is free, and SIGTERM with a half-open
/// connection stops the server within the shutdown deadline (10 s).
#[test]
fn silent_and_half_open_connections_neither_block_the_server_nor_its_stop() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let env = TestEnv::new().indexed();
    let mut child = std::process::Command::new("prlimit")
        .args(["--nofile=256:256", &bin(), "serve", "--index", "index"])
        .args(["--listen", "127.0.0.1:0"])
        .current_dir(env.path(""))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("prlimit vsearch serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let half_open = |addr: &str| {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n")
            .unwrap();
        s
    };
    let started = Instant::now();
    let mut silent: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    let mut first = half_open(&addr);
    // A real request, behind them all.
    let mut real = TcpStream::connect(&addr).unwrap();
    real.set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    real.write_all(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    real.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer:?}");
    assert!(started.elapsed() < Duration::from_secs(30));
    // The server closed the half-open and the first silent connections.
    for stream in [&mut first, &mut silent[0]] {
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut rest = Vec::new();
        let read = stream.read_to_end(&mut rest);
        assert!(read.is_ok(), "closed by the server: {read:?}");
    }
    drop(silent);
    let _held = half_open(&addr);
    std::thread::sleep(Duration::from_millis(200));
    let stopping = Instant::now();
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if stopping.elapsed() > Duration::from_secs(25) {
            let _ = child.kill();
            panic!("still running 25 s after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.ends_with("vsearch: server stopped\n"), "{stderr}");
    assert!(stopping.elapsed() < Duration::from_secs(15));
}

/// `--synonyms` takes a regular file only: before, `/dev/zero` was read
/// until memory ran out and a FIFO blocked for ever.
#[test]
fn synonyms_must_be_a_regular_file() {
    let env = TestEnv::new().indexed();
    let fifo = env.path("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for file in ["/dev/zero", fifo.to_str().unwrap()] {
        let mut cmd = std::process::Command::new("timeout");
        cmd.args(["20", &bin()]);
        let r = env.run_with(cmd, &["--synonyms", file, "Krankenhaus"]);
        assert_eq!(
            (r.code, r.stderr),
            (
                2,
                format!("vsearch: {file}: not a regular file; a synonyms file must be one\n")
            )
        );
    }
}

/// `-n 0` asks for the counts only: with hits it exits 0 as the README
/// says (before: 1), without any it exits 1.
#[test]
fn counts_only_exit_0_when_there_are_hits() {
    let env = TestEnv::new().indexed();
    let r = env.run(&["Krankenhaus", "-n", "0"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "6 passages in 1 article hold all the words (0 as typed, 6 in a related form)\n"
        )
    );
    let r = env.run(&["zzzqqq", "-n", "0"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
}

/// A page of 100,000 nested `<div>` (1.1 MB) is read as plain text in a
/// fraction of a second, its words found; before, the main-content search
/// ran past the 30 s limit and the page was lost.
#[test]
fn a_deeply_nested_page_is_read_whole_as_plain_text() {
    let env = TestEnv::empty();
    let n = 100_000;
    let page = format!(
        "<html lang=\"de\"><head><title>Die Reform der Kliniken | Beispiel</title></head><body>{}\
         <p>Die Krankenhausreform der Länder wird im Herbst beraten.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    env.write("in/deep.html", page);
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
    assert_eq!(
        r.stderr.lines().next(),
        Some(
            "vsearch: warning: in/deep.html: its elements nest more than 512 deep, \
             so its text was read whole, without picking out the main content"
        ),
        "{}",
        r.stderr
    );
    let hit = &env.json(&["Krankenhausreform"])["hits"][0];
    assert_eq!(
        (&hit["article"], &hit["title"], &hit["lang"]),
        (
            &"in/deep.html".into(),
            &"Die Reform der Kliniken".into(),
            &"de".into()
        )
    );
}

/// A JSONL line past 16 MiB is skipped unread, named by file and line,
/// and the lines after it are read; before, a 200 MB line peaked at
/// 1.36 GB and was indexed.
#[test]
fn an_overlong_jsonl_line_is_skipped_by_file_and_line() {
    let env = TestEnv::empty();
    let good = |id: &str, word: &str| {
        format!(
            r#"{{"id": "{id}", "lang": "de", "text": "Die Pflegereform {word} wird beraten."}}"#
        )
    };
    let long = format!(
        r#"{{"id": "big", "text": "{}"}}"#,
        "Krankenhaus ".repeat(3 << 20)
    );
    let file = [good("a", "alphaword"), long, good("c", "gammaword")].join("\n");
    env.write("in/export.jsonl", file + "\n");
    let r = env.run(&["index", "--quiet", "--verbose", "in"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stderr.lines().next(),
        Some(
            "vsearch: skipped: in/export.jsonl:2: the line is 36 MiB long, \
             more than the 16 MiB a record may have; skipped"
        )
    );
    assert!(
        r.stderr.contains("indexed 2 articles (2 added"),
        "{}",
        r.stderr
    );
    assert_eq!(env.json(&["gammaword"])["hits"][0]["article"], "c");
    assert_eq!(env.json(&["Krankenhaus"])["total_hits"], 0);
}

/// Links to files in `/proc` and `/sys` are refused like links to their
/// folders, walked or named (once when both); before, `/proc/version` was
/// indexed, and `/proc/self/environ` was read (it was skipped only as
/// binary, for its NUL separators).
#[test]
fn links_to_system_files_are_not_followed() {
    let env = TestEnv::empty();
    env.write("in/good.txt", "Die Pflegereform alphaword wird beraten.\n");
    let mut links = vec![
        ("in/notes.txt", "/proc/self/environ"),
        ("in/version.md", "/proc/version"),
    ];
    if std::path::Path::new("/sys/devices/system/cpu/online").exists() {
        links.push(("in/cpus.txt", "/sys/devices/system/cpu/online"));
    }
    for (link, target) in &links {
        std::os::unix::fs::symlink(target, env.path(link)).unwrap();
    }
    let mut cmd = std::process::Command::new(bin());
    cmd.env("VSEARCH_SECRET", "zetaword");
    let r = env.run_with(
        cmd,
        &["index", "--quiet", "--verbose", "in", "in/notes.txt"],
    );
    // Links not followed are findings, not inputs lost: the run exits 0.
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut expected: Vec<String> = links
        .iter()
        .map(|(link, _)| format!("vsearch: skipped: {link}: a link to a system file, not followed"))
        .collect();
    expected.sort();
    let mut lines = index_output(&r.stderr).named;
    lines.sort();
    assert_eq!(lines, expected);
    assert_eq!(env.json(&["zetaword"])["total_hits"], 0);
    assert_eq!(env.json(&["alphaword"])["total_hits"], 1);
}

/// A warning quotes at most 200 characters of a value; before, a record's
/// 10,000-character language and date were echoed whole.
#[test]
fn warnings_cut_overlong_values_at_200_characters() {
    let env = TestEnv::empty();
    let lang = "x".repeat(10_000);
    let date = "9".repeat(5_000);
    env.write(
        "in/a.jsonl",
        format!(
            r#"{{"id": "a", "lang": "{lang}", "date": "{date}", "text": "Die Pflegereform alphaword wird beraten."}}"#
        ) + "\n",
    );
    let r = env.run(&["index", "--quiet", "--verbose", "--index", "index", "in"]);
    let (cut_lang, cut_date) = (&lang[..200], &date[..200]);
    assert_eq!(
        r.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            format!(
                "vsearch: warning: in/a.jsonl:1: unknown language \"{cut_lang}\"… \
                 (10000 characters): expected vi, id, de or another ISO 639-1 code (en, fr, …); language detected instead"
            ),
            format!(
                "vsearch: warning: in/a.jsonl:1: invalid date \"{cut_date}\"… \
                 (5000 characters): expected YYYY-MM-DD, DD/MM/YYYY or RFC 3339; \
                 date looked for in the text"
            ),
        ]
    );
    let r = env.run(&["alphaword", "--index", "index", "--lang", &lang]);
    assert_eq!(
        (r.code, r.stderr),
        (
            2,
            format!("vsearch: invalid --lang \"{cut_lang}\"… (10000 characters): vi, id, de or another ISO 639-1 code (en, fr, …)\n")
        )
    );
}
