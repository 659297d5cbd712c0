//! The wall screen: made to be read from across a room, never showing anything internal.
//!
//! ```text
//!  {feed title}  [SAMPLE DATA]                                   14:32   updated 12 s ago
//!  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
//!  (or, when the data is old:  STALE: no update for 34 min, showing the last good data)
//!
//!  the step of the rotation: overview | one audience | changed recently
//!
//!  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
//!  overview ● ○ ○ ○ ○ ○ ○                                                    read-only display
//! ```
//!
//! The whole layout moves by a cell every few minutes against burn-in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::header::{fit_spans, split_row};
use super::theme::ColourTheme;
use super::time::ago;
use crate::app::{App, KioskStep};
use crate::model::{Feed, Recommendation, Status, StatusCounts, Visibility};
use crate::text::fit;
use crate::text::long_date;

/// Draws the wall screen.
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let full = frame.area();
    let (dx, dy) = app.kiosk.as_ref().map_or((0, 0), |k| k.shift(app.now));
    // Always one cell smaller than the screen, so the shift never pushes anything off it.
    let area = Rect::new(
        full.x + dx.min(full.width.saturating_sub(1)),
        full.y + dy.min(full.height.saturating_sub(1)),
        full.width.saturating_sub(1),
        full.height.saturating_sub(1),
    );
    if area.height < 5 || area.width < 20 {
        let text = fit("read-only display: enlarge the screen", area.width as usize);
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
    top_bar(app, theme, frame, row(0));
    rule_or_banner(app, theme, frame, row(1));
    let body = Rect::new(
        area.x,
        area.y + 3,
        area.width,
        area.height.saturating_sub(5),
    );
    match (&app.feed, app.kiosk_step()) {
        (None, _) => {
            let text = match &app.load.error {
                Some(_) => " Waiting for the feed: it could not be loaded yet.",
                None => " Connecting to the feed…",
            };
            frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), body);
        }
        (Some(feed), Some(KioskStep::Overview) | None) => overview(app, feed, theme, frame, body),
        (Some(feed), Some(KioskStep::Audience(i))) => audience(app, feed, i, theme, frame, body),
        (Some(feed), Some(KioskStep::Changed)) => changed(app, feed, theme, frame, body),
    }
    rule(theme, frame, row(area.height - 2));
    bottom_bar(app, theme, frame, row(area.height - 1));
}

/// The records a wall screen may show at all.
fn public(feed: &Feed) -> impl Iterator<Item = &Recommendation> {
    feed.recommendations
        .iter()
        .filter(|r| r.visibility == Visibility::Public)
}

fn top_bar(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let mut left = vec![Span::raw(" ")];
    if let Some(feed) = &app.feed {
        if feed.sample {
            left.push(Span::styled(" SAMPLE DATA ", theme.badge));
            left.push(Span::raw(" "));
        }
        left.push(Span::styled(feed.title.clone(), theme.accent));
    }
    let updated = app.load.loaded_at.map_or_else(
        || "not loaded yet".to_owned(),
        |at| format!("updated {}", ago(app.now, at)),
    );
    let right = vec![
        Span::styled(app.now.format("%H:%M").to_string(), theme.accent),
        Span::styled(format!("   {updated} "), theme.dim),
    ];
    split_row(frame, area, left, right);
}

fn rule_or_banner(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    if !app.is_stale() {
        rule(theme, frame, area);
        return;
    }
    let since = app.load.loaded_at.map_or_else(String::new, |at| {
        let age = ago(app.now, at);
        format!(
            " since {} ({})",
            at.format("%H:%M"),
            age.trim_end_matches(" ago")
        )
    });
    let what = if app.load.error.is_some() {
        "feed unreachable"
    } else {
        "no new data"
    };
    let text = format!(" STALE: {what}{since}, showing the last good data ");
    let banner = format!("{text:<width$}", width = area.width as usize);
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&banner, area.width as usize),
            theme.badge.add_modifier(Modifier::REVERSED),
        )),
        area,
    );
}

fn rule(theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    frame.render_widget(
        Paragraph::new(Line::styled("━".repeat(area.width as usize), theme.dim)),
        area,
    );
}

fn bottom_bar(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let steps = app.kiosk_steps();
    let current = app
        .kiosk
        .as_ref()
        .map_or(0, |k| k.step % steps.len().max(1));
    let name = match steps.get(current) {
        Some(KioskStep::Overview) | None => "overview".to_owned(),
        Some(KioskStep::Audience(i)) => app
            .feed
            .as_ref()
            .and_then(|f| f.audiences.get(*i))
            .map_or_else(String::new, |a| a.name.clone()),
        Some(KioskStep::Changed) => "changed recently".to_owned(),
    };
    let dots: String = (0..steps.len())
        .map(|i| if i == current { '●' } else { '○' })
        .flat_map(|c| [c, ' '])
        .collect();
    let left = vec![
        Span::styled(format!(" {name}  "), theme.accent),
        Span::styled(dots, theme.dim),
    ];
    let notice = app
        .notice
        .as_ref()
        .map_or("read-only display", |n| n.text.as_str());
    let right = vec![Span::styled(format!("{notice} "), theme.dim)];
    split_row(frame, area, left, right);
}

