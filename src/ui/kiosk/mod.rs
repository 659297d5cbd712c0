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

mod audience;
mod overview;

use super::header::{next_try, split_row};
use super::theme::ColourTheme;
use super::time::ago;
use crate::app::{App, KioskStep};
use crate::model::{Feed, Recommendation, Visibility};
use crate::text::fit;

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
        (Some(feed), Some(KioskStep::Overview) | None) => {
            overview::render(app, feed, theme, frame, body)
        }
        (Some(feed), Some(KioskStep::Audience(i))) => {
            audience::render(app, feed, i, theme, frame, body)
        }
        (Some(feed), Some(KioskStep::Changed)) => overview::changed(app, feed, theme, frame, body),
    }
    rule(theme, frame, row(area.height - 2));
    bottom_bar(app, theme, frame, row(area.height - 1));
}

/// The records a wall screen may show at all.
pub(super) fn public(feed: &Feed) -> impl Iterator<Item = &Recommendation> {
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
    // The assessment's own date, so a feed assessed long ago never reads as fresh; the clock
    // carries the zone, once for the screen.
    let mut right = match app.assessment_words() {
        Some((words, warn)) => vec![Span::styled(
            format!("{words} · "),
            if warn { theme.warning } else { theme.dim },
        )],
        None => Vec::new(),
    };
    right.push(Span::styled(format!("{updated}   "), theme.dim));
    // A wall screen that can prove where its data came from says so.
    if app
        .feed
        .as_ref()
        .is_some_and(|feed| feed.signed_at.is_some())
    {
        right.insert(0, Span::styled("✔ signed · ", theme.accent));
    }
    right.push(Span::styled(
        format!("{} ", app.settings.calendar.time_with_zone(app.now)),
        theme.accent,
    ));
    split_row(frame, area, left, right);
}

fn rule_or_banner(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    if !app.is_stale() {
        rule(theme, frame, area);
        return;
    }
    let cause = app
        .stale_cause()
        .unwrap_or_else(|| "no new data".to_owned());
    let good = app.last_good_words().unwrap_or_default();
    let next = next_try(app).map_or_else(String::new, |next| format!(" · {next}"));
    let text = format!(" STALE: {cause} · {good}{next} ");
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
