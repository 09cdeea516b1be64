//! The stage timings of an indexing run (`vsearch index --timings`) as a
//! table: seconds per stage and the input's MB/s through it.

use std::io::{self, Write};
use std::time::Duration;

use crate::pipeline::IndexReport;

/// One row: the stage, its seconds and, for a stage that works through
/// the input, the input's MB/s.
fn row(out: &mut impl Write, stage: &str, time: Duration, mb: Option<f64>) -> io::Result<()> {
    let secs = time.as_secs_f64();
    let rate = match mb {
        Some(mb) if secs > 0.0 => format!("{:>9.1}", mb / secs),
        _ => format!("{:>9}", "-"),
    };
    writeln!(out, "{stage:<40}{secs:>8.2}{rate}")
}

/// Writes the stage timings of `report`.
pub fn index_timings(out: &mut impl Write, report: &IndexReport) -> io::Result<()> {
    let t = &report.timings;
    let mb = Some(report.bytes as f64 / 1e6);
    writeln!(out, "{:<40}{:>8}{:>9}", "stage", "seconds", "MB/s")?;
    row(out, "read: files to passages", t.read, mb)?;
    row(
        out,
        "documents: passages to index documents",
        t.documents,
        mb,
    )?;
    row(
        out,
        "hand-over: waiting for the indexers",
        t.hand_over,
        None,
    )?;
    row(out, "commit: last segments, merges", t.commit, None)?;
    if let Some(cpu) = t.reader_cpu {
        row(out, "reading thread, CPU", cpu, mb)?;
    }
    if let Some(cpu) = t.indexer_cpu() {
        row(out, "indexing threads, CPU", cpu, mb)?;
    }
    let wall = Duration::from_secs_f64(report.seconds);
    row(out, "whole run, wall", wall, mb)?;
    if let Some(cpu) = t.process_cpu {
        row(out, "whole run, CPU", cpu, mb)?;
        let cores = cpu.as_secs_f64() / report.seconds.max(1e-9);
        writeln!(out, "cores busy on average: {cores:.2}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Timings;

    #[test]
    fn stages_with_their_seconds_and_rates() {
        let report = IndexReport {
            bytes: 100_000_000,
            seconds: 5.0,
            timings: Timings {
                read: Duration::from_millis(1250),
                documents: Duration::from_millis(500),
                hand_over: Duration::from_secs(3),
                commit: Duration::from_millis(250),
                reader_cpu: Some(Duration::from_secs(2)),
                process_cpu: Some(Duration::from_secs(9)),
            },
            ..IndexReport::default()
        };
        let mut out = Vec::new();
        index_timings(&mut out, &report).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "stage                                    seconds     MB/s",
                "read: files to passages                     1.25     80.0",
                "documents: passages to index documents      0.50    200.0",
                "hand-over: waiting for the indexers         3.00        -",
                "commit: last segments, merges               0.25        -",
                "reading thread, CPU                         2.00     50.0",
                "indexing threads, CPU                       7.00     14.3",
                "whole run, wall                             5.00     20.0",
                "whole run, CPU                              9.00     11.1",
                "cores busy on average: 1.80",
            ]
        );
    }
}
