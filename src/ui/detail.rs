//! The detail view: one recommendation in full, between the header and the footer.
//!
//! ```text
//! ┌ LP-09 · Law and Policy Makers · ◔ in progress ──────────────────────┐
//! │  title, full text                                                   │
//! │  Status       ◔ in progress                                         │
//! │  Due          30 Jun 2026 (overdue by 152 days)                     │
//! │  ...          owners, themes, history, evidence, notes              │
//! └ Esc back  j/k scroll ──────────────────────────────── lines 1-20/31 ┘
//! ```

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::theme::ColourTheme;
use crate::app::detail::{LABEL_WIDTH, LineKind};
use crate::app::{Action, App, View};
use crate::layout;

/// Draws the detail view of the recommendation the app has open.
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let (Some(rec), View::Detail { scroll, .. }) = (app.detail(), &app.view) else {
        return;
    };
    let outer = layout::detail(app.size);
    let inner = layout::detail_inner(app.size);
    let audience = app
        .feed
        .as_ref()
        .and_then(|f| f.audiences.get(rec.audience))
        .map_or("", |a| a.name.as_str());
    let lines = app.detail_lines();
    // From the lines already laid out: `detail_max_scroll` would lay them out again.
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    let scroll = (*scroll as usize).min(max_scroll);
    let shown_to = (scroll + inner.height as usize).min(lines.len());
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .title(Line::from(vec![
            Span::styled(format!(" {} ", rec.id), theme.accent),
            Span::raw(format!("· {audience} · ")),
            Span::styled(
                format!("{} {} ", rec.status.symbol(), rec.status),
                theme.status_style(&rec.status),
            ),
        ]))
        .title_bottom(Line::styled(
            format!(
                " {} back  {} scroll ",
                app.key(&Action::Back),
                app.key_pair(&Action::Down, &Action::Up)
            ),
            theme.dim,
        ))
        .title_bottom(
            Line::styled(
                format!(" lines {}-{shown_to} of {} ", scroll + 1, lines.len()),
                theme.dim,
            )
            .right_aligned(),
        );
    frame.render_widget(block, outer);
    let text: Vec<Line<'_>> = lines
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .map(|line| {
            let style = match line.kind {
                LineKind::Title => theme.accent,
                LineKind::Text | LineKind::Value => Style::new(),
                LineKind::Internal => theme.internal,
                LineKind::Warning => theme.warning,
            };
            match line.kind {
                LineKind::Title | LineKind::Text => Line::styled(line.text.clone(), style),
                _ => Line::from(vec![
                    Span::styled(format!("{:<LABEL_WIDTH$}", line.label), theme.accent),
                    Span::styled(line.text.clone(), style),
                ]),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(text), inner);
}
