//! The terminal layout of results, statistics, references and indexing
//! summaries, with or without colour.

use std::io::{self, Write};

use crate::index::IndexReport;
use crate::search::{FacetCount as Count, Facets, Hit, RefCount, Results, Stats};

/// ANSI styles used on a terminal.
mod style {
    pub const MATCH: &str = "\x1b[1;31m";
    pub const RANK: &str = "\x1b[1m";
    pub const META: &str = "\x1b[36m";
    pub const DIM: &str = "\x1b[2m";
    pub const RESET: &str = "\x1b[0m";
}

/// The human-readable layout.
pub fn results(out: &mut dyn Write, results: &Results, color: bool) -> io::Result<()> {
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
        let id = if hit.article == hit.path {
            String::new()
        } else {
            format!(" ({})", hit.article)
        };
        writeln!(
            out,
            "    {}{}{id} #{}{}",
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
pub(crate) fn plural(n: u64, word: &str) -> String {
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

/// The layout of `vsearch stats`.
pub fn stats(out: &mut dyn Write, s: &Stats) -> io::Result<()> {
    writeln!(out, "articles:  {}", s.articles)?;
    writeln!(out, "passages:  {}", s.passages)?;
    for (lang, c) in &s.languages {
        writeln!(
            out,
            "  {lang}: {}, {}",
            plural(c.articles, "article"),
            plural(c.passages, "passage")
        )?;
    }
    match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => writeln!(out, "dates:     {a} to {b}")?,
        _ => writeln!(out, "dates:     none")?,
    }
    writeln!(out, "undated:   {}", plural(s.undated_articles, "article"))?;
    writeln!(
        out,
        "size:      {:.1} MB in {}",
        s.size_bytes as f64 / 1e6,
        plural(s.segments as u64, "segment")
    )?;
    writeln!(out, "schema:    version {}", s.schema_version)
}

/// The layout of `vsearch refs`: one reference a line.
pub fn refs(out: &mut dyn Write, refs: &[RefCount]) -> io::Result<()> {
    for r in refs {
        writeln!(
            out,
            "{:<16} {:>3} article{} {:>4} passage{}  {}",
            r.display,
            r.articles,
            if r.articles == 1 { " " } else { "s" },
            r.passages,
            if r.passages == 1 { " " } else { "s" },
            r.langs.join(",")
        )?;
    }
    Ok(())
}

/// The one-line summary of an indexing run.
pub fn index_summary(r: &IndexReport) -> String {
    let n = |count: usize, word: &str| plural(count as u64, word);
    let mut s = format!(
        "indexed {} ({} added, {} updated, {} unchanged), {} written, {:.1} MB in {:.2} s",
        n(r.articles(), "article"),
        r.added,
        r.updated,
        r.unchanged,
        n(r.passages, "passage"),
        r.bytes as f64 / 1e6,
        r.seconds
    );
    if r.removed > 0 {
        let gone = if r.removed == 1 {
            "file is"
        } else {
            "files are"
        };
        s.push_str(&format!(
            "; removed {} whose {gone} gone",
            n(r.removed, "article")
        ));
    }
    if r.skipped > 0 {
        let what = if r.skipped == 1 {
            "file or line"
        } else {
            "files or lines"
        };
        s.push_str(&format!("; skipped {} {what}: see above", r.skipped));
    }
    if !r.unsupported_types.is_empty() {
        let types: Vec<String> = r
            .unsupported_types
            .iter()
            .map(|(ext, count)| format!("{ext} ({count})"))
            .collect();
        s.push_str(&format!(
            "; skipped {} of types vsearch does not read: {}",
            n(r.unsupported.len(), "file"),
            types.join(", ")
        ));
    }
    if r.warnings > 0 {
        s.push_str(&format!("; {}", n(r.warnings, "warning")));
    }
    s
}
