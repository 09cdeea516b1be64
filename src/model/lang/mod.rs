//! The languages of the corpus, each by its ISO 639-1 code. Those of the
//! [`registry`] (Vietnamese, Indonesian, German) have analyses of their
//! own; any other gets the neutral analysis (NFC, case and accent folding)
//! and is filtered and faceted by its own code. Language identification
//! names the real language where it can tell it reliably.

pub(crate) mod registry;

// The analysed languages, in display order, one file each: adding a
// language is its file and its name here. (Malay, a small language for the
// tests, shows what one takes.) Nothing on disk depends on the order: the
// index and the vector file store a language by its code.
#[cfg(not(test))]
registry::languages![vi, id, de];
#[cfg(test)]
registry::languages![vi, id, de, ms];

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::iso639::CODES;
use registry::Language;

/// A language of the corpus, by its ISO 639-1 code.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(Code);

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

/// The table at run time: one copy in the binary. Each use of the `const`
/// puts a copy of its 186 pairs of pointers, 6 KB for the loader to
/// relocate at every start, in the code unit that uses it.
static TABLE: [(&str, &str); CODES.len()] = CODES;

/// A language other than the three, by its ISO 639-1 code (`en`, `fr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Code(u8);

impl Code {
    /// The code of `code`, at compile time.
    const fn constant(code: &str) -> Code {
        let mut i = 0;
        while i < CODES.len() {
            if same(CODES[i].0, code) {
                return Code(i as u8);
            }
            i += 1;
        }
        panic!("not an ISO 639-1 code of the table")
    }

    /// The code of an ISO 639-1 or ISO 639-3 code (`en`, `eng`), lower case.
    fn of(code: &str) -> Option<Code> {
        let two = match code.len() {
            2 => code,
            _ => TABLE.iter().find(|(_, three)| *three == code)?.0,
        };
        // The first entry of its ISO 639-1 code (the table is sorted by
        // it), so that `zh` and `cmn` are one code.
        let first = TABLE.partition_point(|(t, _)| *t < two);
        let found = TABLE.get(first).is_some_and(|(t, _)| *t == two);
        found.then(|| u8::try_from(first).ok().map(Code))?
    }

    /// The ISO 639-1 code.
    pub fn as_str(self) -> &'static str {
        TABLE[usize::from(self.0)].0
    }

    /// Its number, below 255, for storage.
    pub(crate) fn number(self) -> u8 {
        self.0
    }

    /// The code of a [`Code::number`].
    pub(crate) fn of_number(n: u8) -> Option<Code> {
        let (two, _) = TABLE.get(usize::from(n))?;
        Code::of(two).filter(|c| c.0 == n)
    }
}

