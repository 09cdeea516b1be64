//! The search page, `GET /`: results grouped by article, each with its
//! best passage marked, language and month facets that add or remove their
//! filter, date range inputs, pages of hits, the query's repair notes, and
//! help when nothing matches. Its whole state is in the URL.

use axum::extract::{RawQuery, State as Extract};
use axum::response::Response;
use maud::{html, Markup};

use axum::response::IntoResponse;

use super::failure::Failure;
use super::html::{lang_name, marked, page, source_link};
use super::{blocking, links, pairs, query_in, str_pairs, State, SEARCH_BUDGET};
use vsearch::{render, FacetCount, Hit, Params, Results, MAX_LIMIT};

/// `GET /?q=…&lang=…&from=…&to=…&offset=…`.
pub(crate) async fn search(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    match search_page(&state, q.as_deref()).await {
        Ok(markup) => markup.into_response(),
        Err(failure) => failure.page_for(query_in(&pairs(q.as_deref()))),
    }
}

/// A search as the page shows it: the parameters with the languages as
/// the request understood them, the results, and whether more follow.
struct Shown {
    params: Params,
    results: Results,
    offset: usize,
    more: bool,
}

async fn search_page(state: &State, query: Option<&str>) -> Result<Markup, Failure> {
    let pairs = pairs(query);
    let mut params = Params::from_pairs(str_pairs(&pairs), false)?;
    if params.query.trim().is_empty() {
        return Ok(home());
    }
    let mut request = params.request()?;
    params.lang = request.langs.iter().map(|l| l.code().to_string()).collect();
    params.kind = request.kinds.iter().map(|k| k.to_string()).collect();
    let wanted = request.limit;
    // One hit more than shown tells whether there is a next page.
    request.limit = (wanted + 1).min(MAX_LIMIT);
    request.per_article = request.per_article.or(Some(1));
    request.facets = true;
    request.timeout = Some(SEARCH_BUDGET);
    let offset = request.offset;
    let widen = widened(&request);
    let (mut results, wide) = blocking(state, move |engine| {
        let results = engine.search(&request)?;
        let wide: vsearch::Result<Vec<_>> = (widen.into_iter())
            .map(|(which, r)| Ok((which, engine.search(&r)?.facets)))
            .collect();
        Ok::<_, vsearch::Error>((results, wide?))
    })
    .await??;
    if let Some(facets) = results.facets.as_mut() {
        for (which, counts) in wide {
            let counts = counts.unwrap_or_default();
            match which {
                Facet::Lang => facets.lang = counts.lang,
                Facet::Month => facets.month = counts.month,
                Facet::Kind => facets.kind = counts.kind,
            }
        }
    }
    let more = results.hits.len() > wanted;
    results.hits.truncate(wanted);
    let shown = Shown {
        params,
        results,
        offset,
        more,
    };
    Ok(page(
        &shown.params.query,
        &shown.params.query,
        results_body(&shown),
    ))
}

/// A facet whose counts leave out its own filter.
enum Facet {
    Lang,
    Month,
    Kind,
}

/// The searches that count a filtered facet's values without its own
/// filter, so that the languages and months not chosen stay listed with
/// their counts and can be added: one without the languages chosen, one
/// without the dates, one without the file types, each counting only.
fn widened(request: &vsearch::Request) -> Vec<(Facet, vsearch::Request)> {
    let counting = |r: &vsearch::Request| vsearch::Request {
        limit: 0,
        offset: 0,
        snippets: false,
        ..r.clone()
    };
    let mut out = Vec::new();
    if !request.langs.is_empty() {
        let mut r = counting(request);
        r.langs.clear();
        out.push((Facet::Lang, r));
    }
    if request.from.is_some() || request.to.is_some() {
        let mut r = counting(request);
        (r.from, r.to) = (None, None);
        out.push((Facet::Month, r));
    }
    if !request.kinds.is_empty() {
        let mut r = counting(request);
        r.kinds.clear();
        out.push((Facet::Kind, r));
    }
    out
}

/// The page before a search: what to type.
fn home() -> Markup {
    page(
        "Search",
        "",
        html! {
            h1 { "Search the articles" }
            p { "Type words in Vietnamese, Indonesian or German; accents are optional." }
            (syntax_help())
        },
    )
}

