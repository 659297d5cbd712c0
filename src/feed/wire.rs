//! Feed format v1 as it is written: the JSON shape, read by serde and described by JSON Schema.
//!
//! These types are deliberately loose (strings where the model has enums and dates) so that
//! validation can name the record and the field of every mistake, and so that an unknown status
//! is kept rather than refused. Unknown fields are ignored: a newer publisher never blanks an older
//! console. `config/feed.schema.json` is generated from these types.
//!
//! Strings are [`WireStr`]s borrowed from the feed's text where they can be: a 100,000-record feed
//! holds over two million strings, and most of them (statuses, dates) are only read, never kept.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

pub mod objects;

/// The feed format version this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// A string as the feed wrote it: borrowed from the feed's text when it has no escapes, owned when
/// it had to be unescaped. In the schema it is a plain string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireStr<'a>(pub Cow<'a, str>);

impl Deref for WireStr<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WireStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for WireStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> de::Visitor<'de> for Visitor {
            type Value = WireStr<'de>;

            // The same words as `String`'s, so error messages about the feed do not change.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(WireStr(Cow::Borrowed(value)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(WireStr(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
                Ok(WireStr(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

// schemars writes a field's default into the schema only when it can serialise it.
impl Serialize for WireStr<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl JsonSchema for WireStr<'_> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

// `R` is how the records are read: as records, or, to check them on several cores, as the raw
// JSON of each one. (Not a doc comment: doc comments become the schema's descriptions.)
/// A whole feed.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(bound(deserialize = "'de: 'a, R: Deserialize<'de>"))]
#[schemars(title = "rapporteur feed, format v1")]
pub struct WireFeed<'a, R = WireRecommendation<'a>> {
    /// Format version; this build reads 1.
    pub schema_version: u64,
    /// The feed's title, shown in the header.
    #[serde(borrow)]
    pub title: WireStr<'a>,
    /// Who publishes the feed.
    #[serde(borrow)]
    pub publisher: WireStr<'a>,
    /// When the feed was produced, RFC 3339 (for example `2026-11-28T09:00:00Z`).
    #[schemars(with = "chrono::DateTime<chrono::Utc>")]
    #[serde(borrow)]
    pub generated_at: WireStr<'a>,
    /// True when the statuses are illustrative, not a real assessment.
    #[serde(default)]
    pub sample: Option<bool>,
    /// `"date"`: records may carry only their id and status fields; audience, title, text and
    /// themes come from the built-in DATE catalogue.
    #[serde(default)]
    pub catalogue: Option<WireCatalogue>,
    /// The audiences, in display order. May be omitted with `"catalogue": "date"`.
    #[serde(default, deserialize_with = "objects::optional_list")]
    #[serde(borrow)]
    pub audiences: Option<Vec<WireAudience<'a>>>,
    /// The recommendations.
    #[serde(deserialize_with = "objects::list")]
    pub recommendations: Vec<R>,
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
pub struct WireAudience<'a> {
    /// Stable id, such as `law-policy`.
    #[serde(borrow)]
    pub id: WireStr<'a>,
    /// Name shown on screen.
    #[serde(borrow)]
    pub name: WireStr<'a>,
}

/// One recommendation and its status.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireRecommendation<'a> {
    /// Unique id, such as `LP-09`.
    #[serde(borrow)]
    pub id: WireStr<'a>,
    /// Audience id; required unless the catalogue provides it.
    #[serde(default)]
    #[serde(borrow)]
    pub audience: Option<WireStr<'a>>,
    /// Short title; required unless the catalogue provides it.
    #[serde(default)]
    #[serde(borrow)]
    pub title: Option<WireStr<'a>>,
    /// Full text; required unless the catalogue provides it.
    #[serde(default)]
    #[serde(borrow)]
    pub text: Option<WireStr<'a>>,
    /// Implementation status. A value this build does not know is kept and shown as unrecognised.
    #[schemars(with = "WireStatus")]
    #[serde(borrow)]
    pub status: WireStr<'a>,
    /// How urgent it is.
    #[serde(default)]
    #[schemars(with = "Option<WirePriority>")]
    #[serde(borrow)]
    pub priority: Option<WireStr<'a>>,
    /// Who is responsible.
    #[serde(default)]
    #[serde(borrow)]
    pub owners: Option<Vec<WireStr<'a>>>,
    /// Determinants it touches; from the catalogue when omitted.
    #[serde(default)]
    #[serde(borrow)]
    pub themes: Option<Vec<WireStr<'a>>>,
    /// Due date, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    #[serde(borrow)]
    pub due: Option<WireStr<'a>>,
    /// When the status was last checked, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    #[serde(borrow)]
    pub last_assessed: Option<WireStr<'a>>,
    /// The status in a sentence.
    #[serde(default)]
    #[serde(borrow)]
    pub status_note: Option<WireStr<'a>>,
    /// Documents that show the status.
    #[serde(default, deserialize_with = "objects::optional_list")]
    #[serde(borrow)]
    pub evidence: Option<Vec<WireEvidence<'a>>>,
    /// Past changes of status, oldest first.
    #[serde(default, deserialize_with = "objects::optional_list")]
    #[serde(borrow)]
    pub history: Option<Vec<WireHistory<'a>>>,
    /// Dated remarks.
    #[serde(default, deserialize_with = "objects::optional_list")]
    #[serde(borrow)]
    pub notes: Option<Vec<WireNote<'a>>>,
    /// `public` (the default) or `internal`: internal records never reach a wall screen.
    #[serde(default)]
    #[schemars(with = "Option<WireVisibility>")]
    #[serde(borrow)]
    pub visibility: Option<WireStr<'a>>,
}

/// A document or link that shows the status.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireEvidence<'a> {
    /// What it is.
    #[serde(borrow)]
    pub title: WireStr<'a>,
    /// Where it is.
    #[serde(default)]
    #[serde(borrow)]
    pub url: Option<WireStr<'a>>,
    /// When it was published, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    #[serde(borrow)]
    pub date: Option<WireStr<'a>>,
    /// `public` (the default) or `internal`.
    #[serde(default)]
    #[schemars(with = "Option<WireVisibility>")]
    #[serde(borrow)]
    pub visibility: Option<WireStr<'a>>,
}

/// A past change of status.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireHistory<'a> {
    /// When, `YYYY-MM-DD`.
    #[schemars(with = "chrono::NaiveDate")]
    #[serde(borrow)]
    pub date: WireStr<'a>,
    /// The status set then.
    #[schemars(with = "WireStatus")]
    #[serde(borrow)]
    pub status: WireStr<'a>,
    /// Why.
    #[serde(default)]
    #[serde(borrow)]
    pub note: Option<WireStr<'a>>,
    /// Who recorded it.
    #[serde(default)]
    #[serde(borrow)]
    pub author: Option<WireStr<'a>>,
    /// `public` (the default) or `internal`: internal entries never reach a wall screen.
    #[serde(default)]
    #[schemars(with = "Option<WireVisibility>")]
    #[serde(borrow)]
    pub visibility: Option<WireStr<'a>>,
}

/// A dated remark.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WireNote<'a> {
    /// When, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    #[serde(borrow)]
    pub date: Option<WireStr<'a>>,
    /// The remark.
    #[serde(borrow)]
    pub text: WireStr<'a>,
    /// Who wrote it.
    #[serde(default)]
    #[serde(borrow)]
    pub author: Option<WireStr<'a>>,
    /// `public` (the default) or `internal`.
    #[serde(default)]
    #[schemars(with = "Option<WireVisibility>")]
    #[serde(borrow)]
    pub visibility: Option<WireStr<'a>>,
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
