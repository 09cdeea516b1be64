//! A hit's explanation as text: the words it holds and in which form,
//! the pairs side by side, the forms searched besides, and its score's
//! parts.

use std::io::{self, Write};

use super::{Explanation, Hit, Layout};
use crate::search::{ScoreTree, ASIDE_WEIGHT};

/// Why a hit matched: each query word and the passage's words matching
/// it with their form; the words side by side; the parts of the score.
pub(super) fn write_explanation(
    out: &mut dyn Write,
    hit: &Hit,
    e: &Explanation,
    layout: Layout,
) -> io::Result<()> {
    if hit.by_meaning {
        let similarity = hit.similarity.unwrap_or(0.0);
        let line = format!("semantic, similarity {similarity:.2} (none of the words)");
        return layout.block(out, "    found by: ", &line);
    }
    if let Some(similarity) = hit.similarity {
        let line = format!("words, and by meaning: similarity {similarity:.2}");
        layout.block(out, "    found by: ", &line)?;
    }
    let words: Vec<String> = e
        .words
        .iter()
        .map(|w| match w.found.as_slice() {
            [] => format!("{}: missing", w.word),
            found => {
                let forms: Vec<String> = found
                    .iter()
                    .map(|(surface, form)| format!("{surface} ({})", form.name()))
                    .collect();
                format!("{}: {}", w.word, forms.join(", "))
            }
        })
        .collect();
    layout.block(out, "    matched: ", &words.join("; "))?;
    if !e.others.is_empty() {
        let others: Vec<String> = e
            .others
            .iter()
            .map(|o| format!("{} for {} ({})", o.form, o.typed, o.why))
            .collect();
        layout.block(out, "    other forms: ", &others.join("; "))?;
    }
    if !e.adjacent.is_empty() {
        let pairs: Vec<String> = e.adjacent.iter().map(|(a, b)| format!("{a} {b}")).collect();
        layout.block(out, "    side by side: ", &pairs.join("; "))?;
    }
    let run = if e.run > 0.0 {
        format!(" + in one run {:.0}", e.run)
    } else {
        String::new()
    };
    let all_words = if e.across > 0.0 {
        format!("all words across the article {:.0}", e.across)
    } else if let Some(t) = e.typed.filter(|t| t.held < t.of) {
        format!(
            "all words {:.0} ({} of {} as typed)",
            e.all_words, t.held, t.of
        )
    } else {
        format!("all words {:.0}", e.all_words)
    };
    let parts = format!(
        "{all_words} + side by side {:.0}{run} + BM25 {:.1}",
        e.adjacency, e.bm25
    );
    let score = if e.aside {
        let prose = e.all_words + e.across + e.adjacency + e.run + e.bm25;
        format!(
            "{:.1}, a caption or credit line, weighed {ASIDE_WEIGHT} in its tier; as prose {prose:.1} = {parts}",
            hit.score
        )
    } else {
        format!("{:.1} = {parts}", hit.score)
    };
    layout.block(out, "    score: ", &score)?;
    if let Some(tree) = &e.scoring {
        writeln!(out, "    tantivy's account of the words' score:")?;
        write_tree(out, tree, 0)?;
    }
    Ok(())
}

/// `tree` one node a line, each part indented under what it makes up,
/// down to each term's BM25 (its constants, idf and length norm, are in
/// `--json`).
fn write_tree(out: &mut dyn Write, tree: &ScoreTree, depth: usize) -> io::Result<()> {
    let indent = "  ".repeat(depth + 3);
    writeln!(
        out,
        "{indent}{:.2} {}",
        tree.value,
        super::safe(&tree.what, false)
    )?;
    if !tree.what.starts_with("TermQuery") {
        for part in &tree.parts {
            write_tree(out, part, depth + 1)?;
        }
    }
    Ok(())
}
