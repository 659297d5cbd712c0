//! The detail view's content as plain lines: built here so that scrolling (in `update`) and drawing
//! (in the renderer) agree on how many lines there are.

use chrono::{DateTime, NaiveDate, Utc};

use super::changes::Change;
use crate::model::Direction;
use crate::model::catalogue::Catalogue;
use crate::model::{Recommendation, Visibility};
use crate::text::{Calendar, wrap};

/// How dates are written, and what today is: every date in the detail view goes through it.
#[derive(Clone, Copy)]
pub struct Dates<'a> {
    /// The time zone and date style.
    pub calendar: &'a Calendar,
    /// Today, local.
    pub today: NaiveDate,
    /// Now.
    pub now: DateTime<Utc>,
}

impl Dates<'_> {
    /// A date in the configured style, marked when it lies in the future (beyond a day of clock
    /// skew): such a date is a mistake and never counts as recent.
    fn date(&self, date: NaiveDate) -> String {
        let text = self.calendar.date(date, self.today);
        if (date - self.today).num_days() > 1 {
            format!("{text} (in the future)")
        } else {
            text
        }
    }
}

/// Columns taken by the field labels on the left.
pub const LABEL_WIDTH: usize = 13;

/// What kind of text a line holds, so the renderer can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The recommendation's title, full width.
    Title,
    /// The recommendation's own words, full width.
    Text,
    /// A field value.
    Value,
    /// A field value that only staff may see.
    Internal,
    /// A warning, such as overdue.
    Warning,
}

/// One line of the detail view, already wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLine {
    /// The field label, on the first line of a field only.
    pub label: &'static str,
    /// The text.
    pub text: String,
    /// How to style it.
    pub kind: LineKind,
}

/// The lines of the detail view of `rec`, wrapped to `width` columns. Internal history entries,
/// notes and evidence are left out unless `show_internal`.
pub fn lines(
    rec: &Recommendation,
    change: Option<&Change>,
    dates: Dates<'_>,
    show_internal: bool,
    width: usize,
) -> Vec<DetailLine> {
    let mut out = Fields {
        lines: heading(rec, width.max(1)),
        value_width: width.saturating_sub(LABEL_WIDTH).max(1),
    };
    out.status_block(rec, change, dates);
    out.dates(rec, dates);
    out.context(rec);
    out.field("History", history(rec, dates, show_internal));
    out.field("Evidence", evidence(rec, dates, show_internal));
    out.field("Notes", notes(rec, dates, show_internal));
    out.lines
}

/// The values of one field, each with its style; a value may wrap to several lines.
type Values = Vec<(String, LineKind)>;

/// The title and the recommendation's own words, full width, then a blank line.
fn heading(rec: &Recommendation, full: usize) -> Vec<DetailLine> {
    let title = wrap(&rec.title, full).into_iter().map(|line| DetailLine {
        label: "",
        text: line,
        kind: LineKind::Title,
    });
    let text = wrap(&rec.text, full).into_iter().map(|line| DetailLine {
        label: "",
        text: line,
        kind: LineKind::Text,
    });
    let blank = DetailLine {
        label: "",
        text: String::new(),
        kind: LineKind::Text,
    };
    title.chain(text).chain(std::iter::once(blank)).collect()
}

/// The labelled fields below the heading, as they are added.
struct Fields {
    /// The lines so far.
    lines: Vec<DetailLine>,
    /// Columns left for a value beside its label.
    value_width: usize,
}

impl Fields {
    /// Adds a field: its label on the first line only. A field with no values adds nothing.
    fn field(&mut self, label: &'static str, values: Values) {
        let mut first = true;
        for (value, kind) in values {
            for line in wrap(&value, self.value_width) {
                self.lines.push(DetailLine {
                    label: if first { label } else { "" },
                    text: line,
                    kind,
                });
                first = false;
            }
        }
    }

    /// Status, the change seen since the baseline (if any) and priority.
    fn status_block(&mut self, rec: &Recommendation, change: Option<&Change>, dates: Dates<'_>) {
        let status = format!("{} {}", rec.status.symbol(), rec.status);
        self.field("Status", vec![(status, LineKind::Value)]);
        if let Some(change) = change {
            self.field("Changed", vec![changed(change, dates)]);
        }
        if let Some(priority) = rec.priority {
            self.field(
                "Priority",
                vec![(priority.word().to_owned(), LineKind::Value)],
            );
        }
    }

    /// When it is due (with a warning once overdue) and when it was last assessed.
    fn dates(&mut self, rec: &Recommendation, dates: Dates<'_>) {
        if let Some(due) = rec.due {
            let value = if rec.is_overdue(dates.today) {
                let days = (dates.today - due).num_days();
                (
                    format!(
                        "{} (overdue by {days} day{})",
                        dates.date(due),
                        plural(days)
                    ),
                    LineKind::Warning,
                )
            } else {
                (dates.date(due), LineKind::Value)
            };
            self.field("Due", vec![value]);
        }
        let assessed = rec
            .last_assessed
            .map_or("never".to_owned(), |d| dates.date(d));
        self.field("Assessed", vec![(assessed, LineKind::Value)]);
    }

    /// The status note, who owns it and the themes it belongs to.
    fn context(&mut self, rec: &Recommendation) {
        if let Some(note) = &rec.status_note {
            self.field("Status note", vec![(note.clone(), LineKind::Value)]);
        }
        if !rec.owners.is_empty() {
            self.field("Owners", vec![(rec.owners.join(", "), LineKind::Value)]);
        }
        if !rec.themes.is_empty() {
            let catalogue = Catalogue::date();
            let names: Vec<&str> = rec
                .themes
                .iter()
                .map(|id| catalogue.theme(id).map_or(id.as_str(), |t| t.name.as_str()))
                .collect();
            self.field("Themes", vec![(names.join(" · "), LineKind::Value)]);
        }
    }
}

