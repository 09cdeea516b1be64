//! The query language's tokens: words, prefixes (`Deb*`), quoted phrases
//! (straight or curly quotes), parentheses, `OR`, `AND`, `NOT`, and
//! `+`/`-` where a word may start (after a space or an opening
//! parenthesis), so `72-NQ/TW` stays one word.

/// A token of the query language.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Lex {
    Word(String),
    /// A word typed with a trailing `*`, without it.
    Prefix(String),
    Phrase(String),
    Open,
    Close,
    Or,
    And,
    Not,
    Plus,
    Minus,
}

/// The tokens of `query`; repairs (an unclosed quote) are noted.
pub(super) fn lex(query: &str, notes: &mut Vec<String>) -> Vec<Lex> {
    let mut out = Vec::new();
    let mut chars = query.char_indices().peekable();
    let mut at_word_start = true;
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() || c.is_control() => {
                at_word_start = true;
                continue;
            }
            '"' | '“' | '”' | '„' => {
                let rest = &query[i + c.len_utf8()..];
                let end = rest.find(['"', '“', '”']);
                let phrase = &rest[..end.unwrap_or(rest.len())];
                if end.is_none() {
                    notes.push("unclosed quote: the phrase runs to the end of the query".into());
                }
                out.push(Lex::Phrase(phrase.to_string()));
                let skip = phrase.len()
                    + end.map_or(0, |e| rest[e..].chars().next().map_or(0, char::len_utf8));
                while chars
                    .peek()
                    .is_some_and(|&(j, _)| j < i + c.len_utf8() + skip)
                {
                    chars.next();
                }
            }
            '(' => {
                // `(-word` and `(+word`: an operator may follow.
                out.push(Lex::Open);
                at_word_start = true;
                continue;
            }
            ')' => out.push(Lex::Close),
            '+' if at_word_start => out.push(Lex::Plus),
            '-' if at_word_start => out.push(Lex::Minus),
            _ => {
                let rest = &query[i..];
                let len = rest
                    .find(|c: char| {
                        c.is_whitespace()
                            || c.is_control()
                            || matches!(c, '(' | ')' | '"' | '“' | '”' | '„')
                    })
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                    chars.next();
                }
                out.push(match word {
                    "OR" | "|" | "||" => Lex::Or,
                    "AND" | "&&" => Lex::And,
                    "NOT" => Lex::Not,
                    _ => match word.strip_suffix('*') {
                        Some(stem) if !stem.is_empty() && !stem.contains('*') => {
                            Lex::Prefix(stem.to_string())
                        }
                        _ => Lex::Word(word.to_string()),
                    },
                });
            }
        }
        at_word_start = false;
    }
    out
}
