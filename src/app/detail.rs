//! The detail view's content as plain lines: built here so that scrolling (in `update`) and drawing
//! (in the renderer) agree on how many lines there are.

use chrono::NaiveDate;

use super::changes::{Change, Direction};
use crate::model::catalogue::Catalogue;
use crate::model::{Recommendation, Visibility};
use crate::text::long_date;
use crate::text::wrap;

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

/// The lines of the detail view of `rec`, wrapped to `width` columns. Internal notes and evidence
/// are left out unless `show_internal`.
pub fn lines(
    rec: &Recommendation,
    change: Option<&Change>,
    today: NaiveDate,
    show_internal: bool,
    width: usize,
) -> Vec<DetailLine> {
    let mut out = Fields {
        lines: heading(rec, width.max(1)),
        value_width: width.saturating_sub(LABEL_WIDTH).max(1),
    };
    out.status_block(rec, change);
    out.dates(rec, today);
    out.context(rec);
    out.field("History", history(rec));
    out.field("Evidence", evidence(rec, show_internal));
    out.field("Notes", notes(rec, show_internal));
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
    fn status_block(&mut self, rec: &Recommendation, change: Option<&Change>) {
        let status = format!("{} {}", rec.status.symbol(), rec.status);
        self.field("Status", vec![(status, LineKind::Value)]);
        if let Some(change) = change {
            self.field("Changed", vec![changed(change)]);
        }
        if let Some(priority) = rec.priority {
            self.field(
                "Priority",
                vec![(priority.word().to_owned(), LineKind::Value)],
            );
        }
    }

    /// When it is due (with a warning once overdue) and when it was last assessed.
    fn dates(&mut self, rec: &Recommendation, today: NaiveDate) {
        if let Some(due) = rec.due {
            let value = if rec.is_overdue(today) {
                let days = (today - due).num_days();
                (
                    format!("{} (overdue by {days} day{})", long_date(due), plural(days)),
                    LineKind::Warning,
                )
            } else {
                (long_date(due), LineKind::Value)
            };
            self.field("Due", vec![value]);
        }
        let assessed = rec.last_assessed.map_or("never".to_owned(), long_date);
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
fn changed(change: &Change) -> (String, LineKind) {
    let direction = change.direction();
    let kind = if direction == Direction::Backward {
        LineKind::Warning
    } else {
        LineKind::Value
    };
    let text = format!(
        "{} {}: {} → {}, seen {}",
        direction.symbol(),
        direction.word(),
        change.from,
        change.to,
        change.at.format("%-d %b %H:%M UTC")
    );
    (text, kind)
}

/// One value per entry of the status history, in the feed's order.
fn history(rec: &Recommendation) -> Values {
    rec.history
        .iter()
        .map(|h| {
            let note = h
                .note
                .as_deref()
                .map_or(String::new(), |n| format!(": {n}"));
            (
                format!("{} {} {}{note}", h.date, h.status.symbol(), h.status),
                LineKind::Value,
            )
        })
        .collect()
}

/// The evidence the reader may see; its link, if any, on a line of its own.
fn evidence(rec: &Recommendation, show_internal: bool) -> Values {
    rec.evidence
        .iter()
        .filter(|e| show_internal || e.visibility == Visibility::Public)
        .map(|e| {
            let date = e.date.map_or(String::new(), |d| format!(" ({d})"));
            let url = e.url.as_deref().map_or(String::new(), |u| format!("\n{u}"));
            let (mark, kind) = visibility_mark(e.visibility);
            (format!("{mark}{}{date}{url}", e.title), kind)
        })
        .collect()
}

/// The notes the reader may see, each after its date.
fn notes(rec: &Recommendation, show_internal: bool) -> Values {
    rec.notes
        .iter()
        .filter(|n| show_internal || n.visibility == Visibility::Public)
        .map(|n| {
            let date = n.date.map_or(String::new(), |d| format!("{d} "));
            let (mark, kind) = visibility_mark(n.visibility);
            (format!("{date}{mark}{}", n.text), kind)
        })
        .collect()
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
