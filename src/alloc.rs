//! The allocator, chosen for the command. `vsearch index` and `vsearch
//! serve` allocate on many threads for long: mimalloc's thread-local heaps
//! serve them at a fraction of the C library's cost (an indexing run's CPU
//! -14%). A search, `show` or any other one-shot command allocates less
//! than a megabyte on one thread and exits within milliseconds; there
//! mimalloc's own set-up (its arena's bitmaps, a fresh page for each size
//! of block) touches more new memory than the C library's heap, about 180
//! more page faults a search (a millisecond on a small VM).
//!
//! The choice is made once, at the first allocation, from the command line,
//! read from `/proc/self/cmdline` (nothing can be allocated then); every
//! allocation and every free of the process follows it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

use mimalloc::MiMalloc;

/// mimalloc or the C library's allocator, by the command (see above).
pub struct Allocator;

const UNDECIDED: u8 = 0;
const SYSTEM: u8 = 1;
const MIMALLOC: u8 = 2;

static CHOICE: AtomicU8 = AtomicU8::new(UNDECIDED);

/// The commands that run long, on many threads.
const LONG_RUNNING: [&[u8]; 2] = [b"index", b"serve"];

/// Whether this process allocates with mimalloc.
#[inline]
fn mimalloc() -> bool {
    match CHOICE.load(Ordering::Relaxed) {
        SYSTEM => false,
        MIMALLOC => true,
        _ => decide(),
    }
}

#[cold]
fn decide() -> bool {
    let choice = if runs_long() { MIMALLOC } else { SYSTEM };
    match CHOICE.compare_exchange(UNDECIDED, choice, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => choice == MIMALLOC,
        Err(first) => first == MIMALLOC,
    }
}

/// Whether an argument among the first kilobyte of the command line is
/// `index` or `serve`. A search for the word "index" is taken for one too:
/// the choice costs time, never a result. Without `/proc`, mimalloc.
fn runs_long() -> bool {
    let mut line = [0u8; 1024];
    let Some(len) = command_line(&mut line) else {
        return true;
    };
    names_long_running(&line[..len])
}

/// Whether a command line (NUL-separated, the program first) names a
/// long-running command.
fn names_long_running(line: &[u8]) -> bool {
    (line.split(|&b| b == 0).skip(1)).any(|arg| LONG_RUNNING.contains(&arg))
}

/// Reads the start of the process's command line (its arguments, each
/// ended by a NUL) into `line`, without allocating.
fn command_line(line: &mut [u8]) -> Option<usize> {
    // SAFETY: the path is NUL-terminated, `read` writes at most
    // `line.len()` bytes into `line`, and the descriptor is closed once.
    unsafe {
        let fd = libc::open(
            c"/proc/self/cmdline".as_ptr(),
            libc::O_RDONLY | libc::O_CLOEXEC,
        );
        if fd < 0 {
            return None;
        }
        let read = libc::read(fd, line.as_mut_ptr().cast(), line.len());
        libc::close(fd);
        usize::try_from(read).ok()
    }
}

// SAFETY: every call goes to one of two allocators, the same one for the
// whole process (`CHOICE` is set once, before the first allocation
// returns), so each block is freed or grown by the allocator that made it.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if mimalloc() {
            MiMalloc.alloc(layout)
        } else {
            System.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if mimalloc() {
            MiMalloc.alloc_zeroed(layout)
        } else {
            System.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if mimalloc() {
            MiMalloc.dealloc(ptr, layout)
        } else {
            System.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if mimalloc() {
            MiMalloc.realloc(ptr, layout, new_size)
        } else {
            System.realloc(ptr, layout, new_size)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_and_serve_take_mimalloc_wherever_they_stand() {
        assert!(names_long_running(b"vsearch\0index\0a.pdf\0"));
        assert!(names_long_running(b"vsearch\0--index\0/tmp/x\0serve\0"));
        assert!(names_long_running(b"vsearch\0search\0index\0"));
    }

    #[test]
    fn searches_and_the_program_name_do_not() {
        assert!(!names_long_running(
            b"vsearch\0--index\0/tmp/x\0Krankenhaus\0"
        ));
        assert!(!names_long_running(b"index\0show\0a1\0"));
        assert!(!names_long_running(b"vsearch\0indexes\0"));
        assert!(!names_long_running(b"vsearch\0"));
    }

    /// The program's path leads the line; a test binary's path is as long
    /// as the folder it was built in, so the buffer holds any path.
    #[test]
    fn this_process_reads_its_command_line() {
        use std::os::unix::ffi::OsStrExt;
        let mut line = [0u8; libc::PATH_MAX as usize + 1];
        let len = command_line(&mut line).expect("/proc/self/cmdline");
        let program = line[..len].split(|&b| b == 0).next();
        let expected = std::env::args_os().next().expect("a program name");
        assert_eq!(program, Some(expected.as_bytes()));
    }
}
