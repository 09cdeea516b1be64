//! Other forms of what the user typed, for the planner: each word or
//! phrase is also searched in its synonyms (CLDR's country names, the
//! user's files, the abbreviations the indexed texts define) and, for
//! Vietnamese names, its syllables joined or split; runs of words that form one (`TP HCM`,
//! `Việt Nam`) are taken together. Other forms weigh less than the typed
//! one and search the folded and stemmed views only.

use tantivy::query::{BooleanQuery, BoostQuery, Occur as TOccur, Query};

use super::{boxed, Planner, Scored};
use crate::analysis::{Analyzers, View};
use crate::search::names;
use crate::search::query::limits::{MAX_FORM_WORDS, MAX_OTHER_FORMS};
use crate::search::query::{Clause, Node, Occur};
use crate::search::synonyms::folded_words;
use crate::search::terms::QueryTerms;

/// Weight of another form of a query word (a synonym, an abbreviation's
/// expansion, a name joined or split) against the typed form, per word:
/// the typed form ranks first when the rest is equal.
pub(crate) const OTHER_FORM_WEIGHT: f32 = 0.7;

/// The longest run of typed words looked up among the long forms the
/// indexed texts define (`Anggaran Pendapatan dan Belanja Negara`).
const DEFINED_RUN_WORDS: usize = 6;

/// Another form a query word was searched in.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherForm {
    /// The words as typed.
    pub typed: String,
    /// The other form.
    pub form: String,
    /// Where it comes from: the synonyms' origin or the name rule.
    pub why: String,
}

/// A clause, or a run of word clauses that is a form with other forms
/// (`TP HCM`, `Việt Nam`).
pub(super) enum Piece<'c> {
    One(&'c Clause),
    Run {
        occur: Occur,
        words: Vec<&'c str>,
        others: Vec<(String, String)>,
    },
}

