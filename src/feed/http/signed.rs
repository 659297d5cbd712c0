//! The signature of a remote feed: `<feed URL>.minisig`, fetched beside every new body when a
//! public key is set, under the same rules as the feed (redirects, token, deadline), never
//! conditionally, and capped at a few kilobytes.

use chrono::{DateTime, Utc};
use reqwest::Url;

use super::explain::seconds;
use super::{Exchange, Fetcher, Stage, Target};
use crate::feed::parse::parse_body;
use crate::feed::redact;
use crate::feed::signature::{self, MAX_SIGNATURE_BYTES, PublicKey};
use crate::model::Feed;
use crate::model::error::{LoadError, Place};

/// A new body that proved good: the feed, the body and its signature (to save for the next
/// start).
pub struct Accepted {
    /// The feed.
    pub feed: Feed,
    /// The body it was read from.
    pub body: bytes::Bytes,
    /// The signature it was checked against, when a key is set.
    pub signature: Option<Vec<u8>>,
}

/// Turns a new body into a feed, off the async threads: with a key, its signature is fetched
/// and checked first (signed no earlier than `not_before`), and nothing unsigned is parsed.
pub async fn accept(
    fetcher: &Fetcher,
    body: Vec<u8>,
    key: Option<&PublicKey>,
    not_before: Option<DateTime<Utc>>,
) -> Result<Accepted, LoadError> {
    let origin = fetcher.origin().to_owned();
    let fail = |message: String| LoadError::one(&origin, Place::Whole, message);
    let signature = match key {
        Some(_) => Some(fetcher.fetch_signature().await.map_err(fail)?),
        None => None,
    };
    let key = key.cloned();
    let parse_origin = origin.clone();
    let body = bytes::Bytes::from(body);
    tokio::task::spawn_blocking(move || {
        let verified = match (&key, &signature) {
            (Some(key), Some(signature)) => Some(
                signature::verify(key, &body, signature, not_before)
                    .map_err(|reason| LoadError::one(&parse_origin, Place::Whole, reason))?,
            ),
            _ => None,
        };
        let mut feed = parse_body(&body, &parse_origin)?;
        feed.signed_at = verified.map(|v| v.signed_at);
        Ok(Accepted {
            feed,
            body,
            signature,
        })
    })
    .await
    .unwrap_or_else(|join| {
        Err(fail(format!(
            "reading the feed stopped unexpectedly: {join}"
        )))
    })
}

/// Where the signature of a feed at `url` is: the same address with `.minisig` after its path.
pub fn signature_url(url: &Url) -> Url {
    let mut signature = url.clone();
    let path = format!("{}.minisig", url.path());
    signature.set_path(&path);
    signature
}

impl Fetcher {
    /// The text of the feed's signature file, or why it could not be had.
    pub async fn fetch_signature(&self) -> Result<Vec<u8>, String> {
        let url = signature_url(&self.url);
        let shown = redact::url_for_display(url.as_str()).into_owned();
        let target = Target {
            url: &url,
            conditional: false,
            max_bytes: MAX_SIGNATURE_BYTES,
        };
        let mut stage = Stage::Waiting;
        let exchange = self.exchange(&target, &mut stage);
        match tokio::time::timeout(self.request_timeout, exchange).await {
            Ok(Ok(Exchange::Body(body, _))) => Ok(body),
            Ok(Ok(Exchange::NotModified(_))) => Err(format!(
                "the feed's signature {shown} could not be fetched (an unasked 304)"
            )),
            Ok(Err(failure)) => Err(format!(
                "the feed's signature {shown} could not be fetched: {} (a public key is set, so \
                 the feed must be signed)",
                failure.message
            )),
            Err(_) => Err(format!(
                "the feed's signature {shown} did not arrive within {}",
                seconds(self.request_timeout)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_sits_beside_the_feed() {
        let at = |s: &str| signature_url(&Url::parse(s).unwrap()).to_string();
        assert_eq!(
            at("https://a.example/d/feed.json"),
            "https://a.example/d/feed.json.minisig"
        );
        assert_eq!(
            at("https://a.example/feed.json?v=2"),
            "https://a.example/feed.json.minisig?v=2"
        );
        assert_eq!(at("https://a.example"), "https://a.example/.minisig");
    }
}