/// Whether two strings are equal, at compile time.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Lang {
    /// Vietnamese.
    pub const VI: Lang = Lang::constant(vi::LANGUAGE.code);
    /// Indonesian.
    pub const ID: Lang = Lang::constant(id::LANGUAGE.code);
    /// German.
    pub const DE: Lang = Lang::constant(de::LANGUAGE.code);
    /// English, which vsearch does not analyse but whose document words
    /// it reads.
    pub const EN: Lang = Lang::constant("en");

    const fn constant(code: &str) -> Lang {
        Lang(Code::constant(code))
    }

    /// The languages vsearch analyses, in display order.
    pub fn analysed() -> impl Iterator<Item = Lang> {
        analysed_langs().iter().copied()
    }

    /// The ISO 639-1 code (`vi`, `id`, `de`, `en`).
    pub fn code(self) -> &'static str {
        self.0.as_str()
    }

    /// Its number, below 255, for storage.
    pub(crate) fn number(self) -> u8 {
        self.0.number()
    }

    /// The language of a [`Lang::number`].
    pub(crate) fn of_number(n: u8) -> Option<Lang> {
        Code::of_number(n).map(Lang)
    }

    /// Whether vsearch has an analysis of its own for the language.
    pub fn is_analysed(self) -> bool {
        self.registered().is_some()
    }

    /// The linking elements the language puts between a compound's parts
    /// (none for one that does not write compounds as one word).
    pub(crate) fn compound_links(self) -> &'static [&'static str] {
        self.registered().map_or(&[], |(_, l)| l.compound_links)
    }

    /// Its place in the registry and what the registry says of it, for
    /// an analysed language.
    pub(crate) fn registered(self) -> Option<(usize, &'static Language)> {
        registry::language(self.code())
    }

    /// The language of a tag such as `vi`, `vi-VN`, `de_DE` or `en-US`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        primary.parse().ok()
    }

    /// Identifies the language of `text`, or `None` when the text gives
    /// too little to go on. Each line of the text's first 4,000 characters
    /// votes with its letters for the language whatlang is sure it is in,
    /// whichever that is, so that a Vietnamese page with commands and
    /// package names in it is Vietnamese, and an untranslated English page
    /// English. When no line is sure, the text is read as the likeliest of
    /// the three. A text that surely reads as one of the three as a whole
    /// is that one without a vote (the vote costs a detection per line).
    pub fn detect(text: &str) -> Option<Lang> {
        let sample = sample(text);
        if let Some(lang) = Lang::detect_surely(sample).filter(|l| l.is_analysed()) {
            return Some(lang);
        }
        let mut votes: Vec<(Lang, usize)> = Vec::new();
        for line in sample.lines() {
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            if letters < VOTING_LETTERS {
                continue;
            }
            if let Some(lang) = Lang::detect_surely(line) {
                match votes.iter_mut().find(|(l, _)| *l == lang) {
                    Some((_, n)) => *n += letters,
                    None => votes.push((lang, letters)),
                }
            }
        }
        if let Some(&(lang, _)) = votes.iter().max_by_key(|(_, n)| *n) {
            return Some(lang);
        }
        Lang::likeliest_analysed(sample)
    }

    /// The likeliest of the analysed languages for `sample`.
    fn likeliest_analysed(sample: &str) -> Option<Lang> {
        let allowed = LANGUAGES.iter().filter_map(|l| l.whatlang).collect();
        let found = whatlang::Detector::with_allowlist(allowed).detect_lang(sample)?;
        Code::of(found.code()).map(Lang)
    }

    /// The language of `text` when whatlang is sure of it, whichever it
    /// is; `None` otherwise. What a declared language is checked against.
    pub fn detect_surely(text: &str) -> Option<Lang> {
        let info = whatlang::detect(sample(text)).filter(|i| i.is_reliable())?;
        Code::of(info.lang().code()).map(Lang)
    }
}

/// Characters of a text that language identification reads.
const SAMPLE_CHARS: usize = 4000;
/// Letters a line needs to vote for its text's language: a shorter one (a
/// command, a heading, a package name) says too little.
const VOTING_LETTERS: usize = 40;

