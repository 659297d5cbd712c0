//! A feed URL with a user name and password is a secret like the token: refused with plain http,
//! and never shown, in any message, on the way in or out.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::process::Command;

use rapporteur::feed::{Source, load};

#[test]
fn plain_http_with_credentials_is_refused_at_start_without_showing_them() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    for feed in [
        "http://reader:hunter2@127.0.0.1:9/feed.json",
        "http://reader:hunter2@feed.example/feed.json",
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["export", "--feed", feed])
            .env("RAPPORTEUR_CONFIG", &config)
            .env("RAPPORTEUR_ALLOW_HTTP", "true")
            .env_remove("RAPPORTEUR_TOKEN")
            .output()
            .expect("the binary runs");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{feed}");
        assert!(err.contains("user name and password"), "{err}");
        assert!(!err.contains("hunter2") && !err.contains("reader"), "{err}");
    }
}

#[test]
fn a_failed_https_fetch_names_the_feed_without_its_credentials() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let source = Source::Http(format!(
        "https://reader:hunter2@127.0.0.1:{port}/feed.json?v=1"
    ));
    assert_eq!(
        source.to_string(),
        format!("https://127.0.0.1:{port}/feed.json?v=1")
    );
    let options = rapporteur::startup::default_source_options().unwrap();
    let error = load(&source, &options).expect_err("nothing listens there");
    let text = format!("{error} {error:?}");
    assert!(
        text.contains(&format!("127.0.0.1:{port}/feed.json")),
        "{text}"
    );
    assert!(
        !text.contains("hunter2") && !text.contains("reader"),
        "{text}"
    );
}
