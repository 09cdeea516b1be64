//! Web pages (`.html`, `.htm`, `.xhtml`): the article's main text only,
//! found by dom_smoothie (a port of Firefox's Readability) on an html5ever
//! DOM, so menus, headers, footers, cookie banners, related-article boxes,
//! scripts, styles, comments and forms stay out. Block elements
//! (paragraphs, headings, list items) become paragraphs; entities are
//! decoded by the parser. A page whose elements nest too deep or are too
//! many for that to finish in good time is read whole as plain text
//! instead ([`shape`]).
//!
//! Metadata, each in the order given:
//! - title: `og:title`, the JSON-LD `headline`, the first `<h1>`, the
//!   `<title>` without its site-name suffix;
//! - date: `article:published_time`, the JSON-LD `datePublished`, the
//!   first `<time datetime>`, date meta tags, then the plain-text dateline;
//! - language: `<html lang>` or `og:locale`, any language: a declared
//!   language wins over detection, and a text that surely reads as another
//!   is named in a warning;
//! - source: `<link rel=canonical>` or `og:url`;
//! - charset: the BOM, `<meta charset>`, `http-equiv`, else detected
//!   ([`super::super::decode::decode_html`]).

use super::{damaged, no_text, ExtractError};
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use crate::model::{Date, Lang, Meta};

use super::super::problem::Kind;

use super::super::decode::decode_html;
use super::document::{Body, Extracted};

mod body;
mod shape;

use shape::Plain;

/// Reads a web page.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let decoded = decode_html(bytes);
    let mut notes: Vec<(Kind, String)> = (decoded.warning.into_iter())
        .map(|w| (Kind::Converted, w))
        .collect();
    let (text, meta) = match shape::shape(&decoded.text).note() {
        None => {
            let (text, meta, kept) = main_text(&decoded.text)?;
            notes.push(kept);
            (text, meta)
        }
        Some(note) => {
            notes.push((Kind::Other, note));
            plain_text(shape::plain(&decoded.text))
        }
    };
    notes.extend(checked_lang(&text, &meta).map(|n| (Kind::Language, n)));
    Ok(Extracted {
        body: Body::Text(text),
        meta,
        notes,
        from: decoded.from,
        parts: Vec::new(),
    })
}

/// The whole body of a page without its chrome, one paragraph per block,
/// and its `<title>` or first heading: for pages that are all content, as
/// an e-book's chapters and a mail's HTML part are.
pub(crate) fn body_text(page: &str) -> (String, Option<String>) {
    let title = metadata(&Document::from(page)).title;
    (paragraphs(&body::without_chrome(page)), title)
}

/// The share of the page's shown text below which the main-content
/// extractor's result is checked against the whole body.
const CHECK_BELOW: f64 = 0.85;
/// The share of the body without its chrome that the extractor must keep;
/// below it the body is read instead: Readability drops boxed notes
/// (`class="sidebar"`) and, in long chapters, whole sections.
const KEEP_AT_LEAST: f64 = 0.8;

