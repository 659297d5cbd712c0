//! How long to wait after a failed fetch: capped exponential backoff with full jitter, and the
//! server's `Retry-After` when it gives one.
//!
//! Full jitter (a random delay anywhere between zero and the ceiling) spreads out the many wall
//! screens that all saw the same outage, so they do not come back in step when it ends.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// The first retry ceiling is the poll interval, but never more than this: a short outage should
/// not leave the screen stale for a whole long interval.
pub const MAX_BASE: Duration = Duration::from_secs(5);

/// The backoff never waits more than this many poll intervals, so a screen checks again within a
/// bounded time; only a server's `Retry-After` may ask for longer (see [`MAX_RETRY_AFTER`]).
pub const MAX_INTERVALS: u32 = 5;

/// The longest `Retry-After` honoured: a server that asks for more is asked again after this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// The wait before the next fetch after `failures` failures in a row (1 after the first).
///
/// The delay is `jitter × min(cap, base × 2^(failures − 1))` with `base = min(interval, 5 s)` and
/// `cap = 5 × interval`; `jitter` is a random number in `[0, 1]`, passed in so that tests can fix
/// it. A `retry_after` from the server raises the delay to at least that long, even past `cap`,
/// up to [`MAX_RETRY_AFTER`].
pub fn retry_delay(
    failures: u32,
    interval: Duration,
    retry_after: Option<Duration>,
    jitter: f64,
) -> Duration {
    let cap = interval.saturating_mul(MAX_INTERVALS);
    let base = interval.min(MAX_BASE);
    let doublings = failures.saturating_sub(1).min(31);
    let ceiling = base.saturating_mul(1 << doublings).min(cap);
    let jitter = if jitter.is_nan() {
        0.0
    } else {
        jitter.clamp(0.0, 1.0)
    };
    // Float rounding could land a hair above the ceiling, or fail to convert near Duration::MAX.
    let jittered = Duration::try_from_secs_f64(ceiling.as_secs_f64() * jitter)
        .unwrap_or(ceiling)
        .min(ceiling);
    // The server knows its own load: its word wins over the cap, up to an hour.
    retry_after.map_or(jittered, |asked| jittered.max(asked.min(MAX_RETRY_AFTER)))
}

/// Reads a `Retry-After` value: a number of seconds, or an HTTP date (a date in the past means
/// now). `None` when it is neither.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for u64 is still "a very long time"; the cap shortens it anyway.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        (at.with_timezone(&Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const MIN: Duration = Duration::from_secs(60);

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn ceiling_doubles_from_the_base_up_to_five_intervals() {
        let ceilings: Vec<_> = (1..=9).map(|n| retry_delay(n, MIN, None, 1.0)).collect();
        let expected = [5, 10, 20, 40, 80, 160, 300, 300, 300].map(secs);
        assert_eq!(ceilings, expected);
    }

    #[test]
    fn jitter_spans_zero_to_the_ceiling() {
        assert_eq!(retry_delay(3, MIN, None, 0.0), Duration::ZERO);
        assert_eq!(retry_delay(3, MIN, None, 0.5), secs(10));
        assert_eq!(retry_delay(3, MIN, None, 1.0), secs(20));
    }

    #[test]
    fn jitter_out_of_range_is_clamped() {
        assert_eq!(retry_delay(1, MIN, None, -3.0), Duration::ZERO);
        assert_eq!(retry_delay(1, MIN, None, 7.0), secs(5));
        assert_eq!(retry_delay(1, MIN, None, f64::NAN), Duration::ZERO);
        assert_eq!(retry_delay(1, MIN, None, f64::INFINITY), secs(5));
    }

    #[test]
    fn short_intervals_use_the_interval_as_base() {
        let interval = Duration::from_millis(100);
        assert_eq!(retry_delay(1, interval, None, 1.0), interval);
        assert_eq!(retry_delay(2, interval, None, 1.0), interval * 2);
        assert_eq!(retry_delay(40, interval, None, 1.0), interval * 5);
    }

    #[test]
    fn retry_after_is_a_floor_that_wins_over_the_cap_up_to_an_hour() {
        assert_eq!(retry_delay(1, MIN, Some(secs(30)), 0.0), secs(30));
        assert_eq!(retry_delay(1, MIN, Some(secs(2)), 1.0), secs(5));
        assert_eq!(retry_delay(1, MIN, Some(secs(3600)), 0.3), secs(3600));
        assert_eq!(retry_delay(1, MIN, Some(secs(7200)), 0.3), secs(3600));
        // 40 s asked at a 5 s interval, whose cap is 25 s.
        assert_eq!(retry_delay(9, secs(5), Some(secs(40)), 1.0), secs(40));
    }

    #[test]
    fn extremes_do_not_panic() {
        assert_eq!(retry_delay(0, MIN, None, 1.0), secs(5));
        assert_eq!(retry_delay(u32::MAX, MIN, None, 1.0), secs(300));
        assert_eq!(retry_delay(3, Duration::ZERO, Some(secs(9)), 1.0), secs(9));
        assert_eq!(
            retry_delay(3, MIN, Some(Duration::MAX), 1.0),
            MAX_RETRY_AFTER
        );
        let huge = retry_delay(u32::MAX, Duration::MAX, Some(Duration::MAX), 1.0);
        // The backoff ceiling: the server cannot ask for more than an hour.
        assert_eq!(huge, secs(5 << 31));
        assert!(retry_delay(1, Duration::MAX, None, 0.999_999) <= MAX_BASE);
    }

    #[test]
    fn retry_after_in_seconds() {
        let now = Utc::now();
        assert_eq!(parse_retry_after("120", now), Some(secs(120)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(secs(u64::MAX))
        );
    }

    #[test]
    fn retry_after_as_an_http_date() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
        assert_eq!(
            parse_retry_after("Sun, 29 Nov 2026 12:01:30 GMT", now),
            Some(secs(90))
        );
        assert_eq!(
            parse_retry_after("Sun, 29 Nov 2026 11:00:00 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn retry_after_garbage_is_ignored() {
        let now = Utc::now();
        for bad in ["", "-5", "1.5", "soon", "Sun, 99 Nov 2026"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }
}