impl Planner<'_> {
    /// The synonyms of `text`, then the forms the indexed texts define for
    /// it, each with where it comes from. A defined form of the same words
    /// as the typed one or a synonym is left to [`Planner::with_others`],
    /// which searches each sequence of words once; a short form's own
    /// spelling (`TP.HCM` for `TPHCM`) always comes with its long form, so
    /// it never makes a run of words on its own.
    fn synonyms_of(&self, text: &str, analyzers: &mut Analyzers) -> Vec<(String, String)> {
        let synonyms = self.synonyms.of(text, analyzers).into_iter();
        let mut out: Vec<(String, String)> = synonyms
            .map(|(form, origin)| (form.to_string(), origin.to_string()))
            .collect();
        let defined = self.freqs.map(|f| f.defined(self.fields.defines, text));
        out.extend(defined.into_iter().flatten().map(|(form, passages)| {
            let why = match passages {
                1 => "defined in 1 passage".to_string(),
                n => format!("defined in {n} passages"),
            };
            (form, why)
        }));
        out
    }

    /// The other forms of a typed word or phrase, with where each comes
    /// from: its synonyms, and the syllables of a joined Vietnamese name.
    fn other_forms(&self, text: &str, analyzers: &mut Analyzers) -> Vec<(String, String)> {
        let mut out = self.synonyms_of(text, analyzers);
        if let [word] = folded_words(text, analyzers).as_slice() {
            for parts in names::splits(word) {
                out.push((parts.join(" "), "a Vietnamese name in syllables".into()));
            }
        }
        out
    }

    /// `typed` or any of the `others` forms of `text`, each other form
    /// weighing [`OTHER_FORM_WEIGHT`] per word of the typed form.
    fn with_others(
        &self,
        typed: Option<Box<dyn Query>>,
        text: &str,
        others: Vec<(String, String)>,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        if others.is_empty() {
            return typed;
        }
        let words = |t: &[String]| t.len().max(1) as f32;
        // The user typed none of the other form's accents: the exact
        // view's extra weight is the typed form's.
        let views: Vec<View> = views
            .iter()
            .copied()
            .filter(|v| *v != View::Exact)
            .collect();
        let mut alts: Vec<Scored> = typed.into_iter().map(|q| (TOccur::Should, q)).collect();
        // Each sequence of folded words once (`Việt Nam` from CLDR and
        // from the name rule).
        let typed_words = folded_words(text, analyzers);
        let mut seen = vec![typed_words.clone()];
        for (form, why) in others {
            let folded = folded_words(&form, analyzers);
            if seen.contains(&folded) || folded.len() > MAX_FORM_WORDS {
                continue;
            }
            if seen.len() > MAX_OTHER_FORMS {
                break;
            }
            let weight = OTHER_FORM_WEIGHT * words(&typed_words) / words(&folded);
            seen.push(folded);
            let Some(q) = self.text_query(&form, &views, analyzers, terms) else {
                continue;
            };
            alts.push((TOccur::Should, boxed(BoostQuery::new(q, weight))));
            self.others.borrow_mut().push(OtherForm {
                typed: text.to_string(),
                form,
                why,
            });
        }
        (!alts.is_empty()).then(|| boxed(BooleanQuery::new(alts)))
    }

    /// A word or phrase as typed, or in its other forms.
    pub(super) fn word_query(
        &self,
        text: &str,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let typed = self.text_query(text, views, analyzers, terms);
        let others = self.other_forms(text, analyzers);
        self.with_others(typed, text, others, views, analyzers, terms)
    }

    /// The clauses, with runs of words that form a name or abbreviation
    /// with other forms (`TP HCM`, `Ủy ban nhân dân`, `Việt Nam`) taken
    /// together; longest runs first.
    pub(super) fn pieces<'c>(
        &self,
        clauses: &'c [Clause],
        analyzers: &mut Analyzers,
    ) -> Vec<Piece<'c>> {
        let defined = if self.freqs.is_some() {
            DEFINED_RUN_WORDS
        } else {
            3
        };
        let longest = self.synonyms.longest().max(defined);
        let mut out = Vec::new();
        let mut i = 0;
        while i < clauses.len() {
            let run = (2..=longest.min(clauses.len() - i))
                .rev()
                .find_map(|len| self.run(&clauses[i..i + len], analyzers));
            match run {
                Some((len, piece)) => {
                    out.push(piece);
                    i += len;
                }
                None => {
                    out.push(Piece::One(&clauses[i]));
                    i += 1;
                }
            }
        }
        out
    }

    /// `clauses` as one run, when they are words of one positive
    /// occurrence whose text has other forms.
    fn run<'c>(
        &self,
        clauses: &'c [Clause],
        analyzers: &mut Analyzers,
    ) -> Option<(usize, Piece<'c>)> {
        let occur = clauses[0].occur;
        let words: Vec<&str> = clauses
            .iter()
            .map(|c| match &c.node {
                Node::Word(w) if c.occur == occur && occur != Occur::MustNot => Some(w.as_str()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let text = words.join(" ");
        let mut others = self.synonyms_of(&text, analyzers);
        let folded: Vec<String> = words
            .iter()
            .map(|w| folded_words(w, analyzers).concat())
            .collect();
        if let Some(name) = names::joined(&words, &folded) {
            others.push((name, "a Vietnamese name joined".into()));
        }
        (!others.is_empty()).then(|| {
            let piece = Piece::Run {
                occur,
                words,
                others,
            };
            (clauses.len(), piece)
        })
    }

    /// A run of words: all of them, as typed, or one of their other forms.
    pub(super) fn run_query(
        &self,
        words: &[&str],
        others: Vec<(String, String)>,
        views: &[View],
        analyzers: &mut Analyzers,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let all: Vec<Scored> = words
            .iter()
            .filter_map(|w| self.text_query(w, views, analyzers, terms))
            .map(|q| (TOccur::Must, q))
            .collect();
        let typed = (!all.is_empty()).then(|| boxed(BooleanQuery::new(all)));
        self.with_others(typed, &words.join(" "), others, views, analyzers, terms)
    }
}
