//! The JSON export: `{"feed": {...}, "recommendations": [...]}`. Its JSON Schema,
//! `config/export.schema.json`, is generated from these types (`rapporteur schema --export`).
//!
//! A recommendation carries the columns chosen (`--columns`): a field not chosen is absent, and a
//! chosen field the record has no value for is `null`.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::Export;
use super::columns::{self, Column, theme_name, visibility_word};
use super::confidential::Row;
use super::header::SAMPLE_LINE;

/// A whole JSON export.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "rapporteur export", deny_unknown_fields)]
pub struct ExportDocument {
    /// What the export is: which feed, as of when, exported when, with which filters.
    pub feed: FeedFacts,
    /// The recommendations chosen, in the order the console lists them.
    pub recommendations: Vec<ExportRecord>,
}

/// The facts about an export.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FeedFacts {
    /// The feed's title.
    pub title: String,
    /// Who publishes the feed.
    pub publisher: String,
    /// When the publisher produced the feed: the date the statuses hold for (RFC 3339).
    pub generated_at: DateTime<Utc>,
    /// True for sample data: illustrative statuses, not a real assessment.
    pub sample: bool,
    /// For sample data, the line that says so; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_notice: Option<String>,
    /// When the export was written (RFC 3339).
    pub exported_at: DateTime<Utc>,
    /// The filters used, in words, such as "status: no action"; empty for none.
    pub filters: Vec<String>,
    /// True when internal items are included (`--include-internal`): not for publication.
    pub includes_internal: bool,
}

/// One recommendation. Each field is present only when its column was chosen.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct ExportRecord {
    /// Its id, such as `LP-09`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The audience's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// The short title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The full text (`--full-text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The status in words, such as "in progress"; an unknown value as "unrecognised: VALUE".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// high, medium or low.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Option<String>>,
    /// Who is responsible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<String>>,
    /// The themes' names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub themes: Option<Vec<String>>,
    /// When it should be done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<Option<NaiveDate>>,
    /// Days past the due date when it is overdue, else null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<Option<i64>>,
    /// When its status was last checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_assessed: Option<Option<NaiveDate>>,
    /// The status in a sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_note: Option<Option<String>>,
    /// The date of the latest history entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_change_date: Option<Option<NaiveDate>>,
    /// The status the latest history entry set, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_change_status: Option<Option<String>>,
    /// The note of the latest history entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_change_note: Option<Option<String>>,
    /// The evidence exported with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<ExportEvidence>>,
    /// The notes exported with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<ExportNote>>,
    /// "public" or "internal" (only with `--include-internal`); internal when the record or
    /// anything exported with it is internal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
}

/// A piece of evidence.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ExportEvidence {
    /// What it is.
    pub title: String,
    /// Where it is.
    pub url: Option<String>,
    /// When it was published.
    pub date: Option<NaiveDate>,
    /// "public" or "internal" (only with `--include-internal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
}

/// A dated remark.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ExportNote {
    /// When it was written.
    pub date: Option<NaiveDate>,
    /// The remark.
    pub text: String,
    /// "public" or "internal" (only with `--include-internal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
}

/// The export as JSON.
pub fn render(export: &Export<'_>) -> Result<String, String> {
    let meta = &export.meta;
    let document = ExportDocument {
        feed: FeedFacts {
            title: meta.title.clone(),
            publisher: meta.publisher.clone(),
            generated_at: meta.generated_at,
            sample: meta.sample,
            sample_notice: meta.sample.then(|| SAMPLE_LINE.to_owned()),
            exported_at: meta.exported_at,
            filters: meta.filters.clone(),
            includes_internal: meta.includes_internal,
        },
        recommendations: export.rows.iter().map(|row| record(export, row)).collect(),
    };
    let mut out = serde_json::to_string_pretty(&document)
        .map_err(|e| format!("cannot write the JSON: {e}"))?;
    out.push('\n');
    Ok(out)
}

fn record(export: &Export<'_>, row: &Row<'_>) -> ExportRecord {
    let rec = row.rec;
    let internal = export.meta.includes_internal;
    let tag = |v| internal.then(|| visibility_word(v).to_owned());
    let latest = columns::latest_change(row);
    let mut out = ExportRecord::default();
    for &column in &export.columns {
        match column {
            Column::Id => out.id = Some(rec.id.0.clone()),
            Column::Audience => {
                out.audience = Some(columns::text(export.feed, row, column, export.today));
            }
            Column::Title => out.title = Some(rec.title.clone()),
            Column::Text => out.text = Some(rec.text.clone()),
            Column::Status => out.status = Some(rec.status.to_string()),
            Column::Priority => out.priority = Some(rec.priority.map(|p| p.word().to_owned())),
            Column::Owners => out.owners = Some(rec.owners.clone()),
            Column::Themes => out.themes = Some(rec.themes.iter().map(|t| theme_name(t)).collect()),
            Column::Due => out.due = Some(rec.due),
            Column::DaysOverdue => {
                out.days_overdue = Some(columns::days_overdue(row, export.today))
            }
            Column::LastAssessed => out.last_assessed = Some(rec.last_assessed),
            Column::StatusNote => out.status_note = Some(rec.status_note.clone()),
            Column::LatestChangeDate => out.latest_change_date = Some(latest.map(|h| h.date)),
            Column::LatestChangeStatus => {
                out.latest_change_status = Some(latest.map(|h| h.status.to_string()));
            }
            Column::LatestChangeNote => {
                out.latest_change_note = Some(latest.and_then(|h| h.note.clone()));
            }
            Column::Evidence => {
                out.evidence = Some(
                    row.evidence
                        .iter()
                        .map(|e| ExportEvidence {
                            title: e.title.clone(),
                            url: e.url.clone(),
                            date: e.date,
                            visibility: tag(e.visibility),
                        })
                        .collect(),
                );
            }
            Column::Notes => {
                out.notes = Some(
                    row.notes
                        .iter()
                        .map(|n| ExportNote {
                            date: n.date,
                            text: n.text.clone(),
                            visibility: tag(n.visibility),
                        })
                        .collect(),
                );
            }
            Column::Visibility => {
                out.visibility = Some(visibility_word(row.visibility()).to_owned())
            }
        }
    }
    out
}

/// The JSON Schema of the export, as published in `config/export.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(ExportDocument);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
