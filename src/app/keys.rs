//! The key table: which keys do what. The help overlay is generated from the same table, so what it
//! lists is what works; the `[keys]` section of the config file rebinds it.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Every action a key can be bound to: its config name, the action, and its help text.
pub fn actions() -> Vec<(&'static str, Action, &'static str)> {
    vec![
        ("down", Action::Down, "next recommendation, or scroll down"),
        ("up", Action::Up, "previous recommendation, or scroll up"),
        ("next-pane", Action::NextPane, "next audience"),
        ("prev-pane", Action::PrevPane, "previous audience"),
        ("top", Action::Top, "first recommendation"),
        ("bottom", Action::Bottom, "last recommendation"),
        ("page-down", Action::PageDown, "down one page"),
        ("page-up", Action::PageUp, "up one page"),
        (
            "open",
            Action::Open,
            "open the detail view; in a menu, choose",
        ),
        ("back", Action::Back, "close the view, menu or search"),
        (
            "search",
            Action::Search,
            "search the text (Enter keeps it, Esc clears it)",
        ),
        ("next-match", Action::NextMatch, "next match of the search"),
        (
            "prev-match",
            Action::PrevMatch,
            "previous match of the search",
        ),
        (
            "filters",
            Action::Filters,
            "filter menu: status, priority, theme, owner...",
        ),
        ("views", Action::Views, "saved views"),
        (
            "sort",
            Action::CycleSort,
            "sort by id, status, priority, due, assessed",
        ),
        (
            "overdue",
            Action::ToggleOverdue,
            "only overdue recommendations",
        ),
        (
            "changed",
            Action::ToggleChanged,
            "only those changed since the baseline",
        ),
        (
            "changes",
            Action::ShowChanges,
            "changes since the baseline, by audience",
        ),
        ("progress", Action::ShowProgress, "progress over time"),
        (
            "baseline",
            Action::ShowBaselines,
            "pick the baseline the changes compare with",
        ),
        (
            "stale-assessment",
            Action::ToggleStaleAssessment,
            "only those not assessed for long",
        ),
        (
            "clear-filters",
            Action::ClearFilters,
            "clear every filter and the search",
        ),
        (
            "edit",
            Action::Edit,
            "record an assessment (local feed file)",
        ),
        ("undo", Action::Undo, "undo the last save of this session"),
        ("help", Action::ToggleHelp, "show or hide this help"),
        ("refresh", Action::Refresh, "load the feed again now"),
        ("quit", Action::Quit, "quit"),
    ]
}

/// One line of the key table.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The config name of the action, such as `down`.
    pub name: &'static str,
    /// The keys, as written in the help overlay and the config (`j`, `Down`, `Ctrl-c`).
    pub keys: Vec<String>,
    /// What they do.
    pub action: Action,
    /// What they do, in words for the help overlay.
    pub help: &'static str,
}

/// The key table in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    /// Bindings, in the order the help overlay lists them.
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// Builds the table from the `[keys]` section: action name to key names. Every action must be
    /// known, every key name valid, and no key bound to two actions.
    pub fn from_config(keys: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let known = actions();
        for name in keys.keys() {
            if !known.iter().any(|(n, _, _)| n == name) {
                let names: Vec<&str> = known.iter().map(|(n, _, _)| *n).collect();
                return Err(format!(
                    "[keys]: unknown action \"{name}\"; the actions are: {}",
                    names.join(", ")
                ));
            }
        }
        let mut owner_of: BTreeMap<String, &str> = BTreeMap::new();
        let mut bindings = Vec::new();
        for (name, action, help) in known {
            let mut names = Vec::new();
            for key in keys.get(name).into_iter().flatten() {
                let canonical = canonical_key(key).ok_or_else(|| {
                    format!(
                        "[keys] {name}: \"{key}\" is not a key name (for example \"j\", \"Down\", \
                         \"PageUp\", \"Ctrl-d\", \"Shift-Tab\", \"F1\")"
                    )
                })?;
                if let Some(other) = owner_of.insert(canonical.clone(), name) {
                    return Err(format!(
                        "[keys]: \"{key}\" is bound twice, to \"{other}\" and to \"{name}\""
                    ));
                }
                names.push(canonical);
            }
            bindings.push(Binding {
                name,
                keys: names,
                action,
                help,
            });
        }
        Ok(Keymap { bindings })
    }

    /// The action bound to a key press, if any. Key releases are ignored.
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

    /// Every key name bound to anything.
    pub fn all_keys(&self) -> impl Iterator<Item = &str> {
        self.bindings
            .iter()
            .flat_map(|b| b.keys.iter().map(String::as_str))
    }
}

