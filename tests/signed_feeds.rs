//! Signed feeds: with a trusted minisign key, a feed is read only with a good signature beside it,
//! signed no earlier than the feed on screen; the header marks verified data. Local files through
//! the live source and `rapporteur check`, remote feeds through a real server on 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use ratatui::layout::Rect;
use tokio::sync::mpsc;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use rapporteur::app::{Action, App};
use rapporteur::feed::SAMPLE_FEED_JSON;
use rapporteur::feed::signature::PublicKey;
use rapporteur::feed::source::spawn;
use rapporteur::feed::{Source, SourceOptions};
use rapporteur::model::FeedMessage;

const BOUND: Duration = Duration::from_secs(10);

struct Publisher {
    pair: minisign::KeyPair,
}

impl Publisher {
    fn new() -> Publisher {
        Publisher {
            pair: minisign::KeyPair::generate_unencrypted_keypair().unwrap(),
        }
    }

    fn key(&self) -> PublicKey {
        PublicKey::from_base64(&self.pair.pk.to_base64()).unwrap()
    }

    /// The `.minisig` text for `body`, signed at `at` (seconds since 1970).
    fn sign(&self, body: &str, at: i64) -> String {
        let comment = format!("timestamp:{at}\tfile:feed.json\thashed");
        minisign::sign(
            Some(&self.pair.pk),
            &self.pair.sk,
            body.as_bytes(),
            Some(&comment),
            None,
        )
        .unwrap()
        .into_string()
    }
}

fn feed_titled(title: &str) -> String {
    SAMPLE_FEED_JSON.replacen("DATE recommendations: implementation status", title, 1)
}

fn options(key: PublicKey) -> SourceOptions {
    SourceOptions {
        public_key: Some(key),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(4),
        ..rapporteur::startup::default_source_options().unwrap()
    }
}

struct Running {
    rx: mpsc::Receiver<FeedMessage>,
    refresh: mpsc::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    fn start(source: Source, options: SourceOptions) -> Running {
        let (tx, rx) = mpsc::channel(8);
        let (refresh, refresh_rx) = mpsc::channel(1);
        let task = spawn(source, options, tx, refresh_rx);
        Running { rx, refresh, task }
    }

    /// The next answer that is not `Loading`.
    async fn result(&mut self) -> FeedMessage {
        loop {
            match tokio::time::timeout(BOUND, self.rx.recv()).await {
                Ok(Some(FeedMessage::Loading)) => {}
                Ok(Some(message)) => return message,
                other => panic!("no answer within the bound: {other:?}"),
            }
        }
    }

