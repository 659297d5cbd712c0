//! The `rapporteur` command.

use std::process::ExitCode;

use clap::Parser;

use rapporteur::check::check;
use rapporteur::cli::{Cli, Command};
use rapporteur::console;
use rapporteur::feed::{Source, wire};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { path }) => {
            let (report, valid) = check(&path);
            if valid {
                print!("{report}");
                ExitCode::SUCCESS
            } else {
                eprint!("{report}");
                ExitCode::FAILURE
            }
        }
        Some(Command::Schema) => {
            print!("{}", wire::schema_json());
            ExitCode::SUCCESS
        }
        None => {
            let source = cli
                .feed
                .as_deref()
                .map_or(Source::Embedded, Source::from_arg);
            match run_console(source) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("rapporteur: {err:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn run_console(source: Source) -> color_eyre::Result<()> {
    color_eyre::install()?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(console::run(source))
}
