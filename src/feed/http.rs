//! Remote feeds: one fetch ([`Fetcher::fetch`]) and the poll loop around it ([`run`]).
//!
//! Every limit is enforced here, not left to the server: the body is capped while it streams,
//! the whole fetch (redirects and body included) has one deadline, redirects are followed by hand
//! so that each hop can be checked and the token kept to the feed's own origin.

pub mod backoff;
mod client;
mod explain;
pub mod policy;
mod poll;
pub mod signed;
mod validators;

use std::time::Duration;

use chrono::Utc;
use reqwest::header::{ACCEPT, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LOCATION, RETRY_AFTER};
use reqwest::{Client, StatusCode, Url};

use super::options::{Secret, SourceOptions};
use super::redact;
use crate::model::error::{FailureKind, LoadError, Place};
use client::{client, percent_decode};
use explain::{root, seconds, size, status_line};

pub use backoff::{parse_retry_after, retry_delay};
pub use policy::{MAX_REDIRECTS, check_source, is_loopback};
pub use poll::run;
pub use validators::Validators;

/// Sent with every request, so a publisher can tell the console's traffic apart.
pub const USER_AGENT: &str = concat!("rapporteur/", env!("CARGO_PKG_VERSION"));

/// How one fetch ended.
#[derive(Debug)]
pub enum FetchOutcome {
    /// A new body. Its validators are not used until [`Fetcher::remember`] is called, so that a
    /// body that turns out invalid is asked for again rather than answered with a 304.
    Modified {
        /// The body, at most `max_body_bytes` long.
        body: Vec<u8>,
        /// The validators that came with it.
        validators: Validators,
    },
    /// The server answered 304: what we have is current. Any new validators are already taken.
    NotModified,
    /// The fetch failed.
    Failed {
        /// One line naming the feed URL and what went wrong.
        error: LoadError,
        /// How long the server asked us to wait (429 and 503 only).
        retry_after: Option<Duration>,
    },
}

/// What one exchange asks for: the feed (conditional, up to the body limit) or its signature.
struct Target<'a> {
    url: &'a Url,
    conditional: bool,
    max_bytes: u64,
}

/// Where a fetch had got to, to say which wait ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Waiting,
    Body,
}

/// A failure inside one exchange, before it is named after the feed.
struct Failure {
    message: String,
    retry_after: Option<Duration>,
    kind: FailureKind,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure {
            message,
            retry_after: None,
            kind: FailureKind::Other,
        }
    }
}

enum Exchange {
    Body(Vec<u8>, Validators),
    NotModified(Validators),
}

/// Fetches one remote feed again and again over one client, remembering its validators.
#[derive(Debug)]
pub struct Fetcher {
    /// For other computers: through the proxy of `HTTPS_PROXY`, `HTTP_PROXY` or `ALL_PROXY`
    /// (upper or lower case) unless `NO_PROXY` names the host, as corporate networks expect.
    client: Client,
    /// For this computer: never through a proxy, so that plain http to loopback stays on it.
    direct: Client,
    url: Url,
    origin: String,
    token: Option<Secret>,
    /// The user name and password the feed URL carried, if any.
    credentials: Option<(Secret, Option<Secret>)>,
    allow_http: bool,
    connect_timeout: Duration,
    request_timeout: Duration,
    max_body_bytes: u64,
    validators: Validators,
}