/// The change's line: a step backward is a warning.
fn changed(change: &Change, dates: Dates<'_>) -> (String, LineKind) {
    let direction = change.direction();
    let kind = if direction == Direction::Backward {
        LineKind::Warning
    } else {
        LineKind::Value
    };
    // A change dated by a history entry has a day, not a time.
    let when = if change.at.time() == chrono::NaiveTime::MIN {
        dates.date(change.at.date_naive())
    } else {
        dates.calendar.stamp(change.at, dates.now)
    };
    let text = format!(
        "{} {}: {} → {}, {when}",
        direction.symbol(),
        direction.word(),
        change.from,
        change.to,
    );
    (text, kind)
}

/// One value per entry of the status history the reader may see, in the feed's order: the date,
/// the status and the note, and who recorded it.
fn history(rec: &Recommendation, dates: Dates<'_>, show_internal: bool) -> Values {
    let shown: Vec<_> = rec
        .history
        .iter()
        .filter(|h| show_internal || h.visibility == Visibility::Public)
        .collect();
    // A timeline: each status with its date, and which way it moved from the one before.
    shown
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let note = h
                .note
                .as_deref()
                .map_or(String::new(), |n| format!(": {n}"));
            let moved = i
                .checked_sub(1)
                .and_then(|p| Direction::of(&shown[p].status, &h.status))
                .map_or(' ', |d| d.symbol());
            let (mark, kind) = visibility_mark(h.visibility);
            (
                format!(
                    "{} {moved} {mark}{} {}{note}{}",
                    dates.date(h.date),
                    h.status.symbol(),
                    h.status,
                    by(h.author.as_deref())
                ),
                kind,
            )
        })
        .collect()
}

/// The evidence the reader may see; its link, if any, on a line of its own.
fn evidence(rec: &Recommendation, dates: Dates<'_>, show_internal: bool) -> Values {
    rec.evidence
        .iter()
        .filter(|e| show_internal || e.visibility == Visibility::Public)
        .map(|e| {
            let date = e
                .date
                .map_or(String::new(), |d| format!(" ({})", dates.date(d)));
            let url = e.url.as_deref().map_or(String::new(), |u| format!("\n{u}"));
            let (mark, kind) = visibility_mark(e.visibility);
            (format!("{mark}{}{date}{url}", e.title), kind)
        })
        .collect()
}

/// The notes the reader may see, each after its date.
fn notes(rec: &Recommendation, dates: Dates<'_>, show_internal: bool) -> Values {
    rec.notes
        .iter()
        .filter(|n| show_internal || n.visibility == Visibility::Public)
        .map(|n| {
            let date = n
                .date
                .map_or(String::new(), |d| format!("{} ", dates.date(d)));
            let (mark, kind) = visibility_mark(n.visibility);
            (
                format!("{date}{mark}{}{}", n.text, by(n.author.as_deref())),
                kind,
            )
        })
        .collect()
}

/// Who recorded an entry, after it: " · by Ana Silva".
fn by(author: Option<&str>) -> String {
    author.map_or(String::new(), |a| format!(" · by {a}"))
}

fn visibility_mark(visibility: Visibility) -> (&'static str, LineKind) {
    match visibility {
        Visibility::Public => ("", LineKind::Value),
        Visibility::Internal => ("[internal] ", LineKind::Internal),
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{SAMPLE_FEED_JSON, parse};
    use crate::model::{HistoryEntry, Status};

    fn lp01() -> Recommendation {
        let feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid");
        let mut rec = feed.recommendations[0].clone();
        rec.history.push(HistoryEntry {
            date: NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date"),
            status: Status::Implemented,
            note: Some("Checked with the ministry.".into()),
            author: Some("Ana Silva".into()),
            visibility: Visibility::Internal,
        });
        rec
    }

    fn dates(calendar: &Calendar) -> Dates<'_> {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
        Dates {
            calendar,
            today,
            now: today.and_hms_opt(12, 0, 0).expect("a time").and_utc(),
        }
    }

    fn utc() -> Calendar {
        Calendar::new(jiff::tz::TimeZone::UTC, "%-d %b %Y").expect("a calendar")
    }

    fn text(lines: &[DetailLine]) -> String {
        lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn history_shows_who_recorded_each_entry() {
        let calendar = utc();
        let lines = lines(&lp01(), None, dates(&calendar), true, 200);
        let entry = lines
            .iter()
            .find(|l| l.text.contains("Checked with the ministry."))
            .expect("the internal entry is shown to staff");
        assert!(entry.text.contains("[internal]"), "{}", entry.text);
        assert!(entry.text.ends_with(" · by Ana Silva"), "{}", entry.text);
        assert_eq!(entry.kind, LineKind::Internal);
    }

    #[test]
    fn internal_history_is_left_out_when_only_public_items_may_show() {
        let calendar = utc();
        let shown = text(&lines(&lp01(), None, dates(&calendar), false, 200));
        assert!(!shown.contains("Checked with the ministry."));
        assert!(!shown.contains("Ana Silva"));
        assert!(shown.contains("Amendment in force."), "public entries stay");
    }

    #[test]
    fn every_date_has_one_style_and_a_future_one_says_so() {
        let calendar = Calendar::new(jiff::tz::TimeZone::UTC, "%Y-%m-%d").expect("a calendar");
        let mut rec = lp01();
        rec.history[0].date = NaiveDate::from_ymd_opt(2099, 1, 1).expect("a date");
        let shown = text(&lines(&rec, None, dates(&calendar), true, 200));
        assert!(shown.contains("2099-01-01 (in the future)"), "{shown}");
        assert!(shown.contains("2026-11-30"), "{shown}");
    }
}
