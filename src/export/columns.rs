//! The columns an export can carry, in words rather than codes, and `--columns` read and checked.

use chrono::NaiveDate;

use super::confidential::Row;
use crate::model::catalogue::Catalogue;
use crate::model::{Feed, HistoryEntry, Visibility};

/// One column of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The recommendation's id.
    Id,
    /// The audience's name.
    Audience,
    /// The short title.
    Title,
    /// The full text (with `--full-text`).
    Text,
    /// The status in words.
    Status,
    /// high, medium or low.
    Priority,
    /// Who is responsible.
    Owners,
    /// The themes' names.
    Themes,
    /// The due date.
    Due,
    /// Days past the due date, for an overdue recommendation.
    DaysOverdue,
    /// When the status was last checked.
    LastAssessed,
    /// The status in a sentence.
    StatusNote,
    /// The date of the latest history entry.
    LatestChangeDate,
    /// The status set by the latest history entry, in words.
    LatestChangeStatus,
    /// The note of the latest history entry.
    LatestChangeNote,
    /// The evidence shown: titles and URLs.
    Evidence,
    /// The notes shown, with their dates.
    Notes,
    /// public or internal (with `--include-internal`).
    Visibility,
}

impl Column {
    /// Every column a person can ask for, in the default order.
    pub const CHOOSABLE: [Column; 17] = [
        Column::Id,
        Column::Audience,
        Column::Title,
        Column::Text,
        Column::Status,
        Column::Priority,
        Column::Owners,
        Column::Themes,
        Column::Due,
        Column::DaysOverdue,
        Column::LastAssessed,
        Column::StatusNote,
        Column::LatestChangeDate,
        Column::LatestChangeStatus,
        Column::LatestChangeNote,
        Column::Evidence,
        Column::Notes,
    ];

    /// The name in `--columns`, the CSV header and the JSON field.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Audience => "audience",
            Column::Title => "title",
            Column::Text => "text",
            Column::Status => "status",
            Column::Priority => "priority",
            Column::Owners => "owners",
            Column::Themes => "themes",
            Column::Due => "due",
            Column::DaysOverdue => "days_overdue",
            Column::LastAssessed => "last_assessed",
            Column::StatusNote => "status_note",
            Column::LatestChangeDate => "latest_change_date",
            Column::LatestChangeStatus => "latest_change_status",
            Column::LatestChangeNote => "latest_change_note",
            Column::Evidence => "evidence",
            Column::Notes => "notes",
            Column::Visibility => "visibility",
        }
    }

    /// The heading of a Markdown table.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Id => "Id",
            Column::Audience => "Audience",
            Column::Title => "Title",
            Column::Text => "Text",
            Column::Status => "Status",
            Column::Priority => "Priority",
            Column::Owners => "Owners",
            Column::Themes => "Themes",
            Column::Due => "Due",
            Column::DaysOverdue => "Days overdue",
            Column::LastAssessed => "Last assessed",
            Column::StatusNote => "Status note",
            Column::LatestChangeDate => "Latest change",
            Column::LatestChangeStatus => "Status then",
            Column::LatestChangeNote => "Why",
            Column::Evidence => "Evidence",
            Column::Notes => "Notes",
            Column::Visibility => "Visibility",
        }
    }
}

/// The columns of an export: `--columns` when given, else every column but the full text (which
/// `--full-text` adds after the title); `visibility` last when internal items are included.
pub fn choose(
    wanted: Option<&str>,
    full_text: bool,
    include_internal: bool,
) -> Result<Vec<Column>, String> {
    let mut columns = match wanted {
        None => Column::CHOOSABLE
            .into_iter()
            .filter(|&c| c != Column::Text || full_text)
            .collect(),
        Some(list) => {
            let mut columns = parse_list(list)?;
            if full_text && !columns.contains(&Column::Text) {
                columns.push(Column::Text);
            }
            columns
        }
    };
    if include_internal {
        columns.push(Column::Visibility);
    }
    Ok(columns)
}

fn parse_list(list: &str) -> Result<Vec<Column>, String> {
    let mut columns = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let wanted = name.to_lowercase().replace(['-', ' '], "_");
        let column = Column::CHOOSABLE
            .into_iter()
            .find(|c| c.name() == wanted)
            .ok_or_else(|| {
                format!(
                    "--columns: \"{}\" is not a column (known: {})",
                    crate::text::sanitize::line(name, 64),
                    Column::CHOOSABLE.map(Column::name).join(", ")
                )
            })?;
        if !columns.contains(&column) {
            columns.push(column);
        }
    }
    if columns.is_empty() {
        return Err(format!(
            "--columns names no column (known: {})",
            Column::CHOOSABLE.map(Column::name).join(", ")
        ));
    }
    Ok(columns)
}

