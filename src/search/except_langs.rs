//! A query's matches in passages not of some languages: the folded view
//! of a word with Vietnamese marks leaves out the German and Indonesian
//! passages, whose stemmed view shares its field (see the planner). As `q AND NOT lang:de AND NOT lang:id` it
//! sought through the postings of terms that every German or Indonesian
//! passage holds, for every such word of the query (`hợp tác y tế`: four
//! times two dense lists). Here the passages of those languages are read
//! once per segment into a set of bits, which the engine keeps
//! ([`LeftOut`]), and each match is looked up in it; a query with few
//! matches in a search of its own (`Nghị quyết 72` on the command line)
//! still seeks the postings, which costs less than reading the set.
//! Matches and scores are the same.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::postings::SegmentPostings;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// The sets of left-out passages, by segment and languages, that an
/// engine keeps for its searches (a segment's passages never change
/// language).
#[derive(Default)]
pub(crate) struct LeftOut {
    sets: Mutex<HashMap<SetKey, Arc<BitSet>>>,
    /// Read every set whole: for an engine that runs long (the server),
    /// where a set read once serves every later search.
    whole: bool,
}

/// A segment and the terms of the languages left out.
type SetKey = (SegmentId, Vec<Term>);

/// The most sets [`LeftOut`] keeps; past it, it starts again.
const MAX_SETS: usize = 256;

impl LeftOut {
    /// Sets read whole whatever the query (see [`LeftOut::whole`]).
    pub(crate) fn read_whole() -> LeftOut {
        LeftOut {
            whole: true,
            ..LeftOut::default()
        }
    }

    /// The set of `reader` and `terms`, when it was read.
    fn find(&self, reader: &SegmentReader, terms: &[Term]) -> Option<Arc<BitSet>> {
        let key = (reader.segment_id(), terms.to_vec());
        self.sets.lock().ok().and_then(|s| s.get(&key).cloned())
    }

    /// The passages of `reader` holding any of `terms`, read once.
    fn get(&self, reader: &SegmentReader, terms: &[Term]) -> tantivy::Result<Arc<BitSet>> {
        if let Some(set) = self.find(reader, terms) {
            return Ok(set);
        }
        let set = Arc::new(passages_holding(reader, terms)?);
        if let Ok(mut sets) = self.sets.lock() {
            if sets.len() >= MAX_SETS {
                sets.clear();
            }
            sets.insert((reader.segment_id(), terms.to_vec()), Arc::clone(&set));
        }
        Ok(set)
    }
}

/// The passages of `reader` holding any of `terms` (of one field).
fn passages_holding(reader: &SegmentReader, terms: &[Term]) -> tantivy::Result<BitSet> {
    let mut set = BitSet::with_max_value(reader.max_doc());
    for term in terms {
        let index = reader.inverted_index(term.field())?;
        let Some(mut postings) = index.read_block_postings(term, IndexRecordOption::Basic)? else {
            continue;
        };
        // A block of 128 documents at a time, as tantivy's range query
        // reads them.
        while !postings.docs().is_empty() {
            for &doc in postings.docs() {
                set.insert(doc);
            }
            postings.advance();
        }
    }
    Ok(set)
}

/// `query`'s matches but those in passages of some languages.
pub(crate) struct ExceptLangs {
    query: Box<dyn Query>,
    /// The language field's terms of the languages left out.
    terms: Vec<Term>,
    /// The sets kept, when an engine keeps them.
    kept: Option<Arc<LeftOut>>,
}

impl ExceptLangs {
    /// `query` outside the passages of the languages `codes` (the language
    /// field, `lang`, holds them), with the sets `kept` when given.
    pub(crate) fn new(
        query: Box<dyn Query>,
        lang: Field,
        codes: &[&str],
        kept: Option<Arc<LeftOut>>,
    ) -> ExceptLangs {
        let terms = codes
            .iter()
            .map(|c| Term::from_field_text(lang, c))
            .collect();
        ExceptLangs { query, terms, kept }
    }
}

