//! The filters of a search: the request's languages and dates and the
//! query's `lang:` and `date:` filters, merged by one rule (every filter
//! narrows, so they intersect), then turned into a tantivy query.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, ExistsQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::query::ParsedQuery;
use super::request::{Request, UnknownDate};
use crate::index::schema::{date_value, Fields, DATE};
use crate::model::{Date, Lang};

/// The filters in force.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Filters {
    /// Only these languages (`None`: any).
    pub langs: Option<Vec<Lang>>,
    /// Only articles dated on or after.
    pub from: Option<Date>,
    /// Only articles dated on or before.
    pub to: Option<Date>,
    /// Undated articles under a date filter.
    pub unknown_date: UnknownDate,
    /// Only these file types (empty: any).
    pub kinds: Vec<&'static str>,
}

impl Filters {
    /// The intersection of the request's filters and the query's.
    pub(crate) fn merge(request: &Request, parsed: &ParsedQuery) -> Filters {
        let mut langs: Option<Vec<Lang>> = None;
        let request_langs = (!request.langs.is_empty()).then_some(&request.langs);
        for set in request_langs.into_iter().chain(&parsed.langs) {
            langs = Some(match langs {
                None => set.clone(),
                Some(have) => have.into_iter().filter(|l| set.contains(l)).collect(),
            });
        }
        let spans = std::iter::once((request.from, request.to)).chain(parsed.dates.iter().copied());
        let (mut from, mut to): (Option<Date>, Option<Date>) = (None, None);
        for (a, b) in spans {
            from = a.max(from);
            to = match (to, b) {
                (Some(t), Some(b)) => Some(t.min(b)),
                (t, b) => t.or(b),
            };
        }
        Filters {
            langs,
            from,
            to,
            unknown_date: request.unknown_date,
            kinds: request.kinds.clone(),
        }
    }

    /// Why no passage can pass these filters, if none can.
    pub(crate) fn contradiction(&self) -> Option<&'static str> {
        if self.langs.as_ref().is_some_and(|l| l.is_empty()) {
            return Some("the language filters exclude each other: no passage can match");
        }
        match (self.from, self.to) {
            (Some(a), Some(b)) if a > b => {
                Some("the date filters exclude each other: no passage can match")
            }
            _ => None,
        }
    }

    /// The languages searched: those of the filter, or all.
    pub(crate) fn langs(&self) -> &[Lang] {
        self.langs.as_deref().unwrap_or(&[])
    }

    /// The filter clauses to add to a search, each scoring nothing.
    pub(crate) fn queries(&self, fields: &Fields) -> Vec<Box<dyn Query>> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if let Some(langs) = self.langs.as_ref().filter(|l| !l.is_empty()) {
            let alts = langs
                .iter()
                .map(|l| {
                    let t = Term::from_field_text(fields.lang, l.code());
                    let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                    (Occur::Should, q)
                })
                .collect();
            let any = Box::new(BooleanQuery::new(alts));
            out.push(Box::new(ConstScoreQuery::new(any, 0.0)));
        }
        if self.from.is_some() || self.to.is_some() {
            out.push(Box::new(ConstScoreQuery::new(self.date_query(fields), 0.0)));
        }
        if !self.kinds.is_empty() {
            out.push(Box::new(ConstScoreQuery::new(
                any_kind(fields, &self.kinds),
                0.0,
            )));
        }
        out
    }

    fn date_query(&self, fields: &Fields) -> Box<dyn Query> {
        let bound = |d: Option<Date>| {
            d.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_date(fields.date, date_value(d)))
            })
        };
        let range: Box<dyn Query> = Box::new(RangeQuery::new(bound(self.from), bound(self.to)));
        match self.unknown_date {
            UnknownDate::Exclude => range,
            UnknownDate::Include => {
                let undated = BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (
                        Occur::MustNot,
                        Box::new(ExistsQuery::new(DATE.into(), false)),
                    ),
                ]);
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, range),
                    (Occur::Should, Box::new(undated)),
                ]))
            }
        }
    }
}

/// Passages whose file type is one of `kinds`, read from the fast field:
/// a filter asked for now and then is not worth a posting on every passage
/// (3% of indexing).
fn any_kind(fields: &Fields, kinds: &[&str]) -> Box<dyn Query> {
    let alts = (kinds.iter())
        .map(|v| {
            let t = || Bound::Included(Term::from_field_text(fields.kind, v));
            let q: Box<dyn Query> = Box::new(RangeQuery::new(t(), t()));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(alts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn merged(langs: &[Lang], query: &str) -> Filters {
        let mut request = Request::new(query);
        request.langs = langs.to_vec();
        Filters::merge(&request, &parse(query).unwrap())
    }

    #[test]
    fn every_filter_narrows() {
        assert_eq!(merged(&[], "x").langs, None);
        assert_eq!(
            merged(&[Lang::VI, Lang::DE], "x lang:de,id").langs,
            Some(vec![Lang::DE])
        );
        let f = merged(&[Lang::VI], "x lang:de");
        assert_eq!(f.langs, Some(vec![]));
        assert_eq!(
            f.contradiction(),
            Some("the language filters exclude each other: no passage can match")
        );
        let f = merged(&[], "x date:2025 date:2025-06..2026-03");
        assert_eq!(
            (f.from, f.to),
            (Date::new(2025, 6, 1), Date::new(2025, 12, 31))
        );
        let f = merged(&[], "x date:2025-10 date:2025-11");
        assert_eq!(
            f.contradiction(),
            Some("the date filters exclude each other: no passage can match")
        );
        let mut request = Request::new("x date:2025");
        request.from = Date::new(2025, 3, 1);
        request.to = Date::new(2026, 1, 1);
        let f = Filters::merge(&request, &parse("x date:2025").unwrap());
        assert_eq!(
            (f.from, f.to),
            (Date::new(2025, 3, 1), Date::new(2025, 12, 31))
        );
    }
}
