//! `rapporteur export`: the filtered list on standard output as CSV (RFC 4180), a Markdown table
//! or a JSON array, chosen by the same filter code as the screen.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::json;

use crate::app::filter::{Filter, FilterContext, SortKey};
use crate::app::search::{SearchHits, SearchIndex};
use crate::cli::ExportFormat;
use crate::model::{Feed, Recommendation};

/// The records a filter lets through, in the order the screen shows them (audience, then sort).
pub fn select<'a>(
    feed: &'a Feed,
    filter: &Filter,
    sort: SortKey,
    today: NaiveDate,
    stale_days: i64,
) -> Vec<&'a Recommendation> {
    let never_changed = |_: &Recommendation| false;
    let ctx = FilterContext {
        today,
        stale_assessment_days: stale_days,
        changed: &never_changed,
    };
    let hits = (!filter.search.is_empty())
        .then(|| SearchHits::search(&SearchIndex::build(feed, false), &filter.search, None).hits);
    let mut chosen: Vec<&Recommendation> = feed
        .recommendations
        .iter()
        .enumerate()
        .filter(|(i, rec)| {
            hits.as_ref().is_none_or(|h| h[*i])
                && filter.matches(rec, &ctx)
                && (filter.audiences.is_empty()
                    || feed
                        .audiences
                        .get(rec.audience)
                        .is_some_and(|a| filter.audiences.contains(&a.id)))
        })
        .map(|(_, rec)| rec)
        .collect();
    chosen.sort_by(|a, b| a.audience.cmp(&b.audience).then_with(|| sort.compare(a, b)));
    chosen
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
