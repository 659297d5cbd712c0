//! The `rapporteur` command.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use rapporteur::check::check;
use rapporteur::cli::{Cli, Command};
use rapporteur::config::DEFAULT_CONFIG_TOML;
use rapporteur::feed::wire;
use rapporteur::{console, export, history, logging, startup};

// A large feed is over a million small strings. With the system allocator, allocating them and
// faulting in their pages was over a third of `check` on a 100,000-record feed; mimalloc brought
// that check from 1.46 s to 0.90 s (before the records were split between cores).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_default_config {
        print!("{DEFAULT_CONFIG_TOML}");
        return ExitCode::SUCCESS;
    }
    match &cli.command {
        Some(Command::Check { path }) => {
            let source = rapporteur::feed::Source::File(path.clone());
            let (report, valid) = match history::command::settings_of(&cli) {
                Some(settings) => history::recorder::around(&source, &settings, || check(path)),
                None => check(path),
            };
            if valid {
                print!("{report}");
                ExitCode::SUCCESS
            } else {
                eprint!("{report}");
                ExitCode::FAILURE
            }
        }
        Some(Command::Snapshots { .. } | Command::Diff { .. } | Command::Progress { .. }) => {
            history::command::run(&cli)
        }
        Some(Command::Schema) => {
            print!("{}", wire::schema_json());
            ExitCode::SUCCESS
        }
        Some(Command::Completions { shell }) => {
            let mut command = Cli::command();
            clap_complete::generate(*shell, &mut command, "rapporteur", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(Command::Export { .. }) => match export::run(&cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("rapporteur export: {err}");
                ExitCode::FAILURE
            }
        },
        None => {
            let launch = match startup::resolve(&cli) {
                Ok(launch) => launch,
                Err(err) => {
                    eprintln!("rapporteur: {err}");
                    return ExitCode::from(2);
                }
            };
            let _log = logging::init();
            match run_console(launch) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("rapporteur: {err:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn run_console(launch: startup::Launch) -> color_eyre::Result<()> {
    color_eyre::install()?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(console::run(launch))
}
