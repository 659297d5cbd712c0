//! What a feed source is and how it is fetched: the types every source shares.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::signature::PublicKey;
use crate::text::sanitize;

/// Where the statuses come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The sample feed built into the binary.
    Embedded,
    /// A local file.
    File(PathBuf),
    /// A remote feed over HTTPS (or HTTP to a loopback address).
    Http(String),
}

impl Source {
    /// Reads a `--feed` argument: a URL when it starts with `http://` or `https://`, a path otherwise.
    pub fn from_arg(arg: &str) -> Source {
        let lower = arg.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            Source::Http(arg.to_owned())
        } else {
            Source::File(PathBuf::from(arg))
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Embedded => f.write_str("built-in sample"),
            // Everything that names a feed goes through here: cleaned like feed text, since a
            // path or URL can hold anything, and never with credentials.
            Source::File(path) => f.write_str(&sanitize::line(
                &path.display().to_string(),
                sanitize::caps::URL,
            )),
            Source::Http(url) => f.write_str(&sanitize::line(
                &super::redact::url_for_display(url),
                sanitize::caps::URL,
            )),
        }
    }
}

/// How sources fetch, poll and cache. The door builds it from the configuration, whose defaults
/// are `config/default.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceOptions {
    /// Time between polls of a remote feed.
    pub interval: Duration,
    /// The most a connection may take to open.
    pub connect_timeout: Duration,
    /// The most a whole request may take, body included.
    pub request_timeout: Duration,
    /// The largest body accepted; a larger one is stopped while it streams.
    pub max_body_bytes: u64,
    /// Allow plain `http://` to hosts other than loopback.
    pub allow_http: bool,
    /// Sent as `Authorization: Bearer` over https only; never shown or logged.
    pub token: Option<Secret>,
    /// Where the last good body of each remote feed is kept; `None` keeps none.
    pub cache_dir: Option<PathBuf>,
    /// When set, only feeds with a good signature by this key are accepted (see
    /// [`super::signature`]).
    pub public_key: Option<PublicKey>,
}

/// The shortest poll interval accepted, so a wall screen cannot hammer its server.
pub const MIN_INTERVAL: Duration = Duration::from_secs(5);

/// A secret that never prints: its `Debug` shows only that it is there.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(hidden)")
    }
}
