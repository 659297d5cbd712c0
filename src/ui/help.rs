//! The help overlay: every key from the key table in force, and what the symbols mean.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use crate::app::App;
use crate::model::Status;

/// Draws the help overlay in the middle of the screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let width = 72.min(area.width);
    let height = 30.min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let mut lines = vec![Line::styled("Keys", theme.accent)];
    for binding in &app.keymap.bindings {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<24}", binding.keys.join(", ")), theme.accent),
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
    let scroll = app.help.unwrap_or(0);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(" Help ", theme.accent))
        .title_bottom(Line::styled(" Esc or ? to close ", theme.dim));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
