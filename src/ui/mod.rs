//! Drawing: reads the app's state and draws it, never changes it.
//!
//! ```text
//! +------------------------------------------------+
//! | header.rs: title, counts, feed state,          |
//! |            filter bar                          |
//! +------------------------------------------------+
//! | pane.rs: audience panes (or tabs + one pane)   |
//! |   or detail.rs: one recommendation in full     |
//! +------------------------------------------------+
//! | footer.rs: selection summary, keys, checked    |
//! +------------------------------------------------+
//!   help.rs and menu.rs draw over everything when open
//!   kiosk.rs replaces all of it on a wall screen
//!   too_small: a message below 60x15
//! ```

mod baselines;
mod changes;
mod detail;
mod footer;
mod form;
mod header;
mod help;
mod kiosk;
mod menu;
mod pane;
mod progress;
mod sparkline;
pub mod theme;
pub mod time;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Overlay, View};
use crate::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use theme::ColourTheme;

/// The rows between the header and the footer.
fn body(main: &layout::MainLayout) -> Rect {
    let top = main.header.bottom();
    Rect::new(
        main.header.x,
        top,
        main.header.width,
        main.footer.y.saturating_sub(top),
    )
}

/// Draws the whole screen.
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame) {
    let area = frame.area();
    if app.kiosk.is_some() {
        kiosk::render(app, theme, frame);
        return;
    }
    if layout::too_small(area) {
        too_small(frame, area);
        return;
    }
    let main = app.layout();
    header::render(app, theme, frame, main.header);
    match (&app.view, &app.feed) {
        (View::Detail { .. }, Some(_)) => detail::render(app, theme, frame),
        (View::Changes { selected }, Some(_)) => {
            changes::render(app, *selected, theme, frame, body(&main))
        }
        (View::Progress, Some(_)) => progress::render(app, theme, frame, body(&main)),
        (View::Baselines { selected }, Some(_)) => {
            baselines::render(app, *selected, theme, frame, body(&main))
        }
        (_, Some(feed)) => pane::render(app, feed, theme, frame, &main),
        (_, None) => {}
    }
    footer::render(app, theme, frame, main.footer);
    match &app.overlay {
        Some(Overlay::Help { .. }) => help::render(app, theme, frame),
        Some(Overlay::Filters { .. }) => menu::render_filters(app, theme, frame),
        Some(Overlay::Views { .. }) => menu::render_views(app, theme, frame),
        Some(Overlay::OwnerPrompt { .. }) => {
            menu::render_filters(app, theme, frame);
            menu::render_owner_prompt(app, theme, frame);
        }
        None => {}
    }
    if let Some(edit) = &app.form {
        form::render(app, edit, theme, frame);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: {}x{}. rapporteur needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
        area.width, area.height
    );
    let lines = vec![
        Line::raw(text),
        Line::raw("Enlarge the window, or press q to quit."),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
