//! The header: what the feed is, how the statuses add up, and whether the data can be trusted.
//!
//! ```text
//!  rapporteur  {feed title}  [SAMPLE DATA]                      {source} · generated {time}
//!  ● 6 implemented  ◐ 7 partly  ◔ 9 in progress ...                      progress ████░░ 35%
//!  {feed state: connecting, error, STALE, or counts of overdue and warnings}
//!  filters: status: in progress · theme: Data · overdue · /unions      shown 4 / 36 · sort: due
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme::ColourTheme;
use super::time::ago;
use crate::app::{Action, App, Totals};
use crate::model::{Status, StatusCounts};
use crate::text::fit;

const SPINNER: [char; 8] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧'];

/// Draws the header into `area` (three rows).
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let rows = [0, 1, 2, 3].map(|i| {
        Rect::new(
            area.x,
            area.y + i,
            area.width,
            1.min(area.height.saturating_sub(i)),
        )
    });
    title_row(app, theme, frame, rows[0]);
    counts_row(app.totals.as_ref(), theme, frame, rows[1]);
    state_row(app, app.totals.as_ref(), theme, frame, rows[2]);
    filter_row(app, theme, frame, rows[3]);
}

/// Puts `left` at the left and `right` at the right of one row; the left side gives way.
pub fn split_row(frame: &mut Frame, area: Rect, left: Vec<Span<'_>>, right: Vec<Span<'_>>) {
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    let room = area.width as usize;
    let right_width = if right_width + 10 > room {
        0
    } else {
        right_width
    };
    let gap = usize::from(right_width > 0);
    let left_area = Rect::new(
        area.x,
        area.y,
        (room - right_width - gap) as u16,
        area.height,
    );
    frame.render_widget(
        Paragraph::new(Line::from(fit_spans(left, left_area.width as usize))),
        left_area,
    );
    if right_width > 0 {
        let right_area = Rect::new(
            area.right() - right_width as u16,
            area.y,
            right_width as u16,
            area.height,
        );
        frame.render_widget(Paragraph::new(Line::from(right)), right_area);
    }
}

/// Cuts a run of spans to `width` columns, the last one ending in `…` when cut.
pub fn fit_spans(spans: Vec<Span<'_>>, width: usize) -> Vec<Span<'_>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for span in spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let rest = width.saturating_sub(used);
            if rest > 0 {
                out.push(Span::styled(fit(&span.content, rest), span.style));
            }
            break;
        }
    }
    out
}

fn title_row(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let mut left = vec![Span::styled(" rapporteur ", theme.accent)];
    let mut right = Vec::new();
    if let Some(feed) = &app.feed {
        if feed.sample {
            left.push(Span::styled(" SAMPLE DATA ", theme.badge));
            left.push(Span::raw(" "));
        }
        left.push(Span::styled(feed.title.clone(), theme.accent));
        right.extend(assessment_spans(app, theme));
        if let Some(at) = app.load.loaded_at {
            right.push(Span::styled(
                format!(" · updated {} ", ago(app.now, at)),
                theme.dim,
            ));
        }
    }
    split_row(frame, area, left, right);
}

/// The assessment's own date: when it was generated, with the time and zone, or a warning when it
/// is old or dated in the future. The zone is said here, once for the screen.
pub fn assessment_spans(app: &App, theme: &ColourTheme) -> Vec<Span<'static>> {
    let Some(feed) = &app.feed else {
        return Vec::new();
    };
    match app.assessment_words() {
        Some((words, true)) => vec![Span::styled(format!(" {words}"), theme.warning)],
        _ => {
            let calendar = &app.settings.calendar;
            let at = feed.generated_at;
            vec![Span::styled(
                format!(
                    "generated {} {}",
                    calendar.date(calendar.day_of(at), app.today()),
                    calendar.time_with_zone(at)
                ),
                theme.dim,
            )]
        }
    }
}

fn counts_row(totals: Option<&Totals>, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let Some(Totals { counts, .. }) = totals else {
        return;
    };
    let progress = counts.progress();
    let bar_cells = 12;
    let filled = (progress * bar_cells as f64).round() as usize;
    let right = vec![
        Span::styled("progress ", theme.dim),
        Span::styled("█".repeat(filled), theme.status_style(&Status::Implemented)),
        Span::styled("░".repeat(bar_cells - filled), theme.dim),
        Span::raw(format!(" {:>3.0}% ", progress * 100.0)),
    ];
    let right_width = 9 + bar_cells + 6;
    let room = (area.width as usize).saturating_sub(right_width + 1);
    let left = [Wording::Full, Wording::Short, Wording::Symbol]
        .into_iter()
        .map(|wording| count_spans(counts, theme, wording))
        .find(|spans| spans.iter().map(|s| s.content.width()).sum::<usize>() <= room)
        .unwrap_or_else(|| count_spans(counts, theme, Wording::Symbol));
    split_row(frame, area, left, right);
}

#[derive(Clone, Copy)]
enum Wording {
    Full,
    Short,
    Symbol,
}

fn count_spans(counts: &StatusCounts, theme: &ColourTheme, wording: Wording) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(" ")];
    let mut statuses: Vec<Status> = Status::KNOWN.to_vec();
    if counts.unrecognised > 0 {
        statuses.push(Status::Unrecognised(String::new()));
    }
    for status in statuses {
        let word = match wording {
            Wording::Full => format!(" {}", status.word()),
            Wording::Short => format!(" {}", status.short_word()),
            Wording::Symbol => String::new(),
        };
        spans.push(Span::styled(
            status.symbol().to_string(),
            theme.status_style(&status),
        ));
        spans.push(Span::raw(format!(" {}{word}  ", counts.get(&status))));
    }
    spans
}

