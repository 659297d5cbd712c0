//! Every string a feed holds, for the tests that check none carries anything forbidden.

use rapporteur::model::{
    Audience, Evidence, Feed, HistoryEntry, Note, RecId, Recommendation, Status,
};

/// Every string in a feed, with whether it must be a single line. The patterns are exhaustive so
/// that a new field fails to compile here until it is checked too.
pub fn feed_strings(feed: &Feed) -> Vec<(&str, bool)> {
    let Feed {
        title,
        publisher,
        generated_at: _,
        sample: _,
        audiences,
        recommendations,
        warnings,
        signed_at: _,
    } = feed;
    let mut out = vec![(title.as_str(), true), (publisher.as_str(), true)];
    for Audience { id, name } in audiences {
        out.extend([(id.as_str(), true), (name.as_str(), true)]);
    }
    for warning in warnings {
        out.push((warning.as_str(), true));
    }
    for rec in recommendations {
        let Recommendation {
            id: RecId(id),
            audience: _,
            title,
            text,
            status,
            priority: _,
            owners,
            themes,
            due: _,
            last_assessed: _,
            status_note,
            evidence,
            history,
            notes,
            visibility: _,
        } = rec;
        out.extend([
            (id.as_str(), true),
            (title.as_str(), true),
            (text.as_str(), false),
        ]);
        out.extend(status_string(status).map(|s| (s, true)));
        out.extend(owners.iter().chain(themes).map(|s| (s.as_str(), true)));
        out.extend(status_note.as_deref().map(|s| (s, false)));
        for Evidence {
            title,
            url,
            date: _,
            visibility: _,
        } in evidence
        {
            out.push((title.as_str(), true));
            out.extend(url.as_deref().map(|s| (s, true)));
        }
        for HistoryEntry {
            date: _,
            status,
            note,
            author,
            visibility: _,
        } in history
        {
            out.extend(status_string(status).map(|s| (s, true)));
            out.extend(note.as_deref().map(|s| (s, false)));
            out.extend(author.as_deref().map(|s| (s, true)));
        }
        for Note {
            date: _,
            text,
            author,
            visibility: _,
        } in notes
        {
            out.push((text.as_str(), false));
            out.extend(author.as_deref().map(|s| (s, true)));
        }
    }
    out
}

fn status_string(status: &Status) -> Option<&str> {
    match status {
        Status::Unrecognised(value) => Some(value),
        _ => None,
    }
}