fn syntax_help() -> Markup {
    html! {
        dl.syntax {
            dt { code { "y tế" } } dd { "passages holding both words; side by side ranks first" }
            dt { code { "\"bảo hiểm y tế\"" } } dd { "the exact phrase" }
            dt { code { "Nghị quyết 72" } } dd { "a resolution, cited in any language and form" }
            dt { code { "Pháp -Mỹ" } } dd { "leave out passages with a word" }
            dt { code { "Krankenhaus OR Klinik" } } dd { "either word" }
            dt { code { "lang:de date:2025-06" } } dd { "only German articles from June 2025" }
        }
    }
}

fn results_body(s: &Shown) -> Markup {
    let hits = &s.results.hits;
    let full = hits.iter().take_while(|h| h.all_words).count();
    html! {
        @if !s.results.notes.is_empty() {
            ul.notes { @for note in &s.results.notes { li { (note) } } }
        }
        p.summary {
            (render::text::summary(&s.results))
            @if !hits.is_empty() {
                " " a.download href=(links::csv(&s.params)) download="vsearch.csv" { "Download CSV" }
            }
        }
        div.results {
            section.hits {
                @if hits.is_empty() { (no_hits(s)) }
                @if full > 0 {
                    ol.all start=(s.offset + 1) {
                        @for hit in &hits[..full] { li { (hit_card(hit, &s.params.query)) } }
                    }
                }
                @if full < hits.len() {
                    p.divider lang="en" {
                        @if full > 0 || s.offset > 0 { "These hold some of the words:" }
                        @else { "No passage holds all the words; these hold some:" }
                    }
                    ol.some start=(s.offset + full + 1) {
                        @for hit in &hits[full..] { li { (hit_card(hit, &s.params.query)) } }
                    }
                }
                (pager(s))
            }
            aside.facets { (facets(s)) }
        }
    }
}

fn hit_card(hit: &Hit, query: &str) -> Markup {
    let lang = hit.meta.lang.map(|l| l.code());
    let link = links::article(&hit.meta.id, query, Some(hit.passage));
    html! {
        article.hit lang=(lang.unwrap_or("")) {
            h2 { a href=(link) { (hit.meta.title.as_deref().unwrap_or("(untitled)")) } }
            p.meta lang="en" {
                @if let Some(code) = lang { span { (lang_name(code)) } }
                @if let Some(date) = hit.meta.date { time datetime=(date) { (date) } }
                span.path { (hit.meta.path) @if let Some(page) = hit.page { " p. " (page) } }
                @if hit.by_meaning {
                    span.matches { "related by meaning" }
                } @else if let Some(n) = hit.article_matches {
                    span.matches { (render::text::count(n, "matching passage")) }
                }
            }
            p.snippet { (marked(&hit.snippet.text, &hit.snippet.highlights)) }
            @if let Some(url) = hit.meta.source.as_deref() { p.meta { (source_link(url)) } }
            @if !hit.also_filed_as.is_empty() {
                p.meta.copies lang="en" {
                    "Also filed as: "
                    @for (i, id) in hit.also_filed_as.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(links::article(id, query, None)) { (id) }
                    }
                }
            }
            @if !hit.related.is_empty() {
                p.meta.related lang="en" {
                    "Also in: "
                    @for (i, r) in hit.related.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(links::article(&r.article, query, None)) title=(r.why) {
                            (r.lang.map_or("??", |l| l.code())) " · " (r.title.as_deref().unwrap_or("(untitled)"))
                        }
                    }
                }
            }
        }
    }
}

fn no_hits(s: &Shown) -> Markup {
    let p = &s.params;
    let filtered = !p.lang.is_empty() || p.from.is_some() || p.to.is_some();
    html! {
        div.help {
            @if s.offset > 0 {
                p { "No more hits. " a href=(links::at_offset(p, 0)) { "Back to the first page" } }
            } @else {
                p { "No passage holds these words." }
                ul {
                    @if filtered {
                        li { a href=(links::unfiltered(p)) { "Search without the filters" } }
                    }
                    li { "Check the spelling; accents may be left out." }
                    li { "Use fewer words, or " code { "OR" } " between alternatives." }
                }
                (syntax_help())
            }
        }
    }
}

fn pager(s: &Shown) -> Markup {
    let step = s
        .params
        .limit
        .as_deref()
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(10)
        .max(1);
    html! {
        nav.pages {
            @if s.offset > 0 {
                a rel="prev" href=(links::at_offset(&s.params, s.offset.saturating_sub(step))) { "← Previous" }
            }
            @if s.more {
                a rel="next" href=(links::at_offset(&s.params, s.offset + step)) { "Next →" }
            }
        }
    }
}

