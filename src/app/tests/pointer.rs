//! Clicks, double clicks and the wheel.

use super::*;

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