impl std::fmt::Debug for ExceptLangs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExceptLangs")
            .field("query", &self.query)
            .field("terms", &self.terms)
            .finish()
    }
}

impl Clone for ExceptLangs {
    fn clone(&self) -> ExceptLangs {
        ExceptLangs {
            query: self.query.box_clone(),
            terms: self.terms.clone(),
            kept: self.kept.clone(),
        }
    }
}

impl Query for ExceptLangs {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExceptWeight {
            inner: self.query.weight(scoring)?,
            terms: self.terms.clone(),
            kept: self.kept.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

struct ExceptWeight {
    inner: Box<dyn Weight>,
    terms: Vec<Term>,
    kept: Option<Arc<LeftOut>>,
}

/// A scorer whose query matches fewer than this share of the passages left
/// out seeks them match by match rather than reading them whole, unless
/// the engine runs long ([`LeftOut::read_whole`]).
const SEEK_SHARE: u32 = 4;

impl ExceptWeight {
    /// How a scorer of `reader` whose query matches at most `matches`
    /// passages tells those left out; `None` when the segment has none.
    fn out(&self, reader: &SegmentReader, matches: u32) -> tantivy::Result<Option<Out>> {
        let set = |set: Arc<BitSet>| (set.len() > 0).then_some(Out::Set(set));
        if let Some(kept) = &self.kept {
            if kept.whole {
                return kept.get(reader, &self.terms).map(set);
            }
            if let Some(found) = kept.find(reader, &self.terms) {
                return Ok(set(found));
            }
        }
        let mut lists = Vec::new();
        for term in &self.terms {
            let index = reader.inverted_index(term.field())?;
            if let Some(postings) = index.read_postings(term, IndexRecordOption::Basic)? {
                lists.push(postings);
            }
        }
        let total: u32 = lists.iter().map(|p| p.doc_freq()).sum();
        if total == 0 {
            return Ok(None);
        }
        if matches < total / SEEK_SHARE {
            return Ok(Some(Out::Postings(lists)));
        }
        let read = match &self.kept {
            Some(kept) => kept.get(reader, &self.terms)?,
            None => Arc::new(passages_holding(reader, &self.terms)?),
        };
        Ok(set(read))
    }
}

impl Weight for ExceptWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.inner.scorer(reader, boost)?;
        let Some(out) = self.out(reader, inner.size_hint())? else {
            return Ok(inner);
        };
        let mut scorer = ExceptScorer { inner, out };
        let doc = scorer.inner.doc();
        scorer.skip_from(doc);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.out(reader, 0)?.is_some_and(|mut out| out.holds(doc)) {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        self.inner.explain(reader, doc)
    }
}

/// How a scorer tells the passages left out.
enum Out {
    /// The segment's set, read whole.
    Set(Arc<BitSet>),
    /// The languages' postings, sought match by match (as tantivy's
    /// exclusion does): for a query with few matches, cheaper than
    /// reading the set.
    Postings(Vec<SegmentPostings>),
}

impl Out {
    /// Whether `doc` is left out; `doc` never goes back.
    fn holds(&mut self, doc: DocId) -> bool {
        match self {
            Out::Set(set) => set.contains(doc),
            Out::Postings(lists) => lists
                .iter_mut()
                .any(|p| p.doc() <= doc && p.seek(doc) == doc),
        }
    }
}

struct ExceptScorer {
    inner: Box<dyn Scorer>,
    out: Out,
}

impl ExceptScorer {
    /// The first match from `doc` on that is not left out.
    fn skip_from(&mut self, mut doc: DocId) -> DocId {
        while doc != TERMINATED && self.out.holds(doc) {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for ExceptScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.inner.advance();
        self.skip_from(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.inner.seek(target);
        self.skip_from(doc)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for ExceptScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
