//! Signed feeds: a feed checked against its publisher's minisign signature before it is read.
//!
//! With a trusted public key set (`public-key` in the config, or `--public-key`), every new body
//! of a feed must come with a signature beside it (`<feed URL>.minisig`, `<file>.minisig`) made
//! with the matching secret key. The signature is checked before the body is parsed, so an
//! unsigned or altered feed never reaches the JSON reader. Its trusted comment carries the time
//! it was signed (minisign writes `timestamp:<seconds>`); a feed signed before the one on screen
//! is refused, so that an old feed cannot be replayed to hide progress or undo a correction.

use std::path::Path;

use chrono::{DateTime, Utc};
use minisign_verify::{Error, Signature};

pub use minisign_verify::PublicKey;

/// The largest signature file read: a minisign signature is about 300 bytes.
pub const MAX_SIGNATURE_BYTES: u64 = 64 * 1024;

/// The largest public key file read.
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// Reads a trusted key as given to `--public-key` or `public-key`: the key itself (the base64
/// line of a minisign `.pub` file, starting `RW`), or the path of such a file.
pub fn read_public_key(given: &str) -> Result<PublicKey, String> {
    let trimmed = given.trim();
    if let Ok(key) = PublicKey::from_base64(trimmed) {
        return Ok(key);
    }
    let looks_like_a_key = trimmed.starts_with("RW") && !trimmed.contains(['/', '.']);
    if looks_like_a_key {
        return Err(
            "the public key is not a valid minisign key (expected the line that starts \
                    with RW in the publisher's .pub file)"
                .to_owned(),
        );
    }
    let path = Path::new(trimmed);
    let shown = path.display();
    let bytes = super::local::read_regular(path, MAX_KEY_BYTES)
        .map_err(|err| format!("public key file {shown}: {}", err.reason()))?;
    let text = String::from_utf8_lossy(&bytes);
    // The key line of a .pub file (its first line is a comment), or a file holding just the key.
    text.lines()
        .find_map(|line| PublicKey::from_base64(line.trim()).ok())
        .ok_or_else(|| {
            format!("public key file {shown}: not a minisign public key (a .pub file made by minisign -G)")
        })
}

/// The signature file beside a local feed: `<file>.minisig`, a regular file of at most
/// [`MAX_SIGNATURE_BYTES`].
pub fn read_beside(feed: &Path) -> Result<Vec<u8>, String> {
    let mut name = feed.as_os_str().to_owned();
    name.push(".minisig");
    let path = Path::new(&name);
    super::local::read_regular(path, MAX_SIGNATURE_BYTES).map_err(|err| {
        let shown = super::sanitize::line(&path.display().to_string(), super::sanitize::caps::URL);
        match err {
            super::local::LocalError::Missing => {
                format!("the feed is not signed: there is no {shown} (a public key is set)")
            }
            other => format!("signature file {shown} {}", other.reason()),
        }
    })
}

/// What a good signature vouches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// When the publisher signed the feed, from the signature's trusted comment.
    pub signed_at: DateTime<Utc>,
}

/// Checks `body` against `signature` (the text of a `.minisig` file) and `key`. With
/// `not_before`, the time the feed on screen was signed, an older signature is refused.
pub fn verify(
    key: &PublicKey,
    body: &[u8],
    signature: &[u8],
    not_before: Option<DateTime<Utc>>,
) -> Result<Verified, String> {
    let text = std::str::from_utf8(signature)
        .map_err(|_| "the signature file is not text (expected a minisign .minisig file)")?;
    let signature =
        Signature::decode(text).map_err(|_| "the signature file is not a minisign signature")?;
    key.verify(body, &signature, false)
        .map_err(|err| match err {
            Error::UnexpectedKeyId => {
                "the signature was made with another key than the trusted public key".to_owned()
            }
            Error::UnexpectedAlgorithm => {
                "the signature is in minisign's old format; sign again with a current minisign"
                    .to_owned()
            }
            _ => {
                "the signature does not match the feed: it was changed after it was signed, or the \
              signature belongs to another version"
                    .to_owned()
            }
        })?;
    let signed_at = timestamp(signature.trusted_comment()).ok_or(
        "the signature's trusted comment has no timestamp (minisign adds one unless -t replaces \
         it; keep \"timestamp:\" in it)",
    )?;
    if let Some(shown) = not_before
        && signed_at < shown
    {
        return Err(format!(
            "the feed was signed at {}, before the feed on screen (signed at {}): an older \
             feed is not accepted",
            signed_at.to_rfc3339(),
            shown.to_rfc3339()
        ));
    }
    Ok(Verified { signed_at })
}

