//! The typed form first. German and Indonesian passages are indexed by
//! stem only, so `deren` and `der`, or `tampilan` and `menampilkan`, score
//! the same; the stored text still tells them apart, in two steps:
//!
//! - [`grade`]: a German or Indonesian passage holding every query word
//!   earns the all-words bonus whole only where it holds them as typed;
//!   each word held only as another form (a stem, a compound's part) keeps
//!   [`FOLDED_SHARE`](super::planner::FOLDED_SHARE) of its share, as a Vietnamese word typed with marks
//!   does (see the planner). Only the first passages ranked are read.
//! - [`typed_first`]: among passages of equal score, those that hold more
//!   of the query's words as typed rank first.
//!
//! Words are compared in the exact view's form: case, Unicode
//! normalisation and Vietnamese tone placement do not count as differences.

use std::collections::{HashMap, HashSet};

use tantivy::DocAddress;

use super::aside;
use super::planner::{has_vietnamese_marks, ALL_WORDS_BONUS, FULL_MATCH_FLOOR};
use super::query::{Clause, Node, Occur, ParsedQuery};
use crate::analysis::{exact_term, next_word};
use crate::error::Result;

/// How many of the graded query words a German or Indonesian passage holds
/// as typed, of how many: its all-words bonus is 900 plus the share of
/// 100 of each word held as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypedGrade {
    /// Words held as typed.
    pub held: usize,
    /// Words graded.
    pub of: usize,
}

impl TypedGrade {
    /// What the passage's all-words bonus lost for the words it holds only
    /// in another form.
    pub(crate) fn shortfall(self) -> f32 {
        if self.of == 0 {
            return 0.0;
        }
        let share = (ALL_WORDS_BONUS - FULL_MATCH_FLOOR) / self.of as f32;
        share * (self.of - self.held) as f32
    }
}

/// The query's words as typed: all of them, for the tie-break, and those
/// graded (see [`gradable_words`]).
#[derive(Clone, Debug, Default)]
pub(super) struct Typed {
    pub words: Vec<String>,
    pub graded: Vec<String>,
}

impl Typed {
    /// The words of `parsed`; `marked` and `names` as for
    /// [`gradable_words`].
    pub(super) fn of(parsed: &ParsedQuery, marked: &[String], names: &HashSet<String>) -> Typed {
        Typed {
            words: typed_words(parsed),
            graded: gradable_words(parsed, marked, names),
        }
    }
}

/// A passage [`grade`] may read: its text, whether it is an aside, and
/// the linking elements of its language's compounds (none for a language
/// without them; German's compounds hold the words typed, see
/// [`typed_in_compounds`]).
pub(super) struct Stemmed {
    pub text: String,
    pub aside: bool,
    pub links: &'static [&'static str],
}

/// Gives `each` the exact view's form of every word of `text` in turn,
/// until it answers `true`.
fn each_exact(text: &str, mut each: impl FnMut(&str) -> bool) {
    let mut cursor = 0;
    while let Some((from, to)) = next_word(text, cursor) {
        cursor = to;
        if exact_term(&text[from..to]).is_some_and(|term| each(&term)) {
            return;
        }
    }
}

/// The words of `text` in the exact view's form, each once.
fn exact_forms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    each_exact(text, |term| {
        if !out.iter().any(|o| o == term) {
            out.push(term.to_string());
        }
        false
    });
    out
}

fn collect(clauses: &[Clause], out: &mut String) {
    for clause in clauses {
        if !matches!(clause.occur, Occur::MustNot) {
            node_words(&clause.node, out);
        }
    }
}

fn node_words(node: &Node, out: &mut String) {
    match node {
        Node::Prefix(_) => {}
        Node::Word(w) | Node::Phrase(w) => {
            out.push(' ');
            out.push_str(w);
        }
        Node::Group(clauses) => collect(clauses, out),
        Node::Or(nodes) => nodes.iter().for_each(|n| node_words(n, out)),
    }
}

/// The words the query asks for as typed (excluded ones left out), in the
/// exact view's form.
pub(super) fn typed_words(parsed: &ParsedQuery) -> Vec<String> {
    let mut text = String::new();
    collect(&parsed.clauses, &mut text);
    exact_forms(&text)
}

