//! The JSON contract: one object per search, statistics or reference
//! listing. The command line's `--json` and the web server's API both write
//! through here, so they cannot drift apart.
//!
//! Besides the control characters JSON requires escaped, DEL, the C1
//! controls and the bidi controls are written as `\u007f`, `\u009b`,
//! `\u202e`: parsed, the data is the same, and shown raw on a terminal it
//! cannot act on it.

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{
    ArticleMeta, ArticleView, Explanation, Facets, Hit, RefCount, Related, Results, Stats,
};

use super::text::acts_on_terminal;

/// Writes `value` as one line of JSON.
fn write<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Escaping);
    value.serialize(&mut serializer).map_err(io::Error::other)?;
    writeln!(out)
}

/// serde_json's compact format, escaping what would act on a terminal.
struct Escaping;

impl serde_json::ser::Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if fragment.bytes().all(|b| b < 0x7f) {
            return out.write_all(fragment.as_bytes());
        }
        let mut plain = 0;
        for (at, c) in fragment.char_indices() {
            if acts_on_terminal(c, true) {
                out.write_all(&fragment.as_bytes()[plain..at])?;
                write!(out, "\\u{:04x}", c as u32)?;
                plain = at + c.len_utf8();
            }
        }
        out.write_all(&fragment.as_bytes()[plain..])
    }
}

/// The rows of a search as [`super::csv`] has them, one JSON object per
/// line: a batch's JSON Lines.
pub fn rows(out: &mut dyn Write, results: &Results) -> io::Result<()> {
    for row in super::csv::rows(results) {
        write(out, &row)?;
    }
    Ok(())
}

/// An error as the API gives it: `{"error": message}`.
pub fn error(out: &mut dyn Write, message: &str) -> io::Result<()> {
    write(out, &serde_json::json!({ "error": message }))
}

/// An article's metadata, one shape in a hit and in a whole article:
/// `"article", "path", "title", "source", "lang", "date"`.
#[derive(Serialize)]
struct JsonMeta<'a> {
    article: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    source: Option<&'a str>,
    lang: Option<&'a str>,
    date: Option<String>,
}

impl<'a> From<&'a ArticleMeta> for JsonMeta<'a> {
    fn from(m: &'a ArticleMeta) -> JsonMeta<'a> {
        JsonMeta {
            article: &m.id,
            path: &m.path,
            title: m.title.as_deref(),
            source: m.source.as_deref(),
            lang: m.lang.map(|l| l.code()),
            date: m.date.map(|d| d.to_string()),
        }
    }
}

#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    meta: JsonMeta<'a>,
    passage: u64,
    page: Option<u32>,
    score: f32,
    text: &'a str,
    snippet: &'a str,
    highlights: &'a [(usize, usize)],
    #[serde(skip_serializing_if = "Option::is_none")]
    article_matches: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    similarity: Option<f32>,
    found_by: &'static str,
    related: Vec<JsonRelated<'a>>,
    aside: bool,
    also_filed_as: &'a [String],
    across_passages: bool,
    all_words: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<JsonExplanation<'a>>,
}

/// Why a hit matched and how it ranked, as `--explain` says it.
#[derive(Serialize)]
struct JsonExplanation<'a> {
    matched: Vec<JsonWord<'a>>,
    side_by_side: Vec<[&'a str; 2]>,
    other_forms: Vec<JsonOther<'a>>,
    score: JsonScore,
    #[serde(skip_serializing_if = "Option::is_none")]
    tantivy: Option<&'a crate::search::ScoreTree>,
}

#[derive(Serialize)]
struct JsonWord<'a> {
    word: &'a str,
    found: Vec<JsonFound<'a>>,
}

#[derive(Serialize)]
struct JsonFound<'a> {
    text: &'a str,
    form: &'static str,
}

#[derive(Serialize)]
struct JsonOther<'a> {
    typed: &'a str,
    form: &'a str,
    why: &'a str,
}

/// The parts of a hit's score; `typed` and `of` grade the all-words bonus
/// of a German or Indonesian passage by the words it holds as typed.
#[derive(Serialize)]
struct JsonScore {
    total: f32,
    all_words: f32,
    across_article: f32,
    side_by_side: f32,
    in_one_run: f32,
    bm25: f32,
    aside: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    typed: Option<[usize; 2]>,
}

fn explanation<'a>(hit: &Hit, e: &'a Explanation) -> JsonExplanation<'a> {
    let round = |x: f32| (x * 10.0).round() / 10.0;
    JsonExplanation {
        matched: (e.words.iter())
            .map(|w| JsonWord {
                word: &w.word,
                found: (w.found.iter())
                    .map(|(text, form)| JsonFound {
                        text,
                        form: form.name(),
                    })
                    .collect(),
            })
            .collect(),
        side_by_side: e
            .adjacent
            .iter()
            .map(|(a, b)| [a.as_str(), b.as_str()])
            .collect(),
        other_forms: (e.others.iter())
            .map(|o| JsonOther {
                typed: &o.typed,
                form: &o.form,
                why: &o.why,
            })
            .collect(),
        score: JsonScore {
            total: round(hit.score),
            all_words: round(e.all_words),
            across_article: round(e.across),
            side_by_side: round(e.adjacency),
            in_one_run: round(e.run),
            bm25: round(e.bm25),
            aside: e.aside,
            typed: e.typed.map(|t| [t.held, t.of]),
        },
        tantivy: e.scoring.as_ref(),
    }
}

