//! The terminal layout of results, statistics, references and indexing
//! summaries: plain (matches in `[brackets]`) or coloured, wrapped at word
//! boundaries to a width when one is given.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::{Date, Lang};
use crate::search::{
    ArticleView, Explanation, FacetCount as Count, Facets, Hit, RefCount, Results, Stats,
};

mod explanation;

use explanation::write_explanation;

/// ANSI styles used on a terminal.
mod style {
    pub const MATCH: &str = "\x1b[1;31m";
    pub const TITLE: &str = "\x1b[1m";
    pub const META: &str = "\x1b[36m";
    pub const DIM: &str = "\x1b[2m";
    pub const RESET: &str = "\x1b[0m";
}

/// How text output looks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    /// ANSI colours instead of `[brackets]`.
    pub color: bool,
    /// Wrap lines at word boundaries to this many columns.
    pub width: Option<usize>,
}

/// How far hit lines are indented under their rank.
const INDENT: &str = "    ";

impl Layout {
    fn paint(&self, style: &'static str) -> &'static str {
        if self.color {
            style
        } else {
            ""
        }
    }

    /// Writes `text` indented by [`INDENT`], wrapped to the width.
    fn block(&self, out: &mut dyn Write, first: &str, text: &str) -> io::Result<()> {
        let Some(width) = self.width.filter(|w| *w > INDENT.len() + 10) else {
            return writeln!(out, "{first}{text}");
        };
        let options = textwrap::Options::new(width)
            .initial_indent(first)
            .subsequent_indent(INDENT);
        for line in textwrap::wrap(text, options) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// Whether `c` would act on a terminal rather than show: C0 controls but
/// tab (and newline, where `newlines` keeps them), DEL, C1 controls, and
/// the bidi overrides and isolates that reorder what follows.
pub(crate) fn acts_on_terminal(c: char, newlines: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` safe to print on a terminal: every character that would act on
/// it is written as an escape (`\x1b`, `\n`, `\u{202e}`); the index and
/// the JSON keep the text as it is. `newlines` keeps line breaks (in
/// article text, not in names).
pub fn safe(text: &str, newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| acts_on_terminal(c, newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !acts_on_terminal(c, newlines) => out.push(c),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A path safe to print on a terminal ([`safe`]).
pub fn path(path: &std::path::Path) -> String {
    safe(&path.to_string_lossy(), false).into_owned()
}

/// `15,271`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 passage`, `2,000 passages`.
pub fn count(n: usize, word: &str) -> String {
    format!("{} {word}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// What a search found: the ranked hits (one per article, or passages),
/// the counts, and the facets when asked for.
/// When the search was asked to explain, each hit is followed by why it
/// matched and how it ranked.
pub fn results(out: &mut dyn Write, results: &Results, layout: Layout) -> io::Result<()> {
    let explanations = results.explanations.as_deref();
    for note in &results.notes {
        let (dim, reset) = (layout.paint(style::DIM), layout.paint(style::RESET));
        writeln!(out, "{dim}note: {note}{reset}")?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_hit(out, results.offset + i + 1, hit, layout)?;
        if let Some(e) = explanations.and_then(|e| e.get(i)) {
            write_explanation(out, hit, e, layout)?;
        }
    }
    if !results.hits.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(results))?;
    if let Some(f) = &results.facets {
        write_facets(out, f)?;
    }
    Ok(())
}

/// What a search counted, in a sentence: `12 passages in 3 articles hold
/// all the words (2 as typed, 10 in a related form); 40 more hold some`.
pub fn summary(results: &Results) -> String {
    let mut line = format!(
        "{} in {} {} all the words",
        count(results.total_hits, "passage"),
        count(results.total_articles, "article"),
        if results.total_hits == 1 {
            "holds"
        } else {
            "hold"
        }
    );
    if let Some(typed) = results.typed_hits.filter(|&t| t < results.total_hits) {
        line.push_str(&format!(
            " ({} as typed, {} in a related form)",
            thousands(typed),
            thousands(results.total_hits - typed)
        ));
    }
    if results.partial_hits > 0 {
        let verb = if results.partial_hits == 1 {
            "holds"
        } else {
            "hold"
        };
        line.push_str(&format!(
            "; {} more {verb} some",
            thousands(results.partial_hits)
        ));
    }
    if results.related_hits > 0 {
        let more = count(results.related_hits, "more article");
        line.push_str(&format!("; {more} related by meaning"));
    }
    line
}

/// What heads a hit or an article.
struct Heading<'a> {
    title: Option<&'a str>,
    lang: Option<Lang>,
    date: Option<Date>,
    path: &'a str,
    /// The passage a hit is on.
    passage: Option<u64>,
    /// The page it starts on, for PDFs.
    page: Option<u32>,
    id: &'a str,
    /// What follows on the meta line (`+3 more passages`, `25 passages`).
    extra: Option<String>,
    source: Option<&'a str>,
}

/// The title (after `first`), then language, date, where it is (and the
/// id when it differs from the path) and the extra, then the source, each
/// line indented by `indent`. Everything from the index is made
/// terminal-safe.
fn write_heading(
    out: &mut dyn Write,
    first: &str,
    indent: &str,
    h: Heading,
    layout: Layout,
) -> io::Result<()> {
    let p = |s| layout.paint(s);
    let title = safe(h.title.unwrap_or("(untitled)"), false);
    let (bold, reset) = (p(style::TITLE), p(style::RESET));
    layout.block(out, first, &format!("{bold}{title}{reset}"))?;
    let mut location = safe(h.path, false).into_owned();
    if let Some(page) = h.page {
        location.push_str(&format!(" p. {page}"));
    }
    if let Some(n) = h.passage {
        location.push_str(&format!(" #{n}"));
    }
    let mut meta = vec![
        h.lang.map_or("??", |l| l.code()).to_string(),
        h.date
            .map_or_else(|| "undated".to_string(), |d| d.to_string()),
        location,
    ];
    if h.id != h.path {
        meta.push(format!("id {}", safe(h.id, false)));
    }
    meta.extend(h.extra);
    let (cyan, dim) = (p(style::META), p(style::DIM));
    layout.block(out, indent, &format!("{cyan}{}{reset}", meta.join(" · ")))?;
    if let Some(source) = h.source {
        layout.block(out, indent, &format!("{dim}{}{reset}", safe(source, false)))?;
    }
    Ok(())
}

/// One hit: rank and title; language, date, where to open it and how many
/// more of its passages match; the source; the snippet.
fn write_hit(out: &mut dyn Write, rank: usize, hit: &Hit, layout: Layout) -> io::Result<()> {
    let more = hit
        .article_matches
        .map(|n| n.saturating_sub(1))
        .filter(|n| *n > 0);
    let heading = Heading {
        title: hit.meta.title.as_deref(),
        lang: hit.meta.lang,
        date: hit.meta.date,
        path: &hit.meta.path,
        passage: Some(hit.passage),
        page: hit.page,
        id: &hit.meta.id,
        extra: match (more, hit.by_meaning) {
            (_, true) => Some("related by meaning".to_string()),
            (Some(n), false) => {
                let noun = if n == 1 { "passage" } else { "passages" };
                Some(format!("+{} more {noun}", thousands(n)))
            }
            (None, false) => None,
        },
        source: hit.meta.source.as_deref(),
    };
    write_heading(out, &format!("{rank:>2}. "), INDENT, heading, layout)?;
    let snippet = marked(&hit.snippet.text, &hit.snippet.highlights, layout.color);
    layout.block(out, INDENT, &snippet)?;
    if !hit.also_filed_as.is_empty() {
        let ids: Vec<Cow<str>> = (hit.also_filed_as.iter())
            .map(|id| safe(id, false))
            .collect();
        let (dim, reset) = (layout.paint(style::DIM), layout.paint(style::RESET));
        let line = format!("{dim}also filed as: {}{reset}", ids.join(", "));
        layout.block(out, INDENT, &line)?;
    }
    write_related(out, INDENT, &hit.related, layout)
}

/// `also in: de 004… (title), id 001…`, when there are any.
fn write_related(
    out: &mut dyn Write,
    indent: &str,
    related: &[crate::Related],
    layout: Layout,
) -> io::Result<()> {
    if related.is_empty() {
        return Ok(());
    }
    let items: Vec<String> = (related.iter())
        .map(|r| {
            let lang = r.lang.map_or("??", |l| l.code());
            let title = safe(r.title.as_deref().unwrap_or("(untitled)"), false);
            let title: String = title.chars().take(60).collect();
            format!("{lang} {} “{title}”", safe(&r.article, false))
        })
        .collect();
    let (dim, reset) = (layout.paint(style::DIM), layout.paint(style::RESET));
    layout.block(
        out,
        indent,
        &format!("{dim}also in: {}{reset}", items.join(", ")),
    )
}

/// A whole article: its metadata, then its passages in order, each under
/// its number, with the query's matches marked.
pub fn article(out: &mut dyn Write, a: &ArticleView, layout: Layout) -> io::Result<()> {
    let p = |s| layout.paint(s);
    let heading = Heading {
        title: a.meta.title.as_deref(),
        lang: a.meta.lang,
        date: a.meta.date,
        path: &a.meta.path,
        passage: None,
        page: None,
        id: &a.meta.id,
        extra: Some(count(a.passages.len(), "passage")),
        source: a.meta.source.as_deref(),
    };
    write_heading(out, "", "", heading, layout)?;
    write_related(out, "", &a.related, layout)?;
    for passage in &a.passages {
        writeln!(out)?;
        let page = passage.page.map(|n| format!(" p. {n}")).unwrap_or_default();
        let number = format!(
            "{}#{}{page}{}",
            p(style::DIM),
            passage.number,
            p(style::RESET)
        );
        writeln!(out, "{number}")?;
        let text = marked(&passage.text, &passage.highlights, layout.color);
        for paragraph in text.split('\n') {
            layout.block(out, "", paragraph)?;
        }
    }
    Ok(())
}

/// `text` with the byte ranges `highlights` marked.
fn marked(text: &str, highlights: &[(usize, usize)], color: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for &(a, b) in highlights {
        out.push_str(&safe(&text[last..a], true));
        if color {
            out.push_str(style::MATCH);
            out.push_str(&safe(&text[a..b], true));
            out.push_str(style::RESET);
        } else {
            out.push('[');
            out.push_str(&safe(&text[a..b], true));
            out.push(']');
        }
        last = b;
    }
    out.push_str(&safe(&text[last..], true));
    out
}

/// `1 passage`, `2 passages`.
pub(crate) fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn write_facets(out: &mut dyn Write, facets: &Facets) -> io::Result<()> {
    write_counts(out, "\nby language:", facets.lang.iter())?;
    write_counts(out, "by month:", facets.month.iter().rev())?;
    write_counts(out, "by file type:", facets.kind.iter())
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
    match s.vectors {
        0 => writeln!(
            out,
            "vectors:   none (`vsearch index --semantic` makes them)"
        )?,
        n => writeln!(
            out,
            "vectors:   {} (semantic and hybrid search)",
            plural(n as u64, "article")
        )?,
    }
    writeln!(out, "schema:    version {}", s.schema_version)
}

/// The layout of `vsearch refs`: one reference a line.
pub fn refs(out: &mut dyn Write, refs: &[RefCount]) -> io::Result<()> {
    for r in refs {
        writeln!(
            out,
            "{:<16} {:>3} article{} {:>4} passage{}  {}",
            safe(&r.display, false),
            r.articles,
            if r.articles == 1 { " " } else { "s" },
            r.passages,
            if r.passages == 1 { " " } else { "s" },
            r.langs.join(",")
        )?;
    }
    Ok(())
}
