//! Dates and times as people read them, in the local time zone.
//!
//! Every date and time of day on screen goes through a [`Calendar`]: the time zone (`TZ`, else the
//! system's, else UTC) and the date style (`date-format`, `%-d %b %Y` by default) are chosen once
//! at start. A date outside the current year always shows its year; a time of day can carry the
//! zone's abbreviation (`04:31 CET`), which each screen shows once.

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset as _, Utc};
use jiff::tz::TimeZone;

/// The time zone and date style every screen uses.
#[derive(Debug, Clone)]
pub struct Calendar {
    zone: TimeZone,
    date_format: String,
    /// The format names the year, so no year needs adding.
    format_has_year: bool,
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.zone.iana_name() == other.zone.iana_name() && self.date_format == other.date_format
    }
}

impl Calendar {
    /// A calendar in `zone` with a date format (chrono's strftime syntax). The format is checked:
    /// an unknown specifier is an error, never a failure while drawing.
    pub fn new(zone: TimeZone, date_format: &str) -> Result<Calendar, String> {
        if date_format.trim().is_empty() {
            return Err("date-format is empty; the default is \"%-d %b %Y\"".to_owned());
        }
        if StrftimeItems::new(date_format).any(|item| matches!(item, Item::Error)) {
            return Err(format!(
                "date-format \"{date_format}\" is not a valid format (for example \"%-d %b %Y\" \
                 gives 30 Jun 2026, \"%Y-%m-%d\" gives 2026-06-30)"
            ));
        }
        let format_has_year = ["%Y", "%y", "%C", "%G", "%g", "%D", "%F", "%+", "%c", "%x"]
            .iter()
            .any(|spec| date_format.contains(spec))
            || date_format.contains("%-Y");
        Ok(Calendar {
            zone,
            date_format: date_format.to_owned(),
            format_has_year,
        })
    }

    /// The system's time zone: `TZ` when set and valid, else the system's own, else UTC.
    pub fn local_zone() -> TimeZone {
        TimeZone::try_system().unwrap_or(TimeZone::UTC)
    }

    /// A time zone by its IANA name, such as `Asia/Tokyo`.
    pub fn zone_named(name: &str) -> Result<TimeZone, String> {
        TimeZone::get(name).map_err(|_| format!("there is no time zone \"{name}\""))
    }

    /// The zone's offset from UTC at `at`.
    fn offset(&self, at: DateTime<Utc>) -> FixedOffset {
        let seconds = jiff::Timestamp::from_second(at.timestamp())
            .map(|ts| self.zone.to_offset(ts).seconds())
            .unwrap_or(0);
        FixedOffset::east_opt(seconds).unwrap_or(Utc.fix())
    }

    /// `at` in local time.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        at.with_timezone(&self.offset(at))
    }

    /// The local date of `at`: what "today" is for overdue checks and the date on screen.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date_naive()
    }

    /// The zone's abbreviation at `at`, such as `CET`, `JST` or `UTC`.
    pub fn zone_abbreviation(&self, at: DateTime<Utc>) -> String {
        match jiff::Timestamp::from_second(at.timestamp()) {
            Ok(ts) => self.zone.to_offset_info(ts).abbreviation().to_owned(),
            Err(_) => "UTC".to_owned(),
        }
    }

    /// A date in the configured style, with its year when it is not `today`'s year (and the
    /// style leaves the year out).
    pub fn date(&self, date: NaiveDate, today: NaiveDate) -> String {
        let text = date.format(&self.date_format).to_string();
        if !self.format_has_year && date.year() != today.year() {
            format!("{text} {}", date.year())
        } else {
            text
        }
    }

    /// A time of day in local time: `04:31`.
    pub fn time(&self, at: DateTime<Utc>) -> String {
        self.local(at).format("%H:%M").to_string()
    }

    /// A time of day with the zone: `04:31 CET`. Each screen shows the zone once.
    pub fn time_with_zone(&self, at: DateTime<Utc>) -> String {
        format!("{} {}", self.time(at), self.zone_abbreviation(at))
    }

    /// A date and a time of day: `28 Nov 2026 09:00`.
    pub fn stamp(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
        format!(
            "{} {}",
            self.date(self.day_of(at), self.day_of(now)),
            self.time(at)
        )
    }
}

/// A date as people write it, in the default style: `30 Jun 2026`. For text written outside the
/// console (reports), where no configured style applies.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, h, m, 0).unwrap()
    }

    #[test]
    fn times_are_local_with_the_zone_abbreviation() {
        let berlin =
            Calendar::new(Calendar::zone_named("Europe/Berlin").unwrap(), "%-d %b %Y").unwrap();
        assert_eq!(berlin.time(at(3, 31)), "04:31");
        assert_eq!(berlin.time_with_zone(at(3, 31)), "04:31 CET");
        let tokyo =
            Calendar::new(Calendar::zone_named("Asia/Tokyo").unwrap(), "%-d %b %Y").unwrap();
        assert_eq!(tokyo.time_with_zone(at(20, 0)), "05:00 JST");
        assert_eq!(
            tokyo.day_of(at(20, 0)),
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            "the local date, not UTC's"
        );
        let utc = Calendar::new(TimeZone::UTC, "%-d %b %Y").unwrap();
        assert_eq!(utc.time_with_zone(at(3, 31)), "03:31 UTC");
    }

    #[test]
    fn a_date_outside_the_current_year_shows_its_year() {
        let short = Calendar::new(TimeZone::UTC, "%-d %b").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let this_year = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let last_year = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        assert_eq!(short.date(this_year, today), "30 Jun");
        assert_eq!(short.date(last_year, today), "31 Dec 2025");
        let iso = Calendar::new(TimeZone::UTC, "%Y-%m-%d").unwrap();
        assert_eq!(iso.date(last_year, today), "2025-12-31");
    }

    #[test]
    fn a_bad_format_is_an_error_not_a_panic_later() {
        let err = Calendar::new(TimeZone::UTC, "%Q %-d").unwrap_err();
        assert!(err.contains("not a valid format"), "{err}");
        assert!(Calendar::new(TimeZone::UTC, "  ").is_err());
    }
}
