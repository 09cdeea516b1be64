//! Vietnamese names written as one word (`Vietnam`, `Hanoi`, `Saigon`, as
//! German, Indonesian and English texts write them) and as their syllables
//! (`Việt Nam`, `Hà Nội`, `Sài Gòn`): each finds the other. The rule is
//! general, not a list of places: a word that splits into two or three
//! well-formed Vietnamese syllables, and is no Indonesian word, also
//! searches the syllables as a phrase; two or three capitalised syllables
//! typed side by side also search them joined. Two to four capitalised
//! syllables are a name ([`name_words`]), which crosses into German and
//! Indonesian text however it is typed.

use std::sync::OnceLock;

use crate::analysis::is_indonesian_word;

/// The onsets and rhymes of Vietnamese syllables, accent-folded (`đ` is
/// `d`, `ươ` is `uo`), as `onset<TAB>ngh` and `rhyme<TAB>uyen` lines,
/// each list sorted: the syllables of the Vietnamese Hunspell dictionary,
/// split by `data/build_vi_syllables.py`.
const SYLLABLE_PARTS: &str = include_str!("data/vi_syllables.txt");

/// The parts of one kind, in the file's order (sorted).
fn parts(kind: &str) -> Vec<&'static str> {
    SYLLABLE_PARTS
        .lines()
        .filter_map(|line| line.strip_prefix(kind)?.strip_prefix('\t'))
        .collect()
}

/// The onsets, `""` among them.
fn onsets() -> &'static [&'static str] {
    static ONSETS: OnceLock<Vec<&str>> = OnceLock::new();
    ONSETS.get_or_init(|| parts("onset"))
}

/// The rhymes, sorted for a binary search.
fn rhymes() -> &'static [&'static str] {
    static RHYMES: OnceLock<Vec<&str>> = OnceLock::new();
    RHYMES.get_or_init(|| parts("rhyme"))
}

/// Whether `s` (accent-folded, lowercase ASCII) is a well-formed
/// Vietnamese syllable, spelling rules included (`k` and `gh` only before
/// `e`, `i`, `y`; `c` and `g` never there).
pub(crate) fn is_syllable(s: &str) -> bool {
    onsets().iter().any(|onset| {
        let Some(rhyme) = s.strip_prefix(onset) else {
            return false;
        };
        let front = rhyme.starts_with(['e', 'i', 'y']);
        let spelled = match *onset {
            "k" | "gh" | "ngh" => front,
            "c" | "g" | "ng" => !front || *onset == "g" && rhyme.starts_with('i'),
            "qu" => !rhyme.starts_with('u'),
            _ => true,
        };
        spelled && rhymes().binary_search(&rhyme).is_ok()
    })
}

/// The ways `word` (accent-folded, lowercase ASCII) splits into two or
/// three syllables, each after the first starting with a consonant as
/// joined names do (`ha|noi`, `viet|nam`). An Indonesian word, a root or
/// affixes around one, does not split, capitalised or not (`dengan` is not
/// `đến gan`, `Menteri` not `men te ri`, `buatan` not `bua tan`); no
/// Vietnamese place name is one, but for `Sapa`. (German words rarely
/// split into syllables at all, and the German lexicon holds `Vietnam`
/// and `Hanoi`.) At most two splits, fewest syllables first.
pub(crate) fn splits(word: &str) -> Vec<Vec<&str>> {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) || is_indonesian_word(word) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for parts in [2, 3] {
        split_into(word, parts, &mut Vec::new(), &mut out);
    }
    out.truncate(2);
    out
}

fn split_into<'a>(
    rest: &'a str,
    parts: usize,
    done: &mut Vec<&'a str>,
    out: &mut Vec<Vec<&'a str>>,
) {
    if parts == 1 {
        if is_syllable(rest) && (done.is_empty() || starts_with_consonant(rest)) {
            done.push(rest);
            out.push(done.clone());
            done.pop();
        }
        return;
    }
    for end in 1..rest.len() {
        let head = &rest[..end];
        if is_syllable(head) && (done.is_empty() || starts_with_consonant(head)) {
            done.push(head);
            split_into(&rest[end..], parts - 1, done, out);
            done.pop();
        }
    }
}

fn starts_with_consonant(s: &str) -> bool {
    !s.starts_with(['a', 'e', 'i', 'o', 'u', 'y'])
}

/// `words` joined into one name, when they are two or three capitalised
/// syllables of two letters or more (`Việt Nam` → `Vietnam`); `folded` are
/// their folded forms. A one-letter syllable (`Y`, `Ô`, `Ý`) is never
/// joined: the joined form would be another language's word far more
/// often than a name (`Bộ Y`, of `Bộ Y tế`, the Ministry of Health, is
/// not `boy`).
pub(crate) fn joined(words: &[&str], folded: &[String]) -> Option<String> {
    ((2..=3).contains(&words.len())
        && words.iter().all(|w| capitalised(w))
        && folded.iter().all(|f| is_syllable(f) && f.len() >= 2))
    .then(|| folded.concat())
}

