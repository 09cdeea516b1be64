//! A search [`Request`], and its validation from the strings a front end
//! receives ([`Params`]): the command line and the web server share it, so
//! a value is accepted or refused, with the same message, everywhere.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::model::{Date, Lang};

/// The most hits one request may ask for.
pub const MAX_LIMIT: usize = 10_000;
/// The longest time budget a request may give a search, in seconds.
pub const MAX_TIMEOUT_SECS: f64 = 600.0;

/// What to do with articles without a date when a date filter is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnknownDate {
    /// Keep them out: a date filter asks for dated articles.
    #[default]
    Exclude,
    /// Let them through.
    Include,
}

/// A search request.
///
/// Filters narrow: `langs`, `from` and `to` here and the `lang:` and
/// `date:` filters of the query all apply at once (languages within one
/// filter are alternatives).
#[derive(Clone, Debug)]
pub struct Request {
    /// The query string.
    pub query: String,
    /// Hits to return, at most [`MAX_LIMIT`]; 0 counts without listing.
    pub limit: usize,
    /// Ranked hits to pass over before those returned (the next page), at
    /// most [`MAX_LIMIT`].
    pub offset: usize,
    /// Only these languages (empty: all).
    pub langs: Vec<Lang>,
    /// Only these file types, of [`crate::model::KINDS`] (empty: all).
    pub kinds: Vec<&'static str>,
    /// Only articles dated on or after.
    pub from: Option<Date>,
    /// Only articles dated on or before.
    pub to: Option<Date>,
    /// Undated articles under a date filter.
    pub unknown_date: UnknownDate,
    /// At most this many passages per article.
    pub per_article: Option<usize>,
    /// Count facets of all matches.
    pub facets: bool,
    /// Cut snippets and find highlights (else each hit's snippet is empty).
    pub snippets: bool,
    /// The time the search may take; past it, it stops with
    /// [`Error::Timeout`]. `None`: no budget.
    pub timeout: Option<Duration>,
    /// How to rank; `None`: hybrid when the index has vectors, else
    /// lexical.
    pub mode: Option<super::Mode>,
    /// Say why each hit matched and how it ranked
    /// ([`Results::explanations`](super::Results::explanations)).
    pub explain: bool,
}

impl Request {
    /// A request for `query` with default settings.
    pub fn new(query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            limit: 10,
            offset: 0,
            langs: Vec::new(),
            kinds: Vec::new(),
            from: None,
            to: None,
            unknown_date: UnknownDate::Exclude,
            per_article: None,
            facets: false,
            snippets: true,
            timeout: None,
            mode: None,
            explain: false,
        }
    }

    /// Checks the bounds a request built in code must keep too.
    pub(crate) fn check(&self) -> Result<()> {
        if self.limit > MAX_LIMIT {
            return Err(invalid("limit", self.limit.to_string(), LIMIT_EXPECTED));
        }
        if self.offset > MAX_LIMIT {
            return Err(invalid("offset", self.offset.to_string(), LIMIT_EXPECTED));
        }
        Ok(())
    }
}

const URL_PARAMS: &str =
    "one of q, lang, type, from, to, unknown_date, limit, offset, per_article, passages, facets, explain, mode";

pub(super) const LIMIT_EXPECTED: &str = "a whole number from 0 to 10000";

const KIND_EXPECTED: &str = "txt, md, jsonl, html, pdf, docx, odt, epub, rtf, mail, csv or sheet";

/// A request as a front end receives it: strings, not yet checked.
#[derive(Clone, Debug, Default)]
pub struct Params {
    /// The query.
    pub query: String,
    /// Language codes, each possibly comma-separated (`vi,de`).
    pub lang: Vec<String>,
    /// File types, each possibly comma-separated (`pdf,mail`).
    pub kind: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the start of that span.
    pub from: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the end of that span.
    pub to: Option<String>,
    /// `include` or `exclude`.
    pub unknown_date: Option<String>,
    /// Hits to return.
    pub limit: Option<String>,
    /// Hits to pass over.
    pub offset: Option<String>,
    /// At most this many passages per article.
    pub per_article: Option<String>,
    /// List every matching passage; without it (and `per_article`), each
    /// article once, at its best passage, as every front end does.
    pub passages: bool,
    /// Count facets.
    pub facets: bool,
    /// Say why each hit matched and how it ranked (for the front end to
    /// render; the search itself does not change).
    pub explain: bool,
    /// The search's time budget in seconds (`0.5`, `10`).
    pub timeout: Option<String>,
    /// `lexical`, `semantic` or `hybrid`.
    pub mode: Option<String>,
}

/// A URL parameter's `true`/`false`/`1`/`0` (empty is false).
fn boolean(name: &str, value: &str) -> Result<bool> {
    match value {
        "" | "0" | "false" => Ok(false),
        "1" | "true" => Ok(true),
        _ => Err(invalid(name, value, "true or false")),
    }
}

