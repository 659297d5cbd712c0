//! `rapporteur export`: the recommendations the console would list, ready for a report, as CSV,
//! a Markdown report or a JSON document. Records are chosen by the query module, the same code as
//! the screen's panes; then internal items are left out unless asked for.
//!
//! - [`filters`]: the filter flags, read by id or label;
//! - [`confidential`]: what is left out, and how much;
//! - [`columns`]: the columns, in words;
//! - [`header`]: what the export says about itself (feed, dates, filters, sample);
//! - [`mod@csv`], [`markdown`], [`json`]: the formats.

pub mod columns;
pub mod confidential;
pub mod csv;
pub mod filters;
pub mod header;
pub mod json;
pub mod markdown;

use std::io::Write as _;

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};

use self::columns::Column;
use self::confidential::{LeftOut, Row};
use self::header::Meta;
use crate::cli::{Cli, Command, ExportArgs, ExportFormat};
use crate::model::query::{self, Query};
use crate::model::{Feed, Recommendation};
use crate::startup;
use crate::text::sanitize;

/// Why an export did not happen, and the exit code that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, in a sentence or a few lines.
    pub message: String,
    /// 2 for a mistake on the command line or in the config, 1 for a feed that did not load or
    /// output that could not be written.
    pub code: u8,
}

impl Failure {
    fn usage(message: String) -> Failure {
        Failure { message, code: 2 }
    }

    fn other(message: String) -> Failure {
        Failure { message, code: 1 }
    }
}

/// Everything an export is made of.
#[derive(Debug, Clone)]
pub struct Export<'a> {
    /// The feed.
    pub feed: &'a Feed,
    /// The rows, in order, with only what may be exported.
    pub rows: Vec<Row<'a>>,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// What the export says about itself.
    pub meta: Meta,
    /// The date days overdue are counted from.
    pub today: NaiveDate,
}

/// How to write an export, besides which records.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The format.
    pub format: ExportFormat,
    /// The columns, in order (see [`columns::choose`]).
    pub columns: Vec<Column>,
    /// Keep internal records, notes and evidence.
    pub include_internal: bool,
    /// Start a CSV with a byte order mark.
    pub excel: bool,
    /// The date days overdue are counted from.
    pub today: NaiveDate,
    /// When the export is written.
    pub exported_at: DateTime<Utc>,
}

/// Runs `rapporteur export`: loads the feed the console would show, selects through the query
/// code the screen uses, writes the result to standard output and says on standard error what
/// was left out.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    let Some(Command::Export(args)) = &cli.command else {
        return Ok(());
    };
    let launch = startup::resolve(cli).map_err(Failure::usage)?;
    let columns = columns::choose(
        args.columns.as_deref(),
        args.full_text,
        args.include_internal,
    )
    .map_err(Failure::usage)?;
    // Every distinct feed an export loads is kept in the snapshot archive.
    let feed = crate::history::keep::around(&launch.source, &launch.history, || {
        crate::feed::load(&launch.source, &launch.options)
    })
    .map_err(|mut e| {
        // The path or URL comes from the command line or the config: cleaned before printing.
        e.origin = sanitize::line(&e.origin, 2_048);
        Failure::other(e.report_lines().collect::<Vec<_>>().join("\n"))
    })?;
    let mut query = match &launch.initial_view {
        Some(view) => Query {
            filter: view.filter.clone(),
            sort: view.sort.unwrap_or_default(),
        },
        None => Query::default(),
    };
    filters::apply(args, &feed, &mut query.filter).map_err(Failure::usage)?;
    // To the second: a report needs no more, and the heading stays short.
    let exported_at = Utc::now().trunc_subsecs(0);
    let settings = Settings {
        format: args.format,
        columns,
        include_internal: args.include_internal,
        excel: args.excel,
        today: args.today.unwrap_or_else(|| exported_at.date_naive()),
        exported_at,
    };
    let stale_days = launch.settings.stale_assessment_days;
    let view = launch.initial_view.as_ref().map(|v| v.name.as_str());
    let (bytes, left_out) = write(&feed, &query, view, stale_days, &settings)?;
    std::io::stdout()
        .write_all(&bytes)
        .and_then(|()| std::io::stdout().flush())
        .map_err(|e| Failure::other(format!("cannot write the export: {e}")))?;
    report(args, &left_out, feed.sample);
    Ok(())
}

/// Selects, leaves out what is internal and renders: the whole export but the printing.
pub fn write(
    feed: &Feed,
    query: &Query,
    view: Option<&str>,
    stale_days: i64,
    settings: &Settings,
) -> Result<(Vec<u8>, LeftOut), Failure> {
    // An export knows no earlier load, so nothing counts as changed.
    let chosen = query::select(feed, query, settings.today, stale_days, &|_| false);
    let meta = Meta::new(
        feed,
        &query.filter,
        view,
        stale_days,
        settings.exported_at,
        settings.include_internal,
    );
    let (bytes, left_out) = render(feed, &chosen, meta, settings);
    Ok((bytes.map_err(Failure::other)?, left_out))
}

/// Writes chosen records in a format, leaving out what is internal unless asked.
pub fn render(
    feed: &Feed,
    chosen: &[&Recommendation],
    meta: Meta,
    settings: &Settings,
) -> (Result<Vec<u8>, String>, LeftOut) {
    let (rows, left_out) = confidential::rows(chosen, settings.include_internal);
    let export = Export {
        feed,
        rows,
        columns: settings.columns.clone(),
        meta,
        today: settings.today,
    };
    let bytes = match settings.format {
        ExportFormat::Csv => csv::render(&export, settings.excel),
        ExportFormat::Md => Ok(markdown::render(&export).into_bytes()),
        ExportFormat::Json => json::render(&export).map(String::into_bytes),
    };
    (bytes, left_out)
}

/// Standard error: what was left out, and a reminder when sample data or internal items went out.
fn report(args: &ExportArgs, left_out: &LeftOut, sample: bool) {
    if let Some(sentence) = left_out.sentence() {
        eprintln!("rapporteur export: {sentence}");
    }
    if sample {
        eprintln!("rapporteur export: {}.", header::SAMPLE_LINE);
    }
    if args.include_internal {
        eprintln!("rapporteur export: internal items are included; not for publication.");
    }
}
