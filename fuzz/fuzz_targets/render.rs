//! Any bytes that parse as a feed draw without a panic, at a size derived from the input, in the
//! main view, the detail view and under the help overlay, and leave nothing on screen that a
//! terminal would act on.

#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use rapporteur::app::{Action, App};
use rapporteur::feed::sanitize::is_forbidden;
use rapporteur::feed::{FeedMessage, parse};
use rapporteur::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fuzz_target!(|data: &[u8]| {
    let Ok(feed) = parse(data, "fuzz.json") else {
        return;
    };
    // The size comes from the input without taking bytes from it, so that a corpus of plain JSON
    // feeds stays valid: 1x1 up to 200x60.
    let sum = data.iter().fold(0usize, |acc, &b| {
        acc.wrapping_mul(31).wrapping_add(b.into())
    });
    let width = 1 + (data.len() % 200) as u16;
    let height = 1 + (sum % 60) as u16;
    let moves = sum / 60 % 16;

    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
    let mut app = App::new("fuzz", now, Rect::new(0, 0, width, height));
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(feed),
        at: now,
    }));
    draw(&app);
    for _ in 0..moves {
        app.update(Action::Down);
    }
    app.update(Action::NextPane);
    draw(&app);
    app.update(Action::Open);
    app.update(Action::Bottom);
    draw(&app);
    app.update(Action::ToggleHelp);
    draw(&app);
});

fn draw(app: &App) {
    let backend = TestBackend::new(app.size.width, app.size.height);
    let mut terminal = Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| ui::render(app, &Theme::default(), frame))
        .expect("drawing into a test terminal never fails");
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(|c| c.is_control() || is_forbidden(c)),
            "{symbol:?} on screen"
        );
    }
}
