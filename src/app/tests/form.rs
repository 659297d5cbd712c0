//! The edit form: opening it, its fields and keys, what Ctrl-s asks for, errors beside fields,
//! and why it cannot open (saving: `saving.rs`; the writing itself: `tests/edit_form.rs`).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{Input, Key};

use super::*;
use crate::app::form::Field;
use crate::app::{Editing, FeedPlace};
use crate::model::edit::{Edit, Fingerprint};
use crate::model::{Priority, Status};

pub(super) fn loaded(app: &mut App, feed: Feed, bytes: &[u8]) {
    app.update(Action::Feed(FeedMessage::LoadedFile {
        feed: Box::new(feed),
        at: now(),
        fingerprint: Fingerprint::of(bytes),
    }));
}

/// The sample, as if read from a local file that holds `version one`.
pub(super) fn editable() -> App {
    let mut app = app(120, 40);
    app.editing = Editing::new(FeedPlace::File, Some("Ana Silva".into()));
    loaded(&mut app, sample(), b"version one");
    app
}

pub(super) fn press(app: &mut App, key: Key) -> Effect {
    app.update(Action::FormKey(Input {
        key,
        ..Input::default()
    }))
}

pub(super) fn ctrl(app: &mut App, c: char) -> Effect {
    app.update(Action::FormKey(Input {
        key: Key::Char(c),
        ctrl: true,
        ..Input::default()
    }))
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, Key::Char(c));
    }
}

fn field(app: &App) -> Field {
    app.form
        .as_ref()
        .map(|f| f.field)
        .expect("the form is open")
}

pub(super) fn saved_edit(effect: Effect) -> (Edit, Option<Fingerprint>) {
    match effect {
        Effect::Save { edit, expected } => (*edit, expected),
        other => panic!("expected a save, got {other:?}"),
    }
}

#[test]
fn e_opens_the_form_on_the_selected_recommendation_with_status_first() {
    let mut app = editable();
    assert_eq!(app.update(Action::Edit), Effect::Redraw);
    let form = app.form.as_ref().expect("the form is open");
    assert_eq!(form.id.0, "LP-01");
    assert_eq!(form.field, Field::Status);
    assert_eq!(form.status, Status::Implemented);
    assert_eq!(form.date.lines(), ["2026-11-29"], "today, local");
    assert_eq!(form.base, Some(Fingerprint::of(b"version one")));
    assert!(!form.is_changed());
}

#[test]
fn keys_reach_the_form_not_the_key_table() {
    let mut app = editable();
    app.update(Action::Edit);
    let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    let Some(Action::FormKey(input)) = app.action_for_event(&q) else {
        panic!("q goes to the form");
    };
    assert_eq!(input.key, Key::Char('q'));
    let back_tab = Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert!(matches!(
        app.action_for_event(&back_tab),
        Some(Action::FormKey(Input {
            key: Key::Tab,
            shift: true,
            ..
        }))
    ));
    assert_eq!(app.update(Action::Quit), Effect::None, "q does not quit");
}

#[test]
fn tab_and_shift_tab_visit_the_fields_in_order_and_go_round() {
    let mut app = editable();
    app.update(Action::Edit);
    let mut seen = vec![field(&app)];
    for _ in 0..Field::ALL.len() {
        press(&mut app, Key::Tab);
        seen.push(field(&app));
    }
    let mut expected = Field::ALL.to_vec();
    expected.push(Field::Status);
    assert_eq!(seen, expected);
    assert_eq!(
        Field::ALL,
        [
            Field::Status,
            Field::Note,
            Field::Date,
            Field::EvidenceUrl,
            Field::EvidenceTitle,
            Field::Priority,
            Field::Due,
            Field::Owners,
            Field::Visibility,
        ]
    );
    app.update(Action::FormKey(Input {
        key: Key::Tab,
        shift: true,
        ..Input::default()
    }));
    assert_eq!(field(&app), Field::Visibility);
}

