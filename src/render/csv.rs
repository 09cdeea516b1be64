//! Hits as CSV (RFC 4180, UTF-8, a header row) for spreadsheets: one row
//! per hit with the same columns for `--csv`, `vsearch batch` and the web
//! page's download, so a sheet of one search and of a hundred line up.
//! A query that found nothing still gets a row, with its counts and no
//! hit, so a batch's sheet names every query it ran.
//!
//! A cell that a spreadsheet would run as a formula (it starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) is written after a `'`, as
//! OWASP's advice on CSV injection has it: an article's text is never
//! executed by the program that opens the file.

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{Hit, Results};

/// The columns, in order.
pub const COLUMNS: [&str; 12] = [
    "query",
    "total_articles",
    "total_hits",
    "rank",
    "article",
    "title",
    "lang",
    "date",
    "passage",
    "page",
    "snippet",
    "source",
];

/// One row: a query's counts and one of its hits, or none.
#[derive(Serialize)]
pub(crate) struct Row<'a> {
    pub query: &'a str,
    pub total_articles: usize,
    pub total_hits: usize,
    pub rank: Option<usize>,
    pub article: Option<&'a str>,
    pub title: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub date: Option<String>,
    pub passage: Option<u64>,
    pub page: Option<u32>,
    pub snippet: Option<&'a str>,
    pub source: Option<&'a str>,
}

/// The rows of one search: one per hit, or one without a hit.
pub(crate) fn rows(results: &Results) -> Vec<Row<'_>> {
    if results.hits.is_empty() {
        return vec![row(results, None, None)];
    }
    let first = results.offset + 1;
    (results.hits.iter().enumerate())
        .map(|(n, hit)| row(results, Some(first + n), Some(hit)))
        .collect()
}

/// The row of a search's hit at `rank`, or of the search alone.
fn row<'a>(results: &'a Results, rank: Option<usize>, hit: Option<&'a Hit>) -> Row<'a> {
    Row {
        query: &results.query,
        total_articles: results.total_articles,
        total_hits: results.total_hits,
        rank,
        article: hit.map(|h| h.meta.id.as_str()),
        title: hit.and_then(|h| h.meta.title.as_deref()),
        lang: hit.and_then(|h| h.meta.lang.map(|l| l.code())),
        date: hit.and_then(|h| h.meta.date.map(|d| d.to_string())),
        passage: hit.map(|h| h.passage),
        page: hit.and_then(|h| h.page),
        snippet: hit.map(|h| h.snippet.text.as_str()),
        source: hit.and_then(|h| h.meta.source.as_deref()),
    }
}

/// A CSV writer over `out` that has written the header row.
pub struct Sheet<'w> {
    writer: csv::Writer<&'w mut dyn Write>,
}

impl<'w> Sheet<'w> {
    /// Starts a sheet: the header row.
    pub fn new(out: &'w mut dyn Write) -> io::Result<Sheet<'w>> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record(COLUMNS).map_err(io::Error::other)?;
        Ok(Sheet { writer })
    }

    /// Writes the rows of one search.
    pub fn results(&mut self, results: &Results) -> io::Result<()> {
        for row in rows(results) {
            let cells = cells(&row);
            self.writer.write_record(&cells).map_err(io::Error::other)?;
        }
        self.writer.flush()
    }
}

/// A row's cells as text, in [`COLUMNS`] order, made inert.
fn cells(row: &Row) -> Vec<String> {
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let text = |s: Option<&str>| inert(s.unwrap_or_default());
    vec![
        inert(row.query),
        row.total_articles.to_string(),
        row.total_hits.to_string(),
        number(row.rank),
        text(row.article),
        text(row.title),
        text(row.lang),
        row.date.clone().unwrap_or_default(),
        number(row.passage.map(|p| p as usize)),
        number(row.page.map(|p| p as usize)),
        text(row.snippet),
        text(row.source),
    ]
}

/// `cell`, after a `'` when a spreadsheet would run it as a formula.
fn inert(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Writes one search as a sheet: the header row, then its rows.
pub fn results(out: &mut dyn Write, results: &Results) -> io::Result<()> {
    Sheet::new(out)?.results(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_text_kept() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("-5 %"), "'-5 %");
        assert_eq!(inert("Nghị quyết 72"), "Nghị quyết 72");
    }

    #[test]
    fn a_row_without_a_hit_keeps_its_counts() {
        let row = Row {
            query: "=1+1",
            total_articles: 0,
            total_hits: 0,
            rank: None,
            article: None,
            title: None,
            lang: None,
            date: None,
            passage: None,
            page: None,
            snippet: None,
            source: None,
        };
        assert_eq!(
            cells(&row),
            ["'=1+1", "0", "0", "", "", "", "", "", "", "", "", ""]
        );
    }
}
