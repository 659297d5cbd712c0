//! Colours and text styles. Colour is only ever added on top: every status reads by symbol and
//! word alone, and the selection shows by reverse video.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// The styles the renderer uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColourTheme {
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
    /// Search matches, and the search being typed.
    pub highlight: Style,
    /// An active filter in the filter bar.
    pub chip: Style,
}

impl ColourTheme {
    /// For dark terminals, in the colour-vision-safe Okabe-Ito palette.
    pub fn dark() -> ColourTheme {
        ColourTheme {
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
            highlight: Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(0x56, 0xB4, 0xE9))
                .add_modifier(Modifier::BOLD),
            chip: Style::new()
                .fg(Color::Rgb(0x56, 0xB4, 0xE9))
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The names `--theme` accepts.
    pub const NAMES: [&'static str; 5] = ["dark", "light", "high-contrast", "colourblind", "mono"];

    /// The theme of a name, or `None` for a name we do not have.
    pub fn by_name(name: &str) -> Option<ColourTheme> {
        match name {
            "dark" => Some(ColourTheme::dark()),
            "light" => Some(ColourTheme::light()),
            "high-contrast" => Some(ColourTheme::high_contrast()),
            "colourblind" | "colorblind" => Some(ColourTheme::colourblind()),
            "mono" => Some(ColourTheme::mono()),
            _ => None,
        }
    }

    /// For light terminals: the same hues, darker.
    pub fn light() -> ColourTheme {
        ColourTheme {
            status: [
                Color::Rgb(0x00, 0x6B, 0x4F),
                Color::Rgb(0x9A, 0x5B, 0x00),
                Color::Rgb(0x00, 0x5A, 0x9C),
                Color::Rgb(0xA3, 0x3B, 0x00),
                Color::DarkGray,
                Color::DarkGray,
                Color::Rgb(0x8E, 0x3B, 0x6E),
            ],
            dim: Style::new().fg(Color::DarkGray),
            warning: Style::new()
                .fg(Color::Rgb(0xA3, 0x3B, 0x00))
                .add_modifier(Modifier::BOLD),
            internal: Style::new()
                .fg(Color::Rgb(0x8E, 0x3B, 0x6E))
                .add_modifier(Modifier::ITALIC),
            highlight: Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(0x00, 0x5A, 0x9C))
                .add_modifier(Modifier::BOLD),
            chip: Style::new()
                .fg(Color::Rgb(0x00, 0x5A, 0x9C))
                .add_modifier(Modifier::BOLD),
            ..ColourTheme::dark()
        }
    }

    /// The sixteen basic colours only, bright and bold, for projectors and poor eyesight.
    pub fn high_contrast() -> ColourTheme {
        ColourTheme {
            status: [
                Color::LightGreen,
                Color::LightYellow,
                Color::LightCyan,
                Color::LightRed,
                Color::White,
                Color::White,
                Color::LightMagenta,
            ],
            accent: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::White),
            warning: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            internal: Style::new()
                .fg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD),
            badge: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            chip: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The Okabe-Ito palette throughout, chosen to stay apart for every common colour-vision
    /// deficiency (blue for done, vermillion for nothing done, never red against green).
    pub fn colourblind() -> ColourTheme {
        ColourTheme {
            status: [
                Color::Rgb(0x00, 0x72, 0xB2),
                Color::Rgb(0x56, 0xB4, 0xE9),
                Color::Rgb(0xE6, 0x9F, 0x00),
                Color::Rgb(0xD5, 0x5E, 0x00),
                Color::Gray,
                Color::Gray,
                Color::Rgb(0xCC, 0x79, 0xA7),
            ],
            ..ColourTheme::dark()
        }
    }

    /// No colour at all: symbols, words and text attributes carry everything.
    pub fn mono() -> ColourTheme {
        let plain = Style::new();
        ColourTheme {
            status: [Color::Reset; 7],
            accent: plain.add_modifier(Modifier::BOLD),
            dim: plain,
            warning: plain.add_modifier(Modifier::BOLD),
            internal: plain.add_modifier(Modifier::ITALIC),
            badge: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            highlight: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            chip: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// The colour of a status.
    pub fn status_style(&self, status: &Status) -> Style {
        let i = Status::KNOWN
            .iter()
            .position(|known| known == status)
            .unwrap_or(6);
        match self.status[i] {
            Color::Reset => Style::new(),
            colour => Style::new().fg(colour),
        }
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
