//! Against a TLS server on 127.0.0.1 with its own CA (tests/fixtures/tls), trusted by the binary
//! through `SSL_CERT_FILE`: an https feed that redirects to plain http is refused even to this
//! machine, and a signed feed is verified over https.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

use std::net::TcpListener as StdListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

use rapporteur::feed::SAMPLE_FEED_JSON;

const BOUND: Duration = Duration::from_secs(30);

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// One answer: status line, extra headers, body.
type Answer = (&'static str, String, String);

/// An https server on 127.0.0.1 answering each request path with `answer(path)`; its port.
async fn https_server(answer: impl Fn(&str) -> Answer + Send + Sync + 'static) -> u16 {
    let certs = CertificateDer::pem_file_iter(fixture("server.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(fixture("server.key")).unwrap();
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, answer) = (acceptor.clone(), answer.clone());
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && tls.read(&mut byte).await.unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head);
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (status, headers, body) = answer(&path);
                let reply = format!(
                    "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    port
}

/// `rapporteur export` of `feed`, trusting the test CA, bounded in time.
async fn export(feed: &str, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "connect-timeout = 2\nrequest-timeout = 4\n").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command
        .args(["export", "--format", "json", "--feed", feed])
        .args(extra)
        .env("RAPPORTEUR_CONFIG", &config)
        .env("SSL_CERT_FILE", fixture("ca.pem"))
        .env_remove("SSL_CERT_DIR")
        .env("XDG_CACHE_HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env_remove("RAPPORTEUR_TOKEN")
        .env_remove("RAPPORTEUR_PUBLIC_KEY");
    let run = tokio::task::spawn_blocking(move || command.output().expect("the binary runs"));
    tokio::time::timeout(BOUND, run)
        .await
        .expect("export ends within the bound")
        .unwrap()
}

fn ok(body: String) -> Answer {
    ("200 OK", String::new(), body)
}

#[tokio::test]
async fn the_test_server_is_trusted_so_a_plain_https_feed_loads() {
    let port = https_server(|_| ok(SAMPLE_FEED_JSON.to_owned())).await;
    let output = export(&format!("https://127.0.0.1:{port}/feed.json"), &[]).await;
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
}

#[tokio::test]
async fn a_redirect_from_https_to_plain_http_on_this_machine_is_refused() {
    // The plain http server must never be asked: its queue is checked after the run.
    let plain = StdListener::bind("127.0.0.1:0").unwrap();
    plain.set_nonblocking(true).unwrap();
    let target = format!("http://{}/feed.json", plain.local_addr().unwrap());
    let port = https_server(move |_| {
        (
            "302 Found",
            format!("Location: {target}\r\n"),
            String::new(),
        )
    })
    .await;
    let output = export(&format!("https://127.0.0.1:{port}/feed.json"), &[]).await;
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(err.contains("redirected from https to plain http"), "{err}");
    assert!(
        matches!(plain.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the plain http server was contacted"
    );
}

#[tokio::test]
async fn a_signed_feed_is_verified_over_https() {
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let sign = |body: &str| {
        minisign::sign(
            Some(&pair.pk),
            &pair.sk,
            body.as_bytes(),
            Some("timestamp:2000"),
            None,
        )
        .unwrap()
        .into_string()
    };
    let body = SAMPLE_FEED_JSON.to_owned();
    let good = sign(&body);
    let wrong = sign("{}");
    let key = pair.pk.to_base64();

    for (signature, should_pass) in [(good, true), (wrong, false)] {
        let body = body.clone();
        let port = https_server(move |path| {
            if path.ends_with(".minisig") {
                ok(signature.clone())
            } else {
                ok(body.clone())
            }
        })
        .await;
        let feed = format!("https://127.0.0.1:{port}/feed.json");
        let output = export(&feed, &["--public-key", &key]).await;
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.success(), should_pass, "{err}");
        if !should_pass {
            assert!(err.contains("does not match"), "{err}");
        }
    }
}
