//! Editing a local feed from the console: opening the form, its keys, the save and its answer,
//! conflicts, and undo. The write itself is an [`Effect::Save`] that the event loop carries out.

use ratatui_textarea::{Input, Key};

use super::action::Saved;
use super::form::EditForm;
use super::{Action, App, Effect, View};
use crate::layout;
use crate::model::edit::{Edit, Fingerprint};
use crate::model::{RecId, Recommendation};

/// Shown in the form when a save found the file changed on disk.
pub const CONFLICT: &str =
    "the file changed on disk; your edit is kept: Ctrl-s applies it to the new version";

/// Where the feed on screen comes from, as far as editing it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeedPlace {
    /// A local file: the console may edit it.
    File,
    /// A server: it is changed at its source.
    Server,
    /// The built-in sample.
    #[default]
    Sample,
}

/// What editing needs to know and remember for this session.
#[derive(Debug, Clone, Default)]
pub struct Editing {
    /// Where the feed comes from.
    pub place: FeedPlace,
    /// Who records the assessments, written in each history entry.
    pub author: Option<String>,
    /// The fingerprint of the file as last read or written by this console.
    pub loaded: Option<Fingerprint>,
    /// The saves of this session, last last: how to undo each, and the record as written.
    undo: Vec<(Edit, Recommendation)>,
    /// The save under way, if any: `true` for an undo.
    saving: Option<bool>,
}

impl Editing {
    /// Editing a feed from `place`, by `author`.
    pub fn new(place: FeedPlace, author: Option<String>) -> Editing {
        Editing {
            place,
            author,
            ..Editing::default()
        }
    }

    /// How many saves of this session can be undone.
    pub fn undoable(&self) -> usize {
        self.undo.len()
    }

    /// Why the feed cannot be edited here, if it cannot.
    fn refusal(&self) -> Option<&'static str> {
        match self.place {
            FeedPlace::File => None,
            FeedPlace::Server => Some("this feed comes from a server: change it at its source"),
            FeedPlace::Sample => {
                Some("the built-in sample cannot be edited: start with rapporteur init FILE")
            }
        }
    }
}

impl App {
    /// Why nothing can be written now: the feed cannot be edited here, or a save is under way.
    fn why_not_write(&self) -> Option<String> {
        if let Some(why) = self.editing.refusal() {
            return Some(why.to_string());
        }
        self.editing
            .saving
            .is_some()
            .then(|| "a save is under way".to_owned())
    }

    /// `e`: opens the edit form on the recommendation on screen, or says why it cannot.
    pub(super) fn open_form(&mut self) -> Effect {
        if let Some(why) = self.why_not_write() {
            self.notify(why);
            return Effect::Redraw;
        }
        let rec = match self.view {
            View::Detail { .. } => self.detail(),
            View::Main => self.selected(),
            View::Changes { .. } | View::Progress | View::Baselines { .. } => None,
        };
        match rec {
            Some(rec) => {
                self.form = Some(EditForm::new(rec, self.today(), self.editing.loaded));
            }
            None => self.notify("choose a recommendation to edit first"),
        }
        Effect::Redraw
    }

    /// A key typed while the form is open.
    pub(super) fn on_form_key(&mut self, input: Input) -> Effect {
        let Some(form) = &mut self.form else {
            return Effect::None;
        };
        if form.confirm_discard {
            match input.key {
                Key::Char('y' | 'Y') => self.form = None,
                Key::Char('n' | 'N') | Key::Esc => form.confirm_discard = false,
                _ => return Effect::None,
            }
            return Effect::Redraw;
        }
        if form.saving {
            return Effect::None;
        }
        match input {
            Input { key: Key::Esc, .. }
            | Input {
                key: Key::Char('c'),
                ctrl: true,
                ..
            } => {
                if form.is_changed() {
                    form.confirm_discard = true;
                } else {
                    self.form = None;
                }
            }
            Input {
                key: Key::Tab,
                shift,
                ..
            } => form.field = form.field.moved(if shift { -1 } else { 1 }),
            Input {
                key: Key::Char('s'),
                ctrl: true,
                ..
            } => return self.save_form(),
            input => {
                if !form.type_key(input) {
                    return Effect::None;
                }
            }
        }
        Effect::Redraw
    }

    /// Ctrl-s: checks the form and asks for the save, or shows what is wrong.
    fn save_form(&mut self) -> Effect {
        let author = self.editing.author.clone();
        let Some(form) = &mut self.form else {
            return Effect::None;
        };
        match form.assessment(author.as_deref()) {
            Err(errors) => {
                form.field = errors.first().map_or(form.field, |(f, _)| *f);
                form.errors = errors;
                Effect::Redraw
            }
            Ok(_) if form.base.is_none() => {
                form.message = Some("the file is not loaded yet; try again in a moment".into());
                Effect::Redraw
            }
            Ok(assessment) => {
                form.errors.clear();
                form.message = None;
                form.saving = true;
                self.editing.saving = Some(false);
                Effect::Save {
                    edit: Box::new(Edit::Assess(assessment)),
                    expected: form.base,
                }
            }
        }
    }

