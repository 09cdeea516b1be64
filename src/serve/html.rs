//! The pieces every page is made of: the frame (head, header with the
//! search box, navigation), text with its matches in `<mark>`, and the
//! style sheet and script, embedded in the binary. maud escapes every
//! value written into a template, so article text, titles, file names and
//! queries show as text, never as markup.

use axum::http::header;
use axum::response::IntoResponse;
use maud::{html, Markup, DOCTYPE};

/// The style sheet: readable on a phone and a desktop, light and dark.
const STYLE: &str = include_str!("static/style.css");
/// The script: shortcuts only; every page works without it.
const SCRIPT: &str = include_str!("static/app.js");

/// Assets change only with the binary; let the browser keep them an hour.
const ASSET_CACHE: &str = "public, max-age=3600";

/// `GET /static/style.css`.
pub(crate) async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, ASSET_CACHE),
        ],
        STYLE,
    )
}

/// `GET /static/app.js`.
pub(crate) async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, ASSET_CACHE),
        ],
        SCRIPT,
    )
}

/// A whole page: `title`, the search box holding `query`, and `body`.
pub(crate) fn page(title: &str, query: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · vsearch" }
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                header {
                    a.brand href="/" { "vsearch" }
                    form.search action="/" method="get" role="search" {
                        input #q type="search" name="q" value=(query)
                            placeholder="Nghị quyết 72, y tế, Krankenhaus…"
                            aria-label="Search" autocomplete="off";
                        button type="submit" { "Search" }
                    }
                    nav {
                        a href="/batch" { "Batch" }
                        a href="/refs" { "References" }
                        a href="/stats" { "Index" }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The page of a failed request, the search box holding `query`.
pub(crate) fn error_page(title: &str, message: &str, query: &str) -> Markup {
    page(
        title,
        query,
        html! {
            h1 { (title) }
            p.error { (message) }
            p { a href="/" { "Start a new search" } }
        },
    )
}

/// `text` with the byte ranges `marks` in `<mark>`. Ranges that are out of
/// order, overlapping or off a character boundary are passed over.
pub(crate) fn marked(text: &str, marks: &[(usize, usize)]) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for &(start, end) in marks {
        let (Some(before), Some(inside)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((inside, true));
        at = end;
    }
    pieces.push((text.get(at..).unwrap_or(""), false));
    html! {
        @for (piece, mark) in pieces {
            @if mark { mark { (piece) } } @else { (piece) }
        }
    }
}

/// `lang`'s name, for people.
pub(crate) fn lang_name(code: &str) -> &str {
    match code {
        "vi" => "Vietnamese",
        "id" => "Indonesian",
        "de" => "German",
        other => other,
    }
}

/// A link to an article's source, opened without telling it where from.
pub(crate) fn source_link(url: &str) -> Markup {
    let web = url.starts_with("https://") || url.starts_with("http://");
    html! {
        @if web {
            a.source href=(url) rel="noopener noreferrer nofollow" { (url) }
        } @else {
            span.source { (url) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_placed_and_everything_is_escaped() {
        let text = "a <b>&</b> Việt Nam";
        let start = text.find("Việt").unwrap();
        let got = marked(text, &[(2, 5), (start, start + "Việt".len()), (100, 101)]).into_string();
        assert_eq!(
            got,
            "a <mark>&lt;b&gt;</mark>&amp;&lt;/b&gt; <mark>Việt</mark> Nam"
        );
        let link = source_link("javascript:alert(1)").into_string();
        assert_eq!(link, "<span class=\"source\">javascript:alert(1)</span>");
        let link = source_link("https://x.vn/a?b=1&c=\"2\"").into_string();
        assert_eq!(
            link,
            "<a class=\"source\" href=\"https://x.vn/a?b=1&amp;c=&quot;2&quot;\" \
             rel=\"noopener noreferrer nofollow\">https://x.vn/a?b=1&amp;c=&quot;2&quot;</a>"
        );
    }
}