const NAMED: [&str; 15] = [
    "Enter",
    "Esc",
    "Tab",
    "Shift-Tab",
    "Backspace",
    "Up",
    "Down",
    "Left",
    "Right",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "Delete",
    "Space",
];

/// The canonical spelling of a key name from the config, or `None` when it names no key.
pub fn canonical_key(name: &str) -> Option<String> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control() && c != ' ').then(|| c.to_string());
    }
    if let Some(named) = NAMED.iter().find(|n| n.eq_ignore_ascii_case(name)) {
        return Some((*named).to_owned());
    }
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then(|| format!("F{n}"));
    }
    for (prefix, canonical, fold) in [("ctrl-", "Ctrl-", true), ("alt-", "Alt-", false)] {
        if lower.starts_with(prefix) {
            let mut rest = name[prefix.len()..].chars();
            if let (Some(c), None) = (rest.next(), rest.next())
                && c.is_ascii_graphic()
            {
                let c = if fold { c.to_ascii_lowercase() } else { c };
                return Some(format!("{canonical}{c}"));
            }
        }
    }
    None
}

/// The name of a key press as the table writes it, such as `j`, `G`, `Ctrl-c` or `Shift-Tab`.
pub fn key_name(event: &KeyEvent) -> Option<String> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let base = match event.code {
        KeyCode::Char(' ') => "Space".into(),
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
        let keymap = crate::startup::default_settings().unwrap().keymap;
        let none = KeyModifiers::NONE;
        let action = |code, m| keymap.action_for(&press(code, m));
        assert_eq!(action(KeyCode::Char('j'), none), Some(Action::Down));
        assert_eq!(action(KeyCode::Down, none), Some(Action::Down));
        assert_eq!(
            action(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            action(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            action(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::PrevPane)
        );
        assert_eq!(action(KeyCode::Char('/'), none), Some(Action::Search));
        assert_eq!(action(KeyCode::Char('y'), none), None);
    }

    #[test]
    fn every_action_has_a_default_key() {
        let keymap = crate::startup::default_settings().unwrap().keymap;
        for binding in &keymap.bindings {
            assert!(!binding.keys.is_empty(), "{} has no key", binding.name);
        }
        assert_eq!(keymap.bindings.len(), actions().len());
    }

    #[test]
    fn config_can_rebind_and_is_checked() {
        let mut keys = crate::config::Config::defaults().unwrap().keys;
        keys.insert("down".into(), vec!["n".into()]);
        let err = Keymap::from_config(&keys).unwrap_err();
        assert!(
            err.contains("bound twice") && err.contains("next-match"),
            "{err}"
        );

        keys.insert("down".into(), vec!["ctrl-N".into()]);
        let keymap = Keymap::from_config(&keys).unwrap();
        let ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(keymap.action_for(&ctrl_n), Some(Action::Down));

        keys.insert("dwn".into(), vec!["x".into()]);
        assert!(
            Keymap::from_config(&keys)
                .unwrap_err()
                .contains("unknown action \"dwn\"")
        );
        keys.remove("dwn");
        keys.insert("down".into(), vec!["Hyper-x".into()]);
        assert!(
            Keymap::from_config(&keys)
                .unwrap_err()
                .contains("not a key name")
        );
    }

    #[test]
    fn key_names_have_one_spelling() {
        assert_eq!(canonical_key("pageup").as_deref(), Some("PageUp"));
        assert_eq!(canonical_key("f5").as_deref(), Some("F5"));
        assert_eq!(canonical_key("Ctrl-C").as_deref(), Some("Ctrl-c"));
        assert_eq!(canonical_key("F13"), None);
        assert_eq!(canonical_key(""), None);
    }
}
