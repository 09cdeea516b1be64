//! The `vsearch` binary: parses arguments, calls the library, prints, and
//! maps the outcome to an exit code (0 found, 1 nothing found or inputs
//! skipped, 2 error, 130 indexing interrupted by Ctrl-C or SIGTERM).

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use cli::{Cli, ColorChoice, Command, IndexArgs, SearchArgs};
use vsearch::index::{self, IndexOptions, IndexReport, Observer};
use vsearch::ingest::Problem;
use vsearch::search::Engine;
use vsearch::{render, stats};

/// Tantivy's indexing threads allocate and free small buffers per document;
/// mimalloc's thread-local heaps do that for a fraction of glibc's cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Where the bundled articles live.
const SEEDS: &str = "seeds";

fn main() -> ExitCode {
    let args = cli::with_default_command(std::env::args_os().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("vsearch: {e:#}");
            let interrupted = e.chain().any(|c| {
                matches!(
                    c.downcast_ref::<vsearch::Error>(),
                    Some(vsearch::Error::Interrupted)
                )
            });
            ExitCode::from(if interrupted { 130 } else { 2 })
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Search(args) => search(&cli.index, &args, false),
        Command::Articles(args) => search(&cli.index, &args, true),
        Command::Index(args) => index_command(&cli.index, &args),
        Command::Stats(args) => {
            let engine = Engine::open(&cli.index)?;
            let s = stats::stats(&engine, &cli.index)?;
            let mut out = io::stdout().lock();
            if args.json {
                serde_json::to_writer(&mut out, &s)?;
                writeln!(out)?;
            } else {
                write_stats(&mut out, &s)?;
            }
            Ok(0)
        }
        Command::Refs(args) => {
            let engine = Engine::open(&cli.index)?;
            let filter = (!args.query.is_empty()).then(|| args.query.join(" "));
            let refs = stats::list_refs(&engine, filter.as_deref())?;
            let mut out = io::stdout().lock();
            let shown = &refs[..refs.len().min(args.limit)];
            if args.json {
                serde_json::to_writer(&mut out, shown)?;
                writeln!(out)?;
            } else {
                for r in shown {
                    writeln!(
                        out,
                        "{:<16} {:>3} article{} {:>4} passage{}  {}",
                        r.display,
                        r.articles,
                        if r.articles == 1 { " " } else { "s" },
                        r.passages,
                        if r.passages == 1 { " " } else { "s" },
                        r.langs.join(",")
                    )?;
                }
            }
            Ok(if refs.is_empty() { 1 } else { 0 })
        }
    }
}

fn write_stats(out: &mut dyn Write, s: &stats::Stats) -> io::Result<()> {
    use render::plural;
    writeln!(out, "articles:  {}", s.articles)?;
    writeln!(out, "passages:  {}", s.passages)?;
    for (lang, c) in &s.languages {
        writeln!(
            out,
            "  {lang}: {}, {}",
            plural(c.articles, "article"),
            plural(c.passages, "passage")
        )?;
    }
    match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => writeln!(out, "dates:     {a} to {b}")?,
        _ => writeln!(out, "dates:     none")?,
    }
    writeln!(out, "undated:   {}", plural(s.undated_articles, "article"))?;
    writeln!(
        out,
        "size:      {:.1} MB in {}",
        s.size_bytes as f64 / 1e6,
        plural(s.segments as u64, "segment")
    )?;
    writeln!(out, "schema:    version {}", s.schema_version)
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

fn search(index_dir: &Path, args: &SearchArgs, articles: bool) -> Result<u8> {
    let mut request = args.request()?;
    if articles && request.per_article.is_none() {
        request.per_article = Some(1);
    }
    if index_dir.is_file() {
        return Err(vsearch::Error::NotADirectory(index_dir.to_path_buf()).into());
    }
    if !index::exists(index_dir) {
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
        eprintln!("vsearch: {}", summary(&report));
    }
    let engine = Engine::open(index_dir)?;
    let results = engine.search(&request)?;
    let mut out = io::stdout().lock();
    if args.json {
        render::json(&mut out, &results)?;
    } else {
        render::human(&mut out, &results, use_color(args.color))?;
    }
    out.flush()?;
    Ok(if results.hits.is_empty() { 1 } else { 0 })
}

/// Reports problems on stderr and progress on a terminal.
struct Reporter {
    bar: Option<ProgressBar>,
}

impl Observer for Reporter {
    fn problem(&mut self, p: &Problem) {
        let kind = if p.skipped { "skipped" } else { "warning" };
        let line = format!("vsearch: {kind}: {p}");
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn progress(&mut self, done: u64, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    }
}

fn summary(r: &IndexReport) -> String {
    let mut s = format!(
        "indexed {} articles ({} added, {} updated, {} unchanged), {} passages written, {:.1} MB in {:.2} s",
        r.added + r.updated + r.unchanged,
        r.added,
        r.updated,
        r.unchanged,
        r.passages,
        r.bytes as f64 / 1e6,
        r.seconds
    );
    if r.skipped > 0 {
        s.push_str(&format!(
            "; skipped {} files or lines: see above",
            r.skipped
        ));
    }
    if r.warnings > 0 {
        s.push_str(&format!("; {} warnings", r.warnings));
    }
    s
}

fn build(
    dir: &Path,
    paths: &[PathBuf],
    options: &IndexOptions,
    quiet: bool,
) -> Result<IndexReport> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    // Ctrl-C or SIGTERM stops at the next article without committing; a
    // second one quits at once. The last commit is intact either way.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let bar = (!quiet && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut reporter = Reporter { bar };
    let result = index::index_paths(dir, paths, options, &mut reporter, &cancel);
    if let Some(bar) = reporter.bar.take() {
        bar.finish_and_clear();
    }
    result.with_context(|| format!("indexing into {}", dir.display()))
}

fn index_command(dir: &Path, args: &IndexArgs) -> Result<u8> {
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
    eprintln!("vsearch: {}", summary(&report));
    Ok(if report.skipped > 0 { 1 } else { 0 })
}
