//! Feed format v1 as it is written: the JSON shape, read by serde and described by JSON Schema.
//!
//! These types are deliberately loose (strings where the model has enums and dates) so that
//! validation can name the record and the field of every mistake, and so that an unknown status
//! is kept rather than refused. Unknown fields are ignored: a newer publisher never blanks an older
//! console. `config/feed.schema.json` is generated from these types.

use schemars::JsonSchema;
use serde::Deserialize;

/// The feed format version this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// A whole feed.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(title = "rapporteur feed, format v1")]
pub struct WireFeed {
    /// Format version; this build reads 1.
    pub schema_version: u64,
    /// The feed's title, shown in the header.
    pub title: String,
    /// Who publishes the feed.
    pub publisher: String,
    /// When the feed was produced, RFC 3339 (for example `2026-11-28T09:00:00Z`).
    #[schemars(with = "chrono::DateTime<chrono::Utc>")]
    pub generated_at: String,
    /// True when the statuses are illustrative, not a real assessment.
    #[serde(default)]
    pub sample: Option<bool>,
    /// `"date"`: records may carry only their id and status fields; audience, title, text and
    /// themes come from the built-in DATE catalogue.
    #[serde(default)]
    pub catalogue: Option<WireCatalogue>,
    /// The audiences, in display order. May be omitted with `"catalogue": "date"`.
    #[serde(default)]
    pub audiences: Option<Vec<WireAudience>>,
    /// The recommendations.
    pub recommendations: Vec<WireRecommendation>,
}

/// A built-in catalogue a feed can build on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WireCatalogue {
    /// The 36 recommendations of Determinants of Anti-Trafficking Efforts.
    Date,
}

/// An addressee of recommendations.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireAudience {
    /// Stable id, such as `law-policy`.
    pub id: String,
    /// Name shown on screen.
    pub name: String,
}

/// One recommendation and its status.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireRecommendation {
    /// Unique id, such as `LP-09`.
    pub id: String,
    /// Audience id; required unless the catalogue provides it.
    #[serde(default)]
    pub audience: Option<String>,
    /// Short title; required unless the catalogue provides it.
    #[serde(default)]
    pub title: Option<String>,
    /// Full text; required unless the catalogue provides it.
    #[serde(default)]
    pub text: Option<String>,
    /// Implementation status. A value this build does not know is kept and shown as unrecognised.
    #[schemars(with = "WireStatus")]
    pub status: String,
    /// How urgent it is.
    #[serde(default)]
    #[schemars(with = "Option<WirePriority>")]
    pub priority: Option<String>,
    /// Who is responsible.
    #[serde(default)]
    pub owners: Option<Vec<String>>,
    /// Determinants it touches; from the catalogue when omitted.
    #[serde(default)]
    pub themes: Option<Vec<String>>,
    /// Due date, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    pub due: Option<String>,
    /// When the status was last checked, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    pub last_assessed: Option<String>,
    /// The status in a sentence.
    #[serde(default)]
    pub status_note: Option<String>,
    /// Documents that show the status.
    #[serde(default)]
    pub evidence: Option<Vec<WireEvidence>>,
    /// Past changes of status, oldest first.
    #[serde(default)]
    pub history: Option<Vec<WireHistory>>,
    /// Dated remarks.
    #[serde(default)]
    pub notes: Option<Vec<WireNote>>,
    /// `public` (the default) or `internal`: internal records never reach a wall screen.
    #[serde(default)]
    #[schemars(with = "Option<WireVisibility>")]
    pub visibility: Option<String>,
}

/// A document or link that shows the status.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireEvidence {
    /// What it is.
    pub title: String,
    /// Where it is.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was published, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    pub date: Option<String>,
    /// `public` (the default) or `internal`.
    #[serde(default)]
    #[schemars(with = "Option<WireVisibility>")]
    pub visibility: Option<String>,
}

/// A past change of status.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireHistory {
    /// When, `YYYY-MM-DD`.
    #[schemars(with = "chrono::NaiveDate")]
    pub date: String,
    /// The status set then.
    #[schemars(with = "WireStatus")]
    pub status: String,
    /// Why.
    #[serde(default)]
    pub note: Option<String>,
}

/// A dated remark.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireNote {
    /// When, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    pub date: Option<String>,
    /// The remark.
    pub text: String,
    /// `public` (the default) or `internal`.
    #[serde(default)]
    #[schemars(with = "Option<WireVisibility>")]
    pub visibility: Option<String>,
}

/// Status values, for the schema only: the parser keeps values it does not know.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum WireStatus {
    NotAssessed,
    NoAction,
    InProgress,
    PartiallyImplemented,
    Implemented,
    NotApplicable,
}

/// Priority values, for the schema only.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum WirePriority {
    High,
    Medium,
    Low,
}

/// Visibility values, for the schema only.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum WireVisibility {
    Public,
    Internal,
}

/// The feed's JSON Schema, pretty-printed with a final newline, as in `config/feed.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(WireFeed);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