/// The latest history entry that may be exported: the last of those with the latest date.
pub fn latest_change<'a>(row: &Row<'a>) -> Option<&'a HistoryEntry> {
    row.history
        .iter()
        .copied()
        // max_by_key keeps the last of equal dates: the later entry of a day wins.
        .max_by_key(|entry| entry.date)
}

/// Days past due, for a recommendation that is overdue on `today`.
pub fn days_overdue(row: &Row<'_>, today: NaiveDate) -> Option<i64> {
    row.rec
        .due
        .filter(|_| row.rec.is_overdue(today))
        .map(|due| (today - due).num_days())
}

/// A theme's name from the catalogue, or its id when the catalogue does not know it.
pub fn theme_name(id: &str) -> String {
    Catalogue::date()
        .theme(id)
        .map_or_else(|| id.to_owned(), |t| t.name.clone())
}

/// The word for a visibility.
pub fn visibility_word(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Public => "public",
        Visibility::Internal => "internal",
    }
}

/// A column's value as one line of text, for CSV and Markdown. Lists are joined with "; ".
pub fn text(feed: &Feed, row: &Row<'_>, column: Column, today: NaiveDate) -> String {
    let rec = row.rec;
    let date = |d: Option<NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
    let latest = latest_change(row);
    match column {
        Column::Id => rec.id.0.clone(),
        Column::Audience => feed
            .audiences
            .get(rec.audience)
            .map_or_else(String::new, |a| a.name.clone()),
        Column::Title => rec.title.clone(),
        Column::Text => rec.text.clone(),
        Column::Status => rec.status.to_string(),
        Column::Priority => rec.priority.map_or("", |p| p.word()).to_owned(),
        Column::Owners => rec.owners.join("; "),
        Column::Themes => rec
            .themes
            .iter()
            .map(|t| theme_name(t))
            .collect::<Vec<_>>()
            .join("; "),
        Column::Due => date(rec.due),
        Column::DaysOverdue => days_overdue(row, today).map_or_else(String::new, |d| d.to_string()),
        Column::LastAssessed => date(rec.last_assessed),
        Column::StatusNote => rec.status_note.clone().unwrap_or_default(),
        Column::LatestChangeDate => date(latest.map(|h| h.date)),
        Column::LatestChangeStatus => latest.map_or_else(String::new, |h| h.status.to_string()),
        Column::LatestChangeNote => latest.and_then(|h| h.note.clone()).unwrap_or_default(),
        Column::Evidence => row
            .evidence
            .iter()
            .map(|e| {
                let text = match &e.url {
                    Some(url) => format!("{} ({url})", e.title),
                    None => e.title.clone(),
                };
                marked(e.visibility, text)
            })
            .collect::<Vec<_>>()
            .join("; "),
        Column::Notes => row
            .notes
            .iter()
            .map(|n| {
                let text = match n.date {
                    Some(d) => format!("{d}: {}", n.text),
                    None => n.text.clone(),
                };
                marked(n.visibility, text)
            })
            .collect::<Vec<_>>()
            .join("; "),
        Column::Visibility => visibility_word(row.visibility()).to_owned(),
    }
}

/// An internal item (exported only with `--include-internal`) says so in a list of items.
fn marked(visibility: Visibility, text: String) -> String {
    match visibility {
        Visibility::Public => text,
        Visibility::Internal => format!("(internal) {text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_leaves_out_the_text_unless_asked() {
        let plain = choose(None, false, false).unwrap();
        assert!(!plain.contains(&Column::Text));
        assert!(!plain.contains(&Column::Visibility));
        let full = choose(None, true, true).unwrap();
        assert_eq!(full[3], Column::Text);
        assert_eq!(full.last(), Some(&Column::Visibility));
    }

    #[test]
    fn columns_are_read_in_the_order_given_in_any_case() {
        let columns = choose(Some("Status, id,days-overdue"), false, false).unwrap();
        assert_eq!(columns, [Column::Status, Column::Id, Column::DaysOverdue]);
    }

    #[test]
    fn an_unknown_column_lists_the_known_ones() {
        let err = choose(Some("id,colour"), false, false).unwrap_err();
        assert!(err.contains("\"colour\" is not a column"), "{err}");
        assert!(err.contains("latest_change_note"), "{err}");
        assert!(choose(Some(" , "), false, false).is_err());
    }
}
