//! rapporteur: a terminal console that follows the implementation of the DATE recommendations on
//! anti-trafficking efforts.
//!
//! ```text
//! feed source (file | http | embedded) --> parse + validate + sanitise --> Feed (plain data)
//!       tokio task, sends messages                                           |
//! terminal events --> Action --> App::update(state, action) --> state --> ui::render(&state, frame)
//! ```

pub mod app;
pub mod authoring;
pub mod check;
pub mod cli;
pub mod config;
pub mod console;
pub mod export;
pub mod feed;
pub mod layout;
pub mod logging;
pub mod model;
pub mod startup;
pub mod terminal;
pub mod ui;
pub mod wrap;
