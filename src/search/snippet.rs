//! Highlights and snippets. A passage is re-analysed with the views a hit can
//! match through; every token whose term the query asked for marks its
//! offsets. Filters never move offsets, so the marks land on the original
//! words, whatever folding, stemming or decompounding made them match.

use crate::analysis::{self, Analyzers, View};
use crate::model::Lang;

use super::terms::QueryTerms;

/// Snippets are cut to about this many chars.
pub(crate) const SNIPPET_CHARS: usize = 240;

/// Byte ranges of `text` to highlight for `terms`, sorted and merged.
pub fn highlight_ranges(
    text: &str,
    lang: Option<Lang>,
    terms: &QueryTerms,
    analyzers: &mut Analyzers,
) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let views = View::indexed_for(lang);
    // The exact view comes before the folded one.
    let mut exact = None;
    for &view in views.iter().filter(|&&v| terms.has_view(v)) {
        let tokens = analysis::tokens(analyzers.get(view), text);
        for token in &tokens {
            if terms.contains(view, analysis::unmarked(&token.text)) {
                ranges.push((token.offset_from, token.offset_to));
            }
        }
        let words = by_position(&tokens);
        for phrase in terms.phrases(view) {
            phrase_ranges(&words, phrase, &mut ranges);
        }
        match (view, &exact) {
            (View::Exact, _) => exact = Some(tokens),
            (View::Folded, Some(exact)) => {
                let outdone = outdone_by_typed(exact, &tokens, terms);
                ranges.retain(|r| !outdone.contains(&r.0));
            }
            _ => {}
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// Where a passage (its `exact` and `folded` tokens) holds a word typed
/// with Vietnamese marks as typed, the starts of the words that match it
/// only with other marks (`Đừng` for `đúng`): they are not marked.
/// Elsewhere a folded match is all there is, and is marked.
fn outdone_by_typed(
    exact: &[tantivy::tokenizer::Token],
    folded: &[tantivy::tokenizer::Token],
    terms: &QueryTerms,
) -> std::collections::HashSet<usize> {
    let typed: std::collections::HashSet<&str> = terms
        .of(View::Exact)
        .chain(terms.phrases(View::Exact).flatten())
        .map(String::as_str)
        .filter(|t| !t.is_ascii())
        .collect();
    if typed.is_empty() {
        return Default::default();
    }
    // The two views cut the same words: their tokens meet by offset.
    let exact: std::collections::HashMap<usize, &str> = exact
        .iter()
        .map(|t| (t.offset_from, t.text.as_str()))
        .collect();
    let as_typed = |at: usize| exact.get(&at).is_some_and(|e| typed.contains(e));
    // The folded forms of the typed words the passage holds as typed.
    let held: std::collections::HashSet<&str> = folded
        .iter()
        .filter(|f| as_typed(f.offset_from))
        .map(|f| f.text.as_str())
        .collect();
    folded
        .iter()
        .filter(|f| held.contains(f.text.as_str()) && !as_typed(f.offset_from))
        .map(|f| f.offset_from)
        .collect()
}

/// The tokens of a passage grouped by position: a word, then the parts of
/// a compound at its position.
fn by_position(tokens: &[tantivy::tokenizer::Token]) -> Vec<&[tantivy::tokenizer::Token]> {
    tokens.chunk_by(|a, b| a.position == b.position).collect()
}

/// The ranges of the words of `phrase` wherever they stand together, in
/// order, in `words`.
fn phrase_ranges(
    words: &[&[tantivy::tokenizer::Token]],
    phrase: &[String],
    ranges: &mut Vec<(usize, usize)>,
) {
    if phrase.is_empty() || words.len() < phrase.len() {
        return;
    }
    for start in 0..=words.len() - phrase.len() {
        let run = &words[start..start + phrase.len()];
        let first = run[0][0].position;
        let holds = run.iter().zip(phrase).enumerate().all(|(k, (word, term))| {
            word[0].position == first + k
                && word.iter().any(|t| analysis::unmarked(&t.text) == term)
        });
        if holds {
            ranges.extend(run.iter().map(|w| (w[0].offset_from, w[0].offset_to)));
        }
    }
}

/// A piece of a passage with highlight byte ranges into it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snippet {
    /// The text shown, with `…` where the passage was cut.
    pub text: String,
    /// Byte ranges into `text`.
    pub highlights: Vec<(usize, usize)>,
}

const ELLIPSIS: &str = "…";
/// Context kept before the first highlight of a window.
const LEAD_CHARS: usize = 60;

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The window of at most `max_chars` chars of `text` holding the most
/// highlights, cut at word boundaries.
pub fn snippet(text: &str, ranges: &[(usize, usize)], max_chars: usize) -> Snippet {
    let flat = |s: &str| s.replace('\n', " ");
    if text.chars().count() <= max_chars {
        return Snippet {
            text: flat(text),
            highlights: ranges.to_vec(),
        };
    }
    // Window byte length, approximated from the average char width.
    let avg = text.len() as f64 / text.chars().count() as f64;
    let window = (max_chars as f64 * avg) as usize;
    let lead = (LEAD_CHARS as f64 * avg) as usize;
    let mut best = (0usize, 0usize);
    for (i, &(from, _)) in ranges.iter().enumerate() {
        let start = from.saturating_sub(lead);
        let count = ranges[i..]
            .iter()
            .take_while(|r| r.1 <= start + window)
            .count();
        if count > best.1 {
            best = (start, count);
        }
    }
    let mut start = floor_boundary(text, best.0);
    if start > 0 {
        start = text[..start]
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1);
    }
    let mut end = floor_boundary(text, (start + window).min(text.len()));
    if end < text.len() {
        end = text[..end]
            .rfind(char::is_whitespace)
            .filter(|&i| i > start)
            .unwrap_or(end);
    }
    let body = text[start..end].trim_end();
    let end = start + body.len();
    let prefix = if start > 0 { ELLIPSIS } else { "" };
    let suffix = if end < text.len() { ELLIPSIS } else { "" };
    let shift = prefix.len();
    let highlights = ranges
        .iter()
        .filter(|r| r.0 >= start && r.1 <= end)
        .map(|r| (r.0 - start + shift, r.1 - start + shift))
        .collect();
    Snippet {
        text: format!("{prefix}{}{suffix}", flat(body)),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        let mut last = 0;
        for &(a, b) in &s.highlights {
            out.push_str(&s.text[last..a]);
            out.push('[');
            out.push_str(&s.text[a..b]);
            out.push(']');
            last = b;
        }
        out.push_str(&s.text[last..]);
        out
    }

    fn terms(view: View, words: &[&str]) -> QueryTerms {
        let mut t = QueryTerms::default();
        for w in words {
            t.add(view, w);
        }
        t
    }

    #[test]
    fn folded_terms_mark_accented_words() {
        let text = "Ông cho biết Nghị quyết 72 của Bộ Chính trị";
        let t = terms(View::Folded, &["nghi", "quyet", "72"]);
        let r = highlight_ranges(text, Some(Lang::VI), &t, &mut Analyzers::default());
        assert_eq!(
            marked(&snippet(text, &r, 300)),
            "Ông cho biết [Nghị] [quyết] [72] của Bộ Chính trị"
        );
    }

    #[test]
    fn stems_and_compound_parts_mark_the_whole_word() {
        let text = "die Unterzeichnung des Gesundheitskooperationsabkommens";
        let t = terms(View::GERMAN, &["abkomm"]);
        let r = highlight_ranges(text, Some(Lang::DE), &t, &mut Analyzers::default());
        assert_eq!(
            marked(&snippet(text, &r, 300)),
            "die Unterzeichnung des [Gesundheitskooperationsabkommens]"
        );
        let text = "demi tujuan bersama dalam melindungi, merawat, dan meningkatkan";
        let t = terms(View::INDONESIAN, &["rawat"]);
        let r = highlight_ranges(text, Some(Lang::ID), &t, &mut Analyzers::default());
        assert_eq!(
            marked(&snippet(text, &r, 300)),
            "demi tujuan bersama dalam melindungi, [merawat], dan meningkatkan"
        );
    }

    #[test]
    fn shared_field_terms_mark_whichever_view_asked_for_them() {
        // A German passage is indexed in the German view only, in the shared
        // field: a term the folded view of the query produced matches it
        // there, an exact-view term cannot.
        let text = "Genossin Nguyen Thuy Anh sprach";
        let t = terms(View::Folded, &["thuy"]);
        let r = highlight_ranges(text, Some(Lang::DE), &t, &mut Analyzers::default());
        assert_eq!(
            marked(&snippet(text, &r, 300)),
            "Genossin Nguyen [Thuy] Anh sprach"
        );
        let t = terms(View::Exact, &["thuy"]);
        let r = highlight_ranges(text, Some(Lang::DE), &t, &mut Analyzers::default());
        assert!(r.is_empty());
    }

    #[test]
    fn folded_matches_are_marked_only_where_the_word_typed_is_not() {
        let text = "Đừng hạn chế họ: nộp đúng hạn.";
        let mut t = terms(View::Exact, &["đúng", "hạn"]);
        t.add(View::Folded, "dung");
        t.add(View::Folded, "han");
        let r = highlight_ranges(text, Some(Lang::VI), &t, &mut Analyzers::default());
        assert_eq!(
            marked(&snippet(text, &r, 300)),
            "Đừng [hạn] chế họ: nộp [đúng] [hạn]."
        );
        // Without `đúng` as typed, `Đừng` is the best the passage has.
        let text = "Đừng hạn chế họ.";
        let r = highlight_ranges(text, Some(Lang::VI), &t, &mut Analyzers::default());
        assert_eq!(marked(&snippet(text, &r, 300)), "[Đừng] [hạn] chế họ.");
    }

    #[test]
    fn long_passages_are_cut_around_the_matches() {
        let text = format!(
            "{} Resolusi No. 72-NQ/TW berlaku. {}",
            "awal kata ".repeat(40),
            "akhir kata ".repeat(40)
        );
        let t = terms(View::INDONESIAN, &["72"]);
        let r = highlight_ranges(&text, Some(Lang::ID), &t, &mut Analyzers::default());
        let s = snippet(&text, &r, 120);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= 122);
        assert_eq!(s.highlights.len(), 1);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "72");
    }
}
