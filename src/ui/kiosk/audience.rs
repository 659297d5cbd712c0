//! One audience on the wall: every public recommendation in one aligned row each.
//!
//! ```text
//!   Law and Policy Makers   2 implemented, 3 partial of 11 · 32%
//!
//!   ● implemented  LP-01   Adopt a comprehensive law ...         due 30 Jun 2026  Ministry of ...
//!   ◔ in progress  LP-09   Facilitate independent data ...    !  due 30 Jun 2026  Ministry of ...
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::header::fit_spans;
use super::super::theme::ColourTheme;
use super::public;
use crate::app::App;
use crate::model::{Feed, Recommendation, StatusCounts};
use crate::text::{fit, fit_words};

/// Draws one audience's recommendations.
pub fn render(
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
    let recs: Vec<&Recommendation> = public(feed).filter(|r| r.audience == index).collect();
    let counts = StatusCounts::of(recs.iter().copied());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("  {}", audience.name), theme.accent),
            Span::styled(format!("   {}", counts.progress_label()), theme.dim),
        ]),
        Line::raw(""),
    ];
    let width = area.width as usize;
    let room = area.height.saturating_sub(2) as usize;
    let shown = recs.len().min(room);
    let id_width = recs
        .iter()
        .map(|r| r.id.0.width())
        .max()
        .unwrap_or(0)
        .min(12);
    for rec in recs.iter().take(shown) {
        lines.push(row(app, rec, id_width, width, theme));
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

/// One recommendation in columns that line up whether or not it has a due date or owners.
fn row(
    app: &App,
    rec: &Recommendation,
    id_width: usize,
    width: usize,
    theme: &ColourTheme,
) -> Line<'static> {
    let hides = |field: &str| app.kiosk.as_ref().is_some_and(|k| k.hides(field));
    let today = app.today();
    let head = format!(
        "  {} {:<12} {:<id_width$}  ",
        rec.status.symbol(),
        rec.status.short_word(),
        fit(&rec.id.0, id_width)
    );
    let title_room = width.saturating_sub(head.width() + 4).min(64);
    let title = fit(&rec.title, title_room);
    let pad = title_room.saturating_sub(title.width());
    let overdue = !hides("due") && rec.is_overdue(today);
    let mut spans = vec![
        Span::styled(head, theme.status_style(&rec.status)),
        Span::raw(title),
        Span::raw(" ".repeat(pad)),
        Span::styled(if overdue { " ! " } else { "   " }, theme.warning),
    ];
    if !hides("due") {
        let due = rec.due.map_or_else(String::new, |due| {
            format!("due {}", app.settings.calendar.date(due, today))
        });
        spans.push(Span::styled(format!("{due:<16}  "), theme.dim));
    }
    if !hides("owners") && !rec.owners.is_empty() {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let owners = fit_words(&rec.owners.join(", "), width.saturating_sub(used + 1));
        spans.push(Span::styled(owners, theme.dim));
    }
    Line::from(fit_spans(spans, width))
}
