//! Synonyms applied at query time: CLDR's country names
//! (`data/country_names.txt`), then the user's own file (`synonyms.txt` in
//! the index folder, or `--synonyms`). Both are in Solr's format:
//!
//! ```text
//! # a comment
//! UBND, Ủy ban nhân dân          # equivalent: each finds the others
//! Kemenkes => Kementerian Kesehatan   # one way: the left finds the right
//! ```
//!
//! Forms are looked up by their [key](fold_key): the accent-folded, lowercased
//! words joined without spaces or dots, so `TP.HCM`, `TPHCM` and `tp hcm`
//! are one form. The typed form is always searched too, and ranks first.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

use crate::analysis::{fold_key as key, tokens, Analyzers, View};
use crate::error::{Error, Result};

/// The largest synonyms file read: far past any hand-kept list.
pub(crate) const MAX_FILE_BYTES: u64 = 16 << 20;

/// The origin of every country name.
static COUNTRIES: Origin = Origin::Countries;

/// Where a synonym comes from, for notes and explanations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// CLDR's country names; they apply to capitalised words only, so that
    /// `pháp luật` (law) is not `Pháp` (France).
    Countries,
    /// A user's synonyms file.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Countries => f.write_str("CLDR country names"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Other forms of a typed form.
#[derive(Clone, Debug, Default)]
pub(crate) struct Synonyms {
    /// Key of a form → the rules it leads to, by number.
    by_key: HashMap<String, Vec<usize>>,
    /// The forms each rule leads to, with their origin: a line's forms
    /// are kept once, not once per form that finds them.
    rules: Vec<(Vec<String>, usize)>,
    origins: Vec<Origin>,
    /// Whether CLDR's country names ([`super::countries`]) apply.
    countries: bool,
    /// The longest form, in words: longer runs of query words are not
    /// looked up.
    longest: usize,
}

/// The accent-folded words of `text`: how forms, and the words typed, are
/// compared.
pub(crate) fn folded_words(text: &str, analyzers: &mut Analyzers) -> Vec<String> {
    tokens(analyzers.get(View::Folded), text)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

impl Synonyms {
    /// The built-in country names only.
    pub(crate) fn built_in() -> Synonyms {
        Synonyms {
            countries: true,
            ..Synonyms::default()
        }
    }

    /// The built-in country names, then `index_dir/synonyms.txt` when it
    /// exists, then `extra` when given.
    pub(crate) fn load(index_dir: &Path, extra: Option<&Path>) -> Result<Synonyms> {
        let mut synonyms = Synonyms::built_in();
        let beside = index_dir.join("synonyms.txt");
        if beside.is_file() {
            synonyms.add_file(&beside)?;
        }
        if let Some(extra) = extra {
            synonyms.add_file(extra)?;
        }
        Ok(synonyms)
    }

    /// Adds the synonyms of a file: a regular file of at most
    /// [`MAX_FILE_BYTES`] (never a device, a FIFO or a folder, which could
    /// be read for ever or block).
    pub(crate) fn add_file(&mut self, path: &Path) -> Result<()> {
        let refuse = |why: String| Error::io(path, std::io::Error::other(why));
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            return Err(refuse(
                "not a regular file; a synonyms file must be one".into(),
            ));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(refuse(format!(
                "larger than {} MiB; too big for a synonyms file",
                MAX_FILE_BYTES >> 20
            )));
        }
        let mut bytes = Vec::new();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_FILE_BYTES), &mut bytes)
            .map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| refuse("not UTF-8 text; a synonyms file must be".into()))?;
        self.add(&text, path)
    }

    /// Adds the synonyms of `text`, in Solr's format, read from `path`.
    fn add(&mut self, text: &str, path: &Path) -> Result<()> {
        let at = self.origins.len();
        self.origins.push(Origin::File(path.to_path_buf()));
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let bad = |message: String| Error::Synonyms {
                path: path.to_path_buf(),
                line: n + 1,
                message,
            };
            let (from, to) = parse_line(line).map_err(bad)?;
            self.rule(from, to, at);
        }
        Ok(())
    }

    /// Makes each form of `from` find each form of `to`; the form typed,
    /// and forms of the same words, are told apart when looked up (see
    /// [`Synonyms::of`]).
    fn rule(&mut self, from: Vec<String>, to: Vec<String>, origin: usize) {
        for form in from.iter().chain(&to) {
            self.longest = self.longest.max(form.split_whitespace().count());
        }
        let at = self.rules.len();
        for f in &from {
            let entry = self.by_key.entry(key(f)).or_default();
            if entry.last() != Some(&at) {
                entry.push(at);
            }
        }
        self.rules.push((to, origin));
    }

    /// The other forms `text` searches, with their origin: one per
    /// sequence of words (`TP HCM` and `TP.HCM` search alike), none
    /// the same as the typed form's.
    pub(crate) fn of(&self, text: &str, analyzers: &mut Analyzers) -> Vec<(&str, &Origin)> {
        let key = key(text);
        let capitalised = text.chars().next().is_some_and(char::is_uppercase);
        let countries = (self.countries && capitalised)
            .then(|| super::countries::forms(&key).map(|form| (form, &COUNTRIES)));
        let rules = self.by_key.get(&key).into_iter().flatten();
        let files = rules.flat_map(|&r| {
            let (forms, origin) = &self.rules[r];
            forms
                .iter()
                .map(move |form| (form.as_str(), &self.origins[*origin]))
        });
        let mut seen: Vec<Vec<String>> = Vec::new();
        let mut out = Vec::new();
        for (form, origin) in countries.into_iter().flatten().chain(files) {
            if seen.is_empty() {
                seen.push(folded_words(text, analyzers));
            }
            let w = folded_words(form, analyzers);
            if !seen.contains(&w) {
                seen.push(w);
                out.push((form, origin));
            }
        }
        out
    }

    /// The most query words a form spans.
    pub(crate) fn longest(&self) -> usize {
        let countries = if self.countries {
            super::countries::COUNTRY_WORDS
        } else {
            0
        };
        self.longest.max(countries)
    }
}

