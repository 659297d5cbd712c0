//! The wall screen tells the truth: a legend of every mark, bars whose words and fill agree,
//! local time with its zone, and an assessment's own age.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use chrono::Duration;

use common::kiosk::{kiosk, kiosk_settings, kiosk_with};
use common::{sample, screen};

#[test]
fn the_overview_legend_and_room_at_80x24_and_200x60() {
    let small = screen(&kiosk(80, 24));
    for mark in [
        "● implemented",
        "! overdue",
        "▲ moved forward",
        "◇ first assessed",
    ] {
        assert!(small.contains(mark), "{mark} missing at 80x24:\n{small}");
    }
    assert!(small.contains("Progress: each implemented"), "{small}");
    insta::assert_snapshot!("kiosk_overview_80x24", small);

    let wall = screen(&kiosk(200, 60));
    assert!(wall.contains("▼ moved backward"), "{wall}");
    insta::assert_snapshot!("kiosk_overview_200x60", wall);
    // A tall screen uses its room: taller bars than at 80x24.
    let bar_rows = |text: &str| text.lines().filter(|l| l.contains('░')).count();
    assert!(bar_rows(&wall) > bar_rows(&small), "{wall}");
}

#[test]
fn each_bar_says_what_fills_it_and_the_fill_agrees() {
    let text = screen(&kiosk(120, 40));
    // The sample's Law and Policy Makers: 2 implemented, 3 partial, none n/a, of 11:
    // (2 + 1.5) / 11 = 32%.
    let line = text
        .lines()
        .find(|l| l.contains("Law and Policy Makers"))
        .unwrap();
    assert!(
        line.contains("2 implemented, 3 partial of 11 · 32%"),
        "{line}"
    );
    let filled = line.chars().filter(|&c| c == '█').count();
    let empty = line.chars().filter(|&c| c == '░').count();
    let share = filled as f64 / (filled + empty) as f64;
    assert!(
        (share - 3.5 / 11.0).abs() < 0.05,
        "{filled} of {}",
        filled + empty
    );
}

#[test]
fn the_wall_clock_and_times_are_local_with_the_zone() {
    let tokyo = rapporteur::text::Calendar::new(
        rapporteur::text::Calendar::zone_named("Asia/Tokyo").unwrap(),
        "%-d %b %Y",
    )
    .unwrap();
    let mut app = kiosk(120, 40);
    app.settings.calendar = tokyo;
    let text = screen(&app);
    // 12:00 UTC is 21:00 in Tokyo.
    assert!(text.contains("21:00 JST"), "{text}");
    assert!(!text.contains("UTC"), "{text}");
    insta::assert_snapshot!("kiosk_overview_tokyo", text);
}

#[test]
fn an_assessment_from_long_ago_never_reads_as_fresh() {
    let mut old = sample();
    old.generated_at -= Duration::days(400);
    let text = screen(&kiosk_with(old, kiosk_settings(), 120, 40));
    assert!(
        text.contains("assessment from 24 Oct 2025, 13 months old"),
        "{text}"
    );
    let mut future = sample();
    future.generated_at += Duration::days(30);
    let text = screen(&kiosk_with(future, kiosk_settings(), 120, 40));
    assert!(text.contains("assessment dated in the future"), "{text}");
}
