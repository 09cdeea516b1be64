//! Fusing the lexical ranking with the semantic one, in the mode a
//! request asks for.
//!
//! Reciprocal rank fusion (`1/(60 + rank)` summed over the two lists, as
//! Cormack et al. propose), which needs no calibration of BM25 against
//! cosines, under three rules that keep the lexical lead:
//!
//! 1. Lexical hits keep their order among themselves: fusion only decides
//!    where an article found by meaning alone goes between them, and a tie
//!    goes to the lexical hit. So the best lexical hit stays first.
//! 2. Passages holding every word (the lexical ranking's top tier) all come
//!    before any article found by meaning alone, as they come before those
//!    holding only some.
//! 3. Among the rest go only the other-language versions of the best
//!    lexical hits' stories ([`super::related`]); the other articles close
//!    by meaning fill a page the words leave short.
//!
//! Rules 2 and 3 were added when the known-item study measured plain
//! fusion: it pushed one target in twenty-five down a place.

use std::collections::{HashMap, HashSet};

use tantivy::{DocAddress, Searcher};

use super::filters::Filters;
use super::planner::FULL_MATCH_FLOOR;
use super::related::Memo;
use super::semantic::Close;
use super::{Engine, Mode, Request, Results};
use crate::error::{Error, Result};

/// The constant of reciprocal rank fusion.
const RRF_K: f32 = 60.0;

/// A ranked hit of a fused ranking.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Fused {
    pub addr: DocAddress,
    /// The lexical score; 0 for an article found by meaning alone.
    pub score: f32,
    /// The article's similarity with the query, when it has a vector.
    pub similarity: Option<f32>,
    /// Found by meaning alone.
    pub by_meaning: bool,
}

impl Fused {
    /// A lexical hit, with its article's similarity when known.
    fn words(score: f32, addr: DocAddress, similarity: Option<f32>) -> Fused {
        Fused {
            addr,
            score,
            similarity,
            by_meaning: false,
        }
    }

    /// An article found by meaning alone, as its first passage.
    fn meaning(c: &Close) -> Fused {
        Fused {
            addr: c.first,
            score: 0.0,
            similarity: Some(c.similarity),
            by_meaning: true,
        }
    }
}

impl Engine {
    /// The mode `request` asks for, the default being hybrid when the
    /// index has vectors; a default that cannot be had falls back to
    /// lexical with a note.
    pub(super) fn mode(&self, request: &Request, notes: &mut Vec<String>) -> Result<Mode> {
        if request.mode == Some(Mode::Lexical) {
            return Ok(Mode::Lexical);
        }
        match (request.mode, self.view()) {
            (None, Ok(None)) => Ok(Mode::Lexical),
            (Some(_), Ok(None)) => Err(Error::NoVectors(self.dir.clone())),
            (Some(mode), Ok(Some(_))) => Ok(mode),
            (None, Ok(Some(_))) => Ok(Mode::Hybrid),
            (Some(_), Err(e)) => Err(e),
            (None, Err(e)) => {
                notes.push(format!("{e}; the words alone were searched"));
                Ok(Mode::Lexical)
            }
        }
    }

    /// The page of `ranked` (the lexical ranking) in the request's mode:
    /// as it is, fused with the articles closest by meaning, or those alone.
    pub(super) fn fused(
        &self,
        searcher: &Searcher,
        ranked: Vec<(f32, DocAddress)>,
        text: &str,
        filters: &Filters,
        request: &Request,
        (results, memo): (&mut Results, &mut Memo),
    ) -> Result<Vec<Fused>> {
        let view = match results.mode {
            Mode::Lexical => None,
            _ => self.view()?,
        };
        let view = match view {
            None => {
                return Ok((ranked.into_iter())
                    .map(|(score, addr)| Fused::words(score, addr, None))
                    .collect())
            }
            Some(view) => view,
        };
        let wanted = request.offset + request.limit;
        let mut lexical = Vec::with_capacity(ranked.len());
        for (score, addr) in ranked {
            let id = self
                .columns(searcher, addr.segment_ord)?
                .article(addr.doc_id);
            lexical.push((score, addr, id.unwrap_or_default()));
        }
        let first = self.versions_of_the_best(searcher, &lexical, memo)?;
        let close = self.by_meaning(searcher, &view, (text, &first), filters, wanted)?;
        let held: HashSet<&str> = lexical.iter().map(|l| l.2.as_str()).collect();
        results.related_hits = (close.iter())
            .filter(|c| !held.contains(c.id.as_str()))
            .count();
        let mut fused = match results.mode {
            Mode::Semantic => semantic_only(&close),
            _ => {
                let room = wanted.saturating_sub(lexical.len());
                fuse(&lexical, &admitted(&close, &held, &first, room))
            }
        };
        fused.drain(..request.offset.min(fused.len()));
        fused.truncate(request.limit);
        Ok(fused)
    }

    /// The best lexical hits whose other-language versions lead the
    /// semantic ranking.
    const STORIES: usize = 3;

    /// The other-language versions of the best lexical hits: a query
    /// reaches another language through the story it found in its own.
    fn versions_of_the_best(
        &self,
        searcher: &Searcher,
        lexical: &[(f32, DocAddress, String)],
        memo: &mut Memo,
    ) -> Result<Vec<String>> {
        let mut first: Vec<String> = Vec::new();
        let mut tops: Vec<&str> = Vec::new();
        for (_, _, id) in lexical {
            if tops.len() < Self::STORIES && !tops.contains(&id.as_str()) {
                tops.push(id);
                let related = self.related_in(searcher, id, memo)?;
                first.extend(related.into_iter().map(|r| r.article));
            }
        }
        Ok(first)
    }
}

