//! The command line as clap reads it, and the default command.

use super::*;

fn args(a: &[&str]) -> (Vec<String>, Vec<String>) {
    let (args, notes) = with_default_command(a.iter().map(|s| (*s).into()).collect());
    let args = args
        .into_iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    (args, notes)
}

#[test]
fn default_command_is_search() {
    let cases: [(&[&str], &[&str]); 7] = [
        (
            &["vsearch", "Nghị quyết 72"],
            &["vsearch", "search", "Nghị quyết 72"],
        ),
        (
            &["vsearch", "--lang", "de", "x"],
            &["vsearch", "search", "--lang", "de", "x"],
        ),
        (
            &["vsearch", "index", "seeds"],
            &["vsearch", "index", "seeds"],
        ),
        (
            &["vsearch", "--index", "i", "stats"],
            &["vsearch", "--index", "i", "stats"],
        ),
        (
            &["vsearch", "--index", "i", "x"],
            &["vsearch", "--index", "i", "search", "x"],
        ),
        (&["vsearch", "--help"], &["vsearch", "--help"]),
        (&["vsearch"], &["vsearch"]),
    ];
    for (given, want) in cases {
        assert_eq!(
            args(given),
            (want.iter().map(|s| s.to_string()).collect(), vec![])
        );
    }
}

#[test]
fn near_misses_and_options_after_the_separator_are_noted() {
    let (a, notes) = args(&["vsearch", "indx", "seeds"]);
    assert_eq!(a, ["vsearch", "search", "indx", "seeds"]);
    assert_eq!(
        notes,
        ["did you mean `vsearch index`? searching for \"indx\""]
    );
    let (_, notes) = args(&["vsearch", "--", "-Prancis Vietnam", "-n", "1"]);
    assert_eq!(
        notes,
        ["-n after `--` searched as words, not options; put options before `--`"]
    );
    let (_, notes) = args(&["vsearch", "--", "-Prancis", "Vietnam"]);
    assert!(notes.is_empty());
    // A short word is a word to search: `ban` is not `man`.
    let (a, notes) = args(&["vsearch", "ban", "nhạc"]);
    assert_eq!(a, ["vsearch", "search", "ban", "nhạc"]);
    assert!(notes.is_empty(), "{notes:?}");
    // Every subcommand clap knows is one, none searched as a word.
    use clap::CommandFactory;
    for sub in Cli::command().get_subcommands() {
        let (a, _) = args(&["vsearch", sub.get_name()]);
        assert_eq!(a, ["vsearch", sub.get_name()]);
    }
}

#[test]
fn clap_definition_is_valid() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
}

#[test]
fn the_top_level_help_lists_every_search_option() {
    use clap::CommandFactory;
    let command = Cli::command();
    let search = command.find_subcommand("search").expect("search");
    for arg in search.get_arguments().filter(|a| !a.is_positional()) {
        let long = arg.get_long().map(|l| format!("--{l}"));
        if let Some(long) = long.filter(|l| l != "--help" && l != "--index") {
            assert!(SEARCH_HELP.contains(&format!("{long} ")), "{long}");
            assert!(SEARCH_OPTIONS.contains(&long.as_str()), "{long}");
        }
    }
}