#[test]
fn up_and_down_choose_the_status_in_the_order_of_progress() {
    let mut app = editable();
    app.update(Action::Edit);
    let mut seen = Vec::new();
    for _ in 0..6 {
        press(&mut app, Key::Up);
    }
    for _ in 0..6 {
        seen.push(app.form.as_ref().expect("open").status.clone());
        press(&mut app, Key::Down);
    }
    assert_eq!(
        seen,
        [
            Status::NotAssessed,
            Status::NoAction,
            Status::InProgress,
            Status::PartiallyImplemented,
            Status::Implemented,
            Status::NotApplicable,
        ]
    );
}

#[test]
fn the_note_takes_several_lines_and_enter_in_a_one_line_field_moves_on() {
    let mut app = editable();
    app.update(Action::Edit);
    press(&mut app, Key::Tab);
    type_text(&mut app, "First line.");
    press(&mut app, Key::Enter);
    type_text(&mut app, "Second line.");
    let form = app.form.as_ref().expect("open");
    assert_eq!(form.note.lines(), ["First line.", "Second line."]);
    press(&mut app, Key::Tab);
    assert_eq!(field(&app), Field::Date);
    press(&mut app, Key::Enter);
    assert_eq!(field(&app), Field::EvidenceUrl);
}

#[test]
fn esc_leaves_at_once_when_nothing_was_typed() {
    let mut app = editable();
    app.update(Action::Edit);
    press(&mut app, Key::Esc);
    assert!(app.form.is_none());
}

#[test]
fn esc_asks_before_it_discards_what_was_typed() {
    let mut app = editable();
    app.update(Action::Edit);
    press(&mut app, Key::Tab);
    type_text(&mut app, "keep me");
    press(&mut app, Key::Esc);
    assert!(app.form.as_ref().expect("still open").confirm_discard);
    assert!(ui_text(&app).contains("Discard your changes? y/n"));
    press(&mut app, Key::Char('n'));
    let form = app.form.as_ref().expect("still open");
    assert!(!form.confirm_discard);
    assert_eq!(form.note.lines(), ["keep me"]);
    press(&mut app, Key::Esc);
    press(&mut app, Key::Char('y'));
    assert!(app.form.is_none());
}

#[test]
pub(super) fn ctrl_s_asks_for_a_save_of_the_assessment_as_typed() {
    let mut app = editable();
    app.update(Action::Edit);
    press(&mut app, Key::Up);
    press(&mut app, Key::Tab);
    type_text(&mut app, "Working group set up.");
    for _ in 0..3 {
        press(&mut app, Key::Tab);
    }
    assert_eq!(field(&app), Field::EvidenceTitle);
    let (edit, expected) = saved_edit(ctrl(&mut app, 's'));
    assert_eq!(expected, Some(Fingerprint::of(b"version one")));
    let Edit::Assess(a) = edit else {
        panic!("an assessment");
    };
    assert_eq!(a.id, "LP-01");
    assert_eq!(a.status, Status::PartiallyImplemented);
    assert_eq!(a.note.as_deref(), Some("Working group set up."));
    assert_eq!(a.date.to_string(), "2026-11-29");
    assert_eq!(a.author.as_deref(), Some("Ana Silva"));
    assert!(!a.internal);
    assert_eq!(a.evidence, None);
    // Untouched fields are left as they are in the file.
    assert_eq!((a.priority, a.due, a.owners), (None, None, None));
    assert!(app.form.as_ref().expect("open until saved").saving);
}

