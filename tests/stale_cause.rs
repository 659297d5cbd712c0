//! The stale line names the real cause and since when, for failures made by the real sources: an
//! invalid file, a missing file, a refused connection, an HTTP 503.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

mod common;

use chrono::Duration;
use common::{now, screen};
use rapporteur::app::{Action, App};
use rapporteur::feed::{SAMPLE_FEED_JSON, Source, load};
use rapporteur::model::{FeedMessage, LoadError};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The error the real loader gives for `source`.
fn failure(source: Source) -> LoadError {
    let options = rapporteur::startup::default_source_options().unwrap();
    load(&source, &options).expect_err("the load fails")
}

/// A console showing the sample, then failing with `error` two minutes later, then five more.
fn stale_with(error: LoadError) -> App {
    let mut app = common::app(120, 40);
    let failed_at = now() + Duration::minutes(2);
    app.update(Action::Tick(failed_at));
    app.update(Action::Feed(FeedMessage::Failed {
        error: error.clone(),
        at: failed_at,
        retry_at: None,
    }));
    // A second failure later must not move "since".
    app.update(Action::Tick(failed_at + Duration::minutes(5)));
    app.update(Action::Feed(FeedMessage::Failed {
        error,
        at: failed_at + Duration::minutes(5),
        retry_at: None,
    }));
    app
}

fn cause(app: &App) -> String {
    app.stale_cause().expect("stale")
}

#[test]
fn an_invalid_file_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.json");
    let broken = SAMPLE_FEED_JSON.replacen("\"title\"", "\"title\" \"", 1);
    std::fs::write(&path, broken).unwrap();
    let app = stale_with(failure(Source::File(path)));
    let cause = cause(&app);
    assert!(
        cause.starts_with("feed file invalid since 12:02 (line "),
        "{cause}"
    );
    let text = screen(&app);
    assert!(
        text.contains("STALE: feed file invalid since 12:02"),
        "{text}"
    );
    assert!(text.contains("last good data"), "{text}");
}

#[test]
fn a_missing_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let app = stale_with(failure(Source::File(dir.path().join("gone.json"))));
    assert_eq!(cause(&app), "feed file missing since 12:02");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_connection_is_an_unreachable_server() {
    // A port that was free a moment ago: nothing listens there now.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/feed.json");
    let error = tokio::task::spawn_blocking(move || failure(Source::Http(url)))
        .await
        .unwrap();
    let app = stale_with(error);
    let cause = cause(&app);
    assert!(
        cause.starts_with("server unreachable since 12:02 ("),
        "{cause}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_503_is_named_by_its_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    let error = tokio::task::spawn_blocking(move || failure(Source::Http(url)))
        .await
        .unwrap();
    let app = stale_with(error);
    assert_eq!(cause(&app), "HTTP 503 Service Unavailable since 12:02");
}

#[test]
fn a_success_clears_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = stale_with(failure(Source::File(dir.path().join("gone.json"))));
    app.update(Action::Feed(FeedMessage::Loaded {
        feed: Box::new(common::sample()),
        at: now() + Duration::minutes(9),
    }));
    assert_eq!(app.stale_cause(), None);
}
