//! A feed with very many audiences and records spread over them: the shape that made validation
//! and `rapporteur check` quadratic. Shared by `benches/load.rs` and `tests/linear_validation.rs`.

use std::fmt::Write as _;

/// How many audiences the wide feed has.
pub const AUDIENCES: usize = 140_000;

/// A feed of `audiences` audiences and `records` records, the records spread evenly over them.
/// With `broken`, every record names an audience the feed lacks and every audience is listed
/// twice, so that each gives a problem.
pub fn wide_feed(audiences: usize, records: usize, broken: bool) -> String {
    let mut out = String::with_capacity(audiences * 36 + records * 90 + 200);
    out.push_str(
        "{\"schema_version\":1,\"title\":\"Wide\",\"publisher\":\"Bench\",\
         \"generated_at\":\"2026-11-28T09:00:00Z\",\"audiences\":[",
    );
    for i in 0..audiences {
        let id = if broken { i / 2 } else { i };
        let comma = if i > 0 { "," } else { "" };
        let _ = write!(out, "{comma}{{\"id\":\"a{id}\",\"name\":\"{i}\"}}");
    }
    out.push_str("],\"recommendations\":[");
    for i in 0..records {
        let audience = if broken {
            format!("missing-{i}")
        } else {
            format!("a{}", i % audiences.max(1))
        };
        let comma = if i > 0 { "," } else { "" };
        let _ = write!(
            out,
            "{comma}{{\"id\":\"R{i}\",\"audience\":\"{audience}\",\"title\":\"T\",\
             \"text\":\"X\",\"status\":\"in_progress\"}}"
        );
    }
    out.push_str("]}");
    out
}
