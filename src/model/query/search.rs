//! Case-insensitive text search over id, title, text, owners, status note and notes.
//!
//! The lower-cased text of every record is built once per feed, on the first search, with the set
//! of ASCII bytes in each record; a query of one ASCII character is answered by those sets alone.
//! Once a query is typed past one character, an index of the words (runs of letters and digits)
//! is built too (`word_index`). A query with no space or punctuation can only occur inside a word, so
//! its records are those of the words that contain it, found without reading any record; as it
//! grows by a keystroke, only the words that held the shorter query are looked at again. Words
//! joined by single spaces (`data coll`, `data `) are answered from each record's words in order,
//! also without reading the texts. Any other query reads only the records that have, for each of
//! its words, a word containing it.
//!
//! At 100,000 records the text is about 80 MB, and a search that reads it (even a fraction of it)
//! takes longer than a frame: the index keeps a keystroke within one. A single search, such as
//! an export's, reads the texts once instead, which is quicker than indexing their words.

mod scan;
mod word_index;

use std::sync::Arc;

use self::word_index::{Phrase, Words, is_word_byte, words_of};
use crate::model::{Feed, Recommendation, Visibility};

/// The searchable text of every record, lower-cased, and its index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    /// Every record's searchable text, one after the other. Shared with the task that indexes
    /// its words.
    text: Arc<String>,
    /// Where each record's text starts in `text`, then where the last one ends.
    starts: Arc<Vec<usize>>,
    /// Per record: bit `b` is set when the ASCII byte `b` occurs in its text.
    bytes: Vec<u128>,
    /// The words of the texts, once indexed; until then searches read the texts.
    words: Option<Words>,
    /// A [`WordsJob`] has been handed out for this index.
    words_asked: bool,
}

/// The work of indexing the words of a [`SearchIndex`], done away from the screen: about a second
/// at 100,000 records, which typing must not wait for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordsJob {
    text: Arc<String>,
    starts: Arc<Vec<usize>>,
}

impl WordsJob {
    /// Indexes the words.
    pub fn run(self) -> IndexedWords {
        IndexedWords {
            words: Words::build(&self.text, &self.starts),
            text: self.text,
        }
    }
}

/// The words indexed by a [`WordsJob`], for the index of the text they were read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedWords {
    text: Arc<String>,
    words: Words,
}

impl SearchIndex {
    /// Builds the index of a feed. Internal notes are left out when `public_only`.
    pub fn build(feed: &Feed, public_only: bool) -> SearchIndex {
        let count = feed.recommendations.len();
        // Sized first: grown by doubling, the buffer held up to twice the 80 MB of a
        // 100,000-record feed. Lower-casing may change a length a little; this is a hint.
        let size = feed
            .recommendations
            .iter()
            .flat_map(|rec| searchable_fields(rec, public_only))
            .map(|field| field.len() + 1)
            .sum();
        let mut text = String::with_capacity(size);
        let mut starts = Vec::with_capacity(count + 1);
        for rec in &feed.recommendations {
            starts.push(text.len());
            for field in searchable_fields(rec, public_only) {
                push_lowercase(&mut text, field);
                text.push('\n');
            }
        }
        starts.push(text.len());
        let bytes = starts
            .windows(2)
            .map(|w| byte_set(&text.as_bytes()[w[0]..w[1]]))
            .collect();
        SearchIndex {
            text: Arc::new(text),
            starts: Arc::new(starts),
            bytes,
            words: None,
            words_asked: false,
        }
    }

    /// The job that indexes the words, the first time it is asked for while they are not indexed.
    pub fn words_job(&mut self) -> Option<WordsJob> {
        if self.words.is_some() || self.words_asked {
            return None;
        }
        self.words_asked = true;
        Some(WordsJob {
            text: Arc::clone(&self.text),
            starts: Arc::clone(&self.starts),
        })
    }

