//! `rapporteur progress`: the progress figure of each audience at the end of each month.

use crate::cli::Cli;
use crate::startup::Launch;

/// Runs the command and returns what to print.
pub fn run(_cli: &Cli, _launch: &Launch) -> Result<String, String> {
    Err("the progress series is not available in this build yet".into())
}
