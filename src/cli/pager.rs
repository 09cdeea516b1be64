//! Long output on a terminal goes through `$PAGER` (default `less -FRX`),
//! as git does; piped output, `--no-pager` and short output are written
//! straight out.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// Where a command's output goes: collected first when it may be paged.
pub struct Output {
    buffer: Option<Vec<u8>>,
}

impl Output {
    /// An output that pages when stdout is a terminal, unless `no_pager`.
    pub fn new(no_pager: bool) -> Output {
        let page = !no_pager && io::stdout().is_terminal();
        Output {
            buffer: page.then(Vec::new),
        }
    }

    /// Writes `render` into the output, then pages it when it is longer
    /// than the terminal.
    pub fn write(self, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let Some(mut buffer) = self.buffer else {
            let mut out = io::stdout().lock();
            render(&mut out)?;
            return out.flush();
        };
        render(&mut buffer)?;
        let rows = terminal_size::terminal_size().map_or(24, |(_, h)| usize::from(h.0));
        let lines = buffer.iter().filter(|b| **b == b'\n').count();
        if lines < rows || page(&buffer).is_err() {
            let mut out = io::stdout().lock();
            out.write_all(&buffer)?;
            out.flush()?;
        }
        Ok(())
    }
}

/// Runs the pager on `text`; an error when it cannot be started.
fn page(text: &[u8]) -> io::Result<()> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -FRX".into());
    let mut child = Command::new("sh")
        .args(["-c", &pager])
        .env(
            "LESS",
            std::env::var("LESS").unwrap_or_else(|_| "FRX".into()),
        )
        .stdin(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A pager quit early closes the pipe: not an error.
        let _ = stdin.write_all(text);
    }
    child.wait()?;
    Ok(())
}

/// The width to wrap text to: the terminal's, or `COLUMNS` when piped.
pub fn width() -> Option<usize> {
    if io::stdout().is_terminal() {
        return terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
    }
    std::env::var("COLUMNS").ok()?.trim().parse().ok()
}
