//! The JSON API. `/api/search` answers exactly what `vsearch search --json`
//! prints for the same parameters, since both write through
//! [`vsearch::render::json`]; errors are `{"error": "…"}` with a 4xx or
//! 5xx status.

use axum::extract::{RawQuery, State as Extract};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::failure::Failure;
use super::{blocking, pairs, str_pairs, State, SEARCH_BUDGET};
use vsearch::{render, ArticleParams, Params, RefsParams};

/// A JSON body written by one of [`render::json`]'s functions.
fn json(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<Response, Failure> {
    let mut body = Vec::new();
    write(&mut body).map_err(|e| Failure::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

fn answer(result: Result<Response, Failure>) -> Response {
    result.unwrap_or_else(|failure| failure.json())
}

/// `GET /api/search?q=…&lang=…&from=…&to=…&limit=…&offset=…&per_article=…&facets=…`
pub(crate) async fn search(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    answer(search_json(&state, q.as_deref()).await)
}

async fn search_json(state: &State, query: Option<&str>) -> Result<Response, Failure> {
    let pairs = pairs(query);
    let params = Params::from_pairs(str_pairs(&pairs), true)?;
    let mut request = params.request()?;
    request.timeout = Some(SEARCH_BUDGET);
    let results = blocking(state, move |engine| engine.search(&request)).await??;
    json(|out| render::json::results(out, &results))
}

/// `GET /api/article?id=ID[&q=QUERY]`: 404 for an id the index lacks.
pub(crate) async fn article(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    answer(article_json(&state, q.as_deref()).await)
}

async fn article_json(state: &State, query: Option<&str>) -> Result<Response, Failure> {
    let ArticleParams { id, q } = article_params(query, true)?;
    let found = blocking(state, {
        let id = id.clone();
        move |engine| engine.article(&id, q.as_deref())
    })
    .await??;
    match found {
        Some(article) => json(|out| render::json::article(out, &article)),
        None => Err(Failure::NotFound(format!(
            "no article {} in the index",
            vsearch::quoted(&id)
        ))),
    }
}

/// The article parameters of a URL's query; `strict` refuses others.
pub(crate) fn article_params(query: Option<&str>, strict: bool) -> Result<ArticleParams, Failure> {
    let pairs = pairs(query);
    let pairs = str_pairs(&pairs);
    Ok(ArticleParams::from_pairs(pairs, strict)?)
}

/// `GET /api/refs[?q=FILTER&limit=N]`: the most cited first.
pub(crate) async fn refs(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    answer(refs_json(&state, q.as_deref()).await)
}

async fn refs_json(state: &State, query: Option<&str>) -> Result<Response, Failure> {
    let RefsParams { filter, limit } = refs_params(query)?;
    let refs = blocking(state, move |engine| engine.refs(filter.as_deref())).await??;
    json(|out| render::json::refs(out, &refs[..refs.len().min(limit)]))
}

/// The references parameters of a URL's query.
pub(crate) fn refs_params(query: Option<&str>) -> Result<RefsParams, Failure> {
    let pairs = pairs(query);
    Ok(RefsParams::from_pairs(str_pairs(&pairs))?)
}

/// `GET /api/stats`.
pub(crate) async fn stats(Extract(state): Extract<State>) -> Response {
    answer(stats_json(&state).await)
}

async fn stats_json(state: &State) -> Result<Response, Failure> {
    let stats = blocking(state, |engine| engine.stats()).await??;
    json(|out| render::json::stats(out, &stats))
}
