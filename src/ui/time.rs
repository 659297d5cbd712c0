//! Times as people read them on screen.

use chrono::{DateTime, Utc};

/// How long ago `then` was: `12 s ago`, `3 min ago`, `2 h ago`, `5 days ago`.
pub fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..60 => format!("{secs} s ago"),
        60..3_600 => format!("{} min ago", secs / 60),
        3_600..172_800 => format!("{} h ago", secs / 3_600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

/// A length of time in the largest whole unit: `24 h`, `7 days`, `90 min`.
pub fn span(duration: chrono::Duration) -> String {
    let hours = duration.num_hours();
    let minutes = duration.num_minutes();
    if hours >= 48 && hours % 24 == 0 {
        format!("{} days", hours / 24)
    } else if minutes % 60 == 0 {
        format!("{hours} h")
    } else {
        format!("{minutes} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ages_pick_a_readable_unit() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
        let before = |s| now - chrono::Duration::seconds(s);
        assert_eq!(ago(now, before(12)), "12 s ago");
        assert_eq!(ago(now, before(180)), "3 min ago");
        assert_eq!(ago(now, before(7_200)), "2 h ago");
        assert_eq!(ago(now, before(5 * 86_400)), "5 days ago");
        assert_eq!(ago(now, now + chrono::Duration::seconds(5)), "0 s ago");
    }

    #[test]
    fn spans_use_the_largest_whole_unit() {
        assert_eq!(span(chrono::Duration::hours(24)), "24 h");
        assert_eq!(span(chrono::Duration::hours(168)), "7 days");
        assert_eq!(span(chrono::Duration::minutes(90)), "90 min");
    }
}
