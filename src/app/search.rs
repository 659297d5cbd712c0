//! Case-insensitive text search over id, title, text, owners, status note and notes.
//!
//! The lower-cased text of every record is built once per feed, on the first search. As a query
//! grows by a keystroke, only the records that matched the shorter query are searched again.

use crate::model::{Feed, Recommendation, Visibility};

/// The searchable text of every record, lower-cased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    haystacks: Vec<String>,
}

impl SearchIndex {
    /// Builds the index of a feed. Internal notes are left out when `public_only`.
    pub fn build(feed: &Feed, public_only: bool) -> SearchIndex {
        SearchIndex {
            haystacks: feed
                .recommendations
                .iter()
                .map(|rec| haystack(rec, public_only))
                .collect(),
        }
    }

    /// True when record `index` contains the already lower-cased `needle`.
    pub fn contains(&self, index: usize, needle: &str) -> bool {
        self.haystacks
            .get(index)
            .is_some_and(|hay| hay.contains(needle))
    }

    /// Records indexed.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }
}

fn haystack(rec: &Recommendation, public_only: bool) -> String {
    let mut hay = String::with_capacity(rec.title.len() + rec.text.len() + 64);
    let mut push = |s: &str| {
        hay.push_str(s);
        hay.push('\n');
    };
    push(&rec.id.0);
    push(&rec.title);
    push(&rec.text);
    for owner in &rec.owners {
        push(owner);
    }
    if let Some(note) = &rec.status_note {
        push(note);
    }
    for note in &rec.notes {
        if !public_only || note.visibility == Visibility::Public {
            push(&note.text);
        }
    }
    hay.to_lowercase()
}

/// The result of the last search, kept so a longer query searches only these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchHits {
    /// The lower-cased query.
    pub query: String,
    /// Whether each record matches it.
    pub hits: Vec<bool>,
}

impl SearchHits {
    /// Searches for `query`, reusing `previous` when the new query extends it.
    pub fn search(index: &SearchIndex, query: &str, previous: Option<SearchHits>) -> SearchHits {
        let needle = query.to_lowercase();
        let hits = match previous {
            Some(prev) if needle.starts_with(&prev.query) && prev.hits.len() == index.len() => {
                let mut hits = prev.hits;
                for (i, hit) in hits.iter_mut().enumerate() {
                    if *hit {
                        *hit = index.contains(i, &needle);
                    }
                }
                hits
            }
            _ => (0..index.len())
                .map(|i| index.contains(i, &needle))
                .collect(),
        };
        SearchHits {
            query: needle,
            hits,
        }
    }

    /// How many records match.
    pub fn count(&self) -> usize {
        self.hits.iter().filter(|&&h| h).count()
    }
}

/// Byte ranges of `needle` (lower case) in `text`, for highlighting. Empty when lower-casing
/// changes the text's length, where byte positions would not line up.
pub fn match_ranges(text: &str, needle: &str) -> Vec<std::ops::Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    while let Some(found) = lower[start..].find(needle) {
        let begin = start + found;
        let end = begin + needle.len();
        if !text.is_char_boundary(begin) || !text.is_char_boundary(end) {
            break;
        }
        ranges.push(begin..end);
        start = end;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{parse, source::SAMPLE_FEED_JSON};

    fn sample() -> Feed {
        parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid")
    }

    #[test]
    fn search_is_case_insensitive_over_all_fields() {
        let feed = sample();
        let index = SearchIndex::build(&feed, false);
        let hits = SearchHits::search(&index, "STATISTICS OFFICE", None);
        assert!(hits.count() >= 1);
        let lp09 = feed
            .recommendations
            .iter()
            .position(|r| r.id.0 == "LP-09")
            .unwrap();
        assert!(hits.hits[lp09]);
    }

    #[test]
    fn internal_notes_are_not_searched_on_a_wall_screen() {
        let feed = sample();
        let needle = "asked us not to publish";
        assert!(SearchHits::search(&SearchIndex::build(&feed, false), needle, None).count() > 0);
        assert_eq!(
            SearchHits::search(&SearchIndex::build(&feed, true), needle, None).count(),
            0
        );
    }

    #[test]
    fn a_growing_query_gives_the_same_result_as_a_fresh_search() {
        let feed = sample();
        let index = SearchIndex::build(&feed, false);
        let mut hits = None;
        let mut query = String::new();
        for c in "data".chars() {
            query.push(c);
            let narrowed = SearchHits::search(&index, &query, hits.take());
            assert_eq!(narrowed, SearchHits::search(&index, &query, None));
            hits = Some(narrowed);
        }
    }

    #[test]
    fn a_shorter_query_searches_everything_again() {
        let feed = sample();
        let index = SearchIndex::build(&feed, false);
        let long = SearchHits::search(&index, "datax", None);
        assert_eq!(long.count(), 0);
        let short = SearchHits::search(&index, "data", Some(long));
        assert!(short.count() > 0);
    }

    #[test]
    fn match_ranges_find_every_occurrence() {
        assert_eq!(match_ranges("Data and DATA", "data"), vec![0..4, 9..13]);
        assert!(match_ranges("nothing", "data").is_empty());
    }
}