/// One line: `a, b, c` (each finds the others) or `a, b => c, d`.
fn parse_line(line: &str) -> std::result::Result<(Vec<String>, Vec<String>), String> {
    let list = |part: &str| -> std::result::Result<Vec<String>, String> {
        let forms: Vec<String> = part
            .split(',')
            .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if forms.iter().any(String::is_empty) {
            return Err("an empty form: check the commas".to_string());
        }
        Ok(forms)
    };
    match line.split_once("=>") {
        Some((_, to)) if to.contains("=>") => Err(format!(
            "more than one \"=>\" in {}",
            crate::model::quoted(line)
        )),
        Some((from, to)) => Ok((list(from)?, list(to)?)),
        None => {
            let forms = list(line)?;
            if forms.len() < 2 {
                return Err(format!(
                    "{} names one form; give two or more, separated by commas, or \"a => b\"",
                    crate::model::quoted(line)
                ));
            }
            Ok((forms.clone(), forms))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_one_fold_lowercased_letters_and_digits() {
        assert_eq!(key("TP. Đà Nẵng, Straße 7"), "tpdanangstrasse7");
        assert_eq!(key("Ủy ban nhân dân"), key("uy ban nhan dan"));
    }

    fn forms(s: &Synonyms, text: &str) -> Vec<String> {
        s.of(text, &mut Analyzers::default())
            .into_iter()
            .map(|(f, _)| f.to_string())
            .collect()
    }

    #[test]
    fn the_built_in_country_names_parse_and_answer_capitalised_words() {
        let s = Synonyms::built_in();
        assert_eq!(forms(&s, "Pháp"), ["Frankreich", "Prancis", "France"]);
        assert_eq!(forms(&s, "Đức"), ["Deutschland", "Jerman", "Germany"]);
        assert_eq!(forms(&s, "Duc"), ["Deutschland", "Jerman", "Germany"]);
        assert_eq!(forms(&s, "pháp"), Vec::<String>::new());
        assert_eq!(forms(&s, "Frankreich"), ["Pháp", "Prancis", "France"]);
        assert_eq!(forms(&s, "UBND"), Vec::<String>::new());
        assert_eq!(forms(&s, "Krankenhaus"), Vec::<String>::new());
        assert!(s.longest() >= 3, "{}", s.longest());
    }

    #[test]
    fn a_file_answers_every_spelling_of_a_form() {
        let mut s = Synonyms::default();
        let text = "TP.HCM, TP Hồ Chí Minh, Thành phố Hồ Chí Minh\nUBND, Ủy ban nhân dân\n";
        s.add(text, Path::new("syn.txt")).unwrap();
        assert_eq!(forms(&s, "uỷ ban nhân dân"), ["UBND"]);
        assert_eq!(forms(&s, "ubnd"), ["Ủy ban nhân dân"]);
        assert_eq!(
            forms(&s, "tp hcm"),
            ["TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"]
        );
        assert_eq!(s.longest(), 5);
    }

    #[test]
    fn solr_lines_equivalent_and_one_way() {
        let mut s = Synonyms::default();
        let text = "# comment\n\na, b , c # trailing\nx => y, z\n";
        s.add(text, Path::new("syn.txt")).unwrap();
        assert_eq!(forms(&s, "a"), ["b", "c"]);
        assert_eq!(forms(&s, "c"), ["a", "b"]);
        assert_eq!(forms(&s, "x"), ["y", "z"]);
        assert_eq!(forms(&s, "y"), Vec::<String>::new());
    }

    #[test]
    fn bad_lines_are_named() {
        let bad = |text: &str| {
            let mut s = Synonyms::default();
            s.add(text, Path::new("syn.txt")).unwrap_err().to_string()
        };
        assert_eq!(
            bad("a, b\n, c"),
            "syn.txt:2: an empty form: check the commas"
        );
        assert_eq!(
            bad("a => b => c"),
            "syn.txt:1: more than one \"=>\" in \"a => b => c\""
        );
        assert_eq!(
            bad("lonely"),
            "syn.txt:1: \"lonely\" names one form; give two or more, separated by commas, or \"a => b\""
        );
    }
}
