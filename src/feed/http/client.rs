//! The HTTP clients a fetcher uses, and the credentials a feed URL may carry.

use reqwest::Client;

use super::USER_AGENT;
use crate::feed::options::SourceOptions;

/// A client for the feed's requests; `direct` ones ignore the proxy variables.
pub fn client(options: &SourceOptions, direct: bool) -> reqwest::Result<Client> {
    let builder = Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(options.connect_timeout)
        // Followed by hand: see `policy::token_may_go`.
        .redirect(reqwest::redirect::Policy::none())
        .referer(false)
        .tls_backend_rustls();
    if direct {
        builder.no_proxy().build()
    } else {
        builder.build()
    }
}

/// A user name or password as the URL wrote it, with `%XX` escapes read.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use reqwest::Url;

    use super::*;
    use crate::feed::http::Fetcher;

    #[test]
    fn credentials_leave_the_url_and_go_only_where_the_token_may() {
        let fetcher = Fetcher::new(
            "https://us%40er:p%3Ass@a.example/f.json",
            &crate::startup::default_source_options().unwrap(),
        )
        .expect("https with credentials is accepted");
        assert_eq!(fetcher.origin(), "https://a.example/f.json");
        assert!(!format!("{fetcher:?}").contains("p%3Ass"));
        let home = fetcher.request(&fetcher.url, false, true).build().unwrap();
        assert_eq!(home.url().as_str(), "https://a.example/f.json");
        let auth = home.headers().get(reqwest::header::AUTHORIZATION).unwrap();
        // "us@er:p:ss" in base 64.
        assert_eq!(auth, "Basic dXNAZXI6cDpzcw==");
        assert!(auth.is_sensitive());
        let away = Url::parse("https://b.example/f.json").unwrap();
        let foreign = fetcher.request(&away, true, true).build().unwrap();
        assert!(
            foreign
                .headers()
                .get(reqwest::header::AUTHORIZATION)
                .is_none()
        );
        let back = fetcher.request(&fetcher.url, true, true).build().unwrap();
        assert!(back.headers().get(reqwest::header::AUTHORIZATION).is_none());
    }

    #[test]
    fn escapes_in_credentials_are_read() {
        assert_eq!(percent_decode("a%40b%zz%4"), "a@b%zz%4");
    }
}
