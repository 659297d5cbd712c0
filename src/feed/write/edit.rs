//! Changes made to a feed as a JSON document, so that every field this build does not know, and
//! the order of every key, is kept as the file had it.

use serde_json::{Map, Value};

use crate::model::edit::{Assessment, Edit};

/// Why an edit could not be made to a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No record has the id; the ids closest to it.
    UnknownId(Vec<String>),
    /// The document is not shaped like a feed where the edit needs it to be.
    Shape(String),
}

/// Makes `edit` in `doc` and sets `generated_at` to `now`. Returns the record as it was before.
pub fn apply(doc: &mut Value, edit: &Edit, now: &str) -> Result<Value, EditError> {
    let feed = doc
        .as_object_mut()
        .ok_or_else(|| EditError::Shape("the feed is not a JSON object".into()))?;
    let records = feed
        .get_mut("recommendations")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| EditError::Shape("the feed has no \"recommendations\" list".into()))?;
    let index = find(records, edit.id())?;
    let previous = records[index].clone();
    match edit {
        Edit::Assess(assessment) => {
            let record = records[index].as_object_mut().ok_or_else(|| {
                EditError::Shape(format!("record {} is not an object", edit.id()))
            })?;
            assess(record, assessment)?;
        }
        Edit::Restore { record, .. } => records[index] = record.clone(),
    }
    feed.insert("generated_at".into(), Value::String(now.to_owned()));
    Ok(previous)
}

/// The position of the record with `id`: the same id, or else the only one that differs in case.
fn find(records: &[Value], id: &str) -> Result<usize, EditError> {
    let ids: Vec<&str> = records
        .iter()
        .map(|r| r.get("id").and_then(Value::as_str).unwrap_or(""))
        .collect();
    if let Some(i) = ids.iter().position(|&candidate| candidate == id) {
        return Ok(i);
    }
    let mut folded = ids
        .iter()
        .enumerate()
        .filter(|(_, candidate)| candidate.eq_ignore_ascii_case(id));
    match (folded.next(), folded.next()) {
        (Some((i, _)), None) => Ok(i),
        _ => Err(EditError::UnknownId(closest(&ids, id))),
    }
}

/// Up to five ids closest to `id`, closest first, for "did you mean".
fn closest(ids: &[&str], id: &str) -> Vec<String> {
    let wanted = id.to_ascii_uppercase();
    let mut scored: Vec<(usize, &str)> = ids
        .iter()
        .filter(|candidate| !candidate.is_empty())
        .map(|&candidate| {
            (
                distance(&candidate.to_ascii_uppercase(), &wanted),
                candidate,
            )
        })
        .collect();
    scored.sort_unstable();
    let best = scored.first().map_or(0, |&(d, _)| d);
    scored
        .into_iter()
        .take_while(|&(d, _)| d <= best.max(2))
        .take(5)
        .map(|(_, candidate)| candidate.to_owned())
        .collect()
}

/// Levenshtein distance between two short ids, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn assess(record: &mut Map<String, Value>, a: &Assessment) -> Result<(), EditError> {
    let date = Value::String(a.date.to_string());
    record.insert("status".into(), Value::String(a.status.wire().to_owned()));
    record.insert("last_assessed".into(), date.clone());
    if let Some(priority) = a.priority {
        record.insert("priority".into(), Value::String(priority.word().to_owned()));
    }
    if let Some(due) = a.due {
        record.insert("due".into(), Value::String(due.to_string()));
    }
    if let Some(owners) = &a.owners {
        let owners = owners.iter().cloned().map(Value::String).collect();
        record.insert("owners".into(), Value::Array(owners));
    }
    let visibility = a
        .internal
        .then(|| ("visibility", Value::String("internal".into())));
    if let Some(evidence) = &a.evidence {
        let title = evidence
            .title
            .clone()
            .unwrap_or_else(|| evidence.url.clone());
        let mut entry = Map::new();
        entry.insert("title".into(), Value::String(title));
        entry.insert("url".into(), Value::String(evidence.url.clone()));
        entry.insert("date".into(), date.clone());
        entry.extend(visibility.clone().map(|(k, v)| (k.to_owned(), v)));
        list(record, "evidence")?.push(Value::Object(entry));
    }
    let mut entry = Map::new();
    entry.insert("date".into(), date);
    entry.insert("status".into(), Value::String(a.status.wire().to_owned()));
    if let Some(note) = &a.note {
        entry.insert("note".into(), Value::String(note.clone()));
    }
    if let Some(author) = &a.author {
        entry.insert("author".into(), Value::String(author.clone()));
    }
    entry.extend(visibility.map(|(k, v)| (k.to_owned(), v)));
    list(record, "history")?.push(Value::Object(entry));
    Ok(())
}

/// The list in `field` of a record, made when it is absent or null.
fn list<'r>(
    record: &'r mut Map<String, Value>,
    field: &str,
) -> Result<&'r mut Vec<Value>, EditError> {
    let value = record.entry(field).or_insert(Value::Null);
    if value.is_null() {
        *value = Value::Array(Vec::new());
    }
    value
        .as_array_mut()
        .ok_or_else(|| EditError::Shape(format!("the field \"{field}\" is not a list")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use chrono::NaiveDate;
    use serde_json::json;

    fn assessment(id: &str) -> Assessment {
        Assessment {
            id: id.into(),
            status: Status::InProgress,
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
            note: None,
            author: None,
            evidence: None,
            internal: false,
            priority: None,
            due: None,
            owners: None,
        }
    }

    #[test]
    fn keys_keep_their_order_and_new_ones_come_last() {
        let mut doc = json!({"generated_at": "x", "recommendations": [
            {"zz": 1, "id": "LP-01", "status": "no_action", "aa": 2}
        ]});
        apply(&mut doc, &Edit::Assess(assessment("LP-01")), "now").expect("applies");
        let keys: Vec<&String> = doc["recommendations"][0]
            .as_object()
            .expect("object")
            .keys()
            .collect();
        assert_eq!(
            keys,
            ["zz", "id", "status", "aa", "last_assessed", "history"]
        );
        assert_eq!(doc["generated_at"], "now");
    }

    #[test]
    fn an_id_differing_only_in_case_is_found_and_a_wrong_one_lists_the_closest() {
        let mut doc =
            json!({"recommendations": [{"id": "LP-01"}, {"id": "LP-10"}, {"id": "DF-07"}]});
        let found = apply(&mut doc, &Edit::Assess(assessment("lp-10")), "now");
        assert_eq!(found.expect("found")["id"], "LP-10");
        let err = apply(&mut doc, &Edit::Assess(assessment("LP-1")), "now").expect_err("unknown");
        assert_eq!(
            err,
            EditError::UnknownId(vec!["LP-01".into(), "LP-10".into()])
        );
    }

    #[test]
    fn history_that_is_not_a_list_is_a_shape_error() {
        let mut doc = json!({"recommendations": [{"id": "LP-01", "history": "none"}]});
        let err = apply(&mut doc, &Edit::Assess(assessment("LP-01")), "now").expect_err("shape");
        assert!(matches!(err, EditError::Shape(_)));
    }
}
