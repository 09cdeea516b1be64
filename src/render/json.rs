//! The JSON contract: one object per search, statistics or reference
//! listing. The command line's `--json` and the web server's API both write
//! through here, so they cannot drift apart.

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{Facets, RefCount, Results, Stats};

#[derive(Serialize)]
struct JsonHit<'a> {
    article: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    lang: Option<&'a str>,
    date: Option<String>,
    passage: u64,
    score: f32,
    text: &'a str,
    snippet: &'a str,
    highlights: &'a [(usize, usize)],
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total_hits: usize,
    hits: Vec<JsonHit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<&'a Facets>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// One JSON object: `{"query", "total_hits", "hits": [...]}` (plus `facets`
/// and `notes` when there are any); `highlights` are byte ranges into `snippet`.
pub fn results(out: &mut dyn Write, results: &Results) -> io::Result<()> {
    let hits = results
        .hits
        .iter()
        .map(|h| JsonHit {
            article: &h.article,
            path: &h.path,
            title: h.title.as_deref(),
            lang: h.lang.map(|l| l.code()),
            date: h.date.map(|d| d.to_string()),
            passage: h.passage,
            score: h.score,
            text: &h.text,
            snippet: &h.snippet.text,
            highlights: &h.snippet.highlights,
        })
        .collect();
    let doc = JsonResults {
        query: &results.query,
        total_hits: results.total_hits,
        hits,
        facets: results.facets.as_ref(),
        notes: &results.notes,
    };
    serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

/// The statistics as one JSON object.
pub fn stats(out: &mut dyn Write, stats: &Stats) -> io::Result<()> {
    serde_json::to_writer(&mut *out, stats).map_err(io::Error::other)?;
    writeln!(out)
}

/// The references as one JSON array.
pub fn refs(out: &mut dyn Write, refs: &[RefCount]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, refs).map_err(io::Error::other)?;
    writeln!(out)
}
