//! rapporteur: a terminal console that follows the implementation of the DATE recommendations on
//! anti-trafficking efforts.
//!
//! ```text
//! feed source (file | http | embedded) --> parse + validate + sanitise --> Feed (plain data)
//!       tokio task, sends messages                                           |
//! terminal events --> Action --> App::update(state, action) --> Effect --> ui::render(&App, frame)
//! ```
//!
//! Floors, each using only those below it (docs/architecture.md; `tests/architecture.rs`):
//! the door ([`cli`], [`config`], [`startup`], [`console`], [`check`], [`export`]), then [`ui`],
//! [`app`] (with [`layout`]), [`feed`], [`model`] (the domain core, with [`model::query`]) and
//! [`text`].

pub mod app;
pub mod authoring;
pub mod check;
pub mod cli;
pub mod config;
pub mod console;
pub mod export;
pub mod feed;
pub mod history;
pub mod layout;
pub mod logging;
pub mod model;
pub mod startup;
pub mod terminal;
pub mod text;
pub mod ui;
