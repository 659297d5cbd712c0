//! `rapporteur check` on an office's likely mistakes: warnings that exit 0, errors with --strict;
//! and a remote feed fetched from a real local server under the console's rules.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SAMPLE: &str = include_str!("../config/sample-feed.json");

fn command(args: &[&str]) -> std::process::Command {
    let home = std::env::temp_dir().join(format!("rapporteur-check-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("RAPPORTEUR_FEED")
        .env_remove("RAPPORTEUR_CONFIG")
        .env_remove("RAPPORTEUR_TOKEN")
        .env("XDG_CONFIG_HOME", &home)
        .env("HOME", &home);
    command
}

fn rapporteur(args: &[&str]) -> Output {
    command(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The sample feed, changed by `edit`, written to a file of this test's own.
fn feed_file(name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut feed: Value = serde_json::from_str(SAMPLE).unwrap();
    edit(&mut feed);
    let dir =
        std::env::temp_dir().join(format!("rapporteur-check-warnings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&feed).unwrap()).unwrap();
    path
}

fn record<'a>(feed: &'a mut Value, id: &str) -> &'a mut Value {
    feed["recommendations"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == id)
        .unwrap()
}

/// Checks `file` without and with --strict: the warning is the same line, `warning:` and exit 0
/// without, `error:` and exit 1 with.
fn warns(file: &Path, expected: &str) {
    let arg = file.to_str().unwrap();
    let lenient = rapporteur(&["check", arg]);
    let out = text(&lenient.stdout);
    assert_eq!(lenient.status.code(), Some(0), "{}", text(&lenient.stderr));
    assert!(out.contains("warnings: 1\n"), "{out}");
    assert!(out.contains(&format!("  warning: {expected}\n")), "{out}");
    let strict = rapporteur(&["check", "--strict", arg]);
    let err = text(&strict.stderr);
    assert_eq!(strict.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("  error: {expected}\n")), "{err}");
    assert!(
        err.ends_with("not accepted with --strict (1 warning count as errors)\n"),
        "{err}"
    );
}

#[test]
fn the_sample_feed_passes_even_with_strict() {
    let out = rapporteur(&["check", "--strict", "config/sample-feed.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("warnings: 0\n"));
}

#[test]
fn missing_date_recommendations_are_named() {
    let file = feed_file("missing.json", |feed| {
        feed["recommendations"]
            .as_array_mut()
            .unwrap()
            .retain(|r| r["id"] != "CSO-02" && r["id"] != "MR-06");
    });
    warns(
        &file,
        "the feed uses the DATE ids but lacks 2 of the 36: CSO-02, MR-06",
    );
}

#[test]
fn a_status_unlike_the_latest_history_entry_is_named() {
    let file = feed_file("history.json", |feed| {
        record(feed, "LP-01")["status"] = json!("in_progress");
    });
    warns(
        &file,
        "record LP-01: the status is \"in progress\" but the latest history entry (2026-04-20) \
         says \"implemented\"",
    );
}

#[test]
fn dates_after_generated_at_are_named() {
    let file = feed_file("future-history.json", |feed| {
        record(feed, "LP-01")["history"][1]["date"] = json!("2026-12-01");
    });
    warns(
        &file,
        "record LP-01, field \"history[1].date\": 2026-12-01 is after the feed's generated_at \
         (2026-11-28)",
    );
    let file = feed_file("future-assessment.json", |feed| {
        record(feed, "LP-01")["last_assessed"] = json!("2026-11-30");
    });
    warns(
        &file,
        "record LP-01, field \"last_assessed\": 2026-11-30 is after the feed's generated_at \
         (2026-11-28)",
    );
}

#[test]
fn an_unknown_status_warns_and_is_an_error_with_strict() {
    let file = feed_file("unknown-status.json", |feed| {
        let rec = record(feed, "MR-06");
        rec["status"] = json!("under_review");
        rec["history"] = json!([]);
    });
    warns(
        &file,
        "record MR-06: status \"under_review\" is not one this build knows; shown as unrecognised",
    );
}

async fn check_remote(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        command(&args).output().expect("the binary runs")
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_remote_feed_is_fetched_and_checked() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/date.json"))
        .respond_with(ResponseTemplate::new(200).set_body_string(SAMPLE))
        .mount(&server)
        .await;
    let url = format!("{}/date.json", server.uri());
    let out = check_remote(vec!["check".into(), "--strict".into(), url.clone()]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with(&format!("{url}: valid feed")),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_remote_feed_is_held_to_the_configured_size_cap() {
    let server = MockServer::start().await;
    let padded = SAMPLE.replacen(
        '{',
        &format!("{{\"padding\": \"{}\",", "x".repeat(2 << 20)),
        1,
    );
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(padded))
        .mount(&server)
        .await;
    let dir = std::env::temp_dir().join(format!("rapporteur-check-cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, "max-body-mib = 1\n").unwrap();
    let url = format!("{}/date.json", server.uri());
    let out = check_remote(vec![
        "check".into(),
        "--config".into(),
        config.to_str().unwrap().into(),
        url,
    ])
    .await;
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("larger than the 1 MiB limit"), "{err}");
}

#[test]
fn plain_http_to_another_machine_is_refused_before_any_fetch() {
    let out = rapporteur(&["check", "http://feeds.example.org/date.json"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.starts_with("rapporteur check: "), "{err}");
    assert!(!err.contains("no such file"), "{err}");
}

#[test]
fn a_path_with_terminal_controls_is_printed_clean() {
    let out = rapporteur(&["check", "missing-\u{1b}]0;owned\u{7}-\u{1b}[2J.json"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("missing-"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

#[test]
fn a_syntax_error_is_printed_with_its_line_and_caret() {
    let dir = std::env::temp_dir().join(format!("rapporteur-check-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("feed.json");
    std::fs::write(
        &file,
        SAMPLE.replacen(
            "\"status\": \"implemented\",",
            "\"status\": \"implemented\"",
            1,
        ),
    )
    .unwrap();
    let out = rapporteur(&["check", file.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    assert!(lines[0].ends_with(":11:30: record LP-01: a comma is missing at the end of this value, before the next item"), "{err}");
    assert_eq!(lines[1], "  11 |       \"status\": \"implemented\"");
    // The caret stands where the comma belongs, right after the value.
    assert_eq!(lines[2], format!("     | {}^", " ".repeat(29)));
    assert!(
        lines[3].ends_with("feed.json: not a valid feed (1 error)"),
        "{err}"
    );
}

#[test]
fn a_token_is_never_sent_over_plain_http() {
    let out = command(&["check", "http://127.0.0.1:9/date.json"])
        .env("RAPPORTEUR_TOKEN", "not-for-http")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("RAPPORTEUR_TOKEN"), "{err}");
    assert!(
        !err.contains("not-for-http"),
        "the token is never shown: {err}"
    );
}
