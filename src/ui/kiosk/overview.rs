//! The wall screen's overview: a progress bar per audience that says in words what fills it, the
//! latest changes, and a legend of every mark on the wall. It uses the room it has: on a tall
//! screen the bars grow and the change list lengthens.
//!
//! ```text
//!   Law and Policy Makers     ███████░░░░░░░░░░  2 implemented, 3 partial of 11 · 32%  ◔ 4 ...
//!
//!   Changed recently
//!   ▼ MR-04 Make research available ...  implemented → partial  (26 Nov)
//!
//!   ● implemented ◐ partial ◔ in progress ○ no action · not assessed – n/a  ! overdue ...
//!   Progress: each implemented recommendation counts 1 and each partially implemented one 1/2 ...
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::header::fit_spans;
use super::super::theme::ColourTheme;
use super::public;
use crate::app::App;
use crate::model::direction::MARKS;
use crate::model::{Direction, Feed, PROGRESS_RULE, RecId, Recommendation, Status, StatusCounts};
use crate::text::{fit, wrap};

/// The fewest change lines the overview keeps room for.
const MIN_CHANGE_LINES: usize = 4;

/// Draws the overview.
pub fn render(app: &App, feed: &Feed, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let legend = legend_lines(theme, width);
    let audiences = feed.audiences.len().max(1);
    let height = area.height as usize;
    // Rows for the bars once the legend, the change heading and a few changes have theirs: one
    // to three rows a bar, each bar followed by a blank row.
    let spare = height.saturating_sub(legend.len() + 2 + MIN_CHANGE_LINES);
    let bar_rows = (spare / audiences).saturating_sub(1).clamp(1, 3);
    let name_width = feed
        .audiences
        .iter()
        .map(|a| a.name.width())
        .max()
        .unwrap_or(0)
        .min(32);
    let bar_width = width.saturating_sub(name_width + 70).clamp(8, 60);
    let mut lines = Vec::new();
    for (i, audience) in feed.audiences.iter().enumerate() {
        let counts = StatusCounts::of(public(feed).filter(|r| r.audience == i));
        let filled = (counts.progress() * bar_width as f64).round() as usize;
        let bar = |with_words: bool| {
            let name = if with_words {
                fit(&audience.name, name_width)
            } else {
                String::new()
            };
            let mut spans = vec![
                Span::styled(format!("  {name:<name_width$}  "), theme.accent),
                Span::styled(
                    "█".repeat(filled.min(bar_width)),
                    theme.status_style(&Status::Implemented),
                ),
                Span::styled("░".repeat(bar_width - filled.min(bar_width)), theme.dim),
            ];
            if with_words {
                spans.push(Span::raw(format!("  {}  ", counts.progress_label())));
                // Progress over the last 24 months, a gap where nothing was known.
                if let Some(line) = super::super::sparkline::of_audience(app, i, 24) {
                    spans.push(Span::styled(format!("{line}  "), theme.dim));
                }
                spans.extend(other_counts(&counts, theme));
            }
            Line::from(fit_spans(spans, width))
        };
        lines.push(bar(true));
        for _ in 1..bar_rows {
            lines.push(bar(false));
        }
        lines.push(Line::raw(""));
    }
    let room = height.saturating_sub(lines.len() + legend.len() + 2);
    let changes = recent_changes(app, feed, theme);
    if room > 0 {
        lines.push(Line::styled("  Changed recently", theme.accent));
        if changes.is_empty() {
            lines.push(Line::styled("  No status has changed recently.", theme.dim));
        }
        lines.extend(changes.into_iter().take(room));
    }
    // The legend stays at the foot of the overview.
    let used = lines.len();
    lines.extend(std::iter::repeat_n(
        Line::raw(""),
        height.saturating_sub(used + legend.len()),
    ));
    lines.extend(legend);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The counts of the statuses a bar does not show: in progress, no action, not assessed, n/a.
fn other_counts(counts: &StatusCounts, theme: &ColourTheme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for status in &Status::KNOWN[2..] {
        let n = counts.get(status);
        if n > 0 {
            spans.push(Span::styled(
                status.symbol().to_string(),
                theme.status_style(status),
            ));
            spans.push(Span::raw(format!(" {n}  ")));
        }
    }
    spans
}

/// Every mark the wall uses, explained, and how progress is counted: the marks on as many lines
/// as the width needs, then the rule, wrapped.
pub fn legend_lines(theme: &ColourTheme, width: usize) -> Vec<Line<'static>> {
    let mut items: Vec<(String, Style, String)> = Status::KNOWN
        .iter()
        .map(|s| {
            (
                s.symbol().to_string(),
                theme.status_style(s),
                s.short_word().to_owned(),
            )
        })
        .collect();
    items.push(("!".into(), theme.warning, "overdue".into()));
    for (mark, words) in MARKS {
        let short = words.split([' ', ',']).next().unwrap_or(words);
        let words = match mark {
            '▲' | '▼' => format!("moved {}", words.split(' ').nth(1).unwrap_or(short)),
            '◆' => "other change".to_owned(),
            _ => words.to_owned(),
        };
        let style = if mark == '▼' {
            theme.warning
        } else {
            Style::new()
        };
        items.push((mark.to_string(), style, words));
    }
    let mut lines = Vec::new();
    let mut spans = vec![Span::raw("  ")];
    let mut used = 2;
    for (mark, style, words) in items {
        let item = format!(" {words}  ");
        let w = mark.width() + item.width();
        if used + w > width && spans.len() > 1 {
            lines.push(Line::from(std::mem::replace(
                &mut spans,
                vec![Span::raw("  ")],
            )));
            used = 2;
        }
        spans.push(Span::styled(mark, style));
        spans.push(Span::styled(item, theme.dim));
        used += w;
    }
    lines.push(Line::from(fit_spans(spans, width)));
    for line in wrap(PROGRESS_RULE, width.saturating_sub(4).max(20)) {
        lines.push(Line::styled(format!("  {line}"), theme.dim));
    }
    lines
}

