//! A new feed for an office starting from nothing: the 36 DATE recommendations, none assessed.

use serde_json::{Map, Value, json};

use crate::feed::wire::SCHEMA_VERSION;
use crate::model::Status;
use crate::model::catalogue::Catalogue;

/// The title of a new feed when none is given.
pub const DEFAULT_TITLE: &str = "DATE recommendations: implementation status";

/// The publisher of a new feed when none is given.
pub const DEFAULT_PUBLISHER: &str = "Office of the National Rapporteur";

/// A new feed with every DATE recommendation written out in full (audience, title, text, themes)
/// and not assessed, produced at `now` (RFC 3339).
pub fn date_feed(title: &str, publisher: &str, now: &str) -> Value {
    let catalogue = Catalogue::date();
    let audiences: Vec<Value> = catalogue
        .audiences
        .iter()
        .map(|a| json!({"id": a.id, "name": a.name}))
        .collect();
    let records: Vec<Value> = catalogue
        .recommendations
        .iter()
        .map(|entry| {
            // Built key by key: the order is the order of the file.
            let mut record = Map::new();
            record.insert("id".into(), json!(entry.id));
            record.insert("audience".into(), json!(entry.audience));
            record.insert("title".into(), json!(entry.title));
            record.insert("text".into(), json!(entry.text));
            record.insert("status".into(), json!(Status::NotAssessed.wire()));
            record.insert("themes".into(), json!(entry.themes));
            Value::Object(record)
        })
        .collect();
    let mut feed = Map::new();
    feed.insert("schema_version".into(), json!(SCHEMA_VERSION));
    feed.insert("title".into(), json!(title));
    feed.insert("publisher".into(), json!(publisher));
    feed.insert("generated_at".into(), json!(now));
    feed.insert("sample".into(), json!(false));
    feed.insert("audiences".into(), Value::Array(audiences));
    feed.insert("recommendations".into(), Value::Array(records));
    Value::Object(feed)
}
