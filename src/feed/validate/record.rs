//! One record checked against the feed's head: every string sanitised, every problem named by
//! the record's id and field.

use std::fmt;

use chrono::NaiveDate;

mod lists;

use super::Rules;
use super::fold::{Basis, Fold};
use crate::feed::sanitize::{self, caps, counts};
use crate::feed::wire::{WireRecommendation, WireStr};
use crate::model::catalogue::{Catalogue, Entry};
use crate::model::error::Problem;
use crate::model::{Priority, RecId, Recommendation, Status, Visibility};

/// Records checked so far, in feed order, with what was wrong or odd in them. What is kept of
/// the records that pass is up to `K` ([`Fold`]): the records themselves, or a tally.
#[derive(Debug)]
pub struct Records<K = Vec<Recommendation>> {
    /// What is kept of the records that passed.
    pub kept: K,
    /// What was wrong, record by record.
    pub problems: Vec<Problem>,
    /// What was odd but usable.
    pub warnings: Vec<String>,
}

impl<K: Fold> Records<K> {
    /// Room for `n` records of a feed with this basis.
    pub fn with_capacity(basis: &Basis, n: usize) -> Self {
        Records {
            kept: K::empty(basis, n),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Checks the record at `position` (from 0) in the feed. `is_new` is asked whether its id has
    /// not been seen before; a caller that checks ids apart answers always yes.
    pub fn add(
        &mut self,
        position: usize,
        raw: WireRecommendation<'_>,
        rules: &Rules<'_>,
        is_new: impl FnOnce(&str) -> bool,
    ) {
        let mut ctx = RecordContext {
            id: sanitize::line(&raw.id, caps::ID),
            problems: &mut self.problems,
            warnings: &mut self.warnings,
        };
        if ctx.id.is_empty() {
            ctx.id = format!("#{}", position + 1);
            ctx.problem("id", "is empty");
        } else if !is_new(&ctx.id) {
            ctx.problem("id", "is used by an earlier record too: ids must be unique");
        }
        if let Some(rec) = recommendation(raw, &mut ctx, rules) {
            if let Status::Unrecognised(value) = &rec.status {
                ctx.warnings.push(format!(
                    "record {}: status \"{value}\" is not one this build knows; shown as unrecognised",
                    rec.id
                ));
            }
            self.kept.keep(rec);
        }
    }

    /// Adds the records of the part of the feed that follows these.
    pub fn append(&mut self, mut next: Records<K>) {
        self.kept.append(next.kept);
        self.problems.append(&mut next.problems);
        self.warnings.append(&mut next.warnings);
    }
}

/// The record being validated, so every problem can name it.
struct RecordContext<'a> {
    id: String,
    problems: &'a mut Vec<Problem>,
    warnings: &'a mut Vec<String>,
}

impl RecordContext<'_> {
    // Fields are named lazily (`impl Display`): most records have no problem, so a name such as
    // `notes[3].date` is only formatted when there is one to report.
    fn problem(&mut self, field: impl fmt::Display, message: impl AsRef<str>) {
        self.problems
            .push(Problem::record(&self.id, &field.to_string(), message));
    }

    fn date(&mut self, field: impl fmt::Display, value: &str) -> Option<NaiveDate> {
        let trimmed = value.trim();
        match plain_date(trimmed) {
            Some(date) => Some(date),
            None => {
                self.problem(
                    field,
                    format!(
                        "not a date (expected YYYY-MM-DD, for example 2026-06-30): \"{value}\""
                    ),
                );
                None
            }
        }
    }

    fn optional_date(
        &mut self,
        field: impl fmt::Display,
        value: Option<&str>,
    ) -> Option<NaiveDate> {
        value.and_then(|v| self.date(field, v))
    }

