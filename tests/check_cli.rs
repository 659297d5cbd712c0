//! The real `rapporteur` binary: `check` and `schema`, their output streams and exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rapporteur::feed::parse;
use rapporteur::model::{Status, StatusCounts};

const SAMPLE: &str = "config/sample-feed.json";

/// Runs the binary from the project root, with no feed set in the environment.
fn rapporteur(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("RAPPORTEUR_FEED")
        // A snapshot archive of the run's own, never the user's.
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join(format!("rapporteur-check-{}", std::process::id())),
        )
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A directory of its own under the system temp dir, removed when dropped (even after a failure).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "rapporteur-check-cli-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).expect("temp dir can be created");
        TempDir(path)
    }

    fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("temp file can be written");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

#[test]
fn checking_the_sample_feed_succeeds_and_summarises_it() {
    let output = rapporteur(&["check", SAMPLE]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(
        out.starts_with("config/sample-feed.json: valid feed"),
        "{out}"
    );

    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE))
        .expect("the sample feed is readable");
    let feed = parse(&bytes, SAMPLE).expect("the sample feed is valid");
    for audience in &feed.audiences {
        assert!(
            out.contains(&audience.name),
            "no {} in:\n{out}",
            audience.name
        );
    }

    // Each status line is "<symbol> <words> <count>"; compare with counting the feed ourselves.
    let counts = StatusCounts::of(&feed.recommendations);
    let status_lines: Vec<&str> = out
        .lines()
        .skip_while(|line| line.trim() != "by status:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .collect();
    assert_eq!(status_lines.len(), Status::KNOWN.len(), "{out}");
    for status in Status::KNOWN {
        let expected = format!(
            "{} {} {}",
            status.symbol(),
            status.word(),
            counts.get(&status)
        );
        let found = status_lines
            .iter()
            .any(|line| line.split_whitespace().collect::<Vec<_>>().join(" ") == expected);
        assert!(found, "no line \"{expected}\" in:\n{out}");
    }
    assert!(out.lines().any(|line| line == "warnings: 0"), "{out}");
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn a_syntax_error_is_reported_with_line_and_column() {
    let dir = TempDir::new("syntax");
    let path = dir.write(
        "bad.json",
        "{\n  \"schema_version\": 1,\n  \"title\" \"x\"\n}\n",
    );
    let output = rapporteur(&["check", arg(&path)]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {err}");
    assert!(stdout(&output).is_empty());
    assert!(
        err.lines()
            .any(|line| line.starts_with("error: ") && line.contains("bad.json:3:11: ")),
        "{err}"
    );
    assert!(err.contains("not a valid feed (1 error)"), "{err}");
}

#[test]
fn every_validation_error_is_reported_with_its_record_and_field() {
    let dir = TempDir::new("validation");
    let feed = serde_json::json!({
        "schema_version": 1,
        "title": "t",
        "publisher": "p",
        "generated_at": "2026-11-28T09:00:00Z",
        "catalogue": "date",
        "recommendations": [
            {"id": "LP-09", "status": "implemented", "due": "June"},
            {"id": "LP-10", "status": "implemented", "priority": "urgent"},
            {"id": "LP-99", "status": "implemented"}
        ]
    });
    let path = dir.write("bad.json", &feed.to_string());
    let output = rapporteur(&["check", arg(&path)]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {err}");
    assert!(stdout(&output).is_empty());
    for expected in [
        "bad.json: record LP-09, field \"due\": not a date",
        "bad.json: record LP-10, field \"priority\": ",
        "bad.json: record LP-99, field \"id\": ",
    ] {
        assert!(
            err.lines()
                .any(|line| line.starts_with("error: ") && line.contains(expected)),
            "no \"{expected}\" in:\n{err}"
        );
    }
    assert!(err.contains("not a valid feed (3 errors)"), "{err}");
}

#[test]
fn a_missing_file_is_reported() {
    let dir = TempDir::new("missing");
    let path = dir.0.join("does-not-exist.json");
    let output = rapporteur(&["check", arg(&path)]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("no such file"), "{err}");
    assert!(err.contains("does-not-exist.json"), "{err}");
    assert!(err.contains("could not be read (1 error)"), "{err}");
}

#[test]
fn schema_prints_a_json_schema_with_a_title() {
    let output = rapporteur(&["schema"]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let schema: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the schema is JSON");
    let title = schema["title"].as_str().unwrap_or_default();
    assert!(title.contains("format v1"), "title: {title:?}");
}
