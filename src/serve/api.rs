//! The JSON API. `/api/search` answers exactly what `vsearch search --json`
//! prints for the same parameters, since both write through
//! [`vsearch::render::json`]; errors are `{"error": "…"}` with a 4xx or
//! 5xx status.

use axum::extract::{RawQuery, State as Extract};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::failure::Failure;
use super::{blocking, pairs, State, SEARCH_BUDGET};
use vsearch::{render, Naming, Params};

/// The references listed when `limit` is not given.
const REFS_LIMIT: usize = 100;

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
    let params = Params::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), true)?;
    let mut request = params.request(Naming::Params)?;
    request.timeout = Some(SEARCH_BUDGET);
    let results = blocking(state, move |engine| engine.search(&request)).await??;
    json(|out| render::json::results(out, &results))
}

/// `GET /api/article?id=ID[&q=QUERY]`: 404 for an id the index lacks.
pub(crate) async fn article(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    answer(article_json(&state, q.as_deref()).await)
}

async fn article_json(state: &State, query: Option<&str>) -> Result<Response, Failure> {
    let ArticleParams { id, q } = ArticleParams::from(query, true)?;
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

/// The parameters of an article: its id and a query to mark.
pub(crate) struct ArticleParams {
    pub id: String,
    pub q: Option<String>,
}

impl ArticleParams {
    /// Reads `id` and `q`; `strict` refuses anything else.
    pub(crate) fn from(query: Option<&str>, strict: bool) -> Result<ArticleParams, Failure> {
        let mut id = None;
        let mut q = None;
        for (name, value) in pairs(query) {
            match name.as_str() {
                "id" => id = Some(value),
                "q" => q = Some(value).filter(|v| !v.trim().is_empty()),
                _ if strict => {
                    return Err(Failure::BadRequest(format!(
                        "invalid parameter {}: one of id, q",
                        vsearch::quoted(&name)
                    )))
                }
                _ => {}
            }
        }
        let id = id
            .filter(|id| !id.is_empty())
            .ok_or_else(|| Failure::BadRequest("missing parameter \"id\"".into()))?;
        Ok(ArticleParams { id, q })
    }
}

/// `GET /api/refs[?q=FILTER&limit=N]`: the most cited first.
pub(crate) async fn refs(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    answer(refs_json(&state, q.as_deref()).await)
}

async fn refs_json(state: &State, query: Option<&str>) -> Result<Response, Failure> {
    let (filter, limit) = refs_params(query)?;
    let refs = blocking(state, move |engine| engine.refs(filter.as_deref())).await??;
    json(|out| render::json::refs(out, &refs[..refs.len().min(limit)]))
}

/// The filter and limit of a references listing.
pub(crate) fn refs_params(query: Option<&str>) -> Result<(Option<String>, usize), Failure> {
    let mut filter = None;
    let mut limit = REFS_LIMIT;
    for (name, value) in pairs(query) {
        match name.as_str() {
            "q" => filter = Some(value).filter(|v| !v.trim().is_empty()),
            "limit" => {
                limit = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| *n <= vsearch::MAX_LIMIT)
                    .ok_or_else(|| {
                        Failure::BadRequest(format!(
                            "invalid limit {}: a whole number from 0 to 10000",
                            vsearch::quoted(&value)
                        ))
                    })?
            }
            _ => {
                return Err(Failure::BadRequest(format!(
                    "invalid parameter {}: one of q, limit",
                    vsearch::quoted(&name)
                )))
            }
        }
    }
    Ok((filter, limit))
}

/// `GET /api/stats`.
pub(crate) async fn stats(Extract(state): Extract<State>) -> Response {
    answer(stats_json(&state).await)
}

async fn stats_json(state: &State) -> Result<Response, Failure> {
    let stats = blocking(state, |engine| engine.stats()).await??;
    json(|out| render::json::stats(out, &stats))
}
