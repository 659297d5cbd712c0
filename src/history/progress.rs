//! `rapporteur progress`: the progress figure of each audience at the end of each month.

use std::fmt::Write as _;

use chrono::Local;
use serde_json::json;

use crate::cli::{Cli, Command, ReportFormat};
use crate::model::PROGRESS_RULE;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::reference::end_of_day;
use crate::feed::Source;
use crate::feed::archive::{Archive, source_key};
use crate::model::progress_series::{ProgressSeries, month_ends, progress_series_with};
use crate::model::{RecId, Recommendation, Status};
use crate::startup::Launch;

/// How many months the series covers, the current one included.
pub const MONTHS: usize = 24;

/// Runs the command and returns what to print.
pub fn run(cli: &Cli, launch: &Launch) -> Result<String, String> {
    let Some(Command::Progress {
        format,
        include_internal,
    }) = &cli.command
    else {
        return Ok(String::new());
    };
    let feed = super::keep::around(&launch.source, &launch.history, || {
        crate::feed::load(&launch.source, &launch.options)
    })
    .map_err(|e| e.lines().collect::<Vec<_>>().join("\n"))?;
    let today = Local::now().date_naive();
    let archive = launch
        .history
        .open()
        .transpose()
        .map_err(|e| e.to_string())?;
    let months = month_ends(today, MONTHS);
    let archived = archive
        .as_ref()
        .map(|archive| statuses_by_month(archive, &launch.source, &months))
        .unwrap_or_default();
    let fallback =
        |month: usize, rec: &Recommendation| archived.get(month)?.as_ref()?.get(&rec.id).cloned();
    let series = progress_series_with(&feed, today, MONTHS, *include_internal, &fallback);
    Ok(render(&series, *format))
}

/// The statuses of one archived snapshot, by record.
type Statuses = Arc<HashMap<RecId, Status>>;

/// For each month end, the statuses of the snapshot in force then, when the archive has one:
/// what the progress series falls back on where a record's history is missing. Each snapshot is
/// read once however many months it covers.
fn statuses_by_month(
    archive: &Archive,
    source: &Source,
    months: &[NaiveDate],
) -> Vec<Option<Statuses>> {
    let key = source_key(source);
    let mut read: HashMap<i64, Statuses> = HashMap::new();
    months
        .iter()
        .map(|end| {
            let snapshot = archive.in_force_at(&key, end_of_day(*end)).ok()??;
            if let Some(done) = read.get(&snapshot.id) {
                return Some(Arc::clone(done));
            }
            let body = archive.body(&snapshot).ok()?;
            let feed = crate::feed::parse(&body, "archived snapshot").ok()?;
            let statuses: Statuses = Arc::new(
                feed.recommendations
                    .into_iter()
                    .map(|r| (r.id, r.status))
                    .collect(),
            );
            read.insert(snapshot.id, Arc::clone(&statuses));
            Some(statuses)
        })
        .collect()
}

/// A figure as a percentage with one decimal; a gap is empty.
fn percent(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{:.1}", v * 100.0))
}

/// The series in a format: one row per month, one column per audience.
pub fn render(series: &ProgressSeries, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => markdown(series),
        ReportFormat::Csv => csv(series),
        ReportFormat::Json => json_document(series),
    }
}

fn markdown(series: &ProgressSeries) -> String {
    let cell = |s: &str| s.replace('\\', "\\\\").replace('|', "\\|");
    let mut out = String::from("# Progress by audience, end of each month\n\n");
    let _ = writeln!(
        out,
        "{PROGRESS_RULE} Percent; an empty cell is a month with no data.\n"
    );
    let names: Vec<String> = series.lines.iter().map(|l| cell(&l.name)).collect();
    let _ = writeln!(out, "| Month | {} |", names.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(names.len()));
    for (i, month) in series.months.iter().enumerate() {
        let values: Vec<String> = series
            .lines
            .iter()
            .map(|l| percent(l.values.get(i).copied().flatten()))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            month.format("%Y-%m"),
            values.join(" | ")
        );
    }
    out
}

fn csv(series: &ProgressSeries) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\r', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::from("month");
    for line in &series.lines {
        out.push(',');
        out.push_str(&quote(&line.name));
    }
    out.push_str("\r\n");
    for (i, month) in series.months.iter().enumerate() {
        out.push_str(&month.format("%Y-%m").to_string());
        for line in &series.lines {
            out.push(',');
            out.push_str(&percent(line.values.get(i).copied().flatten()));
        }
        out.push_str("\r\n");
    }
    out
}

fn json_document(series: &ProgressSeries) -> String {
    let doc = json!({
        "rule": PROGRESS_RULE,
        "months": series.months.iter().map(|m| m.format("%Y-%m").to_string()).collect::<Vec<_>>(),
        "audiences": series.lines.iter().map(|l| json!({
            "name": l.name,
            "progress": l.values,
        })).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
