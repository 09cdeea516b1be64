//! Extraction of the untrusted binary formats (PDF, DOCX, ODT) in a child
//! process, so that whatever a hostile file does to its parser (a stack
//! overflow, an abort, a decompression bomb, an endless loop) costs only
//! that file, which is named with the reason.
//!
//! The child is the indexing binary, run as `vsearch-index __extract EXT`
//! ([`CHILD_ARG`]): it limits its own address space beyond what it maps
//! at its start ([`memory_limit`]), its CPU time ([`CPU_SECONDS`]) and core
//! dumps, asks to be killed when the thread that started it ends (so an
//! interrupted run leaves no child behind), reads the file's bytes from its standard
//! input, and writes what it extracted as one JSON object to its standard
//! output. The parent kills it at the wall-clock limit and reads its exit
//! status and the first lines of its standard error to say why it failed.

use super::{no_text, parser, ExtractError};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::{Date, Lang, Meta};

use super::super::problem::Kind;

use super::document::{Body, Extracted, MAX_DOCUMENT_BYTES, PARSER_FAILED};
use super::Format;

/// The first argument that makes vsearch's binary an extraction child.
pub const CHILD_ARG: &str = "__extract";
/// CPU seconds a child may use.
const CPU_SECONDS: u64 = 30;
/// Address space a child may map whatever its file: the binary, the
/// parser's tables and the text of an ordinary document.
const MEMORY_BASE: u64 = 1 << 30;
/// The stack of the child's parsing thread: room for deeply nested
/// documents, and a known guard page, so an overflow is named as such.
const CHILD_STACK: usize = 64 << 20;
/// Standard error kept from a child, to tell why it died.
const STDERR_KEPT: usize = 4096;

/// The address space a child may map for a file of `size` bytes: 1 GiB
/// plus four times the file.
fn memory_limit(size: u64) -> u64 {
    MEMORY_BASE + size.saturating_mul(4)
}

/// What a child writes: the extraction, or why it failed.
#[derive(Default, Serialize, Deserialize)]
struct Wire {
    error: Option<ExtractError>,
    text: Option<String>,
    pages: Option<Vec<String>>,
    title: Option<String>,
    lang: Option<String>,
    date: Option<String>,
    source: Option<String>,
    notes: Vec<(Kind, String)>,
    from: Option<String>,
    parts: Vec<(String, Wire)>,
}

impl Wire {
    fn failed(why: ExtractError) -> Wire {
        Wire {
            error: Some(why),
            ..Wire::default()
        }
    }

    fn of_result(result: Result<Extracted, ExtractError>) -> Wire {
        result.map_or_else(Wire::failed, Wire::of)
    }

    fn of(extracted: Extracted) -> Wire {
        let (text, pages) = match extracted.body {
            Body::Text(t) => (Some(t), None),
            Body::Pages(p) => (None, Some(p)),
        };
        let meta = extracted.meta;
        Wire {
            error: None,
            text,
            pages,
            title: meta.title,
            lang: meta.lang.map(|l| l.code().to_string()),
            date: meta.date.map(|d| d.to_string()),
            source: meta.source,
            notes: extracted.notes,
            from: extracted.from,
            parts: (extracted.parts.into_iter())
                .map(|(suffix, part)| (suffix, Wire::of(part)))
                .collect(),
        }
    }

    fn into_extracted(self) -> Result<Extracted, ExtractError> {
        if let Some(why) = self.error {
            return Err(why);
        }
        let body = match (self.text, self.pages) {
            (Some(t), _) => Body::Text(t),
            (None, Some(p)) => Body::Pages(p),
            (None, None) => return Err(no_text("the parser gave no text")),
        };
        let meta = Meta {
            title: self.title,
            lang: self.lang.as_deref().and_then(Lang::from_tag),
            date: self.date.as_deref().and_then(Date::parse_iso),
            source: self.source,
        };
        let parts = (self.parts.into_iter())
            .map(|(suffix, part)| Ok((suffix, part.into_extracted()?)))
            .collect::<Result<_, ExtractError>>()?;
        Ok(Extracted {
            body,
            meta,
            notes: self.notes,
            from: self.from,
            parts,
        })
    }
}

