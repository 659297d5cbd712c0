//! Where feeds come from and how they become plain data.
//!
//! ```text
//! source (embedded | file | http) --bytes--> parse --> sanitise + validate --> Feed
//!        tokio task                                                            |
//!                                         FeedMessage over a channel  <--------+
//! ```

pub mod cache;
pub mod catalogue;
pub mod error;
pub mod http;
pub mod local;
pub mod parse;
pub mod redact;
pub mod sanitize;
pub mod signature;
pub mod source;
pub mod validate;
pub mod watch;
pub mod wire;

pub use cache::default_cache_dir;
pub use error::{LoadError, Place, Problem};
pub use http::check_source;
pub use parse::parse;
pub use source::{FeedMessage, Source, SourceOptions};
