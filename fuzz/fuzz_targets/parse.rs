//! Any bytes given to the feed parser: a feed or an error, never a panic, and a feed holds only
//! clean strings.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::feed::parse;
use rapporteur::feed::sanitize::is_forbidden;
use rapporteur::model::{Feed, Status};

fuzz_target!(|data: &[u8]| {
    match parse(data, "fuzz.json") {
        Ok(feed) => check(&feed),
        Err(err) => {
            assert!(!err.problems.is_empty(), "an error with no problem");
            for line in err.lines() {
                assert_clean(&line, true);
            }
        }
    }
});

fn check(feed: &Feed) {
    assert_clean(&feed.title, true);
    assert_clean(&feed.publisher, true);
    for audience in &feed.audiences {
        assert_clean(&audience.id, true);
        assert_clean(&audience.name, true);
    }
    for warning in &feed.warnings {
        assert_clean(warning, true);
    }
    for rec in &feed.recommendations {
        assert!(
            rec.audience < feed.audiences.len(),
            "a record with no audience"
        );
        assert_clean(&rec.id.0, true);
        assert_clean(&rec.title, true);
        assert_clean(&rec.text, false);
        for s in rec.owners.iter().chain(&rec.themes) {
            assert_clean(s, true);
        }
        if let Some(note) = &rec.status_note {
            assert_clean(note, false);
        }
        let statuses = std::iter::once(&rec.status).chain(rec.history.iter().map(|h| &h.status));
        for status in statuses {
            if let Status::Unrecognised(value) = status {
                assert_clean(value, true);
            }
        }
        for evidence in &rec.evidence {
            assert_clean(&evidence.title, true);
            if let Some(url) = &evidence.url {
                assert_clean(url, true);
            }
        }
        for note in rec.history.iter().filter_map(|h| h.note.as_ref()) {
            assert_clean(note, false);
        }
        for note in &rec.notes {
            assert_clean(&note.text, false);
        }
    }
}

fn assert_clean(s: &str, one_line: bool) {
    assert!(
        !s.chars()
            .any(|c| is_forbidden(c) || (one_line && c == '\n')),
        "unclean string: {s:?}"
    );
}
