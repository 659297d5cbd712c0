//! Which addresses may be fetched, where a redirect may lead, and where the token may go.
//!
//! Checked once before start ([`check_source`]) and again on every redirect, since a server can
//! send the client anywhere.

use std::net::IpAddr;

use reqwest::Url;

use crate::feed::options::{Source, SourceOptions};
use crate::feed::redact;

/// What a user sees when a token would go over plain http.
pub const TOKEN_OVER_HTTP: &str = "RAPPORTEUR_TOKEN is set but the feed URL is plain http: the \
                                   token would travel unencrypted; use https";

/// What a user sees when a password in the URL would go over plain http.
pub const CREDENTIALS_OVER_HTTP: &str = "the URL carries a user name and password, and plain \
                                         http would send them unencrypted; use https";

/// The most redirects followed for one fetch.
pub const MAX_REDIRECTS: usize = 5;

/// Checks a source before it starts, so that a bad address or an unsafe combination is refused
/// with a message, not discovered on the first poll. Only remote feeds have anything to check.
pub fn check_source(source: &Source, options: &SourceOptions) -> Result<(), String> {
    match source {
        Source::Http(url) => check_feed_url(url, options).map(|_| ()),
        Source::Embedded | Source::File(_) => Ok(()),
    }
}

/// Parses a feed URL and checks it against the options; the fetcher calls it too, so the rules
/// hold even if the caller forgot [`check_source`].
pub fn check_feed_url(raw_url: &str, options: &SourceOptions) -> Result<Url, String> {
    // Shown without its credentials, whatever is wrong with it.
    let shown = redact::url_for_display(raw_url);
    let url = shown.as_ref();
    let parsed = Url::parse(raw_url).map_err(|err| format!("{url}: not a valid URL ({err})"))?;
    let has_credentials = !parsed.username().is_empty() || parsed.password().is_some();
    if has_credentials && options.token.is_some() {
        return Err(format!(
            "{url}: the URL carries a user name and password and RAPPORTEUR_TOKEN is set too; \
             use one of them"
        ));
    }
    match parsed.scheme() {
        "https" => {}
        "http" => {
            // The secrets come first: the more dangerous mistake, and loopback does not excuse
            // it (a local proxy may forward the request anywhere).
            if options.token.is_some() {
                return Err(TOKEN_OVER_HTTP.to_owned());
            }
            if has_credentials {
                return Err(format!("{url}: {CREDENTIALS_OVER_HTTP}"));
            }
            if !options.allow_http && !is_loopback(&parsed) {
                return Err(format!(
                    "{url}: plain http can be read and changed on the way; use https, or pass \
                     --allow-http if this network is trusted"
                ));
            }
        }
        other => {
            return Err(format!(
                "{url}: \"{other}\" addresses are not supported; use an https:// URL or a file path"
            ));
        }
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("{url}: the URL has no host name"));
    }
    Ok(parsed)
}

