//! How an article lies in the index, written and read in one place.
//!
//! An article is one tantivy document per passage, added as one batch, so
//! its passages are consecutive documents of one segment (merges keep that
//! order). Its metadata (path, title, source, and the file as a fast field)
//! is on its first passage only: a hit on passage `n` finds it `n`
//! documents earlier.

use tantivy::{DocId, TantivyDocument};

use super::columns::Columns;
use super::schema::{date_value, Fields};
use crate::analysis::{refs, View};
use crate::model::Article;

/// The tantivy documents of an article, one per passage; the first holds
/// the article's stored metadata.
pub(crate) fn documents(fields: &Fields, article: &Article) -> Vec<TantivyDocument> {
    article
        .passages
        .iter()
        .enumerate()
        .map(|(n, text)| passage_document(fields, article, n, text))
        .collect()
}

fn passage_document(fields: &Fields, article: &Article, n: usize, text: &str) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(fields.article, &article.id);
    d.add_u64(fields.passage, n as u64);
    if let Some(&page) = article.pages.get(n) {
        d.add_u64(fields.page, u64::from(page));
    }
    d.add_u64(fields.hash, article.hash);
    d.add_text(fields.text, text);
    for &view in View::indexed_for(article.lang) {
        if view.is_shared() {
            d.add_text(fields.norm, view.tagged(text));
        } else {
            d.add_text(fields.exact, text);
        }
    }
    if n == 0 {
        d.add_text(fields.file, &article.file);
        d.add_text(fields.path, &article.path);
        if let Some(title) = &article.title {
            d.add_text(fields.title, title);
        }
        if let Some(source) = &article.source {
            d.add_text(fields.source, source);
        }
    }
    if let Some(lang) = article.lang {
        d.add_text(fields.lang, lang.code());
    }
    if let Some(date) = article.date {
        d.add_date(fields.date, date_value(date));
    }
    for r in refs::extract(text) {
        d.add_text(fields.ref_form, format!("{}\t{}", r.key, r.display));
        d.add_text(fields.refs, r.key);
    }
    d
}

/// The document holding the metadata of `doc`'s article: its first
/// passage, `passage` documents back. `None` when the layout does not hold
/// there (the index was written otherwise and must be rebuilt).
pub(crate) fn first_passage(columns: &Columns, doc: DocId) -> Option<DocId> {
    let passage = columns.passage(doc)?;
    let first = doc.checked_sub(u32::try_from(passage).ok()?)?;
    (columns.passage(first) == Some(0) && columns.article_ord(first) == columns.article_ord(doc))
        .then_some(first)
}
