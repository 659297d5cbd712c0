//! Phrases, such as `data coll`: answered from the word index's words in order and the marks of
//! what follows each, without reading the texts.

use super::{ID_BITS, ONE_SPACE, SPACE_NEXT, Words, is_word_byte};

/// A query of words joined by single spaces, perhaps ending in one, such as `data coll` or
/// `data `: the word index answers it exactly, without reading the texts.
pub(in crate::model::query::search) struct Phrase<'q> {
    /// Its words, the first and last perhaps parts of words.
    parts: Vec<&'q str>,
    /// The query ends in a space.
    trailing_space: bool,
}

impl<'q> Phrase<'q> {
    /// The phrase `query` is, if it is one. A single word with no space after it is not: the
    /// words alone answer that.
    pub(in crate::model::query::search) fn parse(query: &'q str) -> Option<Phrase<'q>> {
        let (body, trailing_space) = match query.strip_suffix(' ') {
            Some(body) => (body, true),
            None => (query, false),
        };
        let parts: Vec<&str> = body.split(' ').collect();
        let words_only = parts
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(is_word_byte));
        (words_only && (parts.len() > 1 || trailing_space)).then_some(Phrase {
            parts,
            trailing_space,
        })
    }
}

/// Per part of a phrase, in order: which word ids (the index) it can be.
type PartSets = Vec<Vec<bool>>;

impl Words {
    /// Keeps, of the records marked in `hits`, those that hold `phrase`, reading no text: only
    /// which words each record has, in which order, and what follows each.
    pub(in crate::model::query::search) fn keep_phrase(
        &self,
        phrase: &Phrase<'_>,
        hits: &mut [bool],
    ) {
        let sets = self.part_sets(phrase);
        // Look where the part with the fewest places occurs, and read the words around it.
        let Some((anchor, places)) = sets
            .iter()
            .map(|set| self.places_of(set))
            .enumerate()
            .min_by_key(|&(_, p)| p)
        else {
            return;
        };
        // Or read the words of each record still in the running, in order, when there are few:
        // the words of one record are side by side in memory, while the places of a word are
        // spread over the whole feed, and each costs a wait for memory (about a twentieth).
        let running = hits.iter().filter(|&&hit| hit).count();
        let words_per_record = self.sequence.len() / hits.len().max(1);
        if running * words_per_record < places * 20 {
            self.keep_by_reading_records(&sets, phrase.trailing_space, hits);
        } else {
            let starts = self.phrase_starts(&sets, anchor, phrase.trailing_space);
            self.keep_records_of(starts, hits);
        }
    }

    /// The words each part of the phrase can be: the first part ends a word, the last one
    /// starts a word (or is one, when a space follows it), the ones between are words.
    fn part_sets(&self, phrase: &Phrase<'_>) -> PartSets {
        let n = phrase.parts.len();
        (0..n)
            .map(|k| {
                let part = phrase.parts[k];
                let open_end = k + 1 == n && !phrase.trailing_space;
                let mut set = vec![false; self.postings.len()];
                for id in self.containing(part, None) {
                    let word = self.word(id);
                    set[id as usize] = match (k == 0, open_end) {
                        (true, true) => true,
                        (true, false) => word.ends_with(part.as_bytes()),
                        (false, true) => word.starts_with(part.as_bytes()),
                        (false, false) => word == part.as_bytes(),
                    };
                }
                set
            })
            .collect()
    }

    /// How many places in the sequence hold one of the words of `set`.
    fn places_of(&self, set: &[bool]) -> usize {
        set.iter()
            .enumerate()
            .filter(|&(_, &fits)| fits)
            .map(|(id, _)| self.place_starts[id + 1] - self.place_starts[id])
            .sum()
    }

    /// Keeps the records in `hits` whose words, read in order, hold the phrase of `sets`.
    fn keep_by_reading_records(&self, sets: &PartSets, trailing_space: bool, hits: &mut [bool]) {
        for (record, hit) in hits.iter_mut().enumerate() {
            if *hit {
                let words =
                    &self.sequence[self.sequence_starts[record]..self.sequence_starts[record + 1]];
                *hit = words
                    .windows(sets.len())
                    .any(|run| holds_phrase(run, sets, trailing_space));
            }
        }
    }

    /// Every place in the sequence where the phrase of `sets` starts, found from the places of
    /// its part `anchor`.
    fn phrase_starts(&self, sets: &PartSets, anchor: usize, trailing_space: bool) -> Vec<usize> {
        let n = sets.len();
        // What must follow the anchor word: one space and a word, or a space, or anything.
        let follows = match (anchor + 1 < n, trailing_space) {
            (true, _) => ONE_SPACE,
            (false, true) => SPACE_NEXT,
            (false, false) => 0,
        };
        let mut starts = Vec::new();
        for (id, _) in sets[anchor].iter().enumerate().filter(|&(_, &fits)| fits) {
            for &place in &self.places[self.place_starts[id]..self.place_starts[id + 1]] {
                if place & follows != follows {
                    continue;
                }
                let Some(start) = ((place & ID_BITS) as usize).checked_sub(anchor) else {
                    continue;
                };
                let holds = n == 1
                    || self
                        .sequence
                        .get(start..start + n)
                        .is_some_and(|run| holds_phrase(run, sets, trailing_space));
                if holds {
                    starts.push(start);
                }
            }
        }
        starts
    }

    /// Keeps the records in `hits` in which one of `starts` (places in the sequence) is.
    fn keep_records_of(&self, mut starts: Vec<usize>, hits: &mut [bool]) {
        // Words joined by one space are in the same field of the same record: the record of a
        // phrase is the record of its first word, found in one sweep over the sorted starts.
        starts.sort_unstable();
        let mut found = vec![false; hits.len()];
        let mut record = 0;
        for start in starts {
            while self
                .sequence_starts
                .get(record + 1)
                .is_some_and(|&next| next <= start)
            {
                record += 1;
            }
            if let Some(mark) = found.get_mut(record) {
                *mark = true;
            }
        }
        for (hit, found) in hits.iter_mut().zip(found) {
            *hit &= found;
        }
    }
}

/// True when `run`, words in a row, is a word of each of `sets` in turn, joined by one space, the
/// last followed by a space when `trailing_space`.
fn holds_phrase(run: &[u32], sets: &[Vec<bool>], trailing_space: bool) -> bool {
    let n = sets.len();
    let joined = run.iter().zip(sets).enumerate().all(|(k, (&entry, set))| {
        set[(entry & ID_BITS) as usize] && (k + 1 == n || entry & ONE_SPACE != 0)
    });
    joined && (!trailing_space || run[n - 1] & SPACE_NEXT != 0)
}