#[test]
fn changed_priority_due_owners_evidence_and_visibility_are_in_the_edit() {
    let mut app = editable();
    app.update(Action::Edit);
    for _ in 0..3 {
        press(&mut app, Key::Tab);
    }
    type_text(&mut app, "https://example.org/plan");
    press(&mut app, Key::Tab);
    type_text(&mut app, "Action plan");
    press(&mut app, Key::Tab);
    press(&mut app, Key::Down);
    press(&mut app, Key::Tab);
    ctrl(&mut app, 'j');
    type_text(&mut app, "2027-01-31");
    press(&mut app, Key::Tab);
    ctrl(&mut app, 'j');
    type_text(&mut app, "Ministry of Justice, Police");
    press(&mut app, Key::Tab);
    press(&mut app, Key::Down);
    let (Edit::Assess(a), _) = saved_edit(ctrl(&mut app, 's')) else {
        panic!("an assessment");
    };
    let evidence = a.evidence.expect("evidence");
    assert_eq!(evidence.url, "https://example.org/plan");
    assert_eq!(evidence.title.as_deref(), Some("Action plan"));
    assert_eq!(a.priority, Some(Priority::Medium));
    assert_eq!(a.due.map(|d| d.to_string()).as_deref(), Some("2027-01-31"));
    assert_eq!(
        a.owners,
        Some(vec!["Ministry of Justice".into(), "Police".into()])
    );
    assert!(a.internal);
}

#[test]
fn a_bad_date_is_shown_beside_its_field_and_the_form_stays() {
    let mut app = editable();
    app.update(Action::Edit);
    press(&mut app, Key::Tab);
    type_text(&mut app, "typed");
    press(&mut app, Key::Tab);
    type_text(&mut app, "x");
    press(&mut app, Key::Tab);
    press(&mut app, Key::Tab);
    type_text(&mut app, "a title");
    assert_eq!(ctrl(&mut app, 's'), Effect::Redraw, "no save");
    let form = app.form.as_ref().expect("the form stays");
    assert_eq!(
        form.field,
        Field::Date,
        "the cursor goes to the first error"
    );
    assert!(
        form.error(Field::Date)
            .is_some_and(|e| e.contains("YYYY-MM-DD"))
    );
    assert!(form.error(Field::EvidenceTitle).is_some());
    assert_eq!(form.note.lines(), ["typed"]);
    let text = ui_text(&app);
    assert!(text.contains("a date as YYYY-MM-DD"), "{text}");
}

#[test]
fn e_says_why_a_server_feed_the_sample_or_the_wall_cannot_be_edited() {
    for (place, why) in [
        (
            FeedPlace::Server,
            "this feed comes from a server: change it at its source",
        ),
        (
            FeedPlace::Sample,
            "the built-in sample cannot be edited: start with rapporteur init FILE",
        ),
    ] {
        let mut app = app(120, 40);
        app.editing = Editing::new(place, None);
        app.update(Action::Edit);
        assert!(app.form.is_none());
        assert_eq!(app.notice.as_ref().map(|n| n.text.as_str()), Some(why));
        app.update(Action::Undo);
        assert_eq!(app.notice.as_ref().map(|n| n.text.as_str()), Some(why));
    }
    let mut settings = crate::startup::default_settings().unwrap();
    settings.kiosk = Some(crate::startup::settings::kiosk_settings(
        &crate::config::Config::defaults().unwrap(),
    ))
    .transpose()
    .unwrap();
    let mut wall = App::with_settings("file", now(), Rect::new(0, 0, 120, 40), settings);
    wall.editing = Editing::new(FeedPlace::File, None);
    wall.update(Action::KioskInput(Some("e".into())));
    assert!(wall.form.is_none());
    assert!(
        wall.notice
            .as_ref()
            .is_some_and(|n| n.text.starts_with("read-only display"))
    );
}

#[test]
fn the_form_draws_at_every_size_without_panic() {
    let mut app = editable();
    app.update(Action::Edit);
    ctrl(&mut app, 'x');
    for (width, height) in [(1, 1), (20, 5), (60, 15), (61, 16), (80, 24), (200, 60)] {
        app.update(Action::Resize { width, height });
        let _ = ui_text(&app);
    }
}

pub(super) fn ui_text(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        app.size.width,
        app.size.height,
    ))
    .expect("a test terminal");
    terminal
        .draw(|frame| crate::ui::render(app, &crate::ui::theme::ColourTheme::dark(), frame))
        .expect("drawing");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
