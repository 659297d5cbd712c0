//! Terminal events to actions: the key table, plus what typing and the mouse mean in each state.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::keys::key_name;
use super::menu::Overlay;
use super::{Action, App};

impl App {
    /// The action a terminal event stands for in the app's present state, if any.
    pub fn action_for_event(&self, event: &Event) -> Option<Action> {
        if self.kiosk_locked() {
            return match event {
                Event::Resize(width, height) => Some(Action::Resize {
                    width: *width,
                    height: *height,
                }),
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    Some(Action::KioskInput(key_name(key)))
                }
                Event::Mouse(_) => Some(Action::KioskInput(None)),
                _ => None,
            };
        }
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.action_for_key(key),
            Event::Mouse(mouse) if self.settings.mouse => mouse_action(mouse),
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            _ => None,
        }
    }

    fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        // Ctrl-z suspends wherever the console is, a form included (what was typed is kept);
        // raw mode turns it into a key, so it is taken here and not by the terminal.
        if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Action::Suspend);
        }
        if self.form.is_some() {
            return Some(Action::FormKey((*key).into()));
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // A text field takes every letter: the search, and the owner prompt.
        if self.search.typing || matches!(self.overlay, Some(Overlay::OwnerPrompt { .. })) {
            return match key.code {
                KeyCode::Char('c') if ctrl => Some(Action::Quit),
                KeyCode::Char(c) if !ctrl => Some(Action::Type(c)),
                KeyCode::Backspace => Some(Action::Erase),
                KeyCode::Enter => Some(Action::Open),
                KeyCode::Esc => Some(Action::Back),
                _ => None,
            };
        }
        let bound = self.settings.keymap.action_for(key);
        let typed = match key.code {
            KeyCode::Char(c) if !ctrl => Some(Action::Type(c)),
            _ => None,
        };
        match &self.overlay {
            // Digits choose a view; space toggles a filter.
            Some(Overlay::Views { .. }) if matches!(key.code, KeyCode::Char('0'..='9')) => typed,
            Some(Overlay::Filters { .. }) if key.code == KeyCode::Char(' ') => typed,
            _ => bound,
        }
    }
}

fn mouse_action(mouse: &MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Action::WheelDown { column, row }),
        MouseEventKind::ScrollUp => Some(Action::WheelUp { column, row }),
        _ => None,
    }
}
