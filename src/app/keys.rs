//! The key table: which keys do what. The help overlay is generated from the same table, so what it
//! lists is what works.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// One line of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys, as written in the help overlay and the config (`j`, `Down`, `Ctrl-c`).
    pub keys: Vec<String>,
    /// What they do.
    pub action: Action,
    /// What they do, in words for the help overlay.
    pub help: &'static str,
}

/// The key table in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Bindings, in the order the help overlay lists them.
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let table: [(&[&str], Action, &'static str); 13] = [
            (
                &["j", "Down"],
                Action::Down,
                "next recommendation, or scroll down",
            ),
            (
                &["k", "Up"],
                Action::Up,
                "previous recommendation, or scroll up",
            ),
            (&["l", "Right", "Tab"], Action::NextPane, "next audience"),
            (
                &["h", "Left", "Shift-Tab"],
                Action::PrevPane,
                "previous audience",
            ),
            (&["g", "Home"], Action::Top, "first recommendation"),
            (&["G", "End"], Action::Bottom, "last recommendation"),
            (&["PageDown", "Ctrl-d"], Action::PageDown, "down one page"),
            (&["PageUp", "Ctrl-u"], Action::PageUp, "up one page"),
            (&["Enter"], Action::Open, "open the detail view"),
            (&["Esc"], Action::Back, "close the view or overlay"),
            (&["?"], Action::ToggleHelp, "show or hide this help"),
            (&["r"], Action::Refresh, "load the feed again now"),
            (&["q", "Ctrl-c"], Action::Quit, "quit"),
        ];
        Keymap {
            bindings: table
                .into_iter()
                .map(|(keys, action, help)| Binding {
                    keys: keys.iter().map(|k| (*k).to_owned()).collect(),
                    action,
                    help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action bound to a key press, if any. Key releases and repeats of releases are ignored.
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let pressed = key_name(event)?;
        self.bindings
            .iter()
            .find(|b| b.keys.contains(&pressed))
            .map(|b| b.action.clone())
    }

    /// The first key bound to an action, for hints in the footer.
    pub fn first_key(&self, action: &Action) -> Option<&str> {
        self.bindings
            .iter()
            .find(|b| b.action == *action)
            .and_then(|b| b.keys.first())
            .map(String::as_str)
    }
}

/// The name of a key press as the table writes it, such as `j`, `G`, `Ctrl-c` or `Shift-Tab`.
pub fn key_name(event: &KeyEvent) -> Option<String> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let base = match event.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => return Some("Shift-Tab".into()),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::F(n) => format!("F{n}"),
        _ => return None,
    };
    Some(match (ctrl, alt) {
        (true, _) => format!("Ctrl-{}", base.to_lowercase()),
        (false, true) => format!("Alt-{base}"),
        _ => base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn letters_arrows_and_control_keys_are_bound() {
        let keymap = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            keymap.action_for(&press(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action_for(&press(KeyCode::Down, none)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action_for(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            keymap.action_for(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action_for(&press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(keymap.action_for(&press(KeyCode::Char('x'), none)), None);
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keymap = Keymap::default();
        let mut keys: Vec<&String> = keymap.bindings.iter().flat_map(|b| &b.keys).collect();
        let count = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), count);
    }
}
