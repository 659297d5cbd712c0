//! The offline copy: saved after a good load, sent first at the next start, ignored when bad.

use std::time::Duration;

use tokio::io::AsyncWriteExt;

use rapporteur::feed::{SourceOptions, cache};
use rapporteur::model::FeedMessage;

use super::misbehaving::raw;
use super::{Running, closed_port, error_text, feed_server, feed_titled, options, title};

#[tokio::test]
async fn the_saved_copy_comes_first_when_the_server_is_down() {
    let dir = tempfile::tempdir().unwrap();
    let server = raw(|mut stream, _| async move {
        let body = feed_titled("Saved");
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(body.as_bytes()).await;
    })
    .await;
    let url = server.url.clone();
    let with_cache = SourceOptions {
        cache_dir: Some(dir.path().to_owned()),
        interval: Duration::from_millis(20),
        ..options()
    };
    {
        let mut source = Running::start(&url, with_cache.clone());
        assert_eq!(title(&source.result().await), "Saved");
        // The copy is saved before the next poll begins, so a second answer means it is there.
        source.result().await;
    }
    server.stop().await;

    let mut source = Running::start(&url, with_cache);
    assert_eq!(source.next().await, FeedMessage::Loading);
    let cached = source.next().await;
    assert_eq!(title(&cached), "Saved");
    let FeedMessage::Cached { saved_at, .. } = cached else {
        unreachable!()
    };
    assert!(chrono::Utc::now() - saved_at < chrono::Duration::seconds(60));
    let failed = error_text(&source.result().await);
    assert!(failed.contains("refused the connection"), "{failed}");
}

#[tokio::test]
async fn a_corrupt_saved_copy_is_ignored_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let server = feed_server(feed_titled("Fresh")).await;
    let url = format!("{}/feed.json", server.uri());
    let path = cache::path_for(dir.path(), &url);
    std::fs::write(&path, b"\x00\x01 not a cache file").unwrap();

    let mut source = Running::start(
        &url,
        SourceOptions {
            cache_dir: Some(dir.path().to_owned()),
            interval: Duration::from_millis(20),
            ..options()
        },
    );
    assert_eq!(source.next().await, FeedMessage::Loading);
    let first = source.next().await;
    assert!(matches!(first, FeedMessage::Loaded { .. }), "{first:?}");
    source.result().await;
    let saved = cache::read(&path, options().max_body_bytes)
        .unwrap()
        .unwrap();
    assert_eq!(saved.body, feed_titled("Fresh").into_bytes());
}

#[tokio::test]
async fn a_saved_copy_that_is_not_a_valid_feed_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://{}/feed.json", closed_port().await);
    cache::save(
        &cache::path_for(dir.path(), &url),
        b"{\"schema_version\": 1}",
        chrono::Utc::now(),
    )
    .unwrap();
    let mut source = Running::start(
        &url,
        SourceOptions {
            cache_dir: Some(dir.path().to_owned()),
            ..options()
        },
    );
    assert_eq!(source.next().await, FeedMessage::Loading);
    let next = source.next().await;
    assert!(matches!(next, FeedMessage::Failed { .. }), "{next:?}");
}
