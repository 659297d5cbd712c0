//! The search, against a plain reading of every text.

use super::*;
use crate::feed::{SAMPLE_FEED_JSON, parse};

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

/// The searchable text as first defined: the fields joined, then lower-cased.
fn plain_haystack(rec: &Recommendation) -> String {
    let mut hay = vec![rec.id.0.clone(), rec.title.clone(), rec.text.clone()];
    hay.extend(rec.owners.iter().cloned());
    hay.extend(rec.status_note.iter().cloned());
    hay.extend(rec.notes.iter().map(|n| n.text.clone()));
    hay.iter()
        .map(|field| format!("{field}\n"))
        .collect::<String>()
        .to_lowercase()
}

#[test]
fn the_index_finds_exactly_what_reading_every_text_finds() {
    let mut feed = sample();
    feed.recommendations[0].title = "ΣΟΦΟΣ Données ÉTÉ straße".to_owned();
    feed.recommendations[1].text = "İstanbul ǅ x\u{1F600}y".to_owned();
    // Phrases next to double spaces, punctuation, line breaks and the end of a field.
    feed.recommendations[2].text =
        "data  collection, data\ncollection data collection. data -collection on data ".to_owned();
    feed.recommendations[3].title = "collection data data collected".to_owned();
    let mut index = SearchIndex::build(&feed, false);
    index.index_words();
    // This one reads the texts, as searches do before the words are indexed.
    let unindexed = SearchIndex::build(&feed, false);
    let plain: Vec<String> = feed.recommendations.iter().map(plain_haystack).collect();
    // Every substring of up to 4 characters of some of the text, and a few that occur nowhere.
    let mut queries: Vec<String> = vec!["zq".into(), "σοφος".into(), "ς\n".into(), "".into()];
    for phrase in [
        "data collection",
        "ata coll",
        "data ",
        "a c",
        "data data",
        "collection data ",
        "data -",
        "on data ",
        "n d",
        "data collected ",
        " data",
        "data  c",
    ] {
        queries.push(phrase.into());
    }
    // Words, parts of words, and runs across spaces, punctuation and fields.
    for hay in plain.iter().take(6) {
        let chars: Vec<char> = hay.chars().collect();
        for len in [1, 2, 3, 4, 6, 11] {
            queries.extend(chars.windows(len).map(|w| w.iter().collect::<String>()));
        }
    }
    queries.sort();
    queries.dedup();
    for query in &queries {
        let needle = query.to_lowercase();
        let expected: Vec<bool> = plain.iter().map(|hay| hay.contains(&needle)).collect();
        let hits = SearchHits::search(&index, query, None);
        assert_eq!(hits.hits, expected, "{query:?}");
        let read = SearchHits::search(&unindexed, query, None);
        assert_eq!(read.hits, expected, "{query:?} without the word index");
        // Narrowing to it letter by letter gives the same, with and without the words.
        for index in [&index, &unindexed] {
            let mut narrowed = None;
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                narrowed = Some(SearchHits::search(index, &typed, narrowed.take()));
            }
            if let Some(narrowed) = narrowed {
                assert_eq!(narrowed, hits, "{query:?} narrowed");
            }
        }
    }
    assert!(index.has_words() && !unindexed.has_words());
}

#[test]
fn the_words_are_indexed_by_one_job_and_only_for_their_own_text() {
    let feed = sample();
    let mut index = SearchIndex::build(&feed, false);
    let job = index.words_job().expect("a job the first time");
    assert_eq!(index.words_job(), None, "one job per index");
    let indexed = job.run();

    // A new feed means a new index: words read from the old text do not fit it.
    let mut newer = SearchIndex::build(&feed, false);
    assert!(!newer.attach_words(indexed.clone()));
    assert!(!newer.has_words());

    assert!(index.attach_words(indexed));
    assert!(index.has_words());
    assert_eq!(index.words_job(), None);
    let mut direct = SearchIndex::build(&feed, false);
    direct.index_words();
    assert_eq!(index.words, direct.words);
}

#[test]
fn match_ranges_find_every_occurrence() {
    assert_eq!(match_ranges("Data and DATA", "data"), vec![0..4, 9..13]);
    assert!(match_ranges("nothing", "data").is_empty());
}
