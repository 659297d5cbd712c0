//! Kiosk mode: every screen of the rotation, confidentiality, ignored input, weeks of running.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use chrono::Duration;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use common::kiosk::{kiosk, kiosk_settings, kiosk_with};
use common::{now, sample, screen};
use rapporteur::app::{Action, App, Effect, KioskSettings, KioskStep};
use rapporteur::model::{Feed, Status, Visibility};
use rapporteur::model::{FeedMessage, LoadError, Place};

/// Moves the clock on by one rotation step.
fn next_step(app: &mut App, step: i64) {
    app.update(Action::Tick(now() + Duration::seconds(15 * step)));
}

#[test]
fn the_rotation_goes_through_overview_each_audience_and_changes() {
    let mut app = kiosk(120, 40);
    let mut seen = vec![app.kiosk_step()];
    for step in 1..=7 {
        next_step(&mut app, step);
        seen.push(app.kiosk_step());
    }
    let expected: Vec<Option<KioskStep>> = [
        KioskStep::Overview,
        KioskStep::Audience(0),
        KioskStep::Audience(1),
        KioskStep::Audience(2),
        KioskStep::Audience(3),
        KioskStep::Audience(4),
        KioskStep::Changed,
        KioskStep::Overview,
    ]
    .into_iter()
    .map(Some)
    .collect();
    assert_eq!(seen, expected);
}

#[test]
fn snapshots_of_every_kiosk_screen() {
    let mut app = kiosk(120, 40);
    let names = [
        "overview",
        "law-policy",
        "civil-society",
        "international-organisations",
        "donors-funders",
        "media-research",
        "changed",
    ];
    for (step, name) in names.iter().enumerate() {
        if step > 0 {
            next_step(&mut app, step as i64);
        }
        // The clock is part of the screen: hold it still within the step.
        insta::assert_snapshot!(format!("kiosk_{name}"), screen(&app));
    }
}

#[test]
fn a_stale_feed_gets_a_banner_and_the_clock_and_rotation_go_on() {
    let mut app = kiosk(120, 40);
    let error = LoadError::one(
        "https://example.org/date.json",
        Place::Whole,
        "the server refused the connection",
    )
    .with_kind(rapporteur::model::error::FailureKind::Unreachable);
    app.update(Action::Feed(FeedMessage::Failed {
        error,
        at: now(),
        retry_at: None,
    }));
    next_step(&mut app, 1);
    assert!(app.is_stale());
    let text = screen(&app);
    assert!(text.contains("STALE"), "{text}");
    assert!(text.contains("Law and Policy Makers"));
    insta::assert_snapshot!("kiosk_stale", text);
    // Half an hour later the banner says so, and the clock has moved.
    app.update(Action::Tick(now() + Duration::minutes(30)));
    let later = screen(&app);
    assert!(
        later.contains("STALE: server unreachable since 12:00 (the server refused"),
        "{later}"
    );
    assert!(
        later.contains("last good data 11:59, 30 min ago"),
        "{later}"
    );
    assert!(later.contains("12:30 UTC"), "{later}");
}

#[test]
fn the_wall_screen_marks_signed_data_and_says_when_it_tries_again() {
    let unsigned = screen(&kiosk(120, 40));
    assert!(!unsigned.contains("signed"), "{unsigned}");
    let signed = Feed {
        signed_at: Some(now() - Duration::hours(1)),
        ..sample()
    };
    let mut app = kiosk_with(signed, kiosk_settings(), 120, 40);
    assert!(screen(&app).contains("✔ signed"));
    app.update(Action::Feed(FeedMessage::Failed {
        error: LoadError::one("https://example.org/date.json", Place::Whole, "HTTP 503"),
        at: now(),
        retry_at: Some(now() + Duration::seconds(40)),
    }));
    let text = screen(&app);
    assert!(text.contains("last good data"), "{text}");
    assert!(text.contains("next try in 40 s"), "{text}");
    // The data on screen is still the verified data.
    assert!(text.contains("✔ signed"), "{text}");
}

#[test]
fn data_older_than_twice_the_interval_is_stale_without_any_error() {
    let mut app = kiosk(120, 40);
    app.update(Action::Tick(now() + Duration::seconds(100)));
    assert!(!screen(&app).contains("STALE"));
    app.update(Action::Tick(now() + Duration::seconds(200)));
    assert!(screen(&app).contains("STALE"));
}

/// Every text of the feed that a wall screen must never show.
fn internal_texts(feed: &Feed) -> Vec<String> {
    let mut texts = Vec::new();
    for rec in &feed.recommendations {
        if rec.visibility == Visibility::Internal {
            texts.push(rec.title.clone());
        }
        for note in rec
            .notes
            .iter()
            .filter(|n| n.visibility == Visibility::Internal)
        {
            texts.push(note.text.clone());
        }
        for evidence in rec
            .evidence
            .iter()
            .filter(|e| e.visibility == Visibility::Internal)
        {
            texts.push(evidence.title.clone());
        }
    }
    texts
}

