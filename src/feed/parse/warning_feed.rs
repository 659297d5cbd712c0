//! A generated feed for tests: every optional field used, and warnings in every run of the
//! quick path (see [`super::parallel`]).

use serde_json::{Value, json};

/// A feed of `n` records with its own audiences, every optional field used, escapes and
/// characters the sanitiser removes, and an unknown status and visibility every so often, so
/// that warnings come from every run. Every record's status differs from its history, and every
/// 50th was assessed after the feed was generated: what `check` warns of besides.
pub(crate) fn feed(n: usize) -> Value {
    let records: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "id": format!("R-{i:05}"),
                "audience": (["law", "cso", "media"][i % 3]),
                "title": format!("Record {i}: \"quoted\" \u{1b}[31mred\u{1b}[0m"),
                "text": format!("Line one of {i}.\r\nLine two\u{202E} with a tab\there."),
                "status": if i % 97 == 0 { "stalled" } else { "in_progress" },
                "priority": (["high", "medium", "low"][i % 3]),
                "owners": ["Ministry", "  ", "NGO coalition"],
                "themes": ["data", "funding"],
                "due": "2026-06-30",
                "last_assessed": if i % 50 == 0 { "2026-12-15" } else { "2026-01-15" },
                "status_note": "Some progress.",
                "evidence": [{"title": "Report", "url": "https://example.org/r", "date": "2026-02-01"}],
                "history": [{"date": "2025-05-01", "status": "no_action", "note": "Start."}],
                "notes": [{"date": "2026-03-01", "text": "Internal remark.",
                           "visibility": if i % 89 == 0 { "secret" } else { "internal" }}],
                "extra": {"ignored": [1, 2, {"deep": true}]}
            })
        })
        .collect();
    json!({
        "schema_version": 1,
        "title": "Test feed",
        "publisher": "Tests",
        "generated_at": "2026-11-28T09:00:00Z",
        "audiences": [
            {"id": "law", "name": "Law and Policy Makers"},
            {"id": "cso", "name": "Civil Society Organisations"},
            {"id": "media", "name": "Media and Research"}
        ],
        "recommendations": records
    })
}
