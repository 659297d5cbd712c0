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
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::ColourTheme;
use crate::app::{App, PaneState, SortKey};
use crate::layout::MainLayout;
use crate::model::query::search::match_ranges;
use crate::model::{Direction, Visibility};
use crate::model::{Feed, Recommendation, Status};
use crate::text::fit;

/// Panes at least this wide (inside the border) show the status word beside the symbol.
const WORD_MIN_WIDTH: usize = 50;
/// Width of the status word column.
const WORD_WIDTH: usize = 12;

/// Draws every pane that is on screen, and the tabs when there are any.
pub fn render(app: &App, feed: &Feed, theme: &ColourTheme, frame: &mut Frame, layout: &MainLayout) {
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
    theme: &'a ColourTheme,
    show_word: bool,
}

/// Draws one audience's pane: its frame and title, then its rows or why there are none.
fn render_pane(
    ctx: &PaneContext<'_>,
    index: usize,
    pane: &PaneState,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(audience) = ctx.feed.audiences.get(index) else {
        return;
    };
    let focused = index == ctx.app.focus;
    let block = pane_block(ctx, (index, &audience.name), pane, focused, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if pane.rows.is_empty() {
        frame.render_widget(empty_message(ctx, pane), inner);
    } else {
        frame.render_widget(rows(ctx, pane, focused, inner), inner);
    }
}

/// The pane's border, thick when focused, titled with the audience, the count shown of the
/// count there is, and the order when it is not by id.
fn pane_block(
    ctx: &PaneContext<'_>,
    (index, name): (usize, &str),
    pane: &PaneState,
    focused: bool,
    width: u16,
) -> Block<'static> {
    let PaneContext { app, theme, .. } = *ctx;
    let title_style = if focused { theme.accent } else { Style::new() };
    let mut title = vec![
        Span::styled(format!(" {name} "), title_style),
        Span::styled(
            format!("{}/{} ", pane.rows.len(), pane.order.len()),
            theme.dim,
        ),
    ];
    // Progress over the last year, where the title has room for it.
    let used: usize = title.iter().map(|s| s.content.chars().count()).sum();
    if let Some(line) = super::sparkline::of_audience(app, index, 12)
        && used + 16 <= usize::from(width)
    {
        title.push(Span::styled(format!("{line} "), theme.dim));
    }
    if app.sort != SortKey::Id {
        title.push(Span::styled(
            format!("· by {} ", app.sort.name()),
            theme.dim,
        ));
    }
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .title(Line::from(title))
}

/// Why a pane shows no rows: it has none, or the filters in force (named) hide them all.
fn empty_message(ctx: &PaneContext<'_>, pane: &PaneState) -> Paragraph<'static> {
    let PaneContext { app, theme, .. } = *ctx;
    let message = if pane.order.is_empty() {
        " no recommendations".to_owned()
    } else {
        let chips = app.filter_chips(&app.filter);
        format!(" no recommendation matches: {}", chips.join(", "))
    };
    Paragraph::new(Line::styled(message, theme.dim)).wrap(Wrap { trim: false })
}

/// The rows that fit in `inner`, the selected one highlighted.
fn rows<'a>(ctx: &PaneContext<'a>, pane: &PaneState, focused: bool, inner: Rect) -> Paragraph<'a> {
    let PaneContext {
        app,
        feed,
        theme,
        show_word,
    } = *ctx;
    let visible = inner.height as usize;
    let id_width = pane
        .visible(visible)
        .map(|(_, i)| feed.recommendations[i].id.0.width())
        .max()
        .unwrap_or(0)
        .min(12);
    let row_style = RowStyle {
        theme,
        show_word,
        id_width,
        width: inner.width as usize,
        today: app.today(),
        needle: app.search_needle(),
    };
    let lines: Vec<Line<'_>> = pane
        .visible(visible)
        .map(|(row, index)| {
            let rec = &feed.recommendations[index];
            let change = app.changes.get(&rec.id).map(|c| c.direction());
            let line = row_line(&row_style, rec, change);
            if row == pane.selected {
                line.style(theme.selection(focused))
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines)
}

/// What every row of a pane is drawn with.
struct RowStyle<'a> {
    theme: &'a ColourTheme,
    show_word: bool,
    id_width: usize,
    width: usize,
    today: chrono::NaiveDate,
    needle: Option<&'a str>,
}

/// One row: status symbol (and word), id, title, then the change and overdue marks.
fn row_line<'a>(
    style: &RowStyle<'_>,
    rec: &'a Recommendation,
    change: Option<Direction>,
) -> Line<'a> {
    let theme = style.theme;
    let status_style = theme.status_style(&rec.status);
    let mut spans = vec![Span::styled(rec.status.symbol().to_string(), status_style)];
    let mut used = 1;
    if style.show_word {
        let word = format!(" {:<WORD_WIDTH$}", rec.status.short_word());
        used += word.width();
        spans.push(Span::styled(word, status_style));
    }
    let id_width = style.id_width;
    let id = format!(" {:<id_width$} ", fit(&rec.id.0, id_width));
    used += id.width();
    spans.push(Span::styled(id, theme.dim));
    let overdue = rec.is_overdue(style.today);
    let marks_width = usize::from(change.is_some()) + usize::from(overdue);
    let marks_width = if marks_width > 0 { marks_width + 1 } else { 0 };
    // Staff see which records the wall screen and exports leave out.
    let tag = if style.width >= 30 {
        " internal"
    } else {
        " int"
    };
    let internal = (rec.visibility == Visibility::Internal).then_some(tag);
    let internal_width = internal.map_or(0, str::len);
    let room = style
        .width
        .saturating_sub(used + marks_width + internal_width);
    let title = fit(&rec.title, room);
    let pad = room.saturating_sub(title.width());
    spans.extend(highlighted(title, style.needle, theme));
    spans.push(Span::raw(" ".repeat(pad)));
    if let Some(tag) = internal {
        spans.push(Span::styled(tag, theme.warning));
    }
    if marks_width > 0 {
        spans.push(Span::raw(" "));
        if let Some(direction) = change {
            let mark_style = if direction == Direction::Backward {
                theme.warning
            } else {
                theme.status_style(&Status::Implemented)
            };
            spans.push(Span::styled(direction.symbol().to_string(), mark_style));
        }
        if overdue {
            spans.push(Span::styled("!", theme.warning));
        }
    }
    Line::from(spans)
}

/// The text split into spans, with every match of the search highlighted.
fn highlighted<'a>(text: String, needle: Option<&str>, theme: &ColourTheme) -> Vec<Span<'a>> {
    let ranges = needle.map_or_else(Vec::new, |n| match_ranges(&text, n));
    if ranges.is_empty() {
        return vec![Span::raw(text)];
    }
    let mut spans = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for range in ranges {
        if range.start > at {
            spans.push(Span::raw(text[at..range.start].to_owned()));
        }
        spans.push(Span::styled(
            text[range.clone()].to_owned(),
            theme.highlight,
        ));
        at = range.end;
    }
    if at < text.len() {
        spans.push(Span::raw(text[at..].to_owned()));
    }
    spans
}

fn render_tabs(app: &App, feed: &Feed, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
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
