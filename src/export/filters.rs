//! The export's filter flags read into the query's [`Filter`]: each value by its id or by the
//! label shown on screen, in any case. A value that names nothing is an error that lists the
//! known ones, never an empty table.

use crate::cli::ExportArgs;
use crate::model::catalogue::Catalogue;
use crate::model::query::Filter;
use crate::model::{Feed, Priority, Status};
use crate::text::sanitize;

/// Adds the flags' filters to `filter` (the saved view's, or none).
pub fn apply(args: &ExportArgs, feed: &Feed, filter: &mut Filter) -> Result<(), String> {
    for status in &args.statuses {
        let status = Status::parse_known(status).map_err(|e| format!("--status: {}", clean(&e)))?;
        push_new(&mut filter.statuses, status);
    }
    for priority in &args.priorities {
        let priority =
            Priority::parse_known(priority).map_err(|e| format!("--priority: {}", clean(&e)))?;
        push_new(&mut filter.priorities, priority);
    }
    for theme in &args.themes {
        push_new(&mut filter.themes, theme_id(feed, theme)?);
    }
    for audience in &args.audiences {
        push_new(&mut filter.audiences, audience_id(feed, audience)?);
    }
    if let Some(owner) = args
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        // Flag text is shown in the export's heading: cleaned like feed text.
        filter.owner_text = sanitize::line(owner, sanitize::caps::OWNER);
    }
    if let Some(days) = args.due_within {
        filter.due_within = Some(days);
    }
    if let Some(search) = &args.search {
        filter.search = sanitize::line(search, sanitize::caps::TITLE);
    }
    filter.overdue |= args.overdue;
    Ok(())
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Typed text, for comparing an id or a label: lower case, `-`, `_` and spaces alike.
fn key(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A flag's value in an error message: one line, no control characters, not too long.
fn clean(text: &str) -> String {
    sanitize::line(text, 200)
}

/// The theme id for a theme id or name: the catalogue's themes and any others the feed uses.
fn theme_id(feed: &Feed, wanted: &str) -> Result<String, String> {
    let catalogue = Catalogue::date();
    let mut known: Vec<(String, String)> = catalogue
        .themes
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    for rec in &feed.recommendations {
        for theme in &rec.themes {
            if !known.iter().any(|(id, _)| id == theme) {
                known.push((theme.clone(), theme.clone()));
            }
        }
    }
    find(&known, wanted).ok_or_else(|| unknown("--theme", "theme", wanted, &known))
}

/// The audience id for an audience id or name in the feed.
fn audience_id(feed: &Feed, wanted: &str) -> Result<String, String> {
    let known: Vec<(String, String)> = feed
        .audiences
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    find(&known, wanted).ok_or_else(|| unknown("--audience", "audience", wanted, &known))
}

fn find(known: &[(String, String)], wanted: &str) -> Option<String> {
    let wanted = key(wanted);
    known
        .iter()
        .find(|(id, name)| key(id) == wanted || key(name) == wanted)
        .map(|(id, _)| id.clone())
}

fn unknown(flag: &str, what: &str, wanted: &str, known: &[(String, String)]) -> String {
    let list: Vec<String> = known
        .iter()
        .map(|(id, name)| {
            if id == name {
                id.clone()
            } else {
                format!("{id} ({name})")
            }
        })
        .collect();
    format!(
        "{flag}: \"{}\" is not a {what} of this feed (one of: {})",
        clean(wanted),
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{SAMPLE_FEED_JSON, parse};

    fn args() -> ExportArgs {
        use clap::Parser;
        #[derive(Parser)]
        struct Wrap {
            #[command(flatten)]
            args: ExportArgs,
        }
        Wrap::parse_from(["x"]).args
    }

    #[test]
    fn themes_and_audiences_are_read_by_id_or_label_in_any_case() {
        let feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap();
        assert_eq!(theme_id(&feed, "Data").unwrap(), "data");
        assert_eq!(
            theme_id(&feed, "LEGAL-FRAMEWORK").unwrap(),
            "legal-framework"
        );
        let named = &Catalogue::date().themes[0];
        assert_eq!(
            theme_id(&feed, &named.name.to_uppercase()).unwrap(),
            named.id
        );
        assert_eq!(
            audience_id(&feed, "civil society organisations").unwrap(),
            "civil-society"
        );
        assert_eq!(
            audience_id(&feed, "Civil_Society").unwrap(),
            "civil-society"
        );
    }

    #[test]
    fn an_unknown_value_lists_the_known_ones() {
        let feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").unwrap();
        let err = theme_id(&feed, "Dta").unwrap_err();
        assert!(err.starts_with("--theme: \"Dta\" is not a theme"), "{err}");
        assert!(err.contains("data (Data)"), "{err}");
        let err = audience_id(&feed, "press").unwrap_err();
        assert!(err.contains("media-research"), "{err}");
        let mut with = args();
        with.priorities = vec!["urgent".into()];
        let err = apply(&with, &feed, &mut Filter::default()).unwrap_err();
        assert!(err.starts_with("--priority: \"urgent\""), "{err}");
    }
}
