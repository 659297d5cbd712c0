//! Where feeds come from and how they become plain data.
//!
//! ```text
//! source (embedded | file | http) --bytes--> parse --> sanitise + validate --> Feed
//!        tokio task                                                            |
//!                                         FeedMessage over a channel  <--------+
//! ```

pub mod catalogue;
pub mod error;
pub mod parse;
pub mod sanitize;
pub mod source;
pub mod validate;
pub mod wire;

pub use error::{LoadError, Place, Problem};
pub use parse::parse;
pub use source::{FeedMessage, Source, SourceOptions};
