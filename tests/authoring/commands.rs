//! `init` and `set` from the command line: each option, each error, exit codes.

use rapporteur::feed::parse;
use rapporteur::model::catalogue::Catalogue;
use rapporteur::model::{Priority, Status, Visibility};
use serde_json::Value;

use crate::support::{Scratch, read_json, record, stderr, stdout};

#[test]
fn init_writes_the_36_recommendations_unassessed_and_check_passes() {
    let scratch = Scratch::new();
    let path = scratch.path("feed.json");
    let out = scratch.run(
        &[
            "init",
            "feed.json",
            "--title",
            "DATE in Ruritania",
            "--publisher",
            "Ruritanian Rapporteur",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("36 DATE recommendations"));

    let check = scratch.run(&["check", "feed.json"], &[]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).contains("recommendations: 36"));

    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.ends_with("}\n") && text.starts_with("{\n  \"schema_version\": 1,\n"));
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["title"], "DATE in Ruritania");
    assert_eq!(doc["publisher"], "Ruritanian Rapporteur");
    assert_eq!(doc["sample"], false);
    let at = doc["generated_at"].as_str().expect("a time");
    assert!(
        chrono::DateTime::parse_from_rfc3339(at).is_ok() && at.len() == 20,
        "{at}"
    );

    let feed = parse(text.as_bytes(), "feed.json").expect("valid");
    let catalogue = Catalogue::date();
    assert_eq!(feed.recommendations.len(), 36);
    assert!(!feed.sample);
    for (rec, entry) in feed.recommendations.iter().zip(&catalogue.recommendations) {
        assert_eq!(rec.id.0, entry.id);
        assert_eq!(rec.status, Status::NotAssessed);
        assert_eq!(rec.text, entry.text, "{}: the full text", entry.id);
        assert_eq!(rec.themes, entry.themes);
        assert_eq!(feed.audiences[rec.audience].id, entry.audience);
    }
    // Written out in full, not leaning on the built-in catalogue.
    assert!(doc.get("catalogue").is_none());
}