    /// `u`: undoes the last save of this session with a new save, unless the record changed
    /// since (the undo would lose that change).
    pub(super) fn undo(&mut self) -> Effect {
        if let Some(why) = self.why_not_write() {
            self.notify(why);
            return Effect::Redraw;
        }
        let Some((edit, written)) = self.editing.undo.last() else {
            self.notify("nothing to undo: no change was saved in this session");
            return Effect::Redraw;
        };
        let now = self
            .feed
            .as_ref()
            .and_then(|f| f.recommendations.iter().find(|r| r.id == written.id));
        if now != Some(written) {
            let why = format!(
                "{} changed since your save; undoing it would lose that change, so nothing was undone",
                written.id.0
            );
            self.notify(why);
            return Effect::Redraw;
        }
        let effect = Effect::Save {
            edit: Box::new(edit.clone()),
            expected: self.editing.loaded,
        };
        self.editing.saving = Some(true);
        effect
    }

    /// A save was written: the new feed is shown at once, with the record's history in view. It
    /// is put on screen as a feed from the source is, with its marks and its changes since the
    /// baseline, from what was worked out where it was written when that still fits.
    pub(super) fn on_saved(&mut self, saved: Saved) -> Effect {
        let Saved {
            feed,
            fingerprint,
            undo,
            ready,
        } = saved;
        let was_undo = self.editing.saving.take() == Some(true);
        self.editing.loaded = Some(fingerprint);
        let id = RecId(undo.id().to_owned());
        let written = feed.recommendations.iter().find(|r| r.id.0 == undo.id());
        let id = written.map_or(id, |r| r.id.clone());
        if was_undo {
            self.editing.undo.pop();
        } else if let Some(rec) = written {
            self.editing.undo.push((undo.clone(), rec.clone()));
        }
        let status = written.map(|r| r.status.to_string()).unwrap_or_default();
        let new_feed = self.set_marked_feed(feed, self.now, ready);
        if !was_undo {
            self.form = None;
        }
        self.show_history(id.clone());
        let what = if was_undo { "undone" } else { "saved" };
        let hint = match self.editing.undo.is_empty() {
            true => String::new(),
            false => format!(" ({} undoes)", self.key(&Action::Undo)),
        };
        self.notify(format!("{what}: {} is {status}{hint}", id.0));
        // What was written counts in the progress series (the sparklines) as a load does.
        Effect::Batch(vec![new_feed, self.progress_job()])
    }

    /// A save was refused or failed: nothing was written, and what was typed is kept.
    pub(super) fn on_save_failed(&mut self, message: String, conflict: bool) -> Effect {
        let was_undo = self.editing.saving.take() == Some(true);
        match &mut self.form {
            Some(form) if !was_undo => {
                form.saving = false;
                form.rebase = conflict;
                form.message = Some(if conflict { CONFLICT.into() } else { message });
            }
            _ if conflict => self.notify("the file changed on disk, so nothing was undone"),
            _ => self.notify(message),
        }
        // The new version is read now, so that the next Ctrl-s applies to it.
        if conflict {
            self.load.loading = true;
            Effect::Refresh
        } else {
            Effect::Redraw
        }
    }

    /// The file was read: what it holds is what the next save must find.
    pub(super) fn on_file_read(&mut self, fingerprint: Fingerprint) {
        self.editing.loaded = Some(fingerprint);
        if let Some(form) = &mut self.form
            && form.rebase
        {
            form.base = Some(fingerprint);
            form.rebase = false;
        }
    }

    /// The detail view of `id`, scrolled so that its history shows.
    fn show_history(&mut self, id: RecId) {
        self.view = View::Detail { id, scroll: 0 };
        let lines = self.detail_lines();
        let visible = layout::detail_inner(self.size).height as usize;
        let Some(start) = lines.iter().position(|l| l.label == "History") else {
            return;
        };
        let end = lines[start + 1..]
            .iter()
            .position(|l| !l.label.is_empty())
            .map_or(lines.len(), |n| start + 1 + n);
        let top = if end - start <= visible {
            start
        } else {
            end - visible
        };
        let top = u16::try_from(top)
            .unwrap_or(u16::MAX)
            .min(self.detail_max_scroll());
        if let View::Detail { scroll, .. } = &mut self.view {
            *scroll = top;
        }
    }
}
