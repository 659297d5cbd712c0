//! `update` tested directly: no terminal, no clock, plain asserts.

use chrono::{TimeZone, Utc};
use ratatui::layout::Rect;

use super::*;
use crate::feed::{SAMPLE_FEED_JSON, parse};
use crate::model::{FeedMessage, LoadError, Place, RecId};

mod background;
mod change_list;
mod filtering;
mod form;
mod marks;
mod pointer;
mod saving;
mod suspend;

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

pub(super) fn sample() -> Feed {
    parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("the sample feed is valid")
}

pub(super) fn app(width: u16, height: u16) -> App {
    let mut app = App::with_settings(
        "sample",
        now(),
        Rect::new(0, 0, width, height),
        crate::startup::default_settings().unwrap(),
    );
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(sample()),
        at: now(),
    }));
    app
}

/// The effects of an update, batches taken apart.
pub(super) fn effects(effect: Effect) -> Vec<Effect> {
    match effect {
        Effect::Batch(list) => list.into_iter().flat_map(effects).collect(),
        effect => vec![effect],
    }
}

pub(super) fn selected_id(app: &App) -> String {
    app.selected().map(|r| r.id.0.clone()).unwrap_or_default()
}

#[test]
fn starts_on_the_first_recommendation_of_the_first_audience() {
    let app = app(120, 40);
    assert_eq!(app.focus, 0);
    assert_eq!(selected_id(&app), "LP-01");
    assert_eq!(app.panes.len(), 5);
}

#[test]
fn up_and_down_move_within_a_pane_and_stop_at_its_ends() {
    let mut app = app(120, 40);
    assert_eq!(app.update(Action::Down), Effect::Redraw);
    assert_eq!(selected_id(&app), "LP-02");
    app.update(Action::Up);
    app.update(Action::Up);
    assert_eq!(selected_id(&app), "LP-01");
    app.update(Action::Bottom);
    assert_eq!(selected_id(&app), "LP-11");
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "LP-11");
    app.update(Action::Top);
    assert_eq!(selected_id(&app), "LP-01");
}

#[test]
fn panes_cycle_both_ways_and_keep_their_own_selection() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.update(Action::NextPane);
    assert_eq!(selected_id(&app), "CSO-01");
    app.update(Action::PrevPane);
    assert_eq!(selected_id(&app), "LP-02");
    app.update(Action::PrevPane);
    assert_eq!(app.focus, 4);
    assert_eq!(selected_id(&app), "MR-01");
    app.update(Action::NextPane);
    assert_eq!(app.focus, 0);
}

#[test]
fn page_down_moves_by_the_rows_on_screen() {
    let mut app = app(80, 24);
    let mut big = sample();
    let template = big.recommendations[0].clone();
    big.recommendations = (0..1_000)
        .map(|i| Recommendation {
            id: RecId(format!("X-{i:04}")),
            ..template.clone()
        })
        .collect();
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(big),
        at: now(),
    }));
    let visible = app.layout().visible_rows(0);
    assert!(visible > 5);
    app.update(Action::PageDown);
    assert_eq!(app.panes[0].selected, visible);
    assert_eq!(app.panes[0].offset, 1);
    app.update(Action::Bottom);
    assert_eq!(app.panes[0].selected, 999);
    assert_eq!(app.panes[0].offset, 1_000 - visible);
    app.update(Action::PageUp);
    assert_eq!(app.panes[0].selected, 999 - visible);
}

#[test]
fn enter_opens_the_detail_of_the_selection_and_esc_closes_it() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.detail().map(|r| r.id.0.as_str()), Some("LP-02"));
    // Keys scroll the detail view; they do not move the selection underneath.
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "LP-02");
    app.update(Action::Back);
    assert_eq!(app.view, View::Main);
    assert_eq!(selected_id(&app), "LP-02");
}

