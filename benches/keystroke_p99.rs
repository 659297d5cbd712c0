//! The tail of search keystrokes at 100,000 recommendations: criterion reports typical times, but
//! "instant" is about the slowest keys. Types the generator's words letter by letter, then erases
//! them, timing each key as update + one 120x40 frame, and prints p50, p90, p99 and max.
//!
//! ```text
//! cargo bench --bench keystroke_p99
//! ```
//!
//! Target: p99 at most 16 ms, narrowing and fresh alike.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::time::Duration;

use rapporteur::app::{Action, App};
use rapporteur::ui::theme::ColourTheme;

mod support;

use support::{Percentiles, generator::WORDS, time};

/// Timings wanted of each kind of keystroke.
const SAMPLES: usize = 1_000;
/// Two-word phrases typed.
const PHRASES: usize = 100;

fn main() {
    // `cargo bench` passes flags such as `--bench` to every bench; none of them apply here.
    let (feed, generated) = time(|| support::feed(support::COUNT));
    let (mut app, loaded) = support::app_loading(feed);
    let job = support::search_job(loaded).expect("a load asks for its search index");
    let theme = ColourTheme::dark();
    let mut terminal = support::terminal();
    support::draw(&mut terminal, &app, &theme);
    println!(
        "keystroke_p99: {} recommendations at {}x{} (feed built in {})",
        support::COUNT,
        support::WIDTH,
        support::HEIGHT,
        support::ms(generated)
    );

    // Each key's whole time is what is judged; its update and draw parts show where it went.
    let (mut updates, mut draws) = (Vec::new(), Vec::new());
    let mut key = |app: &mut App, action: Action| {
        let (_, update) = time(|| app.update(action));
        let ((), draw) = time(|| support::draw(&mut terminal, app, &theme));
        updates.push(update);
        draws.push(draw);
        update + draw
    };

    app.update(Action::Search);
    // Until the console has indexed the new feed in the background, a search reads the first
    // records only, and the header says it is still searching.
    let first = key(&mut app, Action::Type('a'));
    key(&mut app, Action::Erase);
    let mut unindexed = Vec::new();
    for word in WORDS.iter().take(20) {
        for c in word.chars() {
            unindexed.push(key(&mut app, Action::Type(c)));
        }
        for _ in 0..word.chars().count() {
            unindexed.push(key(&mut app, Action::Erase));
        }
    }
    key(&mut app, Action::Type('a'));
    // The two background jobs, timed apart: the text index, then its words. Keystrokes typed
    // between the two read the texts.
    let (built, text_job) = time(|| job.run());
    let effect = app.update(Action::SearchIndexed(Box::new(built)));
    let rapporteur::app::Effect::IndexWords(words_job) = effect else {
        panic!("the index asks for its words, got {effect:?}");
    };
    let text_index = index_mb(&app);
    key(&mut app, Action::Erase);
    let mut no_words = Vec::new();
    for word in WORDS.iter().take(20) {
        for c in word.chars() {
            no_words.push(key(&mut app, Action::Type(c)));
        }
        for _ in 0..word.chars().count() {
            no_words.push(key(&mut app, Action::Erase));
        }
    }
    key(&mut app, Action::Type('a'));
    let (indexed, words) = time(|| words_job.run());
    app.update(Action::WordsIndexed(Box::new(indexed)));
    let with_words = index_mb(&app);
    key(&mut app, Action::Erase);

    let (mut fresh, mut narrowing, mut erase) = (Vec::new(), Vec::new(), Vec::new());
    for word in WORDS.iter().cycle() {
        if fresh.len() >= SAMPLES && narrowing.len() >= SAMPLES && erase.len() >= SAMPLES {
            break;
        }
        let mut letters = word.chars();
        let Some(first_letter) = letters.next() else {
            continue;
        };
        // A first letter searches every record; each later one only the previous matches.
        fresh.push(key(&mut app, Action::Type(first_letter)));
        let mut typed = 1;
        if narrowing.len() < SAMPLES || erase.len() < SAMPLES {
            for c in letters {
                narrowing.push(key(&mut app, Action::Type(c)));
                typed += 1;
            }
        }
        // Backspace widens the query, so it searches every record again.
        for _ in 1..typed {
            erase.push(key(&mut app, Action::Erase));
        }
        key(&mut app, Action::Erase);
    }

    // Two words with a space between: past the space the words alone cannot answer, and the
    // texts of the records holding both words are read.
    let mut phrase = Vec::new();
    for pair in WORDS.windows(2).take(PHRASES) {
        key(&mut app, Action::Back);
        key(&mut app, Action::Search);
        for c in pair[0].chars() {
            key(&mut app, Action::Type(c));
        }
        for c in format!(" {}", pair[1]).chars() {
            phrase.push(key(&mut app, Action::Type(c)));
        }
    }

    let all: Vec<Duration> = fresh
        .iter()
        .chain(&narrowing)
        .chain(&erase)
        .copied()
        .collect();
    println!(
        "{:<44} {}",
        "first letter after load (before the index)",
        support::ms(first)
    );
    println!(
        "{:<44} {}",
        "text index (built in the background)",
        support::ms(text_job)
    );
    println!(
        "{:<44} {}",
        "word index (built in the background)",
        support::ms(words)
    );
    println!(
        "{:<44} {text_index:.0} MB of texts, {:.0} MB of words",
        "search index size",
        with_words - text_index
    );
    for (what, samples) in [
        ("keystroke before the feed is indexed", unindexed),
        ("keystroke before the words are indexed", no_words),
        ("narrowing keystroke (query grows)", narrowing),
        ("fresh one-letter search", fresh),
        ("backspace (query shrinks, searches all)", erase),
        ("phrase keystroke (from the space on)", phrase),
        ("every keystroke but phrases", all),
        ("  of which App::update (search, rows)", updates),
        ("  of which the frame", draws),
    ] {
        println!("{}", Percentiles::of(samples).line(what));
    }
}

/// The size of the app's search index, in MB.
fn index_mb(app: &App) -> f64 {
    let bytes = app.search.index.as_ref().map_or(0, |i| i.heap_bytes());
    bytes as f64 / 1e6
}
