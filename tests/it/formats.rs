//! The files people save, read for real: the fixtures in
//! `tests/fixtures/formats/` were written by reportlab, pypdf,
//! python-docx, odfpy and Python's codecs (`make_formats.py`). Each test
//! checks what was extracted (title, date, language, source, page, the
//! exact passage text) and that page chrome, scripts and markup cannot be
//! found.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use crate::util::{index_output, TestEnv};

/// A folder `docs/` holding every fixture, indexed; the run's stderr.
fn indexed() -> (TestEnv, String) {
    let env = TestEnv::empty();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for entry in std::fs::read_dir(fixtures).expect("fixtures") {
        let entry = entry.expect("entry");
        let bytes = std::fs::read(entry.path()).expect("read fixture");
        env.write(
            &format!("docs/{}", entry.file_name().to_string_lossy()),
            bytes,
        );
    }
    env.write("docs/photo.jpg", b"\xFF\xD8\xFF\xE0 not really a photo");
    env.write("docs/bomb.docx", zip_bomb());
    let r = env.run(&["index", "--quiet", "--verbose", "docs"]);
    assert_eq!(r.code, 1, "bad files are skipped: {}", r.stderr);
    (env, r.stderr)
}

/// A DOCX whose document.xml expands 20 MiB from a few KiB.
fn zip_bomb() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).expect("start");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..20 {
        zip.write_all(&spaces).expect("write");
    }
    zip.finish().expect("finish");
    out.into_inner()
}

