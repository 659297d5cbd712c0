//! Conditional requests: the validators of the last answer, sent back so that an unchanged feed
//! costs the server a `304 Not Modified`.

use reqwest::header::{ETAG, HeaderMap, HeaderValue, LAST_MODIFIED};

/// What the server said about the version it sent, to ask next time only for a newer one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag`, sent back as `If-None-Match`.
    pub etag: Option<HeaderValue>,
    /// The `Last-Modified` date, sent back as `If-Modified-Since`.
    pub last_modified: Option<HeaderValue>,
}

impl Validators {
    pub(super) fn from_headers(headers: &HeaderMap) -> Validators {
        Validators {
            etag: headers.get(ETAG).cloned(),
            last_modified: headers.get(LAST_MODIFIED).cloned(),
        }
    }

    /// Takes the validators a 304 carries; one it leaves out keeps its old value.
    pub(super) fn update(&mut self, newer: Validators) {
        if newer.etag.is_some() {
            self.etag = newer.etag;
        }
        if newer.last_modified.is_some() {
            self.last_modified = newer.last_modified;
        }
    }
}