/// The page's main text, found by dom_smoothie, and its metadata; the
/// whole body without its chrome when the extractor kept less than
/// [`KEEP_AT_LEAST`] of it ([`body`]), with a note saying how much of the
/// page was kept.
fn main_text(page: &str) -> Result<(String, Meta, (Kind, String)), ExtractError> {
    let doc = Document::from(page);
    let meta = metadata(&doc);
    let shown = body::shown(&doc);
    let config = Config {
        max_elements_to_parse: shape::MAX_ELEMENTS,
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut reader = Readability::with_document(doc, None, Some(config))
        .map_err(|e| damaged(format!("cannot read this page: {e}")))?;
    let main = match reader.parse() {
        Ok(article) => article.text_content.to_string(),
        Err(_) => String::new(),
    };
    let kept = body::letters(&main);
    let share = |n: usize| n as f64 / shown.max(1) as f64;
    if share(kept) < CHECK_BELOW {
        let whole = body::without_chrome(page);
        let all = body::letters(&whole);
        if (kept as f64) < KEEP_AT_LEAST * all as f64 {
            let note = format!(
                "read whole: the main-content extractor kept {:.0} % of its text, \
                 the body without navigation, header and footer {:.0} %",
                100.0 * share(kept),
                100.0 * share(all)
            );
            return Ok((paragraphs(&whole), meta, (Kind::ReadWhole, note)));
        }
    }
    if kept == 0 {
        return Err(no_text("no article text found in this page"));
    }
    let note = format!(
        "kept {:.0} % of the page's text: its main content",
        100.0 * share(kept)
    );
    Ok((paragraphs(&main), meta, (Kind::Info, note)))
}

/// The whole text of a page too big or deep for a DOM, with the title
/// and language the tokenizer saw.
fn plain_text(plain: Plain) -> (String, Meta) {
    let title = plain
        .title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .map(|t| without_site_name(&t));
    let meta = Meta {
        title,
        lang: plain.lang.and_then(|tag| Lang::from_tag(&tag)),
        ..Meta::default()
    };
    (paragraphs(&plain.text), meta)
}

/// The note when the text surely reads as another language than the one
/// the page declares. The page's own word wins over a guess: it stays
/// indexed in the language declared.
fn checked_lang(text: &str, meta: &Meta) -> Option<String> {
    let declared = meta.lang?;
    let read = Lang::detect_surely(text).filter(|read| *read != declared)?;
    Some(format!(
        "the page declares language {declared} but its text reads as {read}; indexed as {declared}, as declared"
    ))
}

/// The text with one paragraph per non-blank line, blank lines between.
fn paragraphs(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n\n")
}

/// The metadata a page states.
fn metadata(doc: &Document) -> Meta {
    let ld = json_ld(doc);
    let meta = |selector: &str| -> Option<String> {
        let content = doc.select(selector).attr("content")?;
        let content = content.trim();
        (!content.is_empty()).then(|| content.to_string())
    };
    let first_text = |selector: &str| -> Option<String> {
        let text = doc.select(selector).first().text();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    };
    let title = meta(r#"meta[property="og:title"]"#)
        .or_else(|| ld_string(&ld, "headline"))
        .or_else(|| first_text("h1"))
        .or_else(|| first_text("title").map(|t| without_site_name(&t)));
    let date = [
        meta(r#"meta[property="article:published_time"]"#),
        ld_string(&ld, "datePublished"),
        doc.select("time[datetime]").first().attr("datetime").map(|d| d.to_string()),
        meta(r#"meta[name="pubdate"], meta[name="publishdate"], meta[name="date"], meta[itemprop="datePublished"], meta[name="DC.date.issued"], meta[name="dcterms.created"]"#),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| Date::parse_stated(&d));
    let lang = doc
        .select("html")
        .attr("lang")
        .map(|l| l.to_string())
        .or_else(|| meta(r#"meta[property="og:locale"]"#))
        .and_then(|tag| Lang::from_tag(&tag));
    let source = doc
        .select(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|h| h.trim().to_string())
        .or_else(|| meta(r#"meta[property="og:url"]"#))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    Meta {
        title,
        lang,
        date,
        source,
    }
}

/// The JSON-LD objects of the page, `@graph` members included.
fn json_ld(doc: &Document) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for script in doc.select(r#"script[type="application/ld+json"]"#).iter() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&script.text()) else {
            continue;
        };
        let items = match value {
            serde_json::Value::Array(items) => items,
            one => vec![one],
        };
        for item in items {
            if let Some(graph) = item.get("@graph").and_then(|g| g.as_array()) {
                out.extend(graph.iter().cloned());
            }
            out.push(item);
        }
    }
    out
}

/// The first string value of `key` among the JSON-LD objects.
fn ld_string(ld: &[serde_json::Value], key: &str) -> Option<String> {
    ld.iter()
        .filter_map(|v| v.get(key)?.as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

/// A `<title>` without the site name after its last ` | `, ` - `, ` – `
/// or ` — `, when what is left still reads as a title (three words or
/// more).
fn without_site_name(title: &str) -> String {
    let cut = [" | ", " - ", " – ", " — ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep))
        .max();
    match cut {
        Some(at) if title[..at].split_whitespace().count() >= 3 => title[..at].trim().to_string(),
        _ => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_the_site_name_only_when_enough_is_left() {
        assert_eq!(
            without_site_name("Bộ Y tế sửa đổi Luật Khám bệnh | Báo Nhân Dân"),
            "Bộ Y tế sửa đổi Luật Khám bệnh"
        );
        assert_eq!(
            without_site_name("Tin tức - VnExpress"),
            "Tin tức - VnExpress"
        );
        assert_eq!(Lang::from_tag("vi-VN"), Some(Lang::VI));
        assert_eq!(Lang::from_tag("de_DE"), Some(Lang::DE));
        assert_eq!(Lang::from_tag("en").map(Lang::code), Some("en"));
    }
}