    /// Takes the words a job indexed, if they were read from this index's text: a job started
    /// before a new feed arrived is for an index that is gone. True when they were taken.
    pub fn attach_words(&mut self, indexed: IndexedWords) -> bool {
        let fits = self.words.is_none() && Arc::ptr_eq(&self.text, &indexed.text);
        if fits {
            self.words = Some(indexed.words);
        }
        fits
    }

    /// Indexes the words here and now, for a caller that can wait.
    pub fn index_words(&mut self) {
        if self.words.is_none() {
            self.words = Some(Words::build(&self.text, &self.starts));
        }
    }

    /// True once the words are indexed.
    pub fn has_words(&self) -> bool {
        self.words.is_some()
    }

    /// Records indexed.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Bytes the index holds: its texts, and its word index once built.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.starts.capacity() * size_of::<usize>()
            + self.bytes.capacity() * size_of::<u128>()
            + self.words.as_ref().map_or(0, Words::heap_bytes)
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn haystack(&self, index: usize) -> Option<&str> {
        let (&start, &end) = (self.starts.get(index)?, self.starts.get(index + 1)?);
        self.text.get(start..end)
    }

    /// Per record: true when it holds one of `words`.
    fn records_of(&self, words: &Words, ids: &[u32]) -> Vec<bool> {
        let mut found = vec![false; self.len()];
        for &id in ids {
            for &record in &words.postings[id as usize] {
                found[record as usize] = true;
            }
        }
        found
    }

    /// Keeps, of the records marked in `hits`, those whose text contains `needle`.
    fn confirm(&self, needle: &str, hits: &mut [bool]) {
        let needle_bytes = byte_set(needle.as_bytes());
        // One searcher for every record: `str::contains` prepares its search again for each
        // text, and after a space in a query this reads the texts of a third of the feed.
        let finder = memchr::memmem::Finder::new(needle);
        let mut unsure = Vec::with_capacity(BLOCK);
        for (block, block_hits) in hits.chunks_mut(BLOCK).enumerate() {
            let base = block * BLOCK;
            unsure.clear();
            for (k, hit) in block_hits.iter_mut().enumerate() {
                if *hit {
                    if self.bytes[base + k] & needle_bytes == needle_bytes {
                        unsure.push(base + k);
                    } else {
                        *hit = false;
                    }
                }
            }
            // Reading one text after another waits for memory once per record. Asking for the
            // start of every text of the block first lets those waits overlap.
            let mut touched = 0u8;
            for &i in &unsure {
                touched ^= self
                    .text
                    .as_bytes()
                    .get(self.starts[i])
                    .copied()
                    .unwrap_or(0);
            }
            std::hint::black_box(touched);
            for &i in &unsure {
                block_hits[i - base] = self
                    .haystack(i)
                    .is_some_and(|hay| finder.find(hay.as_bytes()).is_some());
            }
        }
    }
}

/// Records confirmed together, so that their texts are fetched from memory together.
const BLOCK: usize = 64;

/// The fields of a record that are searched, in order; internal notes only when not
/// `public_only`.
fn searchable_fields(rec: &Recommendation, public_only: bool) -> impl Iterator<Item = &str> {
    let notes = rec
        .notes
        .iter()
        .filter(move |note| !public_only || note.visibility == Visibility::Public)
        .map(|note| note.text.as_str());
    [rec.id.0.as_str(), &rec.title, &rec.text]
        .into_iter()
        .chain(rec.owners.iter().map(String::as_str))
        .chain(rec.status_note.as_deref())
        .chain(notes)
}

