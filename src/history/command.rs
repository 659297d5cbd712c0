//! The `snapshots`, `diff` and `progress` commands, and the archive settings of `check`.

use std::process::ExitCode;

use super::HistorySettings;
use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::text::sanitize;

/// The archive settings for a command that reads no other configuration (`check`): `None`, with
/// a warning, when the configuration cannot be read, so the command itself still runs.
pub fn settings_of(cli: &Cli) -> Option<HistorySettings> {
    let resolved = Config::load(cli.config.as_deref())
        .map_err(|e| e.to_string())
        .and_then(|(config, _)| HistorySettings::resolve(&config, cli.baseline.as_deref()));
    match resolved {
        Ok(settings) => Some(settings),
        Err(err) => {
            let err = sanitize::line(&err, 400);
            eprintln!("rapporteur: not keeping a snapshot: {err}");
            None
        }
    }
}

/// Runs `snapshots`, `diff` or `progress`. Usage mistakes exit 2, other failures 1.
pub fn run(cli: &Cli) -> ExitCode {
    let name = match &cli.command {
        Some(Command::Snapshots { .. }) => "snapshots",
        Some(Command::Diff { .. }) => "diff",
        Some(Command::Progress { .. }) => "progress",
        _ => return ExitCode::SUCCESS,
    };
    let launch = match crate::startup::resolve(cli) {
        Ok(launch) => launch,
        Err(err) => {
            eprintln!("rapporteur {name}: {}", sanitize::text(&err, 2000));
            return ExitCode::from(2);
        }
    };
    let result = match &cli.command {
        Some(Command::Snapshots { pin, name }) => {
            let mut archive = match launch.history.open() {
                None => None,
                Some(Ok(archive)) => Some(archive),
                Some(Err(err)) => {
                    eprintln!("rapporteur snapshots: {}", sanitize::line(&err.0, 400));
                    return ExitCode::FAILURE;
                }
            };
            super::snapshots::run(
                archive.as_mut(),
                &launch.source,
                pin.as_deref(),
                name.as_deref(),
            )
        }
        Some(Command::Diff { .. }) => super::diff::run(cli, &launch),
        Some(Command::Progress { .. }) => super::progress::run(cli, &launch),
        _ => Ok(String::new()),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("rapporteur {name}: {}", sanitize::text(&err, 4000));
            ExitCode::FAILURE
        }
    }
}