    async fn again(&mut self) -> FeedMessage {
        self.refresh.send(()).await.unwrap();
        self.result().await
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn signed_title(message: &FeedMessage) -> (&str, i64) {
    match message {
        FeedMessage::Loaded { feed, .. }
        | FeedMessage::LoadedFile { feed, .. }
        | FeedMessage::Cached { feed, .. } => {
            (&feed.title, feed.signed_at.expect("verified").timestamp())
        }
        other => panic!("expected a feed, got {other:?}"),
    }
}

fn refusal(message: &FeedMessage) -> String {
    match message {
        FeedMessage::Failed { error, .. } => error.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn write(dir: &Path, body: &str, signature: Option<&str>) {
    std::fs::write(dir.join("feed.json"), body).unwrap();
    if let Some(signature) = signature {
        std::fs::write(dir.join("feed.json.minisig"), signature).unwrap();
    }
}

#[test]
fn a_local_feed_is_read_only_with_a_good_signature_by_the_trusted_key() {
    let publisher = Publisher::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.json");
    let read = |not_before: Option<i64>| {
        let not_before = not_before.and_then(|s| chrono::DateTime::from_timestamp(s, 0));
        rapporteur::feed::file::read_file_with(
            &path,
            "feed.json",
            &options(publisher.key()),
            not_before,
        )
    };
    let body = feed_titled("First");
    write(dir.path(), &body, Some(&publisher.sign(&body, 2_000)));
    let feed = read(None).expect("verified");
    assert_eq!(feed.signed_at.map(|t| t.timestamp()), Some(2_000));
    let err = read(Some(2_001)).unwrap_err().to_string();
    assert!(err.contains("older feed is not accepted"), "{err}");

    write(dir.path(), &feed_titled("Tampered"), None);
    let err = read(None).unwrap_err().to_string();
    assert!(err.contains("does not match"), "{err}");

    let forged = feed_titled("Forged");
    write(
        dir.path(),
        &forged,
        Some(&Publisher::new().sign(&forged, 3_000)),
    );
    let err = read(None).unwrap_err().to_string();
    assert!(err.contains("another key"), "{err}");

    std::fs::remove_file(dir.path().join("feed.json.minisig")).unwrap();
    let err = read(None).unwrap_err().to_string();
    assert!(err.contains("not signed"), "{err}");
}

#[tokio::test]
async fn a_watched_feed_replaced_by_an_older_signed_one_is_refused() {
    let publisher = Publisher::new();
    let dir = tempfile::tempdir().unwrap();
    let first = feed_titled("First");
    write(dir.path(), &first, Some(&publisher.sign(&first, 2_000)));
    let source = Source::File(dir.path().join("feed.json"));
    let mut running = Running::start(source, options(publisher.key()));
    assert_eq!(signed_title(&running.result().await), ("First", 2_000));

    // Written as a publisher would, body then signature: the watcher may see the body alone
    // first, so wait for the answer to the pair.
    let old = feed_titled("Old");
    write(dir.path(), &old, Some(&publisher.sign(&old, 1_000)));
    loop {
        let err = refusal(&running.result().await);
        if err.contains("older feed is not accepted") {
            break;
        }
        assert!(err.contains("does not match"), "{err}");
    }

    let newer = feed_titled("Newer");
    write(dir.path(), &newer, Some(&publisher.sign(&newer, 3_000)));
    loop {
        match running.result().await {
            FeedMessage::Failed { .. } => {}
            loaded => {
                assert_eq!(signed_title(&loaded), ("Newer", 3_000));
                break;
            }
        }
    }
}

#[tokio::test]
async fn a_remote_feed_is_checked_against_the_signature_beside_it() {
    let publisher = Publisher::new();
    let server = MockServer::start().await;
    let serve = |body: String, signature: Option<String>| {
        let server = &server;
        async move {
            server.reset().await;
            Mock::given(path("/feed.json"))
                .respond_with(ResponseTemplate::new(200).set_body_string(body))
                .mount(server)
                .await;
            if let Some(signature) = signature {
                Mock::given(path("/feed.json.minisig"))
                    .respond_with(ResponseTemplate::new(200).set_body_string(signature))
                    .mount(server)
                    .await;
            }
        }
    };
    let first = feed_titled("First");
    serve(first.clone(), Some(publisher.sign(&first, 2_000))).await;
    let source = Source::Http(format!("{}/feed.json", server.uri()));
    let mut running = Running::start(source, options(publisher.key()));
    assert_eq!(signed_title(&running.result().await), ("First", 2_000));

    let old = feed_titled("Old");
    serve(old.clone(), Some(publisher.sign(&old, 1_000))).await;
    let err = refusal(&running.again().await);
    assert!(err.contains("older feed is not accepted"), "{err}");

    serve(feed_titled("Unsigned"), None).await;
    let err = refusal(&running.again().await);
    assert!(err.contains("signature") && err.contains("404"), "{err}");

    let tampered = feed_titled("Tampered");
    serve(tampered, Some(publisher.sign(&first, 4_000))).await;
    let err = refusal(&running.again().await);
    assert!(err.contains("does not match"), "{err}");

    let newer = feed_titled("Newer");
    serve(newer.clone(), Some(publisher.sign(&newer, 3_000))).await;
    assert_eq!(signed_title(&running.again().await), ("Newer", 3_000));
}

#[tokio::test]
async fn a_signed_copy_saved_offline_is_checked_again_at_the_next_start() {
    let publisher = Publisher::new();
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start().await;
    let body = feed_titled("Saved");
    Mock::given(path("/feed.json"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body.clone()))
        .mount(&server)
        .await;
    Mock::given(path("/feed.json.minisig"))
        .respond_with(ResponseTemplate::new(200).set_body_string(publisher.sign(&body, 2_000)))
        .mount(&server)
        .await;
    let url = format!("{}/feed.json", server.uri());
    let with_cache = |key| SourceOptions {
        cache_dir: Some(cache.path().to_owned()),
        ..options(key)
    };
    {
        let mut running = Running::start(Source::Http(url.clone()), with_cache(publisher.key()));
        assert_eq!(signed_title(&running.result().await).0, "Saved");
        // The copy is saved before the next poll; a second answer means it is there.
        running.again().await;
    }
    drop(server);

    let mut running = Running::start(Source::Http(url.clone()), with_cache(publisher.key()));
    assert_eq!(signed_title(&running.result().await), ("Saved", 2_000));
    // Under another key the saved copy is not offered: the first answer is the failed fetch.
    let mut other = Running::start(Source::Http(url), with_cache(Publisher::new().key()));
    refusal(&other.result().await);
}

#[test]
fn the_header_marks_verified_data() {
    let publisher = Publisher::new();
    let dir = tempfile::tempdir().unwrap();
    let body = feed_titled("Signed");
    write(dir.path(), &body, Some(&publisher.sign(&body, 2_000)));
    let path = dir.path().join("feed.json");
    let feed =
        rapporteur::feed::file::read_file_with(&path, "feed.json", &options(publisher.key()), None)
            .expect("verified");
    let now = chrono::Utc::now();
    let draw = |feed| {
        let mut app = App::with_settings(
            "feed.json",
            now,
            Rect::new(0, 0, 120, 30),
            rapporteur::startup::default_settings().unwrap(),
        );
        app.update(Action::Feed(FeedMessage::Loaded {
            feed: Box::new(feed),
            at: now,
        }));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
        let theme = rapporteur::ui::theme::ColourTheme::mono();
        terminal
            .draw(|frame| rapporteur::ui::render(&app, &theme, frame))
            .unwrap();
        format!("{:?}", terminal.backend().buffer())
    };
    assert!(draw(feed.clone()).contains("signed"));
    let unsigned = rapporteur::model::Feed {
        signed_at: None,
        ..feed
    };
    assert!(!draw(unsigned).contains("signed"));
}

#[test]
fn check_verifies_with_a_key_or_a_key_file() {
    let publisher = Publisher::new();
    let dir = tempfile::tempdir().unwrap();
    let body = feed_titled("Checked");
    write(dir.path(), &body, Some(&publisher.sign(&body, 2_000)));
    let key_file = dir.path().join("publisher.pub");
    std::fs::write(&key_file, publisher.pair.pk.to_box().unwrap().into_string()).unwrap();
    let feed = dir.path().join("feed.json");
    let check = |key: &str| {
        Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["check", "--public-key", key, feed.to_str().unwrap()])
            .env_remove("RAPPORTEUR_CONFIG")
            .env("XDG_CONFIG_HOME", "/nonexistent")
            .output()
            .expect("the binary runs")
    };
    for key in [
        publisher.pair.pk.to_base64(),
        key_file.display().to_string(),
    ] {
        let output = check(&key);
        let out = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{out}");
        assert!(out.contains("signed:     yes"), "{out}");
    }
    std::fs::write(&feed, feed_titled("Changed")).unwrap();
    let output = check(&publisher.pair.pk.to_base64());
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("does not match"), "{err}");
    let output = check("RWQnot-a-key");
    assert_eq!(output.status.code(), Some(2));
}
