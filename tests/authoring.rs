//! Authoring: `rapporteur init` and `rapporteur set` run as the real binary, and the writer's API
//! (conflicts, undo). Every write must keep the file whole, valid and as it was where it was not
//! changed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption here is a failed test

// A test crate's root looks for modules beside it, so the folder is named explicitly.
#[path = "authoring/api.rs"]
mod api;
#[path = "authoring/commands.rs"]
mod commands;
#[path = "authoring/concurrency.rs"]
mod concurrency;
#[path = "authoring/layout.rs"]
mod layout;
#[path = "authoring/support.rs"]
mod support;
