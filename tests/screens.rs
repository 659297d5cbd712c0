//! Snapshots of every screen, drawn into ratatui's test backend after injected actions.

mod common;

use common::{app, now, screen};
use rapporteur::app::{Action, App};
use rapporteur::feed::{FeedMessage, LoadError, Place};
use ratatui::layout::Rect;

#[test]
fn main_screen_at_120x40() {
    insta::assert_snapshot!(screen(&app(120, 40)));
}

#[test]
fn main_screen_at_80x24_shows_one_pane_with_tabs() {
    let mut app = app(80, 24);
    app.update(Action::NextPane);
    app.update(Action::Down);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn main_screen_at_100x30() {
    insta::assert_snapshot!(screen(&app(100, 30)));
}

#[test]
fn detail_view() {
    let mut app = app(120, 40);
    for _ in 0..8 {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn detail_view_at_80x24_scrolled_to_the_end() {
    let mut app = app(80, 24);
    app.update(Action::Down);
    app.update(Action::Open);
    app.update(Action::Bottom);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay() {
    let mut app = app(120, 40);
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn too_small_message() {
    insta::assert_snapshot!(screen(&app(50, 12)));
}

#[test]
fn stale_banner_after_a_failed_load() {
    let mut app = app(120, 40);
    let error = LoadError::one(
        "https://feeds.example.org/date.json",
        Place::Whole,
        "HTTP 503 Service Unavailable",
    );
    app.update(Action::Feed(FeedMessage::Failed { error, at: now() }));
    let text = screen(&app);
    assert!(text.contains("STALE"));
    insta::assert_snapshot!(text);
}

#[test]
fn connecting_before_the_first_load() {
    let app = App::new(
        "https://feeds.example.org/date.json",
        now(),
        Rect::new(0, 0, 80, 24),
    );
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn an_error_before_any_data_says_what_to_do() {
    let mut app = App::new("missing.json", now(), Rect::new(0, 0, 80, 24));
    let error = LoadError::one(
        "missing.json",
        Place::Whole,
        "cannot be read: no such file (check the path)",
    );
    app.update(Action::Feed(FeedMessage::Failed { error, at: now() }));
    let text = screen(&app);
    assert!(text.contains("no such file"));
    insta::assert_snapshot!(text);
}

#[test]
fn every_size_from_1x1_draws_without_panic() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    for (width, height) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (10, 3),
        (59, 14),
        (60, 15),
        (61, 16),
        (99, 20),
        (100, 15),
        (250, 80),
    ] {
        app.update(Action::Resize { width, height });
        let _ = screen(&app);
        app.update(Action::ToggleHelp);
        let _ = screen(&app);
        app.update(Action::ToggleHelp);
    }
}