/// The words whose share of the all-words bonus goes to German and
/// Indonesian passages holding them as typed: the positive top-level words
/// and phrases, in the exact view's form, but none typed with Vietnamese
/// marks and none of the `names` (Vietnamese names, which German and
/// Indonesian text writes without marks: `Nam` of `Việt Nam`). Empty when
/// `marked` words are graded already (the planner's, see
/// [`FOLDED_SHARE`](super::planner::FOLDED_SHARE)), so the bonus never
/// falls below its floor.
pub(super) fn gradable_words(
    parsed: &ParsedQuery,
    marked: &[String],
    names: &HashSet<String>,
) -> Vec<String> {
    if !marked.is_empty() {
        return Vec::new();
    }
    let mut text = String::new();
    for clause in &parsed.clauses {
        match (&clause.occur, &clause.node) {
            (Occur::MustNot, _) => {}
            (_, Node::Word(w) | Node::Phrase(w))
                if !has_vietnamese_marks(w) && !names.contains(w) =>
            {
                text.push(' ');
                text.push_str(w);
            }
            _ => {}
        }
    }
    exact_forms(&text)
}

/// Passages [`grade`] reads at most: the page, its margin, and a deeper
/// fetch for the per-article cap.
pub(super) const MAX_GRADED: usize = 256;

