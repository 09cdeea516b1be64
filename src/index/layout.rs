//! How an article lies in the index, written and read in one place.
//!
//! An article is one tantivy document per passage, added as one batch, so
//! its passages are consecutive documents of one segment (merges keep that
//! order). Its metadata (path, title, source, the file and input hash as
//! fast fields, and its id as an indexed term) is on its first passage
//! only, and so is its title in the analysed views when the passage does
//! not already say it: a hit on passage `n` finds it `n` documents earlier, and
//! [`ArticleQuery`] finds the passages after the first.

use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyDocument, Term, TERMINATED};

use super::columns::Columns;
use super::schema::{date_value, Fields};
use crate::analysis::{self, definitions, refs, View};
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
    d.add_text(fields.text, text);
    if article.asides.get(n) == Some(&true) {
        d.add_u64(fields.aside, 1);
    }
    let title = (n == 0).then(|| searched_title(article, text)).flatten();
    for &view in View::indexed_for(article.lang) {
        // The title after the text, as a value of its own: a phrase does
        // not run from one into the other, and the text keeps its
        // positions.
        for value in std::iter::once(text).chain(title) {
            if view.is_shared() {
                d.add_text(fields.norm, view.tagged(value));
            } else {
                d.add_text(fields.exact, value);
            }
        }
    }
    if n == 0 {
        d.add_text(fields.head, &article.id);
        d.add_u64(fields.hash, article.hash);
        d.add_u64(fields.content, content_hash(article));
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
    d.add_text(fields.kind, article.kind);
    if let Some(date) = article.date {
        d.add_date(fields.date, date_value(date));
    }
    for r in refs::extract_in(text, article.lang) {
        d.add_text(fields.ref_form, format!("{}\t{}", r.key, r.display));
        d.add_text(fields.refs, r.key);
    }
    for definition in definitions::definitions(text) {
        for term in definitions::terms(&definition) {
            d.add_text(fields.defines, term);
        }
    }
    d
}

/// The title to search with the first passage: the article's title unless
/// that passage already says it (a heading or first sentence taken as the
/// title), so that a stated title (JSONL, HTML, a manifest) is searched
/// too and no title counts twice.
fn searched_title<'a>(article: &'a Article, first: &str) -> Option<&'a str> {
    let title = article.title.as_deref()?.trim();
    let said = title.trim_end_matches('…').trim_end();
    (!said.is_empty() && !first.contains(said)).then_some(title)
}

/// The hash of an article's text after normalisation (NFC, lower case, runs
/// of white space as one space): equal for copies of one article filed
/// twice, whatever their ids, titles or line breaks.
pub(crate) fn content_hash(article: &Article) -> u64 {
    // Passages are NFC already: ingestion composes every text it reads.
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut words = Vec::new();
    for passage in &article.passages {
        analysis::push_lower_words(passage, &mut words);
        hasher.update(&words);
        words.clear();
    }
    hasher.digest()
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

/// Every passage of one article: the first by its indexed id, the rest as
/// the documents that follow it. For deletes and for reading an article
/// whole; each scores `boost` (1).
#[derive(Clone, Debug)]
pub(crate) struct ArticleQuery {
    head: Field,
    id: String,
}

impl ArticleQuery {
    /// The passages of the article `id`.
    pub(crate) fn new(fields: &Fields, id: &str) -> ArticleQuery {
        ArticleQuery {
            head: fields.head,
            id: id.to_string(),
        }
    }

    /// The article's documents in `segment`, in order: the passages of
    /// every version there, deleted ones included (searches skip those).
    fn docs(&self, segment: &SegmentReader) -> tantivy::Result<Vec<DocId>> {
        let inverted = segment.inverted_index(self.head)?;
        let term = Term::from_field_text(self.head, &self.id);
        let mut firsts = Vec::new();
        if let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? {
            while postings.doc() != TERMINATED {
                firsts.push(postings.doc());
                postings.advance();
            }
        }
        if firsts.is_empty() {
            return Ok(firsts);
        }
        let columns = Columns::open(segment)?;
        let mut docs = Vec::new();
        for first in firsts {
            docs.extend(passages_from(&columns, first, segment.max_doc()));
        }
        docs.sort_unstable();
        docs.dedup();
        Ok(docs)
    }
}

/// The documents of the article whose first passage is `first`.
fn passages_from(columns: &Columns, first: DocId, max_doc: DocId) -> Vec<DocId> {
    let article = columns.article_ord(first);
    (first..max_doc)
        .zip(0u64..)
        .take_while(|&(doc, n)| {
            columns.passage(doc) == Some(n) && columns.article_ord(doc) == article
        })
        .map(|(doc, _)| doc)
        .collect()
}

impl Query for ArticleQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for ArticleQuery {
    fn scorer(&self, segment: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = Docs {
            docs: self.docs(segment)?,
            at: 0,
        };
        Ok(Box::new(ConstScorer::new(docs, boost)))
    }

    fn explain(&self, segment: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.docs(segment)?.binary_search(&doc) {
            Ok(_) => Ok(Explanation::new("a passage of the article", 1.0)),
            Err(_) => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not a passage of {:?}",
                self.id
            ))),
        }
    }
}