/// True for `localhost` and loopback addresses (127.0.0.0/8, `::1`, and 127.x mapped into IPv6):
/// traffic that never leaves this computer.
pub fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_end_matches('.');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(IpAddr::V6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

/// Checks one redirect hop. Plain http to another computer is refused unless the user allowed
/// it, and a step down from https to plain http is refused even then: the user asked for an
/// encrypted feed, and a server (or whoever tampers with it) should not be able to undo that.
pub fn check_redirect(from: &Url, to_url: &Url, allow_http: bool) -> Result<(), String> {
    let to = redact::url_for_display(to_url.as_str());
    match to_url.scheme() {
        "https" => Ok(()),
        // Loopback included: whatever listens there (a proxy, another user's server) was not
        // what the user chose when they asked for https.
        "http" if from.scheme() == "https" => Err(format!(
            "redirected from https to plain http ({to}); refused, ask the publisher to fix the \
             redirect"
        )),
        "http" if is_loopback(to_url) => Ok(()),
        "http" if allow_http => Ok(()),
        "http" => Err(format!(
            "redirected to plain http ({to}); refused, use https or pass --allow-http"
        )),
        _ => Err(format!(
            "redirected to {to}, which is not an http or https address"
        )),
    }
}

/// True when two URLs have the same origin: scheme, host and port.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// Whether the token may be sent on a hop of a redirect chain that started at `feed`.
///
/// Only over https, only to the feed's own origin, and never again once the chain has left that
/// origin: a host that received the request without the token could otherwise bounce it back
/// under a path of its choosing. reqwest's own stripping compares each hop with the one before,
/// so it sends the token again on a second hop within the foreign host; that is why redirects
/// are followed by hand.
pub fn token_may_go(feed: &Url, hop: &Url, left_origin: bool) -> bool {
    hop.scheme() == "https" && !left_origin && same_origin(feed, hop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::options::Secret;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn options(allow_http: bool, token: bool) -> SourceOptions {
        SourceOptions {
            allow_http,
            token: token.then(|| Secret::new("t0ken")),
            ..crate::startup::default_source_options().unwrap()
        }
    }

    fn check(s: &str, allow_http: bool, token: bool) -> Result<(), String> {
        check_source(&Source::Http(s.to_owned()), &options(allow_http, token))
    }

    #[test]
    fn loopback_hosts() {
        for yes in [
            "http://localhost/",
            "http://LOCALHOST:8080/",
            "http://localhost./",
            "http://127.0.0.1/",
            "http://127.8.9.10:1/",
            "http://[::1]:8080/",
            "http://[::ffff:127.0.0.1]/",
        ] {
            assert!(is_loopback(&url(yes)), "{yes}");
        }
        for no in [
            "http://example.org/",
            "http://localhost.example.org/",
            "http://128.0.0.1/",
            "http://10.0.0.1/",
            "http://[::2]/",
            "http://0.0.0.0/",
        ] {
            assert!(!is_loopback(&url(no)), "{no}");
        }
    }

    #[test]
    fn https_is_always_fine() {
        assert_eq!(check("https://example.org/feed.json", false, true), Ok(()));
    }

    #[test]
    fn http_needs_loopback_or_permission() {
        let err = check("http://example.org/feed.json", false, false).unwrap_err();
        assert!(err.contains("use https, or pass --allow-http"), "{err}");
        assert_eq!(check("http://example.org/feed.json", true, false), Ok(()));
        assert_eq!(check("http://127.0.0.1:9/feed.json", false, false), Ok(()));
    }

    #[test]
    fn token_never_with_http() {
        for s in [
            "http://example.org/f",
            "http://127.0.0.1/f",
            "http://[::1]/f",
        ] {
            assert_eq!(check(s, true, true), Err(TOKEN_OVER_HTTP.to_owned()), "{s}");
        }
    }

    #[test]
    fn credentials_in_the_url_are_a_secret_like_the_token() {
        for s in [
            "http://u:secret@example.org/f",
            "http://u:secret@127.0.0.1/f",
        ] {
            let err = check(s, true, false).unwrap_err();
            assert!(err.contains(CREDENTIALS_OVER_HTTP), "{err}");
            assert!(!err.contains("secret") && !err.contains("u:"), "{err}");
        }
        assert_eq!(
            check("https://u:secret@example.org/f", false, false),
            Ok(())
        );
        let both = check("https://u:secret@example.org/f", false, true).unwrap_err();
        assert!(
            both.contains("use one of them") && !both.contains("secret"),
            "{both}"
        );
        let bad = check("https://u:secret@/f", false, false).unwrap_err();
        assert!(!bad.contains("secret"), "{bad}");
        let far = check_redirect(
            &url("https://a.example/f"),
            &url("http://u:secret@b.example/f"),
            true,
        )
        .unwrap_err();
        assert!(!far.contains("secret"), "{far}");
    }

    #[test]
    fn other_schemes_and_garbage_are_refused() {
        assert!(check("ftp://example.org/f", true, false).is_err());
        assert!(check("https://", false, false).is_err());
        assert!(check("not a url", false, false).is_err());
        assert_eq!(
            check_source(&Source::Embedded, &options(false, true)),
            Ok(())
        );
    }

    #[test]
    fn redirects_may_not_downgrade() {
        let https = url("https://a.example/f");
        let http_far = url("http://b.example/f");
        let http_near = url("http://127.0.0.1:8/f");
        assert!(check_redirect(&https, &http_far, true).is_err());
        assert!(check_redirect(&https, &http_far, false).is_err());
        assert!(check_redirect(&https, &http_near, false).is_err());
        assert!(check_redirect(&https, &http_near, true).is_err());
        assert!(check_redirect(&http_near, &http_near, false).is_ok());
        assert!(check_redirect(&http_near, &http_far, false).is_err());
        assert!(check_redirect(&http_near, &http_far, true).is_ok());
        assert!(check_redirect(&http_far, &https, false).is_ok());
        assert!(check_redirect(&https, &url("file:///etc/passwd"), true).is_err());
    }

    #[test]
    fn token_stays_with_the_feed_origin() {
        let feed = url("https://a.example/feed.json");
        assert!(token_may_go(&feed, &url("https://a.example/other"), false));
        // Another host, another port, or plain http: dropped.
        assert!(!token_may_go(
            &feed,
            &url("https://b.example/feed.json"),
            false
        ));
        assert!(!token_may_go(
            &feed,
            &url("https://a.example:8443/f"),
            false
        ));
        assert!(!token_may_go(&feed, &url("http://a.example/f"), false));
        // After leaving, not even a hop back home gets it.
        assert!(!token_may_go(&feed, &url("https://a.example/back"), true));
        // The explicit default port is the same origin.
        assert!(token_may_go(&feed, &url("https://a.example:443/f"), false));
    }

    #[test]
    fn token_never_over_http_even_to_the_feed_origin() {
        let feed = url("http://127.0.0.1:8/feed.json");
        assert!(!token_may_go(&feed, &feed, false));
    }
}
