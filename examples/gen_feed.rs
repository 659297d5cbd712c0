//! Writes a deterministic synthetic feed of N recommendations to standard output, for measuring
//! the console at scale:
//!
//! ```text
//! cargo run --release --example gen_feed -- 100000 > big.json
//! cargo run --release --example gen_feed -- 100000 42 > other.json   # another seed
//! cargo run --release -- check big.json
//! ```
//!
//! The generator itself lives in `benches/support/generator.rs`, shared with the benchmarks, so
//! what is measured there is exactly what this writes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed assumption is a failed run

use std::io::Write;
use std::process::ExitCode;

#[path = "../benches/support/generator.rs"]
mod generator;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (count, seed) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("gen_feed: {message}");
            eprintln!("usage: gen_feed COUNT [SEED] > feed.json");
            return ExitCode::from(2);
        }
    };
    let json = generator::generate(count, seed);
    let mut out = std::io::stdout().lock();
    match out.write_all(json.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen_feed: cannot write the feed: {err}");
            ExitCode::FAILURE
        }
    }
}

/// COUNT, and SEED or the default one.
fn parse_args(args: &[String]) -> Result<(usize, u64), String> {
    let count = match args.first() {
        Some(arg) => arg
            .parse()
            .map_err(|_| format!("COUNT must be a whole number, not {arg:?}"))?,
        None => return Err("COUNT is missing".to_owned()),
    };
    let seed = match args.get(1) {
        Some(arg) => arg
            .parse()
            .map_err(|_| format!("SEED must be a whole number, not {arg:?}"))?,
        None => generator::DEFAULT_SEED,
    };
    if args.len() > 2 {
        return Err("too many arguments".to_owned());
    }
    Ok((count, seed))
}
