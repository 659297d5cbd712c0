//! Confidential by default: what an export leaves out. Internal records go whole; under a public
//! record, internal notes, evidence and history entries go too. `--include-internal` keeps
//! everything.

use crate::model::{Evidence, HistoryEntry, Note, Recommendation, Visibility};

/// One record as exported: the record, and the notes and evidence that may go with it.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The record.
    pub rec: &'a Recommendation,
    /// Its evidence that may be exported.
    pub evidence: Vec<&'a Evidence>,
    /// Its notes that may be exported.
    pub notes: Vec<&'a Note>,
    /// Its history entries that may be exported, oldest first.
    pub history: Vec<&'a HistoryEntry>,
}

impl Row<'_> {
    /// Internal when the record or anything exported with it is internal.
    pub fn visibility(&self) -> Visibility {
        let internal = self.rec.visibility == Visibility::Internal
            || self
                .evidence
                .iter()
                .any(|e| e.visibility == Visibility::Internal)
            || self
                .notes
                .iter()
                .any(|n| n.visibility == Visibility::Internal)
            || self
                .history
                .iter()
                .any(|h| h.visibility == Visibility::Internal);
        if internal {
            Visibility::Internal
        } else {
            Visibility::Public
        }
    }
}

/// How many internal items an export left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Whole records.
    pub records: usize,
    /// Notes of the records exported.
    pub notes: usize,
    /// Evidence items of the records exported.
    pub evidence: usize,
    /// History entries of the records exported.
    pub history: usize,
}

impl LeftOut {
    /// Nothing was left out.
    pub fn is_empty(&self) -> bool {
        *self == LeftOut::default()
    }

    /// One sentence for standard error, or `None` when nothing was left out.
    pub fn sentence(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let count = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let parts: Vec<String> = [
            (self.records, "record", "records"),
            (self.notes, "note", "notes"),
            (self.evidence, "evidence item", "evidence items"),
            (self.history, "history entry", "history entries"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
        Some(format!(
            "left out internal items: {}. Add --include-internal to include them (not for \
             publication).",
            parts.join(", ")
        ))
    }
}

/// The rows that may be exported, and what was left out.
pub fn rows<'a>(recs: &[&'a Recommendation], include_internal: bool) -> (Vec<Row<'a>>, LeftOut) {
    let mut left_out = LeftOut::default();
    let shown = |v: Visibility| include_internal || v == Visibility::Public;
    let mut rows = Vec::with_capacity(recs.len());
    for &rec in recs {
        if !shown(rec.visibility) {
            left_out.records += 1;
            continue;
        }
        let evidence: Vec<&Evidence> = rec
            .evidence
            .iter()
            .filter(|e| shown(e.visibility))
            .collect();
        let notes: Vec<&Note> = rec.notes.iter().filter(|n| shown(n.visibility)).collect();
        let history: Vec<&HistoryEntry> =
            rec.history.iter().filter(|h| shown(h.visibility)).collect();
        left_out.evidence += rec.evidence.len() - evidence.len();
        left_out.notes += rec.notes.len() - notes.len();
        left_out.history += rec.history.len() - history.len();
        rows.push(Row {
            rec,
            evidence,
            notes,
            history,
        });
    }
    (rows, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_counts_only_what_was_left_out() {
        assert_eq!(LeftOut::default().sentence(), None);
        let some = LeftOut {
            records: 2,
            notes: 1,
            evidence: 0,
            history: 3,
        };
        let sentence = some.sentence().unwrap();
        assert!(
            sentence.contains("2 records, 1 note, 3 history entries."),
            "{sentence}"
        );
        assert!(sentence.contains("--include-internal"), "{sentence}");
    }
}
