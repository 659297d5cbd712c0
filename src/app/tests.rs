//! `update` tested directly: no terminal, no clock, plain asserts.

use chrono::{TimeZone, Utc};
use ratatui::layout::Rect;

use super::*;
use crate::feed::{FeedMessage, LoadError, Place, parse, source::SAMPLE_FEED_JSON};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

fn sample() -> Feed {
    parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("the sample feed is valid")
}

fn app(width: u16, height: u16) -> App {
    let mut app = App::new("sample", now(), Rect::new(0, 0, width, height));
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(sample()),
        at: now(),
    }));
    app
}

fn selected_id(app: &App) -> String {
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
    let mut app = App::new("nowhere", now(), Rect::new(0, 0, 80, 24));
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

#[test]
fn a_click_focuses_a_pane_and_selects_a_row_and_a_double_click_opens_it() {
    let mut app = app(120, 40);
    let pane = app.layout().panes[1].expect("CSO pane on screen");
    let (x, y) = (pane.x + 5, pane.y + 3);
    app.update(Action::Click { column: x, row: y });
    assert_eq!(app.focus, 1);
    assert_eq!(selected_id(&app), "CSO-03");
    assert_eq!(app.view, View::Main);
    app.update(Action::Click { column: x, row: y });
    assert_eq!(app.detail().map(|r| r.id.0.as_str()), Some("CSO-03"));
}

#[test]
fn clicks_apart_in_time_are_not_a_double_click() {
    let mut app = app(120, 40);
    let pane = app.layout().panes[0].expect("on screen");
    let (x, y) = (pane.x + 5, pane.y + 2);
    app.update(Action::Click { column: x, row: y });
    for s in 1..=5 {
        app.update(Action::Tick(now() + chrono::Duration::seconds(s)));
    }
    app.update(Action::Click { column: x, row: y });
    assert_eq!(app.view, View::Main);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app(120, 40);
    let pane = app.layout().panes[3].expect("DF pane on screen");
    app.update(Action::WheelDown {
        column: pane.x + 2,
        row: pane.y + 2,
    });
    assert_eq!(app.focus, 3);
    assert_eq!(selected_id(&app), "DF-04");
    app.update(Action::WheelUp {
        column: pane.x + 2,
        row: pane.y + 2,
    });
    assert_eq!(selected_id(&app), "DF-01");
}

#[test]
fn clicks_outside_the_panes_or_with_the_mouse_off_do_nothing() {
    let mut app = app(120, 40);
    assert_eq!(
        app.update(Action::Click { column: 3, row: 0 }),
        Effect::None
    );
    app.settings.mouse = false;
    let pane = app.layout().panes[1].expect("on screen");
    assert_eq!(
        app.update(Action::Click {
            column: pane.x + 2,
            row: pane.y + 2
        }),
        Effect::None
    );
    assert_eq!(app.focus, 0);
}

#[test]
fn typing_a_search_narrows_every_pane_and_esc_clears_it() {
    let mut app = app(120, 40);
    app.update(Action::Search);
    for c in "DATA".chars() {
        app.update(Action::Type(c));
    }
    let (shown, total) = app.shown_and_total();
    assert_eq!(total, 36);
    assert!(shown > 0 && shown < 10, "{shown}");
    app.update(Action::Open);
    assert!(!app.search.typing);
    assert_eq!(app.filter.search, "DATA");
    // n and N walk the matches across panes.
    let first = selected_id(&app);
    app.update(Action::NextMatch);
    assert_ne!(selected_id(&app), first);
    app.update(Action::PrevMatch);
    assert_eq!(selected_id(&app), first);
    app.update(Action::Back);
    assert_eq!(app.shown_and_total(), (36, 36));
}

#[test]
fn backspace_on_an_empty_search_stops_typing() {
    let mut app = app(120, 40);
    app.update(Action::Search);
    app.update(Action::Type('x'));
    app.update(Action::Erase);
    assert!(app.search.typing);
    app.update(Action::Erase);
    assert!(!app.search.typing);
}

#[test]
fn quick_filters_combine_and_clear() {
    let mut app = app(120, 40);
    app.update(Action::ToggleOverdue);
    assert_eq!(app.shown_and_total().0, 8);
    app.update(Action::ToggleStaleAssessment);
    let both = app.shown_and_total().0;
    assert!(both < 8, "{both}");
    app.update(Action::ClearFilters);
    assert_eq!(app.shown_and_total().0, 36);
}

#[test]
fn the_audience_filter_hides_panes_and_moves_the_focus() {
    let mut app = app(120, 40);
    app.update(Action::Filters);
    let Some(Overlay::Filters { items, .. }) = app.overlay.clone() else {
        panic!("the filter menu is open");
    };
    let at = items
        .iter()
        .position(|i| *i == menu::MenuItem::Audience("civil-society".into()))
        .expect("audience items");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Type(' '));
    app.update(Action::Back);
    assert_eq!(app.visible_audiences(), [1]);
    assert_eq!(app.focus, 1);
    assert_eq!(selected_id(&app), "CSO-01");
    app.update(Action::NextPane);
    assert_eq!(app.focus, 1);
}

