//! The filter menu and the saved views, drawn over the screen.
//!
//! ```text
//! ╔ Filters ══════════════════════════╗
//! ║ [x] overdue                       ║
//! ║ [ ] changed recently              ║
//! ║ [ ] status: ● implemented         ║
//! ║ ...                               ║
//! ╚ Space switch  x clear  Esc close ═╝
//! ```

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::ColourTheme;
use crate::app::menu::MenuItem;
use crate::app::{Action, App, Overlay};
use crate::layout::centred;

/// Draws the filter menu.
pub fn render_filters(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let (items, cursor) = match &app.overlay {
        Some(Overlay::Filters { items, cursor } | Overlay::OwnerPrompt { items, cursor, .. }) => {
            (items, cursor)
        }
        _ => return,
    };
    let area = centred(frame.area(), 64, items.len() as u16 + 2);
    let visible = area.height.saturating_sub(2) as usize;
    let offset = cursor.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line<'_>> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, item)| {
            let on = app.menu_item_is_on(item);
            let mut spans = vec![Span::raw(if on { " [x] " } else { " [ ] " })];
            spans.extend(label(app, item, theme));
            let line = Line::from(spans);
            if i == *cursor {
                line.style(theme.selection(true))
            } else if on {
                line.style(theme.chip)
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(" Filters ", theme.accent))
        .title_bottom(Line::styled(
            format!(
                " Space switch  {} clear all  {} close ",
                app.key(&Action::ClearFilters),
                app.key(&Action::Back)
            ),
            theme.dim,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn label<'a>(app: &App, item: &'a MenuItem, theme: &ColourTheme) -> Vec<Span<'a>> {
    match item {
        MenuItem::Overdue => vec![Span::raw("overdue: past due and not implemented")],
        MenuItem::DueWithin(days) => vec![Span::raw(format!("due within {days} days, not done"))],
        MenuItem::Changed => vec![Span::raw(format!(
            "changed in the last {}",
            super::time::span(app.settings.changed_window)
        ))],
        MenuItem::StaleAssessment => vec![Span::raw(format!(
            "not assessed for {} days",
            app.settings.stale_assessment_days
        ))],
        MenuItem::Status(status) => vec![
            Span::raw("status: "),
            Span::styled(status.symbol().to_string(), theme.status_style(status)),
            Span::raw(format!(" {}", status.word())),
        ],
        MenuItem::Priority(priority) => vec![Span::raw(format!("priority: {}", priority.word()))],
        MenuItem::Theme(id) => vec![Span::raw(format!("theme: {}", App::theme_name(id)))],
        MenuItem::Audience(id) => vec![Span::raw(format!("audience: {}", app.audience_name(id)))],
        MenuItem::OwnerText if app.filter.owner_text.is_empty() => {
            vec![Span::raw(
                "owner contains: (Space, then type part of a name)",
            )]
        }
        MenuItem::OwnerText => vec![Span::raw(format!(
            "owner contains: {}",
            app.filter.owner_text
        ))],
        MenuItem::Owner(owner) => vec![Span::raw(format!("owner: {owner}"))],
    }
}

/// Draws the owner prompt over the filter menu: the text typed so far, and a cursor after it.
pub fn render_owner_prompt(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let Some(Overlay::OwnerPrompt { .. }) = &app.overlay else {
        return;
    };
    let area = centred(frame.area(), 48, 3);
    let (shown, total) = app.shown_and_total();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(" Owner contains ", theme.accent))
        .title_bottom(Line::styled(
            format!(" {shown} of {total}  Enter keep  Esc cancel "),
            theme.dim,
        ));
    // The end of a long text stays in sight, where the typing is.
    let room = usize::from(area.width.saturating_sub(5));
    let text = &app.filter.owner_text;
    let count = text.chars().count();
    let shown_text = if count > room {
        let tail: String = text.chars().skip(count - room + 1).collect();
        format!("…{tail}")
    } else {
        text.clone()
    };
    let line = Line::from(vec![
        Span::raw(format!(" {shown_text}")),
        Span::styled("▏", theme.accent),
    ]);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(line).block(block), area);
}

/// Draws the list of saved views.
pub fn render_views(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let Some(Overlay::Views { cursor }) = &app.overlay else {
        return;
    };
    let views = &app.settings.views;
    let area = centred(frame.area(), 56, views.len() as u16 + 3);
    let mut lines = vec![Line::raw(" 0  everything (no filter)")];
    for (i, view) in views.iter().enumerate() {
        let key = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        let chips = app.filter_chips(&view.filter).join(", ");
        lines.push(Line::from(vec![
            Span::styled(format!(" {key}  {}", view.name), theme.accent),
            Span::styled(format!("  {chips}"), theme.dim),
        ]));
    }
    let lines: Vec<Line<'_>> = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == *cursor {
                line.style(theme.selection(true))
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(" Saved views ", theme.accent))
        .title_bottom(Line::styled(
            format!(
                " {} or {} choose  {} close ",
                app.view_digits(),
                app.key(&Action::Open),
                app.key(&Action::Back)
            ),
            theme.dim,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