fn state_row(
    app: &App,
    totals: Option<&Totals>,
    theme: &ColourTheme,
    frame: &mut Frame,
    area: Rect,
) {
    let spinner = SPINNER[(app.ticks % SPINNER.len() as u64) as usize];
    let line: Vec<Span<'_>> = match (&app.feed, &app.load.error) {
        (None, None) => vec![Span::styled(
            format!(" {spinner} connecting to {}…", app.source),
            theme.dim,
        )],
        (None, Some((error, _))) => vec![
            Span::styled(" ⚠ ", theme.warning),
            Span::styled(error.to_string(), theme.warning),
            Span::styled(
                match next_try(app) {
                    Some(next) => format!(" · {next}  r: try again now"),
                    None => "  r: try again".to_owned(),
                },
                theme.dim,
            ),
        ],
        (Some(_), _) if app.is_stale() => {
            let cause = app
                .stale_cause()
                .unwrap_or_else(|| "no new data".to_owned());
            let good = app.last_good_words().unwrap_or_default();
            let next = next_try(app).map_or_else(String::new, |next| format!(" · {next}"));
            let banner = format!(" STALE: {cause} · {good}{next} ");
            vec![Span::styled(
                format!("{banner:<width$}", width = area.width as usize),
                theme.badge.add_modifier(Modifier::REVERSED),
            )]
        }
        (Some(feed), _) => counts_spans(app, feed, totals, theme, spinner),
    };
    split_row(frame, area, line, source_spans(app, theme));
}

/// The feed's own state when it is fine: how many, how many overdue, loading, warnings.
fn counts_spans<'a>(
    app: &App,
    feed: &'a crate::model::Feed,
    totals: Option<&Totals>,
    theme: &ColourTheme,
    spinner: char,
) -> Vec<Span<'a>> {
    let overdue = totals.map_or(0, |t| t.overdue);
    let mut spans = vec![Span::styled(
        format!(" {} recommendations", feed.recommendations.len()),
        Style::new(),
    )];
    if overdue > 0 {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(format!("{overdue} overdue !"), theme.warning));
    }
    if app.load.loading {
        spans.push(Span::styled(format!(" · {spinner} loading"), theme.dim));
    }
    if !feed.warnings.is_empty() {
        let n = feed.warnings.len();
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!(
                "{n} warning{}: {}",
                if n == 1 { "" } else { "s" },
                feed.warnings[0]
            ),
            theme.warning,
        ));
    }
    spans
}

/// Where the data comes from, what the marks compare with, and whether it is signed.
fn source_spans(app: &App, theme: &ColourTheme) -> Vec<Span<'static>> {
    // An error or a banner already names the source and needs the whole row.
    let mut source = match (&app.load.error, app.is_stale()) {
        (None, false) => {
            // What the change marks compare with, beside where the data comes from.
            let since = app
                .baseline
                .as_ref()
                .map_or_else(String::new, |b| format!("since {} · ", b.label));
            vec![Span::styled(format!("{since}{} ", app.source), theme.dim)]
        }
        _ => Vec::new(),
    };
    // The data on screen is vouched for by the publisher's key.
    if app
        .feed
        .as_ref()
        .is_some_and(|feed| feed.signed_at.is_some())
    {
        source.insert(0, Span::styled("✔ signed ", theme.accent));
    }
    source
}

/// "next try in 40 s" (or "in 12 min", or "at 14:05:00 UTC" beyond an hour); `None` when the
/// source did not say or the time has come.
pub(super) fn next_try(app: &App) -> Option<String> {
    let at = app.load.next_try.filter(|at| *at > app.now)?;
    let secs = (at - app.now).num_seconds().max(1);
    Some(match secs {
        ..=99 => format!("next try in {secs} s"),
        100..=3600 => format!("next try in {} min", (secs + 59) / 60),
        _ => format!("next try at {}", app.settings.calendar.time_with_zone(at)),
    })
}

fn filter_row(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    if app.feed.is_none() {
        return;
    }
    let (shown, total) = app.shown_and_total();
    // Until the feed's search index is built, a search has read only its first records.
    let partial = app.search.hits.as_ref().is_some_and(|hits| hits.partial);
    let right = vec![
        Span::styled(if partial { "searching… " } else { "" }, theme.dim),
        Span::styled(format!("shown {shown} / {total}"), theme.accent),
        Span::styled(format!(" · sort: {} ", app.sort.name()), theme.dim),
    ];
    let left = if app.search.typing {
        vec![
            Span::styled(" search: ", theme.accent),
            Span::styled(format!("{}▏", app.filter.search), theme.highlight),
            Span::styled("  Enter keep  Esc clear", theme.dim),
        ]
    } else if app.filter.is_empty() {
        vec![Span::styled(
            format!(
                " no filter · {} search  {} filters  {} views  {} overdue",
                app.key(&Action::Search),
                app.key(&Action::Filters),
                app.key(&Action::Views),
                app.key(&Action::ToggleOverdue),
            ),
            theme.dim,
        )]
    } else {
        let mut spans = vec![Span::styled(" ", theme.dim)];
        if let Some(name) = &app.view_name {
            spans.push(Span::styled(format!("view {name}: "), theme.accent));
        }
        let chips = app.filter_chips(&app.filter);
        for (i, chip) in chips.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.dim));
            }
            spans.push(Span::styled(chip, theme.chip));
        }
        spans.push(Span::styled(
            format!("  {} clear", app.key(&Action::ClearFilters)),
            theme.dim,
        ));
        spans
    };
    split_row(frame, area, left, right);
}
