//! What the help overlay says, as plain lines: every key from the key table in force, every mark
//! the screens use, and how progress is counted. Built here rather than in the renderer so that
//! the help scrolls exactly to its end and no further.

use super::App;
use crate::model::direction::MARKS;
use crate::model::{PROGRESS_RULE, Status};
use crate::text::wrap;

/// The widest a help line gets: text wraps at word boundaries within it.
pub const HELP_WIDTH: usize = 60;
/// The column where descriptions start.
const LEFT: usize = 16;

/// How a help line's left part is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpStyle {
    /// A section heading.
    Heading,
    /// A key name.
    Key,
    /// A status symbol, drawn in the status's colour.
    Status(Status),
    /// A warning mark such as `!` or `▼`.
    Warning,
    /// Plain text.
    Plain,
    /// A description's further line, indented under the first.
    Continuation,
}

/// One line of the help: a left part (keys or a mark) and a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// Keys, a mark, or a heading.
    pub left: String,
    /// How to draw the left part.
    pub style: HelpStyle,
    /// The description, already wrapped to fit.
    pub text: String,
}

impl HelpLine {
    fn heading(text: &str) -> HelpLine {
        HelpLine {
            left: text.to_owned(),
            style: HelpStyle::Heading,
            text: String::new(),
        }
    }

    fn blank() -> HelpLine {
        HelpLine {
            left: String::new(),
            style: HelpStyle::Plain,
            text: String::new(),
        }
    }
}

/// Pushes an entry, its description wrapped beside the left part, continuation lines indented.
fn entry(lines: &mut Vec<HelpLine>, left: String, style: HelpStyle, text: &str) {
    let wrapped = wrap(text, HELP_WIDTH - LEFT);
    // Two spaces before the left part and at least one after it.
    let long_left = left.chars().count() > LEFT - 3;
    if long_left {
        // Keys too long for the column get a line of their own.
        lines.push(HelpLine {
            left: left.clone(),
            style: style.clone(),
            text: String::new(),
        });
    }
    for (i, part) in wrapped.into_iter().enumerate() {
        let first = i == 0 && !long_left;
        lines.push(HelpLine {
            left: if first { left.clone() } else { String::new() },
            style: if first {
                style.clone()
            } else {
                HelpStyle::Continuation
            },
            text: part,
        });
    }
}

/// Pushes a paragraph of plain text, wrapped to the help's width.
fn paragraph(lines: &mut Vec<HelpLine>, text: &str) {
    for part in wrap(text, HELP_WIDTH) {
        lines.push(HelpLine {
            left: String::new(),
            style: HelpStyle::Plain,
            text: part,
        });
    }
}

impl App {
    /// Every line of the help overlay.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut lines = vec![HelpLine::heading("Keys")];
        for binding in &self.settings.keymap.bindings {
            let keys = if binding.keys.is_empty() {
                "unbound".to_owned()
            } else {
                binding.keys.join(", ")
            };
            entry(&mut lines, keys, HelpStyle::Key, binding.help);
        }
        lines.push(HelpLine::blank());
        lines.push(HelpLine::heading("Marks"));
        for status in Status::KNOWN {
            let mark = status.symbol().to_string();
            entry(
                &mut lines,
                mark,
                HelpStyle::Status(status.clone()),
                status.word(),
            );
        }
        let unknown = Status::Unrecognised(String::new());
        entry(
            &mut lines,
            unknown.symbol().to_string(),
            HelpStyle::Status(unknown),
            "a status this version does not know",
        );
        entry(
            &mut lines,
            "!".into(),
            HelpStyle::Warning,
            "overdue: past its due date and not implemented",
        );
        for (mark, words) in MARKS {
            let style = if mark == '▼' {
                HelpStyle::Warning
            } else {
                HelpStyle::Plain
            };
            entry(&mut lines, mark.to_string(), style, words);
        }
        entry(
            &mut lines,
            "internal".into(),
            HelpStyle::Warning,
            "for staff only: never shown on a wall screen or in an export unless asked",
        );
        lines.push(HelpLine::blank());
        lines.push(HelpLine::heading("Progress"));
        paragraph(&mut lines, PROGRESS_RULE);
        paragraph(
            &mut lines,
            "Moves are counted in one order: no action, in progress, partially implemented, \
             implemented. A first assessment, a withdrawn one and a change of scope are not \
             progress or regression.",
        );
        lines
    }

    /// The furthest the help can scroll on this screen: its last line at the bottom of its box.
    pub fn help_scroll_limit(&self) -> u16 {
        let lines = self.help_lines().len();
        let inner = crate::layout::help(self.size, lines)
            .height
            .saturating_sub(2);
        u16::try_from(lines.saturating_sub(usize::from(inner))).unwrap_or(u16::MAX)
    }

    /// Keeps the help's scroll within its end.
    pub(super) fn clamp_help_scroll(&mut self) {
        if let Some(super::Overlay::Help { scroll }) = self.overlay {
            let limit = self.help_scroll_limit();
            self.overlay = Some(super::Overlay::Help {
                scroll: scroll.min(limit),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    fn app() -> App {
        App::with_settings(
            "test",
            chrono::Utc::now(),
            ratatui::layout::Rect::new(0, 0, 120, 40),
            crate::startup::default_settings().unwrap(),
        )
    }

    #[test]
    fn the_help_lists_every_mark_and_the_progress_rule() {
        let lines = app().help_lines();
        let lefts: Vec<&str> = lines.iter().map(|l| l.left.as_str()).collect();
        for status in Status::KNOWN {
            assert!(lefts.contains(&status.symbol().to_string().as_str()));
        }
        for d in Direction::ALL {
            assert!(lefts.contains(&d.symbol().to_string().as_str()), "{d:?}");
        }
        let text: String = lines.iter().map(|l| l.text.clone() + " ").collect();
        assert!(text.contains("partially implemented one 1/2"), "{text}");
    }

    #[test]
    fn the_help_stops_scrolling_at_its_end() {
        let mut app = app();
        app.update(crate::app::Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(crate::app::Action::ToggleHelp);
        for _ in 0..500 {
            app.update(crate::app::Action::Down);
        }
        let limit = app.help_scroll_limit();
        assert!(limit > 0, "the help is longer than 24 lines");
        assert_eq!(
            app.overlay,
            Some(crate::app::Overlay::Help { scroll: limit })
        );
        app.update(crate::app::Action::Up);
        assert_eq!(
            app.overlay,
            Some(crate::app::Overlay::Help { scroll: limit - 1 })
        );
    }

    #[test]
    fn no_help_line_is_wider_than_sixty_columns_or_cuts_a_word() {
        let lines = app().help_lines();
        for line in &lines {
            let width = if line.style == HelpStyle::Plain || line.text.is_empty() {
                line.left.chars().count().max(line.text.chars().count())
            } else {
                LEFT + line.text.chars().count()
            };
            assert!(width <= HELP_WIDTH, "{line:?}");
        }
        let words: Vec<&str> = PROGRESS_RULE.split(' ').collect();
        let text: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
        for word in words {
            assert!(
                text.iter().any(|t| t.split(' ').any(|w| w == word)),
                "{word} was cut"
            );
        }
    }
}
