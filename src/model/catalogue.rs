//! The built-in DATE catalogue: the 36 recommendations of Determinants of Anti-Trafficking Efforts,
//! their audiences, short titles and themes. Embedded from `config/date-catalogue.json`.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::Audience;

/// The catalogue as shipped, in the binary.
pub const DATE_CATALOGUE_JSON: &str = include_str!("../../config/date-catalogue.json");

/// A theme of the catalogue: one determinant of anti-trafficking efforts (not to be confused
/// with the colour theme of the screen, `ui::theme::ColourTheme`).
#[derive(Debug, Clone, Deserialize)]
pub struct ThemeInfo {
    /// Stable id, such as `data`.
    pub id: String,
    /// Name shown on screen.
    pub name: String,
    /// What it covers, in a sentence.
    pub description: String,
}

/// One recommendation as the catalogue defines it.
#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    /// Id such as `LP-09`.
    pub id: String,
    /// Audience id.
    pub audience: String,
    /// Our short title.
    pub title: String,
    /// The text, verbatim from the DATE recommendations.
    pub text: String,
    /// Theme ids.
    pub themes: Vec<String>,
}

/// The whole catalogue.
#[derive(Debug, Clone, Deserialize)]
pub struct Catalogue {
    /// The catalogue's title.
    pub title: String,
    /// The fixed list of themes.
    pub themes: Vec<ThemeInfo>,
    /// The five audiences, in the order of the DATE text.
    pub audiences: Vec<AudienceEntry>,
    /// The 36 recommendations, in order.
    pub recommendations: Vec<Entry>,
    #[serde(skip)]
    by_id: HashMap<String, usize>,
}

/// An audience as the catalogue defines it.
#[derive(Debug, Clone, Deserialize)]
pub struct AudienceEntry {
    /// Stable id, such as `law-policy`.
    pub id: String,
    /// Name shown on screen.
    pub name: String,
}

impl Catalogue {
    /// The DATE catalogue, parsed once.
    pub fn date() -> &'static Catalogue {
        static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
            // The file is ours and a test parses it, so failure here means a broken build; an
            // empty catalogue then makes every catalogue id an error rather than a crash.
            let mut catalogue: Catalogue = serde_json::from_str(DATE_CATALOGUE_JSON)
                .unwrap_or_else(|_| Catalogue {
                    title: String::new(),
                    themes: Vec::new(),
                    audiences: Vec::new(),
                    recommendations: Vec::new(),
                    by_id: HashMap::new(),
                });
            catalogue.by_id = catalogue
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, entry)| (entry.id.clone(), i))
                .collect();
            catalogue
        });
        &CATALOGUE
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.recommendations[i])
    }

    /// The audiences as the model holds them.
    pub fn model_audiences(&self) -> Vec<Audience> {
        self.audiences
            .iter()
            .map(|a| Audience {
                id: a.id.clone(),
                name: a.name.clone(),
            })
            .collect()
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&ThemeInfo> {
        self.themes.iter().find(|theme| theme.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_36_recommendations_in_five_audiences() {
        let catalogue = Catalogue::date();
        assert_eq!(catalogue.recommendations.len(), 36);
        let ids: Vec<&str> = catalogue.audiences.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "law-policy",
                "civil-society",
                "international-organisations",
                "donors-funders",
                "media-research"
            ]
        );
        let expected = [("LP", 11), ("CSO", 8), ("IO", 4), ("DF", 7), ("MR", 6)];
        let mut entries = catalogue.recommendations.iter();
        for ((prefix, count), audience) in expected.iter().zip(&catalogue.audiences) {
            for n in 1..=*count {
                let entry = entries.next().expect("enough entries");
                assert_eq!(entry.id, format!("{prefix}-{n:02}"));
                assert_eq!(entry.audience, audience.id);
            }
        }
    }

    #[test]
    fn titles_are_short_and_themes_come_from_the_fixed_list() {
        let catalogue = Catalogue::date();
        for entry in &catalogue.recommendations {
            assert!(
                entry.title.chars().count() < 60,
                "{} title too long",
                entry.id
            );
            assert!(!entry.themes.is_empty(), "{} has no theme", entry.id);
            for theme in &entry.themes {
                assert!(
                    catalogue.theme(theme).is_some(),
                    "{}: unknown theme {theme}",
                    entry.id
                );
            }
        }
    }
}
