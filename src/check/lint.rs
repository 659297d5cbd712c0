//! An office's likely mistakes in a valid feed: things that load, but that a reader of the report
//! would take for facts. `check` shows them as warnings; `--strict` refuses a feed that has any.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::Recommendation;
use crate::model::catalogue::Catalogue;

/// A feed that uses the DATE ids (every catalogue feed does) should hold all 36: a missing one
/// reads as "nothing to report" in a report. `ids` are the ids of the feed's records.
pub fn missing_date_ids<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> Option<String> {
    let catalogue = Catalogue::date();
    let uses_date_ids = ids.clone().any(|id| catalogue.get(id).is_some());
    if !uses_date_ids {
        return None;
    }
    let present: HashSet<&str> = ids.collect();
    let missing: Vec<&str> = catalogue
        .recommendations
        .iter()
        .map(|entry| entry.id.as_str())
        .filter(|id| !present.contains(id))
        .collect();
    match missing.len() {
        0 => None,
        n => Some(format!(
            "the feed uses the DATE ids but lacks {n} of the {}: {}",
            catalogue.recommendations.len(),
            missing.join(", ")
        )),
    }
}

/// The warnings about one record of a feed generated on `generated`, added to `out`.
pub fn of_record(rec: &Recommendation, generated: NaiveDate, out: &mut Vec<String>) {
    status_differs_from_history(rec, out);
    dated_after(rec, generated, out);
}

/// The latest history entry records the latest change, so the status should be the one it set.
fn status_differs_from_history(rec: &Recommendation, out: &mut Vec<String>) {
    // max_by_key keeps the last of equal dates: the later entry of a day wins.
    let Some(latest) = rec.history.iter().max_by_key(|entry| entry.date) else {
        return;
    };
    if latest.status != rec.status {
        out.push(format!(
            "record {}: the status is \"{}\" but the latest history entry ({}) says \"{}\"",
            rec.id, rec.status, latest.date, latest.status
        ));
    }
}

/// Nothing can have happened after the feed was produced.
fn dated_after(rec: &Recommendation, generated: NaiveDate, out: &mut Vec<String>) {
    for (i, entry) in rec.history.iter().enumerate() {
        if entry.date > generated {
            out.push(format!(
                "record {}, field \"history[{i}].date\": {} is after the feed's generated_at \
                 ({generated})",
                rec.id, entry.date
            ));
        }
    }
    if let Some(date) = rec.last_assessed.filter(|&d| d > generated) {
        out.push(format!(
            "record {}, field \"last_assessed\": {date} is after the feed's generated_at \
             ({generated})",
            rec.id
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::check::tally::Tally;
    use crate::feed::validate::fold_feed;
    use crate::feed::{SAMPLE_FEED_JSON, parse};
    use crate::model::{Feed, HistoryEntry, Status};

    /// Every warning `check` adds about `feed`, as its tally finds them.
    fn findings(feed: &Feed) -> Vec<String> {
        fold_feed::<Tally>(feed.clone()).1.findings()
    }

    fn sample() -> Feed {
        parse(SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap()
    }

    #[test]
    fn the_sample_feed_has_no_finding() {
        assert_eq!(findings(&sample()), Vec::<String>::new());
    }

    #[test]
    fn missing_date_ids_are_named() {
        let mut feed = sample();
        feed.recommendations
            .retain(|r| r.id.0 != "LP-03" && r.id.0 != "MR-06");
        assert_eq!(
            findings(&feed),
            ["the feed uses the DATE ids but lacks 2 of the 36: LP-03, MR-06"]
        );
        feed.recommendations.clear();
        assert!(findings(&feed).is_empty(), "an empty feed uses no DATE ids");
    }

    #[test]
    fn a_status_the_latest_history_entry_does_not_set_is_named() {
        let mut feed = sample();
        let generated = feed.generated_at.date_naive();
        let rec = &mut feed.recommendations[0];
        rec.status = Status::Implemented;
        rec.history = vec![
            HistoryEntry {
                date: generated,
                status: Status::InProgress,
                note: None,
                author: None,
                visibility: crate::model::Visibility::Public,
            },
            HistoryEntry {
                date: generated - chrono::Duration::days(9),
                status: Status::Implemented,
                note: None,
                author: None,
                visibility: crate::model::Visibility::Public,
            },
        ];
        let id = rec.id.clone();
        assert_eq!(
            findings(&feed),
            [format!(
                "record {id}: the status is \"implemented\" but the latest history entry \
                 ({generated}) says \"in progress\""
            )]
        );
    }

    #[test]
    fn dates_after_generated_at_are_named() {
        let mut feed = sample();
        let generated = feed.generated_at.date_naive();
        let later = generated + chrono::Duration::days(1);
        let rec = &mut feed.recommendations[1];
        rec.last_assessed = Some(later);
        let status = rec.status.clone();
        rec.history = vec![HistoryEntry {
            date: later,
            status,
            note: None,
            author: None,
            visibility: crate::model::Visibility::Public,
        }];
        let id = rec.id.clone();
        assert_eq!(
            findings(&feed),
            [
                format!(
                    "record {id}, field \"history[0].date\": {later} is after the feed's \
                     generated_at ({generated})"
                ),
                format!(
                    "record {id}, field \"last_assessed\": {later} is after the feed's \
                     generated_at ({generated})"
                ),
            ]
        );
    }
}
