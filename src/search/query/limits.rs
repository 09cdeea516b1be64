//! The bounds every query is held to before any work is done, so that no
//! query, typed or sent to a server, can take the machine down: its length,
//! how deep its groups nest, and how many words and phrases it holds (each
//! expands into at most four views, their references, and at most
//! [`MAX_OTHER_FORMS`] other forms of at most [`MAX_FORM_WORDS`] words,
//! and the planner's work is linear in them).

use super::{Clause, Node};
use crate::error::{Error, Result};

/// The longest query, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// The deepest nesting of parenthesised groups.
pub const MAX_DEPTH: usize = 32;
/// The most words and phrases in one query.
pub const MAX_WORDS: usize = 256;
/// The most other forms (synonyms, abbreviations, names) one word or run
/// of words is also searched in; a synonyms file may list more, and the
/// first ones are kept.
pub(crate) const MAX_OTHER_FORMS: usize = 16;
/// The most words of one other form: a longer form is not searched.
pub(crate) const MAX_FORM_WORDS: usize = 16;
/// Letters a prefix (`nghị*`) needs.
pub(crate) const MIN_PREFIX_CHARS: usize = 2;

fn exceeded(what: &'static str, found: usize, limit: usize) -> Error {
    Error::QueryLimit { what, found, limit }
}

/// Refuses a query longer than [`MAX_QUERY_BYTES`].
pub(crate) fn check_length(query: &str) -> Result<()> {
    match query.len() {
        n if n > MAX_QUERY_BYTES => Err(exceeded("bytes long", n, MAX_QUERY_BYTES)),
        _ => Ok(()),
    }
}

/// Refuses a group nested deeper than [`MAX_DEPTH`].
pub(crate) fn check_depth(depth: usize) -> Result<()> {
    match depth {
        d if d > MAX_DEPTH => Err(exceeded("groups deep", d, MAX_DEPTH)),
        _ => Ok(()),
    }
}

/// Refuses clauses holding more than [`MAX_WORDS`] words and phrases.
pub(crate) fn check_words(clauses: &[Clause]) -> Result<()> {
    fn count(node: &Node) -> usize {
        match node {
            Node::Word(_) | Node::Phrase(_) | Node::Prefix(_) => 1,
            Node::Group(clauses) => clauses.iter().map(|c| count(&c.node)).sum(),
            Node::Or(nodes) => nodes.iter().map(count).sum(),
        }
    }
    let n: usize = clauses.iter().map(|c| count(&c.node)).sum();
    match n {
        n if n > MAX_WORDS => Err(exceeded("words and phrases", n, MAX_WORDS)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::search::query::parse;

    #[test]
    fn each_bound_is_named() {
        let long = "wort ".repeat(1000);
        assert_eq!(
            parse(&long).unwrap_err().to_string(),
            "query too big: 5000 bytes long, at most 4096"
        );
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        assert_eq!(
            parse(&deep).unwrap_err().to_string(),
            "query too big: 33 groups deep, at most 32"
        );
        let many = vec!["w"; 300].join(" OR ");
        assert_eq!(
            parse(&many).unwrap_err().to_string(),
            "query too big: 300 words and phrases, at most 256"
        );
        assert!(parse(&format!("{}a{}", "(".repeat(32), ")".repeat(32))).is_ok());
        assert!(parse(&vec!["w"; 256].join(" ")).is_ok());
    }
}
