//! Command-line arguments (clap), turned into the library's [`Params`]
//! before anything runs. Nothing outside the `cli` module knows about clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use vsearch::Params;

/// Full-text search for Vietnamese, Indonesian and German articles.
///
/// `vsearch QUERY` searches (same as `vsearch search QUERY`); the first search
/// without an index builds one from seeds/.
#[derive(Parser, Debug)]
#[command(name = "vsearch", version, about, long_about)]
pub struct Cli {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "VSEARCH_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Search passages (the default command).
    Search(SearchArgs),
    /// List articles matching a query, each with its best passage.
    Articles(SearchArgs),
    /// Index articles from files and directories.
    Index(IndexArgs),
    /// Show what the index holds.
    Stats(StatsArgs),
    /// List the document references cited in the index, most cited first.
    Refs(RefsArgs),
}

/// When to colour output.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Whether undated articles pass a date filter.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum UnknownDateChoice {
    /// Let them through.
    Include,
    /// Keep them out (default).
    Exclude,
}

/// Arguments of `search` and `articles`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words, "phrases", +required, -excluded, OR, (groups),
    /// lang:de, date:2025-11 or date:2025-05..2025-06.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Number of hits to show (0 to 10000; 0 prints only the counts).
    #[arg(short = 'n', long, default_value = "10", value_name = "N")]
    pub limit: String,

    /// Only these languages (vi, id, de), comma-separated or repeated.
    #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,

    /// Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD: the
    /// start of that span).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Only articles dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD: the
    /// end of that span).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Whether undated articles pass --from/--to.
    #[arg(long, value_enum, default_value_t = UnknownDateChoice::Exclude, value_name = "WHAT")]
    pub unknown_date: UnknownDateChoice,

    /// At most N passages per article.
    #[arg(long, value_name = "N")]
    pub per_article: Option<String>,

    /// Count matches per language and month.
    #[arg(long)]
    pub facets: bool,

    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Arguments of `index`.
#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Files or directories (.txt, .md, .jsonl); default seeds/. Articles
    /// whose files are gone from the directories given are removed.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Start over instead of updating (the old index stays usable until the
    /// new one is committed).
    #[arg(long)]
    pub rebuild: bool,

    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,

    /// Indexing threads (default: available cores, at most 4).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Arguments of `stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `refs`.
#[derive(Args, Debug)]
pub struct RefsArgs {
    /// Only references this names or whose code contains it.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Print JSON.
    #[arg(long)]
    pub json: bool,

    /// Number of references to show.
    #[arg(short = 'n', long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
}

/// Subcommand names, to tell `vsearch QUERY` from `vsearch COMMAND`.
const COMMANDS: [&str; 6] = ["search", "articles", "index", "stats", "refs", "help"];

/// Inserts `search` when the first argument is not a subcommand or a
/// top-level flag, so `vsearch "Nghị quyết 72"` means `vsearch search ...`.
pub fn with_default_command(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    let top_level = matches!(first, "-h" | "--help" | "-V" | "--version");
    let global = first == "--index" || first.starts_with("--index=");
    let next_is_command = if global {
        let i = if first == "--index" { 3 } else { 2 };
        args.get(i)
            .and_then(|a| a.to_str())
            .is_some_and(|a| COMMANDS.contains(&a))
    } else {
        COMMANDS.contains(&first)
    };
    if args.len() > 1 && !top_level && !next_is_command {
        let at = if global {
            if first == "--index" {
                3
            } else {
                2
            }
        } else {
            1
        };
        args.insert(at.min(args.len()), "search".into());
    }
    args
}

impl SearchArgs {
    /// The parameters these arguments give, for the library to validate.
    pub fn params(&self) -> Params {
        Params {
            query: self.query.join(" "),
            lang: self.lang.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            unknown_date: Some(
                match self.unknown_date {
                    UnknownDateChoice::Include => "include",
                    UnknownDateChoice::Exclude => "exclude",
                }
                .to_string(),
            ),
            limit: Some(self.limit.clone()),
            per_article: self.per_article.clone(),
            facets: self.facets,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        with_default_command(a.iter().map(|s| (*s).into()).collect())
            .into_iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn default_command_is_search() {
        assert_eq!(
            args(&["vsearch", "Nghị quyết 72"]),
            ["vsearch", "search", "Nghị quyết 72"]
        );
        assert_eq!(
            args(&["vsearch", "--lang", "de", "x"]),
            ["vsearch", "search", "--lang", "de", "x"]
        );
        assert_eq!(
            args(&["vsearch", "index", "seeds"]),
            ["vsearch", "index", "seeds"]
        );
        assert_eq!(
            args(&["vsearch", "--index", "i", "stats"]),
            ["vsearch", "--index", "i", "stats"]
        );
        assert_eq!(
            args(&["vsearch", "--index", "i", "x"]),
            ["vsearch", "--index", "i", "search", "x"]
        );
        assert_eq!(args(&["vsearch", "--help"]), ["vsearch", "--help"]);
        assert_eq!(args(&["vsearch"]), ["vsearch"]);
    }

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
