//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// A terminal console that follows the implementation of the 36 recommendations of the research
/// project Determinants of Anti-Trafficking Efforts (DATE), for the staff of a national rapporteur
/// on trafficking in human beings.
///
/// With no arguments it shows the built-in DATE catalogue with illustrative sample statuses.
/// Settings come from built-in defaults, then the config file, then RAPPORTEUR_* variables, then
/// these flags.
#[derive(Debug, Parser)]
#[command(name = "rapporteur", version, about, long_about)]
#[command(after_help = "Examples:
  rapporteur                                     the built-in sample data
  rapporteur --feed config/sample-feed.json      a local file, reloaded when it changes
  rapporteur --feed https://example.org/date.json --interval 120
  rapporteur --kiosk --config config/kiosk.example.toml
  rapporteur check config/sample-feed.json       validate a feed and summarise it
  rapporteur export --view overdue-data --format csv > overdue.csv

Press ? inside the console for the keys. RAPPORTEUR_TOKEN, if set, is sent to an https feed as a
bearer token. RAPPORTEUR_LOG sets the log level (error, warn, info, debug); the log is written to
the user's state folder, never to the screen.")]
pub struct Cli {
    /// The feed: a local file path or an https:// URL. Without it, the built-in sample data.
    ///
    /// Example: --feed config/sample-feed.json
    #[arg(long, value_name = "PATH|URL", env = "RAPPORTEUR_FEED", global = true)]
    pub feed: Option<String>,

    /// Start as a read-only wall display: no key changes anything, and nothing internal is shown.
    ///
    /// Ends on SIGTERM, SIGINT or SIGHUP, or on the unlock keys set in the config file.
    #[arg(long, env = "RAPPORTEUR_KIOSK")]
    pub kiosk: bool,

    /// Start in a saved view from the config file.
    ///
    /// Example: --view overdue-data
    #[arg(long, value_name = "NAME", env = "RAPPORTEUR_VIEW", global = true)]
    pub view: Option<String>,

    /// The config file. Default: $RAPPORTEUR_CONFIG, then $XDG_CONFIG_HOME/rapporteur/config.toml,
    /// then ~/.config/rapporteur/config.toml.
    ///
    /// Example: --config config/kiosk.example.toml
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Seconds between two polls of a remote feed (at least 5; default 60).
    ///
    /// Example: --interval 300
    #[arg(long, value_name = "SECS", env = "RAPPORTEUR_INTERVAL")]
    pub interval: Option<u64>,

    /// Colour theme: dark, light, high-contrast, colourblind or mono. NO_COLOR forces mono.
    ///
    /// Example: --theme colourblind
    #[arg(long, value_name = "NAME", env = "RAPPORTEUR_THEME")]
    pub theme: Option<String>,

    /// Allow a plain http:// feed on a host other than this machine (it can be read and changed
    /// on the way).
    #[arg(long, env = "RAPPORTEUR_ALLOW_HTTP")]
    pub allow_http: bool,

    /// What the change marks compare with: previous (the default), a date such as 2025-12-31,
    /// the name of a pinned snapshot, a feed file or an https:// URL.
    ///
    /// Example: --baseline "2025 report"
    #[arg(long, value_name = "WHAT", env = "RAPPORTEUR_BASELINE", global = true)]
    pub baseline: Option<String>,

    /// Print the built-in default configuration, with comments, and exit.
    #[arg(long)]
    pub print_default_config: bool,

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
    /// Write the filtered recommendations to standard output, as on screen.
    ///
    /// Example: rapporteur export --feed feed.json --status no_action --theme data --format md
    Export {
        /// Only these statuses (repeat for several): not_assessed, no_action, in_progress,
        /// partially_implemented, implemented, not_applicable.
        #[arg(long = "status", value_name = "STATUS")]
        statuses: Vec<String>,
        /// Only these themes (repeat for several), such as data or funding.
        #[arg(long = "theme", value_name = "THEME")]
        themes: Vec<String>,
        /// Only those whose text contains this (case-insensitive).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Only overdue ones.
        #[arg(long)]
        overdue: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
    /// List the archive's snapshots of the feed, or name one so that it is kept for good.
    ///
    /// Example: rapporteur snapshots --feed feed.json --pin 2025-12-31 --name "2025 report"
    Snapshots {
        /// The day whose snapshot to name: the one in force at the end of that day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        pin: Option<String>,
        /// The name to give it, such as "2025 report".
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// What changed between two versions of the feed, grouped as in a report's annex.
    ///
    /// OLD and NEW are feed files, URLs, dates (the snapshot in force at the end of that day) or
    /// names of pinned snapshots; NEW is the current feed when left out.
    ///
    /// Example: rapporteur diff "2025 report" --format md > annex.md
    Diff {
        /// The earlier version.
        old: String,
        /// The later version; the current feed when left out.
        new: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Include internal recommendations, notes and evidence (left out by default).
        #[arg(long)]
        include_internal: bool,
    },
    /// The progress figure of each audience at the end of each of the last 24 months.
    ///
    /// Example: rapporteur progress --format csv > progress.csv
    Progress {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Include internal recommendations (left out by default).
        #[arg(long)]
        include_internal: bool,
    },
    /// Print the JSON Schema of feed format v1.
    Schema,
    /// Print a shell completion script.
    ///
    /// Example: rapporteur completions bash > ~/.local/share/bash-completion/completions/rapporteur
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Formats `rapporteur export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, RFC 4180.
    Csv,
    /// A Markdown table.
    Md,
    /// A JSON array.
    Json,
}

/// Formats of `rapporteur diff` and `rapporteur progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, ready to paste into a report.
    Md,
    /// Comma-separated values, RFC 4180.
    Csv,
    /// JSON.
    Json,
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
