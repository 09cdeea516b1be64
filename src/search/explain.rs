//! Why a passage matched and how it ranked: the query words it holds and
//! in which form (exact, accent-folded, stemmed, compound part, reference),
//! the query words standing side by side in it, and the parts of its score
//! (see the ranking in [`crate::search`]).

use std::collections::HashSet;

use tantivy::tokenizer::Token;

use super::across::ACROSS_BONUS;
use super::hits::Hit;
use super::planner::run::{self, RUN_BONUS};
use super::planner::{Decided, OtherForm};
use super::planner::{ALL_WORDS_BONUS, FOLDED_SHARE, FULL_MATCH_FLOOR, PART_WEIGHT};
use super::scoring::ScoreTree;
use super::typed::TypedGrade;
use super::Results;
use crate::analysis::{refs, tokens, unmarked, Analyzers, View};

/// How a passage holds a query word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// As typed (case aside).
    Exact,
    /// With other accents or none.
    AccentFolded,
    /// Another form of the word (`Krankenhäuser` for `Krankenhaus`).
    Stemmed,
    /// Inside a compound (`Gesundheitsabkommen` for `Abkommen`).
    CompoundPart,
    /// A citation of the document the query names.
    Reference,
    /// Another form of the word: an abbreviation's expansion, a synonym,
    /// a Vietnamese name joined or split (see [`Explanation::others`]).
    Other,
}

impl Form {
    /// The form's name in explanations.
    pub fn name(self) -> &'static str {
        match self {
            Form::Exact => "exact",
            Form::AccentFolded => "accent-folded",
            Form::Stemmed => "stemmed",
            Form::CompoundPart => "compound part",
            Form::Reference => "reference",
            Form::Other => "other form",
        }
    }
}

/// One query word and how the passage holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct WordMatch {
    /// The word as typed.
    pub word: String,
    /// The passage's words that match it, with their form; empty when the
    /// passage lacks it.
    pub found: Vec<(String, Form)>,
}

/// Why a hit matched and how it ranked.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The positive query words, in order.
    pub words: Vec<WordMatch>,
    /// Adjacent query words found side by side in the passage.
    pub adjacent: Vec<(String, String)>,
    /// The all-words bonus: 0, or 900 to 1000 by the words typed with
    /// Vietnamese marks that the passage holds as typed, or, in a German
    /// or Indonesian passage, by the words it holds as typed (`typed`).
    pub all_words: f32,
    /// For a German or Indonesian passage holding every word: how many of
    /// the words it holds as typed, which graded its all-words bonus.
    pub typed: Option<TypedGrade>,
    /// The share of the side-by-side bonus the passage earned.
    pub adjacency: f32,
    /// The share of the run bonus the passage earned: for holding a run
    /// of three or more query words one after another.
    pub run: f32,
    /// What the passage earned for its article holding every query word
    /// across its passages when the passage does not: 0 or 150.
    pub across: f32,
    /// The rest of the score: BM25 over the views.
    pub bm25: f32,
    /// The passage is an aside (a caption or credit line): the bonuses and
    /// BM25 above are what it would score as prose, and its score keeps
    /// [`ASIDE_WEIGHT`](crate::ASIDE_WEIGHT) of them within its tier.
    pub aside: bool,
    /// The other forms of the query's words that the passage holds.
    pub others: Vec<OtherForm>,
    /// tantivy's own account of the passage's lexical score (BM25 per
    /// term and view, the bonuses' queries and their boosts), when the
    /// search was asked to explain.
    pub scoring: Option<ScoreTree>,
}

/// A passage's tokens in one view, with whether each is a compound part
/// (a later token at the same position as the one before).
fn passage_tokens(view: View, text: &str, analyzers: &mut Analyzers) -> Vec<(Token, bool)> {
    let mut last = None;
    tokens(analyzers.get(view), text)
        .into_iter()
        .map(|t| {
            let part = last == Some(t.position);
            last = Some(t.position);
            (t, part)
        })
        .collect()
}

