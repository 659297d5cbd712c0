//! The command line.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

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
  rapporteur init feed.json                      a new feed, nothing assessed yet
  rapporteur set feed.json LP-09 --status in_progress --note \"Protocol drafted.\"
  rapporteur check --strict https://example.org/date.json
  rapporteur export --view overdue-data --format csv > overdue.csv
  rapporteur export --theme Data --status \"no action\" --format md > data.md

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

    /// Accept only feeds signed with this minisign key: the key itself (the line starting RW) or
    /// the path of the publisher's .pub file. The signature is <feed>.minisig.
    ///
    /// Example: --public-key publisher.pub
    #[arg(long, value_name = "KEY", env = "RAPPORTEUR_PUBLIC_KEY", global = true)]
    pub public_key: Option<String>,
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
    /// Validate a feed (a file or an https:// URL): print a summary and exit 0, or print every
    /// error and exit 1.
    ///
    /// Besides errors, check warns of an office's likely mistakes: DATE recommendations missing
    /// from a feed that uses the DATE ids, a status that differs from its latest history entry,
    /// dates after the feed's generated_at, unknown statuses. Warnings exit 0 unless --strict.
    ///
    /// Examples:
    ///   rapporteur check config/sample-feed.json
    ///   rapporteur check --strict feed.json                 refuse a feed with any warning
    ///   rapporteur check https://example.org/date.json      fetched as the console would
    #[command(verbatim_doc_comment)]
    Check {
        /// The feed to check: a file path or an https:// URL.
        #[arg(value_name = "PATH|URL")]
        path: String,
        /// Treat every warning as an error: exit 1 when there is any.
        #[arg(long)]
        strict: bool,
    },
    /// Write the filtered recommendations to standard output, ready for a report.
    ///
    /// Only public records, notes and evidence are written unless --include-internal; standard
    /// error says how many internal items were left out. Markdown and JSON start with the feed's
    /// title, publisher, date and the filters used; CSV repeats the feed's date (as_of) and the
    /// sample mark on every row. Sample data is marked SAMPLE DATA in every format.
    ///
    /// Examples:
    ///   rapporteur export --feed feed.json --status "no action" --theme Data --format md
    ///   rapporteur export --owner ministry --due-within 90 --format csv --excel > due.csv
    ///   rapporteur export --columns id,title,status,due --format md
    ///   rapporteur export --include-internal --full-text --format json > all.json
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),
    /// Print the JSON Schema of feed format v1, or with --export of `export --format json`.
    ///
    /// Example: rapporteur schema --export > export.schema.json
    Schema {
        /// The schema of the JSON export instead of the feed's.
        #[arg(long)]
        export: bool,
    },
    /// Start a new feed file: the 36 DATE recommendations, none assessed yet.
    ///
    /// Refuses to replace a file that exists.
    #[command(after_help = "Examples:
  rapporteur init feed.json
  rapporteur init feed.json --title \"DATE recommendations: Ruritania\" --publisher \"National Rapporteur\"
  rapporteur set feed.json LP-01 --status in_progress --note \"Working group set up.\"")]
    Init {
        /// The new feed file.
        file: PathBuf,
        /// The feed's title, shown in the header.
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        /// Who publishes the feed.
        #[arg(long, value_name = "NAME")]
        publisher: Option<String>,
    },
    /// Record an assessment of one recommendation in a local feed file.
    ///
    /// Sets the status and the date last assessed, and adds a history entry with the date,
    /// status, note and who recorded it. The file is checked before it is written, and written
    /// so that it is never half-written; an error leaves it untouched. Commands run at once on
    /// the same file wait for each other.
    #[command(after_help = "Examples:
  rapporteur set feed.json LP-09 --status in_progress --note \"Draft protocol under consultation.\"
  rapporteur set feed.json LP-09 --status implemented --date 2026-11-30 \\
      --evidence https://example.org/protocol.pdf --evidence-title \"Data-sharing protocol\"
  rapporteur set feed.json CSO-03 --status no_action --note \"Call not returned.\" --internal
  rapporteur set feed.json DF-02 --status in_progress --priority high --due 2027-06-30 \\
      --owner \"Ministry of Finance\" --owner \"Donor group\"

