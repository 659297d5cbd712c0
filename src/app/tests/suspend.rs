//! Ctrl-z and the continue after a stop: effects for the event loop, which owns the terminal.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::form::{editable, type_text};
use super::*;

fn ctrl_z() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL))
}

#[test]
fn ctrl_z_suspends_from_the_panes_the_search_and_the_form() {
    let mut app = app(120, 40);
    assert_eq!(app.action_for_event(&ctrl_z()), Some(Action::Suspend));
    assert_eq!(app.update(Action::Suspend), Effect::Suspend);
    app.update(Action::Search);
    assert_eq!(app.action_for_event(&ctrl_z()), Some(Action::Suspend));

    let mut app = editable();
    app.update(Action::Edit);
    type_text(&mut app, "half a note");
    assert_eq!(app.action_for_event(&ctrl_z()), Some(Action::Suspend));
    assert_eq!(app.update(Action::Suspend), Effect::Suspend);
    assert!(app.form.is_some(), "what was typed is still there");
}

#[test]
fn a_wall_screen_ignores_ctrl_z_but_comes_back_after_a_stop() {
    let settings = Settings {
        kiosk: Some(crate::startup::default_kiosk_settings().unwrap()),
        ..crate::startup::default_settings().unwrap()
    };
    let mut app = App::with_settings("sample", now(), Rect::new(0, 0, 120, 40), settings);
    let action = app.action_for_event(&ctrl_z());
    assert!(matches!(action, Some(Action::KioskInput(_))), "{action:?}");
    assert_eq!(app.update(action.unwrap()), Effect::Redraw);
    assert_eq!(app.update(Action::Suspend), Effect::Redraw);
    assert_eq!(app.update(Action::Resumed), Effect::Resume);
}

#[test]
fn continuing_redraws_in_any_state() {
    let mut app = app(120, 40);
    assert_eq!(app.update(Action::Resumed), Effect::Resume);
    app.update(Action::Search);
    assert_eq!(app.update(Action::Resumed), Effect::Resume);
}