impl Fetcher {
    /// A fetcher for `url`, which is checked as [`check_source`] does.
    pub fn new(url: &str, options: &SourceOptions) -> Result<Fetcher, LoadError> {
        let shown = redact::url_for_display(url).into_owned();
        let fail = |message: String| LoadError::one(&shown, Place::Whole, message);
        let mut parsed = policy::check_feed_url(url, options).map_err(fail)?;
        // Kept apart from the URL, like the token: sent only where the token may go.
        let credentials =
            (!parsed.username().is_empty() || parsed.password().is_some()).then(|| {
                let user = percent_decode(parsed.username());
                let password = parsed.password().map(percent_decode);
                (Secret::new(user), password.map(Secret::new))
            });
        let _ = parsed.set_username("");
        let _ = parsed.set_password(None);
        let start = |direct| {
            client(options, direct)
                .map_err(|err| fail(format!("the HTTP client could not start: {}", root(&err))))
        };
        Ok(Fetcher {
            client: start(false)?,
            direct: start(true)?,
            url: parsed,
            origin: shown.clone(),
            token: options.token.clone(),
            credentials,
            allow_http: options.allow_http,
            connect_timeout: options.connect_timeout,
            request_timeout: options.request_timeout,
            max_body_bytes: options.max_body_bytes,
            validators: Validators::default(),
        })
    }

    /// The feed URL as the user gave it, without credentials.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The validators sent with the next request.
    pub fn validators(&self) -> &Validators {
        &self.validators
    }

    /// Keeps the validators of a body that proved good, for the next request.
    pub fn remember(&mut self, validators: Validators) {
        self.validators = validators;
    }

    /// Fetches the feed once, within the request timeout.
    pub async fn fetch(&mut self) -> FetchOutcome {
        let mut stage = Stage::Waiting;
        let target = Target {
            url: &self.url,
            conditional: true,
            max_bytes: self.max_body_bytes,
        };
        let result =
            tokio::time::timeout(self.request_timeout, self.exchange(&target, &mut stage)).await;
        let failure = match result {
            Ok(Ok(Exchange::Body(body, validators))) => {
                return FetchOutcome::Modified { body, validators };
            }
            Ok(Ok(Exchange::NotModified(validators))) => {
                self.validators.update(validators);
                return FetchOutcome::NotModified;
            }
            Ok(Err(failure)) => failure,
            Err(_elapsed) => Failure::from(match stage {
                Stage::Waiting => format!("no answer within {}", seconds(self.request_timeout)),
                Stage::Body => format!(
                    "the body did not finish arriving within {}",
                    seconds(self.request_timeout)
                ),
            }),
        };
        tracing::debug!(
            url = %redact::url_for_log(&self.origin),
            error = %redact::urls_in_text_for_log(&failure.message),
            "fetch failed"
        );
        FetchOutcome::Failed {
            error: LoadError::one(&self.origin, Place::Whole, failure.message)
                .with_kind(failure.kind),
            retry_after: failure.retry_after,
        }
    }

