//! Feed URLs as they may be shown and logged.
//!
//! A URL can carry a secret in two places: credentials (`https://user:pass@host/`) and the query
//! (`?key=...`, as some publishing services sign their links). On screen and in messages the
//! credentials are left out; in the log file the query is too, since a log is read by whoever
//! troubleshoots the machine, and sent around.

use std::borrow::Cow;

/// `url` without its credentials: `https://user:pass@host/f?x` becomes `https://host/f?x`.
/// Text that is not a URL comes back unchanged.
pub fn url_for_display(url: &str) -> Cow<'_, str> {
    match authority(url) {
        Some((start, end)) => match url[start..end].rfind('@') {
            Some(at) => {
                let mut out = String::with_capacity(url.len());
                out.push_str(&url[..start]);
                out.push_str(&url[start + at + 1..]);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(url),
        },
        None => Cow::Borrowed(url),
    }
}

/// `url` without its credentials, its query or its fragment, for the log:
/// `https://user:pass@host/f?key=1` becomes `https://host/f?…`.
pub fn url_for_log(url: &str) -> String {
    let shown = url_for_display(url);
    match shown.find(['?', '#']) {
        Some(cut) => format!("{}?…", &shown[..cut]),
        None => shown.into_owned(),
    }
}

/// `text` with every `http://` or `https://` URL in it made safe for the log ([`url_for_log`]).
/// A URL ends at a blank, a quote or a bracket, as in messages and debug output.
pub fn urls_in_text_for_log(text: &str) -> Cow<'_, str> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("http://") && !lower.contains("https://") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = next_url(&lower, rest) {
        let end = text[found..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | ']'))
            .map_or(text.len(), |n| found + n);
        out.push_str(&text[rest..found]);
        out.push_str(&url_for_log(&text[found..end]));
        rest = end;
    }
    out.push_str(&text[rest..]);
    Cow::Owned(out)
}

/// Where the next URL starts in `lower` (the text in lower case), from byte `from`.
fn next_url(lower: &str, from: usize) -> Option<usize> {
    let tail = &lower[from..];
    [tail.find("http://"), tail.find("https://")]
        .into_iter()
        .flatten()
        .min()
        .map(|n| from + n)
}

/// The byte range of the authority (`user:pass@host:port`) of a URL with `//` after its scheme.
fn authority(url: &str) -> Option<(usize, usize)> {
    let scheme_end = url.find("://")?;
    if !url[..scheme_end]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let start = scheme_end + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |n| start + n);
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_left_out_of_what_is_shown() {
        assert_eq!(
            url_for_display("https://user:pa%40ss@host.example:8443/f.json?x=1"),
            "https://host.example:8443/f.json?x=1"
        );
        assert_eq!(url_for_display("https://user@host/"), "https://host/");
        assert_eq!(url_for_display("https://host/a@b"), "https://host/a@b");
        assert_eq!(
            url_for_display("https://host/?to=a@b"),
            "https://host/?to=a@b"
        );
        assert_eq!(url_for_display("feeds/feed.json"), "feeds/feed.json");
        assert_eq!(url_for_display("https://a:b:c@@host"), "https://host");
    }

    #[test]
    fn the_log_loses_the_query_and_fragment_too() {
        assert_eq!(
            url_for_log("https://u:p@host/f.json?sig=secret#top"),
            "https://host/f.json?…"
        );
        assert_eq!(url_for_log("https://host/f.json"), "https://host/f.json");
        assert_eq!(url_for_log("https://host#frag"), "https://host?…");
    }

    #[test]
    fn every_url_in_a_log_line_is_redacted() {
        let line = "fetch failed url=https://u:secret@a.example/f?sig=abc error=\"redirect to \
                    HTTP://x:y@b.example/g?t=1\" then (http://c.example/h?q) end";
        let clean = urls_in_text_for_log(line);
        assert_eq!(
            clean,
            "fetch failed url=https://a.example/f?… error=\"redirect to HTTP://b.example/g?…\" \
             then (http://c.example/h?…) end"
        );
        assert!(!clean.contains("secret") && !clean.contains("sig=") && !clean.contains("x:y"));
        assert!(matches!(
            urls_in_text_for_log("no url here"),
            Cow::Borrowed(_)
        ));
    }
}
