//! Snapshots of every screen, drawn into ratatui's test backend after injected actions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use common::{app, now, screen};
use rapporteur::app::{Action, App};
use rapporteur::model::{FeedMessage, LoadError, Place};
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
    app.update(Action::Feed(FeedMessage::Failed {
        error,
        at: now(),
        retry_at: None,
    }));
    let text = screen(&app);
    assert!(text.contains("STALE"));
    insta::assert_snapshot!(text);
}

#[test]
fn the_header_says_when_the_next_try_is() {
    let error = || {
        LoadError::one(
            "https://feeds.example.org/date.json",
            Place::Whole,
            "HTTP 503 Service Unavailable",
        )
    };
    let failed = |retry_at| {
        Action::Feed(FeedMessage::Failed {
            error: error(),
            at: now(),
            retry_at,
        })
    };
    let mut with_data = app(120, 40);
    with_data.update(failed(Some(now() + chrono::Duration::seconds(40))));
    let text = screen(&with_data);
    assert!(
        text.contains("STALE") && text.contains("next try in 40 s"),
        "{text}"
    );

    let mut without_data = App::with_settings(
        "https://feeds.example.org/date.json",
        now(),
        Rect::new(0, 0, 120, 24),
        rapporteur::startup::default_settings().unwrap(),
    );
    without_data.update(failed(Some(now() + chrono::Duration::seconds(1_500))));
    let text = screen(&without_data);
    assert!(text.contains("next try in 25 min"), "{text}");

    // A source that does not retry by itself says nothing of a next try.
    let mut file = app(120, 40);
    file.update(failed(None));
    assert!(!screen(&file).contains("next try"));
}

#[test]
fn connecting_before_the_first_load() {
    let app = App::with_settings(
        "https://feeds.example.org/date.json",
        now(),
        Rect::new(0, 0, 80, 24),
        rapporteur::startup::default_settings().unwrap(),
    );
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn an_error_before_any_data_says_what_to_do() {
    let mut app = App::with_settings(
        "missing.json",
        now(),
        Rect::new(0, 0, 80, 24),
        rapporteur::startup::default_settings().unwrap(),
    );
    let error = LoadError::one(
        "missing.json",
        Place::Whole,
        "cannot be read: no such file (check the path)",
    );
    app.update(Action::Feed(FeedMessage::Failed {
        error,
        at: now(),
        retry_at: None,
    }));
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

#[test]
fn filter_bar_with_a_saved_view_and_the_sort_in_pane_titles() {
    let mut app = app(120, 40);
    let views = rapporteur::startup::default_settings()
        .expect("default views")
        .views;
    let view = rapporteur::app::views::find(&views, "overdue-data")
        .unwrap()
        .clone();
    app.apply_view(&view);
    let text = screen(&app);
    assert!(
        text.contains("view overdue-data: theme: Data · overdue"),
        "{text}"
    );
    assert!(text.contains("shown 3 / 36 · sort: due"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn search_matches_are_highlighted_in_the_rows() {
    let mut app = app(120, 40);
    app.update(Action::Search);
    for c in "data".chars() {
        app.update(Action::Type(c));
    }
    let buffer = common::draw(&app);
    let text = common::text(&buffer);
    assert!(text.contains("search: data▏"), "{text}");
    // "Facilitate independent data collection": the cells of "data" carry the highlight.
    let (x, y) = find(&text, "LP-09 Facilitate independent data").expect("LP-09 listed");
    let offset = "LP-09 Facilitate independent ".chars().count() as u16;
    let theme = rapporteur::ui::theme::ColourTheme::dark();
    for i in 0..4 {
        let cell = &buffer[(x + offset + i, y)];
        assert_eq!(
            cell.bg,
            theme.highlight.bg.unwrap(),
            "cell {i} of the match"
        );
    }
    let before = &buffer[(x + offset - 2, y)];
    assert_ne!(before.bg, theme.highlight.bg.unwrap());
    insta::assert_snapshot!(text);
}

/// The column and row where `needle` starts on a text screen (columns counted in characters).
fn find(text: &str, needle: &str) -> Option<(u16, u16)> {
    text.lines().enumerate().find_map(|(y, line)| {
        let byte = line.find(needle)?;
        Some((line[..byte].chars().count() as u16, y as u16))
    })
}

#[test]
fn an_empty_result_names_the_active_filters() {
    let mut app = app(120, 40);
    app.update(Action::Search);
    for c in "nothing like this".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Open);
    app.update(Action::ToggleOverdue);
    let text = screen(&app);
    assert!(
        text.contains("no recommendation matches: overdue, /nothing like this"),
        "{text}"
    );
    assert!(text.contains("shown 0 / 36"));
    insta::assert_snapshot!(text);
}

#[test]
fn filter_menu() {
    let mut app = app(120, 40);
    app.update(Action::Filters);
    // Past overdue, the three due-within presets, changed and not assessed.
    for _ in 0..6 {
        app.update(Action::Down);
    }
    app.update(Action::Type(' '));
    let text = screen(&app);
    assert!(text.contains("[x] status: ● implemented"), "{text}");
    assert!(text.contains("[ ] due within 90 days, not done"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn saved_views_menu() {
    let views = rapporteur::startup::default_settings()
        .expect("default views")
        .views;
    let settings = rapporteur::app::Settings {
        views,
        ..rapporteur::startup::default_settings().unwrap()
    };
    let mut app = App::with_settings("built-in sample", now(), Rect::new(0, 0, 120, 40), settings);
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(common::sample()),
        at: now(),
    }));
    app.update(Action::Views);
    insta::assert_snapshot!(screen(&app));
    app.update(Action::Type('3'));
    assert_eq!(app.view_name.as_deref(), Some("overdue-data"));
}

#[test]
fn themes_colour_statuses_and_never_rely_on_colour_alone() {
    use rapporteur::ui::theme::ColourTheme;
    use ratatui::style::{Color, Modifier};
    let app = app(120, 40);
    let draw_with = |theme: &ColourTheme| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|f| rapporteur::ui::render(&app, theme, f))
            .unwrap();
        terminal.backend().buffer().clone()
    };
    let text = screen(&app);
    // LP-01 (implemented) is the selected row of the focused pane; LP-02 (partial) is below it.
    let (x1, y1) = find(&text, "● LP-01").unwrap();
    let (x2, y2) = find(&text, "◐ LP-02").unwrap();

    let colourblind = draw_with(&ColourTheme::colourblind());
    assert_eq!(colourblind[(x2, y2)].fg, Color::Rgb(0x56, 0xB4, 0xE9));
    assert_eq!(colourblind[(x1, y1)].symbol(), "●");
    assert!(
        colourblind[(x1 + 3, y1)]
            .modifier
            .contains(Modifier::REVERSED)
    );

    let dark = draw_with(&ColourTheme::dark());
    assert_eq!(dark[(x1, y1)].fg, Color::Rgb(0x00, 0x9E, 0x73));

    let mono = draw_with(&ColourTheme::mono());
    for y in 0..40 {
        for x in 0..120 {
            let cell = &mono[(x, y)];
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "colour at {x},{y}"
            );
        }
    }
    assert!(
        mono[(x1 + 3, y1)].modifier.contains(Modifier::REVERSED),
        "selection by reverse video"
    );
    assert_eq!(
        mono[(x2, y2)].symbol(),
        "◐",
        "the symbol carries the status"
    );
}

#[test]
fn every_key_hint_follows_the_key_table_in_force() {
    let mut keys = rapporteur::config::Config::defaults().unwrap().keys;
    keys.insert("back".into(), vec!["Ctrl-g".into()]);
    keys.insert("clear-filters".into(), vec!["X".into()]);
    keys.insert("search".into(), vec!["F3".into()]);
    keys.insert("down".into(), vec!["Ctrl-n".into()]);
    let mut app = app(120, 40);
    app.settings.keymap = rapporteur::app::Keymap::from_config(&keys).unwrap();
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });

    let main = screen(&app);
    assert!(main.contains("F3 search"), "{main}");
    assert!(main.contains("Ctrl-n/k move"), "{main}");

    app.update(Action::ToggleOverdue);
    let filtered = screen(&app);
    assert!(filtered.contains("X clear"), "{filtered}");
    assert!(!filtered.contains("x clear"), "{filtered}");

    app.update(Action::Filters);
    let menu = screen(&app);
    assert!(menu.contains("X clear all  Ctrl-g close"), "{menu}");
    app.update(Action::Back);

    app.update(Action::Open);
    let detail = screen(&app);
    assert!(detail.contains("Ctrl-g back  Ctrl-n/k scroll"), "{detail}");
    assert!(!detail.contains("Esc"), "{detail}");

    app.update(Action::ToggleHelp);
    let help = screen(&app);
    assert!(help.contains("Ctrl-g or ? to close"), "{help}");
}

