//! The answers of a save: the record on screen at once, conflicts, failures, and undo.

use ratatui_textarea::Key;

use super::form::{ctrl, editable, loaded, press, saved_edit, type_text, ui_text};
use super::*;
use crate::app::action::Saved;
use crate::app::editing::CONFLICT;
use crate::app::{Editing, FeedPlace};
use crate::model::Status;
use crate::model::edit::{Edit, Fingerprint};

/// The save of LP-01 as in progress with a note, as the writer would answer it.
fn save_answer(app: &App, bytes: &[u8]) -> Saved {
    let mut feed = app.feed.as_deref().cloned().expect("a feed");
    let before = serde_json::json!({"id": "LP-01", "status": "implemented"});
    let rec = &mut feed.recommendations[0];
    rec.status = Status::InProgress;
    rec.history.push(crate::model::HistoryEntry {
        date: app.today(),
        status: Status::InProgress,
        note: Some("Saved note.".into()),
        author: Some("Ana Silva".into()),
        visibility: crate::model::Visibility::Public,
    });
    Saved {
        feed,
        fingerprint: Fingerprint::of(bytes),
        undo: Edit::Restore {
            id: "LP-01".into(),
            record: before,
        },
        ready: None,
    }
}

#[test]
fn a_save_shows_the_record_with_its_history_at_once_and_u_undoes_it() {
    let mut app = app(80, 24);
    app.editing = Editing::new(FeedPlace::File, Some("Ana Silva".into()));
    loaded(&mut app, sample(), b"version one");
    app.update(Action::Edit);
    ctrl(&mut app, 's');
    let answer = save_answer(&app, b"version two");
    app.update(Action::Saved(Box::new(answer.clone())));
    assert!(app.form.is_none());
    assert_eq!(
        app.detail().map(|r| r.status.clone()),
        Some(Status::InProgress)
    );
    let text = ui_text(&app);
    assert!(text.contains("Saved note. · by Ana Silva"), "{text}");
    assert_eq!(app.editing.loaded, Some(Fingerprint::of(b"version two")));
    assert_eq!(app.editing.undoable(), 1);

    // The watcher reads the console's own write: nothing to report.
    loaded(&mut app, answer.feed.clone(), b"version two");
    assert!(app.load.error.is_none());

    let (edit, expected) = saved_edit(app.update(Action::Undo));
    assert_eq!(edit, answer.undo);
    assert_eq!(expected, Some(Fingerprint::of(b"version two")));
    app.update(Action::Saved(Box::new(Saved {
        feed: sample(),
        fingerprint: Fingerprint::of(b"version three"),
        undo: Edit::Restore {
            id: "LP-01".into(),
            record: serde_json::Value::Null,
        },
        ready: None,
    })));
    assert_eq!(app.editing.undoable(), 0);
    app.update(Action::Undo);
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| n.text.starts_with("nothing to undo"))
    );
}

#[test]
fn undo_is_refused_when_the_record_changed_since_the_save() {
    let mut app = editable();
    app.update(Action::Edit);
    ctrl(&mut app, 's');
    let answer = save_answer(&app, b"version two");
    app.update(Action::Saved(Box::new(answer.clone())));
    let mut theirs = answer.feed;
    theirs.recommendations[0].status = Status::Implemented;
    loaded(&mut app, theirs, b"their version");
    assert_eq!(app.update(Action::Undo), Effect::Redraw, "no save");
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("LP-01 changed since your save"))
    );
}

#[test]
fn a_conflict_keeps_the_form_and_the_next_ctrl_s_applies_to_the_new_version() {
    let mut app = editable();
    app.update(Action::Edit);
    press(&mut app, Key::Tab);
    type_text(&mut app, "my note");
    ctrl(&mut app, 's');
    let effect = app.update(Action::SaveFailed {
        message: "changed".into(),
        conflict: true,
    });
    assert_eq!(effect, Effect::Refresh, "the new file is read");
    let form = app.form.as_ref().expect("the form stays");
    assert_eq!(form.message.as_deref(), Some(CONFLICT));
    assert_eq!(form.note.lines(), ["my note"]);
    assert!(!form.saving);
    assert!(ui_text(&app).contains("the file changed on disk; your edit is kept"));

    loaded(&mut app, sample(), b"their version");
    let (Edit::Assess(a), expected) = saved_edit(ctrl(&mut app, 's')) else {
        panic!("an assessment");
    };
    assert_eq!(expected, Some(Fingerprint::of(b"their version")));
    assert_eq!(a.note.as_deref(), Some("my note"));
}

#[test]
fn a_failed_save_says_why_in_the_form() {
    let mut app = editable();
    app.update(Action::Edit);
    ctrl(&mut app, 's');
    app.update(Action::SaveFailed {
        message: "feed.json: cannot be written: permission denied".into(),
        conflict: false,
    });
    let form = app.form.as_ref().expect("the form stays");
    assert!(
        form.message
            .as_deref()
            .is_some_and(|m| m.contains("permission denied"))
    );
}

#[test]
fn the_form_does_not_open_while_an_undo_is_under_way() {
    let mut app = editable();
    app.update(Action::Edit);
    ctrl(&mut app, 's');
    let answer = save_answer(&app, b"version two");
    app.update(Action::Saved(Box::new(answer)));
    assert!(matches!(app.update(Action::Undo), Effect::Save { .. }));
    app.update(Action::Edit);
    assert!(app.form.is_none());
    assert_eq!(
        app.notice.as_ref().map(|n| n.text.as_str()),
        Some("a save is under way")
    );
}

/// Whether `effect` asks for the progress series (the sparklines) to be computed.
fn asks_for_progress(effect: &Effect) -> bool {
    match effect {
        Effect::Progress(_) => true,
        Effect::Batch(effects) => effects.iter().any(asks_for_progress),
        _ => false,
    }
}

#[test]
fn a_local_feed_loaded_or_saved_asks_for_its_progress_series() {
    let mut app = app(120, 40);
    app.editing = Editing::new(FeedPlace::File, Some("Ana Silva".into()));
    let load = app.update(Action::Feed(crate::model::FeedMessage::LoadedFile {
        feed: Box::new(sample()),
        at: now(),
        fingerprint: Fingerprint::of(b"version one"),
    }));
    assert!(asks_for_progress(&load), "a load of the file: {load:?}");
    app.update(Action::Edit);
    ctrl(&mut app, 's');
    let answer = save_answer(&app, b"version two");
    let saved = app.update(Action::Saved(Box::new(answer)));
    assert!(asks_for_progress(&saved), "a save: {saved:?}");
}
