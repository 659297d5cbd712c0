//! Text helpers that the app, the screen and the feed readers all use, kept below all of them:
//! cleaning untrusted text, wrapping by display width, dates as people write them.

pub mod date;
pub mod sanitize;
pub mod wrap;

pub use date::{Calendar, long_date};
pub use wrap::{fit, fit_words, wrap};