/// An article in another language on the same story.
#[derive(Serialize)]
struct JsonRelated<'a> {
    article: &'a str,
    lang: Option<&'a str>,
    title: Option<&'a str>,
    why: &'a str,
}

fn related(related: &[Related]) -> Vec<JsonRelated<'_>> {
    (related.iter())
        .map(|r| JsonRelated {
            article: &r.article,
            lang: r.lang.map(|l| l.code()),
            title: r.title.as_deref(),
            why: &r.why,
        })
        .collect()
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total_hits: usize,
    total_articles: usize,
    typed_hits: Option<usize>,
    partial_hits: usize,
    related_hits: usize,
    mode: &'static str,
    offset: usize,
    hits: Vec<JsonHit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<&'a Facets>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// One JSON object: `{"query", "total_hits", "total_articles",
/// "partial_hits", "related_hits", "mode", "hits": [...]}` (plus `facets`
/// and `notes` when there are any). `total_hits` counts the passages
/// holding all the words, in `total_articles` articles, `typed_hits` those
/// of them holding every word as typed (null when not counted);
/// `partial_hits` those holding only some; `related_hits` the articles among the closest
/// by meaning that hold none of them. `mode` is `lexical`, `semantic` or
/// `hybrid`. Each hit's `found_by` is `words` or `meaning` (found by
/// meaning alone), and `similarity` its article's cosine with the query
/// when the search used the vectors; `related` lists the article's
/// versions in the other languages (`{"article", "lang", "title", "why"}`,
/// empty when the index has no vectors).
/// `highlights` are byte ranges into `snippet`; `source` is the article's
/// URL or null; `page` the PDF page the passage starts on (1-based) or
/// null for unpaged formats; `article_matches` counts the article's matching passages
/// when hits are grouped by article. `aside` is true for a caption, credit
/// or teaser line (ranked below prose); `also_filed_as` lists the ids of
/// other articles with the same text, which this hit stands for;
/// `across_passages` is true when the passage ranks for its article, which
/// holds every query word across its passages though the passage does not.
///
/// When the search was asked to explain, each hit has its `explanation`
/// (`{"matched": [{"word", "found": [{"text", "form"}]}], "side_by_side":
/// [[a, b]], "other_forms": [{"typed", "form", "why"}], "score": {"total",
/// "all_words", "across_article", "side_by_side", "in_one_run", "bm25",
/// "aside", "typed"?}, "tantivy": {"value", "what", "parts"?}}`), as
/// `--explain` prints it.
pub fn results(out: &mut dyn Write, results: &Results) -> io::Result<()> {
    let explanations = results.explanations.as_deref();
    let hits = results
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| JsonHit {
            meta: JsonMeta::from(&h.meta),
            passage: h.passage,
            page: h.page,
            score: h.score,
            text: &h.text,
            snippet: &h.snippet.text,
            highlights: &h.snippet.highlights,
            article_matches: h.article_matches,
            similarity: h.similarity.map(|s| (s * 1000.0).round() / 1000.0),
            found_by: if h.by_meaning { "meaning" } else { "words" },
            related: related(&h.related),
            aside: h.aside,
            also_filed_as: &h.also_filed_as,
            across_passages: h.across,
            all_words: h.all_words,
            explanation: explanations
                .and_then(|e| e.get(i))
                .map(|e| explanation(h, e)),
        })
        .collect();
    let doc = JsonResults {
        query: &results.query,
        total_hits: results.total_hits,
        total_articles: results.total_articles,
        typed_hits: results.typed_hits,
        partial_hits: results.partial_hits,
        related_hits: results.related_hits,
        mode: results.mode.name(),
        offset: results.offset,
        hits,
        facets: results.facets.as_ref(),
        notes: &results.notes,
    };
    write(out, &doc)
}

/// The statistics as one JSON object.
pub fn stats(out: &mut dyn Write, stats: &Stats) -> io::Result<()> {
    write(out, stats)
}

/// The references as one JSON array.
pub fn refs(out: &mut dyn Write, refs: &[RefCount]) -> io::Result<()> {
    write(out, refs)
}

#[derive(Serialize)]
struct JsonPassage<'a> {
    passage: u64,
    page: Option<u32>,
    text: &'a str,
    highlights: &'a [(usize, usize)],
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    #[serde(flatten)]
    meta: JsonMeta<'a>,
    passages: Vec<JsonPassage<'a>>,
    related: Vec<JsonRelated<'a>>,
}

/// A whole article: `{"article", "path", "title", "source", "lang",
/// "date", "passages": [{"passage", "page", "text", "highlights"}],
/// "related": [{"article", "lang", "title", "why"}]}`, highlights being
/// byte ranges into each passage's text and `related` the article's
/// versions in the other languages (empty without vectors).
pub fn article(out: &mut dyn Write, a: &ArticleView) -> io::Result<()> {
    let doc = JsonArticle {
        meta: JsonMeta::from(&a.meta),
        passages: a
            .passages
            .iter()
            .map(|p| JsonPassage {
                passage: p.number,
                page: p.page,
                text: &p.text,
                highlights: &p.highlights,
            })
            .collect(),
        related: related(&a.related),
    };
    write(out, &doc)
}
