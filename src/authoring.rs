//! `rapporteur init` and `rapporteur set`: an office keeps its own feed from the command line.
//!
//! This turns the command line into an [`Edit`] and the writer's answer into words; the writing
//! itself, and its safety, is [`crate::feed::write`].

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::feed::sanitize::{self, caps};
use crate::feed::write::{self, Assessment, Edit, NewEvidence, WriteError};
use crate::model::{Priority, Status};

/// A command's failure: what to print, and whether the mistake is in the command line (exit 2)
/// or elsewhere (exit 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The message, already fit to print.
    pub message: String,
    /// The command line is wrong.
    pub usage: bool,
}

impl Failure {
    fn usage(message: String) -> Failure {
        Failure {
            message,
            usage: true,
        }
    }

    /// The exit code for it.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(if self.usage { 2 } else { 1 })
    }
}

impl From<WriteError> for Failure {
    fn from(err: WriteError) -> Failure {
        Failure {
            usage: err.is_usage(),
            message: err.to_string(),
        }
    }
}

/// Runs `init` or `set`, printing what happened; the exit code to end with.
pub fn run(cli: &Cli) -> ExitCode {
    let (name, result) = match &cli.command {
        Some(Command::Init { .. }) => ("init", init(cli)),
        Some(Command::Set { .. }) => ("set", set(cli)),
        _ => return ExitCode::SUCCESS,
    };
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for line in failure.message.lines() {
                eprintln!("rapporteur {name}: {line}");
            }
            failure.exit_code()
        }
    }
}

fn init(cli: &Cli) -> Result<String, Failure> {
    let Some(Command::Init {
        file,
        title,
        publisher,
    }) = &cli.command
    else {
        return Ok(String::new());
    };
    let title = one_line(title.as_deref(), caps::TITLE).unwrap_or(write::DEFAULT_TITLE.into());
    let publisher =
        one_line(publisher.as_deref(), caps::OWNER).unwrap_or(write::DEFAULT_PUBLISHER.into());
    write::create_date_feed(file, &title, &publisher)?;
    let shown = shown_path(file);
    Ok(format!(
        "{shown}: a new feed of the 36 DATE recommendations, none assessed yet.\n\
         Record an assessment with, for example:\n  \
         rapporteur set {shown} LP-01 --status in_progress --note \"Working group set up.\""
    ))
}

fn set(cli: &Cli) -> Result<String, Failure> {
    let Some(Command::Set { file, .. }) = &cli.command else {
        return Ok(String::new());
    };
    let name = file.to_string_lossy();
    if name.starts_with("https://") || name.starts_with("http://") {
        return Err(Failure::usage(format!(
            "{}: this feed comes from a server: change it at its source",
            shown_path(file)
        )));
    }
    let assessment = assessment(cli)?;
    let written = write::apply(file, &Edit::Assess(assessment.clone()), None)?;
    let before = match &written.undo {
        Edit::Restore { record, .. } => record
            .get("status")
            .and_then(|s| s.as_str())
            .map(|s| Status::from_wire(&sanitize::line(s, caps::STATUS)).to_string()),
        Edit::Assess(_) => None,
    };
    let id = written
        .feed
        .recommendations
        .iter()
        .find(|r| r.id.0.eq_ignore_ascii_case(&assessment.id))
        .map_or(assessment.id.clone(), |r| r.id.0.clone());
    let mut report = format!("{id}: {}", assessment.status);
    if let Some(before) = before.filter(|b| *b != assessment.status.to_string()) {
        report.push_str(&format!(" (was {before})"));
    }
    report.push_str(&format!(", assessed {}", assessment.date));
    if let Some(author) = &assessment.author {
        report.push_str(&format!(", recorded by {author}"));
    }
    if assessment.internal {
        report.push_str(", internal");
    }
    report.push_str(&format!(", in {}", shown_path(file)));
    Ok(report)
}

