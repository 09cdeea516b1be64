//! The query language: words, `"phrases"`, `+required`, `-excluded`, `OR`,
//! parentheses, and the filters `lang:de` (or `lang:vi,de`), `date:2025-11`
//! and `date:2025-05..2025-06`. Filters narrow: several of them all apply
//! (the languages listed in one `lang:` are alternatives).
//!
//! Parsing is lenient: an unclosed quote runs to the end of the query, an
//! unclosed parenthesis closes at the end, a stray `)` or a lone `+`, `-` or
//! `OR` is dropped, and an unknown `field:value` is searched as words. Each
//! repair is noted so the caller can say so. Only a filter with a bad value
//! is an error.

pub(crate) mod limits;

use super::lexer::{lex, Lex};
use crate::error::{Error, Result};
use crate::model::{Date, Lang};

/// How a clause takes part in matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occur {
    /// Preferred: passages with more of these rank higher.
    Should,
    /// `+word`: every hit has it.
    Must,
    /// `-word`: no hit has it.
    MustNot,
}

/// A piece of query.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A word as typed; it may analyse into several tokens (`72-NQ/TW`),
    /// which then must stand together.
    Word(String),
    /// A quoted phrase.
    Phrase(String),
    /// A word's beginning, typed with a trailing `*` (`Deb*`): any word
    /// starting so.
    Prefix(String),
    /// Parenthesised clauses.
    Group(Vec<Clause>),
    /// Alternatives joined by `OR`.
    Or(Vec<Node>),
}

/// A node with its occurrence.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    /// Should, must or must not.
    pub occur: Occur,
    /// What to match.
    pub node: Node,
}

/// A parsed query: clauses, filters and the repairs made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedQuery {
    /// The top-level clauses.
    pub clauses: Vec<Clause>,
    /// The languages of each `lang:` filter.
    pub langs: Vec<Vec<Lang>>,
    /// The inclusive span of each `date:` filter (either end may be open).
    pub dates: Vec<(Option<Date>, Option<Date>)>,
    /// What was repaired, one line each.
    pub notes: Vec<String>,
}

impl ParsedQuery {
    /// The runs of top-level words standing next to each other in the
    /// query (a phrase, group or excluded word ends a run), each of one
    /// word or more.
    pub fn runs(&self) -> Vec<Vec<&str>> {
        let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
        for c in &self.clauses {
            match (&c.occur, &c.node, runs.last_mut()) {
                (Occur::Should | Occur::Must, Node::Word(w), Some(run)) => run.push(w),
                _ => runs.push(Vec::new()),
            }
        }
        runs.retain(|r| !r.is_empty());
        runs
    }

    /// The pairs of words standing next to each other in a run of the
    /// query: the ranking rewards passages holding each pair side by side.
    pub fn adjacent_pairs(&self) -> Vec<(&str, &str)> {
        self.runs()
            .iter()
            .flat_map(|run| run.windows(2).map(|w| (w[0], w[1])))
            .collect()
    }

    /// The text of every positive word and phrase, in order.
    pub fn positive_text(&self) -> Vec<&str> {
        fn walk<'a>(clauses: &'a [Clause], out: &mut Vec<&'a str>) {
            for c in clauses.iter().filter(|c| c.occur != Occur::MustNot) {
                node(&c.node, out);
            }
        }
        fn node<'a>(n: &'a Node, out: &mut Vec<&'a str>) {
            match n {
                Node::Word(w) | Node::Phrase(w) => out.push(w),
                Node::Prefix(_) => {}
                Node::Group(cs) => walk(cs, out),
                Node::Or(ns) => ns.iter().for_each(|n| node(n, out)),
            }
        }
        let mut out = Vec::new();
        walk(&self.clauses, &mut out);
        out
    }
}

struct Parser<'a> {
    lexes: &'a [Lex],
    pos: usize,
    notes: Vec<String>,
    langs: Vec<Vec<Lang>>,
    dates: Vec<(Option<Date>, Option<Date>)>,
}

fn filter_value_error(
    what: &str,
    value: &str,
    expected: impl Into<std::borrow::Cow<'static, str>>,
) -> Error {
    Error::InvalidValue {
        what: what.to_string(),
        value: value.to_string(),
        expected: expected.into(),
    }
}

/// Parses a `date:` value: `2025`, `2025-11`, `2025-11-01` or `A..B` (either
/// side may be left open).
pub fn parse_date_range(value: &str) -> Option<(Option<Date>, Option<Date>)> {
    match value.split_once("..") {
        Some((from, to)) => {
            let from = if from.is_empty() {
                None
            } else {
                Some(Date::parse_span(from)?.0)
            };
            let to = if to.is_empty() {
                None
            } else {
                Some(Date::parse_span(to)?.1)
            };
            (from.is_some() || to.is_some()).then_some((from, to))
        }
        None => Date::parse_span(value).map(|(a, b)| (Some(a), Some(b))),
    }
}

