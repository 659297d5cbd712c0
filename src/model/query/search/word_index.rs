//! The word index: every distinct word of the texts, the records each occurs in, and each
//! record's words in order, which answers phrases without reading the texts.

use std::collections::HashMap;

mod phrase;

pub(super) use phrase::Phrase;

/// Every distinct word of the texts, the records each occurs in, and each record's words in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Words {
    /// The words, each followed by a line break: one buffer, so finding the words that hold a
    /// query is one search and not one per word.
    vocabulary: String,
    /// Where each word starts in `vocabulary`.
    starts: Vec<usize>,
    /// Per word: the records it occurs in, ascending.
    pub(super) postings: Vec<Vec<u32>>,
    /// Every record's words in order, as ids, marked with what follows each ([`SPACE_NEXT`],
    /// [`ONE_SPACE`]): enough to tell whether a phrase occurs without reading the text.
    sequence: Vec<u32>,
    /// Where each record's words start in `sequence`, then where the last one ends.
    sequence_starts: Vec<usize>,
    /// Every place in `sequence`, grouped by word: the places of word `w` are
    /// `places[place_starts[w]..place_starts[w + 1]]`. A phrase is looked for only where its
    /// rarest part occurs.
    places: Vec<u32>,
    /// Where each word's places start in `places`, then where the last word's end.
    place_starts: Vec<usize>,
}

/// Marks a word in [`Words::sequence`] that a space follows.
const SPACE_NEXT: u32 = 1 << 30;
/// Marks a word in [`Words::sequence`] that exactly one space and then another word follow.
const ONE_SPACE: u32 = 1 << 31;
/// The word id in an entry of [`Words::sequence`].
const ID_BITS: u32 = SPACE_NEXT - 1;

impl Words {
    /// Indexes the words of the records' texts, `text[starts[i]..starts[i + 1]]`.
    pub(super) fn build(text: &str, starts: &[usize]) -> Words {
        let mut words = Words::default();
        let mut table = WordTable::default();
        for (record, w) in starts.windows(2).enumerate() {
            words.sequence_starts.push(words.sequence.len());
            let record = u32::try_from(record).unwrap_or(u32::MAX);
            let (start, end) = (w[0], w[1]);
            let bytes = &text.as_bytes()[start..end];
            let mut word_start = None;
            // Words split at ASCII bytes only, so every word is whole characters.
            for (at, &b) in bytes.iter().enumerate() {
                match (is_word_byte(b), word_start) {
                    (true, None) => word_start = Some(start + at),
                    (false, Some(from)) => {
                        let id = words.add(&mut table, &text[from..start + at], record);
                        let mut entry = id;
                        if b == b' ' {
                            entry |= SPACE_NEXT;
                            if bytes.get(at + 1).is_some_and(|&next| is_word_byte(next)) {
                                entry |= ONE_SPACE;
                            }
                        }
                        words.sequence.push(entry);
                        word_start = None;
                    }
                    _ => {}
                }
            }
            if let Some(from) = word_start {
                let id = words.add(&mut table, &text[from..end], record);
                words.sequence.push(id);
            }
        }
        words.sequence_starts.push(words.sequence.len());
        // Lists grown by doubling hold up to twice what they need, for as long as the feed.
        words.sequence.shrink_to_fit();
        for postings in &mut words.postings {
            postings.shrink_to_fit();
        }
        words.index_places();
        words
    }

    /// Groups the places of `sequence` by word, in two passes: count, then fill.
    fn index_places(&mut self) {
        if !self.answers_phrases() {
            return;
        }
        let mut next = vec![0usize; self.postings.len() + 1];
        for &entry in &self.sequence {
            next[(entry & ID_BITS) as usize + 1] += 1;
        }
        for w in 1..next.len() {
            next[w] += next[w - 1];
        }
        self.place_starts = next.clone();
        self.places = vec![0; self.sequence.len()];
        for (place, &entry) in self.sequence.iter().enumerate() {
            let slot = &mut next[(entry & ID_BITS) as usize];
            // `answers_phrases` holds every place within `ID_BITS`. The word's marks go with its
            // place, so most places can be ruled out without reading the words around them.
            self.places[*slot] = u32::try_from(place).unwrap_or(ID_BITS) | (entry & !ID_BITS);
            *slot += 1;
        }
    }

