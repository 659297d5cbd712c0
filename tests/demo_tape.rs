//! Every key `demo.tape` types into the console is bound, so the demo never shows a dead key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

/// Keys the demo may press that are not in the key table because a menu reads them directly:
/// Space toggles a filter in the filter menu, digits choose a saved view.
const MENU_KEYS: [&str; 11] = ["Space", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// The keys a tape command presses, by our key names; shell commands and search text are skipped.
fn keys_of(line: &str, after_search_comment: bool) -> Vec<String> {
    let mut keys = Vec::new();
    let mut words = line.split_whitespace().peekable();
    while let Some(word) = words.next() {
        match word {
            "Type" => {
                let rest: String = line[line.find('"').unwrap_or(0)..].to_owned();
                let text = rest.split('"').nth(1).unwrap_or("");
                let is_shell = text.contains(' ') || text.contains("rapporteur");
                if !is_shell && !after_search_comment {
                    keys.extend(text.chars().map(|c| c.to_string()));
                }
                // Skip the quoted text.
                while let Some(w) = words.peek() {
                    if w.starts_with("Sleep") {
                        break;
                    }
                    words.next();
                }
            }
            "Enter" => keys.push("Enter".into()),
            "Escape" => keys.push("Esc".into()),
            "Space" => keys.push("Space".into()),
            "Up" | "Down" | "Left" | "Right" | "Tab" | "Backspace" | "PageUp" | "PageDown" => {
                keys.push(word.into())
            }
            w if w.starts_with("Ctrl+") => keys.push(format!("Ctrl-{}", w[5..].to_lowercase())),
            _ => {}
        }
    }
    keys
}

#[test]
fn every_key_the_demo_types_is_bound() {
    let tape = include_str!("../demo.tape");
    let keymap = rapporteur::startup::default_settings().unwrap().keymap;
    let bound: Vec<&str> = keymap.all_keys().collect();
    let mut search_text_next = false;
    let mut checked = 0;
    for line in tape.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            search_text_next = line.contains("typed into the search");
            continue;
        }
        if line.starts_with("Type")
            || line.starts_with("Enter")
            || line.starts_with("Escape")
            || line.starts_with("Down")
            || line.starts_with("Space")
            || line.starts_with("Ctrl+")
        {
            for key in keys_of(line, search_text_next) {
                assert!(
                    bound.contains(&key.as_str()) || MENU_KEYS.contains(&key.as_str()),
                    "demo.tape presses {key:?}, which does nothing in the console"
                );
                checked += 1;
            }
            search_text_next = false;
        }
    }
    assert!(checked > 20, "the tape was read ({checked} keys)");
}
