//! Limits against hostile or broken feeds: deep nesting, bad UTF-8, huge values, many records, and
//! terminal escape sequences that must never reach the screen, the window title or the clipboard.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::rc::Rc;
use std::time::Instant;

use common::feed_strings::feed_strings;
use common::{app_with, draw, text};
use rapporteur::app::{Action, App};
use rapporteur::feed::parse;
use rapporteur::feed::sanitize::{caps, is_forbidden};
use rapporteur::model::{Feed, Status};
use rapporteur::model::{LoadError, Place};
use rapporteur::ui::{self, theme::ColourTheme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use serde_json::{Value, json};

const SAMPLE: &[u8] = include_bytes!("../config/sample-feed.json");

/// The stack of a blocking tokio thread, where the console parses feeds (and of a test thread).
const PARSER_STACK: usize = 2 * 1024 * 1024;

fn sample() -> Value {
    serde_json::from_slice(SAMPLE).expect("the sample is JSON")
}

fn load(feed: &Value) -> Result<Feed, LoadError> {
    parse(feed.to_string().as_bytes(), "feed.json")
}

fn load_ok(feed: &Value) -> Feed {
    load(feed).unwrap_or_else(|err| {
        panic!(
            "expected a feed, got: {}",
            err.lines().collect::<Vec<_>>().join("\n")
        )
    })
}

/// Parses on a thread with the stack the console gives the parser, so that a stack overflow
/// shows here whatever stack size the test runner uses.
fn parse_on_parser_stack(bytes: Vec<u8>) -> Result<Feed, LoadError> {
    std::thread::Builder::new()
        .stack_size(PARSER_STACK)
        .spawn(move || parse(&bytes, "deep.json"))
        .expect("a thread")
        .join()
        .expect("the parser does not panic")
}

// ---------------------------------------------------------------------------------------------
// Deep nesting.

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_objects(depth: usize) -> String {
    format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
}

#[test]
fn json_nested_10000_deep_is_an_error_not_a_stack_overflow() {
    for deep in [nested_arrays(10_000), nested_objects(10_000)] {
        let result = parse_on_parser_stack(deep.into_bytes());
        assert!(result.is_err(), "10,000 levels of nesting were accepted");
    }
}

/// Puts a value somewhere in a feed.
type Splice = fn(&mut Value, Value);

#[test]
fn json_nested_10000_deep_inside_a_field_is_an_error() {
    // serde_json skips an unknown field without a depth limit of its own, and a known field
    // reads with its limit: both must end in an error, not a stack overflow or a feed.
    let places: [(&str, Splice); 4] = [
        ("an unknown field of a record", |feed, deep| {
            feed["recommendations"][0]["extra"] = deep
        }),
        ("an unknown top-level field", |feed, deep| {
            feed["extra"] = deep
        }),
        ("the owners of a record", |feed, deep| {
            feed["recommendations"][0]["owners"] = deep
        }),
        ("the recommendations", |feed, deep| {
            feed["recommendations"] = deep
        }),
    ];
    for (nesting, marker) in [
        (nested_arrays(10_000), "[[[["),
        (nested_objects(10_000), "{\"a\":{"),
    ] {
        for (place, put) in places {
            // serde_json::Value cannot hold 10,000 levels itself: splice the text in.
            let mut feed = sample();
            put(&mut feed, json!("@@DEEP@@"));
            let bytes = feed.to_string().replace("\"@@DEEP@@\"", &nesting);
            assert!(bytes.contains(marker));
            let result = parse_on_parser_stack(bytes.into_bytes());
            assert!(
                result.is_err(),
                "10,000 levels of nesting in {place} were accepted"
            );
        }
    }
}

#[test]
fn brackets_inside_strings_are_not_nesting() {
    // A depth check that counts brackets must skip strings, escaped quotes included.
    let mut feed = sample();
    let title = format!("\\\"{}\\\\", "[{".repeat(10_000));
    feed["recommendations"][0]["title"] = json!(title);
    feed["recommendations"][0]["extra"] = json!({"note": "]]]]\"[[[["});
    let loaded = load_ok(&feed);
    let title = &loaded.recommendations[0].title;
    assert_eq!(title.chars().count(), caps::TITLE);
    assert!(
        title.starts_with("\\\"[{[{") && title.ends_with('…'),
        "{title}"
    );
}

#[test]
fn a_moderately_nested_unknown_field_still_loads() {
    // The limit is for attacks, not for publishers who add a structured field we do not know.
    let mut feed = sample();
    let nesting = nested_arrays(64);
    feed["recommendations"][0]["extra"] = json!("@@DEEP@@");
    let bytes = feed.to_string().replace("\"@@DEEP@@\"", &nesting);
    assert!(parse(bytes.as_bytes(), "feed.json").is_ok());
}

// ---------------------------------------------------------------------------------------------
// Invalid UTF-8.

#[test]
fn invalid_utf8_is_an_error_with_the_byte_offset() {
    let title_at = SAMPLE
        .windows(b"DATE recommendations".len())
        .position(|w| w == b"DATE recommendations")
        .expect("the sample's title");
    let cases: [(&str, &[u8]); 5] = [
        ("a byte that is never UTF-8", b"\xff"),
        ("a lone continuation byte", b"\x80"),
        ("an overlong encoding", b"\xc0\xaf"),
        ("an encoded surrogate", b"\xed\xa0\x80"),
        ("a sequence cut short", b"\xe6\x97"),
    ];
    for (what, bad) in cases {
        let mut bytes = SAMPLE.to_vec();
        bytes.splice(title_at..title_at, bad.iter().copied());
        let err = parse(&bytes, "feed.json").expect_err(what);
        assert_eq!(err.problems.len(), 1, "{what}");
        assert_eq!(err.problems[0].place, Place::Byte(title_at), "{what}");
        assert!(
            err.to_string().contains(&format!("byte {title_at}")),
            "{what}: {err}"
        );
    }
    // At the very end, and at the very start.
    let mut cut = SAMPLE.to_vec();
    cut.extend_from_slice(b"\xe2\x82");
    let err = parse(&cut, "feed.json").expect_err("a cut sequence at the end");
    assert_eq!(err.problems[0].place, Place::Byte(SAMPLE.len()));
    let err = parse(b"\xfe\xff{}", "feed.json").expect_err("a UTF-16 byte order mark");
    assert_eq!(err.problems[0].place, Place::Byte(0));
}

// ---------------------------------------------------------------------------------------------
// Huge values.

#[test]
fn a_1_mb_title_is_cut_to_the_cap_with_an_ellipsis() {
    let huge = "word ".repeat(200_000);
    assert!(huge.len() >= 1_000_000);
    let mut feed = sample();
    feed["title"] = json!(huge);
    feed["publisher"] = json!(huge);
    let rec = &mut feed["recommendations"][0];
    rec["title"] = json!(huge);
    rec["text"] = json!(huge);
    rec["owners"] = json!([huge]);
    rec["status_note"] = json!(huge);
    let started = Instant::now();
    let loaded = load_ok(&feed);
    eprintln!(
        "a feed with six 1 MB strings loaded in {:?}",
        started.elapsed()
    );

    let rec = &loaded.recommendations[0];
    for (what, value, cap) in [
        ("feed title", &loaded.title, caps::TITLE),
        ("publisher", &loaded.publisher, caps::OWNER),
        ("record title", &rec.title, caps::TITLE),
        ("text", &rec.text, caps::TEXT),
        ("owner", &rec.owners[0], caps::OWNER),
        (
            "status note",
            rec.status_note.as_ref().expect("a note"),
            caps::NOTE,
        ),
    ] {
        assert!(value.ends_with('…'), "{what} does not end with an ellipsis");
        assert!(
            value.chars().count() <= cap && value.chars().count() >= cap - 1,
            "{what} is {} characters, cap {cap}",
            value.chars().count()
        );
    }
    // Cut at the cap exactly when no space falls before the ellipsis.
    let mut feed = sample();
    feed["title"] = json!("x".repeat(1_000_000));
    let loaded = load_ok(&feed);
    assert_eq!(loaded.title.chars().count(), caps::TITLE);
    assert_eq!(loaded.title, format!("{}…", "x".repeat(caps::TITLE - 1)));

    // Drawn, the title is cut again to the screen, without a panic.
    let app = app_with(loaded, 120, 40);
    assert!(text(&draw(&app)).contains("xxxxxxxx"));
}

#[test]
fn a_1_mb_title_of_escape_sequences_leaves_only_its_text() {
    let mut feed = sample();
    let title = format!(
        "{}Visible{}",
        "\x1b[31m\u{202E}".repeat(150_000),
        "\x1b]0;x\x07".repeat(50_000)
    );
    assert!(title.len() >= 1_000_000);
    feed["title"] = json!(title);
    assert_eq!(load_ok(&feed).title, "Visible");
}

// ---------------------------------------------------------------------------------------------
// Many records.

#[test]
fn a_hundred_thousand_records_with_ten_owners_each_load() {
    const RECORDS: usize = 100_000;
    const OWNERS: usize = 10;
    let owners: Vec<String> = (0..OWNERS).map(|j| format!("\"Owner {j}\"")).collect();
    let owners = owners.join(",");
    let mut json = String::with_capacity(RECORDS * 200);
    json.push_str(
        r#"{"schema_version":1,"title":"Big","publisher":"P","generated_at":"2026-11-28T09:00:00Z",
        "audiences":[{"id":"a","name":"Audience A"},{"id":"b","name":"Audience B"}],
        "recommendations":["#,
    );
    for i in 0..RECORDS {
        if i > 0 {
            json.push(',');
        }
        let audience = if i % 2 == 0 { "a" } else { "b" };
        json.push_str(&format!(
            r#"{{"id":"R-{i}","audience":"{audience}","title":"Recommendation {i}","text":"Text of {i}","status":"in_progress","owners":[{owners}]}}"#
        ));
    }
    json.push_str("]}");

    let started = Instant::now();
    let feed = parse(json.as_bytes(), "big.json").expect("the big feed loads");
    let parsed = started.elapsed();
    assert_eq!(feed.recommendations.len(), RECORDS);
    assert!(
        feed.recommendations
            .iter()
            .all(|rec| rec.owners.len() == OWNERS)
    );
    assert_eq!(
        feed.recommendations[RECORDS - 1].id.0,
        format!("R-{}", RECORDS - 1)
    );

    let started = Instant::now();
    let mut app = app_with(feed, 120, 40);
    app.update(Action::Bottom);
    app.update(Action::Open);
    let screen = text(&draw(&app));
    let drawn = started.elapsed();
    assert!(screen.contains("Owner 9"), "{screen}");
    eprintln!(
        "{RECORDS} records x {OWNERS} owners ({} MB): parsed in {parsed:?}, loaded into the app \
         and drawn in {drawn:?}",
        json.len() / 1_000_000
    );
}

// ---------------------------------------------------------------------------------------------
// Escape sequences.

/// Text of every kind of sequence that could act on a terminal, and what must not survive of it.
const REMNANTS: &[&str] = &[
    "\x1b", "\x07", "\u{9b}", "\u{9c}", "\u{9d}", "pwned", "]0;", "]2;", "]8;", "52;c;",
    "cHduZWQ=", "evil", "[2J", "[31m", "31m", "[H", "q#0", "apc", "sos", "privacy",
];

/// A feed with an escape sequence, a bare control or a bidi control in every string it has.
fn escape_laden() -> Value {
    json!({
        "schema_version": 1,
        "title": "Rapporteur \x1b]0;pwned\x07feed\x1b[2J",
        "publisher": "Publisher\x1b]52;c;cHduZWQ=\x07",
        "generated_at": "2026-11-28T09:00:00Z",
        "audiences": [
            {"id": "law\u{202E}-policy", "name": "Law \u{2066}and\u{2069} Policy\x1b]2;pwned\x1b\\"},
            {"id": "civil\u{200B}-society", "name": "\u{9d}2;pwned\u{9c}Civil Society"}
        ],
        "recommendations": [{
            "id": "LP\u{200B}-01\x1b[31m",
            "audience": "law-policy",
            "title": "Title \x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\",
            "text": "Text\u{9b}31m red\u{9b}0m \u{202E}gpj.exe\u{202C}\r\nline two\x1bPq#0;2;0;0;0\x1b\\",
            "status": "in_progress",
            "priority": "high",
            "owners": [
                "\u{9b}31mMinistry\u{9b}0m",
                "\x1b]52;c;cHduZWQ=\x07NGO",
                "\u{9d}0;pwned\u{9c}Council",
                "\u{90}q#0\u{9c}Board"
            ],
            "themes": ["data\u{FEFF}", "\u{2067}funding"],
            "due": "2026-06-30",
            "last_assessed": "2026-09-01",
            "status_note": "Note \x1b_apc\x1b\\\x1b^privacy\x1b\\\x1bXsos\x1b\\done\x07",
            "evidence": [{
                "title": "Doc\x1b]0;pwned\x07ument",
                "url": "https://example.org/\x1b]8;;https://evil.example/\x07doc",
                "date": "2026-01-01"
            }],
            "history": [{"date": "2025-01-01", "status": "no_action", "note": "Began\x1b[2J\x1b[H\u{200F}"}],
            "notes": [{"date": "2026-01-02", "text": "Remark\x1b]0;pwned\x07 \u{061C}rtl\u{2060}"}]
        }, {
            "id": "CSO-01",
            "audience": "civil-society",
            "title": "Second\u{85}record",
            "text": "Some\ttext\x08\x7f\x00",
            "status": "weird\x1b]0;pwned\x07",
            "visibility": "internal\x1b]2;pwned\x07",
            "history": [{"date": "2025-01-01", "status": "also\u{9b}2Jweird"}]
        }]
    })
}

#[test]
fn an_escape_laden_feed_loads_with_nothing_of_the_sequences_left() {
    let feed = load_ok(&escape_laden());
    for (s, one_line) in feed_strings(&feed) {
        assert!(
            !s.chars()
                .any(|c| is_forbidden(c) || (one_line && c == '\n')),
            "{s:?} holds a control, bidi or invisible character"
        );
        for remnant in REMNANTS {
            assert!(!s.contains(remnant), "{s:?} holds {remnant:?}");
        }
    }
    // What a terminal would have printed is kept.
    assert_eq!(feed.title, "Rapporteur feed");
    assert_eq!(feed.publisher, "Publisher");
    assert_eq!(feed.audiences[0].id, "law-policy");
    assert_eq!(feed.audiences[0].name, "Law and Policy");
    assert_eq!(feed.audiences[1].name, "Civil Society");
    let rec = &feed.recommendations[0];
    assert_eq!(rec.id.0, "LP-01");
    assert_eq!(rec.title, "Title click here");
    assert_eq!(rec.text, "Text red gpj.exe\nline two");
    assert_eq!(rec.owners, ["Ministry", "NGO", "Council", "Board"]);
    assert_eq!(rec.themes, ["data", "funding"]);
    assert_eq!(rec.status_note.as_deref(), Some("Note done"));
    assert_eq!(rec.evidence[0].title, "Document");
    assert_eq!(
        rec.evidence[0].url.as_deref(),
        Some("https://example.org/doc")
    );
    assert_eq!(rec.history[0].note.as_deref(), Some("Began"));
    assert_eq!(rec.notes[0].text, "Remark rtl");
    let second = &feed.recommendations[1];
    // NEL (U+0085) is a line break: a space in a title, so the words stay apart.
    assert_eq!(second.title, "Second record");
    assert_eq!(second.text, "Some text");
    assert_eq!(second.status, Status::Unrecognised("weird".into()));
    assert_eq!(
        second.history[0].status,
        Status::Unrecognised("alsoweird".into())
    );
    assert!(!feed.warnings.is_empty());
}

/// Draws `app` in the main view, the detail view of the first record and the help overlay.
fn every_view(mut app: App) -> Vec<(String, String)> {
    let mut screens = vec![("main view".to_owned(), text(&draw(&app)))];
    app.update(Action::Open);
    screens.push(("detail view".to_owned(), text(&draw(&app))));
    app.update(Action::Bottom);
    screens.push(("detail view, end".to_owned(), text(&draw(&app))));
    app.update(Action::ToggleHelp);
    screens.push(("help overlay".to_owned(), text(&draw(&app))));
    screens
}

#[test]
fn an_escape_laden_feed_draws_with_nothing_of_the_sequences_left() {
    let feed = load_ok(&escape_laden());
    for (width, height) in [(1, 1), (20, 5), (59, 14), (80, 24), (120, 40)] {
        for (view, screen) in every_view(app_with(feed.clone(), width, height)) {
            let at = format!("{width}x{height}, {view}");
            assert!(
                !screen
                    .chars()
                    .any(|c| (c.is_control() && c != '\n') || is_forbidden(c)),
                "{at}: a control, bidi or invisible character on screen:\n{screen}"
            );
            for remnant in REMNANTS {
                assert!(
                    !screen.contains(remnant),
                    "{at}: {remnant:?} on screen:\n{screen}"
                );
            }
        }
    }
    // The screens do show the feed, so the checks above looked at its text.
    let screens = every_view(app_with(feed, 120, 40));
    assert!(screens[0].1.contains("Rapporteur feed"), "{}", screens[0].1);
    assert!(
        screens[1].1.contains("Title click here"),
        "{}",
        screens[1].1
    );
    assert!(
        screens[1].1.contains("Text red gpj.exe"),
        "{}",
        screens[1].1
    );
}

/// Everything a terminal was asked to do besides drawing.
#[derive(Default, Debug)]
struct TerminalRequests {
    titles: Vec<String>,
    icon_names: Vec<String>,
    clipboard: Vec<String>,
    bells: usize,
    other_osc: Vec<String>,
}

impl vt100::Callbacks for TerminalRequests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names
            .push(String::from_utf8_lossy(name).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.clipboard.push(format!(
            "{};{}",
            String::from_utf8_lossy(ty),
            String::from_utf8_lossy(data)
        ));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.other_osc.push(params.join(";"));
    }
}

/// A writer whose bytes can be read after the terminal that owns it has written them.
#[derive(Clone, Default)]
struct Recorded(Rc<RefCell<Vec<u8>>>);

impl Write for Recorded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes the console would write to a real terminal to draw `app`.
fn terminal_bytes(app: &App) -> Vec<u8> {
    let area = Rect::new(0, 0, app.size.width, app.size.height);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    let recorded = Recorded::default();
    let mut terminal = Terminal::with_options(CrosstermBackend::new(recorded.clone()), options)
        .expect("a terminal");
    terminal
        .draw(|frame| ui::render(app, &ColourTheme::dark(), frame))
        .expect("drawing into memory never fails");
    recorded.0.take()
}

#[test]
fn feed_text_never_reaches_the_window_title() {
    let feed = load_ok(&escape_laden());
    // The test terminal's buffer: no remnant of a title or clipboard sequence.
    for (view, screen) in every_view(app_with(feed.clone(), 120, 40)) {
        for osc in ["]0;", "]1;", "]2;", "52;c;", "]8;"] {
            assert!(
                !screen.contains(osc),
                "{view}: {osc:?} on screen:\n{screen}"
            );
        }
    }
    // The bytes written to a real terminal, read back by a terminal emulator: no title, icon
    // name, clipboard write, bell or any other OSC request at all, and the text is drawn.
    let mut app = app_with(feed, 120, 40);
    let mut frames = vec![terminal_bytes(&app)];
    app.update(Action::Open);
    frames.push(terminal_bytes(&app));
    app.update(Action::ToggleHelp);
    frames.push(terminal_bytes(&app));
    for (i, bytes) in frames.iter().enumerate() {
        let written = String::from_utf8_lossy(bytes);
        assert!(
            !written.contains("\x1b]"),
            "frame {i} holds an OSC sequence"
        );
        for introducer in ["\x1bP", "\x1b_", "\x1b^", "\x1bX", "\x07"] {
            assert!(
                !written.contains(introducer),
                "frame {i} holds {introducer:?}"
            );
        }
        assert!(
            !written.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "frame {i} holds an 8-bit control"
        );
        let (rows, cols) = (NonZeroU16::new(40).unwrap(), NonZeroU16::new(120).unwrap());
        let mut terminal =
            vt100::Parser::new_with_callbacks(rows, cols, 0, TerminalRequests::default());
        terminal.process(bytes);
        let requests = terminal.callbacks();
        assert!(requests.titles.is_empty(), "frame {i}: {requests:?}");
        assert!(requests.icon_names.is_empty(), "frame {i}: {requests:?}");
        assert!(requests.clipboard.is_empty(), "frame {i}: {requests:?}");
        assert_eq!(requests.bells, 0, "frame {i}: {requests:?}");
        assert!(requests.other_osc.is_empty(), "frame {i}: {requests:?}");
        if i == 0 {
            assert!(terminal.screen().contents().contains("Rapporteur feed"));
        }
    }
}