/// Grades the full matches among the first [`MAX_GRADED`] passages of `top`
/// that `read` gives (German and Indonesian ones) by the `graded` words
/// they hold as typed, lowering each by its [`TypedGrade::shortfall`] (a
/// quarter of it for an aside, as [`aside::demote`] weighs its bonuses),
/// records the grades, and orders `top` again (a stable sort).
///
/// A grade only lowers a score, so once `page` passages are graded, one
/// scoring below the lowest of the best `page` cannot reach the page:
/// the passages after it are not read.
pub(super) fn grade(
    top: &mut [(f32, DocAddress)],
    page: usize,
    graded: &[String],
    mut read: impl FnMut(DocAddress) -> Result<Option<Stemmed>>,
    grades: &mut HashMap<DocAddress, TypedGrade>,
) -> Result<()> {
    if graded.is_empty() {
        return Ok(());
    }
    // The best `page` scores so far, lowest first.
    let mut best: Vec<f32> = Vec::new();
    for (score, addr) in top.iter_mut().take(MAX_GRADED) {
        if best.len() == page && *score < best[0] {
            break;
        }
        if *score >= FULL_MATCH_FLOOR {
            if let Some(passage) = read(*addr)? {
                let grade = grade_of(&passage, graded);
                let lost = grade.shortfall();
                *score -= if passage.aside {
                    lost * aside::ASIDE_WEIGHT
                } else {
                    lost
                };
                grades.insert(*addr, grade);
            }
        }
        let at = best.partition_point(|b| b < score);
        best.insert(at, *score);
        if best.len() > page {
            best.remove(0);
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(())
}

/// How many of the `graded` words `passage` holds as typed.
fn grade_of(passage: &Stemmed, graded: &[String]) -> TypedGrade {
    let held = if !passage.links.is_empty() {
        typed_in_compounds(&passage.text, graded, passage.links)
    } else {
        typed_in(&passage.text, graded)
    };
    TypedGrade {
        held,
        of: graded.len(),
    }
}

/// How many of `typed` occur in `text` as written.
pub(super) fn typed_in(text: &str, typed: &[String]) -> usize {
    let mut held = vec![false; typed.len()];
    let mut count = 0;
    each_exact(text, |term| {
        if let Some(i) = typed.iter().position(|t| t == term).filter(|&i| !held[i]) {
            held[i] = true;
            count += 1;
        }
        count == typed.len()
    });
    count
}

/// Letters a typed word must have to count as a part of a compound.
const PART_LETTERS: usize = 3;
/// Whether the `typed` words make up all of `compound` (in the exact
/// view's form), two of them at least, with one of the `links` between
/// and a modifier's final `-e` possibly dropped (`Farb|verlauf`); the
/// indexes of the words used go to `used`.
fn made_of(rest: &str, typed: &[String], links: &[&str], used: &mut Vec<usize>) -> bool {
    for (i, word) in typed.iter().enumerate() {
        let elided = word.strip_suffix('e');
        for form in std::iter::once(word.as_str()).chain(elided) {
            if form.chars().count() < PART_LETTERS || !rest.starts_with(form) {
                continue;
            }
            let after = &rest[form.len()..];
            used.push(i);
            // The last part is a whole word, not one with its -e dropped.
            if after.is_empty() && form == word && used.len() >= 2 {
                return true;
            }
            for link in links {
                match after.strip_prefix(link) {
                    Some(next) if !next.is_empty() && made_of(next, typed, links, used) => {
                        return true
                    }
                    _ => {}
                }
            }
            used.pop();
        }
    }
    false
}

/// How many of `typed` occur in `text`, in a language that writes
/// compounds as one word with `links` between their parts, as written,
/// alone or as the parts of a compound the query typed apart (`Option
/// Befehlszeile` held in `Befehlszeilenoption`): German writes them so. A
/// word inside a compound the query does not make up (`Krankenhaus` in
/// `Krankenhausnetzwerk`) is a compound's part, not the word typed.
pub(super) fn typed_in_compounds(text: &str, typed: &[String], links: &[&str]) -> usize {
    let mut held = vec![false; typed.len()];
    let mut used = Vec::new();
    each_exact(text, |word| {
        if let Some(i) = typed.iter().position(|t| t == word) {
            held[i] = true;
        } else if typed.len() >= 2
            && word.len() <= crate::analysis::MAX_TOKEN_BYTES
            && made_of(word, typed, links, &mut used)
        {
            used.drain(..).for_each(|i| held[i] = true);
        }
        held.iter().all(|&h| h)
    });
    held.into_iter().filter(|&h| h).count()
}

/// Orders each run of equal scores in `top` that starts within its first
/// `page` places and holds a passage that is `stemmed` (German or
/// Indonesian: Vietnamese tells forms apart in its exact view) by how many
/// typed words its passages hold (`typed_count`), most first; the order
/// within equal counts, and everything outside such ties, stays as it was.
pub(super) fn typed_first(
    top: &mut [(f32, DocAddress)],
    page: usize,
    stemmed: impl Fn(DocAddress) -> bool,
    mut typed_count: impl FnMut(DocAddress) -> Result<usize>,
) -> Result<()> {
    let mut start = 0;
    while start < top.len().min(page) {
        let score = top[start].0;
        let len = top[start..].iter().take_while(|(s, _)| *s == score).count();
        let run = &mut top[start..start + len];
        if len > 1 && run.iter().any(|&(_, addr)| stemmed(addr)) {
            let mut counted = Vec::with_capacity(len);
            for &hit in run.iter() {
                counted.push((typed_count(hit.1)?, hit));
            }
            // A stable sort keeps the order of equal counts.
            counted.sort_by_key(|c| std::cmp::Reverse(c.0));
            for (slot, (_, hit)) in run.iter_mut().zip(counted) {
                *slot = hit;
            }
        }
        start += len;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    /// How many of `typed` the German `text` holds as typed.
    fn typed_in_german(text: &str, typed: &[String]) -> usize {
        typed_in_compounds(text, typed, Lang::DE.compound_links())
    }

    fn addr(doc: u32) -> DocAddress {
        DocAddress::new(0, doc)
    }

    #[test]
    fn only_runs_of_equal_scores_are_reordered() {
        let mut top = vec![
            (3.0, addr(0)),
            (2.0, addr(1)),
            (2.0, addr(2)),
            (2.0, addr(3)),
            (1.0, addr(4)),
        ];
        let counts = [0, 0, 1, 2, 9];
        let mut asked = Vec::new();
        typed_first(
            &mut top,
            5,
            |a| a.doc_id != 1,
            |a| {
                asked.push(a.doc_id);
                Ok(counts[a.doc_id as usize])
            },
        )
        .unwrap();
        let order: Vec<u32> = top.iter().map(|(_, a)| a.doc_id).collect();
        assert_eq!(order, [0, 3, 2, 1, 4]);
        // Passages outside ties are never read.
        assert_eq!(asked, [1, 2, 3]);
        // Nor are ties that start past the page.
        let mut top = vec![(3.0, addr(0)), (2.0, addr(1)), (2.0, addr(2))];
        typed_first(&mut top, 1, |_| true, |_| panic!("read past the page")).unwrap();
        // Nor ties of passages that are not stemmed.
        let mut top = vec![(2.0, addr(0)), (2.0, addr(1))];
        typed_first(&mut top, 2, |_| false, |_| panic!("read unstemmed")).unwrap();
    }

    #[test]
    fn typed_words_leave_out_exclusions_and_match_as_written() {
        let parsed = super::super::query::parse("Deren \"tampilan Kommission\" -Berichte").unwrap();
        let typed = typed_words(&parsed);
        assert_eq!(typed, ["deren", "tampilan", "kommission"]);
        assert_eq!(typed_in("Die Kommission, DEREN Bericht", &typed), 2);
        assert_eq!(typed_in("Die Kommissionen, der Bericht", &typed), 0);
        assert_eq!(typed_in("tampilan, deren Kommissionen", &typed), 2);
        // Case, NFD input and old tone placement are the same word.
        let words = vec!["nghị".to_string(), "hòa".to_string()];
        assert_eq!(typed_in("NGHỊ QUYẾT 72", &words), 1);
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("nghị hoà").collect();
        assert_eq!(typed_in(&nfd, &words), 2);
    }

    #[test]
    fn a_compound_the_query_typed_apart_holds_its_words_as_typed() {
        let words = |w: &[&str]| -> Vec<String> { w.iter().map(|w| w.to_string()).collect() };
        let typed = words(&["option", "befehlszeile"]);
        assert_eq!(typed_in_german("Die Befehlszeilenoption", &typed), 2);
        assert_eq!(typed_in_german("Befehlszeilen, Optionen", &typed), 0);
        assert_eq!(typed_in("Die Befehlszeilenoption", &typed), 0);
        // Without a link, with -s-, with a modifier's -e dropped, in three parts.
        let typed = words(&["stelle", "schnitt", "farbe", "verlauf", "symbol"]);
        assert_eq!(typed_in_german("Schnittstelle", &typed), 2);
        assert_eq!(typed_in_german("Farbverlaufssymbol", &typed), 3);
        // A word inside a compound the query does not make up is a part.
        let typed = words(&["krankenhaus", "zusammenarbeit"]);
        assert_eq!(typed_in_german("Krankenhausnetzwerke", &typed), 0);
        assert_eq!(typed_in_german("Krankenhauszusammenarbeit", &typed), 2);
        // Nor does one word make a compound of itself.
        assert_eq!(typed_in_german("Optionoption", &words(&["option"])), 0);
    }

    #[test]
    fn full_matches_in_the_window_lose_the_share_of_words_not_typed() {
        let mut top = vec![(1510.0, addr(0)), (1505.0, addr(1)), (400.0, addr(2))];
        let texts = ["der Bericht", "deren Bericht", "deren"];
        let graded = vec!["deren".to_string(), "bericht".to_string()];
        let mut grades = HashMap::new();
        let read = |a: DocAddress| -> Result<Option<Stemmed>> {
            Ok(Some(Stemmed {
                text: texts[a.doc_id as usize].to_string(),
                aside: false,
                links: Lang::DE.compound_links(),
            }))
        };
        grade(&mut top, 3, &graded, read, &mut grades).unwrap();
        assert_eq!(
            top,
            [(1505.0, addr(1)), (1460.0, addr(0)), (400.0, addr(2))]
        );
        assert_eq!(grades[&addr(0)], TypedGrade { held: 1, of: 2 });
        assert_eq!(grades[&addr(1)], TypedGrade { held: 2, of: 2 });
        // A partial match is not graded.
        assert!(!grades.contains_key(&addr(2)));
        // An aside loses a quarter of that, as its bonuses weigh.
        let mut top = vec![(950.0, addr(0))];
        let read = |_| -> Result<Option<Stemmed>> {
            Ok(Some(Stemmed {
                text: "der".into(),
                aside: true,
                links: Lang::DE.compound_links(),
            }))
        };
        grade(&mut top, 1, &graded, read, &mut HashMap::new()).unwrap();
        assert_eq!(top[0].0, 950.0 - 100.0 * aside::ASIDE_WEIGHT);
        // Past the page, a passage scoring below it is not read.
        let mut top = vec![(1510.0, addr(1)), (1450.0, addr(0)), (1420.0, addr(2))];
        let mut asked = Vec::new();
        let read = |a: DocAddress| -> Result<Option<Stemmed>> {
            asked.push(a.doc_id);
            Ok(Some(Stemmed {
                text: texts[a.doc_id as usize].to_string(),
                aside: false,
                links: Lang::DE.compound_links(),
            }))
        };
        grade(&mut top, 1, &graded, read, &mut HashMap::new()).unwrap();
        assert_eq!(asked, [1]);
    }

    #[test]
    fn words_typed_with_marks_are_not_graded_here() {
        let parsed = super::super::query::parse("Trịnh Thanh deren -der").unwrap();
        let none = HashSet::new();
        assert_eq!(gradable_words(&parsed, &[], &none), ["thanh", "deren"]);
        let names = HashSet::from(["Trịnh".to_string(), "Thanh".to_string()]);
        assert_eq!(gradable_words(&parsed, &[], &names), ["deren"]);
        assert!(gradable_words(&parsed, &["Trịnh".to_string()], &none).is_empty());
    }
}
