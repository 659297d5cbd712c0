//! Snapshots of the changes screen (`C`) and the progress screen (`p`) at 80x24, 120x40 and a
//! wall size, 200x60, with a baseline of known differences.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use chrono::NaiveDate;
use common::{app_with, screen};
use rapporteur::app::baseline::Baseline;
use rapporteur::app::time_screens::PROGRESS_MONTHS;
use rapporteur::app::{Action, App, Effect, View};
use rapporteur::feed::parse;
use rapporteur::model::Feed;
use rapporteur::model::progress_series::progress_series;

fn fixture(name: &str) -> Feed {
    let bytes = std::fs::read(format!("tests/fixtures/{name}")).unwrap();
    parse(&bytes, name).unwrap()
}

/// The app on the later fixture, compared with the earlier one as the "2025 report".
fn app(width: u16, height: u16) -> App {
    let mut app = app_with(fixture("diff-new.json"), width, height);
    let effect = app.update(Action::Baseline(Box::new(Baseline {
        label: "2025 report".into(),
        date: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        feed: fixture("diff-old.json"),
    })));
    marked(&mut app, effect);
    app
}

/// What the console does with a baseline's effect: compares the feed on screen with it in the
/// background and sends the marks back.
fn marked(app: &mut App, effect: Effect) {
    let effects = match effect {
        Effect::Batch(list) => list,
        effect => vec![effect],
    };
    let job = effects.into_iter().find_map(|effect| match effect {
        Effect::MarkBaseline(job) => Some(job),
        _ => None,
    });
    let job = job.expect("a baseline asks for the feed on screen to be compared with it");
    app.update(Action::BaselineMarked(Box::new(job.run())));
}

/// `C`, and what the console does with its effect: lists the changes in the background and sends
/// the list back.
fn show_changes(app: &mut App) {
    let effect = app.update(Action::ShowChanges);
    let effects = match effect {
        Effect::Batch(list) => list,
        effect => vec![effect],
    };
    let job = effects.into_iter().find_map(|effect| match effect {
        Effect::CompareChanges(job) => Some(job),
        _ => None,
    });
    let job = job.expect("C asks for its list to be worked out in the background");
    assert!(app.comparing(), "until the list lands");
    app.update(Action::ChangesCompared(Box::new(job.run())));
    assert!(!app.comparing());
}

fn progress_app(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    let Effect::Progress(job) = app.update(Action::ShowProgress) else {
        panic!("p asks for the series to be computed in the background");
    };
    assert_eq!(app.view, View::Progress);
    // What the console's blocking task does.
    app.update(Action::ProgressComputed(Box::new(job.run())));
    app
}

