//! The default command: `vsearch QUERY` means `vsearch search QUERY`, so
//! a first word that is not a subcommand starts a search, with notes for
//! a near miss (`vsearch stat`) and for options written after `--`.

use std::ffi::OsString;

use super::Cli;

/// Subcommand names, as clap knows them (and `help`), to tell
/// `vsearch QUERY` from `vsearch COMMAND`.
#[cfg(test)]
fn commands() -> Vec<String> {
    use clap::CommandFactory;
    commands_of(&Cli::command())
}

/// The subcommand names of `cli` (and `help`).
fn commands_of(cli: &clap::Command) -> Vec<String> {
    let names = cli.get_subcommands().map(|c| c.get_name().to_string());
    names.chain(["help".to_string()]).collect()
}

/// The command line parsed, `search` inserted where it is meant (see
/// `with_default_command`), and the notes for the user; clap's command
/// is built once, for both (building it is most of a start-up's work).
pub fn parse(args: Vec<OsString>) -> (Result<Cli, clap::Error>, Vec<String>) {
    use clap::{CommandFactory, FromArgMatches};
    let command = Cli::command();
    let (args, notes) = with_commands(args, &commands_of(&command));
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    (parsed, notes)
}

/// Letters a first word needs for `did you mean`: a shorter one (`ban`,
/// one letter from `man`) is a word to search.
const NEAR_MISS_LETTERS: usize = 4;

/// Options of `search` that take a value, and flags, to spot them among
/// the words after `--`.
pub(super) const SEARCH_OPTIONS: [&str; 25] = [
    "--csv",
    "--timeout",
    "--mode",
    "--model",
    "--synonyms",
    "--offset",
    "-n",
    "--limit",
    "-l",
    "--lang",
    "-t",
    "--type",
    "--from",
    "--to",
    "--unknown-date",
    "--passages",
    "--per-article",
    "--facets",
    "--explain",
    "--json",
    "--color",
    "--no-pager",
    "--index",
    "-h",
    "--help",
];

/// [`with_commands`] with this command line's subcommands, for the tests.
#[cfg(test)]
pub(super) fn with_default_command(args: Vec<OsString>) -> (Vec<OsString>, Vec<String>) {
    with_commands(args, &commands())
}

/// The command line with `search` inserted when the first argument is not
/// one of the subcommands `commands` or a top-level flag (`vsearch "Nghị
/// quyết 72"` means `vsearch search ...`), and notes for the user: a first
/// word one edit away from a subcommand, or options searched as words
/// after `--`.
fn with_commands(mut args: Vec<OsString>, commands: &[String]) -> (Vec<OsString>, Vec<String>) {
    let arg = |i: usize| {
        args.get(i)
            .and_then(|a| a.to_str())
            .unwrap_or("")
            .to_string()
    };
    let first = arg(1);
    let top_level = matches!(first.as_str(), "-h" | "--help" | "-V" | "--version");
    let at = match first.as_str() {
        "--index" => 3,
        f if f.starts_with("--index=") => 2,
        _ => 1,
    };
    let word = arg(at);
    let mut notes = Vec::new();
    if args.len() > 1 && !top_level && !commands.contains(&word) {
        let near = (commands.iter())
            .filter(|_| word.chars().count() >= NEAR_MISS_LETTERS)
            .find(|c| strsim::levenshtein(c, &word) == 1);
        if let Some(near) = near {
            notes.push(format!(
                "did you mean `vsearch {near}`? searching for {}",
                vsearch::quoted(&word)
            ));
        }
        args.insert(at.min(args.len()), "search".into());
    }
    if let Some(dash) = args.iter().position(|a| a == "--") {
        let options: Vec<String> = args[dash + 1..]
            .iter()
            .filter_map(|a| a.to_str())
            .filter(|a| SEARCH_OPTIONS.contains(&a.split('=').next().unwrap_or("")))
            .map(str::to_string)
            .collect();
        if !options.is_empty() {
            notes.push(format!(
                "{} after `--` searched as words, not options; put options before `--`",
                options.join(" ")
            ));
        }
    }
    (args, notes)
}