/// The first [`SAMPLE_CHARS`] of `text`.
fn sample(text: &str) -> &str {
    match text.char_indices().nth(SAMPLE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

impl Ord for Lang {
    /// The analysed languages first, in the registry's order, then the
    /// others by code.
    fn cmp(&self, other: &Lang) -> Ordering {
        let key = |l: &Lang| (l.registered().map_or(usize::MAX, |(i, _)| i), l.code());
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Lang {
    fn partial_cmp(&self, other: &Lang) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing an unknown language code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {}: expected {}", super::quoted(.0), self.expected())]
pub struct UnknownLang(pub String);

impl UnknownLang {
    /// What a language is expected to be: `vi, id, de or another ISO
    /// 639-1 code (en, fr, …)`.
    pub fn expected(&self) -> String {
        format!("{} or another ISO 639-1 code (en, fr, …)", analysed_codes())
    }
}

/// The analysed languages, in the registry's order, made once.
fn analysed_langs() -> &'static [Lang] {
    static LANGS: std::sync::OnceLock<Vec<Lang>> = std::sync::OnceLock::new();
    LANGS.get_or_init(|| LANGUAGES.iter().map(|l| Lang::constant(l.code)).collect())
}

/// The analysed languages' codes, `vi, id, de`.
fn analysed_codes() -> String {
    let codes: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
    codes.join(", ")
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        // An index's columns hold the code: the common case, found by a
        // binary search without allocating.
        let trimmed = s.trim();
        if let Some(code) = Code::of(trimmed) {
            return Ok(Lang(code));
        }
        let lower = trimmed.to_ascii_lowercase();
        let named = LANGUAGES
            .iter()
            .find(|l| l.aliases.contains(&lower.as_str()))
            .map(|l| l.code);
        Code::of(named.unwrap_or(&lower))
            .map(Lang)
            .ok_or_else(|| UnknownLang(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_languages_and_others() {
        assert_eq!(
            Lang::detect(
                "Thứ trưởng Bộ Y tế nhấn mạnh ngành y tế Việt Nam đang bước vào giai đoạn đổi mới"
            ),
            Some(Lang::VI)
        );
        assert_eq!(Lang::detect("Kementerian Kesehatan Vietnam berjanji untuk terus menciptakan kondisi yang menguntungkan"), Some(Lang::ID));
        assert_eq!(Lang::detect("Das vietnamesische Gesundheitsministerium verpflichtet sich, weiterhin günstige Bedingungen zu schaffen"), Some(Lang::DE));
        let english = "The Debian project is an association of individuals who have made \
                       common cause to create a free operating system, which they call Debian.";
        assert_eq!(Lang::detect(english).map(Lang::code), Some("en"));
        let french = "Le projet Debian est une association de personnes qui ont fait cause \
                      commune pour créer un système d'exploitation libre.";
        assert_eq!(Lang::detect(french).map(Lang::code), Some("fr"));
        // Commands and package names among Vietnamese prose do not make it
        // English.
        let mixed = "$ apt-get install --no-install-recommends build-essential devscripts\n\
                     Không giống như apt và aptitude, apt-get không biết lệnh full-upgrade; thay vào đó bạn nên dùng dist-upgrade.\n\
                     $ apt-get dist-upgrade --with-new-pkgs --allow-downgrades --simulate\n\
                     Câu lệnh này cập nhật mọi gói đã cài đặt lên phiên bản mới nhất trong kho.";
        assert_eq!(Lang::detect(mixed), Some(Lang::VI));
    }

    #[test]
    fn the_code_table_is_sorted_for_its_binary_search() {
        assert!(CODES.windows(2).all(|w| w[0].0 <= w[1].0));
        for (two, three) in CODES {
            assert_eq!(two.parse::<Lang>().map(Lang::code), Ok(two), "{two}");
            assert_eq!(three.parse::<Lang>().map(Lang::code), Ok(two), "{three}");
        }
    }

    #[test]
    fn parses_codes_of_any_language() {
        assert_eq!("DE".parse::<Lang>(), Ok(Lang::DE));
        assert_eq!("fr".parse::<Lang>().map(Lang::code), Ok("fr"));
        assert_eq!("eng".parse::<Lang>().map(Lang::code), Ok("en"));
        assert_eq!(Lang::from_tag("en-US").map(Lang::code), Some("en"));
        assert_eq!(Lang::from_tag("vi-VN"), Some(Lang::VI));
        assert_eq!("cmn".parse::<Lang>(), "zh".parse::<Lang>());
        assert!(!"en".parse::<Lang>().unwrap().is_analysed());
        assert_eq!(
            UnknownLang("xx".into()).to_string(),
            "unknown language \"xx\": expected vi, id, de, ms or another ISO 639-1 code (en, fr, …)"
        );
        assert!("xx".parse::<Lang>().is_err());
    }
}
