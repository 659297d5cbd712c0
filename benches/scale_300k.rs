//! Three times the target scale: a 300,000-record feed is generated, parsed, loaded into the app
//! and browsed, each step timed once (navigation and frames many times, for a median and a max).
//!
//! ```text
//! cargo bench --bench scale_300k
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::time::Duration;

use rapporteur::app::Action;
use rapporteur::feed::parse;
use rapporteur::ui::theme::ColourTheme;

mod support;

use support::{Percentiles, ms, time};

const COUNT: usize = 300_000;
/// Repeats of each navigation step.
const REPEATS: usize = 50;

fn main() {
    // `cargo bench` passes flags such as `--bench` to every bench; none of them apply here.
    let (bytes, generated) = time(|| support::feed_bytes(COUNT));
    let (feed, parsed) = time(|| parse(&bytes, "synthetic").expect("the synthetic feed is valid"));
    let size_mb = bytes.len() as f64 / 1e6;
    drop(bytes);
    let (mut app, loaded) = time(|| support::app_loading(feed).0);
    let theme = ColourTheme::dark();
    let mut terminal = support::terminal();
    let ((), first_frame) = time(|| support::draw(&mut terminal, &app, &theme));

    println!("scale_300k: {COUNT} recommendations, {size_mb:.0} MB of JSON");
    println!("{:<44} {}", "generate the feed", ms(generated));
    println!("{:<44} {}", "parse + validate", ms(parsed));
    println!(
        "{:<44} {}",
        "load into the app (sort, filter, panes)",
        ms(loaded)
    );
    println!("{:<44} {}", "first frame", ms(first_frame));

    let mut step = |action: Action| -> Duration {
        time(|| {
            app.update(action.clone());
            support::draw(&mut terminal, &app, &theme);
        })
        .1
    };
    let (mut page_down, mut bottom, mut top) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..REPEATS {
        page_down.push(step(Action::PageDown));
        bottom.push(step(Action::Bottom));
        top.push(step(Action::Top));
    }
    println!("{}", Percentiles::of(page_down).line("PageDown + frame"));
    println!("{}", Percentiles::of(bottom).line("Bottom + frame"));
    println!("{}", Percentiles::of(top).line("Top + frame"));
    let frames = (0..REPEATS)
        .map(|_| time(|| support::draw(&mut terminal, &app, &theme)).1)
        .collect();
    println!("{}", Percentiles::of(frames).line("frame alone"));
}
