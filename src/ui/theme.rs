//! Colours and text styles. Colour is only ever added on top: every status reads by symbol and
//! word alone, and the selection shows by reverse video.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// The styles the renderer uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Status colours, in the order of [`Status::KNOWN`], then unrecognised.
    pub status: [Color; 7],
    /// Titles and labels.
    pub accent: Style,
    /// Secondary text.
    pub dim: Style,
    /// Overdue marks, errors.
    pub warning: Style,
    /// Internal notes: staff only.
    pub internal: Style,
    /// The SAMPLE DATA badge and the STALE banner.
    pub badge: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// For dark terminals, in the colour-vision-safe Okabe-Ito palette.
    pub fn dark() -> Theme {
        Theme {
            status: [
                Color::Rgb(0x00, 0x9E, 0x73),
                Color::Rgb(0xE6, 0x9F, 0x00),
                Color::Rgb(0x56, 0xB4, 0xE9),
                Color::Rgb(0xD5, 0x5E, 0x00),
                Color::Gray,
                Color::Gray,
                Color::Rgb(0xCC, 0x79, 0xA7),
            ],
            accent: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::Gray),
            warning: Style::new()
                .fg(Color::Rgb(0xE6, 0x9F, 0x00))
                .add_modifier(Modifier::BOLD),
            internal: Style::new()
                .fg(Color::Rgb(0xCC, 0x79, 0xA7))
                .add_modifier(Modifier::ITALIC),
            badge: Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(0xF0, 0xE4, 0x42))
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The colour of a status.
    pub fn status_style(&self, status: &Status) -> Style {
        let i = Status::KNOWN
            .iter()
            .position(|known| known == status)
            .unwrap_or(6);
        Style::new().fg(self.status[i])
    }

    /// The selected row: reverse video in the focused pane, bold elsewhere.
    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
}
