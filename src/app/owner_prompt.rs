//! The filter menu's "owner contains" line: a one-line prompt where a part of an owner's name is
//! typed, in any case. The panes narrow as it is typed; Enter keeps it, Esc puts back what was
//! there before, and both return to the menu.

use super::menu::{MenuItem, Overlay};
use super::{Action, App, Effect};
use crate::text::sanitize;

impl App {
    /// Opens the prompt over the filter menu, which it returns to.
    pub(super) fn open_owner_prompt(&mut self, items: Vec<MenuItem>, cursor: usize) -> Effect {
        self.overlay = Some(Overlay::OwnerPrompt {
            before: self.filter.owner_text.clone(),
            items,
            cursor,
        });
        Effect::Redraw
    }

    /// A key while the prompt is open.
    pub(super) fn on_owner_prompt(
        &mut self,
        action: Action,
        before: String,
        items: Vec<MenuItem>,
        cursor: usize,
    ) -> Effect {
        match action {
            // Typed text reaches the filter bar, so nothing a terminal could act on is kept.
            Action::Type(c) if !sanitize::is_forbidden(c) => {
                self.change_filter(|f| f.owner_text.push(c))
            }
            Action::Type(_) => Effect::None,
            Action::Erase => self.change_filter(|f| {
                f.owner_text.pop();
            }),
            Action::Open => {
                let kept = self.filter.owner_text.trim().to_owned();
                self.change_filter(|f| f.owner_text = kept);
                self.overlay = Some(Overlay::Filters { items, cursor });
                Effect::Redraw
            }
            Action::Back => {
                self.change_filter(|f| f.owner_text = before);
                self.overlay = Some(Overlay::Filters { items, cursor });
                Effect::Redraw
            }
            Action::Quit => Effect::Quit,
            _ => Effect::None,
        }
    }
}
