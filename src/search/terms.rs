//! The terms a query asked each view for, as the planner produced them;
//! snippets and the article reader mark the passage words that analyse to
//! one of them, and the words of a phrase only where they stand together.

use std::collections::{HashMap, HashSet};

use crate::analysis::View;

/// Terms of a query per view, as the analyzers produced them.
#[derive(Clone, Debug, Default)]
pub struct QueryTerms {
    by_view: HashMap<View, HashSet<String>>,
    /// Phrases (and words that analyse into several, `TP.HCM`): their
    /// terms in order, per view.
    phrases: HashMap<View, Vec<Vec<String>>>,
    /// Beginnings of words (`Deb*`), per view.
    prefixes: HashMap<View, HashSet<String>>,
}

impl QueryTerms {
    /// Records a term of a view.
    pub fn add(&mut self, view: View, term: &str) {
        self.by_view
            .entry(view)
            .or_default()
            .insert(term.to_string());
    }

    /// Records a beginning of words of a view (`deb` of `Deb*`).
    pub fn add_prefix(&mut self, view: View, start: &str) {
        self.prefixes
            .entry(view)
            .or_default()
            .insert(start.to_string());
    }

    /// Records a phrase of a view: terms that must stand in this order.
    pub fn add_phrase(&mut self, view: View, terms: Vec<String>) {
        let phrases = self.phrases.entry(view).or_default();
        if !phrases.contains(&terms) {
            phrases.push(terms);
        }
    }

    /// The phrases of the views indexed in the same field as `view`.
    pub(crate) fn phrases(&self, view: View) -> impl Iterator<Item = &Vec<String>> {
        self.phrases
            .iter()
            .filter(move |(v, _)| **v == view || (v.is_shared() && view.is_shared()))
            .flat_map(|(_, p)| p)
    }

    /// The term sets of the views indexed in the same field as `view`.
    fn same_field(&self, view: View) -> impl Iterator<Item = &HashSet<String>> {
        self.by_view
            .iter()
            .filter(move |(v, _)| **v == view || (v.is_shared() && view.is_shared()))
            .map(|(_, set)| set)
    }

    /// Whether the query asks the field of `view` for `term` (through any
    /// view indexed there: the shared field matches a German passage's term
    /// whichever view of the query produced it).
    pub(crate) fn contains(&self, view: View, term: &str) -> bool {
        self.same_field(view).any(|s| s.contains(term))
            || (self.prefixes.iter())
                .filter(|(v, _)| **v == view || (v.is_shared() && view.is_shared()))
                .any(|(_, starts)| starts.iter().any(|s| term.starts_with(s.as_str())))
    }

    /// The terms the query asked `view` itself for.
    pub(crate) fn of(&self, view: View) -> impl Iterator<Item = &String> {
        self.by_view.get(&view).into_iter().flatten()
    }

    /// Whether the query asks the field of `view` for anything.
    pub(crate) fn has_view(&self, view: View) -> bool {
        let prefixed = (self.prefixes.iter())
            .any(|(v, s)| (*v == view || (v.is_shared() && view.is_shared())) && !s.is_empty());
        self.same_field(view).any(|s| !s.is_empty())
            || self.phrases(view).next().is_some()
            || prefixed
    }
}
