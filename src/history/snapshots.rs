//! `rapporteur snapshots`: the archive's snapshots of a feed, and naming one.

use std::fmt::Write as _;

use chrono::{Local, NaiveDate};

use super::Spec;
use super::reference::find_snapshot;
use crate::feed::Source;
use crate::feed::archive::{Archive, Snapshot, source_key};
use crate::text::sanitize;

/// Runs the command: lists the snapshots of `source`, or pins the one in force at the end of
/// `pin` under `name`. Returns what to print.
pub fn run(
    archive: Option<&mut Archive>,
    source: &Source,
    pin: Option<&str>,
    name: Option<&str>,
) -> Result<String, String> {
    let Some(archive) = archive else {
        return Err("no snapshot archive is kept (keep-snapshots = 0, or no data folder)".into());
    };
    let shown = sanitize::line(&source.to_string(), 200);
    match (pin, name) {
        (Some(date), Some(name)) => {
            let date = pin_date(date)?;
            let name = name.trim();
            let shown_name = sanitize::line(name, 80);
            if !matches!(Spec::parse(name), Ok(Spec::Named(_))) {
                return Err(format!(
                    "--name \"{shown_name}\": --baseline and diff would read that as previous, a \
                     date, a file or a URL, not as this name; choose another, such as \"2025 report\""
                ));
            }
            let snapshot = find_snapshot(archive, &Spec::Date(date), source, None)?;
            let key = source_key(source);
            let held = archive.named(&key, name).map_err(|e| e.to_string())?;
            archive
                .pin(&snapshot, &key, name)
                .map_err(|e| e.to_string())?;
            let mut said = format!(
                "Pinned the snapshot of {shown} read {} as \"{shown_name}\".\n",
                local(&snapshot)
            );
            // A name names one snapshot, and a snapshot has one name: say what this replaced.
            if let Some(held) = held.filter(|held| held.id != snapshot.id) {
                said.push_str(&format!(
                    "The name was on the snapshot read {} until now.\n",
                    local(&held)
                ));
            }
            if let Some(before) = snapshot
                .pinned
                .as_deref()
                .filter(|before| !before.eq_ignore_ascii_case(name))
            {
                said.push_str(&format!(
                    "It was pinned as \"{}\"; that name now names no snapshot.\n",
                    sanitize::line(before, 80)
                ));
            }
            Ok(said)
        }
        (Some(_), None) => Err("--pin needs --name, such as --name \"2025 report\"".into()),
        (None, Some(_)) => Err("--name needs --pin DATE, the day whose snapshot to name".into()),
        (None, None) => {
            let list = archive
                .list(&source_key(source))
                .map_err(|e| e.to_string())?;
            // A mistyped path lists nothing: say so rather than "no snapshots yet".
            if let (true, Source::File(path)) = (list.is_empty(), source)
                && !path.exists()
            {
                return Err(format!(
                    "{shown}: no such file, and the archive holds no snapshot of it; give the \
                     path of a feed the console or check has loaded"
                ));
            }
            Ok(table(&shown, &list))
        }
    }
}

fn local(snapshot: &Snapshot) -> String {
    snapshot
        .fetched_at
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The day `--pin` names.
fn pin_date(date: &str) -> Result<NaiveDate, String> {
    let shown = sanitize::line(date, 40);
    match Spec::parse(date) {
        Ok(Spec::Date(date)) => Ok(date),
        Err(why) if why.contains("not a date of the calendar") => {
            Err(format!("--pin {}", sanitize::line(&why, 120)))
        }
        _ => Err(format!("--pin \"{shown}\": give a date as YYYY-MM-DD")),
    }
}

/// The list, oldest first: when read, when generated, the counts by status, the pinned name.
pub fn table(shown: &str, list: &[Snapshot]) -> String {
    let mut out = String::new();
    if list.is_empty() {
        let _ = writeln!(
            out,
            "No snapshots of {shown} yet: they are kept as feeds are loaded."
        );
        return out;
    }
    let n = list.len();
    let _ = writeln!(
        out,
        "{n} snapshot{} of {shown}:",
        if n == 1 { "" } else { "s" }
    );
    let _ = writeln!(
        out,
        "{:<16}  {:<16}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}  pinned",
        "read", "generated", "impl", "part", "prog", "none", "n/ass", "n/a"
    );
    for s in list {
        let c = &s.counts.known;
        let generated = s
            .generated_at
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M");
        let pinned = s
            .pinned
            .as_deref()
            .map(|p| format!("\"{}\"", sanitize::line(p, 60)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<16}  {:<16}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5}  {pinned}",
            local(s),
            generated.to_string(),
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            c[5]
        );
    }
    let _ = writeln!(
        out,
        "impl implemented, part partially implemented, prog in progress, none no action, \
         n/ass not assessed, n/a not applicable"
    );
    out
}
