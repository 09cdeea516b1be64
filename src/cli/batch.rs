//! `vsearch batch FILE`: every query of a list run with the same options,
//! written as rows ([`render::csv`], or JSON Lines with `--json`).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use vsearch::{render, Results};

use super::args::BatchArgs;
use super::{found, searchable, Cli, Exit};

/// Runs the batch in `args` on the index in `index_dir`.
pub(super) fn run(index_dir: &Path, cli: &Cli, args: &BatchArgs) -> Result<Exit> {
    let options = &args.options;
    if options.explain || options.facets {
        bail!("batch writes one row per hit: --explain and --facets do not apply to it");
    }
    let queries = read_queries(args)?;
    let params = options.params(String::new());
    let engine = searchable(index_dir, cli)?;
    let mut out: Box<dyn Write> = match &args.output_file {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("{}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut rows_out = match options.output.json {
        true => Rows::Json(&mut *out),
        false => Rows::Csv(Box::new(render::csv::Sheet::new(&mut *out)?)),
    };
    let (mut with_hits, mut rows) = (0, 0);
    engine
        .batch(&queries, &params, |results| {
            with_hits += usize::from(!results.hits.is_empty());
            rows += results.hits.len().max(1);
            rows_out.write(results).map_err(|error| vsearch::Error::Io {
                path: args.output_file.clone().unwrap_or("standard output".into()),
                error,
            })
        })
        .map_err(super::flags::named)?;
    drop(rows_out);
    out.flush()?;
    eprintln!(
        "vsearch: {} queries, {with_hits} with hits, {rows} rows",
        queries.len()
    );
    Ok(found(with_hits > 0))
}

/// The queries of the batch file: lines, or a CSV column (a `.csv` file,
/// or `--column` given).
fn read_queries(args: &BatchArgs) -> Result<Vec<String>> {
    let file = &args.file;
    let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    let csv = args.column.is_some()
        || file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let queries = vsearch::batch_queries(&text, csv, args.column.as_deref())
        .with_context(|| format!("{}", file.display()))?;
    if queries.is_empty() {
        bail!("{}: no queries in it (one per line)", file.display());
    }
    Ok(queries)
}

/// Where the rows go: a CSV sheet, or JSON Lines.
enum Rows<'w> {
    Csv(Box<render::csv::Sheet<'w>>),
    Json(&'w mut dyn Write),
}

impl Rows<'_> {
    fn write(&mut self, results: &Results) -> io::Result<()> {
        match self {
            Rows::Csv(sheet) => sheet.results(results),
            Rows::Json(out) => render::json::rows(*out, results),
        }
    }
}
