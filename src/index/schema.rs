//! The index's schema: field names (declared once, here), the fields, the
//! schema version, and how a [`Date`] is stored.
//!
//! One tantivy document per passage. Stored: the passage text, and on an
//! article's first passage only, its path, title and source. Fast fields:
//! article id, language, date, passage number and page (paged formats),
//! whether a passage is an aside (a caption or credit line), and on the
//! first passage the canonical path of its file, the input hash and the
//! hash of the article's normalised text (indexed too, to find copies).
//! Indexed: the analysed views of the text (see [`crate::analysis`]), the
//! canonical document references of [`crate::analysis::refs`], the
//! language, the abbreviations a passage defines, and on the first passage
//! only the article id, for deletes and lookups (see
//! [`super::layout::ArticleQuery`]).
//!
//! A term on every passage costs tantivy a posting per passage: 3% of
//! indexing CPU for the article id, 2% for the date and 3% for the
//! language. The id is a term once per article; date and file-type filters
//! read the fast fields. The language stays a term on every passage:
//! language filters and the exclusion of German and Indonesian passages
//! from Vietnamese words seek its postings, and reading the fast field for
//! each candidate instead made searches with Vietnamese marks 20-50%
//! slower.

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::analysis::{self, View};
use crate::model::Date;

/// Version of the schema and analysis; an index of another version must be
/// rebuilt.
pub(crate) const SCHEMA_VERSION: u32 = 17;

/// Article id: fast only, on every passage.
pub(crate) const ARTICLE: &str = "article";
/// Article id: raw, indexed, on the first passage only.
pub(crate) const HEAD: &str = "head";
/// Canonical path of the article's file, on its first passage: fast only.
pub(crate) const FILE: &str = "file";
/// Path to show, stored on the first passage.
pub(crate) const PATH: &str = "path";
/// Title, stored on the first passage.
pub(crate) const TITLE: &str = "title";
/// Source URL, stored on the first passage.
pub(crate) const SOURCE: &str = "source";
/// Language code: raw, indexed, fast.
pub(crate) const LANG: &str = "lang";
/// The article's file type ([`crate::model::KINDS`]): fast only.
pub(crate) const KIND: &str = "kind";
/// Publication date: fast only.
pub(crate) const DATE: &str = "date";
/// Passage number within the article, from 0: fast.
pub(crate) const PASSAGE: &str = "passage";
/// The page a passage starts on, 1-based, for paged formats: fast.
pub(crate) const PAGE: &str = "page";
/// Input hash of the article: fast, on the first passage.
pub(crate) const HASH: &str = "hash";
/// 1 on a caption, credit or teaser passage (an aside): fast, on those
/// passages only.
pub(crate) const ASIDE: &str = "aside";
/// Hash of the article's normalised text, on its first passage: fast and
/// indexed, so that copies of one article are found and shown as one.
pub(crate) const CONTENT: &str = "content";
/// The passage text: stored only.
pub(crate) const TEXT: &str = "text";
/// The accent-exact view.
pub(crate) const EXACT: &str = "exact";
/// The shared normalised field.
pub(crate) const NORM: &str = "norm";
/// Canonical reference keys.
pub(crate) const REFS: &str = "refs";
/// Reference key and written form, for listings.
pub(crate) const REF_FORM: &str = "ref_form";
/// The abbreviations a passage defines, both ways
/// ([`crate::analysis::definitions::terms`]): raw, indexed.
pub(crate) const DEFINES: &str = "defines";

/// The payload vsearch writes with every commit.
#[derive(Serialize, Deserialize)]
pub(crate) struct Payload {
    pub schema_version: u32,
}

impl Payload {
    /// This version's payload, as JSON.
    pub(crate) fn current() -> String {
        format!("{{\"schema_version\":{SCHEMA_VERSION}}}")
    }
}

