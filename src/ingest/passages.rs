//! Cutting an article into passages: paragraphs, long ones split at sentence
//! ends, tiny ones merged with a neighbour.

/// A paragraph longer than this many chars is split at sentence ends.
pub const MAX_PASSAGE_CHARS: usize = 1000;
/// A paragraph shorter than this many chars joins its neighbour.
pub const MIN_PASSAGE_CHARS: usize = 80;
/// A piece still longer than this after sentence splitting is cut at spaces.
pub const HARD_LIMIT_CHARS: usize = 2 * MAX_PASSAGE_CHARS;

/// Whether a line ends a sentence (so the next line starts a paragraph).
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '»', '“', ')', '…', '/'])
}

/// Lines of a hard-wrapped block are at most this long (a 72- or 80-column
/// wrap, or a little more).
const WRAP_MAX: usize = 100;
/// And at least this long, most of them.
const WRAP_MIN: usize = 50;

/// Wrapped lines a block needs, besides its last, to read as wrapped: two
/// or three lines of like length are as often a list (of menu entries,
/// messages) as a wrapped paragraph.
const WRAP_LINES: usize = 3;

/// Whether a block of lines (between blank lines) is one paragraph wrapped
/// at a fixed width (`fmt`, `textwrap`, mail, manuals): [`WRAP_LINES`]
/// lines and a last one or more, every one but the last no longer than
/// [`WRAP_MAX`] chars, and four in five of them within a quarter of the
/// longest, which is at least [`WRAP_MIN`].
pub(crate) fn hard_wrapped(block: &[String]) -> bool {
    let Some((_, wrapped)) = block.split_last().filter(|(_, w)| w.len() >= WRAP_LINES) else {
        return false;
    };
    let lengths: Vec<usize> = wrapped.iter().map(|l| l.chars().count()).collect();
    let longest = lengths.iter().copied().max().unwrap_or(0);
    let near = lengths.iter().filter(|&&n| n * 4 >= longest * 3).count();
    (WRAP_MIN..=WRAP_MAX).contains(&longest) && near * 5 >= lengths.len() * 4
}

