//! Hits as CSV for a spreadsheet, written by [`vsearch::render::csv`] as
//! `--csv` and `vsearch batch` write them: `GET /search.csv` (the search
//! page's "Download CSV"), and the batch page, `GET /batch`, whose form
//! posts a list of queries to `POST /batch` and gets one sheet back.

use axum::extract::{RawQuery, State as Extract};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::failure::Failure;
use super::html::page;
use super::{blocking, pairs, query_in, str_pairs, State, SEARCH_BUDGET};
use vsearch::{render, Params};

/// The body of a sheet named `name`.csv, a download.
fn sheet(name: &str, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}.csv\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// `GET /search.csv?q=…` with the search page's parameters.
pub(crate) async fn search_csv(Extract(state): Extract<State>, RawQuery(q): RawQuery) -> Response {
    let pairs = pairs(q.as_deref());
    match csv_of_search(&state, &pairs).await {
        Ok(response) => response,
        Err(failure) => failure.page_for(query_in(&pairs)),
    }
}

async fn csv_of_search(state: &State, pairs: &[(String, String)]) -> Result<Response, Failure> {
    let params = Params::from_pairs(str_pairs(pairs), false)?;
    let mut request = params.request()?;
    request.per_article = request.per_article.or(Some(1));
    request.timeout = Some(SEARCH_BUDGET);
    let results = blocking(state, move |engine| engine.search(&request)).await??;
    let mut body = Vec::new();
    render::csv::results(&mut body, &results).map_err(|e| Failure::Internal(e.to_string()))?;
    Ok(sheet("vsearch", body))
}

/// `GET /batch`: the form.
pub(crate) async fn batch_form() -> Markup {
    page(
        "Batch search",
        "",
        html! {
            h1 { "Batch search" }
            p { "Run a list of queries, one per line (names, programmes, resolutions), with the same filters, and download one CSV row per hit, and a row with the counts for a query that found nothing." }
            form.batch action="/batch" method="post" {
                label for="list" { "A list to load (text, one query per line)" }
                input #list type="file" accept=".txt,.csv,text/plain,text/csv";
                label for="queries" { "Queries" }
                textarea #queries name="queries" rows="10" required placeholder="Nguyễn Văn An\nNghị quyết 72\nKrankenhausreform" {}
                div.row {
                    label { "Languages " input name="lang" placeholder="vi,de" size="8"; }
                    label { "From " input name="from" placeholder="YYYY-MM" size="8"; }
                    label { "To " input name="to" placeholder="YYYY-MM" size="8"; }
                    label { "Hits per query " input name="limit" value="10" size="4"; }
                }
                button type="submit" { "Download CSV" }
            }
        },
    )
}

/// `POST /batch` (a form: `queries`, one per line, and the search
/// parameters): the CSV of every query's hits.
pub(crate) async fn batch(Extract(state): Extract<State>, body: String) -> Response {
    match batch_csv(&state, &body).await {
        Ok(response) => response,
        Err(failure) => failure.page(),
    }
}

async fn batch_csv(state: &State, body: &str) -> Result<Response, Failure> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let list = (pairs.iter().find(|(k, _)| k == "queries")).map_or("", |(_, v)| v.as_str());
    let queries = vsearch::batch_queries(list, false, None)?;
    if queries.is_empty() {
        return Err(Failure::BadRequest("no queries: one per line".into()));
    }
    let rest = str_pairs(&pairs).filter(|(k, v)| *k != "queries" && !v.trim().is_empty());
    let mut params = Params::from_pairs(rest, true)?;
    params.timeout = Some(SEARCH_BUDGET.as_secs().to_string());
    let body = blocking(state, move |engine| {
        let mut body = Vec::new();
        let mut sheet = render::csv::Sheet::new(&mut body).map_err(io)?;
        engine.batch(&queries, &params, |results| {
            sheet.results(results).map_err(io)
        })?;
        drop(sheet);
        Ok::<_, vsearch::Error>(body)
    })
    .await??;
    Ok(sheet("vsearch-batch", body))
}

/// A write to memory that failed, as the library's error.
fn io(error: std::io::Error) -> vsearch::Error {
    vsearch::Error::Io {
        path: "the CSV".into(),
        error,
    }
}
