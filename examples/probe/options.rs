//! The probe's command line: the feed, the binary, and how to type and time.

use std::path::PathBuf;
use std::time::Duration;

pub struct Options {
    pub feed: PathBuf,
    pub bin: PathBuf,
    pub settle: Duration,
    pub rounds: usize,
    pub archive: bool,
    /// Keys at least this slow are listed one by one, with where their time went.
    pub trace: Option<Duration>,
    /// Type the whole script at once after the first frame, while the feed is being indexed.
    pub at_once: bool,
    /// A feed file to compare with: the console starts with `--baseline FILE`, and each round
    /// ends on the changes screen.
    pub baseline: Option<PathBuf>,
    /// A data folder kept from run to run (the archive on): the same feed again is a snapshot the
    /// archive holds, as at a console's usual start.
    pub data: Option<PathBuf>,
}

pub fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let mut feed = None;
    let mut bin = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/release/rapporteur"
    ));
    let (mut settle, mut rounds, mut archive) = (Duration::from_millis(30), 3, false);
    let (mut trace, mut at_once, mut baseline, mut data) = (None, false, None, None);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--bin" => bin = PathBuf::from(value()),
            "--settle" => settle = Duration::from_millis(value().parse().expect("milliseconds")),
            "--rounds" => rounds = value().parse().expect("a number of rounds"),
            "--archive" => archive = true,
            "--at-once" => at_once = true,
            "--baseline" => baseline = Some(PathBuf::from(value())),
            "--data" => data = Some(PathBuf::from(value())),
            "--trace" => trace = Some(Duration::from_millis(value().parse().expect("ms"))),
            _ => feed = Some(PathBuf::from(arg)),
        }
    }
    let Some(feed) = feed else {
        eprintln!(
            "usage: key_latency FEED.json [--bin PATH] [--settle MS] [--rounds N] [--archive] \
             [--at-once] [--trace MS] [--baseline FILE] [--data DIR]"
        );
        std::process::exit(2);
    };
    // The console starts in another folder: paths as given would not be found from there.
    Options {
        feed: std::fs::canonicalize(&feed).unwrap_or(feed),
        bin: std::fs::canonicalize(&bin).unwrap_or(bin),
        settle,
        rounds,
        archive,
        trace,
        at_once,
        baseline: baseline.map(|b| std::fs::canonicalize(&b).unwrap_or(b)),
        data,
    }
}
