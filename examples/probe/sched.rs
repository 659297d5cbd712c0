//! Where the time of a slow key went, read from Linux's `/proc`: how long the console's event
//! loop thread ran and how long it waited for a core while ready to run, how long its other
//! threads (the work in the background) ran, how long the probe's own threads waited for a core,
//! and the time the machine's virtual cores were taken by the host (steal). A key that is slow
//! while the event loop ran little and waited long was kept from a core: the machine, not the
//! work of the key.

use std::time::Duration;

/// What the scheduler had counted at one moment.
#[derive(Clone, Copy, Default)]
pub struct Sched {
    /// The event loop thread (the console's main thread): on a core, and ready but waiting.
    pub main_run: Duration,
    pub main_wait: Duration,
    /// The console's other threads on a core: the runtime's workers, the blocking pool.
    pub others_run: Duration,
    /// The probe's threads waiting for a core (its reader thread times the redraws).
    pub probe_wait: Duration,
    /// The machine's steal time, in clock ticks (10 ms).
    pub steal_ticks: u64,
}

impl Sched {
    /// Reads the counters of the console `pid` and of this process; zeros where `/proc` has none.
    pub fn now(pid: Option<u32>) -> Sched {
        let mut sched = Sched::default();
        if let Some(pid) = pid {
            for (tid, run, wait) in threads(&format!("/proc/{pid}/task")) {
                if tid == pid {
                    sched.main_run = run;
                    sched.main_wait = wait;
                } else {
                    sched.others_run += run;
                }
            }
        }
        sched.probe_wait = threads("/proc/self/task").map(|(_, _, w)| w).sum();
        sched.steal_ticks = steal().unwrap_or(0);
        sched
    }

    /// What was counted from `earlier` to `self`.
    pub fn since(&self, earlier: &Sched) -> Sched {
        Sched {
            main_run: self.main_run.saturating_sub(earlier.main_run),
            main_wait: self.main_wait.saturating_sub(earlier.main_wait),
            others_run: self.others_run.saturating_sub(earlier.others_run),
            probe_wait: self.probe_wait.saturating_sub(earlier.probe_wait),
            steal_ticks: self.steal_ticks.saturating_sub(earlier.steal_ticks),
        }
    }

    /// One line: the event loop's run and wait, the other threads' run, the probe's wait, steal.
    pub fn line(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        format!(
            "loop ran {:>5.1} waited {:>5.1}; background ran {:>6.1}; probe waited {:>5.1}; steal {} ticks",
            ms(self.main_run),
            ms(self.main_wait),
            ms(self.others_run),
            ms(self.probe_wait),
            self.steal_ticks
        )
    }
}

/// Each thread of a process: its id, time on a core, time ready and waiting for one.
fn threads(dir: &str) -> impl Iterator<Item = (u32, Duration, Duration)> {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    entries.filter_map(|entry| {
        let tid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let text = std::fs::read_to_string(entry.path().join("schedstat")).ok()?;
        let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().ok());
        let run = fields.next()??;
        let wait = fields.next()??;
        Some((tid, Duration::from_nanos(run), Duration::from_nanos(wait)))
    })
}

/// The machine's steal time so far, in clock ticks (the eighth figure of `/proc/stat`'s `cpu`).
fn steal() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    let line = text.lines().next()?;
    line.split_whitespace().nth(8)?.parse().ok()
}