fn facets(s: &Shown) -> Markup {
    let Some(f) = s.results.facets.as_ref().filter(|f| !f.lang.is_empty()) else {
        return date_form(&s.params);
    };
    let p = &s.params;
    let month_on = |m: &str| links::month_chosen(p, m);
    html! {
        h2 { "Language" }
        ul.facet {
            @for (code, count) in &f.lang {
                (facet_item(lang_name(code), count, p.lang.contains(code), Some(links::toggle_lang(p, code))))
            }
        }
        h2 { "Month" }
        ul.facet {
            @for (month, count) in f.month.iter().rev() {
                @let link = (month != "unknown").then(|| links::toggle_month(p, month));
                (facet_item(month, count, month_on(month), link))
            }
        }
        h2 { "File type" }
        ul.facet {
            @for (kind, count) in &f.kind {
                @let on = p.kind.iter().any(|k| k == kind);
                (facet_item(kind_name(kind), count, on, Some(links::toggle_kind(p, kind))))
            }
        }
        (date_form(p))
    }
}

/// The name people know a file type by.
fn kind_name(kind: &str) -> &str {
    (vsearch::KINDS.iter())
        .find(|(k, _)| *k == kind)
        .map_or(kind, |(_, name)| name)
}

fn facet_item(label: &str, count: &FacetCount, on: bool, link: Option<String>) -> Markup {
    let title = format!(
        "{} in {}",
        render::text::count(count.passages as usize, "passage"),
        render::text::count(count.articles as usize, "article")
    );
    html! {
        li class=[on.then_some("on")] title=(title) {
            @match link {
                Some(href) => a href=(href) { (label) },
                None => span { (label) },
            }
            " " span.count { (count.articles) }
        }
    }
}

/// The date range inputs, keeping the rest of the search.
fn date_form(p: &Params) -> Markup {
    let pattern = r"\d{4}(-\d{2}(-\d{2})?)?";
    html! {
        form.dates action="/" method="get" {
            input type="hidden" name="q" value=(p.query);
            @for lang in &p.lang { input type="hidden" name="lang" value=(lang); }
            @for kind in &p.kind { input type="hidden" name="type" value=(kind); }
            label { "From " input name="from" value=[p.from.as_deref()] placeholder="YYYY-MM" pattern=(pattern) size="10"; }
            label { "To " input name="to" value=[p.to.as_deref()] placeholder="YYYY-MM" pattern=(pattern) size="10"; }
            label { "Ranking "
                select name="mode" {
                    @for (value, label) in [("", "default"), ("hybrid", "words and meaning"), ("lexical", "words"), ("semantic", "meaning")] {
                        option value=(value) selected[p.mode.as_deref().unwrap_or("") == value] { (label) }
                    }
                }
            }
            button type="submit" { "Apply" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_card_escapes_article_text_and_links_to_its_passage() {
        let hit = Hit {
            meta: vsearch::ArticleMeta {
                id: "a/<b>.txt".into(),
                path: "a/<b>.txt".into(),
                title: Some("<script>alert(1)</script>".into()),
                source: None,
                lang: Some(vsearch::Lang::VI),
                date: vsearch::Date::new(2025, 6, 1),
            },
            passage: 4,
            page: None,
            score: 1.0,
            text: "<img src=x onerror=alert(1)> y tế".into(),
            snippet: vsearch::Snippet {
                text: "<img src=x onerror=alert(1)> y tế".into(),
                highlights: vec![(29, 30)],
            },
            article_matches: Some(2),
            similarity: None,
            by_meaning: false,
            related: Vec::new(),
            aside: false,
            also_filed_as: vec!["a/<c>.txt".into()],
            across: false,
            all_words: true,
            typed: None,
            scoring: None,
        };
        let got = hit_card(&hit, "y").into_string();
        assert_eq!(
            got,
            "<article class=\"hit\" lang=\"vi\"><h2><a href=\"/article?id=a%2F%3Cb%3E.txt&amp;q=y#p4\">\
             &lt;script&gt;alert(1)&lt;/script&gt;</a></h2><p class=\"meta\" lang=\"en\">\
             <span>Vietnamese</span><time datetime=\"2025-06-01\">2025-06-01</time>\
             <span class=\"path\">a/&lt;b&gt;.txt</span><span class=\"matches\">2 matching passages</span></p>\
             <p class=\"snippet\">&lt;img src=x onerror=alert(1)&gt; <mark>y</mark> tế</p>\
             <p class=\"meta copies\" lang=\"en\">Also filed as: \
             <a href=\"/article?id=a%2F%3Cc%3E.txt&amp;q=y\">a/&lt;c&gt;.txt</a></p></article>"
        );
    }
}