/// The child's side: `args` are the arguments after [`CHILD_ARG`] (the
/// format's extension and the address-space limit in bytes). Exits 0
/// having written its answer, 2 when called wrongly.
pub fn child_main(args: &[std::ffi::OsString]) -> ExitCode {
    let ext = args.first().and_then(|a| a.to_str()).unwrap_or("");
    let memory = args.get(1).and_then(|a| a.to_str()?.parse::<u64>().ok());
    let extract = Format::of(Path::new(&format!("x.{ext}"))).and_then(Format::extractor);
    let (Some(extract), Some(memory)) = (extract, memory) else {
        eprintln!("vsearch: {CHILD_ARG} is vsearch's own extraction child; it takes EXT BYTES");
        return ExitCode::from(2);
    };
    limit_self(memory);
    let mut bytes = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes);
    let wire = match read {
        Err(e) => Wire::failed(parser(format!("cannot read the file from the parent: {e}"))),
        // On a thread of its own, whose stack overflow the runtime names.
        Ok(_) => std::thread::Builder::new()
            .stack_size(CHILD_STACK)
            .spawn(move || Wire::of_result(extract(&bytes)))
            .map_err(|e| parser(format!("cannot start the parser thread: {e}")))
            .and_then(|t| t.join().map_err(|_| parser(PARSER_FAILED)))
            .unwrap_or_else(Wire::failed),
    };
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, &wire).map_err(std::io::Error::from);
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

/// Sets the child's own limits: address space, CPU time, no core file,
/// and death with the thread that started it.
fn limit_self(memory: u64) {
    let set = |resource, value: u64| {
        let limit = libc::rlimit {
            rlim_cur: value,
            rlim_max: value,
        };
        // SAFETY: setrlimit reads the struct passed by reference only.
        unsafe { libc::setrlimit(resource, &limit) };
    };
    set(libc::RLIMIT_CORE, 0);
    set(libc::RLIMIT_CPU, CPU_SECONDS);
    // What is mapped already (the binary, the allocator's reserved arena)
    // is not the file's to use up.
    set(libc::RLIMIT_AS, mapped_bytes().saturating_add(memory));
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number; getppid
    // has no arguments. A parent gone before the prctl leaves us adopted
    // (parent 1): then exit at once.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() == 1 {
            libc::_exit(2);
        }
    }
}

/// The address space this process maps now, from `/proc/self/statm`
/// (its first field, in pages); 0 when it cannot be read.
fn mapped_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    // SAFETY: sysconf takes a constant and returns a number.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages.saturating_mul(u64::try_from(page).unwrap_or(4096))
}

/// The parent's side: extracts `bytes` of `format` in a child run as
/// `program`, killed after `limit`.
pub(crate) fn extract_in_child(
    program: &Path,
    format: Format,
    bytes: &[u8],
    limit: Duration,
) -> Result<Extracted, ExtractError> {
    let memory = memory_limit(bytes.len() as u64);
    let mut child = Command::new(program)
        .arg(CHILD_ARG)
        .arg(format.extension())
        .arg(memory.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            parser(format!(
                "cannot start the parser process {}: {e}",
                program.display()
            ))
        })?;
    let stdout = child.stdout.take().map(|mut out| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            out.read_to_end(&mut buf).map(|_| buf)
        })
    });
    let stderr = child.stderr.take().map(|err| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut err = err;
            let _ = (&mut err).take(STDERR_KEPT as u64).read_to_end(&mut buf);
            let _ = std::io::copy(&mut err, &mut std::io::sink());
            buf
        })
    });
    if let Some(mut input) = child.stdin.take() {
        // A child that died early closes the pipe; its status says why.
        let _ = input.write_all(bytes);
    }
    let status = wait(&mut child, limit);
    let out = stdout.and_then(|t| t.join().ok()).and_then(Result::ok);
    let err = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    let status = status.ok_or_else(|| {
        parser(format!(
            "reading it took longer than {} s; skipped",
            limit.as_secs_f64()
        ))
    })?;
    if status.success() {
        if let Some(wire) = out.and_then(|o| serde_json::from_slice::<Wire>(&o).ok()) {
            return wire.into_extracted();
        }
    }
    Err(parser(why_failed(
        status,
        &String::from_utf8_lossy(&err),
        memory,
    )))
}

