//! Whether the data on screen can be trusted as current, in words that name the real cause: the
//! console's header and the wall screen say the same thing.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::App;
use crate::model::error::FailureKind;

/// How old the assessment itself is (the feed's `generated_at`), whatever the fetch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentAge {
    /// Within `stale-generated-days`.
    Current(DateTime<Utc>),
    /// Older than `stale-generated-days`: `months` whole months old.
    Old {
        /// When it was generated.
        at: DateTime<Utc>,
        /// Whole months since.
        months: u32,
    },
    /// Dated more than a day ahead of this machine's clock: a mistake upstream or here.
    Future(DateTime<Utc>),
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month())
        - i64::from(to.day() < from.day());
    u32::try_from(months.max(0)).unwrap_or(u32::MAX)
}

impl App {
    /// How old the feed's own assessment is, if a feed is on screen.
    pub fn assessment_age(&self) -> Option<AssessmentAge> {
        let at = self.feed.as_ref()?.generated_at;
        Some(if at - self.now > chrono::Duration::days(1) {
            AssessmentAge::Future(at)
        } else if self.now - at > self.settings.stale_generated {
            let calendar = &self.settings.calendar;
            let months = whole_months(calendar.day_of(at), calendar.day_of(self.now));
            AssessmentAge::Old { at, months }
        } else {
            AssessmentAge::Current(at)
        })
    }

    /// The assessment's date in words for a header: `assessed 28 Nov 2026`, or a warning such as
    /// `assessment from 3 Mar 2024, 20 months old`. The flag is true for a warning.
    pub fn assessment_words(&self) -> Option<(String, bool)> {
        let calendar = &self.settings.calendar;
        let date = |at| calendar.date(calendar.day_of(at), self.today());
        Some(match self.assessment_age()? {
            AssessmentAge::Current(at) => (format!("assessed {}", date(at)), false),
            AssessmentAge::Old { at, months } => (
                format!(
                    "assessment from {}, {months} month{} old",
                    date(at),
                    if months == 1 { "" } else { "s" }
                ),
                true,
            ),
            AssessmentAge::Future(at) => (
                format!("assessment dated in the future: {}", date(at)),
                true,
            ),
        })
    }

    /// Why the data on screen is stale, and since when: `feed file invalid since 04:29 (line
    /// 332: ...)`, `server unreachable since 04:29`, `HTTP 503 Service Unavailable since 04:29`,
    /// `feed file missing since 04:29`, or `no new data since 04:29`. `None` when it is not stale.
    pub fn stale_cause(&self) -> Option<String> {
        if !self.is_stale() && self.load.error.is_none() {
            return None;
        }
        let calendar = &self.settings.calendar;
        let Some((error, at)) = &self.load.error else {
            let since = self.load.loaded_at?;
            return Some(format!("no new data since {}", calendar.time(since)));
        };
        let since = calendar.time(self.load.failing_since.unwrap_or(*at));
        let remote = error.origin.starts_with("http://") || error.origin.starts_with("https://");
        let cause = error.short_cause();
        Some(match error.kind {
            FailureKind::Invalid if remote => format!("feed invalid since {since} ({cause})"),
            FailureKind::Invalid => format!("feed file invalid since {since} ({cause})"),
            FailureKind::Missing => format!("feed file missing since {since}"),
            FailureKind::Unreadable => format!("feed file unreadable since {since} ({cause})"),
            FailureKind::Unreachable => format!("server unreachable since {since} ({cause})"),
            FailureKind::Http(_) => format!("{cause} since {since}"),
            FailureKind::Other => format!("{cause} since {since}"),
        })
    }

    /// When the data on screen arrived, in words: `last good data 04:12, 17 min ago` (with the
    /// date when it is not today's).
    pub fn last_good_words(&self) -> Option<String> {
        let at = self.load.loaded_at?;
        let age = self.now - at;
        let ago = match age.num_seconds().max(0) {
            s @ 0..60 => format!("{s} s"),
            s @ 60..3_600 => format!("{} min", s / 60),
            s @ 3_600..172_800 => format!("{} h", s / 3_600),
            s => format!("{} days", s / 86_400),
        };
        let calendar = &self.settings.calendar;
        let when = if calendar.day_of(at) == self.today() {
            calendar.time(at)
        } else {
            calendar.stamp(at, self.now)
        };
        Some(format!("last good data {when}, {ago} ago"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_are_counted_whole() {
        assert_eq!(whole_months(day(2026, 1, 31), day(2026, 2, 27)), 0);
        assert_eq!(whole_months(day(2026, 1, 15), day(2026, 2, 15)), 1);
        assert_eq!(whole_months(day(2024, 3, 3), day(2026, 12, 2)), 32);
        assert_eq!(whole_months(day(2026, 12, 2), day(2024, 3, 3)), 0);
    }
}
