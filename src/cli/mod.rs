//! The command line: arguments ([`args`]), which index to use
//! ([`location`]), one function per command, index runs and the binary
//! that runs them ([`indexing`]), paging and wrapping ([`pager`]), the
//! progress of an indexing run ([`progress`]), a search's deadline
//! ([`deadline`]) and exit codes ([`exit`]). It turns arguments into
//! library calls and prints what they return.

mod args;
mod batch;
mod deadline;
mod exit;
mod flags;
mod indexing;
mod location;
mod pager;
mod progress;
pub mod remedy;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::CommandFactory;

pub use args::{parse, Cli};
use args::{ColorChoice, Command, OutputArgs, RefsArgs, SearchArgs, ShowArgs};
pub use exit::Exit;
pub use indexing::IndexFn;
use location::Location;
use pager::Output;
use vsearch::render::text::Layout;
use vsearch::{render, Engine};

/// What a command line asks for once the CLI has done its part: an exit
/// code, or a server to run (`vsearch serve`), which is the server's front
/// end and not the CLI's, so the binary starts it.
pub enum Outcome {
    /// The command ran; exit so.
    Exit(Exit),
    /// Serve the index in `dir` on `listen`, with the extra synonyms file.
    Serve {
        /// The index folder, built from the seeds when it was missing.
        dir: PathBuf,
        /// The address to listen on.
        listen: std::net::SocketAddr,
        /// Synonyms besides the index folder's.
        synonyms: Option<PathBuf>,
        /// Bytes of recent results to keep (0: none).
        cache: usize,
    },
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    if let Command::Serve(args) = &cli.command {
        let at = location::resolve(cli.index.clone())?;
        serve_ready(&at.dir, &cli)?;
        return Ok(Outcome::Serve {
            dir: at.dir,
            listen: args.listen,
            synonyms: cli.synonyms.clone(),
            cache: usize::from(args.cache_mb) << 20,
        });
    }
    command(cli).map(Outcome::Exit)
}

/// Runs a command other than `serve`.
fn command(cli: Cli) -> Result<Exit> {
    match &cli.command {
        Command::Completions(args) => return completions(args.shell),
        Command::Man(args) => return man(args.dir.as_deref()),
        _ => {}
    }
    let at = location::resolve(cli.index.clone())?;
    match &cli.command {
        Command::Search(args) => search(&at.dir, &cli, args, false),
        Command::Articles(args) => search(&at.dir, &cli, args, true),
        Command::Show(args) => show(&at.dir, &cli, args),
        Command::Index(args) => indexing::index(&at.dir, &cli, args),
        Command::Stats(args) => stats(&at, args.json),
        Command::Refs(args) => refs(&at.dir, args),
        Command::Check => check(&at.dir),
        Command::Serve(_) => unreachable!("run hands `serve` to the server"),
        Command::Batch(args) => batch::run(&at.dir, &cli, args),
        Command::Completions(_) | Command::Man(_) => unreachable!("handled above"),
    }
}

fn completions(shell: clap_complete::Shell) -> Result<Exit> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "vsearch", &mut io::stdout());
    Ok(Exit::Found)
}

fn man(dir: Option<&Path>) -> Result<Exit> {
    match dir {
        None => clap_mangen::Man::new(Cli::command()).render(&mut io::stdout())?,
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
            clap_mangen::generate_to(Cli::command(), dir)
                .with_context(|| format!("writing man pages into {}", dir.display()))?;
        }
    }
    Ok(Exit::Found)
}

/// The text layout: colour and the width to wrap to.
fn layout(output: &OutputArgs) -> Layout {
    let color = match output.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    Layout {
        color,
        width: pager::width(),
    }
}

fn found(any: bool) -> Exit {
    if any {
        Exit::Found
    } else {
        Exit::Nothing
    }
}

/// `vsearch search` and `vsearch articles`: text and JSON alike list each
/// article once unless `--passages` (which `articles` ignores).
fn search(index_dir: &Path, cli: &Cli, args: &SearchArgs, articles: bool) -> Result<Exit> {
    let options = &args.options;
    let mut params = options.params(args.query.join(" "));
    params.passages &= !articles;
    let request = params.request().map_err(flags::named)?;
    let engine = searchable(index_dir, cli)?;
    if let Some(budget) = request.timeout {
        deadline::set(budget);
    }
    let results = engine.search(&request);
    deadline::lift();
    let results = results?;
    let layout = layout(&options.output);
    let plain = options.output.no_pager || options.output.json || args.csv;
    Output::new(plain).write(|out| {
        if args.csv {
            render::csv::results(out, &results)
        } else if options.output.json {
            render::json::results(out, &results)
        } else {
            render::text::results(out, &results, layout)
        }
    })?;
    // `-n 0` asks for the counts only: hits found still means 0.
    Ok(found(
        !results.hits.is_empty() || results.total_hits + results.partial_hits > 0,
    ))
}

