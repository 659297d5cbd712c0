//! The console's edit form against a real feed file: the app's Save effect carried out by the
//! real safe writer, as the event loop does, for a save, a conflict and an undo; and the form's
//! snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use std::path::{Path, PathBuf};

use rapporteur::app::action::Saved;
use rapporteur::app::{Action, App, Editing, Effect, FeedPlace};
use rapporteur::feed::parse;
use rapporteur::feed::write::{self, Assessment, Edit, Fingerprint, WriteError};
use rapporteur::model::{FeedMessage, Status};
use ratatui::layout::Rect;
use ratatui_textarea::{Input, Key};

/// A temporary copy of the sample feed.
fn feed_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/config/sample-feed.json"),
        &path,
    )
    .unwrap();
    (dir, path)
}

/// What the file source sends after reading the file.
fn read(app: &mut App, path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let feed = parse(&bytes, "feed.json").unwrap();
    app.update(Action::Feed(FeedMessage::LoadedFile {
        feed: Box::new(feed),
        at: common::now(),
        fingerprint: Fingerprint::of(&bytes),
    }));
}

/// The console on a local feed file, as Ana Silva.
fn console(path: &Path, width: u16, height: u16) -> App {
    let mut app = App::with_settings(
        "feed.json",
        common::now(),
        Rect::new(0, 0, width, height),
        rapporteur::startup::default_settings().unwrap(),
    );
    app.editing = Editing::new(FeedPlace::File, Some("Ana Silva".into()));
    read(&mut app, path);
    app
}

fn key(app: &mut App, key: Key) -> Effect {
    app.update(Action::FormKey(Input {
        key,
        ..Input::default()
    }))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, Key::Char(c));
    }
}

fn ctrl_s(app: &mut App) -> Effect {
    app.update(Action::FormKey(Input {
        key: Key::Char('s'),
        ctrl: true,
        ..Input::default()
    }))
}

/// Carries out a Save effect as the event loop does, and hands the answer to the app.
fn carry_out(app: &mut App, effect: Effect, path: &Path) -> Result<(), WriteError> {
    let Effect::Save { edit, expected } = effect else {
        panic!("expected a save, got {effect:?}");
    };
    let result = write::apply(path, &edit, expected.as_ref());
    let answer = match &result {
        // Prepared where it is written, as the console does.
        Ok(written) => Action::Saved(Box::new(Saved::prepared(
            written.feed.clone(),
            written.fingerprint,
            written.undo.clone(),
            app.on_screen(),
        ))),
        Err(err) => Action::SaveFailed {
            message: err.to_string(),
            conflict: matches!(err, WriteError::Conflict { .. }),
        },
    };
    app.update(answer);
    result.map(|_| ())
}

/// e, the status one step back (implemented -> partially implemented), a note.
fn fill_in(app: &mut App, note: &str) {
    app.update(Action::Edit);
    key(app, Key::Up);
    key(app, Key::Tab);
    type_text(app, note);
}

fn lp01(path: &Path) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    doc["recommendations"][0].clone()
}

#[test]
fn a_save_lands_in_the_file_and_on_screen() {
    let (_dir, path) = feed_file();
    let mut app = console(&path, 120, 40);
    fill_in(&mut app, "Guidance withdrawn for review.");
    let effect = ctrl_s(&mut app);
    carry_out(&mut app, effect, &path).unwrap();

    let record = lp01(&path);
    assert_eq!(record["status"], "partially_implemented");
    let entry = record["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(entry["note"], "Guidance withdrawn for review.");
    assert_eq!(entry["author"], "Ana Silva");
    assert_eq!(entry["date"], "2026-11-29");
    let screen = common::screen(&app);
    assert!(
        screen.contains("Guidance withdrawn for review. · by Ana Silva"),
        "{screen}"
    );
    assert!(app.form.is_none());
}

#[test]
fn a_file_changed_since_it_was_loaded_is_not_overwritten_and_the_edit_is_kept() {
    let (_dir, path) = feed_file();
    let mut app = console(&path, 120, 40);
    fill_in(&mut app, "Our note.");

    // Someone else records an assessment of LP-02 meanwhile.
    let theirs = Assessment {
        id: "LP-02".into(),
        status: Status::Implemented,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        note: Some("Their note.".into()),
        author: Some("Ben".into()),
        evidence: None,
        internal: false,
        priority: None,
        due: None,
        owners: None,
    };
    write::apply(&path, &Edit::Assess(theirs), None).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();

    let effect = ctrl_s(&mut app);
    let err = carry_out(&mut app, effect, &path).unwrap_err();
    assert!(matches!(err, WriteError::Conflict { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes, "untouched");
    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.note.lines(), ["Our note."]);
    let screen = common::screen(&app);
    assert!(
        screen.contains("the file changed on disk; your edit is"),
        "{screen}"
    );

    // The new file is read; Ctrl-s applies the edit to it.
    read(&mut app, &path);
    let effect = ctrl_s(&mut app);
    carry_out(&mut app, effect, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Their note.") && text.contains("Our note."));
}

#[test]
fn u_undoes_the_last_save_with_a_new_safe_write() {
    let (_dir, path) = feed_file();
    let before = lp01(&path);
    let mut app = console(&path, 120, 40);
    fill_in(&mut app, "To be undone.");
    let effect = ctrl_s(&mut app);
    carry_out(&mut app, effect, &path).unwrap();
    assert_ne!(lp01(&path), before);

    let effect = app.update(Action::Undo);
    carry_out(&mut app, effect, &path).unwrap();
    assert_eq!(lp01(&path), before);
    assert_eq!(
        app.feed.as_ref().unwrap().recommendations[0].status,
        Status::Implemented
    );
    assert!(parse(&std::fs::read(&path).unwrap(), "feed.json").is_ok());
}

#[test]
fn edit_form_at_80x24() {
    let (_dir, path) = feed_file();
    let mut app = console(&path, 80, 24);
    fill_in(&mut app, "Working group set up; terms of reference agreed.");
    insta::assert_snapshot!(common::screen(&app));
}

#[test]
fn edit_form_at_120x40_with_an_error_beside_its_field() {
    let (_dir, path) = feed_file();
    let mut app = console(&path, 120, 40);
    fill_in(&mut app, "Two lines:");
    key(&mut app, Key::Enter);
    type_text(&mut app, "the second one.");
    key(&mut app, Key::Tab);
    type_text(&mut app, "-31");
    assert_eq!(ctrl_s(&mut app), Effect::Redraw);
    insta::assert_snapshot!(common::screen(&app));
}
