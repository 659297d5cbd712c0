//! The help overlay: every key from the key table in force, every mark, and how progress is
//! counted. The lines come from the app ([`App::help_lines`]), so it scrolls exactly to its end.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph};

use super::theme::ColourTheme;
use crate::app::help::HelpStyle;
use crate::app::{Action, App};
use crate::layout;

/// Draws the help overlay in the middle of the screen.
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let help = app.help_lines();
    let popup = layout::help(frame.area(), help.len());
    let lines: Vec<Line<'_>> = help
        .into_iter()
        .map(|line| {
            let left_style = match &line.style {
                HelpStyle::Heading => theme.accent,
                HelpStyle::Key => theme.accent,
                HelpStyle::Status(status) => theme.status_style(status),
                HelpStyle::Warning => theme.warning,
                HelpStyle::Plain | HelpStyle::Continuation => ratatui::style::Style::new(),
            };
            if line.text.is_empty() && line.style != HelpStyle::Heading {
                Line::styled(format!("  {}", line.left), left_style)
            } else if line.text.is_empty() {
                Line::styled(line.left, left_style)
            } else if line.style == HelpStyle::Continuation {
                Line::raw(format!("{:16}{}", "", line.text))
            } else if line.style == HelpStyle::Plain && line.left.is_empty() {
                Line::raw(line.text)
            } else {
                Line::from(vec![
                    Span::styled(format!("  {:<13} ", line.left), left_style),
                    Span::raw(line.text),
                ])
            }
        })
        .collect();
    let scroll = match app.overlay {
        Some(crate::app::Overlay::Help { scroll }) => scroll,
        _ => 0,
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .padding(Padding::horizontal(1))
        .title(Line::styled(" Help ", theme.accent))
        .title_bottom(Line::styled(
            format!(
                " {} or {} to close ",
                app.key(&Action::Back),
                app.key(&Action::ToggleHelp)
            ),
            theme.dim,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