/// The assessment the `set` command line asks for, every value checked.
fn assessment(cli: &Cli) -> Result<Assessment, Failure> {
    let Some(Command::Set {
        id,
        status,
        note,
        date,
        evidence,
        evidence_title,
        internal,
        priority,
        due,
        owners,
        author,
        ..
    }) = &cli.command
    else {
        return Err(Failure::usage("not a set command".into()));
    };
    let date = match date {
        Some(date) => parse_date("--date", date)?,
        None => chrono::Local::now().date_naive(),
    };
    let evidence = match evidence {
        Some(url) => Some(NewEvidence {
            url: one_line(Some(url), caps::URL)
                .ok_or_else(|| Failure::usage("--evidence: the URL is empty".into()))?,
            title: one_line(evidence_title.as_deref(), caps::TITLE),
        }),
        None => None,
    };
    let priority = match priority {
        Some(p) => Some(
            Priority::from_wire(&p.trim().to_lowercase()).ok_or_else(|| {
                Failure::usage(format!(
                    "--priority \"{}\": not a priority (one of: high, medium, low)",
                    shown(p)
                ))
            })?,
        ),
        None => None,
    };
    let due = due.as_deref().map(|d| parse_date("--due", d)).transpose()?;
    let owners = (!owners.is_empty()).then(|| {
        owners
            .iter()
            .filter_map(|o| one_line(Some(o), caps::OWNER))
            .collect()
    });
    Ok(Assessment {
        id: sanitize::line(id, caps::ID),
        status: parse_status(status)?,
        date,
        note: note
            .as_deref()
            .map(|n| sanitize::text(n, caps::NOTE))
            .filter(|n| !n.is_empty()),
        author: resolve_author(cli, author.as_deref())?,
        evidence,
        internal: *internal,
        priority,
        due,
        owners,
    })
}

/// A status by its wire value or by the words shown on screen, in any case.
pub fn parse_status(value: &str) -> Result<Status, Failure> {
    let wanted = value.trim().to_lowercase();
    let underscored = wanted.replace([' ', '-'], "_");
    Status::KNOWN
        .into_iter()
        .find(|s| s.wire() == underscored || s.word() == wanted || s.short_word() == wanted)
        .ok_or_else(|| {
            // In the order of progress, as people think of them.
            let mut known = Status::KNOWN.to_vec();
            known.sort_by_key(|s| s.sort_rank().unwrap_or(u8::MAX));
            let known: Vec<&str> = known.iter().map(Status::wire).collect();
            Failure::usage(format!(
                "--status \"{}\": not a status (one of: {})",
                shown(value),
                known.join(", ")
            ))
        })
}

/// A date written exactly as `YYYY-MM-DD`.
fn parse_date(flag: &str, value: &str) -> Result<NaiveDate, Failure> {
    let trimmed = value.trim();
    let parsed = (trimmed.len() == 10)
        .then(|| NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").ok())
        .flatten();
    parsed.ok_or_else(|| {
        Failure::usage(format!(
            "{flag} \"{}\": not a date (expected YYYY-MM-DD, for example 2026-06-30)",
            shown(value)
        ))
    })
}

/// Who records the assessment: `--author` or `RAPPORTEUR_AUTHOR` (clap reads both, in that
/// order), else as the console finds it: the config file's `author`, else the login name.
fn resolve_author(cli: &Cli, given: Option<&str>) -> Result<Option<String>, Failure> {
    if let Some(author) = one_line(given, caps::OWNER) {
        return Ok(Some(author));
    }
    let (config, _) = Config::load(cli.config.as_deref())
        .map_err(|e| Failure::usage(sanitize::line(&e.to_string(), 1_000)))?;
    Ok(crate::startup::author(&config))
}

/// A one-line value, cleaned; `None` when absent or blank.
fn one_line(value: Option<&str>, cap: usize) -> Option<String> {
    value
        .map(|v| sanitize::line(v, cap))
        .filter(|v| !v.is_empty())
}

/// A value from the command line, fit to quote in a message.
fn shown(value: &str) -> String {
    sanitize::line(value, 80)
}

fn shown_path(path: &Path) -> String {
    sanitize::line(&path.display().to_string(), caps::URL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_read_by_its_wire_value_or_its_words_in_any_case() {
        for (given, expected) in [
            ("in_progress", Status::InProgress),
            ("In Progress", Status::InProgress),
            ("PARTIAL", Status::PartiallyImplemented),
            ("partially implemented", Status::PartiallyImplemented),
            ("n/a", Status::NotApplicable),
            ("not-assessed", Status::NotAssessed),
        ] {
            assert_eq!(parse_status(given), Ok(expected), "{given}");
        }
        let err = parse_status("done").expect_err("not a status");
        assert!(err.usage);
        assert!(
            err.message.contains("not_assessed, no_action"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_date_must_be_written_in_full() {
        assert!(parse_date("--date", "2026-12-01").is_ok());
        for bad in ["2026-2-1", "01/12/2026", "2026-02-30", "today", ""] {
            let err = parse_date("--date", bad).expect_err(bad);
            assert!(err.message.starts_with("--date \""), "{}", err.message);
        }
    }
}