/// Fuses the `lexical` ranking (score, passage, article id) with the
/// `semantic` one (see the module's notes): every lexical hit in its
/// order, the articles found by meaning alone (as their first passage)
/// where reciprocal rank fusion puts them.
pub(super) fn fuse(lexical: &[(f32, DocAddress, String)], semantic: &[Close]) -> Vec<Fused> {
    let full = lexical
        .iter()
        .take_while(|l| l.0 >= FULL_MATCH_FLOOR)
        .count();
    let sims: HashMap<&str, f32> = semantic
        .iter()
        .map(|c| (c.id.as_str(), c.similarity))
        .collect();
    let mut out: Vec<Fused> = (lexical[..full].iter())
        .map(|(score, addr, id)| Fused::words(*score, *addr, sims.get(id.as_str()).copied()))
        .collect();
    let held: HashSet<&str> = lexical[..full].iter().map(|l| l.2.as_str()).collect();
    let rest: Vec<Close> = semantic
        .iter()
        .filter(|c| !held.contains(c.id.as_str()))
        .cloned()
        .collect();
    out.extend(fuse_ranks(&lexical[full..], &rest));
    out
}

fn fuse_ranks(lexical: &[(f32, DocAddress, String)], semantic: &[Close]) -> Vec<Fused> {
    let rrf = |rank: usize| 1.0 / (RRF_K + rank as f32 + 1.0);
    let close: HashMap<&str, (usize, f32)> = (semantic.iter().enumerate())
        .map(|(r, c)| (c.id.as_str(), (r, c.similarity)))
        .rev()
        .collect();
    let lexical_ids: HashSet<&str> = lexical.iter().map(|l| l.2.as_str()).collect();
    // (fused score, lexical first, order within its list, the hit)
    let mut all: Vec<(f32, bool, usize, Fused)> = Vec::new();
    let mut counted = HashSet::new();
    for (r, (score, addr, id)) in lexical.iter().enumerate() {
        // An article's closeness counts once, for its best passage.
        let sem = close
            .get(id.as_str())
            .filter(|_| counted.insert(id.as_str()));
        let fused = rrf(r) + sem.map_or(0.0, |&(s, _)| rrf(s));
        let hit = Fused::words(*score, *addr, sem.map(|&(_, s)| s));
        all.push((fused, true, r, hit));
    }
    for (r, c) in semantic.iter().enumerate() {
        if !lexical_ids.contains(c.id.as_str()) {
            all.push((rrf(r), false, r, Fused::meaning(c)));
        }
    }
    all.sort_by(|a, b| {
        (b.0.total_cmp(&a.0))
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    // The lexical hits back in their own order, in the places fusion gave
    // lexical hits.
    let mut lexical_hits = all
        .iter()
        .filter(|a| a.1)
        .map(|a| a.3.clone())
        .collect::<Vec<_>>();
    lexical_hits.sort_by_key(|h| lexical.iter().position(|l| l.1 == h.addr));
    let mut next = lexical_hits.into_iter();
    all.into_iter()
        .map(|(_, lexical, _, hit)| {
            if lexical {
                next.next().unwrap_or(hit)
            } else {
                hit
            }
        })
        .collect()
}

/// What of `close` fusion may place among the lexical hits: the articles
/// `held` lexically, the versions of their stories (`first`), and `room`
/// more to fill a page the words leave short. Otherwise a weaker semantic
/// match would push a lexical hit off the page (in the known-item study
/// it cost one point of success@10).
fn admitted(close: &[Close], held: &HashSet<&str>, first: &[String], room: usize) -> Vec<Close> {
    let mut spare = 0;
    (close.iter())
        .filter(|c| {
            held.contains(c.id.as_str()) || first.contains(&c.id) || {
                spare += 1;
                spare <= room
            }
        })
        .cloned()
        .collect()
}

/// The articles found by meaning alone, in their ranking.
pub(super) fn semantic_only(semantic: &[Close]) -> Vec<Fused> {
    semantic.iter().map(Fused::meaning).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::semantic::tests::{addr, close};

    #[test]
    fn fusion_keeps_the_lexical_order_and_places_the_rest() {
        let lexical = vec![
            (9.0, addr(1), "a".to_string()),
            (8.0, addr(2), "b".to_string()),
            (7.0, addr(3), "c".to_string()),
        ];
        // b is the closest by meaning, x and y are found by meaning alone.
        let semantic = vec![
            close("b", 2, 0.9),
            close("x", 10, 0.85),
            close("y", 20, 0.8),
        ];
        let fused = fuse(&lexical, &semantic);
        let docs: Vec<u32> = fused.iter().map(|f| f.addr.doc_id).collect();
        // b's fused score beats a's, but a keeps its place above b; x
        // (rank 2 by meaning) ties with nothing and goes above c.
        assert_eq!(docs, [1, 2, 10, 3, 20]);
        assert_eq!(
            (
                fused[0].similarity,
                fused[1].similarity,
                fused[2].by_meaning
            ),
            (None, Some(0.9), true)
        );
        assert!(!fused[3].by_meaning && fused[4].by_meaning);
    }

    #[test]
    fn what_holds_every_word_comes_before_what_is_found_by_meaning() {
        let lexical = vec![
            (1500.0, addr(1), "a".to_string()),
            (1200.0, addr(2), "b".to_string()),
            (9.0, addr(3), "c".to_string()),
            (8.0, addr(4), "d".to_string()),
        ];
        // x alone by meaning would beat b by its fused score.
        let fused = fuse(&lexical, &[close("x", 10, 0.9)]);
        let docs: Vec<u32> = fused.iter().map(|f| f.addr.doc_id).collect();
        assert_eq!(docs, [1, 2, 3, 10, 4]);
    }
}
