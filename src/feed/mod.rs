//! Where feeds come from and how they become plain data.
//!
//! ```text
//! source (embedded | file | http) --bytes--> parse --> sanitise + validate --> Feed
//!        tokio task                                                            |
//!                                         FeedMessage over a channel  <--------+
//! ```
//!
//! [`options`] holds the types every source shares, so that the sources ([`source`], [`http`],
//! [`watch`]) import it and not each other. [`load()`] loads any source once.

pub mod archive;
pub mod bounded;
pub mod cache;
pub mod file;
pub mod http;
pub mod identity;
pub mod load;
pub mod local;
pub mod options;
pub mod parse;
pub mod redact;
pub mod signature;
pub mod source;
pub mod tap;
pub mod validate;
pub mod watch;
pub mod wire;
pub mod write;

/// The sanitiser, kept with the other text helpers; every string of a feed goes through it here.
pub use crate::text::sanitize;
pub use cache::default_cache_dir;
pub use http::check_source;
pub use load::{SAMPLE_FEED_JSON, load, load_folded};
pub use options::{MIN_INTERVAL, Secret, Source, SourceOptions};
pub use parse::{parse, parse_body, parse_folded};