/// The changes step: every recent change of a public record.
pub fn changed(app: &App, feed: &Feed, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::styled(
            format!(
                "  Changed in the last {}",
                super::super::time::span(app.settings.changed_window)
            ),
            theme.accent,
        ),
        Line::raw(""),
    ];
    let changes = recent_changes(app, feed, theme);
    if changes.is_empty() {
        lines.push(Line::styled("  No status has changed recently.", theme.dim));
    }
    lines.extend(changes);
    frame.render_widget(Paragraph::new(lines), area);
}

/// One line per recent change of a public record, newest first.
fn recent_changes<'a>(app: &App, feed: &'a Feed, theme: &ColourTheme) -> Vec<Line<'a>> {
    let by_id: std::collections::HashMap<&RecId, &Recommendation> =
        public(feed).map(|r| (&r.id, r)).collect();
    app.changes
        .newest_first()
        .into_iter()
        .filter_map(|(id, change)| {
            let rec = by_id.get(id)?;
            let direction = change.direction();
            let style = if direction == Direction::Backward {
                theme.warning
            } else {
                ratatui::style::Style::new()
            };
            Some(Line::from(vec![
                Span::styled(format!("  {} ", direction.symbol()), style),
                Span::raw(format!("{} {}", rec.id, fit(&rec.title, 50))),
                Span::raw(format!(
                    "  {} → {}  ({})",
                    change.from.short_word(),
                    change.to.short_word(),
                    when(app, change.at)
                )),
            ]))
        })
        .collect()
}

/// A change's time: the day alone, as written, when it came from a dated history entry.
fn when(app: &App, at: chrono::DateTime<chrono::Utc>) -> String {
    let calendar = &app.settings.calendar;
    if at.time() == chrono::NaiveTime::MIN {
        calendar.date(at.date_naive(), app.today())
    } else {
        calendar.stamp(at, app.now)
    }
}
