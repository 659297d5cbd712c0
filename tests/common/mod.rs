//! Shared by the screen tests: a fixed clock, the sample feed, and drawing into a test terminal.

#![allow(dead_code)]

pub mod feed_strings;
pub mod hostile;
pub mod kiosk;

use chrono::{DateTime, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use rapporteur::app::{Action, App};
use rapporteur::feed::{SAMPLE_FEED_JSON, parse};
use rapporteur::model::Feed;
use rapporteur::model::FeedMessage;
use rapporteur::ui::{self, theme::ColourTheme};

/// The time every screen test is drawn at: the day after the sample feed was generated.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

/// The built-in sample feed.
pub fn sample() -> Feed {
    parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("the sample feed is valid")
}

/// An app of the given size showing `feed`, loaded a minute before [`now`].
pub fn app_with(feed: Feed, width: u16, height: u16) -> App {
    let mut app = App::with_settings(
        "built-in sample",
        now(),
        Rect::new(0, 0, width, height),
        rapporteur::startup::default_settings().unwrap(),
    );
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(feed),
        at: now() - chrono::Duration::seconds(60),
    }));
    app
}

/// An app of the given size showing the sample feed.
pub fn app(width: u16, height: u16) -> App {
    app_with(sample(), width, height)
}

/// Draws the app into a test terminal of its own size and returns the buffer.
pub fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("a test terminal");
    terminal
        .draw(|frame| ui::render(app, &ColourTheme::dark(), frame))
        .expect("drawing never fails on a test terminal");
    terminal.backend().buffer().clone()
}

/// The buffer's text, one line per row, trailing spaces kept so the width shows.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// Draws the app and returns the screen as text.
pub fn screen(app: &App) -> String {
    text(&draw(app))
}
