//! `rapporteur export`: the filtered list on standard output as CSV (RFC 4180), a Markdown table
//! or a JSON array, chosen by the same filter code as the screen.

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::NaiveDate;
use serde_json::json;

use crate::cli::{Cli, Command, ExportFormat};
use crate::model::query::{self, Query};
use crate::model::{Feed, Recommendation, Status};
use crate::startup;

/// Runs `rapporteur export`: loads the feed the console would show, selects through the same
/// query code as the screen, and writes the result to standard output.
pub fn run(cli: &Cli) -> Result<(), String> {
    let Some(Command::Export {
        statuses,
        themes,
        search,
        overdue,
        format,
    }) = &cli.command
    else {
        return Ok(());
    };
    let launch = startup::resolve(cli)?;
    let feed = crate::history::recorder::around(&launch.source, &launch.history, || {
        crate::feed::load(&launch.source, &launch.options)
    })
    .map_err(|e| e.lines().collect::<Vec<_>>().join("\n"))?;
    let mut query = match &launch.initial_view {
        Some(view) => Query {
            filter: view.filter.clone(),
            sort: view.sort.unwrap_or_default(),
        },
        None => Query::default(),
    };
    for status in statuses {
        query
            .filter
            .statuses
            .push(Status::parse_known(status).map_err(|e| format!("--status {e}"))?);
    }
    query.filter.themes.extend(themes.iter().cloned());
    if let Some(search) = search {
        query.filter.search = search.clone();
    }
    query.filter.overdue |= *overdue;
    let today = chrono::Utc::now().date_naive();
    let stale_days = launch.settings.stale_assessment_days;
    // An export knows no earlier load, so nothing counts as changed.
    let chosen = query::select(&feed, &query, today, stale_days, &|_| false);
    let text = render(&feed, &chosen, *format);
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the export: {e}"))
}

const COLUMNS: [&str; 9] = [
    "id",
    "audience",
    "title",
    "status",
    "priority",
    "due",
    "last_assessed",
    "owners",
    "themes",
];

fn fields(feed: &Feed, rec: &Recommendation) -> [String; 9] {
    let date = |d: Option<NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
    [
        rec.id.0.clone(),
        feed.audiences
            .get(rec.audience)
            .map_or_else(String::new, |a| a.name.clone()),
        rec.title.clone(),
        rec.status.wire().to_owned(),
        rec.priority.map_or("", |p| p.word()).to_owned(),
        date(rec.due),
        date(rec.last_assessed),
        rec.owners.join("; "),
        rec.themes.join("; "),
    ]
}

/// Writes the records in a format.
pub fn render(feed: &Feed, recs: &[&Recommendation], format: ExportFormat) -> String {
    match format {
        ExportFormat::Csv => csv(feed, recs),
        ExportFormat::Md => markdown(feed, recs),
        ExportFormat::Json => json_array(feed, recs),
    }
}

fn csv(feed: &Feed, recs: &[&Recommendation]) -> String {
    let mut out = String::new();
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for rec in recs {
        let cells: Vec<String> = fields(feed, rec).iter().map(|f| csv_cell(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn markdown(feed: &Feed, recs: &[&Recommendation]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", COLUMNS.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(COLUMNS.len()));
    for rec in recs {
        let cells: Vec<String> = fields(feed, rec)
            .iter()
            .map(|f| {
                f.replace('\\', "\\\\")
                    .replace('|', "\\|")
                    .replace('\n', " ")
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

fn json_array(feed: &Feed, recs: &[&Recommendation]) -> String {
    let items: Vec<serde_json::Value> = recs
        .iter()
        .map(|rec| {
            json!({
                "id": rec.id.0,
                "audience": feed.audiences.get(rec.audience).map(|a| a.id.as_str()),
                "title": rec.title,
                "status": rec.status.wire(),
                "priority": rec.priority.map(|p| p.word()),
                "due": rec.due.map(|d| d.to_string()),
                "last_assessed": rec.last_assessed.map(|d| d.to_string()),
                "owners": rec.owners,
                "themes": rec.themes,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }
}