fn overview(app: &App, feed: &Feed, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let name_width = feed
        .audiences
        .iter()
        .map(|a| a.name.width())
        .max()
        .unwrap_or(0)
        .min(32);
    let bar_width = (area.width as usize)
        .saturating_sub(name_width + 50)
        .clamp(8, 30);
    let mut lines = Vec::new();
    for (i, audience) in feed.audiences.iter().enumerate() {
        let counts = StatusCounts::of(public(feed).filter(|r| r.audience == i));
        let done = counts.get(&Status::Implemented);
        let filled = (counts.progress() * bar_width as f64).round() as usize;
        let mut spans = vec![
            Span::styled(
                format!("  {:<name_width$}  ", fit(&audience.name, name_width)),
                theme.accent,
            ),
            Span::styled("█".repeat(filled), theme.status_style(&Status::Implemented)),
            Span::styled("░".repeat(bar_width - filled.min(bar_width)), theme.dim),
            Span::raw(format!("  {done} of {} implemented  ", counts.total())),
        ];
        // Progress over the last 24 months, a gap where nothing was known.
        if let Some(line) = super::sparkline::of_audience(app, i, 24) {
            spans.push(Span::styled(format!("{line}  "), theme.dim));
        }
        for status in &Status::KNOWN[1..] {
            let n = counts.get(status);
            if n > 0 {
                spans.push(Span::styled(
                    status.symbol().to_string(),
                    theme.status_style(status),
                ));
                spans.push(Span::raw(format!(" {n}  ")));
            }
        }
        lines.push(Line::from(fit_spans(spans, area.width as usize)));
        lines.push(Line::raw(""));
    }
    let changes = recent_changes(app, feed, theme);
    if !changes.is_empty() {
        lines.push(Line::styled("  Changed recently", theme.accent));
        for line in changes.into_iter().take(4) {
            lines.push(line);
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn audience(
    app: &App,
    feed: &Feed,
    index: usize,
    theme: &ColourTheme,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(audience) = feed.audiences.get(index) else {
        return;
    };
    let kiosk = app.kiosk.as_ref();
    let hides = |field: &str| kiosk.is_some_and(|k| k.hides(field));
    let recs: Vec<&Recommendation> = public(feed).filter(|r| r.audience == index).collect();
    let counts = StatusCounts::of(recs.iter().copied());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("  {}", audience.name), theme.accent),
            Span::styled(
                format!(
                    "   {} of {} implemented",
                    counts.get(&Status::Implemented),
                    counts.total()
                ),
                theme.dim,
            ),
        ]),
        Line::raw(""),
    ];
    let today = app.today();
    let width = area.width as usize;
    let room = area.height.saturating_sub(2) as usize;
    let shown = recs.len().min(room);
    for rec in recs.iter().take(shown) {
        let status_style = theme.status_style(&rec.status);
        let mut tail = String::new();
        if let Some(due) = rec.due.filter(|_| !hides("due")) {
            tail.push_str(&format!("  due {}", long_date(due)));
        }
        if !hides("owners") && !rec.owners.is_empty() {
            tail.push_str(&format!("  {}", rec.owners.join(", ")));
        }
        let overdue = !hides("due") && rec.is_overdue(today);
        let head = format!(
            "  {} {:<12} {:<7} ",
            rec.status.symbol(),
            rec.status.short_word(),
            rec.id
        );
        let title_room = width.saturating_sub(head.width() + 4).min(64);
        let title = fit(&rec.title, title_room);
        let pad = title_room.saturating_sub(title.width());
        let spans = vec![
            Span::styled(head, status_style),
            Span::raw(title),
            Span::raw(" ".repeat(pad)),
            Span::styled(if overdue { " ! " } else { "   " }, theme.warning),
            Span::styled(tail, theme.dim),
        ];
        lines.push(Line::from(fit_spans(spans, width)));
    }
    if recs.len() > shown {
        lines.pop();
        lines.push(Line::styled(
            format!("  … and {} more", recs.len() - shown + 1),
            theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn changed(app: &App, feed: &Feed, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::styled(
            format!(
                "  Changed in the last {}",
                super::time::span(app.settings.changed_window)
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
    let by_id: std::collections::HashMap<&crate::model::RecId, &Recommendation> =
        public(feed).map(|r| (&r.id, r)).collect();
    app.changes
        .newest_first()
        .into_iter()
        .filter_map(|(id, change)| {
            let rec = by_id.get(id)?;
            let direction = change.direction();
            let style = if direction == crate::model::Direction::Backward {
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
                    when(change.at)
                )),
            ]))
        })
        .collect()
}

/// A change's time: the day alone when it came from a dated history entry.
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    if at.time() == chrono::NaiveTime::MIN {
        at.format("%-d %b").to_string()
    } else {
        at.format("%-d %b %H:%M").to_string()
    }
}
