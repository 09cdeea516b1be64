//! The abbreviations the indexed texts define
//! ([`crate::analysis::definitions`]), looked up in the index when a query
//! is planned: `UBND` also searches `Ủy ban nhân dân` in a collection
//! whose texts write `Ủy ban nhân dân (UBND)`, and the other way round.
//! Nothing is loaded at start-up; each lookup is a range of one term
//! dictionary per segment.

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, SegmentReader, TERMINATED};

use crate::analysis::definitions::FORM_SEPARATOR;
use crate::analysis::fold_key;

/// The forms the texts define for `text` (compared by its
/// [key](fold_key)), each with the passages defining it, most first.
pub(crate) fn defined_forms(searcher: &Searcher, field: Field, text: &str) -> Vec<(String, u64)> {
    let key = fold_key(text);
    if key.is_empty() {
        return Vec::new();
    }
    let prefix = format!("{key}{FORM_SEPARATOR}");
    let mut forms: Vec<(String, u64)> = Vec::new();
    for segment in searcher.segment_readers() {
        for (form, passages) in in_segment(segment, field, prefix.as_bytes()) {
            match forms.iter_mut().find(|(f, _)| *f == form) {
                Some((_, n)) => *n += passages,
                None => forms.push((form, passages)),
            }
        }
    }
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    forms
}

/// The forms after `prefix` in one segment, with the passages still in
/// the index that define them (deleted ones stay in the dictionary until
/// a merge).
fn in_segment(segment: &SegmentReader, field: Field, prefix: &[u8]) -> Vec<(String, u64)> {
    let Ok(inverted) = segment.inverted_index(field) else {
        return Vec::new();
    };
    // The separator is U+001F; every term with the prefix sorts below the
    // prefix ending in U+0020.
    let mut end = prefix.to_vec();
    if let Some(last) = end.last_mut() {
        *last += 1;
    }
    let Ok(mut stream) = inverted.terms().range().ge(prefix).lt(&end).into_stream() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while stream.advance() {
        let Ok(term) = std::str::from_utf8(stream.key()) else {
            continue;
        };
        let form = &term[prefix.len()..];
        let Ok(mut postings) =
            inverted.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
        else {
            continue;
        };
        let mut alive = 0;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            alive += u64::from(!segment.is_deleted(doc));
            doc = postings.advance();
        }
        if alive > 0 {
            out.push((form.to_string(), alive));
        }
    }
    out
}