    /// Notes that `word` occurs in `record`, adding it to the vocabulary when it is new.
    fn add<'t>(&mut self, table: &mut WordTable<'t>, word: &'t str, record: u32) -> u32 {
        let slot = WordTable::slot(word);
        let id = match table.recent[slot] {
            Some(id) if self.word(id) == word.as_bytes() => id,
            _ => {
                let id = *table.all.entry(word).or_insert_with(|| {
                    self.starts.push(self.vocabulary.len());
                    self.vocabulary.push_str(word);
                    self.vocabulary.push('\n');
                    self.postings.push(Vec::new());
                    u32::try_from(self.postings.len() - 1).unwrap_or(u32::MAX)
                });
                table.recent[slot] = Some(id);
                id
            }
        };
        let index = id as usize;
        if table.last_record.len() <= index {
            table.last_record.resize(index + 1, u32::MAX);
        }
        // Records are added in order, so a word already seen in this one was seen last.
        if table.last_record[index] != record {
            table.last_record[index] = record;
            self.postings[index].push(record);
        }
        id
    }

    /// Bytes the word index holds.
    pub(super) fn heap_bytes(&self) -> usize {
        let word = size_of::<usize>();
        self.vocabulary.capacity()
            + self.starts.capacity() * word
            + self.postings.capacity() * size_of::<Vec<u32>>()
            + self
                .postings
                .iter()
                .map(|p| p.capacity() * 4)
                .sum::<usize>()
            + (self.sequence.capacity() + self.places.capacity()) * 4
            + (self.sequence_starts.capacity() + self.place_starts.capacity()) * word
    }

    /// True when every word id fits beside the marks of [`Words::sequence`], so phrases can be
    /// answered from it (always, short of a billion distinct words).
    pub(super) fn answers_phrases(&self) -> bool {
        self.postings.len() <= ID_BITS as usize && self.sequence.len() <= ID_BITS as usize
    }

    /// The ids of the words that contain `part` (one word, not empty). `among`, when given, holds
    /// every such word and is worth looking through instead when it is much shorter than the
    /// vocabulary.
    pub(super) fn containing(&self, part: &str, among: Option<&[u32]>) -> Vec<u32> {
        if let Some(among) = among.filter(|among| among.len() < self.starts.len() / 16) {
            return among
                .iter()
                .copied()
                .filter(|&id| holds(self.word(id), part.as_bytes()))
                .collect();
        }
        // A query of word bytes cannot span the line break after a word.
        let mut ids: Vec<u32> = Vec::new();
        for (at, _) in self.vocabulary.match_indices(part) {
            let id = self.starts.partition_point(|&start| start <= at) - 1;
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Word `id`, without its line break.
    fn word(&self, id: u32) -> &[u8] {
        let id = id as usize;
        // Every word, the last too, is followed by its line break.
        let end = self
            .starts
            .get(id + 1)
            .map_or(self.vocabulary.len(), |&next| next)
            - 1;
        &self.vocabulary.as_bytes()[self.starts[id]..end]
    }
}

/// True when `word` contains `part` (not empty). Words are a few bytes long, too short for std's
/// vectorised search to start, so this compares in place.
fn holds(word: &[u8], part: &[u8]) -> bool {
    word.windows(part.len())
        .any(|window| window[0] == part[0] && window == part)
}

/// The words seen while building an index, and their ids.
struct WordTable<'t> {
    /// Every word. Hashed with std's keyed hasher, since feed text comes from elsewhere and must
    /// not be able to make lookups slow.
    all: HashMap<&'t str, u32>,
    /// The last word seen in each slot. Natural text repeats a few hundred words, and finding them
    /// here first skips most of the hashing, which was most of the building time; a text made
    /// to defeat this only falls back to `all`.
    recent: Vec<Option<u32>>,
    /// Per word: the last record it was seen in, to add each record once without reading the
    /// end of its posting list (scattered over memory) for every occurrence.
    last_record: Vec<u32>,
}

impl Default for WordTable<'_> {
    fn default() -> Self {
        WordTable {
            all: HashMap::new(),
            recent: vec![None; RECENT_SLOTS],
            last_record: Vec::new(),
        }
    }
}

/// Slots of [`WordTable::recent`], a power of two.
const RECENT_SLOTS: usize = 4_096;

impl WordTable<'_> {
    /// A word's slot in `recent`, from its length and first eight bytes: cheap, and enough to
    /// spread the words of a text.
    fn slot(word: &str) -> usize {
        let bytes = word.as_bytes();
        let head = match bytes.first_chunk::<8>() {
            Some(&head) => u64::from_le_bytes(head),
            None => bytes.iter().fold(0, |head, &b| head << 8 | u64::from(b)),
        };
        let key = head ^ (word.len() as u64).rotate_right(8);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % RECENT_SLOTS
    }
}

/// True for the bytes words are made of: ASCII letters and digits, and every byte of a non-ASCII
/// character (so words always split between characters).
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || !b.is_ascii()
}

/// The words of a text: its longest runs of word bytes.
pub(super) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_ascii() && !is_word_byte(c as u8))
        .filter(|word| !word.is_empty())
}
