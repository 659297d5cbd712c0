//! The edit form: a new assessment of one recommendation, as typed, and the edit it makes.
//!
//! Text fields are `ratatui-textarea` editors; status, priority and visibility are chosen with
//! Up/Down. [`EditForm::assessment`] checks every field and names the ones that are wrong, so the
//! form can show the error beside the field and stay open.

use chrono::NaiveDate;
use ratatui_textarea::{Input, Key, TextArea, WrapMode};

use crate::model::edit::{Assessment, Fingerprint, NewEvidence};
use crate::model::{Priority, RecId, Recommendation, Status};
use crate::text::sanitize::{self, caps};

/// The fields of the form, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The new status.
    Status,
    /// Why: the history entry's note, several lines.
    Note,
    /// The day of the assessment.
    Date,
    /// A document that shows the status.
    EvidenceUrl,
    /// What that document is.
    EvidenceTitle,
    /// How urgent it is.
    Priority,
    /// When it is due.
    Due,
    /// Who is responsible, comma-separated.
    Owners,
    /// Whether the note and the evidence are for staff only.
    Visibility,
}

impl Field {
    /// Every field, in order.
    pub const ALL: [Field; 9] = [
        Field::Status,
        Field::Note,
        Field::Date,
        Field::EvidenceUrl,
        Field::EvidenceTitle,
        Field::Priority,
        Field::Due,
        Field::Owners,
        Field::Visibility,
    ];

    /// Its label on screen.
    pub fn label(self) -> &'static str {
        match self {
            Field::Status => "Status",
            Field::Note => "Note",
            Field::Date => "Date",
            Field::EvidenceUrl => "Evidence URL",
            Field::EvidenceTitle => "Evidence title",
            Field::Priority => "Priority",
            Field::Due => "Due",
            Field::Owners => "Owners",
            Field::Visibility => "Visibility",
        }
    }

    /// The field `step` places after this one, going round.
    pub fn moved(self, step: isize) -> Field {
        let at = Field::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let len = Field::ALL.len() as isize;
        let next = (at as isize + step).rem_euclid(len);
        Field::ALL[usize::try_from(next).unwrap_or(0)]
    }

    /// True for the fields chosen with Up/Down rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(self, Field::Status | Field::Priority | Field::Visibility)
    }
}

/// The statuses in the order of progress, as the form offers them.
pub fn statuses_in_progress_order() -> Vec<Status> {
    let mut known = Status::KNOWN.to_vec();
    known.sort_by_key(|s| s.sort_rank().unwrap_or(u8::MAX));
    known
}

/// The form as typed.
#[derive(Debug, Clone)]
pub struct EditForm {
    /// The recommendation it assesses.
    pub id: RecId,
    /// The field with the cursor.
    pub field: Field,
    /// The status chosen.
    pub status: Status,
    /// The priority chosen; `None` only for a record that has none.
    pub priority: Option<Priority>,
    /// The note and evidence are for staff only.
    pub internal: bool,
    /// The history entry's note.
    pub note: TextArea<'static>,
    /// The day, `YYYY-MM-DD`.
    pub date: TextArea<'static>,
    /// The evidence's address.
    pub evidence_url: TextArea<'static>,
    /// The evidence's title.
    pub evidence_title: TextArea<'static>,
    /// The due date, `YYYY-MM-DD`.
    pub due: TextArea<'static>,
    /// The owners, comma-separated.
    pub owners: TextArea<'static>,
    /// What is wrong with each field, from the last try to save.
    pub errors: Vec<(Field, String)>,
    /// A message about the save as a whole, such as a conflict.
    pub message: Option<String>,
    /// Esc was pressed with changes typed: the form asks before it leaves.
    pub confirm_discard: bool,
    /// A save is under way.
    pub saving: bool,
    /// The fingerprint of the file the form applies to: the file as loaded when the form opened.
    pub base: Option<Fingerprint>,
    /// After a conflict, the next file loaded becomes the base.
    pub rebase: bool,
    /// The values when the form opened, to tell whether anything was typed.
    initial: Values,
}

/// The values of the form, compared to tell whether anything changed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Values {
    status: Status,
    priority: Option<Priority>,
    internal: bool,
    texts: [Vec<String>; 6],
}

impl EditForm {
    /// A form for `rec`, filled with what it has now; the date is `today`.
    pub fn new(rec: &Recommendation, today: NaiveDate, base: Option<Fingerprint>) -> EditForm {
        let status = match &rec.status {
            Status::Unrecognised(_) => Status::NotAssessed,
            known => known.clone(),
        };
        let mut note = TextArea::default();
        note.set_wrap_mode(WrapMode::WordOrGlyph);
        let line = |text: String| TextArea::new(vec![text]);
        let due = rec.due.map(|d| d.to_string()).unwrap_or_default();
        let mut form = EditForm {
            id: rec.id.clone(),
            field: Field::Status,
            status,
            priority: rec.priority,
            internal: false,
            note,
            date: line(today.to_string()),
            evidence_url: line(String::new()),
            evidence_title: line(String::new()),
            due: line(due),
            owners: line(rec.owners.join(", ")),
            errors: Vec::new(),
            message: None,
            confirm_discard: false,
            saving: false,
            base,
            rebase: false,
            initial: Values {
                status: Status::NotAssessed,
                priority: None,
                internal: false,
                texts: Default::default(),
            },
        };
        for area in form.text_areas_mut() {
            area.move_cursor(ratatui_textarea::CursorMove::End);
        }
        form.initial = form.values();
        form
    }

    fn values(&self) -> Values {
        Values {
            status: self.status.clone(),
            priority: self.priority,
            internal: self.internal,
            texts: [
                self.note.lines().to_vec(),
                self.date.lines().to_vec(),
                self.evidence_url.lines().to_vec(),
                self.evidence_title.lines().to_vec(),
                self.due.lines().to_vec(),
                self.owners.lines().to_vec(),
            ],
        }
    }

