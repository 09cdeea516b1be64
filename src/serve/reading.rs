//! The pages for reading: a whole article (`GET /article?id=…&q=…`), with
//! an anchor on every passage and the query's matches marked; the document
//! references, most cited first (`GET /refs`); and what the index holds
//! (`GET /stats`).

use axum::extract::{RawQuery, State as Extract};
use axum::response::Response;
use maud::{html, Markup};

use super::api::{article_params, refs_params};
use super::failure::{page_or_failure, Failure};
use super::html::{lang_name, marked, page, source_link};
use super::{blocking, links, State};
use vsearch::{render, ArticleView, RefCount, Stats};

/// `GET /article?id=ID[&q=QUERY]`.
pub(crate) async fn article(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    page_or_failure(article_page(&state, q.as_deref()).await)
}

async fn article_page(state: &State, query: Option<&str>) -> Result<Markup, Failure> {
    let vsearch::ArticleParams { id, q } = article_params(query, false)?;
    let found = blocking(state, {
        let (id, q) = (id.clone(), q.clone());
        move |engine| engine.article(&id, q.as_deref())
    })
    .await??;
    let article = found.ok_or_else(|| {
        Failure::NotFound(format!("no article {} in the index", vsearch::quoted(&id)))
    })?;
    let query = q.unwrap_or_default();
    let title = article.meta.title.as_deref().unwrap_or("(untitled)");
    Ok(page(title, &query, article_body(&article, &query)))
}

fn article_body(a: &ArticleView, query: &str) -> Markup {
    let lang = a.meta.lang.map_or("", |l| l.code());
    let back = links::search(&vsearch::Params {
        query: query.to_string(),
        ..vsearch::Params::default()
    });
    html! {
        @if !query.trim().is_empty() {
            p.back { a href=(back) { "← Results for " q { (query) } } }
        }
        article.reading lang=(lang) {
            h1 { (a.meta.title.as_deref().unwrap_or("(untitled)")) }
            dl.meta lang="en" {
                @if let Some(date) = a.meta.date { dt { "Date" } dd { time datetime=(date) { (date) } } }
                @if !lang.is_empty() { dt { "Language" } dd { (lang_name(lang)) } }
                @if let Some(url) = a.meta.source.as_deref() { dt { "Source" } dd { (source_link(url)) } }
                dt { "File" } dd.path { (a.meta.path) }
                dt { "Passages" } dd { (a.passages.len()) }
                @if !a.related.is_empty() {
                    dt { "Also in" }
                    dd.related {
                        ul {
                            @for r in &a.related {
                                li lang=(r.lang.map_or("", |l| l.code())) {
                                    a href=(links::article(&r.article, query, None)) {
                                        (r.title.as_deref().unwrap_or("(untitled)"))
                                    }
                                    " " span.why lang="en" { "(" (r.lang.map_or("??", |l| l.code())) "; " (r.why) ")" }
                                }
                            }
                        }
                    }
                }
            }
            @for p in &a.passages {
                section.passage id=(format!("p{}", p.number)) {
                    a.anchor href=(format!("#p{}", p.number)) title="Link to this passage" lang="en" {
                        "#" (p.number)
                        @if let Some(page) = p.page { " p. " (page) }
                    }
                    p { (marked(&p.text, &p.highlights)) }
                }
            }
        }
    }
}

/// `GET /refs[?q=FILTER&limit=N]`.
pub(crate) async fn refs(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    page_or_failure(refs_page(&state, q.as_deref()).await)
}

async fn refs_page(state: &State, query: Option<&str>) -> Result<Markup, Failure> {
    let vsearch::RefsParams { filter, limit } = refs_params(query)?;
    let refs = blocking(state, move |engine| engine.refs(filter.as_deref())).await??;
    let shown = &refs[..refs.len().min(limit)];
    Ok(page("References", "", refs_body(shown, refs.len())))
}

fn refs_body(refs: &[RefCount], all: usize) -> Markup {
    html! {
        h1 { "Document references" }
        p { "The resolutions, decrees and laws the articles cite, most cited first ("
            (render::text::count(refs.len(), "reference")) " of " (all) ")." }
        table.refs {
            thead { tr { th { "Reference" } th { "Articles" } th { "Passages" } th { "Languages" } } }
            tbody {
                @for r in refs {
                    tr {
                        td { a href=(links::search(&vsearch::Params { query: r.display.clone(), ..Default::default() })) { (r.display) } }
                        td.n { (r.articles) }
                        td.n { (r.passages) }
                        td { (r.langs.join(", ")) }
                    }
                }
            }
        }
    }
}

/// `GET /stats`.
pub(crate) async fn stats(Extract(state): Extract<State>) -> Response {
    page_or_failure(stats_page(&state).await)
}

async fn stats_page(state: &State) -> Result<Markup, Failure> {
    let stats = blocking(state, |engine| engine.stats()).await??;
    Ok(page("Index", "", stats_body(&stats)))
}

fn stats_body(s: &Stats) -> Markup {
    let count = |n: u64, word| render::text::count(n as usize, word);
    html! {
        h1 { "What the index holds" }
        dl.meta {
            dt { "Articles" } dd { (count(s.articles, "article")) }
            dt { "Passages" } dd { (count(s.passages, "passage")) }
            @for (code, c) in &s.languages {
                dt { (lang_name(code)) }
                dd { (count(c.articles, "article")) ", " (count(c.passages, "passage")) }
            }
            dt { "Dates" }
            dd {
                @match (&s.first_date, &s.last_date) {
                    (Some(a), Some(b)) => { (a) " to " (b) },
                    _ => "none",
                }
            }
            dt { "Undated" } dd { (count(s.undated_articles, "article")) }
            dt { "Size" } dd { (format!("{:.1} MB in {}", s.size_bytes as f64 / 1e6, count(s.segments as u64, "segment"))) }
            dt { "Vectors" } dd { (count(s.vectors as u64, "article")) }
            dt { "Schema" } dd { "version " (s.schema_version) }
        }
    }
}