/// The time in a trusted comment such as `timestamp:1764576000\tfile:feed.json\thashed`.
fn timestamp(trusted_comment: &str) -> Option<DateTime<Utc>> {
    let value = trusted_comment
        .split(['\t', ' '])
        .find_map(|field| field.strip_prefix("timestamp:"))?;
    let seconds: i64 = value.parse().ok()?;
    DateTime::from_timestamp(seconds, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> (minisign::KeyPair, PublicKey) {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let trusted = PublicKey::from_base64(&pair.pk.to_base64()).unwrap();
        (pair, trusted)
    }

    fn sign(pair: &minisign::KeyPair, body: &[u8], trusted_comment: &str) -> Vec<u8> {
        minisign::sign(Some(&pair.pk), &pair.sk, body, Some(trusted_comment), None)
            .unwrap()
            .into_string()
            .into_bytes()
    }

    #[test]
    fn a_good_signature_passes_and_says_when_it_was_made() {
        let (pair, key) = keys();
        let signature = sign(&pair, b"{}", "timestamp:1764576000\tfile:feed.json\thashed");
        let verified = verify(&key, b"{}", &signature, None).unwrap();
        assert_eq!(verified.signed_at.timestamp(), 1_764_576_000);
    }

    #[test]
    fn a_changed_body_another_key_garbage_and_no_timestamp_are_refused() {
        let (pair, key) = keys();
        let (_, other_key) = keys();
        let signature = sign(&pair, b"{}", "timestamp:1764576000");
        let changed = verify(&key, b"{ }", &signature, None).unwrap_err();
        assert!(changed.contains("does not match"), "{changed}");
        let other = verify(&other_key, b"{}", &signature, None).unwrap_err();
        assert!(other.contains("another key"), "{other}");
        let garbage = verify(&key, b"{}", b"not a signature", None).unwrap_err();
        assert!(garbage.contains("not a minisign signature"), "{garbage}");
        let binary = verify(&key, b"{}", b"\xff\xfe", None).unwrap_err();
        assert!(binary.contains("not text"), "{binary}");
        let undated = sign(&pair, b"{}", "file:feed.json");
        let err = verify(&key, b"{}", &undated, None).unwrap_err();
        assert!(err.contains("no timestamp"), "{err}");
    }

    #[test]
    fn an_older_signature_than_the_one_shown_is_refused() {
        let (pair, key) = keys();
        let signature = sign(&pair, b"{}", "timestamp:1000");
        let shown = |s| DateTime::from_timestamp(s, 0);
        assert!(verify(&key, b"{}", &signature, shown(1000)).is_ok());
        assert!(verify(&key, b"{}", &signature, shown(999)).is_ok());
        let err = verify(&key, b"{}", &signature, shown(1001)).unwrap_err();
        assert!(err.contains("older feed is not accepted"), "{err}");
    }

    #[test]
    fn a_key_is_read_from_its_text_or_its_file() {
        let (pair, key) = keys();
        assert_eq!(read_public_key(&pair.pk.to_base64()), Ok(key.clone()));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("publisher.pub");
        std::fs::write(&file, pair.pk.to_box().unwrap().into_string()).unwrap();
        assert_eq!(read_public_key(file.to_str().unwrap()), Ok(key));
        let err = read_public_key("RWQnot-a-key").unwrap_err();
        assert!(err.contains("not a valid minisign key"), "{err}");
        let missing = read_public_key("/nonexistent/key.pub").unwrap_err();
        assert!(missing.contains("no such file"), "{missing}");
        std::fs::write(&file, "hello").unwrap();
        let bad = read_public_key(file.to_str().unwrap()).unwrap_err();
        assert!(bad.contains("not a minisign public key"), "{bad}");
    }
}
