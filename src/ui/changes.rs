//! The changes screen: what changed since the baseline, by audience, each group with its count.
//!
//! ```text
//! ┌ Changes since 2025 report ──────────────────────────────────────────┐
//! │ Law and Policy Makers · 3                                           │
//! │   Moved forward (1)                                                 │
//! │   ▲ LP-03 Allocate sufficient and secure funding  no action → in pr │
//! └─────────────────────────────────────────────────────────────────────┘
//! ```

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::ColourTheme;
use crate::app::App;
use crate::app::change_list::{ChangeLine, ChangeList};
use crate::app::time_screens::ChangeItem;
use crate::model::diff::Group;

/// Draws the changes screen into `area`, the line `selected` highlighted and kept in view. Only
/// the lines in view are built, from the list the app keeps; while that list is being worked out
/// the title says so, over the list before it if any.
pub fn render(app: &App, selected: usize, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let list = app.change_list();
    let items = app.change_items();
    let since = app.baseline.as_ref().map_or_else(
        || "seen while running".to_owned(),
        |b| format!("since {}", b.label),
    );
    let comparing = app.comparing();
    let title = match (list, comparing) {
        (None, _) => format!(" Changes {since} · comparing… "),
        (Some(_), true) => format!(" Changes {since} · {} · comparing… ", items.len()),
        (Some(_), false) => format!(" Changes {since} · {} ", items.len()),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.accent));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(list) = list.filter(|list| !list.items.is_empty()) else {
        // Sentences, wrapped a column in from the border.
        let padded = Rect {
            x: inner.x.saturating_add(1),
            width: inner.width.saturating_sub(2),
            ..inner
        };
        let text = match comparing {
            true => vec![Line::styled("Comparing…", theme.dim)],
            false => empty(app, theme),
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), padded);
        return;
    };
    let height = usize::from(inner.height);
    let selected_line = list.line_of(selected);
    let scroll = selected_line.map_or(0, |at| (at + 1).saturating_sub(height));
    let visible: Vec<Line<'_>> = (list.lines.iter().skip(scroll).take(height))
        .map(|line| self::line(app, list, *line, selected, theme))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// An empty list: nothing changed and, on a first run with no earlier snapshot to compare with,
/// why only the changes seen while running are listed and what to do about it.
fn empty(app: &App, theme: &ColourTheme) -> Vec<Line<'static>> {
    use chrono::Datelike as _;
    let mut out = vec![Line::styled("Nothing has changed.", theme.dim)];
    if app.baseline.is_none() {
        let last_year = app.today().year() - 1;
        out.push(Line::default());
        out.push(Line::styled(
            "No earlier version of this feed is kept yet, so only changes seen while running \
             are listed.",
            theme.dim,
        ));
        out.push(Line::styled(
            format!(
                "To compare with a date, start with --baseline {last_year}-12-31: the feed's own \
                 history fills in where no snapshot exists."
            ),
            theme.dim,
        ));
    }
    out
}

/// One line of the list: an audience's heading, a group's, or a change.
fn line<'a>(
    app: &App,
    list: &'a ChangeList,
    line: ChangeLine,
    selected: usize,
    theme: &ColourTheme,
) -> Line<'a> {
    match line {
        ChangeLine::Audience { audience, count } => {
            let audiences = app
                .feed
                .as_ref()
                .map_or(&[][..], |f| f.audiences.as_slice());
            let name = audiences.get(audience).map_or("", |a| a.name.as_str());
            Line::styled(
                format!(" {name} · {count}"),
                theme.accent.add_modifier(Modifier::BOLD),
            )
        }
        ChangeLine::Group { group, count } => {
            Line::styled(format!("   {} ({count})", group.title()), theme.dim)
        }
        ChangeLine::Item(i) => {
            let Some(item) = list.items.get(i) else {
                return Line::default();
            };
            item_line(app, item, i == selected, theme)
        }
    }
}

/// A change: its mark, id and title, and what it was and is.
fn item_line<'a>(app: &App, item: &'a ChangeItem, selected: bool, theme: &ColourTheme) -> Line<'a> {
    let mark = mark(item.group);
    let moved = if item.before.is_empty() && item.after.is_empty() {
        String::new()
    } else if matches!(item.group, Group::DueMoved | Group::NewlyOverdue) {
        // Due dates come as ISO dates, as a report's annex gives them; the screen gives every
        // date in the configured style.
        let day = |text: &str| match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => app.settings.calendar.date(date, app.today()),
            Err(_) => or_dash(text).to_owned(),
        };
        format!("  due {} → {}", day(&item.before), day(&item.after))
    } else {
        format!("  {} → {}", or_dash(&item.before), or_dash(&item.after))
    };
    let style = if selected {
        theme.selection(true)
    } else if item.group == Group::MovedBackward {
        theme.warning
    } else {
        ratatui::style::Style::default()
    };
    Line::from(vec![
        Span::styled(format!("   {mark} {} {}", item.id, item.title), style),
        Span::styled(moved, if selected { style } else { theme.dim }),
    ])
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "–" } else { s }
}

/// The mark of a group: the direction marks for status moves, a plain sign for the others.
fn mark(group: Group) -> char {
    match group {
        Group::MovedForward => '▲',
        Group::MovedBackward => '▼',
        Group::FirstAssessed => '◇',
        Group::Withdrawn | Group::Rescoped | Group::StatusChanged => '◆',
        Group::NewlyOverdue => '!',
        Group::DueMoved => '→',
        Group::New => '+',
        Group::Removed => '−',
        Group::TextChanged => '✎',
    }
}