/// The lines of a hard-wrapped block as one paragraph: joined by a space,
/// or without one where a word was hyphenated across the break
/// (`Gesundheits-` / `wesen`; `Nord-` / `Süd` keeps its hyphen).
fn joined(block: &[String]) -> String {
    let mut out = String::new();
    for line in block {
        let line = line.trim();
        let hyphenated = out.ends_with('-')
            && out[..out.len() - 1].ends_with(char::is_alphabetic)
            && line.starts_with(char::is_lowercase);
        if hyphenated {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Groups cleaned lines into paragraphs: blank lines separate paragraphs; a
/// hard-wrapped block (see [`hard_wrapped`]) is one; elsewhere a line break
/// after a sentence end or before a capital letter starts one, and a line
/// broken mid-sentence (`... về chuyển` / `giao công nghệ`) is joined.
pub fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for block in lines.split(|l| l.is_empty()).filter(|b| !b.is_empty()) {
        if hard_wrapped(block) {
            out.push(joined(block));
        } else {
            by_line(block, &mut out);
        }
    }
    out
}

/// The paragraphs of a block that is not hard-wrapped.
fn by_line(lines: &[String], out: &mut Vec<String>) {
    let mut current = String::new();
    for line in lines {
        let continues = !current.is_empty()
            && !ends_sentence(&current)
            && line.chars().next().is_some_and(|c| c.is_lowercase());
        if continues {
            current.push(' ');
            current.push_str(line);
        } else {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
}

/// Byte offsets where sentences of `text` start (after `. `, `! `, `? `
/// followed by an uppercase letter, digit or quote).
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…' | ';') {
            continue;
        }
        let Some(&(space_at, space)) = chars.peek() else {
            break;
        };
        if !space.is_whitespace() {
            continue;
        }
        let next = text[space_at..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace());
        if let Some((i, n)) = next {
            if n.is_uppercase() || n.is_numeric() || matches!(n, '"' | '“' | '„' | '(') {
                starts.push(space_at + i);
            }
        }
    }
    starts
}

/// Whether `text` holds more than `n` chars, counted only when its length
/// in bytes leaves it open: a char is one to four bytes. The cutting asks
/// this of every paragraph and of each passage as it grows, and counting
/// them all was 1% of an indexing run.
fn more_chars_than(text: &str, n: usize) -> bool {
    text.len() > n && (text.len() > 4 * n || text.chars().count() > n)
}

/// Splits a long paragraph at sentence ends into pieces of at most
/// [`MAX_PASSAGE_CHARS`] chars where the sentences allow.
fn split_long(paragraph: &str, out: &mut Vec<String>) {
    if !more_chars_than(paragraph, MAX_PASSAGE_CHARS) {
        out.push(paragraph.to_string());
        return;
    }
    let mut piece_start = 0;
    let mut last_cut = 0;
    for start in sentence_starts(paragraph)
        .into_iter()
        .chain([paragraph.len()])
    {
        if more_chars_than(&paragraph[piece_start..start], MAX_PASSAGE_CHARS)
            && last_cut > piece_start
        {
            out.push(paragraph[piece_start..last_cut].trim().to_string());
            piece_start = last_cut;
        }
        last_cut = start;
    }
    let rest = paragraph[piece_start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
}

/// Cuts a piece with no usable sentence end into chunks of about
/// [`MAX_PASSAGE_CHARS`], at spaces where there are any: a 10 MB line
/// becomes many passages rather than one.
fn cut_hard(piece: String, out: &mut Vec<String>) {
    if !more_chars_than(&piece, HARD_LIMIT_CHARS) {
        out.push(piece);
        return;
    }
    let mut rest = piece.as_str();
    while !rest.is_empty() {
        let limit = rest
            .char_indices()
            .nth(MAX_PASSAGE_CHARS)
            .map_or(rest.len(), |(i, _)| i);
        let cut = if limit == rest.len() {
            limit
        } else {
            rest[..limit]
                .rfind(char::is_whitespace)
                .filter(|&i| i > 0)
                .unwrap_or(limit)
        };
        let chunk = rest[..cut].trim();
        if !chunk.is_empty() {
            out.push(chunk.to_string());
        }
        rest = rest[cut..].trim_start();
    }
}

/// Cuts paragraphs into passages.
pub fn passages(paragraphs: &[String]) -> Vec<String> {
    cut(paragraphs).into_iter().map(|p| p.text).collect()
}

/// A passage and whether it is an aside (see [`super::aside`]).
#[derive(Debug, PartialEq)]
pub(crate) struct Cut {
    pub text: String,
    pub aside: bool,
}

/// Cuts paragraphs into passages: long ones split, tiny ones merged with a
/// neighbour, and each aside a passage of its own, never merged.
pub(crate) fn cut(paragraphs: &[String]) -> Vec<Cut> {
    let mut out: Vec<Cut> = Vec::new();
    let mut prose: Vec<&String> = Vec::new();
    for p in paragraphs {
        if super::aside::is_aside(p) {
            out.extend(prose_passages(&std::mem::take(&mut prose)));
            out.push(Cut {
                text: p.trim().to_string(),
                aside: true,
            });
        } else {
            prose.push(p);
        }
    }
    out.extend(prose_passages(&prose));
    out
}

/// Cuts a run of prose paragraphs into passages.
fn prose_passages(paragraphs: &[&String]) -> impl Iterator<Item = Cut> {
    let mut sentences = Vec::new();
    for p in paragraphs {
        split_long(p, &mut sentences);
    }
    let mut pieces = Vec::with_capacity(sentences.len());
    for piece in sentences {
        cut_hard(piece, &mut pieces);
    }
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    for piece in pieces {
        if pending.is_empty() {
            // Most pieces are a passage alone: moved, not copied.
            pending = piece;
        } else {
            pending.push('\n');
            pending.push_str(&piece);
        }
        if more_chars_than(&pending, MIN_PASSAGE_CHARS - 1) {
            out.push(std::mem::take(&mut pending));
        }
    }
    if !pending.is_empty() {
        match out.last_mut() {
            Some(last) => {
                last.push('\n');
                last.push_str(&pending);
            }
            None => out.push(pending),
        }
    }
    out.into_iter().map(|text| Cut { text, aside: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_chars_than_counts_chars_not_bytes() {
        for text in [
            "",
            "a",
            "ab",
            "ạ",
            "ạb",
            "ạạ",
            "𝔸",
            "𝔸𝔸",
            "a𝔸",
            "ạạạạ",
            "abcdefgh",
        ] {
            for n in 0..10 {
                let want = text.chars().count() > n;
                assert_eq!(more_chars_than(text, n), want, "{text:?} {n}");
            }
        }
    }

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    #[test]
    fn paragraphs_by_blank_lines_and_sentence_ends() {
        let got = paragraphs(&lines(
            "One sentence.\nNext paragraph starts\nhere, wrapped.\n\nThird.",
        ));
        assert_eq!(
            got,
            [
                "One sentence.",
                "Next paragraph starts here, wrapped.",
                "Third."
            ]
        );
    }

    #[test]
    fn tiny_fragments_merge_forward_and_at_the_end_backward() {
        let long = "x".repeat(90);
        let got = passages(&[
            "Y tế - Giáo dục".to_string(),
            long.clone(),
            long.clone(),
            "Phan Anh".to_string(),
        ]);
        assert_eq!(
            got,
            [
                format!("Y tế - Giáo dục\n{long}"),
                format!("{long}\nPhan Anh")
            ]
        );
    }

    #[test]
    fn long_paragraphs_split_at_sentence_ends() {
        let sentence = format!("{}. ", "Wort ".repeat(60).trim_end());
        let paragraph = sentence.repeat(8);
        let got = passages(&[paragraph.trim().to_string()]);
        assert!(got.len() >= 2, "{got:?}");
        for p in &got {
            assert!(p.chars().count() <= MAX_PASSAGE_CHARS, "{}", p.len());
            assert!(p.ends_with('.'));
        }
        assert_eq!(got.join(" "), paragraph.trim());
    }

    #[test]
    fn a_huge_line_is_cut_at_spaces_or_anywhere() {
        let words = "wort ".repeat(10_000);
        let got = passages(&[words.trim().to_string()]);
        assert_eq!(got.len(), 50);
        assert!(got
            .iter()
            .all(|p| p.chars().count() <= MAX_PASSAGE_CHARS && p.starts_with("wort")));
        let letters = "ệ".repeat(5_000);
        let got = passages(std::slice::from_ref(&letters));
        assert_eq!(got.len(), 5);
        assert_eq!(got.concat(), letters);
    }

    #[test]
    fn a_long_paragraph_without_sentence_ends_stays_whole() {
        let text = "a ".repeat(700);
        assert_eq!(
            passages(&[text.trim().to_string()]),
            [text.trim().to_string()]
        );
    }
}
