//! Issue 28, A2: every text in its real language. A declared language
//! (HTML `lang`, JSONL `lang`, DOCX/ODT `dc:language`) wins over detection;
//! a text in a language other than vi, id and de gets its own code and the
//! neutral analysis, and is filtered, faceted and counted by it.

use crate::util::*;

#[test]
fn english_and_french_keep_their_codes_and_a_declared_language_wins() {
    let env = TestEnv::empty();
    let english = "The Debian project is an association of individuals who have made common \
                   cause to create a free operating system. The café network of mirrors \
                   distributes every package to the users who install it.";
    env.write(
        "docs/en-declared.html",
        format!(r#"<html lang="en"><head><title>About Debian</title></head><body><article><h1>About Debian</h1><p>{english}</p><p>{english}</p></article></body></html>"#),
    );
    env.write(
        "docs/en-detected.txt",
        format!("{english}\n\nEvery release is tested for months before it is published.\n"),
    );
    // German words, declared English: the declaration wins, with a warning.
    let german = "Das Debian-Projekt ist ein Zusammenschluss von Einzelpersonen, die gemeinsam \
                  ein freies Betriebssystem erstellen und es allen Nutzern zur Verfügung stellen.";
    env.write(
        "docs/declared.html",
        format!(r#"<html lang="en"><head><title>Über Debian</title></head><body><article><h1>Über Debian</h1><p>{german}</p><p>{german}</p></article></body></html>"#),
    );
    env.write(
        "docs/records.jsonl",
        r#"{"id":"fr-1","lang":"fr","text":"Le projet Debian est une association de personnes qui ont fait cause commune pour créer un système d'exploitation libre."}"#,
    );
    let r = env.run(&["index", "--quiet", "--verbose", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warnings: Vec<&str> = (index_output(&r.stderr).named.into_iter())
        .filter(|l| l.starts_with("vsearch: warning"))
        .collect();
    assert_eq!(
        warnings,
        [
            "vsearch: warning: docs/declared.html: the page declares language en but its text \
          reads as de; indexed as en, as declared"
        ]
    );
    let langs = |query: &str, filter: &str| -> Vec<(String, String)> {
        let v = env.json(&[query, "--lang", filter, "-n", "20"]);
        let mut out: Vec<(String, String)> = (v["hits"].as_array().unwrap().iter())
            .map(|h| {
                (
                    h["article"].as_str().unwrap().to_string(),
                    h["lang"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        out.dedup();
        out
    };
    assert_eq!(
        langs("Debian", "en"),
        [
            ("docs/declared.html".to_string(), "en".to_string()),
            ("docs/en-declared.html".to_string(), "en".to_string()),
            ("docs/en-detected.txt".to_string(), "en".to_string()),
        ]
    );
    assert_eq!(
        langs("Debian", "fr"),
        [("fr-1".to_string(), "fr".to_string())]
    );
    assert!(langs("Debian", "de").is_empty());
    // The neutral analysis folds case and accents: `cafe` finds `café`.
    assert_eq!(env.json(&["cafe", "--lang", "en"])["total_articles"], 2);
    // Facets and stats count each language apart.
    let v = env.json(&["Debian", "--facets", "-n", "0"]);
    assert_eq!(v["facets"]["lang"]["en"]["articles"], 3, "{v}");
    assert_eq!(v["facets"]["lang"]["fr"]["articles"], 1, "{v}");
    let stats = env.run(&["stats"]).stdout;
    assert!(stats.contains("  en: 3 articles, "), "{stats}");
    assert!(stats.contains("  fr: 1 article, "), "{stats}");
}

/// A zip archive of `parts` (name, text), as Word and LibreOffice write
/// their files.
fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
    out.into_inner()
}

#[test]
fn word_and_libreoffice_files_state_their_language() {
    let env = TestEnv::empty();
    let text = "Das Debian-Projekt ist ein Zusammenschluss von Einzelpersonen, die gemeinsam \
                ein freies Betriebssystem erstellen.";
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
    );
    let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Bericht</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>"#;
    env.write(
        "docs/stated.docx",
        zipped(&[
            ("word/document.xml", &document),
            ("docProps/core.xml", core),
        ]),
    );
    env.write(
        "docs/unstated.docx",
        zipped(&[("word/document.xml", &document)]),
    );
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>{text}</text:p></office:text></office:body></office:document-content>"#
    );
    let meta = r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:language>fr-FR</dc:language></office:meta></office:document-meta>"#;
    env.write(
        "docs/stated.odt",
        zipped(&[("content.xml", &content), ("meta.xml", meta)]),
    );
    let r = env.run(&["index", "--quiet", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lang = |id: &str| -> serde_json::Value {
        let r = env.run(&["show", id, "--json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).expect("JSON")["lang"].clone()
    };
    assert_eq!(lang("docs/stated.docx"), "en");
    assert_eq!(lang("docs/unstated.docx"), "de");
    assert_eq!(lang("docs/stated.odt"), "fr");
}