#[test]
fn the_detail_view_scrolls_no_further_than_its_last_line() {
    let mut app = app(80, 24);
    app.update(Action::Open);
    let max = app.detail_max_scroll();
    assert!(max > 0, "LP-01 is longer than one screen at 80x24");
    app.update(Action::Bottom);
    assert_eq!(
        app.view,
        View::Detail {
            id: RecId("LP-01".into()),
            scroll: max
        }
    );
    assert_eq!(app.update(Action::Down), Effect::None);
    app.update(Action::Up);
    assert_eq!(
        app.view,
        View::Detail {
            id: RecId("LP-01".into()),
            scroll: max - 1
        }
    );
}

#[test]
fn help_opens_over_any_view_and_swallows_movement() {
    let mut app = app(120, 40);
    app.update(Action::ToggleHelp);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "LP-01");
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 1 }));
    app.update(Action::Back);
    assert_eq!(app.overlay, None);
    app.update(Action::ToggleHelp);
    app.update(Action::ToggleHelp);
    assert_eq!(app.overlay, None);
}

#[test]
fn quit_and_refresh_are_effects_for_the_event_loop() {
    let mut app = app(120, 40);
    assert_eq!(app.update(Action::Quit), Effect::Quit);
    assert_eq!(app.update(Action::Refresh), Effect::Refresh);
    assert!(app.load.loading);
}

#[test]
fn a_new_feed_keeps_the_selection_on_the_same_recommendation() {
    let mut app = app(120, 40);
    app.update(Action::Bottom);
    let mut smaller = sample();
    smaller.recommendations.reverse();
    smaller.recommendations.retain(|r| r.id.0 != "LP-01");
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(smaller),
        at: now(),
    }));
    assert_eq!(selected_id(&app), "LP-11");
    assert_eq!(app.panes[0].selected, 9);
}

#[test]
fn a_failed_load_keeps_the_last_good_data_and_marks_it_stale() {
    let mut app = app(120, 40);
    assert!(!app.is_stale());
    let error = LoadError::one("feed.json", Place::Position { line: 3, column: 7 }, "bad");
    app.update(Action::Feed(FeedMessage::Failed {
        error,
        at: now(),
        retry_at: None,
    }));
    assert!(app.feed.is_some());
    assert!(app.is_stale());
    assert_eq!(selected_id(&app), "LP-01");
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(sample()),
        at: now(),
    }));
    assert!(!app.is_stale());
}

#[test]
fn data_older_than_the_limit_is_stale() {
    let mut app = app(120, 40);
    app.settings.stale_after = Some(chrono::Duration::seconds(120));
    app.update(Action::Tick(now() + chrono::Duration::seconds(119)));
    assert!(!app.is_stale());
    app.update(Action::Tick(now() + chrono::Duration::seconds(121)));
    assert!(app.is_stale());
}

#[test]
fn keys_before_any_feed_do_nothing_and_do_not_panic() {
    let mut app = App::with_settings(
        "nowhere",
        now(),
        Rect::new(0, 0, 80, 24),
        crate::startup::default_settings().unwrap(),
    );
    for action in [
        Action::Down,
        Action::Up,
        Action::NextPane,
        Action::PrevPane,
        Action::Open,
        Action::Bottom,
    ] {
        assert_eq!(app.update(action), Effect::None);
    }
    assert!(app.selected().is_none());
}

#[test]
fn resizing_to_nothing_and_back_keeps_the_selection() {
    let mut app = app(120, 40);
    app.update(Action::Down);
    app.update(Action::Resize {
        width: 1,
        height: 1,
    });
    app.update(Action::Down);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(selected_id(&app), "LP-03");
}

#[test]
fn the_narrow_layout_shows_only_the_focused_pane() {
    let mut app = app(80, 24);
    app.update(Action::NextPane);
    let layout = app.layout();
    assert!(layout.tabs.is_some());
    assert!(layout.panes[1].is_some());
    assert!(layout.panes[0].is_none());
}
