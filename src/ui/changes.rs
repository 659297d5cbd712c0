//! The changes screen: what changed since the baseline, by audience, each group with its count.
//!
//! ```text
//! ┌ Changes since 2025 report ──────────────────────────────────────────┐
//! │ Law and Policy Makers · 3                                           │
//! │   Moved forward (1)                                                 │
//! │   ▲ LP-03 Allocate sufficient and secure funding  no action → in pr │
//! └─────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::ColourTheme;
use crate::app::App;
use crate::app::time_screens::ChangeItem;
use crate::model::diff::Group;

/// Draws the changes screen into `area`, the line `selected` highlighted and kept in view.
pub fn render(app: &App, selected: usize, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let items = app.change_items();
    let since = app.baseline.as_ref().map_or_else(
        || "seen while running".to_owned(),
        |b| format!("since {}", b.label),
    );
    let title = format!(" Changes {since} · {} ", items.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.accent));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if items.is_empty() {
        // Sentences, wrapped a column in from the border.
        let padded = Rect {
            x: inner.x.saturating_add(1),
            width: inner.width.saturating_sub(2),
            ..inner
        };
        let paragraph = Paragraph::new(empty(app, theme)).wrap(Wrap { trim: false });
        frame.render_widget(paragraph, padded);
        return;
    }
    let (lines, selected_line) = lines(app, &items, selected, theme);
    let height = usize::from(inner.height);
    let scroll = selected_line.map_or(0, |at| (at + 1).saturating_sub(height));
    let visible: Vec<Line<'_>> = lines.into_iter().skip(scroll).take(height).collect();
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

fn lines<'a>(
    app: &App,
    items: &'a [ChangeItem],
    selected: usize,
    theme: &ColourTheme,
) -> (Vec<Line<'a>>, Option<usize>) {
    let mut out = Vec::new();
    let audiences = app
        .feed
        .as_ref()
        .map(|f| f.audiences.as_slice())
        .unwrap_or(&[]);
    let mut selected_line = None;
    let mut last: Option<(usize, Option<Group>)> = None;
    for (i, item) in items.iter().enumerate() {
        if last.map(|(a, _)| a) != Some(item.audience) {
            let name = audiences.get(item.audience).map_or("", |a| a.name.as_str());
            let n = items.iter().filter(|x| x.audience == item.audience).count();
            out.push(Line::styled(
                format!(" {name} · {n}"),
                theme.accent.add_modifier(Modifier::BOLD),
            ));
            last = Some((item.audience, None));
        }
        if last.and_then(|(_, g)| g) != Some(item.group) {
            let n = items
                .iter()
                .filter(|x| x.audience == item.audience && x.group == item.group)
                .count();
            out.push(Line::styled(
                format!("   {} ({n})", item.group.title()),
                theme.dim,
            ));
            last = Some((item.audience, Some(item.group)));
        }
        let mark = mark(item.group);
        let moved = if item.before.is_empty() && item.after.is_empty() {
            String::new()
        } else {
            format!("  {} → {}", or_dash(&item.before), or_dash(&item.after))
        };
        let style = if i == selected {
            theme.selection(true)
        } else if item.group == Group::MovedBackward {
            theme.warning
        } else {
            ratatui::style::Style::default()
        };
        if i == selected {
            selected_line = Some(out.len());
        }
        out.push(Line::from(vec![
            Span::styled(format!("   {mark} {} {}", item.id, item.title), style),
            Span::styled(moved, if i == selected { style } else { theme.dim }),
        ]));
    }
    (out, selected_line)
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