#[test]
fn init_refuses_to_replace_an_existing_file() {
    let scratch = Scratch::new();
    let path = scratch.path("feed.json");
    std::fs::write(&path, "keep me").expect("written");
    let out = scratch.run(&["init", "feed.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("exists already"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
}

#[test]
fn set_with_every_option_records_the_assessment() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let out = scratch.set(
        &path,
        &[
            "LP-09",
            "--status",
            "partially implemented",
            "--note",
            "Protocol signed.\nTwo ministries still to join.",
            "--date",
            "2026-11-30",
            "--evidence",
            "https://example.org/protocol.pdf",
            "--evidence-title",
            "Data-sharing protocol",
            "--internal",
            "--priority",
            "High",
            "--due",
            "2027-06-30",
            "--owner",
            "Ministry of Interior",
            "--owner",
            "National Statistics Office",
            "--author",
            "Ana Silva",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("LP-09: partially implemented (was not assessed)"));

    let doc = read_json(&path);
    let lp09 = record(&doc, "LP-09");
    assert_eq!(
        lp09["history"],
        serde_json::json!([{
            "date": "2026-11-30",
            "status": "partially_implemented",
            "note": "Protocol signed.\nTwo ministries still to join.",
            "author": "Ana Silva",
            "visibility": "internal"
        }])
    );
    assert_eq!(lp09["evidence"][0]["visibility"], "internal");

    let feed = parse(&std::fs::read(&path).expect("read"), "feed.json").expect("valid");
    let rec = feed
        .recommendations
        .iter()
        .find(|r| r.id.0 == "LP-09")
        .expect("LP-09");
    assert_eq!(rec.status, Status::PartiallyImplemented);
    assert_eq!(
        rec.last_assessed,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
    );
    assert_eq!(rec.priority, Some(Priority::High));
    assert_eq!(rec.due, chrono::NaiveDate::from_ymd_opt(2027, 6, 30));
    assert_eq!(
        rec.owners,
        ["Ministry of Interior", "National Statistics Office"]
    );
    assert_eq!(rec.evidence.len(), 1);
    assert_eq!(rec.evidence[0].title, "Data-sharing protocol");
    assert_eq!(
        rec.evidence[0].url.as_deref(),
        Some("https://example.org/protocol.pdf")
    );
    assert_eq!(rec.evidence[0].visibility, Visibility::Internal);
    assert_eq!(rec.history[0].visibility, Visibility::Internal);
    assert_eq!(rec.history[0].author.as_deref(), Some("Ana Silva"));
}

#[test]
fn set_without_options_records_today_publicly_and_adds_to_the_history() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    for status in ["no_action", "IN_PROGRESS"] {
        let out = scratch.set(&path, &["cso-03", "--status", status]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let doc = read_json(&path);
    let cso03 = record(&doc, "CSO-03");
    let history = cso03["history"].as_array().expect("a history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["status"], "no_action");
    assert_eq!(history[1]["status"], "in_progress");
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(history[1]["date"], today.as_str());
    assert_eq!(cso03["last_assessed"], today.as_str());
    assert!(
        history[1].get("visibility").is_none(),
        "public is the default"
    );
    assert!(history[1].get("note").is_none());
    assert!(cso03.get("evidence").is_none() && cso03.get("priority").is_none());
}

#[test]
fn the_author_is_the_flag_then_the_environment_then_the_config_then_the_login_name() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let config = scratch.path("config.toml");
    std::fs::write(&config, "author = \"From Config\"\n").expect("written");
    let config = config.to_str().expect("UTF-8");
    let file = path.to_str().expect("UTF-8");
    let set = ["set", file, "LP-01", "--status", "no_action"];
    // Flags, environment, and the author expected.
    type Run<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let runs: [Run; 4] = [
        (
            &["--author", "From Flag"],
            &[
                ("RAPPORTEUR_AUTHOR", "From Env"),
                ("RAPPORTEUR_CONFIG", config),
            ],
            "From Flag",
        ),
        (
            &[],
            &[
                ("RAPPORTEUR_AUTHOR", "From Env"),
                ("RAPPORTEUR_CONFIG", config),
            ],
            "From Env",
        ),
        (&[], &[("RAPPORTEUR_CONFIG", config)], "From Config"),
        (&[], &[], "login-name"),
    ];
    for (i, (flags, env, expected)) in runs.into_iter().enumerate() {
        let mut args = set.to_vec();
        args.extend(flags);
        let out = scratch.run(&args, env);
        assert!(out.status.success(), "{}", stderr(&out));
        let doc = read_json(&path);
        assert_eq!(record(&doc, "LP-01")["history"][i]["author"], expected);
    }
}

#[test]
fn each_mistake_is_named_exits_2_and_leaves_the_file_untouched() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let before = std::fs::read(&path).expect("read");
    let cases: [(&[&str], &str); 8] = [
        (&["LP-99", "--status", "implemented"], "\"LP-99\""),
        (&["LP-1", "--status", "implemented"], "LP-01"),
        (
            &["LP-01", "--status", "done"],
            "--status \"done\": not a status",
        ),
        (
            &["LP-01", "--status", "implemented", "--date", "30/11/2026"],
            "--date \"30/11/2026\"",
        ),
        (
            &["LP-01", "--status", "implemented", "--date", "2026-02-30"],
            "--date \"2026-02-30\"",
        ),
        (
            &["LP-01", "--status", "implemented", "--due", "soon"],
            "--due \"soon\"",
        ),
        (
            &["LP-01", "--status", "implemented", "--priority", "urgent"],
            "--priority \"urgent\"",
        ),
        (
            &["LP-01", "--status", "implemented", "--evidence-title", "A"],
            "--evidence",
        ),
    ];
    for (args, named) in cases {
        let out = scratch.set(&path, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(named), "{args:?}: {}", stderr(&out));
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn a_file_that_is_not_a_valid_feed_is_refused_and_left_as_it_is() {
    let scratch = Scratch::new();
    for (name, text, named) in [
        (
            "broken.json",
            "{\"schema_version\": 1,\n  \"title\": ",
            "broken.json:2:",
        ),
        (
            "invalid.json",
            r#"{"schema_version": 1, "title": "t", "publisher": "p",
                "generated_at": "2026-01-01T00:00:00Z", "catalogue": "date", "recommendations": [
                {"id": "LP-01", "status": "no_action"},
                {"id": "LP-02", "status": "no_action", "due": "someday"}]}"#,
            "record LP-02, field \"due\"",
        ),
    ] {
        let path = scratch.path(name);
        std::fs::write(&path, text).expect("written");
        let out = scratch.set(&path, &["LP-01", "--status", "implemented"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains(named), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("nothing was changed"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }
    let out = scratch.set(
        &scratch.path("missing.json"),
        &["LP-01", "--status", "implemented"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such file"), "{}", stderr(&out));
    assert!(!scratch.path("missing.json").exists());
    let url = std::path::Path::new("https://example.org/date.json");
    let out = scratch.set(url, &["LP-01", "--status", "implemented"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("change it at its source"),
        "{}",
        stderr(&out)
    );
    let out = scratch.set(scratch.dir.path(), &["LP-01", "--status", "implemented"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("it is a folder"), "{}", stderr(&out));
}

#[test]
fn text_from_the_command_line_is_cleaned_before_it_is_written() {
    let scratch = Scratch::new();
    let path = scratch.init("feed.json");
    let out = scratch.set(
        &path,
        &[
            "LP-03",
            "--status",
            "no_action",
            "--note",
            "Red\u{1b}[31m text\u{202e} here\u{7}",
            "--author",
            "\u{1b}]0;title\u{7}Jo",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains('\u{1b}'));
    let doc = read_json(&path);
    let entry = &record(&doc, "LP-03")["history"][0];
    assert_eq!(entry["note"], "Red text here");
    assert_eq!(entry["author"], "Jo");
}
