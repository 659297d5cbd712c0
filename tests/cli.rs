//! The command line as a user meets it: help, errors, config layering, export.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rapporteur(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    for var in [
        "RAPPORTEUR_FEED",
        "RAPPORTEUR_CONFIG",
        "RAPPORTEUR_VIEW",
        "RAPPORTEUR_THEME",
        "RAPPORTEUR_INTERVAL",
        "RAPPORTEUR_KIOSK",
        "NO_COLOR",
    ] {
        command.env_remove(var);
    }
    // No user config file can leak in.
    command
        .env("XDG_CONFIG_HOME", scratch("xdg-empty"))
        .env("XDG_DATA_HOME", scratch("xdg-data"))
        .env("HOME", scratch("home-empty"));
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder of this test run's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rapporteur-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(name: &str, text: &str) -> PathBuf {
    let path = scratch("files").join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn help_explains_each_option_with_examples() {
    let out = rapporteur(&["--help"], &[]);
    assert!(out.status.success());
    let help = stdout(&out);
    for needle in [
        "--feed",
        "--kiosk",
        "--view",
        "--config",
        "--interval",
        "--theme",
        "Examples:",
        "check",
        "export",
        "schema",
        "completions",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
    let version = rapporteur(&["--version"], &[]);
    assert!(stdout(&version).starts_with("rapporteur "));
}

#[test]
fn the_default_config_printed_is_the_file_in_the_repository() {
    let out = rapporteur(&["--print-default-config"], &[]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"))
            .unwrap()
    );
}

#[test]
fn the_example_kiosk_config_is_valid() {
    let out = rapporteur(
        &[
            "--config",
            "config/kiosk.example.toml",
            "export",
            "--feed",
            "config/sample-feed.json",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_unknown_config_key_names_the_file_key_and_line() {
    let path = write("unknown-key.toml", "interval = 30\nrefresh-rate = 5\n");
    let out = rapporteur(&["--config", path.to_str().unwrap(), "export"], &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("unknown-key.toml:2:") && err.contains("refresh-rate"),
        "{err}"
    );
}

#[test]
fn bad_values_are_refused_with_what_to_do() {
    let out = rapporteur(
        &["--theme", "neon", "--feed", "config/sample-feed.json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the themes are: dark, light, high-contrast, colourblind, mono"));

    let out = rapporteur(&["--interval", "1"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at least 5 s"), "{}", stderr(&out));

    let out = rapporteur(&["--view", "nope"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the views are: not-started, overdue, overdue-data"),
        "{}",
        stderr(&out)
    );

    let path = write("bad-keys.toml", "[keys]\ndown = [\"j\"]\nup = [\"j\"]\n");
    let out = rapporteur(&["--config", path.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bound twice"), "{}", stderr(&out));

    let out = rapporteur(&["--config", "/nonexistent/rapporteur.toml"], &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("cannot read the configuration file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_console_refuses_to_run_without_a_terminal() {
    let out = rapporteur(&["--feed", "config/sample-feed.json"], &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
}

/// Export shows which view won: file, then variable, then flag.
#[test]
fn config_layers_file_then_environment_then_flags() {
    let config = write(
        "layers.toml",
        "view = \"file-view\"\n[views.file-view]\nstatuses = [\"implemented\"]\n[views.env-view]\nstatuses = [\"no_action\"]\n[views.flag-view]\nstatuses = [\"not_applicable\"]\n",
    );
    let config = config.to_str().unwrap();
    let ids = |out: &Output| {
        assert!(out.status.success(), "{}", stderr(out));
        stdout(out)
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    };
    let from_file = ids(&rapporteur(&["--config", config, "export"], &[]));
    assert_eq!(
        from_file,
        ["LP-01", "LP-08", "CSO-03", "CSO-06", "DF-01", "MR-06"]
    );
    let from_env = ids(&rapporteur(
        &["--config", config, "export"],
        &[("RAPPORTEUR_VIEW", "env-view")],
    ));
    assert_eq!(from_env.len(), 5);
    let from_flag = ids(&rapporteur(
        &["--config", config, "export", "--view", "flag-view"],
        &[("RAPPORTEUR_VIEW", "env-view")],
    ));
    assert_eq!(from_flag, ["IO-01", "IO-03", "DF-07"]);
    let via_env_config = ids(&rapporteur(&["export"], &[("RAPPORTEUR_CONFIG", config)]));
    assert_eq!(via_env_config, from_file);
}

#[test]
fn completions_are_printed_for_a_shell() {
    let out = rapporteur(&["completions", "bash"], &[]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("rapporteur"));
}