fn article(env: &TestEnv, id: &str) -> Value {
    let r = env.run(&["show", id, "--json"]);
    assert_eq!(r.code, 0, "{id}: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("JSON")
}

fn meta(a: &Value) -> Value {
    json!([a["title"], a["date"], a["lang"], a["source"]])
}

fn passage(a: &Value, n: usize) -> (&str, &Value) {
    let p = &a["passages"][n];
    (p["text"].as_str().expect("text"), &p["page"])
}

fn total_hits(env: &TestEnv, query: &str) -> u64 {
    env.json(&[query])["total_hits"].as_u64().expect("total")
}

#[test]
fn a_saved_news_page_gives_its_article_and_nothing_else() {
    let (env, _) = indexed();
    let a = article(&env, "docs/vi-bao-hiem.html");
    assert_eq!(
        meta(&a),
        json!([
            "Bộ Y tế đề xuất mở rộng quyền lợi bảo hiểm y tế",
            "2025-06-19",
            "vi",
            "https://suckhoe.example.vn/bao-hiem-y-te-post1234.html",
        ])
    );
    assert_eq!(
        passage(&a, 0),
        ("Bộ Y tế vừa trình Chính phủ dự thảo sửa đổi Luật Bảo hiểm y tế, mở rộng quyền lợi cho người bệnh & người cao tuổi.", &Value::Null)
    );
    assert_eq!(
        passage(&a, 3).0,
        "Các chuyên gia nhận định quy định mới sẽ giảm tải cho bệnh viện tuyến trung ương <đặc biệt tại Hà Nội và Thành phố Hồ Chí Minh>."
    );
    assert_eq!(a["passages"].as_array().map(Vec::len), Some(5));
    // Menus, cookie banner, related links, form, footer, script, style and
    // comment are all left out.
    for chrome in [
        "Thời sự",
        "cookie",
        "vàng",
        "Đăng ký nhận tin",
        "Giấy phép",
        "quảng cáo",
        "gtag",
        "dataLayer",
        "display",
        "bìnhluậnẩn",
        "Email",
    ] {
        assert_eq!(total_hits(&env, chrome), 0, "{chrome}");
    }
}

#[test]
fn a_latin1_ministry_page_reads_its_charset_and_title() {
    let (env, stderr) = indexed();
    assert!(stderr.contains(
        "vsearch: warning: docs/de-krankenhaus.htm: not UTF-8: read as windows-1252 (declared)\n"
    ));
    let a = article(&env, "docs/de-krankenhaus.htm");
    assert_eq!(
        meta(&a),
        json!([
            "Krankenhausreform: Entwurf zur Finanzierung vorgelegt",
            "2025-03-14",
            "de",
            null,
        ])
    );
    assert_eq!(
        passage(&a, 1).0,
        "Künftig sollen Vorhaltepauschalen einen größeren Teil der Kosten decken, damit kleinere Häuser auf dem Land erhalten bleiben."
    );
    for chrome in ["Startseite", "Impressum", "Barrierefreiheit"] {
        assert_eq!(total_hits(&env, chrome), 0, "{chrome}");
    }
    // The logo's "BMG" went with the chrome, and no text defines it: the
    // ministry is found by its name only.
    assert_eq!(total_hits(&env, "\"Bundesministerium für Gesundheit\""), 2);
    assert_eq!(total_hits(&env, "BMG"), 0);
}

#[test]
fn a_pdf_report_keeps_its_pages_and_joins_hyphenated_words() {
    let (env, _) = indexed();
    let a = article(&env, "docs/de-bericht.pdf");
    assert_eq!(
        meta(&a),
        json!(["Bericht zur Krankenhausfinanzierung 2025", null, "de", null,])
    );
    assert_eq!(
        passage(&a, 0),
        (
            "Einleitung\nDas Bundesministerium für Gesundheit legt den Bericht zur Krankenhausfinanzierung vor. \
             Die Reform betrifft die Gesundheits- und Pflegeberufe ebenso wie den Nord-Süd-Vergleich der \
             Versorgung in den Ländern.",
            &Value::from(1)
        )
    );
    assert_eq!(
        passage(&a, 1),
        (
            "Ergebnisse\nIm Jahr 2025 stiegen die Ausgaben der gesetzlichen Krankenversicherung auf 326 \
             Milliarden Euro. Die Vorhaltepauschalen sollen ab 2026 gelten.",
            &Value::from(2)
        )
    );
    let hit = &env.json(&["Krankenversicherung Milliarden", "--passages"])["hits"][0];
    assert_eq!(
        (&hit["path"], &hit["page"]),
        (&"docs/de-bericht.pdf".into(), &Value::from(2))
    );
    let text = env.run(&["Krankenhausfinanzierung", "--no-pager"]);
    assert!(
        text.stdout.contains("docs/de-bericht.pdf p. 1 #0"),
        "{}",
        text.stdout
    );
    // Unpaged formats say so.
    assert_eq!(
        env.json(&["puskesmas", "--passages"])["hits"][0]["page"],
        Value::Null
    );
}

#[test]
fn word_and_libreoffice_files_give_paragraphs_tables_and_titles() {
    let (env, _) = indexed();
    let docx = article(&env, "docs/id-laporan.docx");
    assert_eq!(
        meta(&docx),
        json!([
            "Laporan Kementerian Kesehatan tentang Layanan Primer",
            null,
            "id",
            null,
        ])
    );
    assert_eq!(
        passage(&docx, 2).0,
        "Provinsi\nJumlah puskesmas\nJawa Barat\n1.105\nMenteri menegaskan bahwa pendanaan berasal dari APBN dan BPJS Kesehatan."
    );
    let odt = article(&env, "docs/de-pflege.odt");
    assert_eq!(
        meta(&odt),
        json!(["Pflegebericht des Landes Sachsen 2025", null, "de", null])
    );
    assert_eq!(
        passage(&odt, 0).0,
        "Pflege in Sachsen\nDie Zahl der Pflegebedürftigen stieg auf 310.000 Menschen.  Die Pflegekassen tragen den \
         größten Teil.\nLandkreis\nPflegeheime\nLeipzig\n142\nDer Bericht erscheint jährlich im Frühjahr."
    );
}

#[test]
fn legacy_encodings_markdown_and_extensionless_text() {
    let (env, stderr) = indexed();
    for line in [
        "vsearch: warning: docs/vi-cp1258.txt: not UTF-8: read as windows-1258 (detected)",
        "vsearch: warning: docs/de-cp1252.txt: not UTF-8: read as windows-1252 (detected)",
        "vsearch: warning: docs/id-utf16.txt: UTF-16 without a byte order mark: read as UTF-16",
        "vsearch: warning: docs/vi-tcvn3.txt: written in the TCVN3 (ABC) font encoding: converted to Unicode",
        "vsearch: warning: docs/vi-vni.txt: written in the VNI font encoding: converted to Unicode",
        "vsearch: warning: docs/vi-vntime.docx: text set in TCVN3 (ABC) fonts: converted to Unicode",
    ] {
        assert!(stderr.contains(line), "{line} in {stderr}");
    }
    let hit = |q: &str| env.json(&[q])["hits"][0]["article"].clone();
    assert_eq!(hit("bảo hiểm y tế thông tuyến"), "docs/vi-cp1258.txt");
    assert_eq!(hit("bao hiem y te thong tuyen"), "docs/vi-cp1258.txt");
    assert_eq!(hit("Zuschüsse Krankenhäuser"), "docs/de-cp1252.txt");
    assert_eq!(hit("puskesmas nasional"), "docs/id-utf16.txt");
    assert_eq!(hit("chuyển đổi số biên bản"), "docs/GHI-CHU");
    assert_eq!(hit("chăm sóc sức khỏe người cao tuổi"), "docs/vi-tcvn3.txt");
    assert_eq!(hit("bác sĩ gia đình điều dưỡng"), "docs/vi-vni.txt");
    assert_eq!(hit("báo cáo tiến độ chuyển đổi số"), "docs/vi-vntime.docx");
    let vni = article(&env, "docs/vi-vni.txt");
    assert_eq!(
        passage(&vni, 0).0,
        "Nghị quyết về phát triển nguồn nhân lực y tế, đào tạo bác sĩ gia đình và điều dưỡng cho tuyến xã."
    );
    let md = article(&env, "docs/vi-ghi-chu.md");
    assert_eq!(md["title"], "Ghi chú họp báo");
    assert_eq!(
        passage(&md, 0).0,
        "Ghi chú họp báo\nBộ Y tế công bố kế hoạch tiêm chủng mở rộng.\nTỉnh  Số liều\nHà Nội  1200\nKết luận\nTriển khai ngay trong quý III."
    );
}

#[test]
fn bad_files_are_named_and_the_rest_is_indexed() {
    let (env, stderr) = indexed();
    for line in [
        "vsearch: skipped: docs/scan.pdf: no text layer — scanned? run OCR first",
        "vsearch: skipped: docs/locked.pdf: encrypted PDF: it needs a password, which vsearch does not ask for",
        "vsearch: skipped: docs/broken.pdf: damaged PDF, cannot be read (failed parsing cross reference table: invalid start value)",
        "vsearch: skipped: docs/broken.docx: damaged DOCX file, or not one: not a readable zip archive (invalid Zip archive: Could not find EOCD)",
        "vsearch: skipped: docs/bomb.docx: refused: word/document.xml would expand to more than 64 MiB or 200 times its packed size (a zip bomb?)",
    ] {
        assert!(stderr.contains(&format!("{line}\n")), "{line} in {stderr}");
    }
    let out = index_output(&stderr);
    assert!(
        out.summary
            .starts_with("vsearch: indexed 13 articles (13 added, 0 updated, 0 unchanged)"),
        "{}",
        out.summary
    );
    assert_eq!(
        out.findings,
        [
            "vsearch: skipped 5 files or lines that could not be read: docs/bomb.docx (refused: \
             word/document.xml would expand to more than 64 MiB or 200 times its packed size (a zip \
             bomb?)); docs/broken.docx (damaged DOCX file, or not one: not a readable zip archive \
             (invalid Zip archive: Could not find EOCD)); docs/broken.pdf (damaged PDF, cannot be read \
             (failed parsing cross reference table: invalid start value)); and 2 more",
            "vsearch: converted 7 files to Unicode from TCVN3 (ABC) (2), windows-1252 (2), \
             UTF-16 without a byte order mark (1), VNI (1), windows-1258 (1)",
            "vsearch: not read: 1 file of types vsearch does not read: .jpg (1)",
        ]
    );
    // A second run over the same files does no work.
    let again = env.run(&["index", "--quiet", "--verbose", "docs"]);
    let summary = index_output(&again.stderr).summary;
    assert!(
        summary.starts_with(
            "vsearch: indexed 13 articles (0 added, 0 updated, 13 unchanged), 0 passages written"
        ),
        "{summary}"
    );
}

/// Issue 28, A1: a page whose main content Readability cuts short (a
/// DocBook chapter with boxed notes, `class="sidebar"`, which it takes for
/// a side column) is read whole, without its navigation, and says so.
#[test]
fn a_page_the_extractor_cuts_short_is_read_whole_without_its_navigation() {
    let env = TestEnv::empty();
    let filler = "Die Netzwerkkarte sendet Rahmen über das Kabel, und jede Schnittstelle hat \
                  eine Adresse, die der Rechner beim Start vom Dienst erhält; die Datei legt \
                  fest, welcher Wert für welche Zeile gilt.";
    let para = |extra: &str| format!(r#"<div class="para">{extra}{filler} {filler}</div>"#);
    let boxed = |i: usize| {
        format!(
            r#"<div class="sidebar"><div class="titlepage"><div><div><p class="title"><strong>GRUNDLAGEN Kasten {i}</strong></p></div></div></div>{}{}{}</div>"#,
            para(&format!("kastenwort{i} ")),
            para(""),
            para("")
        )
    };
    let page = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml" lang="de"><head><title>8.2. Das Netzwerk einrichten</title></head><body>
<div id="banner"><a href="https://example.org/get/"><span class="text">Das Handbuch herunterladen</span></a></div>
<ul class="docnav top"><li class="previous"><a accesskey="p" href="prev.html"><strong>Zurück</strong></a></li><li class="next"><a accesskey="n" href="next.html"><strong>Weiter</strong></a></li></ul>
<div class="section"><div class="titlepage"><div><div><h2 class="title"><a id="sect.network"></a>8.2. Das Netzwerk einrichten</h2></div></div></div>
{}{}{}{}<pre class="screen">$ ip addr show codewort</pre>
<div class="table"><table><tr><th>Datei</th><th>Zweck</th></tr><tr><td>/etc/network/interfaces</td><td>tabellenwort der Schnittstellen</td></tr></table></div>
<ul><li>listenwort: erster Punkt</li><li>zweiter Punkt</li></ul>{}{}</div>
<ul class="docnav"><li class="previous"><a href="prev.html">Zurück</a></li><li class="home"><a href="index.html">Anfang</a></li></ul></body></html>"#,
        boxed(1),
        para("hauptwort "),
        para(""),
        boxed(2),
        para(""),
        para("")
    );
    env.write("doc/net.xhtml", page);
    let r = env.run(&["index", "--verbose", "doc"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        index_output(&r.stderr).named,
        [
            "vsearch: warning: doc/net.xhtml: read whole: the main-content extractor kept 41 % of \
          its text, the body without navigation, header and footer 99 %"
        ]
    );
    for word in [
        "hauptwort",
        "kastenwort1",
        "kastenwort2",
        "codewort",
        "tabellenwort",
        "listenwort",
    ] {
        assert_eq!(total_hits(&env, word), 1, "{word}");
    }
    for chrome in ["Zurück", "herunterladen", "Anfang"] {
        assert_eq!(total_hits(&env, chrome), 0, "{chrome}");
    }
    // Without --verbose, the run ends with the count of pages read whole.
    let r = env.run(&["index", "--rebuild", "doc"]);
    assert_eq!(
        index_output(&r.stderr).findings,
        ["vsearch: 1 page read whole (the main-content extractor kept less than 80 % of the text): \
          doc/net.xhtml (read whole: the main-content extractor kept 41 % of its text, the body \
          without navigation, header and footer 99 %)"]
    );
}

/// A two-page PDF whose second page's font has a ToUnicode map with an
/// odd-length hex string, as pdfTeX writes them (Debian's
/// `developers-reference.pdf`): pdf-extract panics on it.
fn pdftex_style_pdf() -> Vec<u8> {
    let page1 = "BT /F1 12 Tf 72 720 Td (Die Regierung beschliesst das Gesetz zur Pflege.) Tj ET";
    let page2 = "BT /F2 12 Tf 72 720 Td (Krankenhaus und Forschung) Tj ET";
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /A-B-C def \
                1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <4> <0044> endbfchar \
                endcmap CMapName currentdict /CMap defineresource pop end end";
    let stream = |s: &str| format!("<< /Length {} >>\nstream\n{s}\nendstream", s.len());
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F2 8 0 R >> >> >>".to_string(),
        stream(page1),
        stream(page2),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /CMR10 /ToUnicode 9 0 R >>".to_string(),
        stream(cmap),
    ];
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// Issue 28, A4: a page pdf-extract fails on is read by lopdf's own text
/// extraction; the whole file is no longer refused, and pages keep their
/// numbers.
#[test]
fn a_pdftex_style_pdf_is_read_page_by_page() {
    let env = TestEnv::empty();
    env.write("docs/reference.pdf", pdftex_style_pdf());
    let r = env.run(&["index", "--quiet", "--verbose", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        index_output(&r.stderr).named,
        [
            "vsearch: note: docs/reference.pdf: page 2 read by lopdf's text extraction: \
          pdf-extract failed on it"
        ]
    );
    for (word, page) in [("Regierung", 1), ("Krankenhaus", 2)] {
        let v = env.json(&[word]);
        assert_eq!(v["hits"][0]["article"], "docs/reference.pdf", "{word}");
        assert_eq!(v["hits"][0]["page"], page, "{word}");
    }
}

/// Issue 28, A6: a plain text's title is no `#!` line or section number,
/// and a hard-wrapped paragraph is one passage, not cut mid-sentence.
#[test]
fn hard_wrapped_text_is_read_in_paragraphs_and_titled_by_its_prose() {
    let env = TestEnv::empty();
    let paragraph = |name: &str| {
        format!(
            "Das {name}-Projekt ist ein Zusammenschluss von Einzelpersonen, die\n\
             gemeinsam ein freies Betriebssystem erstellen. Es wird von Tausenden von\n\
             Freiwilligen auf der ganzen Welt entwickelt und gepflegt, die ihre\n\
             Freizeit dafür opfern. Die Pakete werden sorgfältig getestet, bevor sie\n\
             in eine stabile Veröffentlichung aufgenommen werden, und Sicherheits-\n\
             aktualisierungen erscheinen regelmäßig."
        )
    };
    env.write(
        "doc/wrapped.txt",
        format!(
            "#!/bin/sh\n\n1.2.3\n\n{}\n\n{}\n",
            paragraph("Debian"),
            paragraph("Ubuntu")
        ),
    );
    let r = env.run(&["index", "--quiet", "doc"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["show", "doc/wrapped.txt", "--json"]);
    let a: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        a["title"],
        "Das Debian-Projekt ist ein Zusammenschluss von Einzelpersonen, die gemeinsam ein freies…"
    );
    let texts: Vec<&str> = (a["passages"].as_array().unwrap().iter())
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts[1].starts_with("Das Ubuntu-Projekt ist")
            && texts[1].ends_with("und Sicherheitsaktualisierungen erscheinen regelmäßig."),
        "{texts:?}"
    );
    assert!(!texts[1].contains('\n'), "{texts:?}");
}
