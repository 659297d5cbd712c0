//! Search, filters, sort, saved views, change marks and the header totals.

use super::*;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

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
    let views = crate::startup::default_settings().unwrap().views;
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
    assert_eq!(change.direction(), crate::model::Direction::Backward);
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
fn a_kept_search_moves_the_focus_to_the_first_pane_with_a_match() {
    let mut app = app(120, 40);
    app.update(Action::NextPane);
    app.update(Action::Down);
    app.update(Action::Search);
    // "donor" appears only in the Donors and Funders recommendations' titles and texts.
    for c in "align donor".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Open);
    let feed = app.feed.as_ref().unwrap();
    let first = (0..feed.audiences.len())
        .find(|&a| !app.panes[a].rows.is_empty())
        .expect("a match");
    assert_eq!(app.focus, first);
    assert_eq!(app.panes[first].selected, 0);
    assert!(
        selected_id(&app).starts_with("DF-"),
        "{}",
        selected_id(&app)
    );
}

#[test]
fn the_menu_offers_due_within_presets_one_at_a_time() {
    let mut app = app(120, 40);
    let total = app.shown_and_total().1;
    app.update(Action::Filters);
    let Some(Overlay::Filters { items, .. }) = app.overlay.clone() else {
        panic!("the filter menu is open");
    };
    let at = |days| {
        items
            .iter()
            .position(|i| *i == menu::MenuItem::DueWithin(days))
            .expect("due-within presets")
    };
    let (month, year) = (at(30), at(365));
    for _ in 0..year {
        app.update(Action::Down);
    }
    app.update(Action::Type(' '));
    assert_eq!(app.filter.due_within, Some(365));
    // The sample's open recommendations due from 2026-11-29 to 2027-11-29: LP-04, LP-05, LP-07,
    // CSO-04, CSO-05, IO-02, DF-04, DF-06 and MR-03.
    assert_eq!(app.shown_and_total(), (9, total));
    for _ in month..year {
        app.update(Action::Up);
    }
    app.update(Action::Type(' '));
    assert_eq!(
        app.filter.due_within,
        Some(30),
        "a second preset replaces the first"
    );
    assert_eq!(
        app.shown_and_total().0,
        0,
        "nothing open is due in the sample's next month"
    );
    app.update(Action::Type(' '));
    assert_eq!(
        app.filter.due_within, None,
        "the same preset again switches it off"
    );
    assert_eq!(app.shown_and_total().0, total);
}

#[test]
fn the_owner_prompt_narrows_as_it_is_typed_and_esc_puts_back_the_text_before() {
    let mut app = app(120, 40);
    let total = app.shown_and_total().1;
    app.update(Action::Filters);
    let Some(Overlay::Filters { items, .. }) = app.overlay.clone() else {
        panic!("the filter menu is open");
    };
    let at = items
        .iter()
        .position(|i| *i == menu::MenuItem::OwnerText)
        .expect("an owner-contains line");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Type(' '));
    assert!(matches!(app.overlay, Some(Overlay::OwnerPrompt { .. })));
    // In the prompt, letters that are keys elsewhere (q quits, j moves) are typed.
    let event = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    for c in "STATISTICSq".chars() {
        let action = app.action_for_event(&event(c)).unwrap();
        app.update(action);
    }
    assert_eq!(app.filter.owner_text, "STATISTICSq");
    assert_eq!(app.shown_and_total().0, 0);
    app.update(Action::Erase);
    let sample = sample();
    let expected = sample
        .recommendations
        .iter()
        .filter(|r| {
            r.owners
                .iter()
                .any(|o| o.to_lowercase().contains("statistics"))
        })
        .count();
    assert!(expected > 0);
    assert_eq!(app.shown_and_total().0, expected);
    app.update(Action::Open);
    assert!(
        matches!(app.overlay, Some(Overlay::Filters { cursor, .. }) if cursor == at),
        "Enter returns to the menu on the same line"
    );
    assert_eq!(app.filter.owner_text, "STATISTICS");
    assert!(app.menu_item_is_on(&menu::MenuItem::OwnerText));
    // Open it again, type, and cancel: the text before stays.
    app.update(Action::Type(' '));
    app.update(Action::Type('x'));
    assert_eq!(app.shown_and_total().0, 0);
    app.update(Action::Back);
    assert_eq!(app.filter.owner_text, "STATISTICS");
    assert_eq!(app.shown_and_total().0, expected);
    app.update(Action::ClearFilters);
    assert_eq!(app.shown_and_total().0, total);
}