#[test]
fn sorting_by_due_date_puts_the_earliest_first_and_undated_last() {
    let mut app = app(120, 40);
    while app.sort != SortKey::Due {
        app.update(Action::CycleSort);
    }
    let feed = app.feed.as_ref().unwrap();
    let dues: Vec<_> = app.panes[0]
        .rows
        .iter()
        .map(|&i| feed.recommendations[i].due)
        .collect();
    let dated: Vec<_> = dues.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    assert!(dues.iter().skip_while(|d| d.is_some()).all(Option::is_none));
}

#[test]
fn a_saved_view_sets_filters_and_sort_and_a_manual_change_leaves_it() {
    let views = views::resolve_all(&crate::config::Config::default().views).unwrap();
    let mut app = app(120, 40);
    app.settings.views = views;
    app.update(Action::Views);
    app.update(Action::Type('3'));
    assert_eq!(app.view_name.as_deref(), Some("overdue-data"));
    assert_eq!(app.sort, SortKey::Due);
    assert_eq!(app.shown_and_total().0, 3);
    app.update(Action::ToggleOverdue);
    assert_eq!(app.view_name, None);
    app.update(Action::Views);
    app.update(Action::Type('0'));
    assert!(app.filter.is_empty());
}

#[test]
fn a_status_change_between_loads_is_marked_and_can_be_filtered() {
    let mut app = app(120, 40);
    let mut next = sample();
    next.recommendations[0].status = crate::model::Status::PartiallyImplemented;
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(next),
        at: now(),
    }));
    let change = app
        .changes
        .get(&RecId("LP-01".into()))
        .expect("LP-01 changed");
    assert_eq!(change.direction(), changes::Direction::Backward);
    app.update(Action::ToggleChanged);
    assert_eq!(app.shown_and_total().0, 1);
    // The mark lasts as long as the window, then goes.
    app.update(Action::Tick(now() + chrono::Duration::hours(25)));
    assert_eq!(app.shown_and_total().0, 0);
}

#[test]
fn the_header_totals_follow_the_feed_and_the_day() {
    let mut app = app(120, 40);
    let count = |app: &App, day: NaiveDate| {
        let feed = app.feed.as_ref().expect("a feed");
        feed.recommendations
            .iter()
            .filter(|r| r.is_overdue(day))
            .count()
    };
    let totals = app.totals.clone().expect("totals with the feed");
    assert_eq!(totals.counts.total(), 36);
    assert_eq!(totals.overdue, count(&app, app.today()));

    // Years later every dated, unsettled record is overdue: the count follows the date.
    let later = now() + Duration::days(3_650);
    app.update(Action::Tick(later));
    let totals = app.totals.clone().expect("totals");
    assert_eq!(totals.day, later.date_naive());
    assert_eq!(totals.overdue, count(&app, later.date_naive()));
    assert!(totals.overdue > count(&app, now().date_naive()));

    // A new feed is counted again: here, everything implemented.
    let mut feed = sample();
    for rec in &mut feed.recommendations {
        rec.status = crate::model::Status::Implemented;
    }
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(feed),
        at: later,
    }));
    let totals = app.totals.clone().expect("totals");
    assert_eq!(totals.overdue, 0);
    assert_eq!(totals.counts.get(&crate::model::Status::Implemented), 36);
}

#[test]
fn typing_asks_once_for_the_words_and_searches_the_same_before_and_after_they_come() {
    let mut app = app(120, 40);
    app.update(Action::Search);
    let Effect::IndexWords(job) = app.update(Action::Type('d')) else {
        panic!("the first letter asks for the words to be indexed");
    };
    // Until the words come, the texts are read.
    assert_eq!(app.update(Action::Type('a')), Effect::Redraw);
    let before = app.search.hits.clone();
    assert!(app.search.index.as_ref().is_some_and(|i| !i.has_words()));

    assert_eq!(
        app.update(Action::WordsIndexed(Box::new(job.clone().run()))),
        Effect::None
    );
    assert!(app.search.index.as_ref().is_some_and(|i| i.has_words()));
    app.update(Action::Erase);
    app.update(Action::Type('a'));
    assert_eq!(app.search.hits, before);
    assert_eq!(app.update(Action::Type('t')), Effect::Redraw, "asked once");

    // Words indexed for a feed that has since been replaced are not used.
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(sample()),
        at: now(),
    }));
    app.update(Action::Back);
    app.update(Action::Search);
    assert!(matches!(
        app.update(Action::Type('d')),
        Effect::IndexWords(_)
    ));
    app.update(Action::WordsIndexed(Box::new(job.run())));
    assert!(app.search.index.as_ref().is_some_and(|i| !i.has_words()));
}
