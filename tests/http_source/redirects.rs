//! Redirects, plain http and the token.

use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use rapporteur::feed::http::policy::TOKEN_OVER_HTTP;
use rapporteur::feed::http::{FetchOutcome, Fetcher};
use rapporteur::feed::{SAMPLE_FEED_JSON, Secret};
use rapporteur::feed::{Source, SourceOptions, check_source};

use super::{Running, error_text, failure, feed_server, options};

#[tokio::test]
async fn a_redirect_loop_is_stopped() {
    let server = MockServer::start().await;
    for (from, to) in [("/a", "/b"), ("/b", "/a")] {
        Mock::given(path(from))
            .respond_with(ResponseTemplate::new(302).insert_header("Location", to))
            .mount(&server)
            .await;
    }
    let url = format!("{}/a", server.uri());
    let message = failure(Fetcher::new(&url, &options()).unwrap().fetch().await);
    assert_eq!(message, format!("{url}: redirect loop at {url}"));
}

#[tokio::test]
async fn five_redirects_are_followed_and_six_are_not() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(|request: &Request| {
            let hops: u32 = request.url.path()[1..].parse().unwrap_or(0);
            if hops == 0 {
                ResponseTemplate::new(200).set_body_string(SAMPLE_FEED_JSON)
            } else {
                let next = format!("/{}", hops - 1);
                ResponseTemplate::new(307).insert_header("Location", next.as_str())
            }
        })
        .mount(&server)
        .await;
    let five = format!("{}/5", server.uri());
    let outcome = Fetcher::new(&five, &options()).unwrap().fetch().await;
    assert!(
        matches!(outcome, FetchOutcome::Modified { .. }),
        "{outcome:?}"
    );
    let six = format!("{}/6", server.uri());
    let message = failure(Fetcher::new(&six, &options()).unwrap().fetch().await);
    assert!(message.contains("more than 5 redirects"), "{message}");
}

#[tokio::test]
async fn a_redirect_to_plain_http_elsewhere_is_refused() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(301).insert_header("Location", "http://feeds.example.org/f.json"),
        )
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    let message = failure(Fetcher::new(&url, &options()).unwrap().fetch().await);
    assert!(
        message.contains("redirected to plain http (http://feeds.example.org/f.json)"),
        "{message}"
    );
}

#[tokio::test]
async fn a_token_is_never_sent_over_http() {
    let server = feed_server(SAMPLE_FEED_JSON.to_owned()).await;
    let url = format!("{}/feed.json", server.uri());
    let with_token = SourceOptions {
        token: Some(Secret::new("s3cret")),
        allow_http: true,
        ..options()
    };
    assert_eq!(
        check_source(&Source::Http(url.clone()), &with_token),
        Err(TOKEN_OVER_HTTP.to_owned())
    );
    // Even when the caller skips the check, the source refuses rather than sending.
    let mut source = Running::start(&url, with_token);
    let message = error_text(&source.result().await);
    assert!(message.contains("RAPPORTEUR_TOKEN is set"), "{message}");
    assert!(!message.contains("s3cret"));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn plain_http_needs_loopback_or_permission() {
    let far = Source::Http("http://feeds.example.org/feed.json".to_owned());
    let refused = check_source(&far, &options()).unwrap_err();
    assert!(
        refused.contains("use https, or pass --allow-http"),
        "{refused}"
    );
    let allowed = SourceOptions {
        allow_http: true,
        ..options()
    };
    assert_eq!(check_source(&far, &allowed), Ok(()));
    let near = Source::Http("http://localhost:8080/feed.json".to_owned());
    assert_eq!(check_source(&near, &options()), Ok(()));
}

#[test]
fn the_token_never_shows_in_debug_output() {
    let options = SourceOptions {
        token: Some(Secret::new("s3cret")),
        ..options()
    };
    assert!(!format!("{options:?}").contains("s3cret"));
    let fetcher = Fetcher::new("https://feeds.example.org/f.json", &options).unwrap();
    assert!(!format!("{fetcher:?}").contains("s3cret"));
}
