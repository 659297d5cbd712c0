//! The console's own redraw, once a second (the "N s ago" texts), as the probe learns it: a
//! burst of output that no key asked for (or a small one well after a key's redraw), confirmed
//! by another a whole number of seconds before it. A one-off redraw (an index landing, the progress series) is never taken for the clock: a
//! clock learned from one put keys just before the real one, whose bytes were then counted as
//! the key's (keys of 12 to 30 ms, once a second, whatever the key).

use std::time::{Duration, Instant};

/// The console's clock redraws come this often once a feed is on screen.
pub const PERIOD: Duration = Duration::from_secs(1);
/// How far from a whole number of seconds two bursts may be and still be the clock's.
const SLACK: Duration = Duration::from_millis(25);
/// A burst this long after the output before it, of at most [`SMALL`] bytes, may be the clock's
/// even while a key is timed: its redraws are 25 to 56 bytes, a key's 150 or more.
pub const GAP: Duration = Duration::from_millis(5);
/// See [`GAP`].
pub const SMALL: usize = 64;
/// Bursts older than this are forgotten.
const MEMORY: Duration = Duration::from_secs(6);

/// The bursts no key asked for, and the clock redraw learned from them.
#[derive(Default)]
pub struct Clock {
    bursts: Vec<Instant>,
    /// A burst confirmed as the clock's.
    at: Option<Instant>,
}

impl Clock {
    /// Notes a burst of output that began at `now` with no key being timed.
    pub fn burst(&mut self, now: Instant) {
        self.bursts
            .retain(|&earlier| now.duration_since(earlier) <= MEMORY);
        let whole_seconds_after = |earlier: Instant| {
            let apart = now.duration_since(earlier).as_nanos();
            let period = PERIOD.as_nanos();
            let off = (apart % period).min(period - apart % period);
            apart + SLACK.as_nanos() >= period && off <= SLACK.as_nanos()
        };
        if self
            .bursts
            .iter()
            .any(|&earlier| whole_seconds_after(earlier))
        {
            self.at = Some(now);
        }
        self.bursts.push(now);
    }

    /// True once the clock redraw is known.
    pub fn learned(&self) -> bool {
        self.at.is_some()
    }

    /// How long until the next clock redraw; a whole period when not yet learned.
    pub fn next_due(&self) -> Duration {
        let Some(at) = self.at else {
            return PERIOD;
        };
        let since = at.elapsed().as_nanos() % PERIOD.as_nanos();
        PERIOD - Duration::from_nanos(u64::try_from(since).unwrap_or(0))
    }
}
