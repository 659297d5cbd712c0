//! The detail view's content as plain lines: built here so that scrolling (in `update`) and drawing
//! (in the renderer) agree on how many lines there are.

use chrono::NaiveDate;

use super::changes::Change;
use crate::model::Direction;
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
    let mut out = Vec::new();
    let full = width.max(1);
    let value_width = width.saturating_sub(LABEL_WIDTH).max(1);
    for line in wrap(&rec.title, full) {
        out.push(DetailLine {
            label: "",
            text: line,
            kind: LineKind::Title,
        });
    }
    for line in wrap(&rec.text, full) {
        out.push(DetailLine {
            label: "",
            text: line,
            kind: LineKind::Text,
        });
    }
    out.push(DetailLine {
        label: "",
        text: String::new(),
        kind: LineKind::Text,
    });

    let mut field = |label: &'static str, values: Vec<(String, LineKind)>| {
        let mut first = true;
        for (value, kind) in values {
            for line in wrap(&value, value_width) {
                out.push(DetailLine {
                    label: if first { label } else { "" },
                    text: line,
                    kind,
                });
                first = false;
            }
        }
    };

    field(
        "Status",
        vec![(
            format!("{} {}", rec.status.symbol(), rec.status),
            LineKind::Value,
        )],
    );
    if let Some(change) = change {
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
        field("Changed", vec![(text, kind)]);
    }
    if let Some(priority) = rec.priority {
        field(
            "Priority",
            vec![(priority.word().to_owned(), LineKind::Value)],
        );
    }
    if let Some(due) = rec.due {
        let (text, kind) = if rec.is_overdue(today) {
            let days = (today - due).num_days();
            (
                format!("{} (overdue by {days} day{})", long_date(due), plural(days)),
                LineKind::Warning,
            )
        } else {
            (long_date(due), LineKind::Value)
        };
        field("Due", vec![(text, kind)]);
    }
    let assessed = rec.last_assessed.map_or("never".to_owned(), long_date);
    field("Assessed", vec![(assessed, LineKind::Value)]);
    if let Some(note) = &rec.status_note {
        field("Status note", vec![(note.clone(), LineKind::Value)]);
    }
    if !rec.owners.is_empty() {
        field("Owners", vec![(rec.owners.join(", "), LineKind::Value)]);
    }
    if !rec.themes.is_empty() {
        let catalogue = Catalogue::date();
        let names: Vec<&str> = rec
            .themes
            .iter()
            .map(|id| catalogue.theme(id).map_or(id.as_str(), |t| t.name.as_str()))
            .collect();
        field("Themes", vec![(names.join(" · "), LineKind::Value)]);
    }
    if !rec.history.is_empty() {
        // A timeline: each status with its date, and which way it moved from the one before.
        let entries = rec
            .history
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let note = h
                    .note
                    .as_deref()
                    .map_or(String::new(), |n| format!(": {n}"));
                let moved = i
                    .checked_sub(1)
                    .and_then(|p| crate::model::Direction::of(&rec.history[p].status, &h.status))
                    .map_or(' ', |d| d.symbol());
                (
                    format!(
                        "{} {moved} {} {}{note}",
                        h.date,
                        h.status.symbol(),
                        h.status
                    ),
                    LineKind::Value,
                )
            })
            .collect();
        field("History", entries);
    }
    let evidence: Vec<(String, LineKind)> = rec
        .evidence
        .iter()
        .filter(|e| show_internal || e.visibility == Visibility::Public)
        .map(|e| {
            let date = e.date.map_or(String::new(), |d| format!(" ({d})"));
            let url = e.url.as_deref().map_or(String::new(), |u| format!("\n{u}"));
            let (mark, kind) = visibility_mark(e.visibility);
            (format!("{mark}{}{date}{url}", e.title), kind)
        })
        .collect();
    if !evidence.is_empty() {
        field("Evidence", evidence);
    }
    let notes: Vec<(String, LineKind)> = rec
        .notes
        .iter()
        .filter(|n| show_internal || n.visibility == Visibility::Public)
        .map(|n| {
            let date = n.date.map_or(String::new(), |d| format!("{d} "));
            let (mark, kind) = visibility_mark(n.visibility);
            (format!("{date}{mark}{}", n.text), kind)
        })
        .collect();
    if !notes.is_empty() {
        field("Notes", notes);
    }
    out
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