impl Parser<'_> {
    fn clauses(&mut self, depth: usize) -> Result<Vec<Clause>> {
        let mut out: Vec<Clause> = Vec::new();
        let mut pending_or = false;
        let mut pending_and = false;
        while self.pos < self.lexes.len() {
            let lex = self.lexes[self.pos].clone();
            self.pos += 1;
            let occur = match lex {
                Lex::Close if depth > 0 => return Ok(out),
                Lex::Close => {
                    self.notes.push("unbalanced ')' ignored".into());
                    continue;
                }
                Lex::Or => {
                    if out.last().is_some_and(|c| c.occur == Occur::Should) {
                        pending_or = true;
                    } else {
                        self.notes
                            .push("'OR' without a word before it ignored".into());
                    }
                    continue;
                }
                Lex::And => {
                    match out.last_mut() {
                        Some(prev) => {
                            if prev.occur == Occur::Should {
                                prev.occur = Occur::Must;
                            }
                            pending_and = true;
                        }
                        None => self
                            .notes
                            .push("'AND' without a word before it ignored".into()),
                    }
                    continue;
                }
                Lex::Plus => Occur::Must,
                Lex::Minus | Lex::Not => Occur::MustNot,
                _ => {
                    self.pos -= 1;
                    Occur::Should
                }
            };
            let Some(node) = self.primary(depth)? else {
                if occur != Occur::Should {
                    self.notes.push("a lone '+', '-' or 'NOT' ignored".into());
                }
                continue;
            };
            let occur = if std::mem::take(&mut pending_and) && occur == Occur::Should {
                Occur::Must
            } else {
                occur
            };
            if pending_or && occur == Occur::Should {
                pending_or = false;
                if let Some(prev) = out.last_mut() {
                    let previous = std::mem::replace(&mut prev.node, Node::Or(Vec::new()));
                    prev.node = match previous {
                        Node::Or(mut alts) => {
                            alts.push(node);
                            Node::Or(alts)
                        }
                        other => Node::Or(vec![other, node]),
                    };
                    continue;
                }
            }
            pending_or = false;
            out.push(Clause { occur, node });
        }
        if pending_or {
            self.notes
                .push("'OR' without a word after it ignored".into());
        }
        if pending_and {
            self.notes
                .push("'AND' without a word after it ignored".into());
        }
        if depth > 0 {
            self.notes
                .push("unclosed '(' closed at the end of the query".into());
        }
        Ok(out)
    }

    /// The next node, or `None` at the end, before `)` or for a consumed filter.
    fn primary(&mut self, depth: usize) -> Result<Option<Node>> {
        let Some(lex) = self.lexes.get(self.pos).cloned() else {
            return Ok(None);
        };
        self.pos += 1;
        Ok(match lex {
            Lex::Phrase(p) => Some(Node::Phrase(p)),
            Lex::Open => {
                limits::check_depth(depth + 1)?;
                let inner = self.clauses(depth + 1)?;
                (!inner.is_empty()).then_some(Node::Group(inner))
            }
            Lex::Word(w) => self.word(w)?,
            Lex::Prefix(p) if p.chars().count() < limits::MIN_PREFIX_CHARS => {
                self.notes.push(format!(
                    "{}* searched as the word {}: a prefix needs two letters or more",
                    p, p
                ));
                Some(Node::Word(p))
            }
            Lex::Prefix(p) => Some(Node::Prefix(p)),
            Lex::Close | Lex::Or | Lex::And | Lex::Not | Lex::Plus | Lex::Minus => {
                self.pos -= 1;
                None
            }
        })
    }

    fn word(&mut self, word: String) -> Result<Option<Node>> {
        let Some((field, value)) = word.split_once(':') else {
            return Ok(Some(Node::Word(word)));
        };
        match field.to_ascii_lowercase().as_str() {
            "lang" | "language" => {
                let mut langs = Vec::new();
                for code in value.split(',').filter(|c| !c.is_empty()) {
                    let lang = code
                        .parse::<Lang>()
                        .map_err(|e| filter_value_error("lang: value", code, e.expected()))?;
                    if !langs.contains(&lang) {
                        langs.push(lang);
                    }
                }
                if !langs.is_empty() {
                    self.langs.push(langs);
                }
                Ok(None)
            }
            "date" => {
                let span = parse_date_range(value).ok_or_else(|| {
                    filter_value_error(
                        "date: value",
                        value,
                        "YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO",
                    )
                })?;
                self.dates.push(span);
                Ok(None)
            }
            _ => Ok(Some(Node::Word(word))),
        }
    }
}

/// Parses a query string.
/// The query is composed to NFC first: typed decomposed (as some
/// keyboards and macOS file names give it), it is the same query, its
/// document references included.
pub fn parse(query: &str) -> Result<ParsedQuery> {
    limits::check_length(query)?;
    let composed: String;
    let query = if unicode_normalization::is_nfc_quick(query.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        query
    } else {
        composed = unicode_normalization::UnicodeNormalization::nfc(query).collect();
        &composed
    };
    let mut notes = Vec::new();
    let lexes = lex(query, &mut notes);
    let mut parser = Parser {
        lexes: &lexes,
        pos: 0,
        notes,
        langs: Vec::new(),
        dates: Vec::new(),
    };
    let clauses = parser.clauses(0)?;
    limits::check_words(&clauses)?;
    Ok(ParsedQuery {
        clauses,
        langs: parser.langs,
        dates: parser.dates,
        notes: parser.notes,
    })
}

#[cfg(test)]
mod tests;