pub(super) fn invalid(
    what: impl Into<String>,
    value: impl Into<String>,
    expected: &'static str,
) -> Error {
    Error::InvalidValue {
        what: what.into(),
        value: value.into(),
        expected: expected.into(),
    }
}

/// The error of parameter `param` whose value cannot be used.
pub(super) fn invalid_param(
    param: &'static str,
    value: impl Into<String>,
    expected: impl Into<String>,
) -> Error {
    Error::InvalidParam {
        param,
        value: value.into(),
        expected: expected.into(),
    }
}

impl Params {
    /// The request these parameters describe, or an error naming the first
    /// parameter that cannot be used ([`Error::InvalidParam`]).
    pub fn request(&self) -> Result<Request> {
        let number =
            |param: &'static str, value: &Option<String>, max: usize| -> Result<Option<usize>> {
                let Some(v) = value else { return Ok(None) };
                match v.trim().parse::<usize>() {
                    Ok(n) if n <= max => Ok(Some(n)),
                    _ => Err(invalid_param(param, v.clone(), LIMIT_EXPECTED)),
                }
            };
        let mut request = Request::new(self.query.clone());
        request.langs = self.langs()?;
        request.kinds = self.kinds()?;
        request.from = self.date("from", &self.from, false)?;
        request.to = self.date("to", &self.to, true)?;
        request.unknown_date = match self.unknown_date.as_deref().map(str::trim) {
            None | Some("exclude") => UnknownDate::Exclude,
            Some("include") => UnknownDate::Include,
            Some(v) => return Err(invalid_param("unknown_date", v, "include or exclude")),
        };
        request.limit = number("limit", &self.limit, MAX_LIMIT)?.unwrap_or(request.limit);
        request.offset = number("offset", &self.offset, MAX_LIMIT)?.unwrap_or(0);
        request.per_article =
            number("per_article", &self.per_article, MAX_LIMIT)?.or((!self.passages).then_some(1));
        request.facets = self.facets;
        request.explain = self.explain;
        request.mode = match self.mode.as_deref().map(str::trim) {
            None => None,
            Some(v) => Some(
                super::Mode::parse(v)
                    .ok_or_else(|| invalid_param("mode", v, "lexical, semantic or hybrid"))?,
            ),
        };
        request.timeout = match &self.timeout {
            None => None,
            Some(v) => match v.trim().parse::<f64>() {
                Ok(secs) if (0.0..=MAX_TIMEOUT_SECS).contains(&secs) => {
                    Some(Duration::from_secs_f64(secs))
                }
                _ => {
                    return Err(invalid_param(
                        "timeout",
                        v.clone(),
                        "seconds, from 0 to 600",
                    ))
                }
            },
        };
        Ok(request)
    }

    /// Parameters from a URL's decoded query pairs: `q`, `lang` (repeated
    /// or comma-separated), `from`, `to`, `unknown_date`, `limit`,
    /// `offset`, `per_article` and `facets` (`true`/`false`/`1`/`0`). An
    /// empty value counts as absent, as a web form sends untouched fields.
    /// `strict` refuses parameters not in that list, naming the first;
    /// otherwise they are passed over.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        strict: bool,
    ) -> Result<Params> {
        let mut params = Params::default();
        for (name, value) in pairs {
            let value = value.trim();
            let given = (!value.is_empty()).then(|| value.to_string());
            match name {
                "q" => params.query = value.to_string(),
                "lang" => params.lang.extend(given),
                "type" => params.kind.extend(given),
                "from" => params.from = given,
                "to" => params.to = given,
                "unknown_date" => params.unknown_date = given,
                "limit" => params.limit = given,
                "offset" => params.offset = given,
                "per_article" => params.per_article = given,
                "mode" => params.mode = given,
                "facets" => params.facets = boolean("facets", value)?,
                "passages" => params.passages = boolean("passages", value)?,
                "explain" => params.explain = boolean("explain", value)?,
                _ if strict => return Err(invalid("parameter", name, URL_PARAMS)),
                _ => {}
            }
        }
        Ok(params)
    }

    fn kinds(&self) -> Result<Vec<&'static str>> {
        let mut kinds = Vec::new();
        let given = self.kind.iter().flat_map(|s| s.split(','));
        for name in given.map(str::trim).filter(|s| !s.is_empty()) {
            let known = crate::model::KINDS
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name));
            let (kind, _) = known.ok_or_else(|| invalid_param("type", name, KIND_EXPECTED))?;
            if !kinds.contains(kind) {
                kinds.push(*kind);
            }
        }
        Ok(kinds)
    }

    fn langs(&self) -> Result<Vec<Lang>> {
        let mut langs = Vec::new();
        let codes = self.lang.iter().flat_map(|s| s.split(','));
        for code in codes.map(str::trim).filter(|s| !s.is_empty()) {
            let lang: Lang = code.parse().map_err(|e: crate::model::UnknownLang| {
                invalid_param("lang", code, e.expected())
            })?;
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
        Ok(langs)
    }

    fn date(&self, param: &'static str, value: &Option<String>, end: bool) -> Result<Option<Date>> {
        let Some(v) = value else { return Ok(None) };
        let span = Date::parse_span(v)
            .ok_or_else(|| invalid_param(param, v.clone(), "YYYY, YYYY-MM or YYYY-MM-DD"))?;
        Ok(Some(if end { span.1 } else { span.0 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_types_named_in_errors_are_the_model_s() {
        let names: Vec<&str> = crate::model::KINDS.iter().map(|(k, _)| *k).collect();
        let (last, rest) = names.split_last().unwrap();
        assert_eq!(KIND_EXPECTED, format!("{} or {last}", rest.join(", ")));
    }

    fn params() -> Params {
        Params {
            query: "y tế".into(),
            ..Params::default()
        }
    }

    #[test]
    fn valid_params_become_a_request() {
        let p = Params {
            lang: vec!["vi,de".into(), "vi".into()],
            from: Some("2025-06".into()),
            to: Some("2025".into()),
            limit: Some("0".into()),
            per_article: Some("2".into()),
            unknown_date: Some("include".into()),
            ..params()
        };
        let r = p.request().unwrap();
        assert_eq!(r.langs, [Lang::VI, Lang::DE]);
        assert_eq!(r.from, Date::new(2025, 6, 1));
        assert_eq!(r.to, Date::new(2025, 12, 31));
        assert_eq!((r.limit, r.per_article), (0, Some(2)));
        assert_eq!(r.unknown_date, UnknownDate::Include);
    }

    #[test]
    fn errors_name_the_parameter_in_library_words() {
        let p = Params {
            lang: vec!["xx".into()],
            ..params()
        };
        let e = p.request().unwrap_err();
        assert!(matches!(e, Error::InvalidParam { param: "lang", .. }));
        // The tests' registry holds Malay too.
        assert_eq!(
            e.to_string(),
            "invalid lang \"xx\": vi, id, de, ms or another ISO 639-1 code (en, fr, …)"
        );
        let p = Params {
            limit: Some("18446744073709551615".into()),
            ..params()
        };
        assert_eq!(
            p.request().unwrap_err().to_string(),
            "invalid limit \"18446744073709551615\": a whole number from 0 to 10000"
        );
        let p = Params {
            per_article: Some("-1".into()),
            ..params()
        };
        assert_eq!(
            p.request().unwrap_err().to_string(),
            "invalid per_article \"-1\": a whole number from 0 to 10000"
        );
        let p = Params {
            to: Some("2025-13".into()),
            ..params()
        };
        assert_eq!(
            p.request().unwrap_err().to_string(),
            "invalid to \"2025-13\": YYYY, YYYY-MM or YYYY-MM-DD"
        );
    }

    #[test]
    fn url_pairs_become_params() {
        let pairs = [
            ("q", "y tế"),
            ("lang", "vi"),
            ("lang", "de"),
            ("from", ""),
            ("to", "2025-06"),
            ("offset", "20"),
            ("facets", "1"),
            ("mode", "semantic"),
            ("utm_source", "mail"),
        ];
        let r = Params::from_pairs(pairs, false).unwrap().request().unwrap();
        assert_eq!(
            (r.query.as_str(), &r.langs[..]),
            ("y tế", &[Lang::VI, Lang::DE][..])
        );
        assert_eq!((r.from, r.to), (None, Date::new(2025, 6, 30)));
        assert_eq!((r.offset, r.facets), (20, true));
        assert_eq!(r.mode, Some(super::super::Mode::Semantic));
        let err = Params::from_pairs(pairs, true).unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid parameter \"utm_source\": one of q, lang, type, from, to, unknown_date, \
             limit, offset, per_article, passages, facets, explain, mode"
        );
        let err = Params::from_pairs([("mode", "fuzzy")], true)
            .unwrap()
            .request()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid mode \"fuzzy\": lexical, semantic or hybrid"
        );
        let err = Params::from_pairs([("facets", "yes")], true).unwrap_err();
        assert_eq!(err.to_string(), "invalid facets \"yes\": true or false");
        let err = Params::from_pairs([("offset", "10001")], true)
            .unwrap()
            .request()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid offset \"10001\": a whole number from 0 to 10000"
        );
    }

    #[test]
    fn a_request_built_in_code_is_bounded_too() {
        let mut r = Request::new("x");
        r.limit = MAX_LIMIT + 1;
        assert_eq!(
            r.check().unwrap_err().to_string(),
            "invalid limit \"10001\": a whole number from 0 to 10000"
        );
    }
}