    /// One request, following redirects, then the body.
    async fn exchange(&self, target: &Target<'_>, stage: &mut Stage) -> Result<Exchange, Failure> {
        let mut url = target.url.clone();
        let mut visited: Vec<Url> = Vec::new();
        let mut left_origin = false;
        let response = loop {
            let response = self
                .request(&url, left_origin, target.conditional)
                .send()
                .await
                .map_err(|err| Failure {
                    kind: FailureKind::Unreachable,
                    ..Failure::from(explain::send_error(
                        &err,
                        self.connect_timeout,
                        self.request_timeout,
                    ))
                })?;
            let status = response.status();
            if !is_redirect(status) {
                break response;
            }
            let mut next = redirect_target(&url, status, response.headers())?;
            // Credentials in a Location are not ours to send; ours go only where the token may.
            let _ = next.set_username("");
            let _ = next.set_password(None);
            if visited.contains(&next) || next == url {
                let next = redact::url_for_display(next.as_str());
                return Err(format!("redirect loop at {next}").into());
            }
            if visited.len() >= MAX_REDIRECTS {
                let next = redact::url_for_display(next.as_str());
                return Err(
                    format!("more than {MAX_REDIRECTS} redirects (the last to {next})").into(),
                );
            }
            policy::check_redirect(&url, &next, self.allow_http)?;
            left_origin |= !policy::same_origin(&self.url, &next);
            tracing::debug!(
                from = %redact::url_for_log(url.as_str()),
                to = %redact::url_for_log(next.as_str()),
                "following a redirect"
            );
            visited.push(std::mem::replace(&mut url, next));
        };
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            // Without validators we asked for the whole feed; a 304 then would leave the app
            // believing data it may not even have is current.
            if !target.conditional || self.validators == Validators::default() {
                return Err(format!(
                    "{} to a request for the whole feed; the server is misconfigured",
                    status_line(status)
                )
                .into());
            }
            return Ok(Exchange::NotModified(Validators::from_headers(
                response.headers(),
            )));
        }
        if !status.is_success() {
            let retry_after = matches!(
                status,
                StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
            )
            .then(|| response.headers().get(RETRY_AFTER))
            .flatten()
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, Utc::now()));
            return Err(Failure {
                message: status_line(status),
                retry_after,
                kind: FailureKind::Http(status.as_u16()),
            });
        }
        let validators = Validators::from_headers(response.headers());
        *stage = Stage::Body;
        let body = self.read_body(response, target.max_bytes).await?;
        Ok(Exchange::Body(body, validators))
    }

    fn request(&self, url: &Url, left_origin: bool, conditional: bool) -> reqwest::RequestBuilder {
        let client = if policy::is_loopback(url) {
            &self.direct
        } else {
            &self.client
        };
        let mut request = client.get(url.clone()).header(ACCEPT, "application/json");
        if let Some(etag) = self.validators.etag.as_ref().filter(|_| conditional) {
            request = request.header(IF_NONE_MATCH, etag.clone());
        }
        if let Some(date) = self
            .validators
            .last_modified
            .as_ref()
            .filter(|_| conditional)
        {
            request = request.header(IF_MODIFIED_SINCE, date.clone());
        }
        if let Some(token) = &self.token
            && policy::token_may_go(&self.url, url, left_origin)
        {
            // bearer_auth marks the header sensitive, which keeps it out of reqwest's Debug.
            request = request.bearer_auth(token.expose());
        }
        if let Some((user, password)) = &self.credentials
            && policy::token_may_go(&self.url, url, left_origin)
        {
            request = request.basic_auth(user.expose(), password.as_ref().map(Secret::expose));
        }
        request
    }

    /// Reads the body chunk by chunk, stopping as soon as it passes the cap, so a huge or
    /// endless body costs at most the cap in memory.
    async fn read_body(
        &self,
        mut response: reqwest::Response,
        max_bytes: u64,
    ) -> Result<Vec<u8>, Failure> {
        let too_big = || format!("the body is larger than the {} limit", size(max_bytes));
        let declared = response.content_length();
        if declared.is_some_and(|length| length > max_bytes) {
            return Err(too_big().into());
        }
        let capacity = declared.unwrap_or(0).min(max_bytes);
        let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let total = (body.len() as u64).saturating_add(chunk.len() as u64);
                    if total > max_bytes {
                        return Err(too_big().into());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(err) => {
                    return Err(format!(
                        "the connection broke before the whole body arrived ({}); it will be \
                         tried again",
                        root(&err)
                    )
                    .into());
                }
            }
        }
    }
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::MOVED_PERMANENTLY
            | StatusCode::FOUND
            | StatusCode::SEE_OTHER
            | StatusCode::TEMPORARY_REDIRECT
            | StatusCode::PERMANENT_REDIRECT
    )
}

fn redirect_target(from: &Url, status: StatusCode, headers: &HeaderMap) -> Result<Url, Failure> {
    let location = headers
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| format!("{} without a Location to follow", status_line(status)))?;
    from.join(location)
        .map_err(|err| format!("redirected to an address that cannot be read ({err})").into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn a_304_keeps_validators_it_does_not_repeat() {
        let mut validators = Validators {
            etag: Some(HeaderValue::from_static("\"a\"")),
            last_modified: Some(HeaderValue::from_static("Mon, 01 Jan 2024 00:00:00 GMT")),
        };
        validators.update(Validators {
            etag: Some(HeaderValue::from_static("\"b\"")),
            last_modified: None,
        });
        assert_eq!(validators.etag, Some(HeaderValue::from_static("\"b\"")));
        assert!(validators.last_modified.is_some());
    }
}