/// Sorted documents as a tantivy doc set.
struct Docs {
    docs: Vec<DocId>,
    at: usize,
}

impl DocSet for Docs {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.docs.len()).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use tantivy::collector::DocSetCollector;

    fn article(id: &str, passages: usize) -> Article {
        Article {
            id: id.into(),
            path: format!("{id}.txt"),
            file: format!("/{id}.txt"),
            line: None,
            kind: "txt",
            title: None,
            lang: None,
            date: None,
            source: None,
            passages: (0..passages).map(|n| format!("{id} passage {n}")).collect(),
            pages: Vec::new(),
            asides: Vec::new(),
            hash: passages as u64,
        }
    }

    /// The ids and passage numbers of what `query` finds, in order.
    fn found(index: &tantivy::Index, query: &dyn Query) -> Vec<(String, u64)> {
        let searcher = index.reader().unwrap().searcher();
        let mut docs: Vec<_> = searcher
            .search(query, &DocSetCollector)
            .unwrap()
            .into_iter()
            .collect();
        docs.sort();
        docs.into_iter()
            .map(|a| {
                let columns = Columns::open(searcher.segment_reader(a.segment_ord)).unwrap();
                let id = columns.article(a.doc_id).unwrap();
                (id, columns.passage(a.doc_id).unwrap())
            })
            .collect()
    }

    #[test]
    fn article_ids_looked_up_in_a_batch_are_those_looked_up_one_by_one() {
        let tmp = tempfile::tempdir().unwrap();
        let (index, fields) = crate::index::create(tmp.path()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 32 << 20).unwrap();
        for a in [article("x2", 2), article("x10", 1), article("a", 3)] {
            let docs = documents(&fields, &a).into_iter();
            writer
                .run(docs.map(tantivy::indexer::UserOperation::Add))
                .unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let segment = searcher.segment_reader(0);
        // Out of order and repeated: ids come back in the order asked.
        let docs: Vec<DocId> = (0..segment.max_doc()).rev().chain([0, 0]).collect();
        let batch = Columns::open(segment).unwrap().articles(&docs);
        assert_eq!(batch, ["a", "a", "a", "x10", "x2", "x2", "x2", "x2"]);
        let columns = Columns::open(segment).unwrap();
        let one_by_one: Vec<String> = docs.iter().map(|&d| columns.article(d).unwrap()).collect();
        assert_eq!(batch, one_by_one);
    }

    #[test]
    fn the_copy_hash_is_that_of_the_lowercased_words() {
        let mut a = article("a", 0);
        a.passages = vec![
            "Nghị QUYẾT  72-NQ/TW\u{a0}về ĐƯỜNG\tSỐ 1".into(),
            "Die STRAẞE ΟΔΟΣ Σ\nİstanbul".into(),
        ];
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for passage in &a.passages {
            let words: String = passage
                .to_lowercase()
                .split_whitespace()
                .map(|w| format!("{w} "))
                .collect();
            hasher.update(words.as_bytes());
        }
        assert_eq!(content_hash(&a), hasher.digest());
    }

    #[test]
    fn an_article_query_finds_every_passage_and_deletes_only_older_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let (index, fields) = crate::index::create(tmp.path()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 32 << 20).unwrap();
        // "b" sits between two others; "bb" shares its prefix.
        for a in [
            article("a", 2),
            article("b", 3),
            article("bb", 1),
            article("c", 2),
        ] {
            writer
                .run(
                    documents(&fields, &a)
                        .into_iter()
                        .map(tantivy::indexer::UserOperation::Add),
                )
                .unwrap();
        }
        writer.commit().unwrap();
        let b = ArticleQuery::new(&fields, "b");
        let expected = |n: u64| (0..n).map(|p| ("b".to_string(), p)).collect::<Vec<_>>();
        assert_eq!(found(&index, &b), expected(3));
        assert_eq!(found(&index, &ArticleQuery::new(&fields, "x")), vec![]);
        // Replaced by a shorter version, as an indexing run does: the delete
        // reaches the three old passages, not the two new ones.
        writer.delete_query(Box::new(b.clone())).unwrap();
        let new = documents(&fields, &article("b", 2));
        writer
            .run(new.into_iter().map(tantivy::indexer::UserOperation::Add))
            .unwrap();
        writer.commit().unwrap();
        assert_eq!(found(&index, &b), expected(2));
        let mut everything = found(&index, &tantivy::query::AllQuery);
        everything.sort();
        let passages: Vec<(&str, u64)> =
            everything.iter().map(|(id, n)| (id.as_str(), *n)).collect();
        assert_eq!(
            passages,
            [
                ("a", 0),
                ("a", 1),
                ("b", 0),
                ("b", 1),
                ("bb", 0),
                ("c", 0),
                ("c", 1)
            ]
        );
    }
}