/// The screen with line breaks removed, so a text cut across two rows is still found.
fn flat(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

#[test]
fn nothing_internal_is_ever_drawn() {
    let mut feed = sample();
    // An internal record, with a title to look for.
    let mut secret = feed.recommendations[0].clone();
    secret.id = rapporteur::model::RecId("LP-99".into());
    secret.title = "Confidential draft about a named shelter".into();
    secret.visibility = Visibility::Internal;
    secret.status = Status::Implemented;
    feed.recommendations.push(secret);
    let internal = internal_texts(&feed);
    assert!(
        internal.len() >= 5,
        "the sample has internal notes and evidence"
    );
    let hidden_owners = KioskSettings {
        hidden_fields: vec!["owners".into()],
        ..kiosk_settings()
    };
    for (width, height) in [(120, 40), (200, 60), (80, 24)] {
        let mut app = kiosk_with(feed.clone(), hidden_owners.clone(), width, height);
        for step in 0..=8 {
            next_step(&mut app, step);
            let text = screen(&app);
            let flat = flat(&text);
            for secret in &internal {
                // Long texts may be cut on screen; their first words are enough to leak.
                let start: String = secret.chars().take(24).collect();
                assert!(
                    !flat.contains(&start),
                    "step {step} at {width}x{height} shows {secret:?}:\n{text}"
                );
            }
            assert!(
                !flat.contains("LP-99"),
                "the internal record is listed:\n{text}"
            );
            assert!(
                !flat.contains("Ministry of Justice"),
                "owners are hidden:\n{text}"
            );
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

#[test]
fn every_key_and_mouse_event_changes_nothing() {
    let mut app = kiosk(120, 40);
    let before = screen(&app);
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let mut events = vec![
        key(KeyCode::Char('q'), none),
        key(KeyCode::Esc, none),
        key(KeyCode::Char('c'), ctrl),
        key(KeyCode::Char('z'), ctrl),
        key(KeyCode::Char('\\'), ctrl),
        key(KeyCode::Enter, none),
        key(KeyCode::Char('/'), none),
        key(KeyCode::Char('f'), none),
        key(KeyCode::Char('v'), none),
        key(KeyCode::Char('?'), none),
        key(KeyCode::Tab, none),
        key(KeyCode::F(1), none),
    ];
    for kind in [
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Moved,
    ] {
        events.push(Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 10,
            modifiers: none,
        }));
    }
    for name in app
        .settings
        .keymap
        .all_keys()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        if let Some(c) = name.chars().next().filter(|_| name.chars().count() == 1) {
            events.push(key(KeyCode::Char(c), none));
        }
    }
    for event in events {
        let action = app
            .action_for_event(&event)
            .expect("every input becomes kiosk input");
        assert!(
            matches!(action, Action::KioskInput(_)),
            "{event:?} gave {action:?}"
        );
        assert_ne!(
            app.update(action),
            Effect::Quit,
            "{event:?} ended the kiosk"
        );
    }
    assert!(app.overlay.is_none());
    assert!(app.filter.is_empty());
    assert_eq!(app.kiosk_step(), Some(KioskStep::Overview));
    let after = screen(&app);
    assert!(after.contains("read-only display"));
    // Only the notice line differs.
    let differing = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert!(differing <= 1, "{after}");
}

#[test]
fn a_signal_ends_the_kiosk_though_a_key_does_not() {
    let mut app = kiosk(120, 40);
    assert_ne!(app.update(Action::Quit), Effect::Quit);
    assert_eq!(app.update(Action::Terminate), Effect::Quit);
}

#[test]
fn the_unlock_sequence_ends_the_kiosk() {
    let settings = KioskSettings {
        unlock: vec!["Ctrl-x".into(), "u".into()],
        ..kiosk_settings()
    };
    let mut app = kiosk_with(sample(), settings, 120, 40);
    let ctrl_x = key(KeyCode::Char('x'), KeyModifiers::CONTROL);
    let u = key(KeyCode::Char('u'), KeyModifiers::NONE);
    for event in [&u, &ctrl_x, &ctrl_x] {
        let action = app.action_for_event(event).unwrap();
        assert_ne!(app.update(action), Effect::Quit);
    }
    let action = app.action_for_event(&u).unwrap();
    assert_eq!(app.update(action), Effect::Quit);
}

#[test]
fn any_size_from_1x1_draws_without_panic() {
    let mut app = kiosk(120, 40);
    for (step, (width, height)) in [
        (1, 1),
        (2, 2),
        (19, 4),
        (20, 5),
        (40, 10),
        (80, 24),
        (250, 80),
        (120, 40),
    ]
    .into_iter()
    .enumerate()
    {
        app.update(Action::Resize { width, height });
        next_step(&mut app, step as i64);
        let _ = screen(&app);
    }
}

#[test]
fn the_layout_moves_against_burn_in() {
    let mut app = kiosk_with(
        sample(),
        rapporteur::startup::default_kiosk_settings().unwrap(),
        120,
        40,
    );
    let first = screen(&app);
    app.update(Action::Tick(now() + Duration::minutes(3)));
    let moved = screen(&app);
    assert_ne!(first, moved);
    let title_column = |text: &str| text.lines().next().and_then(|l| l.find("SAMPLE"));
    assert_eq!(title_column(&moved), title_column(&first).map(|c| c + 1));
}

/// Three weeks of a wall screen, in paused time: a source polling every minute whose statuses
/// keep changing and which fails now and then, the clock ticking at each rotation step. Nothing
/// may grow without bound.
#[tokio::test(start_paused = true)]
async fn three_weeks_of_rotation_and_polling_stay_bounded() {
    use tokio::sync::mpsc;
    use tokio::time::{Duration as StdDuration, Instant, interval};

    let (tx, mut rx) = mpsc::channel(4);
    let base = sample();
    tokio::spawn(async move {
        let mut poll = interval(StdDuration::from_secs(60));
        let mut n: usize = 0;
        loop {
            poll.tick().await;
            n += 1;
            let message = if n.is_multiple_of(7) {
                let error = LoadError::one("in-process", Place::Whole, "HTTP 500");
                FeedMessage::Failed {
                    error,
                    at: chrono::Utc::now(),
                    retry_at: None,
                }
            } else {
                let mut feed = base.clone();
                // Rotate one record's status at each poll, so changes keep coming.
                let i = n % feed.recommendations.len();
                feed.recommendations[i].status = Status::KNOWN[n % Status::KNOWN.len()].clone();
                FeedMessage::Loaded {
                    feed: Box::new(feed),
                    at: chrono::Utc::now(),
                }
            };
            if tx.send(message).await.is_err() {
                return;
            }
        }
    });

    let mut app = kiosk(120, 40);
    let start = Instant::now();
    let weeks3 = StdDuration::from_secs(21 * 24 * 3600);
    let mut clock = interval(StdDuration::from_secs(15));
    let mut ticks: u64 = 0;
    let mut loads: u64 = 0;
    let mut max_changes = 0;
    let mut steps_seen = std::collections::HashSet::new();
    while start.elapsed() < weeks3 {
        tokio::select! {
            Some(message) = rx.recv() => {
                loads += 1;
                app.update(Action::Feed(message));
            }
            _ = clock.tick() => {
                ticks += 1;
                let virtual_now = now() + Duration::from_std(start.elapsed()).unwrap();
                app.update(Action::Tick(virtual_now));
                max_changes = max_changes.max(app.changes.len());
                if let Some(step) = app.kiosk_step() {
                    steps_seen.insert(format!("{step:?}"));
                }
            }
        }
    }
    assert!(ticks >= 21 * 24 * 240 - 1, "{ticks} ticks");
    assert!(loads >= 21 * 24 * 60 - 1, "{loads} loads");
    assert_eq!(steps_seen.len(), 7, "every step came up");
    assert!(
        max_changes <= 36,
        "at most one change per recommendation, got {max_changes}"
    );
    assert!(app.notice.is_none());
    assert_eq!(app.panes.len(), 5);
    let text = screen(&app);
    assert!(text.contains("updated"));
}

/// Whether `id` shows on the wall's overview or recent-changes screen, over a whole rotation.
fn shown_as_changed(feed: Feed, id: &str) -> bool {
    let mut app = kiosk_with(feed, kiosk_settings(), 120, 40);
    let mut shown = false;
    for step in 0..=8 {
        next_step(&mut app, step);
        if matches!(
            app.kiosk_step(),
            Some(KioskStep::Overview | KioskStep::Changed)
        ) {
            shown |= flat(&screen(&app)).contains(id);
        }
    }
    shown
}

#[test]
fn an_internal_history_entry_never_shows_as_a_change_on_the_wall() {
    use rapporteur::model::HistoryEntry;
    let mut feed = sample();
    let rec = feed
        .recommendations
        .iter_mut()
        .find(|r| r.id.0 == "LP-05")
        .expect("LP-05 is in the sample");
    let day = |days_ago: i64| (now() - Duration::days(days_ago)).date_naive();
    rec.status = Status::Implemented;
    rec.history = vec![
        HistoryEntry {
            date: day(400),
            status: Status::NoAction,
            note: None,
            author: None,
            visibility: Visibility::Public,
        },
        HistoryEntry {
            date: day(1),
            status: Status::Implemented,
            note: Some("Agreed in a closed meeting.".into()),
            author: Some("Ana Silva".into()),
            visibility: Visibility::Internal,
        },
    ];
    let mut public = feed.clone();
    public.recommendations.iter_mut().for_each(|r| {
        if r.id.0 == "LP-05" {
            r.history[1].visibility = Visibility::Public;
        }
    });
    assert!(
        shown_as_changed(public, "LP-05"),
        "a public entry shows as a recent change"
    );
    assert!(
        !shown_as_changed(feed, "LP-05"),
        "an internal entry does not"
    );
}