#[test]
fn internal_records_carry_a_visible_mark_for_staff() {
    let mut feed = common::sample();
    feed.recommendations[1].visibility = rapporteur::model::Visibility::Internal;
    let app = common::app_with(feed, 120, 40);
    let text = screen(&app);
    let row = text
        .lines()
        .find(|l| l.contains("LP-02"))
        .expect("LP-02 is listed");
    assert!(row.contains("internal"), "{row}");
    let other = text.lines().find(|l| l.contains("LP-03")).unwrap();
    assert!(!other.contains("internal"), "{other}");
}

#[test]
fn main_screen_in_tokyo_time() {
    let mut app = app(120, 40);
    app.settings.calendar = rapporteur::text::Calendar::new(
        rapporteur::text::Calendar::zone_named("Asia/Tokyo").unwrap(),
        "%-d %b %Y",
    )
    .unwrap();
    let text = screen(&app);
    // The sample was generated at 09:00 UTC on 28 Nov 2026: 18:00 in Tokyo.
    assert!(text.contains("generated 28 Nov 2026 18:00 JST"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn owner_prompt_over_the_filter_menu() {
    let mut app = app(120, 40);
    app.update(Action::Filters);
    let Some(rapporteur::app::Overlay::Filters { items, .. }) = app.overlay.clone() else {
        panic!("the filter menu is open");
    };
    let at = items
        .iter()
        .position(|i| *i == rapporteur::app::menu::MenuItem::OwnerText)
        .unwrap();
    for _ in 0..at {
        app.update(Action::Down);
    }
    let menu = screen(&app);
    assert!(
        menu.contains("owner contains: (Space, then type part of a name)"),
        "{menu}"
    );
    app.update(Action::Type(' '));
    for c in "ministry".chars() {
        app.update(Action::Type(c));
    }
    let text = screen(&app);
    assert!(text.contains("Owner contains"), "{text}");
    assert!(text.contains(" ministry▏"), "{text}");
    assert!(text.contains("Enter keep  Esc cancel"), "{text}");
    assert!(text.contains("owner contains: ministry"), "{text}");
}