/// The index to search, built from the seeds first when there is none
/// (and said so).
fn searchable(index_dir: &Path, cli: &Cli) -> Result<Engine> {
    if !vsearch::index_exists(index_dir)? {
        indexing::build_from_seeds(index_dir, cli)?;
    }
    open(index_dir, cli)
}

/// The index for searching, with `--synonyms` when given.
fn open(index_dir: &Path, cli: &Cli) -> Result<Engine> {
    let mut engine = Engine::open(index_dir)?;
    if let Some(model) = &cli.model {
        engine.set_model(model);
    }
    if let Some(file) = &cli.synonyms {
        engine.add_synonyms(file)?;
    }
    Ok(engine)
}

/// `vsearch show ID [QUERY]`.
fn show(index_dir: &Path, cli: &Cli, args: &ShowArgs) -> Result<Exit> {
    let engine = open(index_dir, cli)?;
    let query = (!args.query.is_empty()).then(|| args.query.join(" "));
    let mut article = engine.article(&args.id, query.as_deref())?;
    if article.is_none() {
        // A path, absolute or from here, names its file's article whatever
        // folder it was indexed from.
        let key = vsearch::file_key(Path::new(&args.id));
        if let Some(id) = key
            .map(|k| engine.article_of_file(&k))
            .transpose()?
            .flatten()
        {
            article = engine.article(&id, query.as_deref())?;
        }
    }
    let Some(article) = article else {
        eprintln!(
            "vsearch: no article {} in {}; search results give each hit's id",
            vsearch::quoted(&args.id),
            render::text::path(index_dir)
        );
        return Ok(Exit::Nothing);
    };
    let layout = layout(&args.output);
    Output::new(args.output.no_pager || args.output.json).write(|out| {
        if args.output.json {
            render::json::article(out, &article)
        } else {
            render::text::article(out, &article, layout)
        }
    })?;
    Ok(Exit::Found)
}

/// `vsearch stats`: what the index holds, and which index it is.
fn stats(at: &Location, json: bool) -> Result<Exit> {
    let stats = Engine::open(&at.dir)?.stats()?;
    Output::new(true).write(|out| {
        if json {
            render::json::stats(out, &stats)
        } else {
            let shown = std::path::absolute(&at.dir).unwrap_or_else(|_| at.dir.clone());
            writeln!(
                out,
                "index:     {} ({})",
                render::text::path(&shown),
                at.why
            )?;
            render::text::stats(out, &stats)
        }
    })?;
    Ok(Exit::Found)
}

/// `vsearch check`: each problem on a line, then a verdict; exit 2 when
/// anything is wrong.
fn check(dir: &Path) -> Result<Exit> {
    let report = vsearch::check(dir)?;
    for problem in &report.problems {
        eprintln!("vsearch: {}: {problem}", render::text::path(dir));
    }
    if !report.problems.is_empty() {
        anyhow::bail!(
            "{}: the index is damaged; rebuild it with `vsearch index --rebuild`",
            dir.display()
        );
    }
    println!(
        "{}: ok: {} verified, {} in {}",
        render::text::path(dir),
        render::text::count(report.files, "file"),
        render::text::count(report.passages, "passage"),
        render::text::count(report.articles, "article")
    );
    Ok(Exit::Found)
}

/// Before `vsearch serve`: the first run without an index builds one from
/// `seeds/`, as the first search does, and says so.
fn serve_ready(index_dir: &Path, cli: &Cli) -> Result<()> {
    if !vsearch::index_exists(index_dir)? {
        indexing::build_from_seeds(index_dir, cli)?;
    }
    Ok(())
}

/// `vsearch refs`.
fn refs(dir: &Path, args: &RefsArgs) -> Result<Exit> {
    let params = vsearch::RefsParams {
        filter: (!args.query.is_empty()).then(|| args.query.join(" ")),
        limit: args.limit,
    };
    params.check().map_err(flags::named)?;
    let refs = Engine::open(dir)?.refs(params.filter.as_deref())?;
    let shown = &refs[..refs.len().min(params.limit)];
    Output::new(true).write(|out| {
        if args.json {
            render::json::refs(out, shown)
        } else {
            render::text::refs(out, shown)
        }
    })?;
    Ok(found(!refs.is_empty()))
}
