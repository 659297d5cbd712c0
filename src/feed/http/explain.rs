//! Fetch failures in words a user can act on: each is one line, shown after the feed URL.

use std::time::Duration;

use reqwest::StatusCode;

/// A failure to send a request or get its answer, from reqwest's error.
pub fn send_error(
    err: &reqwest::Error,
    connect_timeout: Duration,
    request_timeout: Duration,
) -> String {
    let cause = root(err);
    if err.is_connect() {
        if err.is_timeout() || cause.contains("timed out") {
            return format!("could not connect within {}", seconds(connect_timeout));
        }
        if cause.contains("refused") {
            return "the server refused the connection (is the address right, and the server \
                    running?)"
                .to_owned();
        }
        if cause.contains("dns error") || cause.contains("lookup") {
            return format!("the host name could not be found ({cause}); check the address");
        }
        return format!("could not connect: {cause}");
    }
    if err.is_timeout() {
        return format!("no answer within {}", seconds(request_timeout));
    }
    format!("the request failed: {cause}")
}

/// "HTTP 503 Service Unavailable".
pub fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// The innermost cause of an error: reqwest's own message is usually just "error sending
/// request", and the useful words ("Connection refused") are at the bottom of the chain.
pub fn root(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// "20 s", or "0.25 s" for the short timeouts of tests.
pub fn seconds(duration: Duration) -> String {
    if duration.subsec_nanos() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} s", duration.as_secs_f64())
    }
}

/// "32 MiB", "64 KiB" or "1000 bytes".
pub fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(32 * 1024 * 1024), "32 MiB");
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(1000), "1000 bytes");
    }

    #[test]
    fn seconds_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(20)), "20 s");
        assert_eq!(seconds(Duration::from_millis(250)), "0.25 s");
    }

    #[test]
    fn status_lines() {
        assert_eq!(
            status_line(StatusCode::SERVICE_UNAVAILABLE),
            "HTTP 503 Service Unavailable"
        );
        assert_eq!(status_line(StatusCode::from_u16(599).unwrap()), "HTTP 599");
    }
}
