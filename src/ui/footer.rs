//! The footer: the selected recommendation in one line, then the keys that matter here.
//!
//! ```text
//!  LP-09 · ◔ in progress · priority high · due 30 Jun 2026, overdue · Ministry of Interior
//!  j/k move  h/l audience  Enter detail  ? help  q quit                      checked 12 s ago
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::header::split_row;
use super::theme::Theme;
use super::time::ago;
use crate::app::detail::long_date;
use crate::app::{App, View};

/// Draws the footer into `area` (two rows).
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let summary = Rect::new(area.x, area.y, area.width, 1);
    let keys = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1).min(1),
    );
    if let (View::Main, Some(rec)) = (&app.view, app.selected()) {
        {
            let mut spans = vec![
                Span::styled(format!(" {}", rec.id), theme.accent),
                Span::raw(" · "),
                Span::styled(
                    format!("{} {}", rec.status.symbol(), rec.status),
                    theme.status_style(&rec.status),
                ),
            ];
            if let Some(priority) = rec.priority {
                spans.push(Span::raw(format!(" · priority {}", priority.word())));
            }
            if let Some(due) = rec.due {
                spans.push(Span::raw(format!(" · due {}", long_date(due))));
                if rec.is_overdue(app.today()) {
                    spans.push(Span::styled(", overdue", theme.warning));
                }
            }
            if !rec.owners.is_empty() {
                spans.push(Span::styled(
                    format!(" · {}", rec.owners.join(", ")),
                    theme.dim,
                ));
            }
            split_row(frame, summary, spans, Vec::new());
        }
    }
    let hints = match (&app.view, app.help.is_some()) {
        (_, true) => " Esc or ? close help  j/k scroll",
        (View::Detail { .. }, _) => {
            " Esc back  j/k scroll  PgUp/PgDn page  g/G top/bottom  ? help  q quit"
        }
        (View::Main, _) => " j/k move  h/l audience  Enter detail  r refresh  ? help  q quit",
    };
    let checked = app
        .load
        .checked_at
        .map_or_else(String::new, |at| format!("checked {} ", ago(app.now, at)));
    split_row(
        frame,
        keys,
        vec![Span::styled(hints, theme.dim)],
        vec![Span::styled(checked, theme.dim)],
    );
}
