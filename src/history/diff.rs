//! `rapporteur diff OLD [NEW]`: the changes between two versions as a report's annex.

use std::fmt::Write as _;

use chrono::Local;
use serde_json::json;

use super::reference::{Reference, load};
use super::{HistorySettings, Spec};
use crate::cli::{Cli, Command, ReportFormat};
use crate::feed::archive::Archive;
use crate::model::diff::{Diff, DiffOptions, Group, diff};
use crate::startup::Launch;
use crate::text::date::long_date;
use crate::text::sanitize;

/// Runs the command and returns what to print; the count of what was left out goes to stderr.
pub fn run(cli: &Cli, launch: &Launch) -> Result<String, String> {
    let Some(Command::Diff {
        old,
        new,
        format,
        include_internal,
    }) = &cli.command
    else {
        return Ok(String::new());
    };
    let archive = open(&launch.history)?;
    let spec = |text: &str| {
        Spec::parse(text).map_err(|e| {
            // Some answers quote the text already.
            let e = sanitize::line(&e, 200);
            if e.starts_with('"') {
                e
            } else {
                format!("\"{}\" {e}", sanitize::line(text, 80))
            }
        })
    };
    let old_spec = spec(old)?;
    // The digest of the current feed as kept, so that `previous` is the snapshot before it.
    let mut now_kept = None;
    let new_ref = match new {
        Some(new) => load(
            &spec(new)?,
            &launch.source,
            &launch.options,
            archive.as_ref(),
            None,
        )?,
        None => {
            let (feed, kept) = super::keep::around_kept(&launch.source, &launch.history, || {
                crate::feed::load(&launch.source, &launch.options)
            });
            now_kept = kept;
            let feed = feed.map_err(|e| e.lines().collect::<Vec<_>>().join("\n"))?;
            Reference {
                label: "now".into(),
                date: Local::now().date_naive(),
                feed,
            }
        }
    };
    let old_ref = load(
        &old_spec,
        &launch.source,
        &launch.options,
        archive.as_ref(),
        now_kept.as_deref(),
    )?;
    let options = DiffOptions {
        include_internal: *include_internal,
        old_date: old_ref.date,
        new_date: new_ref.date,
    };
    let changes = diff(&old_ref.feed, &new_ref.feed, options);
    if changes.left_out > 0 {
        eprintln!(
            "rapporteur diff: {} internal recommendation{} left out (--include-internal shows them)",
            changes.left_out,
            if changes.left_out == 1 { "" } else { "s" }
        );
    }
    Ok(render(&changes, &old_ref, &new_ref, *format))
}

fn open(settings: &HistorySettings) -> Result<Option<Archive>, String> {
    settings.open().transpose().map_err(|e| e.to_string())
}

/// The diff in a format.
pub fn render(diff: &Diff, old: &Reference, new: &Reference, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => markdown(diff, old, new),
        ReportFormat::Csv => csv(diff),
        ReportFormat::Json => json_document(diff, old, new),
    }
}

fn side(reference: &Reference) -> String {
    let date = long_date(reference.date);
    if reference.label == date {
        date
    } else {
        format!("{} ({date})", reference.label)
    }
}

fn markdown(diff: &Diff, old: &Reference, new: &Reference) -> String {
    // As `export` writes it: no link, image, tag, code span or cell break of a feed's own.
    let cell = crate::export::markdown::escape;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Changes from {} to {}\n",
        long_date(old.date),
        long_date(new.date)
    );
    let _ = writeln!(
        out,
        "Compared: {} with {}.\n",
        cell(&side(old)),
        cell(&side(new))
    );
    let _ = writeln!(out, "| Change | Recommendations |\n|---|---:|");
    for group in Group::ALL {
        let _ = writeln!(out, "| {} | {} |", group.title(), diff.count(group));
    }
    for group in Group::ALL {
        let n = diff.count(group);
        if n == 0 {
            continue;
        }
        let _ = writeln!(out, "\n## {} ({n})\n", group.title());
        let _ = writeln!(out, "| Id | Audience | Recommendation | Before | After |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for c in diff.group(group) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&c.id.0),
                cell(&c.audience_name),
                cell(&c.title),
                cell(&c.before),
                cell(&c.after)
            );
        }
    }
    out
}

fn csv(diff: &Diff) -> String {
    let cell = |value: &str| {
        // As `export` writes it: never a formula to a spreadsheet program.
        let value = crate::export::csv::defuse(value.to_owned());
        if value.contains([',', '"', '\r', '\n']) {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value
        }
    };
    let mut out = String::from("change,id,audience,title,before,after\r\n");
    for c in &diff.changes {
        let cells = [
            c.group.key(),
            &c.id.0,
            &c.audience_name,
            &c.title,
            &c.before,
            &c.after,
        ];
        let cells: Vec<String> = cells.iter().map(|v| cell(v)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn json_document(diff: &Diff, old: &Reference, new: &Reference) -> String {
    let counts: serde_json::Map<String, serde_json::Value> = Group::ALL
        .iter()
        .map(|g| (g.key().to_owned(), json!(diff.count(*g))))
        .collect();
    let changes: Vec<serde_json::Value> = diff
        .changes
        .iter()
        .map(|c| {
            json!({
                "change": c.group.key(),
                "id": c.id.0,
                "audience": c.audience_name,
                "title": c.title,
                "before": c.before,
                "after": c.after,
            })
        })
        .collect();
    let doc = json!({
        "old": { "label": old.label, "date": old.date.to_string() },
        "new": { "label": new.label, "date": new.date.to_string() },
        "counts": counts,
        "changes": changes,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