#[test]
fn changes_at_120x40() {
    let mut app = app(120, 40);
    show_changes(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn changes_without_a_baseline_say_why_and_what_to_do_at_80x24() {
    // A first run: no earlier snapshot, nothing seen changing yet.
    let mut app = app_with(fixture("diff-new.json"), 80, 24);
    show_changes(&mut app);
    let text = screen(&app);
    assert!(text.contains("No earlier version"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn changes_say_they_are_comparing_until_their_list_lands_and_keys_never_wait() {
    let mut app = app(80, 24);
    let effect = app.update(Action::ShowChanges);
    let text = screen(&app);
    assert!(text.contains("comparing…"), "{text}");
    assert!(text.contains("Comparing…"), "{text}");
    assert!(!text.contains("Nothing has changed"), "{text}");
    // A key meanwhile is answered at once and asks for nothing more.
    assert_eq!(app.update(Action::Down), Effect::Redraw);
    let Effect::CompareChanges(job) = effect else {
        panic!("C asks for its list alone: {effect:?}");
    };
    app.update(Action::ChangesCompared(Box::new(job.run())));
    let text = screen(&app);
    assert!(!text.contains("omparing"), "{text}");
    assert!(text.contains("Changes since 2025 report · "), "{text}");
}

#[test]
fn changes_at_80x24_scrolled() {
    let mut app = app(80, 24);
    show_changes(&mut app);
    for _ in 0..14 {
        app.update(Action::Down);
    }
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn changes_at_200x60() {
    let mut app = app(200, 60);
    show_changes(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn enter_on_a_change_opens_its_detail_and_the_header_names_the_baseline() {
    let mut app = app(120, 40);
    assert!(screen(&app).contains("since 2025 report"));
    show_changes(&mut app);
    let first = app.change_items()[0].id.clone();
    app.update(Action::Open);
    assert!(matches!(&app.view, View::Detail { id, .. } if *id == first));
    // Every group of the diff that is not a status move is on the screen too.
    let groups: Vec<_> = app.change_items().iter().map(|c| c.group).collect();
    use rapporteur::model::diff::Group;
    for group in [
        Group::MovedForward,
        Group::MovedBackward,
        Group::DueMoved,
        Group::Removed,
    ] {
        assert!(groups.contains(&group), "{group:?} in {groups:?}");
    }
}

#[test]
fn progress_at_120x40() {
    insta::assert_snapshot!(screen(&progress_app(120, 40)));
}

#[test]
fn progress_at_80x24() {
    insta::assert_snapshot!(screen(&progress_app(80, 24)));
}

#[test]
fn progress_at_200x60() {
    insta::assert_snapshot!(screen(&progress_app(200, 60)));
}

#[test]
fn the_progress_job_computes_the_model_series() {
    let app = progress_app(120, 40);
    let feed = fixture("diff-new.json");
    let expected = progress_series(&feed, app.today(), PROGRESS_MONTHS, true);
    assert_eq!(app.progress.as_ref(), Some(&expected));
}

/// The app after the background work a load asks for (the progress series) has come back.
fn with_series(mut app: App, feed: Feed) -> App {
    let effect = app.update(Action::Feed(rapporteur::model::FeedMessage::Loaded {
        feed: Box::new(feed),
        at: common::now(),
    }));
    // A load asks for more than the series (its search index too): find the series' job.
    let job = match effect {
        Effect::Progress(job) => Some(job),
        Effect::Batch(list) => list.into_iter().find_map(|effect| match effect {
            Effect::Progress(job) => Some(job),
            _ => None,
        }),
        _ => None,
    };
    let job = job.expect("a load asks for the progress series");
    app.update(Action::ProgressComputed(Box::new(job.run())));
    app
}

#[test]
fn sparklines_beside_the_pane_titles_at_120x40() {
    let app = with_series(app(120, 40), fixture("diff-new.json"));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn sparklines_on_the_kiosk_overview_at_200x60() {
    let settings = rapporteur::app::Settings {
        kiosk: Some(rapporteur::app::KioskSettings {
            burn_in: None,
            ..rapporteur::startup::default_kiosk_settings().unwrap()
        }),
        ..rapporteur::startup::default_settings().unwrap()
    };
    let kiosk = App::with_settings(
        "https://example.org/date.json",
        common::now(),
        ratatui::layout::Rect::new(0, 0, 200, 60),
        settings,
    );
    let app = with_series(kiosk, fixture("diff-new.json"));
    let text = screen(&app);
    // The wall screen counts public records only: LP-06 is internal in this feed.
    let series = app.progress.as_ref().unwrap();
    let all = progress_series(
        &fixture("diff-new.json"),
        app.today(),
        PROGRESS_MONTHS,
        true,
    );
    assert_ne!(
        series, &all,
        "the wall screen's series leaves internal records out"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn b_picks_a_baseline_from_the_archive_and_later_defaults_do_not_replace_it() {
    use rapporteur::app::baseline::SnapshotChoice;
    let mut app = app(80, 24);
    let choices = vec![
        SnapshotChoice {
            id: 7,
            label: "2026-11-28 09:00   30%".into(),
        },
        SnapshotChoice {
            id: 3,
            label: "2025-12-31 17:00   35%  \"2025 report\"".into(),
        },
    ];
    app.update(Action::SnapshotChoices(choices));
    app.update(Action::ShowBaselines);
    app.update(Action::Down);
    insta::assert_snapshot!(screen(&app));
    assert_eq!(app.update(Action::Open), Effect::LoadBaseline(3));
    let picked = Baseline {
        label: "2025 report".into(),
        date: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        feed: fixture("diff-old.json"),
    };
    let effect = app.update(Action::BaselineChosen(Box::new(picked)));
    marked(&mut app, effect);
    assert_eq!(app.view, View::Main);
    let other = Baseline {
        label: "28 Nov 2026".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        feed: fixture("diff-new.json"),
    };
    app.update(Action::Baseline(Box::new(other)));
    assert_eq!(app.baseline.as_ref().unwrap().label, "2025 report");
}
