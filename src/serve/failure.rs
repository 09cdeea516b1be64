//! Why a request failed, as an HTTP status and a message: JSON
//! `{"error": "…"}` for the API, a page for the browser.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::html;

/// A failed request.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A parameter that cannot be used (400), named in the message.
    BadRequest(String),
    /// No such article or page (404).
    NotFound(String),
    /// The search ran out of its time budget (503).
    Busy(String),
    /// The index cannot be read, or the server broke (500).
    Internal(String),
}

impl From<vsearch::Error> for Failure {
    fn from(e: vsearch::Error) -> Failure {
        // The library's own words for what to do: the server has no
        // command line to name.
        let message = match e.remedy() {
            Some(remedy) => format!("{e}; {remedy}"),
            None => e.to_string(),
        };
        match e {
            vsearch::Error::InvalidValue { .. }
            | vsearch::Error::InvalidParam { .. }
            | vsearch::Error::MissingParam(_)
            | vsearch::Error::QueryLimit { .. } => Failure::BadRequest(message),
            vsearch::Error::Timeout(_) => Failure::Busy(message),
            _ => Failure::Internal(message),
        }
    }
}

/// A page, or the page saying why it failed.
pub(crate) fn page_or_failure(result: Result<maud::Markup, Failure>) -> Response {
    match result {
        Ok(markup) => markup.into_response(),
        Err(failure) => failure.page(),
    }
}

impl Failure {
    fn parts(&self) -> (StatusCode, &str) {
        match self {
            Failure::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            Failure::NotFound(m) => (StatusCode::NOT_FOUND, m),
            Failure::Busy(m) => (StatusCode::SERVICE_UNAVAILABLE, m),
            Failure::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        }
    }

    /// The API's answer: the status and `{"error": message}`.
    pub(crate) fn json(&self) -> Response {
        let (status, message) = self.parts();
        let mut body = Vec::new();
        // Writing to memory does not fail.
        let _ = vsearch::render::json::error(&mut body, message);
        let json = [(header::CONTENT_TYPE, "application/json")];
        (status, json, body).into_response()
    }

    /// The browser's answer: the status and a page saying what went wrong.
    pub(crate) fn page(&self) -> Response {
        self.page_for("")
    }

    /// As [`Failure::page`], the search box holding `query`, the search
    /// that failed, to correct.
    pub(crate) fn page_for(&self, query: &str) -> Response {
        let (status, message) = self.parts();
        let title = match status {
            StatusCode::BAD_REQUEST => "Cannot search that",
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::SERVICE_UNAVAILABLE => "Too slow",
            _ => "Something went wrong",
        };
        (status, html::error_page(title, message, query)).into_response()
    }
}
