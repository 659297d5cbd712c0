//! Saved views: named filter and sort combinations from the config file.

use std::collections::BTreeMap;

use super::filter::{Filter, SortKey};
use crate::config::ViewConfig;
use crate::model::{Priority, Status};

/// A saved view, checked and ready to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    /// Its name in the config, such as `overdue-data`.
    pub name: String,
    /// The filters it sets.
    pub filter: Filter,
    /// The sort it sets, if any.
    pub sort: Option<SortKey>,
}

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
        .map(|s| match Status::from_wire(s) {
            Status::Unrecognised(_) => Err(format!(
                "[views.{name}] statuses: \"{s}\" is not a status (expected one of: {})",
                Status::KNOWN.map(|k| k.wire().to_owned()).join(", ")
            )),
            known => Ok(known),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let priorities = view
        .priorities
        .iter()
        .map(|p| {
            Priority::from_wire(p).ok_or_else(|| {
                format!("[views.{name}] priorities: \"{p}\" is not high, medium or low")
            })
        })
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
    Ok(SavedView {
        name: name.to_owned(),
        filter: Filter {
            statuses,
            priorities,
            themes: view.themes.clone(),
            owners: view.owners.clone(),
            audiences: view.audiences.clone(),
            overdue: view.overdue,
            changed: view.changed,
            stale_assessment: view.stale_assessment,
            search: view.search.clone(),
        },
        sort,
    })
}

/// Finds a view by name; the error lists the known names.
pub fn find<'a>(views: &'a [SavedView], name: &str) -> Result<&'a SavedView, String> {
    views.iter().find(|v| v.name == name).ok_or_else(|| {
        let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
        if names.is_empty() {
            format!("there is no view \"{name}\": the configuration defines no views")
        } else {
            format!(
                "there is no view \"{name}\"; the views are: {}",
                names.join(", ")
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_views_resolve() {
        let views = resolve_all(&crate::config::Config::default().views).unwrap();
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
        let views = resolve_all(&crate::config::Config::default().views).unwrap();
        let err = find(&views, "nope").unwrap_err();
        assert!(err.contains("overdue-data"), "{err}");
    }
}
