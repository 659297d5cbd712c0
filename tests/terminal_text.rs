//! Nothing raw reaches the terminal from the command line or the config file either: paths,
//! URLs, theme and view names, config keys and values and unknown flags are echoed cleaned.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::process::{Command, Output};

/// A title change, a screen clear, a bidi override and a default-ignorable filler.
const NASTY: &str = "\u{1b}]0;title\u{7}pwned\u{1b}[2J\u{202E}\u{3164}";

fn run(args: &[&str], config: Option<&str>) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, config.unwrap_or("")).unwrap();
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .env("RAPPORTEUR_CONFIG", &path)
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .env_remove("RAPPORTEUR_FEED")
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn assert_clean(output: &Output, what: &str) {
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202E}', '\u{3164}']),
            "{what}: raw text on {name}: {text:?}"
        );
    }
    assert!(!output.status.success(), "{what}: should fail");
}

#[test]
fn flags_are_echoed_cleaned() {
    let theme = format!("dark{NASTY}");
    let view = format!("v{NASTY}");
    let feed = format!("/nonexistent/feed{NASTY}.json");
    let url = format!("http://feed.example/{NASTY}");
    let flag = format!("--no-such-flag{NASTY}");
    let status = format!("done{NASTY}");
    for (what, args) in [
        ("theme", vec!["--theme", &theme]),
        ("view", vec!["--view", &view]),
        ("feed path", vec!["export", "--feed", &feed]),
        ("feed URL", vec!["--feed", &url]),
        ("unknown flag", vec![&flag]),
        ("export status", vec!["export", "--status", &status]),
        ("check path", vec!["check", &feed]),
    ] {
        let output = run(&args, None);
        assert_clean(&output, what);
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(
            err.contains("pwned"),
            "{what}: the value is still named: {err}"
        );
    }
}

#[test]
fn config_keys_and_values_are_echoed_cleaned() {
    let escaped = "\\u001b]0;t\\u0007pwned\\u001b[2J\\u202e";
    for (what, config) in [
        ("theme value", format!("theme = \"{escaped}\"\n")),
        ("view name", format!("view = \"{escaped}\"\n")),
        ("unknown key", format!("\"k{escaped}\" = 1\n")),
        (
            "view status",
            format!("[views.mine]\nstatuses = [\"{escaped}\"]\n"),
        ),
        (
            "view key",
            format!("[views.\"{escaped}\"]\nstatuses = [\"x\"]\n"),
        ),
        (
            "kiosk unlock",
            format!("[kiosk]\nunlock = [\"{escaped}\"]\n"),
        ),
    ] {
        let output = run(&["--kiosk"], Some(&config));
        assert_clean(&output, what);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{what}: {err}");
    }
}

#[test]
fn a_feed_file_whose_name_holds_escapes_is_named_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("feed{NASTY}.json"));
    std::fs::write(&path, "{ not json").unwrap();
    let output = run(&["check", path.to_str().unwrap()], None);
    assert_clean(&output, "check of a broken feed");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("pwned") && err.contains(".json:1:"), "{err}");
}
