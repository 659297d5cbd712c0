//! Time on the command line: the snapshot archive kept by `check`, `snapshots`, and `diff`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const OLD: &str = "tests/fixtures/diff-old.json";
const NEW: &str = "tests/fixtures/diff-new.json";

/// Runs the binary with a data folder of the test's own and no user config.
fn rapporteur(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("RAPPORTEUR_FEED")
        .env_remove("RAPPORTEUR_CONFIG")
        .env_remove("RAPPORTEUR_BASELINE")
        .env("TZ", "UTC")
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .env("HOME", data.join("no-home"));
    command
}

fn run(data: &Path, args: &[&str]) -> Output {
    rapporteur(data, args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn archive(data: &Path) -> PathBuf {
    data.join("rapporteur").join("archive.sqlite")
}

fn copy_to(dir: &Path, fixture: &str, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(fixture, &path).unwrap();
    path
}

#[test]
fn diff_of_two_known_feeds_matches_the_golden_file_in_every_format() {
    let data = tempfile::tempdir().unwrap();
    for format in ["md", "csv", "json"] {
        let out = run(data.path(), &["diff", OLD, NEW, "--format", format]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let golden = std::fs::read_to_string(format!("tests/golden/diff.{format}")).unwrap();
        assert_eq!(text(&out.stdout), golden, "format {format}");
        assert!(
            text(&out.stderr).contains("1 internal recommendation left out"),
            "{}",
            text(&out.stderr)
        );
    }
    let all = run(
        data.path(),
        &["diff", OLD, NEW, "--include-internal", "--format", "csv"],
    );
    assert!(
        text(&all.stdout).contains(",LP-06,"),
        "{}",
        text(&all.stdout)
    );
    assert!(text(&all.stderr).is_empty(), "{}", text(&all.stderr));
}

#[test]
fn diff_writes_a_feeds_text_as_export_does_never_as_markup_or_a_formula() {
    let data = tempfile::tempdir().unwrap();
    let mut feed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(NEW).unwrap()).unwrap();
    // LP-03 moved forward between the two fixtures: its title is in every format's list.
    let records = feed["recommendations"].as_array_mut().unwrap();
    let lp03 = records.iter_mut().find(|r| r["id"] == "LP-03").unwrap();
    lp03["title"] = "=HYPERLINK(\"http://x\") | [click](http://x) <b>x</b>".into();
    let new = data.path().join("new.json");
    std::fs::write(&new, feed.to_string()).unwrap();
    let new = new.to_str().unwrap();
    let md = text(&run(data.path(), &["diff", OLD, new, "--format", "md"]).stdout);
    assert!(
        md.contains("=HYPERLINK(\"http://x\") \\| \\[click\\](http://x) \\<b\\>x\\</b\\>"),
        "{md}"
    );
    let csv = text(&run(data.path(), &["diff", OLD, new, "--format", "csv"]).stdout);
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://x\"\") | [click](http://x) <b>x</b>\","),
        "{csv}"
    );
}

#[test]
fn check_keeps_each_distinct_feed_once_and_snapshots_lists_them() {
    let data = tempfile::tempdir().unwrap();
    let feed = copy_to(data.path(), OLD, "feed.json");
    let feed_arg = feed.to_str().unwrap();
    for _ in 0..2 {
        assert!(run(data.path(), &["check", feed_arg]).status.success());
    }
    std::fs::copy(NEW, &feed).unwrap();
    assert!(run(data.path(), &["check", feed_arg]).status.success());
    let out = run(data.path(), &["snapshots", "--feed", feed_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    assert!(listing.starts_with("2 snapshots of"), "{listing}");
    assert!(
        listing.contains("2025-12-31 09:00"),
        "generated_at is listed: {listing}"
    );

    // Pin today's snapshot, then compare with it by name.
    let today = chrono::Utc::now().date_naive().to_string();
    let pin = run(
        data.path(),
        &[
            "snapshots",
            "--feed",
            feed_arg,
            "--pin",
            &today,
            "--name",
            "2025 report",
        ],
    );
    assert!(pin.status.success(), "{}", text(&pin.stderr));
    let listing = text(&run(data.path(), &["snapshots", "--feed", feed_arg]).stdout);
    assert!(listing.contains("\"2025 report\""), "{listing}");
    let diff = run(data.path(), &["diff", "2025 report", "--feed", feed_arg]);
    assert!(diff.status.success(), "{}", text(&diff.stderr));
    assert!(
        text(&diff.stdout).contains("| Moved forward | 0 |"),
        "{}",
        text(&diff.stdout)
    );

    // Named again: the old name is said to be gone, not dropped in silence.
    let pin_as = |name: &str| {
        let args = [
            "snapshots",
            "--feed",
            feed_arg,
            "--pin",
            &today,
            "--name",
            name,
        ];
        run(data.path(), &args)
    };
    let again = pin_as("report sent");
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout)
            .contains("It was pinned as \"2025 report\"; that name now names no snapshot"),
        "{}",
        text(&again.stdout)
    );
    // A name that --baseline would read as something else is refused.
    for name in ["previous", "2026-01-01", "feed.json"] {
        let refused = pin_as(name);
        assert!(!refused.status.success(), "{name}");
        assert!(
            text(&refused.stderr).contains("choose another"),
            "{}",
            text(&refused.stderr)
        );
    }
}

#[test]
fn diff_previous_compares_the_current_feed_with_the_snapshot_before_it() {
    let data = tempfile::tempdir().unwrap();
    let feed = data.path().join("feed.json");
    let feed_arg = feed.to_str().unwrap();
    for version in [OLD, NEW] {
        std::fs::copy(version, &feed).unwrap();
        assert!(run(data.path(), &["check", feed_arg]).status.success());
    }
    let out = run(
        data.path(),
        &["diff", "previous", "--feed", feed_arg, "--format", "csv"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The status changes between the two versions (which records count as newly overdue depends
    // on the dates compared: here, both read today).
    let csv = text(&out.stdout);
    for line in [
        "moved_forward,LP-03,Law and Policy Makers,Allocate sufficient and secure funding,no action,in progress",
        "moved_backward,MR-04,Media and Research,Make research available and accessible,implemented,partially implemented",
        "removed_recommendation,LP-04,",
    ] {
        assert!(csv.contains(line), "{line} in:\n{csv}");
    }
}

#[test]
fn a_mistyped_path_or_date_is_said_once_and_plainly() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("nope.json");
    let out = run(
        data.path(),
        &["snapshots", "--feed", missing.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no such file"),
        "{}",
        text(&out.stderr)
    );
    let out = run(data.path(), &["diff", "2026-02-30", NEW]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("\"2026-02-30\" is not a date of the calendar"),
        "{err}"
    );
    assert_eq!(err.matches("2026-02-30").count(), 1, "{err}");
}

#[test]
fn two_processes_writing_at_once_both_keep_their_feed() {
    let data = tempfile::tempdir().unwrap();
    let a = copy_to(data.path(), OLD, "a.json");
    let b = copy_to(data.path(), NEW, "b.json");
    let mut children: Vec<_> = (0..3)
        .flat_map(|_| [&a, &b])
        .map(|feed| {
            rapporteur(data.path(), &["check", feed.to_str().unwrap()])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in &mut children {
        assert!(child.wait().unwrap().success());
    }
    for feed in [&a, &b] {
        let out = run(
            data.path(),
            &["snapshots", "--feed", feed.to_str().unwrap()],
        );
        assert!(
            text(&out.stdout).starts_with("1 snapshot of"),
            "{}",
            text(&out.stdout)
        );
    }
}

#[test]
fn a_damaged_archive_never_fails_a_check() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(archive(data.path()).parent().unwrap()).unwrap();
    std::fs::write(archive(data.path()), vec![7u8; 4096]).unwrap();
    let out = run(data.path(), &["check", OLD]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("not kept in the snapshot archive"), "{err}");
    assert!(err.contains("damaged"), "{err}");
}

#[test]
fn an_unwritable_data_folder_never_fails_a_check() {
    // A file where the folder should be stands in for a full or read-only disk: the write fails.
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("rapporteur"), b"in the way").unwrap();
    let out = run(data.path(), &["check", OLD]);
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("cannot create its folder"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_date_with_no_snapshot_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["diff", "2020-01-01", NEW]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("no snapshot"), "{err}");
    let bad = run(data.path(), &["diff", OLD, NEW, "--baseline", "2025-02-30"]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad.stderr));
}

#[test]
fn progress_writes_24_months_per_audience() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["progress", "--format", "csv", "--feed", NEW]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 25, "{csv}");
    assert!(
        lines[0].starts_with("month,Law and Policy Makers,"),
        "{csv}"
    );
    // The first month of the series predates every history entry of some audiences: a gap.
    assert!(lines[1].contains(",,"), "{csv}");
    let json = text(
        &run(
            data.path(),
            &["progress", "--format", "json", "--feed", NEW],
        )
        .stdout,
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["months"].as_array().unwrap().len(), 24);
}
