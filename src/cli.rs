//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A terminal console that follows the implementation of the 36 recommendations of the research
/// project Determinants of Anti-Trafficking Efforts (DATE), for the staff of a national rapporteur
/// on trafficking in human beings.
///
/// With no arguments it shows the built-in DATE catalogue with illustrative sample statuses.
#[derive(Debug, Parser)]
#[command(name = "rapporteur", version, about, long_about)]
#[command(after_help = "Examples:
  rapporteur                                    the built-in sample data
  rapporteur --feed config/sample-feed.json     a local feed file
  rapporteur check config/sample-feed.json      validate a feed and summarise it
  rapporteur schema > feed.schema.json          the feed format as JSON Schema

Press ? inside the console for the keys.")]
pub struct Cli {
    /// The feed to show: a local file path or an https:// URL. Without it, the built-in sample.
    ///
    /// Example: --feed config/sample-feed.json
    #[arg(long, value_name = "PATH|URL", env = "RAPPORTEUR_FEED")]
    pub feed: Option<String>,

    /// What to do instead of starting the console.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a feed file: print a summary and exit 0, or print every error and exit 1.
    ///
    /// Example: rapporteur check config/sample-feed.json
    Check {
        /// The feed file to check.
        path: PathBuf,
    },
    /// Print the JSON Schema of feed format v1.
    Schema,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