/// The terms `word` analyses to in `view`.
fn terms(view: View, word: &str, analyzers: &mut Analyzers) -> HashSet<String> {
    tokens(analyzers.get(view), word)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// The form in which `surface` in the passage matches the typed `word`.
fn form(word: &str, surface: &str, part: bool, analyzers: &mut Analyzers) -> Form {
    if part {
        return Form::CompoundPart;
    }
    // As typed: the exact view's form, so case, composition and tone
    // placement aside (`hoà` is `hòa`).
    let exact = |w: &str, a: &mut Analyzers| terms(View::Exact, w, a);
    if exact(word, analyzers) == exact(surface, analyzers) {
        return Form::Exact;
    }
    let folded = |w: &str, a: &mut Analyzers| terms(View::Folded, w, a);
    if folded(word, analyzers) == folded(surface, analyzers) {
        Form::AccentFolded
    } else {
        Form::Stemmed
    }
}

/// Gives each of `hits`, ranked at `ranked`, tantivy's account of its
/// score by `query`.
pub(crate) fn score_hits(
    query: &dyn tantivy::query::Query,
    searcher: &tantivy::Searcher,
    ranked: &[(f32, tantivy::DocAddress)],
    hits: &mut [Hit],
) {
    for (hit, &(_, addr)) in hits.iter_mut().zip(ranked) {
        hit.scoring = ScoreTree::of(query, searcher, addr);
    }
}

/// Explains every hit of `results`, in order (see [`explain`]).
pub(crate) fn explain_hits(decided: &Decided, results: &Results) -> Vec<Explanation> {
    (results.hits.iter())
        .map(|hit| explain(decided, results, hit))
        .collect()
}

/// Explains `hit`, one of `results`, from what the planner `decided`
/// about the query: the words, pairs and runs it searched and rewards, the
/// documents named, and (in `results`) what its bonuses grade and the other
/// forms it searched. The passage is read again to show which of its words
/// matched; the parts of the score come from the plan's own weights, and
/// [`Explanation::scoring`] is tantivy's account of the lexical score.
pub(crate) fn explain(decided: &Decided, results: &Results, hit: &Hit) -> Explanation {
    let mut analyzers = Analyzers::default();
    let views = View::indexed_for(hit.meta.lang);
    let streams: Vec<(View, Vec<(Token, bool)>)> = views
        .iter()
        .map(|&v| (v, passage_tokens(v, &hit.text, &mut analyzers)))
        .collect();
    let cited: Vec<refs::Reference> = refs::extract_in(&hit.text, hit.meta.lang);
    let cited_named: Vec<&refs::Reference> = cited
        .iter()
        .filter(|c| decided.named.contains(&c.key))
        .collect();
    let held: Vec<(&OtherForm, String)> = results
        .others
        .iter()
        .filter_map(|o| Some((o, held(&o.form, &hit.text, &streams, &mut analyzers)?)))
        .collect();
    let words: Vec<WordMatch> = (decided.words.iter())
        .map(|word| {
            let mut m = word_match(word, &hit.text, &streams, &cited_named, &mut analyzers);
            add_other_forms(&mut m, &held);
            m
        })
        .collect();
    let others = held.into_iter().map(|(o, _)| o.clone()).collect();
    let (adjacent, adjacency) = adjacency(decided, results, &streams, &mut analyzers);
    // An aside's bonuses and BM25 are told as prose, before its weight.
    let score = if hit.aside {
        super::aside::undo(hit.score)
    } else {
        hit.score
    };
    let all_words = match hit.typed {
        // A German or Indonesian passage graded by the words it holds as
        // typed, by the ranking itself.
        Some(grade) if score >= FULL_MATCH_FLOOR => ALL_WORDS_BONUS - grade.shortfall(),
        _ => all_words_bonus(score, &results.graded.words, &words),
    };
    let across = if hit.across { ACROSS_BONUS } else { 0.0 };
    let runs = (&decided.runs[..], &results.graded.runs[..]);
    let run = run_bonus(runs, &hit.text, &streams, &mut analyzers);
    Explanation {
        words,
        adjacent,
        all_words,
        typed: hit.typed.filter(|_| all_words > 0.0),
        adjacency,
        run,
        across,
        bm25: (score - all_words - adjacency - run - across).max(0.0),
        aside: hit.aside,
        others,
        scoring: hit.scoring.clone(),
    }
}

/// The decided pairs standing side by side in the passage, and the share
/// of the side-by-side bonus they earned.
fn adjacency(
    decided: &Decided,
    results: &Results,
    streams: &[(View, Vec<(Token, bool)>)],
    analyzers: &mut Analyzers,
) -> (Vec<(String, String)>, f32) {
    let shares = &results.graded.pair_shares;
    let mut earned = 0.0;
    let adjacent = (decided.pairs.iter().enumerate())
        .filter_map(|(i, (a, b))| {
            let graded = results.graded.pairs.iter().any(|p| p.0 == *a && p.1 == *b);
            let share = shares.get(i).copied().unwrap_or(0.0);
            earned += share * side_by_side(a, b, graded, streams, analyzers)?;
            Some((a.clone(), b.clone()))
        })
        .collect();
    (adjacent, earned)
}

/// The all-words bonus a passage scoring `score` earned: none below the
/// floor of a full match; above it, the floor and the share of each
/// `graded` word (typed with Vietnamese marks) that `words` hold as typed
/// or through the reference they name.
fn all_words_bonus(score: f32, graded: &[String], words: &[WordMatch]) -> f32 {
    if score < FULL_MATCH_FLOOR {
        return 0.0;
    }
    if graded.is_empty() {
        return ALL_WORDS_BONUS;
    }
    let as_typed = |g: &String| {
        words
            .iter()
            .filter(|m| g.split_whitespace().any(|w| w == m.word))
            .all(|m| (m.found.iter()).any(|(_, f)| matches!(f, Form::Exact | Form::Reference)))
    };
    let held = graded.iter().filter(|g| as_typed(g)).count();
    let share = (ALL_WORDS_BONUS - FULL_MATCH_FLOOR) / graded.len() as f32;
    FULL_MATCH_FLOOR + share * held as f32
}

/// The run bonus the passage `text` earned: each run's share, whole where
/// it holds the run as typed (a `graded` run, typed with Vietnamese marks,
/// in the exact view) or as a phrase in any view ([`FOLDED_SHARE`] of it
/// for a graded run), the weight of a part through compounds (the
/// planner's readings of the run).
fn run_bonus(
    (runs, graded): (&[Vec<String>], &[String]),
    text: &str,
    streams: &[(View, Vec<(Token, bool)>)],
    analyzers: &mut Analyzers,
) -> f32 {
    let mut earned = 0.0;
    for r in runs {
        let phrase = r.join(" ");
        let graded = graded.contains(&phrase);
        let exact = streams.iter().position(|(v, _)| *v == View::Exact);
        let as_typed =
            exact.is_some_and(|i| held(&phrase, text, &streams[i..=i], analyzers).is_some());
        earned += if graded && as_typed {
            1.0
        } else if held(&phrase, text, streams, analyzers).is_some() {
            if graded {
                FOLDED_SHARE
            } else {
                1.0
            }
        } else if reads_through_compounds(r, streams, analyzers) {
            PART_WEIGHT
        } else {
            0.0
        };
    }
    if runs.is_empty() {
        0.0
    } else {
        RUN_BONUS * earned / runs.len() as f32
    }
}

/// Whether the view of the passage that splits compounds holds one of the
/// readings of `run` through them.
fn reads_through_compounds(
    run: &[String],
    streams: &[(View, Vec<(Token, bool)>)],
    analyzers: &mut Analyzers,
) -> bool {
    let Some((view, stream)) = streams.iter().find(|(v, _)| v.decompounds()) else {
        return false;
    };
    let Some(words) = run
        .iter()
        .map(|w| run::compound_word(*view, w, analyzers))
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    let at: HashSet<(usize, &str)> = stream
        .iter()
        .map(|(t, _)| (t.position, t.text.as_str()))
        .collect();
    run::compound_readings(&words).iter().any(|reading| {
        stream.iter().any(|(t, _)| {
            (reading.iter()).all(|(off, term)| at.contains(&(t.position + off, term.as_str())))
        })
    })
}

/// Adds to `m` the other forms of its word that the passage holds.
fn add_other_forms(m: &mut WordMatch, held: &[(&OtherForm, String)]) {
    let of_word = held
        .iter()
        .filter(|(o, _)| o.typed.split(' ').any(|w| w == m.word));
    for (_, surface) in of_word {
        if !m.found.iter().any(|(s, _)| s == surface) {
            m.found.push((surface.clone(), Form::Other));
        }
    }
}

/// Where some view of the passage `text` holds the words of `form` one
/// after another: the passage's words there.
fn held(
    form: &str,
    text: &str,
    streams: &[(View, Vec<(Token, bool)>)],
    analyzers: &mut Analyzers,
) -> Option<String> {
    streams.iter().find_map(|(view, stream)| {
        // The words of `form`, not the parts of a compound among them.
        let mut last = None;
        let wanted: Vec<String> = tokens(analyzers.get(*view), form)
            .into_iter()
            .filter(|t| last.replace(t.position) != Some(t.position))
            .map(|t| t.text)
            .collect();
        let words: Vec<&Token> = stream
            .iter()
            .filter(|(_, part)| !part)
            .map(|(t, _)| t)
            .collect();
        let at = words.windows(wanted.len().max(1)).find(|w| {
            !wanted.is_empty() && w.iter().zip(&wanted).all(|(t, want)| t.text == *want)
        })?;
        Some(text[at[0].offset_from..at[at.len() - 1].offset_to].to_string())
    })
}

/// How the passage `text` (analysed into `streams`) holds the query word
/// `word`; `cited` are the references it cites that the query names.
fn word_match(
    word: &str,
    text: &str,
    streams: &[(View, Vec<(Token, bool)>)],
    cited: &[&refs::Reference],
    analyzers: &mut Analyzers,
) -> WordMatch {
    let mut found: Vec<(String, Form)> = Vec::new();
    for (view, stream) in streams {
        let wanted = terms(*view, word, analyzers);
        for (token, part) in stream
            .iter()
            .filter(|(t, _)| wanted.contains(unmarked(&t.text)))
        {
            let surface = text[token.offset_from..token.offset_to].to_string();
            let form = form(word, &surface, *part, analyzers);
            let lower = surface.to_lowercase();
            if !found.iter().any(|(s, _)| s.to_lowercase() == lower) {
                found.push((surface, form));
            }
        }
    }
    if refs::is_reference_word(word) || found.is_empty() {
        for r in cited {
            if !found.iter().any(|(s, _)| *s == r.display) {
                found.push((r.display.clone(), Form::Reference));
            }
        }
    }
    WordMatch {
        word: word.to_string(),
        found,
    }
}

/// What `a` and `b` standing side by side in some view of the passage
/// earn, as a share of a pair's bonus: 1 written side by side (for a
/// `graded` pair, typed with Vietnamese marks: as typed, and
/// [`FOLDED_SHARE`] with other marks), the weight of a part through a
/// compound (the planner's `compound_pair`), `None` when they do not stand
/// together.
fn side_by_side(
    a: &str,
    b: &str,
    graded: bool,
    streams: &[(View, Vec<(Token, bool)>)],
    analyzers: &mut Analyzers,
) -> Option<f32> {
    let mut best: Option<f32> = None;
    for (view, stream) in streams {
        let (ta, tb) = (terms(*view, a, analyzers), terms(*view, b, analyzers));
        // Positions of `a`, as a word (false) or a compound's part (true).
        let at: HashSet<(usize, bool)> = stream
            .iter()
            .filter(|(t, _)| ta.contains(unmarked(&t.text)))
            .map(|(t, part)| (t.position, *part))
            .collect();
        for (t, part) in stream
            .iter()
            .filter(|(t, _)| tb.contains(unmarked(&t.text)))
        {
            let p = t.position;
            let after = |as_part| p > 0 && at.contains(&(p - 1, as_part));
            let joined = *part && at.contains(&(p, true)) && !ta.contains(unmarked(&t.text));
            let weight = if after(false) && !part {
                if graded && *view != View::Exact {
                    FOLDED_SHARE
                } else {
                    1.0
                }
            } else if after(false) || after(true) || joined {
                PART_WEIGHT
            } else {
                continue;
            };
            best = Some(best.map_or(weight, |b: f32| b.max(weight)));
        }
    }
    best
}
