//! The list of snapshots `b` offers as the baseline: when each was read, its progress, and its
//! pinned name; the one in force is marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::ColourTheme;
use crate::app::App;

/// Draws the list into `area`, the line `selected` highlighted and kept in view.
pub fn render(app: &App, selected: usize, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let now = app
        .baseline
        .as_ref()
        .map_or_else(|| "none yet".to_owned(), |b| b.label.clone());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            format!(" Compare with which snapshot? (now: {now}) "),
            theme.accent,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let choices = &app.history.choices;
    if choices.is_empty() {
        let text = " No snapshots yet: one is kept each time the feed loads.";
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), inner);
        return;
    }
    let height = usize::from(inner.height);
    let scroll = (selected + 1).saturating_sub(height);
    let lines: Vec<Line<'_>> = choices
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(i, choice)| {
            let line = Line::raw(format!(" {}", choice.label));
            if i == selected {
                line.style(theme.selection(true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
