//! Small random edits of a feed's text, for the tests that hold each quick path to the careful
//! one: whatever a quick path accepts, the careful path must read the same.

/// A repeatable source of edits (xorshift), from a seed.
pub(crate) struct Mutations {
    seed: u64,
}

impl Mutations {
    /// Edits that start from `seed` (not zero).
    pub(crate) fn new(seed: u64) -> Mutations {
        Mutations { seed: seed.max(1) }
    }

    /// A number below `below` (at least 1).
    pub(crate) fn below(&mut self, below: usize) -> usize {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        (self.seed % below.max(1) as u64) as usize
    }

    /// `text` with one or two of `pieces` inserted, or put in place of a character, at random
    /// places.
    pub(crate) fn mutate(&mut self, text: &str, pieces: &[&str]) -> String {
        let mut mutated = text.to_owned();
        for _ in 0..=self.below(2) {
            let mut at = self.below(mutated.len());
            while !mutated.is_char_boundary(at) {
                at -= 1;
            }
            let piece = pieces[self.below(pieces.len())];
            if self.below(2) == 0 {
                mutated.insert_str(at, piece);
            } else {
                let end = (at + 1..=mutated.len())
                    .find(|&e| mutated.is_char_boundary(e))
                    .unwrap_or(at);
                mutated.replace_range(at..end, piece);
            }
        }
        mutated
    }
}
