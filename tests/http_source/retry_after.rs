//! A server's `Retry-After` on 429 and 503 wins over the backoff cap (five intervals), up to an
//! hour, and the failure message says when the next try is.

use std::time::Duration;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use rapporteur::feed::SourceOptions;
use rapporteur::model::FeedMessage;

use super::{Running, options};

/// The seconds from the failure to the next try the source announces, after an answer of
/// `status` with `Retry-After: retry_after` at a 5 s interval (a 25 s backoff cap).
async fn announced_wait(status: u16, retry_after: &str) -> i64 {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).insert_header("Retry-After", retry_after))
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    let fast = SourceOptions {
        interval: Duration::from_secs(5),
        ..options()
    };
    let mut source = Running::start(&url, fast);
    match source.result().await {
        FeedMessage::Failed {
            at,
            retry_at: Some(next),
            ..
        } => (next - at).num_seconds(),
        other => panic!("expected a failure with its next try, got {other:?}"),
    }
}

#[tokio::test]
async fn retry_after_in_seconds_wins_over_the_backoff_cap() {
    assert_eq!(announced_wait(503, "40").await, 40);
    assert_eq!(announced_wait(429, "40").await, 40);
}

#[tokio::test]
async fn retry_after_as_a_date_wins_too() {
    let when = chrono::Utc::now() + chrono::Duration::seconds(120);
    let date = when.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let wait = announced_wait(503, &date).await;
    assert!((117..=120).contains(&wait), "{wait}");
}

#[tokio::test]
async fn retry_after_is_honoured_up_to_an_hour() {
    assert_eq!(announced_wait(503, "86400").await, 3600);
}

#[tokio::test]
async fn without_retry_after_the_backoff_stays_under_its_cap() {
    let wait = announced_wait(500, "40").await;
    assert!((0..=5).contains(&wait), "{wait}");
}