/// The fields of the schema.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub article: Field,
    pub head: Field,
    pub file: Field,
    pub path: Field,
    pub title: Field,
    pub source: Field,
    pub lang: Field,
    pub kind: Field,
    pub date: Field,
    pub passage: Field,
    pub page: Field,
    pub hash: Field,
    pub aside: Field,
    pub content: Field,
    pub text: Field,
    /// [`View::Exact`] of Vietnamese and undetected passages.
    pub exact: Field,
    /// The shared normalised field: [`View::Folded`] of Vietnamese and
    /// undetected passages, [`View::GERMAN`] of German ones,
    /// [`View::INDONESIAN`] of Indonesian ones.
    pub norm: Field,
    pub refs: Field,
    pub ref_form: Field,
    pub defines: Field,
}

fn analysed(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

impl Fields {
    /// The schema and its fields.
    pub(crate) fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let date_options = DateOptions::from(FAST).set_precision(DateTimePrecision::Seconds);
        // No field norms on refs: citing other documents besides does not
        // make a passage cite this one less.
        let refs = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_fieldnorms(false),
        );
        let fields = Fields {
            article: b.add_text_field(ARTICLE, FAST),
            file: b.add_text_field(FILE, FAST),
            path: b.add_text_field(PATH, STORED),
            title: b.add_text_field(TITLE, STORED),
            source: b.add_text_field(SOURCE, STORED),
            lang: b.add_text_field(LANG, STRING | FAST),
            date: b.add_date_field(DATE, date_options),
            passage: b.add_u64_field(PASSAGE, FAST),
            hash: b.add_u64_field(HASH, FAST),
            text: b.add_text_field(TEXT, STORED),
            exact: b.add_text_field(EXACT, analysed(analysis::EXACT_ANALYZER)),
            norm: b.add_text_field(NORM, analysed(analysis::NORM_ANALYZER)),
            refs: b.add_text_field(REFS, refs),
            ref_form: b.add_text_field(REF_FORM, STRING),
            page: b.add_u64_field(PAGE, FAST),
            head: b.add_text_field(HEAD, STRING),
            aside: b.add_u64_field(ASIDE, FAST),
            content: b.add_u64_field(CONTENT, FAST | INDEXED),
            kind: b.add_text_field(KIND, FAST),
            defines: b.add_text_field(DEFINES, STRING),
        };
        (b.build(), fields)
    }

    /// The field holding a view.
    pub(crate) fn view(&self, view: View) -> Field {
        if view.is_shared() {
            self.norm
        } else {
            self.exact
        }
    }
}

/// The earliest and latest days tantivy's dates hold (nanoseconds in an
/// `i64`: 1677-09-21 to 2262-04-11), with a day's margin.
const MIN_DAY: i64 = -106_750;
const MAX_DAY: i64 = 106_750;

/// Midnight UTC of `date` as a tantivy date, clamped to the span tantivy
/// can hold: a date never wraps around (filters reach for 1000-01-01).
pub(crate) fn date_value(date: Date) -> tantivy::DateTime {
    let days = date.days_since_epoch().clamp(MIN_DAY, MAX_DAY);
    tantivy::DateTime::from_timestamp_secs(days * 86_400)
}

/// The date of a stored tantivy date.
pub(crate) fn date_of(value: tantivy::DateTime) -> Option<Date> {
    Date::from_days_since_epoch(value.into_timestamp_secs().div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_never_wrap() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2025-11-01",
            "1969-12-31",
            "1900-01-01",
        ] {
            let d = Date::parse_iso(s).unwrap();
            assert_eq!(date_of(date_value(d)), Some(d));
        }
        // Before and after tantivy's span: clamped, still in order.
        let old = date_value(Date::new(1000, 1, 1).unwrap());
        let older = date_value(Date::new(1657, 3, 2).unwrap());
        let new = date_value(Date::new(2025, 1, 1).unwrap());
        let far = date_value(Date::new(9999, 12, 31).unwrap());
        assert!(old <= older && older < new && new < far);
        assert_eq!(date_of(older).map(|d| d.year()), Some(1677));
        assert_eq!(date_of(far).map(|d| d.year()), Some(2262));
    }
}
