//! The `rapporteur` command.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use rapporteur::cli::{Cli, Command};
use rapporteur::config::DEFAULT_CONFIG_TOML;
use rapporteur::feed::{sanitize, wire};
use rapporteur::{authoring, check, console, export, history, logging, startup};

// A large feed is over a million small strings. With the system allocator, allocating them and
// faulting in their pages was over a third of `check` on a 100,000-record feed; mimalloc brought
// that check from 1.46 s to 0.90 s (before the records were split between cores).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return command_line_error(&err),
    };
    if cli.print_default_config {
        print!("{DEFAULT_CONFIG_TOML}");
        return ExitCode::SUCCESS;
    }
    match &cli.command {
        Some(Command::Check { path, strict }) => check::run(&cli, path, *strict),
        Some(Command::Init { .. } | Command::Set { .. }) => authoring::run(&cli),
        Some(Command::Snapshots { .. } | Command::Diff { .. } | Command::Progress { .. }) => {
            history::command::run(&cli)
        }
        Some(Command::Schema { export }) => {
            if *export {
                print!("{}", export::json::schema_json());
            } else {
                print!("{}", wire::schema_json());
            }
            ExitCode::SUCCESS
        }
        Some(Command::Completions { shell }) => {
            let mut command = Cli::command();
            clap_complete::generate(*shell, &mut command, "rapporteur", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(Command::Export(_)) => match export::run(&cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => {
                eprintln!("rapporteur export: {}", clean(&failure.message));
                ExitCode::from(failure.code)
            }
        },
        None => {
            let launch = match startup::resolve(&cli) {
                Ok(launch) => launch,
                Err(err) => {
                    eprintln!("rapporteur: {}", clean(&err));
                    return ExitCode::from(2);
                }
            };
            let _log = logging::init();
            match run_console(launch) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("rapporteur: {}", clean(&format!("{err:#}")));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// A message for the terminal: it may quote a path, a URL, a config value or a flag, any of which
/// can hold what a terminal would act on.
fn clean(message: &str) -> String {
    sanitize::message(message)
}

/// Prints clap's message for a bad command line, cleaned, since clap quotes the arguments. Help
/// and version quote nothing and keep clap's own styling.
fn command_line_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
    }
    eprint!("{}", clean(&err.render().to_string()));
    ExitCode::from(2)
}

fn run_console(launch: startup::Launch) -> color_eyre::Result<()> {
    color_eyre::install()?;
    let runtime = tokio::runtime::Runtime::new()?;
    let result = runtime.block_on(console::run(launch));
    // The terminal is given back by now. Dropping the runtime would wait for every blocking
    // thread, and one may be stuck in a read from a stalled file system or busy parsing a large
    // feed: neither can be stopped, and neither may hold up the exit, so they are left behind.
    runtime.shutdown_background();
    result
}
