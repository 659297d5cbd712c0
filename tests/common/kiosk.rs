//! A wall screen for the kiosk tests: the sample loaded 12 s before the fixed clock, a stale limit
//! of two minutes, a week of change marks, no burn-in shift (so screens can be compared).

use chrono::Duration;
use ratatui::layout::Rect;

use rapporteur::app::{Action, App, KioskSettings, Settings};
use rapporteur::model::{Feed, FeedMessage};

use super::{now, sample};

pub fn kiosk_settings() -> KioskSettings {
    KioskSettings {
        burn_in: None,
        ..rapporteur::startup::default_kiosk_settings().unwrap()
    }
}

pub fn kiosk_with(feed: Feed, kiosk: KioskSettings, width: u16, height: u16) -> App {
    let settings = Settings {
        kiosk: Some(kiosk),
        mouse: false,
        stale_after: Some(Duration::seconds(120)),
        changed_window: Duration::days(7),
        ..rapporteur::startup::default_settings().unwrap()
    };
    let mut app = App::with_settings(
        "https://example.org/date.json",
        now(),
        Rect::new(0, 0, width, height),
        settings,
    );
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(feed),
        at: now() - Duration::seconds(12),
    }));
    app
}

pub fn kiosk(width: u16, height: u16) -> App {
    kiosk_with(sample(), kiosk_settings(), width, height)
}