    /// `items` cut to `cap`, with a warning when anything was cut.
    fn capped<T>(&mut self, field: &str, mut items: Vec<T>, cap: usize, keep: Keep) -> Vec<T> {
        let n = items.len();
        if n <= cap {
            return items;
        }
        let which = match keep {
            Keep::First => {
                items.truncate(cap);
                "first"
            }
            Keep::Last => {
                items.drain(..n - cap);
                "latest"
            }
        };
        self.warnings.push(format!(
            "record {}, field \"{field}\": {n} entries; only the {which} {cap} are kept",
            self.id
        ));
        items
    }

    fn visibility(&mut self, field: impl fmt::Display, value: Option<&str>) -> Visibility {
        match value {
            None | Some("public") => Visibility::Public,
            Some("internal") => Visibility::Internal,
            // Fail closed: a value we do not know may mean something more private than public.
            Some(other) => {
                self.warnings.push(format!(
                    "record {}, field \"{field}\": \"{}\" is not public or internal; treated as internal",
                    self.id,
                    sanitize::line(other, caps::STATUS)
                ));
                Visibility::Internal
            }
        }
    }
}

/// Which entries of a list that is too long are kept.
#[derive(Clone, Copy)]
enum Keep {
    First,
    Last,
}

/// The date in a value of exactly the form `YYYY-MM-DD`: four digits, two, two, nothing else.
///
/// chrono's `parse_from_str` with `%Y-%m-%d` also takes `2026-6-3`, `+10000-01-01` and
/// `-0001-01-01`, which no publisher means; and it reads its format string again for every value,
/// which was a twentieth of the load time of a feed with half a million dates.
fn plain_date(value: &str) -> Option<NaiveDate> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)
}

/// One record checked field group by field group, in the order its problems are reported.
fn recommendation(
    raw: WireRecommendation<'_>,
    ctx: &mut RecordContext<'_>,
    rules: &Rules<'_>,
) -> Option<Recommendation> {
    let catalogue = rules.catalogue;
    let entry = catalogue_entry(ctx, catalogue);
    let audience = audience(
        ctx,
        raw.audience.as_deref(),
        entry,
        catalogue.is_none(),
        rules,
    );
    let (title, text) = title_and_text(ctx, &raw, entry, catalogue.is_some());
    let (priority, due, last_assessed) = priority_and_dates(ctx, &raw);
    let status_note = optional_text(raw.status_note.as_deref());
    let (owners, themes) = owners_and_themes(ctx, raw.owners, raw.themes, entry);
    let (evidence, history, notes) = lists::check(ctx, raw.evidence, raw.history, raw.notes);
    let visibility = ctx.visibility("visibility", raw.visibility.as_deref());

    Some(Recommendation {
        id: RecId(ctx.id.clone()),
        audience: audience?,
        title: title?,
        text: text?,
        status: status(&raw.status),
        priority,
        owners,
        themes,
        due,
        last_assessed,
        status_note,
        evidence,
        history,
        notes,
        visibility,
    })
}

/// The record's entry in the catalogue, when one is in use; an id not in it is a problem.
fn catalogue_entry<'c>(
    ctx: &mut RecordContext<'_>,
    catalogue: Option<&'c Catalogue>,
) -> Option<&'c Entry> {
    match catalogue {
        Some(catalogue) => match catalogue.get(&ctx.id) {
            Some(entry) => Some(entry),
            None => {
                ctx.problem(
                    "id",
                    "is not in the DATE catalogue (ids run LP-01..LP-11, CSO-01..CSO-08, \
                     IO-01..IO-04, DF-01..DF-07, MR-01..MR-06)",
                );
                None
            }
        },
        None => None,
    }
}

/// The index of the record's audience: the one given, or else the catalogue's. Without a
/// catalogue it must be given.
fn audience(
    ctx: &mut RecordContext<'_>,
    given: Option<&str>,
    entry: Option<&Entry>,
    no_catalogue: bool,
    rules: &Rules<'_>,
) -> Option<usize> {
    let audience_id = given
        .map(|a| sanitize::line(a, caps::ID))
        .or_else(|| entry.map(|e| e.audience.clone()));
    match audience_id {
        Some(id) => match rules.audience_index.get(id.as_str()) {
            Some(&i) => Some(i),
            None => {
                ctx.problem(
                    "audience",
                    format!(
                        "\"{id}\" is not one of the feed's audiences ({})",
                        rules.known_audiences()
                    ),
                );
                None
            }
        },
        None if no_catalogue => {
            ctx.problem("audience", "is missing");
            None
        }
        None => None,
    }
}

