//! A record's lists (evidence, history, notes) checked entry by entry, each problem named by the
//! entry's place, such as `notes[3].date`.

use super::{Keep, RecordContext, optional_text, status};
use crate::feed::sanitize::{self, caps, counts};
use crate::feed::wire::{WireEvidence, WireHistory, WireNote};
use crate::model::{Evidence, HistoryEntry, Note};

/// The evidence, history and notes, each entry checked; a history entry without a date is
/// dropped.
pub(super) fn check(
    ctx: &mut RecordContext<'_>,
    evidence: Option<Vec<WireEvidence<'_>>>,
    history: Option<Vec<WireHistory<'_>>>,
    notes: Option<Vec<WireNote<'_>>>,
) -> (Vec<Evidence>, Vec<HistoryEntry>, Vec<Note>) {
    let evidence = ctx
        .capped(
            "evidence",
            evidence.unwrap_or_default(),
            counts::EVIDENCE,
            Keep::First,
        )
        .into_iter()
        .enumerate()
        .map(|(i, e)| self::evidence(ctx, i, e))
        .collect();
    // History is oldest first, and the latest changes are the ones a reader needs.
    let listed = history.unwrap_or_default();
    let skipped = listed.len().saturating_sub(counts::HISTORY);
    let history = ctx
        .capped("history", listed, counts::HISTORY, Keep::Last)
        .into_iter()
        .enumerate()
        .map(|(i, h)| (i + skipped, h))
        .filter_map(|(i, h)| self::history(ctx, i, h))
        .collect();
    let notes = ctx
        .capped(
            "notes",
            notes.unwrap_or_default(),
            counts::NOTES,
            Keep::First,
        )
        .into_iter()
        .enumerate()
        .map(|(i, n)| note(ctx, i, n))
        .collect();
    (evidence, history, notes)
}

fn evidence(ctx: &mut RecordContext<'_>, i: usize, raw: WireEvidence<'_>) -> Evidence {
    Evidence {
        title: sanitize::line(&raw.title, caps::TITLE),
        url: raw
            .url
            .map(|u| sanitize::line(&u, caps::URL))
            .filter(|u| !u.is_empty()),
        date: ctx.optional_date(format_args!("evidence[{i}].date"), raw.date.as_deref()),
        visibility: ctx.visibility(
            format_args!("evidence[{i}].visibility"),
            raw.visibility.as_deref(),
        ),
    }
}

fn history(ctx: &mut RecordContext<'_>, i: usize, raw: WireHistory<'_>) -> Option<HistoryEntry> {
    let date = ctx.date(format_args!("history[{i}].date"), &raw.date)?;
    Some(HistoryEntry {
        date,
        status: status(&raw.status),
        note: optional_text(raw.note.as_deref()),
        author: author(raw.author.as_deref()),
        visibility: ctx.visibility(
            format_args!("history[{i}].visibility"),
            raw.visibility.as_deref(),
        ),
    })
}

fn note(ctx: &mut RecordContext<'_>, i: usize, raw: WireNote<'_>) -> Note {
    Note {
        date: ctx.optional_date(format_args!("notes[{i}].date"), raw.date.as_deref()),
        text: sanitize::text(&raw.text, caps::NOTE),
        author: author(raw.author.as_deref()),
        visibility: ctx.visibility(
            format_args!("notes[{i}].visibility"),
            raw.visibility.as_deref(),
        ),
    }
}

/// Who recorded an entry or wrote a note: one line, as long as an owner's name.
fn author(value: Option<&str>) -> Option<String> {
    value
        .map(|v| sanitize::line(v, caps::OWNER))
        .filter(|v| !v.is_empty())
}
