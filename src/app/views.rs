//! Saved views: named filter and sort combinations. The door reads them from the config file.

use crate::model::query::{Filter, SortKey};

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