/// The title (one line) and the text, each given or else the catalogue's.
fn title_and_text(
    ctx: &mut RecordContext<'_>,
    raw: &WireRecommendation<'_>,
    entry: Option<&Entry>,
    catalogue_in_use: bool,
) -> (Option<String>, Option<String>) {
    let title = required_text(
        ctx,
        "title",
        raw.title.as_deref(),
        entry.map(|e| &e.title),
        catalogue_in_use,
        caps::TITLE,
        true,
    );
    let text = required_text(
        ctx,
        "text",
        raw.text.as_deref(),
        entry.map(|e| &e.text),
        catalogue_in_use,
        caps::TEXT,
        false,
    );
    (title, text)
}

/// The priority, the due date and the date last assessed, each optional.
fn priority_and_dates(
    ctx: &mut RecordContext<'_>,
    raw: &WireRecommendation<'_>,
) -> (Option<Priority>, Option<NaiveDate>, Option<NaiveDate>) {
    let priority = raw.priority.as_deref().and_then(|p| {
        let parsed = Priority::from_wire(p);
        if parsed.is_none() {
            ctx.problem(
                "priority",
                format!("must be high, medium or low, not \"{p}\""),
            );
        }
        parsed
    });
    let due = ctx.optional_date("due", raw.due.as_deref());
    let last_assessed = ctx.optional_date("last_assessed", raw.last_assessed.as_deref());
    (priority, due, last_assessed)
}

/// The owners given, and the themes given or else the catalogue's; blanks are dropped.
fn owners_and_themes(
    ctx: &mut RecordContext<'_>,
    owners: Option<Vec<WireStr<'_>>>,
    themes: Option<Vec<WireStr<'_>>>,
    entry: Option<&Entry>,
) -> (Vec<String>, Vec<String>) {
    let owners = ctx
        .capped(
            "owners",
            owners.unwrap_or_default(),
            counts::OWNERS,
            Keep::First,
        )
        .iter()
        .map(|o| sanitize::line(o, caps::OWNER))
        .filter(|o| !o.is_empty())
        .collect();
    let themes = match themes {
        Some(themes) => ctx
            .capped("themes", themes, counts::THEMES, Keep::First)
            .iter()
            .map(|t| sanitize::line(t, caps::ID))
            .filter(|t| !t.is_empty())
            .collect(),
        None => entry.map(|e| e.themes.clone()).unwrap_or_default(),
    };
    (owners, themes)
}

fn required_text(
    ctx: &mut RecordContext<'_>,
    field: &str,
    given: Option<&str>,
    from_catalogue: Option<&String>,
    catalogue_in_use: bool,
    cap: usize,
    one_line: bool,
) -> Option<String> {
    let clean = |s: &str| {
        if one_line {
            sanitize::line(s, cap)
        } else {
            sanitize::text(s, cap)
        }
    };
    match (given.map(clean), from_catalogue) {
        (Some(value), _) if !value.is_empty() => Some(value),
        (_, Some(value)) => Some(value.clone()),
        (Some(_), None) => {
            ctx.problem(field, "is empty");
            None
        }
        // With a catalogue, the field is missing only because the id is not in it, and that
        // is reported already: one mistake, one problem.
        (None, None) if catalogue_in_use => None,
        (None, None) => {
            ctx.problem(field, "is missing");
            None
        }
    }
}

fn optional_text(value: Option<&str>) -> Option<String> {
    value
        .map(|v| sanitize::text(v, caps::NOTE))
        .filter(|v| !v.is_empty())
}

fn status(value: &str) -> Status {
    match Status::from_wire(value.trim()) {
        Status::Unrecognised(other) => Status::Unrecognised(sanitize::line(&other, caps::STATUS)),
        known => known,
    }
}
