//! A folder as a user might collect it, with twenty hostile files among
//! five good ones: every good file is indexed and every bad one is named
//! with its reason, in one run that ends on its own.

use std::io::Write;

use crate::hostile::{flate_bomb_pdf, xobject_loop_pdf};
use crate::util::*;

/// A zip archive holding `name` with `data`, deflated.
fn zipped(name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(name, options).unwrap();
    zip.write_all(data).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

/// Writes the twenty hostile files into `in/`.
fn hostile(env: &TestEnv) {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let pdf = std::fs::read(fixtures.join("de-bericht.pdf")).unwrap();
    env.write("in/loop.pdf", xobject_loop_pdf());
    env.write("in/bomb.pdf", flate_bomb_pdf(1536));
    env.write("in/truncated.pdf", &pdf[..pdf.len() / 3]);
    let big = std::fs::File::create(env.path("in/huge.pdf")).unwrap();
    big.set_len(257 << 20).unwrap();
    env.write(
        "in/random.docx",
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    );
    env.write(
        "in/zipbomb.docx",
        zipped("word/document.xml", &vec![b' '; 40 << 20]),
    );
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"{}\">{}]>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">&j;</office:document-content>",
        "ha".repeat(5),
        (b'b'..=b'j')
            .map(|c| format!("<!ENTITY {} \"{}\">", c as char, format!("&{};", (c - 1) as char).repeat(10)))
            .collect::<String>()
    );
    env.write("in/laughs.odt", zipped("content.xml", laughs.as_bytes()));
    let n = 100_000;
    env.write(
        "in/deep.html",
        format!(
            "<body>{}<p>Tief verschachtelt.</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    );
    env.write(
        "in/scripts.html",
        "<html><body><script>var a = 1;</script></body></html>",
    );
    env.write(
        "in/long.jsonl",
        format!(
            "{{\"id\": \"long\", \"text\": \"{}\"}}\n",
            "a ".repeat(9 << 20)
        ),
    );
    env.write(
        "in/badutf8.jsonl",
        b"{\"id\": \"b\", \"text\": \"\xff\xfe\"}\n".as_slice(),
    );
    env.write("in/notjson.jsonl", "{\"id\": \"c\", \"text\": \n");
    env.write("in/binary.txt", b"\x00\x01\x02PK\x00\x00\xff".repeat(100));
    env.write("in/empty.txt", "");
    env.write(
        "in/baddate.md",
        "---\ndate: someday\n---\n\n# Hinweis\n\nDie Pflegereform omegaword wird beraten.\n",
    );
    for (link, target) in [
        ("in/environ.txt", "/proc/self/environ"),
        ("in/zero.txt", "/dev/zero"),
        ("in/dangling.md", "missing.md"),
        ("in/loop", "."),
    ] {
        std::os::unix::fs::symlink(target, env.path(link)).unwrap();
    }
    let made = std::process::Command::new("mkfifo")
        .arg(env.path("in/fifo.txt"))
        .status()
        .unwrap();
    assert!(made.success());
}

/// Before this issue, the loop PDF aborted the run, the bomb took
/// gigabytes, the deep page ran into the time limit and the long line was
/// read whole.
#[test]
fn twenty_hostile_files_among_five_good_ones() {
    let env = TestEnv::empty();
    hostile(&env);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for (good, fixture) in [
        ("good.pdf", "de-bericht.pdf"),
        ("good.docx", "id-laporan.docx"),
        ("good.odt", "de-pflege.odt"),
        ("good.html", "vi-bao-hiem.html"),
    ] {
        std::fs::copy(fixtures.join(fixture), env.path(&format!("in/{good}"))).unwrap();
    }
    env.write(
        "in/good.txt",
        "Bộ Y tế đẩy mạnh hợp tác alphaword trong lĩnh vực y tế số.\n",
    );
    let r = env.run(&["index", "--verbose", "--index", "index", "in"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = index_output(&r.stderr);
    let (mut lines, summary) = (out.named, out.summary);
    lines.sort();
    let memory = (1u64 << 30) + 4 * std::fs::metadata(env.path("in/bomb.pdf")).unwrap().len();
    let bomb = format!(
        "vsearch: skipped: in/bomb.pdf: reading it needed more than {} MiB of memory; skipped",
        memory >> 20
    );
    let mut expected = vec![
        "vsearch: skipped: in/badutf8.jsonl:1: invalid UTF-8 at byte 21 of the line",
        "vsearch: skipped: in/binary.txt: binary file",
        bomb.as_str(),
        "vsearch: skipped: in/dangling.md: broken symbolic link",
        "vsearch: skipped: in/empty.txt: no text to index (empty, whitespace or only images)",
        "vsearch: skipped: in/environ.txt: a link to a system file, not followed",
        "vsearch: skipped: in/fifo.txt: not a regular file",
        "vsearch: skipped: in/huge.pdf: larger than 256 MiB; vsearch does not parse files this big",
        "vsearch: skipped: in/laughs.odt: no text to index",
        "vsearch: skipped: in/long.jsonl:1: the line is 18 MiB long, more than the 16 MiB a record may have; skipped",
        "vsearch: skipped: in/loop: symbolic link loop, not followed",
        "vsearch: skipped: in/loop.pdf: nested too deeply to read (the parser ran out of stack); skipped",
        "vsearch: skipped: in/notjson.jsonl:1: invalid record: EOF while parsing a value at line 1 column 20",
        "vsearch: skipped: in/random.docx: damaged DOCX file, or not one: not a readable zip archive (invalid Zip archive: Could not find EOCD)",
        "vsearch: skipped: in/scripts.html: no article text found in this page",
        "vsearch: skipped: in/truncated.pdf: damaged PDF, cannot be read (failed parsing cross reference table: invalid start value)",
        "vsearch: skipped: in/zero.txt: not a regular file",
        "vsearch: skipped: in/zipbomb.docx: refused: word/document.xml would expand to more than 64 MiB or 200 times its packed size (a zip bomb?)",
        "vsearch: warning: in/baddate.md: front matter: invalid date \"someday\": expected YYYY-MM-DD",
        "vsearch: warning: in/deep.html: its elements nest more than 512 deep, so its text was read whole, without picking out the main content",
        "vsearch: note: in/good.html: kept 68 % of the page's text: its main content",
    ];
    expected.sort();
    assert_eq!(lines, expected);
    assert!(
        summary.starts_with("vsearch: indexed 7 articles (7 added, 0 updated, 0 unchanged)"),
        "{summary}"
    );
    assert_eq!(
        out.findings,
        [
            format!(
                "vsearch: skipped 13 files or lines that could not be read: in/badutf8.jsonl:1 \
                 (invalid UTF-8 at byte 21 of the line); in/binary.txt (binary file); in/bomb.pdf \
                 ({}); and 10 more",
                bomb.trim_start_matches("vsearch: skipped: in/bomb.pdf: ")
            ),
            "vsearch: not followed: 5 links or special files: in/dangling.md (broken symbolic link); \
             in/environ.txt (a link to a system file, not followed); in/fifo.txt (not a regular file); \
             and 2 more"
                .to_string(),
            "vsearch: 2 warnings: in/baddate.md (front matter: invalid date \"someday\": expected \
             YYYY-MM-DD); in/deep.html (its elements nest more than 512 deep, so its text was read \
             whole, without picking out the main content)"
                .to_string(),
        ]
    );
    for id in [
        "good.pdf",
        "good.docx",
        "good.odt",
        "good.html",
        "good.txt",
        "deep.html",
        "baddate.md",
    ] {
        let r = env.run(&["show", "--index", "index", &format!("in/{id}"), "--json"]);
        let article: serde_json::Value =
            serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{id}: {e}: {}", r.stderr));
        assert!(
            !article["passages"][0]["text"].as_str().unwrap().is_empty(),
            "{id}"
        );
    }
}