The author is --author, else RAPPORTEUR_AUTHOR, else `author` in the config file, else the
login name.")]
    Set {
        /// The feed file.
        file: PathBuf,
        /// The recommendation's id, such as LP-09.
        id: String,
        /// The new status: not_assessed, no_action, in_progress, partially_implemented,
        /// implemented or not_applicable; the words shown on screen work too ("in progress").
        #[arg(long, value_name = "STATUS")]
        status: String,
        /// Why, in a sentence or two: kept in the history entry.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The day of the assessment, YYYY-MM-DD. Default: today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// A link to a document that shows the status, added to the evidence.
        #[arg(long, value_name = "URL")]
        evidence: Option<String>,
        /// What the evidence is. Default: its URL.
        #[arg(long, value_name = "TITLE", requires = "evidence")]
        evidence_title: Option<String>,
        /// Staff only: the history entry and the evidence are never shown on a wall screen.
        #[arg(long)]
        internal: bool,
        /// A new priority: high, medium or low.
        #[arg(long, value_name = "PRIORITY")]
        priority: Option<String>,
        /// A new due date, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
        /// Who is responsible, in place of the owners listed now (repeat for several).
        #[arg(long = "owner", value_name = "NAME")]
        owners: Vec<String>,
        /// Who records the assessment.
        #[arg(long, value_name = "NAME", env = "RAPPORTEUR_AUTHOR")]
        author: Option<String>,
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
        /// Include internal recommendations (left out by default). A diff lists statuses, due
        /// dates and titles, never notes or evidence.
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
    /// Print a shell completion script.
    ///
    /// Example: rapporteur completions bash > ~/.local/share/bash-completion/completions/rapporteur
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// The options of `rapporteur export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Only these statuses (repeat for several), by value or as shown on screen, in any case:
    /// not_assessed, no_action, in_progress, partially_implemented, implemented, not_applicable.
    #[arg(long = "status", value_name = "STATUS")]
    pub statuses: Vec<String>,
    /// Only these themes (repeat for several), by id or name, such as data or "Funding".
    #[arg(long = "theme", value_name = "THEME")]
    pub themes: Vec<String>,
    /// Only these audiences (repeat for several), by id or name, such as civil-society.
    #[arg(long = "audience", value_name = "AUDIENCE")]
    pub audiences: Vec<String>,
    /// Only these priorities (repeat for several): high, medium, low.
    #[arg(long = "priority", value_name = "PRIORITY")]
    pub priorities: Vec<String>,
    /// Only those with an owner whose name contains this text (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub owner: Option<String>,
    /// Only open ones due between today and DAYS days from today.
    #[arg(long, value_name = "DAYS")]
    pub due_within: Option<u32>,
    /// Only those whose text contains this (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only overdue ones.
    #[arg(long)]
    pub overdue: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// The columns, in order, separated by commas. Known: id, audience, title, text, status,
    /// priority, owners, themes, due, days_overdue, last_assessed, status_note,
    /// latest_change_date, latest_change_status, latest_change_note, evidence, notes.
    #[arg(long, value_name = "A,B,C")]
    pub columns: Option<String>,
    /// Add the full text of each recommendation.
    #[arg(long)]
    pub full_text: bool,
    /// Include internal records, notes and evidence, and a visibility column. Not for publication.
    #[arg(long)]
    pub include_internal: bool,
    /// Start the CSV with a byte order mark, so spreadsheet programs read accents correctly.
    #[arg(long)]
    pub excel: bool,
    /// Count days overdue and --due-within from this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<NaiveDate>,
}

/// Formats `rapporteur export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, RFC 4180.
    Csv,
    /// A Markdown table.
    Md,
    /// A JSON object: the feed's facts and the recommendations (`rapporteur schema --export`).
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
