//! The typed form first: among passages of equal score, those that hold
//! more of the query's words as the user typed them rank first.
//!
//! German and Indonesian passages are indexed by stem only, so `deren` and
//! `der`, or `tampilan` and `menampilkan`, score the same; the stored text
//! still tells them apart. Only runs of equal scores are looked at, and the
//! text is read only for those, so a ranking without ties costs nothing.
//! Words are compared in the exact view's form: case, Unicode
//! normalisation and Vietnamese tone placement do not count as differences.

use tantivy::DocAddress;

use super::query::{Clause, Node, Occur, ParsedQuery};
use crate::analysis::{analyse_word, next_word, View};
use crate::error::Result;

/// The words of `text` in the exact view's form, each once.
fn exact_forms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cursor = 0;
    while let Some((from, to)) = next_word(text, cursor) {
        cursor = to;
        let Some(terms) = analyse_word(View::Exact, &text[from..to]) else {
            continue;
        };
        if let Some(term) = terms.first().filter(|t| !out.iter().any(|o| o == &***t)) {
            out.push(term.to_string());
        }
    }
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

/// How many of `typed` occur in `text` as written.
pub(super) fn typed_in(text: &str, typed: &[String]) -> usize {
    let words = exact_forms(text);
    typed.iter().filter(|t| words.contains(t)).count()
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
}
