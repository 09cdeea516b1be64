//! A search's deadline. The library checks the search's time budget
//! between its phases; a phase that runs on inside tantivy past the budget
//! and a grace second ends the process, exit 2, with the budget's message.
//!
//! The deadline is a timer signal (`SIGALRM`), not a thread: a search
//! starts no thread for it, and it is lifted once the search is done, so
//! that neither a pager held open nor a slow pipe cuts the output short.

use std::sync::OnceLock;
use std::time::Duration;

/// Past the budget, the time a phase has to reach its next check.
const GRACE: Duration = Duration::from_secs(1);

/// What the signal handler writes: composed before the timer is set, as a
/// handler may not allocate.
static MESSAGE: OnceLock<Vec<u8>> = OnceLock::new();

/// Ends the process `budget` and the grace second from now, unless
/// [`lift`] is called first.
pub(super) fn set(budget: Duration) {
    let message = format!("vsearch: {}\n", vsearch::Error::Timeout(budget));
    let _ = MESSAGE.set(message.into_bytes());
    let handler = expired as extern "C" fn(libc::c_int);
    // SAFETY: the handler calls only async-signal-safe functions.
    unsafe {
        libc::signal(libc::SIGALRM, handler as libc::sighandler_t);
    }
    timer(budget + GRACE);
}

/// Lifts the deadline.
pub(super) fn lift() {
    timer(Duration::ZERO);
}

/// Sets the process's real-time timer to fire once, `after` from now (a
/// zero duration disarms it).
fn timer(after: Duration) {
    let value = libc::timeval {
        tv_sec: libc::time_t::try_from(after.as_secs()).unwrap_or(libc::time_t::MAX),
        tv_usec: libc::suseconds_t::from(after.subsec_micros()),
    };
    let zero = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    let timer = libc::itimerval {
        it_interval: zero,
        it_value: value,
    };
    // SAFETY: `timer` is a valid value and the old one is not asked for.
    unsafe {
        libc::setitimer(libc::ITIMER_REAL, &timer, std::ptr::null_mut());
    }
}

extern "C" fn expired(_: libc::c_int) {
    if let Some(message) = MESSAGE.get() {
        // SAFETY: `write` is async-signal-safe and the message is never
        // freed.
        unsafe {
            libc::write(libc::STDERR_FILENO, message.as_ptr().cast(), message.len());
        }
    }
    // SAFETY: `_exit` is async-signal-safe.
    unsafe { libc::_exit(2) }
}