    fn text_areas_mut(&mut self) -> [&mut TextArea<'static>; 6] {
        [
            &mut self.note,
            &mut self.date,
            &mut self.evidence_url,
            &mut self.evidence_title,
            &mut self.due,
            &mut self.owners,
        ]
    }

    /// True when something differs from what the form opened with.
    pub fn is_changed(&self) -> bool {
        self.values() != self.initial
    }

    /// The editor of a text field; `None` for a field chosen with Up/Down.
    pub fn text(&self, field: Field) -> Option<&TextArea<'static>> {
        match field {
            Field::Note => Some(&self.note),
            Field::Date => Some(&self.date),
            Field::EvidenceUrl => Some(&self.evidence_url),
            Field::EvidenceTitle => Some(&self.evidence_title),
            Field::Due => Some(&self.due),
            Field::Owners => Some(&self.owners),
            Field::Status | Field::Priority | Field::Visibility => None,
        }
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextArea<'static>> {
        match field {
            Field::Note => Some(&mut self.note),
            Field::Date => Some(&mut self.date),
            Field::EvidenceUrl => Some(&mut self.evidence_url),
            Field::EvidenceTitle => Some(&mut self.evidence_title),
            Field::Due => Some(&mut self.due),
            Field::Owners => Some(&mut self.owners),
            Field::Status | Field::Priority | Field::Visibility => None,
        }
    }

    /// The error shown beside `field`, if any.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// A key typed into the field with the cursor: Up/Down choose, text goes to the editor.
    /// Enter in a one-line field moves to the next field. True when the form changed.
    pub fn type_key(&mut self, input: Input) -> bool {
        if self.field.is_choice() {
            let step = match input.key {
                Key::Up => -1,
                Key::Down | Key::Char(' ') => 1,
                _ => return false,
            };
            self.choose(step);
            return true;
        }
        let multi_line = self.field == Field::Note;
        let newline = matches!(input.key, Key::Enter | Key::Char('\n' | '\r'))
            || (input.ctrl && input.key == Key::Char('m'));
        if newline && !multi_line {
            self.field = self.field.moved(1);
            return true;
        }
        let field = self.field;
        match self.text_mut(field) {
            Some(area) => area.input(input),
            None => false,
        }
    }

    fn choose(&mut self, step: isize) {
        match self.field {
            Field::Status => {
                let all = statuses_in_progress_order();
                let at = all.iter().position(|s| *s == self.status).unwrap_or(0);
                let next = (at as isize + step).clamp(0, all.len() as isize - 1);
                self.status = all[usize::try_from(next).unwrap_or(0)].clone();
            }
            Field::Priority => {
                // A priority can be changed here, not removed: "not set" is offered only while
                // the record has none.
                let mut all = Vec::new();
                if self.initial.priority.is_none() {
                    all.push(None);
                }
                all.extend([Priority::High, Priority::Medium, Priority::Low].map(Some));
                let at = all.iter().position(|p| *p == self.priority).unwrap_or(0);
                let next = (at as isize + step).clamp(0, all.len() as isize - 1);
                self.priority = all[usize::try_from(next).unwrap_or(0)];
            }
            Field::Visibility => self.internal = !self.internal,
            _ => {}
        }
    }

    /// The assessment the form asks for, by `author`; or the fields that are wrong, each with
    /// what is wrong.
    pub fn assessment(&self, author: Option<&str>) -> Result<Assessment, Vec<(Field, String)>> {
        let mut errors = Vec::new();
        let one = |area: &TextArea<'_>, cap| sanitize::line(&area.lines().join(" "), cap);
        let date = match parse_date(&one(&self.date, 20)) {
            Some(date) => date,
            None => {
                errors.push((
                    Field::Date,
                    "a date as YYYY-MM-DD, such as 2026-06-30".into(),
                ));
                NaiveDate::default()
            }
        };
        let url = one(&self.evidence_url, caps::URL);
        let title = one(&self.evidence_title, caps::TITLE);
        if url.is_empty() && !title.is_empty() {
            errors.push((
                Field::EvidenceTitle,
                "a title needs the evidence URL above".into(),
            ));
        }
        let due_text = one(&self.due, 20);
        let due_changed = self.due.lines() != self.initial.texts[4].as_slice();
        let due = match (due_changed, due_text.is_empty()) {
            (false, _) => None,
            (true, true) => {
                errors.push((Field::Due, "a due date cannot be removed here".into()));
                None
            }
            (true, false) => parse_date(&due_text).or_else(|| {
                errors.push((
                    Field::Due,
                    "a date as YYYY-MM-DD, such as 2026-12-31".into(),
                ));
                None
            }),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let owners_changed = self.owners.lines() != self.initial.texts[5].as_slice();
        let owners = owners_changed.then(|| {
            one(&self.owners, caps::URL)
                .split(',')
                .map(|o| sanitize::line(o, caps::OWNER))
                .filter(|o| !o.is_empty())
                .collect()
        });
        let note = sanitize::text(&self.note.lines().join("\n"), caps::NOTE);
        Ok(Assessment {
            id: self.id.0.clone(),
            status: self.status.clone(),
            date,
            note: Some(note.trim().to_owned()).filter(|n| !n.is_empty()),
            author: author.map(str::to_owned),
            evidence: (!url.is_empty()).then(|| NewEvidence {
                url,
                title: Some(title).filter(|t| !t.is_empty()),
            }),
            internal: self.internal,
            priority: self.priority.filter(|p| Some(*p) != self.initial.priority),
            due,
            owners,
        })
    }
}

/// A date written exactly as `YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}
