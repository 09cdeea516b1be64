//! The command line: arguments ([`args`]), one function per command, the
//! progress of an indexing run ([`progress`]) and exit codes ([`exit`]).
//! It turns arguments into library calls and prints what they return.

mod args;
mod exit;
mod progress;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use args::{with_default_command, Cli};
use args::{ColorChoice, Command, IndexArgs, RefsArgs, SearchArgs, StatsArgs};
pub use exit::Exit;
use progress::Reporter;
use vsearch::{render, Engine, IndexOptions, IndexReport, Naming};

/// Where the bundled articles live.
const SEEDS: &str = "seeds";
/// Files of unreadable types named one by one when nothing was indexed.
const NAMED_UNSUPPORTED: usize = 20;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Exit> {
    match &cli.command {
        Command::Search(args) => search(&cli.index, args, false),
        Command::Articles(args) => search(&cli.index, args, true),
        Command::Index(args) => index(&cli.index, args),
        Command::Stats(args) => stats(&cli.index, args),
        Command::Refs(args) => refs(&cli.index, args),
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// `vsearch search` and `vsearch articles` (one passage per article).
fn search(index_dir: &Path, args: &SearchArgs, articles: bool) -> Result<Exit> {
    let mut request = args.params().request(Naming::Flags)?;
    if articles && request.per_article.is_none() {
        request.per_article = Some(1);
    }
    if !vsearch::index_exists(index_dir)? {
        build_from_seeds(index_dir)?;
    }
    let results = Engine::open(index_dir)?.search(&request)?;
    let mut out = io::stdout().lock();
    if args.json {
        render::json::results(&mut out, &results)?;
    } else {
        render::text::results(&mut out, &results, use_color(args.color))?;
    }
    out.flush()?;
    Ok(if results.hits.is_empty() {
        Exit::Nothing
    } else {
        Exit::Found
    })
}

/// The first search without an index builds one from `seeds/`.
fn build_from_seeds(index_dir: &Path) -> Result<()> {
    let seeds = PathBuf::from(SEEDS);
    if !seeds.is_dir() {
        anyhow::bail!(
            "no index at {} and no {SEEDS}/ to build one from: run `vsearch index PATH`",
            index_dir.display()
        );
    }
    eprintln!(
        "vsearch: no index at {}; building it from {SEEDS}/",
        index_dir.display()
    );
    let report = build(index_dir, &[seeds], &IndexOptions::default(), true)?;
    eprintln!("vsearch: {}", render::text::index_summary(&report));
    Ok(())
}

fn build(
    dir: &Path,
    paths: &[PathBuf],
    options: &IndexOptions,
    quiet: bool,
) -> Result<IndexReport> {
    let cancel = progress::cancellation();
    let mut reporter = Reporter::new(quiet);
    let result = vsearch::index(dir, paths, options, &mut reporter, &cancel);
    reporter.finish();
    result.with_context(|| format!("indexing into {}", dir.display()))
}

/// `vsearch index`.
fn index(dir: &Path, args: &IndexArgs) -> Result<Exit> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(SEEDS)]
    } else {
        args.paths.clone()
    };
    let mut options = IndexOptions {
        rebuild: args.rebuild,
        ..IndexOptions::default()
    };
    if let Some(t) = args.threads {
        options.threads = t.max(1);
    }
    let report = build(dir, &paths, &options, args.quiet)?;
    if report.articles() == 0 {
        for path in report.unsupported.iter().take(NAMED_UNSUPPORTED) {
            eprintln!(
                "vsearch: skipped: {}: not a type vsearch reads",
                path.display()
            );
        }
        if report.unsupported.len() > NAMED_UNSUPPORTED {
            let more = report.unsupported.len() - NAMED_UNSUPPORTED;
            eprintln!("vsearch: skipped: {more} more files of types vsearch does not read");
        }
    }
    eprintln!("vsearch: {}", render::text::index_summary(&report));
    Ok(if report.skipped > 0 || report.articles() == 0 {
        Exit::Nothing
    } else {
        Exit::Found
    })
}

/// `vsearch stats`.
fn stats(dir: &Path, args: &StatsArgs) -> Result<Exit> {
    let stats = Engine::open(dir)?.stats()?;
    let mut out = io::stdout().lock();
    if args.json {
        render::json::stats(&mut out, &stats)?;
    } else {
        render::text::stats(&mut out, &stats)?;
    }
    Ok(Exit::Found)
}

/// `vsearch refs`.
fn refs(dir: &Path, args: &RefsArgs) -> Result<Exit> {
    let filter = (!args.query.is_empty()).then(|| args.query.join(" "));
    let refs = Engine::open(dir)?.refs(filter.as_deref())?;
    let shown = &refs[..refs.len().min(args.limit)];
    let mut out = io::stdout().lock();
    if args.json {
        render::json::refs(&mut out, shown)?;
    } else {
        render::text::refs(&mut out, shown)?;
    }
    Ok(if refs.is_empty() {
        Exit::Nothing
    } else {
        Exit::Found
    })
}
