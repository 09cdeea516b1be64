//! A batch: many queries run with the same parameters, as a newsroom
//! checks a list of names against a leak (ICIJ Datashare's batch search).
//! The list is text, one query per line, or a CSV file's column; every
//! front end reads it here and runs it through [`Engine::batch`], so the
//! command line and the web page give the same rows.

use crate::{Error, Result};

use super::{Engine, Params, Results};

/// The most queries one batch runs.
pub const MAX_BATCH: usize = 10_000;

/// The queries of a list: its non-blank lines, trimmed, or, for a CSV
/// file (`csv`), the cells of the column named `column` (default the
/// first) below the header row. Errors name what is wrong; more than
/// [`MAX_BATCH`] queries is one.
pub fn batch_queries(text: &str, csv: bool, column: Option<&str>) -> Result<Vec<String>> {
    let queries: Vec<String> = if csv {
        csv_column(text, column)?
    } else {
        text.lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    if queries.len() > MAX_BATCH {
        return Err(Error::QueryLimit {
            what: "queries in the batch",
            found: queries.len(),
            limit: MAX_BATCH,
        });
    }
    Ok(queries)
}

/// The non-blank cells of one column of a CSV text with a header row.
fn csv_column(text: &str, column: Option<&str>) -> Result<Vec<String>> {
    let mut reader = crate::ingest::csv_reader(text).from_reader(text.as_bytes());
    let bad = |e: csv::Error| Error::InvalidValue {
        what: "batch CSV".into(),
        value: e.to_string(),
        expected: "a CSV file whose first row names its columns".into(),
    };
    let headers = reader.headers().map_err(bad)?.clone();
    let at = match column {
        None => 0,
        Some(name) => (headers.iter())
            .position(|h| h.trim() == name)
            .ok_or_else(|| Error::InvalidValue {
                what: "column".into(),
                value: name.into(),
                expected: "the name of a column in the batch file's first row".into(),
            })?,
    };
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(bad)?;
        let cell = record.get(at).unwrap_or_default().trim();
        if !cell.is_empty() {
            out.push(cell.to_string());
        }
    }
    Ok(out)
}

impl Engine {
    /// Runs each of `queries` with the other parameters of `params`,
    /// calling `each` with every result
    /// in order. A query that cannot be run (a syntax error, too big) is
    /// an error naming it; nothing after it runs.
    pub fn batch(
        &self,
        queries: &[String],
        params: &Params,
        mut each: impl FnMut(&Results) -> Result<()>,
    ) -> Result<()> {
        for query in queries {
            let params = Params {
                query: query.clone(),
                ..params.clone()
            };
            let results = self.search(&params.request()?)?;
            each(&results)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_its_lines_and_a_csv_its_column() {
        let list = "Nguyễn Văn An\n\n  Trịnh Xuân Thanh  \n";
        assert_eq!(
            batch_queries(list, false, None).unwrap(),
            ["Nguyễn Văn An", "Trịnh Xuân Thanh"]
        );
        let csv = "id;name;note\n1;Nguyễn Văn An;x\n2;;y\n3;\"Müller; Hans\";z\n";
        assert_eq!(
            batch_queries(csv, true, Some("name")).unwrap(),
            ["Nguyễn Văn An", "Müller; Hans"]
        );
        assert_eq!(batch_queries(csv, true, None).unwrap(), ["1", "2", "3"]);
        let err = batch_queries(csv, true, Some("Name")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid column \"Name\": the name of a column in the batch file's first row"
        );
    }
}
