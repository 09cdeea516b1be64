//! Where an indexing run spends its time, stage by stage: the reading
//! thread's wall time per stage, and the CPU time of the reading thread and
//! of the whole process, so the indexing threads' share shows too.

use std::time::{Duration, Instant};

/// The stages of an indexing run and their times.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timings {
    /// Reading files and records, decoding, extracting text, cleaning it
    /// and cutting it into passages (wall time, reading thread).
    pub read: Duration,
    /// Building the index documents of the passages, document references
    /// included (wall time, reading thread).
    pub documents: Duration,
    /// Handing documents to the indexing threads, waiting while too much
    /// is queued for them (wall time, reading thread).
    pub hand_over: Duration,
    /// The commit: the last segments written and merges finished.
    pub commit: Duration,
    /// CPU time of the reading thread, where the platform tells it.
    pub reader_cpu: Option<Duration>,
    /// CPU time of the whole process, where the platform tells it: the
    /// reading thread, the indexing threads (analysis, postings), the
    /// document store's compression and merges.
    pub process_cpu: Option<Duration>,
}

impl Timings {
    /// CPU time outside the reading thread: the indexing threads, the
    /// document store's compression and merges.
    pub fn indexer_cpu(&self) -> Option<Duration> {
        Some(self.process_cpu?.saturating_sub(self.reader_cpu?))
    }
}

/// The CPU time used so far, from the first line of a `/proc` stat file:
/// user and system time in clock ticks, fields 14 and 15. Linux's ticks
/// are 1/100 s for every program (`USER_HZ`).
fn cpu_from_stat(stat: &str) -> Option<Duration> {
    // The command name, field 2, may hold spaces: count after its `)`.
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    // Fields 14 and 15 are the 12th and 13th after the name.
    Some(Duration::from_millis((ticks(11)? + ticks(12)?) * 10))
}

/// CPU time of the calling thread (`None` where `/proc` does not tell).
pub(crate) fn thread_cpu() -> Option<Duration> {
    cpu_from_stat(&std::fs::read_to_string("/proc/thread-self/stat").ok()?)
}

/// CPU time of the process (`None` where `/proc` does not tell).
pub fn process_cpu() -> Option<Duration> {
    cpu_from_stat(&std::fs::read_to_string("/proc/self/stat").ok()?)
}

/// Adds the time since it last looked to one stage after another.
pub(crate) struct Stopwatch(Instant);

impl Stopwatch {
    pub(crate) fn start() -> Stopwatch {
        Stopwatch(Instant::now())
    }

    /// Adds the time since the last lap (or the start) to `stage`.
    pub(crate) fn lap(&mut self, stage: &mut Duration) {
        let now = Instant::now();
        *stage += now - self.0;
        self.0 = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_is_user_plus_system_ticks() {
        let stat = "4242 (v search) R 1 4242 4242 0 -1 4194304 120 0 0 0 731 45 0 0 20 0 3 0";
        assert_eq!(cpu_from_stat(stat), Some(Duration::from_millis(7760)));
        assert_eq!(cpu_from_stat("4242 (vsearch) R 1"), None);
    }

    #[test]
    fn the_indexers_share_is_the_process_less_the_reader() {
        let t = Timings {
            reader_cpu: Some(Duration::from_secs(2)),
            process_cpu: Some(Duration::from_secs(9)),
            ..Timings::default()
        };
        assert_eq!(t.indexer_cpu(), Some(Duration::from_secs(7)));
        assert_eq!(Timings::default().indexer_cpu(), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_used_some_cpu() {
        let spin = Instant::now();
        while spin.elapsed() < Duration::from_millis(30) {}
        assert!(process_cpu().is_some_and(|t| t >= Duration::from_millis(10)));
        assert!(thread_cpu().is_some_and(|t| t >= Duration::from_millis(10)));
    }
}