/// Waits for `child` up to `limit`, then kills it: its exit status, or
/// `None` when it was killed for taking too long.
fn wait(child: &mut std::process::Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    let mut pause = Duration::from_micros(200);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Why a child failed, from how it ended and what it said.
fn why_failed(status: std::process::ExitStatus, stderr: &str, memory: u64) -> String {
    use std::os::unix::process::ExitStatusExt;
    if stderr.contains("memory allocation of") || stderr.contains("capacity overflow") {
        return format!(
            "reading it needed more than {} MiB of memory; skipped",
            memory >> 20
        );
    }
    if stderr.contains("has overflowed its stack") {
        return "nested too deeply to read (the parser ran out of stack); skipped".into();
    }
    match status.signal() {
        Some(libc::SIGXCPU) => {
            format!("reading it took more than {CPU_SECONDS} s of CPU time; skipped")
        }
        Some(libc::SIGKILL) => "the parser was killed (out of memory?); skipped".into(),
        Some(signal) => {
            format!("the parser crashed on this file (signal {signal}); skipped")
        }
        None => format!(
            "the parser failed on this file (exit status {}); skipped",
            status.code().unwrap_or(-1)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Extracted {
        Extracted {
            body: Body::Pages(vec!["Seite eins.".into(), "Trang hai.".into()]),
            meta: Meta {
                title: Some("Bericht".into()),
                lang: Some(Lang::DE),
                date: Date::new(2025, 3, 4),
                source: Some("https://example.org/a".into()),
            },
            notes: vec![(Kind::Other, "page 3 could not be read (x)".into())],
            from: None,
            parts: vec![(
                "#2".into(),
                Extracted::text("Thư thứ hai.".into(), Meta::default()),
            )],
        }
    }

    #[test]
    fn an_extraction_crosses_the_wire_unchanged() {
        let json = serde_json::to_vec(&Wire::of(sample())).unwrap();
        let back = serde_json::from_slice::<Wire>(&json).unwrap();
        assert_eq!(back.into_extracted(), Ok(sample()));
        // A failure keeps its kind and its words.
        let locked = ExtractError::Encrypted("PDF".into());
        let json = serde_json::to_vec(&Wire::of_result(Err(locked.clone()))).unwrap();
        let back = serde_json::from_slice::<Wire>(&json).unwrap();
        assert_eq!(back.into_extracted(), Err(locked));
        assert_eq!(
            ExtractError::Encrypted("PDF".into()).to_string(),
            "encrypted PDF: it needs a password, which vsearch does not ask for"
        );
    }

    #[test]
    fn a_child_past_its_time_is_killed_and_reaped() {
        let mut child = Command::new("sleep").arg("30").spawn().unwrap();
        let started = Instant::now();
        assert_eq!(wait(&mut child, Duration::from_millis(200)), None);
        assert!(started.elapsed() < Duration::from_secs(5));
        // Reaped: nothing is left to wait for.
        assert!(child.try_wait().unwrap().is_some());
        let mut quick = Command::new("true").spawn().unwrap();
        assert!(wait(&mut quick, Duration::from_secs(5)).unwrap().success());
    }

    #[test]
    fn a_failed_child_says_why() {
        use std::os::unix::process::ExitStatusExt;
        let signal = |s: i32| std::process::ExitStatus::from_raw(s);
        assert_eq!(
            why_failed(
                signal(6),
                "memory allocation of 4294967296 bytes failed\n",
                1 << 30
            ),
            "reading it needed more than 1024 MiB of memory; skipped"
        );
        assert_eq!(
            why_failed(
                signal(11),
                "thread 'main' has overflowed its stack\n",
                1 << 30
            ),
            "nested too deeply to read (the parser ran out of stack); skipped"
        );
        assert_eq!(
            why_failed(signal(libc::SIGXCPU), "", 1 << 30),
            "reading it took more than 30 s of CPU time; skipped"
        );
        assert_eq!(
            why_failed(signal(4), "", 1 << 30),
            "the parser crashed on this file (signal 4); skipped"
        );
    }
}
