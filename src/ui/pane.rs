//! The audience panes and, on narrow terminals, the audience tabs. Only the rows on screen are
//! built, so a pane of 100,000 recommendations costs the same to draw as one of 10.
//!
//! ```text
//! ┏ Law and Policy Makers  11 ━━━━━━━━━━━┓
//! ┃◔ started  LP-09  Facilitate indepen… !┃   status, id, title, overdue mark
//! ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::{App, PaneState};
use crate::layout::MainLayout;
use crate::model::Feed;
use crate::wrap::fit;

/// Panes at least this wide (inside the border) show the status word beside the symbol.
const WORD_MIN_WIDTH: usize = 50;
/// Width of the status word column.
const WORD_WIDTH: usize = 12;

/// Draws every pane that is on screen, and the tabs when there are any.
pub fn render(app: &App, feed: &Feed, theme: &Theme, frame: &mut Frame, layout: &MainLayout) {
    if let Some(tabs) = layout.tabs {
        render_tabs(app, feed, theme, frame, tabs);
    }
    // The status word shows in every pane or in none, so rows read the same across the screen.
    let show_word = layout
        .panes
        .iter()
        .flatten()
        .all(|area| area.width.saturating_sub(2) as usize >= WORD_MIN_WIDTH);
    let ctx = PaneContext {
        app,
        feed,
        theme,
        show_word,
    };
    for (i, (pane, area)) in app.panes.iter().zip(&layout.panes).enumerate() {
        if let Some(area) = area {
            render_pane(&ctx, i, pane, frame, *area);
        }
    }
}

/// What every pane is drawn with.
struct PaneContext<'a> {
    app: &'a App,
    feed: &'a Feed,
    theme: &'a Theme,
    show_word: bool,
}

fn render_pane(
    ctx: &PaneContext<'_>,
    index: usize,
    pane: &PaneState,
    frame: &mut Frame,
    area: Rect,
) {
    let PaneContext {
        app,
        feed,
        theme,
        show_word,
    } = *ctx;
    let Some(audience) = feed.audiences.get(index) else {
        return;
    };
    let focused = index == app.focus;
    let title_style = if focused { theme.accent } else { Style::new() };
    let block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .title(Line::from(vec![
            Span::styled(format!(" {} ", audience.name), title_style),
            Span::styled(format!("{} ", pane.rows.len()), theme.dim),
        ]));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if pane.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(" no recommendations", theme.dim)),
            inner,
        );
        return;
    }
    let visible = inner.height as usize;
    let width = inner.width as usize;
    let id_width = pane
        .visible(visible)
        .map(|(_, i)| feed.recommendations[i].id.0.width())
        .max()
        .unwrap_or(0)
        .min(12);
    let today = app.today();
    let lines: Vec<Line<'_>> = pane
        .visible(visible)
        .map(|(row, index)| {
            let rec = &feed.recommendations[index];
            let overdue = rec.is_overdue(today);
            let mut spans = vec![Span::styled(
                rec.status.symbol().to_string(),
                theme.status_style(&rec.status),
            )];
            let mut used = 1;
            if show_word {
                let word = format!(" {:<WORD_WIDTH$}", rec.status.short_word());
                used += word.width();
                spans.push(Span::styled(word, theme.status_style(&rec.status)));
            }
            let id = format!(" {:<id_width$} ", fit(&rec.id.0, id_width));
            used += id.width();
            spans.push(Span::styled(id, theme.dim));
            let mark = if overdue { " !" } else { "" };
            let room = width.saturating_sub(used + mark.len());
            let title = fit(&rec.title, room);
            let pad = room.saturating_sub(title.width());
            spans.push(Span::raw(title));
            spans.push(Span::raw(" ".repeat(pad)));
            if overdue {
                spans.push(Span::styled(mark, theme.warning));
            }
            let line = Line::from(spans);
            if row == pane.selected {
                line.style(theme.selection(focused))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_tabs(app: &App, feed: &Feed, theme: &Theme, frame: &mut Frame, area: Rect) {
    let full: usize = feed.audiences.iter().map(|a| a.name.width() + 3).sum();
    let short = full > area.width as usize;
    let mut spans = Vec::new();
    for (i, audience) in feed.audiences.iter().enumerate() {
        let focused = i == app.focus;
        let label = if short && !focused {
            initials(&audience.name)
        } else {
            audience.name.clone()
        };
        let style = if focused {
            theme.selection(true)
        } else {
            theme.dim
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {label} "), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "Law and Policy Makers" becomes "LPM": the capitals of its words.
fn initials(name: &str) -> String {
    let letters: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    if letters.is_empty() {
        fit(name, 4)
    } else {
        letters
    }
}
