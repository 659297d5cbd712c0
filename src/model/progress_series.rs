//! Progress over time: the progress figure ([`super::PROGRESS_RULE`]) of each audience at the end
//! of each month, read from the records' own history.
//!
//! A record counts in a month from its first history entry on; before that its status is unknown,
//! never "no action". A month in which an audience has no record of known status is a gap
//! (`None`), never a zero. The current month uses the statuses in force now.

use chrono::{Datelike, NaiveDate};

use super::{Feed, Status, StatusCounts, Visibility};

/// The progress of each audience, month by month.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressSeries {
    /// The last day of each month, oldest first; the last is the current month.
    pub months: Vec<NaiveDate>,
    /// One line per audience, in the feed's order.
    pub lines: Vec<AudienceLine>,
}

/// One audience's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceLine {
    /// The audience's name.
    pub name: String,
    /// Progress from 0 to 1 at the end of each month; `None` where nothing was known.
    pub values: Vec<Option<f64>>,
}

/// The last day of the month `date` falls in.
pub fn month_end(date: NaiveDate) -> NaiveDate {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(date)
}

/// The ends of `count` months, the last being the month of `today`.
pub fn month_ends(today: NaiveDate, count: usize) -> Vec<NaiveDate> {
    let mut ends = Vec::with_capacity(count);
    let mut end = month_end(today);
    for _ in 0..count {
        ends.push(end);
        match end.with_day(1).and_then(|first| first.pred_opt()) {
            Some(previous) => end = previous,
            None => break,
        }
    }
    ends.reverse();
    ends
}

/// The series for the `count` months ending with the month of `today`. Internal records are
/// left out unless `include_internal`.
pub fn progress_series(
    feed: &Feed,
    today: NaiveDate,
    count: usize,
    include_internal: bool,
) -> ProgressSeries {
    progress_series_with(feed, today, count, include_internal, &|_, _| None)
}

/// The status of a record at the end of a month (by its index in [`month_ends`]) from elsewhere
/// than its history, such as an archived snapshot.
pub type Fallback<'a> = dyn Fn(usize, &super::Recommendation) -> Option<Status> + 'a;

/// As [`progress_series`], with `fallback` asked for the status of a record in a month its
/// history says nothing of (before its first entry).
pub fn progress_series_with(
    feed: &Feed,
    today: NaiveDate,
    count: usize,
    include_internal: bool,
    fallback: &Fallback<'_>,
) -> ProgressSeries {
    let months = month_ends(today, count);
    let n = months.len();
    let mut counts = vec![vec![StatusCounts::default(); n]; feed.audiences.len()];
    let mut sorted = Vec::new();
    for rec in &feed.recommendations {
        if !include_internal && rec.visibility == Visibility::Internal {
            continue;
        }
        let Some(by_month) = counts.get_mut(rec.audience) else {
            continue;
        };
        let mut history = rec.history.as_slice();
        // Internal history entries stay out of what the public sees, as everywhere.
        let hides_some =
            !include_internal && history.iter().any(|h| h.visibility == Visibility::Internal);
        if hides_some || !history.windows(2).all(|w| w[0].date <= w[1].date) {
            sorted.clear();
            sorted.extend(
                history
                    .iter()
                    .filter(|h| include_internal || h.visibility == Visibility::Public)
                    .cloned(),
            );
            sorted.sort_by_key(|h| h.date);
            history = &sorted;
        }
        let mut next = 0;
        let mut status: Option<&Status> = None;
        for (i, end) in months.iter().enumerate() {
            while next < history.len() && history[next].date <= *end {
                status = Some(&history[next].status);
                next += 1;
            }
            // The current month: the status in force now, whatever the history says.
            if i + 1 == n {
                by_month[i].add(&rec.status);
            } else if let Some(status) = status {
                by_month[i].add(status);
            } else if let Some(status) = fallback(i, rec) {
                by_month[i].add(&status);
            }
        }
    }
    let lines = feed
        .audiences
        .iter()
        .zip(counts)
        .map(|(audience, by_month)| AudienceLine {
            name: audience.name.clone(),
            values: by_month
                .iter()
                .map(|c| (c.applicable() > 0).then(|| c.progress()))
                .collect(),
        })
        .collect();
    ProgressSeries { months, lines }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{SAMPLE_FEED_JSON, parse};
    use crate::model::HistoryEntry;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_ends_cover_the_months_up_to_today() {
        let ends = month_ends(day(2026, 3, 10), 4);
        assert_eq!(
            ends,
            vec![
                day(2025, 12, 31),
                day(2026, 1, 31),
                day(2026, 2, 28),
                day(2026, 3, 31)
            ]
        );
        assert_eq!(month_ends(day(2026, 1, 1), 24).len(), 24);
    }

    #[test]
    fn a_known_history_gives_known_figures_and_gaps() {
        let mut feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap();
        feed.audiences.truncate(2);
        feed.recommendations.retain(|r| r.audience < 2);
        let entry = |date, status| HistoryEntry {
            date,
            status,
            note: None,
            author: None,
            visibility: Visibility::Public,
        };
        for rec in &mut feed.recommendations {
            rec.history.clear();
        }
        // Audience 0: two records with a known history; audience 1: none at all.
        let (a, b) = {
            let mut zero = feed.recommendations.iter_mut().filter(|r| r.audience == 0);
            (zero.next().unwrap(), zero.next().unwrap())
        };
        a.history = vec![
            entry(day(2026, 1, 5), Status::InProgress),
            entry(day(2026, 2, 10), Status::Implemented),
        ];
        a.status = Status::Implemented;
        b.history = vec![entry(day(2026, 2, 1), Status::PartiallyImplemented)];
        b.status = Status::NoAction;
        let series = progress_series(&feed, day(2026, 3, 15), 4, true);
        let zero = &series.lines[0].values;
        // December: nothing known yet, a gap. January: a in progress only, 0.
        assert_eq!(zero[0], None);
        assert_eq!(zero[1], Some(0.0));
        // February: a implemented, b partial: (1 + 0.5) / 2.
        assert_eq!(zero[2], Some(0.75));
        // March, now: every record of the audience counts with its status today.
        let now = StatusCounts::of(feed.recommendations.iter().filter(|r| r.audience == 0));
        assert_eq!(zero[3], Some(now.progress()));
        let one = &series.lines[1].values;
        assert_eq!(&one[..3], &[None, None, None]);

        // Where the history says nothing, a fallback (an archived snapshot) may.
        let from_archive = |month: usize, rec: &crate::model::Recommendation| {
            (month == 1 && rec.audience == 1).then_some(Status::Implemented)
        };
        let filled = progress_series_with(&feed, day(2026, 3, 15), 4, true, &from_archive);
        assert_eq!(filled.lines[1].values[..3], [None, Some(1.0), None]);
        assert_eq!(filled.lines[0].values, series.lines[0].values);
    }
}
