//! Printing results: a terminal layout (with or without colour) and JSON.
//! Searching never prints; everything here writes to an `impl Write`.

use std::io::{self, Write};

use serde::Serialize;

use crate::facets::{Count, Facets};
use crate::search::{Hit, Results};

/// ANSI styles used on a terminal.
mod style {
    pub const MATCH: &str = "\x1b[1;31m";
    pub const RANK: &str = "\x1b[1m";
    pub const META: &str = "\x1b[36m";
    pub const DIM: &str = "\x1b[2m";
    pub const RESET: &str = "\x1b[0m";
}

/// The human-readable layout.
pub fn human(out: &mut dyn Write, results: &Results, color: bool) -> io::Result<()> {
    let paint = |s: &'static str| if color { s } else { "" };
    for note in &results.notes {
        writeln!(
            out,
            "{}note: {note}{}",
            paint(style::DIM),
            paint(style::RESET)
        )?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let lang = hit.lang.map_or("??", |l| l.code());
        let date = hit
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        writeln!(
            out,
            "{}{:>2}.{} {}{:.2}  {}  {}{}  {}",
            paint(style::RANK),
            i + 1,
            paint(style::RESET),
            paint(style::META),
            hit.score,
            lang,
            date,
            paint(style::RESET),
            hit.title.as_deref().unwrap_or("(untitled)"),
        )?;
        writeln!(
            out,
            "    {}{} #{}{}",
            paint(style::DIM),
            hit.path,
            hit.passage,
            paint(style::RESET)
        )?;
        write!(out, "    ")?;
        write_marked(out, hit, color)?;
        writeln!(out)?;
    }
    let shown = results.hits.len();
    writeln!(
        out,
        "{}{shown} of {} matching passage{}",
        if shown > 0 { "\n" } else { "" },
        results.total_hits,
        if results.total_hits == 1 { "" } else { "s" },
    )?;
    if let Some(f) = &results.facets {
        write_facets(out, f)?;
    }
    Ok(())
}

fn write_marked(out: &mut dyn Write, hit: &Hit, color: bool) -> io::Result<()> {
    let text = &hit.snippet.text;
    let mut last = 0;
    for &(a, b) in &hit.snippet.highlights {
        out.write_all(&text.as_bytes()[last..a])?;
        if color {
            write!(out, "{}{}{}", style::MATCH, &text[a..b], style::RESET)?;
        } else {
            write!(out, "[{}]", &text[a..b])?;
        }
        last = b;
    }
    out.write_all(&text.as_bytes()[last..])
}

/// `1 passage`, `2 passages`.
pub fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn write_facets(out: &mut dyn Write, facets: &Facets) -> io::Result<()> {
    write_counts(out, "\nby language:", facets.lang.iter())?;
    write_counts(out, "by month:", facets.month.iter().rev())
}

fn write_counts<'a>(
    out: &mut dyn Write,
    heading: &str,
    counts: impl Iterator<Item = (&'a String, &'a Count)>,
) -> io::Result<()> {
    writeln!(out, "{heading}")?;
    for (k, c) in counts {
        writeln!(
            out,
            "  {k}: {} in {}",
            plural(c.passages, "passage"),
            plural(c.articles, "article")
        )?;
    }
    Ok(())
}

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
pub fn json(out: &mut dyn Write, results: &Results) -> io::Result<()> {
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