/// Whether `word` starts with a capital letter.
fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The words and phrases of `texts` (a query's positive ones, in order)
/// that make up a Vietnamese name: two to four capitalised syllables side
/// by side (`Trần Văn Thuấn`), as words or as one phrase. Such a name
/// matches its transliteration in German and Indonesian text (`Tran Van
/// Thuan`) however it is typed; a word alone (`Đức`) does not, nor a run of
/// lower-case syllables. `fold` gives a text's accent-folded words.
pub(crate) fn name_words(
    texts: &[&str],
    fold: &mut dyn FnMut(&str) -> Vec<String>,
) -> std::collections::HashSet<String> {
    let mut syllable =
        |w: &str| capitalised(w) && matches!(fold(w).as_slice(), [f] if is_syllable(f));
    let long_enough = |n: usize| (2..=4).contains(&n);
    let mut names = std::collections::HashSet::new();
    // The capitalised syllables typed as words just before this text.
    let mut run: Vec<&str> = Vec::new();
    for &text in texts.iter().chain([&""]) {
        let words: Vec<&str> = text.split_whitespace().collect();
        match words.as_slice() {
            [word] if syllable(word) => {
                run.push(text);
                continue;
            }
            [_, _, ..] if long_enough(words.len()) && words.iter().all(|w| syllable(w)) => {
                names.insert(text.to_string());
            }
            _ => {}
        }
        if long_enough(run.len()) {
            names.extend(run.iter().map(|w| w.to_string()));
        }
        run.clear();
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_runs_of_capitalised_syllables() {
        let mut analyzers = crate::analysis::Analyzers::default();
        let mut fold = |w: &str| crate::search::synonyms::folded_words(w, &mut analyzers);
        let mut names = |texts: &[&str]| {
            let mut found: Vec<String> = name_words(texts, &mut fold).into_iter().collect();
            found.sort();
            found
        };
        assert_eq!(
            names(&["Trần", "Văn", "Thuấn", "phát", "biểu"]),
            ["Thuấn", "Trần", "Văn"]
        );
        assert_eq!(
            names(&["Thứ", "trưởng", "Nguyễn Thúy Anh"]),
            ["Nguyễn Thúy Anh"]
        );
        assert!(names(&["Đức"]).is_empty());
        assert!(names(&["trần", "văn", "thuấn"]).is_empty());
        assert!(names(&["Krankenhaus", "Berlin"]).is_empty());
        assert!(names(&["A", "B", "C", "D", "E"]).is_empty());
    }

    #[test]
    fn the_syllable_parts_are_read_and_sorted_for_the_binary_search() {
        let (onsets, rhymes) = (onsets(), rhymes());
        assert_eq!(onsets.len(), 27, "{onsets:?}");
        assert!(
            onsets.contains(&"") && onsets.contains(&"ngh"),
            "{onsets:?}"
        );
        assert!(rhymes.len() > 100, "{}", rhymes.len());
        assert!(rhymes.windows(2).all(|w| w[0] < w[1]), "{rhymes:?}");
    }

    #[test]
    fn well_formed_syllables_and_spelling_rules() {
        for s in [
            "viet", "nam", "ha", "noi", "nghia", "quyen", "gi", "khoe", "nguoi", "duong",
        ] {
            assert!(is_syllable(s), "{s}");
        }
        for s in [
            "ka", "ci", "ghe2", "form", "berg", "str", "quu", "nga1", "hal",
        ] {
            assert!(!is_syllable(s), "{s}");
        }
    }

    #[test]
    fn joined_names_split_into_their_syllables() {
        assert_eq!(splits("vietnam"), vec![vec!["viet", "nam"]]);
        assert_eq!(splits("hanoi"), vec![vec!["ha", "noi"]]);
        assert_eq!(splits("saigon"), vec![vec!["sai", "gon"]]);
        assert_eq!(splits("danang"), vec![vec!["da", "nang"]]);
        assert_eq!(splits("haiphong"), vec![vec!["hai", "phong"]]);
        // Several splits are all searched; the phrase of a wrong one finds
        // nothing.
        assert_eq!(
            splits("hochiminh"),
            vec![vec!["ho", "chi", "minh"], vec!["hoc", "hi", "minh"]]
        );
    }

    #[test]
    fn other_words_do_not_split() {
        // Not syllables, too short, or German and Indonesian words.
        for w in ["frankreich", "reform", "kemenkes", "nam", "pflege", "makan"] {
            assert_eq!(splits(w), Vec::<Vec<&str>>::new(), "{w}");
        }
        // Indonesian roots and affixed words, however typed, are not names.
        for w in ["dengan", "menteri", "buatan", "kesehatan"] {
            assert_eq!(splits(w), Vec::<Vec<&str>>::new(), "{w}");
        }
    }

    #[test]
    fn capitalised_syllables_join() {
        let folded = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(
            joined(&["Việt", "Nam"], &folded(&["viet", "nam"])),
            Some("vietnam".into())
        );
        assert_eq!(joined(&["y", "tế"], &folded(&["y", "te"])), None);
        assert_eq!(joined(&["Bộ", "Y"], &folded(&["bo", "y"])), None);
        assert_eq!(
            joined(&["Hà", "Nội"], &folded(&["ha", "noi"])),
            Some("hanoi".into())
        );
        assert_eq!(
            joined(&["Berlin", "Mitte"], &folded(&["berlin", "mitte"])),
            None
        );
    }
}
