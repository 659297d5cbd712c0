//! Turns the loose wire shape into the model, sanitising every string and collecting every problem
//! with the record and field it belongs to.
//!
//! The feed's head (version, time, audiences, catalogue) is checked first, as [`Head`]; the
//! records are then checked against it one at a time ([`record`]), which lets a large feed have
//! its records checked on several cores at once.

mod fold;
mod record;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, Timelike, Utc};

use super::sanitize::{self, caps};
use super::wire::{SCHEMA_VERSION, WireAudience, WireCatalogue, WireFeed};
use crate::model::catalogue::Catalogue;
use crate::model::error::{Place, Problem};
use crate::model::{Audience, Feed, Recommendation};

pub use fold::{Basis, Fold, fold_feed, whole};
pub use record::Records;

/// Validates a parsed feed. Returns the feed, or every problem found.
pub fn validate(wire: WireFeed<'_>) -> Result<Feed, Vec<Problem>> {
    let mut problems = Vec::new();
    let head = Head::check(&wire, &mut problems)?;
    let rules = head.rules();
    let mut records = Records::with_capacity(&head.basis(), wire.recommendations.len());
    let mut seen = HashSet::with_capacity(wire.recommendations.len());
    for (position, raw) in wire.recommendations.into_iter().enumerate() {
        records.add(position, raw, &rules, |id| seen.insert(id.to_owned()));
    }
    problems.append(&mut records.problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(head.into_feed(records.kept, records.warnings))
}

/// Everything in a feed but its records, checked: what each record is checked against.
pub struct Head {
    title: String,
    publisher: String,
    generated_at: DateTime<Utc>,
    sample: bool,
    catalogue: Option<&'static Catalogue>,
    audiences: Vec<Audience>,
}

/// What a record is checked against, borrowed from a [`Head`].
pub struct Rules<'h> {
    catalogue: Option<&'h Catalogue>,
    audience_index: HashMap<&'h str, usize>,
    /// The audience ids for a message, made once: sorting them again for each record with an
    /// unknown audience made a broken feed with many audiences quadratic.
    known_audiences: OnceLock<String>,
}

/// How many audience ids a message lists before it says how many more there are.
const LISTED_AUDIENCES: usize = 12;

impl Rules<'_> {
    /// The feed's audience ids, sorted, for a message: the first few and how many more.
    fn known_audiences(&self) -> &str {
        self.known_audiences.get_or_init(|| {
            let mut ids: Vec<&str> = self.audience_index.keys().copied().collect();
            ids.sort_unstable();
            let more = ids.len().saturating_sub(LISTED_AUDIENCES);
            ids.truncate(LISTED_AUDIENCES);
            let mut list = ids.join(", ");
            if more > 0 {
                list.push_str(&format!(" and {more} more"));
            }
            list
        })
    }
}

impl Head {
    /// Checks the head of a feed, whatever form its records are in. A format version this build
    /// cannot read ends the check at once; other problems are added to `problems`.
    pub fn check<R>(
        wire: &WireFeed<'_, R>,
        problems: &mut Vec<Problem>,
    ) -> Result<Head, Vec<Problem>> {
        if wire.schema_version != SCHEMA_VERSION {
            return Err(vec![version_problem(wire.schema_version)]);
        }
        let generated_at = match rfc3339(wire.generated_at.trim()) {
            Some(at) => at,
            None => {
                problems.push(Problem::new(
                    Place::Field("generated_at".into()),
                    format!(
                        "not an RFC 3339 time (expected for example 2026-11-28T09:00:00Z): \"{}\"",
                        wire.generated_at
                    ),
                ));
                DateTime::<Utc>::UNIX_EPOCH
            }
        };
        let catalogue = wire.catalogue.map(|WireCatalogue::Date| Catalogue::date());
        Ok(Head {
            title: sanitize::line(&wire.title, caps::TITLE),
            publisher: sanitize::line(&wire.publisher, caps::OWNER),
            generated_at,
            sample: wire.sample.unwrap_or(false),
            catalogue,
            audiences: audiences(wire.audiences.as_deref(), catalogue, problems),
        })
    }

    /// The rules records are checked against.
    pub fn rules(&self) -> Rules<'_> {
        Rules {
            catalogue: self.catalogue,
            audience_index: self
                .audiences
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), i))
                .collect(),
            known_audiences: OnceLock::new(),
        }
    }

    /// What a fold of the records may need to know of this head.
    pub fn basis(&self) -> Basis {
        Basis {
            generated_at: self.generated_at,
            audiences: self.audiences.len(),
        }
    }

    /// The whole feed, once its records are checked.
    pub fn into_feed(self, recommendations: Vec<Recommendation>, warnings: Vec<String>) -> Feed {
        Feed {
            title: self.title,
            publisher: self.publisher,
            generated_at: self.generated_at,
            sample: self.sample,
            audiences: self.audiences,
            recommendations,
            warnings,
            signed_at: None,
        }
    }
}

/// An RFC 3339 time with a real second: chrono reads `23:59:60` as a leap second, which no clock
/// of a publisher produces on purpose and which would sort and display oddly.
fn rfc3339(value: &str) -> Option<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(value).ok()?;
    (at.nanosecond() < 1_000_000_000).then(|| at.with_timezone(&Utc))
}

/// The message for a feed written in a format version this build cannot read.
pub fn version_problem(found: u64) -> Problem {
    Problem::new(
        Place::Field("schema_version".into()),
        format!(
            "this feed is format version {found}, and this build of rapporteur reads version \
             {SCHEMA_VERSION}: update rapporteur, or ask the publisher for a version {SCHEMA_VERSION} feed"
        ),
    )
}

fn audiences(
    listed: Option<&[WireAudience<'_>]>,
    catalogue: Option<&Catalogue>,
    problems: &mut Vec<Problem>,
) -> Vec<Audience> {
    let Some(listed) = listed else {
        if let Some(catalogue) = catalogue {
            return catalogue.model_audiences();
        }
        problems.push(Problem::new(
            Place::Field("audiences".into()),
            "is missing: list the audiences, or set \"catalogue\": \"date\" to use the DATE ones",
        ));
        return Vec::new();
    };
    let mut out: Vec<Audience> = Vec::with_capacity(listed.len());
    // A set, not a search of `out`: a feed of 140,000 audiences took 18 s to check that way.
    let mut seen: HashSet<String> = HashSet::with_capacity(listed.len());
    for (i, raw) in listed.iter().enumerate() {
        let id = sanitize::line(&raw.id, caps::ID);
        let field = || format!("audiences[{i}].id");
        if id.is_empty() {
            problems.push(Problem::new(Place::Field(field()), "is empty"));
        } else if !seen.insert(id.clone()) {
            problems.push(Problem::new(
                Place::Field(field()),
                format!("\"{id}\" is listed twice"),
            ));
        } else {
            out.push(Audience {
                id,
                name: sanitize::line(&raw.name, caps::TITLE),
            });
        }
    }
    out
}