/// Appends `s` lower-cased, as [`str::to_lowercase`] does, without a copy when it is ASCII. Each
/// field is lower-cased on its own, which is the same as lower-casing them joined: the line break
/// between them is neither a letter nor ignored, so it ends a word either way (for final sigma).
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The ASCII bytes in `text`, one bit each.
fn byte_set(text: &[u8]) -> u128 {
    // Marks in an array, folded into bits once: a shift and an OR into one 128-bit value for
    // every byte made each wait for the last.
    let mut seen = [false; 128];
    for &b in text {
        if let Some(mark) = seen.get_mut(usize::from(b)) {
            *mark = true;
        }
    }
    seen.iter()
        .enumerate()
        .fold(0, |set, (b, &seen)| set | u128::from(seen) << b)
}

/// The result of the last search, kept so a longer query searches less.
#[derive(Debug, Clone, Default)]
pub struct SearchHits {
    /// The lower-cased query.
    pub query: String,
    /// Whether each record matches it.
    pub hits: Vec<bool>,
    /// For a query that is one word: the words that contain it. A longer query is in a subset.
    words: Option<Vec<u32>>,
    /// Only some records were searched (see [`SearchHits::scan`]); the others are not matched.
    pub partial: bool,
}

/// Two results are the same when they are for the same query and find the same records; how
/// they were found does not matter.
impl PartialEq for SearchHits {
    fn eq(&self, other: &Self) -> bool {
        self.query == other.query && self.hits == other.hits
    }
}

impl Eq for SearchHits {}

impl SearchHits {
    /// Searches for `query`, reusing `previous` when the new query extends it.
    pub fn search(index: &SearchIndex, query: &str, previous: Option<SearchHits>) -> SearchHits {
        SearchHits::search_within(index, query, previous, usize::MAX)
    }

    /// [`SearchHits::search`], but where the texts must be read (the words not yet indexed), only
    /// those of the first `limit` records are: the result says it is partial, and matches none
    /// past them. For a keystroke, which must not wait on a feed's size.
    pub fn search_within(
        index: &SearchIndex,
        query: &str,
        previous: Option<SearchHits>,
        limit: usize,
    ) -> SearchHits {
        let query = query.to_lowercase();
        let extends = previous.filter(|prev| {
            !prev.partial && query.starts_with(&prev.query) && prev.hits.len() == index.len()
        });
        if query.len() == 1 && query.is_ascii() {
            // The byte sets are exact for one ASCII character.
            let bit = 1u128 << query.as_bytes()[0];
            let hits = index.bytes.iter().map(|&set| set & bit != 0).collect();
            return SearchHits {
                query,
                hits,
                words: None,
                partial: false,
            };
        }
        // Without the word index (a single search, or typing before it is ready) the texts are
        // read.
        let words = index.words.as_ref();
        let is_one_word = !query.is_empty() && query.bytes().all(is_word_byte);
        if let (true, Some(words)) = (is_one_word, words) {
            let among = extends.as_ref().and_then(|prev| prev.words.as_deref());
            let ids = words.containing(&query, among);
            return SearchHits {
                hits: index.records_of(words, &ids),
                query,
                words: Some(ids),
                partial: false,
            };
        }
        let mut hits = match extends {
            Some(prev) => prev.hits,
            None => vec![true; index.len()],
        };
        if let Some(words) = words.filter(|words| words.answers_phrases())
            && let Some(phrase) = Phrase::parse(&query)
        {
            words.keep_phrase(&phrase, &mut hits);
            return SearchHits {
                query,
                hits,
                words: None,
                partial: false,
            };
        }
        // Punctuation, or no word index: only records with, for each word of the query, a word
        // that contains it can match; their texts tell.
        if let Some(words) = words {
            for part in words_of(&query) {
                let holders = index.records_of(words, &words.containing(part, None));
                for (hit, holds) in hits.iter_mut().zip(holders) {
                    *hit &= holds;
                }
            }
        }
        let partial = words.is_none() && hits.iter().skip(limit).any(|&hit| hit);
        if partial {
            hits[limit..].fill(false);
        }
        index.confirm(&query, &mut hits);
        SearchHits {
            query,
            hits,
            words: None,
            partial,
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
mod tests;
