//! Saved views from the config file, checked and turned into the app's [`SavedView`]s.

use std::collections::BTreeMap;

use crate::app::SavedView;
use crate::config::ViewConfig;
use crate::model::query::{Filter, SortKey};
use crate::model::{Priority, Status};
use crate::text::sanitize;

/// Checks every view of the config. The error names the view and the value at fault.
pub fn resolve_all(views: &BTreeMap<String, ViewConfig>) -> Result<Vec<SavedView>, String> {
    views
        .iter()
        .map(|(name, view)| resolve(name, view))
        .collect()
}

/// Checks one view.
pub fn resolve(name: &str, view: &ViewConfig) -> Result<SavedView, String> {
    let statuses = view
        .statuses
        .iter()
        .map(|s| Status::parse_known(s).map_err(|e| format!("[views.{name}] statuses: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let priorities = view
        .priorities
        .iter()
        .map(|p| Priority::parse_known(p).map_err(|e| format!("[views.{name}] priorities: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let sort = match &view.sort {
        None => None,
        Some(s) => Some(SortKey::from_name(s).ok_or_else(|| {
            format!(
                "[views.{name}] sort: \"{s}\" is not a sort (expected one of: {})",
                SortKey::ALL.map(|k| k.name()).join(", ")
            )
        })?),
    };
    // Names and values come from the config file and are drawn on screen: cleaned like feed
    // text (the feed's own text they are matched with is cleaned too).
    let line = |s: &str| sanitize::line(s, sanitize::caps::TITLE);
    let lines = |list: &[String]| list.iter().map(|s| line(s)).collect();
    Ok(SavedView {
        name: line(name),
        filter: Filter {
            statuses,
            priorities,
            themes: lines(&view.themes),
            owners: lines(&view.owners),
            owner_text: line(view.owner_contains.trim()),
            audiences: lines(&view.audiences),
            overdue: view.overdue,
            due_within: view.due_within,
            changed: view.changed,
            stale_assessment: view.stale_assessment,
            search: line(&view.search),
        },
        sort,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::views::find;
    use crate::config::Config;

    #[test]
    fn the_default_views_resolve() {
        let views = resolve_all(&Config::defaults().unwrap().views).unwrap();
        let data = find(&views, "overdue-data").unwrap();
        assert!(data.filter.overdue);
        assert_eq!(data.filter.themes, ["data"]);
        assert_eq!(data.sort, Some(SortKey::Due));
    }

    #[test]
    fn bad_values_name_the_view_and_the_value() {
        let view = ViewConfig {
            statuses: vec!["started".into()],
            ..ViewConfig::default()
        };
        let err = resolve("mine", &view).unwrap_err();
        assert!(
            err.contains("[views.mine]") && err.contains("\"started\""),
            "{err}"
        );
        let view = ViewConfig {
            sort: Some("age".into()),
            ..ViewConfig::default()
        };
        assert!(resolve("mine", &view).unwrap_err().contains("\"age\""));
    }

    #[test]
    fn an_unknown_view_lists_the_known_ones() {
        let views = resolve_all(&Config::defaults().unwrap().views).unwrap();
        let err = find(&views, "nope").unwrap_err();
        assert!(err.contains("overdue-data"), "{err}");
    }
}
