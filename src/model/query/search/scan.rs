//! Searching the records themselves, for the moments before the index of a new feed is ready:
//! a bounded number of records per keystroke, so that typing never waits on the feed's size.

use super::{SearchHits, push_lowercase, searchable_fields};
use crate::model::Feed;

impl SearchHits {
    /// Searches the first `limit` records of `feed` for `query` by reading their texts; the
    /// others are not matched, and the result says it is partial when there were more. The index,
    /// once built in the background, gives the whole answer.
    pub fn scan(feed: &Feed, query: &str, limit: usize) -> SearchHits {
        let query = query.to_lowercase();
        let records = &feed.recommendations;
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let mut text = String::new();
        let mut hits = vec![false; records.len()];
        for (hit, rec) in hits.iter_mut().zip(records).take(limit) {
            text.clear();
            for field in searchable_fields(rec, false) {
                push_lowercase(&mut text, field);
                text.push('\n');
            }
            *hit = finder.find(text.as_bytes()).is_some();
        }
        SearchHits {
            query,
            hits,
            words: None,
            partial: records.len() > limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{SAMPLE_FEED_JSON, parse};
    use crate::model::query::SearchIndex;

    /// Over the whole feed, a scan finds what the index finds, for queries of every kind.
    #[test]
    fn a_whole_scan_finds_what_the_index_finds() {
        let feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid");
        let mut index = SearchIndex::build(&feed, false);
        index.index_words();
        for query in ["d", "DATA", "data coll", "lp-0", "victims'", "é", "zzz"] {
            let scanned = SearchHits::scan(&feed, query, usize::MAX);
            let indexed = SearchHits::search(&index, query, None);
            assert_eq!(scanned, indexed, "{query}");
            assert!(!scanned.partial, "{query}");
        }
    }

    /// A scan cut short matches nothing past its limit and says it is partial.
    #[test]
    fn a_bounded_scan_is_partial() {
        let feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid");
        let whole = SearchHits::scan(&feed, "e", usize::MAX);
        let part = SearchHits::scan(&feed, "e", 10);
        assert!(part.partial);
        assert_eq!(part.hits[..10], whole.hits[..10]);
        assert!(part.hits[10..].iter().all(|&hit| !hit));
        assert!(
            whole.hits[10..].iter().any(|&hit| hit),
            "a test that can fail"
        );
    }

    /// Without its words, an index reads the texts of the first records only when bounded, and
    /// says so; with them, the bound does not apply.
    #[test]
    fn a_bounded_search_without_words_is_partial() {
        let feed = parse(SAMPLE_FEED_JSON.as_bytes(), "sample").expect("valid");
        let mut index = SearchIndex::build(&feed, false);
        let whole = SearchHits::search(&index, "tion", None);
        let part = SearchHits::search_within(&index, "tion", None, 10);
        assert!(part.partial && !whole.partial);
        assert_eq!(part.hits[..10], whole.hits[..10]);
        assert!(part.hits[10..].iter().all(|&hit| !hit));
        index.index_words();
        assert_eq!(SearchHits::search_within(&index, "tion", None, 10), whole);
    }
}
