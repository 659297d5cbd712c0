//! The footer: the selected recommendation in one line, then the keys that matter here.
//!
//! ```text
//!  LP-09 · ◔ in progress · priority high · due 30 Jun 2026, overdue · Ministry of Interior
//!  j/k move  h/l audience  Enter detail  ? help  q quit                      checked 12 s ago
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::header::split_row;
use super::theme::ColourTheme;
use super::time::ago;
use crate::app::{Action, App, Overlay, View};

/// Draws the footer into `area` (two rows).
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let summary = Rect::new(area.x, area.y, area.width, 1);
    let keys = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1).min(1),
    );
    if let (View::Main, Some(rec)) = (&app.view, app.selected()) {
        let mut spans = vec![
            Span::styled(format!(" {}", rec.id), theme.accent),
            Span::raw(" · "),
            Span::styled(
                format!("{} {}", rec.status.symbol(), rec.status),
                theme.status_style(&rec.status),
            ),
        ];
        if let Some(priority) = rec.priority {
            spans.push(Span::raw(format!(" · priority {}", priority.word())));
        }
        if let Some(due) = rec.due {
            spans.push(Span::raw(format!(
                " · due {}",
                app.settings.calendar.date(due, app.today())
            )));
            if rec.is_overdue(app.today()) {
                spans.push(Span::styled(", overdue", theme.warning));
            }
        }
        if !rec.owners.is_empty() {
            spans.push(Span::styled(
                format!(" · {}", rec.owners.join(", ")),
                theme.dim,
            ));
        }
        split_row(frame, summary, spans, Vec::new());
    }
    let hints = hints(app);
    let mut left = vec![Span::styled(hints, theme.dim)];
    if let Some(notice) = &app.notice {
        left.insert(0, Span::styled(format!(" {} ", notice.text), theme.warning));
    }
    let checked = app
        .load
        .checked_at
        .map_or_else(String::new, |at| format!("checked {} ", ago(app.now, at)));
    split_row(frame, keys, left, vec![Span::styled(checked, theme.dim)]);
}

/// Key hints for the present state, spelled with the keys actually bound.
fn hints(app: &App) -> String {
    let key = |action: Action| app.key(&action).to_owned();
    let pair = |a: Action, b: Action| app.key_pair(&a, &b);
    let pairs: Vec<(String, &str)> = match (&app.overlay, &app.view) {
        // Typing a search: the text field's own keys, fixed so that every letter can be typed.
        _ if app.search.typing => vec![
            ("Enter".into(), "keep the search"),
            ("Esc".into(), "clear it"),
        ],
        (Some(Overlay::OwnerPrompt { .. }), _) => {
            vec![("Enter".into(), "keep"), ("Esc".into(), "cancel")]
        }
        (Some(Overlay::Help { .. }), _) => vec![
            (key(Action::Back), "close"),
            (pair(Action::Down, Action::Up), "scroll"),
        ],
        (Some(Overlay::Filters { .. }), _) => vec![
            (pair(Action::Down, Action::Up), "move"),
            ("Space".into(), "switch on or off"),
            (key(Action::ClearFilters), "clear all"),
            (key(Action::Back), "close"),
        ],
        (Some(Overlay::Views { .. }), _) => vec![
            (app.view_digits(), "choose"),
            (key(Action::Open), "choose"),
            (key(Action::Back), "close"),
        ],
        (None, View::Detail { .. }) => vec![
            (key(Action::Back), "back"),
            (pair(Action::Down, Action::Up), "scroll"),
            (key(Action::ToggleHelp), "help"),
            (key(Action::Quit), "quit"),
        ],
        (None, View::Changes { .. }) => vec![
            (pair(Action::Down, Action::Up), "move"),
            (key(Action::Open), "detail"),
            (key(Action::Back), "back"),
            (key(Action::ShowProgress), "progress"),
            (key(Action::Quit), "quit"),
        ],
        (None, View::Baselines { .. }) => vec![
            (pair(Action::Down, Action::Up), "move"),
            (key(Action::Open), "compare with this one"),
            (key(Action::Back), "back"),
        ],
        (None, View::Progress) => vec![
            (key(Action::Back), "back"),
            (key(Action::ShowChanges), "changes"),
            (key(Action::Quit), "quit"),
        ],
        (None, View::Main) => vec![
            (pair(Action::Down, Action::Up), "move"),
            (pair(Action::PrevPane, Action::NextPane), "audience"),
            (key(Action::Open), "detail"),
            (key(Action::Search), "search"),
            (key(Action::Filters), "filter"),
            (key(Action::Views), "views"),
            (key(Action::CycleSort), "sort"),
            (key(Action::ToggleHelp), "help"),
            (key(Action::Quit), "quit"),
        ],
    };
    let mut out = String::new();
    for (k, what) in pairs {
        out.push_str(&format!(" {k} {what} "));
    }
    out
}
