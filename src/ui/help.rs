//! The help overlay: every key from the key table in force, and what the symbols mean.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::ColourTheme;
use crate::app::{Action, App};
use crate::model::Status;

/// Draws the help overlay in the middle of the screen.
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let lines_needed = app.settings.keymap.bindings.len() as u16 + 13;
    let popup = super::popup::centred(frame.area(), 76, lines_needed);
    let mut lines = vec![Line::styled("Keys", theme.accent)];
    for binding in &app.settings.keymap.bindings {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<22}", binding.keys.join(", ")), theme.accent),
            Span::raw(binding.help),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Status symbols", theme.accent));
    for status in Status::KNOWN {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {}  ", status.symbol()),
                theme.status_style(&status),
            ),
            Span::raw(status.word()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(
            "  ?  ",
            theme.status_style(&Status::Unrecognised(String::new())),
        ),
        Span::raw("a status this version does not know"),
    ]));
    lines.push(Line::from(vec![
        Span::styled("  !  ", theme.warning),
        Span::raw("overdue: past its due date and not implemented"),
    ]));
    let scroll = match app.overlay {
        Some(crate::app::Overlay::Help { scroll }) => scroll,
        _ => 0,
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
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
